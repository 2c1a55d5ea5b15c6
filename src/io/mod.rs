//! Files: `*.kaidan.ron` projects (versioned, deterministic, saved atomically through
//! symbolic links by [`write_atomically`], which every writer of a file uses), recovery
//! copies of unsaved work, and NPS survey CSV import.
//!
//! Decides no layout and no UI; errors are values the caller shows to the user.

mod error;
pub mod events_csv;
mod project;
pub mod recovery;
pub mod survey_csv;

pub use error::{LoadError, Origin, SaveError, SaveErrorKind};
pub use project::{
    FORMAT_VERSION, MAX_FILE_BYTES, from_bytes, from_str, load, save, to_string, write_atomically,
};
