//! The eframe application. Reads the document, emits [`crate::edit::Command`]s, never
//! mutates the journey directly.

use crate::bundled;
use crate::io::LoadError;
use crate::model::Journey;
use std::path::PathBuf;

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The file given on the command line could not be opened.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The window could not be created (no display, no graphics driver).
    #[error("cannot open a window: {0}")]
    Window(String),
}

/// The editor: one journey and where it came from.
pub struct KaidanApp {
    journey: Journey,
    path: Option<PathBuf>,
}

impl KaidanApp {
    /// An app showing `journey`, loaded from `path` (or unsaved).
    #[must_use]
    pub fn new(journey: Journey, path: Option<PathBuf>) -> Self {
        Self { journey, path }
    }

    /// Installs the bundled fonts; call once per egui context.
    pub fn setup(ctx: &egui::Context) {
        ctx.set_fonts(crate::fonts::definitions());
        ctx.set_theme(egui::Theme::Light);
    }

    fn window_title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| "無題".to_owned(), |n| n.to_string_lossy().into_owned());
        format!("{name} — Kaidan")
    }

    /// Draws one frame into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let j = &self.journey;
        ui.heading(&j.title);
        ui.label(format!(
            "フェーズ {} · レベル {} · ステップ {} · リンク {} · 下降 {}",
            j.phases.len(),
            j.levels.len(),
            j.steps.len(),
            j.links.len(),
            j.descending_links().count()
        ));
    }
}

impl eframe::App for KaidanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));
        egui::CentralPanel::default().show(ui, |ui| self.ui(ui));
    }
}

/// Opens the editor window on `file`, or on the bundled example journey.
pub fn run(file: Option<PathBuf>) -> Result<(), StartError> {
    let journey = match &file {
        Some(path) => crate::io::load(path)?,
        None => bundled::TEINEI.load()?,
    };
    let app = KaidanApp::new(journey, file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title(app.window_title()),
        ..Default::default()
    };
    eframe::run_native(
        "Kaidan",
        options,
        Box::new(|cc| {
            KaidanApp::setup(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| StartError::Window(e.to_string()))
}
