//! Search latency over the full index: every dev question of ../shared/eval/stard.jsonl and the
//! bail questions of questions.jsonl, run several rounds in-process; prints p50/p90/p99/max.
//!
//! `cargo bench --bench search` (builds the index into target/bench-index on first run).
//!
//! `cargo bench --bench search -- --limit N`: only that limit (for profiling one of them).
//!
//! `cargo bench --bench search -- --per-query FILE.json`: instead, one warm-up pass and then one
//! timed run over the STARD dev questions only (limit 10), written to FILE as a JSON array of
//! `{"id", "question", "ms", "hits"}` in file order; used by `benches/peer.py` for the side-by-side
//! comparison.

use std::path::PathBuf;
use std::time::Instant;

use fatiao::search::SearchParams;
use fatiao::service::Service;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One warm-up pass, then one timed run over the STARD dev questions; per-query latencies as JSON.
fn per_query(svc: &Service, eval_dir: &std::path::Path, out: &std::path::Path) {
    let qs = fatiao::eval::load(&eval_dir.join("stard.jsonl"), Some("dev")).expect("eval file");
    let params = |q: &str| SearchParams {
        q: q.to_string(),
        limit: Some(10),
        ..Default::default()
    };
    for q in &qs {
        let _ = svc.search(&params(&q.question));
    }
    let mut rows = Vec::new();
    let mut times = Vec::new();
    for q in &qs {
        let p = params(&q.question);
        let t = Instant::now();
        let r = svc.search(&p).expect("search");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        rows.push(
            serde_json::json!({"id": q.id, "question": q.question, "ms": ms, "hits": r.hits.len()}),
        );
    }
    std::fs::write(out, serde_json::to_vec_pretty(&rows).expect("json")).expect("write");
    times.sort_by(f64::total_cmp);
    println!(
        "search limit=10, STARD dev, one run: {} queries · p50 {:.3} ms · p99 {:.3} ms → {}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        out.display()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per_query_out = args
        .iter()
        .position(|a| a == "--per-query")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let only_limit: Option<usize> = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse().expect("--limit takes a number"));
    // Measured on the national corpus, with the eval sets beside it.
    let national = fatiao::config::national_corpus()
        .expect("the national corpus at ../shared/corpus (with ../shared/eval beside it)");
    let roots = fatiao::ingest::Source::Dirs(vec![national.clone()]);
    let index = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-index");
    let t = Instant::now();
    let svc = Service::open_or_build(&roots, &index).expect("index");
    eprintln!("index ready in {:.2}s", t.elapsed().as_secs_f64());
    let eval_dir = national.join("..").join("eval");
    if let Some(out) = per_query_out {
        per_query(&svc, &eval_dir, &out);
        return;
    }
    let mut questions = Vec::new();
    for (file, split) in [("stard.jsonl", Some("dev")), ("questions.jsonl", None)] {
        let qs = fatiao::eval::load(&eval_dir.join(file), split).expect("eval file");
        questions.extend(qs.into_iter().map(|q| q.question));
    }
    // warm-up
    for q in &questions {
        let _ = svc.search(&SearchParams {
            q: q.clone(),
            limit: Some(10),
            ..Default::default()
        });
    }
    for limit in [10, 100] {
        if only_limit.is_some_and(|l| l != limit) {
            continue;
        }
        let label = format!("limit={limit}");
        let mut times = Vec::new();
        for _ in 0..3 {
            for q in &questions {
                let t = Instant::now();
                let r = svc.search(&SearchParams {
                    q: q.clone(),
                    limit: Some(limit),
                    ..Default::default()
                });
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                assert!(r.is_ok());
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search {label}: {} queries · p50 {:.2} ms · p90 {:.2} ms · p99 {:.2} ms · max {:.2} ms",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            percentile(&times, 0.99),
            times[times.len() - 1]
        );
    }
}
