//! Drawing the KPI lane: the row names in the gutter, per phase its customers, repeat rate
//! and NPS with their changes (▲ green / ▼ brown as on the cards' NPS; △▽ grey within
//! noise), and the lines under them saying which waves, which period and which definition.

use super::nps::{DETRACTOR, PROMOTER};
use super::{Pen, shape_size, translated};
use crate::i18n::kpi::{Row, figure, footer};
use crate::kpi::Kpis;
use crate::layout::kpi::{KpiLane, NAME_ROWS, PAD, footer_row_h, name_w};
use crate::model::Journey;
use egui::{Rect, Shape, Stroke, pos2, vec2};

impl Pen<'_> {
    /// The lane, its figures and its footer.
    pub(super) fn kpi(&self, journey: &Journey, lane: &KpiLane, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let visible = self.view.to_screen.inverse() * self.painter.clip_rect();
        if !lane.rect.union(lane.label_rect).intersects(visible) {
            return;
        }
        let language = self.view.lang;
        let kpis = Kpis::of(journey, self.view.wave.map(|w| w.name.as_str()));
        let grid = Stroke::new(1.0, theme.grid);
        for (i, row) in Row::ALL.into_iter().enumerate() {
            let (top, bottom) = lane.row(i);
            let band = Rect::from_min_max(
                pos2(lane.label_rect.left(), top),
                pos2(lane.rect.right(), bottom),
            );
            out.push(Shape::rect_filled(self.rect(band), 0.0, theme.band[i % 2]));
            if self.text_visible() {
                let width = name_w(lane.label_rect);
                let name = self.wrapped(
                    row.name(language),
                    self.m.small_size,
                    theme.text,
                    width,
                    NAME_ROWS,
                );
                let h = shape_size(&name).y;
                let at = self.pos(pos2(lane.label_rect.left() + 10.0, top))
                    + vec2(0.0, ((lane.row_h * self.zoom) - h).max(0.0) / 2.0);
                out.push(translated(name, at));
            }
        }
        out.push(Shape::line_segment(
            [
                self.pos(pos2(lane.label_rect.left(), lane.rect.top())),
                self.pos(lane.rect.right_top()),
            ],
            grid,
        ));
        for (cell, figures) in lane.cells.iter().zip(&kpis.phases) {
            if !cell.rect.intersects(visible) || cell.rect.width() <= 2.0 * PAD {
                continue;
            }
            out.push(Shape::line_segment(
                [
                    self.pos(cell.rect.left_top()),
                    self.pos(cell.rect.left_bottom()),
                ],
                grid,
            ));
            if !self.text_visible() {
                continue;
            }
            let shown = [figures.customers, figures.repeat_rate, figures.nps];
            for (i, (row, value)) in Row::ALL.into_iter().zip(shown).enumerate() {
                self.kpi_cell(cell.rect, lane.row(i), figure(row, value, language), out);
            }
        }
        if self.text_visible() {
            let row_h = footer_row_h(self.m);
            let width = lane.footer.width() - 2.0 * PAD;
            let mut y = lane.footer.top() + PAD;
            for (line, &rows) in footer(&kpis, language).iter().zip(&lane.footer_rows) {
                let text = self.wrapped(line, self.m.small_size, theme.muted, width, rows);
                out.push(translated(
                    text,
                    self.pos(pos2(lane.footer.left() + PAD, y)),
                ));
                y += rows as f32 * row_h;
            }
        }
    }

    /// One figure in its cell's row: the value at label size, then its change in small type
    /// if both fit the cell (otherwise the value alone, cut if need be).
    fn kpi_cell(
        &self,
        cell: Rect,
        (top, bottom): (f32, f32),
        (value, change): (String, Option<String>),
        out: &mut Vec<Shape>,
    ) {
        let theme = self.view.theme;
        let width = cell.width() - 2.0 * PAD;
        // A figure is shown whole or not at all (「5,0…」 would read as five): in smaller
        // type if need be, else only an ellipsis says there is one.
        let whole = [self.m.label_size, self.m.small_size]
            .into_iter()
            .map(|size| self.wrapped(&value, size, theme.text, width, 1))
            .find(|shape| !text_cut(shape));
        let Some(value) = whole else {
            let more = self.wrapped("…", self.m.small_size, theme.muted, width, 1);
            let h = shape_size(&more).y / self.zoom;
            let y = top + ((bottom - top) - h).max(0.0) / 2.0;
            out.push(translated(more, self.pos(pos2(cell.left() + PAD, y))));
            return;
        };
        let value_w = shape_size(&value).x / self.zoom;
        let middle = |shape: &Shape| {
            let h = shape_size(shape).y / self.zoom;
            top + ((bottom - top) - h).max(0.0) / 2.0
        };
        let left = cell.left() + PAD;
        let y = middle(&value);
        out.push(translated(value, self.pos(pos2(left, y))));
        let Some(change) = change else {
            return;
        };
        let colour = match change.chars().next() {
            Some('▲') => PROMOTER,
            Some('▼') => DETRACTOR,
            _ => theme.muted,
        };
        let gap = self.m.small_size * 0.4;
        let room = width - value_w - gap;
        let label = self.wrapped(&change, self.m.small_size, colour, room.max(0.0), 1);
        let label_w = shape_size(&label).x / self.zoom;
        if room <= 0.0 || label_w > room + 0.5 || text_cut(&label) {
            return;
        }
        // On the value's baseline, near enough: both centred in the row.
        let at = pos2(left + value_w + gap, middle(&label));
        out.push(translated(label, self.pos(at)));
    }
}

/// Whether the text was cut short (it ends in the ellipsis): figures and changes are shown
/// whole or not at all.
fn text_cut(shape: &Shape) -> bool {
    match shape {
        Shape::Text(t) => t.galley.text().ends_with(crate::paint::clip::ELLIPSIS),
        _ => false,
    }
}
