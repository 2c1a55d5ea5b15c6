//! Shared set-up and checks, and the two patterns most tests follow: refused and undoable edits.

use crate::common::{self, App};
use crate::input::{click_card, press};
use egui::{Key, Modifiers};
use kaidan::app::KaidanApp;
use kaidan::app::files::ScriptedDialogs;
use kaidan::model::{Journey, StepId};
use std::collections::BTreeSet;

// Steps of the bundled example used by the tests.
/// 「無料サンプルを申し込む」: t 6.5, level 3.
pub const SAMPLE: StepId = StepId(24);
/// 「初回限定価格で購入する」: t 9.0, level 4; not linked from `SAMPLE`.
pub const BUY: StepId = StepId(26);
/// 「定期コースに切り替える」: t 12.0, level 5; leads to `PAUSE`.
pub const SUBSCRIBE: StepId = StepId(28);
/// 「飽きて休止する」: t 13.0, level 4; follows `SUBSCRIBE`, leads to step 30 (t 14.5).
pub const PAUSE: StepId = StepId(29);
pub const PAUSE_TITLE: &str = "飽きて休止する";

/// Ctrl as a Linux keyboard reports it (shared with the other UI test binaries).
pub use super::common::CTRL;
pub const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..CTRL
};

// ---------------------------------------------------------------- set-up

/// The editor on `journey` (unsaved), in Japanese, answering file dialogs from `dialogs`,
/// in a 1400×900 window, after the first frames (camera fitted).
pub fn app_on(journey: Journey, dialogs: ScriptedDialogs) -> App {
    let app = KaidanApp::new(journey, None, common::settings(), Box::new(dialogs));
    let h = common::harness(app);
    assert!(
        !h.state().view().fit_requested,
        "set-up: the camera is fitted"
    );
    h
}

/// The editor on the bundled example, answering file dialogs from `dialogs`.
pub fn app_with(dialogs: ScriptedDialogs) -> App {
    app_on(example(&kaidan::bundled::TEINEI), dialogs)
}

pub fn example(bundled: &kaidan::bundled::Bundled) -> Journey {
    bundled.load().expect("the bundled example loads")
}

pub fn app() -> App {
    app_with(ScriptedDialogs::default())
}

pub fn journey(h: &App) -> Journey {
    h.state().document().journey().clone()
}

pub fn selection(h: &App) -> BTreeSet<StepId> {
    h.state().view().selection.clone()
}

pub fn title_of(h: &App, id: StepId) -> String {
    h.state()
        .document()
        .journey()
        .step(id)
        .map(|s| s.title.clone())
        .expect("step exists")
}

// ---------------------------------------------------------------- checks

/// Fails with the first lines where the two journeys differ (as saved), not two dumps.
#[track_caller]
pub fn assert_same(actual: &Journey, expected: &Journey, what: &str) {
    if actual == expected {
        return;
    }
    let (a, e) = (
        kaidan::io::to_string(actual),
        kaidan::io::to_string(expected),
    );
    let diff: Vec<String> = a
        .lines()
        .zip(e.lines())
        .enumerate()
        .filter(|(_, (a, e))| a != e)
        .take(6)
        .map(|(i, (a, e))| format!("line {}: got {a:?}, expected {e:?}", i + 1))
        .collect();
    panic!(
        "{what}: the journeys differ ({} vs {} lines as saved)\n{}",
        a.lines().count(),
        e.lines().count(),
        diff.join("\n")
    );
}

/// Undo with Ctrl+Z gives `before`; redo with Ctrl+Shift+Z and with Ctrl+Y gives `after`.
#[track_caller]
pub fn assert_undo_redo(h: &mut App, before: &Journey, after: &Journey) {
    assert_same(&journey(h), after, "set-up: the edit was made");
    press(h, CTRL, Key::Z);
    assert_same(&journey(h), before, "Ctrl+Z restores");
    press(h, CTRL_SHIFT, Key::Z);
    assert_same(&journey(h), after, "Ctrl+Shift+Z reapplies");
    press(h, CTRL, Key::Z);
    assert_same(&journey(h), before, "Ctrl+Z restores again");
    press(h, CTRL, Key::Y);
    assert_same(&journey(h), after, "Ctrl+Y reapplies");
}

// ---------------------------------------------------------------- refused and undoable edits

/// Does `act`, an edit the app must refuse, and fails unless the journey is as it was and a
/// message over the canvas says why, in the UI's language (Japanese here), not half in
/// English. Returns the message, for the test to check what it says.
#[track_caller]
pub fn assert_refused(h: &mut App, act: impl FnOnce(&mut App)) -> String {
    let before = journey(h);
    act(h);
    assert_same(
        &journey(h),
        &before,
        "a refused edit leaves the journey as it was",
    );
    let message = h.state().message().expect("a message says why").to_owned();
    assert!(!message.contains("cannot"), "message: {message}");
    message
}

/// One edit, checked, then undone and redone: does `act`, hands `check` the app (its view
/// as `act` left it) with the journeys before and after, then [`assert_undo_redo`].
/// Returns the journey after the edit.
#[track_caller]
pub fn act_undo(
    h: &mut App,
    act: impl FnOnce(&mut App),
    check: impl FnOnce(&App, &Journey, &Journey),
) -> Journey {
    let before = journey(h);
    act(h);
    let after = journey(h);
    check(h, &before, &after);
    assert_undo_redo(h, &before, &after);
    after
}

/// Selects `ids` — a click on the first one's card, Shift+clicks on the others' — checks
/// that exactly they are selected, then [`act_undo`].
#[track_caller]
pub fn select_act_undo(
    h: &mut App,
    ids: &[StepId],
    act: impl FnOnce(&mut App),
    check: impl FnOnce(&App, &Journey, &Journey),
) -> Journey {
    let (first, others) = ids.split_first().expect("at least one step to select");
    click_card(h, *first, Modifiers::NONE);
    for id in others {
        click_card(h, *id, Modifiers::SHIFT);
    }
    assert_eq!(
        selection(h),
        ids.iter().copied().collect::<BTreeSet<_>>(),
        "set-up: the clicks selected these steps"
    );
    act_undo(h, act, check)
}
