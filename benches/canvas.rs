//! One frame of the canvas, headless: layout, the egui pass that paints the journey through
//! a layer painter (as the canvas and the PNG export do), and tessellation into meshes, on
//! a 1920×1080 screen. Targets (release, 2 cores): a fitted 1,000-step journey under
//! 4 ms per frame; layout + frame of a 10,000-step journey zoomed to ~100 steps under 8 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::emath::TSTransform;
use egui::epaint::{ClippedPrimitive, Primitive};
use egui::{Context, LayerId, Pos2, RawInput, Rect, vec2};
use kaidan::layout::Metrics;
use kaidan::layout::{self, Scene};
use kaidan::model::{Journey, StepId, synthetic};
use kaidan::paint::{self, Theme, View};
use std::collections::BTreeSet;
use std::hint::black_box;

fn screen() -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0))
}

/// A context with the bundled fonts, as the app and the export set it up.
fn context() -> Context {
    let ctx = Context::default();
    ctx.set_fonts(kaidan::fonts::definitions());
    ctx
}

/// Diagram → screen so that all of `content` fits the screen, centred.
fn fit(content: Rect) -> TSTransform {
    let screen = screen();
    let zoom = (screen.width() / content.width()).min(screen.height() / content.height());
    TSTransform::new(
        screen.center().to_vec2() - content.center().to_vec2() * zoom,
        zoom,
    )
}

/// Diagram → screen at `zoom`, with the middle of the plot at the centre of the screen and
/// the top of the diagram at the top.
fn centred(scene: &Scene, zoom: f32) -> TSTransform {
    let middle_x = scene.plot.center().x;
    TSTransform::new(vec2(screen().center().x - middle_x * zoom, 0.0), zoom)
}

/// One frame: an egui pass that paints the journey on the background layer, then
/// tessellation of its shapes.
fn frame(
    ctx: &Context,
    journey: &Journey,
    scene: &Scene,
    view: &View<'_>,
) -> Vec<ClippedPrimitive> {
    let input = RawInput {
        screen_rect: Some(screen()),
        ..Default::default()
    };
    let output = ctx.run_pass(input, |ctx| {
        let painter = ctx.layer_painter(LayerId::background());
        paint::paint(&painter, journey, scene, view);
    });
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

fn canvas(c: &mut Criterion) {
    let ctx = context();
    let theme = Theme::light();
    let selected: BTreeSet<StepId> = BTreeSet::new();
    let view = |to_screen| View {
        to_screen,
        theme: &theme,
        selected: &selected,
        hovered: None,
        layers: kaidan::paint::Layers::default(),
        lang: kaidan::i18n::Lang::Ja,
        wave: None,
        highlight: None,
    };

    let small = synthetic::journey(1_000, 1);
    let small_scene = layout::layout(&small);
    let fitted = view(fit(small_scene.bounds));
    let actual = view(centred(&small_scene, 1.0));

    let big = synthetic::journey(10_000, 1);
    let big_scene = layout::layout(&big);
    // About 100 steps across the screen (one step per unit of time).
    let hundred = view(centred(
        &big_scene,
        screen().width() / (100.0 * Metrics::SCREEN.unit_t),
    ));

    // Untimed frames: build the font atlas and every glyph the timed frames will need.
    // For scale: the fitted 1k frame is ~7,000 shapes → ~77,000 vertices; the zoom-1 and
    // the 10k/~100-step frames are ~12,000 vertices each.
    for (journey, scene, view) in [
        (&small, &small_scene, &fitted),
        (&small, &small_scene, &actual),
        (&big, &big_scene, &hundred),
    ] {
        let vertices: usize = frame(&ctx, journey, scene, view)
            .iter()
            .map(|p| match &p.primitive {
                Primitive::Mesh(mesh) => mesh.vertices.len(),
                Primitive::Callback(_) => 0,
            })
            .sum();
        assert!(vertices > 0, "a frame that draws nothing measures nothing");
    }

    let mut group = c.benchmark_group("canvas 1920x1080");
    group.bench_function("(a) layout, 1k steps", |b| {
        b.iter(|| layout::layout(black_box(&small)));
    });
    group.bench_function("(b) paint + tessellate, 1k steps fitted", |b| {
        b.iter(|| frame(&ctx, black_box(&small), &small_scene, &fitted));
    });
    group.bench_function("(c) paint + tessellate, 1k steps at zoom 1", |b| {
        b.iter(|| frame(&ctx, black_box(&small), &small_scene, &actual));
    });
    group.bench_function(
        "(d) layout + paint + tessellate, 10k steps, ~100 shown",
        |b| {
            b.iter(|| {
                let scene = layout::layout(black_box(&big));
                frame(&ctx, &big, &scene, &hundred)
            });
        },
    );
    group.finish();
}

criterion_group!(benches, canvas);
criterion_main!(benches);
