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

/// Pseudo-answers added by the adjusted Wald interval: 3/4 promoter, 3/2 passive and
/// 3/4 detractor (Rocks 2016, "Interval estimation for the net promoter score").
const PSEUDO_N: f64 = 3.0;
/// Of [`PSEUDO_N`], how many are promoters (and as many detractors).
const PSEUDO_EACH: f64 = 0.75;

/// Fewer answers than this in either wave and a change between waves is never called
/// significant, however large it looks: the same threshold as the small-sample mark ※.
pub const MIN_N_FOR_CHANGE: u64 = SMALL_SAMPLE;

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
    /// NPS in points, −100..=100: %promoters − %detractors of the answers as given.
    pub nps: f64,
    /// The adjusted NPS the interval is centred on (see [`Summary::ci`]), in points.
    pub adjusted: f64,
    /// Standard error of the adjusted NPS, in points; never 0.
    pub se: f64,
    /// 95 % confidence interval, clamped to −100..=100.
    ///
    /// Adjusted Wald (Rocks 2016): add 3 pseudo-answers — ¾ promoter, ¾ detractor, 1½
    /// passive — so with `ñ = n + 3`, `p̃ = (P + ¾)/ñ`, `d̃ = (D + ¾)/ñ`, the interval is
    /// `100·(p̃ − d̃) ± 1.96 · 100·√((p̃ + d̃ − (p̃ − d̃)²)/ñ)`. Unlike the plain Wald
    /// interval it never collapses to a point when everyone answered alike, and it keeps
    /// close to 95 % coverage at small n: 2 detractors give −100 with [−100, 24], not a
    /// certain −100.
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
        let adjusted_n = total + PSEUDO_N;
        let p_adj = (counts[2] as f64 + PSEUDO_EACH) / adjusted_n;
        let d_adj = (counts[0] as f64 + PSEUDO_EACH) / adjusted_n;
        let diff = p_adj - d_adj;
        let variance = p_adj + d_adj - diff * diff;
        let se = 100.0 * (variance / adjusted_n).sqrt();
        let adjusted = 100.0 * diff;
        Some(Self {
            n,
            promoters: p,
            passives: pa,
            detractors: d,
            nps: 100.0 * (p - d),
            adjusted,
            se,
            ci: Interval {
                low: (adjusted - Z95 * se).max(-100.0),
                high: (adjusted + Z95 * se).min(100.0),
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
    /// Only when both waves have at least [`MIN_N_FOR_CHANGE`] answers. The waves are
    /// independent samples, so the difference of the adjusted NPS has standard error
    /// `√(se₁² + se₂²)` (adjusted Wald, never 0); the change counts when the adjusted
    /// difference exceeds 1.96 times that. (Two intervals can overlap while the difference
    /// is still real, so their overlap is not the test.)
    pub significant: bool,
}

impl Change {
    /// The change from `before` to `after`.
    #[must_use]
    pub fn between(before: &Summary, after: &Summary) -> Self {
        let delta = after.nps - before.nps;
        let enough = before.n >= MIN_N_FOR_CHANGE && after.n >= MIN_N_FOR_CHANGE;
        let se = before.se.hypot(after.se);
        let adjusted_delta = after.adjusted - before.adjusted;
        Self {
            delta,
            significant: enough && se > 0.0 && adjusted_delta.abs() > Z95 * se,
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
        // p = 0.4, d = 0.3, NPS = 10. Adjusted: ñ = 13, p̃ = 4.75/13 = .365385,
        // d̃ = 3.75/13 = .288462, NPS̃ = 7.6923; variance = .653846 − .005917 = .647929;
        // se = 100·√(.647929/13) = 22.3251…; CI = 7.6923 ± 1.95996·22.3251 = [−36.0639, 51.4485].
        let s = Summary::of(&Scores::from_answers([9, 9, 10, 10, 7, 8, 8, 0, 5, 6])).expect("n>0");
        assert_eq!(s.n, 10);
        assert!(close(s.promoters, 0.4) && close(s.passives, 0.3) && close(s.detractors, 0.3));
        assert!(close(s.nps, 10.0), "{}", s.nps);
        assert!((s.adjusted - 7.692_308).abs() < 1e-5, "{}", s.adjusted);
        assert!((s.se - 22.325_1).abs() < 1e-3, "{}", s.se);
        assert!((s.ci.low - -36.063_9).abs() < 1e-3, "{}", s.ci.low);
        assert!((s.ci.high - 51.448_5).abs() < 1e-3, "{}", s.ci.high);
        assert!(s.is_small());
    }

    #[test]
    fn large_sample_interval() {
        // 400 answers: 200 promoters, 100 passives, 100 detractors. At this n the pseudo-
        // answers hardly matter: NPS 25, half-width close to the plain Wald 8.1256.
        let mut scores = Scores::default();
        scores.0[10] = 200;
        scores.0[7] = 100;
        scores.0[3] = 100;
        let s = Summary::of(&scores).expect("n>0");
        assert!(close(s.nps, 25.0));
        let half = (s.ci.high - s.ci.low) / 2.0;
        assert!((half - 8.1256).abs() < 0.05, "{:?}", s.ci);
        assert!(s.ci.low < 25.0 && s.ci.high > 25.0);
        assert!(!s.is_small());
    }

    #[test]
    fn everyone_alike_still_has_an_interval() {
        let mut scores = Scores::default();
        scores.0[9] = 40;
        let s = Summary::of(&scores).expect("n>0");
        assert!(close(s.nps, 100.0) && s.se > 0.0);
        assert!(close(s.ci.high, 100.0) && s.ci.low < 95.0, "{:?}", s.ci);
        // Two detractors: −100, but nowhere near certain.
        let s = Summary::of(&Scores::from_answers([0, 3])).expect("n>0");
        assert!(close(s.nps, -100.0) && close(s.detractors, 1.0));
        assert!(close(s.ci.low, -100.0), "{:?}", s.ci);
        assert!(s.ci.high > 0.0, "no zero-width interval: {:?}", s.ci);
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
        // 10 promoters: adjusted NPS 76.9, se 15.0; 76.9 + 29.4 > 100.
        let s = Summary::of(&Scores::from_answers([10; 10])).expect("n>0");
        assert!(close(s.ci.high, 100.0));
        assert!(s.ci.low > 40.0 && s.ci.low < 60.0, "{:?}", s.ci);
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
        // n = 1000 each; 30/20 → 40/20: +10 points. se ≈ 2.21 and 2.36, combined ≈ 3.24,
        // threshold ≈ 6.35: significant.
        let c = Change::between(&wave(300, 200), &wave(400, 200));
        assert!(close(c.delta, 10.0) && c.significant);
        // 30/20 → 33/20: +3 points, below the threshold: noise.
        let c = Change::between(&wave(300, 200), &wave(330, 200));
        assert!(close(c.delta, 3.0) && !c.significant);
    }

    #[test]
    fn no_change_is_significant_on_too_few_answers() {
        // One answer each, 0 then 10: +200 points, and no evidence at all.
        let (a, b) = (
            Summary::of(&Scores::from_answers([0])).expect("n>0"),
            Summary::of(&Scores::from_answers([10])).expect("n>0"),
        );
        let c = Change::between(&a, &b);
        assert!(close(c.delta, 200.0) && !c.significant);
        // Everyone alike in both waves, enough answers: a real change is still found.
        let mut all_low = Scores::default();
        all_low.0[0] = 40;
        let mut all_high = Scores::default();
        all_high.0[10] = 40;
        let (a, b) = (
            Summary::of(&all_low).expect("n>0"),
            Summary::of(&all_high).expect("n>0"),
        );
        assert!(Change::between(&a, &b).significant);
        // 29 answers is a small sample: never significant.
        let mut small_low = Scores::default();
        small_low.0[0] = 29;
        let mut small_high = Scores::default();
        small_high.0[10] = 29;
        let (a, b) = (
            Summary::of(&small_low).expect("n>0"),
            Summary::of(&small_high).expect("n>0"),
        );
        assert!(!Change::between(&a, &b).significant);
    }
}
