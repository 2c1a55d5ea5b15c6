//! Coverage: which pixels of a row a triangle covers, from its three edge functions stepped
//! from row to row in exact integer arithmetic (no division per row), with the GPU's top-left
//! rule so that triangles sharing an edge never both cover a pixel centre on it.

use super::fixed::{HALF, SUB, div_floor};

/// One sloped edge's bound on the pixels of a row, stepped exactly from row to row.
///
/// The bound is `q = ⌊K / n⌋`, kept with its remainder `r = K mod n`; stepping a row adds the
/// constant `dq·n + dr` to `K`.
#[derive(Clone, Copy)]
struct Edge {
    q: i64,
    r: i64,
    n: i64,
    dq: i64,
    dr: i64,
}

impl Edge {
    /// An edge whose bound stays at `q` on every row (fills an unused slot).
    const fn fixed(q: i64) -> Self {
        Self {
            q,
            r: 0,
            n: 1,
            dq: 0,
            dr: 0,
        }
    }

    fn new(k: i64, n: i64, step: i64) -> Self {
        let (q, r) = div_floor(k, n);
        // Steep edges move less than a pixel per row: no division needed.
        let (dq, dr) = if (0..n).contains(&step) {
            (0, step)
        } else if (-n..0).contains(&step) {
            (-1, step + n)
        } else {
            div_floor(step, n)
        };
        Self { q, r, n, dq, dr }
    }

    /// Moves to the next row, without branches (the carry is unpredictable).
    #[inline]
    fn step(&mut self) {
        self.r += self.dr;
        let carry = -i64::from(self.r >= self.n);
        self.r -= self.n & carry;
        self.q += self.dq - carry;
    }
}

/// A bound far outside any canvas, for unused edge slots.
const UNBOUNDED: i64 = i64::MAX / 4;

/// The edges of a triangle, ready to walk rows `y_start..y_end`: pixel `x` of the current row is
/// covered when `-left.q <= x <= right.q` for both left and both right slots.
pub(super) struct Edges {
    left: [Edge; 2],
    right: [Edge; 2],
    pub(super) y_start: i64,
    pub(super) y_end: i64,
}

impl Edges {
    /// Sets up the edges for rows `y_start..y_end`, narrowing that range for horizontal edges.
    ///
    /// Edge `a → b` has the function `E(p) = (a.y - b.y)·(p.x - a.x) + (b.x - a.x)·(p.y - a.y)`,
    /// positive inside. Pixel centres exactly on an edge belong to it only if it is a top or a
    /// left edge (the GPU's top-left rule), so shared edges are drawn exactly once.
    pub(super) fn new(pos: [[i32; 2]; 3], y_start: i64, mut y_end: i64) -> Self {
        // Per edge: `ea`, the change of E per row, and E at the centre of pixel (0, y_start)
        // without the x term.
        let coefficients = std::array::from_fn::<_, 3, _>(|i| {
            let (a, b) = (pos[i].map(i64::from), pos[(i + 1) % 3].map(i64::from));
            let ea = a[1] - b[1];
            let eb = b[0] - a[0];
            let bias = if ea > 0 || (ea == 0 && eb > 0) { 0 } else { -1 };
            let k = ea * (HALF - a[0]) + eb * (y_start * SUB + HALF - a[1]) + bias;
            (ea, eb * SUB, k)
        });
        // Horizontal edges only limit the rows.
        let mut skip = 0;
        for &(ea, step, k) in &coefficients {
            if ea == 0 && step > 0 {
                // Inside below: `k + step·d >= 0` for rows `d >= -⌊k / step⌋`.
                skip = skip.max(-div_floor(k, step).0);
            } else if ea == 0 && step < 0 {
                // Inside above: rows `d <= ⌊k / -step⌋`.
                y_end = y_end.min(y_start + div_floor(k, -step).0 + 1);
            }
        }
        let mut left = [Edge::fixed(UNBOUNDED); 2];
        let mut right = [Edge::fixed(UNBOUNDED); 2];
        let (mut n_left, mut n_right) = (0, 0);
        for (ea, step, k) in coefficients {
            let k = k + step * skip;
            if ea > 0 {
                // `ea·SUB·x + k >= 0`  ⇔  `x >= -⌊k / (ea·SUB)⌋`
                if let Some(slot) = left.get_mut(n_left) {
                    *slot = Edge::new(k, ea * SUB, step);
                    n_left += 1;
                }
            } else if ea < 0 {
                // `k - |ea|·SUB·x >= 0`  ⇔  `x <= ⌊k / (|ea|·SUB)⌋`
                if let Some(slot) = right.get_mut(n_right) {
                    *slot = Edge::new(k, -ea * SUB, step);
                    n_right += 1;
                }
            }
        }
        Self {
            left,
            right,
            y_start: y_start + skip,
            y_end,
        }
    }

    /// The covered pixels `lo..=hi` of the current row, within `[x0, x1)`, then steps a row.
    #[inline]
    pub(super) fn span(&mut self, x0: i64, x1: i64) -> (i64, i64) {
        let [l0, l1] = &mut self.left;
        let [r0, r1] = &mut self.right;
        let lo = x0.max(-l0.q).max(-l1.q);
        let hi = (x1 - 1).min(r0.q).min(r1.q);
        l0.step();
        l1.step();
        r0.step();
        r1.step();
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::Canvas;
    use crate::export::raster::bands::paint_with_threads;
    use crate::export::raster::fixed::doubled_area;
    use crate::export::raster::testing::{Rng, frame, px};
    use egui::epaint::{ClippedPrimitive, Mesh, Primitive, Vertex};
    use egui::{Color32, Rect, TexturesDelta, pos2, vec2};

    /// Coverage of one triangle by direct evaluation of the edge functions at every pixel centre.
    fn brute_force_covered(pos: [[i32; 2]; 3], col: i64, row: i64) -> bool {
        (0..3).all(|i| {
            let (from, to) = (pos[i].map(i64::from), pos[(i + 1) % 3].map(i64::from));
            let (ea, eb) = (from[1] - to[1], to[0] - from[0]);
            let centre = [col * SUB + HALF, row * SUB + HALF];
            let e = ea * (centre[0] - from[0]) + eb * (centre[1] - from[1]);
            e > 0 || (e == 0 && (ea > 0 || (ea == 0 && eb > 0)))
        })
    }
    #[test]
    fn edge_walk_matches_brute_force_coverage() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for case in 0..3000 {
            // Small triangles, thin slivers, vertices on pixel centres, and far-away vertices.
            let spread = [8 * SUB, 40 * SUB, 3 * SUB, 1 << 28][case % 4];
            let centre = [rng.range(0, 32 * SUB), rng.range(0, 32 * SUB)];
            let mut pos = [[0; 2]; 3];
            for p in &mut pos {
                for (c, centre) in p.iter_mut().zip(centre) {
                    let mut v = centre + rng.range(-spread, spread);
                    if case % 7 == 0 {
                        v = (v & !(SUB - 1)) + HALF; // exactly on pixel centres
                    }
                    *c = v as i32;
                }
            }
            if doubled_area(pos) < 0 {
                pos.swap(1, 2);
            }
            if doubled_area(pos) == 0 {
                continue;
            }
            let (x0, x1, y0, y1) = (-2, 34, -2, 34);
            let mut edges = Edges::new(pos, y0, y1);
            for y in y0..y1 {
                let walked = if (edges.y_start..edges.y_end).contains(&y) {
                    edges.span(x0, x1)
                } else {
                    (x1, x0 - 1)
                };
                for x in x0..x1 {
                    let covered = (walked.0..=walked.1).contains(&x);
                    assert_eq!(
                        covered,
                        brute_force_covered(pos, x, y),
                        "triangle {pos:?}, pixel {x},{y}"
                    );
                }
            }
        }
    }

    #[test]
    fn shared_edges_cover_every_pixel_exactly_once() {
        // Additive colour (alpha 0): every pixel's red byte counts how often it was drawn.
        let one = Color32::from_rgba_premultiplied(1, 0, 0, 0);
        let mut rng = Rng(42);
        for jitter in [false, true] {
            let mut mesh = Mesh::default();
            let n = 9;
            for j in 0..=n {
                for i in 0..=n {
                    // Grid corners on pixel centres (x.5), optionally jittered by sub-pixel amounts.
                    let mut p = pos2(4.5 + 6.0 * i as f32, 4.5 + 6.0 * j as f32);
                    if jitter && i > 0 && j > 0 && i < n && j < n {
                        p += vec2(rng.range(-300, 300) as f32, rng.range(-300, 300) as f32) / 128.0;
                    }
                    mesh.vertices.push(Vertex {
                        pos: p,
                        uv: egui::epaint::WHITE_UV,
                        color: one,
                    });
                }
            }
            for j in 0..n {
                for i in 0..n {
                    let v = j * (n + 1) + i;
                    // Alternate the diagonal and the winding.
                    if (i + j) % 2 == 0 {
                        mesh.add_triangle(v, v + 1, v + n + 2);
                        mesh.add_triangle(v + n + 2, v + n + 1, v);
                    } else {
                        mesh.add_triangle(v, v + n + 1, v + 1);
                        mesh.add_triangle(v + 1, v + n + 1, v + n + 2);
                    }
                }
            }
            let (primitives, mut textures) = frame(vec2(64.0, 64.0), 1.0, |_| {});
            textures.apply(&mut TexturesDelta::default());
            drop(primitives);
            let primitives = vec![ClippedPrimitive {
                clip_rect: Rect::EVERYTHING,
                primitive: Primitive::Mesh(mesh),
            }];
            for threads in [1, 2] {
                let mut canvas = Canvas::new(64, 64, Color32::TRANSPARENT);
                paint_with_threads(&mut canvas, &textures, &primitives, 1.0, threads);
                for y in 0..64 {
                    for x in 0..64 {
                        // Centres on the left and top border are in, on the right and bottom out.
                        let inside = (4..58).contains(&x) && (4..58).contains(&y);
                        let expected = u8::from(inside);
                        assert_eq!(
                            px(&canvas, x, y),
                            [expected, 0, 0, 0],
                            "pixel {x},{y} (jitter {jitter}, {threads} threads)"
                        );
                    }
                }
            }
        }
    }
}
