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
        /// What the parser expected or found.
        message: String,
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
    /// Valid RON, but the journey breaks the model's rules.
    Invalid {
        /// The file.
        origin: Origin,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// Why a project could not be saved. The previous file, if any, is left as it was.
#[derive(Debug)]
pub struct SaveError {
    /// Where it was to be saved.
    pub path: PathBuf,
    /// The underlying error (no space, no permission, no such folder, …).
    pub source: std::io::Error,
}
