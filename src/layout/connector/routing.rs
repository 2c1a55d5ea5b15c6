//! The [`Router`]: what a route costs (length, bends, top or bottom ports), how a free
//! route is graded against the lines, markers and labels placed before it, and the choice
//! of the best one for each link, falling back to the default route when none is free.
//!
//! The candidates come from the alternatives, the marker and label spots from the marks,
//! the free space from the gaps: this module weighs them.

use egui::{Pos2, Rect};

use super::gaps::{Obstacles, crosses_inside};
use super::placed::Placed;
use super::{LinkToRoute, Route, marker_rect, riser_mid, route};
use crate::layout::labels;

/// What a route that leaves no room for its link's label costs extra: more than any detour
/// (a label away from its line would name the wrong link, or crowd the slide).
const UNLABELLED_COST: f32 = 1000.0;
/// What running along another link's line, or through its down marker, costs extra (the
/// two read as one line; the marker seems to mark both).
const TANGLE_COST: f32 = 200.0;
/// What each crossing costs extra: the line through a marker or label placed before, its
/// marker or label on another link's line.
const CROSS_COST: f32 = 80.0;
/// What a bend costs, in diagram units of length: a longer path with fewer bends reads
/// better than a short zigzag.
const BEND_COST: f32 = 30.0;
/// What leaving or entering a card through its top or bottom edge costs (the staircase
/// reads left to right: out of the right edge, into the left edge).
const PORT_COST: f32 = 60.0;
/// Rows and cards one link may look at while searching alternatives.
const LINK_WORK: usize = 40_000;

/// Routes links around cards (see the `connector` module header).
pub struct Router<'a> {
    pub(super) cards: &'a [Rect],
    pub(super) obstacles: Obstacles,
    /// What a label keeps off: the cards with a margin and their badges.
    pub(super) label_obstacles: Obstacles,
    /// The down markers and label frames placed so far: later markers and labels keep off
    /// them, later lines keep off them if they can.
    pub(super) taken: labels::Grid,
    /// The down markers placed so far (also in `taken`): a line through one makes it
    /// ambiguous.
    pub(super) markers: labels::Grid,
    pub(super) clearance: f32,
    /// Where runs may go: the plot's top and bottom.
    pub(super) y_span: (f32, f32),
    /// The connectors routed so far, so a later one does not run along them.
    pub(super) placed: Placed,
    /// Rows and cards looked at so far.
    pub work: usize,
}

/// A label's anchor, alignment and frame.
pub(super) type LabelSpot = (Pos2, egui::Align2, Rect);

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
pub(super) fn cost(points: &[Pos2], ports: [Port; 2]) -> f32 {
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
pub(super) enum Port {
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
                    .flat_map(|&c| labels::keep_off(c))
                    .collect::<Vec<_>>(),
            ),
            taken: labels::Grid::new(),
            markers: labels::Grid::new(),
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
}
