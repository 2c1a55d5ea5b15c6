//! Placing link labels (the triggers, 「サンプルが届く」) where they overlap no card and no other
//! label: each label tries a few spots along its connector and takes the first free one.

use super::{Card, Connector};
use crate::model::StepId;
use egui::{Align2, Pos2, Rect, Vec2, pos2, vec2};
use std::collections::HashMap;

/// Widest a label is drawn (diagram units); longer text ends in an ellipsis.
pub const LABEL_MAX_W: f32 = 140.0;
/// Room kept free around a card's top-right corner for its badge (diagram units).
const BADGE_ROOM: f32 = 24.0;
/// Padding around a label's text inside its frame.
pub const LABEL_PAD: Vec2 = vec2(5.0, 2.0);

/// The size of a label's frame, estimated from its characters (full-width for CJK, about
/// half for Latin) at font size `font`, so layout needs no fonts. The painter draws within
/// the same bounds.
#[must_use]
pub fn estimated_size(text: &str, font: f32) -> Vec2 {
    let width: f32 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 } * font)
        .sum();
    vec2(width.min(LABEL_MAX_W), font * 1.25) + LABEL_PAD * 2.0
}

/// Spots to try for a connector's label, best first: after the source card above the run,
/// below it, beside the riser (right, then left), at the end of the run; then sliding
/// along every segment on both sides.
fn candidates(points: &[Pos2], ends: Option<(Rect, Rect)>) -> Vec<(Pos2, Align2)> {
    let mut out = Vec::new();
    let Some(first) = points.windows(2).next() else {
        return out;
    };
    let is_flat = |w: &[Pos2]| (w[0].y - w[1].y).abs() < 0.5;
    let horizontal = is_flat(first);
    if horizontal {
        out.push((
            pos2(first[0].x + 6.0, first[0].y - 4.0),
            Align2::LEFT_BOTTOM,
        ));
        out.push((pos2(first[0].x + 6.0, first[0].y + 4.0), Align2::LEFT_TOP));
    }
    let riser = super::connector::riser(points);
    if let Some(riser) = riser {
        let mid = pos2(riser[0].x, f32::midpoint(riser[0].y, riser[1].y));
        out.push((pos2(mid.x + 8.0, mid.y), Align2::LEFT_CENTER));
        out.push((pos2(mid.x - 8.0, mid.y), Align2::RIGHT_CENTER));
        if horizontal {
            out.push((
                pos2(riser[0].x - 6.0, first[0].y - 4.0),
                Align2::RIGHT_BOTTOM,
            ));
            out.push((pos2(riser[0].x - 6.0, first[0].y + 4.0), Align2::RIGHT_TOP));
        }
    }
    // Beside both cards, level with the connector's middle (for short joins between
    // stacked cards, where the connector itself leaves no room).
    if let (Some((a, b)), Some(riser)) = (ends, riser) {
        let y = f32::midpoint(riser[0].y, riser[1].y);
        out.push((pos2(a.right().max(b.right()) + 6.0, y), Align2::LEFT_CENTER));
        out.push((pos2(a.left().min(b.left()) - 6.0, y), Align2::RIGHT_CENTER));
    }
    // Above or below both cards, over the middle of the join (for runs shorter than the label).
    if let Some((a, b)) = ends {
        let x = f32::midpoint(a.right(), b.left());
        out.push((pos2(x, a.top().min(b.top()) - 4.0), Align2::CENTER_BOTTOM));
        out.push((
            pos2(x, a.bottom().max(b.bottom()) + 4.0),
            Align2::CENTER_TOP,
        ));
    }
    // Over or under either card (when the cards crowd the join itself).
    if let Some((a, b)) = ends {
        for card in [a, b] {
            let (above, below) = (card.top() - 4.0, card.bottom() + 4.0);
            // Centred, or flush with either side (left of the corner badge).
            for (x, align_above, align_below) in [
                (card.center().x, Align2::CENTER_BOTTOM, Align2::CENTER_TOP),
                (card.left(), Align2::LEFT_BOTTOM, Align2::LEFT_TOP),
                (
                    card.right() - BADGE_ROOM / 2.0,
                    Align2::RIGHT_BOTTOM,
                    Align2::RIGHT_TOP,
                ),
            ] {
                out.push((pos2(x, above), align_above));
                out.push((pos2(x, below), align_below));
            }
        }
        // Beside either card, level with its middle.
        for card in [a, b] {
            let y = card.center().y;
            out.push((pos2(card.right() + 6.0, y), Align2::LEFT_CENTER));
            out.push((pos2(card.left() - 6.0, y), Align2::RIGHT_CENTER));
        }
    }
    for w in points.windows(2) {
        let len = (w[1] - w[0]).length();
        let steps = (len / 16.0).floor() as usize;
        for k in 1..steps {
            let p = w[0] + (w[1] - w[0]) * (k as f32 * 16.0 / len);
            if is_flat(w) {
                out.push((pos2(p.x, p.y - 4.0), Align2::CENTER_BOTTOM));
                out.push((pos2(p.x, p.y + 4.0), Align2::CENTER_TOP));
            } else {
                out.push((pos2(p.x + 8.0, p.y), Align2::LEFT_CENTER));
                out.push((pos2(p.x - 8.0, p.y), Align2::RIGHT_CENTER));
            }
        }
    }
    out
}

/// Rectangles bucketed on a coarse grid, to find overlaps without checking every card.
struct Grid {
    cell: f32,
    buckets: HashMap<(i32, i32), Vec<Rect>>,
}

impl Grid {
    fn new(cell: f32) -> Self {
        Self {
            cell,
            buckets: HashMap::new(),
        }
    }

    fn cells(&self, r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let c = self.cell;
        let (x0, x1) = (
            (r.left() / c).floor() as i32,
            (r.right() / c).floor() as i32,
        );
        let (y0, y1) = (
            (r.top() / c).floor() as i32,
            (r.bottom() / c).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, r: Rect) {
        for key in self.cells(r).collect::<Vec<_>>() {
            self.buckets.entry(key).or_default().push(r);
        }
    }

    fn hits(&self, r: Rect) -> bool {
        self.cells(r).any(|key| {
            self.buckets
                .get(&key)
                .is_some_and(|rs| rs.iter().any(|o| o.intersects(r)))
        })
    }
}

/// Chooses a spot for every labelled connector. `label_of(from, to)` is the link's text
/// (empty for none), drawn at font size `font`. Sets `label_at` and `label_rect`. Returns
/// how many labels found no free spot and were put at their first spot anyway.
pub fn place<'a>(
    cards: &[Card],
    connectors: &mut [Connector],
    font: f32,
    label_of: impl Fn(StepId, StepId) -> &'a str,
) -> usize {
    let mut crowded = 0;
    let mut taken = Grid::new(256.0);
    for card in cards {
        taken.insert(card.rect.expand(2.0));
        // The pain-point / delight badge sits on the top-right corner, half outside.
        taken.insert(Rect::from_center_size(
            card.rect.right_top(),
            vec2(BADGE_ROOM, BADGE_ROOM),
        ));
    }
    for c in connectors.iter_mut() {
        let text = label_of(c.from, c.to);
        c.label_at = None;
        c.label_rect = None;
        if text.is_empty() {
            continue;
        }
        let size = estimated_size(text, font);
        let card = |id| {
            cards
                .binary_search_by_key(&id, |k: &Card| k.step)
                .ok()
                .map(|i| cards[i].rect)
        };
        let ends = card(c.from).zip(card(c.to));
        let spots = candidates(&c.points, ends);
        let chosen = spots
            .iter()
            .map(|&(at, align)| (at, align, align.anchor_size(at, size)))
            .find(|(_, _, r)| !taken.hits(*r))
            .or_else(|| {
                crowded += 1;
                spots
                    .first()
                    .map(|&(at, align)| (at, align, align.anchor_size(at, size)))
            });
        if let Some((at, align, rect)) = chosen {
            taken.insert(rect);
            c.label_at = Some((at, align));
            c.label_rect = Some(rect);
        }
    }
    crowded
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether any label of the scene overlaps a card, a card's badge or another label.
    fn overlapping(scene: &super::super::Scene) -> bool {
        let rects: Vec<Rect> = scene
            .connectors
            .iter()
            .filter_map(|c| c.label_rect)
            .collect();
        rects.iter().enumerate().any(|(i, r)| {
            scene.cards.iter().any(|card| {
                let badge = Rect::from_center_size(card.rect.right_top(), Vec2::splat(18.0));
                r.intersects(card.rect) || r.intersects(badge)
            }) || rects[i + 1..].iter().any(|o| r.intersects(*o))
        })
    }

    #[test]
    fn example_labels_overlap_no_card_badge_or_other_label_and_crowding_is_reported() {
        use super::super::{Metrics, Options, layout_with};
        // The canvas, and a slide at every time scale the export may fit it to.
        let densities = std::iter::once(Metrics::SCREEN).chain((1..=20).map(|u| Metrics {
            unit_t: u as f32 * 4.0,
            ..Metrics::SLIDE
        }));
        for metrics in densities {
            for bundled in crate::bundled::ALL {
                let j = bundled.load().expect("example");
                let options = Options {
                    metrics,
                    ..Default::default()
                };
                let scene = layout_with(&j, options);
                let what = format!("{} at unit_t {}", bundled.file_name, metrics.unit_t);
                let labelled = j.links.iter().filter(|l| !l.label.is_empty()).count();
                let placed = scene.connectors.iter().filter(|c| c.label_rect.is_some());
                assert_eq!(placed.count(), labelled, "{what}: every label placed");
                // The scene says when it had to overlap, so the export can avoid it.
                assert_eq!(
                    overlapping(&scene),
                    scene.crowded_labels > 0,
                    "{what}: {} crowded",
                    scene.crowded_labels
                );
                if metrics == Metrics::SCREEN {
                    assert_eq!(scene.crowded_labels, 0, "{what}: the canvas is clear");
                }
            }
        }
    }

    #[test]
    fn a_label_with_no_free_spot_is_reported_as_crowded() {
        // A wall of cards with no gaps: every spot for the label is taken.
        let cards: Vec<Card> = (0..400u64)
            .map(|i| Card {
                step: StepId(i),
                rect: Rect::from_min_size(
                    pos2((i % 20) as f32 * 100.0, (i / 20) as f32 * 60.0),
                    vec2(100.0, 60.0),
                ),
                kind: crate::model::StepKind::Step,
                strip: None,
            })
            .collect();
        let points = super::super::connector::route(cards[210].rect, cards[232].rect);
        let mut connectors = vec![Connector {
            from: StepId(210),
            to: StepId(232),
            bounds: Rect::from_points(&points),
            points,
            descending: false,
            label_at: None,
            label_rect: None,
        }];
        assert_eq!(place(&cards, &mut connectors, 14.0, |_, _| "トリガー"), 1);
        assert!(
            connectors[0].label_rect.is_some(),
            "still drawn, near its link"
        );
        assert_eq!(
            place(&cards[..1], &mut connectors, 14.0, |_, _| "トリガー"),
            0
        );
    }

    #[test]
    fn latin_is_narrower_than_japanese_and_long_text_is_capped() {
        assert!(estimated_size("abcd", 14.0).x < estimated_size("あいうえ", 14.0).x);
        assert!(
            estimated_size(&"長".repeat(100), 14.0).x <= LABEL_MAX_W + 2.0 * LABEL_PAD.x + 1e-3
        );
    }
}
