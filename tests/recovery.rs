//! Autosave and crash recovery, through the file system (`io::recovery` on real folders,
//! session locks held and released as by real processes) and through the editor
//! (`egui_kittest`: real key presses and clicks, time advanced as egui sees it).
//!
//! A crash is an app dropped without `end_session` (what eframe's `on_exit` calls): its
//! recovery copy stays in the folder and its session lock is released, exactly as when the
//! process dies.

mod common;

use common::App;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::KaidanApp;
use kaidan::app::files::ScriptedDialogs;
use kaidan::i18n::{Lang, T};
use kaidan::io::recovery::{RecoveryCopy, RecoveryStore};
use kaidan::io::{self};
use kaidan::model::Journey;
use std::path::{Path, PathBuf};

const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

/// The title typed for the step every editing test adds.
const NEW_TITLE: &str = "朝の試飲会";

fn teinei() -> Journey {
    kaidan::bundled::TEINEI.load().expect("bundled example")
}

/// Every file in `dir`, by name, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn copies_in(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".kaidan-recovery.ron"))
        .collect()
}

// ---------------------------------------------------------------- the folder

#[test]
fn a_running_session_s_copies_are_left_alone_and_a_crashed_one_s_are_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journey = teinei();
    let original = dir.path().join("teinei.kaidan.ron");
    let first = RecoveryStore::open(dir.path()).expect("first session");
    first
        .write(0, Some(&original), &journey)
        .expect("write a copy");
    let second = RecoveryStore::open(dir.path()).expect("second session");
    assert_eq!(
        second.orphans(),
        vec![],
        "the first session is still running: its copy is not offered"
    );
    drop(first); // the process dies: its lock goes, its copy stays
    let offered = second.orphans();
    assert_eq!(offered.len(), 1, "{offered:?}");
    let copy = &offered[0];
    assert_eq!(copy.title, journey.title);
    assert_eq!(copy.original.as_deref(), Some(original.as_path()));
    assert!(copy.written <= jiff::Timestamp::now());
    assert_eq!(copy.load().expect("the copy loads"), journey);
    copy.discard().expect("discard");
    assert_eq!(
        names(dir.path()).len(),
        1,
        "the copy and the dead session's lock are gone, only the live lock stays: {:?}",
        names(dir.path())
    );
    assert_eq!(second.orphans(), vec![]);
}

#[test]
fn a_clean_close_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::open(dir.path()).expect("session");
    store.write(0, None, &teinei()).expect("write");
    assert_eq!(copies_in(dir.path()).len(), 1);
    store.close().expect("close");
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn an_unreadable_copy_is_still_offered_and_restoring_it_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("4242-dead-0.kaidan-recovery.ron"),
        "(recovery_version: 1, proj",
    )
    .expect("write");
    let store = RecoveryStore::open(dir.path()).expect("session");
    let offered = store.orphans();
    assert_eq!(offered.len(), 1, "nothing is hidden from the user");
    assert!(offered[0].load().is_err());
}

// ---------------------------------------------------------------- the editor

/// The editor on the project `file` (loaded from it), with its recovery copies in `dir`.
fn editor(file: Option<&Path>, dir: &Path) -> App {
    let store = RecoveryStore::open(dir).expect("recovery folder");
    let (journey, path) = match file {
        Some(f) => (io::load(f).expect("project loads"), Some(f.to_owned())),
        None => (teinei(), None),
    };
    let app = KaidanApp::new(
        journey,
        path,
        common::settings(),
        Box::new(ScriptedDialogs::default()),
    )
    .with_recovery(store);
    common::harness(app)
}

/// Moves egui's clock `secs` seconds on (one frame at that time), then lets a backup being
/// written finish.
fn advance(h: &mut App, secs: f64) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + secs);
    h.step();
    h.input_mut().time = None;
    for _ in 0..500 {
        h.step();
        if !h.state().autosave_busy() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the backup is still being written after 2.5 s");
}

/// Adds a step with N and names it, as a user would.
fn add_step(h: &mut App) {
    h.key_press(Key::N);
    h.run();
    h.event(Event::Text(NEW_TITLE.to_owned()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .document()
            .journey()
            .steps
            .iter()
            .any(|s| s.title == NEW_TITLE),
        "set-up: the step was added and named"
    );
}

/// The journey in the only recovery copy in `dir`.
fn copy_in(dir: &Path) -> Journey {
    let copies = copies_in(dir);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = RecoveryCopy::read(dir.join(&copies[0]));
    let journey = copy.load().expect("the copy loads");
    assert!(
        journey.steps.iter().any(|s| s.title == NEW_TITLE),
        "the copy holds the latest edit"
    );
    journey
}

fn project_in(dir: &Path) -> PathBuf {
    let path = dir.join("teinei.kaidan.ron");
    io::save(&path, &teinei()).expect("save the user's project");
    path
}

#[test]
fn unsaved_work_is_backed_up_within_the_interval_and_never_over_the_users_file() {
    let work = tempfile::tempdir().expect("tempdir");
    let recovery = work.path().join("recovery");
    let project = project_in(work.path());
    let users_bytes = std::fs::read(&project).expect("read");
    let mut h = editor(Some(&project), &recovery);
    add_step(&mut h);
    advance(&mut h, 29.0);
    assert_eq!(copies_in(&recovery), Vec::<String>::new(), "not yet due");
    advance(&mut h, 2.0);
    let copy = copy_in(&recovery);
    assert_eq!(&copy, h.state().document().journey());
    assert_eq!(
        std::fs::read(&project).expect("read"),
        users_bytes,
        "the user's file is only written when they save"
    );
    // Saving makes the backup pointless: it goes.
    h.key_press_modifiers(CTRL, Key::S);
    h.run();
    assert!(!h.state().window_title().starts_with("● "), "saved");
    assert_ne!(std::fs::read(&project).expect("read"), users_bytes);
    assert_eq!(copies_in(&recovery), Vec::<String>::new());
}

#[test]
fn a_backup_follows_later_edits_and_goes_when_undo_returns_to_the_saved_state() {
    let work = tempfile::tempdir().expect("tempdir");
    let recovery = work.path().join("recovery");
    let project = project_in(work.path());
    let mut h = editor(Some(&project), &recovery);
    add_step(&mut h);
    advance(&mut h, 31.0);
    assert_eq!(copies_in(&recovery).len(), 1);
    // Three undos take back the rename and the step: the document is as saved.
    for _ in 0..3 {
        h.key_press_modifiers(CTRL, Key::Z);
        h.run();
    }
    assert!(
        !h.state().document().is_dirty(),
        "set-up: back at the saved state"
    );
    advance(&mut h, 1.0);
    assert_eq!(copies_in(&recovery), Vec::<String>::new());
}

#[test]
fn after_a_crash_the_next_start_offers_the_backup_and_restores_it_unsaved() {
    let work = tempfile::tempdir().expect("tempdir");
    let recovery = work.path().join("recovery");
    let project = project_in(work.path());
    let users_bytes = std::fs::read(&project).expect("read");
    let mut first = editor(Some(&project), &recovery);
    add_step(&mut first);
    advance(&mut first, 31.0);
    let edited = first.state().document().journey().clone();
    drop(first); // crash: no end_session

    let mut h = editor(None, &recovery);
    let offered: Vec<RecoveryCopy> = h.state().recovery_dialog().expect("offered").to_vec();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].original.as_deref(), Some(project.as_path()));
    // The dialog shows its title, where it belongs and when it was written.
    h.get_by_label_contains(&edited.title);
    h.get_by_label_contains(&project.display().to_string());
    h.get_by_label_contains(&kaidan::app::recovery::local_time(offered[0].written));

    h.get_by_label(T::Restore.text(Lang::Ja)).click();
    h.run();
    assert_eq!(h.state().recovery_dialog(), None, "the dialog closed");
    let doc = h.state().document();
    assert_eq!(doc.journey(), &edited, "the work is back");
    assert!(
        doc.is_dirty(),
        "restored work is unsaved until the user saves"
    );
    assert_eq!(
        doc.path(),
        Some(project.as_path()),
        "and belongs to its file"
    );
    assert_eq!(
        std::fs::read(&project).expect("read"),
        users_bytes,
        "restoring writes no user file"
    );
    // The running session took the copy over at once: one copy, not the crashed one's.
    let copies = copies_in(&recovery);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        !offered[0].file.exists(),
        "the crashed session's copy is gone"
    );
    // A clean end of the session leaves nothing.
    h.state_mut().end_session();
    assert_eq!(names(&recovery), Vec::<String>::new());
}

#[test]
fn a_crashed_untitled_journey_is_offered_and_can_be_discarded() {
    let work = tempfile::tempdir().expect("tempdir");
    let recovery = work.path().join("recovery");
    let mut first = editor(None, &recovery);
    add_step(&mut first);
    advance(&mut first, 31.0);
    drop(first);

    let mut h = editor(None, &recovery);
    let offered = h.state().recovery_dialog().expect("offered").to_vec();
    assert_eq!(offered[0].original, None);
    h.get_by_label_contains(T::NeverSaved.text(Lang::Ja));
    h.get_by_label(T::Discard.text(Lang::Ja)).click();
    h.run();
    assert_eq!(h.state().recovery_dialog(), None, "nothing left to offer");
    assert_eq!(copies_in(&recovery), Vec::<String>::new());
    assert!(
        !h.state().document().is_dirty(),
        "the open document is untouched"
    );
}

#[test]
fn the_autosave_interval_is_a_setting_in_the_file_menu() {
    let work = tempfile::tempdir().expect("tempdir");
    let recovery = work.path().join("recovery");
    let mut h = editor(None, &recovery);
    h.get_by_label(T::File.text(Lang::Ja)).click();
    h.run();
    h.get_by_label(T::AutosaveInterval.text(Lang::Ja)).hover();
    h.run();
    h.get_by_label(&format!("10 {}", T::Seconds.text(Lang::Ja)))
        .click();
    h.run();
    assert_eq!(h.state().settings.autosave_secs, 10);
    h.key_press(Key::Escape);
    h.run();
    add_step(&mut h);
    advance(&mut h, 9.0);
    assert_eq!(copies_in(&recovery), Vec::<String>::new(), "not yet due");
    advance(&mut h, 2.0);
    assert_eq!(copies_in(&recovery).len(), 1);
}
