//! CRM event-log import: counting customer flow.
//!
//! `cargo bench --bench events`: parsing, checking and counting a 1,000,000-event log
//! (200,000 customers, five events each, dates out of order, step titles in Japanese; UTF-8
//! and Shift_JIS) against a 200-step journey, from bytes in memory and from a file (which
//! a Shift_JIS log is read from twice: checked, then decoded, so as never to be held twice).

use criterion::{Criterion, criterion_group, criterion_main};
use kaidan::io::events_csv;
use kaidan::model::synthetic;
use std::fmt::Write;
use std::hint::black_box;

/// `events` rows of customer, step title, date (and time on every other row).
fn log(journey: &kaidan::model::Journey, events: usize) -> String {
    let mut text = String::with_capacity(events * 48);
    text.push_str("顧客ID,ステップ,日付\n");
    let steps = &journey.steps;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..events {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let step = &steps[(x % steps.len() as u64) as usize];
        let (month, day) = (1 + (x >> 8) % 12, 1 + (x >> 16) % 28);
        let time = if i % 2 == 0 { " 10:30" } else { "" };
        let _ = writeln!(
            text,
            "C{:06},{},2026-{month:02}-{day:02}{time}",
            i / 5,
            step.title
        );
    }
    text
}

fn import(c: &mut Criterion) {
    let mut journey = synthetic::journey(200, 7);
    for step in journey.steps.iter_mut().step_by(20) {
        step.purchase = true;
    }
    let text = log(&journey, 1_000_000);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let mut group = c.benchmark_group("events_import");
    group.sample_size(10);
    group.bench_function("1M events UTF-8", |b| {
        b.iter(|| events_csv::parse(black_box(text.as_bytes()), &journey, "w").expect("imports"));
    });
    group.bench_function("1M events Shift_JIS", |b| {
        b.iter(|| events_csv::parse(black_box(&sjis), &journey, "w").expect("imports"));
    });
    let dir = tempfile::tempdir().expect("tempdir");
    for (encoding, bytes) in [("UTF-8", text.as_bytes()), ("Shift_JIS", &sjis)] {
        let path = dir.path().join(format!("{encoding}.csv"));
        std::fs::write(&path, bytes).expect("written");
        group.bench_function(format!("1M events {encoding}, from a file"), |b| {
            b.iter(|| events_csv::read(black_box(&path), &journey, "w").expect("imports"));
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
