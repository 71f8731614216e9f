//! Reproducers of what the fuzz targets in `benches/fuzz` found, as plain tests (no cargo-fuzz
//! needed). Each test names its target and checks the property that failed on the (minimised)
//! input, inlined as bytes.

use fatiao::cite;
use fatiao::ingest::page::ingest_page;
use fatiao::ingest::{repair, statute};
use fatiao::numerals::{self, ArticleNumber};

/// numerals: `format` wrote numbers of 1亿 and more as 万 of 万 (三十八万三千四百九十五万…), which
/// `parse` misread as a smaller number instead of refusing it. Now both know 亿.
#[test]
fn numerals_round_trip_above_one_hundred_million() {
    // the fuzzer's input: its first four bytes are the number
    let input = b"\xe4\xba\x94\xe4\xb8\x87\xe9\x9b\xb6\xe4\xb8\x80";
    let n = u32::from_le_bytes([input[0], input[1], input[2], input[3]]);
    assert_eq!(n, 3_834_952_420);
    for n in [n, 100_000_000, 100_050_000, u32::MAX] {
        let s = numerals::format(n);
        assert_eq!(numerals::parse(&s), Some(n), "{s}");
        let a = ArticleNumber::new(n, 0);
        assert_eq!(ArticleNumber::parse(&a.label()), Some(a));
    }
    assert_eq!(
        numerals::parse("三十八万三千四百九十五万二千四百二十"),
        None
    );
}

/// statute: a short line after a heading was taken for the rest of the heading, and when no
/// article followed, no record carried that heading, so the line was lost (an appendix list
/// `北京市` / `天津市` after `## 附件`). Such a line is now text unless an article follows.
#[test]
fn statute_keeps_short_lines_after_a_heading() {
    let input = "# 法\n<!-- INFO END -->\n## 附件\n北京市\n";
    let p = statute::parse("fuzz.md", input);
    let kept: Vec<&str> = p
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    assert_eq!(kept, vec!["北京市"], "{:?}", p.articles);
}

/// html_clean (a timeout): a page that looks pinyin-damaged (three `執(zhí)`) with a run of `?`
/// made the repair search extend up to 190 hypotheses per `?` for each of the 400 it keeps (about
/// a quarter second per `?` in the fuzz build), so a page of mojibake `?` took hours. The search
/// now has a budget per page; past it, damaged lines are kept with their damage marked.
#[test]
fn repair_of_a_page_full_of_question_marks_is_bounded() {
    let started = std::time::Instant::now();
    let page = b"\xef\xbb\xbf#li  \xe5\x9f\xb7(zh\xc3\xad)\xe8\xa1\x8c \xe5\x9f\xb7(zh\xc3\xad)\xe8\xa1\x8c \xe5\x9f\xb7(zh\xc3\xad)\xe8\xa1\x8c\r\n<body>????????????????????????????????????????????????</body>\n\xe5\x8f\x96\xe4\xbf\x9d?q\xc5\xab)\n";
    let out = ingest_page("fuzz.html", page).expect("a page");
    let report = out.page.repair.expect("repaired");
    assert!(report.spans_damaged >= 1, "{report:?}");
    assert!(out.page.text.contains(repair::DAMAGED), "{}", out.page.text);
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
}

/// cite: an unbracketed law name was the longest suffix (up to 30 characters) that looks like a
/// law, so `中华人民共和国…法` could reach back over the citation before it, and two citations
/// crossed (`中华人民共和国刑法第一百五十九条和中华人民共和国刑事诉讼法` was one "law"). A name now
/// starts after the previous citation.
#[test]
fn cite_names_do_not_reach_over_the_previous_citation() {
    let text = "中华人民共和国刑法第一百五十九条和中华人民共和国刑事诉讼法第五条";
    let refs = cite::parse(text);
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs[0].end <= refs[1].start, "{refs:?}");
    assert_eq!(
        refs[1].law,
        cite::LawRef::Named("中华人民共和国刑事诉讼法".into())
    );
    // the fuzzer's input (with its invalid bytes), decoded as the target does
    let input = String::from_utf8_lossy(b"\xe4\xb8\xad\xe5\x8d\x8e\xe4\xba\xba\xe6\xb0\x91\xe5\x85\xb1\xe5\x92\x8c\xe5\x9b\xbd\xff\xef\xbc\x8c\xe5\x88\x91\xe6\x9d\xa1\xe6\xb3\x95\xe7\xac\xac\xe4\xb8\x80\xe7\x99\xbe\xe4\xba\x94\xe5\x8d\x81\xe4\xb9\x9d\xe6\x9d\xa1\xff\xe6\xb3\x95\xe7\xac\xac\xe4\xb8\x80\xe7\x99\xbe\xe4\xba\x94\xe6\x9d\xa1");
    let refs = cite::parse(&input);
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs[0].end <= refs[1].start, "{refs:?}");
}

/// statute: `第0…0条 ` (or 第零条) was read as an article numbered 0, the number of the unnumbered
/// 序言 / 全文 record, with no label of its own (and `ArticleNumber::parse("0")` refuses it). A
/// marker numbers from 1; such a line is text.
#[test]
fn statute_article_zero_is_text() {
    let input = b"# \xe6\xb3\x95\n<!-- INFO END -->\n\xe7\xac\xac000\xe6\x9d\xa1 \xe5\x8f\xaf\n";
    let p = statute::parse("fuzz.md", &String::from_utf8_lossy(input));
    assert_eq!(p.articles.len(), 1, "{:?}", p.articles);
    assert!(p.articles[0].unnumbered.is_some());
    assert_eq!(p.articles[0].paragraphs[0].text, "第000条 可");
}
