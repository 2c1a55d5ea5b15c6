//! The export dialog and its worker: PNG, PDF, decks, copying the image, legibility warnings.

use crate::common::App;
use crate::helpers::{CTRL, CTRL_SHIFT, app, app_on, app_with, journey};
use crate::input::press;
use egui::{Key, OutputCommand};
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;
use kaidan::app::files::ScriptedDialogs;
use kaidan::export::Format;
use kaidan::i18n::{Lang, T};

/// How many frames [`run_export_until`] runs at most: after the export's worker has ended,
/// one takes its result (writes the message, closes the dialog, copies the image); a new
/// preview is drawn in the frame its choice is made.
const FRAMES: usize = 10;

/// Runs frames one at a time until `done` holds, checked after each frame (so that frame's
/// own output, such as a copied image, is there to read). Between frames it waits on the
/// export worker, not the clock: the frame that takes the input starts the export, and the
/// next frame after the worker has ended takes its result. Fails naming `what` otherwise.
#[track_caller]
fn run_export_until(h: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..FRAMES {
        // One frame at a time: while the export runs, a spinner keeps asking for repaints.
        h.step();
        if done(h) {
            return;
        }
        h.state().wait_for_export();
    }
    panic!("expected {what}, but not within {FRAMES} frames (any export has finished)");
}

fn copied_image(h: &App) -> Option<[usize; 2]> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        })
}

#[test]
fn the_export_dialog_writes_the_png_it_previews_and_remembers_the_choices() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let target = dir.path().join("slide.png");
    let mut h = app_with(ScriptedDialogs {
        exports: vec![target.clone()],
        ..ScriptedDialogs::default()
    });
    let before = journey(&h);
    press(&mut h, CTRL, Key::E);
    assert!(
        h.query_by_label("PNG に書き出す").is_some(),
        "the dialog is open"
    );
    // Choose 4K and a transparent page; the choices are remembered in the settings.
    // (Through accessibility actions: the modal re-centres as its preview changes size.)
    h.get_by_label("4K 3840×2160").click_accesskit();
    h.run();
    h.get_by_label("透明").click_accesskit();
    h.run();
    let choices = &h.state().settings.export;
    assert_eq!(choices.preset, kaidan::app::export_dialog::Preset::Uhd);
    assert!(choices.transparent);
    assert!(
        h.query_by_label_contains("3840 × 2160 px").is_some(),
        "the preview says the size"
    );
    let slide = kaidan::export::Request::new(kaidan::export::Size::UHD, Lang::Ja, "");
    let smallest = kaidan::export::placement(&before, &slide)
        .expect("placement")
        .smallest_text_px();
    assert!(
        h.query_by_label_contains(&format!("最小の文字: {smallest:.0} px"))
            .is_some(),
        "the preview says how large the smallest text is"
    );
    h.get_by_label("書き出す…").click_accesskit();
    run_export_until(&mut h, "the PNG written", |_| target.exists());
    run_export_until(&mut h, "the dialog closed", |h| {
        h.query_by_label("PNG に書き出す").is_none()
    });
    let png = image::open(&target).expect("a PNG").to_rgba8();
    assert_eq!(png.dimensions(), (3840, 2160));
    assert_eq!(png.get_pixel(0, 0).0[3], 0, "transparent, as chosen");
    assert_eq!(journey(&h), before, "exporting changes nothing");
    assert!(!h.state().document().is_dirty());
}

#[test]
fn the_export_dialog_writes_a_vector_pdf_when_pdf_is_chosen_and_remembers_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // The user types a name without an extension: the chosen format's is added.
    let mut h = app_with(ScriptedDialogs {
        exports: vec![dir.path().join("slide")],
        ..ScriptedDialogs::default()
    });
    press(&mut h, CTRL, Key::E);
    h.get_by_label(T::FormatPdf.text(Lang::Ja))
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label("PDF に書き出す").is_some(),
        "the heading names the format"
    );
    assert_eq!(h.state().settings.export.format, Format::Pdf);
    h.get_by_label("書き出す…").click_accesskit();
    let target = dir.path().join("slide.pdf");
    run_export_until(&mut h, "the PDF written", |_| target.exists());
    run_export_until(&mut h, "the dialog closed", |h| {
        h.query_by_label("PDF に書き出す").is_none()
    });
    let bytes = std::fs::read(&target).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF, not a PNG");
    // The next time the dialog opens, PDF is still chosen.
    press(&mut h, CTRL, Key::E);
    assert!(h.query_by_label("PDF に書き出す").is_some());
}

#[test]
fn the_export_dialog_writes_a_deck_as_one_pdf_or_a_folder_of_slides_and_remembers_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("slides");
    let mut h = app_with(ScriptedDialogs {
        exports: vec![dir.path().join("deck")],
        folders: vec![folder.clone()],
        ..ScriptedDialogs::default()
    });
    let expected = kaidan::export::deck::slides(
        &journey(&h),
        &kaidan::export::Request::new(kaidan::export::Size::SLIDE, Lang::Ja, ""),
    )
    .expect("deck")
    .len();
    press(&mut h, CTRL, Key::E);
    h.get_by_label(T::DeckArea.text(Lang::Ja)).click_accesskit();
    h.run();
    h.get_by_label(T::FormatPdf.text(Lang::Ja))
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label("デッキを書き出す").is_some(),
        "the heading"
    );
    run_export_until(&mut h, "the preview counting the slides", |h| {
        h.query_by_label_contains(&format!("{expected} 枚のスライド"))
            .is_some()
    });
    // The clipboard holds one image: copying a deck is not offered.
    assert!(
        h.get_by_label(T::CopyImage.text(Lang::Ja))
            .accesskit_node()
            .is_disabled()
    );
    // A PDF deck: one file, a page per slide.
    h.get_by_label("書き出す…").click_accesskit();
    let pdf = dir.path().join("deck.pdf");
    run_export_until(&mut h, "the PDF deck written, the dialog closed", |h| {
        pdf.exists() && h.query_by_label("デッキを書き出す").is_none()
    });
    let document = lopdf::Document::load(&pdf).expect("a PDF");
    assert_eq!(document.get_pages().len(), expected);
    assert!(h.state().settings.export.deck, "remembered");
    // A PNG deck: a folder of numbered slides, the overview first.
    press(&mut h, CTRL, Key::E);
    assert!(
        h.query_by_label("デッキを書き出す").is_some(),
        "still a deck"
    );
    h.get_by_label(T::FormatPng.text(Lang::Ja))
        .click_accesskit();
    h.run();
    h.get_by_label("書き出す…").click_accesskit();
    run_export_until(&mut h, "the slides written, the dialog closed", |h| {
        folder.is_dir() && h.query_by_label("デッキを書き出す").is_none()
    });
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), expected, "{names:?}");
    assert_eq!(names[0], "01-全体像.png");
    let first = image::open(folder.join(&names[0])).expect("a PNG");
    assert_eq!((first.width(), first.height()), (1920, 1080));
}

#[test]
fn copy_image_puts_the_slide_on_the_clipboard() {
    let mut h = app();
    press(&mut h, CTRL_SHIFT, Key::C);
    run_export_until(&mut h, "an image copied", |h| copied_image(h).is_some());
    assert_eq!(copied_image(&h), Some([1920, 1080]));
}

#[test]
fn the_export_dialog_warns_when_a_slide_would_be_too_small_to_read() {
    // 300 steps cannot fit a slide at a readable size.
    let mut h = app_on(
        kaidan::model::synthetic::journey(300, 3),
        ScriptedDialogs::default(),
    );
    press(&mut h, CTRL, Key::E);
    run_export_until(&mut h, "the warning", |h| {
        h.query_by_label_contains("投影では読みにくい").is_some()
    });
    // 4K is the same slide, sharper: the advice is the deck or a part, never 4K again.
    h.get_by_label("4K 3840×2160").click_accesskit();
    run_export_until(&mut h, "the 4K preview with the warning", |h| {
        h.query_by_label_contains("3840 × 2160 px").is_some()
            && h.query_by_label_contains("投影では読みにくい").is_some()
    });
    let warning = h
        .query_by_label_contains("投影では読みにくい")
        .and_then(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .expect("still too small at 4K");
    assert!(warning.contains("デッキ"), "{warning}");
    assert!(!warning.contains("4K を選"), "{warning}");
    h.get_by_label("閉じる").click_accesskit();
    run_export_until(&mut h, "the dialog closed", |h| {
        h.query_by_label("PNG に書き出す").is_none()
    });
}
