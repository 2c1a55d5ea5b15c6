//! The emotion-curve lane under the diagram, on the same time axis: each step with a
//! valence is a point at its card's X and its valence's height. Steps on the main path
//! (start to goal, the longest chain) are joined by the curve; other links between rated
//! steps are branches (drawn dashed). A step without a valence leaves a gap, never a
//! false zero.

use crate::model::{Journey, Moment, StepId};
use egui::{Pos2, Rect, pos2};

/// Space between the bands and the lane.
pub const LANE_GAP: f32 = 10.0;

/// One step's point on the curve.
#[derive(Clone, Debug, PartialEq)]
pub struct LanePoint {
    /// The step.
    pub step: StepId,
    /// Where it is drawn (diagram units).
    pub pos: Pos2,
    /// Its valence.
    pub valence: i8,
    /// Pain point or delight, if marked.
    pub moment: Option<Moment>,
}

/// A piece of the curve between two rated steps joined by a link.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneSegment {
    /// Start (diagram units).
    pub from: Pos2,
    /// End (diagram units).
    pub to: Pos2,
    /// On the main path (solid) or a branch (dashed).
    pub main: bool,
    /// The link goes down a level (descend colour).
    pub descending: bool,
}

/// The lane: its area, its points and its segments.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The lane's area (diagram units), as wide as the plot.
    pub rect: Rect,
    /// Points, in step order.
    pub points: Vec<LanePoint>,
    /// Segments, main path first.
    pub segments: Vec<LaneSegment>,
}

impl Lane {
    /// The diagram y of a valence in this lane (+2 at the top, −2 at the bottom).
    #[must_use]
    pub fn y_of(&self, valence: f32) -> f32 {
        valence_y(self.rect, valence)
    }

    /// The step whose point is within `radius` of `p`.
    #[must_use]
    pub fn point_at(&self, p: Pos2, radius: f32) -> Option<StepId> {
        self.points
            .iter()
            .find(|q| q.pos.distance(p) <= radius)
            .map(|q| q.step)
    }
}

fn valence_y(rect: Rect, valence: f32) -> f32 {
    let half = rect.height() / 2.0 - 14.0;
    rect.center().y - valence / 2.0 * half
}

/// Builds the lane in `rect` for `journey`; `x_of` places a time on the X axis.
#[must_use]
pub fn build(journey: &Journey, rect: Rect, x_of: impl Fn(f64) -> f32) -> Lane {
    let points: Vec<LanePoint> = journey
        .steps
        .iter()
        .filter_map(|s| {
            let valence = s.emotion.valence?;
            Some(LanePoint {
                step: s.id,
                pos: pos2(x_of(s.t), valence_y(rect, f32::from(valence))),
                valence,
                moment: s.emotion.moment,
            })
        })
        .collect();
    // By id, so that joining every link's ends stays linear (the first point of an id wins,
    // as a search through the list would find it).
    let mut by_step = std::collections::HashMap::with_capacity(points.len());
    for p in &points {
        by_step.entry(p.step).or_insert(p.pos);
    }
    let at = |id: StepId| by_step.get(&id).copied();
    let path = journey.longest_path();
    let on_path: std::collections::HashSet<(StepId, StepId)> =
        path.windows(2).map(|w| (w[0], w[1])).collect();
    let mut segments: Vec<LaneSegment> = journey
        .links
        .iter()
        .filter_map(|l| {
            Some(LaneSegment {
                from: at(l.from)?,
                to: at(l.to)?,
                main: on_path.contains(&(l.from, l.to)),
                descending: journey.is_descending(l),
            })
        })
        .collect();
    segments.sort_by_key(|s| !s.main);
    Lane {
        rect,
        points,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Emotion;

    #[test]
    fn points_take_the_x_of_their_steps_and_the_y_of_their_valence() {
        let j = crate::bundled::TEINEI.load().expect("example");
        let scene = crate::layout::layout(&j);
        let lane = scene.lane.as_ref().expect("the example has a lane");
        assert_eq!(
            lane.points.len(),
            j.steps.len(),
            "every example step is rated"
        );
        for p in &lane.points {
            let step = j.step(p.step).expect("step");
            assert!((p.pos.x - scene.x_of(step.t)).abs() < 1e-3);
            assert!((p.pos.y - lane.y_of(f32::from(p.valence))).abs() < 1e-3);
            assert!(lane.rect.contains(p.pos));
        }
        // Higher valence is higher up.
        assert!(lane.y_of(2.0) < lane.y_of(0.0) && lane.y_of(0.0) < lane.y_of(-2.0));
        // The main path is solid; the descending branches off it are there too.
        assert!(lane.segments.iter().any(|s| s.main));
        assert!(lane.segments.iter().any(|s| s.descending));
    }

    #[test]
    fn steps_without_a_valence_leave_a_gap_not_a_zero() {
        let mut j = crate::bundled::TEINEI.load().expect("example");
        let pause = j
            .steps
            .iter()
            .position(|s| s.title == "飽きて休止する")
            .expect("step");
        let id = j.steps[pause].id;
        j.steps[pause].emotion = Emotion::default();
        let scene = crate::layout::layout(&j);
        let lane = scene.lane.as_ref().expect("lane");
        assert!(lane.points.iter().all(|p| p.step != id), "no point for it");
        let x = scene.x_of(j.steps[pause].t);
        assert!(
            lane.segments
                .iter()
                .all(|s| (s.from.x - x).abs() > 1e-3 && (s.to.x - x).abs() > 1e-3),
            "no segment reaches it"
        );
    }
}
