//! Parser for statute files in LawRefBook Markdown.
//!
//! Format: line 1 `# <title>`; optional further `# <编>` lines (民法典 split by 编); adoption and
//! amendment lines; `<!-- INFO END -->`; then `##`…`####` headings for 编/章/节 and one paragraph per
//! line, an article starting `第X条 ` and owning the following paragraphs (款) and items (`（一）…`).
//! Known defects are tolerated with a warning: `第一百二十八 条…` (space inside the marker), headings
//! with inner spaces (`第一节 拘 传`), zero-width and ideographic spaces.

use std::sync::LazyLock;

use regex::Regex;

use crate::numerals::{self, ArticleNumber};
use crate::records::{Item, Paragraph, Warning};

/// One article as parsed from a file, before it is attached to a law version.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    pub number: ArticleNumber,
    /// For text outside numbered articles: `序言` (text before the first article) or `全文` (a file
    /// without article markers, such as a 批复 or a 修正案). Such records use this as number and label.
    pub unnumbered: Option<&'static str>,
    pub path: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub line: usize,
}

/// A parsed statute file.
#[derive(Debug, Clone)]
pub struct ParsedStatute {
    pub title: String,
    /// Book title for a law split over files (民法典's `# 人格权编`), which heads every path.
    pub book: Option<String>,
    pub history: Vec<String>,
    pub articles: Vec<ParsedArticle>,
    pub warnings: Vec<Warning>,
}

static ARTICLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^第([零〇一二两三四五六七八九十百千0-9]+)(\s*)条(?:之([一二三四五六七八九十]+))?(\s*)",
    )
    .unwrap()
});
static ITEM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]([零〇一二三四五六七八九十]+)[）)]").unwrap());
static HEADING_PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(第[零〇一二两三四五六七八九十百千]+[编分编章节条]+|[一二三四五六七八九十]+、)\s*(.*)$",
    )
    .unwrap()
});
static DATE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap());

/// Removes zero-width characters and BOMs, and trims ASCII and ideographic spaces at both ends.
pub fn clean_line(line: &str) -> String {
    let s: String = line
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .collect();
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_string()
}

/// Normalises a heading: collapses runs of spaces after the 第X章 prefix and removes spaces
/// between CJK characters (`第一节 拘 传` → `第一节 拘传`).
pub fn clean_heading(h: &str) -> String {
    let h = clean_line(h);
    if let Some(c) = HEADING_PREFIX_RE.captures(&h) {
        let prefix = c.get(1).unwrap().as_str();
        let name = remove_cjk_inner_spaces(c.get(2).unwrap().as_str());
        if name.is_empty() {
            return prefix.to_string();
        }
        if prefix.ends_with('、') {
            return format!("{prefix}{name}");
        }
        return format!("{prefix} {name}");
    }
    remove_cjk_inner_spaces(&h)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn remove_cjk_inner_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || c == '\u{3000}' {
            let prev = out.chars().last();
            let next = chars[i + 1..]
                .iter()
                .find(|c| !(c.is_whitespace() || **c == '\u{3000}'));
            match (prev, next) {
                (Some(p), Some(&n)) if is_cjk(p) || is_cjk(n) => continue,
                (Some(_), Some(_)) if !out.ends_with(' ') => out.push(' '),
                _ => continue,
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Latest `YYYY年M月D日` date in the header lines, as `YYYY-MM-DD`.
/// Lines about entry into force (施行) are used only when no other line has a date, so that the files
/// of a law split over several files (民法典) agree on the adoption date.
pub fn latest_header_date(history: &[String]) -> Option<String> {
    let adopting: Vec<&String> = history.iter().filter(|l| !l.contains("施行")).collect();
    let lines: Vec<&String> = if adopting.iter().any(|l| DATE_RE.is_match(l)) {
        adopting
    } else {
        history.iter().collect()
    };
    lines
        .into_iter()
        .flat_map(|l| DATE_RE.captures_iter(l))
        .filter_map(|c| {
            let y: u32 = c[1].parse().ok()?;
            let m: u32 = c[2].parse().ok()?;
            let d: u32 = c[3].parse().ok()?;
            chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
            Some(format!("{y:04}-{m:02}-{d:02}"))
        })
        .max()
}

/// Parses one statute file. `file` names it in warnings. Never fails: problems become warnings,
/// and a file with no title or no articles gives an empty result with a warning.
pub fn parse(file: &str, text: &str) -> ParsedStatute {
    let mut out = ParsedStatute {
        title: String::new(),
        book: None,
        history: Vec::new(),
        articles: Vec::new(),
        warnings: Vec::new(),
    };
    let warn = |out: &mut ParsedStatute, line: usize, msg: String| {
        out.warnings.push(Warning::new(file, Some(line), msg));
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    // Header: title, optional book, history until <!-- INFO END -->.
    let mut header_done = false;

    for (n, raw) in lines.by_ref() {
        let line = clean_line(raw);
        if line.is_empty() {
            continue;
        }
        if line.starts_with("<!--") && line.contains("INFO END") {
            header_done = true;

            break;
        }
        if let Some(h) = line.strip_prefix("# ") {
            if out.title.is_empty() {
                out.title = clean_line(h);
            } else if out.book.is_none() {
                out.book = Some(clean_heading(h));
            }
            continue;
        }
        if out.title.is_empty() {
            warn(
                &mut out,
                n,
                format!("expected a `# title` line, found {:?}", truncate(&line, 30)),
            );
            return out;
        }
        out.history.push(line);
    }
    if out.title.is_empty() {
        out.warnings.push(Warning::new(
            file,
            None,
            "no `# title` line: not a statute file (empty or truncated?)",
        ));
        return out;
    }
    if !header_done {
        out.warnings.push(Warning::new(
            file,
            None,
            "no `<!-- INFO END -->` line: truncated header, no articles read",
        ));
        return out;
    }

    // Body.
    let mut path: Vec<(usize, String)> = Vec::new();
    if let Some(b) = &out.book {
        path.push((1, b.clone()));
    }
    let mut current: Option<ParsedArticle> = None;
    let mut preamble: Option<ParsedArticle> = None;
    let mut heading_open = false;
    // A short line right after a heading, held until the next line says what it is: the rest of
    // a heading broken over two lines when an article follows, else text.
    let mut continuation: Option<(usize, String)> = None;
    let mut last_number: Option<ArticleNumber> = None;
    for (n, raw) in lines {
        if raw.contains('\u{200B}') || raw.contains('\u{FEFF}') {
            warn(&mut out, n, "zero-width characters removed".into());
        }
        let line = clean_line(raw);
        if line.is_empty() {
            continue;
        }
        if line.starts_with('#') {
            if let Some((cn, text)) = continuation.take() {
                push_body_text(&mut current, &mut preamble, &path, cn, text);
            }
            let depth = line.chars().take_while(|&c| c == '#').count();
            let heading = clean_heading(&line[depth..]);
            if heading.is_empty() {
                continue;
            }
            if let Some(a) = current.take() {
                out.articles.push(a);
            }
            while path.last().is_some_and(|(d, _)| *d >= depth) {
                path.pop();
            }
            path.push((depth, heading));
            heading_open = true;
            continue;
        }
        // A heading broken over two lines (`### 第四章 …逃匿、死亡案件` / `违法所得的没收程序`):
        // one line, joined to the heading only if an article follows.
        if heading_open && current.is_none() && is_heading_continuation(&line) {
            continuation = Some((n, line));
            heading_open = false;
            continue;
        }
        heading_open = false;
        if let Some(c) = ARTICLE_RE.captures(&line) {
            let space_inside = !c.get(2).unwrap().as_str().is_empty();
            let space_after = !c.get(4).unwrap().as_str().is_empty();
            let rest = &line[c.get(0).unwrap().end()..];
            let main = numerals::parse(&c[1]);
            let sub = c.get(3).map(|s| numerals::parse(s.as_str()));
            // A real marker is followed by a space (or, defectively, has one inside) and text,
            // and numbers from 1 (第零条 is text; number 0 is the unnumbered record's).
            let is_marker =
                (space_after || space_inside || rest.is_empty()) && main.is_some_and(|m| m > 0);
            if is_marker {
                let main = main.unwrap_or(0);
                let sub = match sub {
                    Some(Some(s)) => s,
                    Some(None) => {
                        warn(
                            &mut out,
                            n,
                            format!("unreadable 之 suffix in {:?}", truncate(&line, 20)),
                        );
                        0
                    }
                    None => 0,
                };
                if space_inside {
                    warn(
                        &mut out,
                        n,
                        format!(
                            "defective article marker {:?} (space inside), read as 第{}条",
                            truncate(&line, 12),
                            numerals::format(main)
                        ),
                    );
                }
                let number = ArticleNumber::new(main, sub);
                if let Some(prev) = last_number {
                    if number <= prev {
                        warn(
                            &mut out,
                            n,
                            format!(
                                "article {} follows {} (out of order or repeated)",
                                number, prev
                            ),
                        );
                    }
                }
                last_number = Some(number);
                if let Some(a) = current.take() {
                    out.articles.push(a);
                }
                if let Some((_, text)) = continuation.take() {
                    if let Some((_, h)) = path.last_mut() {
                        h.push_str(&text);
                    }
                }
                let mut article = ParsedArticle {
                    number,
                    unnumbered: None,
                    path: path.iter().map(|(_, h)| h.clone()).collect(),
                    paragraphs: Vec::new(),
                    line: n,
                };
                let rest = clean_line(rest);
                if !rest.is_empty() {
                    push_text(&mut article, rest);
                }
                current = Some(article);
                continue;
            }
        }
        if let Some((cn, text)) = continuation.take() {
            push_body_text(&mut current, &mut preamble, &path, cn, text);
        }
        push_body_text(&mut current, &mut preamble, &path, n, line);
    }
    if let Some((cn, text)) = continuation.take() {
        push_body_text(&mut current, &mut preamble, &path, cn, text);
    }
    if let Some(a) = current.take() {
        out.articles.push(a);
    }
    if let Some(mut p) = preamble {
        if out.articles.is_empty() {
            p.unnumbered = Some("全文");
            out.warnings.push(Warning::new(
                file,
                None,
                "no article markers: the text is kept as one whole-text record (全文)",
            ));
        }
        out.articles.insert(0, p);
    }
    if out.articles.is_empty() {
        out.warnings.push(Warning::new(
            file,
            None,
            "no text after the header (truncated?)",
        ));
    }
    out
}

/// A line of text in the body: the current article's, or before any article the preamble's.
fn push_body_text(
    current: &mut Option<ParsedArticle>,
    preamble: &mut Option<ParsedArticle>,
    path: &[(usize, String)],
    n: usize,
    line: String,
) {
    match current.as_mut() {
        Some(a) => push_text(a, line),
        None => {
            // Text before the first article (宪法 序言, a 批复 without articles): kept, never dropped.
            let a = preamble.get_or_insert_with(|| ParsedArticle {
                number: ArticleNumber::new(0, 0),
                unnumbered: Some("序言"),
                path: path.iter().map(|(_, h)| h.clone()).collect(),
                paragraphs: Vec::new(),
                line: n,
            });
            push_text(a, line);
        }
    }
}

fn is_heading_continuation(line: &str) -> bool {
    line.chars().count() <= 24
        && !line.contains(['。', '；', '：', '，', ';', ':', ','])
        && !ARTICLE_RE.is_match(line)
        && !ITEM_RE.is_match(line)
}

fn push_text(article: &mut ParsedArticle, text: String) {
    if let Some(c) = ITEM_RE.captures(&text) {
        if let Some(number) = numerals::parse(&c[1]) {
            if let Some(p) = article.paragraphs.last_mut() {
                p.items.push(Item { number, text });
                return;
            }
        }
    }
    article.paragraphs.push(Paragraph {
        text,
        items: Vec::new(),
    });
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# 中华人民共和国测试法\n\n2018年10月26日 通过\n\n<!-- INFO END -->\n\n## 第一编 总则\n\n### 第六章 强制措施\n\n#### 第一节 拘 传\n\n第六十七条 可以取保候审：\n\n（一）可能判处管制的；\n\n（二）其他。\n\n取保候审由公安机关执行。\n\n第一百二十八 条侦查人员勘验。\n\n第一百三十三条之一 之一条文。\n";

    #[test]
    fn parses_structure() {
        let p = parse("t.md", SAMPLE);
        assert_eq!(p.title, "中华人民共和国测试法");
        assert_eq!(p.history, vec!["2018年10月26日 通过"]);
        assert_eq!(p.articles.len(), 3);
        let a = &p.articles[0];
        assert_eq!(a.number.key(), "67");
        assert_eq!(
            a.path,
            vec!["第一编 总则", "第六章 强制措施", "第一节 拘传"]
        );
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[0].items.len(), 2);
        assert_eq!(a.paragraphs[1].text, "取保候审由公安机关执行。");
        assert_eq!(p.articles[1].number.key(), "128");
        assert_eq!(p.articles[1].paragraphs[0].text, "侦查人员勘验。");
        assert_eq!(p.articles[2].number.key(), "133-1");
        assert!(p
            .warnings
            .iter()
            .any(|w| w.message.contains("defective article marker")));
    }

    #[test]
    fn a_reference_at_line_start_is_not_a_marker() {
        let p = parse(
            "t.md",
            "# 法\n<!-- INFO END -->\n第一条 正文。\n第一条规定的情形除外。\n",
        );
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].paragraphs.len(), 2);
        let p = parse(
            "t.md",
            "# 法\n<!-- INFO END -->\n第一条 正文。\n第零条 不是条文。\n",
        );
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].paragraphs[1].text, "第零条 不是条文。");
    }

    #[test]
    fn broken_files_warn() {
        assert!(!parse("e.md", "").warnings.is_empty());
        assert!(!parse("t.md", "# 法\n2020年 通过\n").warnings.is_empty());
        assert!(!parse("b.md", "\u{0}\u{1}binary").warnings.is_empty());
    }

    #[test]
    fn a_heading_continues_only_into_an_article() {
        let p = parse(
            "t.md",
            "# 法\n<!-- INFO END -->\n## 第四章 逃匿、死亡案件\n违法所得的没收程序\n第一条 正文。\n## 附件\n北京市\n天津市\n",
        );
        assert_eq!(p.articles.len(), 2, "{:?}", p.articles);
        assert_eq!(
            p.articles[1].path,
            vec!["第四章 逃匿、死亡案件违法所得的没收程序"]
        );
        let pre = &p.articles[0];
        assert_eq!(pre.unnumbered, Some("序言"));
        let texts: Vec<&str> = pre.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["北京市", "天津市"]);
    }

    #[test]
    fn headings() {
        assert_eq!(clean_heading(" 第一章  一般规定"), "第一章 一般规定");
        assert_eq!(clean_heading("第一节 拘 传"), "第一节 拘传");
        assert_eq!(clean_heading("附则"), "附则");
    }
}
