//! A step on the journey: one touchpoint or state the customer passes through.

use super::emotion::Emotion;
use super::ids::{DepartmentId, LevelId, StepId};
use serde::{Deserialize, Serialize};

/// What role a step plays in the journey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    /// Before awareness: where every journey begins (exactly one per journey).
    Start,
    /// An ordinary step on the way.
    #[default]
    Step,
    /// The target customer state (at least one per journey).
    Goal,
}

impl StepKind {
    /// All kinds, in the order a picker shows them.
    pub const ALL: [Self; 3] = [Self::Start, Self::Step, Self::Goal];
}

/// The kind of channel through which the customer meets the brand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// Web site or online shop.
    Web,
    /// Social media.
    Sns,
    /// E-mail or newsletter.
    Email,
    /// Advertising (TV, print, online).
    Ad,
    /// Physical store.
    Store,
    /// Call centre or customer support line.
    CallCentre,
    /// Event, seminar, sampling.
    Event,
    /// Using the product itself.
    ProductUse,
    /// Anything else; the touchpoint's name says what.
    #[default]
    Other,
}

impl Channel {
    /// All channels, in the order a picker shows them.
    pub const ALL: [Self; 9] = [
        Self::Web,
        Self::Sns,
        Self::Email,
        Self::Ad,
        Self::Store,
        Self::CallCentre,
        Self::Event,
        Self::ProductUse,
        Self::Other,
    ];
}

/// Where the step happens: a channel and a free-text name ("Instagram", "新宿店").
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    /// The channel kind, used for the icon.
    pub channel: Channel,
    /// Free-text name of the concrete touchpoint.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// One of the brand's initiatives or messages at a step (施策・メッセージ), with the
/// department that owns it: the workshop's real output is which initiative moves the
/// customer up which step.
///
/// Room is left for what the workshop adds (votes): new fields default when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "InitiativeIn")]
pub struct Initiative {
    /// Short description of the initiative or message.
    pub text: String,
    /// An initiative (施策) or a message (メッセージ).
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: InitiativeKind,
    /// The department that owns it, if chosen.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::plain"
    )]
    pub department: Option<DepartmentId>,
    /// How far it has got.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: Status,
    /// A note for the team.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The department's name as a format-3 file gave it (free text), until
    /// [`crate::model::Journey::adopt_department_names`] turns it into a department.
    /// Never written.
    #[serde(skip)]
    pub named_department: Option<String>,
}

/// Whether an initiative is something the brand does or something it says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InitiativeKind {
    /// 施策: something the brand does (a sample, a call, a price).
    #[default]
    Initiative,
    /// メッセージ: something the brand says (an ad, a letter, a post).
    Message,
}

/// How far an initiative has got.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    /// アイデア: proposed, not decided.
    #[default]
    Idea,
    /// 予定: decided, not started.
    Planned,
    /// 実施中: running.
    Running,
    /// 終了: done.
    Done,
}

impl Status {
    /// Every status, in the order of their progress.
    pub const ALL: [Self; 4] = [Self::Idea, Self::Planned, Self::Running, Self::Done];

    /// A stable English key (`idea`, `planned`, `running`, `done`) for machine-readable
    /// output, the same whatever the language.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Planned => "planned",
            Self::Running => "running",
            Self::Done => "done",
        }
    }
}

impl InitiativeKind {
    /// Both kinds.
    pub const ALL: [Self; 2] = [Self::Initiative, Self::Message];

    /// A stable English key (`initiative`, `message`) for machine-readable output.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Initiative => "initiative",
            Self::Message => "message",
        }
    }
}

/// An initiative as a file holds it: its department is an id (format 4) or a name (format 3
/// and older).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Initiative")]
struct InitiativeIn {
    text: String,
    #[serde(default)]
    kind: InitiativeKind,
    #[serde(default, deserialize_with = "super::plain::deserialize")]
    department: Option<DepartmentRef>,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    note: String,
}

/// A department by id, or (older files) by name.
#[derive(Deserialize)]
#[serde(untagged)]
enum DepartmentRef {
    Id(DepartmentId),
    Name(String),
}

impl From<InitiativeIn> for Initiative {
    fn from(i: InitiativeIn) -> Self {
        let (department, named_department) = match i.department {
            Some(DepartmentRef::Id(id)) => (Some(id), None),
            Some(DepartmentRef::Name(name)) => (None, Some(name)),
            None => (None, None),
        };
        Self {
            text: i.text,
            kind: i.kind,
            department,
            status: i.status,
            note: i.note,
            named_department,
        }
    }
}

/// A step of the journey, placed at time `t` on one affinity level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable id.
    pub id: StepId,
    /// Start, ordinary step or goal.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: StepKind,
    /// Short title shown on the card.
    pub title: String,
    /// Longer description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Position on the irreversible time axis (diagram units).
    pub t: f64,
    /// The affinity level the step stands on.
    pub level: LevelId,
    /// Where the customer meets the brand at this step, if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<Touchpoint>,
    /// The brand's initiatives and messages at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// What the customer feels here (empty if not yet asked).
    #[serde(default, skip_serializing_if = "Emotion::is_empty")]
    pub emotion: Emotion,
    /// A purchase happens here: events at purchase steps count for the repeat rate.
    #[serde(default, skip_serializing_if = "is_default")]
    pub purchase: bool,
}

impl Step {
    /// A plain step with only the required fields set.
    #[must_use]
    pub fn new(id: StepId, title: impl Into<String>, t: f64, level: LevelId) -> Self {
        Self {
            id,
            kind: StepKind::Step,
            title: title.into(),
            description: String::new(),
            t,
            level,
            touchpoint: None,
            initiatives: Vec::new(),
            notes: String::new(),
            emotion: Emotion::default(),
            purchase: false,
        }
    }

    /// The same step with another kind (builder style, for examples and tests).
    #[must_use]
    pub fn with_kind(mut self, kind: StepKind) -> Self {
        self.kind = kind;
        self
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}
