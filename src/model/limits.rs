//! How large a journey may be. `Journey::validate` refuses anything beyond these limits and
//! every command is refused if it would cross one, so any journey that validates lays out,
//! draws and exports in bounded time and memory.
//!
//! The limits are far beyond what a one-page journey map holds (the examples have 17 and 23
//! steps, times under 100 and titles under 40 characters), and close enough that the worst
//! valid file still exports in seconds.

use super::flow::FlowWave;
use super::ids::{DepartmentId, LevelId, PhaseId, StepId};
use super::journey::Journey;
use super::validate::{Named, Problem};

/// The farthest a step or phase may sit from time 0. Positions are drawn in `f32`, which at
/// ±1,000,000 time units still tells a quarter-unit nudge apart.
pub const MAX_ABS_TIME: f64 = 1_000_000.0;
/// The longest text a field may hold, in characters (about 25 pages of Japanese).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most steps a journey may have.
pub const MAX_STEPS: usize = 20_000;
/// The most links a journey may have.
pub const MAX_LINKS: usize = 100_000;
/// The most affinity levels a journey may have.
pub const MAX_LEVELS: usize = 100;
/// The most phases a journey may have.
pub const MAX_PHASES: usize = 1_000;
/// The most survey waves a journey may have.
pub const MAX_WAVES: usize = 1_000;
/// The most initiatives and messages a journey may have, over all its steps.
pub const MAX_INITIATIVES: usize = 100_000;
/// The most departments a journey may have.
pub const MAX_DEPARTMENTS: usize = 1_000;
/// The most voting sessions a journey may have.
pub const MAX_SESSIONS: usize = 1_000;
/// The most items put to the vote, over all sessions.
pub const MAX_VOTE_ITEMS: usize = 200_000;
/// The most customer-flow waves a journey may have.
pub const MAX_FLOWS: usize = 1_000;
/// The most counts kept by flow waves, over all of them: moves between steps, steps, and
/// the steps each phase held.
pub const MAX_FLOW_COUNTS: usize = 1_000_000;

/// What a count limit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Steps.
    Steps,
    /// Links.
    Links,
    /// Affinity levels.
    Levels,
    /// Phases.
    Phases,
    /// Survey waves.
    Waves,
    /// Initiatives and messages.
    Initiatives,
    /// Departments.
    Departments,
    /// Voting sessions.
    Sessions,
    /// Items put to the vote, over all sessions.
    VoteItems,
    /// Customer-flow waves.
    Flows,
    /// Counts kept by flow waves (moves, steps, phases' steps), over all of them.
    FlowCounts,
}

/// Which text field is too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// The journey's title.
    JourneyTitle,
    /// The persona's name.
    PersonaName,
    /// The persona's description.
    PersonaDescription,
    /// The brand.
    Brand,
    /// The start statement.
    StartStatement,
    /// The goal statement.
    GoalStatement,
    /// A step's title.
    StepTitle,
    /// A step's description.
    StepDescription,
    /// A step's notes.
    StepNotes,
    /// A step's touchpoint name.
    Touchpoint,
    /// An initiative's text.
    Initiative,
    /// A department's name.
    Department,
    /// An initiative's note.
    InitiativeNote,
    /// A named emotion the team typed.
    Feeling,
    /// What the customer thinks.
    Thinks,
    /// The customer's quote.
    Quote,
    /// A link's label (trigger).
    LinkLabel,
    /// A level's label.
    LevelLabel,
    /// A level's description.
    LevelDescription,
    /// A phase's name.
    PhaseName,
    /// A survey wave's name.
    WaveName,
    /// A voting session's name.
    SessionName,
    /// An initiative put to the vote.
    VoteItem,
    /// A flow wave's name.
    FlowName,
}

/// Whether `text` has more than [`MAX_TEXT_CHARS`] characters (counted only when its bytes
/// could hold that many, so checking a whole journey stays cheap).
#[must_use]
pub fn too_long(text: &str) -> Option<usize> {
    if text.len() <= MAX_TEXT_CHARS {
        return None;
    }
    let chars = text.chars().count();
    (chars > MAX_TEXT_CHARS).then_some(chars)
}

/// Whether a time is within [`MAX_ABS_TIME`] of 0 (NaN and infinities are not).
#[must_use]
pub fn time_in_range(t: f64) -> bool {
    t.abs() <= MAX_ABS_TIME
}

/// Where a text lives, for messages: the field and, for texts of a step, link, level,
/// phase or wave, which one (id and title).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The journey itself.
    Journey,
    /// A step.
    Step(Named<StepId>),
    /// A link.
    Link(StepId, StepId),
    /// A level.
    Level(Named<LevelId>),
    /// A phase.
    Phase(Named<PhaseId>),
    /// A survey wave, by its place in the list (from 1).
    Wave(usize),
    /// A department.
    Department(Named<DepartmentId>),
    /// A voting session, by its place in the list (from 1).
    Session(usize),
    /// A customer-flow wave, by its place in the list (from 1).
    Flow(usize),
}

impl Journey {
    /// The limits this journey crosses (counts, times and text lengths).
    pub(super) fn check_limits(&self, problems: &mut Vec<Problem>) {
        let counts = [
            (Counted::Steps, self.steps.len(), MAX_STEPS),
            (Counted::Links, self.links.len(), MAX_LINKS),
            (Counted::Levels, self.levels.len(), MAX_LEVELS),
            (Counted::Phases, self.phases.len(), MAX_PHASES),
            (Counted::Waves, self.surveys.waves.len(), MAX_WAVES),
            (
                Counted::Initiatives,
                self.steps.iter().map(|s| s.initiatives.len()).sum(),
                MAX_INITIATIVES,
            ),
            (
                Counted::Departments,
                self.departments.len(),
                MAX_DEPARTMENTS,
            ),
            (Counted::Sessions, self.votes.len(), MAX_SESSIONS),
            (
                Counted::VoteItems,
                self.votes.iter().map(|s| s.items.len()).sum(),
                MAX_VOTE_ITEMS,
            ),
            (Counted::Flows, self.flows.len(), MAX_FLOWS),
            (
                Counted::FlowCounts,
                self.flows.iter().map(FlowWave::counts_kept).sum(),
                MAX_FLOW_COUNTS,
            ),
        ];
        for (what, count, limit) in counts {
            if count > limit {
                problems.push(Problem::TooMany { what, count, limit });
            }
        }
        for s in &self.steps {
            if s.t.is_finite() && !time_in_range(s.t) {
                problems.push(Problem::TimeOutOfRange {
                    step: self.named_step(s.id),
                    t: s.t,
                });
            }
        }
        for p in &self.phases {
            let ends = [p.start, p.end];
            if ends.iter().all(|t| t.is_finite()) && !ends.iter().all(|&t| time_in_range(t)) {
                problems.push(Problem::PhaseOutOfRange {
                    phase: Named {
                        id: p.id,
                        name: p.name.clone(),
                    },
                    start: p.start,
                    end: p.end,
                });
            }
        }
        self.each_text(|owner, field, text| {
            if let Some(chars) = too_long(text) {
                problems.push(Problem::TextTooLong {
                    owner: owner(),
                    field,
                    chars,
                });
            }
        });
    }

    /// Calls `f` with every text of the journey, its field and (lazily) its owner.
    fn each_text(&self, mut f: impl FnMut(&dyn Fn() -> Owner, TextField, &str)) {
        use TextField as F;
        let journey = || Owner::Journey;
        f(&journey, F::JourneyTitle, &self.title);
        f(&journey, F::PersonaName, &self.persona.name);
        f(&journey, F::PersonaDescription, &self.persona.description);
        f(&journey, F::Brand, &self.brand);
        f(&journey, F::StartStatement, &self.start_statement);
        f(&journey, F::GoalStatement, &self.goal_statement);
        for s in &self.steps {
            let owner = || Owner::Step(self.named_step(s.id));
            f(&owner, F::StepTitle, &s.title);
            f(&owner, F::StepDescription, &s.description);
            f(&owner, F::StepNotes, &s.notes);
            if let Some(tp) = &s.touchpoint {
                f(&owner, F::Touchpoint, &tp.name);
            }
            for i in &s.initiatives {
                f(&owner, F::Initiative, &i.text);
                f(&owner, F::InitiativeNote, &i.note);
            }
            if let Some(super::Feeling::Custom(name)) = &s.emotion.feeling {
                f(&owner, F::Feeling, name);
            }
            f(&owner, F::Thinks, &s.emotion.thinks);
            f(&owner, F::Quote, &s.emotion.quote);
        }
        for d in &self.departments {
            let owner = || {
                Owner::Department(Named {
                    id: d.id,
                    name: d.name.clone(),
                })
            };
            f(&owner, F::Department, &d.name);
        }
        for l in &self.links {
            f(&|| Owner::Link(l.from, l.to), F::LinkLabel, &l.label);
        }
        for l in &self.levels {
            let owner = || {
                Owner::Level(Named {
                    id: l.id,
                    name: l.label.clone(),
                })
            };
            f(&owner, F::LevelLabel, &l.label);
            f(&owner, F::LevelDescription, &l.description);
        }
        for p in &self.phases {
            let owner = || {
                Owner::Phase(Named {
                    id: p.id,
                    name: p.name.clone(),
                })
            };
            f(&owner, F::PhaseName, &p.name);
        }
        for (i, w) in self.surveys.waves.iter().enumerate() {
            f(&|| Owner::Wave(i + 1), F::WaveName, &w.name);
        }
        for (i, session) in self.votes.iter().enumerate() {
            let owner = || Owner::Session(i + 1);
            f(&owner, F::SessionName, &session.name);
            for item in &session.items {
                f(&owner, F::VoteItem, &item.initiative);
            }
        }
        for (i, flow) in self.flows.iter().enumerate() {
            f(&|| Owner::Flow(i + 1), F::FlowName, &flow.name);
        }
    }

    /// The first limit the journey crosses, if any: what a command checks after applying.
    #[must_use]
    pub fn first_limit_problem(&self) -> Option<Problem> {
        let mut problems = Vec::new();
        self.check_limits(&mut problems);
        problems.into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_counted_in_characters() {
        assert_eq!(too_long(&"あ".repeat(MAX_TEXT_CHARS)), None, "3 bytes each");
        assert_eq!(
            too_long(&"a".repeat(MAX_TEXT_CHARS + 1)),
            Some(MAX_TEXT_CHARS + 1)
        );
        assert!(time_in_range(-MAX_ABS_TIME));
        assert!(!time_in_range(-1e9));
        assert!(!time_in_range(f64::NAN));
    }
}
