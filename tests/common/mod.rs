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
