//! The pinyin-damage repair, measured against the reference repair of seed 004 (a test oracle only)
//! and on a second text damaged the same way by a simulator.

mod common;

use fatiao::ingest::repair::{repair, DAMAGED};

/// A file of ../shared (the seed page and its reference repair).
fn shared(root: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(root.join("..").join(path)).unwrap()
}

/// Characters of `a` matched in order in `b` (longest common subsequence), over the longer length.
fn accuracy(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev = vec![0u32; b.len() + 1];
    for &x in &a {
        let mut cur = vec![0u32; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

#[test]
fn seed_004_is_repaired_from_its_damaged_bytes() {
    let Some(root) = common::national_corpus("seed_004_is_repaired_from_its_damaged_bytes") else {
        return;
    };
    let damaged = shared(&root, "corpus/seeds/004_dac0eeb394e51c84.txt");
    let reference = shared(&root, "notes/seed-004-repaired.txt");
    let (fixed, report) = repair(&damaged);
    let acc = accuracy(&fixed, &reference);
    assert!(acc >= 0.985, "character accuracy {acc:.4}");
    assert!(
        !fixed.contains("(zhí)") && !fixed.contains("(guān)"),
        "annotations removed"
    );
    assert!(
        !fixed.contains("br/>") && !fixed.contains("/p>"),
        "HTML fragments removed"
    );
    assert!(
        fixed.matches('?').count() <= 1,
        "{} question marks left",
        fixed.matches('?').count()
    );
    assert!(fixed.contains("取保候審的條件與執行"));
    assert!(fixed.contains("被取保候審人為未成年人的,收取保證金數額原則上為五百元至三千元"));
    assert!(report.annotations_removed >= 240, "{report:?}");
    assert!(report.spans_repaired >= 45, "{report:?}");
    // what is left damaged is marked, never dropped
    assert_eq!(fixed.matches(DAMAGED).count(), report.spans_damaged);
}

/// Damages a traditional text the way seed 004 was damaged: GBK-encode it, insert `(pinyin)` after
/// every occurrence of the byte pair of an annotated character at any byte offset, then decode
/// with a decoder that swallows a lead byte and a following `(` into one `?`.
fn damage(text: &str, annotated: &[(char, &str)]) -> String {
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let mut b: Vec<u8> = bytes.into_owned();
    for (c, py) in annotated {
        let cs = c.to_string();
        let pair: Vec<u8> = encoding_rs::GBK.encode(&cs).0.into_owned();
        let ann = format!("({py})");
        let insert: Vec<u8> = encoding_rs::GBK.encode(&ann).0.into_owned();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if i + 1 < b.len() && b[i] == pair[0] && b[i + 1] == pair[1] {
                out.extend_from_slice(&b[i..i + 2]);
                out.extend_from_slice(&insert);
                i += 2;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        b = out;
    }
    let mut s = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            s.push(b[i] as char);
            i += 1;
        } else if i + 1 < b.len() {
            match encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&b[i..i + 2])
            {
                Some(c) if c.chars().count() == 1 && b[i + 1] >= 0x40 => s.push_str(&c),
                _ => s.push('?'),
            }
            i += 2;
        } else {
            s.push('?');
            i += 1;
        }
    }
    s
}

#[test]
fn a_second_page_damaged_the_same_way() {
    // Traditional sentences of the kind such pages carry (built here, not taken from the corpus).
    let original = "被取保候審人違反應當遵守的規定，執行機關應當及時報告決定機關。\n保證人發現被保證人可能發生違反規定的行為的，應當及時向執行機關報告。\n";
    let damaged = damage(
        original,
        &[
            ('應', "yīng"),
            ('執', "zhí"),
            ('規', "guī"),
            ('發', "fā"),
            ('關', "guān"),
            ('驅', "qū"),
        ],
    );
    assert!(
        damaged.contains("(yīng)") || damaged.contains("yīng)"),
        "the simulator damaged it: {damaged}"
    );
    let (fixed, report) = repair(&damaged);
    let acc = accuracy(&fixed, &original.replace('，', ","));
    assert!(acc >= 0.97, "accuracy {acc:.3}: {fixed}");
    assert!(!fixed.contains("(yīng)"));
    assert!(report.annotations_removed > 0);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut seed = 12345u64;
    for _ in 0..40 {
        let mut s = String::new();
        for _ in 0..30 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pick = (seed >> 33) % 8;
            s.push_str(match pick {
                0 => "?",
                1 => "(qū)",
                2 => "執",
                3 => "br/>",
                4 => "a",
                5 => "?zhí)",
                6 => "\n",
                _ => "審",
            });
        }
        let (out, _) = repair(&s);
        assert!(std::str::from_utf8(out.as_bytes()).is_ok());
    }
}
