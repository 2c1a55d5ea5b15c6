//! The page furniture of an exported slide: the title block (title, persona, brand, wave,
//! date) and the legend explaining the levels, the staircase and descending line styles, the
//! emotion scale and the NPS colours. Drawn with the same marks the diagram uses.

use super::clip::{ELLIPSIS, shown_text};
use super::face;
use super::nps::{DETRACTOR, PASSIVE, PROMOTER, nps_colour};
use super::{Layers, Theme};
use crate::i18n::{Lang, T};
use crate::model::{Journey, Moment};
use egui::text::LayoutJob;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Text sizes of the page furniture, in points (at 1920×1080 one point is one pixel).
pub const LEGEND_TEXT: f32 = 15.0;
// The smallest text of the legend and title block, readable on a projected slide.
const _: () = assert!(LEGEND_TEXT >= 14.0, "a slide's text is at least 14 points");
/// Legend headings.
pub const LEGEND_HEADING: f32 = 17.0;
/// The journey's title in the title block.
pub const TITLE_TEXT: f32 = 28.0;

/// Rows a legend entry (a level's label) may take before it ends in an ellipsis.
const ENTRY_ROWS: usize = 3;

/// Height of the title block's title and details rows.
pub const TITLE_BLOCK_H: f32 = 76.0;
/// Text size of the start and goal statements in the title block.
pub const STATEMENT_TEXT: f32 = 16.0;
/// Rows a statement may take: the workshop's conclusion is shown whole; only a text of
/// hundreds of characters ends in an ellipsis.
pub const STATEMENT_ROWS: usize = 5;
/// Height of a statement's heading row.
const STATEMENT_HEADING_H: f32 = LEGEND_TEXT * 1.3;
/// Width of the arrow column between the start and the goal statements.
const STATEMENT_ARROW_W: f32 = 40.0;
/// Widest share of the title block the title takes when the statements sit beside it.
const TITLE_SHARE: f32 = 0.55;
/// Least share of the title block the title and details keep beside the statements.
const DETAILS_SHARE: f32 = 0.4;
/// Height of the title block with the statements beside the title: the title, and the
/// details in up to two rows.
const TITLE_BLOCK_BESIDE_H: f32 = TITLE_BLOCK_H + 6.0;
/// Gap between the title and the statements beside it.
const STATEMENT_GAP: f32 = 32.0;

/// Where the start and goal statements go in a title block: beside the title when it is short
/// enough (the block keeps its height, the diagram its size), under it otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
struct StatementsAt {
    /// Left edge, from the block's left.
    left: f32,
    /// Top edge, from the block's top.
    top: f32,
    /// Width of the start, arrow and goal columns together.
    width: f32,
    /// Rows of the taller statement.
    rows: usize,
}

impl StatementsAt {
    fn column(&self) -> f32 {
        ((self.width - STATEMENT_ARROW_W) / 2.0).max(1.0)
    }

    fn bottom(&self) -> f32 {
        self.top
            + STATEMENT_HEADING_H
            + self.rows as f32 * STATEMENT_TEXT * crate::layout::fit::LINE
            + 6.0
    }

    /// The statements' place in a block `width` wide, if there is any statement.
    fn of(journey: &Journey, width: f32) -> Option<Self> {
        let rows_in = |width: f32| {
            let column = ((width - STATEMENT_ARROW_W) / 2.0).max(1.0);
            [&journey.start_statement, &journey.goal_statement]
                .into_iter()
                .map(|s| crate::linebreak::rows_needed(s.trim(), STATEMENT_TEXT, column))
                .max()
                .unwrap_or(0)
                .min(STATEMENT_ROWS)
        };
        if rows_in(width) == 0 {
            return None;
        }
        let title_w: f32 = journey
            .title
            .chars()
            .take(200)
            .map(crate::linebreak::em_width)
            .sum::<f32>()
            * TITLE_TEXT;
        // Beside the title, the title and details keep a column as wide as the title (the
        // details may take two rows there).
        let left_w = title_w.max(width * DETAILS_SHARE);
        if left_w <= width * TITLE_SHARE {
            let beside = width - left_w - STATEMENT_GAP;
            let rows = rows_in(beside);
            let at = Self {
                left: width - beside,
                top: 0.0,
                width: beside,
                rows,
            };
            // Beside the title only if that keeps the block about as tall as it is.
            if at.bottom() <= TITLE_BLOCK_BESIDE_H {
                return Some(at);
            }
        }
        Some(Self {
            left: 0.0,
            top: TITLE_BLOCK_H - 8.0,
            width,
            rows: rows_in(width),
        })
    }
}

/// Height of the title block `width` wide: the title and details rows, with the start and
/// goal statements whole beside or under them.
#[must_use]
pub fn title_block_height(journey: &Journey, width: f32) -> f32 {
    StatementsAt::of(journey, width).map_or(TITLE_BLOCK_H, |at| {
        if at.top == 0.0 {
            TITLE_BLOCK_BESIDE_H
        } else {
            at.bottom() + 8.0
        }
    })
}

fn text(painter: &Painter, at: Pos2, align: Align2, s: &str, size: f32, colour: Color32) -> Rect {
    painter.text(at, align, s, FontId::proportional(size), colour)
}

/// Draws the title block across `rect`: the title, then persona, brand, wave and date.
pub fn title_block(
    painter: &Painter,
    rect: Rect,
    journey: &Journey,
    wave: Option<&str>,
    date: &str,
    theme: &Theme,
    lang: Lang,
) {
    // The title and details take the block's width, or the column beside the statements.
    let beside = StatementsAt::of(journey, rect.width()).filter(|at| at.top == 0.0);
    let width = beside.map_or(rect.width(), |at| at.left - STATEMENT_GAP);
    // Every text cut to what its rows can show before it is laid out.
    let shown = |text: &str, size: f32| shown_text(text, size, width, 1).into_owned();
    let mut job = LayoutJob::simple_singleline(
        shown(&journey.title, TITLE_TEXT),
        FontId::proportional(TITLE_TEXT),
        theme.text,
    );
    job.wrap.max_width = width;
    job.wrap.max_rows = 1;
    job.wrap.overflow_character = Some(ELLIPSIS);
    let galley = painter.layout_job(job);
    let title_h = galley.size().y;
    painter.galley(rect.left_top(), galley, theme.text);
    let mut parts = Vec::new();
    let size = LEGEND_TEXT + 1.0;
    if !journey.persona.name.is_empty() {
        parts.push(format!(
            "{}: {}",
            T::Persona.text(lang),
            shown(&journey.persona.name, size)
        ));
    }
    if !journey.brand.is_empty() {
        parts.push(format!(
            "{}: {}",
            T::Brand.text(lang),
            shown(&journey.brand, size)
        ));
    }
    if let Some(wave) = wave {
        parts.push(format!("{}: {}", T::Wave.text(lang), shown(wave, size)));
    }
    if !date.is_empty() {
        parts.push(shown(date, size));
    }
    // Two rows beside the statements, a size smaller (never under the slide's 14 points).
    let size = if beside.is_some() { LEGEND_TEXT } else { size };
    let galley = super::text::galley(
        painter,
        &parts.join("   ·   "),
        FontId::proportional(size),
        theme.muted,
        width,
        if beside.is_some() { 2 } else { 1 },
    );
    painter.galley(
        rect.left_top() + vec2(0.0, title_h + 6.0),
        galley,
        theme.muted,
    );
    statements(painter, rect, journey, theme, lang);
    painter.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        Stroke::new(1.0, theme.grid),
    );
}

/// Draws the start statement, an arrow, and the goal statement side by side (beside or under
/// the title), each under its heading and broken into as many rows as it needs.
fn statements(painter: &Painter, rect: Rect, journey: &Journey, theme: &Theme, lang: Lang) {
    let Some(at) = StatementsAt::of(journey, rect.width()) else {
        return;
    };
    let column = at.column();
    let left = rect.left() + at.left;
    let top = rect.top() + at.top;
    let columns = [
        (left, T::StartStatement.text(lang), &journey.start_statement),
        (
            left + column + STATEMENT_ARROW_W,
            T::GoalStatement.text(lang),
            &journey.goal_statement,
        ),
    ];
    for (left, heading, statement) in columns {
        if statement.trim().is_empty() {
            continue;
        }
        let heading = super::text::galley(
            painter,
            heading,
            FontId::proportional(LEGEND_TEXT),
            theme.muted,
            column,
            1,
        );
        painter.galley(pos2(left, top), heading, theme.muted);
        let galley = super::text::galley(
            painter,
            statement.trim(),
            FontId::proportional(STATEMENT_TEXT),
            theme.text,
            column,
            at.rows,
        );
        painter.galley(pos2(left, top + STATEMENT_HEADING_H), galley, theme.text);
    }
    let arrow_y = top + STATEMENT_HEADING_H + STATEMENT_TEXT * crate::layout::fit::LINE * 0.5;
    let x0 = left + column + 8.0;
    painter.arrow(
        pos2(x0, arrow_y),
        vec2(STATEMENT_ARROW_W - 16.0, 0.0),
        Stroke::new(2.0, theme.muted),
    );
}

/// What the legend explains: only what the diagram shows, given the journey, the layers
/// and the survey wave drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // one flag per legend entry
pub struct Shown {
    /// Some link goes down a level (dashed, ▼).
    pub descending: bool,
    /// Valences are drawn (faces or the curve's points).
    pub valence: bool,
    /// A pain-point badge is drawn.
    pub pain: bool,
    /// A delight badge is drawn.
    pub delight: bool,
    /// NPS strips are drawn.
    pub nps: bool,
    /// Cards are tinted by NPS.
    pub heat: bool,
    /// Some card shows a change since the previous wave.
    pub change: bool,
    /// Some card is marked as a small sample.
    pub small: bool,
    /// The initiative lanes are drawn.
    pub initiatives: bool,
    /// Some step has no initiative (its card carries a ring).
    pub silent: bool,
    /// Links are as wide as their customers (the flow layer, with a flow wave).
    pub flow: bool,
}

impl Shown {
    /// What a diagram of `journey` with `layers`, showing the wave `wave`, draws.
    #[must_use]
    pub fn of(journey: &Journey, layers: Layers, wave: Option<&crate::nps::WaveStats>) -> Self {
        let emotions = layers.emotions || layers.curve;
        let moment =
            |m: Moment| emotions && journey.steps.iter().any(|s| s.emotion.moment == Some(m));
        let stats = wave.filter(|_| layers.nps);
        let figures = || stats.into_iter().flat_map(|w| w.steps.values());
        Self {
            descending: journey.descending_links().next().is_some(),
            valence: emotions && journey.steps.iter().any(|s| s.emotion.valence.is_some()),
            pain: moment(Moment::PainPoint),
            delight: moment(Moment::Delight),
            nps: figures().next().is_some(),
            heat: layers.nps_heat && figures().next().is_some(),
            change: figures().any(|f| f.change.is_some()),
            small: figures().any(|f| f.summary.is_small()),
            initiatives: layers.initiatives
                && (!journey.departments.is_empty()
                    || journey.steps.iter().any(|s| !s.initiatives.is_empty())),
            silent: layers.initiatives
                && journey
                    .steps
                    .iter()
                    .any(|s| s.kind == crate::model::StepKind::Step && s.initiatives.is_empty()),
            flow: layers.flow && !journey.flows.is_empty(),
        }
    }
}

/// Draws the legend in the column `rect`, top down, explaining only what `shown` says the
/// diagram draws; returns the height used.
#[allow(clippy::must_use_candidate)] // drawing is the point; the height is extra
pub fn legend(
    painter: &Painter,
    rect: Rect,
    journey: &Journey,
    shown: Shown,
    theme: &Theme,
    lang: Lang,
) -> f32 {
    let left = rect.left();
    let mut y = rect.top();
    let row = LEGEND_TEXT * 1.6;
    let heading = |y: &mut f32, s: &str| {
        let r = text(
            painter,
            pos2(left, *y),
            Align2::LEFT_TOP,
            s,
            LEGEND_HEADING,
            theme.text,
        );
        *y = r.bottom() + 6.0;
    };
    // An entry's text sits right of its mark and wraps within the column, in at most
    // ENTRY_ROWS rows and no more than the column has left (a row is taller than the font
    // size): only that much of a level's label is laid out, and the rest of the legend
    // keeps its place.
    let entry = |y: &mut f32, s: &str, colour: Color32| {
        let width = (rect.width() - 40.0).max(40.0);
        let room = ((rect.bottom() - *y) / LEGEND_TEXT).floor().max(1.0) as usize;
        let rows = room.min(ENTRY_ROWS);
        // Broken by the painter's rules (kinsoku, no lone last character), as on the map.
        let galley = super::text::galley(
            painter,
            &shown_text(s, LEGEND_TEXT, width, rows),
            FontId::proportional(LEGEND_TEXT),
            colour,
            width,
            rows,
        );
        let h = galley.size().y;
        let top = *y + ((row - h) / 2.0).max(0.0);
        painter.galley(pos2(left + 40.0, top), galley, colour);
        *y = (*y + row).max(top + h + 2.0);
    };
    heading(&mut y, T::Legend.text(lang));

    // The levels, top (closest to the brand) first, as a small staircase.
    entry(&mut y, T::LegendLevels.text(lang), theme.muted);
    let n = journey.levels.len();
    for (i, level) in journey.levels.iter().rev().enumerate() {
        if y >= rect.bottom() {
            break; // the column is full
        }
        let step = (n - i) as f32;
        let w = 6.0 + step * 4.0;
        painter.rect_filled(
            Rect::from_min_size(pos2(left + 34.0 - w, y + 4.0), vec2(w, row - 8.0)),
            CornerRadius::same(2),
            theme.grid,
        );
        painter.rect_stroke(
            Rect::from_min_size(pos2(left + 34.0 - w, y + 4.0), vec2(w, row - 8.0)),
            CornerRadius::same(2),
            Stroke::new(1.0, theme.grid),
            egui::StrokeKind::Inside,
        );
        entry(&mut y, &level.label, theme.text);
    }
    y += 8.0;

    // Line styles.
    let mid = |y: f32| y + row / 2.0;
    let stroke = Stroke::new(2.5, theme.link);
    painter.line_segment([pos2(left, mid(y)), pos2(left + 30.0, mid(y))], stroke);
    painter.add(Shape::convex_polygon(
        vec![
            pos2(left + 32.0, mid(y)),
            pos2(left + 25.0, mid(y) - 4.5),
            pos2(left + 25.0, mid(y) + 4.5),
        ],
        theme.link,
        Stroke::NONE,
    ));
    entry(&mut y, T::LegendAscending.text(lang), theme.text);
    if shown.descending {
        let dashes = Shape::dashed_line(
            &[pos2(left, mid(y)), pos2(left + 30.0, mid(y))],
            Stroke::new(2.5, theme.descend),
            6.0,
            4.0,
        );
        painter.extend(dashes);
        text(
            painter,
            pos2(left + 15.0, mid(y) - 1.0),
            Align2::CENTER_BOTTOM,
            "▼",
            11.0,
            theme.descend,
        );
        entry(&mut y, T::LegendDescending.text(lang), theme.text);
    }
    if shown.flow
        && let Some(wave) = journey.flows.last()
    {
        // A thin and a thick line: width = customers, and what the shares mean.
        painter.line_segment(
            [pos2(left, mid(y) - 4.0), pos2(left + 30.0, mid(y) - 4.0)],
            Stroke::new(1.0, theme.link),
        );
        painter.line_segment(
            [pos2(left, mid(y) + 3.0), pos2(left + 30.0, mid(y) + 3.0)],
            Stroke::new(6.0, theme.link),
        );
        let name = &wave.name;
        let width = crate::i18n::say!(
            lang,
            "線の太さ = 顧客数（{name}）",
            "line width = customers ({name})"
        );
        entry(&mut y, &width, theme.text);
        // Then what the shares and the drops under the cards say, each beside its mark.
        let marked = [
            (
                "%",
                crate::i18n::say!(
                    lang,
                    "分岐でそのステップから進んだ顧客の割合",
                    "at a branch, the share of the step's customers going on"
                ),
            ),
            (
                "↓ N",
                crate::i18n::say!(
                    lang,
                    "そこで旅が終わった顧客数",
                    "customers whose journey ended there"
                ),
            ),
        ];
        for (mark, words) in marked {
            text(
                painter,
                pos2(left + 15.0, mid(y)),
                Align2::CENTER_CENTER,
                mark,
                LEGEND_TEXT,
                theme.text,
            );
            entry(&mut y, &words, theme.text);
        }
    }

    if shown.valence || shown.pain || shown.delight {
        y += 8.0;
        heading(&mut y, T::Emotion.text(lang));
    }
    if shown.valence {
        let radius = 11.0;
        for (i, valence) in (-2..=2i8).enumerate() {
            let centre = pos2(left + radius + i as f32 * (radius * 2.0 + 22.0), y + radius);
            let mut shapes = Vec::new();
            face::face(&mut shapes, centre, radius, valence, theme.text);
            painter.extend(shapes);
        }
        y += radius * 2.0 + 4.0;
        let scale_w = 5.0 * (radius * 2.0 + 22.0) - 22.0;
        text(
            painter,
            pos2(left, y),
            Align2::LEFT_TOP,
            T::EmotionLow.text(lang),
            LEGEND_TEXT,
            theme.muted,
        );
        text(
            painter,
            pos2(left + scale_w, y),
            Align2::RIGHT_TOP,
            T::EmotionHigh.text(lang),
            LEGEND_TEXT,
            theme.muted,
        );
        y += row;
    }
    for (moment, label, drawn) in [
        (Moment::PainPoint, T::PainPoint.text(lang), shown.pain),
        (Moment::Delight, T::Delight.text(lang), shown.delight),
    ] {
        if drawn {
            let mut shapes = Vec::new();
            face::moment_badge(&mut shapes, moment, pos2(left + 15.0, mid(y)), 20.0, theme);
            painter.extend(shapes);
            entry(&mut y, label, theme.text);
        }
    }

    if shown.nps {
        y += 8.0;
        heading(&mut y, T::LayerNps.text(lang));
    }
    if shown.heat {
        // The heat scale from −50 to +50, labelled at both ends and in the middle.
        let bar = Rect::from_min_size(pos2(left, y), vec2(rect.width().min(240.0), 14.0));
        let steps = 48;
        for i in 0..steps {
            let t = i as f32 / steps as f32;
            let x0 = bar.left() + bar.width() * t;
            let seg = Rect::from_min_max(
                pos2(x0, bar.top()),
                pos2(x0 + bar.width() / steps as f32 + 0.5, bar.bottom()),
            );
            painter.rect_filled(seg, 0.0, nps_colour(f64::from(t) * 100.0 - 50.0));
        }
        painter.rect_stroke(
            bar,
            0.0,
            Stroke::new(1.0, theme.grid),
            egui::StrokeKind::Outside,
        );
        y = bar.bottom() + 3.0;
        for (x, label, align) in [
            (bar.left(), "-50", Align2::LEFT_TOP),
            (bar.center().x, "0", Align2::CENTER_TOP),
            (bar.right(), "+50", Align2::RIGHT_TOP),
        ] {
            text(painter, pos2(x, y), align, label, LEGEND_TEXT, theme.muted);
        }
        y += row;
    }
    if shown.nps {
        // The stacked bar.
        let sample = Rect::from_min_size(pos2(left, mid(y) - 3.0), vec2(30.0, 6.0));
        let mut x = sample.left();
        for (share, colour) in [(0.4, DETRACTOR), (0.35, PASSIVE), (0.25, PROMOTER)] {
            let w = sample.width() * share;
            painter.rect_filled(
                Rect::from_min_max(pos2(x, sample.top()), pos2(x + w, sample.bottom())),
                0.0,
                colour,
            );
            x += w;
        }
        entry(&mut y, T::NpsBar.text(lang), theme.text);
    }
    if shown.change {
        text(
            painter,
            pos2(left + 15.0, mid(y)),
            Align2::CENTER_CENTER,
            "▲",
            LEGEND_TEXT,
            PROMOTER,
        );
        entry(&mut y, T::ChangeNote.text(lang), theme.text);
    }
    if shown.small {
        text(
            painter,
            pos2(left + 15.0, mid(y)),
            Align2::CENTER_CENTER,
            "※",
            LEGEND_TEXT,
            theme.descend,
        );
        entry(&mut y, T::SmallSampleNote.text(lang), theme.text);
    }
    if shown.initiatives {
        y += 8.0;
        heading(&mut y, T::Initiatives.text(lang));
        let chip = |y: f32| Rect::from_min_size(pos2(left, mid(y) - 7.0), vec2(30.0, 14.0));
        let outline = Stroke::new(1.5, theme.muted);
        let mut closed = super::strategy::rounded_box(chip(y), 3.0);
        closed.push(closed[0]);
        painter.add(Shape::line(closed, outline));
        entry(&mut y, T::KindInitiative.text(lang), theme.text);
        let mut closed = super::strategy::tag(chip(y), 7.0);
        closed.push(closed[0]);
        painter.add(Shape::line(closed, outline));
        entry(&mut y, T::KindMessage.text(lang), theme.text);
        entry(&mut y, T::LegendStatuses.text(lang), theme.text);
        painter.circle_filled(pos2(left + 10.0, mid(y)), 4.5, theme.link);
        if shown.silent {
            painter.circle_stroke(
                pos2(left + 24.0, mid(y)),
                4.5,
                Stroke::new(1.5, theme.descend),
            );
        }
        entry(
            &mut y,
            if shown.silent {
                T::LegendDotsSilent.text(lang)
            } else {
                T::LegendDots.text(lang)
            },
            theme.text,
        );
    }
    y - rect.top()
}
