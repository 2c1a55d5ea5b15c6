//! PNG, PDF and SVG export without a window or GPU: the same painter as the canvas draws the
//! journey into an egui pass at the export's pixel density (a [`Composer`] keeps that egui
//! context from slide to slide). For PNG egui tessellates the pass's shapes, [`raster`]
//! rasterises the triangles on the CPU and `image` encodes them; for PDF and SVG the shapes
//! make a [`Page`], which [`pdf`] and [`svg`] write as vector paths and text (through
//! [`vector`]). The format follows the file's extension ([`Format::of_path`]). Files are
//! written atomically, so a failed export never leaves a partial file.
//!
//! A page is composed in points: the title block on top, the legend in a column on the right,
//! the diagram fitted into the rest. Pixel presets keep a 1920×1080-point page whatever the
//! resolution (4K is the same slide, twice as sharp), so text is laid out with a font atlas
//! built for the export's density, never upscaled.

pub mod deck;
pub mod pdf;
mod png;
pub mod raster;
pub mod svg;
mod vector;

use crate::layout::{self, Scene};
use crate::model::Journey;
use crate::nps;
use crate::paint::{self, Layers, Theme, View};
use egui::emath::TSTransform;
use egui::epaint::ClippedShape;
use egui::{Color32, Context, LayerId, Pos2, RawInput, Rect, ViewportId, pos2, vec2};
use std::collections::BTreeSet;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The logical page of the pixel presets, in points: a 16:9 slide.
pub const PAGE: egui::Vec2 = egui::Vec2::new(1920.0, 1080.0);
/// The largest image exported, in pixels (side and area), so memory stays bounded.
pub const MAX_SIDE: u32 = 16_384;
/// At most this many pixels (100 megapixels, 400 MB of RGBA).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Width of the legend column, in points.
const LEGEND_W: f32 = 288.0;
/// Margin around the page's parts, in points.
const MARGIN: f32 = 18.0;

/// How big the PNG is.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Size {
    /// Exactly this many pixels; the page is laid out as a slide and scaled to fit.
    Pixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The diagram at this many pixels per diagram unit (1.0 = 100 %), page around it.
    Scale(f32),
}

impl Size {
    /// 1920×1080, a 16:9 slide.
    pub const SLIDE: Self = Self::Pixels {
        width: 1920,
        height: 1080,
    };
    /// 3840×2160.
    pub const UHD: Self = Self::Pixels {
        width: 3840,
        height: 2160,
    };
    /// A4 landscape at 300 dpi (297 × 210 mm).
    pub const A4_300DPI: Self = Self::Pixels {
        width: 3508,
        height: 2480,
    };
}

/// The kind of file an export writes; a file's format follows its extension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// A raster image (the pixel size of the request).
    #[default]
    Png,
    /// A vector PDF: text as real, searchable text in the embedded bundled font.
    Pdf,
    /// A vector SVG: text as glyph outlines, so it shows the same without the font.
    Svg,
}

impl Format {
    /// Every format, in the order the dialog and messages list them.
    pub const ALL: [Self; 3] = [Self::Png, Self::Pdf, Self::Svg];

    /// The file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Svg => "svg",
        }
    }

    /// The format a file name asks for by its extension (any case), if it is one of ours.
    #[must_use]
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?;
        Self::ALL
            .into_iter()
            .find(|f| extension.eq_ignore_ascii_case(f.extension()))
    }

    /// The extensions of every format, as `.png, .pdf, .svg`, for messages.
    #[must_use]
    pub fn extensions() -> String {
        Self::ALL.map(|f| format!(".{}", f.extension())).join(", ")
    }
}

/// Page parts besides the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Furniture {
    /// The legend column.
    pub legend: bool,
    /// The title block (title, persona, brand, wave, date).
    pub title: bool,
}

impl Default for Furniture {
    fn default() -> Self {
        Self {
            legend: true,
            title: true,
        }
    }
}

/// Everything an export needs besides the journey.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// Pixel size or scale.
    pub size: Size,
    /// The part of the diagram to show, in diagram units; `None` = the whole journey.
    pub area: Option<Rect>,
    /// Leave the page transparent instead of white.
    pub transparent: bool,
    /// Diagram layers.
    pub layers: Layers,
    /// Legend and title block.
    pub furniture: Furniture,
    /// The survey wave for the NPS layer; `None` = the latest.
    pub wave: Option<&'a str>,
    /// The flow wave for the flow layer and the KPI lane; `None` = the latest.
    pub flow_wave: Option<&'a str>,
    /// The language of the slide's words (axes, legend, title block, emotion names).
    pub lang: crate::i18n::Lang,
    /// The date shown in the title block (empty: none).
    pub date: &'a str,
    /// Every card as tall as its whole title (a deck's phase slides).
    pub whole_titles: bool,
    /// The department whose slide this is: its initiatives stand out, the rest fades.
    pub highlight: Option<crate::model::DepartmentId>,
}

impl<'a> Request<'a> {
    /// A whole-journey export at `size` on a white page, with the default layers, legend and
    /// title block, the latest wave, and the texts of `lang`.
    #[must_use]
    pub fn new(size: Size, lang: crate::i18n::Lang, date: &'a str) -> Self {
        Self {
            size,
            area: None,
            transparent: false,
            layers: Layers::default(),
            furniture: Furniture::default(),
            wave: None,
            flow_wave: None,
            lang,
            date,
            whole_titles: false,
            highlight: None,
        }
    }
}

/// Why an export failed; nothing was written. The texts are in [`crate::i18n`].
#[derive(Debug)]
pub enum ExportError {
    /// A size of zero or beyond [`MAX_SIDE`] / [`MAX_PIXELS`].
    BadSize {
        /// Requested width.
        width: u64,
        /// Requested height.
        height: u64,
    },
    /// A scale that is not a positive number.
    BadScale(f32),
    /// The named wave does not exist.
    UnknownWave(String),
    /// The named flow wave does not exist.
    UnknownFlow(String),
    /// The PNG could not be encoded.
    Encode(String),
    /// The output's extension names no format we write (nothing was written).
    UnknownFormat(PathBuf),
    /// The output's extension and the format asked for disagree (nothing was written).
    FormatMismatch {
        /// The output file.
        path: PathBuf,
        /// The format asked for.
        asked: Format,
    },
    /// A PDF needs at least one page.
    NoPages,
    /// The PDF could not be made.
    Pdf(String),
    /// The file could not be written.
    Write(crate::io::SaveError),
}

impl From<crate::io::SaveError> for ExportError {
    fn from(e: crate::io::SaveError) -> Self {
        Self::Write(e)
    }
}

/// Where the page's parts go, in points.
struct Composition {
    /// The page size in points.
    page: egui::Vec2,
    /// Pixels per point.
    ppp: f32,
    /// Image size in pixels.
    pixels: [u32; 2],
    title: Option<Rect>,
    legend: Option<Rect>,
    /// Diagram units → page points.
    to_page: TSTransform,
}

fn check_pixels(width: f64, height: f64) -> Result<[u32; 2], ExportError> {
    let (w, h) = (width.ceil(), height.ceil());
    let ok = w >= 1.0
        && h >= 1.0
        && w <= f64::from(MAX_SIDE)
        && h <= f64::from(MAX_SIDE)
        && w * h <= MAX_PIXELS as f64;
    if ok {
        Ok([w as u32, h as u32])
    } else {
        Err(ExportError::BadSize {
            width: w.max(0.0) as u64,
            height: h.max(0.0) as u64,
        })
    }
}

fn compose(
    content: Rect,
    request: &Request<'_>,
    journey: &Journey,
) -> Result<Composition, ExportError> {
    let furniture = request.furniture;
    let legend_w = if furniture.legend { LEGEND_W } else { 0.0 };
    let extra_w = 2.0 * MARGIN + legend_w + if furniture.legend { MARGIN } else { 0.0 };
    // The title block is as tall as its statements need at the page's width.
    let title_h = |page_w: f32| {
        if furniture.title {
            paint::legend::title_block_height(journey, page_w - 2.0 * MARGIN)
        } else {
            0.0
        }
    };
    let extra_h =
        |title_h: f32| 2.0 * MARGIN + title_h + if furniture.title { MARGIN * 0.5 } else { 0.0 };
    let (page, ppp, pixels, title_h) = match request.size {
        Size::Pixels { width, height } => {
            let pixels = check_pixels(f64::from(width), f64::from(height))?;
            let ppp = (width as f32 / PAGE.x).min(height as f32 / PAGE.y);
            let page = vec2(width as f32, height as f32) / ppp;
            (page, ppp, pixels, title_h(page.x))
        }
        Size::Scale(scale) => {
            if !(scale.is_finite() && scale > 0.0) {
                return Err(ExportError::BadScale(scale));
            }
            let page_w = content.width() + extra_w;
            let title_h = title_h(page_w);
            let page = vec2(page_w, content.height() + extra_h(title_h));
            let px = page * scale;
            let pixels = check_pixels(f64::from(px.x), f64::from(px.y))?;
            (page, scale, pixels, title_h)
        }
    };
    let title = furniture
        .title
        .then(|| Rect::from_min_size(pos2(MARGIN, MARGIN), vec2(page.x - 2.0 * MARGIN, title_h)));
    let top = MARGIN + title_h + if furniture.title { MARGIN * 0.5 } else { 0.0 };
    let legend = furniture.legend.then(|| {
        Rect::from_min_max(
            pos2(page.x - MARGIN - legend_w, top),
            pos2(page.x - MARGIN, page.y - MARGIN),
        )
    });
    let area = Rect::from_min_max(
        pos2(MARGIN, top),
        pos2(
            page.x
                - MARGIN
                - if furniture.legend {
                    legend_w + MARGIN
                } else {
                    0.0
                },
            page.y - MARGIN,
        ),
    );
    let zoom = (area.width() / content.width()).min(area.height() / content.height());
    let zoom = if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    };
    let to_page = TSTransform::new(
        area.center().to_vec2() - content.center().to_vec2() * zoom,
        zoom,
    );
    Ok(Composition {
        page,
        ppp,
        pixels,
        title,
        legend,
        to_page,
    })
}

/// Where a request puts the diagram: the scene it lays out, diagram units → page points,
/// and pixels per point. A point `p` of the scene lands on pixel `to_page * p * ppp`.
#[derive(Clone, Debug)]
pub struct Placement {
    /// The diagram as exported: [`layout::Metrics::SLIDE`] with a time scale fitted to the
    /// page for a whole journey, the canvas's own layout for an area of it.
    pub scene: Scene,
    /// The part of the scene on the page, in diagram units.
    pub content: Rect,
    /// Diagram units → page points.
    pub to_page: TSTransform,
    /// Pixels per point.
    pub ppp: f32,
}

impl Placement {
    /// How tall the diagram's smallest text is in the image, in pixels.
    #[must_use]
    pub fn smallest_text_px(&self) -> f32 {
        self.scene.metrics.smallest_text() * self.to_page.scaling * self.ppp
    }
}

/// Time scales tried when fitting a whole journey to a page, in diagram units per unit of
/// time: wider spreads cards into fewer lanes, narrower leaves room for more.
const UNIT_T_CHOICES: std::ops::RangeInclusive<u16> = 8..=40;

/// Lays out the diagram for a request and places it on the page.
///
/// An area (the canvas's current view) is drawn exactly as the canvas lays it out. A whole
/// journey is laid out at slide density, at the time scale (of those in
/// [`UNIT_T_CHOICES`], ×4) that lets it be drawn largest on the page with every link label
/// clear of the cards and every connector routed clear of the cards it does not join: the
/// diagram's proportions then follow the page's, not the canvas's.
pub fn placement(journey: &Journey, request: &Request<'_>) -> Result<Placement, ExportError> {
    let options = |metrics| request.layers.layout_options(metrics);
    if let Some(area) = request.area {
        let scene = layout::layout_with(journey, options(layout::Metrics::SCREEN));
        let c = compose(area, request, journey)?;
        return Ok(Placement {
            scene,
            content: area,
            to_page: c.to_page,
            ppp: c.ppp,
        });
    }
    // The slide density, with the request's choice of whole titles.
    let slide = layout::Metrics {
        whole_titles: request.whole_titles,
        ..layout::Metrics::SLIDE
    };
    let scene = if matches!(request.size, Size::Scale(_)) {
        layout::layout_with(journey, options(slide))
    } else {
        // Every level on one row when a scale allows it at a readable size (a card stacked
        // under another of its level would look lower, as if affinity were lost), then the
        // largest zoom; never at the price of a label over a card or a line behind one: the
        // same choice as laying out every scale and scoring it by (clear, one row, zoom),
        // ties to the narrower scale.
        let prepared = layout::Prepared::new(journey, options(slide));
        let mut zooms = Vec::with_capacity(UNIT_T_CHOICES.len());
        for unit_t in UNIT_T_CHOICES.map(|u| f32::from(u) * 4.0) {
            let (bounds, stacked) = prepared.bounds_and_stacking(unit_t);
            let zoom = compose(bounds, request, journey)?.to_page.scaling;
            let readable = slide.smallest_text() * zoom >= deck::OVERVIEW_FLOOR;
            zooms.push((stacked == 0 && readable, zoom, unit_t));
        }
        zooms.sort_by(|a, b| {
            (b.0.cmp(&a.0))
                .then(b.1.total_cmp(&a.1))
                .then(a.2.total_cmp(&b.2))
        });
        let unit_ts: Vec<f32> = zooms.iter().map(|&(_, _, unit_t)| unit_t).collect();
        clearest_scale(&prepared, &unit_ts)
    };
    let c = compose(scene.bounds, request, journey)?;
    Ok(Placement {
        content: scene.bounds,
        scene,
        to_page: c.to_page,
        ppp: c.ppp,
    })
}

/// The scene at the first of `unit_ts` (largest zoom first) whose connectors are all routed
/// clear of the cards they do not join and whose labels are all clear of cards and of each
/// other, or else at the first.
///
/// The first is laid out in full: it is the answer unless another is clear. If it is
/// crowded, the others are tried in order on every core, each without its emotion lane
/// (connectors and labels do not depend on it) and with its labels placed only until one is
/// crowded, and
/// the clear one found, if any, is laid out again in full. A placement that ran out of its
/// work budget means thousands of piled labels: no scale will be clear, so the search stops.
fn clearest_scale(prepared: &layout::Prepared<'_>, unit_ts: &[f32]) -> Scene {
    let Some((&first, rest)) = unit_ts.split_first() else {
        return prepared.layout(layout::Metrics::SLIDE.unit_t);
    };
    let largest = prepared.layout(first);
    let ran_out = |scene: &Scene| scene.labels_cut_short || scene.connectors_cut_short;
    if (largest.crowded_labels == 0 && largest.crowded_connectors == 0) || ran_out(&largest) {
        return largest;
    }
    // The indices in `rest` of the first clear scale and of the first that ran out of its
    // budget found so far; a thread stops once the next index is past either.
    let next = AtomicUsize::new(0);
    let clear = AtomicUsize::new(usize::MAX);
    let cut_short = AtomicUsize::new(usize::MAX);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let past = clear
                .load(Ordering::Relaxed)
                .min(cut_short.load(Ordering::Relaxed));
            if k >= rest.len() || k > past {
                break;
            }
            let mut scene = prepared.layout_for_labels(rest[k]);
            if prepared.place_labels_if_clear(&mut scene) {
                clear.fetch_min(k, Ordering::Relaxed);
            } else if ran_out(&scene) {
                cut_short.fetch_min(k, Ordering::Relaxed);
            }
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    std::thread::scope(|s| {
        for _ in 1..threads.min(rest.len()) {
            s.spawn(work);
        }
        work();
    });
    let (clear, cut_short) = (clear.into_inner(), cut_short.into_inner());
    // A clear scale after one that ran out of budget is not taken: a search in order would
    // have stopped before it.
    match rest.get(clear) {
        Some(&unit_t) if clear < cut_short => prepared.layout(unit_t),
        _ => largest,
    }
}

/// Pixels per point at least used for a vector page: egui places glyphs on whole pixels
/// (CJK) or quarter pixels (Latin), so this keeps the letter spacing of a PDF or SVG, which
/// can be zoomed into, even. (The 4K preset lays out at the same density, so the font atlas
/// is known to hold it.)
const VECTOR_PPP: f32 = 2.0;

/// A composed page for the vector formats: its size and the painter's shapes, which
/// [`pdf`] and [`svg`] write as paths and text. Several pages make a deck ([`pdf::write`]).
pub struct Page {
    /// Page size in points (the shapes' coordinates).
    pub size: egui::Vec2,
    /// The size of the PNG of this page, in pixels (an SVG's width and height).
    pub pixels: [u32; 2],
    /// Pixels per point the text was laid out at.
    pub pixels_per_point: f32,
    /// The page colour; transparent for a transparent page.
    pub background: Color32,
    /// The shapes in paint order, each with its clip rectangle, in points.
    pub shapes: Vec<ClippedShape>,
    /// The journey's title (the document title of a PDF or SVG).
    pub title: String,
    /// The slide's language (the document language of a PDF or SVG).
    pub lang: crate::i18n::Lang,
}

/// Composes pages and images: one egui context with the bundled fonts, kept from page to
/// page, so a deck loads the fonts, shapes its texts and rasterises its glyphs once rather
/// than once per slide.
///
/// A deck composes each slide's request in turn: [`Composer::page`] for a PDF (all pages
/// kept for [`pdf::write`]), [`Composer::image`] for PNGs (each written before the next).
pub struct Composer {
    ctx: Context,
    /// The smallest text of the last page drawn, in points of the page.
    smallest: Option<f32>,
    /// The font atlas as of the last pass, for the PNG rasteriser.
    atlas: raster::Textures,
}

impl Default for Composer {
    fn default() -> Self {
        Self::new()
    }
}

/// One pass's result: the page's shapes and how they were laid out.
struct Drawn {
    size: egui::Vec2,
    pixels: [u32; 2],
    pixels_per_point: f32,
    background: Color32,
    shapes: Vec<ClippedShape>,
}

impl Composer {
    /// A composer with the bundled fonts.
    #[must_use]
    pub fn new() -> Self {
        let ctx = Context::default();
        ctx.set_fonts(crate::fonts::definitions());
        Self {
            ctx,
            smallest: None,
            atlas: raster::Textures::new(),
        }
    }

    /// The smallest text of the last page drawn, in points of the 1920×1080 page (a slide
    /// under [`deck::TEXT_FLOOR`] is too small to read projected).
    #[must_use]
    pub fn smallest_points(&self) -> Option<f32> {
        self.smallest
    }

    /// The page of a request, for PDF and SVG: text laid out at least at [`VECTOR_PPP`].
    pub fn page(&mut self, journey: &Journey, request: &Request<'_>) -> Result<Page, ExportError> {
        // The galleys' glyphs (characters, positions, advances) do not depend on the font
        // atlas, so one pass is enough.
        let drawn = self.draw(journey, request, VECTOR_PPP, false)?;
        Ok(Page {
            size: drawn.size,
            pixels: drawn.pixels,
            pixels_per_point: drawn.pixels_per_point,
            background: drawn.background,
            shapes: drawn.shapes,
            title: journey.title.clone(),
            lang: request.lang,
        })
    }

    /// The PNG of a request, rasterised: an RGBA image (straight alpha) of the request's
    /// pixels.
    pub fn image(
        &mut self,
        journey: &Journey,
        request: &Request<'_>,
    ) -> Result<image::RgbaImage, ExportError> {
        let drawn = self.draw(journey, request, 0.0, true)?;
        let mut canvas = raster::Canvas::new(drawn.pixels[0], drawn.pixels[1], drawn.background);
        // Tessellated now, against the atlas of this pass (a later page may change it).
        let primitives = self.ctx.tessellate(drawn.shapes, drawn.pixels_per_point);
        raster::paint(
            &mut canvas,
            &self.atlas,
            &primitives,
            drawn.pixels_per_point,
        );
        Ok(canvas.into_rgba_image())
    }

    /// Draws the page of a request (the title block, the legend and the diagram, by the
    /// painter) at the request's pixel density, or `least_ppp` if that is more. For an image
    /// the shapes must sample a finished font atlas: when a pass added glyphs to it, the
    /// page is drawn once more with the atlas complete.
    fn draw(
        &mut self,
        journey: &Journey,
        request: &Request<'_>,
        least_ppp: f32,
        for_atlas: bool,
    ) -> Result<Drawn, ExportError> {
        // A department's slide says whose it is: "title — 広告宣伝部".
        let titled;
        let journey = match request.highlight.and_then(|d| journey.department(d)) {
            Some(d) => {
                titled = Journey {
                    title: format!("{} — {}", journey.title, d.name),
                    ..journey.clone()
                };
                &titled
            }
            None => journey,
        };
        // The flow wave chosen, and with the flow layer the links labelled with their shares.
        let labelled = crate::layout::flow::shown(journey, request.flow_wave, request.layers.flow)
            .map_err(|name| ExportError::UnknownFlow(name.to_owned()))?;
        let journey = labelled.as_ref().unwrap_or(journey);
        let placed = placement(journey, request)?;
        self.smallest = Some(placed.smallest_text_px() / placed.ppp);
        let Placement { scene, content, .. } = placed;
        let stats = nps::stats(journey);
        let wave = match request.wave {
            Some(name) => Some(
                stats
                    .iter()
                    .find(|w| w.name == name)
                    .ok_or_else(|| ExportError::UnknownWave(name.to_owned()))?,
            ),
            None => stats.last(),
        };
        let c = compose(content, request, journey)?;
        let ppp = c.ppp.max(least_ppp);
        let theme = Theme::light();
        let background = if request.transparent {
            Color32::TRANSPARENT
        } else {
            theme.background
        };
        let selected = BTreeSet::new();
        let view = View {
            to_screen: c.to_page,
            theme: &theme,
            selected: &selected,
            hovered: None,
            layers: request.layers,
            lang: request.lang,
            wave,
            highlight: request.highlight,
        };
        let draw = |painter: &egui::Painter| {
            let diagram = painter.with_clip_rect(c.to_page * content);
            paint::paint(&diagram, journey, &scene, &view);
            if let Some(rect) = c.title {
                paint::legend::title_block(
                    painter,
                    rect,
                    journey,
                    wave.map(|w| w.name.as_str()).filter(|_| request.layers.nps),
                    request.date,
                    &theme,
                    request.lang,
                );
            }
            if let Some(rect) = c.legend {
                paint::legend::legend(
                    painter,
                    rect,
                    journey,
                    paint::legend::Shown::of(journey, request.layers, wave),
                    &theme,
                    request.lang,
                );
            }
        };
        let mut passes = 0;
        loop {
            let mut input = RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, c.page)),
                ..Default::default()
            };
            input
                .viewports
                .entry(ViewportId::ROOT)
                .or_default()
                .native_pixels_per_point = Some(ppp);
            let mut pass = self.ctx.run_pass(input, |ctx| {
                draw(&ctx.layer_painter(LayerId::background()));
            });
            passes += 1;
            let atlas_changed = !pass.textures_delta.is_empty();
            self.atlas.apply(&mut pass.textures_delta);
            if !(for_atlas && atlas_changed) || passes == 2 {
                return Ok(Drawn {
                    size: c.page,
                    pixels: c.pixels,
                    pixels_per_point: pass.pixels_per_point,
                    background,
                    shapes: pass.shapes,
                });
            }
        }
    }
}

/// Composes the page of a request for PDF and SVG (see [`Composer::page`]).
pub fn page(journey: &Journey, request: &Request<'_>) -> Result<Page, ExportError> {
    Composer::new().page(journey, request)
}

/// Renders the PNG of a request to an RGBA image (straight alpha).
pub fn render(journey: &Journey, request: &Request<'_>) -> Result<image::RgbaImage, ExportError> {
    Composer::new().image(journey, request)
}

/// Encodes an image as PNG bytes (see [`png`]: unfiltered rows, zlib-rs level 3 in bands on
/// every core, RGB when opaque). 4K slides of 200 to 20,000 steps: 680–770 KB in about 20 ms
/// on two cores, where `image`'s encoder at default compression (before) took 150–250 ms for
/// 620–950 KB.
pub fn encode_png(image: &image::RgbaImage) -> Result<Vec<u8>, ExportError> {
    png::encode(image.as_raw(), image.width(), image.height())
        .map_err(|e| ExportError::Encode(e.to_string()))
}

/// Renders the page of a request in `format` and writes it atomically (a failed export
/// leaves no file, and never a PNG in a `.pdf`); returns the page's size in pixels (the PNG's
/// size; the shape of the PDF or SVG page).
pub fn save(
    journey: &Journey,
    request: &Request<'_>,
    format: Format,
    path: &Path,
) -> Result<[u32; 2], ExportError> {
    save_with(&mut Composer::new(), journey, request, format, path)
}

/// [`save`] with a composer, which then tells how small the page's text was
/// ([`Composer::smallest_points`]), and can go on to the next slide of a deck.
///
/// # Errors
/// As [`save`].
pub fn save_with(
    composer: &mut Composer,
    journey: &Journey,
    request: &Request<'_>,
    format: Format,
    path: &Path,
) -> Result<[u32; 2], ExportError> {
    let (bytes, pixels) = match format {
        Format::Png => {
            let image = composer.image(journey, request)?;
            (encode_png(&image)?, [image.width(), image.height()])
        }
        Format::Pdf | Format::Svg => {
            let page = composer.page(journey, request)?;
            let bytes = match format {
                Format::Svg => svg::to_string(&page).into_bytes(),
                Format::Png | Format::Pdf => pdf::to_bytes(std::slice::from_ref(&page))?,
            };
            (bytes, page.pixels)
        }
    };
    crate::io::write_atomically(path, &bytes)?;
    Ok(pixels)
}

/// The PNG file name for a project file name: `teinei.kaidan.ron` → `teinei.png`.
#[must_use]
pub fn png_name_of(project: &str) -> String {
    file_name_of(project, Format::Png)
}

/// The export's file name for a project file name: `teinei.kaidan.ron` → `teinei.pdf`.
#[must_use]
pub fn file_name_of(project: &str, format: Format) -> String {
    let stem = project
        .strip_suffix(".kaidan.ron")
        .or_else(|| project.strip_suffix(".ron"))
        .unwrap_or(project);
    format!("{stem}.{}", format.extension())
}

/// Today's date as `YYYY-MM-DD` in the user's time zone, for the title block (a team in
/// Tokyo exporting at 08:00 gets today, not yesterday as in UTC).
#[must_use]
pub fn today() -> String {
    date_in(jiff::Timestamp::now(), &jiff::tz::TimeZone::system())
}

/// The calendar date of an instant in a time zone, as `YYYY-MM-DD`.
#[must_use]
pub fn date_in(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    at.to_zoned_datetime(zone.clone()).date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_is_the_one_of_the_time_zone() {
        use jiff::tz::{TimeZone, offset};
        let at: jiff::Timestamp = "2026-11-25T23:30:00Z".parse().expect("instant");
        assert_eq!(date_in(at, &TimeZone::UTC), "2026-11-25");
        // 08:30 the next morning in Japan.
        assert_eq!(date_in(at, &TimeZone::fixed(offset(9))), "2026-11-26");
        assert_eq!(date_in(at, &TimeZone::fixed(offset(-10))), "2026-11-25");
        assert!(crate::model::is_valid_date(&today()));
    }

    #[test]
    fn a_composer_shared_by_a_deck_draws_each_slide_as_a_fresh_one_does() {
        let teinei = crate::bundled::TEINEI.load().expect("example");
        let loyalty = crate::bundled::LOYALTY_LOOP.load().expect("example");
        let small = Request::new(
            Size::Pixels {
                width: 960,
                height: 540,
            },
            crate::i18n::Lang::Ja,
            "2026-01-01",
        );
        let english = Request::new(Size::SLIDE, crate::i18n::Lang::En, "2026-01-01");
        let mut composer = Composer::new();
        // Other slides first, at other densities (a vector page at twice the pixels): the
        // atlas they leave behind must not show in the next image.
        composer.image(&teinei, &english).expect("image");
        composer.page(&loyalty, &small).expect("page");
        let shared = composer.image(&loyalty, &small).expect("image");
        assert!(shared == render(&loyalty, &small).expect("image"));
        let shared = composer.image(&teinei, &english).expect("image");
        assert!(shared == render(&teinei, &english).expect("image"));
    }

    #[test]
    fn placement_chooses_the_scale_that_scoring_every_scale_chooses() {
        // The choice before labels were placed largest-first: every scale laid out and
        // scored by (clear of cards, every level one row at a readable size, zoom), ties
        // to the narrower scale.
        let scored = |journey: &Journey, request: &Request<'_>| {
            let mut best: Option<((bool, bool, f32), Scene)> = None;
            for unit_t in UNIT_T_CHOICES.map(|u| f32::from(u) * 4.0) {
                let metrics = layout::Metrics {
                    unit_t,
                    ..layout::Metrics::SLIDE
                };
                let scene = layout::layout_with(journey, request.layers.layout_options(metrics));
                let zoom = compose(scene.bounds, request, journey)
                    .expect("compose")
                    .to_page
                    .scaling;
                let clear = scene.crowded_labels == 0 && scene.crowded_connectors == 0;
                let one_row = scene.levels.iter().all(|band| band.lanes == 1)
                    && scene.metrics.smallest_text() * zoom >= deck::OVERVIEW_FLOOR;
                let score = (clear, one_row, zoom);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, scene));
                }
            }
            best.expect("a scale").1
        };
        let mut journeys: Vec<Journey> = crate::bundled::ALL
            .iter()
            .map(|b| b.load().expect("example"))
            .collect();
        let mut labelled = crate::model::synthetic::journey(60, 3);
        for (i, l) in labelled.links.iter_mut().enumerate() {
            l.label = format!("きっかけ {i}");
        }
        journeys.push(labelled);
        for journey in &journeys {
            for (width, height) in [(1920, 1080), (800, 600), (1080, 1920), (3508, 2480)] {
                let request =
                    Request::new(Size::Pixels { width, height }, crate::i18n::Lang::Ja, "");
                let chosen = placement(journey, &request).expect("placement").scene;
                assert_eq!(
                    chosen,
                    scored(journey, &request),
                    "{} at {width}×{height}",
                    journey.title
                );
            }
        }
    }
}
