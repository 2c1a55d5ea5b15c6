//! What can go wrong reading or writing a project file. The words for the user, in both
//! languages, are in [`crate::i18n`].

use crate::model::Problem;
use std::fmt;
use std::path::PathBuf;

/// Where a text came from, for messages: a file path or a name like `<clipboard>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin(pub String);

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&std::path::Path> for Origin {
    fn from(p: &std::path::Path) -> Self {
        Self(p.display().to_string())
    }
}

/// Why a project could not be loaded. Loading never panics; every failure is one of these.
#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist.
    NotFound(Origin),
    /// The path is a directory.
    IsDirectory(Origin),
    /// The file is larger than [`super::MAX_FILE_BYTES`].
    TooLarge {
        /// The file.
        origin: Origin,
        /// Its size in bytes.
        size: u64,
    },
    /// The file could not be read (permissions, I/O error).
    Read {
        /// The file.
        origin: Origin,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8 text.
    NotUtf8 {
        /// The file.
        origin: Origin,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The text is not valid RON, or does not have the shape of a project.
    Syntax {
        /// The file.
        origin: Origin,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected or found, as ron reports it; its words for the user,
        /// in both languages, are in [`crate::i18n`]. Boxed: it is large, and loading
        /// returns it by value.
        error: Box<ron::error::Error>,
        /// The offending line with a caret under the column.
        snippet: String,
    },
    /// Written by a newer Kaidan than this one.
    NewerVersion {
        /// The file.
        origin: Origin,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A version number that never existed.
    UnknownVersion {
        /// The file.
        origin: Origin,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file is a temporary file left next to a project by an interrupted save
    /// (`.NAME.XXXXXX.tmp`), not a project; the project is `project`.
    TemporaryFile {
        /// The temporary file.
        origin: Origin,
        /// The project it was going to replace (`NAME` in the same folder).
        project: PathBuf,
    },
    /// Valid RON, but the journey breaks the model's rules.
    Invalid {
        /// The file.
        origin: Origin,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// Why a file could not be saved or exported. The previous file, if any, is left as it was,
/// and no temporary file is left behind.
#[derive(Debug)]
pub struct SaveError {
    /// Where it was to be saved, as the user named it.
    pub path: PathBuf,
    /// When `path` is a symbolic link: the file it leads to, which is what gets written.
    pub target: Option<PathBuf>,
    /// What went wrong.
    pub kind: SaveErrorKind,
}

/// What went wrong saving a file.
#[derive(Debug)]
pub enum SaveErrorKind {
    /// The file exists and is read-only (its permissions allow no writing, or this user may
    /// not write it): it is refused rather than replaced behind the user's back.
    ReadOnly,
    /// No new file may be created in this folder (its permissions).
    FolderNotWritable(PathBuf),
    /// The path names no file (it ends in `..`, or is empty).
    NoFileName,
    /// The symbolic links lead on and on (a loop, or more than 40 in a row).
    TooManyLinks,
    /// What the system said: no space, no such folder, a folder in the way, …
    Io(std::io::Error),
}

impl SaveError {
    /// A save of `path` that failed for a system `source` (for writers of other files).
    #[must_use]
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self {
            path: path.to_owned(),
            target: None,
            kind: SaveErrorKind::Io(source),
        }
    }

    /// The system error, when that is what went wrong.
    #[must_use]
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match &self.kind {
            SaveErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}
