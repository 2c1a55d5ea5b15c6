//! What a command does, in a form the UI can put into words ("元に戻す: 移動 店舗で試着").

use super::command::Command;
use crate::model::Journey;

/// The kind of change, for the undo/redo menu; the UI's string table turns it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// A step was added.
    AddStep,
    /// A step was removed.
    RemoveStep,
    /// Steps were moved.
    Move,
    /// A step was renamed.
    Retitle,
    /// Step kinds changed.
    SetKind,
    /// A step's details changed.
    EditStep,
    /// A link was added.
    Link,
    /// A link was removed.
    Unlink,
    /// A link's label changed.
    RelabelLink,
    /// A phase was added.
    AddPhase,
    /// A phase was removed.
    RemovePhase,
    /// A phase was renamed.
    RenamePhase,
    /// A phase was recoloured.
    RecolourPhase,
    /// A phase's extent changed.
    ResizePhase,
    /// Phases were reordered.
    ReorderPhases,
    /// A level was added.
    AddLevel,
    /// A level was removed.
    RemoveLevel,
    /// A level was renamed.
    RenameLevel,
    /// A level's description changed.
    DescribeLevel,
    /// Levels were reordered.
    ReorderLevels,
    /// Departments were added, removed, renamed, recoloured or reordered.
    EditDepartments,
    /// Journey details (title, persona, brand, statements) changed.
    EditMeta,
    /// Survey data were imported or typed in.
    Survey,
    /// A survey file was imported.
    ImportSurvey,
    /// A survey wave was added.
    AddWave,
    /// A survey wave was removed.
    RemoveWave,
    /// A survey wave was renamed or re-dated.
    EditWave,
    /// A customer-flow wave was imported (or imported again).
    ImportFlow,
    /// A customer-flow wave was removed.
    RemoveFlow,
    /// A voting session was closed.
    CloseSession,
    /// A voting session was reopened.
    ReopenSession,
    /// Several changes at once.
    Several,
}

/// A command described for people: what kind of change, and what it touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The kind of change.
    pub action: Action,
    /// What it touched: a step title, a level label, … (may be empty).
    pub subject: String,
}

impl Description {
    /// A description with a subject.
    #[must_use]
    pub fn new(action: Action, subject: impl Into<String>) -> Self {
        Self {
            action,
            subject: subject.into(),
        }
    }
}

impl Command {
    /// Describes the command against the journey it is about to be applied to.
    #[must_use]
    pub fn describe(&self, j: &Journey) -> Description {
        let step = |id| j.step(id).map(|s| s.title.clone()).unwrap_or_default();
        let level = |id| j.level(id).map(|l| l.label.clone()).unwrap_or_default();
        let phase = |id| {
            j.phase_index(id)
                .map(|i| j.phases[i].name.clone())
                .unwrap_or_default()
        };
        let first_step = |ids: &mut dyn Iterator<Item = crate::model::StepId>| {
            let ids: Vec<_> = ids.collect();
            match ids.as_slice() {
                [one] => step(*one),
                many => format!("{}", many.len()),
            }
        };
        let (action, subject) = match self {
            Self::AddStep { step, .. } => (Action::AddStep, step.title.clone()),
            Self::RemoveStep(id) => (Action::RemoveStep, step(*id)),
            Self::MoveSteps(moves) => (Action::Move, first_step(&mut moves.iter().map(|m| m.id))),
            Self::RetitleStep(id, _) => (Action::Retitle, step(*id)),
            Self::SetKinds(kinds) => (Action::SetKind, first_step(&mut kinds.iter().map(|k| k.0))),
            Self::EditStep(id, _) => (Action::EditStep, step(*id)),
            Self::AddLink(link) => (
                Action::Link,
                format!("{} → {}", step(link.from), step(link.to)),
            ),
            Self::RemoveLink(from, to) => {
                (Action::Unlink, format!("{} → {}", step(*from), step(*to)))
            }
            Self::RelabelLink(from, to, _) => (
                Action::RelabelLink,
                format!("{} → {}", step(*from), step(*to)),
            ),
            Self::AddPhase(_, p) => (Action::AddPhase, p.name.clone()),
            Self::RemovePhase(id) => (Action::RemovePhase, phase(*id)),
            Self::RenamePhase(id, _) => (Action::RenamePhase, phase(*id)),
            Self::RecolourPhase(id, _) => (Action::RecolourPhase, phase(*id)),
            Self::SetPhaseExtent(id, _, _) => (Action::ResizePhase, phase(*id)),
            Self::MovePhase(id, _) => (Action::ReorderPhases, phase(*id)),
            Self::ReplacePhases(_) => (Action::ReorderPhases, String::new()),
            Self::AddLevel(_, l) => (Action::AddLevel, l.label.clone()),
            Self::RemoveLevel(id) => (Action::RemoveLevel, level(*id)),
            Self::RenameLevel(id, _) => (Action::RenameLevel, level(*id)),
            Self::DescribeLevel(id, _) => (Action::DescribeLevel, level(*id)),
            Self::MoveLevel(id, _) => (Action::ReorderLevels, level(*id)),
            Self::AddDepartment(_, d) => (Action::EditDepartments, d.name.clone()),
            Self::RemoveDepartment(id)
            | Self::RenameDepartment(id, _)
            | Self::RecolourDepartment(id, _)
            | Self::MoveDepartment(id, _) => (
                Action::EditDepartments,
                j.department(*id)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
            ),
            Self::SetMeta(_) => (Action::EditMeta, String::new()),
            Self::AddWave(_, w) => (Action::AddWave, w.name.clone()),
            Self::RemoveWave(name) => (Action::RemoveWave, name.clone()),
            Self::EditWave(name, _) => (Action::EditWave, name.clone()),
            Self::SetScores {
                wave, step: target, ..
            } => (
                Action::Survey,
                match target {
                    Some(id) => format!("{wave} · {}", step(*id)),
                    None => wave.clone(),
                },
            ),
            Self::SetBenchmark(_) => (Action::Survey, String::new()),
            Self::PutFlow(w) => (Action::ImportFlow, w.name.clone()),
            Self::RemoveFlow(name) => (Action::RemoveFlow, name.clone()),
            Self::CloseSession(name, closed) => (
                if *closed {
                    Action::CloseSession
                } else {
                    Action::ReopenSession
                },
                name.clone(),
            ),
            Self::SetNextId(_) => (Action::Several, String::new()),
            Self::Batch(commands) => match commands.as_slice() {
                [one] => return one.describe(j),
                many => (Action::Several, many.len().to_string()),
            },
        };
        Description { action, subject }
    }
}
