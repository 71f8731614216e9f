//! Facts read from a question: who decides (公安/检察院/法院), whether the person is a minor, amounts
//! of money. Each fact is what the text says, never a guess; what is not said stays unset and the
//! rules report it as needed.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::normalize::normalize_str;
use crate::numerals;

/// Facts found in a question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Facts {
    /// public_security / state_security / procuratorate / court.
    pub authority: Option<String>,
    /// Age in years, when stated.
    pub age: Option<u32>,
    pub is_minor: Option<bool>,
    /// Amounts of money in yuan, in the order written.
    pub amounts: Vec<u64>,
}

static AGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:周岁|岁)").unwrap()
});
static AMOUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)\s*(万|千|百)?\s*(?:元|块|块钱)|([0-9]+(?:\.[0-9]+)?)\s*万").unwrap()
});

/// Reads the facts of a question (simplified or traditional).
pub fn extract(question: &str) -> Facts {
    let q = normalize_str(question);
    let authority = if q.contains("法院") || q.contains("开庭") || q.contains("审判") {
        Some("court".into())
    } else if q.contains("检察院") || q.contains("检察") || q.contains("审查起诉") {
        Some("procuratorate".into())
    } else if q.contains("国家安全机关") || q.contains("国安") {
        Some("state_security".into())
    } else if q.contains("公安") || q.contains("派出所") || q.contains("警察") || q.contains("刑警")
    {
        Some("public_security".into())
    } else {
        None
    };
    let mut f = Facts {
        authority,
        ..Default::default()
    };
    if let Some(c) = AGE_RE.captures(&q) {
        if let Some(age) = c[1].parse::<u32>().ok().or_else(|| numerals::parse(&c[1])) {
            if (1..=120).contains(&age) {
                f.age = Some(age);
                f.is_minor = Some(age < 18);
            }
        }
    }
    if q.contains("未成年")
        || q.contains("不满十八")
        || q.contains("未满十八")
        || q.contains("未满18")
        || q.contains("不满18")
    {
        f.is_minor = Some(true);
    } else if f.is_minor.is_none() && q.contains("成年人") {
        f.is_minor = Some(false);
    }
    for c in AMOUNT_RE.captures_iter(&q) {
        let (num, unit) = match (c.get(1), c.get(3)) {
            (Some(n), _) => (n.as_str(), c.get(2).map(|u| u.as_str())),
            (None, Some(n)) => (n.as_str(), Some("万")),
            _ => continue,
        };
        let base: Option<f64> = num
            .parse::<f64>()
            .ok()
            .or_else(|| numerals::parse(num).map(f64::from));
        let Some(base) = base else { continue };
        let mult = match unit {
            Some("万") => 10_000.0,
            Some("千") => 1_000.0,
            Some("百") => 100.0,
            _ => 1.0,
        };
        let yuan = (base * mult).round();
        if yuan > 0.0 && yuan < 1e13 {
            f.amounts.push(yuan as u64);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_authority_age_and_amounts() {
        let f = extract("我儿子17岁，在派出所被要求交3万元保证金");
        assert_eq!(f.authority.as_deref(), Some("public_security"));
        assert_eq!((f.age, f.is_minor), (Some(17), Some(true)));
        assert_eq!(f.amounts, vec![30_000]);
        let f = extract("檢察院說要交五千塊保證金，另外還有2.5萬的損失");
        assert_eq!(f.authority.as_deref(), Some("procuratorate"));
        assert_eq!(f.amounts, vec![5_000, 25_000]);
        let f = extract("未成年人取保候审");
        assert_eq!(f.is_minor, Some(true));
        assert_eq!(extract("取保候审是什么").authority, None);
    }
}
