//! The texts of export errors ([`ExportError`]).

use super::{Lang, Localize, english_display, say};
use crate::export::{ExportError, Format, MAX_PIXELS, MAX_SIDE};
use crate::model::shortened;

english_display!(ExportError);

impl Localize for ExportError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::BadSize { width, height } => {
                let megapixels = MAX_PIXELS / 1_000_000;
                say!(
                    lang,
                    "{width}×{height} ピクセルでは書き出せません。各辺は 1〜{MAX_SIDE}、画像全体は {megapixels} メガピクセルまでです",
                    "{width}×{height} pixels cannot be exported: each side must be 1–{MAX_SIDE} and the image at most {megapixels} megapixels"
                )
            }
            Self::BadScale(scale) => say!(
                lang,
                "倍率 {scale} は正の数ではありません",
                "scale {scale} is not a positive number"
            ),
            Self::UnknownWave(name) => {
                let name = shortened(name, crate::model::NAME_SHOWN_CHARS);
                say!(
                    lang,
                    "調査回「{name}」はありません",
                    "there is no survey wave called 「{name}」"
                )
            }
            Self::UnknownFlow(name) => {
                let name = shortened(name, crate::model::NAME_SHOWN_CHARS);
                say!(
                    lang,
                    "顧客フロー「{name}」はありません",
                    "there is no customer flow called 「{name}」"
                )
            }
            Self::Encode(why) => say!(
                lang,
                "PNG を作れませんでした（{why}）",
                "cannot encode the PNG: {why}"
            ),
            Self::UnknownFormat(path) => {
                let path = path.display();
                let known = Format::extensions();
                say!(
                    lang,
                    "{path}: 書き出せる形式は拡張子で決まります（{known}）。どれかで終わる名前にしてください",
                    "{path}: the format follows the extension; use one of {known}"
                )
            }
            Self::FormatMismatch { path, asked } => {
                let path = path.display();
                let asked = asked.extension();
                say!(
                    lang,
                    "{path}: 拡張子と --format {asked} が合いません（形式は拡張子で決まります）",
                    "{path}: the extension does not match --format {asked} (the format follows the extension)"
                )
            }
            Self::NoPages => say!(
                lang,
                "ページのない PDF は作れません",
                "a PDF needs at least one page"
            ),
            Self::Pdf(why) => say!(
                lang,
                "PDF を作れませんでした（{why}）",
                "cannot make the PDF: {why}"
            ),
            Self::Write(e) => e.localize(lang),
        }
    }
}
