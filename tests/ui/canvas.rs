//! The canvas under the pointer: double-click to create, drag, connect, rubber band, camera.

use crate::common::App;
use crate::helpers::{
    BUY, CTRL, PAUSE, SAMPLE, SUBSCRIBE, app, assert_refused, assert_same, assert_undo_redo,
    journey, select_act_undo, selection, title_of,
};
use crate::input::{click_card, double_click_at, drag, drag_with, press, type_text};
use crate::screen::{
    assert_near, assert_on_canvas, band_centre_y, card_centre, card_rect, handle, screen_at,
    screen_per_t,
};
use egui::{
    Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, Rect, TouchPhase,
    pos2, vec2,
};
use kaidan::model::{LevelId, StepId};
use std::collections::BTreeSet;

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
    let from = card_centre(&h, PAUSE);
    // 2.5 units earlier: t 10.5, before 「定期コースに切り替える」 (t 12.0) which leads to it.
    let to = pos2(from.x - 2.5 * screen_per_t(&h), from.y);

    let message = assert_refused(&mut h, |h| drag(h, from, to));

    assert!(
        message.contains("時間をさかのぼれません"),
        "message: {message}"
    );
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
    assert!(
        journey(&h).link_index(SAMPLE, BUY).is_none(),
        "set-up: not linked"
    );
    select_act_undo(
        &mut h,
        &[SAMPLE],
        |h| {
            let (from, to) = (handle(h, SAMPLE), card_centre(h, BUY));
            drag(h, from, to);
        },
        |_, before, after| {
            assert!(after.link_index(SAMPLE, BUY).is_some(), "linked 24 → 26");
            assert_eq!(after.links.len(), before.links.len() + 1, "one link added");
            assert_eq!(after.steps, before.steps, "no step moved");
        },
    );
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
    // The later card first: the link must still run from the earlier one.
    select_act_undo(
        &mut h,
        &[BUY, SAMPLE],
        |h| press(h, Modifiers::NONE, Key::L),
        |_, before, after| {
            assert!(after.link_index(SAMPLE, BUY).is_some(), "linked 24 → 26");
            assert!(after.link_index(BUY, SAMPLE).is_none(), "not backwards");
            assert_eq!(after.links.len(), before.links.len() + 1);
        },
    );
}

// ---------------------------------------------------------------- rubber band

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

// ---------------------------------------------------------------- camera

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
