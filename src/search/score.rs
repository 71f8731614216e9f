//! The word query's BM25 scores, computed term at a time.
//!
//! A question is a union of some forty to eighty terms (each word in the text, the chapter path,
//! the anchor text and the law title, plus the bigrams), whose posting lists together hold about
//! 20 000 entries in the national corpus (STARD dev questions: 12 000 in the text, 3 000 bigrams,
//! 2 500 anchor, 1 700 path, 1 100 title). Scored through tantivy's query tree (a disjunction max
//! per word inside a boolean union) each entry cost about 25 ns and the whole most of a search;
//! read here block by block into one score per document, the search's p50 fell from 1.19 to about
//! 0.5 ms (`cargo bench --bench search`, limit 10), and to about 0.37 ms once the accumulation
//! stopped branching on whether a document was seen ([`Scratch`]).
//!
//! The scores are tantivy's own: the same BM25 weight ([`Bm25Weight`], with the statistics of the
//! whole index), the same field norms, a word's fields combined as tantivy's disjunction max
//! combines them (the best plus `tie` times the others, here kept up to date field by field, so
//! equal to tantivy's up to rounding), the groups summed. A test holds them to tantivy's.

use std::cell::RefCell;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::TermInfo;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, InvertedIndexReader, Searcher, SegmentReader, Term};

use crate::error::Result;

/// Documents per block of a posting list (tantivy's compression block).
const COMPRESSION_BLOCK_SIZE: usize = 128;

/// One scored unit of the query: one term, or one word in several fields.
#[derive(Debug, Clone)]
pub struct Group {
    /// The terms and their boosts.
    terms: Vec<(Term, f32)>,
    /// What the fields after a word's best one add, as a share of their scores.
    tie: f32,
    /// A term in more documents than this is left out (a frequent bigram costs a long posting
    /// list and scores next to nothing).
    max_df: Option<u64>,
}

impl Group {
    /// A single weighted term.
    pub fn term(term: Term, boost: f32) -> Group {
        Group {
            terms: vec![(term, boost)],
            tie: 0.0,
            max_df: None,
        }
    }

    /// A word in several fields: its best field's score plus `tie` times the others' (tantivy's
    /// disjunction max).
    pub fn fields(terms: Vec<(Term, f32)>, tie: f32) -> Group {
        Group {
            terms,
            tie: tie.clamp(0.0, 1.0),
            max_df: None,
        }
    }

    /// Leaves a term out when more than `max_df` documents contain it.
    pub fn unless_more_than(mut self, max_df: u64) -> Group {
        self.max_df = Some(max_df);
        self
    }
}

/// A term of the query as it is scored: its field (a position in [`Readers::fields`]), its BM25
/// weight and where its postings are, per segment.
struct Scored {
    field: usize,
    weight: Bm25Weight,
    infos: Vec<Option<TermInfo>>,
}

/// The inverted index and field norms of each field used, per segment, read once per search.
struct Readers<'a> {
    segments: &'a [SegmentReader],
    fields: Vec<(Field, Vec<Arc<InvertedIndexReader>>, f32)>,
}

impl<'a> Readers<'a> {
    /// The inverted indexes of `field` in every segment and its average length over the index.
    fn of(&mut self, field: Field) -> Result<usize> {
        if let Some(i) = self.fields.iter().position(|f| f.0 == field) {
            return Ok(i);
        }
        let mut inv = Vec::with_capacity(self.segments.len());
        let (mut tokens, mut docs) = (0u64, 0u64);
        for s in self.segments {
            let ii = s.inverted_index(field)?;
            tokens += ii.total_num_tokens();
            docs += u64::from(s.max_doc());
            inv.push(ii);
        }
        self.fields
            .push((field, inv, tokens as f32 / docs.max(1) as f32));
        Ok(self.fields.len() - 1)
    }
}

/// Per-thread scratch space: one score per document of a segment (zeroed after use by the list of
/// the documents it touched), and for the word being scored, each document's best field score
/// with the number of the word it belongs to (a word is numbered anew, so nothing is zeroed).
///
/// The list of touched documents has room for every document, and a document is written to its
/// end on every addition but counted only on its first: no branch on whether a document was seen,
/// which the processor could not predict (the same for a word's first field in a document).
#[derive(Default)]
struct Scratch {
    score: Vec<f32>,
    touched: Vec<DocId>,
    n_touched: usize,
    best: Vec<f32>,
    best_of: Vec<u32>,
    word: u32,
}

impl Scratch {
    /// Sized for a segment, and zero everywhere (a search stopped by an error leaves what it
    /// touched listed).
    fn ready(&mut self, max_doc: usize) {
        self.clear();
        if self.score.len() < max_doc {
            self.score.resize(max_doc, 0.0);
            self.best.resize(max_doc, 0.0);
            self.best_of.resize(max_doc, 0);
            // one slot more than documents: the slot after the last counted one is written to
            self.touched.resize(max_doc + 1, 0);
        }
    }

    /// The documents with a score, in the order first touched.
    fn touched(&self) -> &[DocId] {
        &self.touched[..self.n_touched]
    }

    /// Zeroes the scores of the documents touched.
    fn clear(&mut self) {
        for &d in &self.touched[..self.n_touched] {
            self.score[d as usize] = 0.0;
        }
        self.n_touched = 0;
    }

    /// Numbers the next word: a number no document's best score is marked with.
    fn next_word(&mut self) {
        self.word = self.word.wrapping_add(1);
        if self.word == 0 {
            self.best_of.fill(0);
            self.word = 1;
        }
    }

    /// Adds to a document's score (BM25 scores are positive: zero means untouched).
    #[inline]
    fn add(&mut self, doc: DocId, s: f32) {
        let i = doc as usize;
        let before = self.score[i];
        self.touched[self.n_touched] = doc;
        self.n_touched += usize::from(before == 0.0);
        self.score[i] = before + s;
    }

    /// Adds a word's score in one more field to a document: best + tie·(sum − best), kept up to
    /// date field by field. A document's first field for the word adds its score (the best
    /// before it counts as zero, and BM25 scores are positive), each further one tie times its
    /// score plus (1 − tie) times what it raises the best by.
    #[inline]
    fn add_field(&mut self, doc: DocId, s: f32, tie: f32) {
        let i = doc as usize;
        let before = if self.best_of[i] == self.word {
            self.best[i]
        } else {
            0.0
        };
        let best = before.max(s);
        self.best[i] = best;
        self.best_of[i] = self.word;
        self.add(doc, tie * s + (1.0 - tie) * (best - before));
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Calls `each(doc, score)` for every live document of a segment holding a term.
///
/// A block's scores are computed first, into a buffer, and handed on after: the arithmetic runs
/// as one tight loop whose divisions overlap, instead of waiting on each one inside the caller's
/// accumulation.
fn for_each_posting(
    segment: &SegmentReader,
    inv: &InvertedIndexReader,
    norms: &FieldNormReader,
    info: &TermInfo,
    w: &Bm25Weight,
    mut each: impl FnMut(DocId, f32),
) -> Result<()> {
    let mut block = inv
        .read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)
        .map_err(tantivy::TantivyError::from)?;
    let alive = segment.alive_bitset();
    let mut scores = [0.0f32; COMPRESSION_BLOCK_SIZE];
    loop {
        let docs = block.docs();
        if docs.is_empty() {
            return Ok(());
        }
        let scores = &mut scores[..docs.len()];
        for ((s, &doc), &tf) in scores.iter_mut().zip(docs).zip(block.freqs()) {
            *s = w.score(norms.fieldnorm_id(doc), tf);
        }
        for (&doc, &s) in docs.iter().zip(scores.iter()) {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                each(doc, s);
            }
        }
        block.advance();
    }
}

/// Whether each document of a segment holds every filter term; None without filters.
fn admitted(segment: &SegmentReader, filters: &[Term]) -> Result<Option<Vec<bool>>> {
    if filters.is_empty() {
        return Ok(None);
    }
    let mut count = vec![0usize; segment.max_doc() as usize];
    for t in filters {
        let inv = segment.inverted_index(t.field())?;
        if let Some(mut block) = inv
            .read_block_postings(t, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        {
            while !block.docs().is_empty() {
                for &d in block.docs() {
                    count[d as usize] += 1;
                }
                block.advance();
            }
        }
    }
    Ok(Some(
        count.into_iter().map(|c| c == filters.len()).collect(),
    ))
}

/// The `limit` best documents for `groups` (a document scores the sum of its groups' scores)
/// among those holding every `filters` term, best first (ties by document address).
pub fn top(
    searcher: &Searcher,
    groups: &[Group],
    filters: &[Term],
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    let segments = searcher.segment_readers();
    let mut readers = Readers {
        segments,
        fields: Vec::new(),
    };
    // as tantivy counts them for BM25: deleted documents included
    let total_docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    // each term looked up once per segment: its document frequency over the index, its postings
    let mut scored: Vec<(Vec<Scored>, f32)> = Vec::with_capacity(groups.len());
    for g in groups {
        let mut terms = Vec::with_capacity(g.terms.len());
        for (t, boost) in &g.terms {
            let f = readers.of(t.field())?;
            let (_, inv, average) = &readers.fields[f];
            let mut infos = Vec::with_capacity(segments.len());
            let mut df = 0u64;
            for ii in inv {
                let info = ii.get_term_info(t).map_err(tantivy::TantivyError::from)?;
                df += info.as_ref().map_or(0, |i| u64::from(i.doc_freq));
                infos.push(info);
            }
            if df == 0 || *boost <= 0.0 || g.max_df.is_some_and(|m| df > m) {
                continue;
            }
            let weight =
                Bm25Weight::for_one_term_without_explain(df, total_docs, *average).boost_by(*boost);
            terms.push(Scored {
                field: f,
                weight,
                infos,
            });
        }
        if !terms.is_empty() {
            scored.push((terms, g.tie));
        }
    }
    let mut out: Vec<(f32, DocAddress)> = Vec::new();
    if scored.is_empty() || limit == 0 {
        return Ok(out);
    }
    for (ord, segment) in segments.iter().enumerate() {
        let admitted = admitted(segment, filters)?;
        // the field norms of each field used, in the order of readers.fields
        let norms: Vec<FieldNormReader> = readers
            .fields
            .iter()
            .map(|(field, ..)| segment.get_fieldnorms_reader(*field))
            .collect::<tantivy::Result<_>>()?;
        let reader_of = |f: usize| (&*readers.fields[f].1[ord], &norms[f]);
        SCRATCH.with(|cell| -> Result<()> {
            let mut guard = cell.borrow_mut();
            let s = &mut *guard;
            s.ready(segment.max_doc() as usize);
            for (terms, tie) in &scored {
                if let [t] = terms.as_slice() {
                    if let Some(info) = &t.infos[ord] {
                        let (inv, norms) = reader_of(t.field);
                        for_each_posting(segment, inv, norms, info, &t.weight, |d, v| s.add(d, v))?;
                    }
                    continue;
                }
                s.next_word();
                for t in terms {
                    let Some(info) = &t.infos[ord] else {
                        continue;
                    };
                    let (inv, norms) = reader_of(t.field);
                    for_each_posting(segment, inv, norms, info, &t.weight, |d, v| {
                        s.add_field(d, v, *tie)
                    })?;
                }
            }
            // the segment's best `limit`, chosen on one integer per document: the score's bits
            // (a positive float's bits order as the float does) above the document's complement
            // (the lower document first among equal scores)
            let mut keys: Vec<u64> = Vec::with_capacity(s.n_touched);
            for &d in s.touched() {
                let i = d as usize;
                if admitted.as_ref().is_none_or(|a| a[i]) {
                    keys.push(u64::from(s.score[i].to_bits()) << 32 | u64::from(!d));
                }
            }
            s.clear();
            if keys.len() > limit {
                keys.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
                keys.truncate(limit);
            }
            out.extend(keys.into_iter().map(|k| {
                let doc = DocAddress {
                    segment_ord: ord as u32,
                    doc_id: !(k as u32),
                };
                (f32::from_bits((k >> 32) as u32), doc)
            }));
            Ok(())
        })?;
    }
    let by_rank = |a: &(f32, DocAddress), b: &(f32, DocAddress)| {
        b.0.total_cmp(&a.0)
            .then(a.1.segment_ord.cmp(&b.1.segment_ord))
            .then(a.1.doc_id.cmp(&b.1.doc_id))
    };
    out.sort_by(by_rank);
    out.truncate(limit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
    use tantivy::schema::{Schema, STRING, TEXT};
    use tantivy::{doc, Index, IndexWriter, TantivyDocument};

    /// Three fields, fifteen documents of overlapping words, one deleted.
    fn index() -> (Index, Field, Field, Field) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let path = b.add_text_field("path", TEXT);
        let kind = b.add_text_field("kind", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 20_000_000).unwrap();
        let words = [
            "bail",
            "bond",
            "court",
            "term",
            "guarantor",
            "deposit",
            "police",
        ];
        for i in 0..15usize {
            let text: Vec<&str> = (0..1 + i % 6).map(|k| words[(i * 3 + k * 5) % 7]).collect();
            let heading = words[i % 7];
            let k = if i % 3 == 0 { "a" } else { "b" };
            w.add_document(doc!(body => text.join(" "), path => heading, kind => k))
                .unwrap();
            if i == 7 {
                // a second segment, as an index built on several threads has
                w.commit().unwrap();
            }
        }
        w.delete_term(Term::from_field_text(body, "police"));
        w.commit().unwrap();
        (index, body, path, kind)
    }

    /// The same query through tantivy's own query tree: a disjunction max per word, a weighted
    /// term, the filters as terms weighted zero.
    fn tantivy_top(
        searcher: &Searcher,
        groups: &[Group],
        filters: &[Term],
        limit: usize,
    ) -> Vec<(f32, DocAddress)> {
        let clause = |t: &Term, boost: f32| -> Box<dyn Query> {
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)),
                boost,
            ))
        };
        let should: Vec<(Occur, Box<dyn Query>)> = groups
            .iter()
            .map(|g| -> (Occur, Box<dyn Query>) {
                let parts = g.terms.iter().map(|(t, b)| clause(t, *b)).collect();
                (
                    Occur::Should,
                    Box::new(DisjunctionMaxQuery::with_tie_breaker(parts, g.tie)),
                )
            })
            .collect();
        let mut all: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        all.extend(filters.iter().map(|t| (Occur::Must, clause(t, 0.0))));
        searcher
            .search(&BooleanQuery::new(all), &TopDocs::with_limit(limit))
            .unwrap()
    }

    #[test]
    fn scores_as_tantivy_scores_the_same_query() {
        let (index, body, path, kind) = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let t = |f: Field, w: &str| Term::from_field_text(f, w);
        let word = |w: &str| Group::fields(vec![(t(body, w), 1.0), (t(path, w), 1.5)], 0.3);
        let queries: Vec<(Vec<Group>, Vec<Term>)> = vec![
            (vec![word("bail")], vec![]),
            (
                vec![
                    word("bail"),
                    word("deposit"),
                    Group::term(t(body, "court"), 0.7),
                ],
                vec![],
            ),
            (
                vec![word("guarantor"), word("term"), word("nothing")],
                vec![t(kind, "b")],
            ),
            (vec![word("police")], vec![]),
        ];
        for (groups, filters) in &queries {
            for limit in [1, 3, 20] {
                let ours = top(&searcher, groups, filters, limit).unwrap();
                let theirs = tantivy_top(&searcher, groups, filters, limit);
                assert_eq!(ours.len(), theirs.len(), "{groups:?} {filters:?}");
                for (a, b) in ours.iter().zip(&theirs) {
                    assert!((a.0 - b.0).abs() < 1e-4, "{ours:?} vs {theirs:?}");
                }
                // the same documents, whatever the order among equal scores
                let docs = |v: &[(f32, DocAddress)]| {
                    let mut d: Vec<(u32, u32)> = v
                        .iter()
                        .map(|(s, a)| ((s * 1e4).round() as u32, a.doc_id + 1000 * a.segment_ord))
                        .collect();
                    d.sort_unstable();
                    d
                };
                if limit == 20 {
                    assert_eq!(docs(&ours), docs(&theirs));
                }
            }
        }
        // the deleted documents (those with police in the body) are never found
        let police = Group::term(t(body, "police"), 1.0);
        assert!(top(&searcher, &[police], &[], 20).unwrap().is_empty());
        assert!(!top(&searcher, &[word("police")], &[], 20)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_frequent_term_can_be_left_out() {
        let (index, body, ..) = index();
        let searcher = index.reader().unwrap().searcher();
        let g = |max| Group::term(Term::from_field_text(body, "bail"), 1.0).unless_more_than(max);
        assert!(!top(&searcher, &[g(100)], &[], 10).unwrap().is_empty());
        assert!(top(&searcher, &[g(1)], &[], 10).unwrap().is_empty());
    }
}
