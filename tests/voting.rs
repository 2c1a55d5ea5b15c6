//! Dot voting through the real app (`egui_kittest`, no display): V opens the sessions dialog
//! in presenter view, participants click chips on the board in turn with their dots
//! enforced, the counts stay hidden until Reveal, a sticker vote's counts are typed in, and
//! only closing / reopening a session is in the undo history.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::files::ScriptedDialogs;
use kaidan::model::{Journey, Session, Subject};

mod common;
use common::{App, CTRL};

fn app() -> App {
    common::teinei(ScriptedDialogs::default(), egui::vec2(1400.0, 900.0))
}

fn journey(h: &App) -> Journey {
    h.state().document().journey().clone()
}

fn session(h: &App, name: &str) -> Session {
    journey(h).session(name).expect("the session").clone()
}

fn press(h: &mut App, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn click(h: &mut App, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn right_click(h: &mut App, label: &str) {
    h.get_by_label(label).click_secondary();
    h.run();
}

/// Every text painted in the last frame, joined per shape.
fn painted(h: &App) -> String {
    let mut texts = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts.join("\n")
}

fn collect(shape: &egui::Shape, out: &mut Vec<String>) {
    match shape {
        egui::Shape::Text(t) => out.push(t.galley.text().to_owned()),
        egui::Shape::Vec(v) => v.iter().for_each(|s| collect(s, out)),
        _ => {}
    }
}

/// Opens the sessions dialog with V, and sets up a vote of `participants` × `dots` called
/// `name` on `subject` (chosen by its radio button).
fn start_vote(h: &mut App, name: &str, subject: &str, participants: f64, dots: f64) {
    press(h, Modifiers::NONE, Key::V);
    assert!(
        h.state().view().presenter.is_some(),
        "V enters presenter view"
    );
    let field = h.get_by_role_and_label(Role::TextInput, "名前");
    field.focus();
    h.run();
    press(h, CTRL, Key::A);
    h.get_by_role_and_label(Role::TextInput, "名前")
        .type_text(name);
    h.run();
    h.get_by_label_contains(subject).click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "参加者（人）")
        .set_value_accesskit(participants);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "1 人のドット数")
        .set_value_accesskit(dots);
    h.run();
    click(h, "投票を始める");
}

#[test]
fn two_participants_vote_in_turn_within_their_dots_and_the_ranking_shows_only_on_reveal() {
    let mut h = app();
    let ideas = journey(&h).vote_items(Subject::Ideas);
    let (a, b) = (ideas[0].initiative.clone(), ideas[1].initiative.clone());
    start_vote(&mut h, "優先施策", "アイデア段階の施策", 2.0, 2.0);
    let s = session(&h, "優先施策");
    assert_eq!((s.participants, s.dots, s.subject), (2, 2, Subject::Ideas));
    assert_eq!(s.items, ideas, "the ideas are put to the vote, no dots yet");
    assert!(kaidan::model::is_valid_date(&s.date) && !s.date.is_empty());
    assert!(painted(&h).contains("参加者 1 / 2 人目 — 残り 2 ドット"));

    // Participant 1: two dots on A, a third refused, one taken back, one on B.
    click(&mut h, &a);
    click(&mut h, &a);
    assert!(painted(&h).contains("残り 0 ドット"));
    click(&mut h, &b);
    assert!(
        painted(&h).contains("ドットは 1 人 2 個まで"),
        "the budget is said"
    );
    right_click(&mut h, &a);
    click(&mut h, &b);
    // Nothing is counted until the participant hands over.
    assert_eq!(session(&h, "優先施策").voted, 0);
    click(&mut h, "次の参加者へ");
    let s = session(&h, "優先施策");
    assert_eq!((s.items[0].votes, s.items[1].votes, s.voted), (1, 1, 1));
    assert!(painted(&h).contains("参加者 2 / 2 人目 — 残り 2 ドット"));
    assert!(
        !painted(&h).contains("位 ·"),
        "the counts stay hidden until Reveal"
    );

    // Participant 2: both dots on B; Reveal counts them and ranks the chips.
    click(&mut h, &b);
    click(&mut h, &b);
    click(&mut h, "結果を表示");
    let s = session(&h, "優先施策");
    assert_eq!((s.items[0].votes, s.items[1].votes, s.voted), (1, 3, 2));
    assert!(s.revealed);
    let text = painted(&h);
    assert!(
        text.contains("1 位 · 3 票") && text.contains("2 位 · 1 票"),
        "{text}"
    );
    let (top, second) = (h.get_by_label(&b).rect(), h.get_by_label(&a).rect());
    assert!(
        (top.top(), top.left()) < (second.top(), second.left()),
        "B, with most dots, comes first"
    );

    // Closing is one undo step; undo reopens it, the votes stay; redo closes it again.
    click(&mut h, "投票を締め切る");
    assert!(session(&h, "優先施策").closed);
    press(&mut h, CTRL, Key::Z);
    let s = session(&h, "優先施策");
    assert!(!s.closed);
    assert_eq!(
        (s.items[1].votes, s.voted),
        (3, 2),
        "undo takes no vote back"
    );
    press(&mut h, CTRL, Key::Z);
    assert!(
        journey(&h).session("優先施策").is_some(),
        "starting a vote is not in the undo history either"
    );
    press(&mut h, CTRL, Key::Y);
    assert!(session(&h, "優先施策").closed);
    assert!(
        h.state().document().is_dirty(),
        "the votes are unsaved work"
    );

    // Esc leaves the board, then presenter view.
    press(&mut h, Modifiers::NONE, Key::Escape);
    let presenter = h.state().view().presenter.clone().expect("presenting");
    assert!(presenter.board.is_none());
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().presenter.is_none());
}

#[test]
fn counts_of_a_sticker_vote_are_typed_in_within_the_rooms_dots_and_hidden_until_reveal() {
    let mut h = app();
    let pains = journey(&h).vote_items(Subject::PainPoints);
    assert!(pains.len() >= 2, "the example marks pain points");
    let label = |i: usize| journey(&h).tally_label(&pains[i]);
    let (first, second) = (label(0), label(1));
    start_vote(&mut h, "痛みの投票", "ペインポイント", 3.0, 2.0);
    click(&mut h, "シールの集計を入力…");
    let set = |h: &mut App, label: &str, value: f64| {
        h.get_by_role_and_label(Role::SpinButton, label)
            .set_value_accesskit(value);
        h.run();
    };
    // 7 dots from a room of 3 × 2: refused, with the reason; nothing is counted.
    set(&mut h, &first, 5.0);
    set(&mut h, &second, 2.0);
    assert!(painted(&h).contains("合計 7 / 6 ドット"));
    click(&mut h, "集計を保存");
    assert!(
        h.state()
            .message()
            .is_some_and(|m| m.contains("ドットは 6 個まで")),
        "{:?}",
        h.state().message()
    );
    assert_eq!(session(&h, "痛みの投票").voted, 0);
    click(&mut h, "シールの集計を入力…");
    set(&mut h, &first, 4.0);
    set(&mut h, &second, 2.0);
    click(&mut h, "集計を保存");
    let s = session(&h, "痛みの投票");
    assert_eq!((s.items[0].votes, s.items[1].votes, s.voted), (4, 2, 3));
    assert!(!painted(&h).contains("位 ·"), "hidden until Reveal");
    click(&mut h, "結果を表示");
    assert!(painted(&h).contains("1 位 · 4 票"));
}

#[test]
fn the_view_menu_opens_the_sessions_and_a_finished_session_opens_with_its_results() {
    let mut h = app();
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label_contains("ドット投票…").click();
    h.run();
    assert!(
        h.state()
            .view()
            .presenter
            .as_ref()
            .is_some_and(|p| p.setup.is_some())
    );
    // The example's session is listed; Open shows its ranking at once.
    assert!(painted(&h).contains("優先施策の投票"));
    h.get_all_by_label("開く")
        .next()
        .expect("an Open button")
        .click();
    h.run();
    assert!(painted(&h).contains("1 位 ·"));
    // Removing asks first, and is then gone.
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::NONE, Key::V);
    click(&mut h, "削除");
    assert!(
        journey(&h).session("優先施策の投票").is_some(),
        "asks first"
    );
    click(&mut h, "削除する（元に戻せません）");
    assert!(journey(&h).session("優先施策の投票").is_none());
}
