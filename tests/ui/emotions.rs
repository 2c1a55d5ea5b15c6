//! Emotions: valence and emotion keys, the quote, the emotions layer, pain points, the curve.

use crate::common::App;
use crate::helpers::{
    BUY, CTRL, PAUSE, PAUSE_TITLE, SAMPLE, SUBSCRIBE, act_undo, app, app_on, assert_same,
    assert_undo_redo, example, journey, select_act_undo, selection,
};
use crate::input::{click_card, copy_event, ime_compose, menu_path, press, type_text};
use crate::screen::{assert_near, assert_on_canvas, card_centre, card_rect, painted_texts};
use egui::accesskit::Role;
use egui::{Color32, Event, Key, Modifiers, Pos2, Shape, pos2};
use egui_kittest::kittest::Queryable as _;
use kaidan::app::files::ScriptedDialogs;
use kaidan::app::panels::Tab;
use kaidan::i18n::{Lang, T};
use kaidan::model::{Journey, StepId};
use std::collections::{BTreeMap, BTreeSet};

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
    for id in picked {
        let v = emotion_of(&h, id).valence;
        assert!(
            v != Some(-2) && v != Some(2),
            "set-up: {id} starts at {v:?}"
        );
    }
    let very_bad = with_emotions(&before, &picked, |e| e.valence = Some(-2));
    let very_good = with_emotions(&before, &picked, |e| e.valence = Some(2));

    select_act_undo(
        &mut h,
        &picked,
        |h| press(h, Modifiers::NONE, Key::Num1),
        |_, _, after| assert_same(after, &very_bad, "1: all three at −2, nothing else"),
    );
    act_undo(
        &mut h,
        |h| press(h, Modifiers::NONE, Key::Num5),
        |h, _, after| {
            assert_same(after, &very_good, "5: all three at +2, nothing else");
            assert_eq!(selection(h), BTreeSet::from(picked), "still selected");
        },
    );
}

#[test]
fn e_cycles_the_named_emotion_of_the_selection_as_one_undo_step() {
    use kaidan::model::Feeling;
    // 「初回限定価格で購入する」 without a named emotion, to cycle from none.
    let start = with_emotions(&example(&kaidan::bundled::TEINEI), &[BUY], |e| {
        e.feeling = None;
    });
    let mut h = app_on(start, ScriptedDialogs::default());
    assert_eq!(emotion_of(&h, SAMPLE).feeling, Some(Feeling::Anticipation));
    assert_eq!(emotion_of(&h, SUBSCRIBE).feeling, Some(Feeling::Relief));

    select_act_undo(
        &mut h,
        &[SAMPLE, BUY, SUBSCRIBE],
        |h| press(h, Modifiers::NONE, Key::E),
        |_, before, after| {
            let mut expected = with_emotions(before, &[SAMPLE], |e| {
                e.feeling = Some(Feeling::Surprise); // 期待 → 驚き
            });
            expected = with_emotions(&expected, &[BUY], |e| {
                e.feeling = Some(Feeling::Joy); // none → 喜び
            });
            expected = with_emotions(&expected, &[SUBSCRIBE], |e| {
                e.feeling = Some(Feeling::Trust); // 安心 → 信頼
            });
            assert_same(after, &expected, "each to the next palette entry");
        },
    );
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
