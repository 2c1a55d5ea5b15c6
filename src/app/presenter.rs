//! Presenter view (F5): the workshop on the projector. Full screen, no menus, toolbar or side
//! panel, large type; the journey is revealed phase by phase (Page Down / → next, Page Up / ←
//! back, Home the start only, End everything — what a clicker sends), the unrevealed phases
//! are not drawn at all, and the view glides to the newest one. A click or Enter on a step
//! puts it in the spotlight: its title, the customer's emotion and words, NPS and its
//! initiatives, large; typing there writes a sticky note that Enter adds to the step as an
//! idea (Tab cycles its department). The document cannot be changed by accident: no drag,
//! delete or link — notes (and undo) are the only edits. A corner shows the phase and the
//! timer.

use super::document::Document;
use super::timer::{self, Timer};
use super::view::ViewState;
use crate::edit::{Command, StepField};
use crate::i18n::{Lang, T};
use crate::layout::{Metrics, Scene};
use crate::model::{DepartmentId, Initiative, Journey, StepId};
use crate::paint::{self, Theme};
use egui::{Align2, Color32, FontId, Key, Rect, Sense, Stroke, Ui, pos2, vec2};

/// Presenter view's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presenter {
    /// Phases revealed, in time order: 0 shows only the start.
    pub revealed: usize,
    /// The step in the spotlight.
    pub spotlight: Option<StepId>,
    /// The sticky note being typed in the spotlight, and its department.
    pub note: String,
    /// The note's department (Tab cycles it).
    pub department: Option<DepartmentId>,
    /// The dot-voting board, when open (it takes the map's place).
    pub board: Option<super::vote::Board>,
    /// The voting sessions dialog, when open.
    pub setup: Option<super::vote::Setup>,
}

/// Large type for the room: card titles of 26 units, which the view draws at 24 px or more
/// on a 1080-pixel-high screen whenever the staircase's height allows (it frames the height
/// of the diagram and scrolls in time).
pub const METRICS: Metrics = Metrics {
    // Steps one unit of time apart stand side by side (not stacked in lanes): the view
    // scrolls in time instead, so the staircase's height decides the type size.
    unit_t: 190.0,
    card_w: 168.0,
    card_h: 84.0,
    title_size: 26.0,
    label_size: 22.0,
    small_size: 20.0,
    title_rows: 3,
    gutter_w: 200.0,
    header_h: 44.0,
    axis_h: 48.0,
    ..Metrics::SLIDE
};

/// The layers presenter view draws: the staircase, its links and faces (no NPS strips,
/// curve or lanes: the spotlight shows those for one step, large).
#[must_use]
pub fn layers(settings: paint::Layers) -> paint::Layers {
    paint::Layers {
        emotions: settings.emotions,
        curve: false,
        nps: false,
        nps_heat: false,
        initiatives: false,
        flow: false,
        kpi: false,
    }
}

impl Presenter {
    /// Starts with everything revealed up to the first phase (the start and its phase).
    #[must_use]
    pub fn new(journey: &Journey) -> Self {
        Self {
            revealed: 1.min(journey.phases.len()),
            ..Self::default()
        }
    }

    /// Reveals the next phase.
    pub fn next(&mut self, journey: &Journey) {
        self.revealed = (self.revealed + 1).min(journey.phases.len());
    }

    /// Hides the last revealed phase.
    pub fn back(&mut self) {
        self.revealed = self.revealed.saturating_sub(1);
    }

    /// The newest revealed phase (the first when none is): what a vote on "this phase"
    /// means.
    #[must_use]
    pub fn current_phase(&self, journey: &Journey) -> Option<crate::model::PhaseId> {
        let i = self.revealed.clamp(1, journey.phases.len().max(1)) - 1;
        journey.phases.get(i).map(|p| p.id)
    }

    /// Whether everything is revealed.
    #[must_use]
    pub fn all(&self, journey: &Journey) -> bool {
        self.revealed >= journey.phases.len()
    }

    /// Whether a step is revealed: the start always; a step in (or before the end of) a
    /// revealed phase; everything once every phase is.
    #[must_use]
    pub fn is_revealed(&self, journey: &Journey, id: StepId) -> bool {
        let Some(step) = journey.step(id) else {
            return false;
        };
        self.all(journey)
            || step.kind == crate::model::StepKind::Start
            || (self.revealed > 0 && step.t < journey.phases[self.revealed - 1].end)
    }

    /// The diagram X up to which the journey is drawn: the end of the last revealed phase
    /// (the start card's right edge when none is), and short of every unrevealed card, which
    /// may reach back over it; no limit when every phase is revealed.
    #[must_use]
    pub fn boundary(&self, journey: &Journey, scene: &Scene) -> f32 {
        if self.all(journey) {
            return f32::INFINITY;
        }
        let edge = if self.revealed == 0 {
            journey
                .start_step()
                .and_then(|s| scene.card(s.id))
                .map_or(scene.plot.left(), |c| c.rect.right() + METRICS.card_gap)
        } else {
            scene.x_of(journey.phases[self.revealed - 1].end)
        };
        journey
            .steps
            .iter()
            .filter(|s| !self.is_revealed(journey, s.id))
            .filter_map(|s| scene.card(s.id))
            .map(|c| c.rect.left() - METRICS.card_gap / 2.0)
            .fold(edge, f32::min)
    }
}

/// What presenter view asks the app to do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Asked {
    /// Edits (sticky notes).
    pub commands: Vec<Command>,
    /// What the voting board asks for.
    pub votes: Vec<super::vote::Asked>,
}

/// The whole window in presenter view.
pub fn show(
    ui: &mut Ui,
    doc: &Document,
    view: &mut ViewState,
    theme: &Theme,
    lang: Lang,
    layers: paint::Layers,
) -> Asked {
    let mut asked = Asked::default();
    let Some(mut p) = view.presenter.clone() else {
        return asked;
    };
    let j = doc.journey();
    let scene = doc.scene();
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click());
    view.canvas_rect = Some(rect);
    glide(ui, view, scene, p.boundary(j, scene), rect);
    let to_screen = view.camera.to_screen();
    let boundary = p.boundary(j, scene);
    // Only what is revealed is drawn: the painter stops at the boundary.
    let mut shown = rect;
    if boundary.is_finite() {
        shown.max.x = shown.max.x.min((to_screen * pos2(boundary, 0.0)).x);
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, theme.background);
    let selected = std::collections::BTreeSet::new();
    // Unrevealed steps are not drawn at all, nor the links (and their labels) that lead to
    // them, even where a line or label would reach back over the boundary.
    // (Filtered copy only while something is hidden: once everything is revealed, the
    // document's scene is drawn as it is.)
    let revealed = |id: StepId| p.is_revealed(j, id);
    let visible = (!p.all(j)).then(|| {
        let mut visible = scene.clone();
        visible.cards.retain(|c| revealed(c.step));
        visible
            .connectors
            .retain(|c| revealed(c.from) && revealed(c.to));
        visible
    });
    paint::paint(
        &ui.painter_at(shown),
        j,
        visible.as_ref().unwrap_or(scene),
        &paint::View {
            to_screen,
            theme,
            selected: &selected,
            hovered: None,
            layers,
            lang,
            wave: None,
            highlight: view.highlight,
        },
    );
    pinned_levels(&painter, rect, j, scene, view.camera.to_screen(), theme);
    // A click on a revealed card puts it in the spotlight; elsewhere, leaves it.
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let at = view.camera.to_diagram(pos);
        let card = scene.card_at(at).filter(|id| p.is_revealed(j, *id));
        if p.spotlight.is_some() || card.is_some() {
            p.spotlight = card;
            p.note.clear();
        }
    }
    corner(
        &painter,
        rect,
        j,
        &p,
        view.timer,
        ui.input(|i| i.time),
        theme,
        lang,
    );
    if let Some(id) = p.spotlight {
        spotlight(ui, rect, doc, &mut p, id, theme, lang, &mut asked);
    }
    super::canvas::toast(ui, &painter, view);
    view.presenter = Some(p);
    asked
}

/// Moves the camera towards framing what is revealed: the diagram's full height, and in time
/// up to the boundary (the newest phase at the right edge when all cannot fit).
fn glide(ui: &Ui, view: &mut ViewState, scene: &Scene, boundary: f32, rect: Rect) {
    let bounds = scene.bounds;
    let right = boundary.min(bounds.right()).max(bounds.left() + 1.0);
    let content = Rect::from_min_max(bounds.min, pos2(right, bounds.max.y));
    let margin = 24.0;
    let avail = rect.shrink(margin);
    let by_height = avail.height() / content.height().max(1.0);
    let by_width = avail.width() / content.width().max(1.0);
    // Large type first: the height decides, and time scrolls when the revealed part is
    // wider than the screen.
    let zoom = by_height
        .min(by_width.max(by_height.min(1.0)))
        .clamp(0.05, 4.0);
    let x = if content.width() * zoom <= avail.width() {
        avail.center().x - content.center().x * zoom
    } else {
        avail.right() - content.right() * zoom
    };
    let y = avail.center().y - content.center().y * zoom;
    let time = ui.style().animation_time * 4.0;
    let ctx = ui.ctx();
    let id = egui::Id::unique("presenter-camera");
    view.camera.zoom = ctx.animate_value_with_time(id.with("z"), zoom, time);
    view.camera.pan.x = ctx.animate_value_with_time(id.with("x"), x, time);
    view.camera.pan.y = ctx.animate_value_with_time(id.with("y"), y, time);
}

/// When the view has scrolled past the gutter, the levels' names stay pinned at the left
/// edge, on their bands, so the room still reads the staircase.
fn pinned_levels(
    painter: &egui::Painter,
    rect: Rect,
    j: &Journey,
    scene: &Scene,
    to_screen: egui::emath::TSTransform,
    theme: &Theme,
) {
    let gutter_right = (to_screen * pos2(scene.plot.left(), 0.0)).x;
    if gutter_right >= rect.left() + 40.0 {
        return; // the gutter itself is on screen
    }
    let width = 150.0;
    for (band, level) in scene.levels.iter().zip(&j.levels) {
        let r = to_screen * band.rect;
        let strip = Rect::from_min_max(
            pos2(rect.left(), r.top()),
            pos2(rect.left() + width, r.bottom()),
        );
        painter.rect_filled(strip, 0.0, theme.band[band.index % 2].gamma_multiply(0.92));
        painter.text(
            strip.left_center() + vec2(12.0, 0.0),
            Align2::LEFT_CENTER,
            &level.label,
            FontId::proportional(24.0),
            theme.text,
        );
    }
}

/// The phase shown and the timer, in the top-right corner.
#[allow(clippy::too_many_arguments)] // what the corner reads
pub(super) fn corner(
    painter: &egui::Painter,
    rect: Rect,
    j: &Journey,
    p: &Presenter,
    timer: Timer,
    now: f64,
    theme: &Theme,
    lang: Lang,
) {
    let mut text = if j.phases.is_empty() {
        String::new()
    } else {
        format!(
            "{} {}/{}",
            T::PhaseOf.text(lang),
            p.revealed,
            j.phases.len()
        )
    };
    let mut colour = theme.muted;
    match timer.shown(now) {
        timer::Shown::Left { secs, .. } => {
            text = format!("{text}   {} {}", T::Timer.text(lang), timer::clock(secs));
        }
        timer::Shown::Expired { since } => {
            text = format!("{text}   {} 0:00", T::Timer.text(lang));
            if (since * 2.0).floor() as i64 % 2 == 0 {
                colour = crate::paint::nps::DETRACTOR;
            }
        }
        timer::Shown::Nothing => {}
    }
    painter.text(
        rect.right_top() + vec2(-24.0, 16.0),
        Align2::RIGHT_TOP,
        text.trim(),
        FontId::proportional(30.0),
        colour,
    );
}

/// The spotlight: a large panel over the dimmed diagram with the step's words, emotion, NPS
/// and initiatives, and the sticky-note field.
#[allow(clippy::too_many_arguments)] // the panel reads the document and edits the note
fn spotlight(
    ui: &mut Ui,
    rect: Rect,
    doc: &Document,
    p: &mut Presenter,
    id: StepId,
    theme: &Theme,
    lang: Lang,
    asked: &mut Asked,
) {
    let j = doc.journey();
    let Some(step) = j.step(id) else {
        p.spotlight = None;
        return;
    };
    ui.painter()
        .rect_filled(rect, 0.0, theme.background.gamma_multiply(0.85));
    let panel = Rect::from_center_size(rect.center(), rect.size() * vec2(0.7, 0.8));
    let big = |ui: &mut Ui, text: &str, size: f32, colour: Color32| {
        ui.add(egui::Label::new(egui::RichText::new(text).size(size).color(colour)).wrap());
    };
    ui.scope_builder(egui::UiBuilder::new().max_rect(panel), |ui| {
        egui::Frame::popup(ui.style())
            .fill(theme.card)
            .stroke(Stroke::new(2.0, theme.card_border))
            .inner_margin(24.0)
            .show(ui, |ui| {
                ui.set_width(panel.width() - 48.0);
                big(ui, &step.title, 40.0, theme.card_text);
                if let Some(level) = j.level(step.level) {
                    big(ui, &level.label, 24.0, theme.muted);
                }
                let e = &step.emotion;
                let feeling = e.feeling.as_ref().map(|f| match lang {
                    Lang::Ja => f.name_ja(),
                    Lang::En => f.name_en(),
                });
                let valence = e.valence.map(|v| format!("{v:+}"));
                let emotion: Vec<&str> = [feeling, valence.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if !emotion.is_empty() {
                    big(ui, &emotion.join("  "), 28.0, theme.card_text);
                }
                if !e.quote.is_empty() {
                    big(ui, &format!("「{}」", e.quote), 30.0, theme.card_text);
                }
                if !e.thinks.is_empty() {
                    big(ui, &e.thinks, 24.0, theme.muted);
                }
                if let Some(stats) = doc
                    .wave_stats(None)
                    .and_then(|w| w.steps.get(&id).map(|s| (w, s)))
                {
                    let (wave, s) = stats;
                    big(
                        ui,
                        &format!(
                            "NPS {:+.0}  (n={}, {})",
                            s.summary.nps, s.summary.n, wave.name
                        ),
                        26.0,
                        theme.card_text,
                    );
                }
                ui.add_space(12.0);
                for i in &step.initiatives {
                    let department = super::initiatives::department_name(j, i.department, lang);
                    let colour = i
                        .department
                        .and_then(|d| j.department(d))
                        .map_or(theme.muted, |d| paint::rgb(d.colour));
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(colour, egui::RichText::new("■").size(24.0));
                        big(
                            ui,
                            &format!("{}  — {department}", i.text),
                            24.0,
                            theme.card_text,
                        );
                    });
                }
                ui.add_space(12.0);
                note_field(ui, j, p, id, lang, asked);
            });
    });
}

/// The sticky note: typing writes it (IME works), Tab cycles its department, Enter adds it
/// to the step as an idea (one undo step).
fn note_field(
    ui: &mut Ui,
    j: &Journey,
    p: &mut Presenter,
    id: StepId,
    lang: Lang,
    asked: &mut Asked,
) {
    let department = super::initiatives::department_name(j, p.department, lang);
    ui.label(
        egui::RichText::new(format!(
            "＋ {}  ({department} — Tab)",
            T::AddInitiative.text(lang)
        ))
        .size(20.0),
    );
    let field = egui::TextEdit::singleline(&mut p.note)
        .id(egui::Id::unique(("presenter-note", id)))
        .lock_focus(true)
        .font(FontId::proportional(26.0))
        .desired_width(f32::INFINITY)
        .char_limit(crate::model::limits::MAX_TEXT_CHARS);
    let response = ui.add(field);
    if !response.has_focus() {
        response.request_focus();
    }
    let (enter, tab) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Tab)));
    if tab {
        p.department = super::initiatives::next_department(j, p.department);
    }
    if enter {
        let text = p.note.trim().to_owned();
        if !text.is_empty()
            && let Some(step) = j.step(id)
        {
            let mut list = step.initiatives.clone();
            list.push(Initiative {
                text,
                department: p.department,
                ..Initiative::default()
            });
            asked
                .commands
                .push(Command::EditStep(id, StepField::Initiatives(list)));
        }
        p.note.clear();
    }
}
