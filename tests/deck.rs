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
        let request = Request {
            whole_titles: slide.whole_titles,
            ..request(lang)
        };
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
            let request = Request {
                whole_titles: slide.whole_titles,
                ..request(lang)
            };
            let p = export::placement(&slide.journey, &request).expect("placement");
            assert!(
                p.smallest_text_px() / p.ppp >= TEXT_FLOOR,
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
    assert!(deck::readable(overview, &request(Lang::Ja), false).expect("placement"));
    for slide in &slides[1..] {
        assert!(
            deck::readable(&slide.journey, &request(Lang::Ja), true).expect("placement"),
            "{}",
            slide.name
        );
    }
}
