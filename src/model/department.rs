//! The brand's departments: who owns each initiative or message, so the map shows which
//! team moves the customer up which step.

use super::colour::Rgb;
use super::ids::DepartmentId;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization as _;

/// A department of the brand (広告宣伝部, CRM部, …) with the colour its initiatives are drawn in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Stable id.
    pub id: DepartmentId,
    /// Name shown on its lane and in lists.
    pub name: String,
    /// Colour of its lane and chips.
    pub colour: Rgb,
}

/// Department colours: Paul Tol's "muted" scheme, distinguishable with colour-blindness and
/// apart from the phase colours (Okabe–Ito), which mean time, not ownership.
pub const DEPARTMENT_COLOURS: [Rgb; 9] = [
    Rgb::new(0x33, 0x22, 0x88),
    Rgb::new(0x88, 0xCC, 0xEE),
    Rgb::new(0x44, 0xAA, 0x99),
    Rgb::new(0x11, 0x77, 0x33),
    Rgb::new(0x99, 0x99, 0x33),
    Rgb::new(0xDD, 0xCC, 0x77),
    Rgb::new(0xCC, 0x66, 0x77),
    Rgb::new(0x88, 0x22, 0x55),
    Rgb::new(0xAA, 0x44, 0x99),
];

/// The colour for the `index`-th department (the palette repeats after nine).
#[must_use]
pub fn department_colour(index: usize) -> Rgb {
    DEPARTMENT_COLOURS[index % DEPARTMENT_COLOURS.len()]
}

/// A department name as compared when a person types it: NFKC (full-width letters and
/// half-width katakana become their usual forms), trimmed, lower case.
pub(super) fn folded(name: &str) -> String {
    name.nfkc().collect::<String>().trim().to_lowercase()
}
