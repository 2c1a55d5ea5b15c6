//! Load and save of a generated 10,000-step journey (target: each under 100 ms in release).

use criterion::{Criterion, criterion_group, criterion_main};
use kaidan::io::{self, Origin};
use std::hint::black_box;

fn files(c: &mut Criterion) {
    let journey = kaidan::model::synthetic::journey(10_000, 1);
    let text = io::to_string(&journey);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.kaidan.ron");
    io::save(&path, &journey).expect("save");

    let mut group = c.benchmark_group("10k steps");
    group.sample_size(20);
    group.bench_function("to_string", |b| {
        b.iter(|| io::to_string(black_box(&journey)));
    });
    group.bench_function("save (atomic, fsync)", |b| {
        b.iter(|| io::save(&path, black_box(&journey)).expect("save"));
    });
    group.bench_function("from_str (parse + validate)", |b| {
        let origin = Origin("bench".into());
        b.iter(|| io::from_str(black_box(&text), &origin).expect("parse"));
    });
    group.bench_function("load (read + parse + validate)", |b| {
        b.iter(|| io::load(black_box(&path)).expect("load"));
    });
    group.finish();
}

criterion_group!(benches, files);
criterion_main!(benches);
