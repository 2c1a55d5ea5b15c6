//! Files of older format versions load unchanged: the committed version-1 examples (from
//! before emotions existed) load as journeys without emotions, the version-2 ones (before
//! surveys) without surveys, and both save as the current version.

use kaidan::io;
use kaidan::model::{Emotion, Surveys};
use std::path::Path;

#[test]
fn version_1_files_load_with_empty_emotions_and_save_as_the_current_version() {
    for (old, current) in [
        (
            "tests/fixtures/v1/teinei.kaidan.ron",
            kaidan::bundled::TEINEI,
        ),
        (
            "tests/fixtures/v1/loyalty-loop.kaidan.ron",
            kaidan::bundled::LOYALTY_LOOP,
        ),
    ] {
        let text = std::fs::read_to_string(old).expect("fixture");
        assert!(
            text.contains("format_version: 1,"),
            "{old} is a version-1 file"
        );
        let migrated = io::load(Path::new(old)).expect("a version-1 file loads");
        assert!(
            migrated
                .steps
                .iter()
                .all(|s| s.emotion == Emotion::default())
        );
        // Everything but the emotions is what the current example holds.
        let mut expected = current.load().expect("bundled example");
        expected.surveys = Surveys::default();
        for step in &mut expected.steps {
            step.emotion = Emotion::default();
        }
        assert_eq!(migrated, expected, "{old}");
        let saved = io::to_string(&migrated);
        assert!(saved.contains(&format!("format_version: {},", io::FORMAT_VERSION)));
    }
}

#[test]
fn version_2_files_load_without_surveys_and_save_as_the_current_version() {
    for (old, current) in [
        (
            "tests/fixtures/v2/teinei.kaidan.ron",
            kaidan::bundled::TEINEI,
        ),
        (
            "tests/fixtures/v2/loyalty-loop.kaidan.ron",
            kaidan::bundled::LOYALTY_LOOP,
        ),
    ] {
        let text = std::fs::read_to_string(old).expect("fixture");
        assert!(
            text.contains("format_version: 2,"),
            "{old} is a version-2 file"
        );
        let migrated = io::load(Path::new(old)).expect("a version-2 file loads");
        assert_eq!(migrated.surveys, Surveys::default());
        let mut expected = current.load().expect("bundled example");
        expected.surveys = Surveys::default();
        assert_eq!(migrated, expected, "{old}");
        let saved = io::to_string(&migrated);
        assert!(saved.contains("format_version: 3,"));
        assert!(
            !saved.contains("surveys"),
            "no empty surveys block is written"
        );
    }
}

#[test]
fn the_example_records_emotions_with_pain_points_and_delights() {
    use kaidan::model::Moment;
    let j = kaidan::bundled::TEINEI.load().expect("bundled example");
    let with = |m| {
        j.steps
            .iter()
            .filter(|s| s.emotion.moment == Some(m))
            .count()
    };
    assert!(with(Moment::PainPoint) >= 2 && with(Moment::Delight) >= 2);
    assert!(j.steps.iter().all(|s| s.emotion.valence.is_some()));
}

#[test]
fn a_valence_off_the_scale_is_a_problem_naming_the_step() {
    let text = kaidan::bundled::TEINEI
        .text
        .replacen("valence: -2,", "valence: -3,", 1);
    let err = io::from_str(&text, &io::Origin("t".into())).expect_err("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("valence -3") && msg.contains("飽きて休止する"),
        "{msg}"
    );
}
