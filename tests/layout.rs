//! Layout properties through the public API (`kaidan::layout::layout`): cards never
//! overlap, sit in their level's band centred on their time, connectors are staircases
//! from card edge to card edge, `descending` matches the levels, and hit-testing a card's
//! centre finds that card.
//!
//! The journeys are built to stress the lane packing: many steps on one to three levels,
//! their times drawn from a few clustered values whose spacing is often exactly at the
//! distances where the layout changes its mind (card width, lane gap, connector gap).

use egui::{Pos2, Rect};
use kaidan::layout::Metrics;
use kaidan::layout::{self, Scene};
use kaidan::model::{
    Department, DepartmentId, Initiative, InitiativeKind, Journey, Level, LevelId, Link, Persona,
    Rgb, Status, Step, StepId, StepKind,
};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// Tolerance for "on the edge" (diagram units).
const EPS: f32 = 1e-3;

/// Where one generated step goes: which time cluster, how far from its centre, which level.
#[derive(Clone, Copy, Debug)]
struct Place {
    cluster: Index,
    jitter: f64,
    level: Index,
}

/// Distance in time units between two cards' left edges at which something changes:
/// they stop overlapping, a connector has (almost) room to run, a lane can be reused.
fn critical_spacing() -> impl Strategy<Value = f64> {
    let Metrics {
        card_w,
        unit_t,
        card_gap,
        ..
    } = Metrics::SCREEN;
    let at = |extra: f32| f64::from((card_w + extra) / unit_t);
    prop::sample::select(vec![
        at(-1.0),
        at(0.0),
        at(1.0),
        at(2.0),
        at(3.999),
        at(4.0),
        at(card_gap - 0.001),
        at(card_gap),
        at(28.0),
    ])
}

/// Offsets between consecutive cluster centres: zero, critical, or anything up to 3 units.
fn increment() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), critical_spacing(), 0.0..3.0f64]
}

/// How far a step sits from its cluster's centre: exactly on it, nearly on it, or close.
fn jitter() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..1e-6f64, 0.0..0.05f64, 0.0..0.5f64]
}

fn place() -> impl Strategy<Value = Place> {
    (any::<Index>(), jitter(), any::<Index>()).prop_map(|(cluster, jitter, level)| Place {
        cluster,
        jitter,
        level,
    })
}

/// A valid journey: one start, one goal and `steps` ordinary steps, on 1–3 levels, with
/// times from 1–6 clustered values and links only forward in time (none into the start,
/// none out of the goal).
fn journeys(steps: RangeInclusive<usize>) -> impl Strategy<Value = Journey> {
    let max_links = 2 * steps.end() + 4;
    (
        1..=3usize,
        prop::collection::vec(increment(), 1..=6),
        place(),
        place(),
        prop::collection::vec(place(), steps),
        prop::collection::vec((any::<Index>(), any::<Index>()), 0..=max_links),
        prop::collection::vec(label(), 0..=max_links),
        0..60usize,
    )
        .prop_map(
            |(n_levels, increments, start, goal, places, links, labels, statement)| {
                let centres: Vec<f64> = increments
                    .iter()
                    .scan(0.0, |t, d| {
                        *t += d;
                        Some(*t)
                    })
                    .collect();
                let steps: Vec<(f64, usize)> = [start, goal]
                    .iter()
                    .chain(&places)
                    .map(|p| {
                        (
                            centres[p.cluster.index(centres.len())] + p.jitter,
                            p.level.index(n_levels),
                        )
                    })
                    .collect();
                let links: Vec<(usize, usize)> = links
                    .iter()
                    .map(|(a, b)| (a.index(steps.len()), b.index(steps.len())))
                    .collect();
                let mut journey = build(n_levels, &steps, &links);
                for (link, label) in journey.links.iter_mut().zip(labels) {
                    link.label = label;
                }
                // Start and goal cards grow for their whole statement: rows of unequal height.
                for step in &mut journey.steps {
                    if step.kind != StepKind::Step {
                        step.title = "長い言葉".repeat(statement / 4 + 1);
                    }
                }
                journey
            },
        )
}

/// A link's label: none, short, or long enough to end in an ellipsis.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        1 => Just("届く".to_owned()),
        1 => Just("サンプルが届く".to_owned()),
        1 => Just("a trigger in words".to_owned()),
    ]
}

/// A journey on `n_levels` levels whose steps are `(t, level index)`, the first the start,
/// the second the goal; of the `links` (indices into `steps`), those that are allowed
/// (forward in time, not into the start, not out of the goal) are kept.
fn build(n_levels: usize, steps: &[(f64, usize)], links: &[(usize, usize)]) -> Journey {
    let levels: Vec<Level> = (0..n_levels)
        .map(|i| Level {
            id: LevelId(i as u64 + 1),
            label: format!("level {i}"),
            description: String::new(),
        })
        .collect();
    let first_id = 10;
    let steps: Vec<Step> = steps
        .iter()
        .enumerate()
        .map(|(i, &(t, level))| {
            let kind = match i {
                0 => StepKind::Start,
                1 => StepKind::Goal,
                _ => StepKind::Step,
            };
            Step::new(
                StepId(first_id + i as u64),
                format!("step {i}"),
                t,
                levels[level].id,
            )
            .with_kind(kind)
        })
        .collect();
    let mut pairs = BTreeSet::new();
    for &(a, b) in links {
        let (from, to) = (&steps[a], &steps[b]);
        if to.t > from.t && from.kind != StepKind::Goal && to.kind != StepKind::Start {
            pairs.insert((from.id, to.id));
        }
    }
    let mut journey = Journey {
        title: "generated".into(),
        persona: Persona::default(),
        brand: String::new(),
        start_statement: String::new(),
        goal_statement: String::new(),
        phases: Vec::new(),
        levels,
        next_id: first_id + steps.len() as u64,
        steps,
        links: pairs.into_iter().map(|(f, t)| Link::new(f, t)).collect(),
        surveys: kaidan::model::Surveys::default(),
        departments: Vec::new(),
        votes: Vec::new(),
        flows: Vec::new(),
    };
    journey.normalize();
    journey
}

/// Lays out a journey after checking the generator made a valid one.
fn laid_out(journey: &Journey) -> Result<Scene, TestCaseError> {
    prop_assert_eq!(
        journey.validate(),
        vec![],
        "the generator must build valid journeys"
    );
    let scene = layout::layout(journey);
    prop_assert_eq!(scene.cards.len(), journey.steps.len());
    prop_assert_eq!(scene.connectors.len(), journey.links.len());
    Ok(scene)
}

/// Height of a step's level (0 = bottom), found independently of the layout.
fn height(journey: &Journey, id: StepId) -> usize {
    let step = journey.step(id).expect("step exists");
    journey
        .levels
        .iter()
        .position(|l| l.id == step.level)
        .expect("level exists")
}

/// Whether `p` lies on the outline of `r` (within [`EPS`]).
fn on_boundary(p: Pos2, r: Rect) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= EPS;
    r.expand(EPS).contains(p)
        && (near(p.x, r.left())
            || near(p.x, r.right())
            || near(p.y, r.top())
            || near(p.y, r.bottom()))
}

fn cards_never_overlap_in(journey: &Journey) -> Result<(), TestCaseError> {
    let scene = laid_out(journey)?;
    let mut cards: Vec<_> = scene.cards.iter().collect();
    cards.sort_by(|a, b| a.rect.left().total_cmp(&b.rect.left()));
    for (i, a) in cards.iter().enumerate() {
        // Sorted by left edge: only cards starting before `a` ends can overlap it.
        for b in cards[i + 1..]
            .iter()
            .take_while(|b| b.rect.left() < a.rect.right())
        {
            let both = a.rect.intersect(b.rect);
            prop_assert!(
                !(both.width() > 0.0 && both.height() > 0.0),
                "cards of {} {:?} and {} {:?} overlap",
                a.step,
                a.rect,
                b.step,
                b.rect
            );
        }
    }
    Ok(())
}

fn cards_sit_in_their_band_in_time_in(journey: &Journey) -> Result<(), TestCaseError> {
    let scene = laid_out(journey)?;
    for (card, step) in scene.cards.iter().zip(&journey.steps) {
        prop_assert_eq!(card.step, step.id, "cards are in step order");
        prop_assert_eq!(card.kind, step.kind);
        let band = &scene.levels[height(journey, step.id)];
        prop_assert_eq!(band.id, step.level);
        prop_assert!(
            band.rect.expand(EPS).contains_rect(card.rect),
            "card of {} {:?} is outside its band {:?}",
            step.id,
            card.rect,
            band.rect
        );
        let x = scene.x_of(step.t);
        // Centre = (left + right) / 2 rounds once or twice at the magnitude of x.
        let tol = EPS.max(x.abs() * 4.0 * f32::EPSILON);
        // A start card wider than the others grows to the left of its time, a goal card to
        // the right: the part of a usual card's width next to its time stays centred on it.
        let half = scene.metrics.card_w / 2.0;
        let centre = match step.kind {
            StepKind::Start => card.rect.right() - half,
            StepKind::Goal => card.rect.left() + half,
            StepKind::Step => card.rect.center().x,
        };
        prop_assert!(
            (centre - x).abs() <= tol,
            "card of {} is centred on x = {}, its time {} is at x = {}",
            step.id,
            centre,
            step.t,
            x
        );
    }
    Ok(())
}

fn connectors_are_staircases_between_edges_in(journey: &Journey) -> Result<(), TestCaseError> {
    let scene = laid_out(journey)?;
    for (c, link) in scene.connectors.iter().zip(&journey.links) {
        prop_assert_eq!(
            (c.from, c.to),
            (link.from, link.to),
            "connectors in link order"
        );
        let (a, b) = (
            scene.card(c.from).expect("source card").rect,
            scene.card(c.to).expect("target card").rect,
        );
        prop_assert!(c.points.len() >= 2, "{} → {}: {:?}", c.from, c.to, c.points);
        let (first, last) = (c.points[0], c.points[c.points.len() - 1]);
        prop_assert!(
            on_boundary(first, a),
            "{} → {} starts at {:?}, not on the source card {:?} (target {:?}; points {:?})",
            c.from,
            c.to,
            first,
            a,
            b,
            c.points
        );
        prop_assert!(
            on_boundary(last, b),
            "{} → {} ends at {:?}, not on the target card {:?} (source {:?}; points {:?})",
            c.from,
            c.to,
            last,
            b,
            a,
            c.points
        );
        for w in c.points.windows(2) {
            let (dx, dy) = ((w[1].x - w[0].x).abs(), (w[1].y - w[0].y).abs());
            prop_assert!(
                dx <= EPS || dy <= EPS,
                "{} → {} has a slanted segment {:?} → {:?}",
                c.from,
                c.to,
                w[0],
                w[1]
            );
        }
    }
    Ok(())
}

fn descending_is_target_below_source_in(journey: &Journey) -> Result<(), TestCaseError> {
    let scene = laid_out(journey)?;
    for c in &scene.connectors {
        let (from, to) = (height(journey, c.from), height(journey, c.to));
        prop_assert_eq!(
            c.descending,
            to < from,
            "{} (level {}) → {} (level {})",
            c.from,
            from,
            c.to,
            to
        );
    }
    Ok(())
}

fn card_at_centre_is_that_card_in(journey: &Journey) -> Result<(), TestCaseError> {
    let scene = laid_out(journey)?;
    for card in &scene.cards {
        prop_assert_eq!(scene.card_at(card.rect.center()), Some(card.step));
    }
    Ok(())
}

/// The densities a journey is drawn at: the canvas, and a slide at any time scale the
/// export may choose (`export::placement`: 8 to 40, ×4).
fn density() -> impl Strategy<Value = Metrics> {
    prop_oneof![
        Just(Metrics::SCREEN),
        (8..=40u16).prop_map(|u| Metrics {
            unit_t: f32::from(u) * 4.0,
            ..Metrics::SLIDE
        }),
    ]
}

/// Whether the segment `w` passes through the inside of `r` or within `margin` of it.
fn segment_hits(w: [Pos2; 2], r: Rect, margin: f32) -> bool {
    let seg = Rect::from_two_pos(w[0], w[1]);
    let r = r.expand(margin);
    seg.left() < r.right()
        && seg.right() > r.left()
        && seg.top() < r.bottom()
        && seg.bottom() > r.top()
}

/// How far (diagram units) a connector keeps from the cards it does not join, at least: a
/// line touching a card reads as leaving or entering it.
const KEEP_OFF: f32 = 1.0;

/// Every connector the scene does not count as crowded passes through no card but its own
/// two and keeps [`KEEP_OFF`] from the others, and touches its own two only at its ends
/// (never through their insides); the scene counts exactly the crowded ones.
fn connectors_pass_no_other_card_in(
    journey: &Journey,
    metrics: Metrics,
) -> Result<(), TestCaseError> {
    let scene = layout::layout_with(
        journey,
        layout::Options {
            metrics,
            ..Default::default()
        },
    );
    prop_assert_eq!(
        scene.connectors.iter().filter(|c| c.crowded).count(),
        scene.crowded_connectors
    );
    for c in scene.connectors.iter().filter(|c| !c.crowded) {
        for w in c.points.windows(2) {
            let w = [w[0], w[1]];
            for card in &scene.cards {
                let own = card.step == c.from || card.step == c.to;
                let (r, margin) = if own {
                    (card.rect.shrink(0.01), 0.0)
                } else {
                    (card.rect, KEEP_OFF)
                };
                prop_assert!(
                    !segment_hits(w, r, margin),
                    "{} → {} at unit_t {}: segment {:?} → {:?} crosses the card of {} {:?} (points {:?})",
                    c.from,
                    c.to,
                    metrics.unit_t,
                    w[0],
                    w[1],
                    card.step,
                    card.rect,
                    c.points
                );
            }
        }
    }
    Ok(())
}

/// Whether `p` lies on a vertical segment of `points` that goes down.
fn on_a_descent(p: Pos2, points: &[Pos2]) -> bool {
    points.windows(2).any(|w| {
        (w[0].x - w[1].x).abs() <= EPS
            && (p.x - w[0].x).abs() <= EPS
            && w[1].y > w[0].y
            && (w[0].y - EPS..=w[1].y + EPS).contains(&p.y)
    })
}

/// A descending link's down marker sits on a downward riser of its own line and covers no
/// card (unless the link is crowded); every label is beside its own line, clear of it.
fn markers_and_labels_beside_their_line_in(
    journey: &Journey,
    metrics: Metrics,
) -> Result<(), TestCaseError> {
    let scene = layout::layout_with(
        journey,
        layout::Options {
            metrics,
            ..Default::default()
        },
    );
    for c in &scene.connectors {
        prop_assert_eq!(c.marker.is_some(), c.descending, "{} → {}", c.from, c.to);
        if let Some(m) = c.marker.filter(|_| !c.crowded) {
            prop_assert!(
                on_a_descent(m, &c.points),
                "{} → {}: marker {:?} off its line {:?}",
                c.from,
                c.to,
                m,
                c.points
            );
            let covers = layout::connector::marker_rect(m);
            for card in &scene.cards {
                prop_assert!(
                    !covers.intersects(card.rect.shrink(0.01)),
                    "{} → {}: marker {:?} covers the card of {} {:?}",
                    c.from,
                    c.to,
                    m,
                    card.step,
                    card.rect
                );
            }
        }
        if let Some(r) = c.label_rect {
            let beside = c.points.windows(2).any(|w| {
                Rect::from_two_pos(w[0], w[1])
                    .expand(layout::labels::LABEL_NEAR)
                    .intersects(r)
            });
            prop_assert!(
                beside,
                "{} → {}: label {:?} away from its line {:?}",
                c.from,
                c.to,
                r,
                c.points
            );
        }
    }
    Ok(())
}

/// `journey` with departments and initiatives: each `(step index, department index, text
/// length)` adds one to that step (texts from a word to a sentence, kinds and statuses
/// varied; department index past the list: none).
fn with_initiatives(
    mut journey: Journey,
    n_departments: usize,
    items: &[(Index, usize, usize)],
) -> Journey {
    let first = journey.next_id;
    journey.departments = (0..n_departments)
        .map(|i| Department {
            id: DepartmentId(first + i as u64),
            name: format!("部署{i}"),
            colour: Rgb::new(0x33, 0x22, 0x88),
        })
        .collect();
    journey.next_id = first + n_departments as u64;
    let n = journey.steps.len();
    for (k, &(step, department, len)) in items.iter().enumerate() {
        let department = journey.departments.get(department).map(|d| d.id);
        journey.steps[step.index(n)].initiatives.push(Initiative {
            text: "施策".repeat(len.max(1)),
            kind: InitiativeKind::ALL[k % 2],
            status: Status::ALL[k % 4],
            department,
            ..Initiative::default()
        });
    }
    journey
}

/// Chips never overlap each other or a card; each is centred on its step's X, in its
/// department's lane, under the diagram; one chip per initiative.
fn chips_in(journey: &Journey, metrics: Metrics) -> Result<(), TestCaseError> {
    prop_assert_eq!(journey.validate(), vec![]);
    let scene = layout::layout_with(
        journey,
        layout::Options {
            metrics,
            ..Default::default()
        },
    );
    let Some(s) = &scene.strategy else {
        prop_assert!(journey.departments.is_empty());
        return Ok(());
    };
    let count: usize = journey.steps.iter().map(|s| s.initiatives.len()).sum();
    prop_assert_eq!(s.chips.len(), count);
    for (i, a) in s.chips.iter().enumerate() {
        for b in &s.chips[i + 1..] {
            prop_assert!(
                !overlapping(a.rect, b.rect),
                "chips of {} and {} overlap",
                a.step,
                b.step
            );
        }
        for card in &scene.cards {
            prop_assert!(
                !overlapping(a.rect, card.rect),
                "a chip of {} on a card",
                a.step
            );
        }
        let card = scene.card(a.step).expect("its step's card");
        let x = scene.x_of(journey.step(a.step).expect("step").t);
        prop_assert!(
            (a.rect.center().x - x).abs() < 0.01,
            "centred on its step's time"
        );
        prop_assert!((a.anchor.x - x).abs() < 0.01);
        prop_assert!(a.rect.top() > card.rect.bottom(), "under the diagram");
        let lane = s
            .lanes
            .iter()
            .find(|l| l.department == a.department)
            .expect("its department's lane");
        prop_assert!(
            lane.rect.expand(0.01).contains_rect(a.rect),
            "inside its lane"
        );
    }
    Ok(())
}

fn overlapping(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn chips_never_overlap_and_sit_under_their_step(
        j in journeys(2..=30),
        n_departments in 0usize..5,
        items in prop::collection::vec((any::<Index>(), 0usize..6, 1usize..30), 0..40),
        m in density(),
    ) {
        chips_in(&with_initiatives(j, n_departments, &items), m)?;
    }
}

/// The properties as proptest tests over journeys of the given sizes.
macro_rules! properties {
    ($cases:expr, $sizes:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases($cases))]

            #[test]
            fn cards_never_overlap(j in journeys($sizes)) {
                cards_never_overlap_in(&j)?;
            }

            #[test]
            fn cards_sit_in_their_band_centred_on_their_time(j in journeys($sizes)) {
                cards_sit_in_their_band_in_time_in(&j)?;
            }

            #[test]
            fn connectors_are_staircases_from_edge_to_edge(j in journeys($sizes)) {
                connectors_are_staircases_between_edges_in(&j)?;
            }

            #[test]
            fn descending_exactly_when_target_level_is_lower(j in journeys($sizes)) {
                descending_is_target_below_source_in(&j)?;
            }

            #[test]
            fn card_at_a_cards_centre_is_that_card(j in journeys($sizes)) {
                card_at_centre_is_that_card_in(&j)?;
            }

            #[test]
            fn connectors_pass_no_card_but_their_own(j in journeys($sizes), m in density()) {
                connectors_pass_no_other_card_in(&j, m)?;
            }

            #[test]
            fn markers_and_labels_stay_by_their_line(j in journeys($sizes), m in density()) {
                markers_and_labels_beside_their_line_in(&j, m)?;
            }
        }
    };
}

/// Up to 40 steps: many cases.
mod small {
    use super::*;
    properties!(256, 0..=40);
}

/// 300 to 500 steps crowded onto a few times and levels: fewer cases (debug builds).
mod large {
    use super::*;
    properties!(32, 300..=500);
}

/// A start at t = 0 and a goal 1.9 units later on the same level: the goal's card begins
/// 2 units right of the start's card, too close for a horizontal run, not overlapping.
fn nearly_touching() -> Journey {
    build(1, &[(0.0, 0), (1.9, 0)], &[(0, 1)])
}

#[test]
fn connector_between_nearly_touching_cards_starts_on_the_source() {
    let journey = nearly_touching();
    assert_eq!(journey.steps.len(), 2);
    assert_eq!(journey.links.len(), 1);
    connectors_are_staircases_between_edges_in(&journey).expect("staircase from edge to edge");
}

#[test]
fn large_synthetic_journey_lays_out_correctly() {
    let journey = kaidan::model::synthetic::journey(500, 11);
    cards_never_overlap_in(&journey).expect("no overlap");
    cards_sit_in_their_band_in_time_in(&journey).expect("bands and times");
    connectors_are_staircases_between_edges_in(&journey).expect("staircases");
    descending_is_target_below_source_in(&journey).expect("descending");
    card_at_centre_is_that_card_in(&journey).expect("hit-testing");
}

/// The bundled examples at every density, and as the export places them on a slide: no
/// connector is crowded, every one passes no card but its own, markers and labels by their
/// line.
#[test]
fn bundled_examples_route_every_connector_clear() {
    use kaidan::export::{Request, Size};
    for bundled in kaidan::bundled::ALL {
        let journey = bundled.load().expect("example");
        let mut densities = vec![Metrics::SCREEN];
        densities.extend((8..=40u16).map(|u| Metrics {
            unit_t: f32::from(u) * 4.0,
            ..Metrics::SLIDE
        }));
        for metrics in densities {
            let scene = layout::layout_with(
                &journey,
                layout::Options {
                    metrics,
                    ..Default::default()
                },
            );
            assert_eq!(
                scene.crowded_connectors, 0,
                "{} at unit_t {}",
                bundled.file_name, metrics.unit_t
            );
            connectors_pass_no_other_card_in(&journey, metrics).expect("clear");
            markers_and_labels_beside_their_line_in(&journey, metrics).expect("by their line");
        }
        for (width, height) in [(1920, 1080), (3840, 2160), (1080, 1920)] {
            let request = Request::new(Size::Pixels { width, height }, kaidan::i18n::Lang::Ja, "");
            let scene = kaidan::export::placement(&journey, &request)
                .expect("placement")
                .scene;
            assert_eq!(
                scene.crowded_connectors, 0,
                "{} at {width}×{height}",
                bundled.file_name
            );
        }
    }
}

#[test]
fn flow_shares_are_link_labels_placed_by_their_line_clear_of_cards_and_of_each_other() {
    let example = kaidan::bundled::TEINEI.load().expect("example");
    let shown = layout::flow::shown(&example, None, true)
        .expect("the latest wave")
        .expect("the example has a flow wave, labelled");
    let shares: Vec<&str> = shown
        .links
        .iter()
        .map(|l| l.label.as_str())
        .filter(|l| l.contains('%'))
        .collect();
    assert!(shares.len() >= 4, "every branch's links: {shares:?}");
    assert!(
        shares.iter().any(|s| s.contains("% ▼")),
        "a descending share: {shares:?}"
    );
    for metrics in [Metrics::SCREEN, Metrics::SLIDE] {
        let scene = layout::layout_with(
            &shown,
            layout::Options {
                metrics,
                flow: true,
                ..Default::default()
            },
        );
        assert_eq!(
            scene.crowded_labels, 0,
            "every share placed at {}",
            metrics.unit_t
        );
        markers_and_labels_beside_their_line_in(&shown, metrics).expect("by their line");
        let labels: Vec<Rect> = scene
            .connectors
            .iter()
            .filter_map(|c| c.label_rect)
            .collect();
        for (i, a) in labels.iter().enumerate() {
            for card in &scene.cards {
                assert!(
                    !overlapping(*a, card.rect),
                    "label {a:?} on the card of {}",
                    card.step
                );
            }
            for b in &labels[i + 1..] {
                assert!(!overlapping(*a, *b), "labels {a:?} and {b:?} overlap");
            }
        }
    }
}

#[test]
fn the_kpi_lane_has_a_cell_under_each_phase_below_every_other_lane_and_inside_the_bounds() {
    let example = kaidan::bundled::TEINEI.load().expect("example");
    for metrics in [Metrics::SCREEN, Metrics::SLIDE] {
        let options = layout::Options {
            metrics,
            kpi: true,
            ..Default::default()
        };
        let scene = layout::layout_with(&example, options);
        let kpi = scene
            .kpi
            .as_ref()
            .expect("the example has waves and phases");
        assert_eq!(kpi.cells.len(), example.phases.len());
        for (cell, band) in kpi.cells.iter().zip(&scene.phases) {
            assert_eq!(cell.phase, band.id);
            let inside = band.rect.intersect(scene.plot);
            assert!((cell.rect.left() - inside.left()).abs() < EPS);
            assert!((cell.rect.right() - inside.right()).abs() < EPS);
        }
        let above = [
            Some(scene.plot),
            scene.lane.as_ref().map(|l| l.rect),
            scene.strategy.as_ref().map(|s| s.rect),
        ];
        for rect in above.into_iter().flatten() {
            assert!(
                rect.bottom() < kpi.rect.top(),
                "{rect:?} above {:?}",
                kpi.rect
            );
        }
        assert!(
            kpi.rect.bottom() < scene.time_axis[0].y,
            "the axis below it"
        );
        assert!(scene.bounds.contains_rect(kpi.rect.union(kpi.label_rect)));
        assert_eq!(kpi.footer_rows.len(), 3, "flow, repeat rate, NPS lines");
        // Without the layer, or without any wave, there is no lane and no room for one.
        let without = layout::layout_with(
            &example,
            layout::Options {
                kpi: false,
                ..options
            },
        );
        assert!(without.kpi.is_none() && without.bounds.height() < scene.bounds.height());
        let mut bare = example.clone();
        bare.flows.clear();
        bare.surveys.waves.clear();
        assert!(layout::layout_with(&bare, options).kpi.is_none());
    }
}
