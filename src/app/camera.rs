//! The canvas camera: pan and zoom from diagram units to screen points. View state only.

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Vec2};

/// Smallest and largest zoom.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.05..=4.0;

/// Where the diagram is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Screen position of diagram point (0, 0).
    pub pan: Vec2,
    /// Screen points per diagram unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            pan: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// Diagram → screen.
    #[must_use]
    pub fn to_screen(&self) -> TSTransform {
        TSTransform::new(self.pan, self.zoom)
    }

    /// Screen → diagram.
    #[must_use]
    pub fn to_diagram(&self, p: Pos2) -> Pos2 {
        self.to_screen().inverse() * p
    }

    /// Zooms by `factor`, keeping the diagram point under `anchor` (screen) in place.
    pub fn zoom_at(&mut self, anchor: Pos2, factor: f32) {
        let before = self.to_diagram(anchor);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        self.pan = anchor.to_vec2() - before.to_vec2() * self.zoom;
    }

    /// Shows all of `content` (diagram units) centred in `viewport` (screen), never
    /// enlarging past 1.5×.
    pub fn fit(&mut self, content: Rect, viewport: Rect) {
        if !content.is_positive() || !viewport.is_positive() {
            return;
        }
        let margin = 16.0;
        let avail = viewport.shrink(margin);
        let zoom = (avail.width() / content.width())
            .min(avail.height() / content.height())
            .clamp(*ZOOM_RANGE.start(), 1.5);
        self.zoom = zoom;
        self.pan = viewport.center().to_vec2() - content.center().to_vec2() * zoom;
    }

    /// Pans so that diagram point `p` is at the centre of `viewport`.
    pub fn centre_on(&mut self, p: Pos2, viewport: Rect) {
        self.pan = viewport.center().to_vec2() - p.to_vec2() * self.zoom;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn zoom_keeps_the_anchor_still() {
        let mut c = Camera::default();
        let anchor = pos2(300.0, 200.0);
        let before = c.to_diagram(anchor);
        c.zoom_at(anchor, 1.7);
        assert!((c.to_diagram(anchor) - before).length() < 1e-3);
        assert!((c.zoom - 1.7).abs() < 1e-6);
    }

    #[test]
    fn fit_puts_content_inside_viewport() {
        let mut c = Camera::default();
        let content = Rect::from_min_max(pos2(0.0, 0.0), pos2(4000.0, 1000.0));
        let viewport = Rect::from_min_max(pos2(0.0, 0.0), pos2(800.0, 600.0));
        c.fit(content, viewport);
        let on_screen = c.to_screen() * content;
        assert!(viewport.contains_rect(on_screen), "{on_screen:?}");
        assert!((on_screen.center() - viewport.center()).length() < 1e-2);
    }
}
