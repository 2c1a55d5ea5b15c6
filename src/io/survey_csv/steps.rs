//! Which step a cell names ([`StepIndex`]): by id (`s7` or `7`), by title as written or
//! after normalising, or the brand as a whole (`overall`, `全体`); a title that several
//! steps share is ambiguous.
//!
//! Both layouts need it (a long row's step cell, a wide header's columns), so it stands
//! apart from them.

use super::table::{cell_text, normalize, trim_bytes};
use super::{RowError, Target, quoted_cell};
use crate::model::{Journey, StepId};
use std::collections::HashMap;

/// A step found by a key: the target, or the ids of the several steps with that title.
type Found = Result<Target, String>;

/// Finds steps by id (`s7` or `7`) or title; `overall` / `全体` is the brand level. Titles
/// match as written first, then after [`normalize`].
pub(crate) struct StepIndex {
    /// Trimmed titles as written, the brand words and the ids.
    exact: HashMap<Vec<u8>, Found>,
    /// Normalised titles, the brand words and the ids.
    normalized: HashMap<String, Found>,
}

fn grouped<K: std::hash::Hash + Eq>(
    titles: HashMap<K, Vec<StepId>>,
) -> impl Iterator<Item = (K, Found)> {
    titles.into_iter().map(|(title, ids)| {
        let found = match ids.as_slice() {
            [one] => Ok(Some(*one)),
            many => Err(many
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")),
        };
        (title, found)
    })
}

impl StepIndex {
    pub(crate) fn new(journey: &Journey) -> Self {
        let mut exact: HashMap<Vec<u8>, Found> = HashMap::new();
        let mut normalized: HashMap<String, Found> = HashMap::new();
        for word in ["overall", "全体", "ブランド全体"] {
            exact.insert(word.as_bytes().to_vec(), Ok(None));
            normalized.insert(normalize(word), Ok(None));
        }
        let mut as_written: HashMap<&str, Vec<StepId>> = HashMap::new();
        let mut as_normalized: HashMap<String, Vec<StepId>> = HashMap::new();
        for s in &journey.steps {
            let key = normalize(&s.title);
            if key.is_empty() {
                continue; // an untitled step is found by its id only
            }
            as_written.entry(s.title.trim()).or_default().push(s.id);
            as_normalized.entry(key).or_default().push(s.id);
        }
        exact.extend(grouped(as_written).map(|(k, f)| (k.as_bytes().to_vec(), f)));
        normalized.extend(grouped(as_normalized));
        // Ids last: an id always means that step, even if some title reads like an id.
        for s in &journey.steps {
            for id in [s.id.to_string(), s.id.0.to_string()] {
                exact.insert(id.clone().into_bytes(), Ok(Some(s.id)));
                normalized.insert(id, Ok(Some(s.id)));
            }
        }
        Self { exact, normalized }
    }

    pub(crate) fn find(&self, cell: &[u8]) -> Result<Target, RowError> {
        let key = trim_bytes(cell);
        let found = if let Some(found) = self.exact.get(key) {
            found
        } else {
            let normalized = normalize(&cell_text(key));
            if normalized.is_empty() {
                return Err(RowError::MissingStep);
            }
            match self.normalized.get(&normalized) {
                Some(found) => found,
                None => return Err(RowError::UnknownStep(quoted_cell(&cell_text(key)))),
            }
        };
        match found {
            Ok(target) => Ok(*target),
            Err(ids) => Err(RowError::AmbiguousStep(
                quoted_cell(&cell_text(key)),
                ids.clone(),
            )),
        }
    }
}
