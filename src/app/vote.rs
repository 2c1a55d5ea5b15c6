//! Dot voting in presenter view (V): the facilitator starts a session on the ideas, all
//! initiatives, a phase's initiatives or the pain points, for so many participants with so
//! many dots each. The board shows what is put to the vote as large chips; each participant
//! in turn clicks a chip to place a dot (right-click takes one back) and hands over with
//! "Next participant", or the facilitator types in the counts of a sticker vote. Nothing is
//! shown of the counts until Reveal; then the chips stand ranked with their dots.
//!
//! The current participant's dots are view state until they hand over; the counts are the
//! document's, outside the undo history ([`crate::edit::VoteEdit`]); closing and reopening a
//! session are undoable commands.

use crate::edit::VoteEdit;
use crate::i18n::Lang;
use crate::i18n::vote::{self as texts, VoteText};
use crate::model::{Journey, MAX_DOTS, MAX_PARTICIPANTS, PhaseId, Session, Subject, Tally};
use crate::paint::{self, Theme};
use egui::{Color32, FontId, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

/// The board of one session, open in presenter view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Board {
    /// The session's name.
    pub session: String,
    /// The current participant's dots per item, not counted until they hand over.
    pub ballot: Vec<u32>,
    /// Counts being typed in after a sticker vote.
    pub counts: Option<Vec<u32>>,
    /// Why the last click placed no dot.
    pub warning: Option<String>,
}

impl Board {
    /// The board of the session called `name`.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self {
            session: name.to_owned(),
            ..Self::default()
        }
    }
}

/// The sessions dialog: the sessions so far, and a new one's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The new session's name.
    pub name: String,
    /// What it votes on.
    pub subject: Subject,
    /// How many people vote.
    pub participants: u32,
    /// How many dots each places.
    pub dots: u32,
    /// The session whose removal awaits confirmation.
    pub confirm_remove: Option<String>,
}

impl Setup {
    /// A new session's settings: the next free name, on the ideas, 8 people × 3 dots.
    #[must_use]
    pub fn new(journey: &Journey, lang: Lang) -> Self {
        // Of n + 1 names, n sessions can take at most n.
        let n = journey.votes.len();
        let name = (n + 1..=2 * n + 1)
            .map(|n| texts::default_name(n, lang))
            .find(|n| journey.session(n).is_none())
            .unwrap_or_default();
        Self {
            name,
            subject: Subject::Ideas,
            participants: 8,
            dots: 3,
            confirm_remove: None,
        }
    }
}

/// What the voting UI asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Asked {
    /// A change to the votes (outside the undo history).
    Vote(VoteEdit),
    /// Closes (`true`) or reopens a session: undoable.
    Close(String, bool),
    /// Opens a session's board.
    Open(String),
    /// Leaves the board or the dialog.
    Leave,
}

/// The name of a session's subject in words.
fn subject_text(j: &Journey, subject: Subject, lang: Lang) -> String {
    let phase = match subject {
        Subject::Phase(id) => j
            .phases
            .iter()
            .find(|p| p.id == id)
            .map_or("—", |p| p.name.as_str()),
        _ => "",
    };
    texts::subject(subject, phase, lang)
}

/// The sessions dialog, as a modal: open or remove a session, or start a new one on
/// `phase` (the newest revealed phase) or another subject.
pub fn setup(
    ctx: &egui::Context,
    j: &Journey,
    setup: &mut Setup,
    phase: Option<PhaseId>,
    today: &str,
    lang: Lang,
) -> Option<Asked> {
    let mut asked = None;
    let modal = egui::Modal::new(egui::Id::unique("kaidan-vote-setup")).show(ctx, |ui| {
        large_type(ui);
        ui.set_max_width(900.0);
        ui.heading(VoteText::Sessions.text(lang));
        if !j.votes.is_empty() {
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() * 0.3).max(80.0))
                .show(ui, |ui| {
                    egui::Grid::new("sessions").striped(true).show(ui, |ui| {
                        for s in &j.votes {
                            ui.label(RichText::new(&s.name).strong());
                            ui.label(&s.date);
                            ui.label(subject_text(j, s.subject, lang));
                            ui.label(texts::state(
                                s.voted,
                                s.participants,
                                s.revealed,
                                s.closed,
                                lang,
                            ));
                            if ui.button(VoteText::Open.text(lang)).clicked() {
                                asked = Some(Asked::Open(s.name.clone()));
                            }
                            if setup.confirm_remove.as_deref() == Some(s.name.as_str()) {
                                let sure = egui::Button::new(
                                    RichText::new(VoteText::ConfirmRemove.text(lang))
                                        .color(Color32::WHITE),
                                )
                                .fill(Color32::from_rgb(0xb0, 0x30, 0x30));
                                if ui.add(sure).clicked() {
                                    asked = Some(Asked::Vote(VoteEdit::Remove(s.name.clone())));
                                    setup.confirm_remove = None;
                                }
                            } else if ui.button(VoteText::Remove.text(lang)).clicked() {
                                setup.confirm_remove = Some(s.name.clone());
                            }
                            ui.end_row();
                        }
                    });
                });
            ui.separator();
        }
        ui.label(
            RichText::new(VoteText::NewSession.text(lang))
                .size(20.0)
                .strong(),
        );
        egui::Grid::new("new-session")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label(VoteText::Name.text(lang));
                ui.add(egui::TextEdit::singleline(&mut setup.name).desired_width(320.0))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label(VoteText::Subject.text(lang));
                ui.vertical(|ui| {
                    let subjects = [Subject::Ideas, Subject::Initiatives]
                        .into_iter()
                        .chain(phase.map(Subject::Phase))
                        .chain([Subject::PainPoints]);
                    for subject in subjects {
                        let n = j.vote_items(subject).len();
                        let text = texts::subject_count(&subject_text(j, subject, lang), n, lang);
                        ui.radio_value(&mut setup.subject, subject, text);
                    }
                });
                ui.end_row();
                let label = ui.label(VoteText::Participants.text(lang));
                ui.add(egui::DragValue::new(&mut setup.participants).range(1..=MAX_PARTICIPANTS))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(VoteText::DotsEach.text(lang));
                ui.add(egui::DragValue::new(&mut setup.dots).range(1..=MAX_DOTS))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let items = j.vote_items(setup.subject);
            let start = egui::Button::new(RichText::new(VoteText::Start.text(lang)).strong());
            if ui.add_enabled(!items.is_empty(), start).clicked() {
                asked = Some(Asked::Vote(VoteEdit::Start(Session {
                    name: setup.name.trim().to_owned(),
                    date: today.to_owned(),
                    subject: setup.subject,
                    participants: setup.participants,
                    dots: setup.dots,
                    items,
                    ..Session::default()
                })));
            }
            if ui.button(VoteText::Cancel.text(lang)).clicked() {
                asked = Some(Asked::Leave);
            }
        });
    });
    if modal.should_close() && asked.is_none() {
        asked = Some(Asked::Leave);
    }
    asked
}

/// Type for the room: the dialog's and the board's widgets at presenter view's sizes.
fn large_type(ui: &mut Ui) {
    use egui::TextStyle;
    let style = ui.style_mut();
    for (text_style, size) in [
        (TextStyle::Heading, 32.0),
        (TextStyle::Body, 22.0),
        (TextStyle::Button, 22.0),
        (TextStyle::Monospace, 20.0),
        (TextStyle::Small, 16.0),
    ] {
        style
            .text_styles
            .insert(text_style, FontId::proportional(size));
    }
    style.spacing.interact_size = vec2(48.0, 34.0);
    style.spacing.item_spacing = vec2(12.0, 10.0);
    style.spacing.button_padding = vec2(12.0, 6.0);
    style.spacing.icon_width = 22.0;
    style.spacing.icon_width_inner = 12.0;
}

/// Chip size on the board, in points: large enough to read from the back of the room.
const CHIP: egui::Vec2 = vec2(340.0, 136.0);

/// The board: the session's items as chips, the turn or the results, and its buttons.
pub fn board(ui: &mut Ui, j: &Journey, board: &mut Board, theme: &Theme, lang: Lang) -> Vec<Asked> {
    let mut asked = Vec::new();
    let Some(s) = j.session(&board.session) else {
        asked.push(Asked::Leave);
        return asked;
    };
    if board.ballot.len() != s.items.len() {
        board.ballot = vec![0; s.items.len()];
    }
    let rect = ui.available_rect_before_wrap();
    ui.painter().rect_filled(rect, 0.0, theme.background);
    let placed: u32 = board.ballot.iter().sum();
    let left = s.dots.saturating_sub(placed);
    let voting = !s.closed && !s.revealed && board.counts.is_none();
    egui::Frame::NONE.inner_margin(28.0).show(ui, |ui| {
        large_type(ui);
        ui.set_min_size(rect.size() - vec2(56.0, 56.0));
        ui.label(RichText::new(&s.name).size(40.0).color(theme.text).strong());
        let date = if s.date.is_empty() {
            String::new()
        } else {
            format!("{} · ", s.date)
        };
        ui.label(
            RichText::new(format!("{date}{}", subject_text(j, s.subject, lang)))
                .size(22.0)
                .color(theme.muted),
        );
        let status = if s.revealed || s.closed {
            texts::results(s.cast(), s.budget(), lang)
        } else if s.everyone_voted() {
            format!(
                "{} — {}",
                texts::all_voted(s.participants, lang),
                VoteText::Hidden.text(lang)
            )
        } else {
            texts::turn(s.voted + 1, s.participants, left, lang)
        };
        ui.label(RichText::new(status).size(30.0).color(theme.text));
        let hint = board.warning.clone().unwrap_or_else(|| {
            if voting && !s.everyone_voted() {
                format!(
                    "{}　{}",
                    VoteText::ClickHint.text(lang),
                    VoteText::Hidden.text(lang)
                )
            } else {
                String::new()
            }
        });
        let hint_colour = if board.warning.is_some() {
            Color32::from_rgb(0xc0, 0x30, 0x30)
        } else {
            theme.muted
        };
        ui.label(RichText::new(hint).size(20.0).color(hint_colour));
        ui.add_space(12.0);
        let buttons_h = 64.0;
        let chips_h = (ui.available_height() - buttons_h).max(CHIP.y);
        let scroll = egui::ScrollArea::vertical()
            .max_height(chips_h)
            .auto_shrink([false, true]);
        if let Some(counts) = &mut board.counts {
            count_entry(ui, scroll, j, s, counts, theme);
        } else {
            chips(ui, scroll, j, s, board, theme, lang);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| buttons(ui, s, board, lang, &mut asked));
    });
    asked
}

/// The chips: in the order put to the vote while voting (with the current participant's
/// dots), ranked with every dot once revealed. Only the rows in view are laid out, so a
/// session of any size scrolls smoothly.
fn chips(
    ui: &mut Ui,
    scroll: egui::ScrollArea,
    j: &Journey,
    s: &Session,
    board: &mut Board,
    theme: &Theme,
    lang: Lang,
) {
    let shown = s.revealed || s.closed;
    let order = if shown {
        s.ranking()
    } else {
        (0..s.items.len()).collect()
    };
    // Each item's rank: ties share the rank of the first of them.
    let mut ranks = Vec::with_capacity(order.len());
    for (place, &i) in order.iter().enumerate() {
        let tied = place > 0 && s.items[order[place - 1]].votes == s.items[i].votes;
        ranks.push(if tied { ranks[place - 1] } else { place + 1 });
    }
    // As many chips of at least CHIP's width as fit a row, widened to fill it (short of the
    // scroll bar's width, so the last column never runs under it).
    let gap = 14.0;
    let width = ui.available_width() - 2.0 * gap;
    let columns = ((width + gap) / (CHIP.x + gap)).floor().max(1.0);
    let size = vec2(((width - gap * (columns - 1.0)) / columns).floor(), CHIP.y);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few columns
    let columns = columns as usize;
    let rows = order.len().div_ceil(columns);
    ui.spacing_mut().item_spacing = vec2(gap, gap);
    scroll.show_rows(ui, CHIP.y, rows, |ui, visible| {
        for row in visible {
            ui.horizontal(|ui| {
                let places = row * columns..((row + 1) * columns).min(order.len());
                for place in places {
                    let i = order[place];
                    let item = &s.items[i];
                    let (dots, caption) = if shown {
                        (
                            item.votes,
                            Some(texts::rank(ranks[place], item.votes, lang)),
                        )
                    } else {
                        (board.ballot[i], None)
                    };
                    let faded = shown && item.votes == 0;
                    let response = chip(ui, size, j, item, dots, caption.as_deref(), faded, theme);
                    if !shown && !s.everyone_voted() {
                        place_dot(&response, board, i, s.dots, lang);
                    }
                }
            });
        }
    });
}

/// A click places a dot on item `i` (refused, with the reason, past the participant's
/// `dots`); a right-click takes one back.
fn place_dot(response: &egui::Response, board: &mut Board, i: usize, dots: u32, lang: Lang) {
    let placed: u32 = board.ballot.iter().sum();
    if response.clicked() {
        if placed < dots {
            board.ballot[i] += 1;
            board.warning = None;
        } else {
            board.warning = Some(texts::no_dots_left(dots, lang));
        }
    }
    if response.secondary_clicked() && board.ballot[i] > 0 {
        board.ballot[i] -= 1;
        board.warning = None;
    }
}

/// One chip: the item's words, its step and department (the department's colour down its
/// left edge), and its dots.
#[allow(clippy::too_many_arguments)] // what one chip shows
fn chip(
    ui: &mut Ui,
    size: egui::Vec2,
    j: &Journey,
    item: &Tally,
    dots: u32,
    caption: Option<&str>,
    faded: bool,
    theme: &Theme,
) -> egui::Response {
    let label = j.tally_label(item);
    let initiative = j.tally_initiative(item);
    let department = initiative
        .and_then(|i| i.department)
        .and_then(|d| j.department(d));
    let colour = department.map_or(theme.muted, |d| paint::rgb(d.colour));
    let step = j.step(item.step).map_or("", |s| s.title.as_str());
    let sub = match (item.initiative.is_empty(), department) {
        (true, _) => j
            .step(item.step)
            .and_then(|s| j.level(s.level))
            .map_or(String::new(), |l| l.label.clone()),
        (false, Some(d)) => format!("{step} · {}", d.name),
        (false, None) => step.to_owned(),
    };
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let painter = ui.painter_at(rect);
    let hovered = response.hovered();
    painter.rect(
        rect,
        8.0,
        theme.card,
        Stroke::new(
            if hovered { 3.0 } else { 1.5 },
            if hovered {
                theme.selection
            } else {
                theme.card_border
            },
        ),
        egui::StrokeKind::Inside,
    );
    painter.rect_filled(
        Rect::from_min_size(rect.min, vec2(10.0, rect.height())),
        egui::CornerRadius {
            nw: 8,
            sw: 8,
            ne: 0,
            se: 0,
        },
        colour,
    );
    let text_w = rect.width() - 34.0;
    let (ink, faint) = if faded {
        (theme.muted, theme.muted.gamma_multiply(0.7))
    } else {
        (theme.card_text, theme.muted)
    };
    let title = paint::text::galley(&painter, &label, FontId::proportional(22.0), ink, text_w, 2);
    painter.galley(rect.min + vec2(22.0, 10.0), title, ink);
    let subtitle =
        paint::text::galley(&painter, &sub, FontId::proportional(16.0), faint, text_w, 1);
    painter.galley(rect.min + vec2(22.0, 72.0), subtitle, faint);
    let base = rect.bottom() - 20.0;
    let mut x = rect.left() + 30.0;
    if let Some(caption) = caption {
        let galley = painter.layout_no_wrap(caption.to_owned(), FontId::proportional(20.0), ink);
        painter.galley(pos2(x - 8.0, base - 12.0), galley.clone(), ink);
        x += galley.size().x + 14.0;
    }
    let dot = Color32::from_rgb(0xd6, 0x3a, 0x2f);
    for k in 0..dots {
        if x > rect.right() - 14.0 {
            let more = painter.layout_no_wrap(
                format!("+{}", dots - k),
                FontId::proportional(18.0),
                theme.card_text,
            );
            painter.galley(pos2(x - 8.0, base - 11.0), more, theme.card_text);
            break;
        }
        painter.circle_filled(pos2(x, base), 8.0, dot);
        x += 21.0;
    }
    response
}

/// The counts of a sticker vote, one field per item (only the rows in view laid out).
fn count_entry(
    ui: &mut Ui,
    scroll: egui::ScrollArea,
    j: &Journey,
    s: &Session,
    counts: &mut [u32],
    theme: &Theme,
) {
    let row_h = 36.0;
    scroll.show_rows(ui, row_h, s.items.len(), |ui, visible| {
        for i in visible {
            ui.horizontal(|ui| {
                let count = egui::DragValue::new(&mut counts[i])
                    .range(0..=MAX_DOTS * MAX_PARTICIPANTS)
                    .speed(0.1);
                let field = ui.add_sized(vec2(90.0, row_h - 6.0), count);
                let label = ui.label(
                    RichText::new(j.tally_label(&s.items[i]))
                        .size(22.0)
                        .color(theme.text),
                );
                field.labelled_by(label.id);
            });
        }
    });
}

/// The board's buttons for where the session stands.
fn buttons(ui: &mut Ui, s: &Session, board: &mut Board, lang: Lang, asked: &mut Vec<Asked>) {
    let big = |text: &str| egui::Button::new(RichText::new(text).size(22.0));
    if let Some(counts) = &board.counts {
        let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        ui.label(RichText::new(texts::counts_total(total, s.budget(), lang)).size(22.0));
        if ui.add(big(VoteText::SaveCounts.text(lang))).clicked() {
            asked.push(Asked::Vote(VoteEdit::Counts {
                session: s.name.clone(),
                votes: counts.clone(),
            }));
            board.counts = None;
            board.ballot.fill(0);
        }
        if ui.add(big(VoteText::Cancel.text(lang))).clicked() {
            board.counts = None;
        }
    } else if s.closed {
        if ui.add(big(VoteText::Reopen.text(lang))).clicked() {
            asked.push(Asked::Close(s.name.clone(), false));
        }
    } else if s.revealed {
        if ui.add(big(VoteText::CloseSession.text(lang))).clicked() {
            asked.push(Asked::Close(s.name.clone(), true));
        }
    } else {
        let dots = board.ballot.clone();
        let ballot = || {
            Asked::Vote(VoteEdit::Ballot {
                session: s.name.clone(),
                dots: dots.clone(),
            })
        };
        let next = ui.add_enabled(
            !s.everyone_voted(),
            big(VoteText::NextParticipant.text(lang)),
        );
        if next.clicked() {
            asked.push(ballot());
            board.ballot.fill(0);
            board.warning = None;
        }
        if ui.add(big(VoteText::Reveal.text(lang))).clicked() {
            if dots.iter().any(|&d| d > 0) && !s.everyone_voted() {
                asked.push(ballot());
            }
            asked.push(Asked::Vote(VoteEdit::Reveal(s.name.clone(), true)));
            board.ballot.fill(0);
            board.warning = None;
        }
        if ui.add(big(VoteText::EnterCounts.text(lang))).clicked() {
            board.counts = Some(s.items.iter().map(|t| t.votes).collect());
        }
    }
    if ui.add(big(VoteText::BackToMap.text(lang))).clicked() {
        asked.push(Asked::Leave);
    }
}
