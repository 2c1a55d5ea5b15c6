//! Reading a CSV file into text, holding it once: a UTF-8 file becomes its own text (the
//! bytes read are the string); a file in another encoding is checked as bytes, let go, and
//! read again from the disk a chunk at a time into a string made at the measured length of
//! its text. Peak memory is the larger of the file and its text, not their sum.
//!
//! Apart from `decode` because it is about the disk: the second reading, and what happens
//! when the file changes between the two (refused, never imported half-checked) or cannot
//! be read twice (a pipe: decoded from the bytes in memory).

use super::decode::{Plan, decode_onto, detect, utf8_bom};
use super::{ImportError, MAX_CSV_BYTES};
use std::io::Read;
use std::path::Path;

/// How much of the file the second reading takes at a time.
const CHUNK: usize = 64 << 10;

/// Reads a CSV file into text, detecting the encoding as [`decode`](super::decode::decode)
/// does (the same errors on the same lines); also gives the encoding's name.
pub(crate) fn read_text(path: &Path) -> Result<(String, &'static str), ImportError> {
    let shown = || path.display().to_string();
    let read_error = |source| ImportError::Read {
        path: shown(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if metadata.len() > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge {
            path: shown(),
            size: metadata.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    let (bytes, valid_up_to) = match String::from_utf8(bytes) {
        Ok(mut text) => {
            let (bom, name) = utf8_bom(&text);
            text.drain(..bom);
            return Ok((text, name));
        }
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            (e.into_bytes(), valid_up_to)
        }
    };
    let plan = detect(&bytes, valid_up_to)?;
    let decoded = if metadata.is_file() {
        let checked = Checked {
            len: bytes.len(),
            crc: crc32fast::hash(&bytes),
        };
        drop(bytes);
        decode_again(path, &plan, checked).map_err(read_error)?
    } else {
        // A pipe or a device cannot be read twice: the text is made from the bytes in memory.
        plan.decode(&bytes)
    };
    let text = decoded.ok_or_else(|| ImportError::Changed { path: shown() })?;
    Ok((text, plan.name()))
}

/// The file as it was checked: its length and the CRC-32 of its bytes.
#[derive(Clone, Copy)]
struct Checked {
    len: usize,
    crc: u32,
}

/// Reads the file again and decodes it as `plan` says, a chunk at a time; `None` if it is no
/// longer the file that was checked (another length, other bytes).
fn decode_again(path: &Path, plan: &Plan, checked: Checked) -> std::io::Result<Option<String>> {
    let mut file = std::fs::File::open(path)?;
    let mut chunk = vec![0; CHUNK];
    let mut text = plan.text();
    let mut decoder = plan.decoder();
    let mut crc = crc32fast::Hasher::new();
    let mut read = 0;
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let bytes = &chunk[..n];
        // The byte-order mark is skipped, wherever the chunks cut it.
        let body = &bytes[plan.start.saturating_sub(read).min(n)..];
        read += n;
        if read > checked.len {
            return Ok(None);
        }
        crc.update(bytes);
        if !decode_onto(&mut decoder, body, &mut text, false) {
            return Ok(None);
        }
    }
    let whole = decode_onto(&mut decoder, &[], &mut text, true);
    let same = whole && read == checked.len && crc.finalize() == checked.crc;
    Ok((same && text.len() == plan.len).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::super::decode;
    use super::*;
    use encoding_rs::{SHIFT_JIS, UTF_16BE, UTF_16LE};

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    fn shift_jis(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    /// Writes `bytes` to a file, reads it through [`read_text`], and checks that it gives
    /// what [`decode`] gives for the bytes in memory: the same text and encoding, or the
    /// same error. Returns the text or the error's words.
    fn read_as_decoded(bytes: &[u8]) -> Result<(String, &'static str), String> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data.csv");
        std::fs::write(&path, bytes).expect("written");
        let from_file = read_text(&path).map_err(|e| e.to_string());
        let in_memory = decode(bytes)
            .map(|(text, name)| (text.into_owned(), name))
            .map_err(|e| e.to_string());
        assert_eq!(from_file, in_memory);
        from_file
    }

    /// Where `bytes` stop being UTF-8.
    fn not_utf8(bytes: &[u8]) -> usize {
        std::str::from_utf8(bytes)
            .expect_err("not UTF-8")
            .valid_up_to()
    }

    const TEXT: &str = "ステップ,スコア\r\n無料ｻﾝﾌﾟﾙを申し込む,9\r\n𠮷野家,7\r\ncafé,5\r\n";

    #[test]
    fn a_file_reads_as_its_bytes_decode_in_every_encoding() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let sjis_text = TEXT.replace('𠮷', "吉").replace('é', "e");
        let cases: [(Vec<u8>, &str, &str); 5] = [
            (TEXT.as_bytes().to_vec(), TEXT, "UTF-8"),
            (with_bom, TEXT, "UTF-8 (BOM)"),
            (utf16(TEXT, false), TEXT, "UTF-16LE"),
            (utf16(TEXT, true), TEXT, "UTF-16BE"),
            (shift_jis(&sjis_text), &sjis_text, "Shift_JIS"),
        ];
        for (bytes, text, name) in cases {
            assert_eq!(read_as_decoded(&bytes), Ok((text.to_owned(), name)));
        }
        assert_eq!(read_as_decoded(b""), Ok((String::new(), "UTF-8")));
        assert_eq!(
            read_as_decoded(&[0xFF, 0xFE]),
            Ok((String::new(), "UTF-16LE"))
        );
    }

    #[test]
    fn characters_cut_by_the_chunks_are_decoded_whole() {
        // One ASCII byte, then two-byte characters: one of them straddles every chunk
        // boundary (they start at odd offsets, and a chunk is even).
        let text = format!("a{}\r\n", "あ漢字".repeat(CHUNK / 2));
        let sjis = shift_jis(&text);
        assert!(sjis.len() > 3 * CHUNK);
        for boundary in (CHUNK..sjis.len()).step_by(CHUNK).take(3) {
            let lead = sjis[boundary - 1];
            assert!(matches!(lead, 0x81..=0x9F | 0xE0..=0xFC), "{lead:#x}");
        }
        assert_eq!(read_as_decoded(&sjis), Ok((text, "Shift_JIS")));

        // UTF-16: a surrogate pair that straddles the first boundary (mark, "xx", pairs).
        let text = format!("xx{}\n", "𠮷".repeat(CHUNK));
        assert_eq!((CHUNK - 2 - 6) % 4, 0, "a pair starts at CHUNK - 2");
        for big_endian in [false, true] {
            let bytes = utf16(&text, big_endian);
            let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
            assert_eq!(read_as_decoded(&bytes), Ok((text.clone(), name)));
        }
    }

    #[test]
    fn a_file_that_does_not_fit_is_refused_as_its_bytes_are() {
        let sjis_line = shift_jis("無料サンプル,9\r\n");
        let utf8_line = "初回限定価格,7\r\n".as_bytes();
        // Mostly UTF-8, one Shift_JIS line (the 3rd), and the other way round (the 4th).
        let mostly_utf8 = [&b"step,score\r\n"[..], utf8_line, &sjis_line, utf8_line].concat();
        let mostly_sjis = [&b"step,score\r\n"[..], &sjis_line, &sjis_line, utf8_line].concat();
        let with_bom = [&b"\xEF\xBB\xBFstep,score\r\n"[..], utf8_line, &sjis_line].concat();
        let lone = [&utf16("a\r\nb\r\n", false)[..], &[0x00, 0xD8, b'c', 0]].concat();
        let odd = [&utf16("a\nb\rc", true)[..], &[0x00]].concat();
        let neither = b"step,score\r\ns1,9\r\ncaf\x80\xFF,5\r\n";
        let refusals: [(&[u8], &str); 6] = [
            (&mostly_utf8, "line 3: this line is Shift_JIS text"),
            (&mostly_sjis, "line 4: this line is UTF-8 text"),
            (&with_bom, "line 3: this line is Shift_JIS text"),
            (&lone, "line 3: the file begins with a UTF-16LE"),
            (&odd, "line 3: the file begins with a UTF-16BE"),
            (neither, "line 3: the file is neither UTF-8 nor Shift_JIS"),
        ];
        for (bytes, words) in refusals {
            let Err(e) = read_as_decoded(bytes) else {
                panic!("{words}: imported");
            };
            assert!(e.starts_with(words), "{e}");
        }
    }

    #[test]
    fn a_file_that_changed_after_its_check_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data.csv");
        let checked_bytes = shift_jis(&format!("step\r\n{}\r\n", "ア".repeat(CHUNK)));
        let plan = detect(&checked_bytes, not_utf8(&checked_bytes)).expect("Shift_JIS");
        let checked = Checked {
            len: checked_bytes.len(),
            crc: crc32fast::hash(&checked_bytes),
        };
        let again = |bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("written");
            decode_again(&path, &plan, checked).expect("read")
        };
        let text = again(&checked_bytes).expect("the same file");
        assert_eq!(Some(text), plan.decode(&checked_bytes));
        // The same length, one character changed; longer; shorter; no longer Shift_JIS.
        let mut edited = checked_bytes.clone();
        edited[10] = 0x83;
        edited[11] = 0x43; // イ
        assert_eq!(again(&edited), None);
        assert_eq!(again(&[&checked_bytes[..], b"x"].concat()), None);
        assert_eq!(again(&checked_bytes[..checked_bytes.len() - 2]), None);
        let mut broken = checked_bytes.clone();
        broken[10] = 0xFF;
        assert_eq!(again(&broken), None);
        // Through `read_text`, a file that vanished between the readings is a read error;
        // here the plan is the other reading's.
        std::fs::remove_file(&path).expect("removed");
        assert!(decode_again(&path, &plan, checked).is_err());
    }

    #[test]
    fn utf16_plans_are_read_past_the_mark() {
        let (le, be) = (utf16("a,b\n", false), utf16("a,b\n", true));
        let plan = |bytes: &[u8]| detect(bytes, not_utf8(bytes)).expect("UTF-16");
        assert_eq!(
            (plan(&le).start, plan(&le).len, plan(&le).name()),
            (2, 4, UTF_16LE.name())
        );
        assert_eq!(plan(&be).name(), UTF_16BE.name());
    }
}
