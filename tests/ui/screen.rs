//! Where things are on screen, and what the last frame painted or asked of the window.

use crate::common::App;
use egui::{Pos2, Rect, Shape, ViewportCommand, ViewportId, pos2};
use kaidan::layout::Metrics;
use kaidan::model::{LevelId, StepId};

pub fn card_rect(h: &App, id: StepId) -> Rect {
    h.state()
        .card_screen_rect(id)
        .unwrap_or_else(|| panic!("card of {id} is laid out"))
}

pub fn card_centre(h: &App, id: StepId) -> Pos2 {
    card_rect(h, id).center()
}

/// The connect handle: the middle of the card's right edge (canvas.rs `handle_pos`).
pub fn handle(h: &App, id: StepId) -> Pos2 {
    let r = card_rect(h, id);
    pos2(r.right(), r.center().y)
}

/// Diagram y of the middle of a level's band.
fn band_middle(h: &App, level: LevelId) -> f32 {
    let scene = h.state().document().scene();
    let band = scene.levels.iter().find(|b| b.id == level);
    band.expect("level has a band").rect.center().y
}

/// Screen y of the middle of a level's band.
pub fn band_centre_y(h: &App, level: LevelId) -> f32 {
    h.state().to_screen(pos2(0.0, band_middle(h, level))).y
}

/// Screen point at time `t` in the middle of `level`'s band.
pub fn screen_at(h: &App, t: f64, level: LevelId) -> Pos2 {
    let x = h.state().document().scene().x_of(t);
    h.state().to_screen(pos2(x, band_middle(h, level)))
}

/// Screen points per unit of time at the current zoom.
pub fn screen_per_t(h: &App) -> f32 {
    Metrics::SCREEN.unit_t * h.state().view().camera.zoom
}

#[track_caller]
pub fn assert_on_canvas(h: &App, p: Pos2) {
    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    assert!(
        canvas.contains(p),
        "set-up: {p:?} is on the canvas {canvas:?}"
    );
}

#[track_caller]
pub fn assert_near(a: Pos2, b: Pos2, tolerance: f32, what: &str) {
    assert!(
        (a - b).length() <= tolerance,
        "{what}: {a:?} vs {b:?} (tolerance {tolerance})"
    );
}

/// Every text painted in the last frame (painted text is not in the accessibility tree).
pub fn painted_texts(h: &App) -> Vec<String> {
    fn collect(shape: &Shape, out: &mut Vec<String>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            Shape::Text(text) => out.push(text.galley.text().to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// The commands the app sent to its window in the last frame.
pub fn viewport_commands(h: &App) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}
