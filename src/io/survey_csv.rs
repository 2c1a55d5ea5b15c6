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

use crate::edit::{Command, Description};
use crate::model::{Journey, NAME_SHOWN_CHARS, Scores, StepId, Wave, shortened};
use encoding_rs::{DecoderResult, SHIFT_JIS};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Files larger than this are refused before reading (1 GiB: ~50 million answers).
pub const MAX_CSV_BYTES: u64 = 1 << 30;

/// How many row problems an error keeps; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// What the scores of a CSV row are about: a step, or the brand as a whole (`None`).
pub type Target = Option<StepId>;

/// The layout of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One answer per row.
    Long,
    /// One respondent per row, one column per step.
    Wide,
}

/// A parsed survey file, checked against the journey, ready to become one command.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyImport {
    /// Scores per wave, waves in the order the file first names them.
    pub waves: Vec<(String, BTreeMap<Target, Scores>)>,
    /// Number of answers (non-empty score cells).
    pub answers: u64,
    /// The detected encoding ("UTF-8", "Shift_JIS", …).
    pub encoding: &'static str,
    /// The detected delimiter.
    pub delimiter: char,
    /// The detected layout.
    pub shape: Shape,
}

/// A column of the long format that the header names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The step (`step`, `ステップ`, `タッチポイント`, …).
    Step,
    /// The score 0–10 (`score`, `スコア`, `推奨度`, …).
    Score,
    /// The survey wave (`wave`, `調査回`, …).
    Wave,
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
    /// The file is larger than [`MAX_CSV_BYTES`].
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
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

/// Reads and checks a survey file; `wave` names the wave for rows that do not name one.
pub fn read(path: &Path, journey: &Journey, wave: &str) -> Result<SurveyImport, ImportError> {
    let shown = path.display().to_string();
    let read_error = |source| ImportError::Read {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge { path: shown, size });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    parse(&bytes, journey, wave)
}

/// Decodes and checks survey CSV bytes against `journey`.
pub fn parse(bytes: &[u8], journey: &Journey, wave: &str) -> Result<SurveyImport, ImportError> {
    let default_wave = wave.trim();
    if default_wave.chars().any(char::is_control) {
        return Err(ImportError::WaveNameControl(quoted_cell(default_wave)));
    }
    let (text, encoding) = decode(bytes)?;
    let text = text.as_bytes();
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
    let mut lines = LineCursor::new(text);
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
    let header_line = lines.line_of(header.position().map_or(0, csv::Position::byte));
    let steps = StepIndex::new(journey);
    let columns = Columns::of(&header, header_line, &steps)?;
    let mut tally = Tally::new(default_wave);
    let mut problems = Problems::default();
    let mut record = csv::ByteRecord::new();
    loop {
        let before = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(lines.line_of(before), RowError::Malformed(e.to_string()));
                continue;
            }
        }
        let line = lines.line_of(record.position().map_or(before, csv::Position::byte));
        if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
            continue; // a blank line
        }
        if record.len() != header.len() {
            problems.push(
                line,
                RowError::FieldCount {
                    found: record.len(),
                    expected: header.len(),
                },
            );
            continue;
        }
        if let Err(error) = columns.tally(&record, &steps, &mut tally) {
            problems.push(line, error);
        }
    }
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
        delimiter: char::from(delimiter),
        shape,
    })
}

impl SurveyImport {
    /// The one command that puts the import into the journey (undone in one step):
    /// new waves are added at the end; in existing waves the imported steps' scores are
    /// replaced and the other steps keep theirs.
    #[must_use]
    pub fn command(&self, journey: &Journey) -> Command {
        let mut commands = Vec::new();
        let mut added = 0;
        for (name, scores) in &self.waves {
            if journey.surveys.wave_index(name).is_some() {
                commands.extend(scores.iter().map(|(&step, &s)| Command::SetScores {
                    wave: name.clone(),
                    step,
                    scores: Some(s),
                }));
            } else {
                let mut wave = Wave::named(name.clone());
                for (&target, &s) in scores {
                    match target {
                        Some(id) => {
                            wave.steps.insert(id, s);
                        }
                        None => wave.overall = Some(s),
                    }
                }
                commands.push(Command::AddWave(journey.surveys.waves.len() + added, wave));
                added += 1;
            }
        }
        Command::Batch(commands)
    }

    /// How the import reads in the undo menu: the waves it touched.
    #[must_use]
    pub fn description(&self) -> Description {
        let names: Vec<&str> = self.waves.iter().map(|(n, _)| n.as_str()).collect();
        Description::new(crate::edit::Action::ImportSurvey, names.join(", "))
    }

    /// The number of steps (and brand-level questions) with imported scores.
    #[must_use]
    pub fn targets(&self) -> usize {
        self.waves.iter().map(|(_, s)| s.len()).sum()
    }
}

/// Decodes the bytes, detecting the encoding; the text is borrowed when the file is UTF-8.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), ImportError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == encoding_rs::UTF_8 {
            return match std::str::from_utf8(body) {
                Ok(text) => Ok((Cow::Borrowed(text), "UTF-8 (BOM)")),
                Err(e) => Err(not_utf8_after_bom(bytes, bom, bom + e.valid_up_to())),
            };
        }
        let big_endian = encoding == encoding_rs::UTF_16BE;
        return decode_utf16(body, big_endian).map(|text| (Cow::Owned(text), encoding.name()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), "UTF-8")),
        Err(e) => decode_shift_jis(bytes, e.valid_up_to()).map(|t| (Cow::Owned(t), "Shift_JIS")),
    }
}

/// The error for a file that begins with a UTF-8 byte-order mark (`bom` bytes long) but
/// holds a byte at `offset` that is not UTF-8: mixed encodings if that line is Shift_JIS.
fn not_utf8_after_bom(bytes: &[u8], bom: usize, offset: usize) -> ImportError {
    let line = line_at(bytes, offset);
    let start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(bom, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| offset + i);
    let fits_shift_jis = SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(&bytes[start..end])
        .is_some();
    if fits_shift_jis {
        ImportError::MixedEncodings {
            line,
            found: "Shift_JIS",
            file: "UTF-8",
        }
    } else {
        ImportError::NotBomEncoding {
            line,
            encoding: "UTF-8",
        }
    }
}

/// UTF-16 after its byte-order mark; an unpaired surrogate or an odd last byte is refused
/// with its line.
fn decode_utf16(body: &[u8], big_endian: bool) -> Result<String, ImportError> {
    let encoding = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
    let pairs = body.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(body.len());
    let refused = |text: &str| ImportError::NotBomEncoding {
        line: line_at(text.as_bytes(), text.len()),
        encoding,
    };
    for c in char::decode_utf16(units) {
        text.push(c.map_err(|_| refused(&text))?);
    }
    if odd {
        return Err(refused(&text));
    }
    Ok(text)
}

/// What one line's bytes say about the file's encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// ASCII: fits both.
    Ascii,
    /// UTF-8 with a character from U+0800 up (Japanese text is): unmistakably UTF-8.
    Utf8,
    /// UTF-8 with only two-byte characters (U+0080–U+07FF): may be Shift_JIS half-width
    /// katakana that happen to form UTF-8, so it fits whichever the file has.
    MaybeUtf8,
    /// Not UTF-8.
    NotUtf8,
}

fn line_kind(line: &[u8]) -> LineKind {
    if line.is_ascii() {
        return LineKind::Ascii;
    }
    match std::str::from_utf8(line) {
        Ok(text) if text.chars().any(|c| u32::from(c) >= 0x800) => LineKind::Utf8,
        Ok(_) => LineKind::MaybeUtf8,
        Err(_) => LineKind::NotUtf8,
    }
}

/// Lines of one encoding: how many, and the first byte of the first one.
#[derive(Default)]
struct Evidence {
    lines: usize,
    first: Option<usize>,
}

impl Evidence {
    fn note(&mut self, offset: usize) {
        self.lines += 1;
        self.first.get_or_insert(offset);
    }
}

/// Decodes a file that is not UTF-8 as a whole: as Shift_JIS when every line fits it and no
/// line is unmistakably UTF-8. Otherwise names the first line that fits neither, or the first
/// line whose encoding differs from that of most lines (a tie goes to the encoding seen
/// first). One decoding of the whole file and one pass over its lines; lines are decoded one
/// by one only to find the line that does not fit.
fn decode_shift_jis(bytes: &[u8], utf8_valid_up_to: usize) -> Result<String, ImportError> {
    let decoded = SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes);
    let all_fit = decoded.is_some();
    let (mut utf8, mut sjis) = (Evidence::default(), Evidence::default());
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        let line = &bytes[start..end];
        let first_non_ascii = || start + line.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        match line_kind(line) {
            LineKind::Ascii => {}
            LineKind::Utf8 => utf8.note(first_non_ascii()),
            LineKind::MaybeUtf8 => {
                if !all_fit && shift_jis_misfit(line).is_some() {
                    utf8.note(first_non_ascii());
                }
            }
            LineKind::NotUtf8 => match (!all_fit).then(|| shift_jis_misfit(line)).flatten() {
                None => sjis.note(first_non_ascii()),
                Some(bad) => {
                    return Err(ImportError::Encoding {
                        line: line_at(bytes, start + bad),
                    });
                }
            },
        }
        start = end;
    }
    match (utf8.first, sjis.first, decoded) {
        (None, Some(_), Some(text)) => Ok(text.into_owned()),
        (Some(u), Some(s), _) => {
            let utf8_wins = utf8.lines > sjis.lines || (utf8.lines == sjis.lines && u < s);
            let (offset, found, file) = if utf8_wins {
                (s, "Shift_JIS", "UTF-8")
            } else {
                (u, "UTF-8", "Shift_JIS")
            };
            Err(ImportError::MixedEncodings {
                line: line_at(bytes, offset),
                found,
                file,
            })
        }
        // Not UTF-8 as a whole, yet no line was Shift_JIS (or every line fits Shift_JIS but
        // not the whole): cannot happen, as lines break at ASCII bytes; if it did, the first
        // byte that is not UTF-8 is the one to name.
        _ => Err(ImportError::Encoding {
            line: line_at(bytes, utf8_valid_up_to),
        }),
    }
}

/// Where `line` stops being Shift_JIS (its offset in the line), if it does.
fn shift_jis_misfit(line: &[u8]) -> Option<usize> {
    let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(line.len())
        .unwrap_or(line.len() * 3 + 3);
    let mut out = vec![0; room];
    match decoder.decode_to_utf8_without_replacement(line, &mut out, true) {
        (DecoderResult::Malformed(bad, after), read, _) => {
            Some(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        // `out` has room for the worst case, so the output is never full.
        (DecoderResult::InputEmpty | DecoderResult::OutputFull, _, _) => None,
    }
}

/// Line breaks in `text[from..to]` as the CSV reader sees them: `\n`, `\r\n` and a lone `\r`.
#[allow(clippy::naive_bytecount)] // a plain count vectorises; not worth a dependency
fn breaks(text: &[u8], from: usize, to: usize) -> u64 {
    let part = &text[from..to];
    let lf = part.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = if part.contains(&b'\r') {
        part.iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' && text.get(from + i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (lf + lone_cr) as u64
}

/// The 1-based line of the byte at `offset`.
fn line_at(text: &[u8], offset: usize) -> u64 {
    1 + breaks(text, 0, offset.min(text.len()))
}

/// Line numbers of records, counted on from the previous record (one pass over the file).
struct LineCursor<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCursor<'a> {
    fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of the record the CSV reader places at byte `position`. The reader's position
    /// may be the line break before the record (the `\n` of a `\r\n`, blank lines), so line
    /// breaks are stepped over first: a record never starts with one.
    fn line_of(&mut self, position: u64) -> u64 {
        let mut offset =
            usize::try_from(position).map_or(self.text.len(), |p| p.min(self.text.len()));
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.at {
            self.line += breaks(self.text, self.at, offset);
            self.at = offset;
        }
        self.line
    }
}

/// Where a quoted field opens that never closes, following the CSV reader's rules (a quote
/// opens a field only at its start; `""` inside is a quote; after the closing quote the field
/// goes on unquoted): the reader would silently take the rest of the file into that field.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        QuoteInQuoted(usize),
    }
    if !text.contains(&b'"') {
        return None;
    }
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut state = State::FieldStart;
    for (i, &b) in text.iter().enumerate() {
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::Quoted(at) if b == b'"' => State::QuoteInQuoted(at),
            State::QuoteInQuoted(at) if b == b'"' => State::Quoted(at),
            quoted @ State::Quoted(_) => quoted,
            _ if ends_field(b) => State::FieldStart,
            State::FieldStart | State::Unquoted | State::QuoteInQuoted(_) => State::Unquoted,
        };
    }
    match state {
        State::Quoted(at) => Some(at),
        _ => None,
    }
}

/// The delimiter that occurs most often, outside quotes, in the first line.
fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// How a header, title or cell is compared: NFKC (half-width katakana become full-width,
/// full-width letters and digits ASCII, the ideographic space a space), trimmed, lowercased.
fn normalize(text: &str) -> String {
    text.nfkc().collect::<String>().trim().to_lowercase()
}

/// A cell as text. Cells of the decoded file are always UTF-8 (the reader splits at ASCII
/// bytes only); lossy just in case.
fn cell_text(cell: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(cell)
}

/// Which known column a header cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Step,
    Score,
    Wave,
    Respondent,
}

fn role(header: &str) -> Option<Role> {
    Some(match header {
        "step" | "step_id" | "touchpoint" | "ステップ" | "タッチポイント" => Role::Step,
        "score" | "nps" | "スコア" | "推奨度" | "推奨意向" => Role::Score,
        "wave" | "調査回" | "調査" | "ウェーブ" => Role::Wave,
        // Columns that say who answered or when; read past, never counted.
        "respondent"
        | "respondent_id"
        | "id"
        | "回答者"
        | "回答者id"
        | "回答id"
        | "timestamp"
        | "タイムスタンプ"
        | "回答日時"
        | "日時" => Role::Respondent,
        _ => return None,
    })
}

/// A step found by a key: the target, or the ids of the several steps with that title.
type Found = Result<Target, String>;

/// Finds steps by id (`s7` or `7`) or title; `overall` / `全体` is the brand level. Titles
/// match as written first, then after [`normalize`].
struct StepIndex {
    /// Trimmed titles as written, the brand words and the ids.
    exact: HashMap<Vec<u8>, Found>,
    /// Normalised titles, the brand words and the ids.
    normalized: HashMap<String, Found>,
}

fn grouped<K: std::hash::Hash + Eq>(
    titles: HashMap<K, Vec<StepId>>,
) -> impl Iterator<Item = (K, Found)> {
    titles.into_iter().map(|(title, ids)| {
        let found = match ids.as_slice() {
            [one] => Ok(Some(*one)),
            many => Err(many
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")),
        };
        (title, found)
    })
}

impl StepIndex {
    fn new(journey: &Journey) -> Self {
        let mut exact: HashMap<Vec<u8>, Found> = HashMap::new();
        let mut normalized: HashMap<String, Found> = HashMap::new();
        for word in ["overall", "全体", "ブランド全体"] {
            exact.insert(word.as_bytes().to_vec(), Ok(None));
            normalized.insert(normalize(word), Ok(None));
        }
        let mut as_written: HashMap<&str, Vec<StepId>> = HashMap::new();
        let mut as_normalized: HashMap<String, Vec<StepId>> = HashMap::new();
        for s in &journey.steps {
            let key = normalize(&s.title);
            if key.is_empty() {
                continue; // an untitled step is found by its id only
            }
            as_written.entry(s.title.trim()).or_default().push(s.id);
            as_normalized.entry(key).or_default().push(s.id);
        }
        exact.extend(grouped(as_written).map(|(k, f)| (k.as_bytes().to_vec(), f)));
        normalized.extend(grouped(as_normalized));
        // Ids last: an id always means that step, even if some title reads like an id.
        for s in &journey.steps {
            for id in [s.id.to_string(), s.id.0.to_string()] {
                exact.insert(id.clone().into_bytes(), Ok(Some(s.id)));
                normalized.insert(id, Ok(Some(s.id)));
            }
        }
        Self { exact, normalized }
    }

    fn find(&self, cell: &[u8]) -> Result<Target, RowError> {
        let key = trim_bytes(cell);
        let found = if let Some(found) = self.exact.get(key) {
            found
        } else {
            let normalized = normalize(&cell_text(key));
            if normalized.is_empty() {
                return Err(RowError::MissingStep);
            }
            match self.normalized.get(&normalized) {
                Some(found) => found,
                None => return Err(RowError::UnknownStep(quoted_cell(&cell_text(key)))),
            }
        };
        match found {
            Ok(target) => Ok(*target),
            Err(ids) => Err(RowError::AmbiguousStep(
                quoted_cell(&cell_text(key)),
                ids.clone(),
            )),
        }
    }
}

fn trim_bytes(cell: &[u8]) -> &[u8] {
    let start = cell
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &cell[start..end]
}

/// A score cell: `None` if empty, else 0..=10 or an error. Digits in any width (`１０`).
fn score(cell: &[u8]) -> Result<Option<u8>, RowError> {
    /// Longer than any way of writing 0–10, even in full width with spaces around.
    const LONGEST_SCORE_BYTES: usize = 32;
    let cell = trim_bytes(cell);
    match cell {
        [] => Ok(None),
        [d] if d.is_ascii_digit() => Ok(Some(d - b'0')),
        b"10" => Ok(Some(10)),
        _ => {
            let text = cell_text(cell);
            let bad = || RowError::BadScore(quoted_cell(&text));
            if text.len() > LONGEST_SCORE_BYTES {
                return Err(bad());
            }
            match normalize(&text).as_str() {
                "" => Ok(None),
                n if n.bytes().all(|b| b.is_ascii_digit()) => n
                    .parse::<u8>()
                    .ok()
                    .filter(|s| *s <= Scores::MAX_SCORE)
                    .map(Some)
                    .ok_or_else(bad),
                _ => Err(bad()),
            }
        }
    }
}

/// What each column holds, decided from the header.
enum Columns {
    Long {
        step: usize,
        score: usize,
        wave: Option<usize>,
    },
    Wide {
        steps: Vec<(usize, Target)>,
        wave: Option<usize>,
    },
}

impl Columns {
    fn of(header: &csv::ByteRecord, line: u64, steps: &StepIndex) -> Result<Self, ImportError> {
        let roles: Vec<Option<Role>> = header
            .iter()
            .map(|h| role(&normalize(&cell_text(h))))
            .collect();
        let all = |r| -> Vec<usize> { (0..roles.len()).filter(|&i| roles[i] == Some(r)).collect() };
        let (step, score, wave) = (all(Role::Step), all(Role::Score), all(Role::Wave));
        for (column, at) in [
            (Column::Step, &step),
            (Column::Score, &score),
            (Column::Wave, &wave),
        ] {
            if at.len() > 1 {
                let headers = at
                    .iter()
                    .map(|&i| (i + 1, quoted_cell(&cell_text(trim_bytes(&header[i])))))
                    .collect();
                return Err(ImportError::DuplicateColumns { column, headers });
            }
        }
        let wave = wave.first().copied();
        match (step.first().copied(), score.first().copied()) {
            (Some(step), Some(score)) => Ok(Self::Long { step, score, wave }),
            (Some(_), None) => Err(ImportError::MissingColumn {
                found: Column::Step,
                missing: Column::Score,
            }),
            (None, Some(_)) => Err(ImportError::MissingColumn {
                found: Column::Score,
                missing: Column::Step,
            }),
            (None, None) => {
                let mut problems = Vec::new();
                let mut columns: Vec<(usize, Target)> = Vec::new();
                for (i, cell) in header.iter().enumerate() {
                    if roles[i].is_some() {
                        continue;
                    }
                    match steps.find(cell) {
                        Ok(target) if columns.iter().any(|(_, t)| *t == target) => {
                            problems.push(RowProblem {
                                line,
                                error: RowError::DuplicateColumn(quoted_cell(&cell_text(
                                    trim_bytes(cell),
                                ))),
                            });
                        }
                        Ok(target) => columns.push((i, target)),
                        Err(RowError::MissingStep) => {} // an unnamed column, e.g. a timestamp
                        Err(error) => problems.push(RowProblem { line, error }),
                    }
                }
                if !problems.is_empty() {
                    return Err(rows_error(problems));
                }
                if columns.is_empty() {
                    return Err(ImportError::NoStepColumns);
                }
                Ok(Self::Wide {
                    steps: columns,
                    wave,
                })
            }
        }
    }

    /// Counts one row's answers, or says what is wrong with it (then nothing is counted).
    fn tally(
        &self,
        row: &csv::ByteRecord,
        steps: &StepIndex,
        tally: &mut Tally,
    ) -> Result<(), RowError> {
        match self {
            Self::Long {
                step,
                score: at,
                wave,
            } => {
                let target = steps.find(&row[*step]);
                let value = score(&row[*at]);
                let (target, value) = (target?, value?.ok_or(RowError::MissingScore)?);
                let wave = tally.wave(wave.map(|w| &row[w]))?;
                tally.add(wave, target, value)
            }
            Self::Wide {
                steps: columns,
                wave,
            } => {
                let mut values = Vec::with_capacity(columns.len());
                for (i, target) in columns {
                    if let Some(v) = score(&row[*i])? {
                        values.push((*target, v));
                    }
                }
                if values.is_empty() {
                    return Ok(());
                }
                let wave = tally.wave(wave.map(|w| &row[w]))?;
                for (target, value) in values {
                    tally.add(wave, target, value)?;
                }
                Ok(())
            }
        }
    }
}

/// The counts so far.
struct Tally {
    default_wave: String,
    waves: Vec<(String, HashMap<Target, Scores>)>,
    answers: u64,
    /// A row had no wave and no default was given.
    needed_wave: bool,
}

impl Tally {
    fn new(default_wave: &str) -> Self {
        Self {
            default_wave: default_wave.to_owned(),
            waves: Vec::new(),
            answers: 0,
            needed_wave: false,
        }
    }

    /// Index of the row's wave (the default when the cell is absent or empty). A name with
    /// a control character is refused, as the model refuses it.
    fn wave(&mut self, cell: Option<&[u8]>) -> Result<usize, RowError> {
        let named = cell.map(trim_bytes).filter(|c| !c.is_empty());
        if let Some(i) = named.and_then(|c| self.waves.iter().position(|(n, _)| n.as_bytes() == c))
        {
            return Ok(i);
        }
        let name = match named {
            Some(c) => {
                let name = cell_text(c);
                if name.chars().any(char::is_control) {
                    return Err(RowError::WaveNameControl(quoted_cell(&name)));
                }
                name
            }
            None if self.default_wave.is_empty() => {
                self.needed_wave = true;
                return Err(RowError::MissingWave);
            }
            None => Cow::Borrowed(self.default_wave.as_str()),
        };
        if let Some(i) = self.waves.iter().position(|(n, _)| *n == name) {
            return Ok(i);
        }
        self.waves.push((name.into_owned(), HashMap::new()));
        Ok(self.waves.len() - 1)
    }

    fn add(&mut self, wave: usize, target: Target, score: u8) -> Result<(), RowError> {
        let scores = self.waves[wave].1.entry(target).or_default();
        let count = &mut scores.0[usize::from(score)];
        *count = count.checked_add(1).ok_or(RowError::Overflow)?;
        self.answers += 1;
        Ok(())
    }
}

/// Problems collected over the whole file: the first few kept, all counted.
#[derive(Default)]
struct Problems {
    listed: Vec<RowProblem>,
    total: usize,
}

impl Problems {
    fn push(&mut self, line: u64, error: RowError) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(RowProblem { line, error });
        }
    }

    fn into_error(self) -> ImportError {
        ImportError::Rows {
            problems: self.listed,
            total: self.total,
        }
    }
}

fn rows_error(problems: Vec<RowProblem>) -> ImportError {
    let total = problems.len();
    ImportError::Rows { problems, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_parse_strictly() {
        assert_eq!(score(b" 7 "), Ok(Some(7)));
        assert_eq!(score(b"10"), Ok(Some(10)));
        assert_eq!(score("１０".as_bytes()), Ok(Some(10)));
        assert_eq!(score("　８　".as_bytes()), Ok(Some(8)));
        assert_eq!(score(b""), Ok(None));
        assert_eq!(score(b"11"), Err(RowError::BadScore("11".into())));
        assert_eq!(score(b"-1"), Err(RowError::BadScore("-1".into())));
        assert_eq!(score(b"+7"), Err(RowError::BadScore("+7".into())));
        assert_eq!(score(b"abc"), Err(RowError::BadScore("abc".into())));
        assert_eq!(score(b"7.5"), Err(RowError::BadScore("7.5".into())));
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter(b"step,score\n"), b',');
        assert_eq!(sniff_delimiter(b"step;score\n1;2,3"), b';');
        assert_eq!(sniff_delimiter(b"step;score\r\n1,2,3"), b';');
        assert_eq!(sniff_delimiter(b"\"a,b,c\"\tscore\n"), b'\t');
        assert_eq!(sniff_delimiter(b"onecolumn\n"), b',');
    }

    #[test]
    fn headers_in_both_languages_and_any_width() {
        assert_eq!(role(&normalize(" Step ")), Some(Role::Step));
        assert_eq!(role(&normalize("ＳＣＯＲＥ")), Some(Role::Score));
        assert_eq!(role(&normalize("推奨度")), Some(Role::Score));
        assert_eq!(role(&normalize("ｽﾃｯﾌﾟ")), Some(Role::Step));
        assert_eq!(role(&normalize("調査回")), Some(Role::Wave));
        assert_eq!(role(&normalize("回答者ＩＤ")), Some(Role::Respondent));
        assert_eq!(role(&normalize("タイトル")), None);
    }

    #[test]
    fn normalize_is_nfkc_trimmed_and_lowercased() {
        assert_eq!(normalize("ｻﾝﾌﾟﾙ"), "サンプル");
        assert_eq!(normalize("　ＳＮＳで見る "), "snsで見る");
        assert_eq!(normalize("ｶﾞｲﾄﾞ"), normalize("ガイド"));
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        let text = b"a\r\nb\nc\rd\r\n";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, 3), 2); // b
        assert_eq!(line_at(text, 5), 3); // c
        assert_eq!(line_at(text, 7), 4); // d
        let mut cursor = LineCursor::new(text);
        // The reader may place a record at the `\n` of the `\r\n` before it.
        assert_eq!(cursor.line_of(2), 2);
        assert_eq!(cursor.line_of(7), 4);
        assert_eq!(cursor.line_of(7), 4);
    }

    #[test]
    fn unclosed_quotes_follow_the_readers_rules() {
        assert_eq!(unclosed_quote(b"a,b\n1,2\n", b','), None);
        assert_eq!(unclosed_quote(b"a,\"b\"\"c\"\n1,2\n", b','), None);
        // A quote inside an unquoted field is a plain character.
        assert_eq!(unclosed_quote(b"a,b\"\n1,2\n", b','), None);
        // After a closed quote the field goes on unquoted: the later quote is plain.
        assert_eq!(unclosed_quote(b"a,\"b\"c\"\n1,2\n", b','), None);
        // A quoted field may hold line breaks and delimiters.
        assert_eq!(unclosed_quote(b"a,\"b\n,c\"\n1,2\n", b','), None);
        assert_eq!(unclosed_quote(b"a,b\n\"1,2\n3,4\n", b','), Some(4));
        assert_eq!(unclosed_quote(b"a;b\n1;\"2\"\"\n", b';'), Some(6));
        // With tabs, a quote after a comma opens nothing; after a tab it does.
        assert_eq!(unclosed_quote(b"a\tb\n1,\"2\t3\n", b'\t'), None);
        assert_eq!(unclosed_quote(b"a\tb\n1\t\"2,3\n", b'\t'), Some(6));
    }

    #[test]
    fn a_line_fits_an_encoding_by_its_bytes() {
        assert_eq!(line_kind(b"s24,5\n"), LineKind::Ascii);
        assert_eq!(line_kind("s24,5,2026年春\n".as_bytes()), LineKind::Utf8);
        assert_eq!(line_kind("café\n".as_bytes()), LineKind::MaybeUtf8);
        let (sjis, _, _) = SHIFT_JIS.encode("s24,5,2026年春\n");
        assert_eq!(line_kind(&sjis), LineKind::NotUtf8);
    }

    #[test]
    fn shift_jis_misfits_are_found_where_they_start() {
        let (sjis, _, _) = SHIFT_JIS.encode("s24,無料ｻﾝﾌﾟﾙ\n");
        assert_eq!(shift_jis_misfit(&sjis), None);
        assert_eq!(shift_jis_misfit(b"caf\xE9,5\n"), Some(3));
        // A lead byte with nothing after it.
        assert_eq!(shift_jis_misfit(b"ab\x82"), Some(2));
    }

    #[test]
    fn cells_in_messages_are_cut_and_show_control_characters() {
        assert_eq!(quoted_cell("2026年春"), "2026年春");
        assert_eq!(quoted_cell("春\u{1b}[31m\n"), "春\\u{1b}[31m\\n");
        let long = quoted_cell(&"x".repeat(1000));
        assert_eq!(long, format!("{}… (1000)", "x".repeat(NAME_SHOWN_CHARS)));
    }
}
