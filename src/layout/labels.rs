//! Placing link labels (the triggers, 「サンプルが届く」) where they overlap no card and no other
//! label: each label tries a few spots along its connector and takes the first free one.
//!
//! The work is bounded for any journey: a connector offers at most [`MAX_SPOTS_PER_SEGMENT`]
//! sliding spots per segment however long it is, a grid cell that fills up counts as taken,
//! and [`place`] stops searching once it has spent its budget (the rest take their first
//! spot and count as crowded).

use super::{Card, Connector};
use crate::model::StepId;
use egui::{Align2, Pos2, Rect, Vec2, pos2, vec2};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Widest a label is drawn (diagram units); longer text ends in an ellipsis.
pub const LABEL_MAX_W: f32 = 140.0;
/// Room kept free around a card's top-right corner for its badge (diagram units).
const BADGE_ROOM: f32 = 24.0;
/// Padding around a label's text inside its frame.
pub const LABEL_PAD: Vec2 = vec2(5.0, 2.0);
/// Farthest a label's frame may be from its connector's line (diagram units).
pub const LABEL_NEAR: f32 = 8.0;
/// Distance between the sliding spots along a segment (diagram units).
const SPOT_STEP: f32 = 16.0;
/// Sliding spots a segment offers at [`SPOT_STEP`] from its start (the near ones)…
const NEAR_SPOTS: usize = 32;
/// …and spread evenly over the rest of a longer segment, so a link across a million time
/// units offers as many spots as one across a page.
const FAR_SPOTS: usize = 16;
/// The most sliding spots (each on both sides of the line) one segment offers.
pub const MAX_SPOTS_PER_SEGMENT: usize = NEAR_SPOTS + FAR_SPOTS;
/// Side of a grid cell (diagram units): small enough that cards, badges and labels that do
/// not overlap fill far fewer than [`CELL_CAP`] places in one cell.
const CELL: f32 = 64.0;
/// Rectangles one grid cell holds; a full cell counts as taken (it can only fill up where
/// labels already pile on each other), so checking a spot never scans a long list.
const CELL_CAP: usize = 64;
/// A rectangle spanning more cells than this along an axis (only possible with absurd
/// coordinates) is not bucketed: the grid then counts every spot as taken.
const MAX_CELLS_PER_AXIS: i64 = 64;
/// Grid work (cells visited plus rectangles compared) a placement may spend before the
/// remaining labels take their first spot: a fixed allowance, far more than any journey a
/// workshop draws needs…
const WORK_BASE: usize = 2_000_000;
/// …plus this much per labelled connector (a label that finds its first spot free costs
/// about 10), so 100,000 labels piled on a few steps stay linear.
const WORK_PER_LABEL: usize = 32;

/// The size of a label's frame, estimated from its characters (full-width for CJK, about
/// half for Latin) at font size `font`, so layout needs no fonts. The painter draws within
/// the same bounds.
#[must_use]
pub fn estimated_size(text: &str, font: f32) -> Vec2 {
    // Stops counting at the widest a label is drawn: a label may be as long as a file.
    let mut width = 0.0f32;
    for c in text.chars() {
        width += if c.is_ascii() { 0.55 } else { 1.0 } * font;
        if width >= LABEL_MAX_W {
            break;
        }
    }
    vec2(width.min(LABEL_MAX_W), font * 1.25) + LABEL_PAD * 2.0
}

/// Spots to try for a connector's label, best first: after the source card above the run,
/// below it, beside the riser (right, then left), at the end of the run; then sliding
/// along every segment on both sides (see [`sliding`]). Only those [`by_line`] are taken.
#[must_use]
pub fn candidates(points: &[Pos2], ends: Option<(Rect, Rect)>) -> Vec<(Pos2, Align2)> {
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
        for p in sliding(w[0], w[1]) {
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

/// The sliding spots on the segment `a`–`b`, near `a` first: every [`SPOT_STEP`] units
/// (inside the segment, at least half a step from its end), but on a segment with more than [`MAX_SPOTS_PER_SEGMENT`]
/// of them only the first [`NEAR_SPOTS`], then [`FAR_SPOTS`] spread evenly over the rest.
fn sliding(a: Pos2, b: Pos2) -> impl Iterator<Item = Pos2> {
    let len = (b - a).length();
    // Spots at k · SPOT_STEP for k in 1..=all, the last at least half a step from `b`.
    let all = if len.is_finite() {
        ((len - SPOT_STEP / 2.0) / SPOT_STEP).floor().max(0.0) as usize
    } else {
        0
    };
    let at = move |d: f32| a + (b - a) * (d / len);
    let (near, far) = if all <= MAX_SPOTS_PER_SEGMENT {
        (all, 0)
    } else {
        (NEAR_SPOTS, FAR_SPOTS)
    };
    let near_end = near as f32 * SPOT_STEP;
    let far_step = (len - near_end) / (far as f32 + 1.0);
    (1..=near)
        .map(move |k| at(k as f32 * SPOT_STEP))
        .chain((1..=far).map(move |k| at(near_end + k as f32 * far_step)))
}

/// Hashes a grid cell's two coordinates with one multiplication (the default hasher costs
/// more than the rest of a spot's check).
#[derive(Default)]
pub(super) struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }

    fn write_i32(&mut self, v: i32) {
        self.write_u64(u64::from(v.cast_unsigned()));
    }

    fn write_i64(&mut self, v: i64) {
        self.write_u64(v.cast_unsigned());
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(32) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Rectangles bucketed on a grid, to find overlaps without checking every card. Bounded:
/// a cell holds at most [`CELL_CAP`] rectangles (a full cell counts as taken), a rectangle
/// spans at most [`MAX_CELLS_PER_AXIS`] cells per axis, and every check adds its cost to
/// `work`.
pub(super) struct Grid {
    buckets: HashMap<(i32, i32), Vec<Rect>, BuildHasherDefault<CellHasher>>,
    /// A rectangle too large to bucket was inserted: every spot counts as taken.
    everywhere: bool,
    /// Cells visited and rectangles compared so far.
    pub(super) work: usize,
}

impl Grid {
    /// An empty grid.
    pub(super) fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty grid with room for about `cells` cells, so filling it never rehashes.
    fn with_capacity(cells: usize) -> Self {
        Self {
            buckets: HashMap::with_capacity_and_hasher(cells, BuildHasherDefault::default()),
            everywhere: false,
            work: 0,
        }
    }

    /// The cells a rectangle touches, or `None` if it is not finite or too large to bucket.
    fn cells(r: Rect) -> Option<impl Iterator<Item = (i32, i32)>> {
        let finite = r.min.x.is_finite()
            && r.min.y.is_finite()
            && r.max.x.is_finite()
            && r.max.y.is_finite();
        if !finite {
            return None;
        }
        let cell = |v: f32| (f64::from(v) / f64::from(CELL)).floor() as i64;
        let (x0, x1) = (cell(r.left()), cell(r.right()));
        let (y0, y1) = (cell(r.top()), cell(r.bottom()));
        let fits = |lo: i64, hi: i64| {
            hi.checked_sub(lo).is_some_and(|d| d < MAX_CELLS_PER_AXIS)
                && i32::try_from(lo).is_ok()
                && i32::try_from(hi).is_ok()
        };
        if !(fits(x0, x1) && fits(y0, y1)) {
            return None;
        }
        let (x0, x1, y0, y1) = (x0 as i32, x1 as i32, y0 as i32, y1 as i32);
        Some((x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y))))
    }

    pub(super) fn insert(&mut self, r: Rect) {
        if r.any_nan() {
            return; // overlaps nothing
        }
        let Some(cells) = Self::cells(r) else {
            self.everywhere = true;
            return;
        };
        for key in cells {
            self.work += 1;
            let bucket = self.buckets.entry(key).or_default();
            if bucket.len() < CELL_CAP {
                bucket.push(r);
            }
        }
    }

    /// Whether `r` overlaps a rectangle of the grid; `false` for a rectangle too large to
    /// look at cell by cell (only absurd coordinates), whatever the grid holds.
    pub(super) fn hits_if_small(&mut self, r: Rect) -> bool {
        !self.buckets.is_empty() && Self::cells(r).is_some() && self.hits(r)
    }

    /// Whether `r` overlaps a rectangle of the grid (or a full cell, or anything at all
    /// once a rectangle too large to bucket went in).
    pub(super) fn hits(&mut self, r: Rect) -> bool {
        if self.everywhere {
            return true;
        }
        let Some(cells) = Self::cells(r) else {
            return true;
        };
        for key in cells {
            self.work += 1;
            if let Some(rs) = self.buckets.get(&key) {
                if rs.len() >= CELL_CAP {
                    return true;
                }
                self.work += rs.len();
                if rs.iter().any(|o| overlaps(*o, r)) {
                    return true;
                }
            }
        }
        false
    }
}

/// Whether a label's frame reads as its connector's: within [`LABEL_NEAR`] of one of its
/// segments (a label away from its line, next to some other card, would name the wrong
/// link), and over none of them (a label on its own line would hide where it goes).
#[must_use]
pub fn by_line(label: Rect, points: &[Pos2]) -> bool {
    let segments = || points.windows(2).map(|w| Rect::from_two_pos(w[0], w[1]));
    segments().any(|s| s.expand(LABEL_NEAR).intersects(label))
        && !segments().any(|s| s.expand(1.0).intersects(label))
}

/// Whether two rectangles share a positive area (touching edges do not count): the one
/// test of overlap for labels, here and in the routing.
#[must_use]
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// What a label keeps off around a card: the card with a small margin, and the room for
/// the pain-point / delight badge on its top-right corner (half outside the card).
#[must_use]
pub fn keep_off(card: Rect) -> [Rect; 2] {
    [
        card.expand(2.0),
        Rect::from_center_size(card.right_top(), vec2(BADGE_ROOM, BADGE_ROOM)),
    ]
}

/// How a placement went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Crowding {
    /// Labels that found no free spot and were put at their first spot anyway.
    pub crowded: usize,
    /// The search ran out of its work budget: the last labels took their first spot
    /// without looking (counted in `crowded`).
    pub cut_short: bool,
}

/// Chooses a spot for every labelled connector: the one its routing made room for
/// (`label_spot`) when it is free, else the first free one of [`candidates`] by its line.
/// `label_of(from, to)` is the link's text (empty for none), drawn at font size `font`.
/// Sets `label_at` and `label_rect`. Returns how many labels found no free spot and were put
/// by their line anyway.
///
/// Once the search has spent [`WORK_BASE`] plus [`WORK_PER_LABEL`] per label, the remaining
/// labels take their first spot and count as crowded without looking: with thousands of
/// labels piled on a few steps they could not all be clear anyway.
pub fn place<'a>(
    cards: &[Card],
    connectors: &mut [Connector],
    font: f32,
    label_of: impl Fn(StepId, StepId) -> &'a str,
) -> Crowding {
    place_until(cards, connectors, font, label_of, Until::AllPlaced)
}

/// How far [`place_until`] goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// Every label gets a spot (crowded ones their first spot).
    AllPlaced,
    /// Stop at the first label that finds no free spot (the later ones get none): enough to
    /// tell whether a layout is clear, at a fraction of the work when it is not.
    FirstCrowded,
}

/// [`place`], or (with [`Until::FirstCrowded`]) only until the first crowded label, which is
/// then the only one counted. A placement that finds every spot free is the same either way.
pub fn place_until<'a>(
    cards: &[Card],
    connectors: &mut [Connector],
    font: f32,
    label_of: impl Fn(StepId, StepId) -> &'a str,
    until: Until,
) -> Crowding {
    let mut crowded = 0;
    let labels = connectors
        .iter()
        .filter(|c| !label_of(c.from, c.to).is_empty())
        .count();
    if labels == 0 {
        for c in connectors.iter_mut() {
            c.label_at = None;
            c.label_rect = None;
        }
        return Crowding::default();
    }
    let budget = WORK_BASE.saturating_add(WORK_PER_LABEL.saturating_mul(labels));
    // A card and its badge touch about four cells each.
    let mut taken = Grid::with_capacity(cards.len() * 8);
    for card in cards {
        for r in keep_off(card.rect) {
            taken.insert(r);
        }
    }
    // Down markers: a label over one would hide which way its link goes.
    for marker in connectors.iter().filter_map(|c| c.marker) {
        taken.insert(super::connector::marker_rect(marker));
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
        // The spot the routing chose the line for first (it is free unless the routing ran
        // out of budget), then the others.
        let mut spots = Vec::from_iter(c.label_spot);
        spots.extend(candidates(&c.points, ends));
        let chosen = spots
            .iter()
            .map(|&(at, align)| (at, align, align.anchor_size(at, size)))
            .find(|(_, _, r)| {
                // Looking along the line is work too (a spot far from it costs no grid work).
                taken.work += c.points.len();
                taken.work < budget && by_line(*r, &c.points) && !taken.hits(*r)
            })
            .or_else(|| {
                // Over a card or another label, but still by its own line when it can be.
                crowded += 1;
                let at = |&(at, align): &(Pos2, Align2)| (at, align, align.anchor_size(at, size));
                let mut by = spots.iter().take(MAX_SPOTS_PER_SEGMENT).map(at);
                by.find(|(_, _, r)| by_line(*r, &c.points))
                    .or_else(|| spots.first().map(at))
            });
        if let Some((at, align, rect)) = chosen {
            taken.insert(rect);
            c.label_at = Some((at, align));
            c.label_rect = Some(rect);
        }
        if crowded > 0 && until == Until::FirstCrowded {
            break;
        }
    }
    Crowding {
        crowded,
        cut_short: taken.work >= budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether any label of the scene overlaps a card, a card's badge, a down marker or
    /// another label, or is away from its line.
    fn overlapping(scene: &super::super::Scene) -> bool {
        let rects: Vec<Rect> = scene
            .connectors
            .iter()
            .filter_map(|c| c.label_rect)
            .collect();
        let markers: Vec<Rect> = scene
            .connectors
            .iter()
            .filter_map(|c| c.marker.map(super::super::connector::marker_rect))
            .collect();
        let away = scene
            .connectors
            .iter()
            .any(|c| c.label_rect.is_some_and(|r| !by_line(r, &c.points)));
        away || rects.iter().enumerate().any(|(i, r)| {
            scene
                .cards
                .iter()
                .any(|card| keep_off(card.rect).iter().any(|k| overlaps(*r, *k)))
                || markers.iter().any(|m| overlaps(*r, *m))
                || rects[i + 1..].iter().any(|o| overlaps(*r, *o))
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
            marker: None,
            label_at: None,
            label_rect: None,
            label_spot: None,
            crowded: false,
        }];
        let crowding = place(&cards, &mut connectors, 14.0, |_, _| "トリガー");
        assert_eq!(crowding.crowded, 1);
        assert!(
            connectors[0].label_rect.is_some(),
            "still drawn, near its link"
        );
        assert_eq!(
            place(&cards[..1], &mut connectors, 14.0, |_, _| "トリガー"),
            Crowding::default()
        );
    }

    /// A connector between two cards `dx` units apart on rows `dy` apart.
    fn connector(dx: f32, dy: f32) -> (Vec<Card>, Vec<Connector>) {
        let cards: Vec<Card> = [(0.0, 0.0), (dx, dy)]
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| Card {
                step: StepId(i as u64),
                rect: Rect::from_min_size(pos2(x, y), vec2(140.0, 58.0)),
                kind: crate::model::StepKind::Step,
                strip: None,
            })
            .collect();
        let points = super::super::connector::route(cards[0].rect, cards[1].rect);
        let connectors = vec![Connector {
            from: StepId(0),
            to: StepId(1),
            bounds: Rect::from_points(&points),
            points,
            descending: false,
            marker: None,
            label_at: None,
            label_rect: None,
            label_spot: None,
            crowded: false,
        }];
        (cards, connectors)
    }

    #[test]
    fn a_connector_offers_a_bounded_number_of_spots_however_long() {
        let fixed = {
            let (cards, c) = connector(300.0, 200.0);
            candidates(&c[0].points, Some((cards[0].rect, cards[1].rect))).len()
                - 2 * sliding(c[0].points[0], c[0].points[1]).count()
                - 2 * sliding(c[0].points[1], c[0].points[2]).count()
                - 2 * sliding(c[0].points[2], c[0].points[3]).count()
        };
        for dx in [300.0, 800.0, 1e4, 6e7, 6e10, f32::MAX / 2.0] {
            let (cards, c) = connector(dx, 200.0);
            let spots = candidates(&c[0].points, Some((cards[0].rect, cards[1].rect)));
            let segments = c[0].points.len() - 1;
            assert!(
                spots.len() <= fixed + 2 * segments * MAX_SPOTS_PER_SEGMENT,
                "{dx}: {} spots",
                spots.len()
            );
        }
        // Short segments keep a spot every 16 units; long ones their first 32, then 16
        // spread over the rest, nearest first.
        let short: Vec<Pos2> = sliding(pos2(0.0, 0.0), pos2(100.0, 0.0)).collect();
        assert_eq!(short, [16.0, 32.0, 48.0, 64.0, 80.0].map(|x| pos2(x, 0.0)));
        let long: Vec<Pos2> = sliding(pos2(0.0, 0.0), pos2(1e9, 0.0)).collect();
        assert_eq!(long.len(), MAX_SPOTS_PER_SEGMENT);
        assert_eq!(long[31], pos2(512.0, 0.0));
        assert!(long.windows(2).all(|w| w[0].x < w[1].x), "near first");
        assert!(long[47].x < 1e9 && long[47].x > 0.9e9);
    }

    #[test]
    fn labels_piled_on_two_cards_stay_linear_and_count_as_crowded() {
        let (cards, one) = connector(300.0, 0.0);
        let mut connectors = vec![one[0].clone(); 50_000];
        let started = std::time::Instant::now();
        let crowding = place(&cards, &mut connectors, 14.0, |_, _| "きっかけ");
        assert!(crowding.crowded > 49_000, "{crowding:?}");
        assert!(crowding.cut_short, "the budget is spent");
        assert!(
            connectors.iter().all(|c| c.label_rect.is_some()),
            "all drawn"
        );
        // Generous for a debug build on a busy machine; quadratic would take minutes.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn the_grid_answers_absurd_rectangles_without_iterating_them() {
        let mut grid = Grid::with_capacity(0);
        grid.insert(Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 50.0)));
        assert!(grid.hits(Rect::from_min_size(pos2(50.0, 20.0), vec2(10.0, 10.0))));
        assert!(!grid.hits(Rect::from_min_size(pos2(500.0, 20.0), vec2(10.0, 10.0))));
        // Too large or not finite: taken, at once.
        assert!(grid.hits(Rect::from_min_max(pos2(-1e30, 0.0), pos2(1e30, 10.0))));
        assert!(grid.hits(Rect::from_min_max(pos2(f32::NAN, 0.0), pos2(1.0, 10.0))));
        assert!(grid.work < 100, "{}", grid.work);
        // A full cell is taken; one too large to bucket makes everything taken.
        for _ in 0..CELL_CAP {
            grid.insert(Rect::from_min_size(pos2(1000.0, 1000.0), vec2(2.0, 2.0)));
        }
        assert!(grid.hits(Rect::from_min_size(pos2(1020.0, 1020.0), vec2(2.0, 2.0))));
        grid.insert(Rect::from_min_max(
            pos2(f32::NEG_INFINITY, 0.0),
            pos2(0.0, 1.0),
        ));
        assert!(grid.hits(Rect::from_min_size(pos2(-5000.0, 9000.0), vec2(2.0, 2.0))));
    }

    #[test]
    fn latin_is_narrower_than_japanese_and_long_text_is_capped() {
        assert!(estimated_size("abcd", 14.0).x < estimated_size("あいうえ", 14.0).x);
        assert!(
            estimated_size(&"長".repeat(100), 14.0).x <= LABEL_MAX_W + 2.0 * LABEL_PAD.x + 1e-3
        );
        // A label as long as a file is measured as fast as a short one.
        let huge = "長".repeat(20_000_000);
        let started = std::time::Instant::now();
        assert_eq!(
            estimated_size(&huge, 14.0),
            estimated_size(&huge[..300], 14.0)
        );
        assert!(
            started.elapsed().as_millis() < 50,
            "{:?}",
            started.elapsed()
        );
    }
}
