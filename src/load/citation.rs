//! Citations: the words drafters use for units and subdivisions, how a unit word is cited,
//! and how two citations of the same place are compared.
//!
//! One table ([`UNIT_WORDS`]) says which words name articles and sections and how each is
//! cited (`статью`, `статья`, `ст.` → `Статья`; `section` → `s.`, or `art.` in French); one
//! ([`SUBDIVISION_WORDS`]) lists the words for paragraphs and points (`paragraph`, `пункт`,
//! `literal`, `numeral`, `inciso`…). The segmenter cites with the first, and
//! [`normalize_citation`] drops both, so that `Art. 7, literal b)`, `Art. 7(b)` and
//! `article 7, b)` compare equal.
//!
//! Answer keys and analysts write citations in a richer notation, which
//! [`citation_within`] reads:
//!
//! * alternatives separated by `; ` (`Art. 9(1); Art. 10`): any one matches;
//! * ranges: `Art. 9(1)-(5)`, `Sections 58-61`, `items 1) to 3)`, `Arts 4 to 6`;
//! * remarks in brackets after the provision, such as the act it belongs to
//!   (`Art. 40a(1) (Non-Profit Legal Entities Act)`) or the amending provision
//!   (`s. 12A (inserted by s. 9)`): a bracketed group with a space in it, or a word of four
//!   letters or more that is not a roman numeral, is not a component.

use std::sync::LazyLock;

use regex::Regex;

/// Unit words as spelt in texts and instructions (lower case), with their cited form;
/// `None` for `section`, whose cited form depends on the language (`s.`, or `art.` in French).
pub const UNIT_WORDS: &[(&str, Option<&str>)] = &[
    ("article", Some("Art.")),
    ("articles", Some("Art.")),
    ("art.", Some("Art.")),
    ("art", Some("Art.")),
    ("arts", Some("Art.")),
    ("l'article", Some("Art.")),
    ("artikel", Some("Art.")),
    ("artículo", Some("Art.")),
    ("articulo", Some("Art.")),
    ("articolo", Some("Art.")),
    ("artigo", Some("Art.")),
    ("section", None),
    ("sections", None),
    ("sec.", None),
    ("sec", None),
    ("s.", None),
    ("s", None),
    ("ss", None),
    ("clause", Some("cl.")),
    ("cl.", Some("cl.")),
    ("cl", Some("cl.")),
    ("§", Some("§")),
    ("član", Some("Član")),
    ("clan", Some("Član")),
    ("članak", Some("Članak")),
    ("čl.", Some("Čl.")),
    ("čl", Some("Čl.")),
    ("článok", Some("Čl.")),
    ("статья", Some("Статья")),
    ("статью", Some("Статья")),
    ("статьи", Some("Статья")),
    ("статьей", Some("Статья")),
    ("статьёй", Some("Статья")),
    ("ст.", Some("Статья")),
    ("ст", Some("Статья")),
    ("стаття", Some("Стаття")),
    ("მუხლი", Some("მუხლი")),
    ("cikk", Some("cikk")),
];

/// Words for paragraphs, points and items, dropped when citations are compared.
pub const SUBDIVISION_WORDS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "par",
    "subsection",
    "sub-section",
    "subparagraph",
    "subpara",
    "sub-clause",
    "point",
    "points",
    "item",
    "items",
    "letter",
    "lit",
    "no",
    "pkt",
    "ods",
    "písm",
    "bekezdés",
    "pont",
    "пункт",
    "пункта",
    "п",
    "подпункт",
    "пп",
    "часть",
    "ч",
    "абзац",
    "პუნქტი",
    "ქვეპუნქტი",
    "alinéa",
    "al",
    "paragraphe",
    "sous-paragraphe",
    "literal",
    "numeral",
    "inciso",
    "párrafo",
    "apartado",
    "fracción",
    "of",
    "and",
];

/// The cited form of a unit word (`Art.`, `s.`, `Статья`), or `None` for a word that is not
/// one.
pub fn cited_unit_word(word: &str, language: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let (_, cited) = UNIT_WORDS.iter().find(|(w, _)| *w == lower)?;
    Some(match cited {
        Some(c) => (*c).to_string(),
        None if language.starts_with("fr") => "art.".into(),
        None => "s.".into(),
    })
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

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Removes bracketed remarks: `(Non-Profit Legal Entities Act)`, `(inserted by s. 9)`,
/// `(inserted by Статья 1(1)(1))`. Brackets are matched, so a remark may contain citations.
fn drop_remarks(citation: &str) -> String {
    let remark = |inner: &str| {
        inner.trim().contains(char::is_whitespace)
            || inner
                .split(|ch: char| !ch.is_alphabetic())
                .any(|w| w.chars().count() >= 4 && !is_roman(w))
    };
    let mut out = String::with_capacity(citation.len());
    let mut depth = 0usize;
    let mut group_start = 0;
    for (i, c) in citation.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    group_start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let group = &citation[group_start..=i];
                    if !remark(&group[1..group.len() - 1]) {
                        out.push_str(group);
                    }
                }
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        // An unclosed bracket: keep the rest as it is.
        out.push_str(&citation[group_start..]);
    }
    out
}

/// Normalises a citation to comparable components: unit and subdivision words dropped,
/// brackets and punctuation ignored, dotted items split, Georgian and Cyrillic point letters
/// mapped to Latin ones, bracketed remarks dropped, and `Title`, `Long title` and `Preamble`
/// all mapped to `front`.
///
/// `Art. 2(1)(a)`, `article 2, paragraph 1, a)`, `მუხლი 2(1)(ა)` all give `["2", "1", "a"]`;
/// `1. § (2)` gives `["1", "2"]`.
pub fn normalize_citation(citation: &str) -> Vec<String> {
    let lower = drop_remarks(citation).trim().to_lowercase();
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
    let mut out = Vec::new();
    for token in
        lower.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '[' | ']'))
    {
        let t = token.trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '–' | '—'));
        if t.is_empty()
            || SUBDIVISION_WORDS.contains(&t)
            || UNIT_WORDS.iter().any(|(w, _)| w.trim_end_matches('.') == t)
        {
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

/// Expands one label range (`1`…`5`, `a`…`d`), or `None` when the ends are not of one kind or
/// the range is not short.
fn expand_range(from: &str, to: &str) -> Option<Vec<String>> {
    if let (Ok(a), Ok(b)) = (from.parse::<u32>(), to.parse::<u32>()) {
        return (a < b && b - a <= 200).then(|| (a..=b).map(|n| n.to_string()).collect());
    }
    let (mut fa, mut fb) = (from.chars(), to.chars());
    match (fa.next(), fa.next(), fb.next(), fb.next()) {
        (Some(a), None, Some(b), None) if a.is_ascii_lowercase() && b.is_ascii_lowercase() => {
            (a < b).then(|| (a..=b).map(String::from).collect())
        }
        _ => None,
    }
}

/// The places one key citation stands for: its alternatives (`; `), each range expanded.
pub fn key_places(key: &str) -> Vec<Vec<String>> {
    // `(1)-(5)`, `1) to 3)`, `58-61` after a plural word, `5 to 7`.
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(.*?)(?:\((\w+)\)\s*(?:[-–]|to)\s*\((\w+)\)|(\w+)\)\s*(?:[-–]|to)\s*(\w+)\)|\b(?:sections|articles|arts\.?|ss\.?|items|points|paragraphs|paras\.?)\s+(\d+)\s*(?:[-–]|to)\s*(\d+)|\b(\d+)\s+to\s+(\d+))(.*)$",
        )
        .expect("citation range regex")
    });
    let mut out = Vec::new();
    for alt in key.split("; ").map(str::trim).filter(|a| !a.is_empty()) {
        let alt = drop_remarks(alt);
        let expanded = RANGE.captures(&alt).and_then(|c| {
            let pick = |a: usize, b: usize| Some((c.get(a)?.as_str(), c.get(b)?.as_str()));
            let (from, to) = pick(2, 3)
                .or_else(|| pick(4, 5))
                .or_else(|| pick(6, 7))
                .or_else(|| pick(8, 9))?;
            let labels = expand_range(&from.to_lowercase(), &to.to_lowercase())?;
            let (head, tail) = (&c[1], &c[10]);
            Some(
                labels
                    .into_iter()
                    .map(|l| normalize_citation(&format!("{head} ({l}) {tail}")))
                    .collect::<Vec<_>>(),
            )
        });
        match expanded {
            Some(places) => out.extend(places),
            None => out.push(normalize_citation(&alt)),
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// True when the provision cited by `finding` is the place `key` cites or lies inside it;
/// `key` may give alternatives and ranges (see the module documentation).
pub fn citation_within(finding: &str, key: &str) -> bool {
    let f = normalize_citation(finding);
    key_places(key)
        .iter()
        .any(|k| f.len() >= k.len() && f[..k.len()] == k[..])
}

#[cfg(test)]
mod tests {
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
    fn spanish_and_russian_subdivision_words() {
        let b = normalize_citation("Art. 7(b)");
        assert_eq!(normalize_citation("Art. 7, literal b)"), b);
        assert_eq!(normalize_citation("Art. 7, inciso b)"), b);
        assert_eq!(normalize_citation("Art. 11 numeral 2"), ["11", "2"]);
        assert_eq!(
            normalize_citation("статья 5, пункт 2, абзац 3"),
            ["5", "2", "3"]
        );
        assert_eq!(normalize_citation("Статья 4(1.6)"), ["4", "1", "6"]);
        assert_eq!(normalize_citation("Art. 5 § 2"), ["5", "2"]);
        assert_eq!(normalize_citation("Clause 7(2)"), ["7", "2"]);
    }

    #[test]
    fn remarks_in_brackets_are_not_components() {
        assert_eq!(
            normalize_citation("Art. 40a(1) (Non-Profit Legal Entities Act)"),
            ["40a", "1"]
        );
        assert_eq!(normalize_citation("s. 12A (inserted by s. 9)"), ["12a"]);
        assert_eq!(
            normalize_citation("Статья 14(1-1)(1) (inserted by Статья 1(1)(1))"),
            ["14", "1-1", "1"]
        );
        assert_eq!(
            normalize_citation("s. 2(1)(j)(viii)"),
            ["2", "1", "j", "viii"]
        );
    }

    #[test]
    fn within() {
        assert!(citation_within("§ 612(a)(2)", "§ 612(a)"));
        assert!(citation_within("Art. 1(c.a.a)", "Art. 1(c.a)"));
        assert!(!citation_within("§ 612(b)", "§ 612(a)"));
        assert!(!citation_within("§ 61", "§ 612"));
        assert!(citation_within("მუხლი 8(2)(ა)", "მუხლი 8(2)(ა)"));
        assert!(citation_within(
            "art. 19-3(II) (inserted by Art. 77)",
            "art. 19-3(II)"
        ));
    }

    #[test]
    fn alternatives_and_ranges() {
        assert!(citation_within("Art. 10(2)", "Art. 9(1); Art. 10"));
        assert!(!citation_within("Art. 11", "Art. 9(1); Art. 10"));
        assert!(citation_within("Art. 9(3)(a)", "Art. 9(1)-(5)"));
        assert!(!citation_within("Art. 9(6)", "Art. 9(1)-(5)"));
        assert!(citation_within("s. 60(1)", "Sections 58-61"));
        assert!(!citation_within("s. 62", "Sections 58-61"));
        assert!(citation_within("Art. 4(2)", "Art. 4, items 1) to 3)"));
        assert!(!citation_within("Art. 4(4)", "Art. 4, items 1) to 3)"));
        assert!(citation_within("Art. 3(c)", "Art. 3(a)-(d)"));
        // A label with a hyphen is one label, not a range.
        assert!(citation_within("Статья 14(1-1)(2)", "Статья 14(1-1)"));
        assert!(!citation_within("Статья 14(1)", "Статья 14(1-1)"));
        // Alternatives combine with remarks.
        assert!(citation_within(
            "Art. 40a(2)",
            "Art. 40a (Non-Profit Legal Entities Act); Art. 47a"
        ));
    }
}
