//! Runnable example: ingest the corpus, print the counts of the criminal-procedure laws and look up
//! one article — records only, no index on disk.
//!
//! `cargo run --example lookup [-- --corpus DIR]`

use fatiao::numerals::ArticleNumber;

fn main() -> fatiao::Result<()> {
    let args: Vec<std::path::PathBuf> = std::env::args_os()
        .skip(1)
        .skip_while(|a| a != "--corpus")
        .skip(1)
        .take(1)
        .map(Into::into)
        .collect();
    let roots = fatiao::config::corpus_source(&args)?;
    let corpus = fatiao::ingest::ingest(&roots, None)?;
    let s = &corpus.stats;
    println!(
        "{} files → {} laws, {} versions, {} articles ({} current), {} warnings, {:.1}s",
        s.files, s.laws, s.versions, s.articles, s.current_articles, s.warnings, s.seconds
    );
    for title in [
        "中华人民共和国刑事诉讼法",
        "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释",
        "人民检察院刑事诉讼规则",
        "公安机关办理刑事案件程序规定",
        "关于取保候审若干问题的规定",
    ] {
        for law in corpus.versions(title) {
            let numbered = corpus
                .articles_of(&law.id)
                .filter(|a| ArticleNumber::parse(&a.number).is_some())
                .count();
            println!(
                "  {} ({}, {}): {} articles",
                law.title,
                law.version,
                law.status.badge(),
                numbered
            );
        }
    }
    if let Some(a) = corpus.find("刑事诉讼法", "第六十七条") {
        println!(
            "\n《{}》{}  {}\n{}",
            a.law,
            a.label,
            a.path.join(" › "),
            a.text()
        );
    }
    Ok(())
}
