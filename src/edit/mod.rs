//! Edits to a journey: commands that keep the model's rules, and the undo/redo history.
//!
//! Touches no UI: the app and the CLI build [`Command`]s and apply them here.

mod command;
mod department;
mod describe;
mod error;
mod history;
mod vote;

pub use command::{Command, MetaField, StepField, StepMove, WaveField};
pub use department::remove_department;
pub use describe::{Action, Description};
pub use error::EditError;
pub use history::History;
pub use vote::VoteEdit;
