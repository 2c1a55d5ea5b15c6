//! Presenter view (reveal by phase, spotlight, no structural edits) and the timer.

use crate::common::{self, App};
use crate::helpers::{CTRL, PAUSE, app, assert_same, example, journey};
use crate::input::{click_at, click_card, drag, ime_compose, press};
use crate::screen::{card_centre, painted_texts, viewport_commands};
use egui::{Event, Key, Modifiers, Shape, ViewportCommand, vec2};
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;
use kaidan::app::KaidanApp;
use kaidan::app::files::ScriptedDialogs;
use kaidan::i18n::{Lang, T};
use kaidan::model::StepId;

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
