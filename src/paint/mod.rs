//! [`Scene`] + [`Theme`] → epaint shapes: the only code that draws the diagram, used by the
//! canvas and the PNG export alike, so what the workshop sees is what the slide shows.

pub mod clip;
pub mod face;
pub mod icons;
mod kpi;
pub mod legend;
pub mod nps;
mod strategy;
pub mod text;
pub mod theme;

use crate::i18n::{Lang, T};
use crate::layout::labels::{LABEL_MAX_W, LABEL_PAD};
use crate::layout::{Card, Connector, Metrics, Scene, fit};
use crate::model::{Journey, StepId, StepKind};
use egui::emath::TSTransform;
use egui::epaint::{CornerRadius, PathStroke, TextShape};
use egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use std::collections::BTreeSet;
pub use theme::Theme;

/// Optional layers of the diagram, switched on and off together for screen and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[allow(clippy::struct_excessive_bools)] // independent on/off switches, persisted as they are
pub struct Layers {
    /// Faces, emotion names and pain-point / delight badges on the cards.
    pub emotions: bool,
    /// The emotion-curve lane under the diagram.
    pub curve: bool,
    /// NPS badge, change arrow and stacked bar on each card (when there are survey waves).
    pub nps: bool,
    /// Cards tinted by their NPS (with the NPS layer).
    pub nps_heat: bool,
    /// The initiative lanes under the diagram, and the departments' dots on the cards.
    pub initiatives: bool,
    /// Customer flow (the latest flow wave): links as wide as the customers along them, with
    /// their shares of the step's customers leaving as labels.
    pub flow: bool,
    /// The KPI lane under the diagram: customers, repeat rate and NPS per phase.
    pub kpi: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            emotions: true,
            curve: true,
            nps: true,
            nps_heat: false,
            initiatives: true,
            flow: false,
            kpi: false,
        }
    }
}

impl Layers {
    /// What the layout must make room for with these layers on, at `metrics`.
    #[must_use]
    pub fn layout_options(self, metrics: Metrics) -> crate::layout::Options {
        crate::layout::Options {
            emotion_lane: self.curve,
            nps_strip: self.nps,
            initiative_lanes: self.initiatives,
            flow: self.flow,
            kpi: self.kpi,
            metrics,
        }
    }
}

/// How to draw: where the diagram lands on screen, in which colours, what is highlighted.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// Diagram units → screen points.
    pub to_screen: TSTransform,
    /// Colours.
    pub theme: &'a Theme,
    /// Selected steps (outlined).
    pub selected: &'a BTreeSet<StepId>,
    /// The step under the pointer.
    pub hovered: Option<StepId>,
    /// Which optional layers to draw.
    pub layers: Layers,
    /// The language of the diagram's words (axes, lanes, emotion names); the texts come from
    /// [`crate::i18n`].
    pub lang: Lang,
    /// The survey wave whose figures the NPS layer shows.
    pub wave: Option<&'a crate::nps::WaveStats>,
    /// The department whose initiatives stand out; everything else fades.
    pub highlight: Option<crate::model::DepartmentId>,
}

/// Below this zoom, text is too small to read and is not laid out (keeps huge maps fast).
const MIN_TEXT_ZOOM: f32 = 0.3;
/// Room around the painter's clip rectangle (screen points) that lines are still drawn in,
/// so strokes and dashes run cleanly off its edges.
const CLIP_MARGIN: f32 = 32.0;
/// The most dashes one paint draws: past it, every dash pattern is stretched alike (a
/// journey with thousands of descending links across the screen stays a few MB of shapes).
const MAX_DASHES: f32 = 100_000.0;
/// The most link labels one paint draws; beyond that many on screen they pile up unreadably
/// (the layout reports them as crowded), and each costs a text layout.
const MAX_LABELS_DRAWN: usize = 2_000;

/// Draws the journey. Only what intersects the painter's clip rectangle is drawn, and the
/// work stays bounded whatever the journey holds: lines are clipped before they are dashed,
/// texts cut to what can show before they are laid out.
pub fn paint(painter: &Painter, journey: &Journey, scene: &Scene, view: &View<'_>) {
    let visible = view.to_screen.inverse() * painter.clip_rect();
    let mut shapes = Vec::with_capacity(scene.cards.len().min(4_096) * 4 + 64);
    let clip = painter.clip_rect().expand(CLIP_MARGIN);
    let p = Pen {
        painter,
        view,
        zoom: view.to_screen.scaling,
        m: &scene.metrics,
        curve_shown: view.layers.curve && scene.lane.is_some(),
        clip,
        dash_scale: dash_scale(scene, view, visible, clip),
        flow: crate::layout::flow::latest(journey)
            .filter(|_| view.layers.flow)
            .map(|w| {
                let busiest = journey.links.iter().map(|l| w.moved(l.from, l.to)).max();
                (w, busiest.unwrap_or(0))
            }),
    };
    p.bands(journey, scene, visible, &mut shapes);
    p.axes(scene, &mut shapes);
    for c in scene
        .connectors
        .iter()
        .filter(|c| c.bounds.expand(4.0).intersects(visible))
    {
        p.connector(c, &mut shapes);
    }
    // A label is drawn within its frame's width of the frame the layout estimated.
    let labels = scene.connectors.iter().filter(|c| {
        c.label_rect
            .is_some_and(|r| r.expand(LABEL_MAX_W).intersects(visible))
    });
    for c in labels.take(MAX_LABELS_DRAWN) {
        if let (Some((at, align)), Some(i)) = (c.label_at, journey.link_index(c.from, c.to)) {
            p.link_label(
                at,
                align,
                &journey.links[i].label,
                c.descending,
                &mut shapes,
            );
        }
    }
    for card in scene.cards.iter().filter(|c| c.rect.intersects(visible)) {
        p.card(journey, card, &mut shapes);
        if view.layers.initiatives {
            p.card_departments(journey, card, &mut shapes);
        }
        p.card_fade(journey, card, &mut shapes);
    }
    if p.flow.is_some() && p.text_visible() {
        p.ended_here(scene, visible, &mut shapes);
    }
    if let Some(lane) = scene.lane.as_ref().filter(|_| view.layers.curve) {
        p.lane(lane, &mut shapes);
    }
    if let Some(s) = scene.strategy.as_ref().filter(|_| view.layers.initiatives) {
        p.strategy(journey, s, &mut shapes);
    }
    if let Some(k) = scene.kpi.as_ref().filter(|_| view.layers.kpi) {
        p.kpi(journey, k, &mut shapes);
    }
    painter.extend(shapes);
}

/// How much to stretch every dash pattern so that one paint draws at most [`MAX_DASHES`]
/// dashes: 1 unless thousands of dashed lines cross the screen.
fn dash_scale(scene: &Scene, view: &View<'_>, visible: Rect, clip: Rect) -> f32 {
    let to_screen = view.to_screen;
    let zoom = to_screen.scaling;
    // Dashes along a line given in screen points.
    let dashes =
        |line: &[Pos2], period: f32| clip::visible_length(line, clip) / f64::from(period.max(1e-6));
    let mut count: f64 = scene
        .connectors
        .iter()
        .filter(|c| c.descending && c.bounds.expand(4.0).intersects(visible))
        .map(|c| dashes(&connector_line(&c.points, to_screen), 12.0 * zoom))
        .sum();
    if let Some(lane) = scene.lane.as_ref().filter(|_| view.layers.curve) {
        let z = zoom.max(0.3);
        let zero = [
            pos2(lane.rect.left(), lane.y_of(0.0)),
            pos2(lane.rect.right(), lane.y_of(0.0)),
        ];
        count += dashes(&zero.map(|p| to_screen * p), 8.0 * z);
        count += lane
            .segments
            .iter()
            .filter(|s| !s.main || s.descending)
            .map(|s| dashes(&[to_screen * s.from, to_screen * s.to], 10.0 * z))
            .sum::<f64>();
    }
    let scale = count / f64::from(MAX_DASHES);
    if scale.is_finite() {
        scale.clamp(1.0, 1e12) as f32
    } else {
        1.0
    }
}

/// Drawing helpers bound to one painter and view.
struct Pen<'a> {
    painter: &'a Painter,
    view: &'a View<'a>,
    zoom: f32,
    /// The sizes the scene was laid out with.
    m: &'a Metrics,
    /// The emotion-curve lane is drawn.
    curve_shown: bool,
    /// Where lines are drawn (screen): the painter's clip rectangle with a margin.
    clip: Rect,
    /// How much every dash pattern is stretched (see [`dash_scale`]).
    dash_scale: f32,
    /// With the flow layer: the wave, and the customers of its busiest link.
    flow: Option<(&'a crate::model::FlowWave, u64)>,
}

impl Pen<'_> {
    fn pos(&self, p: Pos2) -> Pos2 {
        self.view.to_screen * p
    }

    fn rect(&self, r: Rect) -> Rect {
        self.view.to_screen * r
    }

    fn text_visible(&self) -> bool {
        self.zoom >= MIN_TEXT_ZOOM
    }

    fn font(&self, size: f32) -> FontId {
        FontId::proportional(size * self.zoom)
    }

    /// Lays out text wrapped to `width` diagram units in at most `rows` rows, with an
    /// ellipsis when it does not fit, broken by the rules of each script ([`text`]: UAX #14,
    /// kinsoku, no lone last character; inside a word only when it is wider than a row).
    /// Only what can show is laid out (a title may be as long as a file, a row as wide as a
    /// phase a million units long).
    fn wrapped(&self, text: &str, size: f32, colour: Color32, width: f32, rows: usize) -> Shape {
        // A row wider than the screen (a phase a million units long) shows at most a
        // screen's width of it.
        let seen = width.min(self.clip.width() / self.zoom);
        let text = clip::shown_text(text, size, seen, rows);
        let galley = text::galley(
            self.painter,
            &text,
            self.font(size),
            colour,
            width * self.zoom,
            rows,
        );
        Shape::galley(Pos2::ZERO, galley, colour)
    }

    fn bands(&self, journey: &Journey, scene: &Scene, visible: Rect, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let grid = Stroke::new(1.0, theme.grid);
        let shown =
            |band: &&crate::layout::LevelBand| band.rect.union(band.label_rect).intersects(visible);
        for band in scene.levels.iter().filter(shown) {
            out.push(Shape::rect_filled(
                self.rect(band.rect.union(band.label_rect)),
                0.0,
                theme.band[band.index % 2],
            ));
            let y = self.pos(band.rect.left_top()).y;
            out.push(Shape::line_segment(
                [
                    pos2(self.pos(band.label_rect.left_top()).x, y),
                    pos2(self.pos(band.rect.right_top()).x, y),
                ],
                grid,
            ));
        }
        for (band, phase) in scene.phases.iter().zip(&journey.phases) {
            if !band.rect.union(band.header).intersects(visible) {
                continue;
            }
            let colour = rgb(phase.colour);
            out.push(Shape::rect_filled(
                self.rect(band.rect),
                0.0,
                colour.gamma_multiply(0.10),
            ));
            let x = self.pos(band.rect.left_top()).x;
            out.push(Shape::line_segment(
                [
                    pos2(x, self.pos(band.header.left_bottom()).y),
                    pos2(x, self.pos(band.rect.left_bottom()).y),
                ],
                Stroke::new(1.0, colour.gamma_multiply(0.6)),
            ));
            let header = self.rect(band.header.shrink2(vec2(1.0, 0.0)));
            out.push(Shape::rect_filled(header, CornerRadius::same(4), colour));
            if self.text_visible() {
                // As many rows as the header has room for (the layout made room for every
                // name): a short phase's name wraps instead of being cut.
                let rows = ((band.header.height() - 4.0) / (self.m.label_size * fit::LINE))
                    .floor()
                    .clamp(1.0, fit::PHASE_ROWS as f32) as usize;
                let text = self.wrapped(
                    &phase.name,
                    self.m.label_size,
                    Theme::text_on(colour),
                    band.header.width() - 12.0,
                    rows,
                );
                out.push(centred(text, header.center()));
            }
        }
        if !self.text_visible() {
            return;
        }
        for (band, level) in scene.levels.iter().zip(&journey.levels) {
            if !shown(&band) {
                continue;
            }
            let r = band.label_rect.shrink2(vec2(fit::GUTTER_PAD, 6.0));
            let label = self.wrapped(
                &level.label,
                self.m.label_size + 1.0,
                theme.text,
                r.width(),
                fit::LEVEL_LABEL_ROWS,
            );
            let label_h = shape_height(&label);
            let at = self.pos(r.left_top());
            out.push(translated(label, at));
            let row_h = self.m.small_size * 1.2 * self.zoom;
            if !level.description.is_empty() && r.height() * self.zoom > label_h + row_h {
                let rows = ((r.height() * self.zoom - label_h) / row_h) as usize;
                let desc = self.wrapped(
                    &level.description,
                    self.m.small_size,
                    theme.muted,
                    r.width(),
                    rows.clamp(1, fit::LEVEL_DESCRIPTION_ROWS),
                );
                out.push(translated(desc, at + vec2(0.0, label_h + 2.0 * self.zoom)));
            }
        }
    }

    fn axes(&self, scene: &Scene, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let stroke = Stroke::new(2.0 * self.zoom.max(0.5), theme.text);
        let [a, b] = scene.time_axis.map(|p| self.pos(p));
        arrow(out, a, b, stroke, 10.0 * self.zoom);
        let [c, d] = scene.affinity_axis.map(|p| self.pos(p));
        arrow(out, c, d, stroke, 10.0 * self.zoom);
        if !self.text_visible() {
            return;
        }
        let font = self.font(self.m.label_size + 1.0);
        let label = self.painter.layout_no_wrap(
            T::TimeAxis.text(self.view.lang).to_owned(),
            font.clone(),
            theme.text,
        );
        let at = pos2(b.x - label.size().x, b.y + 6.0 * self.zoom);
        out.push(Shape::galley(at, label, theme.text));
        // The affinity label runs up the axis, rotated a quarter turn.
        let label = self.painter.layout_no_wrap(
            T::AffinityAxis.text(self.view.lang).to_owned(),
            font,
            theme.text,
        );
        let strip_x = self.pos(pos2(self.m.axis_label_w / 2.0, 0.0)).x;
        let mid_y = f32::midpoint(c.y, d.y);
        let at = pos2(strip_x - label.size().y / 2.0, mid_y + label.size().x / 2.0);
        out.push(
            TextShape::new(at, label, theme.text)
                .with_angle(-std::f32::consts::FRAC_PI_2)
                .into(),
        );
    }

    /// The flow layer's ended-here markers: 「↓ 64」 just under each card where customers'
    /// journeys ended (the goal's are everyone who arrived, so it has none), drawn only where
    /// the mark touches no card and no link label.
    fn ended_here(&self, scene: &Scene, visible: Rect, out: &mut Vec<Shape>) {
        let Some((wave, _)) = self.flow else {
            return;
        };
        let size = self.m.small_size;
        for card in scene.cards.iter().filter(|c| c.rect.intersects(visible)) {
            let ended = wave.steps.get(&card.step).map_or(0, |f| f.ended);
            if ended == 0 || card.kind == StepKind::Goal {
                continue;
            }
            let text = format!("↓ {ended}");
            let w = size * (0.6 * text.chars().count() as f32 + 0.4);
            let mark = Rect::from_min_size(
                pos2(card.rect.center().x - w / 2.0, card.rect.bottom() + 2.0),
                vec2(w, size * 1.2),
            );
            let clear = scene
                .cards
                .iter()
                .all(|c| c.step == card.step || !c.rect.intersects(mark))
                && scene
                    .connectors
                    .iter()
                    .filter_map(|c| c.label_rect)
                    .all(|r| !r.intersects(mark));
            if !clear {
                continue;
            }
            let colour = self.view.theme.muted;
            let galley = self.painter.layout_no_wrap(text, self.font(size), colour);
            let at = self.pos(mark.center_top()) - vec2(galley.size().x / 2.0, 0.0);
            out.push(Shape::galley(at, galley, colour));
        }
    }

    fn connector(&self, c: &Connector, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let pts: Vec<Pos2> = c.points.iter().map(|p| self.pos(*p)).collect();
        let line = connector_line(&c.points, self.view.to_screen);
        // With the flow layer, as wide as its customers: 1 to 12 units, the busiest link
        // widest (a link no one took stays a thin line).
        let width = match self.flow {
            Some((wave, busiest)) if busiest > 0 => {
                #[allow(clippy::cast_precision_loss)] // a share of the busiest link
                let share = wave.moved(c.from, c.to) as f32 / busiest as f32;
                (1.0 + 11.0 * share) * self.zoom.max(0.4)
            }
            _ => 2.5 * self.zoom.max(0.4),
        };
        let (colour, n) = (
            if c.descending {
                theme.descend
            } else {
                theme.link
            },
            pts.len(),
        );
        if n < 2 {
            return;
        }
        let head = arrow_head(self.zoom);
        let dir = (pts[n - 1] - pts[n - 2]).normalized();
        if c.descending {
            clip::dashed(
                out,
                &line,
                self.clip,
                Stroke::new(width, colour),
                7.0 * self.zoom * self.dash_scale,
                5.0 * self.zoom * self.dash_scale,
            );
            // Down marker: a filled triangle pointing down on the riser the layout chose.
            let m = self.pos(
                c.marker
                    .unwrap_or_else(|| crate::layout::connector::riser_mid(&c.points)),
            );
            let s = 7.0 * self.zoom.max(0.4);
            out.push(Shape::convex_polygon(
                vec![
                    pos2(m.x - s, m.y - s * 0.6),
                    pos2(m.x + s, m.y - s * 0.6),
                    pos2(m.x, m.y + s * 0.9),
                ],
                colour,
                Stroke::new(1.5 * self.zoom.max(0.4), theme.background),
            ));
        } else {
            out.push(Shape::line(line, PathStroke::new(width, colour)));
        }
        let tip = pts[n - 1];
        let side = vec2(-dir.y, dir.x) * head * 0.5;
        out.push(Shape::convex_polygon(
            vec![tip, tip - dir * head + side, tip - dir * head - side],
            colour,
            Stroke::NONE,
        ));
    }

    fn link_label(
        &self,
        at: Pos2,
        align: Align2,
        text: &str,
        descending: bool,
        out: &mut Vec<Shape>,
    ) {
        if !self.text_visible() {
            return;
        }
        let theme = self.view.theme;
        let colour = if descending {
            theme.descend
        } else {
            theme.link
        };
        let label = self.wrapped(text, self.m.link_label_size(), theme.text, LABEL_MAX_W, 1);
        let size = shape_size(&label);
        let pad = LABEL_PAD * self.zoom;
        let bg = align.anchor_size(self.pos(at), size + pad * 2.0);
        out.push(Shape::rect_filled(
            bg,
            CornerRadius::same(3),
            theme.label_fill,
        ));
        out.push(Shape::rect_stroke(
            bg,
            CornerRadius::same(3),
            Stroke::new(1.0, colour),
            StrokeKind::Inside,
        ));
        out.push(centred(label, bg.center()));
    }

    fn card(&self, journey: &Journey, card: &Card, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let Some(step) = journey.step(card.step) else {
            return;
        };
        let r = self.rect(card.rect);
        let z = self.zoom.max(0.25);
        let mut tinted = false;
        let (fill, text, border) = match card.kind {
            StepKind::Start => (
                theme.start,
                theme.start_text,
                Stroke::new(1.5 * z, theme.start),
            ),
            StepKind::Goal => (
                theme.goal,
                theme.goal_text,
                Stroke::new(3.0 * z, theme.goal_text),
            ),
            StepKind::Step => {
                let heat = (self.view.layers.nps && self.view.layers.nps_heat)
                    .then(|| self.view.wave?.steps.get(&card.step))
                    .flatten()
                    .map(|s| nps::nps_colour(s.summary.nps));
                let fill = heat.unwrap_or(theme.card);
                tinted = heat.is_some();
                let text = if heat.is_some() {
                    Theme::text_on(fill)
                } else {
                    theme.card_text
                };
                (fill, text, Stroke::new(1.2 * z, theme.card_border))
            }
        };
        let radius = CornerRadius::same(
            (if card.kind == StepKind::Step {
                6.0
            } else {
                14.0
            } * z)
                .clamp(0.0, 255.0) as u8,
        );
        // A soft shadow lifts the card off the bands.
        out.push(Shape::rect_filled(
            r.translate(vec2(1.5, 2.0) * z),
            radius,
            Color32::from_black_alpha(28),
        ));
        out.push(Shape::rect_filled(r, radius, fill));
        out.push(Shape::rect_stroke(r, radius, border, StrokeKind::Inside));
        let selected = self.view.selected.contains(&card.step);
        if selected || self.view.hovered == Some(card.step) {
            let w = if selected { 3.0 } else { 1.5 } * z;
            out.push(Shape::rect_stroke(
                r.expand(2.0 * z),
                radius,
                Stroke::new(w, theme.selection),
                StrokeKind::Outside,
            ));
        }
        if let Some(strip) = card.strip.filter(|_| self.view.layers.nps) {
            let stats = self.view.wave.and_then(|w| w.steps.get(&card.step));
            if stats.is_some() || card.kind == StepKind::Step {
                self.nps_strip(strip, stats, text, tinted, out);
            }
        }
        if !self.text_visible() {
            return;
        }
        let body = card.body();
        // Icon column at the left: the channel, or a flag / star for start and goal.
        // On a slide without the curve lane, the face is the only sign of the emotion.
        let marks = self.m.card_marks || !self.curve_shown;
        let icon = match card.kind {
            StepKind::Start => Some(icons::Icon::Start),
            StepKind::Goal => Some(icons::Icon::Goal),
            StepKind::Step => step
                .touchpoint
                .as_ref()
                .filter(|_| self.m.card_marks)
                .map(|t| icons::Icon::Channel(t.channel)),
        };
        let pad = 7.0;
        let mut text_left = body.left() + pad;
        let square = Rect::from_min_size(pos2(text_left, body.top() + pad), vec2(16.0, 16.0));
        if let Some(icon) = icon {
            icons::draw(out, icon, self.rect(square), text);
            text_left += 16.0 + 6.0;
        }
        // A purchase step: ¥ in the icon column, or on the channel icon's corner.
        if step.purchase && self.m.card_marks && card.kind == StepKind::Step {
            let (at, size) = if icon.is_some() {
                (square.right_bottom() + vec2(1.0, 1.0), 9.0)
            } else {
                text_left += 16.0 + 6.0;
                (square.center(), 15.0)
            };
            let galley = self
                .painter
                .layout_no_wrap("¥".to_owned(), self.font(size), text);
            let at = self.pos(at) - galley.size() / 2.0;
            out.push(Shape::galley(at, galley, text));
        }
        let mut text_right = body.right() - pad;
        let emotion = &step.emotion;
        // Secondary text (the emotion's name) in the card's own ink on a tinted card, where
        // the theme's grey would vanish.
        let secondary = if tinted { text } else { theme.muted };
        if self.view.layers.emotions
            && !emotion.is_empty()
            && self.emotion_marks(card, emotion, marks, text, secondary, out)
        {
            text_right -= 22.0;
        }
        // The start and goal cards show their title under the icon row across the card's
        // whole width, as many rows as the layout made them tall for: the journey's first
        // and last words are never cut.
        let (rows, width, area) = if card.kind == StepKind::Step {
            let rows = if self.m.whole_titles {
                ((body.height() - 2.0 * fit::CARD_PAD) / (self.m.title_size * fit::LINE))
                    .floor()
                    .max(1.0) as usize
            } else {
                self.m.title_rows
            };
            (rows, text_right - text_left, body)
        } else {
            let area =
                Rect::from_min_max(pos2(body.left(), body.top() + fit::ICON_ROW_H), body.max);
            text_left = body.left() + pad;
            let rows = ((area.height() - 2.0 * fit::CARD_PAD) / (self.m.title_size * fit::LINE))
                .floor()
                .max(1.0) as usize;
            (rows, body.width() - 2.0 * pad, area)
        };
        let title = self.wrapped(&step.title, self.m.title_size, text, width, rows);
        let h = shape_height(&title);
        let at = pos2(
            self.pos(pos2(text_left, 0.0)).x,
            self.rect(area).center().y - h / 2.0,
        );
        out.push(translated(title, at));
    }
}

impl Pen<'_> {
    /// The emotion-curve lane: its band and title, the zero line, the curve (the main path
    /// solid; branches and every descending step dashed, descending ones in the descend
    /// colour), and a point per rated step with its pain-point or delight badge.
    fn lane(&self, lane: &crate::layout::lane::Lane, out: &mut Vec<Shape>) {
        let theme = self.view.theme;
        let z = self.zoom.max(0.3);
        let gutter = Rect::from_min_max(
            pos2(self.m.axis_label_w, lane.rect.top()),
            pos2(lane.rect.left() - 12.0, lane.rect.bottom()),
        );
        out.push(Shape::rect_filled(
            self.rect(lane.rect.union(gutter)),
            0.0,
            theme.band[0],
        ));
        out.push(Shape::rect_stroke(
            self.rect(lane.rect),
            0.0,
            Stroke::new(1.0, theme.grid),
            StrokeKind::Inside,
        ));
        let zero = [
            pos2(lane.rect.left(), lane.y_of(0.0)),
            pos2(lane.rect.right(), lane.y_of(0.0)),
        ];
        clip::dashed(
            out,
            &zero.map(|p| self.pos(p)),
            self.clip,
            Stroke::new(1.0, theme.grid),
            4.0 * z * self.dash_scale,
            4.0 * z * self.dash_scale,
        );
        if self.text_visible() {
            // Smaller rather than split: the lane's title keeps its words whole in a narrow
            // gutter (the layout sizes the gutter for the levels' words, not this one's).
            // Left of the ticks (−2, +0, +2), which sit at the gutter's right end.
            let text = T::LayerCurve.text(self.view.lang);
            let width = gutter.width() - 20.0 - 30.0;
            let widest = crate::linebreak::widest_unbreakable_em(text);
            let size = if widest > 0.0 {
                (self.m.label_size + 1.0).min((width - 1.0) / widest)
            } else {
                self.m.label_size + 1.0
            };
            let title = self.wrapped(text, size.max(1.0), theme.text, width, 2);
            out.push(translated(
                title,
                self.pos(gutter.left_top() + vec2(10.0, 6.0)),
            ));
            for v in [-2i8, 0, 2] {
                let tick = self.wrapped(&format!("{v:+}"), self.m.small_size, theme.muted, 30.0, 1);
                let size = shape_size(&tick);
                let at = self.pos(pos2(lane.rect.left() - 6.0, lane.y_of(f32::from(v))));
                out.push(translated(tick, pos2(at.x - size.x, at.y - size.y / 2.0)));
            }
        }
        // Only segments and points near the screen (their marks are sized in screen points).
        let seen = |r: Rect| r.intersects(self.clip.expand(40.0 * z));
        for seg in lane
            .segments
            .iter()
            .filter(|s| seen(Rect::from_two_pos(self.pos(s.from), self.pos(s.to))))
        {
            let colour = if seg.descending {
                theme.descend
            } else {
                theme.link
            };
            let pts = [self.pos(seg.from), self.pos(seg.to)];
            if seg.main && !seg.descending {
                out.push(Shape::line_segment(pts, Stroke::new(3.0 * z, colour)));
            } else {
                clip::dashed(
                    out,
                    &pts,
                    self.clip,
                    Stroke::new(2.0 * z, colour),
                    6.0 * z * self.dash_scale,
                    4.0 * z * self.dash_scale,
                );
            }
        }
        for p in lane
            .points
            .iter()
            .filter(|p| seen(Rect::from_center_size(self.pos(p.pos), Vec2::ZERO)))
        {
            let c = self.pos(p.pos);
            let r = 6.0 * z;
            let marked = self.view.hovered == Some(p.step) || self.view.selected.contains(&p.step);
            if marked {
                out.push(Shape::circle_stroke(
                    c,
                    r + 4.0 * z,
                    Stroke::new(3.0 * z, theme.selection),
                ));
            }
            out.push(Shape::circle_filled(c, r, face::valence_colour(p.valence)));
            out.push(Shape::circle_stroke(c, r, Stroke::new(1.2 * z, theme.text)));
            if let Some(moment) = p.moment {
                let badge = c - vec2(0.0, r + 11.0 * z);
                face::moment_badge(out, moment, badge, 16.0 * z, theme);
            }
        }
    }

    /// The face (valence) when `face`, the emotion's name under it (canvas density only),
    /// and a pain-point or delight badge on the card's top-right corner. Returns whether the
    /// face or the name took the column at the card's right, which the title must keep clear.
    fn emotion_marks(
        &self,
        card: &Card,
        emotion: &crate::model::Emotion,
        face: bool,
        ink: Color32,
        secondary: Color32,
        out: &mut Vec<Shape>,
    ) -> bool {
        let theme = self.view.theme;
        let face_centre = pos2(card.rect.right() - 16.0, card.rect.top() + 18.0);
        let mut column = false;
        if let Some(valence) = emotion.valence.filter(|_| face) {
            face::face(out, self.pos(face_centre), 10.0 * self.zoom, valence, ink);
            column = true;
        }
        if let Some(feeling) = emotion.feeling.as_ref().filter(|_| self.m.card_marks) {
            column = true;
            let name = if self.view.lang == Lang::Ja {
                feeling.name_ja()
            } else {
                feeling.name_en()
            };
            let label = self.wrapped(name, self.m.small_size, secondary, 36.0, 1);
            let size = shape_size(&label);
            let at = self.pos(pos2(face_centre.x, card.body().bottom() - 3.0));
            out.push(translated(label, pos2(at.x - size.x / 2.0, at.y - size.y)));
        }
        if let Some(moment) = emotion.moment {
            let badge = self.pos(card.rect.right_top() + vec2(-2.0, -2.0));
            face::moment_badge(out, moment, badge, 18.0 * self.zoom, theme);
        }
        column
    }
}

/// Length of a connector's arrow head on screen at `zoom`.
fn arrow_head(zoom: f32) -> f32 {
    9.0 * zoom.max(0.4)
}

/// A connector's line on screen: its points, stopped short of the arrow head so the tip
/// stays sharp.
fn connector_line(points: &[Pos2], to_screen: TSTransform) -> Vec<Pos2> {
    let mut line: Vec<Pos2> = points.iter().map(|p| to_screen * *p).collect();
    let n = line.len();
    if n >= 2 {
        let dir = (line[n - 1] - line[n - 2]).normalized();
        line[n - 1] -= dir * arrow_head(to_screen.scaling) * 0.8;
    }
    line
}

/// Converts a model colour.
#[must_use]
pub fn rgb(c: crate::model::Rgb) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

fn shape_size(s: &Shape) -> egui::Vec2 {
    match s {
        Shape::Text(t) => t.galley.size(),
        _ => egui::Vec2::ZERO,
    }
}

fn shape_height(s: &Shape) -> f32 {
    shape_size(s).y
}

fn translated(mut s: Shape, to: Pos2) -> Shape {
    if let Shape::Text(t) = &mut s {
        t.pos = to;
    }
    s
}

fn centred(s: Shape, centre: Pos2) -> Shape {
    let size = shape_size(&s);
    translated(s, Align2::CENTER_CENTER.anchor_size(centre, size).min)
}

fn arrow(out: &mut Vec<Shape>, from: Pos2, to: Pos2, stroke: Stroke, head: f32) {
    let dir = (to - from).normalized();
    out.push(Shape::line_segment([from, to - dir * head * 0.8], stroke));
    let side = vec2(-dir.y, dir.x) * head * 0.5;
    out.push(Shape::convex_polygon(
        vec![to, to - dir * head + side, to - dir * head - side],
        stroke.color,
        Stroke::NONE,
    ));
}
