//! Edit commands and history: every command's inverse restores the journey exactly,
//! refused commands change nothing and say why, and undo/redo/grouping/saved marker work.

use kaidan::edit::{
    Action, Command, EditError, History, MetaField, StepField, StepMove, WaveField,
};
use kaidan::model::{
    Channel, Initiative, Journey, Level, LevelId, Link, Phase, PhaseId, Rgb, Scores, Step, StepId,
    StepKind, Touchpoint, Wave,
};
use proptest::prelude::*;
use proptest::sample::Index;

fn teinei() -> Journey {
    kaidan::bundled::TEINEI
        .load()
        .expect("bundled example loads")
}

/// Applies `command`, checks the result is valid, then applies the inverse and checks
/// the journey is exactly as before.
fn assert_inverse_restores(journey: &Journey, command: &Command) -> Journey {
    let mut j = journey.clone();
    let inverse = command.clone().apply(&mut j).expect("command applies");
    assert_ne!(&j, journey, "{command:?} should change the journey");
    assert_eq!(j.validate(), vec![], "after {command:?}");
    let changed = j.clone();
    let forward = inverse.apply(&mut j).expect("inverse applies");
    assert_eq!(&j, journey, "inverse of {command:?} must restore exactly");
    forward.apply(&mut j).expect("re-applying works");
    assert_eq!(j, changed, "redo of {command:?} must give the same journey");
    changed
}

/// Applies `command` expecting a refusal; the journey must be untouched.
fn assert_refused(journey: &Journey, command: Command) -> EditError {
    let mut j = journey.clone();
    let err = command.apply(&mut j).expect_err("command must be refused");
    assert_eq!(&j, journey, "a refused command changes nothing");
    err
}

fn id(title: &str, j: &Journey) -> StepId {
    j.steps
        .iter()
        .find(|s| s.title.starts_with(title))
        .unwrap_or_else(|| panic!("no step titled {title}"))
        .id
}

#[test]
fn every_command_inverts_exactly() {
    let j = teinei();
    let sample = id("サンプルが届き", &j);
    let order = id("定期コース", &j);
    let pause = id("飽きて休止", &j);
    let (l1, l2, l4) = (j.levels[0].id, j.levels[1].id, j.levels[3].id);
    let phase = j.phases[1].id;
    let new_id = j.next_id;
    let commands = vec![
        Command::AddStep {
            step: Step::new(StepId(new_id), "店舗で試着", 7.5, l4),
            links: vec![Link::new(sample, StepId(new_id))],
        },
        Command::RemoveStep(order),
        Command::MoveSteps(vec![StepMove {
            id: pause,
            t: 12.9,
            level: l2,
        }]),
        Command::RetitleStep(sample, "サンプルを試す".into()),
        Command::Batch(vec![
            Command::RemoveLink(pause, id("季節の便り", &j)),
            Command::SetKinds(vec![(pause, StepKind::Goal)]),
        ]),
        Command::EditStep(sample, StepField::Description("説明".into())),
        Command::EditStep(sample, StepField::Notes("メモ".into())),
        Command::EditStep(
            sample,
            StepField::Touchpoint(Some(Touchpoint {
                channel: Channel::Event,
                name: "試飲会".into(),
            })),
        ),
        Command::EditStep(
            sample,
            StepField::Initiatives(vec![Initiative {
                text: "お礼状".into(),
                department: j.departments.first().map(|d| d.id),
                ..Initiative::default()
            }]),
        ),
        Command::AddLink(Link::new(sample, pause)),
        Command::RemoveLink(j.links[0].from, j.links[0].to),
        Command::RelabelLink(j.links[0].from, j.links[0].to, "きっかけ".into()),
        Command::AddPhase(
            5,
            Phase {
                id: PhaseId(new_id),
                name: "推奨".into(),
                colour: Rgb::new(1, 2, 3),
                start: 23.0,
                end: 26.0,
            },
        ),
        Command::RemovePhase(phase),
        Command::RenamePhase(phase, "認知".into()),
        Command::RecolourPhase(phase, Rgb::new(0, 0x72, 0xB2)),
        Command::SetPhaseExtent(j.phases[4].id, 18.0, 30.0),
        Command::MovePhase(j.phases[0].id, 3),
        Command::AddLevel(
            2,
            Level {
                id: LevelId(new_id),
                label: "比較".into(),
                description: String::new(),
            },
        ),
        Command::RenameLevel(l1, "未認知".into()),
        Command::DescribeLevel(l1, "まだ知らない".into()),
        Command::MoveLevel(l1, 3),
        Command::SetMeta(MetaField::Title("新しい題".into())),
        Command::SetMeta(MetaField::PersonaName("山田".into())),
        Command::SetMeta(MetaField::PersonaDescription("会社員".into())),
        Command::SetMeta(MetaField::Brand("ブランド".into())),
        Command::SetMeta(MetaField::StartStatement("知る前".into())),
        Command::SetMeta(MetaField::GoalStatement("日常化".into())),
        Command::Batch(vec![
            Command::RetitleStep(sample, "A".into()),
            Command::RemoveStep(order),
        ]),
        Command::AddWave(1, Wave::named("2026年夏")),
        Command::RemoveWave("2026年春".into()),
        Command::EditWave("2026年春".into(), WaveField::Name("第1回".into())),
        Command::EditWave("2026年春".into(), WaveField::Date("2026-05-01".into())),
        Command::SetScores {
            wave: "2026年秋".into(),
            step: Some(sample),
            scores: Some(Scores([1; 11])),
        },
        Command::SetScores {
            wave: "2026年秋".into(),
            step: Some(sample),
            scores: None,
        },
        Command::SetScores {
            wave: "2026年秋".into(),
            step: None,
            scores: None,
        },
        Command::SetScores {
            wave: "2026年秋".into(),
            step: Some(id("商品を知る前", &j)),
            scores: Some(Scores([0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1])),
        },
        Command::SetBenchmark(Some(5)),
        Command::SetBenchmark(None),
    ];
    for command in commands {
        assert_inverse_restores(&j, &command);
    }
}

#[test]
fn removing_a_step_removes_its_links_and_undo_brings_them_back() {
    let j = teinei();
    let order = id("定期コース", &j);
    let touching = j
        .links
        .iter()
        .filter(|l| l.from == order || l.to == order)
        .count();
    assert!(touching >= 2);
    let after = assert_inverse_restores(&j, &Command::RemoveStep(order));
    assert_eq!(after.links.len(), j.links.len() - touching);
    assert!(after.links.iter().all(|l| l.from != order && l.to != order));
    // Its survey scores go too (no dangling references), and come back on undo.
    assert!(j.surveys.waves.iter().all(|w| w.steps.contains_key(&order)));
    assert!(
        after
            .surveys
            .waves
            .iter()
            .all(|w| !w.steps.contains_key(&order))
    );
}

#[test]
fn move_back_in_time_is_refused_and_says_why() {
    let j = teinei();
    let pause = id("飽きて休止", &j);
    let order = id("定期コース", &j);
    let before_t = j.step(order).expect("step").t;
    let err = assert_refused(
        &j,
        Command::MoveSteps(vec![StepMove {
            id: pause,
            t: before_t - 1.0,
            level: j.levels[0].id,
        }]),
    );
    let text = err.to_string();
    assert!(text.contains("飽きて休止"), "{text}");
    assert!(text.contains("定期コースに切り替える"), "{text}");
    assert!(text.contains("back in time"), "{text}");
    // Moving a step past one it leads to is refused too.
    let err = assert_refused(
        &j,
        Command::MoveSteps(vec![StepMove {
            id: order,
            t: 30.0,
            level: j.levels[0].id,
        }]),
    );
    assert!(matches!(err, EditError::AheadOfSuccessor { .. }), "{err}");
}

#[test]
fn moving_linked_steps_together_is_allowed() {
    let j = teinei();
    let order = id("定期コース", &j);
    let pause = id("飽きて休止", &j);
    // Moving only `order` to 12.6 would put it after `pause` (12.5); moving both is fine.
    let level = j.step(order).expect("step").level;
    let pause_level = j.step(pause).expect("step").level;
    assert_inverse_restores(
        &j,
        &Command::MoveSteps(vec![
            StepMove {
                id: order,
                t: 12.6,
                level,
            },
            StepMove {
                id: pause,
                t: 13.2,
                level: pause_level,
            },
        ]),
    );
}

#[test]
fn rule_breaking_commands_are_refused_and_change_nothing() {
    let j = teinei();
    let start = j.start_step().expect("start").id;
    let goal = j
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Goal)
        .expect("goal")
        .id;
    let sample = id("サンプルが届き", &j);
    let pause = id("飽きて休止", &j);
    let used_level = j.step(sample).expect("step").level;
    let cases: Vec<(Command, &str)> = vec![
        (
            Command::AddLink(Link::new(pause, sample)),
            "not later in time",
        ),
        (Command::AddLink(Link::new(sample, sample)), "itself"),
        (Command::AddLink(j.links[0].clone()), "already linked"),
        (
            Command::AddLink(Link::new(sample, start)),
            "not later in time",
        ),
        (
            Command::AddLink(Link::new(goal, StepId(9999))),
            "does not exist",
        ),
        (Command::RemoveStep(start), "start"),
        (Command::RemoveStep(goal), "only goal"),
        (Command::RemoveLevel(used_level), "move them first"),
        (
            Command::SetKinds(vec![(sample, StepKind::Start)]),
            "exactly one start",
        ),
        (
            Command::SetKinds(vec![(start, StepKind::Step)]),
            "make another step the start",
        ),
        (Command::SetKinds(vec![(goal, StepKind::Step)]), "only goal"),
        (
            Command::SetKinds(vec![(sample, StepKind::Goal)]),
            "journey ends",
        ),
        (
            Command::MoveSteps(vec![StepMove {
                id: sample,
                t: f64::NAN,
                level: used_level,
            }]),
            "not a usable time",
        ),
        (
            Command::MoveSteps(vec![StepMove {
                id: sample,
                t: 6.6,
                level: LevelId(4242),
            }]),
            "does not exist",
        ),
        (Command::SetPhaseExtent(j.phases[1].id, 0.5, 5.0), "overlap"),
        (
            Command::SetPhaseExtent(j.phases[1].id, 5.0, 1.0),
            "must end after it begins",
        ),
        (
            Command::AddStep {
                step: Step::new(sample, "dup", 1.0, used_level),
                links: vec![],
            },
            "already exists",
        ),
        (
            Command::AddStep {
                step: Step::new(StepId(j.next_id), "late", 1.0, used_level),
                links: vec![Link::new(StepId(j.next_id), start)],
            },
            "商品を知る前",
        ),
        (Command::MoveLevel(used_level, 99), "outside the list"),
        (
            Command::AddStep {
                step: {
                    let mut s = Step::new(StepId(j.next_id), "off the scale", 7.0, used_level);
                    s.emotion.valence = Some(7);
                    s
                },
                links: vec![],
            },
            "outside the scale",
        ),
        (
            Command::EditStep(
                sample,
                StepField::Emotion(kaidan::model::Emotion {
                    valence: Some(-3),
                    ..Default::default()
                }),
            ),
            "outside the scale",
        ),
        (
            Command::Batch(vec![
                Command::RetitleStep(sample, "changed".into()),
                Command::RemoveStep(start),
            ]),
            "start",
        ),
        (
            Command::AddWave(0, Wave::named("2026年春")),
            "already exists",
        ),
        (Command::AddWave(0, Wave::named("  ")), "needs a name"),
        (Command::AddWave(9, Wave::named("新")), "outside the list"),
        (
            Command::AddWave(
                0,
                Wave {
                    date: "2026/04/01".into(),
                    ..Wave::named("新")
                },
            ),
            "YYYY-MM-DD",
        ),
        (
            Command::AddWave(
                0,
                Wave {
                    steps: [(StepId(9999), Scores([1; 11]))].into(),
                    ..Wave::named("新")
                },
            ),
            "s9999",
        ),
        (Command::RemoveWave("無い".into()), "no survey wave"),
        (
            Command::EditWave("2026年春".into(), WaveField::Name("2026年秋".into())),
            "already exists",
        ),
        (
            Command::EditWave("2026年春".into(), WaveField::Date("昨日".into())),
            "YYYY-MM-DD",
        ),
        (
            Command::SetScores {
                wave: "2026年春".into(),
                step: Some(StepId(9999)),
                scores: Some(Scores([1; 11])),
            },
            "s9999",
        ),
        (
            Command::SetScores {
                wave: "無い".into(),
                step: None,
                scores: None,
            },
            "no survey wave",
        ),
        (Command::SetBenchmark(Some(101)), "-100..=100"),
    ];
    for (command, why) in cases {
        let err = assert_refused(&j, command.clone());
        assert!(
            err.to_string().contains(why),
            "{command:?} refused with {err}, expected it to mention {why:?}"
        );
    }
}

#[test]
fn nothing_links_into_the_start_or_out_of_a_goal_even_forward_in_time() {
    let mut j = teinei();
    let start = j.start_step().expect("start").id;
    let goal = id("ストレスがなく", &j);
    let early = StepId(j.next_id);
    let late = StepId(j.next_id + 1);
    for (step, t) in [(early, 0.1), (late, 30.0)] {
        Command::AddStep {
            step: Step::new(step, "x", t, j.levels[0].id),
            links: vec![],
        }
        .apply(&mut j)
        .expect("add");
    }
    let err = assert_refused(&j, Command::AddLink(Link::new(early, start)));
    assert!(matches!(err, EditError::LinkIntoStart(_)), "{err}");
    let err = assert_refused(&j, Command::AddLink(Link::new(goal, late)));
    assert!(matches!(err, EditError::LinkOutOfGoal(_)), "{err}");
}

#[test]
fn handing_the_start_to_another_step_is_one_command() {
    let j = teinei();
    let start = j.start_step().expect("start").id;
    let first = id("新聞広告", &j);
    // The new start must have no incoming links: drop the one from the old start first.
    let mut k = j.clone();
    Command::RemoveLink(start, first)
        .apply(&mut k)
        .expect("unlink");
    let after = assert_inverse_restores(
        &k,
        &Command::SetKinds(vec![(start, StepKind::Step), (first, StepKind::Start)]),
    );
    assert_eq!(after.start_step().map(|s| s.id), Some(first));
}

#[test]
fn history_undo_redo_and_descriptions() {
    let mut j = teinei();
    let original = j.clone();
    let mut history = History::new();
    assert!(!history.is_dirty());
    let pause = id("飽きて休止", &j);
    let level = j.step(pause).expect("step").level;
    history
        .apply(
            &mut j,
            Command::MoveSteps(vec![StepMove {
                id: pause,
                t: 12.7,
                level,
            }]),
        )
        .expect("move");
    assert!(history.is_dirty());
    let d = history.undo_description().expect("something to undo");
    assert_eq!(d.action, Action::Move);
    assert_eq!(d.subject, "飽きて休止する");
    let moved = j.clone();
    assert_eq!(
        history.undo(&mut j).expect("undo").map(|d| d.action),
        Some(Action::Move)
    );
    assert_eq!(j, original);
    assert!(!history.is_dirty(), "back at the saved state");
    assert_eq!(
        history.redo_description().map(|d| d.subject.as_str()),
        Some("飽きて休止する")
    );
    history.redo(&mut j).expect("redo");
    assert_eq!(j, moved);
    assert!(history.redo_description().is_none());
    assert_eq!(history.undo(&mut j).expect("undo").map(|_| ()), Some(()));
    assert_eq!(history.undo(&mut j).expect("nothing left"), None);
}

#[test]
fn a_refused_command_leaves_the_history_alone() {
    let mut j = teinei();
    let mut history = History::new();
    let start = j.start_step().expect("start").id;
    history
        .apply(&mut j, Command::RetitleStep(start, "前".into()))
        .expect("retitle");
    assert!(history.apply(&mut j, Command::RemoveStep(start)).is_err());
    assert_eq!(
        history.undo_description().map(|d| d.action),
        Some(Action::Retitle)
    );
}

#[test]
fn a_group_undoes_as_one_step() {
    let mut j = teinei();
    let original = j.clone();
    let mut history = History::new();
    let pause = id("飽きて休止", &j);
    let level = j.step(pause).expect("step").level;
    history.begin_group(None);
    // A drag: many small moves, one undo.
    for k in 1..=10 {
        history
            .apply(
                &mut j,
                Command::MoveSteps(vec![StepMove {
                    id: pause,
                    t: 12.5 + f64::from(k) * 0.1,
                    level,
                }]),
            )
            .expect("move");
    }
    // One text edit: many keystrokes, one undo.
    history.end_group();
    history.begin_group(None);
    for title in ["飽", "飽き", "飽きた"] {
        history
            .apply(&mut j, Command::RetitleStep(pause, title.into()))
            .expect("retitle");
    }
    history.end_group();
    assert_eq!(j.step(pause).map(|s| s.title.as_str()), Some("飽きた"));
    history.undo(&mut j).expect("undo text");
    assert_eq!(
        j.step(pause).map(|s| s.title.as_str()),
        Some("飽きて休止する")
    );
    assert!((j.step(pause).map_or(0.0, |s| s.t) - 13.5).abs() < 1e-9);
    history.undo(&mut j).expect("undo drag");
    assert_eq!(j, original);
    assert_eq!(history.undo(&mut j).expect("empty"), None);
}

#[test]
fn saved_marker_follows_undo_and_is_lost_when_history_branches() {
    let mut j = teinei();
    let mut history = History::new();
    let sample = id("サンプルが届き", &j);
    history
        .apply(&mut j, Command::RetitleStep(sample, "A".into()))
        .expect("edit");
    history.mark_saved();
    assert!(!history.is_dirty());
    history.undo(&mut j).expect("undo");
    assert!(history.is_dirty());
    history.redo(&mut j).expect("redo");
    assert!(!history.is_dirty());
    history.undo(&mut j).expect("undo");
    history
        .apply(&mut j, Command::RetitleStep(sample, "B".into()))
        .expect("edit");
    assert!(history.is_dirty(), "the saved state is no longer reachable");
}

/// One random edit, resolved against the journey as it is when applied.
#[derive(Debug, Clone)]
enum Op {
    Add(Index, f64),
    Remove(Index),
    Move(Index, Index, f64),
    Link(Index, Index),
    Unlink(Index),
    Retitle(Index, String),
    AddLevel(Index),
    RemoveLevel(Index),
    MoveLevel(Index, Index),
    Kind(Index, u8),
    Scores(Index, Index, Option<[u32; 11]>),
    AddWave(Index, String),
    RemoveWave(Index),
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<Index>;
    prop_oneof![
        (i(), -5.0..40.0f64).prop_map(|(a, t)| Op::Add(a, t)),
        i().prop_map(Op::Remove),
        (i(), i(), -5.0..40.0f64).prop_map(|(a, b, t)| Op::Move(a, b, t)),
        (i(), i()).prop_map(|(a, b)| Op::Link(a, b)),
        i().prop_map(Op::Unlink),
        (i(), "[あ-ん]{0,4}").prop_map(|(a, s)| Op::Retitle(a, s)),
        i().prop_map(Op::AddLevel),
        i().prop_map(Op::RemoveLevel),
        (i(), i()).prop_map(|(a, b)| Op::MoveLevel(a, b)),
        (i(), 0..3u8).prop_map(|(a, k)| Op::Kind(a, k)),
        (i(), i(), prop::option::of(any::<[u32; 11]>())).prop_map(|(w, a, c)| Op::Scores(w, a, c)),
        (i(), "[春夏秋冬]{0,2}").prop_map(|(a, s)| Op::AddWave(a, s)),
        i().prop_map(Op::RemoveWave),
    ]
}

fn command_for(op: &Op, j: &Journey) -> Option<Command> {
    let step = |i: &Index| j.steps[i.index(j.steps.len())].id;
    let level = |i: &Index| j.levels[i.index(j.levels.len())].id;
    Some(match op {
        Op::Add(a, t) => Command::AddStep {
            step: Step::new(StepId(j.next_id), "新", *t, level(a)),
            links: vec![],
        },
        Op::Remove(a) => Command::RemoveStep(step(a)),
        Op::Move(a, b, t) => Command::MoveSteps(vec![StepMove {
            id: step(a),
            t: *t,
            level: level(b),
        }]),
        Op::Link(a, b) => Command::AddLink(Link::new(step(a), step(b))),
        Op::Unlink(a) => {
            if j.links.is_empty() {
                return None;
            }
            let l = &j.links[a.index(j.links.len())];
            Command::RemoveLink(l.from, l.to)
        }
        Op::Retitle(a, s) => Command::RetitleStep(step(a), s.clone()),
        Op::AddLevel(a) => Command::AddLevel(
            a.index(j.levels.len() + 1),
            Level {
                id: LevelId(j.next_id),
                label: "段".into(),
                description: String::new(),
            },
        ),
        Op::RemoveLevel(a) => Command::RemoveLevel(level(a)),
        Op::MoveLevel(a, b) => Command::MoveLevel(level(a), b.index(j.levels.len())),
        Op::Kind(a, k) => Command::SetKinds(vec![(step(a), StepKind::ALL[usize::from(*k)])]),
        Op::Scores(w, a, counts) => {
            let waves = &j.surveys.waves;
            if waves.is_empty() {
                return None;
            }
            Command::SetScores {
                wave: waves[w.index(waves.len())].name.clone(),
                // Every fourth pick is the brand-level question.
                step: (a.index(4) != 0).then(|| step(a)),
                scores: counts.map(Scores),
            }
        }
        Op::AddWave(a, name) => Command::AddWave(
            a.index(j.surveys.waves.len() + 1),
            Wave::named(name.clone()),
        ),
        Op::RemoveWave(a) => {
            let waves = &j.surveys.waves;
            if waves.is_empty() {
                return None;
            }
            Command::RemoveWave(waves[a.index(waves.len())].name.clone())
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random edit sessions: the journey stays valid after every accepted command,
    /// refused ones change nothing, and undoing everything gets back the original.
    #[test]
    fn random_sessions_keep_the_rules_and_undo_to_the_original(
        ops in prop::collection::vec(op(), 1..40),
        seed in 0..1000u64,
    ) {
        let original = kaidan::model::synthetic::journey(12, seed);
        let mut j = original.clone();
        let mut history = History::new();
        let mut states = vec![j.clone()];
        for op in &ops {
            let Some(command) = command_for(op, &j) else { continue };
            let before = j.clone();
            if history.apply(&mut j, command).is_ok() {
                prop_assert_eq!(j.validate(), vec![]);
                states.push(j.clone());
            } else {
                prop_assert_eq!(&j, &before);
            }
        }
        // Walk all the way back, checking each intermediate state.
        for expected in states.iter().rev().skip(1) {
            history.undo(&mut j).expect("undo works");
            prop_assert_eq!(&j, expected);
        }
        prop_assert_eq!(&j, &original);
        prop_assert!(!history.is_dirty());
        for expected in states.iter().skip(1) {
            history.redo(&mut j).expect("redo works");
            prop_assert_eq!(&j, expected);
        }
    }
}
