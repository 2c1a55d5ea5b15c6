//! The `kaidan` binary: parses the command line and hands over to the library.

use clap::{Parser, Subcommand};
use kaidan::i18n::{Lang, Localize as _};
use std::path::PathBuf;
use std::process::ExitCode;

/// Kaidan (階段): design two-axis customer journey maps.
///
/// With no subcommand, opens the editor on FILE, or on the bundled example journey.
#[derive(Parser)]
#[command(
    name = "kaidan",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A `.kaidan.ron` project to open in the editor.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Checks project files: prints `ok` or every problem; exits 1 if any file is invalid.
    Validate {
        /// Project files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrites project files in canonical form, so journeys diff cleanly in git.
    Fmt {
        /// Change nothing; exit 1 if any file is not in canonical form.
        #[arg(long)]
        check: bool,
        /// Project files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Prints counts and the longest path from start to goal.
    Info {
        /// Project file.
        file: PathBuf,
        /// Machine-readable output, with every step's id, title, level and time.
        #[arg(long)]
        json: bool,
    },
    /// Prints the NPS figures of a survey wave: per step n, %P, %Pa, %D, NPS and its 95% CI.
    Nps {
        /// Project file.
        file: PathBuf,
        /// The wave to show (default: the latest).
        #[arg(long)]
        wave: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: kaidan::cli::TableFormat,
    },
    /// Lists the initiatives and messages: one row each, in journey order (by time), with
    /// its step, phase, level, department, kind, status, text and note.
    Initiatives {
        /// Project file.
        file: PathBuf,
        /// Only this department's (its name; case and full/half width do not matter).
        #[arg(long)]
        department: Option<String>,
        /// Output format (CSV: kind and status as English keys).
        #[arg(long, value_enum, default_value_t)]
        format: kaidan::cli::TableFormat,
    },
    /// Imports a CRM event log (customer, step, date) into the project's customer flow.
    ///
    /// Each customer's events are ordered by date (ties keep file order); consecutive events
    /// at the same step count once for flow. A link's customers are the distinct customers who
    /// moved along it; its share, its customers over those of all links leaving the same
    /// step. A step's customers are the distinct customers with an event there; ended here,
    /// those whose last event is there. Repeat rate = customers with 2 or more events at
    /// purchase steps ÷ customers with 1 or more, in per cent. Encodings, separators and
    /// all-or-nothing as import-nps.
    ImportEvents {
        /// Project file.
        file: PathBuf,
        /// The event log: columns customer, step, date (or 顧客ID, ステップ, 日付).
        events: PathBuf,
        /// The flow wave's name (an existing wave of that name is replaced).
        #[arg(long)]
        wave: String,
        /// Write the result here instead of over FILE.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lists the customers along each link of a flow wave, with their share of the customers
    /// leaving the same step, and the moves between steps with no link.
    Flow {
        /// Project file.
        file: PathBuf,
        /// The flow wave (default: the latest).
        #[arg(long)]
        wave: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: kaidan::cli::TableFormat,
    },
    /// Lists the customer KPIs of a flow wave: overall customers and repeat rate, then the
    /// customers and ended-here count of each step; or, with --by phase, the KPI lane's
    /// customers, repeat rate and NPS per phase, each with its change since the wave before.
    Kpi {
        /// Project file.
        file: PathBuf,
        /// The flow wave (default: the latest).
        #[arg(long)]
        wave: Option<String>,
        /// A row per step (with the overall row first) or per phase.
        #[arg(long, value_enum, default_value_t)]
        by: kaidan::cli::KpiRows,
        /// With --by phase: the survey wave of the NPS (default: the latest).
        #[arg(long)]
        survey: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: kaidan::cli::TableFormat,
    },
    /// Lists the results of the dot votes: one row per item put to the vote, each session's
    /// most votes first, with its session, date, rank, initiative, step, department and votes.
    Votes {
        /// Project file.
        file: PathBuf,
        /// Only this session (its name).
        #[arg(long)]
        session: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: kaidan::cli::TableFormat,
    },
    /// Exports projects as PNG, PDF or SVG slides (1920×1080 unless told otherwise).
    ///
    /// One FILE: OUT is the file, its extension (.png, .pdf, .svg) names the format. Several:
    /// OUT is a folder, one file each, in the --format given (default png). Nothing is left
    /// behind on failure.
    Export {
        /// Project files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The file to write (one project) or the folder to write into (several).
        #[arg(short, long)]
        output: PathBuf,
        /// The format of the files written into a folder (one project: must match OUT's
        /// extension).
        #[arg(long, value_enum)]
        format: Option<kaidan::cli::FormatName>,
        /// Width in pixels (with --height).
        #[arg(long, requires = "height", conflicts_with = "scale")]
        width: Option<u32>,
        /// Height in pixels (with --width).
        #[arg(long, requires = "width", conflicts_with = "scale")]
        height: Option<u32>,
        /// Pixels per diagram unit instead of a fixed size (1 = 100 %).
        #[arg(long)]
        scale: Option<f32>,
        /// A transparent page instead of white.
        #[arg(long)]
        transparent: bool,
        /// A deck of one project: an overview, then a slide per phase, each readable on a
        /// projector. OUT.pdf: one PDF, a page per slide; otherwise OUT is a folder (made if
        /// missing) of numbered PNGs (or SVGs with --format svg).
        #[arg(long)]
        deck: bool,
        /// The layers to show, comma-separated (default: all but heat, flow and kpi; "" for
        /// none): emotions, curve, nps, heat, initiatives, flow, kpi, legend, title.
        #[arg(long, value_parser = kaidan::cli::parse_layers)]
        layers: Option<kaidan::cli::LayerList>,
        /// The survey wave for the NPS layer (default: the latest).
        #[arg(long)]
        wave: Option<String>,
        /// The customer-flow wave for the flow layer and the KPI lane (default: the latest).
        #[arg(long)]
        flow_wave: Option<String>,
        /// Highlight this department (its name): its initiatives stand out, the rest fades.
        #[arg(long)]
        department: Option<String>,
        /// Language of the legend, axes and emotion names.
        #[arg(long, value_enum, default_value_t = CliLang::Ja)]
        lang: CliLang,
        /// The date in the title block, YYYY-MM-DD ("" for none; default: today in your
        /// time zone). Fixing it makes the same project give the same file.
        #[arg(long)]
        date: Option<String>,
    },
    /// Imports NPS answers from a CSV file (UTF-8 or Shift_JIS; long or wide) into a wave.
    ///
    /// Nothing is written if any row is bad; every bad row is listed with its line number.
    #[command(name = "import-nps")]
    ImportNps {
        /// Project file.
        file: PathBuf,
        /// The CSV file with the answers.
        data: PathBuf,
        /// The wave to import into (created if new); rows with a wave column use theirs.
        #[arg(long)]
        wave: String,
        /// Write the result here instead of back to FILE.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// Languages for exported texts.
#[derive(Clone, Copy, clap::ValueEnum)]
enum CliLang {
    /// 日本語.
    Ja,
    /// English.
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Messages follow the locale, like any command-line tool (`LC_ALL=C` for English).
    let lang = Lang::from_system();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr();
    let result = match cli.command {
        Some(Command::Validate { files }) => kaidan::cli::validate(&files, lang, &mut out),
        Some(Command::Fmt { check, files }) => {
            kaidan::cli::fmt(&files, check, lang, &mut out, &mut err)
        }
        Some(Command::Info { file, json }) => {
            kaidan::cli::info(&file, json, lang, &mut out, &mut err)
        }
        Some(Command::Nps { file, wave, format }) => {
            kaidan::cli::nps(&file, wave.as_deref(), format, lang, &mut out, &mut err)
        }
        Some(Command::Initiatives {
            file,
            department,
            format,
        }) => kaidan::cli::initiatives(
            &file,
            department.as_deref(),
            format,
            lang,
            &mut out,
            &mut err,
        ),
        Some(Command::ImportEvents {
            file,
            events,
            wave,
            output,
        }) => kaidan::cli::import_events(
            &file,
            &events,
            &wave,
            output.as_deref(),
            lang,
            &mut out,
            &mut err,
        ),
        Some(Command::Flow { file, wave, format }) => {
            kaidan::cli::flow(&file, wave.as_deref(), format, lang, &mut out, &mut err)
        }
        Some(Command::Kpi {
            file,
            wave,
            by,
            survey,
            format,
        }) => {
            let args = kaidan::cli::KpiArgs {
                wave: wave.as_deref(),
                survey: survey.as_deref(),
                by,
                format,
            };
            kaidan::cli::kpi(&file, &args, lang, &mut out, &mut err)
        }
        Some(Command::Votes {
            file,
            session,
            format,
        }) => kaidan::cli::votes(&file, session.as_deref(), format, lang, &mut out, &mut err),
        Some(Command::ImportNps {
            file,
            data,
            wave,
            output,
        }) => kaidan::cli::import_nps(
            &file,
            &data,
            &wave,
            output.as_deref(),
            lang,
            &mut out,
            &mut err,
        ),
        Some(Command::Export {
            files,
            output,
            format,
            width,
            height,
            scale,
            transparent,
            deck,
            layers,
            wave,
            flow_wave,
            department,
            lang: slide_lang,
            date,
        }) => {
            let size = match (width, height, scale) {
                (Some(width), Some(height), _) => kaidan::export::Size::Pixels { width, height },
                (_, _, Some(s)) => kaidan::export::Size::Scale(s),
                _ => kaidan::export::Size::SLIDE,
            };
            let args = kaidan::cli::ExportArgs {
                files,
                output,
                format: format.map(Into::into),
                size,
                transparent,
                deck,
                layers: layers.map(|l| l.0),
                wave,
                flow_wave,
                lang: match slide_lang {
                    CliLang::Ja => Lang::Ja,
                    CliLang::En => Lang::En,
                },
                date,
                department,
                messages: lang,
            };
            kaidan::cli::export(&args, &mut out, &mut err)
        }
        None => return gui(cli.file),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome.code()),
        // `kaidan … | head`: the reader went away; nothing is wrong with the input.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let why = kaidan::i18n::io_reason(&e, lang);
            let text = match lang {
                Lang::Ja => format!("kaidan: 出力を書けません（{why}）"),
                Lang::En => format!("kaidan: cannot write output: {why}"),
            };
            eprintln!("{text}");
            ExitCode::from(1)
        }
    }
}

fn gui(file: Option<PathBuf>) -> ExitCode {
    match kaidan::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kaidan: {}", e.localize(Lang::from_system()));
            ExitCode::from(1)
        }
    }
}
