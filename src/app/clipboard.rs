//! Copying steps between journeys: selected steps (with the links among them) as RON text
//! on the system clipboard, pasted back as new steps with fresh ids.

use crate::edit::Command;
use crate::model::{Journey, Level, LevelId, Link, Step, StepId, StepKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What goes on the clipboard. The marker field keeps other RON text from being pasted.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clip {
    kaidan_steps: u32,
    levels: Vec<Level>,
    steps: Vec<Step>,
    links: Vec<Link>,
}

/// The clipboard text for the selected steps, or `None` if nothing is selected.
#[must_use]
pub fn copy(journey: &Journey, selection: &BTreeSet<StepId>) -> Option<String> {
    let steps: Vec<Step> = selection
        .iter()
        .filter_map(|id| journey.step(*id).cloned())
        .collect();
    if steps.is_empty() {
        return None;
    }
    let links = journey
        .links
        .iter()
        .filter(|l| selection.contains(&l.from) && selection.contains(&l.to))
        .cloned()
        .collect();
    let used: BTreeSet<LevelId> = steps.iter().map(|s| s.level).collect();
    let levels = journey
        .levels
        .iter()
        .filter(|l| used.contains(&l.id))
        .cloned()
        .collect();
    let clip = Clip {
        kaidan_steps: 1,
        levels,
        steps,
        links,
    };
    ron::ser::to_string(&clip).ok()
}

/// A command adding the clipboard's steps to `journey`, shifted `dt` later in time, and
/// the ids they will have. `None` if the text is not Kaidan steps.
///
/// Levels are matched by id, then by label, else the bottom level is used. A pasted start
/// becomes an ordinary step (a journey has one start).
#[must_use]
pub fn paste(journey: &Journey, text: &str, dt: f64) -> Option<(Command, Vec<StepId>)> {
    let clip: Clip = ron::from_str(text).ok()?;
    if clip.kaidan_steps != 1 || clip.steps.is_empty() {
        return None;
    }
    let bottom = journey.levels.first()?.id;
    let level_for = |id: LevelId| {
        if journey.level_index(id).is_some() {
            return id;
        }
        let label = clip.levels.iter().find(|l| l.id == id).map(|l| &l.label);
        journey
            .levels
            .iter()
            .find(|l| Some(&l.label) == label)
            .map_or(bottom, |l| l.id)
    };
    let mut ids = BTreeMap::new();
    let mut commands = Vec::new();
    let mut new_ids = Vec::new();
    for (next, step) in (journey.next_id..).zip(&clip.steps) {
        ids.insert(step.id, StepId(next));
        new_ids.push(StepId(next));
    }
    for step in clip.steps {
        let mut step = step;
        let links: Vec<Link> = clip
            .links
            .iter()
            .filter(|l| l.to == step.id)
            .filter_map(|l| {
                Some(Link {
                    from: *ids.get(&l.from)?,
                    to: *ids.get(&l.to)?,
                    label: l.label.clone(),
                })
            })
            .collect();
        step.id = ids[&step.id];
        step.t += dt;
        step.level = level_for(step.level);
        if step.kind == StepKind::Start {
            step.kind = StepKind::Step;
        }
        commands.push((step, links));
    }
    // Add steps in time order so every link's source exists before its target.
    commands.sort_by(|a, b| a.0.t.total_cmp(&b.0.t));
    let batch = commands
        .into_iter()
        .map(|(step, links)| Command::AddStep { step, links })
        .collect();
    Some((Command::Batch(batch), new_ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_then_paste_into_another_journey_adds_linked_steps() {
        let from = crate::bundled::TEINEI.load().expect("example");
        let ids: BTreeSet<StepId> = from.steps[5..8].iter().map(|s| s.id).collect();
        let text = copy(&from, &ids).expect("something copied");
        let mut into = crate::bundled::LOYALTY_LOOP.load().expect("example");
        let before = into.steps.len();
        let (command, new_ids) = paste(&into, &text, 1.0).expect("pastes");
        command.apply(&mut into).expect("valid paste");
        assert_eq!(into.steps.len(), before + 3);
        assert_eq!(into.validate(), vec![]);
        let inner_links = from
            .links
            .iter()
            .filter(|l| ids.contains(&l.from) && ids.contains(&l.to))
            .count();
        let pasted_links = into
            .links
            .iter()
            .filter(|l| new_ids.contains(&l.from))
            .count();
        assert_eq!(pasted_links, inner_links);
    }

    #[test]
    fn other_text_is_not_pasted() {
        let j = crate::bundled::TEINEI.load().expect("example");
        assert!(paste(&j, "hello", 0.0).is_none());
        assert!(paste(&j, "(steps: [])", 0.0).is_none());
    }
}
