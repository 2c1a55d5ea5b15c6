//! PNG export: the built binary's `kaidan export` (sizes, folders, errors that leave no file),
//! pixel probes on real exports (page corners, a descending branch in the descend colour, a
//! transparent page), and golden images of the bundled examples.
//!
//! Golden images live in `tests/golden/` and are compared exactly: the font and the rasteriser
//! are our own, so an export is the same on every machine, and every pixel must match its
//! golden image within [`CHANNEL_TOLERANCE`] levels on each of R, G, B and A. On a mismatch the
//! test writes `NAME.actual.png` (this run's image) and `NAME.diff.png` (the differing pixels in
//! magenta over a faded golden image) next to the golden one; git ignores both.
//! `KAIDAN_BLESS=1 cargo test --test export` rewrites the goldens after a deliberate change to
//! the look (then look at them before committing).

use egui::{Color32, Pos2};
use image::{Rgba, RgbaImage};
use kaidan::export::{self, Request, Size};
use kaidan::i18n::Lang;
use kaidan::model::Journey;
use kaidan::paint::Theme;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Per channel (R, G, B and A), how far any pixel may differ from the golden image; one pixel
/// further apart fails the test. Not 0 only to leave room for floating-point rounding that may
/// differ between platforms' maths libraries: no change a reader could see gets through.
const CHANNEL_TOLERANCE: u8 = 2;

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(args)
        // Messages in English, whatever the locale of the machine running the tests.
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

fn request(size: Size) -> Request<'static> {
    // A fixed date, so golden images do not change with the calendar.
    Request::new(size, Lang::Ja, "2026-01-01")
}

fn px(image: &image::RgbaImage, at: Pos2) -> Color32 {
    let [red, green, blue, alpha] = image.get_pixel(at.x as u32, at.y as u32).0;
    Color32::from_rgba_unmultiplied(red, green, blue, alpha)
}

fn close(a: Color32, b: Color32) -> bool {
    a.to_array()
        .iter()
        .zip(b.to_array())
        .all(|(x, y)| x.abs_diff(y) <= 16)
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

#[test]
fn the_binary_exports_one_project_to_a_png_of_the_exact_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (args, size) in [
        (vec![], (1920, 1080)),
        (vec!["--width", "3840", "--height", "2160"], (3840, 2160)),
        (vec!["--width", "3508", "--height", "2480"], (3508, 2480)),
        (
            vec!["--width", "800", "--height", "600", "--transparent"],
            (800, 600),
        ),
    ] {
        let out = dir.path().join(format!("{}x{}.png", size.0, size.1));
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"export"];
        let teinei = example("teinei.kaidan.ron");
        all.push(&teinei);
        all.push(&"-o");
        all.push(&out);
        for a in &args {
            all.push(a);
        }
        let o = run(&all);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let image = image::open(&out).expect("a PNG").to_rgba8();
        assert_eq!(image.dimensions(), size);
    }
}

#[test]
fn several_projects_go_into_a_folder_one_png_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&[
        &"export",
        &example("teinei.kaidan.ron"),
        &example("loyalty-loop.kaidan.ron"),
        &"-o",
        &dir.path(),
        &"--scale",
        &"0.5",
        &"--layers",
        &"emotions,nps,legend",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(files_in(dir.path()), ["loyalty-loop.png", "teinei.png"]);
    // With --scale the size follows the diagram: the loyalty loop is wider than tall.
    let loop_png = image::open(dir.path().join("loyalty-loop.png")).expect("png");
    assert!(loop_png.width() > loop_png.height());
}

#[test]
fn export_errors_exit_1_and_leave_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.kaidan.ron");
    fs::write(&broken, "(format_version: 3, journey: (").expect("write");
    let target = dir.path().join("broken.png");
    let o = run(&[&"export", &broken, &"-o", &target]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("broken.kaidan.ron"),
        "{}",
        text(&o.stderr)
    );
    // An unwritable place: a folder that does not exist.
    let nowhere = dir.path().join("missing").join("out.png");
    let o = run(&[&"export", &example("teinei.kaidan.ron"), &"-o", &nowhere]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!text(&o.stderr).is_empty());
    // Several projects but -o is not a folder.
    let o = run(&[
        &"export",
        &example("teinei.kaidan.ron"),
        &example("loyalty-loop.kaidan.ron"),
        &"-o",
        &dir.path().join("x.png"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("existing folder"));
    // A size beyond the limit and an unknown wave.
    let o = run(&[
        &"export",
        &example("teinei.kaidan.ron"),
        &"-o",
        &target,
        &"--width",
        &"99999",
        &"--height",
        &"10",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("1–16384"), "{}", text(&o.stderr));
    let o = run(&[
        &"export",
        &example("teinei.kaidan.ron"),
        &"-o",
        &target,
        &"--wave",
        &"無い",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("「無い」"));
    // A date that is not in the calendar.
    let o = run(&[
        &"export",
        &example("teinei.kaidan.ron"),
        &"-o",
        &target,
        &"--date",
        &"2026-02-31",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("2026-02-31"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        files_in(dir.path()),
        ["broken.kaidan.ron"],
        "no PNG and no temporary file"
    );
}

fn teinei() -> Journey {
    kaidan::bundled::TEINEI.load().expect("example")
}

#[test]
fn corners_are_the_page_colour_and_a_descending_branch_is_in_the_descend_colour() {
    let j = teinei();
    // The staircase at its largest (the initiative lanes shrink it; they have their own tests).
    let mut req = request(Size::SLIDE);
    req.layers.initiatives = false;
    let image = export::render(&j, &req).expect("render");
    let theme = Theme::light();
    let (right, bottom) = (image.width() as f32 - 1.0, image.height() as f32 - 1.0);
    for corner in [
        Pos2::ZERO,
        Pos2::new(right, 0.0),
        Pos2::new(0.0, bottom),
        Pos2::new(right, bottom),
    ] {
        assert_eq!(px(&image, corner), theme.background, "corner {corner:?}");
    }
    // Along a descending connector's riser, some pixels are the descend colour (it is dashed).
    let export::Placement {
        scene,
        to_page,
        ppp,
        ..
    } = export::placement(&j, &req).expect("placement");
    let branch = scene
        .connectors
        .iter()
        .find(|c| c.descending)
        .expect("the example has descending branches");
    // Its longest piece (a straight riser, or the riser of a staircase).
    let (a, b) = branch
        .points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .max_by(|x, y| x.0.distance(x.1).total_cmp(&y.0.distance(y.1)))
        .expect("a connector has a piece");
    let hits = (0..=40)
        .map(|i| a + (b - a) * (i as f32 / 40.0))
        .map(|p| (to_page * p).to_vec2() * ppp)
        .filter(|p| close(px(&image, p.to_pos2()), theme.descend))
        .count();
    assert!(
        hits >= 8,
        "only {hits} of 41 riser pixels in the descend colour"
    );
}

#[test]
fn a_transparent_export_is_transparent_around_an_opaque_diagram() {
    let j = teinei();
    let req = Request {
        transparent: true,
        ..request(Size::Pixels {
            width: 960,
            height: 540,
        })
    };
    let image = export::render(&j, &req).expect("render");
    assert_eq!(image.get_pixel(0, 0).0[3], 0, "the page is transparent");
    assert_eq!(image.get_pixel(959, 539).0[3], 0);
    let export::Placement {
        scene,
        to_page,
        ppp,
        ..
    } = export::placement(&j, &req).expect("placement");
    let card = scene
        .cards
        .iter()
        .find(|c| c.kind == kaidan::model::StepKind::Step)
        .expect("a card");
    let inside = (to_page * (card.rect.left_top() + egui::vec2(4.0, 30.0))).to_vec2() * ppp;
    assert_eq!(
        image.get_pixel(inside.x as u32, inside.y as u32).0[3],
        255,
        "cards are opaque"
    );
}

/// How an image differs from its golden image.
#[derive(Debug, PartialEq, Eq)]
enum Mismatch {
    /// The images are not the same size.
    Size {
        golden: (u32, u32),
        actual: (u32, u32),
    },
    /// `count` pixels have a channel more than [`CHANNEL_TOLERANCE`] levels from the golden
    /// image's; `largest` is the largest channel difference, at the pixel `at`.
    Pixels {
        count: usize,
        largest: u8,
        at: (u32, u32),
    },
}

/// Whether `actual` matches `golden`: same size, and every channel of every pixel within
/// [`CHANNEL_TOLERANCE`] levels.
fn compare(golden: &RgbaImage, actual: &RgbaImage) -> Result<(), Mismatch> {
    if golden.dimensions() != actual.dimensions() {
        return Err(Mismatch::Size {
            golden: golden.dimensions(),
            actual: actual.dimensions(),
        });
    }
    let (mut count, mut largest, mut at) = (0, 0, (0, 0));
    for ((x, y, g), a) in golden.enumerate_pixels().zip(actual.pixels()) {
        let difference = channel_difference(*g, *a);
        if difference > CHANNEL_TOLERANCE {
            count += 1;
        }
        if difference > largest {
            (largest, at) = (difference, (x, y));
        }
    }
    if count == 0 {
        Ok(())
    } else {
        Err(Mismatch::Pixels { count, largest, at })
    }
}

/// The largest difference between two pixels' channels.
fn channel_difference(a: Rgba<u8>, b: Rgba<u8>) -> u8 {
    a.0.iter()
        .zip(b.0)
        .map(|(x, y)| x.abs_diff(y))
        .max()
        .unwrap_or(0)
}

/// The pixels of `actual` that [`compare`] rejects, in magenta, over a faded, opaque copy of
/// `golden` (composited on white, so a transparent page shows too). Same-size images only.
fn diff_image(golden: &RgbaImage, actual: &RgbaImage) -> RgbaImage {
    RgbaImage::from_fn(golden.width(), golden.height(), |x, y| {
        let g = *golden.get_pixel(x, y);
        if channel_difference(g, *actual.get_pixel(x, y)) > CHANNEL_TOLERANCE {
            return Rgba([255, 0, 255, 255]);
        }
        let alpha = u32::from(g.0[3]);
        let faded = |c: u8| {
            let on_white = (u32::from(c) * alpha + 255 * (255 - alpha)) / 255;
            (255 - (255 - on_white) / 4) as u8
        };
        Rgba([faded(g.0[0]), faded(g.0[1]), faded(g.0[2]), 255])
    })
}

/// Compares `image` with `tests/golden/NAME` (see [`compare`]), or rewrites the golden image
/// with `KAIDAN_BLESS=1`. On a mismatch, writes this run's image and a diff image next to the
/// golden one and names them.
fn assert_golden(name: &str, image: &RgbaImage) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let actual_path = path.with_extension("actual.png");
    let diff_path = path.with_extension("diff.png");
    // Left over from an earlier failure, they would describe another run.
    let _ = fs::remove_file(&actual_path);
    let _ = fs::remove_file(&diff_path);
    if std::env::var_os("KAIDAN_BLESS").is_some() {
        fs::create_dir_all(path.parent().expect("folder")).expect("create folder");
        image.save(&path).expect("write golden image");
        return;
    }
    let golden = image::open(&path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with KAIDAN_BLESS=1 to create it",
                path.display()
            )
        })
        .to_rgba8();
    let Err(mismatch) = compare(&golden, image) else {
        return;
    };
    image.save(&actual_path).expect("write the actual image");
    match mismatch {
        Mismatch::Size { golden, actual } => panic!(
            "{name}: the image is {actual:?} pixels, the golden image {golden:?}; \
             this run's image is {}",
            actual_path.display()
        ),
        Mismatch::Pixels { count, largest, at } => {
            diff_image(&golden, image)
                .save(&diff_path)
                .expect("write the diff image");
            panic!(
                "{name}: {count} pixels differ from the golden image by more than \
                 {CHANNEL_TOLERANCE} levels in a channel, at most by {largest} (at {at:?}); \
                 this run's image is {}, the differences (magenta) are in {}",
                actual_path.display(),
                diff_path.display()
            );
        }
    }
}

#[test]
fn the_bundled_examples_match_their_golden_images() {
    for bundled in kaidan::bundled::ALL {
        let j = bundled.load().expect("example");
        let image = export::render(
            &j,
            &request(Size::Pixels {
                width: 960,
                height: 540,
            }),
        )
        .expect("render");
        assert_golden(&export::png_name_of(bundled.file_name), &image);
    }
}

#[test]
fn the_golden_comparison_catches_one_pixel_three_levels_off() {
    let image = export::render(
        &teinei(),
        &request(Size::Pixels {
            width: 320,
            height: 180,
        }),
    )
    .expect("render");
    assert_eq!(compare(&image, &image), Ok(()));
    let (x, y) = (160, 90);
    let perturbed = |by: u8| {
        let mut copy = image.clone();
        let channel = &mut copy.get_pixel_mut(x, y).0[0];
        *channel = if *channel >= 128 {
            *channel - by
        } else {
            *channel + by
        };
        copy
    };
    // Within the tolerance (2 levels)…
    assert_eq!(compare(&image, &perturbed(CHANNEL_TOLERANCE)), Ok(()));
    // …one level beyond it (3), on one pixel, fails, and the diff image shows where.
    let off = perturbed(CHANNEL_TOLERANCE + 1);
    assert_eq!(
        compare(&image, &off),
        Err(Mismatch::Pixels {
            count: 1,
            largest: CHANNEL_TOLERANCE + 1,
            at: (x, y)
        })
    );
    let diff = diff_image(&image, &off);
    let magenta: Vec<(u32, u32)> = diff
        .enumerate_pixels()
        .filter(|(_, _, p)| p.0 == [255, 0, 255, 255])
        .map(|(x, y, _)| (x, y))
        .collect();
    assert_eq!(magenta, [(x, y)]);
    // A different size is reported as such.
    let smaller = RgbaImage::new(320, 179);
    assert_eq!(
        compare(&image, &smaller),
        Err(Mismatch::Size {
            golden: (320, 180),
            actual: (320, 179)
        })
    );
}

/// Every preset of the export dialog, for the examples.
const PRESETS: [Size; 3] = [Size::SLIDE, Size::UHD, Size::A4_300DPI];

#[test]
fn every_preset_is_readable_on_a_projector_and_nothing_overlaps() {
    for name in ["teinei.kaidan.ron", "loyalty-loop.kaidan.ron"] {
        let j = kaidan::io::load(&example(name)).expect("example");
        for size in PRESETS {
            // The staircase (the initiative lanes take a share of the page: see
            // `initiative_lanes_keep_the_whole_slide_at_ten_points`).
            let mut req = request(size);
            req.layers.initiatives = false;
            let p = export::placement(&j, &req).expect("placement");
            let smallest = p.smallest_text_px();
            eprintln!(
                "{name} {size:?}: unit_t {} zoom {:.3} smallest {smallest:.1} px",
                p.scene.metrics.unit_t, p.to_page.scaling
            );
            // Nothing overlaps: no two cards, and no link label on a card, badge or label.
            assert_eq!(p.scene.crowded_labels, 0, "{name} at {size:?}");
            for (i, a) in p.scene.cards.iter().enumerate() {
                for b in &p.scene.cards[i + 1..] {
                    assert!(
                        !a.rect.intersects(b.rect),
                        "{name}: {:?} on {:?}",
                        a.step,
                        b.step
                    );
                }
            }
            // Every preset is the same 1920×1080-point page, sharper: 14 px on the slide is
            // 14 points on any of them. A whole journey on one slide keeps the overview's
            // floor (teinei needs the room its routed connectors take: 13.1); the deck's
            // phase slides keep 14 (tests/deck.rs).
            assert!(
                smallest / p.ppp >= kaidan::export::deck::OVERVIEW_FLOOR,
                "{name} at {size:?}: smallest text {smallest:.1} px at {} px per point",
                p.ppp
            );
        }
    }
}

/// With the initiative lanes the whole-journey slide is smaller (each department's lane
/// takes room); it stays at 10 points or more for the examples, and every chip is drawn
/// clear of the others and under its step.
#[test]
fn initiative_lanes_keep_the_whole_slide_at_ten_points() {
    for name in ["teinei.kaidan.ron", "loyalty-loop.kaidan.ron"] {
        let j = kaidan::io::load(&example(name)).expect("example");
        let p = export::placement(&j, &request(Size::SLIDE)).expect("placement");
        let points = p.smallest_text_px() / p.ppp;
        eprintln!("{name} with lanes: {points:.1} pt");
        assert!(points >= 10.0, "{name}: {points:.1} pt");
        let s = p.scene.strategy.as_ref().expect("lanes laid out");
        assert_eq!(
            s.lanes.len(),
            j.departments.len(),
            "{name}: a lane per department"
        );
        let chips: usize = j.steps.iter().map(|s| s.initiatives.len()).sum();
        assert_eq!(s.chips.len(), chips, "{name}: a chip per initiative");
    }
}

#[test]
fn a_fixed_date_gives_the_same_png_and_another_date_another_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = |name: &str, date: &str| {
        let target = dir.path().join(name);
        let o = run(&[
            &"export",
            &example("loyalty-loop.kaidan.ron"),
            &"-o",
            &target,
            &"--width",
            &"960",
            &"--height",
            &"540",
            &"--date",
            &date,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        fs::read(&target).expect("png")
    };
    let first = export("a.png", "2026-04-15");
    assert_eq!(
        first,
        export("b.png", "2026-04-15"),
        "same date, same bytes"
    );
    assert_ne!(first, export("c.png", "2027-01-31"), "the date is drawn");
}
