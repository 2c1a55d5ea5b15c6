//! Input as the window integration hands it to egui: pointer, keys, text, IME, clipboard, menus.

use crate::common::App;
use crate::screen::{assert_on_canvas, card_centre};
use egui::{Event, ImeEvent, Key, Modifiers, OutputCommand, PointerButton, Pos2};
use egui_kittest::kittest::Queryable as _;
use kaidan::model::StepId;

fn button(pos: Pos2, pressed: bool, modifiers: Modifiers) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    }
}

/// Moves the pointer to `p`, then presses and releases the primary button there.
pub fn click_at(h: &mut App, p: Pos2, modifiers: Modifiers) {
    assert_on_canvas(h, p);
    h.event(Event::PointerMoved(p));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(button(p, true, modifiers));
    h.event(button(p, false, modifiers));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

pub fn click_card(h: &mut App, id: StepId, modifiers: Modifiers) {
    let p = card_centre(h, id);
    click_at(h, p, modifiers);
}

pub fn double_click_card(h: &mut App, id: StepId) {
    let p = card_centre(h, id);
    double_click_at(h, p);
}

/// Two clicks at `p` in consecutive frames (well inside egui's double-click delay).
pub fn double_click_at(h: &mut App, p: Pos2) {
    assert_on_canvas(h, p);
    h.event(Event::PointerMoved(p));
    for pressed in [true, false, true, false] {
        h.event(button(p, pressed, Modifiers::NONE));
    }
    h.run();
}

/// Presses at `from`, moves in ten frames to `to` (far past egui's drag threshold), and
/// releases there.
pub fn drag(h: &mut App, from: Pos2, to: Pos2) {
    drag_with(h, from, to, PointerButton::Primary, Modifiers::NONE);
}

/// [`drag`] with another button, and/or with `modifiers` held from before the press until
/// after the release.
pub fn drag_with(h: &mut App, from: Pos2, to: Pos2, button: PointerButton, modifiers: Modifiers) {
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
pub fn press(h: &mut App, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

pub fn type_text(h: &mut App, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run();
}

/// An IME composition: pre-edit text shown while converting, then the committed result.
pub fn ime_compose(h: &mut App, preedit: &str, commit: &str) {
    h.event(Event::Ime(ImeEvent::Preedit {
        text: preedit.to_owned(),
        active_range_chars: None,
    }));
    h.event(Event::Ime(ImeEvent::Commit(commit.to_owned())));
    h.run();
}

/// Sends egui's copy event (what the integration makes of Ctrl+C) in one frame; returns
/// the text that frame put on the clipboard, if any.
pub fn copy_event(h: &mut App) -> Option<String> {
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

/// Opens a menu of the menu bar, then a submenu in it, and clicks an entry.
pub fn menu_path(h: &mut App, path: &[&str]) {
    for label in path {
        h.get_by_label(label).click();
        h.run();
    }
}
