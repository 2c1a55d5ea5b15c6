//! Long or wide: what each column holds, decided from the header ([`Columns`]), each row's
//! answers counted into the waves ([`Tally`]), and the strict reading of a score cell.
//!
//! The meaning of the table for the journey, apart from how its text is read.

use super::errors::rows_error;
use super::steps::StepIndex;
use super::table::{Role, cell_text, normalize, role, trim_bytes};
use super::{Column, ImportError, RowError, RowProblem, Target, quoted_cell};
use crate::model::Scores;
use std::borrow::Cow;
use std::collections::HashMap;

/// A score cell: `None` if empty, else 0..=10 or an error. Digits in any width (`１０`).
fn score(cell: &[u8]) -> Result<Option<u8>, RowError> {
    /// Longer than any way of writing 0–10, even in full width with spaces around.
    const LONGEST_SCORE_BYTES: usize = 32;
    let cell = trim_bytes(cell);
    match cell {
        [] => Ok(None),
        [d] if d.is_ascii_digit() => Ok(Some(d - b'0')),
        b"10" => Ok(Some(10)),
        _ => {
            let text = cell_text(cell);
            let bad = || RowError::BadScore(quoted_cell(&text));
            if text.len() > LONGEST_SCORE_BYTES {
                return Err(bad());
            }
            match normalize(&text).as_str() {
                "" => Ok(None),
                n if n.bytes().all(|b| b.is_ascii_digit()) => n
                    .parse::<u8>()
                    .ok()
                    .filter(|s| *s <= Scores::MAX_SCORE)
                    .map(Some)
                    .ok_or_else(bad),
                _ => Err(bad()),
            }
        }
    }
}

/// What each column holds, decided from the header.
pub(super) enum Columns {
    Long {
        step: usize,
        score: usize,
        wave: Option<usize>,
    },
    Wide {
        steps: Vec<(usize, Target)>,
        wave: Option<usize>,
    },
}

impl Columns {
    pub(super) fn of(
        header: &csv::ByteRecord,
        line: u64,
        steps: &StepIndex,
    ) -> Result<Self, ImportError> {
        let roles: Vec<Option<Role>> = header
            .iter()
            .map(|h| role(&normalize(&cell_text(h))))
            .collect();
        let all = |r| -> Vec<usize> { (0..roles.len()).filter(|&i| roles[i] == Some(r)).collect() };
        let (step, score, wave) = (all(Role::Step), all(Role::Score), all(Role::Wave));
        for (column, at) in [
            (Column::Step, &step),
            (Column::Score, &score),
            (Column::Wave, &wave),
        ] {
            if at.len() > 1 {
                let headers = at
                    .iter()
                    .map(|&i| (i + 1, quoted_cell(&cell_text(trim_bytes(&header[i])))))
                    .collect();
                return Err(ImportError::DuplicateColumns { column, headers });
            }
        }
        let wave = wave.first().copied();
        match (step.first().copied(), score.first().copied()) {
            (Some(step), Some(score)) => Ok(Self::Long { step, score, wave }),
            (Some(_), None) => Err(ImportError::MissingColumn {
                found: Column::Step,
                missing: Column::Score,
            }),
            (None, Some(_)) => Err(ImportError::MissingColumn {
                found: Column::Score,
                missing: Column::Step,
            }),
            (None, None) => {
                let mut problems = Vec::new();
                let mut columns: Vec<(usize, Target)> = Vec::new();
                for (i, cell) in header.iter().enumerate() {
                    if roles[i].is_some() {
                        continue;
                    }
                    match steps.find(cell) {
                        Ok(target) if columns.iter().any(|(_, t)| *t == target) => {
                            problems.push(RowProblem {
                                line,
                                error: RowError::DuplicateColumn(quoted_cell(&cell_text(
                                    trim_bytes(cell),
                                ))),
                            });
                        }
                        Ok(target) => columns.push((i, target)),
                        Err(RowError::MissingStep) => {} // an unnamed column, e.g. a timestamp
                        Err(error) => problems.push(RowProblem { line, error }),
                    }
                }
                if !problems.is_empty() {
                    return Err(rows_error(problems));
                }
                if columns.is_empty() {
                    return Err(ImportError::NoStepColumns);
                }
                Ok(Self::Wide {
                    steps: columns,
                    wave,
                })
            }
        }
    }

    /// Counts one row's answers, or says what is wrong with it (then nothing is counted).
    pub(super) fn tally(
        &self,
        row: &csv::ByteRecord,
        steps: &StepIndex,
        tally: &mut Tally,
    ) -> Result<(), RowError> {
        match self {
            Self::Long {
                step,
                score: at,
                wave,
            } => {
                let target = steps.find(&row[*step]);
                let value = score(&row[*at]);
                let (target, value) = (target?, value?.ok_or(RowError::MissingScore)?);
                let wave = tally.wave(wave.map(|w| &row[w]))?;
                tally.add(wave, target, value)
            }
            Self::Wide {
                steps: columns,
                wave,
            } => {
                let mut values = Vec::with_capacity(columns.len());
                for (i, target) in columns {
                    if let Some(v) = score(&row[*i])? {
                        values.push((*target, v));
                    }
                }
                if values.is_empty() {
                    return Ok(());
                }
                let wave = tally.wave(wave.map(|w| &row[w]))?;
                for (target, value) in values {
                    tally.add(wave, target, value)?;
                }
                Ok(())
            }
        }
    }
}

/// The counts so far.
pub(super) struct Tally {
    default_wave: String,
    pub(super) waves: Vec<(String, HashMap<Target, Scores>)>,
    pub(super) answers: u64,
    /// A row had no wave and no default was given.
    pub(super) needed_wave: bool,
}

impl Tally {
    pub(super) fn new(default_wave: &str) -> Self {
        Self {
            default_wave: default_wave.to_owned(),
            waves: Vec::new(),
            answers: 0,
            needed_wave: false,
        }
    }

    /// Index of the row's wave (the default when the cell is absent or empty). A name with
    /// a control character is refused, as the model refuses it.
    fn wave(&mut self, cell: Option<&[u8]>) -> Result<usize, RowError> {
        let named = cell.map(trim_bytes).filter(|c| !c.is_empty());
        if let Some(i) = named.and_then(|c| self.waves.iter().position(|(n, _)| n.as_bytes() == c))
        {
            return Ok(i);
        }
        let name = match named {
            Some(c) => {
                let name = cell_text(c);
                if name.chars().any(char::is_control) {
                    return Err(RowError::WaveNameControl(quoted_cell(&name)));
                }
                name
            }
            None if self.default_wave.is_empty() => {
                self.needed_wave = true;
                return Err(RowError::MissingWave);
            }
            None => Cow::Borrowed(self.default_wave.as_str()),
        };
        if let Some(i) = self.waves.iter().position(|(n, _)| *n == name) {
            return Ok(i);
        }
        self.waves.push((name.into_owned(), HashMap::new()));
        Ok(self.waves.len() - 1)
    }

    fn add(&mut self, wave: usize, target: Target, score: u8) -> Result<(), RowError> {
        let scores = self.waves[wave].1.entry(target).or_default();
        let count = &mut scores.0[usize::from(score)];
        *count = count.checked_add(1).ok_or(RowError::Overflow)?;
        self.answers += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_parse_strictly() {
        assert_eq!(score(b" 7 "), Ok(Some(7)));
        assert_eq!(score(b"10"), Ok(Some(10)));
        assert_eq!(score("１０".as_bytes()), Ok(Some(10)));
        assert_eq!(score("　８　".as_bytes()), Ok(Some(8)));
        assert_eq!(score(b""), Ok(None));
        assert_eq!(score(b"11"), Err(RowError::BadScore("11".into())));
        assert_eq!(score(b"-1"), Err(RowError::BadScore("-1".into())));
        assert_eq!(score(b"+7"), Err(RowError::BadScore("+7".into())));
        assert_eq!(score(b"abc"), Err(RowError::BadScore("abc".into())));
        assert_eq!(score(b"7.5"), Err(RowError::BadScore("7.5".into())));
    }
}
