//! Hostile input through the built binary: mutated projects and mutated survey CSVs fed to
//! every subcommand that reads them. Whatever the input, `kaidan` must not panic, must not
//! hang, must exit 0 or 1 (1 with a message on stderr), must write no output when it
//! refuses, and must leave its inputs as they were.

use proptest::prelude::*;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

const TEINEI: &str = include_str!("../examples/teinei.kaidan.ron");
const LOYALTY: &str = include_str!("../examples/loyalty-loop.kaidan.ron");
/// A long-format survey of the teinei journey, as Japanese Excel might save it.
const SURVEY: &str = "ステップ,スコア,調査回\r\n商品を知る前,7,2026年春\r\ns21,10,2026年春\r\n22,3,2026年春\r\n\"s24\",9,2026年秋\r\n";

/// Tokens that have broken parsers, layouts and importers before.
const NASTY: &[&str] = &[
    "-1e9",
    "1e300",
    "NaN",
    "inf",
    "-0.0",
    "\"",
    "(",
    ")",
    ",",
    "\\",
    "\u{1b}",
    "\r\n",
    "\u{feff}",
    "ｻﾝﾌﾟﾙ",
    "99999999999999999999",
    "format_version: 99,",
    "t: -1000000.0",
    "label: \"",
];

/// One change to a text: replace, delete or duplicate a range, insert a nasty token, or cut.
#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        byte: u8,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        token: usize,
    },
    /// Repeats a token many times (long texts, deep nesting).
    Flood {
        at: usize,
        token: usize,
        times: usize,
    },
    Truncate {
        at: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1..400usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), 0..NASTY.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<usize>(), 0..NASTY.len(), 1..20_000usize)
            .prop_map(|(at, token, times)| Mutation::Flood { at, token, times }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(text: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Flip { at, byte } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = byte;
                }
            }
            Mutation::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Duplicate { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                if at < end {
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
            }
            Mutation::Insert { at, token } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, NASTY[token].bytes());
            }
            Mutation::Flood { at, token, times } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, NASTY[token].repeat(times).into_bytes());
            }
            Mutation::Truncate { at } => bytes.truncate(at % n),
        }
    }
    bytes
}

/// Runs the binary with a time limit, in English, from `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kaidan");
    cmd.args(args)
        .current_dir(dir)
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .timeout(Duration::from_mins(1));
    cmd.output().expect("run kaidan")
}

/// The promises every run keeps, whatever it was given.
fn check(out: &Output, what: &str) -> Result<bool, TestCaseError> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(!stderr.contains("panicked"), "{what}: panicked\n{stderr}");
    let code = out.status.code();
    prop_assert!(
        matches!(code, Some(0 | 1)),
        "{what}: exit {code:?} (killed or timed out?)\n{stderr}"
    );
    let refused = code == Some(1);
    if refused {
        // `validate` and `fmt --check` report on stdout (their output is the report).
        let said = format!("{stderr}{}", String::from_utf8_lossy(&out.stdout));
        prop_assert!(!said.trim().is_empty(), "{what}: refused without a word");
    }
    Ok(refused)
}

fn fuzz_project(bytes: &[u8], with_export: bool) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.kaidan.ron");
    let csv = dir.path().join("answers.csv");
    std::fs::write(&project, bytes).expect("write project");
    std::fs::write(&csv, SURVEY).expect("write csv");
    let unchanged = |what: &str| -> Result<(), TestCaseError> {
        prop_assert_eq!(
            std::fs::read(&project).expect("project still there"),
            bytes,
            "{} changed the project",
            what
        );
        Ok(())
    };
    for args in [
        &["validate", "p.kaidan.ron"][..],
        &["fmt", "--check", "p.kaidan.ron"],
        &["info", "p.kaidan.ron"],
        &["info", "--json", "p.kaidan.ron"],
        &["nps", "p.kaidan.ron"],
        &["nps", "p.kaidan.ron", "--format", "csv"],
        &["initiatives", "p.kaidan.ron"],
        &[
            "initiatives",
            "p.kaidan.ron",
            "--department",
            "crm部",
            "--format",
            "csv",
        ],
    ] {
        let out = run(dir.path(), args);
        check(&out, &args.join(" "))?;
        unchanged(&args.join(" "))?;
    }
    let out = run(
        dir.path(),
        &[
            "import-nps",
            "p.kaidan.ron",
            "answers.csv",
            "--wave",
            "W",
            "-o",
            "out.kaidan.ron",
        ],
    );
    let refused = check(&out, "import-nps")?;
    unchanged("import-nps")?;
    prop_assert_eq!(
        dir.path().join("out.kaidan.ron").exists(),
        !refused,
        "import-nps writes its output exactly when it succeeds"
    );
    if with_export {
        let out = run(
            dir.path(),
            &[
                "export",
                "p.kaidan.ron",
                "-o",
                "out.png",
                "--width",
                "320",
                "--height",
                "180",
            ],
        );
        let refused = check(&out, "export")?;
        unchanged("export")?;
        prop_assert_eq!(dir.path().join("out.png").exists(), !refused);
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tmp"))
        })
        .collect();
    prop_assert!(
        leftovers.is_empty(),
        "temporary files left: {:?}",
        leftovers
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_projects_are_refused_cleanly_or_handled(
        teinei in any::<bool>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let base = if teinei { TEINEI } else { LOYALTY };
        fuzz_project(&apply(base.as_bytes(), &mutations), false)?;
    }

    #[test]
    fn mutated_csvs_import_all_or_nothing(
        mutations in prop::collection::vec(mutation(), 1..6),
        shift_jis in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.kaidan.ron");
        std::fs::write(&project, TEINEI).expect("write project");
        let base = if shift_jis {
            encoding_rs::SHIFT_JIS.encode(SURVEY).0.into_owned()
        } else {
            SURVEY.as_bytes().to_vec()
        };
        let csv = apply(&base, &mutations);
        std::fs::write(dir.path().join("a.csv"), &csv).expect("write csv");
        let out = run(dir.path(), &["import-nps", "p.kaidan.ron", "a.csv", "--wave", "W", "-o", "out.kaidan.ron"]);
        let refused = check(&out, "import-nps")?;
        prop_assert_eq!(std::fs::read(&project).expect("project"), TEINEI.as_bytes());
        prop_assert_eq!(std::fs::read(dir.path().join("a.csv")).expect("csv"), csv);
        prop_assert_eq!(dir.path().join("out.kaidan.ron").exists(), !refused);
        // In place: the project changes only when the import succeeds.
        let out = run(dir.path(), &["import-nps", "p.kaidan.ron", "a.csv", "--wave", "W"]);
        let refused = check(&out, "import-nps in place")?;
        if refused {
            prop_assert_eq!(std::fs::read(&project).expect("project"), TEINEI.as_bytes());
        }
    }
}

proptest! {
    // Exports are slower (a layout search and a raster each): fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn mutated_projects_export_or_are_refused_cleanly(
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        fuzz_project(&apply(LOYALTY.as_bytes(), &mutations), true)?;
    }
}

/// Valid files at the edge of what validates, and beyond it, through every subcommand.
#[test]
fn projects_at_and_past_the_limits() {
    let far = TEINEI.replacen("t: 0.0,", "t: -1000000.0,", 1);
    let too_far = TEINEI.replacen("t: 0.0,", "t: -1000000000.0,", 1);
    let long_title = TEINEI.replacen(
        "title: \"商品を知る前\"",
        &format!("title: \"{}\"", "長".repeat(10_000)),
        1,
    );
    let too_long = TEINEI.replacen(
        "title: \"商品を知る前\"",
        &format!("title: \"{}\"", "長".repeat(10_001)),
        1,
    );
    for (text, valid) in [
        (far, true),
        (too_far, false),
        (long_title, true),
        (too_long, false),
    ] {
        assert_ne!(text, TEINEI, "the replacement happened");
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("p.kaidan.ron"), &text).expect("write");
        let out = run(dir.path(), &["validate", "p.kaidan.ron"]);
        assert_eq!(
            out.status.code(),
            Some(i32::from(!valid)),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        fuzz_project(text.as_bytes(), true).expect("every promise kept");
    }
}
