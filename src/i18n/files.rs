//! The texts of file errors: why a project could not be loaded ([`LoadError`]) or saved
//! ([`SaveError`]), and the system's reasons ([`std::io::Error`]) in words of both languages.

use super::{Lang, Localize, english_display, say};
use crate::io::{LoadError, MAX_FILE_BYTES, SaveError};
use std::io::ErrorKind;

english_display!(LoadError, SaveError);

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
                message,
                snippet,
            } => say!(
                lang,
                "{origin}:{line}:{column}: 書式が正しくありません: {message}\n{snippet}",
                "{origin}:{line}:{column}: {message}\n{snippet}"
            ),
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
        let why = io_reason(&self.source, lang);
        say!(
            lang,
            "{path} に保存できません（{why}）",
            "cannot save {path}: {why}"
        )
    }
}
