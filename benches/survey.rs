//! NPS survey import and statistics.
//!
//! `cargo bench --bench survey`: parsing and checking a 1,000,000-row long-format CSV
//! (UTF-8 and Shift_JIS) against a 200-step journey, and computing every wave's figures.

use criterion::{Criterion, criterion_group, criterion_main};
use kaidan::io::survey_csv;
use kaidan::model::synthetic;
use std::fmt::Write;
use std::hint::black_box;

/// One answer per row: step title (Japanese), score, respondent.
fn long_csv(journey: &kaidan::model::Journey, rows: usize) -> String {
    let mut text = String::with_capacity(rows * 32);
    text.push_str("ステップ,スコア,回答者\n");
    let steps = &journey.steps;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let step = &steps[(x % steps.len() as u64) as usize];
        let _ = writeln!(text, "{},{},r{i}", step.title, (x >> 20) % 11);
    }
    text
}

fn import(c: &mut Criterion) {
    let journey = synthetic::journey(200, 7);
    let text = long_csv(&journey, 1_000_000);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let mut group = c.benchmark_group("survey_import");
    group.sample_size(10);
    group.bench_function("1M rows UTF-8", |b| {
        b.iter(|| survey_csv::parse(black_box(text.as_bytes()), &journey, "w").expect("imports"));
    });
    group.bench_function("1M rows Shift_JIS", |b| {
        b.iter(|| survey_csv::parse(black_box(&sjis), &journey, "w").expect("imports"));
    });
    group.finish();

    let mut with_waves = journey.clone();
    for name in ["春", "秋"] {
        let import = survey_csv::parse(text.as_bytes(), &with_waves, name).expect("imports");
        import
            .command(&with_waves)
            .apply(&mut with_waves)
            .expect("applies");
    }
    c.bench_function("nps stats, 2 waves × 200 steps", |b| {
        b.iter(|| kaidan::nps::stats(black_box(&with_waves)));
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
