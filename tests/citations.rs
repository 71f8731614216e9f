//! Citations over the real corpus: resolution, the citation graph, verification.

mod common;

use std::sync::OnceLock;

use fatiao::cite::{self, Resolution};
use fatiao::corpus::Corpus;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| fatiao::ingest::ingest(&common::source(), None).expect("ingest"))
}

fn ids(rs: &[cite::Resolved]) -> Vec<String> {
    rs.iter().flat_map(|r| r.article_ids.clone()).collect()
}

#[test]
fn aliases_resolve_to_corpus_titles() {
    if common::national_corpus("aliases_resolve_to_corpus_titles").is_none() {
        return;
    }
    let c = corpus();
    for (alias, title) in cite::alias_table() {
        assert_eq!(
            c.resolve_law(alias),
            Some(title),
            "alias {alias} → {title} must exist in the corpus"
        );
    }
    assert_eq!(
        c.resolve_law("《刑事訴訟法》"),
        Some("中华人民共和国刑事诉讼法")
    );
}

#[test]
fn every_form_resolves_to_the_article() {
    let c = corpus();
    let cpl67 = c.find("中华人民共和国刑事诉讼法", "67").unwrap().id.clone();
    for text in [
        "《中华人民共和国刑事诉讼法》第六十七条",
        "刑诉法第67条",
        "刑事诉讼法第六十七条第一款第（三）项",
        "🚪刑诉_67",
        "《刑事訴訟法》第六十七條",
    ] {
        let rs = cite::resolve_text(c, None, text);
        assert_eq!(ids(&rs), vec![cpl67.clone()], "{text}");
        assert_eq!(rs[0].status, Resolution::Resolved);
    }
    let rs = cite::resolve_text(c, None, "🚪刑诉解释_150~159");
    assert_eq!(ids(&rs).len(), 10);
    assert!(ids(&rs)
        .iter()
        .all(|id| id
            .starts_with("最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释@2021-01-26#")));
    let rs = cite::resolve_text(c, None, "🚪公安部规定_81_1_3、4 与 🚪公安_99");
    assert_eq!(ids(&rs).len(), 2);
    assert_eq!(rs[0].citation.items, vec![3, 4]);
    // a bare 第X条 on a page means the law named last
    let rs = cite::resolve_text(c, None, "《关于取保候审若干问题的规定》第五条……第六条");
    assert_eq!(
        ids(&rs),
        vec![
            "关于取保候审若干问题的规定@2022-09-05#5",
            "关于取保候审若干问题的规定@2022-09-05#6"
        ]
    );
}

#[test]
fn the_graph_links_both_ways() {
    if common::national_corpus("the_graph_links_both_ways").is_none() {
        return;
    }
    let c = corpus();
    let gab82 = c.find("公安机关办理刑事案件程序规定", "82").unwrap();
    let cites: Vec<&str> = c.cites(&gab82.id).iter().map(|l| l.to.as_str()).collect();
    assert_eq!(
        cites,
        vec!["公安机关办理刑事案件程序规定@2020-07-20#81"],
        "本规定第八十一条第一款第三项、第四项"
    );
    let cpl67 = c.find("刑诉法", "67").unwrap();
    let by: Vec<&str> = c
        .cited_by(&cpl67.id)
        .iter()
        .map(|l| l.from.as_str())
        .collect();
    assert!(
        by.contains(&"关于取保候审若干问题的规定@2022-09-05#36"),
        "{by:?}"
    );
    assert!(
        by.contains(&"最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释@2021-01-26#150"),
        "{by:?}"
    );
    // 刑诉法 71 (obligations) is cited by the 规定 and the 检察规则
    let cpl71 = c.find("刑诉法", "71").unwrap();
    assert!(c.cited_by(&cpl71.id).len() >= 10);
    let s = &c.stats;
    assert!(
        s.citations > 9_000 && s.citations_resolved * 100 / s.citations >= 85,
        "{} / {}",
        s.citations_resolved,
        s.citations
    );
}

#[test]
fn verification_flags_problems() {
    if common::national_corpus("verification_flags_problems").is_none() {
        return;
    }
    let c = corpus();
    let v = cite::verify(
        c,
        "依照刑诉法第67条、刑诉法第999条、《不存在法》第1条和民事诉讼法第一条",
    );
    let status: Vec<Resolution> = v.iter().map(|x| x.resolved.status).collect();
    assert_eq!(status[0], Resolution::Resolved);
    assert_eq!(status[1], Resolution::Missing);
    assert!(
        v[1].suggestion.as_ref().unwrap().contains("308"),
        "{:?}",
        v[1].suggestion
    );
    assert_eq!(status[2], Resolution::UnknownLaw);
    assert_eq!(status[3], Resolution::Resolved);
    let old = c.versions("中华人民共和国民事诉讼法")[1].clone();
    // a citation resolved in the context of the superseded version is marked superseded
    let r = cite::resolve_text(c, Some(&old.id), "本法第一条");
    assert_eq!(r[0].status, Resolution::Superseded);
}
