//! Catalogue §3 `period_arithmetic`: 刑诉法105 (counting, 节假日, custody) and 刑诉解释202 ¶1 (months).
//!
//! * The start day (or hour) is not counted (刑诉法105 ¶2).
//! * Months are counted directly from the start, never chained month by month (刑诉解释202 ¶1).
//! * A period ending on a rest day ends on the first day after the holiday, except while the person is
//!   in custody (刑诉法105 ¶4). Day and month periods only; never hour periods.
//! * The 刑期 rule of 202 ¶2 ("至…同日的前一日") is never used for procedural periods (C29).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use super::calendar::Calendar;
use super::{Flag, Out};

/// Citation keys every rule using the arithmetic can attach (see [`CITES`]).
pub(super) const CITES: &[super::Cite] = &[
    super::Cite::new(
        "105-2",
        super::XSF,
        "105",
        Some(2),
        None,
        "期间开始的时和日不算在期间以内",
    ),
    super::Cite::new(
        "105-4a",
        super::XSF,
        "105",
        Some(4),
        None,
        "以节假日后的第一日为期满日期",
    ),
    super::Cite::new(
        "105-4b",
        super::XSF,
        "105",
        Some(4),
        None,
        "不得因节假日而延长",
    ),
    super::Cite::new(
        "105-3",
        super::XSF,
        "105",
        Some(3),
        None,
        "法定期间不包括路途上的时间",
    ),
    super::Cite::new(
        "202-a",
        super::JS,
        "202",
        Some(1),
        None,
        "自本月某日至下月同日为一个月",
    ),
    super::Cite::new(
        "202-b",
        super::JS,
        "202",
        Some(1),
        None,
        "期限起算日为本月最后一日的，至下月最后一日为一个月",
    ),
    super::Cite::new(
        "202-c",
        super::JS,
        "202",
        Some(1),
        None,
        "下月同日不存在的，自本月某日至下月最后一日为一个月",
    ),
    super::Cite::new(
        "202-d",
        super::JS,
        "202",
        Some(1),
        None,
        "半个月一律按十五日计算",
    ),
];

/// Result of a day or month period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodEnd {
    pub nominal_last_day: NaiveDate,
    pub expiry_day: NaiveDate,
    pub extended_by_holiday: bool,
    /// The official calendar does not know the holidays of a year involved (weekends only).
    pub outside_coverage: bool,
}

impl PeriodEnd {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "nominal_last_day": self.nominal_last_day,
            "expiry_day": self.expiry_day,
            "extended_by_holiday": self.extended_by_holiday,
        })
    }
}

fn last_day_of_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// `start + n months` under 刑诉解释202 ¶1, computed directly from `start` (no chaining).
/// Returns `None` only outside chrono's date range.
pub fn add_months(start: NaiveDate, n: u32) -> Option<NaiveDate> {
    let total = start.year() as i64 * 12 + (start.month0() as i64) + n as i64;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = total.rem_euclid(12) as u32 + 1;
    let l = last_day_of_month(y, m);
    let start_is_month_end = start.day() == last_day_of_month(start.year(), start.month());
    let day = if start_is_month_end || start.day() > l {
        l // (a) 起算日为本月最后一日 / (b) 下月同日不存在
    } else {
        start.day() // (c) 至下月同日
    };
    NaiveDate::from_ymd_opt(y, m, day)
}

/// The holiday rule of 刑诉法105 ¶4 applied to a nominal last day.
pub fn holiday_rule(nominal: NaiveDate, in_custody: bool, cal: Calendar) -> PeriodEnd {
    let mut d = nominal;
    let mut outside = !cal.covers(nominal);
    if !in_custody {
        let mut guard = 0;
        while cal.is_rest_day(d) && guard < 60 {
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
            outside |= !cal.covers(d);
            guard += 1;
        }
    }
    PeriodEnd {
        nominal_last_day: nominal,
        expiry_day: d,
        extended_by_holiday: d != nominal,
        outside_coverage: outside,
    }
}

/// A period of `n` days after `start` (start day not counted).
pub fn days(start: NaiveDate, n: u32, in_custody: bool, cal: Calendar) -> Option<PeriodEnd> {
    let nominal = start.checked_add_signed(Duration::days(n as i64))?;
    Some(holiday_rule(nominal, in_custody, cal))
}

/// A period of `n` months after `start` (刑诉解释202 ¶1), with the holiday rule.
pub fn months(start: NaiveDate, n: u32, in_custody: bool, cal: Calendar) -> Option<PeriodEnd> {
    Some(holiday_rule(add_months(start, n)?, in_custody, cal))
}

/// An hour period: (statutory deadline, conservative deadline). The start hour is not counted, so the
/// count begins at the next full hour; the conservative reading counts from the exact minute.
/// No holiday rule for hours (Interpretation).
pub fn hours(start: NaiveDateTime, n: u32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let truncated = start.date().and_hms_opt(start.hour(), 0, 0)?;
    let statutory = truncated.checked_add_signed(Duration::hours(1 + n as i64))?;
    let conservative = start.checked_add_signed(Duration::hours(n as i64))?;
    Some((statutory, conservative))
}

/// A backward period ("期限届满十五日前"): the latest day, no holiday shift (Interpretation).
pub fn before(expiry: NaiveDate, n: u32) -> Option<NaiveDate> {
    expiry.checked_sub_signed(Duration::days(n as i64))
}

/// Attach the standard citations and flags of a day/month computation to an outcome.
pub(super) fn annotate(o: &mut Out, p: &PeriodEnd, in_custody: bool, months: bool) {
    o.cite_from(CITES, "105-2");
    if months {
        o.cite_from(CITES, "202-a");
        o.cite_from(CITES, "202-b");
        o.cite_from(CITES, "202-c");
        o.flag(Flag::interpretation(
            "月份按刑诉解释第202条第1款自起算日直接计算，不逐月连续推算；公安机关、人民检察院亦适用该款",
        ));
    }
    if in_custody {
        o.cite_from(CITES, "105-4b");
    } else if p.extended_by_holiday {
        o.cite_from(CITES, "105-4a");
    }
    if p.outside_coverage {
        o.calendar_outside_coverage();
    }
}

/// §8 Q2: a deadline the detained person must meet himself (paying a deposit, applying for 复议) is
/// not extended for holidays either, because 刑诉法105 ¶4 is applied literally.
pub(super) fn flag_custody_own_deadline(o: &mut Out) {
    o.flag(
        Flag::interpretation(
            "在押期间，被羁押人本人应遵守的期限同样不因节假日延长（刑诉法第105条第4款按字面适用）",
        )
        .with_code("§8 Q2"),
    );
}

/// [`days`] for a rule: annotates the outcome and maps an out-of-range date to `InvalidInput`.
pub(super) fn days_for(
    o: &mut Out,
    start: NaiveDate,
    n: u32,
    in_custody: bool,
    cal: Calendar,
) -> crate::Result<PeriodEnd> {
    let p = days(start, n, in_custody, cal).ok_or_else(|| {
        crate::Error::InvalidInput(format!("date out of range: {start} + {n} days"))
    })?;
    annotate(o, &p, in_custody, false);
    Ok(p)
}

/// [`months`] for a rule (see [`days_for`]).
pub(super) fn months_for(
    o: &mut Out,
    start: NaiveDate,
    n: u32,
    in_custody: bool,
    cal: Calendar,
) -> crate::Result<PeriodEnd> {
    let p = months(start, n, in_custody, cal).ok_or_else(|| {
        crate::Error::InvalidInput(format!("date out of range: {start} + {n} months"))
    })?;
    annotate(o, &p, in_custody, true);
    Ok(p)
}

/// Parse an hour-precision start (`2025-03-14T10:20`, `2025-03-14 10:20`, seconds optional).
/// The last days of a procedure's steps in words, in the order of `steps` (key, words before the
/// day): 申请复议的最后一日为2024-10-08；… Steps without a day are left out.
pub(crate) fn steps_text(
    tl: &serde_json::Map<String, serde_json::Value>,
    steps: &[(&str, &str)],
) -> String {
    steps
        .iter()
        .filter_map(|(k, zh)| {
            tl.get(*k)
                .and_then(|v| v.as_str())
                .map(|d| format!("{zh}{d}"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The steps after a decision of forfeiture or fine: reconsideration and review (公安部规定99, 104).
pub(crate) const REVIEW_STEPS: [(&str, &str); 4] = [
    ("reconsideration_apply_by", "申请复议的最后一日为"),
    ("reconsideration_decision_by", "作出复议决定的最后一日为"),
    ("review_apply_by", "申请复核的最后一日为"),
    ("review_decision_by", "作出复核决定的最后一日为"),
];

pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn worked_examples_p1_to_p9() {
        let c0 = Calendar::C0;
        let p1 = days(d("2025-03-10"), 3, false, c0).unwrap();
        assert_eq!(
            (p1.nominal_last_day, p1.expiry_day),
            (d("2025-03-13"), d("2025-03-13"))
        );
        let p2 = days(d("2025-03-13"), 3, true, c0).unwrap();
        assert_eq!(
            (p2.nominal_last_day, p2.expiry_day),
            (d("2025-03-16"), d("2025-03-16"))
        );
        let p3 = days(d("2025-03-13"), 3, false, c0).unwrap();
        assert_eq!(p3.expiry_day, d("2025-03-17"));
        assert!(p3.extended_by_holiday);
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2025-01-31"), 1), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2024-04-30"), 6), Some(d("2024-10-31")));
        assert_eq!(add_months(d("2024-01-30"), 6), Some(d("2024-07-30")));
        let t = parse_datetime("2025-03-14T10:20").unwrap();
        let (s, c) = hours(t, 24).unwrap();
        assert_eq!(s, parse_datetime("2025-03-15 11:00").unwrap());
        assert_eq!(c, parse_datetime("2025-03-15 10:20").unwrap());
        assert_eq!(before(d("2025-01-10"), 15), Some(d("2024-12-26")));
    }
}
