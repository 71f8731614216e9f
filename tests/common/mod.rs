//! Shared test setup: the real shared corpus, ingested and indexed once per test binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use fatiao::service::Service;

/// The corpus roots of the development setup (../shared/corpus).
pub fn corpus_dirs() -> Vec<PathBuf> {
    fatiao::config::corpus_dirs(&[])
        .expect("the shared corpus (../shared/corpus) must be present for tests")
}

/// A service over the full corpus, its index built (or reused when fresh) in a directory of this
/// test binary's own.
pub fn service(binary: &str) -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("index-{binary}"));
        Service::open_or_build(&corpus_dirs(), &dir).expect("build or open the index")
    })
}

/// A small corpus for tests that build indexes of their own: symbolic links to 刑事诉讼法 and the
/// 取保候审 规定 of the shared corpus, made once per test binary under the target directory (an
/// ingest of it takes about a second).
pub fn mini_corpus() -> &'static std::path::Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shared = corpus_dirs().remove(0);
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mini-corpus");
        let _ = std::fs::remove_dir_all(&dir);
        for rel in [
            "lawrefbook/诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md",
            "extra/关于取保候审若干问题的规定(2022-09-05).md",
        ] {
            let link = dir.join(rel);
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(shared.join(rel), &link).unwrap();
        }
        dir
    })
}

/// A child process (a `fatiao serve`) killed when dropped, also when an assertion fails first.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
