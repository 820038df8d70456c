//! The quantity extractors on arbitrary text, in each language: spans must lie on character
//! boundaries inside the text, quote it exactly, and be sorted without overlaps.

#![no_main]

use agentlaw::extract::{Options, extract};
use libfuzzer_sys::fuzz_target;

const LANGUAGES: &[&str] = &["en", "fr", "ru", "ka", "hu", "sr", "sk", "und"];
const CURRENCIES: &[Option<&str>] = &[None, Some("EUR"), Some("CAD"), Some("RUB"), Some("GEL")];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let options = Options {
        language: LANGUAGES[usize::from(selector) % LANGUAGES.len()],
        default_currency: CURRENCIES[usize::from(selector / 8) % CURRENCIES.len()],
        units: &[],
    };
    let found = extract(&text, &options);
    let mut last_end = 0;
    for q in &found {
        assert!(q.start < q.end && q.end <= text.len(), "{q:?}");
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert_eq!(q.text, &text[q.start..q.end]);
        assert!(q.start >= last_end, "sorted, no overlap: {found:?}");
        last_end = q.end;
    }
    assert_eq!(found, extract(&text, &options), "deterministic");
});
