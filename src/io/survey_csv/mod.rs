//! NPS survey import from CSV, as exported by survey tools or saved by Japanese Excel.
//!
//! - **Long** format: one answer per row; columns step, score, and optionally wave and
//!   respondent (headers in English or Japanese).
//! - **Wide** format: one row per respondent, one column per step (header = step title or
//!   id), cells 0–10 or empty.
//! - Encoding detected without asking: UTF-8 with or without BOM, UTF-16 with BOM (Excel's
//!   "Unicode text"), otherwise Shift_JIS (CP932). A file whose lines mix encodings is
//!   refused, naming the first line that does not fit the encoding of the rest. Delimiter:
//!   comma, semicolon or tab, sniffed from the header row.
//! - Headers, titles and cells match after Unicode NFKC normalisation, trimmed and
//!   lowercased, so half-width katakana and full-width letters from Japanese exports match
//!   the titles as typed; ids (`s7`, `7`) match exactly.
//!
//! All-or-nothing: a file with any bad row imports nothing, and the error lists each
//! problem with its line number (lines as the file shows them: `\n`, `\r\n` or `\r` end a
//! line). A quoted field that never closes, duplicated step, score or wave columns and wave
//! names with control characters refuse the whole file. Importing a wave replaces the scores
//! of the steps the file covers (re-importing a corrected file never counts answers twice).
//! The texts of the errors live in `i18n::import`.
//!
//! Here: [`read`] and [`parse`], the steps of an import in order. Beside them: `decode`
//! (encodings), `file` (a file read into text, held once: a file that is not UTF-8 is
//! checked, then decoded from the disk), `lines` (line numbers as the file shows them),
//! `table` (delimiter, quotes, cell text, header roles), `rows` (the header and each row
//! with its line, shared with the event-log import), `steps` (which step a cell names),
//! `columns` (long or wide, scores, the tally), `result` ([`SurveyImport`] and its command)
//! and `errors` (the errors and how cells are quoted in them).

mod columns;
mod decode;
mod errors;
mod file;
mod lines;
mod result;
mod rows;
mod steps;
mod table;

pub use errors::{Column, ImportError, MAX_LISTED_PROBLEMS, RowError, RowProblem, quoted_cell};
// Shared with the event-log import (`super::events_csv`), which reads CSV files the same way.
pub(crate) use decode::decode;
pub(crate) use errors::Problems;
pub(crate) use file::read_text;
pub use result::{Shape, SurveyImport, Target};
pub(crate) use rows::Rows;
pub(crate) use steps::StepIndex;
pub(crate) use table::{cell_text, normalize, trim_bytes};

use crate::model::Journey;
use columns::{Columns, Tally};
use std::path::Path;

/// Files larger than this are refused before reading (1 GiB: ~50 million answers).
pub const MAX_CSV_BYTES: u64 = 1 << 30;

/// Reads and checks a survey file; `wave` names the wave for rows that do not name one.
pub fn read(path: &Path, journey: &Journey, wave: &str) -> Result<SurveyImport, ImportError> {
    let default_wave = default_wave(wave)?;
    let (text, encoding) = read_text(path)?;
    parse_text(text.as_bytes(), encoding, journey, default_wave)
}

/// Decodes and checks survey CSV bytes against `journey`.
pub fn parse(bytes: &[u8], journey: &Journey, wave: &str) -> Result<SurveyImport, ImportError> {
    let default_wave = default_wave(wave)?;
    let (text, encoding) = decode(bytes)?;
    parse_text(text.as_bytes(), encoding, journey, default_wave)
}

/// The wave for rows that do not name one, trimmed; checked before any file is read.
fn default_wave(wave: &str) -> Result<&str, ImportError> {
    let default_wave = wave.trim();
    if default_wave.chars().any(char::is_control) {
        return Err(ImportError::WaveNameControl(quoted_cell(default_wave)));
    }
    Ok(default_wave)
}

/// Checks decoded text against `journey`; `encoding` is the file's, for the summary.
fn parse_text(
    text: &[u8],
    encoding: &'static str,
    journey: &Journey,
    default_wave: &str,
) -> Result<SurveyImport, ImportError> {
    let mut rows = Rows::open(text)?;
    let header_line = rows.header_line();
    let steps = StepIndex::new(journey);
    let columns = Columns::of(&rows.header, header_line, &steps)?;
    let mut tally = Tally::new(default_wave);
    let mut problems = Problems::default();
    rows.each(&mut problems, |line, record, problems| {
        if let Err(error) = columns.tally(record, &steps, &mut tally) {
            problems.push(line, error);
        }
    });
    if problems.total > 0 {
        return Err(problems.into_error());
    }
    if tally.answers == 0 {
        return Err(if tally.needed_wave {
            ImportError::NoWave
        } else {
            ImportError::NoAnswers
        });
    }
    let shape = match columns {
        Columns::Long { .. } => Shape::Long,
        Columns::Wide { .. } => Shape::Wide,
    };
    Ok(SurveyImport {
        waves: tally
            .waves
            .into_iter()
            .map(|(name, scores)| (name, scores.into_iter().collect()))
            .collect(),
        answers: tally.answers,
        encoding,
        delimiter: char::from(rows.delimiter),
        shape,
    })
}
