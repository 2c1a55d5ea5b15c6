//! Scheduling: the triangles are binned into horizontal bands of rows (phase one, each thread
//! taking a contiguous share of them), then worker threads draw whole bands (phase two). A band
//! owns its rows, so threads never share a pixel, and draws its triangles in primitive order,
//! so the output is the same whatever the number of threads.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use egui::epaint::{ClippedPrimitive, Primitive};

use super::fill::{Band, draw_tri};
use super::setup::{MeshJob, scissor, set_up};
use super::{Canvas, Textures};

/// For each band, the global indices (see [`MeshJob::first_tri`]) of the triangles of one
/// setup thread's share that touch it, in order. Only indices are kept, 4 bytes a triangle
/// instead of a set-up [`Tri`](super::setup::Tri)'s 56: drawing sets a triangle up again from
/// its mesh, which costs less than writing and reading back the memory (millions of triangles
/// for a 20,000-step journey).
struct Binned {
    bins: Vec<Vec<u32>>,
}

/// [`paint`](super::paint) with an explicit number of worker threads.
pub(super) fn paint_with_threads(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::testing::{frame, painted_extent, textured_quad};
    use crate::export::raster::{Canvas, Textures, paint};
    use egui::epaint::{Stroke, TextureId};
    use egui::{Align2, Color32, FontId, Pos2, Rect, Shape, StrokeKind, pos2, vec2};

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
}
