//! The deck (`kaidan export --deck`): an overview, then a slide per phase, every slide
//! readable on a projector and every step's title whole somewhere in it.

use kaidan::export::deck::{self, Slide, TEXT_FLOOR};
use kaidan::export::{self, Request, Size};
use kaidan::i18n::Lang;
use kaidan::model::{Journey, StepKind};
use std::path::PathBuf;

fn example(name: &str) -> Journey {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    kaidan::io::load(&path).expect("example")
}

fn request(lang: Lang) -> Request<'static> {
    Request::new(Size::SLIDE, lang, "2026-01-01")
}

/// Writes the slides as PNGs into `KAIDAN_DECK_DIR`, when set, to look at them.
fn keep(prefix: &str, slides: &[Slide], lang: Lang) {
    let Some(dir) = std::env::var_os("KAIDAN_DECK_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("folder");
    for (i, slide) in slides.iter().enumerate() {
        let request = slide.request(&request(lang));
        let image = export::render(&slide.journey, &request).expect("render");
        let name = format!("{prefix}-{}.png", deck::file_stem(i + 1, slide));
        image.save(dir.join(name)).expect("png");
    }
}

#[test]
fn a_readable_journey_opens_with_itself_then_a_slide_per_phase() {
    for lang in [Lang::Ja, Lang::En] {
        let j = example("teinei.kaidan.ron");
        let slides = deck::slides(&j, &request(lang)).expect("deck");
        keep("teinei", &slides, lang);
        assert_eq!(slides[0].journey, j, "the overview is the journey itself");
        let phases_with_steps = j
            .phases
            .iter()
            .filter(|p| {
                slides
                    .iter()
                    .any(|s| s.journey.phases.first().map(|q| q.id) == Some(p.id))
            })
            .count();
        assert_eq!(phases_with_steps, j.phases.len());
        // Every step on exactly one phase slide.
        for step in &j.steps {
            let on = slides[1..]
                .iter()
                .filter(|s| s.journey.steps.iter().any(|t| t.id == step.id))
                .count();
            assert_eq!(on, 1, "{}", step.title);
        }
        for slide in &slides {
            let request = slide.request(&request(lang));
            let p = export::placement(&slide.journey, &request).expect("placement");
            // The overview shows the staircase; every word is on a phase slide at 14.
            let floor = if slide.whole_titles {
                TEXT_FLOOR
            } else {
                deck::OVERVIEW_FLOOR
            };
            assert!(
                p.smallest_text_px() / p.ppp >= floor,
                "{}: {:.1} px",
                slide.name,
                p.smallest_text_px()
            );
        }
    }
}

#[test]
fn a_large_journeys_overview_counts_steps_per_phase_and_level() {
    let j = kaidan::model::synthetic::journey(150, 7);
    let slides = deck::slides(&j, &request(Lang::Ja)).expect("deck");
    keep("synthetic150", &slides, Lang::Ja);
    let overview = &slides[0].journey;
    assert!(overview.steps.len() < j.steps.len() / 3, "a summary");
    let counted: usize = overview
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Step)
        .map(|s| {
            s.title
                .trim_end_matches(" ステップ")
                .parse::<usize>()
                .expect("a count")
        })
        .sum();
    let ordinary = j.steps.iter().filter(|s| s.kind == StepKind::Step).count();
    assert_eq!(counted, ordinary, "every ordinary step counted once");
    assert!(
        overview.links.iter().any(|l| overview.is_descending(l)),
        "branches shown"
    );
    // Every level one row: no count stacked under the start, the goal or another count
    // of its level (it would look lower, as if affinity were lost).
    let scene = export::placement(overview, &request(Lang::Ja))
        .expect("placement")
        .scene;
    assert!(
        scene.levels.iter().all(|band| band.lanes == 1),
        "one row per level"
    );
    assert!(
        deck::readable(overview, &request(Lang::Ja), false, deck::TEXT_FLOOR).expect("placement")
    );
    for slide in &slides[1..] {
        assert!(
            deck::readable(&slide.journey, &request(Lang::Ja), true, deck::TEXT_FLOOR)
                .expect("placement"),
            "{}",
            slide.name
        );
    }
}

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(args)
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .output()
        .expect("run kaidan")
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_binary_writes_a_deck_pdf_with_every_title_whole_and_the_goal_statement() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("deck.pdf");
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/teinei.kaidan.ron");
    let o = run(&[
        &"export",
        &project,
        &"--deck",
        &"-o",
        &out,
        &"--date",
        &"2026-01-01",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(&out).expect("the deck");
    let slides = deck::slides(&example("teinei.kaidan.ron"), &request(Lang::Ja)).expect("deck");
    let pages = lopdf::Document::load_mem(&pdf)
        .expect("a PDF")
        .get_pages()
        .len();
    assert_eq!(pages, slides.len(), "a page per slide");
    let text = squeezed(&pdf_extract::extract_text_from_mem(&pdf).expect("text"));
    let j = example("teinei.kaidan.ron");
    assert!(
        text.contains(&squeezed(&j.goal_statement)),
        "the goal statement whole"
    );
    for step in &j.steps {
        assert!(
            text.contains(&squeezed(&step.title)),
            "{} whole somewhere",
            step.title
        );
    }
}

#[test]
fn the_binary_writes_a_deck_folder_of_numbered_pngs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("slides");
    let project =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/loyalty-loop.kaidan.ron");
    let o = run(&[
        &"export", &project, &"--deck", &"-o", &out, &"--lang", &"en",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let j = example("loyalty-loop.kaidan.ron");
    let slides = deck::slides(&j, &request(Lang::En)).expect("deck");
    assert_eq!(names.len(), slides.len());
    assert!(
        names[0].starts_with("01-overview")
            && std::path::Path::new(&names[0]).extension() == Some("png".as_ref()),
        "{names:?}"
    );
    for name in &names {
        let image = image::open(out.join(name)).expect("a PNG");
        assert_eq!((image.width(), image.height()), (1920, 1080), "{name}");
    }
}

#[test]
fn a_slide_too_small_to_read_is_exported_with_a_warning_that_names_the_deck() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("big.kaidan.ron");
    let j = kaidan::model::synthetic::journey(150, 3);
    std::fs::write(&project, kaidan::io::to_string(&j)).expect("write");
    for size in [["1920", "1080"], ["3840", "2160"]] {
        let out = dir.path().join(format!("big-{}.png", size[0]));
        let o = run(&[
            &"export",
            &project,
            &"-o",
            &out,
            &"--width",
            &size[0],
            &"--height",
            &size[1],
        ]);
        assert!(o.status.success(), "a warning, not a failure");
        assert!(out.exists());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("warning") && stderr.contains("--deck"),
            "{stderr}"
        );
    }
    // A readable slide exports quietly (loyalty-loop's staircase alone: with its initiative
    // lanes it is 12 pt, and warned about).
    let out = dir.path().join("loyalty-loop.png");
    let project =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/loyalty-loop.kaidan.ron");
    let o = run(&[
        &"export",
        &project,
        &"-o",
        &out,
        &"--layers",
        &"emotions,curve,nps,legend,title",
    ]);
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
