//! The form both CSV import dialogs show (NPS answers, a CRM event log): the file, what it
//! must hold, the wave's name (Enter imports), why the last try imported nothing, Import and
//! Cancel; Esc or a click beside it cancels.

use crate::i18n::{Lang, T};
use crate::paint::nps::DETRACTOR;
use egui::RichText;
use std::path::Path;

/// What the user did in an import dialog this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Still deciding.
    Open,
    /// Import now.
    Import,
    /// Closed without importing.
    Cancel,
}

/// One import dialog's words and state.
pub struct Form<'a> {
    /// The modal's id.
    pub id: &'static str,
    /// Its heading.
    pub title: T,
    /// What the file must hold.
    pub help: T,
    /// The name field's label.
    pub name_label: T,
    /// The file chosen.
    pub path: &'a Path,
    /// The wave's name, edited here.
    pub name: &'a mut String,
    /// Whether the name is used (greyed when the file names its own waves).
    pub name_used: bool,
    /// Said under the name, in bold (what becomes of the name), if anything.
    pub note: Option<String>,
    /// Why the last attempt imported nothing.
    pub problems: Option<&'a str>,
}

/// Shows the form.
#[must_use]
pub fn show(ctx: &egui::Context, form: Form<'_>, lang: Lang) -> Answer {
    let mut answer = Answer::Open;
    let modal = egui::Modal::new(egui::Id::unique(form.id)).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading(form.title.text(lang));
        ui.label(RichText::new(form.path.display().to_string()).monospace());
        ui.add(egui::Label::new(form.help.text(lang)).wrap());
        ui.horizontal(|ui| {
            let label = ui.label(form.name_label.text(lang));
            let field = ui
                .add_enabled(form.name_used, egui::TextEdit::singleline(form.name))
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Answer::Import;
            }
        });
        if let Some(note) = form.note {
            ui.add(egui::Label::new(RichText::new(note).strong()).wrap());
        }
        if let Some(problems) = form.problems {
            ui.separator();
            ui.colored_label(DETRACTOR, T::ImportFailed.text(lang));
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() * 0.4).clamp(80.0, 320.0))
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(problems).monospace()).wrap());
                });
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(T::ImportButton.text(lang)).clicked() {
                answer = Answer::Import;
            }
            if ui.button(T::Cancel.text(lang)).clicked() {
                answer = Answer::Cancel;
            }
        });
    });
    if modal.should_close() && answer == Answer::Open {
        answer = Answer::Cancel;
    }
    answer
}
