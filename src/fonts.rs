//! The bundled Japanese font (BIZ UDPGothic, SIL OFL 1.1): installed for the screen and
//! for export alike, so Japanese text never falls back to tofu.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// BIZ UDPGothic Regular: kana, kanji and Latin, designed for legibility.
pub const BIZ_UDP_GOTHIC: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");

/// Name under which the font is registered.
pub const JAPANESE: &str = "BIZ UDPGothic";

/// egui's default fonts with BIZ UDPGothic first, for both proportional and monospace text:
/// its Latin is fine, and putting it first keeps Japanese and Latin on one baseline.
#[must_use]
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        JAPANESE.to_owned(),
        Arc::new(FontData::from_static(BIZ_UDP_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, JAPANESE.to_owned());
    }
    fonts
}
