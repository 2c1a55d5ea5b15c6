//! The rows of a CSV table as both imports read them: the delimiter sniffed from the header
//! row, a quoted field that never closes refused, the header read, then each row with its
//! line as the file shows it — blank lines skipped, a malformed row or one with another
//! number of fields than the header listed as a problem, so every import reports them alike.

use super::errors::{ImportError, Problems, RowError, RowProblem, rows_error};
use super::lines::{LineCursor, line_at};
use super::table::{sniff_delimiter, unclosed_quote};

/// A table being read: its header, then its rows ([`Rows::each`]).
pub(crate) struct Rows<'a> {
    reader: csv::Reader<&'a [u8]>,
    lines: LineCursor<'a>,
    /// The header row.
    pub(crate) header: csv::ByteRecord,
    /// The delimiter sniffed from it.
    pub(crate) delimiter: u8,
}

impl<'a> Rows<'a> {
    /// Opens decoded text and reads its header row; an unclosed quote, an empty file or a
    /// malformed header refuses the whole file.
    pub(crate) fn open(text: &'a [u8]) -> Result<Self, ImportError> {
        let delimiter = sniff_delimiter(text);
        if let Some(at) = unclosed_quote(text, delimiter) {
            return Err(ImportError::UnclosedQuote {
                line: line_at(text, at),
            });
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut header = csv::ByteRecord::new();
        match reader.read_byte_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Err(ImportError::Empty),
            Err(e) => {
                return Err(rows_error(vec![RowProblem {
                    line: 1,
                    error: RowError::Malformed(e.to_string()),
                }]));
            }
        }
        Ok(Self {
            reader,
            lines: LineCursor::new(text),
            header,
            delimiter,
        })
    }

    /// The header row's line (after blank lines at the top).
    pub(crate) fn header_line(&mut self) -> u64 {
        let at = self.header.position().map_or(0, csv::Position::byte);
        self.lines.line_of(at)
    }

    /// Calls `row` with the line and fields of each row that has as many fields as the
    /// header; blank lines are skipped, malformed rows and rows of another width go to
    /// `problems`, and `row` reports its own.
    pub(crate) fn each(
        &mut self,
        problems: &mut Problems,
        mut row: impl FnMut(u64, &csv::ByteRecord, &mut Problems),
    ) {
        let mut record = csv::ByteRecord::new();
        loop {
            let before = self.reader.position().byte();
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    problems.push(
                        self.lines.line_of(before),
                        RowError::Malformed(e.to_string()),
                    );
                    continue;
                }
            }
            let at = record.position().map_or(before, csv::Position::byte);
            let line = self.lines.line_of(at);
            if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
                continue; // a blank line
            }
            if record.len() != self.header.len() {
                let (found, expected) = (record.len(), self.header.len());
                problems.push(line, RowError::FieldCount { found, expected });
                continue;
            }
            row(line, &record, problems);
        }
    }
}
