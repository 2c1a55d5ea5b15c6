//! The NPS layer on a card: a badge with NPS and n (small samples marked ※), an arrow for
//! the change since the previous wave (filled ▲▼ when beyond noise, hollow △▽ when not), a
//! thin stacked bar detractor / passive / promoter, and the heat tint of the card.
//!
//! Colours come from a colour-blind-safe diverging scale (`ColorBrewer` `BrBG`: brown ↔ teal),
//! distinct from the emotion scale (orange ↔ blue); figures are always written as well.

use super::Pen;
use crate::nps::StepStats;
use egui::{Color32, CornerRadius, Rect, Shape, Stroke, pos2};

/// Detractors (0–6): brown.
pub const DETRACTOR: Color32 = Color32::from_rgb(0xA6, 0x61, 0x1A);
/// Passives (7–8): grey.
pub const PASSIVE: Color32 = Color32::from_rgb(0xBD, 0xBD, 0xBD);
/// Promoters (9–10): teal.
pub const PROMOTER: Color32 = Color32::from_rgb(0x01, 0x85, 0x71);
/// The middle of the heat scale (NPS 0).
const NEUTRAL: Color32 = Color32::from_rgb(0xF5, 0xF5, 0xF5);
/// NPS at which the heat scale reaches full colour. Japanese NPS rarely leaves ±50, so a
/// ±100 scale would leave every card pale.
pub const HEAT_SATURATES_AT: f64 = 50.0;

/// The heat colour of an NPS: brown below zero, teal above, pale near zero.
#[must_use]
pub fn nps_colour(nps: f64) -> Color32 {
    let t = (nps / HEAT_SATURATES_AT).clamp(-1.0, 1.0) as f32;
    let end = if t < 0.0 { DETRACTOR } else { PROMOTER };
    lerp(NEUTRAL, end, t.abs())
}

fn lerp(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// The NPS as written on a badge: "+12", "-8", "0" (ASCII minus: the bundled font draws
/// U+2212 as a blank).
#[must_use]
pub fn nps_text(nps: f64) -> String {
    let rounded = nps.round();
    if rounded > 0.0 {
        format!("+{rounded}")
    } else if rounded < 0.0 {
        format!("-{}", -rounded)
    } else {
        "0".into()
    }
}

/// The arrow and figure for a change: ▲/▼ when beyond noise, △/▽ when not.
#[must_use]
pub fn change_text(stats: &StepStats) -> Option<String> {
    let c = stats.change?;
    let up = c.delta >= 0.0;
    let arrow = match (up, c.significant) {
        (true, true) => '▲',
        (false, true) => '▼',
        (true, false) => '△',
        (false, false) => '▽',
    };
    Some(format!("{arrow}{}", nps_text(c.delta)))
}

impl Pen<'_> {
    /// Draws the strip under a card's body: badge text, change arrow and stacked bar, or
    /// "not asked" when the step was not asked about in this wave. On a card `tinted` by
    /// its NPS, the change, the count and the bar sit on small patches of the page colour,
    /// so their own colours (teal ▲, brown ▼, the warning ※, the bar's segments) stay
    /// visible whatever the tint.
    pub(super) fn nps_strip(
        &self,
        strip: Rect,
        stats: Option<&StepStats>,
        ink: Color32,
        tinted: bool,
        out: &mut Vec<Shape>,
    ) {
        let theme = self.view.theme;
        let line_w = 0.8 * self.zoom.max(0.25);
        out.push(Shape::line_segment(
            [
                self.pos(pos2(strip.left() + 6.0, strip.top())),
                self.pos(pos2(strip.right() - 6.0, strip.top())),
            ],
            Stroke::new(line_w, theme.grid),
        ));
        if !self.text_visible() {
            return;
        }
        let pad = 7.0;
        let text_y = strip.top() + 3.0;
        // On a dark heat tint the theme's greys vanish: secondary text follows the ink.
        let on_dark = ink == Color32::WHITE;
        let muted = if on_dark {
            Color32::from_gray(230)
        } else {
            theme.muted
        };
        let Some(stats) = stats else {
            let label = self.wrapped(
                crate::i18n::T::NpsNotAsked.text(self.view.lang),
                self.m.small_size,
                muted,
                100.0,
                1,
            );
            out.push(super::translated(
                label,
                self.pos(pos2(strip.left() + pad, text_y)),
            ));
            return;
        };
        let summary = &stats.summary;
        let small = summary.is_small();
        let badge = format!("NPS {}", nps_text(summary.nps));
        let badge = self.wrapped(
            &badge,
            self.m.small_size + 1.0,
            ink,
            strip.width() - 2.0 * pad,
            1,
        );
        let badge_w = super::shape_size(&badge).x / self.zoom;
        out.push(super::translated(
            badge,
            self.pos(pos2(strip.left() + pad, text_y - 1.0)),
        ));
        // Row 1: the change since the previous wave, right-aligned: the arrow and the
        // figure, or the arrow alone on a narrow card (the legend explains the arrows, so
        // every card with a change shows one).
        let right = strip.right() - pad;
        // Colours on a patch of the page colour keep their meaning on any tint.
        let patch = |out: &mut Vec<Shape>, r: Rect| {
            if tinted {
                out.push(Shape::rect_filled(
                    self.rect(r.expand(1.5)),
                    CornerRadius::same(3),
                    theme.background.gamma_multiply(0.92),
                ));
            }
        };
        let plain = if tinted { theme.muted } else { muted };
        if let Some(change) = change_text(stats) {
            let significant = stats.change.is_some_and(|c| c.significant);
            let colour = if !significant {
                plain
            } else if change.starts_with('▲') {
                PROMOTER
            } else {
                DETRACTOR
            };
            let arrow: String = change.chars().take(1).collect();
            for text in [change, arrow] {
                let label = self.wrapped(&text, self.m.small_size, colour, 50.0, 1);
                let size = super::shape_size(&label) / self.zoom;
                if strip.left() + pad + badge_w + 4.0 + size.x <= right {
                    patch(out, Rect::from_min_size(pos2(right - size.x, text_y), size));
                    out.push(super::translated(
                        label,
                        self.pos(pos2(right - size.x, text_y)),
                    ));
                    break;
                }
            }
        }
        // Row 2: the stacked bar, then n (small samples marked ※, in the warning colour).
        let count = if small {
            format!("n={}※", summary.n)
        } else {
            format!("n={}", summary.n)
        };
        let n_colour = if small { theme.descend } else { plain };
        let n_label = self.wrapped(&count, self.m.small_size, n_colour, 60.0, 1);
        let n_size = super::shape_size(&n_label) / self.zoom;
        let row2 = strip.bottom() - (0.5 * self.m.small_size + 1.5);
        patch(
            out,
            Rect::from_min_size(pos2(right - n_size.x, row2 - n_size.y / 2.0), n_size),
        );
        out.push(super::translated(
            n_label,
            self.pos(pos2(right - n_size.x, row2 - n_size.y / 2.0)),
        ));
        // Detractors from the left, promoters at the right.
        let bar = Rect::from_min_max(
            pos2(strip.left() + pad, row2 - 2.5),
            pos2(right - n_size.x - 5.0, row2 + 2.5),
        );
        patch(out, bar);
        let mut x = bar.left();
        for (share, colour) in [
            (summary.detractors, DETRACTOR),
            (summary.passives, PASSIVE),
            (summary.promoters, PROMOTER),
        ] {
            let w = bar.width() * share as f32;
            if w > 0.0 {
                let seg = Rect::from_min_max(pos2(x, bar.top()), pos2(x + w, bar.bottom()));
                out.push(Shape::rect_filled(
                    self.rect(seg),
                    CornerRadius::ZERO,
                    colour,
                ));
            }
            x += w;
        }
        out.push(Shape::rect_stroke(
            self.rect(bar),
            CornerRadius::ZERO,
            Stroke::new(line_w * 0.6, theme.card_border.gamma_multiply(0.5)),
            egui::StrokeKind::Outside,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_scale_diverges_and_saturates() {
        assert_eq!(nps_colour(0.0), NEUTRAL);
        assert_eq!(nps_colour(-50.0), DETRACTOR);
        assert_eq!(nps_colour(-100.0), DETRACTOR);
        assert_eq!(nps_colour(80.0), PROMOTER);
        let mid = nps_colour(25.0);
        assert!(mid != NEUTRAL && mid != PROMOTER);
    }

    #[test]
    fn badge_texts() {
        assert_eq!(nps_text(12.4), "+12");
        assert_eq!(nps_text(-7.6), "-8");
        assert_eq!(nps_text(0.2), "0");
    }
}
