//! Initiatives and messages (施策・メッセージ) in the side panel: a step's list in the
//! inspector, the departments (add, rename, recolour, reorder, remove), and the 施策 tab that
//! lists every initiative by department or by phase. Everything is emitted as commands.

use super::panels::{Edits, order_buttons, text};
use crate::edit::{Command, StepField};
use crate::i18n::{Lang, T, kind_label, status_label};
use crate::model::{
    Department, DepartmentId, Initiative, InitiativeKind, Journey, Rgb, Status, Step,
    department_colour,
};
use egui::{ComboBox, Ui};

/// A department's name, or "(no department)".
#[must_use]
pub fn department_name(j: &Journey, id: Option<DepartmentId>, lang: Lang) -> String {
    id.and_then(|id| j.department(id))
        .map_or_else(|| T::NoDepartment.text(lang).to_owned(), |d| d.name.clone())
}

/// The next department after `current` in the journey's order, then none, then the first
/// again: what Tab cycles through while an initiative is typed.
#[must_use]
pub fn next_department(j: &Journey, current: Option<DepartmentId>) -> Option<DepartmentId> {
    match current.and_then(|id| j.department_index(id)) {
        None => j.departments.first().map(|d| d.id),
        Some(i) => j.departments.get(i + 1).map(|d| d.id),
    }
}

/// The inspector's list of a step's initiatives: text, kind, department, status, note.
pub fn editor(ui: &mut Ui, j: &Journey, step: &Step, lang: Lang, edits: &mut Edits) {
    let id = step.id;
    ui.strong(T::Initiatives.text(lang));
    for (i, initiative) in step.initiatives.iter().enumerate() {
        let with = |f: &dyn Fn(&mut Initiative)| {
            let mut list = step.initiatives.clone();
            f(&mut list[i]);
            Command::EditStep(id, StepField::Initiatives(list))
        };
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            for kind in InitiativeKind::ALL {
                if ui
                    .selectable_label(initiative.kind == kind, kind_label(kind, lang))
                    .clicked()
                    && initiative.kind != kind
                {
                    edits.push(with(&|x| x.kind = kind));
                }
            }
            if ui
                .small_button("×")
                .on_hover_text(T::Remove.text(lang))
                .clicked()
            {
                let mut list = step.initiatives.clone();
                list.remove(i);
                edits.push(Command::EditStep(id, StepField::Initiatives(list)));
            }
        });
        text(
            ui,
            edits,
            ("init", id, i),
            T::InitiativeText.text(lang),
            &initiative.text,
            false,
            |v| with(&|x| x.text.clone_from(&v)),
        );
        ui.horizontal(|ui| {
            ui.label(T::Department.text(lang));
            ComboBox::from_id_salt(("dept", id, i))
                .selected_text(department_name(j, initiative.department, lang))
                .show_ui(ui, |ui| {
                    let choices =
                        std::iter::once(None).chain(j.departments.iter().map(|d| Some(d.id)));
                    for choice in choices {
                        let name = department_name(j, choice, lang);
                        if ui
                            .selectable_label(initiative.department == choice, name)
                            .clicked()
                            && initiative.department != choice
                        {
                            edits.push(with(&|x| x.department = choice));
                        }
                    }
                });
        });
        ui.horizontal(|ui| {
            ui.label(T::Status.text(lang));
            ComboBox::from_id_salt(("status", id, i))
                .selected_text(status_label(initiative.status, lang))
                .show_ui(ui, |ui| {
                    for status in Status::ALL {
                        if ui
                            .selectable_label(
                                initiative.status == status,
                                status_label(status, lang),
                            )
                            .clicked()
                            && initiative.status != status
                        {
                            edits.push(with(&|x| x.status = status));
                        }
                    }
                });
        });
        text(
            ui,
            edits,
            ("note", id, i),
            T::InitiativeNote.text(lang),
            &initiative.note,
            false,
            |v| with(&|x| x.note.clone_from(&v)),
        );
        ui.add_space(4.0);
    }
    if ui
        .button(format!("＋ {}", T::AddInitiative.text(lang)))
        .clicked()
    {
        let mut list = step.initiatives.clone();
        list.push(Initiative::default());
        edits.push(Command::EditStep(id, StepField::Initiatives(list)));
    }
}

/// What the 施策 tab asks the app to do besides editing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Nothing.
    Nothing,
    /// Ask before removing a department that owns initiatives.
    ConfirmRemove(DepartmentId),
}

/// How the 施策 tab groups and filters (view state, not saved in the document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    /// Group by phase instead of by department.
    pub by_phase: bool,
    /// Only this department's.
    pub department: Option<DepartmentId>,
    /// Only this status.
    pub status: Option<Status>,
}

/// The departments editor: name, colour, order, remove; and an add button.
pub fn departments(ui: &mut Ui, j: &Journey, lang: Lang, edits: &mut Edits) -> Ask {
    let mut ask = Ask::Nothing;
    let n = j.departments.len();
    for (i, d) in j.departments.iter().enumerate() {
        ui.horizontal(|ui| {
            let mut rgb = d.colour.0;
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                edits.push(Command::RecolourDepartment(d.id, Rgb(rgb)));
            }
            order_buttons(ui, lang, i, n, |to| {
                edits.push(Command::MoveDepartment(d.id, to));
            });
            if ui
                .small_button("×")
                .on_hover_text(T::Remove.text(lang))
                .clicked()
            {
                let used = j
                    .steps
                    .iter()
                    .any(|s| s.initiatives.iter().any(|x| x.department == Some(d.id)));
                if used {
                    ask = Ask::ConfirmRemove(d.id);
                } else {
                    edits.push(Command::RemoveDepartment(d.id));
                }
            }
        });
        text(
            ui,
            edits,
            ("department", d.id),
            T::Department.text(lang),
            &d.name,
            false,
            |v| Command::RenameDepartment(d.id, v),
        );
    }
    if ui
        .button(format!("＋ {}", T::AddDepartment.text(lang)))
        .clicked()
    {
        edits.push(Command::AddDepartment(
            n,
            Department {
                id: DepartmentId(j.next_id),
                name: T::NewDepartment.text(lang).to_owned(),
                colour: department_colour(n),
            },
        ));
    }
    ask
}

/// One row of the list: which step, and the initiative.
struct Row<'a> {
    step: &'a Step,
    initiative: &'a Initiative,
}

/// The 施策 tab: the departments, the department highlighted on the canvas, then every
/// initiative grouped by department or by phase, filtered by department and status;
/// clicking one selects its step and centres it.
pub fn tab(
    ui: &mut Ui,
    j: &Journey,
    view: &mut ListView,
    highlight: &mut Option<DepartmentId>,
    lang: Lang,
    edits: &mut Edits,
) -> Ask {
    let ask = egui::CollapsingHeader::new(T::Departments.text(lang))
        .default_open(j.departments.is_empty())
        .show(ui, |ui| departments(ui, j, lang, edits))
        .body_returned
        .unwrap_or(Ask::Nothing);
    if !j.departments.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(T::HighlightDepartment.text(lang));
            let shown = highlight.map_or_else(
                || T::NoHighlight.text(lang).to_owned(),
                |id| department_name(j, Some(id), lang),
            );
            ComboBox::from_id_salt("initiatives-highlight")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(highlight, None, T::NoHighlight.text(lang));
                    for d in &j.departments {
                        ui.selectable_value(highlight, Some(d.id), &d.name);
                    }
                });
        });
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut view.by_phase, false, T::GroupByDepartment.text(lang));
        ui.selectable_value(&mut view.by_phase, true, T::GroupByPhase.text(lang));
    });
    ui.horizontal_wrapped(|ui| {
        let shown = view.department.map_or_else(
            || T::AllDepartments.text(lang).to_owned(),
            |id| department_name(j, Some(id), lang),
        );
        ComboBox::from_id_salt("initiatives-department")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.department, None, T::AllDepartments.text(lang));
                for d in &j.departments {
                    ui.selectable_value(&mut view.department, Some(d.id), &d.name);
                }
            });
        let shown = view
            .status
            .map_or(T::AllStatuses.text(lang), |s| status_label(s, lang));
        ComboBox::from_id_salt("initiatives-status")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.status, None, T::AllStatuses.text(lang));
                for s in Status::ALL {
                    ui.selectable_value(&mut view.status, Some(s), status_label(s, lang));
                }
            });
    });
    ui.separator();
    let rows: Vec<Row<'_>> = j
        .journey_order()
        .into_iter()
        .flat_map(|step| {
            step.initiatives
                .iter()
                .map(move |initiative| Row { step, initiative })
        })
        .filter(|r| {
            view.department
                .is_none_or(|d| r.initiative.department == Some(d))
        })
        .filter(|r| view.status.is_none_or(|s| r.initiative.status == s))
        .collect();
    if rows.is_empty() {
        ui.weak(T::NoInitiatives.text(lang));
        return ask;
    }
    // Groups in the order of their lanes (departments) or of time (phases); rows in
    // journey order within each.
    let groups: Vec<(String, Option<Rgb>, Vec<&Row<'_>>)> = if view.by_phase {
        let mut groups: Vec<(String, Option<Rgb>, Vec<&Row<'_>>)> = j
            .phases
            .iter()
            .map(|p| (p.name.clone(), Some(p.colour), Vec::new()))
            .collect();
        let mut outside = Vec::new();
        for r in &rows {
            match j
                .phases
                .iter()
                .position(|p| p.start <= r.step.t && r.step.t < p.end)
            {
                Some(i) => groups[i].2.push(r),
                None => outside.push(r),
            }
        }
        groups.push(("—".to_owned(), None, outside));
        groups
    } else {
        let mut groups: Vec<(String, Option<Rgb>, Vec<&Row<'_>>)> = j
            .departments
            .iter()
            .map(|d| (d.name.clone(), Some(d.colour), Vec::new()))
            .collect();
        let mut none = Vec::new();
        for r in &rows {
            match r.initiative.department.and_then(|d| j.department_index(d)) {
                Some(i) => groups[i].2.push(r),
                None => none.push(r),
            }
        }
        groups.push((T::NoDepartment.text(lang).to_owned(), None, none));
        groups
    };
    for (name, colour, rows) in groups.iter().filter(|g| !g.2.is_empty()) {
        ui.horizontal(|ui| {
            if let Some(c) = colour {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(
                    rect,
                    2.0,
                    egui::Color32::from_rgb(c.0[0], c.0[1], c.0[2]),
                );
            }
            ui.strong(format!("{name} ({})", rows.len()));
        });
        for r in rows {
            let line = format!(
                "{} {} — {} · {}",
                match r.initiative.kind {
                    InitiativeKind::Initiative => "■",
                    InitiativeKind::Message => "◆",
                },
                r.initiative.text,
                r.step.title,
                status_label(r.initiative.status, lang),
            );
            if ui.link(line).clicked() {
                edits.focus = Some(r.step.id);
            }
        }
        ui.add_space(4.0);
    }
    ask
}
