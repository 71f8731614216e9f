//! Ingests the corpus and prints the counts for the key laws.
fn main() -> fatiao::Result<()> {
    let roots = fatiao::config::corpus_dirs(&[])?;
    let corpus = fatiao::ingest::ingest(&roots, None)?;
    println!("{}", serde_json::to_string_pretty(&corpus.stats)?);
    for law in &corpus.laws {
        if [
            "中华人民共和国刑事诉讼法",
            "人民检察院刑事诉讼规则",
            "公安机关办理刑事案件程序规定",
            "关于取保候审若干问题的规定",
            "中华人民共和国民法典",
            "中华人民共和国民事诉讼法",
            "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释",
        ]
        .contains(&law.title.as_str())
        {
            println!(
                "{} {} {:?} {:?} {}",
                law.title, law.version, law.status, law.level, law.article_count
            );
        }
    }
    for a in corpus
        .articles
        .iter()
        .step_by(1)
        .filter(|a| a.number == "序言")
    {
        println!(
            "{} {:?} {}",
            a.id,
            a.path,
            a.text().chars().take(80).collect::<String>()
        );
    }
    let pre = corpus
        .articles
        .iter()
        .filter(|a| a.number == "序言")
        .count();
    let whole = corpus
        .articles
        .iter()
        .filter(|a| a.number == "全文")
        .count();
    println!("序言 {pre} 全文 {whole}");
    for w in corpus
        .warnings
        .iter()
        .filter(|w| !w.message.contains("zero-width") && !w.message.contains("全文"))
        .take(40)
    {
        println!("warn: {w}");
    }
    Ok(())
}
