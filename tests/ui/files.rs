//! Files: save, open (broken files too), close with unsaved changes, dropped files, templates.

use crate::common::App;
use crate::helpers::{CTRL, PAUSE, app, app_with, assert_same, example, journey, selection};
use crate::input::{click_card, menu_path, press};
use crate::screen::viewport_commands;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::files::ScriptedDialogs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

// ---------------------------------------------------------------- save and open

#[test]
fn an_edit_marks_the_title_unsaved_and_ctrl_s_saves_a_file_that_loads_back_equal() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("saved.kaidan.ron");
    let mut h = app_with(ScriptedDialogs {
        open: Vec::new(),
        save: vec![path.clone()],
        ..ScriptedDialogs::default()
    });
    assert!(
        !h.state().window_title().starts_with("● "),
        "clean at first"
    );
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let title = h.state().window_title();
    assert!(
        title.starts_with("● "),
        "unsaved mark after an edit: {title}"
    );

    press(&mut h, CTRL, Key::S);

    assert!(path.is_file(), "saved to the path the dialog gave");
    let title = h.state().window_title();
    assert!(!title.starts_with("● "), "mark gone after saving: {title}");
    assert!(
        title.starts_with("saved.kaidan.ron"),
        "named after the file: {title}"
    );
    assert_eq!(h.state().document().path(), Some(path.as_path()));
    let loaded = kaidan::io::load(&path).expect("the saved file loads");
    assert_same(&loaded, &journey(&h), "the file holds the document");
}

/// Writes the example with a syntax error (a string where `t` needs a number); returns the
/// path and the 1-based line and column of the error.
fn write_broken(dir: &Path) -> (std::path::PathBuf, usize, usize) {
    let good = kaidan::bundled::TEINEI.text;
    assert_eq!(good.matches("t: 4.5,").count(), 1, "set-up: one t: 4.5");
    let text = good.replace("t: 4.5,", "t: \"four\",");
    let at = text.find("\"four\"").expect("placed above");
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    let path = dir.join("broken.kaidan.ron");
    std::fs::write(&path, text).expect("write the broken file");
    (path, line, column)
}

#[test]
fn ctrl_o_on_a_broken_file_shows_its_line_and_column_and_keeps_the_document() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, line, column) = write_broken(dir.path());
    let mut h = app_with(ScriptedDialogs {
        open: vec![path.clone()],
        save: Vec::new(),
        ..ScriptedDialogs::default()
    });
    let before = journey(&h);

    press(&mut h, CTRL, Key::O);

    let error = h
        .state()
        .error_dialog()
        .expect("an error dialog")
        .to_owned();
    let at = format!("{}:{line}:{column}", path.display());
    assert!(error.contains(&at), "names {at}: {error}");
    assert_same(&journey(&h), &before, "the document is unchanged");
    assert_eq!(
        h.state().document().path(),
        None,
        "still the unsaved example"
    );
    assert!(h.state().document().history().undo_description().is_none());

    // The dialog is on screen, with the position, and closes with its button.
    let _shown = h.get_by_label_contains(&format!(":{line}:{column}"));
    h.get_by_label("閉じる").click();
    h.run();
    assert!(h.state().error_dialog().is_none(), "dialog closed");
}

#[test]
fn ctrl_o_with_unsaved_changes_asks_first_and_a_broken_file_keeps_the_edits() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, line, column) = write_broken(dir.path());
    let mut h = app_with(ScriptedDialogs {
        open: vec![path.clone()],
        save: Vec::new(),
        ..ScriptedDialogs::default()
    });
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let edited = journey(&h);

    press(&mut h, CTRL, Key::O);
    assert!(
        h.state().asks_to_save(),
        "asks before replacing unsaved work"
    );
    h.get_by_label("保存しない").click();
    h.run();

    let error = h
        .state()
        .error_dialog()
        .expect("an error dialog")
        .to_owned();
    assert!(error.contains(&format!(":{line}:{column}")), "{error}");
    assert_same(&journey(&h), &edited, "the edited document stays");
    assert!(h.state().window_title().starts_with("● "), "still unsaved");
}

// ---------------------------------------------------------------- closing the window

/// The window's close button, as the integration reports it: a `Close` event on the root
/// viewport for one frame. Returns the commands the app sent back in that frame.
fn request_close(h: &mut App) -> Vec<ViewportCommand> {
    h.input_mut()
        .viewports
        .get_mut(&ViewportId::ROOT)
        .expect("root viewport")
        .events
        .push(ViewportEvent::Close);
    h.step();
    let commands = viewport_commands(h);
    h.run();
    commands
}

fn cancels_close(commands: &[ViewportCommand]) -> bool {
    commands
        .iter()
        .any(|c| matches!(c, ViewportCommand::CancelClose))
}

#[test]
fn closing_with_unsaved_changes_asks_to_save_instead_of_closing() {
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let edited = journey(&h);

    let sent = request_close(&mut h);

    assert!(cancels_close(&sent), "the close is cancelled: {sent:?}");
    assert!(h.state().asks_to_save(), "the app asks instead");
    let _shown = h.get_by_label("保存されていない変更");

    // Cancel: back to editing, nothing lost.
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(!h.state().asks_to_save());
    assert_same(&journey(&h), &edited, "the edit is still there");

    // Asked again, "don't save" closes the window for real.
    assert!(cancels_close(&request_close(&mut h)), "asks again");
    h.get_by_label("保存しない").click();
    h.step(); // hover, press, release: the release frame is the click's
    let sent = viewport_commands(&h);
    assert!(
        sent.iter().any(|c| matches!(c, ViewportCommand::Close)),
        "the window is told to close: {sent:?}"
    );
    h.run();
    let sent = request_close(&mut h);
    assert!(!cancels_close(&sent), "and lets it: {sent:?}");
    assert!(!h.state().asks_to_save());
}

#[test]
fn closing_without_changes_closes_without_asking() {
    let mut h = app();
    let sent = request_close(&mut h);
    assert!(!cancels_close(&sent), "not cancelled: {sent:?}");
    assert!(!h.state().asks_to_save(), "no dialog");
    assert!(h.query_by_label("保存されていない変更").is_none());
}

// ---------------------------------------------------------------- dropped files

/// A file dropped by the desktop, as `egui-winit` hands it over: a path on this machine.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops the file at `path` onto the window (it arrives with the next frame's input).
fn drop_file(h: &mut App, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.to_owned())));
    h.run();
}

fn write_loyalty_loop(dir: &Path) -> PathBuf {
    let path = dir.join("loyalty.kaidan.ron");
    std::fs::write(&path, kaidan::bundled::LOYALTY_LOOP.text).expect("write the example");
    path
}

#[test]
fn dropping_a_project_file_opens_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_loyalty_loop(dir.path());
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);

    drop_file(&mut h, &path);

    assert_same(
        &journey(&h),
        &kaidan::io::load(&path).expect("the file loads"),
        "the document is the dropped file",
    );
    assert_eq!(h.state().document().path(), Some(path.as_path()));
    assert!(
        h.state().window_title().starts_with("loyalty.kaidan.ron"),
        "{}",
        h.state().window_title()
    );
    assert!(h.state().document().history().undo_description().is_none());
    assert!(selection(&h).is_empty(), "a fresh view");
}

#[test]
fn dropping_a_file_over_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_loyalty_loop(dir.path());
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let edited = journey(&h);

    drop_file(&mut h, &path);
    assert!(
        h.state().asks_to_save(),
        "asks before replacing unsaved work"
    );
    assert_same(&journey(&h), &edited, "not replaced yet");

    h.get_by_label("保存しない").click();
    h.run();
    assert_eq!(h.state().document().path(), Some(path.as_path()), "opened");
    assert_same(
        &journey(&h),
        &example(&kaidan::bundled::LOYALTY_LOOP),
        "the dropped journey",
    );
}

#[test]
fn dropping_a_broken_file_shows_the_error_and_keeps_the_document() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, line, column) = write_broken(dir.path());
    let mut h = app();
    let before = journey(&h);

    drop_file(&mut h, &path);

    let error = h
        .state()
        .error_dialog()
        .expect("an error dialog")
        .to_owned();
    assert!(error.contains(&format!(":{line}:{column}")), "{error}");
    let _shown = h.get_by_label_contains(&format!(":{line}:{column}"));
    assert_same(&journey(&h), &before, "the document is unchanged");
    assert_eq!(
        h.state().document().path(),
        None,
        "still the unsaved example"
    );
}

// ---------------------------------------------------------------- templates

#[test]
fn new_from_template_asks_about_unsaved_changes_then_opens_it_untitled() {
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let edited = journey(&h);

    menu_path(
        &mut h,
        &[
            "ファイル",
            "テンプレートから新規",
            "loyalty-loop.kaidan.ron",
        ],
    );

    assert!(
        h.state().asks_to_save(),
        "asks before replacing unsaved work"
    );
    assert_same(&journey(&h), &edited, "not replaced yet");
    h.get_by_label("保存しない").click();
    h.run();

    assert_same(
        &journey(&h),
        &example(&kaidan::bundled::LOYALTY_LOOP),
        "the template",
    );
    assert_eq!(h.state().document().path(), None, "untitled: no file yet");
    let title = h.state().window_title();
    assert!(title.starts_with("無題"), "{title}");
    assert!(h.state().document().history().undo_description().is_none());

    // With nothing unsaved, the next template replaces it straight away.
    menu_path(
        &mut h,
        &["ファイル", "テンプレートから新規", "teinei.kaidan.ron"],
    );
    assert!(!h.state().asks_to_save(), "nothing to ask about");
    assert_same(
        &journey(&h),
        &example(&kaidan::bundled::TEINEI),
        "the other template",
    );
    assert_eq!(h.state().document().path(), None);
}
