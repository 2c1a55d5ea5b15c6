//! The emotion face drawn on a card: a circle tinted on a colour-blind-safe diverging scale,
//! two eyes, and a mouth whose curve follows the valence. Vector shapes, not an emoji font.
//! Plus the badges that mark pain points (a warning triangle) and delights (a sparkle),
//! distinct in shape, not only in colour.

use egui::epaint::PathStroke;
use egui::{Color32, Pos2, Shape, Stroke, pos2, vec2};

/// The diverging valence scale (Okabe–Ito orange ↔ blue, grey in the middle), −2..=+2.
pub const VALENCE_SCALE: [Color32; 5] = [
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0xC8, 0xC8, 0xC8),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0x00, 0x72, 0xB2),
];

/// The tint for a valence (clamped to the scale).
#[must_use]
pub fn valence_colour(valence: i8) -> Color32 {
    VALENCE_SCALE[(valence.clamp(-2, 2) + 2) as usize]
}

/// Draws a face of `radius` at `centre` for `valence` (−2..=2), outlined in `ink`.
pub fn face(out: &mut Vec<Shape>, centre: Pos2, radius: f32, valence: i8, ink: Color32) {
    let w = (radius / 7.0).max(0.8);
    out.push(Shape::circle_filled(
        centre,
        radius,
        valence_colour(valence),
    ));
    out.push(Shape::circle_stroke(centre, radius, Stroke::new(w, ink)));
    for dx in [-0.35, 0.35] {
        out.push(Shape::circle_filled(
            centre + vec2(dx * radius, -0.25 * radius),
            radius * 0.12,
            ink,
        ));
    }
    // The mouth: a parabola whose ends rise with the valence (a smile) or fall (a frown).
    let curve = f32::from(valence.clamp(-2, 2)) * 0.14 * radius;
    let mouth: Vec<Pos2> = (0..=8)
        .map(|i| {
            let x = (i as f32 / 8.0) * 2.0 - 1.0;
            let y = 0.38 * radius + curve * (1.0 - x * x) - curve * 0.5;
            centre + vec2(x * 0.45 * radius, y)
        })
        .collect();
    out.push(Shape::line(mouth, PathStroke::new(w * 1.3, ink)));
}

/// The badge of a pain point (a warning triangle in the descend colour) or a delight (a
/// sparkle in the link colour), the same on cards, on the curve and in the legend.
pub fn moment_badge(
    out: &mut Vec<Shape>,
    moment: crate::model::Moment,
    centre: Pos2,
    size: f32,
    theme: &super::Theme,
) {
    match moment {
        crate::model::Moment::PainPoint => {
            pain_badge(out, centre, size, theme.descend, theme.background);
        }
        crate::model::Moment::Delight => {
            delight_badge(out, centre, size, theme.link, theme.background);
        }
    }
}

/// A pain-point badge: a warning triangle with an exclamation mark.
fn pain_badge(out: &mut Vec<Shape>, centre: Pos2, size: f32, fill: Color32, ink: Color32) {
    let h = size * 0.5;
    out.push(Shape::convex_polygon(
        vec![
            pos2(centre.x, centre.y - h),
            pos2(centre.x + h * 1.1, centre.y + h * 0.8),
            pos2(centre.x - h * 1.1, centre.y + h * 0.8),
        ],
        fill,
        Stroke::new((size / 12.0).max(0.8), ink),
    ));
    let w = (size / 8.0).max(1.0);
    out.push(Shape::line_segment(
        [
            pos2(centre.x, centre.y - h * 0.45),
            pos2(centre.x, centre.y + h * 0.25),
        ],
        Stroke::new(w, ink),
    ));
    out.push(Shape::circle_filled(
        pos2(centre.x, centre.y + h * 0.55),
        w * 0.6,
        ink,
    ));
}

/// A delight badge: a four-pointed sparkle in a circle.
fn delight_badge(out: &mut Vec<Shape>, centre: Pos2, size: f32, fill: Color32, ink: Color32) {
    let r = size * 0.5;
    out.push(Shape::circle_filled(centre, r, fill));
    out.push(Shape::circle_stroke(
        centre,
        r,
        Stroke::new((size / 12.0).max(0.8), ink),
    ));
    let (long, short) = (r * 0.75, r * 0.2);
    for (dir, side) in [
        (vec2(0.0, -1.0), vec2(1.0, 0.0)),
        (vec2(1.0, 0.0), vec2(0.0, 1.0)),
        (vec2(0.0, 1.0), vec2(-1.0, 0.0)),
        (vec2(-1.0, 0.0), vec2(0.0, -1.0)),
    ] {
        out.push(Shape::convex_polygon(
            vec![
                centre + side * short,
                centre + dir * long,
                centre - side * short,
            ],
            ink,
            Stroke::NONE,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mouth_ends_minus_middle(valence: i8) -> f32 {
        let mut out = Vec::new();
        face(&mut out, Pos2::ZERO, 10.0, valence, Color32::BLACK);
        let Some(Shape::Path(mouth)) = out.last() else {
            panic!("the mouth is drawn last");
        };
        mouth.points[0].y - mouth.points[4].y
    }

    #[test]
    fn the_mouth_smiles_for_good_and_frowns_for_bad() {
        // y grows downwards: a smile has its ends above its middle.
        assert!(mouth_ends_minus_middle(2) < mouth_ends_minus_middle(1));
        assert!(mouth_ends_minus_middle(1) < 0.0);
        assert!(mouth_ends_minus_middle(0).abs() < 1e-4);
        assert!(mouth_ends_minus_middle(-2) > 0.0);
    }

    #[test]
    fn each_valence_has_its_own_tint() {
        let tints: std::collections::HashSet<_> = (-2..=2).map(valence_colour).collect();
        assert_eq!(tints.len(), 5);
    }
}
