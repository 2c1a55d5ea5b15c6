//! `kaidan votes`: the results of a project's dot votes, one row per item put to the vote,
//! most votes first, as an aligned table or CSV: what the workshop decided, to paste into
//! the minutes or a spreadsheet.

use super::table::{TableFormat, aligned, csv_error};
use super::{Outcome, load_or_report};
use crate::i18n::vote as texts;
use crate::i18n::{Lang, say};
use crate::model::{DepartmentId, Journey, Session, StepId};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The widest each column of the table may grow, in terminal columns (the department, last,
/// is never cut).
const CAPS: [usize; 5] = [6, 6, 40, 24, usize::MAX];

/// One row: an item of a session with its votes and the names of where it stands.
struct Row {
    session: String,
    date: String,
    rank: usize,
    votes: u32,
    initiative: String,
    step: String,
    department: String,
}

/// The rows of one session, most votes first (ties share a rank and keep the order they
/// were put to the vote in).
fn rows(journey: &Journey, s: &Session) -> Vec<Row> {
    // Each initiative's department by (step, text), the first of equal texts as the board
    // finds it: one pass, however many items.
    let mut owners: HashMap<(StepId, &str), Option<DepartmentId>> = HashMap::new();
    for step in &journey.steps {
        for i in &step.initiatives {
            owners
                .entry((step.id, i.text.trim()))
                .or_insert(i.department);
        }
    }
    let mut rank = 0;
    let mut previous = None;
    s.ranking()
        .into_iter()
        .enumerate()
        .map(|(place, i)| {
            let item = &s.items[i];
            if previous != Some(item.votes) {
                rank = place + 1;
                previous = Some(item.votes);
            }
            let step = journey
                .step(item.step)
                .map_or_else(|| item.step.to_string(), |st| st.title.clone());
            let department = owners
                .get(&(item.step, item.initiative.as_str()))
                .copied()
                .flatten()
                .and_then(|d| journey.department(d))
                .map_or(String::new(), |d| d.name.clone());
            Row {
                session: s.name.clone(),
                date: s.date.clone(),
                rank,
                votes: item.votes,
                initiative: item.initiative.clone(),
                step,
                department,
            }
        })
        .collect()
}

/// `kaidan votes FILE [--session NAME] [--format table|csv]`: every session's items (or one
/// session's), most votes first — session, date, rank, votes, initiative, step, department.
/// A pain point voted on has no initiative: its step is the item.
pub fn votes(
    path: &Path,
    session: Option<&str>,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let sessions: Vec<&Session> = match session {
        Some(name) => {
            let Some(s) = journey.session(name) else {
                let path = path.display();
                let names: Vec<&str> = journey.votes.iter().map(|s| s.name.as_str()).collect();
                let names = names.join(", ");
                let text = if journey.votes.is_empty() {
                    say!(
                        lang,
                        "{path}: 投票「{name}」はありません。このプロジェクトには投票がありません",
                        "{path}: no voting session called 「{name}」; this project has none"
                    )
                } else {
                    say!(
                        lang,
                        "{path}: 投票「{name}」はありません。投票: {names}",
                        "{path}: no voting session called 「{name}」; the sessions are: {names}"
                    )
                };
                writeln!(err, "{text}")?;
                return Ok(Outcome::Failed);
            };
            vec![s]
        }
        None => journey.votes.iter().collect(),
    };
    match format {
        TableFormat::Table => {
            if sessions.is_empty() {
                let text = say!(lang, "（投票はありません）", "(no voting sessions)");
                writeln!(out, "{text}")?;
            }
            for (k, s) in sessions.iter().enumerate() {
                if k > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", heading(&journey, s, lang))?;
                table(&rows(&journey, s), lang, out)?;
            }
        }
        TableFormat::Csv => {
            let rows: Vec<Row> = sessions.iter().flat_map(|s| rows(&journey, s)).collect();
            csv_rows(&rows, out)?;
        }
    }
    Ok(Outcome::Ok)
}

/// A session's heading: name, date, subject, participants × dots, dots counted, state.
fn heading(journey: &Journey, s: &Session, lang: Lang) -> String {
    let phase = match s.subject {
        crate::model::Subject::Phase(id) => journey
            .phases
            .iter()
            .find(|p| p.id == id)
            .map_or("—", |p| p.name.as_str()),
        _ => "",
    };
    let subject = texts::subject(s.subject, phase, lang);
    let state = texts::state(s.voted, s.participants, s.revealed, s.closed, lang);
    let (name, date, participants, dots) = (&s.name, &s.date, s.participants, s.dots);
    let (cast, budget) = (s.cast(), s.budget());
    say!(
        lang,
        "{name}  {date}  {subject}  {participants} 人 × {dots} ドット  {cast}/{budget}  {state}",
        "{name}  {date}  {subject}  {participants} × {dots} dots  {cast}/{budget}  {state}"
    )
}

/// The table: rank, votes, initiative, step, department; long texts cut with an ellipsis.
fn table(rows: &[Row], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let header: [&str; 5] = match lang {
        Lang::Ja => ["順位", "票", "施策", "ステップ", "部署"],
        Lang::En => ["rank", "votes", "initiative", "step", "department"],
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.rank.to_string(),
                r.votes.to_string(),
                r.initiative.clone(),
                r.step.clone(),
                r.department.clone(),
            ]
        })
        .collect();
    aligned(out, &header, &cells, &CAPS, &[false; 5])?;
    Ok(())
}

/// The CSV: a header row, then a row per item, each session's most votes first.
fn csv_rows(rows: &[Row], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "session",
        "date",
        "rank",
        "initiative",
        "step",
        "department",
        "votes",
    ])
    .map_err(csv_error)?;
    for r in rows {
        w.write_record([
            r.session.as_str(),
            &r.date,
            &r.rank.to_string(),
            &r.initiative,
            &r.step,
            &r.department,
            &r.votes.to_string(),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}
