//! The texts of the app's own errors ([`StartError`]).

use super::{Lang, Localize, english_display, say};
use crate::app::StartError;

english_display!(StartError);

impl Localize for StartError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::Window(why) => say!(
                lang,
                "ウィンドウを開けません（{why}）。デスクトップ環境（X11 または Wayland と OpenGL）で起動してください",
                "cannot open a window: {why}; start Kaidan on a desktop (X11 or Wayland with OpenGL)"
            ),
        }
    }
}
