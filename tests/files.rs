//! Project files on a real disk: every way loading can fail (syntax, broken journey,
//! version, size, folder, missing, encoding, a temporary file) and what the message says,
//! in both languages, and saving (round trip, determinism, atomic replace, symbolic links,
//! read-only files and folders, temporary files of killed saves, failures that leave
//! nothing behind and name the user's file).

use kaidan::i18n::{Lang, Localize};
use kaidan::io::{self, FORMAT_VERSION, LoadError, MAX_FILE_BYTES, SaveError, SaveErrorKind};
use kaidan::model::{Journey, LevelId, Problem, StepId};
use std::fs;
use std::path::{Path, PathBuf};

const TEINEI: &str = include_str!("../examples/teinei.kaidan.ron");
const LOYALTY: &str = include_str!("../examples/loyalty-loop.kaidan.ron");

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("create a temporary folder")
}

/// Writes `bytes` to `dir/name` and returns the path.
fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write test file");
    path
}

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "test set-up: {from:?} must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// 1-based (line, column in characters) of byte offset `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn load_err(path: &Path) -> LoadError {
    match io::load(path) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(e) => e,
    }
}

fn load_ok(path: &Path) -> Journey {
    io::load(path).unwrap_or_else(|e| panic!("{} should load: {e}", path.display()))
}

/// The problems of a file that must be valid RON but an invalid journey.
fn problems_of(path: &Path) -> (Vec<Problem>, String) {
    let err = load_err(path);
    let message = err.to_string();
    match err {
        LoadError::Invalid { problems, .. } => (problems, message),
        other => panic!("expected LoadError::Invalid, got {other:?}"),
    }
}

/// Checks a syntax error points at `line:column` of `path` and shows that line with a
/// caret under `column`; returns the message for further checks.
fn assert_syntax_at(path: &Path, line: usize, column: usize) -> String {
    let err = load_err(path);
    let message = err.to_string();
    let LoadError::Syntax {
        line: l,
        column: c,
        ref snippet,
        ..
    } = err
    else {
        panic!("expected LoadError::Syntax, got {err:?}");
    };
    assert_eq!((l, c), (line, column), "position of: {message}");
    let prefix = format!("{}:{line}:{column}: ", path.display());
    assert!(
        message.starts_with(&prefix),
        "{message:?} should start with {prefix:?}"
    );
    // Snippet: "  130 | <source line>" then "      | <pad>^", both gutters 8 characters.
    let mut lines = snippet.lines();
    let source = lines.next().expect("snippet has the source line");
    let caret = lines.next().expect("snippet has the caret line");
    assert!(
        source.starts_with(&format!("{line:>5} | ")),
        "snippet source line {source:?} is numbered {line}"
    );
    let caret_at = caret.chars().position(|c| c == '^').expect("a caret");
    assert_eq!(caret_at, 8 + column - 1, "caret column in {snippet:?}");
    assert!(
        message.ends_with(snippet.as_str()),
        "message shows the snippet"
    );
    message
}

// ---------------------------------------------------------------- syntax errors

#[test]
fn syntax_error_names_path_line_column_and_shows_the_line_with_a_caret() {
    let dir = tempdir();
    let text = replace_once(TEINEI, "t: 4.5,", "t: \"four\",");
    let at = text.find("\"four\"").expect("placed above");
    let (line, column) = line_column(&text, at);
    let path = write(dir.path(), "syntax.kaidan.ron", &text);

    let message = assert_syntax_at(&path, line, column);
    assert!(
        message.contains("expected a number"),
        "says a number was expected: {message}"
    );
    let ja = load_err(&path).localize(Lang::Ja);
    assert!(
        ja.contains(&format!(
            ":{line}:{column}: 書式が正しくありません。数値が必要です\n"
        )),
        "all Japanese: {ja}"
    );
    assert!(
        message.contains("t: \"four\","),
        "shows the line: {message}"
    );
}

#[test]
fn syntax_error_after_a_line_break_points_at_the_token_not_the_whitespace() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "t: 4.5,\n                level: 3,",
        "t: 4.5,\n                level:\n\n                    @3,",
    );
    let at = text.find('@').expect("placed above");
    let (line, column) = line_column(&text, at);
    assert_eq!(column, 21, "test set-up: '@' after 20 spaces");
    let path = write(dir.path(), "token.kaidan.ron", &text);

    let message = assert_syntax_at(&path, line, column);
    assert!(
        message.contains("@3,"),
        "shows the offending line: {message}"
    );
}

#[test]
fn missing_comma_is_reported_at_the_next_field() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "t: 4.5,\n                level: 3,",
        "t: 4.5\n                level: 3,",
    );
    let at = text.find("t: 4.5\n").expect("placed above") + "t: 4.5\n".len() + 16;
    let (line, column) = line_column(&text, at);
    let path = write(dir.path(), "comma.kaidan.ron", &text);

    let message = assert_syntax_at(&path, line, column);
    assert!(
        message.contains("comma"),
        "says a comma is missing: {message}"
    );
}

#[test]
fn unknown_field_is_a_syntax_error_naming_the_field_and_the_expected_ones() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "title: \"公式サイトで成分と口コミを調べる\"",
        "titel: \"公式サイトで成分と口コミを調べる\"",
    );
    let at = text.find("titel").expect("placed above");
    let (line, column) = line_column(&text, at);
    let path = write(dir.path(), "typo.kaidan.ron", &text);

    let message = assert_syntax_at(&path, line, column);
    assert!(message.contains("`titel`"), "names the typo: {message}");
    assert!(
        message.contains("`title`"),
        "names what was meant: {message}"
    );
}

#[test]
fn truncated_file_is_a_syntax_error_at_its_end() {
    let dir = tempdir();
    let cut = TEINEI.find("        links: [").expect("teinei has links");
    let text = &TEINEI[..cut];
    let path = write(dir.path(), "cut.kaidan.ron", text);
    let (line, column) = line_column(text, text.trim_end().len());

    let message = assert_syntax_at(&path, line, column);
    assert!(message.contains("end"), "says the file ended: {message}");
}

#[test]
fn missing_format_version_is_a_syntax_error_naming_it() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        &format!("    format_version: {},\n", io::FORMAT_VERSION),
        "",
    );
    let path = write(dir.path(), "noversion.kaidan.ron", text);
    let err = load_err(&path);
    assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
    assert!(err.to_string().contains("format_version"), "{err}");
}

// ---------------------------------------------------------------- broken journeys

/// Valid RON, but: two starts, a step on a level that does not exist, no goal, a link to
/// a step that does not exist and a link back in time.
const BROKEN: &str = r#"(
    format_version: 1,
    journey: (
        title: "壊れた旅",
        levels: [
            (id: 1, label: "無関心"),
            (id: 2, label: "ファン"),
        ],
        steps: [
            (id: 3, kind: Start, title: "知る前", t: 0.0, level: 1),
            (id: 4, kind: Start, title: "もう一つの始まり", t: 1.0, level: 1),
            (id: 5, title: "宙に浮く段", t: 2.0, level: 9),
            (id: 6, title: "最後の段", t: 3.0, level: 2),
        ],
        links: [
            (from: 3, to: 5),
            (from: 5, to: 21),
            (from: 6, to: 5),
        ],
        next_id: 10,
    ),
)
"#;

#[test]
fn broken_journey_lists_every_problem_with_ids_and_titles() {
    let dir = tempdir();
    let path = write(dir.path(), "broken.kaidan.ron", BROKEN);
    let (problems, message) = problems_of(&path);

    assert_eq!(problems.len(), 5, "{message}");
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::UnknownLevel { step, level } if step.id == StepId(5) && *level == LevelId(9))),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::SeveralStarts(starts)
            if starts.iter().map(|s| s.id).collect::<Vec<_>>() == [StepId(3), StepId(4)])),
        "{problems:?}"
    );
    assert!(problems.contains(&Problem::NoGoal), "{problems:?}");
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::DanglingLink { from, to, missing }
                if (*from, *to, *missing) == (StepId(5), StepId(21), StepId(21)))),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::BackwardLink { from, to, .. } if (from.id, to.id) == (StepId(6), StepId(5)))),
        "{problems:?}"
    );

    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert_eq!(
        message.lines().filter(|l| l.starts_with("  - ")).count(),
        5,
        "one line per problem: {message}"
    );
    for needle in [
        "s5 「宙に浮く段」",
        "l9",
        "s3 「知る前」",
        "s4 「もう一つの始まり」",
        "no goal",
        "s21",
        "s6 「最後の段」",
    ] {
        assert!(
            message.contains(needle),
            "message names {needle:?}: {message}"
        );
    }
}

#[test]
fn dangling_link_names_the_missing_step() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "from: 35,\n                to: 34,",
        "from: 35,\n                to: 99,",
    );
    let path = write(dir.path(), "dangling.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert_eq!(
        problems,
        [Problem::DanglingLink {
            from: StepId(35),
            to: StepId(99),
            missing: StepId(99),
        }],
        "{message}"
    );
    assert!(
        message.contains("s35") && message.contains("s99"),
        "{message}"
    );
}

#[test]
fn backward_link_names_both_steps_with_titles_and_times() {
    let dir = tempdir();
    // s30 is at t 14.5, s31 at 14.0: a link s30 → s31 goes back in time.
    let text = replace_once(
        TEINEI,
        "from: 30,\n                to: 33,",
        "from: 30,\n                to: 31,",
    );
    let path = write(dir.path(), "backward.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert_eq!(problems.len(), 1, "{message}");
    let Problem::BackwardLink {
        from,
        to,
        from_t,
        to_t,
    } = &problems[0]
    else {
        panic!("expected a backward link: {problems:?}");
    };
    assert_eq!((from.id, to.id), (StepId(30), StepId(31)));
    // Exact: the times are the file's own literals.
    assert_eq!(
        (from_t.to_bits(), to_t.to_bits()),
        (14.5f64.to_bits(), 14.0f64.to_bits())
    );
    for needle in [
        "s30 「季節の便りで再開のきっかけを得る」",
        "s31 「体調の変化を実感する」",
        "14.5",
        "14",
    ] {
        assert!(
            message.contains(needle),
            "message names {needle:?}: {message}"
        );
    }
}

#[test]
fn link_between_steps_at_the_same_time_counts_as_backward() {
    let dir = tempdir();
    // s24 is at t 6.5; put s25 (linked from s24) at the same time.
    let text = replace_once(TEINEI, "t: 7.0,", "t: 6.5,");
    let path = write(dir.path(), "sametime.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert_eq!(problems.len(), 1, "{message}");
    assert!(
        matches!(&problems[0], Problem::BackwardLink { from, to, .. }
            if from.id == StepId(24) && to.id == StepId(25)),
        "{problems:?}"
    );
}

#[test]
fn two_starts_are_named() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "id: 22,\n                title:",
        "id: 22,\n                kind: Start,\n                title:",
    );
    let path = write(dir.path(), "starts.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::SeveralStarts(starts)
            if starts.iter().map(|s| s.id).collect::<Vec<_>>() == [StepId(20), StepId(22)])),
        "{problems:?}"
    );
    assert!(
        message.contains("s20 「商品を知る前」")
            && message.contains("s22 「SNSで同世代の愛用者の投稿を見る」"),
        "{message}"
    );
}

#[test]
fn journey_without_goal_is_refused() {
    let dir = tempdir();
    let text = replace_once(TEINEI, "                kind: Goal,\n", "");
    let path = write(dir.path(), "nogoal.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert_eq!(problems, [Problem::NoGoal], "{message}");
    assert!(message.contains("goal"), "{message}");
}

#[test]
fn step_on_unknown_level_names_step_and_level() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        "t: 4.5,\n                level: 3,",
        "t: 4.5,\n                level: 42,",
    );
    let path = write(dir.path(), "level.kaidan.ron", text);
    let (problems, message) = problems_of(&path);
    assert_eq!(problems.len(), 1, "{message}");
    assert!(
        matches!(&problems[0], Problem::UnknownLevel { step, level }
            if step.id == StepId(23) && *level == LevelId(42)),
        "{problems:?}"
    );
    assert!(
        message.contains("s23 「公式サイトで成分と口コミを調べる」") && message.contains("l42"),
        "{message}"
    );
}

#[test]
fn non_finite_time_is_a_problem_not_a_panic() {
    let dir = tempdir();
    for value in ["NaN", "inf", "-inf", "1e400"] {
        let text = replace_once(TEINEI, "t: 4.5,", &format!("t: {value},"));
        let path = write(dir.path(), "nan.kaidan.ron", text);
        let (problems, message) = problems_of(&path);
        assert!(
            problems.iter().any(|p| matches!(p,
                Problem::NonFiniteTime { step, .. } if step.id == StepId(23))),
            "t: {value}: {message}"
        );
    }
}

// ---------------------------------------------------------------- versions

#[test]
fn newer_format_version_is_refused_naming_both_versions() {
    let dir = tempdir();
    let newer = FORMAT_VERSION + 1;
    let text = replace_once(
        TEINEI,
        &format!("format_version: {FORMAT_VERSION},"),
        &format!("format_version: {newer},"),
    );
    let path = write(dir.path(), "newer.kaidan.ron", text);
    let err = load_err(&path);
    let message = err.to_string();
    assert!(
        matches!(err, LoadError::NewerVersion { found, supported, .. }
            if found == newer && supported == FORMAT_VERSION),
        "{err:?}"
    );
    assert!(
        message.contains(&format!("format_version {newer}"))
            && message.contains(&format!("format_version {FORMAT_VERSION}")),
        "{message}"
    );
}

#[test]
fn newer_file_with_new_fields_is_refused_by_version_not_by_field() {
    let dir = tempdir();
    let newer = FORMAT_VERSION + 7;
    let text = replace_once(
        TEINEI,
        &format!("format_version: {FORMAT_VERSION},"),
        &format!("format_version: {newer},"),
    );
    let text = replace_once(
        &text,
        "next_id: 44,",
        "next_id: 44,\n        emotions_v2: { \"s20\": (score: -2) },",
    );
    let path = write(dir.path(), "future.kaidan.ron", text);
    let err = load_err(&path);
    assert!(
        matches!(err, LoadError::NewerVersion { found, .. } if found == newer),
        "{err:?}"
    );
}

#[test]
fn format_version_zero_is_unknown() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        &format!("format_version: {FORMAT_VERSION},"),
        "format_version: 0,",
    );
    let path = write(dir.path(), "zero.kaidan.ron", text);
    let err = load_err(&path);
    assert!(
        matches!(err, LoadError::UnknownVersion { found: 0, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("format_version 0"), "{err}");
}

// ---------------------------------------------------------------- the file itself

#[test]
fn file_larger_than_the_limit_is_refused_unread() {
    let dir = tempdir();
    let path = dir.path().join("huge.kaidan.ron");
    let file = fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
    drop(file);
    let err = load_err(&path);
    let message = err.to_string();
    assert!(
        matches!(err, LoadError::TooLarge { size, .. } if size == MAX_FILE_BYTES + 1),
        "{err:?}"
    );
    assert!(
        message.contains(&(MAX_FILE_BYTES + 1).to_string())
            && message.contains(&format!("{} MiB", MAX_FILE_BYTES >> 20)),
        "{message}"
    );
}

#[test]
fn file_of_exactly_the_limit_is_read() {
    let dir = tempdir();
    let path = dir.path().join("limit.kaidan.ron");
    let file = fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES).expect("sparse file");
    drop(file);
    // 64 MiB of NUL bytes: read, then refused as text that is not RON.
    let err = load_err(&path);
    assert!(
        matches!(
            err,
            LoadError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn folder_is_refused() {
    let dir = tempdir();
    let path = dir.path().join("folder.kaidan.ron");
    fs::create_dir(&path).expect("mkdir");
    let err = load_err(&path);
    assert!(matches!(err, LoadError::IsDirectory(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: ", path.display())),
        "{err}"
    );
}

#[test]
fn missing_file_is_not_found() {
    let dir = tempdir();
    let path = dir.path().join("nowhere.kaidan.ron");
    let err = load_err(&path);
    assert!(matches!(err, LoadError::NotFound(_)), "{err:?}");
    assert_eq!(err.to_string(), format!("{}: no such file", path.display()));
}

#[test]
fn shift_jis_text_is_not_utf8_with_line_and_column() {
    let dir = tempdir();
    // 「階段」 in Shift_JIS, as a Japanese editor might save it.
    let sjis: &[u8] = &[0x81, 0x75, 0x8A, 0x4B, 0x92, 0x69, 0x81, 0x76];
    let title = "公式サイトで成分と口コミを調べる";
    let at = TEINEI.find(title).expect("teinei has the step");
    let mut bytes = TEINEI.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(sjis);
    bytes.extend_from_slice(&TEINEI.as_bytes()[at + title.len()..]);
    let (line, column) = line_column(TEINEI, at);
    let path = write(dir.path(), "sjis.kaidan.ron", &bytes);

    let err = load_err(&path);
    let message = err.to_string();
    assert!(
        matches!(err, LoadError::NotUtf8 { line: l, column: c, offset, .. }
            if (l, c, offset) == (line, column, at)),
        "expected NotUtf8 at {line}:{column} (byte {at}), got {err:?}"
    );
    assert!(
        message.starts_with(&format!("{}:{line}:{column}: ", path.display())),
        "{message}"
    );
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let dir = tempdir();
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend_from_slice(TEINEI.as_bytes());
    let path = write(dir.path(), "bom.kaidan.ron", &bytes);
    let plain = write(dir.path(), "plain.kaidan.ron", TEINEI);
    assert_eq!(load_ok(&path), load_ok(&plain));
}

#[test]
fn windows_line_endings_are_accepted() {
    let dir = tempdir();
    let path = write(dir.path(), "crlf.kaidan.ron", TEINEI.replace('\n', "\r\n"));
    let plain = write(dir.path(), "plain.kaidan.ron", TEINEI);
    assert_eq!(load_ok(&path), load_ok(&plain));
}

// ---------------------------------------------------------------- saving

#[test]
fn saved_examples_load_back_equal_and_in_canonical_bytes() {
    let dir = tempdir();
    for (name, text) in [("teinei", TEINEI), ("loyalty", LOYALTY)] {
        let original = load_ok(&write(dir.path(), &format!("{name}.in.ron"), text));
        let path = dir.path().join(format!("{name}.kaidan.ron"));
        io::save(&path, &original).expect("save");
        assert_eq!(load_ok(&path), original, "{name} round trip");
        let bytes = fs::read_to_string(&path).expect("read back");
        assert_eq!(bytes, text, "{name}: the example is in canonical form");
    }
}

#[test]
fn saving_twice_gives_identical_bytes() {
    let dir = tempdir();
    let journey = load_ok(&write(dir.path(), "in.ron", LOYALTY));
    let a = dir.path().join("a.kaidan.ron");
    let b = dir.path().join("b.kaidan.ron");
    io::save(&a, &journey).expect("save a");
    io::save(&b, &journey).expect("save b");
    let first = fs::read(&a).expect("read a");
    io::save(&a, &journey).expect("save a again");
    assert_eq!(fs::read(&a).expect("read a"), first);
    assert_eq!(fs::read(&b).expect("read b"), first);
}

#[test]
fn saving_a_shuffled_journey_writes_the_canonical_order() {
    let dir = tempdir();
    let journey = load_ok(&write(dir.path(), "in.ron", TEINEI));
    let mut shuffled = journey.clone();
    shuffled.steps.reverse();
    shuffled.links.rotate_left(5);
    let path = dir.path().join("shuffled.kaidan.ron");
    io::save(&path, &shuffled).expect("save");
    assert_eq!(fs::read_to_string(&path).expect("read"), TEINEI);
}

/// Names of the entries of a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn saving_into_a_missing_folder_fails_and_creates_nothing() {
    let dir = tempdir();
    let journey = Journey::blank("どこにも");
    let path = dir.path().join("missing").join("x.kaidan.ron");
    let err = io::save(&path, &journey).expect_err("no such folder");
    assert_eq!(err.path, path);
    assert_eq!(
        err.io_error().map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("cannot save {}: ", path.display())),
        "{err}"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn saving_onto_a_folder_fails_leaving_it_and_no_temporary_file() {
    let dir = tempdir();
    let path = dir.path().join("project.kaidan.ron");
    fs::create_dir(&path).expect("mkdir");
    write(&path, "inside.txt", "keep me");
    let err = io::save(&path, &Journey::blank("x")).expect_err("a folder is in the way");
    assert_eq!(err.path, path);
    assert!(path.is_dir(), "the folder is still a folder");
    assert_eq!(entries(&path), ["inside.txt"]);
    assert_eq!(
        fs::read_to_string(path.join("inside.txt")).expect("read"),
        "keep me"
    );
    assert_eq!(entries(dir.path()), ["project.kaidan.ron"], "no .tmp left");
}

#[test]
fn saving_over_a_longer_file_replaces_it_entirely() {
    let dir = tempdir();
    let path = write(dir.path(), "old.kaidan.ron", "x".repeat(200_000));
    let journey = Journey::blank("短い");
    io::save(&path, &journey).expect("save");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        io::to_string(&journey)
    );
    assert_eq!(load_ok(&path), journey);
    assert_eq!(entries(dir.path()), ["old.kaidan.ron"], "no .tmp left");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_replaced_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let path = write(dir.path(), "shared.kaidan.ron", TEINEI);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    io::save(&path, &Journey::blank("x")).expect("save");
    let mode = fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_same_permissions_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    // `fs::write` creates with 0o666 less the umask, like an editor would.
    let reference = write(dir.path(), "reference.txt", "");
    let path = dir.path().join("new.kaidan.ron");
    io::save(&path, &Journey::blank("x")).expect("save");
    let mode = |p: &Path| fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&reference), "not a temp file's 0o600");
}

// ---------------------------------------------------------------- messages in both languages

/// Whether `text` has a run of `n` or more ASCII letters outside backticks, file paths and
/// the snippet: an English word left in a Japanese message.
fn english_word_in(text: &str, paths: &[&Path]) -> Option<String> {
    let mut text = text.lines().next().unwrap_or("").to_owned();
    for p in paths {
        text = text.replace(&p.display().to_string(), "");
    }
    let mut outside = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            outside.push_str(part);
            outside.push(' ');
        }
    }
    outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() >= 3 && !["RON", "UTF", "true", "false", "Some", "None"].contains(w))
        .map(str::to_owned)
}

#[test]
fn syntax_errors_are_entirely_in_the_ui_language() {
    let dir = tempdir();
    let cases = [
        (
            replace_once(TEINEI, "t: 4.5,", "t: \"four\","),
            "数値が必要です",
            "expected a number",
        ),
        (
            replace_once(
                TEINEI,
                "title: \"公式サイトで成分と口コミを調べる\"",
                "titel: \"公式サイトで成分と口コミを調べる\"",
            ),
            "ステップに `titel` という項目はありません。使えるのは `id`、",
            "there is no field `titel` in a step; expected one of `id`, ",
        ),
        (
            replace_once(TEINEI, "kind: Goal,", "kind: Gaol,"),
            "`Gaol` という値はありません。",
            "there is no value `Gaol`",
        ),
        (
            replace_once(TEINEI, "t: 4.5,", "t: 4.5,\n                t: 5.0,"),
            "項目 `t` が 2 回書かれています",
            "the field `t` is written twice",
        ),
        (
            replace_once(
                TEINEI,
                &format!("    format_version: {FORMAT_VERSION},\n"),
                "",
            ),
            "項目 `format_version` がありません",
            "the field `format_version` is missing",
        ),
        (
            TEINEI[..TEINEI.find("        links: [").expect("links")].to_owned(),
            "ファイルが途中で終わっています",
            "the file ends too early",
        ),
        (
            replace_once(TEINEI, "t: 4.5,", "t: 4.5\n"),
            "カンマ `,` が必要です",
            "expected a comma `,`",
        ),
        (
            replace_once(
                TEINEI,
                "t: 4.5,\n                level: 3,",
                "t: 4.5,\n                level: \"3\",",
            ),
            "整数が必要です",
            "expected a whole number",
        ),
        (
            format!("{TEINEI})"),
            "プロジェクトの終わりの後に、余分な文字があります",
            "there is more text after the end of the project",
        ),
        (
            replace_once(
                TEINEI,
                "\"公式サイトで成分と口コミを調べる\"",
                "\"公式サイトで\\q\"",
            ),
            "エスケープが正しくありません（不明なエスケープ文字です）",
            "invalid escape sequence starting with `\\`: unknown escape character",
        ),
    ];
    for (i, (text, ja, en)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("case{i}.kaidan.ron"), text);
        let err = load_err(&path);
        assert!(matches!(err, LoadError::Syntax { .. }), "case {i}: {err:?}");
        let (ja_text, en_text) = (err.localize(Lang::Ja), err.localize(Lang::En));
        assert!(ja_text.contains(ja), "case {i}: {ja:?} in {ja_text}");
        assert!(en_text.contains(en), "case {i}: {en:?} in {en_text}");
        assert_eq!(err.to_string(), en_text, "Display is the English text");
        assert_eq!(
            english_word_in(&ja_text, &[&path]),
            None,
            "case {i}: no English in {ja_text}"
        );
    }
}

#[test]
fn a_malformed_colour_is_explained_in_both_languages() {
    let dir = tempdir();
    let text = replace_once(TEINEI, "colour: \"#56B4E9\",", "colour: \"#12345\",");
    let path = write(dir.path(), "colour.kaidan.ron", text);
    let err = load_err(&path);
    let (ja, en) = (err.localize(Lang::Ja), err.localize(Lang::En));
    assert!(
        ja.contains("色 \"#12345\" は \"#RRGGBB\" の形ではありません"),
        "{ja}"
    );
    assert!(
        en.contains("colour \"#12345\" is not of the form \"#RRGGBB\""),
        "{en}"
    );
}

// ---------------------------------------------------------------- symbolic links

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("create a symbolic link");
}

/// Asserts `link` is still a symbolic link to `to`.
#[cfg(unix)]
fn assert_link(link: &Path, to: &Path) {
    let meta = fs::symlink_metadata(link).expect("the link exists");
    assert!(
        meta.file_type().is_symlink(),
        "{} is still a link",
        link.display()
    );
    assert_eq!(fs::read_link(link).expect("read link"), to, "same target");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_its_target_and_leaves_the_link() {
    let dir = tempdir();
    let real = dir.path().join("real");
    fs::create_dir(&real).expect("mkdir");
    let target = write(&real, "teinei.kaidan.ron", TEINEI);
    let link = dir.path().join("link.kaidan.ron");
    // A relative link, resolved against the link's folder.
    symlink("real/teinei.kaidan.ron", &link);

    let journey = Journey::blank("リンク越し");
    io::save(&link, &journey).expect("save through the link");

    assert_link(&link, Path::new("real/teinei.kaidan.ron"));
    assert_eq!(
        fs::read_to_string(&target).expect("read"),
        io::to_string(&journey)
    );
    assert_eq!(entries(dir.path()), ["link.kaidan.ron", "real"]);
    assert_eq!(entries(&real), ["teinei.kaidan.ron"], "no temporary file");
    assert_eq!(load_ok(&link), journey);
}

#[cfg(unix)]
#[test]
fn a_chain_of_links_is_followed_to_the_end() {
    let dir = tempdir();
    for sub in ["a", "b", "c"] {
        fs::create_dir(dir.path().join(sub)).expect("mkdir");
    }
    let target = write(&dir.path().join("c"), "p.kaidan.ron", TEINEI);
    // a/first → (absolute) b/second → (relative) ../c/p.kaidan.ron
    let second = dir.path().join("b").join("second.kaidan.ron");
    symlink("../c/p.kaidan.ron", &second);
    let first = dir.path().join("a").join("first.kaidan.ron");
    symlink(&second, &first);

    io::write_atomically(&first, b"new bytes").expect("write through two links");

    assert_link(&first, &second);
    assert_link(&second, Path::new("../c/p.kaidan.ron"));
    assert_eq!(fs::read(&target).expect("read"), b"new bytes");
    for sub in ["a", "b", "c"] {
        assert_eq!(
            entries(&dir.path().join(sub)).len(),
            1,
            "nothing left in {sub}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_link_creates_its_target_when_the_folder_exists() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    let link = dir.path().join("link.kaidan.ron");
    symlink("real/new.kaidan.ron", &link);

    let journey = Journey::blank("新規");
    io::save(&link, &journey).expect("save through a dangling link");

    assert_link(&link, Path::new("real/new.kaidan.ron"));
    let target = dir.path().join("real").join("new.kaidan.ron");
    assert!(fs::symlink_metadata(&target).expect("created").is_file());
    assert_eq!(load_ok(&target), journey);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_into_a_missing_folder_fails_naming_link_and_target() {
    let dir = tempdir();
    let link = dir.path().join("link.kaidan.ron");
    symlink("gone/p.kaidan.ron", &link);

    let err = io::save(&link, &Journey::blank("x")).expect_err("no such folder");

    assert_link(&link, Path::new("gone/p.kaidan.ron"));
    assert_eq!(entries(dir.path()), ["link.kaidan.ron"]);
    let target = dir.path().join("gone").join("p.kaidan.ron");
    assert_eq!(err.target.as_deref(), Some(target.as_path()), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save {} (a link to {}): no such file or folder",
            link.display(),
            target.display()
        )
    );
    assert_eq!(
        err.localize(Lang::Ja),
        format!(
            "{}（リンク先 {}）に保存できません（ファイルまたはフォルダがありません）",
            link.display(),
            target.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_loop_of_links_is_refused() {
    let dir = tempdir();
    let a = dir.path().join("a.kaidan.ron");
    let b = dir.path().join("b.kaidan.ron");
    symlink("b.kaidan.ron", &a);
    symlink("a.kaidan.ron", &b);

    let err = io::save(&a, &Journey::blank("x")).expect_err("a loop");

    assert!(matches!(err.kind, SaveErrorKind::TooManyLinks), "{err:?}");
    assert!(err.to_string().contains("loop"), "{err}");
    assert!(err.localize(Lang::Ja).contains("循環"), "{err}");
    assert_link(&a, Path::new("b.kaidan.ron"));
    assert_link(&b, Path::new("a.kaidan.ron"));
    assert_eq!(entries(dir.path()), ["a.kaidan.ron", "b.kaidan.ron"]);
}

// ---------------------------------------------------------------- read-only files and folders

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("stat").permissions().mode() & 0o7777
}

/// Checks `err` refuses a read-only file, naming `named` in both languages.
fn assert_read_only(err: &SaveError, named: &Path) {
    assert!(matches!(err.kind, SaveErrorKind::ReadOnly), "{err:?}");
    let (en, ja) = (err.to_string(), err.localize(Lang::Ja));
    let shown = named.display().to_string();
    assert!(en.contains(&shown) && en.contains("read-only"), "{en}");
    assert!(ja.contains(&shown) && ja.contains("読み取り専用"), "{ja}");
    assert_no_temporary_name(&en, named);
    assert_no_temporary_name(&ja, named);
}

/// Checks a message names no temporary file of `file` (`.NAME.XXXXXX.tmp`).
fn assert_no_temporary_name(message: &str, file: &Path) {
    let name = file.file_name().expect("a file name").to_string_lossy();
    assert!(
        !message.contains(&format!(".{name}.")) && !message.contains(".tmp\""),
        "names a temporary file: {message}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_project_is_refused_and_left_as_it_was() {
    let dir = tempdir();
    let path = write(dir.path(), "ro.kaidan.ron", TEINEI);
    chmod(&path, 0o444);

    let err = io::save(&path, &Journey::blank("上書き")).expect_err("read-only");

    assert_read_only(&err, &path);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        TEINEI,
        "unchanged"
    );
    assert_eq!(mode(&path), 0o444);
    assert_eq!(entries(dir.path()), ["ro.kaidan.ron"], "no temporary file");
}

#[cfg(unix)]
#[test]
fn a_read_only_target_behind_a_link_is_refused_naming_both() {
    let dir = tempdir();
    let target = write(dir.path(), "real.kaidan.ron", TEINEI);
    chmod(&target, 0o400);
    let link = dir.path().join("link.kaidan.ron");
    symlink("real.kaidan.ron", &link);

    let err = io::write_atomically(&link, b"x").expect_err("read-only");

    assert_read_only(&err, &target);
    assert!(
        err.to_string().contains(&link.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&target).expect("read"), TEINEI);
    assert_link(&link, Path::new("real.kaidan.ron"));
    assert_eq!(entries(dir.path()), ["link.kaidan.ron", "real.kaidan.ron"]);
}

/// Whether the tests run as root (who may write into any folder whatever its permissions).
#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = tempdir();
    let probe = write(dir.path(), "probe", "");
    fs::metadata(probe).expect("stat").uid() == 0
}

/// A folder without write permission: refused with a message naming it (for a normal
/// user). Root may create files in any folder, so there the save succeeds, as every other
/// program's would; the folder-refusal itself is then checked in `/sys` below.
#[cfg(unix)]
#[test]
fn a_read_only_folder_refuses_a_new_file_for_a_normal_user() {
    let dir = tempdir();
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).expect("mkdir");
    chmod(&folder, 0o555);
    let path = folder.join("new.kaidan.ron");

    let result = io::save(&path, &Journey::blank("x"));
    let root = running_as_root();
    chmod(&folder, 0o755);

    if root {
        result.expect("root may write into any folder");
        assert_eq!(entries(&folder), ["new.kaidan.ron"]);
    } else {
        let err = result.expect_err("no permission to create files");
        assert!(
            matches!(&err.kind, SaveErrorKind::FolderNotWritable(f) if f == &folder),
            "{err:?}"
        );
        assert!(err.to_string().contains("no permission"), "{err}");
        assert!(entries(&folder).is_empty());
    }
}

/// A folder where nobody, root included, may create files: Linux's `/sys`.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_nobody_may_write_is_refused_naming_it() {
    let path = Path::new("/sys/kaidan-test.kaidan.ron");
    if !Path::new("/sys").is_dir() || path.exists() {
        return; // no sysfs here: nothing to test
    }
    let err = io::save(path, &Journey::blank("x")).expect_err("sysfs has no room for files");
    assert!(
        matches!(&err.kind, SaveErrorKind::FolderNotWritable(f) if f == Path::new("/sys")),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "cannot save /sys/kaidan-test.kaidan.ron: no permission to create files in the folder /sys"
    );
    assert_eq!(
        err.localize(Lang::Ja),
        "/sys/kaidan-test.kaidan.ron に保存できません（フォルダ /sys にファイルを作る権限がありません）"
    );
    assert!(!path.exists());
}

// ---------------------------------------------------------------- temporary files of killed saves

#[test]
fn a_killed_saves_temporary_files_are_removed_by_the_next_save() {
    let dir = tempdir();
    let path = write(dir.path(), "p.kaidan.ron", TEINEI);
    // What a save killed mid-write leaves: half a project, an empty file.
    write(
        dir.path(),
        ".p.kaidan.ron.aB3xY9.tmp",
        &TEINEI[..TEINEI.len() / 2],
    );
    write(dir.path(), ".p.kaidan.ron.000000.tmp", "");
    // Not temporary files of this project: left alone.
    let others = [
        ".other.kaidan.ron.aB3xY9.tmp",
        ".p.kaidan.ron.aB3xY9.tmp.bak",
        ".p.kaidan.ron.toolong.tmp",
        "p.kaidan.ron.aB3xY9.tmp",
        "notes.tmp",
    ];
    for name in others {
        write(dir.path(), name, "keep");
    }

    io::save(&path, &Journey::blank("次の保存")).expect("save");

    let mut expected: Vec<&str> = others.to_vec();
    expected.push("p.kaidan.ron");
    expected.sort_unstable();
    assert_eq!(entries(dir.path()), expected);
    for name in others {
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).expect("read"),
            "keep"
        );
    }
}

#[test]
fn a_temporary_file_that_a_live_save_holds_locked_is_left_alone() {
    let dir = tempdir();
    let path = write(dir.path(), "p.kaidan.ron", TEINEI);
    let live = write(dir.path(), ".p.kaidan.ron.Live01.tmp", "being written");
    // Another save (here: this test) is writing it right now and holds its lock.
    let held = fs::OpenOptions::new()
        .write(true)
        .open(&live)
        .expect("open");
    held.lock().expect("lock");

    io::save(&path, &Journey::blank("x")).expect("save");
    assert_eq!(
        fs::read_to_string(&live).expect("still there"),
        "being written"
    );

    drop(held);
    io::save(&path, &Journey::blank("y")).expect("save");
    assert_eq!(entries(dir.path()), ["p.kaidan.ron"], "stale once unlocked");
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_removes_the_temporary_files_next_to_the_target() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    write(&dir.path().join("real"), "p.kaidan.ron", TEINEI);
    write(&dir.path().join("real"), ".p.kaidan.ron.Zz9Zz9.tmp", "half");
    symlink("real/p.kaidan.ron", &dir.path().join("link.kaidan.ron"));
    // Left by older Kaidan versions, which replaced the link itself.
    write(dir.path(), ".link.kaidan.ron.Zz9Zz9.tmp", "half");

    io::save(&dir.path().join("link.kaidan.ron"), &Journey::blank("x")).expect("save");

    assert_eq!(entries(&dir.path().join("real")), ["p.kaidan.ron"]);
    assert_eq!(entries(dir.path()), ["link.kaidan.ron", "real"]);
}

#[test]
fn loading_a_temporary_file_is_refused_naming_its_project() {
    let dir = tempdir();
    // Even a complete, valid project text: a temporary file is never taken for a project.
    let temp = write(dir.path(), ".teinei.kaidan.ron.k7Q2pX.tmp", TEINEI);
    let err = load_err(&temp);
    let project = dir.path().join("teinei.kaidan.ron");
    assert!(
        matches!(&err, LoadError::TemporaryFile { project: p, .. } if p == &project),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: a temporary file left by an interrupted save, not a project; the project is {}",
            temp.display(),
            project.display()
        )
    );
    assert_eq!(
        err.localize(Lang::Ja),
        format!(
            "{}: 保存が中断されて残った一時ファイルで、プロジェクトではありません。プロジェクトは {} です",
            temp.display(),
            project.display()
        )
    );
    // A name of another shape is read as a project.
    let not_temp = write(dir.path(), ".teinei.kaidan.ron.k7Q2pXX.tmp", TEINEI);
    load_ok(&not_temp);
}

// ---------------------------------------------------------------- messages name the user's file

#[cfg(unix)]
#[test]
fn save_errors_name_the_users_file_never_a_temporary_one() {
    let dir = tempdir();
    let folder = dir.path().join("folder.kaidan.ron");
    fs::create_dir(&folder).expect("mkdir");
    let link_to_folder = dir.path().join("to-folder.kaidan.ron");
    symlink("folder.kaidan.ron", &link_to_folder);
    let missing = dir.path().join("missing").join("x.kaidan.ron");
    let read_only = write(dir.path(), "ro.kaidan.ron", "old");
    chmod(&read_only, 0o444);
    // A folder that is a link to itself: the system's error is about the temporary file.
    symlink("loop", &dir.path().join("loop"));
    let in_loop = dir.path().join("loop").join("x.kaidan.ron");

    for path in [&folder, &link_to_folder, &missing, &read_only, &in_loop] {
        let err = io::write_atomically(path, b"new").expect_err("cannot be written");
        for (lang, text) in [
            (Lang::En, err.to_string()),
            (Lang::Ja, err.localize(Lang::Ja)),
        ] {
            assert!(
                text.contains(&path.display().to_string()),
                "{lang:?} names {}: {text}",
                path.display()
            );
            assert_no_temporary_name(&text, path);
        }
    }
    let err = io::write_atomically(&link_to_folder, b"new").expect_err("a folder");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save {} (a link to {}): it is a folder",
            link_to_folder.display(),
            folder.display()
        )
    );
    let err = io::write_atomically(&in_loop, b"new").expect_err("a loop");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save {}: the symbolic links go round in a loop",
            in_loop.display()
        )
    );
    assert_eq!(
        err.localize(Lang::Ja),
        format!(
            "{} に保存できません（シンボリックリンクが循環しています）",
            in_loop.display()
        )
    );
    assert!(folder.is_dir() && entries(&folder).is_empty());
    assert_eq!(fs::read_to_string(&read_only).expect("read"), "old");
    assert_eq!(
        entries(dir.path()),
        [
            "folder.kaidan.ron",
            "loop",
            "ro.kaidan.ron",
            "to-folder.kaidan.ron"
        ]
    );
}

#[cfg(unix)]
#[test]
fn saving_as_root_keeps_the_owner_of_the_replaced_file() {
    use std::os::unix::fs::MetadataExt;
    if !running_as_root() {
        return; // only root may give a file to another user
    }
    let dir = tempdir();
    let path = write(dir.path(), "users.kaidan.ron", TEINEI);
    std::os::unix::fs::chown(&path, Some(1234), Some(5678)).expect("chown");
    io::save(&path, &Journey::blank("x")).expect("save");
    let meta = fs::metadata(&path).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (1234, 5678));
}

/// Saves racing on one project (two windows, or a script and the app): each save's
/// clean-up must never take another's live temporary file, so every save succeeds, the
/// file is always one whole version, and nothing is left over.
#[test]
fn concurrent_saves_of_one_project_all_succeed_and_leave_one_whole_file() {
    let dir = tempdir();
    let path = dir.path().join("p.kaidan.ron");
    let versions: Vec<String> = (0..4)
        .map(|i| io::to_string(&Journey::blank(format!("版 {i}"))))
        .collect();
    std::thread::scope(|scope| {
        for text in &versions {
            let path = &path;
            scope.spawn(move || {
                for _ in 0..50 {
                    io::write_atomically(path, text.as_bytes()).expect("every save succeeds");
                    let now = fs::read_to_string(path).expect("read");
                    assert!(now.starts_with("(\n    format_version:"), "whole: {now}");
                }
            });
        }
    });
    let last = fs::read_to_string(&path).expect("read");
    assert!(versions.contains(&last), "one whole version: {last}");
    assert_eq!(entries(dir.path()), ["p.kaidan.ron"]);
}
