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
/// Height of the icon row above the title of a start or goal card (its flag or star, and
/// the face at the right), whose title then takes the card's whole width.
pub const ICON_ROW_H: f32 = 20.0;
/// Width of a card's face column on the right.
pub const FACE_W: f32 = 22.0;
/// Height of a row of text, per unit of font size.
pub const LINE: f32 = 1.3;
/// Rows the start and goal cards may grow to: enough for any statement a workshop writes;
/// beyond it (a text of thousands of characters) the title ends in an ellipsis.
pub const STATEMENT_ROWS: usize = 12;
/// Rows a start or goal card's title may take before the card widens for it.
const END_CARD_ROWS: usize = 2;
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
    /// Width of each step's card, in `Journey::steps` order: `metrics.card_w`, or wider for a
    /// start or goal card with a long title (up to twice).
    pub card_w: Vec<f32>,
    /// Height of each step's card without the NPS strip, in `Journey::steps` order.
    pub card_h: Vec<f32>,
    /// The least height of each level's band (its label and description), in
    /// `Journey::levels` order.
    pub level_h: Vec<f32>,
}

/// Whether a step's card shows an icon column (its channel, or ¥ for a purchase step).
fn has_icon(m: &Metrics, kind: StepKind, touchpoint: bool) -> bool {
    kind != StepKind::Step || (m.card_marks && touchpoint)
}

/// Width of the face column a step's card may show: the painter draws a face (or the
/// emotion's name) there when the density marks cards, and a face on a slide without the
/// emotion curve, so a rated step keeps room for it either way.
fn face_w(m: &Metrics, step: &crate::model::Step) -> f32 {
    if m.card_marks || step.emotion.valence.is_some() {
        FACE_W
    } else {
        0.0
    }
}

/// The first characters of `text`, as many as can matter for its widest word.
fn head(text: &str) -> &str {
    text.char_indices()
        .nth(LOOKED_AT)
        .map_or(text, |(i, _)| &text[..i])
}

/// Height a level's label and description take in the gutter with `text_w` for their rows.
fn level_text_h(m: &Metrics, level: &crate::model::Level, text_w: f32) -> f32 {
    let label = rows_needed(&level.label, m.label_size + 1.0, text_w).min(LEVEL_LABEL_ROWS);
    let description =
        rows_needed(&level.description, m.small_size, text_w).min(LEVEL_DESCRIPTION_ROWS);
    label as f32 * (m.label_size + 1.0) * LINE + description as f32 * m.small_size * LINE + 16.0
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

/// Sizes `m` to `journey`, whose cards carry an NPS strip `strip_h` tall (0 for none). Only
/// the phase headers depend on `m.unit_t` ([`header_h`]).
#[must_use]
pub fn fit(journey: &Journey, m: Metrics, strip_h: f32) -> Fit {
    let mut m = m;
    // Cards wide enough for the widest word of any title.
    let widest_title = journey
        .steps
        .iter()
        .map(|s| {
            let icon = if has_icon(&m, s.kind, s.touchpoint.is_some() || s.purchase) {
                ICON_W
            } else {
                0.0
            };
            widest_unbreakable_em(head(&s.title)) * m.title_size + icon + face_w(&m, s)
        })
        .fold(0.0_f32, f32::max);
    m.card_w = (widest_title + 2.0 * CARD_PAD + WORD_SLACK).clamp(m.card_w, 2.0 * m.card_w);

    // The gutter wide enough for the widest word of any level's label or description, and
    // wider still (up to twice) while a level's text would make its band taller than one row
    // of cards: on a slide, height is what the page runs out of first.
    let widest_level = journey
        .levels
        .iter()
        .map(|l| {
            (widest_unbreakable_em(head(&l.label)) * (m.label_size + 1.0))
                .max(widest_unbreakable_em(head(&l.description)) * m.small_size)
        })
        .fold(0.0_f32, f32::max);
    let text_room = m.axis_label_w + 2.0 * GUTTER_PAD + GUTTER_GAP;
    let least = (text_room + widest_level + WORD_SLACK).clamp(m.gutter_w, 2.0 * m.gutter_w);
    let one_row_of_cards = m.card_h + strip_h + 2.0 * m.lane_gap;
    let mut gutter_w = least;
    while gutter_w < 2.0 * m.gutter_w
        && journey
            .levels
            .iter()
            .any(|l| level_text_h(&m, l, gutter_w - text_room) > one_row_of_cards)
    {
        gutter_w = (gutter_w + 8.0).min(2.0 * m.gutter_w);
    }
    m.gutter_w = gutter_w;

    m.header_h = header_h(journey, &m);

    // Start and goal cards wide and tall enough for their whole title: as wide as keeps the
    // title within [`END_CARD_ROWS`] rows (up to twice a card), then as tall as it needs.
    let (card_w, card_h) = journey
        .steps
        .iter()
        .map(|s| {
            if s.kind == StepKind::Step {
                if !m.whole_titles {
                    return (m.card_w, m.card_h);
                }
                let icon = if has_icon(&m, s.kind, s.touchpoint.is_some() || s.purchase) {
                    ICON_W
                } else {
                    0.0
                };
                let width = m.card_w - 2.0 * CARD_PAD - icon - face_w(&m, s);
                let rows = rows_needed(&s.title, m.title_size, width).min(STATEMENT_ROWS);
                let h = m
                    .card_h
                    .max(rows as f32 * m.title_size * LINE + 2.0 * CARD_PAD);
                return (m.card_w, h);
            }
            let rows_at = |w: f32| rows_needed(head(&s.title), m.title_size, w - 2.0 * CARD_PAD);
            let mut w = m.card_w;
            while w < 2.0 * m.card_w && rows_at(w) > END_CARD_ROWS {
                w = (w + 8.0).min(2.0 * m.card_w);
            }
            let rows = rows_needed(&s.title, m.title_size, w - 2.0 * CARD_PAD).min(STATEMENT_ROWS);
            let h = m
                .card_h
                .max(rows as f32 * m.title_size * LINE + 2.0 * CARD_PAD + ICON_ROW_H);
            (w, h)
        })
        .unzip();

    // Level bands tall enough for their label and description.
    let text_w = m.gutter_w - m.axis_label_w - GUTTER_GAP - 2.0 * GUTTER_PAD;
    let level_h = journey
        .levels
        .iter()
        .map(|l| level_text_h(&m, l, text_w))
        .collect();
    Fit {
        metrics: m,
        card_w,
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
        let base = fit(&j, Metrics::SLIDE, 0.0).metrics.card_w;
        assert!(
            base > Metrics::SLIDE.card_w,
            "「consideration」 needs more than 96"
        );
        let need = widest_unbreakable_em("consideration") * Metrics::SLIDE.title_size;
        assert!(base - 2.0 * CARD_PAD >= need, "{base} fits {need}");
        j.steps[1].title = "x".repeat(500);
        let capped = fit(&j, Metrics::SLIDE, 0.0).metrics.card_w;
        assert!(
            (capped - 2.0 * Metrics::SLIDE.card_w).abs() < 1e-3,
            "{capped}"
        );
    }

    #[test]
    fn the_goal_card_grows_for_its_whole_title() {
        let j = crate::bundled::TEINEI.load().expect("example");
        let f = fit(&j, Metrics::SLIDE, 0.0);
        let goal = j
            .steps
            .iter()
            .position(|s| s.kind == StepKind::Goal)
            .expect("a goal");
        assert!(f.card_h[goal] > Metrics::SLIDE.card_h, "{}", f.card_h[goal]);
        // Wider first (up to twice), so the card does not tower over its level.
        let m = Metrics::SLIDE;
        assert!(f.card_w[goal] > m.card_w && f.card_w[goal] <= 2.0 * m.card_w);
        let rows = rows_needed(
            &j.steps[goal].title,
            m.title_size,
            f.card_w[goal] - 2.0 * CARD_PAD,
        );
        assert!(rows <= END_CARD_ROWS + 1, "{rows} rows");
        assert!(
            f.card_h[goal] >= rows as f32 * m.title_size * LINE + 2.0 * CARD_PAD + ICON_ROW_H,
            "tall enough for every row under the icon"
        );
        let ordinary = j
            .steps
            .iter()
            .position(|s| s.kind == StepKind::Step)
            .expect("a step");
        assert!((f.card_h[ordinary] - Metrics::SLIDE.card_h).abs() < 1e-3);
    }
}
