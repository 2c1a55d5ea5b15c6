//! What each [`UiAction`] does: the one place menus, keys, the toolbar and the palette
//! come to.

use super::NEXT_STEP_GRID;
use super::actions::UiAction;
use super::{
    KaidanApp, Modal, Pending, canvas, chooser, clipboard, export_dialog, palette, presenter,
    recovery, timer, view, vote,
};
use crate::edit::{Command, Description, StepField, StepMove};
use crate::i18n::T;
use crate::model::{Emotion, Feeling, Link, Step, StepId};

impl KaidanApp {
    /// Performs a menu or keyboard action.
    pub fn run_action(&mut self, ctx: &egui::Context, action: UiAction) {
        let j = self.doc.journey();
        let sel = self.view.selection.clone();
        match action {
            UiAction::New => self.guard(ctx, Pending::New(None)),
            UiAction::Open => self.guard(ctx, Pending::Open(None)),
            UiAction::Save => self.save(ctx, false, None),
            UiAction::SaveAs => self.save(ctx, true, None),
            UiAction::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiAction::Undo => {
                let r = self.doc.undo().map(|_| ());
                self.after_edit(ctx, r);
            }
            UiAction::Redo => {
                let r = self.doc.redo().map(|_| ());
                self.after_edit(ctx, r);
            }
            UiAction::Copy => {
                if let Some(text) = clipboard::copy(j, &sel) {
                    ctx.copy_text(text);
                }
            }
            // Ctrl+V arrives as a clipboard event (see `paste`); from a menu or the palette,
            // ask the window for the clipboard's text, which comes back as that event.
            UiAction::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            UiAction::Duplicate => {
                if let Some(text) = clipboard::copy(j, &sel) {
                    self.paste(ctx, &text);
                }
            }
            UiAction::Delete => {
                // A selected chip: only that initiative goes.
                if let Some((step, index)) = self.view.chip.take() {
                    if let Some(s) = j.step(step).filter(|s| index < s.initiatives.len()) {
                        let mut list = s.initiatives.clone();
                        list.remove(index);
                        let command = Command::EditStep(step, StepField::Initiatives(list));
                        self.apply(ctx, command);
                    }
                    return;
                }
                let batch: Vec<Command> = sel.iter().map(|id| Command::RemoveStep(*id)).collect();
                if !batch.is_empty() && self.apply(ctx, Command::Batch(batch)) {
                    self.view.selection.clear();
                }
            }
            UiAction::SelectAll => self.view.selection = j.steps.iter().map(|s| s.id).collect(),
            UiAction::Deselect => {
                self.view.selection.clear();
                self.view.rename = None;
            }
            UiAction::AddStep => self.add_step(ctx, None),
            UiAction::AddStepAfter => {
                if let Some(&id) = sel.iter().next() {
                    self.add_step(ctx, Some(id));
                }
            }
            UiAction::Rename => {
                if let Some(&id) = sel.iter().next() {
                    canvas::start_rename(&self.doc, &mut self.view, id);
                }
            }
            UiAction::Timer => {
                let now = ctx.input(|i| i.time);
                self.view.timer = self.view.timer.toggle(now);
            }
            UiAction::Present => {
                let on = self.view.presenter.is_none();
                self.view.presenter = on.then(|| presenter::Presenter::new(j));
                self.view.rename = None;
                self.view.capture = None;
                self.view.gesture = view::Gesture::Idle;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                if !on {
                    self.view.fit_requested = true;
                }
            }
            UiAction::Vote => {
                if self.view.presenter.is_none() {
                    self.run_action(ctx, UiAction::Present);
                }
                let lang = self.settings.lang;
                let j = self.doc.journey();
                if let Some(p) = self.view.presenter.as_mut() {
                    p.spotlight = None;
                    p.setup = Some(vote::Setup::new(j, lang));
                }
            }
            UiAction::AddInitiative => {
                if let [id] = sel.iter().copied().collect::<Vec<_>>()[..] {
                    self.view.rename = None;
                    self.view.capture = Some(view::Capture {
                        step: id,
                        text: String::new(),
                        // The highlighted department, else the last one used.
                        department: self.view.highlight.or(self.view.last_department),
                        focused: false,
                    });
                }
            }
            UiAction::Connect => {
                let ids: Vec<StepId> = sel.iter().copied().collect();
                if let [a, b] = ids[..] {
                    // Link in time order: the earlier step leads to the later one.
                    let (ta, tb) = (
                        j.step(a).map_or(0.0, |s| s.t),
                        j.step(b).map_or(0.0, |s| s.t),
                    );
                    let (from, to) = if ta <= tb { (a, b) } else { (b, a) };
                    self.apply(ctx, Command::AddLink(Link::new(from, to)));
                }
            }
            UiAction::NudgeEarlier
            | UiAction::NudgeLater
            | UiAction::NudgeUp
            | UiAction::NudgeDown => {
                self.nudge(ctx, action);
            }
            UiAction::ZoomIn | UiAction::ZoomOut => {
                let factor = if action == UiAction::ZoomIn {
                    1.25
                } else {
                    0.8
                };
                let centre = self
                    .view
                    .canvas_rect
                    .map_or(egui::Pos2::ZERO, |r| r.center());
                self.view.camera.zoom_at(centre, factor);
                self.view.fitted = false;
            }
            UiAction::Fit => self.view.fit_requested = true,
            UiAction::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_theme(ctx);
            }
            UiAction::TogglePanel => self.settings.panel_hidden = !self.settings.panel_hidden,
            UiAction::Valence(v) => self.edit_emotions(ctx, |e| e.valence = Some(v)),
            UiAction::CycleFeeling => {
                self.edit_emotions(ctx, |e| {
                    e.feeling = Some(Feeling::cycle(e.feeling.as_ref()));
                });
            }
            UiAction::Shortcuts => self.modal = Some(Modal::Shortcuts),
            UiAction::Recover => {
                let copies = self
                    .autosave
                    .as_ref()
                    .map(recovery::Autosave::orphans)
                    .unwrap_or_default();
                self.modal = Some(Modal::Recover(copies));
            }
            UiAction::ImportNps => self.choose(ctx, chooser::Purpose::Csv, ""),
            UiAction::ImportEvents => self.choose(ctx, chooser::Purpose::Events, ""),
            UiAction::ToggleFlow => self.settings.layers.flow = !self.settings.layers.flow,
            UiAction::ToggleKpi => self.settings.layers.kpi = !self.settings.layers.kpi,
            UiAction::ExportPng => {
                if self.export.is_none() {
                    // The dialog starts from the canvas's layers and the last other choices.
                    self.settings.export.layers = self.settings.layers;
                    self.export = Some(export_dialog::Dialog::default());
                }
            }
            UiAction::CopyImage => self.start_export(export_dialog::Target::Clipboard),
            UiAction::ToggleNps => self.settings.layers.nps = !self.settings.layers.nps,
            UiAction::ToggleEmotions => {
                self.settings.layers.emotions = !self.settings.layers.emotions;
            }
            UiAction::ToggleCurve => self.settings.layers.curve = !self.settings.layers.curve,
            UiAction::ToggleInitiatives => {
                self.settings.layers.initiatives = !self.settings.layers.initiatives;
            }
            UiAction::Language(lang) => self.settings.lang = lang,
            UiAction::TimerMinutes(minutes) => {
                self.view.timer = timer::Timer::start(minutes, ctx.input(|i| i.time));
            }
            UiAction::TimerPlusMinute => {
                self.view.timer = self.view.timer.plus_minute(ctx.input(|i| i.time));
            }
            UiAction::TimerStop => self.view.timer = timer::Timer::Off,
            UiAction::Palette => self.view.palette = Some(palette::Palette::default()),
            UiAction::ToggleNpsHeat => {
                let layers = &mut self.settings.layers;
                layers.nps_heat = !(layers.nps && layers.nps_heat);
                layers.nps |= layers.nps_heat;
            }
        }
    }

    /// Changes the emotion of every selected step the same way, as one undo step.
    pub(super) fn edit_emotions(&mut self, ctx: &egui::Context, change: impl Fn(&mut Emotion)) {
        let j = self.doc.journey();
        let batch: Vec<Command> = self
            .view
            .selection
            .iter()
            .filter_map(|id| j.step(*id))
            .filter_map(|s| {
                let mut e = s.emotion.clone();
                change(&mut e);
                let changed = e != s.emotion;
                changed.then_some(Command::EditStep(s.id, StepField::Emotion(e)))
            })
            .collect();
        if !batch.is_empty() {
            self.apply(ctx, Command::Batch(batch));
        }
    }

    pub(super) fn nudge(&mut self, ctx: &egui::Context, action: UiAction) {
        let j = self.doc.journey();
        let shift = ctx.input(|i| i.modifiers.shift);
        let dt = if shift { 1.0 } else { 0.25 };
        let top = j.levels.len().saturating_sub(1);
        let moves: Vec<StepMove> = self
            .view
            .selection
            .iter()
            .filter_map(|id| j.step(*id))
            .filter_map(|s| {
                let li = j.level_index(s.level)?;
                let (t, li) = match action {
                    UiAction::NudgeEarlier => (s.t - dt, li),
                    UiAction::NudgeLater => (s.t + dt, li),
                    UiAction::NudgeUp => (s.t, (li + 1).min(top)),
                    _ => (s.t, li.saturating_sub(1)),
                };
                let (t, level) = (canvas::tidy_t(t), j.levels[li].id);
                // Already on the top (bottom) level: no move, so no empty undo step.
                let moved = level != s.level || (t - s.t).abs() > f64::EPSILON;
                moved.then_some(StepMove { id: s.id, t, level })
            })
            .collect();
        if !moves.is_empty() {
            self.apply(ctx, Command::MoveSteps(moves));
        }
    }

    /// Adds a step: after `after` (to its right, same level, linked) or in the middle of
    /// the view. The new step is selected and its title opened for typing.
    ///
    /// After a step, the new one goes at least a card's width later, on a half unit of time,
    /// clear of every card of the level: on the same visual row, not stacked into a lane below
    /// (which would read as a loss of affinity).
    pub(super) fn add_step(&mut self, ctx: &egui::Context, after: Option<StepId>) {
        let j = self.doc.journey();
        let id = StepId(j.next_id);
        let title = self.tr(T::NewStepTitle);
        let command = if let Some(prev) = after.and_then(|a| j.step(a)) {
            let mut level: Vec<f64> = j
                .steps
                .iter()
                .filter(|s| s.level == prev.level && s.id != prev.id)
                .map(|s| s.t)
                .collect();
            level.sort_by(f64::total_cmp);
            let pitch = self.doc.scene().pitch();
            let t = crate::layout::stack::room_after(&level, prev.t, pitch, NEXT_STEP_GRID);
            Command::AddStep {
                step: Step::new(id, title, t, prev.level),
                links: vec![Link::new(prev.id, id)],
            }
        } else {
            let scene = self.doc.scene();
            let centre = self.view.canvas_rect.map_or(scene.plot.center(), |r| {
                self.view.camera.to_diagram(r.center())
            });
            let Some(level) = scene.level_at(centre.y) else {
                return;
            };
            Command::AddStep {
                step: Step::new(id, title, canvas::tidy_t(scene.t_of(centre.x)), level),
                links: Vec::new(),
            }
        };
        if self.apply(ctx, command) {
            self.view.selection = std::iter::once(id).collect();
            canvas::start_rename(&self.doc, &mut self.view, id);
        }
    }

    pub(super) fn paste(&mut self, ctx: &egui::Context, text: &str) {
        if let Some((command, ids)) = clipboard::paste(self.doc.journey(), text, 1.0) {
            let d = Description::new(crate::edit::Action::AddStep, format!("{}", ids.len()));
            if self.apply_described(ctx, command, d) {
                self.view.selection = ids.into_iter().collect();
            }
        }
    }
}
