//! Stacking the cards of one level band into lanes (rows), so no two cards overlap while X
//! stays true to time: cards, taken left to right, each go into the lowest lane that is free
//! for them (first fit). A heap of busy lanes and a heap of free lane numbers give the same
//! answer as scanning every lane, in O(n log n) even when thousands of cards share one time.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// A busy lane: where its last card ends (finite: times are clamped before they become x)
/// and its number. Ordered by end, then number.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Busy {
    end: f32,
    lane: usize,
}

impl Eq for Busy {}

impl PartialOrd for Busy {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Busy {
    fn cmp(&self, other: &Self) -> Ordering {
        self.end
            .total_cmp(&other.end)
            .then(self.lane.cmp(&other.lane))
    }
}

/// The lane of each card whose left and right edges are `spans` (by non-decreasing left
/// edge), and how many lanes there are (at least 1). A card fits in a lane when the lane's
/// last card ends at least `gap` before its left edge; it takes the lowest such lane, or a
/// new one.
///
/// Since the cards come left to right, a lane that is free for one card stays free for every
/// later card until it is taken again: lanes leave the busy heap (smallest end first) for the
/// free heap (lowest number first) once, so each card costs O(log n).
#[must_use]
pub fn pack(spans: &[(f32, f32)], gap: f32) -> (Vec<usize>, usize) {
    let mut busy: BinaryHeap<Reverse<Busy>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut lanes = 0;
    let lane_of = spans
        .iter()
        .map(|&(left, right)| {
            while let Some(Reverse(b)) = busy.peek().copied() {
                if b.end + gap > left {
                    break;
                }
                busy.pop();
                free.push(Reverse(b.lane));
            }
            let lane = free.pop().map_or_else(
                || {
                    lanes += 1;
                    lanes - 1
                },
                |Reverse(lane)| lane,
            );
            busy.push(Reverse(Busy { end: right, lane }));
            lane
        })
        .collect();
    (lane_of, lanes.max(1))
}

/// The earliest time on the grid of `grid` (a multiple of it) at least `pitch` after
/// `after` and at least `pitch` from every time in `taken` (sorted): where the next step of a
/// level goes so that its card stacks into no lane, when cards of that level `pitch` apart
/// fit side by side (see [`super::Scene::pitch`]). One pass: the time only grows, so a time
/// of `taken` left behind stays behind.
#[must_use]
pub fn room_after(taken: &[f64], after: f64, pitch: f64, grid: f64) -> f64 {
    let up = |t: f64| (t / grid).ceil() * grid;
    let mut t = up(after + pitch);
    for &s in taken {
        if (s - t).abs() < pitch {
            t = up(s + pitch);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// First fit by scanning every lane: the O(n²) algorithm `pack` replaces.
    fn first_fit(spans: &[(f32, f32)], gap: f32) -> (Vec<usize>, usize) {
        let mut lane_ends: Vec<f32> = Vec::new();
        let lane_of = spans
            .iter()
            .map(|&(left, right)| {
                let lane = lane_ends
                    .iter()
                    .position(|&end| end + gap <= left)
                    .unwrap_or(lane_ends.len());
                if lane == lane_ends.len() {
                    lane_ends.push(0.0);
                }
                lane_ends[lane] = right;
                lane
            })
            .collect();
        (lane_of, lane_ends.len().max(1))
    }

    /// Cards 140 wide (some 280: start and goal cards) by sorted left edges: runs of equal
    /// values and steps at the critical distances (exactly `140 + gap`, just under, just
    /// over), plus anything.
    fn spans() -> impl Strategy<Value = Vec<(f32, f32)>> {
        let step = prop_oneof![
            Just(0.0f32),
            Just(150.0),
            Just(149.999),
            Just(150.001),
            Just(75.0),
            0.0..400.0f32,
        ];
        let card = (step, prop_oneof![9 => Just(140.0f32), 1 => Just(280.0)]);
        (-1e6..1e6f32, prop::collection::vec(card, 0..300)).prop_map(|(start, cards)| {
            cards
                .iter()
                .scan(start, |x, (d, w)| {
                    *x += d;
                    Some((*x, *x + w))
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn same_lanes_as_scanning_every_lane(spans in spans()) {
            prop_assert_eq!(pack(&spans, 10.0), first_fit(&spans, 10.0));
        }
    }

    #[test]
    fn room_after_a_step_keeps_a_pitch_from_every_step_of_its_level() {
        assert!((room_after(&[], 13.0, 2.5, 0.5) - 15.5).abs() < 1e-12);
        assert!(
            (room_after(&[], 13.2, 2.5, 0.5) - 16.0).abs() < 1e-12,
            "on the grid"
        );
        // A step 1 later and one 3.5 later push it past both.
        let t = room_after(&[10.0, 14.0, 16.5, 30.0], 13.0, 2.5, 0.5);
        assert!((t - 19.0).abs() < 1e-12, "{t}");
        // Far enough from a step before it.
        assert!((room_after(&[12.0], 13.0, 2.5, 0.5) - 15.5).abs() < 1e-12);
    }

    #[test]
    fn cards_at_one_time_get_one_lane_each_and_a_gap_frees_them_all() {
        let mut spans = vec![(0.0, 140.0); 5000];
        spans.push((10_000.0, 10_140.0));
        spans.push((10_000.0, 10_140.0));
        let (lane_of, lanes) = pack(&spans, 10.0);
        assert_eq!(lanes, 5000);
        assert_eq!(lane_of[4999], 4999);
        assert_eq!(&lane_of[5000..], &[0, 1], "the lowest free lanes first");
        assert_eq!(pack(&[], 10.0), (vec![], 1));
    }
}
