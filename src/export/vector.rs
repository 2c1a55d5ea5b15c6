//! What the two vector back ends ([`super::pdf`], [`super::svg`]) share: a walk of a
//! [`Page`]'s epaint shapes into clip groups of filled and stroked outlines and runs of
//! glyphs, so that each writer only translates these into its own syntax. Nothing here draws
//! the diagram: the shapes are the ones the painter made, the same the PNG rasterises.
//!
//! Text is hand-written here because epaint keeps, for each laid-out glyph, its character,
//! position and size but neither its font nor its glyph id. Both are found again the way
//! egui found them: the first font of the text's family (in [`crate::fonts::definitions`])
//! whose character map has the character. A run is a stretch of a row in one font, size and
//! colour, with every glyph where egui placed it.

use super::Page;
use egui::emath::{GuiRounding as _, Rot2, TSTransform};
use egui::epaint::text::{Blob, ByteIndex, FontTweak, Galley, Glyph};
use egui::epaint::{
    ClippedShape, ColorMode, CornerRadius, Mesh, PathStroke, RectShape, Shape, StrokeKind,
    TessellationOptions, Tessellator, TextShape,
};
use egui::{Color32, FontFamily, Pos2, Rect, Vec2, pos2, vec2};
use skrifa::MetadataProvider as _;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// One step of an outline, in page points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Segment {
    /// Starts a subpath.
    Move(Pos2),
    /// A straight line.
    Line(Pos2),
    /// A quadratic Bézier curve: control point, end.
    Quad(Pos2, Pos2),
    /// A cubic Bézier curve: two control points, end.
    Cubic(Pos2, Pos2, Pos2),
    /// Closes the subpath.
    Close,
}

/// One drawing instruction.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    /// An outline filled (non-zero rule) in a colour.
    Fill {
        /// The outline.
        outline: Vec<Segment>,
        /// The colour (premultiplied, as egui's).
        colour: Color32,
    },
    /// An outline stroked along its middle: butt caps, miter joins, as egui draws lines.
    Stroke {
        /// The outline.
        outline: Vec<Segment>,
        /// Line width in points.
        width: f32,
        /// The colour (premultiplied, as egui's).
        colour: Color32,
    },
    /// Text.
    Text(GlyphRun),
}

/// Glyphs of one row in one font, size and colour, on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GlyphRun {
    /// Index into [`Faces::all`].
    pub face: usize,
    /// The size the glyphs are drawn at, in points (egui's size with the font's tweak).
    pub size: f32,
    /// The colour (premultiplied, as egui's).
    pub colour: Color32,
    /// The start of the baseline, in page points before the rotation.
    pub origin: Pos2,
    /// Clockwise rotation in radians around [`Self::pivot`] (rotated labels).
    pub angle: f32,
    /// The point the run turns around: the galley's position.
    pub pivot: Pos2,
    /// The glyphs, left to right.
    pub glyphs: Vec<RunGlyph>,
    /// The characters of the run, one per glyph.
    pub text: String,
}

/// One glyph of a [`GlyphRun`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RunGlyph {
    /// The glyph id in its font.
    pub id: u32,
    /// Distance from the run's origin along the baseline, in points.
    pub x: f32,
    /// How far the next glyph is (for the last one: its own advance), in points.
    pub advance: f32,
    /// Its character in [`GlyphRun::text`], as a byte range.
    pub text: Range<usize>,
}

/// Consecutive items that share a clip rectangle and transform.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group {
    /// What the items are clipped to; `None` when the clip holds the whole page.
    pub clip: Option<Rect>,
    /// Applied to the items after the clip (egui's `transform_after_tessellation`).
    pub transform: TSTransform,
    /// The items in paint order.
    pub items: Vec<Item>,
}

/// A font the page's text may be drawn in.
pub(crate) struct Face {
    /// The font file.
    pub data: Blob,
    /// The face's index in the file.
    pub index: u32,
    /// egui's scale and offset for it.
    pub tweak: FontTweak,
}

impl Face {
    /// The face parsed for reading (cmap, outlines, metrics).
    pub fn font_ref(&self) -> Option<skrifa::FontRef<'_>> {
        skrifa::FontRef::from_index((*self.data).as_ref(), self.index).ok()
    }
}

/// The fonts of [`crate::fonts::definitions`] and which of them draws each character, as egui
/// chooses: the first of the family that has it.
pub(crate) struct Faces {
    /// Every font, in name order.
    pub all: Vec<Face>,
    /// Each family's faces, in fallback order.
    families: BTreeMap<FontFamily, Vec<usize>>,
    /// Characters already resolved.
    found: HashMap<(FontFamily, char), (usize, u32)>,
    /// Each face's shaping tables, made when first needed.
    shapers: Vec<Option<harfrust::ShaperData>>,
}

/// A glyph of a piece of a row, as egui's shaping chose it.
pub(crate) struct Shaped {
    /// The egui glyph it is drawn for (an index into the piece): where it goes.
    pub glyph: usize,
    /// Index into [`Faces::all`].
    pub face: usize,
    /// The glyph id in that face.
    pub id: u32,
    /// The characters of its cluster (two for an `fi` ligature); `None` for a further glyph
    /// of the previous glyph's cluster.
    pub text: Option<String>,
}

impl Faces {
    /// The bundled font set.
    pub fn bundled() -> Self {
        let definitions = crate::fonts::definitions();
        let names: Vec<&String> = definitions.font_data.keys().collect();
        let faces: Vec<Face> = definitions
            .font_data
            .values()
            .map(|data| Face {
                data: data.font.clone(),
                index: data.index,
                tweak: data.tweak.clone(),
            })
            .collect();
        let families = definitions
            .families
            .iter()
            .map(|(family, list)| {
                let indices = list
                    .iter()
                    .filter_map(|name| names.iter().position(|n| *n == name))
                    .collect();
                (family.clone(), indices)
            })
            .collect();
        Self {
            shapers: std::iter::repeat_with(|| None).take(faces.len()).collect(),
            all: faces,
            families,
            found: HashMap::new(),
        }
    }

    /// The face and glyph id egui draws `c` with in `family`: the first face of the family
    /// that maps it; if none does, the first face's missing glyph (egui's tofu).
    fn resolve(&mut self, family: &FontFamily, c: char) -> (usize, u32) {
        if let Some(&hit) = self.found.get(&(family.clone(), c)) {
            return hit;
        }
        let list = self
            .families
            .get(family)
            .or_else(|| self.families.get(&FontFamily::Proportional))
            .map_or(&[][..], Vec::as_slice);
        let hit = list
            .iter()
            .find_map(|&i| {
                let id = self.all[i].font_ref()?.charmap().map(c)?;
                (id.to_u32() != 0).then_some((i, id.to_u32()))
            })
            .unwrap_or((list.first().copied().unwrap_or(0), 0));
        self.found.insert((family.clone(), c), hit);
        hit
    }
}

impl Faces {
    /// The glyphs egui drew for `piece` (a stretch of a row in one section and `face`):
    /// shaped again as egui shapes it (harfrust, the same version, no extra features), so
    /// ligatures and other substitutions come out as the same glyph ids. Should the shaping
    /// not line up with egui's glyphs, each character's own glyph is used.
    fn shape(&mut self, face: usize, family: &FontFamily, piece: &[Glyph]) -> Vec<Shaped> {
        let text: String = piece.iter().map(|g| g.chr).collect();
        self.shaped(face, family, piece, &text)
            .unwrap_or_else(|| self.by_character(family, piece))
    }

    /// Follows egui's `layout_shaped_run`: each shaped glyph is one egui glyph, the further
    /// characters of a cluster follow as glyphs with nothing to draw; a glyph the face lacks
    /// comes from the family's fallback, once per cluster, combining marks dropped.
    fn shaped(
        &mut self,
        face: usize,
        family: &FontFamily,
        piece: &[Glyph],
        text: &str,
    ) -> Option<Vec<Shaped>> {
        let infos: Vec<(u32, usize)> = {
            let font = self.all.get(face)?.font_ref()?;
            let data = self
                .shapers
                .get_mut(face)?
                .get_or_insert_with(|| harfrust::ShaperData::new(&font));
            let shaper = data.shaper(&font).build();
            let mut buffer = harfrust::UnicodeBuffer::new();
            buffer.set_flags(
                harfrust::BufferFlags::BEGINNING_OF_TEXT | harfrust::BufferFlags::END_OF_TEXT,
            );
            buffer.push_str(text);
            buffer.guess_segment_properties();
            let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
            glyphs
                .glyph_infos()
                .iter()
                .map(|i| (i.glyph_id, i.cluster as usize))
                .collect()
        };
        let mut out = Vec::with_capacity(piece.len());
        let mut next = 0;
        let mut k = 0;
        while k < infos.len() {
            let cluster = infos[k].1;
            let end = k + infos[k..].iter().take_while(|i| i.1 == cluster).count();
            let cluster_end = infos.get(end).map_or(text.len(), |i| i.1);
            let cluster_text = text.get(cluster..cluster_end)?;
            let first = cluster_text.chars().next()?;
            let mut pushed = 0;
            for (j, &(id, _)) in infos[k..end].iter().enumerate() {
                let (face, id) = if id == 0 {
                    if j > 0 || unicode_normalization::char::is_combining_mark(first) {
                        continue;
                    }
                    self.resolve(family, first)
                } else {
                    (face, id)
                };
                if piece.get(next)?.chr != first {
                    return None;
                }
                out.push(Shaped {
                    glyph: next,
                    face,
                    id,
                    text: (pushed == 0).then(|| cluster_text.to_owned()),
                });
                next += 1;
                pushed += 1;
            }
            for c in cluster_text.chars().skip(pushed) {
                if piece.get(next)?.chr != c {
                    return None;
                }
                next += 1;
            }
            k = end;
        }
        (next == piece.len()).then_some(out)
    }

    /// Each character's own glyph; a glyph egui gave neither width nor image (the rest of
    /// a cluster) joins the glyph before it.
    fn by_character(&mut self, family: &FontFamily, piece: &[Glyph]) -> Vec<Shaped> {
        let mut out: Vec<Shaped> = Vec::with_capacity(piece.len());
        for (i, g) in piece.iter().enumerate() {
            if g.advance_width == 0.0
                && g.uv_rect.is_nothing()
                && let Some(Shaped {
                    text: Some(text), ..
                }) = out.last_mut()
            {
                text.push(g.chr);
                continue;
            }
            let (face, id) = self.resolve(family, g.chr);
            out.push(Shaped {
                glyph: i,
                face,
                id,
                text: Some(g.chr.to_string()),
            });
        }
        out
    }
}

/// Walks a page's shapes into groups; characters are resolved in `faces`.
pub(crate) fn walk(page: &Page, faces: &mut Faces) -> Vec<Group> {
    let whole = Rect::from_min_size(Pos2::ZERO, page.size);
    let mut walker = Walker {
        faces,
        pixels_per_point: page.pixels_per_point,
        groups: Vec::new(),
    };
    for ClippedShape {
        clip_rect,
        shape,
        transform_after_tessellation,
    } in &page.shapes
    {
        let clip = (!clip_rect.contains_rect(whole)).then_some(*clip_rect);
        let same = walker
            .groups
            .last()
            .is_some_and(|g| g.clip == clip && g.transform == *transform_after_tessellation);
        if !same {
            walker.groups.push(Group {
                clip,
                transform: *transform_after_tessellation,
                items: Vec::new(),
            });
        }
        walker.shape(shape);
    }
    walker.groups.retain(|g| !g.items.is_empty());
    walker.groups
}

/// The state of one walk.
struct Walker<'a> {
    faces: &'a mut Faces,
    pixels_per_point: f32,
    groups: Vec<Group>,
}

/// How far a cubic's control points sit along the tangents to approximate a quarter circle.
const KAPPA: f32 = 0.552_284_8;

impl Walker<'_> {
    fn items(&mut self) -> &mut Vec<Item> {
        if self.groups.is_empty() {
            self.groups.push(Group {
                clip: None,
                transform: TSTransform::IDENTITY,
                items: Vec::new(),
            });
        }
        let last = self.groups.len() - 1;
        &mut self.groups[last].items
    }

    fn fill(&mut self, outline: Vec<Segment>, colour: Color32) {
        if colour.a() > 0 && outline.len() > 1 {
            self.items().push(Item::Fill { outline, colour });
        }
    }

    /// A stroke; consecutive opaque strokes of one width and colour become one outline (a
    /// dashed line is hundreds of segments).
    #[allow(clippy::float_cmp)] // the very same width, as the painter gave it
    fn stroke(&mut self, mut outline: Vec<Segment>, width: f32, colour: Color32) {
        if colour.a() == 0 || width <= 0.0 || outline.len() < 2 {
            return;
        }
        if let Some(Item::Stroke {
            outline: previous,
            width: w,
            colour: c,
        }) = self.items().last_mut()
            && *w == width
            && *c == colour
            && colour.is_opaque()
        {
            previous.append(&mut outline);
            return;
        }
        self.items().push(Item::Stroke {
            outline,
            width,
            colour,
        });
    }

    fn path_stroke(&mut self, outline: Vec<Segment>, stroke: &PathStroke, bounds: Rect) {
        let colour = match &stroke.color {
            ColorMode::Solid(c) => *c,
            ColorMode::UV(f) => f(bounds, bounds.center()),
        };
        self.stroke(outline, stroke.width, colour);
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.shape(s);
                }
            }
            Shape::Circle(c) => {
                let r = Vec2::splat(c.radius);
                self.fill(ellipse(c.center, r), c.fill);
                self.stroke(ellipse(c.center, r), c.stroke.width, c.stroke.color);
            }
            Shape::Ellipse(e) => {
                self.fill(ellipse(e.center, e.radius), e.fill);
                self.stroke(ellipse(e.center, e.radius), e.stroke.width, e.stroke.color);
            }
            Shape::LineSegment { points, stroke } => {
                let outline = vec![Segment::Move(points[0]), Segment::Line(points[1])];
                self.stroke(outline, stroke.width, stroke.color);
            }
            Shape::Path(p) => {
                let outline = polyline(&p.points, p.closed);
                if p.closed {
                    self.fill(outline.clone(), p.fill);
                }
                let bounds = Rect::from_points(&p.points);
                self.path_stroke(outline, &p.stroke, bounds);
            }
            Shape::Rect(r) => self.rect(r),
            Shape::Text(t) => self.text(t),
            Shape::QuadraticBezier(q) => {
                let [from, control, to] = q.points;
                let mut outline = vec![Segment::Move(from), Segment::Quad(control, to)];
                if q.closed {
                    outline.push(Segment::Close);
                    self.fill(outline.clone(), q.fill);
                }
                self.path_stroke(outline, &q.stroke, Rect::from_points(&q.points));
            }
            Shape::CubicBezier(q) => {
                let [from, first, second, to] = q.points;
                let mut outline = vec![Segment::Move(from), Segment::Cubic(first, second, to)];
                if q.closed {
                    outline.push(Segment::Close);
                    self.fill(outline.clone(), q.fill);
                }
                self.path_stroke(outline, &q.stroke, Rect::from_points(&q.points));
            }
            Shape::Mesh(_) | Shape::Band(_) => self.triangles(shape),
        }
    }

    /// A rectangle: rounded corners, a stroke inside, outside or on its edge, rotated about
    /// its centre.
    fn rect(&mut self, r: &RectShape) {
        let turn = |outline: Vec<Segment>| {
            if r.angle == 0.0 {
                return outline;
            }
            let rot = Rot2::from_angle(r.angle);
            let c = r.rect.center();
            map_points(outline, |p| c + rot * (p - c))
        };
        self.fill(turn(rounded_rect(r.rect, r.corner_radius, 0.0)), r.fill);
        let w = r.stroke.width;
        let grow = match r.stroke_kind {
            StrokeKind::Inside => -w / 2.0,
            StrokeKind::Middle => 0.0,
            StrokeKind::Outside => w / 2.0,
        };
        let outline = turn(rounded_rect(r.rect.expand(grow), r.corner_radius, grow));
        self.stroke(outline, w, r.stroke.color);
    }

    /// Shapes with no outline of their own (meshes, bands): egui's triangles, unfeathered, one
    /// flat colour each.
    fn triangles(&mut self, shape: &Shape) {
        let options = TessellationOptions {
            feathering: false,
            ..TessellationOptions::default()
        };
        let mut tessellator = Tessellator::new(self.pixels_per_point, options, [1, 1], vec![]);
        let mut mesh = Mesh::default();
        tessellator.tessellate_shape(shape.clone(), &mut mesh);
        let mut current: Option<(Color32, Vec<Segment>)> = None;
        for t in mesh.indices.chunks_exact(3) {
            let vertex = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (vertex(t[0]), vertex(t[1]), vertex(t[2])) else {
                continue;
            };
            let colour = a.color;
            let triangle = [
                Segment::Move(a.pos),
                Segment::Line(b.pos),
                Segment::Line(c.pos),
                Segment::Close,
            ];
            match &mut current {
                Some((c, outline)) if *c == colour => outline.extend(triangle),
                _ => {
                    if let Some((c, outline)) = current.take() {
                        self.fill(outline, c);
                    }
                    current = Some((colour, triangle.to_vec()));
                }
            }
        }
        if let Some((c, outline)) = current {
            self.fill(outline, c);
        }
    }

    /// The runs of a text shape, row by row.
    #[allow(clippy::float_cmp)] // a run keeps the very same size and baseline
    fn text(&mut self, t: &TextShape) {
        if t.opacity_factor <= 0.0 {
            return;
        }
        let galley: &Galley = &t.galley;
        let job = &galley.job;
        let mut cursor = 0;
        let rot = Rot2::from_angle(t.angle);
        let turn = |p: Pos2| t.pos + rot * (p - t.pos);
        for row in &galley.rows {
            let row_origin = t.pos + row.pos.to_vec2();
            let sections: Vec<usize> = row
                .glyphs
                .iter()
                .map(|g| section_of(job, &mut cursor, g.chr))
                .collect();
            let mut run: Option<GlyphRun> = None;
            // Pieces of the row in one section and one face, shaped as egui shaped them.
            let mut start = 0;
            while start < row.glyphs.len() {
                let section = sections[start];
                let Some(format) = job.sections.get(section).map(|s| &s.format) else {
                    start += 1;
                    continue;
                };
                let family = &format.font_id.family;
                let face = self.faces.resolve(family, row.glyphs[start].chr).0;
                let mut end = start + 1;
                while end < row.glyphs.len()
                    && sections[end] == section
                    && self.faces.resolve(family, row.glyphs[end].chr).0 == face
                {
                    end += 1;
                }
                let piece = &row.glyphs[start..end];
                let tweak = &self.faces.all[face].tweak;
                let size = format.font_id.size * tweak.scale;
                // egui moves the glyph images of a tweaked font down by this much.
                let shift = (size * tweak.y_offset_factor + tweak.y_offset).round_ui();
                let colour = text_colour(t, format.color);
                let tolerance = 1.0 / self.pixels_per_point;
                // Where the pen is, from the piece's first glyph on: egui's unrounded
                // advances, so glyphs sit where egui's sub-pixel bitmaps put them.
                let mut pen = piece[0].pos.x;
                for cluster in self.faces.shape(face, family, piece) {
                    let glyph = &piece[cluster.glyph];
                    if (pen - glyph.pos.x).abs() > tolerance {
                        pen = glyph.pos.x;
                    }
                    let at = row_origin + vec2(pen, glyph.pos.y + shift);
                    pen += glyph.advance_width;
                    let fits = run.as_ref().is_some_and(|r| {
                        r.face == cluster.face
                            && r.size == size
                            && r.colour == colour
                            && r.origin.y == at.y
                            && at.x >= r.origin.x
                    });
                    if !fits {
                        self.flush(run.take());
                        run = Some(GlyphRun {
                            face: cluster.face,
                            size,
                            colour,
                            origin: at,
                            angle: t.angle,
                            pivot: t.pos,
                            glyphs: Vec::new(),
                            text: String::new(),
                        });
                    }
                    if let Some(r) = run.as_mut() {
                        if let Some(last) = r.glyphs.last_mut() {
                            last.advance = at.x - r.origin.x - last.x;
                        }
                        // Glyphs of one cluster share its characters.
                        let text = match (&cluster.text, r.glyphs.last()) {
                            (None, Some(last)) => last.text.clone(),
                            (text, _) => {
                                let from = r.text.len();
                                r.text.push_str(text.as_deref().unwrap_or_default());
                                from..r.text.len()
                            }
                        };
                        r.glyphs.push(RunGlyph {
                            id: cluster.id,
                            x: at.x - r.origin.x,
                            advance: glyph.advance_width,
                            text,
                        });
                    }
                }
                start = end;
            }
            self.flush(run);
            if t.underline.width > 0.0 && t.underline.color.a() > 0 {
                let bounds = row.visuals.mesh_bounds.translate(row_origin.to_vec2());
                let line = [bounds.left_bottom(), bounds.right_bottom()].map(turn);
                let outline = vec![Segment::Move(line[0]), Segment::Line(line[1])];
                self.stroke(outline, t.underline.width, t.underline.color);
            }
        }
    }

    fn flush(&mut self, run: Option<GlyphRun>) {
        if let Some(run) = run.filter(|r| !r.glyphs.is_empty() && r.colour.a() > 0) {
            self.items().push(Item::Text(run));
        }
    }
}

/// The section of the job a glyph belongs to. Glyphs follow the job's characters one by one
/// (line breaks have none); an elided row ends in a character of its own (`…`), which keeps
/// the section of the glyph before it. `cursor` is the byte offset of the next character.
fn section_of(job: &egui::text::LayoutJob, cursor: &mut usize, chr: char) -> usize {
    let rest = job.text.get(*cursor..).unwrap_or_default();
    // The next characters that are not line breaks; the glyph is the first that matches.
    let mut found = None;
    for (offset, c) in rest.char_indices().filter(|&(_, c)| c != '\n').take(8) {
        if c == chr {
            found = Some(*cursor + offset);
            break;
        }
    }
    let at = match found {
        Some(at) => {
            *cursor = at + chr.len_utf8();
            at
        }
        None => cursor.saturating_sub(1),
    };
    job.sections
        .iter()
        .position(|s| s.byte_range.contains(&ByteIndex(at)))
        .or_else(|| job.sections.len().checked_sub(1))
        .unwrap_or(0)
}

/// The colour egui's tessellator gives a glyph of `colour`.
fn text_colour(t: &TextShape, colour: Color32) -> Color32 {
    let colour = match t.override_text_color {
        Some(c) => c,
        None if colour == Color32::PLACEHOLDER => t.fallback_color,
        None => colour,
    };
    if t.opacity_factor < 1.0 {
        colour.gamma_multiply(t.opacity_factor)
    } else {
        colour
    }
}

fn polyline(points: &[Pos2], closed: bool) -> Vec<Segment> {
    let mut outline: Vec<Segment> = points
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            if i == 0 {
                Segment::Move(p)
            } else {
                Segment::Line(p)
            }
        })
        .collect();
    if closed && points.len() > 2 {
        outline.push(Segment::Close);
    }
    outline
}

fn map_points(outline: Vec<Segment>, f: impl Fn(Pos2) -> Pos2) -> Vec<Segment> {
    outline
        .into_iter()
        .map(|s| match s {
            Segment::Move(p) => Segment::Move(f(p)),
            Segment::Line(p) => Segment::Line(f(p)),
            Segment::Quad(a, b) => Segment::Quad(f(a), f(b)),
            Segment::Cubic(a, b, c) => Segment::Cubic(f(a), f(b), f(c)),
            Segment::Close => Segment::Close,
        })
        .collect()
}

/// An ellipse as four cubic arcs.
fn ellipse(c: Pos2, r: Vec2) -> Vec<Segment> {
    let k = r * KAPPA;
    vec![
        Segment::Move(pos2(c.x + r.x, c.y)),
        Segment::Cubic(
            pos2(c.x + r.x, c.y + k.y),
            pos2(c.x + k.x, c.y + r.y),
            pos2(c.x, c.y + r.y),
        ),
        Segment::Cubic(
            pos2(c.x - k.x, c.y + r.y),
            pos2(c.x - r.x, c.y + k.y),
            pos2(c.x - r.x, c.y),
        ),
        Segment::Cubic(
            pos2(c.x - r.x, c.y - k.y),
            pos2(c.x - k.x, c.y - r.y),
            pos2(c.x, c.y - r.y),
        ),
        Segment::Cubic(
            pos2(c.x + k.x, c.y - r.y),
            pos2(c.x + r.x, c.y - k.y),
            pos2(c.x + r.x, c.y),
        ),
        Segment::Close,
    ]
}

/// A rectangle with egui's corner radii (each grown by `grow`, none below zero or beyond
/// half a side), clockwise from the top left.
fn rounded_rect(r: Rect, radius: CornerRadius, grow: f32) -> Vec<Segment> {
    let most = (r.width().min(r.height()) / 2.0).max(0.0);
    let fit = |v: u8| (f32::from(v) + grow).clamp(0.0, most);
    let (nw, ne, se, sw) = (
        fit(radius.nw),
        fit(radius.ne),
        fit(radius.se),
        fit(radius.sw),
    );
    let (l, t, rt, b) = (r.left(), r.top(), r.right(), r.bottom());
    let mut out = vec![
        Segment::Move(pos2(l + nw, t)),
        Segment::Line(pos2(rt - ne, t)),
    ];
    if ne > 0.0 {
        out.push(Segment::Cubic(
            pos2(rt - ne + ne * KAPPA, t),
            pos2(rt, t + ne - ne * KAPPA),
            pos2(rt, t + ne),
        ));
    }
    out.push(Segment::Line(pos2(rt, b - se)));
    if se > 0.0 {
        out.push(Segment::Cubic(
            pos2(rt, b - se + se * KAPPA),
            pos2(rt - se + se * KAPPA, b),
            pos2(rt - se, b),
        ));
    }
    out.push(Segment::Line(pos2(l + sw, b)));
    if sw > 0.0 {
        out.push(Segment::Cubic(
            pos2(l + sw - sw * KAPPA, b),
            pos2(l, b - sw + sw * KAPPA),
            pos2(l, b - sw),
        ));
    }
    out.push(Segment::Line(pos2(l, t + nw)));
    if nw > 0.0 {
        out.push(Segment::Cubic(
            pos2(l, t + nw - nw * KAPPA),
            pos2(l + nw - nw * KAPPA, t),
            pos2(l + nw, t),
        ));
    }
    out.push(Segment::Close);
    out
}

/// A colour as sRGB bytes and an opacity in 0..=1 (egui's are premultiplied).
pub(crate) fn straight(colour: Color32) -> ([u8; 3], f32) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    ([r, g, b], f32::from(a) / 255.0)
}

/// A point given in a run's unrotated coordinates, in page points (after its rotation).
pub(crate) fn run_point(run: &GlyphRun, p: Pos2) -> Pos2 {
    run.pivot + Rot2::from_angle(run.angle) * (p - run.pivot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_draws_japanese_and_latin() {
        let mut faces = Faces::bundled();
        for c in ['ス', '健', '、', 'A', ' '] {
            let (face, id) = faces.resolve(&FontFamily::Proportional, c);
            let data: &[u8] = (*faces.all[face].data).as_ref();
            assert_eq!(data.len(), crate::fonts::BIZ_UDP_GOTHIC.len(), "{c}");
            assert_ne!(id, 0, "{c}");
        }
    }

    /// The glyph runs of `text` as the painter's egui lays it out at 2 pixels per point.
    fn runs_of(text: &str) -> Vec<GlyphRun> {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::fonts::definitions());
        let mut shapes = Vec::new();
        for _ in 0..2 {
            let mut input = egui::RawInput::default();
            input
                .viewports
                .entry(egui::ViewportId::ROOT)
                .or_default()
                .native_pixels_per_point = Some(2.0);
            let mut pass = ctx.run_pass(input, |ctx| {
                ctx.layer_painter(egui::LayerId::background()).text(
                    pos2(10.0, 10.0),
                    egui::Align2::LEFT_TOP,
                    text,
                    egui::FontId::proportional(20.0),
                    Color32::BLACK,
                );
            });
            pass.textures_delta.clear();
            shapes = pass.shapes;
        }
        let mut faces = Faces::bundled();
        let mut walker = Walker {
            faces: &mut faces,
            pixels_per_point: 2.0,
            groups: Vec::new(),
        };
        for s in &shapes {
            walker.shape(&s.shape);
        }
        walker
            .groups
            .into_iter()
            .flat_map(|g| g.items)
            .filter_map(|i| match i {
                Item::Text(run) => Some(run),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_ligature_is_the_glyph_egui_drew_and_keeps_both_characters() {
        let runs = runs_of("Satisfied");
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run.text, "Satisfied");
        // egui's shaping draws "fi" as one glyph: eight glyphs for nine characters.
        assert_eq!(run.glyphs.len(), 8, "{:?}", run.glyphs);
        let fi = &run.glyphs[5];
        assert_eq!(&run.text[fi.text.clone()], "fi");
        let mut faces = Faces::bundled();
        let (_, f) = faces.resolve(&FontFamily::Proportional, 'f');
        assert_ne!(fi.id, f, "the ligature, not a lone f");
        // Every glyph lies right of the one before.
        assert!(run.glyphs.windows(2).all(|w| w[1].x > w[0].x));
    }

    #[test]
    fn japanese_text_is_one_glyph_per_character_none_missing() {
        let text = "ストレスがなく健康で、ていねい通販との接点が日常化している";
        let runs = runs_of(text);
        let glyphs: Vec<&RunGlyph> = runs.iter().flat_map(|r| &r.glyphs).collect();
        assert_eq!(glyphs.len(), text.chars().count());
        assert!(glyphs.iter().all(|g| g.id != 0), "no missing glyph");
        let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_rounded_rect_is_closed_and_keeps_its_corners_in_bounds() {
        let r = Rect::from_min_size(pos2(10.0, 20.0), vec2(100.0, 40.0));
        let outline = rounded_rect(r, CornerRadius::same(8), -1.0);
        assert_eq!(outline.last(), Some(&Segment::Close));
        assert_eq!(outline.first(), Some(&Segment::Move(pos2(17.0, 20.0))));
        // Radii larger than half the rectangle are cut to it.
        let huge = rounded_rect(r, CornerRadius::same(200), 0.0);
        assert_eq!(huge.first(), Some(&Segment::Move(pos2(30.0, 20.0))));
    }
}
