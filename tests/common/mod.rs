//! Set-up shared by the UI test binaries: the editor's settings for tests and the
//! `egui_kittest` harness it runs in (no GPU, no display).

// Each test binary uses the part of this set-up it needs.
#![allow(dead_code)]

use egui::{Modifiers, vec2};
use egui_kittest::Harness;
use kaidan::app::panels::Tab;
use kaidan::app::{KaidanApp, Settings};
use kaidan::i18n::Lang;

/// The editor under test.
pub type App = Harness<'static, KaidanApp>;

/// Settings for tests: Japanese, light theme, nothing remembered, default layers, the
/// default autosave interval.
#[must_use]
pub fn settings() -> Settings {
    Settings {
        lang: Lang::Ja,
        dark: false,
        recent: Vec::new(),
        tab: Tab::Step,
        panel_hidden: false,
        layers: kaidan::paint::Layers::default(),
        export: kaidan::app::export_dialog::Choices::default(),
        autosave_secs: kaidan::app::recovery::DEFAULT_INTERVAL,
    }
}

/// `app` in a 1400×900 window, after the first frames (camera fitted).
pub fn harness(app: KaidanApp) -> App {
    harness_sized(app, vec2(1400.0, 900.0))
}

/// `app` in a window of `size` points, after the first frames.
pub fn harness_sized(app: KaidanApp, size: egui::Vec2) -> App {
    let mut h = Harness::builder()
        .with_size(size)
        // Short frames, so a press-release-press-release in consecutive frames is a
        // double-click (egui: < 0.3 s) and a press is never held long enough to become a drag.
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        // A gesture can take a few frames to settle (hover, tooltip, popups); `run` still
        // stops as soon as no immediate repaint is asked for.
        .with_max_steps(20)
        // The side panel's fields (panels.rs) have no accessible names yet.
        .with_accessibility_check(false)
        .with_context_setup(|ctx| ctx.set_fonts(kaidan::fonts::definitions()))
        .build_eframe(move |cc| {
            app.setup(&cc.egui_ctx);
            app
        });
    h.run();
    h
}

/// Ctrl as a Linux keyboard reports it: `ctrl`, and `command` (Ctrl on non-Mac).
pub const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

/// The editor on the bundled すっぽん小町 example (unsaved), answering file dialogs from
/// `dialogs`, in a window of `size` points.
pub fn teinei(dialogs: kaidan::app::files::ScriptedDialogs, size: egui::Vec2) -> App {
    let journey = kaidan::bundled::TEINEI
        .load()
        .expect("the bundled example loads");
    harness_sized(
        KaidanApp::new(journey, None, settings(), Box::new(dialogs)),
        size,
    )
}
