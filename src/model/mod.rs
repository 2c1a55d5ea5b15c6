//! The document model: a journey of steps placed in time and affinity, and its rules.
//!
//! Knows nothing of egui, files or pixels.

mod colour;
mod emotion;
mod ids;
mod journey;
pub mod limits;
mod link;
mod step;
mod structure;
mod survey;
pub mod synthetic;
mod validate;

pub use colour::{ParseRgbError, Rgb};
pub use emotion::{Emotion, Feeling, Moment, VALENCE_RANGE};
pub use ids::{LevelId, PhaseId, StepId};
pub use journey::{Journey, Persona};
pub use link::Link;
pub use step::{Channel, Initiative, Step, StepKind, Touchpoint};
pub use structure::{Level, Phase};
pub use survey::{NPS_RANGE, Scores, Surveys, Wave, is_valid_date};
pub use validate::{MAX_ID, NAME_SHOWN_CHARS, Named, Problem, shortened};
