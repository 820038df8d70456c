//! DOCX (Office Open XML word-processing documents): the text of the main document part.
//!
//! A `.docx` file is a ZIP archive; the text is in `word/document.xml`. Each paragraph
//! (`w:p`) becomes a line; inside it the text runs (`w:t`) are joined, `w:tab` becomes a tab,
//! `w:br` and `w:cr` line breaks, `w:noBreakHyphen` a hyphen. Text that is not shown in the
//! document is left out: deleted revisions (`w:delText`), field instructions
//! (`w:instrText`) and the fallback copy of text boxes (`mc:Fallback`). Table cells hold
//! paragraphs, so every cell's text comes out on lines of its own.
//!
//! **Automatic numbering.** Many laws drafted in Word number their articles and paragraphs
//! with list numbering (`w:numPr`) rather than typed text, and the numbers are then not in
//! the XML at all. agentlaw rebuilds them from `word/numbering.xml` for numbering set
//! directly on the paragraph: the level's `w:lvlText` pattern (`%1.`, `(%2)`, `Article %1`)
//! with `decimal`, letter and roman formats, the level's start value and `w:startOverride`,
//! and deeper levels restarting when a higher one advances. Limitations: numbering inherited
//! from a paragraph *style* (`w:pStyle` whose style has `w:numPr`) is not reproduced, nor are
//! exotic formats (ordinal words, legal-style `w:isLgl`, restarts via `w:lvlRestart`,
//! counters shared between lists of one abstract definition), bullets are dropped, and the
//! number is followed by a space rather than the tab or indent Word shows. A warning says
//! how many paragraphs had numbering that could not be reproduced, so that missing
//! citations can be explained. Headers, footers, footnotes and comments are other parts of
//! the archive and are not read.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::Extracted;
use crate::load::decode;
use crate::load::frontmatter::MetaFields;

/// Parts larger than this once decompressed are refused (a guard against ZIP bombs).
const MAX_PART: u64 = 256 * 1024 * 1024;

/// Extracts the text of a DOCX document.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a DOCX file: not a ZIP archive ({e}); a legacy .doc must be saved as .docx")
    })?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or("not a DOCX file: the archive has no word/document.xml")?;
    let numbering = match read_part(&mut archive, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let (text, unresolved) = document_text(&document, numbering)?;
    let mut warnings = Vec::new();
    if unresolved > 0 {
        warnings.push(format!(
            "{unresolved} paragraph(s) use automatic numbering that could not be reproduced; their numbers are missing from the text, so citations inside them may be incomplete"
        ));
    }
    decode::check_plausible(&text, "extracted from the DOCX")?;
    if text.trim().is_empty() {
        return Err("the DOCX document contains no text".into());
    }
    Ok(Extracted {
        text,
        encoding: "UTF-8".into(),
        warnings,
        meta: MetaFields::default(),
    })
}

/// Reads one XML part of the archive as text, or `None` when it is absent.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the DOCX: {e}")),
    };
    if file.size() > MAX_PART {
        return Err(format!(
            "{name} in the DOCX is {} bytes once decompressed, over the limit of {MAX_PART}",
            file.size()
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name} in the DOCX: {e}"))?;
    let declared = xml_declared_encoding(&bytes);
    let decoded = decode::decode(&bytes, declared).map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(decoded.text))
}

/// The encoding named in an XML declaration (`<?xml version="1.0" encoding="…"?>`), if any.
pub fn xml_declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(200)];
    let head = std::str::from_utf8(head)
        .ok()
        .or_else(|| std::str::from_utf8(&head[..head.iter().position(|b| !b.is_ascii())?]).ok())?;
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let value = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next()?;
    let value = &value[1..];
    let label = &value[..value.find(quote)?];
    encoding_rs::Encoding::for_label(label.as_bytes())
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn xml_error(part: &str, e: impl std::fmt::Display, pos: u64) -> String {
    format!("{part} in the DOCX is not well-formed XML (at byte {pos}): {e}")
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The list definitions of `word/numbering.xml` and the running counters.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstract_levels: BTreeMap<String, BTreeMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    /// numId → counters by ilvl.
    counters: BTreeMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(String, String, BTreeMap<u8, u32>)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error("word/numbering.xml", e, reader.buffer_position()))?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    match e.local_name().as_ref() {
                        b"abstractNum" if !empty => abstract_id = attr(e, b"abstractNumId"),
                        b"lvl" if !empty && abstract_id.is_some() => {
                            let ilvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((
                                ilvl,
                                Level {
                                    start: 1,
                                    format: "decimal".into(),
                                    text: String::new(),
                                },
                            ));
                        }
                        b"start" => {
                            if let (Some((_, l)), Some(v)) = (&mut level, attr(e, b"val")) {
                                l.start = v.parse().unwrap_or(1);
                            }
                        }
                        b"numFmt" => {
                            if let (Some((_, l)), Some(v)) = (&mut level, attr(e, b"val")) {
                                l.format = v;
                            }
                        }
                        b"lvlText" => {
                            if let (Some((_, l)), Some(v)) = (&mut level, attr(e, b"val")) {
                                l.text = v;
                            }
                        }
                        b"num" if !empty => {
                            if let Some(id) = attr(e, b"numId") {
                                num = Some((id, String::new(), BTreeMap::new()));
                            }
                        }
                        b"abstractNumId" => {
                            if let (Some(num), Some(v)) = (&mut num, attr(e, b"val")) {
                                num.1 = v;
                            }
                        }
                        b"lvlOverride" => {
                            override_level = attr(e, b"ilvl").and_then(|v| v.parse().ok());
                        }
                        b"startOverride" => {
                            if let (Some(num), Some(ilvl), Some(v)) =
                                (&mut num, override_level, attr(e, b"val"))
                            {
                                num.2.insert(ilvl, v.parse().unwrap_or(1));
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            n.abstract_levels
                                .entry(id.clone())
                                .or_default()
                                .insert(ilvl, l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => {
                        if let Some((id, abs, overrides)) = num.take() {
                            n.nums.insert(id, (abs, overrides));
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// The number text of the next paragraph in list `num_id` at level `ilvl`; `None` when
    /// the list or level is not defined.
    fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstract_levels.get(abs)?;
        let level = levels.get(&ilvl)?;
        let start_of = |i: u8| {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(&i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        let i = usize::from(ilvl.min(8));
        counters[i] = Some(counters[i].map_or_else(|| start_of(ilvl), |c| c + 1));
        for c in counters.iter_mut().skip(i + 1) {
            *c = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return Some(String::new());
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d.max(1) - 1) as u8;
                    let value = counters[usize::from(k.min(8))].unwrap_or_else(|| start_of(k));
                    let format = levels.get(&k).map_or("decimal", |l| l.format.as_str());
                    out.push_str(&format_number(value, format));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            // a … z, aa … zz, as Word counts past z.
            let n = n.max(1) - 1;
            let letter = (b'a' + (n % 26) as u8) as char;
            let s = letter.to_string().repeat(n as usize / 26 + 1);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            s.push_str(numeral);
            n -= value;
        }
    }
    s
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: u8,
}

/// The text of `word/document.xml`, and the number of numbered paragraphs whose number
/// could not be reproduced.
fn document_text(xml: &str, mut numbering: Numbering) -> Result<(String, usize), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut in_text = false;
    let mut in_ppr = 0usize;
    let mut fallback = 0usize;
    let mut unresolved = 0usize;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error("word/document.xml", e, reader.buffer_position()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                if name.as_ref() == b"Fallback" && !empty {
                    fallback += 1;
                }
                if fallback > 0 {
                    continue;
                }
                match name.as_ref() {
                    b"p" => {
                        paras.push(Para::default());
                        if empty {
                            out.push('\n');
                            paras.pop();
                        }
                    }
                    b"pPr" if !empty => in_ppr += 1,
                    b"numId" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = attr(e, b"val");
                        }
                    }
                    b"ilvl" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    b"t" if !empty => in_text = true,
                    b"tab" if in_ppr == 0 => push(&mut paras, &mut out, "\t"),
                    b"br" | b"cr" if in_ppr == 0 => push(&mut paras, &mut out, "\n"),
                    b"noBreakHyphen" => push(&mut paras, &mut out, "-"),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name();
                if name.as_ref() == b"Fallback" {
                    fallback = fallback.saturating_sub(1);
                    continue;
                }
                if fallback > 0 {
                    continue;
                }
                match name.as_ref() {
                    b"t" => in_text = false,
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    b"p" => {
                        if let Some(p) = paras.pop() {
                            let number = match p.num_id.as_deref() {
                                None | Some("0") => String::new(),
                                Some(id) => match numbering.next(id, p.ilvl) {
                                    Some(n) => n,
                                    None => {
                                        unresolved += 1;
                                        String::new()
                                    }
                                },
                            };
                            if !number.is_empty() {
                                out.push_str(&number);
                                if !p.text.is_empty() {
                                    out.push(' ');
                                }
                            }
                            out.push_str(p.text.trim_end_matches([' ', '\t']));
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && fallback == 0 => {
                let s = t
                    .xml10_content()
                    .map_err(|e| xml_error("word/document.xml", e, reader.buffer_position()))?;
                push(&mut paras, &mut out, &s);
            }
            Event::GeneralRef(ref r) if in_text && fallback == 0 => {
                let s = resolve_ref(r)
                    .map_err(|e| xml_error("word/document.xml", e, reader.buffer_position()))?;
                push(&mut paras, &mut out, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, unresolved))
}

/// Resolves a character reference or one of XML's five predefined entities.
pub fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

fn push(paras: &mut [Para], out: &mut String, s: &str) {
    match paras.last_mut() {
        Some(p) => p.text.push_str(s),
        None => out.push_str(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_formats_and_restarts() {
        let xml = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
            </w:numbering>"#;
        let mut n = Numbering::parse(xml).expect("parses");
        assert_eq!(n.next("3", 0).as_deref(), Some("Article 4."));
        assert_eq!(n.next("3", 1).as_deref(), Some("(a)"));
        assert_eq!(n.next("3", 1).as_deref(), Some("(b)"));
        assert_eq!(n.next("3", 0).as_deref(), Some("Article 5."));
        assert_eq!(n.next("3", 1).as_deref(), Some("(a)"));
        assert_eq!(n.next("9", 0), None);
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
    }

    #[test]
    fn xml_declaration_encoding() {
        assert_eq!(
            xml_declared_encoding(b"<?xml version=\"1.0\" encoding='windows-1251'?><a/>"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(xml_declared_encoding(b"<a/>"), None);
    }
}
