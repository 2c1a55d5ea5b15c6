//! File choosers behind a trait, so tests can answer them without a desktop portal; and
//! whether the system's dialog can be shown at all (on Linux it needs an XDG desktop portal
//! or zenity: without either, `rfd` returns nothing, as if the user had cancelled — the app
//! then uses its own chooser, [`super::chooser`], and says why).

use crate::export::Format;
use std::path::PathBuf;

/// Asks the user for files.
pub trait FileDialogs {
    /// A project to open, or `None` if cancelled.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Where to save, suggesting `file_name`; `None` if cancelled.
    fn pick_save(&mut self, file_name: &str) -> Option<PathBuf>;
    /// A survey CSV to import, or `None` if cancelled.
    fn pick_csv(&mut self) -> Option<PathBuf>;
    /// Where to write an export in `format`, suggesting `file_name`; `None` if cancelled.
    fn pick_export(&mut self, file_name: &str, format: Format) -> Option<PathBuf>;
    /// A folder to write a deck of PNG or SVG slides into; `None` if cancelled.
    fn pick_folder(&mut self) -> Option<PathBuf>;
    /// Why these dialogs cannot be shown here, if they cannot.
    fn unavailable(&self) -> Option<Unavailable> {
        None
    }
}

/// Why the system's file dialog cannot be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Linux without an XDG desktop portal on the session bus and without zenity.
    NoPortal,
}

/// The system's native dialogs (through `rfd`).
#[derive(Debug, Default)]
pub struct NativeDialogs {
    unavailable: Option<Unavailable>,
}

impl NativeDialogs {
    /// The native dialogs, having checked once whether this system can show them.
    #[must_use]
    pub fn probe() -> Self {
        Self {
            unavailable: probe_unavailable(),
        }
    }
}

/// On Linux and the BSDs, `rfd` asks the XDG desktop portal over D-Bus, then falls back to
/// zenity. Neither there: unavailable. The portal is looked for with `dbus-send` when it is
/// installed; without it (or on other systems) the dialog is assumed to work.
#[cfg(all(unix, not(target_os = "macos")))]
fn probe_unavailable() -> Option<Unavailable> {
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
    };
    if on_path("zenity") {
        return None;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
    if !bus {
        return Some(Unavailable::NoPortal);
    }
    let names = |method: &str| {
        std::process::Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                &format!("org.freedesktop.DBus.{method}"),
            ])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    match (names("ListNames"), names("ListActivatableNames")) {
        (None, None) => None, // no dbus-send: cannot tell, so try the dialog
        (a, b) => {
            let portal = "org.freedesktop.portal.Desktop";
            let found = [a, b].iter().flatten().any(|n| n.contains(portal));
            (!found).then_some(Unavailable::NoPortal)
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn probe_unavailable() -> Option<Unavailable> {
    None
}

impl FileDialogs for NativeDialogs {
    fn unavailable(&self) -> Option<Unavailable> {
        self.unavailable
    }

    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Kaidan", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, file_name: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .add_filter("Kaidan", &["ron"])
            .set_file_name(file_name)
            .save_file()?;
        Some(with_project_extension(path))
    }

    fn pick_export(&mut self, file_name: &str, format: Format) -> Option<PathBuf> {
        let extension = format.extension();
        let path = rfd::FileDialog::new()
            .add_filter(extension.to_ascii_uppercase(), &[extension])
            .set_file_name(file_name)
            .save_file()?;
        Some(with_export_extension(path, format))
    }

    fn pick_csv(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("CSV", &["csv", "txt", "tsv"])
            .pick_file()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }
}

/// Adds `.kaidan.ron` unless the name already ends in `.ron`.
#[must_use]
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == "ron") {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".kaidan.ron");
        path.with_file_name(name)
    }
}

/// Adds the format's extension unless the name already ends in one of the export formats'
/// (whose format then wins: the format follows the extension).
#[must_use]
pub fn with_export_extension(path: PathBuf, format: Format) -> PathBuf {
    if Format::of_path(&path).is_some() {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(format.extension());
        path.with_file_name(name)
    }
}

/// Answers from a script: for tests.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Returned by the next open dialogs, in order.
    pub open: Vec<PathBuf>,
    /// Returned by the next save dialogs, in order.
    pub save: Vec<PathBuf>,
    /// Returned by the next CSV dialogs, in order.
    pub csv: Vec<PathBuf>,
    /// Returned by the next export dialogs (PNG, PDF or SVG), in order, with the format's
    /// extension added as the native dialog adds it.
    pub exports: Vec<PathBuf>,
    /// Returned by the next folder dialogs (decks of PNG or SVG slides), in order.
    pub folders: Vec<PathBuf>,
    /// Plays a system without a file dialog: the app must use its own chooser.
    pub unavailable: bool,
}

impl FileDialogs for ScriptedDialogs {
    fn unavailable(&self) -> Option<Unavailable> {
        self.unavailable.then_some(Unavailable::NoPortal)
    }

    fn pick_open(&mut self) -> Option<PathBuf> {
        (!self.open.is_empty()).then(|| self.open.remove(0))
    }

    fn pick_save(&mut self, _file_name: &str) -> Option<PathBuf> {
        (!self.save.is_empty()).then(|| self.save.remove(0))
    }

    fn pick_csv(&mut self) -> Option<PathBuf> {
        (!self.csv.is_empty()).then(|| self.csv.remove(0))
    }

    fn pick_export(&mut self, _file_name: &str, format: Format) -> Option<PathBuf> {
        (!self.exports.is_empty()).then(|| with_export_extension(self.exports.remove(0), format))
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_extension_is_added_once() {
        assert_eq!(
            with_project_extension("a/b".into()),
            PathBuf::from("a/b.kaidan.ron")
        );
        assert_eq!(
            with_project_extension("a/b.kaidan.ron".into()),
            PathBuf::from("a/b.kaidan.ron")
        );
    }

    #[test]
    fn an_export_gets_its_format_s_extension_unless_it_names_one() {
        assert_eq!(
            with_export_extension("a/slide".into(), Format::Pdf),
            PathBuf::from("a/slide.pdf")
        );
        assert_eq!(
            with_export_extension("a/v1.2".into(), Format::Svg),
            PathBuf::from("a/v1.2.svg")
        );
        assert_eq!(
            with_export_extension("a/slide.PNG".into(), Format::Pdf),
            PathBuf::from("a/slide.PNG")
        );
    }
}
