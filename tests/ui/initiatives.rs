//! Initiatives and departments: add, move, delete, highlight, the initiatives tab, removal.

use crate::common::App;
use crate::helpers::{
    BUY, PAUSE, SUBSCRIBE, app, assert_same, assert_undo_redo, journey, select_act_undo, selection,
};
use crate::input::{click_at, drag, ime_compose, menu_path, press, type_text};
use crate::screen::card_centre;
use egui::{Color32, Key, Modifiers, Shape};
use egui_kittest::kittest::Queryable as _;
use kaidan::i18n::{Lang, T};
use kaidan::model::Journey;

/// The colour each painted text is drawn in (its first section's), by text.
fn painted_text_colours(h: &App) -> Vec<(String, Color32)> {
    fn collect(shape: &Shape, out: &mut Vec<(String, Color32)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            Shape::Text(text) => {
                let colour = text
                    .galley
                    .job
                    .sections
                    .first()
                    .map_or(text.fallback_color, |s| s.format.color);
                out.push((text.galley.text().to_owned(), colour));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn i_opens_a_new_initiative_typed_with_ime_tab_cycles_its_department_and_enter_adds_it_as_one_undo_step()
 {
    let mut h = app();
    let before = journey(&h);
    let after = select_act_undo(
        &mut h,
        &[PAUSE],
        |h| {
            press(h, Modifiers::NONE, Key::I);
            assert!(h.state().view().capture.is_some(), "I opens the field");
            ime_compose(h, "しいんかい", "試飲会の案内");
            // Tab: no department → the first → the second.
            press(h, Modifiers::NONE, Key::Tab);
            press(h, Modifiers::NONE, Key::Tab);
            assert_same(&journey(h), &before, "nothing changes while typing");
            press(h, Modifiers::NONE, Key::Enter);
        },
        |h, _, after| {
            assert!(h.state().view().capture.is_none(), "Enter closes the field");
            let added = after
                .step(PAUSE)
                .and_then(|s| s.initiatives.last())
                .expect("an initiative")
                .clone();
            assert_eq!(added.text, "試飲会の案内");
            assert_eq!(added.department, Some(before.departments[1].id));
            assert_eq!(added.status, kaidan::model::Status::Idea);
            let mut expected = before.clone();
            let i = expected.step_index(PAUSE).expect("step");
            expected.steps[i].initiatives.push(added);
            assert_same(after, &expected, "only the initiative was added");
        },
    );
    // Escape drops a started one.
    press(&mut h, Modifiers::NONE, Key::I);
    type_text(&mut h, "やめる");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view().capture.is_none());
    assert_same(&journey(&h), &after, "Escape adds nothing");
}

#[test]
fn dragging_a_chip_onto_another_step_moves_the_initiative_with_its_department() {
    let mut h = app();
    let before = journey(&h);
    let from = BUY;
    let moved = before.step(from).expect("step").initiatives[0].clone();
    let chip = h
        .state()
        .chip_screen_rect(from, 0)
        .expect("the chip is drawn");
    let target = card_centre(&h, SUBSCRIBE);
    drag(&mut h, chip.center(), target);
    let after = journey(&h);
    assert!(after.step(from).expect("step").initiatives.is_empty());
    assert_eq!(
        after.step(SUBSCRIBE).expect("step").initiatives.last(),
        Some(&moved),
        "moved whole: text, department, kind and status"
    );
    assert_undo_redo(&mut h, &before, &after);
}

#[test]
fn clicking_a_chip_then_delete_removes_only_that_initiative() {
    let mut h = app();
    let before = journey(&h);
    let step = before
        .steps
        .iter()
        .find(|s| s.initiatives.len() >= 2)
        .expect("a step with two initiatives");
    let (id, kept) = (step.id, step.initiatives[1].clone());
    let chip = h
        .state()
        .chip_screen_rect(id, 0)
        .expect("the chip is drawn");
    click_at(&mut h, chip.center(), Modifiers::NONE);
    assert_eq!(h.state().view().chip, Some((id, 0)));
    press(&mut h, Modifiers::NONE, Key::Delete);
    let after = journey(&h);
    assert_eq!(
        after.step(id).expect("the step stays").initiatives,
        vec![kept]
    );
    assert_eq!(after.steps.len(), before.steps.len());
}

#[test]
fn highlighting_a_department_from_the_view_menu_fades_the_others_chips() {
    let mut h = app();
    let j = journey(&h);
    let ad = &j.departments[0];
    let other = j
        .steps
        .iter()
        .flat_map(|s| &s.initiatives)
        .find(|i| i.department.is_some_and(|d| d != ad.id))
        .expect("an initiative of another department")
        .text
        .clone();
    let own = j
        .steps
        .iter()
        .flat_map(|s| &s.initiatives)
        .find(|i| i.department == Some(ad.id))
        .expect("an initiative of the department")
        .text
        .clone();
    // Chip texts are drawn cut to the chip; find them by their start.
    let colour_of = |h: &App, text: &str| {
        let start: String = text.chars().take(3).collect();
        painted_text_colours(h)
            .into_iter()
            .find(|(t, _)| t.starts_with(&start))
            .map_or_else(|| panic!("{text} is painted"), |(_, c)| c)
    };
    let (other_before, own_before) = (colour_of(&h, &other), colour_of(&h, &own));
    menu_path(
        &mut h,
        &["表示", T::HighlightDepartment.text(Lang::Ja), &ad.name],
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().view().highlight, Some(ad.id));
    let (other_after, own_after) = (colour_of(&h, &other), colour_of(&h, &own));
    assert_eq!(own_after, own_before, "the department's own chips stay");
    assert!(
        other_after.a() < other_before.a(),
        "another department's chip fades: {other_before:?} → {other_after:?}"
    );
}

#[test]
fn the_initiatives_tab_lists_by_department_and_clicking_one_selects_and_centres_its_step() {
    let mut h = app();
    let j = journey(&h);
    h.get_by_label(T::InitiativesTab.text(Lang::Ja)).click();
    h.run();
    // The last step with an initiative: far from the fitted view's centre.
    let step = j
        .steps
        .iter()
        .filter(|s| !s.initiatives.is_empty())
        .max_by(|a, b| a.t.total_cmp(&b.t))
        .expect("a step with an initiative");
    let text = &step.initiatives[0].text;
    let row = h
        .query_by_label_contains(text)
        .unwrap_or_else(|| panic!("{text} is listed"));
    row.click();
    h.run();
    h.run();
    assert_eq!(selection(&h), std::iter::once(step.id).collect());
    let canvas = h.state().view().canvas_rect.expect("canvas");
    let centre = card_centre(&h, step.id);
    assert!(
        centre.distance(canvas.center()) < 2.0,
        "centred: {centre:?} vs {:?}",
        canvas.center()
    );
    // Grouped by department: the department's name heads its group.
    let name = &j.departments[0].name;
    assert!(
        h.query_by_label_contains(name).is_some(),
        "{name} heads a group"
    );
}

#[test]
fn removing_a_department_with_initiatives_asks_then_unassigns_them_as_one_undo_step() {
    let mut h = app();
    let before = journey(&h);
    let department = before.departments[0].clone();
    let owned = |j: &Journey| {
        j.steps
            .iter()
            .flat_map(|s| &s.initiatives)
            .filter(|i| i.department == Some(department.id))
            .count()
    };
    assert!(owned(&before) > 0, "set-up: it owns initiatives");
    h.get_by_label(T::InitiativesTab.text(Lang::Ja)).click();
    h.run();
    h.get_by_label(T::Departments.text(Lang::Ja)).click();
    h.run();
    // The first department's remove button (the departments are listed in order).
    h.get_all_by_label("×")
        .next()
        .expect("a remove button per department")
        .click();
    h.run();
    assert_same(
        &journey(&h),
        &before,
        "nothing is removed before the answer",
    );
    assert!(
        h.query_by_label_contains(T::RemoveDepartmentTitle.text(Lang::Ja))
            .is_some(),
        "it asks first"
    );
    h.get_by_label(T::Remove.text(Lang::Ja)).click();
    h.run();
    let after = journey(&h);
    assert!(after.department(department.id).is_none(), "removed");
    assert_eq!(owned(&after), 0);
    let count = |j: &Journey| j.steps.iter().map(|s| s.initiatives.len()).sum::<usize>();
    assert_eq!(count(&after), count(&before), "its initiatives stay");
    assert_undo_redo(&mut h, &before, &after);
}
