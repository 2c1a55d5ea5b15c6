//! Side panels: the inspector for the selected step, the phase and level lists, and the
//! journey's details. They read the journey and emit commands; typing in one field
//! undoes as one step.

use crate::edit::{Command, MetaField, StepField, StepMove};
use crate::i18n::{Lang, T};
use crate::model::{
    Channel, Emotion, Feeling, Journey, Level, LevelId, Moment, Phase, PhaseId, Rgb, StepId,
    StepKind, Touchpoint,
};
use egui::{ComboBox, DragValue, TextEdit, Ui};
use std::collections::BTreeSet;

/// Which panel the side bar shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// The selected step.
    #[default]
    Step,
    /// Phases.
    Phases,
    /// Levels.
    Levels,
    /// Title, persona, brand, statements.
    Journey,
    /// Steps by valence, lowest first.
    PainPoints,
    /// Survey waves, benchmark and NPS plots.
    Nps,
    /// Departments and every initiative, by department or phase.
    Initiatives,
    /// Customer flow: the latest wave, the repeat rate, the moves with no link.
    Flow,
}

/// Commands a panel asks for. Those tagged with a field id come from typing in that field.
#[derive(Default)]
pub struct Edits {
    /// The commands, in order.
    pub commands: Vec<(Option<egui::Id>, Command)>,
    /// A text field lost focus: close its undo group.
    pub end_typing: bool,
    /// A step to select and centre on the canvas.
    pub focus: Option<StepId>,
}

impl Edits {
    pub(super) fn push(&mut self, command: Command) {
        self.commands.push((None, command));
    }

    pub(super) fn typing(&mut self, field: egui::Id, command: Command) {
        self.commands.push((Some(field), command));
    }
}

/// A text field bound to a value in the journey; changes become commands.
/// The field is shown after its label, which also becomes its accessible name.
pub(super) fn text(
    ui: &mut Ui,
    edits: &mut Edits,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &str,
    multiline: bool,
    make: impl FnOnce(String) -> Command,
) {
    let label = ui.label(label);
    let mut buffer = value.to_owned();
    let id = ui.make_persistent_id(key);
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        TextEdit::singleline(&mut buffer)
    }
    // A paste longer than a text may be is cut, not refused keystroke by keystroke.
    .char_limit(crate::model::limits::MAX_TEXT_CHARS);
    let response = ui
        .add(edit.id(id).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if response.changed() {
        edits.typing(id, make(buffer));
    }
    if response.lost_focus() {
        edits.end_typing = true;
    }
}

fn kind_label(kind: StepKind, lang: Lang) -> &'static str {
    match kind {
        StepKind::Start => T::KindStart.text(lang),
        StepKind::Step => T::KindStep.text(lang),
        StepKind::Goal => T::KindGoal.text(lang),
    }
}

/// Name of a channel in the UI language.
#[must_use]
pub fn channel_label(channel: Channel, lang: Lang) -> &'static str {
    let (ja, en) = match channel {
        Channel::Web => ("Web", "Web"),
        Channel::Sns => ("SNS", "Social media"),
        Channel::Email => ("メール", "E-mail"),
        Channel::Ad => ("広告", "Advertising"),
        Channel::Store => ("店舗", "Store"),
        Channel::CallCentre => ("コールセンター", "Call centre"),
        Channel::Event => ("イベント", "Event"),
        Channel::ProductUse => ("商品の利用", "Product use"),
        Channel::Other => ("その他", "Other"),
    };
    lang.pick(ja, en)
}

/// The inspector: every field of the selected step.
pub fn step_inspector(
    ui: &mut Ui,
    j: &Journey,
    selection: &BTreeSet<StepId>,
    lang: Lang,
    edits: &mut Edits,
) {
    let Some(&id) = selection.iter().next() else {
        ui.label(T::NoSelection.text(lang));
        return;
    };
    if selection.len() > 1 {
        ui.label(format!(
            "{} {}",
            selection.len(),
            T::ManySelected.text(lang)
        ));
        return;
    }
    let Some(step) = j.step(id) else { return };
    text(
        ui,
        edits,
        ("title", id),
        T::Title.text(lang),
        &step.title,
        true,
        |v| Command::RetitleStep(id, v),
    );
    egui::Grid::new("step-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(T::Kind.text(lang));
        ComboBox::from_id_salt("kind")
            .selected_text(kind_label(step.kind, lang))
            .show_ui(ui, |ui| {
                for kind in StepKind::ALL {
                    if ui
                        .selectable_label(step.kind == kind, kind_label(kind, lang))
                        .clicked()
                        && kind != step.kind
                    {
                        let mut kinds = vec![(id, kind)];
                        // Handing over the start demotes the old one in the same command.
                        if kind == StepKind::Start
                            && let Some(start) = j.start_step()
                        {
                            kinds.insert(0, (start.id, StepKind::Step));
                        }
                        edits.push(Command::SetKinds(kinds));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(T::Time.text(lang));
        let mut t = step.t;
        let r = ui
            .add(DragValue::new(&mut t).speed(0.05).max_decimals(2))
            .labelled_by(label.id);
        if r.changed() {
            edits.typing(
                r.id,
                Command::MoveSteps(vec![StepMove {
                    id,
                    t: super::canvas::tidy_t(t),
                    level: step.level,
                }]),
            );
        }
        if r.drag_stopped() || r.lost_focus() {
            edits.end_typing = true;
        }
        ui.end_row();
        let label = ui.label(T::Level.text(lang));
        let current = j.level(step.level).map_or("", |l| l.label.as_str());
        ComboBox::from_id_salt("level")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for level in j.levels.iter().rev() {
                    if ui
                        .selectable_label(level.id == step.level, &level.label)
                        .clicked()
                        && level.id != step.level
                    {
                        edits.push(Command::MoveSteps(vec![StepMove {
                            id,
                            t: step.t,
                            level: level.id,
                        }]));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(T::Channel.text(lang));
        let channel = step.touchpoint.as_ref().map(|t| t.channel);
        ComboBox::from_id_salt("channel")
            .selected_text(channel.map_or(T::NoTouchpoint.text(lang), |c| channel_label(c, lang)))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(channel.is_none(), T::NoTouchpoint.text(lang))
                    .clicked()
                    && channel.is_some()
                {
                    edits.push(Command::EditStep(id, StepField::Touchpoint(None)));
                }
                for c in Channel::ALL {
                    if ui
                        .selectable_label(channel == Some(c), channel_label(c, lang))
                        .clicked()
                        && channel != Some(c)
                    {
                        let name = step
                            .touchpoint
                            .as_ref()
                            .map(|t| t.name.clone())
                            .unwrap_or_default();
                        edits.push(Command::EditStep(
                            id,
                            StepField::Touchpoint(Some(Touchpoint { channel: c, name })),
                        ));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
    if let Some(tp) = &step.touchpoint {
        text(
            ui,
            edits,
            ("tp-name", id),
            T::TouchpointName.text(lang),
            &tp.name,
            false,
            |name| {
                Command::EditStep(
                    id,
                    StepField::Touchpoint(Some(Touchpoint {
                        channel: tp.channel,
                        name,
                    })),
                )
            },
        );
    }
    let mut purchase = step.purchase;
    if ui
        .checkbox(&mut purchase, T::PurchaseStep.text(lang))
        .on_hover_text(T::PurchaseStepHint.text(lang))
        .changed()
    {
        edits.push(Command::EditStep(id, StepField::Purchase(purchase)));
    }
    text(
        ui,
        edits,
        ("desc", id),
        T::Description.text(lang),
        &step.description,
        true,
        |v| Command::EditStep(id, StepField::Description(v)),
    );
    ui.separator();
    emotion_editor(ui, step, lang, edits);
    ui.separator();
    super::initiatives::editor(ui, j, step, lang, edits);
    ui.separator();
    ui.strong(T::Links.text(lang));
    for link in j.outgoing(id) {
        let target = j.step(link.to).map_or("", |s| s.title.as_str());
        ui.horizontal(|ui| {
            if ui
                .small_button("×")
                .on_hover_text(T::Remove.text(lang))
                .clicked()
            {
                edits.push(Command::RemoveLink(link.from, link.to));
            }
            ui.label(format!("→ {target}"));
        });
        ui.horizontal(|ui| {
            text(
                ui,
                edits,
                ("link", link.from, link.to),
                T::LinkLabel.text(lang),
                &link.label,
                false,
                |v| Command::RelabelLink(link.from, link.to, v),
            );
        });
    }
    ui.separator();
    text(
        ui,
        edits,
        ("notes", id),
        T::Notes.text(lang),
        &step.notes,
        true,
        |v| Command::EditStep(id, StepField::Notes(v)),
    );
}

/// Valence, named emotion, thoughts, quote and pain-point / delight mark of a step.
fn emotion_editor(ui: &mut Ui, step: &crate::model::Step, lang: Lang, edits: &mut Edits) {
    let id = step.id;
    let e = &step.emotion;
    let with = |f: &dyn Fn(&mut Emotion)| {
        let mut new = e.clone();
        f(&mut new);
        Command::EditStep(id, StepField::Emotion(new))
    };
    ui.strong(T::Emotion.text(lang));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::Valence.text(lang));
        let names = [T::VeryBad, T::Bad, T::Neutral, T::Good, T::VeryGood];
        for (v, name) in (-2i8..=2).zip(names) {
            let text = format!("{v:+}");
            let hover = name.text(lang);
            let r = ui
                .selectable_label(e.valence == Some(v), text)
                .on_hover_text(hover)
                .labelled_by(label.id);
            if r.clicked() && e.valence != Some(v) {
                edits.push(with(&|x| x.valence = Some(v)));
            }
        }
        if ui
            .selectable_label(e.valence.is_none(), T::NotSet.text(lang))
            .clicked()
            && e.valence.is_some()
        {
            edits.push(with(&|x| x.valence = None));
        }
    });
    let feeling_name = |f: &Feeling| lang.pick(f.name_ja(), f.name_en()).to_owned();
    let label = ui.label(T::Feeling.text(lang));
    ComboBox::from_id_salt("feeling")
        .selected_text(
            e.feeling
                .as_ref()
                .map_or_else(|| T::NotSet.text(lang).to_owned(), feeling_name),
        )
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(e.feeling.is_none(), T::NotSet.text(lang))
                .clicked()
            {
                edits.push(with(&|x| x.feeling = None));
            }
            for f in Feeling::PALETTE {
                if ui
                    .selectable_label(e.feeling.as_ref() == Some(&f), feeling_name(&f))
                    .clicked()
                {
                    edits.push(with(&|x| x.feeling = Some(f.clone())));
                }
            }
            let custom = matches!(e.feeling, Some(Feeling::Custom(_)));
            if ui
                .selectable_label(custom, T::CustomFeeling.text(lang))
                .clicked()
                && !custom
            {
                edits.push(with(&|x| x.feeling = Some(Feeling::Custom(String::new()))));
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(Feeling::Custom(name)) = &e.feeling {
        text(
            ui,
            edits,
            ("feeling-name", id),
            T::CustomFeeling.text(lang),
            name,
            false,
            |v| with(&|x| x.feeling = Some(Feeling::Custom(v.clone()))),
        );
    }
    text(
        ui,
        edits,
        ("thinks", id),
        T::Thinks.text(lang),
        &e.thinks,
        true,
        |v| with(&|x| x.thinks.clone_from(&v)),
    );
    text(
        ui,
        edits,
        ("quote", id),
        T::Quote.text(lang),
        &e.quote,
        true,
        |v| with(&|x| x.quote.clone_from(&v)),
    );
    ui.horizontal(|ui| {
        ui.label(T::Moment.text(lang));
        for (m, name) in [
            (None, T::NoMoment),
            (Some(Moment::PainPoint), T::PainPoint),
            (Some(Moment::Delight), T::Delight),
        ] {
            if ui
                .selectable_label(e.moment == m, name.text(lang))
                .clicked()
                && e.moment != m
            {
                edits.push(with(&|x| x.moment = m));
            }
        }
    });
}

/// Steps ordered by valence, lowest (the worst pain) first; each row selects and centres
/// its card. Steps without a valence come last, listed apart.
pub fn pain_points(
    ui: &mut Ui,
    j: &Journey,
    selection: &BTreeSet<StepId>,
    lang: Lang,
    edits: &mut Edits,
) {
    let mut rated: Vec<_> = j
        .steps
        .iter()
        .filter(|s| s.emotion.valence.is_some())
        .collect();
    rated.sort_by(|a, b| {
        a.emotion
            .valence
            .cmp(&b.emotion.valence)
            .then(a.t.total_cmp(&b.t))
    });
    let row = |ui: &mut Ui, s: &crate::model::Step, edits: &mut Edits| {
        let mark = match s.emotion.moment {
            Some(Moment::PainPoint) => "▲ ",
            Some(Moment::Delight) => "★ ",
            None => "",
        };
        let valence = s
            .emotion
            .valence
            .map_or_else(|| "—".to_owned(), |v| format!("{v:+}"));
        let text = format!("{valence}  {mark}{}", s.title);
        if ui
            .selectable_label(selection.contains(&s.id), text)
            .clicked()
        {
            edits.focus = Some(s.id);
        }
    };
    for s in rated {
        row(ui, s, edits);
    }
    let unrated: Vec<_> = j
        .steps
        .iter()
        .filter(|s| s.emotion.valence.is_none())
        .collect();
    if !unrated.is_empty() {
        ui.separator();
        ui.label(T::NoValence.text(lang));
        for s in unrated {
            row(ui, s, edits);
        }
    }
}

/// The phase list: rename, recolour, resize, reorder, remove, add.
pub fn phases(ui: &mut Ui, j: &Journey, lang: Lang, edits: &mut Edits) {
    let n = j.phases.len();
    for (i, phase) in j.phases.iter().enumerate() {
        let id = phase.id;
        ui.push_id(id.0, |ui| {
            ui.horizontal(|ui| {
                let mut rgb = phase.colour.0;
                if ui.color_edit_button_srgb(&mut rgb).changed() {
                    edits.typing(
                        ui.scope_id().with("colour"),
                        Command::RecolourPhase(id, Rgb(rgb)),
                    );
                }
                text(
                    ui,
                    edits,
                    ("phase", id),
                    T::Name.text(lang),
                    &phase.name,
                    false,
                    |v| Command::RenamePhase(id, v),
                );
            });
            ui.horizontal(|ui| {
                let (mut start, mut end) = (phase.start, phase.end);
                let label = ui.label(T::StartT.text(lang));
                let a = ui
                    .add(DragValue::new(&mut start).speed(0.1).max_decimals(2))
                    .labelled_by(label.id);
                let label = ui.label(T::EndT.text(lang));
                let b = ui
                    .add(DragValue::new(&mut end).speed(0.1).max_decimals(2))
                    .labelled_by(label.id);
                if a.changed() || b.changed() {
                    edits.typing(
                        ui.scope_id().with("extent"),
                        Command::SetPhaseExtent(id, start, end),
                    );
                }
                if a.drag_stopped() || b.drag_stopped() || a.lost_focus() || b.lost_focus() {
                    edits.end_typing = true;
                }
                order_buttons(ui, lang, i, n, |to| edits.push(Command::MovePhase(id, to)));
                if ui
                    .small_button("×")
                    .on_hover_text(T::Remove.text(lang))
                    .clicked()
                {
                    edits.push(Command::RemovePhase(id));
                }
            });
        });
        ui.separator();
    }
    if ui.button(format!("＋ {}", T::Add.text(lang))).clicked() {
        let start = j.phases.last().map_or(0.0, |p| p.end);
        let colour = crate::paint::theme::okabe_ito::ALL[n % 7].to_array();
        edits.push(Command::AddPhase(
            n,
            Phase {
                id: PhaseId(j.next_id),
                name: format!("{} {}", T::PhasesTab.text(lang), n + 1),
                colour: Rgb([colour[0], colour[1], colour[2]]),
                start,
                end: start + 5.0,
            },
        ));
    }
}

/// Up / down buttons for item `i` of `n` (displayed top to bottom).
pub(super) fn order_buttons(
    ui: &mut Ui,
    lang: Lang,
    i: usize,
    n: usize,
    mut to: impl FnMut(usize),
) {
    if ui
        .add_enabled(i > 0, egui::Button::new("▲").small())
        .on_hover_text(T::MoveUp.text(lang))
        .clicked()
    {
        to(i - 1);
    }
    if ui
        .add_enabled(i + 1 < n, egui::Button::new("▼").small())
        .on_hover_text(T::MoveDown.text(lang))
        .clicked()
    {
        to(i + 1);
    }
}

/// The level list, top level first as on the canvas.
pub fn levels(ui: &mut Ui, j: &Journey, lang: Lang, edits: &mut Edits) {
    let n = j.levels.len();
    if ui.button(format!("＋ {}", T::Add.text(lang))).clicked() {
        edits.push(Command::AddLevel(
            n,
            Level {
                id: LevelId(j.next_id),
                label: format!("{} {}", T::Level.text(lang), n + 1),
                description: String::new(),
            },
        ));
    }
    for (i, level) in j.levels.iter().enumerate().rev() {
        let id = level.id;
        ui.push_id(id.0, |ui| {
            ui.horizontal(|ui| {
                text(
                    ui,
                    edits,
                    ("level", id),
                    T::Name.text(lang),
                    &level.label,
                    false,
                    |v| Command::RenameLevel(id, v),
                );
            });
            text(
                ui,
                edits,
                ("level-desc", id),
                T::Description.text(lang),
                &level.description,
                false,
                |v| Command::DescribeLevel(id, v),
            );
            ui.horizontal(|ui| {
                // Displayed top first: "up" raises the level.
                let shown = n - 1 - i;
                order_buttons(ui, lang, shown, n, |to| {
                    edits.push(Command::MoveLevel(id, n - 1 - to));
                });
                if ui
                    .small_button("×")
                    .on_hover_text(T::Remove.text(lang))
                    .clicked()
                {
                    edits.push(Command::RemoveLevel(id));
                }
            });
        });
        ui.separator();
    }
}

/// Title, persona, brand, start and goal statements.
pub fn journey_meta(ui: &mut Ui, j: &Journey, lang: Lang, edits: &mut Edits) {
    text(
        ui,
        edits,
        "meta-title",
        T::Title.text(lang),
        &j.title,
        false,
        |v| Command::SetMeta(MetaField::Title(v)),
    );
    text(
        ui,
        edits,
        "meta-persona",
        T::PersonaName.text(lang),
        &j.persona.name,
        false,
        |v| Command::SetMeta(MetaField::PersonaName(v)),
    );
    text(
        ui,
        edits,
        "meta-persona-desc",
        T::PersonaDescription.text(lang),
        &j.persona.description,
        true,
        |v| Command::SetMeta(MetaField::PersonaDescription(v)),
    );
    text(
        ui,
        edits,
        "meta-brand",
        T::Brand.text(lang),
        &j.brand,
        false,
        |v| Command::SetMeta(MetaField::Brand(v)),
    );
    text(
        ui,
        edits,
        "meta-start",
        T::StartStatement.text(lang),
        &j.start_statement,
        true,
        |v| Command::SetMeta(MetaField::StartStatement(v)),
    );
    text(
        ui,
        edits,
        "meta-goal",
        T::GoalStatement.text(lang),
        &j.goal_statement,
        true,
        |v| Command::SetMeta(MetaField::GoalStatement(v)),
    );
}
