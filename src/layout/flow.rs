//! The flow layer's words: each link of the map labelled with its share of the customers
//! leaving its step in the latest flow wave (「62% ↑」, 「18% ▼」 down a level), ahead of its
//! own label. The layer lays out and paints this copy of the journey, so the shares are
//! placed like any link label — beside their line, clear of cards and of each other.

use crate::model::{FlowWave, Journey, StepId};

/// The latest flow wave of `journey`, if any.
#[must_use]
pub fn latest(journey: &Journey) -> Option<&FlowWave> {
    journey.flows.last()
}

/// A link's share label: 「62% ↑」 up or level, 「18% ▼」 down a level.
#[must_use]
pub fn share_text(share: f64, descending: bool) -> String {
    format!("{share:.0}% {}", if descending { "▼" } else { "↑" })
}

/// `journey` with each link of a branch (a step with two or more links leaving it) that
/// customers took labelled with its share, before its own label; `None` without a flow wave.
/// A single way on needs no share: its width says how many took it.
#[must_use]
pub fn labelled(journey: &Journey) -> Option<Journey> {
    let wave = latest(journey)?;
    let mut shown = journey.clone();
    for link in &mut shown.links {
        let leaving: Vec<StepId> = journey.outgoing(link.from).iter().map(|l| l.to).collect();
        if leaving.len() < 2 {
            continue;
        }
        let Some(share) = wave
            .share(link.from, link.to, &leaving)
            .filter(|_| wave.moved(link.from, link.to) > 0)
        else {
            continue;
        };
        let text = share_text(share, journey.is_descending(link));
        link.label = if link.label.is_empty() {
            text
        } else {
            format!("{text} {}", link.label)
        };
    }
    Some(shown)
}
