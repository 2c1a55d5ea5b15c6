//! Drawing the strategy: the initiative lanes (a lane per department, its name and colour
//! in the gutter), each initiative a chip under its step — a box for an initiative (施策), a
//! pointed tag for a message (メッセージ); an idea dashed, planned outlined, running filled
//! with the department's tint, done greyed with ✓ — and on each card the dots of the
//! departments acting there, or a ring where the brand is silent (red on a step a customer
//! falls to). With a department highlighted, everything else fades.

use super::{Pen, rgb, translated};
use crate::layout::Card;
use crate::layout::initiatives::{CHIP_PAD_X, Chip, Strategy, chip_rows};
use crate::model::{DepartmentId, InitiativeKind, Journey, Status};
use egui::epaint::PathShape;
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// How much a faded (not highlighted) thing keeps of its colour.
const FADED: f32 = 0.22;
/// The most chips one paint draws: past it, on screen at once, they are too small to read
/// (and each costs a text layout), so a file of 100,000 initiatives stays fast.
const MAX_CHIPS_DRAWN: usize = 4_000;

impl Pen<'_> {
    /// Whether something of `department` is faded by the highlight.
    fn faded(&self, department: Option<DepartmentId>) -> bool {
        self.view.highlight.is_some_and(|h| department != Some(h))
    }

    /// The lanes, their names and the chips.
    pub(super) fn strategy(&self, journey: &Journey, s: &Strategy, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let visible = self.view.to_screen.inverse() * self.painter.clip_rect();
        let shown = |r: Rect| r.intersects(visible);
        for (i, lane) in s.lanes.iter().enumerate() {
            if !shown(lane.rect.union(lane.label_rect)) {
                continue;
            }
            let colour = lane
                .department
                .and_then(|d| journey.department(d))
                .map_or(theme.muted, |d| rgb(d.colour));
            let fade = if self.faded(lane.department) {
                FADED
            } else {
                1.0
            };
            out.push(Shape::rect_filled(
                self.rect(lane.rect.union(lane.label_rect)),
                0.0,
                theme.band[i % 2],
            ));
            out.push(Shape::rect_filled(
                self.rect(lane.rect),
                0.0,
                colour.gamma_multiply(0.08 * fade),
            ));
            // The department's colour as a bar at the gutter's left, then its name.
            let bar = Rect::from_min_size(
                lane.label_rect.left_top() + vec2(0.0, 3.0),
                vec2(5.0, lane.label_rect.height() - 6.0),
            );
            out.push(Shape::rect_filled(
                self.rect(bar),
                CornerRadius::same(2),
                colour.gamma_multiply(fade),
            ));
            if self.text_visible() {
                let name = lane
                    .department
                    .and_then(|d| journey.department(d))
                    .map_or(crate::i18n::T::NoDepartment.text(self.view.lang), |d| {
                        d.name.as_str()
                    });
                let width = lane.label_rect.width() - 12.0;
                let text = self.wrapped(
                    name,
                    self.m.small_size,
                    theme.text.gamma_multiply(fade.max(0.45)),
                    width,
                    2,
                );
                let h = super::shape_height(&text);
                let at = self.pos(pos2(lane.label_rect.left() + 10.0, lane.label_rect.top()))
                    + vec2(
                        0.0,
                        ((lane.label_rect.height() * self.zoom) - h).max(0.0) / 2.0,
                    );
                out.push(translated(text, at));
            }
            out.push(Shape::line_segment(
                [
                    self.pos(lane.label_rect.left_top()),
                    self.pos(lane.rect.right_top()),
                ],
                Stroke::new(1.0, theme.grid),
            ));
        }
        for chip in s
            .chips
            .iter()
            .filter(|c| shown(c.rect))
            .take(MAX_CHIPS_DRAWN)
        {
            self.chip(journey, chip, out);
        }
    }

    /// One chip: its stem to the lane's top, its shape by kind, its look by status, its text.
    fn chip(&self, journey: &Journey, chip: &Chip, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let Some(initiative) = journey
            .step(chip.step)
            .and_then(|s| s.initiatives.get(chip.index))
        else {
            return;
        };
        let z = self.zoom.max(0.25);
        let fade = if self.faded(chip.department) {
            FADED
        } else {
            1.0
        };
        let colour = chip
            .department
            .and_then(|d| journey.department(d))
            .map_or(theme.muted, |d| rgb(d.colour))
            .gamma_multiply(fade);
        // A small mark on the lane's top edge at the step's X: the chip serves the step above.
        let a = self.pos(chip.anchor);
        out.push(Shape::convex_polygon(
            vec![a, a + vec2(-3.0 * z, 5.0 * z), a + vec2(3.0 * z, 5.0 * z)],
            colour,
            Stroke::NONE,
        ));
        let r = self.rect(chip.rect);
        let (fill, ink) = match initiative.status {
            Status::Idea | Status::Planned => (theme.card, theme.card_text),
            Status::Running => (blend(theme.card, colour, 0.28), theme.card_text),
            Status::Done => (blend(theme.card, theme.muted, 0.25), theme.muted),
        };
        let fill = fill.gamma_multiply(if fade < 1.0 { 0.5 } else { 1.0 });
        let ink = ink.gamma_multiply(fade.max(0.35));
        let outline = Stroke::new(1.5 * z, colour);
        let points = match chip.kind {
            InitiativeKind::Initiative => rounded_box(r, 3.0 * z),
            InitiativeKind::Message => tag(r, 7.0 * z),
        };
        out.push(Shape::convex_polygon(points.clone(), fill, Stroke::NONE));
        let mut closed = points;
        if let Some(first) = closed.first().copied() {
            closed.push(first);
        }
        if initiative.status == Status::Idea {
            super::clip::dashed(
                out,
                &closed,
                self.clip,
                outline,
                4.0 * z * self.dash_scale,
                3.0 * z * self.dash_scale,
            );
        } else {
            out.push(Shape::Path(PathShape::line(closed, outline)));
        }
        if self.text_visible() {
            let text = if initiative.status == Status::Done {
                format!("✓ {}", initiative.text)
            } else {
                initiative.text.clone()
            };
            let shape = self.wrapped(
                &text,
                self.m.small_size,
                ink,
                chip.rect.width() - 2.0 * CHIP_PAD_X,
                chip_rows(self.m),
            );
            let h = super::shape_height(&shape);
            let at = pos2(r.left() + CHIP_PAD_X * self.zoom, r.center().y - h / 2.0);
            out.push(translated(shape, at));
        }
        // The selected step's chips are outlined like its card.
        if self.view.selected.contains(&chip.step) {
            out.push(Shape::rect_stroke(
                r.expand(2.0 * z),
                CornerRadius::same(4),
                Stroke::new(2.0 * z, theme.selection),
                StrokeKind::Outside,
            ));
        }
    }

    /// On a card: a dot per department acting at its step (in lane order), or a ring where
    /// the brand does nothing — in the descend colour on a step a descending link leads to,
    /// where the workshop should look first.
    pub(super) fn card_departments(&self, journey: &Journey, card: &Card, out: &mut Vec<Shape>) {
        let Some(step) = journey.step(card.step) else {
            return;
        };
        if step.kind != crate::model::StepKind::Step {
            return;
        }
        let theme = self.view.theme;
        let z = self.zoom.max(0.25);
        let radius = 4.0 * z;
        let r = self.rect(card.rect);
        let y = r.top();
        let mut x = r.left() + 10.0 * z;
        let mut acting: Vec<DepartmentId> = step
            .initiatives
            .iter()
            .filter_map(|i| i.department)
            .collect();
        acting.sort_by_key(|d| journey.department_index(*d));
        acting.dedup();
        if step.initiatives.is_empty() {
            let fallen = journey.incoming(step.id).any(|l| journey.is_descending(l));
            let colour = if fallen { theme.descend } else { theme.muted };
            out.push(Shape::circle_filled(
                pos2(x, y),
                radius + 1.0 * z,
                theme.card,
            ));
            out.push(Shape::circle_stroke(
                pos2(x, y),
                radius,
                Stroke::new(1.5 * z, colour),
            ));
            return;
        }
        for d in acting {
            let colour = journey
                .department(d)
                .map_or(theme.muted, |d| rgb(d.colour))
                .gamma_multiply(if self.faded(Some(d)) { FADED } else { 1.0 });
            out.push(Shape::circle_filled(
                pos2(x, y),
                radius + 1.0 * z,
                theme.card,
            ));
            out.push(Shape::circle_filled(pos2(x, y), radius, colour));
            x += 2.0 * radius + 3.0 * z;
        }
    }

    /// Fades a card none of whose initiatives belong to the highlighted department.
    pub(super) fn card_fade(&self, journey: &Journey, card: &Card, out: &mut Vec<Shape>) {
        let Some(h) = self.view.highlight else {
            return;
        };
        let serves = journey
            .step(card.step)
            .is_some_and(|s| s.initiatives.iter().any(|i| i.department == Some(h)));
        if !serves {
            out.push(Shape::rect_filled(
                self.rect(card.rect).expand(1.0),
                CornerRadius::same(6),
                self.view.theme.background.gamma_multiply(0.7),
            ));
        }
    }
}

/// `a` mixed with `t` of `b`.
fn blend(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// A box with cut corners (an octagon close to a rounded rectangle, one convex path).
pub(super) fn rounded_box(r: Rect, c: f32) -> Vec<Pos2> {
    let c = c.min(r.width() / 2.0).min(r.height() / 2.0);
    vec![
        pos2(r.left() + c, r.top()),
        pos2(r.right() - c, r.top()),
        pos2(r.right(), r.top() + c),
        pos2(r.right(), r.bottom() - c),
        pos2(r.right() - c, r.bottom()),
        pos2(r.left() + c, r.bottom()),
        pos2(r.left(), r.bottom() - c),
        pos2(r.left(), r.top() + c),
    ]
}

/// A tag pointed at its left end: how a message looks (a shape, not only a colour).
pub(super) fn tag(r: Rect, point: f32) -> Vec<Pos2> {
    let point = point.min(r.width() / 3.0);
    vec![
        pos2(r.left() + point, r.top()),
        pos2(r.right(), r.top()),
        pos2(r.right(), r.bottom()),
        pos2(r.left() + point, r.bottom()),
        pos2(r.left(), r.center().y),
    ]
}
