//! NPS in the editor: the CSV import dialog, the wave selector, the NPS side-panel tab
//! (waves, benchmark, plots) and the per-step score counts in the inspector.

pub use super::import_form::Answer;
use super::import_form::Form;
use super::panels::Edits;
use crate::edit::{Command, Description, WaveField};
use crate::i18n::{Lang, T};
use crate::io::survey_csv::{self, ImportError};
use crate::model::{Journey, Scores, StepId, Wave};
use crate::nps::{Group, StepStats, Summary, WaveStats};
use crate::paint::nps::{DETRACTOR, PASSIVE, PROMOTER, change_text, nps_text};
use egui::{Color32, DragValue, RichText, Ui};
use egui_plot::{Bar, BarChart, HLine, Line, MarkerShape, Plot, Points};
use std::path::PathBuf;

/// The import dialog: which file, into which wave, and what went wrong last time.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportDialog {
    /// The CSV file chosen.
    pub path: PathBuf,
    /// The wave for rows that do not name one.
    pub wave: String,
    /// Why the last attempt imported nothing.
    pub problems: Option<String>,
    /// The waves the file names in its own wave column, and whether some rows name none
    /// (they go to `wave`): shown beside the name, so it is never silently unused.
    pub file_waves: Option<(Vec<String>, bool)>,
}

/// A successful import, ready to apply as one undo step.
#[derive(Clone, Debug, PartialEq)]
pub struct Ready {
    /// The command.
    pub command: Command,
    /// For the undo menu.
    pub description: Description,
    /// The first wave the file filled (to show it).
    pub wave: String,
    /// How many answers.
    pub answers: u64,
}

impl ImportDialog {
    /// A dialog for `path`, suggesting a new wave name.
    #[must_use]
    pub fn new(path: PathBuf, journey: &Journey) -> Self {
        let wave = fresh_wave_name(journey);
        // A first read tells which waves the file names itself (a file that cannot be read
        // says why when imported).
        let file_waves = survey_csv::read(&path, journey, &wave)
            .ok()
            .and_then(|import| {
                let filled: Vec<String> = import.waves.iter().map(|(n, _)| n.clone()).collect();
                let unnamed = filled.contains(&wave);
                let own: Vec<String> = filled.into_iter().filter(|n| *n != wave).collect();
                (!own.is_empty()).then_some((own, unnamed))
            });
        Self {
            path,
            wave,
            problems: None,
            file_waves,
        }
    }

    /// Shows the dialog. Rows that name their wave go to it: the typed name only takes the
    /// others, and says so.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) -> Answer {
        let note = self
            .file_waves
            .as_ref()
            .map(|(named, unnamed)| crate::i18n::file_waves(named, *unnamed, &self.wave, lang));
        let form = Form {
            id: "kaidan-import",
            title: T::ImportTitle,
            help: T::ImportHelp,
            name_label: T::WaveName,
            path: &self.path,
            name_used: self.file_waves.as_ref().is_none_or(|(_, unnamed)| *unnamed),
            name: &mut self.wave,
            note,
            problems: self.problems.as_deref(),
        };
        super::import_form::show(ctx, form, lang)
    }

    /// Reads and checks the file against `journey`: the command to apply, or why nothing
    /// can be imported.
    pub fn prepare(&self, journey: &Journey) -> Result<Ready, ImportError> {
        let import = survey_csv::read(&self.path, journey, &self.wave)?;
        Ok(Ready {
            command: import.command(journey),
            description: import.description(),
            wave: import
                .waves
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            answers: import.answers,
        })
    }
}

/// A wave name not yet used: 調査N, N from the number of waves + 1.
#[must_use]
pub fn fresh_wave_name(journey: &Journey) -> String {
    let n = journey.surveys.waves.len();
    // n + 1 candidates and at most n taken: one is always free.
    (n + 1..=2 * n + 1)
        .map(|i| format!("調査{i}"))
        .find(|name| journey.surveys.wave(name).is_none())
        .unwrap_or_default()
}

/// The wave selector (toolbar and NPS tab): `None` follows the latest wave.
pub fn wave_selector(
    ui: &mut Ui,
    id: &str,
    journey: &Journey,
    chosen: &mut Option<String>,
    lang: Lang,
) {
    let waves = &journey.surveys.waves;
    let Some(current) = journey.surveys.shown(chosen.as_deref()) else {
        return;
    };
    let label = ui.label(T::Wave.text(lang));
    egui::ComboBox::from_id_salt(id)
        .selected_text(&current.name)
        .show_ui(ui, |ui| {
            for wave in waves {
                let selected = wave.name == current.name;
                if ui.selectable_label(selected, &wave.name).clicked() {
                    *chosen = Some(wave.name.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// One line about a step's figures: "NPS +12 · n=45 · [−3, +27] · ▲+8".
#[must_use]
pub fn summary_line(stats: &StepStats) -> String {
    let s = &stats.summary;
    let mut text = format!(
        "NPS {} · n={}{} · 95% CI [{}, {}]",
        nps_text(s.nps),
        s.n,
        if s.is_small() { "※" } else { "" },
        nps_text(s.ci.low),
        nps_text(s.ci.high),
    );
    if let Some(change) = change_text(stats) {
        text.push_str(" · ");
        text.push_str(&change);
    }
    text
}

/// The step inspector's survey section: the figures and the 11 counts of the selected
/// step in the shown wave, typed per score.
pub fn scores_editor(
    ui: &mut Ui,
    journey: &Journey,
    wave: Option<&WaveStats>,
    step: StepId,
    lang: Lang,
    edits: &mut Edits,
) {
    let Some(wave) = wave else {
        return;
    };
    let Some(data) = journey.surveys.wave(&wave.name) else {
        return;
    };
    ui.separator();
    ui.strong(format!("NPS — {}", wave.name));
    match wave.steps.get(&step) {
        Some(stats) => {
            ui.add(egui::Label::new(summary_line(stats)).wrap());
        }
        None => {
            ui.weak(T::NotAsked.text(lang));
        }
    }
    ui.label(T::Scores.text(lang));
    let scores = data.steps.get(&step).copied().unwrap_or_default();
    egui::Grid::new(("scores", step.0)).show(ui, |ui| {
        // Four scores per row, so the grid fits the side panel without widening it.
        for row in [0..4, 4..8, 8..11] {
            for score in row {
                let colour = group_colour(Group::of(score as u8));
                let label = ui.label(RichText::new(score.to_string()).color(colour).strong());
                let mut count = scores.0[score];
                let id = ui.make_persistent_id(("score", step.0, score));
                let response = ui
                    .add(DragValue::new(&mut count).range(0..=1_000_000).speed(0.2))
                    .labelled_by(label.id);
                if response.changed() {
                    let mut new = scores;
                    new.0[score] = count;
                    edits.typing(
                        id,
                        Command::SetScores {
                            wave: wave.name.clone(),
                            step: Some(step),
                            scores: (!new.is_empty()).then_some(new),
                        },
                    );
                }
                if response.lost_focus() || response.drag_stopped() {
                    edits.end_typing = true;
                }
            }
            ui.end_row();
        }
    });
}

fn group_colour(group: Group) -> Color32 {
    match group {
        Group::Detractor => DETRACTOR,
        Group::Passive => PASSIVE.gamma_multiply(0.8),
        Group::Promoter => PROMOTER,
    }
}

/// What the NPS tab asks the app to do besides edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TabRequest {
    /// Open the CSV import.
    pub import: bool,
}

/// The NPS tab: waves (select, rename, date, add, remove), the benchmark, and the plots.
pub fn nps_tab(
    ui: &mut Ui,
    doc: &super::document::Document,
    chosen: &mut Option<String>,
    selected_step: Option<StepId>,
    lang: Lang,
    edits: &mut Edits,
) -> TabRequest {
    let (journey, stats) = (doc.journey(), doc.all_wave_stats());
    let mut request = TabRequest::default();
    if ui.button(T::ImportNps.text(lang)).clicked() {
        request.import = true;
    }
    let waves = &journey.surveys.waves;
    if waves.is_empty() {
        ui.add(egui::Label::new(T::NoWaves.text(lang)).wrap());
        if ui.button(T::AddWave.text(lang)).clicked() {
            edits.push(Command::AddWave(0, Wave::named(fresh_wave_name(journey))));
        }
        return request;
    }
    ui.horizontal(|ui| wave_selector(ui, "wave-tab", journey, chosen, lang));
    let Some(current) = journey.surveys.shown(chosen.as_deref()) else {
        return request;
    };
    let label = ui.label(T::WaveName.text(lang));
    let mut name = current.name.clone();
    let id = ui.make_persistent_id("wave-name");
    let response = ui
        .add(egui::TextEdit::singleline(&mut name).id(id))
        .labelled_by(label.id);
    if response.changed() && !name.trim().is_empty() && journey.surveys.wave(&name).is_none() {
        edits.typing(
            id,
            Command::EditWave(current.name.clone(), WaveField::Name(name.clone())),
        );
        *chosen = Some(name);
    }
    if response.lost_focus() {
        edits.end_typing = true;
    }
    let label = ui.label(T::WaveDate.text(lang));
    let mut date = current.date.clone();
    let id = ui.make_persistent_id("wave-date");
    let response = ui
        .add(egui::TextEdit::singleline(&mut date).id(id))
        .labelled_by(label.id);
    if response.changed() && crate::model::is_valid_date(&date) {
        edits.typing(
            id,
            Command::EditWave(current.name.clone(), WaveField::Date(date)),
        );
    }
    if response.lost_focus() {
        edits.end_typing = true;
    }
    ui.horizontal(|ui| {
        if ui.button(T::AddWave.text(lang)).clicked() {
            let name = fresh_wave_name(journey);
            edits.push(Command::AddWave(waves.len(), Wave::named(name.clone())));
            *chosen = Some(name);
        }
        if ui.button(T::RemoveWave.text(lang)).clicked() {
            edits.push(Command::RemoveWave(current.name.clone()));
            *chosen = None;
        }
    });
    ui.horizontal(|ui| {
        let mut on = journey.surveys.benchmark.is_some();
        let mut value = journey.surveys.benchmark.unwrap_or(0);
        let toggled = ui.checkbox(&mut on, T::Benchmark.text(lang)).changed();
        let dragged = ui
            .add_enabled(on, DragValue::new(&mut value).range(-100..=100))
            .changed();
        if toggled || dragged {
            edits.push(Command::SetBenchmark(on.then_some(value)));
        }
    });
    ui.weak(T::SmallSample.text(lang));
    ui.weak(T::ChangeSignificant.text(lang));
    let Some(wave_stats) = stats.iter().find(|w| w.name == current.name) else {
        return request;
    };
    let path = main_path(journey, doc.main_path(), wave_stats);
    plots(ui, journey, &path, stats, wave_stats, selected_step, lang);
    request
}

/// The surveyed steps of the main path (start → goal), in order, with their figures.
fn main_path<'a>(
    journey: &Journey,
    path: &[StepId],
    wave: &'a WaveStats,
) -> Vec<(StepId, String, &'a StepStats)> {
    path.iter()
        .copied()
        .filter_map(|id| {
            let stats = wave.steps.get(&id)?;
            let title = journey
                .step(id)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            Some((id, title, stats))
        })
        .collect()
}

fn short(title: &str) -> String {
    let mut chars = title.chars();
    let head: String = chars.by_ref().take(6).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The X axis of step numbers: a label at every step, however close (a number is narrow).
fn numbered<'a>(
    formatter: impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + 'a,
) -> egui_plot::AxisHints<'a> {
    egui_plot::AxisHints::new_x()
        .formatter(formatter)
        .label_spacing(12.0..=16.0)
}

/// The key to the plots' step numbers: each number with its step's title (shortened).
fn step_key(ui: &mut Ui, path: &[(StepId, String, &StepStats)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (i, (_, title, _)) in path.iter().enumerate() {
            let key = RichText::new(format!("{} {}", i + 1, short(title))).small();
            ui.add(egui::Label::new(key).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
}

/// A plot's legend, above it (not over its bars): a colour square and a name each.
fn legend(ui: &mut Ui, keys: &[(Color32, &str)]) {
    ui.horizontal_wrapped(|ui| {
        for (colour, name) in keys {
            ui.colored_label(*colour, "■");
            ui.label(*name);
        }
    });
}

fn plots(
    ui: &mut Ui,
    journey: &Journey,
    path: &[(StepId, String, &StepStats)],
    all: &[WaveStats],
    wave: &WaveStats,
    selected_step: Option<StepId>,
    lang: Lang,
) {
    // Every step of the path is numbered on the X axis of every plot (a number fits where a
    // title cannot, and egui_plot cannot turn labels), small samples marked ※ as on the
    // cards; the key under the first plot gives each number its title.
    let marks: Vec<String> = path
        .iter()
        .enumerate()
        .map(|(i, (_, _, s))| {
            let mark = if s.summary.is_small() { "※" } else { "" };
            format!("{}{mark}", i + 1)
        })
        .collect();
    let axis = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
            marks.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let steps = path.len();
    let every_step = move |_: egui_plot::GridInput| -> Vec<egui_plot::GridMark> {
        (0..steps)
            .map(|i| egui_plot::GridMark {
                value: i as f64,
                step_size: 1.0,
            })
            .collect()
    };
    // Whiskers in the text's colour: darker than the grid, in both themes.
    let whisker = ui.visuals().text_color();
    let benchmark = journey.surveys.benchmark;

    ui.separator();
    ui.strong(T::PlotMainPath.text(lang));
    Plot::new("nps-main-path")
        .height(180.0)
        .include_y(-100.0)
        .include_y(100.0)
        .allow_scroll(false)
        .custom_x_axes(vec![numbered(axis.clone())])
        .x_grid_spacer(every_step)
        .show(ui, |plot| {
            for (i, (_, title, s)) in path.iter().enumerate() {
                let x = i as f64;
                let ci = s.summary.ci;
                plot.line(
                    Line::new(title.as_str(), vec![[x, ci.low], [x, ci.high]])
                        .color(whisker)
                        .width(2.0),
                );
                for y in [ci.low, ci.high] {
                    plot.line(
                        Line::new(title.as_str(), vec![[x - 0.15, y], [x + 0.15, y]])
                            .color(whisker)
                            .width(2.0),
                    );
                }
            }
            let points = |small: bool| -> Vec<[f64; 2]> {
                path.iter()
                    .enumerate()
                    .filter(|(_, (_, _, s))| s.summary.is_small() == small)
                    .map(|(i, (_, _, s))| [i as f64, s.summary.nps])
                    .collect()
            };
            plot.line(
                Line::new(
                    "NPS",
                    path.iter()
                        .enumerate()
                        .map(|(i, (_, _, s))| [i as f64, s.summary.nps])
                        .collect::<Vec<_>>(),
                )
                .color(PROMOTER),
            );
            plot.points(
                Points::new("NPS", points(false))
                    .radius(4.0)
                    .color(PROMOTER)
                    .filled(true),
            );
            plot.points(
                Points::new("n<30", points(true))
                    .radius(4.0)
                    .color(DETRACTOR)
                    .shape(MarkerShape::Circle)
                    .filled(false),
            );
            if let Some(b) = benchmark {
                plot.add(
                    HLine::new(T::Benchmark.text(lang), f64::from(b)).color(Color32::DARK_GRAY),
                );
            }
        });

    step_key(ui, path);

    ui.strong(T::PlotShares.text(lang));
    legend(
        ui,
        &[
            (DETRACTOR, T::Detractors.text(lang)),
            (PASSIVE, T::Passives.text(lang)),
            (PROMOTER, T::Promoters.text(lang)),
        ],
    );
    Plot::new("nps-shares")
        .height(160.0)
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .custom_x_axes(vec![numbered(axis.clone())])
        .x_grid_spacer(every_step)
        .show(ui, |plot| {
            let bars = |share: fn(&Summary) -> f64| -> Vec<Bar> {
                path.iter()
                    .enumerate()
                    .map(|(i, (_, _, s))| Bar::new(i as f64, 100.0 * share(&s.summary)).width(0.7))
                    .collect()
            };
            let d =
                BarChart::new(T::Detractors.text(lang), bars(|s| s.detractors)).color(DETRACTOR);
            let pa = BarChart::new(T::Passives.text(lang), bars(|s| s.passives))
                .color(PASSIVE)
                .stack_on(&[&d]);
            let p = BarChart::new(T::Promoters.text(lang), bars(|s| s.promoters))
                .color(PROMOTER)
                .stack_on(&[&d, &pa]);
            plot.add(d);
            plot.add(pa);
            plot.add(p);
        });

    ui.strong(T::PlotDistribution.text(lang));
    let target = selected_step.filter(|id| wave.steps.contains_key(id));
    let scores: Option<Scores> = journey
        .surveys
        .wave(&wave.name)
        .and_then(|w| w.scores(target).copied());
    let subject = match target {
        Some(id) => journey
            .step(id)
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        None => T::Overall.text(lang).to_owned(),
    };
    match scores {
        Some(scores) => {
            ui.label(&subject);
            let every_score = |_: egui_plot::GridInput| -> Vec<egui_plot::GridMark> {
                (0..=10)
                    .map(|score| egui_plot::GridMark {
                        value: f64::from(score),
                        step_size: 1.0,
                    })
                    .collect()
            };
            Plot::new("nps-distribution")
                .height(140.0)
                .include_y(0.0)
                .allow_scroll(false)
                .custom_x_axes(vec![numbered(|mark, _| format!("{:.0}", mark.value))])
                .x_grid_spacer(every_score)
                .show(ui, |plot| {
                    let bars: Vec<Bar> = (0..=10u8)
                        .map(|score| {
                            Bar::new(f64::from(score), f64::from(scores.0[usize::from(score)]))
                                .fill(group_colour(Group::of(score)))
                                .width(0.8)
                        })
                        .collect();
                    plot.add(BarChart::new(subject.as_str(), bars));
                });
        }
        None => {
            ui.weak(T::SelectStepForDistribution.text(lang));
        }
    }

    if all.len() > 1 {
        ui.strong(T::PlotWaves.text(lang));
        let colours = crate::paint::theme::okabe_ito::ALL;
        let mut keys: Vec<(Color32, &str)> = all
            .iter()
            .enumerate()
            .map(|(w, other)| (colours[w % colours.len()], other.name.as_str()))
            .collect();
        if benchmark.is_some() {
            keys.push((Color32::DARK_GRAY, T::Benchmark.text(lang)));
        }
        legend(ui, &keys);
        Plot::new("nps-waves")
            .height(180.0)
            .include_y(-100.0)
            .include_y(100.0)
            .allow_scroll(false)
            .custom_x_axes(vec![numbered(axis)])
            .x_grid_spacer(every_step)
            .show(ui, |plot| {
                let width = 0.8 / all.len() as f64;
                for (w, other) in all.iter().enumerate() {
                    let offset = (w as f64 - (all.len() - 1) as f64 / 2.0) * width;
                    let bars: Vec<Bar> = path
                        .iter()
                        .enumerate()
                        .filter_map(|(i, (id, _, _))| {
                            let s = other.steps.get(id)?;
                            Some(Bar::new(i as f64 + offset, s.summary.nps).width(width * 0.95))
                        })
                        .collect();
                    plot.add(
                        BarChart::new(other.name.as_str(), bars).color(colours[w % colours.len()]),
                    );
                }
                if let Some(b) = benchmark {
                    plot.add(
                        HLine::new(T::Benchmark.text(lang), f64::from(b)).color(Color32::DARK_GRAY),
                    );
                }
            });
    }
}
