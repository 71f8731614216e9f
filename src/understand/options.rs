//! The options of an exam item (A. … B. … C. … D. …) and the stem before them. An item's facts
//! are read from its stem only: the options are alternatives, not what happened (an option
//! 被判处管制的 is not a sentence of 管制).

use std::sync::LazyLock;

use regex::Regex;

/// The stem (the text before the first option) and the options, (letter, text); fewer than two
/// options found, in the order A, B, C …: the whole text and none.
pub fn split(question: &str) -> (&str, Vec<(char, String)>) {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s：:？?。；;（(])([A-DＡ-Ｄ])\s*[.．、:：]").expect("valid regex")
    });
    let marks: Vec<(usize, usize, char)> = MARK
        .captures_iter(question)
        .filter_map(|c| {
            let m = c.get(1)?;
            let letter = match m.as_str().chars().next()? {
                c @ 'A'..='D' => c,
                c => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32)?,
            };
            Some((m.start(), c.get(0)?.end(), letter))
        })
        .collect();
    // the letters in order A, B, C …: anything else is not a list of options
    let in_order = marks
        .iter()
        .enumerate()
        .all(|(i, (_, _, l))| *l as usize == 'A' as usize + i);
    if marks.len() < 2 || !in_order {
        return (question, Vec::new());
    }
    let options = marks
        .iter()
        .enumerate()
        .map(|(i, (_, body, letter))| {
            let end = marks.get(i + 1).map_or(question.len(), |m| m.0);
            (*letter, question[*body..end].trim().to_string())
        })
        .collect();
    (&question[..marks[0].0], options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_in_order() {
        let q = "讯问的最迟时间是：A. 2026年10月2日9时  B. 2026年10月4日9时  C. 法律未规定";
        let (stem, o) = split(q);
        assert_eq!(stem, "讯问的最迟时间是：");
        assert_eq!(o.len(), 3);
        assert_eq!(o[0], ('A', "2026年10月2日9时".to_string()));
        assert_eq!(o[2].1, "法律未规定");
        assert!(split("我在A区住，B栋").1.is_empty());
    }
}
