//! PDF and SVG export, through the built binary where it can be reached: the format follows
//! the extension (never a PNG in a `.pdf`), unknown extensions are refused before anything is
//! written, the PDF's text is real text that a PDF text extractor (pdf-extract) reads back
//! whole, in a font embedded as a TrueType subset (checked with lopdf), the SVG parses with a
//! real SVG parser (usvg) and renders (resvg) like the PNG, and several pages make one PDF.

use kaidan::export::{self, Request, Size};
use kaidan::i18n::{Lang, T};
use lopdf::{Dictionary, Object};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The goal statement of the すっぽん小町 journey, as the title block shows it (one row).
const GOAL_STATEMENT: &str = "ストレスがなく健康で、ていねい通販との接点が日常化している";
/// The goal step of the すっぽん小町 journey, as its card shows it (over several rows).
const GOAL: &str = "ストレスがなく健康で、ブランドとの接点が日常化している";
/// The step just before it: a psychological change, not a purchase.
const BEFORE_GOAL: &str = "疲れや不安で埋まっていた";

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(args)
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .output()
        .expect("run kaidan")
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Exports teinei through the binary to `out` with a fixed date and `extra` arguments.
fn export_teinei(out: &Path, extra: &[&str]) -> Vec<u8> {
    let teinei = example("teinei.kaidan.ron");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
        vec![&"export", &teinei, &"-o", &out, &"--date", &"2026-01-01"];
    for a in extra {
        args.push(a);
    }
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    fs::read(out).expect("the exported file")
}

/// Text with every kind of white space removed: a card wraps its title over rows, and a
/// reader puts a line break between them.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn name_of(dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    match dict.get(key).ok()? {
        Object::Name(name) => Some(name.clone()),
        _ => None,
    }
}

#[test]
fn a_pdf_holds_the_goal_as_real_text_in_an_embedded_subset_truetype_font() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("teinei.pdf");
    let pdf = export_teinei(&out, &[]);
    assert!(pdf.starts_with(b"%PDF-"), "a PDF, not a PNG");

    // The texts looked for are the journey's own.
    let teinei = kaidan::bundled::TEINEI.load().expect("example");
    assert_eq!(teinei.goal_statement, GOAL_STATEMENT);
    assert!(teinei.steps.iter().any(|s| s.title == GOAL));

    // Text extraction, as a reader's search or copy sees it: the statement whole on its row,
    // the card's title whole across its rows.
    let extracted = pdf_extract::extract_text_from_mem(&pdf).expect("extract the text");
    assert!(
        extracted.contains(GOAL_STATEMENT),
        "the goal statement is not whole in the extracted text:\n{extracted}"
    );
    let all = squeezed(&extracted);
    assert!(
        all.contains(GOAL),
        "the goal step is not whole in the extracted text:\n{extracted}"
    );
    assert!(all.contains(BEFORE_GOAL), "{extracted}");
    assert!(
        all.contains("2026-01-01"),
        "the title block's date: {extracted}"
    );

    // One page of 960 × 540 pt (a 16:9 slide), the font embedded as a subset.
    let doc = lopdf::Document::load_mem(&pdf).expect("parse the PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let page_id = *doc.get_pages().values().next().expect("a page");
    let fonts = doc.get_page_fonts(page_id).expect("the page's fonts");
    assert!(!fonts.is_empty(), "the page draws text");
    for (name, font) in &fonts {
        let name = text(name);
        // pdffonts' "type: CID TrueType, encoding: Identity-H, emb: yes, sub: yes, uni: yes".
        assert_eq!(
            name_of(font, b"Subtype").as_deref(),
            Some(&b"Type0"[..]),
            "{name}"
        );
        assert_eq!(
            name_of(font, b"Encoding").as_deref(),
            Some(&b"Identity-H"[..]),
            "{name}"
        );
        let to_unicode = font
            .get_deref(b"ToUnicode", &doc)
            .and_then(Object::as_stream)
            .expect("a ToUnicode map")
            .decompressed_content()
            .expect("its content");
        assert!(text(&to_unicode).contains("beginbfchar"), "{name}");
        let cid = font
            .get_deref(b"DescendantFonts", &doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .expect("a descendant font");
        assert_eq!(
            name_of(cid, b"Subtype").as_deref(),
            Some(&b"CIDFontType2"[..]),
            "{name}: a TrueType CID font"
        );
        let base = name_of(cid, b"BaseFont").expect("a base font name");
        // A subset's name starts with six capitals and a plus: ABCDEF+BIZUDPGothic.
        assert_eq!(base.get(6), Some(&b'+'), "{}", text(&base));
        assert!(
            base[..6].iter().all(u8::is_ascii_uppercase),
            "{}",
            text(&base)
        );
        assert!(text(&base).contains("BIZUDPGothic"), "{}", text(&base));
        let program = cid
            .get_deref(b"FontDescriptor", &doc)
            .and_then(Object::as_dict)
            .and_then(|d| d.get_deref(b"FontFile2", &doc))
            .and_then(Object::as_stream)
            .expect("the TrueType program embedded (FontFile2)")
            .decompressed_content()
            .expect("its content");
        assert!(
            program.len() * 20 < kaidan::fonts::BIZ_UDP_GOTHIC.len(),
            "a subset: {} bytes of the font's {}",
            program.len(),
            kaidan::fonts::BIZ_UDP_GOTHIC.len()
        );
    }
    // Subset: far smaller than the 4.7 MB font.
    assert!(pdf.len() < 1_000_000, "{} bytes", pdf.len());
    let page = doc
        .get_pages()
        .values()
        .next()
        .and_then(|id| doc.get_dictionary(*id).ok())
        .expect("a page");
    let media_box: Vec<f32> = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("a media box")
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect();
    assert_eq!(media_box, [0.0, 0.0, 960.0, 540.0]);
}

#[test]
fn an_english_pdf_has_the_english_texts_and_the_journey_s_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = export_teinei(&dir.path().join("en.pdf"), &["--lang", "en"]);
    let all = squeezed(&pdf_extract::extract_text_from_mem(&pdf).expect("text"));
    // "Affinity" is drawn with egui's "fi" ligature: one glyph, both letters.
    for key in [
        T::Legend,
        T::LegendLevels,
        T::LegendDescending,
        T::AffinityAxis,
    ] {
        let english = key.text(Lang::En);
        assert!(all.contains(&squeezed(english)), "{english} in {all}");
    }
    assert!(
        all.contains(GOAL),
        "the journey's own texts stay as written"
    );
}

#[test]
fn the_format_follows_the_extension_and_a_pdf_never_holds_a_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, magic) in [
        ("a.pdf", &b"%PDF-"[..]),
        ("b.PDF", b"%PDF-"),
        ("c.svg", b"<?xml"),
        ("d.png", b"\x89PNG\r\n\x1a\n"),
    ] {
        let bytes = export_teinei(
            &dir.path().join(name),
            &["--width", "800", "--height", "450"],
        );
        assert!(bytes.starts_with(magic), "{name}");
    }
    // --format agreeing with the extension is fine.
    let bytes = export_teinei(&dir.path().join("e.pdf"), &["--format", "pdf"]);
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn an_unknown_extension_or_a_contradicting_format_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let teinei = example("teinei.kaidan.ron");
    for (out, extra) in [
        ("slide.jpg", None),
        ("slide", None),
        ("slide.pdf.bak", None),
        ("slide.pdf", Some("png")),
        ("slide.png", Some("svg")),
    ] {
        let target = dir.path().join(out);
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"export", &teinei, &"-o", &target];
        if let Some(format) = &extra {
            args.push(&"--format");
            args.push(format);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{out} {extra:?}");
        let err = text(&o.stderr);
        assert!(err.contains(out), "names the file: {err}");
        if extra.is_none() {
            assert!(err.contains(".png, .pdf, .svg"), "lists the formats: {err}");
        } else {
            assert!(err.contains("--format"), "{err}");
        }
        assert!(files_in(dir.path()).is_empty(), "{out}: nothing written");
    }
    // In Japanese too.
    let o = assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(["export"])
        .arg(&teinei)
        .arg("-o")
        .arg(dir.path().join("slide.jpg"))
        .env_remove("LANGUAGE")
        .env("LC_ALL", "ja_JP.UTF-8")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("拡張子"), "{}", text(&o.stderr));
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn several_projects_go_into_a_folder_in_the_format_asked_for() {
    for (format, magic) in [("pdf", &b"%PDF-"[..]), ("svg", b"<?xml")] {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = run(&[
            &"export",
            &example("teinei.kaidan.ron"),
            &example("loyalty-loop.kaidan.ron"),
            &"-o",
            &dir.path(),
            &"--format",
            &format,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let names = files_in(dir.path());
        assert_eq!(
            names,
            [format!("loyalty-loop.{format}"), format!("teinei.{format}")]
        );
        for name in names {
            let bytes = fs::read(dir.path().join(&name)).expect("read");
            assert!(bytes.starts_with(magic), "{name}");
        }
    }
}

#[test]
fn the_same_project_and_date_give_the_same_pdf_and_svg_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    for format in ["pdf", "svg"] {
        let a = export_teinei(&dir.path().join(format!("a.{format}")), &[]);
        let b = export_teinei(&dir.path().join(format!("b.{format}")), &[]);
        assert!(a == b, "{format}: two exports differ");
    }
}

/// Saves an image for eyes in the folder `KAIDAN_VECTOR_DIR` names, if it names one.
fn keep(name: &str, image: &image::RgbaImage) {
    if let Some(dir) = std::env::var_os("KAIDAN_VECTOR_DIR") {
        let dir = PathBuf::from(dir);
        fs::create_dir_all(&dir).expect("the folder for renderings");
        image.save(dir.join(name)).expect("save the rendering");
    }
}

/// Saves a file for eyes in the folder `KAIDAN_VECTOR_DIR` names, if it names one.
fn keep_file(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("KAIDAN_VECTOR_DIR") {
        let dir = PathBuf::from(dir);
        fs::create_dir_all(&dir).expect("the folder for renderings");
        fs::write(dir.join(name), bytes).expect("save the file");
    }
}

/// Renders an SVG with resvg at its own size.
fn render_svg(svg: &[u8]) -> resvg::tiny_skia::Pixmap {
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default())
        .expect("usvg parses the SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn an_svg_parses_and_renders_like_the_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let svg = export_teinei(&dir.path().join("teinei.svg"), &[]);
    let png = export_teinei(&dir.path().join("teinei.png"), &[]);
    let png = image::load_from_memory(&png).expect("png").to_rgba8();

    // A real XML parser reads it, and the text is there for screen readers.
    let source = std::str::from_utf8(&svg).expect("UTF-8");
    let xml = labels_of_a_wellformed_svg(source);
    assert!(xml.contains(GOAL_STATEMENT), "the goal statement's label");
    assert!(squeezed(&xml).contains(GOAL), "the goal step's label");
    // Glyphs are defined once each and placed with <use>.
    let defs = source.matches("<path id=\"g").count();
    let uses = source.matches("<use ").count();
    assert!(defs > 50 && uses > 2 * defs, "{defs} glyphs, {uses} uses");

    let rendered = render_svg_image(&svg);
    assert_eq!(rendered.dimensions(), png.dimensions(), "the PNG's size");
    keep("teinei.svg.png", &rendered);
    let (differ, marked) = differing_blocks(&png, &rendered);
    keep("teinei.svg-differs.png", &marked);
    assert!(
        differ <= 3,
        "{differ} blocks of 6×6 pixels differ from the PNG"
    );

    // The measure sees a small omission: the same slide without the emotion faces and
    // badges.
    let without = export_teinei(
        &dir.path().join("without.svg"),
        &["--layers", "curve,nps,legend,title"],
    );
    let (differ, _) = differing_blocks(&png, &render_svg_image(&without));
    assert!(differ > 10, "only {differ} blocks differ without the faces");
}

/// An SVG rendered by resvg at its own size, as straight-alpha RGBA.
fn render_svg_image(svg: &[u8]) -> image::RgbaImage {
    let pixmap = render_svg(svg);
    let mut image = image::RgbaImage::new(pixmap.width(), pixmap.height());
    for (p, q) in image.pixels_mut().zip(pixmap.pixels()) {
        let q = q.demultiply();
        p.0 = [q.red(), q.green(), q.blue(), q.alpha()];
    }
    image
}

/// How many 6×6-pixel blocks of two images differ in their mean colour by more than 96 in
/// a channel, and the first image with those blocks marked in magenta. Blocks, not pixels:
/// the PNG draws text from hinted bitmaps and snaps thin lines to whole pixels, a vector
/// renderer anti-aliases outlines where they fall, so single pixels differ all along every
/// line and letter while the page is the same; a missing or moved mark still changes its
/// blocks' mean.
fn differing_blocks(a: &image::RgbaImage, b: &image::RgbaImage) -> (usize, image::RgbaImage) {
    const BLOCK: u32 = 6;
    const TOLERANCE: u32 = 96;
    let mean = |image: &image::RgbaImage, bx: u32, by: u32| {
        let mut sum = [0_u32; 4];
        for y in by * BLOCK..(by + 1) * BLOCK {
            for x in bx * BLOCK..(bx + 1) * BLOCK {
                for (s, v) in sum.iter_mut().zip(image.get_pixel(x, y).0) {
                    *s += u32::from(v);
                }
            }
        }
        sum.map(|s| s / (BLOCK * BLOCK))
    };
    let mut marked = a.clone();
    let mut differ = 0;
    for by in 0..a.height().min(b.height()) / BLOCK {
        for bx in 0..a.width().min(b.width()) / BLOCK {
            let (p, q) = (mean(a, bx, by), mean(b, bx, by));
            if p.iter().zip(q).any(|(x, y)| x.abs_diff(y) > TOLERANCE) {
                differ += 1;
                for y in by * BLOCK..(by + 1) * BLOCK {
                    for x in bx * BLOCK..(bx + 1) * BLOCK {
                        marked.put_pixel(x, y, image::Rgba([255, 0, 255, 255]));
                    }
                }
            }
        }
    }
    (differ, marked)
}

/// The text of every `aria-label`, in document order, after checking that the document is
/// well-formed SVG (usvg parses with roxmltree and refuses malformed XML).
fn labels_of_a_wellformed_svg(source: &str) -> String {
    resvg::usvg::Tree::from_str(source, &resvg::usvg::Options::default())
        .expect("a well-formed SVG");
    let mut labels = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("aria-label=\"") {
        rest = &rest[at + "aria-label=\"".len()..];
        let end = rest.find('"').expect("a closed attribute");
        labels.push_str(&rest[..end]);
        labels.push('\n');
        rest = &rest[end..];
    }
    labels
}

#[test]
fn a_transparent_svg_is_transparent_around_an_opaque_diagram() {
    let dir = tempfile::tempdir().expect("tempdir");
    let svg = export_teinei(
        &dir.path().join("t.svg"),
        &["--transparent", "--width", "960", "--height", "540"],
    );
    let image = render_svg_image(&svg);
    assert_eq!(image.get_pixel(0, 0).0[3], 0);
    assert_eq!(image.get_pixel(959, 539).0[3], 0);
    let opaque = image.pixels().filter(|p| p.0[3] == 255).count();
    assert!(opaque > 960 * 540 / 10, "the diagram is drawn: {opaque}");
    // Translucent parts (phase tints, shadows) as translucent as in the PNG.
    let png = export_teinei(
        &dir.path().join("t.png"),
        &["--transparent", "--width", "960", "--height", "540"],
    );
    let png = image::load_from_memory(&png).expect("png").to_rgba8();
    let (differ, marked) = differing_blocks(&png, &image);
    keep("transparent.svg-differs.png", &marked);
    assert!(
        differ <= 3,
        "{differ} blocks differ from the transparent PNG"
    );
}

#[test]
fn a_deck_is_one_pdf_with_a_page_per_slide() {
    // The deck's slides (export::deck), then an A4 page of another journey: pages of
    // several sizes in one document.
    let teinei = kaidan::bundled::TEINEI.load().expect("example");
    let loyalty = kaidan::bundled::LOYALTY_LOOP.load().expect("example");
    let request = Request::new(Size::SLIDE, Lang::Ja, "2026-01-01");
    let slides = export::deck::slides(&teinei, &request).expect("slides");
    assert!(slides.len() > 2, "an overview and the phases");
    // One composer for the deck: the fonts are loaded once.
    let mut composer = export::Composer::new();
    let mut pages: Vec<export::Page> = slides
        .iter()
        .map(|slide| {
            let request = Request {
                whole_titles: slide.whole_titles,
                ..request.clone()
            };
            composer.page(&slide.journey, &request).expect("page")
        })
        .collect();
    let a4 = Request::new(Size::A4_300DPI, Lang::En, "2026-01-01");
    pages.push(composer.page(&loyalty, &a4).expect("page"));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deck.pdf");
    export::pdf::write(&pages, &path).expect("write");
    let bytes = fs::read(&path).expect("read");
    keep_file("deck.pdf", &bytes);
    let doc = lopdf::Document::load_mem(&bytes).expect("parse");
    let ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    assert_eq!(ids.len(), slides.len() + 1, "a page per slide");
    let widths: Vec<f32> = ids
        .iter()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("a page");
            let media_box = page
                .get(b"MediaBox")
                .and_then(Object::as_array)
                .expect("a media box");
            media_box[2].as_float().expect("a number") / media_box[3].as_float().expect("a number")
        })
        .collect();
    for ratio in &widths[..slides.len()] {
        assert!((ratio - 16.0 / 9.0).abs() < 0.01, "a 16:9 slide: {ratio}");
    }
    let a4_ratio = widths[slides.len()];
    assert!(
        (a4_ratio - 297.0 / 210.0).abs() < 0.01,
        "A4's shape: {a4_ratio}"
    );
    let everything = squeezed(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for slide in &slides {
        assert!(
            everything.contains(&squeezed(&slide.journey.title)),
            "the slide's title {}",
            slide.journey.title
        );
    }
    assert!(everything.contains(&squeezed(&loyalty.title)));
    assert_eq!(
        files_in(dir.path()),
        ["deck.pdf"],
        "written atomically, no temporary file left"
    );
    assert!(matches!(
        export::pdf::to_bytes(&[]),
        Err(export::ExportError::NoPages)
    ));
}
