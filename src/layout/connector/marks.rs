//! Where a route's down marker and label go: a descending link's marker (▼) on one of its
//! downward risers, a label beside the line, both clear of the cards and of the markers and
//! labels placed before, and if they can, of other links' lines; and whether a line would
//! pass through a marker or label already placed.
//!
//! Apart from the router's choice of route because these spots are searched per candidate
//! route and grade it (see [`Router::route`]).

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::LinkToRoute;
use super::routing::{LabelSpot, Router};
use crate::layout::labels;

/// Half the width of the down marker's box, and how far it reaches above and below its
/// centre (the painter's triangle with its outline, at zoom ≥ 0.4).
const MARKER_BOX: [f32; 3] = [8.5, 6.0, 8.0];
/// Positions tried for a down marker.
const MAX_MARKER_SPOTS: usize = 40;
/// Spots tried for a label beside one route.
const MAX_LABEL_SPOTS: usize = 64;

impl Router<'_> {
    /// Whether a segment of `points` passes through a down marker (`markers`) or a marker
    /// or label placed before: the marker would seem to mark this line, the label hides it.
    pub(super) fn over(&mut self, points: &[Pos2], markers: bool) -> bool {
        let grid = if markers {
            &mut self.markers
        } else {
            &mut self.taken
        };
        let before = grid.work;
        let over = points.windows(2).any(|w| {
            let seg = Rect::from_two_pos(w[0], w[1]);
            grid.hits_if_small(seg)
        });
        self.work += grid.work - before;
        over
    }

    /// Where a label of `size` goes by the line `points` of `link` (see
    /// [`labels::by_line`]), clear of every card and badge, of the markers and labels
    /// placed so far and of the link's own `marker`: the first such spot that no other
    /// link's line crosses, else the first with whether a line crosses it.
    pub(super) fn label_spot(
        &mut self,
        points: &[Pos2],
        link: &LinkToRoute,
        size: Vec2,
        marker: Option<Pos2>,
    ) -> Option<(LabelSpot, bool)> {
        let (a, b) = (link.from, link.to);
        let marker = marker.map(marker_rect);
        let spots = labels::candidates(points, Some((self.cards[a], self.cards[b])));
        let before = self.taken.work;
        let mut crossed = None;
        for &(at, align) in spots.iter().take(MAX_LABEL_SPOTS) {
            let r = align.anchor_size(at, size);
            self.work += 1;
            let free = labels::by_line(r, points)
                && !marker.is_some_and(|m| labels::overlaps(m, r))
                && !self.label_obstacles.any(r, &mut self.work, |_| true)
                && !self.taken.hits(r);
            if !free {
                continue;
            }
            if !self.placed.crosses(r, a, b, &mut self.work) {
                self.work += self.taken.work - before;
                return Some(((at, align, r), false));
            }
            crossed.get_or_insert((at, align, r));
        }
        self.work += self.taken.work - before;
        crossed.map(|spot| (spot, true))
    }

    /// Where the down marker of the descending link `a`–`b` goes on `points`: on a downward
    /// riser (the longest first, from its middle outwards), where the marker covers no card
    /// and no marker or label placed before, and if it can, where no other link's line passes
    /// (it would seem to mark that one). `None` when there is no such spot; else the spot and
    /// whether a line crosses it.
    pub(super) fn marker(&mut self, points: &[Pos2], a: usize, b: usize) -> Option<(Pos2, bool)> {
        let [_, up, down] = MARKER_BOX;
        let mut risers: Vec<(Pos2, Pos2)> = points
            .windows(2)
            .filter(|w| (w[0].x - w[1].x).abs() < 0.5 && w[1].y > w[0].y + 0.5)
            .map(|w| (w[0], w[1]))
            .collect();
        risers.sort_by(|p, q| (q.1.y - q.0.y).total_cmp(&(p.1.y - p.0.y)));
        let mut tried = 0;
        let mut crossed = None;
        for (top, bottom) in risers {
            // Clear of the bends at either end; a short riser offers only its middle.
            let (lo, hi) = (top.y + up + 2.0, bottom.y - down - 2.0);
            let mid = f32::midpoint(top.y, bottom.y);
            let ys = std::iter::once(mid).chain(
                (1..MAX_MARKER_SPOTS)
                    .map(|j| 4.0 * j.div_ceil(2) as f32 * if j % 2 == 0 { 1.0 } else { -1.0 })
                    .map(|offset| mid + offset)
                    .filter(|y| lo <= *y && *y <= hi),
            );
            for y in ys {
                tried += 1;
                if tried > MAX_MARKER_SPOTS {
                    return crossed.map(|at| (at, true));
                }
                let at = pos2(top.x, y);
                let r = marker_rect(at);
                let before = self.taken.work;
                let blocked = self.obstacles.any(r, &mut self.work, |_| true) || self.taken.hits(r);
                self.work += self.taken.work - before;
                if blocked {
                    continue;
                }
                if !self.placed.crosses(r, a, b, &mut self.work) {
                    return Some((at, false));
                }
                crossed.get_or_insert(at);
            }
        }
        crossed.map(|at| (at, true))
    }
}

/// The box the down marker centred at `at` covers (routing keeps it off cards; labels keep
/// clear of it).
#[must_use]
pub fn marker_rect(at: Pos2) -> Rect {
    let [half_w, up, down] = MARKER_BOX;
    Rect::from_min_max(at - vec2(half_w, up), at + vec2(half_w, down))
}
