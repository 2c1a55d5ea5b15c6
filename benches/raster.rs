//! Benchmarks the CPU rasteriser on busy 3840×2160 journey-like scenes: rounded cards with
//! strokes, text labels and connecting curves, painted in an egui pass and tessellated at 2.5
//! pixels per point. Measures tessellation and rasterisation separately.
//!
//! `RASTER_BENCH_PNG=/tmp/scene.png` also saves the largest scene as a PNG to look at.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::{ClippedShape, CubicBezierShape, Primitive, Stroke};
use egui::{
    Align2, Color32, FontId, Pos2, RawInput, Rect, Shape, StrokeKind, ViewportId, pos2, vec2,
};
use kaidan::export::raster::{Canvas, Textures, paint};

const WIDTH: u32 = 3840;
const HEIGHT: u32 = 2160;
const PPP: f32 = 2.5;

/// Paints `cards` cards in one egui pass; returns the context, its shapes and the font textures.
fn scene(cards: usize) -> (egui::Context, Vec<ClippedShape>, Textures) {
    let ctx = egui::Context::default();
    let size = vec2(WIDTH as f32 / PPP, HEIGHT as f32 / PPP);
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        ..Default::default()
    };
    input
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(PPP);
    let cols = 50;
    let rows = cards.div_ceil(cols);
    let mut output = ctx.run_pass(input, |ctx| {
        let painter = ctx.layer_painter(egui::LayerId::background());
        painter.rect_filled(Rect::from_min_size(Pos2::ZERO, size), 0.0, Color32::WHITE);
        let (cell_w, cell_h) = (size.x / cols as f32, size.y / rows as f32);
        for i in 0..cards {
            let (col, row) = ((i % cols) as f32, (i / cols) as f32);
            let min = pos2(col * cell_w + 3.0, row * cell_h + 2.0);
            let card = Rect::from_min_size(min, vec2(cell_w - 8.0, cell_h - 5.0));
            let hue = (i * 37 % 255) as u8;
            painter.add(Shape::rect_filled(
                card,
                4.0,
                Color32::from_rgb(200, 220, hue),
            ));
            painter.add(Shape::rect_stroke(
                card,
                4.0,
                Stroke::new(1.0, Color32::from_gray(60)),
                StrokeKind::Inside,
            ));
            painter.text(
                card.left_center() + vec2(2.0, 0.0),
                Align2::LEFT_CENTER,
                format!("Step {i}"),
                FontId::proportional(7.0),
                Color32::BLACK,
            );
            if i % cols + 1 < cols {
                let from = card.right_center();
                let to = from + vec2(8.0, if i % 3 == 0 { cell_h } else { 0.0 });
                painter.add(CubicBezierShape::from_points_stroke(
                    [from, from + vec2(4.0, 0.0), to - vec2(4.0, 0.0), to],
                    false,
                    Color32::TRANSPARENT,
                    Stroke::new(1.2, Color32::from_rgb(220, 60, 40)),
                ));
            }
        }
    });
    let mut textures = Textures::new();
    textures.apply(&mut output.textures_delta);
    let shapes = std::mem::take(&mut output.shapes);
    (ctx, shapes, textures)
}

fn bench(c: &mut Criterion) {
    for cards in [1200, 2000] {
        let (ctx, shapes, textures) = scene(cards);
        let primitives = ctx.tessellate(shapes.clone(), PPP);
        let triangles: usize = primitives
            .iter()
            .map(|p| match &p.primitive {
                Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                Primitive::Callback(_) => 0,
            })
            .sum();
        let mut canvas = Canvas::new(WIDTH, HEIGHT, Color32::WHITE);
        let mut best = Duration::MAX;
        for _ in 0..20 {
            let start = Instant::now();
            paint(&mut canvas, &textures, &primitives, PPP);
            best = best.min(start.elapsed());
        }
        eprintln!(
            "{cards} cards: {} shapes -> {triangles} triangles in {} primitives at \
             {WIDTH}x{HEIGHT}, ppp {PPP}; paint best of 20: {best:.1?}",
            shapes.len(),
            primitives.len(),
        );

        let mut group = c.benchmark_group(format!("raster_{cards}_cards"));
        group.sample_size(20);
        group.bench_function("tessellate", |b| {
            b.iter(|| ctx.tessellate(black_box(shapes.clone()), PPP));
        });
        group.bench_function("paint", |b| {
            b.iter(|| paint(&mut canvas, &textures, black_box(&primitives), PPP));
        });
        group.finish();

        if let (2000, Ok(path)) = (cards, std::env::var("RASTER_BENCH_PNG")) {
            let mut canvas = Canvas::new(WIDTH, HEIGHT, Color32::WHITE);
            paint(&mut canvas, &textures, &primitives, PPP);
            if let Err(err) = canvas.into_rgba_image().save(&path) {
                eprintln!("could not save {path}: {err}");
            }
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
