//! The catalogue of a corpus: level, publish date, date in force and expired flag per law version,
//! from LawRefBook's `db.sqlite3` (the national corpus) or a headed `MANIFEST.tsv` (the core corpus).

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::ingest::CorpusFile;
use crate::records::Level;

#[derive(Debug, Clone)]
pub struct CatalogueEntry {
    pub level: Option<Level>,
    pub publish: Option<String>,
    pub valid_from: Option<String>,
    pub expired: bool,
}

/// Catalogue rows keyed by short name (the file stem without the date).
#[derive(Debug, Default, Clone)]
pub struct Catalogue {
    by_name: HashMap<String, Vec<CatalogueEntry>>,
}

/// The file name of a corpus manifest read as its catalogue.
pub const MANIFEST: &str = "MANIFEST.tsv";

impl Catalogue {
    /// Reads a catalogue file of the walk: a manifest, or a LawRefBook database on disk.
    pub fn read(f: &CorpusFile) -> Result<Catalogue> {
        if f.rel.rsplit('/').next() == Some(MANIFEST) {
            let bytes = f.read().map_err(|e| Error::io(&f.path, e))?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| Error::InvalidInput(format!("{}: not UTF-8: {e}", f.rel)))?;
            return Catalogue::from_manifest(text);
        }
        Catalogue::open(&f.path)
    }

    /// A manifest: `#` comment lines, then a header naming at least `name`, `level`, `publish`
    /// and `valid_from`, then one row per file.
    pub fn from_manifest(text: &str) -> Result<Catalogue> {
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let col = |name: &str| {
            header.iter().position(|h| *h == name).ok_or_else(|| {
                Error::InvalidInput(format!("{MANIFEST}: no column {name} in the header"))
            })
        };
        let (name, level, publish, valid_from) = (
            col("name")?,
            col("level")?,
            col("publish")?,
            col("valid_from")?,
        );
        let mut cat = Catalogue::default();
        for line in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |i: usize| cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty());
            let Some(key) = cell(name) else { continue };
            cat.by_name
                .entry(key.to_string())
                .or_default()
                .push(CatalogueEntry {
                    level: cell(level).and_then(Level::from_name),
                    publish: cell(publish).map(str::to_string),
                    valid_from: cell(valid_from).map(str::to_string),
                    expired: false,
                });
        }
        Ok(cat)
    }

    pub fn open(path: &Path) -> Result<Catalogue> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut stmt = conn.prepare("SELECT name, level, publish, valid_from, expired FROM law")?;
        let rows = stmt.query_map([], |r| {
            let level: String = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                CatalogueEntry {
                    level: Level::from_name(&level),
                    publish: r.get(2)?,
                    valid_from: r.get(3)?,
                    expired: r.get::<_, i64>(4)? != 0,
                },
            ))
        })?;
        let mut cat = Catalogue::default();
        for row in rows {
            let (name, entry) = row?;
            cat.by_name.entry(name).or_default().push(entry);
        }
        Ok(cat)
    }

    /// Adds the rows of another catalogue (a corpus of several roots: the national corpus's
    /// database and the core corpus's manifest); rows already here are found first.
    pub fn merge(&mut self, other: Catalogue) {
        for (name, rows) in other.by_name {
            self.by_name.entry(name).or_default().extend(rows);
        }
    }

    /// The row for a short name and version; with no version, the only row of that name.
    pub fn lookup(&self, name: &str, version: Option<&str>) -> Option<&CatalogueEntry> {
        let rows = self.by_name.get(name)?;
        match version {
            Some(v) => rows.iter().find(|e| e.publish.as_deref() == Some(v)),
            None if rows.len() == 1 => rows.first(),
            None => rows.iter().max_by(|a, b| a.publish.cmp(&b.publish)),
        }
    }
}
