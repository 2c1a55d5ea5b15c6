//! Survey data laid over the journey: waves of answers to "how likely are you to recommend
//! … (0–10)?", counted per score, per step.
//!
//! Only counts are stored, never respondents: 11 numbers per step and wave diff well and
//! carry everything the statistics in [`crate::nps`] need.

use super::ids::StepId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many answers gave each score 0..=10 (index = score).
///
/// Written to files as one line, `(0, 0, 1, 3, 5, 9, 12, 8, 6, 3, 2)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Scores(pub [u32; 11]);

impl Scores {
    /// The highest score on the scale.
    pub const MAX_SCORE: u8 = 10;

    /// Number of answers.
    #[must_use]
    pub fn n(&self) -> u64 {
        self.0.iter().map(|&c| u64::from(c)).sum()
    }

    /// Whether no one answered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&c| c == 0)
    }

    /// Scores from individual answers (each 0..=10; others are ignored).
    #[must_use]
    pub fn from_answers(answers: impl IntoIterator<Item = u8>) -> Self {
        let mut s = Self::default();
        for a in answers {
            if let Some(c) = s.0.get_mut(usize::from(a)) {
                *c = c.saturating_add(1);
            }
        }
        s
    }
}

/// One round of a survey (e.g. 2026年春): per step, the scores given at that touchpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// Name, unique in the journey (e.g. "2026年春").
    pub name: String,
    /// When it was fielded, `YYYY-MM-DD`, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The brand-level question ("overall, how likely…"), if asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<Scores>,
    /// Scores per step; steps not asked about are absent.
    #[serde(default)]
    pub steps: BTreeMap<StepId, Scores>,
}

impl Wave {
    /// An empty wave called `name`.
    #[must_use]
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The scores for a step (`None` = the brand-level question).
    #[must_use]
    pub fn scores(&self, step: Option<StepId>) -> Option<&Scores> {
        match step {
            Some(id) => self.steps.get(&id),
            None => self.overall.as_ref(),
        }
    }
}

/// Every survey wave of a journey, oldest first, and the industry NPS to compare with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Surveys {
    /// An industry or competitor NPS the team compares against, drawn as a line in plots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<i32>,
    /// Waves in time order: "the previous wave" is the one before in this list.
    #[serde(default)]
    pub waves: Vec<Wave>,
}

impl Surveys {
    /// Whether there is nothing to save (files without surveys leave the field out).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.benchmark.is_none() && self.waves.is_empty()
    }

    /// Index of the wave called `name`.
    #[must_use]
    pub fn wave_index(&self, name: &str) -> Option<usize> {
        self.waves.iter().position(|w| w.name == name)
    }

    /// The wave called `name`.
    #[must_use]
    pub fn wave(&self, name: &str) -> Option<&Wave> {
        self.wave_index(name).map(|i| &self.waves[i])
    }

    /// The wave to show: the one called `name`, or the latest when `name` is `None` or
    /// names no wave.
    #[must_use]
    pub fn shown(&self, name: Option<&str>) -> Option<&Wave> {
        name.and_then(|n| self.wave(n)).or(self.waves.last())
    }
}

/// Whether `date` is empty or a real calendar date written `YYYY-MM-DD` (2026-02-31 is not).
#[must_use]
pub fn is_valid_date(date: &str) -> bool {
    if date.is_empty() {
        return true;
    }
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    match (number(y, 4), number(m, 2), number(d, 2)) {
        (Some(y), Some(m), Some(d)) => jiff::civil::Date::new(y, m as i8, d as i8).is_ok(),
        _ => false,
    }
}

/// The range a benchmark NPS may take.
pub const NPS_RANGE: std::ops::RangeInclusive<i32> = -100..=100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_answers() {
        let s = Scores::from_answers([0, 10, 10, 7, 11]);
        assert_eq!(s.n(), 4);
        assert_eq!(s.0[10], 2);
        assert!(!s.is_empty());
        assert!(Scores::default().is_empty());
    }

    #[test]
    fn dates() {
        assert!(is_valid_date(""));
        assert!(is_valid_date("2026-04-01"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("2026-02-31"), "not in the calendar");
        assert!(!is_valid_date("2026-02-29"), "2026 is no leap year");
        assert!(is_valid_date("2028-02-29"));
        assert!(!is_valid_date("2026-04-00"));
        assert!(!is_valid_date("2026-4-1"));
        assert!(!is_valid_date("26-04-01"));
        assert!(!is_valid_date("2026/04/01"));
        assert!(!is_valid_date("２０２６-04-01"));
    }

    #[test]
    fn scores_are_one_line_in_ron() {
        let text = ron::to_string(&Scores([0, 0, 1, 3, 5, 9, 12, 8, 6, 3, 2])).expect("ron");
        assert_eq!(text, "(0,0,1,3,5,9,12,8,6,3,2)");
    }
}
