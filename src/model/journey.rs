//! The document: one journey map, from before awareness to the target customer state.

use super::department::{Department, department_colour};
use super::ids::{DepartmentId, LevelId, PhaseId, StepId};
use super::link::Link;
use super::step::{Step, StepKind};
use super::structure::{Level, Phase};
use super::survey::Surveys;
use serde::{Deserialize, Serialize};

/// The persona whose journey is drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Name of the persona (e.g. "佐藤 由美 (42)").
    #[serde(default)]
    pub name: String,
    /// One line describing who they are.
    #[serde(default)]
    pub description: String,
}

/// A two-axis customer journey map: the whole document saved in a `.kaidan.ron` file.
///
/// Invariants kept by [`Journey::normalize`] and every [`crate::edit::Command`]:
/// `steps` sorted by id and `links` sorted by `(from, to)`, so files diff cleanly.
/// The rules of the model are checked by [`Journey::validate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Title of the map.
    pub title: String,
    /// Whose journey this is.
    #[serde(default)]
    pub persona: Persona,
    /// The brand the customer approaches.
    #[serde(default)]
    pub brand: String,
    /// The customer before awareness, in words: where the journey starts.
    #[serde(default)]
    pub start_statement: String,
    /// The target customer state, in the customer's terms: where the journey should end.
    #[serde(default)]
    pub goal_statement: String,
    /// Phases along the time axis, in time order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Affinity levels, bottom (farthest from the brand) first.
    pub levels: Vec<Level>,
    /// Steps, sorted by id.
    pub steps: Vec<Step>,
    /// Links, sorted by `(from, to)`.
    #[serde(default)]
    pub links: Vec<Link>,
    /// NPS survey waves laid over the steps (left out of files that have none).
    #[serde(default, skip_serializing_if = "Surveys::is_empty")]
    pub surveys: Surveys,
    /// The brand's departments, in the order their lanes are drawn (left out of files that
    /// have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Department>,
    /// Dot-voting sessions held on the journey, oldest first (left out of files that have
    /// none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<super::vote::Session>,
    /// Customer flow waves measured from CRM event logs, oldest first (left out of files
    /// that have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<super::flow::FlowWave>,
    /// The next id to hand out; every id in the journey is below it, so ids are never reused.
    pub next_id: u64,
}

impl Journey {
    /// A blank journey: three levels, a start and a goal, ready to be filled in.
    #[must_use]
    pub fn blank(title: impl Into<String>) -> Self {
        let levels = vec![
            Level {
                id: LevelId(1),
                label: "無関心".into(),
                description: String::new(),
            },
            Level {
                id: LevelId(2),
                label: "関心".into(),
                description: String::new(),
            },
            Level {
                id: LevelId(3),
                label: "ファン".into(),
                description: String::new(),
            },
        ];
        let steps = vec![
            Step::new(StepId(4), "商品を知る前", 0.0, LevelId(1)).with_kind(StepKind::Start),
            Step::new(StepId(5), "目指す顧客の姿", 10.0, LevelId(3)).with_kind(StepKind::Goal),
        ];
        Self {
            title: title.into(),
            persona: Persona::default(),
            brand: String::new(),
            start_statement: String::new(),
            goal_statement: String::new(),
            phases: Vec::new(),
            levels,
            steps,
            links: Vec::new(),
            surveys: Surveys::default(),
            departments: Vec::new(),
            votes: Vec::new(),
            flows: Vec::new(),
            next_id: 6,
        }
    }

    /// Sorts steps by id and links by `(from, to)`: the canonical order of the file.
    pub fn normalize(&mut self) {
        self.steps.sort_by_key(|s| s.id);
        self.links.sort_by_key(Link::key);
    }

    /// The department with this id.
    #[must_use]
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The departments a name given by a person stands for: those whose name equals it
    /// (both trimmed), or, when none does, those equal to it after Unicode NFKC
    /// normalisation, ignoring case (so `crm部` and full-width `ＣＲＭ部` find `CRM部`). More
    /// than one means the name is ambiguous; none, that no department has it.
    #[must_use]
    pub fn departments_named(&self, name: &str) -> Vec<&Department> {
        let name = name.trim();
        let exact: Vec<&Department> = self
            .departments
            .iter()
            .filter(|d| d.name.trim() == name)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let folded = super::department::folded(name);
        self.departments
            .iter()
            .filter(|d| super::department::folded(&d.name) == folded)
            .collect()
    }

    /// Index of a department in `departments` (its lane, from the top).
    #[must_use]
    pub fn department_index(&self, id: DepartmentId) -> Option<usize> {
        self.departments.iter().position(|d| d.id == id)
    }

    /// Turns the departments older files name in free text into departments (format 3 → 4):
    /// equal names (trimmed) become one department, in the order first seen (steps by id,
    /// initiatives in order), with colours from [`department_colour`] and ids from
    /// `next_id`. An empty name is no department.
    pub fn adopt_department_names(&mut self) {
        let mut by_name: Vec<(String, DepartmentId)> = self
            .departments
            .iter()
            .map(|d| (d.name.clone(), d.id))
            .collect();
        for step in &mut self.steps {
            for initiative in &mut step.initiatives {
                let Some(name) = initiative.named_department.take() else {
                    continue;
                };
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let id = if let Some((_, id)) = by_name.iter().find(|(n, _)| n == name) {
                    *id
                } else {
                    let id = DepartmentId(self.next_id);
                    // Validation refuses an exhausted id space; never overflow here.
                    self.next_id = self.next_id.saturating_add(1);
                    self.departments.push(Department {
                        id,
                        name: name.to_owned(),
                        colour: department_colour(self.departments.len()),
                    });
                    by_name.push((name.to_owned(), id));
                    id
                };
                initiative.department = Some(id);
            }
        }
    }

    /// Index of a step in `steps` (which is sorted by id).
    #[must_use]
    pub fn step_index(&self, id: StepId) -> Option<usize> {
        self.steps.binary_search_by_key(&id, |s| s.id).ok()
    }

    /// The step with this id.
    #[must_use]
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.step_index(id).map(|i| &self.steps[i])
    }

    /// Mutable access to a step; for [`crate::edit`] only, which keeps the rules.
    pub(crate) fn step_mut(&mut self, id: StepId) -> Option<&mut Step> {
        self.step_index(id).map(move |i| &mut self.steps[i])
    }

    /// Index of a link in `links` (which is sorted by `(from, to)`).
    #[must_use]
    pub fn link_index(&self, from: StepId, to: StepId) -> Option<usize> {
        self.links.binary_search_by_key(&(from, to), Link::key).ok()
    }

    /// Height of a level: 0 for the bottom (farthest from the brand).
    #[must_use]
    pub fn level_index(&self, id: LevelId) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// The level with this id.
    #[must_use]
    pub fn level(&self, id: LevelId) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// Index of a phase in `phases`.
    #[must_use]
    pub fn phase_index(&self, id: PhaseId) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    /// The phase whose band `[start, end)` holds time `t` (the first in the list if bands
    /// overlap), if any.
    #[must_use]
    pub fn phase_at(&self, t: f64) -> Option<&Phase> {
        self.phases.iter().find(|p| p.start <= t && t < p.end)
    }

    /// Each step's phase (an index into `phases`, as [`Self::phase_at`] finds it), in
    /// `steps` order. Bands that do not overlap (the usual case) are searched by their start,
    /// so a large journey costs its steps times the log of its phases.
    #[must_use]
    pub fn phase_of_each_step(&self) -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..self.phases.len()).collect();
        order.sort_by(|&a, &b| self.phases[a].start.total_cmp(&self.phases[b].start));
        let disjoint = order
            .windows(2)
            .all(|w| self.phases[w[0]].end <= self.phases[w[1]].start);
        self.steps
            .iter()
            .map(|s| {
                if disjoint {
                    let after = order.partition_point(|&i| self.phases[i].start <= s.t);
                    after
                        .checked_sub(1)
                        .map(|k| order[k])
                        .filter(|&i| s.t < self.phases[i].end)
                } else {
                    self.phases
                        .iter()
                        .position(|p| p.start <= s.t && s.t < p.end)
                }
            })
            .collect()
    }

    /// The ids of each phase's steps, sorted, in `phases` order.
    #[must_use]
    pub fn steps_by_phase(&self) -> Vec<Vec<StepId>> {
        let mut by_phase = vec![Vec::new(); self.phases.len()];
        for (step, phase) in self.steps.iter().zip(self.phase_of_each_step()) {
            if let Some(p) = phase {
                by_phase[p].push(step.id);
            }
        }
        for ids in &mut by_phase {
            ids.sort_unstable();
        }
        by_phase
    }

    /// The steps in journey order: by time, ties by id. The order lists of initiatives
    /// follow, in the app and on the command line.
    #[must_use]
    pub fn journey_order(&self) -> Vec<&Step> {
        let mut steps: Vec<&Step> = self.steps.iter().collect();
        steps.sort_by(|a, b| a.t.total_cmp(&b.t).then(a.id.cmp(&b.id)));
        steps
    }

    /// The single start step (before awareness), if the journey has exactly one.
    #[must_use]
    pub fn start_step(&self) -> Option<&Step> {
        let mut starts = self.steps.iter().filter(|s| s.kind == StepKind::Start);
        let first = starts.next()?;
        starts.next().is_none().then_some(first)
    }

    /// Whether a link goes down a level: its target stands lower than its source.
    /// Derived from the data, never stored. `false` if either end is unknown.
    #[must_use]
    pub fn is_descending(&self, link: &Link) -> bool {
        let height = |id| self.step(id).and_then(|s| self.level_index(s.level));
        match (height(link.from), height(link.to)) {
            (Some(from), Some(to)) => to < from,
            _ => false,
        }
    }

    /// Links that go down a level (descending branches).
    pub fn descending_links(&self) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(|l| self.is_descending(l))
    }

    /// Links arriving at a step.
    pub fn incoming(&self, id: StepId) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.to == id)
    }

    /// Links leaving a step (contiguous, since links are sorted by source).
    #[must_use]
    pub fn outgoing(&self, id: StepId) -> &[Link] {
        let lo = self.links.partition_point(|l| l.from < id);
        let hi = self.links.partition_point(|l| l.from <= id);
        &self.links[lo..hi]
    }

    /// The longest chain of links from the start to any goal, as step ids (start first).
    /// Empty if no goal can be reached. Links always go forward in time, so the graph
    /// is acyclic and one pass in time order finds it.
    #[must_use]
    pub fn longest_path(&self) -> Vec<StepId> {
        let Some(start) = self.start_step() else {
            return Vec::new();
        };
        let mut order: Vec<usize> = (0..self.steps.len()).collect();
        order.sort_by(|&a, &b| {
            self.steps[a]
                .t
                .total_cmp(&self.steps[b].t)
                .then(self.steps[a].id.cmp(&self.steps[b].id))
        });
        // best[i] = (links from start to step i, predecessor index)
        let mut best: Vec<Option<(usize, Option<usize>)>> = vec![None; self.steps.len()];
        if let Some(i) = self.step_index(start.id) {
            best[i] = Some((0, None));
        }
        for &i in &order {
            let Some((len, _)) = best[i] else { continue };
            for link in self.outgoing(self.steps[i].id) {
                let Some(j) = self.step_index(link.to) else {
                    continue;
                };
                // Only strictly later steps: a backward link, or a time that is not a number
                // (never in a valid file), is ignored rather than looped on.
                if self.steps[j].t.partial_cmp(&self.steps[i].t)
                    != Some(std::cmp::Ordering::Greater)
                {
                    continue;
                }
                if best[j].is_none_or(|(l, _)| l < len + 1) {
                    best[j] = Some((len + 1, Some(i)));
                }
            }
        }
        let end = (0..self.steps.len())
            .filter(|&i| self.steps[i].kind == StepKind::Goal)
            .filter_map(|i| best[i].map(|(len, _)| (len, i)))
            .max_by_key(|&(len, i)| (len, std::cmp::Reverse(self.steps[i].id)));
        let Some((_, mut i)) = end else {
            return Vec::new();
        };
        let mut path = vec![self.steps[i].id];
        while let Some((_, Some(prev))) = best[i] {
            if path.len() > self.steps.len() {
                break; // a chain can visit each step once: never more
            }
            path.push(self.steps[prev].id);
            i = prev;
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_path_never_loops_on_a_time_that_is_not_a_number() {
        let mut j = Journey::blank("t");
        let (start, goal) = (StepId(4), StepId(5));
        let odd = StepId(j.next_id);
        j.next_id += 1;
        j.steps.push(Step::new(odd, "NaN", f64::NAN, LevelId(2)));
        for (from, to) in [(start, odd), (odd, start), (odd, goal)] {
            j.links.push(Link::new(from, to));
        }
        j.normalize();
        let path = j.longest_path();
        let unique: std::collections::BTreeSet<_> = path.iter().collect();
        assert_eq!(unique.len(), path.len(), "{path:?}");
    }

    #[test]
    fn a_department_is_found_by_its_exact_name_then_by_its_folded_name() {
        let mut j = Journey::blank("t");
        for (id, name) in [(10, "CRM部"), (11, "ＣＲＭ部"), (12, "ｺｰﾙｾﾝﾀｰ")] {
            j.departments.push(Department {
                id: DepartmentId(id),
                name: name.to_owned(),
                colour: department_colour(0),
            });
        }
        let ids =
            |name: &str| -> Vec<u64> { j.departments_named(name).iter().map(|d| d.id.0).collect() };
        assert_eq!(ids(" CRM部 "), [10], "exact after trimming wins");
        assert_eq!(ids("ＣＲＭ部"), [11]);
        assert_eq!(ids("crm部"), [10, 11], "two after folding: ambiguous");
        assert_eq!(ids("コールセンター"), [12], "half-width katakana folded");
        assert!(ids("広報部").is_empty());
    }
}
