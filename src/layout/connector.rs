//! Staircase connectors: a horizontal run, then a riser, from one card's edge to another's.

use egui::{Pos2, Rect, pos2};

use super::metrics::STUB;

/// The polyline of a connector from card `a` to the later card `b`, starting on `a`'s edge
/// and ending on `b`'s edge.
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

/// The middle of the vertical part of a connector, where a descending branch gets its
/// down marker; for a flat connector, its midpoint.
#[must_use]
pub fn riser_mid(points: &[Pos2]) -> Pos2 {
    riser(points)
        .or_else(|| points.windows(2).next())
        .map_or(Pos2::ZERO, |w| {
            pos2(f32::midpoint(w[0].x, w[1].x), f32::midpoint(w[0].y, w[1].y))
        })
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
