//! Customer flow in the editor: the dialog that imports a CRM event log (File › CRM
//! イベントログを取り込む…) into a flow wave, as one undo step.

pub use super::import_form::Answer;
use super::import_form::Form;
use crate::edit::Command;
use crate::i18n::{Lang, Localize as _, T};
use crate::io::events_csv;
use crate::model::Journey;
use std::path::PathBuf;

/// The event-log import dialog: which file, into which wave, and why the last try failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventsDialog {
    /// The CSV file chosen.
    pub path: PathBuf,
    /// The flow wave's name (an existing one of that name is replaced).
    pub wave: String,
    /// Why the last attempt imported nothing.
    pub problems: Option<String>,
}

impl EventsDialog {
    /// A dialog for `path`, suggesting a new wave name.
    #[must_use]
    pub fn new(path: PathBuf, journey: &Journey, lang: Lang) -> Self {
        let n = journey.flows.len();
        let wave = (n + 1..=2 * n + 1)
            .map(|k| crate::i18n::say!(lang, "顧客フロー {k}", "Flow {k}"))
            .find(|name| journey.flows.iter().all(|f| f.name != *name))
            .unwrap_or_default();
        Self {
            path,
            wave,
            problems: None,
        }
    }

    /// Shows the dialog.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) -> Answer {
        let form = Form {
            id: "kaidan-events",
            title: T::EventsTitle,
            help: T::EventsHelp,
            name_label: T::FlowName,
            path: &self.path,
            name: &mut self.wave,
            name_used: true,
            note: None,
            problems: self.problems.as_deref(),
        };
        super::import_form::show(ctx, form, lang)
    }

    /// Reads and counts the file: the command that stores the wave, and its customers; or why
    /// nothing can be imported, in `lang`.
    pub fn prepare(&self, journey: &Journey, lang: Lang) -> Result<(Command, u64), String> {
        let wave =
            events_csv::read(&self.path, journey, &self.wave).map_err(|e| e.localize(lang))?;
        let customers = wave.customers;
        Ok((Command::PutFlow(wave), customers))
    }
}

/// What the flow tab asks the app to do besides edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TabAsk {
    /// Nothing.
    #[default]
    Nothing,
    /// Open the event-log import.
    Import,
}

/// The フロー tab: which flow wave the layer and the KPI lane show (`chosen`; `None` the
/// latest), its customers, repeat rate (with its definition and period, since both change
/// the number), the layers' switches, and the moves between steps with no link, each with a
/// button that draws the missing link (one undo step; refused, saying why, if it would go
/// back in time).
pub fn tab(
    ui: &mut egui::Ui,
    journey: &Journey,
    layers: &mut crate::paint::Layers,
    chosen: &mut Option<String>,
    lang: Lang,
    edits: &mut super::panels::Edits,
) -> TabAsk {
    let mut ask = TabAsk::Nothing;
    let named = chosen
        .as_deref()
        .and_then(|n| journey.flows.iter().find(|f| f.name == n));
    let Some(wave) = named.or(journey.flows.last()) else {
        ui.label(T::NoFlow.text(lang));
        if ui.button(T::ImportEvents.text(lang)).clicked() {
            ask = TabAsk::Import;
        }
        return ask;
    };
    if journey.flows.len() > 1 {
        // The newest first: the one a workshop usually wants.
        egui::ComboBox::from_label(crate::i18n::say!(lang, "表示する顧客フロー", "Flow shown"))
            .selected_text(&wave.name)
            .show_ui(ui, |ui| {
                for (i, f) in journey.flows.iter().enumerate().rev() {
                    let latest = i + 1 == journey.flows.len();
                    let pick = if latest { None } else { Some(f.name.clone()) };
                    if ui.selectable_label(f.name == wave.name, &f.name).clicked() {
                        *chosen = pick;
                    }
                }
            });
    } else {
        ui.strong(&wave.name);
    }
    let grouped = crate::i18n::kpi::grouped;
    let (from, to, customers) = (&wave.from, &wave.to, grouped(wave.customers));
    ui.label(crate::i18n::say!(
        lang,
        "{from}〜{to}　顧客 {customers} 人",
        "{from} to {to}: {customers} customers"
    ));
    let (buyers, repeaters) = (grouped(wave.buyers), grouped(wave.repeaters));
    let rate = wave
        .repeat_rate()
        .map_or_else(|| "—".to_owned(), |r| format!("{r:.1}%"));
    ui.label(crate::i18n::say!(
        lang,
        "リピート率 {rate}（購入ステップで 2 回以上 {repeaters} 人 ÷ 1 回以上 {buyers} 人）",
        "repeat rate {rate} ({repeaters} with 2 or more events at purchase steps ÷ {buyers} with 1 or more)"
    ));
    ui.checkbox(&mut layers.flow, T::LayerFlow.text(lang));
    ui.checkbox(&mut layers.kpi, T::LayerKpi.text(lang));
    if ui.button(T::ImportEvents.text(lang)).clicked() {
        ask = TabAsk::Import;
    }
    ui.separator();
    let mut off_map: Vec<&crate::model::Move> = wave
        .moves
        .iter()
        .filter(|m| journey.link_index(m.from, m.to).is_none())
        .filter(|m| journey.step(m.from).is_some() && journey.step(m.to).is_some())
        .collect();
    off_map.sort_by_key(|m| std::cmp::Reverse(m.customers));
    let n = off_map.len();
    ui.strong(crate::i18n::say!(
        lang,
        "マップにつながりのない移動（{n} 件）",
        "Moves with no link on the map ({n})"
    ));
    let title = |id| journey.step(id).map_or("", |s| s.title.as_str());
    for m in off_map.iter().take(200) {
        ui.add(egui::Label::new(format!("{} → {}", title(m.from), title(m.to))).wrap());
        ui.horizontal(|ui| {
            let who = grouped(m.customers);
            ui.label(crate::i18n::say!(lang, "{who} 人", "{who} customers"));
            if ui.button(T::AddMissingLink.text(lang)).clicked() {
                edits.push(Command::AddLink(crate::model::Link::new(m.from, m.to)));
            }
        });
        ui.add_space(4.0);
    }
    ask
}
