//! Turning the file's bytes into text without asking for the encoding: UTF-8 with or
//! without a byte-order mark, UTF-16 with one, otherwise Shift_JIS (CP932); a file whose
//! lines mix encodings is refused, naming the first line that does not fit the rest.
//!
//! Apart from the CSV reading because it runs before it, on bytes, and has its own
//! subtleties (half-width katakana that happen to form UTF-8, lines decoded one by one only
//! to name the bad one).
//!
//! Bytes that are not UTF-8 are first checked ([`detect`]) without making their text: every
//! byte is decoded into a small scratch buffer that is overwritten as it goes, which tells
//! whether they fit and how long the text will be. The decoding proper then writes into a
//! string made at that length, either from the bytes in memory ([`decode`]) or from the disk
//! a chunk at a time (`super::file`), so a file is never held as bytes and text at once.

use super::ImportError;
use super::lines::{LineCounter, line_at};
use encoding_rs::{Decoder, DecoderResult, Encoding, SHIFT_JIS};
use std::borrow::Cow;

/// Bytes a decoder wants free before it writes a character (4 for one outside the BMP),
/// beyond the measured text, so that a string made at the measured length never grows.
const SLACK: usize = 16;

/// The scratch buffer of a check: small enough to stay in cache.
const SCRATCH: usize = 64 << 10;

/// Decodes the bytes, detecting the encoding; the text is borrowed when the file is UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let (bom, name) = utf8_bom(text);
            Ok((Cow::Borrowed(&text[bom..]), name))
        }
        Err(e) => {
            let plan = detect(bytes, e.valid_up_to())?;
            let text = plan.decode(bytes).ok_or_else(|| ImportError::Encoding {
                // Not reached: `detect` decoded these very bytes.
                line: line_at(bytes, e.valid_up_to()),
            })?;
            Ok((Cow::Owned(text), plan.name()))
        }
    }
}

/// The length of the UTF-8 byte-order mark `text` begins with (0 if none), and the name of
/// the encoding for the import's summary.
pub(super) fn utf8_bom(text: &str) -> (usize, &'static str) {
    if text.starts_with('\u{feff}') {
        ('\u{feff}'.len_utf8(), "UTF-8 (BOM)")
    } else {
        (0, "UTF-8")
    }
}

/// How to turn checked bytes that are not UTF-8 into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Plan {
    /// UTF-16LE, UTF-16BE or Shift_JIS.
    encoding: &'static Encoding,
    /// Where the text begins: after the byte-order mark.
    pub(super) start: usize,
    /// The length of the text in UTF-8.
    pub(super) len: usize,
}

impl Plan {
    /// The encoding's name, for the import's summary.
    pub(super) fn name(&self) -> &'static str {
        self.encoding.name()
    }

    /// An empty string with room for the whole text.
    pub(super) fn text(&self) -> String {
        String::with_capacity(self.len.saturating_add(SLACK))
    }

    /// A decoder for the bytes from [`start`](Self::start).
    pub(super) fn decoder(&self) -> Decoder {
        self.encoding.new_decoder_without_bom_handling()
    }

    /// The text of `bytes` (the whole file, byte-order mark included); `None` if they are
    /// not the bytes that were checked.
    pub(super) fn decode(&self, bytes: &[u8]) -> Option<String> {
        let mut text = self.text();
        let body = bytes.get(self.start..)?;
        let whole = decode_onto(&mut self.decoder(), body, &mut text, true);
        (whole && text.len() == self.len).then_some(text)
    }
}

/// Decodes `src` onto the end of `text` (`last`: nothing follows it); false if a byte
/// sequence does not fit. The string grows only when it lacks room, which a string from
/// [`Plan::text`] never does for the bytes that were checked.
pub(super) fn decode_onto(
    decoder: &mut Decoder,
    mut src: &[u8],
    text: &mut String,
    last: bool,
) -> bool {
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, text, last);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => return true,
            DecoderResult::Malformed(_, _) => return false,
            DecoderResult::OutputFull => {
                let room = decoder.max_utf8_buffer_length_without_replacement(src.len());
                text.reserve_exact(room.map_or(SLACK, |room| room.max(SLACK)));
            }
        }
    }
}

/// Checks bytes that are not UTF-8 as a whole (the first byte that is not is at
/// `utf8_valid_up_to`): UTF-16 after its byte-order mark, Shift_JIS without one; behind a
/// UTF-8 byte-order mark, refused with the line that is not UTF-8. Makes no text.
pub(super) fn detect(bytes: &[u8], utf8_valid_up_to: usize) -> Result<Plan, ImportError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            return Err(not_utf8_after_bom(bytes, bom, utf8_valid_up_to));
        }
        let big_endian = encoding == encoding_rs::UTF_16BE;
        let len = utf16_len(&bytes[bom..], big_endian)?;
        return Ok(Plan {
            encoding,
            start: bom,
            len,
        });
    }
    let len = shift_jis_len(bytes, utf8_valid_up_to)?;
    Ok(Plan {
        encoding: SHIFT_JIS,
        start: 0,
        len,
    })
}

/// The error for a file that begins with a UTF-8 byte-order mark (`bom` bytes long) but
/// holds a byte at `offset` that is not UTF-8: mixed encodings if that line is Shift_JIS.
fn not_utf8_after_bom(bytes: &[u8], bom: usize, offset: usize) -> ImportError {
    let line = line_at(bytes, offset);
    let start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(bom, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| offset + i);
    let fits_shift_jis = SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(&bytes[start..end])
        .is_some();
    if fits_shift_jis {
        ImportError::MixedEncodings {
            line,
            found: "Shift_JIS",
            file: "UTF-8",
        }
    } else {
        ImportError::NotBomEncoding {
            line,
            encoding: "UTF-8",
        }
    }
}

/// The length in UTF-8 of UTF-16 after its byte-order mark; an unpaired surrogate or an odd
/// last byte is refused with its line.
fn utf16_len(body: &[u8], big_endian: bool) -> Result<usize, ImportError> {
    let encoding = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
    let pairs = body.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let (mut len, mut lines) = (0, LineCounter::default());
    let refused = |lines: &LineCounter| ImportError::NotBomEncoding {
        line: lines.line(),
        encoding,
    };
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| refused(&lines))?;
        len += c.len_utf8();
        lines.push(c);
    }
    if odd {
        return Err(refused(&lines));
    }
    Ok(len)
}

/// What one line's bytes say about the file's encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// ASCII: fits both.
    Ascii,
    /// UTF-8 with a character from U+0800 up (Japanese text is): unmistakably UTF-8.
    Utf8,
    /// UTF-8 with only two-byte characters (U+0080–U+07FF): may be Shift_JIS half-width
    /// katakana that happen to form UTF-8, so it fits whichever the file has.
    MaybeUtf8,
    /// Not UTF-8.
    NotUtf8,
}

fn line_kind(line: &[u8]) -> LineKind {
    if line.is_ascii() {
        return LineKind::Ascii;
    }
    match std::str::from_utf8(line) {
        Ok(text) if text.chars().any(|c| u32::from(c) >= 0x800) => LineKind::Utf8,
        Ok(_) => LineKind::MaybeUtf8,
        Err(_) => LineKind::NotUtf8,
    }
}

/// Lines of one encoding: how many, and the first byte of the first one.
#[derive(Default)]
struct Evidence {
    lines: usize,
    first: Option<usize>,
}

impl Evidence {
    fn note(&mut self, offset: usize) {
        self.lines += 1;
        self.first.get_or_insert(offset);
    }
}

/// Checks a file that is not UTF-8 as a whole, giving the length of its text in UTF-8: it
/// is Shift_JIS when every line fits it and no line is unmistakably UTF-8. Otherwise names
/// the first line that fits neither, or the first line whose encoding differs from that of
/// most lines (a tie goes to the encoding seen first). One decoding of the whole file (its
/// text not kept) and one pass over its lines; lines are decoded one by one only to find the
/// line that does not fit.
fn shift_jis_len(bytes: &[u8], utf8_valid_up_to: usize) -> Result<usize, ImportError> {
    let decoded_len = utf8_len(SHIFT_JIS, bytes);
    let all_fit = decoded_len.is_some();
    let (mut utf8, mut sjis) = (Evidence::default(), Evidence::default());
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        let line = &bytes[start..end];
        let first_non_ascii = || start + line.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        match line_kind(line) {
            LineKind::Ascii => {}
            LineKind::Utf8 => utf8.note(first_non_ascii()),
            LineKind::MaybeUtf8 => {
                if !all_fit && shift_jis_misfit(line).is_some() {
                    utf8.note(first_non_ascii());
                }
            }
            LineKind::NotUtf8 => match (!all_fit).then(|| shift_jis_misfit(line)).flatten() {
                None => sjis.note(first_non_ascii()),
                Some(bad) => {
                    return Err(ImportError::Encoding {
                        line: line_at(bytes, start + bad),
                    });
                }
            },
        }
        start = end;
    }
    match (utf8.first, sjis.first, decoded_len) {
        (None, Some(_), Some(len)) => Ok(len),
        (Some(u), Some(s), _) => {
            let utf8_wins = utf8.lines > sjis.lines || (utf8.lines == sjis.lines && u < s);
            let (offset, found, file) = if utf8_wins {
                (s, "Shift_JIS", "UTF-8")
            } else {
                (u, "UTF-8", "Shift_JIS")
            };
            Err(ImportError::MixedEncodings {
                line: line_at(bytes, offset),
                found,
                file,
            })
        }
        // Not UTF-8 as a whole, yet no line was Shift_JIS (or every line fits Shift_JIS but
        // not the whole): cannot happen, as lines break at ASCII bytes; if it did, the first
        // byte that is not UTF-8 is the one to name.
        _ => Err(ImportError::Encoding {
            line: line_at(bytes, utf8_valid_up_to),
        }),
    }
}

/// The length in UTF-8 of `bytes` decoded from `encoding`, `None` if they do not fit it.
/// The text goes into a scratch buffer that is overwritten as it goes: nothing is kept.
fn utf8_len(encoding: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut scratch = vec![0; SCRATCH];
    let (mut rest, mut len) = (bytes, 0);
    loop {
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(rest, &mut scratch, true);
        rest = &rest[read..];
        len += written;
        match result {
            DecoderResult::InputEmpty => return Some(len),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => return None,
        }
    }
}

/// Where `line` stops being Shift_JIS (its offset in the line), if it does.
fn shift_jis_misfit(line: &[u8]) -> Option<usize> {
    let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(line.len())
        .unwrap_or(line.len() * 3 + 3);
    let mut out = vec![0; room];
    match decoder.decode_to_utf8_without_replacement(line, &mut out, true) {
        (DecoderResult::Malformed(bad, after), read, _) => {
            Some(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        // `out` has room for the worst case, so the output is never full.
        (DecoderResult::InputEmpty | DecoderResult::OutputFull, _, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_fits_an_encoding_by_its_bytes() {
        assert_eq!(line_kind(b"s24,5\n"), LineKind::Ascii);
        assert_eq!(line_kind("s24,5,2026年春\n".as_bytes()), LineKind::Utf8);
        assert_eq!(line_kind("café\n".as_bytes()), LineKind::MaybeUtf8);
        let (sjis, _, _) = SHIFT_JIS.encode("s24,5,2026年春\n");
        assert_eq!(line_kind(&sjis), LineKind::NotUtf8);
    }

    #[test]
    fn shift_jis_misfits_are_found_where_they_start() {
        let (sjis, _, _) = SHIFT_JIS.encode("s24,無料ｻﾝﾌﾟﾙ\n");
        assert_eq!(shift_jis_misfit(&sjis), None);
        assert_eq!(shift_jis_misfit(b"caf\xE9,5\n"), Some(3));
        // A lead byte with nothing after it.
        assert_eq!(shift_jis_misfit(b"ab\x82"), Some(2));
    }
}
