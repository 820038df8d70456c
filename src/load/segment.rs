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

pub use super::citation::{citation_within, normalize_citation};

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
    /// Byte range of the marker that opened the segment (`Article 4`, `(2)`, `b)`), when the
    /// segment starts at a marker; `None` for the front and for a provision opened by a line
    /// without a marker of its own.
    pub marker: Option<(usize, usize)>,
    /// For text inserted or substituted by an amending law: the citation of the amending
    /// provision (`Art. 1(2)`). The provision's own `citation` and `path` then cite the
    /// provision as the amendment numbers it, followed by ` (inserted by Art. 1(2))` or
    /// ` (amended by Art. 1(2))` in `citation`.
    pub amended_by: Option<String>,
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
    /// `1/` (Ethiopian and other proclamations)
    Slash,
    /// `1-` (translations of Arabic-tradition laws, some Latin American ones)
    Dash,
    /// `1°`, `2º` (French, Spanish, Italian ordinals)
    Degree,
    /// `§ 2` inside an article (Polish, Belgian, Brazilian drafting: `Art. 5 § 2`)
    Section,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Number,
    Lower,
    Upper,
    Roman,
    Georgian,
    Cyrillic,
    /// Upper-case roman numerals (`I.`, `II. –` in French articles).
    UpperRoman,
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
    /// A Spanish `DISPOSICIONES …` heading: the kind of the dispositions under it.
    dispositions: Option<&'static str>,
    /// Where the marker ends, in bytes from the start of the (stripped) line.
    marker_end: usize,
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
        r"(?i)^(article|art\.|art|section|sec\.|clause|cl\.|član|clan|članak|čl\.|čl|статья|ст\.|стаття|მუხლი|artikel|artículo|articulo|articolo|artigo|cikk|článok)\s*(\d+(?:[.-]\d+)*(?:/[A-Z])?[a-z]{0,2}|(?-i:[IVXLC]+)|premier|première|1er)\b(.*)$",
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
        r"^(?:\(([0-9]+[A-Za-z]{0,2}(?:[.-][0-9]+)?|[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]+)\)|(\p{L}(?:\.\p{L})+)\.?\)|([0-9]+[a-z]?(?:-[0-9]+)?|[a-z]{1,2}|[A-Z]|[ivxlc]+|\p{Georgian}{1,2}|[а-яё]{1,2})\)|([0-9]{1,3}(?:-[0-9]+)?)\.(?:\s|$)|([0-9]{1,3}(?:\.[0-9]{1,3})+)\.(?:\s|$)|([0-9]{1,3})(/|-|°|º)(?:\s|$)|([IVX]{1,5})\.(?:\s|$))",
    )
    .expect("sub regex")
});

/// `§ 2` opening a paragraph inside an article (`Art. 5. § 1. Text`, then `§ 2. Text`).
static SECTION_SIGN_SUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^§\s*(\d+[a-z]?)[º°]?\.?(?:\s+|$)").expect("section sign paragraph regex")
});

/// A heading joined to its first subsection by a dash, as in `2. Definitions.—(1) In this
/// Act` (Indian and older British drafting) or `12.—(1)`.
static INLINE_SUBSECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{0,200}?)[.:]?\s*[—–]\s*(\([0-9]+[A-Za-z]?\).*)$").expect("inline subsection")
});

/// A heading in brackets on the line after a bare article number (`Article 6` /
/// `(Registration)`).
static BRACKETED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((\p{Lu}[^()]{1,80})\)\s*$").expect("bracketed heading regex"));

/// Spanish closing parts: `DISPOSICIONES TRANSITORIAS`, `Disposiciones finales y
/// transitorias`, `DISPOSICIÓN DEROGATORIA`.
static DISPOSITIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^disposici(?:ones|ón|on)\s+(transitorias?|finales?|adicionales?|derogatorias?|complementarias?)(?:\s+y\s+\w+)?\s*$",
    )
    .expect("dispositions regex")
});

/// A Spanish closing disposition with its ordinal: `Disposición transitoria primera.- …`.
static DISPOSITION_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^disposici(?:ón|on)\s+(transitoria|final|adicional|derogatoria|complementaria)\s+(primera|segunda|tercera|cuarta|quinta|sexta|s[ée]ptima|octava|novena|d[ée]cima|[úu]nica)\b(.*)$",
    )
    .expect("disposition unit regex")
});

/// An ordinal opening a disposition under a `DISPOSICIONES …` heading: `Primera.-`, `ÚNICA.`.
static ORDINAL_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(primera|segunda|tercera|cuarta|quinta|sexta|s[ée]ptima|octava|novena|d[ée]cima|[úu]nica)\s*[.:]\s*[-–—]?(.*)$",
    )
    .expect("ordinal unit regex")
});

/// The verb of an amending instruction ("is amended by inserting", "shall be supplemented",
/// "дополнить", "изложить в следующей редакции", "il est inséré", "est ainsi rédigé").
static AMENDMENT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\b(?:supplemented|inserted|inserting|insert|added|adding|add|created)\b|дополнить|дополнен|insér|ajout|complét)|(\b(?:amended|reads|read\s+as|worded|replaced|substituted|substituting|as\s+follows)\b|изложить|редакции|заменить|следующего\s+содержания|rédigé|remplac|modifié)",
    )
    .expect("amendment verb regex")
});

/// The provision an amending instruction inserts ("the following section 12A", "a new
/// Article 40a", "дополнить статьей 14-1", "il est inséré un article 19-3").
static AMENDMENT_NEW_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:following|new|дополнить|inséré\s+un|ajouté\s+un)\s+(article|section|статьей|статьёй|article)\s+(\d+(?:[.-]\d+)*(?:/[A-Z])?[A-Za-z]{0,2})\b",
    )
    .expect("amendment new unit regex")
});

/// The provision an amending instruction changes ("Article 14 of the Tax Code", "In section
/// 9", "статью 24", "l'article 21"), with a paragraph it names ("Article 13, paragraph 1";
/// "paragraph (2) of Article 82").
static AMENDMENT_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:paragraph|пункт|point)\s*\(?(\d+[a-z]?)\)?\s+(?:of|статьи)\s+)?\b(article|art\.|section|статью|статья|статьи|l'article|article)\s*(\d+(?:[.-]\d+)*(?:/[A-Z])?[A-Za-z]{0,2})\b(?:,?\s*(?:paragraph|para\.|пункт)\s*\(?(\d+[a-z]?)\)?)?",
    )
    .expect("amendment target regex")
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
        '.' | ':' | '–' | '—' | '-' | ')' | '(' | '[' | '“' | '"' | '«' | '„' | '°' | 'º'
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
        .trim_start_matches(['.', ':', '–', '—', '-', ' ', '\u{a0}', '°', 'º'])
        .trim();
    (!h.is_empty()).then(|| h.to_string())
}

fn unit_word_display(word: &str, language: &str) -> String {
    super::citation::cited_unit_word(word, language).unwrap_or_else(|| word.to_string())
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

/// Reads up to three chained subdivision markers at the start of `rest`; returns the number
/// of bytes of `rest` they take (to the end of the last marker).
fn parse_subs(mut rest: &str, out: &mut Vec<SubMarker>) -> usize {
    let input_len = rest.len();
    let mut consumed = 0;
    // At most three chained markers, as in `(a)(1)` or `5 (1)(a)`.
    for _ in 0..3 {
        let Some(c) = SUB.captures(rest) else { break };
        // A `1.`, `1.6.`, `1/`, `1-`, `1°` or `I.` marker's match includes the white space
        // after its sign; stop at the sign.
        let whole = match c.get(4).or(c.get(5)).or(c.get(8)) {
            Some(m) => m.end() + 1,
            None => match c.get(7) {
                Some(sign) => sign.end(),
                None => c.get(0).map_or(0, |m| m.end()),
            },
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
        } else if let Some(m) = c.get(5) {
            // `1.6.`: a point under paragraph 1 that names its parent, as dotted items do.
            let label = m.as_str();
            SubMarker {
                style: Style {
                    wrap: Wrap::Dot,
                    class: Class::Dotted(label.split('.').count()),
                },
                label: label.to_string(),
                ambiguous_roman: false,
            }
        } else if let (Some(m), Some(sign)) = (c.get(6), c.get(7)) {
            let wrap = match sign.as_str() {
                "/" => Wrap::Slash,
                "-" => Wrap::Dash,
                _ => Wrap::Degree,
            };
            SubMarker {
                style: Style {
                    wrap,
                    class: Class::Number,
                },
                label: m.as_str().to_string(),
                ambiguous_roman: false,
            }
        } else if let Some(m) = c.get(8) {
            SubMarker {
                style: Style {
                    wrap: Wrap::Dot,
                    class: Class::UpperRoman,
                },
                label: m.as_str().to_string(),
                ambiguous_roman: false,
            }
        } else {
            break;
        };
        out.push(marker);
        consumed = input_len - after.len();
        rest = after.trim_start();
    }
    consumed
}

/// What the segmenter knows about the place a line is read at.
#[derive(Debug, Clone, Copy, Default)]
struct LineCtx<'a> {
    /// Bare numbered sections are units (no article words in the text).
    section_mode: bool,
    /// BCP 47 language of the law.
    language: &'a str,
    /// Inside an article (not a `§` unit, not quoted text): `§ 2` opens a paragraph.
    in_article: bool,
    /// Under a Spanish `DISPOSICIONES TRANSITORIAS` heading: its kind (`transitoria`).
    dispositions: Option<&'a str>,
}

/// Reads the subdivision markers after a unit number: `(1) …`, `§ 1. …`, `I. – …`, and a
/// heading joined to its first subsection (`Definitions.—(1) In this Act`). Returns the
/// heading text left, if any.
fn unit_rest(rest: &str, subs: &mut Vec<SubMarker>) -> Option<String> {
    let trimmed = rest.trim_start_matches(['.', ' ', '\u{a0}', '–', '—', '-', ':', '°', 'º']);
    if let Some(c) = SECTION_SIGN_SUB.captures(trimmed) {
        subs.push(SubMarker {
            style: Style {
                wrap: Wrap::Section,
                class: Class::Number,
            },
            label: c[1].to_string(),
            ambiguous_roman: false,
        });
        let after = &trimmed[c.get(0).map_or(0, |m| m.end())..];
        parse_subs(after, subs);
        return None;
    }
    parse_subs(trimmed, subs);
    if !subs.is_empty() {
        return None;
    }
    if let Some(c) = INLINE_SUBSECTION.captures(rest) {
        let before = subs.len();
        parse_subs(&c[2], subs);
        if subs.len() > before {
            return clean_heading(&c[1]);
        }
    }
    clean_heading(rest)
}

/// Reads the markers at the start of one line (already stripped of indentation and quotes),
/// with the byte length of the marker.
fn parse_line(line: &str, ctx: LineCtx<'_>) -> LineMarkers {
    let mut m = read_markers(line, ctx);
    // The marker is the line's start up to its number (`Article 4`, `§ 612`, `Chapter II`),
    // or the chain of subdivision markers (`(2)(b)`).
    let label = m
        .unit
        .as_ref()
        .map(|u| u.label.as_str())
        .or(m.section.as_ref().map(|s| s.0.as_str()))
        .or(m.container.as_ref().and_then(|c| c.0.rsplit(' ').next()));
    if m.marker_end > 0 {
        return m;
    }
    m.marker_end = match label {
        Some(l) => {
            let lower = line.to_lowercase();
            match lower.find(&l.to_lowercase()) {
                // Lower-casing keeps byte lengths for the scripts markers use; check anyway.
                Some(p) if lower.len() == line.len() && line.is_char_boundary(p + l.len()) => {
                    p + l.len()
                }
                _ => line.find(char::is_whitespace).unwrap_or(line.len()),
            }
        }
        None if !m.subs.is_empty() => parse_subs(line, &mut Vec::new()),
        None => 0,
    };
    m
}

fn read_markers(line: &str, ctx: LineCtx<'_>) -> LineMarkers {
    let (section_mode, language) = (ctx.section_mode, ctx.language);
    let mut m = LineMarkers::default();
    if let Some(c) = DISPOSITIONS.captures(line) {
        m.container = Some((crate::text::collapse_ws(line.trim()), None));
        m.dispositions = Some(singular_disposition(&c[1]));
        return m;
    }
    if let Some(c) = DISPOSITION_UNIT.captures(line) {
        m.unit = Some(UnitMarker {
            word: UnitWord(format!("Disposición {}", singular_disposition(&c[1]))),
            label: c[2].to_lowercase(),
            heading: None,
        });
        unit_rest(c.get(3).map_or("", |r| r.as_str()), &mut m.subs);
        m.marker_end = c.get(2).map_or(0, |g| g.end());
        return m;
    }
    if let Some(kind) = ctx.dispositions {
        if let Some(c) = ORDINAL_UNIT.captures(line) {
            m.unit = Some(UnitMarker {
                word: UnitWord(format!("Disposición {kind}")),
                label: c[1].to_lowercase(),
                heading: None,
            });
            m.marker_end = c.get(1).map_or(0, |g| g.end());
            return m;
        }
    }
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
    if ctx.in_article && SECTION_SIGN_SUB.is_match(line) {
        unit_rest(line, &mut m.subs);
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
            let mut subs = Vec::new();
            let heading = unit_rest(rest, &mut subs);
            let label = match c[2].to_lowercase().as_str() {
                "premier" | "première" | "1er" => "1".to_string(),
                _ => c[2].to_string(),
            };
            m.unit = Some(UnitMarker {
                word: UnitWord(unit_word_display(&c[1], language)),
                label,
                heading,
            });
            m.subs = subs;
            m.marker_end = c.get(2).map_or(0, |g| g.end());
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
                let mut heading = None;
                if let Some(p) = c.get(3) {
                    m.subs.push(SubMarker {
                        style: Style {
                            wrap: Wrap::Paren,
                            class: Class::Number,
                        },
                        label: p.as_str().to_string(),
                        ambiguous_roman: false,
                    });
                } else if let Some(ic) = INLINE_SUBSECTION.captures(rest) {
                    // `1. Short title.—(1) This Act…`: the heading, then subsection (1).
                    let mut subs = Vec::new();
                    parse_subs(&ic[2], &mut subs);
                    if !subs.is_empty() {
                        heading = clean_heading(&ic[1]);
                        m.subs = subs;
                    }
                }
                m.section = Some((c[1].to_string(), heading));
                return m;
            }
        }
    }
    parse_subs(line, &mut m.subs);
    m
}

/// `transitorias` → `transitoria`, `finales` → `final`.
fn singular_disposition(kind: &str) -> &'static str {
    let k = kind.to_lowercase();
    if k.starts_with("transitori") {
        "transitoria"
    } else if k.starts_with("final") {
        "final"
    } else if k.starts_with("adicional") {
        "adicional"
    } else if k.starts_with("derogatori") {
        "derogatoria"
    } else {
        "complementaria"
    }
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
        let ctx = LineCtx {
            language,
            ..LineCtx::default()
        };
        read_markers(s, ctx).unit.is_some()
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

/// The current unit (word, label), open subdivisions and disposition kind, saved while inside
/// quoted text.
type SavedState = (Option<(String, String)>, Vec<Open>, Option<&'static str>);

/// An amending instruction read from a line, waiting for the quoted text it introduces.
#[derive(Debug, Clone)]
struct Instruction {
    /// Unit word as cited (`Art.`, `s.`, `Статья`).
    word: String,
    /// The unit number, then any paragraph the instruction names.
    path: Vec<String>,
    /// Inserts (rather than substitutes) text.
    inserts: bool,
    /// Citation of the amending provision.
    by: String,
}

/// Quoted text inside an amending law.
struct Quote {
    saved: SavedState,
    /// Citation of the amending provision, and whether it inserts text.
    by: Option<(String, bool)>,
    /// The instruction that introduced it: a quoted passage right after this one (`«1-1) …»;`
    /// `«6-1) …».`) belongs to the same instruction.
    instruction: Option<Instruction>,
}

/// Reads an amending instruction ("section 9 of the principal Act is amended by inserting after
/// section 12 the following section 12A", "статью 24 дополнить пунктом 3 следующего
/// содержания", "Après l'article 19-2, il est inséré un article 19-3 ainsi rédigé").
fn read_instruction(line: &str, language: &str) -> Option<(String, Vec<String>, bool)> {
    let verb = AMENDMENT_VERB.captures(line)?;
    let inserts = verb.get(1).is_some();
    if let Some(c) = AMENDMENT_NEW_UNIT.captures(line) {
        return Some((
            unit_word_display(&c[1], language),
            vec![c[2].to_string()],
            true,
        ));
    }
    let c = AMENDMENT_TARGET.captures(line)?;
    let mut path = vec![c[3].to_string()];
    if let Some(p) = c.get(1).or(c.get(4)) {
        path.push(p.as_str().to_string());
    }
    Some((unit_word_display(&c[2], language), path, inserts))
}

/// Whether a line introduces the text that follows it (`… as follows:`, `namely:—`,
/// `следующего содержания:`, `ainsi rédigé :`).
fn introduces_text(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['—', '–', '-', ' ']);
    t.ends_with(':') || INTRODUCES.is_match(line)
}

static INTRODUCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)as\s+follows|следующего\s+содержания|следующей\s+редакции|ainsi\s+rédigée?s?")
        .expect("introduces regex")
});

fn opening_quote(line: &Line<'_>, skipped: usize) -> bool {
    line.text[..skipped].contains(QUOTES)
}

fn closing_quote(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['.', ';', ','])
        .ends_with(['”', '"', '»', '“'])
}

/// Segments `text[body_start..]` into provisions. `language` (BCP 47) chooses the word used
/// for bare numbered sections (`s.` in English, `art.` in French).
///
/// In an amending law, quoted text introduced by an instruction that names the provision it
/// inserts or changes is cited as that provision (`Статья 14(1-1)(1)`, `s. 12A(2)`), and its
/// provisions record the amending provision in [`Provision::amended_by`].
pub fn segment(text: &str, body_start: usize, language: &str) -> Vec<Provision> {
    let lines = body_lines(text, body_start);
    let section_mode = !uses_unit_words(&lines, language);
    let mut out: Vec<Provision> = Vec::new();

    let mut unit: Option<(String, String)> = None; // (word, label)
    let mut open: Vec<Open> = Vec::new();
    let mut dispositions: Option<&'static str> = None;
    let mut last_section: Option<(u32, String)> = None;
    let mut previous_blank = false;
    let mut pending_heading: Option<usize> = None; // index of a candidate heading line
    // A unit just opened without a heading: a bracketed line after it is its heading.
    let mut heading_slot: Option<usize> = None;
    // Amending laws: the instruction waiting for its quoted text, and the quoted text open.
    let mut pending: Option<Instruction> = None;
    let mut quote: Option<Quote> = None;
    let mut seen_text = false;

    for (i, line) in lines.iter().enumerate() {
        let (stripped, skipped) = strip_line_start(line.text);
        if stripped.is_empty() {
            previous_blank = true;
            pending_heading = None;
            continue;
        }
        if let Some(slot) = heading_slot.take() {
            if let Some(c) = BRACKETED_HEADING.captures(stripped.trim_end()) {
                out[slot].heading = Some(c[1].trim().to_string());
                previous_blank = false;
                continue;
            }
        }
        let quoted = opening_quote(line, skipped);
        let ctx = LineCtx {
            section_mode,
            language,
            in_article: !quoted
                && unit.as_ref().is_some_and(|(w, _)| w == "Art.")
                && SECTION_SIGN_SUB
                    .find(stripped)
                    .is_some_and(|f| looks_like_heading(&stripped[f.end()..])),
            dispositions,
        };
        let mut m = parse_line(stripped, ctx);
        // The first line of a text is its title: a year or number there is not a marker.
        if !seen_text && m.unit.is_none() && m.container.is_none() && m.section.is_none() {
            m.subs.clear();
        }
        seen_text = true;
        // An instruction outside quoted text (after the line's own marker) ends any quoted
        // text left open.
        let instruction = if quoted || !introduces_text(stripped) {
            None
        } else {
            read_instruction(&stripped[m.marker_end.min(stripped.len())..], language)
        };
        if instruction.is_some() {
            if let Some(q) = quote.take() {
                (unit, open, dispositions) = q.saved;
            }
        }
        let has_marker = m.unit.is_some() || m.section.is_some() || !m.subs.is_empty();
        if quoted && quote.is_none() && (pending.is_some() || m.unit.is_some()) {
            let saved = (unit.take(), std::mem::take(&mut open), dispositions);
            let instruction = pending.clone();
            let by = match pending.take() {
                Some(p) => {
                    unit = Some((p.word, p.path[0].clone()));
                    open = p.path[1..]
                        .iter()
                        .map(|l| Open {
                            style: Style {
                                wrap: Wrap::Paren,
                                class: Class::Number,
                            },
                            label: l.clone(),
                        })
                        .collect();
                    Some((p.by, p.inserts))
                }
                None => out
                    .last()
                    .filter(|p| p.kind != ProvisionKind::Front && p.amended_by.is_none())
                    .map(|p| (p.citation.clone(), false)),
            };
            quote = Some(Quote {
                saved,
                by,
                instruction,
            });
        }
        let closes_quote = quote.is_some() && closing_quote(line.text);
        if has_marker && !quoted && instruction.is_none() {
            pending = None;
        }

        if let Some((label, _)) = &m.section {
            let order = section_order(label);
            let accept = match &last_section {
                // Quoted sections of an amended Act follow its numbering, not this one's.
                _ if quote.is_some() => true,
                None => order.0 <= 1000,
                Some(prev) => order > *prev && order.0 <= prev.0 + 60,
            };
            if !accept {
                m.section = None;
                m.subs.clear();
            } else if quote.is_none() {
                last_section = Some(order);
            }
        }

        let mut new_provision: Option<(ProvisionKind, Vec<String>, String, Option<String>)> = None;
        if let Some((name, heading)) = m.container.take() {
            unit = None;
            open.clear();
            dispositions = m.dispositions;
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
            Some((kind, path, mut citation, heading)) => {
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
                let amended_by = match quote.as_ref().and_then(|q| q.by.as_ref()) {
                    Some((by, inserts)) if kind != ProvisionKind::Container => {
                        let how = if *inserts { "inserted" } else { "amended" };
                        citation = format!("{citation} ({how} by {by})");
                        Some(by.clone())
                    }
                    _ => None,
                };
                let marker_start = line.start + skipped;
                if kind == ProvisionKind::Unit && heading.is_none() {
                    heading_slot = Some(out.len());
                }
                out.push(Provision {
                    kind,
                    citation,
                    path,
                    heading,
                    start,
                    end: text.len(),
                    marker: Some((marker_start, marker_start + m.marker_end)),
                    amended_by,
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
        if let Some((word, path, inserts)) = instruction {
            // The instruction's own provision is the one the line belongs to.
            let by = out
                .last()
                .filter(|p| p.kind != ProvisionKind::Front)
                .map(|p| p.citation.clone());
            pending = by.map(|by| Instruction {
                word,
                path,
                inserts,
                by,
            });
        }
        if closes_quote {
            if let Some(q) = quote.take() {
                (unit, open, dispositions) = q.saved;
                pending = q.instruction;
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
            marker: None,
            amended_by: None,
        });
        if !text[title_end..first_start].trim().is_empty() {
            front.push(Provision {
                kind: ProvisionKind::Front,
                citation: "Preamble".into(),
                path: vec!["Preamble".into()],
                heading: None,
                start: title_end,
                end: first_start,
                marker: None,
                amended_by: None,
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
        assert_eq!(
            cite_of(sk, "sk", "prehľad o osobách"),
            "§ 34a(2)(b) (amended by Čl. I(6))"
        );
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
        // `1. Short title.—(1)`: the heading, then subsection (1) on the same line.
        assert_eq!(c, ["Title", "Preamble", "Chapter I", "s. 1(1)"]);
        assert_eq!(p[3].kind, ProvisionKind::Subdivision);
        assert_eq!(p[3].heading.as_deref(), Some("Short title"));
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
        assert_eq!(
            cite_of(kz, "en", "notify the tax"),
            "Art. 14(1-1)(1) (inserted by (1))"
        );
        assert_eq!(
            cite_of(kz, "en", "provide information"),
            "Art. 14(1-1)(2) (inserted by (1))"
        );
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
    fn dashed_headings_open_their_first_subsection() {
        // Indian and older British drafting: heading, dash, subsection (1) on one line.
        let en = "Act\n\n12.—(1) No person shall act.\n(2) Nor shall any other.\n14. Returns.—(1) Every body shall file.\n(a) a list;\n";
        assert_eq!(
            cites(en, "en"),
            ["Title", "s. 12(1)", "s. 12(2)", "s. 14(1)", "s. 14(1)(a)"]
        );
        let ie = "Act\n\nSection 3.—(1) A body registers.\n(2) It renews.\n";
        assert_eq!(cites(ie, "en"), ["Title", "s. 3(1)", "s. 3(2)"]);
    }

    #[test]
    fn clause_words_and_bare_section_headings() {
        let bill =
            "A Bill\n\nClause 7 Supervision\n(1) The Minister supervises.\n(2) Reports are due.\n";
        assert_eq!(
            cites(bill, "en"),
            ["Title", "cl. 7", "cl. 7(1)", "cl. 7(2)"]
        );
        // Commonwealth consolidations: a bare number and a capitalised heading line.
        let nz = "Act\n\n9 Registration\n(1) A society must register.\n\n10 Annual return\n(1) A society files a return.\n";
        assert_eq!(
            cites(nz, "en"),
            ["Title", "s. 9", "s. 9(1)", "s. 10", "s. 10(1)"]
        );
    }

    #[test]
    fn a_bracketed_heading_under_the_number_is_the_heading() {
        let t = "Law\n\nArticle 6\n(Registration)\nOrganisations register.\n\nArticle 7\n(Reports)\n(1) They report.\n";
        let p = segment(t, 0, "en");
        let a6 = p.iter().find(|p| p.citation == "Art. 6").expect("Art. 6");
        assert_eq!(a6.heading.as_deref(), Some("Registration"));
        assert!(p.iter().any(|p| p.citation == "Art. 7(1)"));
        assert!(!p.iter().any(|p| p.citation.contains("Registration")));
    }

    #[test]
    fn section_signs_inside_articles_are_paragraphs() {
        // Polish and Brazilian drafting: `Art. 5. § 1.` then `§ 2.`
        let pl = "Ustawa\n\nArt. 5. § 1. Stowarzyszenie rejestruje się.\n§ 2. Rejestr jest jawny.\nArt. 6. Tekst.\n";
        assert_eq!(
            cites(pl, "pl"),
            ["Title", "Art. 5(1)", "Art. 5(2)", "Art. 6"]
        );
        let br = "Lei\n\nArt. 12. As associações prestam contas.\n§ 1º A prestação é anual.\n§ 2º O relatório é público.\n";
        assert_eq!(
            cites(br, "pt"),
            ["Title", "Art. 12", "Art. 12(1)", "Art. 12(2)"]
        );
        assert_eq!(
            normalize_citation("Art. 5 § 2"),
            normalize_citation("Art. 5(2)")
        );
    }

    #[test]
    fn russian_dotted_points_and_decimal_articles() {
        let ru = "Закон\n\nСтатья 13.1. Отчеты\n1. Организация представляет:\n1.1. годовой отчет;\n1.2. сведения о донорах.\n2. Иное.\n";
        assert_eq!(
            cites(ru, "ru"),
            [
                "Title",
                "Статья 13.1",
                "Статья 13.1(1)",
                "Статья 13.1(1.1)",
                "Статья 13.1(1.2)",
                "Статья 13.1(2)"
            ]
        );
        // The same convention in a Kazakh-style English translation.
        let en = "Law\n\nArticle 4. Purposes\n1. Aid may not be used for:\n1.1. elections;\n1.2. rallies.\n";
        assert_eq!(cite_of(en, "en", "rallies"), "Art. 4(1.2)");
    }

    #[test]
    fn slash_dash_and_degree_items() {
        // Ethiopian proclamations number sub-articles `1/`.
        let et = "Proclamation\n\nArticle 2. Definitions\n1/ \"Agency\" means the body;\n2/ \"Board\" means its board.\n";
        assert_eq!(cite_of(et, "en", "its board"), "Art. 2(2)");
        // Translations of Egyptian and other Arabic-tradition laws use `1-`.
        let eg = "Law\n\nArticle 15\nThe association may not:\n1- form secret bodies;\n2- fund parties.\n";
        assert_eq!(cite_of(eg, "en", "fund parties"), "Art. 15(2)");
        // French and Spanish ordinals `1°`.
        let fr = "Loi\n\nArticle 3\nL'association s'engage :\n1° À respecter la loi ;\n2° À publier ses comptes.\n";
        assert_eq!(cite_of(fr, "fr", "publier"), "Art. 3(2)");
        let es = "Ley\n\nArtículo 9°.- Registro\nLa inscripción exige:\n1° el acta;\n2° los estatutos.\n";
        assert_eq!(cite_of(es, "es", "estatutos"), "Art. 9(2)");
        // `(1A)`: a subsection inserted between (1) and (2).
        let ind = "Act\n\n12. Grant.—(1) An application is made.\n(1A) Every applicant furnishes numbers.\n(2) The Government decides.\n";
        assert_eq!(cite_of(ind, "en", "furnishes"), "s. 12(1A)");
    }

    #[test]
    fn spanish_articles_chapters_and_dispositions() {
        let es = "LEY DE ASOCIACIONES\n\nCAPÍTULO II\nDel registro\n\nArtículo 5.- Obligación\nLas asociaciones deberán:\na) inscribirse;\nb) informar.\nArt. 6.- Plazo. Treinta días.\nArt. 7. Sanciones\n1. Multa.\n\nDISPOSICIONES TRANSITORIAS\n\nPrimera.- Las asociaciones existentes se adecuarán.\nSegunda.- El reglamento se dictará.\n\nDisposición final única. Vigencia inmediata.\n";
        assert_eq!(
            cites(es, "es"),
            [
                "Title",
                "Capítulo II",
                "Art. 5",
                "Art. 5(a)",
                "Art. 5(b)",
                "Art. 6",
                "Art. 7",
                "Art. 7(1)",
                "DISPOSICIONES TRANSITORIAS",
                "Disposición transitoria primera",
                "Disposición transitoria segunda",
                "Disposición final única"
            ]
        );
        assert!(citation_within(
            &cite_of(es, "es", "informar"),
            "Art. 5, literal b)"
        ));
        assert!(citation_within(
            &cite_of(es, "es", "se adecuarán"),
            "Disposición Transitoria Primera"
        ));
        // Peruvian and Chilean drafting: `Artículo 3°.-`, `Título`.
        let pe = "Ley\n\nTÍTULO I\nDisposiciones generales\n\nArtículo 3°.- Ámbito\n3.1 Texto.\n";
        assert_eq!(cites(pe, "es")[1..3], ["Título I", "Art. 3"]);
    }

    #[test]
    fn amending_acts_cite_the_inserted_provision_in_three_languages() {
        // English: a principal Act amended by inserting a section.
        let en = "Amendment Act\n\n9. Insertion of new section 12A.—The principal Act is amended by inserting after section 12 the following section, namely:—\n“12A. Identity of officers.—(1) Every association shall give the identity numbers of its officers.\n(2) The numbers are kept.”\n10. Commencement.—This Act comes into force at once.\n";
        assert_eq!(
            cite_of(en, "en", "identity numbers"),
            "s. 12A(1) (inserted by s. 9)"
        );
        assert_eq!(cite_of(en, "en", "comes into force"), "s. 10");
        let p = segment(en, 0, "en");
        let inserted = p
            .iter()
            .find(|p| p.citation.starts_with("s. 12A(2)"))
            .expect("s. 12A(2)");
        assert_eq!(inserted.amended_by.as_deref(), Some("s. 9"));
        assert_eq!(inserted.path, ["12A", "2"]);
        // English translation of a Council-of-Europe-style amending law.
        let bg = "Act\n\n§ 1. In Article 40 the following paragraph is inserted:\n\"(3) The register is public.\"\n§ 2. Text.\n";
        assert_eq!(
            cite_of(bg, "en", "register is public"),
            "Art. 40(3) (inserted by § 1)"
        );
        // Russian: `статью 24 дополнить пунктом 3 следующего содержания`.
        let ru = "Закон\n\nСтатья 1. Внести в Закон следующие изменения:\n1) статью 24 дополнить пунктом 3 следующего содержания:\n«3. Организация ежеквартально представляет отчет.»;\n2) дополнить статьей 24-1 следующего содержания:\n«Статья 24-1. Реестр\n1. Орган ведет реестр.»\nСтатья 2. Закон вступает в силу.\n";
        assert_eq!(
            cite_of(ru, "ru", "ежеквартально"),
            "Статья 24(3) (inserted by Статья 1(1))"
        );
        assert_eq!(
            cite_of(ru, "ru", "ведет реестр"),
            "Статья 24-1(1) (inserted by Статья 1(2))"
        );
        assert_eq!(cite_of(ru, "ru", "вступает в силу"), "Статья 2");
        // French: `il est inséré un article 19-3 ainsi rédigé`.
        let fr = "Loi\n\nArticle 77\nAprès l'article 19-2 de la loi du 1er janvier 1900, il est inséré un article 19-3 ainsi rédigé :\n« Art. 19-3. – I. – Les associations déclarent leurs ressources.\n« II. – L'autorité peut s'opposer au bénéfice des ressources. »\nArticle 78\nTexte.\n";
        assert_eq!(
            cite_of(fr, "fr", "s'opposer"),
            "Art. 19-3(II) (inserted by Art. 77)"
        );
        assert_eq!(cite_of(fr, "fr", "Texte."), "Art. 78");
        assert!(citation_within(
            &cite_of(fr, "fr", "s'opposer"),
            "art. 19-3(II)"
        ));
    }

    #[test]
    fn markers_are_recorded() {
        let t = "Law\n\nArticle 4 – Scope\n(2) Text.\n";
        let p = segment(t, 0, "en");
        let a = p.iter().find(|p| p.citation == "Art. 4").expect("Art. 4");
        let (s, e) = a.marker.expect("marker");
        assert_eq!(&t[s..e], "Article 4");
        let sub = p.iter().find(|p| p.citation == "Art. 4(2)").expect("(2)");
        let (s, e) = sub.marker.expect("marker");
        assert_eq!(&t[s..e], "(2)");
        assert_eq!(p[0].marker, None);
    }

    #[test]
    fn text_without_markers_is_one_front_segment() {
        let p = segment("Just some prose.\nMore prose.\n", 0, "en");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProvisionKind::Front);
    }
}
