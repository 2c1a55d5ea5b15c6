//! The keyboard: shortcuts from the action table, presenter view's keys, the palette.

use super::actions::UiAction;
use super::{KaidanApp, palette};

impl KaidanApp {
    /// Presenter view's keys: reveal (Page Down / → / Page Up / ← / Home / End, as a clicker
    /// sends them), spotlight (Enter on the newest step), Esc (the spotlight, then the view),
    /// F5, T, and undo / redo. Nothing else: no structural edit by accident.
    pub(super) fn presenter_keys(&mut self, ctx: &egui::Context) {
        use egui::Key;
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        let spotlit = self
            .view
            .presenter
            .as_ref()
            .is_some_and(|p| p.spotlight.is_some());
        if pressed(Key::Escape) {
            match self.view.presenter.as_mut() {
                Some(p) if p.setup.is_some() => p.setup = None,
                Some(p) if p.board.is_some() => p.board = None,
                Some(p) if p.spotlight.is_some() => p.spotlight = None,
                _ => self.run_action(ctx, UiAction::Present),
            }
            return;
        }
        for action in [UiAction::Present, UiAction::Undo, UiAction::Redo] {
            let hit = action
                .shortcuts()
                .iter()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(s)));
            if hit {
                self.run_action(ctx, action);
                return;
            }
        }
        // In the spotlight, the keyboard belongs to the sticky note; in the voting dialog, to
        // its fields; on the board, to its buttons.
        let voting = self
            .view
            .presenter
            .as_ref()
            .is_some_and(|p| p.setup.is_some() || p.board.is_some());
        if spotlit || voting {
            return;
        }
        if pressed(Key::V) {
            self.run_action(ctx, UiAction::Vote);
            return;
        }
        if pressed(Key::T) {
            self.run_action(ctx, UiAction::Timer);
        }
        // The document and the view are apart: read one while changing the other.
        let j = self.doc.journey();
        let Some(p) = self.view.presenter.as_mut() else {
            return;
        };
        if pressed(Key::PageDown) || pressed(Key::ArrowRight) {
            p.next(j);
        }
        if pressed(Key::PageUp) || pressed(Key::ArrowLeft) {
            p.back();
        }
        if pressed(Key::Home) {
            p.revealed = 0;
        }
        if pressed(Key::End) {
            p.revealed = j.phases.len();
        }
        if pressed(Key::Enter) {
            // The newest revealed step.
            let revealed = j.steps.iter().filter(|s| p.is_revealed(j, s.id));
            p.spotlight = revealed.max_by(|a, b| a.t.total_cmp(&b.t)).map(|s| s.id);
        }
    }

    /// The command palette, while open: runs what it is asked to.
    pub(super) fn palette(&mut self, ctx: &egui::Context) {
        let Some(mut palette) = self.view.palette.take() else {
            return;
        };
        let state = self.action_state();
        match palette::show(ctx, &mut palette, &state, self.settings.lang) {
            palette::Outcome::Open => self.view.palette = Some(palette),
            palette::Outcome::Close => {}
            palette::Outcome::Run(action) => self.run_action(ctx, action),
        }
    }

    /// Keyboard shortcuts and clipboard events, unless a text field has the keyboard.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input()
            || self.view.rename.is_some()
            || self.view.capture.is_some();
        // An open dialog, chooser or the palette has the keyboard (Esc closes it).
        let dialog = self.modal.is_some()
            || self.export.is_some()
            || self.import.is_some()
            || self.events.is_some();
        if dialog || self.view.palette.is_some() || self.chooser.is_some() {
            return;
        }
        if self.view.presenter.is_some() {
            self.presenter_keys(ctx);
            return;
        }
        // Esc belongs to an open menu or popup: it closes it (egui does that on the menu's
        // side), and must not also deselect.
        let menu_open = egui::Popup::is_any_open(ctx);
        for action in UiAction::ALL {
            if action.via_clipboard_event() || (typing && action.canvas_only()) {
                continue;
            }
            if menu_open && action == UiAction::Deselect {
                continue;
            }
            let pressed = action
                .shortcuts()
                .iter()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(s)));
            if pressed {
                self.run_action(ctx, action);
            }
        }
        if typing {
            return;
        }
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.run_action(ctx, UiAction::Copy),
                egui::Event::Paste(text) => self.paste(ctx, &text),
                _ => {}
            }
        }
    }
}
