//! The records everything else is built from: laws (one per version), articles, commentary pages and
//! their sections. Ingest produces them; the index, the rules and the answers only read them.

use serde::{Deserialize, Serialize};

/// The rank of a legal source. Serialised as its Chinese name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Level {
    #[serde(rename = "宪法")]
    Constitution,
    #[serde(rename = "法律")]
    Law,
    #[serde(rename = "行政法规")]
    AdministrativeRegulation,
    #[serde(rename = "司法解释")]
    JudicialInterpretation,
    #[serde(rename = "部门规章")]
    DepartmentalRule,
    /// Joint normative documents such as 公通字〔2022〕25号 (关于取保候审若干问题的规定).
    #[serde(rename = "规范性文件")]
    NormativeDocument,
    #[serde(rename = "其他")]
    Other,
}

impl Level {
    pub const ALL: [Level; 7] = [
        Level::Constitution,
        Level::Law,
        Level::AdministrativeRegulation,
        Level::JudicialInterpretation,
        Level::DepartmentalRule,
        Level::NormativeDocument,
        Level::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Constitution => "宪法",
            Level::Law => "法律",
            Level::AdministrativeRegulation => "行政法规",
            Level::JudicialInterpretation => "司法解释",
            Level::DepartmentalRule => "部门规章",
            Level::NormativeDocument => "规范性文件",
            Level::Other => "其他",
        }
    }

    pub fn from_name(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == s)
    }
}

/// Whether a law version is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The newest version of a law that is in force (现行).
    Current,
    /// An older version; a newer version of the same law exists (已修改).
    Superseded,
    /// Marked expired in the catalogue, with no newer version in the corpus (失效).
    Expired,
}

impl Status {
    pub fn badge(self) -> &'static str {
        match self {
            Status::Current => "现行",
            Status::Superseded => "已修改",
            Status::Expired => "失效",
        }
    }
}

/// The bodies of a joint document as its history line lists them: 最高人民法院、最高人民检察院、公安部、
/// 国家安全部印发 → that list.
fn joint_issuers(line: &str) -> Option<String> {
    static JOINT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"日\s*((?:[^\s，。、（）]+、)+[^\s，。、（）]+?)(?:联合)?(?:印发|发布)")
            .expect("valid regex")
    });
    JOINT.captures(line).map(|c| c[1].to_string())
}

/// Where a law's text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LawSource {
    /// Statute files of the corpus (several files for a law split by 编, e.g. 民法典).
    Official { files: Vec<String> },
    /// Known only from articles quoted on a commentary page: not an official source.
    CommentaryPage { page: String },
}

/// One version of one law.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Law {
    /// `title@version`, unique across the corpus.
    pub id: String,
    /// Full title as on line 1 of the corpus file (中华人民共和国刑事诉讼法).
    pub title: String,
    pub level: Level,
    /// Folder category in the corpus (诉讼与非诉讼程序法, 司法解释 …).
    pub category: String,
    /// Version date `YYYY-MM-DD` (from the file name or the catalogue); empty when unknown.
    pub version: String,
    pub status: Status,
    /// For a superseded version, the version that replaced it.
    pub superseded_by: Option<String>,
    /// Adoption and amendment lines from the file header.
    pub history: Vec<String>,
    pub source: LawSource,
    pub article_count: usize,
    /// 施行日期, where the catalogue gives it (`YYYY-MM-DD`); `version` is the date of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force_from: Option<String>,
}

impl Law {
    pub fn is_official(&self) -> bool {
        matches!(self.source, LawSource::Official { .. })
    }

    /// The body that made the law (制定机关), as its first history line names it (第五届全国人民代表
    /// 大会第二次会议通过 → 全国人民代表大会; 公安部令 → 公安部; 最高人民检察院…检察委员会 → 最高人民检察院).
    pub fn issuer(&self) -> Option<String> {
        const BODIES: [(&str, &str); 8] = [
            ("全国人民代表大会常务委员会", "全国人民代表大会常务委员会"),
            ("全国人民代表大会", "全国人民代表大会"),
            ("国务院", "国务院"),
            (
                "最高人民法院、最高人民检察院",
                "最高人民法院、最高人民检察院",
            ),
            ("最高人民法院", "最高人民法院"),
            ("最高人民检察院", "最高人民检察院"),
            ("公安部", "公安部"),
            ("司法部", "司法部"),
        ];
        let first = self.history.iter().find(|h| !h.trim().is_empty())?;
        // a joint document: the bodies listed before 印发/发布 (最高人民法院、…、国家安全部印发)
        if let Some(joint) = joint_issuers(first) {
            return Some(joint);
        }
        // the first body named: 最高人民法院审判委员会 before a later mention of another body
        BODIES
            .iter()
            .filter_map(|(needle, name)| first.find(needle).map(|at| (at, needle.len(), *name)))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, _, name)| name.to_string())
    }
}

/// An item (项) of a paragraph: （一）…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Item {
    pub number: u32,
    pub text: String,
}

/// A paragraph (款) of an article, with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Paragraph {
    pub text: String,
    pub items: Vec<Item>,
}

/// What kind of record an article is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ArticleKind {
    /// An article of a statute file.
    Statute,
    /// An article quoted on a commentary page.
    Quoted {
        /// Page id.
        page: String,
        /// Byte offset of the quote in the page's cleaned text.
        offset: usize,
        /// The canonical article this quote was linked to, if law, number and text agree.
        linked: Option<String>,
        /// Text similarity to the canonical article (0–1), when one with the same law and number exists.
        similarity: Option<f32>,
    },
}

/// One article of one version of one law.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Article {
    /// `law_id#number`, e.g. `中华人民共和国刑事诉讼法@2018-10-26#67`; quoted articles get
    /// `page:<page id>#<law>#<number>@<offset>`.
    pub id: String,
    pub law_id: String,
    /// Full law title.
    pub law: String,
    /// "67", "133-1".
    pub number: String,
    /// 第六十七条.
    pub label: String,
    pub level: Level,
    pub version: String,
    pub status: Status,
    /// 编/章/节 headings from the top down.
    pub path: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub kind: ArticleKind,
    /// Corpus file (relative to its corpus root) or page id.
    pub source: String,
    /// 1-based line of the article marker in the source.
    pub line: usize,
}

impl Article {
    /// The article text, paragraphs separated by newlines, items on their own lines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&p.text);
            for item in &p.items {
                out.push('\n');
                out.push_str(&item.text);
            }
        }
        out
    }

    pub fn is_current(&self) -> bool {
        self.status == Status::Current
    }
}

/// A kind of section of a commentary page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SectionKind {
    /// Running text under a heading.
    Body,
    /// A question and its answer.
    Qa { question: String },
}

/// A section of a commentary page.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Section {
    /// `<page id>#<n>`.
    pub id: String,
    pub page: String,
    pub heading: Option<String>,
    pub kind: SectionKind,
    /// The section text in the page's own script, cleaned.
    pub text: String,
    /// Byte offset of the section in the page's cleaned text.
    pub offset: usize,
    /// Marked when the content is known to be outdated (e.g. pre-2012 boilerplate answers).
    pub note: Option<String>,
}

/// What the repair of a damaged page did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RepairReport {
    /// Inserted pinyin annotations removed.
    pub annotations_removed: usize,
    /// Damaged spans rebuilt.
    pub spans_repaired: usize,
    /// Damaged spans left as they were (marked in the text).
    pub spans_damaged: usize,
}

/// A commentary page (scraped HTML or text).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Page {
    /// File stem, e.g. `004_dac0eeb394e51c84`.
    pub id: String,
    /// Path relative to its corpus root.
    pub source: String,
    pub title: String,
    /// Encoding the bytes were decoded from (UTF-8, GBK, Big5 …).
    pub encoding: String,
    /// Whether the page is written in traditional characters.
    pub traditional: bool,
    /// The cleaned page text, in the page's own script.
    pub text: String,
    pub sections: Vec<Section>,
    pub repair: Option<RepairReport>,
}

/// A problem met while ingesting, attached to the file it concerns. Ingest never stops on one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Warning {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Warning {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}
