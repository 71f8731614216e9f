//! The `fatiao` command line: a thin layer over the library's service.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use fatiao::search::{learned, SearchParams};
use fatiao::service::Service;
use fatiao::{config, eval, index, ingest, Error, Result};

#[derive(Parser)]
#[command(
    name = "fatiao",
    version,
    about = "法条: Chinese statutes with question answering (取保候审 first)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Locations {
    /// Corpus directory (repeatable). Default: $FATIAO_CORPUS (colon-separated), else
    /// ../shared/corpus, else the core corpus built into fatiao.
    #[arg(long = "corpus", value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// Index directory. Default: $FATIAO_INDEX, else index/ in the working directory.
    #[arg(long = "index", value_name = "DIR")]
    index: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest the corpus and build the search index (atomically: the old index serves until the new one is complete).
    Ingest {
        #[command(flatten)]
        loc: Locations,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write every record (laws, articles, pages) as JSON lines to FILE.
        #[arg(long, value_name = "FILE")]
        dump: Option<PathBuf>,
        /// Print every warning, not only the count.
        #[arg(long)]
        warnings: bool,
    },
    /// Show one article: LAW is a title or alias, NUMBER is 67 or 第六十七条.
    Show {
        law: String,
        number: String,
        #[command(flatten)]
        loc: Locations,
        #[arg(long)]
        json: bool,
    },
    /// Search the statutes and commentary.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only this law (title or alias).
        #[arg(long)]
        law: Option<String>,
        #[command(flatten)]
        loc: Locations,
        #[arg(long)]
        json: bool,
    },
    /// Answer a question: articles, commentary and computed outcomes.
    Ask {
        question: String,
        /// Date for relative dates (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        loc: Locations,
        #[arg(long)]
        json: bool,
    },
    /// List the rules of the engine with their inputs.
    Rules {
        #[arg(long)]
        json: bool,
    },
    /// Evaluate one rule: NAME is an id (R08) or a name (deposit_amount); --json gives its input.
    Rule {
        name: String,
        /// The input object, e.g. '{"authority":"public_security","is_minor":false}'.
        #[arg(long, default_value = "{}")]
        json: String,
        /// Date for rules that compare with today (YYYY-MM-DD).
        #[arg(long)]
        today: Option<String>,
    },
    /// Measure retrieval on a labelled JSONL file (../shared/eval/*.jsonl).
    Eval {
        file: PathBuf,
        /// Only questions of this split (e.g. dev).
        #[arg(long)]
        split: Option<String>,
        /// How many results to retrieve per question.
        #[arg(long, default_value_t = 100)]
        k: usize,
        /// What to measure: `search` (default) or `ask` (the answers' article lists).
        #[arg(long, default_value = "search", value_parser = ["search", "ask"])]
        endpoint: String,
        /// Also write one JSON line per question (gold ranks, top results) to FILE.
        #[arg(long, value_name = "FILE")]
        details: Option<PathBuf>,
        /// Only the questions of fold r of n (`1/2`), counted within the split.
        #[arg(long, value_name = "R/N")]
        fold: Option<String>,
        /// Use this learned table instead of the one built in (a table built by `fatiao learn`).
        #[arg(long, value_name = "FILE")]
        learned: Option<PathBuf>,
        #[command(flatten)]
        loc: Locations,
        #[arg(long)]
        json: bool,
    },
    /// Build the learned table (words asked about each article) from a labelled JSONL file's
    /// training split: `fatiao learn ../shared/eval/stard.jsonl` writes
    /// corpus/learned/stard_train.tsv.
    Learn {
        file: PathBuf,
        /// The split to learn from; dev is refused.
        #[arg(long, default_value = "train")]
        split: String,
        /// Leave out fold r of n (`1/2`), to measure on it with `fatiao eval --fold r/n`.
        #[arg(long, value_name = "R/N")]
        leave_out: Option<String>,
        #[arg(long, default_value = "corpus/learned/stard_train.tsv")]
        out: PathBuf,
    },
    /// Serve the HTTP API (builds a missing or stale index first).
    Serve {
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// API requests computed or queued at once; more are answered 503 with Retry-After.
        /// Default: 32 per core.
        #[arg(long, env = fatiao::server::MAX_INFLIGHT_ENV, value_name = "N")]
        max_inflight: Option<usize>,
        #[command(flatten)]
        loc: Locations,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FATIAO_LOG")
                .unwrap_or_else(|_| "fatiao=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal: a log written to a file stays plain text.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error[{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}

/// `println!` that returns an error instead of panicking when stdout fails, and ends the program
/// quietly (status 0) when the reader has gone: `fatiao rules | head` is not an error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(Error::Io { path: PathBuf::from("<stdout>"), source: e });
        }
    }};
}

/// Resolves the corpus; says so on stderr when it is the core corpus built into the binary.
fn corpus_source(loc: &Locations) -> Result<ingest::Source> {
    let source = config::corpus_source(&loc.corpus)?;
    if source == ingest::Source::Core {
        eprintln!(
            "corpus: {} (no --corpus given, {} unset, no ../shared/corpus); \
             for every national law, point --corpus at a LawRefBook checkout (see README)",
            source.describe(),
            config::CORPUS_ENV
        );
    }
    Ok(source)
}

/// A progress bar on a terminal, nothing otherwise (a pipe, a log file, `--json`).
fn progress_bar(show: bool) -> Option<indicatif::ProgressBar> {
    (show && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} ingest [{bar:40}] {pos}/{len} files",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

/// Opens the index, building it first (with a progress bar on a terminal, and a line saying how
/// long it took) when it is missing or stale for the corpus.
fn open(loc: &Locations) -> Result<Service> {
    let source = corpus_source(loc)?;
    let root = config::index_dir(loc.index.as_deref());
    let started = std::time::Instant::now();
    let bar = std::sync::OnceLock::new();
    let progress = |done: usize, total: usize| {
        let b = bar.get_or_init(|| {
            eprintln!(
                "building the index in {} (first start, or the corpus or fatiao changed) …",
                root.display()
            );
            progress_bar(true)
        });
        if let Some(b) = b {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    };
    let svc = Service::open_or_build_with(&source, &root, Some(&progress))?;
    if let Some(b) = bar.get() {
        if let Some(b) = b {
            b.finish_and_clear();
        }
        let h = svc.health();
        eprintln!(
            "index built: {} laws, {} articles in {:.1}s",
            h.laws,
            h.articles,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(svc)
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn run(cmd: Command) -> Result<()> {
    match cmd {
        Command::Ingest {
            loc,
            json,
            dump,
            warnings,
        } => {
            let source = corpus_source(&loc)?;
            let root = config::index_dir(loc.index.as_deref());
            let bar = progress_bar(!json);
            let progress = |done: usize, total: usize| {
                if let Some(b) = &bar {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                }
            };
            let started = std::time::Instant::now();
            let mut corpus = ingest::ingest(&source, Some(&progress))?;
            if let Some(b) = &bar {
                b.set_message("indexing");
                b.finish_and_clear();
            }
            let meta = index::build(&corpus, &root)?;
            corpus.stats.seconds = started.elapsed().as_secs_f64();
            if let Some(path) = dump {
                dump_records(&corpus, &path)?;
            }
            if json {
                let v = serde_json::json!({ "stats": corpus.stats, "index": { "dir": root, "meta": meta } });
                print_json(&v)?;
            } else {
                let s = &corpus.stats;
                out!(
                    "ingested {} files ({} statute files, {} pages) in {:.1}s\n\
                     laws {} · versions {} · articles {} ({} current)\n\
                     pages {} · sections {} · quoted articles {} ({} linked)\n\
                     citations {} ({} resolved) · repaired spans {} · damaged spans {}\n\
                     warnings {}\nindex: {} documents in {}",
                    s.files,
                    s.statute_files,
                    s.page_files,
                    s.seconds,
                    s.laws,
                    s.versions,
                    s.articles,
                    s.current_articles,
                    s.pages,
                    s.sections,
                    s.quoted_articles,
                    s.quoted_linked,
                    s.citations,
                    s.citations_resolved,
                    s.spans_repaired,
                    s.spans_damaged,
                    s.warnings,
                    meta.documents,
                    root.display()
                );
            }
            if warnings {
                for w in &corpus.warnings {
                    eprintln!("warning: {w}");
                }
            }
            Ok(())
        }
        Command::Show {
            law,
            number,
            loc,
            json,
        } => {
            let svc = open(&loc)?;
            let v = svc.article(&law, &number)?;
            if json {
                return print_json(&v);
            }
            out!(
                "{}  [{} · {} · {}]",
                v.citation,
                v.article.level.name(),
                v.article.version,
                v.article.status.badge()
            );
            if !v.article.path.is_empty() {
                out!("{}", v.article.path.join(" › "));
            }
            out!("\n{}\n", v.text);
            if !v.cites.is_empty() {
                out!(
                    "cites: {}",
                    v.cites
                        .iter()
                        .map(|r| format!("{}{}", r.law, r.label))
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
            if !v.cited_by.is_empty() {
                out!(
                    "cited by: {}",
                    v.cited_by
                        .iter()
                        .map(|r| format!("{}{}", r.law, r.label))
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
            if v.versions.len() > 1 {
                out!(
                    "versions: {}",
                    v.versions
                        .iter()
                        .map(|x| format!("{} ({})", x.version, x.status.badge()))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Ok(())
        }
        Command::Search {
            query,
            limit,
            law,
            loc,
            json,
        } => {
            let svc = open(&loc)?;
            let r = svc.search(&SearchParams {
                q: query,
                limit: Some(limit),
                law,
                ..Default::default()
            })?;
            if json {
                return print_json(&r);
            }
            for (i, h) in r.hits.iter().enumerate() {
                let text: String = h.text.chars().take(90).collect();
                out!(
                    "{:>2}. {:.2}  {} {}  [{}]\n    {}",
                    i + 1,
                    h.score,
                    h.law,
                    h.label,
                    h.status,
                    text.replace('\n', " ")
                );
            }
            eprintln!("{} hits in {:.1} ms", r.hits.len(), r.took_ms);
            Ok(())
        }
        Command::Ask {
            question,
            today,
            limit,
            loc,
            json,
        } => {
            let svc = open(&loc)?;
            let r = svc.ask(&fatiao::qa::AskRequest {
                question,
                facts: None,
                today,
                limit: Some(limit),
            })?;
            if json {
                return print_json(&r);
            }
            out!("{}", fatiao::qa::compose::markdown(&r));
            for c in &r.commentary {
                out!(
                    "  · 评论（非官方）{}：{}",
                    c.page_title,
                    c.question.as_deref().or(c.heading.as_deref()).unwrap_or("")
                );
            }
            Ok(())
        }
        Command::Learn {
            file,
            split,
            leave_out,
            out,
        } => {
            if split == "dev" || split == "test" {
                return Err(Error::BadRequest(format!(
                    "the {split} split is for measuring, not for learning"
                )));
            }
            let mut questions = eval::load(&file, Some(&split))?;
            if let Some(f) = leave_out.as_deref() {
                questions = learned::split_fold(questions, learned::parse_fold(f)?, false);
            }
            if questions.is_empty() {
                return Err(Error::BadRequest(format!(
                    "no {split} questions in {}",
                    file.display()
                )));
            }
            let table = learned::build(&questions);
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            std::fs::write(&out, &table).map_err(|e| Error::io(&out, e))?;
            eprintln!(
                "{} {split} questions → {} articles in {}",
                questions.len(),
                table.lines().count().saturating_sub(2),
                out.display()
            );
            Ok(())
        }
        Command::Eval {
            file,
            split,
            k,
            endpoint,
            details,
            fold,
            learned: table,
            loc,
            json,
        } => {
            if let Some(path) = table {
                let tsv = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                learned::use_table(learned::Learned::parse(&tsv)?);
            }
            let svc = open(&loc)?;
            let mut questions = eval::load(&file, split.as_deref())?;
            if let Some(f) = fold.as_deref() {
                questions = learned::split_fold(questions, learned::parse_fold(f)?, true);
            }
            if questions.is_empty() {
                return Err(Error::BadRequest(format!(
                    "no labelled questions in {}",
                    file.display()
                )));
            }
            let k = k.clamp(1, fatiao::search::MAX_LIMIT);
            let started = std::time::Instant::now();
            let mut ranked = Vec::with_capacity(questions.len());
            for q in &questions {
                let hits = if endpoint == "ask" {
                    let req = fatiao::qa::AskRequest {
                        question: q.question.clone(),
                        limit: Some(k.min(fatiao::qa::MAX_ASK_LIMIT)),
                        ..Default::default()
                    };
                    svc.ask(&req)?.articles
                } else {
                    svc.search(&SearchParams {
                        q: q.question.clone(),
                        limit: Some(k),
                        ..Default::default()
                    })?
                    .hits
                };
                ranked.push(
                    hits.into_iter()
                        .filter(|h| h.kind != "section")
                        .map(|h| (h.law, h.number))
                        .collect(),
                );
            }
            let m = eval::score(&questions, &ranked);
            if let Some(path) = details {
                let lines = eval::details(&questions, &ranked)
                    .iter()
                    .map(|d| serde_json::to_string(d).map_err(|e| Error::Internal(e.to_string())))
                    .collect::<Result<Vec<_>>>()?;
                std::fs::write(&path, lines.join("\n") + "\n").map_err(|e| Error::io(&path, e))?;
            }
            if json {
                return print_json(&m);
            }
            out!(
                "{} questions · hit@1 {:.3} · hit@5 {:.3} · hit@10 {:.3} · recall@5 {:.3} · recall@10 {:.3} · recall@100 {:.3} · MRR@10 {:.3} · {:.1} ms/question",
                m.questions, m.hit_at_1, m.hit_at_5, m.hit_at_10, m.recall_at_5, m.recall_at_10, m.recall_at_100, m.mrr_at_10,
                started.elapsed().as_secs_f64() * 1000.0 / questions.len() as f64
            );
            Ok(())
        }
        Command::Rules { json } => {
            let list = fatiao::rules::list();
            if json {
                return print_json(&list);
            }
            for r in list {
                let fields: Vec<String> = r.inputs["properties"]
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                out!(
                    "{} {} — {}\n    inputs: {}",
                    r.id,
                    r.name,
                    r.title,
                    fields.join(", ")
                );
            }
            Ok(())
        }
        Command::Rule { name, json, today } => {
            let input: serde_json::Value = serde_json::from_str(&json)
                .map_err(|e| Error::BadRequest(format!("--json is not valid JSON: {e}")))?;
            let today = fatiao::qa::parse_today(today.as_deref())?;
            let o = fatiao::rules::evaluate(&name, input, Some(today))?;
            print_json(&o)
        }
        Command::Serve {
            addr,
            max_inflight,
            loc,
        } => {
            let mut limits = fatiao::server::Limits::default();
            if let Some(n) = max_inflight {
                limits.max_inflight = n;
            }
            let svc = open(&loc)?;
            let h = svc.health();
            eprintln!(
                "corpus: {} · {} laws, {} articles",
                match h.corpus {
                    ingest::CorpusKind::Core => "core (built into fatiao)",
                    ingest::CorpusKind::National => "national",
                },
                h.laws,
                h.articles
            );
            let rt = tokio::runtime::Runtime::new().map_err(|e| Error::Internal(e.to_string()))?;
            rt.block_on(fatiao::server::serve(svc, addr, limits))
        }
    }
}

fn dump_records(corpus: &fatiao::corpus::Corpus, path: &std::path::Path) -> Result<()> {
    use std::io::Write;
    let f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut w = std::io::BufWriter::new(f);
    let mut line = |kind: &str, v: serde_json::Value| -> Result<()> {
        writeln!(w, "{}", serde_json::json!({ "record": kind, "data": v }))
            .map_err(|e| Error::io(path, e))
    };
    for l in &corpus.laws {
        line("law", serde_json::to_value(l)?)?;
    }
    for a in &corpus.articles {
        line("article", serde_json::to_value(a)?)?;
    }
    for p in &corpus.pages {
        line("page", serde_json::to_value(p)?)?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}
