//! The side panel: hiding it (F9), its level, phase and journey tabs, and the inspector.

use crate::common::App;
use crate::helpers::{CTRL, PAUSE, PAUSE_TITLE, SUBSCRIBE, app, assert_same, journey, title_of};
use crate::input::{click_card, press, type_text};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn f9_hides_and_shows_the_side_panel() {
    let mut h = app();
    assert!(
        h.query_by_label("ステップ").is_some(),
        "the panel's tab is shown"
    );
    press(&mut h, Modifiers::NONE, Key::F9);
    assert!(h.state().settings.panel_hidden);
    assert!(h.query_by_label("ステップ").is_none(), "the panel is gone");
    press(&mut h, Modifiers::NONE, Key::F9);
    assert!(h.query_by_label("ステップ").is_some(), "and back");
}

#[test]
fn typing_in_the_inspector_is_one_undo_step_and_clicking_a_card_gives_keys_back_to_the_canvas() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);
    // The inspector's title field, found by its text.
    h.get_by(|n| n.role() == Role::MultilineTextInput && n.value().as_deref() == Some(PAUSE_TITLE))
        .click();
    h.run();
    assert!(
        h.ctx.egui_wants_keyboard_input(),
        "the field has the keyboard"
    );
    type_text(&mut h, "か");
    type_text(&mut h, "も");
    assert_eq!(
        title_of(&h, PAUSE),
        "飽きて休止するかも",
        "typing edits the title"
    );
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(
        journey(&h).step(PAUSE).is_some(),
        "Delete in a text field does not delete the step"
    );

    click_card(&mut h, SUBSCRIBE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(
        journey(&h).step(SUBSCRIBE).is_none(),
        "Delete works on the canvas again"
    );

    press(&mut h, CTRL, Key::Z);
    assert!(
        journey(&h).step(SUBSCRIBE).is_some(),
        "first undo: the delete"
    );
    assert_eq!(title_of(&h, PAUSE), "飽きて休止するかも");
    press(&mut h, CTRL, Key::Z);
    assert_same(
        &journey(&h),
        &before,
        "second undo: both keystrokes at once",
    );
}

#[test]
fn the_level_phase_and_journey_panels_edit_the_journey_one_undo_step_each() {
    let mut h = app();
    let before = journey(&h);

    // Levels: add one at the top.
    h.get_by_label("レベル").click();
    h.run();
    h.get_by_label("＋ 追加").click();
    h.run();
    let after_level = journey(&h);
    assert_eq!(after_level.levels.len(), before.levels.len() + 1);
    assert_eq!(after_level.validate(), vec![]);

    // Phases: add one after the last.
    h.get_by_label("フェーズ").click();
    h.run();
    h.get_by_label("＋ 追加").click();
    h.run();
    let after_phase = journey(&h);
    assert_eq!(after_phase.phases.len(), before.phases.len() + 1);
    let last = after_phase.phases.last().expect("a phase");
    assert!(
        (last.start - before.phases.last().expect("a phase").end).abs() < 1e-9,
        "the new phase starts where the last one ended"
    );

    // Journey: type into the title field.
    focus_title_field(&mut h, &before.title);
    press(&mut h, Modifiers::NONE, Key::End);
    type_text(&mut h, "！");
    assert_eq!(journey(&h).title, format!("{}！", before.title));

    // Back on the canvas: three undo steps restore the original journey.
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &after_phase, "undo the title");
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &after_level, "undo the phase");
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &before, "undo the level");
}

#[test]
fn a_paste_longer_than_a_text_may_be_is_cut_to_the_limit_and_stays_valid() {
    let limit = kaidan::model::limits::MAX_TEXT_CHARS;
    let mut h = app();
    let before = journey(&h);
    focus_title_field(&mut h, &before.title);
    press(&mut h, CTRL, Key::A);
    h.event(Event::Paste("長".repeat(limit + 5_000)));
    h.run();
    let after = journey(&h);
    assert_eq!(after.title.chars().count(), limit, "cut at the limit");
    assert_eq!(after.validate(), vec![], "what was typed always validates");
}

/// Opens the ジャーニー tab and clicks into the field holding the journey's `title`.
fn focus_title_field(h: &mut App, title: &str) {
    h.get_by_label("ジャーニー").click();
    h.run();
    h.get_by(|n| n.role() == Role::TextInput && n.value().as_deref() == Some(title))
        .click();
    h.run();
}
