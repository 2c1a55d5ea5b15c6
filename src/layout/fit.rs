//! Boxes sized for their words, so that what must be read whole is never cut: cards and the
//! level gutter wide enough for the journey's longest word (a word is split only when it is
//! wider than twice the usual box), phase headers and level bands tall enough for their
//! names and descriptions, and the start and goal cards tall enough for their whole titles
//! (「ストレスがなく健康で、…」 is the workshop's conclusion).
//!
//! Widths are estimated with the bundled font's glyph widths ([`crate::linebreak::em_width`])
//! and broken by the same rules as the painter ([`crate::linebreak::break_rows`]), so the rows
//! the layout makes room for are the rows the painter draws.

use super::Metrics;
use crate::linebreak::{rows_needed, widest_unbreakable_em};
use crate::model::{Journey, StepKind};

/// Padding inside a card, each side.
pub const CARD_PAD: f32 = 7.0;
/// Width of a card's icon column (channel, start flag, goal star) with its gap.
pub const ICON_W: f32 = 22.0;
/// Width of a card's face column on the right.
pub const FACE_W: f32 = 22.0;
/// Height of a row of text, per unit of font size.
pub const LINE: f32 = 1.3;
/// Rows the start and goal cards may grow to: enough for any statement a workshop writes;
/// beyond it (a text of thousands of characters) the title ends in an ellipsis.
pub const STATEMENT_ROWS: usize = 12;
/// Rows a phase name may take in its header.
pub const PHASE_ROWS: usize = 4;
/// Rows a level's label may take in the gutter.
pub const LEVEL_LABEL_ROWS: usize = 3;
/// Rows a level's description may take in the gutter.
pub const LEVEL_DESCRIPTION_ROWS: usize = 8;
/// Characters of a text looked at for its widest word: a word longer than this is split
/// anyway, and a 10,000-character title costs no more than a short one.
const LOOKED_AT: usize = 200;
/// Room added to a measured word so that it fits with what the painter keeps at a row's end.
const WORD_SLACK: f32 = 2.0;
/// Room the gutter keeps around a level's text, left and right.
pub const GUTTER_PAD: f32 = 10.0;
/// Gap between the gutter's text and the plot.
pub const GUTTER_GAP: f32 = 12.0;

/// The sizes of one journey at one density.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The density's sizes with `card_w`, `gutter_w` and `header_h` fitted to the journey.
    pub metrics: Metrics,
    /// Height of each step's card without the NPS strip, in `Journey::steps` order.
    pub card_h: Vec<f32>,
    /// The least height of each level's band (its label and description), in
    /// `Journey::levels` order.
    pub level_h: Vec<f32>,
}

/// Whether a step's card shows an icon column.
fn has_icon(m: &Metrics, kind: StepKind, touchpoint: bool) -> bool {
    kind != StepKind::Step || (m.card_marks && touchpoint)
}

/// The first characters of `text`, as many as can matter for its widest word.
fn head(text: &str) -> &str {
    text.char_indices()
        .nth(LOOKED_AT)
        .map_or(text, |(i, _)| &text[..i])
}

/// The height of the phase headers at `m`: at least `m.header_h`, and tall enough for every
/// phase's name at the width its time span gets. The only fitted size that depends on the
/// time scale (`m.unit_t`).
#[must_use]
pub fn header_h(journey: &Journey, m: &Metrics) -> f32 {
    let header_rows = journey
        .phases
        .iter()
        .map(|p| {
            let width = ((p.end - p.start) as f32 * m.unit_t - 12.0).max(m.label_size);
            rows_needed(head(&p.name), m.label_size, width).min(PHASE_ROWS)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    m.header_h
        .max(header_rows as f32 * m.label_size * LINE + 12.0)
}

/// Sizes `m` to `journey`. Only the phase headers depend on `m.unit_t` ([`header_h`]).
#[must_use]
pub fn fit(journey: &Journey, m: Metrics) -> Fit {
    let mut m = m;
    // Cards wide enough for the widest word of any title.
    let face = if m.card_marks { FACE_W } else { 0.0 };
    let widest_title = journey
        .steps
        .iter()
        .map(|s| {
            let icon = if has_icon(&m, s.kind, s.touchpoint.is_some()) {
                ICON_W
            } else {
                0.0
            };
            widest_unbreakable_em(head(&s.title)) * m.title_size + icon
        })
        .fold(0.0_f32, f32::max);
    m.card_w = (widest_title + 2.0 * CARD_PAD + face + WORD_SLACK).clamp(m.card_w, 2.0 * m.card_w);

    // The gutter wide enough for the widest word of any level's label or description.
    let widest_level = journey
        .levels
        .iter()
        .map(|l| {
            (widest_unbreakable_em(head(&l.label)) * (m.label_size + 1.0))
                .max(widest_unbreakable_em(head(&l.description)) * m.small_size)
        })
        .fold(0.0_f32, f32::max);
    let needed = m.axis_label_w + 2.0 * GUTTER_PAD + GUTTER_GAP + widest_level + WORD_SLACK;
    m.gutter_w = needed.clamp(m.gutter_w, 2.0 * m.gutter_w);

    m.header_h = header_h(journey, &m);

    // Start and goal cards tall enough for their whole title.
    let card_h = journey
        .steps
        .iter()
        .map(|s| {
            if s.kind == StepKind::Step {
                return m.card_h;
            }
            let width = m.card_w - 2.0 * CARD_PAD - ICON_W - face;
            let rows = rows_needed(&s.title, m.title_size, width).min(STATEMENT_ROWS);
            m.card_h
                .max(rows as f32 * m.title_size * LINE + 2.0 * CARD_PAD)
        })
        .collect();

    // Level bands tall enough for their label and description.
    let text_w = m.gutter_w - m.axis_label_w - GUTTER_GAP - 2.0 * GUTTER_PAD;
    let level_h = journey
        .levels
        .iter()
        .map(|l| {
            let label = rows_needed(&l.label, m.label_size + 1.0, text_w).min(LEVEL_LABEL_ROWS);
            let description =
                rows_needed(&l.description, m.small_size, text_w).min(LEVEL_DESCRIPTION_ROWS);
            label as f32 * (m.label_size + 1.0) * LINE
                + description as f32 * m.small_size * LINE
                + 16.0
        })
        .collect();
    Fit {
        metrics: m,
        card_h,
        level_h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_widen_for_their_longest_word_up_to_twice() {
        let mut j = crate::bundled::LOYALTY_LOOP.load().expect("example");
        let base = fit(&j, Metrics::SLIDE).metrics.card_w;
        assert!(
            base > Metrics::SLIDE.card_w,
            "「consideration」 needs more than 96"
        );
        let need = widest_unbreakable_em("consideration") * Metrics::SLIDE.title_size;
        assert!(base - 2.0 * CARD_PAD >= need, "{base} fits {need}");
        j.steps[1].title = "x".repeat(500);
        let capped = fit(&j, Metrics::SLIDE).metrics.card_w;
        assert!(
            (capped - 2.0 * Metrics::SLIDE.card_w).abs() < 1e-3,
            "{capped}"
        );
    }

    #[test]
    fn the_goal_card_grows_for_its_whole_title() {
        let j = crate::bundled::TEINEI.load().expect("example");
        let f = fit(&j, Metrics::SLIDE);
        let goal = j
            .steps
            .iter()
            .position(|s| s.kind == StepKind::Goal)
            .expect("a goal");
        assert!(f.card_h[goal] > Metrics::SLIDE.card_h, "{}", f.card_h[goal]);
        let ordinary = j
            .steps
            .iter()
            .position(|s| s.kind == StepKind::Step)
            .expect("a step");
        assert!((f.card_h[ordinary] - Metrics::SLIDE.card_h).abs() < 1e-3);
    }
}
