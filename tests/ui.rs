//! UI tests: the real editor (`KaidanApp` as an `eframe::App`) driven through `egui_kittest`
//! with real input events — pointer presses, moves and releases at the screen positions where
//! the cards are drawn, key presses, typed text and IME composition — and checked on the
//! document afterwards. No GPU and no display: nothing is rendered, only egui's passes run.
//!
//! Every edit is also undone with Ctrl+Z and redone with Ctrl+Shift+Z and Ctrl+Y, and must
//! come back exactly (the whole `Journey` is compared).
//!
//! Positions come from the app's own layout (`card_screen_rect`, `to_screen`), so the tests
//! follow the camera fit instead of hard-coding pixels. The example journey is the bundled
//! すっぽん小町 case (`examples/teinei.kaidan.ron`); the step ids below are from that file.

use egui::accesskit::Role;
use egui::{Event, ImeEvent, Key, Modifiers, PointerButton, Pos2, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use kaidan::app::files::ScriptedDialogs;
use kaidan::app::i18n::Lang;
use kaidan::app::panels::Tab;
use kaidan::app::{KaidanApp, Settings, describe};
use kaidan::layout::metrics::UNIT_T;
use kaidan::model::{Journey, LevelId, StepId};
use std::collections::BTreeSet;
use std::path::Path;

type App = Harness<'static, KaidanApp>;

// Steps of the bundled example used below.
/// 「無料サンプルを申し込む」: t 5.5, level 3.
const SAMPLE: StepId = StepId(24);
/// 「初回限定価格で購入する」: t 8.0, level 4; not linked from `SAMPLE`.
const BUY: StepId = StepId(26);
/// 「定期コースに切り替える」: t 11.0, level 5; leads to `PAUSE`.
const SUBSCRIBE: StepId = StepId(28);
/// 「飽きて休止する」: t 12.5, level 4; follows `SUBSCRIBE`, leads to step 30 (t 14.0).
const PAUSE: StepId = StepId(29);
const PAUSE_TITLE: &str = "飽きて休止する";

/// Ctrl as a Linux keyboard reports it: `ctrl`, and `command` (Ctrl on non-Mac).
const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..CTRL
};

// ---------------------------------------------------------------- set-up

/// The editor on the bundled example, in Japanese, answering file dialogs from `dialogs`,
/// in a 1400×900 window, after the first frames (camera fitted).
fn app_with(dialogs: ScriptedDialogs) -> App {
    let journey = kaidan::bundled::TEINEI
        .load()
        .expect("the bundled example loads");
    let settings = Settings {
        lang: Lang::Ja,
        dark: false,
        recent: Vec::new(),
        tab: Tab::Step,
        panel_hidden: false,
    };
    let app = KaidanApp::new(journey, None, settings, Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        // Short frames, so a press-release-press-release in consecutive frames is a
        // double-click (egui: < 0.3 s) and a press is never held long enough to become a drag.
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        // A gesture can take a few frames to settle (hover, tooltip, popups); `run` still
        // stops as soon as no immediate repaint is asked for.
        .with_max_steps(20)
        // The side panel's fields (panels.rs) have no accessible names yet; see the report.
        .with_accessibility_check(false)
        .with_context_setup(|ctx| ctx.set_fonts(kaidan::fonts::definitions()))
        .build_eframe(move |cc| {
            app.setup(&cc.egui_ctx);
            app
        });
    h.run();
    assert!(
        !h.state().view().fit_requested,
        "set-up: the camera is fitted"
    );
    h
}

fn app() -> App {
    app_with(ScriptedDialogs::default())
}

fn journey(h: &App) -> Journey {
    h.state().document().journey().clone()
}

fn selection(h: &App) -> BTreeSet<StepId> {
    h.state().view().selection.clone()
}

fn title_of(h: &App, id: StepId) -> String {
    h.state()
        .document()
        .journey()
        .step(id)
        .map(|s| s.title.clone())
        .expect("step exists")
}

/// Fails with the first lines where the two journeys differ (as saved), not two dumps.
#[track_caller]
fn assert_same(actual: &Journey, expected: &Journey, what: &str) {
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

// ---------------------------------------------------------------- where things are

fn card_rect(h: &App, id: StepId) -> Rect {
    h.state()
        .card_screen_rect(id)
        .unwrap_or_else(|| panic!("card of {id} is laid out"))
}

fn card_centre(h: &App, id: StepId) -> Pos2 {
    card_rect(h, id).center()
}

/// The connect handle: the middle of the card's right edge (canvas.rs `handle_pos`).
fn handle(h: &App, id: StepId) -> Pos2 {
    let r = card_rect(h, id);
    pos2(r.right(), r.center().y)
}

/// Diagram y of the middle of a level's band.
fn band_middle(h: &App, level: LevelId) -> f32 {
    let scene = h.state().document().scene();
    let band = scene.levels.iter().find(|b| b.id == level);
    band.expect("level has a band").rect.center().y
}

/// Screen y of the middle of a level's band.
fn band_centre_y(h: &App, level: LevelId) -> f32 {
    h.state().to_screen(pos2(0.0, band_middle(h, level))).y
}

/// Screen point at time `t` in the middle of `level`'s band.
fn screen_at(h: &App, t: f64, level: LevelId) -> Pos2 {
    let x = h.state().document().scene().x_of(t);
    h.state().to_screen(pos2(x, band_middle(h, level)))
}

/// Screen points per unit of time at the current zoom.
fn screen_per_t(h: &App) -> f32 {
    UNIT_T * h.state().view().camera.zoom
}

#[track_caller]
fn assert_on_canvas(h: &App, p: Pos2) {
    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    assert!(
        canvas.contains(p),
        "set-up: {p:?} is on the canvas {canvas:?}"
    );
}

// ---------------------------------------------------------------- input

fn button(pos: Pos2, pressed: bool, modifiers: Modifiers) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    }
}

/// Moves the pointer to `p`, then presses and releases the primary button there.
fn click_at(h: &mut App, p: Pos2, modifiers: Modifiers) {
    assert_on_canvas(h, p);
    h.event(Event::PointerMoved(p));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(button(p, true, modifiers));
    h.event(button(p, false, modifiers));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

fn click_card(h: &mut App, id: StepId, modifiers: Modifiers) {
    let p = card_centre(h, id);
    click_at(h, p, modifiers);
}

fn double_click_card(h: &mut App, id: StepId) {
    let p = card_centre(h, id);
    double_click_at(h, p);
}

/// Two clicks at `p` in consecutive frames (well inside egui's double-click delay).
fn double_click_at(h: &mut App, p: Pos2) {
    assert_on_canvas(h, p);
    h.event(Event::PointerMoved(p));
    for pressed in [true, false, true, false] {
        h.event(button(p, pressed, Modifiers::NONE));
    }
    h.run();
}

/// Presses at `from`, moves in ten frames to `to` (far past egui's drag threshold), and
/// releases there.
fn drag(h: &mut App, from: Pos2, to: Pos2) {
    assert_on_canvas(h, from);
    assert_on_canvas(h, to);
    h.event(Event::PointerMoved(from));
    h.event(button(from, true, Modifiers::NONE));
    for i in 1..=10 {
        h.event(Event::PointerMoved(from.lerp(to, i as f32 / 10.0)));
    }
    h.event(button(to, false, Modifiers::NONE));
    h.run();
}

/// Presses and releases `key` with `modifiers` held.
fn press(h: &mut App, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn type_text(h: &mut App, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run();
}

/// An IME composition: pre-edit text shown while converting, then the committed result.
fn ime_compose(h: &mut App, preedit: &str, commit: &str) {
    h.event(Event::Ime(ImeEvent::Preedit {
        text: preedit.to_owned(),
        active_range_chars: None,
    }));
    h.event(Event::Ime(ImeEvent::Commit(commit.to_owned())));
    h.run();
}

/// Undo with Ctrl+Z gives `before`; redo with Ctrl+Shift+Z and with Ctrl+Y gives `after`.
#[track_caller]
fn assert_undo_redo(h: &mut App, before: &Journey, after: &Journey) {
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

// ---------------------------------------------------------------- create

#[test]
fn double_click_on_empty_canvas_creates_a_selected_step_at_that_time_and_level() {
    let mut h = app();
    let before = journey(&h);
    let bottom = before.levels[0].id;
    assert!(
        before.steps.iter().all(|s| s.level != bottom || s.t < 8.0),
        "set-up: the bottom level is empty around t = 10"
    );
    let new_id = StepId(before.next_id);

    let at = screen_at(&h, 10.0, bottom);
    double_click_at(&mut h, at);

    let after = journey(&h);
    assert_eq!(after.steps.len(), before.steps.len() + 1);
    let step = after.step(new_id).expect("a step with the next id");
    assert!((step.t - 10.0).abs() < 0.02, "created at t = {}", step.t);
    assert_eq!(step.level, bottom, "created on the level under the pointer");
    assert_eq!(step.title, "新しいステップ");
    assert_eq!(selection(&h), BTreeSet::from([new_id]), "new step selected");
    // Its title is open for typing, all selected: typing replaces it.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn a_step_made_by_double_click_takes_the_title_typed_straight_away() {
    let mut h = app();
    let before = journey(&h);
    let new_id = StepId(before.next_id);
    let at = screen_at(&h, 10.0, before.levels[0].id);
    double_click_at(&mut h, at);
    type_text(&mut h, "店舗で試着");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        title_of(&h, new_id),
        "店舗で試着",
        "typing replaced the default title"
    );
    press(&mut h, CTRL, Key::Z);
    assert_eq!(
        title_of(&h, new_id),
        "新しいステップ",
        "the rename undoes first"
    );
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &before, "then the creation");
}

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

// ---------------------------------------------------------------- move

#[test]
fn dragging_a_card_moves_it_by_the_drag_distance_and_onto_the_pointers_level() {
    let mut h = app();
    let before = journey(&h);
    let from = card_centre(&h, PAUSE);
    let level_5 = LevelId(5);
    // One unit of time later, and up into the band of level 5 (継続).
    let to = pos2(from.x + screen_per_t(&h), band_centre_y(&h, level_5));

    drag(&mut h, from, to);

    let after = journey(&h);
    let moved = after.step(PAUSE).expect("still there");
    assert!(
        (moved.t - 13.5).abs() < 0.011,
        "t follows the drag: 12.5 + 1.0 = {}",
        moved.t
    );
    assert_eq!(moved.level, level_5, "level follows the pointer's band");
    let mut expected = before.clone();
    let i = expected.step_index(PAUSE).expect("step");
    expected.steps[i].t = moved.t;
    expected.steps[i].level = level_5;
    assert_same(&after, &expected, "only the dragged step changed");
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn dragging_a_card_before_its_predecessor_is_refused_and_changes_nothing() {
    let mut h = app();
    let before = journey(&h);
    let from = card_centre(&h, PAUSE);
    // 2.5 units earlier: t 10.0, before 「定期コースに切り替える」 (t 11.0) which leads to it.
    let to = pos2(from.x - 2.5 * screen_per_t(&h), from.y);

    drag(&mut h, from, to);

    assert_same(
        &journey(&h),
        &before,
        "a refused move leaves the journey as it was",
    );
    let message = h.state().message().expect("a message says why");
    assert!(message.contains("back in time"), "message: {message}");
    assert!(
        h.state().document().history().undo_description().is_none(),
        "nothing to undo"
    );
    assert!(!h.state().window_title().starts_with("● "), "not dirty");
}

// ---------------------------------------------------------------- connect

#[test]
fn dragging_from_a_selected_cards_handle_onto_another_card_links_them() {
    let mut h = app();
    let before = journey(&h);
    assert!(
        before.link_index(SAMPLE, BUY).is_none(),
        "set-up: not linked"
    );
    click_card(&mut h, SAMPLE, Modifiers::NONE);
    assert_eq!(selection(&h), BTreeSet::from([SAMPLE]));

    let (from, to) = (handle(&h, SAMPLE), card_centre(&h, BUY));
    drag(&mut h, from, to);

    let after = journey(&h);
    assert!(after.link_index(SAMPLE, BUY).is_some(), "linked 24 → 26");
    assert_eq!(after.links.len(), before.links.len() + 1, "one link added");
    assert_eq!(after.steps, before.steps, "no step moved");
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn dragging_from_a_hovered_cards_handle_links_it_from_any_part_of_the_drawn_handle() {
    // The handle is a circle of radius 6 centred on the card's right edge: inside the card,
    // on the edge, and on the half that sticks out past it.
    for dx in [-4.0, 0.0, 4.0] {
        let mut h = app();
        let before = journey(&h);
        assert!(
            before.link_index(BUY, PAUSE).is_none(),
            "set-up: not linked"
        );
        let over_card = card_centre(&h, BUY);
        h.event(Event::PointerMoved(over_card));
        h.run();
        assert_eq!(h.state().view().hovered, Some(BUY), "set-up: hovered");
        let grab = handle(&h, BUY) + vec2(dx, 0.0);
        h.event(Event::PointerMoved(grab));
        h.run();
        assert_eq!(
            h.state().view().hovered,
            Some(BUY),
            "over its handle ({dx:+}) the card stays hovered"
        );
        assert!(selection(&h).is_empty(), "set-up: nothing selected");

        let to = card_centre(&h, PAUSE);
        drag(&mut h, grab, to);

        let after = journey(&h);
        assert!(
            after.link_index(BUY, PAUSE).is_some(),
            "dragging from {dx:+} of the handle links 26 → 29"
        );
        assert_eq!(after.steps, before.steps, "no step moved");
        assert_undo_redo(&mut h, &before, &after);
    }
}

#[test]
fn click_then_shift_click_then_l_links_the_two_cards_in_time_order() {
    let mut h = app();
    let before = journey(&h);
    // The later card first: the link must still run from the earlier one.
    click_card(&mut h, BUY, Modifiers::NONE);
    click_card(&mut h, SAMPLE, Modifiers::SHIFT);
    assert_eq!(
        selection(&h),
        BTreeSet::from([SAMPLE, BUY]),
        "both selected"
    );

    press(&mut h, Modifiers::NONE, Key::L);

    let after = journey(&h);
    assert!(after.link_index(SAMPLE, BUY).is_some(), "linked 24 → 26");
    assert!(after.link_index(BUY, SAMPLE).is_none(), "not backwards");
    assert_eq!(after.links.len(), before.links.len() + 1);
    assert_undo_redo(&mut h, &before, &after);
}

// ---------------------------------------------------------------- rename

#[test]
fn f2_typing_and_ime_composition_then_enter_renames_as_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);

    press(&mut h, Modifiers::NONE, Key::F2);
    assert!(
        h.state().view().rename.is_some(),
        "F2 opens the title field"
    );
    press(&mut h, CTRL, Key::A); // select the old title in the field, to type over it
    type_text(&mut h, "いったん");
    ime_compose(&mut h, "てすと", "テスト");
    assert_same(&journey(&h), &before, "nothing changes while typing");
    press(&mut h, Modifiers::NONE, Key::Enter);

    assert_eq!(title_of(&h, PAUSE), "いったんテスト");
    assert!(h.state().view().rename.is_none(), "Enter closes the field");
    let after = journey(&h);
    let mut expected = before.clone();
    let i = expected.step_index(PAUSE).expect("step");
    expected.steps[i].title = "いったんテスト".to_owned();
    assert_same(&after, &expected, "only the title changed");
    // One Ctrl+Z restores the old title (the typing is not undone keystroke by keystroke).
    assert_undo_redo(&mut h, &before, &after);
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
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);

    press(&mut h, Modifiers::NONE, Key::Delete);

    let after = journey(&h);
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
    assert!(selection(&h).is_empty(), "nothing selected");
    assert_undo_redo(&mut h, &before, &after);
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
    let before = journey(&h);
    click_card(&mut h, SUBSCRIBE, Modifiers::NONE);
    click_card(&mut h, PAUSE, Modifiers::SHIFT);
    assert_eq!(selection(&h), BTreeSet::from([SUBSCRIBE, PAUSE]));

    press(&mut h, CTRL, Key::D);

    let after = journey(&h);
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
        selection(&h),
        BTreeSet::from([copy_28, copy_29]),
        "the copies are selected"
    );
    assert_undo_redo(&mut h, &before, &after);
}

// ---------------------------------------------------------------- edit menu

#[test]
fn edit_menu_names_the_move_it_would_undo_and_undoes_it() {
    let mut h = app();
    let before = journey(&h);
    let from = card_centre(&h, PAUSE);
    let to = pos2(from.x + 0.5 * screen_per_t(&h), from.y);
    drag(&mut h, from, to);
    assert!(journey(&h) != before, "set-up: moved");

    let d = h
        .state()
        .document()
        .history()
        .undo_description()
        .expect("something to undo");
    assert_eq!(describe(d, Lang::Ja), format!("移動 {PAUSE_TITLE}"));

    h.get_by_label("編集").click();
    h.run();
    let what = format!("移動 {PAUSE_TITLE}");
    let item = h.get_by_label_contains(&what);
    assert!(
        item.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("元に戻す")),
        "it is the undo item: {:?}",
        item.accesskit_node().label()
    );
    item.click();
    h.run();
    assert_same(&journey(&h), &before, "the menu item undoes the move");
}

// ---------------------------------------------------------------- files

#[test]
fn an_edit_marks_the_title_unsaved_and_ctrl_s_saves_a_file_that_loads_back_equal() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("saved.kaidan.ron");
    let mut h = app_with(ScriptedDialogs {
        open: Vec::new(),
        save: vec![path.clone()],
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
    assert_eq!(good.matches("t: 4.0,").count(), 1, "set-up: one t: 4.0");
    let text = good.replace("t: 4.0,", "t: \"four\",");
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

// ---------------------------------------------------------------- inspector and canvas keys

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
