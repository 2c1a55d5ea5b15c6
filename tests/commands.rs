//! One command system: every action is in the table of `UiAction`, and the command palette
//! (Ctrl+Shift+P, Ctrl+K) finds each in Japanese or English and runs it; the menus are made
//! from the same table (`egui_kittest`, no display).

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::actions::UiAction;
use kaidan::app::files::ScriptedDialogs;
use kaidan::app::menus::{Entry, MENUS};
use kaidan::i18n::Lang;

mod common;
use common::{App, CTRL};

const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..CTRL
};

fn app() -> App {
    common::teinei(ScriptedDialogs::default(), egui::vec2(1400.0, 900.0))
}

fn press(h: &mut App, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn open(h: &App) -> bool {
    h.state().view().palette.is_some()
}

/// Types `text` into the focused field as an IME commits it.
fn ime(h: &mut App, text: &str) {
    h.event(Event::Ime(ImeEvent::Preedit {
        text: text.to_owned(),
        active_range_chars: None,
    }));
    h.event(Event::Ime(ImeEvent::Commit(text.to_owned())));
    h.run();
}

/// Empties the palette's field.
fn clear(h: &mut App) {
    press(h, CTRL, Key::A);
    press(h, Modifiers::NONE, Key::Backspace);
}

#[test]
fn the_palette_finds_commands_in_english_and_japanese_and_enter_runs_the_first() {
    let mut h = app();
    press(&mut h, CTRL_SHIFT, Key::P);
    assert!(open(&h), "Ctrl+Shift+P opens the palette");
    // English words in a Japanese UI: the theme toggle, shown in Japanese.
    h.event(Event::Text("dark".into()));
    h.run();
    assert!(h.query_by_label_contains("ダークテーマ").is_some());
    let dark = h.state().settings.dark;
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_ne!(h.state().settings.dark, dark, "Enter ran it");
    assert!(!open(&h), "and closed the palette");

    // Japanese through the IME: 拡大 is zoom in.
    press(&mut h, CTRL, Key::K);
    assert!(open(&h), "Ctrl+K opens it too");
    ime(&mut h, "拡大");
    let zoom = h.state().view().camera.zoom;
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().view().camera.zoom > zoom, "zoomed in");

    // What cannot run now is listed, greyed, and Enter does not run it.
    press(&mut h, CTRL, Key::K);
    h.event(Event::Text("削除".into()));
    h.run();
    let before = h.state().document().journey().clone();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(open(&h), "nothing selected: Delete does not run");
    assert_eq!(h.state().document().journey(), &before);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!open(&h), "Esc closes the palette");
}

fn collect(entries: &[Entry], into: &mut Vec<UiAction>) {
    for entry in entries {
        match entry {
            Entry::Action(a) => into.push(*a),
            Entry::Submenu(_, inner) => collect(inner, into),
            _ => {}
        }
    }
}

#[test]
fn every_action_is_reachable_from_the_menus_and_found_by_the_palette() {
    let mut in_menus = Vec::new();
    for (_, entries) in MENUS {
        collect(entries, &mut in_menus);
    }
    let mut h = app();
    press(&mut h, CTRL, Key::K);
    for action in UiAction::ALL {
        // Keyboard actions of the canvas (nudges, valence) are in submenus too.
        assert!(in_menus.contains(&action), "{action:?} is in no menu");
        clear(&mut h);
        let text = action.text(Lang::Ja);
        h.event(Event::Text(text.clone()));
        h.run();
        assert!(
            h.query_all_by_label_contains(&text).next().is_some(),
            "the palette lists {action:?} as 「{text}」"
        );
        // The English words find it too.
        clear(&mut h);
        h.event(Event::Text(action.text(Lang::En)));
        h.run();
        assert!(
            h.query_all_by_label_contains(&text).next().is_some(),
            "the palette finds {action:?} by 「{}」",
            action.text(Lang::En)
        );
    }
}
