//! Statistics over 0–10 recommendation scores: shares, NPS, its confidence interval, and
//! whether a change between two waves is more than noise.
//!
//! Scores 0–6 are detractors, 7–8 passives, 9–10 promoters; NPS = %promoters − %detractors,
//! from −100 to +100. Knows nothing of files or pixels.

use crate::model::{Journey, Scores, StepId};
use std::collections::BTreeMap;

/// Below this many answers a figure is flagged as a small sample wherever it is shown.
pub const SMALL_SAMPLE: u64 = 30;

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The three groups of NPS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// 0–6.
    Detractor,
    /// 7–8.
    Passive,
    /// 9–10.
    Promoter,
}

impl Group {
    /// The group a score belongs to.
    #[must_use]
    pub fn of(score: u8) -> Self {
        match score {
            0..=6 => Self::Detractor,
            7..=8 => Self::Passive,
            _ => Self::Promoter,
        }
    }
}

/// A closed interval of NPS points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// What the scores of one step in one wave say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// Number of answers (at least 1: no answers, no summary).
    pub n: u64,
    /// Share of promoters, 0..=1.
    pub promoters: f64,
    /// Share of passives, 0..=1.
    pub passives: f64,
    /// Share of detractors, 0..=1.
    pub detractors: f64,
    /// NPS in points, −100..=100.
    pub nps: f64,
    /// Standard error of the NPS, in points.
    pub se: f64,
    /// 95 % confidence interval, clamped to −100..=100.
    ///
    /// Normal (Wald) approximation with the trinomial variance: each answer counts +1
    /// (promoter), 0 (passive) or −1 (detractor), so with shares p and d the variance of one
    /// answer is `p + d − (p − d)²` and `se = 100 · √(that / n)`; the interval is
    /// `NPS ± 1.96 · se`. With everyone in one group the variance is 0 and the interval
    /// collapses to a point: read such figures together with [`Summary::is_small`].
    pub ci: Interval,
}

impl Summary {
    /// Summarises scores; `None` when no one answered.
    #[must_use]
    pub fn of(scores: &Scores) -> Option<Self> {
        let n = scores.n();
        if n == 0 {
            return None;
        }
        let mut counts = [0_u64; 3];
        for (score, &c) in scores.0.iter().enumerate() {
            let i = match Group::of(score as u8) {
                Group::Detractor => 0,
                Group::Passive => 1,
                Group::Promoter => 2,
            };
            counts[i] += u64::from(c);
        }
        let total = n as f64;
        let [d, pa, p] = counts.map(|c| c as f64 / total);
        let diff = p - d;
        let variance = (p + d - diff * diff).max(0.0);
        let se = 100.0 * (variance / total).sqrt();
        let nps = 100.0 * diff;
        Some(Self {
            n,
            promoters: p,
            passives: pa,
            detractors: d,
            nps,
            se,
            ci: Interval {
                low: (nps - Z95 * se).max(-100.0),
                high: (nps + Z95 * se).min(100.0),
            },
        })
    }

    /// Whether there are fewer than [`SMALL_SAMPLE`] answers.
    #[must_use]
    pub fn is_small(&self) -> bool {
        self.n < SMALL_SAMPLE
    }
}

/// How an NPS moved from one wave to the next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    /// New NPS − old NPS, in points.
    pub delta: f64,
    /// Whether the change is more than sampling noise at the 95 % level.
    ///
    /// The waves are independent samples, so the difference has standard error
    /// `√(se₁² + se₂²)`; the change counts when `|delta| > 1.96 ·` that. (Two intervals can
    /// overlap while the difference is still real, so their overlap is not the test.)
    pub significant: bool,
}

impl Change {
    /// The change from `before` to `after`.
    #[must_use]
    pub fn between(before: &Summary, after: &Summary) -> Self {
        let delta = after.nps - before.nps;
        let se = before.se.hypot(after.se);
        Self {
            delta,
            significant: delta.abs() > Z95 * se,
        }
    }
}

/// One step's figures in a wave.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepStats {
    /// This wave.
    pub summary: Summary,
    /// Since the previous wave, when the step was asked about in both.
    pub change: Option<Change>,
}

/// Every figure of one wave, computed once when the data change (not per frame).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaveStats {
    /// The wave's name.
    pub name: String,
    /// Per surveyed step.
    pub steps: BTreeMap<StepId, StepStats>,
    /// The brand-level question, if asked.
    pub overall: Option<StepStats>,
}

impl WaveStats {
    /// Figures for a step (`None` = brand level).
    #[must_use]
    pub fn get(&self, step: Option<StepId>) -> Option<&StepStats> {
        match step {
            Some(id) => self.steps.get(&id),
            None => self.overall.as_ref(),
        }
    }
}

/// The statistics of every wave of a journey, in wave order.
#[must_use]
pub fn stats(journey: &Journey) -> Vec<WaveStats> {
    let waves = &journey.surveys.waves;
    let mut out: Vec<WaveStats> = Vec::with_capacity(waves.len());
    for wave in waves {
        let previous = out.last();
        let figure = |step: Option<StepId>, scores: &Scores| {
            let summary = Summary::of(scores)?;
            let change = previous
                .and_then(|p| p.get(step))
                .map(|before| Change::between(&before.summary, &summary));
            Some(StepStats { summary, change })
        };
        let steps = wave
            .steps
            .iter()
            .filter_map(|(&id, s)| Some((id, figure(Some(id), s)?)))
            .collect();
        let overall = wave.overall.as_ref().and_then(|s| figure(None, s));
        out.push(WaveStats {
            name: wave.name.clone(),
            steps,
            overall,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn groups() {
        assert_eq!(Group::of(0), Group::Detractor);
        assert_eq!(Group::of(6), Group::Detractor);
        assert_eq!(Group::of(7), Group::Passive);
        assert_eq!(Group::of(8), Group::Passive);
        assert_eq!(Group::of(9), Group::Promoter);
        assert_eq!(Group::of(10), Group::Promoter);
    }

    #[test]
    fn worked_by_hand() {
        // 10 answers: 4 promoters (9, 9, 10, 10), 3 passives (7, 8, 8), 3 detractors (0, 5, 6).
        // p = 0.4, d = 0.3, NPS = 10. Variance = 0.4 + 0.3 − 0.1² = 0.69;
        // se = 100·√(0.069) = 26.2679…; CI = 10 ± 1.95996·26.2679 = [−41.4840, 61.4840].
        let s = Summary::of(&Scores::from_answers([9, 9, 10, 10, 7, 8, 8, 0, 5, 6])).expect("n>0");
        assert_eq!(s.n, 10);
        assert!(close(s.promoters, 0.4) && close(s.passives, 0.3) && close(s.detractors, 0.3));
        assert!(close(s.nps, 10.0), "{}", s.nps);
        assert!((s.se - 26.267_851).abs() < 1e-5, "{}", s.se);
        assert!((s.ci.low - -41.484_042).abs() < 1e-4, "{}", s.ci.low);
        assert!((s.ci.high - 61.484_042).abs() < 1e-4, "{}", s.ci.high);
        assert!(s.is_small());
    }

    #[test]
    fn large_sample_interval() {
        // 400 answers: 200 promoters, 100 passives, 100 detractors. p = .5, d = .25,
        // NPS = 25, variance = .75 − .0625 = .6875, se = 100·√(.6875/400) = 4.1458…,
        // half-width 1.95996·4.14578 = 8.1256.
        let mut scores = Scores::default();
        scores.0[10] = 200;
        scores.0[7] = 100;
        scores.0[3] = 100;
        let s = Summary::of(&scores).expect("n>0");
        assert!(close(s.nps, 25.0));
        assert!((s.ci.high - s.nps - 8.125_6).abs() < 1e-3, "{:?}", s.ci);
        assert!(!s.is_small());
    }

    #[test]
    fn all_promoters_and_all_detractors() {
        let mut scores = Scores::default();
        scores.0[9] = 40;
        let s = Summary::of(&scores).expect("n>0");
        assert!(close(s.nps, 100.0) && close(s.se, 0.0));
        assert_eq!(
            s.ci,
            Interval {
                low: 100.0,
                high: 100.0
            }
        );
        let mut scores = Scores::default();
        scores.0[0] = 12;
        scores.0[6] = 3;
        let s = Summary::of(&scores).expect("n>0");
        assert!(close(s.nps, -100.0) && close(s.detractors, 1.0));
        assert_eq!(
            s.ci,
            Interval {
                low: -100.0,
                high: -100.0
            }
        );
    }

    #[test]
    fn one_answer_and_none() {
        let s = Summary::of(&Scores::from_answers([8])).expect("n>0");
        assert_eq!(s.n, 1);
        assert!(close(s.nps, 0.0) && close(s.passives, 1.0));
        assert!(s.is_small());
        assert_eq!(Summary::of(&Scores::default()), None);
    }

    #[test]
    fn interval_is_clamped() {
        // 3 promoters, 1 detractor: NPS 50, se = 100·√((1 − .25)/4) = 43.3; 50 + 84.9 > 100.
        let s = Summary::of(&Scores::from_answers([10, 10, 10, 0])).expect("n>0");
        assert!(close(s.ci.high, 100.0));
        assert!(s.ci.low > -100.0 && s.ci.low < 0.0);
    }

    #[test]
    fn change_is_tested_against_the_combined_error() {
        let wave = |p: u32, d: u32| {
            let mut s = Scores::default();
            s.0[10] = p;
            s.0[0] = d;
            s.0[8] = 1000 - p - d;
            Summary::of(&s).expect("n>0")
        };
        // n = 1000 each; 30/20 → 40/20: +10 points. se = 100·√(.49/1000) = 2.214 and
        // 100·√(.56/1000) = 2.366, combined 3.240, threshold 6.35: significant.
        let c = Change::between(&wave(300, 200), &wave(400, 200));
        assert!(close(c.delta, 10.0) && c.significant);
        // 30/20 → 33/20: +3 points, below the threshold: noise.
        let c = Change::between(&wave(300, 200), &wave(330, 200));
        assert!(close(c.delta, 3.0) && !c.significant);
    }
}
