//! Akoma Ntoso (OASIS LegalDocML) XML: the law's text, with its structure rendered as the
//! marker lines the segmenter reads.
//!
//! Akoma Ntoso marks structure explicitly: `<article><num>1</num><heading>Scope</heading>
//! <paragraph><num>1.</num><content><p>…</p></content></paragraph></article>`. Rather than
//! giving the segmenter a second input path, the structure is written out as a drafter would
//! type it, so citations come out exactly as for a text file:
//!
//! * containers (`book`, `part`, `title`, `chapter`, `subchapter`, `division`,
//!   `subdivision`) and units (`article`, `section`, `rule`) become one line,
//!   `Article 1 – Scope`. A bare number (`1`, `IV`) gets the element's English word;
//!   a number that already carries its word (`Статья 5.`, `მუხლი 8`, `§ 612.`) is kept.
//! * subdivisions (`paragraph`, `subparagraph`, `point`, `indent`, `alinea`, `clause`,
//!   `subsection`, `item`, `level`…) start a line with their number, followed on the same
//!   line by their first text: `1. This Law…`, `(a) any person…`. A bare number or letter
//!   is put in brackets, `(1)`, so that it reads as a marker.
//! * `p`, `intro`, `wrapUp`, `heading`, `tr`, `eol` and the like end lines; other elements
//!   are inline. White space collapses as in HTML.
//!
//! Left out: `<meta>` (read only for metadata), `<toc>` (its entries would look like
//! provisions), `<authorialNote>` and `<noteRef>` (footnotes would land inside sentences).
//! From `<meta>`, the work's `FRBRcountry`, the year of its `FRBRdate` and the expression's
//! `FRBRlanguage` (ISO 639-2 codes such as `eng` are mapped to `en`) are offered as metadata.
//!
//! `.akn` files are always read as Akoma Ntoso. `.xml` files are read when their root
//! element is `akomaNtoso` (see [`sniff`]); discovery skips other XML files in folders, and
//! a non-Akoma-Ntoso XML file named explicitly is an error.

use quick_xml::events::{BytesStart, Event};

use super::Extracted;
use super::docx::{resolve_ref, xml_declared_encoding};
use crate::load::decode;
use crate::load::frontmatter::{MetaFields, is_jurisdiction};

const CONTAINERS: &[(&str, &str)] = &[
    ("book", "Book"),
    ("part", "Part"),
    ("title", "Title"),
    ("chapter", "Chapter"),
    ("subchapter", "Subchapter"),
    ("division", "Division"),
    ("subdivision", "Subdivision"),
    ("article", "Article"),
    ("section", "Section"),
    ("rule", "Rule"),
];

const SUBDIVISIONS: &[&str] = &[
    "paragraph",
    "subparagraph",
    "point",
    "indent",
    "alinea",
    "clause",
    "subclause",
    "subsection",
    "item",
    "level",
    "proviso",
    "subrule",
    "list",
    "sublist",
    "transitional",
];

const BLOCKS: &[&str] = &[
    "p",
    "content",
    "intro",
    "wrapUp",
    "heading",
    "subheading",
    "num",
    "preface",
    "preamble",
    "body",
    "mainBody",
    "conclusions",
    "attachments",
    "attachment",
    "blockList",
    "blockContainer",
    "container",
    "tblock",
    "formula",
    "citations",
    "citation",
    "recitals",
    "recital",
    "longTitle",
    "table",
    "tr",
    "ul",
    "ol",
    "li",
    "signature",
    "eop",
];

const SKIPPED: &[&str] = &["meta", "toc", "authorialNote", "noteRef"];

/// True when `bytes` look like an XML document whose root element is `akomaNtoso`.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    root_name(head.trim_start_matches('\u{feff}')).is_some_and(|r| r == "akomaNtoso")
}

fn root_name(xml: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Extracts the text of an Akoma Ntoso document.
pub fn extract(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<Extracted, String> {
    let decoded = decode::decode(bytes, declared.or_else(|| xml_declared_encoding(bytes)))?;
    let xml = decoded.text.as_str();
    match root_name(xml) {
        Some(r) if r == "akomaNtoso" => {}
        Some(r) => {
            return Err(format!(
                "XML file is not Akoma Ntoso (its root element is <{r}>, not <akomaNtoso>)"
            ));
        }
        None => return Err("not an XML document (no root element found)".into()),
    }
    let (text, meta) = render(xml)?;
    if text.trim().is_empty() {
        return Err("the Akoma Ntoso document contains no text".into());
    }
    decode::check_plausible(&text, "extracted from the Akoma Ntoso XML")?;
    Ok(Extracted {
        text,
        encoding: decoded.encoding.to_string(),
        warnings: decoded.warnings,
        meta,
    })
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// Maps ISO 639-2 codes (as FRBRlanguage uses) to the two-letter tags rule sets use.
fn language_tag(code: &str) -> Option<String> {
    const MAP: &[(&str, &str)] = &[
        ("eng", "en"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("deu", "de"),
        ("ger", "de"),
        ("rus", "ru"),
        ("kat", "ka"),
        ("geo", "ka"),
        ("ukr", "uk"),
        ("hun", "hu"),
        ("slk", "sk"),
        ("slo", "sk"),
        ("ces", "cs"),
        ("cze", "cs"),
        ("pol", "pl"),
        ("srp", "sr"),
        ("hrv", "hr"),
        ("bos", "bs"),
        ("ron", "ro"),
        ("rum", "ro"),
        ("bul", "bg"),
        ("ita", "it"),
        ("spa", "es"),
        ("por", "pt"),
        ("nld", "nl"),
        ("dut", "nl"),
        ("hye", "hy"),
        ("arm", "hy"),
        ("aze", "az"),
        ("kaz", "kk"),
        ("kir", "ky"),
        ("bel", "be"),
        ("ell", "el"),
        ("gre", "el"),
        ("tur", "tr"),
        ("mkd", "mk"),
        ("mac", "mk"),
        ("slv", "sl"),
    ];
    let code = code.trim().to_ascii_lowercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(code);
    }
    MAP.iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| (*two).to_string())
}

/// The text being written.
#[derive(Default)]
struct Writer {
    out: String,
    space: bool,
    /// The next block start does not break the line (after a subdivision's number).
    glue: bool,
    /// A unit or container number was just written; a `<heading>` joins its line.
    after_unit_num: bool,
}

impl Writer {
    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.at_line_start() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            self.space = false;
            self.glue = false;
            self.out.push(c);
        }
    }

    fn line_break(&mut self) {
        if self.glue {
            return;
        }
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
        self.space = false;
        if !self.at_line_start() {
            self.out.push('\n');
        }
    }
}

/// Renders the number of a hierarchical element as a marker.
fn marker(element: &str, num: &str) -> (String, bool) {
    let num = num.trim();
    if let Some((_, word)) = CONTAINERS.iter().find(|(e, _)| *e == element) {
        let bare = num.trim_end_matches('.');
        let is_number = !bare.is_empty()
            && (bare.chars().next().is_some_and(|c| c.is_ascii_digit())
                || bare.chars().all(|c| "IVXLCDM".contains(c)));
        let line = if is_number {
            format!("{word} {bare}")
        } else {
            num.to_string()
        };
        return (line, true);
    }
    let bare = !num.is_empty() && num.chars().all(char::is_alphanumeric);
    (
        if bare {
            format!("({num})")
        } else {
            num.to_string()
        },
        false,
    )
}

fn render(xml: &str) -> Result<(String, MetaFields), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut w = Writer::default();
    let mut meta = MetaFields::default();
    let mut stack: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_work = false;
    let mut num: Option<String> = None;
    let err = |e: &dyn std::fmt::Display, pos: u64| {
        format!("the Akoma Ntoso XML is not well-formed (at byte {pos}): {e}")
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| err(&e, reader.buffer_position()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                // Metadata, read wherever it is (it sits in the skipped <meta>).
                match name.as_str() {
                    "FRBRWork" => in_work = !empty,
                    "FRBRcountry" if meta.jurisdiction.is_none() => {
                        meta.jurisdiction = attr(e, b"value")
                            .map(|v| v.to_ascii_uppercase())
                            .filter(|v| is_jurisdiction(v));
                    }
                    "FRBRdate" if in_work && meta.year.is_none() => {
                        meta.year = attr(e, b"date")
                            .and_then(|d| d.get(..4).and_then(|y| y.parse().ok()))
                            .filter(|y| (1000..=9999).contains(y));
                    }
                    "FRBRlanguage" if meta.language.is_none() => {
                        meta.language = attr(e, b"language").and_then(|l| language_tag(&l));
                    }
                    _ => {}
                }
                if skip_depth > 0 || SKIPPED.contains(&name.as_str()) {
                    if !empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                if w.after_unit_num {
                    w.after_unit_num = false;
                    if name == "heading" {
                        w.out.push_str(" – ");
                        w.glue = true;
                    } else {
                        w.glue = false;
                        w.line_break();
                    }
                }
                if name == "num" && !empty {
                    w.glue = false;
                    w.line_break();
                    num = Some(String::new());
                } else if name == "eol" || name == "br" {
                    w.glue = false;
                    w.line_break();
                } else if BLOCKS.contains(&name.as_str())
                    || SUBDIVISIONS.contains(&name.as_str())
                    || CONTAINERS.iter().any(|(c, _)| *c == name)
                {
                    w.line_break();
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "FRBRWork" {
                    in_work = false;
                }
                stack.pop();
                if name == "num" {
                    if let Some(n) = num.take() {
                        let parent = stack.last().map_or("", String::as_str);
                        let (line, unit) = marker(parent, &n);
                        w.text(&line);
                        w.text(" ");
                        if unit {
                            w.after_unit_num = true;
                        }
                        w.glue = true;
                    }
                    continue;
                }
                if w.after_unit_num && name != "heading" {
                    w.after_unit_num = false;
                    w.glue = false;
                }
                if name == "heading" {
                    w.glue = false;
                }
                if BLOCKS.contains(&name.as_str())
                    || SUBDIVISIONS.contains(&name.as_str())
                    || CONTAINERS.iter().any(|(c, _)| *c == name)
                {
                    w.glue = false;
                    w.line_break();
                }
            }
            Event::Text(ref t) if skip_depth == 0 => {
                let s = t
                    .xml10_content()
                    .map_err(|e| err(&e, reader.buffer_position()))?;
                match &mut num {
                    Some(n) => n.push_str(&s),
                    None if w.after_unit_num && s.trim().is_empty() => {}
                    None => w.text(&s),
                }
            }
            Event::CData(ref t) if skip_depth == 0 => {
                let s = String::from_utf8_lossy(t.as_ref()).into_owned();
                match &mut num {
                    Some(n) => n.push_str(&s),
                    None => w.text(&s),
                }
            }
            Event::GeneralRef(ref r) if skip_depth == 0 => {
                let s = resolve_ref(r).map_err(|e| err(&e, reader.buffer_position()))?;
                match &mut num {
                    Some(n) => n.push_str(&s),
                    None => w.text(&s),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    w.glue = false;
    w.line_break();
    Ok((w.out.trim_start_matches('\n').to_string(), meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker("article", "1."), ("Article 1".into(), true));
        assert_eq!(marker("chapter", "IV"), ("Chapter IV".into(), true));
        assert_eq!(marker("article", "Статья 5."), ("Статья 5.".into(), true));
        assert_eq!(marker("paragraph", "2"), ("(2)".into(), false));
        assert_eq!(marker("point", "b)"), ("b)".into(), false));
        assert_eq!(language_tag("eng").as_deref(), Some("en"));
        assert_eq!(language_tag("xyz"), None);
    }

    #[test]
    fn sniffs_the_root() {
        assert!(sniff(
            b"<?xml version=\"1.0\"?>\n<!-- c --><akomaNtoso xmlns=\"x\"><act/></akomaNtoso>"
        ));
        assert!(sniff(b"<an:akomaNtoso xmlns:an=\"x\"/>"));
        assert!(!sniff(b"<?xml version=\"1.0\"?><rss/>"));
    }
}
