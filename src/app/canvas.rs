//! The two-axis canvas: draws the journey through [`crate::paint`] and turns pointer input
//! into view changes (pan, zoom, selection) and [`Command`]s (create, move, connect,
//! rename). It never changes the journey itself.

use super::document::Document;
use super::view::{Gesture, MovePreview, Rename, ViewState};
use crate::edit::{Command, StepMove};
use crate::i18n::{Lang, Localize as _, T};
use crate::layout::{self, Scene};
use crate::model::{Journey, Step, StepId};
use crate::paint::{self, Theme};
use egui::{
    Color32, CornerRadius, Key, PointerButton, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui,
    Vec2, pos2, vec2,
};

/// Radius of the connect handle on a card's right edge (screen points).
const HANDLE_R: f32 = 6.0;

/// Time positions are kept to two decimals so files stay tidy.
#[must_use]
pub fn tidy_t(t: f64) -> f64 {
    (t * 100.0).round() / 100.0
}

/// Shows the canvas in the remaining space of `ui`; returns the commands the user asked for.
pub fn show(
    ui: &mut Ui,
    doc: &Document,
    view: &mut ViewState,
    theme: &Theme,
    lang: Lang,
    layers: paint::Layers,
) -> Vec<Command> {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    // Until the user pans or zooms, the journey stays fitted, also as the window or the
    // panels around the canvas change size.
    let resized = view.canvas_rect != Some(rect);
    view.canvas_rect = Some(rect);
    if view.fit_requested || (view.fitted && resized) {
        view.camera.fit(doc.scene().bounds, rect);
        view.fit_requested = false;
        view.fitted = true;
    }
    let before = view.camera;
    let mut commands = Vec::new();
    navigate(ui, &response, view);
    if view.camera != before {
        view.fitted = false;
    }
    let scene = doc.scene();
    // The handle sticks out past the card's right edge: over it, its card stays hovered (and
    // its handle grabbable). While the button is held the card pressed on stays hovered, so a
    // drag from its handle still connects once the pointer has left it.
    let held = ui.input(|i| i.pointer.primary_down() && !i.pointer.primary_pressed());
    view.hovered = match view.gesture {
        Gesture::Idle if !held => response.hover_pos().and_then(|p| {
            let at = view.camera.to_diagram(p);
            let lane_point = || {
                let curve = scene.lane.as_ref().filter(|_| layers.curve)?;
                curve.point_at(at, 10.0 / view.camera.zoom.max(0.1))
            };
            handle_under(view, scene, p)
                .or_else(|| scene.card_at(at))
                .or_else(lane_point)
        }),
        _ => view.hovered,
    };
    gestures(ui, &response, doc, view, &mut commands);
    clicks(ui, &response, doc, view, lang, &mut commands);

    // Draw: the preview while dragging cards, the document otherwise.
    let (shown, scene): (&Journey, &Scene) = match &view.gesture {
        Gesture::Move {
            preview: Some(p), ..
        } => (&p.journey, &p.scene),
        _ => (doc.shown(), doc.scene()),
    };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, theme.background);
    paint::paint(
        &painter,
        shown,
        scene,
        &paint::View {
            to_screen: view.camera.to_screen(),
            theme,
            selected: &view.selection,
            hovered: view.hovered,
            layers,
            lang,
            wave: doc.wave_stats(view.wave.as_deref()),
            highlight: view.highlight,
        },
    );
    overlays(ui, &painter, scene, view, theme, lang);
    let tooltip = view
        .hovered
        .filter(|_| matches!(view.gesture, Gesture::Idle) && view.rename.is_none())
        .and_then(|id| shown.step(id))
        .map(|s| (s.title.clone(), s.description.clone()));
    accessible_cards(ui, rect, shown, scene, view, lang);
    rename_field(ui, doc, view, &mut commands);
    capture_field(ui, doc, view, lang, &mut commands);
    if let Some((title, description)) = tooltip {
        response.on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            ui.strong(title);
            if !description.is_empty() {
                ui.label(description);
            }
        });
    }
    commands
}

/// Pan with scroll, middle/right drag or space+drag; zoom with Ctrl+scroll or pinch.
fn navigate(ui: &Ui, response: &Response, view: &mut ViewState) {
    let (scroll, zoom, space) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.zoom_delta(),
            i.key_down(Key::Space),
        )
    });
    if response.contains_pointer() {
        if (zoom - 1.0).abs() > f32::EPSILON {
            let anchor = response
                .hover_pos()
                .unwrap_or_else(|| response.rect.center());
            view.camera.zoom_at(anchor, zoom);
        }
        view.camera.pan += scroll;
    }
    let pan_button = response.dragged_by(PointerButton::Middle)
        || response.dragged_by(PointerButton::Secondary)
        || (space && response.dragged_by(PointerButton::Primary));
    if pan_button {
        view.camera.pan += response.drag_delta();
        view.gesture = Gesture::Pan;
    } else if matches!(view.gesture, Gesture::Pan) && !response.dragged() {
        view.gesture = Gesture::Idle;
    }
}

/// The connect handle of a card: the middle of its right edge (screen).
fn handle_pos(view: &ViewState, card: Rect) -> Pos2 {
    view.camera.to_screen() * pos2(card.right(), card.center().y)
}

fn handle_under(view: &ViewState, scene: &Scene, screen: Pos2) -> Option<StepId> {
    let candidates = view.selection.iter().copied().chain(view.hovered);
    candidates
        .filter_map(|id| scene.card(id))
        .find(|c| handle_pos(view, c.rect).distance(screen) <= HANDLE_R + 4.0)
        .map(|c| c.step)
}

fn gestures(
    ui: &Ui,
    response: &Response,
    doc: &Document,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let scene = doc.scene();
    let space = ui.input(|i| i.key_down(Key::Space));
    if response.drag_started_by(PointerButton::Primary) && !space {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
        let at = view.camera.to_diagram(origin);
        let modifiers = ui.input(|i| i.modifiers);
        let chip = scene.strategy.as_ref().and_then(|s| s.chip_at(at));
        view.gesture = if let Some(from) = handle_under(view, scene, origin) {
            Gesture::Connect { from, to: at }
        } else if let Some(chip) = chip {
            view.chip = Some((chip.step, chip.index));
            view.selection = std::iter::once(chip.step).collect();
            Gesture::Chip {
                step: chip.step,
                index: chip.index,
                to: at,
            }
        } else if let Some(id) = scene.card_at(at) {
            if !view.selection.contains(&id) {
                if !(modifiers.shift || modifiers.command) {
                    view.selection.clear();
                }
                view.selection.insert(id);
            }
            Gesture::Move {
                grab: at,
                preview: None,
            }
        } else {
            Gesture::Band {
                from: at,
                to: at,
                additive: modifiers.shift || modifiers.command,
            }
        };
    }
    let Some(pointer) = response
        .interact_pointer_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()))
    else {
        return;
    };
    let at = view.camera.to_diagram(pointer);
    let released = response.drag_stopped();
    match &mut view.gesture {
        Gesture::Move { grab, preview } => {
            let moves = planned_moves(doc, &view.selection, *grab, at);
            *preview = (!moves.is_empty())
                .then(|| Box::new(preview_of(doc.journey(), moves, doc.layout_options())));
            if released {
                if let Some(p) = preview.take() {
                    commands.push(Command::MoveSteps(p.moves));
                }
                view.gesture = Gesture::Idle;
            }
        }
        Gesture::Connect { from, to } => {
            *to = at;
            if released {
                if let Some(target) = scene.card_at(at).filter(|t| t != from) {
                    commands.push(Command::AddLink(crate::model::Link::new(*from, target)));
                }
                view.gesture = Gesture::Idle;
            }
        }
        Gesture::Chip { step, index, to } => {
            *to = at;
            if released {
                if let Some(target) = chip_target(doc, at).filter(|t| t != step)
                    && let Some(command) = move_initiative(doc.journey(), *step, *index, target)
                {
                    commands.push(command);
                    view.selection = std::iter::once(target).collect();
                    view.chip = None;
                }
                view.gesture = Gesture::Idle;
            }
        }
        Gesture::Band { from, to, additive } => {
            *to = at;
            if released {
                let area = Rect::from_two_pos(*from, *to);
                if !*additive {
                    view.selection.clear();
                }
                view.selection.extend(scene.cards_in(area));
                view.gesture = Gesture::Idle;
            }
        }
        Gesture::Idle | Gesture::Pan => {}
    }
}

/// The step a chip dropped at `at` goes to: the card under it, or in the initiative lanes
/// the step nearest in X.
fn chip_target(doc: &Document, at: Pos2) -> Option<StepId> {
    let scene = doc.scene();
    if let Some(id) = scene.card_at(at) {
        return Some(id);
    }
    let lanes = scene.strategy.as_ref()?.rect;
    if !lanes.contains(at) {
        return None;
    }
    scene
        .cards
        .iter()
        .min_by(|a, b| {
            (a.rect.center().x - at.x)
                .abs()
                .total_cmp(&(b.rect.center().x - at.x).abs())
        })
        .map(|c| c.step)
}

/// Moves the `index`-th initiative of step `from` to the end of step `to`'s list (with its
/// department, kind, status and note), as one undo step.
#[must_use]
pub fn move_initiative(j: &Journey, from: StepId, index: usize, to: StepId) -> Option<Command> {
    let mut source = j.step(from)?.initiatives.clone();
    if index >= source.len() {
        return None;
    }
    let moved = source.remove(index);
    let mut target = j.step(to)?.initiatives.clone();
    target.push(moved);
    Some(Command::Batch(vec![
        Command::EditStep(from, crate::edit::StepField::Initiatives(source)),
        Command::EditStep(to, crate::edit::StepField::Initiatives(target)),
    ]))
}

/// Where the selected steps would go if the drag from `grab` ended at `at`: X follows the
/// pointer freely, Y snaps to levels (the whole selection shifts by the same number of
/// levels, clamped to the staircase). Empty if nothing would change.
fn planned_moves(
    doc: &Document,
    selection: &std::collections::BTreeSet<StepId>,
    grab: Pos2,
    at: Pos2,
) -> Vec<StepMove> {
    let j = doc.journey();
    let scene = doc.scene();
    let level_index = |y: f32| {
        scene
            .level_at(y)
            .and_then(|l| j.level_index(l))
            .unwrap_or(0) as isize
    };
    let dl = level_index(at.y) - level_index(grab.y);
    let dt = f64::from((at.x - grab.x) / scene.metrics.unit_t);
    if dl == 0 && dt.abs() < 0.005 {
        return Vec::new();
    }
    let top = j.levels.len() as isize - 1;
    selection
        .iter()
        .filter_map(|id| j.step(*id))
        .filter_map(|s| {
            let from = j.level_index(s.level)? as isize;
            let level = j.levels[(from + dl).clamp(0, top) as usize].id;
            Some(StepMove {
                id: s.id,
                t: tidy_t(s.t + dt),
                level,
            })
        })
        .collect()
}

fn preview_of(journey: &Journey, moves: Vec<StepMove>, options: layout::Options) -> MovePreview {
    // The rules decide now, while dragging, not only on release.
    let refused = Command::MoveSteps(moves.clone())
        .apply(&mut journey.clone())
        .err();
    let mut journey = journey.clone();
    for m in &moves {
        if let Some(i) = journey.step_index(m.id) {
            journey.steps[i].t = m.t;
            journey.steps[i].level = m.level;
        }
    }
    let scene = layout::layout_with(&journey, options);
    MovePreview {
        moves,
        journey,
        scene,
        refused,
    }
}

fn clicks(
    ui: &Ui,
    response: &Response,
    doc: &Document,
    view: &mut ViewState,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let Some(pointer) = response.interact_pointer_pos() else {
        return;
    };
    let at = view.camera.to_diagram(pointer);
    let scene = doc.scene();
    let modifiers = ui.input(|i| i.modifiers);
    if response.double_clicked() {
        if let Some(id) = scene.card_at(at) {
            start_rename(doc, view, id);
        } else if let Some(level) = scene.level_at(at.y) {
            let j = doc.journey();
            let step = Step::new(
                crate::model::StepId(j.next_id),
                T::NewStepTitle.text(lang),
                tidy_t(scene.t_of(at.x)),
                level,
            );
            view.selection = std::iter::once(step.id).collect();
            view.rename_when_added = Some(step.id);
            commands.push(Command::AddStep {
                step,
                links: Vec::new(),
            });
        }
    } else if response.clicked() {
        if let Some(chip) = scene.strategy.as_ref().and_then(|s| s.chip_at(at)) {
            view.chip = Some((chip.step, chip.index));
            view.selection = std::iter::once(chip.step).collect();
            return;
        }
        view.chip = None;
        match scene.card_at(at) {
            Some(id) if (modifiers.shift || modifiers.command) && !view.selection.remove(&id) => {
                view.selection.insert(id);
            }
            Some(_) if modifiers.shift || modifiers.command => {}
            Some(id) => view.selection = std::iter::once(id).collect(),
            None if !(modifiers.shift || modifiers.command) => view.selection.clear(),
            None => {}
        }
    }
}

/// Opens the inline title editor on a step's card.
pub fn start_rename(doc: &Document, view: &mut ViewState, id: StepId) {
    if let Some(step) = doc.journey().step(id) {
        view.rename = Some(Rename {
            step: id,
            text: step.title.clone(),
            focused: false,
        });
    }
}

fn rename_field(ui: &mut Ui, doc: &Document, view: &mut ViewState, commands: &mut Vec<Command>) {
    let Some(rename) = &mut view.rename else {
        return;
    };
    let Some(card) = doc.scene().card(rename.step) else {
        view.rename = None;
        return;
    };
    let rect = view.camera.to_screen() * card.rect;
    let rect = Rect::from_center_size(rect.center(), vec2(rect.width().max(220.0), 30.0));
    let id = egui::Id::unique(("rename", rename.step));
    let edit = egui::TextEdit::singleline(&mut rename.text)
        .char_limit(crate::model::limits::MAX_TEXT_CHARS)
        .id(id)
        .font(egui::FontId::proportional(16.0))
        .desired_width(rect.width());
    let response = ui.put(rect, edit);
    if !rename.focused {
        // Open with the whole title selected, so typing replaces it.
        response.request_focus();
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(rename.text.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), id);
        rename.focused = true;
        return;
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
    if escape {
        view.rename = None;
    } else if response.lost_focus() || enter {
        let (step, text) = (rename.step, rename.text.trim().to_owned());
        let unchanged = doc.journey().step(step).is_some_and(|s| s.title == text);
        if !unchanged && !text.is_empty() {
            commands.push(Command::RetitleStep(step, text));
        }
        view.rename = None;
    }
}

/// The field of a new initiative under its step's card: the department (Tab cycles it) and
/// the text; Enter adds it as an idea (one undo step), Esc drops it.
fn capture_field(
    ui: &mut Ui,
    doc: &Document,
    view: &mut ViewState,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let Some(capture) = &mut view.capture else {
        return;
    };
    let j = doc.journey();
    let (Some(card), Some(step)) = (doc.scene().card(capture.step), j.step(capture.step)) else {
        view.capture = None;
        return;
    };
    let card = view.camera.to_screen() * card.rect;
    let rect = Rect::from_min_size(
        pos2(card.left(), card.bottom() + 4.0),
        vec2(card.width().max(260.0), 56.0),
    );
    let id = egui::Id::unique(("capture", capture.step));
    let mut tab = false;
    let mut response = None;
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            let department = crate::app::initiatives::department_name(j, capture.department, lang);
            let colour = capture
                .department
                .and_then(|d| j.department(d))
                .map_or(ui.visuals().weak_text_color(), |d| {
                    crate::paint::rgb(d.colour)
                });
            ui.horizontal(|ui| {
                ui.colored_label(colour, "■");
                ui.label(format!("{department}  (Tab)"));
            });
            let edit = egui::TextEdit::singleline(&mut capture.text)
                .char_limit(crate::model::limits::MAX_TEXT_CHARS)
                .id(id)
                .lock_focus(true)
                .hint_text(crate::i18n::T::AddInitiative.text(lang))
                .desired_width(rect.width() - 16.0);
            response = Some(ui.add(edit));
        });
    });
    let Some(response) = response else { return };
    if !capture.focused {
        response.request_focus();
        capture.focused = true;
        return;
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
    tab |= ui.input(|i| i.key_pressed(Key::Tab));
    if tab {
        capture.department = crate::app::initiatives::next_department(j, capture.department);
        response.request_focus();
    }
    if escape {
        view.capture = None;
    } else if enter {
        let text = capture.text.trim().to_owned();
        if !text.is_empty() {
            let mut list = step.initiatives.clone();
            list.push(crate::model::Initiative {
                text,
                department: capture.department,
                ..crate::model::Initiative::default()
            });
            commands.push(Command::EditStep(
                capture.step,
                crate::edit::StepField::Initiatives(list),
            ));
            view.last_department = capture.department;
        }
        view.capture = None;
    }
}

fn overlays(
    ui: &Ui,
    painter: &egui::Painter,
    scene: &Scene,
    view: &ViewState,
    theme: &Theme,
    lang: Lang,
) {
    let to_screen = view.camera.to_screen();
    // Connect handles on hovered and selected cards.
    if matches!(view.gesture, Gesture::Idle) {
        for id in view.selection.iter().copied().chain(view.hovered) {
            if let Some(card) = scene.card(id) {
                let p = handle_pos(view, card.rect);
                painter.circle(
                    p,
                    HANDLE_R,
                    theme.selection,
                    Stroke::new(1.5, theme.background),
                );
            }
        }
    }
    match &view.gesture {
        Gesture::Move {
            preview: Some(p), ..
        } => {
            if let Some(why) = &p.refused {
                refusal(painter, p, &why.localize(lang), to_screen);
            }
        }
        Gesture::Band { from, to, .. } => {
            let r = to_screen * Rect::from_two_pos(*from, *to);
            painter.rect_filled(r, 0.0, theme.selection.gamma_multiply(0.12));
            painter.rect_stroke(
                r,
                0.0,
                Stroke::new(1.0, theme.selection),
                StrokeKind::Inside,
            );
        }
        Gesture::Connect { from, to } => {
            if let Some(card) = scene.card(*from) {
                let a = handle_pos(view, card.rect);
                painter.line_segment([a, to_screen * *to], Stroke::new(2.5, theme.link));
                painter.circle_filled(to_screen * *to, 4.0, theme.link);
            }
        }
        Gesture::Chip { step, index, to } => {
            // The chip follows the pointer; the step it would go to is outlined.
            let chip = scene.strategy.as_ref().and_then(|s| {
                s.chips
                    .iter()
                    .find(|c| c.step == *step && c.index == *index)
            });
            if let Some(chip) = chip {
                let ghost =
                    Rect::from_center_size(to_screen * *to, to_screen.scaling * chip.rect.size());
                painter.rect_stroke(
                    ghost,
                    CornerRadius::same(3),
                    Stroke::new(2.0, theme.selection),
                    StrokeKind::Outside,
                );
            }
            if let Some(card) = scene.card_at(*to).and_then(|id| scene.card(id)) {
                painter.rect_stroke(
                    to_screen * card.rect,
                    CornerRadius::same(6),
                    Stroke::new(2.0, theme.selection),
                    StrokeKind::Outside,
                );
            }
        }
        _ => {}
    }
    toast(ui, painter, view);
}

/// The message of the moment (why an edit was refused) at the bottom of `painter`'s area.
pub(super) fn toast(ui: &Ui, painter: &egui::Painter, view: &ViewState) {
    if let Some(toast) = &view.toast {
        let now = ui.input(|i| i.time);
        if now < toast.until {
            let rect = painter.clip_rect();
            let galley = painter.layout(
                toast.text.clone(),
                egui::FontId::proportional(16.0),
                Color32::WHITE,
                rect.width() - 80.0,
            );
            let size = galley.size() + Vec2::splat(24.0);
            let at = Rect::from_center_size(
                pos2(rect.center().x, rect.bottom() - 24.0 - size.y / 2.0),
                size,
            );
            painter.rect_filled(
                at,
                CornerRadius::same(8),
                Color32::from_rgba_unmultiplied(40, 40, 40, 235),
            );
            painter.galley(at.min + Vec2::splat(12.0), galley, Color32::WHITE);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
    }
}

/// A move the rules refuse, while it is dragged: the moved cards ghosted red, and the reason
/// beside the first of them.
fn refusal(
    painter: &egui::Painter,
    p: &MovePreview,
    why: &str,
    to_screen: egui::emath::TSTransform,
) {
    let red = Color32::from_rgb(0xc6, 0x28, 0x28);
    let mut first: Option<Rect> = None;
    for m in &p.moves {
        if let Some(card) = p.scene.card(m.id) {
            let r = to_screen * card.rect;
            painter.rect_filled(r, CornerRadius::same(6), red.gamma_multiply(0.35));
            painter.rect_stroke(
                r,
                CornerRadius::same(6),
                Stroke::new(2.5, red),
                StrokeKind::Outside,
            );
            first = Some(first.map_or(r, |f| if r.left() < f.left() { r } else { f }));
        }
    }
    let Some(card) = first else {
        return;
    };
    let galley = painter.layout(
        why.to_owned(),
        egui::FontId::proportional(14.0),
        Color32::WHITE,
        320.0,
    );
    let size = galley.size() + Vec2::splat(12.0);
    // Beside the card, inside the canvas.
    let clip = painter.clip_rect();
    let mut at = pos2(card.right() + 10.0, card.top());
    if at.x + size.x > clip.right() {
        at.x = (card.left() - 10.0 - size.x).max(clip.left());
    }
    at.y =
        at.y.clamp(clip.top(), (clip.bottom() - size.y).max(clip.top()));
    let bubble = Rect::from_min_size(at, size);
    painter.rect_filled(bubble, CornerRadius::same(6), red);
    painter.galley(bubble.min + Vec2::splat(6.0), galley, Color32::WHITE);
}

/// The most cards given accessibility nodes in one frame: far more than can be read on
/// screen, few enough that a 20,000-step journey zoomed out stays fast.
const MAX_ACCESSIBLE_CARDS: usize = 500;

/// Each card on screen as an AccessKit node: a button named by its title, described by its
/// level, phase and emotion, so screen readers (and tests) find a step by its words. The
/// nodes only sense hover: clicks and drags stay the canvas's.
fn accessible_cards(
    ui: &mut Ui,
    rect: Rect,
    journey: &Journey,
    scene: &Scene,
    view: &ViewState,
    lang: Lang,
) {
    let to_screen = view.camera.to_screen();
    let on_screen = scene
        .cards
        .iter()
        .map(|card| (card, to_screen * card.rect))
        .filter(|(_, r)| r.intersects(rect))
        .take(MAX_ACCESSIBLE_CARDS);
    for (card, screen) in on_screen {
        let Some(step) = journey.step(card.step) else {
            continue;
        };
        let id = ui.scope_id().with(("card", card.step));
        let response = ui.interact(screen.intersect(rect), id, Sense::hover());
        let selected = view.selection.contains(&card.step);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, &step.title)
        });
        let level = journey.level(step.level).map_or("", |l| l.label.as_str());
        let phase = journey.phase_at(step.t).map_or("", |p| p.name.as_str());
        let feeling = step.emotion.feeling.as_ref().map(|f| match lang {
            Lang::Ja => f.name_ja().to_owned(),
            Lang::En => f.name_en().to_owned(),
        });
        let valence = step.emotion.valence.map(|v| format!("{v:+}"));
        let parts: Vec<String> = [
            Some(format!("{}: {level}", T::Level.text(lang))),
            (!phase.is_empty()).then(|| format!("{}: {phase}", T::PhaseWord.text(lang))),
            feeling,
            valence,
        ]
        .into_iter()
        .flatten()
        .collect();
        let description = parts.join(", ");
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_description(description);
            node.set_selected(selected);
        });
    }
}
