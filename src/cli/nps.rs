//! `kaidan nps` (the figures of a wave) and `kaidan import-nps` (CSV into a project).

use super::table::{TableFormat, csv_error, fit, pad};
use super::{Outcome, load_or_report};
use crate::i18n::{Lang, say};
use crate::io::survey_csv;
use crate::model::{Journey, StepId};
use crate::nps::{self, StepStats, WaveStats};
use std::io::Write;
use std::path::Path;

/// One row of the output: the brand level or a step.
struct Row<'a> {
    id: String,
    title: &'a str,
    stats: &'a StepStats,
}

/// `kaidan nps FILE [--wave W] [--format table|csv]`: per step n, shares, NPS and its 95 %
/// interval, the change since the previous wave, and the small-sample flag. Without
/// `--wave`, the latest wave.
pub fn nps(
    path: &Path,
    wave: Option<&str>,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let all = nps::stats(&journey);
    let names: Vec<&str> = all.iter().map(|w| w.name.as_str()).collect();
    let chosen = match wave {
        Some(name) => all.iter().find(|w| w.name == name),
        None => all.last(),
    };
    let Some(stats) = chosen else {
        let (path, waves) = (path.display(), names.join(", "));
        let text = match wave {
            Some(name) if !names.is_empty() => say!(
                lang,
                "{path}: 調査回「{name}」はありません。調査回: {waves}",
                "{path}: no survey wave called 「{name}」; the waves are: {waves}"
            ),
            _ => say!(
                lang,
                "{path}: 調査データがありません。`kaidan import-nps` で取り込めます",
                "{path}: no survey data; import some with `kaidan import-nps`"
            ),
        };
        writeln!(err, "{text}")?;
        return Ok(Outcome::Failed);
    };
    let rows = rows(&journey, stats);
    match format {
        TableFormat::Table => table(&journey, stats, &rows, out)?,
        TableFormat::Csv => csv_rows(&rows, out)?,
    }
    Ok(Outcome::Ok)
}

/// The brand level first, then surveyed steps in time order.
fn rows<'a>(journey: &'a Journey, stats: &'a WaveStats) -> Vec<Row<'a>> {
    let mut steps: Vec<(StepId, &StepStats)> = stats.steps.iter().map(|(&k, v)| (k, v)).collect();
    let time = |id: StepId| journey.step(id).map_or(f64::INFINITY, |s| s.t);
    steps.sort_by(|a, b| time(a.0).total_cmp(&time(b.0)).then(a.0.cmp(&b.0)));
    let overall = stats.overall.as_ref().map(|s| Row {
        id: "overall".into(),
        title: "全体 (brand)",
        stats: s,
    });
    overall
        .into_iter()
        .chain(steps.into_iter().map(|(id, s)| Row {
            id: id.to_string(),
            title: journey.step(id).map_or("", |s| s.title.as_str()),
            stats: s,
        }))
        .collect()
}

fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

fn change_text(stats: &StepStats) -> String {
    stats.change.map_or_else(String::new, |c| {
        format!(
            "{}{}",
            signed(c.delta),
            if c.significant { " *" } else { "" }
        )
    })
}

fn table(
    journey: &Journey,
    stats: &WaveStats,
    rows: &[Row<'_>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    const TITLE_W: usize = 28;
    writeln!(out, "{} — {}", journey.title, stats.name)?;
    let header = format!(
        "{} {} {:>6} {:>6} {:>6} {:>6} {:>7}  {:<16} {:>9}",
        pad("step", 8),
        pad("title", TITLE_W),
        "n",
        "%P",
        "%Pa",
        "%D",
        "NPS",
        "95% CI",
        "change"
    );
    writeln!(out, "{}", header.trim_end())?;
    for row in rows {
        let s = &row.stats.summary;
        let line = format!(
            "{} {} {:>6} {:>6.1} {:>6.1} {:>6.1} {:>7}  {:<16} {:>9}{}",
            pad(&row.id, 8),
            pad(&fit(row.title, TITLE_W), TITLE_W),
            s.n,
            100.0 * s.promoters,
            100.0 * s.passives,
            100.0 * s.detractors,
            signed(s.nps),
            format!("[{}, {}]", signed(s.ci.low), signed(s.ci.high)),
            change_text(row.stats),
            if s.is_small() { "  small sample" } else { "" },
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "\n%P promoters (9–10), %Pa passives (7–8), %D detractors (0–6); NPS = %P − %D.\n\
         95% CI: normal approximation, trinomial variance. change: since the previous wave, \
         * = beyond sampling noise (95%).\nsmall sample: fewer than {} answers.",
        nps::SMALL_SAMPLE
    )?;
    Ok(())
}

fn csv_rows(rows: &[Row<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "step",
        "title",
        "n",
        "promoters_pct",
        "passives_pct",
        "detractors_pct",
        "nps",
        "ci_low",
        "ci_high",
        "change",
        "change_significant",
        "small_sample",
    ])
    .map_err(csv_error)?;
    for row in rows {
        let s = &row.stats.summary;
        let (change, significant) = row
            .stats
            .change
            .map_or((String::new(), String::new()), |c| {
                (format!("{:.2}", c.delta), c.significant.to_string())
            });
        w.write_record([
            row.id.clone(),
            row.title.to_owned(),
            s.n.to_string(),
            format!("{:.2}", 100.0 * s.promoters),
            format!("{:.2}", 100.0 * s.passives),
            format!("{:.2}", 100.0 * s.detractors),
            format!("{:.2}", s.nps),
            format!("{:.2}", s.ci.low),
            format!("{:.2}", s.ci.high),
            change,
            significant,
            s.is_small().to_string(),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// `kaidan import-nps FILE DATA.csv --wave NAME [-o OUT]`: the GUI's import, for batch use.
/// Writes the project to OUT (or back to FILE) atomically; on any problem writes nothing.
pub fn import_nps(
    project: &Path,
    data: &Path,
    wave: &str,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let read = |journey: &Journey| {
        survey_csv::read(data, journey, wave).map(|import| (import.command(journey), import))
    };
    let Some((import, target)) = super::import_into(project, data, output, lang, err, read)? else {
        return Ok(Outcome::Failed);
    };
    let waves: Vec<&str> = import.waves.iter().map(|(n, _)| n.as_str()).collect();
    let (data, answers, steps, waves) = (
        data.display(),
        import.answers,
        import.targets(),
        waves.join(", "),
    );
    let (encoding, target) = (import.encoding, target.display());
    let delimiter = match import.delimiter {
        '\t' => lang.pick("タブ", "tab"),
        ';' => lang.pick("セミコロン", "semicolon"),
        _ => lang.pick("カンマ", "comma"),
    };
    let text = say!(
        lang,
        "{data}: {answers} 件の回答を {steps} ステップ分、{waves} に取り込みました（{encoding}、{delimiter}区切り）→ {target}",
        "{data}: imported {answers} answers for {steps} steps into {waves} ({encoding}, {delimiter}) → {target}"
    );
    writeln!(out, "{text}")?;
    Ok(Outcome::Ok)
}
