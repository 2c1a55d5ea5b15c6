//! Textures: the font atlas and any user images the meshes refer to, mirrored from egui's
//! [`TexturesDelta`]s and sampled the way `egui-wgpu` samples them (bilinear or nearest, its
//! wrap modes), so that exported text and images look as on screen.

use std::collections::HashMap;

use egui::epaint::{ImageDelta, TextureId};
use egui::{Color32, ImageData, TextureFilter, TextureWrapMode, TexturesDelta};

use super::fixed::floor_i64;

/// One texture, stored as premultiplied sRGBA texels.
#[derive(Clone, Debug)]
pub(super) struct Texture {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) texels: Vec<[u8; 4]>,
    nearest: bool,
    wrap: TextureWrapMode,
    /// Whether sampling at `WHITE_UV` (0, 0) is known to give opaque white without a fetch.
    pub(super) white_at_origin: bool,
}

impl Texture {
    fn from_delta(delta: &ImageDelta) -> Self {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        let mut texels: Vec<[u8; 4]> = image.pixels.iter().map(Color32::to_array).collect();
        texels.resize(width * height, [0; 4]);
        let mut texture = Self {
            width,
            height,
            texels,
            nearest: false,
            wrap: TextureWrapMode::ClampToEdge,
            white_at_origin: false,
        };
        texture.set_options(delta);
        texture
    }

    fn set_options(&mut self, delta: &ImageDelta) {
        self.nearest = delta.options.magnification == TextureFilter::Nearest;
        self.wrap = delta.options.wrap_mode;
        self.white_at_origin =
            self.wrap == TextureWrapMode::ClampToEdge && self.texels.first() == Some(&[255; 4]);
    }

    /// Copies a patch into the texture at `pos`; parts outside the texture are dropped.
    fn patch(&mut self, pos: [usize; 2], delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [patch_w, patch_h] = image.size;
        let [x0, y0] = pos;
        if x0 < self.width {
            let copy_w = patch_w.min(self.width - x0);
            for row in 0..patch_h.min(self.height.saturating_sub(y0)) {
                let Some(src) = image.pixels.get(row * patch_w..row * patch_w + copy_w) else {
                    break;
                };
                let start = (y0 + row) * self.width + x0;
                for (dst, src) in self.texels[start..start + copy_w].iter_mut().zip(src) {
                    *dst = src.to_array();
                }
            }
        }
        self.set_options(delta);
    }

    /// Maps a texel coordinate into the texture according to the wrap mode.
    fn wrap_coord(&self, c: i64, size: usize) -> usize {
        let n = size as i64;
        let c = match self.wrap {
            TextureWrapMode::ClampToEdge => c.clamp(0, n - 1),
            TextureWrapMode::Repeat => c.rem_euclid(n),
            TextureWrapMode::MirroredRepeat => {
                let phase = c.rem_euclid(2 * n);
                phase.min(2 * n - 1 - phase)
            }
        };
        c as usize
    }

    /// The texel at (`x`, `y`), wrapped into the texture.
    #[inline]
    pub(super) fn texel_wrapped(&self, x: i64, y: i64) -> [u8; 4] {
        let (x, y) = (
            self.wrap_coord(x, self.width),
            self.wrap_coord(y, self.height),
        );
        self.texels[y * self.width + x]
    }

    /// Samples at texel-space coordinates (`u * width`, `v * height`), in 0..=255 units.
    #[allow(clippy::inline_always)] // per-pixel hot path: measured faster inlined
    #[inline(always)]
    pub(super) fn sample(&self, s: f32, t: f32) -> Option<[f32; 4]> {
        if self.nearest {
            let texel = self.texel_wrapped(floor_i64(s), floor_i64(t));
            return (texel != [0; 4]).then(|| texel.map(f32::from));
        }
        let (s, t) = (s - 0.5, t - 0.5);
        let (ix, iy) = (floor_i64(s), floor_i64(t));
        let (ax, ay) = (s - ix as f32, t - iy as f32);
        let (x0, x1, y0, y1) =
            if ix >= 0 && iy >= 0 && ix + 1 < self.width as i64 && iy + 1 < self.height as i64 {
                (ix as usize, ix as usize + 1, iy as usize, iy as usize + 1)
            } else {
                (
                    self.wrap_coord(ix, self.width),
                    self.wrap_coord(ix + 1, self.width),
                    self.wrap_coord(iy, self.height),
                    self.wrap_coord(iy + 1, self.height),
                )
            };
        let w = self.width;
        let taps = [
            self.texels[y0 * w + x0],
            self.texels[y0 * w + x1],
            self.texels[y1 * w + x0],
            self.texels[y1 * w + x1],
        ];
        // Transparent black everywhere (most of a glyph's box): nothing to draw.
        if taps == [[0; 4]; 4] {
            return None;
        }
        let [tl, tr, bl, br] = taps.map(|t| t.map(f32::from));
        let mut out = [0.0; 4];
        for i in 0..4 {
            let top = tl[i] + (tr[i] - tl[i]) * ax;
            let bottom = bl[i] + (br[i] - bl[i]) * ax;
            out[i] = top + (bottom - top) * ay;
        }
        Some(out)
    }
}

/// Textures the meshes refer to (at least the font atlas, `TextureId::Managed(0)`), kept up to
/// date from [`TexturesDelta`]s.
#[derive(Clone, Debug, Default)]
pub struct Textures {
    textures: HashMap<TextureId, Texture>,
    /// Frees from the last delta: egui frees textures *after* painting the frame they came with,
    /// so they are carried out at the start of the next [`Textures::apply`].
    pending_free: Vec<TextureId>,
}

impl Textures {
    /// An empty set of textures.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies a frame's texture changes and empties `delta` (egui asserts that deltas are not
    /// dropped unapplied). Call it before [`paint`](super::paint)ing that frame's primitives.
    ///
    /// Handles whole-texture sets, partial (`pos: Some`) updates of existing textures and frees.
    /// Frees take effect at the next call, as egui wants them done after painting.
    pub fn apply(&mut self, delta: &mut TexturesDelta) {
        for id in self.pending_free.drain(..) {
            self.textures.remove(&id);
        }
        for (id, deltas) in delta.set.drain() {
            for image_delta in &deltas {
                match image_delta.pos {
                    None => {
                        self.textures.insert(id, Texture::from_delta(image_delta));
                    }
                    Some(pos) => {
                        if let Some(texture) = self.textures.get_mut(&id) {
                            texture.patch(pos, image_delta);
                        }
                    }
                }
            }
        }
        self.pending_free.extend(delta.free.drain());
    }

    pub(super) fn get(&self, id: TextureId) -> Option<&Texture> {
        self.textures
            .get(&id)
            .filter(|t| t.width > 0 && t.height > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::testing::{Rng, px, textured_quad};
    use crate::export::raster::{Canvas, paint};
    use egui::epaint::{ClippedPrimitive, Mesh, Primitive};
    use egui::{Pos2, Rect, pos2, vec2};

    #[test]
    fn texture_updates_partial_and_free() {
        let id = TextureId::Managed(7);
        let image =
            |size: [usize; 2], c: Color32| egui::ColorImage::new(size, vec![c; size[0] * size[1]]);
        let mut textures = Textures::new();
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [ImageDelta::full(
                image([4, 4], Color32::RED),
                egui::TextureOptions::NEAREST,
            )]
            .into(),
        );
        textures.apply(&mut delta);
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [ImageDelta::partial(
                [2, 1],
                image([3, 2], Color32::GREEN),
                egui::TextureOptions::NEAREST,
            )]
            .into(),
        );
        delta.free.insert(id);
        textures.apply(&mut delta);
        assert!(delta.is_empty());
        let texture = textures.get(id).expect("freed too early");
        assert_eq!(texture.texels[0], Color32::RED.to_array());
        assert_eq!(texture.texels[4 + 2], Color32::GREEN.to_array());
        assert_eq!(texture.texels[2 * 4 + 3], Color32::GREEN.to_array());
        assert_eq!(texture.texels[3 * 4 + 3], Color32::RED.to_array());
        // Painting a textured quad shows the patch.
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            Rect::from_min_size(Pos2::ZERO, vec2(4.0, 4.0)),
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let primitives = vec![ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }];
        let mut canvas = Canvas::new(4, 4, Color32::BLACK);
        paint(&mut canvas, &textures, &primitives, 1.0);
        assert_eq!(px(&canvas, 0, 0), Color32::RED.to_array());
        assert_eq!(px(&canvas, 3, 1), Color32::GREEN.to_array());
        // The free happens on the next apply.
        textures.apply(&mut TexturesDelta::default());
        assert!(textures.get(id).is_none());
    }
    #[test]
    fn texture_sampling_aligned_and_bilinear() {
        let id = TextureId::User(1);
        let mut rng = Rng(7);
        let texels: Vec<Color32> = (0..8 * 8)
            .map(|_| {
                let a = rng.range(0, 256) as u8;
                let v = |rng: &mut Rng| (rng.range(0, 256) as u32 * u32::from(a) / 255) as u8;
                Color32::from_rgba_premultiplied(v(&mut rng), v(&mut rng), v(&mut rng), a)
            })
            .collect();
        let mut textures = Textures::new();
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [ImageDelta::full(
                egui::ColorImage::new([8, 8], texels.clone()),
                egui::TextureOptions::LINEAR,
            )]
            .into(),
        );
        textures.apply(&mut delta);
        let texel = |x: usize, y: usize| texels[y * 8 + x].to_array();

        // One texel per pixel, texel centres on pixel centres: an exact copy.
        let primitives = textured_quad(
            id,
            Rect::from_min_size(pos2(2.0, 3.0), vec2(8.0, 8.0)),
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
        );
        let mut canvas = Canvas::new(12, 12, Color32::TRANSPARENT);
        paint(&mut canvas, &textures, &primitives, 1.0);
        for y in 0..8 {
            for x in 0..8 {
                assert_eq!(px(&canvas, x as u32 + 2, y as u32 + 3), texel(x, y));
            }
        }

        // Shifted by half a texel: each pixel is the average of a 2×2 block (±1 for rounding).
        let primitives = textured_quad(
            id,
            Rect::from_min_size(Pos2::ZERO, vec2(7.0, 7.0)),
            Rect::from_min_max(pos2(1.0 / 16.0, 1.0 / 16.0), pos2(15.0 / 16.0, 15.0 / 16.0)),
        );
        let mut canvas = Canvas::new(7, 7, Color32::TRANSPARENT);
        paint(&mut canvas, &textures, &primitives, 1.0);
        for y in 0..7 {
            for x in 0..7 {
                let got = px(&canvas, x as u32, y as u32);
                for (c, &value) in got.iter().enumerate() {
                    let sum: u32 = [(x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1)]
                        .iter()
                        .map(|&(tx, ty)| u32::from(texel(tx, ty)[c]))
                        .sum();
                    let expected = sum as f32 / 4.0;
                    assert!(
                        (f32::from(value) - expected).abs() <= 1.0,
                        "pixel {x},{y} channel {c}: {value} vs {expected}"
                    );
                }
            }
        }
    }
}
