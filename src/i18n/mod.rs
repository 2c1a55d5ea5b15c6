//! Every string the UI shows, in Japanese and English: one table, one place to translate.
//!
//! Menu and label texts are [`T`] keys. Messages that carry values (every error of the model,
//! the edits, the files, the imports and the export) implement [`Localize`]; their texts live
//! in the submodules here, one per family, and their `Display` is the English text, so logs
//! and `to_string()` read the same as the English UI.

mod app;
mod export;
mod files;
mod import;
pub mod kpi;
mod model;
pub mod vote;

pub use files::io_reason;
pub use import::file_waves;

use crate::edit::Action;
use serde::{Deserialize, Serialize};

/// A message for the user, in either language: every error the app, the CLI and the slides
/// show implements it, so nothing reaches the user half in one language and half in another.
pub trait Localize {
    /// The message in `lang`.
    fn localize(&self, lang: Lang) -> String;
}

/// `say!(lang, "日本語 {x}", "English {x}")`: the message in `lang`, formatted with the
/// variables in scope.
macro_rules! say {
    ($lang:expr, $ja:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Ja => format!($ja),
            $crate::i18n::Lang::En => format!($en),
        }
    };
}
pub(crate) use say;

/// Gives error types whose texts live in this module their `Display` (the English text)
/// and makes them `std::error::Error`s.
macro_rules! english_display {
    ($($t:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::i18n::Localize::localize(self, $crate::i18n::Lang::En))
            }
        }
        impl std::error::Error for $t {}
    )+};
}
pub(crate) use english_display;

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 日本語 (the default for Japanese system locales).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code (`ja`, `en`): a PDF's or SVG's document language.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.pick("ja", "en")
    }

    /// The language of the system locale: Japanese for `ja*`, English otherwise.
    #[must_use]
    pub fn from_system() -> Self {
        Self::from_locale(sys_locale::get_locale().as_deref().unwrap_or(""))
    }

    /// The Japanese or the English of a pair of texts.
    #[must_use]
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Ja => ja,
            Self::En => en,
        }
    }

    /// The language for a locale name such as `ja-JP` or `en_US.UTF-8`.
    #[must_use]
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("ja") {
            Self::Ja
        } else {
            Self::En
        }
    }
}

/// A key into the string table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is named for the string it stands for
pub enum T {
    // Menus.
    File,
    Edit,
    View,
    Help,
    New,
    NewFromTemplate,
    Open,
    OpenRecent,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Nothing,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Deselect,
    AddStep,
    AddStepAfter,
    Rename,
    Connect,
    NudgeEarlier,
    NudgeLater,
    NudgeUp,
    NudgeDown,
    ZoomIn,
    ZoomOut,
    Fit,
    DarkTheme,
    SidePanel,
    LayerEmotions,
    VeryBad,
    Bad,
    Neutral,
    Good,
    VeryGood,
    CycleFeeling,
    Emotion,
    Valence,
    Feeling,
    CustomFeeling,
    Thinks,
    Quote,
    Moment,
    PainPoint,
    Delight,
    NoMoment,
    NotSet,
    PainPointsTab,
    NoValence,
    LayerCurve,
    Language,
    Shortcuts,
    // Diagram.
    TimeAxis,
    AffinityAxis,
    Untitled,
    NewStepTitle,
    // Panels.
    StepTab,
    PhasesTab,
    LevelsTab,
    JourneyTab,
    NoSelection,
    ManySelected,
    Title,
    Description,
    Kind,
    KindStart,
    KindStep,
    KindGoal,
    Time,
    Level,
    Channel,
    NoTouchpoint,
    TouchpointName,
    Initiatives,
    InitiativeText,
    Department,
    AddInitiative,
    Notes,
    Links,
    LinkLabel,
    Remove,
    Add,
    Name,
    Colour,
    StartT,
    EndT,
    MoveUp,
    MoveDown,
    Persona,
    PersonaName,
    PersonaDescription,
    Brand,
    StartStatement,
    GoalStatement,
    // Dialogs.
    UnsavedTitle,
    UnsavedBody,
    DontSave,
    Cancel,
    ExportPng,
    CopyImage,
    ExportFailed,
    Exported,
    Copied,
    ImportNps,
    LayerNps,
    LayerNpsHeat,
    NpsTab,
    InitiativesTab,
    LayerInitiatives,
    Timer,
    TimerPlusMinute,
    TimerPause,
    TimerStop,
    Present,
    /// The dot-voting sessions (V).
    Vote,
    /// The command palette.
    Palette,
    /// File › import a CRM event log.
    ImportEvents,
    /// The event-log import dialog's title.
    EventsTitle,
    /// What the dialog expects.
    EventsHelp,
    /// The flow wave's name field.
    FlowName,
    /// The customer-flow layer.
    LayerFlow,
    /// The KPI lane layer.
    LayerKpi,
    /// The side panel's flow tab.
    FlowTab,
    /// The flow tab without a wave.
    NoFlow,
    /// Draws a missing link.
    AddMissingLink,
    /// The inspector's purchase check box.
    PurchaseStep,
    /// Its tooltip.
    PurchaseStepHint,
    /// "Phase", in a card's accessible description.
    PhaseWord,
    /// Title of the in-app chooser for a deck's folder.
    ChooseFolder,
    /// The in-app chooser's Open button.
    ChooserOpen,
    /// Its New folder button.
    ChooserNewFolder,
    /// The name a new folder gets.
    ChooserNewFolderName,
    /// Its Rename button.
    ChooserRename,
    /// Hover text of its refresh button.
    ChooserRefresh,
    /// Hover text of its parent-folder button.
    ChooserParent,
    /// The label of its file-name field.
    ChooserFile,
    /// Its show-hidden-files check box.
    ChooserHidden,
    /// Why the in-app chooser is used.
    NoFileDialog,
    /// The Edit menu's submenu of nudges.
    Move,
    /// The palette's search field's hint.
    PaletteHint,
    /// The palette found nothing.
    PaletteNothing,
    PhaseOf,
    LegendStatuses,
    LegendDots,
    LegendDotsSilent,
    HighlightDepartment,
    NoHighlight,
    Departments,
    AddDepartment,
    NoDepartment,
    NewDepartment,
    KindInitiative,
    KindMessage,
    StatusIdea,
    StatusPlanned,
    StatusRunning,
    StatusDone,
    InitiativeNote,
    Status,
    RemoveDepartmentTitle,
    RemoveDepartmentBody,
    GroupByDepartment,
    GroupByPhase,
    AllDepartments,
    AllStatuses,
    NoInitiatives,
    SilentStep,
    Wave,
    WaveName,
    WaveDate,
    Benchmark,
    ImportTitle,
    ImportHelp,
    ImportButton,
    ImportFailed,
    Imported,
    Answers,
    NoWaves,
    AddWave,
    RemoveWave,
    PlotMainPath,
    PlotShares,
    PlotDistribution,
    PlotWaves,
    Scores,
    SmallSample,
    Overall,
    NotAsked,
    Promoters,
    Passives,
    Detractors,
    ChangeSignificant,
    SelectStepForDistribution,
    OpenFailed,
    SaveFailed,
    Close,
    Shortcut,
    Command,
    /// Heading of the mouse gestures on the F1 sheet.
    Mouse,
    /// Double-click on empty canvas.
    GestureAdd,
    /// Drag from a card's handle.
    GestureLink,
    /// Shift+click.
    GestureSelect,
    /// Drag a card.
    GestureMove,
    /// Drag an initiative's chip.
    GestureChip,
    /// Space+drag, middle or right drag, scroll.
    GesturePan,
    /// Ctrl+scroll, pinch.
    GestureZoom,
    Unsaved,
    // Export (PNG, PDF, SVG) and its legend.
    ExportTitle,
    ExportTitlePdf,
    ExportTitleDeck,
    ExportTitleSvg,
    ExportFormat,
    FormatPng,
    FormatPdf,
    FormatSvg,
    VectorSizeHint,
    Exporting,
    ExportButton,
    ExportSize,
    PresetSlide,
    PresetUhd,
    PresetA4,
    PresetCustom,
    PresetScale,
    ExportArea,
    WholeJourney,
    CurrentView,
    DeckArea,
    DeckFolderHint,
    ExportBackground,
    White,
    Transparent,
    ExportLayers,
    Legend,
    TitleBlock,
    SmallestText,
    TooSmallToProject,
    NpsNotAsked,
    LegendLevels,
    LegendAscending,
    LegendDescending,
    EmotionLow,
    EmotionHigh,
    NpsBar,
    SmallSampleNote,
    ChangeNote,
    // Autosave and recovery.
    Recover,
    RecoverTitle,
    RecoverBody,
    RecoverWritten,
    RecoverOriginalNewer,
    NeverSaved,
    Restore,
    Discard,
    Later,
    Restored,
    RecoverMore,
    AutosaveInterval,
    AutosaveFailed,
    Seconds,
    Minutes,
}

impl T {
    /// The text in `lang`.
    #[must_use]
    #[allow(clippy::match_same_arms)] // some words are the same in both languages
    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Self::File => ("ファイル", "File"),
            Self::Edit => ("編集", "Edit"),
            Self::View => ("表示", "View"),
            Self::Help => ("ヘルプ", "Help"),
            Self::New => ("新規", "New"),
            Self::NewFromTemplate => ("テンプレートから新規", "New from template"),
            Self::Open => ("開く…", "Open…"),
            Self::OpenRecent => ("最近使ったファイル", "Open recent"),
            Self::Save => ("保存", "Save"),
            Self::SaveAs => ("名前を付けて保存…", "Save as…"),
            Self::Quit => ("終了", "Quit"),
            Self::Undo => ("元に戻す", "Undo"),
            Self::Redo => ("やり直す", "Redo"),
            Self::Nothing => ("（なし）", "(nothing)"),
            Self::Copy => ("コピー", "Copy"),
            Self::Paste => ("貼り付け", "Paste"),
            Self::Duplicate => ("複製", "Duplicate"),
            Self::Delete => ("削除", "Delete"),
            Self::SelectAll => ("すべて選択", "Select all"),
            Self::Deselect => ("選択解除", "Deselect"),
            Self::AddStep => ("ステップを追加", "Add step"),
            Self::AddStepAfter => ("次のステップを追加", "Add next step"),
            Self::Rename => ("名前を変更", "Rename"),
            Self::Connect => ("選択した2つをつなぐ", "Connect the two selected"),
            Self::NudgeEarlier => ("少し前へ", "Nudge earlier"),
            Self::NudgeLater => ("少し後へ", "Nudge later"),
            Self::NudgeUp => ("1段上へ", "One level up"),
            Self::NudgeDown => ("1段下へ", "One level down"),
            Self::ZoomIn => ("拡大", "Zoom in"),
            Self::ZoomOut => ("縮小", "Zoom out"),
            Self::Fit => ("全体を表示", "Fit journey"),
            Self::DarkTheme => ("ダークテーマ", "Dark theme"),
            Self::SidePanel => ("サイドパネル", "Side panel"),
            Self::LayerEmotions => (
                "感情（顔・ペイン/感動）",
                "Emotions (faces, pain / delight)",
            ),
            Self::LayerCurve => ("感情曲線", "Emotion curve"),
            Self::VeryBad => ("感情: とても不満", "Emotion: very dissatisfied"),
            Self::Bad => ("感情: 不満", "Emotion: dissatisfied"),
            Self::Neutral => ("感情: ふつう", "Emotion: neutral"),
            Self::Good => ("感情: 満足", "Emotion: satisfied"),
            Self::VeryGood => ("感情: とても満足", "Emotion: very satisfied"),
            Self::CycleFeeling => ("感情の名前を切り替え", "Cycle the named emotion"),
            Self::Emotion => ("感情", "Emotion"),
            Self::Valence => ("満足度", "Valence"),
            Self::Feeling => ("感情の名前", "Named emotion"),
            Self::CustomFeeling => ("その他（自由入力）", "Other (type a name)"),
            Self::Thinks => ("考えていること", "Thinks"),
            Self::Quote => ("お客様の声", "Customer quote"),
            Self::Moment => ("印", "Mark"),
            Self::PainPoint => ("ペインポイント", "Pain point"),
            Self::Delight => ("感動ポイント", "Moment of delight"),
            Self::NoMoment => ("なし", "None"),
            Self::NotSet => ("（未設定）", "(not set)"),
            Self::PainPointsTab => ("ペイン", "Pain points"),
            Self::NoValence => ("満足度が未設定のステップ", "Steps without a valence"),
            Self::Language => ("言語 / Language", "Language / 言語"),
            Self::Shortcuts => ("キーボードショートカット", "Keyboard shortcuts"),
            Self::TimeAxis => ("時間（不可逆）→", "Time (irreversible) →"),
            Self::AffinityAxis => ("ブランドとの距離・好意度 ↑", "Affinity to the brand ↑"),
            Self::Untitled => ("無題", "Untitled"),
            Self::NewStepTitle => ("新しいステップ", "New step"),
            Self::StepTab => ("ステップ", "Step"),
            Self::PhasesTab => ("フェーズ", "Phases"),
            Self::LevelsTab => ("レベル", "Levels"),
            Self::JourneyTab => ("ジャーニー", "Journey"),
            Self::NoSelection => (
                "ステップを選択すると、ここで編集できます。",
                "Select a step to edit it here.",
            ),
            Self::ManySelected => ("件のステップを選択中", "steps selected"),
            Self::Title => ("タイトル", "Title"),
            Self::Description => ("説明", "Description"),
            Self::Kind => ("種類", "Kind"),
            Self::KindStart => ("スタート（認知前）", "Start (before awareness)"),
            Self::KindStep => ("ステップ", "Step"),
            Self::KindGoal => ("ゴール（目指す顧客の姿）", "Goal (target state)"),
            Self::Time => ("時間", "Time"),
            Self::Level => ("レベル", "Level"),
            Self::Channel => ("接点", "Channel"),
            Self::NoTouchpoint => ("（接点なし）", "(no touchpoint)"),
            Self::TouchpointName => ("接点の名前", "Touchpoint name"),
            Self::Initiatives => ("施策・メッセージ", "Initiatives & messages"),
            Self::InitiativeText => ("施策", "Initiative"),
            Self::Department => ("担当部署", "Department"),
            Self::AddInitiative => ("施策を追加", "Add initiative"),
            Self::Notes => ("メモ", "Notes"),
            Self::Links => ("つながり", "Links"),
            Self::LinkLabel => ("きっかけ", "Trigger"),
            Self::Remove => ("削除", "Remove"),
            Self::Add => ("追加", "Add"),
            Self::Name => ("名前", "Name"),
            Self::Colour => ("色", "Colour"),
            Self::StartT => ("開始", "Start"),
            Self::EndT => ("終了", "End"),
            Self::MoveUp => ("上へ", "Up"),
            Self::MoveDown => ("下へ", "Down"),
            Self::Persona => ("ペルソナ", "Persona"),
            Self::PersonaName => ("ペルソナ名", "Persona name"),
            Self::PersonaDescription => ("ペルソナの説明", "Persona description"),
            Self::Brand => ("ブランド", "Brand"),
            Self::StartStatement => ("スタート（認知前の状態）", "Start (before awareness)"),
            Self::GoalStatement => ("ゴール（目指す顧客の姿）", "Goal (target customer state)"),
            Self::UnsavedTitle => ("保存されていない変更", "Unsaved changes"),
            Self::UnsavedBody => (
                "変更を保存しますか？保存しないと変更は失われます。",
                "Save your changes? If you don't, they will be lost.",
            ),
            Self::DontSave => ("保存しない", "Don't save"),
            Self::Cancel => ("キャンセル", "Cancel"),
            Self::ExportPng => ("書き出す（PNG・PDF・SVG）…", "Export (PNG, PDF, SVG)…"),
            Self::CopyImage => ("図を画像としてコピー", "Copy diagram as image"),
            Self::ExportFailed => ("書き出せませんでした", "Could not export"),
            Self::Exported => ("書き出しました", "Exported"),
            Self::Copied => (
                "図をクリップボードにコピーしました",
                "Diagram copied to the clipboard",
            ),
            Self::ImportNps => ("NPS データを取り込む…", "Import NPS data…"),
            Self::LayerNps => ("NPS（推奨度）", "NPS"),
            Self::LayerNpsHeat => ("NPS で色分け", "Tint cards by NPS"),
            Self::NpsTab => ("NPS", "NPS"),
            Self::InitiativesTab => ("施策", "Initiatives"),
            Self::LayerInitiatives => ("施策レーン（部署ごと）", "Initiative lanes by department"),
            Self::Timer => ("タイマー", "Timer"),
            Self::TimerPlusMinute => ("＋1 分", "+1 min"),
            Self::TimerPause => ("一時停止／再開", "Pause / resume"),
            Self::TimerStop => ("止める", "Stop"),
            Self::Present => ("プレゼンター表示", "Presenter view"),
            Self::Vote => ("ドット投票…", "Dot voting…"),
            Self::Palette => ("コマンドパレット…", "Command palette…"),
            Self::ImportEvents => ("CRM イベントログを取り込む…", "Import CRM events…"),
            Self::EventsTitle => ("CRM イベントログの取り込み", "Import a CRM event log"),
            Self::EventsHelp => (
                "CSV（UTF-8 または Shift_JIS、カンマ・セミコロン・タブ区切り）。列: 顧客ID, ステップ, 日付（2026-03-01、2026-03-01T10:00、2026/3/1）。顧客ごとに日付順に並べ、ステップ間の移動・そこで終わった顧客・購入ステップのリピート率を数えます。",
                "CSV (UTF-8 or Shift_JIS; comma, semicolon or tab). Columns: customer, step, date (2026-03-01, 2026-03-01T10:00, 2026/3/1). Each customer's events in date order give the moves between steps, who ended where, and the repeat rate over purchase steps.",
            ),
            Self::FlowName => ("顧客フローの名前", "Flow name"),
            Self::LayerFlow => (
                "顧客フロー（線の太さと分岐の割合）",
                "Customer flow (widths and shares)",
            ),
            Self::LayerKpi => (
                "KPI レーン（フェーズごとの顧客数・リピート率・NPS）",
                "KPI lane (customers, repeat rate and NPS per phase)",
            ),
            Self::FlowTab => ("フロー", "Flow"),
            Self::NoFlow => (
                "顧客フローはまだありません。CRM のイベントログ（顧客ID・ステップ・日付）を取り込むと、ステップ間の移動とリピート率が見えます。",
                "No customer flow yet. Import a CRM event log (customer, step, date) to see the moves between steps and the repeat rate.",
            ),
            Self::AddMissingLink => ("つなぐ", "Link"),
            Self::PurchaseStep => ("購入ステップ ¥", "Purchase step ¥"),
            Self::PurchaseStepHint => (
                "ここで購入が起きる: CRM のイベントログでリピート率を数えるステップ",
                "A purchase happens here: the steps the repeat rate counts in a CRM event log",
            ),
            Self::PhaseWord => ("フェーズ", "Phase"),
            Self::ChooseFolder => ("スライドを書き出すフォルダー", "Folder for the slides"),
            Self::ChooserOpen => ("開く", "Open"),
            Self::ChooserNewFolder => ("新しいフォルダー", "New folder"),
            Self::ChooserNewFolderName => ("新しいフォルダー", "New folder"),
            Self::ChooserRename => ("名前を変更", "Rename"),
            Self::ChooserRefresh => ("再読み込み", "Refresh"),
            Self::ChooserParent => ("上のフォルダーへ", "Up one folder"),
            Self::ChooserFile => ("ファイル名:", "File name:"),
            Self::ChooserHidden => ("隠しファイルを表示", "Show hidden files"),
            Self::NoFileDialog => (
                "このシステムにはファイルダイアログ（XDG デスクトップポータルまたは zenity）がないため、Kaidan のファイル選択を使います",
                "This system has no file dialog (no XDG desktop portal or zenity): using Kaidan's own file chooser",
            ),
            Self::Move => ("移動", "Move"),
            Self::PaletteHint => (
                "操作を検索（日本語・英語）",
                "Search commands (English or Japanese)",
            ),
            Self::PaletteNothing => ("見つかりません", "Nothing found"),
            Self::PhaseOf => ("フェーズ", "Phase"),
            Self::LegendStatuses => (
                "点線＝アイデア　枠＝予定　塗り＝実施中　✓＝終了",
                "dashed = idea, outline = planned, filled = running, ✓ = done",
            ),
            Self::LegendDots => (
                "カードの点＝施策のある部署",
                "Dots on a card: departments acting",
            ),
            Self::LegendDotsSilent => (
                "カードの点＝施策のある部署　○＝施策なし（赤は下った先）",
                "Dots: departments acting; ○ none (red: where customers fall)",
            ),
            Self::HighlightDepartment => ("部署を強調", "Highlight a department"),
            Self::NoHighlight => ("強調しない", "None"),
            Self::Departments => ("部署", "Departments"),
            Self::AddDepartment => ("部署を追加", "Add department"),
            Self::NoDepartment => ("（部署なし）", "(no department)"),
            Self::NewDepartment => ("新しい部署", "New department"),
            Self::KindInitiative => ("施策", "Initiative"),
            Self::KindMessage => ("メッセージ", "Message"),
            Self::StatusIdea => ("アイデア", "Idea"),
            Self::StatusPlanned => ("予定", "Planned"),
            Self::StatusRunning => ("実施中", "Running"),
            Self::StatusDone => ("終了", "Done"),
            Self::InitiativeNote => ("メモ", "Note"),
            Self::Status => ("状況", "Status"),
            Self::RemoveDepartmentTitle => ("部署を削除しますか？", "Remove this department?"),
            Self::RemoveDepartmentBody => (
                "この部署の施策は残り、部署なしになります。元に戻す（Ctrl+Z）で一度に戻せます。",
                "Its initiatives stay, with no department. Undo (Ctrl+Z) brings everything back in one step.",
            ),
            Self::GroupByDepartment => ("部署ごと", "By department"),
            Self::GroupByPhase => ("フェーズごと", "By phase"),
            Self::AllDepartments => ("すべての部署", "All departments"),
            Self::AllStatuses => ("すべての状況", "All statuses"),
            Self::NoInitiatives => ("施策はまだありません", "No initiatives yet"),
            Self::SilentStep => ("施策なし", "No initiative"),
            Self::Wave => ("調査回", "Survey wave"),
            Self::WaveName => ("調査回の名前", "Wave name"),
            Self::WaveDate => ("実施日 (YYYY-MM-DD)", "Date (YYYY-MM-DD)"),
            Self::Benchmark => ("業界平均 NPS（比較線）", "Industry NPS (benchmark line)"),
            Self::ImportTitle => ("NPS データの取り込み", "Import NPS data"),
            Self::ImportHelp => (
                "CSV（UTF-8 または Shift_JIS、カンマ・セミコロン・タブ区切り）。縦持ち：ステップ, スコア[, 調査回, 回答者]。横持ち：1 行 1 回答者、列見出しがステップ名。取り込んだステップの値は置き換えられます。",
                "CSV (UTF-8 or Shift_JIS; comma, semicolon or tab). Long: step, score[, wave, respondent]. Wide: one row per respondent, one column per step title. Imported steps' scores are replaced.",
            ),
            Self::ImportButton => ("取り込む", "Import"),
            Self::ImportFailed => (
                "取り込めませんでした（何も変更していません）",
                "Nothing was imported",
            ),
            Self::Imported => ("取り込みました", "Imported"),
            Self::Answers => ("件の回答", "answers"),
            Self::NoWaves => (
                "調査データはまだありません。ファイル › NPS データを取り込む… で CSV を読み込めます。",
                "No survey data yet. Use File › Import NPS data… to load a CSV.",
            ),
            Self::AddWave => ("調査回を追加", "Add wave"),
            Self::RemoveWave => ("この調査回を削除", "Remove this wave"),
            Self::PlotMainPath => (
                "メインパスの NPS（95% 信頼区間）",
                "NPS along the main path (95% CI)",
            ),
            Self::PlotShares => (
                "推奨者・中立者・批判者の割合",
                "Promoters, passives, detractors",
            ),
            Self::PlotDistribution => ("スコア分布（0〜10）", "Score distribution (0–10)"),
            Self::PlotWaves => ("調査回の比較", "Waves side by side"),
            Self::Scores => ("スコアごとの回答数", "Answers per score"),
            Self::SmallSample => ("※ n<30：少数サンプル", "※ n<30: small sample"),
            Self::Overall => ("全体（ブランド）", "Overall (brand)"),
            Self::NotAsked => ("この調査回では未調査", "Not asked in this wave"),
            Self::Promoters => ("推奨者 (9–10)", "Promoters (9–10)"),
            Self::Passives => ("中立者 (7–8)", "Passives (7–8)"),
            Self::Detractors => ("批判者 (0–6)", "Detractors (0–6)"),
            Self::ChangeSignificant => (
                "前回からの変化（▲▼：誤差を超える、△▽：誤差の範囲）",
                "Change since the previous wave (▲▼ beyond noise, △▽ within)",
            ),
            Self::SelectStepForDistribution => (
                "ステップを選ぶと分布を表示します",
                "Select a step to see its distribution",
            ),

            Self::OpenFailed => ("ファイルを開けませんでした", "Could not open the file"),
            Self::SaveFailed => ("保存できませんでした", "Could not save"),
            Self::Close => ("閉じる", "Close"),
            Self::Shortcut => ("キー", "Keys"),
            Self::Command => ("操作", "Command"),
            Self::Mouse => ("マウス", "Mouse"),
            Self::GestureAdd => (
                "何もない所をダブルクリック: その時点とレベルにステップを追加",
                "Double-click empty canvas: add a step at that time and level",
            ),
            Self::GestureLink => (
                "カード右端の ● からドラッグ: つなぐ",
                "Drag from a card's ● handle: link",
            ),
            Self::GestureSelect => (
                "Shift+クリック / 枠で囲む: 複数選択",
                "Shift+click / drag a box: select several",
            ),
            Self::GestureMove => (
                "カードをドラッグ: 時間とレベルを移動",
                "Drag a card: move it in time and level",
            ),
            Self::GestureChip => (
                "施策のチップを別のステップへドラッグ: 付け替える",
                "Drag an initiative's chip onto another step: move it there",
            ),
            Self::GesturePan => (
                "Space+ドラッグ、中・右ボタンでドラッグ、スクロール: 画面を動かす",
                "Space+drag, middle or right drag, scroll: pan",
            ),
            Self::GestureZoom => (
                "Ctrl+スクロール、ピンチ: 拡大・縮小",
                "Ctrl+scroll, pinch: zoom",
            ),
            Self::Unsaved => ("未保存", "unsaved"),
            Self::ExportTitle => ("PNG に書き出す", "Export PNG"),
            Self::ExportTitlePdf => ("PDF に書き出す", "Export PDF"),
            Self::ExportTitleDeck => ("デッキを書き出す", "Export a deck"),
            Self::ExportTitleSvg => ("SVG に書き出す", "Export SVG"),
            Self::ExportFormat => ("形式", "Format"),
            Self::FormatPng => ("PNG（画像）", "PNG (image)"),
            Self::FormatPdf => (
                "PDF（ベクター、文字を検索・コピーできる）",
                "PDF (vector; text can be searched and copied)",
            ),
            Self::FormatSvg => ("SVG（ベクター）", "SVG (vector)"),
            Self::VectorSizeHint => (
                "PDF・SVG ではサイズがページの縦横比を決めます。どの倍率でも鮮明です",
                "For PDF and SVG the size sets the page's shape; it stays sharp at any zoom",
            ),
            Self::Exporting => ("書き出し中…", "Exporting…"),
            Self::ExportButton => ("書き出す…", "Export…"),
            Self::ExportSize => ("サイズ", "Size"),
            Self::PresetSlide => ("スライド 1920×1080", "Slide 1920×1080"),
            Self::PresetUhd => ("4K 3840×2160", "4K 3840×2160"),
            Self::PresetA4 => ("A4 横 300 dpi", "A4 landscape 300 dpi"),
            Self::PresetCustom => ("指定", "Custom"),
            Self::PresetScale => ("倍率", "Scale"),
            Self::ExportArea => ("範囲", "Area"),
            Self::WholeJourney => ("ジャーニー全体", "Whole journey"),
            Self::CurrentView => ("いま見えている範囲", "Current view"),
            Self::DeckArea => (
                "デッキ（全体像とフェーズごとのスライド）",
                "Deck (overview and a slide per phase)",
            ),
            Self::DeckFolderHint => (
                "PNG・SVG のデッキは、選んだフォルダに番号付きのスライドとして書き出します",
                "A PNG or SVG deck is written as numbered slides into the folder you choose",
            ),
            Self::ExportBackground => ("背景", "Background"),
            Self::White => ("白", "White"),
            Self::Transparent => ("透明", "Transparent"),
            Self::ExportLayers => ("レイヤー", "Layers"),
            Self::Legend => ("凡例", "Legend"),
            Self::TitleBlock => ("タイトル欄", "Title block"),
            Self::SmallestText => ("最小の文字", "Smallest text"),
            Self::NpsNotAsked => ("NPS 未調査", "No NPS"),
            Self::TooSmallToProject => (
                "投影では読みにくい大きさです（1920×1080 のスライドで 14 px 未満。4K でも同じ比率です）。フェーズごとのデッキか、表示中の範囲を書き出してください",
                "too small to read projected (under 14 px on a 1920×1080 slide, and the same share of a 4K one); export a deck (a slide per phase) or the current view",
            ),
            Self::LegendLevels => (
                "レベル（上ほどブランドに近い）",
                "Levels (top = closest to the brand)",
            ),
            Self::LegendAscending => ("階段を上る・進む", "Climbing or moving on"),
            Self::LegendDescending => ("下る分岐（▼）", "Descending branch (▼)"),
            Self::EmotionLow => ("とても不満", "Very bad"),
            Self::EmotionHigh => ("とても満足", "Very good"),
            Self::NpsBar => ("批判者・中立者・推奨者", "Detractors, passives, promoters"),
            Self::SmallSampleNote => ("n<30：少数サンプル", "n<30: small sample"),
            Self::ChangeNote => ("前回比（▲▼有意 △▽誤差内）", "Change (▲▼ real, △▽ noise)"),
            Self::Recover => ("保存されていない作業を復元…", "Recover unsaved work…"),
            Self::RecoverTitle => ("保存されていない作業があります", "Unsaved work was found"),
            Self::RecoverBody => (
                "前回 Kaidan が正しく終了しなかったため、自動バックアップが残っています。復元すると、保存するまで元のファイルは変更されません。",
                "Kaidan did not close properly last time, and these automatic backups were left. A restored journey changes no file until you save it.",
            ),
            Self::RecoverWritten => ("バックアップ:", "Backed up"),
            Self::RecoverOriginalNewer => (
                "元のファイルはこのバックアップより後に変更されています。保存すると上書きされます。",
                "The original file changed after this backup; saving will overwrite it.",
            ),
            Self::NeverSaved => ("未保存の新規ジャーニー", "new journey, never saved"),
            Self::Restore => ("復元", "Restore"),
            Self::Discard => ("破棄", "Discard"),
            Self::Later => ("あとで", "Later"),
            Self::Restored => (
                "復元しました。保存するまで元のファイルは変わりません",
                "Restored; no file changes until you save",
            ),
            Self::RecoverMore => (
                "ほかにも復元できる作業があります（ファイル › 保存されていない作業を復元…）",
                "More unsaved work can be restored (File › Recover unsaved work…)",
            ),
            Self::AutosaveInterval => ("自動バックアップの間隔", "Automatic backup every"),
            Self::AutosaveFailed => (
                "自動バックアップを書けませんでした",
                "The automatic backup could not be written",
            ),
            Self::Seconds => ("秒", "s"),
            Self::Minutes => ("分", "min"),
        };
        lang.pick(ja, en)
    }
}

/// The name of an initiative's kind (施策, メッセージ) in `lang`.
#[must_use]
pub fn kind_label(kind: crate::model::InitiativeKind, lang: Lang) -> &'static str {
    match kind {
        crate::model::InitiativeKind::Initiative => T::KindInitiative.text(lang),
        crate::model::InitiativeKind::Message => T::KindMessage.text(lang),
    }
}

/// The name of an initiative's status (アイデア, 予定, 実施中, 終了) in `lang`.
#[must_use]
pub fn status_label(status: crate::model::Status, lang: Lang) -> &'static str {
    use crate::model::Status;
    match status {
        Status::Idea => T::StatusIdea.text(lang),
        Status::Planned => T::StatusPlanned.text(lang),
        Status::Running => T::StatusRunning.text(lang),
        Status::Done => T::StatusDone.text(lang),
    }
}

/// The verb for an undoable change ("移動", "Move"), for the Edit menu.
#[must_use]
pub fn action_text(action: Action, lang: Lang) -> &'static str {
    let (ja, en) = match action {
        Action::AddStep => ("ステップ追加", "Add step"),
        Action::RemoveStep => ("ステップ削除", "Delete step"),
        Action::Move => ("移動", "Move"),
        Action::Retitle => ("名前変更", "Rename"),
        Action::SetKind => ("種類変更", "Change kind"),
        Action::EditStep => ("ステップ編集", "Edit step"),
        Action::Link => ("接続", "Connect"),
        Action::Unlink => ("接続解除", "Disconnect"),
        Action::RelabelLink => ("きっかけ変更", "Edit trigger"),
        Action::AddPhase => ("フェーズ追加", "Add phase"),
        Action::RemovePhase => ("フェーズ削除", "Remove phase"),
        Action::RenamePhase => ("フェーズ名変更", "Rename phase"),
        Action::RecolourPhase => ("フェーズの色変更", "Recolour phase"),
        Action::EditDepartments => ("部署の変更", "Edit departments"),
        Action::ResizePhase => ("フェーズの範囲変更", "Resize phase"),
        Action::ReorderPhases => ("フェーズ並べ替え", "Reorder phases"),
        Action::AddLevel => ("レベル追加", "Add level"),
        Action::RemoveLevel => ("レベル削除", "Remove level"),
        Action::RenameLevel => ("レベル名変更", "Rename level"),
        Action::DescribeLevel => ("レベル説明変更", "Describe level"),
        Action::ReorderLevels => ("レベル並べ替え", "Reorder levels"),
        Action::EditMeta => ("ジャーニー情報編集", "Edit journey details"),
        Action::Survey => ("NPS データ変更", "Edit NPS data"),
        Action::ImportSurvey => ("NPS データ取り込み", "Import NPS data"),
        Action::AddWave => ("調査回追加", "Add survey wave"),
        Action::RemoveWave => ("調査回削除", "Remove survey wave"),
        Action::EditWave => ("調査回編集", "Edit survey wave"),
        Action::ImportFlow => ("顧客フロー取り込み", "Import customer flow"),
        Action::RemoveFlow => ("顧客フロー削除", "Remove customer flow"),
        Action::CloseSession => ("投票の締め切り", "Close vote"),
        Action::ReopenSession => ("投票の再開", "Reopen vote"),
        Action::Several => ("まとめて変更", "Several changes"),
    };
    lang.pick(ja, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("en-GB"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn both_languages_differ_where_it_matters() {
        assert_ne!(T::Undo.text(Lang::Ja), T::Undo.text(Lang::En));
        assert_eq!(action_text(Action::Move, Lang::Ja), "移動");
    }
}
