//! Chinese numerals: `numerals::parse`, `numerals::format`, `ArticleNumber::parse`.
//!
//! Properties: no panic on any text; every u32 round-trips number → Chinese → number; whatever
//! parses formats back to the same number; a parsed article number has main > 0 and round-trips
//! through its label (第…条之…) and its key ("133-1").
#![no_main]

use fatiao::numerals::{self, ArticleNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(b) = data.get(..8) {
        let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let sub = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        let s = numerals::format(n);
        assert_eq!(numerals::parse(&s), Some(n), "format({n}) = {s:?}");
        if n > 0 {
            let a = ArticleNumber::new(n, sub);
            assert_eq!(ArticleNumber::parse(&a.label()), Some(a), "{:?}", a.label());
            assert_eq!(ArticleNumber::parse(&a.key()), Some(a), "{:?}", a.key());
        }
    }
    let text = String::from_utf8_lossy(data);
    if let Some(n) = numerals::parse(&text) {
        let s = numerals::format(n);
        assert_eq!(numerals::parse(&s), Some(n), "{text:?} → {n} → {s:?}");
    }
    if let Some(a) = ArticleNumber::parse(&text) {
        assert!(a.main > 0, "{text:?} → {a:?}");
        assert_eq!(
            ArticleNumber::parse(&a.label()),
            Some(a),
            "{text:?} → {:?}",
            a.label()
        );
        assert_eq!(
            ArticleNumber::parse(&a.key()),
            Some(a),
            "{text:?} → {:?}",
            a.key()
        );
    }
});
