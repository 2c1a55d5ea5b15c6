//! The texts of survey-import errors: why a CSV file imported nothing ([`ImportError`]) and
//! what is wrong with one of its rows ([`RowProblem`], [`RowError`]), in Japanese and English.
//! Cells arrive already quoted by `survey_csv::quoted_cell` (cut, control characters shown).

use super::{Lang, Localize, english_display, io_reason, say};
use crate::io::survey_csv::{Column, ImportError, RowError, RowProblem};

english_display!(ImportError, RowProblem, RowError);

fn column(column: Column, lang: Lang) -> &'static str {
    let (ja, en) = match column {
        Column::Step => ("ステップ", "step"),
        Column::Score => ("スコア", "score"),
        Column::Wave => ("調査回", "wave"),
        Column::Customer => ("顧客ID", "customer"),
        Column::Date => ("日付", "date"),
    };
    lang.pick(ja, en)
}

impl Localize for RowError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::BadScore(cell) => say!(
                lang,
                "スコア「{cell}」は 0〜10 の整数ではありません",
                "score 「{cell}」 is not a whole number from 0 to 10"
            ),
            Self::MissingScore => say!(lang, "スコアが空です", "the score is empty"),
            Self::MissingStep => say!(lang, "ステップが空です", "the step is empty"),
            Self::UnknownStep(cell) => say!(
                lang,
                "「{cell}」という ID やタイトルのステップはありません",
                "「{cell}」 matches no step's id or title"
            ),
            Self::AmbiguousStep(cell, ids) => say!(
                lang,
                "「{cell}」は複数のステップ（{ids}）のタイトルです。ID で指定してください",
                "「{cell}」 is the title of several steps ({ids}); use the id instead"
            ),
            Self::FieldCount { found, expected } => say!(
                lang,
                "列の数が {found} で、見出し行の {expected} 列と合いません",
                "{found} fields, but the header has {expected}"
            ),
            Self::MissingWave => say!(lang, "調査回が空です", "the wave is empty"),
            Self::WaveNameControl(name) => say!(
                lang,
                "調査回の名前「{name}」に改行などの制御文字が含まれています",
                "the wave name 「{name}」 holds a control character (a line break, an escape, …)"
            ),
            Self::DuplicateColumn(cell) => say!(
                lang,
                "ステップ「{cell}」の列が 2 つあります",
                "step 「{cell}」 has two columns"
            ),
            Self::Overflow => say!(
                lang,
                "1 つのスコアの回答数が 4294967295 件を超えています",
                "more than 4294967295 answers for one score"
            ),
            Self::Malformed(why) => say!(lang, "CSV として読めません（{why}）", "{why}"),
            Self::MissingCustomer => say!(lang, "顧客IDがありません", "no customer"),
            Self::BadDate(cell) => say!(
                lang,
                "日付「{cell}」は暦にある日付ではありません（2026-03-01、2026-03-01T10:00、2026/3/1 の形）",
                "「{cell}」 is not a calendar date (2026-03-01, 2026-03-01T10:00 or 2026/3/1)"
            ),
        }
    }
}

impl Localize for RowProblem {
    fn localize(&self, lang: Lang) -> String {
        let (line, error) = (self.line, self.error.localize(lang));
        say!(lang, "{line} 行目: {error}", "line {line}: {error}")
    }
}

impl Localize for ImportError {
    #[allow(clippy::too_many_lines)] // one arm per refusal
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::Read { path, source } => {
                let why = io_reason(source, lang);
                say!(
                    lang,
                    "{path}: 読み込めません（{why}）",
                    "{path}: cannot read: {why}"
                )
            }
            Self::TooLarge { path, size } => say!(
                lang,
                "{path}: {size} バイトあり、調査データの上限 1 GiB を超えています",
                "{path}: {size} bytes is more than the 1 GiB a survey file may have"
            ),
            Self::Changed { path } => say!(
                lang,
                "{path}: 読み込んでいる間にファイルが変更されました。保存が終わってから、もう一度取り込んでください",
                "{path}: the file changed while it was being read; import it again once it is saved"
            ),
            Self::Encoding { line } => say!(
                lang,
                "{line} 行目: UTF-8 でも Shift_JIS でもない文字があります。Excel で「CSV UTF-8」形式で保存し直してください",
                "line {line}: the file is neither UTF-8 nor Shift_JIS text; save it from Excel as \"CSV UTF-8\""
            ),
            Self::NotBomEncoding { line, encoding } => say!(
                lang,
                "{line} 行目: ファイルの先頭に {encoding} の BOM がありますが、この行は {encoding} ではありません。Excel で「CSV UTF-8」形式で保存し直してください",
                "line {line}: the file begins with a {encoding} byte-order mark, but this line is not {encoding} text; save it from Excel as \"CSV UTF-8\""
            ),
            Self::MixedEncodings { line, found, file } => say!(
                lang,
                "{line} 行目: この行は {found}、ほかの行は {file} で、文字コードが混在しています。文字化けを防ぐため、何も取り込んでいません。ファイル全体を 1 つの文字コード（Excel の「CSV UTF-8」など）で保存し直してください",
                "line {line}: this line is {found} text, but the rest of the file is {file}; a file that mixes encodings would import garbled names, so nothing was imported. Save the whole file in one encoding (e.g. Excel's \"CSV UTF-8\")"
            ),
            Self::UnclosedQuote { line } => say!(
                lang,
                "{line} 行目: ここで始まるダブルクォート（\"）が閉じられていません。以降の行がすべて 1 つのセルになってしまうため、何も取り込んでいません。引用符を閉じるか削除してください",
                "line {line}: a quoted field opens here and never closes, so every row after it would become one cell and nothing was imported; close the quote (\") or remove it"
            ),
            Self::Empty => say!(
                lang,
                "ファイルが空です。1 行目に見出し行が必要です",
                "the file is empty: expected a header row"
            ),
            Self::MissingColumn { found, missing } => {
                let (found, missing) = (column(*found, lang), column(*missing, lang));
                say!(
                    lang,
                    "見出し行に「{found}」の列はありますが、「{missing}」の列がありません",
                    "the header has a {found} column but no {missing} column"
                )
            }
            Self::NoStepColumns => say!(
                lang,
                "見出し行にステップがありません。「ステップ」と「スコア」の列（縦持ち）か、ステップのタイトルまたは ID を見出しにした列（横持ち）が必要です",
                "the header names no step: expected step and score columns (long format), or one column per step title or id (wide format)"
            ),
            Self::DuplicateColumns { column: c, headers } => {
                let (n, what) = (headers.len(), column(*c, lang));
                let list = headers
                    .iter()
                    .map(|(i, cell)| say!(lang, "{i} 列目「{cell}」", "column {i} 「{cell}」"))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", "));
                say!(
                    lang,
                    "見出し行に「{what}」の列が {n} つあります（{list}）。どれを使うか決められないため、1 つにしてください",
                    "the header has {n} {what} columns ({list}), so which one counts is unclear; keep one"
                )
            }
            Self::WaveNameControl(name) => say!(
                lang,
                "調査回の名前「{name}」に改行などの制御文字が含まれています",
                "the wave name 「{name}」 holds a control character (a line break, an escape, …)"
            ),
            Self::NoWave => say!(
                lang,
                "取り込み先の調査回の名前を入力してください",
                "name the survey wave to import into"
            ),
            Self::Rows { problems, total } => {
                // Problems, not rows: a header can have several (one per unknown column).
                let mut text = match lang {
                    Lang::Ja => format!("{total} 件の問題があるため、何も取り込んでいません:"),
                    Lang::En if *total == 1 => {
                        "1 problem found, so nothing was imported:".to_owned()
                    }
                    Lang::En => format!("{total} problems found, so nothing was imported:"),
                };
                for p in problems {
                    text.push_str("\n  ");
                    text.push_str(&p.localize(lang));
                }
                if *total > problems.len() {
                    let more = total - problems.len();
                    text.push_str("\n  ");
                    text.push_str(&say!(lang, "… ほか {more} 件", "… and {more} more"));
                }
                text
            }
            Self::NoAnswers => say!(lang, "回答が 1 件もありません", "the file holds no answers"),
            Self::MissingColumns(missing) => {
                let names = missing
                    .iter()
                    .map(|c| column(*c, lang))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", "));
                say!(
                    lang,
                    "見出し行に「{names}」の列がありません（必要な列: 顧客ID、ステップ、日付）",
                    "the header has no {names} column (needed: customer, step, date)"
                )
            }
        }
    }
}

/// What the import dialog says of a file that names its own waves: `named` gets the rows that
/// name them; the rows that name none (if `unnamed`) go to the typed `wave`.
#[must_use]
pub fn file_waves(named: &[String], unnamed: bool, wave: &str, lang: Lang) -> String {
    let quoted = named
        .iter()
        .map(|n| format!("「{n}」"))
        .collect::<Vec<_>>()
        .join(", ");
    if unnamed {
        say!(
            lang,
            "このファイルには調査回の列があります。列に調査回がある行は {quoted} に、空の行は「{wave}」に取り込まれます。",
            "This file has a wave column: rows that name a wave go to {quoted}, rows that leave it empty to 「{wave}」."
        )
    } else {
        say!(
            lang,
            "このファイルには調査回の列があり、すべての行が {quoted} に取り込まれます。上の名前は使われません。",
            "This file has a wave column: every row goes to {quoted}. The name above is not used."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_problems_read_in_one_language() {
        let p = RowProblem {
            line: 4,
            error: RowError::BadScore("11".into()),
        };
        assert_eq!(
            p.localize(Lang::Ja),
            "4 行目: スコア「11」は 0〜10 の整数ではありません"
        );
        assert_eq!(
            p.to_string(),
            "line 4: score 「11」 is not a whole number from 0 to 10"
        );
    }

    #[test]
    fn every_import_error_has_japanese_without_english_words() {
        let errors = [
            ImportError::Changed {
                path: "data.csv".into(),
            },
            ImportError::Encoding { line: 2 },
            ImportError::NotBomEncoding {
                line: 4,
                encoding: "UTF-8",
            },
            ImportError::MixedEncodings {
                line: 4,
                found: "Shift_JIS",
                file: "UTF-8",
            },
            ImportError::UnclosedQuote { line: 3 },
            ImportError::Empty,
            ImportError::MissingColumn {
                found: Column::Step,
                missing: Column::Score,
            },
            ImportError::NoStepColumns,
            ImportError::DuplicateColumns {
                column: Column::Step,
                headers: vec![(1, "step".into()), (3, "ステップ".into())],
            },
            ImportError::WaveNameControl("春\\n".into()),
            ImportError::NoWave,
            ImportError::NoAnswers,
            ImportError::MissingColumns(vec![Column::Customer, Column::Date]),
            ImportError::Rows {
                problems: vec![RowProblem {
                    line: 2,
                    error: RowError::MissingScore,
                }],
                total: 3,
            },
        ];
        for e in &errors {
            let ja = e.localize(Lang::Ja);
            let en = e.to_string();
            assert_ne!(ja, en);
            for english in [" the ", " is ", " no ", "line ", "column", "wave"] {
                assert!(!ja.contains(english), "{english:?} in {ja}");
            }
            assert!(!en.contains("行目"), "{en}");
        }
    }
}
