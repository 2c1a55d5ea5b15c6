//! Every message in the user's language: the command line follows the locale, and no
//! message mixes Japanese and English.

use std::path::Path;
use std::process::Output;

/// A journey that breaks rules: a link back in time and a second start.
const BROKEN: &str = r#"(
    format_version: 3,
    journey: (
        title: "壊れた旅",
        levels: [(id: 1, label: "無関心")],
        steps: [
            (id: 2, kind: Start, title: "知る前", t: 0.0, level: 1),
            (id: 3, kind: Start, title: "もう一つの始まり", t: 1.0, level: 1),
            (id: 4, kind: Goal, title: "ゴール", t: 2.0, level: 1),
        ],
        links: [(from: 4, to: 3)],
        next_id: 5,
    ),
)
"#;

fn run(dir: &Path, locale: &str, args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(args)
        .current_dir(dir)
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", locale)
        .output()
        .expect("run kaidan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Words of three or more ASCII letters in `text`, but for the names a message may quote
/// as they are (file names, format names, commands).
fn english_words(text: &str) -> Vec<String> {
    const KEPT: &[&str] = &[
        "kaidan",
        "ron",
        "png",
        "pdf",
        "svg",
        "csv",
        "fmt",
        "import",
        "nps",
        "format_version",
        "next_id",
        "UTF",
        "RON",
        "YYYY",
        "NPS",
        "date",
        "Shift_JIS",
        "broken",
        "out",
        "teinei",
    ];
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        .filter(|w| !KEPT.iter().any(|k| k.eq_ignore_ascii_case(w)))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_japanese_locale_gets_japanese_messages_and_any_other_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("broken.kaidan.ron"), BROKEN).expect("write");

    let ja = run(
        dir.path(),
        "ja_JP.UTF-8",
        &["validate", "broken.kaidan.ron"],
    );
    assert_eq!(ja.status.code(), Some(1));
    let said = text(&ja.stdout);
    assert!(said.contains("規則を破っています"), "{said}");
    assert!(said.contains("時間をさかのぼっています"), "{said}");
    assert_eq!(english_words(&said), Vec::<String>::new(), "{said}");

    let en = run(dir.path(), "C", &["validate", "broken.kaidan.ron"]);
    assert_eq!(en.status.code(), Some(1));
    let said = text(&en.stdout);
    assert!(said.contains("goes back in time"), "{said}");
    assert!(!said.contains("規則"), "{said}");
}

#[test]
fn command_line_refusals_are_in_japanese_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/teinei.kaidan.ron");
    let example = example.to_string_lossy();
    std::fs::write(
        dir.path().join("answers.csv"),
        "ステップ,スコア\r\ns21,11\r\ns22,\"7\r\n",
    )
    .expect("write csv");
    for (args, expected) in [
        (
            vec![
                "import-nps",
                &example,
                "answers.csv",
                "--wave",
                "W",
                "-o",
                "out.kaidan.ron",
            ],
            "3 行目: ここで始まるダブルクォート",
        ),
        (
            vec!["export", &example, "-o", "out.png", "--date", "2026-02-31"],
            "暦にある",
        ),
        (
            vec!["export", &example, "-o", "out.jpg"],
            "書き出せる形式は拡張子で決まります",
        ),
        (
            vec!["export", &example, "-o", "out.png", "--format", "pdf"],
            "拡張子と --format pdf が合いません",
        ),
        (
            vec!["nps", &example, "--wave", "無い回"],
            "調査回「無い回」はありません",
        ),
        (vec!["info", "missing.kaidan.ron"], "ファイルがありません"),
    ] {
        let out = run(dir.path(), "ja_JP.UTF-8", &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains(expected), "{args:?}: {said}");
        // File names are quoted as they are.
        let words: Vec<String> = english_words(&said)
            .into_iter()
            .filter(|w| !args.iter().any(|a| a.contains(w.as_str())))
            .collect();
        assert_eq!(words, Vec::<String>::new(), "{args:?}: {said}");
    }
    assert!(!dir.path().join("out.png").exists());
    assert!(!dir.path().join("out.jpg").exists());
    assert!(!dir.path().join("out.kaidan.ron").exists());
}

#[test]
fn an_unknown_department_is_refused_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/teinei.kaidan.ron");
    let example = example.to_string_lossy();
    // Department names are quoted as they are (SNS担当, CRM部, …).
    let names = ["SNS担当", "EC推進部", "CRM部"];
    for args in [
        vec!["initiatives", &example, "--department", "広報部"],
        vec![
            "export",
            &example,
            "-o",
            "out.png",
            "--department",
            "広報部",
        ],
    ] {
        let out = run(dir.path(), "ja_JP.UTF-8", &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = text(&out.stderr);
        assert!(
            said.contains("部署「広報部」はありません"),
            "{args:?}: {said}"
        );
        let words: Vec<String> = english_words(&said)
            .into_iter()
            .filter(|w| !args.iter().chain(&names).any(|a| a.contains(w.as_str())))
            .collect();
        assert_eq!(words, Vec::<String>::new(), "{args:?}: {said}");
    }
    assert!(!dir.path().join("out.png").exists());
}
