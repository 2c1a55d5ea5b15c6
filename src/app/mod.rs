//! The eframe application: menus, toolbar, canvas, side panels, dialogs, settings.
//!
//! State is split three ways: the document ([`Document`]: journey + history + file), the
//! view ([`ViewState`]: camera, selection, gestures), and settings (language, theme,
//! recent files). Widgets read the journey and emit [`Command`]s; only
//! [`KaidanApp::apply`] changes the document.
//!
//! This file holds the app's state and its small common methods; its behaviour has rooms of
//! its own: `frame` (one frame: editor or presenter view), `dispatch` (what each
//! [`actions::UiAction`] does), `keys` (the keyboard), `menus` (menu bar and toolbar from
//! the action table), `saving` (open, save, the in-app chooser, recovery), `exporting`
//! (export and import glue).

pub mod actions;
pub mod camera;
pub mod canvas;
mod chooser;
pub mod clipboard;
pub mod document;
pub mod export_dialog;
pub mod files;
pub mod flow;
pub mod import_form;
pub mod initiatives;
pub mod menus;
pub mod nps;
pub mod palette;
pub mod panels;
pub mod presenter;
pub mod recovery;
pub mod testing;
pub mod timer;
pub mod view;
pub mod vote;

mod settings;
pub use settings::Settings;

mod dispatch;
mod exporting;
mod frame;
mod keys;
mod saving;

use crate::bundled::{self, Bundled};
use crate::edit::{Command, Description};
use crate::i18n::{Lang, Localize as _, T, action_text};
use crate::model::Journey;
pub use document::Document;
use files::FileDialogs;
use panels::Edits;
use std::path::PathBuf;
pub use view::ViewState;

/// Why the app could not start (texts in [`crate::i18n`]).
#[derive(Debug)]
pub enum StartError {
    /// The window could not be created (no display, no graphics driver).
    Window(String),
}

/// The grid (in units of time) a step added after another lands on, so files stay tidy.
const NEXT_STEP_GRID: f64 = 0.5;

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
    import: Option<nps::ImportDialog>,
    /// The CRM event-log import dialog, when open.
    events: Option<flow::EventsDialog>,
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
            events: None,
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
    fn file_names_from_titles_are_safe() {
        assert_eq!(sanitize("a/b:c"), "abc");
        assert_eq!(sanitize("  "), "journey");
        assert_eq!(sanitize("すっぽん小町"), "すっぽん小町");
    }
}
