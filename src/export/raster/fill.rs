//! Filling: a triangle's covered span on each row of a band is shaded and blended over the
//! canvas, premultiplied source-over on sRGB-encoded values as egui's GPU back ends do.

use super::edge::Edges;
use super::setup::{MeshJob, Tri};
use super::shade::{Plane, Shade, shade};
use super::texture::Texture;

/// The rows `y0..y1` of the canvas that one thread owns.
pub(super) struct Band<'a> {
    pub(super) rows: &'a mut [u8],
    pub(super) width: usize,
    pub(super) y0: i64,
    pub(super) y1: i64,
}

/// Rasterises the part of `tri` that lies in `band`.
pub(super) fn draw_tri(band: &mut Band<'_>, tri: &Tri, job: &MeshJob<'_>) {
    let bbox = tri.bbox.map(i64::from);
    let mut edges = Edges::new(tri.pos, bbox[1].max(band.y0), bbox[3].min(band.y1));
    if edges.y_start >= edges.y_end {
        return;
    }
    // Shading is set up at the first covered pixel: many of egui's feathering and
    // small-circle triangles cover no pixel centre at all.
    let mut shading = None;
    let stride = band.width * 4;
    for y in edges.y_start..edges.y_end {
        let (lo, hi) = edges.span(bbox[0], bbox[2]);
        if lo > hi {
            continue;
        }
        let row = (y - band.y0) as usize * stride;
        let span = &mut band.rows[row + lo as usize * 4..row + (hi as usize + 1) * 4];
        match shading.get_or_insert_with(|| shade(tri, job)) {
            Shade::Solid(colour) => fill_solid(span, *colour),
            Shade::Gradient(plane) => fill_gradient(span, plane, lo, y),
            Shade::Textured(colour, uv, texture) => {
                fill_textured(span, colour, uv, texture, lo, y);
            }
            Shade::Aligned(colour, offset, texture) => {
                fill_aligned(span, colour, *offset, texture, lo, y);
            }
        }
    }
}

/// Blends one constant premultiplied colour over a span, in exact integer arithmetic.
fn fill_solid(span: &mut [u8], colour: [u8; 4]) {
    if colour[3] == 255 {
        for px in span.chunks_exact_mut(4) {
            px.copy_from_slice(&colour);
        }
    } else if colour != [0; 4] {
        let keep = 255 - u32::from(colour[3]);
        for px in span.chunks_exact_mut(4) {
            for (d, &s) in px.iter_mut().zip(&colour) {
                // round(d * keep / 255), exact for all 8-bit inputs.
                let t = u32::from(*d) * keep + 128;
                *d = (u32::from(s) + ((t + (t >> 8)) >> 8)).min(255) as u8;
            }
        }
    }
}

/// Steps interpolated values one pixel to the right.
#[inline]
fn step4(values: &mut [f32; 4], dx: &[f32; 4]) {
    for (v, d) in values.iter_mut().zip(dx) {
        *v += d;
    }
}

/// Blends a premultiplied colour in 0..=255 units over one pixel, rounding to nearest.
#[inline]
fn blend(px: &mut [u8], src: [f32; 4]) {
    let keep = 1.0 - src[3] * (1.0 / 255.0);
    for (d, s) in px.iter_mut().zip(src) {
        // `as u8` saturates, which also clamps rounding overshoot.
        *d = (s + f32::from(*d) * keep + 0.5) as u8;
    }
}

/// Blends an interpolated colour over a span starting at pixel (`x`, `y`).
fn fill_gradient(span: &mut [u8], plane: &Plane<4>, x: i64, y: i64) {
    let mut colour = plane.at(x, y);
    for px in span.chunks_exact_mut(4) {
        blend(px, colour);
        step4(&mut colour, &plane.dx);
    }
}

/// Blends an interpolated colour times a filtered texture sample over a span.
fn fill_textured(
    span: &mut [u8],
    colour: &Plane<4>,
    uv: &Plane<2>,
    texture: &Texture,
    x: i64,
    y: i64,
) {
    let mut c = colour.at(x, y);
    let mut st = uv.at(x, y);
    for px in span.chunks_exact_mut(4) {
        if let Some(texel) = texture.sample(st[0], st[1]) {
            blend(px, std::array::from_fn(|i| c[i] * texel[i] * (1.0 / 255.0)));
        }
        step4(&mut c, &colour.dx);
        st[0] += uv.dx[0];
        st[1] += uv.dx[1];
    }
}

/// Blends an interpolated colour times one texel per pixel over a span (see
/// [`Shade::Aligned`]).
fn fill_aligned(
    span: &mut [u8],
    colour: &Plane<4>,
    offset: [i64; 2],
    texture: &Texture,
    x: i64,
    y: i64,
) {
    let mut c = colour.at(x, y);
    let mut draw = |px: &mut [u8], texel: [u8; 4]| {
        if texel != [0; 4] {
            blend(
                px,
                std::array::from_fn(|i| c[i] * f32::from(texel[i]) * (1.0 / 255.0)),
            );
        }
        step4(&mut c, &colour.dx);
    };
    let (tx, ty) = (x + offset[0], y + offset[1]);
    let len = span.len() / 4;
    let inside =
        tx >= 0 && ty >= 0 && tx as usize + len <= texture.width && (ty as usize) < texture.height;
    if inside {
        let start = ty as usize * texture.width + tx as usize;
        for (px, &texel) in span
            .chunks_exact_mut(4)
            .zip(&texture.texels[start..start + len])
        {
            draw(px, texel);
        }
    } else {
        for (i, px) in span.chunks_exact_mut(4).enumerate() {
            draw(px, texture.texel_wrapped(tx + i as i64, ty));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::testing::{px, render};
    use egui::{Color32, Rect, Shape, pos2, vec2};

    #[test]
    fn half_transparent_rect_blends_over_white() {
        let fill = Color32::from_rgba_unmultiplied(0, 0, 255, 128);
        let canvas = render(vec2(32.0, 32.0), 1.0, |p| {
            p.add(Shape::rect_filled(
                Rect::from_min_max(pos2(4.0, 4.0), pos2(28.0, 28.0)),
                0.0,
                fill,
            ));
        });
        // Premultiplied source-over in gamma space: out = src + 255 * (1 - a/255).
        let [r, g, b, a] = fill.to_array();
        let keep = 255.0 - f32::from(a);
        let expected = [r, g, b, a].map(|c| f32::from(c) + keep);
        for y in 5..27 {
            for x in 5..27 {
                let got = px(&canvas, x, y);
                for i in 0..4 {
                    assert!(
                        (f32::from(got[i]) - expected[i]).abs() <= 1.0,
                        "pixel {x},{y}: {got:?} vs {expected:?}"
                    );
                }
            }
        }
        // Sanity: really translucent, and the diagonal shared by the fill triangles was not
        // blended twice (checked above for every interior pixel).
        assert_eq!(px(&canvas, 16, 16)[2], 255);
        assert!(px(&canvas, 16, 16)[0] > 100 && px(&canvas, 16, 16)[0] < 150);
    }
    #[test]
    fn blending_is_premultiplied_source_over_rounded_to_nearest() {
        for a in 0..=255_u8 {
            for c in [0, a / 3, a] {
                let src = [c, a / 2, 0, a];
                let mut solid: Vec<u8> = (0..=255).flat_map(|d| [d, d, 255 - d, d]).collect();
                let mut float = solid.clone();
                let expected: Vec<u8> = solid
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| {
                        let s = f64::from(src[i % 4]);
                        (s + f64::from(d) * (255.0 - f64::from(a)) / 255.0).round() as u8
                    })
                    .collect();
                fill_solid(&mut solid, src);
                for px in float.chunks_exact_mut(4) {
                    blend(px, src.map(f32::from));
                }
                assert_eq!(solid, expected, "integer path, src {src:?}");
                assert_eq!(float, expected, "float path, src {src:?}");
            }
        }
    }
}
