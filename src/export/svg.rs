//! SVG from a composed [`Page`]: shapes become SVG paths, text becomes the outlines of its
//! glyphs (read from the bundled font with `skrifa`), so the file shows the same in every
//! browser and slide program without the font installed. Each glyph is defined once in
//! `<defs>` and placed with `<use>`; each run of text carries its characters in an
//! `aria-label`, for screen readers and for finding them in the file.
//!
//! Hand-written because the output is small and fixed: a dozen element kinds, numbers with
//! at most two decimals, deterministic ids (fonts and glyphs in order, clip rectangles in
//! order of first use), so the same page gives the same bytes.

use super::Page;
use super::vector::{self, Faces, Group, Item, Segment};
use egui::{Color32, Rect};
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display, Write as _};

/// The page as an SVG document: `width`/`height` the PNG's pixels, the view box in points.
#[must_use]
pub fn to_string(page: &Page) -> String {
    let mut faces = Faces::bundled();
    let groups = vector::walk(page, &mut faces);
    let mut body = String::new();
    let mut clips: Vec<Rect> = Vec::new();
    let mut glyphs: BTreeSet<(usize, u32)> = BTreeSet::new();
    for run in groups
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
    {
        glyphs.extend(run.glyphs.iter().map(|g| (run.face, g.id)));
    }
    let outlines = glyph_outlines(&faces, &glyphs);
    if page.background.a() > 0 {
        let _ = writeln!(
            body,
            r#"<rect width="{}" height="{}"{}/>"#,
            N(page.size.x),
            N(page.size.y),
            Paint("fill", page.background)
        );
    }
    for group in &groups {
        write_group(&mut body, group, &mut clips, &faces, &outlines);
    }

    let mut out = String::with_capacity(body.len() + 64 * outlines.len() + 1024);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{}" height="{}" viewBox="0 0 {} {}" xml:lang="{}">"#,
        page.pixels[0],
        page.pixels[1],
        N(page.size.x),
        N(page.size.y),
        page.lang.code()
    );
    let _ = writeln!(out, "<title>{}</title>", Escaped(&page.title));
    out.push_str("<defs>\n");
    for ((face, id), d) in &outlines {
        if !d.is_empty() {
            let _ = writeln!(out, r#"<path id="{}" d="{d}"/>"#, GlyphRef(*face, *id));
        }
    }
    for (i, r) in clips.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<clipPath id="c{i}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
            N(r.left()),
            N(r.top()),
            N(r.width().max(0.0)),
            N(r.height().max(0.0))
        );
    }
    out.push_str("</defs>\n");
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

fn write_group(
    out: &mut String,
    group: &Group,
    clips: &mut Vec<Rect>,
    faces: &Faces,
    outlines: &BTreeMap<(usize, u32), String>,
) {
    let mut open = 0;
    if let Some(clip) = group.clip {
        let i = clips.iter().position(|c| *c == clip).unwrap_or_else(|| {
            clips.push(clip);
            clips.len() - 1
        });
        let _ = writeln!(out, r#"<g clip-path="url(#c{i})">"#);
        open += 1;
    }
    if group.transform != egui::emath::TSTransform::IDENTITY {
        let t = group.transform;
        let _ = writeln!(
            out,
            r#"<g transform="matrix({} 0 0 {} {} {})">"#,
            N(t.scaling),
            N(t.scaling),
            N(t.translation.x),
            N(t.translation.y)
        );
        open += 1;
    }
    for item in &group.items {
        match item {
            Item::Fill { outline, colour } => {
                let _ = writeln!(
                    out,
                    r#"<path d="{}"{}/>"#,
                    PathData(outline),
                    Paint("fill", *colour)
                );
            }
            Item::Stroke {
                outline,
                width,
                colour,
            } => {
                let _ = writeln!(
                    out,
                    r#"<path d="{}" fill="none"{} stroke-width="{}"/>"#,
                    PathData(outline),
                    Paint("stroke", *colour),
                    N(*width)
                );
            }
            Item::Text(run) => write_run(out, run, faces, outlines),
        }
    }
    for _ in 0..open {
        out.push_str("</g>\n");
    }
}

/// A run: one group scaled from font units to the page (y flipped), a `<use>` per glyph.
fn write_run(
    out: &mut String,
    run: &vector::GlyphRun,
    faces: &Faces,
    outlines: &BTreeMap<(usize, u32), String>,
) {
    let upem = faces
        .all
        .get(run.face)
        .and_then(vector::Face::font_ref)
        .map_or(1000.0, |f| {
            f32::from(
                f.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            )
        });
    let s = run.size / upem.max(1.0);
    if s <= 0.0 {
        return;
    }
    let (a, b) = (run.angle.cos(), run.angle.sin());
    let o = vector::run_point(run, run.origin);
    // Font units → page: scale by s, flip y, turn by the run's angle, move to its origin.
    let _ = write!(
        out,
        r#"<g aria-label="{}" transform="matrix({} {} {} {} {} {})"{}>"#,
        Escaped(&run.text),
        N6(a * s),
        N6(b * s),
        N6(b * s),
        N6(-a * s),
        N(o.x),
        N(o.y),
        Paint("fill", run.colour)
    );
    for g in &run.glyphs {
        let drawn = outlines
            .get(&(run.face, g.id))
            .is_some_and(|d| !d.is_empty());
        if drawn {
            let _ = write!(out, r##"<use xlink:href="#{}""##, GlyphRef(run.face, g.id));
            if g.x != 0.0 {
                let _ = write!(out, r#" x="{}""#, N1(g.x / s));
            }
            out.push_str("/>");
        }
    }
    out.push_str("</g>\n");
}

/// The outline of every glyph used, as path data in font units (y up); empty for blank
/// glyphs such as spaces.
fn glyph_outlines(faces: &Faces, used: &BTreeSet<(usize, u32)>) -> BTreeMap<(usize, u32), String> {
    let mut out = BTreeMap::new();
    let mut face_at = None;
    for &(face, id) in used {
        if face_at.as_ref().is_none_or(|(f, _)| *f != face) {
            face_at = Some((face, faces.all.get(face).and_then(vector::Face::font_ref)));
        }
        let mut pen = Pen(String::new());
        if let Some((_, Some(font))) = &face_at
            && let Some(glyph) = font.outline_glyphs().get(skrifa::GlyphId::new(id))
        {
            let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
            if glyph.draw(settings, &mut pen).is_err() {
                pen.0.clear();
            }
        }
        out.insert((face, id), pen.0);
    }
    out
}

/// Collects an outline as SVG path data.
struct Pen(String);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{} {}", N1(x), N1(y));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{} {}", N1(x), N1(y));
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{} {} {} {}", N1(cx0), N1(cy0), N1(x), N1(y));
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let _ = write!(
            self.0,
            "C{} {} {} {} {} {}",
            N1(cx0),
            N1(cy0),
            N1(cx1),
            N1(cy1),
            N1(x),
            N1(y)
        );
    }

    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// The id of a glyph's outline: `g{face}-{glyph id}`.
struct GlyphRef(usize, u32);

impl Display for GlyphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "g{}-{}", self.0, self.1)
    }
}

/// A number with at most two decimals, no trailing zeros.
struct N(f32);
/// A number with at most one decimal (font units).
struct N1(f32);
/// A number with at most six decimals (scales of font units).
struct N6(f32);

fn rounded(f: &mut fmt::Formatter<'_>, v: f32, digits: i32) -> fmt::Result {
    let scale = 10f64.powi(digits);
    let r = (f64::from(v) * scale).round() / scale;
    if r == 0.0 || !r.is_finite() {
        f.write_str("0")
    } else {
        write!(f, "{r}")
    }
}

impl Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        rounded(f, self.0, 2)
    }
}

impl Display for N1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        rounded(f, self.0, 1)
    }
}

impl Display for N6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        rounded(f, self.0, 6)
    }
}

/// ` fill="#rrggbb"` (or stroke), with an opacity when the colour is translucent.
struct Paint(&'static str, Color32);

impl Display for Paint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ([r, g, b], alpha) = vector::straight(self.1);
        write!(f, r##" {}="#{r:02x}{g:02x}{b:02x}""##, self.0)?;
        if alpha < 1.0 {
            write!(f, r#" {}-opacity="{}""#, self.0, N(alpha))?;
        }
        Ok(())
    }
}

/// An outline as path data, in page points.
struct PathData<'a>(&'a [Segment]);

impl Display for PathData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in self.0 {
            match *s {
                Segment::Move(p) => write!(f, "M{} {}", N(p.x), N(p.y))?,
                Segment::Line(p) => write!(f, "L{} {}", N(p.x), N(p.y))?,
                Segment::Quad(c, p) => write!(f, "Q{} {} {} {}", N(c.x), N(c.y), N(p.x), N(p.y))?,
                Segment::Cubic(c1, c2, p) => write!(
                    f,
                    "C{} {} {} {} {} {}",
                    N(c1.x),
                    N(c1.y),
                    N(c2.x),
                    N(c2.y),
                    N(p.x),
                    N(p.y)
                )?,
                Segment::Close => f.write_str("Z")?,
            }
        }
        Ok(())
    }
}

/// Text escaped for XML content and attribute values; control characters (not allowed in
/// XML 1.0) are left out.
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => f.write_char(' ')?,
                c if c.is_control() => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(12.345_6).to_string(), "12.35");
        assert_eq!(N(-0.001).to_string(), "0");
        assert_eq!(N1(1_234.56).to_string(), "1234.6");
        assert_eq!(N6(0.006_835_937_5).to_string(), "0.006836");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            Escaped("a<b & \"c\"\u{1b}\n").to_string(),
            "a&lt;b &amp; &quot;c&quot; "
        );
    }

    #[test]
    fn translucent_colours_carry_an_opacity() {
        assert_eq!(
            Paint("fill", Color32::from_rgb(255, 0, 16)).to_string(),
            r##" fill="#ff0010""##
        );
        let half = Color32::from_rgba_unmultiplied(0, 0, 0, 128);
        assert!(
            Paint("stroke", half)
                .to_string()
                .contains("stroke-opacity=\"0.5")
        );
    }
}
