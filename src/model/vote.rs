//! Dot votes the workshop holds: which ideas (or initiatives, or pain points) the
//! room thinks matter most. Each session is named and dated and keeps its own counts, so a
//! file can hold the history of several workshops.
//!
//! A session lists what was put to the vote when it began, each with its count: a record of
//! the decision, readable in the file and in a diff. An item names its step by id and, for an
//! initiative, by its text (initiatives have no ids): renaming or removing the initiative or
//! step later leaves the record as it was.

use super::emotion::Moment;
use super::ids::{PhaseId, StepId};
use super::journey::Journey;
use super::step::Status;
use serde::{Deserialize, Serialize};

/// The most participants a session may have.
pub const MAX_PARTICIPANTS: u32 = 1_000;
/// The most dots one participant may place.
pub const MAX_DOTS: u32 = 100;

/// What a session votes on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    /// Every initiative and message with status アイデア (idea).
    #[default]
    Ideas,
    /// Every initiative and message, whatever its status.
    Initiatives,
    /// The initiatives and messages of the steps in one phase.
    Phase(PhaseId),
    /// The steps marked as pain points.
    PainPoints,
}

/// One item put to the vote and its dots.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// The step (of the initiative, or the pain point itself).
    pub step: StepId,
    /// The initiative's text; empty when the step itself is voted on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub initiative: String,
    /// Dots it received (counted only when participants finish, hidden until revealed).
    #[serde(default)]
    pub votes: u32,
}

/// A dot-voting session: `participants` people place `dots` dots each on the `items`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Name, unique in the journey (e.g. 優先施策の投票).
    pub name: String,
    /// When it was held, `YYYY-MM-DD`, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// What it votes on.
    pub subject: Subject,
    /// How many people vote.
    pub participants: u32,
    /// How many dots each person places.
    pub dots: u32,
    /// How many participants have voted so far (all of them once counts are entered).
    #[serde(default)]
    pub voted: u32,
    /// Whether the results are shown.
    #[serde(default, skip_serializing_if = "is_false")]
    pub revealed: bool,
    /// Whether the session is over: it takes no more votes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub closed: bool,
    /// What was put to the vote, in journey order, with the dots each received.
    #[serde(default)]
    pub items: Vec<Tally>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl Session {
    /// All the dots the room may place: participants × dots.
    #[must_use]
    pub fn budget(&self) -> u64 {
        u64::from(self.participants) * u64::from(self.dots)
    }

    /// Dots counted so far.
    #[must_use]
    pub fn cast(&self) -> u64 {
        self.items.iter().map(|t| u64::from(t.votes)).sum()
    }

    /// Whether every participant has voted.
    #[must_use]
    pub fn everyone_voted(&self) -> bool {
        self.voted >= self.participants
    }

    /// The items' indices, most dots first (ties in the order put to the vote).
    #[must_use]
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.items[i].votes));
        order
    }
}

impl Journey {
    /// The session called `name`.
    #[must_use]
    pub fn session(&self, name: &str) -> Option<&Session> {
        self.votes.iter().find(|s| s.name == name)
    }

    /// What a session on `subject` would put to the vote now, in journey order (steps by
    /// time, a step's initiatives in list order), each once, with no votes.
    #[must_use]
    pub fn vote_items(&self, subject: Subject) -> Vec<Tally> {
        let mut items: Vec<Tally> = Vec::new();
        let band = match subject {
            Subject::Phase(id) => match self.phases.iter().find(|p| p.id == id) {
                Some(p) => Some((p.start, p.end)),
                None => return items,
            },
            _ => None,
        };
        for step in self.journey_order() {
            match subject {
                Subject::PainPoints => {
                    if step.emotion.moment == Some(Moment::PainPoint) {
                        items.push(Tally {
                            step: step.id,
                            initiative: String::new(),
                            votes: 0,
                        });
                    }
                }
                Subject::Ideas | Subject::Initiatives | Subject::Phase(_) => {
                    if band.is_some_and(|(start, end)| !(start <= step.t && step.t < end)) {
                        continue;
                    }
                    // A step's initiatives of equal text are one item.
                    let mut seen = std::collections::HashSet::new();
                    for i in &step.initiatives {
                        let wanted = subject != Subject::Ideas || i.status == Status::Idea;
                        let text = i.text.trim();
                        if wanted && !text.is_empty() && seen.insert(text) {
                            items.push(Tally {
                                step: step.id,
                                initiative: text.to_owned(),
                                votes: 0,
                            });
                        }
                    }
                }
            }
        }
        items
    }

    /// The words an item stands for: the initiative's text, or the step's title (a removed
    /// step is named by its id).
    #[must_use]
    pub fn tally_label(&self, tally: &Tally) -> String {
        if tally.initiative.is_empty() {
            self.step(tally.step)
                .map_or_else(|| tally.step.to_string(), |s| s.title.clone())
        } else {
            tally.initiative.clone()
        }
    }

    /// The initiative a tally names, if its step still has one with that text.
    #[must_use]
    pub fn tally_initiative(&self, tally: &Tally) -> Option<&super::Initiative> {
        if tally.initiative.is_empty() {
            return None;
        }
        self.step(tally.step)?
            .initiatives
            .iter()
            .find(|i| i.text.trim() == tally.initiative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Initiative, Phase, Rgb};

    fn journey() -> Journey {
        let mut j = Journey::blank("t");
        let idea = |text: &str, status| Initiative {
            text: text.into(),
            status,
            ..Initiative::default()
        };
        j.steps[0].initiatives = vec![
            idea("サンプル", Status::Idea),
            idea("広告", Status::Running),
            idea(" サンプル ", Status::Idea),
        ];
        j.steps[1].initiatives = vec![idea("お礼状", Status::Idea)];
        j.steps[1].emotion.moment = Some(Moment::PainPoint);
        j.phases.push(Phase {
            id: PhaseId(9),
            name: "認知".into(),
            colour: Rgb::new(1, 2, 3),
            start: -1.0,
            end: 5.0,
        });
        j
    }

    #[test]
    fn items_are_the_ideas_the_phase_or_the_pain_points_each_once_in_journey_order() {
        let j = journey();
        let texts =
            |s| -> Vec<String> { j.vote_items(s).iter().map(|t| j.tally_label(t)).collect() };
        assert_eq!(texts(Subject::Ideas), ["サンプル", "お礼状"]);
        assert_eq!(texts(Subject::Initiatives), ["サンプル", "広告", "お礼状"]);
        assert_eq!(texts(Subject::Phase(PhaseId(9))), ["サンプル", "広告"]);
        assert_eq!(texts(Subject::PainPoints), ["目指す顧客の姿"]);
        assert!(j.vote_items(Subject::Phase(PhaseId(99))).is_empty());
    }

    #[test]
    fn the_ranking_puts_most_dots_first_and_keeps_ties_in_order() {
        let mut s = Session {
            participants: 2,
            dots: 3,
            ..Session::default()
        };
        for votes in [1, 3, 1, 2] {
            s.items.push(Tally {
                step: StepId(4),
                initiative: String::new(),
                votes,
            });
        }
        assert_eq!(s.ranking(), [1, 3, 0, 2]);
        assert_eq!((s.cast(), s.budget()), (7, 6));
    }
}
