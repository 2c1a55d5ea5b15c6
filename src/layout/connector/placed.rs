//! The connectors routed so far ([`Placed`]), on a grid, so that a later connector can tell
//! when it would run along another link's line (two lines reading as one) and when another
//! line passes through the spot for its down marker or label.
//!
//! Separate from the router because it is its own bounded index: a cell holds a capped
//! number of segments, and every lookup is counted as work.

use egui::{Pos2, Rect};

use super::LinkToRoute;

/// Two parallel segments closer than this (diagram units) read as one line…
const TANGLE_GAP: f32 = 5.0;
/// …when they run side by side for longer than this.
const TANGLE_RUN: f32 = 2.0;
/// Length of a grid cell along a segment, for [`Placed`].
const PLACED_CELL: f32 = 128.0;
/// Width of a grid cell across a segment (at least [`TANGLE_GAP`]).
const PLACED_ACROSS: f32 = 6.0;
/// A segment spanning more cells than this is not indexed (only absurd coordinates).
const PLACED_MAX_CELLS: i64 = 64;
/// Cells looked at per axis for the lines crossing a marker or label (a label is at most
/// 30 cells wide).
const CROSS_CELLS: usize = 32;
/// Segments a cell holds; more are not indexed (avoiding them is a nicety).
const PLACED_CELL_CAP: usize = 32;

/// One placed segment: horizontal or vertical, its fixed coordinate, its extent, its link.
#[derive(Clone, Copy, Debug)]
struct PlacedSegment {
    across: f32,
    lo: f32,
    hi: f32,
    /// Whether the line runs towards `hi` (right or down).
    forward: bool,
    /// Whether it is a descending link's (dashed) line.
    descending: bool,
    ends: [usize; 2],
}

/// The segments of the connectors routed so far, on a grid, so that a later connector does
/// not run along one of another link and make two lines read as one. Bounded: a cell holds
/// at most [`PLACED_CELL_CAP`] segments, a segment is indexed in at most
/// [`PLACED_MAX_CELLS`] cells, every lookup adds to the router's work.
#[derive(Default)]
pub(super) struct Placed {
    cells: std::collections::HashMap<
        (bool, i64, i64),
        Vec<PlacedSegment>,
        std::hash::BuildHasherDefault<crate::layout::labels::CellHasher>,
    >,
}

impl Placed {
    /// The cells of a segment: `(vertical, across cell, along cell)`, or `None` when it is
    /// slanted, not finite or too long to index.
    #[allow(clippy::type_complexity)]
    fn cells(
        w: [Pos2; 2],
    ) -> Option<(
        bool,
        f32,
        f32,
        f32,
        impl Iterator<Item = (bool, i64, i64)> + Clone,
    )> {
        let vertical = (w[0].x - w[1].x).abs() < 0.5;
        let horizontal = (w[0].y - w[1].y).abs() < 0.5;
        let (across, lo, hi) = if vertical {
            (w[0].x, w[0].y.min(w[1].y), w[0].y.max(w[1].y))
        } else if horizontal {
            (w[0].y, w[0].x.min(w[1].x), w[0].x.max(w[1].x))
        } else {
            return None;
        };
        if !(across.is_finite() && lo.is_finite() && hi.is_finite()) {
            return None;
        }
        let cell = |v: f32, size: f32| (f64::from(v) / f64::from(size)).floor() as i64;
        let (a0, a1) = (cell(lo, PLACED_CELL), cell(hi, PLACED_CELL));
        if a1 - a0 >= PLACED_MAX_CELLS {
            return None;
        }
        let x = cell(across, PLACED_ACROSS);
        let keys = (a0..=a1).map(move |along| (vertical, x, along));
        Some((vertical, across, lo, hi, keys))
    }

    pub(super) fn insert(&mut self, points: &[Pos2], link: &LinkToRoute, work: &mut usize) {
        let (a, b) = (link.from, link.to);
        for w in points.windows(2) {
            let Some((_, across, lo, hi, keys)) = Self::cells([w[0], w[1]]) else {
                continue;
            };
            let forward = w[1].x + w[1].y > w[0].x + w[0].y;
            for key in keys {
                *work += 1;
                let cell = self.cells.entry(key).or_default();
                if cell.len() < PLACED_CELL_CAP {
                    cell.push(PlacedSegment {
                        across,
                        lo,
                        hi,
                        forward,
                        descending: link.descending,
                        ends: [a, b],
                    });
                }
            }
        }
    }

    /// Whether a segment of `points` (of `link`) runs along a placed segment of another
    /// link: one that shares neither end with it, runs the other way, or is drawn the other
    /// way (dashed or solid). A fan out of one card, or into one, is a shared line; a line
    /// that comes back along it, or a dashed one along a solid one, is not.
    pub(super) fn tangles(&self, points: &[Pos2], link: &LinkToRoute, work: &mut usize) -> bool {
        let (a, b) = (link.from, link.to);
        points.windows(2).any(|w| {
            let Some((vertical, across, lo, hi, keys)) = Self::cells([w[0], w[1]]) else {
                return false;
            };
            let forward = w[1].x + w[1].y > w[0].x + w[0].y;
            keys.clone().any(|(_, x, along)| {
                (x - 1..=x + 1).any(|x| {
                    let Some(cell) = self.cells.get(&(vertical, x, along)) else {
                        return false;
                    };
                    *work += cell.len() + 1;
                    cell.iter().any(|p| {
                        (p.across - across).abs() < TANGLE_GAP
                            && p.hi.min(hi) - p.lo.max(lo) > TANGLE_RUN
                            && (p.forward != forward
                                || p.descending != link.descending
                                || !(p.ends.contains(&a) || p.ends.contains(&b)))
                    })
                })
            })
        })
    }

    /// Whether a placed segment of a link other than `a`–`b` passes through `r` (a down
    /// marker there would seem to mark that line).
    pub(super) fn crosses(&self, r: Rect, a: usize, b: usize, work: &mut usize) -> bool {
        let cell = |v: f32, size: f32| (f64::from(v) / f64::from(size)).floor() as i64;
        if !r.is_finite() {
            return false;
        }
        [
            (true, r.x_range(), r.y_range()),
            (false, r.y_range(), r.x_range()),
        ]
        .into_iter()
        .any(|(vertical, across, along)| {
            let xs = cell(across.min, PLACED_ACROSS)..=cell(across.max, PLACED_ACROSS);
            let ys = cell(along.min, PLACED_CELL)..=cell(along.max, PLACED_CELL);
            xs.clone().take(CROSS_CELLS).any(|x| {
                ys.clone().take(CROSS_CELLS).any(|y| {
                    let Some(cell) = self.cells.get(&(vertical, x, y)) else {
                        return false;
                    };
                    *work += cell.len() + 1;
                    cell.iter().any(|p| {
                        p.ends != [a, b]
                            && across.contains(p.across)
                            && p.lo < along.max
                            && p.hi > along.min
                    })
                })
            })
        })
    }
}
