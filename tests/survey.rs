//! NPS survey import and figures, through their real entry points: CSV files written here
//! in every supported encoding and delimiter, read by `io::survey_csv::read`, and the built
//! binary's `import-nps` and `nps` subcommands.

use kaidan::io::survey_csv::{ImportError, RowError, Shape};
use kaidan::io::{self, survey_csv};
use kaidan::model::{Journey, Scores, StepId};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn teinei() -> Journey {
    kaidan::bundled::TEINEI.load().expect("bundled example")
}

fn step(j: &Journey, title: &str) -> StepId {
    j.steps
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step {title}"))
        .id
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write fixture");
    path
}

fn shift_jis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "fixture must be representable in Shift_JIS");
    bytes.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// The long-format answers every encoding test imports, with Japanese headers and titles.
fn long_csv(delimiter: char) -> String {
    let rows = [
        ("ステップ", "推奨度"),
        ("無料サンプルを申し込む", "10"),
        ("無料サンプルを申し込む", "9"),
        ("無料サンプルを申し込む", "7"),
        ("無料サンプルを申し込む", "3"),
        ("s28", "8"),
        ("28", "10"),
        ("全体", "6"),
    ];
    rows.iter().fold(String::new(), |mut out, (a, b)| {
        let _ = write!(out, "{a}{delimiter}{b}\r\n");
        out
    })
}

fn expected_long(j: &Journey) -> Vec<(Option<StepId>, Scores)> {
    let sample = step(j, "無料サンプルを申し込む");
    let order = step(j, "定期コースに切り替える");
    let mut expected = vec![
        (None, Scores::from_answers([6])),
        (Some(sample), Scores::from_answers([10, 9, 7, 3])),
        (Some(order), Scores::from_answers([8, 10])),
    ];
    expected.sort_by_key(|(t, _)| *t);
    expected
}

#[test]
fn every_encoding_and_delimiter_imports_the_same_answers() {
    let j = teinei();
    let dir = tempfile::tempdir().expect("tempdir");
    for delimiter in [',', ';', '\t'] {
        let text = long_csv(delimiter);
        let cases: [(&str, Vec<u8>, &str); 4] = [
            ("utf8", text.clone().into_bytes(), "UTF-8"),
            (
                "utf8-bom",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                "UTF-8 (BOM)",
            ),
            ("sjis", shift_jis(&text), "Shift_JIS"),
            ("utf16", utf16le_with_bom(&text), "UTF-16LE"),
        ];
        for (name, bytes, encoding) in cases {
            let path = write(dir.path(), &format!("{name}.csv"), bytes);
            let import = survey_csv::read(&path, &j, "2027年春")
                .unwrap_or_else(|e| panic!("{name} {delimiter:?}: {e}"));
            assert_eq!(import.encoding, encoding, "{name}");
            assert_eq!(import.delimiter, delimiter, "{name}");
            assert_eq!(import.shape, Shape::Long);
            assert_eq!(import.answers, 7);
            assert_eq!(import.waves.len(), 1);
            let (wave, scores) = &import.waves[0];
            assert_eq!(wave, "2027年春");
            let got: Vec<_> = scores.iter().map(|(t, s)| (*t, *s)).collect();
            assert_eq!(got, expected_long(&j), "{name} {delimiter:?}");
        }
    }
}

#[test]
fn wide_format_counts_one_column_per_step_and_skips_empty_cells() {
    let j = teinei();
    let text = "回答者ID,無料サンプルを申し込む,定期コースに切り替える,全体\n\
                r1,10,,7\n\
                r2,,9,\n\
                r3,0,10,\"5\"\n\
                r4,,,\n";
    let import = survey_csv::parse(text.as_bytes(), &j, "w").expect("imports");
    assert_eq!(import.shape, Shape::Wide);
    assert_eq!(import.answers, 6);
    let scores = &import.waves[0].1;
    assert_eq!(
        scores[&Some(step(&j, "無料サンプルを申し込む"))],
        Scores::from_answers([10, 0])
    );
    assert_eq!(
        scores[&Some(step(&j, "定期コースに切り替える"))],
        Scores::from_answers([9, 10])
    );
    assert_eq!(scores[&None], Scores::from_answers([7, 5]));
}

#[test]
fn a_wave_column_splits_rows_into_waves_and_the_default_fills_blanks() {
    let j = teinei();
    let text = "step,score,wave\ns24,9,2026年春\ns24,3,\ns24,10,2026年秋\n";
    let import = survey_csv::parse(text.as_bytes(), &j, "既定").expect("imports");
    let names: Vec<&str> = import.waves.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["2026年春", "既定", "2026年秋"]);
    // Applying: existing waves get the step replaced, the new wave is added at the end.
    let mut after = j.clone();
    import
        .command(&j)
        .apply(&mut after)
        .expect("the import applies");
    assert_eq!(after.validate(), vec![]);
    let spring = after.surveys.wave("2026年春").expect("wave");
    assert_eq!(spring.steps[&StepId(24)], Scores::from_answers([9]));
    assert_eq!(
        spring.steps[&StepId(25)],
        j.surveys.wave("2026年春").expect("wave").steps[&StepId(25)],
        "steps the file does not cover keep their scores"
    );
    assert_eq!(
        after.surveys.waves.last().map(|w| w.name.as_str()),
        Some("既定")
    );
}

#[test]
fn one_bad_row_in_the_middle_imports_nothing_and_names_every_bad_line() {
    let j = teinei();
    let mut text = String::from("step,score,respondent\n");
    for i in 0..40 {
        let _ = writeln!(text, "s24,{},r{i}", i % 11);
    }
    text.push_str("s24,11,bad1\n"); // line 42
    text.push_str("s24,abc,bad2\n"); // line 43
    text.push_str("存在しない段,5,bad3\n"); // line 44
    text.push_str("s24,5\n"); // line 45: wrong number of fields
    text.push_str("s24,,bad5\n"); // line 46
    for i in 0..40 {
        let _ = writeln!(text, "s25,{},r{i}", i % 11);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "bad.csv", &text);
    let Err(ImportError::Rows { problems, total }) = survey_csv::read(&path, &j, "w") else {
        panic!("a file with bad rows must be refused");
    };
    assert_eq!(total, 5);
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [42, 43, 44, 45, 46]);
    assert_eq!(problems[0].error, RowError::BadScore("11".into()));
    assert_eq!(problems[1].error, RowError::BadScore("abc".into()));
    assert_eq!(
        problems[2].error,
        RowError::UnknownStep("存在しない段".into())
    );
    assert_eq!(
        problems[3].error,
        RowError::FieldCount {
            found: 2,
            expected: 3
        }
    );
    assert_eq!(problems[4].error, RowError::MissingScore);
    let message = ImportError::Rows { problems, total }.to_string();
    assert!(message.contains("line 42: score 「11」"), "{message}");
    assert!(message.contains("nothing was imported"), "{message}");
}

#[test]
fn many_bad_rows_list_the_first_fifty_and_count_the_rest() {
    let j = teinei();
    let mut text = String::from("step,score\n");
    for _ in 0..120 {
        text.push_str("s24,99\n");
    }
    let err = survey_csv::parse(text.as_bytes(), &j, "w").expect_err("refused");
    let ImportError::Rows { problems, total } = &err else {
        panic!("{err}");
    };
    assert_eq!((problems.len(), *total), (50, 120));
    assert_eq!(problems[49].line, 51);
    assert!(err.to_string().contains("… and 70 more"), "{err}");
}

#[test]
fn file_level_problems_are_clear() {
    let j = teinei();
    let refused = |bytes: &[u8]| {
        survey_csv::parse(bytes, &j, "w")
            .expect_err("refused")
            .to_string()
    };
    assert!(refused(b"").contains("empty"));
    assert!(refused(b"step,answer\ns24,5\n").contains("no score column"));
    assert!(refused(b"step,score\n").contains("no answers"));
    assert!(refused("無料サンプルを申し込む,謎の列\n5,5\n".as_bytes()).contains("「謎の列」"));
    // Latin-1 "é" before a comma is neither UTF-8 nor Shift_JIS; the line is named.
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("step,score\ncafé,5\n");
    let message = refused(&latin);
    assert!(
        message.contains("line 2: the file is neither UTF-8 nor Shift_JIS"),
        "{message}"
    );
    // No default wave and an empty wave cell.
    let err = survey_csv::parse(b"step,score,wave\ns24,5,\n", &j, " ").expect_err("refused");
    assert!(
        err.to_string().contains("line 2: the wave is empty"),
        "{err}"
    );
}

#[test]
fn duplicate_titles_must_be_matched_by_id() {
    let mut j = teinei();
    let sample = step(&j, "無料サンプルを申し込む");
    let order = step(&j, "定期コースに切り替える");
    kaidan::edit::Command::RetitleStep(order, "無料サンプルを申し込む".into())
        .apply(&mut j)
        .expect("retitle");
    let err = survey_csv::parse("step,score\n無料サンプルを申し込む,5\n".as_bytes(), &j, "w")
        .expect_err("ambiguous");
    assert!(
        err.to_string().contains(&format!("{sample}, {order}")),
        "{err}"
    );
    let ok = survey_csv::parse(format!("step,score\n{sample},5\n").as_bytes(), &j, "w");
    assert!(ok.is_ok());
}

// --- the built binary ---------------------------------------------------------------------

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("kaidan")
        .args(args)
        .output()
        .expect("run kaidan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A blank journey (start s4, goal s5) saved in `dir`.
fn blank_project(dir: &Path) -> PathBuf {
    let path = dir.join("blank.kaidan.ron");
    io::save(&path, &Journey::blank("空の旅")).expect("save");
    path
}

#[test]
fn import_nps_then_nps_gives_the_figures_worked_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = blank_project(dir.path());
    // s4: 10, 10, 9 (3 promoters), 8, 7 (2 passives), 6, 0, 5 (3 detractors): n = 8,
    // NPS = 37.5 − 37.5 = 0. Adjusted Wald: ñ = 11, p̃ = d̃ = 3.75/11, variance = 7.5/11;
    // se = 100·√(7.5/121) = 24.896; CI = ±1.96·24.896 = ±48.80.
    let csv = write(
        dir.path(),
        "answers.csv",
        shift_jis("ステップ,スコア\n商品を知る前,10\ns4,10\n4,9\ns4,8\ns4,7\ns4,6\ns4,0\ns4,5\n"),
    );
    let out = run(&[&"import-nps", &project, &csv, &"--wave", &"第1回"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("imported 8 answers"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("Shift_JIS"));
    let out = run(&[&"nps", &project, &"--format", &"csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "step,title,n,promoters_pct,passives_pct,detractors_pct,nps,ci_low,ci_high,change,change_significant,small_sample",
            "s4,商品を知る前,8,37.50,25.00,37.50,0.00,-48.80,48.80,,,true",
        ]
    );
    // The table names the wave, the figures and the small sample.
    let out = run(&[&"nps", &project, &"--wave", &"第1回"]);
    let table = text(&out.stdout);
    assert!(table.contains("空の旅 — 第1回"), "{table}");
    assert!(table.contains("[-48.8, +48.8]"), "{table}");
    assert!(table.contains("small sample"), "{table}");
}

#[test]
fn a_second_wave_shows_the_change_and_whether_it_is_noise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = blank_project(dir.path());
    let answers = |promoters: usize, detractors: usize| {
        let mut s = String::from("step,score\n");
        s.push_str(&"s4,10\n".repeat(promoters));
        s.push_str(&"s4,8\n".repeat(1000 - promoters - detractors));
        s.push_str(&"s4,2\n".repeat(detractors));
        s
    };
    let first = write(dir.path(), "a.csv", answers(300, 200));
    let second = write(dir.path(), "b.csv", answers(400, 200));
    for (csv, wave) in [(&first, "春"), (&second, "秋")] {
        let out = run(&[&"import-nps", &project, csv, &"--wave", &wave]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let out = run(&[&"nps", &project, &"--format", &"csv"]);
    let stdout = text(&out.stdout);
    // NPS 10 → 20: +10 points, beyond the 6.35-point noise threshold (see nps.rs tests).
    assert!(
        stdout.contains("s4,商品を知る前,1000,40.00,40.00,20.00,20.00,")
            && stdout.contains(",10.00,true,false"),
        "{stdout}"
    );
}

#[test]
fn import_nps_with_a_bad_row_exits_1_and_leaves_the_project_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("teinei.kaidan.ron");
    fs::write(&project, kaidan::bundled::TEINEI.text).expect("write");
    let before = fs::read(&project).expect("read");
    let csv = write(dir.path(), "bad.csv", "step,score\ns24,5\ns24,11\ns24,7\n");
    let out = run(&[&"import-nps", &project, &csv, &"--wave", &"新"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 3: score 「11」"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read(&project).expect("read"), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn import_nps_with_output_writes_elsewhere_and_nps_rejects_an_unknown_wave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = blank_project(dir.path());
    let before = fs::read(&project).expect("read");
    let csv = write(dir.path(), "a.csv", "step\tscore\ns5\t9\n");
    let output = dir.path().join("out.kaidan.ron");
    let out = run(&[
        &"import-nps",
        &project,
        &csv,
        &"--wave",
        &"W",
        &"-o",
        &output,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        fs::read(&project).expect("read"),
        before,
        "FILE is untouched"
    );
    let saved = io::load(&output).expect("OUT loads");
    assert_eq!(
        saved.surveys.wave("W").expect("wave").steps[&StepId(5)],
        Scores::from_answers([9])
    );
    let out = run(&[&"nps", &output, &"--wave", &"X"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no survey wave called 「X」; the waves are: W"));
    let out = run(&[&"nps", &project]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no survey data"));
}

#[test]
fn a_project_with_broken_survey_data_is_refused_naming_each_problem() {
    let text = kaidan::bundled::TEINEI
        .text
        .replacen("name: \"2026年秋\"", "name: \"2026年春\"", 1)
        .replacen("date: \"2026-04-15\"", "date: \"2026/04/15\"", 1)
        .replacen(
            "                        21: (",
            "                        99: (",
            1,
        )
        .replacen("benchmark: Some(-20)", "benchmark: Some(-120)", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "broken.kaidan.ron", &text);
    let message = io::load(&path).expect_err("refused").to_string();
    for expected in [
        "two survey waves are called 「2026年春」",
        "「2026/04/15」, which is not a calendar date YYYY-MM-DD",
        "scores for step s99, which does not exist",
        "benchmark NPS -120",
    ] {
        assert!(
            message.contains(expected),
            "{expected:?} missing from:\n{message}"
        );
    }
}
