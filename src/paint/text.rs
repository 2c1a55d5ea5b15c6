//! Text as the painter draws it: broken into rows by [`crate::linebreak`] with the real
//! glyph widths of the font, then laid out by egui row by row.

use crate::linebreak::break_rows;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter};
use std::sync::Arc;

/// Room left at a row's end for what summing glyph widths misses (kerning, rounding), in
/// points.
const SLACK: f32 = 0.5;

/// Lays out `text` in rows at most `width` points wide, at most `rows` of them, broken by
/// [`break_rows`] with the widths of `font`'s glyphs: what the painter draws every wrapped
/// text with.
#[must_use]
pub fn galley(
    painter: &Painter,
    text: &str,
    font: FontId,
    colour: Color32,
    width: f32,
    rows: usize,
) -> Arc<Galley> {
    let broken = painter.fonts_mut(|fonts| {
        break_rows(text, (width - SLACK).max(0.0), rows, |c| {
            fonts.glyph_width(&font, c)
        })
    });
    let mut job = LayoutJob::single_section(broken.joined(), TextFormat::simple(font, colour));
    // The rows are final: egui must not wrap them again.
    job.wrap = TextWrapping::no_max_width();
    job.halign = egui::Align::LEFT;
    painter.layout_job(job)
}

#[cfg(test)]
mod tests {
    use crate::linebreak::{ASCII_EM, em_width};

    #[test]
    fn the_layouts_width_table_is_the_bundled_fonts() {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::fonts::definitions());
        let mut pass = ctx.run_pass(egui::RawInput::default(), |_| {});
        pass.textures_delta.clear();
        let font = egui::FontId::proportional(1000.0);
        ctx.fonts_mut(|fonts| {
            for (i, &em) in ASCII_EM.iter().enumerate() {
                let c = char::from(0x20 + i as u8);
                let real = fonts.glyph_width(&font, c) / 1000.0;
                assert!(
                    (real - em).abs() < 0.002,
                    "{c:?}: {real} in the font, {em} in the table"
                );
            }
            // Kana, kanji and full-width forms are never wider than the layout assumes.
            for c in ('\u{3000}'..='\u{30FF}')
                .chain('\u{4E00}'..='\u{4FFF}')
                .chain('\u{FF01}'..='\u{FF9F}')
            {
                let real = fonts.glyph_width(&font, c) / 1000.0;
                assert!(
                    real <= em_width(c) + 0.002,
                    "{c:?}: {real} > {}",
                    em_width(c)
                );
            }
        });
    }
}
