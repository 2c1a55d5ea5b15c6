//! Recovery copies: while a document has unsaved changes, the app writes a copy of it to its
//! own data folder (`$XDG_DATA_HOME/kaidan/recovery/` on Linux), never over the user's file,
//! so a crash, a killed process or a dead battery loses at most the autosave interval.
//!
//! Each running app is a *session* that holds an exclusive lock on `SESSION.lock` for as long
//! as it runs; its copies are named `SESSION-SLOT.kaidan-recovery.ron`. The lock goes with
//! the process, however it ends, so on the next start a copy whose session lock can be taken
//! belongs to a session that ended without cleaning up: a crash. Those are offered for
//! restoring; copies of sessions still running (another window) are left alone.
//!
//! A copy is one RON file, written atomically: when and from where, and the project's own
//! text, so restoring it goes through the same loader (and migrations) as opening a file.

use super::error::{LoadError, Origin, SaveError};
use crate::model::Journey;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The ending of recovery copy file names.
const SUFFIX: &str = ".kaidan-recovery.ron";
/// The ending of session lock file names.
const LOCK_SUFFIX: &str = ".lock";

/// The file format of a recovery copy.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyFile {
    /// Version of this wrapper (the project inside carries its own `format_version`).
    recovery_version: u32,
    /// The project file the document was opened from or saved to, if any.
    original: Option<PathBuf>,
    /// The journey's title when it was written, to tell copies apart.
    title: String,
    /// When it was written (RFC 3339, UTC).
    written: String,
    /// The project, exactly as a save would have written it.
    project: String,
}

/// A recovery copy left by a session that did not end cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// The copy's own file.
    pub file: PathBuf,
    /// The project file it belongs to (`None`: never saved).
    pub original: Option<PathBuf>,
    /// The journey's title.
    pub title: String,
    /// When the copy was written.
    pub written: jiff::Timestamp,
}

impl RecoveryCopy {
    /// What the copy at `file` says about itself (title, original, time); a copy that
    /// cannot be read keeps its file's time and shows no title.
    #[must_use]
    pub fn read(file: PathBuf) -> Self {
        describe(file)
    }

    /// Reads the journey back (checked like any project file).
    pub fn load(&self) -> Result<Journey, LoadError> {
        let origin = Origin::from(self.file.as_path());
        let text = std::fs::read_to_string(&self.file).map_err(|source| LoadError::Read {
            origin: origin.clone(),
            source,
        })?;
        let copy = parse(&text, &origin)?;
        super::from_str(&copy.project, &origin)
    }

    /// Deletes the copy (the user chose to discard it, or it has been restored and taken
    /// over by the running session).
    pub fn discard(&self) -> std::io::Result<()> {
        remove_if_present(&self.file)?;
        // The dead session's lock file goes with its last copy.
        if let Some(session) = session_of(&self.file)
            && let Some(dir) = self.file.parent()
            && copies_of(dir, &session).is_empty()
        {
            remove_if_present(&dir.join(format!("{session}{LOCK_SUFFIX}")))?;
        }
        Ok(())
    }

    /// Whether the original file was changed after this copy was written (restoring and
    /// saving would then overwrite the newer file).
    #[must_use]
    pub fn original_is_newer(&self) -> bool {
        let Some(modified) = self
            .original
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| m.modified().ok())
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
        else {
            return false;
        };
        modified > self.written
    }
}

/// The recovery folder of one running app: writes its copies, finds those of crashed ones.
#[derive(Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    session: String,
    /// Held locked for as long as the session runs (the lock ends with the process).
    _lock: File,
}

impl RecoveryStore {
    /// Opens (creating if needed) the recovery folder `dir` and starts a session in it.
    pub fn open(dir: &Path) -> Result<Self, SaveError> {
        std::fs::create_dir_all(dir).map_err(|e| SaveError::io(dir, e))?;
        let nanos = jiff::Timestamp::now().as_nanosecond();
        let session = format!("{}-{:x}", std::process::id(), nanos.unsigned_abs());
        let lock_path = dir.join(format!("{session}{LOCK_SUFFIX}"));
        let lock = File::create(&lock_path).map_err(|e| SaveError::io(&lock_path, e))?;
        lock.try_lock().map_err(|e| {
            let source = match e {
                std::fs::TryLockError::Error(e) => e,
                std::fs::TryLockError::WouldBlock => std::io::ErrorKind::WouldBlock.into(),
            };
            SaveError::io(&lock_path, source)
        })?;
        Ok(Self {
            dir: dir.to_owned(),
            session,
            _lock: lock,
        })
    }

    /// The folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this session's copy number `slot` goes.
    #[must_use]
    pub fn path(&self, slot: u64) -> PathBuf {
        self.dir.join(format!("{}-{slot}{SUFFIX}", self.session))
    }

    /// Writes (atomically) this session's copy number `slot` of `journey`, which belongs to
    /// the project file `original`, if any.
    pub fn write(
        &self,
        slot: u64,
        original: Option<&Path>,
        journey: &Journey,
    ) -> Result<(), SaveError> {
        write_copy(&self.path(slot), original, journey)
    }

    /// Deletes this session's copy number `slot` (the document was saved or closed).
    pub fn remove(&self, slot: u64) -> std::io::Result<()> {
        remove_if_present(&self.path(slot))
    }

    /// Ends the session cleanly: its copies and its lock file are deleted.
    pub fn close(self) -> std::io::Result<()> {
        for copy in copies_of(&self.dir, &self.session) {
            remove_if_present(&copy)?;
        }
        remove_if_present(&self.dir.join(format!("{}{LOCK_SUFFIX}", self.session)))
    }

    /// The copies left by sessions that are no longer running, newest first. Copies that
    /// cannot be read are listed too (restoring them reports why), so nothing is hidden.
    #[must_use]
    pub fn orphans(&self) -> Vec<RecoveryCopy> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut sessions = std::collections::BTreeMap::<String, bool>::new();
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let file = entry.path();
            let Some(session) = session_of(&file) else {
                continue;
            };
            if session == self.session {
                continue;
            }
            let dead = *sessions
                .entry(session.clone())
                .or_insert_with(|| !is_running(&self.dir, &session));
            if dead {
                found.push(describe(file));
            }
        }
        found.sort_by(|a, b| b.written.cmp(&a.written).then(a.file.cmp(&b.file)));
        found
    }
}

/// Writes a recovery copy of `journey` to `file`, atomically.
pub fn write_copy(
    file: &Path,
    original: Option<&Path>,
    journey: &Journey,
) -> Result<(), SaveError> {
    let copy = CopyFile {
        recovery_version: 1,
        original: original.map(Path::to_owned),
        title: journey.title.clone(),
        written: jiff::Timestamp::now().to_string(),
        project: super::to_string(journey),
    };
    let config = ron::ser::PrettyConfig::new().new_line("\n");
    let text = ron::ser::to_string_pretty(&copy, config)
        .map_err(|e| SaveError::io(file, std::io::Error::other(e.to_string())))?;
    super::write_atomically(file, text.as_bytes())
}

fn parse(text: &str, origin: &Origin) -> Result<CopyFile, LoadError> {
    ron::from_str(text).map_err(|e| LoadError::Syntax {
        origin: origin.clone(),
        line: e.span.start.line,
        column: e.span.start.col,
        error: Box::new(e.code.clone()),
        snippet: String::new(),
    })
}

/// What the copy at `file` says about itself; unreadable copies keep their file's time.
fn describe(file: PathBuf) -> RecoveryCopy {
    let origin = Origin::from(file.as_path());
    let parsed = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| parse(&text, &origin).ok());
    match parsed {
        Some(copy) => RecoveryCopy {
            written: copy.written.parse().unwrap_or_else(|_| modified(&file)),
            original: copy.original,
            title: copy.title,
            file,
        },
        None => RecoveryCopy {
            written: modified(&file),
            original: None,
            title: String::new(),
            file,
        },
    }
}

fn modified(file: &Path) -> jiff::Timestamp {
    std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The session a recovery copy belongs to, from its file name.
fn session_of(file: &Path) -> Option<String> {
    let name = file.file_name()?.to_str()?;
    let stem = name.strip_suffix(SUFFIX)?;
    let (session, slot) = stem.rsplit_once('-')?;
    slot.parse::<u64>().ok()?;
    Some(session.to_owned())
}

/// This session's copies in `dir`.
fn copies_of(dir: &Path, session: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| session_of(p).as_deref() == Some(session))
        .collect()
}

/// Whether the session still holds its lock (is still running).
fn is_running(dir: &Path, session: &str) -> bool {
    let Ok(lock) = File::options()
        .read(true)
        .write(true)
        .open(dir.join(format!("{session}{LOCK_SUFFIX}")))
    else {
        // No lock file at all: nobody can be holding it.
        return false;
    };
    match lock.try_lock() {
        Ok(()) => {
            let _ = lock.unlock();
            false
        }
        Err(_) => true,
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_are_read_back_from_file_names() {
        assert_eq!(
            session_of(Path::new("/r/123-abc-4.kaidan-recovery.ron")),
            Some("123-abc".to_owned())
        );
        assert_eq!(session_of(Path::new("/r/123-abc.lock")), None);
        assert_eq!(
            session_of(Path::new("/r/123-abc-x.kaidan-recovery.ron")),
            None
        );
        assert_eq!(session_of(Path::new("/r/a.kaidan.ron")), None);
    }
}
