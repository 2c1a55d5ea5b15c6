//! Autosave and crash recovery in the editor.
//!
//! While the document has unsaved changes, a recovery copy is written (on a worker thread,
//! atomically, into the app's recovery folder, never over the user's file) at most the
//! autosave interval after the first change it does not hold yet. The copy is deleted when
//! the document is saved, closed or back at its saved state. After a crash, the next start
//! offers each copy left behind, to restore or discard (see [`crate::io::recovery`]).

use super::document::Document;
use crate::i18n::Lang;
use crate::io::SaveError;
use crate::io::recovery::{RecoveryCopy, RecoveryStore};
use std::thread::JoinHandle;
use std::time::Duration;

/// The autosave intervals the File menu offers, in seconds.
pub const INTERVALS: [u32; 5] = [10, 30, 60, 120, 300];
/// The interval when the user has not chosen one, in seconds.
pub const DEFAULT_INTERVAL: u32 = 30;

/// The one slot this app uses in its session (one document at a time).
const SLOT: u64 = 0;

/// Writes the open document's recovery copy when it is due.
pub struct Autosave {
    store: RecoveryStore,
    /// The document revision the copy holds (or is being written with).
    written: Option<u64>,
    /// Since when (egui time, seconds) the document has changes the copy does not hold.
    pending_since: Option<f64>,
    /// A copy being written.
    job: Option<JoinHandle<Result<(), SaveError>>>,
    /// A copy file may exist.
    exists: bool,
}

impl Autosave {
    /// Autosave into `store`.
    #[must_use]
    pub fn new(store: RecoveryStore) -> Self {
        Self {
            store,
            written: None,
            pending_since: None,
            job: None,
            exists: false,
        }
    }

    /// The store (its folder, for messages and tests).
    #[must_use]
    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Whether a copy is being written right now.
    #[must_use]
    pub fn is_writing(&self) -> bool {
        self.job.as_ref().is_some_and(|j| !j.is_finished())
    }

    /// One frame: collects a finished write, deletes the copy of a clean document, and
    /// starts a write when one is due. Returns when to look again, and a failed write.
    pub fn tick(
        &mut self,
        doc: &Document,
        now: f64,
        interval: Duration,
    ) -> (Option<Duration>, Option<SaveError>) {
        let failed = self.collect();
        if failed.is_some() {
            // Try again after another interval; the copy does not hold this revision.
            self.written = None;
            self.pending_since = Some(now);
        }
        if !doc.is_dirty() {
            self.clear();
            return (None, failed);
        }
        if self.written == Some(doc.revision()) {
            self.pending_since = None;
            return (None, failed);
        }
        let since = *self.pending_since.get_or_insert(now);
        let due = since + interval.as_secs_f64();
        if now < due {
            return (Some(Duration::from_secs_f64(due - now)), failed);
        }
        if self.job.is_some() {
            // The previous copy is still being written: look again shortly.
            return (Some(Duration::from_millis(100)), failed);
        }
        self.start(doc);
        (None, failed)
    }

    /// Writes the copy now and waits for it (a restored document must be safe at once).
    pub fn write_now(&mut self, doc: &Document) -> Result<(), SaveError> {
        let _ = self.collect_blocking();
        self.written = Some(doc.revision());
        self.pending_since = None;
        self.exists = true;
        self.store.write(SLOT, doc.path(), doc.journey())
    }

    /// The document was saved or replaced: its copy goes.
    pub fn clear(&mut self) {
        let _ = self.collect_blocking();
        if self.exists {
            let _ = self.store.remove(SLOT);
            self.exists = false;
        }
        self.written = None;
        self.pending_since = None;
    }

    /// Ends the session cleanly (the app closes): every copy of it goes.
    pub fn close(mut self) {
        let _ = self.collect_blocking();
        let _ = self.store.close();
    }

    /// The copies of crashed sessions.
    #[must_use]
    pub fn orphans(&self) -> Vec<RecoveryCopy> {
        self.store.orphans()
    }

    fn start(&mut self, doc: &Document) {
        let journey = doc.journey().clone();
        let original = doc.path().map(std::path::Path::to_owned);
        let file = self.store.path(SLOT);
        self.written = Some(doc.revision());
        self.pending_since = None;
        self.exists = true;
        self.job = Some(std::thread::spawn(move || {
            crate::io::recovery::write_copy(&file, original.as_deref(), &journey)
        }));
    }

    /// The result of a finished write, if one has finished.
    fn collect(&mut self) -> Option<SaveError> {
        let job = self.job.take_if(|j| j.is_finished())?;
        Self::outcome(job)
    }

    fn collect_blocking(&mut self) -> Option<SaveError> {
        Self::outcome(self.job.take()?)
    }

    fn outcome(job: JoinHandle<Result<(), SaveError>>) -> Option<SaveError> {
        match job.join() {
            Ok(result) => result.err(),
            // The writer panicked (it cannot, short of a bug): report it as a failed write.
            Err(_) => Some(SaveError::io(
                std::path::Path::new(""),
                std::io::Error::other("autosave writer stopped"),
            )),
        }
    }
}

/// When a copy was written, in the user's time zone: `2026-11-26 14:03`.
#[must_use]
pub fn local_time(at: jiff::Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// Width of a row of the recovery dialog, in points (fits a 1280×720 projector).
const ROW_WIDTH: f32 = 540.0;

/// What the recovery dialog asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Nothing yet.
    Open,
    /// Close the dialog, keeping the copies for later.
    Later,
    /// Restore this copy.
    Restore(RecoveryCopy),
    /// Delete this copy.
    Discard(RecoveryCopy),
}

/// The recovery dialog's body: one row per copy (title, where it belongs, when), with
/// Restore and Discard.
pub fn dialog(ui: &mut egui::Ui, copies: &[RecoveryCopy], lang: Lang) -> Answer {
    use crate::i18n::T;
    let mut answer = Answer::Open;
    ui.heading(T::RecoverTitle.text(lang));
    ui.add_space(4.0);
    ui.label(T::RecoverBody.text(lang));
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for copy in copies {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    // Every row as wide as the dialog; long paths wrap.
                    ui.set_width(ROW_WIDTH);
                    let title = if copy.title.trim().is_empty() {
                        T::Untitled.text(lang)
                    } else {
                        copy.title.as_str()
                    };
                    ui.strong(crate::model::shortened(title, 60));
                    let place = copy.original.as_deref().map_or_else(
                        || T::NeverSaved.text(lang).to_owned(),
                        |p| p.display().to_string(),
                    );
                    let when = format!(
                        "{} {}  ·  {place}",
                        T::RecoverWritten.text(lang),
                        local_time(copy.written)
                    );
                    ui.add(egui::Label::new(when).wrap());
                    if copy.original_is_newer() {
                        ui.colored_label(
                            crate::paint::nps::DETRACTOR,
                            T::RecoverOriginalNewer.text(lang),
                        );
                    }
                    ui.horizontal(|ui| {
                        if ui.button(T::Restore.text(lang)).clicked() {
                            answer = Answer::Restore(copy.clone());
                        }
                        if ui.button(T::Discard.text(lang)).clicked() {
                            answer = Answer::Discard(copy.clone());
                        }
                    });
                });
                ui.add_space(4.0);
            }
        });
    ui.add_space(6.0);
    if ui.button(T::Later.text(lang)).clicked() {
        answer = Answer::Later;
    }
    answer
}
