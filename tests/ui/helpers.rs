//! Shared set-up and checks, and the two patterns most tests follow: refused and undoable edits.

use crate::common::{self, App};
use crate::input::press;
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

/// Ctrl as a Linux keyboard reports it: `ctrl`, and `command` (Ctrl on non-Mac).
pub const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};
pub const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..CTRL
};

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
