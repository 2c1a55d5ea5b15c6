//! The KPI lane's figures: per phase, the customers and the repeat rate of a customer-flow
//! wave beside the NPS of a survey wave, each with its change since the wave before it —
//! the two KPIs of the method, read phase by phase.
//!
//! Customers and repeat rates come from the counts each flow wave keeps per phase (a
//! customer seen at two steps of a phase counts once); a phase whose steps have changed
//! since the log was counted shows no figure but asks for the log again
//! ([`Figure::Recount`]), so the lane never shows one phase's numbers under another. NPS is
//! made from the answers given at the phase's steps today (pooled: every answer counts
//! once); its change is marked significant or not by [`crate::nps::Change`].

use crate::model::{FlowWave, Journey, PhaseCount, PhaseId, Scores, StepId, Wave};
use crate::nps::{Change, Summary};

/// One figure of one phase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// A value and its change since the wave before, if that wave had one.
    Value {
        /// Customers, a rate in per cent, or NPS points.
        now: f64,
        /// Now minus the previous wave's value (per-cent points for the repeat rate).
        change: Option<f64>,
        /// Whether the change is more than noise (counts always are; an NPS change must be
        /// significant).
        significant: bool,
    },
    /// Nothing to show: no wave, no buyers, no answers there.
    Nothing,
    /// The phase's steps changed since the log was counted (or it was counted before
    /// phases were): import the log again.
    Recount,
}

/// The three figures of one phase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PhaseKpi {
    /// The phase.
    pub phase: PhaseId,
    /// Distinct customers with an event at one of its steps.
    pub customers: Figure,
    /// Customers with two or more purchases at its steps over those with one or more, %.
    pub repeat_rate: Figure,
    /// NPS of the answers given at its steps.
    pub nps: Figure,
}

/// The lane's figures, and the waves they come from (the lane names them).
#[derive(Clone, Debug, PartialEq)]
pub struct Kpis<'a> {
    /// The flow wave shown (the latest), and the one before it.
    pub flow: Option<&'a FlowWave>,
    /// The flow wave the changes are measured from.
    pub previous_flow: Option<&'a FlowWave>,
    /// The survey wave shown, and the one before it.
    pub survey: Option<&'a Wave>,
    /// The survey wave NPS changes are measured from.
    pub previous_survey: Option<&'a Wave>,
    /// Per phase, in `Journey::phases` order.
    pub phases: Vec<PhaseKpi>,
}

impl<'a> Kpis<'a> {
    /// The figures of `journey`'s latest flow wave and of its survey wave called `survey`
    /// (the latest when `None` or unknown), each against the wave before it in its list.
    #[must_use]
    pub fn of(journey: &'a Journey, survey: Option<&str>) -> Self {
        let before = |i: usize| i.checked_sub(1);
        let flow_at = journey.flows.len().checked_sub(1);
        let flow = flow_at.map(|i| &journey.flows[i]);
        let previous_flow = flow_at.and_then(before).map(|i| &journey.flows[i]);
        let waves = &journey.surveys.waves;
        let survey_at = survey
            .and_then(|n| journey.surveys.wave_index(n))
            .or(waves.len().checked_sub(1));
        let survey = survey_at.map(|i| &waves[i]);
        let previous_survey = survey_at.and_then(before).map(|i| &waves[i]);
        let steps = journey.steps_by_phase();
        let phases = journey
            .phases
            .iter()
            .zip(&steps)
            .map(|(phase, steps)| PhaseKpi {
                phase: phase.id,
                customers: flow_figure(flow, previous_flow, phase.id, steps, |p| {
                    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
                    Some(p.customers as f64)
                }),
                repeat_rate: flow_figure(
                    flow,
                    previous_flow,
                    phase.id,
                    steps,
                    crate::model::PhaseFlow::repeat_rate,
                ),
                nps: nps_figure(survey, previous_survey, steps),
            })
            .collect();
        Self {
            flow,
            previous_flow,
            survey,
            previous_survey,
            phases,
        }
    }
}

/// A figure `value` takes from a phase's flow counts, with its change since `previous`.
fn flow_figure(
    flow: Option<&FlowWave>,
    previous: Option<&FlowWave>,
    phase: PhaseId,
    steps: &[StepId],
    value: impl Fn(&crate::model::PhaseFlow) -> Option<f64>,
) -> Figure {
    let Some(flow) = flow else {
        return Figure::Nothing;
    };
    let counted = match flow.phase(phase, steps) {
        PhaseCount::Counted(p) => p,
        PhaseCount::Changed | PhaseCount::Absent => return Figure::Recount,
    };
    let Some(now) = value(counted) else {
        return Figure::Nothing;
    };
    let change = previous
        .and_then(|w| match w.phase(phase, steps) {
            PhaseCount::Counted(p) => value(p),
            PhaseCount::Changed | PhaseCount::Absent => None,
        })
        .map(|before| now - before);
    Figure::Value {
        now,
        change,
        significant: true,
    }
}

/// The answers given at `steps` in `wave`, pooled.
fn pooled(wave: &Wave, steps: &[StepId]) -> Scores {
    let mut all = Scores::default();
    for scores in steps.iter().filter_map(|s| wave.steps.get(s)) {
        for (total, &n) in all.0.iter_mut().zip(&scores.0) {
            *total = total.saturating_add(n);
        }
    }
    all
}

/// The NPS of the answers at a phase's steps, with its change since `previous`.
fn nps_figure(survey: Option<&Wave>, previous: Option<&Wave>, steps: &[StepId]) -> Figure {
    let Some(now) = survey.and_then(|w| Summary::of(&pooled(w, steps))) else {
        return Figure::Nothing;
    };
    let change = previous
        .and_then(|w| Summary::of(&pooled(w, steps)))
        .map(|before| Change::between(&before, &now));
    Figure::Value {
        now: now.nps,
        change: change.map(|c| c.delta),
        significant: change.is_some_and(|c| c.significant),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, LevelId, Phase, PhaseFlow, Rgb, Step, StepFlow};

    /// Two phases: s1, s2 in the first (0–2), s3 in the second (2–4).
    fn journey() -> Journey {
        let mut j = Journey::blank("t");
        j.levels = vec![Level {
            id: LevelId(1),
            label: "l".into(),
            description: String::new(),
        }];
        j.phases = [(5, 0.0, 2.0), (6, 2.0, 4.0)]
            .map(|(id, start, end)| Phase {
                id: PhaseId(id),
                name: format!("p{id}"),
                colour: Rgb([0, 0, 0]),
                start,
                end,
            })
            .to_vec();
        j.steps = [(1, 1.0), (2, 1.5), (3, 3.0)]
            .map(|(i, t)| Step::new(StepId(i), "s", t, LevelId(1)))
            .to_vec();
        j
    }

    /// A wave counting `(customers, buyers, repeaters)` in the first phase over s1 and s2.
    fn wave(name: &str, counts: (u64, u64, u64)) -> FlowWave {
        let (customers, buyers, repeaters) = counts;
        FlowWave {
            name: name.into(),
            customers,
            steps: [
                (StepId(1), StepFlow::default()),
                (StepId(2), StepFlow::default()),
            ]
            .map(|(s, f)| (s, StepFlow { customers: 1, ..f }))
            .into(),
            phases: [(
                PhaseId(5),
                PhaseFlow {
                    customers,
                    buyers,
                    repeaters,
                    steps: vec![StepId(1), StepId(2)],
                },
            )]
            .into(),
            ..FlowWave::default()
        }
    }

    #[test]
    fn a_phases_customers_and_repeat_rate_change_since_the_wave_before() {
        let mut j = journey();
        j.flows = vec![wave("a", (100, 40, 10)), wave("b", (120, 50, 20))];
        let k = Kpis::of(&j, None);
        assert_eq!(k.flow.map(|w| w.name.as_str()), Some("b"));
        assert_eq!(k.previous_flow.map(|w| w.name.as_str()), Some("a"));
        let first = k.phases[0];
        assert_eq!(
            first.customers,
            Figure::Value {
                now: 120.0,
                change: Some(20.0),
                significant: true
            }
        );
        let Figure::Value { now, change, .. } = first.repeat_rate else {
            panic!("{:?}", first.repeat_rate);
        };
        assert!((now - 40.0).abs() < 1e-9 && change.is_some_and(|c| (c - 15.0).abs() < 1e-9));
        // The second phase was not counted by these waves: the log must be imported again.
        assert_eq!(k.phases[1].customers, Figure::Recount);
        assert_eq!(k.phases[1].nps, Figure::Nothing, "no survey");
    }

    #[test]
    fn a_phase_whose_steps_moved_asks_for_a_recount_instead_of_showing_another_phase() {
        let mut j = journey();
        j.flows = vec![wave("a", (100, 40, 10))];
        j.steps[1].t = 3.0; // s2 goes to the second phase
        let k = Kpis::of(&j, None);
        assert_eq!(k.phases[0].customers, Figure::Recount);
        assert_eq!(k.phases[0].repeat_rate, Figure::Recount);
    }

    #[test]
    fn nps_pools_the_answers_at_the_phases_steps_and_marks_noise() {
        let mut j = journey();
        let scores = |promoters: u32, detractors: u32| {
            let mut s = Scores::default();
            s.0[10] = promoters;
            s.0[0] = detractors;
            s
        };
        let mut spring = Wave::named("春");
        spring.steps.insert(StepId(1), scores(30, 30));
        spring.steps.insert(StepId(3), scores(1, 0));
        let mut autumn = Wave::named("秋");
        autumn.steps.insert(StepId(1), scores(40, 10));
        autumn.steps.insert(StepId(2), scores(10, 0));
        autumn.steps.insert(StepId(3), scores(1, 1));
        j.surveys.waves = vec![spring, autumn];
        let k = Kpis::of(&j, None);
        // 50 promoters and 10 detractors of 60 answers: +66.7, from 0 in spring.
        let Figure::Value {
            now,
            change,
            significant,
        } = k.phases[0].nps
        else {
            panic!("{:?}", k.phases[0].nps);
        };
        assert!((now - 200.0 / 3.0).abs() < 1e-9);
        assert!(change.is_some_and(|c| (c - 200.0 / 3.0).abs() < 1e-9) && significant);
        // One answer then two: a change, but noise.
        assert!(matches!(
            k.phases[1].nps,
            Figure::Value {
                change: Some(_),
                significant: false,
                ..
            }
        ));
        // The spring wave chosen: no wave before it.
        let spring = Kpis::of(&j, Some("春"));
        assert!(matches!(
            spring.phases[0].nps,
            Figure::Value { now, change: None, .. } if now.abs() < 1e-9
        ));
    }
}
