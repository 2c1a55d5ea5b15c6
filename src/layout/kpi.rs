//! The KPI lane under the diagram: a row each for customers, repeat rate and NPS (their
//! names in the gutter), a cell per phase under the phase's band on the same time axis, and
//! under the rows the lines that say where the figures come from ([`crate::kpi`] makes the
//! figures, [`crate::i18n::kpi`] the words).

use super::Metrics;
use crate::i18n::Lang;
use crate::i18n::kpi::{Row, footer};
use crate::kpi::Kpis;
use crate::linebreak::rows_needed;
use crate::model::{Journey, PhaseId};
use egui::{Rect, pos2};

/// Space between what is above and the lane.
pub const GAP: f32 = 10.0;
/// Padding inside a cell, left and right, and above and below the footer.
pub const PAD: f32 = 6.0;
/// The most rows one footer line may take.
const MAX_FOOTER_ROWS: usize = 3;

/// A phase's column of the lane.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiCell {
    /// The phase.
    pub phase: PhaseId,
    /// Its column over the rows: the phase band's width, within the plot.
    pub rect: Rect,
}

/// The lane.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiLane {
    /// Rows and footer, as wide as the plot.
    pub rect: Rect,
    /// The rows' names, in the gutter.
    pub label_rect: Rect,
    /// Height of one row.
    pub row_h: f32,
    /// One per phase, in `Journey::phases` order.
    pub cells: Vec<KpiCell>,
    /// The lines under the rows.
    pub footer: Rect,
    /// How many text rows each footer line takes, in [`footer`]'s order.
    pub footer_rows: Vec<usize>,
}

impl KpiLane {
    /// Row `i`'s top and bottom (0 = customers).
    #[must_use]
    pub fn row(&self, i: usize) -> (f32, f32) {
        let top = self.rect.top() + i as f32 * self.row_h;
        (top, top + self.row_h)
    }
}

/// A row's height at metrics `m`: the figure at label size with room around it, or the
/// row's name in the gutter (`name_w` wide) if it needs two rows in either language
/// (「リピート率」 fits one, "Repeat rate" may not).
#[must_use]
pub fn row_h(m: &Metrics, name_w: f32) -> f32 {
    let name_rows = Row::ALL
        .iter()
        .flat_map(|r| [Lang::Ja, Lang::En].map(|lang| r.name(lang)))
        .map(|name| rows_needed(name, m.small_size, name_w).clamp(1, NAME_ROWS))
        .max()
        .unwrap_or(1);
    (m.label_size * 1.8)
        .max(name_rows as f32 * m.small_size * 1.25 + 4.0)
        .round()
}

/// The most rows a row's name takes in the gutter.
pub const NAME_ROWS: usize = 2;

/// Width of a row's name in a gutter `label_rect` wide: what the painter draws it in.
#[must_use]
pub fn name_w(label_rect: Rect) -> f32 {
    label_rect.width() - 12.0
}

/// Height of one text row of the footer.
#[must_use]
pub fn footer_row_h(m: &Metrics) -> f32 {
    m.small_size * 1.3
}

/// The footer's lines in both languages, once per journey: their lengths fix the lane's
/// height at each width. Empty when the lane has nothing to show (no phase, or neither a
/// flow wave nor a survey wave).
#[must_use]
pub fn footer_texts(journey: &Journey) -> Vec<[String; 2]> {
    if journey.phases.is_empty() || (journey.flows.is_empty() && journey.surveys.waves.is_empty()) {
        return Vec::new();
    }
    let kpis = Kpis::of(journey, None);
    let ja = footer(&kpis, Lang::Ja);
    let en = footer(&kpis, Lang::En);
    ja.into_iter().zip(en).map(|(j, e)| [j, e]).collect()
}

/// Lays out the lane from `top` across `plot`, its row names from `label_left` to the plot;
/// `x_of` places a time, `texts` are [`footer_texts`]. `None` without texts.
#[must_use]
pub fn build(
    journey: &Journey,
    m: &Metrics,
    texts: &[[String; 2]],
    top: f32,
    plot: Rect,
    label_left: f32,
    x_of: impl Fn(f64) -> f32,
) -> Option<KpiLane> {
    if texts.is_empty() {
        return None;
    }
    let label_right = plot.left() - 12.0;
    let row_h = row_h(m, label_right - label_left - 12.0);
    let rows_top = top;
    let rows_bottom = rows_top + Row::ALL.len() as f32 * row_h;
    let width = plot.width() - 2.0 * PAD;
    let footer_rows: Vec<usize> = texts
        .iter()
        .map(|both| {
            both.iter()
                .map(|t| rows_needed(t, m.small_size, width))
                .max()
                .unwrap_or(1)
                .clamp(1, MAX_FOOTER_ROWS)
        })
        .collect();
    let footer_h = footer_rows.iter().sum::<usize>() as f32 * footer_row_h(m) + 2.0 * PAD;
    let footer = Rect::from_min_max(
        pos2(plot.left(), rows_bottom),
        pos2(plot.right(), rows_bottom + footer_h),
    );
    let cells = journey
        .phases
        .iter()
        .map(|p| {
            let l = x_of(p.start).clamp(plot.left(), plot.right());
            let r = x_of(p.end).clamp(plot.left(), plot.right());
            KpiCell {
                phase: p.id,
                rect: Rect::from_min_max(pos2(l, rows_top), pos2(r.max(l), rows_bottom)),
            }
        })
        .collect();
    Some(KpiLane {
        rect: Rect::from_min_max(pos2(plot.left(), top), footer.max),
        label_rect: Rect::from_min_max(pos2(label_left, rows_top), pos2(label_right, rows_bottom)),
        row_h,
        cells,
        footer,
        footer_rows,
    })
}
