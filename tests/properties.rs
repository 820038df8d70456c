//! Invariants of loading and matching on generated texts.
//!
//! The texts are built from the pieces real laws are made of: unit, container and
//! subdivision markers in several languages and numbering styles, words and phrases in Latin,
//! Cyrillic and Georgian script (including phrases the embedded rules flag), punctuation,
//! quotation marks, brackets, blank lines, CRLF line ends, combining marks and characters
//! outside the Basic Multilingual Plane. For every such text:
//!
//! * the provisions cover the body contiguously, from the end of the front matter to the end
//!   of the text, each non-empty and on character boundaries;
//! * every citation is well-formed: non-empty, parentheses balanced;
//! * every finding's span lies inside the text on character boundaries, its `text` is
//!   `law.text[start..end]`, its line and column agree with the span, and its provision is
//!   the one containing its start;
//! * findings are sorted by (start, rule) and identical across two runs.

use std::path::Path;
use std::sync::LazyLock;

use agentlaw::load::{Law, Loader, segment};
use agentlaw::matching::match_law;
use agentlaw::rules::RuleBook;
use proptest::prelude::*;

static BOOK: LazyLock<RuleBook> =
    LazyLock::new(|| RuleBook::embedded().unwrap_or_else(|e| panic!("{e}")));

const LANGUAGES: &[&str] = &["en", "ru", "ka", "fr", "hu", "sr", "sk", "tlh"];

const MARKERS: &[&str] = &[
    "Article 1",
    "Article 2 – Definitions",
    "Art. 3.",
    "ARTICLE 14",
    "Article premier",
    "§ 5",
    "§ 612.",
    "1. §",
    "Section 12.",
    "5 (1)",
    "8.",
    "Статья 4.",
    "Статья 5. Общие положения",
    "მუხლი 6.",
    "მუხლი 7. მიზანი",
    "Článek 3",
    "Čl. I",
    "Član 1.",
    "Chapter II",
    "PART 4",
    "Глава 2",
    "თავი I",
    "I. Fejezet",
    "(1)",
    "(2)",
    "1.",
    "2)",
    "a)",
    "(a)",
    "(b)",
    "(h)",
    "(i)",
    "(ii)",
    "(A)",
    "ა)",
    "ბ)",
    "а)",
    "б)",
    "b.a.)",
    "1-1.",
    "«1.",
    "“(a)",
];

const WORDS: &[&str] = &[
    "foreign agent",
    "foreign agents",
    "foreign funding",
    "any organisation",
    "shall register",
    "political activity",
    "at any time",
    "inspect",
    "a fine of EUR 10,000",
    "dissolution",
    "without a court order",
    "the Ministry",
    "may",
    "within 10 days",
    "иностранный агент",
    "иностранного влияния",
    "организация",
    "штраф",
    "обязан",
    "უცხოური ძალის ინტერესების გამტარებელი",
    "ორგანიზაცია",
    "ჯარიმა",
    "agent de l'étranger",
    "financement étranger",
    "külföldről támogatott szervezet",
    "strani agent",
    "zahraničný",
    "café",
    "cafe\u{301}",
    "🙂",
    "𝔸",
    "Art.",
    "No.",
    "e.g.",
    "(see Article 3)",
    "(",
    ")",
    "«",
    "»",
    "“",
    "”",
    "—",
    ";",
    ",",
    ".",
    ":",
    "\t",
];

/// One line: indentation, an optional marker, then words.
fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["", "", "", "  ", "\t", "“"][..]),
        prop::option::weighted(0.6, prop::sample::select(MARKERS)),
        prop::collection::vec(prop::sample::select(WORDS), 0..12),
        prop::sample::select(&["\n", "\n", "\n", "\n\n", "\r\n", ".\n", ""][..]),
    )
        .prop_map(|(indent, marker, words, end)| {
            let mut s = indent.to_string();
            if let Some(m) = marker {
                s.push_str(m);
                s.push(' ');
            }
            s.push_str(&words.join(" "));
            s.push_str(end);
            s
        })
}

/// A law: front matter with a language, a title, then lines. At least one letter, so the
/// body is never empty.
fn law_text() -> impl Strategy<Value = (String, String)> {
    (
        prop::sample::select(LANGUAGES),
        prop::collection::vec(line(), 0..30),
    )
        .prop_map(|(lang, lines)| {
            (
                lang.to_string(),
                format!(
                    "+++\nlanguage = \"{lang}\"\n+++\nLaw on something\n\n{}",
                    lines.concat()
                ),
            )
        })
}

fn load(text: &str) -> Law {
    Loader::default()
        .load_text(Path::new("generated.txt"), text.to_string(), None)
        .unwrap_or_else(|e| panic!("loads: {e}\n{text:?}"))
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

fn check_provisions(text: &str, start: usize, provisions: &[segment::Provision]) {
    let mut pos = start;
    for p in provisions {
        assert_eq!(p.start, pos, "contiguous at {pos}: {provisions:#?}");
        assert!(p.start < p.end, "non-empty: {p:?}");
        assert!(p.end <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(!p.citation.trim().is_empty(), "citation: {p:?}");
        assert!(balanced(&p.citation), "balanced: {:?}", p.citation);
        pos = p.end;
    }
    assert_eq!(
        pos,
        text.len(),
        "the provisions reach the end: {provisions:#?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn segmentation_covers_the_body_with_well_formed_citations((lang, text) in law_text()) {
        let law = load(&text);
        prop_assert!(!law.provisions.is_empty());
        check_provisions(&law.text, law.body_start, &law.provisions);
        // The segmenter itself, on the same body, before the loader's fallback.
        let raw = segment::segment(&law.text, law.body_start, &lang);
        check_provisions(&law.text, law.body_start, &raw);
        for (i, p) in law.provisions.iter().enumerate() {
            prop_assert_eq!(law.provision_at(p.start), Some(i));
            prop_assert_eq!(law.provision_at(p.end - 1), Some(i));
        }
    }

    #[test]
    fn findings_quote_their_spans_and_are_stable((_lang, text) in law_text()) {
        let law = load(&text);
        let findings = match_law(&BOOK, &law);
        for f in &findings {
            prop_assert!(f.start < f.end && f.end <= law.text.len(), "{:?}", f);
            prop_assert!(law.text.is_char_boundary(f.start) && law.text.is_char_boundary(f.end));
            prop_assert_eq!(f.text.as_str(), &law.text[f.start..f.end]);
            prop_assert!(f.start >= law.body_start, "not in the front matter: {:?}", f);
            // Line and column, computed independently.
            let before = &law.text[..f.start];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = law.text[line_start..f.start].chars().count() + 1;
            prop_assert_eq!((f.line, f.column), (line, column), "{:?}", f);
            let p = law.provision_at(f.start).expect("in a provision");
            prop_assert_eq!(&f.provision, &law.provisions[p].citation);
            prop_assert!(f.end <= law.provisions[p].end, "within its provision: {:?}", f);
        }
        let keys: Vec<(usize, &str)> = findings.iter().map(|f| (f.start, f.rule.as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        prop_assert_eq!(&findings, &match_law(&BOOK, &law));
        prop_assert_eq!(&findings, &match_law(&BOOK, &load(&text)));
    }
}

/// The generator does reach the interesting cases: markers are recognised and rules fire.
#[test]
fn generated_texts_have_provisions_and_findings() {
    let law = load(
        "+++\nlanguage = \"en\"\n+++\nLaw on something\n\nArticle 1\n(1) Any organisation that receives foreign funding shall register as a foreign agent.\n(a) The Ministry may inspect at any time.\n",
    );
    assert!(law.provision_count() >= 3, "{:?}", law.provisions);
    assert!(!match_law(&BOOK, &law).is_empty());
}
