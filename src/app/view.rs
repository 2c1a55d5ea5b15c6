//! View state: everything about how the document is being looked at and handled that is
//! not part of the document (camera, selection, gesture in progress, inline rename).
//! Never saved in the project file.

use super::camera::Camera;
use crate::edit::StepMove;
use crate::layout::Scene;
use crate::model::{Journey, StepId};
use egui::{Pos2, Rect};
use std::collections::BTreeSet;

/// A pointer gesture on the canvas, from press to release.
#[derive(Clone, Debug, Default)]
pub enum Gesture {
    /// Nothing in progress.
    #[default]
    Idle,
    /// Panning the view.
    Pan,
    /// Dragging cards; the preview shows where they would land.
    Move {
        /// Where the drag started (diagram units).
        grab: Pos2,
        /// The moves the drag would make, and the journey and scene with them applied.
        preview: Option<Box<MovePreview>>,
    },
    /// Dragging a new link from a card's handle.
    Connect {
        /// Source step.
        from: StepId,
        /// Pointer position (diagram units).
        to: Pos2,
    },
    /// Dragging an initiative's chip to another step.
    Chip {
        /// The step it belongs to.
        step: StepId,
        /// Its place in the step's list.
        index: usize,
        /// Pointer position (diagram units).
        to: Pos2,
    },
    /// Rubber-band selection.
    Band {
        /// Where the band started (diagram units).
        from: Pos2,
        /// The opposite corner (diagram units).
        to: Pos2,
        /// Add to the selection instead of replacing it.
        additive: bool,
    },
}

/// Cards being dragged, as they would land.
#[derive(Clone, Debug)]
pub struct MovePreview {
    /// The moves.
    pub moves: Vec<StepMove>,
    /// The journey with the moves applied (unchecked).
    pub journey: Journey,
    /// Its layout.
    pub scene: Scene,
    /// Why the move would be refused, if it would: shown live, on the ghosted cards.
    pub refused: Option<crate::edit::EditError>,
}

/// An inline rename in progress.
#[derive(Clone, Debug)]
pub struct Rename {
    /// The step being renamed.
    pub step: StepId,
    /// The text typed so far.
    pub text: String,
    /// Whether focus has been given to the field yet.
    pub focused: bool,
}

/// A new initiative being typed at a step (I): Enter adds it, Tab cycles its department,
/// Esc drops it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// The step it serves.
    pub step: StepId,
    /// The text typed so far.
    pub text: String,
    /// Its department.
    pub department: Option<crate::model::DepartmentId>,
    /// Whether focus has been given to the field yet.
    pub focused: bool,
}

/// A short message shown over the canvas (why a change was refused).
#[derive(Clone, Debug)]
pub struct Toast {
    /// The text.
    pub text: String,
    /// Until when (egui time, seconds).
    pub until: f64,
}

/// How the document is being viewed and handled.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// Pan and zoom.
    pub camera: Camera,
    /// Selected steps.
    pub selection: BTreeSet<StepId>,
    /// The card under the pointer.
    pub hovered: Option<StepId>,
    /// The gesture in progress.
    pub gesture: Gesture,
    /// An inline rename in progress.
    pub rename: Option<Rename>,
    /// The message being shown.
    pub toast: Option<Toast>,
    /// A step being added from the canvas whose title opens for typing once it exists.
    pub rename_when_added: Option<StepId>,
    /// Fit the journey into the canvas on the next frame.
    pub fit_requested: bool,
    /// The camera shows the fitted journey and the user has not panned or zoomed since.
    pub fitted: bool,
    /// The canvas area of the last frame (screen).
    pub canvas_rect: Option<Rect>,
    /// The survey wave shown by the NPS layer and plots (`None`: the latest).
    pub wave: Option<String>,
    /// The flow wave shown by the flow layer, the KPI lane and the フロー tab (`None`: the
    /// latest).
    pub flow_wave: Option<String>,
    /// How the 施策 tab groups and filters.
    pub initiatives: super::initiatives::ListView,
    /// The department highlighted on the canvas (everything else fades).
    pub highlight: Option<crate::model::DepartmentId>,
    /// A new initiative being typed.
    pub capture: Option<Capture>,
    /// The initiative chip selected on the canvas (its step, its place): Delete removes it.
    pub chip: Option<(StepId, usize)>,
    /// The workshop timer (not saved, not undone).
    pub timer: super::timer::Timer,
    /// The command palette, when open.
    pub palette: Option<super::palette::Palette>,
    /// Presenter view, while on.
    pub presenter: Option<super::presenter::Presenter>,
    /// The department of the last initiative typed, for the next one.
    pub last_department: Option<crate::model::DepartmentId>,
}

impl ViewState {
    /// A fresh view that fits the journey on its first frame.
    #[must_use]
    pub fn new() -> Self {
        Self {
            fit_requested: true,
            ..Self::default()
        }
    }

    /// Shows a message over the canvas for a few seconds.
    pub fn show_message(&mut self, text: impl Into<String>, now: f64) {
        self.toast = Some(Toast {
            text: text.into(),
            until: now + 4.0,
        });
    }

    /// Drops selected ids that no longer exist.
    pub fn prune(&mut self, journey: &Journey) {
        self.selection.retain(|id| journey.step(*id).is_some());
        if self.hovered.is_some_and(|id| journey.step(id).is_none()) {
            self.hovered = None;
        }
        if self
            .rename
            .as_ref()
            .is_some_and(|r| journey.step(r.step).is_none())
        {
            self.rename = None;
        }
        // A removed department is no longer highlighted (else everything would fade); a
        // chip removed or moved is no longer selected.
        self.highlight = self.highlight.filter(|d| journey.department(*d).is_some());
        self.last_department = self
            .last_department
            .filter(|d| journey.department(*d).is_some());
        self.chip = self.chip.filter(|&(step, index)| {
            journey
                .step(step)
                .is_some_and(|s| index < s.initiatives.len())
        });
    }
}
