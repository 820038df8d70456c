//! Compiling patterns and building the per-language prefilter.
//!
//! Each pattern is compiled once into an *exact* regular expression, the one whose matches
//! become findings. Two derived forms make matching fast without changing what matches:
//!
//! * **Literals for the prefilter.** From the pattern's syntax tree we extract a finite set
//!   of literals, one of which every match must start (or end) with, and case-fold them.
//!   One Aho-Corasick automaton per language holds the literals of all its rules; a single
//!   pass over the case-folded law text tells which patterns can match and in which
//!   provisions. Case folding follows Unicode simple case folding (see
//!   [`crate::text::fold_char`]), the same equivalence the regex engine uses for
//!   case-insensitive matching, so the prefilter never hides a match.
//! * **A relaxed regex** for patterns from which no useful literal can be extracted: the same
//!   pattern with its assertions (`\b`, `^`, `$`) removed. Removing an assertion can only add
//!   matches, so the relaxed regex, run over the whole text, finds a superset of the
//!   provisions where the exact regex matches (whose `^` and `$` refer to a provision's ends),
//!   and it runs on the fast DFA engines even on non-ASCII text, where Unicode `\b` would
//!   force the regex engine onto its slow path.
//!
//! The exact regex then runs only on the candidate provisions, and where the literals are
//! prefixes (they are preferred whenever a pattern has any) only at the literal hits, anchored
//! (see [`crate::matching`]).

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use crate::text::fold_str;

/// Upper bound on one compiled regular expression, in bytes of the compiled program.
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Capacity of the lazy-DFA cache of each relaxed regex, per thread. Small, because many of
/// them are loaded at once; the engine clears and reuses it when it fills.
pub const DFA_SIZE_LIMIT: usize = 512 << 10;

/// Shortest literal (in bytes, after folding) worth giving to the prefilter.
const MIN_LITERAL_BYTES: usize = 3;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    /// The pattern as written (for terms: the generated expression).
    pub source: String,
    /// Whether it is matched case-insensitively.
    pub case_insensitive: bool,
    /// The regex whose matches count.
    pub(crate) exact: regex_automata::meta::Regex,
    /// Literals (case-folded) one of which starts or ends every match; `None` if there are none.
    pub(crate) literals: Option<Vec<String>>,
    /// The literals are prefixes: every match *starts* where one of them occurs, so the exact
    /// regex need only be tried, anchored, at those positions.
    pub(crate) literals_are_prefixes: bool,
    /// The regex without word-boundary assertions, used to locate candidates when there are
    /// no literals.
    relaxed_source: String,
    relaxed: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
    /// The relaxed regex can match the empty string, so it cannot narrow the search.
    pub(crate) relaxed_matches_empty: bool,
}

impl CompiledPattern {
    /// The relaxed form (assertions removed), compiled on first use; `None` if it cannot be
    /// compiled within the size limits, in which case callers fall back to the exact form.
    pub(crate) fn relaxed(&self) -> Option<&regex_automata::meta::Regex> {
        use regex_automata::meta;
        self.relaxed
            .get_or_init(|| {
                // Scanned over whole texts, so it keeps the lazy DFA, with a small cache.
                meta::Regex::builder()
                    .configure(
                        meta::Config::new()
                            .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                            .onepass(false)
                            .dfa(false)
                            .backtrack(false)
                            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                            .hybrid_cache_capacity(DFA_SIZE_LIMIT),
                    )
                    .build(&self.relaxed_source)
                    .ok()
            })
            .as_ref()
    }
}

/// Builds the regex whose matches count. It runs on short texts (one provision at a time) and
/// thousands of them are loaded at once, so it is built lean: no one-pass or full DFA and no
/// lazy DFA (whose reverse automaton doubles the memory), leaving the bounded backtracker and
/// the PikeVM, both linear in the input, which are fast on provision-sized texts.
#[allow(clippy::result_large_err)] // the error is built once per invalid rule, never in a loop
fn exact_regex(
    source: &str,
    case_insensitive: bool,
) -> Result<regex_automata::meta::Regex, regex_automata::meta::BuildError> {
    use regex_automata::{meta, util::syntax};
    meta::Regex::builder()
        .syntax(
            syntax::Config::new()
                .case_insensitive(case_insensitive)
                .unicode(true)
                .utf8(true),
        )
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .onepass(false)
                .dfa(false)
                .hybrid(false)
                .backtrack(false)
                // Only the overall match is used: no capture slots in the PikeVM's cache.
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit),
        )
        .build(source)
}

/// A pattern that failed to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the pattern where the problem is, when known.
    pub offset: Option<usize>,
}

/// The same expression with every assertion (word boundaries, and the `^`/`$` anchors, which
/// refer to a provision's ends and so cannot be checked on the whole text) replaced by the
/// empty expression.
fn relax(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Concat(xs) => Hir::concat(xs.iter().map(relax).collect()),
        HirKind::Alternation(xs) => Hir::alternation(xs.iter().map(relax).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(relax(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(relax(&c.sub)),
            ..c.clone()
        }),
        _ => h.clone(),
    }
}

fn utf8_trimmed(bytes: &[u8], from_end: bool) -> Option<String> {
    let mut b = bytes;
    if from_end {
        // A suffix literal may begin inside a multi-byte character.
        while let Some((&first, rest)) = b.split_first() {
            if (0x80..0xC0).contains(&first) {
                b = rest;
            } else {
                break;
            }
        }
    }
    match std::str::from_utf8(b) {
        Ok(s) => Some(s.to_string()),
        Err(e) => std::str::from_utf8(&b[..e.valid_up_to()])
            .ok()
            .map(str::to_string),
    }
}

fn extract(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    let suffix = matches!(kind, ExtractKind::Suffix);
    let mut ex = Extractor::new();
    ex.kind(kind)
        .limit_class(24)
        .limit_repeat(8)
        .limit_literal_len(24)
        .limit_total(4096);
    let seq = ex.extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(lits.len());
    for lit in lits {
        let s = utf8_trimmed(lit.as_bytes(), suffix)?;
        let folded = fold_str(&s);
        if folded.len() < MIN_LITERAL_BYTES {
            return None;
        }
        out.push(folded);
    }
    out.sort();
    out.dedup();
    // Drop literals that begin (prefixes) or end (suffixes) with a shorter one: the shorter
    // one already finds them, at the same start (or end) position, which anchored matching
    // relies on.
    let mut kept: Vec<String> = Vec::new();
    for l in out {
        let covered = kept.iter().any(|k| {
            if suffix {
                l.ends_with(k.as_str())
            } else {
                l.starts_with(k.as_str())
            }
        });
        if !covered {
            kept.push(l);
        }
    }
    Some(kept)
}

/// The literals for the prefilter and whether they are prefixes (else suffixes).
///
/// Prefixes are preferred whenever there are any, even when a suffix set would be more
/// selective: a prefix hit is where a match starts, so the exact regex runs anchored there
/// and stops within the match's length, while a suffix hit only says which provision to scan.
fn literals(hir: &Hir) -> (Option<Vec<String>>, bool) {
    match extract(hir, ExtractKind::Prefix) {
        Some(p) => (Some(p), true),
        None => (extract(hir, ExtractKind::Suffix), false),
    }
}

/// Compiles one regular expression as the rules use it: case-insensitive unless
/// `case_sensitive`, Unicode-aware, refusing patterns that can match the empty string
/// (a rule that matches nothing would flag everything).
pub fn compile_pattern(
    source: &str,
    case_sensitive: bool,
) -> Result<CompiledPattern, PatternError> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(source)
        .map_err(|e| {
            let (message, offset) = match &e {
                regex_syntax::Error::Parse(p) => {
                    (p.kind().to_string(), Some(p.span().start.offset))
                }
                regex_syntax::Error::Translate(t) => {
                    (t.kind().to_string(), Some(t.span().start.offset))
                }
                other => (other.to_string(), None),
            };
            PatternError {
                message: format!("invalid regular expression: {message}"),
                offset,
            }
        })?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(PatternError {
            message: "pattern can match the empty string; every rule must match some text".into(),
            offset: None,
        });
    }
    let exact = exact_regex(source, !case_sensitive).map_err(|e| PatternError {
        message: match e.size_limit() {
            Some(limit) => {
                format!("regular expression is too large once compiled (over {limit} bytes); simplify it or split it")
            }
            None => format!("invalid regular expression: {e}"),
        },
        offset: None,
    })?;
    let relaxed_hir = relax(&hir);
    let (literals, literals_are_prefixes) = literals(&hir);
    let relaxed_matches_empty = relaxed_hir.properties().minimum_len() == Some(0);
    Ok(CompiledPattern {
        source: source.to_string(),
        case_insensitive: !case_sensitive,
        exact,
        literals,
        literals_are_prefixes,
        // The relaxed tree already carries case folding in its classes; it is compiled on
        // first use, since most patterns never need it.
        relaxed_source: relaxed_hir.to_string(),
        relaxed: std::sync::OnceLock::new(),
        relaxed_matches_empty,
    })
}

/// Builds the expression for a list of literal terms: case-insensitive, white space between
/// words matching any run of white space, word boundaries at the ends that are word
/// characters, longest term first.
pub fn terms_expression(terms: &[String]) -> String {
    let mut sorted: Vec<&str> = terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let alts: Vec<String> = sorted
        .iter()
        .map(|t| {
            let body = t
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            let pre = if word(t.chars().next()) { r"\b" } else { "" };
            let post = if word(t.chars().last()) { r"\b" } else { "" };
            format!("{pre}{body}{post}")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_case_folded_prefixes() {
        let p = compile_pattern(r"\bforeign\s+agents?\b", false).expect("compiles");
        let lits = p.literals.expect("has literals");
        assert!(
            lits.iter()
                .all(|l| l.starts_with("foreign") || "foreign".starts_with(l.as_str())),
            "{lits:?}"
        );
    }

    #[test]
    fn no_literals_for_leading_classes() {
        let p = compile_pattern(r"\w+\s+\w+", false).expect("compiles");
        assert!(p.literals.is_none());
    }

    #[test]
    fn relaxed_drops_word_boundaries_only() {
        let p = compile_pattern(r"\bagent\b", false).expect("compiles");
        assert!(p.relaxed().is_some_and(|r| r.is_match("subagents")));
        assert!(!p.exact.is_match("subagents"));
        assert!(p.exact.is_match("an AGENT of"));
    }

    #[test]
    fn relaxed_drops_anchors_too() {
        let p = compile_pattern(r"^\d\. publicity agent\s*:", false).expect("compiles");
        assert!(
            p.relaxed()
                .is_some_and(|r| r.is_match("intro\n2. Publicity Agent :"))
        );
    }

    #[test]
    fn rejects_empty_matches_and_bad_syntax() {
        assert!(compile_pattern("a*", false).is_err());
        assert!(compile_pattern("(?:x|)", false).is_err());
        let e = compile_pattern("abc(", false).expect_err("unclosed");
        assert_eq!(e.offset, Some(3));
    }

    #[test]
    fn rejects_huge_patterns() {
        let e = compile_pattern(r"\w{1000}\w{1000}", false).expect_err("too big");
        assert!(e.message.contains("too large"), "{}", e.message);
    }

    #[test]
    fn terms_become_word_bounded_alternations() {
        let src = terms_expression(&["foreign agent".into(), "§ 5".into()]);
        let p = compile_pattern(&src, false).expect("compiles");
        assert!(p.exact.is_match("a Foreign\n  Agent here"));
        assert!(!p.exact.is_match("foreign agents"));
        assert!(p.exact.is_match("see § 5"));
    }
}
