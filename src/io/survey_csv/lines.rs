//! Line numbers as the file shows them (`\n`, `\r\n` or a lone `\r` ends a line), for the
//! errors: the line of a byte, and the line of each record the CSV reader returns, counted
//! on from the one before so a whole file costs one pass.
//!
//! Used by the decoding and by [`super::parse`] (quote and row errors), so it stands apart.
//! [`LineCounter`] counts the same breaks a character at a time, for text that is measured
//! as it is decoded and never held (UTF-16).

/// Line breaks in `text[from..to]` as the CSV reader sees them: `\n`, `\r\n` and a lone `\r`.
#[allow(clippy::naive_bytecount)] // a plain count vectorises; not worth a dependency
fn breaks(text: &[u8], from: usize, to: usize) -> u64 {
    let part = &text[from..to];
    let lf = part.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = if part.contains(&b'\r') {
        part.iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' && text.get(from + i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (lf + lone_cr) as u64
}

/// The 1-based line of the byte at `offset`.
pub(crate) fn line_at(text: &[u8], offset: usize) -> u64 {
    1 + breaks(text, 0, offset.min(text.len()))
}

/// Line breaks counted a character at a time, by the same rule as [`line_at`]: its
/// [`line`](Self::line) is that of the end of the text seen so far (where a `\r` last
/// counts as a lone one, as at the end of a file).
#[derive(Default)]
pub(crate) struct LineCounter {
    breaks: u64,
    after_cr: bool,
}

impl LineCounter {
    /// Counts the next character of the text.
    pub(crate) fn push(&mut self, c: char) {
        // A `\r` counts when what follows it shows whether it was lone; `\r\n` counts once.
        if c == '\n' || self.after_cr {
            self.breaks += 1;
        }
        self.after_cr = c == '\r';
    }

    /// The 1-based line of the end of the text so far.
    pub(crate) fn line(&self) -> u64 {
        1 + self.breaks + u64::from(self.after_cr)
    }
}

/// Line numbers of records, counted on from the previous record (one pass over the file).
pub(crate) struct LineCursor<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCursor<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of the record the CSV reader places at byte `position`. The reader's position
    /// may be the line break before the record (the `\n` of a `\r\n`, blank lines), so line
    /// breaks are stepped over first: a record never starts with one.
    pub(crate) fn line_of(&mut self, position: u64) -> u64 {
        let mut offset =
            usize::try_from(position).map_or(self.text.len(), |p| p.min(self.text.len()));
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.at {
            self.line += breaks(self.text, self.at, offset);
            self.at = offset;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        let text = b"a\r\nb\nc\rd\r\n";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, 3), 2); // b
        assert_eq!(line_at(text, 5), 3); // c
        assert_eq!(line_at(text, 7), 4); // d
        let mut cursor = LineCursor::new(text);
        // The reader may place a record at the `\n` of the `\r\n` before it.
        assert_eq!(cursor.line_of(2), 2);
        assert_eq!(cursor.line_of(7), 4);
        assert_eq!(cursor.line_of(7), 4);
    }

    #[test]
    fn the_counter_agrees_with_line_at_at_every_end() {
        let text = "a\r\nb\nc\rd\r\n\r\re\n\n\r";
        let mut counter = LineCounter::default();
        assert_eq!(counter.line(), 1);
        for (i, c) in text.char_indices() {
            counter.push(c);
            let end = i + c.len_utf8();
            assert_eq!(
                counter.line(),
                line_at(&text.as_bytes()[..end], end),
                "{end}"
            );
        }
    }
}
