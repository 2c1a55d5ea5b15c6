//! Keeping the painter's work proportional to what can show, whatever the journey holds:
//! document texts cut to what fits before egui lays them out (egui lays out every character
//! before it wraps or truncates), and polylines clipped to the visible rectangle before they
//! are dashed (a dash is a shape, and a link across a million time units is millions of
//! pixels long).

use egui::{Pos2, Rect, Shape, Stroke};
use std::borrow::Cow;

/// The narrowest advance of a visible glyph in the bundled fonts, as a share of the font size
/// (measured: 0.29, for `'`; half that leaves room for other scripts). No row holds more than
/// `width / (NARROWEST_EM × size)` characters that take room.
const NARROWEST_EM: f32 = 0.15;

/// The ellipsis a cut text ends with (egui's overflow character too).
pub const ELLIPSIS: char = '…';

/// The most characters of a text that can show in `rows` rows of `width` at font size `size`
/// (same unit for both): no row holds more than `width / (NARROWEST_EM × size)` of them.
#[must_use]
pub fn max_shown_chars(size: f32, width: f32, rows: usize) -> usize {
    let per_row = if size > 0.0 && width.is_finite() {
        (width.max(0.0) / (NARROWEST_EM * size)).ceil().min(1e6) as usize
    } else {
        0
    };
    // One more per row for the break itself (a newline, or a space at the wrap).
    rows.max(1).saturating_mul(per_row + 1)
}

/// `text` cut to what can show in `rows` rows of `width` at font size `size`, ending in an
/// ellipsis when cut: what the painter hands to egui instead of the whole text. A text that
/// fits is borrowed as it is, so everything that can show is drawn exactly as before.
#[must_use]
pub fn shown_text(text: &str, size: f32, width: f32, rows: usize) -> Cow<'_, str> {
    cut(text, max_shown_chars(size, width, rows))
}

/// `text` cut to `max` characters plus an ellipsis, if it is longer.
#[must_use]
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    // A char is at least one byte: a text of at most `max` bytes is short enough.
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let mut s = String::with_capacity(end + ELLIPSIS.len_utf8());
            s.push_str(&text[..end]);
            s.push(ELLIPSIS);
            Cow::Owned(s)
        }
    }
}

/// The part of the segment `a`–`b` inside `rect`, as parameters `0 ≤ t0 ≤ t1 ≤ 1` along it
/// (Liang–Barsky), or `None` if it misses the rectangle. In f64: a segment may be 1e11
/// points long, where f32 is thousands of points off.
fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(f64, f64)> {
    if ![a.x, a.y, b.x, b.y].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (ax, ay) = (f64::from(a.x), f64::from(a.y));
    let (dx, dy) = (f64::from(b.x) - ax, f64::from(b.y) - ay);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, ax - f64::from(rect.left())),
        (dx, f64::from(rect.right()) - ax),
        (-dy, ay - f64::from(rect.top())),
        (dy, f64::from(rect.bottom()) - ay),
    ] {
        if p == 0.0 {
            if q < 0.0 || q.is_nan() {
                return None; // parallel to this edge and outside it
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then_some((t0, t1))
}

/// The point at parameter `t` along `a`–`b`, computed in f64.
fn lerp(a: Pos2, b: Pos2, t: f64) -> Pos2 {
    let at = |u: f32, v: f32| (f64::from(u) + (f64::from(v) - f64::from(u)) * t) as f32;
    Pos2::new(at(a.x, b.x), at(a.y, b.y))
}

/// The pieces of a polyline inside `rect`, each a polyline of its own (consecutive visible
/// segments stay joined). A polyline wholly inside comes back as it is.
///
/// With `period` > 0, a piece that starts where the rectangle cuts the line starts instead
/// at the last whole multiple of `period` along the polyline before that cut (but not before
/// its segment): a dash pattern drawn on the pieces then stays in step with the whole line,
/// so the dashes do not crawl as the view pans.
#[must_use]
pub fn clip_polyline(points: &[Pos2], rect: Rect, period: f32) -> Vec<Vec<Pos2>> {
    if points.iter().all(|p| rect.contains(*p)) {
        return vec![points.to_vec()];
    }
    let mut pieces: Vec<Vec<Pos2>> = Vec::new();
    let mut open = false;
    // Length along the polyline to the start of the current segment.
    let mut along = 0.0f64;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = f64::from(a.x - b.x).hypot(f64::from(a.y - b.y));
        match clip_segment(a, b, rect) {
            Some((t0, t1)) => {
                let start = if t0 > 0.0 {
                    open = false;
                    let mut t = t0;
                    if period > 0.0 && len > 0.0 {
                        let at = along + t0 * len;
                        let back = at.rem_euclid(f64::from(period));
                        t = ((at - back - along) / len).max(0.0);
                    }
                    lerp(a, b, t)
                } else {
                    a
                };
                let end = if t1 < 1.0 { lerp(a, b, t1) } else { b };
                if open {
                    if let Some(piece) = pieces.last_mut() {
                        piece.push(end);
                    }
                } else {
                    pieces.push(vec![start, end]);
                }
                open = t1 >= 1.0;
            }
            None => open = false,
        }
        along += len;
    }
    pieces
}

/// The length of the parts of a polyline inside `rect`.
#[must_use]
pub fn visible_length(points: &[Pos2], rect: Rect) -> f64 {
    points
        .windows(2)
        .filter_map(|w| {
            let (t0, t1) = clip_segment(w[0], w[1], rect)?;
            let len = f64::from(w[0].x - w[1].x).hypot(f64::from(w[0].y - w[1].y));
            Some(len * (t1 - t0))
        })
        .sum()
}

/// The most dashes one dashed polyline is drawn with; a longer pattern is stretched.
pub const MAX_DASHES_PER_LINE: f64 = 4_096.0;

/// A dashed polyline, only where it crosses `clip` (screen points; give it room for the
/// stroke), with the pattern in step with the whole line, and at most
/// [`MAX_DASHES_PER_LINE`] dashes (a pattern finer than that is stretched).
pub fn dashed(
    out: &mut Vec<Shape>,
    points: &[Pos2],
    clip: Rect,
    stroke: Stroke,
    dash: f32,
    gap: f32,
) {
    let period = f64::from(dash + gap);
    let stretch = if period > 0.0 {
        (visible_length(points, clip) / period / MAX_DASHES_PER_LINE).max(1.0)
    } else {
        1.0
    };
    if !stretch.is_finite() {
        return;
    }
    let (dash, gap) = (dash * stretch as f32, gap * stretch as f32);
    for piece in clip_polyline(points, clip, dash + gap) {
        out.extend(Shape::dashed_line(&piece, stroke, dash, gap));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    fn screen() -> Rect {
        Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0))
    }

    #[test]
    fn a_polyline_inside_comes_back_whole() {
        let pts = vec![pos2(10.0, 10.0), pos2(500.0, 10.0), pos2(500.0, 900.0)];
        assert_eq!(clip_polyline(&pts, screen(), 12.0), vec![pts]);
    }

    #[test]
    fn a_line_millions_of_pixels_long_is_cut_to_the_screen() {
        let pts = [pos2(-6e10, 500.0), pos2(6e10, 500.0)];
        let pieces = clip_polyline(&pts, screen(), 0.0);
        assert_eq!(pieces.len(), 1);
        let piece = &pieces[0];
        assert!((piece[0].x - 0.0).abs() < 1e-3 && (piece[1].x - 1920.0).abs() < 1e-3);
        let mut out = Vec::new();
        dashed(
            &mut out,
            &pts,
            screen(),
            Stroke::new(1.0, egui::Color32::RED),
            4.0,
            4.0,
        );
        assert!(out.len() <= 1920 / 8 + 2, "{} dashes", out.len());
        // However fine the pattern, one line makes a bounded number of dashes.
        out.clear();
        dashed(
            &mut out,
            &pts,
            screen(),
            Stroke::new(1.0, egui::Color32::RED),
            1e-4,
            1e-4,
        );
        assert!(
            out.len() as f64 <= MAX_DASHES_PER_LINE + 2.0,
            "{} dashes",
            out.len()
        );
        assert!((visible_length(&pts, screen()) - 1920.0).abs() < 1.0);
    }

    #[test]
    fn a_staircase_leaving_and_reentering_splits_into_pieces() {
        // Run right out of the screen, drop, come back in lower down.
        let pts = [
            pos2(100.0, 100.0),
            pos2(3000.0, 100.0),
            pos2(3000.0, 800.0),
            pos2(100.0, 800.0),
        ];
        let pieces = clip_polyline(&pts, screen(), 0.0);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![pos2(100.0, 100.0), pos2(1920.0, 100.0)]);
        assert_eq!(pieces[1], vec![pos2(1920.0, 800.0), pos2(100.0, 800.0)]);
        // Missing the screen altogether.
        let away = [pos2(-100.0, -100.0), pos2(-10.0, -100.0)];
        assert!(clip_polyline(&away, screen(), 0.0).is_empty());
        assert!(clip_polyline(&pts, Rect::NOTHING, 0.0).is_empty());
    }

    #[test]
    fn a_cut_piece_starts_in_step_with_the_dash_pattern() {
        // The line enters the screen 1000.5 units after its start; with a period of 12 the
        // piece starts at 996, the last whole period before the cut.
        let pts = [pos2(-1000.5, 50.0), pos2(500.0, 50.0)];
        let pieces = clip_polyline(&pts, screen(), 12.0);
        assert!(
            (pieces[0][0].x - (-1000.5 + 996.0)).abs() < 1e-3,
            "{pieces:?}"
        );
        // Non-finite points clip to nothing rather than to everything.
        let bad = [pos2(f32::NAN, 0.0), pos2(10.0, 10.0)];
        assert!(clip_polyline(&bad, screen(), 0.0).is_empty());
    }

    #[test]
    fn no_glyph_of_the_bundled_fonts_is_narrower_than_the_cut_assumes() {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::fonts::definitions());
        let size = 20.0;
        let mut narrowest = (f32::INFINITY, ' ');
        let mut output = ctx.run_pass(egui::RawInput::default(), |ctx| {
            let painter = ctx.layer_painter(egui::LayerId::background());
            let chars = (' '..='~').chain("、。・ー「」（）．，長あア\u{3000}".chars());
            for c in chars {
                let text: String = std::iter::repeat_n(c, 50).collect();
                let galley = painter.layout_no_wrap(
                    text,
                    egui::FontId::proportional(size),
                    egui::Color32::BLACK,
                );
                let em = galley.size().x / 50.0 / size;
                if em < narrowest.0 {
                    narrowest = (em, c);
                }
            }
        });
        output.textures_delta.clear();
        assert!(
            narrowest.0 >= NARROWEST_EM,
            "{:?} is {} em wide",
            narrowest.1,
            narrowest.0
        );
    }

    #[test]
    fn texts_are_cut_to_what_can_show_with_an_ellipsis() {
        let short = "ステップ";
        assert!(matches!(
            shown_text(short, 15.0, 100.0, 2),
            Cow::Borrowed(_)
        ));
        let huge = "長".repeat(1_000_000);
        let shown = shown_text(&huge, 15.0, 100.0, 2);
        let max = max_shown_chars(15.0, 100.0, 2);
        assert_eq!(shown.chars().count(), max + 1);
        assert!(shown.ends_with(ELLIPSIS));
        // At least what the narrowest glyphs would fill.
        assert!(max >= 2 * (100.0 / (0.22 * 15.0)) as usize);
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "abc…");
        assert_eq!(max_shown_chars(15.0, f32::INFINITY, 1), 1);
    }
}
