//! Files of older format versions load unchanged: the committed version-1 examples (from
//! before emotions existed) load as journeys without emotions, the version-2 ones (before
//! surveys) without surveys, and both save as the current version.

use kaidan::io;
use kaidan::model::{Emotion, Journey, Surveys};
use std::path::Path;

/// Loads each bundled example's fixture of format `version`, checks it is one, and returns
/// (path, migrated journey, today's example with `strip` applied) for comparison.
fn migrate(version: u32, strip: impl Fn(&mut Journey)) -> Vec<(String, Journey, Journey)> {
    [kaidan::bundled::TEINEI, kaidan::bundled::LOYALTY_LOOP]
        .into_iter()
        .map(|current| {
            let old = format!("tests/fixtures/v{version}/{}", current.file_name);
            let text = std::fs::read_to_string(&old).expect("fixture");
            assert!(
                text.contains(&format!("format_version: {version},")),
                "{old} is a version-{version} file"
            );
            let migrated = io::load(Path::new(&old)).expect("an older file loads");
            let saved = io::to_string(&migrated);
            assert!(saved.contains(&format!("format_version: {},", io::FORMAT_VERSION)));
            let mut expected = current.load().expect("bundled example");
            strip(&mut expected);
            (old, migrated, expected)
        })
        .collect()
}

#[test]
fn version_1_files_load_with_empty_emotions_and_save_as_the_current_version() {
    let strip = |j: &mut Journey| {
        j.surveys = Surveys::default();
        for step in &mut j.steps {
            step.emotion = Emotion::default();
        }
    };
    for (old, migrated, expected) in migrate(1, strip) {
        assert!(
            migrated
                .steps
                .iter()
                .all(|s| s.emotion == Emotion::default())
        );
        // Everything but the emotions is what the current example holds.
        assert_eq!(migrated, expected, "{old}");
    }
}

#[test]
fn version_2_files_load_without_surveys_and_save_as_the_current_version() {
    for (old, migrated, expected) in migrate(2, |j| j.surveys = Surveys::default()) {
        assert_eq!(migrated.surveys, Surveys::default());
        assert_eq!(migrated, expected, "{old}");
        assert!(
            !io::to_string(&migrated).contains("surveys"),
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
