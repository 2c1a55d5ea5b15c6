//! Export and import glue: the export dialog and its worker, the survey import dialog.

use super::{KaidanApp, Modal, chooser, export_dialog, flow, nps, sanitize};
use crate::i18n::{Localize as _, T};

impl KaidanApp {
    /// The highlighted department, if it still exists: exports show what the canvas shows.
    pub(super) fn highlight(&self) -> Option<crate::model::DepartmentId> {
        self.view
            .highlight
            .filter(|d| self.doc.journey().department(*d).is_some())
    }

    /// The diagram area the canvas shows, for "current view" exports.
    pub(super) fn visible_area(&self) -> Option<egui::Rect> {
        let rect = self.view.canvas_rect?;
        let camera = &self.view.camera;
        Some(egui::Rect::from_two_pos(
            camera.to_diagram(rect.min),
            camera.to_diagram(rect.max),
        ))
    }

    /// The waves the canvas shows, for a slide to show them too.
    fn waves(&self) -> export_dialog::Waves {
        export_dialog::Waves {
            survey: self.view.wave.clone(),
            flow: self.doc.flow_wave().map(str::to_owned),
        }
    }

    /// Starts an export with the remembered choices (unless one is running).
    pub(super) fn start_export(&mut self, target: export_dialog::Target) {
        if self.export_job.is_some() {
            return;
        }
        self.export_job = Some(export_dialog::Job::start(
            self.doc.journey().clone(),
            self.settings.export.clone(),
            self.visible_area(),
            self.highlight(),
            self.waves(),
            self.settings.lang,
            target,
        ));
    }

    /// Shows the export dialog and collects a finished export job.
    pub(super) fn export_ui(&mut self, ctx: &egui::Context) {
        if let Some(job) = self.export_job.take_if(|job| job.is_finished()) {
            let now = ctx.input(|i| i.time);
            match job.join() {
                Ok((export_dialog::Target::File(path), _, written)) => {
                    let what = match written {
                        export_dialog::Written::Page([w, h]) => format!("{w}×{h}"),
                        export_dialog::Written::Slides(n) => {
                            crate::i18n::say!(self.settings.lang, "{n} 枚のスライド", "{n} slides")
                        }
                    };
                    let text = format!("{}: {} ({what})", self.tr(T::Exported), path.display());
                    self.view.show_message(text, now);
                    self.export = None;
                }
                Ok((export_dialog::Target::Clipboard, image, _)) => {
                    if let Some(image) = image {
                        ctx.copy_image(image);
                    }
                    self.view.show_message(self.tr(T::Copied), now);
                    self.export = None;
                }
                Err(body) => {
                    self.modal = Some(Modal::Error {
                        title: T::ExportFailed,
                        body,
                    });
                }
            }
        }
        if self.export_job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        // While the in-app chooser asks where, the dialog steps aside (a modal would block it).
        if self.chooser.is_some() {
            return;
        }
        let area = self.visible_area();
        let highlight = self.highlight();
        let waves = self.waves();
        let Some(dialog) = self.export.as_mut() else {
            return;
        };
        let ask = dialog.show(
            ctx,
            &mut self.settings.export,
            self.doc.journey(),
            area,
            highlight,
            &waves,
            self.settings.lang,
            self.export_job.is_some(),
        );
        match ask {
            export_dialog::Ask::Nothing => {}
            export_dialog::Ask::Close => self.export = None,
            export_dialog::Ask::Copy => self.start_export(export_dialog::Target::Clipboard),
            export_dialog::Ask::Export => {
                let format = self.settings.export.format;
                let name = format!(
                    "{}.{}",
                    sanitize(&self.doc.journey().title),
                    format.extension()
                );
                // A deck of PNG or SVG slides is a folder of them.
                let purpose = if self.settings.export.deck && format != crate::export::Format::Pdf {
                    chooser::Purpose::Folder
                } else {
                    chooser::Purpose::Export(format)
                };
                self.choose(ctx, purpose, &name);
            }
        }
    }

    /// Shows the import dialog, if open, and imports when asked: all or nothing, as one
    /// undo step; on failure the dialog stays open with every problem listed.
    /// Shows the event-log import dialog, if open, and imports when asked: all or nothing,
    /// one undo step; on failure the dialog stays open with every problem listed.
    pub(super) fn events_dialog(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let Some(dialog) = self.events.as_mut() else {
            return;
        };
        match dialog.show(ctx, lang) {
            flow::Answer::Open => {}
            flow::Answer::Cancel => self.events = None,
            flow::Answer::Import => match dialog.prepare(self.doc.journey(), lang) {
                Err(problems) => dialog.problems = Some(problems),
                Ok((command, customers)) => {
                    let wave = dialog.wave.trim().to_owned();
                    let result = self.doc.apply(command);
                    if self.after_edit(ctx, result) {
                        self.events = None;
                        let now = ctx.input(|i| i.time);
                        let text = crate::i18n::say!(
                            lang,
                            "顧客 {customers} 人を顧客フロー「{wave}」に取り込みました",
                            "Imported {customers} customers into customer flow 「{wave}」"
                        );
                        self.view.show_message(text, now);
                    }
                }
            },
        }
    }

    pub(super) fn import_dialog(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let Some(dialog) = self.import.as_mut() else {
            return;
        };
        match dialog.show(ctx, lang) {
            nps::Answer::Open => {}
            nps::Answer::Cancel => self.import = None,
            nps::Answer::Import => match dialog.prepare(self.doc.journey()) {
                Err(e) => dialog.problems = Some(e.localize(lang)),
                Ok(ready) => {
                    let result = self.doc.apply_described(ready.command, ready.description);
                    if self.after_edit(ctx, result) {
                        self.import = None;
                        self.view.wave = Some(ready.wave.clone());
                        self.settings.layers.nps = true;
                        let now = ctx.input(|i| i.time);
                        self.view.show_message(
                            format!(
                                "{}: {} {} → {}",
                                self.tr(T::Imported),
                                ready.answers,
                                self.tr(T::Answers),
                                ready.wave
                            ),
                            now,
                        );
                    }
                }
            },
        }
    }
}
