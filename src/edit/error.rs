//! Why an edit was refused. A refused edit changes nothing.

use crate::model::{LevelId, Named, PhaseId, StepId};

/// An edit that would break a rule of the model, with the reason in words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The step does not exist (any more).
    #[error("step {0} does not exist")]
    UnknownStep(StepId),
    /// The level does not exist (any more).
    #[error("level {0} does not exist")]
    UnknownLevel(LevelId),
    /// The phase does not exist (any more).
    #[error("phase {0} does not exist")]
    UnknownPhase(PhaseId),
    /// No survey wave has this name.
    #[error("there is no survey wave called 「{0}」")]
    UnknownWave(String),
    /// A survey wave already has this name.
    #[error("a survey wave called 「{0}」 already exists")]
    WaveExists(String),
    /// A survey wave needs a name.
    #[error("a survey wave needs a name")]
    UnnamedWave,
    /// A wave date that is not `YYYY-MM-DD`.
    #[error("「{0}」 is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// A benchmark NPS outside −100..=100.
    #[error("a benchmark NPS must lie in -100..=100, not {0}")]
    BenchmarkOutOfRange(i32),
    /// A step with this id already exists.
    #[error("a step with id {0} already exists")]
    StepExists(StepId),
    /// A level or phase with this id already exists.
    #[error("id {0} is already in use")]
    IdInUse(u64),
    /// A time that is NaN or infinite.
    #[error("{0} is not a usable time")]
    NotFinite(f64),
    /// A move would put a step at or before a step that leads to it.
    #[error(
        "{step} cannot move to t = {t}: it follows {before} (t = {before_t}), and the customer cannot go back in time"
    )]
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
    #[error(
        "{step} cannot move to t = {t}: it leads to {after} (t = {after_t}), and the customer cannot go back in time"
    )]
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
    #[error("cannot link {from} → {to}: {to} is not later in time than {from}")]
    BackwardLink {
        /// Source step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
    },
    /// A link from a step to itself.
    #[error("cannot link {0} to itself")]
    SelfLink(Named<StepId>),
    /// The two steps are already linked.
    #[error("{from} → {to} are already linked")]
    DuplicateLink {
        /// Source step.
        from: Named<StepId>,
        /// Target step.
        to: Named<StepId>,
    },
    /// The link does not exist.
    #[error("there is no link {from} → {to}")]
    UnknownLink {
        /// Source id.
        from: StepId,
        /// Target id.
        to: StepId,
    },
    /// A link into the start step.
    #[error("cannot link into {0}: the start comes before everything")]
    LinkIntoStart(Named<StepId>),
    /// A link out of a goal step.
    #[error("cannot link out of {0}: a goal is where the journey ends")]
    LinkOutOfGoal(Named<StepId>),
    /// Removing or demoting the only start.
    #[error("{0} is the journey's start; make another step the start first")]
    StartNeeded(Named<StepId>),
    /// Adding a second start.
    #[error("the journey already starts at {0}; a journey has exactly one start")]
    SecondStart(Named<StepId>),
    /// Removing or demoting the last goal.
    #[error("{0} is the journey's only goal; add another goal first")]
    GoalNeeded(Named<StepId>),
    /// Removing a level that steps stand on.
    #[error("level {level} still holds {count} step(s), e.g. {example}; move them first")]
    LevelInUse {
        /// The level.
        level: Named<LevelId>,
        /// How many steps stand on it.
        count: usize,
        /// One of them.
        example: Named<StepId>,
    },
    /// Removing the last level.
    #[error("level {0} is the only level; a journey needs at least one")]
    LastLevel(Named<LevelId>),
    /// A phase extent that is empty, reversed or not finite.
    #[error("a phase cannot span {start} .. {end}: it must end after it begins")]
    BadPhaseExtent {
        /// Requested start.
        start: f64,
        /// Requested end.
        end: f64,
    },
    /// Phases that would overlap.
    #[error("phase {phase} would overlap phase {other}")]
    PhasesOverlap {
        /// The phase being changed.
        phase: Named<PhaseId>,
        /// The phase it would overlap.
        other: Named<PhaseId>,
    },
    /// A valence outside the five-point scale.
    #[error("valence {0} is outside the scale -2..=2")]
    BadValence(i8),
    /// A position outside the list.
    #[error("position {index} is outside the list of {len}")]
    BadIndex {
        /// Requested position.
        index: usize,
        /// Length of the list.
        len: usize,
    },
}
