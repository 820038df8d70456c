//! Segmentation of a law's text into provisions.
//!
//! Statutes number their parts in many ways. The segmenter reads the text line by line and
//! recognises *markers* at the start of a line (after indentation and an opening quotation
//! mark, so that provisions quoted inside an amending law are found too):
//!
//! * **containers**: `Chapter I`, `PART 4`, `SUBCHAPTER II`, `Глава 2`, `თავი I`, `I. Fejezet`.
//!   They group articles but are not part of an article's citation.
//! * **units** (articles and sections): `Article 2 – Title`, `Art. 4`, `§ 612.`, `1. §` (Hungarian),
//!   `Čl. I`, `Član 1.`, `Статья 5.`, `მუხლი 8.`; and, in texts that have no such words,
//!   bare numbered sections as in Commonwealth and Indian statutes (`5 (1) A person…`,
//!   `8. Restriction…`), which must then increase through the text.
//! * **subdivisions**: `(1)`, `1.`, `1)`, `(a)`, `a)`, `(A)`, `(i)`, `i)`, Georgian `ა)`,
//!   Cyrillic `а)` and dotted items such as `b.a.)`.
//!
//! Subdivisions nest by *style*: a marker whose style is already open closes everything below
//! it and becomes its sibling; a new style opens a deeper level. This is how drafters use
//! them, and it needs no per-country configuration. `(i)` is read as the letter after `(h)`
//! when a lettered list at that level has reached `(h)`, and as a roman numeral otherwise.
//!
//! Every byte of the body belongs to exactly one [`Provision`]: the segment from its marker
//! line to the next marker. Text before the first marker is the `Title` (its first block)
//! and `Preamble`. A short heading line that stands alone between a blank line and a marker
//! (a marginal note such as `Duty to register`) is given to the provision that follows.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// What a segment of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProvisionKind {
    /// Unnumbered text before the first provision: `Title` or `Preamble`.
    Front,
    /// A chapter, part or similar grouping heading.
    Container,
    /// An article or section (the unit a citation starts with).
    Unit,
    /// A numbered paragraph, lettered point or deeper item.
    Subdivision,
}

/// One segment of a law: from its marker to the next marker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provision {
    /// What kind of segment this is.
    pub kind: ProvisionKind,
    /// The structural citation, e.g. `Art. 4(2)(b)`, `§ 612(a)(1)`, `Title`.
    pub citation: String,
    /// The citation's components: the unit number, then each subdivision label
    /// (`["4", "2", "b"]`); `["Title"]`, `["Preamble"]` or `["Chapter I"]` otherwise.
    pub path: Vec<String>,
    /// The heading that accompanies the marker, if any (`Definitions`).
    pub heading: Option<String>,
    /// Byte offset where the segment starts in the law's text.
    pub start: usize,
    /// Byte offset where the segment ends (exclusive).
    pub end: usize,
}

/// The word a law uses for its units, as shown in citations.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UnitWord(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// `(a)`
    Paren,
    /// `a)`
    Close,
    /// `1.`
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Number,
    Lower,
    Upper,
    Roman,
    Georgian,
    Cyrillic,
    /// Dotted items such as `b.a.)`, with their number of components.
    Dotted(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    wrap: Wrap,
    class: Class,
}

#[derive(Debug, Clone)]
struct SubMarker {
    style: Style,
    label: String,
    /// For labels that could be a letter or a roman numeral (`i`, `v`, `x`).
    ambiguous_roman: bool,
}

#[derive(Debug, Clone)]
struct UnitMarker {
    word: UnitWord,
    label: String,
    heading: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct LineMarkers {
    container: Option<(String, Option<String>)>,
    unit: Option<UnitMarker>,
    section: Option<(String, Option<String>)>,
    subs: Vec<SubMarker>,
}

static CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(chapter|part|division|subdivision|subchapter|title|book|глава|раздел|подраздел|თავი|კარი|kapitola|hlava|diel|poglavlje|glava|dio|deo|odeljak|odjeljak|titre|chapitre|livre|titolo|capo|capítulo|título)\s+((?-i:[IVXLCDM]+)|\d+[A-Za-z]?)\b(.*)$",
    )
    .expect("container regex")
});

static CONTAINER_HU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^((?-i:[IVXLCDM]+)|\d+)\.\s*(fejezet|rész|cím|chapter|part)\b(.*)$")
        .expect("hungarian container regex")
});

static UNIT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(article|art\.|art|section|sec\.|član|clan|članak|čl\.|čl|статья|ст\.|стаття|მუხლი|artikel|artículo|articolo|artigo|cikk|článok)\s*(\d+(?:[.-]\d+)?[a-z]{0,2}|(?-i:[IVXLC]+)|premier|première|1er)\b(.*)$",
    )
    .expect("unit regex")
});

static UNIT_SECTION_SIGN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^§\s*(\d+[a-z]{0,2})\b(.*)$").expect("section sign regex"));

static UNIT_HU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+[a-z]?)\.\s*§(?:\s*\((\d+[a-z]?)\))?(.*)$").expect("hungarian unit regex")
});

static NUMBERED_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,4}[A-Z]{0,2})(\.?)(?:\s+|(?:\s*—))(?:\((\d+[a-z]?)\)\s*)?(.*)$")
        .expect("numbered section regex")
});

static SUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\(([0-9]+[a-z]?(?:[.-][0-9]+)?|[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]+)\)|(\p{L}(?:\.\p{L})+)\.?\)|([0-9]+[a-z]?|[a-z]{1,2}|[A-Z]|[ivxlc]+|\p{Georgian}{1,2}|[а-яё]{1,2})\)|([0-9]{1,3}(?:-[0-9]+)?)\.(?:\s|$))",
    )
    .expect("sub regex")
});

/// An amending instruction naming the article it changes ("Article 14 of the Tax Code shall
/// be supplemented with paragraphs 1-1 and 1-2 as follows:").
static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:article|art\.)\s*(\d+[a-z]?(?:-\d+)?)\b.*\b(?:supplemented|amended|reads|read\s+as|worded|replaced|inserted|added|as\s+follows)\b",
    )
    .expect("amendment regex")
});

const QUOTES: &[char] = &['“', '"', '„', '«', '‘', '\'', '»', '”'];

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
        && roman_value(s).is_some()
}

/// The value of a lower-case roman numeral, if it is a well-formed one below 40.
fn roman_value(s: &str) -> Option<u32> {
    const TABLE: [&str; 40] = [
        "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
        "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv",
        "xxvi", "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv",
        "xxxvi", "xxxvii", "xxxviii", "xxxix",
    ];
    TABLE
        .iter()
        .position(|r| *r == s)
        .filter(|&v| v > 0)
        .map(|v| v as u32)
}

/// True when the words after a unit or container number read as a heading rather than as
/// the middle of a sentence ("Article 14 of the Tax Code is amended…").
fn looks_like_heading(rest: &str) -> bool {
    let rest = rest.trim_start();
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if matches!(
        first,
        '.' | ':' | '–' | '—' | '-' | ')' | '(' | '[' | '“' | '"' | '«' | '„'
    ) {
        return true;
    }
    if first.is_lowercase() {
        return false;
    }
    if first.is_uppercase() {
        return true;
    }
    rest.len() < 150
}

/// Strips the punctuation that joins a number to its heading (`. `, ` – `, `—`).
fn clean_heading(rest: &str) -> Option<String> {
    let h = rest
        .trim()
        .trim_start_matches(['.', ':', '–', '—', '-', ' ', '\u{a0}'])
        .trim();
    (!h.is_empty()).then(|| h.to_string())
}

fn unit_word_display(word: &str, language: &str) -> String {
    let lower = word.to_lowercase();
    match lower.as_str() {
        "article" | "art." | "art" | "artikel" | "artículo" | "articolo" | "artigo" => {
            "Art.".into()
        }
        "section" | "sec." => {
            if language.starts_with("fr") {
                "art.".into()
            } else {
                "s.".into()
            }
        }
        "član" | "clan" => "Član".into(),
        "članak" => "Članak".into(),
        "čl." | "čl" => "Čl.".into(),
        "článok" => "Čl.".into(),
        "статья" | "ст." => "Статья".into(),
        "стаття" => "Стаття".into(),
        "მუხლი" => "მუხლი".into(),
        "cikk" => "cikk".into(),
        _ => word.to_string(),
    }
}

fn section_word(language: &str) -> String {
    if language.starts_with("fr") {
        "art.".into()
    } else if language.starts_with("en") || language.is_empty() {
        "s.".into()
    } else {
        "Art.".into()
    }
}

fn capitalise(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn parse_subs(mut rest: &str, out: &mut Vec<SubMarker>) {
    // At most three chained markers, as in `(a)(1)` or `5 (1)(a)`.
    for _ in 0..3 {
        let Some(c) = SUB.captures(rest) else { break };
        // A `1.` marker's match includes the white space after the dot; stop at the dot.
        let whole = match c.get(4) {
            Some(m) => m.end() + 1,
            None => c.get(0).map_or(0, |m| m.end()),
        };
        let after = &rest[whole..];
        // A marker must be followed by white space, the end of the line or another marker.
        if !(after.is_empty() || after.starts_with(char::is_whitespace) || after.starts_with('(')) {
            break;
        }
        let marker = if let Some(m) = c.get(1) {
            let label = m.as_str();
            let class = if label.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
                Class::Number
            } else if label.chars().all(|ch| ch.is_ascii_uppercase()) {
                Class::Upper
            } else if is_roman(label) && label.len() > 1 {
                Class::Roman
            } else {
                Class::Lower
            };
            SubMarker {
                style: Style {
                    wrap: Wrap::Paren,
                    class,
                },
                label: label.to_string(),
                ambiguous_roman: class == Class::Lower && is_roman(label),
            }
        } else if let Some(m) = c.get(2) {
            let label = m.as_str();
            let depth = label.split('.').count();
            SubMarker {
                style: Style {
                    wrap: Wrap::Close,
                    class: Class::Dotted(depth),
                },
                label: label.to_string(),
                ambiguous_roman: false,
            }
        } else if let Some(m) = c.get(3) {
            let label = m.as_str();
            let first = label.chars().next().unwrap_or('0');
            let class = if first.is_ascii_digit() {
                Class::Number
            } else if first.is_ascii_uppercase() {
                Class::Upper
            } else if ('\u{10A0}'..='\u{10FF}').contains(&first)
                || ('\u{1C90}'..='\u{1CBF}').contains(&first)
            {
                Class::Georgian
            } else if !first.is_ascii() {
                Class::Cyrillic
            } else if is_roman(label) && label.len() > 1 {
                Class::Roman
            } else {
                Class::Lower
            };
            SubMarker {
                style: Style {
                    wrap: Wrap::Close,
                    class,
                },
                label: label.to_string(),
                ambiguous_roman: class == Class::Lower && is_roman(label),
            }
        } else if let Some(m) = c.get(4) {
            SubMarker {
                style: Style {
                    wrap: Wrap::Dot,
                    class: Class::Number,
                },
                label: m.as_str().to_string(),
                ambiguous_roman: false,
            }
        } else {
            break;
        };
        out.push(marker);
        rest = after.trim_start();
    }
}

/// Reads the markers at the start of one line (already stripped of indentation and quotes).
fn parse_line(line: &str, section_mode: bool, language: &str) -> LineMarkers {
    let mut m = LineMarkers::default();
    if let Some(c) = CONTAINER.captures(line) {
        let rest = c.get(3).map_or("", |r| r.as_str());
        if looks_like_heading(rest) {
            let name = format!("{} {}", capitalise(&c[1]), &c[2]);
            m.container = Some((name, clean_heading(rest)));
            return m;
        }
    }
    if let Some(c) = CONTAINER_HU.captures(line) {
        let rest = c.get(3).map_or("", |r| r.as_str());
        if looks_like_heading(rest) {
            let name = format!("{}. {}", &c[1], capitalise(&c[2]));
            m.container = Some((name, clean_heading(rest)));
            return m;
        }
    }
    if let Some(c) = UNIT_HU.captures(line).filter(|c| {
        // `6. § 34a znie:` (a point that quotes a section) is not a Hungarian `6. §` heading.
        !c.get(3).is_some_and(|r| {
            r.as_str()
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())
        })
    }) {
        m.unit = Some(UnitMarker {
            word: UnitWord("§".into()),
            label: c[1].to_string(),
            heading: None,
        });
        if let Some(p) = c.get(2) {
            m.subs.push(SubMarker {
                style: Style {
                    wrap: Wrap::Paren,
                    class: Class::Number,
                },
                label: p.as_str().to_string(),
                ambiguous_roman: false,
            });
        }
        return m;
    }
    if let Some(c) = UNIT_SECTION_SIGN.captures(line) {
        let rest = c.get(2).map_or("", |r| r.as_str());
        if looks_like_heading(rest) {
            m.unit = Some(UnitMarker {
                word: UnitWord("§".into()),
                label: c[1].to_string(),
                heading: clean_heading(rest),
            });
            return m;
        }
    }
    if let Some(c) = UNIT_WORD.captures(line) {
        let rest = c.get(3).map_or("", |r| r.as_str());
        if looks_like_heading(rest) {
            let mut heading_rest = rest.trim_start_matches('.');
            let mut subs = Vec::new();
            parse_subs(heading_rest.trim_start(), &mut subs);
            if !subs.is_empty() {
                heading_rest = "";
            }
            let label = match c[2].to_lowercase().as_str() {
                "premier" | "première" | "1er" => "1".to_string(),
                _ => c[2].to_string(),
            };
            m.unit = Some(UnitMarker {
                word: UnitWord(unit_word_display(&c[1], language)),
                label,
                heading: clean_heading(heading_rest),
            });
            m.subs = subs;
            return m;
        }
    }
    if section_mode {
        if let Some(c) = NUMBERED_SECTION.captures(line) {
            let rest = c.get(4).map_or("", |r| r.as_str());
            let first = rest.chars().next();
            let plausible = match first {
                None => false,
                Some(ch) => ch.is_uppercase() || matches!(ch, '“' | '"' | '«' | '('),
            };
            if plausible {
                m.section = Some((c[1].to_string(), None));
                if let Some(p) = c.get(3) {
                    m.subs.push(SubMarker {
                        style: Style {
                            wrap: Wrap::Paren,
                            class: Class::Number,
                        },
                        label: p.as_str().to_string(),
                        ambiguous_roman: false,
                    });
                }
                return m;
            }
        }
    }
    parse_subs(line, &mut m.subs);
    m
}

/// Splits a number such as `9A` or `14` into (14, "") for ordering.
fn section_order(label: &str) -> (u32, String) {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    let suffix: String = label.chars().skip(digits.len()).collect();
    (digits.parse().unwrap_or(0), suffix)
}

fn strip_line_start(line: &str) -> (&str, usize) {
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c));
    (trimmed, line.len() - trimmed.len())
}

/// A line of the body with its byte offsets in the law's text.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn body_lines(text: &str, body_start: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pos = body_start;
    for raw in text[body_start..].split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        lines.push(Line {
            start: pos,
            text: content,
        });
        pos += raw.len();
    }
    lines
}

/// Does this text use article/section words (as opposed to bare numbered sections)?
fn uses_unit_words(lines: &[Line<'_>], language: &str) -> bool {
    lines.iter().any(|l| {
        let (s, _) = strip_line_start(l.text);
        let m = parse_line(s, false, language);
        m.unit.is_some()
    })
}

struct Open {
    style: Style,
    label: String,
}

/// Builds the displayed citation path from the open subdivisions. Dotted items (`c.a.b`)
/// already name their parents, so the letters they repeat are dropped.
fn display_path(unit: Option<&str>, open: &[Open]) -> Vec<String> {
    let mut path: Vec<String> = unit.map(|u| vec![u.to_string()]).unwrap_or_default();
    for o in open {
        if let Class::Dotted(_) = o.style.class {
            while let Some(last) = path.last() {
                if path.len() > usize::from(unit.is_some())
                    && o.label.starts_with(&format!("{last}."))
                {
                    path.pop();
                } else {
                    break;
                }
            }
        }
        path.push(o.label.clone());
    }
    path
}

fn format_citation(word: &str, path: &[String], has_unit: bool) -> String {
    let mut s = String::new();
    let mut rest = path;
    if has_unit {
        if let Some((first, tail)) = path.split_first() {
            s.push_str(word);
            s.push(' ');
            s.push_str(first);
            rest = tail;
        }
    }
    for p in rest {
        s.push('(');
        s.push_str(p);
        s.push(')');
    }
    s
}

fn previous_letter(label: &str) -> Option<char> {
    let c = label.chars().next()?;
    if label.chars().count() != 1 || !c.is_ascii_lowercase() || c == 'a' {
        return None;
    }
    Some((c as u8 - 1) as char)
}

/// The current unit (word, label) and open subdivisions, saved while inside quoted text.
type SavedState = (Option<(String, String)>, Vec<Open>);

/// Segments `text[body_start..]` into provisions. `language` (BCP 47) chooses the word used
/// for bare numbered sections (`s.` in English, `art.` in French).
pub fn segment(text: &str, body_start: usize, language: &str) -> Vec<Provision> {
    let lines = body_lines(text, body_start);
    let section_mode = !uses_unit_words(&lines, language);
    let mut out: Vec<Provision> = Vec::new();

    let mut unit: Option<(String, String)> = None; // (word, label)
    let mut open: Vec<Open> = Vec::new();
    let mut last_section: Option<(u32, String)> = None;
    let mut previous_blank = false;
    let mut pending_heading: Option<usize> = None; // index of a candidate heading line
    // Amending laws: the article named by an instruction such as "Article 14 … shall be
    // supplemented … as follows:", and the outer state saved while inside its quoted text.
    let mut pending_amendment: Option<String> = None;
    let mut saved: Option<SavedState> = None;
    let mut seen_text = false;

    for (i, line) in lines.iter().enumerate() {
        let (stripped, skipped) = strip_line_start(line.text);
        if stripped.is_empty() {
            previous_blank = true;
            pending_heading = None;
            continue;
        }
        let mut m = parse_line(stripped, section_mode, language);
        // The first line of a text is its title: a year or number there is not a marker.
        if !seen_text && m.unit.is_none() && m.container.is_none() && m.section.is_none() {
            m.subs.clear();
        }
        seen_text = true;
        let quoted = line.text[..skipped].contains(QUOTES);
        let has_marker = m.unit.is_some() || m.section.is_some() || !m.subs.is_empty();
        if quoted && has_marker && saved.is_none() {
            if let Some(article) = pending_amendment.take() {
                saved = Some((unit.take(), std::mem::take(&mut open)));
                unit = Some(("Art.".into(), article));
            }
        }
        let closes_quote = saved.is_some()
            && line
                .text
                .trim_end()
                .trim_end_matches(['.', ';', ','])
                .ends_with(['”', '"', '»', '“']);
        if let Some(c) = AMENDMENT.captures(stripped) {
            pending_amendment = Some(c[1].to_string());
        } else if has_marker && !quoted {
            pending_amendment = None;
        }

        if let Some((label, _)) = &m.section {
            let order = section_order(label);
            let accept = match &last_section {
                None => order.0 <= 1000,
                Some(prev) => order > *prev && order.0 <= prev.0 + 60,
            };
            if accept {
                last_section = Some(order);
            } else {
                m.section = None;
                m.subs.clear();
            }
        }

        let mut new_provision: Option<(ProvisionKind, Vec<String>, String, Option<String>)> = None;
        if let Some((name, heading)) = m.container.take() {
            unit = None;
            open.clear();
            new_provision = Some((ProvisionKind::Container, vec![name.clone()], name, heading));
        } else if m.unit.is_some() || m.section.is_some() {
            let (word, label, heading) = match (m.unit.take(), m.section.take()) {
                (Some(u), _) => (u.word.0, u.label, u.heading),
                (None, Some((label, heading))) => (section_word(language), label, heading),
                (None, None) => unreachable!("checked above"),
            };
            unit = Some((word, label));
            open.clear();
            for sub in &m.subs {
                open.push(Open {
                    style: sub.style,
                    label: sub.label.clone(),
                });
            }
            let (w, l) = unit
                .as_ref()
                .map(|(w, l)| (w.as_str(), l.as_str()))
                .unwrap_or_default();
            let path = display_path(Some(l), &open);
            let citation = format_citation(w, &path, true);
            let kind = if open.is_empty() {
                ProvisionKind::Unit
            } else {
                ProvisionKind::Subdivision
            };
            new_provision = Some((kind, path, citation, heading));
        } else if !m.subs.is_empty() && (unit.is_some() || section_mode) {
            for sub in &m.subs {
                let mut style = sub.style;
                // `(i)`, `(v)`, `(x)`: a letter if it continues an open lettered list, else roman.
                if sub.ambiguous_roman {
                    let letter_open = open.iter().find(|o| o.style == style);
                    let continues = letter_open.is_some_and(|o| {
                        previous_letter(&sub.label).is_some_and(|p| o.label == p.to_string())
                    });
                    if !continues {
                        style.class = Class::Roman;
                    }
                }
                if let Some(pos) = open.iter().position(|o| o.style == style) {
                    open.truncate(pos);
                }
                open.push(Open {
                    style,
                    label: sub.label.clone(),
                });
            }
            let (w, l) = match unit.as_ref() {
                Some((w, l)) => (w.as_str(), Some(l.as_str())),
                None => ("", None),
            };
            let path = display_path(l, &open);
            let citation = format_citation(w, &path, l.is_some());
            new_provision = Some((ProvisionKind::Subdivision, path, citation, None));
        }

        match new_provision {
            Some((kind, path, citation, heading)) => {
                let mut start = line.start;
                let mut heading = heading;
                if let Some(h) = pending_heading.take() {
                    start = lines[h].start;
                    if heading.is_none() {
                        heading = Some(lines[h].text.trim().to_string());
                    }
                }
                if let Some(last) = out.last_mut() {
                    last.end = start;
                }
                out.push(Provision {
                    kind,
                    citation,
                    path,
                    heading,
                    start,
                    end: text.len(),
                });
            }
            None => {
                // A short line standing alone after a blank line may head the next provision.
                let t = stripped.trim_end();
                let heading_like = previous_blank
                    && t.chars().count() <= 90
                    && !t.ends_with(['.', ';', ',', ':'])
                    && lines.get(i + 1).is_some_and(|n| !n.text.trim().is_empty());
                pending_heading = heading_like.then_some(i);
            }
        }
        if closes_quote {
            if let Some((u, o)) = saved.take() {
                unit = u;
                open = o;
            }
        }
        previous_blank = false;
    }

    // The front: text before the first provision, split into title (first block) and preamble.
    let first_start = out.first().map_or(text.len(), |p| p.start);
    let mut front = Vec::new();
    let front_text = &text[body_start..first_start];
    if !front_text.trim().is_empty() {
        let lead = front_text.len() - front_text.trim_start().len();
        let title_start = body_start + lead;
        let title_end = front_text[lead..]
            .find("\n\n")
            .or_else(|| front_text[lead..].find("\n\r\n"))
            .map_or(first_start, |p| title_start + p);
        front.push(Provision {
            kind: ProvisionKind::Front,
            citation: "Title".into(),
            path: vec!["Title".into()],
            heading: None,
            start: body_start,
            end: title_end,
        });
        if !text[title_end..first_start].trim().is_empty() {
            front.push(Provision {
                kind: ProvisionKind::Front,
                citation: "Preamble".into(),
                path: vec!["Preamble".into()],
                heading: None,
                start: title_end,
                end: first_start,
            });
        } else if let Some(t) = front.last_mut() {
            t.end = first_start;
        }
    } else if let Some(first) = out.first_mut() {
        first.start = body_start;
    }
    front.extend(out);
    front
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(text: &str, lang: &str) -> Vec<String> {
        segment(text, 0, lang)
            .into_iter()
            .map(|p| p.citation)
            .collect()
    }

    fn cite_of(text: &str, lang: &str, needle: &str) -> String {
        let pos = text.find(needle).expect("needle in text");
        segment(text, 0, lang)
            .into_iter()
            .find(|p| p.start <= pos && pos < p.end)
            .map(|p| p.citation)
            .expect("a provision covers every byte")
    }

    #[test]
    fn article_style_with_paragraphs_and_points() {
        let t = "LAW OF EXAMPLE\n\nArticle 1 – Purpose\n1. This Law sets rules.\n2. It applies:\na) to one;\nb) to two.\n\nArticle 2 – Scope\nText.\n";
        assert_eq!(
            cites(t, "en"),
            [
                "Title",
                "Art. 1",
                "Art. 1(1)",
                "Art. 1(2)",
                "Art. 1(2)(a)",
                "Art. 1(2)(b)",
                "Art. 2"
            ]
        );
    }

    #[test]
    fn us_code_nesting_and_roman_versus_letter() {
        let t = "§ 611. Definitions\n\n(a) A;\n(h) H;\n(i) The term I;\n(c) C means\n(1) any person\n(i) engages\n(ii) acts\n(2) other\n";
        let c = cites(t, "en");
        assert_eq!(
            c,
            [
                "§ 611",
                "§ 611(a)",
                "§ 611(h)",
                "§ 611(i)",
                "§ 611(c)",
                "§ 611(c)(1)",
                "§ 611(c)(1)(i)",
                "§ 611(c)(1)(ii)",
                "§ 611(c)(2)"
            ]
        );
    }

    #[test]
    fn numbered_sections_with_marginal_notes() {
        let t = "An Act\n\nShort title\n1 This Act may be cited as the Act.\n\nDuty\n5 (1) A person must register.\n\nUpdates\n(2) The person must update.\n(a) first;\n14 days later nothing.\n";
        let c = cites(t, "en");
        assert_eq!(c, ["Title", "s. 1", "s. 5(1)", "s. 5(2)", "s. 5(2)(a)"]);
        assert_eq!(cite_of(t, "en", "Short title"), "s. 1");
        assert_eq!(cite_of(t, "en", "Updates"), "s. 5(2)");
        assert_eq!(cite_of(t, "fr", "Duty"), "art. 5(1)");
    }

    #[test]
    fn numbered_sections_must_increase() {
        let t = "Act\n\n8. Restriction.\n(1) Text.\n1. Subs. by s. 8, ibid.\n11. Registration.\n";
        assert_eq!(cites(t, "en"), ["Title", "s. 8", "s. 8(1)", "s. 11"]);
    }

    #[test]
    fn georgian_articles_and_letters() {
        let t =
            "კანონი\n\nმუხლი 8. მონიტორინგი\n1. ტექსტი\n2. საფუძველი:\nა) პირველი;\nბ) მეორე.\n";
        assert_eq!(
            cites(t, "ka"),
            [
                "Title",
                "მუხლი 8",
                "მუხლი 8(1)",
                "მუხლი 8(2)",
                "მუხლი 8(2)(ა)",
                "მუხლი 8(2)(ბ)"
            ]
        );
    }

    #[test]
    fn hungarian_sections_and_slovak_quoted_amendment() {
        let hu =
            "Törvény\n\nPreambulum szöveg\n\n1. § (1) E törvény alkalmazásában\n(2) Támogatás\n";
        assert_eq!(cites(hu, "hu"), ["Title", "Preamble", "§ 1(1)", "§ 1(2)"]);
        let sk = "ZÁKON\n\nČl.I\nZákon sa dopĺňa takto:\n6. § 34a znie:\n\"§ 34a\n(1) Povinnosť.\n(2) Výkaz obsahuje\na) prehľad príjmov,\nb) prehľad o osobách\n";
        assert_eq!(cite_of(sk, "sk", "prehľad o osobách"), "§ 34a(2)(b)");
        assert_eq!(cite_of(sk, "sk", "§ 34a znie"), "Čl. I(6)");
    }

    #[test]
    fn dotted_items_name_their_parents() {
        let t = "Article 1 - Definitions\na) person;\nb) principal:\nb.a.) a government;\nc) agent:\nc.a.) a person\nc.a.a) for the benefit\n";
        let c = cites(t, "en");
        assert_eq!(
            c,
            [
                "Art. 1",
                "Art. 1(a)",
                "Art. 1(b)",
                "Art. 1(b.a)",
                "Art. 1(c)",
                "Art. 1(c.a)",
                "Art. 1(c.a.a)"
            ]
        );
    }

    #[test]
    fn sentences_beginning_with_article_are_not_headings() {
        let t = "Article 1. Scope\n1. Text.\nArticle 5 of the Code is amended.\n";
        assert_eq!(cites(t, "en"), ["Art. 1", "Art. 1(1)"]);
    }

    #[test]
    fn containers_and_preamble() {
        let t = "THE ACT\nACT NO. 42\n\nWhereas reasons;\n\nCHAPTER I\nPRELIMINARY\n\n1. Short title.—(1) This Act.\n";
        let p = segment(t, 0, "en");
        let c: Vec<_> = p.iter().map(|p| p.citation.as_str()).collect();
        assert_eq!(c, ["Title", "Preamble", "Chapter I", "s. 1"]);
        assert_eq!(p[3].kind, ProvisionKind::Unit);
    }

    #[test]
    fn segments_cover_the_body_contiguously() {
        let t = "+++\nid='x'\n+++\nTitle\n\nArticle 1\n1. a\n2. b\n";
        let start = t.find("Title").unwrap_or(0);
        let p = segment(t, start, "en");
        assert_eq!(p.first().map(|p| p.start), Some(start));
        assert_eq!(p.last().map(|p| p.end), Some(t.len()));
        for w in p.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }

    #[test]
    fn amending_laws_cite_the_amended_article_when_the_quote_is_numbered() {
        let kz = "Excerpts\n\n1) Article 14 of the Tax Code shall be supplemented with paragraphs 1-1 and 1-2 as follows:\n“1-1. Entities must:\n1) notify the tax authorities;\n2) provide information.”\n2) Article 15 is repealed.\n";
        assert_eq!(cite_of(kz, "en", "notify the tax"), "Art. 14(1-1)(1)");
        assert_eq!(cite_of(kz, "en", "provide information"), "Art. 14(1-1)(2)");
        assert_eq!(cite_of(kz, "en", "Article 15 is repealed"), "(2)");
        let kg = "Law\n\nArticle 1.\n1. Amend Article 2 by items 4 – 9 as follows:\n“Foreign organization – an organization.\nAgent – a person.”\n";
        assert_eq!(cite_of(kg, "en", "Agent – a person"), "Art. 1(1)");
    }

    #[test]
    fn titles_and_french_article_premier() {
        let hu = "2023. évi LXXXVIII. törvény\na nemzeti szuverenitás védelméről\n\nMagyarország szuverenitását védeni kell.\n";
        assert_eq!(cites(hu, "hu"), ["Title", "Preamble"]);
        let fr = "Loi\n\nArticle premier\nLa présente loi.\nArticle 2\nTexte.\n";
        assert_eq!(cites(fr, "fr"), ["Title", "Art. 1", "Art. 2"]);
    }

    #[test]
    fn text_without_markers_is_one_front_segment() {
        let p = segment("Just some prose.\nMore prose.\n", 0, "en");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProvisionKind::Front);
    }
}

const GEORGIAN_LETTERS: &str = "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ";
const CYRILLIC_LETTERS: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

/// Maps a Georgian or Cyrillic point letter to the Latin letter at the same place in the
/// alphabet (`ა` → `a`, `в` → `c`), so that citations in different scripts compare equal.
fn latin_letter(c: char) -> Option<char> {
    let i = GEORGIAN_LETTERS
        .chars()
        .position(|x| x == c)
        .or_else(|| CYRILLIC_LETTERS.chars().position(|x| x == c))?;
    (i < 26).then(|| (b'a' + i as u8) as char)
}

/// Normalises a citation to comparable components: unit and subdivision words dropped,
/// brackets and punctuation ignored, dotted items split, Georgian and Cyrillic point letters
/// mapped to Latin ones, and `Title`, `Long title` and `Preamble` all mapped to `front`.
///
/// `Art. 2(1)(a)`, `article 2, paragraph 1, a)`, `მუხლი 2(1)(ა)` all give `["2", "1", "a"]`;
/// `1. § (2)` gives `["1", "2"]`.
pub fn normalize_citation(citation: &str) -> Vec<String> {
    let lower = citation.trim().to_lowercase();
    if [
        "title",
        "long title",
        "preamble",
        "préambule",
        "preambulum",
        "short title",
    ]
    .contains(&lower.as_str())
    {
        return vec!["front".into()];
    }
    const WORDS: &[&str] = &[
        "article",
        "articles",
        "art",
        "arts",
        "section",
        "sections",
        "sec",
        "s",
        "ss",
        "§",
        "član",
        "clan",
        "članak",
        "čl",
        "статья",
        "ст",
        "стаття",
        "მუხლი",
        "paragraph",
        "para",
        "paras",
        "par",
        "subsection",
        "subparagraph",
        "subpara",
        "point",
        "points",
        "item",
        "items",
        "clause",
        "letter",
        "lit",
        "no",
        "pkt",
        "ods",
        "písm",
        "bekezdés",
        "pont",
        "пункт",
        "п",
        "подпункт",
        "пп",
        "часть",
        "ч",
        "პუნქტი",
        "ქვეპუნქტი",
        "alinéa",
        "al",
        "paragraphe",
        "sous-paragraphe",
        "sub-section",
        "sub-clause",
        "of",
        "and",
    ];
    let mut out = Vec::new();
    for token in
        lower.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '[' | ']'))
    {
        let t = token.trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '–' | '—'));
        if t.is_empty() || WORDS.contains(&t) {
            continue;
        }
        for part in t.split('.').filter(|p| !p.is_empty()) {
            let mapped: String = part.chars().map(|c| latin_letter(c).unwrap_or(c)).collect();
            if mapped == "§" {
                continue;
            }
            out.push(mapped.trim_start_matches('§').to_string());
        }
    }
    out
}

/// True when the provision cited by `finding` is `key` or lies inside it.
pub fn citation_within(finding: &str, key: &str) -> bool {
    let f = normalize_citation(finding);
    let k = normalize_citation(key);
    !k.is_empty() && f.len() >= k.len() && f[..k.len()] == k[..]
}

#[cfg(test)]
mod citation_tests {
    use super::*;

    #[test]
    fn forms_of_the_same_place_compare_equal() {
        let a = normalize_citation("Art. 2(1)(a)");
        assert_eq!(a, ["2", "1", "a"]);
        assert_eq!(normalize_citation("article 2, paragraph 1, a)"), a);
        assert_eq!(normalize_citation("მუხლი 2(1)(ა)"), a);
        assert_eq!(normalize_citation("Статья 2(1)(а)"), a);
        assert_eq!(normalize_citation("1. § (2)"), ["1", "2"]);
        assert_eq!(normalize_citation("§ 1(2)"), ["1", "2"]);
        assert_eq!(normalize_citation("Art. 1(c.a.a)"), ["1", "c", "a", "a"]);
        assert_eq!(normalize_citation("s. 14(1)(c)"), ["14", "1", "c"]);
        assert_eq!(
            normalize_citation("Long title"),
            normalize_citation("Preamble")
        );
        assert_eq!(normalize_citation("Art. 14(1-1)(1)"), ["14", "1-1", "1"]);
    }

    #[test]
    fn within() {
        assert!(citation_within("§ 612(a)(2)", "§ 612(a)"));
        assert!(citation_within("Art. 1(c.a.a)", "Art. 1(c.a)"));
        assert!(!citation_within("§ 612(b)", "§ 612(a)"));
        assert!(!citation_within("§ 61", "§ 612"));
        assert!(citation_within("მუხლი 8(2)(ა)", "მუხლი 8(2)(ა)"));
    }
}
