//! The CSV imports hold a file once: reading a Shift_JIS or UTF-16 file into text peaks at
//! the larger of its bytes and its text (and a few small buffers), never at their sum.
//!
//! Memory is measured by this binary's global allocator: `peak_alloc` counts the bytes in
//! use and their peak. One test, so that nothing else allocates while it measures.

use kaidan::io::{events_csv, survey_csv};
use kaidan::model::Journey;
use peak_alloc::PeakAlloc;
use std::fmt::Write;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// What reading may take beyond the larger of the file and its text: the check's scratch
/// buffer, the chunk read, the decoder, the error.
const SMALL_BUFFERS: usize = 1 << 20;

/// An event log of at least `len` bytes of UTF-8 (Japanese titles, as exported in Japan)
/// whose last row opens a quote that never closes: both imports decode the whole file, then
/// refuse it before making anything else of it. Also gives the line of that quote.
fn log_ending_in_an_open_quote(len: usize) -> (String, u64) {
    let mut text = String::from("顧客ID,ステップ,日付\r\n");
    let mut line = 1;
    while text.len() < len {
        line += 1;
        let _ = write!(text, "C{line:07},無料サンプルを申し込む,2026-03-01\r\n");
    }
    text.push_str("C9999999,\"無料サンプルを申し込む,2026-03-01\r\n");
    (text, line + 1)
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// The most bytes in use at once while `work` runs, beyond those in use before.
fn peak_of(work: impl FnOnce()) -> usize {
    let before = PeakAlloc.current_usage();
    PeakAlloc.reset_peak_usage();
    work();
    PeakAlloc.peak_usage().saturating_sub(before)
}

#[test]
fn a_file_is_never_held_as_bytes_and_text_at_once() {
    let journey = Journey::blank("t");
    let dir = tempfile::tempdir().expect("tempdir");
    let (text, quote_line) = log_ending_in_an_open_quote(8 << 20);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let files = [
        ("Shift_JIS", sjis.into_owned()),
        ("UTF-16LE", utf16le(&text)),
        ("UTF-8", text.clone().into_bytes()),
    ];
    for (encoding, bytes) in files {
        let path = dir.path().join(format!("{encoding}.csv"));
        std::fs::write(&path, &bytes).expect("written");
        let held_once = bytes.len().max(text.len());
        drop(bytes);
        let refused = |e: survey_csv::ImportError| {
            assert!(
                matches!(e, survey_csv::ImportError::UnclosedQuote { line } if line == quote_line),
                "{encoding}: {e}"
            );
        };
        let survey = peak_of(|| {
            refused(survey_csv::read(&path, &journey, "w").expect_err("an open quote"));
        });
        let events = peak_of(|| {
            refused(events_csv::read(&path, &journey, "w").expect_err("an open quote"));
        });
        for (import, peak) in [("survey", survey), ("events", events)] {
            assert!(
                peak <= held_once + SMALL_BUFFERS,
                "{encoding} {import}: {peak} bytes at the peak, for a file and text of at most \
                 {held_once} bytes"
            );
        }
    }
}
