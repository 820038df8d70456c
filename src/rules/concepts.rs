//! Concept classes: named vocabulary per language (`rules/<lang>/concepts.toml`).
//!
//! A class such as `authority` lists the words a language uses for one legal concept
//! (ministry, registering body, agency…). Rule patterns, exceptions, `near` patterns,
//! safeguards and profile-spec patterns refer to it as `{authority}`; the reference is
//! replaced by a non-capturing alternation of the class's members before the pattern is
//! compiled, so one synonym added to the class reaches every rule that uses it.
//!
//! The syntax cannot collide with a valid regular expression: outside a character class and
//! not escaped, `{` followed by a letter is an error in Rust's regex syntax (a counted
//! repetition starts with a digit), so no existing pattern can mean anything by it. Inside a
//! class (`[{a}]`) or after a backslash (`\{`, `\p{Greek}`) it keeps its regex meaning.
//!
//! A class has members of three forms, all compiled to plain regex (so matching stays
//! linear in the text):
//! * `patterns`: regex fragments, which may themselves refer to other classes (cycles are an
//!   error);
//! * `terms`: literal phrases, any white space between their words, word boundaries at ends;
//! * `stems`: words (or phrases) whose every inflection should match. Each word is reduced with
//!   the Snowball stemmer of the class's language (crate `rust-stemmers`) and matches as
//!   `\b<stem>\w*`, where `<stem>` is the longest common prefix of the word and its Snowball
//!   stem (so that "agency", stemmed "agenci", still matches as `agenc\w*`). A stem shorter
//!   than [`MIN_STEM_CHARS`] characters is refused: it would match unrelated words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// Shortest stem a `stems` entry may produce, in characters.
pub const MIN_STEM_CHARS: usize = 3;

/// A concepts file: a `[concepts]` header and `[[concept]]` classes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConceptsFile {
    /// The header.
    pub concepts: RawConceptsHeader,
    /// The classes.
    #[serde(default)]
    pub concept: Vec<Spanned<RawConcept>>,
}

/// `[concepts]` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConceptsHeader {
    /// BCP 47 language of the laws the classes describe.
    pub language: Spanned<String>,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A concept class as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    /// Id, referred to as `{id}`: a letter, then letters, digits, `-` or `_`.
    pub id: Spanned<String>,
    /// Title.
    pub title: String,
    /// What the class covers.
    #[serde(default)]
    pub description: Option<String>,
    /// Regex fragments (may refer to other classes).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Literal phrases.
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// Words matched in any inflection (Snowball stem).
    #[serde(default)]
    pub stems: Vec<Spanned<String>>,
}

/// A compiled concept class.
#[derive(Debug, Clone, Serialize)]
pub struct Concept {
    /// Id.
    pub id: String,
    /// Primary language subtag.
    pub language: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Patterns as written.
    pub patterns: Vec<String>,
    /// Terms as written.
    pub terms: Vec<String>,
    /// Stem words as written, each with the regex it became.
    pub stems: Vec<(String, String)>,
    /// The expression that replaces `{id}`: a non-capturing group.
    pub expansion: String,
    /// Where it is defined: `file:line`.
    pub location: String,
}

/// A reference to a class that cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpandError {
    /// Byte offset of the `{` in the pattern.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// True for a valid class id.
pub fn is_concept_id(id: &str) -> bool {
    let mut c = id.chars();
    c.next().is_some_and(|c| c.is_ascii_alphabetic())
        && c.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// The class references in `pattern`, with the byte offset of each `{`, in order.
pub fn references(pattern: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    scan(pattern, |offset, name| {
        out.push((offset, name.to_string()));
        None
    });
    out
}

/// Walks `pattern`, calling `f` at each class reference; `f` returns the replacement text
/// (or `None` to keep it). Returns the rewritten pattern.
fn scan(pattern: &str, mut f: impl FnMut(usize, &str) -> Option<String>) -> String {
    let b = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    let mut class_depth = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' {
            // An escape: `\{` is a literal brace; `\p{…}`, `\x{…}`, `\u{…}` carry braces.
            let mut j = (i + 2).min(b.len());
            if matches!(b.get(i + 1), Some(b'p' | b'P' | b'x' | b'u' | b'U'))
                && b.get(j) == Some(&b'{')
            {
                while j < b.len() && b[j] != b'}' {
                    j += 1;
                }
                j = (j + 1).min(b.len());
            }
            // Keep whole characters.
            while j < b.len() && !pattern.is_char_boundary(j) {
                j += 1;
            }
            out.push_str(&pattern[i..j]);
            i = j;
            continue;
        }
        if c == b'[' {
            class_depth += 1;
            out.push('[');
            i += 1;
            // `[]…]` and `[^]…]`: a leading `]` is literal.
            if b.get(i) == Some(&b'^') {
                out.push('^');
                i += 1;
            }
            if b.get(i) == Some(&b']') {
                out.push(']');
                i += 1;
            }
            continue;
        }
        if c == b']' && class_depth > 0 {
            class_depth -= 1;
            out.push(']');
            i += 1;
            continue;
        }
        if c == b'{' && class_depth == 0 && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b'_')) {
                j += 1;
            }
            if b.get(j) == Some(&b'}') {
                let name = &pattern[i + 1..j];
                match f(i, name) {
                    Some(rep) => out.push_str(&rep),
                    None => out.push_str(&pattern[i..=j]),
                }
                i = j + 1;
                continue;
            }
        }
        let ch_len = pattern[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&pattern[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// Replaces every class reference in `pattern` with the class's expansion from `classes`.
pub fn expand(pattern: &str, classes: &BTreeMap<String, String>) -> Result<String, ExpandError> {
    let mut err = None;
    let out = scan(pattern, |offset, name| match classes.get(name) {
        Some(e) => Some(e.clone()),
        None => {
            if err.is_none() {
                let known: Vec<&str> = classes.keys().map(String::as_str).collect();
                err = Some(ExpandError {
                    offset,
                    message: if known.is_empty() {
                        format!(
                            "unknown concept class `{{{name}}}` (no concepts file for this language)"
                        )
                    } else {
                        format!(
                            "unknown concept class `{{{name}}}` (known: {})",
                            known.join(", ")
                        )
                    },
                });
            }
            None
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The Snowball algorithm for a primary language subtag, if `rust-stemmers` has one.
pub fn stemmer_for(language: &str) -> Option<rust_stemmers::Algorithm> {
    use rust_stemmers::Algorithm as A;
    Some(match language {
        "ar" => A::Arabic,
        "da" => A::Danish,
        "nl" => A::Dutch,
        "en" => A::English,
        "fi" => A::Finnish,
        "fr" => A::French,
        "de" => A::German,
        "el" => A::Greek,
        "hu" => A::Hungarian,
        "it" => A::Italian,
        "no" | "nb" | "nn" => A::Norwegian,
        "pt" => A::Portuguese,
        "ro" => A::Romanian,
        "ru" => A::Russian,
        "es" => A::Spanish,
        "sv" => A::Swedish,
        "ta" => A::Tamil,
        "tr" => A::Turkish,
        _ => return None,
    })
}

/// The regex a `stems` entry becomes: each word as `\b<prefix>\w*`, words joined by `\s+`.
pub fn stem_expression(stemmer: &rust_stemmers::Stemmer, entry: &str) -> Result<String, String> {
    let words: Vec<&str> = entry.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty stem".into());
    }
    let mut parts = Vec::new();
    for w in words {
        let lower = w.to_lowercase();
        let stem = stemmer.stem(&lower);
        let prefix: String = lower
            .chars()
            .zip(stem.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
        if prefix.chars().count() < MIN_STEM_CHARS {
            return Err(format!(
                "the stem of `{w}` is `{prefix}`, shorter than {MIN_STEM_CHARS} letters: write it as a pattern"
            ));
        }
        if !prefix.chars().all(char::is_alphanumeric) {
            return Err(format!(
                "`{w}`: stems are words of letters; write other forms as patterns"
            ));
        }
        parts.push(format!(r"\b{}\w*", regex_syntax::escape(&prefix)));
    }
    Ok(parts.join(r"\s+"))
}

/// The expansions of every class, per primary language subtag.
pub(crate) type Expansions = BTreeMap<String, BTreeMap<String, String>>;

struct Pending<'a> {
    src: &'a super::RuleSource,
    language: String,
    raw: RawConcept,
    line: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Visiting,
    Done,
}

/// Compiles the parsed concepts files: checks ids, resolves references between classes
/// (refusing unknown classes and cycles), stems `stems` entries and checks that every class
/// compiles. Problems go to `errors` with the file, line and column of the offending entry.
pub(crate) fn compile_all(
    files: Vec<(&super::RuleSource, RawConceptsFile)>,
    errors: &mut Vec<super::RuleError>,
) -> (Vec<Concept>, Expansions) {
    let mut pending: Vec<Pending<'_>> = Vec::new();
    for (src, file) in files {
        let mut diag = super::Diag { src, errors };
        let tag = file.concepts.language.get_ref();
        if !super::is_language(tag) {
            diag.at(
                file.concepts.language.span().start,
                None,
                "`language` must be a BCP 47 tag such as `en` or `ru`",
            );
            continue;
        }
        let language = super::primary_language(tag);
        for c in file.concept {
            let at = c.span().start;
            let raw = c.into_inner();
            let id = raw.id.get_ref().clone();
            if !is_concept_id(&id) {
                diag.at(
                    raw.id.span().start,
                    None,
                    format!("concept id `{id}` must be a letter, then letters, digits, `-` or `_`"),
                );
                continue;
            }
            if let Some(prev) = pending
                .iter()
                .find(|p| p.language == language && p.raw.id.get_ref() == &id)
            {
                diag.at(
                    raw.id.span().start,
                    None,
                    format!(
                        "concept `{id}` of language `{language}` is already defined at {}:{}",
                        prev.src.name, prev.line
                    ),
                );
                continue;
            }
            if raw.patterns.is_empty() && raw.terms.is_empty() && raw.stems.is_empty() {
                diag.at(
                    at,
                    None,
                    format!("concept `{id}` needs `patterns`, `terms` or `stems`"),
                );
                continue;
            }
            let (line, _) = super::line_col(&src.text, at);
            pending.push(Pending {
                src,
                language: language.clone(),
                raw,
                line,
            });
        }
    }
    let mut state: BTreeMap<(String, String), State> = BTreeMap::new();
    let mut expansions: Expansions = BTreeMap::new();
    let mut concepts: Vec<Option<Concept>> = (0..pending.len()).map(|_| None).collect();
    for i in 0..pending.len() {
        resolve(
            i,
            &pending,
            &mut state,
            &mut expansions,
            &mut concepts,
            errors,
        );
    }
    (concepts.into_iter().flatten().collect(), expansions)
}

fn index_of(pending: &[Pending<'_>], language: &str, id: &str) -> Option<usize> {
    pending
        .iter()
        .position(|p| p.language == language && p.raw.id.get_ref() == id)
}

/// Resolves class `i` (and, first, the classes it refers to). Returns false on failure.
fn resolve(
    i: usize,
    pending: &[Pending<'_>],
    state: &mut BTreeMap<(String, String), State>,
    expansions: &mut Expansions,
    concepts: &mut [Option<Concept>],
    errors: &mut Vec<super::RuleError>,
) -> bool {
    let p = &pending[i];
    let key = (p.language.clone(), p.raw.id.get_ref().clone());
    match state.get(&key) {
        Some(State::Done) => return concepts[i].is_some(),
        Some(State::Visiting) => return false,
        None => {}
    }
    state.insert(key.clone(), State::Visiting);
    let before = errors.len();
    let id = p.raw.id.get_ref().clone();
    let mut alternatives = Vec::new();
    for pat in &p.raw.patterns {
        for (offset, name) in references(pat.get_ref()) {
            let at = super::offset_in_string(&p.src.text, &pat.span(), offset);
            match index_of(pending, &p.language, &name) {
                None => {}
                Some(j)
                    if state.get(&(p.language.clone(), name.clone())) == Some(&State::Visiting) =>
                {
                    let _ = j;
                    super::Diag { src: p.src, errors }.at(
                        at,
                        None,
                        format!("concept `{id}`: the classes refer to each other in a cycle through `{{{name}}}`"),
                    );
                }
                Some(j) => {
                    resolve(j, pending, state, expansions, concepts, errors);
                }
            }
        }
        if errors.len() > before {
            continue;
        }
        let empty = BTreeMap::new();
        let known = expansions.get(&p.language).unwrap_or(&empty);
        match expand(pat.get_ref(), known) {
            Ok(e) => alternatives.push(format!("(?:{e})")),
            Err(e) => {
                // A class that failed to resolve has reported its own error already.
                let failed = references(pat.get_ref())
                    .iter()
                    .any(|(_, n)| index_of(pending, &p.language, n).is_some());
                if !failed {
                    let at = super::offset_in_string(&p.src.text, &pat.span(), e.offset);
                    super::Diag { src: p.src, errors }.at(
                        at,
                        None,
                        format!("concept `{id}`: {}", e.message),
                    );
                } else if errors.len() == before {
                    super::Diag { src: p.src, errors }.at(
                        pat.span().start,
                        None,
                        format!("concept `{id}` refers to a class that has errors"),
                    );
                }
            }
        }
    }
    if !p.raw.terms.is_empty() {
        if let Some(t) = p.raw.terms.iter().find(|t| t.get_ref().trim().is_empty()) {
            super::Diag { src: p.src, errors }.at(
                t.span().start,
                None,
                format!("concept `{id}`: empty term"),
            );
        } else {
            let terms: Vec<String> = p.raw.terms.iter().map(|t| t.get_ref().clone()).collect();
            alternatives.push(super::compile::terms_expression(&terms));
        }
    }
    let mut stems = Vec::new();
    if !p.raw.stems.is_empty() {
        match stemmer_for(&p.language) {
            None => super::Diag { src: p.src, errors }.at(
                p.raw.stems[0].span().start,
                None,
                format!(
                    "concept `{id}`: no stemmer for language `{}`; write the stems as patterns (e.g. `organi[sz]ation\\w*`)",
                    p.language
                ),
            ),
            Some(alg) => {
                let stemmer = rust_stemmers::Stemmer::create(alg);
                for s in &p.raw.stems {
                    match stem_expression(&stemmer, s.get_ref()) {
                        Ok(e) => {
                            alternatives.push(e.clone());
                            stems.push((s.get_ref().clone(), e));
                        }
                        Err(m) => super::Diag { src: p.src, errors }.at(
                            s.span().start,
                            None,
                            format!("concept `{id}`: {m}"),
                        ),
                    }
                }
            }
        }
    }
    let expansion = format!("(?:{})", alternatives.join("|"));
    if errors.len() == before {
        if let Err(e) = super::compile::compile_pattern(&expansion, false) {
            super::Diag { src: p.src, errors }.at(
                p.raw.id.span().start,
                None,
                format!("concept `{id}`: {}", e.message),
            );
        }
    }
    state.insert(key, State::Done);
    if errors.len() > before {
        return false;
    }
    expansions
        .entry(p.language.clone())
        .or_default()
        .insert(id.clone(), expansion.clone());
    concepts[i] = Some(Concept {
        id,
        language: p.language.clone(),
        title: p.raw.title.clone(),
        description: p.raw.description.as_ref().map(|d| d.trim().to_string()),
        patterns: p.raw.patterns.iter().map(|x| x.get_ref().clone()).collect(),
        terms: p.raw.terms.iter().map(|x| x.get_ref().clone()).collect(),
        stems,
        expansion,
        location: format!("{}:{}", p.src.name, p.line),
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> BTreeMap<String, String> {
        BTreeMap::from([("authority".to_string(), "(?:ministry|agency)".to_string())])
    }

    #[test]
    fn references_expand_outside_classes_and_escapes_only() {
        let c = classes();
        assert_eq!(
            expand(r"\bthe\s+{authority}\s+may", &c).as_deref(),
            Ok(r"\bthe\s+(?:ministry|agency)\s+may")
        );
        // Counted repetitions, escaped braces, Unicode classes and bracket classes keep
        // their regex meaning.
        for keep in [
            r"a{2,3}",
            r"\{authority}",
            r"\p{Greek}+",
            r"[{authority}]",
            r"\x{41}",
        ] {
            assert_eq!(expand(keep, &c).as_deref(), Ok(keep), "{keep}");
        }
        let e = expand("x {court} y", &c).expect_err("unknown class");
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("{court}") && e.message.contains("authority"));
    }

    #[test]
    fn a_reference_is_never_a_valid_regex() {
        // The reason the syntax cannot collide with any existing pattern.
        for p in ["{authority}", "the {authority}", "(?:a){b}"] {
            assert!(
                crate::rules::compile::compile_pattern(p, false).is_err(),
                "{p}"
            );
        }
    }

    #[test]
    fn stems_match_every_inflection_in_two_languages() {
        let en = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let e = stem_expression(&en, "agency").expect("stems");
        let re = regex::Regex::new(&format!("(?i)^(?:{e})$")).expect("regex");
        for w in ["agency", "agencies", "Agency"] {
            assert!(re.is_match(w), "{e} on {w}");
        }
        let ru = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
        let e = stem_expression(&ru, "ликвидация").expect("stems");
        let re = regex::Regex::new(&format!("(?i)^(?:{e})$")).expect("regex");
        for w in ["ликвидация", "ликвидации", "ликвидацию", "ликвидацией"]
        {
            assert!(re.is_match(w), "{e} on {w}");
        }
        assert!(stem_expression(&en, "is").is_err(), "too short a stem");
    }
}
