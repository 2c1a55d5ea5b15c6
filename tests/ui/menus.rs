//! The Edit and View menus, the shortcut sheet (F1) and the interface language.

use crate::common::App;
use crate::helpers::{PAUSE, PAUSE_TITLE, app, assert_same, journey};
use crate::input::{click_card, drag, menu_path, press};
use crate::screen::{card_centre, painted_texts, screen_per_t};
use egui::accesskit::Role;
use egui::{Key, KeyboardShortcut, Modifiers, Rect, pos2};
use egui_kittest::kittest::By;
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;
use kaidan::app::describe;
use kaidan::i18n::{Lang, T};

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
