//! Page decoding: `ingest::page::decode` (BOM, UTF-8, else detected encoding; errors for binary).
//!
//! Properties: arbitrary bytes in, never a panic; the result is an owned `String` (valid UTF-8 by
//! construction) with no NUL; an encoding is named; valid UTF-8 without a BOM comes back unchanged.
#![no_main]

use fatiao::ingest::page::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match decode(data) {
        Ok((text, encoding)) => {
            assert!(!encoding.is_empty());
            assert!(!text.contains('\0'));
            assert!(std::str::from_utf8(text.as_bytes()).is_ok());
            let has_bom = encoding_rs_bom(data);
            if !has_bom {
                if let Ok(s) = std::str::from_utf8(data) {
                    assert_eq!(text, s);
                    assert_eq!(encoding, "UTF-8");
                }
            }
        }
        Err(e) => assert!(!e.is_empty()),
    }
});

fn encoding_rs_bom(data: &[u8]) -> bool {
    data.starts_with(b"\xEF\xBB\xBF")
        || data.starts_with(b"\xFF\xFE")
        || data.starts_with(b"\xFE\xFF")
}
