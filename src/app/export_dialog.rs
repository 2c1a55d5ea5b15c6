//! The export dialog: format (PNG, PDF, SVG), size preset, area (whole journey, current view
//! or a deck of slides), background, layers, a live preview, and the export itself on a worker thread (with a progress spinner), to a file or
//! the clipboard (always an image). The choices are remembered in the settings.

use crate::export::{self, Format, Furniture, Request, Size};
use crate::i18n::Localize as _;
use crate::i18n::{Lang, T, say};
use crate::model::Journey;
use crate::paint::Layers;
use egui::{Rect, Ui};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::thread::JoinHandle;

/// The size presets of the dialog.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// 1920×1080.
    #[default]
    Slide,
    /// 3840×2160.
    Uhd,
    /// A4 landscape at 300 dpi.
    A4,
    /// Width × height typed in.
    Custom,
    /// A scale of the diagram.
    Scale,
}

/// The last choices made in the dialog (persisted).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Choices {
    /// File format (settings from before formats existed read as PNG).
    pub format: Format,
    /// Size preset.
    pub preset: Preset,
    /// Custom width.
    pub width: u32,
    /// Custom height.
    pub height: u32,
    /// Scale for [`Preset::Scale`].
    pub scale: f32,
    /// Only what the canvas shows, instead of the whole journey.
    pub current_view: bool,
    /// A deck (the overview, then a slide per phase) instead of one slide; wins over
    /// `current_view`.
    pub deck: bool,
    /// Transparent page.
    pub transparent: bool,
    /// Diagram layers.
    pub layers: Layers,
    /// Legend and title block.
    pub furniture: Furniture,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            format: Format::Png,
            preset: Preset::Slide,
            width: 1600,
            height: 900,
            scale: 1.0,
            current_view: false,
            deck: false,
            transparent: false,
            layers: Layers::default(),
            furniture: Furniture::default(),
        }
    }
}

impl Choices {
    /// The pixel size or scale chosen.
    #[must_use]
    pub fn size(&self) -> Size {
        match self.preset {
            Preset::Slide => Size::SLIDE,
            Preset::Uhd => Size::UHD,
            Preset::A4 => Size::A4_300DPI,
            Preset::Custom => Size::Pixels {
                width: self.width,
                height: self.height,
            },
            Preset::Scale => Size::Scale(self.scale),
        }
    }
}

/// Where a finished export goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file, in the format its extension names (else the chosen one).
    File(PathBuf),
    /// The clipboard, as an image.
    Clipboard,
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// One page of this many pixels.
    Page([u32; 2]),
    /// A deck of this many slides.
    Slides(usize),
}

/// What an export job hands back: the image (for the clipboard) and what was written.
pub type JobResult = Result<(Target, Option<egui::ColorImage>, Written), String>;

/// An export running on a worker thread.
pub struct Job {
    handle: JoinHandle<JobResult>,
    /// Set by the worker as it ends (whatever the outcome), for [`Job::wait`].
    done: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

/// The waves a slide shows (`None`: the latest): the view's choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waves {
    /// The survey wave of the NPS layer.
    pub survey: Option<String>,
    /// The flow wave of the flow layer and the KPI lane.
    pub flow: Option<String>,
}

impl Job {
    /// Starts rendering (and writing, for a file) on a worker thread.
    #[must_use]
    pub fn start(
        journey: Journey,
        choices: Choices,
        area: Option<Rect>,
        highlight: Option<crate::model::DepartmentId>,
        waves: Waves,
        lang: Lang,
        target: Target,
    ) -> Self {
        let done = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
        let signal = std::sync::Arc::clone(&done);
        let handle = std::thread::spawn(move || {
            // Says "done" however the work ends, a panic included.
            struct Signal(std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>);
            impl Drop for Signal {
                fn drop(&mut self) {
                    let (flag, ended) = &*self.0;
                    *flag
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
                    ended.notify_all();
                }
            }
            let _signal = Signal(signal);
            let date = export::today();
            let request = request(&choices, area, highlight, &waves, lang, &date);
            match &target {
                Target::File(path) => {
                    let format = Format::of_path(path).unwrap_or(choices.format);
                    let written = if choices.deck {
                        export::deck::save(&journey, &request, format, path).map(Written::Slides)
                    } else {
                        export::save(&journey, &request, format, path).map(Written::Page)
                    };
                    Ok((target, None, written.map_err(|e| e.localize(lang))?))
                }
                Target::Clipboard => {
                    let image = export::render(&journey, &request).map_err(|e| e.localize(lang))?;
                    let size = [image.width(), image.height()];
                    let colour = egui::ColorImage::from_rgba_unmultiplied(
                        [size[0] as usize, size[1] as usize],
                        image.as_raw(),
                    );
                    Ok((target, Some(colour), Written::Page(size)))
                }
            }
        });
        Self { handle, done }
    }

    /// Blocks until the worker has ended (tests wait on this instead of the clock).
    pub fn wait(&self) {
        let (flag, ended) = &*self.done;
        let mut finished = flag
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while !*finished {
            finished = ended
                .wait(finished)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        drop(finished);
        // The signal goes as the worker's closure ends; the thread is gone a moment later.
        while !self.handle.is_finished() {
            std::thread::yield_now();
        }
    }

    /// Whether the job has finished.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the job's result.
    pub fn join(self) -> JobResult {
        self.handle
            .join()
            .unwrap_or_else(|_| Err("the export stopped unexpectedly".to_owned()))
    }
}

/// The export request for `choices`.
#[must_use]
pub fn request<'a>(
    choices: &Choices,
    area: Option<Rect>,
    highlight: Option<crate::model::DepartmentId>,
    waves: &'a Waves,
    lang: Lang,
    date: &'a str,
) -> Request<'a> {
    Request {
        area: area.filter(|_| choices.current_view && !choices.deck),
        highlight,
        transparent: choices.transparent,
        layers: choices.layers,
        furniture: choices.furniture,
        wave: waves.survey.as_deref(),
        flow_wave: waves.flow.as_deref(),
        ..Request::new(choices.size(), lang, date)
    }
}

/// What the user asked for in the dialog this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Nothing yet.
    Nothing,
    /// Export to a file (ask where).
    Export,
    /// Copy the image to the clipboard.
    Copy,
    /// Close.
    Close,
}

/// Text smaller than this many points on a 1920×1080-point slide is hard to read projected.
const SLIDE_TEXT_FLOOR: f32 = 14.0;

/// The dialog's own state: the preview and what it was made from.
#[derive(Default)]
pub struct Dialog {
    preview: Option<(egui::TextureHandle, Choices)>,
    /// The diagram's smallest text in the real export: pixels, and points on the page.
    smallest: Option<(f32, f32)>,
    /// How many slides the deck has, when a deck is chosen.
    slides: Option<usize>,
}

impl Dialog {
    /// Shows the dialog; `busy` shows a spinner instead of the buttons.
    #[allow(clippy::too_many_arguments)] // the dialog reads the document, view and settings
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        choices: &mut Choices,
        journey: &Journey,
        area: Option<Rect>,
        highlight: Option<crate::model::DepartmentId>,
        waves: &Waves,
        lang: Lang,
        busy: bool,
    ) -> Ask {
        let t = |key: T| key.text(lang);
        let mut ask = Ask::Nothing;
        let modal = egui::Modal::new(egui::Id::unique("kaidan-export")).show(ctx, |ui| {
            ui.set_max_width(720.0);
            ui.heading(t(match choices.format {
                _ if choices.deck => T::ExportTitleDeck,
                Format::Png => T::ExportTitle,
                Format::Pdf => T::ExportTitlePdf,
                Format::Svg => T::ExportTitleSvg,
            }));
            // The choices and the preview scroll inside a window too small for them (a
            // 1280×720 projector), so the buttons below always show.
            let room = (ctx.content_rect().height() - 160.0).max(160.0);
            egui::ScrollArea::vertical()
                .max_height(room)
                .show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            ui.set_max_width(280.0);
                            options(ui, choices, t);
                        });
                        ui.add_space(16.0);
                        ui.vertical(|ui| {
                            self.preview(ui, choices, journey, area, highlight, waves, lang);
                        });
                    });
                });
            ui.separator();
            ui.horizontal(|ui| {
                if busy {
                    ui.spinner();
                    ui.label(t(T::Exporting));
                    return;
                }
                if ui.button(t(T::ExportButton)).clicked() {
                    ask = Ask::Export;
                }
                // The clipboard holds one image, not a deck.
                let copy = egui::Button::new(t(T::CopyImage));
                if ui.add_enabled(!choices.deck, copy).clicked() {
                    ask = Ask::Copy;
                }
                if ui.button(t(T::Close)).clicked() {
                    ask = Ask::Close;
                }
            });
        });
        if modal.should_close() && ask == Ask::Nothing && !busy {
            ask = Ask::Close;
        }
        ask
    }

    /// A small render of the page, redone only when the choices change.
    #[allow(clippy::too_many_arguments)] // what `show` reads, passed on
    fn preview(
        &mut self,
        ui: &mut Ui,
        choices: &Choices,
        journey: &Journey,
        area: Option<Rect>,
        highlight: Option<crate::model::DepartmentId>,
        waves: &Waves,
        lang: Lang,
    ) {
        // A fixed-size column, so the dialog does not move as the preview changes.
        ui.set_width(400.0);
        // Every format draws the same page: a new format needs no new preview.
        let stale = self.preview.as_ref().is_none_or(|(_, made)| {
            *made
                != Choices {
                    format: made.format,
                    ..choices.clone()
                }
        });
        if stale {
            // The preview keeps the page's shape at a small size.
            let mut small = choices.clone();
            let (w, h) = match choices.size() {
                Size::Pixels { width, height } => (width as f32, height as f32),
                Size::Scale(_) => (1600.0, 900.0),
            };
            let fit = (400.0 / w).min(300.0 / h);
            small.preset = Preset::Custom;
            small.width = ((w * fit).round() as u32).max(1);
            small.height = ((h * fit).round() as u32).max(1);
            let date = export::today();
            let full = request(choices, area, highlight, waves, lang, &date);
            // A deck previews its first slide, and says how many follow.
            let deck = if choices.deck {
                match export::deck::slides(journey, &full) {
                    Ok(slides) => Some(slides),
                    Err(e) => {
                        self.preview = None;
                        ui.colored_label(crate::paint::nps::DETRACTOR, e.localize(lang));
                        return;
                    }
                }
            } else {
                None
            };
            self.slides = deck.as_ref().map(Vec::len);
            let shown = deck.as_ref().map_or(journey, |slides| &slides[0].journey);
            self.smallest = if deck.is_some() {
                None
            } else {
                export::placement(journey, &full)
                    .ok()
                    .map(|p| (p.smallest_text_px(), p.smallest_text_px() / p.ppp))
            };
            let req = request(&small, area, highlight, waves, lang, &date);
            match export::render(shown, &req) {
                Ok(image) => {
                    let colour = egui::ColorImage::from_rgba_unmultiplied(
                        [image.width() as usize, image.height() as usize],
                        image.as_raw(),
                    );
                    let texture = ui.ctx().load_texture(
                        "export-preview",
                        colour,
                        egui::TextureOptions::LINEAR,
                    );
                    self.preview = Some((texture, choices.clone()));
                }
                Err(e) => {
                    self.preview = None;
                    ui.colored_label(crate::paint::nps::DETRACTOR, e.localize(lang));
                    return;
                }
            }
        }
        if let Some((texture, _)) = &self.preview {
            ui.add_sized(
                [400.0, 300.0],
                egui::Image::new(texture).max_size(egui::vec2(400.0, 300.0)),
            );
        }
        if let Size::Pixels { width, height } = choices.size() {
            ui.weak(format!("{width} × {height} px"));
        }
        if let Some(n) = self.slides {
            let floor = export::deck::TEXT_FLOOR;
            ui.label(say!(
                lang,
                "{n} 枚のスライド（フェーズごとのスライドの文字は {floor} px 以上）",
                "{n} slides (text on the phase slides at least {floor} px)"
            ));
        }
        // Warn before a slide too small to read from the back of the room.
        if let Some((px, points)) = self.smallest {
            let line = format!("{}: {px:.0} px", T::SmallestText.text(lang));
            if points < SLIDE_TEXT_FLOOR {
                let warning = format!("{line} — {}", T::TooSmallToProject.text(lang));
                ui.colored_label(crate::paint::nps::DETRACTOR, warning);
            } else {
                ui.weak(line);
            }
        }
    }
}

/// What the export shows: kept in the settings as two flags, chosen as one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Area {
    Whole,
    View,
    Deck,
}

impl Area {
    fn of(c: &Choices) -> Self {
        match (c.deck, c.current_view) {
            (true, _) => Self::Deck,
            (false, true) => Self::View,
            (false, false) => Self::Whole,
        }
    }
}

/// The option widgets.
fn options(ui: &mut Ui, c: &mut Choices, t: impl Fn(T) -> &'static str) {
    ui.strong(t(T::ExportFormat));
    ui.horizontal_wrapped(|ui| {
        for (format, key) in [
            (Format::Png, T::FormatPng),
            (Format::Pdf, T::FormatPdf),
            (Format::Svg, T::FormatSvg),
        ] {
            ui.radio_value(&mut c.format, format, t(key));
        }
    });
    if c.format != Format::Png {
        ui.weak(t(T::VectorSizeHint));
    }
    ui.separator();
    ui.strong(t(T::ExportSize));
    ui.radio_value(&mut c.preset, Preset::Slide, t(T::PresetSlide));
    ui.radio_value(&mut c.preset, Preset::Uhd, t(T::PresetUhd));
    ui.radio_value(&mut c.preset, Preset::A4, t(T::PresetA4));
    ui.horizontal(|ui| {
        ui.radio_value(&mut c.preset, Preset::Custom, t(T::PresetCustom));
        ui.add_enabled(
            c.preset == Preset::Custom,
            egui::DragValue::new(&mut c.width)
                .range(16..=16_384)
                .suffix(" px"),
        );
        ui.label("×");
        ui.add_enabled(
            c.preset == Preset::Custom,
            egui::DragValue::new(&mut c.height)
                .range(16..=16_384)
                .suffix(" px"),
        );
    });
    ui.horizontal(|ui| {
        ui.radio_value(&mut c.preset, Preset::Scale, t(T::PresetScale));
        ui.add_enabled(
            c.preset == Preset::Scale,
            egui::DragValue::new(&mut c.scale)
                .range(0.1..=8.0)
                .speed(0.05)
                .suffix("×"),
        );
    });
    ui.separator();
    ui.strong(t(T::ExportArea));
    let mut area = Area::of(c);
    ui.radio_value(&mut area, Area::Whole, t(T::WholeJourney));
    ui.radio_value(&mut area, Area::View, t(T::CurrentView));
    ui.radio_value(&mut area, Area::Deck, t(T::DeckArea));
    (c.current_view, c.deck) = (area == Area::View, area == Area::Deck);
    if c.deck && c.format != Format::Pdf {
        ui.weak(t(T::DeckFolderHint));
    }
    ui.strong(t(T::ExportBackground));
    ui.radio_value(&mut c.transparent, false, t(T::White));
    ui.radio_value(&mut c.transparent, true, t(T::Transparent));
    ui.separator();
    ui.strong(t(T::ExportLayers));
    ui.checkbox(&mut c.layers.emotions, t(T::LayerEmotions));
    ui.checkbox(&mut c.layers.curve, t(T::LayerCurve));
    ui.checkbox(&mut c.layers.initiatives, t(T::LayerInitiatives));
    ui.checkbox(&mut c.layers.flow, t(T::LayerFlow));
    ui.checkbox(&mut c.layers.kpi, t(T::LayerKpi));
    ui.checkbox(&mut c.layers.nps, "NPS");
    ui.add_enabled(
        c.layers.nps,
        egui::Checkbox::new(&mut c.layers.nps_heat, t(T::LayerNpsHeat)),
    );
    ui.checkbox(&mut c.furniture.legend, t(T::Legend));
    ui.checkbox(&mut c.furniture.title, t(T::TitleBlock));
}
