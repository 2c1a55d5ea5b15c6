//! Shading set-up: how a triangle's pixels get their colour. Colours and texture coordinates
//! are linear functions of the pixel centre ([`Plane`]s); the common cases (one colour, no
//! texture fetch, glyphs drawn one texel per pixel) are recognised here once per triangle so
//! that the per-pixel loops in `fill` stay simple.

use super::fixed::{SUB, doubled_area, floor_i64};
use super::setup::{MeshJob, Tri};
use super::texture::Texture;

/// A linear function of pixel-centre position, for `N` attributes.
#[derive(Clone, Copy)]
pub(super) struct Plane<const N: usize> {
    /// Values at the first vertex, at pixel position `origin`.
    base: [f32; N],
    pub(super) dx: [f32; N],
    pub(super) dy: [f32; N],
    origin: [f32; 2],
}

impl<const N: usize> Plane<N> {
    /// The plane through three vertices' values (`d1`, `d2` are the edge vectors from the first
    /// vertex, in pixels; `inv_area` the inverse of their cross product).
    pub(super) fn new(
        origin: [f32; 2],
        d1: [f32; 2],
        d2: [f32; 2],
        inv_area: f32,
        v: [[f32; N]; 3],
    ) -> Self {
        let mut dx = [0.0; N];
        let mut dy = [0.0; N];
        for i in 0..N {
            let (a1, a2) = (v[1][i] - v[0][i], v[2][i] - v[0][i]);
            dx[i] = (a1 * d2[1] - a2 * d1[1]) * inv_area;
            dy[i] = (a2 * d1[0] - a1 * d2[0]) * inv_area;
        }
        Self {
            base: v[0],
            dx,
            dy,
            origin,
        }
    }

    /// The values at the centre of pixel (`x`, `y`).
    #[inline]
    pub(super) fn at(&self, x: i64, y: i64) -> [f32; N] {
        let ox = x as f32 + 0.5 - self.origin[0];
        let oy = y as f32 + 0.5 - self.origin[1];
        let mut out = self.base;
        for ((v, dx), dy) in out.iter_mut().zip(&self.dx).zip(&self.dy) {
            *v += dx * ox + dy * oy;
        }
        out
    }
}

/// How a triangle's pixels get their colour.
pub(super) enum Shade<'a> {
    /// One premultiplied colour for the whole triangle.
    Solid([u8; 4]),
    /// Interpolated colour (already multiplied by the triangle's single texel).
    Gradient(Plane<4>),
    /// Interpolated colour times a texture sample at interpolated texel coordinates.
    Textured(Plane<4>, Plane<2>, &'a Texture),
    /// Interpolated colour times the texel at pixel position + offset: a texture drawn one texel
    /// per pixel, texel centres on pixel centres (egui's glyphs), where filtering is a no-op.
    Aligned(Plane<4>, [i64; 2], &'a Texture),
}

/// Sets up the shading of `tri`, a triangle of `job`.
pub(super) fn shade<'a>(tri: &Tri, job: &MeshJob<'a>) -> Shade<'a> {
    let v = tri.idx.map(|i| &job.mesh.vertices[i as usize]);
    let texture = job.texture;
    let uniform_uv = v[0].uv == v[1].uv && v[0].uv == v[2].uv;
    let texel = uniform_uv.then(|| {
        if texture.white_at_origin && v[0].uv == egui::epaint::WHITE_UV {
            [255.0; 4]
        } else {
            texture
                .sample(
                    v[0].uv.x * texture.width as f32,
                    v[0].uv.y * texture.height as f32,
                )
                .unwrap_or_default()
        }
    });
    let uniform_colour = v[0].color == v[1].color && v[0].color == v[2].color;
    if let (Some(texel), true) = (texel, uniform_colour) {
        let colour = v[0].color.to_array();
        return Shade::Solid(if texel.iter().all(|&c| c >= 255.0) {
            colour
        } else {
            std::array::from_fn(|i| (f32::from(colour[i]) * texel[i] * (1.0 / 255.0) + 0.5) as u8)
        });
    }

    let p = tri.pos.map(|p| p.map(|c| c as f32 / SUB as f32));
    let origin = p[0];
    let d1 = [p[1][0] - p[0][0], p[1][1] - p[0][1]];
    let d2 = [p[2][0] - p[0][0], p[2][1] - p[0][1]];
    let inv_area = ((SUB * SUB) as f64 / doubled_area(tri.pos) as f64) as f32;
    let factor = texel.map_or([1.0; 4], |t| t.map(|t| t * (1.0 / 255.0)));
    let colours = v.map(|v| {
        let c = v.color.to_array();
        std::array::from_fn(|i| f32::from(c[i]) * factor[i])
    });
    let colour = Plane::new(origin, d1, d2, inv_area, colours);
    if texel.is_some() {
        return Shade::Gradient(colour);
    }
    let (w, h) = (texture.width as f32, texture.height as f32);
    let uvs = v.map(|v| [v.uv.x * w, v.uv.y * h]);
    let uv = Plane::new(origin, d1, d2, inv_area, uvs);
    match aligned_offset(&uv, tri.bbox) {
        Some(offset) => Shade::Aligned(colour, offset, texture),
        None => Shade::Textured(colour, uv, texture),
    }
}

/// If `uv` (in texels) maps each pixel centre of `bbox` to within 1/256 texel of a texel centre,
/// one texel per pixel without rotation, the offset from pixel to texel coordinates.
fn aligned_offset(uv: &Plane<2>, bbox: [i32; 4]) -> Option<[i64; 2]> {
    let corner = [i64::from(bbox[0]), i64::from(bbox[1])];
    let texel_pos = uv.at(corner[0], corner[1]);
    let texel = texel_pos.map(floor_i64);
    let size = [(bbox[2] - bbox[0]) as f32, (bbox[3] - bbox[1]) as f32];
    let drift = (uv.dx[0] - 1.0).abs() * size[0]
        + uv.dy[0].abs() * size[1]
        + uv.dx[1].abs() * size[0]
        + (uv.dy[1] - 1.0).abs() * size[1]
        + (texel_pos[0] - 0.5 - texel[0] as f32).abs()
        + (texel_pos[1] - 0.5 - texel[1] as f32).abs();
    (drift < 1.0 / 256.0).then_some([texel[0] - corner[0], texel[1] - corner[1]])
}
