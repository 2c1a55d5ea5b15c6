//! Customer flow measured from a CRM event log (who did what, when): per wave, how many
//! customers were seen at each step and how many ended there, how many moved between each
//! pair of steps, and the repeat rate over the purchase steps.
//!
//! Only counts are stored, never customers: a wave of a million events is a few numbers per
//! step and per move, and diffs well. Moves are kept by their pair of steps, linked on the
//! map or not: a move between steps with no link is an *off-map* transition the workshop
//! should see (and may draw as a link; its count then shows on it).

use super::ids::StepId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Customers at one step in one wave; written on one line as `(customers, ended)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u64, u64)", into = "(u64, u64)")]
pub struct StepFlow {
    /// Distinct customers with an event there.
    pub customers: u64,
    /// Customers whose last event is there.
    pub ended: u64,
}

/// Customers who moved from one step to the next in one wave; written on one line as
/// `(from, to, customers)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(StepId, StepId, u64)", into = "(StepId, StepId, u64)")]
pub struct Move {
    /// Where they were.
    pub from: StepId,
    /// Where they went next.
    pub to: StepId,
    /// Distinct customers who made this move at least once.
    pub customers: u64,
}

impl From<(u64, u64)> for StepFlow {
    fn from((customers, ended): (u64, u64)) -> Self {
        Self { customers, ended }
    }
}

impl From<StepFlow> for (u64, u64) {
    fn from(f: StepFlow) -> Self {
        (f.customers, f.ended)
    }
}

impl From<(StepId, StepId, u64)> for Move {
    fn from((from, to, customers): (StepId, StepId, u64)) -> Self {
        Self {
            from,
            to,
            customers,
        }
    }
}

impl From<Move> for (StepId, StepId, u64) {
    fn from(m: Move) -> Self {
        (m.from, m.to, m.customers)
    }
}

/// One import of an event log (e.g. 2026年上期).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowWave {
    /// Name, unique in the journey.
    pub name: String,
    /// The date of the log's first event, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// The date of its last event, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
    /// Distinct customers in the log.
    pub customers: u64,
    /// Customers with at least one event at a purchase step.
    #[serde(default)]
    pub buyers: u64,
    /// Customers with at least two events at purchase steps.
    #[serde(default)]
    pub repeaters: u64,
    /// Per step, the customers seen there and ended there; steps without events are absent.
    #[serde(default)]
    pub steps: BTreeMap<StepId, StepFlow>,
    /// Every move between two steps, by `(from, to)`.
    #[serde(default)]
    pub moves: Vec<Move>,
}

impl FlowWave {
    /// The repeat rate in per cent: customers with two or more events at purchase steps over
    /// those with one or more; `None` without buyers.
    #[must_use]
    pub fn repeat_rate(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (self.buyers > 0).then(|| 100.0 * self.repeaters as f64 / self.buyers as f64)
    }

    /// The customers who moved from `from` to `to`.
    #[must_use]
    pub fn moved(&self, from: StepId, to: StepId) -> u64 {
        self.moves
            .binary_search_by_key(&(from, to), |m| (m.from, m.to))
            .map_or(0, |i| self.moves[i].customers)
    }

    /// A move's share of the moves leaving its step, in per cent: its customers over the sum
    /// of the customers of every move leaving `from` (among `leaving`, the moves counted —
    /// the map's links, say); `None` if none left.
    #[must_use]
    pub fn share(&self, from: StepId, to: StepId, leaving: &[StepId]) -> Option<f64> {
        let total: u64 = leaving.iter().map(|&t| self.moved(from, t)).sum();
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (total > 0).then(|| 100.0 * self.moved(from, to) as f64 / total as f64)
    }
}
