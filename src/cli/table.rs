//! What the listing commands (`nps`, `initiatives`) share: the `--format` choice, columns
//! aligned by terminal width (a CJK character takes two columns), and CSV writing whose
//! write errors keep their kind (so `kaidan … | head` ends quietly on a broken pipe).

use unicode_width::UnicodeWidthStr;

/// How a listing command prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// Comma-separated, with a header row, for spreadsheets and scripts.
    Csv,
}

/// Cuts text to `width` terminal columns (CJK characters take two), with an ellipsis.
pub(super) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` followed by spaces up to `width` terminal columns.
pub(super) fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// The width of `text` in terminal columns.
pub(super) fn width(text: &str) -> usize {
    text.width()
}

/// A CSV error as an I/O error: a failed write stays the write's own error (a broken pipe
/// stays a broken pipe, which `main` treats as the reader having gone).
pub(super) fn csv_error(e: csv::Error) -> std::io::Error {
    let text = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        _ => std::io::Error::other(text),
    }
}

/// Writes `header` and `rows` as aligned columns: each as wide as its widest cell (by
/// terminal width), at most `caps[c]` (but never narrower than its header; `usize::MAX` keeps
/// a column whole), longer cells cut with an ellipsis, numbers right-aligned where `right[c]`,
/// two spaces between columns, no trailing spaces.
pub(super) fn aligned(
    out: &mut dyn std::io::Write,
    header: &[&str],
    rows: &[Vec<String>],
    caps: &[usize],
    right: &[bool],
) -> std::io::Result<()> {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            let widest = rows
                .iter()
                .map(|r| width(&r[c]))
                .chain([width(header[c])])
                .max()
                .unwrap_or(0);
            widest.min(caps[c].max(width(header[c])))
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (c, cell) in cells.enumerate() {
            let cell = fit(cell, widths[c]);
            if right[c] {
                text.push_str(&" ".repeat(widths[c].saturating_sub(width(&cell))));
                text.push_str(&cell);
            } else {
                text.push_str(&pad(&cell, widths[c]));
            }
            text.push_str("  ");
        }
        text.trim_end().to_owned()
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for row in rows {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_terminal_columns_and_pad_fills_them() {
        assert_eq!(fit("施策一覧", 8), "施策一覧");
        assert_eq!(fit("施策一覧です", 8), "施策一…");
        assert_eq!(width(&pad("部署", 6)), 6);
        assert_eq!(pad("部署", 6), "部署  ");
    }

    #[test]
    fn a_broken_pipe_in_csv_stays_a_broken_pipe() {
        struct Gone;
        impl std::io::Write for Gone {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = csv::Writer::from_writer(Gone);
        let e = w
            .write_record(["a"])
            .and_then(|()| w.flush().map_err(Into::into))
            .expect_err("nothing can be written");
        assert_eq!(csv_error(e).kind(), std::io::ErrorKind::BrokenPipe);
    }
}
