//! Staircase connectors: a horizontal run, then a riser, from one card's edge to another's,
//! routed in the gaps between cards so that no line passes behind a card it does not join.
//!
//! Every link first tries the readable default ([`route`]: out of the source's right edge,
//! run right, rise or drop just before the target, in at its left edge). When that passes a
//! card other than its own two, the [`Router`] tries a capped set of alternatives — the riser
//! at another x in a gap between cards, the run in a channel between rows (lanes or level
//! bands), leaving or entering a card through its top or bottom edge — and keeps the
//! cheapest one that is free (length, plus a cost per bend and per top or bottom port).
//! Runs always go right: time never flows back. When nothing is free the default is kept and
//! the link counts as crowded, so the export can prefer a time scale where every connector
//! is clear.
//!
//! A descending link's down marker (▼) goes on one of its downward risers, where it covers
//! no card.
//!
//! The work is bounded for any journey: cards are bucketed by row (one lane of a level band)
//! and each row by x, so a segment costs O(log n) per row it spans; a link tries at most a
//! few dozen alternatives; and [`route_all`] stops searching once it has spent its budget
//! (the remaining links keep their default route and count as crowded).

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::metrics::{Metrics, STUB};

/// The polyline of a connector from card `a` to the later card `b`, starting on `a`'s edge
/// and ending on `b`'s edge: the default route, taken whenever it passes no other card.
///
/// With room between the cards: out of `a`'s right edge, run right, rise (or drop) just
/// before `b`, and enter `b`'s left edge. When the cards overlap in time (different rows),
/// a straight riser joins `a`'s top or bottom edge to `b`'s facing edge where they overlap.
#[must_use]
pub fn route(a: Rect, b: Rect) -> Vec<Pos2> {
    let gap = b.left() - a.right();
    let (ay, by) = (a.center().y, b.center().y);
    if gap > 0.0 {
        if (ay - by).abs() < 0.5 {
            return vec![pos2(a.right(), ay), pos2(b.left(), by)];
        }
        let riser_x = b.left() - STUB.min(gap / 2.0);
        return vec![
            pos2(a.right(), ay),
            pos2(riser_x, ay),
            pos2(riser_x, by),
            pos2(b.left(), by),
        ];
    }
    // Overlapping in x: join vertically inside the shared span (b starts later, so
    // b.left() >= a.left() and the span is non-empty unless b is wholly right of a).
    let lo = a.left().max(b.left());
    let hi = a.right().min(b.right());
    let x = if lo <= hi {
        f32::midpoint(lo, hi)
    } else {
        b.left()
    };
    if by < ay {
        vec![pos2(x, a.top()), pos2(x, b.bottom())]
    } else if by > ay {
        vec![pos2(x, a.bottom()), pos2(x, b.top())]
    } else {
        // Same row and touching: a short straight join.
        vec![pos2(a.right(), ay), pos2(b.left().max(a.right()), by)]
    }
}

/// The vertical segment (riser) of a connector, if it has one.
#[must_use]
pub fn riser(points: &[Pos2]) -> Option<&[Pos2]> {
    points
        .windows(2)
        .find(|w| (w[0].x - w[1].x).abs() < 0.5 && (w[0].y - w[1].y).abs() > 0.5)
}

/// The middle of the vertical part of a connector; for a flat connector, its midpoint.
/// (Where a descending branch's down marker went before routing chose a clear spot: see
/// [`Route::marker`].)
#[must_use]
pub fn riser_mid(points: &[Pos2]) -> Pos2 {
    riser(points)
        .or_else(|| points.windows(2).next())
        .map_or(Pos2::ZERO, |w| {
            pos2(f32::midpoint(w[0].x, w[1].x), f32::midpoint(w[0].y, w[1].y))
        })
}

/// Shortest run out of a card before a connector may turn (diagram units).
pub const MIN_OUT: f32 = 6.0;
/// Shortest last segment into a card, so the arrow head (9 units) sits on a straight line.
pub const MIN_IN: f32 = 10.0;
/// What a route that leaves no room for its link's label costs extra: more than any detour
/// (a label away from its line would name the wrong link, or crowd the slide).
const UNLABELLED_COST: f32 = 1000.0;
/// What running along another link's line, or through its down marker, costs extra (the
/// two read as one line; the marker seems to mark both).
const TANGLE_COST: f32 = 200.0;
/// What each crossing costs extra: the line through a marker or label placed before, its
/// marker or label on another link's line.
const CROSS_COST: f32 = 80.0;
/// Shortest straight join between two stacked cards (their facing edges).
const MIN_JOIN: f32 = 5.0;
/// What a bend costs, in diagram units of length: a longer path with fewer bends reads
/// better than a short zigzag.
const BEND_COST: f32 = 30.0;
/// What leaving or entering a card through its top or bottom edge costs (the staircase
/// reads left to right: out of the right edge, into the left edge).
const PORT_COST: f32 = 60.0;
/// A riser or run keeps this far from the cards beside it when the gap allows (diagram
/// units), rather than hugging one of them.
const COMFORT: f32 = 10.0;
/// Positions tried for a riser (or a channel) in one alternative.
const MAX_XS: usize = 4;
/// Channels (gaps between rows) tried per kind of alternative.
const MAX_CHANNELS: usize = 4;
/// Cards gathered to find the gaps for one riser; beyond it the gaps found are a guess
/// (every route is still checked).
const MAX_GATHERED: usize = 64;
/// Rows and cards one link may look at while searching alternatives.
const LINK_WORK: usize = 40_000;
/// Work (rows and cards looked at) every routing may spend before the remaining links keep
/// their default route unchecked…
const WORK_BASE: usize = 2_000_000;
/// …plus this much per link (a link whose default route is free costs about 10).
const WORK_PER_LINK: usize = 64;
/// Half the width of the down marker's box, and how far it reaches above and below its
/// centre (the painter's triangle with its outline, at zoom ≥ 0.4).
const MARKER_BOX: [f32; 3] = [8.5, 6.0, 8.0];
/// Positions tried for a down marker.
const MAX_MARKER_SPOTS: usize = 40;
/// Spots tried for a label beside one route.
const MAX_LABEL_SPOTS: usize = 64;

/// How far a connector keeps from cards it does not join (diagram units): far enough that
/// a line beside a card does not read as leaving it. Runs fit between level bands (two lane
/// gaps) at both densities, and between stacked cards on the canvas.
#[must_use]
pub fn clearance(m: &Metrics) -> f32 {
    m.lane_gap.clamp(3.0, 5.0)
}

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
    fn blocked_rows(&self, r: Rect, work: &mut usize, mut blocked: impl FnMut(f32, f32)) {
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
fn crosses_inside(seg: Rect, r: Rect) -> bool {
    let r = r.shrink(0.01);
    seg.left() < r.right()
        && seg.right() > r.left()
        && seg.top() < r.bottom()
        && seg.bottom() > r.top()
}

/// Free stretches of `lo..=hi` once the `blocked` intervals are taken out: `(start, end,
/// start is a blocked edge, end is a blocked edge)`.
fn free_stretches(lo: f32, hi: f32, mut blocked: Vec<(f32, f32)>) -> Vec<(f32, f32, bool, bool)> {
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
fn positions(stretches: &[(f32, f32, bool, bool)], prefer: f32, k: usize) -> Vec<f32> {
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
struct Placed {
    cells: std::collections::HashMap<
        (bool, i64, i64),
        Vec<PlacedSegment>,
        std::hash::BuildHasherDefault<super::labels::CellHasher>,
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

    fn insert(&mut self, points: &[Pos2], link: &LinkToRoute, work: &mut usize) {
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
    fn tangles(&self, points: &[Pos2], link: &LinkToRoute, work: &mut usize) -> bool {
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
    fn crosses(&self, r: Rect, a: usize, b: usize, work: &mut usize) -> bool {
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

/// A connector's route and its down marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The polyline, from the source card's edge to the target card's edge.
    pub points: Vec<Pos2>,
    /// Where a descending link's down marker goes (on a downward riser), else `None`.
    pub marker: Option<Pos2>,
    /// Where the link's label goes and how it aligns there, when the route was chosen with
    /// room for it ([`super::labels::place`] takes it first).
    pub label: Option<(Pos2, egui::Align2)>,
    /// Whether the line keeps clear of every card but its own ends (entered and left only at
    /// their edges), and the marker clear of every card.
    pub clear: bool,
}

/// Every link routed, and how it went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Routing {
    /// One route per link, in the links' order.
    pub routes: Vec<Route>,
    /// Links whose route passes a card, or whose marker covers one (their default route
    /// kept), or that were not checked once the budget was spent.
    pub crowded: usize,
    /// The search ran out of its work budget: the last links kept their default route
    /// without looking (counted in `crowded`).
    pub cut_short: bool,
}

/// A link to route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkToRoute {
    /// The source card (an index into the cards).
    pub from: usize,
    /// The target card.
    pub to: usize,
    /// Whether the link goes down a level: its route needs a spot for the down marker.
    pub descending: bool,
    /// The size of the link's label frame, if it has one: its route needs a spot beside
    /// the line for it, clear of the cards (see [`super::labels`]).
    pub label: Option<Vec2>,
}

/// Routes every link among `cards` (their rectangles), keeping `clearance` from the cards
/// each link does not join, with channels inside `plot` (y only). See the module header.
#[must_use]
pub fn route_all(cards: &[Rect], links: &[LinkToRoute], plot: Rect, clearance: f32) -> Routing {
    let mut router = Router::new(cards, plot, clearance);
    let budget = WORK_BASE.saturating_add(WORK_PER_LINK.saturating_mul(links.len()));
    let mut routing = Routing {
        routes: Vec::with_capacity(links.len()),
        ..Routing::default()
    };
    for link in links {
        let route = if router.work < budget {
            router.route(link)
        } else {
            routing.cut_short = true;
            let points = route(cards[link.from], cards[link.to]);
            Route {
                marker: link.descending.then(|| riser_mid(&points)),
                label: None,
                points,
                clear: false,
            }
        };
        routing.crowded += usize::from(!route.clear);
        routing.routes.push(route);
    }
    routing
}

/// Routes links around cards (see the module header).
pub struct Router<'a> {
    cards: &'a [Rect],
    obstacles: Obstacles,
    /// What a label keeps off: the cards with a margin and their badges.
    label_obstacles: Obstacles,
    /// The down markers and label frames placed so far: later markers and labels keep off
    /// them, later lines keep off them if they can.
    taken: super::labels::Grid,
    /// The down markers placed so far (also in `taken`): a line through one makes it
    /// ambiguous.
    markers: super::labels::Grid,
    clearance: f32,
    /// Where runs may go: the plot's top and bottom.
    y_span: (f32, f32),
    /// The connectors routed so far, so a later one does not run along them.
    placed: Placed,
    /// Rows and cards looked at so far.
    pub work: usize,
}

/// A label's anchor, alignment and frame.
type LabelSpot = (Pos2, egui::Align2, Rect);

/// A free route's grade (see [`Router::grade`]).
struct Graded {
    /// Its cost plus what it troubles: the least wins.
    score: f32,
    /// Whether it troubles anything (a label without room, a tangle, a crossing).
    troubled: bool,
    /// Where its down marker goes, if the link descends.
    marker: Option<Pos2>,
    /// Where its label goes, if it has one and there is room.
    label: Option<LabelSpot>,
}

/// What a route costs (see [`BEND_COST`], [`PORT_COST`]): its length, its bends, and its
/// ports other than the source's right and the target's left edge.
fn cost(points: &[Pos2], ports: [Port; 2]) -> f32 {
    let length: f32 = points.windows(2).map(|w| (w[1] - w[0]).length()).sum();
    let bends = points.len().saturating_sub(2) as f32;
    let edges = ports.iter().filter(|&&p| p == Port::Edge).count() as f32;
    length + BEND_COST * bends + PORT_COST * edges
}

/// The ports of a route from `a` to `b`: the side ports when it leaves `a` at its right edge
/// and enters `b` at its left edge.
fn ports(points: &[Pos2], a: Rect, b: Rect) -> [Port; 2] {
    let side = |p: Option<&Pos2>, x: f32| {
        if p.is_some_and(|p| (p.x - x).abs() < 0.01) {
            Port::Side
        } else {
            Port::Edge
        }
    };
    [
        side(points.first(), a.right()),
        side(points.last(), b.left()),
    ]
}

/// Which edge a route leaves or enters a card by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Port {
    /// The source's right edge, or the target's left edge.
    Side,
    /// The top or bottom edge (whichever faces the way the route goes).
    Edge,
}

impl<'a> Router<'a> {
    /// A router among `cards`, with runs kept inside `plot`'s height.
    #[must_use]
    pub fn new(cards: &'a [Rect], plot: Rect, clearance: f32) -> Self {
        Self {
            cards,
            obstacles: Obstacles::new(cards),
            label_obstacles: Obstacles::new(
                &cards
                    .iter()
                    .flat_map(|&c| super::labels::keep_off(c))
                    .collect::<Vec<_>>(),
            ),
            taken: super::labels::Grid::new(),
            markers: super::labels::Grid::new(),
            clearance,
            y_span: (plot.top(), plot.bottom()),
            placed: Placed::default(),
            work: 0,
        }
    }

    /// Routes a link: the free route of least cost, the default when it is free and
    /// untroubled, else the default counted as not clear. Free means clear of the cards (see
    /// [`Self::clear`]) and, for a descending link, with a downward riser where its marker
    /// covers no card, label or other marker. Its cost is [`cost`], plus [`UNLABELLED_COST`]
    /// when it leaves no room for the link's label, plus what it troubles the lines, markers
    /// and labels placed before (see [`Self::grade`]). The route's marker and label spot are
    /// taken for the links after it.
    pub fn route(&mut self, link: &LinkToRoute) -> Route {
        let (a, b) = (link.from, link.to);
        let (ra, rb) = (self.cards[a], self.cards[b]);
        let default = route(ra, rb);
        let mut best = self.grade(&default, link).map(|mut g| {
            g.score += cost(&default, ports(&default, ra, rb));
            (g, default.clone())
        });
        // The direct alternatives first (one riser); through a channel between rows only
        // when none of those is untroubled (they cost more bends anyway).
        let start = self.work;
        for channels in [false, true] {
            if best.as_ref().is_some_and(|b| !b.0.troubled) {
                break;
            }
            let mut alternatives = self.alternatives(a, b, channels);
            alternatives.sort_by(|x, y| x.0.total_cmp(&y.0));
            for (base, points) in alternatives {
                // Sorted by cost: nothing after this one can do better.
                if self.work - start >= LINK_WORK
                    || best.as_ref().is_some_and(|b| base >= b.0.score)
                {
                    break;
                }
                if let Some(mut graded) = self.grade(&points, link) {
                    graded.score += base;
                    if best.as_ref().is_none_or(|b| graded.score < b.0.score) {
                        best = Some((graded, points));
                    }
                }
            }
        }
        let clear = best.is_some();
        let (graded, points) = best.unwrap_or_else(|| {
            let graded = Graded {
                score: f32::INFINITY,
                troubled: true,
                marker: link.descending.then(|| riser_mid(&default)),
                label: None,
            };
            (graded, default)
        });
        self.placed.insert(&points, link, &mut self.work);
        if let Some(m) = graded.marker {
            self.taken.insert(marker_rect(m));
            self.markers.insert(marker_rect(m));
        }
        if let Some((_, _, r)) = graded.label {
            self.taken.insert(r);
        }
        Route {
            points,
            marker: graded.marker,
            label: graded.label.map(|(at, align, _)| (at, align)),
            clear,
        }
    }

    /// Grades `points` for `link` if it is free (clear of the cards and, when the link
    /// descends, with a spot for its down marker clear of the cards, markers and labels
    /// placed so far): its score without the route's own cost — [`UNLABELLED_COST`] when its
    /// label finds no room beside it, [`TANGLE_COST`] when it runs along another link's line
    /// or through its marker, [`CROSS_COST`] for each of: it passes through a marker or label
    /// placed before, its marker or its label sits on another link's line.
    fn grade(&mut self, points: &[Pos2], link: &LinkToRoute) -> Option<Graded> {
        let (a, b) = (link.from, link.to);
        if !self.clear(points, a, b) {
            return None;
        }
        let mut score = 0.0;
        let marker = if link.descending {
            let (at, crossed) = self.marker(points, a, b)?;
            score += CROSS_COST * f32::from(u8::from(crossed));
            Some(at)
        } else {
            None
        };
        if self.placed.tangles(points, link, &mut self.work) {
            score += TANGLE_COST;
        }
        if self.over(points, false) {
            score += CROSS_COST;
        }
        if self.over(points, true) {
            score += TANGLE_COST;
        }
        let label = link.label.and_then(|size| {
            let found = self.label_spot(points, link, size, marker);
            score += found.map_or(UNLABELLED_COST, |(_, crossed)| {
                CROSS_COST * f32::from(u8::from(crossed))
            });
            found.map(|(spot, _)| spot)
        });
        Some(Graded {
            troubled: score > 0.0,
            score,
            marker,
            label,
        })
    }

    /// Whether a segment of `points` passes through a down marker (`markers`) or a marker
    /// or label placed before: the marker would seem to mark this line, the label hides it.
    fn over(&mut self, points: &[Pos2], markers: bool) -> bool {
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
    /// [`super::labels::by_line`]), clear of every card and badge, of the markers and labels
    /// placed so far and of the link's own `marker`: the first such spot that no other
    /// link's line crosses, else the first with whether a line crosses it.
    fn label_spot(
        &mut self,
        points: &[Pos2],
        link: &LinkToRoute,
        size: Vec2,
        marker: Option<Pos2>,
    ) -> Option<(LabelSpot, bool)> {
        let (a, b) = (link.from, link.to);
        let marker = marker.map(marker_rect);
        let spots = super::labels::candidates(points, Some((self.cards[a], self.cards[b])));
        let before = self.taken.work;
        let mut crossed = None;
        for &(at, align) in spots.iter().take(MAX_LABEL_SPOTS) {
            let r = align.anchor_size(at, size);
            self.work += 1;
            let free = super::labels::by_line(r, points)
                && !marker.is_some_and(|m| super::labels::overlaps(m, r))
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

    /// Whether a polyline from card `a` to card `b` keeps [`Self::clearance`] from every
    /// card, except that its first segment may touch `a` (leaving it) and its last `b`
    /// (entering it), without passing through either.
    fn clear(&mut self, points: &[Pos2], a: usize, b: usize) -> bool {
        let cards = self.cards;
        let last = points.len().saturating_sub(2);
        for (i, w) in points.windows(2).enumerate() {
            let seg = Rect::from_two_pos(w[0], w[1]);
            if seg.any_nan() || !seg.is_finite() {
                return false;
            }
            let blocked = self
                .obstacles
                .any(seg.expand(self.clearance), &mut self.work, |k| {
                    if (k == a && i == 0) || (k == b && i == last) {
                        crosses_inside(seg, cards[k])
                    } else {
                        true
                    }
                });
            if blocked {
                return false;
            }
        }
        true
    }

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
    fn alternatives(&mut self, a: usize, b: usize, channels: bool) -> Vec<(f32, Vec<Pos2>)> {
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

    /// Where the down marker of the descending link `a`–`b` goes on `points`: on a downward
    /// riser (the longest first, from its middle outwards), where the marker covers no card
    /// and no marker or label placed before, and if it can, where no other link's line passes
    /// (it would seem to mark that one). `None` when there is no such spot; else the spot and
    /// whether a line crosses it.
    fn marker(&mut self, points: &[Pos2], a: usize, b: usize) -> Option<(Pos2, bool)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    fn card(x: f32, y: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(100.0, 40.0))
    }

    fn on_edge(p: Pos2, r: Rect) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() < 1e-3;
        let within = r.expand(1e-3).contains(p);
        within
            && (near(p.x, r.left())
                || near(p.x, r.right())
                || near(p.y, r.top())
                || near(p.y, r.bottom()))
    }

    #[test]
    fn rising_with_room_is_run_then_riser() {
        let (a, b) = (card(0.0, 200.0), card(300.0, 100.0));
        let pts = route(a, b);
        assert_eq!(pts.len(), 4);
        assert!(on_edge(pts[0], a) && on_edge(pts[3], b));
        assert!((pts[0].y - pts[1].y).abs() < 1e-3, "first a horizontal run");
        assert!((pts[1].x - pts[2].x).abs() < 1e-3, "then a vertical riser");
        assert!(pts[1].x > a.right() && pts[1].x < b.left());
    }

    #[test]
    fn overlapping_cards_join_vertically_on_their_edges() {
        let (a, b) = (card(0.0, 200.0), card(60.0, 100.0));
        let pts = route(a, b);
        assert_eq!(pts.len(), 2);
        assert!(on_edge(pts[0], a) && on_edge(pts[1], b));
        assert!((pts[0].x - pts[1].x).abs() < 1e-3);
        assert!((pts[0].y - a.top()).abs() < 1e-3 && (pts[1].y - b.bottom()).abs() < 1e-3);
    }

    #[test]
    fn down_marker_sits_on_the_riser() {
        let pts = route(card(0.0, 100.0), card(400.0, 200.0));
        let mid = riser_mid(&pts);
        assert!((mid.x - pts[1].x).abs() < 1e-3 && mid.y > 120.0 && mid.y < 220.0);
    }
}
