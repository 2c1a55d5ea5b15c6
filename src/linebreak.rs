//! Breaking text into rows by the rules of each script, and how wide text is in the bundled
//! font, without a font loaded: shared by the layout (which sizes boxes for their words) and
//! the painter (which breaks every text it draws).
//!
//! egui wraps by width: it breaks after spaces and between CJK characters, but otherwise
//! mid-word when a word does not fit ("Satisfie/d"), and it knows nothing of Japanese
//! line-breaking rules (kinsoku) or of a lone last character. So text is broken here and
//! egui gets rows separated by newlines:
//!
//! - Break opportunities come from the Unicode line breaking algorithm (UAX #14, the
//!   `unicode-linebreak` crate): between words, after spaces and hyphens, between CJK
//!   ideographs and kana — and never before 、。」） or ー and small kana, nor after 「（.
//! - Rows are filled greedily; a word wider than a whole row is the only thing ever split
//!   inside (there is no other way to show it), and even then not before 、。ー or small kana.
//! - No row of one lone character: the last word or character of the row before moves down
//!   to keep it company (「…してい / る」 becomes 「…して / いる」).
//! - Past the last row, the text ends in an ellipsis that fits in the row.

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

/// Advance widths of the printable ASCII characters U+0020..=U+007E in the bundled font
/// (BIZ UDPGothic), in em: what the layout sizes boxes with. A test checks them against the
/// font egui loads.
pub const ASCII_EM: [f32; 95] = [
    0.333, 0.330, 0.470, 0.920, 0.800, 1.000, 0.890, 0.290, 0.490, 0.490, 0.500, 0.840, //
    0.310, 0.480, 0.310, 0.500, 0.760, 0.630, 0.760, 0.760, 0.760, 0.760, 0.760, 0.760, //
    0.760, 0.760, 0.310, 0.310, 0.840, 0.840, 0.840, 0.775, 0.980, 0.760, 0.770, 0.800, //
    0.840, 0.700, 0.660, 0.840, 0.820, 0.420, 0.540, 0.750, 0.600, 0.980, 0.820, 0.860, //
    0.740, 0.890, 0.760, 0.710, 0.700, 0.840, 0.740, 0.980, 0.800, 0.720, 0.750, 0.500, //
    0.500, 0.500, 0.500, 0.305, 0.500, 0.650, 0.710, 0.640, 0.710, 0.690, 0.500, 0.670, //
    0.700, 0.320, 0.380, 0.630, 0.330, 0.940, 0.700, 0.680, 0.710, 0.710, 0.450, 0.590, //
    0.470, 0.700, 0.580, 0.880, 0.600, 0.610, 0.580, 0.520, 0.440, 0.520, 0.500,
];

/// The width of `c` in em, as the layout estimates it: exact for ASCII (from
/// [`ASCII_EM`]), half an em for half-width katakana, 1.35 em for the symbols and emoji drawn
/// from egui's emoji fonts, and otherwise a full em — the width of kana and kanji, and more
/// than most other characters.
#[must_use]
pub fn em_width(c: char) -> f32 {
    match c {
        ' '..='~' => ASCII_EM[c as usize - 0x20],
        '\u{FF61}'..='\u{FF9F}' => 0.5,
        // Symbols and emoji the Japanese font lacks come from egui's emoji fonts, up to
        // 1.35 em wide: counted wide, so a box never comes out too small.
        '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{3030}'
        | '\u{303D}'
        | '\u{1F000}'..='\u{1FAFF}' => 1.35,
        _ => 1.0,
    }
}

/// The widest piece of `text` that may not be broken (a word, or a character with the
/// punctuation that clings to it), in em by [`em_width`]: how narrow a box can be before a
/// word must be split.
#[must_use]
pub fn widest_unbreakable_em(text: &str) -> f32 {
    let mut start = 0;
    let mut widest = 0.0_f32;
    for (end, _) in linebreaks(text) {
        let piece: f32 = text[start..end].trim_end().chars().map(em_width).sum();
        widest = widest.max(piece);
        start = end;
    }
    widest
}

/// Characters of a text [`rows_needed`] looks at: more than the most rows any box allows can
/// hold (a dozen rows of the widest box), so a 10,000-character text costs no more than a
/// long sentence and every caller, which caps the rows, gets the same answer.
const ROWS_NEEDED_CHARS: usize = 3000;

/// How many rows `text` takes at font size `size` in rows `width` wide, by the layout's
/// estimate ([`em_width`]), counted over its first [`ROWS_NEEDED_CHARS`] characters.
#[must_use]
pub fn rows_needed(text: &str, size: f32, width: f32) -> usize {
    if text.is_empty() {
        return 0;
    }
    let text = text
        .char_indices()
        .nth(ROWS_NEEDED_CHARS)
        .map_or(text, |(i, _)| &text[..i]);
    break_rows(text, width, usize::MAX, |c| em_width(c) * size)
        .rows
        .len()
}

/// The ellipsis ending a text that does not fit.
pub const ELLIPSIS: char = '…';

/// Text broken into rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows {
    /// The rows, without trailing spaces.
    pub rows: Vec<String>,
    /// Whether text was left out (the last row then ends in [`ELLIPSIS`]).
    pub cut: bool,
}

impl Rows {
    /// The rows joined by newlines, for egui to lay out without wrapping.
    #[must_use]
    pub fn joined(&self) -> String {
        self.rows.join("\n")
    }
}

/// One piece of text between two break opportunities (its trailing spaces included).
struct Piece<'a> {
    text: &'a str,
    /// Width without the trailing spaces (they may hang past the row's end).
    width: f32,
    /// A break must follow (a newline in the text).
    mandatory: bool,
}

/// Breaks `text` into rows at most `width` wide (in the unit `width_of` measures a
/// character in), at most `max_rows` of them.
pub fn break_rows(
    text: &str,
    width: f32,
    max_rows: usize,
    mut width_of: impl FnMut(char) -> f32,
) -> Rows {
    let max_rows = max_rows.max(1);
    let pieces = pieces(text, &mut width_of);
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut row: Vec<&str> = Vec::new();
    let mut row_width = 0.0_f32;
    for piece in &pieces {
        // The piece's trailing spaces may hang, so only its visible width counts; the spaces
        // already in the row before it count in full.
        let full_before: f32 = row.last().map_or(0.0, |last| {
            last.chars()
                .rev()
                .take_while(|c| c.is_whitespace())
                .map(&mut width_of)
                .sum()
        });
        if !row.is_empty() && row_width + full_before + piece.width > width {
            rows.push(std::mem::take(&mut row));
            row_width = 0.0;
        }
        if row.is_empty() && piece.width > width {
            // A word wider than a whole row: the one case split inside, still never before
            // a character that may not start a row.
            let mut start = 0;
            let mut run = 0.0;
            let chars: Vec<(usize, char)> = piece.text.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                let (i, c) = chars[k];
                let w = width_of(c);
                if run + w > width && i > start {
                    let mut split = k;
                    while split > 0 && chars[split - 1].0 > start && no_row_start(chars[split].1) {
                        split -= 1;
                    }
                    let at = chars[split].0;
                    // No split without breaking the rules: the row runs over instead.
                    if at > start && !no_row_start(chars[split].1) {
                        rows.push(vec![&piece.text[start..at]]);
                        start = at;
                        run = piece.text[start..i].chars().map(&mut width_of).sum();
                    }
                }
                run += w;
                k += 1;
            }
            row.push(&piece.text[start..]);
            row_width = run;
        } else {
            let before = row_width + full_before;
            row.push(piece.text);
            row_width = before + piece.width;
        }
        if piece.mandatory {
            rows.push(std::mem::take(&mut row));
            row_width = 0.0;
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    keep_last_char_company(&mut rows, width, &mut width_of);
    let cut = rows.len() > max_rows;
    let mut rows: Vec<String> = rows
        .into_iter()
        .take(max_rows)
        .map(|r| r.concat().trim_end().to_owned())
        .collect();
    if cut && let Some(last) = rows.last_mut() {
        end_with_ellipsis(last, width, &mut width_of);
    }
    Rows { rows, cut }
}

/// Whether `c` may not begin a row (closing brackets and punctuation, 、。, ー and small kana).
fn no_row_start(c: char) -> bool {
    matches!(
        break_property(u32::from(c)),
        BreakClass::ClosePunctuation
            | BreakClass::CloseParenthesis
            | BreakClass::Exclamation
            | BreakClass::InfixSeparator
            | BreakClass::NonStarter
            | BreakClass::ConditionalJapaneseStarter
    )
}

/// Whether a break at `at` would part a number from the counter after it (9|月, 5,000|人,
/// 2026|年): UAX #14 allows it before an ideograph, Japanese typesetting keeps them together.
fn number_with_its_counter(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && after.is_some_and(|c| {
            matches!(
                break_property(u32::from(c)),
                BreakClass::Ideographic | BreakClass::ConditionalJapaneseStarter
            )
        })
}

/// The text between break opportunities, measured.
fn pieces<'a>(text: &'a str, width_of: &mut impl FnMut(char) -> f32) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (end, opportunity) in linebreaks(text) {
        if opportunity != BreakOpportunity::Mandatory && number_with_its_counter(text, end) {
            continue;
        }
        let slice = &text[start..end];
        let mandatory =
            opportunity == BreakOpportunity::Mandatory && slice.ends_with(['\n', '\r', '\u{2028}']);
        let visible = slice.trim_end();
        out.push(Piece {
            text: if mandatory { visible } else { slice },
            width: visible.chars().map(&mut *width_of).sum(),
            mandatory,
        });
        start = end;
    }
    out
}

/// A last row of a single character takes the last piece of the row before it along, when
/// that leaves the row before it something and the two still fit.
fn keep_last_char_company(
    rows: &mut [Vec<&str>],
    width: f32,
    width_of: &mut impl FnMut(char) -> f32,
) {
    let n = rows.len();
    if n < 2 {
        return;
    }
    let lone = rows[n - 1].concat().trim().chars().count() == 1;
    if !lone || rows[n - 2].len() < 2 {
        return;
    }
    let moved = rows[n - 2][rows[n - 2].len() - 1];
    let joined: f32 = format!("{moved}{}", rows[n - 1].concat())
        .trim_end()
        .chars()
        .map(&mut *width_of)
        .sum();
    if joined <= width {
        rows[n - 2].pop();
        rows[n - 1].insert(0, moved);
    }
}

/// Cuts `row` so that it and an ellipsis fit in `width`, and appends the ellipsis.
fn end_with_ellipsis(row: &mut String, width: f32, width_of: &mut impl FnMut(char) -> f32) {
    let ellipsis = width_of(ELLIPSIS);
    let mut total: f32 = row.chars().map(&mut *width_of).sum();
    while total + ellipsis > width {
        match row.pop() {
            Some(c) => total -= width_of(c),
            None => break,
        }
    }
    let kept = row.trim_end().len();
    row.truncate(kept);
    row.push(ELLIPSIS);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin letters 0.5 wide, spaces 0.3, everything else (CJK, punctuation) 1.
    fn width(c: char) -> f32 {
        if c == ' ' {
            0.3
        } else if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn rows(text: &str, w: f32, max: usize) -> Vec<String> {
        break_rows(text, w, max, width).rows
    }

    #[test]
    fn english_words_are_never_split() {
        // "Satisfied" is 4.5 wide: it moves to the next row whole.
        assert_eq!(rows("Very Satisfied", 5.0, 3), ["Very", "Satisfied"]);
        assert_eq!(rows("Emotion curve", 4.0, 3), ["Emotion", "curve"]);
        for r in rows("Customers who repeat their purchase become fans", 6.0, 9) {
            assert!(
                "Customers who repeat their purchase become fans"
                    .split(' ')
                    .any(|w| r.split(' ').any(|p| p == w)),
                "{r}"
            );
        }
    }

    #[test]
    fn a_word_wider_than_a_row_is_the_only_thing_split() {
        assert_eq!(rows("Antidisestablishment", 4.0, 5).len(), 3);
        assert_eq!(
            rows("Antidisestablishment", 4.0, 5).concat(),
            "Antidisestablishment"
        );
    }

    #[test]
    fn japanese_follows_kinsoku() {
        // 、。」ー and small kana never start a row; 「 never ends one.
        let cases = [
            "体調の変化を実感する、続けようと思う。",
            "「ストレスがない」と感じられる毎日へ",
            "サプリメントのサンプルが届く",
            "ちょっとした変化にきづく",
        ];
        for text in cases {
            for w in 2..12 {
                let broken = rows(text, w as f32, 20);
                assert_eq!(broken.concat(), text, "nothing lost at width {w}");
                for (i, row) in broken.iter().enumerate() {
                    let first = row.chars().next().expect("no empty row");
                    assert!(
                        !"、。」）ーょゃゅっァィゥェォャュョッ".contains(first),
                        "row {i} of {text:?} at width {w} starts with {first}: {broken:?}"
                    );
                    assert!(!row.ends_with('「'), "{broken:?}");
                }
            }
        }
    }

    #[test]
    fn a_number_keeps_its_counter() {
        for text in ["顧客数（2026年1〜9月）", "合計 5,000人の顧客"] {
            for w in 4..14 {
                let broken = rows(text, w as f32, 10);
                assert!(
                    broken
                        .iter()
                        .all(|r| !r.ends_with(|c: char| c.is_ascii_digit())),
                    "{text} at {w}: {broken:?}"
                );
            }
        }
    }

    #[test]
    fn no_lone_last_character() {
        // Greedy at width 7 would leave 「る」 alone on the last row.
        let text = "日常化しているか確かめ合える";
        let broken = rows("ブランドとの接点が日常化している", 8.0, 5);
        assert!(
            broken.last().is_some_and(|r| r.chars().count() > 1),
            "{broken:?}"
        );
        assert_eq!(broken.concat(), "ブランドとの接点が日常化している");
        assert!(rows(text, 13.0, 5).iter().all(|r| r.chars().count() > 1));
    }

    #[test]
    fn mixed_scripts_break_between_them_sensibly() {
        let text = "NPSが上がるSNS投稿 (Instagram)";
        let broken = rows(text, 6.0, 9);
        assert_eq!(broken.concat().replace(' ', ""), text.replace(' ', ""));
        assert!(broken.iter().any(|r| r.contains("Instagram")), "{broken:?}");
        assert!(
            !broken
                .iter()
                .any(|r| r.contains("SN") && !r.contains("SNS"))
        );
    }

    #[test]
    fn too_many_rows_end_in_an_ellipsis_that_fits() {
        let broken = break_rows("一二三四五六七八九十", 3.0, 2, width);
        assert!(broken.cut);
        assert_eq!(broken.rows.len(), 2);
        assert_eq!(broken.rows[1], "四五…");
        let whole = break_rows("一二三", 3.0, 2, width);
        assert!(!whole.cut);
        assert_eq!(whole.rows, ["一二三"]);
    }

    #[test]
    fn newlines_in_the_text_are_kept() {
        assert_eq!(rows("一行目\n二行目", 10.0, 5), ["一行目", "二行目"]);
    }
}
