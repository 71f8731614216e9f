//! Embeds a hash of the sources and the data files (`src/`, `corpus/`) as `FATIAO_SOURCE_HASH`, so
//! that an index built by different code or data is recognised as stale and rebuilt; and writes
//! `core_corpus.rs`, the table of the core corpus files (`corpus/statutes/`) compiled into the
//! binary, and `web_assets.rs`, the files of the web page (`web/`).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            visit(&p, files);
        } else {
            files.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for d in ["src", "corpus"] {
        println!("cargo:rerun-if-changed={d}");
        visit(Path::new(d), &mut files);
    }
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        f.hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=FATIAO_SOURCE_HASH={:016x}", h.finish());

    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=web");
    embed("corpus/statutes", "CORE_FILES", &out.join("core_corpus.rs"));
    embed("web", "WEB_FILES", &out.join("web_assets.rs"));
}

/// Writes `pub static NAME: &[(&str, &[u8])]`: every file under `dir` (relative path with `/`,
/// contents by `include_bytes!`), sorted.
fn embed(dir: &str, name: &str, dest: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    visit(&root, &mut files);
    files.sort();
    let mut src = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .expect("under the root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        src.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            f.display().to_string()
        ));
    }
    src.push_str("];\n");
    std::fs::write(dest, src).expect("write the embedded file table");
}
