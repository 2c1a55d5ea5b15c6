//! Generated journeys of any size, for benchmarks and stress tests (deterministic, no I/O).

use super::{
    Channel, Initiative, Journey, Level, LevelId, Link, Persona, Phase, PhaseId, Rgb, Step, StepId,
    StepKind, Touchpoint,
};

/// A small deterministic pseudo-random generator (SplitMix64), so generated journeys are
/// reproducible without a dependency.
#[derive(Clone, Debug)]
pub struct SplitMix(u64);

impl SplitMix {
    /// Seeds the generator.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const LEVELS: [&str; 6] = ["無関心", "認知", "興味", "購入", "継続", "ファン"];
const PHASES: [&str; 5] = ["認知前", "認知・興味", "検討・購入", "利用・継続", "推奨"];
const PALETTE: [Rgb; 5] = [
    Rgb::new(0xE6, 0x9F, 0x00),
    Rgb::new(0x56, 0xB4, 0xE9),
    Rgb::new(0x00, 0x9E, 0x73),
    Rgb::new(0xF0, 0xE4, 0x42),
    Rgb::new(0xCC, 0x79, 0xA7),
];

/// A valid journey with `steps` steps (at least 2: a start and a goal), six levels and
/// five phases, linked mostly as a climbing chain with side branches, some descending.
#[must_use]
pub fn journey(steps: usize, seed: u64) -> Journey {
    let steps = steps.max(2);
    let mut rng = SplitMix::new(seed);
    let levels: Vec<Level> = LEVELS
        .iter()
        .enumerate()
        .map(|(i, label)| Level {
            id: LevelId(i as u64 + 1),
            label: (*label).to_owned(),
            description: format!("{label}の段階にいる顧客"),
        })
        .collect();
    let first_step_id = 100;
    // The department's id follows the steps'.
    let crm = super::DepartmentId(first_step_id + steps as u64);
    let span = steps as f64;
    let phases = PHASES
        .iter()
        .enumerate()
        .map(|(i, name)| Phase {
            id: PhaseId(50 + i as u64),
            name: (*name).to_owned(),
            colour: PALETTE[i],
            start: span * i as f64 / PHASES.len() as f64,
            end: span * (i + 1) as f64 / PHASES.len() as f64,
        })
        .collect();
    let mut list = Vec::with_capacity(steps);
    for i in 0..steps {
        let kind = match i {
            0 => StepKind::Start,
            _ if i == steps - 1 => StepKind::Goal,
            _ => StepKind::Step,
        };
        // Climb with the index, with noise, so the staircase rises overall.
        let base = i * LEVELS.len() / steps;
        let level = match kind {
            StepKind::Start => 0,
            StepKind::Goal => LEVELS.len() - 1,
            StepKind::Step => (base + rng.below(2)).min(LEVELS.len() - 1),
        };
        let mut step = Step::new(
            StepId(first_step_id + i as u64),
            format!("ステップ {i}: 体験"),
            i as f64 + 0.5,
            levels[level].id,
        )
        .with_kind(kind);
        if kind == StepKind::Step {
            step.description = format!("顧客が {i} 番目の体験をする");
            step.touchpoint = Some(Touchpoint {
                channel: Channel::ALL[rng.below(Channel::ALL.len())],
                name: String::new(),
            });
            if rng.below(3) == 0 {
                step.initiatives.push(Initiative {
                    text: "フォローメール".into(),
                    department: Some(crm),
                    ..Initiative::default()
                });
            }
        }
        list.push(step);
    }
    let mut links = Vec::new();
    for i in 1..steps {
        let from = if i > 2 && rng.below(4) == 0 {
            i - 2
        } else {
            i - 1
        };
        // Never out of the goal: the goal is the last step, so `from` < steps - 1 holds.
        links.push(Link::new(list[from].id, list[i].id));
    }
    let mut journey = Journey {
        title: format!("合成ジャーニー ({steps} steps)"),
        persona: Persona {
            name: "テスト 花子".into(),
            description: "ベンチマーク用のペルソナ".into(),
        },
        brand: "Kaidan".into(),
        start_statement: "商品を知る前".into(),
        goal_statement: "ブランドとの接点が日常化している".into(),
        phases,
        levels,
        steps: list,
        links,
        surveys: super::Surveys::default(),
        departments: vec![super::Department {
            id: crm,
            name: "CRM部".into(),
            colour: super::department_colour(0),
        }],
        votes: Vec::new(),
        flows: Vec::new(),
        next_id: crm.0 + 1,
    };
    journey.normalize();
    journey
}

/// A CRM event log over `journey` (CSV: `customer,step,date`, step titles as written):
/// `customers` customers walk from the start along the links — a descending link half as
/// likely as another, a quarter of them stopping at each step, one in forty skipping to one
/// of the next three steps in time with no link (an off-map move) — a few days apart from
/// `from`, and buy again at purchase steps now and then. Deterministic for a `seed`: the
/// example's flow waves are such logs counted, so they can be made again (no log is
/// committed).
#[must_use]
pub fn event_log(
    journey: &Journey,
    customers: usize,
    seed: u64,
    from: jiff::civil::Date,
) -> String {
    use std::fmt::Write as _;
    let mut rng = SplitMix::new(seed);
    let mut text = String::from("customer,step,date\n");
    let Some(start) = journey.start_step() else {
        return text;
    };
    let later = |from: &Step| -> Vec<&Step> {
        let linked: Vec<StepId> = journey.outgoing(from.id).iter().map(|l| l.to).collect();
        let mut after: Vec<&Step> = journey
            .steps
            .iter()
            .filter(|s| s.t > from.t && s.kind != StepKind::Start)
            .collect();
        after.sort_by(|a, b| a.t.total_cmp(&b.t));
        after.truncate(3);
        after.retain(|s| !linked.contains(&s.id));
        after
    };
    let epoch = from;
    for c in 0..customers {
        let mut day = i64::try_from(rng.below(60)).unwrap_or(0);
        let mut at = start;
        for _ in 0..journey.steps.len() {
            let date = epoch
                .checked_add(jiff::Span::new().days(day))
                .unwrap_or(epoch);
            let _ = writeln!(text, "C{c:05},{},{date}", at.title);
            // Buying again at a purchase step (a subscription's next deliveries).
            while at.purchase && rng.below(3) == 0 {
                day += 7 + i64::try_from(rng.below(21)).unwrap_or(0);
                let date = epoch
                    .checked_add(jiff::Span::new().days(day))
                    .unwrap_or(epoch);
                let _ = writeln!(text, "C{c:05},{},{date}", at.title);
            }
            if at.kind == StepKind::Goal || (at.id != start.id && rng.below(4) == 0) {
                break;
            }
            day += 1 + i64::try_from(rng.below(14)).unwrap_or(0);
            let off_map = later(at);
            let next = if !off_map.is_empty() && rng.below(40) == 0 {
                Some(off_map[rng.below(off_map.len())])
            } else {
                let links = journey.outgoing(at.id);
                let weights: Vec<usize> = links
                    .iter()
                    .map(|l| if journey.is_descending(l) { 1 } else { 2 })
                    .collect();
                let total: usize = weights.iter().sum();
                if total == 0 {
                    None
                } else {
                    let mut pick = rng.below(total);
                    let i = weights
                        .iter()
                        .position(|&w| {
                            if pick < w {
                                true
                            } else {
                                pick -= w;
                                false
                            }
                        })
                        .unwrap_or(0);
                    journey.step(links[i].to)
                }
            };
            match next {
                Some(step) => at = step,
                None => break,
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_journeys_are_valid_and_descend_somewhere() {
        for n in [2, 3, 10, 500] {
            let j = journey(n, 7);
            assert_eq!(j.validate(), vec![], "n = {n}");
            assert_eq!(j.steps.len(), n);
        }
        assert!(journey(500, 7).descending_links().count() > 0);
    }

    #[test]
    fn same_seed_same_journey() {
        assert_eq!(journey(50, 3), journey(50, 3));
        assert_ne!(journey(50, 3), journey(50, 4));
    }
}
