//! The diagram's frame: phases along the time axis and affinity levels up the brand axis.

use super::colour::Rgb;
use super::ids::{LevelId, PhaseId};
use serde::{Deserialize, Serialize};

/// A phase of the journey (認知, 検討, 購入, …): a vertical band over `[start, end)` in time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Stable id.
    pub id: PhaseId,
    /// Name shown in the band's header.
    pub name: String,
    /// Header colour.
    pub colour: Rgb,
    /// Where the band begins on the time axis.
    pub start: f64,
    /// Where the band ends on the time axis (after `start`).
    pub end: f64,
}

/// An affinity level: one stair of the staircase. Levels are ordered bottom (farthest
/// from the brand) to top (closest); a step's height comes from its level's place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id.
    pub id: LevelId,
    /// Label shown at the left of the band (無関心, ファン, …).
    pub label: String,
    /// Short description of what the customer is like at this level.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}
