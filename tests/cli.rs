//! The built `kaidan` binary: `validate`, `fmt` (with and without `--check`), `info`
//! (text and `--json`), `initiatives` (CSV, table, `--department`, a closed pipe), `export
//! --department`, exit codes, where messages go, `--help` and `--version`; and how
//! `fmt`, `import-nps` and `export` write the files users really have (symbolic links,
//! read-only files).
//! The GUI (no subcommand) is never launched here.

use kaidan::io;
use kaidan::model::{Journey, StepId, StepKind};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const TEINEI: &str = include_str!("../examples/teinei.kaidan.ron");
const LOYALTY: &str = include_str!("../examples/loyalty-loop.kaidan.ron");

/// The same invalid journey as in `tests/files.rs`: two starts, unknown level, no goal,
/// a dangling link to s21 and a link back in time.
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

/// What the broken journey's messages must name.
const BROKEN_NAMES: [&str; 6] = [
    "s5 「宙に浮く段」",
    "l9",
    "s3 「知る前」",
    "s4 「もう一つの始まり」",
    "s21",
    "s6 「最後の段」",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// A copy of the すっぽん小町 example in `dir`, to import into.
fn teinei_copy(dir: &Path) -> PathBuf {
    let bytes = fs::read(example("teinei.kaidan.ron")).expect("example");
    write(dir, "p.kaidan.ron", bytes)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("create a temporary folder")
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write test file");
    path
}

/// Runs the built binary with `args` in `cwd` (or the test's own folder).
fn run_in(cwd: Option<&Path>, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kaidan");
    // Messages in English, whatever the locale of the machine running the tests.
    cmd.env_remove("LANGUAGE").env("LC_ALL", "C");
    for a in args {
        cmd.arg(a);
    }
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    cmd.output().expect("run kaidan")
}

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    run_in(None, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

fn load(path: &Path) -> Journey {
    io::load(path).unwrap_or_else(|e| panic!("{} should load: {e}", path.display()))
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

/// The teinei example with the same journey written out of canonical order and spacing:
/// steps s20 and s21 swapped, two links swapped, extra spaces and blank lines.
fn teinei_reordered() -> String {
    let block = |id: u64| format!("            (\n                id: {id},\n");
    let a = TEINEI.find(&block(20)).expect("s20");
    let b = TEINEI.find(&block(21)).expect("s21");
    let c = TEINEI.find(&block(22)).expect("s22");
    let swapped = format!(
        "{}{}{}{}",
        &TEINEI[..a],
        &TEINEI[b..c],
        &TEINEI[a..b],
        &TEINEI[c..]
    );
    let link = |from: u64, to: u64| {
        format!(
            "            (\n                from: {from},\n                to: {to},\n            ),\n"
        )
    };
    let swapped = replace_once(
        &swapped,
        &format!("{}{}", link(20, 21), link(20, 22)),
        &format!("{}{}", link(20, 22), link(20, 21)),
    );
    let spaced = replace_once(
        &swapped,
        &format!("format_version: {},", io::FORMAT_VERSION),
        &format!("format_version :  {} ,\n\n", io::FORMAT_VERSION),
    );
    replace_once(&spaced, "next_id: 44,", "next_id:44,   \n\n\n")
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_examples_prints_ok_per_file() {
    let (a, b) = (
        example("teinei.kaidan.ron"),
        example("loyalty-loop.kaidan.ron"),
    );
    let o = run(&[&"validate", &a, &b]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}: ok\n{}: ok\n", a.display(), b.display())
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn validate_broken_file_prints_every_problem_with_ids_and_exits_1() {
    let dir = tempdir();
    let path = write(dir.path(), "broken.kaidan.ron", BROKEN);
    let o = run(&[&"validate", &path]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("{}: ", path.display())),
        "names the file: {out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  - ")).count(),
        5,
        "one line per problem: {out}"
    );
    for name in BROKEN_NAMES {
        assert!(out.contains(name), "names {name:?}: {out}");
    }
    assert!(!out.contains(": ok"), "{out}");
}

#[test]
fn validate_mix_reports_each_file_and_exits_1() {
    let dir = tempdir();
    let good = example("teinei.kaidan.ron");
    let bad = write(dir.path(), "broken.kaidan.ron", BROKEN);
    let missing = dir.path().join("missing.kaidan.ron");
    let o = run(&[&"validate", &bad, &good, &missing]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let bad_at = out
        .find(&format!("{}: the journey breaks", bad.display()))
        .expect("the broken file is reported");
    let good_at = out
        .find(&format!("{}: ok\n", good.display()))
        .expect("the good file still says ok");
    let missing_at = out
        .find(&format!("{}: no such file", missing.display()))
        .expect("the missing file is reported");
    assert!(
        bad_at < good_at && good_at < missing_at,
        "in argument order: {out}"
    );
}

#[test]
fn validate_needs_at_least_one_file() {
    let o = run(&[&"validate"]);
    assert_eq!(code(&o), 2, "a usage error");
    assert!(stderr(&o).contains("required"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

// ---------------------------------------------------------------- fmt

#[test]
fn fmt_check_passes_on_the_canonical_examples_and_touches_nothing() {
    let dir = tempdir();
    let a = write(dir.path(), "teinei.kaidan.ron", TEINEI);
    let b = write(dir.path(), "loyalty.kaidan.ron", LOYALTY);
    let o = run(&[&"fmt", &"--check", &a, &b]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
    assert_eq!(fs::read_to_string(&a).expect("read"), TEINEI);
    assert_eq!(fs::read_to_string(&b).expect("read"), LOYALTY);
}

#[test]
fn fmt_check_fails_on_a_reordered_file_and_leaves_it_unchanged() {
    let dir = tempdir();
    let text = teinei_reordered();
    let path = write(dir.path(), "reordered.kaidan.ron", &text);
    assert_eq!(
        load(&path),
        load(&example("teinei.kaidan.ron")),
        "test set-up: the same journey"
    );
    let o = run(&[&"fmt", &"--check", &path]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!("{}: not in canonical form\n", path.display())
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "unchanged");
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        1,
        "nothing else written"
    );
}

#[test]
fn fmt_check_with_several_files_names_only_those_that_would_change() {
    let dir = tempdir();
    let canonical = write(dir.path(), "canonical.kaidan.ron", LOYALTY);
    let messy = write(dir.path(), "messy.kaidan.ron", teinei_reordered());
    let o = run(&[&"fmt", &"--check", &canonical, &messy]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!("{}: not in canonical form\n", messy.display())
    );
}

#[test]
fn fmt_rewrites_into_the_canonical_bytes_and_then_checks_clean() {
    let dir = tempdir();
    let path = write(dir.path(), "reordered.kaidan.ron", teinei_reordered());
    let expected = io::to_string(&load(&path));

    let o = run(&[&"fmt", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{}: formatted\n", path.display()));
    let written = fs::read_to_string(&path).expect("read");
    assert_eq!(written, expected);
    assert_eq!(written, TEINEI, "the example is canonical");

    let o = run(&[&"fmt", &"--check", &path]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn fmt_with_a_bare_file_name_works_in_the_current_folder() {
    let dir = tempdir();
    write(dir.path(), "here.kaidan.ron", teinei_reordered());
    let o = run_in(Some(dir.path()), &[&"fmt", &"here.kaidan.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("here.kaidan.ron")).expect("read"),
        TEINEI
    );
    assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
}

#[cfg(unix)]
#[test]
fn fmt_leaves_a_canonical_file_alone() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempdir();
    let path = write(dir.path(), "teinei.kaidan.ron", TEINEI);
    let before = fs::metadata(&path).expect("stat").ino();
    let o = run(&[&"fmt", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "nothing to report");
    let after = fs::metadata(&path).expect("stat").ino();
    assert_eq!(before, after, "not replaced by a rewritten copy");
}

#[test]
fn fmt_on_a_broken_file_fails_on_stderr_and_changes_nothing() {
    let dir = tempdir();
    let path = write(dir.path(), "broken.kaidan.ron", BROKEN);
    for args in [vec!["fmt"], vec!["fmt", "--check"]] {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = args
            .iter()
            .map(|a| a as &dyn AsRef<std::ffi::OsStr>)
            .collect();
        all.push(&path);
        let o = run(&all);
        assert_eq!(code(&o), 1, "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        for name in BROKEN_NAMES {
            assert!(err.contains(name), "{args:?} names {name:?}: {err}");
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), BROKEN);
    }
}

/// A write that fails part-way, made real with the file-size limit (`ulimit -f`, which
/// any user may lower): the write of the temporary file fails with "File too large".
/// Not a full disk, but the same path through the code: the original file must be
/// untouched and no temporary file left behind.
#[cfg(unix)]
#[test]
fn fmt_that_cannot_write_leaves_the_original_and_no_temporary_file() {
    let dir = tempdir();
    let text = teinei_reordered();
    assert!(
        text.len() > 4096,
        "test set-up: larger than the limit below"
    );
    let path = write(dir.path(), "project.kaidan.ron", &text);
    let o = std::process::Command::new("sh")
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .arg("-c")
        // Ignore SIGXFSZ so the write returns an error instead of killing the process;
        // `ulimit -f` counts 512-byte blocks: 2 KiB.
        .arg("trap '' XFSZ; ulimit -f 4 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin!("kaidan"))
        .arg("fmt")
        .arg(&path)
        .output()
        .expect("run kaidan under sh");
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.starts_with(&format!("cannot save {}: ", path.display())),
        "{err}"
    );
    assert_eq!(stdout(&o), "");
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "untouched");
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        1,
        "no temporary file left"
    );
}

// ---------------------------------------------------------------- links and read-only files

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("create a symbolic link");
}

#[cfg(unix)]
fn assert_link(link: &Path, to: &str) {
    let meta = fs::symlink_metadata(link).expect("the link exists");
    assert!(
        meta.file_type().is_symlink(),
        "{} is still a link",
        link.display()
    );
    assert_eq!(fs::read_link(link).expect("read link"), Path::new(to));
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o444)).expect("chmod");
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn fmt_through_a_symlink_rewrites_the_target_and_keeps_the_link() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    let target = write(&dir.path().join("real"), "p.kaidan.ron", teinei_reordered());
    let link = dir.path().join("link.kaidan.ron");
    symlink("real/p.kaidan.ron", &link);

    let o = run(&[&"fmt", &link]);

    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_link(&link, "real/p.kaidan.ron");
    assert_eq!(fs::read_to_string(&target).expect("read"), TEINEI);
    assert_eq!(names_in(&dir.path().join("real")), ["p.kaidan.ron"]);
}

#[cfg(unix)]
#[test]
fn fmt_on_a_read_only_file_fails_naming_it_and_changes_nothing() {
    let dir = tempdir();
    let text = teinei_reordered();
    let path = write(dir.path(), "ro.kaidan.ron", &text);
    make_read_only(&path);

    let o = run(&[&"fmt", &path]);

    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!(
            "cannot save {}: the file is read-only and was left unchanged; save under another name or allow writing to it\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    assert_eq!(names_in(dir.path()), ["ro.kaidan.ron"], "no temporary file");
}

#[cfg(unix)]
#[test]
fn import_nps_onto_a_read_only_output_is_refused_and_writes_nothing() {
    let dir = tempdir();
    let project = write(dir.path(), "p.kaidan.ron", TEINEI);
    let csv = write(dir.path(), "answers.csv", "step,score\ns23,9\ns23,3\n");
    let out = write(dir.path(), "out.kaidan.ron", LOYALTY);
    make_read_only(&out);

    let o = run(&[
        &"import-nps",
        &project,
        &csv,
        &"--wave",
        &"第1回",
        &"-o",
        &out,
    ]);

    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "cannot save {}: the file is read-only",
            out.display()
        )),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&out).expect("read"),
        LOYALTY,
        "unchanged"
    );
    assert_eq!(fs::read_to_string(&project).expect("read"), TEINEI);
    assert_eq!(
        names_in(dir.path()),
        ["answers.csv", "out.kaidan.ron", "p.kaidan.ron"]
    );
}

#[cfg(unix)]
#[test]
fn import_nps_through_a_symlinked_project_updates_the_target() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    let target = write(&dir.path().join("real"), "p.kaidan.ron", TEINEI);
    let link = dir.path().join("link.kaidan.ron");
    symlink(&target, &link);
    let csv = write(dir.path(), "answers.csv", "step,score\ns23,9\ns23,3\n");

    let o = run(&[&"import-nps", &link, &csv, &"--wave", &"第1回"]);

    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_link(&link, &target.display().to_string());
    let journey = load(&target);
    assert!(
        journey.surveys.waves.iter().any(|w| w.name == "第1回"),
        "the import is in the target"
    );
    assert_eq!(names_in(&dir.path().join("real")), ["p.kaidan.ron"]);
}

#[cfg(unix)]
#[test]
fn export_through_a_symlink_writes_the_png_it_leads_to() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("slides")).expect("mkdir");
    let target = write(&dir.path().join("slides"), "map.png", "old");
    let link = dir.path().join("map.png");
    symlink("slides/map.png", &link);

    let o = run(&[&"export", &example("teinei.kaidan.ron"), &"-o", &link]);

    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_link(&link, "slides/map.png");
    let png = fs::read(&target).expect("read");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "the target is the PNG"
    );
    assert_eq!(names_in(&dir.path().join("slides")), ["map.png"]);
}

#[cfg(unix)]
#[test]
fn export_onto_a_read_only_png_is_refused_and_leaves_it() {
    let dir = tempdir();
    let png = write(dir.path(), "map.png", "the slide everyone approved");
    make_read_only(&png);

    let o = run(&[&"export", &example("teinei.kaidan.ron"), &"-o", &png]);

    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "cannot save {}: the file is read-only",
            png.display()
        )),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&png).expect("read"),
        "the slide everyone approved"
    );
    assert_eq!(names_in(dir.path()), ["map.png"], "no temporary file");
}

/// A save really killed mid-write: the file-size limit's signal (SIGXFSZ, left at its
/// default) ends `kaidan fmt` while it writes its temporary file, as a crash or `kill -9`
/// would. The project is untouched, the half-written temporary file is left; the next
/// save removes it, and it never loads as a project.
#[cfg(unix)]
#[test]
fn a_save_killed_mid_write_leaves_a_temporary_file_that_the_next_save_removes() {
    let dir = tempdir();
    let text = teinei_reordered();
    let path = write(dir.path(), "project.kaidan.ron", &text);
    let o = std::process::Command::new("sh")
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .arg("-c")
        .arg("ulimit -c 0; ulimit -f 4 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin!("kaidan"))
        .arg("fmt")
        .arg(&path)
        .output()
        .expect("run kaidan under sh");
    assert_eq!(o.status.code(), None, "killed by a signal: {o:?}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "untouched");
    let names = names_in(dir.path());
    assert_eq!(
        names.len(),
        2,
        "the project and a temporary file: {names:?}"
    );
    let temp = dir.path().join(&names[0]);
    assert!(names[0].starts_with(".project.kaidan.ron."), "{names:?}");
    assert_eq!(
        fs::metadata(&temp).expect("stat").len(),
        2048,
        "half-written"
    );

    let o = run(&[&"validate", &temp]);
    assert_eq!(code(&o), 1, "not a project: {}", stdout(&o));

    let o = run(&[&"fmt", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).expect("read"), TEINEI);
    assert_eq!(names_in(dir.path()), ["project.kaidan.ron"], "removed");
}

/// The system's error for a folder that is a loop of links is about the temporary file;
/// the message names the output the user asked for.
#[cfg(unix)]
#[test]
fn import_nps_into_a_folder_that_loops_names_the_output_not_a_temporary_file() {
    let dir = tempdir();
    let project = write(dir.path(), "p.kaidan.ron", TEINEI);
    let csv = write(dir.path(), "answers.csv", "step,score\ns23,9\n");
    symlink("loop", &dir.path().join("loop"));
    let out = dir.path().join("loop").join("out.kaidan.ron");

    let o = run(&[&"import-nps", &project, &csv, &"--wave", &"w", &"-o", &out]);

    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        format!(
            "cannot save {}: the symbolic links go round in a loop\n",
            out.display()
        )
    );
    assert_eq!(fs::read_to_string(&project).expect("read"), TEINEI);
}

#[test]
fn validate_refuses_a_temporary_file_naming_its_project() {
    let dir = tempdir();
    let temp = write(dir.path(), ".p.kaidan.ron.Ab12Cd.tmp", TEINEI);
    let o = run(&[&"validate", &temp]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("temporary file")
            && out.contains(&dir.path().join("p.kaidan.ron").display().to_string()),
        "{out}"
    );
}

// ---------------------------------------------------------------- info

/// Value of the `key:` line of `info`'s text output.
fn field<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.trim_start().strip_prefix(key)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {key:?} line in {out}"))
        .trim()
}

/// Descending links counted from level positions, independently of the library's own
/// `is_descending`.
fn count_descending(j: &Journey) -> usize {
    let height = |id: StepId| {
        let step = j.steps.iter().find(|s| s.id == id).expect("linked step");
        j.levels
            .iter()
            .position(|l| l.id == step.level)
            .expect("known level")
    };
    j.links
        .iter()
        .filter(|l| height(l.to) < height(l.from))
        .count()
}

/// Number of steps on the longest chain of links from the start to a goal, by trying
/// every path (the examples are small).
fn longest_chain(j: &Journey) -> usize {
    fn walk(j: &Journey, at: StepId) -> Option<usize> {
        let here = j.steps.iter().find(|s| s.id == at).expect("step");
        let onward = j
            .links
            .iter()
            .filter(|l| l.from == at)
            .filter_map(|l| walk(j, l.to))
            .max();
        match (onward, here.kind) {
            (Some(n), _) => Some(n + 1),
            (None, StepKind::Goal) => Some(1),
            (None, _) => None,
        }
    }
    let start = j
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Start)
        .expect("a start");
    walk(j, start.id).expect("a goal is reachable")
}

/// Checks `ids` is a chain of links from the start to a goal, as long as any.
fn assert_longest_path(j: &Journey, ids: &[StepId]) {
    let kind = |id: StepId| j.step(id).expect("path step exists").kind;
    assert_eq!(kind(ids[0]), StepKind::Start, "{ids:?}");
    assert_eq!(kind(ids[ids.len() - 1]), StepKind::Goal, "{ids:?}");
    for pair in ids.windows(2) {
        assert!(
            j.links.iter().any(|l| (l.from, l.to) == (pair[0], pair[1])),
            "{} → {} is not a link",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(ids.len(), longest_chain(j), "{ids:?} is not the longest");
}

#[test]
fn info_prints_counts_and_the_longest_path() {
    for name in ["teinei.kaidan.ron", "loyalty-loop.kaidan.ron"] {
        let path = example(name);
        let j = load(&path);
        let o = run(&[&"info", &path]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(out.lines().next(), Some(j.title.as_str()), "{out}");
        assert_eq!(field(&out, "phases"), j.phases.len().to_string(), "{out}");
        assert_eq!(field(&out, "levels"), j.levels.len().to_string(), "{out}");
        assert_eq!(field(&out, "steps"), j.steps.len().to_string(), "{out}");
        assert_eq!(field(&out, "links"), j.links.len().to_string(), "{out}");
        assert_eq!(
            field(&out, "descending branches"),
            count_descending(&j).to_string(),
            "{out}"
        );

        let path_line = field(&out, "longest path");
        let (count, titles) = path_line
            .split_once(" steps: ")
            .unwrap_or_else(|| panic!("\"N steps: …\" in {path_line:?}"));
        let titles: Vec<&str> = titles.split(" → ").collect();
        assert_eq!(count, titles.len().to_string(), "{path_line}");
        let ids: Vec<StepId> = titles
            .iter()
            .map(|t| {
                j.steps
                    .iter()
                    .find(|s| s.title == *t)
                    .unwrap_or_else(|| panic!("{t:?} is a step title"))
                    .id
            })
            .collect();
        assert_longest_path(&j, &ids);
    }
}

#[test]
fn info_on_teinei_has_the_documented_figures() {
    let o = run(&[&"info", &example("teinei.kaidan.ron")]);
    let out = stdout(&o);
    for (key, value) in [
        ("phases", "5"),
        ("levels", "7"),
        ("steps", "17"),
        ("links", "19"),
        ("descending branches", "2"),
    ] {
        assert_eq!(field(&out, key), value, "{key} in {out}");
    }
}

#[test]
fn info_json_has_counts_every_step_and_the_longest_path() {
    for name in ["teinei.kaidan.ron", "loyalty-loop.kaidan.ron"] {
        let path = example(name);
        let j = load(&path);
        let o = run(&[&"info", &path, &"--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");

        assert_eq!(v["title"], j.title.as_str());
        assert_eq!(v["phases"], j.phases.len());
        assert_eq!(v["levels"], j.levels.len());
        assert_eq!(v["steps"], j.steps.len());
        assert_eq!(v["links"], j.links.len());
        assert_eq!(v["descending_branches"], count_descending(&j));

        let list = v["step_list"].as_array().expect("step_list is an array");
        assert_eq!(list.len(), j.steps.len());
        for s in &j.steps {
            let entry = list
                .iter()
                .find(|e| e["id"] == s.id.0)
                .unwrap_or_else(|| panic!("{} in step_list", s.id));
            let level = j.level(s.level).expect("level");
            assert_eq!(entry["title"], s.title.as_str(), "{}", s.id);
            assert_eq!(entry["level"], level.label.as_str(), "{}", s.id);
            assert_eq!(entry["t"], s.t, "{}", s.id);
            assert_eq!(entry["purchase"], s.purchase, "{}", s.id);
        }

        let path_ids: Vec<StepId> = v["longest_path"]
            .as_array()
            .expect("longest_path is an array")
            .iter()
            .map(|p| {
                let id = StepId(p["id"].as_u64().expect("numeric id"));
                assert_eq!(p["title"], j.step(id).expect("step").title.as_str());
                id
            })
            .collect();
        assert_longest_path(&j, &path_ids);
    }
}

#[test]
fn info_on_a_broken_file_fails_with_the_error_on_stderr() {
    let dir = tempdir();
    let path = write(dir.path(), "broken.kaidan.ron", BROKEN);
    for json in [false, true] {
        let o = if json {
            run(&[&"info", &"--json", &path])
        } else {
            run(&[&"info", &path])
        };
        assert_eq!(code(&o), 1, "json {json}");
        assert_eq!(stdout(&o), "", "json {json}");
        let err = stderr(&o);
        for name in BROKEN_NAMES {
            assert!(err.contains(name), "json {json}: names {name:?}: {err}");
        }
    }
}

#[test]
fn info_on_a_syntax_error_or_missing_file_fails_with_the_position_on_stderr() {
    let dir = tempdir();
    let text = replace_once(
        TEINEI,
        &format!("format_version: {},", io::FORMAT_VERSION),
        &format!("format_version: {}", io::FORMAT_VERSION),
    );
    let bad = write(dir.path(), "syntax.kaidan.ron", text);
    let o = run(&[&"info", &bad]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with(&format!("{}:3:5: ", bad.display())),
        "{}",
        stderr(&o)
    );

    let missing = dir.path().join("missing.kaidan.ron");
    let o = run(&[&"info", &missing]);
    assert_eq!(code(&o), 1);
    assert_eq!(stderr(&o), format!("{}: no such file\n", missing.display()));
}

// ---------------------------------------------------------------- initiatives

/// Runs the built binary in a Japanese locale.
fn run_ja(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kaidan");
    cmd.env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", "ja_JP.UTF-8");
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("run kaidan")
}

const INITIATIVE_COLUMNS: [&str; 9] = [
    "step_id",
    "step",
    "phase",
    "level",
    "department",
    "kind",
    "status",
    "text",
    "note",
];

/// The header and rows of CSV output, parsed by the csv crate.
fn csv_of(o: &Output) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// `(step id, text)` of every initiative of `department` (or all), computed from the journey
/// itself: steps by time then id, a step's initiatives in list order.
fn expected_initiatives(j: &Journey, department: Option<&str>) -> Vec<(String, String)> {
    let id = department.map(|name| {
        j.departments
            .iter()
            .find(|d| d.name == name)
            .expect("test set-up: the department exists")
            .id
    });
    let mut steps: Vec<_> = j.steps.iter().collect();
    steps.sort_by(|a, b| a.t.total_cmp(&b.t).then(a.id.cmp(&b.id)));
    steps
        .into_iter()
        .flat_map(|s| {
            s.initiatives
                .iter()
                .filter(move |i| id.is_none() || i.department == id)
                .map(move |i| (s.id.to_string(), i.text.clone()))
        })
        .collect()
}

#[test]
fn initiatives_csv_has_a_row_per_initiative_in_journey_order() {
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    let o = run(&[&"initiatives", &path, &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let (header, rows) = csv_of(&o);
    assert_eq!(header, INITIATIVE_COLUMNS);

    let count: usize = j.steps.iter().map(|s| s.initiatives.len()).sum();
    assert!(count > 1, "test set-up: teinei has initiatives");
    assert_eq!(rows.len(), count);
    let expected = expected_initiatives(&j, None);
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[7].clone())).collect();
    assert_eq!(got, expected);

    // The first row is the earliest step's (with an initiative), with its names.
    let first = j
        .steps
        .iter()
        .filter(|s| !s.initiatives.is_empty())
        .min_by(|a, b| a.t.total_cmp(&b.t).then(a.id.cmp(&b.id)))
        .expect("a step with initiatives");
    let row = &rows[0];
    assert_eq!(row[0], first.id.to_string());
    assert_eq!(row[1], first.title);
    let phase = j
        .phases
        .iter()
        .find(|p| p.start <= first.t && first.t < p.end)
        .map_or("", |p| p.name.as_str());
    assert_eq!(row[2], phase);
    let level = j
        .levels
        .iter()
        .find(|l| l.id == first.level)
        .expect("level");
    assert_eq!(row[3], level.label);
    let owner = first.initiatives[0].department.expect("owned");
    let owner = j.departments.iter().find(|d| d.id == owner).expect("dept");
    assert_eq!(row[4], owner.name);

    // Kind and status are the stable English keys, whatever the locale.
    for row in &rows {
        assert!(
            ["initiative", "message"].contains(&row[5].as_str()),
            "{row:?}"
        );
        assert!(
            ["idea", "planned", "running", "done"].contains(&row[6].as_str()),
            "{row:?}"
        );
    }
    let ja = run_ja(&[&"initiatives", &path, &"--format", &"csv"]);
    assert_eq!(ja.stdout, o.stdout, "CSV is the same in every locale");
    // A note with a comma or quote would be quoted: the notes come back whole.
    let notes: Vec<&str> = j
        .journey_order()
        .into_iter()
        .flat_map(|s| s.initiatives.iter().map(|i| i.note.as_str()))
        .collect();
    let got: Vec<&str> = rows.iter().map(|r| r[8].as_str()).collect();
    assert_eq!(got, notes);
}

#[test]
fn initiatives_csv_quotes_commas_quotes_and_line_breaks() {
    let dir = tempdir();
    let mut j = load(&example("teinei.kaidan.ron"));
    let tricky = "電話で, \"ていねいに\"\n伺う";
    let step = j
        .steps
        .iter_mut()
        .find(|s| !s.initiatives.is_empty())
        .expect("a step with initiatives");
    step.initiatives[0].note = tricky.to_owned();
    let id = step.id.to_string();
    let path = dir.path().join("tricky.kaidan.ron");
    io::save(&path, &j).expect("save");
    let o = run(&[&"initiatives", &path, &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (_, rows) = csv_of(&o);
    let row = rows.iter().find(|r| r[0] == id).expect("its row");
    assert_eq!(row[8], tricky);
}

#[test]
fn initiatives_of_one_department_are_only_its_rows() {
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    let expected = expected_initiatives(&j, Some("CRM部"));
    assert!(
        expected.len() > 1 && expected.len() < expected_initiatives(&j, None).len(),
        "test set-up: CRM部 has some of the initiatives"
    );
    // The exact name; padded; in another case and width (NFKC, case-insensitive).
    for name in ["CRM部", "  CRM部 ", "crm部", "ＣＲＭ部"] {
        let o = run(&[
            &"initiatives",
            &path,
            &"--department",
            &name,
            &"--format",
            &"csv",
        ]);
        assert_eq!(code(&o), 0, "{name:?}: {}", stderr(&o));
        let (header, rows) = csv_of(&o);
        assert_eq!(header, INITIATIVE_COLUMNS);
        assert!(rows.iter().all(|r| r[4] == "CRM部"), "{name:?}: {rows:?}");
        let got: Vec<(String, String)> =
            rows.iter().map(|r| (r[0].clone(), r[7].clone())).collect();
        assert_eq!(got, expected, "{name:?}");
    }
}

#[test]
fn initiatives_of_an_unknown_department_fail_listing_the_departments() {
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    for format in ["table", "csv"] {
        let o = run(&[
            &"initiatives",
            &path,
            &"--department",
            &"広報部",
            &"--format",
            &format,
        ]);
        assert_eq!(code(&o), 1, "{format}");
        assert_eq!(stdout(&o), "", "{format}");
        let err = stderr(&o);
        assert!(err.contains("no department called 「広報部」"), "{err}");
        for d in &j.departments {
            assert!(err.contains(&d.name), "names {}: {err}", d.name);
        }
    }
    let o = run_ja(&[&"initiatives", &path, &"--department", &"広報部"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("部署「広報部」はありません"), "{err}");
    assert!(err.contains("コールセンター"), "{err}");
}

#[test]
fn initiatives_of_a_name_two_departments_fold_to_fail_naming_both() {
    let dir = tempdir();
    let mut j = load(&example("teinei.kaidan.ron"));
    let mut wide = j.departments[0].clone();
    wide.id = kaidan::model::DepartmentId(j.next_id);
    wide.name = "ＣＲＭ部".to_owned();
    j.next_id += 1;
    j.departments.push(wide);
    let path = dir.path().join("two.kaidan.ron");
    io::save(&path, &j).expect("save");

    let o = run(&[&"initiatives", &path, &"--department", &"crm部"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("CRM部, ＣＲＭ部"), "{err}");
    assert!(err.contains("exact name"), "{err}");
    // The exact name still finds its own.
    let o = run(&[&"initiatives", &path, &"--department", &"ＣＲＭ部"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn initiatives_of_a_broken_or_missing_file_fail_like_the_other_commands() {
    let dir = tempdir();
    let broken = write(dir.path(), "broken.kaidan.ron", BROKEN);
    let o = run(&[&"initiatives", &broken]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("s21"), "{}", stderr(&o));

    let missing = dir.path().join("missing.kaidan.ron");
    let o = run(&[&"initiatives", &missing, &"--format", &"csv"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), format!("{}: no such file\n", missing.display()));
}

#[test]
fn initiatives_table_in_japanese_has_aligned_columns_with_departments_and_status_words() {
    use unicode_width::UnicodeWidthStr as _;
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    let o = run_ja(&[&"initiatives", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], j.title, "the title first");
    assert!(lines[1].contains("部署"), "a Japanese header: {out}");
    let count: usize = j.steps.iter().map(|s| s.initiatives.len()).sum();
    assert_eq!(lines.len(), 2 + count, "{out}");
    assert!(out.contains("CRM部"), "{out}");
    assert!(out.contains("実施中"), "status in Japanese: {out}");
    assert!(out.contains("メッセージ"), "kind in Japanese: {out}");
    assert!(
        !out.contains("running") && !out.contains("Running"),
        "{out}"
    );

    // Each row's department starts in the header's 部署 column (terminal columns: a kanji
    // takes two).
    let column = |line: &str, at: usize| line[..at].width();
    let header_at = column(lines[1], lines[1].find("部署").expect("部署"));
    for line in &lines[2..] {
        let at = j
            .departments
            .iter()
            .find_map(|d| line.find(&format!("  {}  ", d.name)).map(|i| i + 2))
            .unwrap_or_else(|| panic!("a department in {line:?}"));
        assert_eq!(column(line, at), header_at, "{line:?}\n{out}");
    }

    let o = run_ja(&[&"initiatives", &path, &"--department", &"CRM部"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{} — CRM部\n", j.title)), "{out}");
    assert!(!out.contains("コールセンター"), "{out}");

    // English words in the C locale.
    let o = run(&[&"initiatives", &path]);
    let out = stdout(&o);
    assert!(
        out.contains("Running") && out.contains("department"),
        "{out}"
    );
}

/// Runs `kaidan initiatives` on a project listing far more than a pipe holds, reads one
/// line and closes the pipe: what `kaidan initiatives … | head -1` does.
#[cfg(unix)]
fn initiatives_into_a_closed_pipe(path: &Path, format: &str) -> Output {
    into_a_closed_pipe(&[
        "initiatives".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ])
}

/// Runs kaidan with `args`, reads one line of its output and closes the pipe: what
/// `kaidan … | head -1` does.
#[cfg(unix)]
fn into_a_closed_pipe(args: &[&std::ffi::OsStr]) -> Output {
    use std::io::BufRead as _;
    let format = format!("{args:?}");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("kaidan"))
        .env_remove("LANGUAGE")
        .env("LC_ALL", "C")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run kaidan");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read a line");
    assert!(!first.is_empty(), "{format}: a first line");
    // The reader (and with it the pipe) is gone here.
    child.wait_with_output().expect("wait for kaidan")
}

#[cfg(unix)]
#[test]
fn initiatives_into_a_closed_pipe_end_quietly() {
    let dir = tempdir();
    let mut j = load(&example("teinei.kaidan.ron"));
    let long = "ていねいな施策の説明".repeat(20);
    let step = j
        .steps
        .iter_mut()
        .find(|s| s.initiatives.is_empty())
        .expect("a step");
    step.initiatives = (0..1000)
        .map(|i| kaidan::model::Initiative {
            text: format!("{i}: {long}"),
            ..Default::default()
        })
        .collect();
    let path = dir.path().join("many.kaidan.ron");
    io::save(&path, &j).expect("save");
    for format in ["table", "csv"] {
        let o = initiatives_into_a_closed_pipe(&path, format);
        assert_eq!(stderr(&o), "", "{format}: no Broken pipe message");
        assert_eq!(code(&o), 0, "{format}");
    }
}

#[cfg(unix)]
#[test]
fn every_listing_into_a_closed_pipe_ends_quietly() {
    // 3,000 steps: more of every listing than a pipe holds.
    let dir = tempdir();
    let path = dir.path().join("big.kaidan.ron");
    io::save(&path, &kaidan::model::synthetic::journey(3_000, 7)).expect("save");
    for args in [
        vec!["info", "--json"],
        vec!["info"],
        vec!["validate"],
        vec!["initiatives"],
    ] {
        let mut all: Vec<&std::ffi::OsStr> = vec![args[0].as_ref(), path.as_os_str()];
        all.extend(args[1..].iter().map(std::ffi::OsStr::new));
        let o = into_a_closed_pipe(&all);
        assert_eq!(stderr(&o), "", "{args:?}: no Broken pipe message");
        assert_eq!(code(&o), 0, "{args:?}");
    }
}

#[test]
fn export_layers_empty_means_no_optional_layer_and_an_unknown_one_is_named() {
    let dir = tempdir();
    let path = example("teinei.kaidan.ron");
    let title = load(&path).title;
    let pdf_text = |layers: &str| {
        let out = dir.path().join(format!("l{}.pdf", layers.len()));
        let o = run(&[
            &"export",
            &path,
            &"-o",
            &out,
            &"--layers",
            &layers,
            &"--date",
            &"2026-11-26",
        ]);
        assert_eq!(code(&o), 0, "{layers:?}: {}", stderr(&o));
        pdf_extract::extract_text(&out).expect("the PDF's text")
    };
    let squeeze = |t: String| t.split_whitespace().collect::<String>();
    let squeezed_title = title.split_whitespace().collect::<String>();
    assert!(squeeze(pdf_text("title, legend")).contains(&squeezed_title));
    let none = squeeze(pdf_text(""));
    assert!(!none.contains(&squeezed_title), "no title block");
    assert!(!none.contains("凡例"), "no legend");
    assert!(!none.contains("リピート率"), "no KPI lane");
    let kpi = squeeze(pdf_text("kpi"));
    let wave = load(&path).flows.pop().expect("the example's flow waves");
    assert!(
        kpi.contains("リピート率") && kpi.contains(&format!("顧客フロー「{}」", wave.name)),
        "the KPI lane and where its figures come from: {kpi}"
    );
    // --flow-wave chooses the wave the lane shows; an unknown one is named.
    let older = load(&path).flows.remove(0);
    let out = dir.path().join("older.pdf");
    let o = run(&[
        &"export",
        &path,
        &"-o",
        &out,
        &"--layers",
        &"kpi",
        &"--flow-wave",
        &older.name,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = squeeze(pdf_extract::extract_text(&out).expect("the PDF's text"));
    assert!(
        text.contains(&format!("顧客フロー「{}」", older.name)),
        "{text}"
    );
    let o = run(&[
        &"export",
        &path,
        &"-o",
        &dir.path().join("none.pdf"),
        &"--flow-wave",
        &"2024年",
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("「2024年」"), "{}", stderr(&o));
    assert!(!dir.path().join("none.pdf").exists());
    // The legend says, each whole, what the flow layer's widths, shares and drops mean.
    let legend = squeeze(pdf_text("flow,legend"));
    for words in [
        format!("線の太さ=顧客数（{}）", wave.name),
        "分岐でそのステップから進んだ顧客の割合".to_owned(),
        "そこで旅が終わった顧客数".to_owned(),
    ] {
        assert!(legend.contains(&words), "{words} in {legend}");
    }
    let o = run(&[
        &"export",
        &path,
        &"-o",
        &dir.path().join("x.png"),
        &"--layers",
        &"emotions,foo",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("「foo」") && stderr(&o).contains("initiatives"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------- export --department

fn png_pixels(path: &Path) -> image::RgbaImage {
    image::open(path)
        .unwrap_or_else(|e| panic!("{} is a PNG: {e}", path.display()))
        .to_rgba8()
}

#[test]
fn export_with_a_department_fades_the_others() {
    let dir = tempdir();
    let path = example("teinei.kaidan.ron");
    let export = |out: &Path, department: Option<&str>| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
            &"export",
            &path,
            &"-o",
            &out,
            &"--width",
            &"960",
            &"--height",
            &"540",
            &"--date",
            &"2026-01-01",
        ];
        if let Some(d) = &department {
            args.extend([&"--department" as &dyn AsRef<std::ffi::OsStr>, d]);
        }
        let o = run(&args);
        assert_eq!(code(&o), 0, "{department:?}: {}", stderr(&o));
        png_pixels(out)
    };
    let plain = export(&dir.path().join("plain.png"), None);
    let crm = export(&dir.path().join("crm.png"), Some("crm部"));
    assert_eq!(plain.dimensions(), (960, 540));
    assert_eq!(crm.dimensions(), plain.dimensions());

    let differing = plain
        .pixels()
        .zip(crm.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 24))
        .count();
    let share = differing as f64 / f64::from(960 * 540);
    assert!(
        share > 0.01,
        "only {:.2} % of the pixels changed",
        share * 100.0
    );
    // Fading blends towards the white page: the slide as a whole gets lighter.
    let ink = |img: &image::RgbaImage| -> u64 {
        img.pixels()
            .map(|p| p.0[..3].iter().map(|&c| u64::from(255 - c)).sum::<u64>())
            .sum()
    };
    assert!(
        ink(&crm) < ink(&plain),
        "the highlighted slide is fainter overall"
    );
}

#[test]
fn export_with_an_unknown_department_fails_and_writes_nothing() {
    let dir = tempdir();
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    let out = dir.path().join("slide.png");
    let o = run(&[&"export", &path, &"-o", &out, &"--department", &"広報部"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("no department called 「広報部」"), "{err}");
    for d in &j.departments {
        assert!(err.contains(&d.name), "names {}: {err}", d.name);
    }
    assert!(
        names_in(dir.path()).is_empty(),
        "{:?}",
        names_in(dir.path())
    );

    let deck = dir.path().join("deck.pdf");
    let o = run(&[
        &"export",
        &path,
        &"--deck",
        &"-o",
        &deck,
        &"--department",
        &"広報部",
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("no department called"),
        "{}",
        stderr(&o)
    );
    assert!(
        names_in(dir.path()).is_empty(),
        "{:?}",
        names_in(dir.path())
    );
}

// ---------------------------------------------------------------- help and version

#[test]
fn help_lists_the_subcommands() {
    let o = run(&[&"--help"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for sub in ["validate", "fmt", "info", "initiatives", "export"] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(&format!("{sub} "))),
            "{sub} listed in {out}"
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let o = run(&[&"--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        format!("kaidan {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn export_layers_switch_the_initiative_lanes_on_and_off() {
    let dir = tempdir();
    let path = example("teinei.kaidan.ron");
    let export = |out: &Path, layers: &str| {
        let o = run(&[
            &"export",
            &path,
            &"-o",
            &out,
            &"--width",
            &"960",
            &"--height",
            &"540",
            &"--date",
            &"2026-01-01",
            &"--layers",
            &layers,
        ]);
        assert_eq!(code(&o), 0, "{layers}: {}", stderr(&o));
        png_pixels(out)
    };
    let without = export(
        &dir.path().join("without.png"),
        "emotions,curve,nps,legend,title",
    );
    let with = export(
        &dir.path().join("with.png"),
        "emotions,curve,nps,legend,title,initiatives",
    );
    // The lanes take the bottom of the diagram: there, the slide with them has ink where
    // the other is page (or the diagram, larger, ends higher up).
    let differing = without
        .pixels()
        .zip(with.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 24))
        .count();
    let share = differing as f64 / f64::from(960 * 540);
    assert!(
        share > 0.05,
        "only {:.2} % of the pixels changed",
        share * 100.0
    );
    // The lanes are on by default: no --layers draws them.
    let out = dir.path().join("default.png");
    let o = run(&[
        &"export",
        &path,
        &"-o",
        &out,
        &"--width",
        &"960",
        &"--height",
        &"540",
        &"--date",
        &"2026-01-01",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(png_pixels(&out).as_raw(), with.as_raw());
}

#[test]
fn a_department_slide_says_whose_it_is_in_its_title() {
    let dir = tempdir();
    let out = dir.path().join("crm.pdf");
    let path = example("teinei.kaidan.ron");
    let o = run(&[&"export", &path, &"-o", &out, &"--department", &"CRM部"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_extract::extract_text(&out).expect("the PDF's text");
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let title = squeeze(&load(&path).title);
    assert!(
        squeeze(&text).contains(&format!("{title}—CRM部")),
        "the title names the department: {}",
        text.lines().take(3).collect::<Vec<_>>().join(" / ")
    );
}

// ---------------------------------------------------------------- votes

#[test]
fn votes_csv_ranks_the_sessions_items_most_votes_first_with_their_step_and_department() {
    let path = example("teinei.kaidan.ron");
    let j = load(&path);
    let session = j.session("優先施策の投票").expect("the example's vote");
    let o = run(&[&"votes", &path, &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (header, rows) = csv_of(&o);
    for column in ["session", "initiative", "step", "department", "votes"] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(
        rows.len(),
        session.items.len(),
        "a row per item put to the vote"
    );
    let votes: Vec<u32> = rows
        .iter()
        .map(|r| r[at("votes")].parse().expect("a number"))
        .collect();
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    assert_eq!(
        u64::from(votes.iter().sum::<u32>()),
        session.cast(),
        "every dot counted once"
    );
    // Each row is the file's tally, with the names of its step and its department.
    for row in &rows {
        assert_eq!(row[at("session")], "優先施策の投票");
        let tally = session
            .items
            .iter()
            .find(|t| t.initiative == row[at("initiative")])
            .expect("an item of the session");
        assert_eq!(row[at("votes")], tally.votes.to_string());
        let step = j.step(tally.step).expect("step");
        assert_eq!(row[at("step")], step.title);
        let owner = j.tally_initiative(tally).and_then(|i| i.department);
        let owner = owner.and_then(|d| j.department(d)).map_or("", |d| &d.name);
        assert_eq!(row[at("department")], owner);
    }
    assert_eq!(rows[0][at("initiative")], "7日分の無料サンプル");
}

#[test]
fn votes_of_one_session_name_it_and_an_unknown_one_fails_listing_the_sessions() {
    use kaidan::model::{Session, Subject};
    let dir = tempdir();
    let mut j = load(&example("teinei.kaidan.ron"));
    let mut items = j.vote_items(Subject::PainPoints);
    items[0].votes = 2;
    j.votes.push(Session {
        name: "痛みの投票".into(),
        subject: Subject::PainPoints,
        participants: 1,
        dots: 2,
        voted: 1,
        items,
        ..Session::default()
    });
    let path = dir.path().join("two.kaidan.ron");
    io::save(&path, &j).expect("save");
    let o = run(&[
        &"votes",
        &path,
        &"--session",
        &"痛みの投票",
        &"--format",
        &"csv",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (_, rows) = csv_of(&o);
    assert_eq!(rows.len(), j.vote_items(Subject::PainPoints).len());
    assert!(rows.iter().all(|r| r[0] == "痛みの投票"));
    // A pain point is its own item: no initiative, its step named.
    assert!(rows.iter().all(|r| r[3].is_empty() && !r[4].is_empty()));

    let both = run(&[&"votes", &path, &"--format", &"csv"]);
    let (_, all) = csv_of(&both);
    assert_eq!(all.len(), rows.len() + j.votes[0].items.len());

    let o = run(&[&"votes", &path, &"--session", &"なし"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.contains("なし") && err.contains("優先施策の投票") && err.contains("痛みの投票"),
        "{err}"
    );
}

#[test]
fn votes_table_speaks_japanese_and_a_project_without_votes_says_so() {
    let path = example("teinei.kaidan.ron");
    let o = run_ja(&[&"votes", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("優先施策の投票  2026-11-12") && lines[0].contains("8 人 × 3 ドット"),
        "{out}"
    );
    assert!(
        lines[1].contains("順位") && lines[1].contains("部署"),
        "{out}"
    );
    assert!(lines[2].contains("7日分の無料サンプル") && lines[2].contains("通販事業部"));
    let o = run(&[&"votes", &example("loyalty-loop.kaidan.ron")]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "(no voting sessions)\n");
}

#[test]
fn nps_table_columns_align_with_wide_japanese_titles() {
    use unicode_width::UnicodeWidthStr as _;
    let o = run_ja(&[&"nps", &example("teinei.kaidan.ron")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    // Rows: the confidence interval (after the title, n and the shares) starts in one
    // terminal column for every step, however wide its (Japanese) title; a kanji takes two.
    let ends: Vec<usize> = out
        .lines()
        .filter_map(|line| line.find(" [").map(|at| line[..at].width()))
        .collect();
    assert!(ends.len() > 5, "{out}");
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{out}");
}

// ---------------------------------------------------------------- customer flow

/// A hand-worked event log over the example: c1 samples, tries, buys and buys again; c2
/// samples and buys straight away (a move with no link); c3 only samples.
const EVENTS: &str = "顧客ID,ステップ,日付\r\n\
    c1,無料サンプルを申し込む,2026-03-01\r\n\
    c1,サンプルが届き、試してみる,2026-03-03\r\n\
    c1,初回限定価格で購入する,2026-03-10\r\n\
    c1,初回限定価格で購入する,2026-04-10\r\n\
    c2,無料サンプルを申し込む,2026-03-02\r\n\
    c2,初回限定価格で購入する,2026/3/20\r\n\
    c3,無料サンプルを申し込む,2026-03-05\r\n";

#[test]
fn import_events_counts_a_shift_jis_log_and_flow_and_kpi_list_it() {
    let dir = tempdir();
    let project = teinei_copy(dir.path());
    // Saved by Excel on Windows: Shift_JIS, CRLF.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(EVENTS);
    let log = write(dir.path(), "events.csv", sjis.as_ref());
    let o = run(&[&"import-events", &project, &log, &"--wave", &"2026年上期"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("3 customers"), "{}", stdout(&o));
    let j = load(&project);
    let w = j.flows.last().expect("a flow wave");
    assert_eq!(
        (w.name.as_str(), w.from.as_str(), w.to.as_str()),
        ("2026年上期", "2026-03-01", "2026-04-10")
    );

    let o = run(&[&"flow", &project, &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (header, rows) = csv_of(&o);
    assert_eq!(
        header,
        ["from", "to", "customers", "share_pct", "descending"]
    );
    assert_eq!(rows.len(), j.links.len(), "a row per link");
    let row = rows
        .iter()
        .find(|r| r[0] == "無料サンプルを申し込む")
        .expect("the sample's link");
    // c1 moved along it; c2 went to 購入 with no link, which the share leaves out.
    assert_eq!(
        row[1..],
        ["サンプルが届き、試してみる", "1", "100.0", "false"]
    );
    let down = rows
        .iter()
        .find(|r| r[0] == "定期コースに切り替える" && r[1] == "飽きて休止する");
    assert_eq!(down.expect("the descending link")[4], "true");

    let o = run(&[&"flow", &project]);
    let text = stdout(&o);
    assert!(
        text.contains("moves between steps with no link (1)"),
        "{text}"
    );

    let o = run(&[&"kpi", &project, &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (header, rows) = csv_of(&o);
    assert_eq!(
        header,
        [
            "step",
            "title",
            "customers",
            "ended_here",
            "repeat_rate_pct"
        ]
    );
    assert_eq!(rows[0][0], "overall");
    assert_eq!(rows[0][2], "3");
    assert_eq!(rows[0][4], "50.0", "c1 bought twice, c2 once");
    let sample = rows
        .iter()
        .find(|r| r[1] == "無料サンプルを申し込む")
        .expect("row");
    assert_eq!(sample[2..4], ["3", "1"], "3 customers, c3 ended there");
    assert_eq!(rows.len(), 1 + j.steps.len());

    // By phase, as the KPI lane: the sample's phase holds all three customers and both
    // purchases (c1 twice), against the example's wave before it.
    let o = run(&[&"kpi", &project, &"--by", &"phase", &"--format", &"csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (header, rows) = csv_of(&o);
    assert_eq!(
        header,
        [
            "phase",
            "name",
            "customers",
            "customers_change",
            "repeat_rate_pct",
            "repeat_rate_change_pt",
            "nps",
            "nps_change",
            "nps_change_significant",
            "recount"
        ]
    );
    assert_eq!(rows.len(), j.phases.len(), "a row per phase");
    let sample_step = j
        .steps
        .iter()
        .find(|s| s.title == "無料サンプルを申し込む")
        .expect("step");
    let phase = j.phase_at(sample_step.t).expect("its phase");
    let row = rows.iter().find(|r| r[1] == phase.name).expect("its row");
    let before = &j.flows[j.flows.len() - 2].phases[&phase.id];
    #[allow(clippy::cast_possible_wrap)]
    let change = 3 - before.customers as i64;
    let rate_change = 50.0 - before.repeat_rate().expect("a purchase phase");
    assert_eq!(row[2..4], ["3".to_owned(), change.to_string()]);
    assert_eq!(row[4..6], ["50.0".to_owned(), format!("{rate_change:.1}")]);
    assert_eq!(row[9], "false");
    let o = run(&[&"kpi", &project, &"--by", &"phase"]);
    let text = stdout(&o);
    assert!(text.contains("(changes since “2026年1〜9月”)"), "{text}");
    let o = run(&[&"kpi", &project, &"--by", &"phase", &"--survey", &"x"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("2026年春, 2026年秋"), "{}", stderr(&o));
}

/// A file that is not UTF-8 is read twice (checked, then decoded from the disk, so as never
/// to hold it twice); a pipe cannot be, and is decoded from the bytes already read.
#[cfg(unix)]
#[test]
fn import_events_reads_a_shift_jis_log_from_a_pipe() {
    let dir = tempdir();
    let project = teinei_copy(dir.path());
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(EVENTS);
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kaidan");
    cmd.env_remove("LANGUAGE").env("LC_ALL", "C");
    cmd.arg("import-events").arg(&project);
    cmd.args(["/dev/stdin", "--wave", "w"]);
    let o = cmd
        .write_stdin(sjis.into_owned())
        .output()
        .expect("run kaidan");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("3 customers"), "{}", stdout(&o));
    assert_eq!(load(&project).flows.last().expect("a wave").customers, 3);
}

#[test]
fn import_events_refuses_a_log_with_bad_rows_naming_their_lines_and_changes_nothing() {
    let dir = tempdir();
    let project = teinei_copy(dir.path());
    let before = std::fs::read(&project).expect("read");
    let log = write(
        dir.path(),
        "bad.csv",
        "customer,step,date\nc1,無料サンプルを申し込む,2026-02-30\nc2,どこでもない,2026-03-01\n",
    );
    let o = run(&[&"import-events", &project, &log, &"--wave", &"w"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("line 2") && err.contains("line 3"), "{err}");
    assert_eq!(
        std::fs::read(&project).expect("read"),
        before,
        "nothing written"
    );
    let o = run(&[&"kpi", &example("loyalty-loop.kaidan.ron")]);
    assert_eq!(code(&o), 1, "no flow there");
    assert!(stderr(&o).contains("import-events"), "{}", stderr(&o));
    let o = run(&[&"flow", &project, &"--wave", &"ない"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("2026年1〜9月"),
        "names the waves: {}",
        stderr(&o)
    );
}
