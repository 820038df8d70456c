//! PDF: the text layer.
//!
//! Text is extracted with [pdf-extract] (built on lopdf), which decodes fonts' ToUnicode maps
//! and standard encodings and lays characters out by position: a vertical move starts a new
//! line and a horizontal gap inserts a space, so a statute set one provision per line keeps
//! its markers at line starts. Encrypted PDFs that open with the empty password (most
//! "protected" gazette PDFs) are decrypted; others are an error.
//!
//! A PDF without a text layer (a scan) yields no text, and that is an error that says so:
//! OCR is out of agentlaw's scope. Text that comes out garbled (fonts without a Unicode
//! mapping give symbols or private-use characters) is refused by the same plausibility check
//! as decoded text files. Typographic ligatures (`ﬁ`, `ﬂ`…) are expanded, so that words such
//! as "ﬁnancing" match. Words hyphenated across lines stay hyphenated; multi-column layouts
//! and running headers or footers come out as the PDF orders them.
//!
//! pdf-extract can panic on malformed files; the panic is caught here and reported as an
//! error for this file alone (the default panic hook still prints it to standard error).
//!
//! [pdf-extract]: https://docs.rs/pdf-extract

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::Extracted;
use crate::load::decode;
use crate::load::frontmatter::MetaFields;

/// The error for a PDF that has pages but no text.
pub const NO_TEXT_LAYER: &str = "PDF has no text layer (scanned image?); OCR it first";

/// Extracts the text layer of a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err("not a PDF file (no %PDF header)".into());
    }
    let raw = match catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    })) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return Err(format!("cannot read the PDF: {e}")),
        Err(p) => {
            let why = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            return Err(format!(
                "cannot read the PDF: the PDF reader failed ({why}); the file may be damaged"
            ));
        }
    };
    let text = normalise(&raw);
    if text.trim().is_empty() {
        return Err(NO_TEXT_LAYER.into());
    }
    decode::check_plausible(&text, "extracted from the PDF")?;
    Ok(Extracted {
        text,
        encoding: "PDF text layer".into(),
        warnings: Vec::new(),
        meta: MetaFields::default(),
    })
}

/// Expands ligatures, drops form feeds and trailing spaces, and removes blank lines at the
/// start.
fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        for c in line.chars() {
            match c {
                '\u{FB00}' => out.push_str("ff"),
                '\u{FB01}' => out.push_str("fi"),
                '\u{FB02}' => out.push_str("fl"),
                '\u{FB03}' => out.push_str("ffi"),
                '\u{FB04}' => out.push_str("ffl"),
                '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
                '\u{000C}' => {}
                c => out.push(c),
            }
        }
        let kept = out.trim_end_matches([' ', '\t']).len();
        out.truncate(kept);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_spacing() {
        assert_eq!(
            normalise("\n\n\u{FB01}nancing  \nx\u{000C}\n"),
            "financing\nx\n"
        );
    }

    #[test]
    fn not_a_pdf() {
        assert!(
            extract(b"hello")
                .expect_err("no header")
                .contains("not a PDF")
        );
        let e = extract(b"%PDF-1.4\ngarbage").expect_err("damaged");
        assert!(e.starts_with("cannot read the PDF"), "{e}");
    }
}
