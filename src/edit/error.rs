//! Why an edit was refused. A refused edit changes nothing. The texts, in both languages,
//! are in [`crate::i18n`].

use crate::model::{DepartmentId, LevelId, Named, PhaseId, Problem, StepId};

/// An edit that would break a rule of the model, with the reason in words.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// The step does not exist (any more).
    UnknownStep(StepId),
    /// The level does not exist (any more).
    UnknownLevel(LevelId),
    /// The phase does not exist (any more).
    UnknownPhase(PhaseId),
    /// The department does not exist (any more).
    UnknownDepartment(DepartmentId),
    /// A department still owns initiatives.
    DepartmentInUse {
        /// The department.
        department: Named<DepartmentId>,
        /// How many steps have initiatives of it.
        steps: usize,
    },
    /// No survey wave has this name.
    UnknownWave(String),
    /// A survey wave already has this name.
    WaveExists(String),
    /// A survey wave needs a name.
    UnnamedWave,
    /// A wave name with a control character (line break, escape, …).
    WaveNameControl,
    /// A wave date that is not a calendar date `YYYY-MM-DD`.
    BadDate(String),
    /// A benchmark NPS outside −100..=100.
    BenchmarkOutOfRange(i32),
    /// A step with this id already exists.
    StepExists(StepId),
    /// A level or phase with this id already exists.
    IdInUse(u64),
    /// A time that is NaN or infinite.
    NotFinite(f64),
    /// A move would put a step at or before a step that leads to it.
    BehindPredecessor {
        /// The step being moved.
        step: Named<StepId>,
        /// Its requested time.
        t: f64,
        /// The step that leads to it.
        before: Named<StepId>,
        /// That step's time.
        before_t: f64,
    },
    /// A move would put a step at or after a step it leads to.
    AheadOfSuccessor {
        /// The step being moved.
        step: Named<StepId>,
        /// Its requested time.
        t: f64,
        /// The step it leads to.
        after: Named<StepId>,
        /// That step's time.
        after_t: f64,
    },
    /// A link that would go back in time (or stay at the same time).
    BackwardLink {
        /// Source step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
    },
    /// A link from a step to itself.
    SelfLink(Named<StepId>),
    /// The two steps are already linked.
    DuplicateLink {
        /// Source step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
    },
    /// The link does not exist.
    UnknownLink {
        /// Source id.
        from: StepId,
        /// Target id.
        to: StepId,
    },
    /// A link into the start step.
    LinkIntoStart(Named<StepId>),
    /// A link out of a goal step.
    LinkOutOfGoal(Named<StepId>),
    /// Removing or demoting the only start.
    StartNeeded(Named<StepId>),
    /// Adding a second start.
    SecondStart(Named<StepId>),
    /// Removing or demoting the last goal.
    GoalNeeded(Named<StepId>),
    /// Removing a level that steps stand on.
    LevelInUse {
        /// The level.
        level: Named<LevelId>,
        /// How many steps stand on it.
        count: usize,
        /// One of them.
        example: Named<StepId>,
    },
    /// Removing the last level.
    LastLevel(Named<LevelId>),
    /// A phase extent that is empty, reversed or not finite.
    BadPhaseExtent {
        /// Requested start.
        start: f64,
        /// Requested end.
        end: f64,
    },
    /// Phases that would overlap.
    PhasesOverlap {
        /// The phase being changed.
        phase: Named<PhaseId>,
        /// The phase it would overlap.
        other: Named<PhaseId>,
    },
    /// A valence outside the five-point scale.
    BadValence(i8),
    /// The edit would take the journey past one of its limits
    /// ([`crate::model::limits`]): too far in time, too long a text, too many steps, ….
    Limit(Problem),
    /// No voting session has this name.
    UnknownSession(String),
    /// A voting session already has this name.
    SessionExists(String),
    /// A voting session needs a name.
    UnnamedSession,
    /// A session name with a control character.
    SessionNameControl,
    /// Participants or dots of 0, or beyond the limits.
    BadVoteSize {
        /// Participants asked for.
        participants: u32,
        /// Dots per participant asked for.
        dots: u32,
    },
    /// Nothing matches what the session would vote on.
    NothingToVoteOn,
    /// The session is closed: it takes no more votes.
    SessionClosed(String),
    /// Every participant of the session has voted.
    EveryoneVoted(String),
    /// More dots than a participant (or the room) has.
    TooManyDots {
        /// Dots placed.
        placed: u64,
        /// Dots there are.
        budget: u64,
    },
    /// A position outside the list.
    BadIndex {
        /// Requested position.
        index: usize,
        /// Length of the list.
        len: usize,
    },
}
