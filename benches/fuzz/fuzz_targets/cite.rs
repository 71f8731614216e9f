//! Citation parser: `cite::parse` (the context-free part; `resolve` needs a corpus).
//!
//! Properties: no panic; every citation's byte range lies inside the input on char boundaries and
//! `text` is exactly that slice; citations come sorted by start, and two citations overlap only
//! when one lies inside the other (a 第X条 inside a 《title》 cited itself: 《关于适用刑法第六十四条
//! 有关问题的批复》第一条); every article number is a well-formed key ("67", "133-1") that
//! `ArticleNumber` reads back; 前款 / 本条 carry none.
#![no_main]

use fatiao::cite;
use fatiao::numerals::ArticleNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let refs = cite::parse(&text);
    for (i, r) in refs.iter().enumerate() {
        for o in &refs[..i] {
            assert!(o.start <= r.start, "not sorted: {refs:?}");
            let overlap = r.start < o.end && o.start < r.end;
            let nested =
                (o.start <= r.start && r.end <= o.end) || (r.start <= o.start && o.end <= r.end);
            assert!(!overlap || nested, "citations cross: {o:?} {r:?}");
        }
        assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?}"
        );
        assert_eq!(r.text, &text[r.start..r.end]);
        for a in &r.articles {
            let n = ArticleNumber::parse(a);
            assert_eq!(n.map(|n| n.key()).as_deref(), Some(a.as_str()), "{r:?}");
        }
        if r.relative {
            assert!(r.articles.is_empty(), "{r:?}");
        }
    }
});
