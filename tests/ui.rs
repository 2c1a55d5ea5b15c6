//! UI tests: the real editor (`KaidanApp` as an `eframe::App`) driven through `egui_kittest`
//! with real input events — pointer presses, moves and releases at the screen positions where
//! the cards are drawn, key presses, typed text and IME composition, and what the window
//! integration hands egui: clipboard events, wheel and pinch zoom, the close button, dropped
//! files — and checked on the document, the view and the frame's output afterwards. No GPU
//! and no display: nothing is rendered, only egui's passes run.
//!
//! Every edit is also undone with Ctrl+Z and redone with Ctrl+Shift+Z and Ctrl+Y, and must
//! come back exactly (the whole `Journey` is compared).
//!
//! Positions come from the app's own layout (`card_screen_rect`, `to_screen`), so the tests
//! follow the camera fit instead of hard-coding pixels. The example journey is the bundled
//! すっぽん小町 case (`examples/teinei.kaidan.ron`); the step ids below are from that file.

use egui::accesskit::Role;
use egui::{
    Color32, Event, ImeEvent, Key, KeyboardShortcut, Modifiers, MouseWheelSource, MouseWheelUnit,
    OutputCommand, PointerButton, Pos2, Rect, Shape, TouchPhase, ViewportCommand, ViewportEvent,
    ViewportId, pos2, vec2,
};
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use kaidan::app::files::ScriptedDialogs;
use kaidan::app::panels::Tab;
use kaidan::app::{KaidanApp, describe};
use kaidan::export::Format;
use kaidan::i18n::{Lang, T};
use kaidan::layout::Metrics;
use kaidan::model::{Journey, LevelId, StepId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod common;
use common::App;

// Steps of the bundled example used below.
/// 「無料サンプルを申し込む」: t 6.5, level 3.
const SAMPLE: StepId = StepId(24);
/// 「初回限定価格で購入する」: t 9.0, level 4; not linked from `SAMPLE`.
const BUY: StepId = StepId(26);
/// 「定期コースに切り替える」: t 12.0, level 5; leads to `PAUSE`.
const SUBSCRIBE: StepId = StepId(28);
/// 「飽きて休止する」: t 13.0, level 4; follows `SUBSCRIBE`, leads to step 30 (t 14.5).
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

/// The editor on `journey` (unsaved), in Japanese, answering file dialogs from `dialogs`,
/// in a 1400×900 window, after the first frames (camera fitted).
fn app_on(journey: Journey, dialogs: ScriptedDialogs) -> App {
    let app = KaidanApp::new(journey, None, common::settings(), Box::new(dialogs));
    let h = common::harness(app);
    assert!(
        !h.state().view().fit_requested,
        "set-up: the camera is fitted"
    );
    h
}

/// The editor on the bundled example, answering file dialogs from `dialogs`.
fn app_with(dialogs: ScriptedDialogs) -> App {
    app_on(example(&kaidan::bundled::TEINEI), dialogs)
}

fn example(bundled: &kaidan::bundled::Bundled) -> Journey {
    bundled.load().expect("the bundled example loads")
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
    Metrics::SCREEN.unit_t * h.state().view().camera.zoom
}

#[track_caller]
fn assert_on_canvas(h: &App, p: Pos2) {
    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    assert!(
        canvas.contains(p),
        "set-up: {p:?} is on the canvas {canvas:?}"
    );
}

/// Fails unless `p` is on the canvas and not on a card (a press there starts a band or pan).
#[track_caller]
fn assert_empty_canvas(h: &App, p: Pos2) {
    assert_on_canvas(h, p);
    let at = h.state().view().camera.to_diagram(p);
    let card = h.state().document().scene().card_at(at);
    assert!(
        card.is_none(),
        "set-up: {p:?} is on card {card:?}, not empty canvas"
    );
}

/// The steps whose cards touch a screen rectangle, from the cards' own rectangles.
fn cards_touching(h: &App, area: Rect) -> BTreeSet<StepId> {
    journey(h)
        .steps
        .iter()
        .map(|s| s.id)
        .filter(|id| card_rect(h, *id).intersects(area))
        .collect()
}

/// Every text painted in the last frame (painted text is not in the accessibility tree).
fn painted_texts(h: &App) -> Vec<String> {
    fn collect(shape: &Shape, out: &mut Vec<String>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            Shape::Text(text) => out.push(text.galley.text().to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// The commands the app sent to its window in the last frame.
fn viewport_commands(h: &App) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
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
    drag_with(h, from, to, PointerButton::Primary, Modifiers::NONE);
}

/// [`drag`] with another button, and/or with `modifiers` held from before the press until
/// after the release.
fn drag_with(h: &mut App, from: Pos2, to: Pos2, button: PointerButton, modifiers: Modifiers) {
    assert_on_canvas(h, from);
    assert_on_canvas(h, to);
    let press = |pos, pressed| Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers,
    };
    h.event(Event::PointerMoved(from));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(press(from, true));
    for i in 1..=10 {
        h.event(Event::PointerMoved(from.lerp(to, i as f32 / 10.0)));
    }
    h.event(press(to, false));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
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

/// Sends egui's copy event (what the integration makes of Ctrl+C) in one frame; returns
/// the text that frame put on the clipboard, if any.
fn copy_event(h: &mut App) -> Option<String> {
    h.event(Event::Copy);
    h.step(); // one frame for the one event: its output is the copy's
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        });
    h.run();
    copied
}

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

/// Opens a menu of the menu bar, then a submenu in it, and clicks an entry.
fn menu_path(h: &mut App, path: &[&str]) {
    for label in path {
        h.get_by_label(label).click();
        h.run();
    }
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
        (moved.t - 14.0).abs() < 0.011,
        "t follows the drag: 13.0 + 1.0 = {}",
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
    // 2.5 units earlier: t 10.5, before 「定期コースに切り替える」 (t 12.0) which leads to it.
    let to = pos2(from.x - 2.5 * screen_per_t(&h), from.y);

    drag(&mut h, from, to);

    assert_same(
        &journey(&h),
        &before,
        "a refused move leaves the journey as it was",
    );
    let message = h.state().message().expect("a message says why");
    // In the UI's language (Japanese here), not half in English.
    assert!(
        message.contains("時間をさかのぼれません"),
        "message: {message}"
    );
    assert!(!message.contains("cannot"), "message: {message}");
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

// ---------------------------------------------------------------- rubber band

/// A band from just above the right end of 「定期コースに切り替える」 to the middle of
/// 「飽きて休止する」: it touches those two cards and no other.
fn band_over_subscribe_and_pause(h: &App) -> (Pos2, Pos2) {
    let subscribe = card_rect(h, SUBSCRIBE);
    let from = pos2(subscribe.right() - 8.0, subscribe.top() - 8.0);
    let to = card_centre(h, PAUSE);
    assert_empty_canvas(h, from);
    assert_eq!(
        cards_touching(h, Rect::from_two_pos(from, to)),
        BTreeSet::from([SUBSCRIBE, PAUSE]),
        "set-up: the band touches exactly these cards"
    );
    (from, to)
}

#[test]
fn dragging_on_empty_canvas_selects_exactly_the_cards_the_band_touches() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, BUY, Modifiers::NONE);
    assert_eq!(selection(&h), BTreeSet::from([BUY]), "set-up: selected");
    let (from, to) = band_over_subscribe_and_pause(&h);

    drag(&mut h, from, to);

    assert_eq!(
        selection(&h),
        BTreeSet::from([SUBSCRIBE, PAUSE]),
        "the band's cards replace the selection"
    );
    assert_same(&journey(&h), &before, "a band moves nothing");
    assert!(h.state().document().history().undo_description().is_none());
}

#[test]
fn shift_dragging_a_band_adds_its_cards_to_the_selection() {
    let mut h = app();
    click_card(&mut h, BUY, Modifiers::NONE);
    let (from, to) = band_over_subscribe_and_pause(&h);

    drag_with(&mut h, from, to, PointerButton::Primary, Modifiers::SHIFT);

    assert_eq!(
        selection(&h),
        BTreeSet::from([BUY, SUBSCRIBE, PAUSE]),
        "added to the selection"
    );
}

// ---------------------------------------------------------------- enter, arrows

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
    let after_first = journey(&h);
    assert_eq!(after_first.step(PAUSE).map(|s| s.t), Some(12.75), "set-up");
    assert!(h.state().message().is_none(), "set-up: no message yet");

    press(&mut h, Modifiers::SHIFT, Key::ArrowLeft); // 11.75: before 「定期コース…」 at 12.0

    assert_same(
        &journey(&h),
        &after_first,
        "the refused nudge changes nothing",
    );
    let message = h.state().message().expect("a message says why");
    // In the UI's language (Japanese here), not half in English.
    assert!(
        message.contains("時間をさかのぼれません"),
        "message: {message}"
    );
    assert!(!message.contains("cannot"), "message: {message}");
    press(&mut h, CTRL, Key::Z);
    assert_same(
        &journey(&h),
        &example(&kaidan::bundled::TEINEI),
        "only the first nudge was recorded",
    );
    assert!(h.state().document().history().undo_description().is_none());
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

// ---------------------------------------------------------------- shortcut sheet, language

/// Fails unless the shortcut sheet has a row with `command` and, to its right, `keys`.
#[track_caller]
fn assert_sheet_row(h: &App, command: &str, keys: &str) {
    let labels = |text: &str| -> Vec<Rect> {
        h.query_all(By::new().role(Role::Label).label(text))
            .map(|n| n.rect())
            .collect()
    };
    let (commands, shown) = (labels(command), labels(keys));
    assert!(!commands.is_empty(), "{command} is listed");
    assert!(
        commands.iter().any(|c| shown
            .iter()
            .any(|k| (c.center().y - k.center().y).abs() < 2.0 && k.left() > c.right())),
        "{keys} is on the row of {command}, to its right: {commands:?} vs {shown:?}"
    );
}

#[test]
fn f1_lists_the_shortcuts_and_close_closes_the_sheet() {
    let mut h = app();
    let sheet_open =
        |h: &App| h.query_by_label("操作").is_some() && h.query_by_label("キー").is_some();
    assert!(!sheet_open(&h), "set-up: no sheet");
    click_card(&mut h, PAUSE, Modifiers::NONE);

    press(&mut h, Modifiers::NONE, Key::F1);

    assert!(sheet_open(&h), "the sheet with its two columns");
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(
        journey(&h).step(PAUSE).is_some(),
        "canvas keys do nothing behind the sheet"
    );
    let keys = |modifiers, key| {
        h.ctx
            .format_shortcut(&KeyboardShortcut::new(modifiers, key))
    };
    let undo = keys(Modifiers::COMMAND, Key::Z);
    assert!(undo.ends_with('Z') && undo.len() > 1, "set-up: {undo}");
    let redo = format!(
        "{} / {}",
        keys(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
        keys(Modifiers::COMMAND, Key::Y)
    );
    assert_sheet_row(&h, "元に戻す", &undo);
    assert_sheet_row(&h, "やり直す", &redo);
    assert_sheet_row(&h, "キーボードショートカット", "F1");

    h.get_by_label("閉じる").click();
    h.run();

    assert!(!sheet_open(&h), "the sheet is closed");
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(journey(&h).step(PAUSE).is_none(), "keys work again");
}

#[test]
fn choosing_english_in_the_view_menu_switches_menus_and_axis_texts() {
    let mut h = app();
    let ja_axis = T::TimeAxis.text(Lang::Ja);
    let en_axis = T::TimeAxis.text(Lang::En);
    assert!(
        painted_texts(&h).iter().any(|t| t == ja_axis),
        "set-up: the canvas draws {ja_axis}"
    );

    menu_path(&mut h, &["表示", "言語 / Language", "English"]);
    press(&mut h, Modifiers::NONE, Key::Escape); // close the menu

    assert_eq!(h.state().settings.lang, Lang::En, "the setting changed");
    assert!(h.query_by_label("File").is_some(), "a File menu");
    assert!(h.query_by_label("Edit").is_some(), "an Edit menu");
    assert!(
        h.query_by_label("ファイル").is_none(),
        "no Japanese menu left"
    );
    let texts = painted_texts(&h);
    assert!(
        texts.iter().any(|t| t == en_axis),
        "the canvas draws {en_axis}"
    );
    assert!(!texts.iter().any(|t| t == ja_axis), "and not {ja_axis}");
}

// ---------------------------------------------------------------- camera

#[track_caller]
fn assert_near(a: Pos2, b: Pos2, tolerance: f32, what: &str) {
    assert!(
        (a - b).length() <= tolerance,
        "{what}: {a:?} vs {b:?} (tolerance {tolerance})"
    );
}

#[test]
fn middle_drag_pans_ctrl_scroll_zooms_around_the_pointer_and_f_fits() {
    let mut h = app();
    let before = journey(&h);
    let fitted = h.state().view().camera;

    // Pan: the diagram follows the middle-button drag exactly.
    let from = screen_at(&h, 10.0, before.levels[0].id);
    assert_empty_canvas(&h, from);
    let by = vec2(150.0, -60.0);
    drag_with(
        &mut h,
        from,
        from + by,
        PointerButton::Middle,
        Modifiers::NONE,
    );
    let panned = h.state().view().camera;
    assert_near(
        panned.pan.to_pos2(),
        (fitted.pan + by).to_pos2(),
        0.01,
        "pan moved by the drag",
    );
    assert!(
        (panned.zoom - fitted.zoom).abs() < 1e-6,
        "a pan does not zoom"
    );
    assert!(selection(&h).is_empty(), "a pan selects nothing");
    assert_same(&journey(&h), &before, "a pan changes nothing");

    // Ctrl+wheel: zooms in, the diagram point under the pointer stays put.
    let pointer = card_centre(&h, PAUSE) + vec2(0.0, 40.0);
    assert_on_canvas(&h, pointer);
    h.event(Event::PointerMoved(pointer));
    h.run();
    let under = h.state().view().camera.to_diagram(pointer);
    for _ in 0..4 {
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, 5.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: CTRL,
        });
    }
    h.run();
    let zoomed = h.state().view().camera;
    assert!(
        zoomed.zoom > panned.zoom * 1.05,
        "zoomed in: {} → {}",
        panned.zoom,
        zoomed.zoom
    );
    assert_near(
        zoomed.to_diagram(pointer),
        under,
        0.05,
        "the point under the pointer",
    );

    // A pinch (egui's zoom event): zooms out around the pointer.
    h.event(Event::Zoom(0.5));
    h.run();
    let pinched = h.state().view().camera;
    assert!(
        (pinched.zoom - zoomed.zoom * 0.5).abs() < 1e-4,
        "halved: {} → {}",
        zoomed.zoom,
        pinched.zoom
    );
    assert_near(
        pinched.to_diagram(pointer),
        under,
        0.05,
        "still under the pointer",
    );

    // F: everything back in view.
    press(&mut h, Modifiers::NONE, Key::F);
    let camera = h.state().view().camera;
    assert_near(
        camera.pan.to_pos2(),
        fitted.pan.to_pos2(),
        0.01,
        "fit pans back",
    );
    assert!((camera.zoom - fitted.zoom).abs() < 1e-5, "and zooms back");
    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    let shown = camera.to_screen() * h.state().document().scene().bounds;
    assert!(canvas.contains_rect(shown), "{shown:?} inside {canvas:?}");
    assert_same(&journey(&h), &before, "the camera is not the document");
    assert!(!h.state().window_title().starts_with("● "), "not dirty");
}

#[test]
fn scrolling_without_ctrl_pans_the_canvas() {
    let mut h = app();
    let pointer = screen_at(&h, 10.0, journey(&h).levels[0].id);
    assert_on_canvas(&h, pointer);
    let before = h.state().view().camera;
    h.event(Event::PointerMoved(pointer));
    for _ in 0..3 {
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(-4.0, 2.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Trackpad,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    let after = h.state().view().camera;
    assert_near(
        after.pan.to_pos2(),
        (before.pan + vec2(-12.0, 6.0)).to_pos2(),
        0.01,
        "panned by the scroll",
    );
    assert!((after.zoom - before.zoom).abs() < 1e-6, "no zoom");
}

// ---------------------------------------------------------------- closing the window

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

// ---------------------------------------------------------------- side panels

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
    h.get_by_label("ジャーニー").click();
    h.run();
    h.get_by(|n| {
        n.role() == Role::TextInput && n.value().as_deref() == Some(before.title.as_str())
    })
    .click();
    h.run();
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
    h.get_by_label("ジャーニー").click();
    h.run();
    h.get_by(|n| {
        n.role() == Role::TextInput && n.value().as_deref() == Some(before.title.as_str())
    })
    .click();
    h.run();
    press(&mut h, CTRL, Key::A);
    h.event(Event::Paste("長".repeat(limit + 5_000)));
    h.run();
    let after = journey(&h);
    assert_eq!(after.title.chars().count(), limit, "cut at the limit");
    assert_eq!(after.validate(), vec![], "what was typed always validates");
}

// ---------------------------------------------------------------- emotions

/// `j` with the emotion of each of `ids` changed by `change`.
fn with_emotions(
    j: &Journey,
    ids: &[StepId],
    change: impl Fn(&mut kaidan::model::Emotion),
) -> Journey {
    let mut j = j.clone();
    for id in ids {
        let i = j.step_index(*id).expect("step");
        change(&mut j.steps[i].emotion);
    }
    j
}

fn emotion_of(h: &App, id: StepId) -> kaidan::model::Emotion {
    journey(h).step(id).expect("step exists").emotion.clone()
}

#[test]
fn keys_1_and_5_set_the_valence_of_every_selected_step_as_one_undo_step_each() {
    let mut h = app();
    let before = journey(&h);
    let picked = [SAMPLE, BUY, SUBSCRIBE];
    click_card(&mut h, SAMPLE, Modifiers::NONE);
    click_card(&mut h, BUY, Modifiers::SHIFT);
    click_card(&mut h, SUBSCRIBE, Modifiers::SHIFT);
    assert_eq!(
        selection(&h),
        BTreeSet::from(picked),
        "set-up: three selected"
    );
    for id in picked {
        let v = emotion_of(&h, id).valence;
        assert!(
            v != Some(-2) && v != Some(2),
            "set-up: {id} starts at {v:?}"
        );
    }

    press(&mut h, Modifiers::NONE, Key::Num1);
    let very_bad = with_emotions(&before, &picked, |e| e.valence = Some(-2));
    assert_same(&journey(&h), &very_bad, "1: all three at −2, nothing else");
    assert_undo_redo(&mut h, &before, &very_bad);

    press(&mut h, Modifiers::NONE, Key::Num5);
    let very_good = with_emotions(&before, &picked, |e| e.valence = Some(2));
    assert_same(&journey(&h), &very_good, "5: all three at +2, nothing else");
    assert_eq!(selection(&h), BTreeSet::from(picked), "still selected");
    assert_undo_redo(&mut h, &very_bad, &very_good);
}

#[test]
fn e_cycles_the_named_emotion_of_the_selection_as_one_undo_step() {
    use kaidan::model::Feeling;
    // 「初回限定価格で購入する」 without a named emotion, to cycle from none.
    let start = with_emotions(&example(&kaidan::bundled::TEINEI), &[BUY], |e| {
        e.feeling = None;
    });
    let mut h = app_on(start, ScriptedDialogs::default());
    let before = journey(&h);
    assert_eq!(emotion_of(&h, SAMPLE).feeling, Some(Feeling::Anticipation));
    assert_eq!(emotion_of(&h, SUBSCRIBE).feeling, Some(Feeling::Relief));
    click_card(&mut h, SAMPLE, Modifiers::NONE);
    click_card(&mut h, BUY, Modifiers::SHIFT);
    click_card(&mut h, SUBSCRIBE, Modifiers::SHIFT);
    assert_eq!(selection(&h), BTreeSet::from([SAMPLE, BUY, SUBSCRIBE]));

    press(&mut h, Modifiers::NONE, Key::E);

    let mut expected = with_emotions(&before, &[SAMPLE], |e| {
        e.feeling = Some(Feeling::Surprise); // 期待 → 驚き
    });
    expected = with_emotions(&expected, &[BUY], |e| e.feeling = Some(Feeling::Joy)); // none → 喜び
    expected = with_emotions(&expected, &[SUBSCRIBE], |e| {
        e.feeling = Some(Feeling::Trust); // 安心 → 信頼
    });
    assert_same(&journey(&h), &expected, "each to the next palette entry");
    assert_undo_redo(&mut h, &before, &expected);
}

#[test]
fn typing_a_quote_in_the_inspector_with_ime_is_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    let old_quote = emotion_of(&h, PAUSE).quote;
    assert!(!old_quote.is_empty(), "set-up: the step has a quote");
    click_card(&mut h, PAUSE, Modifiers::NONE);

    let quote = T::Quote.text(Lang::Ja);
    let field =
        h.get_by(|n| n.role() == Role::MultilineTextInput && n.label().as_deref() == Some(quote));
    assert_eq!(
        field.value().as_deref(),
        Some(old_quote.as_str()),
        "the field labelled {quote} shows the quote"
    );
    field.click();
    h.run();
    assert!(
        h.ctx.egui_wants_keyboard_input(),
        "the field has the keyboard"
    );
    press(&mut h, CTRL, Key::A); // select the old quote, to type over it
    ime_compose(&mut h, "さいしょはこうかを", "最初は効果を");
    type_text(&mut h, "感じていたけれど、");
    ime_compose(
        &mut h,
        "さんかげつほどでへんかがわからなくなり",
        "三か月ほどで変化がわからなくなり",
    );
    type_text(
        &mut h,
        "、毎月届く箱を見るたびに少し後ろめたい気持ちになった。",
    );
    let new_quote = "最初は効果を感じていたけれど、三か月ほどで変化がわからなくなり、\
                     毎月届く箱を見るたびに少し後ろめたい気持ちになった。";
    assert_eq!(emotion_of(&h, PAUSE).quote, new_quote, "the quote is typed");
    let after = with_emotions(&before, &[PAUSE], |e| e.quote = new_quote.to_owned());
    assert_same(&journey(&h), &after, "only the quote changed");

    click_card(&mut h, SUBSCRIBE, Modifiers::NONE);
    assert!(
        !h.ctx.egui_wants_keyboard_input(),
        "clicking a card ends the edit"
    );
    assert_eq!(selection(&h), BTreeSet::from([SUBSCRIBE]));
    // Every keystroke and composition in one undo step.
    assert_undo_redo(&mut h, &before, &after);
}

/// How many steps of `j` have each named emotion, by its Japanese name.
fn feeling_counts(j: &Journey) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for f in j.steps.iter().filter_map(|s| s.emotion.feeling.as_ref()) {
        *counts.entry(f.name_ja().to_owned()).or_default() += 1;
    }
    counts
}

/// How many painted texts are exactly each of `names`.
fn painted_counts(h: &App, names: &BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    let texts = painted_texts(h);
    names
        .keys()
        .map(|n| (n.clone(), texts.iter().filter(|t| *t == n).count()))
        .collect()
}

#[test]
fn the_emotions_layer_is_switched_off_and_on_from_the_view_menu() {
    let mut h = app();
    // The initiative lanes make the fitted journey smaller (titles wrap); this is about the
    // emotions layer. (Switching the lanes off from the View menu is part of the test.)
    menu_path(&mut h, &["表示", T::LayerInitiatives.text(Lang::Ja)]);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().settings.layers.initiatives);
    press(&mut h, Modifiers::NONE, Key::F); // fit again without the lanes
    h.run();
    let feelings = feeling_counts(&journey(&h));
    assert_eq!(
        feelings.get("諦め"),
        Some(&1),
        "set-up: only {PAUSE_TITLE} feels 諦め"
    );
    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    assert!(
        journey(&h)
            .steps
            .iter()
            .all(|s| canvas.contains_rect(card_rect(&h, s.id))),
        "set-up: every card is on screen"
    );
    assert!(
        h.state().settings.layers.emotions,
        "set-up: the layer is on"
    );
    let on = painted_counts(&h, &feelings);
    assert_eq!(on["諦め"], 1, "{PAUSE_TITLE}'s emotion is named");

    let layer = T::LayerEmotions.text(Lang::Ja);
    menu_path(&mut h, &["表示", layer]);
    press(&mut h, Modifiers::NONE, Key::Escape); // close the menu
    assert!(!h.state().settings.layers.emotions, "the setting is off");
    let off = painted_counts(&h, &feelings);
    assert_eq!(off["諦め"], 0, "諦め is no longer drawn");
    // Some names are also painted elsewhere (a level is called 信頼): per name, exactly
    // one text per card with that emotion went away.
    for (name, cards) in &feelings {
        assert_eq!(
            on[name],
            off[name] + cards,
            "{name}: one painted name per card with it, gone with the layer"
        );
    }
    assert!(
        painted_texts(&h).iter().any(|t| t == PAUSE_TITLE),
        "the cards themselves are still drawn"
    );

    menu_path(&mut h, &["表示", layer]);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.state().settings.layers.emotions,
        "the setting is on again"
    );
    assert_eq!(painted_counts(&h, &feelings), on, "the names are back");
}

#[test]
fn the_pain_points_tab_lists_lowest_valence_first_and_a_row_selects_and_centres_its_step() {
    let mut h = app();
    let j = journey(&h);
    h.get_by_label(T::PainPointsTab.text(Lang::Ja)).click();
    h.run();
    assert_eq!(h.state().settings.tab, Tab::PainPoints);

    let row_text = |s: &kaidan::model::Step| {
        let mark = match s.emotion.moment {
            Some(kaidan::model::Moment::PainPoint) => "▲ ",
            Some(kaidan::model::Moment::Delight) => "★ ",
            None => "",
        };
        let v = s.emotion.valence.expect("rated");
        format!("{v:+}  {mark}{}", s.title)
    };
    let mut rated: Vec<_> = j
        .steps
        .iter()
        .filter(|s| s.emotion.valence.is_some())
        .collect();
    assert!(rated.len() > 3, "set-up: the example rates its steps");
    // Top to bottom on screen, the rows' valences never go up.
    let mut rows: Vec<(f32, i8, StepId)> = rated
        .iter()
        .map(|s| {
            let text = row_text(s);
            let node = h.get_by_label(&text);
            (node.rect().top(), s.emotion.valence.expect("rated"), s.id)
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let valences: Vec<i8> = rows.iter().map(|r| r.1).collect();
    assert!(
        valences.windows(2).all(|w| w[0] <= w[1]),
        "lowest valence first: {valences:?}"
    );
    assert_eq!(rows[0].2, PAUSE, "the first row is {PAUSE_TITLE}");
    assert_eq!(rows[0].1, -2);
    rated.sort_by_key(|s| s.emotion.valence);

    let canvas = h.state().view().canvas_rect.expect("canvas shown");
    assert!(
        (card_centre(&h, PAUSE) - canvas.center()).length() > 20.0,
        "set-up: the card is off the canvas centre"
    );
    let first = rated.iter().find(|s| s.id == PAUSE).expect("rated");
    h.get_by_label(&row_text(first)).click();
    h.run();

    assert_eq!(
        selection(&h),
        BTreeSet::from([PAUSE]),
        "the row selects its step"
    );
    assert_near(
        card_centre(&h, PAUSE),
        canvas.center(),
        2.0,
        "the card is centred on the canvas",
    );
    assert_same(&journey(&h), &j, "nothing is edited");
}

#[test]
fn a_valence_outside_the_scale_cannot_come_in_through_the_clipboard() {
    // Keys 1–5 and the inspector's buttons only offer −2..=+2; pasted text is the one way
    // a valence the edit layer would refuse could reach the document from the UI.
    let mut h = app();
    click_card(&mut h, PAUSE, Modifiers::NONE);
    let copied = copy_event(&mut h).expect("the copy put text on the clipboard");
    assert!(copied.contains("valence:-2"), "set-up: {copied}");
    let forged = copied.replace("valence:-2", "valence:7");
    let before = journey(&h);

    h.event(Event::Paste(forged));
    h.run();

    let after = journey(&h);
    assert!(
        after
            .steps
            .iter()
            .filter_map(|s| s.emotion.valence)
            .all(|v| kaidan::model::VALENCE_RANGE.contains(&v)),
        "no valence outside −2..=+2 was pasted"
    );
    assert_eq!(after.validate(), vec![], "the journey stays valid");
    assert_same(&after, &before, "nothing was pasted");

    // The same text with a valence on the scale pastes.
    h.event(Event::Paste(copied));
    h.run();
    assert_eq!(
        journey(&h).steps.len(),
        before.steps.len() + 1,
        "control: a paste"
    );
}

/// Circles stroked in the selection colour that were painted in the last frame (centres).
fn selection_rings(h: &App) -> Vec<Pos2> {
    fn collect(shape: &Shape, ring: Color32, out: &mut Vec<Pos2>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, ring, out)),
            Shape::Circle(c) if c.stroke.color == ring && c.fill == Color32::TRANSPARENT => {
                out.push(c.center);
            }
            _ => {}
        }
    }
    let ring = kaidan::paint::Theme::light().selection;
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, ring, &mut out);
    }
    out
}

#[test]
fn hovering_a_curve_point_highlights_its_card_and_hovering_the_card_its_point() {
    let mut h = app();
    let point = {
        let app = h.state();
        let lane = app
            .document()
            .scene()
            .lane
            .clone()
            .expect("the example has a lane");
        let p = lane
            .points
            .iter()
            .find(|p| p.step == PAUSE)
            .expect("a point");
        app.to_screen(p.pos)
    };
    assert_on_canvas(&h, point);
    // Nothing hovered: no ring at the point.
    h.event(Event::PointerMoved(pos2(5.0, 500.0)));
    h.run();
    assert!(selection_rings(&h).iter().all(|c| c.distance(point) > 1.0));

    // The point: its card counts as hovered (outlined on the canvas).
    h.event(Event::PointerMoved(point));
    h.run();
    assert_eq!(h.state().view().hovered, Some(PAUSE));
    assert!(
        selection_rings(&h).iter().any(|c| c.distance(point) < 1.0),
        "the point itself is ringed"
    );

    // The card: its point on the curve is ringed.
    h.event(Event::PointerMoved(pos2(5.0, 500.0)));
    h.run();
    h.event(Event::PointerMoved(card_centre(&h, PAUSE)));
    h.run();
    assert_eq!(h.state().view().hovered, Some(PAUSE));
    assert!(
        selection_rings(&h).iter().any(|c| c.distance(point) < 1.0),
        "hovering the card rings its point on the curve"
    );
}

// --- NPS survey data ---------------------------------------------------------------------

/// Every NPS badge text painted in the last frame.
fn painted_badges(h: &App) -> Vec<String> {
    let mut badges: Vec<String> = painted_texts(h)
        .into_iter()
        .filter(|t| t.starts_with("NPS "))
        .collect();
    badges.sort();
    badges
}

/// The badges the cards of `j` should show for `wave`: each surveyed step's NPS, and
/// 「未調査」 on every other ordinary step.
fn expected_badges(j: &Journey, wave: &str) -> Vec<String> {
    let stats = kaidan::nps::stats(j);
    let wave = stats.iter().find(|w| w.name == wave).expect("wave");
    let mut badges: Vec<String> = j
        .steps
        .iter()
        .filter_map(|s| match wave.steps.get(&s.id) {
            Some(st) => Some(format!(
                "NPS {}",
                kaidan::paint::nps::nps_text(st.summary.nps)
            )),
            None => (s.kind == kaidan::model::StepKind::Step).then(|| "NPS 未調査".to_owned()),
        })
        .collect();
    badges.sort();
    badges
}

#[test]
fn importing_nps_data_from_the_file_menu_is_one_undo_step_and_shows_the_new_wave() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let csv = dir.path().join("answers.csv");
    // Shift_JIS, as Japanese Excel saves it.
    let (bytes, _, _) = encoding_rs::SHIFT_JIS
        .encode("ステップ,スコア\n無料サンプルを申し込む,10\n無料サンプルを申し込む,9\ns24,3\n");
    std::fs::write(&csv, bytes).expect("write csv");
    let mut h = app_with(ScriptedDialogs {
        csv: vec![csv],
        ..ScriptedDialogs::default()
    });
    let before = journey(&h);
    menu_path(&mut h, &["ファイル"]);
    h.get_by_label_contains("NPS データを取り込む…").click();
    h.run();
    assert!(
        h.query_by_label("NPS データの取り込み").is_some(),
        "the dialog is open"
    );
    h.get_by_label("取り込む").click();
    h.run();
    assert!(
        h.query_by_label("NPS データの取り込み").is_none(),
        "and closes"
    );
    let after = journey(&h);
    assert_eq!(after.surveys.waves.len(), before.surveys.waves.len() + 1);
    let wave = after.surveys.wave("調査3").expect("the suggested new wave");
    assert_eq!(
        wave.steps.get(&SAMPLE),
        Some(&kaidan::model::Scores::from_answers([10, 9, 3]))
    );
    assert_eq!(wave.steps.len(), 1, "only the step in the file");
    assert_eq!(
        h.state().view().wave.as_deref(),
        Some("調査3"),
        "the new wave is shown"
    );
    // 2 promoters, 1 detractor of 3: NPS +33, a small sample.
    let texts = painted_texts(&h);
    assert!(texts.iter().any(|t| t == "NPS +33"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "n=3※"), "{texts:?}");
    assert_eq!(painted_badges(&h), expected_badges(&after, "調査3"));
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn a_csv_with_a_bad_row_imports_nothing_and_the_dialog_lists_the_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "step,score\ns24,5\ns24,11\ns24,abc\n").expect("write csv");
    let mut h = app_with(ScriptedDialogs {
        csv: vec![csv],
        ..ScriptedDialogs::default()
    });
    let before = journey(&h);
    press(&mut h, CTRL, Key::I);
    h.get_by_label("取り込む").click();
    h.run();
    assert_eq!(journey(&h), before, "nothing imported");
    assert!(!h.state().document().is_dirty());
    // In the UI's language (Japanese here), from the string table.
    let _listed = h.get_by_label_contains("3 行目: スコア「11」は 0〜10 の整数ではありません");
    let _also = h.get_by_label_contains("4 行目: スコア「abc」");
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(h.query_by_label("NPS データの取り込み").is_none());
    assert_eq!(journey(&h), before);
}

#[test]
fn switching_the_wave_changes_every_badge_and_the_layer_toggles_hide_and_tint() {
    let mut h = app();
    let j = journey(&h);
    assert_eq!(
        painted_badges(&h),
        expected_badges(&j, "2026年秋"),
        "latest wave first"
    );
    h.get_by_label("調査回").click();
    h.run();
    h.get_by_label("2026年春").click();
    h.run();
    assert_eq!(h.state().view().wave.as_deref(), Some("2026年春"));
    assert_eq!(painted_badges(&h), expected_badges(&j, "2026年春"));
    assert_ne!(
        expected_badges(&j, "2026年春"),
        expected_badges(&j, "2026年秋"),
        "the waves differ, so the check above means something"
    );

    // F7 hides the layer: no badges, and the cards lose their strip.
    press(&mut h, Modifiers::NONE, Key::F7);
    assert!(painted_badges(&h).is_empty());
    let scene = h.state().document().scene();
    assert!(scene.cards.iter().all(|c| c.strip.is_none()));
    let short = card_rect(&h, BUY).height();
    press(&mut h, Modifiers::NONE, Key::F7);
    assert_eq!(painted_badges(&h), expected_badges(&j, "2026年春"));
    assert!(card_rect(&h, BUY).height() > short, "the strip is back");

    // F8 tints the cards by NPS; the setting is remembered.
    assert!(!h.state().settings.layers.nps_heat);
    press(&mut h, Modifiers::NONE, Key::F8);
    assert!(h.state().settings.layers.nps_heat && h.state().settings.layers.nps);
    assert_eq!(journey(&h), j, "layers and waves are view state, not edits");
    assert!(!h.state().document().is_dirty());
}

#[test]
fn typing_a_count_in_the_inspector_sets_that_score_as_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, BUY, Modifiers::NONE);
    assert_eq!(h.state().settings.tab, Tab::Step);
    let _section = h.get_by_label_contains("NPS — 2026年秋");
    let spin = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == Role::SpinButton && n.label().as_deref() == Some("10")
    };
    // The counts sit below the fold of the inspector: scroll them into view first.
    h.get_by(spin).scroll_to_me();
    h.run();
    // A click opens the count for typing with its text selected.
    h.get_by(spin).click();
    h.run();
    type_text(&mut h, "99");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let after = journey(&h);
    let old = before.surveys.wave("2026年秋").expect("wave").steps[&BUY];
    let mut expected = old;
    expected.0[10] = 99;
    assert_eq!(
        after.surveys.wave("2026年秋").expect("wave").steps[&BUY],
        expected
    );
    assert_undo_redo(&mut h, &before, &after);
}

// --- PNG export --------------------------------------------------------------------------

/// Runs frames until `done` holds (the export runs on a worker thread), at most ~10 s.
fn run_until(h: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..400 {
        // One frame at a time: while the export runs, a spinner keeps asking for repaints.
        h.step();
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("timed out waiting for the export");
}

fn copied_image(h: &App) -> Option<[usize; 2]> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        })
}

#[test]
fn the_export_dialog_writes_the_png_it_previews_and_remembers_the_choices() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let target = dir.path().join("slide.png");
    let mut h = app_with(ScriptedDialogs {
        exports: vec![target.clone()],
        ..ScriptedDialogs::default()
    });
    let before = journey(&h);
    press(&mut h, CTRL, Key::E);
    assert!(
        h.query_by_label("PNG に書き出す").is_some(),
        "the dialog is open"
    );
    // Choose 4K and a transparent page; the choices are remembered in the settings.
    // (Through accessibility actions: the modal re-centres as its preview changes size.)
    h.get_by_label("4K 3840×2160").click_accesskit();
    h.run();
    h.get_by_label("透明").click_accesskit();
    h.run();
    let choices = &h.state().settings.export;
    assert_eq!(choices.preset, kaidan::app::export_dialog::Preset::Uhd);
    assert!(choices.transparent);
    assert!(
        h.query_by_label_contains("3840 × 2160 px").is_some(),
        "the preview says the size"
    );
    let slide = kaidan::export::Request::new(kaidan::export::Size::UHD, Lang::Ja, "");
    let smallest = kaidan::export::placement(&before, &slide)
        .expect("placement")
        .smallest_text_px();
    assert!(
        h.query_by_label_contains(&format!("最小の文字: {smallest:.0} px"))
            .is_some(),
        "the preview says how large the smallest text is"
    );
    h.get_by_label("書き出す…").click_accesskit();
    run_until(&mut h, |_| target.exists());
    run_until(&mut h, |h| h.query_by_label("PNG に書き出す").is_none());
    let png = image::open(&target).expect("a PNG").to_rgba8();
    assert_eq!(png.dimensions(), (3840, 2160));
    assert_eq!(png.get_pixel(0, 0).0[3], 0, "transparent, as chosen");
    assert_eq!(journey(&h), before, "exporting changes nothing");
    assert!(!h.state().document().is_dirty());
}

#[test]
fn the_export_dialog_writes_a_vector_pdf_when_pdf_is_chosen_and_remembers_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // The user types a name without an extension: the chosen format's is added.
    let mut h = app_with(ScriptedDialogs {
        exports: vec![dir.path().join("slide")],
        ..ScriptedDialogs::default()
    });
    press(&mut h, CTRL, Key::E);
    h.get_by_label(T::FormatPdf.text(Lang::Ja))
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label("PDF に書き出す").is_some(),
        "the heading names the format"
    );
    assert_eq!(h.state().settings.export.format, Format::Pdf);
    h.get_by_label("書き出す…").click_accesskit();
    let target = dir.path().join("slide.pdf");
    run_until(&mut h, |_| target.exists());
    run_until(&mut h, |h| h.query_by_label("PDF に書き出す").is_none());
    let bytes = std::fs::read(&target).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF, not a PNG");
    // The next time the dialog opens, PDF is still chosen.
    press(&mut h, CTRL, Key::E);
    assert!(h.query_by_label("PDF に書き出す").is_some());
}

#[test]
fn the_export_dialog_writes_a_deck_as_one_pdf_or_a_folder_of_slides_and_remembers_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("slides");
    let mut h = app_with(ScriptedDialogs {
        exports: vec![dir.path().join("deck")],
        folders: vec![folder.clone()],
        ..ScriptedDialogs::default()
    });
    let expected = kaidan::export::deck::slides(
        &journey(&h),
        &kaidan::export::Request::new(kaidan::export::Size::SLIDE, Lang::Ja, ""),
    )
    .expect("deck")
    .len();
    press(&mut h, CTRL, Key::E);
    h.get_by_label(T::DeckArea.text(Lang::Ja)).click_accesskit();
    h.run();
    h.get_by_label(T::FormatPdf.text(Lang::Ja))
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label("デッキを書き出す").is_some(),
        "the heading"
    );
    run_until(&mut h, |h| {
        h.query_by_label_contains(&format!("{expected} 枚のスライド"))
            .is_some()
    });
    // The clipboard holds one image: copying a deck is not offered.
    assert!(
        h.get_by_label(T::CopyImage.text(Lang::Ja))
            .accesskit_node()
            .is_disabled()
    );
    // A PDF deck: one file, a page per slide.
    h.get_by_label("書き出す…").click_accesskit();
    let pdf = dir.path().join("deck.pdf");
    run_until(&mut h, |h| {
        pdf.exists() && h.query_by_label("デッキを書き出す").is_none()
    });
    let document = lopdf::Document::load(&pdf).expect("a PDF");
    assert_eq!(document.get_pages().len(), expected);
    assert!(h.state().settings.export.deck, "remembered");
    // A PNG deck: a folder of numbered slides, the overview first.
    press(&mut h, CTRL, Key::E);
    assert!(
        h.query_by_label("デッキを書き出す").is_some(),
        "still a deck"
    );
    h.get_by_label(T::FormatPng.text(Lang::Ja))
        .click_accesskit();
    h.run();
    h.get_by_label("書き出す…").click_accesskit();
    run_until(&mut h, |h| {
        folder.is_dir() && h.query_by_label("デッキを書き出す").is_none()
    });
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), expected, "{names:?}");
    assert_eq!(names[0], "01-全体像.png");
    let first = image::open(folder.join(&names[0])).expect("a PNG");
    assert_eq!((first.width(), first.height()), (1920, 1080));
}

#[test]
fn copy_image_puts_the_slide_on_the_clipboard() {
    let mut h = app();
    press(&mut h, CTRL_SHIFT, Key::C);
    run_until(&mut h, |h| copied_image(h).is_some());
    assert_eq!(copied_image(&h), Some([1920, 1080]));
}

#[test]
fn the_export_dialog_warns_when_a_slide_would_be_too_small_to_read() {
    // 300 steps cannot fit a slide at a readable size.
    let mut h = app_on(
        kaidan::model::synthetic::journey(300, 3),
        ScriptedDialogs::default(),
    );
    press(&mut h, CTRL, Key::E);
    run_until(&mut h, |h| {
        h.query_by_label_contains("投影では読みにくい").is_some()
    });
    // 4K is the same slide, sharper: the advice is the deck or a part, never 4K again.
    h.get_by_label("4K 3840×2160").click_accesskit();
    run_until(&mut h, |h| {
        h.query_by_label_contains("3840 × 2160 px").is_some()
            && h.query_by_label_contains("投影では読みにくい").is_some()
    });
    let warning = h
        .query_by_label_contains("投影では読みにくい")
        .and_then(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .expect("still too small at 4K");
    assert!(warning.contains("デッキ"), "{warning}");
    assert!(!warning.contains("4K を選"), "{warning}");
    h.get_by_label("閉じる").click_accesskit();
    run_until(&mut h, |h| h.query_by_label("PNG に書き出す").is_none());
}

// ---------------------------------------------------------------- initiatives

/// The colour each painted text is drawn in (its first section's), by text.
fn painted_text_colours(h: &App) -> Vec<(String, Color32)> {
    fn collect(shape: &Shape, out: &mut Vec<(String, Color32)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            Shape::Text(text) => {
                let colour = text
                    .galley
                    .job
                    .sections
                    .first()
                    .map_or(text.fallback_color, |s| s.format.color);
                out.push((text.galley.text().to_owned(), colour));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn i_opens_a_new_initiative_typed_with_ime_tab_cycles_its_department_and_enter_adds_it_as_one_undo_step()
 {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::I);
    assert!(h.state().view().capture.is_some(), "I opens the field");
    ime_compose(&mut h, "しいんかい", "試飲会の案内");
    // Tab: no department → the first → the second.
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_same(&journey(&h), &before, "nothing changes while typing");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().view().capture.is_none(), "Enter closes the field");
    let after = journey(&h);
    let added = after
        .step(PAUSE)
        .and_then(|s| s.initiatives.last())
        .expect("an initiative")
        .clone();
    assert_eq!(added.text, "試飲会の案内");
    assert_eq!(added.department, Some(before.departments[1].id));
    assert_eq!(added.status, kaidan::model::Status::Idea);
    let mut expected = before.clone();
    let i = expected.step_index(PAUSE).expect("step");
    expected.steps[i].initiatives.push(added);
    assert_same(&after, &expected, "only the initiative was added");
    assert_undo_redo(&mut h, &before, &after);
    // Escape drops a started one.
    press(&mut h, Modifiers::NONE, Key::I);
    type_text(&mut h, "やめる");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().capture.is_none());
    assert_same(&journey(&h), &after, "Escape adds nothing");
}

#[test]
fn dragging_a_chip_onto_another_step_moves_the_initiative_with_its_department() {
    let mut h = app();
    let before = journey(&h);
    let from = BUY;
    let moved = before.step(from).expect("step").initiatives[0].clone();
    let chip = h
        .state()
        .chip_screen_rect(from, 0)
        .expect("the chip is drawn");
    let target = card_centre(&h, SUBSCRIBE);
    drag(&mut h, chip.center(), target);
    let after = journey(&h);
    assert!(after.step(from).expect("step").initiatives.is_empty());
    assert_eq!(
        after.step(SUBSCRIBE).expect("step").initiatives.last(),
        Some(&moved),
        "moved whole: text, department, kind and status"
    );
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn clicking_a_chip_then_delete_removes_only_that_initiative() {
    let mut h = app();
    let before = journey(&h);
    let step = before
        .steps
        .iter()
        .find(|s| s.initiatives.len() >= 2)
        .expect("a step with two initiatives");
    let (id, kept) = (step.id, step.initiatives[1].clone());
    let chip = h
        .state()
        .chip_screen_rect(id, 0)
        .expect("the chip is drawn");
    click_at(&mut h, chip.center(), Modifiers::NONE);
    assert_eq!(h.state().view().chip, Some((id, 0)));
    press(&mut h, Modifiers::NONE, Key::Delete);
    let after = journey(&h);
    assert_eq!(
        after.step(id).expect("the step stays").initiatives,
        vec![kept]
    );
    assert_eq!(after.steps.len(), before.steps.len());
}

#[test]
fn highlighting_a_department_from_the_view_menu_fades_the_others_chips() {
    let mut h = app();
    let j = journey(&h);
    let ad = &j.departments[0];
    let other = j
        .steps
        .iter()
        .flat_map(|s| &s.initiatives)
        .find(|i| i.department.is_some_and(|d| d != ad.id))
        .expect("an initiative of another department")
        .text
        .clone();
    let own = j
        .steps
        .iter()
        .flat_map(|s| &s.initiatives)
        .find(|i| i.department == Some(ad.id))
        .expect("an initiative of the department")
        .text
        .clone();
    // Chip texts are drawn cut to the chip; find them by their start.
    let colour_of = |h: &App, text: &str| {
        let start: String = text.chars().take(3).collect();
        painted_text_colours(h)
            .into_iter()
            .find(|(t, _)| t.starts_with(&start))
            .map_or_else(|| panic!("{text} is painted"), |(_, c)| c)
    };
    let (other_before, own_before) = (colour_of(&h, &other), colour_of(&h, &own));
    menu_path(
        &mut h,
        &["表示", T::HighlightDepartment.text(Lang::Ja), &ad.name],
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().view().highlight, Some(ad.id));
    let (other_after, own_after) = (colour_of(&h, &other), colour_of(&h, &own));
    assert_eq!(own_after, own_before, "the department's own chips stay");
    assert!(
        other_after.a() < other_before.a(),
        "another department's chip fades: {other_before:?} → {other_after:?}"
    );
}

#[test]
fn the_initiatives_tab_lists_by_department_and_clicking_one_selects_and_centres_its_step() {
    let mut h = app();
    let j = journey(&h);
    h.get_by_label(T::InitiativesTab.text(Lang::Ja)).click();
    h.run();
    // The last step with an initiative: far from the fitted view's centre.
    let step = j
        .steps
        .iter()
        .filter(|s| !s.initiatives.is_empty())
        .max_by(|a, b| a.t.total_cmp(&b.t))
        .expect("a step with an initiative");
    let text = &step.initiatives[0].text;
    let row = h
        .query_by_label_contains(text)
        .unwrap_or_else(|| panic!("{text} is listed"));
    row.click();
    h.run();
    h.run();
    assert_eq!(selection(&h), std::iter::once(step.id).collect());
    let canvas = h.state().view().canvas_rect.expect("canvas");
    let centre = card_centre(&h, step.id);
    assert!(
        centre.distance(canvas.center()) < 2.0,
        "centred: {centre:?} vs {:?}",
        canvas.center()
    );
    // Grouped by department: the department's name heads its group.
    let name = &j.departments[0].name;
    assert!(
        h.query_by_label_contains(name).is_some(),
        "{name} heads a group"
    );
}

#[test]
fn removing_a_department_with_initiatives_asks_then_unassigns_them_as_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    let department = before.departments[0].clone();
    let owned = |j: &Journey| {
        j.steps
            .iter()
            .flat_map(|s| &s.initiatives)
            .filter(|i| i.department == Some(department.id))
            .count()
    };
    assert!(owned(&before) > 0, "set-up: it owns initiatives");
    h.get_by_label(T::InitiativesTab.text(Lang::Ja)).click();
    h.run();
    h.get_by_label(T::Departments.text(Lang::Ja)).click();
    h.run();
    // The first department's remove button (the departments are listed in order).
    h.get_all_by_label("×")
        .next()
        .expect("a remove button per department")
        .click();
    h.run();
    assert_same(
        &journey(&h),
        &before,
        "nothing is removed before the answer",
    );
    assert!(
        h.query_by_label_contains(T::RemoveDepartmentTitle.text(Lang::Ja))
            .is_some(),
        "it asks first"
    );
    h.get_by_label(T::Remove.text(Lang::Ja)).click();
    h.run();
    let after = journey(&h);
    assert!(after.department(department.id).is_none(), "removed");
    assert_eq!(owned(&after), 0);
    let count = |j: &Journey| j.steps.iter().map(|s| s.initiatives.len()).sum::<usize>();
    assert_eq!(count(&after), count(&before), "its initiatives stay");
    assert_undo_redo(&mut h, &before, &after);
}

// ---------------------------------------------------------------- presenter view

/// The painted texts, line breaks removed (titles wrap in cards).
fn painted_joined(h: &App) -> Vec<String> {
    painted_texts(h)
        .into_iter()
        .map(|t| t.replace('\n', ""))
        .collect()
}

fn painted_starting(h: &App, start: &str) -> bool {
    painted_joined(h).iter().any(|t| t.starts_with(start))
}

#[test]
fn f5_enters_presenter_view_full_screen_without_menus_and_esc_leaves() {
    let mut h = app();
    assert!(
        h.query_by_label("ファイル").is_some(),
        "set-up: the menu bar"
    );
    // One frame for the key press: its output carries the window command.
    h.event(Event::Key {
        key: Key::F5,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    assert!(
        viewport_commands(&h).contains(&ViewportCommand::Fullscreen(true)),
        "full screen"
    );
    h.run();
    assert!(h.state().view().presenter.is_some());
    assert!(h.query_by_label("ファイル").is_none(), "no menu bar");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().presenter.is_none());
    assert!(h.query_by_label("ファイル").is_some(), "the menus are back");
}

#[test]
fn presenter_view_reveals_phase_by_phase_and_draws_nothing_unrevealed() {
    let mut h = app();
    let j = journey(&h);
    press(&mut h, Modifiers::NONE, Key::F5);
    h.run();
    // Steps by phase, from the document (the first phase holds only the start).
    let in_phase = |k: usize| -> Vec<String> {
        let p = &j.phases[k];
        j.steps
            .iter()
            .filter(|s| p.start <= s.t && s.t < p.end)
            .map(|s| s.title.chars().take(4).collect())
            .collect()
    };
    let shown = |h: &App, k: usize| in_phase(k).iter().all(|t| painted_starting(h, t));
    let hidden = |h: &App, k: usize| in_phase(k).iter().all(|t| !painted_starting(h, t));
    assert!(shown(&h, 0), "the first phase");
    assert!(
        hidden(&h, 1) && hidden(&h, 3),
        "later phases are not painted"
    );
    press(&mut h, Modifiers::NONE, Key::PageDown);
    assert!(
        shown(&h, 1) && hidden(&h, 2),
        "PageDown reveals the next phase"
    );
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert!(shown(&h, 2), "→ too");
    press(&mut h, Modifiers::NONE, Key::PageUp);
    assert!(hidden(&h, 2), "PageUp hides it again");
    press(&mut h, Modifiers::NONE, Key::End);
    // Everything is revealed; the view glides to the newest phase (the earliest may have
    // scrolled off to the left: the type stays large).
    let last = j.phases.len() - 1;
    assert!(shown(&h, last), "End: the last phase too");
    assert_eq!(
        h.state().view().presenter.as_ref().map(|p| p.revealed),
        Some(j.phases.len())
    );
    press(&mut h, Modifiers::NONE, Key::Home);
    assert!(hidden(&h, 1), "Home: the start only");
    let start: String = j
        .start_step()
        .expect("start")
        .title
        .chars()
        .take(4)
        .collect();
    assert!(painted_starting(&h, &start), "the start stays");
}

#[test]
fn presenter_view_allows_no_structural_edit() {
    let mut h = app();
    let before = journey(&h);
    click_card(&mut h, PAUSE, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::F5);
    press(&mut h, Modifiers::NONE, Key::End);
    for key in [Key::Delete, Key::L, Key::N, Key::F2, Key::I, Key::ArrowUp] {
        press(&mut h, Modifiers::NONE, key);
    }
    press(&mut h, CTRL, Key::D);
    // A card on screen (the newest phase's), dragged.
    let card = card_centre(&h, StepId(34));
    drag(&mut h, card, card + vec2(-200.0, 150.0));
    assert_same(&journey(&h), &before, "nothing changed");
}

#[test]
fn the_spotlight_shows_a_step_large_and_a_sticky_note_typed_there_becomes_an_idea() {
    let mut h = app();
    let before = journey(&h);
    press(&mut h, Modifiers::NONE, Key::F5);
    // Up to 継続, where 飽きて休止する is, the newest phase on screen.
    for _ in 0..3 {
        press(&mut h, Modifiers::NONE, Key::PageDown);
    }
    h.run();
    let quote = before.step(PAUSE).expect("step").emotion.quote.clone();
    assert!(!painted_joined(&h).iter().any(|t| t.contains(&quote)));
    let card = card_centre(&h, PAUSE);
    click_at(&mut h, card, Modifiers::NONE);
    h.run();
    assert_eq!(
        h.state()
            .view()
            .presenter
            .as_ref()
            .and_then(|p| p.spotlight),
        Some(PAUSE)
    );
    assert!(
        painted_joined(&h).iter().any(|t| t.contains(&quote)),
        "the customer's words, large"
    );
    ime_compose(&mut h, "ふせん", "休止前に声をかける");
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let after = journey(&h);
    let added = after
        .step(PAUSE)
        .and_then(|s| s.initiatives.last())
        .expect("the note")
        .clone();
    assert_eq!(added.text, "休止前に声をかける");
    assert_eq!(added.status, kaidan::model::Status::Idea);
    assert_eq!(added.department, Some(before.departments[0].id));
    // Ctrl+Z works in presenter view, and Esc leaves the spotlight, then the view.
    press(&mut h, CTRL, Key::Z);
    assert_same(&journey(&h), &before, "undone");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.state()
            .view()
            .presenter
            .as_ref()
            .is_some_and(|p| p.spotlight.is_none())
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().presenter.is_none());
}

#[test]
fn t_starts_the_timer_pauses_it_and_it_flashes_at_zero_on_a_fake_clock() {
    let mut h = app();
    let at = |h: &mut App, t: f64| {
        h.input_mut().time = Some(t);
        h.step();
    };
    at(&mut h, 1000.0);
    press(&mut h, Modifiers::NONE, Key::T);
    assert!(
        h.query_by_label("タイマー 5:00").is_some(),
        "T starts five minutes"
    );
    at(&mut h, 1061.0);
    assert!(h.query_by_label("タイマー 3:59").is_some(), "counting down");
    press(&mut h, Modifiers::NONE, Key::T);
    at(&mut h, 1500.0);
    assert!(h.query_by_label("タイマー 3:59").is_some(), "paused");
    press(&mut h, Modifiers::NONE, Key::T);
    at(&mut h, 1500.0 + 240.0);
    assert!(
        h.query_by_label("タイマー 0:00").is_some(),
        "at zero it shows 0:00, flashing"
    );
    // In presenter view it shows in the corner.
    press(&mut h, Modifiers::NONE, Key::F5);
    assert!(
        painted_joined(&h)
            .iter()
            .any(|t| t.contains("タイマー 0:00"))
    );
}

/// The largest font size a painted text starting with `start` is drawn at (screen points).
fn painted_size(h: &App, start: &str) -> Option<f32> {
    fn collect(shape: &Shape, start: &str, out: &mut Option<f32>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, start, out)),
            Shape::Text(text) if text.galley.text().replace('\n', "").starts_with(start) => {
                if let Some(s) = text.galley.job.sections.first() {
                    *out = Some(out.unwrap_or(0.0).max(s.format.font_id.size));
                }
            }
            _ => {}
        }
    }
    let mut out = None;
    for clipped in &h.output().shapes {
        collect(&clipped.shape, start, &mut out);
    }
    out
}

#[test]
fn presenter_view_draws_card_titles_at_24_px_on_1080p_and_16_on_720p_with_everything_revealed() {
    for (size, floor) in [(vec2(1920.0, 1080.0), 24.0), (vec2(1280.0, 720.0), 16.0)] {
        let app = KaidanApp::new(
            example(&kaidan::bundled::TEINEI),
            None,
            common::settings(),
            Box::new(ScriptedDialogs::default()),
        );
        let mut h = common::harness_sized(app, size);
        press(&mut h, Modifiers::NONE, Key::F5);
        press(&mut h, Modifiers::NONE, Key::End);
        h.run();
        // The goal, the newest step, is on screen at the right.
        let j = journey(&h);
        let goal = j
            .steps
            .iter()
            .find(|s| s.kind == kaidan::model::StepKind::Goal)
            .expect("goal");
        let start: String = goal.title.chars().take(4).collect();
        let px = painted_size(&h, &start).unwrap_or_else(|| panic!("{start} is drawn"));
        assert!(px >= floor, "{size:?}: {px:.1} px");
    }
}

#[test]
fn the_toolbar_button_and_the_view_menu_enter_presenter_view_too() {
    let mut h = app();
    h.get_by_label_contains(T::Present.text(Lang::Ja)).click();
    h.run();
    assert!(h.state().view().presenter.is_some(), "the toolbar button");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().presenter.is_none());
    h.get_by_label("表示").click();
    h.run();
    // The menu's entry (its label carries the shortcut), not the toolbar's button.
    let entry = h
        .query_all_by_label_contains(T::Present.text(Lang::Ja))
        .find(|n| !n.accesskit_node().label().unwrap_or_default().contains('('))
        .expect("the View menu's entry");
    entry.click();
    h.run();
    assert!(h.state().view().presenter.is_some(), "the View menu");
}
