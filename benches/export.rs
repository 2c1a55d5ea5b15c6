//! PNG export of a 200-step journey at 3840×2160: rendering to an RGBA buffer (layout, two
//! egui passes, tessellation, CPU rasterising) and the PNG encoding on its own.
//!
//! `cargo bench --bench export`. For the whole process, time the binary on the file this
//! benchmark writes: `EXPORT_BENCH_FILE=/tmp/200.kaidan.ron cargo bench --bench export`, then
//! `time target/release/kaidan export /tmp/200.kaidan.ron -o /tmp/200.png --width 3840 --height 2160`.

use criterion::{Criterion, criterion_group, criterion_main};
use kaidan::export::{self, Request, Size};
use kaidan::i18n::Lang;
use kaidan::model::synthetic;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let journey = synthetic::journey(200, 11);
    if let Some(path) = std::env::var_os("EXPORT_BENCH_FILE") {
        kaidan::io::save(std::path::Path::new(&path), &journey).expect("write the journey");
    }
    let request = Request::new(Size::UHD, Lang::Ja, "2026-01-01");
    let mut group = c.benchmark_group("export 200 steps at 3840×2160");
    group.sample_size(20);
    group.bench_function("render to RGBA", |b| {
        b.iter(|| export::render(black_box(&journey), &request).expect("render"));
    });
    let image = export::render(&journey, &request).expect("render");
    group.bench_function("PNG encoding alone", |b| {
        b.iter(|| export::encode_png(black_box(&image)).expect("encode"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
