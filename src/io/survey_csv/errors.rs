//! Why an import fails: [`ImportError`] for the file as a whole, [`RowProblem`] and
//! [`RowError`] for each bad row or header cell, [`quoted_cell`] for how a cell appears in
//! a message, and the collection of row problems over a file (the first few kept, all
//! counted).
//!
//! Together because `i18n::import` words them and the tests match on them: one place to
//! read every way an import can be refused.

use crate::model::{NAME_SHOWN_CHARS, shortened};

/// How many row problems an error keeps; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// A column of the long format that the header names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The step (`step`, `ステップ`, `タッチポイント`, …).
    Step,
    /// The score 0–10 (`score`, `スコア`, `推奨度`, …).
    Score,
    /// The survey wave (`wave`, `調査回`, …).
    Wave,
    /// The customer column of an event log.
    Customer,
    /// The date column of an event log.
    Date,
}

/// What is wrong with one row (or header cell). Cells are quoted as
/// [`quoted_cell`] makes them: at most [`NAME_SHOWN_CHARS`] characters, control characters
/// escaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowError {
    /// A score that is not a whole number 0–10.
    BadScore(String),
    /// A long-format row without a score.
    MissingScore,
    /// A long-format row without a step.
    MissingStep,
    /// No step has this id or title.
    UnknownStep(String),
    /// Several steps have this title (the cell, then the steps' ids).
    AmbiguousStep(String, String),
    /// The row has a different number of fields than the header.
    FieldCount {
        /// Fields in this row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A wave column that is empty while no default wave was given.
    MissingWave,
    /// A wave name with a control character (a line break, an escape, …), which no wave
    /// may have.
    WaveNameControl(String),
    /// The same step column appears twice in a wide header.
    DuplicateColumn(String),
    /// More answers for one score than can be counted.
    Overflow,
    /// The CSV reader could not read the row (its own words).
    Malformed(String),
    /// An event row names no customer.
    MissingCustomer,
    /// An event row's date is not a calendar date (and time).
    BadDate(String),
}

/// A problem with one line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line number in the file (where the row starts).
    pub line: u64,
    /// What is wrong.
    pub error: RowError,
}

/// Why a survey file could not be imported. Nothing is imported when any of these occurs.
#[derive(Debug)]
pub enum ImportError {
    /// The file could not be read.
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_CSV_BYTES`](super::MAX_CSV_BYTES).
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
    /// The file changed between its check and its decoding (a file that is not UTF-8 is
    /// read twice, so as never to hold its bytes and its text at once).
    Changed {
        /// The file.
        path: String,
    },
    /// Without a byte-order mark: a line that is neither UTF-8 nor Shift_JIS.
    Encoding {
        /// 1-based line of the first byte that fits no encoding.
        line: u64,
    },
    /// The file begins with a byte-order mark, but a line is not in that encoding.
    NotBomEncoding {
        /// 1-based line of the first byte that does not fit.
        line: u64,
        /// The encoding the mark names ("UTF-8", "UTF-16LE", …).
        encoding: &'static str,
    },
    /// Lines in different encodings: decoding the file as either would garble some text.
    MixedEncodings {
        /// 1-based line of the first line that does not fit the encoding most lines have.
        line: u64,
        /// That line's encoding.
        found: &'static str,
        /// The encoding of most of the file.
        file: &'static str,
    },
    /// A quoted field that never closes: the rest of the file would be one cell.
    UnclosedQuote {
        /// 1-based line where the quote opens.
        line: u64,
    },
    /// No header row.
    Empty,
    /// A long-format header with a step column but no score column, or the other way round.
    MissingColumn {
        /// The column found.
        found: Column,
        /// The column missing.
        missing: Column,
    },
    /// A header that names neither step and score columns nor any step.
    NoStepColumns,
    /// The header has the same column more than once, so which one counts is unclear.
    DuplicateColumns {
        /// Which column.
        column: Column,
        /// Each such column: its 1-based number and its header cell.
        headers: Vec<(usize, String)>,
    },
    /// The wave name given for rows without one has a control character.
    WaveNameControl(String),
    /// A wave name is needed and none was given.
    NoWave,
    /// Rows (or header cells) that cannot be imported.
    Rows {
        /// The first [`MAX_LISTED_PROBLEMS`] problems, in file order.
        problems: Vec<RowProblem>,
        /// How many problems there are in all.
        total: usize,
    },
    /// The file holds no answers at all.
    NoAnswers,
    /// An event log's header lacks these columns.
    MissingColumns(Vec<Column>),
}

/// A cell or name as an error quotes it: cut to [`NAME_SHOWN_CHARS`] characters (a cell may
/// be as long as the file) and with control characters escaped (`\n`, `\u{1b}`), so a
/// message never carries a terminal escape or breaks a line where the file did not.
#[must_use]
pub fn quoted_cell(text: &str) -> String {
    let cut = shortened(text, NAME_SHOWN_CHARS);
    if !cut.chars().any(char::is_control) {
        return cut.into_owned();
    }
    cut.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Problems collected over the whole file: the first few kept, all counted.
#[derive(Default)]
pub(crate) struct Problems {
    listed: Vec<RowProblem>,
    pub(crate) total: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, line: u64, error: RowError) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(RowProblem { line, error });
        }
    }

    pub(crate) fn into_error(self) -> ImportError {
        ImportError::Rows {
            problems: self.listed,
            total: self.total,
        }
    }
}

pub(crate) fn rows_error(problems: Vec<RowProblem>) -> ImportError {
    let total = problems.len();
    ImportError::Rows { problems, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_in_messages_are_cut_and_show_control_characters() {
        assert_eq!(quoted_cell("2026年春"), "2026年春");
        assert_eq!(quoted_cell("春\u{1b}[31m\n"), "春\\u{1b}[31m\\n");
        let long = quoted_cell(&"x".repeat(1000));
        assert_eq!(long, format!("{}… (1000)", "x".repeat(NAME_SHOWN_CHARS)));
    }
}
