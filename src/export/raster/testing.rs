//! Helpers shared by the stages' unit tests: egui passes tessellated and painted on a canvas,
//! pixel probes, and a small deterministic random generator.

use super::{Canvas, Textures, paint};
use egui::epaint::{ClippedPrimitive, Mesh, Primitive, TextureId};
use egui::{Color32, Pos2, Rect};

/// The background of [`render`]ed canvases.
pub(super) const BG: Color32 = Color32::WHITE;

/// The pixel at (`x`, `y`).
pub(super) fn px(canvas: &Canvas, x: u32, y: u32) -> [u8; 4] {
    let i = (y as usize * canvas.width as usize + x as usize) * 4;
    [
        canvas.pixels[i],
        canvas.pixels[i + 1],
        canvas.pixels[i + 2],
        canvas.pixels[i + 3],
    ]
}

/// Runs one egui pass of a `size_pts` screen at `ppp`, painting with `draw`, and returns the
/// tessellated primitives with the textures they need.
pub(super) fn frame(
    size_pts: egui::Vec2,
    ppp: f32,
    mut draw: impl FnMut(&egui::Painter),
) -> (Vec<ClippedPrimitive>, Textures) {
    let ctx = egui::Context::default();
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size_pts)),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(ppp);
    let mut output = ctx.run_pass(input, |ctx| {
        let painter = ctx.layer_painter(egui::LayerId::background());
        draw(&painter);
    });
    assert!((output.pixels_per_point - ppp).abs() < 1e-6);
    let mut textures = Textures::new();
    textures.apply(&mut output.textures_delta);
    let shapes = std::mem::take(&mut output.shapes);
    (ctx.tessellate(shapes, ppp), textures)
}

/// A canvas of `size_pts` at `ppp` on [`BG`], painted with `draw`.
pub(super) fn render(size_pts: egui::Vec2, ppp: f32, draw: impl Fn(&egui::Painter)) -> Canvas {
    let (primitives, textures) = frame(size_pts, ppp, draw);
    let mut canvas = Canvas::new(
        (size_pts.x * ppp).round() as u32,
        (size_pts.y * ppp).round() as u32,
        BG,
    );
    paint(&mut canvas, &textures, &primitives, ppp);
    canvas
}

/// The bounding box `[x0, y0, x1, y1]` (inclusive) of pixels that differ from `BG`.
pub(super) fn painted_extent(canvas: &Canvas) -> Option<[u32; 4]> {
    let mut extent: Option<[u32; 4]> = None;
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            if px(canvas, x, y) != BG.to_array() {
                let e = extent.get_or_insert([x, y, x, y]);
                *e = [e[0].min(x), e[1].min(y), e[2].max(x), e[3].max(y)];
            }
        }
    }
    extent
}

/// A tiny deterministic generator (xorshift), so the tests need no extra crate.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }
}

/// A mesh drawing `texture` on the rectangle `rect` (points) with texture coordinates `uv`.
pub(super) fn textured_quad(id: TextureId, rect: Rect, uv: Rect) -> Vec<ClippedPrimitive> {
    let mut mesh = Mesh::with_texture(id);
    mesh.add_rect_with_uv(rect, uv, Color32::WHITE);
    vec![ClippedPrimitive {
        clip_rect: Rect::EVERYTHING,
        primitive: Primitive::Mesh(mesh),
    }]
}
