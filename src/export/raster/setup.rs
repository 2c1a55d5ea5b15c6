//! Triangle setup: a mesh becomes a job with its texture and pixel scissor, and each of its
//! triangles becomes fixed-point positions with positive area and a clipped bounding box.
//!
//! A triangle is set up once to bin it and again in each band that draws it (see `bands`):
//! that costs less than storing millions of set-up triangles and reading them back.

use egui::epaint::Mesh;

use super::fixed::{COORD_LIMIT, HALF, SUB, SUB_BITS, doubled_area, floor_i64};
use super::texture::Texture;

/// A mesh ready to be drawn: its texture and its scissor rectangle in pixels.
pub(super) struct MeshJob<'a> {
    pub(super) mesh: &'a Mesh,
    pub(super) texture: &'a Texture,
    /// Scissor rectangle in pixels: `[x0, y0, x1, y1)`.
    pub(super) clip: [i32; 4],
    /// Index of the mesh's first triangle among all meshes' triangles.
    pub(super) first_tri: usize,
}

impl MeshJob<'_> {
    pub(super) fn tri_count(&self) -> usize {
        self.mesh.indices.len() / 3
    }
}

/// A triangle after setup: oriented with positive area, bounding box clipped.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tri {
    /// Fixed-point pixel positions, oriented so that the signed area is positive.
    pub(super) pos: [[i32; 2]; 3],
    /// Vertex indices in the same order as `pos`.
    pub(super) idx: [u32; 3],
    /// Pixels that may be covered: `[x0, y0, x1, y1)`, within the clip and the canvas.
    pub(super) bbox: [i32; 4],
}

/// The pixel scissor rectangle `[x0, y0, x1, y1)` of a clip rectangle in points, rounded and
/// clamped like `egui-wgpu` does.
pub(super) fn scissor(clip: egui::Rect, ppp: f32, width: usize, height: usize) -> [i32; 4] {
    let round = |v: f32, max: usize| (v * ppp).round().clamp(0.0, max as f32) as i32;
    let x0 = round(clip.min.x, width);
    let y0 = round(clip.min.y, height);
    let x1 = round(clip.max.x, width).max(x0);
    let y1 = round(clip.max.y, height).max(y0);
    [x0, y0, x1, y1]
}

/// Sets up triangle `local` of a mesh job: fixed-point positions oriented with positive area
/// and the bounding box clipped to the job's scissor. `None` for a triangle that covers no
/// pixel, has no area, or has a vertex missing or too far out.
#[inline]
pub(super) fn set_up(job: &MeshJob<'_>, local: usize, ppp: f32) -> Option<Tri> {
    let scale = ppp * SUB as f32;
    let vertices = &job.mesh.vertices;
    let fixed = |i: u32| {
        let v = vertices.get(i as usize)?;
        let x = v.pos.x * scale;
        let y = v.pos.y * scale;
        (x.abs() < COORD_LIMIT && y.abs() < COORD_LIMIT)
            .then(|| [floor_i64(x + 0.5) as i32, floor_i64(y + 0.5) as i32])
    };
    let corners = job.mesh.indices.get(local * 3..local * 3 + 3)?;
    let mut idx = [corners[0], corners[1], corners[2]];
    let (a, b, c) = (fixed(idx[0])?, fixed(idx[1])?, fixed(idx[2])?);
    let mut pos = [a, b, c];
    let area = doubled_area(pos);
    if area == 0 {
        return None;
    }
    if area < 0 {
        pos.swap(1, 2);
        idx.swap(1, 2);
    }
    // Pixels whose centre can be inside: ceil((min - HALF) / SUB) ..= floor((max - HALF) / SUB).
    let half = HALF as i32;
    let min_x = a[0].min(b[0]).min(c[0]);
    let max_x = a[0].max(b[0]).max(c[0]);
    let min_y = a[1].min(b[1]).min(c[1]);
    let max_y = a[1].max(b[1]).max(c[1]);
    let bbox = [
        (-((half - min_x) >> SUB_BITS)).max(job.clip[0]),
        (-((half - min_y) >> SUB_BITS)).max(job.clip[1]),
        (((max_x - half) >> SUB_BITS) + 1).min(job.clip[2]),
        (((max_y - half) >> SUB_BITS) + 1).min(job.clip[3]),
    ];
    if bbox[0] >= bbox[2] || bbox[1] >= bbox[3] {
        return None;
    }
    Some(Tri { pos, idx, bbox })
}

#[cfg(test)]
mod tests {
    use crate::export::raster::testing::{painted_extent, px, render};
    use egui::{Color32, Rect, Shape, pos2, vec2};

    #[test]
    fn clip_rect_is_honoured() {
        let rect = Rect::from_min_max(pos2(4.0, 4.0), pos2(60.0, 60.0));
        let clip = Rect::from_min_max(pos2(20.0, 10.0), pos2(30.0, 50.0));
        let canvas = render(vec2(64.0, 64.0), 1.0, |p| {
            p.with_clip_rect(clip)
                .add(Shape::rect_filled(rect, 0.0, Color32::BLUE));
        });
        assert_eq!(painted_extent(&canvas), Some([20, 10, 29, 49]));
        assert_eq!(px(&canvas, 25, 30), Color32::BLUE.to_array());
    }
    #[test]
    fn two_pixels_per_point_doubles_the_extent() {
        let rect = Rect::from_min_max(pos2(5.0, 6.0), pos2(25.0, 16.0));
        let draw = |p: &egui::Painter| {
            p.add(Shape::rect_filled(rect, 0.0, Color32::DARK_GREEN));
        };
        let one = painted_extent(&render(vec2(40.0, 30.0), 1.0, draw));
        let two = painted_extent(&render(vec2(40.0, 30.0), 2.0, draw));
        assert_eq!(one, Some([5, 6, 24, 15]));
        assert_eq!(two, Some([10, 12, 49, 31]));
    }
}
