//! NPS survey import and figures, through their real entry points: CSV files written here
//! in every supported encoding and delimiter, read by `io::survey_csv::read`, and the built
//! binary's `import-nps` and `nps` subcommands.

use kaidan::i18n::{Lang, Localize};
use kaidan::io::survey_csv::{Column, ImportError, RowError, Shape};
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
        // Messages in English, whatever the locale of the machine running the tests.
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
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

// --- issue 12: all or nothing, and the right line ------------------------------------------

/// Runs `import-nps` on the bundled example with `csv` and checks the refusal: exit 1, the
/// message on stderr, the project byte for byte unchanged and no `-o` output written.
fn refused_by_the_binary(csv_name: &str, csv: &[u8], wave: &str, expected: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("teinei.kaidan.ron");
    fs::write(&project, kaidan::bundled::TEINEI.text).expect("write");
    let before = fs::read(&project).expect("read");
    let data = write(dir.path(), csv_name, csv);
    let output = dir.path().join("out.kaidan.ron");
    let out = run(&[
        &"import-nps",
        &project,
        &data,
        &"--wave",
        &wave,
        &"-o",
        &output,
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(expected),
        "{expected:?} missing from:\n{stderr}"
    );
    assert_eq!(
        fs::read(&project).expect("read"),
        before,
        "FILE is untouched"
    );
    assert!(!output.exists(), "no -o output on refusal");
    stderr
}

fn lines_of(err: &ImportError) -> Vec<u64> {
    match err {
        ImportError::Rows { problems, .. } => problems.iter().map(|p| p.line).collect(),
        other => panic!("expected row problems, got: {other}"),
    }
}

#[test]
fn an_unclosed_quote_is_refused_naming_the_line_where_it_opened() {
    let j = teinei();
    // Before: the csv reader took lines 3–5 into one cell and imported the rest, exit 0.
    let csv = "step,score,respondent\r\ns24,5,r1\r\ns24,7,\"r2\r\ns25,3,r3\r\ns25,9,r4\r\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "quote.csv", csv);
    let err = survey_csv::read(&path, &j, "w").expect_err("refused");
    assert!(
        matches!(err, ImportError::UnclosedQuote { line: 3 }),
        "{err}"
    );
    refused_by_the_binary(
        "quote.csv",
        csv.as_bytes(),
        "新",
        "line 3: a quoted field opens here and never closes",
    );
    // The same with semicolons, in Shift_JIS: the quote opens on line 4.
    let csv =
        shift_jis("ステップ;スコア\n無料サンプルを申し込む;5\n無料サンプルを申し込む;7\ns24;\"8\n");
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(err, ImportError::UnclosedQuote { line: 4 }),
        "{err}"
    );
    // Quotes that close, even across lines and around delimiters, import; the line of a bad
    // row after a two-line cell is the line it starts on.
    let csv = "step,score,respondent\ns24,5,\"a\r\nb, \"\"c\"\"\"\r\ns24,11,x\r\n";
    let err = survey_csv::parse(csv.as_bytes(), &j, "w").expect_err("refused");
    assert_eq!(lines_of(&err), [4]);
}

#[test]
fn a_file_mixing_encodings_is_refused_naming_the_first_line_that_does_not_fit() {
    let j = teinei();
    // A UTF-8 file with one Shift_JIS wave cell on line 4. Before: decoded whole as Shift_JIS
    // and imported into a wave called 「2027蟷ｴ蜀ｬ」.
    let mut csv = "step,score,wave\ns24,5,2027年冬\ns24,6,2027年冬\n"
        .as_bytes()
        .to_vec();
    csv.extend(shift_jis("s24,7,2027年冬\n"));
    csv.extend("s24,8,2027年冬\n".as_bytes());
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::MixedEncodings {
                line: 4,
                found: "Shift_JIS",
                file: "UTF-8"
            }
        ),
        "{err}"
    );
    refused_by_the_binary(
        "mixed.csv",
        &csv,
        "新",
        "line 4: this line is Shift_JIS text, but the rest of the file is UTF-8",
    );
    // A Shift_JIS file (Japanese Excel) with one UTF-8 line pasted in on line 5.
    let mut csv = shift_jis(
        "ステップ,スコア\n無料サンプルを申し込む,5\n無料サンプルを申し込む,6\n定期コースに切り替える,7\n",
    );
    csv.extend("定期コースに切り替える,8\n".as_bytes());
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::MixedEncodings {
                line: 5,
                found: "UTF-8",
                file: "Shift_JIS"
            }
        ),
        "{err}"
    );
    // One line of each: the encoding seen first is the file's.
    let mut csv = b"step,score,wave\n".to_vec();
    csv.extend(shift_jis("s24,7,冬\n"));
    csv.extend("s24,8,冬\n".as_bytes());
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(err, ImportError::MixedEncodings { line: 3, .. }),
        "{err}"
    );
}

#[test]
fn a_pure_shift_jis_file_with_half_width_katakana_still_imports() {
    let j = teinei();
    // Half-width katakana, as Japanese CSV exports write them; 「ﾃｽ」 happens to be valid
    // UTF-8 too (C3 BD), which must not make the file look mixed.
    let csv = shift_jis(
        "ｽﾃｯﾌﾟ,ｽｺｱ,回答者\n無料ｻﾝﾌﾟﾙを申し込む,5,r1\ns24,9,ﾃｽ\nｻﾝﾌﾟﾙが届き、試してみる,10,r3\n",
    );
    let third = csv.split(|&b| b == b'\n').nth(2).expect("line 3");
    assert_eq!(
        third, b"s24,9,\xC3\xBD",
        "line 3 is Shift_JIS and valid UTF-8 (「ý」)"
    );
    let import = survey_csv::parse(&csv, &j, "2027年春").expect("imports");
    assert_eq!(import.encoding, "Shift_JIS");
    assert_eq!(import.answers, 3);
    let scores = &import.waves[0].1;
    assert_eq!(
        scores[&Some(step(&j, "無料サンプルを申し込む"))],
        Scores::from_answers([5, 9])
    );
    assert_eq!(
        scores[&Some(step(&j, "サンプルが届き、試してみる"))],
        Scores::from_answers([10])
    );
}

#[test]
fn line_numbers_are_right_for_crlf_and_cr_files() {
    let j = teinei();
    let dir = tempfile::tempdir().expect("tempdir");
    // Before: Excel's CRLF files had every line one too low (the bad rows 3 and 5 read 2, 4).
    for (name, newline) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let csv = ["step,score", "s24,5", "s24,11", "", "s24,abc", "s24,7", ""].join(newline);
        let path = write(dir.path(), &format!("{name}.csv"), &csv);
        let err = survey_csv::read(&path, &j, "w").expect_err("refused");
        assert_eq!(lines_of(&err), [3, 5], "{name}");
        let sjis = shift_jis(&csv.replace("s24", "無料ｻﾝﾌﾟﾙを申し込む"));
        let err = survey_csv::parse(&sjis, &j, "w").expect_err("refused");
        assert_eq!(lines_of(&err), [3, 5], "{name} in Shift_JIS");
        let utf16 = utf16le_with_bom(&csv.replace(',', "\t"));
        let err = survey_csv::parse(&utf16, &j, "w").expect_err("refused");
        assert_eq!(lines_of(&err), [3, 5], "{name} in UTF-16");
    }
    refused_by_the_binary(
        "crlf.csv",
        b"step,score\r\ns24,5\r\ns24,11\r\ns24,7\r\n",
        "新",
        "line 3: score 「11」",
    );
    // A header after blank lines is on its own line too.
    let err = survey_csv::parse(b"\r\n\r\n\xE7\x84\xA1\r\n", &j, "w").expect_err("refused");
    assert!(
        err.to_string().contains("line 3: 「無」 matches no step"),
        "{err}"
    );
}

#[test]
fn encoding_errors_name_the_line_of_the_bad_bytes() {
    let j = teinei();
    // Before: a BOM then Shift_JIS bytes on line 4 was reported as line 1.
    let mut csv = b"\xEF\xBB\xBF".to_vec();
    csv.extend("step,score,wave\r\ns24,5,春\r\ns24,6,春\r\n".as_bytes());
    csv.extend(shift_jis("s24,7,冬\r\n"));
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::MixedEncodings {
                line: 4,
                found: "Shift_JIS",
                file: "UTF-8"
            }
        ),
        "{err}"
    );
    refused_by_the_binary("bom.csv", &csv, "新", "line 4: this line is Shift_JIS");
    // A BOM then Latin-1 on line 3: neither UTF-8 nor Shift_JIS.
    let mut csv = b"\xEF\xBB\xBFstep,score\r\ns24,5\r\n".to_vec();
    csv.extend(b"caf\xE9,5\r\n");
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::NotBomEncoding {
                line: 3,
                encoding: "UTF-8"
            }
        ),
        "{err}"
    );
    // Without a BOM, in a CRLF file.
    let err =
        survey_csv::parse(b"step,score\r\ns24,5\r\ncaf\xE9,5\r\n", &j, "w").expect_err("refused");
    assert!(
        err.to_string()
            .contains("line 3: the file is neither UTF-8 nor Shift_JIS"),
        "{err}"
    );
    // UTF-16 with a lone surrogate on line 3.
    let mut csv = utf16le_with_bom("step\tscore\r\ns24\t5\r\ns24\t");
    csv.extend([0x00, 0xD8, b'5', 0]);
    let err = survey_csv::parse(&csv, &j, "w").expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::NotBomEncoding {
                line: 3,
                encoding: "UTF-16LE"
            }
        ),
        "{err}"
    );
}

#[test]
fn duplicated_step_score_or_wave_columns_are_refused_naming_them() {
    let j = teinei();
    // Before: the first of each was used and the other silently ignored.
    let cases = [
        (
            "step,score,ステップ\ns24,5,s25\n",
            Column::Step,
            [(1, "step"), (3, "ステップ")],
        ),
        (
            "step,score,スコア\ns24,5,9\n",
            Column::Score,
            [(2, "score"), (3, "スコア")],
        ),
        (
            "step,score,wave,調査回\ns24,5,a,b\n",
            Column::Wave,
            [(3, "wave"), (4, "調査回")],
        ),
        (
            "wave,無料サンプルを申し込む,調査回\na,5,b\n",
            Column::Wave,
            [(1, "wave"), (3, "調査回")],
        ),
    ];
    for (csv, column, expected) in cases {
        let err = survey_csv::parse(csv.as_bytes(), &j, "w").expect_err("refused");
        let ImportError::DuplicateColumns { column: c, headers } = &err else {
            panic!("{csv}: {err}");
        };
        assert_eq!(*c, column, "{csv}");
        let expected: Vec<(usize, String)> = expected
            .iter()
            .map(|(i, h)| (*i, (*h).to_owned()))
            .collect();
        assert_eq!(*headers, expected, "{csv}");
    }
    refused_by_the_binary(
        "dup.csv",
        "step,score,ＳＴＥＰ\ns24,5,s25\n".as_bytes(),
        "新",
        "the header has 2 step columns (column 1 「step」, column 3 「ＳＴＥＰ」)",
    );
}

#[test]
fn a_huge_bad_cell_is_quoted_shortened() {
    let j = teinei();
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = "7".repeat(100 << 20);
    let path = write(dir.path(), "huge.csv", format!("step,score\ns24,{huge}\n"));
    let err = survey_csv::read(&path, &j, "w").expect_err("refused");
    let message = err.to_string();
    assert!(message.len() < 300, "{} bytes", message.len());
    assert!(
        message.contains(&format!(
            "line 2: score 「{}… (104857600)」",
            "7".repeat(40)
        )),
        "{message}"
    );
    // A long unknown step, through the binary: stderr stays short.
    let csv = format!("step,score\n{},5\n", "段".repeat(1 << 20));
    let stderr = refused_by_the_binary(
        "long.csv",
        csv.as_bytes(),
        "新",
        "… (1048576)」 matches no step",
    );
    assert!(stderr.len() < 500, "{} bytes", stderr.len());
}

#[test]
fn wave_names_with_control_characters_are_refused() {
    let j = teinei();
    // Before: imported; the wave name then broke the model's rule and the project file.
    let csv = "step,score,wave\ns24,5,\"春\u{1b}[31m\"\ns24,6,\"秋\n2\"\ns24,7,夏\n";
    let err = survey_csv::parse(csv.as_bytes(), &j, "w").expect_err("refused");
    let ImportError::Rows { problems, total: 2 } = &err else {
        panic!("{err}");
    };
    assert_eq!(problems[0].line, 2);
    assert_eq!(
        problems[0].error,
        RowError::WaveNameControl("春\\u{1b}[31m".into())
    );
    assert_eq!(problems[1].line, 3);
    assert_eq!(
        problems[1].error,
        RowError::WaveNameControl("秋\\n2".into())
    );
    // The default wave (`--wave`) too, before the file is read.
    let err = survey_csv::parse(b"step,score\ns24,5\n", &j, "新\u{1b}[2J").expect_err("refused");
    assert!(matches!(err, ImportError::WaveNameControl(_)), "{err}");
    let stderr = refused_by_the_binary(
        "plain.csv",
        b"step,score\ns24,5\n",
        "新\u{1b}[2J",
        "the wave name 「新\\u{1b}[2J」 holds a control character",
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "no raw escape reaches the terminal"
    );
    refused_by_the_binary(
        "ctl.csv",
        csv.as_bytes(),
        "新",
        "line 3: the wave name 「秋\\n2」 holds a control character",
    );
}

#[test]
fn titles_headers_and_cells_match_after_nfkc() {
    let mut j = teinei();
    // Before: half-width katakana and full-width letters matched no step.
    let csv = "ｽﾃｯﾌﾟ,ＳＣＯＲＥ\n\
               無料ｻﾝﾌﾟﾙを申し込む,５\n\
               ＳＮＳで同世代の愛用者の投稿を見る,１０\n\
               ｓｎｓで同世代の愛用者の投稿を見る,9\n\
               Ｓ２４,8\n";
    let import = survey_csv::parse(csv.as_bytes(), &j, "w").expect("imports");
    let scores = &import.waves[0].1;
    assert_eq!(
        scores[&Some(step(&j, "無料サンプルを申し込む"))],
        Scores::from_answers([5, 8])
    );
    assert_eq!(
        scores[&Some(step(&j, "SNSで同世代の愛用者の投稿を見る"))],
        Scores::from_answers([10, 9])
    );
    // Wide format: headers in half width, from a Shift_JIS export.
    let wide = shift_jis("回答者ID,無料ｻﾝﾌﾟﾙを申し込む,ｻﾝﾌﾟﾙが届き、試してみる\nr1,7,8\n");
    let import = survey_csv::parse(&wide, &j, "w").expect("imports");
    assert_eq!(import.shape, Shape::Wide);
    assert_eq!(import.answers, 2);
    // Two titles that normalise alike: the exact one matches, the other spelling is ambiguous.
    let sample = step(&j, "無料サンプルを申し込む");
    let order = step(&j, "定期コースに切り替える");
    kaidan::edit::Command::RetitleStep(order, "無料ｻﾝﾌﾟﾙを申し込む".into())
        .apply(&mut j)
        .expect("retitle");
    let exact = survey_csv::parse("step,score\n無料ｻﾝﾌﾟﾙを申し込む,5\n".as_bytes(), &j, "w")
        .expect("the exact title matches");
    assert_eq!(exact.waves[0].1.keys().collect::<Vec<_>>(), [&Some(order)]);
    let err = survey_csv::parse("step,score\n無料サンﾌﾟﾙを申し込む,5\n".as_bytes(), &j, "w")
        .expect_err("ambiguous");
    assert!(
        err.to_string()
            .contains(&format!("several steps ({sample}, {order})")),
        "{err}"
    );
}

#[test]
fn import_errors_read_in_the_uis_language() {
    let j = teinei();
    let err = survey_csv::parse(b"step,score\ns24,5\ns24,11\n", &j, "w").expect_err("refused");
    assert_eq!(
        err.localize(Lang::Ja),
        "1 件の問題があるため、何も取り込んでいません:\n  3 行目: スコア「11」は 0〜10 の整数ではありません"
    );
    assert_eq!(
        err.localize(Lang::En),
        "1 problem found, so nothing was imported:\n  line 3: score 「11」 is not a whole number from 0 to 10"
    );
    let err = survey_csv::parse(b"step,score\n\"s24,5\n", &j, "w").expect_err("refused");
    let ja = err.localize(Lang::Ja);
    assert!(ja.starts_with("2 行目: "), "{ja}");
    assert!(ja.contains("閉じられていません"), "{ja}");
}
