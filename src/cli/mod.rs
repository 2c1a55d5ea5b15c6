//! The command-line subcommands (`validate`, `fmt`, `info`, `nps`, `import-nps`,
//! `initiatives`, `votes`, `import-events`, `flow`, `kpi`, `export`), as
//! functions that write to any output so tests can run them without a process. `main.rs`
//! only parses arguments.
//!
//! Messages are in the language of the user's locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
//! `LANG`: Japanese for `ja*`, English otherwise), passed in as a [`Lang`]; machine-readable
//! output (`--json`, `--format csv`) is the same in both.

mod export;
mod flow;
mod initiatives;
mod nps;
mod table;
mod votes;

pub use export::{
    ExportArgs, FormatName, LayerList, LayerName, export, output_name, parse_layers, png_name,
};
pub use flow::{KpiArgs, KpiRows, flow, import_events, kpi};
pub use initiatives::initiatives;
pub use nps::{import_nps, nps};
pub use table::TableFormat;
pub use votes::votes;

use crate::i18n::{Lang, Localize as _, say};
use crate::io;
use crate::model::{DepartmentId, Journey, StepId};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a subcommand ended, mapped to the process exit code by `main`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was fine (exit 0).
    Ok,
    /// Something was wrong with the input: invalid file, reformat needed (exit 1).
    Failed,
}

impl Outcome {
    /// The process exit code for this outcome.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Self::Ok => 0,
            Self::Failed => 1,
        }
    }

    fn and(self, other: Self) -> Self {
        if self == Self::Ok { other } else { self }
    }
}

/// `kaidan validate FILE…`: prints `FILE: ok` or every problem of each file.
pub fn validate(paths: &[PathBuf], lang: Lang, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::Ok;
    for path in paths {
        match io::load(path) {
            Ok(_) => {
                let path = path.display();
                writeln!(
                    out,
                    "{}",
                    say!(lang, "{path}: 問題ありません", "{path}: ok")
                )?;
            }
            Err(e) => {
                writeln!(out, "{}", e.localize(lang))?;
                outcome = Outcome::Failed;
            }
        }
    }
    Ok(outcome)
}

/// `kaidan fmt [--check] FILE…`: rewrites each file in canonical form (atomically), or
/// with `check` only reports the files that would change.
pub fn fmt(
    paths: &[PathBuf],
    check: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::Ok;
    for path in paths {
        outcome = outcome.and(fmt_one(path, check, lang, out, err)?);
    }
    Ok(outcome)
}

fn fmt_one(
    path: &Path,
    check: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let canonical = io::to_string(&journey);
    // `load` succeeded, so the file is readable UTF-8; compare bytes to decide.
    let current = std::fs::read(path).unwrap_or_default();
    if current == canonical.as_bytes() {
        return Ok(Outcome::Ok);
    }
    let shown = path.display();
    if check {
        let text = say!(
            lang,
            "{shown}: 正規の書式ではありません（kaidan fmt で整えられます）",
            "{shown}: not in canonical form"
        );
        writeln!(out, "{text}")?;
        return Ok(Outcome::Failed);
    }
    match io::write_atomically(path, canonical.as_bytes()) {
        Ok(()) => {
            writeln!(
                out,
                "{}",
                say!(lang, "{shown}: 整えました", "{shown}: formatted")
            )?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            writeln!(err, "{}", e.localize(lang))?;
            Ok(Outcome::Failed)
        }
    }
}

/// Loads a project, or writes why it cannot be loaded to `err` and returns `None`.
fn load_or_report(
    path: &Path,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<Option<Journey>> {
    match io::load(path) {
        Ok(j) => Ok(Some(j)),
        Err(e) => {
            writeln!(err, "{}", e.localize(lang))?;
            Ok(None)
        }
    }
}

/// What `import-nps` and `import-events` share: loads `project`, reads `data` into it with
/// `read` (the command to apply and what the message will say of it), applies the command
/// and saves to `output` or back, atomically. On any problem writes why to `err` and
/// nothing to disk, and gives `None`; else what was read and where it was saved.
fn import_into<'p, T>(
    project: &'p Path,
    data: &Path,
    output: Option<&'p Path>,
    lang: Lang,
    err: &mut dyn Write,
    read: impl FnOnce(&Journey) -> Result<(crate::edit::Command, T), io::survey_csv::ImportError>,
) -> std::io::Result<Option<(T, &'p Path)>> {
    let Some(mut journey) = load_or_report(project, lang, err)? else {
        return Ok(None);
    };
    let (command, read) = match read(&journey) {
        Ok(r) => r,
        Err(e) => {
            report_import_error(data, &e, lang, err)?;
            return Ok(None);
        }
    };
    if let Err(e) = command.apply(&mut journey) {
        writeln!(err, "{}: {}", data.display(), e.localize(lang))?;
        return Ok(None);
    }
    let target = output.unwrap_or(project);
    if let Err(e) = io::save(target, &journey) {
        writeln!(err, "{}", e.localize(lang))?;
        return Ok(None);
    }
    Ok(Some((read, target)))
}

/// Writes why importing `data` failed (an error about reading the file names it already).
fn report_import_error(
    data: &Path,
    e: &io::survey_csv::ImportError,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    use io::survey_csv::ImportError;
    let text = e.localize(lang);
    if matches!(
        e,
        ImportError::Read { .. } | ImportError::TooLarge { .. } | ImportError::Changed { .. }
    ) {
        writeln!(err, "{text}")
    } else {
        writeln!(err, "{}: {text}", data.display())
    }
}

/// The department `name` stands for in the project at `path` (the same name, or the same
/// after NFKC ignoring case: [`Journey::departments_named`]), or writes to `err` why none
/// does, listing the project's departments.
fn department_or_report(
    journey: &Journey,
    path: &Path,
    name: &str,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<Option<DepartmentId>> {
    let found = journey.departments_named(name);
    if let [one] = found.as_slice() {
        return Ok(Some(one.id));
    }
    let path = path.display();
    let name = name.trim();
    let text = if found.is_empty() {
        let names: Vec<&str> = journey
            .departments
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        if names.is_empty() {
            say!(
                lang,
                "{path}: 部署「{name}」はありません。このプロジェクトには部署がありません",
                "{path}: no department called 「{name}」; this project has no departments"
            )
        } else {
            let names = names.join(", ");
            say!(
                lang,
                "{path}: 部署「{name}」はありません。部署: {names}",
                "{path}: no department called 「{name}」; the departments are: {names}"
            )
        }
    } else {
        let names: Vec<&str> = found.iter().map(|d| d.name.as_str()).collect();
        let names = names.join(", ");
        say!(
            lang,
            "{path}: 「{name}」に当たる部署が複数あります（{names}）。正確な名前で指定してください",
            "{path}: 「{name}」 could be any of these departments: {names}; give its exact name"
        )
    };
    writeln!(err, "{text}")?;
    Ok(None)
}

/// Counts and the longest path of a journey: what `kaidan info` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Info {
    /// The journey's title.
    pub title: String,
    /// Number of phases.
    pub phases: usize,
    /// Number of affinity levels.
    pub levels: usize,
    /// Number of steps.
    pub steps: usize,
    /// Number of links.
    pub links: usize,
    /// Number of links that go down a level.
    pub descending_branches: usize,
    /// The longest chain of steps from the start to a goal.
    pub longest_path: Vec<PathStep>,
    /// Every step (only in `--json` output).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub step_list: Vec<StepInfo>,
}

/// A step on the longest path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathStep {
    /// Step id.
    pub id: u64,
    /// Step title.
    pub title: String,
}

/// One step, for scripts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepInfo {
    /// Step id.
    pub id: u64,
    /// Step title.
    pub title: String,
    /// Label of the step's level.
    pub level: String,
    /// Height of the level (0 = farthest from the brand).
    pub level_index: usize,
    /// Time position.
    pub t: f64,
    /// A purchase happens here (counted for the repeat rate).
    pub purchase: bool,
}

impl Info {
    /// Gathers the figures of a journey; `with_steps` adds every step.
    #[must_use]
    pub fn of(journey: &Journey, with_steps: bool) -> Self {
        let title = |id: StepId| {
            journey
                .step(id)
                .map(|s| s.title.clone())
                .unwrap_or_default()
        };
        let step_list = if with_steps {
            journey
                .steps
                .iter()
                .map(|s| StepInfo {
                    id: s.id.0,
                    title: s.title.clone(),
                    level: journey
                        .level(s.level)
                        .map(|l| l.label.clone())
                        .unwrap_or_default(),
                    level_index: journey.level_index(s.level).unwrap_or(0),
                    purchase: s.purchase,
                    t: s.t,
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            title: journey.title.clone(),
            phases: journey.phases.len(),
            levels: journey.levels.len(),
            steps: journey.steps.len(),
            links: journey.links.len(),
            descending_branches: journey.descending_links().count(),
            longest_path: journey
                .longest_path()
                .into_iter()
                .map(|id| PathStep {
                    id: id.0,
                    title: title(id),
                })
                .collect(),
            step_list,
        }
    }
}

/// `kaidan info FILE [--json]`.
pub fn info(
    path: &Path,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(journey) = load_or_report(path, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let info = Info::of(&journey, json);
    if json {
        // A failed write stays the write's own error (a broken pipe stays one).
        serde_json::to_writer_pretty(&mut *out, &info).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Ok);
    }
    writeln!(out, "{}", info.title)?;
    let Info {
        phases,
        levels,
        steps,
        links,
        descending_branches: descending,
        ..
    } = info;
    let counts = say!(
        lang,
        "  フェーズ:       {phases}\n  レベル:         {levels}\n  ステップ:       {steps}\n  つながり:       {links}\n  下る分岐:       {descending}",
        "  phases:              {phases}\n  levels:              {levels}\n  steps:               {steps}\n  links:               {links}\n  descending branches: {descending}"
    );
    writeln!(out, "{counts}")?;
    let path = if info.longest_path.is_empty() {
        say!(
            lang,
            "  最長の道のり:   スタートからゴールへ届く道がありません",
            "  longest path:        no goal is reachable from the start"
        )
    } else {
        let titles: Vec<&str> = info.longest_path.iter().map(|p| p.title.as_str()).collect();
        let (n, chain) = (titles.len(), titles.join(" → "));
        say!(
            lang,
            "  最長の道のり:   {n} ステップ: {chain}",
            "  longest path:        {n} steps: {chain}"
        )
    };
    writeln!(out, "{path}")?;
    Ok(Outcome::Ok)
}
