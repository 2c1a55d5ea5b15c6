//! The texts of the KPI lane: its rows, its figures with their changes, and the lines under
//! it that say where the figures come from (waves, period, the repeat rate's definition),
//! since all of these change the numbers.

use super::{Lang, say};
use crate::kpi::{Figure, Kpis};

/// A row of the lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// Distinct customers in the phase.
    Customers,
    /// The phase's repeat rate.
    RepeatRate,
    /// The NPS of the phase's answers.
    Nps,
}

impl Row {
    /// The rows, top first.
    pub const ALL: [Self; 3] = [Self::Customers, Self::RepeatRate, Self::Nps];

    /// The row's name, in the gutter.
    #[must_use]
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Customers, Lang::Ja) => "顧客数",
            (Self::Customers, Lang::En) => "Customers",
            (Self::RepeatRate, Lang::Ja) => "リピート率",
            (Self::RepeatRate, Lang::En) => "Repeat rate",
            (Self::Nps, _) => "NPS",
        }
    }
}

/// `n` with thousands separators: 12,345.
#[must_use]
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A figure as the lane writes it: the value, and its change since the wave before with
/// ▲/▼ (△/▽ for an NPS change within noise, as on the cards). Customers as a count, the
/// repeat rate in per cent (its change in points), NPS signed.
#[must_use]
pub fn figure(row: Row, figure: Figure, lang: Lang) -> (String, Option<String>) {
    let (now, change, significant) = match figure {
        Figure::Value {
            now,
            change,
            significant,
        } => (now, change, significant),
        Figure::Nothing => return ("—".into(), None),
        Figure::Recount => return (say!(lang, "要再取込", "re-import"), None),
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // counts
    let count = |x: f64| grouped(x.round().max(0.0) as u64);
    // ASCII signs: the bundled font draws U+2212 as a blank. A change that rounds to nothing
    // is ±0, a value 0.
    let signed = |x: f64, magnitude: String, zero: &str| {
        let sign = if magnitude.chars().all(|c| matches!(c, '0' | '.' | ',')) {
            zero
        } else if x < 0.0 {
            "-"
        } else {
            "+"
        };
        format!("{sign}{magnitude}")
    };
    let value = match row {
        Row::Customers => {
            let n = count(now);
            say!(lang, "{n} 人", "{n}")
        }
        Row::RepeatRate => format!("{now:.1}%"),
        Row::Nps => signed(now, format!("{:.0}", now.abs()), ""),
    };
    let change = change.map(|d| {
        let arrow = match (d >= 0.0, significant) {
            (true, true) => '▲',
            (false, true) => '▼',
            (true, false) => '△',
            (false, false) => '▽',
        };
        let d = match row {
            Row::Customers => signed(d, count(d.abs()), "±"),
            Row::RepeatRate => format!("{}pt", signed(d, format!("{:.1}", d.abs()), "±")),
            Row::Nps => signed(d, format!("{:.0}", d.abs()), "±"),
        };
        format!("{arrow}{d}")
    });
    (value, change)
}

/// The lines under the lane, in order: the flow wave and its period (and the wave the
/// changes are from), the repeat rate's definition, the survey wave of the NPS, and what
/// 要再取込 means when a phase shows it.
#[must_use]
pub fn footer(kpis: &Kpis<'_>, lang: Lang) -> Vec<String> {
    let mut lines = Vec::with_capacity(4);
    lines.push(match kpis.flow {
        None => say!(lang, "顧客フロー: なし", "Customer flow: none"),
        Some(w) => {
            let (name, from, to) = (&w.name, &w.from, &w.to);
            let since = kpis.previous_flow.map_or_else(String::new, |p| {
                let p = &p.name;
                say!(lang, "（前回比は「{p}」から）", " (changes since “{p}”)")
            });
            say!(
                lang,
                "顧客フロー「{name}」{from}〜{to}{since}",
                "Customer flow “{name}”, {from} to {to}{since}"
            )
        }
    });
    lines.push(say!(
        lang,
        "リピート率 = フェーズの購入ステップで 2 回以上の顧客 ÷ 1 回以上の顧客",
        "Repeat rate = customers with 2 or more events at the phase's purchase steps ÷ those with 1 or more"
    ));
    lines.push(match kpis.survey {
        None => say!(lang, "NPS: 調査なし", "NPS: no survey"),
        Some(w) => {
            let name = &w.name;
            let since = kpis.previous_survey.map_or_else(String::new, |p| {
                let p = &p.name;
                say!(
                    lang,
                    "（前回比は「{p}」から、△▽ は誤差の範囲）",
                    " (changes since “{p}”; △▽ within noise)"
                )
            });
            say!(
                lang,
                "NPS「{name}」= フェーズのタッチポイントでの回答{since}",
                "NPS “{name}” = the answers at the phase's touchpoints{since}"
            )
        }
    });
    let recount = kpis
        .phases
        .iter()
        .any(|p| [p.customers, p.repeat_rate].contains(&Figure::Recount));
    if recount {
        lines.push(say!(
            lang,
            "要再取込: 取り込み後にフェーズのステップが変わったか、フェーズを数えていない顧客フローです。イベントログを取り込み直すと表示されます。",
            "re-import: the phase's steps changed after the log was imported, or the wave did not count phases; import the event log again."
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_with_their_units_and_changes() {
        let v = |now, change, significant| Figure::Value {
            now,
            change,
            significant,
        };
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
        assert_eq!(
            figure(Row::Customers, v(12_345.0, Some(-1_200.0), true), Lang::Ja),
            ("12,345 人".into(), Some("▼-1,200".into()))
        );
        assert_eq!(
            figure(Row::RepeatRate, v(32.14, Some(2.26), true), Lang::En),
            ("32.1%".into(), Some("▲+2.3pt".into()))
        );
        assert_eq!(
            figure(Row::Nps, v(-8.0, Some(3.0), false), Lang::En),
            ("-8".into(), Some("△+3".into()))
        );
        assert_eq!(
            figure(Row::Nps, v(0.0, Some(-0.2), false), Lang::En).1,
            Some("▽±0".into())
        );
        assert_eq!(
            figure(Row::Customers, Figure::Recount, Lang::Ja).0,
            "要再取込"
        );
    }
}
