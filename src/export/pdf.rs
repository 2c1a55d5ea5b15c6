//! Vector PDF from composed [`Page`]s, through `krilla`: shapes become PDF paths, text becomes
//! real text (selectable, searchable, extractable) in the bundled font, which krilla embeds
//! as a subset (a `CIDFontType2` font with a `ToUnicode` map), so Japanese shows in any reader.
//! Every glyph sits where egui laid it out for the PNG; nothing is shaped or wrapped again.
//!
//! Several pages make one document ([`write`]): a deck is one page per slide.

use super::vector::{self, Faces, Group, Item, Segment};
use super::{ExportError, Page};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::collections::BTreeMap;
use std::path::Path;

/// PDF points per page point: a 1920×1080-point slide is a 960×540 pt page (13.33 × 7.5 in,
/// the widescreen slide of presentation programs).
pub const POINTS_PER_PAGE_POINT: f32 = 0.5;
/// The longest page side readers accept, in PDF points (Acrobat: 200 inches); larger pages
/// are scaled down to it.
pub const MAX_SIDE_POINTS: f32 = 14_400.0;
/// egui's lines have a miter join cut off about here.
const MITER_LIMIT: f32 = 4.0;

/// The PDF points per page point of a page: [`POINTS_PER_PAGE_POINT`], less for a page
/// that would be larger than [`MAX_SIDE_POINTS`].
#[must_use]
pub fn scale_of(page: &Page) -> f32 {
    let longest = page.size.x.max(page.size.y).max(1.0);
    POINTS_PER_PAGE_POINT.min(MAX_SIDE_POINTS / longest)
}

/// Writes the pages as one PDF document, atomically (one page per [`Page`], in order).
pub fn write(pages: &[Page], path: &Path) -> Result<(), ExportError> {
    let bytes = to_bytes(pages)?;
    crate::io::write_atomically(path, &bytes)?;
    Ok(())
}

/// The pages as the bytes of one PDF document. Its title and language are the first page's.
pub fn to_bytes(pages: &[Page]) -> Result<Vec<u8>, ExportError> {
    let first = pages.first().ok_or(ExportError::NoPages)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(first.title.clone())
            .language(first.lang.code().to_owned())
            .creator(format!("Kaidan {}", env!("CARGO_PKG_VERSION"))),
    );
    let mut faces = Faces::bundled();
    let mut fonts = Fonts::default();
    for page in pages {
        let groups = vector::walk(page, &mut faces);
        let k = scale_of(page);
        let settings = PageSettings::from_wh(page.size.x * k, page.size.y * k)
            .ok_or_else(|| ExportError::Pdf(format!("page size {:?}", page.size)))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        surface.push_transform(&Transform::from_scale(k, k));
        let background = vector::straight(page.background);
        if background.1 > 0.0 {
            let whole = [
                Segment::Move(egui::Pos2::ZERO),
                Segment::Line(egui::pos2(page.size.x, 0.0)),
                Segment::Line(page.size.to_pos2()),
                Segment::Line(egui::pos2(0.0, page.size.y)),
                Segment::Close,
            ];
            fill(&mut surface, &whole, page.background);
        }
        for group in &groups {
            draw_group(&mut surface, group, &faces, &mut fonts);
        }
        surface.pop();
        surface.finish();
        pdf_page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// The krilla fonts made so far, by face.
#[derive(Default)]
struct Fonts(BTreeMap<usize, Option<Font>>);

impl Fonts {
    fn get(&mut self, faces: &Faces, face: usize) -> Option<Font> {
        self.0
            .entry(face)
            .or_insert_with(|| {
                let f = faces.all.get(face)?;
                Font::new(krilla::Data::from(f.data.clone()), f.index)
            })
            .clone()
    }
}

fn draw_group(surface: &mut Surface<'_>, group: &Group, faces: &Faces, fonts: &mut Fonts) {
    let mut pushed = 0;
    if let Some(clip) = group.clip
        && let Some(path) = path_of(&[
            Segment::Move(clip.left_top()),
            Segment::Line(clip.right_top()),
            Segment::Line(clip.right_bottom()),
            Segment::Line(clip.left_bottom()),
            Segment::Close,
        ])
    {
        surface.push_clip_path(&path, &FillRule::NonZero);
        pushed += 1;
    }
    if group.transform != egui::emath::TSTransform::IDENTITY {
        let t = group.transform;
        surface.push_transform(&Transform::from_row(
            t.scaling,
            0.0,
            0.0,
            t.scaling,
            t.translation.x,
            t.translation.y,
        ));
        pushed += 1;
    }
    for item in &group.items {
        match item {
            Item::Fill { outline, colour } => fill(surface, outline, *colour),
            Item::Stroke {
                outline,
                width,
                colour,
            } => stroke(surface, outline, *width, *colour),
            Item::Text(run) => text(surface, run, faces, fonts),
        }
    }
    for _ in 0..pushed {
        surface.pop();
    }
}

fn path_of(outline: &[Segment]) -> Option<krilla::geom::Path> {
    let mut b = PathBuilder::new();
    for s in outline {
        match *s {
            Segment::Move(p) => b.move_to(p.x, p.y),
            Segment::Line(p) => b.line_to(p.x, p.y),
            Segment::Quad(c, p) => b.quad_to(c.x, c.y, p.x, p.y),
            Segment::Cubic(c1, c2, p) => b.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y),
            Segment::Close => b.close(),
        }
    }
    b.finish()
}

fn opacity(alpha: f32) -> NormalizedF32 {
    NormalizedF32::new(alpha.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE)
}

fn paint_fill(colour: egui::Color32) -> Fill {
    let ([r, g, b], alpha) = vector::straight(colour);
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: opacity(alpha),
        rule: FillRule::NonZero,
    }
}

fn fill(surface: &mut Surface<'_>, outline: &[Segment], colour: egui::Color32) {
    if let Some(path) = path_of(outline) {
        surface.set_stroke(None);
        surface.set_fill(Some(paint_fill(colour)));
        surface.draw_path(&path);
    }
}

fn stroke(surface: &mut Surface<'_>, outline: &[Segment], width: f32, colour: egui::Color32) {
    if let Some(path) = path_of(outline) {
        let ([r, g, b], alpha) = vector::straight(colour);
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(r, g, b).into(),
            width,
            miter_limit: MITER_LIMIT,
            line_cap: LineCap::Butt,
            line_join: LineJoin::Miter,
            opacity: opacity(alpha),
            dash: None,
        }));
        surface.draw_path(&path);
    }
}

/// A run as PDF text: the glyphs at egui's positions (krilla adjusts each advance), each
/// carrying its character for copying and searching.
fn text(surface: &mut Surface<'_>, run: &vector::GlyphRun, faces: &Faces, fonts: &mut Fonts) {
    let Some(font) = fonts.get(faces, run.face) else {
        return;
    };
    let size = run.size.max(f32::EPSILON);
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| KrillaGlyph {
            glyph_id: GlyphId::new(g.id),
            text_range: g.text.clone(),
            x_advance: g.advance / size,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let rotated = run.angle != 0.0;
    if rotated {
        surface.push_transform(&Transform::from_rotate_at(
            run.angle.to_degrees(),
            run.pivot.x,
            run.pivot.y,
        ));
    }
    surface.set_stroke(None);
    surface.set_fill(Some(paint_fill(run.colour)));
    let first_x = run.glyphs.first().map_or(0.0, |g| g.x);
    surface.draw_glyphs(
        Point::from_xy(run.origin.x + first_x, run.origin.y),
        &glyphs,
        font,
        &run.text,
        size,
        false,
    );
    if rotated {
        surface.pop();
    }
}
