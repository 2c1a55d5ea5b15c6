//! Hooks for UI tests (`egui_kittest`): where things are on screen, so tests can point and
//! click at real positions. Read-only views of app state; no test-only behaviour.

use super::KaidanApp;
use crate::model::StepId;
use egui::{Pos2, Rect};

impl KaidanApp {
    /// The screen rectangle of a step's card as last laid out, if it exists.
    #[must_use]
    pub fn card_screen_rect(&self, id: StepId) -> Option<Rect> {
        let card = self.doc.scene().card(id)?;
        Some(self.view.camera.to_screen() * card.rect)
    }

    /// Where the chip of a step's `index`-th initiative is drawn on screen, if it is.
    #[must_use]
    pub fn chip_screen_rect(&self, step: StepId, index: usize) -> Option<Rect> {
        let chip = self
            .doc
            .scene()
            .strategy
            .as_ref()?
            .chips
            .iter()
            .find(|c| c.step == step && c.index == index)?;
        Some(self.view.camera.to_screen() * chip.rect)
    }

    /// The screen position of a diagram point.
    #[must_use]
    pub fn to_screen(&self, diagram: Pos2) -> Pos2 {
        self.view.camera.to_screen() * diagram
    }
}
