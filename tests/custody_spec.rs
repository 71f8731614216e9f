//! The specification of the custody rules (`src/rules/custody.md`, R33–R44) quotes the statutes:
//! every `cite:` line names a law by its exact title, an article (and 款/项 where it gives one) and a
//! quote, and the quote must occur in that article (in that 款, or that 项) of the core corpus,
//! which holds every law the rules cite.

use std::sync::OnceLock;

use fatiao::corpus::Corpus;
use fatiao::ingest::Source;
use fatiao::numerals::{self, ArticleNumber};
use fatiao::records::Article;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| fatiao::ingest::ingest(&Source::Core, None).expect("ingest the core corpus"))
}

/// One `- cite: TITLE | 第X条 [第Y款] [第（Z）项] | 「QUOTE」` line.
struct Cite {
    line: usize,
    law: String,
    article: String,
    paragraph: Option<u32>,
    item: Option<u32>,
    quote: String,
}

fn cites(spec: &str) -> Vec<Cite> {
    let place = regex::Regex::new(
        r"^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)\s*(?:第([一二三四五六七八九十]+)款)?\s*(?:第?[（(]([一二三四五六七八九十]+)[）)]项?)?$",
    )
    .unwrap();
    let mut out = Vec::new();
    for (i, line) in spec.lines().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("- cite: ") else {
            continue;
        };
        let parts: Vec<&str> = rest.split(" | ").map(str::trim).collect();
        assert_eq!(parts.len(), 3, "line {}: {line}", i + 1);
        let c = place
            .captures(parts[1])
            .unwrap_or_else(|| panic!("line {}: place {:?}", i + 1, parts[1]));
        let quote = parts[2]
            .strip_prefix('「')
            .and_then(|q| q.strip_suffix('」'))
            .unwrap_or_else(|| panic!("line {}: quote {:?}", i + 1, parts[2]));
        out.push(Cite {
            line: i + 1,
            law: parts[0].to_string(),
            article: ArticleNumber::parse(&c[1])
                .unwrap_or_else(|| panic!("line {}: {}", i + 1, &c[1]))
                .key(),
            paragraph: c.get(2).and_then(|m| numerals::parse(m.as_str())),
            item: c.get(3).and_then(|m| numerals::parse(m.as_str())),
            quote: quote.to_string(),
        });
    }
    out
}

/// The text the cite points at: the article, its 款 (with the 款's 项), or one 项.
fn cited_text(a: &Article, paragraph: Option<u32>, item: Option<u32>) -> Option<String> {
    let Some(k) = paragraph else {
        return match item {
            // A 项 without a 款: an item of whichever paragraph has it.
            Some(n) => a
                .paragraphs
                .iter()
                .flat_map(|p| &p.items)
                .find(|i| i.number == n)
                .map(|i| i.text.clone()),
            None => Some(a.text()),
        };
    };
    let p = a.paragraphs.get(k as usize - 1)?;
    match item {
        Some(n) => p
            .items
            .iter()
            .find(|i| i.number == n)
            .map(|i| i.text.clone()),
        None => Some(
            std::iter::once(p.text.as_str())
                .chain(p.items.iter().map(|i| i.text.as_str()))
                .collect::<Vec<_>>()
                .join(""),
        ),
    }
}

#[test]
fn every_quote_of_the_custody_specification_is_in_its_article() {
    let spec = include_str!("../src/rules/custody.md");
    let cites = cites(spec);
    assert!(cites.len() >= 100, "{} cite lines", cites.len());
    let c = corpus();
    let mut wrong = Vec::new();
    for cite in &cites {
        let Some(a) = c.find(&cite.law, &cite.article) else {
            wrong.push(format!(
                "line {}: {} 第{}条 not in the corpus",
                cite.line, cite.law, cite.article
            ));
            continue;
        };
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        match cited_text(a, cite.paragraph, cite.item) {
            Some(t) if squash(&t).contains(&squash(&cite.quote)) => {}
            Some(_) => wrong.push(format!(
                "line {}: 「{}」 not in {} 第{}条 {:?}款 {:?}项",
                cite.line, cite.quote, cite.law, cite.article, cite.paragraph, cite.item
            )),
            None => wrong.push(format!(
                "line {}: {} 第{}条 has no {:?}款 {:?}项",
                cite.line, cite.law, cite.article, cite.paragraph, cite.item
            )),
        }
        assert!(
            cite.quote.chars().count() <= 40,
            "line {}: quotes are at most 40 characters",
            cite.line
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The custody questions written for these rules cite laws and articles that exist.
#[test]
fn the_custody_questions_cite_articles_of_the_corpus() {
    let c = corpus();
    let text = include_str!("data/custody_questions.jsonl");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        n += 1;
        assert!(!v["must"].as_array().unwrap().is_empty(), "{v}");
        for cite in v["cite"].as_array().unwrap() {
            let (law, article) = (cite["law"].as_str().unwrap(), &cite["article"]);
            let article = article
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| article.to_string());
            assert!(
                c.find(law, &article).is_some(),
                "{} cites {law} {article}",
                v["id"]
            );
        }
    }
    assert!(n >= 30, "{n} questions");
}
