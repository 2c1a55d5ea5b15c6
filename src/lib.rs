//! Kaidan (階段): a desktop designer for two-axis customer journey maps.
//!
//! The library holds everything; the `kaidan` binary only parses arguments. The modules, from
//! the document outwards:
//!
//! - [`model`]: the journey (steps, links, levels, phases, emotions, surveys, departments,
//!   votes, customer flows) and its rules; no egui, files or pixels.
//! - [`edit`]: every change as a command with its inverse, the undo history, and the vote
//!   edits kept outside it.
//! - [`io`]: project files (versioned RON, saved atomically), the survey and event-log CSV
//!   imports, recovery copies.
//! - [`nps`]: survey statistics; [`kpi`]: the KPI lane's figures per phase.
//! - [`layout`]: where everything goes (cards, connectors, lanes), in diagram units.
//! - [`paint`]: the one painter for screen and export; [`linebreak`] and [`fonts`] serve it.
//! - [`export`]: PNG (CPU rasteriser), PDF and SVG slides and decks.
//! - [`i18n`]: every text in Japanese and English.
//! - [`cli`]: the command-line subcommands; [`app`]: the eframe application.
//! - [`bundled`]: the example journeys built into the binary.

pub mod app;
pub mod bundled;
pub mod cli;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod i18n;
pub mod io;
pub mod kpi;
pub mod layout;
pub mod linebreak;
pub mod model;
pub mod nps;
pub mod paint;
