//! NPS survey data: importing a CSV, the waves and their badges, editing the scores.

use crate::common::App;
use crate::helpers::{
    BUY, CTRL, SAMPLE, app, app_with, assert_undo_redo, journey, select_act_undo,
};
use crate::input::{menu_path, press, type_text};
use crate::screen::{card_rect, painted_texts};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::files::ScriptedDialogs;
use kaidan::app::panels::Tab;
use kaidan::model::Journey;

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
    select_act_undo(
        &mut h,
        &[BUY],
        |h| {
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
            type_text(h, "99");
            press(h, Modifiers::NONE, Key::Enter);
        },
        |_, before, after| {
            let old = before.surveys.wave("2026年秋").expect("wave").steps[&BUY];
            let mut expected = old;
            expected.0[10] = 99;
            assert_eq!(
                after.surveys.wave("2026年秋").expect("wave").steps[&BUY],
                expected
            );
        },
    );
}
