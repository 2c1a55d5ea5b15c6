//! Journeys bundled into the binary, so the app opens on an example from any folder and
//! offers the examples as templates.

use crate::io::{self, LoadError, Origin};
use crate::model::Journey;

/// A journey shipped inside the binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bundled {
    /// File name, as in `examples/`.
    pub file_name: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// The すっぽん小町 workshop case (Japanese): the journey the app opens by default.
pub const TEINEI: Bundled = Bundled {
    file_name: "teinei.kaidan.ron",
    text: include_str!("../examples/teinei.kaidan.ron"),
};

/// The consumer decision journey with its loyalty loop (English and Japanese).
pub const LOYALTY_LOOP: Bundled = Bundled {
    file_name: "loyalty-loop.kaidan.ron",
    text: include_str!("../examples/loyalty-loop.kaidan.ron"),
};

/// Every bundled journey, the default first.
pub const ALL: [Bundled; 2] = [TEINEI, LOYALTY_LOOP];

impl Bundled {
    /// Parses the bundled journey.
    pub fn load(&self) -> Result<Journey, LoadError> {
        io::from_str(self.text, &Origin(format!("<bundled {}>", self.file_name)))
    }
}
