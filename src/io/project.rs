//! `*.kaidan.ron` project files: versioned, pretty, deterministic RON, saved atomically.

use super::error::{LoadError, Origin, SaveError, SaveErrorKind};
use crate::model::Journey;
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// The file format version this build writes (and the newest it reads).
///
/// History (each older version is migrated on load):
/// - 1: the journey, phases, levels, steps, links.
/// - 2: steps may carry an `emotion` (valence, named emotion, thoughts, quote, pain point /
///   delight). A version-1 file is a valid version-2 file without emotions, so migrating it
///   is reading it as is.
/// - 3: the journey may carry `surveys` (NPS waves with 0–10 score counts per step, and a
///   benchmark). Older files have no surveys, so they too are read as they are.
/// - 4: `departments` (id, name, colour) are part of the journey, and an initiative names
///   its department by id, with a kind (initiative / message), a status and a note. In older
///   files an initiative's department is free text: equal names become one department, in
///   first-seen order ([`Journey::adopt_department_names`]).
/// - 5: the journey may carry dot-voting sessions (`votes`: name, date, subject,
///   participants × dots, the items put to the vote with their counts). Older files have
///   none, so they are read as they are.
/// - 6: a step may be a `purchase` step, and the journey may carry customer `flows` (counts
///   per step and per move from CRM event logs). Older files have neither: read as they are.
/// - 7: a flow wave counts each phase too (`phases`: customers, buyers, repeaters and the
///   steps it held), for the KPI lane. Waves of older files have no phase counts: read as
///   they are (the lane says so until the log is imported again).
pub const FORMAT_VERSION: u32 = 7;

/// Files larger than this are refused before reading (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The file's top level: the version first, then the journey.
#[derive(Serialize)]
struct FileOut<'a> {
    format_version: u32,
    journey: &'a Journey,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[allow(dead_code)] // read by the version probe; kept here so the shape is exact
    format_version: u32,
    journey: Journey,
}

/// Reads only the version, ignoring the rest, so newer files are refused by version
/// rather than by whichever field they added.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// The canonical text of a journey: what [`save`] writes and `kaidan fmt` produces.
/// The same journey always gives the same bytes.
#[must_use]
pub fn to_string(journey: &Journey) -> String {
    let mut canonical;
    let journey = if is_normalized(journey) {
        journey
    } else {
        canonical = journey.clone();
        canonical.normalize();
        &canonical
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let file = FileOut {
        format_version: FORMAT_VERSION,
        journey,
    };
    match ron::ser::to_string_pretty(&file, config) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serialising plain structs of strings and numbers cannot fail.
        Err(e) => unreachable!("journey serialisation failed: {e}"),
    }
}

fn is_normalized(j: &Journey) -> bool {
    j.steps.windows(2).all(|w| w[0].id < w[1].id)
        && j.links.windows(2).all(|w| w[0].key() < w[1].key())
}

/// Parses a project from text. `origin` names the text in messages.
pub fn from_str(text: &str, origin: &Origin) -> Result<Journey, LoadError> {
    let version = if let Some(v) = leading_version(text) {
        v
    } else {
        // Not in the canonical shape (hand-edited order, comments): parse to find it.
        let probe: VersionProbe = ron::from_str(text).map_err(|e| syntax(text, origin, &e))?;
        probe.format_version
    };
    match version {
        0 => {
            return Err(LoadError::UnknownVersion {
                origin: origin.clone(),
                found: 0,
                supported: FORMAT_VERSION,
            });
        }
        v if v > FORMAT_VERSION => {
            return Err(LoadError::NewerVersion {
                origin: origin.clone(),
                found: v,
                supported: FORMAT_VERSION,
            });
        }
        _ => {}
    }
    let file: FileIn = ron::from_str(text).map_err(|e| syntax(text, origin, &e))?;
    let mut journey = file.journey;
    journey.normalize();
    if version <= 3 {
        journey.adopt_department_names();
    }
    let problems = journey.validate();
    if problems.is_empty() {
        Ok(journey)
    } else {
        Err(LoadError::Invalid {
            origin: origin.clone(),
            problems,
        })
    }
}

/// Parses a project from bytes, checking they are UTF-8 first.
pub fn from_bytes(bytes: &[u8], origin: &Origin) -> Result<Journey, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        // The valid prefix is text: count lines and columns in it.
        let prefix = String::from_utf8_lossy(&bytes[..offset]);
        let (line, column) = line_column_of_end(&prefix);
        LoadError::NotUtf8 {
            origin: origin.clone(),
            line,
            column,
            offset,
        }
    })?;
    // A UTF-8 byte-order mark, as some Windows editors write, is not part of the text.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    from_str(text, origin)
}

/// Loads a project file. A temporary file left by an interrupted save (`.NAME.XXXXXX.tmp`)
/// is refused, naming its project, even when it holds a whole project: it is never
/// mistaken for one.
pub fn load(path: &Path) -> Result<Journey, LoadError> {
    let origin = Origin::from(path);
    let read_error = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            LoadError::NotFound(origin.clone())
        } else {
            LoadError::Read {
                origin: origin.clone(),
                source,
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory(origin));
    }
    if let Some(project) = temp_file_owner(path) {
        return Err(LoadError::TemporaryFile { origin, project });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            size: meta.len(),
        });
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            size: bytes.len() as u64,
        });
    }
    from_bytes(&bytes, &origin)
}

/// Saves a project atomically with [`write_atomically`]: through symbolic links, refusing
/// read-only files, never leaving a half-written project or a temporary file behind.
pub fn save(path: &Path, journey: &Journey) -> Result<(), SaveError> {
    write_atomically(path, to_string(journey).as_bytes())
}

/// Writes bytes to `path` atomically: the one way Kaidan replaces a file (projects, `kaidan
/// fmt`, imports, PNG exports).
///
/// - A symbolic link is followed (chains too, relative targets from the link's folder) and
///   its final target is written; the link stays a link.
/// - The bytes go to a temporary file `.NAME.XXXXXX.tmp` in the target's folder, locked
///   while it is written, flushed to disk, and renamed over the target: the previous file is
///   whole until the new one is, and on any failure it is untouched and the temporary file
///   is removed.
/// - A read-only file, or a folder, is refused, never replaced.
/// - Temporary files of this target left by a save that was killed are removed first
///   (only those no live save holds locked).
/// - The replaced file keeps its permissions (and, where allowed, its owner).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_with(path, &mut |file| {
        file.write_all(bytes)?;
        file.sync_all()
    })
}

/// [`write_atomically`] with the writing (and flushing) of the temporary file passed in, so
/// a test can make it fail the way a full disk does.
fn replace_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let resolved = resolve_links(path).map_err(|kind| SaveError {
        path: path.to_owned(),
        target: None,
        kind,
    })?;
    let target = if resolved == path {
        None
    } else {
        Some(tidy(&resolved))
    };
    let error = |kind| SaveError {
        path: path.to_owned(),
        target: target.clone(),
        kind,
    };
    let dest = target.as_deref().unwrap_or(path);
    let name = dest
        .file_name()
        .ok_or_else(|| error(SaveErrorKind::NoFileName))?;
    let dir = folder_of(dest);
    let previous = writable_previous(dest).map_err(error)?;

    remove_stale_temps(dir, name);
    if target.is_some()
        && let Some(link_name) = path.file_name()
    {
        // Left by saves that replaced the link itself, as Kaidan once did.
        remove_stale_temps(folder_of(path), link_name);
    }

    let mut temp = Temp::create(dir, name).map_err(|e| {
        error(if e.kind() == ErrorKind::PermissionDenied {
            SaveErrorKind::FolderNotWritable(tidy_folder(dir))
        } else {
            SaveErrorKind::Io(e)
        })
    })?;
    // Before writing, so the flush makes the owner and permissions durable too.
    if let Some(meta) = &previous {
        keep_owner_and_permissions(&temp.file, meta);
    }
    fill(&mut temp.file).map_err(|e| error(SaveErrorKind::Io(e)))?;
    std::fs::rename(&temp.path, dest).map_err(|e| error(SaveErrorKind::Io(e)))?;
    temp.renamed = true;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The most symbolic links followed in a row, as Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

/// The file a path finally names: `path` itself unless it is a symbolic link, else the end
/// of its chain of links (which need not exist yet). Links in the folders along the way are
/// left to the system, which follows them when the file is opened and renamed.
fn resolve_links(path: &Path) -> Result<PathBuf, SaveErrorKind> {
    let mut current = path.to_owned();
    for _ in 0..=MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current).map_err(SaveErrorKind::Io)?;
                // A relative target is relative to the link's folder; an absolute one
                // replaces the whole path in `join`.
                current = match current.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(SaveErrorKind::Io(e)),
            // A file, a folder, or nothing yet (a new file, or a dangling link's target).
            _ => return Ok(current),
        }
    }
    Err(SaveErrorKind::TooManyLinks)
}

/// A link's target as the user would write it: its folder without `..` and links, when
/// that folder exists.
fn tidy(file: &Path) -> PathBuf {
    match (file.file_name(), std::fs::canonicalize(folder_of(file))) {
        (Some(name), Ok(dir)) => dir.join(name),
        _ => file.to_owned(),
    }
}

fn tidy_folder(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned())
}

/// The folder of a file path; `.` for a bare file name.
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The metadata of the file about to be replaced (`None` for a new file), or why it must
/// not be replaced: a folder, or read-only.
fn writable_previous(file: &Path) -> Result<Option<std::fs::Metadata>, SaveErrorKind> {
    let meta = match std::fs::metadata(file) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(SaveErrorKind::Io(e)),
    };
    if meta.is_dir() {
        return Err(SaveErrorKind::Io(ErrorKind::IsADirectory.into()));
    }
    // A rename needs only the folder to be writable, so a read-only file would be replaced
    // without a word. The permission bits say read-only even to root, who may open anything.
    if meta.permissions().readonly() {
        return Err(SaveErrorKind::ReadOnly);
    }
    // Everyone else: may this user write it? Opening for writing (without truncating)
    // changes nothing. Only plain files: opening a FIFO would wait for a reader.
    if meta.is_file()
        && let Err(e) = OpenOptions::new().write(true).open(file)
        && e.kind() == ErrorKind::PermissionDenied
    {
        return Err(SaveErrorKind::ReadOnly);
    }
    Ok(Some(meta))
}

/// Gives the new file the permissions of the one it replaces and, where this user may, its
/// owner and group (so a save by an administrator does not take a user's file away).
fn keep_owner_and_permissions(file: &File, previous: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Refused unless root (or the same owner and a group of this user): then the
        // file simply belongs to whoever saved it, as with any editor.
        let _ = std::os::unix::fs::fchown(file, Some(previous.uid()), Some(previous.gid()));
    }
    // After the owner: changing the owner may clear set-id bits.
    let _ = file.set_permissions(previous.permissions());
}

/// The project a temporary file of an interrupted save belongs to: `.NAME.XXXXXX.tmp`
/// (six letters or digits, as [`Temp`] and the `tempfile` crate name them) → `NAME`.
#[must_use]
fn temp_owner(file_name: &str) -> Option<&str> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, random) = inner.rsplit_once('.')?;
    (!name.is_empty()
        && random.len() == TEMP_RANDOM_CHARS
        && random.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then_some(name)
}

/// The project a path names if it is a temporary file of an interrupted save (see
/// [`temp_owner`]).
pub(crate) fn temp_file_owner(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    temp_owner(name).map(|owner| path.with_file_name(owner))
}

/// Removes the temporary files of `name` in `dir` that a killed save left behind. A live
/// save (of this process or another) holds a lock on its temporary file, so only those
/// whose lock can be taken are removed; anything that cannot be opened or locked stays.
fn remove_stale_temps(dir: &Path, name: &OsStr) {
    let Some(name) = name.to_str() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        if entry_name.to_str().and_then(temp_owner) != Some(name) {
            continue;
        }
        // Plain files only: never a link (or what it leads to), never a folder.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && same_file(&file, &path) {
            let _ = std::fs::remove_file(&path);
        }
        // Dropping `file` releases the lock.
    }
}

/// Whether `path` still names the open `file` (and not a file put there since).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Random characters in a temporary file's name.
const TEMP_RANDOM_CHARS: usize = 6;

/// A temporary file `.NAME.XXXXXX.tmp` next to the file it will replace, locked while it
/// exists so no other save takes it for a stale one, and removed on drop unless renamed.
struct Temp {
    path: PathBuf,
    file: File,
    renamed: bool,
}

impl Temp {
    fn create(dir: &Path, name: &OsStr) -> std::io::Result<Self> {
        for _ in 0..100 {
            let mut temp_name = OsString::from(".");
            temp_name.push(name);
            temp_name.push(".");
            temp_name.push(random_chars());
            temp_name.push(".tmp");
            let path = dir.join(temp_name);
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            // A new project file gets the permissions of any file the user creates (0o666
            // less the umask), not the owner-only 0o600 of a temporary file.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
            let file = match options.open(&path) {
                Ok(file) => file,
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            };
            let mut temp = Self {
                path,
                file,
                renamed: false,
            };
            match temp.file.try_lock() {
                // Where the file system has no locks, go on unlocked: other saves cannot
                // lock it either, so they leave it alone.
                Ok(()) | Err(TryLockError::Error(_)) => {}
                // Another save is removing it as stale (it found it between our creating
                // and locking it): leave it to that save and take another name.
                Err(TryLockError::WouldBlock) => {
                    temp.renamed = true;
                    continue;
                }
            }
            // Locked, but perhaps only after another save removed it: then the name is no
            // longer ours.
            if !same_file(&temp.file, &temp.path) {
                temp.renamed = true;
                continue;
            }
            return Ok(temp);
        }
        Err(std::io::Error::new(
            ErrorKind::AlreadyExists,
            "no free temporary file name",
        ))
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Six random letters and digits for a temporary file's name.
fn random_chars() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // `RandomState` is seeded from the system's randomness; the counter, process and time
    // make every call differ.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(t.as_nanos());
    }
    let mut bits = hasher.finish();
    (0..TEMP_RANDOM_CHARS)
        .map(|_| {
            let c = ALPHABET[(bits % 62) as usize];
            bits /= 62;
            char::from(c)
        })
        .collect()
}

/// The version of a file that starts the canonical way, `( format_version: N,`, read
/// without parsing the rest (which would double the cost of loading a large file).
fn leading_version(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format_version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// 1-based (line, column) just past the end of `text`; columns count characters.
fn line_column_of_end(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() + 1)
}

fn syntax(text: &str, origin: &Origin, e: &ron::error::SpannedError) -> LoadError {
    let (line, column) = token_position(text, e.span.start, e.span.end);
    LoadError::Syntax {
        origin: origin.clone(),
        line,
        column,
        error: Box::new(e.code.clone()),
        snippet: snippet(text, line, column),
    }
}

/// 1-based (line, column) of the offending token of a RON error.
///
/// ron starts some spans at the whitespace before the token it stumbled on (in
/// `t: "four"` the span of "Expected float" starts at the space after the colon), so
/// skip whitespace from the span's start, as long as a token follows within the span.
fn token_position(
    text: &str,
    start: ron::error::Position,
    end: ron::error::Position,
) -> (usize, usize) {
    let fallback = (start.line.max(1), start.col.max(1));
    let (mut line, mut column) = fallback;
    let rest = text
        .split_inclusive('\n')
        .nth(line - 1)
        .and_then(|l| l.char_indices().nth(column - 1))
        .map(|(i, _)| i);
    let Some(in_line) = rest else {
        return fallback;
    };
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    for c in text[line_start + in_line..].chars() {
        if (line, column) > (end.line, end.col) {
            break;
        }
        if !c.is_whitespace() {
            return (line, column);
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    fallback
}

/// The line `line` of `text`, with a caret under `column`, for error messages.
fn snippet(text: &str, line: usize, column: usize) -> String {
    let Some(source) = text.lines().nth(line - 1) else {
        return String::new();
    };
    let shown: String = source.chars().take(200).collect();
    let pad: String = shown
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{line:>5} | {shown}\n      | {pad}^")
}

#[cfg(test)]
mod tests {
    use super::{
        File, Path, SaveErrorKind, TEMP_RANDOM_CHARS, leading_version, random_chars, replace_with,
        temp_owner,
    };
    use crate::i18n::{Lang, Localize};
    use std::io::{ErrorKind, Write};

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A full disk, through the real save: the temporary file is created, locked and
    /// written in the project's folder, and then the disk is full — part-way through the
    /// write, or only at the flush (where delayed allocation reports it). The system gives
    /// the same `StorageFull` error; only its cause is simulated, since making a real disk
    /// full needs a mount only root may make.
    #[test]
    fn a_full_disk_leaves_the_previous_file_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("p.kaidan.ron");
        std::fs::write(&path, "the previous project").expect("write");
        let new = "the new project, which does not fit".repeat(100);
        let half_then_full = |file: &mut File| {
            file.write_all(&new.as_bytes()[..new.len() / 2])?;
            Err(std::io::Error::from(ErrorKind::StorageFull))
        };
        let all_then_flush_fails = |file: &mut File| {
            file.write_all(new.as_bytes())?;
            Err(std::io::Error::from(ErrorKind::StorageFull))
        };
        for (case, mut fill) in [
            (
                "write",
                Box::new(half_then_full) as Box<dyn FnMut(&mut File) -> std::io::Result<()>>,
            ),
            ("flush", Box::new(all_then_flush_fails)),
        ] {
            let mut seen_temp = None;
            let err = replace_with(&path, &mut |file| {
                // The temporary file exists while it is written, next to the project.
                seen_temp = names_in(dir.path())
                    .into_iter()
                    .find(|n| temp_owner(n) == Some("p.kaidan.ron"));
                fill(file)
            })
            .expect_err("the disk is full");
            assert!(seen_temp.is_some(), "{case}: a temporary file was written");
            assert!(
                matches!(&err.kind, SaveErrorKind::Io(e) if e.kind() == ErrorKind::StorageFull),
                "{case}: {err:?}"
            );
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                "the previous project",
                "{case}: the previous file is whole"
            );
            assert_eq!(
                names_in(dir.path()),
                ["p.kaidan.ron"],
                "{case}: no temporary file"
            );
            let shown = path.display();
            assert_eq!(
                err.localize(Lang::En),
                format!("cannot save {shown}: the disk is full")
            );
            assert_eq!(
                err.localize(Lang::Ja),
                format!("{shown} に保存できません（ディスクの空きがありません）")
            );
        }
    }

    #[test]
    fn temporary_file_names_are_recognised_by_their_shape() {
        assert_eq!(temp_owner(".p.kaidan.ron.aB3xY9.tmp"), Some("p.kaidan.ron"));
        assert_eq!(temp_owner(".x.000000.tmp"), Some("x"));
        for not_temp in [
            "p.kaidan.ron.aB3xY9.tmp",
            ".p.kaidan.ron.aB3xY.tmp",
            ".p.kaidan.ron.aB3xY90.tmp",
            ".p.kaidan.ron.aB3-Y9.tmp",
            ".p.kaidan.ron.aB3xY9.tmp.bak",
            "..aB3xY9.tmp",
            ".aB3xY9.tmp",
        ] {
            assert_eq!(temp_owner(not_temp), None, "{not_temp}");
        }
    }

    #[test]
    fn random_names_have_the_temporary_shape_and_differ() {
        let names: std::collections::HashSet<String> = (0..1000).map(|_| random_chars()).collect();
        assert_eq!(names.len(), 1000, "no repeats in 1000 names");
        for chars in &names {
            assert_eq!(chars.len(), TEMP_RANDOM_CHARS);
            let name = format!(".p.kaidan.ron.{chars}.tmp");
            assert_eq!(temp_owner(&name), Some("p.kaidan.ron"), "{name}");
        }
    }

    #[test]
    fn leading_version_reads_only_the_canonical_start() {
        assert_eq!(leading_version("(\n    format_version: 1,\n"), Some(1));
        assert_eq!(leading_version("  ( format_version : 12 )"), Some(12));
        assert_eq!(leading_version("(journey: (), format_version: 1)"), None);
        assert_eq!(leading_version("(format_version: 1x,"), None);
        assert_eq!(leading_version("(format_version: 99999999999,"), None);
    }
}
