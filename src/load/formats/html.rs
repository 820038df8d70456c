//! HTML: the visible text, laid out in lines so that provisions still segment.
//!
//! Gazettes and parliament sites publish laws as HTML, often old pages in a legacy encoding.
//!
//! * **Encoding**: a byte-order mark wins, then an encoding declared in `laws.toml`, then the
//!   page's own `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">`
//!   (looked for in the first 1024 bytes, as browsers do), then detection. A page whose
//!   `<meta>` claims an encoding its bytes do not fit is decoded by detection instead, with a
//!   warning, since such pages are common; a `laws.toml` declaration that does not fit is an
//!   error.
//! * **Parsing**: html5ever's tokenizer (the WHATWG tokenizer Servo uses) reads tags and
//!   decodes character references (`&amp;`, `&nbsp;`, `&#1057;`). Only the tokenizer is used,
//!   not the tree builder: text extraction needs no DOM, and the tokenizer is switched to raw
//!   text inside `<script>`, `<style>`, `<title>` and similar elements exactly as the tree
//!   builder would switch it.
//! * **What is dropped**: the contents of `script`, `style`, `title`, `template`, `noscript`,
//!   `textarea`, `iframe`, `object`, `svg`, and of elements with a `hidden` attribute or an
//!   inline `display:none` style (except elements such as `p` or `li` whose end tag may be
//!   omitted: without a tree builder their end cannot be found reliably); comments. (Text in `<head>` other than these is kept, because a
//!   page that forgets `</head>` has its body there.)
//! * **Lines**: white space collapses as in a browser (`<pre>` keeps its own), no-break
//!   spaces become plain spaces, and block elements (`p`, `div`, `li`, `tr`, `h1`–`h6`,
//!   `table`, `blockquote`…) and `<br>` end lines. A heading is preceded by a blank line,
//!   so that it can become the heading of the provision that follows; table cells are
//!   separated by tabs.
//!
//! The `lang` attribute of `<html>` is offered as the law's language.

use std::cell::RefCell;

use encoding_rs::Encoding;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::Extracted;
use crate::load::decode;
use crate::load::frontmatter::{MetaFields, is_language};

/// Extracts the visible text of an HTML page.
pub fn extract(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Extracted, String> {
    let mut warnings = Vec::new();
    let decoded = match (declared, meta_charset(bytes)) {
        (Some(d), _) => decode::decode(bytes, Some(d))?,
        (None, Some(m)) => match decode::decode(bytes, Some(m)) {
            Ok(d) => d,
            Err(e) => {
                let d = decode::decode(bytes, None)?;
                warnings.push(format!(
                    "the page declares {} in <meta>, but {e}; decoded as {} (detected) instead",
                    m.name(),
                    d.encoding
                ));
                d
            }
        },
        (None, None) => decode::decode(bytes, None)?,
    };
    let (text, lang) = visible_text(&decoded.text);
    warnings.extend(decoded.warnings);
    let meta = MetaFields {
        language: lang.filter(|l| is_language(l)),
        ..MetaFields::default()
    };
    Ok(Extracted {
        text,
        encoding: decoded.encoding.to_string(),
        warnings,
        meta,
    })
}

/// The encoding named by a `<meta>` tag in the first 1024 bytes, if any.
///
/// A simplified form of the HTML "prescan": it looks for `charset` inside `<meta …>` tags,
/// which covers both `<meta charset="…">` and the `http-equiv` form. As in browsers, a page
/// that names UTF-16 here is read as UTF-8 (had it been UTF-16, the ASCII scan could not
/// have found the tag).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut rest = &head[..];
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|b| *b == b'>').unwrap_or(tag.len());
        let tag_body = &tag[..end];
        if let Some(p) = find(tag_body, b"charset") {
            let after = &tag_body[p + 7..];
            let after = trim_ascii_start(after);
            if let Some(value) = after.strip_prefix(b"=") {
                let value = trim_ascii_start(value);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(value.len());
                if let Some(enc) = Encoding::for_label(&value[..len]) {
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else if enc == encoding_rs::X_USER_DEFINED {
                            encoding_rs::WINDOWS_1252
                        } else {
                            enc
                        },
                    );
                }
            }
        }
        rest = &tag[end.min(tag.len())..];
        if rest.len() == tag.len() {
            rest = &rest[1..];
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// Elements whose content is never shown.
const SKIPPED: &[&str] = &[
    "script", "style", "title", "template", "noscript", "textarea", "iframe", "object", "svg",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "hr",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "head",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements whose `hidden` attribute is not acted on: void elements (no content to skip) and
/// elements whose end tag may be omitted, since skipping to an end tag that never comes
/// would drop the rest of the page.
const NOT_HIDDEN: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "colgroup", "option", "optgroup", "rt", "rp", "html", "head", "body",
];

/// Text collected so far, with the layout state.
#[derive(Default)]
struct Layout {
    out: String,
    /// White space seen since the last character, not yet written.
    space: bool,
    /// Depth inside `<pre>`.
    pre: usize,
    /// The element being skipped and how deeply it is nested in itself.
    skip: Option<(String, usize)>,
    /// The `lang` attribute of `<html>`.
    lang: Option<String>,
}

impl Layout {
    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if self.pre > 0 {
                self.out.push(c);
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.at_line_start() && !self.out.ends_with('\t') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push(c);
        }
    }

    fn trim_line_end(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
    }

    fn line_break(&mut self) {
        self.trim_line_end();
        self.space = false;
        if !self.at_line_start() {
            self.out.push('\n');
        }
    }

    fn blank_line(&mut self) {
        self.line_break();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn br(&mut self) {
        self.trim_line_end();
        self.space = false;
        if !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn cell(&mut self) {
        self.trim_line_end();
        self.space = false;
        if !self.at_line_start() {
            self.out.push('\t');
        }
    }
}

struct Sink(RefCell<Layout>);

fn hides(tag: &html5ever::tokenizer::Tag) -> bool {
    tag.attrs.iter().any(|a| {
        let name: &str = &a.name.local;
        name == "hidden"
            || (name == "style"
                && a.value
                    .to_ascii_lowercase()
                    .split(';')
                    .any(|decl| decl.replace(' ', "") == "display:none"))
    })
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut l = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let raw = match name {
                    "script" => Some(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        Some(RawKind::Rawtext)
                    }
                    "title" | "textarea" => Some(RawKind::Rcdata),
                    _ => None,
                };
                let start = tag.kind == TagKind::StartTag && !tag.self_closing;
                if let Some((skipped, depth)) = &mut l.skip {
                    if skipped == name {
                        if start {
                            *depth += 1;
                        } else if tag.kind == TagKind::EndTag {
                            *depth -= 1;
                            if *depth == 0 {
                                l.skip = None;
                            }
                        }
                    }
                    return match raw {
                        Some(kind) if start => TokenSinkResult::RawData(kind),
                        _ => TokenSinkResult::Continue,
                    };
                }
                if start
                    && (SKIPPED.contains(&name) || (hides(&tag) && !NOT_HIDDEN.contains(&name)))
                {
                    l.skip = Some((name.to_string(), 1));
                    return match raw {
                        Some(kind) => TokenSinkResult::RawData(kind),
                        None => TokenSinkResult::Continue,
                    };
                }
                if name == "html" && tag.kind == TagKind::StartTag {
                    if let Some(a) = tag.attrs.iter().find(|a| &*a.name.local == "lang") {
                        l.lang = Some(a.value.trim().to_string());
                    }
                }
                match name {
                    "br" => l.br(),
                    "td" | "th" if tag.kind == TagKind::StartTag => l.cell(),
                    "pre" => {
                        l.line_break();
                        if tag.kind == TagKind::StartTag {
                            l.pre += 1;
                        } else {
                            l.pre = l.pre.saturating_sub(1);
                        }
                    }
                    _ if HEADINGS.contains(&name) => {
                        if tag.kind == TagKind::StartTag {
                            l.blank_line();
                        } else {
                            l.line_break();
                        }
                    }
                    _ if BLOCKS.contains(&name) => l.line_break(),
                    _ => {}
                }
                match raw {
                    Some(kind) if start => TokenSinkResult::RawData(kind),
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::CharacterTokens(s) => {
                if l.skip.is_none() {
                    l.text(&s);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The visible text of an HTML document and the `lang` of its `<html>` element.
pub fn visible_text(html: &str) -> (String, Option<String>) {
    let tokenizer = Tokenizer::new(Sink(RefCell::default()), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    // The sink never asks to pause for a script, so one feed consumes everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut layout = tokenizer.sink.0.take();
    layout.line_break();
    let text = layout.out.trim_start_matches('\n').to_string();
    (text, layout.lang.filter(|l| !l.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"windows-1251\">"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            meta_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=koi8-r\">"
            ),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(
            meta_charset(b"<meta charset=utf-16>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(meta_charset(b"<meta name=\"x\"><p>charset=koi8-r"), None);
    }

    #[test]
    fn blocks_become_lines_and_hidden_text_is_dropped() {
        let html = "<!DOCTYPE html><html lang=\"en\"><head><title>Site name</title>\
            <style>p { color: red }</style><script>if (a < b) { document.write('<p>x</p>') }</script></head>\
            <body><div hidden>Hidden <b>text</b></div><h1>Law   on <i>Transparency</i></h1>\
            <h2>Article&nbsp;1 &ndash; Scope</h2><p>1. This&nbsp;Law applies to\n   organisations &amp; funds.</p>\
            <ol><li>(a) first;</li><li>(b) second.</li></ol><p>Line one<br>Line two</p>\
            <table><tr><td>A</td><td>B</td></tr></table><!-- a comment --><noscript>Enable JS</noscript></body></html>";
        let (text, lang) = visible_text(html);
        assert_eq!(
            text,
            "Law on Transparency\n\nArticle 1 – Scope\n1. This Law applies to organisations & funds.\n(a) first;\n(b) second.\nLine one\nLine two\nA\tB\n"
        );
        assert_eq!(lang.as_deref(), Some("en"));
    }

    #[test]
    fn hidden_paragraph_without_end_tag_does_not_swallow_the_page() {
        let (text, _) = visible_text("<p hidden>Note<p>Article 1<p>1. Text");
        assert_eq!(text, "Note\nArticle 1\n1. Text\n");
    }

    #[test]
    fn pre_keeps_its_lines() {
        let (text, _) = visible_text("<p>Intro</p><pre>Article 1\n  1. Text</pre>");
        assert_eq!(text, "Intro\nArticle 1\n  1. Text\n");
    }
}
