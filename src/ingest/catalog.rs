//! The LawRefBook catalogue (`db.sqlite3`): level, publish date and expired flag per law version.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::Result;
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

impl Catalogue {
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

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
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
