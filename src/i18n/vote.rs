//! The texts of dot voting: the session dialog, the board and `kaidan votes`.

use super::{Lang, say};
use crate::model::Subject;

/// A fixed text of the voting UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteText {
    /// The dialog's title.
    Sessions,
    /// Heading of the new-session form.
    NewSession,
    /// Label of the name field.
    Name,
    /// Label of the subject choice.
    Subject,
    /// Label of the participants field.
    Participants,
    /// Label of the dots field.
    DotsEach,
    /// Starts the session.
    Start,
    /// Opens a session's board.
    Open,
    /// Removes a session.
    Remove,
    /// Confirms removing (it cannot be undone).
    ConfirmRemove,
    /// Counts this participant's dots and hands over.
    NextParticipant,
    /// Shows the results.
    Reveal,
    /// Opens the count entry of a sticker vote.
    EnterCounts,
    /// Saves the entered counts.
    SaveCounts,
    /// Closes the session.
    CloseSession,
    /// Reopens it.
    Reopen,
    /// Back to the journey.
    BackToMap,
    /// Cancels.
    Cancel,
    /// Hint under the chips while voting.
    ClickHint,
    /// Said while counts are hidden.
    Hidden,
}

impl VoteText {
    /// The text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Self::Sessions => ("ドット投票", "Dot voting"),
            Self::NewSession => ("新しい投票", "New vote"),
            Self::Name => ("名前", "Name"),
            Self::Subject => ("投票の対象", "Vote on"),
            Self::Participants => ("参加者（人）", "Participants"),
            Self::DotsEach => ("1 人のドット数", "Dots each"),
            Self::Start => ("投票を始める", "Start the vote"),
            Self::Open => ("開く", "Open"),
            Self::Remove => ("削除", "Remove"),
            Self::ConfirmRemove => ("削除する（元に戻せません）", "Remove (cannot be undone)"),
            Self::NextParticipant => ("次の参加者へ", "Next participant"),
            Self::Reveal => ("結果を表示", "Reveal results"),
            Self::EnterCounts => ("シールの集計を入力…", "Enter sticker counts…"),
            Self::SaveCounts => ("集計を保存", "Save counts"),
            Self::CloseSession => ("投票を締め切る", "Close the vote"),
            Self::Reopen => ("投票を再開", "Reopen the vote"),
            Self::BackToMap => ("マップに戻る (Esc)", "Back to the map (Esc)"),
            Self::Cancel => ("キャンセル", "Cancel"),
            Self::ClickHint => (
                "クリックでドットを置く・右クリックで 1 つ戻す",
                "Click to place a dot, right-click to take one back",
            ),
            Self::Hidden => (
                "結果は「結果を表示」まで隠れています",
                "Results stay hidden until Reveal",
            ),
        };
        lang.pick(ja, en)
    }
}

/// What a session votes on, in words (`phase` names the phase of a phase vote).
#[must_use]
pub fn subject(subject: Subject, phase: &str, lang: Lang) -> String {
    match subject {
        Subject::Ideas => lang.pick("アイデア段階の施策", "Ideas").to_owned(),
        Subject::Initiatives => lang
            .pick("すべての施策・メッセージ", "All initiatives and messages")
            .to_owned(),
        Subject::Phase(_) => say!(
            lang,
            "フェーズ「{phase}」の施策",
            "Initiatives of phase 「{phase}」"
        ),
        Subject::PainPoints => lang.pick("ペインポイント", "Pain points").to_owned(),
    }
}

/// A choice of subject with how many items it would put to the vote.
#[must_use]
pub fn subject_count(subject_text: &str, items: usize, lang: Lang) -> String {
    say!(
        lang,
        "{subject_text}（{items} 件）",
        "{subject_text} ({items})"
    )
}

/// The default name of the `n`th session.
#[must_use]
pub fn default_name(n: usize, lang: Lang) -> String {
    say!(lang, "投票 {n}", "Vote {n}")
}

/// Where a session stands, for the sessions list.
#[must_use]
pub fn state(voted: u32, participants: u32, revealed: bool, closed: bool, lang: Lang) -> String {
    if closed {
        lang.pick("締め切り", "closed").to_owned()
    } else if revealed {
        lang.pick("結果公開", "revealed").to_owned()
    } else {
        say!(
            lang,
            "投票中 {voted}/{participants} 人",
            "voting {voted}/{participants}"
        )
    }
}

/// The board's line for the participant whose turn it is.
#[must_use]
pub fn turn(participant: u32, participants: u32, left: u32, lang: Lang) -> String {
    let dots = if left == 1 { "dot" } else { "dots" };
    say!(
        lang,
        "参加者 {participant} / {participants} 人目 — 残り {left} ドット",
        "Participant {participant} of {participants} — {left} {dots} left"
    )
}

/// The board's line once everyone has voted.
#[must_use]
pub fn all_voted(participants: u32, lang: Lang) -> String {
    say!(
        lang,
        "{participants} 人全員が投票しました",
        "All {participants} participants have voted"
    )
}

/// The board's line over the results.
#[must_use]
pub fn results(cast: u64, budget: u64, lang: Lang) -> String {
    say!(
        lang,
        "結果 — {cast} / {budget} ドット",
        "Results — {cast} of {budget} dots"
    )
}

/// A participant tried to place more dots than they have.
#[must_use]
pub fn no_dots_left(dots: u32, lang: Lang) -> String {
    say!(
        lang,
        "ドットは 1 人 {dots} 個までです。右クリックで 1 つ戻せます",
        "Each participant has {dots} dots; right-click a dot to take it back"
    )
}

/// The total of the counts being entered.
#[must_use]
pub fn counts_total(total: u64, budget: u64, lang: Lang) -> String {
    say!(
        lang,
        "合計 {total} / {budget} ドット",
        "Total {total} of {budget} dots"
    )
}

/// A rank and its dots on a result chip.
#[must_use]
pub fn rank(rank: usize, votes: u32, lang: Lang) -> String {
    let word = if votes == 1 { "vote" } else { "votes" };
    say!(lang, "{rank} 位 · {votes} 票", "#{rank} · {votes} {word}")
}
