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
//!
//! Here: the default route, the public types and [`route_all`]. Beside it: `gaps` (free
//! space between cards), `alternatives` (the routes tried instead of the default),
//! `routing` (the [`Router`]: costs, grades, the choice), `marks` (down markers and label
//! spots) and `placed` (the lines routed so far).

mod alternatives;
mod gaps;
mod marks;
mod placed;
mod routing;

pub use gaps::Obstacles;
pub use marks::marker_rect;
pub use routing::Router;

use egui::{Pos2, Rect, Vec2, pos2};

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
/// Work (rows and cards looked at) every routing may spend before the remaining links keep
/// their default route unchecked…
const WORK_BASE: usize = 2_000_000;
/// …plus this much per link (a link whose default route is free costs about 10).
const WORK_PER_LINK: usize = 64;

/// How far a connector keeps from cards it does not join (diagram units): far enough that
/// a line beside a card does not read as leaving it. Runs fit between level bands (two lane
/// gaps) at both densities, and between stacked cards on the canvas.
#[must_use]
pub fn clearance(m: &Metrics) -> f32 {
    m.lane_gap.clamp(3.0, 5.0)
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
