//! The eframe application: menus, toolbar, canvas, side panels, dialogs, settings.
//!
//! State is split three ways: the document ([`Document`]: journey + history + file), the
//! view ([`ViewState`]: camera, selection, gestures), and settings (language, theme,
//! recent files). Widgets read the journey and emit [`Command`]s; only
//! [`KaidanApp::apply`] changes the document.

pub mod actions;
pub mod camera;
pub mod canvas;
mod chooser;
pub mod clipboard;
pub mod document;
pub mod export_dialog;
pub mod files;
pub mod initiatives;
pub mod menus;
pub mod palette;
pub mod panels;
pub mod presenter;
pub mod recovery;
pub mod survey;
pub mod testing;
pub mod timer;
pub mod view;
pub mod vote;

use crate::bundled::{self, Bundled};
use crate::edit::{Command, Description, StepField, StepMove};
use crate::i18n::{Lang, Localize as _, T, action_text};
use crate::io::LoadError;
use crate::model::{Emotion, Feeling, Journey, Link, Step, StepId};
use crate::paint::Theme;
use actions::UiAction;
pub use document::Document;
use files::FileDialogs;
use panels::{Edits, Tab};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
pub use view::ViewState;

/// Why the app could not start (texts in [`crate::i18n`]).
#[derive(Debug)]
pub enum StartError {
    /// The window could not be created (no display, no graphics driver).
    Window(String),
}

/// How many recent files the File menu remembers.
const RECENT_MAX: usize = 10;
/// The grid (in units of time) a step added after another lands on, so files stay tidy.
const NEXT_STEP_GRID: f64 = 0.5;

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
    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}

/// What to do once the user has answered "save changes?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New(Option<Bundled>),
    Open(Option<PathBuf>),
    Restore(crate::io::recovery::RecoveryCopy),
    Quit,
}

/// A modal dialog.
#[derive(Clone, Debug, PartialEq)]
enum Modal {
    Unsaved(Pending),
    Error { title: T, body: String },
    Shortcuts,
    Recover(Vec<crate::io::recovery::RecoveryCopy>),
    RemoveDepartment(crate::model::DepartmentId),
}

/// The editor.
pub struct KaidanApp {
    doc: Document,
    view: ViewState,
    /// Preferences (persisted).
    pub settings: Settings,
    modal: Option<Modal>,
    dialogs: Box<dyn FileDialogs>,
    /// The user confirmed closing despite unsaved changes.
    close_confirmed: bool,
    /// The window title last sent, to send it only when it changes.
    sent_title: String,
    /// The NPS import dialog, while open.
    import: Option<survey::ImportDialog>,
    /// The in-app file chooser, open where the system has no file dialog.
    chooser: Option<chooser::Chooser>,
    /// The export dialog, while open.
    export: Option<export_dialog::Dialog>,
    /// An export running on a worker thread.
    export_job: Option<export_dialog::Job>,
    /// Writes recovery copies of unsaved work (none if the recovery folder is unusable).
    autosave: Option<recovery::Autosave>,
    /// Copies left by a crashed session, offered once the first frame has no other dialog.
    recover_offer: Option<Vec<crate::io::recovery::RecoveryCopy>>,
}

impl KaidanApp {
    /// An app editing `journey` (from `path`, if saved), asking for files with `dialogs`.
    #[must_use]
    pub fn new(
        journey: Journey,
        path: Option<PathBuf>,
        settings: Settings,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self {
            doc: Document::new(journey, path),
            view: ViewState::new(),
            settings,
            modal: None,
            dialogs,
            close_confirmed: false,
            sent_title: String::new(),
            import: None,
            chooser: None,
            export: None,
            export_job: None,
            autosave: None,
            recover_offer: None,
        }
    }

    /// Keeps recovery copies of unsaved work in `store`, and offers the copies a crashed
    /// session left there.
    #[must_use]
    pub fn with_recovery(mut self, store: crate::io::recovery::RecoveryStore) -> Self {
        let orphans = store.orphans();
        self.autosave = Some(recovery::Autosave::new(store));
        self.recover_offer = (!orphans.is_empty()).then_some(orphans);
        self
    }

    /// Ends the session cleanly: this session's recovery copies are deleted. Called when
    /// the window closes (after any "save changes?" answer); a crash never gets here, so
    /// its copies stay to be offered on the next start.
    pub fn end_session(&mut self) {
        if let Some(autosave) = self.autosave.take() {
            autosave.close();
        }
    }

    /// Whether a recovery copy is being written right now.
    #[must_use]
    pub fn autosave_busy(&self) -> bool {
        self.autosave
            .as_ref()
            .is_some_and(recovery::Autosave::is_writing)
    }

    /// The recovery copies the recovery dialog lists, if it is open.
    #[must_use]
    pub fn recovery_dialog(&self) -> Option<&[crate::io::recovery::RecoveryCopy]> {
        match &self.modal {
            Some(Modal::Recover(copies)) => Some(copies),
            _ => None,
        }
    }

    /// Installs the bundled Japanese font and the theme; call once per egui context.
    pub fn setup(&self, ctx: &egui::Context) {
        ctx.set_fonts(crate::fonts::definitions());
        self.apply_theme(ctx);
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// The document being edited.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The view state (camera, selection, …).
    #[must_use]
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Blocks until the running export (if any) has finished on its worker; the next frame
    /// takes its result.
    pub fn wait_for_export(&self) {
        if let Some(job) = &self.export_job {
            job.wait();
        }
    }

    /// Mutable view state, for tests that set up a selection or camera.
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// The message shown over the canvas, if any (e.g. why a move was refused).
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.view.toast.as_ref().map(|t| t.text.as_str())
    }

    /// The error dialog's text, if one is open.
    #[must_use]
    pub fn error_dialog(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Error { body, .. }) => Some(body),
            _ => None,
        }
    }

    /// Whether the "save changes?" dialog is open.
    #[must_use]
    pub fn asks_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved(_)))
    }

    fn tr(&self, t: T) -> &'static str {
        t.text(self.settings.lang)
    }

    /// The window title: file name, an unsaved mark, the app name.
    #[must_use]
    pub fn window_title(&self) -> String {
        let name = self.doc.path().and_then(|p| p.file_name()).map_or_else(
            || self.tr(T::Untitled).to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!("{mark}{name} — Kaidan")
    }

    /// Applies a command; a refusal is shown over the canvas and changes nothing.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) -> bool {
        let result = self.doc.apply(command);
        self.after_edit(ctx, result)
    }

    fn apply_described(&mut self, ctx: &egui::Context, command: Command, d: Description) -> bool {
        let result = self.doc.apply_described(command, d);
        self.after_edit(ctx, result)
    }

    fn after_edit(
        &mut self,
        ctx: &egui::Context,
        result: Result<(), crate::edit::EditError>,
    ) -> bool {
        match result {
            Ok(()) => {
                self.view.prune(self.doc.journey());
                true
            }
            Err(e) => {
                let now = ctx.input(|i| i.time);
                // The message says what was refused and why, in the UI's language.
                self.view.show_message(e.localize(self.settings.lang), now);
                false
            }
        }
    }

    fn apply_edits(&mut self, ctx: &egui::Context, edits: Edits) {
        if let Some(id) = edits.focus {
            self.view.selection = std::iter::once(id).collect();
            if let (Some(card), Some(rect)) = (self.doc.scene().card(id), self.view.canvas_rect) {
                self.view.camera.centre_on(card.rect.center(), rect);
                self.view.fitted = false;
            }
        }
        for (field, command) in edits.commands {
            let result = match field {
                Some(field) => self.doc.apply_typing(field, command),
                None => self.doc.apply(command),
            };
            self.after_edit(ctx, result);
        }
        if edits.end_typing {
            self.doc.end_text_group();
        }
    }

    /// Replaces the document (after New or Open), resetting the view.
    fn replace_document(&mut self, journey: Journey, path: Option<PathBuf>) {
        if let Some(p) = &path {
            self.settings.remember(p);
        }
        self.install(Document::new(journey, path));
    }

    /// Makes `doc` the open document; the previous one's recovery copy goes (it was saved,
    /// or the user chose not to).
    fn install(&mut self, doc: Document) {
        if let Some(autosave) = &mut self.autosave {
            autosave.clear();
        }
        self.doc = doc;
        self.view = ViewState::new();
    }

    /// Restores a recovery copy as the open document: unsaved, belonging to its original
    /// file. Its copy is taken over by this session at once, then the old one is deleted.
    fn restore(&mut self, ctx: &egui::Context, copy: &crate::io::recovery::RecoveryCopy) {
        let lang = self.settings.lang;
        let journey = match copy.load() {
            Ok(journey) => journey,
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: T::OpenFailed,
                    body: e.localize(lang),
                });
                return;
            }
        };
        self.install(Document::restored(journey, copy.original.clone()));
        if let Some(autosave) = &mut self.autosave {
            match autosave.write_now(&self.doc) {
                Ok(()) => {
                    let _ = copy.discard();
                }
                // The old copy stays: nothing is lost if this session crashes too.
                Err(e) => {
                    self.modal = Some(Modal::Error {
                        title: T::AutosaveFailed,
                        body: e.localize(lang),
                    });
                    return;
                }
            }
        }
        let now = ctx.input(|i| i.time);
        let more = self
            .autosave
            .as_ref()
            .is_some_and(|a| !a.orphans().is_empty());
        let text = if more {
            format!("{}. {}", self.tr(T::Restored), self.tr(T::RecoverMore))
        } else {
            self.tr(T::Restored).to_owned()
        };
        self.view.show_message(text, now);
    }

    /// Opens a project file; on failure the current document stays, untouched, and the
    /// errors are shown in a dialog.
    pub fn open_path(&mut self, path: &Path) {
        match crate::io::load(path) {
            Ok(journey) => self.replace_document(journey, Some(path.to_owned())),
            Err(e) => self.show_load_error(&e),
        }
    }

    fn show_load_error(&mut self, e: &LoadError) {
        self.modal = Some(Modal::Error {
            title: T::OpenFailed,
            body: e.localize(self.settings.lang),
        });
    }

    /// Saves to the document's file, or asks where (Save As, or never saved); once saved,
    /// carries on with `then`.
    fn save(&mut self, ctx: &egui::Context, save_as: bool, then: Option<Pending>) {
        match self.doc.path() {
            Some(p) if !save_as => {
                let path = p.to_owned();
                self.write_to(ctx, &path, then);
            }
            _ => {
                let suggested = format!("{}.kaidan.ron", sanitize(&self.doc.journey().title));
                self.choose(ctx, chooser::Purpose::Save(then), &suggested);
            }
        }
    }

    /// Saves the document to `path`; on success carries on with `then`, on failure says why.
    fn write_to(&mut self, ctx: &egui::Context, path: &Path, then: Option<Pending>) {
        match self.doc.save_to(path) {
            Ok(()) => {
                self.settings.remember(path);
                if let Some(autosave) = &mut self.autosave {
                    autosave.clear();
                }
                if let Some(pending) = then {
                    self.after_save(ctx, pending);
                }
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: T::SaveFailed,
                    body: e.localize(self.settings.lang),
                });
            }
        }
    }

    /// What was waiting for the save ("save changes?" → Save): a restore asks again if
    /// needed, anything else runs.
    fn after_save(&mut self, ctx: &egui::Context, pending: Pending) {
        if matches!(pending, Pending::Restore(_)) {
            self.guard(ctx, pending);
        } else {
            self.run_pending(ctx, pending);
        }
    }

    /// Asks for a file for `purpose` (suggesting `file_name` for a new one) and carries on
    /// with it: through the system's dialog, or where there is none, through the in-app
    /// chooser, saying why.
    fn choose(&mut self, ctx: &egui::Context, purpose: chooser::Purpose, file_name: &str) {
        use chooser::Purpose;
        if self.dialogs.unavailable().is_some() {
            let now = ctx.input(|i| i.time);
            self.view.show_message(self.tr(T::NoFileDialog), now);
            let folder = self
                .doc
                .path()
                .and_then(Path::parent)
                .map(Path::to_owned)
                .or_else(|| std::env::current_dir().ok());
            let lang = self.settings.lang;
            self.chooser = Some(chooser::Chooser::new(
                purpose,
                file_name,
                folder.as_deref(),
                lang,
            ));
            return;
        }
        let picked = match &purpose {
            Purpose::Open => self.dialogs.pick_open(),
            Purpose::Save(_) => self.dialogs.pick_save(file_name),
            Purpose::Csv => self.dialogs.pick_csv(),
            Purpose::Export(format) => self.dialogs.pick_export(file_name, *format),
            Purpose::Folder => self.dialogs.pick_folder(),
        };
        if let Some(path) = picked {
            self.chosen(ctx, purpose, path);
        }
    }

    /// Carries on with the file chosen for `purpose`.
    fn chosen(&mut self, ctx: &egui::Context, purpose: chooser::Purpose, path: PathBuf) {
        use chooser::Purpose;
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::Save(then) => {
                let path = files::with_project_extension(path);
                self.write_to(ctx, &path, then);
            }
            Purpose::Csv => {
                self.import = Some(survey::ImportDialog::new(path, self.doc.journey()));
            }
            Purpose::Export(format) => {
                let path = files::with_export_extension(path, format);
                self.start_export(export_dialog::Target::File(path));
            }
            Purpose::Folder => self.start_export(export_dialog::Target::File(path)),
        }
    }

    /// The in-app chooser, while open.
    fn chooser_frame(&mut self, ctx: &egui::Context) {
        let Some(open) = self.chooser.as_mut() else {
            return;
        };
        match open.show(ctx) {
            chooser::Answer::Open => {}
            chooser::Answer::Cancelled => self.chooser = None,
            chooser::Answer::Chosen(path) => {
                if let Some(done) = self.chooser.take() {
                    self.chosen(ctx, done.purpose, path);
                }
            }
        }
    }

    /// Runs `pending` now, or first asks to save if there are unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.run_pending(ctx, pending);
        }
    }

    fn run_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New(None) => {
                self.replace_document(Journey::blank(self.tr(T::Untitled)), None);
            }
            Pending::New(Some(template)) => match template.load() {
                Ok(journey) => self.replace_document(journey, None),
                // Bundled files are tested to load; should one not, say so.
                Err(e) => self.show_load_error(&e),
            },
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => self.choose(ctx, chooser::Purpose::Open, ""),
            Pending::Restore(copy) => self.restore(ctx, &copy),
            Pending::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

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

    /// The highlighted department, if it still exists: exports show what the canvas shows.
    fn highlight(&self) -> Option<crate::model::DepartmentId> {
        self.view
            .highlight
            .filter(|d| self.doc.journey().department(*d).is_some())
    }

    /// The diagram area the canvas shows, for "current view" exports.
    fn visible_area(&self) -> Option<egui::Rect> {
        let rect = self.view.canvas_rect?;
        let camera = &self.view.camera;
        Some(egui::Rect::from_two_pos(
            camera.to_diagram(rect.min),
            camera.to_diagram(rect.max),
        ))
    }

    /// Starts an export with the remembered choices (unless one is running).
    fn start_export(&mut self, target: export_dialog::Target) {
        if self.export_job.is_some() {
            return;
        }
        self.export_job = Some(export_dialog::Job::start(
            self.doc.journey().clone(),
            self.settings.export.clone(),
            self.visible_area(),
            self.highlight(),
            self.view.wave.clone(),
            self.settings.lang,
            target,
        ));
    }

    /// Shows the export dialog and collects a finished export job.
    fn export_ui(&mut self, ctx: &egui::Context) {
        if let Some(job) = self.export_job.take_if(|job| job.is_finished()) {
            let now = ctx.input(|i| i.time);
            match job.join() {
                Ok((export_dialog::Target::File(path), _, written)) => {
                    let what = match written {
                        export_dialog::Written::Page([w, h]) => format!("{w}×{h}"),
                        export_dialog::Written::Slides(n) => {
                            crate::i18n::say!(self.settings.lang, "{n} 枚のスライド", "{n} slides")
                        }
                    };
                    let text = format!("{}: {} ({what})", self.tr(T::Exported), path.display());
                    self.view.show_message(text, now);
                    self.export = None;
                }
                Ok((export_dialog::Target::Clipboard, image, _)) => {
                    if let Some(image) = image {
                        ctx.copy_image(image);
                    }
                    self.view.show_message(self.tr(T::Copied), now);
                    self.export = None;
                }
                Err(body) => {
                    self.modal = Some(Modal::Error {
                        title: T::ExportFailed,
                        body,
                    });
                }
            }
        }
        if self.export_job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        // While the in-app chooser asks where, the dialog steps aside (a modal would block it).
        if self.chooser.is_some() {
            return;
        }
        let area = self.visible_area();
        let highlight = self.highlight();
        let Some(dialog) = self.export.as_mut() else {
            return;
        };
        let wave = self.view.wave.clone();
        let ask = dialog.show(
            ctx,
            &mut self.settings.export,
            self.doc.journey(),
            area,
            highlight,
            wave.as_deref(),
            self.settings.lang,
            self.export_job.is_some(),
        );
        match ask {
            export_dialog::Ask::Nothing => {}
            export_dialog::Ask::Close => self.export = None,
            export_dialog::Ask::Copy => self.start_export(export_dialog::Target::Clipboard),
            export_dialog::Ask::Export => {
                let format = self.settings.export.format;
                let name = format!(
                    "{}.{}",
                    sanitize(&self.doc.journey().title),
                    format.extension()
                );
                // A deck of PNG or SVG slides is a folder of them.
                let purpose = if self.settings.export.deck && format != crate::export::Format::Pdf {
                    chooser::Purpose::Folder
                } else {
                    chooser::Purpose::Export(format)
                };
                self.choose(ctx, purpose, &name);
            }
        }
    }

    /// Shows the import dialog, if open, and imports when asked: all or nothing, as one
    /// undo step; on failure the dialog stays open with every problem listed.
    fn import_dialog(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let Some(dialog) = self.import.as_mut() else {
            return;
        };
        match dialog.show(ctx, lang) {
            survey::Answer::Open => {}
            survey::Answer::Cancel => self.import = None,
            survey::Answer::Import => match dialog.prepare(self.doc.journey()) {
                Err(e) => dialog.problems = Some(e.localize(lang)),
                Ok(ready) => {
                    let result = self.doc.apply_described(ready.command, ready.description);
                    if self.after_edit(ctx, result) {
                        self.import = None;
                        self.view.wave = Some(ready.wave.clone());
                        self.settings.layers.nps = true;
                        let now = ctx.input(|i| i.time);
                        self.view.show_message(
                            format!(
                                "{}: {} {} → {}",
                                self.tr(T::Imported),
                                ready.answers,
                                self.tr(T::Answers),
                                ready.wave
                            ),
                            now,
                        );
                    }
                }
            },
        }
    }

    /// Changes the emotion of every selected step the same way, as one undo step.
    fn edit_emotions(&mut self, ctx: &egui::Context, change: impl Fn(&mut Emotion)) {
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

    fn nudge(&mut self, ctx: &egui::Context, action: UiAction) {
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
    fn add_step(&mut self, ctx: &egui::Context, after: Option<StepId>) {
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

    fn paste(&mut self, ctx: &egui::Context, text: &str) {
        if let Some((command, ids)) = clipboard::paste(self.doc.journey(), text, 1.0) {
            let d = Description::new(crate::edit::Action::AddStep, format!("{}", ids.len()));
            if self.apply_described(ctx, command, d) {
                self.view.selection = ids.into_iter().collect();
            }
        }
    }

    /// Presenter view's keys: reveal (Page Down / → / Page Up / ← / Home / End, as a clicker
    /// sends them), spotlight (Enter on the newest step), Esc (the spotlight, then the view),
    /// F5, T, and undo / redo. Nothing else: no structural edit by accident.
    fn presenter_keys(&mut self, ctx: &egui::Context) {
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
    fn palette(&mut self, ctx: &egui::Context) {
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
    fn handle_keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input()
            || self.view.rename.is_some()
            || self.view.capture.is_some();
        // An open dialog, chooser or the palette has the keyboard.
        if self.modal.is_some() || self.view.palette.is_some() || self.chooser.is_some() {
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

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped
            .iter()
            .map(|f| f.path().to_owned())
            .find(|p| !p.as_os_str().is_empty())
        {
            self.guard(ctx, Pending::Open(Some(path)));
        }
    }

    fn side_panel(&mut self, ui: &mut egui::Ui) {
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
            ] {
                ui.selectable_value(&mut self.settings.tab, tab, label.text(lang));
            }
        });
        ui.separator();
        let mut edits = Edits::default();
        let mut request = survey::TabRequest::default();
        let mut ask = initiatives::Ask::Nothing;
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
                        survey::scores_editor(ui, j, wave, step, lang, &mut edits);
                    }
                }
                Tab::Nps => {
                    request = survey::nps_tab(
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
        if let initiatives::Ask::ConfirmRemove(id) = ask {
            self.modal = Some(Modal::RemoveDepartment(id));
        }
        self.apply_edits(ui.ctx(), edits);
        if request.import {
            self.run_action(&ui.ctx().clone(), UiAction::ImportNps);
        }
    }

    fn modals(&mut self, ctx: &egui::Context) {
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
    fn autosave(&mut self, ctx: &egui::Context) {
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
    fn voted(&mut self, ctx: &egui::Context, asked: vote::Asked) {
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
    fn presenter_frame(&mut self, ui: &mut egui::Ui, layers: crate::paint::Layers) {
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

/// "移動 店舗で試着": the Edit menu's words for an undo step.
#[must_use]
pub fn describe(d: &Description, lang: Lang) -> String {
    let verb = action_text(d.action, lang);
    if d.subject.is_empty() {
        verb.to_owned()
    } else {
        format!("{verb} {}", d.subject)
    }
}

/// A file name from a title: path separators and control characters removed.
fn sanitize(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        .collect();
    let name = name.trim();
    if name.is_empty() {
        "journey".to_owned()
    } else {
        name.to_owned()
    }
}

const SETTINGS_KEY: &str = "kaidan.settings";

impl eframe::App for KaidanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.end_session();
    }
}

/// The recovery folder: `recovery/` in the app's data folder (`$XDG_DATA_HOME/kaidan` on
/// Linux, next to eframe's saved settings).
#[must_use]
pub fn recovery_dir() -> Option<PathBuf> {
    eframe::storage_dir("kaidan").map(|d| d.join("recovery"))
}

/// Opens the editor window on `file`, or on the bundled example journey. A file that
/// cannot be opened is reported in a dialog over the example.
pub fn run(file: Option<PathBuf>) -> Result<(), StartError> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1600.0, 960.0])
            .with_min_inner_size([640.0, 400.0])
            .with_app_id("kaidan")
            .with_drag_and_drop(true)
            .with_title("Kaidan"),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Kaidan",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            let example = bundled::TEINEI
                .load()
                .unwrap_or_else(|_| Journey::blank("Kaidan"));
            let mut app = KaidanApp::new(
                example,
                None,
                settings,
                Box::new(files::NativeDialogs::probe()),
            );
            match recovery_dir().map(|dir| crate::io::recovery::RecoveryStore::open(&dir)) {
                Some(Ok(store)) => app = app.with_recovery(store),
                // Work goes on without backups; say so once.
                Some(Err(e)) => {
                    let text = format!(
                        "{}: {}",
                        app.tr(T::AutosaveFailed),
                        e.localize(app.settings.lang)
                    );
                    app.view.show_message(text, 0.0);
                }
                None => {}
            }
            if let Some(path) = file {
                app.open_path(&path);
            }
            app.setup(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| StartError::Window(e.to_string()))
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

    #[test]
    fn file_names_from_titles_are_safe() {
        assert_eq!(sanitize("a/b:c"), "abc");
        assert_eq!(sanitize("  "), "journey");
        assert_eq!(sanitize("すっぽん小町"), "すっぽん小町");
    }
}
