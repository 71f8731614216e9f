//! Ingest over the real shared corpus: counts, exact article texts, versions, defects, bad files.

mod common;

use std::sync::OnceLock;

use fatiao::corpus::Corpus;
use fatiao::records::{Level, Status};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| fatiao::ingest::ingest(&common::source(), None).expect("ingest"))
}

fn current_count(title: &str) -> usize {
    let c = corpus();
    let law = c
        .versions(title)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{title} missing"));
    c.articles_of(&law.id)
        .filter(|a| fatiao::numerals::ArticleNumber::parse(&a.number).is_some())
        .count()
}

#[test]
fn key_laws_have_all_their_articles() {
    if common::national_corpus("key_laws_have_all_their_articles").is_none() {
        return;
    }
    assert_eq!(current_count("中华人民共和国刑事诉讼法"), 308);
    assert_eq!(
        current_count("最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释"),
        655
    );
    assert_eq!(current_count("公安机关办理刑事案件程序规定"), 388);
    assert_eq!(current_count("人民检察院刑事诉讼规则"), 684);
    assert_eq!(current_count("关于取保候审若干问题的规定"), 40);
    assert_eq!(current_count("中华人民共和国民法典"), 1260);
}

#[test]
fn corpus_totals() {
    if common::national_corpus("corpus_totals").is_none() {
        return;
    }
    let s = &corpus().stats;
    assert_eq!(s.statute_files, 1513, "1,512 LawRefBook files + 1 extra");
    // every numbered article of every version, plus preambles and whole-text records
    assert!((64_000..66_000).contains(&s.articles), "{}", s.articles);
    assert!(
        (55_000..60_000).contains(&s.current_articles),
        "{}",
        s.current_articles
    );
}

#[test]
fn exact_texts() {
    if common::national_corpus("exact_texts").is_none() {
        return;
    }
    let c = corpus();
    let a = c.find("中华人民共和国刑事诉讼法", "67").unwrap();
    assert_eq!(a.label, "第六十七条");
    assert_eq!(a.path, vec!["第一编 总则", "第六章 强制措施"]);
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(a.paragraphs[0].items.len(), 4);
    assert_eq!(
        a.paragraphs[0].items[3].text,
        "（四）羁押期限届满，案件尚未办结，需要采取取保候审的。"
    );
    assert_eq!(a.paragraphs[1].text, "取保候审由公安机关执行。");

    let a = c.find("中华人民共和国刑事诉讼法", "72").unwrap();
    assert_eq!(
        a.text(),
        "取保候审的决定机关应当综合考虑保证诉讼活动正常进行的需要，被取保候审人的社会危险性，案件的性质、情节，可能判处刑罚的轻重，被取保候审人的经济状况等情况，确定保证金的数额。\n提供保证金的人应当将保证金存入执行机关指定银行的专门账户。"
    );
    let a = c.find("中华人民共和国刑事诉讼法", "79").unwrap();
    assert!(a.paragraphs[0].text.starts_with(
        "人民法院、人民检察院和公安机关对犯罪嫌疑人、被告人取保候审最长不得超过十二个月，监视居住最长不得超过六个月。"
    ));
    assert_eq!(a.paragraphs.len(), 2);

    let a = c.find("关于取保候审若干问题的规定", "5").unwrap();
    assert!(a.paragraphs[0].text.contains(
        "保证金的起点数额为人民币一千元；被取保候审人为未成年人的，保证金的起点数额为人民币五百元"
    ));
    assert_eq!(a.level, Level::NormativeDocument);

    let gab = "公安机关办理刑事案件程序规定";
    let a = c.find(gab, "82").unwrap();
    assert!(a
        .text()
        .starts_with("对累犯，犯罪集团的主犯，以自伤、自残办法逃避侦查的犯罪嫌疑人"));
    assert!(a.text().contains("本规定第八十一条第一款第三项、第四项"));
    assert_eq!(a.level, Level::DepartmentalRule);
    let a = c.find(gab, "87").unwrap();
    assert!(a
        .text()
        .starts_with("犯罪嫌疑人的保证金起点数额为人民币一千元。"));
    assert!(
        a.path.iter().any(|p| p.contains("取保候审")),
        "{:?}",
        a.path
    );
    assert!(c
        .find(gab, "97")
        .unwrap()
        .text()
        .contains("决定没收五万元以上保证金的"));
    assert!(c
        .find(gab, "103")
        .unwrap()
        .text()
        .starts_with("被保证人违反应当遵守的规定，保证人未履行保证义务的"));

    // 民法典 is split over eight files but is one law, numbered continuously.
    let a = c.find("民法典", "1254").unwrap();
    assert!(a.text().starts_with("禁止从建筑物中抛掷物品。"));
    assert_eq!(a.path.first().map(String::as_str), Some("侵权责任编"));
    assert_eq!(c.versions("中华人民共和国民法典").len(), 1);
}

#[test]
fn versions_of_a_law() {
    if common::national_corpus("versions_of_a_law").is_none() {
        return;
    }
    let c = corpus();
    let v = c.versions("中华人民共和国民事诉讼法");
    assert_eq!(
        v.iter().map(|l| l.version.as_str()).collect::<Vec<_>>(),
        vec!["2023-09-01", "2021-12-24"]
    );
    assert_eq!(v[0].status, Status::Current);
    assert_eq!(v[1].status, Status::Superseded);
    assert_eq!(v[1].superseded_by.as_deref(), Some(v[0].id.as_str()));
    let both = c.find_versions("中华人民共和国民事诉讼法", "1");
    assert_eq!(both.len(), 2);
    // the 2012 刑诉解释 is kept, superseded by the 2021 one
    let v = c.versions("最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].status, Status::Superseded);
}

#[test]
fn known_defects_are_tolerated_with_warnings() {
    let c = corpus();
    let a = c.find("中华人民共和国刑事诉讼法", "128").unwrap();
    assert!(a.text().starts_with("侦查人员对于与犯罪有关的场所"));
    let defects = c
        .warnings
        .iter()
        .filter(|w| w.message.contains("defective article marker"))
        .count();
    assert_eq!(defects, 5, "one in 刑事诉讼法, four in the 刑诉解释");
    // heading with inner spaces: 第一节 拘 传 → 第一节 拘传 is not in 刑诉法 but the style occurs
    assert!(c
        .articles
        .iter()
        .all(|a| a.path.iter().all(|p| !p.contains("  "))));
    // zero-width characters never reach the records
    assert!(c.articles.iter().all(|a| !a.text().contains('\u{200B}')));
}

#[test]
fn bad_files_warn_and_the_rest_ingests() {
    let dir = std::env::temp_dir().join(format!("fatiao-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("binary.md"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    std::fs::write(dir.join("truncated.md"), "# 某某法\n\n2020年1月1日 通过\n").unwrap();
    let mut bad = "# 坏编码法\n<!-- INFO END -->\n第一条 有效的文字。\n第二条 "
        .as_bytes()
        .to_vec();
    bad.extend_from_slice(&[0xff, 0xfe, 0xfa]);
    std::fs::write(dir.join("invalid.md"), bad).unwrap();
    std::fs::write(
        dir.join("good(2020-01-01).md"),
        "# 好法\n<!-- INFO END -->\n## 第一章 总则\n第一条 第一条的文字。\n第二条 第二条的文字。\n",
    )
    .unwrap();
    let c = fatiao::ingest::ingest(&fatiao::ingest::Source::dirs([&dir]), None).unwrap();
    for f in ["binary.md", "empty.md", "truncated.md", "invalid.md"] {
        assert!(
            c.warnings.iter().any(|w| w.file == f),
            "no warning for {f}: {:?}",
            c.warnings
        );
    }
    assert_eq!(c.find("好法", "2").unwrap().text(), "第二条的文字。");
    assert_eq!(c.find("坏编码法", "1").unwrap().text(), "有效的文字。");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A statute saved as UTF-16 (with its BOM) or as GBK reads like its UTF-8 original, with a
/// warning for the legacy encoding.
#[test]
fn statutes_in_utf16_and_gbk_read_like_utf8() {
    let rel = "extra/关于取保候审若干问题的规定(2022-09-05).md";
    let original = std::fs::read_to_string(common::core_dir().join(rel)).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(original.encode_utf16().flat_map(u16::to_le_bytes));
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&original);
    assert!(!lossy, "the 规定 is GBK-encodable");
    let name = "关于取保候审若干问题的规定(2022-09-05).md";
    let read = |bytes: &[u8], tag: &str| {
        let dir = std::env::temp_dir().join(format!("fatiao-enc-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
        let c = fatiao::ingest::ingest(&fatiao::ingest::Source::dirs([&dir]), None).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        c
    };
    let reference = read(original.as_bytes(), "utf8");
    let title = "关于取保候审若干问题的规定";
    let n = reference.articles_of(&reference.laws[0].id).count();
    assert!(n >= 40, "{n} articles");
    for (bytes, tag, warning) in [(&utf16[..], "utf16", None), (&gbk[..], "gbk", Some("GBK"))] {
        let c = read(bytes, tag);
        assert_eq!(c.articles_of(&c.laws[0].id).count(), n, "{tag}");
        for num in ["1", "5", "40"] {
            assert_eq!(
                c.find(title, num).map(|a| a.text()),
                reference.find(title, num).map(|a| a.text()),
                "{tag} article {num}"
            );
        }
        if let Some(enc) = warning {
            assert!(
                c.warnings.iter().any(|w| w.message.contains(enc)),
                "{tag}: {:?}",
                c.warnings
            );
        }
    }
}
