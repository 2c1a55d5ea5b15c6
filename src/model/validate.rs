//! The rules of the model, checked all at once so a broken file lists every problem.

use super::ids::{DepartmentId, LevelId, PhaseId, StepId};
use super::journey::Journey;
use super::limits::{Counted, Owner, TextField};
use super::step::StepKind;
use std::collections::HashSet;
use std::fmt;

/// A step named for messages: its id and title, e.g. `s7 「店舗で試着」`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named<Id> {
    /// The id.
    pub id: Id,
    /// Its title or label at the time of the check.
    pub name: String,
}

impl<Id: fmt::Display> fmt::Display for Named<Id> {
    /// `s7 「店舗で試着」`; a name longer than [`NAME_SHOWN_CHARS`] is cut with an ellipsis, so a
    /// message stays readable whatever the title holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} 「{}」",
            self.id,
            shortened(&self.name, NAME_SHOWN_CHARS)
        )
    }
}

/// How many characters of a name or a value a message quotes.
pub const NAME_SHOWN_CHARS: usize = 40;

/// `text` cut to `max` characters, with an ellipsis and the full length when cut: what a
/// message quotes of a text that may be as long as a file.
#[must_use]
pub fn shortened(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let chars = max + text[cut..].chars().count();
            std::borrow::Cow::Owned(format!("{}… ({chars})", &text[..cut]))
        }
    }
}

/// One broken rule in a journey, naming the offending id and title.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The journey has no affinity level for steps to stand on.
    NoLevels,
    /// Two steps share an id.
    DuplicateStepId(StepId),
    /// Two levels share an id.
    DuplicateLevelId(LevelId),
    /// Two phases share an id.
    DuplicatePhaseId(PhaseId),
    /// Two departments share an id.
    DuplicateDepartmentId(DepartmentId),
    /// An initiative names a department that does not exist.
    UnknownDepartment {
        /// The step whose initiative it is.
        step: Named<StepId>,
        /// The missing department.
        department: DepartmentId,
    },
    /// An initiative of a format-4 file gives its department by name, not id.
    DepartmentByName {
        /// The step whose initiative it is.
        step: Named<StepId>,
        /// The name given.
        name: String,
    },
    /// An id is not below `next_id`, so it could be handed out again.
    IdNotBelowNext {
        /// "step", "level" or "phase".
        what: &'static str,
        /// The raw id.
        id: u64,
        /// The journey's `next_id`.
        next_id: u64,
    },
    /// `next_id` is beyond the ids Kaidan hands out (2^53, exact in JSON and scripts).
    NextIdTooLarge(u64),
    /// A valence outside the five-point scale.
    ValenceOutOfRange {
        /// The step.
        step: Named<StepId>,
        /// The bad value.
        valence: i8,
    },
    /// A survey wave has no name.
    UnnamedWave {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// Two survey waves share a name.
    DuplicateWave(String),
    /// A wave's date is not `YYYY-MM-DD`.
    BadWaveDate {
        /// The wave.
        wave: String,
        /// The bad date.
        date: String,
    },
    /// A wave holds scores for a step that does not exist.
    ScoresForUnknownStep {
        /// The wave.
        wave: String,
        /// The missing step.
        step: StepId,
    },
    /// A voting session has no name.
    UnnamedSession {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// Two voting sessions share a name.
    DuplicateSession(String),
    /// A session's name holds a control character.
    SessionNameControl {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// A session's date is not `YYYY-MM-DD`.
    BadSessionDate {
        /// The session.
        session: String,
        /// The bad date.
        date: String,
    },
    /// A session's participants or dots are 0 or beyond the limits.
    BadVoteSize {
        /// The session.
        session: String,
        /// Its participants.
        participants: u32,
        /// Its dots per participant.
        dots: u32,
    },
    /// A session counts more dots than its participants have, or more voters than
    /// participants.
    VotesOverBudget {
        /// The session.
        session: String,
        /// Dots counted.
        cast: u64,
        /// Participants × dots.
        budget: u64,
    },
    /// A flow wave has no name.
    UnnamedFlow {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// Two flow waves share a name.
    DuplicateFlow(String),
    /// A flow wave's name holds a control character.
    FlowNameControl {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// A flow wave's first or last date is not `YYYY-MM-DD`.
    BadFlowDate {
        /// The wave.
        flow: String,
        /// The bad date.
        date: String,
    },
    /// The benchmark NPS is outside -100..=100.
    BenchmarkOutOfRange(i32),
    /// A step stands on a level that does not exist.
    UnknownLevel {
        /// The step.
        step: Named<StepId>,
        /// The missing level.
        level: LevelId,
    },
    /// A step's time is NaN or infinite.
    NonFiniteTime {
        /// The step.
        step: Named<StepId>,
        /// The bad value.
        t: f64,
    },
    /// No step is marked as the start.
    NoStart,
    /// More than one step is marked as the start.
    SeveralStarts(Vec<Named<StepId>>),
    /// No step is marked as a goal.
    NoGoal,
    /// A link refers to a step that does not exist.
    DanglingLink {
        /// Source id.
        from: StepId,
        /// Target id.
        to: StepId,
        /// The id that is missing.
        missing: StepId,
    },
    /// A link from a step to itself.
    SelfLink(Named<StepId>),
    /// The same pair of steps is linked twice.
    DuplicateLink {
        /// Source id.
        from: StepId,
        /// Target id.
        to: StepId,
    },
    /// A link goes back in time (or stays at the same time).
    BackwardLink {
        /// Source step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
        /// Source time.
        from_t: f64,
        /// Target time.
        to_t: f64,
    },
    /// A link arrives at the start step, which has nothing before it.
    LinkIntoStart {
        /// Source step.
        from: Named<StepId>,
        /// The start step.
        to: Named<StepId>,
    },
    /// A link leaves a goal, which is the end of the journey.
    LinkOutOfGoal {
        /// The goal step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
    },
    /// A step lies farther from time 0 than [`super::limits::MAX_ABS_TIME`].
    TimeOutOfRange {
        /// The step.
        step: Named<StepId>,
        /// Its time.
        t: f64,
    },
    /// A phase reaches farther from time 0 than [`super::limits::MAX_ABS_TIME`].
    PhaseOutOfRange {
        /// The phase.
        phase: Named<PhaseId>,
        /// Its start.
        start: f64,
        /// Its end.
        end: f64,
    },
    /// More steps, links, levels, phases or waves than a journey may have.
    TooMany {
        /// What is counted.
        what: Counted,
        /// How many there are.
        count: usize,
        /// How many there may be.
        limit: usize,
    },
    /// A text longer than [`super::limits::MAX_TEXT_CHARS`] characters.
    TextTooLong {
        /// Whose text.
        owner: Owner,
        /// Which field.
        field: TextField,
        /// Its length in characters.
        chars: usize,
    },
    /// A survey wave's name holds a control character (a line break, an escape, …).
    WaveNameControl {
        /// Its place in the list, from 1.
        index: usize,
    },
    /// A phase's extent is empty, reversed or not finite.
    BadPhaseExtent {
        /// The phase.
        phase: Named<PhaseId>,
        /// Its start.
        start: f64,
        /// Its end.
        end: f64,
    },
    /// Two phases overlap or are out of time order.
    PhasesOverlap {
        /// The earlier phase in the list.
        first: Named<PhaseId>,
        /// Where it ends.
        first_end: f64,
        /// The next phase in the list.
        second: Named<PhaseId>,
        /// Where it begins.
        second_start: f64,
    },
}

/// The largest `next_id` a journey may have: ids stay exact as JSON numbers, and adding
/// to them can never overflow.
pub const MAX_ID: u64 = 1 << 53;

impl Journey {
    /// A step named for a message (id and title), or just the id if it does not exist.
    #[must_use]
    pub fn named_step(&self, id: StepId) -> Named<StepId> {
        Named {
            id,
            name: self.step(id).map(|s| s.title.clone()).unwrap_or_default(),
        }
    }

    /// Checks every rule of the model and returns all problems found (empty = valid).
    #[must_use]
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_ids(&mut problems);
        self.check_steps(&mut problems);
        self.check_links(&mut problems);
        self.check_phases(&mut problems);
        self.check_surveys(&mut problems);
        self.check_votes(&mut problems);
        self.check_flows(&mut problems);
        self.check_limits(&mut problems);
        problems
    }

    fn check_ids(&self, problems: &mut Vec<Problem>) {
        let mut seen = HashSet::new();
        for s in &self.steps {
            if !seen.insert(s.id) {
                problems.push(Problem::DuplicateStepId(s.id));
            }
        }
        let mut seen = HashSet::new();
        for l in &self.levels {
            if !seen.insert(l.id) {
                problems.push(Problem::DuplicateLevelId(l.id));
            }
        }
        let mut seen = HashSet::new();
        for p in &self.phases {
            if !seen.insert(p.id) {
                problems.push(Problem::DuplicatePhaseId(p.id));
            }
        }
        let mut seen = HashSet::new();
        for d in &self.departments {
            if !seen.insert(d.id) {
                problems.push(Problem::DuplicateDepartmentId(d.id));
            }
        }
        if self.next_id > MAX_ID {
            problems.push(Problem::NextIdTooLarge(self.next_id));
        }
        let ids = (self.steps.iter().map(|s| ("step", s.id.0)))
            .chain(self.levels.iter().map(|l| ("level", l.id.0)))
            .chain(self.phases.iter().map(|p| ("phase", p.id.0)))
            .chain(self.departments.iter().map(|d| ("department", d.id.0)));
        for (what, id) in ids {
            if id >= self.next_id {
                problems.push(Problem::IdNotBelowNext {
                    what,
                    id,
                    next_id: self.next_id,
                });
            }
        }
    }

    fn check_steps(&self, problems: &mut Vec<Problem>) {
        if self.levels.is_empty() {
            problems.push(Problem::NoLevels);
        }
        let levels: HashSet<LevelId> = self.levels.iter().map(|l| l.id).collect();
        let named = |s: &super::Step| Named {
            id: s.id,
            name: s.title.clone(),
        };
        let departments: HashSet<DepartmentId> = self.departments.iter().map(|d| d.id).collect();
        for s in &self.steps {
            for i in &s.initiatives {
                if let Some(d) = i.department.filter(|d| !departments.contains(d)) {
                    problems.push(Problem::UnknownDepartment {
                        step: named(s),
                        department: d,
                    });
                }
                if let Some(name) = &i.named_department {
                    problems.push(Problem::DepartmentByName {
                        step: named(s),
                        name: name.clone(),
                    });
                }
            }
            if !levels.contains(&s.level) {
                problems.push(Problem::UnknownLevel {
                    step: named(s),
                    level: s.level,
                });
            }
            if let Some(valence) = s
                .emotion
                .valence
                .filter(|v| !super::VALENCE_RANGE.contains(v))
            {
                problems.push(Problem::ValenceOutOfRange {
                    step: named(s),
                    valence,
                });
            }
            if !s.t.is_finite() {
                problems.push(Problem::NonFiniteTime {
                    step: named(s),
                    t: s.t,
                });
            }
        }
        let starts: Vec<_> = self
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Start)
            .map(named)
            .collect();
        match starts.len() {
            0 => problems.push(Problem::NoStart),
            1 => {}
            _ => problems.push(Problem::SeveralStarts(starts)),
        }
        if !self.steps.iter().any(|s| s.kind == StepKind::Goal) {
            problems.push(Problem::NoGoal);
        }
    }

    fn check_surveys(&self, problems: &mut Vec<Problem>) {
        if let Some(b) = self
            .surveys
            .benchmark
            .filter(|b| !super::NPS_RANGE.contains(b))
        {
            problems.push(Problem::BenchmarkOutOfRange(b));
        }
        let mut names = HashSet::new();
        for (i, wave) in self.surveys.waves.iter().enumerate() {
            if wave.name.trim().is_empty() {
                problems.push(Problem::UnnamedWave { index: i + 1 });
            } else if !names.insert(wave.name.as_str()) {
                problems.push(Problem::DuplicateWave(wave.name.clone()));
            }
            if wave.name.chars().any(char::is_control) {
                problems.push(Problem::WaveNameControl { index: i + 1 });
            }
            if !super::is_valid_date(&wave.date) {
                problems.push(Problem::BadWaveDate {
                    wave: wave.name.clone(),
                    date: wave.date.clone(),
                });
            }
            for &step in wave.steps.keys() {
                if self.step(step).is_none() {
                    problems.push(Problem::ScoresForUnknownStep {
                        wave: wave.name.clone(),
                        step,
                    });
                }
            }
        }
    }

    fn check_votes(&self, problems: &mut Vec<Problem>) {
        let mut names = HashSet::new();
        for (i, session) in self.votes.iter().enumerate() {
            let name = || session.name.clone();
            if session.name.trim().is_empty() {
                problems.push(Problem::UnnamedSession { index: i + 1 });
            } else if !names.insert(session.name.as_str()) {
                problems.push(Problem::DuplicateSession(name()));
            }
            if session.name.chars().any(char::is_control) {
                problems.push(Problem::SessionNameControl { index: i + 1 });
            }
            if !super::is_valid_date(&session.date) {
                problems.push(Problem::BadSessionDate {
                    session: name(),
                    date: session.date.clone(),
                });
            }
            if !(1..=super::MAX_PARTICIPANTS).contains(&session.participants)
                || !(1..=super::MAX_DOTS).contains(&session.dots)
            {
                problems.push(Problem::BadVoteSize {
                    session: name(),
                    participants: session.participants,
                    dots: session.dots,
                });
            }
            if session.cast() > session.budget() || session.voted > session.participants {
                problems.push(Problem::VotesOverBudget {
                    session: name(),
                    cast: session.cast(),
                    budget: session.budget(),
                });
            }
        }
    }

    fn check_flows(&self, problems: &mut Vec<Problem>) {
        let mut names = HashSet::new();
        for (i, flow) in self.flows.iter().enumerate() {
            if flow.name.trim().is_empty() {
                problems.push(Problem::UnnamedFlow { index: i + 1 });
            } else if !names.insert(flow.name.as_str()) {
                problems.push(Problem::DuplicateFlow(flow.name.clone()));
            }
            if flow.name.chars().any(char::is_control) {
                problems.push(Problem::FlowNameControl { index: i + 1 });
            }
            for date in [&flow.from, &flow.to] {
                if !super::is_valid_date(date) {
                    problems.push(Problem::BadFlowDate {
                        flow: flow.name.clone(),
                        date: date.clone(),
                    });
                }
            }
        }
    }

    fn check_links(&self, problems: &mut Vec<Problem>) {
        let mut seen = HashSet::new();
        for link in &self.links {
            if !seen.insert(link.key()) {
                problems.push(Problem::DuplicateLink {
                    from: link.from,
                    to: link.to,
                });
            }
            let (Some(from), Some(to)) = (self.step(link.from), self.step(link.to)) else {
                let missing = if self.step(link.from).is_none() {
                    link.from
                } else {
                    link.to
                };
                problems.push(Problem::DanglingLink {
                    from: link.from,
                    to: link.to,
                    missing,
                });
                continue;
            };
            if link.from == link.to {
                problems.push(Problem::SelfLink(self.named_step(link.from)));
                continue;
            }
            if to.t <= from.t {
                problems.push(Problem::BackwardLink {
                    from: self.named_step(from.id),
                    to: self.named_step(to.id),
                    from_t: from.t,
                    to_t: to.t,
                });
            }
            if to.kind == StepKind::Start {
                problems.push(Problem::LinkIntoStart {
                    from: self.named_step(from.id),
                    to: self.named_step(to.id),
                });
            }
            if from.kind == StepKind::Goal {
                problems.push(Problem::LinkOutOfGoal {
                    from: self.named_step(from.id),
                    to: self.named_step(to.id),
                });
            }
        }
    }

    fn check_phases(&self, problems: &mut Vec<Problem>) {
        let named = |p: &super::Phase| Named {
            id: p.id,
            name: p.name.clone(),
        };
        for p in &self.phases {
            if !(p.start.is_finite() && p.end.is_finite() && p.start < p.end) {
                problems.push(Problem::BadPhaseExtent {
                    phase: named(p),
                    start: p.start,
                    end: p.end,
                });
            }
        }
        for pair in self.phases.windows(2) {
            if pair[1].start < pair[0].end {
                problems.push(Problem::PhasesOverlap {
                    first: named(&pair[0]),
                    first_end: pair[0].end,
                    second: named(&pair[1]),
                    second_start: pair[1].start,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_beyond_the_id_space_is_a_problem() {
        let mut j = Journey::blank("t");
        assert_eq!(j.validate(), vec![]);
        j.next_id = u64::MAX;
        assert_eq!(j.validate(), vec![Problem::NextIdTooLarge(u64::MAX)]);
        j.next_id = MAX_ID;
        assert_eq!(j.validate(), vec![]);
    }
}
