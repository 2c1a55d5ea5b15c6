//! Model → [`Scene`]: where every band, card, connector and label goes, in diagram units
//! (points at zoom 1, y downwards). Pure geometry: no painting, no input.
//!
//! X is time: a card is centred on its step's `t`. Y is affinity: each level is a band,
//! the bottom level lowest. Cards that would overlap inside a band are stacked in lanes,
//! so no two cards ever overlap while X stays true to time.

pub mod connector;
pub mod fit;
pub mod flow;
pub mod initiatives;
pub mod kpi;
pub mod labels;
pub mod lane;
pub mod metrics;
pub mod stack;

use crate::model::{Journey, LevelId, PhaseId, StepId, StepKind};
use egui::{Pos2, Rect, pos2, vec2};
pub use metrics::Metrics;

/// One affinity level's horizontal band.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelBand {
    /// The level.
    pub id: LevelId,
    /// Height of the level, 0 = bottom.
    pub index: usize,
    /// The band across the plot.
    pub rect: Rect,
    /// Where the label goes, in the gutter at the left.
    pub label_rect: Rect,
    /// Rows of cards the band holds (steps close in time are stacked): more than one, and
    /// the painter still draws them as one level (one tint, one label, no line between).
    pub lanes: usize,
}

/// One phase's vertical band and its header.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseBand {
    /// The phase.
    pub id: PhaseId,
    /// The band over all levels.
    pub rect: Rect,
    /// The coloured header above the bands.
    pub header: Rect,
}

/// A step's card.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The step.
    pub step: StepId,
    /// Where the card is drawn.
    pub rect: Rect,
    /// Start, step or goal (drawn differently).
    pub kind: StepKind,
    /// The strip along the bottom of the card for the NPS badge and bar, when the survey
    /// layer is laid out; part of `rect`.
    pub strip: Option<Rect>,
}

impl Card {
    /// The card without its NPS strip: where the title, icon and emotion go.
    #[must_use]
    pub fn body(&self) -> Rect {
        match self.strip {
            Some(strip) => Rect::from_min_max(self.rect.min, pos2(self.rect.right(), strip.top())),
            None => self.rect,
        }
    }
}

/// A link drawn as a staircase.
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// Source step.
    pub from: StepId,
    /// Target step.
    pub to: StepId,
    /// The polyline, from the source card's edge to the target card's edge.
    pub points: Vec<Pos2>,
    /// Whether the link goes down a level (dashed, descend colour, down marker).
    pub descending: bool,
    /// Where a descending link's down marker goes: on one of its downward risers, clear of
    /// the cards when the route is (see [`connector::Route::marker`]).
    pub marker: Option<Pos2>,
    /// Where the label (trigger) goes and how it aligns there, if the link has one.
    pub label_at: Option<(Pos2, egui::Align2)>,
    /// The label's frame (estimated from its text), kept clear of cards and other labels.
    pub label_rect: Option<Rect>,
    /// Bounding box of the polyline, for culling.
    pub bounds: Rect,
    /// Where the routing made room for the label, if it found room: the first spot
    /// [`labels::place`] tries.
    pub label_spot: Option<(Pos2, egui::Align2)>,
    /// No route clear of the other cards was found (or its down marker covers a card): the
    /// line may pass behind a card. Counted in [`Scene::crowded_connectors`].
    pub crowded: bool,
}

/// Everything needed to draw a journey, in diagram units.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Everything, gutter and axes included.
    pub bounds: Rect,
    /// The area of the level bands (right of the gutter, below the headers).
    pub plot: Rect,
    /// Level bands, bottom level first (same order as `Journey::levels`).
    pub levels: Vec<LevelBand>,
    /// Phase bands, in `Journey::phases` order.
    pub phases: Vec<PhaseBand>,
    /// Cards, in `Journey::steps` order (sorted by step id).
    pub cards: Vec<Card>,
    /// Connectors, in `Journey::links` order.
    pub connectors: Vec<Connector>,
    /// The emotion-curve lane under the bands, if laid out.
    pub lane: Option<lane::Lane>,
    /// The initiative lanes under the emotion lane, one per department, if laid out.
    pub strategy: Option<initiatives::Strategy>,
    /// The KPI lane under everything else (customers, repeat rate and NPS per phase), if
    /// laid out.
    pub kpi: Option<kpi::KpiLane>,
    /// The time axis, left to right, below the bands (and the lane).
    pub time_axis: [Pos2; 2],
    /// The affinity axis, bottom to top, at the left of the bands.
    pub affinity_axis: [Pos2; 2],
    /// The sizes it was laid out with (the painter draws with the same).
    pub metrics: Metrics,
    /// Link labels that found no free spot and overlap a card or another label.
    pub crowded_labels: usize,
    /// Connectors that found no route clear of the cards they do not join (they keep the
    /// default staircase and pass behind a card), or whose down marker covers a card.
    pub crowded_connectors: usize,
    /// The routing ran out of its work budget (thousands of links piled up): the last
    /// connectors kept their default route without looking (counted as crowded).
    pub connectors_cut_short: bool,
    /// The label placement ran out of its work budget (thousands of labels piled up): the
    /// last labels took their first spot without looking. A scene laid out at another time
    /// scale would fare the same, so the export stops comparing scales.
    pub labels_cut_short: bool,
    /// Diagram x of time 0.
    origin_x: f32,
}

impl Scene {
    /// Diagram x of a time (as drawn: see [`drawn_t`]).
    #[must_use]
    pub fn x_of(&self, t: f64) -> f32 {
        self.origin_x + drawn_t(t) as f32 * self.metrics.unit_t
    }

    /// Time at a diagram x.
    #[must_use]
    pub fn t_of(&self, x: f32) -> f64 {
        f64::from((x - self.origin_x) / self.metrics.unit_t)
    }

    /// The level whose band is nearest to diagram y (clamped to the top and bottom band).
    #[must_use]
    pub fn level_at(&self, y: f32) -> Option<LevelId> {
        self.levels
            .iter()
            .min_by(|a, b| {
                let d = |band: &LevelBand| {
                    if band.rect.y_range().contains(y) {
                        0.0
                    } else {
                        (band.rect.center().y - y).abs()
                    }
                };
                d(a).total_cmp(&d(b))
            })
            .map(|b| b.id)
    }

    /// How far apart in time two steps of one level must be for their cards to sit side by
    /// side in one lane (a card's width and the gap between cards, at this time scale).
    #[must_use]
    pub fn pitch(&self) -> f64 {
        f64::from((self.metrics.card_w + self.metrics.card_gap) / self.metrics.unit_t)
    }

    /// The card of a step.
    #[must_use]
    pub fn card(&self, id: StepId) -> Option<&Card> {
        self.cards
            .binary_search_by_key(&id, |c| c.step)
            .ok()
            .map(|i| &self.cards[i])
    }

    /// The top-most card under a diagram point.
    #[must_use]
    pub fn card_at(&self, p: Pos2) -> Option<StepId> {
        self.cards
            .iter()
            .rev()
            .find(|c| c.rect.contains(p))
            .map(|c| c.step)
    }

    /// Every card touching a diagram rectangle (rubber-band selection).
    pub fn cards_in(&self, area: Rect) -> impl Iterator<Item = StepId> + '_ {
        self.cards
            .iter()
            .filter(move |c| c.rect.intersects(area))
            .map(|c| c.step)
    }

    /// The connector under a diagram point (within `tolerance`), if any.
    #[must_use]
    pub fn connector_at(&self, p: Pos2, tolerance: f32) -> Option<(StepId, StepId)> {
        self.connectors
            .iter()
            .filter(|c| c.bounds.expand(tolerance).contains(p))
            .find(|c| {
                c.points.windows(2).any(|w| {
                    let seg = Rect::from_two_pos(w[0], w[1]).expand(tolerance);
                    seg.contains(p)
                })
            })
            .map(|c| (c.from, c.to))
    }
}

/// What to lay out besides the bands and cards, and at which density.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(clippy::struct_excessive_bools)] // independent switches of what to lay out
pub struct Options {
    /// Add the emotion-curve lane under the bands (only if some step has a valence).
    pub emotion_lane: bool,
    /// Give every card a strip for its NPS badge and bar (only if the journey has survey
    /// waves).
    pub nps_strip: bool,
    /// Add the initiative lanes (only if the journey has departments or initiatives).
    pub initiative_lanes: bool,
    /// Customer flow shown: the links carry their shares as labels ([`flow::shown`]; the
    /// caller lays out and paints that copy of the journey).
    pub flow: bool,
    /// Add the KPI lane (only if the journey has phases and a flow or survey wave).
    pub kpi: bool,
    /// Sizes: [`Metrics::SCREEN`] on the canvas, [`Metrics::SLIDE`] in exported slides.
    pub metrics: Metrics,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            emotion_lane: true,
            nps_strip: true,
            initiative_lanes: true,
            flow: false,
            kpi: false,
            metrics: Metrics::SCREEN,
        }
    }
}

/// Lays out a journey with the default options (emotion lane included).
#[must_use]
pub fn layout(journey: &Journey) -> Scene {
    layout_with(journey, Options::default())
}

/// Lays out a journey. Steps on unknown levels (only possible in invalid journeys) are
/// placed on the bottom level so nothing is lost from view.
#[must_use]
pub fn layout_with(journey: &Journey, options: Options) -> Scene {
    Prepared::new(journey, options).layout(options.metrics.unit_t)
}

/// Places the link labels of a scene from [`layout_unlabelled`] (as [`layout_with`] does).
pub fn place_labels(journey: &Journey, scene: &mut Scene) {
    place_labels_until(journey, scene, labels::Until::AllPlaced);
}

/// Places the link labels of a scene from [`layout_unlabelled`] until one finds no free
/// spot, and says whether none did and every connector was routed clear: then the scene is
/// exactly as [`place_labels`] leaves it. Otherwise the labels are only partly placed (none
/// when a connector is crowded) and the scene counts one crowded label at most (and says
/// whether the work budget ran out). The export asks this of every time scale it considers,
/// most of which are crowded early.
pub fn place_labels_if_clear(journey: &Journey, scene: &mut Scene) -> bool {
    if scene.crowded_connectors > 0 {
        return false;
    }
    place_labels_until(journey, scene, labels::Until::FirstCrowded);
    scene.crowded_labels == 0
}

fn place_labels_until(journey: &Journey, scene: &mut Scene, until: labels::Until) {
    let crowding = labels::place_until(
        &scene.cards,
        &mut scene.connectors,
        scene.metrics.link_label_size(),
        |from, to| {
            journey
                .link_index(from, to)
                .map_or("", |l| journey.links[l].label.as_str())
        },
        until,
    );
    scene.crowded_labels = crowding.crowded;
    scene.labels_cut_short = crowding.cut_short;
}

/// Lays out a journey without its link labels (none placed, none crowded): bands, cards
/// and connectors, which fix the scene's size.
#[must_use]
pub fn layout_unlabelled(journey: &Journey, options: Options) -> Scene {
    Prepared::new(journey, options).layout_unlabelled(options.metrics.unit_t)
}

/// The bounds of the scene [`layout_unlabelled`] would lay out, without building its cards,
/// connectors or emotion lane (see [`Prepared`] for many time scales).
#[must_use]
pub fn bounds(journey: &Journey, options: Options) -> Rect {
    Prepared::new(journey, options).bounds(options.metrics.unit_t)
}

/// What laying out one journey at many time scales shares (the export compares 33): the
/// sizes fitted to its texts, which only in the phase headers depend on the time scale,
/// each card's NPS strip, and each level band's cards in time order. Laying out from it
/// gives the same scene as [`layout_with`] at that time scale, without measuring every
/// title again.
pub struct Prepared<'a> {
    journey: &'a Journey,
    options: Options,
    /// The sizes fitted at `options.metrics`.
    fit: fit::Fit,
    /// Height of the NPS strip of the cards that carry one (0 when none is laid out).
    strip_h: f32,
    /// Each step's strip height: start and goal cards carry the strip only when they were
    /// asked about. In `Journey::steps` order.
    strip_of: Vec<f32>,
    /// Number of level bands (at least 1).
    n_levels: usize,
    /// Each step's level band, in `Journey::steps` order (steps on unknown levels go to
    /// the bottom band).
    level_of: Vec<usize>,
    /// Every initiative's chip size, per step (empty when the lanes are not laid out).
    chip_sizes: Vec<Vec<egui::Vec2>>,
    /// Per level band, its steps (indices into `Journey::steps`) by drawn time, then id:
    /// nearly the order of their cards' left edges at any time scale, which then sorts in
    /// about linear time.
    by_level: Vec<Vec<usize>>,
    /// The KPI lane's footer lines in both languages (empty when the lane is not laid out).
    kpi_texts: Vec<[String; 2]>,
}

impl<'a> Prepared<'a> {
    /// Fits the sizes and orders the cards of `journey` for `options` (whose time scale
    /// is one of those it will be laid out at).
    #[must_use]
    pub fn new(journey: &'a Journey, options: Options) -> Self {
        let strip_h = if options.nps_strip && !journey.surveys.waves.is_empty() {
            options.metrics.nps_strip_h
        } else {
            0.0
        };
        let fit = fit::fit(journey, options.metrics, strip_h);
        let strip_of = journey
            .steps
            .iter()
            .map(|s| {
                let asked = || {
                    journey
                        .surveys
                        .waves
                        .iter()
                        .any(|w| w.steps.contains_key(&s.id))
                };
                if s.kind == StepKind::Step || asked() {
                    strip_h
                } else {
                    0.0
                }
            })
            .collect();
        let n_levels = journey.levels.len().max(1);
        let level_of: Vec<usize> = journey
            .steps
            .iter()
            .map(|s| journey.level_index(s.level).unwrap_or(0).min(n_levels - 1))
            .collect();
        let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); n_levels];
        for (i, &level) in level_of.iter().enumerate() {
            by_level[level].push(i);
        }
        for steps in &mut by_level {
            steps.sort_by(|&a, &b| {
                let (sa, sb) = (&journey.steps[a], &journey.steps[b]);
                drawn_t(sa.t)
                    .total_cmp(&drawn_t(sb.t))
                    .then(sa.id.cmp(&sb.id))
            });
        }
        let chip_sizes = if options.initiative_lanes {
            initiatives::sizes(journey, &fit.metrics)
        } else {
            Vec::new()
        };
        let kpi_texts = if options.kpi {
            kpi::footer_texts(journey)
        } else {
            Vec::new()
        };
        Self {
            journey,
            options,
            fit,
            strip_h,
            strip_of,
            n_levels,
            level_of,
            chip_sizes,
            by_level,
            kpi_texts,
        }
    }

    /// The fitted sizes at time scale `unit_t` (as [`fit::fit`] gives them).
    fn metrics_at(&self, unit_t: f32) -> Metrics {
        let mut m = Metrics {
            unit_t,
            header_h: self.options.metrics.header_h,
            ..self.fit.metrics
        };
        m.header_h = fit::header_h(self.journey, &m);
        m
    }

    /// The bounds of the scene at time scale `unit_t`, without building its cards,
    /// connectors or emotion lane: what the export compares time scales by.
    #[must_use]
    pub fn bounds(&self, unit_t: f32) -> Rect {
        self.bounds_and_stacking(unit_t).0
    }

    /// [`Self::bounds`], and how many lanes the level bands hold beyond one each: cards of
    /// one level stacked because time is too short to put them side by side (0 when every
    /// level is one row).
    #[must_use]
    pub fn bounds_and_stacking(&self, unit_t: f32) -> (Rect, usize) {
        let frame = self.frame(unit_t, self.options.emotion_lane);
        let lanes: usize = frame.lanes_per_level.iter().sum();
        (
            frame.bounds,
            lanes.saturating_sub(frame.lanes_per_level.len()),
        )
    }

    /// The scene at time scale `unit_t`, labels placed (as [`layout_with`]).
    #[must_use]
    pub fn layout(&self, unit_t: f32) -> Scene {
        let mut scene = self.layout_unlabelled(unit_t);
        place_labels(self.journey, &mut scene);
        scene
    }

    /// The scene at time scale `unit_t` without its labels (as [`layout_unlabelled`]).
    #[must_use]
    pub fn layout_unlabelled(&self, unit_t: f32) -> Scene {
        self.scene(unit_t, self.options.emotion_lane)
    }

    /// The scene at time scale `unit_t` without its labels and without the emotion lane
    /// (whatever the options say): enough to route the connectors and place the labels,
    /// which depend on nothing else, for less work. Not for drawing.
    #[must_use]
    pub fn layout_for_labels(&self, unit_t: f32) -> Scene {
        self.scene(unit_t, false)
    }

    /// [`place_labels_if_clear`] for a scene laid out from this.
    pub fn place_labels_if_clear(&self, scene: &mut Scene) -> bool {
        place_labels_if_clear(self.journey, scene)
    }

    /// A card's left edge when its step's time is at `x`: a wider start card grows to the
    /// left of its time and a wider goal card to the right, so neither reaches over its
    /// neighbours.
    fn left_of(&self, m: &Metrics, i: usize, x: f32) -> f32 {
        match self.journey.steps[i].kind {
            StepKind::Start => x + m.card_w / 2.0 - self.fit.card_w[i],
            _ => x - m.card_w / 2.0,
        }
    }

    /// Lays out the frame: sizes, lanes and bands (see [`Frame`]).
    fn frame(&self, unit_t: f32, emotion_lane: bool) -> Frame {
        let journey = self.journey;
        let fit = &self.fit;
        let n_levels = self.n_levels;
        let m = self.metrics_at(unit_t);
        let Metrics {
            card_w,
            card_gap,
            lane_gap,
            header_h,
            gutter_w,
            pad_t,
            ..
        } = m;

        // Time extent of everything that has a time, as drawn.
        let ts = journey
            .steps
            .iter()
            .map(|s| s.t)
            .chain(journey.phases.iter().flat_map(|p| [p.start, p.end]))
            .map(drawn_t);
        let (t_min, t_max) = ts.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), t| {
            (lo.min(t), hi.max(t))
        });
        let (t_min, t_max) = if t_min <= t_max {
            (t_min, t_max)
        } else {
            (0.0, 10.0)
        };

        let plot_left = gutter_w;
        // The plot keeps room for a wider start card at the left end (it grows leftwards).
        let reach_left = journey
            .steps
            .iter()
            .zip(&fit.card_w)
            .filter(|(s, _)| s.kind == StepKind::Start)
            .map(|(_, w)| w - card_w / 2.0)
            .fold(card_w / 2.0, f32::max);
        let origin_x = plot_left + pad_t + reach_left - t_min as f32 * unit_t;
        let x_of = |t: f64| origin_x + drawn_t(t) as f32 * unit_t;
        // The right end: the last time drawn, or the right edge of a card past it (a wider
        // goal card grows rightwards; others are centred on their time).
        let card_right = journey
            .steps
            .iter()
            .zip(&fit.card_w)
            .map(|(s, &w)| {
                x_of(s.t)
                    + match s.kind {
                        StepKind::Goal => w - card_w / 2.0,
                        StepKind::Start => card_w / 2.0,
                        StepKind::Step => w / 2.0,
                    }
            })
            .fold(x_of(t_max).max(x_of(t_min)), f32::max);
        let plot_right = card_right + pad_t;

        // Lanes: per level, cards sorted by x go into the first lane where they fit.
        let mut lane_of = vec![0usize; journey.steps.len()];
        let mut lanes_per_level = vec![1usize; n_levels];
        let mut steps = Vec::new();
        let mut spans = Vec::new();
        for (level, by_time) in self.by_level.iter().enumerate() {
            let left = |i: usize| self.left_of(&m, i, x_of(journey.steps[i].t));
            steps.clone_from(by_time);
            steps.sort_by(|&a, &b| {
                left(a)
                    .total_cmp(&left(b))
                    .then(journey.steps[a].id.cmp(&journey.steps[b].id))
            });
            spans.clear();
            spans.extend(steps.iter().map(|&i| (left(i), left(i) + fit.card_w[i])));
            let (lanes, count) = stack::pack(&spans, card_gap);
            for (&i, lane) in steps.iter().zip(lanes) {
                lane_of[i] = lane;
            }
            lanes_per_level[level] = count;
        }

        // Bands from the top level down.
        // Each lane as tall as its tallest card (start and goal cards grow for their whole
        // title); each band at least as tall as its label and description.
        let mut lane_h: Vec<Vec<f32>> = lanes_per_level.iter().map(|&n| vec![0.0; n]).collect();
        for (i, &level) in self.level_of.iter().enumerate() {
            let h = &mut lane_h[level][lane_of[i]];
            *h = h.max(fit.card_h[i] + self.strip_of[i]);
        }
        let mut lane_top: Vec<Vec<f32>> = Vec::with_capacity(n_levels);
        let mut band_heights = Vec::with_capacity(n_levels);
        for (level, heights) in lane_h.iter().enumerate() {
            let mut y = lane_gap;
            let mut tops = Vec::with_capacity(heights.len());
            for &h in heights {
                tops.push(y);
                y += h.max(m.card_h + self.strip_h) + lane_gap;
            }
            lane_top.push(tops);
            band_heights.push(y.max(fit.level_h.get(level).copied().unwrap_or(0.0)));
        }
        let mut y = header_h;
        let mut band_top = vec![0.0f32; n_levels];
        for level in (0..n_levels).rev() {
            band_top[level] = y;
            y += band_heights[level];
        }
        let plot = Rect::from_min_max(pos2(plot_left, header_h), pos2(plot_right, y));

        let rated = journey.steps.iter().any(|s| s.emotion.valence.is_some());
        let lane_rect = (emotion_lane && rated).then(|| {
            Rect::from_min_size(
                pos2(plot.left(), plot.bottom() + lane::LANE_GAP),
                vec2(plot.width(), m.emotion_lane_h),
            )
        });
        // The initiative lanes, laid out once here: their height is part of the bounds the
        // scale search compares, and the scene takes them as they are.
        let strategy_top = lane_rect.map_or(plot.bottom(), |r| r.bottom()) + initiatives::LANES_GAP;
        let strategy = self
            .options
            .initiative_lanes
            .then(|| {
                initiatives::build(
                    journey,
                    &m,
                    &self.chip_sizes,
                    strategy_top,
                    plot,
                    m.axis_label_w,
                    |t| origin_x + drawn_t(t) as f32 * m.unit_t,
                )
            })
            .flatten();
        let above_kpi = strategy
            .as_ref()
            .map(|s| s.rect.bottom())
            .or(lane_rect.map(|r| r.bottom()))
            .unwrap_or(plot.bottom());
        let kpi = kpi::build(
            journey,
            &m,
            &self.kpi_texts,
            above_kpi + kpi::GAP,
            plot,
            m.axis_label_w,
            |t| origin_x + drawn_t(t) as f32 * m.unit_t,
        );
        let axis_y = kpi.as_ref().map_or(above_kpi, |k| k.rect.bottom());
        Frame {
            m,
            lanes_per_level,
            lane_of,
            lane_top,
            band_top,
            band_heights,
            plot,
            origin_x,
            lane_rect,
            strategy,
            kpi,
            bounds: Rect::from_min_max(pos2(0.0, 0.0), pos2(plot_right + pad_t, axis_y + m.axis_h)),
        }
    }

    /// The scene at time scale `unit_t` without its labels, with or without the emotion lane.
    fn scene(&self, unit_t: f32, emotion_lane: bool) -> Scene {
        let journey = self.journey;
        let fit = &self.fit;
        let n_levels = self.n_levels;
        let Frame {
            m,
            lanes_per_level,
            lane_of,
            lane_top,
            band_top,
            band_heights,
            plot,
            origin_x,
            lane_rect,
            strategy,
            kpi,
            bounds,
        } = self.frame(unit_t, emotion_lane);
        let x_of = |t: f64| origin_x + drawn_t(t) as f32 * m.unit_t;
        let band_h = |level: usize| band_heights[level];
        let plot_left = plot.left();

        let levels = journey
            .levels
            .iter()
            .enumerate()
            .map(|(index, level)| {
                let rect = Rect::from_min_size(
                    pos2(plot.left(), band_top[index]),
                    vec2(plot.width(), band_h(index.min(n_levels - 1))),
                );
                LevelBand {
                    id: level.id,
                    index,
                    rect,
                    label_rect: Rect::from_min_max(
                        pos2(m.axis_label_w, rect.top()),
                        pos2(plot_left - 12.0, rect.bottom()),
                    ),
                    lanes: lanes_per_level[index.min(n_levels - 1)],
                }
            })
            .collect();

        let phases = journey
            .phases
            .iter()
            .map(|p| {
                let (l, r) = (x_of(p.start), x_of(p.end));
                PhaseBand {
                    id: p.id,
                    rect: Rect::from_min_max(pos2(l, plot.top()), pos2(r, plot.bottom())),
                    header: Rect::from_min_max(pos2(l, 0.0), pos2(r, m.header_h - 4.0)),
                }
            })
            .collect();

        let cards: Vec<Card> = journey
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let level = self.level_of[i];
                let top = band_top[level] + lane_top[level][lane_of[i]];
                let cx = x_of(s.t);
                let strip_h = self.strip_of[i];
                let card_h = fit.card_h[i] + strip_h;
                let rect = Rect::from_min_size(
                    pos2(self.left_of(&m, i, cx), top),
                    vec2(fit.card_w[i], card_h),
                );
                Card {
                    step: s.id,
                    rect,
                    kind: s.kind,
                    strip: (strip_h > 0.0).then(|| {
                        Rect::from_min_max(pos2(rect.left(), rect.bottom() - strip_h), rect.max)
                    }),
                }
            })
            .collect();

        let routing = route_connectors(journey, &cards, plot, &m);
        let lane = lane_rect.map(|rect| lane::build(journey, rect, x_of));
        let axis_y = kpi
            .as_ref()
            .map(|k| k.rect.bottom())
            .or(strategy.as_ref().map(|s| s.rect.bottom()))
            .or(lane_rect.map(|r| r.bottom()))
            .unwrap_or(plot.bottom());
        Scene {
            bounds,
            plot,
            levels,
            phases,
            cards,
            connectors: routing.connectors,
            time_axis: [
                pos2(plot.left(), axis_y + 10.0),
                pos2(plot.right(), axis_y + 10.0),
            ],
            lane,
            strategy,
            kpi,
            affinity_axis: [
                pos2(plot.left() - 6.0, plot.bottom()),
                pos2(plot.left() - 6.0, plot.top()),
            ],
            metrics: m,
            crowded_labels: 0,
            labels_cut_short: false,
            crowded_connectors: routing.crowded,
            connectors_cut_short: routing.cut_short,
            origin_x,
        }
    }
}

/// A scene's connectors as [`route_connectors`] routes them, and how it went.
struct Routed {
    connectors: Vec<Connector>,
    crowded: usize,
    cut_short: bool,
}

/// Routes the connectors of every link among `cards` (in `Journey::links` order) around the
/// cards, with room for their markers and labels (see [`connector`]).
fn route_connectors(journey: &Journey, cards: &[Card], plot: Rect, m: &Metrics) -> Routed {
    let label_font = m.link_label_size();
    let links: Vec<(&crate::model::Link, connector::LinkToRoute)> = journey
        .links
        .iter()
        .filter_map(|link| {
            let route = connector::LinkToRoute {
                from: journey.step_index(link.from)?,
                to: journey.step_index(link.to)?,
                descending: journey.is_descending(link),
                label: (!link.label.is_empty())
                    .then(|| labels::estimated_size(&link.label, label_font)),
            };
            Some((link, route))
        })
        .collect();
    let rects: Vec<Rect> = cards.iter().map(|c| c.rect).collect();
    let ends: Vec<connector::LinkToRoute> = links.iter().map(|(_, l)| *l).collect();
    let routing = connector::route_all(&rects, &ends, plot, connector::clearance(m));
    let connectors = links
        .iter()
        .zip(routing.routes)
        .map(|((link, ends), route)| {
            let bounds = route.points.iter().fold(Rect::NOTHING, |r, p| {
                r.union(Rect::from_center_size(*p, egui::Vec2::ZERO))
            });
            Connector {
                from: link.from,
                to: link.to,
                label_at: None,
                label_rect: None,
                descending: ends.descending,
                marker: route.marker,
                label_spot: route.label,
                points: route.points,
                bounds,
                crowded: !route.clear,
            }
        })
        .collect();
    Routed {
        connectors,
        crowded: routing.crowded,
        cut_short: routing.cut_short,
    }
}

/// What fixes a scene's size, before any card, connector or lane is built: the fitted
/// sizes, each card's lane, the bands and the plot. [`Prepared::bounds`] stops here.
struct Frame {
    /// The density's sizes fitted to the journey at the time scale.
    m: Metrics,
    /// Per level, how many lanes its band holds.
    lanes_per_level: Vec<usize>,
    /// Each step's lane within its level band, in `Journey::steps` order.
    lane_of: Vec<usize>,
    /// Per level, the top of each lane from the band's top.
    lane_top: Vec<Vec<f32>>,
    /// Per level, the band's top.
    band_top: Vec<f32>,
    /// Per level, the band's height.
    band_heights: Vec<f32>,
    /// The area of the level bands.
    plot: Rect,
    /// Diagram x of time 0.
    origin_x: f32,
    /// Where the emotion lane goes, if it is laid out.
    lane_rect: Option<Rect>,
    /// The initiative lanes and their chips, if laid out.
    strategy: Option<initiatives::Strategy>,
    /// The KPI lane, if laid out.
    kpi: Option<kpi::KpiLane>,
    /// Everything, gutter and axes included.
    bounds: Rect,
}

/// The farthest from time 0 anything is drawn: ten times the farthest a valid journey may
/// place a step ([`crate::model::limits::MAX_ABS_TIME`]). Valid journeys are drawn true to
/// time; an unchecked one (a drag preview, an importer, a test) with t = ±1e300 still gets
/// finite rectangles.
pub const MAX_DRAWN_T: f64 = 10.0 * crate::model::limits::MAX_ABS_TIME;

/// A time as drawn: clamped to ±[`MAX_DRAWN_T`]; NaN and infinities at 0.
#[must_use]
pub fn drawn_t(t: f64) -> f64 {
    if t.is_finite() {
        t.clamp(-MAX_DRAWN_T, MAX_DRAWN_T)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn cards_follow_time_and_level() {
        let j = crate::bundled::TEINEI.load().expect("example");
        let scene = layout(&j);
        for (card, step) in scene.cards.iter().zip(&j.steps) {
            // A step's card is centred on its time; a wider start card grows to the left and
            // a wider goal card to the right of where a step's card would be.
            let x = scene.x_of(step.t);
            let half = scene.metrics.card_w / 2.0;
            match step.kind {
                StepKind::Step => assert!((card.rect.center().x - x).abs() < 1e-3),
                StepKind::Start => assert!((card.rect.right() - (x + half)).abs() < 1e-3),
                StepKind::Goal => assert!((card.rect.left() - (x - half)).abs() < 1e-3),
            }
            let band = &scene.levels[j.level_index(step.level).expect("level")];
            assert!(band.rect.contains_rect(card.rect), "{}", step.title);
        }
        // Higher levels are higher up (smaller y).
        for pair in scene.levels.windows(2) {
            assert!(pair[1].rect.bottom() <= pair[0].rect.top() + 1e-3);
        }
    }

    #[test]
    fn time_and_level_round_trip_through_positions() {
        let j = synthetic::journey(40, 2);
        let scene = layout(&j);
        for s in &j.steps {
            assert!((scene.t_of(scene.x_of(s.t)) - s.t).abs() < 1e-4);
            let card = scene.card(s.id).expect("card");
            assert_eq!(scene.level_at(card.rect.center().y), Some(s.level));
            assert_eq!(scene.card_at(card.rect.center()), Some(s.id));
        }
    }
}
