//! `kaidan export`: PNG, PDF and SVG slides from project files, the same renderer as the
//! app's export. The format follows the output's extension.

use super::{Outcome, department_or_report, load_or_report};
use crate::export::{self, ExportError, Format, Furniture, Request, Size};
use crate::i18n::{Lang, Localize as _, say};
use crate::paint::Layers;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A layer of the exported page, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LayerName {
    /// Faces, emotion names, pain-point and delight badges.
    Emotions,
    /// The emotion curve under the diagram.
    Curve,
    /// NPS badges and bars.
    Nps,
    /// NPS heat tint of the cards.
    Heat,
    /// Initiative lanes by department, and department dots on the cards.
    Initiatives,
    /// Customer flow: links as wide as their customers, with their shares.
    Flow,
    /// The KPI lane: customers, repeat rate and NPS per phase.
    Kpi,
    /// The legend column.
    Legend,
    /// The title block.
    Title,
}

/// The `--layers` list: layer names separated by commas; an empty list (`--layers ""`) means
/// no optional layer at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerList(pub Vec<LayerName>);

/// Parses `--layers`: names separated by commas, spaces around them and empty names ignored,
/// case ignored. An unknown name is refused, naming the layers, in the locale's language.
pub fn parse_layers(text: &str) -> Result<LayerList, String> {
    use clap::ValueEnum as _;
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            LayerName::from_str(name, true).map_err(|_| {
                let known = LayerName::value_variants()
                    .iter()
                    .filter_map(clap::ValueEnum::to_possible_value)
                    .map(|v| v.get_name().to_owned())
                    .collect::<Vec<_>>()
                    .join(", ");
                let lang = Lang::from_system();
                say!(
                    lang,
                    "レイヤー「{name}」はありません。レイヤー: {known}",
                    "no layer called 「{name}」; the layers are: {known}"
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(LayerList)
}

/// A file format, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatName {
    /// PNG image.
    Png,
    /// Vector PDF with searchable text.
    Pdf,
    /// Vector SVG, text as outlines.
    Svg,
}

impl From<FormatName> for Format {
    fn from(name: FormatName) -> Self {
        match name {
            FormatName::Png => Self::Png,
            FormatName::Pdf => Self::Pdf,
            FormatName::Svg => Self::Svg,
        }
    }
}

/// What `kaidan export` was asked for.
#[derive(Clone, Debug)]
pub struct ExportArgs {
    /// Project files.
    pub files: Vec<PathBuf>,
    /// The file (one project; its extension names the format) or the folder (several).
    pub output: PathBuf,
    /// The format; with several projects it names the files' extension (default PNG), with
    /// one it must agree with the output's extension.
    pub format: Option<Format>,
    /// Pixel size or scale.
    pub size: Size,
    /// Transparent page.
    pub transparent: bool,
    /// A deck (overview and a slide per phase) instead of one slide.
    pub deck: bool,
    /// The layers switched on; `None` = all but the heat tint.
    pub layers: Option<Vec<LayerName>>,
    /// The survey wave (default: the latest).
    pub wave: Option<String>,
    /// The flow wave for the flow layer and the KPI lane (default: the latest).
    pub flow_wave: Option<String>,
    /// Language of the axis, legend and emotion texts.
    pub lang: Lang,
    /// The date in the title block (`YYYY-MM-DD`, empty for none); `None` = today in the
    /// user's time zone.
    pub date: Option<String>,
    /// The department to highlight (its initiatives stand out, the rest fades), by name as
    /// [`crate::model::Journey::departments_named`] finds it; a project without it is
    /// refused.
    pub department: Option<String>,
    /// Language of the messages (the locale's, whatever `lang` the slide is in).
    pub messages: Lang,
}

fn layers_of(names: Option<&[LayerName]>) -> (Layers, Furniture) {
    let Some(names) = names else {
        return (Layers::default(), Furniture::default());
    };
    let on = |n| names.contains(&n);
    (
        Layers {
            emotions: on(LayerName::Emotions),
            curve: on(LayerName::Curve),
            nps: on(LayerName::Nps) || on(LayerName::Heat),
            nps_heat: on(LayerName::Heat),
            initiatives: on(LayerName::Initiatives),
            flow: on(LayerName::Flow),
            kpi: on(LayerName::Kpi),
        },
        Furniture {
            legend: on(LayerName::Legend),
            title: on(LayerName::Title),
        },
    )
}

/// The PNG name for a project: `teinei.kaidan.ron` → `teinei.png`.
#[must_use]
pub fn png_name(project: &Path) -> PathBuf {
    output_name(project, Format::Png)
}

/// The export's name for a project: `teinei.kaidan.ron` → `teinei.pdf`.
#[must_use]
pub fn output_name(project: &Path, format: Format) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    PathBuf::from(export::file_name_of(&name, format))
}

/// The format of the export: with one project, the output's extension (which `--format`,
/// if given, must match); with several, `--format` or PNG.
fn format_of(args: &ExportArgs, several: bool) -> Result<Format, ExportError> {
    if several {
        return Ok(args.format.unwrap_or_default());
    }
    let path = &args.output;
    match (Format::of_path(path), args.format) {
        (None, _) => Err(ExportError::UnknownFormat(path.clone())),
        (Some(named), Some(asked)) if named != asked => Err(ExportError::FormatMismatch {
            path: path.clone(),
            asked,
        }),
        (Some(named), _) => Ok(named),
    }
}

/// `kaidan export FILE… -o OUT …`: one PNG, PDF or SVG per project, written atomically; a
/// project that cannot be loaded or exported is reported and leaves no file. An output whose
/// extension names no format is refused before anything is read.
pub fn export(
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let lang = args.messages;
    let several = args.files.len() > 1;
    if several && !args.output.is_dir() {
        let output = args.output.display();
        let text = say!(
            lang,
            "{output}: 複数のプロジェクトを書き出すときは、-o に既存のフォルダを指定してください",
            "{output}: with several projects, -o must be an existing folder"
        );
        writeln!(err, "{text}")?;
        return Ok(Outcome::Failed);
    }
    let date = match &args.date {
        Some(date) if !crate::model::is_valid_date(date) => {
            let text = say!(
                lang,
                "--date {date}: 暦にある YYYY-MM-DD の日付ではありません（例: 2026-04-15）",
                "--date {date}: not a calendar date of the form YYYY-MM-DD (e.g. 2026-04-15)"
            );
            writeln!(err, "{text}")?;
            return Ok(Outcome::Failed);
        }
        Some(date) => date.clone(),
        None => export::today(),
    };
    let (layers, furniture) = layers_of(args.layers.as_deref());
    let request = |date| Request {
        transparent: args.transparent,
        layers,
        furniture,
        wave: args.wave.as_deref(),
        flow_wave: args.flow_wave.as_deref(),
        ..Request::new(args.size, args.lang, date)
    };
    if args.deck {
        return deck(args, &request(&date), out, err);
    }
    // One slide per project: the format follows the output's extension.
    let format = match format_of(args, several) {
        Ok(format) => format,
        Err(e) => {
            writeln!(err, "{}", e.localize(lang))?;
            return Ok(Outcome::Failed);
        }
    };
    let mut composer = export::Composer::new();
    let mut outcome = Outcome::Ok;
    for file in &args.files {
        let Some(journey) = load_or_report(file, args.messages, err)? else {
            outcome = Outcome::Failed;
            continue;
        };
        let highlight = match &args.department {
            Some(name) => {
                let Some(id) = department_or_report(&journey, file, name, lang, err)? else {
                    outcome = Outcome::Failed;
                    continue;
                };
                Some(id)
            }
            None => None,
        };
        let slide = Request {
            highlight,
            ..request(&date)
        };
        let target = if several {
            args.output.join(output_name(file, format))
        } else {
            args.output.clone()
        };
        match export::save_with(&mut composer, &journey, &slide, format, &target) {
            Ok([w, h]) => {
                writeln!(out, "{} → {} ({w}×{h})", file.display(), target.display())?;
                too_small(file, composer.smallest_points(), args.deck, lang, err)?;
            }
            Err(e) => {
                writeln!(err, "{}: {}", file.display(), e.localize(lang))?;
                outcome = Outcome::Failed;
            }
        }
    }
    Ok(outcome)
}

/// Warns when a slide's smallest text is under the projector floor, with the advice that
/// helps: a deck (4K is the same slide, sharper).
fn too_small(
    file: &Path,
    smallest: Option<f32>,
    deck: bool,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(points) = smallest.filter(|&p| p < export::deck::TEXT_FLOOR) else {
        return Ok(());
    };
    let file = file.display();
    let text = if deck {
        say!(
            lang,
            "{file}: 注意: 最小の文字が {points:.1} pt で、投影では読みにくい大きさです",
            "{file}: warning: smallest text {points:.1} pt, too small to read projected"
        )
    } else {
        say!(
            lang,
            "{file}: 注意: 最小の文字が {points:.1} pt で、投影では読みにくい大きさです（1920×1080 のスライドで 14 pt 未満。4K でも同じ比率です）。--deck でフェーズごとのスライドに分けられます",
            "{file}: warning: smallest text {points:.1} pt, under 14 on a 1920×1080 slide (and the same share of a 4K one): too small to read projected; --deck splits it into a slide per phase"
        )
    };
    writeln!(err, "{text}")
}

/// `kaidan export FILE --deck -o OUT`: the deck of one project ([`export::deck`]) as one PDF
/// (OUT.pdf) or numbered slides in a folder.
fn deck(
    args: &ExportArgs,
    request: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let lang = args.messages;
    let [file] = args.files.as_slice() else {
        let text = say!(
            lang,
            "--deck は 1 つのプロジェクトだけを書き出します",
            "--deck exports one project at a time"
        );
        writeln!(err, "{text}")?;
        return Ok(Outcome::Failed);
    };
    let Some(journey) = load_or_report(file, lang, err)? else {
        return Ok(Outcome::Failed);
    };
    let highlight = match &args.department {
        Some(name) => {
            let Some(id) = department_or_report(&journey, file, name, lang, err)? else {
                return Ok(Outcome::Failed);
            };
            Some(id)
        }
        None => None,
    };
    let request = &Request {
        highlight,
        ..request.clone()
    };
    let pdf = Format::of_path(&args.output) == Some(Format::Pdf);
    let format = args.format.unwrap_or_default();
    if !pdf && format == Format::Pdf {
        let output = args.output.display();
        let text = say!(
            lang,
            "{output}: PDF のデッキは .pdf のファイル名で指定してください（フォルダには PNG か SVG を書きます）",
            "{output}: a PDF deck needs a file name ending in .pdf (a folder gets PNGs or SVGs)"
        );
        writeln!(err, "{text}")?;
        return Ok(Outcome::Failed);
    }
    let format = if pdf { Format::Pdf } else { format };
    let result = export::deck::save(&journey, request, format, &args.output);
    match result {
        Ok(n) => {
            let (file, output) = (file.display(), args.output.display());
            let text = say!(
                lang,
                "{file} → {output}（{n} 枚のスライド）",
                "{file} → {output} ({n} slides)"
            );
            writeln!(out, "{text}")?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            writeln!(err, "{}: {}", file.display(), e.localize(lang))?;
            Ok(Outcome::Failed)
        }
    }
}
