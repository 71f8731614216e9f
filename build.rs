//! Embeds a hash of the sources and the data files (`src/`, `corpus/`) as `FATIAO_SOURCE_HASH`, so
//! that an index built by different code or data is recognised as stale and rebuilt.

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
}
