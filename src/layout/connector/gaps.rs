//! Free space between cards: the cards bucketed by row and by x ([`Obstacles`]), so that
//! which cards a segment passes costs a binary search per row, and the free stretches of a
//! span once the cards are taken out, with the positions in them a riser or a channel may
//! take.
//!
//! Plain geometry with no notion of links: the router and its alternatives ask it where
//! the gaps are.

use egui::Rect;

/// A riser or run keeps this far from the cards beside it when the gap allows (diagram
/// units), rather than hugging one of them.
const COMFORT: f32 = 10.0;

/// One row of cards (a lane of a level band): cards sharing a top and a bottom.
struct Row {
    top: f32,
    bottom: f32,
    /// `(left, right, card index)`, by left edge.
    cards: Vec<(f32, f32, usize)>,
    /// Running maximum of the right edges (the cards of a row never overlap, but a
    /// degenerate scene must still be answered right).
    reach: Vec<f32>,
}

/// Cards bucketed by row and, in each row, by x: which cards a rectangle overlaps costs a
/// binary search per row it spans.
pub struct Obstacles {
    rows: Vec<Row>,
    /// Running maximum of the rows' bottoms (rows by top).
    reach: Vec<f32>,
}

impl Obstacles {
    /// Buckets the card rectangles (non-finite ones block nothing).
    #[must_use]
    pub fn new(cards: &[Rect]) -> Self {
        let mut order: Vec<usize> = (0..cards.len()).filter(|&i| cards[i].is_finite()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (cards[i], cards[j]);
            a.top()
                .total_cmp(&b.top())
                .then(a.bottom().total_cmp(&b.bottom()))
                .then(a.left().total_cmp(&b.left()))
        });
        let mut rows: Vec<Row> = Vec::new();
        for i in order {
            let r = cards[i];
            match rows.last_mut() {
                Some(row)
                    if row.top.to_bits() == r.top().to_bits()
                        && row.bottom.to_bits() == r.bottom().to_bits() =>
                {
                    row.cards.push((r.left(), r.right(), i));
                }
                _ => rows.push(Row {
                    top: r.top(),
                    bottom: r.bottom(),
                    cards: vec![(r.left(), r.right(), i)],
                    reach: Vec::new(),
                }),
            }
        }
        for row in &mut rows {
            row.reach = running_max(row.cards.iter().map(|c| c.1));
        }
        let reach = running_max(rows.iter().map(|r| r.bottom));
        Self { rows, reach }
    }

    /// The rows overlapping `top..bottom` (by a positive height), adding one to `work` per
    /// row looked at.
    fn rows_in<'s>(
        &'s self,
        top: f32,
        bottom: f32,
        work: &'s mut usize,
    ) -> impl Iterator<Item = &'s Row> + 's {
        let first = self.reach.partition_point(|&b| b <= top);
        self.rows[first..]
            .iter()
            .take_while(move |row| {
                *work += 1;
                row.top < bottom
            })
            .filter(move |row| row.bottom > top)
    }

    /// Calls `hit` with every card overlapping `r` by a positive area, until it returns
    /// true; returns whether it did. Every row and card looked at adds one to `work`.
    pub fn any(&self, r: Rect, work: &mut usize, mut hit: impl FnMut(usize) -> bool) -> bool {
        if r.any_nan() {
            return false;
        }
        let mut cards_seen = 0;
        let found = self.rows_in(r.top(), r.bottom(), work).any(|row| {
            let start = row.reach.partition_point(|&x| x <= r.left());
            row.cards[start..]
                .iter()
                .take_while(|c| c.0 < r.right())
                .any(|&(_, right, i)| {
                    cards_seen += 1;
                    right > r.left() && hit(i)
                })
        });
        *work += cards_seen;
        found
    }

    /// Calls `blocked(top, bottom)` for every row in which some card overlaps `r`.
    pub(super) fn blocked_rows(
        &self,
        r: Rect,
        work: &mut usize,
        mut blocked: impl FnMut(f32, f32),
    ) {
        let mut looked = 0;
        for row in self.rows_in(r.top(), r.bottom(), work) {
            looked += 1;
            let start = row.reach.partition_point(|&x| x <= r.left());
            if row.cards.get(start).is_some_and(|c| c.0 < r.right()) {
                blocked(row.top, row.bottom);
            }
        }
        *work += looked;
    }
}

fn running_max(values: impl Iterator<Item = f32>) -> Vec<f32> {
    values
        .scan(f32::NEG_INFINITY, |m, v| {
            *m = m.max(v);
            Some(*m)
        })
        .collect()
}

/// Whether the (degenerate, horizontal or vertical) segment rectangle `seg` passes through
/// the inside of `r`, not merely touching its outline.
pub(super) fn crosses_inside(seg: Rect, r: Rect) -> bool {
    let r = r.shrink(0.01);
    seg.left() < r.right()
        && seg.right() > r.left()
        && seg.top() < r.bottom()
        && seg.bottom() > r.top()
}

/// Free stretches of `lo..=hi` once the `blocked` intervals are taken out: `(start, end,
/// start is a blocked edge, end is a blocked edge)`.
pub(super) fn free_stretches(
    lo: f32,
    hi: f32,
    mut blocked: Vec<(f32, f32)>,
) -> Vec<(f32, f32, bool, bool)> {
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let (mut cursor, mut cursor_blocked) = (lo, false);
    for (start, end) in blocked {
        if start > cursor && cursor <= hi {
            let stop = start.min(hi);
            out.push((cursor, stop, cursor_blocked, start <= hi));
        }
        if end > cursor {
            cursor = end;
            cursor_blocked = true;
        }
        if cursor > hi {
            return out;
        }
    }
    if cursor <= hi {
        out.push((cursor, hi, cursor_blocked, false));
    }
    out
}

/// Up to `k` positions in the free stretches, nearest `prefer` first: in each stretch the
/// point nearest `prefer`, kept [`COMFORT`] from a blocked edge when the stretch is wide
/// enough (its middle otherwise), and its middle (in a gap between cards a line there reads
/// as belonging to neither, and a down marker has room).
pub(super) fn positions(stretches: &[(f32, f32, bool, bool)], prefer: f32, k: usize) -> Vec<f32> {
    let mut out: Vec<f32> = Vec::with_capacity(2 * stretches.len());
    for &(s, e, s_blocked, e_blocked) in stretches {
        let room = (e - s) / 2.0;
        let lo = if s_blocked { s + COMFORT.min(room) } else { s };
        let hi = if e_blocked { e - COMFORT.min(room) } else { e };
        out.push(prefer.clamp(lo.min(hi), hi.max(lo)));
        out.push(f32::midpoint(s, e));
    }
    out.sort_by(|a, b| (a - prefer).abs().total_cmp(&(b - prefer).abs()));
    out.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    out.truncate(k);
    out
}
