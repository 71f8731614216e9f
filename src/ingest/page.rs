//! Commentary pages: scraped HTML or text in any encoding → a cleaned [`Page`] with sections
//! (headings, Q&A) and the statute articles it quotes.
//!
//! Steps: decode (BOM, UTF-8, else detected: GBK/GB18030, Big5 …) → repair pinyin damage when
//! present ([`super::repair`]) → strip HTML → remove page chrome (rules in `corpus/chrome.txt`) →
//! join page-break headings → Q&A (`[律师回复]` answers, question cards, numbered `N.…？` questions)
//! → sections by heading → quoted articles (`《法》第X条` labels, `(2025年)…规定` blocks, bare
//! `第X條` runs). The page keeps its own script (traditional stays traditional); matching is done
//! on the normalised (simplified) form.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::{is_traditional, normalize_str};
use crate::numerals::{self, ArticleNumber};
use crate::records::{Item, Page, Paragraph, RepairReport, Section, SectionKind, Warning};

/// A statute article quoted on a page, before it is linked to the corpus.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The law as printed (《刑事訴訟法》 → 刑事訴訟法), or a block heading's title.
    pub law: Option<String>,
    /// Year of a `(2025年)…` block heading.
    pub year: Option<String>,
    pub number: ArticleNumber,
    /// The official article heading in 【】, when printed.
    pub heading: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Byte offset of the quote in the page text.
    pub offset: usize,
}

/// A page, its quotes, and the problems met.
#[derive(Debug, Clone)]
pub struct PageOutput {
    pub page: Page,
    pub quotes: Vec<Quote>,
    pub warnings: Vec<Warning>,
}

enum Rule {
    Cut(Regex),
    Drop(Regex),
    Strip(Regex),
    Meta(Regex),
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    include_str!("../../corpus/chrome.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (kind, re) = l.split_once('\t')?;
            let re = Regex::new(re.trim()).ok()?;
            Some(match kind.trim() {
                "cut" => Rule::Cut(re),
                "drop" => Rule::Drop(re),
                "strip" => Rule::Strip(re),
                "meta" => Rule::Meta(re),
                _ => return None,
            })
        })
        .collect()
});

const NUM: &str = "[零〇一二两三四五六七八九十百千0-9]+";

static LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^《([^》]{{2,60}})》\s*第({NUM})条(?:之({NUM}))?\s*(?:【([^】]*)】)?\s*(.*)$"
    ))
    .unwrap()
});
static ARTICLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^第({NUM})条(?:之({NUM}))?\s+(?:【([^】]*)】)?\s*(.*)$"
    ))
    .unwrap()
});
static BLOCK_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((\d{4})年\)\s*(.{4,80})$").unwrap());
static ITEM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([一二三四五六七八九十]+)\)").unwrap());
static CN_HEADING_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+、.{1,40}$").unwrap());
static MD_HEADING_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}\s+(.+)$").unwrap());
static PAGE_BREAK_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}\s*(.+?)(\d+)$").unwrap());
static VIEWS_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(\.\d+)?[wW万k千]?\+?浏览$").unwrap());
static TAG_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^<>]{0,400}>").unwrap());

/// Decodes page bytes: BOM, UTF-8, else the encoding chardetng detects. Errors for binary data.
pub fn decode(bytes: &[u8]) -> Result<(String, String), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".into());
    }
    // A BOM first: UTF-16 text is full of NUL bytes and is not binary.
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let nul = text.chars().filter(|&c| c == '\0').count();
        if nul > 0 {
            return Err(format!(
                "binary file ({nul} NUL characters after a {} BOM)",
                enc.name()
            ));
        }
        return Ok((text.into_owned(), enc.name().to_string()));
    }
    let nul = bytes.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        return Err(format!("binary file ({nul} NUL bytes)"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8".into()));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = enc.decode(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let total = text.chars().count().max(1);
    if bad * 10 > total {
        return Err(format!(
            "undecodable: {bad} of {total} characters invalid as {}",
            enc.name()
        ));
    }
    let _ = had_errors;
    Ok((text.into_owned(), enc.name().to_string()))
}

/// Text of an HTML document (scripts, styles, navigation, headers and footers dropped), one block
/// per line; or, for text with stray tags, the text with block tags turned into line breaks.
pub fn strip_html(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<html") || lower.contains("<body") || lower.contains("<!doctype") {
        let doc = scraper::Html::parse_document(text);
        let mut out = String::new();
        walk_html(doc.root_element(), &mut out);
        return out;
    }
    if !text.contains('<') {
        return text.to_string();
    }
    TAG_RE
        .replace_all(text, |c: &regex::Captures| {
            let t = c[0].to_ascii_lowercase();
            if t.starts_with("<br")
                || t.starts_with("</p")
                || t.starts_with("</div")
                || t.starts_with("</li")
            {
                "\n".to_string()
            } else {
                String::new()
            }
        })
        .into_owned()
}

fn walk_html(el: scraper::ElementRef<'_>, out: &mut String) {
    const SKIP: [&str; 9] = [
        "script", "style", "nav", "header", "footer", "aside", "noscript", "iframe", "form",
    ];
    const BLOCK: [&str; 14] = [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
    ];
    for child in el.children() {
        if let Some(e) = scraper::ElementRef::wrap(child) {
            let name = e.value().name();
            if SKIP.contains(&name) {
                continue;
            }
            let block = BLOCK.contains(&name);
            if block && !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
            if name.starts_with('h') && name.len() == 2 {
                out.push_str("# ");
            }
            walk_html(e, out);
            if block && !out.ends_with('\n') {
                out.push('\n');
            }
        } else if let Some(t) = child.value().as_text() {
            out.push_str(t);
        }
    }
}

/// A line of the page with what the cleaning found out about it.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// simplified, half-width form for matching
    norm: String,
    /// indented in the source (Q&A answer continuation)
    indented: bool,
}

fn line(raw: &str) -> Line {
    let text = raw.trim().trim_start_matches('•').trim().to_string();
    Line {
        norm: normalize_str(&text),
        indented: raw.starts_with("  ") && !raw.trim_start().starts_with('•'),
        text,
    }
}

/// Applies the chrome rules. Returns the kept lines and page metadata (revision date …).
fn remove_chrome(lines: Vec<Line>, meta: &mut Vec<String>) -> Vec<Line> {
    let mut out = Vec::new();
    'lines: for mut l in lines {
        for r in RULES.iter() {
            match r {
                Rule::Cut(re) if re.is_match(&l.norm) => break 'lines,
                Rule::Drop(re) if re.is_match(&l.norm) => continue 'lines,
                Rule::Meta(re) if re.is_match(&l.norm) => {
                    meta.push(l.text.clone());
                    continue 'lines;
                }
                _ => {}
            }
        }
        for r in RULES.iter() {
            if let Rule::Strip(re) = r {
                if let Some(m) = re.find(&l.norm) {
                    // Remove the same characters from the original (normalisation maps one char to one).
                    let (a, b) = (
                        l.norm[..m.start()].chars().count(),
                        l.norm[..m.end()].chars().count(),
                    );
                    l.text = if l.text.chars().count() == l.norm.chars().count() {
                        l.text
                            .chars()
                            .take(a)
                            .chain(l.text.chars().skip(b))
                            .collect()
                    } else {
                        re.replace(&l.norm, "").into_owned()
                    };
                    l.norm = normalize_str(&l.text);
                }
            }
        }
        if !l.text.trim().is_empty() {
            l.text = l.text.trim().to_string();
            out.push(l);
        }
    }
    out
}

/// Removes page-break headings (`# 标题1`, `# 标题2` … with the same stem) and joins the text
/// around them without adding any character. Returns the stem as the page title.
fn join_page_breaks(lines: Vec<Line>) -> (Vec<Line>, Option<String>) {
    let mut stems: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        if let Some(c) = PAGE_BREAK_RE.captures(&l.text) {
            *stems.entry(c[1].trim().to_string()).or_default() += 1;
        }
    }
    let Some((stem, _)) = stems
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n)
    else {
        return (lines, None);
    };
    let mut out: Vec<Line> = Vec::new();
    let mut joining = false;
    for l in lines {
        if PAGE_BREAK_RE
            .captures(&l.text)
            .is_some_and(|c| c[1].trim() == stem)
        {
            joining = !out.is_empty();
            continue;
        }
        match out.last_mut() {
            Some(prev) if joining => {
                prev.text.push_str(&l.text);
                prev.norm = normalize_str(&prev.text);
            }
            _ => out.push(l),
        }
        joining = false;
    }
    (out, Some(stem))
}

/// Numbered questions `N.…？` answered in running text: returns (intro, [(question, answer)]).
/// Questions are taken in sequence 1, 2, 3 …; a question immediately followed by the next number
/// (a list of questions) is not an answered one.
fn numbered_qa(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, question end, n)
    let mut cursor = 0;
    let mut n = 1;
    while let Some((start, qend)) = find_question(text, n, cursor) {
        found.push((start, qend, n));
        cursor = qend;
        n += 1;
    }
    if found.len() < 5 {
        return None;
    }
    let intro = text[..found[0].0].trim().to_string();
    let mut qa = Vec::new();
    for (i, &(start, qend, n)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(text.len(), |x| x.0);
        let q = text[start..qend].trim();
        let q = q
            .strip_prefix(&format!("{n}."))
            .unwrap_or(q)
            .trim()
            .to_string();
        qa.push((q, text[qend..end].trim().to_string()));
    }
    Some((intro, qa))
}

/// The next answered question numbered `n` at or after `from`: (start, end of its question mark).
fn find_question(text: &str, n: usize, from: usize) -> Option<(usize, usize)> {
    let pat = format!("{n}.");
    let mut pos = from;
    while let Some(i) = text[pos..].find(&pat) {
        let start = pos + i;
        pos = start + pat.len();
        if start > 0
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let rest = &text[pos..];
        let Some(mut q) = rest
            .char_indices()
            .take(60)
            .find(|(_, c)| *c == '？' || *c == '?')
            .map(|(j, c)| j + c.len_utf8())
        else {
            continue;
        };
        // A question in two parts (哪些情况绝对不得取保候审？是否存在例外？).
        if let Some((k, c)) = rest[q..]
            .char_indices()
            .take(32)
            .find(|(_, c)| *c == '？' || *c == '?')
        {
            let part = &rest[q..q + k];
            if !part.contains(['。', '，', '：', ',', '；', ':'])
                && !part.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                q += k + c.len_utf8();
            }
        }
        let after = rest[q..].trim_start();
        // a listed question: the next numbered question follows at once
        let listed = after.starts_with(&format!("{}.", n + 1))
            || after
                .chars()
                .take(40)
                .collect::<String>()
                .contains(&format!("{}.", n + 1))
                && after.find(&format!("{}.", n + 1)).is_some_and(|k| {
                    after[..k].trim().chars().count() < 40 && after[..k].contains('？')
                });
        let too_short = after.starts_with(|c: char| c.is_ascii_digit());
        if listed || too_short {
            continue;
        }
        return Some((start, pos + q));
    }
    None
}

/// Processes one page file. `rel` names it; the page id is its file stem.
pub fn ingest_page(rel: &str, bytes: &[u8]) -> Result<PageOutput, Warning> {
    let (text, encoding) = decode(bytes).map_err(|e| Warning::new(rel, None, e))?;
    let id = std::path::Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(rel)
        .to_string();
    let mut warnings = Vec::new();
    let mut repair_report: Option<RepairReport> = None;
    let text = if super::repair::looks_damaged(&text) {
        let (t, r) = super::repair::repair(&text);
        if r.spans_damaged > 0 {
            warnings.push(Warning::new(
                rel,
                None,
                format!("{} damaged spans left marked in the text", r.spans_damaged),
            ));
        }
        repair_report = Some(r);
        t
    } else {
        text
    };
    let text = strip_html(&text);
    let traditional = is_traditional(&text);

    // Lines, cut at the chrome that ends the content.
    let raw: Vec<Line> = text
        .lines()
        .map(line)
        .filter(|l| !l.text.is_empty())
        .collect();
    let mut meta = Vec::new();

    // Q&A widgets are recognised before chrome removal (their delimiters are chrome).
    let mut qa: Vec<(String, String)> = Vec::new();
    let mut rest: Vec<Line> = Vec::new();
    let mut i = 0;
    let mut cut = false;
    while i < raw.len() {
        let l = &raw[i];
        if RULES
            .iter()
            .any(|r| matches!(r, Rule::Cut(re) if re.is_match(&l.norm)))
        {
            cut = true;
            break;
        }
        if let Some(ans) = raw
            .get(i + 1)
            .and_then(|n| n.text.strip_prefix("[律师回复]"))
        {
            let mut answer = ans.trim().to_string();
            let mut j = i + 2;
            while j < raw.len() && raw[j].indented {
                answer.push('\n');
                answer.push_str(&raw[j].text);
                j += 1;
            }
            qa.push((l.text.clone(), answer));
            i = j;
            continue;
        }
        // A question card: title, answer, then a view counter.
        if l.text.chars().count() <= 40
            && raw.get(i + 2).is_some_and(|v| VIEWS_RE.is_match(&v.norm))
        {
            qa.push((l.text.clone(), raw[i + 1].text.clone()));
            i += 3;
            continue;
        }
        rest.push(l.clone());
        i += 1;
    }
    let _ = cut;
    let kept = remove_chrome(rest, &mut meta);
    let (kept, stem_title) = join_page_breaks(kept);

    // Drop repeated lines (a headline printed twice, a summary paragraph duplicated).
    let mut seen = std::collections::HashSet::new();
    // Statute items repeat legitimately (two rules with the same four items): only prose is deduplicated.
    let kept: Vec<Line> = kept
        .into_iter()
        .filter(|l| ITEM_RE.is_match(&l.norm) || seen.insert(l.norm.clone()))
        .collect();

    let title = stem_title
        .or_else(|| {
            kept.first().map(|l| {
                MD_HEADING_RE
                    .captures(&l.text)
                    .map_or(l.text.clone(), |c| c[1].to_string())
            })
        })
        .unwrap_or_else(|| id.clone());

    // Sections by heading; numbered Q&A inside long bodies.
    let mut page_text = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut heading: Option<String> = None;
    let mut body = String::new();
    let mut body_offset = 0usize;
    let mut quotes = Vec::new();
    let mut quote_lines: Vec<(usize, &Line)> = Vec::new();
    let flush = |sections: &mut Vec<Section>,
                 heading: &Option<String>,
                 body: &mut String,
                 offset: usize| {
        let b = body.trim();
        if b.is_empty() {
            body.clear();
            return;
        }
        if let Some((intro, pairs)) = numbered_qa(b) {
            if !intro.is_empty() {
                let n = id_of(sections);
                push_section(
                    sections,
                    &n,
                    heading.clone(),
                    SectionKind::Body,
                    intro,
                    offset,
                    None,
                );
            }
            for (q, a) in pairs {
                let text = format!("{q}\n{a}");
                let n = id_of(sections);
                push_section(
                    sections,
                    &n,
                    Some(q.clone()),
                    SectionKind::Qa { question: q },
                    text,
                    offset,
                    None,
                );
            }
        } else {
            let n = id_of(sections);
            push_section(
                sections,
                &n,
                heading.clone(),
                SectionKind::Body,
                b.to_string(),
                offset,
                None,
            );
        }
        body.clear();
    };
    for l in &kept {
        let offset = page_text.len();
        page_text.push_str(&l.text);
        page_text.push('\n');
        quote_lines.push((offset, l));
        let is_heading = MD_HEADING_RE.is_match(&l.text)
            || CN_HEADING_RE.is_match(&l.norm)
            || BLOCK_RE.is_match(&l.norm)
            || LABEL_RE
                .captures(&l.norm)
                .is_some_and(|c| c[5].trim().is_empty());
        if is_heading {
            flush(&mut sections, &heading, &mut body, body_offset);
            heading = Some(
                MD_HEADING_RE
                    .captures(&l.text)
                    .map_or(l.text.clone(), |c| c[1].trim().to_string()),
            );
            body_offset = offset;
            continue;
        }
        if body.is_empty() {
            body_offset = offset;
        } else {
            body.push('\n');
        }
        body.push_str(&l.text);
    }
    flush(&mut sections, &heading, &mut body, body_offset);

    // Q&A widgets: one section per distinct answer; repeated answers noted.
    let mut by_answer: Vec<(String, Vec<String>)> = Vec::new();
    for (q, a) in qa {
        match by_answer
            .iter_mut()
            .find(|(ans, _)| normalize_str(ans) == normalize_str(&a))
        {
            Some((_, qs)) => qs.push(q),
            None => by_answer.push((a, vec![q])),
        }
    }
    for (a, qs) in by_answer {
        let offset = page_text.len();
        let text = format!("{}\n{}", qs[0], a);
        page_text.push_str(&text);
        page_text.push('\n');
        let note = if qs.len() > 1 {
            Some(format!(
                "平台问答，可信度较低：同一答案用于{}个问题（{}），请对照现行法律核实",
                qs.len(),
                qs.join("；")
            ))
        } else {
            Some("平台问答，可信度较低，请对照现行法律核实".to_string())
        };
        let n = id_of(&sections);
        push_section(
            &mut sections,
            &n,
            Some(qs[0].clone()),
            SectionKind::Qa {
                question: qs[0].clone(),
            },
            text,
            offset,
            note,
        );
    }

    // Quoted articles.
    quotes.extend(find_quotes(&quote_lines));

    let page = Page {
        id: id.clone(),
        source: rel.to_string(),
        title,
        encoding,
        traditional,
        text: page_text,
        sections: sections
            .into_iter()
            .map(|mut s| {
                s.id = format!("{id}#{}", s.id);
                s.page = id.clone();
                s
            })
            .collect(),
        repair: repair_report,
    };
    if !meta.is_empty() {
        tracing::debug!(page = %id, ?meta, "page metadata");
    }
    Ok(PageOutput {
        page,
        quotes,
        warnings,
    })
}

fn id_of(sections: &[Section]) -> String {
    (sections.len() + 1).to_string()
}

fn push_section(
    sections: &mut Vec<Section>,
    n: &str,
    heading: Option<String>,
    kind: SectionKind,
    text: String,
    offset: usize,
    note: Option<String>,
) {
    sections.push(Section {
        id: n.to_string(),
        page: String::new(),
        heading,
        kind,
        text,
        offset,
        note,
    });
}

/// Finds quoted articles in the cleaned lines.
fn find_quotes(lines: &[(usize, &Line)]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // the law of the current `(年)…` block, and the last article number in it
    let mut block: Option<(String, String)> = None;
    let mut last_number: Option<u32> = None;
    let mut open = false; // whether following plain lines continue the last quote
    for &(offset, l) in lines {
        let norm = &l.norm;
        if let Some(c) = BLOCK_RE.captures(norm) {
            block = Some((c[1].to_string(), c[2].trim().to_string()));
            last_number = None;
            open = false;
            continue;
        }
        if let Some(c) = LABEL_RE.captures(norm) {
            let Some(number) = art(&c[2], c.get(3).map(|m| m.as_str())) else {
                continue;
            };
            let mut q = Quote {
                law: Some(c[1].to_string()),
                year: None,
                number,
                heading: c.get(4).map(|m| m.as_str().to_string()),
                paragraphs: Vec::new(),
                offset,
            };
            let rest = c[5].trim();
            if !rest.is_empty() {
                q.paragraphs.push(Paragraph {
                    text: original_tail(&l.text, rest),
                    items: Vec::new(),
                });
            }
            out.push(q);
            block = None;
            open = true;
            continue;
        }
        if let Some(c) = ARTICLE_RE.captures(norm) {
            let Some(number) = art(&c[1], c.get(2).map(|m| m.as_str())) else {
                continue;
            };
            // a jump in numbering ends the block (a new, unnamed run of articles)
            if let Some(prev) = last_number {
                if number.main < prev || number.main > prev + 20 {
                    block = None;
                }
            }
            last_number = Some(number.main);
            let (year, law) = match &block {
                Some((y, t)) => (Some(y.clone()), Some(t.clone())),
                None => (None, None),
            };
            out.push(Quote {
                law,
                year,
                number,
                heading: c.get(3).map(|m| m.as_str().to_string()),
                paragraphs: vec![Paragraph {
                    text: original_tail(&l.text, c[4].trim()),
                    items: Vec::new(),
                }],
                offset,
            });
            open = true;
            continue;
        }
        if CN_HEADING_RE.is_match(norm) || MD_HEADING_RE.is_match(&l.text) {
            open = false;
            block = None;
            continue;
        }
        if !open {
            continue;
        }
        let Some(q) = out.last_mut() else { continue };
        if let Some(c) = ITEM_RE.captures(norm) {
            if let (Some(n), Some(p)) = (numerals::parse(&c[1]), q.paragraphs.last_mut()) {
                p.items.push(Item {
                    number: n,
                    text: l.text.clone(),
                });
                continue;
            }
        }
        if q.paragraphs.len() < 12 {
            q.paragraphs.push(Paragraph {
                text: l.text.clone(),
                items: Vec::new(),
            });
        }
    }
    out.retain(|q| !q.paragraphs.is_empty());
    out
}

fn art(main: &str, sub: Option<&str>) -> Option<ArticleNumber> {
    let m = numerals::parse(main)?;
    let s = match sub {
        Some(x) => numerals::parse(x)?,
        None => 0,
    };
    (m > 0).then(|| ArticleNumber::new(m, s))
}

/// The tail of the original line that corresponds to `norm_tail` of its normalised form (same
/// number of characters, since normalisation maps one char to one char here).
fn original_tail(original: &str, norm_tail: &str) -> String {
    let n = norm_tail.chars().count();
    let total = original.chars().count();
    original
        .chars()
        .skip(total.saturating_sub(n))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Character-bigram Dice similarity of two texts on their normalised form, punctuation and
/// spaces ignored (0–1).
pub fn similarity(a: &str, b: &str) -> f32 {
    fn grams(s: &str) -> HashMap<(char, char), usize> {
        let chars: Vec<char> = normalize_str(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let mut m = HashMap::new();
        for w in chars.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    }
    let (ga, gb) = (grams(a), grams(b));
    let (na, nb): (usize, usize) = (ga.values().sum(), gb.values().sum());
    if na + nb == 0 {
        return 0.0;
    }
    let common: usize = ga
        .iter()
        .map(|(k, v)| (*v).min(*gb.get(k).unwrap_or(&0)))
        .sum();
    2.0 * common as f32 / (na + nb) as f32
}

/// Links a page's quotes to the corpus and adds the page, its quoted articles and the laws known
/// only from it. The corpus lookups must be built (`Corpus::finish`) before.
pub fn attach(corpus: &mut crate::corpus::Corpus, out: PageOutput) {
    use crate::records::{Article, ArticleKind, Law, LawSource, Level, Status};
    let page_id = out.page.id.clone();
    let mut new_laws: Vec<Law> = Vec::new();
    let mut new_articles: Vec<Article> = Vec::new();
    // Articles quoted without their law: infer the law from the texts that name their kind
    // (本规则 …), and give the rest of the same run the law their neighbours were found in.
    let mut inferred: Vec<Option<String>> = out
        .quotes
        .iter()
        .map(|q| {
            let text: String = q
                .paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            q.law
                .is_none()
                .then(|| infer_law(corpus, &q.number.key(), &text).map(|x| x.0))
                .flatten()
        })
        .collect();
    for i in 0..inferred.len() {
        if out.quotes[i].law.is_some() || inferred[i].is_some() {
            continue;
        }
        let neighbour = (0..inferred.len())
            .filter(|&j| out.quotes[j].law.is_none() && inferred[j].is_some())
            .min_by_key(|&j| j.abs_diff(i));
        inferred[i] = neighbour.and_then(|j| inferred[j].clone());
    }
    for (qi, q) in out.quotes.into_iter().enumerate() {
        let text: String = q
            .paragraphs
            .iter()
            .flat_map(|p| {
                std::iter::once(p.text.as_str()).chain(p.items.iter().map(|i| i.text.as_str()))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let number = q.number.key();
        // Which law: as printed, else the block title, else inferred from the text (本规则 …).
        let printed = q
            .law
            .as_deref()
            .map(|l| l.trim_start_matches('(').to_string());
        let title = printed
            .as_deref()
            .and_then(|l| corpus.resolve_law(l))
            .map(str::to_string);
        let (title, canonical) = match title {
            Some(t) => {
                let best = best_version(corpus, &t, &number, &text);
                (Some(t), best)
            }
            None if printed.is_none() => match &inferred[qi] {
                Some(t) => {
                    let best = best_version(corpus, t, &number, &text);
                    (Some(t.clone()), best)
                }
                None => (None, None),
            },
            None => (None, None),
        };
        let mut paragraphs = q.paragraphs.clone();
        // A label quote may run into the page's own commentary: drop trailing paragraphs that the
        // canonical text does not contain.
        let (mut linked, mut sim) = (None, None);
        if let Some((id, _)) = &canonical {
            if let Some(c) = corpus.article(id) {
                let ctext = c.text();
                while paragraphs.len() > 1 {
                    let last = paragraphs
                        .last()
                        .map(|p| p.text.clone())
                        .unwrap_or_default();
                    if similarity(&last, &ctext) < 0.5 {
                        paragraphs.pop();
                    } else {
                        break;
                    }
                }
                let qtext: String = paragraphs
                    .iter()
                    .flat_map(|p| {
                        std::iter::once(p.text.clone())
                            .chain(p.items.iter().map(|i| i.text.clone()))
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let s = similarity(&qtext, &ctext);
                sim = Some(s);
                if s >= 0.8 {
                    linked = Some(id.clone());
                }
            }
        }
        let (law_id, law_title, level, version, status, path) = match (&title, &linked) {
            (Some(t), Some(id)) => {
                let c = corpus.article(id).expect("linked article exists");
                (
                    c.law_id.clone(),
                    t.clone(),
                    c.level,
                    c.version.clone(),
                    c.status,
                    c.path.clone(),
                )
            }
            (Some(t), None) => {
                let l = corpus
                    .versions(t)
                    .first()
                    .map(|l| (l.id.clone(), l.level, l.version.clone(), l.status));
                match l {
                    Some((id, level, version, status)) => {
                        (id, t.clone(), level, version, status, Vec::new())
                    }
                    None => continue,
                }
            }
            (None, _) => {
                // A law known only from this page.
                let Some(raw) = printed.clone() else { continue };
                let t = normalize_str(&raw).replace(['(', ')'], "");
                let t = crate::normalize::to_simplified(&t);
                let version = q.year.clone().unwrap_or_default();
                let id = format!("{t}@{version}");
                if !new_laws.iter().any(|l| l.id == id) && corpus.law(&id).is_none() {
                    new_laws.push(Law {
                        id: id.clone(),
                        title: t.clone(),
                        level: Level::Other,
                        category: "commentary".into(),
                        version: version.clone(),
                        status: Status::Current,
                        superseded_by: None,
                        history: vec![format!(
                            "text from a commentary page ({page_id}), not an official source"
                        )],
                        source: LawSource::CommentaryPage {
                            page: page_id.clone(),
                        },
                        article_count: 0,
                        in_force_from: None,
                    });
                }
                (id, t, Level::Other, version, Status::Current, Vec::new())
            }
        };
        new_articles.push(Article {
            id: format!("page:{page_id}#{law_title}#{number}@{}", q.offset),
            law_id,
            law: law_title,
            number: number.clone(),
            label: q.number.label(),
            level,
            version,
            status,
            path,
            paragraphs,
            kind: ArticleKind::Quoted {
                page: page_id.clone(),
                offset: q.offset,
                linked: linked.clone(),
                similarity: sim,
            },
            source: out.page.source.clone(),
            line: 0,
        });
    }
    for law in &mut new_laws {
        law.article_count = new_articles.iter().filter(|a| a.law_id == law.id).count();
    }
    corpus.stats.quoted_articles += new_articles.len();
    corpus.stats.quoted_linked += new_articles
        .iter()
        .filter(|a| {
            matches!(
                &a.kind,
                ArticleKind::Quoted {
                    linked: Some(_),
                    ..
                }
            )
        })
        .count();
    if let Some(r) = &out.page.repair {
        corpus.stats.spans_repaired += r.spans_repaired;
        corpus.stats.spans_damaged += r.spans_damaged;
    }
    corpus.laws.extend(new_laws);
    corpus.articles.extend(new_articles);
    corpus.warnings.extend(out.warnings);
    corpus.pages.push(out.page);
}

/// The version of a law whose article `number` is most similar to `text`: (article id, similarity).
fn best_version(
    corpus: &crate::corpus::Corpus,
    title: &str,
    number: &str,
    text: &str,
) -> Option<(String, f32)> {
    corpus
        .find_versions(title, number)
        .into_iter()
        .map(|a| (a.id.clone(), similarity(text, &a.text())))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// For an article quoted without its law: the current law whose article of that number is most
/// similar, among the laws whose kind the text names (本规则 → …规则, 本规定 → …规定, 本法 → …法).
fn infer_law(
    corpus: &crate::corpus::Corpus,
    number: &str,
    text: &str,
) -> Option<(String, String, f32)> {
    let norm = normalize_str(text);
    let suffix = ["规则", "规定", "解释", "条例", "办法", "法"]
        .into_iter()
        .find(|s| norm.contains(&format!("本{s}")))?;
    let mut best: Option<(String, String, f32)> = None;
    for law in corpus
        .laws
        .iter()
        .filter(|l| l.status == crate::records::Status::Current && l.title.ends_with(suffix))
    {
        let Some(a) = corpus
            .find_versions(&law.title, number)
            .into_iter()
            .find(|a| a.law_id == law.id)
        else {
            continue;
        };
        let s = similarity(text, &a.text());
        if best.as_ref().is_none_or(|b| s > b.2) {
            best = Some((law.title.clone(), a.id.clone(), s));
        }
    }
    best.filter(|b| b.2 >= 0.6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_big5_and_rejects_binary() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("取保候审的条件与执行，犯罪嫌疑人可以申请取保候审。");
        let (text, enc) = decode(&gbk).unwrap();
        assert!(text.contains("取保候审"), "{text} {enc}");
        let (big5, _, _) =
            encoding_rs::BIG5.encode("取保候審的條件與執行，犯罪嫌疑人可以申請取保候審。");
        let (text, _) = decode(&big5).unwrap();
        assert!(text.contains("取保候審"), "{text}");
        assert!(decode(&[0, 1, 2, 0]).is_err());
        assert!(decode(b"   ").is_err());
    }

    #[test]
    fn strips_html() {
        let t = strip_html("<html><head><style>p{}</style><script>alert(1)</script></head><body><nav>首页</nav><p>第一段</p><p>第二段</p></body></html>");
        assert!(t.contains("第一段") && t.contains("第二段"));
        assert!(!t.contains("alert") && !t.contains("首页"));
    }

    #[test]
    fn numbered_questions_skip_the_listed_ones() {
        let text = "问题如下：1.甲是什么？2.乙是什么？3.丙是什么？4.丁？5.戊？正文开始。1.甲是什么？甲是第一个回答，内容较长。2.乙是什么？乙的回答。3.丙是什么？丙的回答。4.丁？丁的回答。5.戊？戊的回答。";
        let (intro, qa) = numbered_qa(text).unwrap();
        assert!(intro.contains("正文开始"));
        assert_eq!(qa.len(), 5);
        assert_eq!(qa[0].0, "甲是什么？");
        assert!(qa[0].1.starts_with("甲是第一个回答"));
    }

    #[test]
    fn similarity_ignores_script_and_punctuation() {
        assert!(similarity("取保候審的條件，與執行", "取保候审的条件与执行") > 0.99);
        assert!(similarity("取保候审", "监视居住") < 0.1);
    }
}
