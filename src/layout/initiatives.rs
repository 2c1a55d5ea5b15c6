//! The initiative lanes under the diagram, on the same time axis as the cards and the emotion
//! curve: one lane per department (its name and colour in the gutter), each initiative or
//! message a chip centred on its step's X. Chips of a lane never overlap: they are packed
//! into rows like cards into lanes ([`super::stack::pack`]). This is where the workshop's
//! output shows: which department's initiative moves the customer up which step.

use super::Metrics;
use super::stack::pack;
use crate::linebreak::rows_needed;
use crate::model::{DepartmentId, InitiativeKind, Journey, Status, StepId};
use egui::{Pos2, Rect, pos2, vec2};

/// Space between the diagram (or the emotion lane) and the first lane.
pub const LANES_GAP: f32 = 10.0;
/// Space around and between chips.
const CHIP_GAP: f32 = 4.0;
/// Padding inside a chip, left and right (a message's pointed end takes part of it).
pub const CHIP_PAD_X: f32 = 8.0;
/// Padding inside a chip, top and bottom.
const CHIP_PAD_Y: f32 = 3.0;
/// The most rows of text a chip holds: one on a whole-journey slide (the lanes take room
/// from the staircase), three where whole titles are wanted (a deck's phase slides), two on
/// the canvas.
#[must_use]
pub fn chip_rows(m: &Metrics) -> usize {
    if m.whole_titles {
        3
    } else if m.card_marks {
        2
    } else {
        1
    }
}

/// One initiative or message drawn as a chip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// The step it serves.
    pub step: StepId,
    /// Its place in the step's list of initiatives.
    pub index: usize,
    /// Its department (`None`: the lane of initiatives without one).
    pub department: Option<DepartmentId>,
    /// Initiative (a box) or message (a pointed tag).
    pub kind: InitiativeKind,
    /// Idea (dashed), planned, running, done.
    pub status: Status,
    /// The chip (diagram units).
    pub rect: Rect,
    /// Its step's X on the lane's top edge: where the chip's stem goes up to.
    pub anchor: Pos2,
}

/// One department's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentLane {
    /// The department (`None`: initiatives without one).
    pub department: Option<DepartmentId>,
    /// The lane, as wide as the plot.
    pub rect: Rect,
    /// Where its name goes, in the gutter.
    pub label_rect: Rect,
}

/// All the lanes and their chips.
#[derive(Clone, Debug, PartialEq)]
pub struct Strategy {
    /// The area of all lanes.
    pub rect: Rect,
    /// Lanes, top first: the journey's departments in order, then "no department" if used.
    pub lanes: Vec<DepartmentLane>,
    /// Chips, by lane, then by X.
    pub chips: Vec<Chip>,
}

impl Strategy {
    /// The chip under `p` (diagram units), if any.
    #[must_use]
    pub fn chip_at(&self, p: Pos2) -> Option<&Chip> {
        self.chips.iter().find(|c| c.rect.contains(p))
    }
}

/// A chip's size for its text at metrics `m`: as wide as its text up to a card's width (a
/// quarter more when it has one row), in at most [`chip_rows`] rows.
#[must_use]
pub fn chip_size(text: &str, m: &Metrics) -> egui::Vec2 {
    let size = m.small_size;
    let max_rows = chip_rows(m);
    let widest = if max_rows == 1 { 1.25 } else { 1.0 } * m.card_w;
    let max_text_w = widest - 2.0 * CHIP_PAD_X;
    let one_row: f32 = text
        .chars()
        .take(200)
        .map(crate::linebreak::em_width)
        .sum::<f32>()
        * size;
    // Half an em to spare: the estimate is not the font's exact widths.
    let text_w = (one_row + size * 0.5).clamp(size, max_text_w);
    let rows = rows_needed(text, size, text_w).clamp(1, max_rows);
    vec2(
        text_w + 2.0 * CHIP_PAD_X,
        rows as f32 * size * 1.25 + 2.0 * CHIP_PAD_Y,
    )
}

/// Every initiative's chip size ([`chip_size`]), per step in `Journey::steps` order: they
/// do not depend on the time scale, so a layout tried at many scales sizes them once.
#[must_use]
pub fn sizes(journey: &Journey, m: &Metrics) -> Vec<Vec<egui::Vec2>> {
    journey
        .steps
        .iter()
        .map(|s| {
            s.initiatives
                .iter()
                .map(|i| chip_size(&i.text, m))
                .collect()
        })
        .collect()
}

/// Lays out the lanes from `top`, across `plot`'s width, with labels from `label_left` to
/// the plot; `x_of` places a time; `sizes` are the chips' ([`sizes`]). `None` when the
/// journey has no department and no initiative.
#[must_use]
pub fn build(
    journey: &Journey,
    m: &Metrics,
    sizes: &[Vec<egui::Vec2>],
    top: f32,
    plot: Rect,
    label_left: f32,
    x_of: impl Fn(f64) -> f32,
) -> Option<Strategy> {
    let any = journey.steps.iter().any(|s| !s.initiatives.is_empty());
    if journey.departments.is_empty() && !any {
        return None;
    }
    // Lanes: every department (an empty lane shows a department that does nothing yet),
    // then the initiatives without one.
    let mut keys: Vec<Option<DepartmentId>> =
        journey.departments.iter().map(|d| Some(d.id)).collect();
    let unowned = journey.steps.iter().any(|s| {
        s.initiatives.iter().any(|i| {
            i.department
                .is_none_or(|d| journey.department_index(d).is_none())
        })
    });
    if unowned {
        keys.push(None);
    }
    let lane_of = |d: Option<DepartmentId>| {
        d.and_then(|d| journey.department_index(d))
            .unwrap_or(keys.len() - 1)
    };
    // The chips of each lane with their sizes, in X order.
    let mut per_lane: Vec<Vec<Chip>> = vec![Vec::new(); keys.len()];
    for (s, step_sizes) in journey.steps.iter().zip(sizes) {
        let x = x_of(s.t);
        for ((index, i), &size) in s.initiatives.iter().enumerate().zip(step_sizes) {
            let lane = lane_of(i.department);
            per_lane[lane].push(Chip {
                step: s.id,
                index,
                department: keys[lane],
                kind: i.kind,
                status: i.status,
                rect: Rect::from_center_size(pos2(x, 0.0), size),
                anchor: pos2(x, 0.0),
            });
        }
    }
    let min_lane_h = m.small_size * 1.25 + 2.0 * CHIP_PAD_Y + 2.0 * CHIP_GAP;
    let mut lanes = Vec::with_capacity(keys.len());
    let mut chips = Vec::new();
    let mut y = top;
    for (key, mut lane_chips) in keys.iter().zip(per_lane) {
        lane_chips.sort_by(|a, b| a.rect.left().total_cmp(&b.rect.left()));
        let spans: Vec<(f32, f32)> = lane_chips
            .iter()
            .map(|c| (c.rect.left(), c.rect.right()))
            .collect();
        let (rows, n_rows) = pack(&spans, CHIP_GAP);
        let row_h = lane_chips
            .iter()
            .map(|c| c.rect.height())
            .fold(0.0_f32, f32::max)
            + CHIP_GAP;
        let lane_h = (n_rows as f32 * row_h + CHIP_GAP).max(min_lane_h);
        for (chip, row) in lane_chips.iter_mut().zip(rows) {
            let chip_top = y + CHIP_GAP + row as f32 * row_h;
            chip.rect = Rect::from_min_size(pos2(chip.rect.left(), chip_top), chip.rect.size());
            chip.anchor.y = y;
        }
        chips.extend(lane_chips);
        let rect = Rect::from_min_max(pos2(plot.left(), y), pos2(plot.right(), y + lane_h));
        lanes.push(DepartmentLane {
            department: *key,
            rect,
            label_rect: Rect::from_min_max(
                pos2(label_left, y),
                pos2(plot.left() - 12.0, y + lane_h),
            ),
        });
        y += lane_h;
    }
    Some(Strategy {
        rect: Rect::from_min_max(pos2(plot.left(), top), pos2(plot.right(), y)),
        lanes,
        chips,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_text_makes_a_wider_chip_up_to_a_card_then_a_second_row() {
        let m = Metrics::SCREEN;
        let short = chip_size("DM", &m);
        let long = chip_size("同世代の愛用者を起用した新聞広告", &m);
        let longer = chip_size(&"長い施策".repeat(20), &m);
        assert!(short.x < long.x);
        assert!(long.x <= m.card_w + 1e-3);
        assert!(longer.y > short.y, "two rows");
        assert!(
            (longer.y - chip_size(&"長い施策".repeat(40), &m).y).abs() < 1e-3,
            "at most two"
        );
    }
}
