//! Turning the file's bytes into text without asking for the encoding: UTF-8 with or
//! without a byte-order mark, UTF-16 with one, otherwise Shift_JIS (CP932); a file whose
//! lines mix encodings is refused, naming the first line that does not fit the rest.
//!
//! Apart from the CSV reading because it runs before it, on bytes, and has its own
//! subtleties (half-width katakana that happen to form UTF-8, lines decoded one by one only
//! to name the bad one).

use super::ImportError;
use super::lines::line_at;
use encoding_rs::{DecoderResult, SHIFT_JIS};
use std::borrow::Cow;

/// Decodes the bytes, detecting the encoding; the text is borrowed when the file is UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), ImportError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == encoding_rs::UTF_8 {
            return match std::str::from_utf8(body) {
                Ok(text) => Ok((Cow::Borrowed(text), "UTF-8 (BOM)")),
                Err(e) => Err(not_utf8_after_bom(bytes, bom, bom + e.valid_up_to())),
            };
        }
        let big_endian = encoding == encoding_rs::UTF_16BE;
        return decode_utf16(body, big_endian).map(|text| (Cow::Owned(text), encoding.name()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), "UTF-8")),
        Err(e) => decode_shift_jis(bytes, e.valid_up_to()).map(|t| (Cow::Owned(t), "Shift_JIS")),
    }
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

/// UTF-16 after its byte-order mark; an unpaired surrogate or an odd last byte is refused
/// with its line.
fn decode_utf16(body: &[u8], big_endian: bool) -> Result<String, ImportError> {
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
    let mut text = String::with_capacity(body.len());
    let refused = |text: &str| ImportError::NotBomEncoding {
        line: line_at(text.as_bytes(), text.len()),
        encoding,
    };
    for c in char::decode_utf16(units) {
        text.push(c.map_err(|_| refused(&text))?);
    }
    if odd {
        return Err(refused(&text));
    }
    Ok(text)
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

/// Decodes a file that is not UTF-8 as a whole: as Shift_JIS when every line fits it and no
/// line is unmistakably UTF-8. Otherwise names the first line that fits neither, or the first
/// line whose encoding differs from that of most lines (a tie goes to the encoding seen
/// first). One decoding of the whole file and one pass over its lines; lines are decoded one
/// by one only to find the line that does not fit.
fn decode_shift_jis(bytes: &[u8], utf8_valid_up_to: usize) -> Result<String, ImportError> {
    let decoded = SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes);
    let all_fit = decoded.is_some();
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
    match (utf8.first, sjis.first, decoded) {
        (None, Some(_), Some(text)) => Ok(text.into_owned()),
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
