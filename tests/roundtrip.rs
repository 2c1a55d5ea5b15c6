//! Project files round-trip: any valid journey saves and loads back equal, and saving is
//! deterministic (same journey, same bytes).

use kaidan::io;
use kaidan::model::{
    Channel, Emotion, Feeling, Initiative, InitiativeKind, Journey, Level, LevelId, Link, Moment,
    Persona, Phase, PhaseId, Rgb, Scores, Session, Status, Step, StepId, StepKind, Subject,
    Surveys, Touchpoint, Wave,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// Any string at all: Japanese, quotes, backslashes, newlines, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ぁ-んァ-ン一-龥「」、。 a-zA-Z0-9\"\\\\\\n\\t]{0,24}",
    ]
}

/// A time a valid journey may hold: any finite value within the time axis's limits.
fn finite() -> impl Strategy<Value = f64> {
    let limit = kaidan::model::limits::MAX_ABS_TIME;
    prop_oneof![
        (prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL)
            .prop_map(move |t| t % limit),
        -1000.0..1000.0f64,
        Just(limit),
        Just(-limit),
    ]
}

#[derive(Debug, Clone)]
struct StepSeed {
    level: Index,
    title: String,
    description: String,
    goal: bool,
    touchpoint: Option<(Index, String)>,
    initiatives: Vec<(String, String)>,
    emotion: Emotion,
}

fn emotion() -> impl Strategy<Value = Emotion> {
    let feeling = prop_oneof![
        (0..Feeling::PALETTE.len()).prop_map(|i| Feeling::PALETTE[i].clone()),
        text().prop_map(Feeling::Custom),
    ];
    let moment = prop_oneof![Just(Moment::PainPoint), Just(Moment::Delight)];
    (
        prop::option::of(-2..=2i8),
        prop::option::of(feeling),
        text(),
        text(),
        prop::option::of(moment),
    )
        .prop_map(|(valence, feeling, thinks, quote, moment)| Emotion {
            valence,
            feeling,
            thinks,
            quote,
            moment,
        })
}

fn step_seed() -> impl Strategy<Value = StepSeed> {
    (
        any::<Index>(),
        text(),
        text(),
        any::<bool>(),
        prop::option::of((any::<Index>(), text())),
        prop::collection::vec((text(), text()), 0..3),
        emotion(),
    )
        .prop_map(
            |(level, title, description, goal, touchpoint, initiatives, emotion)| StepSeed {
                level,
                title,
                description,
                goal,
                touchpoint,
                initiatives,
                emotion,
            },
        )
}

prop_compose! {
    /// A random journey that keeps every rule of the model.
    fn valid_journey()(
        title in text(),
        persona in (text(), text()),
        brand in text(),
        statements in (text(), text()),
        levels in prop::collection::vec((text(), text()), 1..6),
        seeds in prop::collection::vec(step_seed(), 2..14),
        mut times in prop::collection::vec(finite(), 14),
        links in prop::collection::vec((any::<Index>(), any::<Index>(), text()), 0..24),
        phases in prop::collection::vec((0.5..50.0f64, 0.0..5.0f64, text(), any::<[u8; 3]>()), 0..5),
        phase_origin in -100.0..100.0f64,
        spare_ids in 0..1000u64,
        waves in prop::collection::vec(
            (text(), prop::option::of(any::<[u32; 11]>()),
             prop::collection::vec((any::<Index>(), any::<[u32; 11]>()), 0..6)),
            0..3,
        ),
        benchmark in prop::option::of(-100..=100i32),
    ) -> Journey {
        let mut next = 1u64;
        let mut id = || { let i = next; next += 1; i };
        let levels: Vec<Level> = levels
            .into_iter()
            .map(|(label, description)| Level { id: LevelId(id()), label, description })
            .collect();
        let mut at = phase_origin;
        let phases: Vec<Phase> = phases
            .into_iter()
            .map(|(width, gap, name, rgb)| {
                let start = at + gap;
                let end = start + width;
                at = end;
                Phase { id: PhaseId(id()), name, colour: Rgb(rgb), start, end }
            })
            .collect();
        // Distinct, increasing times: the start first, the last step a goal.
        times.sort_by(f64::total_cmp);
        times.dedup();
        if times.len() < 2 {
            times.push(times[0] / 2.0 + 1.0);
            times.sort_by(f64::total_cmp);
        }
        let n = seeds.len().min(times.len());
        let steps: Vec<Step> = seeds
            .into_iter()
            .take(n)
            .enumerate()
            .map(|(i, seed)| {
                let kind = if i == 0 {
                    StepKind::Start
                } else if i == n - 1 || seed.goal {
                    StepKind::Goal
                } else {
                    StepKind::Step
                };
                let mut step = Step::new(StepId(id()), seed.title, times[i], levels[seed.level.index(levels.len())].id)
                    .with_kind(kind);
                step.description = seed.description;
                step.emotion = seed.emotion;
                step.touchpoint = seed.touchpoint.map(|(c, name)| Touchpoint {
                    channel: Channel::ALL[c.index(Channel::ALL.len())],
                    name,
                });
                step.initiatives = seed
                    .initiatives
                    .into_iter()
                    .map(|(text, department)| Initiative {
                        // Kind, status and note vary with the text, so all of them round-trip.
                        kind: InitiativeKind::ALL[text.len() % 2],
                        status: Status::ALL[text.len() % 4],
                        note: department.chars().rev().collect(),
                        // Named as a version-3 file would, made departments below.
                        named_department: Some(department),
                        text,
                        ..Initiative::default()
                    })
                    .collect();
                step
            })
            .collect();
        let mut pairs = std::collections::BTreeMap::new();
        for (a, b, label) in links {
            let (a, b) = (a.index(n), b.index(n));
            let (from, to) = (a.min(b), a.max(b));
            if from == to || steps[from].kind == StepKind::Goal {
                continue;
            }
            pairs.insert((steps[from].id, steps[to].id), label);
        }
        let links = pairs
            .into_iter()
            .map(|((from, to), label)| Link { from, to, label })
            .collect();
    let surveys = Surveys {
            benchmark,
            waves: waves
                .into_iter()
                .enumerate()
                .map(|(i, (name, overall, scores))| Wave {
                    // Unique, not blank and on one line, whatever the generated text.
                    name: format!("{i}:{}", name.replace(char::is_control, "")),
                    date: if i % 2 == 0 { String::new() } else { format!("2026-0{i}-15") },
                    overall: overall.map(Scores),
                    steps: scores
                        .into_iter()
                        .map(|(at, counts)| (steps[at.index(n)].id, Scores(counts)))
                        .collect(),
                })
                .collect(),
        };
        let mut journey = Journey {
            title,
            persona: Persona { name: persona.0, description: persona.1 },
            brand,
            start_statement: statements.0,
            goal_statement: statements.1,
            phases,
            levels,
            steps,
            links,
            surveys,
            departments: Vec::new(),
            votes: Vec::new(),
            flows: Vec::new(),
            next_id: next + spare_ids,
        };
        journey.normalize();
        journey.adopt_department_names();
        // Voting sessions on what the journey holds, in every state, named from its title.
        let short: String = journey.title.replace(char::is_control, "").chars().take(20).collect();
        for (i, subject) in [Subject::Initiatives, Subject::Ideas, Subject::PainPoints]
            .into_iter()
            .enumerate()
        {
            let mut items = journey.vote_items(subject);
            if items.is_empty() {
                continue;
            }
            for (k, item) in items.iter_mut().enumerate() {
                item.votes = u32::try_from((k + i) % 3).expect("small");
            }
            let cast: u32 = items.iter().map(|t| t.votes).sum();
            let participants = cast.clamp(1, kaidan::model::MAX_PARTICIPANTS);
            journey.votes.push(Session {
                name: format!("{i}:{short}"),
                date: if i % 2 == 0 { "2026-11-26".into() } else { String::new() },
                subject,
                participants,
                dots: 3,
                voted: participants - u32::from(i == 1 && participants > 1),
                revealed: i != 1,
                closed: i == 0,
                items,
            });
        }
        journey
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_gives_the_same_journey(journey in valid_journey()) {
        prop_assert_eq!(journey.validate(), vec![]);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("j.kaidan.ron");
        io::save(&path, &journey).expect("save");
        let loaded = io::load(&path).expect("load");
        prop_assert_eq!(&loaded, &journey);
        let first = std::fs::read(&path).expect("read");
        io::save(&path, &loaded).expect("save again");
        let second = std::fs::read(&path).expect("read again");
        prop_assert_eq!(first, second, "saving twice must give identical bytes");
    }

    #[test]
    fn text_form_is_canonical_whatever_the_order_in_memory(journey in valid_journey(), seed in any::<u64>()) {
        let mut shuffled = journey.clone();
        // Reverse or rotate steps and links: the text must not depend on it.
        shuffled.steps.reverse();
        let k = (seed as usize) % shuffled.links.len().max(1);
        shuffled.links.rotate_left(k);
        prop_assert_eq!(io::to_string(&shuffled), io::to_string(&journey));
    }
}

#[test]
fn format_version_comes_first_and_japanese_is_written_as_is() {
    let journey = kaidan::bundled::TEINEI
        .load()
        .expect("bundled example loads");
    let text = io::to_string(&journey);
    let first_field = text.lines().nth(1).expect("a second line").trim();
    assert_eq!(
        first_field,
        format!("format_version: {},", io::FORMAT_VERSION)
    );
    assert!(
        text.contains("すっぽん小町"),
        "Japanese must not be escaped"
    );
    assert!(
        !text.contains("\\u{"),
        "no unicode escapes for readable text"
    );
}

#[test]
fn bundled_examples_are_in_canonical_form_on_disk() {
    for bundled in kaidan::bundled::ALL {
        let journey = bundled.load().expect("bundled example loads");
        assert_eq!(
            io::to_string(&journey),
            bundled.text,
            "{}",
            bundled.file_name
        );
    }
}
