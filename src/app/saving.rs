//! Files from the app's side: opening, saving (Save As asks where, through the system's
//! dialog or the in-app chooser), the "save changes?" guard, recovery copies restored and
//! files dropped on the window.

use super::{
    Document, KaidanApp, Modal, Pending, ViewState, chooser, export_dialog, files, flow, nps,
    sanitize,
};
use crate::i18n::{Localize as _, T};
use crate::io::LoadError;
use crate::model::Journey;
use std::path::{Path, PathBuf};

impl KaidanApp {
    /// Replaces the document (after New or Open), resetting the view.
    pub(super) fn replace_document(&mut self, journey: Journey, path: Option<PathBuf>) {
        if let Some(p) = &path {
            self.settings.remember(p);
        }
        self.install(Document::new(journey, path));
    }

    /// Makes `doc` the open document; the previous one's recovery copy goes (it was saved,
    /// or the user chose not to).
    pub(super) fn install(&mut self, doc: Document) {
        if let Some(autosave) = &mut self.autosave {
            autosave.clear();
        }
        self.doc = doc;
        self.view = ViewState::new();
    }

    /// Restores a recovery copy as the open document: unsaved, belonging to its original
    /// file. Its copy is taken over by this session at once, then the old one is deleted.
    pub(super) fn restore(
        &mut self,
        ctx: &egui::Context,
        copy: &crate::io::recovery::RecoveryCopy,
    ) {
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

    pub(super) fn show_load_error(&mut self, e: &LoadError) {
        self.modal = Some(Modal::Error {
            title: T::OpenFailed,
            body: e.localize(self.settings.lang),
        });
    }

    /// Saves to the document's file, or asks where (Save As, or never saved); once saved,
    /// carries on with `then`.
    pub(super) fn save(&mut self, ctx: &egui::Context, save_as: bool, then: Option<Pending>) {
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
    pub(super) fn write_to(&mut self, ctx: &egui::Context, path: &Path, then: Option<Pending>) {
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
    pub(super) fn after_save(&mut self, ctx: &egui::Context, pending: Pending) {
        if matches!(pending, Pending::Restore(_)) {
            self.guard(ctx, pending);
        } else {
            self.run_pending(ctx, pending);
        }
    }

    /// Asks for a file for `purpose` (suggesting `file_name` for a new one) and carries on
    /// with it: through the system's dialog, or where there is none, through the in-app
    /// chooser, saying why.
    pub(super) fn choose(
        &mut self,
        ctx: &egui::Context,
        purpose: chooser::Purpose,
        file_name: &str,
    ) {
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
            Purpose::Csv | Purpose::Events => self.dialogs.pick_csv(),
            Purpose::Export(format) => self.dialogs.pick_export(file_name, *format),
            Purpose::Folder => self.dialogs.pick_folder(),
        };
        if let Some(path) = picked {
            self.chosen(ctx, purpose, path);
        }
    }

    /// Carries on with the file chosen for `purpose`.
    pub(super) fn chosen(&mut self, ctx: &egui::Context, purpose: chooser::Purpose, path: PathBuf) {
        use chooser::Purpose;
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::Save(then) => {
                let path = files::with_project_extension(path);
                self.write_to(ctx, &path, then);
            }
            Purpose::Csv => {
                self.import = Some(nps::ImportDialog::new(path, self.doc.journey()));
            }
            Purpose::Events => {
                let lang = self.settings.lang;
                self.events = Some(flow::EventsDialog::new(path, self.doc.journey(), lang));
            }
            Purpose::Export(format) => {
                let path = files::with_export_extension(path, format);
                self.start_export(export_dialog::Target::File(path));
            }
            Purpose::Folder => self.start_export(export_dialog::Target::File(path)),
        }
    }

    /// The in-app chooser, while open.
    pub(super) fn chooser_frame(&mut self, ctx: &egui::Context) {
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
    pub(super) fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.run_pending(ctx, pending);
        }
    }

    pub(super) fn run_pending(&mut self, ctx: &egui::Context, pending: Pending) {
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

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped
            .iter()
            .map(|f| f.path().to_owned())
            .find(|p| !p.as_os_str().is_empty())
        {
            self.guard(ctx, Pending::Open(Some(path)));
        }
    }
}
