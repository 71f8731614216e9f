//! Exam items: a question that lists options (A. … B. … C. … D. …) gets the letter of the option
//! its answer states, when exactly one option is stated in the first answer. An option is stated
//! when its date (and hour) is in the answer, else its figure (37日, 二个月), else its own words;
//! two or more options stated, or none, and no letter is given: the words of the answer stand.

use std::sync::LazyLock;

use regex::Regex;

use crate::understand::question::Question;

/// A day written out (2026年10月2日).
const DAY_PATTERN: &str = r"(\d{4})年(\d{1,2})月(\d{1,2})日";
/// A figure with its unit (37日, 二个月, 1000元).
const FIGURE_PATTERN: &str =
    r"[0-9零一二三四五六七八九十百]+\s*(?:个)?\s*(?:日|天|小时|个月|月|年|次|元)";

/// What must be in an answer for it to state an option: its dates with their hours, else its
/// figures with their units, else its words without punctuation.
fn stated(option: &str, answer: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"{DAY_PATTERN}(?:\s*(\d{{1,2}})(?:时|点|:\d{{2}}))?"
        ))
        .unwrap()
    });
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| Regex::new(FIGURE_PATTERN).unwrap());
    let dates: Vec<_> = DATE.captures_iter(option).collect();
    if !dates.is_empty() {
        return dates.iter().all(|c| {
            let (y, m, d) = (
                &c[1],
                c[2].trim_start_matches('0'),
                c[3].trim_start_matches('0'),
            );
            let day = format!("{y}年{m}月{d}日");
            match c.get(4) {
                None => answer.contains(&day),
                Some(h) => {
                    let h: u32 = h.as_str().parse().unwrap_or(99);
                    [
                        format!("{day} {h:02}:"),
                        format!("{day}{h}时"),
                        format!("{day} {h}时"),
                    ]
                    .iter()
                    .any(|s| answer.contains(s.as_str()))
                }
            }
        });
    }
    // a figure as the answer writes it: no space between number and unit (12 个月 → 12个月)
    let figures: Vec<String> = FIGURE
        .find_iter(option)
        .map(|m| m.as_str().split_whitespace().collect())
        .collect();
    // (an option that is a statement with a figure in it is stated by its words, not its figure)
    if !figures.is_empty() && super::compare::is_figure(option) {
        return figures.iter().all(|f| answer.contains(f.as_str()));
    }
    let words: String = option
        .chars()
        .filter(|c| {
            !c.is_ascii_punctuation()
                && !"，。；：、（）“”《》？！".contains(*c)
                && !c.is_whitespace()
        })
        .collect();
    // said where the clause does not exclude it (不得取保候审：累犯、犯罪集团的主犯 does not state
    // that a 犯罪集团的主犯 may have bail)
    words.chars().count() >= 4
        && answer.match_indices(words.as_str()).any(|(at, w)| {
            let clause_start = answer[..at]
                .char_indices()
                .rfind(|(_, c)| matches!(c, '；' | '。' | '\n'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let clause_end = answer[at + w.len()..]
                .find(['；', '。', '\n'])
                .map_or(answer.len(), |i| at + w.len() + i);
            let rest = format!(
                "{}{}",
                &answer[clause_start..at],
                &answer[at + w.len()..clause_end]
            );
            !EXCLUDING.iter().any(|x| rest.contains(x))
        })
}

/// Words by which a clause excludes what it names.
const EXCLUDING: [&str; 6] = ["不得", "不能", "不予", "不适用", "除外", "禁止"];

/// The extremes a question may ask for (最长期限是：…): an answer that states several options
/// states the asked one right after the same word (所以拘留最长37日).
const EXTREMES: [&str; 8] = [
    "最长", "最短", "最迟", "最早", "最多", "最少", "最高", "最低",
];

/// How far after the extreme word the option's figure may start, in characters (最长到 / 最长为 /
/// 最长羁押至).
const EXTREME_REACH: usize = 4;

/// Whether the answer says the option's figure (or date) right after the extreme word.
fn stated_as(extreme: &str, option: &str, answer: &str) -> bool {
    static FIGURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("{DAY_PATTERN}|{FIGURE_PATTERN}")).unwrap());
    let Some(figure) = FIGURE
        .find(option)
        .map(|m| m.as_str().split_whitespace().collect::<String>())
    else {
        return false;
    };
    // the first figure after the word, if it starts within reach
    answer.match_indices(extreme).any(|(at, w)| {
        let after = &answer[at + w.len()..];
        FIGURE.find(after).is_some_and(|m| {
            m.as_str() == figure && after[..m.start()].chars().count() <= EXTREME_REACH
        })
    })
}

/// The letter of the one option the answer states; of several stated, the one it states right
/// after what the question asks for (the extreme, or the last word before the options).
pub fn choice(q: &Question, answer: &str) -> Option<char> {
    let (stem, opts) = (q.stem.as_str(), &q.options);
    // an item asking for the option that is not so (不属于, 错误的 …): what the answer states is so;
    // one asking for several: one letter does not answer it
    if super::compare::asks_the_exception(stem) || super::compare::asks_several(&q.normalized) {
        return None;
    }
    let stated: Vec<&(char, String)> = opts.iter().filter(|(_, t)| stated(t, answer)).collect();
    if let [one] = stated.as_slice() {
        return Some(one.0);
    }
    // what is asked: an extreme (最长…) or the stem's last word (…可折抵管制刑期：)
    let tail: String = {
        let t = stem.trim_end_matches(|c: char| {
            "：:（）()[]【】．、是为的".contains(c)
                || c.is_whitespace()
                || c.is_ascii_punctuation()
                || matches!(c, 'A'..='D' | 'Ａ'..='Ｄ')
        });
        let last: Vec<char> = t.chars().rev().take(2).collect();
        last.into_iter().rev().collect()
    };
    let mut asked: Vec<&str> = EXTREMES
        .iter()
        .copied()
        .filter(|e| stem.contains(*e))
        .collect();
    if tail.chars().count() == 2 && tail.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        asked.push(&tail);
    }
    asked.into_iter().find_map(|word| {
        let as_asked: Vec<char> = stated
            .iter()
            .filter(|(_, t)| stated_as(word, t, answer))
            .map(|(l, _)| *l)
            .collect();
        match as_asked.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(q: &str) -> Question {
        Question::read(q, chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap())
    }

    #[test]
    fn one_option_stated_gives_its_letter() {
        let q = &read(
            "最迟何时讯问？A. 2026年11月16日16时 B. 2026年11月18日16时 C. 2026年11月22日16时",
        );
        assert_eq!(
            choice(
                q,
                "即最迟到2026年11月16日 16:00（按…计算为2026年11月16日 17:00）"
            ),
            Some('A')
        );
        // two options stated: no letter, unless one is stated as the extreme asked for
        let q = &read("最长期限是：A. 14日 B. 30日 C. 37日");
        assert_eq!(choice(q, "延长至30日……共37日"), None);
        assert_eq!(choice(q, "延长至30日……所以拘留最长37日"), Some('C'));
        assert_eq!(choice(q, "最长37日，也可能最长30日"), None);
        assert_eq!(choice(q, "最长为37日"), Some('C'));
        // or right after the stem's last word
        let q = &read("先行羁押的期间可折抵管制刑期：A. 20日 B. 40日 C. 80日 D. 不能折抵");
        assert_eq!(choice(q, "羁押40日折抵刑期80日"), Some('C'));
        // words
        let q = &read("检察院应当：A. 第三次退回补充侦查 B. 作出不起诉决定 C. 提起公诉");
        assert_eq!(choice(q, "……应当作出不起诉决定"), Some('B'));
    }
}
