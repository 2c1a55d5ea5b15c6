//! `*.kaidan.ron` project files: versioned, pretty, deterministic RON, saved atomically.

use super::error::{LoadError, Origin, SaveError};
use crate::model::Journey;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;

/// The file format version this build writes (and the newest it reads).
///
/// History (each older version is migrated on load):
/// - 1: the journey, phases, levels, steps, links.
/// - 2: steps may carry an `emotion` (valence, named emotion, thoughts, quote, pain point /
///   delight). A version-1 file is a valid version-2 file without emotions, so migrating it
///   is reading it as is.
/// - 3: the journey may carry `surveys` (NPS waves with 0–10 score counts per step, and a
///   benchmark). Older files have no surveys, so they too are read as they are.
pub const FORMAT_VERSION: u32 = 3;

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

/// Loads a project file.
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

/// Saves a project atomically: the text goes to a temporary file in the same folder,
/// is flushed to disk, and then replaces `path` in one rename. If anything fails, the
/// previous file is untouched and no temporary file is left behind.
pub fn save(path: &Path, journey: &Journey) -> Result<(), SaveError> {
    write_atomically(path, to_string(journey).as_bytes())
}

/// Writes bytes to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let error = |source| SaveError {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new project file gets the permissions of any file the user creates (0o666 less
    // the umask), not the owner-only 0o600 of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(error)?;
    // Write through the plain file: its errors name no temporary path.
    temp.as_file_mut().write_all(bytes).map_err(error)?;
    temp.as_file().sync_all().map_err(error)?;
    // Keep the permissions of the file being replaced.
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    temp.persist(path).map_err(|e| error(e.error))?;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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
        message: e.code.to_string(),
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
    use super::leading_version;

    #[test]
    fn leading_version_reads_only_the_canonical_start() {
        assert_eq!(leading_version("(\n    format_version: 1,\n"), Some(1));
        assert_eq!(leading_version("  ( format_version : 12 )"), Some(12));
        assert_eq!(leading_version("(journey: (), format_version: 1)"), None);
        assert_eq!(leading_version("(format_version: 1x,"), None);
        assert_eq!(leading_version("(format_version: 99999999999,"), None);
    }
}
