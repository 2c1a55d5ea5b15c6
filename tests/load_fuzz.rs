//! Loading never panics: random bytes, every truncation of the example files, random
//! byte mutations, deletions and insertions, and pathologically deep nesting all end
//! in `Ok` or a `LoadError` whose position lies inside the text.

use kaidan::io::{self, LoadError, Origin};
use proptest::prelude::*;
use proptest::sample::Index;

const TEINEI: &str = include_str!("../examples/teinei.kaidan.ron");
const LOYALTY: &str = include_str!("../examples/loyalty-loop.kaidan.ron");
const EXAMPLES: [&str; 2] = [TEINEI, LOYALTY];

/// Loads `bytes` and checks the outcome makes sense: a journey that loads is valid and
/// saves to text that loads back equal; an error has a message, and a line/column that
/// lie inside the text (the caret can point one past the end of a line, never further).
fn check(bytes: &[u8]) -> Result<(), LoadError> {
    let origin = Origin("<fuzz>".into());
    match io::from_bytes(bytes, &origin) {
        Ok(journey) => {
            let problems = journey.validate();
            assert!(problems.is_empty(), "loaded but invalid: {problems:?}");
            let text = io::to_string(&journey);
            let again = io::from_str(&text, &origin).expect("saved text loads back");
            assert_eq!(again, journey, "round trip after load");
            Ok(())
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with("<fuzz>"),
                "message names the origin: {message}"
            );
            if let LoadError::Syntax { line, column, .. }
            | LoadError::NotUtf8 { line, column, .. } = e
            {
                let text = String::from_utf8_lossy(bytes);
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                let lines: Vec<&str> = text.split('\n').collect();
                assert!(
                    (1..=lines.len()).contains(&line),
                    "line {line} outside 1..={}: {message}",
                    lines.len()
                );
                let width = lines[line - 1].chars().count();
                assert!(
                    (1..=width + 1).contains(&column),
                    "column {column} outside 1..={} on line {line}: {message}",
                    width + 1
                );
            }
            Err(e)
        }
    }
}

#[test]
fn both_examples_load() {
    for text in EXAMPLES {
        check(text.as_bytes()).expect("example loads");
    }
}

#[test]
fn every_truncation_of_the_examples_is_an_error_except_the_final_newline() {
    for text in EXAMPLES {
        let bytes = text.as_bytes();
        assert!(
            bytes.ends_with(b")\n"),
            "test set-up: examples end in \")\\n\""
        );
        // Every 3rd byte, plus the last few bytes one by one.
        let cuts = (0..bytes.len())
            .step_by(3)
            .chain(bytes.len() - 4..bytes.len());
        for cut in cuts {
            let result = check(&bytes[..cut]);
            if cut == bytes.len() - 1 {
                assert!(result.is_ok(), "only the newline missing: {result:?}");
            } else {
                assert!(
                    result.is_err(),
                    "cut at byte {cut} of {} loaded",
                    bytes.len()
                );
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let nests = [
        ("[", "]"),
        ("(", ")"),
        ("{", "}"),
        ("Some(", ")"),
        ("(a:", ")"),
    ];
    for (open, close) in nests {
        let nested = format!("{}{}", open.repeat(depth), close.repeat(depth));
        for text in [
            nested.clone(),
            format!("(format_version: 1, journey: {nested})"),
            format!("(format_version: 1, other: {nested}, journey: ())"),
            format!(
                "(format_version: 1, journey: (title: \"x\", persona: {nested}, levels: [], steps: [], next_id: 1))"
            ),
        ] {
            let result = check(text.as_bytes());
            assert!(
                matches!(result, Err(LoadError::Syntax { .. })),
                "{open}…{close}: {result:?}"
            );
        }
    }
}

/// A byte that is likely to matter to the RON parser, or any byte at all.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"()[]{},:\"'\\/*#.-+eE0123456789 \n\rrSN_".to_vec()),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(Index, u8),
    Delete(Index),
    Insert(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), interesting_byte()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), interesting_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        match m {
            Mutation::Replace(i, b) => {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            Mutation::Delete(i) => {
                bytes.remove(i.index(bytes.len()));
            }
            Mutation::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = check(&bytes);
    }

    #[test]
    fn random_ron_like_text_never_panics(bytes in prop::collection::vec(interesting_byte(), 0..512)) {
        let mut text = b"(format_version: 1, journey: ".to_vec();
        text.extend_from_slice(&bytes);
        let _ = check(&text);
    }

    #[test]
    fn mutated_examples_never_panic(
        which in 0..EXAMPLES.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let _ = check(&apply(EXAMPLES[which], &mutations));
    }
}
