//! Atomic index builds: a build killed half-way leaves the previous index answering, and the next
//! build succeeds and cleans up after it.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fatiao::search::SearchParams;
use fatiao::service::Service;

fn tmp_builds(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".tmp-gen-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_rebuild_leaves_the_previous_index_serving() {
    let root = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("index-killed-rebuild");
    let _ = std::fs::remove_dir_all(&root);
    let corpus = common::corpus_dirs();
    let c = fatiao::ingest::ingest(&corpus, None).unwrap();
    // Start a rebuild in another process and kill it (SIGKILL) while it writes its generation. On a
    // loaded machine the rebuild may complete before it is seen writing: then start over.
    let mut attempt = 0;
    let (first, live, before) = loop {
        attempt += 1;
        let first = fatiao::index::build(&c, &root).unwrap();
        let live = Service::open(&root).unwrap();
        let before = live
            .search(&SearchParams {
                q: "取保候审保证金".into(),
                ..Default::default()
            })
            .unwrap();
        assert!(!before.hits.is_empty());
        let mut child = Command::new(env!("CARGO_BIN_EXE_fatiao"))
            .arg("ingest")
            .arg("--index")
            .arg(&root)
            .arg("--corpus")
            .arg(&corpus[0])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(300);
        let mut ended = None;
        while tmp_builds(&root).is_empty() {
            assert!(
                Instant::now() < deadline,
                "the rebuild never started writing"
            );
            if let Some(status) = child.try_wait().unwrap() {
                ended = Some(status);
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        match ended {
            Some(status) => {
                let mut err = String::new();
                let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
                assert!(status.success(), "the rebuild failed ({status}): {err}");
                assert!(
                    attempt < 3,
                    "could not catch a rebuild in progress in {attempt} attempts"
                );
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                break (first, live, before);
            }
        }
    };
    assert!(
        !tmp_builds(&root).is_empty(),
        "the killed build left its partial generation"
    );

    // The live generation is untouched: the running service and a fresh open both answer.
    assert_eq!(fatiao::index::current_meta(&root).unwrap(), first);
    let after = live
        .search(&SearchParams {
            q: "取保候审保证金".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        before.hits.iter().map(|h| &h.id).collect::<Vec<_>>(),
        after.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    let reopened = Service::open(&root).unwrap();
    assert_eq!(reopened.health().articles, live.health().articles);

    // The next build succeeds, switches generations, and removes the partial one.
    let second = fatiao::index::build(&c, &root).unwrap();
    assert_ne!(second.built_at, first.built_at);
    assert!(tmp_builds(&root).is_empty());
    assert!(Service::open(&root)
        .unwrap()
        .search(&SearchParams {
            q: "保证人".into(),
            ..Default::default()
        })
        .is_ok());
    // The service opened before the switch still answers from its generation.
    assert!(live
        .search(&SearchParams {
            q: "保证人".into(),
            ..Default::default()
        })
        .is_ok());
}

#[test]
fn a_failed_build_leaves_no_generation_and_a_missing_index_is_a_clear_error() {
    let root = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("index-missing");
    let _ = std::fs::remove_dir_all(&root);
    let err = Service::open(&root).unwrap_err();
    assert_eq!(err.code(), "index_error");
    assert!(err.to_string().contains("fatiao ingest"));
    // An index root that is a file cannot hold generations: a clear I/O error, nothing half-built.
    let file_root = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("index-is-a-file");
    std::fs::write(&file_root, b"not a directory").unwrap();
    let err = fatiao::index::build(&fatiao::corpus::Corpus::default(), &file_root).unwrap_err();
    assert_eq!(err.code(), "io_error", "{err}");
}
