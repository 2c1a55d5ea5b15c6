//! The bundled Japanese font (BIZ UDPGothic, SIL OFL 1.1): installed for the screen and
//! for export alike, so Japanese text never falls back to tofu. Its dashes come from a small
//! font derived from it with thicker bars (`tools/make_dash_font.py`): BIZ's own en and em
//! dashes are 0.048 em thick, and egui's rasteriser drops them below about 12 px — 「批判者
//! (0–6)」 read 「批判者 (0 6)」 in the NPS legend.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// BIZ UDPGothic Regular: kana, kanji and Latin, designed for legibility.
pub const BIZ_UDP_GOTHIC: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");

/// Name under which the font is registered.
pub const JAPANESE: &str = "BIZ UDPGothic";

/// BIZ UDPGothic's dashes (U+2010, U+2013–U+2015, U+2212) with bars 150/2048 em thick.
pub const KAIDAN_DASHES: &[u8] = include_bytes!("../assets/fonts/KaidanDashes-Regular.ttf");

/// Name under which the dashes are registered.
pub const DASHES: &str = "Kaidan Dashes";

/// egui's default fonts with BIZ UDPGothic first (after its thicker dashes), for both
/// proportional and monospace text: its Latin is fine, and putting it first keeps Japanese
/// and Latin on one baseline.
#[must_use]
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        JAPANESE.to_owned(),
        Arc::new(FontData::from_static(BIZ_UDP_GOTHIC)),
    );
    fonts.font_data.insert(
        DASHES.to_owned(),
        Arc::new(FontData::from_static(KAIDAN_DASHES)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.insert(0, JAPANESE.to_owned());
        list.insert(0, DASHES.to_owned());
    }
    fonts
}
