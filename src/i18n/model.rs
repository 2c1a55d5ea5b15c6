//! The texts of the model's rules: what `validate` finds wrong with a journey ([`Problem`])
//! and why an edit was refused ([`EditError`]), in Japanese and English.

use super::{Lang, Localize, english_display, say};
use crate::edit::EditError;
use crate::model::limits::{Counted, MAX_ABS_TIME, MAX_TEXT_CHARS, Owner, TextField};
use crate::model::{MAX_ID, NAME_SHOWN_CHARS, Named, Problem, StepId, shortened};

english_display!(Problem, EditError);

/// A name quoted in a message: 「…」, cut if long.
fn quoted(name: &str) -> String {
    format!("「{}」", shortened(name, NAME_SHOWN_CHARS))
}

fn list(steps: &[Named<StepId>]) -> String {
    steps
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn counted(what: Counted, lang: Lang) -> &'static str {
    let (ja, en) = match what {
        Counted::Steps => ("ステップ", "steps"),
        Counted::Links => ("つながり", "links"),
        Counted::Levels => ("レベル", "levels"),
        Counted::Phases => ("フェーズ", "phases"),
        Counted::Waves => ("調査回", "survey waves"),
        Counted::Initiatives => ("施策・メッセージ", "initiatives and messages"),
        Counted::Departments => ("部署", "departments"),
        Counted::Sessions => ("投票", "voting sessions"),
        Counted::VoteItems => ("投票の項目", "items put to the vote"),
        Counted::Flows => ("顧客フローの回", "customer-flow waves"),
        Counted::FlowCounts => (
            "顧客フローの数値（移動・ステップ・フェーズ）",
            "customer-flow counts (moves, steps, phases)",
        ),
    };
    lang.pick(ja, en)
}

fn field(field: TextField, lang: Lang) -> &'static str {
    use TextField as F;
    let (ja, en) = match field {
        F::JourneyTitle => ("ジャーニーのタイトル", "the journey's title"),
        F::PersonaName => ("ペルソナ名", "the persona's name"),
        F::PersonaDescription => ("ペルソナの説明", "the persona's description"),
        F::Brand => ("ブランド", "the brand"),
        F::StartStatement => ("スタートの状態", "the start statement"),
        F::GoalStatement => ("目指す顧客の姿", "the goal statement"),
        F::StepTitle => ("タイトル", "title"),
        F::StepDescription | F::LevelDescription => ("説明", "description"),
        F::StepNotes => ("メモ", "notes"),
        F::Touchpoint => ("接点の名前", "touchpoint name"),
        F::Initiative => ("施策", "initiative"),
        F::Department => ("部署名", "department name"),
        F::InitiativeNote => ("施策のメモ", "initiative note"),
        F::Feeling => ("感情の名前", "emotion name"),
        F::Thinks => ("考えていること", "thoughts"),
        F::Quote => ("お客様の声", "quote"),
        F::LinkLabel => ("きっかけ", "trigger"),
        F::LevelLabel => ("名前", "label"),
        F::PhaseName | F::WaveName | F::SessionName | F::FlowName => ("名前", "name"),
        F::VoteItem => ("投票の項目", "item put to the vote"),
    };
    lang.pick(ja, en)
}

/// 「ステップ s7 「…」 の」 / "step s7 「…」's": who owns a text, as a prefix.
fn owner(owner: &Owner, lang: Lang) -> String {
    match owner {
        Owner::Journey => String::new(),
        Owner::Step(s) => say!(lang, "ステップ {s} の", "step {s}: "),
        Owner::Link(from, to) => say!(lang, "つながり {from} → {to} の", "link {from} → {to}: "),
        Owner::Level(l) => say!(lang, "レベル {l} の", "level {l}: "),
        Owner::Phase(p) => say!(lang, "フェーズ {p} の", "phase {p}: "),
        Owner::Wave(i) => say!(lang, "{i} 番目の調査回の", "survey wave {i}: "),
        Owner::Department(d) => say!(lang, "部署 {d} の", "department {d}: "),
        Owner::Session(i) => say!(lang, "{i} 番目の投票の", "voting session {i}: "),
        Owner::Flow(i) => say!(lang, "{i} 番目の顧客フローの", "customer-flow wave {i}: "),
    }
}

fn id_kind(what: &str, lang: Lang) -> &'static str {
    match what {
        "step" => lang.pick("ステップ", "step"),
        "level" => lang.pick("レベル", "level"),
        "department" => lang.pick("部署", "department"),
        _ => lang.pick("フェーズ", "phase"),
    }
}

impl Localize for Problem {
    #[allow(clippy::too_many_lines)] // one arm per rule
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::NoLevels => say!(
                lang,
                "好意度のレベルがありません",
                "the journey has no affinity levels"
            ),
            Self::DuplicateStepId(id) => say!(
                lang,
                "2 つのステップが同じ ID {id} を使っています",
                "two steps share the id {id}"
            ),
            Self::DuplicateLevelId(id) => say!(
                lang,
                "2 つのレベルが同じ ID {id} を使っています",
                "two levels share the id {id}"
            ),
            Self::DuplicatePhaseId(id) => say!(
                lang,
                "2 つのフェーズが同じ ID {id} を使っています",
                "two phases share the id {id}"
            ),
            Self::DuplicateDepartmentId(id) => say!(
                lang,
                "2 つの部署が同じ ID {id} を使っています",
                "two departments share the id {id}"
            ),
            Self::UnknownDepartment { step, department } => say!(
                lang,
                "ステップ {step} の施策の部署 {department} は存在しません",
                "an initiative of step {step} belongs to department {department}, which does not exist"
            ),
            Self::DepartmentByName { step, name } => {
                let name = shortened(name, crate::model::NAME_SHOWN_CHARS);
                say!(
                    lang,
                    "ステップ {step} の施策の部署が名前「{name}」で書かれています。format_version 4 以降は部署の ID で指定します",
                    "an initiative of step {step} names its department 「{name}」; since format_version 4 a department is given by its id"
                )
            }
            Self::IdNotBelowNext { what, id, next_id } => {
                let kind = id_kind(what, lang);
                say!(
                    lang,
                    "{kind}の ID {id} が next_id {next_id} より小さくありません",
                    "{kind} id {id} is not below next_id {next_id}"
                )
            }
            Self::NextIdTooLarge(n) => say!(
                lang,
                "next_id {n} が大きすぎます（最大 {MAX_ID}）",
                "next_id {n} is too large (at most {MAX_ID})"
            ),
            Self::ValenceOutOfRange { step, valence } => say!(
                lang,
                "ステップ {step} の満足度 {valence} が -2〜2 の範囲外です",
                "step {step} has valence {valence}, outside the scale -2..=2"
            ),
            Self::UnnamedWave { index } => say!(
                lang,
                "{index} 番目の調査回に名前がありません",
                "survey wave {index} has no name"
            ),
            Self::WaveNameControl { index } => say!(
                lang,
                "{index} 番目の調査回の名前に改行などの制御文字が含まれています",
                "survey wave {index} has a control character (a line break, an escape, …) in its name"
            ),
            Self::DuplicateWave(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "調査回 {name} が 2 つあります",
                    "two survey waves are called {name}"
                )
            }
            Self::BadWaveDate { wave, date } => {
                let (wave, date) = (quoted(wave), quoted(date));
                say!(
                    lang,
                    "調査回 {wave} の実施日 {date} は暦にある YYYY-MM-DD の日付ではありません",
                    "survey wave {wave} has the date {date}, which is not a calendar date YYYY-MM-DD"
                )
            }
            Self::UnnamedFlow { index } => say!(
                lang,
                "{index} 番目の顧客フローに名前がありません",
                "customer-flow wave {index} has no name"
            ),
            Self::FlowNameControl { index } => say!(
                lang,
                "{index} 番目の顧客フローの名前に改行などの制御文字が含まれています",
                "customer-flow wave {index} has a control character (a line break, an escape, …) in its name"
            ),
            Self::DuplicateFlow(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "顧客フロー {name} が 2 つあります",
                    "two customer-flow waves are called {name}"
                )
            }
            Self::BadFlowDate { flow, date } => {
                let (flow, date) = (quoted(flow), quoted(date));
                say!(
                    lang,
                    "顧客フロー {flow} の日付 {date} は暦にある YYYY-MM-DD の日付ではありません",
                    "customer-flow wave {flow} has the date {date}, which is not a calendar date YYYY-MM-DD"
                )
            }
            Self::UnnamedSession { index } => say!(
                lang,
                "{index} 番目の投票に名前がありません",
                "voting session {index} has no name"
            ),
            Self::SessionNameControl { index } => say!(
                lang,
                "{index} 番目の投票の名前に改行などの制御文字が含まれています",
                "voting session {index} has a control character (a line break, an escape, …) in its name"
            ),
            Self::DuplicateSession(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "投票 {name} が 2 つあります",
                    "two voting sessions are called {name}"
                )
            }
            Self::BadSessionDate { session, date } => {
                let (session, date) = (quoted(session), quoted(date));
                say!(
                    lang,
                    "投票 {session} の日付 {date} は暦にある YYYY-MM-DD の日付ではありません",
                    "voting session {session} has the date {date}, which is not a calendar date YYYY-MM-DD"
                )
            }
            Self::BadVoteSize {
                session,
                participants,
                dots,
            } => {
                let session = quoted(session);
                let (most_people, most_dots) =
                    (crate::model::MAX_PARTICIPANTS, crate::model::MAX_DOTS);
                say!(
                    lang,
                    "投票 {session} の参加者 {participants} 人 × {dots} ドットは範囲外です（参加者 1〜{most_people} 人、ドット 1〜{most_dots}）",
                    "voting session {session} has {participants} participants × {dots} dots, out of range (1 to {most_people} participants, 1 to {most_dots} dots)"
                )
            }
            Self::VotesOverBudget {
                session,
                cast,
                budget,
            } => {
                let session = quoted(session);
                say!(
                    lang,
                    "投票 {session} のドット {cast} 個（または投票した人数）が、参加者の持ち分 {budget} 個を超えています",
                    "voting session {session} counts {cast} dots (or more voters than participants), more than its participants hold ({budget})"
                )
            }
            Self::ScoresForUnknownStep { wave, step } => {
                let wave = quoted(wave);
                say!(
                    lang,
                    "調査回 {wave} に、存在しないステップ {step} のスコアがあります",
                    "survey wave {wave} has scores for step {step}, which does not exist"
                )
            }
            Self::BenchmarkOutOfRange(b) => say!(
                lang,
                "業界平均 NPS {b} が -100〜100 の範囲外です",
                "the benchmark NPS {b} is outside -100..=100"
            ),
            Self::UnknownLevel { step, level } => say!(
                lang,
                "ステップ {step} のレベル {level} は存在しません",
                "step {step} stands on level {level}, which does not exist"
            ),
            Self::NonFiniteTime { step, t } => say!(
                lang,
                "ステップ {step} の時間が数値ではありません（t = {t}）",
                "step {step} has no finite time (t = {t})"
            ),
            Self::TimeOutOfRange { step, t } => say!(
                lang,
                "ステップ {step} の時間 t = {t} が遠すぎます（±{MAX_ABS_TIME} まで）",
                "step {step} is too far in time (t = {t}; at most ±{MAX_ABS_TIME})"
            ),
            Self::PhaseOutOfRange { phase, start, end } => say!(
                lang,
                "フェーズ {phase} の範囲 {start} .. {end} が遠すぎます（±{MAX_ABS_TIME} まで）",
                "phase {phase} reaches too far in time ({start} .. {end}; at most ±{MAX_ABS_TIME})"
            ),
            Self::TooMany { what, count, limit } => {
                let what = counted(*what, lang);
                say!(
                    lang,
                    "{what}が {count} 個あります（{limit} 個まで）",
                    "the journey has {count} {what}, more than the {limit} it may have"
                )
            }
            Self::TextTooLong {
                owner: o,
                field: f,
                chars,
            } => {
                let (o, f) = (owner(o, lang), field(*f, lang));
                say!(
                    lang,
                    "{o}{f}が {chars} 文字あります（{MAX_TEXT_CHARS} 文字まで）",
                    "{o}{f} has {chars} characters, more than the {MAX_TEXT_CHARS} a text may have"
                )
            }
            Self::NoStart => say!(
                lang,
                "スタート（認知前）のステップがありません",
                "the journey has no start step (before awareness)"
            ),
            Self::SeveralStarts(starts) => {
                let (n, names) = (starts.len(), list(starts));
                say!(
                    lang,
                    "スタートのステップが {n} 個あります（1 個だけにしてください）: {names}",
                    "the journey has {n} start steps, but exactly one is allowed: {names}"
                )
            }
            Self::NoGoal => say!(
                lang,
                "ゴール（目指す顧客の姿）のステップがありません",
                "the journey has no goal step (target customer state)"
            ),
            Self::DanglingLink { from, to, missing } => say!(
                lang,
                "つながり {from} → {to} の先のステップ {missing} は存在しません",
                "link {from} → {to} refers to step {missing}, which does not exist"
            ),
            Self::SelfLink(step) => say!(
                lang,
                "ステップ {step} が自分自身につながっています",
                "step {step} is linked to itself"
            ),
            Self::DuplicateLink { from, to } => say!(
                lang,
                "つながり {from} → {to} が 2 回以上あります",
                "link {from} → {to} appears more than once"
            ),
            Self::BackwardLink {
                from,
                to,
                from_t,
                to_t,
            } => say!(
                lang,
                "つながり {from} → {to} が時間をさかのぼっています（t {from_t} → {to_t}）。時間軸は不可逆です",
                "link {from} → {to} goes back in time (t {from_t} → {to_t}); the time axis is irreversible"
            ),
            Self::LinkIntoStart { from, to } => say!(
                lang,
                "つながり {from} → {to} がスタートに入っています。認知前より前には何もありません",
                "link {from} → {to} arrives at the start step; nothing comes before awareness"
            ),
            Self::LinkOutOfGoal { from, to } => say!(
                lang,
                "つながり {from} → {to} がゴールから出ています。ゴールはジャーニーの終点です",
                "link {from} → {to} leaves a goal step; goals are where the journey ends"
            ),
            Self::BadPhaseExtent { phase, start, end } => say!(
                lang,
                "フェーズ {phase} の範囲 {start} .. {end} が空か正しくありません",
                "phase {phase} has an empty or invalid extent ({start} .. {end})"
            ),
            Self::PhasesOverlap {
                first,
                first_end,
                second,
                second_start,
            } => say!(
                lang,
                "フェーズ {second} が {second_start} に始まり、フェーズ {first} の終わり {first_end} より前です",
                "phase {second} begins at {second_start}, before phase {first} ends at {first_end}"
            ),
        }
    }
}

impl Localize for EditError {
    #[allow(clippy::too_many_lines)] // one arm per refusal
    fn localize(&self, lang: Lang) -> String {
        match self {
            Self::UnknownStep(id) => say!(
                lang,
                "ステップ {id} はもうありません",
                "step {id} does not exist"
            ),
            Self::UnknownLevel(id) => say!(
                lang,
                "レベル {id} はもうありません",
                "level {id} does not exist"
            ),
            Self::UnknownPhase(id) => say!(
                lang,
                "フェーズ {id} はもうありません",
                "phase {id} does not exist"
            ),
            Self::UnknownDepartment(id) => say!(
                lang,
                "部署 {id} はもうありません",
                "department {id} does not exist"
            ),
            Self::DepartmentInUse { department, steps } => say!(
                lang,
                "部署 {department} は {steps} つのステップの施策を担当しています。施策の担当を外してから削除します",
                "department {department} owns initiatives at {steps} steps; they lose their department first"
            ),
            Self::UnknownWave(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "調査回 {name} はありません",
                    "there is no survey wave called {name}"
                )
            }
            Self::WaveExists(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "調査回 {name} はすでにあります",
                    "a survey wave called {name} already exists"
                )
            }
            Self::UnnamedWave => say!(
                lang,
                "調査回には名前が必要です",
                "a survey wave needs a name"
            ),
            Self::WaveNameControl => say!(
                lang,
                "調査回の名前に改行などの制御文字は使えません",
                "a survey wave's name cannot hold a control character (a line break, an escape, …)"
            ),
            Self::BadDate(date) => {
                let date = quoted(date);
                say!(
                    lang,
                    "{date} は暦にある YYYY-MM-DD の日付ではありません",
                    "{date} is not a calendar date of the form YYYY-MM-DD"
                )
            }
            Self::BenchmarkOutOfRange(b) => say!(
                lang,
                "業界平均 NPS は -100〜100 です（{b} は範囲外）",
                "a benchmark NPS must lie in -100..=100, not {b}"
            ),
            Self::StepExists(id) => say!(
                lang,
                "ID {id} のステップはすでにあります",
                "a step with id {id} already exists"
            ),
            Self::IdInUse(id) => say!(
                lang,
                "ID {id} はすでに使われています",
                "id {id} is already in use"
            ),
            Self::NotFinite(t) => say!(
                lang,
                "{t} は使える時間ではありません",
                "{t} is not a usable time"
            ),
            Self::BehindPredecessor {
                step,
                t,
                before,
                before_t,
            } => say!(
                lang,
                "{step} を t = {t} へは動かせません。{before}（t = {before_t}）の後に来るステップで、お客様は時間をさかのぼれません",
                "{step} cannot move to t = {t}: it follows {before} (t = {before_t}), and the customer cannot go back in time"
            ),
            Self::AheadOfSuccessor {
                step,
                t,
                after,
                after_t,
            } => say!(
                lang,
                "{step} を t = {t} へは動かせません。{after}（t = {after_t}）へ進むステップで、お客様は時間をさかのぼれません",
                "{step} cannot move to t = {t}: it leads to {after} (t = {after_t}), and the customer cannot go back in time"
            ),
            Self::BackwardLink { from, to } => say!(
                lang,
                "{from} → {to} はつなげません。{to} が {from} より後の時間ではありません",
                "cannot link {from} → {to}: {to} is not later in time than {from}"
            ),
            Self::SelfLink(step) => say!(
                lang,
                "{step} を自分自身にはつなげません",
                "cannot link {step} to itself"
            ),
            Self::DuplicateLink { from, to } => say!(
                lang,
                "{from} → {to} はすでにつながっています",
                "{from} → {to} are already linked"
            ),
            Self::UnknownLink { from, to } => say!(
                lang,
                "つながり {from} → {to} はありません",
                "there is no link {from} → {to}"
            ),
            Self::LinkIntoStart(step) => say!(
                lang,
                "{step} へはつなげません。スタートはすべての始まりです",
                "cannot link into {step}: the start comes before everything"
            ),
            Self::LinkOutOfGoal(step) => say!(
                lang,
                "{step} からはつなげません。ゴールはジャーニーの終点です",
                "cannot link out of {step}: a goal is where the journey ends"
            ),
            Self::StartNeeded(step) => say!(
                lang,
                "{step} はジャーニーのスタートです。先に別のステップをスタートにしてください",
                "{step} is the journey's start; make another step the start first"
            ),
            Self::SecondStart(step) => say!(
                lang,
                "ジャーニーはすでに {step} から始まっています。スタートは 1 つだけです",
                "the journey already starts at {step}; a journey has exactly one start"
            ),
            Self::GoalNeeded(step) => say!(
                lang,
                "{step} は唯一のゴールです。先に別のゴールを追加してください",
                "{step} is the journey's only goal; add another goal first"
            ),
            Self::LevelInUse {
                level,
                count,
                example,
            } => say!(
                lang,
                "レベル {level} にはまだ {count} 個のステップ（{example} など）があります。先に移動してください",
                "level {level} still holds {count} step(s), e.g. {example}; move them first"
            ),
            Self::LastLevel(level) => say!(
                lang,
                "レベル {level} は最後の 1 つです。ジャーニーには少なくとも 1 つのレベルが必要です",
                "level {level} is the only level; a journey needs at least one"
            ),
            Self::BadPhaseExtent { start, end } => say!(
                lang,
                "フェーズを {start} .. {end} にはできません。始まりより後に終わる必要があります",
                "a phase cannot span {start} .. {end}: it must end after it begins"
            ),
            Self::PhasesOverlap { phase, other } => say!(
                lang,
                "フェーズ {phase} がフェーズ {other} と重なります",
                "phase {phase} would overlap phase {other}"
            ),
            Self::BadValence(v) => say!(
                lang,
                "満足度 {v} は -2〜2 の範囲外です",
                "valence {v} is outside the scale -2..=2"
            ),
            Self::UnknownSession(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "投票 {name} はありません",
                    "there is no voting session called {name}"
                )
            }
            Self::SessionExists(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "投票 {name} はすでにあります。別の名前にしてください",
                    "a voting session called {name} already exists: choose another name"
                )
            }
            Self::UnnamedSession => say!(
                lang,
                "投票には名前が必要です",
                "a voting session needs a name"
            ),
            Self::SessionNameControl => say!(
                lang,
                "投票の名前に改行などの制御文字は使えません",
                "a voting session's name cannot hold a control character (a line break, an escape, …)"
            ),
            Self::BadVoteSize { participants, dots } => {
                let (most_people, most_dots) =
                    (crate::model::MAX_PARTICIPANTS, crate::model::MAX_DOTS);
                say!(
                    lang,
                    "参加者 {participants} 人 × {dots} ドットは範囲外です（参加者 1〜{most_people} 人、ドット 1〜{most_dots}）",
                    "{participants} participants × {dots} dots is out of range (1 to {most_people} participants, 1 to {most_dots} dots)"
                )
            }
            Self::NothingToVoteOn => say!(
                lang,
                "投票する対象がありません（アイデアの施策、このフェーズの施策、ペインポイントのどれもない）",
                "there is nothing to vote on (no ideas, no initiatives in this phase, or no pain points)"
            ),
            Self::SessionClosed(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "投票 {name} は締め切られています。再開してから投票してください",
                    "voting session {name} is closed: reopen it to vote"
                )
            }
            Self::EveryoneVoted(name) => {
                let name = quoted(name);
                say!(
                    lang,
                    "投票 {name} は参加者全員が投票済みです",
                    "every participant of voting session {name} has voted"
                )
            }
            Self::TooManyDots { placed, budget } => say!(
                lang,
                "ドットは {budget} 個までです（{placed} 個になります）",
                "there are only {budget} dots ({placed} would be placed)"
            ),
            Self::BadIndex { index, len } => say!(
                lang,
                "位置 {index} は {len} 個のリストの外です",
                "position {index} is outside the list of {len}"
            ),
            Self::Limit(problem) => problem.localize(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StepId;

    #[test]
    fn every_refusal_reads_in_one_language() {
        let step = Named {
            id: StepId(7),
            name: "店舗で試着".to_owned(),
        };
        let e = EditError::BehindPredecessor {
            step: step.clone(),
            t: 2.28,
            before: step,
            before_t: 3.0,
        };
        let ja = e.localize(Lang::Ja);
        assert!(
            ja.contains("動かせません") && !ja.contains("cannot"),
            "{ja}"
        );
        let en = e.to_string();
        assert!(
            en.contains("cannot move") && !en.contains("動かせません"),
            "{en}"
        );
    }

    #[test]
    fn long_names_are_cut_in_messages() {
        let e = EditError::SelfLink(Named {
            id: StepId(1),
            name: "長".repeat(1_000_000),
        });
        let text = e.localize(Lang::Ja);
        assert!(text.chars().count() < 100, "{}", text.len());
        assert!(text.contains("… (1000000)"), "{text}");
    }
}
