//! Question fact extractor: `understand::facts::extract(question, today)` (amounts, dates, ages,
//! durations, stage, crimes, circumstances, violations, custody, topics).
//!
//! The first byte picks `today`: a fixed day, a day in 1900–2079, or any day chrono can hold
//! (`parse_today` accepts any of them, e.g. `+262143-12-31`). The rest is the question.
//!
//! Properties: no panic ("Never panics", as `extract` promises); every span of every fact lies
//! inside the question on char boundaries, its `text` is part of the normalised question and has
//! as many characters as the original slice normalises to.
#![no_main]

use chrono::{Datelike, NaiveDate};
use fatiao::normalize::normalize_str;
use fatiao::understand::facts::extract;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn today(data: &[u8]) -> (NaiveDate, &[u8]) {
    let fixed = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    match data {
        [0, a, b, rest @ ..] => {
            let days = u16::from_le_bytes([*a, *b]) as i32 % 65_000;
            let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
            (base + chrono::Duration::days(days as i64), rest)
        }
        [1, a, b, c, d, rest @ ..] => {
            let (min, max) = (
                NaiveDate::MIN.num_days_from_ce(),
                NaiveDate::MAX.num_days_from_ce(),
            );
            let span = (max as i64 - min as i64 + 1) as u64;
            let v = u32::from_le_bytes([*a, *b, *c, *d]) as u64 % span;
            let d = NaiveDate::from_num_days_from_ce_opt((min as i64 + v as i64) as i32).unwrap();
            (d, rest)
        }
        [2, rest @ ..] => (NaiveDate::MAX, rest),
        [3, rest @ ..] => (NaiveDate::MIN, rest),
        _ => (fixed, data),
    }
}

fn spans<'a>(v: &'a Value, out: &mut Vec<(u64, u64, &'a str)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::Number(s)), Some(Value::Number(e)), Some(Value::String(t))) =
                (m.get("start"), m.get("end"), m.get("text"))
            {
                out.push((s.as_u64().unwrap(), e.as_u64().unwrap(), t.as_str()));
            }
            for x in m.values() {
                spans(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let (today, rest) = today(data);
    let q = String::from_utf8_lossy(rest);
    let f = extract(&q, today);
    let v = serde_json::to_value(&f).unwrap();
    let mut found = Vec::new();
    spans(&v, &mut found);
    for (s, e, t) in found {
        let (s, e) = (s as usize, e as usize);
        assert!(
            s <= e && e <= q.len(),
            "span {s}..{e} of {}: {t:?}",
            q.len()
        );
        assert!(
            q.is_char_boundary(s) && q.is_char_boundary(e),
            "span {s}..{e}: {t:?}"
        );
        assert!(
            f.normalized.contains(t),
            "span text {t:?} not in {:?}",
            f.normalized
        );
        assert_eq!(
            normalize_str(&q[s..e]).chars().count(),
            t.chars().count(),
            "span {s}..{e} {:?} vs {t:?}",
            &q[s..e]
        );
    }
});
