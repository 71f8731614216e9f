//! The reviewed two-column tables of the answer layer (`corpus/fact_cues.tsv`,
//! `corpus/rule_cues.tsv`): a name, then a regular expression over the normalised question in which
//! `…` stands for a gap inside one clause. Comment lines start with `#`; the header line is skipped.

use regex::Regex;

/// The gap `…` stands for: up to eight characters inside one clause (as in `concepts.tsv`).
pub const GAP: &str = r"[^,.?!;:。、，？！；\s]{0,8}";

/// Parses a table whose header starts with `header`; an error names the file and the line.
pub fn parse(tsv: &str, file: &str, header: &str) -> Result<Vec<(String, Regex)>, String> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with(header))
        .map(|(n, l)| {
            let (name, cue) = l
                .split_once('\t')
                .ok_or_else(|| format!("{file} line {}: no tab", n + 1))?;
            let re = Regex::new(&cue.trim().replace('…', GAP))
                .map_err(|e| format!("{file} line {}: {e}", n + 1))?;
            Ok((name.trim().to_string(), re))
        })
        .collect()
}
