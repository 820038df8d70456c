//! The document extractors (HTML, Akoma Ntoso, DOCX) on arbitrary bytes, followed by loading
//! the extracted text: errors are fine, panics are not. (PDF is left out: `pdf-extract`
//! panics on many malformed files; the pipeline contains such panics with `catch_unwind`.)

#![no_main]

use std::path::Path;

use agentlaw::load::Loader;
use agentlaw::load::formats::{Format, extract};
use libfuzzer_sys::fuzz_target;

const FORMATS: &[Format] = &[Format::Html, Format::AkomaNtoso, Format::Docx, Format::Text];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    if let Ok(extracted) = extract(format, bytes, None) {
        if let Ok(law) = Loader::default().load_text(Path::new("doc"), extracted.text, None) {
            assert!(
                law.provisions
                    .last()
                    .is_some_and(|p| p.end == law.text.len())
            );
        }
    }
});
