//! The texts of file errors: why a project could not be loaded ([`LoadError`], with every
//! complaint of the RON parser) or saved ([`SaveError`]), and the system's reasons
//! ([`std::io::Error`]) in words of both languages.

use super::{Lang, Localize, english_display, say};
use crate::io::{LoadError, MAX_FILE_BYTES, SaveError, SaveErrorKind};
use ron::error::Error as RonError;
use std::io::ErrorKind;

english_display!(LoadError, SaveError);

/// The system's error number for "too many levels of symbolic links" (`ErrorKind` has no
/// stable kind for it yet).
#[cfg(any(target_os = "linux", target_os = "android"))]
const ELOOP: Option<i32> = Some(40);
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
const ELOOP: Option<i32> = Some(62);
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
const ELOOP: Option<i32> = None;

/// The system's reason for a failed read or write, in `lang`: the common cases in words,
/// the rest as the system says it.
#[must_use]
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    let words = match e.kind() {
        ErrorKind::NotFound => Some((
            "ファイルまたはフォルダがありません",
            "no such file or folder",
        )),
        ErrorKind::PermissionDenied => Some(("権限がありません", "permission denied")),
        ErrorKind::StorageFull => Some(("ディスクの空きがありません", "the disk is full")),
        ErrorKind::QuotaExceeded => Some((
            "ディスクの割り当てを超えています",
            "the disk quota is exceeded",
        )),
        ErrorKind::ReadOnlyFilesystem => {
            Some(("読み取り専用のドライブです", "the drive is read-only"))
        }
        ErrorKind::IsADirectory => Some(("フォルダです", "it is a folder")),
        ErrorKind::NotADirectory => Some((
            "途中がフォルダではありません",
            "a part of the path is not a folder",
        )),
        ErrorKind::AlreadyExists => Some(("すでにあります", "it already exists")),
        ErrorKind::InvalidFilename => {
            Some(("ファイル名が正しくありません", "the file name is not valid"))
        }
        ErrorKind::CrossesDevices => Some((
            "別のドライブへは移せません",
            "it cannot be moved across drives",
        )),
        ErrorKind::FileTooLarge => Some((
            "ファイルが大きすぎます（ファイルサイズの上限を超えます）",
            "the file would be larger than allowed",
        )),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => Some((
            "ほかのプログラムが使用中です",
            "another program is using it",
        )),
        ErrorKind::StaleNetworkFileHandle => Some((
            "ネットワーク上のファイルとの接続が切れました",
            "the connection to the network file was lost",
        )),
        ErrorKind::TimedOut => Some(("時間内に応答がありません", "it timed out")),
        ErrorKind::Interrupted => Some(("処理が中断されました", "it was interrupted")),
        ErrorKind::WriteZero | ErrorKind::UnexpectedEof => Some((
            "途中までしか書き込めませんでした",
            "it could only be written in part",
        )),
        ErrorKind::OutOfMemory => Some(("メモリが足りません", "out of memory")),
        ErrorKind::Unsupported => Some((
            "このドライブではできない操作です",
            "the drive does not support it",
        )),
        _ if e.raw_os_error().is_some() && e.raw_os_error() == ELOOP => Some((
            "シンボリックリンクが循環しています",
            "the symbolic links go round in a loop",
        )),
        _ => None,
    };
    match words {
        Some((ja, en)) => lang.pick(ja, en).to_owned(),
        None => match lang {
            Lang::Ja => format!("システムのエラー（{e}）"),
            Lang::En => e.to_string(),
        },
    }
}

impl Localize for LoadError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::NotFound(origin) => say!(
                lang,
                "{origin}: ファイルがありません",
                "{origin}: no such file"
            ),
            Self::IsDirectory(origin) => say!(
                lang,
                "{origin}: フォルダです。プロジェクトファイルを選んでください",
                "{origin}: is a folder, not a project file"
            ),
            Self::TooLarge { origin, size } => {
                let limit = MAX_FILE_BYTES >> 20;
                say!(
                    lang,
                    "{origin}: {size} バイトあり、プロジェクトファイルの上限 {limit} MiB を超えています",
                    "{origin}: {size} bytes is more than the {limit} MiB a project file may have"
                )
            }
            Self::Read { origin, source } => {
                let why = io_reason(source, lang);
                say!(
                    lang,
                    "{origin}: 読み込めません（{why}）",
                    "{origin}: cannot read: {why}"
                )
            }
            Self::NotUtf8 {
                origin,
                line,
                column,
                offset,
            } => say!(
                lang,
                "{origin}:{line}:{column}: UTF-8 のテキストではありません（{offset} バイト目）。UTF-8 で保存してください",
                "{origin}:{line}:{column}: not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8"
            ),
            Self::Syntax {
                origin,
                line,
                column,
                error,
                snippet,
            } => {
                let message = ron_message(error, lang);
                say!(
                    lang,
                    "{origin}:{line}:{column}: 書式が正しくありません。{message}\n{snippet}",
                    "{origin}:{line}:{column}: {message}\n{snippet}"
                )
            }
            Self::TemporaryFile { origin, project } => {
                let project = project.display();
                say!(
                    lang,
                    "{origin}: 保存が中断されて残った一時ファイルで、プロジェクトではありません。プロジェクトは {project} です",
                    "{origin}: a temporary file left by an interrupted save, not a project; the project is {project}"
                )
            }
            Self::NewerVersion {
                origin,
                found,
                supported,
            } => {
                let version = env!("CARGO_PKG_VERSION");
                say!(
                    lang,
                    "{origin}: format_version {found} で書かれています。この Kaidan（v{version}）が読めるのは format_version {supported} までです。Kaidan を更新してください",
                    "{origin}: written with format_version {found}, but this Kaidan (v{version}) reads format_version {supported} and older; update Kaidan to open it"
                )
            }
            Self::UnknownVersion {
                origin,
                found,
                supported,
            } => say!(
                lang,
                "{origin}: format_version {found} は Kaidan のファイルの版ではありません（1〜{supported}）",
                "{origin}: format_version {found} is not a Kaidan file version (1 to {supported})"
            ),
            Self::Invalid { origin, problems } => {
                let n = problems.len();
                let mut text = say!(
                    lang,
                    "{origin}: ジャーニーが {n} 個の規則を破っています:",
                    "{origin}: the journey breaks {n} rule(s):"
                );
                for p in problems {
                    text.push_str("\n  - ");
                    text.push_str(&p.localize(lang));
                }
                text
            }
        }
    }
}

impl Localize for SaveError {
    fn localize(&self, lang: Lang) -> String {
        let path = self.path.display();
        // Through a link, the message names both: the link the user chose and the file
        // that was to be written.
        let (file, gap) = match &self.target {
            Some(target) => {
                let target = target.display();
                let file = say!(
                    lang,
                    "{path}（リンク先 {target}）",
                    "{path} (a link to {target})"
                );
                (file, "")
            }
            None => (path.to_string(), " "),
        };
        match &self.kind {
            SaveErrorKind::ReadOnly => say!(
                lang,
                "{file}{gap}は読み取り専用のため、保存できません。ファイルは変更していません。別の名前で保存するか、書き込みを許可してください",
                "cannot save {file}: the file is read-only and was left unchanged; save under another name or allow writing to it"
            ),
            SaveErrorKind::FolderNotWritable(folder) => {
                let folder = folder.display();
                say!(
                    lang,
                    "{file}{gap}に保存できません（フォルダ {folder} にファイルを作る権限がありません）",
                    "cannot save {file}: no permission to create files in the folder {folder}"
                )
            }
            SaveErrorKind::NoFileName => say!(
                lang,
                "{file}{gap}に保存できません（ファイル名がありません）",
                "cannot save {file}: the path names no file"
            ),
            SaveErrorKind::TooManyLinks => say!(
                lang,
                "{file}{gap}に保存できません（シンボリックリンクが循環しているか、多すぎます）",
                "cannot save {file}: the symbolic links go round in a loop or are too many"
            ),
            SaveErrorKind::Io(source) => {
                let why = io_reason(source, lang);
                say!(
                    lang,
                    "{file}{gap}に保存できません（{why}）",
                    "cannot save {file}: {why}"
                )
            }
        }
    }
}

/// What the RON parser found wrong, in `lang`. Names from the file (fields, variants) are
/// quoted as they are, in backticks.
#[allow(clippy::too_many_lines)] // one arm per complaint of the parser
fn ron_message(e: &RonError, lang: Lang) -> String {
    match e {
        RonError::Eof => say!(
            lang,
            "ファイルが途中で終わっています",
            "the file ends too early"
        ),
        RonError::ExpectedArray => say!(lang, "`[` が必要です", "expected an opening `[`"),
        RonError::ExpectedArrayEnd => {
            say!(lang, "閉じる `]` が必要です", "expected a closing `]`")
        }
        RonError::ExpectedAttribute => say!(
            lang,
            "`#![enable(...)]` の形の属性が必要です",
            "expected an `#![enable(...)]` attribute"
        ),
        RonError::ExpectedAttributeEnd => say!(
            lang,
            "属性を閉じる `)]` が必要です",
            "expected `)]` to close the attribute"
        ),
        RonError::ExpectedBoolean => {
            say!(lang, "true か false が必要です", "expected true or false")
        }
        RonError::ExpectedComma => say!(lang, "カンマ `,` が必要です", "expected a comma `,`"),
        RonError::ExpectedChar => say!(
            lang,
            "1 文字（'a' の形）が必要です",
            "expected a character such as 'a'"
        ),
        RonError::ExpectedByteLiteral => say!(
            lang,
            "バイト（b'a' の形）が必要です",
            "expected a byte such as b'a'"
        ),
        RonError::ExpectedFloat => say!(lang, "数値が必要です", "expected a number"),
        RonError::FloatUnderscore => say!(
            lang,
            "この数値には `_` を使えません",
            "this number may not contain `_`"
        ),
        RonError::ExpectedInteger => say!(lang, "整数が必要です", "expected a whole number"),
        RonError::ExpectedOption => say!(
            lang,
            "Some(…) か None が必要です",
            "expected Some(…) or None"
        ),
        RonError::ExpectedOptionEnd | RonError::ExpectedStructLikeEnd => {
            say!(lang, "閉じる `)` が必要です", "expected a closing `)`")
        }
        RonError::ExpectedMap => say!(lang, "`{{` が必要です", "expected an opening `{{`"),
        RonError::ExpectedMapColon => say!(lang, "コロン `:` が必要です", "expected a colon `:`"),
        RonError::ExpectedMapEnd => {
            say!(lang, "閉じる `}}` が必要です", "expected a closing `}}`")
        }
        RonError::ExpectedDifferentStructName { expected, found } => say!(
            lang,
            "`{expected}` が必要ですが、`{found}` と書かれています",
            "expected `{expected}` but found `{found}`"
        ),
        RonError::ExpectedStructLike => say!(lang, "`(` が必要です", "expected an opening `(`"),
        RonError::ExpectedNamedStructLike(name) => {
            if name.is_empty() {
                say!(
                    lang,
                    "名前を付けずに `(` だけを書いてください",
                    "expected only an opening `(`, without a name"
                )
            } else {
                say!(
                    lang,
                    "`{name}` の `(` が必要です",
                    "expected an opening `(` for `{name}`"
                )
            }
        }
        RonError::ExpectedUnit => say!(lang, "`()` が必要です", "expected `()`"),
        RonError::ExpectedString => say!(
            lang,
            "\"…\" で囲んだ文字列が必要です",
            "expected a text in double quotes \"…\""
        ),
        RonError::ExpectedByteString => say!(
            lang,
            "b\"…\" の形のバイト列が必要です",
            "expected a byte string b\"…\""
        ),
        RonError::ExpectedStringEnd => say!(
            lang,
            "文字列を閉じる `\"` がありません",
            "the text is not closed with `\"`"
        ),
        RonError::ExpectedIdentifier => say!(
            lang,
            "名前（項目名や値の名前）が必要です",
            "expected a name (of a field or a value)"
        ),
        RonError::InvalidEscape(what) => {
            let detail = escape_detail(what, lang);
            say!(
                lang,
                "`\\` で始まるエスケープが正しくありません（{detail}）",
                "invalid escape sequence starting with `\\`: {detail}"
            )
        }
        RonError::IntegerOutOfBounds => say!(
            lang,
            "整数が使える範囲を超えています",
            "the whole number is out of range"
        ),
        RonError::InvalidIntegerDigit { digit, base } => say!(
            lang,
            "{base} 進数に使えない文字 '{digit}' があります",
            "'{digit}' is not a digit of a base-{base} number"
        ),
        RonError::NoSuchExtension(name) => say!(
            lang,
            "RON の拡張 `{name}` はありません",
            "there is no RON extension named `{name}`"
        ),
        RonError::UnclosedBlockComment => say!(
            lang,
            "コメント `/* … */` が閉じていません",
            "a comment `/* … */` is not closed"
        ),
        RonError::UnclosedLineComment => say!(
            lang,
            "行コメント `//` の後に改行が必要です",
            "a line comment `//` must end with a line break"
        ),
        RonError::UnderscoreAtBeginning => say!(
            lang,
            "数値を `_` で始めることはできません",
            "a number may not start with `_`"
        ),
        RonError::UnexpectedChar(c) => say!(
            lang,
            "ここに '{c}' は書けません",
            "unexpected character '{c}'"
        ),
        RonError::Utf8Error(_) => say!(
            lang,
            "UTF-8 として正しくない文字があります",
            "the text is not valid UTF-8"
        ),
        RonError::TrailingCharacters => say!(
            lang,
            "プロジェクトの終わりの後に、余分な文字があります",
            "there is more text after the end of the project"
        ),
        RonError::InvalidValueForType { expected, found } => {
            let expected = serde_expected(expected, lang);
            let found = serde_found(found, lang);
            say!(
                lang,
                "{expected}が必要ですが、{found}が書かれています",
                "expected {expected} but found {found}"
            )
        }
        RonError::ExpectedDifferentLength { expected, found } => {
            let expected = serde_expected(expected, lang);
            say!(
                lang,
                "{expected}が必要ですが、要素が {found} 個あります",
                "expected {expected} but found {found} element(s)"
            )
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let within = within(outer.as_deref(), lang);
            let choices = one_of(expected, lang);
            say!(
                lang,
                "{within} `{found}` という値はありません。{choices}",
                "there is no value `{found}`{within}; {choices}"
            )
            .trim_start()
            .to_owned()
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = within(outer.as_deref(), lang);
            let choices = one_of(expected, lang);
            say!(
                lang,
                "{within} `{found}` という項目はありません。{choices}",
                "there is no field `{found}`{within}; {choices}"
            )
            .trim_start()
            .to_owned()
        }
        RonError::MissingStructField { field, outer } => {
            let within = within(outer.as_deref(), lang);
            say!(
                lang,
                "{within}項目 `{field}` がありません",
                "the field `{field}` is missing{within}"
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let within = within(outer.as_deref(), lang);
            say!(
                lang,
                "{within}項目 `{field}` が 2 回書かれています",
                "the field `{field}` is written twice{within}"
            )
        }
        RonError::InvalidIdentifier(name) => say!(
            lang,
            "`{name}` は名前として使えません",
            "`{name}` is not a valid name"
        ),
        RonError::SuggestRawIdentifier(name) => say!(
            lang,
            "`{name}` はそのままでは名前に使えません。`r#{name}` と書いてください",
            "`{name}` cannot be a name as it is; write `r#{name}`"
        ),
        RonError::ExpectedRawValue => say!(lang, "RON の値が必要です", "expected a RON value"),
        RonError::ExceededRecursionLimit => say!(
            lang,
            "括弧の入れ子が深すぎます",
            "the brackets are nested too deeply"
        ),
        RonError::ExpectedStructName(name) => say!(
            lang,
            "名前 `{name}` が必要です",
            "expected the name `{name}`"
        ),
        RonError::ExpectedRangeSyntax => say!(
            lang,
            "範囲の `..` か `..=` が必要です",
            "expected `..` or `..=` for a range"
        ),
        RonError::Message(text) => match colour_in(text) {
            Some(value) => say!(
                lang,
                "色 {value} は \"#RRGGBB\" の形ではありません",
                "colour {value} is not of the form \"#RRGGBB\""
            ),
            None => say!(
                lang,
                "値が正しくありません（{text}）",
                "invalid value: {text}"
            ),
        },
        RonError::Io(text) => say!(
            lang,
            "読み込み中にエラーが起きました（{text}）",
            "read error: {text}"
        ),
        RonError::Fmt => say!(
            lang,
            "RON の書き出しに失敗しました",
            "formatting RON failed"
        ),
        // `ron::error::Error` is non-exhaustive: a complaint added by a later ron.
        other => say!(lang, "書式が正しくありません（{other}）", "{other}"),
    }
}

/// The value in [`crate::model::ParseRgbError`]'s message (`colour "…" is not of the form
/// "#RRGGBB"`), the only message of its own a project's deserialisation gives.
fn colour_in(message: &str) -> Option<&str> {
    message
        .strip_prefix("colour ")?
        .strip_suffix(" is not of the form \"#RRGGBB\"")
}

/// ` in step` / 「ステップの」: where a field or value was, from the Rust type's name.
fn within(outer: Option<&str>, lang: Lang) -> String {
    let Some(outer) = outer else {
        return String::new();
    };
    match type_words(outer) {
        Some((ja, en)) => say!(lang, "{ja}に", " in {en}"),
        None => say!(lang, "`{outer}` に", " in `{outer}`"),
    }
}

/// The words for the types a project file holds, by their Rust name.
fn type_words(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "FileIn" | "VersionProbe" => ("ファイルの最上位", "the file"),
        "Journey" => ("ジャーニー", "the journey"),
        "Persona" => ("ペルソナ", "the persona"),
        "Phase" => ("フェーズ", "a phase"),
        "Level" => ("レベル", "a level"),
        "Step" => ("ステップ", "a step"),
        "StepKind" => ("ステップの種類", "a step's kind"),
        "Channel" => ("チャネル", "a channel"),
        "Touchpoint" => ("接点", "a touchpoint"),
        "Initiative" => ("施策", "an initiative"),
        "Link" => ("つながり", "a link"),
        "Emotion" => ("感情", "an emotion"),
        "Feeling" => ("感情の名前", "an emotion name"),
        "Moment" => ("ペイン・デライト", "a pain point or delight"),
        "Surveys" => ("調査データ", "the surveys"),
        "Wave" => ("調査回", "a survey wave"),
        _ => return None,
    })
}

/// 「使えるのは `a`、`b`、`c` のいずれかです」 / "expected one of `a`, `b` or `c`".
fn one_of(choices: &[&str], lang: Lang) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => say!(
            lang,
            "ここには何も書けません",
            "nothing may be written here"
        ),
        [one] => say!(lang, "使えるのは {one} です", "expected {one}"),
        [a, b] => say!(lang, "使えるのは {a} か {b} です", "expected {a} or {b}"),
        [init @ .., last] => {
            let ja = quoted.join("、");
            let en = init.join(", ");
            say!(
                lang,
                "使えるのは {ja} のいずれかです",
                "expected one of {en} or {last}"
            )
        }
    }
}

/// What serde expected (its `Expected` text, English), in words of `lang`; unknown
/// phrases stay as they are, quoted.
fn serde_expected(expected: &str, lang: Lang) -> String {
    let words = match expected {
        "a boolean" => Some(("true か false ", "true or false")),
        "a character" | "a char" => Some(("1 文字", "a character")),
        "a string" | "a borrowed string" | "string" => Some(("文字列", "a text")),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" | "an integer" => Some(("整数", "a whole number")),
        "f32" | "f64" | "a float" => Some(("数値", "a number")),
        "a sequence" => Some(("`[…]` の一覧", "a list `[…]`")),
        "a map" => Some(("`{…}` の対応表", "a map `{…}`")),
        "option" => Some(("Some(…) か None ", "Some(…) or None")),
        "unit" => Some(("`()` ", "`()`")),
        _ => None,
    };
    if let Some((ja, en)) = words {
        return lang.pick(ja, en).to_owned();
    }
    let named = expected
        .strip_prefix("struct ")
        .or_else(|| expected.strip_prefix("enum "))
        .or_else(|| expected.strip_prefix("tuple struct "));
    if let Some(name) = named {
        return match type_words(name) {
            Some((ja, en)) => say!(lang, "{ja}", "{en}"),
            None => say!(lang, "`{name}` ", "`{name}`"),
        };
    }
    if let Some(n) = expected
        .strip_prefix("an array of length ")
        .or_else(|| expected.strip_prefix("a tuple of size "))
    {
        return say!(lang, "{n} 個の要素", "{n} elements");
    }
    say!(lang, "「{expected}」", "{expected}")
}

/// What serde found (ron's description, English), in words of `lang`.
fn serde_found(found: &str, lang: Lang) -> String {
    let valued = [
        ("the boolean ", "真偽値 ", "the boolean "),
        ("the unsigned integer ", "整数 ", "the whole number "),
        ("the signed integer ", "整数 ", "the whole number "),
        ("the floating point number ", "数値 ", "the number "),
        ("the UTF-8 character ", "文字 ", "the character "),
        ("the string ", "文字列 ", "the text "),
        ("the byte string ", "バイト列 ", "the byte string "),
    ];
    for (prefix, ja, en) in valued {
        if let Some(value) = found.strip_prefix(prefix) {
            return say!(lang, "{ja}{value} ", "{en}{value}");
        }
    }
    let words = match found {
        "a unit value" => Some(("`()` ", "`()`")),
        "an optional value" => Some(("Some(…) か None ", "Some(…) or None")),
        "a sequence" => Some(("`[…]` の一覧", "a list `[…]`")),
        "a map" => Some(("`{…}` の対応表", "a map `{…}`")),
        "an enum" | "a unit variant" | "a newtype variant" | "a tuple variant"
        | "a struct variant" => Some(("名前の付いた値", "a named value")),
        "a newtype struct" => Some(("`(…)` ", "`(…)`")),
        _ => None,
    };
    match words {
        Some((ja, en)) => lang.pick(ja, en).to_owned(),
        None => say!(lang, "「{found}」", "{found}"),
    }
}

/// The English explanation ron gives inside [`RonError::InvalidEscape`], in `lang`.
fn escape_detail(what: &str, lang: Lang) -> String {
    let words = match what {
        "Non-hex digit found" => Some(("16 進数でない文字があります", "a non-hex digit")),
        "Missing { in Unicode escape" => {
            Some(("\\u の後に `{` がありません", "`{` is missing after \\u"))
        }
        "No } at the end of Unicode escape" => Some((
            "\\u{…} を閉じる `}` がありません",
            "`}` is missing at the end of \\u{…}",
        )),
        "Expected 1-6 digits, got 0 digits in Unicode escape" => Some((
            "\\u{…} には 1〜6 桁の 16 進数が必要です",
            "\\u{…} needs 1 to 6 hex digits",
        )),
        "Not a valid Unicode-escaped character" | "Not a valid byte-escaped Unicode character" => {
            Some(("Unicode の文字ではありません", "not a Unicode character"))
        }
        "Unexpected Unicode escape in byte literal" => Some((
            "バイトには \\u を使えません",
            "\\u may not be used in a byte",
        )),
        "Unknown escape character" => {
            Some(("不明なエスケープ文字です", "unknown escape character"))
        }
        _ => None,
    };
    match words {
        Some((ja, en)) => lang.pick(ja, en).to_owned(),
        None => say!(lang, "「{what}」", "{what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, RonError, ron_message};
    use serde::de::Error as _;

    /// Every complaint ron 0.12 can make, with sample values.
    fn every_ron_error() -> Vec<RonError> {
        vec![
            RonError::Fmt,
            RonError::Io("disk error".into()),
            RonError::Message("something custom".into()),
            RonError::Message(crate::model::ParseRgbError("#12".into()).to_string()),
            RonError::Eof,
            RonError::ExpectedArray,
            RonError::ExpectedArrayEnd,
            RonError::ExpectedAttribute,
            RonError::ExpectedAttributeEnd,
            RonError::ExpectedBoolean,
            RonError::ExpectedComma,
            RonError::ExpectedChar,
            RonError::ExpectedByteLiteral,
            RonError::ExpectedFloat,
            RonError::FloatUnderscore,
            RonError::ExpectedInteger,
            RonError::ExpectedOption,
            RonError::ExpectedOptionEnd,
            RonError::ExpectedMap,
            RonError::ExpectedMapColon,
            RonError::ExpectedMapEnd,
            RonError::ExpectedDifferentStructName {
                expected: "Step",
                found: "Stpe".into(),
            },
            RonError::ExpectedStructLike,
            RonError::ExpectedNamedStructLike("Step"),
            RonError::ExpectedNamedStructLike(""),
            RonError::ExpectedStructLikeEnd,
            RonError::ExpectedUnit,
            RonError::ExpectedString,
            RonError::ExpectedByteString,
            RonError::ExpectedStringEnd,
            RonError::ExpectedIdentifier,
            RonError::InvalidEscape("Unknown escape character"),
            RonError::InvalidEscape("Non-hex digit found"),
            RonError::IntegerOutOfBounds,
            RonError::InvalidIntegerDigit {
                digit: 'z',
                base: 16,
            },
            RonError::NoSuchExtension("bogus".into()),
            RonError::UnclosedBlockComment,
            RonError::UnclosedLineComment,
            RonError::UnderscoreAtBeginning,
            RonError::UnexpectedChar('@'),
            RonError::Utf8Error(std::str::from_utf8(&[0xFF_u8, 0xFE][..]).expect_err("not UTF-8")),
            RonError::TrailingCharacters,
            RonError::invalid_type(serde::de::Unexpected::Str("four"), &"f64"),
            RonError::invalid_type(serde::de::Unexpected::Unsigned(3), &"a string"),
            RonError::invalid_type(serde::de::Unexpected::Seq, &"struct Step"),
            RonError::invalid_length(2, &"an array of length 11"),
            RonError::NoSuchEnumVariant {
                expected: &["Start", "Step", "Goal"],
                found: "Gaol".into(),
                outer: Some("StepKind".into()),
            },
            RonError::NoSuchStructField {
                expected: &["id", "title"],
                found: "titel".into(),
                outer: Some("Step".into()),
            },
            RonError::NoSuchStructField {
                expected: &[],
                found: "x".into(),
                outer: None,
            },
            RonError::MissingStructField {
                field: "format_version",
                outer: Some("FileIn".into()),
            },
            RonError::DuplicateStructField {
                field: "t",
                outer: None,
            },
            RonError::InvalidIdentifier("1abc".into()),
            RonError::SuggestRawIdentifier("type".into()),
            RonError::ExpectedRawValue,
            RonError::ExceededRecursionLimit,
            RonError::ExpectedStructName("Step".into()),
            RonError::ExpectedRangeSyntax,
        ]
    }

    /// ASCII words of three letters or more outside backticks, quotes and 「」.
    fn english_words(text: &str) -> Vec<String> {
        let mut outside = String::new();
        let mut quoted = None;
        for c in text.chars() {
            match (quoted, c) {
                (None, '`' | '"' | '「' | '\'') => {
                    quoted = Some(if c == '「' { '」' } else { c });
                }
                (Some(end), c) if c == end => quoted = None,
                (None, c) => outside.push(c),
                _ => {}
            }
        }
        outside
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .filter(|w| !["RON", "UTF", "true", "false", "Some", "None", "Unicode"].contains(w))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_ron_error_has_a_japanese_text_without_english_words() {
        for e in every_ron_error() {
            let ja = ron_message(&e, Lang::Ja);
            let en = ron_message(&e, Lang::En);
            assert_ne!(ja, en, "{e:?}");
            assert!(!ja.is_ascii(), "{e:?}: {ja}");
            // Custom messages of other libraries and read errors carry their own words.
            if !matches!(e, RonError::Message(ref m) if m == "something custom")
                && !matches!(e, RonError::Io(_))
            {
                assert_eq!(english_words(&ja), Vec::<String>::new(), "{e:?}: {ja}");
            }
            assert!(!en.is_empty());
        }
    }

    #[test]
    fn field_and_value_names_are_quoted_as_they_are() {
        let e = RonError::NoSuchStructField {
            expected: &["id", "title", "t"],
            found: "titel".into(),
            outer: Some("Step".into()),
        };
        assert_eq!(
            ron_message(&e, Lang::Ja),
            "ステップに `titel` という項目はありません。使えるのは `id`、`title`、`t` のいずれかです"
        );
        assert_eq!(
            ron_message(&e, Lang::En),
            "there is no field `titel` in a step; expected one of `id`, `title` or `t`"
        );
        let e = RonError::invalid_type(serde::de::Unexpected::Str("four"), &"f64");
        assert_eq!(
            ron_message(&e, Lang::Ja),
            "数値が必要ですが、文字列 \"four\" が書かれています"
        );
    }
}
