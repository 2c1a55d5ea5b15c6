//! Undo and redo: applied commands with their inverses, grouping, and the saved marker.
//!
//! The history is never persisted: it belongs to an editing session, not to the document.

use super::command::Command;
use super::describe::Description;
use super::error::EditError;
use crate::model::Journey;

/// One undoable step: what was done and how to take it back.
#[derive(Clone, Debug)]
struct Entry {
    description: Description,
    forward: Command,
    inverse: Command,
}

/// A group being recorded (e.g. one drag, one text edit): becomes one entry when closed.
#[derive(Clone, Debug)]
struct OpenGroup {
    description: Option<Description>,
    forward: Vec<Command>,
    inverse: Vec<Command>,
}

/// Undo/redo stacks for one journey.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    group: Option<OpenGroup>,
    /// Depth of the undo stack when the journey was last saved; `None` if that state
    /// can no longer be reached by undo/redo.
    saved_at: Option<usize>,
}

impl History {
    /// An empty history whose current state counts as saved.
    #[must_use]
    pub fn new() -> Self {
        Self {
            saved_at: Some(0),
            ..Self::default()
        }
    }

    /// Applies a command and records it (into the open group, if any).
    /// A refused command leaves journey and history unchanged.
    pub fn apply(&mut self, journey: &mut Journey, command: Command) -> Result<(), EditError> {
        let description = command.describe(journey);
        self.apply_described(journey, command, description)
    }

    /// Like [`History::apply`], with a description chosen by the caller ("paste 3 steps").
    pub fn apply_described(
        &mut self,
        journey: &mut Journey,
        command: Command,
        description: Description,
    ) -> Result<(), EditError> {
        let inverse = command.clone().apply(journey)?;
        self.drop_redo();
        if let Some(group) = &mut self.group {
            group.description.get_or_insert(description);
            group.forward.push(command);
            group.inverse.push(inverse);
        } else {
            self.undo.push(Entry {
                description,
                forward: command,
                inverse,
            });
        }
        Ok(())
    }

    /// Starts a group: commands applied until [`History::end_group`] undo as one.
    /// `description` names the group; `None` takes the first command's description.
    pub fn begin_group(&mut self, description: Option<Description>) {
        self.end_group();
        self.group = Some(OpenGroup {
            description,
            forward: Vec::new(),
            inverse: Vec::new(),
        });
    }

    /// Closes the open group, if any. An empty group leaves no entry.
    pub fn end_group(&mut self) {
        let Some(mut group) = self.group.take() else {
            return;
        };
        let Some(description) = group.description.take() else {
            return;
        };
        if group.forward.is_empty() {
            return;
        }
        group.inverse.reverse();
        self.undo.push(Entry {
            description,
            forward: Command::Batch(group.forward),
            inverse: Command::Batch(group.inverse),
        });
    }

    /// Undoes the last entry. Returns what was undone, or `None` if there was nothing.
    pub fn undo(&mut self, journey: &mut Journey) -> Result<Option<Description>, EditError> {
        self.end_group();
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        match entry.inverse.clone().apply(journey) {
            Ok(forward) => {
                let description = entry.description.clone();
                self.redo.push(Entry { forward, ..entry });
                Ok(Some(description))
            }
            Err(e) => {
                self.undo.push(entry);
                Err(e)
            }
        }
    }

    /// Redoes the last undone entry. Returns what was redone, or `None` if nothing.
    pub fn redo(&mut self, journey: &mut Journey) -> Result<Option<Description>, EditError> {
        self.end_group();
        let Some(entry) = self.redo.pop() else {
            return Ok(None);
        };
        match entry.forward.clone().apply(journey) {
            Ok(inverse) => {
                let description = entry.description.clone();
                self.undo.push(Entry { inverse, ..entry });
                Ok(Some(description))
            }
            Err(e) => {
                self.redo.push(entry);
                Err(e)
            }
        }
    }

    /// What [`History::undo`] would undo.
    #[must_use]
    pub fn undo_description(&self) -> Option<&Description> {
        match &self.group {
            Some(g) if !g.forward.is_empty() => g.description.as_ref(),
            _ => self.undo.last().map(|e| &e.description),
        }
    }

    /// What [`History::redo`] would redo.
    #[must_use]
    pub fn redo_description(&self) -> Option<&Description> {
        self.redo.last().map(|e| &e.description)
    }

    /// Records that the journey as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.end_group();
        self.saved_at = Some(self.undo.len());
    }

    /// Records that the journey as it is now is not saved anywhere (a restored recovery
    /// copy): it counts as changed until saved.
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    /// Whether the journey differs from what was last saved (or loaded).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        let open = self.group.as_ref().is_some_and(|g| !g.forward.is_empty());
        open || self.saved_at != Some(self.undo.len())
    }

    fn drop_redo(&mut self) {
        if self.redo.is_empty() {
            return;
        }
        self.redo.clear();
        // The saved state was among the undone entries: no longer reachable.
        if self.saved_at.is_some_and(|s| s > self.undo.len()) {
            self.saved_at = None;
        }
    }
}
