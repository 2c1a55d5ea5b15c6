//! Preferences kept between runs: language, theme, recent files, the side panel, layers,
//! the export dialog's choices, the autosave interval (window size and position are kept by
//! eframe).

use super::panels::Tab;
use super::{export_dialog, recovery};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files the File menu remembers.
const RECENT_MAX: usize = 10;
/// Preferences kept between runs (window size and position are kept by eframe).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// UI language.
    pub lang: Lang,
    /// Dark theme instead of the (projector-friendly) light one.
    pub dark: bool,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// The side panel's tab.
    pub tab: Tab,
    /// The side panel is hidden (more room for the diagram when presenting).
    pub panel_hidden: bool,
    /// Optional diagram layers (shared by the canvas and the PNG export).
    pub layers: crate::paint::Layers,
    /// The export dialog's last choices.
    pub export: export_dialog::Choices,
    /// Seconds between an unsaved change and its automatic backup (recovery copy).
    pub autosave_secs: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::from_system(),
            dark: false,
            recent: Vec::new(),
            tab: Tab::Step,
            panel_hidden: false,
            layers: crate::paint::Layers::default(),
            export: export_dialog::Choices::default(),
            autosave_secs: recovery::DEFAULT_INTERVAL,
        }
    }
}

impl Settings {
    pub(super) fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip_through_storage_format() {
        let mut settings = Settings {
            lang: Lang::En,
            dark: true,
            recent: Vec::new(),
            tab: Tab::Levels,
            panel_hidden: true,
            layers: crate::paint::Layers {
                emotions: false,
                curve: true,
                nps: false,
                nps_heat: true,
                initiatives: false,
                flow: true,
                kpi: true,
            },
            export: export_dialog::Choices::default(),
            autosave_secs: 10,
        };
        settings.remember(Path::new("/nonexistent/a.kaidan.ron"));
        settings.remember(Path::new("/nonexistent/b.kaidan.ron"));
        settings.remember(Path::new("/nonexistent/a.kaidan.ron"));
        assert_eq!(
            settings.recent,
            vec![
                PathBuf::from("/nonexistent/a.kaidan.ron"),
                PathBuf::from("/nonexistent/b.kaidan.ron")
            ],
            "newest first, no duplicates"
        );
        // eframe stores values as RON.
        let text = ron::to_string(&settings).expect("serialises");
        let back: Settings = ron::from_str(&text).expect("deserialises");
        assert_eq!(back, settings);
        // Settings from an older build (fewer fields) still load, with defaults.
        let old: Settings = ron::from_str("(dark: true)").expect("partial settings load");
        assert!(old.dark && old.recent.is_empty());
    }

    #[test]
    fn recent_files_are_capped() {
        let mut settings = Settings::default();
        for i in 0..(RECENT_MAX + 5) {
            settings.remember(Path::new(&format!("/nonexistent/{i}.kaidan.ron")));
        }
        assert_eq!(settings.recent.len(), RECENT_MAX);
    }
}
