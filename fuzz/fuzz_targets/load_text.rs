//! Front matter and segmentation on arbitrary input: the bytes go through the decoder (as a
//! text file's bytes do) and, lossily converted, straight to `Loader::load_text`. Any law
//! that loads must satisfy the segmentation invariants; nothing may panic.

#![no_main]

use std::path::Path;

use agentlaw::load::{Law, Loader, decode};
use libfuzzer_sys::fuzz_target;

fn check(law: &Law) {
    let text = &law.text;
    assert!(law.body_start <= text.len() && text.is_char_boundary(law.body_start));
    // The provisions cover the body contiguously, in order, on character boundaries.
    let mut pos = law.body_start;
    for p in &law.provisions {
        assert_eq!(p.start, pos, "contiguous: {:?}", law.provisions);
        assert!(p.start < p.end && p.end <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(!p.citation.is_empty(), "{p:?}");
        let opened = p.citation.matches('(').count();
        let closed = p.citation.matches(')').count();
        assert_eq!(opened, closed, "balanced: {:?}", p.citation);
        pos = p.end;
    }
    assert_eq!(pos, text.len(), "the provisions reach the end of the text");
    assert!(law.provision_count() >= 1);
    for (i, p) in law.provisions.iter().enumerate() {
        assert_eq!(law.provision_at(p.start), Some(i));
    }
}

fuzz_target!(|data: &[u8]| {
    let loader = Loader::default();
    let lossy = String::from_utf8_lossy(data).into_owned();
    if let Ok(law) = loader.load_text(Path::new("fuzz.txt"), lossy, None) {
        check(&law);
    }
    if let Ok(decoded) = decode::decode(data, None) {
        if let Ok(law) = loader.load_text(Path::new("fuzz.md"), decoded.text, None) {
            check(&law);
        }
    }
});
