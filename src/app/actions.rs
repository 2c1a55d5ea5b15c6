//! Everything a user can trigger, in one table: its text in both languages, its tooltip, its
//! shortcuts, whether it can run in the present state and, for a toggle, whether it is on.
//! The menus, the toolbar, key handling, the F1 sheet and the command palette are all
//! generated from it (the `re_ui` pattern).

use crate::i18n::{Lang, T};
use egui::{Key, KeyboardShortcut, Modifiers};

/// A user-triggerable action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is documented by its label in `i18n`
pub enum UiAction {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    Redo,
    Undo,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Deselect,
    AddStep,
    AddStepAfter,
    Rename,
    /// Opens a new initiative for typing at the selected step (I).
    AddInitiative,
    /// Starts, pauses or resumes the workshop timer (T).
    Timer,
    /// Enters or leaves presenter view (F5).
    Present,
    /// Opens the dot-voting sessions in presenter view (V).
    Vote,
    Connect,
    NudgeEarlier,
    NudgeLater,
    NudgeUp,
    NudgeDown,
    ZoomIn,
    ZoomOut,
    Fit,
    ToggleTheme,
    TogglePanel,
    ImportNps,
    ExportPng,
    CopyImage,
    ToggleNps,
    ToggleNpsHeat,
    /// Sets the valence (−2..=2) of the selected steps.
    Valence(i8),
    CycleFeeling,
    Shortcuts,
    /// Offers the unsaved work left by a crashed session again.
    Recover,
    /// Shows or hides the faces, emotion names and badges.
    ToggleEmotions,
    /// Shows or hides the emotion curve.
    ToggleCurve,
    /// Shows or hides the initiative lanes.
    ToggleInitiatives,
    /// Switches the UI's language.
    Language(Lang),
    /// Starts the timer at so many minutes.
    TimerMinutes(u32),
    /// Adds a minute to the timer.
    TimerPlusMinute,
    /// Stops the timer.
    TimerStop,
    /// Opens the command palette (Ctrl+Shift+P, Ctrl+K).
    Palette,
    /// Imports a CRM event log into a customer-flow wave.
    ImportEvents,
    /// Shows or hides the customer-flow layer.
    ToggleFlow,
    /// The KPI lane under the diagram.
    ToggleKpi,
}

/// What an action's availability depends on, read from the app's state each frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // one flag per thing the menus show
pub struct State {
    /// Steps selected.
    pub selected: usize,
    /// Something to undo.
    pub can_undo: bool,
    /// Something to redo.
    pub can_redo: bool,
    /// Recovery copies are kept (autosave on).
    pub recovery: bool,
    /// Switched on now, for the toggles: theme dark, panel shown, the layers.
    pub dark: bool,
    /// The side panel is shown.
    pub panel: bool,
    /// The layers switched on.
    pub layers: crate::paint::Layers,
    /// The UI's language.
    pub lang: Lang,
}

const fn key(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, k)
}
const fn cmd(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, k)
}
const fn cmd_shift(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        k,
    )
}

impl UiAction {
    /// Every action, in the order shortcuts are matched (Redo before Undo, since
    /// Ctrl+Shift+Z also matches Ctrl+Z when Shift is ignored).
    pub const ALL: [Self; 57] = [
        Self::New,
        Self::Open,
        Self::SaveAs,
        Self::Save,
        Self::Quit,
        Self::Redo,
        Self::Undo,
        Self::Copy,
        Self::Paste,
        Self::Duplicate,
        Self::Delete,
        Self::SelectAll,
        Self::Deselect,
        Self::AddStep,
        Self::AddStepAfter,
        Self::Rename,
        Self::AddInitiative,
        Self::Timer,
        Self::Present,
        Self::Vote,
        Self::Connect,
        Self::NudgeEarlier,
        Self::NudgeLater,
        Self::NudgeUp,
        Self::NudgeDown,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::Fit,
        Self::ToggleTheme,
        Self::TogglePanel,
        Self::ImportNps,
        Self::ExportPng,
        Self::CopyImage,
        Self::ToggleNps,
        Self::ToggleNpsHeat,
        Self::Valence(-2),
        Self::Valence(-1),
        Self::Valence(0),
        Self::Valence(1),
        Self::Valence(2),
        Self::CycleFeeling,
        Self::Shortcuts,
        Self::Recover,
        Self::ToggleEmotions,
        Self::ToggleCurve,
        Self::ToggleInitiatives,
        Self::Language(Lang::Ja),
        Self::Language(Lang::En),
        Self::TimerMinutes(3),
        Self::TimerMinutes(5),
        Self::TimerMinutes(10),
        Self::TimerPlusMinute,
        Self::TimerStop,
        Self::Palette,
        Self::ImportEvents,
        Self::ToggleFlow,
        Self::ToggleKpi,
    ];

    /// The label in the string table.
    #[must_use]
    pub fn label(self) -> T {
        match self {
            Self::New => T::New,
            Self::Open => T::Open,
            Self::Save => T::Save,
            Self::SaveAs => T::SaveAs,
            Self::Quit => T::Quit,
            Self::Undo => T::Undo,
            Self::Redo => T::Redo,
            Self::Copy => T::Copy,
            Self::Paste => T::Paste,
            Self::Duplicate => T::Duplicate,
            Self::Delete => T::Delete,
            Self::SelectAll => T::SelectAll,
            Self::Deselect => T::Deselect,
            Self::AddStep => T::AddStep,
            Self::AddStepAfter => T::AddStepAfter,
            Self::Rename => T::Rename,
            Self::AddInitiative => T::AddInitiative,
            Self::Timer | Self::TimerMinutes(_) | Self::TimerPlusMinute | Self::TimerStop => {
                T::Timer
            }
            Self::Present => T::Present,
            Self::Vote => T::Vote,
            Self::Connect => T::Connect,
            Self::NudgeEarlier => T::NudgeEarlier,
            Self::NudgeLater => T::NudgeLater,
            Self::NudgeUp => T::NudgeUp,
            Self::NudgeDown => T::NudgeDown,
            Self::ZoomIn => T::ZoomIn,
            Self::ZoomOut => T::ZoomOut,
            Self::Fit => T::Fit,
            Self::ToggleTheme => T::DarkTheme,
            Self::TogglePanel => T::SidePanel,
            Self::ImportNps => T::ImportNps,
            Self::ExportPng => T::ExportPng,
            Self::CopyImage => T::CopyImage,
            Self::ToggleNps => T::LayerNps,
            Self::ToggleNpsHeat => T::LayerNpsHeat,
            Self::Valence(v) => match v {
                i8::MIN..=-2 => T::VeryBad,
                -1 => T::Bad,
                0 => T::Neutral,
                1 => T::Good,
                _ => T::VeryGood,
            },
            Self::CycleFeeling => T::CycleFeeling,
            Self::Shortcuts => T::Shortcuts,
            Self::Recover => T::Recover,
            Self::ToggleEmotions => T::LayerEmotions,
            Self::ToggleCurve => T::LayerCurve,
            Self::ToggleInitiatives => T::LayerInitiatives,
            Self::Language(_) => T::Language,
            Self::Palette => T::Palette,
            Self::ImportEvents => T::ImportEvents,
            Self::ToggleFlow => T::LayerFlow,
            Self::ToggleKpi => T::LayerKpi,
        }
    }

    /// The action's words in `lang`, as menus, the palette and the F1 sheet show them.
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        let label = self.label().text(lang);
        match self {
            Self::Language(Lang::Ja) => format!("{label}: 日本語"),
            Self::Language(Lang::En) => format!("{label}: English"),
            Self::TimerMinutes(minutes) => {
                crate::i18n::say!(lang, "{label} {minutes} 分", "{label} {minutes} min")
            }
            Self::TimerPlusMinute => format!("{label} {}", T::TimerPlusMinute.text(lang)),
            Self::TimerStop => format!("{label}: {}", T::TimerStop.text(lang)),
            _ => label.to_owned(),
        }
    }

    /// The words a menu item shows where its menu already says what it is about (a language
    /// by its own name, a timer preset by its minutes).
    #[must_use]
    pub fn short_text(self, lang: Lang) -> String {
        match self {
            Self::Language(Lang::Ja) => "日本語".to_owned(),
            Self::Language(Lang::En) => "English".to_owned(),
            Self::TimerMinutes(minutes) => {
                crate::i18n::say!(lang, "{minutes} 分", "{minutes} min")
            }
            Self::TimerPlusMinute => T::TimerPlusMinute.text(lang).to_owned(),
            Self::TimerStop => T::TimerStop.text(lang).to_owned(),
            Self::Timer => T::TimerPause.text(lang).to_owned(),
            _ => self.text(lang),
        }
    }

    /// The tooltip: the action's words and its keys, e.g. 「保存 (Ctrl+S)」.
    #[must_use]
    pub fn tooltip(self, lang: Lang, ctx: &egui::Context) -> String {
        let keys = self.keys_text(ctx);
        if keys.is_empty() {
            self.text(lang)
        } else {
            format!("{} ({keys})", self.text(lang))
        }
    }

    /// The action's shortcuts as this platform writes them, `Ctrl+Y / Ctrl+Shift+Z`.
    #[must_use]
    pub fn keys_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// Whether the action can run in `state` (menus and the palette grey it out otherwise).
    #[must_use]
    pub fn enabled(self, state: &State) -> bool {
        match self {
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::Copy
            | Self::Duplicate
            | Self::Delete
            | Self::NudgeEarlier
            | Self::NudgeLater
            | Self::NudgeUp
            | Self::NudgeDown
            | Self::Valence(_)
            | Self::CycleFeeling => state.selected > 0,
            Self::AddStepAfter | Self::Rename | Self::AddInitiative => state.selected == 1,
            Self::Connect => state.selected == 2,
            Self::Recover => state.recovery,
            _ => true,
        }
    }

    /// For a toggle or a choice, whether it is on in `state`; `None` for a plain action.
    #[must_use]
    pub fn checked(self, state: &State) -> Option<bool> {
        let layers = state.layers;
        match self {
            Self::ToggleTheme => Some(state.dark),
            Self::TogglePanel => Some(state.panel),
            Self::ToggleEmotions => Some(layers.emotions),
            Self::ToggleCurve => Some(layers.curve),
            Self::ToggleInitiatives => Some(layers.initiatives),
            Self::ToggleFlow => Some(layers.flow),
            Self::ToggleKpi => Some(layers.kpi),
            Self::ToggleNps => Some(layers.nps),
            Self::ToggleNpsHeat => Some(layers.nps && layers.nps_heat),
            Self::Language(lang) => Some(state.lang == lang),
            _ => None,
        }
    }

    /// Keyboard shortcuts; the first is the one menus show. Copy and Paste arrive as
    /// clipboard events from egui, so their keys are listed for the sheet only.
    #[must_use]
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Self::New => vec![cmd(Key::N)],
            Self::Open => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::Quit => vec![cmd(Key::Q)],
            Self::Undo => vec![cmd(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::Copy => vec![cmd(Key::C)],
            Self::Paste => vec![cmd(Key::V)],
            Self::Duplicate => vec![cmd(Key::D)],
            Self::Delete => vec![key(Key::Delete), key(Key::Backspace)],
            Self::SelectAll => vec![cmd(Key::A)],
            Self::Deselect => vec![key(Key::Escape)],
            Self::AddStep => vec![key(Key::N)],
            Self::AddStepAfter => vec![key(Key::Enter)],
            Self::Rename => vec![key(Key::F2)],
            Self::AddInitiative => vec![key(Key::I)],
            Self::Timer => vec![key(Key::T)],
            Self::Present => vec![key(Key::F5)],
            Self::Vote => vec![key(Key::V)],
            Self::Connect => vec![key(Key::L)],
            Self::NudgeEarlier => vec![key(Key::ArrowLeft)],
            Self::NudgeLater => vec![key(Key::ArrowRight)],
            Self::NudgeUp => vec![key(Key::ArrowUp)],
            Self::NudgeDown => vec![key(Key::ArrowDown)],
            Self::ZoomIn => vec![key(Key::Plus), key(Key::Equals)],
            Self::ZoomOut => vec![key(Key::Minus)],
            Self::Fit => vec![key(Key::F), key(Key::Home)],
            Self::ToggleTheme
            | Self::Recover
            | Self::ToggleEmotions
            | Self::ToggleCurve
            | Self::ToggleInitiatives
            | Self::Language(_)
            | Self::TimerMinutes(_)
            | Self::TimerPlusMinute
            | Self::TimerStop
            | Self::ImportEvents
            | Self::ToggleFlow
            | Self::ToggleKpi => vec![],
            Self::TogglePanel => vec![key(Key::F9)],
            Self::ImportNps => vec![cmd(Key::I)],
            Self::ExportPng => vec![cmd(Key::E)],
            Self::CopyImage => vec![cmd_shift(Key::C)],
            Self::ToggleNps => vec![key(Key::F7)],
            Self::ToggleNpsHeat => vec![key(Key::F8)],
            Self::Valence(v) => {
                let keys = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
                vec![key(keys[(v.clamp(-2, 2) + 2) as usize])]
            }
            Self::CycleFeeling => vec![key(Key::E)],
            Self::Shortcuts => vec![key(Key::F1)],
            Self::Palette => vec![cmd_shift(Key::P), cmd(Key::K)],
        }
    }

    /// Whether the shortcut is handled through egui's clipboard events instead.
    #[must_use]
    pub fn via_clipboard_event(self) -> bool {
        matches!(self, Self::Copy | Self::Paste)
    }

    /// Whether the action works on the canvas and must not fire while typing in a field.
    #[must_use]
    pub fn canvas_only(self) -> bool {
        !matches!(
            self,
            Self::New
                | Self::Open
                | Self::Save
                | Self::SaveAs
                | Self::Quit
                | Self::Shortcuts
                | Self::Recover
                | Self::TogglePanel
                | Self::ImportNps
                | Self::ExportPng
                | Self::CopyImage
                | Self::ToggleNps
                | Self::ToggleNpsHeat
                | Self::Present
                | Self::Palette
                | Self::ImportEvents
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen = HashSet::new();
        for action in UiAction::ALL {
            for s in action.shortcuts() {
                assert!(
                    seen.insert((s.modifiers, s.logical_key)),
                    "{action:?} reuses {s:?}"
                );
            }
        }
    }

    #[test]
    fn every_action_is_listed_once() {
        let set: HashSet<_> = UiAction::ALL.iter().collect();
        assert_eq!(set.len(), UiAction::ALL.len());
    }
}
