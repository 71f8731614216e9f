//! Crash-safe index builds: `fatiao ingest` killed (SIGKILL) at each stage of a rebuild leaves the
//! previous index answering, through a service opened before, a fresh open and a running `fatiao
//! serve`, and the next ingest succeeds and cleans up. A build that cannot write (read-only
//! directory, file-size limit, full disk) fails with a clear I/O error and leaves the live index as
//! it was.
//!
//! The kill points are reached deterministically with the test hook `FATIAO_TEST_PAUSE_AT=<stage>`
//! (see `fatiao::index::pause_point`): the build prints `fatiao: paused at <stage>` and waits on
//! its stdin. The builds use a small corpus of symbolic links into the core corpus
//! (`common::mini_corpus`), so that each child ingest takes about a second.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use fatiao::corpus::Corpus;
use fatiao::index::Meta;
use fatiao::ingest::Source;
use fatiao::search::SearchParams;
use fatiao::service::Service;

const QUERY: &str = "取保候审保证金";

fn tmp_dir(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&p);
    p
}

fn mini_corpus() -> &'static Path {
    common::mini_corpus()
}

/// The mini corpus ingested in-process, once.
fn mini() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| fatiao::ingest::ingest(&Source::dirs([mini_corpus()]), None).unwrap())
}

fn ingest_cmd(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fatiao"));
    cmd.arg("ingest")
        .arg("--index")
        .arg(root)
        .arg("--corpus")
        .arg(mini_corpus())
        .env_remove(fatiao::index::PAUSE_ENV);
    cmd
}

fn run(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null()).output().unwrap()
}

/// Entries of an index root: generations, temporary builds, CURRENT.
fn entries(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn tmp_builds(root: &Path) -> Vec<String> {
    entries(root)
        .into_iter()
        .filter(|n| n.starts_with(".tmp-gen-"))
        .collect()
}

fn generations(root: &Path) -> BTreeSet<String> {
    entries(root)
        .into_iter()
        .filter(|n| n.starts_with("gen-"))
        .collect()
}

fn current(root: &Path) -> String {
    std::fs::read_to_string(root.join("CURRENT"))
        .unwrap()
        .trim()
        .to_string()
}

fn hit_ids(s: &Service) -> Vec<String> {
    let r = s
        .search(&SearchParams {
            q: QUERY.into(),
            ..Default::default()
        })
        .unwrap();
    assert!(!r.hits.is_empty());
    r.hits.into_iter().map(|h| h.id).collect()
}

/// Kills the child (SIGKILL) when dropped, so a failing test leaves no process behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `fatiao serve` on an ephemeral port over `root`.
struct Server {
    child: Killed,
    addr: String,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fatiao"))
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(root)
            .arg("--corpus")
            .arg(mini_corpus())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.trim().to_string();
            }
        };
        // Keep draining its log so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server {
            child: Killed(child),
            addr,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let status = out
            .split_whitespace()
            .nth(1)
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        let body = out
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// The build time of the generation the server answers from.
    fn built_at(&self) -> String {
        let (status, body) = self.get("/api/health");
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let (status, body) = self.get("/api/search?q=%E5%8F%96%E4%BF%9D%E5%80%99%E5%AE%A1&limit=3");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"hits\":[{"), "{body}");
        v["built_at"].as_str().unwrap().to_string()
    }

    fn is_running(&mut self) -> bool {
        self.child.0.try_wait().unwrap().is_none()
    }
}

/// `fatiao ingest` started with the pause hook and stopped at `stage`.
fn paused_ingest(root: &Path, stage: &str) -> Killed {
    let mut child = ingest_cmd(root)
        .env(fatiao::index::PAUSE_ENV, stage)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let marker = format!("fatiao: paused at {stage}");
    let mut seen = String::new();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(&marker) => break,
            Some(Ok(line)) => {
                seen.push_str(&line);
                seen.push('\n');
            }
            _ => panic!(
                "ingest ended before it reached {stage}: {:?}\n{seen}",
                child.wait()
            ),
        }
    }
    Killed(child)
}

/// Everyone who reads `root` sees the first generation: the service opened before, a fresh open, the
/// running server and `CURRENT`.
fn old_index_answers(root: &Path, first: &Meta, live: &Service, before: &[String], srv: &Server) {
    assert_eq!(fatiao::index::current_meta(root).as_ref(), Some(first));
    assert_eq!(hit_ids(live), before);
    let fresh = Service::open(root).unwrap();
    assert_eq!(fresh.health().built_at, first.built_at);
    assert_eq!(hit_ids(&fresh), before);
    assert_eq!(srv.built_at(), first.built_at);
}

fn killed_at(stage: &str) {
    let root = tmp_dir(&format!("index-killed-at-{stage}"));
    let first = fatiao::index::build(mini(), &root).unwrap();
    let first_gen = current(&root);
    let live = Service::open(&root).unwrap();
    let before = hit_ids(&live);
    let mut srv = Server::start(&root);

    let mut child = paused_ingest(&root, stage);
    let during = entries(&root);
    if stage == "switched" {
        // The switch is done: a fresh open gets the new, complete generation; the service and the
        // server opened before keep answering from theirs, which is kept.
        assert_ne!(current(&root), first_gen);
        let fresh = Service::open(&root).unwrap();
        assert_ne!(fresh.health().built_at, first.built_at);
        assert_eq!(hit_ids(&fresh), before);
        assert!(generations(&root).contains(&first_gen));
        assert_eq!(hit_ids(&live), before);
        assert_eq!(srv.built_at(), first.built_at);
    } else {
        old_index_answers(&root, &first, &live, &before, &srv);
    }
    child.0.kill().unwrap();
    let status = child.0.wait().unwrap();
    assert!(!status.success(), "{status}");
    assert_eq!(entries(&root), during, "nothing changed after the kill");

    // What the kill left behind.
    match stage {
        "ingest" => assert_eq!(
            entries(&root),
            BTreeSet::from(["CURRENT".to_string(), first_gen.clone()])
        ),
        "tantivy" | "committed" | "records" => {
            assert_eq!(tmp_builds(&root).len(), 1, "{during:?}");
            let tmp = root.join(&tmp_builds(&root)[0]);
            assert!(!tmp.join("fatiao.json").exists());
            if stage == "records" {
                assert!(tmp.join("records.json.tmp").exists());
                assert!(!tmp.join("records.json").exists());
            }
        }
        "renamed" => {
            // A complete generation that CURRENT does not name.
            assert_eq!(generations(&root).len(), 2, "{during:?}");
            assert!(tmp_builds(&root).is_empty());
        }
        "switched" => assert_eq!(generations(&root).len(), 2, "{during:?}"),
        other => unreachable!("{other}"),
    }
    if stage != "switched" {
        old_index_answers(&root, &first, &live, &before, &srv);
    }
    let killed_gen = current(&root);

    // The next ingest succeeds, makes a new generation live, and removes what the killed one left
    // (keeping only the generation that was live until now).
    let out = run(ingest_cmd(&root));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp_builds(&root).is_empty());
    let now = current(&root);
    assert_ne!(now, killed_gen);
    assert_eq!(
        generations(&root),
        BTreeSet::from([killed_gen.clone(), now.clone()])
    );
    assert!(!entries(&root).iter().any(|n| n.ends_with(".tmp")));
    let fresh = Service::open(&root).unwrap();
    assert_eq!(hit_ids(&fresh), before);
    assert_eq!(
        fatiao::index::current_meta(&root).unwrap().documents,
        first.documents
    );

    // The service and the server opened on the first generation still answer from it, even where
    // it has now been removed (after the kill at `switched` it was two builds old): their files stay
    // open.
    assert_eq!(generations(&root).contains(&first_gen), stage != "switched");
    assert_eq!(hit_ids(&live), before);
    assert_eq!(srv.built_at(), first.built_at);
    assert!(srv.is_running());
}

#[test]
fn killed_while_ingesting_before_any_index_file_is_written() {
    killed_at("ingest");
}

#[test]
fn killed_while_tantivy_writes_the_new_generation() {
    killed_at("tantivy");
}

#[test]
fn killed_after_the_tantivy_commit_before_the_records() {
    killed_at("committed");
}

#[test]
fn killed_half_way_through_records_json() {
    killed_at("records");
}

#[test]
fn killed_after_the_rename_before_current_is_switched() {
    killed_at("renamed");
}

#[test]
fn killed_right_after_current_is_switched() {
    killed_at("switched");
}

/// A paused build that is let go (stdin closed) completes normally: the hook only waits.
#[test]
fn a_paused_build_that_is_let_go_completes() {
    let root = tmp_dir("index-paused-let-go");
    let first = fatiao::index::build(mini(), &root).unwrap();
    let mut child = paused_ingest(&root, "renamed");
    drop(child.0.stdin.take());
    assert!(child.0.wait().unwrap().success());
    let meta = fatiao::index::current_meta(&root).unwrap();
    assert_ne!(meta.built_at, first.built_at);
    assert_eq!(generations(&root).len(), 2);
}

/// The state after a build that failed: CURRENT, the generations and nothing else as before; the
/// live index opens and answers as before.
fn untouched(root: &Path, before_entries: &BTreeSet<String>, first: &Meta, before: &[String]) {
    assert_eq!(&entries(root), before_entries);
    assert!(tmp_builds(root).is_empty());
    assert_eq!(fatiao::index::current_meta(root).as_ref(), Some(first));
    assert_eq!(hit_ids(&Service::open(root).unwrap()), before);
}

fn failed_with_io_error(out: &Output, root: &Path, reason: &[&str]) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("error[io_error]: I/O error on "), "{err}");
    assert!(err.contains(&root.display().to_string()), "{err}");
    assert!(reason.iter().any(|r| err.contains(r)), "{err}");
    err
}

#[test]
fn a_file_size_limit_fails_the_build_with_a_clear_error() {
    // RLIMIT_FSIZE (`ulimit -f`, with SIGXFSZ ignored so writes fail with EFBIG) works for any user.
    // 16 KiB stops tantivy's own segment files; 200 KiB lets those through and stops records.json.
    let root = tmp_dir("index-fsize");
    let first = fatiao::index::build(mini(), &root).unwrap();
    let first_gen = current(&root);
    let live = Service::open(&root).unwrap();
    let before = hit_ids(&live);
    let before_entries = entries(&root);
    let mut seen_records = false;
    for blocks in [32, 400] {
        let ingest = ingest_cmd(&root);
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
            ))
            .arg(ingest.get_program())
            .args(ingest.get_args());
        let out = run(cmd);
        let err = failed_with_io_error(&out, &root, &["File too large"]);
        seen_records |= err.contains("records.json.tmp");
        untouched(&root, &before_entries, &first, &before);
        assert_eq!(hit_ids(&live), before);
    }
    assert!(
        seen_records,
        "the larger limit stops the records.json write"
    );
    assert!(run(ingest_cmd(&root)).status.success());
    assert_ne!(current(&root), first_gen);
}

/// Runs `script` (sh) in a private mount namespace (`unshare --mount`), so its mounts vanish with
/// it. None where this process may not make one (not root, no CAP_SYS_ADMIN, no `unshare`).
fn in_mount_namespace(script: &str, args: &[&std::ffi::OsStr]) -> Option<Output> {
    // A private mount namespace as root; where that is refused (a container without
    // CAP_SYS_ADMIN), inside a user namespace of its own, where the mounts are allowed.
    const VARIANTS: [&[&str]; 2] = [
        &["--mount", "--propagation", "private"],
        &[
            "--user",
            "--map-root-user",
            "--mount",
            "--propagation",
            "private",
        ],
    ];
    let variant = VARIANTS.into_iter().find(|v| {
        Command::new("unshare")
            .args(*v)
            .arg("true")
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })?;
    let out = Command::new("unshare")
        .args(variant)
        .args(["sh", "-c", script, "sh"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    // 77: the mount itself was refused.
    (out.status.code() != Some(77)).then_some(out)
}

#[test]
fn a_full_disk_fails_the_build_with_a_clear_error() {
    // A real ENOSPC: a small tmpfs, mounted in a private mount namespace (needs root or
    // CAP_SYS_ADMIN; skipped with a note otherwise). The script builds a live index on it, shrinks the
    // tmpfs to leave 96 KiB free, runs the rebuild, asks the live index on the full disk, and copies
    // the index out for the checks below.
    let work = tmp_dir("index-full-disk");
    let mnt = work.join("mnt");
    let out_dir = work.join("out");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out_dir).unwrap();
    let script = r#"
        mnt="$1"; out="$2"; bin="$3"; corpus="$4"
        mount -t tmpfs -o size=16m tmpfs "$mnt" || exit 77
        "$bin" ingest --index "$mnt/index" --corpus "$corpus" > /dev/null || exit 1
        used=$(du -sk "$mnt" | cut -f1)
        mount -o remount,size=$((used + 96))k "$mnt" || exit 77
        "$bin" ingest --index "$mnt/index" --corpus "$corpus" > /dev/null 2> "$out/stderr"
        echo $? > "$out/rc"
        "$bin" search 取保候审 --json --index "$mnt/index" --corpus "$corpus" > "$out/search.json" || exit 2
        cp -a "$mnt/index" "$out/index"
    "#;
    let bin = std::ffi::OsStr::new(env!("CARGO_BIN_EXE_fatiao"));
    let Some(out) = in_mount_namespace(
        script,
        &[
            mnt.as_os_str(),
            out_dir.as_os_str(),
            bin,
            mini_corpus().as_os_str(),
        ],
    ) else {
        common::skip(
            "a_full_disk_fails_the_build_with_a_clear_error",
            "a tmpfs in a private mount namespace (see the RLIMIT_FSIZE test)",
        );
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rc = std::fs::read_to_string(out_dir.join("rc")).unwrap();
    assert_ne!(rc.trim(), "0", "the rebuild on a full disk failed");
    let err = std::fs::read_to_string(out_dir.join("stderr")).unwrap();
    assert!(err.contains("error[io_error]: I/O error on "), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    // The live index answered on the full disk, and nothing of the failed build is left.
    let search: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("search.json")).unwrap())
            .unwrap();
    assert!(!search["hits"].as_array().unwrap().is_empty());
    let index = out_dir.join("index");
    assert!(tmp_builds(&index).is_empty(), "{:?}", entries(&index));
    assert_eq!(generations(&index).len(), 1);
    assert!(!hit_ids(&Service::open(&index).unwrap()).is_empty());
}

#[test]
fn a_read_only_index_directory_is_a_clear_error() {
    let root = tmp_dir("index-read-only");
    let first = fatiao::index::build(mini(), &root).unwrap();
    let live = Service::open(&root).unwrap();
    let before = hit_ids(&live);
    let before_entries = entries(&root);

    // Mode 0555 stops an ordinary user; root (CAP_DAC_OVERRIDE) writes through it, so there the
    // directory is made read-only with a read-only bind mount in a private mount namespace.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = root.join(".probe");
    let privileged = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    let out = if privileged {
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let ingest = ingest_cmd(&root);
        let mut args: Vec<&std::ffi::OsStr> = vec![root.as_os_str(), ingest.get_program()];
        args.extend(ingest.get_args());
        let script = r#"
            root="$1"; shift
            mount --bind "$root" "$root" && mount -o remount,bind,ro "$root" || exit 77
            exec "$@"
        "#;
        match in_mount_namespace(script, &args) {
            Some(out) => out,
            None => {
                common::skip(
                    "a_read_only_index_directory_is_a_clear_error",
                    "a private mount namespace (root here, so only a read-only mount stops a write)",
                );
                return;
            }
        }
    } else {
        run(ingest_cmd(&root))
    };
    failed_with_io_error(&out, &root, &["Read-only file system", "Permission denied"]);
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    untouched(&root, &before_entries, &first, &before);
    assert_eq!(hit_ids(&live), before);

    // The same in-process: Error::Io with the path of the directory it could not create.
    if !privileged {
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o555)).unwrap();
        let err = fatiao::index::build(mini(), &root).unwrap_err();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            matches!(&err, fatiao::Error::Io { path, .. } if path.starts_with(&root)),
            "{err:?}"
        );
    }
    assert!(run(ingest_cmd(&root)).status.success());
}

#[test]
fn a_failed_build_leaves_no_generation_and_a_missing_index_is_a_clear_error() {
    let root = tmp_dir("index-missing");
    let err = Service::open(&root).unwrap_err();
    assert_eq!(err.code(), "index_error");
    assert!(err.to_string().contains("fatiao ingest"));
    // An index root that is a file cannot hold generations: a clear I/O error, nothing half-built.
    let file_root = tmp_dir("index-is-a-file");
    std::fs::write(&file_root, b"not a directory").unwrap();
    let err = fatiao::index::build(&Corpus::default(), &file_root).unwrap_err();
    assert_eq!(err.code(), "io_error", "{err}");
    // Below a file (ENOTDIR): the same, with the path, for any user.
    let below = file_root.join("index");
    let err = fatiao::index::build(&Corpus::default(), &below).unwrap_err();
    assert!(
        matches!(&err, fatiao::Error::Io { path, .. } if path == &below),
        "{err:?}"
    );
    let out = run({
        let mut c = ingest_cmd(&below);
        c.env_remove("FATIAO_INDEX");
        c
    });
    failed_with_io_error(&out, &below, &["Not a directory", "File exists"]);
    assert_eq!(std::fs::read(&file_root).unwrap(), b"not a directory");
}
