//! The document model: a journey of steps placed in time and affinity, and its rules.
//!
//! Knows nothing of egui, files or pixels.

mod colour;
mod department;
mod emotion;
mod flow;
mod ids;
mod journey;
pub mod limits;
mod link;
mod plain;
mod step;
mod structure;
mod survey;
pub mod synthetic;
mod validate;
mod vote;

pub use colour::{ParseRgbError, Rgb};
pub use department::{DEPARTMENT_COLOURS, Department, department_colour};
pub use emotion::{Emotion, Feeling, Moment, VALENCE_RANGE};
pub use flow::{FlowWave, Move, PhaseCount, PhaseFlow, StepFlow};
pub use ids::{DepartmentId, LevelId, PhaseId, StepId};
pub use journey::{Journey, Persona};
pub use link::Link;
pub use step::{Channel, Initiative, InitiativeKind, Status, Step, StepKind, Touchpoint};
pub use structure::{Level, Phase};
pub use survey::{NPS_RANGE, Scores, Surveys, Wave, is_valid_date};
pub use validate::{MAX_ID, NAME_SHOWN_CHARS, Named, Problem, shortened};
pub use vote::{MAX_DOTS, MAX_PARTICIPANTS, Session, Subject, Tally};
