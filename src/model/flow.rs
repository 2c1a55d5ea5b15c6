//! Customer flow measured from a CRM event log (who did what, when): per wave, how many
//! customers were seen at each step and how many ended there, how many moved between each
//! pair of steps, and the repeat rate over the purchase steps.
//!
//! Only counts are stored, never customers: a wave of a million events is a few numbers per
//! step and per move, and diffs well. Moves are kept by their pair of steps, linked on the
//! map or not: a move between steps with no link is an *off-map* transition the workshop
//! should see (and may draw as a link; its count then shows on it).

use super::ids::{PhaseId, StepId};
use super::link::Link;
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

/// Customers in one phase in one wave, counted over the steps the phase held when the log
/// was imported (kept with the counts: a customer seen at two steps of a phase counts once,
/// so the figure cannot be made again from the steps' own counts once a step moves to
/// another phase). Written on one line as `(customers, buyers, repeaters, [steps])`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "(u64, u64, u64, Vec<StepId>)",
    into = "(u64, u64, u64, Vec<StepId>)"
)]
pub struct PhaseFlow {
    /// Distinct customers with an event at one of its steps.
    pub customers: u64,
    /// Customers with at least one event at its purchase steps.
    pub buyers: u64,
    /// Customers with at least two events at its purchase steps.
    pub repeaters: u64,
    /// Its steps with events when counted, by id: the ones its counts depend on.
    pub steps: Vec<StepId>,
}

impl From<(u64, u64, u64, Vec<StepId>)> for PhaseFlow {
    fn from((customers, buyers, repeaters, steps): (u64, u64, u64, Vec<StepId>)) -> Self {
        Self {
            customers,
            buyers,
            repeaters,
            steps,
        }
    }
}

impl From<PhaseFlow> for (u64, u64, u64, Vec<StepId>) {
    fn from(p: PhaseFlow) -> Self {
        (p.customers, p.buyers, p.repeaters, p.steps)
    }
}

impl PhaseFlow {
    /// The phase's repeat rate in per cent ([`repeat_rate`]).
    #[must_use]
    pub fn repeat_rate(&self) -> Option<f64> {
        repeat_rate(self.repeaters, self.buyers)
    }
}

/// Repeaters over buyers in per cent; `None` without buyers.
#[must_use]
pub fn repeat_rate(repeaters: u64, buyers: u64) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    (buyers > 0).then(|| 100.0 * repeaters as f64 / buyers as f64)
}

/// What a wave can say of a phase today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseCount<'a> {
    /// Counted over the steps the phase holds now.
    Counted(&'a PhaseFlow),
    /// Counted, but steps have moved into or out of the phase since: the figures would
    /// describe another phase (import the log again).
    Changed,
    /// Not counted: the phase is newer than the wave, or the wave was imported before
    /// waves counted phases.
    Absent,
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
    /// Per phase the journey had when the log was counted, its customers and repeat rate.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phases: BTreeMap<PhaseId, PhaseFlow>,
}

impl FlowWave {
    /// The repeat rate in per cent: customers with two or more events at purchase steps over
    /// those with one or more; `None` without buyers.
    #[must_use]
    pub fn repeat_rate(&self) -> Option<f64> {
        repeat_rate(self.repeaters, self.buyers)
    }

    /// The phase's counts, if they still describe it: `steps_now` are the ids of the steps
    /// the phase holds today, sorted (see [`Journey::steps_by_phase`](super::Journey::steps_by_phase)).
    /// They do while the steps with events in this wave are the ones they were counted over
    /// (a step added since has no events; one moved in or out, or removed, changes them).
    #[must_use]
    pub fn phase(&self, phase: PhaseId, steps_now: &[StepId]) -> PhaseCount<'_> {
        let with_events = || {
            steps_now
                .iter()
                .filter(|s| self.steps.get(s).is_some_and(|f| f.customers > 0))
        };
        match self.phases.get(&phase) {
            Some(counted) if counted.steps.iter().eq(with_events()) => PhaseCount::Counted(counted),
            Some(_) => PhaseCount::Changed,
            None => PhaseCount::Absent,
        }
    }

    /// How many counts the wave keeps (moves, steps, and each phase's steps): what the
    /// journey's limit bounds.
    #[must_use]
    pub fn counts_kept(&self) -> usize {
        let phases: usize = self.phases.values().map(|p| p.steps.len() + 1).sum();
        self.moves.len() + self.steps.len() + phases
    }

    /// The customers who moved from `from` to `to`.
    #[must_use]
    pub fn moved(&self, from: StepId, to: StepId) -> u64 {
        self.moves
            .binary_search_by_key(&(from, to), |m| (m.from, m.to))
            .map_or(0, |i| self.moves[i].customers)
    }

    /// Each link's share of the customers leaving its step along the links, in per cent, in
    /// the order of `links` (sorted by their source, as a journey keeps them): its customers
    /// over the sum over the links leaving the same step; `None` where none left. One pass.
    #[must_use]
    pub fn link_shares(&self, links: &[Link]) -> Vec<Option<f64>> {
        let mut shares = Vec::with_capacity(links.len());
        for branch in links.chunk_by(|a, b| a.from == b.from) {
            let moved: Vec<u64> = branch.iter().map(|l| self.moved(l.from, l.to)).collect();
            let total: u64 = moved.iter().sum();
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            shares.extend(
                moved
                    .into_iter()
                    .map(|n| (total > 0).then(|| 100.0 * n as f64 / total as f64)),
            );
        }
        shares
    }
}
