//! Chinese numerals as used in article labels: 第六十七条 ↔ 67, 第一百三十三条之一 ↔ "133-1".
//!
//! Handles 零/〇 as zero, 两 as two, an omitted leading 一 before 十 (十二 = 12), 万 and 亿 groups, and
//! Arabic digits.

/// Parses a Chinese (or Arabic) numeral. Returns `None` for anything that is not a well-formed number.
pub fn parse(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    if s.chars().all(|c| ('０'..='９').contains(&c)) {
        let ascii: String = s
            .chars()
            .map(|c| char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0'))
            .collect();
        return ascii.parse().ok();
    }
    let mut yi: u64 = 0; // the 亿 group
    let mut total: u64 = 0; // the 万 group below 亿
    let mut section: u64 = 0; // value below 万
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    let mut saw_any = false;
    for c in s.chars() {
        saw_any = true;
        if let Some(d) = digit_value(c) {
            // two digits in a row ("六七", "零零") is not a positional numeral; 零 may precede one
            if digit.is_some_and(|prev| prev != 0 || d == 0) {
                return None;
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' | '萬' => 10_000,
            '亿' | '億' => 100_000_000,
            _ => return None,
        };
        if unit == 100_000_000 {
            let group = total + section + digit.take().unwrap_or(0);
            // one 亿 at most (u32 ends at 42亿), and never 亿 after nothing
            if group == 0 || yi > 0 {
                return None;
            }
            yi = group * 100_000_000;
            total = 0;
            section = 0;
            last_unit = u64::MAX;
            continue;
        }
        if unit == 10_000 {
            section += digit.take().unwrap_or(0);
            // one 万 per 亿 group: 三十八万三千四百九十五万 is not a number
            if section == 0 || total > 0 {
                return None;
            }
            total += section * 10_000;
            section = 0;
            last_unit = u64::MAX;
            continue;
        }
        if unit >= last_unit {
            return None;
        }
        let d = match digit.take() {
            Some(0) => return None,
            Some(d) => d,
            None if unit == 10 => 1,
            None => return None,
        };
        section += d * unit;
        last_unit = unit;
    }
    if !saw_any {
        return None;
    }
    section += digit.unwrap_or(0);
    u32::try_from(yi + total + section).ok()
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '貳' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Formats a number the way statutes write it: 10 → 十, 110 → 一百一十, 105 → 一百零五; from
/// 100 000 000 on with 亿 (一亿零五万), so that [`parse`] reads back every `u32`.
pub fn format(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    if n >= 100_000_000 {
        let mut s = format_below_100m(n / 100_000_000, false);
        s.push('亿');
        let low = n % 100_000_000;
        if low > 0 {
            if low < 10_000_000 {
                s.push('零');
            }
            s.push_str(&format_below_100m(low, true));
        }
        return s;
    }
    format_below_100m(n, false)
}

fn format_below_100m(n: u32, inner: bool) -> String {
    if n >= 10_000 {
        let high = n / 10_000;
        let low = n % 10_000;
        let mut s = format_below_10k(high, inner);
        s.push('万');
        if low > 0 {
            if low < 1000 {
                s.push('零');
            }
            s.push_str(&format_below_10k(low, true));
        }
        return s;
    }
    format_below_10k(n, inner)
}

fn format_below_10k(n: u32, inner: bool) -> String {
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut s = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    let mut started = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            s.push('零');
            pending_zero = false;
        }
        // 十二, not 一十二, when 十 leads the whole number
        if value != 10 || d != 1 || started || inner {
            s.push(DIGITS[d as usize]);
        }
        s.push(unit);
        started = true;
    }
    if rest > 0 {
        if pending_zero {
            s.push('零');
        }
        s.push(DIGITS[rest as usize]);
    }
    s
}

/// An article number: 67, or 133 with suffix 1 (第一百三十三条之一 → "133-1").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleNumber {
    pub main: u32,
    pub sub: u32,
}

impl ArticleNumber {
    pub fn new(main: u32, sub: u32) -> Self {
        ArticleNumber { main, sub }
    }

    /// "67" or "133-1".
    pub fn key(&self) -> String {
        if self.sub == 0 {
            self.main.to_string()
        } else {
            format!("{}-{}", self.main, self.sub)
        }
    }

    /// 第六十七条 or 第一百三十三条之一.
    pub fn label(&self) -> String {
        if self.sub == 0 {
            format!("第{}条", format(self.main))
        } else {
            format!("第{}条之{}", format(self.main), format(self.sub))
        }
    }

    /// Parses "67", "133-1", "133之一", "第六十七条", "第一百三十三条之一", "第67条", "六十七".
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = s.strip_prefix('第').unwrap_or(s);
        let (main, sub) = if let Some((a, b)) = s.split_once('-') {
            (a, Some(b))
        } else if let Some((a, b)) = s.split_once("之") {
            (a, Some(b))
        } else {
            (s, None)
        };
        let main = main.trim().trim_end_matches(['条', '條']).trim();
        let main = parse(main)?;
        if main == 0 {
            return None;
        }
        let sub = match sub {
            Some(b) => {
                let v = parse(b.trim())?;
                if v == 0 {
                    return None;
                }
                v
            }
            None => 0,
        };
        Some(ArticleNumber { main, sub })
    }
}

impl std::fmt::Display for ArticleNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_statute_numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("六十七", 67),
            ("一百", 100),
            ("一百零五", 105),
            ("一百〇五", 105),
            ("一百一十", 110),
            ("一百三十三", 133),
            ("两百", 200),
            ("一千二百五十四", 1254),
            ("一千零一十", 1010),
            ("两千", 2000),
            ("三万", 30_000),
            ("五万零一", 50_001),
            ("一亿", 100_000_000),
            ("一亿零五万", 100_050_000),
            ("四十二亿九千四百九十六万七千二百九十五", u32::MAX),
            ("67", 67),
            ("６７", 67),
        ] {
            assert_eq!(parse(s), Some(n), "{s}");
        }
        for bad in [
            "",
            "条",
            "六七",
            "百",
            "十十",
            "一百百",
            "abc",
            "零零",
            "一万一万",
            "一亿一亿",
            "亿",
            "四十三亿",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_like_statutes() {
        assert_eq!(format(10), "十");
        assert_eq!(format(12), "十二");
        assert_eq!(format(67), "六十七");
        assert_eq!(format(105), "一百零五");
        assert_eq!(format(110), "一百一十");
        assert_eq!(format(1010), "一千零一十");
        assert_eq!(format(1254), "一千二百五十四");
        assert_eq!(format(1001), "一千零一");
        assert_eq!(format(50_000), "五万");
        assert_eq!(format(100_050_000), "一亿零五万");
        assert_eq!(format(110_000_000), "一亿一千万");
        assert_eq!(format(100_100_000), "一亿零一十万");
        assert_eq!(format(u32::MAX), "四十二亿九千四百九十六万七千二百九十五");
    }

    #[test]
    fn article_numbers() {
        let n = ArticleNumber::parse("第一百三十三条之一").unwrap();
        assert_eq!(n.key(), "133-1");
        assert_eq!(n.label(), "第一百三十三条之一");
        assert_eq!(ArticleNumber::parse("133-1"), Some(n));
        assert_eq!(
            ArticleNumber::parse("第67条").unwrap().label(),
            "第六十七条"
        );
        assert_eq!(ArticleNumber::parse("67").unwrap().key(), "67");
        assert_eq!(ArticleNumber::parse("第六十七條").unwrap().key(), "67");
        assert_eq!(ArticleNumber::parse("0"), None);
        assert_eq!(ArticleNumber::parse("abc"), None);
    }

    proptest::proptest! {
        #[test]
        fn numerals_round_trip(n in proptest::prop_oneof![1u32..200_000, proptest::num::u32::ANY]) {
            proptest::prop_assert_eq!(parse(&format(n)), Some(n));
        }

        #[test]
        fn article_numbers_round_trip(main in 1u32..3000, sub in 0u32..20) {
            let a = ArticleNumber::new(main, sub);
            proptest::prop_assert_eq!(ArticleNumber::parse(&a.label()), Some(a));
            proptest::prop_assert_eq!(ArticleNumber::parse(&a.key()), Some(a));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = parse(&s);
            let _ = ArticleNumber::parse(&s);
        }
    }
}
