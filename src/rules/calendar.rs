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
}
