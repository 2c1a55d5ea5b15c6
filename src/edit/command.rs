//! Every change the editor makes to a journey, as a value that can be applied and inverted.
//!
//! [`Command::apply`] checks the model's rules first: a refused command returns an
//! [`EditError`] saying why and leaves the journey exactly as it was. On success it returns
//! the inverse command, which restores the journey exactly.

use super::error::EditError;
use crate::model::{
    Department, DepartmentId, Emotion, Initiative, Journey, Level, LevelId, Link, NPS_RANGE, Named,
    Phase, PhaseId, Rgb, Scores, Step, StepId, StepKind, Touchpoint, VALENCE_RANGE, Wave,
    is_valid_date,
};

/// Where one step goes in a [`Command::MoveSteps`].
#[derive(Clone, Debug, PartialEq)]
pub struct StepMove {
    /// The step.
    pub id: StepId,
    /// Its new time.
    pub t: f64,
    /// Its new level.
    pub level: LevelId,
}

/// A field of a step other than its place, title and kind.
#[derive(Clone, Debug, PartialEq)]
pub enum StepField {
    /// Longer description.
    Description(String),
    /// Free notes.
    Notes(String),
    /// Channel and touchpoint name.
    Touchpoint(Option<Touchpoint>),
    /// The brand's initiatives and messages.
    Initiatives(Vec<Initiative>),
    /// The customer's emotion.
    Emotion(Emotion),
    /// Whether a purchase happens here (for the repeat rate).
    Purchase(bool),
}

/// A journey-level text field.
#[derive(Clone, Debug, PartialEq)]
pub enum MetaField {
    /// The map's title.
    Title(String),
    /// Persona name.
    PersonaName(String),
    /// Persona one-line description.
    PersonaDescription(String),
    /// The brand.
    Brand(String),
    /// Before-awareness statement.
    StartStatement(String),
    /// Target-customer-state statement.
    GoalStatement(String),
}

/// A field of a survey wave other than its scores.
#[derive(Clone, Debug, PartialEq)]
pub enum WaveField {
    /// Its name (unique, not empty).
    Name(String),
    /// When it was fielded, `YYYY-MM-DD` or empty.
    Date(String),
}

/// One change to a journey. Built by the UI (or the CLI), applied through
/// [`crate::edit::History`] so it can be undone.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds a step, with links to or from it (the inverse of removing it).
    AddStep {
        /// The new step; its id must be unused.
        step: Step,
        /// Links that touch the new step.
        links: Vec<Link>,
    },
    /// Removes a step and every link that touches it.
    RemoveStep(StepId),
    /// Moves steps in time and/or to other levels, all at once.
    MoveSteps(Vec<StepMove>),
    /// Renames a step.
    RetitleStep(StepId, String),
    /// Sets the kind (start / step / goal) of several steps at once, so the start can be
    /// handed from one step to another in one command.
    SetKinds(Vec<(StepId, StepKind)>),
    /// Changes one of a step's other fields.
    EditStep(StepId, StepField),
    /// Links two steps.
    AddLink(Link),
    /// Removes a link.
    RemoveLink(StepId, StepId),
    /// Sets the label (trigger) of a link.
    RelabelLink(StepId, StepId, String),
    /// Inserts a phase at a position in the list.
    AddPhase(usize, Phase),
    /// Removes a phase (steps are unaffected: phases are bands in time).
    RemovePhase(PhaseId),
    /// Renames a phase.
    RenamePhase(PhaseId, String),
    /// Recolours a phase.
    RecolourPhase(PhaseId, Rgb),
    /// Sets where a phase begins and ends.
    SetPhaseExtent(PhaseId, f64, f64),
    /// Moves a phase to another place in the sequence; the phases keep their widths and
    /// are laid out again in the new order over the same span.
    MovePhase(PhaseId, usize),
    /// Replaces all phases at once (the exact inverse of a phase move).
    ReplacePhases(Vec<Phase>),
    /// Inserts an affinity level at a height (0 = bottom).
    AddLevel(usize, Level),
    /// Removes a level no step stands on.
    RemoveLevel(LevelId),
    /// Renames a level.
    RenameLevel(LevelId, String),
    /// Sets a level's description.
    DescribeLevel(LevelId, String),
    /// Moves a level to another height; steps keep their level, so they move with it.
    MoveLevel(LevelId, usize),
    /// Inserts a department at a position in the list (its lane).
    AddDepartment(usize, Department),
    /// Removes a department no initiative belongs to (the UI unassigns them first, in the
    /// same batch, after asking).
    RemoveDepartment(DepartmentId),
    /// Renames a department.
    RenameDepartment(DepartmentId, String),
    /// Recolours a department.
    RecolourDepartment(DepartmentId, Rgb),
    /// Moves a department to another place in the list.
    MoveDepartment(DepartmentId, usize),
    /// Sets a journey-level text.
    SetMeta(MetaField),
    /// Inserts a survey wave at a position in the list (its name must be new).
    AddWave(usize, Wave),
    /// Removes a survey wave and all its scores.
    RemoveWave(String),
    /// Renames a wave or sets its date.
    EditWave(String, WaveField),
    /// Sets (or with `None` removes) the scores of one step in one wave; `step: None` is
    /// the brand-level question.
    SetScores {
        /// The wave's name.
        wave: String,
        /// The step, or `None` for the brand-level question.
        step: Option<StepId>,
        /// The new scores; `None` removes them.
        scores: Option<Scores>,
    },
    /// Sets the industry NPS the plots compare against.
    SetBenchmark(Option<i32>),
    /// Adds a customer-flow wave, or replaces the one of the same name (an event log
    /// imported again).
    PutFlow(crate::model::FlowWave),
    /// Removes the customer-flow wave of this name.
    RemoveFlow(String),
    /// Closes (`true`) or reopens a dot-voting session: the only undoable change to votes
    /// (see [`crate::edit::VoteEdit`]).
    CloseSession(String, bool),
    /// Sets the id counter back, as part of undoing an addition, so that undo restores
    /// the journey exactly. Refused if an id in use is not below it.
    SetNextId(u64),
    /// Several commands as one: all apply, or none.
    Batch(Vec<Command>),
}

impl Command {
    /// Applies the command. On success the journey has changed and the inverse is
    /// returned; on error the journey is unchanged.
    ///
    /// Besides its own rules, a command is refused if it would take the journey past one of
    /// the limits of [`crate::model::limits`] (a journey already past one, which only
    /// unchecked data can be, is not held to them).
    pub fn apply(self, j: &mut Journey) -> Result<Command, EditError> {
        let inverse = self.apply_unchecked(j)?;
        let Some(problem) = j.first_limit_problem() else {
            return Ok(inverse);
        };
        let redo = inverse.clone().apply_unchecked(j);
        if j.first_limit_problem().is_some()
            && let Ok(command) = redo
        {
            // The journey was past a limit before: apply the command after all.
            return command.apply_unchecked(j);
        }
        Err(EditError::Limit(problem))
    }

    /// Applies the command checking its own rules, not the journey's limits.
    fn apply_unchecked(self, j: &mut Journey) -> Result<Command, EditError> {
        match self {
            Self::AddStep { step, links } => add_step(j, step, links),
            Self::RemoveStep(id) => remove_step(j, id),
            Self::MoveSteps(moves) => move_steps(j, &moves),
            Self::RetitleStep(id, title) => {
                let step = j.step_mut(id).ok_or(EditError::UnknownStep(id))?;
                let old = std::mem::replace(&mut step.title, title);
                Ok(Self::RetitleStep(id, old))
            }
            Self::SetKinds(kinds) => set_kinds(j, &kinds),
            Self::EditStep(id, field) => edit_step(j, id, field),
            Self::AddLink(link) => {
                check_link(j, &link)?;
                let at = j.links.partition_point(|l| l.key() < link.key());
                let inverse = Self::RemoveLink(link.from, link.to);
                j.links.insert(at, link);
                Ok(inverse)
            }
            Self::RemoveLink(from, to) => {
                let i = j
                    .link_index(from, to)
                    .ok_or(EditError::UnknownLink { from, to })?;
                Ok(Self::AddLink(j.links.remove(i)))
            }
            Self::RelabelLink(from, to, label) => {
                let i = j
                    .link_index(from, to)
                    .ok_or(EditError::UnknownLink { from, to })?;
                let old = std::mem::replace(&mut j.links[i].label, label);
                Ok(Self::RelabelLink(from, to, old))
            }
            Self::AddDepartment(..)
            | Self::RemoveDepartment(_)
            | Self::RenameDepartment(..)
            | Self::RecolourDepartment(..)
            | Self::MoveDepartment(..) => super::department::apply(self, j),
            Self::AddPhase(index, phase) => add_phase(j, index, phase),
            Self::RemovePhase(id) => {
                let i = j.phase_index(id).ok_or(EditError::UnknownPhase(id))?;
                Ok(Self::AddPhase(i, j.phases.remove(i)))
            }
            Self::RenamePhase(id, name) => {
                let i = j.phase_index(id).ok_or(EditError::UnknownPhase(id))?;
                let old = std::mem::replace(&mut j.phases[i].name, name);
                Ok(Self::RenamePhase(id, old))
            }
            Self::RecolourPhase(id, colour) => {
                let i = j.phase_index(id).ok_or(EditError::UnknownPhase(id))?;
                let old = std::mem::replace(&mut j.phases[i].colour, colour);
                Ok(Self::RecolourPhase(id, old))
            }
            Self::SetPhaseExtent(id, start, end) => set_phase_extent(j, id, start, end),
            Self::MovePhase(id, index) => move_phase(j, id, index),
            Self::ReplacePhases(phases) => {
                check_phases(&phases)?;
                Ok(Self::ReplacePhases(std::mem::replace(
                    &mut j.phases,
                    phases,
                )))
            }
            Self::AddLevel(index, level) => {
                if index > j.levels.len() {
                    return Err(EditError::BadIndex {
                        index,
                        len: j.levels.len(),
                    });
                }
                if id_in_use(j, level.id.0) {
                    return Err(EditError::IdInUse(level.id.0));
                }
                let restore = claim_id(j, level.id.0);
                let id = level.id;
                j.levels.insert(index, level);
                Ok(restore(Self::RemoveLevel(id)))
            }
            Self::RemoveLevel(id) => remove_level(j, id),
            Self::RenameLevel(id, label) => {
                let i = j.level_index(id).ok_or(EditError::UnknownLevel(id))?;
                let old = std::mem::replace(&mut j.levels[i].label, label);
                Ok(Self::RenameLevel(id, old))
            }
            Self::DescribeLevel(id, text) => {
                let i = j.level_index(id).ok_or(EditError::UnknownLevel(id))?;
                let old = std::mem::replace(&mut j.levels[i].description, text);
                Ok(Self::DescribeLevel(id, old))
            }
            Self::MoveLevel(id, index) => {
                let i = j.level_index(id).ok_or(EditError::UnknownLevel(id))?;
                if index >= j.levels.len() {
                    return Err(EditError::BadIndex {
                        index,
                        len: j.levels.len(),
                    });
                }
                let level = j.levels.remove(i);
                j.levels.insert(index, level);
                Ok(Self::MoveLevel(id, i))
            }
            Self::SetMeta(field) => Ok(Self::SetMeta(set_meta(j, field))),
            Self::AddWave(index, wave) => add_wave(j, index, wave),
            Self::RemoveWave(name) => {
                let i = wave_index(j, &name)?;
                Ok(Self::AddWave(i, j.surveys.waves.remove(i)))
            }
            Self::EditWave(name, field) => edit_wave(j, &name, field),
            Self::SetScores { wave, step, scores } => set_scores(j, wave, step, scores),
            Self::SetBenchmark(benchmark) => {
                if let Some(b) = benchmark.filter(|b| !NPS_RANGE.contains(b)) {
                    return Err(EditError::BenchmarkOutOfRange(b));
                }
                Ok(Self::SetBenchmark(std::mem::replace(
                    &mut j.surveys.benchmark,
                    benchmark,
                )))
            }
            Self::PutFlow(wave) => {
                if wave.name.trim().is_empty() {
                    return Err(EditError::UnnamedWave);
                }
                if wave.name.chars().any(char::is_control) {
                    return Err(EditError::WaveNameControl);
                }
                let name = wave.name.clone();
                if let Some(i) = j.flows.iter().position(|f| f.name == name) {
                    Ok(Self::PutFlow(std::mem::replace(&mut j.flows[i], wave)))
                } else {
                    j.flows.push(wave);
                    Ok(Self::RemoveFlow(name))
                }
            }
            Self::RemoveFlow(name) => {
                let i = j
                    .flows
                    .iter()
                    .position(|f| f.name == name)
                    .ok_or_else(|| EditError::UnknownWave(name.clone()))?;
                Ok(Self::PutFlow(j.flows.remove(i)))
            }
            Self::CloseSession(name, closed) => {
                let session = j
                    .votes
                    .iter_mut()
                    .find(|s| s.name == name)
                    .ok_or_else(|| EditError::UnknownSession(name.clone()))?;
                let was = std::mem::replace(&mut session.closed, closed);
                Ok(Self::CloseSession(name, was))
            }
            Self::SetNextId(next) => {
                let max_in_use = (j.steps.iter().map(|s| s.id.0))
                    .chain(j.levels.iter().map(|l| l.id.0))
                    .chain(j.phases.iter().map(|p| p.id.0))
                    .max();
                if let Some(max) = max_in_use.filter(|&m| m >= next) {
                    return Err(EditError::IdInUse(max));
                }
                Ok(Self::SetNextId(std::mem::replace(&mut j.next_id, next)))
            }
            Self::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for command in commands {
                    match command.apply_unchecked(j) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            for inverse in inverses.into_iter().rev() {
                                // Inverses of just-applied commands always apply.
                                let _ = inverse.apply_unchecked(j);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }
}

/// Raises `next_id` past a newly used id. Returns how to wrap the removal that undoes the
/// addition, so the undo also puts the counter back.
pub(super) fn claim_id(j: &mut Journey, id: u64) -> impl FnOnce(Command) -> Command + use<> {
    let old = j.next_id;
    j.next_id = old.max(id.saturating_add(1));
    let changed = j.next_id != old;
    move |removal| {
        if changed {
            Command::Batch(vec![removal, Command::SetNextId(old)])
        } else {
            removal
        }
    }
}

pub(super) fn id_in_use(j: &Journey, id: u64) -> bool {
    j.step(StepId(id)).is_some()
        || j.level_index(LevelId(id)).is_some()
        || j.phase_index(PhaseId(id)).is_some()
        || j.department_index(DepartmentId(id)).is_some()
}

fn add_step(j: &mut Journey, step: Step, links: Vec<Link>) -> Result<Command, EditError> {
    if j.step(step.id).is_some() {
        return Err(EditError::StepExists(step.id));
    }
    if id_in_use(j, step.id.0) {
        return Err(EditError::IdInUse(step.id.0));
    }
    if j.level_index(step.level).is_none() {
        return Err(EditError::UnknownLevel(step.level));
    }
    if !step.t.is_finite() {
        return Err(EditError::NotFinite(step.t));
    }
    if let Some(valence) = step.emotion.valence.filter(|v| !VALENCE_RANGE.contains(v)) {
        return Err(EditError::BadValence(valence));
    }
    if step.kind == StepKind::Start
        && let Some(start) = j.steps.iter().find(|s| s.kind == StepKind::Start)
    {
        return Err(EditError::SecondStart(j.named_step(start.id)));
    }
    let id = step.id;
    let at = j.steps.partition_point(|s| s.id < id);
    let old_next = j.next_id;
    let restore = claim_id(j, id.0);
    j.steps.insert(at, step);
    let mut added = Vec::new();
    for link in links {
        let result = if link.from == id || link.to == id {
            Command::AddLink(link).apply_unchecked(j)
        } else {
            Err(EditError::UnknownLink {
                from: link.from,
                to: link.to,
            })
        };
        match result {
            Ok(inverse) => added.push(inverse),
            Err(e) => {
                for inverse in added.into_iter().rev() {
                    let _ = inverse.apply_unchecked(j);
                }
                j.steps.remove(at);
                j.next_id = old_next;
                return Err(e);
            }
        }
    }
    Ok(restore(Command::RemoveStep(id)))
}

fn remove_step(j: &mut Journey, id: StepId) -> Result<Command, EditError> {
    let i = j.step_index(id).ok_or(EditError::UnknownStep(id))?;
    match j.steps[i].kind {
        StepKind::Start => return Err(EditError::StartNeeded(j.named_step(id))),
        StepKind::Goal if goal_count(j) == 1 => {
            return Err(EditError::GoalNeeded(j.named_step(id)));
        }
        _ => {}
    }
    let (links, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut j.links)
        .into_iter()
        .partition(|l| l.from == id || l.to == id);
    j.links = kept;
    let step = j.steps.remove(i);
    // The step's survey scores go with it, and come back on undo.
    let mut restore = Vec::new();
    for wave in &mut j.surveys.waves {
        if let Some(scores) = wave.steps.remove(&id) {
            restore.push(Command::SetScores {
                wave: wave.name.clone(),
                step: Some(id),
                scores: Some(scores),
            });
        }
    }
    let add = Command::AddStep { step, links };
    if restore.is_empty() {
        Ok(add)
    } else {
        restore.insert(0, add);
        Ok(Command::Batch(restore))
    }
}

fn wave_index(j: &Journey, name: &str) -> Result<usize, EditError> {
    j.surveys
        .wave_index(name)
        .ok_or_else(|| EditError::UnknownWave(name.to_owned()))
}

/// Checks a wave name that is about to be used by a new or renamed wave.
fn check_wave_name(j: &Journey, name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        return Err(EditError::UnnamedWave);
    }
    if name.chars().any(char::is_control) {
        return Err(EditError::WaveNameControl);
    }
    if j.surveys.wave_index(name).is_some() {
        return Err(EditError::WaveExists(name.to_owned()));
    }
    Ok(())
}

fn add_wave(j: &mut Journey, index: usize, wave: Wave) -> Result<Command, EditError> {
    if index > j.surveys.waves.len() {
        return Err(EditError::BadIndex {
            index,
            len: j.surveys.waves.len(),
        });
    }
    check_wave_name(j, &wave.name)?;
    if !is_valid_date(&wave.date) {
        return Err(EditError::BadDate(wave.date));
    }
    if let Some(&missing) = wave.steps.keys().find(|&&id| j.step(id).is_none()) {
        return Err(EditError::UnknownStep(missing));
    }
    let inverse = Command::RemoveWave(wave.name.clone());
    j.surveys.waves.insert(index, wave);
    Ok(inverse)
}

fn edit_wave(j: &mut Journey, name: &str, field: WaveField) -> Result<Command, EditError> {
    let i = wave_index(j, name)?;
    match field {
        WaveField::Name(new) => {
            if new != name {
                check_wave_name(j, &new)?;
            }
            let old = std::mem::replace(&mut j.surveys.waves[i].name, new.clone());
            Ok(Command::EditWave(new, WaveField::Name(old)))
        }
        WaveField::Date(date) => {
            if !is_valid_date(&date) {
                return Err(EditError::BadDate(date));
            }
            let old = std::mem::replace(&mut j.surveys.waves[i].date, date);
            Ok(Command::EditWave(name.to_owned(), WaveField::Date(old)))
        }
    }
}

fn set_scores(
    j: &mut Journey,
    wave: String,
    step: Option<StepId>,
    scores: Option<Scores>,
) -> Result<Command, EditError> {
    let i = wave_index(j, &wave)?;
    if let Some(id) = step
        && j.step(id).is_none()
    {
        return Err(EditError::UnknownStep(id));
    }
    let target = &mut j.surveys.waves[i];
    let old = match (step, scores) {
        (Some(id), Some(s)) => target.steps.insert(id, s),
        (Some(id), None) => target.steps.remove(&id),
        (None, s) => std::mem::replace(&mut target.overall, s),
    };
    Ok(Command::SetScores {
        wave,
        step,
        scores: old,
    })
}

fn goal_count(j: &Journey) -> usize {
    j.steps.iter().filter(|s| s.kind == StepKind::Goal).count()
}

fn move_steps(j: &mut Journey, moves: &[StepMove]) -> Result<Command, EditError> {
    for m in moves {
        if j.step(m.id).is_none() {
            return Err(EditError::UnknownStep(m.id));
        }
        if j.level_index(m.level).is_none() {
            return Err(EditError::UnknownLevel(m.level));
        }
        if !m.t.is_finite() {
            return Err(EditError::NotFinite(m.t));
        }
    }
    let mut inverse = Vec::with_capacity(moves.len());
    for m in moves {
        if let Some(step) = j.step_mut(m.id) {
            inverse.push(StepMove {
                id: m.id,
                t: step.t,
                level: step.level,
            });
            step.t = m.t;
            step.level = m.level;
        }
    }
    // Only links touching a moved step can have turned backwards.
    let problem = moves.iter().find_map(|m| time_order_problem(j, m.id));
    if let Some(problem) = problem {
        for back in inverse.iter().rev() {
            if let Some(step) = j.step_mut(back.id) {
                step.t = back.t;
                step.level = back.level;
            }
        }
        return Err(problem);
    }
    Ok(Command::MoveSteps(inverse))
}

/// The first link at `id` that goes back in time, as the error a move should report.
fn time_order_problem(j: &Journey, id: StepId) -> Option<EditError> {
    let step = j.step(id)?;
    let t = step.t;
    for link in j.incoming(id) {
        let before = j.step(link.from)?;
        if before.t >= t {
            return Some(EditError::BehindPredecessor {
                step: j.named_step(id),
                t,
                before: j.named_step(before.id),
                before_t: before.t,
            });
        }
    }
    for link in j.outgoing(id) {
        let after = j.step(link.to)?;
        if after.t <= t {
            return Some(EditError::AheadOfSuccessor {
                step: j.named_step(id),
                t,
                after: j.named_step(after.id),
                after_t: after.t,
            });
        }
    }
    None
}

fn set_kinds(j: &mut Journey, kinds: &[(StepId, StepKind)]) -> Result<Command, EditError> {
    for (id, _) in kinds {
        if j.step(*id).is_none() {
            return Err(EditError::UnknownStep(*id));
        }
    }
    let mut inverse = Vec::with_capacity(kinds.len());
    for (id, kind) in kinds {
        if let Some(step) = j.step_mut(*id) {
            inverse.push((*id, step.kind));
            step.kind = *kind;
        }
    }
    if let Some(problem) = kind_problem(j, &inverse) {
        for (id, kind) in inverse.iter().rev() {
            if let Some(step) = j.step_mut(*id) {
                step.kind = *kind;
            }
        }
        return Err(problem);
    }
    inverse.reverse();
    Ok(Command::SetKinds(inverse))
}

/// What is wrong after kinds changed (`old` holds each changed step's previous kind).
fn kind_problem(j: &Journey, old: &[(StepId, StepKind)]) -> Option<EditError> {
    let starts: Vec<&Step> = j
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Start)
        .collect();
    if starts.is_empty() {
        let former = old.iter().find(|(_, k)| *k == StepKind::Start)?;
        return Some(EditError::StartNeeded(j.named_step(former.0)));
    }
    if starts.len() > 1 {
        let unchanged = starts
            .iter()
            .find(|s| old.iter().all(|(id, _)| *id != s.id))
            .unwrap_or(&starts[0]);
        return Some(EditError::SecondStart(j.named_step(unchanged.id)));
    }
    if goal_count(j) == 0 {
        let former = old.iter().find(|(_, k)| *k == StepKind::Goal)?;
        return Some(EditError::GoalNeeded(j.named_step(former.0)));
    }
    for (id, _) in old {
        let step = j.step(*id)?;
        if step.kind == StepKind::Start && j.incoming(*id).next().is_some() {
            return Some(EditError::LinkIntoStart(j.named_step(*id)));
        }
        if step.kind == StepKind::Goal && !j.outgoing(*id).is_empty() {
            return Some(EditError::LinkOutOfGoal(j.named_step(*id)));
        }
    }
    None
}

fn edit_step(j: &mut Journey, id: StepId, field: StepField) -> Result<Command, EditError> {
    let step = j.step_mut(id).ok_or(EditError::UnknownStep(id))?;
    let old = match field {
        StepField::Description(v) => {
            StepField::Description(std::mem::replace(&mut step.description, v))
        }
        StepField::Notes(v) => StepField::Notes(std::mem::replace(&mut step.notes, v)),
        StepField::Touchpoint(v) => {
            StepField::Touchpoint(std::mem::replace(&mut step.touchpoint, v))
        }
        StepField::Initiatives(v) => {
            StepField::Initiatives(std::mem::replace(&mut step.initiatives, v))
        }
        StepField::Emotion(v) => {
            if let Some(valence) = v.valence.filter(|x| !VALENCE_RANGE.contains(x)) {
                return Err(EditError::BadValence(valence));
            }
            StepField::Emotion(std::mem::replace(&mut step.emotion, v))
        }
        StepField::Purchase(v) => StepField::Purchase(std::mem::replace(&mut step.purchase, v)),
    };
    Ok(Command::EditStep(id, old))
}

/// Checks that a new link keeps every rule.
fn check_link(j: &Journey, link: &Link) -> Result<(), EditError> {
    let from = j.step(link.from).ok_or(EditError::UnknownStep(link.from))?;
    let to = j.step(link.to).ok_or(EditError::UnknownStep(link.to))?;
    if link.from == link.to {
        return Err(EditError::SelfLink(j.named_step(link.from)));
    }
    if j.link_index(link.from, link.to).is_some() {
        return Err(EditError::DuplicateLink {
            from: j.named_step(link.from),
            to: j.named_step(link.to),
        });
    }
    if to.t <= from.t {
        return Err(EditError::BackwardLink {
            from: j.named_step(link.from),
            to: j.named_step(link.to),
        });
    }
    if to.kind == StepKind::Start {
        return Err(EditError::LinkIntoStart(j.named_step(link.to)));
    }
    if from.kind == StepKind::Goal {
        return Err(EditError::LinkOutOfGoal(j.named_step(link.from)));
    }
    Ok(())
}

fn named_phase(p: &Phase) -> Named<PhaseId> {
    Named {
        id: p.id,
        name: p.name.clone(),
    }
}

/// Checks extents and time order of a whole list of phases.
fn check_phases(phases: &[Phase]) -> Result<(), EditError> {
    for p in phases {
        if !(p.start.is_finite() && p.end.is_finite() && p.start < p.end) {
            return Err(EditError::BadPhaseExtent {
                start: p.start,
                end: p.end,
            });
        }
    }
    for pair in phases.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(EditError::PhasesOverlap {
                phase: named_phase(&pair[1]),
                other: named_phase(&pair[0]),
            });
        }
    }
    for (i, p) in phases.iter().enumerate() {
        if phases[..i].iter().any(|q| q.id == p.id) {
            return Err(EditError::IdInUse(p.id.0));
        }
    }
    Ok(())
}

fn add_phase(j: &mut Journey, index: usize, phase: Phase) -> Result<Command, EditError> {
    if index > j.phases.len() {
        return Err(EditError::BadIndex {
            index,
            len: j.phases.len(),
        });
    }
    if id_in_use(j, phase.id.0) {
        return Err(EditError::IdInUse(phase.id.0));
    }
    let mut phases = j.phases.clone();
    let id = phase.id;
    phases.insert(index, phase);
    check_phases(&phases)?;
    let restore = claim_id(j, id.0);
    j.phases = phases;
    Ok(restore(Command::RemovePhase(id)))
}

fn set_phase_extent(
    j: &mut Journey,
    id: PhaseId,
    start: f64,
    end: f64,
) -> Result<Command, EditError> {
    let i = j.phase_index(id).ok_or(EditError::UnknownPhase(id))?;
    let mut phases = j.phases.clone();
    phases[i].start = start;
    phases[i].end = end;
    check_phases(&phases)?;
    let old = std::mem::replace(&mut j.phases, phases);
    Ok(Command::SetPhaseExtent(id, old[i].start, old[i].end))
}

fn move_phase(j: &mut Journey, id: PhaseId, index: usize) -> Result<Command, EditError> {
    let i = j.phase_index(id).ok_or(EditError::UnknownPhase(id))?;
    if index >= j.phases.len() {
        return Err(EditError::BadIndex {
            index,
            len: j.phases.len(),
        });
    }
    let old = j.phases.clone();
    // Gaps belong to the slots between phases; widths belong to the phases.
    let gaps: Vec<f64> = old.windows(2).map(|w| w[1].start - w[0].end).collect();
    let mut phases = old.clone();
    let moved = phases.remove(i);
    phases.insert(index, moved);
    let mut at = old[0].start;
    for (k, p) in phases.iter_mut().enumerate() {
        let width = p.end - p.start;
        p.start = at;
        p.end = at + width;
        at = p.end + gaps.get(k).copied().unwrap_or(0.0);
    }
    check_phases(&phases)?;
    j.phases = phases;
    Ok(Command::ReplacePhases(old))
}

fn remove_level(j: &mut Journey, id: LevelId) -> Result<Command, EditError> {
    let i = j.level_index(id).ok_or(EditError::UnknownLevel(id))?;
    let named = Named {
        id,
        name: j.levels[i].label.clone(),
    };
    let mut standing = j.steps.iter().filter(|s| s.level == id);
    if let Some(example) = standing.next() {
        return Err(EditError::LevelInUse {
            level: named,
            count: 1 + standing.count(),
            example: j.named_step(example.id),
        });
    }
    if j.levels.len() == 1 {
        return Err(EditError::LastLevel(named));
    }
    Ok(Command::AddLevel(i, j.levels.remove(i)))
}

fn set_meta(j: &mut Journey, field: MetaField) -> MetaField {
    use std::mem::replace;
    match field {
        MetaField::Title(v) => MetaField::Title(replace(&mut j.title, v)),
        MetaField::PersonaName(v) => MetaField::PersonaName(replace(&mut j.persona.name, v)),
        MetaField::PersonaDescription(v) => {
            MetaField::PersonaDescription(replace(&mut j.persona.description, v))
        }
        MetaField::Brand(v) => MetaField::Brand(replace(&mut j.brand, v)),
        MetaField::StartStatement(v) => {
            MetaField::StartStatement(replace(&mut j.start_statement, v))
        }
        MetaField::GoalStatement(v) => MetaField::GoalStatement(replace(&mut j.goal_statement, v)),
    }
}
