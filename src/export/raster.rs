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
//! in primitive order, so the blending order is exactly the painter's. A triangle's span on each row comes from its edge
//! functions, stepped from row to row in exact integer arithmetic (no division per row).
//!
//! Limits: `Primitive::Callback`s are ignored; meshes whose texture is unknown are skipped (as
//! `egui-wgpu` does); triangles with a vertex further than 2²¹ pixels from the origin are
//! skipped.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use egui::epaint::{ClippedPrimitive, ImageDelta, Mesh, Primitive, TextureId};
use egui::{Color32, ImageData, TextureFilter, TextureWrapMode, TexturesDelta};

/// Sub-pixel precision of vertex positions, in bits (as on most GPUs).
const SUB_BITS: u32 = 8;
/// One pixel in fixed point.
const SUB: i64 = 1 << SUB_BITS;
/// Half a pixel in fixed point: pixel centres sit at `x * SUB + HALF`.
const HALF: i64 = SUB / 2;
/// Vertices must lie within this many fixed-point units of the origin (2²¹ pixels), which keeps
/// every edge-function product well inside `i64`.
const COORD_LIMIT: f32 = (1_i64 << (21 + SUB_BITS)) as f32;

/// `⌊x⌋` without a libm call (the baseline x86-64 target has no rounding instruction).
/// Saturates for huge values; NaN gives 0.
#[inline]
fn floor_i64(x: f32) -> i64 {
    let t = x as i64;
    t - i64::from((t as f32) > x)
}

/// `(⌊k / n⌋, k mod n)` for `n > 0`, exactly, for `|k| < 2⁶²`.
///
/// Estimates the quotient with a floating-point division, much faster than `i64` division on
/// common CPUs, then corrects it: the estimate is off by a few units at most.
#[inline]
fn div_floor(k: i64, n: i64) -> (i64, i64) {
    let mut q = (k as f64 / n as f64) as i64;
    let mut r = k - q * n;
    while r < 0 {
        q -= 1;
        r += n;
    }
    while r >= n {
        q += 1;
        r -= n;
    }
    (q, r)
}

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

/// One texture, stored as premultiplied sRGBA texels.
#[derive(Clone, Debug)]
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[u8; 4]>,
    nearest: bool,
    wrap: TextureWrapMode,
    /// Whether sampling at `WHITE_UV` (0, 0) is known to give opaque white without a fetch.
    white_at_origin: bool,
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
    fn texel_wrapped(&self, x: i64, y: i64) -> [u8; 4] {
        let (x, y) = (
            self.wrap_coord(x, self.width),
            self.wrap_coord(y, self.height),
        );
        self.texels[y * self.width + x]
    }

    /// Samples at texel-space coordinates (`u * width`, `v * height`), in 0..=255 units.
    #[allow(clippy::inline_always)] // per-pixel hot path: measured faster inlined
    #[inline(always)]
    fn sample(&self, s: f32, t: f32) -> Option<[f32; 4]> {
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
    /// dropped unapplied). Call it before [`paint`]ing that frame's primitives.
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

    fn get(&self, id: TextureId) -> Option<&Texture> {
        self.textures
            .get(&id)
            .filter(|t| t.width > 0 && t.height > 0)
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
    paint_with_threads(canvas, textures, primitives, pixels_per_point, threads);
}

/// A mesh ready to be drawn: its texture and its scissor rectangle in pixels.
struct MeshJob<'a> {
    mesh: &'a Mesh,
    texture: &'a Texture,
    /// Scissor rectangle in pixels: `[x0, y0, x1, y1)`.
    clip: [i32; 4],
    /// Index of the mesh's first triangle among all meshes' triangles.
    first_tri: usize,
}

impl MeshJob<'_> {
    fn tri_count(&self) -> usize {
        self.mesh.indices.len() / 3
    }
}

/// A triangle after setup: oriented with positive area, bounding box clipped.
#[derive(Clone, Copy, Debug)]
struct Tri {
    /// Fixed-point pixel positions, oriented so that the signed area is positive.
    pos: [[i32; 2]; 3],
    /// Vertex indices in the same order as `pos`.
    idx: [u32; 3],
    /// Pixels that may be covered: `[x0, y0, x1, y1)`, within the clip and the canvas.
    bbox: [i32; 4],
}

/// For each band, the global indices (see [`MeshJob::first_tri`]) of the triangles of one
/// setup thread's share that touch it, in order. Only indices are kept, 4 bytes a triangle
/// instead of a set-up [`Tri`]'s 56: drawing sets a triangle up again from its mesh, which
/// costs less than writing and reading back the memory (millions of triangles for a
/// 20,000-step journey).
struct Binned {
    bins: Vec<Vec<u32>>,
}

/// [`paint`] with an explicit number of worker threads.
fn paint_with_threads(
    canvas: &mut Canvas,
    textures: &Textures,
    primitives: &[ClippedPrimitive],
    pixels_per_point: f32,
    threads: usize,
) {
    let (width, height) = (canvas.width as usize, canvas.height as usize);
    canvas.pixels.resize(width * height * 4, 0);
    if width == 0 || height == 0 || !(pixels_per_point.is_finite() && pixels_per_point > 0.0) {
        return;
    }

    let mut jobs = Vec::new();
    let mut total_tris = 0;
    for clipped in primitives {
        let Primitive::Mesh(mesh) = &clipped.primitive else {
            continue;
        };
        let Some(texture) = textures.get(mesh.texture_id) else {
            continue;
        };
        let clip = scissor(clipped.clip_rect, pixels_per_point, width, height);
        if clip[0] >= clip[2] || clip[1] >= clip[3] || mesh.indices.len() < 3 {
            continue;
        }
        let job = MeshJob {
            mesh,
            texture,
            clip,
            first_tri: total_tris,
        };
        total_tris += job.tri_count();
        jobs.push(job);
    }
    if jobs.is_empty() {
        return;
    }

    // Small jobs are not worth a thread.
    let threads = if total_tris < 256 && width * height < 1 << 18 {
        1
    } else {
        threads.clamp(1, 16)
    };
    let band_shift = band_shift(height, threads);
    let band_h = 1 << band_shift;
    let n_bands = height.div_ceil(band_h);

    // Phase 1: set up and bin the triangles, each thread taking a contiguous share of them.
    let setup = |c: usize| {
        let range = total_tris * c / threads..total_tris * (c + 1) / threads;
        setup_range(&jobs, range, pixels_per_point, band_shift, n_bands)
    };
    let binned: Vec<Binned> = if threads == 1 {
        vec![setup(0)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..threads).map(|c| s.spawn(move || setup(c))).collect();
            let first = setup(0);
            std::iter::once(first)
                .chain(
                    handles
                        .into_iter()
                        .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
                )
                .collect()
        })
    };

    // Phase 2: rasterise, each thread taking the next free band of rows.
    let band_bytes = band_h * width * 4;
    let draw_band = |band: usize, rows: &mut [u8]| {
        let y0 = (band * band_h) as i64;
        let y1 = y0 + (rows.len() / (width * 4)) as i64;
        let mut target = Band {
            rows,
            width,
            y0,
            y1,
        };
        // Indices only grow along a band's bins (shares are in order), so the job of each
        // is found by walking forward.
        let mut job_index = 0;
        for chunk in &binned {
            for &i in &chunk.bins[band] {
                let i = i as usize;
                while jobs[job_index].first_tri + jobs[job_index].tri_count() <= i {
                    job_index += 1;
                }
                let job = &jobs[job_index];
                if let Some(tri) = set_up(job, i - job.first_tri, pixels_per_point) {
                    draw_tri(&mut target, &tri, job);
                }
            }
        }
    };
    if threads == 1 {
        for (band, rows) in canvas.pixels.chunks_mut(band_bytes).enumerate() {
            draw_band(band, rows);
        }
    } else {
        let queue = Mutex::new(canvas.pixels.chunks_mut(band_bytes).enumerate());
        let work = || {
            loop {
                let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                let Some((band, rows)) = next else { break };
                draw_band(band, rows);
            }
        };
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(work);
            }
            work();
        });
    }
}

/// Rows per band, as a power of two: several bands per thread so that uneven scenes still
/// share the work, but not so many that triangles get set up again in band after band.
fn band_shift(height: usize, threads: usize) -> u32 {
    if threads == 1 {
        6
    } else {
        (height / (threads * 8)).clamp(16, 64).ilog2()
    }
}

/// The pixel scissor rectangle `[x0, y0, x1, y1)` of a clip rectangle in points, rounded and
/// clamped like `egui-wgpu` does.
fn scissor(clip: egui::Rect, ppp: f32, width: usize, height: usize) -> [i32; 4] {
    let round = |v: f32, max: usize| (v * ppp).round().clamp(0.0, max as f32) as i32;
    let x0 = round(clip.min.x, width);
    let y0 = round(clip.min.y, height);
    let x1 = round(clip.max.x, width).max(x0);
    let y1 = round(clip.max.y, height).max(y0);
    [x0, y0, x1, y1]
}

/// Bins the triangles with global indices in `range` into bands.
fn setup_range(
    jobs: &[MeshJob<'_>],
    range: Range<usize>,
    ppp: f32,
    band_shift: u32,
    n_bands: usize,
) -> Binned {
    let mut bins = vec![Vec::new(); n_bands];
    for job in jobs {
        let start = range.start.max(job.first_tri);
        let end = range.end.min(job.first_tri + job.tri_count());
        for local in start.saturating_sub(job.first_tri)..end.saturating_sub(job.first_tri) {
            let Some(tri) = set_up(job, local, ppp) else {
                continue;
            };
            let global = (job.first_tri + local) as u32;
            let bbox = tri.bbox;
            for bin in
                &mut bins[(bbox[1] >> band_shift) as usize..=((bbox[3] - 1) >> band_shift) as usize]
            {
                bin.push(global);
            }
        }
    }
    Binned { bins }
}

/// Sets up triangle `local` of a mesh job: fixed-point positions oriented with positive area
/// and the bounding box clipped to the job's scissor. `None` for a triangle that covers no
/// pixel, has no area, or has a vertex missing or too far out.
#[inline]
fn set_up(job: &MeshJob<'_>, local: usize, ppp: f32) -> Option<Tri> {
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

/// Twice the signed area of a fixed-point triangle; positive when its edge functions are
/// positive inside.
fn doubled_area([a, b, c]: [[i32; 2]; 3]) -> i64 {
    let d = |p: [i32; 2], q: [i32; 2], i: usize| i64::from(q[i]) - i64::from(p[i]);
    d(a, b, 0) * d(a, c, 1) - d(a, b, 1) * d(a, c, 0)
}

/// The rows `y0..y1` of the canvas that one thread owns.
struct Band<'a> {
    rows: &'a mut [u8],
    width: usize,
    y0: i64,
    y1: i64,
}

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
struct Edges {
    left: [Edge; 2],
    right: [Edge; 2],
    y_start: i64,
    y_end: i64,
}

impl Edges {
    /// Sets up the edges for rows `y_start..y_end`, narrowing that range for horizontal edges.
    ///
    /// Edge `a → b` has the function `E(p) = (a.y - b.y)·(p.x - a.x) + (b.x - a.x)·(p.y - a.y)`,
    /// positive inside. Pixel centres exactly on an edge belong to it only if it is a top or a
    /// left edge (the GPU's top-left rule), so shared edges are drawn exactly once.
    fn new(pos: [[i32; 2]; 3], y_start: i64, mut y_end: i64) -> Self {
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
    fn span(&mut self, x0: i64, x1: i64) -> (i64, i64) {
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

/// A linear function of pixel-centre position, for `N` attributes.
#[derive(Clone, Copy)]
struct Plane<const N: usize> {
    /// Values at the first vertex, at pixel position `origin`.
    base: [f32; N],
    dx: [f32; N],
    dy: [f32; N],
    origin: [f32; 2],
}

impl<const N: usize> Plane<N> {
    /// The plane through three vertices' values (`d1`, `d2` are the edge vectors from the first
    /// vertex, in pixels; `inv_area` the inverse of their cross product).
    fn new(origin: [f32; 2], d1: [f32; 2], d2: [f32; 2], inv_area: f32, v: [[f32; N]; 3]) -> Self {
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
    fn at(&self, x: i64, y: i64) -> [f32; N] {
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
enum Shade<'a> {
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

fn shade<'a>(tri: &Tri, job: &MeshJob<'a>) -> Shade<'a> {
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

/// Rasterises the part of `tri` that lies in `band`.
fn draw_tri(band: &mut Band<'_>, tri: &Tri, job: &MeshJob<'_>) {
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

fn fill_gradient(span: &mut [u8], plane: &Plane<4>, x: i64, y: i64) {
    let mut colour = plane.at(x, y);
    for px in span.chunks_exact_mut(4) {
        blend(px, colour);
        step4(&mut colour, &plane.dx);
    }
}

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
    use egui::epaint::{Stroke, Vertex};
    use egui::{Align2, FontId, Pos2, Rect, Shape, StrokeKind, pos2, vec2};

    const BG: Color32 = Color32::WHITE;

    fn px(canvas: &Canvas, x: u32, y: u32) -> [u8; 4] {
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
    fn frame(
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

    fn render(size_pts: egui::Vec2, ppp: f32, draw: impl Fn(&egui::Painter)) -> Canvas {
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
    fn painted_extent(canvas: &Canvas) -> Option<[u32; 4]> {
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

    fn busy_scene(ctx_size: egui::Vec2) -> (Vec<ClippedPrimitive>, Textures) {
        frame(ctx_size, 1.5, |p| {
            for i in 0..60 {
                let f = i as f32;
                let min = pos2((f * 37.0) % 300.0, (f * 23.0) % 200.0);
                let rect = Rect::from_min_size(min, vec2(40.0 + f, 20.0 + f * 0.5));
                let fill = Color32::from_rgba_unmultiplied(
                    (i * 40 % 256) as u8,
                    (i * 90 % 256) as u8,
                    200,
                    (80 + i * 3) as u8,
                );
                p.add(Shape::rect_filled(rect, 6.0, fill));
                p.add(Shape::rect_stroke(
                    rect,
                    6.0,
                    Stroke::new(1.5, Color32::BLACK),
                    StrokeKind::Inside,
                ));
                p.add(Shape::line_segment(
                    [min, min + vec2(90.0, 35.0)],
                    Stroke::new(2.0, Color32::from_rgb(200, 30, 30)),
                ));
                p.circle_filled(min + vec2(3.0, 3.0), 2.5, Color32::DARK_BLUE);
                p.text(
                    min,
                    Align2::LEFT_TOP,
                    format!("step {i}"),
                    FontId::proportional(11.0),
                    Color32::BLACK,
                );
            }
        })
    }

    #[test]
    fn threaded_output_matches_single_threaded() {
        let (primitives, textures) = busy_scene(vec2(340.0, 260.0));
        let mut single = Canvas::new(510, 390, Color32::from_gray(240));
        let mut multi = single.clone();
        paint_with_threads(&mut single, &textures, &primitives, 1.5, 1);
        paint_with_threads(&mut multi, &textures, &primitives, 1.5, 3);
        assert!(painted_extent(&single).is_some());
        assert!(single == multi, "threaded rendering differs");
    }

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

    /// A tiny deterministic generator (xorshift), so the tests need no extra crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + (self.next() % (hi - lo) as u64) as i64
        }
    }

    #[test]
    fn div_floor_is_exact() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut cases = vec![
            (0, 1),
            (-1, 1),
            (-1, 256),
            (255, 256),
            (256, 256),
            (-256, 256),
        ];
        for _ in 0..20_000 {
            let k = rng.range(-(1 << 61), 1 << 61) >> rng.range(0, 60);
            let n = rng.range(1, 1 << 38) >> rng.range(0, 37);
            cases.push((k, n.max(1)));
        }
        for (k, n) in cases {
            assert_eq!(
                div_floor(k, n),
                (k.div_euclid(n), k.rem_euclid(n)),
                "{k} / {n}"
            );
        }
    }

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

    /// A mesh drawing `texture` on the rectangle `rect` (points) with texture coordinates `uv`.
    fn textured_quad(id: TextureId, rect: Rect, uv: Rect) -> Vec<ClippedPrimitive> {
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(rect, uv, Color32::WHITE);
        vec![ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }]
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

    #[test]
    fn callbacks_and_unknown_textures_are_skipped() {
        let mut primitives = textured_quad(
            TextureId::User(99),
            Rect::from_min_size(Pos2::ZERO, vec2(4.0, 4.0)),
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
        );
        primitives.push(ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Callback(egui::epaint::PaintCallback {
                rect: Rect::EVERYTHING,
                callback: std::sync::Arc::new(()),
            }),
        });
        let mut canvas = Canvas::new(4, 4, Color32::GRAY);
        paint(&mut canvas, &Textures::new(), &primitives, 1.0);
        assert_eq!(canvas, Canvas::new(4, 4, Color32::GRAY));
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

    #[test]
    fn straight_alpha_image() {
        let mut canvas = Canvas::new(2, 1, Color32::TRANSPARENT);
        canvas.pixels[..4].copy_from_slice(&[64, 0, 0, 128]);
        let image = canvas.into_rgba_image();
        assert_eq!(image.get_pixel(0, 0).0, [128, 0, 0, 128]);
        assert_eq!(image.get_pixel(1, 0).0, [0, 0, 0, 0]);
    }
}
