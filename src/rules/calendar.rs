//! Rest-day calendars for 刑诉法105 ¶4 (节假日).
//!
//! * [`Calendar::Official`]: China's public holidays and 调休 make-up working days from
//!   `corpus/holidays.tsv` (compiled in with `include_str!`). Outside the years the file covers,
//!   only Saturdays and Sundays are rest days, and callers must flag the result
//!   ([`Calendar::covers`]).
//! * [`Calendar::C0`]: the catalogue's test calendar — Saturdays and Sundays only. A fixture for the
//!   worked examples, not a statement about real holidays.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

const HOLIDAYS_TSV: &str = include_str!("../../corpus/holidays.tsv");

/// Which rest-day calendar a computation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// Official public holidays + 调休 (holidays.tsv), weekends only outside coverage.
    Official,
    /// Test calendar C0: weekends are the only rest days.
    C0,
}

struct Table {
    first_year: i32,
    last_year: i32,
    /// true = rest day ("off"), false = make-up working day ("work").
    days: HashMap<NaiveDate, bool>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| parse(HOLIDAYS_TSV))
}

fn parse(text: &str) -> Table {
    let mut t = Table {
        first_year: 0,
        last_year: -1,
        days: HashMap::new(),
    };
    for line in text.lines() {
        let line = line.trim();
        if let Some(c) = line.strip_prefix("# coverage:") {
            if let Some((a, b)) = c.trim().split_once('-') {
                t.first_year = a.trim().parse().unwrap_or(0);
                t.last_year = b.trim().parse().unwrap_or(-1);
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(range), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        let off = kind.trim() == "off";
        let (from, to) = range.split_once("..").unwrap_or((range, range));
        let (Ok(mut d), Ok(to)) = (
            NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d"),
            NaiveDate::parse_from_str(to.trim(), "%Y-%m-%d"),
        ) else {
            continue;
        };
        while d <= to {
            t.days.insert(d, off);
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
    }
    t
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// Parse the `calendar` input field: "official" (default) or "c0".
    pub fn from_name(name: &str) -> Option<Calendar> {
        match name.trim().to_ascii_lowercase().as_str() {
            "" | "official" | "cn" | "china" => Some(Calendar::Official),
            "c0" | "weekends" | "test" => Some(Calendar::C0),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Calendar::Official => "official",
            Calendar::C0 => "c0",
        }
    }

    /// Is `d` a 节假日 (rest day)?
    pub fn is_rest_day(self, d: NaiveDate) -> bool {
        match self {
            Calendar::C0 => is_weekend(d),
            Calendar::Official => match table().days.get(&d) {
                Some(&off) => off,
                None => is_weekend(d),
            },
        }
    }

    /// Does the calendar know the real holidays of `d`'s year? C0 always "covers" (it is a fixture).
    pub fn covers(self, d: NaiveDate) -> bool {
        match self {
            Calendar::C0 => true,
            Calendar::Official => {
                let t = table();
                (t.first_year..=t.last_year).contains(&d.year())
            }
        }
    }

    /// The years covered by the official table.
    pub fn coverage() -> (i32, i32) {
        let t = table();
        (t.first_year, t.last_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn coverage_and_national_day_2025() {
        assert_eq!(Calendar::coverage(), (2020, 2026));
        for day in 1..=8 {
            assert!(Calendar::Official.is_rest_day(d(&format!("2025-10-0{day}"))));
        }
        assert!(!Calendar::Official.is_rest_day(d("2025-09-28"))); // Sunday, working
        assert!(!Calendar::Official.is_rest_day(d("2025-10-11"))); // Saturday, working
        assert!(Calendar::Official.is_rest_day(d("2025-10-12")));
        assert!(!Calendar::Official.is_rest_day(d("2025-10-09")));
        assert!(Calendar::C0.is_rest_day(d("2025-10-11")));
        assert!(!Calendar::C0.is_rest_day(d("2025-10-01")));
        assert!(!Calendar::Official.covers(d("2027-01-01")));
        assert!(Calendar::Official.is_rest_day(d("2027-01-02"))); // weekend fallback
    }

    /// Every data line of holidays.tsv parses, lies inside the stated coverage, and every 调休 working
    /// day is a Saturday or Sunday (a weekday marked "work" would be a typo: weekdays are working days
    /// anyway). A line the parser skipped would silently drop holidays.
    #[test]
    fn holiday_file_is_well_formed() {
        let (first, last) = Calendar::coverage();
        let mut lines = 0;
        for line in HOLIDAYS_TSV.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            lines += 1;
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "three columns: {line}");
            assert!(matches!(cols[1], "off" | "work"), "kind: {line}");
            let (a, b) = cols[0].split_once("..").unwrap_or((cols[0], cols[0]));
            let (a, b) = (d(a), d(b));
            assert!(a <= b, "range order: {line}");
            // 元旦 2023 starts on 2022-12-31: a range may begin in the year before its notice.
            assert!(
                a.year() >= first - 1 && b.year() <= last,
                "inside coverage: {line}"
            );
            let t = table();
            let mut x = a;
            while x <= b {
                assert_eq!(t.days.get(&x), Some(&(cols[1] == "off")), "parsed: {x}");
                if cols[1] == "work" {
                    assert!(is_weekend(x), "调休 working day on a weekday: {x}");
                }
                x = x.succ_opt().unwrap();
            }
        }
        assert!(lines > 80, "{lines} data lines");
    }

    /// One day per notice that only the notice (not the weekend rule) decides, for each year.
    #[test]
    fn one_check_per_notice_year() {
        let off = |s: &str| Calendar::Official.is_rest_day(d(s));
        assert!(
            off("2020-02-01"),
            "2020: Saturday kept off by the 春节 extension to 02-02"
        );
        assert!(!off("2020-01-19"), "2020: Sunday 调休 working day");
        assert!(!off("2021-02-20"), "2021: Saturday 调休 working day");
        assert!(off("2021-09-21"), "2021: 中秋 Tuesday");
        assert!(!off("2022-04-02"), "2022: Saturday before 清明");
        assert!(off("2022-02-04"), "2022: 春节 Friday");
        assert!(
            off("2022-12-31") && off("2023-01-02"),
            "2023: 元旦 from 2022-12-31"
        );
        assert!(!off("2023-10-08"), "2023: Sunday 调休 working day");
        assert!(!off("2024-02-18"), "2024: Sunday 调休 working day");
        assert!(off("2024-06-10"), "2024: 端午 Monday");
        assert!(!off("2025-02-08"), "2025: Saturday 调休 working day");
        assert!(off("2025-02-04"), "2025: 春节 (8 days) Tuesday");
        assert!(
            !off("2026-01-04"),
            "2026: Sunday 调休 working day after 元旦"
        );
        assert!(off("2026-02-23"), "2026: 春节 (9 days) Monday");
        assert!(
            !off("2026-09-20"),
            "2026: Sunday 调休 working day before 国庆"
        );
    }
}
