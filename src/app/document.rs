//! The open document: the journey, its undo history, where it is saved, and its layout
//! (recomputed only when the journey changes, never per frame).

use crate::edit::{Command, Description, EditError, History, VoteEdit};
use crate::io::{self, SaveError};
use crate::layout::{self, Scene};
use crate::model::{Journey, StepId};
use crate::nps;
use std::path::{Path, PathBuf};

/// A journey being edited.
pub struct Document {
    journey: Journey,
    history: History,
    path: Option<PathBuf>,
    scene: Scene,
    /// The text field whose edits are being grouped into one undo step.
    text_group: Option<egui::Id>,
    /// What the layout includes (the emotion lane follows its layer).
    options: layout::Options,
    /// Every survey wave's figures, recomputed when the journey changes (never per frame).
    stats: Vec<nps::WaveStats>,
    /// The main path (start → goal, the longest chain), recomputed when the journey changes.
    main_path: Vec<StepId>,
    /// Counts every change (edit, undo, redo), so autosave can tell what it has written.
    revision: u64,
    /// The journey as laid out and drawn when it differs from the document's: its flow
    /// waves up to the one chosen, and with the flow layer its links labelled with their
    /// shares ([`layout::flow::shown`]).
    shown: Option<Journey>,
    /// The flow wave the flow layer and the KPI lane show (`None`: the latest).
    flow_wave: Option<String>,
}

impl Document {
    /// A document for `journey`, saved at `path` (or not yet saved).
    #[must_use]
    pub fn new(journey: Journey, path: Option<PathBuf>) -> Self {
        let scene = layout::layout(&journey);
        let stats = nps::stats(&journey);
        Self {
            stats,
            main_path: journey.longest_path(),
            journey,
            history: History::new(),
            path,
            scene,
            text_group: None,
            options: layout::Options::default(),
            revision: 0,
            shown: None,
            flow_wave: None,
        }
    }

    /// A document restored from a recovery copy: it belongs to `path` (if it was ever
    /// saved) but differs from it until the user saves.
    #[must_use]
    pub fn restored(journey: Journey, path: Option<PathBuf>) -> Self {
        let mut doc = Self::new(journey, path);
        doc.history.mark_unsaved();
        doc
    }

    /// How many changes the document has seen since it was opened.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The journey (read-only: change it with [`Document::apply`]).
    #[must_use]
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    /// The layout of the journey as it is now.
    #[must_use]
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The figures of the wave called `name`, or of the latest wave when `name` is `None`
    /// or names no wave.
    #[must_use]
    pub fn wave_stats(&self, name: Option<&str>) -> Option<&nps::WaveStats> {
        name.and_then(|n| self.stats.iter().find(|w| w.name == n))
            .or_else(|| self.stats.last())
    }

    /// The main path, start to goal.
    #[must_use]
    pub fn main_path(&self) -> &[StepId] {
        &self.main_path
    }

    /// Every wave's figures, in wave order.
    #[must_use]
    pub fn all_wave_stats(&self) -> &[nps::WaveStats] {
        &self.stats
    }

    /// Where the document is saved, if anywhere.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The undo history (read-only).
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether there are changes since the last save.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Applies a command as its own undo step.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        self.end_text_group();
        self.history.apply(&mut self.journey, command)?;
        self.changed();
        Ok(())
    }

    /// Applies a command under a caller-chosen description ("paste 3 steps").
    pub fn apply_described(
        &mut self,
        command: Command,
        description: Description,
    ) -> Result<(), EditError> {
        self.end_text_group();
        self.history
            .apply_described(&mut self.journey, command, description)?;
        self.changed();
        Ok(())
    }

    /// Applies an edit made while typing in the field `field`: consecutive edits of the
    /// same field undo as one step.
    pub fn apply_typing(&mut self, field: egui::Id, command: Command) -> Result<(), EditError> {
        if self.text_group != Some(field) {
            self.end_text_group();
            self.history.begin_group(None);
            self.text_group = Some(field);
        }
        self.history.apply(&mut self.journey, command)?;
        self.changed();
        Ok(())
    }

    /// Closes the current typing group (the field lost focus).
    pub fn end_text_group(&mut self) {
        if self.text_group.take().is_some() {
            self.history.end_group();
        }
    }

    /// Changes the votes, outside the undo history (see [`VoteEdit`]): the document differs
    /// from its file until saved, and autosave keeps the change.
    pub fn vote(&mut self, edit: VoteEdit) -> Result<(), EditError> {
        self.end_text_group();
        edit.apply(&mut self.journey)?;
        self.history.mark_unsaved();
        self.revision += 1;
        Ok(())
    }

    /// Undoes the last step; returns whether anything was undone.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.text_group = None;
        let done = self.history.undo(&mut self.journey)?.is_some();
        self.changed();
        Ok(done)
    }

    /// Redoes the last undone step; returns whether anything was redone.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.text_group = None;
        let done = self.history.redo(&mut self.journey)?.is_some();
        self.changed();
        Ok(done)
    }

    /// Saves to `path` (atomically) and remembers it as the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        self.end_text_group();
        io::save(path, &self.journey)?;
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    /// What the layout includes.
    #[must_use]
    pub fn layout_options(&self) -> layout::Options {
        self.options
    }

    /// Changes what the layout includes; lays out again only if it changed.
    pub fn set_layout_options(&mut self, options: layout::Options) {
        if options != self.options {
            self.options = options;
            self.relayout();
        }
    }

    /// Chooses the flow wave the flow layer and the KPI lane show (`None`, or a name no
    /// wave has any more: the latest); lays out again only if it changed.
    pub fn set_flow_wave(&mut self, wave: Option<&str>) {
        if wave != self.flow_wave.as_deref() {
            self.flow_wave = wave.map(str::to_owned);
            self.relayout();
        }
    }

    /// The flow wave shown, if one was chosen and the journey still has it (`None`: the
    /// latest).
    #[must_use]
    pub fn flow_wave(&self) -> Option<&str> {
        self.flow_wave
            .as_deref()
            .filter(|name| self.journey.flows.iter().any(|f| f.name == *name))
    }

    fn relayout(&mut self) {
        let wave = self.flow_wave.as_deref();
        // A removed or renamed wave falls back to the latest.
        self.shown = layout::flow::shown(&self.journey, wave, self.options.flow)
            .or_else(|_| layout::flow::shown(&self.journey, None, self.options.flow))
            .unwrap_or(None);
        self.scene = layout::layout_with(self.shown(), self.options);
    }

    /// The journey as laid out and drawn: the document's, or its copy with the flow waves
    /// up to the one chosen and, with the flow layer, links that carry their shares.
    #[must_use]
    pub fn shown(&self) -> &Journey {
        self.shown.as_ref().unwrap_or(&self.journey)
    }

    /// The journey changed: lay out again and recompute the survey figures.
    fn changed(&mut self) {
        self.revision += 1;
        self.relayout();
        self.stats = nps::stats(&self.journey);
        self.main_path = self.journey.longest_path();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_main_path_follows_edits_undo_and_redo() {
        let journey = crate::bundled::TEINEI.load().expect("example");
        let mut doc = Document::new(journey.clone(), None);
        assert_eq!(doc.main_path(), journey.longest_path().as_slice());
        // Removing a step of the main path changes it; undo and redo follow.
        let on_path = doc.main_path()[2];
        doc.apply(Command::RemoveStep(on_path)).expect("remove");
        assert!(!doc.main_path().contains(&on_path));
        assert_eq!(doc.main_path(), doc.journey().longest_path().as_slice());
        assert!(doc.undo().expect("undo"));
        assert_eq!(doc.main_path(), journey.longest_path().as_slice());
        assert!(doc.redo().expect("redo"));
        assert!(!doc.main_path().contains(&on_path));
    }
}
