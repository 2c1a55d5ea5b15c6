//! Kaidan (階段): a desktop designer for two-axis customer journey maps.
//!
//! The library holds everything; the `kaidan` binary only parses arguments. See
//! `DESIGN.md`-style module map in the README: `model` (the document), `edit` (commands
//! and undo), `io` (files and CSV import), `nps` (survey statistics), `cli` (command line), `app` (the eframe application).

pub mod app;
pub mod bundled;
pub mod cli;
pub mod edit;
pub mod export;
pub mod fonts;
pub mod i18n;
pub mod io;
pub mod layout;
pub mod linebreak;
pub mod model;
pub mod nps;
pub mod paint;
