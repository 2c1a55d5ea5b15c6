//! A step on the journey: one touchpoint or state the customer passes through.

use super::emotion::Emotion;
use super::ids::{LevelId, StepId};
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Short description of the initiative or message.
    pub text: String,
    /// Owning department (free text, e.g. "CRM部").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
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
