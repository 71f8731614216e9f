//! Exam options held against the provisions: for each option (A. … B. …) of an exam item, the
//! 款 it is closest to, and whether it says only what that 款 says.
//!
//! An option *says what a 款 says* when its words occur in the 款 in the same order, in pieces of
//! two characters or more that lie close together, leaving out nothing but function words (的,
//! 其, 对 …). A changed character is never left out: 保证金保证 is not 保证人保证, 七日 is not
//! 十日, 可以 is not 不得. This is a reading aid, not a judgment: the answer shows each option
//! beside its 款, and names a letter only where the item's stem and the comparison leave one
//! option standing — the one option that says what a 款 says (…正确的是), or the one that does
//! not while all others do (…不属于 / 不包括 …). A quoted phrase of the stem (“可以根据案件情况”)
//! restricts the comparison to the 款 that contain it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::records::Article;
use crate::rules::Citation;

/// One 款 an option may be held against.
pub struct Provision<'a> {
    pub article: &'a Article,
    /// 0-based 款.
    pub paragraph: usize,
}

impl Provision<'_> {
    /// The 款's text with its items.
    pub fn text(&self) -> String {
        let p = &self.article.paragraphs[self.paragraph];
        let mut s = p.text.clone();
        for i in &p.items {
            s.push_str(&i.text);
        }
        s
    }

    fn citation(&self) -> Citation {
        let text = self.text();
        Citation {
            law: self.article.law.clone(),
            number: self.article.number.clone(),
            paragraph: (self.article.paragraphs.len() > 1).then_some(self.paragraph as u32 + 1),
            item: None,
            quote: text,
            source_note: None,
        }
    }
}

/// One option against the provisions.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionCheck {
    pub letter: String,
    pub text: String,
    /// Whether the option says only what the cited 款 says.
    pub literal: bool,
    /// The 款 it was held against (its text in `quote`); none when no 款 is near it.
    pub citation: Option<Citation>,
    /// In an item with a blank: how many characters of the blank's clause the 款 says with this
    /// option filled in (0 when it says none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blank_context: Option<usize>,
}

/// The options of an exam item against the provisions, and the letter the comparison leaves.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    pub options: Vec<OptionCheck>,
    /// The one option the comparison leaves standing, if one.
    pub choice: Option<String>,
    /// Whether the options fill a blank of the stem (they were compared with its clause).
    pub blank: bool,
}

/// Longest 款 quoted whole beside the options, in characters.
const QUOTE_CHARS: usize = 160;

/// A long 款 as quoted beside the options: its opening words, then the sentences and items the
/// options bear on, with …… where a part is left out.
fn shorten(s: &str, options: &[&str]) -> String {
    if s.chars().count() <= QUOTE_CHARS {
        return s.to_string();
    }
    // parts ending at a sentence, clause or item mark
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if "。；：".contains(c) {
            parts.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    let near = |p: &str| {
        let pc = chars_of(p);
        options
            .iter()
            .any(|o| pair_share(&chars_of(o), &pc) >= MIN_PAIR_SHARE)
    };
    let mut out = String::new();
    let mut skipped = false;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 || near(p) {
            if skipped {
                out.push_str("……");
            }
            out.push_str(p);
            skipped = false;
        } else {
            skipped = true;
        }
    }
    if skipped {
        out.push_str("……");
    }
    if out.chars().count() > 2 * QUOTE_CHARS {
        out = out.chars().take(2 * QUOTE_CHARS).collect::<String>() + "…";
    }
    out
}

/// Characters that may be left out of an option's words: they add no content of their own. No
/// negation, modal, numeral or direction (以上/以下) is among them.
const FUNCTION_CHARS: &str = "的之其该此对于被由将把和与及或等了着所是为在";

/// Pronouns among them: one may stand for a phrase of the 款 (对其通信 ← 对被监视居住的犯罪嫌疑人的
/// 通信), so the pieces around it may lie apart.
const PRONOUNS: &str = "其该此";

/// Numerals: a piece of the option may not begin or end inside a number of the 款 (二个月 is not
/// said by 十二个月).
const NUMERALS: &str = "零一二三四五六七八九十百千万两0123456789";

/// Most characters of the 款 between two pieces of the option (a pronoun standing for a phrase:
/// 对其通信 ← 对被监视居住的犯罪嫌疑人的通信).
const MAX_GAP: usize = 24;

/// Share of the option's character pairs the 款 must hold before it is compared at all.
const MIN_PAIR_SHARE: f32 = 0.5;

/// Share of an option's character pairs a 款 must hold to be shown as the nearest when it does
/// not say what the option says.
const MIN_NEAREST_SHARE: f32 = 0.3;

/// Weight of the stem's share in choosing the nearest 款 of an option that no 款 says (the 款 of
/// what the item asks about before one that only shares the option's words): the option's own
/// words count double.
const STEM_WEIGHT: f32 = 0.5;

/// Options shorter than this (in characters compared) are not held against the provisions: a
/// figure alone (四十日) shares its characters with too many.
const MIN_OPTION_CHARS: usize = 4;

/// The characters compared: Chinese characters, letters and digits (Arabic numbers written as
/// Chinese numerals, as the statutes write them).
fn chars_of(s: &str) -> Vec<char> {
    chars_kept(s, false)
}

/// The characters of a provision or an option: those compared, and the list mark 、 that
/// separates the members of a list (an option may name one member: 可能判处拘役的 ←
/// 可能判处管制、拘役或者…的; it may leave the mark out: 省自治区 ← 省、自治区).
fn provision_chars(s: &str) -> Vec<char> {
    chars_kept(s, true)
}

fn chars_kept(s: &str, list_marks: bool) -> Vec<char> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut Vec<char>| {
        if !digits.is_empty() {
            match digits.parse::<u32>() {
                Ok(n) if n < 100_000 => out.extend(crate::numerals::format(n).chars()),
                _ => out.extend(digits.chars()),
            }
            digits.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut out);
        if c.is_alphanumeric() || (list_marks && c == LIST_MARK) {
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

fn pairs(cs: &[char]) -> impl Iterator<Item = (char, char)> + '_ {
    cs.windows(2).map(|w| (w[0], w[1]))
}

/// Share of `a`'s character pairs found in the set `b`.
fn share_in(a: &[char], b: &HashSet<(char, char)>) -> f32 {
    let n = a.len().saturating_sub(1);
    if n == 0 {
        return 0.0;
    }
    pairs(a).filter(|p| b.contains(p)).count() as f32 / n as f32
}

/// Share of `a`'s character pairs found in `b`.
fn pair_share(a: &[char], b: &[char]) -> f32 {
    share_in(a, &pairs(b).collect())
}

/// A 款's characters as they are compared: without its list marks, where one stood, and its
/// character pairs — read once per 款, whatever the number of options held against it.
struct Marked {
    plain: Vec<char>,
    /// `mark_before[s]`: a list mark stood right before `plain[s]` (one entry more, for the end).
    mark_before: Vec<bool>,
    pairs: HashSet<(char, char)>,
}

impl Marked {
    fn new(text: &str) -> Marked {
        let mut plain = Vec::new();
        let mut mark_before = Vec::new();
        let mut mark = false;
        for c in provision_chars(text) {
            if c == LIST_MARK {
                mark = true;
            } else {
                plain.push(c);
                mark_before.push(mark);
                mark = false;
            }
        }
        mark_before.push(mark);
        let pairs = pairs(&plain).collect();
        Marked {
            plain,
            mark_before,
            pairs,
        }
    }

    fn contains(&self, needle: &[char]) -> bool {
        self.plain.windows(needle.len()).any(|w| w == needle)
    }
}

/// The mark between the members of a list.
const LIST_MARK: char = '、';

/// Longest list member an option may leave out between two of its pieces, in characters.
const MAX_MEMBER: usize = 8;

/// Pieces at least this long may lie apart in the 款 (a subject from the sentence before:
/// 人民检察院…对不需要继续羁押的); shorter ones follow the piece before directly, or stand where the
/// option left out a function word (对其通信 ← 对被监视居住的犯罪嫌疑人的通信).
const LONG_PIECE: usize = 4;

/// Whether the option's words occur in the text in order, in pieces of two characters or more,
/// leaving out only function characters (at most a quarter of the option). A piece follows the
/// one before directly (or across function characters only), or within `MAX_GAP` where both are
/// long or the option left a function word out in between.
fn says(option: &[char], held: &Marked) -> bool {
    let (text, mark_before) = (&held.plain, &held.mark_before);
    let (n, m) = (option.len(), text.len());
    if n < 2 {
        return false;
    }
    // common[i][s]: how many characters of the option from i equal the text's from s
    let mut common = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for s in (0..m).rev() {
            if option[i] == text[s] {
                common[i][s] = common[i + 1][s + 1] + 1;
            }
        }
    }
    let max_skips = n / 4;
    // reach[i][p][b]: least skips with the option's first i characters matched, the last piece
    // ending at text position p (p == m + 1: nothing matched yet); b: bit 0 the last piece was
    // long, bit 1 a function character was left out since
    const NONE: usize = usize::MAX;
    let start = m + 1;
    let mut reach = vec![[NONE; 4]; (n + 1) * (m + 2)];
    let at = |i: usize, p: usize| i * (m + 2) + p;
    reach[at(0, start)][0] = 0;
    for i in 0..n {
        for p in 0..=start {
            for b in 0..4 {
                let skips = reach[at(i, p)][b];
                if skips == NONE {
                    continue;
                }
                if function(option[i]) && skips < max_skips {
                    let licence = if PRONOUNS.contains(option[i]) { 2 } else { 0 };
                    let r = &mut reach[at(i + 1, p)][b | licence];
                    *r = (*r).min(skips + 1);
                }
                let window = if p == start {
                    0..m
                } else {
                    p..(p + MAX_GAP + 1).min(m)
                };
                for s in window {
                    let len = common[i][s] as usize;
                    if len < 2 {
                        continue;
                    }
                    // how far this piece may lie from the one before
                    let gap = if p == start { &text[..0] } else { &text[p..s] };
                    // across function characters, or one member of a list left out
                    let adjacent = gap.len() <= 2 && gap.iter().all(|&c| function(c))
                        || p != start
                            && mark_before[s]
                            && gap.len() <= MAX_MEMBER
                            && !mark_before[p + 1..s].contains(&true);
                    let least = if adjacent || b & 2 != 0 {
                        2
                    } else if b & 1 != 0 {
                        LONG_PIECE
                    } else {
                        continue;
                    };
                    // not from inside a number of the 款
                    if numeral(option[i]) && s > 0 && numeral(text[s - 1]) && p != s {
                        continue;
                    }
                    for l in least.max(2)..=len {
                        // nor to inside one
                        if l == len
                            && numeral(option[i + l - 1])
                            && text.get(s + l).is_some_and(|&c| numeral(c))
                        {
                            continue;
                        }
                        let bits = usize::from(l >= LONG_PIECE);
                        let r = &mut reach[at(i + l, s + l)][bits];
                        *r = (*r).min(skips);
                    }
                }
            }
        }
    }
    (0..=m).any(|p| reach[at(n, p)].iter().any(|&r| r != NONE))
}

/// Whether the stem asks for the option that is not so (不属于, 不包括, 错误的 …).
pub fn asks_the_exception(stem: &str) -> bool {
    const CUES: [&str; 10] = [
        "不属于",
        "不包括",
        "不正确",
        "错误的",
        "说法错误",
        "不符合",
        "哪一项不",
        "哪项不",
        "不是",
        "不应当",
    ];
    // the sentence that asks, not the facts told before it (该案不属于第158条规定的情形。…何日前审结？)
    let asking = stem
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(['。', '！', '!'])
        .next()
        .unwrap_or(stem);
    CUES.iter().any(|c| asking.contains(c))
}

/// Whether the item may have several right options (多选, 不定项): no one letter answers it.
pub fn asks_several(question: &str) -> bool {
    static SEVERAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"多选|不定项|多项选择|(?:有|包括)[（(][\s　]*[）)]|有哪些")
            .expect("valid regex")
    });
    SEVERAL.is_match(question)
}

/// The phrases the stem quotes (“可以根据案件情况”), four characters or more.
fn quoted(stem: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('「', '」'), ('"', '"')] {
        let mut rest = stem;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            let cs = chars_of(&after[..b]);
            if cs.len() >= 4 {
                out.push(cs);
            }
            rest = &after[b + close.len_utf8()..];
        }
    }
    out
}

/// Whether the item asks for one option (单选, 哪一项 …).
pub fn asks_one(question: &str) -> bool {
    [
        "单选",
        "单项选择",
        "哪一项",
        "哪一个",
        "哪一种",
        "哪一情形",
        "哪项",
    ]
    .iter()
    .any(|c| question.contains(c))
}

/// The sentence that leads an answer with the option the comparison leaves: a letter where the
/// item asks for one, else what the comparison found.
pub fn lead(question: &str, c: &Comparison) -> Option<String> {
    let l = c.choice.as_ref()?;
    Some(if asks_one(question) {
        format!("答案：{l}（按条文逐项对照）。")
    } else if c.blank {
        format!("逐项对照条文，填入后与条文原文相合最多的是{l}。")
    } else if asks_the_exception(question) {
        format!("逐项对照条文，条文无此说法的只有{l}。")
    } else {
        format!("逐项对照条文，与条文原文相合的是{l}；其余选项未见于所引条文，请逐项核对。")
    })
}

/// Words of a stem that stand for what the options fill in: a blank （ ）, or the quantity asked
/// (多长时间, 几日 …) — 应当在拘留后多长时间以内进行讯问 with 24小时 is 拘留后二十四小时以内进行讯问.
static BLANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(][\s　]*[）)]|_{2,}|多长时间|多少(?:天|日|小时|个月)|几(?:天|日|个月)|多久")
        .expect("valid regex")
});

/// Characters of the stem taken on each side of a blank, at most: the sentence around it.
const BLANK_LEFT: usize = 16;
const BLANK_RIGHT: usize = 16;

/// The sentence around the stem's blank: (its characters before, after), across commas.
fn around_blank(stem: &str) -> Option<(Vec<char>, Vec<char>)> {
    let m = BLANK.find(stem)?;
    let stop = |c: char| "。；？！;?!\n".contains(c);
    let before = &stem[..m.start()];
    let before = before
        .char_indices()
        .rfind(|(_, c)| stop(*c))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    let after = &stem[m.end()..];
    let after = &after[..after.find(stop).unwrap_or(after.len())];
    let mut left = chars_of(before);
    left.drain(..left.len().saturating_sub(BLANK_LEFT));
    let mut right = chars_of(after);
    right.truncate(BLANK_RIGHT);
    Some((left, right))
}

/// Length of the longest common subsequence of two short runs of characters.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// How much of the blank's sentence a 款 says around the option: where the option stands in the
/// 款 (whole, not inside a longer number), the characters of the stem before the blank found in
/// order in the 款 before it, and those after the blank after it; the best place. None where the
/// 款 does not hold the option.
fn context_said(left: &[char], option: &[char], right: &[char], held: &Marked) -> Option<usize> {
    let text = &held.plain;
    let (n, m) = (option.len(), text.len());
    if n == 0 || n > m {
        return None;
    }
    (0..=m - n)
        .filter(|&s| text[s..s + n] == *option)
        .filter(|&s| {
            !(numeral(option[0]) && s > 0 && numeral(text[s - 1])
                || numeral(option[n - 1]) && text.get(s + n).is_some_and(|&c| numeral(c)))
        })
        .filter(|&s| {
            // the option joins the stem's words on one side at least, as in the 款 (a figure the
            // 款 has elsewhere is not the one the blank asks for)
            let joins = |stem: &[char], text: &[char]| {
                let text: Vec<char> = text.iter().copied().filter(|c| !function(*c)).collect();
                let stem: Vec<char> = stem.iter().copied().filter(|c| !function(*c)).collect();
                stem.len() >= JOIN && text.len() >= JOIN && stem[..JOIN] == text[..JOIN]
            };
            let rev = |v: &[char]| v.iter().rev().copied().collect::<Vec<char>>();
            joins(right, &text[s + n..(s + n + JOIN + 1).min(m)])
                || joins(&rev(left), &rev(&text[s.saturating_sub(JOIN + 1)..s]))
        })
        .map(|s| {
            let before = &text[s.saturating_sub(left.len() + BLANK_SLACK)..s];
            let after = &text[s + n..(s + n + right.len() + BLANK_SLACK).min(m)];
            common_subsequence(left, before) + common_subsequence(right, after)
        })
        .max()
}

/// Longest option, in characters compared, that fills a blank (省、自治区、直辖市人民检察院); an
/// item with a longer one is compared option by option.
const MAX_FILLER_CHARS: usize = 14;

/// Characters of the stem right beside the blank that the 款 must have right beside the option
/// (function words aside), on one side at least.
const JOIN: usize = 2;

fn function(c: char) -> bool {
    FUNCTION_CHARS.contains(c)
}

fn numeral(c: char) -> bool {
    NUMERALS.contains(c)
}

/// Characters of the 款 looked at around the option beyond the stem's own (words the stem leaves
/// out: 、被告人, 应当).
const BLANK_SLACK: usize = 6;

/// An option that is a figure and little else (15日, 折抵30日): it is computed, not said by a
/// 款, so a comparison of words says nothing of it.
pub fn is_figure(option: &str) -> bool {
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[0-9零一二三四五六七八九十百千两]+\s*(?:个)?\s*(?:日|天|小时|个月|月|年|次|元|倍)",
        )
        .expect("valid regex")
    });
    FIGURE.is_match(option) && chars_of(&FIGURE.replace_all(option, "")).len() <= 3
}

/// Shortest option, in characters compared, that a comparison of words may choose when the
/// stem has no blank: a shorter one is a name (犯罪集团的主犯), which a 款 may list as much to
/// exclude it as to include it.
pub const MIN_STATEMENT_CHARS: usize = 8;

/// Holds each option against the provisions. `stem` is the item's words before its options.
pub fn compare(stem: &str, options: &[(char, String)], provisions: &[Provision]) -> Comparison {
    let stem_chars = chars_of(stem);
    let held: Vec<Marked> = provisions.iter().map(|p| Marked::new(&p.text())).collect();
    // how near each 款 is to what the stem asks
    let stem_shares: Vec<f32> = held
        .iter()
        .map(|h| share_in(&stem_chars, &h.pairs))
        .collect();
    let quotes = quoted(stem);
    // the 款 a quoted phrase names, if the stem quotes one the provisions hold
    let named: Vec<bool> = held
        .iter()
        .map(|h| quotes.iter().any(|q| h.contains(q)))
        .collect();
    let restrict = named.iter().any(|&b| b);
    let option_chars: Vec<Vec<char>> = options.iter().map(|(_, t)| chars_of(t)).collect();
    // a blank the options fill: every option a filler, not a statement of its own
    let blank =
        around_blank(stem).filter(|_| option_chars.iter().all(|o| o.len() <= MAX_FILLER_CHARS));
    let mut checks = Vec::new();
    for ((letter, text), o) in options.iter().zip(&option_chars) {
        // (款, says, rank): a 款 that says the option before one that does not; among those that
        // say it, the nearest to the stem; among the others, by the option's and the stem's words
        let mut best: Option<(usize, bool, f32)> = None;
        // in a blank: the 款 that says most of the blank's sentence with the option, and how much
        let mut context: Option<(usize, usize)> = None;
        let compared = o.len() >= MIN_OPTION_CHARS && !is_figure(text);
        for (k, h) in held.iter().enumerate() {
            if restrict && !named[k] {
                continue;
            }
            if let Some((left, right)) = &blank {
                if let Some(c) = context_said(left, o, right, h) {
                    if context.is_none_or(|(_, best)| c > best) {
                        context = Some((k, c));
                    }
                }
            }
            if !compared {
                continue;
            }
            let share = share_in(o, &h.pairs);
            if share < MIN_NEAREST_SHARE {
                continue;
            }
            let literal = share >= MIN_PAIR_SHARE && says(o, h);
            let rank = if literal {
                stem_shares[k]
            } else {
                share + STEM_WEIGHT * stem_shares[k]
            };
            if best.is_none_or(|(_, bl, br)| (literal, rank) > (bl, br)) {
                best = Some((k, literal, rank));
            }
        }
        if let Some((k, c)) = context.filter(|&(_, c)| c >= MIN_CONTEXT) {
            best = Some((k, true, c as f32));
        }
        checks.push(OptionCheck {
            letter: letter.to_string(),
            text: text.clone(),
            literal: best.is_some_and(|b| b.1),
            citation: best.map(|b| provisions[b.0].citation()),
            blank_context: blank.as_ref().map(|_| context.map_or(0, |c| c.1)),
        });
    }
    let literal: Vec<&OptionCheck> = checks.iter().filter(|c| c.literal).collect();
    let choice = if asks_several(stem) {
        None
    } else if blank.is_some() {
        // the one option said with most of the blank's sentence, clearly more than any other
        let context = |c: &OptionCheck| c.blank_context.unwrap_or(0);
        let mut ranked: Vec<&OptionCheck> = checks.iter().collect();
        ranked.sort_by_key(|c| std::cmp::Reverse(context(c)));
        let (first, second) = (
            ranked.first().map_or(0, |c| context(c)),
            ranked.get(1).map_or(0, |c| context(c)),
        );
        (first >= MIN_CONTEXT && first >= second + MIN_CONTEXT_MARGIN && !asks_the_exception(stem))
            .then(|| ranked[0].letter.clone())
    } else if options
        .iter()
        .zip(&option_chars)
        .any(|((_, t), o)| o.len() < MIN_OPTION_CHARS || is_figure(t))
    {
        // an option not held against the provisions: the comparison does not decide
        None
    } else if asks_the_exception(stem) {
        let not: Vec<&OptionCheck> = checks.iter().filter(|c| !c.literal).collect();
        match not.as_slice() {
            [one] if literal.len() + 1 == checks.len() && checks.len() >= 3 => {
                Some(one.letter.clone())
            }
            _ => None,
        }
    } else {
        match literal.as_slice() {
            [one] if chars_of(&one.text).len() >= MIN_STATEMENT_CHARS => Some(one.letter.clone()),
            _ => None,
        }
    };
    Comparison {
        options: checks,
        choice,
        blank: blank.is_some(),
    }
}

/// Characters of the blank's clause an option must be said with to be chosen by them.
const MIN_CONTEXT: usize = 4;

/// How many more characters of the sentence the chosen option must be said with than the next.
const MIN_CONTEXT_MARGIN: usize = 2;

/// Whether the comparison is worth showing: an option says what a 款 says, or two options or
/// more have a 款 near them.
pub fn telling(c: &Comparison) -> bool {
    c.options.iter().any(|o| o.literal)
        || c.options.iter().filter(|o| o.citation.is_some()).count() >= 2
}

/// The comparison in words: each 款 once, with the options it bears on.
pub fn text(c: &Comparison) -> String {
    let mut lines = vec!["逐项对照条文：".to_string()];
    let mut shown: Vec<String> = Vec::new();
    for o in &c.options {
        match &o.citation {
            Some(cit) => {
                let at = crate::qa::compose::cite_text(cit);
                // a name is found in the 款 (which may list it to exclude it); a statement agrees;
                // in a blank, what counts is the stem's clause with the option filled in
                let chosen = c.choice.as_ref() == Some(&o.letter);
                let how = match (c.blank, o.literal, chosen) {
                    (true, true, true) => "填入后与条文原文相合",
                    (true, true, false) => "见于条文，但填入题干后不是条文原文",
                    (true, false, _) => "条文无此说法",
                    (false, true, _) if chars_of(&o.text).len() >= MIN_STATEMENT_CHARS => {
                        "与条文原文相合"
                    }
                    (false, true, _) => "见于条文",
                    (false, false, _) => "条文无此说法",
                };
                if shown.contains(&at) {
                    lines.push(format!("{}. {how}，见上引{at}。", o.letter));
                } else {
                    // the options held against this 款 choose what of it is quoted
                    let bearing: Vec<&str> = c
                        .options
                        .iter()
                        .filter(|x| {
                            x.citation.as_ref().is_some_and(|y| {
                                y.law == cit.law
                                    && y.number == cit.number
                                    && y.paragraph == cit.paragraph
                            })
                        })
                        .map(|x| x.text.as_str())
                        .collect();
                    let quote = shorten(&cit.quote, &bearing);
                    lines.push(format!("{}. {how}，{at}：「{quote}」", o.letter));
                    shown.push(at);
                }
            }
            None => lines.push(format!("{}. 所引条文中未见相近规定。", o.letter)),
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        chars_of(s)
    }

    fn m(s: &str) -> Marked {
        Marked::new(s)
    }

    #[test]
    fn an_option_says_what_the_text_says_only_with_its_own_words() {
        let t = m("对犯罪嫌疑人、被告人决定取保候审的，可以责令其提出保证人或者交纳保证金。对同一犯罪嫌疑人、被告人决定取保候审的，不得同时使用保证人保证和保证金保证。对未成年人取保候审的，应当优先适用保证人保证。");
        assert!(says(
            &cs("对同一犯罪嫌疑人不得同时使用保证人保证和保证金保证"),
            &t
        ));
        // a modal changed, a word changed
        assert!(!says(
            &cs("对同一犯罪嫌疑人可以同时使用保证人保证和保证金保证"),
            &t
        ));
        assert!(!says(&cs("对未成年人取保候审，应当优先适用保证金保证"), &t));
        let t = m("在侦查期间，可以对被监视居住的犯罪嫌疑人的通信进行监控。");
        assert!(says(&cs("侦查期间对其通信进行监控"), &t));
        // a subject from the sentence before, but not two short words far apart
        let t = m("犯罪嫌疑人、被告人被逮捕后，人民检察院仍应当对羁押的必要性进行审查。对不需要继续羁押的，应当建议予以释放或者变更强制措施。");
        assert!(says(
            &cs("人民检察院对不需要继续羁押的，应当建议予以释放或者变更强制措施"),
            &t
        ));
        assert!(!says(&cs("应当继续羁押"), &t));
        let t = m("有关机关应当在十日以内将处理情况通知人民检察院。");
        assert!(!says(
            &cs("有关机关应当在七日以内将处理情况通知人民检察院"),
            &t
        ));
        assert!(says(
            &cs("有关机关应当在10日以内将处理情况通知人民检察院"),
            &t
        ));
        // one member of a list
        let t = m("（一）可能判处管制、拘役或者独立适用附加刑的；");
        assert!(says(&cs("可能判处拘役的"), &t));
        assert!(!says(&cs("可能判处无期徒刑的"), &t));
        // not a number inside another
        let t = m("领取失业保险金的期限最长为十二个月");
        assert!(!says(&cs("期限最长为二个月"), &t));
        assert!(says(&cs("期限最长为十二个月"), &t));
    }

    #[test]
    fn the_stem_decides_which_option_is_asked() {
        assert!(asks_the_exception("下列哪一项不属于保证人必须符合的条件？"));
        assert!(!asks_the_exception("下列说法正确的是："));
        assert!(!asks_the_exception(
            "该案不属于第158条规定的情形。二审法院应当在何日前审结？"
        ));
        assert_eq!(
            quoted("决定机关“可以根据案件情况”责令"),
            vec![cs("可以根据案件情况")]
        );
    }
}
