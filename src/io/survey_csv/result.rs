//! What an import yields: [`SurveyImport`], the scores per wave with what was detected
//! about the file, and the one undoable command that puts it into the journey.
//!
//! Apart from the parsing so that what the file held and how it becomes an edit read
//! without the CSV machinery around them.

use crate::edit::{Command, Description};
use crate::model::{Journey, Scores, StepId, Wave};
use std::collections::BTreeMap;

/// What the scores of a CSV row are about: a step, or the brand as a whole (`None`).
pub type Target = Option<StepId>;

/// The layout of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One answer per row.
    Long,
    /// One respondent per row, one column per step.
    Wide,
}

/// A parsed survey file, checked against the journey, ready to become one command.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyImport {
    /// Scores per wave, waves in the order the file first names them.
    pub waves: Vec<(String, BTreeMap<Target, Scores>)>,
    /// Number of answers (non-empty score cells).
    pub answers: u64,
    /// The detected encoding ("UTF-8", "Shift_JIS", …).
    pub encoding: &'static str,
    /// The detected delimiter.
    pub delimiter: char,
    /// The detected layout.
    pub shape: Shape,
}

impl SurveyImport {
    /// The one command that puts the import into the journey (undone in one step):
    /// new waves are added at the end; in existing waves the imported steps' scores are
    /// replaced and the other steps keep theirs.
    #[must_use]
    pub fn command(&self, journey: &Journey) -> Command {
        let mut commands = Vec::new();
        let mut added = 0;
        for (name, scores) in &self.waves {
            if journey.surveys.wave_index(name).is_some() {
                commands.extend(scores.iter().map(|(&step, &s)| Command::SetScores {
                    wave: name.clone(),
                    step,
                    scores: Some(s),
                }));
            } else {
                let mut wave = Wave::named(name.clone());
                for (&target, &s) in scores {
                    match target {
                        Some(id) => {
                            wave.steps.insert(id, s);
                        }
                        None => wave.overall = Some(s),
                    }
                }
                commands.push(Command::AddWave(journey.surveys.waves.len() + added, wave));
                added += 1;
            }
        }
        Command::Batch(commands)
    }

    /// How the import reads in the undo menu: the waves it touched.
    #[must_use]
    pub fn description(&self) -> Description {
        let names: Vec<&str> = self.waves.iter().map(|(n, _)| n.as_str()).collect();
        Description::new(crate::edit::Action::ImportSurvey, names.join(", "))
    }

    /// The number of steps (and brand-level questions) with imported scores.
    #[must_use]
    pub fn targets(&self) -> usize {
        self.waves.iter().map(|(_, s)| s.len()).sum()
    }
}
