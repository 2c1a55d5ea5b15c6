//! Files of older format versions load unchanged: the committed version-1 examples (from
//! before emotions existed) load as journeys without emotions, the version-2 ones (before
//! surveys) without surveys, the version-3 ones (free-text departments) with departments
//! made of their names, the version-4 ones (before dot votes) without voting sessions, the
//! version-5 ones without purchase steps or customer flows, the version-6 ones with flow
//! waves that count no phases, and all save as the current version.

use kaidan::io;
use kaidan::model::{DEPARTMENT_COLOURS, Emotion, Journey, Surveys};
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
            // Initiatives and departments grew after version 3 (see the version-3 test): the
            // older examples are compared on everything else.
            expected.departments.clone_from(&migrated.departments);
            for (e, m) in expected.steps.iter_mut().zip(&migrated.steps) {
                e.initiatives.clone_from(&m.initiatives);
            }
            expected.next_id = migrated.next_id;
            // Voting sessions came in version 5, purchase steps and customer flows in 6.
            expected.votes.clone_from(&migrated.votes);
            if version < 6 {
                expected.flows.clone_from(&migrated.flows);
            }
            for (e, m) in expected.steps.iter_mut().zip(&migrated.steps) {
                e.purchase = m.purchase;
            }
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

/// The (step title, initiative text, department name) of every initiative a version-3 file
/// holds, read from its text: the free-text departments as written.
fn named_departments(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut initiative = None;
    for line in text.lines().map(str::trim) {
        if let Some(t) = line.strip_prefix("text: ") {
            initiative = Some(t.trim_end_matches(',').trim_matches('"').to_owned());
        } else if let Some(d) = line.strip_prefix("department: ") {
            let name = d.trim_end_matches(',').trim_matches('"').to_owned();
            out.push((initiative.take().expect("a text first"), name));
        }
    }
    out
}

#[test]
fn version_3_departments_become_departments_equal_names_once_in_first_seen_order() {
    for (old, migrated, expected) in migrate(3, |_| {}) {
        let text = std::fs::read_to_string(&old).expect("fixture");
        let named = named_departments(&text);
        assert!(
            named.len() >= 5,
            "{old}: the fixture has departments by name"
        );
        // Every initiative's department is the department of the name it had.
        let now: Vec<(String, String)> = migrated
            .steps
            .iter()
            .flat_map(|s| &s.initiatives)
            .map(|i| {
                let d = i.department.and_then(|id| migrated.department(id));
                (i.text.clone(), d.expect("a department").name.clone())
            })
            .collect();
        assert_eq!(now, named, "{old}");
        // Equal names are one department, in first-seen order, with the palette's colours.
        let mut first_seen: Vec<String> = Vec::new();
        for (_, name) in &named {
            if !first_seen.contains(name) {
                first_seen.push(name.clone());
            }
        }
        let department_names: Vec<String> = migrated
            .departments
            .iter()
            .map(|d| d.name.clone())
            .collect();
        assert_eq!(department_names, first_seen, "{old}");
        if old.contains("teinei") {
            assert!(
                department_names.len() < named.len(),
                "{old}: CRM部 is named five times"
            );
        }
        for (i, d) in migrated.departments.iter().enumerate() {
            assert_eq!(d.colour, DEPARTMENT_COLOURS[i % DEPARTMENT_COLOURS.len()]);
        }
        assert!(migrated.validate().is_empty(), "{old}");
        // Everything else is the example as it is today.
        assert_eq!(migrated.levels, expected.levels);
        assert_eq!(migrated.links, expected.links);
        assert_eq!(migrated.surveys, expected.surveys);
        // It saves as the current version with departments by id, and reads back the same.
        let saved = io::to_string(&migrated);
        assert!(saved.contains("departments: ["));
        let again = io::from_str(&saved, &io::Origin("saved".into())).expect("reads back");
        assert_eq!(again, migrated);
    }
}

#[test]
fn version_4_files_load_without_voting_sessions_and_save_as_the_current_version() {
    for (old, migrated, expected) in migrate(4, |_| {}) {
        assert!(migrated.votes.is_empty(), "{old}");
        assert_eq!(migrated, expected, "{old}");
        assert!(
            !io::to_string(&migrated).contains("votes:"),
            "no empty votes block is written"
        );
    }
}

#[test]
fn version_5_files_load_without_purchase_steps_or_flows_and_save_as_the_current_version() {
    for (old, migrated, expected) in migrate(5, |_| {}) {
        assert!(migrated.flows.is_empty(), "{old}");
        assert!(migrated.steps.iter().all(|s| !s.purchase), "{old}");
        assert_eq!(migrated, expected, "{old}");
    }
}

#[test]
fn version_6_files_load_with_flow_waves_that_count_no_phases_and_save_as_the_current_version() {
    let strip = |j: &mut Journey| {
        // Version 6's example had the newer of today's two waves, without phase counts.
        if j.flows.len() > 1 {
            j.flows.remove(0);
        }
        for wave in &mut j.flows {
            wave.phases.clear();
        }
    };
    for (old, migrated, expected) in migrate(6, strip) {
        assert!(migrated.flows.iter().all(|w| w.phases.is_empty()), "{old}");
        assert_eq!(migrated, expected, "{old}");
    }
}

#[test]
fn a_version_4_file_naming_a_department_in_text_is_refused_clearly() {
    let text =
        kaidan::bundled::TEINEI
            .text
            .replacen("department: 37,", "department: \"広告宣伝部\",", 1);
    assert_ne!(text, kaidan::bundled::TEINEI.text);
    let err = io::from_str(&text, &io::Origin("t".into())).expect_err("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("広告宣伝部") && msg.contains("format_version 4"),
        "{msg}"
    );
}

#[test]
fn the_examples_carry_initiatives_and_messages_of_several_departments_in_every_phase() {
    use kaidan::model::{InitiativeKind, Status};
    for bundled in kaidan::bundled::ALL {
        let j = bundled.load().expect("example");
        let all: Vec<_> = j.steps.iter().flat_map(|s| &s.initiatives).collect();
        assert!(j.departments.len() >= 4, "{}", bundled.file_name);
        assert!(all.iter().all(|i| i.department.is_some()));
        assert!(all.iter().any(|i| i.kind == InitiativeKind::Message));
        assert!(all.iter().any(|i| i.kind == InitiativeKind::Initiative));
        let statuses: std::collections::BTreeSet<Status> = all.iter().map(|i| i.status).collect();
        assert!(statuses.len() >= 3, "{}: statuses mixed", bundled.file_name);
        for p in &j.phases {
            assert!(
                j.steps
                    .iter()
                    .filter(|s| p.start <= s.t && s.t < p.end)
                    .any(|s| !s.initiatives.is_empty()),
                "{}: phase {} has an initiative",
                bundled.file_name,
                p.name
            );
        }
        // The steps a descending link leads to carry what brings the customer back.
        for link in j.descending_links() {
            let to = j.step(link.to).expect("target");
            assert!(!to.initiatives.is_empty(), "{}", to.title);
        }
    }
    let teinei = kaidan::bundled::TEINEI.load().expect("example");
    let count: usize = teinei.steps.iter().map(|s| s.initiatives.len()).sum();
    assert!(count >= 14);
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
