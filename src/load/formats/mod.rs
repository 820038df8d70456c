//! Input formats: turning a file's bytes into the plain text the segmenter and the matcher
//! work on.
//!
//! The format is chosen by extension ([`Format::of`]): `.html`/`.htm`/`.xhtml` ([`html`]),
//! `.docx` ([`docx`]), `.pdf` ([`pdf`]), `.akn` and Akoma Ntoso `.xml` ([`akn`]), and
//! everything else as text ([`crate::load::decode`]). Each extractor returns an
//! [`Extracted`]: the text, laid out one paragraph or provision per line so that markers such
//! as `Article 2` or `(a)` stand at line starts, the encoding it was read in, warnings, and
//! any metadata the document itself carries (an HTML `lang`, Akoma Ntoso FRBR data), which
//! front matter and `laws.toml` override.
//!
//! **Offsets.** For these formats the law's text *is* the extracted text: findings' lines,
//! columns, byte spans and quotes refer to it, not to the bytes of the file (which for DOCX
//! and PDF are compressed anyway). The SHA-256 recorded in the report is still that of the
//! file. Front matter is only recognised in text files.

pub mod akn;
pub mod docx;
pub mod html;
pub mod pdf;

use std::path::Path;

use encoding_rs::Encoding;

use super::decode;
use super::frontmatter::MetaFields;

/// A format agentlaw reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown.
    Text,
    /// HTML.
    Html,
    /// Office Open XML word-processing document.
    Docx,
    /// PDF with a text layer.
    Pdf,
    /// Akoma Ntoso XML (`.akn`, or `.xml` with an `akomaNtoso` root).
    AkomaNtoso,
}

impl Format {
    /// The format of a file, by extension (case-insensitive).
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "akn" | "xml" => Format::AkomaNtoso,
            _ => Format::Text,
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Pdf => "PDF",
            Format::AkomaNtoso => "Akoma Ntoso",
        }
    }
}

/// The text of a document and what is known about how it was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The text, one line per paragraph or provision.
    pub text: String,
    /// The encoding the text was decoded from (`UTF-8`, `windows-1251`…), or
    /// `PDF text layer` for PDFs.
    pub encoding: String,
    /// Things the reader should know (unsure encoding detection, unreproduced numbering…).
    pub warnings: Vec<String>,
    /// Metadata the document carries itself.
    pub meta: MetaFields,
}

/// Extracts the text of a file in `format`. `declared` is the encoding a `laws.toml`
/// entry declares; it applies to text, HTML and XML, and is ignored with a warning for
/// DOCX and PDF, whose text is not in a declarable encoding.
pub fn extract(
    format: Format,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Extracted, String> {
    let mut extracted = match format {
        Format::Text => {
            let d = decode::decode(bytes, declared)?;
            Extracted {
                text: d.text,
                encoding: d.encoding.to_string(),
                warnings: d.warnings,
                meta: MetaFields::default(),
            }
        }
        Format::Html => html::extract(bytes, declared)?,
        Format::Docx => docx::extract(bytes)?,
        Format::Pdf => pdf::extract(bytes)?,
        Format::AkomaNtoso => akn::extract(bytes, declared)?,
    };
    if let (Some(d), Format::Docx | Format::Pdf) = (declared, format) {
        extracted.warnings.push(format!(
            "the `encoding = \"{}\"` declared in laws.toml does not apply to {} files and was ignored",
            d.name(),
            format.name()
        ));
    }
    Ok(extracted)
}
