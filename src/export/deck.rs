//! A deck: the journey as several slides, for a journey too large for one readable slide and
//! for a board that walks through it phase by phase.
//!
//! - **The overview** comes first: the whole journey when it is readable on one slide (its
//!   smallest text at least [`OVERVIEW_FLOOR`] points on the 1920×1080 page); otherwise a
//!   summary drawn by the same painter: one card per phase × level holding how many steps
//!   are there, the start and goal cards themselves, and one connector per pair of cells
//!   labelled with how many links it stands for, so the staircase and its descending
//!   branches stay visible instead of a page of empty boxes.
//! - **Then one slide per phase** (or per stretch of time when the journey has no phases),
//!   with every card as tall as its whole title: every step's words are whole somewhere in
//!   the deck. A phase too busy to be readable on one slide is split in time into parts
//!   ("認知・興味 (2/3)") until each part is.
//!
//! Every slide is an ordinary journey (a part of this one, or its summary), so it is laid out,
//! painted and written exactly like a single slide.

use super::{Composer, ExportError, Format, Request, pdf, placement, save_with};
use crate::i18n::{Lang, say};
use crate::model::{Journey, Link, Phase, Rgb, Step, StepId, StepKind};
use std::collections::BTreeMap;
use std::path::Path;

/// The smallest text a phase slide may have, in points of the 1920×1080 page (14 px at
/// 1080p): every step title is whole, at this size or larger, somewhere in the deck.
pub const TEXT_FLOOR: f32 = 14.0;

/// The smallest text the overview may have to show the journey itself rather than its
/// summary: it is there for the shape of the staircase, and its words are all on the phase
/// slides at [`TEXT_FLOOR`]. (teinei, routed clear of its cards, is 13.1 at 1080p: a
/// summary of its 17 steps would hide more than a point and a half of text size.)
pub const OVERVIEW_FLOOR: f32 = 12.0;

/// Fewest steps of a part worth splitting further: a slide of a handful of cards is as large
/// as the page makes it (its levels, not its width, bound it).
const MIN_PART: usize = 6;

/// Steps per stretch of time when a journey has no phases.
const STRETCH: usize = 12;

/// One slide of a deck.
#[derive(Clone, Debug)]
pub struct Slide {
    /// What the slide shows ("全体像", a phase's name, "認知・興味 (2/3)"), for file names.
    pub name: String,
    /// The journey the slide draws: the whole one, its summary, or a part of it.
    pub journey: Journey,
    /// Cards as tall as their whole titles (the phase slides).
    pub whole_titles: bool,
}

impl Slide {
    /// The request this slide is drawn with, from the deck's: the phase slides with cards as
    /// tall as their whole titles; the overview without the initiative lanes (it shows the
    /// staircase; the lanes of each phase are on its slide, at a readable size).
    #[must_use]
    pub fn request<'a>(&self, deck: &Request<'a>) -> Request<'a> {
        let mut request = Request {
            whole_titles: self.whole_titles,
            ..deck.clone()
        };
        request.layers.initiatives &= self.whole_titles;
        request
    }
}

/// Whether `journey` drawn for `request` keeps every text at or above `floor` points (of
/// the 1920×1080 page).
///
/// # Errors
/// When the request itself cannot be laid out (a bad size).
pub fn readable(
    journey: &Journey,
    request: &Request<'_>,
    whole_titles: bool,
    floor: f32,
) -> Result<bool, ExportError> {
    let request = Request {
        whole_titles,
        ..request.clone()
    };
    let p = placement(journey, &request)?;
    Ok(p.smallest_text_px() / p.ppp >= floor)
}

/// A stretch of the time axis: a phase, or steps close in time.
struct Section {
    name: String,
    /// The phase drawn for it (its own, or a neutral one over its steps).
    phase: Phase,
    /// Indices into `Journey::steps`, by time.
    steps: Vec<usize>,
}

/// Indices of the steps by time (ties by id).
fn by_time(journey: &Journey) -> Vec<usize> {
    let mut order: Vec<usize> = (0..journey.steps.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&journey.steps[a], &journey.steps[b]);
        crate::layout::drawn_t(sa.t)
            .total_cmp(&crate::layout::drawn_t(sb.t))
            .then(sa.id.cmp(&sb.id))
    });
    order
}

/// The phase a part of the journey is drawn with: `name` over the time its steps span.
fn neutral_phase(journey: &Journey, name: String, steps: &[usize]) -> Phase {
    let ts = steps
        .iter()
        .map(|&i| crate::layout::drawn_t(journey.steps[i].t));
    let (lo, hi) = ts.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), t| {
        (lo.min(t), hi.max(t))
    });
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 1.0) };
    Phase {
        id: crate::model::PhaseId(journey.next_id),
        name,
        colour: Rgb([0x8a, 0x94, 0xa6]),
        start: lo - 0.5,
        end: hi + 0.5,
    }
}

/// The journey's sections: its phases (a step belongs to the first phase, by time, that ends
/// after it, or the last), or stretches of [`STRETCH`] steps when it has none.
fn sections(journey: &Journey, lang: Lang) -> Vec<Section> {
    let order = by_time(journey);
    if journey.phases.is_empty() {
        let count = order.len().div_ceil(STRETCH).max(1);
        return order
            .chunks(STRETCH)
            .enumerate()
            .map(|(i, steps)| {
                let n = i + 1;
                let name = say!(lang, "区間 {n}/{count}", "Stretch {n}/{count}");
                Section {
                    phase: neutral_phase(journey, name.clone(), steps),
                    name,
                    steps: steps.to_vec(),
                }
            })
            .collect();
    }
    let mut phases: Vec<&Phase> = journey.phases.iter().collect();
    phases.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut sections: Vec<Section> = phases
        .iter()
        .map(|p| Section {
            name: p.name.clone(),
            phase: (*p).clone(),
            steps: Vec::new(),
        })
        .collect();
    for i in order {
        let t = crate::layout::drawn_t(journey.steps[i].t);
        let at = phases
            .iter()
            .position(|p| t < p.end)
            .unwrap_or(phases.len() - 1);
        sections[at].steps.push(i);
    }
    sections
}

/// `journey` without its steps, links and phases: the title, persona, brand, statements and
/// levels every slide keeps, and the survey waves cut to the steps in `ids`.
fn frame(journey: &Journey, ids: &std::collections::BTreeSet<StepId>) -> Journey {
    let mut surveys = crate::model::Surveys {
        benchmark: journey.surveys.benchmark,
        waves: Vec::with_capacity(journey.surveys.waves.len()),
    };
    for wave in &journey.surveys.waves {
        surveys.waves.push(crate::model::Wave {
            name: wave.name.clone(),
            date: wave.date.clone(),
            overall: wave.overall,
            steps: wave
                .steps
                .iter()
                .filter(|(id, _)| ids.contains(id))
                .map(|(id, scores)| (*id, *scores))
                .collect(),
        });
    }
    Journey {
        title: journey.title.clone(),
        persona: journey.persona.clone(),
        brand: journey.brand.clone(),
        start_statement: journey.start_statement.clone(),
        goal_statement: journey.goal_statement.clone(),
        phases: Vec::new(),
        levels: journey.levels.clone(),
        steps: Vec::new(),
        links: Vec::new(),
        surveys,
        departments: journey.departments.clone(),
        votes: Vec::new(),
        flows: Vec::new(),
        next_id: journey.next_id,
    }
}

/// The part of `journey` made of `steps` (indices), drawn with `phase` and titled `title`:
/// the links between those steps, every level, the survey waves.
fn part(journey: &Journey, steps: &[usize], phase: Phase, title: String) -> Journey {
    let ids: std::collections::BTreeSet<StepId> =
        steps.iter().map(|&i| journey.steps[i].id).collect();
    let mut part = Journey {
        title,
        start_statement: String::new(),
        goal_statement: String::new(),
        phases: vec![phase],
        steps: steps.iter().map(|&i| journey.steps[i].clone()).collect(),
        links: journey
            .links
            .iter()
            .filter(|l| ids.contains(&l.from) && ids.contains(&l.to))
            .cloned()
            .collect(),
        ..frame(journey, &ids)
    };
    // Zoomed on the stairs its steps stand on.
    let levels = steps
        .iter()
        .filter_map(|&i| journey.level_index(journey.steps[i].level));
    if let (Some(lo), Some(hi)) = (levels.clone().min(), levels.max()) {
        part.levels = journey.levels[lo..=hi].to_vec();
    }
    part.normalize();
    part
}

/// The summary of a journey too large to read on one slide: one card per section × level
/// with its number of steps, the start and goal cards themselves, one connector per pair of
/// cards labelled with the links it stands for.
fn summary(journey: &Journey, sections: &[Section], lang: Lang) -> Journey {
    let mut next = journey.next_id + 1;
    // The card each step is drawn in, and each card's steps.
    let mut cell_of: Vec<StepId> = vec![StepId(0); journey.steps.len()];
    let mut cells: BTreeMap<(usize, usize), (StepId, Vec<usize>)> = BTreeMap::new();
    let mut kept = Vec::new();
    for (section, s) in sections.iter().enumerate() {
        for &i in &s.steps {
            let step = &journey.steps[i];
            if step.kind == StepKind::Step {
                let level = journey.level_index(step.level).unwrap_or(0);
                let cell = cells.entry((section, level)).or_insert_with(|| {
                    next += 1;
                    (StepId(next - 1), Vec::new())
                });
                cell.1.push(i);
                cell_of[i] = cell.0;
            } else {
                cell_of[i] = step.id;
                kept.push(Step {
                    initiatives: Vec::new(),
                    emotion: crate::model::Emotion::default(),
                    ..step.clone()
                });
            }
        }
    }
    // Time compressed to ranks: within a section the cards keep the order of their steps'
    // mean time, one unit apart, and each section is as wide as its cards.
    let mean_t = |members: &[usize]| {
        members
            .iter()
            .map(|&i| crate::layout::drawn_t(journey.steps[i].t))
            .sum::<f64>()
            / members.len().max(1) as f64
    };
    let mut steps = Vec::new();
    let mut phases = Vec::with_capacity(sections.len());
    let mut base = 0.0;
    for (section, s) in sections.iter().enumerate() {
        let mut cards: Vec<(f64, Step)> = kept
            .iter()
            .filter(|k| s.steps.iter().any(|&i| journey.steps[i].id == k.id))
            .map(|k| (crate::layout::drawn_t(k.t), k.clone()))
            .collect();
        for ((_, level), (id, members)) in cells.range((section, 0)..(section + 1, 0)) {
            let n = members.len();
            let title = match (lang, n) {
                (Lang::En, 1) => "1 step".to_owned(),
                _ => say!(lang, "{n} ステップ", "{n} steps"),
            };
            let level = journey.levels[*level].id;
            cards.push((mean_t(members), Step::new(*id, title, 0.0, level)));
        }
        cards.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        // One unit apart, three after a card of the same level (the start or goal beside its
        // level's count), so a card never stacks under one of its own level and the line
        // between them has room to run straight.
        let mut t: f64 = base;
        let mut last_of_level: BTreeMap<crate::model::LevelId, f64> = BTreeMap::new();
        for (_, mut step) in cards {
            t = (t + 1.0).max(last_of_level.get(&step.level).map_or(0.0, |&l| l + 3.0));
            last_of_level.insert(step.level, t);
            step.t = t;
            steps.push(step);
        }
        let width = t - base + 1.0;
        phases.push(Phase {
            start: base + 0.5,
            end: base + width + 0.5,
            ..s.phase.clone()
        });
        base += width;
    }
    let t_of: BTreeMap<StepId, f64> = steps.iter().map(|s| (s.id, s.t)).collect();
    let mut counts: BTreeMap<(StepId, StepId), usize> = BTreeMap::new();
    for link in &journey.links {
        let (Some(a), Some(b)) = (journey.step_index(link.from), journey.step_index(link.to))
        else {
            continue;
        };
        let (from, to) = (cell_of[a], cell_of[b]);
        // Links inside a card, or against time between two cards of one phase, are left
        // to the phase's own slide.
        if from != to && t_of[&from] < t_of[&to] {
            *counts.entry((from, to)).or_default() += 1;
        }
    }
    let links = counts
        .into_iter()
        .map(|((from, to), n)| Link {
            label: if n > 1 {
                format!("×{n}")
            } else {
                String::new()
            },
            ..Link::new(from, to)
        })
        .collect();
    let title = &journey.title;
    let mut summary = Journey {
        title: say!(
            lang,
            "{title} — 全体像（フェーズ×レベルごとのステップ数）",
            "{title} — overview (steps per phase and level)"
        ),
        phases,
        steps,
        links,
        next_id: next,
        ..frame(journey, &std::collections::BTreeSet::new())
    };
    summary.normalize();
    summary
}

/// Splits the steps of a section in time until every part is readable (or a handful of steps).
fn readable_parts(
    journey: &Journey,
    section: &Section,
    request: &Request<'_>,
) -> Result<Vec<Vec<usize>>, ExportError> {
    let mut done = Vec::new();
    let mut todo = vec![section.steps.clone()];
    while let Some(steps) = todo.pop() {
        let whole = part(
            journey,
            &steps,
            neutral_phase(journey, section.name.clone(), &steps),
            String::new(),
        );
        if steps.len() <= MIN_PART || readable(&whole, request, true, TEXT_FLOOR)? {
            done.push(steps);
        } else {
            let (early, late) = steps.split_at(steps.len() / 2);
            // Later half first onto the stack, so parts come out in time order.
            todo.push(late.to_vec());
            todo.push(early.to_vec());
        }
    }
    Ok(done)
}

/// The deck of `journey` for `request` (its size, layers and texts): the overview, then a
/// slide per phase or part of one.
///
/// # Errors
/// When the request cannot be laid out (a bad size).
pub fn slides(journey: &Journey, request: &Request<'_>) -> Result<Vec<Slide>, ExportError> {
    let lang = request.lang;
    let sections = sections(journey, lang);
    let mut staircase = request.clone();
    staircase.layers.initiatives = false;
    let overview = if readable(journey, &staircase, false, OVERVIEW_FLOOR)? {
        journey.clone()
    } else {
        summary(journey, &sections, lang)
    };
    let mut slides = vec![Slide {
        name: say!(lang, "全体像", "overview"),
        journey: overview,
        whole_titles: false,
    }];
    for section in sections.iter().filter(|s| !s.steps.is_empty()) {
        let parts = readable_parts(journey, section, request)?;
        let count = parts.len();
        for (i, steps) in parts.iter().enumerate() {
            let name = if count == 1 {
                section.name.clone()
            } else {
                format!("{} ({}/{count})", section.name, i + 1)
            };
            let phase = if count == 1 {
                section.phase.clone()
            } else {
                let mut phase = neutral_phase(journey, name.clone(), steps);
                phase.colour = section.phase.colour;
                phase.id = section.phase.id;
                phase
            };
            let title = format!("{} — {name}", journey.title);
            slides.push(Slide {
                name,
                journey: part(journey, steps, phase, title),
                whole_titles: true,
            });
        }
    }
    Ok(slides)
}

/// Writes the deck of `journey` for `request` to `target`: one PDF when `format` is PDF,
/// else a folder (made if missing) of numbered PNG or SVG slides named by [`file_stem`].
/// Returns how many slides were written.
///
/// # Errors
/// A bad size, or a file that cannot be written (a PDF deck is written whole or not at all;
/// slides already written to a folder stay).
pub fn save(
    journey: &Journey,
    request: &Request<'_>,
    format: Format,
    target: &Path,
) -> Result<usize, ExportError> {
    let slides = slides(journey, request)?;
    let mut composer = Composer::new();
    let each = |slide: &Slide| slide.request(request);
    if format == Format::Pdf {
        let pages = slides
            .iter()
            .map(|slide| composer.page(&slide.journey, &each(slide)))
            .collect::<Result<Vec<_>, _>>()?;
        pdf::write(&pages, target)?;
    } else {
        std::fs::create_dir_all(target)
            .map_err(|e| ExportError::Write(crate::io::SaveError::io(target, e)))?;
        for (i, slide) in slides.iter().enumerate() {
            let name = format!("{}.{}", file_stem(i + 1, slide), format.extension());
            save_with(
                &mut composer,
                &slide.journey,
                &each(slide),
                format,
                &target.join(name),
            )?;
        }
    }
    Ok(slides.len())
}

/// A file name for slide `index` (from 1) of a deck: `01-全体像`, `02-認知・興味`; characters a
/// file name cannot hold become `_`.
#[must_use]
pub fn file_stem(index: usize, slide: &Slide) -> String {
    let name: String = slide
        .name
        .chars()
        .take(60)
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{index:02}-{}", name.trim())
}
