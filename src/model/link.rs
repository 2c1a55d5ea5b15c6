//! A link: the customer moves from one step to a later one.

use super::ids::StepId;
use serde::{Deserialize, Serialize};

/// A move from one step to a later one. Whether it descends is derived from the levels of
/// its ends (see [`crate::model::Journey::is_descending`]), never stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Source step.
    pub from: StepId,
    /// Target step, always later in time than `from`.
    pub to: StepId,
    /// The trigger ("サンプルが届く", "price rises"); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Link {
    /// An unlabelled link.
    #[must_use]
    pub fn new(from: StepId, to: StepId) -> Self {
        Self {
            from,
            to,
            label: String::new(),
        }
    }

    /// The pair that identifies this link (a journey holds at most one link per pair).
    #[must_use]
    pub fn key(&self) -> (StepId, StepId) {
        (self.from, self.to)
    }
}
