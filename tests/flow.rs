//! Customer flow in the editor (`egui_kittest`, no display): purchase steps marked in the
//! inspector and on their cards.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use kaidan::app::KaidanApp;
use kaidan::app::files::ScriptedDialogs;
use kaidan::model::StepId;

mod common;
use common::{App, CTRL};

fn app() -> App {
    common::teinei(ScriptedDialogs::default(), egui::vec2(1400.0, 900.0))
}

/// How many texts painted in the last frame are exactly `text`.
fn painted_count(h: &App, text: &str) -> usize {
    fn collect(shape: &egui::Shape, text: &str, n: &mut usize) {
        match shape {
            egui::Shape::Text(t) if t.galley.text() == text => *n += 1,
            egui::Shape::Vec(v) => v.iter().for_each(|s| collect(s, text, n)),
            _ => {}
        }
    }
    let mut n = 0;
    for clipped in &h.output().shapes {
        collect(&clipped.shape, text, &mut n);
    }
    n
}

#[test]
fn a_step_is_marked_as_a_purchase_in_the_inspector_shows_a_yen_mark_and_undoes() {
    let mut h = app();
    // 無料サンプルを申し込む: not a purchase in the example (初回購入 and 定期コース are).
    let id = StepId(24);
    let title = h
        .state()
        .document()
        .journey()
        .step(id)
        .expect("step")
        .title
        .clone();
    let marks = painted_count(&h, "¥");
    h.get_by_role_and_label(Role::Button, &title).click();
    h.run();
    assert!(h.state().view().selection.contains(&id));
    h.get_by_label("購入ステップ ¥").click();
    h.run();
    let purchase = |h: &App| {
        h.state()
            .document()
            .journey()
            .step(id)
            .expect("step")
            .purchase
    };
    assert!(purchase(&h));
    assert_eq!(painted_count(&h, "¥"), marks + 1, "the card shows ¥");
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(!purchase(&h), "one undo step");
}

/// One of the example's flow waves: its name, and the customers, seed and first day of the
/// generated log it counts.
struct ExampleWave(&'static str, usize, u64, jiff::civil::Date);

const EXAMPLE_WAVES: [ExampleWave; 2] = [
    ExampleWave("2025年4〜12月", 4_000, 2025, jiff::civil::date(2025, 4, 1)),
    ExampleWave("2026年1〜9月", 5_000, 2026, jiff::civil::date(2026, 1, 1)),
];

#[test]
fn the_examples_flow_waves_are_their_generated_event_logs_counted() {
    // The example carries counts only; the logs they come from are made again here, from the
    // generator committed beside the journeys (`synthetic::event_log`), and counted.
    // `KAIDAN_BLESS=1` writes them into the example instead.
    let example = kaidan::bundled::TEINEI.load().expect("example");
    let mut bare = example.clone();
    bare.flows.clear();
    let counted: Vec<_> = EXAMPLE_WAVES
        .iter()
        .map(|&ExampleWave(name, customers, seed, from)| {
            let log = kaidan::model::synthetic::event_log(&bare, customers, seed, from);
            kaidan::io::events_csv::parse(log.as_bytes(), &bare, name).expect("counts")
        })
        .collect();
    if std::env::var_os("KAIDAN_BLESS").is_some() {
        let mut blessed = bare.clone();
        blessed.flows.clone_from(&counted);
        let path = std::path::Path::new("examples").join(kaidan::bundled::TEINEI.file_name);
        kaidan::io::save(&path, &blessed).expect("writes the example");
        return;
    }
    assert_eq!(example.flows, counted);
    // They tell a story: customers fall away along the way, some step down, some skip a
    // link; every phase is counted.
    let wave = example.flows.last().expect("the example has flow waves");
    assert_eq!(wave.customers, 5_000);
    assert!(wave.repeat_rate().is_some_and(|r| r > 0.0 && r < 100.0));
    assert!(
        example
            .links
            .iter()
            .any(|l| example.is_descending(l) && wave.moved(l.from, l.to) > 0)
    );
    assert!(
        wave.moves
            .iter()
            .any(|m| example.link_index(m.from, m.to).is_none())
    );
    assert_eq!(wave.phases.len(), example.phases.len());
}

#[test]
fn file_menu_imports_an_event_log_into_a_flow_wave_in_one_undo_step_and_lists_bad_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "顧客ID,ステップ,日付\nc1,無料サンプルを申し込む,2026-13-01\n",
    )
    .expect("csv");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "顧客ID,ステップ,日付\r\nc1,無料サンプルを申し込む,2026-03-01\r\nc1,初回限定価格で購入する,2026-03-09\r\nc2,無料サンプルを申し込む,2026-03-02\r\n",
    )
    .expect("csv");
    let journey = kaidan::bundled::TEINEI.load().expect("example");
    let dialogs = ScriptedDialogs {
        csv: vec![bad, good],
        ..ScriptedDialogs::default()
    };
    let mut h = common::harness(KaidanApp::new(
        journey.clone(),
        None,
        common::settings(),
        Box::new(dialogs),
    ));
    let open = |h: &mut App| {
        h.get_by_label("ファイル").click();
        h.run();
        h.get_by_label_contains("CRM イベントログを取り込む…")
            .click();
        h.run();
    };
    // A bad log: the dialog stays, naming the line; nothing is imported.
    open(&mut h);
    h.get_by_label("取り込む").click();
    h.run();
    assert!(
        h.query_by_label_contains("2026-13-01").is_some(),
        "the bad date is named"
    );
    assert_eq!(h.state().document().journey().flows, journey.flows);
    h.get_by_label("キャンセル").click();
    h.run();
    // A good one: a new wave, suggested name, one undo step.
    open(&mut h);
    h.get_by_label("取り込む").click();
    h.run();
    let flows = h.state().document().journey().flows.clone();
    assert_eq!(flows.len(), journey.flows.len() + 1);
    let added = flows.last().expect("the new wave");
    let suggested = format!("顧客フロー {}", journey.flows.len() + 1);
    assert_eq!(
        (added.name.as_str(), added.customers),
        (suggested.as_str(), 2)
    );
    assert_eq!((added.buyers, added.repeaters), (1, 0));
    assert!(h.state().message().is_some_and(|m| m.contains("2 人")));
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        h.state().document().journey().flows,
        journey.flows,
        "undone"
    );
}

#[test]
fn the_view_menu_shows_the_flow_layer_shares_at_the_branches() {
    let mut h = app();
    let shares = |h: &App| {
        let mut n = 0;
        for clipped in &h.output().shapes {
            if let egui::Shape::Text(t) = &clipped.shape
                && t.galley.text().contains("% ↑")
            {
                n += 1;
            }
        }
        n
    };
    assert_eq!(shares(&h), 0, "off by default");
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label_contains("顧客フロー（線の太さと分岐の割合）")
        .click();
    h.run();
    assert!(h.state().settings.layers.flow);
    h.key_press(Key::Escape);
    h.run();
    assert!(shares(&h) >= 2, "the branches' shares are drawn");
    // Where journeys ended: 「↓ N」 under the cards, with the wave's counts.
    let wave = h
        .state()
        .document()
        .journey()
        .flows
        .last()
        .cloned()
        .expect("wave");
    let mut ended = Vec::new();
    for clipped in &h.output().shapes {
        if let egui::Shape::Text(t) = &clipped.shape
            && let Some(n) = t.galley.text().strip_prefix("↓ ")
        {
            ended.push(n.parse::<u64>().expect("a count"));
        }
    }
    assert!(!ended.is_empty(), "ended-here markers are drawn");
    let counts: Vec<u64> = wave.steps.values().map(|f| f.ended).collect();
    assert!(
        ended.iter().all(|n| counts.contains(n)),
        "{ended:?} from {counts:?}"
    );
}

#[test]
fn the_flow_tab_lists_moves_with_no_link_and_draws_one_in_one_undo_step() {
    let mut h = app();
    let before = h.state().document().journey().clone();
    h.get_by_label("フロー").click();
    h.run();
    let wave = before.flows.last().expect("the example's wave");
    assert!(
        h.query_by_label_contains("購入ステップで 2 回以上")
            .is_some(),
        "the repeat rate with its definition"
    );
    let customers = format!("顧客 {} 人", kaidan::i18n::kpi::grouped(wave.customers));
    assert!(
        h.query_by_label_contains(&customers).is_some(),
        "{customers}, grouped as on the lane"
    );
    // The busiest move with no link comes first; its button draws the link.
    let busiest = wave
        .moves
        .iter()
        .filter(|m| before.link_index(m.from, m.to).is_none())
        .max_by_key(|m| m.customers)
        .expect("an off-map move");
    h.get_all_by_label("つなぐ")
        .next()
        .expect("a button")
        .click();
    h.run();
    let after = h.state().document().journey().clone();
    assert!(
        after.link_index(busiest.from, busiest.to).is_some(),
        "the missing link is drawn"
    );
    assert_eq!(after.links.len(), before.links.len() + 1);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(h.state().document().journey(), &before, "one undo step");
}

#[test]
fn the_view_menu_adds_the_kpi_lane_with_each_phases_figures_and_where_they_come_from() {
    let mut h = app();
    let journey = h.state().document().journey().clone();
    let wave = journey.flows.last().expect("the example's waves");
    let previous = &journey.flows[journey.flows.len() - 2];
    assert_eq!(painted_count(&h, "顧客数"), 0, "off by default");
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label_contains("KPI レーン").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().settings.layers.kpi);
    for row in ["顧客数", "リピート率"] {
        assert_eq!(painted_count(&h, row), 1, "the row {row} is named once");
    }
    // Each phase with a purchase step: its customers, and the change since the wave before.
    let grouped = kaidan::i18n::kpi::grouped;
    let mut checked = 0;
    for (phase, counted) in &wave.phases {
        let before = previous.phases[phase].customers;
        if counted.buyers == 0 || before >= counted.customers {
            continue;
        }
        let customers = format!("{} 人", grouped(counted.customers));
        let change = format!("▲+{}", grouped(counted.customers - before));
        assert_eq!(painted_count(&h, &customers), 1, "{customers}");
        assert_eq!(painted_count(&h, &change), 1, "{change}");
        checked += 1;
    }
    assert!(checked >= 1, "the example's purchase phases grew");
    // Where the figures come from, beside them: the wave, its period, the definition.
    let painted = |h: &App, part: &str| {
        h.output()
            .shapes
            .iter()
            .any(|c| matches!(&c.shape, egui::Shape::Text(t) if t.galley.text().contains(part)))
    };
    assert!(painted(
        &h,
        &format!("顧客フロー「{}」{}〜{}", wave.name, wave.from, wave.to)
    ));
    assert!(painted(&h, &format!("前回比は「{}」から", previous.name)));
    assert!(painted(
        &h,
        "リピート率 = フェーズの購入ステップで 2 回以上の顧客"
    ));
}

#[test]
fn the_flow_tab_chooses_the_wave_the_kpi_lane_and_the_flow_layer_show() {
    let mut h = app();
    let journey = h.state().document().journey().clone();
    let older = &journey.flows[0];
    let painted = |h: &App, part: &str| {
        h.output()
            .shapes
            .iter()
            .any(|c| matches!(&c.shape, egui::Shape::Text(t) if t.galley.text().contains(part)))
    };
    h.get_by_label("フロー").click();
    h.run();
    // The tab switches the KPI lane on.
    h.get_by_label_contains("KPI レーン").click();
    h.run();
    assert!(h.state().settings.layers.kpi);
    let latest = journey.flows.last().expect("waves");
    assert!(painted(&h, &format!("顧客フロー「{}」", latest.name)));
    // Choose the older wave: the lane shows its figures, with no wave before it to compare.
    h.get_by_label("表示する顧客フロー").click();
    h.run();
    h.get_by_label(older.name.as_str()).click();
    h.run();
    h.run();
    assert_eq!(h.state().document().flow_wave(), Some(older.name.as_str()));
    // What the canvas lays out and paints (the flow layer's widths and shares too) ends at it.
    let shown = h
        .state()
        .document()
        .shown()
        .flows
        .last()
        .map(|f| f.name.as_str());
    assert_eq!(shown, Some(older.name.as_str()));
    let line = format!("顧客フロー「{}」{}〜{}", older.name, older.from, older.to);
    assert!(painted(&h, &line));
    assert!(
        !painted(&h, &format!("{line}（前回比")),
        "nothing before the oldest wave to compare with"
    );
    let grouped = kaidan::i18n::kpi::grouped;
    let counted = older
        .phases
        .values()
        .find(|p| p.buyers > 0)
        .expect("a purchase phase");
    assert_eq!(
        painted_count(&h, &format!("{} 人", grouped(counted.customers))),
        1
    );
    assert!(
        h.query_by_label_contains(&format!("{}〜{}", older.from, older.to))
            .is_some(),
        "the tab shows the chosen wave's period"
    );
    // The document is untouched: choosing is a view.
    assert_eq!(h.state().document().journey(), &journey);
}
