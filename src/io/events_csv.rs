//! CRM event logs from CSV — which customer did what, when — counted into a customer-flow
//! wave ([`FlowWave`]).
//!
//! Columns, in any order, headers in English or Japanese: customer (`customer`, `顧客ID`),
//! step (`step`, `ステップ`), date (`date`, `日付`). A step is matched like the survey
//! import's (its id, or its title after NFKC normalisation); a date is `2026-03-01`,
//! `2026-03-01T10:00` (or with a space), or `2026/3/1` (with or without a time). Encodings,
//! separators, all-or-nothing and line numbers exactly as the survey import, whose decoding
//! and row reading this shares (`super::survey_csv`).
//!
//! The rules:
//! - each customer's events are ordered by date (ties keep file order); consecutive events
//!   at the same step count once for flow;
//! - a move's customers = distinct customers who made it at least once;
//! - a step's customers = distinct customers with an event there; ended here = customers
//!   whose last event is there;
//! - buyers = customers with at least one event at a purchase step, repeaters = with at
//!   least two (every event counts, repeats included); the repeat rate is their ratio;
//! - per phase, the same over the steps the phase holds (kept with the counts): customers
//!   with an event at one of them, buyers and repeaters over its purchase steps.
//!
//! Work and memory are linear in the events: 24 bytes an event, the file held once (as its
//! text; a file that is not UTF-8 is checked as bytes, then decoded from the disk).

use super::survey_csv::{
    Column, ImportError, Problems, RowError, Rows, StepIndex, cell_text, decode, normalize,
    quoted_cell, read_text, trim_bytes,
};
use crate::model::{FlowWave, Journey, Move, PhaseFlow, StepFlow, StepId};
use std::collections::HashMap;
use std::path::Path;

/// Reads and counts an event log into a wave called `wave`.
pub fn read(path: &Path, journey: &Journey, wave: &str) -> Result<FlowWave, ImportError> {
    let name = wave_name(wave)?;
    let (text, _encoding) = read_text(path)?;
    parse_text(text.as_bytes(), journey, name)
}

/// One event: its customer, its time in minutes, its place in the file, its step (an index
/// into the journey's steps).
#[derive(Clone, Copy)]
struct Event {
    customer: u32,
    minute: i64,
    seq: u32,
    step: u32,
}

/// Counts event-log bytes into a wave called `wave`.
pub fn parse(bytes: &[u8], journey: &Journey, wave: &str) -> Result<FlowWave, ImportError> {
    let name = wave_name(wave)?;
    let (text, _encoding) = decode(bytes)?;
    parse_text(text.as_bytes(), journey, name)
}

/// The wave's name, trimmed; checked before any file is read.
fn wave_name(wave: &str) -> Result<&str, ImportError> {
    let name = wave.trim();
    if name.chars().any(char::is_control) {
        return Err(ImportError::WaveNameControl(quoted_cell(name)));
    }
    if name.is_empty() {
        return Err(ImportError::NoWave);
    }
    Ok(name)
}

/// Counts decoded event-log text into a wave called `name`.
fn parse_text(text: &[u8], journey: &Journey, name: &str) -> Result<FlowWave, ImportError> {
    let mut rows = Rows::open(text)?;
    let columns = columns(&rows.header)?;
    let steps = StepIndex::new(journey);
    let index_of: HashMap<StepId, u32> = journey
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut customers: HashMap<Box<[u8]>, u32> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    let (mut first, mut last): (Option<jiff::civil::Date>, Option<jiff::civil::Date>) =
        (None, None);
    let mut problems = Problems::default();
    rows.each(&mut problems, |line, record, problems| {
        let customer = trim_bytes(&record[columns.customer]);
        if customer.is_empty() {
            problems.push(line, RowError::MissingCustomer);
            return;
        }
        let step = match steps.find(&record[columns.step]) {
            Ok(Some(id)) => index_of.get(&id).copied().unwrap_or(u32::MAX),
            Ok(None) => {
                let cell = cell_text(trim_bytes(&record[columns.step]));
                problems.push(line, RowError::UnknownStep(quoted_cell(&cell)));
                return;
            }
            Err(e) => {
                problems.push(line, e);
                return;
            }
        };
        let date_cell = cell_text(trim_bytes(&record[columns.date]));
        let Some((day, minute)) = parse_date(&date_cell) else {
            problems.push(line, RowError::BadDate(quoted_cell(&date_cell)));
            return;
        };
        first = Some(first.map_or(day, |f| f.min(day)));
        last = Some(last.map_or(day, |l| l.max(day)));
        let next = u32::try_from(customers.len()).unwrap_or(u32::MAX);
        let customer = *customers.entry(customer.into()).or_insert(next);
        let seq = u32::try_from(events.len()).unwrap_or(u32::MAX);
        events.push(Event {
            customer,
            minute,
            seq,
            step,
        });
    });
    if problems.total > 0 {
        return Err(problems.into_error());
    }
    if events.is_empty() {
        return Err(ImportError::NoAnswers);
    }
    drop(customers);
    let mut wave = count(journey, &mut events);
    name.clone_into(&mut wave.name);
    wave.from = first.map(|d| d.to_string()).unwrap_or_default();
    wave.to = last.map(|d| d.to_string()).unwrap_or_default();
    Ok(wave)
}

/// Where the three columns are.
struct Columns {
    customer: usize,
    step: usize,
    date: usize,
}

/// Finds the customer, step and date columns by their headers; every one is needed, once.
fn columns(header: &csv::ByteRecord) -> Result<Columns, ImportError> {
    let mut found: [Vec<(usize, String)>; 3] = Default::default();
    for (i, cell) in header.iter().enumerate() {
        let text = cell_text(cell);
        let key = normalize(text.trim_start_matches('\u{feff}'));
        let slot = match key.as_str() {
            "customer" | "customer_id" | "customer id" | "顧客id" | "顧客" | "会員id" => 0,
            "step" | "step_id" | "ステップ" | "タッチポイント" => 1,
            "date" | "datetime" | "日付" | "日時" => 2,
            _ => continue,
        };
        found[slot].push((i + 1, text.into_owned()));
    }
    let kinds = [Column::Customer, Column::Step, Column::Date];
    for (slot, column) in kinds.into_iter().enumerate() {
        if found[slot].len() > 1 {
            return Err(ImportError::DuplicateColumns {
                column,
                headers: found[slot].clone(),
            });
        }
    }
    let missing: Vec<Column> = kinds
        .into_iter()
        .enumerate()
        .filter(|(slot, _)| found[*slot].is_empty())
        .map(|(_, c)| c)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    Ok(Columns {
        customer: found[0][0].0 - 1,
        step: found[1][0].0 - 1,
        date: found[2][0].0 - 1,
    })
}

/// A date (`2026-03-01`, `2026/3/1`) with an optional time (`T10:00`, ` 10:00:30`): its day
/// and its minute since 1970-01-01; `None` if it is not a calendar date and time.
fn parse_date(text: &str) -> Option<(jiff::civil::Date, i64)> {
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    let mut parts = date.split(['-', '/']);
    let number = |s: Option<&str>| s.and_then(|s| s.trim().parse::<i64>().ok());
    let (year, month, day) = (
        number(parts.next())?,
        number(parts.next())?,
        number(parts.next())?,
    );
    if parts.next().is_some() {
        return None;
    }
    let civil = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let minutes_in_day = match time.filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => {
            let mut hm = t.split(':');
            let (h, m) = (number(hm.next())?, number(hm.next())?);
            let seconds = hm.next();
            if hm.next().is_some()
                || !(0..24).contains(&h)
                || !(0..60).contains(&m)
                || seconds.is_some_and(|s| {
                    !s.trim()
                        .parse::<f64>()
                        .is_ok_and(|s| (0.0..61.0).contains(&s))
                })
            {
                return None;
            }
            h * 60 + m
        }
    };
    let days = i64::from(civil.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days());
    Some((civil, days * 1440 + minutes_in_day))
}

/// The counts of the events, by the rules of the module.
fn count(journey: &Journey, events: &mut [Event]) -> FlowWave {
    events.sort_unstable_by_key(|e| (e.customer, e.minute, e.seq));
    let n = journey.steps.len();
    let purchase: Vec<bool> = journey.steps.iter().map(|s| s.purchase).collect();
    let mut seen = vec![0_u64; n];
    let mut ended = vec![0_u64; n];
    // The last customer (plus one) counted at each step / on each move, so each counts once.
    let mut counted_at = vec![0_u32; n];
    let mut moves: HashMap<(u32, u32), (u64, u32)> = HashMap::new();
    let (mut customers, mut buyers, mut repeaters) = (0_u64, 0_u64, 0_u64);
    let phase_of: Vec<Option<usize>> = journey.phase_of_each_step();
    let mut phases = vec![PhaseTally::default(); journey.phases.len()];
    // The phases this customer was seen in and their purchases there, and per phase the
    // last customer (plus one) seen in it with its place in `touched`.
    let mut touched: Vec<(usize, u32)> = Vec::new();
    let mut phase_seen: Vec<(u32, usize)> = vec![(0, 0); journey.phases.len()];
    let valid = |step: u32| (step as usize) < n;
    for mine in events.chunk_by(|a, b| a.customer == b.customer) {
        let who = mine[0].customer + 1;
        customers += 1;
        let mut previous: Option<u32> = None;
        let mut purchases = 0_u32;
        for e in mine.iter().filter(|e| valid(e.step)) {
            let s = e.step as usize;
            if purchase[s] {
                purchases = purchases.saturating_add(1);
            }
            if let Some(p) = phase_of[s] {
                let bought = u32::from(purchase[s]);
                let (seen_by, at) = &mut phase_seen[p];
                if *seen_by == who {
                    touched[*at].1 = touched[*at].1.saturating_add(bought);
                } else {
                    (*seen_by, *at) = (who, touched.len());
                    touched.push((p, bought));
                }
            }
            if counted_at[s] != who {
                counted_at[s] = who;
                seen[s] += 1;
            }
            if let Some(p) = previous
                && p != e.step
            {
                let entry = moves.entry((p, e.step)).or_insert((0, 0));
                if entry.1 != who {
                    entry.1 = who;
                    entry.0 += 1;
                }
            }
            previous = Some(e.step);
        }
        if let Some(p) = previous {
            ended[p as usize] += 1;
        }
        buyers += u64::from(purchases >= 1);
        repeaters += u64::from(purchases >= 2);
        for (p, bought) in touched.drain(..) {
            phases[p].add(bought);
        }
    }
    let id = |i: u32| journey.steps[i as usize].id;
    // Each phase's steps with events, by id: what its counts depend on.
    let mut counted_over: Vec<Vec<StepId>> = vec![Vec::new(); journey.phases.len()];
    for (i, phase) in phase_of.iter().enumerate() {
        if let Some(p) = *phase
            && seen[i] > 0
        {
            counted_over[p].push(journey.steps[i].id);
        }
    }
    let steps = (0..n)
        .filter(|&i| seen[i] > 0)
        .map(|i| {
            (
                journey.steps[i].id,
                StepFlow {
                    customers: seen[i],
                    ended: ended[i],
                },
            )
        })
        .collect();
    let mut moves: Vec<Move> = moves
        .into_iter()
        .map(|((from, to), (customers, _))| Move {
            from: id(from),
            to: id(to),
            customers,
        })
        .collect();
    moves.sort_unstable_by_key(|m| (m.from, m.to));
    let phases = journey
        .phases
        .iter()
        .zip(phases)
        .zip(counted_over)
        .map(|((phase, t), mut steps)| {
            steps.sort_unstable();
            let counted = PhaseFlow {
                customers: t.customers,
                buyers: t.buyers,
                repeaters: t.repeaters,
                steps,
            };
            (phase.id, counted)
        })
        .collect();
    FlowWave {
        customers,
        buyers,
        repeaters,
        steps,
        moves,
        phases,
        ..FlowWave::default()
    }
}

/// One phase's counts as customers are counted.
#[derive(Clone, Copy, Default)]
struct PhaseTally {
    customers: u64,
    buyers: u64,
    repeaters: u64,
}

impl PhaseTally {
    /// Counts a customer seen in the phase who made `bought` events at its purchase steps.
    fn add(&mut self, bought: u32) {
        self.customers += 1;
        self.buyers += u64::from(bought >= 1);
        self.repeaters += u64::from(bought >= 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, LevelId, Step, StepKind};

    /// Start s1 → A s2 → B s3 (purchase) → goal s4, all on one level.
    fn journey() -> Journey {
        let mut j = Journey::blank("t");
        j.levels = vec![Level {
            id: LevelId(1),
            label: "l".into(),
            description: String::new(),
        }];
        j.steps = vec![
            Step::new(StepId(10), "始まり", 0.0, LevelId(1)).with_kind(StepKind::Start),
            Step::new(StepId(11), "A", 1.0, LevelId(1)),
            Step {
                purchase: true,
                ..Step::new(StepId(12), "購入", 2.0, LevelId(1))
            },
            Step::new(StepId(13), "ゴール", 3.0, LevelId(1)).with_kind(StepKind::Goal),
        ];
        j.next_id = 20;
        j
    }

    fn run(csv: &str) -> FlowWave {
        parse(csv.as_bytes(), &journey(), "w").expect("imports")
    }

    #[test]
    fn events_are_ordered_by_date_with_ties_in_file_order_and_repeats_count_once_for_flow() {
        // c1: A, A (again, same step), 購入 — written out of date order.
        // c2: A then 購入 on the same day (a tie: file order), then 購入 again (a repeat).
        // c3: one event.
        let w = run("customer,step,date\n\
                     c1,購入,2026-03-05\n\
                     c1,A,2026-03-01\n\
                     c1,A,2026/3/2\n\
                     c2,A,2026-03-03T09:00\n\
                     c2,購入,2026-03-03 09:00\n\
                     c2,購入,2026-04-01\n\
                     c3,s11,2026-03-10\n");
        assert_eq!(w.customers, 3);
        assert_eq!(
            w.steps[&StepId(11)],
            StepFlow {
                customers: 3,
                ended: 1
            }
        );
        assert_eq!(
            w.steps[&StepId(12)],
            StepFlow {
                customers: 2,
                ended: 2
            }
        );
        assert_eq!(w.moved(StepId(11), StepId(12)), 2, "c1 and c2, each once");
        assert_eq!(w.moved(StepId(12), StepId(12)), 0, "a repeat is no move");
        assert_eq!(w.moves.len(), 1);
        assert_eq!((w.buyers, w.repeaters), (2, 1));
        assert_eq!(w.repeat_rate(), Some(50.0));
        assert_eq!(
            (w.from.as_str(), w.to.as_str()),
            ("2026-03-01", "2026-04-01")
        );
    }

    #[test]
    fn a_phase_counts_its_customers_once_and_its_repeat_rate_over_its_own_purchases() {
        use crate::model::{PhaseCount, PhaseId, Rgb};
        let mut j = journey();
        let phase = |id, start, end| crate::model::Phase {
            id: PhaseId(id),
            name: format!("p{id}"),
            colour: Rgb([0, 0, 0]),
            start,
            end,
        };
        // 始まり and A in the first phase; 購入 and ゴール in the second; nothing in the third.
        j.phases = vec![phase(1, 0.0, 1.5), phase(2, 1.5, 4.0), phase(3, 4.0, 5.0)];
        // c1: A twice, then two purchases; c2: start, A, one purchase; c3: A only.
        let w = parse(
            "customer,step,date\n\
             c1,A,2026-03-01\nc1,A,2026-03-02\nc1,購入,2026-03-03\nc1,購入,2026-03-04\n\
             c2,始まり,2026-03-01\nc2,A,2026-03-02\nc2,購入,2026-03-03\n\
             c3,A,2026-03-01\n"
                .as_bytes(),
            &j,
            "w",
        )
        .expect("imports");
        let by_phase = j.steps_by_phase();
        let PhaseCount::Counted(first) = w.phase(PhaseId(1), &by_phase[0]) else {
            panic!("{:?}", w.phases);
        };
        assert_eq!((first.customers, first.buyers, first.repeaters), (3, 0, 0));
        assert_eq!(first.repeat_rate(), None, "no purchase step there");
        let PhaseCount::Counted(second) = w.phase(PhaseId(2), &by_phase[1]) else {
            panic!("{:?}", w.phases);
        };
        assert_eq!(
            (second.customers, second.buyers, second.repeaters),
            (2, 2, 1)
        );
        assert_eq!(second.repeat_rate(), Some(50.0));
        assert_eq!(
            second.steps,
            [StepId(12)],
            "the steps with events: not ゴール"
        );
        assert!(matches!(
            w.phase(PhaseId(3), &by_phase[2]),
            PhaseCount::Counted(p) if p.customers == 0
        ));
        assert_eq!(w.phase(PhaseId(9), &[]), PhaseCount::Absent);
        // A new step without events changes nothing; 購入 moving into the first phase
        // does: neither phase's counts describe it any more.
        j.steps
            .push(Step::new(StepId(14), "新しい", 3.5, LevelId(1)));
        let added = j.steps_by_phase();
        assert!(matches!(
            w.phase(PhaseId(2), &added[1]),
            PhaseCount::Counted(_)
        ));
        j.steps[2].t = 1.0;
        let moved = j.steps_by_phase();
        assert_eq!(w.phase(PhaseId(1), &moved[0]), PhaseCount::Changed);
        assert_eq!(w.phase(PhaseId(2), &moved[1]), PhaseCount::Changed);
    }

    #[test]
    fn a_move_between_unlinked_steps_is_kept_and_going_back_is_a_move_too() {
        let w = run(
            "顧客ID,ステップ,日付\nc1,始まり,2026-01-01\nc1,購入,2026-01-02\nc1,A,2026-01-03\n",
        );
        assert_eq!(w.moved(StepId(10), StepId(12)), 1, "off the map: no link");
        assert_eq!(w.moved(StepId(12), StepId(11)), 1);
        assert_eq!(w.steps[&StepId(11)].ended, 1);
    }

    #[test]
    fn bad_rows_are_all_listed_with_their_lines_and_nothing_is_counted() {
        let err = parse(
            "customer,step,date\r\nc1,A,2026-02-30\r\n,A,2026-01-01\r\nc1,Z,2026-01-01\r\nc1,A,2026-01-01T25:00\r\n"
                .as_bytes(),
            &journey(),
            "w",
        )
        .expect_err("refused");
        let ImportError::Rows { problems, total } = err else {
            panic!("{err:?}");
        };
        assert_eq!(total, 4);
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(matches!(problems[0].error, RowError::BadDate(_)));
        assert!(matches!(problems[1].error, RowError::MissingCustomer));
        assert!(matches!(problems[2].error, RowError::UnknownStep(_)));
    }

    #[test]
    fn the_three_columns_are_needed_and_found_in_either_language() {
        let err = parse("customer,date\nc1,2026-01-01\n".as_bytes(), &journey(), "w");
        assert!(matches!(err, Err(ImportError::MissingColumns(ref m)) if m == &[Column::Step]));
        let ok = parse(
            "日付;ステップ;顧客ID\n2026-01-01;A;c1\n".as_bytes(),
            &journey(),
            "w",
        );
        assert_eq!(ok.expect("semicolons, any order").customers, 1);
    }
}
