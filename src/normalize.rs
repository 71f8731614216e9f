//! Text normalisation for indexing and matching, with an offset map back to the original text.
//!
//! Traditional → simplified (character by character, with fast2s's context rules), full-width ASCII →
//! half-width, ideographic space → space, zero-width characters removed. The original text is kept
//! for display; [`Normalized::original_offset`] maps a byte offset in the normalised text back to the
//! original, so that highlights computed on the normalised form land on the right characters.

/// Characters removed entirely.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Full-width ASCII and the ideographic space to their half-width forms.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Normalised text and where each of its bytes came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    offsets: Offsets,
    original_len: usize,
}

/// Where the characters of a normalised text came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Offsets {
    /// The text needed no change (most statute texts): every offset is its own.
    #[default]
    Same,
    /// For each char of the text (by index), the byte offset of its source char in the original
    /// (`starts`) and its own byte offset (`byte_pos`).
    Mapped {
        starts: Vec<usize>,
        byte_pos: Vec<usize>,
    },
}

impl Normalized {
    /// Maps a byte offset of the normalised text (a char boundary, or its length) to the original.
    pub fn original_offset(&self, byte: usize) -> usize {
        let Offsets::Mapped { starts, byte_pos } = &self.offsets else {
            return byte.min(self.original_len);
        };
        match byte_pos.binary_search(&byte) {
            Ok(i) => starts[i],
            Err(i) if i >= byte_pos.len() => self.original_len,
            Err(i) => starts[i],
        }
    }

    /// Maps a normalised byte range to the original text's byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original_offset(start), self.original_offset(end))
    }
}

/// Normalises `s` (see module docs), keeping the offset map.
pub fn normalize(s: &str) -> Normalized {
    let simplified = to_simplified(s);
    map_chars(s, &simplified)
}

/// [`normalize`] for a text known to be in simplified characters already (the statutes): widths
/// and zero-width characters only, without the per-character conversion table.
pub fn normalize_simplified(s: &str) -> Normalized {
    map_chars(s, s)
}

/// The normalised text of `s`, whose simplified form (one char for one char) is `simplified`.
fn map_chars(s: &str, simplified: &str) -> Normalized {
    // Most texts need no change at all: no offset table then (a search's snippets of statute
    // texts spent a tenth of its time building one).
    let unchanged = s.len() == simplified.len()
        && s.chars()
            .zip(simplified.chars())
            .all(|(o, simp)| o == simp && !is_zero_width(o) && half_width(o) == o);
    if unchanged {
        return Normalized {
            text: s.to_string(),
            offsets: Offsets::Same,
            original_len: s.len(),
        };
    }
    let mut text = String::with_capacity(s.len());
    let mut starts = Vec::with_capacity(s.len() / 2);
    let mut byte_pos = Vec::with_capacity(s.len() / 2);
    for ((pos, orig), simp) in s.char_indices().zip(simplified.chars()) {
        if is_zero_width(orig) {
            continue;
        }
        starts.push(pos);
        byte_pos.push(text.len());
        text.push(half_width(simp));
    }
    Normalized {
        text,
        offsets: Offsets::Mapped { starts, byte_pos },
        original_len: s.len(),
    }
}

/// The normalised text only.
pub fn normalize_str(s: &str) -> String {
    normalize(s).text
}

/// Traditional → simplified, one char for one char (the char count never changes).
pub fn to_simplified(s: &str) -> String {
    let out = fast2s::convert(s);
    debug_assert_eq!(out.chars().count(), s.chars().count());
    out
}

/// Whether a text is mostly traditional characters: more than 10% of its convertible CJK
/// characters change under traditional → simplified.
pub fn is_traditional(s: &str) -> bool {
    let simplified = to_simplified(s);
    let mut cjk = 0usize;
    let mut changed = 0usize;
    for (a, b) in s.chars().zip(simplified.chars()) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&a) {
            cjk += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    cjk > 0 && changed * 10 > cjk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_to_simplified_keeps_offsets() {
        let s = "取保候審保證金，ＡＢ\u{200B}條";
        let n = normalize(s);
        assert_eq!(n.text, "取保候审保证金,AB条");
        // 保证金 in the normalised text maps to 保證金 in the original
        let start = n.text.find("保证金").unwrap();
        let end = start + "保证金".len();
        let (a, b) = n.original_range(start, end);
        assert_eq!(&s[a..b], "保證金");
        // the last char, after a removed zero-width space
        let last = n.text.find('条').unwrap();
        let (a, b) = n.original_range(last, n.text.len());
        assert_eq!(&s[a..b], "條");
    }

    #[test]
    fn an_unchanged_text_maps_every_offset_to_itself() {
        let s = "取保候审12个月、保证金。";
        let n = normalize(s);
        assert_eq!(n.text, s);
        for (i, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            assert_eq!(n.original_offset(i), i);
        }
        // one full-width digit and the whole text is mapped, offsets shifted past it
        let s = "期限１２个月";
        let n = normalize_simplified(s);
        assert_eq!(n.text, "期限12个月");
        let at = n.text.find('个').unwrap();
        assert_eq!(&s[n.original_offset(at)..], "个月");
    }

    #[test]
    fn detects_traditional() {
        assert!(is_traditional("取保候審的條件與執行"));
        assert!(!is_traditional("取保候审的条件与执行"));
        assert!(!is_traditional("hello"));
    }
}
