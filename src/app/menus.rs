//! The menu bar and the toolbar, generated from tables of [`UiAction`]s: each item shows the
//! action's words, its keys and whether it can run (or is on), from the one table in
//! [`super::actions`]. Only lists that come from the data (templates, recent files,
//! departments, autosave intervals) are built by hand.

use super::actions::{State, UiAction};
use super::{KaidanApp, Pending, describe, nps, recovery, timer};
use crate::bundled;
use crate::i18n::{Lang, T};
use egui::Ui;

/// One entry of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An action.
    Action(UiAction),
    /// A line between groups.
    Separator,
    /// A submenu of actions.
    Submenu(T, &'static [Entry]),
    /// New from a bundled template (one item per template).
    Templates,
    /// Open a recent file (one item per file).
    Recent,
    /// How often recovery copies are written.
    AutosaveInterval,
    /// Which department to highlight.
    Highlight,
}

use Entry::{Action as A, Separator as Sep};

/// The menus, left to right: their titles and entries.
pub const MENUS: [(T, &[Entry]); 4] = [
    (
        T::File,
        &[
            A(UiAction::New),
            Entry::Templates,
            A(UiAction::Open),
            Entry::Recent,
            Sep,
            A(UiAction::Save),
            A(UiAction::SaveAs),
            Sep,
            A(UiAction::ImportNps),
            A(UiAction::ImportEvents),
            A(UiAction::ExportPng),
            A(UiAction::CopyImage),
            Sep,
            A(UiAction::Recover),
            Entry::AutosaveInterval,
            Sep,
            A(UiAction::Quit),
        ],
    ),
    (
        T::Edit,
        &[
            A(UiAction::Undo),
            A(UiAction::Redo),
            Sep,
            A(UiAction::Copy),
            A(UiAction::Paste),
            A(UiAction::Duplicate),
            A(UiAction::Delete),
            Sep,
            A(UiAction::SelectAll),
            A(UiAction::Deselect),
            A(UiAction::AddStep),
            A(UiAction::AddStepAfter),
            A(UiAction::Rename),
            A(UiAction::AddInitiative),
            A(UiAction::Connect),
            Entry::Submenu(
                T::Move,
                &[
                    A(UiAction::NudgeEarlier),
                    A(UiAction::NudgeLater),
                    A(UiAction::NudgeUp),
                    A(UiAction::NudgeDown),
                ],
            ),
            Entry::Submenu(
                T::Emotion,
                &[
                    A(UiAction::Valence(2)),
                    A(UiAction::Valence(1)),
                    A(UiAction::Valence(0)),
                    A(UiAction::Valence(-1)),
                    A(UiAction::Valence(-2)),
                    A(UiAction::CycleFeeling),
                ],
            ),
        ],
    ),
    (
        T::View,
        &[
            A(UiAction::Present),
            A(UiAction::Vote),
            Entry::Submenu(
                T::Timer,
                &[
                    A(UiAction::Timer),
                    A(UiAction::TimerMinutes(3)),
                    A(UiAction::TimerMinutes(5)),
                    A(UiAction::TimerMinutes(10)),
                    A(UiAction::TimerPlusMinute),
                    A(UiAction::TimerStop),
                ],
            ),
            Sep,
            A(UiAction::ZoomIn),
            A(UiAction::ZoomOut),
            A(UiAction::Fit),
            Sep,
            A(UiAction::ToggleTheme),
            A(UiAction::ToggleEmotions),
            A(UiAction::ToggleCurve),
            A(UiAction::ToggleInitiatives),
            A(UiAction::ToggleFlow),
            A(UiAction::ToggleKpi),
            Entry::Highlight,
            A(UiAction::ToggleNps),
            A(UiAction::ToggleNpsHeat),
            A(UiAction::TogglePanel),
            Entry::Submenu(
                T::Language,
                &[
                    A(UiAction::Language(Lang::Ja)),
                    A(UiAction::Language(Lang::En)),
                ],
            ),
        ],
    ),
    (T::Help, &[A(UiAction::Palette), A(UiAction::Shortcuts)]),
];

/// The toolbar's actions, left to right, with the symbol shown before (or instead of) the
/// words.
const TOOLBAR: [(&str, UiAction); 7] = [
    ("＋", UiAction::AddStep),
    ("", UiAction::Undo),
    ("", UiAction::Redo),
    ("－", UiAction::ZoomOut),
    ("＋", UiAction::ZoomIn),
    ("", UiAction::Fit),
    ("", UiAction::Present),
];

impl KaidanApp {
    /// What the actions' availability and check marks depend on, now.
    pub(super) fn action_state(&self) -> State {
        let history = self.doc.history();
        State {
            selected: self.view.selection.len(),
            can_undo: history.undo_description().is_some(),
            can_redo: history.redo_description().is_some(),
            recovery: self.autosave.is_some(),
            dark: self.settings.dark,
            panel: !self.settings.panel_hidden,
            layers: self.settings.layers,
            lang: self.settings.lang,
        }
    }

    /// The menu bar, from [`MENUS`].
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let state = self.action_state();
        let mut chosen = None;
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, entries) in MENUS {
                ui.menu_button(title.text(state.lang), |ui| {
                    self.entries(ui, entries, &state, &mut chosen);
                });
            }
        });
        if let Some(action) = chosen {
            self.run_action(&ctx, action);
        }
    }

    fn entries(
        &mut self,
        ui: &mut Ui,
        entries: &[Entry],
        state: &State,
        chosen: &mut Option<UiAction>,
    ) {
        let lang = state.lang;
        for entry in entries {
            match *entry {
                Entry::Action(action) => {
                    if let Some(a) = self.item(ui, action, state) {
                        *chosen = Some(a);
                    }
                }
                Entry::Separator => {
                    ui.separator();
                }
                Entry::Submenu(title, inner) => {
                    ui.menu_button(title.text(lang), |ui| {
                        self.entries(ui, inner, state, chosen);
                    });
                }
                Entry::Templates => {
                    ui.menu_button(T::NewFromTemplate.text(lang), |ui| {
                        for template in bundled::ALL {
                            if ui.button(template.file_name).clicked() {
                                self.guard(ui.ctx(), Pending::New(Some(template)));
                            }
                        }
                    });
                }
                Entry::Recent => {
                    ui.menu_button(T::OpenRecent.text(lang), |ui| {
                        for path in self.settings.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                self.guard(ui.ctx(), Pending::Open(Some(path)));
                            }
                        }
                    });
                }
                Entry::AutosaveInterval => {
                    ui.menu_button(T::AutosaveInterval.text(lang), |ui| {
                        for secs in recovery::INTERVALS {
                            let text = if secs < 60 {
                                format!("{secs} {}", T::Seconds.text(lang))
                            } else {
                                format!("{} {}", secs / 60, T::Minutes.text(lang))
                            };
                            ui.radio_value(&mut self.settings.autosave_secs, secs, text);
                        }
                    });
                }
                Entry::Highlight => {
                    let departments = &self.doc.journey().departments;
                    if !departments.is_empty() {
                        ui.menu_button(T::HighlightDepartment.text(lang), |ui| {
                            let none = T::NoHighlight.text(lang);
                            ui.radio_value(&mut self.view.highlight, None, none);
                            for d in departments {
                                ui.radio_value(&mut self.view.highlight, Some(d.id), &d.name);
                            }
                        });
                    }
                }
            }
        }
    }

    /// One action as a menu item: its words (undo and redo say what they undo), its first
    /// key, greyed when it cannot run, a check box for a toggle.
    fn item(&self, ui: &mut Ui, action: UiAction, state: &State) -> Option<UiAction> {
        let lang = state.lang;
        let keys = action
            .shortcuts()
            .first()
            .map(|s| ui.ctx().format_shortcut(s))
            .unwrap_or_default();
        let history = self.doc.history();
        let text = match action {
            UiAction::Undo | UiAction::Redo => {
                let what = if action == UiAction::Undo {
                    history.undo_description()
                } else {
                    history.redo_description()
                };
                let what =
                    what.map_or_else(|| T::Nothing.text(lang).to_owned(), |d| describe(d, lang));
                format!("{}: {what}", action.text(lang))
            }
            _ => action.short_text(lang),
        };
        let enabled = action.enabled(state);
        let clicked = if let Some(mut on) = action.checked(state) {
            let text = if keys.is_empty() {
                text
            } else {
                format!("{text} ({keys})")
            };
            ui.add_enabled(enabled, egui::Checkbox::new(&mut on, text))
                .clicked()
        } else {
            let button = egui::Button::new(text).shortcut_text(keys);
            ui.add_enabled(enabled, button).clicked()
        };
        clicked.then_some(action)
    }

    /// The toolbar, from [`TOOLBAR`], then the zoom, the timer and the survey wave.
    pub(super) fn toolbar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let state = self.action_state();
        let lang = state.lang;
        let mut chosen = None;
        ui.horizontal(|ui| {
            for (icon, action) in TOOLBAR {
                if action == UiAction::Present {
                    ui.separator();
                    ui.label(format!("{:.0}%", self.view.camera.zoom * 100.0));
                    ui.separator();
                }
                let label = match action {
                    UiAction::ZoomIn | UiAction::ZoomOut => icon.to_owned(),
                    UiAction::Present => action.tooltip(lang, &ctx),
                    _ => format!("{icon} {}", action.text(lang)).trim().to_owned(),
                };
                let button = ui
                    .add_enabled(action.enabled(&state), egui::Button::new(label))
                    .on_hover_text(action.tooltip(lang, &ctx))
                    .on_disabled_hover_text(action.tooltip(lang, &ctx));
                if button.clicked() {
                    chosen = Some(action);
                }
            }
            self.timer_controls(ui, &mut chosen);
            if !self.doc.journey().surveys.waves.is_empty() {
                ui.separator();
                nps::wave_selector(
                    ui,
                    "wave-toolbar",
                    self.doc.journey(),
                    &mut self.view.wave,
                    lang,
                );
                let mut on = self.settings.layers.nps;
                if ui.checkbox(&mut on, T::LayerNps.text(lang)).changed() {
                    chosen = Some(UiAction::ToggleNps);
                }
            }
        });
        if let Some(action) = chosen {
            self.run_action(&ctx, action);
        }
    }

    /// The timer in the toolbar: its countdown (flashing at zero), and a menu of its actions
    /// (the presets, +1 minute, pause / resume, stop).
    fn timer_controls(&mut self, ui: &mut Ui, chosen: &mut Option<UiAction>) {
        let lang = self.settings.lang;
        let now = ui.input(|i| i.time);
        match self.view.timer.shown(now) {
            timer::Shown::Left { secs, paused } => {
                let text = format!("{} {}", T::Timer.text(lang), timer::clock(secs));
                let text = egui::RichText::new(text).strong();
                ui.label(if paused { text.weak() } else { text });
            }
            timer::Shown::Expired { since } => {
                // Flashes twice a second.
                let on = (since * 2.0).floor() as i64 % 2 == 0;
                let colour = if on {
                    crate::paint::nps::DETRACTOR
                } else {
                    ui.visuals().weak_text_color()
                };
                let text = format!("{} 0:00", T::Timer.text(lang));
                ui.colored_label(colour, egui::RichText::new(text).strong());
            }
            timer::Shown::Nothing => {}
        }
        let state = self.action_state();
        ui.menu_button(format!("{} ▼", T::Timer.text(lang)), |ui| {
            for action in [
                UiAction::TimerMinutes(3),
                UiAction::TimerMinutes(5),
                UiAction::TimerMinutes(10),
                UiAction::TimerPlusMinute,
                UiAction::Timer,
                UiAction::TimerStop,
            ] {
                if let Some(a) = self.item(ui, action, &state) {
                    *chosen = Some(a);
                }
            }
        });
        if self.view.timer.ticking(now) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
    }
}
