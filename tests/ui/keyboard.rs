//! Adding and moving steps from the keyboard: Enter adds a linked step, the arrow keys nudge.

use crate::helpers::{
    BUY, CTRL, PAUSE, app, assert_refused, assert_same, example, journey, selection, title_of,
};
use crate::input::{click_card, press, type_text};
use egui::{Key, Modifiers};
use kaidan::model::{Journey, StepId};
use std::collections::BTreeSet;

// ---------------------------------------------------------------- enter

#[test]
fn enter_adds_a_linked_step_a_card_later_on_the_same_level_and_takes_its_title_typed() {
    let mut h = app();
    let before = journey(&h);
    let pause = before.step(PAUSE).expect("step").clone();
    let new_id = StepId(before.next_id);
    let pitch = h.state().document().scene().pitch();
    click_card(&mut h, PAUSE, Modifiers::NONE);

    press(&mut h, Modifiers::NONE, Key::Enter);

    let added = journey(&h);
    let step = added.step(new_id).expect("a step with the next id");
    // A card's width and gap later (2.5 units on the canvas), on the next half unit.
    assert!(pitch >= 2.5, "pitch {pitch}");
    assert!(
        step.t >= pause.t + pitch && step.t < pause.t + pitch + 0.5,
        "a card later: {} after {} (pitch {pitch})",
        step.t,
        pause.t
    );
    assert!(
        (step.t * 2.0).fract().abs() < 1e-9,
        "on a half unit: {}",
        step.t
    );
    assert_eq!(step.level, pause.level, "on the same level");
    assert_eq!(step.title, "新しいステップ");
    assert!(added.link_index(PAUSE, new_id).is_some(), "linked from it");
    assert_eq!(added.steps.len(), before.steps.len() + 1);
    assert_eq!(added.links.len(), before.links.len() + 1, "one link added");
    assert_eq!(selection(&h), BTreeSet::from([new_id]), "new step selected");
    let rename = h.state().view().rename.as_ref().expect("title field open");
    assert_eq!(rename.step, new_id, "on the new step");

    type_text(&mut h, "再開を検討する");
    press(&mut h, Modifiers::NONE, Key::Enter);

    assert_eq!(title_of(&h, new_id), "再開を検討する", "typing named it");
    assert!(h.state().view().rename.is_none(), "Enter closed the field");
    assert_eq!(
        journey(&h).steps.len(),
        added.steps.len(),
        "the second Enter went to the field, not to adding another step"
    );
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &added, "first undo: the name");
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &before, "second undo: the step and its link");
}

#[test]
fn steps_added_with_enter_stay_on_their_levels_row() {
    // From the start (alone on the bottom level): Enter, a name, Enter, three times over.
    let mut h = app();
    let start = journey(&h).steps[0].clone();
    assert_eq!(start.kind, kaidan::model::StepKind::Start);
    click_card(&mut h, start.id, Modifiers::NONE);
    let mut ids = vec![start.id];
    for name in ["店頭で見かける", "友人に聞く", "試供品をもらう"] {
        ids.push(StepId(journey(&h).next_id));
        press(&mut h, Modifiers::NONE, Key::Enter);
        type_text(&mut h, name);
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_eq!(selection(&h), BTreeSet::from([*ids.last().expect("id")]));
    }
    let j = journey(&h);
    let scene = h.state().document().scene();
    let band = scene
        .levels
        .iter()
        .find(|b| b.id == start.level)
        .expect("band");
    assert_eq!(band.lanes, 1, "no card stacked into a second lane");
    let top = scene.card(start.id).expect("card").rect.top();
    for pair in ids.windows(2) {
        let (a, b) = (
            j.step(pair[0]).expect("step"),
            j.step(pair[1]).expect("step"),
        );
        assert_eq!(b.level, start.level, "on the same level");
        assert!(b.t >= a.t + scene.pitch(), "{} after {}", b.t, a.t);
        assert!(j.link_index(a.id, b.id).is_some(), "linked in a chain");
        let card = scene.card(b.id).expect("card").rect;
        assert!(
            (card.top() - top).abs() < 1e-3,
            "on the start's row: {card:?}"
        );
        assert!(
            card.left() > scene.card(a.id).expect("card").rect.right(),
            "side by side"
        );
    }
}

// ---------------------------------------------------------------- arrows

/// The journey with `PAUSE` and `BUY` moved by `dt` and `dl` levels.
fn nudged(j: &Journey, dt: f64, dl: isize) -> Journey {
    let mut j = j.clone();
    for id in [BUY, PAUSE] {
        let i = j.step_index(id).expect("step");
        let li = j.level_index(j.steps[i].level).expect("level") as isize;
        j.steps[i].t += dt;
        j.steps[i].level = j.levels[(li + dl) as usize].id;
    }
    j
}

#[test]
fn arrow_keys_nudge_the_selected_steps_each_press_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, BUY, Modifiers::NONE);
    click_card(&mut h, PAUSE, Modifiers::SHIFT);
    assert_eq!(selection(&h), BTreeSet::from([BUY, PAUSE]), "set-up");

    // 9.0 and 13.0 stay between their neighbours (7.0 … 11.0, 12.0 … 14.5) all along.
    let presses = [
        (Modifiers::SHIFT, Key::ArrowRight, 1.0, 0),
        (Modifiers::NONE, Key::ArrowLeft, -0.25, 0),
        (Modifiers::SHIFT, Key::ArrowLeft, -1.0, 0),
        (Modifiers::NONE, Key::ArrowRight, 0.25, 0),
        (Modifiers::NONE, Key::ArrowUp, 0.0, 1),
        (Modifiers::NONE, Key::ArrowDown, 0.0, -1),
    ];
    let mut states = vec![before.clone()];
    for (modifiers, key, dt, dl) in presses {
        let previous = states.last().expect("a state").clone();
        press(&mut h, modifiers, key);
        let expected = nudged(&previous, dt, dl);
        assert_same(
            &journey(&h),
            &expected,
            &format!("{modifiers:?} {key:?}: moved by {dt} and {dl} levels"),
        );
        assert_eq!(
            selection(&h),
            BTreeSet::from([BUY, PAUSE]),
            "still selected"
        );
        states.push(expected);
    }
    for (i, state) in states.iter().enumerate().rev().skip(1) {
        press(&mut h, CTRL, Key::Z);
        assert_same(&journey(&h), state, &format!("undo back to state {i}"));
    }
    assert!(
        h.state().document().history().undo_description().is_none(),
        "one undo step per press, no more"
    );
}

#[test]
fn a_nudge_back_past_a_predecessor_is_refused_with_a_message() {
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft); // 13.0 → 12.75, still after 12.0
    assert_eq!(journey(&h).step(PAUSE).map(|s| s.t), Some(12.75), "set-up");
    assert!(h.state().message().is_none(), "set-up: no message yet");

    // 11.75: before 「定期コース…」 at 12.0
    let message = assert_refused(&mut h, |h| press(h, Modifiers::SHIFT, Key::ArrowLeft));

    assert!(
        message.contains("時間をさかのぼれません"),
        "message: {message}"
    );
    press(&mut h, CTRL, Key::Z);
    assert_same(
        &journey(&h),
        &example(&kaidan::bundled::TEINEI),
        "only the first nudge was recorded",
    );
    assert!(h.state().document().history().undo_description().is_none());
}

#[test]
fn nudging_past_the_top_or_bottom_level_changes_nothing_and_records_nothing() {
    let mut h = app();
    let before = journey(&h);
    let (top, bottom) = (
        before.levels[before.levels.len() - 1].id,
        before.levels[0].id,
    );
    let (start, fan) = (StepId(20), StepId(36));
    assert_eq!(before.step(start).map(|s| s.level), Some(bottom), "set-up");
    assert_eq!(before.step(fan).map(|s| s.level), Some(top), "set-up");

    click_card(&mut h, fan, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    click_card(&mut h, start, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);

    assert_same(&journey(&h), &before, "nowhere to go");
    assert!(
        h.state().document().history().undo_description().is_none(),
        "no empty undo steps"
    );
    assert!(!h.state().window_title().starts_with("● "), "not dirty");
}
