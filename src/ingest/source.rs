//! Where corpus files come from: folders on disk (the national corpus, or any folder given with
//! `--corpus`), or the core corpus compiled into the binary (`corpus/statutes/` in the repository:
//! the statutes the rules cite, so that a fresh clone or an installed binary works on its own).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

// `CORE_FILES: &[(&str, &[u8])]`: (path relative to `corpus/statutes/`, contents), written by
// build.rs from the files of `corpus/statutes/`.
include!(concat!(env!("OUT_DIR"), "/core_corpus.rs"));

/// Where to read the corpus from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Corpus folders on disk, walked recursively.
    Dirs(Vec<PathBuf>),
    /// The core corpus compiled into the binary.
    Core,
}

/// Which kind of corpus an index was built from, as `/api/health` reports it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorpusKind {
    /// Corpus folders on disk: the national corpus, or folders given with `--corpus`.
    #[default]
    National,
    /// The core corpus compiled into the binary.
    Core,
}

impl Source {
    /// Folders on disk.
    pub fn dirs(dirs: impl IntoIterator<Item = impl Into<PathBuf>>) -> Source {
        Source::Dirs(dirs.into_iter().map(Into::into).collect())
    }

    pub fn kind(&self) -> CorpusKind {
        match self {
            Source::Dirs(_) => CorpusKind::National,
            Source::Core => CorpusKind::Core,
        }
    }

    /// How the source reads in a log line or a CLI message.
    pub fn describe(&self) -> String {
        match self {
            Source::Dirs(dirs) => dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Source::Core => format!(
                "the core corpus built into fatiao ({} statute files)",
                core_statute_files()
            ),
        }
    }
}

/// The number of statute files in the core corpus.
pub fn core_statute_files() -> usize {
    CORE_FILES
        .iter()
        .filter(|(rel, _)| super::classify(Path::new(rel)) == Some(super::FileKind::Statute))
        .count()
}

/// What a file in a corpus is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Statute,
    Page,
    Catalogue,
}

/// A corpus file found by the walk.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Where the file is on disk; for a file of the core corpus, its path in the repository.
    pub path: PathBuf,
    /// Path relative to its root, with `/` separators; used in ids and warnings.
    pub rel: String,
    pub kind: FileKind,
    /// The contents of a core-corpus file.
    embedded: Option<&'static [u8]>,
}

impl CorpusFile {
    /// The file's bytes.
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self.embedded {
            Some(bytes) => Ok(Cow::Borrowed(bytes)),
            None => std::fs::read(&self.path).map(Cow::Owned),
        }
    }
}

/// Lists the corpus files of a source, sorted, each with its path relative to its root.
pub fn walk(source: &Source) -> Result<Vec<CorpusFile>> {
    let mut out = Vec::new();
    match source {
        Source::Core => {
            for (rel, bytes) in CORE_FILES {
                if let Some(kind) = super::classify(Path::new(rel)) {
                    out.push(CorpusFile {
                        path: Path::new("corpus/statutes").join(rel),
                        rel: rel.to_string(),
                        kind,
                        embedded: Some(bytes),
                    });
                }
            }
        }
        Source::Dirs(roots) => {
            for root in roots {
                walk_dir(root, &mut out)?;
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel).then_with(|| a.path.cmp(&b.path)));
    Ok(out)
}

fn walk_dir(root: &Path, out: &mut Vec<CorpusFile>) -> Result<()> {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let path = entry.path();
            let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if ft.is_dir() {
                stack.push(path);
            } else if let Some(kind) = super::classify(&path) {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(CorpusFile {
                    path,
                    rel,
                    kind,
                    embedded: None,
                });
            }
        }
    }
    Ok(())
}
