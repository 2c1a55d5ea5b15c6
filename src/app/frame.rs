//! One frame of the app: the editor (menus, toolbar, side panel, canvas, dialogs) or
//! presenter view, and the autosave tick.

use super::actions::UiAction;
use super::panels::{Edits, Tab};
use super::{
    KaidanApp, Modal, Pending, canvas, flow, initiatives, nps, panels, presenter, recovery, vote,
};
use crate::edit::Command;
use crate::i18n::{Localize as _, T};
use crate::paint::Theme;

impl KaidanApp {
    pub(super) fn side_panel(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Step, T::StepTab),
                (Tab::Phases, T::PhasesTab),
                (Tab::Levels, T::LevelsTab),
                (Tab::Journey, T::JourneyTab),
                (Tab::PainPoints, T::PainPointsTab),
                (Tab::Nps, T::NpsTab),
                (Tab::Initiatives, T::InitiativesTab),
                (Tab::Flow, T::FlowTab),
            ] {
                ui.selectable_value(&mut self.settings.tab, tab, label.text(lang));
            }
        });
        ui.separator();
        let mut edits = Edits::default();
        let mut request = nps::TabRequest::default();
        let mut ask = initiatives::Ask::Nothing;
        let mut flow_ask = flow::TabAsk::Nothing;
        egui::ScrollArea::vertical().show(ui, |ui| {
            let j = self.doc.journey();
            let selected = match self.view.selection.len() {
                1 => self.view.selection.first().copied(),
                _ => None,
            };
            match self.settings.tab {
                Tab::Step => {
                    panels::step_inspector(ui, j, &self.view.selection, lang, &mut edits);
                    if let Some(step) = selected {
                        let wave = self.doc.wave_stats(self.view.wave.as_deref());
                        nps::scores_editor(ui, j, wave, step, lang, &mut edits);
                    }
                }
                Tab::Nps => {
                    request = nps::nps_tab(
                        ui,
                        &self.doc,
                        &mut self.view.wave,
                        selected,
                        lang,
                        &mut edits,
                    );
                }
                Tab::Phases => panels::phases(ui, j, lang, &mut edits),
                Tab::Levels => panels::levels(ui, j, lang, &mut edits),
                Tab::Journey => panels::journey_meta(ui, j, lang, &mut edits),
                Tab::PainPoints => {
                    panels::pain_points(ui, j, &self.view.selection, lang, &mut edits);
                }
                Tab::Flow => {
                    let layers = &mut self.settings.layers;
                    let chosen = &mut self.view.flow_wave;
                    flow_ask = flow::tab(ui, j, layers, chosen, lang, &mut edits);
                }
                Tab::Initiatives => {
                    ask = initiatives::tab(
                        ui,
                        j,
                        &mut self.view.initiatives,
                        &mut self.view.highlight,
                        lang,
                        &mut edits,
                    );
                }
            }
        });
        if flow_ask == flow::TabAsk::Import {
            self.run_action(&ui.ctx().clone(), UiAction::ImportEvents);
        }
        if let initiatives::Ask::ConfirmRemove(id) = ask {
            self.modal = Some(Modal::RemoveDepartment(id));
        }
        self.apply_edits(ui.ctx(), edits);
        if request.import {
            self.run_action(&ui.ctx().clone(), UiAction::ImportNps);
        }
    }

    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut then = None;
        let mut save_then = None;
        let shown = egui::Modal::new(egui::Id::unique("kaidan-modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
                Modal::Unsaved(pending) => {
                    ui.heading(T::UnsavedTitle.text(lang));
                    ui.label(T::UnsavedBody.text(lang));
                    ui.horizontal(|ui| {
                        if ui.button(T::Save.text(lang)).clicked() {
                            close = true;
                            save_then = Some(pending.clone());
                        }
                        if ui.button(T::DontSave.text(lang)).clicked() {
                            close = true;
                            then = Some(pending.clone());
                        }
                        if ui.button(T::Cancel.text(lang)).clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Error { title, body } => {
                    ui.heading(title.text(lang));
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            ui.add(egui::Label::new(egui::RichText::new(body).monospace()).wrap());
                        });
                    if ui.button(T::Close.text(lang)).clicked() {
                        close = true;
                    }
                }
                Modal::Recover(copies) => match recovery::dialog(ui, copies, lang) {
                    recovery::Answer::Open => {}
                    recovery::Answer::Later => close = true,
                    recovery::Answer::Restore(copy) => {
                        close = true;
                        then = Some(Pending::Restore(copy));
                    }
                    recovery::Answer::Discard(copy) => {
                        let _ = copy.discard();
                        let left: Vec<_> = copies.iter().filter(|c| **c != copy).cloned().collect();
                        self.modal = (!left.is_empty()).then_some(Modal::Recover(left));
                    }
                },
                Modal::RemoveDepartment(id) => {
                    let name = initiatives::department_name(self.doc.journey(), Some(*id), lang);
                    ui.heading(format!(
                        "{} 「{name}」",
                        T::RemoveDepartmentTitle.text(lang)
                    ));
                    ui.label(T::RemoveDepartmentBody.text(lang));
                    ui.horizontal(|ui| {
                        if ui.button(T::Remove.text(lang)).clicked() {
                            close = true;
                            let command = crate::edit::remove_department(self.doc.journey(), *id);
                            let result = self.doc.apply(command);
                            self.after_edit(ctx, result);
                        }
                        if ui.button(T::Cancel.text(lang)).clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Shortcuts => {
                    ui.heading(T::Shortcuts.text(lang));
                    // The sheet scrolls inside the window, so its Close button stays on it.
                    let tall = (ctx.content_rect().height() * 0.6).max(120.0);
                    egui::ScrollArea::vertical()
                        .max_height(tall)
                        .show(ui, |ui| {
                            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                                ui.strong(T::Command.text(lang));
                                ui.strong(T::Shortcut.text(lang));
                                ui.end_row();
                                for action in UiAction::ALL {
                                    let keys = action.keys_text(ctx);
                                    if keys.is_empty() {
                                        continue;
                                    }
                                    // Unwrapped: the sheet's size settles at once.
                                    let extend = egui::TextWrapMode::Extend;
                                    let label = egui::Label::new(action.text(lang));
                                    ui.add(label.wrap_mode(extend));
                                    ui.add(egui::Label::new(keys).wrap_mode(extend));
                                    ui.end_row();
                                }
                            });
                            ui.add_space(8.0);
                            ui.strong(T::Mouse.text(lang));
                            for gesture in [
                                T::GestureAdd,
                                T::GestureMove,
                                T::GestureLink,
                                T::GestureChip,
                                T::GestureSelect,
                                T::GesturePan,
                                T::GestureZoom,
                            ] {
                                ui.label(gesture.text(lang));
                            }
                        });
                    if ui.button(T::Close.text(lang)).clicked() {
                        close = true;
                    }
                }
            }
        });
        // Esc or a click beside it closes a dialog as its Cancel / Close / Later does; F1
        // closes the sheet it opened.
        let f1 = modal == Modal::Shortcuts
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1));
        close |= (shown.should_close() || f1) && then.is_none();
        // A modal replaced from inside (e.g. a save error) stays open.
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
        // Saving may ask where (and carries on once saved), or fail and say why.
        if let Some(pending) = save_then {
            self.save(ctx, false, Some(pending));
        }
        if let Some(pending) = then {
            self.after_save(ctx, pending);
        }
    }

    /// Writes the recovery copy when due, and offers a crashed session's copies once.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if self.modal.is_none()
            && let Some(copies) = self.recover_offer.take()
        {
            self.modal = Some(Modal::Recover(copies));
        }
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let interval =
            std::time::Duration::from_secs(u64::from(self.settings.autosave_secs.max(1)));
        let (again, failed) = autosave.tick(&self.doc, now, interval);
        if let Some(after) = again {
            ctx.request_repaint_after(after);
        }
        if autosave.is_writing() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if let Some(e) = failed {
            let text = format!(
                "{}: {}",
                self.tr(T::AutosaveFailed),
                e.localize(self.settings.lang)
            );
            self.view.show_message(text, now);
        }
    }

    /// Carries out what the voting dialog or board asked for; a refusal is shown as a
    /// message.
    pub(super) fn voted(&mut self, ctx: &egui::Context, asked: vote::Asked) {
        let Some(p) = self.view.presenter.as_mut() else {
            return;
        };
        let result = match asked {
            vote::Asked::Leave => {
                if p.setup.is_some() {
                    p.setup = None;
                } else {
                    p.board = None;
                }
                return;
            }
            vote::Asked::Open(name) => {
                p.setup = None;
                p.board = Some(vote::Board::new(&name));
                return;
            }
            vote::Asked::Close(name, closed) => {
                self.apply(ctx, Command::CloseSession(name, closed));
                return;
            }
            vote::Asked::Vote(edit) => {
                let started = match &edit {
                    crate::edit::VoteEdit::Start(s) => Some(s.name.clone()),
                    _ => None,
                };
                let result = self.doc.vote(edit);
                if result.is_ok()
                    && let Some(name) = started
                    && let Some(p) = self.view.presenter.as_mut()
                {
                    p.setup = None;
                    p.board = Some(vote::Board::new(&name));
                }
                result
            }
        };
        if let Err(e) = result {
            let now = ctx.input(|i| i.time);
            self.view.show_message(e.localize(self.settings.lang), now);
        }
    }

    /// One frame of presenter view: the canvas alone, full screen.
    pub(super) fn presenter_frame(&mut self, ui: &mut egui::Ui, layers: crate::paint::Layers) {
        let ctx = ui.ctx().clone();
        let theme = if self.settings.dark {
            Theme::dark()
        } else {
            Theme::light()
        };
        let lang = self.settings.lang;
        let mut board = self.view.presenter.as_mut().and_then(|p| p.board.take());
        let asked = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match &mut board {
                Some(board) => {
                    let rect = ui.max_rect();
                    let votes = vote::board(ui, self.doc.journey(), board, &theme, lang);
                    // The phase and the timer in the corner, and any message, as on the map.
                    let painter = ui.painter_at(rect);
                    if let Some(p) = &self.view.presenter {
                        let now = ui.input(|i| i.time);
                        let j = self.doc.journey();
                        presenter::corner(&painter, rect, j, p, self.view.timer, now, &theme, lang);
                    }
                    canvas::toast(ui, &painter, &self.view);
                    presenter::Asked {
                        votes,
                        ..presenter::Asked::default()
                    }
                }
                None => presenter::show(ui, &self.doc, &mut self.view, &theme, lang, layers),
            })
            .inner;
        if let Some(p) = self.view.presenter.as_mut() {
            p.board = board;
        }
        for command in asked.commands {
            self.apply(&ctx, command);
        }
        let mut votes = asked.votes;
        if let Some(p) = self.view.presenter.as_mut()
            && let phase = p.current_phase(self.doc.journey())
            && let Some(setup) = p.setup.as_mut()
        {
            let today = crate::export::today();
            if let Some(a) = vote::setup(&ctx, self.doc.journey(), setup, phase, &today, lang) {
                votes.push(a);
            }
        }
        for a in votes {
            self.voted(&ctx, a);
        }
        let now = ctx.input(|i| i.time);
        if self.view.timer.ticking(now) {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        self.modals(&ctx);
        self.autosave(&ctx);
    }

    /// One frame of the whole UI.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Quit));
        }
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        let presenting = self.view.presenter.is_some();
        let layers = if presenting {
            presenter::layers(self.settings.layers)
        } else {
            self.settings.layers
        };
        let metrics = if presenting {
            presenter::METRICS
        } else {
            crate::layout::Metrics::SCREEN
        };
        self.doc.set_layout_options(layers.layout_options(metrics));
        self.doc.set_flow_wave(self.view.flow_wave.as_deref());
        if presenting {
            self.presenter_frame(ui, layers);
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        if !self.settings.panel_hidden {
            egui::Panel::right("inspector")
                .default_size(320.0)
                .show(ui, |ui| self.side_panel(ui));
        }
        let theme = if self.settings.dark {
            Theme::dark()
        } else {
            Theme::light()
        };
        let lang = self.settings.lang;
        let commands = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas::show(
                    ui,
                    &self.doc,
                    &mut self.view,
                    &theme,
                    lang,
                    self.settings.layers,
                )
            })
            .inner;
        for command in commands {
            self.apply(&ctx, command);
        }
        if let Some(id) = self.view.rename_when_added.take() {
            canvas::start_rename(&self.doc, &mut self.view, id);
        }
        self.modals(&ctx);
        self.import_dialog(&ctx);
        self.events_dialog(&ctx);
        self.export_ui(&ctx);
        self.chooser_frame(&ctx);
        self.palette(&ctx);
        self.autosave(&ctx);
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }
}
