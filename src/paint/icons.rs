//! Small vector icons drawn with epaint shapes: one per touchpoint channel, plus the start
//! flag and the goal star. Vector, so they are crisp at any zoom and in export, and need no
//! emoji font.

use crate::model::Channel;
use egui::epaint::{CornerRadius, PathStroke};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// Which icon to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// A touchpoint channel.
    Channel(Channel),
    /// The start of the journey (a flag).
    Start,
    /// A goal (a star).
    Goal,
}

/// Draws `icon` inside the square `r` (screen points) in `colour`.
#[allow(clippy::many_single_char_names)] // icon geometry reads best as r, s, w, c
pub fn draw(out: &mut Vec<Shape>, icon: Icon, r: Rect, colour: Color32) {
    let s = r.width();
    let w = (s / 11.0).max(1.0);
    let stroke = Stroke::new(w, colour);
    let at = |x: f32, y: f32| pos2(r.left() + x * s, r.top() + y * s);
    let line = |pts: Vec<Pos2>| Shape::line(pts, PathStroke::new(w, colour));
    match icon {
        Icon::Start => {
            out.push(Shape::line_segment([at(0.2, 0.05), at(0.2, 0.95)], stroke));
            out.push(Shape::convex_polygon(
                vec![at(0.2, 0.08), at(0.9, 0.3), at(0.2, 0.55)],
                colour,
                Stroke::NONE,
            ));
        }
        Icon::Goal => {
            let c = r.center();
            let points = (0..10)
                .map(|i| {
                    let angle =
                        std::f32::consts::PI * (i as f32 / 5.0) - std::f32::consts::FRAC_PI_2;
                    let radius = if i % 2 == 0 { s * 0.5 } else { s * 0.2 };
                    c + vec2(angle.cos(), angle.sin()) * radius
                })
                .collect::<Vec<_>>();
            // A star is not convex: fill it as five triangles around the centre.
            for i in 0..5 {
                let tip = points[2 * i];
                let (a, b) = (points[(2 * i + 9) % 10], points[2 * i + 1]);
                out.push(Shape::convex_polygon(vec![a, tip, b], colour, Stroke::NONE));
            }
            out.push(Shape::convex_polygon(
                (0..5).map(|i| points[2 * i + 1]).collect(),
                colour,
                Stroke::NONE,
            ));
        }
        Icon::Channel(channel) => match channel {
            Channel::Web => {
                out.push(Shape::circle_stroke(r.center(), s * 0.42, stroke));
                out.push(Shape::line_segment([at(0.08, 0.5), at(0.92, 0.5)], stroke));
                out.push(Shape::ellipse_stroke(
                    r.center(),
                    vec2(s * 0.18, s * 0.42),
                    stroke,
                ));
            }
            Channel::Sns => {
                let bubble = Rect::from_min_max(at(0.05, 0.1), at(0.95, 0.7));
                out.push(Shape::rect_stroke(
                    bubble,
                    CornerRadius::same((s * 0.2) as u8),
                    stroke,
                    StrokeKind::Middle,
                ));
                out.push(line(vec![at(0.3, 0.7), at(0.22, 0.95), at(0.5, 0.7)]));
            }
            Channel::Email => {
                let env = Rect::from_min_max(at(0.05, 0.2), at(0.95, 0.8));
                out.push(Shape::rect_stroke(env, 0.0, stroke, StrokeKind::Middle));
                out.push(line(vec![at(0.05, 0.2), at(0.5, 0.55), at(0.95, 0.2)]));
            }
            Channel::Ad => {
                out.push(Shape::convex_polygon(
                    vec![at(0.1, 0.38), at(0.75, 0.1), at(0.75, 0.9), at(0.1, 0.62)],
                    Color32::TRANSPARENT,
                    stroke,
                ));
                out.push(line(vec![at(0.25, 0.66), at(0.35, 0.95)]));
                out.push(Shape::line_segment(
                    [at(0.88, 0.35), at(0.88, 0.65)],
                    stroke,
                ));
            }
            Channel::Store => {
                out.push(line(vec![at(0.05, 0.45), at(0.5, 0.08), at(0.95, 0.45)]));
                let body = Rect::from_min_max(at(0.15, 0.45), at(0.85, 0.92));
                out.push(Shape::rect_stroke(body, 0.0, stroke, StrokeKind::Middle));
                let door = Rect::from_min_max(at(0.42, 0.62), at(0.58, 0.92));
                out.push(Shape::rect_filled(door, 0.0, colour));
            }
            Channel::CallCentre => {
                // A headset: the band and two ear pieces, and a microphone arm.
                let arc: Vec<Pos2> = (0..=12)
                    .map(|i| {
                        let a = std::f32::consts::PI * (1.0 + i as f32 / 12.0);
                        r.center() + vec2(a.cos(), a.sin()) * s * 0.38 + vec2(0.0, s * 0.08)
                    })
                    .collect();
                out.push(line(arc));
                for x in [0.05, 0.78] {
                    out.push(Shape::rect_filled(
                        Rect::from_min_size(at(x, 0.5), vec2(s * 0.17, s * 0.3)),
                        2.0,
                        colour,
                    ));
                }
                out.push(line(vec![at(0.86, 0.8), at(0.86, 0.92), at(0.55, 0.92)]));
            }
            Channel::Event => {
                let cal = Rect::from_min_max(at(0.08, 0.18), at(0.92, 0.92));
                out.push(Shape::rect_stroke(cal, 1.0, stroke, StrokeKind::Middle));
                out.push(Shape::rect_filled(
                    Rect::from_min_max(at(0.08, 0.18), at(0.92, 0.38)),
                    1.0,
                    colour,
                ));
                for x in [0.3, 0.7] {
                    out.push(Shape::line_segment([at(x, 0.05), at(x, 0.25)], stroke));
                }
            }
            Channel::ProductUse => {
                let pts = [
                    at(0.5, 0.05),
                    at(0.92, 0.27),
                    at(0.92, 0.73),
                    at(0.5, 0.95),
                    at(0.08, 0.73),
                    at(0.08, 0.27),
                ];
                out.push(Shape::closed_line(pts.to_vec(), stroke));
                out.push(line(vec![at(0.08, 0.27), at(0.5, 0.49), at(0.92, 0.27)]));
                out.push(Shape::line_segment([at(0.5, 0.49), at(0.5, 0.95)], stroke));
            }
            Channel::Other => {
                out.push(Shape::circle_filled(r.center(), s * 0.25, colour));
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_draws_inside_its_square() {
        let r = Rect::from_min_size(pos2(10.0, 10.0), vec2(16.0, 16.0));
        let icons = Channel::ALL
            .iter()
            .map(|c| Icon::Channel(*c))
            .chain([Icon::Start, Icon::Goal]);
        for icon in icons {
            let mut out = Vec::new();
            draw(&mut out, icon, r, Color32::BLACK);
            assert!(!out.is_empty(), "{icon:?} draws something");
            let bounds = out
                .iter()
                .fold(Rect::NOTHING, |b, s| b.union(s.visual_bounding_rect()));
            assert!(
                r.expand(2.0).contains_rect(bounds),
                "{icon:?} stays inside: {bounds:?}"
            );
        }
    }
}
