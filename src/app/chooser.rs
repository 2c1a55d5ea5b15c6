//! The in-app file chooser (`egui_file`), for systems whose own file dialog cannot be shown
//! (see [`super::files::Unavailable`]): without it, Open, Save As, import and export would do
//! nothing and say nothing. It lives over the window for several frames; what was asked for
//! is kept in its [`Purpose`] and carried out once a path is chosen.

use super::Pending;
use crate::export::Format;
use crate::i18n::{Lang, T};
use egui_file::FileDialog;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// What a file was asked for.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Purpose {
    /// A project to open.
    Open,
    /// Where to save the project, and what to do once it is saved.
    Save(Option<Pending>),
    /// A survey CSV to import.
    Csv,
    /// A CRM event log to import.
    Events,
    /// Where to write an export in this format.
    Export(Format),
    /// A folder for a deck of PNG or SVG slides.
    Folder,
}

/// The chooser while it is open.
pub(super) struct Chooser {
    /// What the path is for.
    pub(super) purpose: Purpose,
    dialog: FileDialog,
}

/// What the chooser did this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    /// Still open.
    Open,
    /// Closed without a choice.
    Cancelled,
    /// A path was chosen.
    Chosen(PathBuf),
}

impl Chooser {
    /// A chooser for `purpose`, suggesting `file_name` for a new file, in `lang`, starting in
    /// `folder` (the present project's, or the working directory).
    #[must_use]
    pub(super) fn new(
        purpose: Purpose,
        file_name: &str,
        folder: Option<&Path>,
        lang: Lang,
    ) -> Self {
        let t = |key: T| Cow::Borrowed(key.text(lang));
        let extensions: &'static [&'static str] = match &purpose {
            Purpose::Open | Purpose::Save(_) => &["ron"],
            Purpose::Csv | Purpose::Events => &["csv", "txt", "tsv"],
            Purpose::Export(format) => match format {
                Format::Png => &["png"],
                Format::Pdf => &["pdf"],
                Format::Svg => &["svg"],
            },
            Purpose::Folder => &[],
        };
        let (mut dialog, title) = match &purpose {
            Purpose::Open => (FileDialog::open_file(), T::Open),
            Purpose::Csv => (FileDialog::open_file(), T::ImportNps),
            Purpose::Events => (FileDialog::open_file(), T::ImportEvents),
            Purpose::Save(_) => (FileDialog::save_file(), T::SaveAs),
            Purpose::Export(_) => (FileDialog::save_file(), T::ExportPng),
            Purpose::Folder => (FileDialog::select_folder(), T::ChooseFolder),
        };
        if !extensions.is_empty() {
            dialog = dialog.show_files_filter(Box::new(move |path: &Path| {
                path.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
            }));
        }
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        if !file_name.is_empty() {
            dialog = dialog.default_filename(file_name);
        }
        let mut dialog = dialog
            .title(title.text(lang))
            .open_button_text(t(T::ChooserOpen))
            .save_button_text(t(T::Save))
            .cancel_button_text(t(T::Cancel))
            .new_folder_button_text(t(T::ChooserNewFolder))
            .new_folder_name_text(t(T::ChooserNewFolderName))
            .rename_button_text(t(T::ChooserRename))
            .refresh_button_hover_text(t(T::ChooserRefresh))
            .parent_folder_button_hover_text(t(T::ChooserParent))
            .file_label_text(t(T::ChooserFile))
            .show_hidden_checkbox_text(t(T::ChooserHidden))
            .default_size([640.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .keep_on_top(true);
        dialog.open();
        Self { purpose, dialog }
    }

    /// Shows the chooser; says whether a path was chosen.
    pub(super) fn show(&mut self, ctx: &egui::Context) -> Answer {
        self.dialog.show(ctx);
        match self.dialog.state() {
            egui_file::State::Open => Answer::Open,
            egui_file::State::Selected => self
                .dialog
                .path()
                .map_or(Answer::Cancelled, |p| Answer::Chosen(p.to_owned())),
            egui_file::State::Cancelled | egui_file::State::Closed => Answer::Cancelled,
        }
    }
}
