//! CPU rasteriser for tessellated egui output.
//!
//! PNG export and the `egui_kittest` snapshot tests must work on machines with no GPU and no
//! display, so this module draws the [`ClippedPrimitive`]s that [`egui::Context::tessellate`]
//! produces straight into an RGBA8 buffer in memory.
//!
//! It reproduces what egui's own GPU back ends (`egui-wgpu` with a gamma framebuffer, the
//! preferred setup, and `egui_glow`) do, so that exports look like the screen:
//!
//! * vertex positions are in points and are scaled by `pixels_per_point`; each primitive's
//!   `clip_rect` becomes a pixel scissor rectangle rounded the way `egui-wgpu` rounds it;
//! * pixels are sampled once, at their centres, with the GPU's top-left fill rule, so two
//!   triangles sharing an edge never cover a pixel twice. Anti-aliasing comes from egui's
//!   feathering (thin triangles whose alpha fades to zero), so no multisampling is needed;
//! * colours are interpolated across each triangle (barycentric), multiplied by the texel
//!   (bilinear, or nearest for textures that ask for it; wrap modes as in `egui-wgpu`'s
//!   "predictable texture filtering"), and blended premultiplied "source-over",
//!   `out = src + dst * (1 - src.a)`, on sRGB-encoded values, as egui does (no linearisation);
//! * triangles whose texture coordinates all sit on one texel (egui's `WHITE_UV` for solid
//!   fills) skip the per-pixel texture fetch, and constant-coloured ones are filled with integer
//!   arithmetic, with a plain copy when opaque. Glyph quads drawn one texel per pixel with texel
//!   centres on pixel centres (as egui lays text out) read one texel instead of four, since
//!   bilinear filtering is then a no-op.
//!
//! Checked against `egui-wgpu` 0.37 on a software Vulkan device (lavapipe, via `egui_kittest`'s
//! renderer) on a scene of translucent rounded rects, strokes, lines, circles and text at 1, 1.5
//! and 2 pixels per point: 95–98 % of pixels identical, the others 1 level apart on feathered
//! edges, and at most 3 levels apart anywhere.
//!
//! Speed: phase one sets the triangles up in fixed point (8 sub-pixel bits, as GPUs) and bins
//! their indices into horizontal bands of rows, each thread taking a contiguous share of the
//! triangles. In phase two the worker threads (`std::thread::scope`, one per core) take bands
//! one at a time; a band owns its rows exclusively, sets its triangles up again and draws them
//! in primitive order, so the blending order is exactly the painter's. A triangle's span on each
//! row comes from its edge functions, stepped from row to row in exact integer arithmetic (no
//! division per row).
//!
//! Limits: `Primitive::Callback`s are ignored; meshes whose texture is unknown are skipped (as
//! `egui-wgpu` does); triangles with a vertex further than 2²¹ pixels from the origin are
//! skipped.
//!
//! Why hand-written: no crate rasterises egui meshes for egui 0.37 (egui's own back ends all
//! need a GPU), so the rasteriser is our own, and its output is the same on every machine.
//!
//! One submodule per stage: `texture` (the textures the meshes sample), `bands` (the work split
//! into bands of rows and shared among the threads), `setup` (triangles in fixed point, clipped;
//! the arithmetic is in `fixed`), `edge` (which pixels of a row a triangle covers), `shade` (how
//! those pixels get their colour) and `fill` (blending the spans onto the canvas).

mod bands;
mod edge;
mod fill;
mod fixed;
mod setup;
mod shade;
#[cfg(test)]
mod testing;
mod texture;

use std::num::NonZeroUsize;

use egui::Color32;
use egui::epaint::ClippedPrimitive;

pub use texture::Textures;

/// A CPU render target: premultiplied-alpha RGBA8, row-major, `width * height * 4` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canvas {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Premultiplied sRGBA bytes, row by row from the top, `width * height * 4` of them.
    pub pixels: Vec<u8>,
}

impl Canvas {
    /// A canvas of `width` × `height` pixels filled with `background` (premultiplied, as every
    /// [`Color32`] is; use [`Color32::TRANSPARENT`] for a see-through image).
    #[must_use]
    pub fn new(width: u32, height: u32, background: Color32) -> Self {
        let len = width as usize * height as usize;
        Self {
            width,
            height,
            pixels: background.to_array().repeat(len),
        }
    }

    /// Converts premultiplied to straight alpha for PNG encoding.
    ///
    /// A `pixels` buffer of the wrong length (the fields are public) is cut or padded with
    /// transparent pixels to `width * height * 4` bytes.
    #[must_use]
    pub fn into_rgba_image(self) -> image::RgbaImage {
        let Self {
            width,
            height,
            mut pixels,
        } = self;
        pixels.resize(width as usize * height as usize * 4, 0);
        for px in pixels.chunks_exact_mut(4) {
            // Opaque pixels (nearly all of a slide on a white page) are the same either way.
            if px[3] != 255 {
                let straight = Color32::from_rgba_premultiplied(px[0], px[1], px[2], px[3])
                    .to_srgba_unmultiplied();
                px.copy_from_slice(&straight);
            }
        }
        image::RgbaImage::from_raw(width, height, pixels)
            .unwrap_or_else(|| image::RgbaImage::new(width, height))
    }
}

/// Draws clipped primitives (as from [`egui::Context::tessellate`]) at `pixels_per_point` over
/// what is already on the canvas.
///
/// Uses every core the machine offers. A canvas whose `pixels` has the wrong length is first
/// cut or padded with transparent pixels to `width * height * 4` bytes.
pub fn paint(
    canvas: &mut Canvas,
    textures: &Textures,
    primitives: &[ClippedPrimitive],
    pixels_per_point: f32,
) {
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    bands::paint_with_threads(canvas, textures, primitives, pixels_per_point, threads);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::testing::{BG, frame, px, render};
    use egui::epaint::Stroke;
    use egui::{Align2, FontId, Rect, Shape, pos2, vec2};

    #[test]
    fn solid_rect_interior_exact_and_outside_untouched() {
        let rect = Rect::from_min_max(pos2(10.0, 20.0), pos2(50.0, 40.0));
        let canvas = render(vec2(64.0, 64.0), 1.0, |p| {
            p.add(Shape::rect_filled(rect, 0.0, Color32::RED));
        });
        for y in 0..64 {
            for x in 0..64 {
                let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
                if rect.shrink(1.0).contains(pos2(fx, fy)) {
                    assert_eq!(px(&canvas, x, y), [255, 0, 0, 255], "inside at {x},{y}");
                } else if !rect.expand(1.0).contains(pos2(fx, fy)) {
                    assert_eq!(px(&canvas, x, y), [255; 4], "outside at {x},{y}");
                }
            }
        }
    }
    #[test]
    fn text_is_drawn_inside_its_bounding_box() {
        let mut text_rect = Rect::NOTHING;
        let (primitives, textures) = frame(vec2(200.0, 60.0), 1.0, |p| {
            text_rect = p.text(
                pos2(20.0, 20.0),
                Align2::LEFT_TOP,
                "Kaidan journey",
                FontId::proportional(16.0),
                Color32::BLACK,
            );
        });
        assert!(text_rect.width() > 50.0 && text_rect.height() > 10.0);

        let mut canvas = Canvas::new(200, 60, BG);
        paint(&mut canvas, &textures, &primitives, 1.0);
        let mut dark_inside = 0;
        for y in 0..60 {
            for x in 0..200 {
                let p = px(&canvas, x, y);
                let centre = pos2(x as f32 + 0.5, y as f32 + 0.5);
                if p[0] < 100 {
                    assert!(
                        text_rect.expand(2.0).contains(centre),
                        "dark pixel far outside the text at {x},{y}"
                    );
                    dark_inside += 1;
                }
                if !text_rect.expand(2.0).contains(centre) {
                    assert_eq!(p, [255; 4], "untouched pixel at {x},{y}");
                }
            }
        }
        assert!(dark_inside > 100, "only {dark_inside} dark pixels");
    }
    #[test]
    fn diagonal_edges_are_anti_aliased() {
        let canvas = render(vec2(64.0, 64.0), 1.0, |p| {
            p.add(Shape::convex_polygon(
                vec![pos2(4.0, 4.0), pos2(60.0, 4.0), pos2(4.0, 60.0)],
                Color32::BLACK,
                Stroke::NONE,
            ));
        });
        // Inside, well away from the diagonal x + y = 64: solid black.
        assert_eq!(px(&canvas, 10, 10), [0, 0, 0, 255]);
        // Beyond it: background.
        assert_eq!(px(&canvas, 40, 40), [255; 4]);
        // On the diagonal, the feathering gives partial coverage.
        let mut partial = 0;
        for x in 10..50 {
            let y = 63 - x; // centre (x + .5, y + .5) lies on x + y = 64
            let p = px(&canvas, x, y);
            assert!(p[0] > 0 && p[0] < 255, "pixel {x},{y} on the edge is {p:?}");
            assert_eq!(p[3], 255);
            partial += 1;
        }
        assert_eq!(partial, 40);
    }
    #[test]
    fn straight_alpha_image() {
        let mut canvas = Canvas::new(2, 1, Color32::TRANSPARENT);
        canvas.pixels[..4].copy_from_slice(&[64, 0, 0, 128]);
        let image = canvas.into_rgba_image();
        assert_eq!(image.get_pixel(0, 0).0, [128, 0, 0, 128]);
        assert_eq!(image.get_pixel(1, 0).0, [0, 0, 0, 0]);
    }
}
