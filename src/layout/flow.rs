//! The journey as the flow layer and the KPI lane show it: a copy whose flow waves end at
//! the one chosen (so it is the latest, and the one before it the previous, for every
//! painter that asks), and with the flow layer each link labelled with its share of the
//! customers leaving its step (「62% ↑」, 「18% ▼」 down a level), ahead of its own label.
//! The copy is laid out and painted, so the shares are placed like any link label — beside
//! their line, clear of cards and of each other.

use crate::model::{FlowWave, Journey};

/// The latest flow wave of `journey`, if any: in a copy from [`shown`], the chosen one.
#[must_use]
pub fn latest(journey: &Journey) -> Option<&FlowWave> {
    journey.flows.last()
}

/// The journey to lay out and paint with flow wave `wave` (`None`: the latest) and, if
/// `shares`, the flow layer's share labels; `None` when that is the journey as it is (the
/// latest wave, no labels). `Err` with the name when no wave is called `wave`.
pub fn shown<'a>(
    journey: &Journey,
    wave: Option<&'a str>,
    shares: bool,
) -> Result<Option<Journey>, &'a str> {
    let end = match wave {
        None => journey.flows.len(),
        Some(name) => match journey.flows.iter().position(|f| f.name == name) {
            Some(i) => i + 1,
            None => return Err(name),
        },
    };
    if end == journey.flows.len() && !shares {
        return Ok(None);
    }
    let mut copy = journey.clone();
    copy.flows.truncate(end);
    if shares {
        label_shares(&mut copy);
    }
    Ok(Some(copy))
}

/// A link's share label: 「62% ↑」 up or level, 「18% ▼」 down a level.
#[must_use]
pub fn share_text(share: f64, descending: bool) -> String {
    format!("{share:.0}% {}", if descending { "▼" } else { "↑" })
}

/// Labels each link of a branch (a step with two or more links leaving it) that customers
/// took in `shown`'s latest wave with its share, before its own label. A single way on needs
/// no share: its width says how many took it.
fn label_shares(shown: &mut Journey) {
    let labels: Vec<Option<String>> = {
        let journey: &Journey = shown;
        let Some(wave) = journey.flows.last() else {
            return;
        };
        let shares = wave.link_shares(&journey.links);
        journey
            .links
            .iter()
            .zip(shares)
            .map(|(link, share)| {
                let branch = journey.outgoing(link.from).len() >= 2;
                let taken = wave.moved(link.from, link.to) > 0;
                share
                    .filter(|_| branch && taken)
                    .map(|share| share_text(share, journey.is_descending(link)))
            })
            .collect()
    };
    for (link, text) in shown.links.iter_mut().zip(labels) {
        if let Some(text) = text {
            link.label = if link.label.is_empty() {
                text
            } else {
                format!("{text} {}", link.label)
            };
        }
    }
}
