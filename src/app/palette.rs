//! The command palette (Ctrl+Shift+P or Ctrl+K): every action of [`UiAction::ALL`], found by
//! typing part of its name in Japanese or English, with its keys; ↑ ↓ choose, Enter runs,
//! Esc closes. What cannot run now is listed greyed and is not run.

use super::actions::{State, UiAction};
use crate::i18n::{Lang, T};
use egui::{Key, Modifiers, RichText};
use unicode_normalization::UnicodeNormalization as _;

/// The palette's state while open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    /// What has been typed.
    pub query: String,
    /// The highlighted entry, an index into the matches.
    pub selected: usize,
}

/// What the palette asks for this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still open.
    Open,
    /// Closed without running anything.
    Close,
    /// Closed to run this action.
    Run(UiAction),
}

/// Text folded for matching: NFKC (full-width Latin and half-width kana as their usual
/// forms), lower case, no spaces.
fn folded(text: &str) -> Vec<char> {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// How well `query` matches `text`, higher is better: a substring beats scattered letters, an
/// earlier one a later one; `None` if the query's characters are not all in the text, in
/// order. An empty query matches everything equally.
#[must_use]
pub fn score(query: &str, text: &str) -> Option<i32> {
    let (q, t) = (folded(query), folded(text));
    if q.is_empty() {
        return Some(0);
    }
    let as_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    if let Some(at) = t.windows(q.len()).position(|w| w == q.as_slice()) {
        return Some(1_000 - as_i32(at));
    }
    // Scattered: every query character in order; fewer skipped characters score higher.
    let mut next = 0;
    let mut skipped = 0;
    for c in &q {
        let found = t[next..].iter().position(|x| x == c)?;
        skipped += found;
        next += found + 1;
    }
    Some(500 - as_i32(skipped).min(499))
}

/// The actions matching `query` in either language, best first (ties: the shorter words, so
/// 「保存」 before 「名前を付けて保存…」, then table order).
#[must_use]
pub fn matches(query: &str) -> Vec<UiAction> {
    let mut scored: Vec<((std::cmp::Reverse<i32>, usize), usize, UiAction)> = UiAction::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, &action)| {
            let best = [Lang::Ja, Lang::En]
                .into_iter()
                .filter_map(|lang| {
                    let text = action.text(lang);
                    score(query, &text).map(|s| (std::cmp::Reverse(s), text.chars().count()))
                })
                .min()?;
            Some((best, i, action))
        })
        .collect();
    scored.sort_by_key(|&(best, i, _)| (best, i));
    scored.into_iter().map(|(_, _, action)| action).collect()
}

/// Shows the palette over everything.
pub fn show(ctx: &egui::Context, palette: &mut Palette, state: &State, lang: Lang) -> Outcome {
    let found = matches(&palette.query);
    let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(Key::ArrowDown) {
        palette.selected = (palette.selected + 1).min(found.len().saturating_sub(1));
    }
    if pressed(Key::ArrowUp) {
        palette.selected = palette.selected.saturating_sub(1);
    }
    let enter = pressed(Key::Enter);
    let mut outcome = Outcome::Open;
    let height = ctx.content_rect().height();
    let modal = egui::Modal::new(egui::Id::unique("kaidan-palette")).show(ctx, |ui| {
        ui.set_width(560.0);
        let field = egui::TextEdit::singleline(&mut palette.query)
            .hint_text(T::PaletteHint.text(lang))
            .desired_width(f32::INFINITY);
        let response = ui.add(field);
        if response.changed() {
            palette.selected = 0;
        }
        response.request_focus();
        if found.is_empty() {
            ui.weak(T::PaletteNothing.text(lang));
        }
        egui::ScrollArea::vertical()
            .max_height((height * 0.6).max(120.0))
            .show(ui, |ui| {
                for (i, &action) in found.iter().enumerate() {
                    let enabled = action.enabled(state);
                    let keys = action.keys_text(ctx);
                    let mut text = action.text(lang);
                    if let Some(on) = action.checked(state) {
                        text = format!("{} {text}", if on { "■" } else { "□" });
                    }
                    // Full width, so the keys stand at the right edge.
                    let row = egui::Button::selectable(i == palette.selected, text)
                        .right_text(RichText::new(keys).weak())
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    let row = ui.add_enabled(enabled, row);
                    if i == palette.selected {
                        row.scroll_to_me(None);
                    }
                    if row.clicked() {
                        outcome = Outcome::Run(action);
                    }
                }
            });
    });
    if enter
        && let Some(&action) = found.get(palette.selected)
        && action.enabled(state)
    {
        outcome = Outcome::Run(action);
    }
    if outcome == Outcome::Open && modal.should_close() {
        outcome = Outcome::Close;
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_substring_beats_scattered_letters_and_width_and_case_do_not_matter() {
        assert!(score("save", "Save as…") > score("sae", "Save as…"));
        assert_eq!(score("ｓａｖｅ", "Save"), score("save", "Save"));
        assert!(score("zm", "Zoom in").is_some());
        assert_eq!(score("xyz", "Zoom in"), None);
        assert_eq!(score("", "anything"), Some(0));
    }

    #[test]
    fn actions_are_found_in_either_language() {
        assert_eq!(matches("保存").first(), Some(&UiAction::Save));
        assert_eq!(matches("save as").first(), Some(&UiAction::SaveAs));
        assert_eq!(
            matches("s").first(),
            Some(&UiAction::Save),
            "the shorter first"
        );
        assert!(matches("dark").contains(&UiAction::ToggleTheme));
        assert_eq!(matches("").len(), UiAction::ALL.len());
    }
}
