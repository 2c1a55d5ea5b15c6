//! Reading the table's text: the delimiter sniffed from the header row, a quoted field that
//! never closes, how headers, titles and cells compare (NFKC, trimmed, lowercased), and
//! which known column a header cell names.
//!
//! The rules of the file's surface, apart from what the columns mean for the journey.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Where a quoted field opens that never closes, following the CSV reader's rules (a quote
/// opens a field only at its start; `""` inside is a quote; after the closing quote the field
/// goes on unquoted): the reader would silently take the rest of the file into that field.
pub(crate) fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        QuoteInQuoted(usize),
    }
    if !text.contains(&b'"') {
        return None;
    }
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut state = State::FieldStart;
    for (i, &b) in text.iter().enumerate() {
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::Quoted(at) if b == b'"' => State::QuoteInQuoted(at),
            State::QuoteInQuoted(at) if b == b'"' => State::Quoted(at),
            quoted @ State::Quoted(_) => quoted,
            _ if ends_field(b) => State::FieldStart,
            State::FieldStart | State::Unquoted | State::QuoteInQuoted(_) => State::Unquoted,
        };
    }
    match state {
        State::Quoted(at) => Some(at),
        _ => None,
    }
}

/// The delimiter that occurs most often, outside quotes, in the first line.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// How a header, title or cell is compared: NFKC (half-width katakana become full-width,
/// full-width letters and digits ASCII, the ideographic space a space), trimmed, lowercased.
pub(crate) fn normalize(text: &str) -> String {
    text.nfkc().collect::<String>().trim().to_lowercase()
}

/// A cell as text. Cells of the decoded file are always UTF-8 (the reader splits at ASCII
/// bytes only); lossy just in case.
pub(crate) fn cell_text(cell: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(cell)
}

/// Which known column a header cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Step,
    Score,
    Wave,
    Respondent,
}

pub(super) fn role(header: &str) -> Option<Role> {
    Some(match header {
        "step" | "step_id" | "touchpoint" | "ステップ" | "タッチポイント" => Role::Step,
        "score" | "nps" | "スコア" | "推奨度" | "推奨意向" => Role::Score,
        "wave" | "調査回" | "調査" | "ウェーブ" => Role::Wave,
        // Columns that say who answered or when; read past, never counted.
        "respondent"
        | "respondent_id"
        | "id"
        | "回答者"
        | "回答者id"
        | "回答id"
        | "timestamp"
        | "タイムスタンプ"
        | "回答日時"
        | "日時" => Role::Respondent,
        _ => return None,
    })
}

pub(crate) fn trim_bytes(cell: &[u8]) -> &[u8] {
    let start = cell
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &cell[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter(b"step,score\n"), b',');
        assert_eq!(sniff_delimiter(b"step;score\n1;2,3"), b';');
        assert_eq!(sniff_delimiter(b"step;score\r\n1,2,3"), b';');
        assert_eq!(sniff_delimiter(b"\"a,b,c\"\tscore\n"), b'\t');
        assert_eq!(sniff_delimiter(b"onecolumn\n"), b',');
    }

    #[test]
    fn headers_in_both_languages_and_any_width() {
        assert_eq!(role(&normalize(" Step ")), Some(Role::Step));
        assert_eq!(role(&normalize("ＳＣＯＲＥ")), Some(Role::Score));
        assert_eq!(role(&normalize("推奨度")), Some(Role::Score));
        assert_eq!(role(&normalize("ｽﾃｯﾌﾟ")), Some(Role::Step));
        assert_eq!(role(&normalize("調査回")), Some(Role::Wave));
        assert_eq!(role(&normalize("回答者ＩＤ")), Some(Role::Respondent));
        assert_eq!(role(&normalize("タイトル")), None);
    }

    #[test]
    fn normalize_is_nfkc_trimmed_and_lowercased() {
        assert_eq!(normalize("ｻﾝﾌﾟﾙ"), "サンプル");
        assert_eq!(normalize("　ＳＮＳで見る "), "snsで見る");
        assert_eq!(normalize("ｶﾞｲﾄﾞ"), normalize("ガイド"));
    }

    #[test]
    fn unclosed_quotes_follow_the_readers_rules() {
        assert_eq!(unclosed_quote(b"a,b\n1,2\n", b','), None);
        assert_eq!(unclosed_quote(b"a,\"b\"\"c\"\n1,2\n", b','), None);
        // A quote inside an unquoted field is a plain character.
        assert_eq!(unclosed_quote(b"a,b\"\n1,2\n", b','), None);
        // After a closed quote the field goes on unquoted: the later quote is plain.
        assert_eq!(unclosed_quote(b"a,\"b\"c\"\n1,2\n", b','), None);
        // A quoted field may hold line breaks and delimiters.
        assert_eq!(unclosed_quote(b"a,\"b\n,c\"\n1,2\n", b','), None);
        assert_eq!(unclosed_quote(b"a,b\n\"1,2\n3,4\n", b','), Some(4));
        assert_eq!(unclosed_quote(b"a;b\n1;\"2\"\"\n", b';'), Some(6));
        // With tabs, a quote after a comma opens nothing; after a tab it does.
        assert_eq!(unclosed_quote(b"a\tb\n1,\"2\t3\n", b'\t'), None);
        assert_eq!(unclosed_quote(b"a\tb\n1\t\"2,3\n", b'\t'), Some(6));
    }
}
