//! Editing the selected steps: rename, delete, select all, duplicate, copy and paste.

use crate::helpers::{
    BUY, CTRL, PAUSE, PAUSE_TITLE, SUBSCRIBE, app, app_on, assert_same, assert_undo_redo, example,
    journey, select_act_undo, selection, title_of,
};
use crate::input::{click_card, copy_event, double_click_card, ime_compose, press, type_text};
use egui::{Event, Key, Modifiers};
use kaidan::app::files::ScriptedDialogs;
use kaidan::model::StepId;
use std::collections::BTreeSet;

// ---------------------------------------------------------------- rename

#[test]
fn f2_typing_and_ime_composition_then_enter_renames_as_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    // One Ctrl+Z restores the old title (the typing is not undone keystroke by keystroke).
    select_act_undo(
        &mut h,
        &[PAUSE],
        |h| {
            press(h, Modifiers::NONE, Key::F2);
            assert!(
                h.state().view().rename.is_some(),
                "F2 opens the title field"
            );
            press(h, CTRL, Key::A); // select the old title in the field, to type over it
            type_text(h, "いったん");
            ime_compose(h, "てすと", "テスト");
            assert_same(&journey(h), &before, "nothing changes while typing");
            press(h, Modifiers::NONE, Key::Enter);
        },
        |h, _, after| {
            assert_eq!(title_of(h, PAUSE), "いったんテスト");
            assert!(h.state().view().rename.is_none(), "Enter closes the field");
            let mut expected = before.clone();
            let i = expected.step_index(PAUSE).expect("step");
            expected.steps[i].title = "いったんテスト".to_owned();
            assert_same(after, &expected, "only the title changed");
        },
    );
}

#[test]
fn double_clicking_a_card_opens_its_title_for_typing() {
    let mut h = app();
    let before = journey(&h);

    double_click_card(&mut h, BUY);
    let rename = h.state().view().rename.as_ref().expect("title field open");
    assert_eq!(rename.step, BUY);
    press(&mut h, CTRL, Key::A);
    type_text(&mut h, "定価で購入する");
    press(&mut h, Modifiers::NONE, Key::Enter);

    assert_eq!(title_of(&h, BUY), "定価で購入する");
    assert_eq!(journey(&h).steps.len(), before.steps.len(), "no step added");
    let after = journey(&h);
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn escape_while_renaming_keeps_the_old_title() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::F2);
    type_text(&mut h, "（未確定）");

    press(&mut h, Modifiers::NONE, Key::Escape);

    assert!(h.state().view().rename.is_none(), "field closed");
    assert_eq!(title_of(&h, PAUSE), PAUSE_TITLE);
    assert_same(&journey(&h), &before, "nothing changed");
    assert!(h.state().document().history().undo_description().is_none());
}

// ---------------------------------------------------------------- delete, select, duplicate

#[test]
fn delete_key_removes_the_selected_step_with_its_links() {
    let mut h = app();
    select_act_undo(
        &mut h,
        &[PAUSE],
        |h| press(h, Modifiers::NONE, Key::Delete),
        |h, before, after| {
            assert!(after.step(PAUSE).is_none(), "step gone");
            assert_eq!(after.steps.len(), before.steps.len() - 1);
            assert!(
                after.links.iter().all(|l| l.from != PAUSE && l.to != PAUSE),
                "its links gone too"
            );
            assert_eq!(
                after.links.len(),
                before.links.len() - 2,
                "28 → 29 and 29 → 30"
            );
            assert!(selection(h).is_empty(), "nothing selected");
        },
    );
}

#[test]
fn ctrl_a_selects_every_step_and_escape_deselects() {
    let mut h = app();
    let all: BTreeSet<StepId> = journey(&h).steps.iter().map(|s| s.id).collect();

    press(&mut h, CTRL, Key::A);
    assert_eq!(selection(&h), all);

    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(selection(&h).is_empty());
}

#[test]
fn ctrl_d_duplicates_the_selected_steps_and_their_link_as_one_undo_step() {
    let mut h = app();
    select_act_undo(
        &mut h,
        &[SUBSCRIBE, PAUSE],
        |h| press(h, CTRL, Key::D),
        |h, before, after| {
            let (copy_28, copy_29) = (StepId(before.next_id), StepId(before.next_id + 1));
            assert_eq!(after.steps.len(), before.steps.len() + 2);
            for (copy, original) in [(copy_28, SUBSCRIBE), (copy_29, PAUSE)] {
                let copy = after.step(copy).expect("copy");
                let original = before.step(original).expect("original");
                assert_eq!(copy.title, original.title);
                assert_eq!(copy.level, original.level);
                assert!(
                    copy.t > original.t,
                    "copy placed later: {} after {}",
                    copy.t,
                    original.t
                );
            }
            assert!(
                after.link_index(copy_28, copy_29).is_some(),
                "the link between them copied"
            );
            assert_eq!(after.links.len(), before.links.len() + 1);
            assert_eq!(
                selection(h),
                BTreeSet::from([copy_28, copy_29]),
                "the copies are selected"
            );
        },
    );
}

// ---------------------------------------------------------------- clipboard

#[test]
fn copied_steps_paste_into_another_journey_with_their_link_as_one_undo_step() {
    let mut from = app();
    click_card(&mut from, SUBSCRIBE, Modifiers::NONE);
    click_card(&mut from, PAUSE, Modifiers::SHIFT);
    let copied = copy_event(&mut from).expect("the copy put text on the clipboard");
    assert!(
        copied.contains(PAUSE_TITLE),
        "the text holds the steps: {copied}"
    );

    let mut h = app_on(
        example(&kaidan::bundled::LOYALTY_LOOP),
        ScriptedDialogs::default(),
    );
    let before = journey(&h);
    let (a, b) = (StepId(before.next_id), StepId(before.next_id + 1));
    h.event(Event::Paste(copied));
    h.run();

    let after = journey(&h);
    assert_eq!(after.steps.len(), before.steps.len() + 2, "two steps added");
    let source = journey(&from);
    for (new, original) in [(a, SUBSCRIBE), (b, PAUSE)] {
        let new = after.step(new).expect("pasted with the next ids");
        let original = source.step(original).expect("original");
        assert_eq!(new.title, original.title);
    }
    assert!(
        after.link_index(a, b).is_some(),
        "the link between them came too"
    );
    assert_eq!(after.links.len(), before.links.len() + 1, "and no other");
    assert_eq!(after.validate(), vec![], "the journey stays valid");
    assert_eq!(
        selection(&h),
        BTreeSet::from([a, b]),
        "pasted steps selected"
    );
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn copy_with_nothing_selected_puts_nothing_on_the_clipboard() {
    let mut h = app();
    assert!(selection(&h).is_empty(), "set-up");
    assert_eq!(copy_event(&mut h), None);
}
