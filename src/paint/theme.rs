//! Colours of the diagram, as data: a light theme for projectors and a dark one.
//! Built on the Okabe–Ito palette, which stays distinct for colour-blind viewers; meaning is
//! never carried by colour alone (dash pattern, markers and icons as well).

use egui::Color32;

/// The Okabe–Ito colour-blind-safe palette.
pub mod okabe_ito {
    use egui::Color32;
    /// Orange.
    pub const ORANGE: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
    /// Sky blue.
    pub const SKY_BLUE: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
    /// Bluish green.
    pub const BLUISH_GREEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
    /// Yellow.
    pub const YELLOW: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
    /// Blue.
    pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
    /// Vermillion.
    pub const VERMILLION: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
    /// Reddish purple.
    pub const REDDISH_PURPLE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
    /// The palette in order, for new phases.
    pub const ALL: [Color32; 7] = [
        ORANGE,
        SKY_BLUE,
        BLUISH_GREEN,
        YELLOW,
        BLUE,
        VERMILLION,
        REDDISH_PURPLE,
    ];
}

/// Every colour the diagram painter uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Behind everything.
    pub background: Color32,
    /// Alternate level bands.
    pub band: [Color32; 2],
    /// Lines between bands and phases.
    pub grid: Color32,
    /// Main text (labels, axis).
    pub text: Color32,
    /// Secondary text (descriptions, link labels).
    pub muted: Color32,
    /// Card fill.
    pub card: Color32,
    /// Card border.
    pub card_border: Color32,
    /// Card text.
    pub card_text: Color32,
    /// Start card fill.
    pub start: Color32,
    /// Start card text.
    pub start_text: Color32,
    /// Goal card fill.
    pub goal: Color32,
    /// Goal card border and text.
    pub goal_text: Color32,
    /// Ascending and level links.
    pub link: Color32,
    /// Descending branches.
    pub descend: Color32,
    /// Selection outline and rubber band.
    pub selection: Color32,
    /// Background of link labels.
    pub label_fill: Color32,
}

impl Theme {
    /// The default: light, high contrast, for projectors.
    #[must_use]
    pub fn light() -> Self {
        Self {
            background: Color32::WHITE,
            band: [
                Color32::from_rgb(0xF6, 0xF7, 0xF9),
                Color32::from_rgb(0xEC, 0xEE, 0xF2),
            ],
            grid: Color32::from_rgb(0xC8, 0xCC, 0xD4),
            text: Color32::from_rgb(0x1A, 0x1A, 0x1A),
            muted: Color32::from_rgb(0x55, 0x5B, 0x66),
            card: Color32::WHITE,
            card_border: Color32::from_rgb(0x4A, 0x50, 0x5C),
            card_text: Color32::from_rgb(0x1A, 0x1A, 0x1A),
            start: Color32::from_rgb(0x33, 0x3A, 0x45),
            start_text: Color32::WHITE,
            goal: Color32::from_rgb(0xFF, 0xF4, 0xB8),
            goal_text: Color32::from_rgb(0x1A, 0x1A, 0x1A),
            link: okabe_ito::BLUE,
            descend: okabe_ito::VERMILLION,
            selection: okabe_ito::SKY_BLUE,
            label_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 235),
        }
    }

    /// Dark theme for screens.
    #[must_use]
    pub fn dark() -> Self {
        Self {
            background: Color32::from_rgb(0x1B, 0x1D, 0x22),
            band: [
                Color32::from_rgb(0x23, 0x26, 0x2C),
                Color32::from_rgb(0x2A, 0x2E, 0x35),
            ],
            grid: Color32::from_rgb(0x44, 0x4A, 0x55),
            text: Color32::from_rgb(0xEE, 0xEE, 0xEE),
            muted: Color32::from_rgb(0xB0, 0xB6, 0xC0),
            card: Color32::from_rgb(0x32, 0x36, 0x3E),
            card_border: Color32::from_rgb(0x9A, 0xA2, 0xAE),
            card_text: Color32::from_rgb(0xF2, 0xF2, 0xF2),
            start: Color32::from_rgb(0xE8, 0xEA, 0xEE),
            start_text: Color32::from_rgb(0x1A, 0x1A, 0x1A),
            goal: Color32::from_rgb(0x5C, 0x52, 0x14),
            goal_text: Color32::from_rgb(0xFF, 0xF6, 0xC8),
            link: okabe_ito::SKY_BLUE,
            descend: okabe_ito::ORANGE,
            selection: okabe_ito::YELLOW,
            label_fill: Color32::from_rgba_unmultiplied(0x1B, 0x1D, 0x22, 235),
        }
    }

    /// Black or white, whichever reads better on `fill`.
    #[must_use]
    pub fn text_on(fill: Color32) -> Color32 {
        let [r, g, b, _] = fill.to_array();
        let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
        if luma > 140.0 {
            Color32::from_rgb(0x1A, 0x1A, 0x1A)
        } else {
            Color32::WHITE
        }
    }
}
