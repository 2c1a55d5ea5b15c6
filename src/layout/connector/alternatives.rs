//! The alternatives a [`Router`] tries when a link's default route passes a card: the riser
//! at another x in a gap between cards, the run in a channel between rows, leaving or
//! entering a card through its top or bottom edge. Each comes with its [`cost`]; the router
//! grades them cheapest first (see [`Router::route`]).
//!
//! Kept apart from the router because this is the geometry of the candidates, not the
//! choice between them.

use egui::{Pos2, Rect, pos2};

use super::gaps::{free_stretches, positions};
use super::routing::{Port, Router, cost};
use super::{MIN_IN, MIN_OUT};
use crate::layout::metrics::STUB;

/// Shortest straight join between two stacked cards (their facing edges).
const MIN_JOIN: f32 = 5.0;
/// Positions tried for a riser (or a channel) in one alternative.
const MAX_XS: usize = 4;
/// Channels (gaps between rows) tried per kind of alternative.
const MAX_CHANNELS: usize = 4;
/// Cards gathered to find the gaps for one riser; beyond it the gaps found are a guess
/// (every route is still checked).
const MAX_GATHERED: usize = 64;

impl Router<'_> {
    /// Up to `k` x positions, nearest `prefer` first, for a riser from `y0` to `y1` between
    /// `lo` and `hi` that passes no card but `ends` with room to spare.
    #[allow(clippy::too_many_arguments)]
    fn free_xs(
        &mut self,
        (y0, y1): (f32, f32),
        lo: f32,
        hi: f32,
        prefer: f32,
        ends: [usize; 2],
        k: usize,
    ) -> Vec<f32> {
        if lo.is_nan() || hi.is_nan() || lo > hi {
            return Vec::new();
        }
        let c = self.clearance;
        let area = Rect::from_min_max(pos2(lo - c, y0.min(y1) - c), pos2(hi + c, y0.max(y1) + c));
        let cards = self.cards;
        let mut blocked = Vec::new();
        self.obstacles.any(area, &mut self.work, |i| {
            if !ends.contains(&i) {
                blocked.push((cards[i].left() - c, cards[i].right() + c));
            }
            blocked.len() >= MAX_GATHERED
        });
        positions(&free_stretches(lo, hi, blocked), prefer.clamp(lo, hi), k)
    }

    /// [`Self::channels`] when `wanted`, else none.
    fn channels_if(&mut self, wanted: bool, x0: f32, x1: f32, a: Rect, b: Rect) -> Vec<f32> {
        if wanted {
            self.channels(x0, x1, a, b)
        } else {
            Vec::new()
        }
    }

    /// Up to [`MAX_CHANNELS`] y positions for a run from `x0` to `x1` that passes no card
    /// with room to spare (gaps between lanes and bands), within a few rows of cards `a` and
    /// `b` and inside the plot, nearest the middle of `a` and `b` first.
    fn channels(&mut self, x0: f32, x1: f32, a: Rect, b: Rect) -> Vec<f32> {
        if x0.is_nan() || x1.is_nan() || x0 > x1 {
            return Vec::new();
        }
        let reach = 2.5 * a.height().max(b.height());
        let lo = (a.top().min(b.top()) - reach).max(self.y_span.0);
        let hi = (a.bottom().max(b.bottom()) + reach).min(self.y_span.1);
        if lo.is_nan() || hi.is_nan() || lo > hi {
            return Vec::new();
        }
        let c = self.clearance;
        let area = Rect::from_min_max(pos2(x0 - c, lo - c), pos2(x1 + c, hi + c));
        let mut blocked = Vec::new();
        self.obstacles
            .blocked_rows(area, &mut self.work, |top, bottom| {
                blocked.push((top - c, bottom + c));
            });
        let prefer = f32::midpoint(a.center().y, b.center().y);
        positions(&free_stretches(lo, hi, blocked), prefer, MAX_CHANNELS)
    }

    /// The alternatives to the default route, with their costs, in no particular order.
    #[allow(clippy::similar_names)]
    pub(super) fn alternatives(
        &mut self,
        a: usize,
        b: usize,
        channels: bool,
    ) -> Vec<(f32, Vec<Pos2>)> {
        let (ra, rb) = (self.cards[a], self.cards[b]);
        let ends = [a, b];
        let (ay, by) = (ra.center().y, rb.center().y);
        let inset = |r: Rect| (r.width() * 0.1).clamp(4.0, 12.0);
        let mut out: Vec<(f32, Vec<Pos2>)> = Vec::new();
        let mut push = |points: Vec<Pos2>, ports: [Port; 2]| {
            out.push((cost(&points, ports), points));
        };
        // The edge of `r` a vertical segment towards `y` leaves or enters it by, if `y` is
        // at least `min` beyond it.
        let facing = |r: Rect, y: f32, min: f32| {
            if y <= r.top() - min {
                Some(r.top())
            } else if y >= r.bottom() + min {
                Some(r.bottom())
            } else {
                None
            }
        };
        let out_right = pos2(ra.right(), ay);
        let in_left = pos2(rb.left(), by);

        // Out of the right edge, into the left edge.
        let (lo, hi) = (ra.right() + MIN_OUT, rb.left() - MIN_IN);
        if lo <= hi {
            if (ay - by).abs() >= 0.5 {
                for x in self.free_xs((ay, by), lo, hi, rb.left() - STUB, ends, MAX_XS) {
                    push(
                        vec![out_right, pos2(x, ay), pos2(x, by), in_left],
                        [Port::Side; 2],
                    );
                }
            }
            for yc in self.channels_if(channels, lo, hi, ra, rb) {
                if (yc - ay).abs() < 0.5 || (yc - by).abs() < 0.5 {
                    continue;
                }
                let firsts = self.free_xs((ay, yc), lo, hi, ra.right() + STUB, ends, 2);
                let lasts = self.free_xs((yc, by), lo, hi, rb.left() - STUB, ends, 2);
                for &x1 in &firsts {
                    for &x2 in lasts.iter().filter(|&&x2| x2 >= x1 + 0.5) {
                        push(
                            vec![
                                out_right,
                                pos2(x1, ay),
                                pos2(x1, yc),
                                pos2(x2, yc),
                                pos2(x2, by),
                                in_left,
                            ],
                            [Port::Side; 2],
                        );
                    }
                }
            }
        }

        // Out of the right edge, into the top or bottom edge.
        let (blo, bhi) = (
            (ra.right() + MIN_OUT).max(rb.left() + inset(rb)),
            rb.right() - inset(rb),
        );
        if blo <= bhi {
            if let Some(edge) = facing(rb, ay, MIN_IN) {
                for x in self.free_xs((ay, edge), blo, bhi, blo, ends, MAX_XS) {
                    push(
                        vec![out_right, pos2(x, ay), pos2(x, edge)],
                        [Port::Side, Port::Edge],
                    );
                }
            }
            for yc in self.channels_if(channels, ra.right() + MIN_OUT, bhi, ra, rb) {
                let Some(edge) = facing(rb, yc, MIN_IN) else {
                    continue;
                };
                if (yc - ay).abs() < 0.5 {
                    continue;
                }
                let firsts = self.free_xs(
                    (ay, yc),
                    ra.right() + MIN_OUT,
                    bhi,
                    ra.right() + STUB,
                    ends,
                    2,
                );
                let lasts = self.free_xs((yc, edge), blo, bhi, blo, ends, 2);
                for &x1 in &firsts {
                    for &xb in lasts.iter().filter(|&&xb| xb >= x1 + 0.5) {
                        push(
                            vec![
                                out_right,
                                pos2(x1, ay),
                                pos2(x1, yc),
                                pos2(xb, yc),
                                pos2(xb, edge),
                            ],
                            [Port::Side, Port::Edge],
                        );
                    }
                }
            }
        }

        // Out of the top or bottom edge, into the left edge.
        let (alo, ahi) = (
            ra.left() + inset(ra),
            (ra.right() - inset(ra)).min(rb.left() - MIN_IN),
        );
        if alo <= ahi {
            if let Some(edge) = facing(ra, by, MIN_OUT) {
                for x in self.free_xs((edge, by), alo, ahi, ahi, ends, MAX_XS) {
                    push(
                        vec![pos2(x, edge), pos2(x, by), in_left],
                        [Port::Edge, Port::Side],
                    );
                }
            }
            for yc in self.channels_if(channels, alo, rb.left() - MIN_IN, ra, rb) {
                let Some(edge) = facing(ra, yc, MIN_OUT) else {
                    continue;
                };
                if (yc - by).abs() < 0.5 {
                    continue;
                }
                let firsts = self.free_xs((edge, yc), alo, ahi, ahi, ends, 2);
                let lasts =
                    self.free_xs((yc, by), alo, rb.left() - MIN_IN, rb.left() - STUB, ends, 2);
                for &xa in &firsts {
                    for &x2 in lasts.iter().filter(|&&x2| x2 >= xa + 0.5) {
                        push(
                            vec![
                                pos2(xa, edge),
                                pos2(xa, yc),
                                pos2(x2, yc),
                                pos2(x2, by),
                                in_left,
                            ],
                            [Port::Edge, Port::Side],
                        );
                    }
                }
            }
        }

        // Out of the top or bottom edge, into the top or bottom edge.
        let (slo, shi) = (
            ra.left().max(rb.left()) + inset(ra).min(inset(rb)),
            ra.right().min(rb.right()) - inset(ra).min(inset(rb)),
        );
        if slo <= shi {
            let join = if rb.top() >= ra.bottom() + MIN_JOIN {
                Some((ra.bottom(), rb.top()))
            } else if rb.bottom() <= ra.top() - MIN_JOIN {
                Some((ra.top(), rb.bottom()))
            } else {
                None
            };
            if let Some((from, to)) = join {
                let middle = f32::midpoint(slo, shi);
                for x in self.free_xs((from, to), slo, shi, middle, ends, MAX_XS) {
                    push(vec![pos2(x, from), pos2(x, to)], [Port::Edge; 2]);
                }
            }
        }
        let (alo, ahi) = (ra.left() + inset(ra), ra.right() - inset(ra));
        let (blo, bhi) = (rb.left() + inset(rb), rb.right() - inset(rb));
        if alo <= ahi && blo <= bhi && alo <= bhi {
            for yc in self.channels_if(channels, alo, bhi, ra, rb) {
                let (Some(ea), Some(eb)) = (facing(ra, yc, MIN_OUT), facing(rb, yc, MIN_IN)) else {
                    continue;
                };
                let firsts = self.free_xs((ea, yc), alo, ahi, ahi, ends, 2);
                let lasts = self.free_xs((yc, eb), blo, bhi, blo, ends, 2);
                for &xa in &firsts {
                    for &xb in lasts.iter().filter(|&&xb| xb >= xa + 0.5) {
                        push(
                            vec![pos2(xa, ea), pos2(xa, yc), pos2(xb, yc), pos2(xb, eb)],
                            [Port::Edge; 2],
                        );
                    }
                }
            }
        }
        out
    }
}
