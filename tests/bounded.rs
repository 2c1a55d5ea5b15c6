//! Bounded work for any journey, checked or not: layout (canvas and slide density), paint
//! (an egui pass on a 1920×1080 screen, fitted and at zoom 1, then tessellation) and PNG
//! export of journeys with extreme times (±1e12, ±`f64::MAX`, NaN, and the valid limit
//! ±1,000,000), texts of tens of MB, thousands of links piled on a few steps and thousands
//! of cards at one time stay under a memory bound and finish in time.
//!
//! Memory is measured by this binary's global allocator: `peak_alloc` counts the bytes in
//! use and their peak, and `cap` around it refuses allocations past a hard limit, so a run
//! that would take tens of GB fails at once ("memory allocation of … bytes failed") instead
//! of taking the machine's memory. The tests take turns (one lock, held for the whole test,
//! building its journeys included), as the counters are global: nothing else allocates while
//! one is measured.

use cap::Cap;
use egui::emath::TSTransform;
use egui::{Context, LayerId, Pos2, RawInput, Rect, vec2};
use kaidan::export::{self, Request, Size};
use kaidan::i18n::Lang;
use kaidan::layout::{self, Metrics, Scene};
use kaidan::model::limits::{MAX_ABS_TIME, MAX_LINKS, MAX_STEPS};
use kaidan::model::{
    Emotion, Feeling, Journey, Level, LevelId, Link, Moment, Persona, Phase, PhaseId, Rgb, Step,
    StepId, StepKind, Surveys,
};
use kaidan::paint::{self, Layers, Theme, View};
use peak_alloc::PeakAlloc;
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// No allocation may take the bytes in use past this: the machine's safety net.
const HARD_LIMIT: usize = 3 << 30;

#[global_allocator]
static ALLOCATOR: Cap<PeakAlloc> = Cap::new(PeakAlloc, HARD_LIMIT);

/// The most a layout, paint and export of one journey may allocate on top of the journey
/// itself (the font atlas, the scene, shapes, meshes and a 640×360 image).
const MEMORY_BOUND: usize = 512 << 20;
/// The longest one journey's layouts, paints and export may take (a debug build on a
/// shared 2-core machine; release is far faster): "finishes", not a benchmark.
const TIME_BOUND: Duration = Duration::from_mins(5);

/// One test at a time: the allocator's counters are global.
static TURN: Mutex<()> = Mutex::new(());

/// Takes this binary's turn: every test holds it from its first allocation to its last.
fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `work` on its own thread, and fails if it takes longer than [`TIME_BOUND`] or
/// allocates more than [`MEMORY_BOUND`] beyond what was in use when it began. Returns the
/// peak it allocated and the time it took. The caller holds [`turn`].
fn bounded(what: &str, work: impl FnOnce() + Send + 'static) -> (usize, Duration) {
    let before = PeakAlloc.current_usage();
    PeakAlloc.reset_peak_usage();
    let started = Instant::now();
    let (done, finished) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match finished.recv_timeout(TIME_BOUND) {
        Ok(()) => {}
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after {TIME_BOUND:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            // The work panicked: report its panic.
            if let Err(e) = worker.join() {
                std::panic::resume_unwind(e);
            }
            unreachable!("a worker that did not send has panicked");
        }
    }
    let _ = worker.join();
    let took = started.elapsed();
    let peak = PeakAlloc.peak_usage().saturating_sub(before);
    assert!(
        peak <= MEMORY_BOUND,
        "{what}: allocated up to {} MB (bound {} MB)",
        peak >> 20,
        MEMORY_BOUND >> 20
    );
    (peak, took)
}

fn screen() -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0))
}

/// Paints the scene in one egui pass on a 1920×1080 screen through `to_screen`, and
/// tessellates it, as the canvas does every frame.
fn paint_on_screen(ctx: &Context, journey: &Journey, scene: &Scene, to_screen: TSTransform) {
    let theme = Theme::light();
    let selected: BTreeSet<StepId> = journey.steps.iter().take(3).map(|s| s.id).collect();
    let view = View {
        to_screen,
        theme: &theme,
        selected: &selected,
        hovered: journey.steps.first().map(|s| s.id),
        layers: every_layer(),
        lang: kaidan::i18n::Lang::Ja,
        wave: None,
        highlight: None,
    };
    let input = RawInput {
        screen_rect: Some(screen()),
        ..Default::default()
    };
    let mut output = ctx.run_pass(input, |ctx| {
        let painter = ctx
            .layer_painter(LayerId::background())
            .with_clip_rect(screen());
        paint::paint(&painter, journey, scene, &view);
    });
    output.textures_delta.clear(); // no GPU to upload the font atlas to
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    assert!(!primitives.is_empty(), "something is drawn");
}

/// Every layer on, the heat tint, customer flow and KPI lane included.
fn every_layer() -> Layers {
    Layers {
        nps_heat: true,
        flow: true,
        kpi: true,
        ..Layers::default()
    }
}

/// Everything the app and the CLI do with a journey: layout at both densities, paint fitted
/// to the screen and at zoom 1 around the first card, and a small PNG export.
fn everything(journey: &Journey) {
    let started = Instant::now();
    let mark = |what: &str| {
        if std::env::var_os("KAIDAN_BOUNDED_TRACE").is_some() {
            eprintln!(
                "  {what}: in use {} MB, peak {} MB, {:.1} s",
                PeakAlloc.current_usage() >> 20,
                PeakAlloc.peak_usage() >> 20,
                started.elapsed().as_secs_f64()
            );
        }
    };
    mark("start");
    let ctx = Context::default();
    ctx.set_fonts(kaidan::fonts::definitions());
    for metrics in [Metrics::SCREEN, Metrics::SLIDE] {
        let options = every_layer().layout_options(metrics);
        let scene = layout::layout_with(journey, options);
        assert_eq!(scene.cards.len(), journey.steps.len());
        for r in std::iter::once(scene.bounds).chain(scene.cards.iter().map(|c| c.rect)) {
            assert!(
                [r.min.x, r.min.y, r.max.x, r.max.y]
                    .iter()
                    .all(|v| v.is_finite()),
                "a finite rectangle: {r:?}"
            );
        }
        let b = scene.bounds;
        let zoom = (1920.0 / b.width()).min(1080.0 / b.height());
        let fitted = TSTransform::new(
            screen().center().to_vec2() - b.center().to_vec2() * zoom,
            zoom,
        );
        mark("layout");
        paint_on_screen(&ctx, journey, &scene, fitted);
        mark("paint fitted");
        if let Some(card) = scene.cards.first() {
            let at_one = TSTransform::new(
                screen().center().to_vec2() - card.rect.center().to_vec2(),
                1.0,
            );
            paint_on_screen(&ctx, journey, &scene, at_one);
            mark("paint at zoom 1");
        }
    }
    let request = Request {
        layers: every_layer(),
        ..Request::new(
            Size::Pixels {
                width: 640,
                height: 360,
            },
            Lang::Ja,
            "2026-01-01",
        )
    };
    let image = export::render(journey, &request).expect("export");
    assert_eq!(image.dimensions(), (640, 360));
    mark("export");
}

/// A text of `chars` characters mixing Japanese, Latin words and spaces (break points).
fn text(chars: usize) -> String {
    "長い名前 long words ".chars().cycle().take(chars).collect()
}

/// A journey on `levels` levels with a step at each of `times` (the first the start, the
/// last the goal) and the given links (indices into the steps, any direction: unchecked
/// journeys may hold anything), every step rated.
fn journey(levels: usize, times: &[f64], links: &[(usize, usize, String)]) -> Journey {
    let levels: Vec<Level> = (0..levels.max(1))
        .map(|i| Level {
            id: LevelId(i as u64 + 1),
            label: format!("level {i}"),
            description: "who they are".into(),
        })
        .collect();
    let first = 1_000u64;
    let n = times.len();
    let steps: Vec<Step> = times
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let kind = match i {
                0 => StepKind::Start,
                _ if i + 1 == n => StepKind::Goal,
                _ => StepKind::Step,
            };
            let mut step = Step::new(
                StepId(first + i as u64),
                format!("step {i}"),
                t,
                levels[i % levels.len()].id,
            )
            .with_kind(kind);
            step.emotion = Emotion {
                valence: Some((i % 5) as i8 - 2),
                feeling: Some(Feeling::Custom(format!("feeling {i}"))),
                moment: (i % 3 == 0).then_some(Moment::PainPoint),
                ..Emotion::default()
            };
            step
        })
        .collect();
    let links = links
        .iter()
        .filter(|(a, b, _)| a != b && *a < n && *b < n)
        .map(|(a, b, label)| Link {
            label: label.clone(),
            ..Link::new(steps[*a].id, steps[*b].id)
        })
        .collect();
    let mut j = Journey {
        title: "bounded".into(),
        persona: Persona {
            name: "persona".into(),
            description: String::new(),
        },
        brand: "brand".into(),
        start_statement: "before".into(),
        goal_statement: "after".into(),
        phases: vec![Phase {
            id: PhaseId(1),
            name: "phase".into(),
            colour: Rgb::new(0xE6, 0x9F, 0x00),
            start: times.iter().copied().fold(f64::INFINITY, f64::min),
            end: times.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }],
        levels,
        next_id: first + n as u64,
        steps,
        links,
        surveys: Surveys::default(),
        departments: Vec::new(),
        votes: Vec::new(),
        flows: Vec::new(),
    };
    j.normalize();
    j.links.dedup_by_key(|l| l.key());
    j
}

/// Runs [`everything`] under the bounds and says what it cost.
fn check(what: &str, journey: Journey) {
    let (peak, took) = bounded(what, move || everything(&journey));
    eprintln!(
        "{what}: peak {} MB, {:.1} s",
        peak >> 20,
        took.as_secs_f64()
    );
}

#[test]
fn a_labelled_link_from_a_billion_units_back() {
    let _turn = turn();
    // The file: one step far back in time, a labelled link from it.
    let far = journey(
        2,
        &[-1e9, 0.0, 5.0],
        &[(0, 1, "trigger".into()), (1, 2, "next".into())],
    );
    check("t = -1e9", far);
}

#[test]
fn the_farthest_valid_step_with_a_labelled_descending_link() {
    let _turn = turn();
    let mut far = journey(
        3,
        &[-MAX_ABS_TIME, 0.0, 1.0, MAX_ABS_TIME],
        &[
            (0, 1, text(40)),
            (0, 2, text(40)),
            (1, 3, text(40)),
            (2, 3, text(40)),
        ],
    );
    assert_eq!(far.validate(), vec![], "a valid journey");
    // Descending from the top level to the bottom across the whole span.
    far.steps[1].level = LevelId(3);
    far.steps[2].level = LevelId(1);
    check("t = ±1e6", far);
}

#[test]
fn fifty_megabyte_texts_everywhere() {
    let _turn = turn();
    let mut j = journey(2, &[0.0, 1.0, 2.0], &[(0, 1, text(50_000_000))]);
    j.title = text(50_000_000);
    j.steps[1].title = text(50_000_000);
    j.levels[0].label = text(20_000_000);
    j.phases[0].name = text(20_000_000);
    j.persona.name = text(10_000_000);
    check("50 MB texts", j);
}

/// 450 steps a tenth of a unit apart on one level, every later step linked from the first
/// ones: 100,000 labels that can never all be clear (a valid journey).
fn piled_links() -> Journey {
    let times: Vec<f64> = (0..450).map(|i| f64::from(i) * 0.1).collect();
    let mut links = Vec::with_capacity(MAX_LINKS);
    'all: for a in 0..times.len() {
        for b in a + 1..times.len() {
            if links.len() == MAX_LINKS {
                break 'all;
            }
            links.push((a, b, format!("trigger {a}-{b}")));
        }
    }
    journey(1, &times, &links)
}

#[test]
fn a_hundred_thousand_labelled_links_piled_on_a_few_hundred_steps() {
    let _turn = turn();
    check("100,000 labelled links", piled_links());
}

#[test]
fn the_most_initiatives_a_journey_may_hold_piled_on_a_few_steps() {
    let _turn = turn();
    // 100,000 initiatives (the limit) of a long sentence each, over 1,000 departments (the
    // limit), piled on ten steps: a million-row lane must not be laid out or drawn chip by
    // chip at every scale the export tries.
    let times: Vec<f64> = (0..12).map(f64::from).collect();
    let mut j = journey(2, &times, &[]);
    let first = j.next_id;
    j.departments = (0..kaidan::model::limits::MAX_DEPARTMENTS)
        .map(|i| kaidan::model::Department {
            id: kaidan::model::DepartmentId(first + i as u64),
            name: format!("部署 {i}"),
            colour: kaidan::model::department_colour(i),
        })
        .collect();
    j.next_id = first + j.departments.len() as u64;
    let per_step = kaidan::model::limits::MAX_INITIATIVES / 10;
    for (k, step) in j.steps[1..11].iter_mut().enumerate() {
        step.initiatives = (0..per_step)
            .map(|i| kaidan::model::Initiative {
                text: text(200),
                department: Some(kaidan::model::DepartmentId(
                    first + ((i + k) % 1_000) as u64,
                )),
                ..kaidan::model::Initiative::default()
            })
            .collect();
    }
    assert_eq!(j.validate(), vec![], "a valid journey");
    check("100,000 initiatives", j);
}

#[test]
fn the_most_items_votes_may_hold_list_and_show_in_bounded_time_and_memory() {
    use kaidan::model::{Initiative, Session, Subject};
    let _turn = turn();
    // 100,000 initiatives of distinct texts piled on ten steps, and two sessions on all of
    // them (200,000 items, the limit): the items are found once per step, the CLI lists
    // them in one pass and the board lays out only the chips in view.
    let times: Vec<f64> = (0..12).map(f64::from).collect();
    let mut j = journey(2, &times, &[]);
    let per_step = kaidan::model::limits::MAX_INITIATIVES / 10;
    for (k, step) in j.steps[1..11].iter_mut().enumerate() {
        step.initiatives = (0..per_step)
            .map(|i| Initiative {
                text: format!("{k}-{i} {}", text(20)),
                ..Initiative::default()
            })
            .collect();
    }
    let items = j.vote_items(Subject::Initiatives);
    assert_eq!(items.len(), kaidan::model::limits::MAX_INITIATIVES);
    for (n, revealed) in [(1, false), (2, true)] {
        let mut items = items.clone();
        for (i, item) in items.iter_mut().enumerate() {
            item.votes = u32::from(i % 7 == 0);
        }
        j.votes.push(Session {
            name: format!("投票 {n}"),
            subject: Subject::Initiatives,
            participants: 1_000,
            dots: 100,
            voted: 1_000,
            revealed,
            items,
            ..Session::default()
        });
    }
    assert_eq!(j.validate(), vec![], "a valid journey");
    bounded("200,000 vote items", move || {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("votes.kaidan.ron");
        kaidan::io::save(&path, &j).expect("save");
        for format in [
            kaidan::cli::TableFormat::Table,
            kaidan::cli::TableFormat::Csv,
        ] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            kaidan::cli::votes(&path, None, format, Lang::Ja, &mut out, &mut err).expect("list");
            let lines = out.split(|&b| b == b'\n').count() - 1;
            assert!(
                lines > 200_000,
                "a row per item: {}",
                String::from_utf8_lossy(&err)
            );
        }
        let ctx = Context::default();
        ctx.set_fonts(kaidan::fonts::definitions());
        let theme = Theme::light();
        for name in ["投票 1", "投票 2"] {
            let mut board = kaidan::app::vote::Board::new(name);
            for _ in 0..2 {
                let input = RawInput {
                    screen_rect: Some(screen()),
                    ..Default::default()
                };
                let mut output = ctx.run_ui(input, |ui| {
                    kaidan::app::vote::board(ui, &j, &mut board, &theme, Lang::Ja);
                });
                output.textures_delta.clear(); // no GPU to upload the font atlas to
                let chips = output
                    .shapes
                    .iter()
                    .filter(|s| matches!(s.shape, egui::Shape::Text(_)))
                    .count();
                assert!((20..2_000).contains(&chips), "the chips in view: {chips}");
            }
        }
    });
}

#[test]
fn twenty_thousand_steps_at_one_time() {
    let _turn = turn();
    let mut times = vec![0.5; MAX_STEPS];
    times[0] = 0.0;
    times[MAX_STEPS - 1] = 1.0;
    let links: Vec<(usize, usize, String)> =
        (1..MAX_STEPS - 1).map(|i| (0, i, String::new())).collect();
    check("20,000 steps at one time", journey(2, &times, &links));
}

#[test]
fn customer_flows_at_their_limits_over_a_thousand_phases_lay_out_paint_and_export() {
    use kaidan::model::limits::{MAX_FLOW_COUNTS, MAX_PHASES};
    use kaidan::model::{FlowWave, Move, PhaseFlow, StepFlow};
    let _turn = turn();
    // 20,000 steps, twenty to each of 1,000 phases, linked one to the next; two flow waves
    // counting every step, every phase and twenty moves from each step (880,000 counts).
    let times: Vec<f64> = (0..MAX_STEPS).map(|i| i as f64 * 0.05).collect();
    let links: Vec<(usize, usize, String)> = (0..MAX_STEPS - 1)
        .map(|i| (i, i + 1, String::new()))
        .collect();
    let mut j = journey(3, &times, &links);
    j.phases = (0..MAX_PHASES)
        .map(|p| Phase {
            id: PhaseId(10_000_000 + p as u64),
            name: format!("phase {p}"),
            colour: Rgb::new(0xE6, 0x9F, 0x00),
            start: p as f64,
            end: p as f64 + 1.0,
        })
        .collect();
    j.next_id = 20_000_000;
    for s in j.steps.iter_mut().step_by(7) {
        s.purchase = true;
    }
    let by_phase = j.steps_by_phase();
    let ids: Vec<StepId> = j.steps.iter().map(|s| s.id).collect();
    j.flows = (0..2_u64)
        .map(|w| FlowWave {
            name: format!("wave {w}"),
            customers: 1_000_000,
            buyers: 300_000,
            repeaters: 100_000 + w,
            steps: ids
                .iter()
                .enumerate()
                .map(|(i, &id)| {
                    (
                        id,
                        StepFlow {
                            customers: 1_000 + i as u64,
                            ended: 10,
                        },
                    )
                })
                .collect(),
            moves: (0..ids.len())
                .flat_map(|i| (i + 1..(i + 21).min(ids.len())).map(move |k| (i, k)))
                .map(|(i, k)| Move {
                    from: ids[i],
                    to: ids[k],
                    customers: (i * k % 997) as u64 + 1,
                })
                .collect(),
            phases: j
                .phases
                .iter()
                .zip(&by_phase)
                .map(|(p, steps)| {
                    let counted = PhaseFlow {
                        customers: 5_000 + w,
                        buyers: 2_000,
                        repeaters: 500 + w,
                        steps: steps.clone(),
                    };
                    (p.id, counted)
                })
                .collect(),
            ..FlowWave::default()
        })
        .collect();
    let counts: usize = j.flows.iter().map(FlowWave::counts_kept).sum();
    assert!(counts > 800_000 && counts <= MAX_FLOW_COUNTS, "{counts}");
    assert_eq!(j.validate(), vec![], "a valid journey");
    let shown = layout::flow::shown(&j, None, true)
        .expect("the latest wave")
        .expect("labelled");
    check("flows at their limits, 1,000 phases", shown);
}

#[test]
fn thousands_of_descending_links_across_the_screen_draw_a_bounded_number_of_dashes() {
    let _turn = turn();
    // 2,000 steps on two levels, each upper one linked down to a lower one far later.
    let n = 2_000;
    let times: Vec<f64> = (0..n).map(|i| i as f64 * 0.01).collect();
    let links: Vec<(usize, usize, String)> = (0..n / 2)
        .map(|i| (2 * i + 1, (2 * i + n / 2) % n, String::new()))
        .filter(|(a, b, _)| a < b)
        .collect();
    let j = journey(2, &times, &links);
    assert!(j.descending_links().count() > 400);
    let scene = layout::layout(&j);
    let ctx = Context::default();
    ctx.set_fonts(kaidan::fonts::definitions());
    for zoom in [1e-3, 0.05, 1.0] {
        let to_screen = TSTransform::new(
            vec2(0.0, 0.0) - scene.plot.center().to_vec2() * zoom + screen().center().to_vec2(),
            zoom,
        );
        let theme = Theme::light();
        let selected = BTreeSet::new();
        let view = View {
            to_screen,
            theme: &theme,
            selected: &selected,
            hovered: None,
            layers: Layers::default(),
            lang: kaidan::i18n::Lang::Ja,
            wave: None,
            highlight: None,
        };
        let mut output = ctx.run_pass(RawInput::default(), |ctx| {
            let painter = ctx
                .layer_painter(LayerId::background())
                .with_clip_rect(screen());
            paint::paint(&painter, &j, &scene, &view);
        });
        output.textures_delta.clear();
        // Dashes, plus a line, an arrow and a marker per connector, and the cards.
        let budget = 100_000 + 4 * j.links.len() + 8 * j.steps.len() + 4_096;
        assert!(
            output.shapes.len() <= budget,
            "zoom {zoom}: {} shapes",
            output.shapes.len()
        );
    }
}

/// Times a journey may hold, unchecked: ordinary ones, the valid limit and far beyond.
fn time() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -5.0..50.0f64,
        1 => Just(MAX_ABS_TIME),
        1 => Just(-MAX_ABS_TIME),
        1 => Just(1e12),
        1 => Just(-1e12),
        1 => Just(1e300),
        1 => Just(f64::MAX),
        1 => Just(-f64::MAX),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
    ]
}

/// Lengths of the few texts that may be huge.
fn length() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0..60usize,
        1 => Just(10_000),
        1 => Just(2_000_000),
        1 => Just(20_000_000),
    ]
}

/// An extreme journey: 2–40 steps at extreme times, up to 1,500 more piled on one time,
/// up to 3,000 labelled links between any of them, and huge texts in a few places.
fn extreme() -> impl Strategy<Value = Journey> {
    (
        1..=4usize,
        prop::collection::vec(time(), 2..=40),
        (time(), 0..=1_500usize),
        prop::collection::vec((any::<Index>(), any::<Index>(), 0..3u8), 0..=3_000),
        prop::collection::vec(length(), 5),
    )
        .prop_map(|(levels, mut times, (pile_t, pile), links, big)| {
            times.extend(std::iter::repeat_n(pile_t, pile));
            let n = times.len();
            let links: Vec<(usize, usize, String)> = links
                .iter()
                .enumerate()
                .map(|(k, (a, b, kind))| {
                    let label = match kind {
                        0 => String::new(),
                        1 => format!("trigger {k}"),
                        _ => text(10_000),
                    };
                    (a.index(n), b.index(n), label)
                })
                .collect();
            let mut j = journey(levels, &times, &links);
            j.title = text(big[0]);
            j.steps[0].title = text(big[1]);
            if let Some(link) = j.links.first_mut() {
                link.label = text(big[2]);
            }
            j.levels[0].label = text(big[3]);
            j.phases[0].name = text(big[4]);
            j
        })
}

/// A property test written out (not with `proptest!`) so the turn is held while cases are
/// generated too: a generated journey holds tens of MB.
#[test]
fn any_journey_lays_out_paints_and_exports_in_bounded_memory() {
    let _turn = turn();
    let config = ProptestConfig {
        cases: 12,
        max_shrink_iters: 8,
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&extreme(), |j| {
        let (peak, took) = bounded("an extreme journey", move || everything(&j));
        eprintln!(
            "extreme journey: peak {} MB, {:.1} s",
            peak >> 20,
            took.as_secs_f64()
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Writes the worst valid files measured in the issue to `$KAIDAN_WORST_DIR` (run with
/// `--ignored`); they are megabytes, so they are generated, not kept in the repository.
#[test]
#[ignore = "writes the worst valid files for measuring `kaidan export`"]
fn write_worst_valid_files() {
    let Some(dir) = std::env::var_os("KAIDAN_WORST_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the folder");
    let save = |name: &str, j: &Journey| {
        assert_eq!(j.validate(), vec![], "{name} is valid");
        kaidan::io::save(&dir.join(name), j).expect("save");
    };
    // One step at the farthest valid time, with a labelled link.
    let mut far = kaidan::bundled::TEINEI.load().expect("example");
    let start = far.start_step().expect("start").id;
    let i = far.step_index(start).expect("start");
    far.steps[i].t = -MAX_ABS_TIME;
    for l in far.links.iter_mut().filter(|l| l.from == start) {
        l.label = "遠い昔のきっかけ".into();
    }
    save("far.kaidan.ron", &far);

    // Every text of the example at the longest valid length.
    let max = kaidan::model::limits::MAX_TEXT_CHARS;
    let mut texts = kaidan::bundled::TEINEI.load().expect("example");
    texts.title = text(max);
    texts.persona.name = text(max);
    texts.persona.description = text(max);
    texts.brand = text(max);
    texts.start_statement = text(max);
    texts.goal_statement = text(max);
    for s in &mut texts.steps {
        s.title = text(max);
        s.description = text(max);
        s.notes = text(max);
        if let Some(Feeling::Custom(name)) = &mut s.emotion.feeling {
            *name = text(max);
        }
        s.emotion.thinks = text(max);
        s.emotion.quote = text(max);
    }
    for l in &mut texts.links {
        l.label = text(max);
    }
    for l in &mut texts.levels {
        l.label = text(max);
        l.description = text(max);
    }
    for p in &mut texts.phases {
        p.name = text(max);
    }
    save("texts.kaidan.ron", &texts);

    // The most steps and links, spread over the valid time span, labelled.
    let mut many = kaidan::model::synthetic::journey(MAX_STEPS, 7);
    let span = 2.0 * MAX_ABS_TIME / MAX_STEPS as f64;
    for (i, s) in many.steps.iter_mut().enumerate() {
        s.t = -MAX_ABS_TIME + i as f64 * span;
    }
    let ids: Vec<StepId> = many.steps.iter().map(|s| s.id).collect();
    let mut pairs: BTreeSet<(StepId, StepId)> = many.links.iter().map(Link::key).collect();
    let goal = *ids.last().expect("goal");
    let mut k = 1;
    while pairs.len() < MAX_LINKS {
        for (i, &from) in ids[..ids.len() - 1].iter().enumerate() {
            let to = ids[(i + 1 + k * 37 % (ids.len() - 1 - i)).min(ids.len() - 1)];
            if to != from && (to != goal || i % 2 == 0) {
                pairs.insert((from, to));
            }
            if pairs.len() == MAX_LINKS {
                break;
            }
        }
        k += 1;
    }
    many.links = pairs
        .into_iter()
        .map(|(f, t)| Link {
            label: format!("きっかけ {f}→{t}"),
            ..Link::new(f, t)
        })
        .collect();
    many.normalize();
    save("many.kaidan.ron", &many);

    // The most steps, all at one time, between a start before and a goal after.
    let mut pile = kaidan::model::synthetic::journey(MAX_STEPS, 7);
    let n = pile.steps.len();
    for (i, s) in pile.steps.iter_mut().enumerate() {
        s.t = match i {
            0 => 0.0,
            _ if i + 1 == n => 2.0,
            _ => 1.0,
        };
    }
    let (start, goal) = (pile.steps[0].id, pile.steps[n - 1].id);
    pile.links = pile.steps[1..n - 1]
        .iter()
        .flat_map(|s| {
            [
                Link {
                    label: "きっかけ".into(),
                    ..Link::new(start, s.id)
                },
                Link::new(s.id, goal),
            ]
        })
        .collect();
    pile.normalize();
    save("pile.kaidan.ron", &pile);

    // The most links, labelled, piled on 450 steps a tenth of a unit apart.
    save("dense.kaidan.ron", &piled_links());
}
