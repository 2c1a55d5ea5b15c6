//! Copying steps between journeys: selected steps (with the links among them) as RON text
//! on the system clipboard, pasted back as new steps with fresh ids.

use crate::edit::Command;
use crate::model::{
    Department, DepartmentId, Journey, Level, LevelId, Link, Step, StepId, StepKind,
};
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
    /// The departments the steps' initiatives belong to.
    #[serde(default)]
    departments: Vec<Department>,
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
    let owners: BTreeSet<DepartmentId> = steps
        .iter()
        .flat_map(|s| &s.initiatives)
        .filter_map(|i| i.department)
        .collect();
    let departments = journey
        .departments
        .iter()
        .filter(|d| owners.contains(&d.id))
        .cloned()
        .collect();
    let clip = Clip {
        kaidan_steps: 1,
        levels,
        steps,
        links,
        departments,
    };
    ron::ser::to_string(&clip).ok()
}

/// A command adding the clipboard's steps to `journey`, shifted `dt` later in time, and
/// the ids they will have. `None` if the text is not Kaidan steps.
///
/// Levels are matched by id, then by label, else the bottom level is used. Departments are
/// matched by name, else added (in the same undo step). A pasted start becomes an ordinary
/// step (a journey has one start).
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
    // Departments by name; those the journey lacks are added after the steps' ids.
    let mut next_department = journey.next_id + clip.steps.len() as u64;
    let mut departments: BTreeMap<DepartmentId, DepartmentId> = BTreeMap::new();
    let mut added = Vec::new();
    for d in &clip.departments {
        let id = if let Some(same) = journey.departments.iter().find(|x| x.name == d.name) {
            same.id
        } else {
            let id = DepartmentId(next_department);
            next_department += 1;
            added.push(Command::AddDepartment(
                journey.departments.len() + added.len(),
                Department { id, ..d.clone() },
            ));
            id
        };
        departments.insert(d.id, id);
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
        for i in &mut step.initiatives {
            i.department = i.department.and_then(|d| departments.get(&d).copied());
        }
        step.level = level_for(step.level);
        if step.kind == StepKind::Start {
            step.kind = StepKind::Step;
        }
        commands.push((step, links));
    }
    // Add steps in time order so every link's source exists before its target.
    commands.sort_by(|a, b| a.0.t.total_cmp(&b.0.t));
    let batch = added
        .into_iter()
        .chain(
            commands
                .into_iter()
                .map(|(step, links)| Command::AddStep { step, links }),
        )
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
        // Initiatives keep their departments, by name: added to the other journey.
        let names = |j: &Journey, steps: &[StepId]| -> Vec<String> {
            steps
                .iter()
                .filter_map(|id| j.step(*id))
                .flat_map(|s| &s.initiatives)
                .map(|i| {
                    i.department
                        .and_then(|d| j.department(d))
                        .map(|d| d.name.clone())
                        .unwrap_or_default()
                })
                .collect()
        };
        let copied: Vec<StepId> = ids.iter().copied().collect();
        let pasted = names(&into, &new_ids);
        assert!(!pasted.is_empty() && pasted.iter().all(|n| !n.is_empty()));
        let mut expected = names(&from, &copied);
        let mut got = pasted;
        expected.sort();
        got.sort();
        assert_eq!(got, expected);
    }

    #[test]
    fn other_text_is_not_pasted() {
        let j = crate::bundled::TEINEI.load().expect("example");
        assert!(paste(&j, "hello", 0.0).is_none());
        assert!(paste(&j, "(steps: [])", 0.0).is_none());
    }
}
