//! NPS survey import from CSV, as exported by survey tools or saved by Japanese Excel.
//!
//! - **Long** format: one answer per row; columns step, score, and optionally wave and
//!   respondent (headers in English or Japanese).
//! - **Wide** format: one row per respondent, one column per step (header = step title or
//!   id), cells 0–10 or empty.
//! - Encoding detected without asking: UTF-8 with or without BOM, UTF-16 with BOM (Excel's
//!   "Unicode text"), otherwise Shift_JIS (CP932). Delimiter: comma, semicolon or tab, sniffed
//!   from the header row.
//!
//! All-or-nothing: a file with any bad row imports nothing, and the error lists each
//! problem with its line number. Importing a wave replaces the scores of the steps the file
//! covers (re-importing a corrected file never counts answers twice).

use crate::edit::{Command, Description};
use crate::model::{Journey, Scores, StepId, Wave};
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::path::Path;

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

/// What is wrong with one row (or header cell).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    /// A score that is not a whole number 0–10.
    #[error("score 「{0}」 is not a whole number from 0 to 10")]
    BadScore(String),
    /// A long-format row without a score.
    #[error("the score is empty")]
    MissingScore,
    /// A long-format row without a step.
    #[error("the step is empty")]
    MissingStep,
    /// No step has this id or title.
    #[error("「{0}」 matches no step's id or title")]
    UnknownStep(String),
    /// Several steps have this title.
    #[error("「{0}」 is the title of several steps ({1}); use the id instead")]
    AmbiguousStep(String, String),
    /// The row has a different number of fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    FieldCount {
        /// Fields in this row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A wave column that is empty while no default wave was given.
    #[error("the wave is empty")]
    MissingWave,
    /// The same step column appears twice in a wide header.
    #[error("step 「{0}」 has two columns")]
    DuplicateColumn(String),
    /// More answers for one score than can be counted.
    #[error("more than 4294967295 answers for one score")]
    Overflow,
    /// The CSV reader could not read the row (unbalanced quotes, …).
    #[error("{0}")]
    Malformed(String),
}

/// A problem with one line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line number in the file.
    pub line: u64,
    /// What is wrong.
    pub error: RowError,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// Why a survey file could not be imported. Nothing is imported when any of these occurs.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_CSV_BYTES`].
    #[error("{path}: {size} bytes is more than the 1 GiB a survey file may have")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
    /// Neither UTF-8, UTF-16 nor Shift_JIS.
    #[error(
        "line {line}: the file is neither UTF-8 nor Shift_JIS text; save it from Excel as \"CSV UTF-8\""
    )]
    Encoding {
        /// 1-based line of the first byte that fits no encoding.
        line: u64,
    },
    /// No header row.
    #[error("the file is empty: expected a header row")]
    Empty,
    /// A long-format header with a step column but no score column, or the other way round.
    #[error("the header has a {found} column but no {missing} column")]
    MissingColumn {
        /// The column found.
        found: &'static str,
        /// The column missing.
        missing: &'static str,
    },
    /// A wave name is needed and none was given.
    #[error("name the survey wave to import into")]
    NoWave,
    /// Rows that cannot be imported.
    #[error("{}", rows_message(.problems, *.total))]
    Rows {
        /// The first [`MAX_LISTED_PROBLEMS`] problems, in file order.
        problems: Vec<RowProblem>,
        /// How many problems there are in all.
        total: usize,
    },
    /// The file holds no answers at all.
    #[error("the file holds no answers")]
    NoAnswers,
}

fn rows_message(problems: &[RowProblem], total: usize) -> String {
    let mut text = format!(
        "{total} {} cannot be imported, so nothing was imported:",
        if total == 1 { "row" } else { "rows" }
    );
    for p in problems {
        text.push_str("\n  ");
        text.push_str(&p.to_string());
    }
    if total > problems.len() {
        let _ = write!(text, "\n  … and {} more", total - problems.len());
    }
    text
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
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
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
    let steps = StepIndex::new(journey);
    let columns = Columns::of(&header, &steps)?;
    let mut tally = Tally::new(wave.trim());
    let mut problems = Problems::default();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(line, RowError::Malformed(e.to_string()));
                continue;
            }
        }
        let line = record.position().map_or(line, csv::Position::line);
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

/// Decodes the bytes, detecting the encoding.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(ImportError::Encoding { line: 1 });
        }
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8 (BOM)"
        } else {
            encoding.name()
        };
        return Ok((text.into_owned(), name));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), "UTF-8")),
        Err(utf8) => {
            let decoded = encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or_else(|| ImportError::Encoding {
                    line: line_of(bytes, utf8.valid_up_to()),
                })?;
            Ok((decoded.into_owned(), "Shift_JIS"))
        }
    }
}

fn line_of(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset].split(|&b| b == b'\n').count() as u64
}

/// The delimiter that occurs most often, outside quotes, in the first line.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Lowercased, trimmed, NFKC-ish for the ASCII range: full-width letters and digits become
/// ASCII, so 「ＳＴＥＰ」 and 「１０」 read as `step` and `10`.
fn normalize(cell: &[u8]) -> String {
    String::from_utf8_lossy(cell)
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_lowercase()
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

/// Finds steps by id (`s7` or `7`) or exact title; `overall` / `全体` is the brand level.
struct StepIndex {
    by_key: HashMap<Vec<u8>, Result<Target, String>>,
}

impl StepIndex {
    fn new(journey: &Journey) -> Self {
        let mut by_key: HashMap<Vec<u8>, Result<Target, String>> = HashMap::new();
        for word in ["overall", "全体", "ブランド全体"] {
            by_key.insert(word.as_bytes().to_vec(), Ok(None));
        }
        let mut titles: HashMap<&str, Vec<StepId>> = HashMap::new();
        for s in &journey.steps {
            titles.entry(s.title.trim()).or_default().push(s.id);
        }
        for (title, ids) in titles {
            let found = match ids.as_slice() {
                [one] => Ok(Some(*one)),
                many => Err(many
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")),
            };
            by_key.insert(title.as_bytes().to_vec(), found);
        }
        // Ids last: an id always means that step, even if some title reads like an id.
        for s in &journey.steps {
            by_key.insert(s.id.to_string().into_bytes(), Ok(Some(s.id)));
            by_key.insert(s.id.0.to_string().into_bytes(), Ok(Some(s.id)));
        }
        Self { by_key }
    }

    fn find(&self, cell: &[u8]) -> Result<Target, RowError> {
        let key = trim_bytes(cell);
        let found = self
            .by_key
            .get(key)
            .or_else(|| self.by_key.get(normalize(key).as_bytes()));
        match found {
            Some(Ok(target)) => Ok(*target),
            Some(Err(ids)) => Err(RowError::AmbiguousStep(lossy(key), ids.clone())),
            None if key.is_empty() => Err(RowError::MissingStep),
            None => Err(RowError::UnknownStep(lossy(key))),
        }
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
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

/// A score cell: `None` if empty, else 0..=10 or an error.
fn score(cell: &[u8]) -> Result<Option<u8>, RowError> {
    let cell = trim_bytes(cell);
    match cell {
        [] => Ok(None),
        [d] if d.is_ascii_digit() => Ok(Some(d - b'0')),
        b"10" => Ok(Some(10)),
        _ => match normalize(cell).as_str() {
            "" => Ok(None),
            n => n
                .parse::<u8>()
                .ok()
                .filter(|s| *s <= Scores::MAX_SCORE)
                .map(Some)
                .ok_or_else(|| RowError::BadScore(lossy(cell))),
        },
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
    fn of(header: &csv::ByteRecord, steps: &StepIndex) -> Result<Self, ImportError> {
        let roles: Vec<Option<Role>> = header.iter().map(|h| role(&normalize(h))).collect();
        let find = |r| roles.iter().position(|x| *x == Some(r));
        let wave = find(Role::Wave);
        match (find(Role::Step), find(Role::Score)) {
            (Some(step), Some(score)) => Ok(Self::Long { step, score, wave }),
            (Some(_), None) => Err(ImportError::MissingColumn {
                found: "step",
                missing: "score",
            }),
            (None, Some(_)) => Err(ImportError::MissingColumn {
                found: "score",
                missing: "step",
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
                                line: 1,
                                error: RowError::DuplicateColumn(lossy(trim_bytes(cell))),
                            });
                        }
                        Ok(target) => columns.push((i, target)),
                        Err(RowError::MissingStep) => {} // an unnamed column, e.g. a timestamp
                        Err(error) => problems.push(RowProblem { line: 1, error }),
                    }
                }
                if !problems.is_empty() {
                    return Err(rows_error(problems));
                }
                if columns.is_empty() {
                    return Err(ImportError::MissingColumn {
                        found: "header",
                        missing: "step",
                    });
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

    /// Index of the row's wave (the default when the cell is absent or empty).
    fn wave(&mut self, cell: Option<&[u8]>) -> Result<usize, RowError> {
        let named = cell.map(trim_bytes).filter(|c| !c.is_empty());
        let name = match named {
            Some(c) => std::str::from_utf8(c).map_err(|_| RowError::MissingWave)?,
            None if self.default_wave.is_empty() => {
                self.needed_wave = true;
                return Err(RowError::MissingWave);
            }
            None => self.default_wave.as_str(),
        };
        if let Some(i) = self.waves.iter().position(|(n, _)| n == name) {
            return Ok(i);
        }
        self.waves.push((name.to_owned(), HashMap::new()));
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
        assert_eq!(score(b""), Ok(None));
        assert_eq!(score(b"11"), Err(RowError::BadScore("11".into())));
        assert_eq!(score(b"-1"), Err(RowError::BadScore("-1".into())));
        assert_eq!(score(b"abc"), Err(RowError::BadScore("abc".into())));
        assert_eq!(score(b"7.5"), Err(RowError::BadScore("7.5".into())));
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("step,score\n"), b',');
        assert_eq!(sniff_delimiter("step;score\n1;2,3"), b';');
        assert_eq!(sniff_delimiter("\"a,b,c\"\tscore\n"), b'\t');
        assert_eq!(sniff_delimiter("onecolumn\n"), b',');
    }

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(role(&normalize(" Step ".as_bytes())), Some(Role::Step));
        assert_eq!(role(&normalize("ＳＣＯＲＥ".as_bytes())), Some(Role::Score));
        assert_eq!(role(&normalize("推奨度".as_bytes())), Some(Role::Score));
        assert_eq!(role(&normalize("調査回".as_bytes())), Some(Role::Wave));
        assert_eq!(
            role(&normalize("回答者ID".as_bytes())),
            Some(Role::Respondent)
        );
        assert_eq!(role(&normalize("タイトル".as_bytes())), None);
    }
}
