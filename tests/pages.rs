//! Commentary pages over the real seeds: chrome removed, sections and Q&A, quotes linked,
//! traditional text, bad files.

mod common;

use std::sync::OnceLock;

use fatiao::corpus::Corpus;
use fatiao::records::{ArticleKind, Page, SectionKind};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| fatiao::ingest::ingest(&common::source(), None).expect("ingest"))
}

fn page(prefix: &str) -> &'static Page {
    corpus()
        .pages
        .iter()
        .find(|p| p.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("page {prefix} missing"))
}

fn qa(p: &Page) -> Vec<&str> {
    p.sections
        .iter()
        .filter_map(|s| match &s.kind {
            SectionKind::Qa { question } => Some(question.as_str()),
            SectionKind::Body => None,
        })
        .collect()
}

#[test]
fn chrome_is_gone_content_stays() {
    if common::national_corpus("chrome_is_gone_content_stays").is_none() {
        return;
    }
    let p = page("000");
    for chrome in [
        "网易首页",
        "分享至",
        "相关推荐",
        "热点推荐",
        "特别声明",
        "Notice:",
        "文章数",
        "关注度",
        "无障碍浏览",
        "头条要闻",
    ] {
        assert!(!p.text.contains(chrome), "000 still has {chrome:?}");
    }
    assert!(p.text.contains("取保候审不是终点"));
    assert_eq!(p.title, "取保候审的关键作用,你知道吗");
    let p = page("001");
    for chrome in [
        "用户4分钟前提交了咨询",
        "已获取解答",
        "人选择咨询律师",
        "位律师在线",
        "免责声明",
        "立即咨询",
        "一键咨询",
        "律图 > 法律知识",
        "浏览10w+",
        "10w+浏览",
        "卢滨律师律师",
        "评分5.0分",
        "立即免费测试",
        "投诉/举报",
        "顶部",
    ] {
        assert!(!p.text.contains(chrome), "001 still has {chrome:?}");
    }
    assert!(p.text.contains("保证金的起点数额为人民币一千元"));
    // the duplicated summary paragraph is kept once
    assert_eq!(
        p.text
            .matches("取保候审保证金数额的确定需综合多因素")
            .count(),
        1
    );
}

#[test]
fn nineteen_questions_become_nineteen_qa_sections() {
    if common::national_corpus("nineteen_questions_become_nineteen_qa_sections").is_none() {
        return;
    }
    let p = page("002");
    let q = qa(p);
    assert_eq!(q.len(), 19, "{q:#?}");
    assert_eq!(q[0], "哪种情况可以取保候审？");
    assert_eq!(q[2], "哪些情况绝对不得取保候审？是否存在例外？");
    assert_eq!(
        q[18],
        "保证金能退还吗？同时承担退赔、附民赔偿、罚金等责任的如何处理？"
    );
    // page-break headings are removed and the words they split are whole again
    assert!(!p.text.contains("一文读懂取保候审新规2"));
    assert!(p.text.contains("但上述犯罪嫌疑人具有以下情形的"));
    assert!(!p.text.contains("点击上方头像"));
}

#[test]
fn lawyer_answers_and_cards_become_qa() {
    if common::national_corpus("lawyer_answers_and_cards_become_qa").is_none() {
        return;
    }
    let p = page("001");
    let q = qa(p);
    assert!(q.contains(&"取保候审保证金数额的规定"), "{q:?}");
    assert!(q.contains(&"取保候审担保金数额怎么算"), "{q:?}");
    // five copies of one boilerplate answer are one section, noted
    let boiler = p
        .sections
        .iter()
        .find(|s| s.text.contains("合同诈骗是指以非法占有为目的"))
        .unwrap();
    assert!(
        boiler.note.as_deref().unwrap().contains("5个问题"),
        "{:?}",
        boiler.note
    );
    assert_eq!(
        p.sections
            .iter()
            .filter(|s| s.text.contains("合同诈骗是指以非法占有为目的"))
            .count(),
        1
    );
}

#[test]
fn study_notes_split_by_heading() {
    if common::national_corpus("study_notes_split_by_heading").is_none() {
        return;
    }
    let p = page("003");
    let headings: Vec<&str> = p
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert!(
        headings.contains(&"成立条件")
            && headings.contains(&"决定机关")
            && headings.contains(&"期限🚪刑诉_79"),
        "{headings:?}"
    );
    // the door notation in a page links the section to the cited articles
    let c = corpus();
    let sec = p
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some("期限🚪刑诉_79"))
        .unwrap();
    assert!(c
        .cites(&sec.id)
        .iter()
        .any(|l| l.to == "中华人民共和国刑事诉讼法@2018-10-26#79"));
}

#[test]
fn quoted_articles_link_to_canonical_ones() {
    if common::national_corpus("quoted_articles_link_to_canonical_ones").is_none() {
        return;
    }
    let c = corpus();
    let quotes: Vec<_> = c
        .articles
        .iter()
        .filter(|a| matches!(a.kind, ArticleKind::Quoted { .. }))
        .collect();
    let find = |page: &str, law: &str, n: &str| {
        quotes
            .iter()
            .find(|a| {
                matches!(&a.kind, ArticleKind::Quoted { page: p, .. } if p.starts_with(page))
                    && a.law == law
                    && a.number == n
            })
            .unwrap_or_else(|| panic!("quote {page} {law} {n} missing"))
    };
    for (law, n) in [
        ("关于取保候审若干问题的规定", "5"),
        ("中华人民共和国刑事诉讼法", "68"),
        ("中华人民共和国刑事诉讼法", "69"),
    ] {
        let a = find("001", law, n);
        let ArticleKind::Quoted {
            linked, similarity, ..
        } = &a.kind
        else {
            unreachable!()
        };
        assert_eq!(linked.as_deref(), Some(c.find(law, n).unwrap().id.as_str()));
        assert!(similarity.unwrap() > 0.95);
    }
    // the quote stops where the page's own commentary starts
    assert!(!find("001", "关于取保候审若干问题的规定", "5")
        .text()
        .contains("需综合多因素"));
    // a traditional-character quote links to the simplified canonical article
    let a = find("004", "中华人民共和国刑事诉讼法", "67");
    assert!(
        matches!(&a.kind, ArticleKind::Quoted { linked: Some(id), .. } if id == "中华人民共和国刑事诉讼法@2018-10-26#67")
    );
    assert!(a.text().contains("犯罪嫌疑人"));
    // an unnamed run (第八十八條 … 本規則第八十六條) is attributed to the 检察规则 by its text
    let a = find("004", "人民检察院刑事诉讼规则", "88");
    assert!(matches!(
        &a.kind,
        ArticleKind::Quoted {
            linked: Some(_),
            ..
        }
    ));
    // the canonical article lists the page that quotes it
    let cpl67 = c.find("刑诉法", "67").unwrap();
    assert!(quotes.iter().any(
        |q| matches!(&q.kind, ArticleKind::Quoted { linked: Some(id), .. } if id == &cpl67.id)
    ));
}

#[test]
fn laws_known_only_from_a_page_are_marked() {
    if common::national_corpus("laws_known_only_from_a_page_are_marked").is_none() {
        return;
    }
    let c = corpus();
    let laws: Vec<_> = c.laws.iter().filter(|l| !l.is_official()).collect();
    assert!(
        laws.iter().any(|l| l
            .title
            .contains("最高人民检察院、公安部关于适用刑事强制措施有关问题的规定")
            && l.version == "2000"),
        "{laws:#?}"
    );
    for l in &laws {
        assert!(l
            .history
            .iter()
            .any(|h| h.contains("not an official source")));
        assert!(l.article_count > 0);
    }
}

#[test]
fn traditional_page_keeps_its_script() {
    if common::national_corpus("traditional_page_keeps_its_script").is_none() {
        return;
    }
    let p = page("004");
    assert!(p.traditional);
    assert!(p.text.contains("刑事訴訟法"));
    assert!(!p.text.contains("(zhí)"), "pinyin annotations are removed");
    assert!(p.repair.as_ref().unwrap().annotations_removed >= 170);
}

#[test]
fn bad_page_files_warn_and_gbk_pages_decode() {
    let dir = std::env::temp_dir().join(format!("fatiao-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("binary.html"), [0u8, 1, 2, 3, 0, 255]).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("garbage.txt"),
        (0..4000u32)
            .map(|i| (i * 7919 % 251) as u8 | 0x80)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("一、什么是取保候审\n取保候审是刑事诉讼中的一种强制措施，犯罪嫌疑人可以申请。\n");
    std::fs::write(dir.join("gbk.txt"), gbk).unwrap();
    std::fs::write(
        dir.join("page.html"),
        "<html><body><nav>首页 &gt; 法律</nav><h1>保证金</h1><p>保证金&lt;script&gt;的起点数额为一千元。</p><script>alert(1)</script></body></html>",
    )
    .unwrap();
    let c = fatiao::ingest::ingest(&fatiao::ingest::Source::dirs([&dir]), None).unwrap();
    for f in ["binary.html", "empty.txt"] {
        assert!(
            c.warnings.iter().any(|w| w.file == f),
            "no warning for {f}: {:?}",
            c.warnings
        );
    }
    let gbk = c
        .pages
        .iter()
        .find(|p| p.id == "gbk")
        .expect("GBK page decoded");
    assert!(gbk.text.contains("取保候审是刑事诉讼中的一种强制措施"));
    assert_ne!(gbk.encoding, "UTF-8");
    let html = c.pages.iter().find(|p| p.id == "page").unwrap();
    assert!(
        html.text.contains("保证金<script>的起点数额为一千元"),
        "{}",
        html.text
    );
    assert!(!html.text.contains("alert(1)"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_2025_deposit_rule_is_read_from_the_repaired_page() {
    if common::national_corpus("the_2025_deposit_rule_is_read_from_the_repaired_page").is_none() {
        return;
    }
    let c = corpus();
    let law = c
        .laws
        .iter()
        .find(|l| l.title.contains("关于规范取保候审保证金管理的若干规定"))
        .expect("2025 rule");
    assert_eq!(law.version, "2025");
    assert!(!law.is_official());
    let a = c.find(&law.title, "6").expect("article 6");
    let simplified: String = fatiao::normalize::normalize_str(&a.text())
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !"，。；：、".contains(*c))
        .collect();
    assert!(
        simplified.contains("被取保候审人为未成年人的收取保证金数额原则上为五百元至三千元"),
        "{simplified}"
    );
    for n in ["9", "14"] {
        assert!(c.find(&law.title, n).is_some(), "article {n}");
    }
    // the 检察规则 run 86–88 is found and linked
    for n in ["86", "87", "88"] {
        let q = c
            .articles
            .iter()
            .find(|a| {
                a.law == "人民检察院刑事诉讼规则"
                    && a.number == n
                    && matches!(a.kind, ArticleKind::Quoted { .. })
            })
            .unwrap_or_else(|| panic!("quoted 检察规则 {n}"));
        assert!(
            matches!(
                &q.kind,
                ArticleKind::Quoted {
                    linked: Some(_),
                    ..
                }
            ),
            "{n}: {:?}",
            q.kind
        );
    }
    let r = page("004").repair.clone().unwrap();
    assert!(r.spans_repaired >= 45 && r.spans_damaged <= 3, "{r:?}");
}

#[test]
fn utf16_pages_decode_by_their_bom_and_nul_text_is_binary() {
    use fatiao::ingest::page::decode;
    let text = "取保候审<p>保证金</p>";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(
        decode(&le).unwrap(),
        (text.to_string(), "UTF-16LE".to_string())
    );
    assert_eq!(
        decode(&be).unwrap(),
        (text.to_string(), "UTF-16BE".to_string())
    );
    // a BOM does not make NUL characters text
    let err = decode(&[0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00]).unwrap_err();
    assert!(err.contains("binary"), "{err}");
}
