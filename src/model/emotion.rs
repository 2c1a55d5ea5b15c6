//! What the customer feels at a step, from interviews: a valence on a five-point scale, a
//! named emotion, what they think, their own words, and whether it is a pain point or a
//! moment of delight. Every part is optional.

use serde::{Deserialize, Serialize};

/// The five-point valence scale, −2 (とても不満) to +2 (とても満足).
pub const VALENCE_RANGE: std::ops::RangeInclusive<i8> = -2..=2;

/// A named emotion from the workshop palette, or one the team names itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Feeling {
    /// 喜び
    Joy,
    /// 安心
    Relief,
    /// 信頼
    Trust,
    /// 期待
    Anticipation,
    /// 驚き
    Surprise,
    /// 不安
    Anxiety,
    /// 不満
    Dissatisfaction,
    /// 怒り
    Anger,
    /// 悲しみ
    Sadness,
    /// 諦め
    Resignation,
    /// Any other emotion, named by the team.
    Custom(String),
}

impl Feeling {
    /// The palette, in the order E cycles through it.
    pub const PALETTE: [Self; 10] = [
        Self::Joy,
        Self::Relief,
        Self::Trust,
        Self::Anticipation,
        Self::Surprise,
        Self::Anxiety,
        Self::Dissatisfaction,
        Self::Anger,
        Self::Sadness,
        Self::Resignation,
    ];

    /// The Japanese name, as the workshop says it (custom names as typed).
    #[must_use]
    pub fn name_ja(&self) -> &str {
        match self {
            Self::Joy => "喜び",
            Self::Relief => "安心",
            Self::Trust => "信頼",
            Self::Anticipation => "期待",
            Self::Surprise => "驚き",
            Self::Anxiety => "不安",
            Self::Dissatisfaction => "不満",
            Self::Anger => "怒り",
            Self::Sadness => "悲しみ",
            Self::Resignation => "諦め",
            Self::Custom(name) => name,
        }
    }

    /// The English name (custom names as typed).
    #[must_use]
    pub fn name_en(&self) -> &str {
        match self {
            Self::Joy => "Joy",
            Self::Relief => "Relief",
            Self::Trust => "Trust",
            Self::Anticipation => "Anticipation",
            Self::Surprise => "Surprise",
            Self::Anxiety => "Anxiety",
            Self::Dissatisfaction => "Dissatisfaction",
            Self::Anger => "Anger",
            Self::Sadness => "Sadness",
            Self::Resignation => "Resignation",
            Self::Custom(name) => name,
        }
    }

    /// The next palette emotion after `current` (from none or a custom one: the first).
    #[must_use]
    pub fn cycle(current: Option<&Self>) -> Self {
        let next = current
            .and_then(|c| Self::PALETTE.iter().position(|p| p == c))
            .map_or(0, |i| (i + 1) % Self::PALETTE.len());
        Self::PALETTE[next].clone()
    }
}

/// A step that stands out in the customer's experience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Moment {
    /// ペインポイント: where the customer struggles.
    PainPoint,
    /// 感動ポイント: a moment of delight.
    Delight,
}

/// The customer's emotion at a step. Empty by default; fields left empty are not written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emotion {
    /// −2 (とても不満) .. +2 (とても満足); `None` if not known (never a false zero).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::plain"
    )]
    pub valence: Option<i8>,
    /// The named emotion.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::plain"
    )]
    pub feeling: Option<Feeling>,
    /// What the customer thinks (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub thinks: String,
    /// The customer's own words (voice of the customer).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// Pain point or moment of delight.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::plain"
    )]
    pub moment: Option<Moment>,
}

impl Emotion {
    /// Whether nothing is recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_walks_the_palette_and_wraps() {
        assert_eq!(Feeling::cycle(None), Feeling::Joy);
        assert_eq!(Feeling::cycle(Some(&Feeling::Joy)), Feeling::Relief);
        assert_eq!(Feeling::cycle(Some(&Feeling::Resignation)), Feeling::Joy);
        assert_eq!(
            Feeling::cycle(Some(&Feeling::Custom("安堵".into()))),
            Feeling::Joy
        );
    }
}
