//! UI tests: the real editor (`KaidanApp` as an `eframe::App`) driven through `egui_kittest`
//! with real input events — pointer presses, moves and releases at the screen positions where
//! the cards are drawn, key presses, typed text and IME composition, and what the window
//! integration hands egui: clipboard events, wheel and pinch zoom, the close button, dropped
//! files — and checked on the document, the view and the frame's output afterwards. No GPU
//! and no display: nothing is rendered, only egui's passes run.
//!
//! Every edit is also undone with Ctrl+Z and redone with Ctrl+Shift+Z and Ctrl+Y, and must
//! come back exactly (the whole `Journey` is compared).
//!
//! Positions come from the app's own layout (`card_screen_rect`, `to_screen`), so the tests
//! follow the camera fit instead of hard-coding pixels. The example journey is the bundled
//! すっぽん小町 case (`examples/teinei.kaidan.ron`); the step ids used are from that file.
//!
//! One test binary (`cargo test --test ui`), in modules:
//!
//! - shared: `helpers` (set-up, the example's steps, journey checks, and the two patterns
//!   most tests follow: an edit that must be refused, and an edit on a selection that must
//!   undo and redo), `screen` (where things are drawn, what was painted) and `input`
//!   (pointer, keys, text, clipboard events, menus); `common` is the harness set-up shared
//!   with the other UI test binaries;
//! - tests by area: `canvas` (creating by double-click, dragging, connecting, the rubber
//!   band, the camera), `editing` (rename, delete, select all, duplicate, clipboard),
//!   `keyboard` (Enter adds a step, arrows nudge), `menus` (the Edit and View menus, the
//!   shortcut sheet, language), `panels` (the side panel and the inspector), `files` (save,
//!   open, close, dropped files, templates), `emotions`, `survey` (NPS import and waves),
//!   `export` (the export dialog and its worker), `initiatives` (initiatives and
//!   departments) and `presenter` (presenter view and the timer).

#[path = "../common/mod.rs"]
mod common;

mod helpers;
mod input;
mod screen;

mod canvas;
mod editing;
mod emotions;
mod export;
mod files;
mod initiatives;
mod keyboard;
mod menus;
mod panels;
mod presenter;
mod survey;
