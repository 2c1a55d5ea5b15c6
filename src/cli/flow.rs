//! `kaidan import-events` (a CRM event log into a project's customer flow), `kaidan flow`
//! (customers along each link, and their shares) and `kaidan kpi` (customers, ended-here and
//! the repeat rate, overall and per step).

use super::table::{TableFormat, aligned, csv_error};
use super::{Outcome, load_or_report};
use crate::edit::Command;
use crate::i18n::{Lang, say};
use crate::io::events_csv;
use crate::model::{FlowWave, Journey, StepId};
use std::io::Write;
use std::path::Path;

/// `kaidan import-events PROJECT EVENTS.csv --wave NAME [-o OUT]`: counts the log into the
/// flow wave `wave` (replacing one of that name) and saves the project (to `output` if
/// given). All or nothing: a bad row imports nothing and every problem is listed with its
/// line.
pub fn import_events(
    project: &Path,
    data: &Path,
    wave: &str,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let read = |journey: &Journey| {
        events_csv::read(data, journey, wave).map(|flow| {
            let said = (flow.customers, flow.from.clone(), flow.to.clone());
            let name = flow.name.clone();
            (Command::PutFlow(flow), (said, name))
        })
    };
    let Some((((customers, from, to), name), target)) =
        super::import_into(project, data, output, lang, err, read)?
    else {
        return Ok(Outcome::Failed);
    };
    let (data, target) = (data.display(), target.display());
    let text = say!(
        lang,
        "{data}: 顧客 {customers} 人（{from}〜{to}）を顧客フロー「{name}」に取り込みました → {target}",
        "{data}: imported {customers} customers ({from} to {to}) into customer flow 「{name}」 → {target}"
    );
    writeln!(out, "{text}")?;
    Ok(Outcome::Ok)
}

/// The wave called `name`, or the latest; writes why not to `err`.
fn wave_or_report<'j>(
    journey: &'j Journey,
    path: &Path,
    name: Option<&str>,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<Option<&'j FlowWave>> {
    let found = match name {
        Some(n) => journey.flows.iter().find(|f| f.name == n),
        None => journey.flows.last(),
    };
    if found.is_none() {
        let path = path.display();
        let names: Vec<&str> = journey.flows.iter().map(|f| f.name.as_str()).collect();
        let names = names.join(", ");
        let text = match name {
            Some(n) if !journey.flows.is_empty() => say!(
                lang,
                "{path}: 顧客フロー「{n}」はありません。顧客フロー: {names}",
                "{path}: no customer flow called 「{n}」; the flows are: {names}"
            ),
            _ => say!(
                lang,
                "{path}: 顧客フローがありません。kaidan import-events で CRM のイベントログを取り込んでください",
                "{path}: no customer flow; import a CRM event log with kaidan import-events"
            ),
        };
        writeln!(err, "{text}")?;
    }
    Ok(found)
}

/// The widest a column of the flow and KPI tables grows, in terminal columns.
const CAP: usize = 36;

fn title(journey: &Journey, id: StepId) -> String {
    journey
        .step(id)
        .map_or_else(|| id.to_string(), |s| s.title.clone())
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.1}"))
}

/// `kaidan flow FILE [--wave W] [--format table|csv]`: one row per link of the map — from,
/// to (titles), customers, share of the customers leaving `from` along the map's links, and
/// whether it goes down a level. The table then lists the moves between steps with no link.
pub fn flow(
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
    let Some(w) = wave_or_report(&journey, path, wave, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let shares = w.link_shares(&journey.links);
    let rows: Vec<Vec<String>> = journey
        .links
        .iter()
        .zip(shares)
        .map(|(l, share)| {
            let descending = journey.is_descending(l);
            vec![
                title(&journey, l.from),
                title(&journey, l.to),
                w.moved(l.from, l.to).to_string(),
                percent(share),
                if format == TableFormat::Csv {
                    descending.to_string()
                } else if descending {
                    "▼".to_owned()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    match format {
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["from", "to", "customers", "share_pct", "descending"])
                .map_err(csv_error)?;
            for row in &rows {
                csv.write_record(row).map_err(csv_error)?;
            }
            csv.flush()?;
        }
        TableFormat::Table => {
            writeln!(out, "{} — {}", journey.title, w.name)?;
            let header = match lang {
                Lang::Ja => ["から", "へ", "顧客", "割合%", "下降"],
                Lang::En => ["from", "to", "customers", "share %", "down"],
            };
            aligned(
                out,
                &header,
                &rows,
                &[CAP; 5],
                &[false, false, true, true, false],
            )?;
            let off_map: Vec<Vec<String>> = w
                .moves
                .iter()
                .filter(|m| journey.link_index(m.from, m.to).is_none())
                .map(|m| {
                    vec![
                        title(&journey, m.from),
                        title(&journey, m.to),
                        m.customers.to_string(),
                        String::new(),
                        String::new(),
                    ]
                })
                .collect();
            if !off_map.is_empty() {
                writeln!(out)?;
                let n = off_map.len();
                let heading = say!(
                    lang,
                    "マップにつながりのない移動（{n} 件）",
                    "moves between steps with no link ({n})"
                );
                writeln!(out, "{heading}")?;
                aligned(
                    out,
                    &header,
                    &off_map,
                    &[CAP; 5],
                    &[false, false, true, true, false],
                )?;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// What `kaidan kpi` lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum KpiRows {
    /// The row `overall`, then a row per step: customers and ended here.
    #[default]
    Step,
    /// A row per phase, as the KPI lane shows it: customers, repeat rate and NPS, each with
    /// its change since the wave before.
    Phase,
}

/// The choices of `kaidan kpi`.
#[derive(Clone, Copy, Debug, Default)]
pub struct KpiArgs<'a> {
    /// The flow wave (default: the latest).
    pub wave: Option<&'a str>,
    /// The survey wave of the phases' NPS (default: the latest).
    pub survey: Option<&'a str>,
    /// Rows per step or per phase.
    pub by: KpiRows,
    /// Table or CSV.
    pub format: TableFormat,
}

/// `kaidan kpi FILE [--wave W] [--by step|phase] [--survey S] [--format table|csv]`: by step,
/// the row `overall` (customers, the repeat rate over the purchase steps, the period), then
/// one row per step in journey order — id, title, customers, ended here; by phase, the KPI
/// lane's figures.
pub fn kpi(
    path: &Path,
    args: &KpiArgs<'_>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let format = args.format;
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let Some(w) = wave_or_report(&journey, path, args.wave, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    if args.by == KpiRows::Phase {
        return kpi_by_phase(&journey, path, &w.name, args, lang, out, err);
    }
    let overall = lang.pick("全体", "overall");
    let mut rows: Vec<Vec<String>> = vec![vec![
        "overall".to_owned(),
        if format == TableFormat::Csv {
            String::new()
        } else {
            overall.to_owned()
        },
        w.customers.to_string(),
        String::new(),
        percent(w.repeat_rate()),
    ]];
    for step in journey.journey_order() {
        let flow = w.steps.get(&step.id).copied().unwrap_or_default();
        rows.push(vec![
            step.id.to_string(),
            step.title.clone(),
            flow.customers.to_string(),
            flow.ended.to_string(),
            String::new(),
        ]);
    }
    match format {
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([
                "step",
                "title",
                "customers",
                "ended_here",
                "repeat_rate_pct",
            ])
            .map_err(csv_error)?;
            for row in &rows {
                csv.write_record(row).map_err(csv_error)?;
            }
            csv.flush()?;
        }
        TableFormat::Table => {
            let (from, to, buyers, repeaters) = (&w.from, &w.to, w.buyers, w.repeaters);
            let (title, name) = (&journey.title, &w.name);
            let heading = say!(
                lang,
                "{title} — {name}（{from}〜{to}）",
                "{title} — {name} ({from} to {to})"
            );
            writeln!(out, "{heading}")?;
            let definition = say!(
                lang,
                "リピート率 = 購入ステップで 2 回以上の顧客 {repeaters} ÷ 1 回以上の顧客 {buyers}",
                "repeat rate = customers with 2 or more events at purchase steps ({repeaters}) ÷ with 1 or more ({buyers})"
            );
            writeln!(out, "{definition}")?;
            let header = match lang {
                Lang::Ja => ["ID", "ステップ", "顧客", "ここで終了", "リピート率%"],
                Lang::En => ["id", "step", "customers", "ended here", "repeat %"],
            };
            aligned(
                out,
                &header,
                &rows,
                &[CAP; 5],
                &[false, false, true, true, true],
            )?;
        }
    }
    Ok(Outcome::Ok)
}

/// `kaidan kpi --by phase`: a row per phase, the KPI lane's figures (`crate::kpi`), under
/// the lane's lines saying where they come from.
fn kpi_by_phase(
    journey: &Journey,
    path: &Path,
    wave: &str,
    args: &KpiArgs<'_>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    use crate::i18n::kpi::{Row, figure, footer};
    use crate::kpi::{Figure, Kpis};
    if let Some(name) = args.survey
        && journey.surveys.wave(name).is_none()
    {
        let path = path.display();
        let names: Vec<&str> = journey
            .surveys
            .waves
            .iter()
            .map(|w| w.name.as_str())
            .collect();
        let names = names.join(", ");
        let text = say!(
            lang,
            "{path}: 調査回「{name}」はありません。調査回: {names}",
            "{path}: no survey wave called 「{name}」; the waves are: {names}"
        );
        writeln!(err, "{text}")?;
        return Ok(Outcome::Failed);
    }
    // The journey with its flow waves ending at the one asked for, as the lane draws it.
    let shown = crate::layout::flow::shown(journey, Some(wave), false)
        .ok()
        .flatten();
    let journey = shown.as_ref().unwrap_or(journey);
    let kpis = Kpis::of(journey, args.survey);
    let cells = |f: Figure, decimals: usize| -> [String; 2] {
        match f {
            Figure::Value { now, change, .. } => [
                format!("{now:.decimals$}"),
                change.map_or_else(String::new, |c| format!("{c:.decimals$}")),
            ],
            Figure::Nothing | Figure::Recount => [String::new(), String::new()],
        }
    };
    let names = journey.phases.iter().map(|p| p.name.as_str());
    match args.format {
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([
                "phase",
                "name",
                "customers",
                "customers_change",
                "repeat_rate_pct",
                "repeat_rate_change_pt",
                "nps",
                "nps_change",
                "nps_change_significant",
                "recount",
            ])
            .map_err(csv_error)?;
            for (p, name) in kpis.phases.iter().zip(names) {
                let [customers, customers_change] = cells(p.customers, 0);
                let [rate, rate_change] = cells(p.repeat_rate, 1);
                let [nps, nps_change] = cells(p.nps, 1);
                let significant = match p.nps {
                    Figure::Value {
                        change: Some(_),
                        significant,
                        ..
                    } => significant.to_string(),
                    _ => String::new(),
                };
                let recount = p.customers == Figure::Recount;
                csv.write_record([
                    p.phase.to_string().as_str(),
                    name,
                    &customers,
                    &customers_change,
                    &rate,
                    &rate_change,
                    &nps,
                    &nps_change,
                    &significant,
                    &recount.to_string(),
                ])
                .map_err(csv_error)?;
            }
            csv.flush()?;
        }
        TableFormat::Table => {
            writeln!(out, "{}", journey.title)?;
            for line in footer(&kpis, lang) {
                writeln!(out, "{line}")?;
            }
            let rows: Vec<Vec<String>> = kpis
                .phases
                .iter()
                .zip(names)
                .map(|(p, name)| {
                    let mut row = vec![name.to_owned()];
                    let shown = [p.customers, p.repeat_rate, p.nps];
                    for (kind, f) in Row::ALL.into_iter().zip(shown) {
                        let (value, change) = figure(kind, f, lang);
                        row.push(value);
                        row.push(change.unwrap_or_default());
                    }
                    row
                })
                .collect();
            let header = match lang {
                Lang::Ja => [
                    "フェーズ",
                    "顧客数",
                    "前回比",
                    "リピート率",
                    "前回比",
                    "NPS",
                    "前回比",
                ],
                Lang::En => [
                    "phase",
                    "customers",
                    "change",
                    "repeat rate",
                    "change",
                    "NPS",
                    "change",
                ],
            };
            aligned(
                out,
                &header,
                &rows,
                &[CAP; 7],
                &[false, true, true, true, true, true, true],
            )?;
        }
    }
    Ok(Outcome::Ok)
}
