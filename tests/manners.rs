//! The editor's manners on a 1280×720 projector (`egui_kittest`, no display): no overlay
//! traps the user — each fits the window, and Esc (or a click beside it) closes the topmost.

use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use kaidan::app::KaidanApp;
use kaidan::app::files::ScriptedDialogs;

mod common;
use common::{App, CTRL};

/// The editor on the bundled example in a 1280×720 window.
fn app() -> App {
    common::teinei(ScriptedDialogs::default(), egui::vec2(1280.0, 720.0))
}

fn press(h: &mut App, key: Key) {
    h.key_press_modifiers(Modifiers::NONE, key);
    h.run();
}

fn click_at(h: &mut App, p: Pos2) {
    h.event(egui::Event::PointerMoved(p));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// Whether the F1 sheet is open: its heading (the Help menu's item has the same words, with
/// its key) is shown.
fn sheet_open(h: &App) -> bool {
    h.query_all_by_label("キーボードショートカット")
        .any(|n| n.accesskit_node().role() != egui::accesskit::Role::Button)
}

#[test]
fn at_1280x720_the_f1_sheet_fits_lists_the_mouse_and_closes_with_esc_f1_or_a_click_beside_it() {
    let mut h = app();
    press(&mut h, Key::F1);
    assert!(sheet_open(&h));
    let screen = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 720.0));
    let close = h.get_by_label("閉じる").rect();
    assert!(screen.contains_rect(close), "Close is on screen: {close:?}");
    assert!(
        h.query_by_label_contains("ダブルクリック").is_some(),
        "the sheet lists the mouse gestures too"
    );
    press(&mut h, Key::Escape);
    assert!(!sheet_open(&h), "Esc closes the sheet");
    press(&mut h, Key::F1);
    assert!(sheet_open(&h));
    press(&mut h, Key::F1);
    assert!(!sheet_open(&h), "F1 closes the sheet it opened");
    press(&mut h, Key::F1);
    click_at(&mut h, pos2(8.0, 700.0));
    assert!(!sheet_open(&h), "a click beside it closes it");
}

#[test]
fn an_open_menu_closes_with_esc() {
    let mut h = app();
    h.get_by_label("ファイル").click();
    h.run();
    let items = |h: &App| h.query_all_by_label_contains("新規").count();
    assert!(items(&h) > 0, "the menu is open");
    press(&mut h, Key::Escape);
    assert_eq!(items(&h), 0, "Esc closes it");
}

/// The editor on the example, answering the CSV dialog with `csv`.
fn app_importing(csv: &std::path::Path) -> App {
    let journey = kaidan::bundled::TEINEI.load().expect("example");
    let dialogs = ScriptedDialogs {
        csv: vec![csv.to_owned()],
        ..ScriptedDialogs::default()
    };
    let app = KaidanApp::new(journey, None, common::settings(), Box::new(dialogs));
    common::harness_sized(app, egui::vec2(1280.0, 720.0))
}

#[test]
fn the_import_dialog_shows_the_files_own_waves_beside_the_typed_name_and_never_drops_it_silently() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Every row names its wave: the typed name is not used, and the dialog says so.
    let all = dir.path().join("all.csv");
    std::fs::write(
        &all,
        "ステップ,スコア,調査回\r\n無料サンプルを申し込む,9,2026年春\r\n無料サンプルを申し込む,3,2026年春\r\n",
    )
    .expect("csv");
    let mut h = app_importing(&all);
    h.key_press_modifiers(CTRL, Key::I);
    h.run();
    let says = |h: &App, words: &[&str]| {
        h.query_all_by_label_contains(words[0])
            .any(|n| words.iter().all(|w| format!("{n:?}").contains(w)))
    };
    assert!(says(
        &h,
        &[
            "このファイルには調査回の列があり",
            "「2026年春」",
            "上の名前は使われません"
        ]
    ));
    assert!(
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "調査回の名前")
            .accesskit_node()
            .is_disabled(),
        "the unused name cannot be typed"
    );
    h.get_by_label("取り込む").click();
    h.run();
    let j = h.state().document().journey().clone();
    assert!(j.surveys.wave("2026年春").is_some());
    assert!(
        j.surveys.wave("調査3").is_none(),
        "no empty wave of the typed name"
    );

    // Some rows name none: both names are shown, and each gets its rows.
    let mixed = dir.path().join("mixed.csv");
    std::fs::write(
        &mixed,
        "ステップ,スコア,調査回\n無料サンプルを申し込む,9,2026年春\n無料サンプルを申し込む,3,\n",
    )
    .expect("csv");
    let mut h = app_importing(&mixed);
    h.key_press_modifiers(CTRL, Key::I);
    h.run();
    assert!(says(
        &h,
        &[
            "このファイルには調査回の列があります",
            "「2026年春」",
            "「調査3」"
        ]
    ));
    h.get_by_label("取り込む").click();
    h.run();
    let j = h.state().document().journey().clone();
    assert!(j.surveys.wave("2026年春").is_some() && j.surveys.wave("調査3").is_some());
}

/// The screen centre of step `id`'s card.
fn card_centre(h: &App, id: kaidan::model::StepId) -> Pos2 {
    let card = h.state().document().scene().card(id).expect("a card").rect;
    h.state().view().camera.to_screen() * card.center()
}

/// Every text painted in the last frame.
fn painted(h: &App) -> String {
    fn collect(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_owned()),
            egui::Shape::Vec(v) => v.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts.join("\n")
}

#[test]
fn a_drag_that_would_break_the_order_is_refused_live_with_the_reason_beside_the_card() {
    use kaidan::model::StepId;
    // 「飽きて休止する」 (t 13) follows 「定期コースに切り替える」 (t 12).
    let (pause, subscribe) = (StepId(29), StepId(28));
    let mut h = app();
    let before = h.state().document().journey().clone();
    let from = card_centre(&h, pause);
    let past = card_centre(&h, subscribe).x - 40.0;
    h.event(egui::Event::PointerMoved(from));
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    // Dragged to before the step that leads to it, and held there.
    for k in 1..=8 {
        let x = from.x + (past - from.x) * k as f32 / 8.0;
        h.event(egui::Event::PointerMoved(pos2(x, from.y)));
        h.run();
    }
    let refused = match &h.state().view().gesture {
        kaidan::app::view::Gesture::Move {
            preview: Some(p), ..
        } => p.refused.clone(),
        other => panic!("dragging: {other:?}"),
    };
    let why = refused.expect("refused while dragging");
    let text = kaidan::i18n::Localize::localize(&why, kaidan::i18n::Lang::Ja);
    assert!(painted(&h).contains(&text), "the reason is shown: {text}");
    assert!(text.contains("定期コースに切り替える"), "{text}");
    // Released there: nothing moves.
    let at = pos2(past, from.y);
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().document().journey(), &before);
}

#[test]
fn the_nps_plots_number_every_step_with_a_key_and_keep_their_legends_off_the_bars() {
    let mut h = app();
    h.get_by_label("NPS").click();
    h.run();
    let text = painted(&h);
    // The main path of the latest wave: every step numbered on the axes, and keyed.
    let j = h.state().document().journey().clone();
    let wave = j.surveys.waves.last().expect("the example has waves");
    let path: Vec<_> = j
        .longest_path()
        .into_iter()
        .filter(|id| wave.steps.contains_key(id))
        .collect();
    assert!(path.len() > 5, "set-up: a path with scores");
    for (i, id) in path.iter().enumerate() {
        let title = &j.step(*id).expect("step").title;
        let head: String = title.chars().take(4).collect();
        assert!(
            text.contains(&format!("{} {head}", i + 1)),
            "the key gives step {} its title 「{title}」",
            i + 1
        );
    }
    // The legends are labels of their own, above the plots, in the UI's language.
    for name in ["批判者 (0–6)", "中立者 (7–8)", "推奨者 (9–10)"] {
        let label = h.get_by_label(name);
        assert_eq!(
            label.accesskit_node().role(),
            egui::accesskit::Role::Label,
            "{name}"
        );
    }
}

#[test]
fn without_a_system_file_dialog_the_in_app_chooser_saves_and_opens_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("a.kaidan.ron");
    let journey = kaidan::bundled::TEINEI.load().expect("example");
    kaidan::io::save(&first, &journey).expect("save");
    let dialogs = ScriptedDialogs {
        unavailable: true,
        ..ScriptedDialogs::default()
    };
    let app = KaidanApp::new(
        journey.clone(),
        Some(first.clone()),
        common::settings(),
        Box::new(dialogs),
    );
    let mut h = common::harness_sized(app, egui::vec2(1280.0, 720.0));
    // Save As: the chooser opens in the project's folder with a name suggested, and says why.
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::S,
    );
    h.run();
    let message = h.state().message().unwrap_or_default().to_owned();
    assert!(message.contains("ファイルダイアログ"), "{message:?}");
    h.get_by_label("保存").click();
    h.run();
    let saved: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| *p != first)
        .collect();
    assert_eq!(saved.len(), 1, "one new file: {saved:?}");
    assert!(saved[0].to_string_lossy().ends_with(".kaidan.ron"));
    assert_eq!(kaidan::io::load(&saved[0]).expect("it loads"), journey);
    assert_eq!(h.state().document().path(), Some(saved[0].as_path()));

    // Open: the chooser lists the folder's projects; pick the first and open it.
    h.key_press_modifiers(CTRL, Key::O);
    h.run();
    h.get_by_label_contains(" a.kaidan.ron").click();
    h.run();
    h.get_by_label("開く").click();
    h.run();
    assert_eq!(h.state().document().path(), Some(first.as_path()));
}

#[test]
fn cards_are_accessibility_nodes_found_by_title_described_and_clicked() {
    use egui::accesskit::Role;
    let mut h = app();
    let j = h.state().document().journey().clone();
    let step = j
        .step(kaidan::model::StepId(29))
        .expect("飽きて休止する")
        .clone();
    let card = h.get_by_role_and_label(Role::Button, &step.title);
    let description = card.accesskit_node().description().unwrap_or_default();
    let level = &j.level(step.level).expect("level").label;
    assert!(description.contains(level.as_str()), "{description}");
    let phase = &j.phase_at(step.t).expect("phase").name;
    assert!(description.contains(phase.as_str()), "{description}");
    let feeling = step.emotion.feeling.as_ref().expect("a feeling").name_ja();
    assert!(description.contains(feeling), "{description}");
    // A click on the node is a click on the card: it selects the step.
    card.click();
    h.run();
    assert!(h.state().view().selection.contains(&step.id));
    assert_eq!(
        h.get_by_role_and_label(Role::Button, &step.title)
            .accesskit_node()
            .is_selected(),
        Some(true),
        "and says so"
    );
}

#[test]
fn the_export_dialog_fits_a_small_window_its_buttons_on_screen_and_esc_closes_it() {
    for size in [egui::vec2(1280.0, 720.0), egui::vec2(1024.0, 576.0)] {
        let journey = kaidan::bundled::TEINEI.load().expect("example");
        let app = KaidanApp::new(
            journey,
            None,
            common::settings(),
            Box::new(ScriptedDialogs::default()),
        );
        let mut h = common::harness_sized(app, size);
        h.key_press_modifiers(CTRL, Key::E);
        h.run();
        let screen = egui::Rect::from_min_size(Pos2::ZERO, size);
        for button in ["書き出す…", "閉じる"] {
            let rect = h.get_by_label(button).rect();
            assert!(
                screen.contains_rect(rect),
                "{button} on a {size:?} screen: {rect:?}"
            );
        }
        press(&mut h, Key::Escape);
        assert!(h.query_by_label("書き出す…").is_none(), "Esc closes it");
    }
}
