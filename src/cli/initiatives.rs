//! `kaidan initiatives`: every initiative and message of a project, one row each, in
//! journey order, as an aligned table or CSV: the workshop's action list, to share or to
//! track in a spreadsheet.

use super::table::{TableFormat, aligned, csv_error};
use super::{Outcome, department_or_report, load_or_report};
use crate::i18n::{Lang, kind_label, say, status_label};
use crate::model::{DepartmentId, Initiative, Journey, Step};
use std::io::Write;
use std::path::Path;

/// The widest each column of the table may grow, in terminal columns (a header stays whole);
/// the note, last, is never cut.
const CAPS: [usize; 9] = [8, 30, 16, 16, 16, 12, 10, 40, usize::MAX];

/// One row: an initiative with the names of where it stands and who owns it.
struct Row<'a> {
    step: &'a Step,
    phase: &'a str,
    level: &'a str,
    department: &'a str,
    initiative: &'a Initiative,
}

/// Every initiative of `journey` in journey order (steps by time, ties by id; a step's in
/// its list order), only those of `department` if given.
fn rows(journey: &Journey, department: Option<DepartmentId>) -> Vec<Row<'_>> {
    journey
        .journey_order()
        .into_iter()
        .flat_map(|step| {
            let phase = journey.phase_at(step.t).map_or("", |p| p.name.as_str());
            let level = journey.level(step.level).map_or("", |l| l.label.as_str());
            step.initiatives.iter().map(move |initiative| Row {
                step,
                phase,
                level,
                department: initiative
                    .department
                    .and_then(|d| journey.department(d))
                    .map_or("", |d| d.name.as_str()),
                initiative,
            })
        })
        .filter(|r| department.is_none_or(|d| r.initiative.department == Some(d)))
        .collect()
}

/// `kaidan initiatives FILE [--department NAME] [--format table|csv]`: one row per
/// initiative or message — step id and title, phase, level, department, kind, status, text,
/// note. The table speaks the messages' language; the CSV's kind and status are stable
/// English keys (`initiative|message`, `idea|planned|running|done`).
pub fn initiatives(
    path: &Path,
    department: Option<&str>,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let chosen = match department {
        Some(name) => {
            let Some(id) = department_or_report(&journey, path, name, lang, err)? else {
                return Ok(Outcome::Failed);
            };
            Some(id)
        }
        None => None,
    };
    let rows = rows(&journey, chosen);
    match format {
        TableFormat::Table => {
            let owner = chosen.and_then(|d| journey.department(d));
            let heading = match owner {
                Some(d) => format!("{} — {}", journey.title, d.name),
                None => journey.title.clone(),
            };
            writeln!(out, "{heading}")?;
            table(&rows, lang, out)?;
        }
        TableFormat::Csv => csv_rows(&rows, out)?,
    }
    Ok(Outcome::Ok)
}

/// The table: a column each, as wide as its widest cell (long titles and texts cut with an
/// ellipsis), the note last and whole.
fn table(rows: &[Row<'_>], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    if rows.is_empty() {
        let text = say!(
            lang,
            "（施策・メッセージはありません）",
            "(no initiatives or messages)"
        );
        return writeln!(out, "{text}");
    }
    let header: [&str; 9] = match lang {
        Lang::Ja => [
            "ID",
            "ステップ",
            "フェーズ",
            "レベル",
            "部署",
            "種類",
            "状況",
            "内容",
            "メモ",
        ],
        Lang::En => [
            "id",
            "step",
            "phase",
            "level",
            "department",
            "kind",
            "status",
            "text",
            "note",
        ],
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let i = r.initiative;
            vec![
                r.step.id.to_string(),
                r.step.title.clone(),
                r.phase.to_owned(),
                r.level.to_owned(),
                r.department.to_owned(),
                kind_label(i.kind, lang).to_owned(),
                status_label(i.status, lang).to_owned(),
                i.text.clone(),
                i.note.clone(),
            ]
        })
        .collect();
    aligned(out, &header, &cells, &CAPS, &[false; 9])?;
    Ok(())
}

/// The CSV: a header row, then a row per initiative; kind and status as English keys.
fn csv_rows(rows: &[Row<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "step_id",
        "step",
        "phase",
        "level",
        "department",
        "kind",
        "status",
        "text",
        "note",
    ])
    .map_err(csv_error)?;
    for r in rows {
        let i = r.initiative;
        w.write_record([
            r.step.id.to_string().as_str(),
            &r.step.title,
            r.phase,
            r.level,
            r.department,
            i.kind.key(),
            i.status.key(),
            &i.text,
            &i.note,
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}
