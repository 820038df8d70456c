//! Profile specifications: per language, the words that tie an extracted quantity to a
//! profile field (a deadline *for registration*, a frequency *of reports*, an amount *of a
//! fine*) and the patterns for labels, courts, dissolution powers and enforcing bodies.
//!
//! Like rules, they are data (`rules/profile/<lang>.toml`, with a `[profile]` header) compiled
//! once with the rule book; the profiling stage ([`crate::profile`]) applies them.

use serde::Deserialize;

/// A profile pattern: case-insensitive, Unicode-aware, compiled lean (no one-pass or full
/// DFA, no lazy DFA and so no reverse automaton), since some three hundred of them are loaded
/// at once. Each runs over a law's body, where its leading literals (every pattern here
/// starts with a word) let the engine skip to candidate positions before its PikeVM runs.
#[derive(Debug, Clone)]
pub struct Regex(regex_automata::meta::Regex);

/// A match of a profile pattern in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Hit<'h> {
    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset of the end.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

impl Regex {
    fn hit<'h>(hay: &'h str, m: regex_automata::Match) -> Hit<'h> {
        Hit {
            hay,
            start: m.start(),
            end: m.end(),
        }
    }

    /// Whether it matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.0.is_match(hay)
    }

    /// The first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Hit<'h>> {
        self.0.find(hay).map(|m| Self::hit(hay, m))
    }

    /// Successive non-overlapping matches.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Hit<'h>> + 'r
    where
        'h: 'r,
    {
        self.0.find_iter(hay).map(move |m| Self::hit(hay, m))
    }

    /// Successive non-overlapping matches, each with its first participating capture group
    /// (the whole match when no group participates).
    pub fn group_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = (Hit<'h>, Hit<'h>)> + 'r
    where
        'h: 'r,
    {
        self.0.captures_iter(hay).filter_map(move |c| {
            let whole = c.get_match()?;
            let group = (1..c.group_len())
                .find_map(|i| c.get_group(i))
                .map_or(whole.span(), |g| g);
            Some((
                Self::hit(hay, whole),
                Hit {
                    hay,
                    start: group.start,
                    end: group.end,
                },
            ))
        })
    }
}

/// `[profile]` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// BCP 47 language of the laws it applies to.
    pub language: String,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
}

/// Quantities of a kind near some words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNear {
    /// Patterns one of which must occur near the quantity, in the same provision (or in the
    /// lead-in of the list the provision belongs to).
    pub near: Vec<String>,
    /// Greatest number of words between them.
    pub words: usize,
    /// Patterns that disqualify a quantity when they occur in its sentence (an authority's
    /// report to parliament is not a regulated body's report).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Patterns that disqualify a quantity when they occur in its sentence before it (an
    /// authority as the subject: "the Agency shall register it within two days").
    #[serde(default)]
    pub exclude_before: Vec<String>,
    /// Phrases the extractor does not read, with the value they mean (reporting only).
    #[serde(default)]
    pub fixed: Vec<RawFixed>,
    /// Phrases meaning "at any time" near the words (inspections only).
    #[serde(default)]
    pub any_time: Vec<String>,
}

/// A phrase with a fixed value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFixed {
    /// The pattern.
    pub pattern: String,
    /// The value it means.
    pub value: String,
}

/// The funding-threshold spec.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThreshold {
    /// Income or funding words near the percentage.
    pub near: Vec<String>,
    /// Window in words.
    pub words: usize,
    /// Words one of which must occur in the same sentence (foreign source).
    pub foreign: Vec<String>,
    /// Phrases meaning that any amount triggers the regime.
    #[serde(default)]
    pub any: Vec<String>,
}

/// A pattern with an optional fixed value (for labels and bodies in inflected languages).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNamed {
    /// The pattern; its first capture group, if any, is the value.
    pub pattern: String,
    /// The value to report instead of the matched text.
    #[serde(default)]
    pub value: Option<String>,
}

/// Patterns with sentence-level exclusions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPatterns {
    /// The patterns.
    pub patterns: Vec<String>,
    /// Patterns that cancel a match in the same sentence.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A profile spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfileFile {
    /// Header.
    pub profile: RawHeader,
    /// Registration deadline.
    pub registration: RawNear,
    /// Reporting frequency.
    pub reporting: RawNear,
    /// Inspection frequency.
    pub inspection: RawNear,
    /// Fines.
    pub fine: RawNear,
    /// Funding threshold.
    pub threshold: RawThreshold,
    /// Court remedies.
    pub judicial_review: RawPatterns,
    /// Powers to dissolve, suspend or deregister (as facts, whatever their safeguards).
    pub dissolution: RawPatterns,
    /// Designations.
    #[serde(default)]
    pub label: Vec<RawNamed>,
    /// Authorities.
    #[serde(default)]
    pub enforcing_body: Vec<RawNamed>,
}

/// A compiled pattern with an optional fixed value.
#[derive(Debug, Clone)]
pub struct Named {
    /// The regex.
    pub regex: Regex,
    /// The fixed value.
    pub value: Option<String>,
}

/// Compiled words near a quantity.
#[derive(Debug, Clone)]
pub struct Near {
    /// The patterns.
    pub near: Vec<Regex>,
    /// Window in words.
    pub words: usize,
    /// Disqualifying patterns in the same sentence.
    pub exclude: Vec<Regex>,
    /// Disqualifying patterns before the quantity in the same sentence.
    pub exclude_before: Vec<Regex>,
    /// Fixed phrases with their values.
    pub fixed: Vec<Named>,
    /// "At any time" phrases.
    pub any_time: Vec<Regex>,
}

/// Compiled patterns with exclusions.
#[derive(Debug, Clone)]
pub struct Patterns {
    /// The patterns.
    pub patterns: Vec<Regex>,
    /// Sentence-level exclusions.
    pub exclude: Vec<Regex>,
}

/// A compiled profile spec for one language.
#[derive(Debug, Clone)]
pub struct ProfileSpec {
    /// Primary language subtag.
    pub language: String,
    /// The file it came from.
    pub file: String,
    /// Registration deadline.
    pub registration: Near,
    /// Reporting frequency.
    pub reporting: Near,
    /// Inspection frequency.
    pub inspection: Near,
    /// Fines.
    pub fine: Near,
    /// Threshold income words.
    pub threshold: Near,
    /// Foreign-source words.
    pub threshold_foreign: Vec<Regex>,
    /// "Any amount" phrases.
    pub threshold_any: Vec<Regex>,
    /// Court remedies.
    pub judicial_review: Patterns,
    /// Dissolution powers.
    pub dissolution: Patterns,
    /// Designations.
    pub labels: Vec<Named>,
    /// Authorities.
    pub enforcing_bodies: Vec<Named>,
}

/// Concept-class expansions of the spec's language.
type Classes = std::collections::BTreeMap<String, String>;

fn compile(written: &str, classes: &Classes) -> Result<Regex, String> {
    use regex_automata::{meta, util::syntax};
    let expanded = super::concepts::expand(written, classes)
        .map_err(|e| format!("pattern `{written}`: {}", e.message))?;
    let p = expanded.as_str();
    meta::Regex::builder()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(super::compile::REGEX_SIZE_LIMIT))
                .onepass(false)
                .dfa(false)
                .hybrid(false)
                .backtrack(false),
        )
        .build(p)
        .map(Regex)
        .map_err(|e| format!("invalid regular expression `{written}`: {e}"))
}

fn all(ps: &[String], c: &Classes) -> Result<Vec<Regex>, String> {
    ps.iter().map(|p| compile(p, c)).collect()
}

fn named(ps: &[RawNamed], c: &Classes) -> Result<Vec<Named>, String> {
    ps.iter()
        .map(|n| {
            Ok(Named {
                regex: compile(&n.pattern, c)?,
                value: n.value.clone(),
            })
        })
        .collect()
}

fn near(n: &RawNear, c: &Classes) -> Result<Near, String> {
    Ok(Near {
        near: all(&n.near, c)?,
        words: n.words,
        exclude: all(&n.exclude, c)?,
        exclude_before: all(&n.exclude_before, c)?,
        fixed: n
            .fixed
            .iter()
            .map(|f| {
                Ok(Named {
                    regex: compile(&f.pattern, c)?,
                    value: Some(f.value.clone()),
                })
            })
            .collect::<Result<_, String>>()?,
        any_time: all(&n.any_time, c)?,
    })
}

fn patterns(p: &RawPatterns, c: &Classes) -> Result<Patterns, String> {
    Ok(Patterns {
        patterns: all(&p.patterns, c)?,
        exclude: all(&p.exclude, c)?,
    })
}

impl ProfileSpec {
    /// Compiles a parsed spec, expanding the concept classes (`{authority}`) of its language
    /// given in `classes` (class id → expansion).
    pub fn compile(
        raw: RawProfileFile,
        file: &str,
        classes: &std::collections::BTreeMap<String, String>,
    ) -> Result<ProfileSpec, String> {
        let c = classes;
        Ok(ProfileSpec {
            language: super::primary_language(&raw.profile.language),
            file: file.to_string(),
            registration: near(&raw.registration, c)?,
            reporting: near(&raw.reporting, c)?,
            inspection: near(&raw.inspection, c)?,
            fine: near(&raw.fine, c)?,
            threshold: Near {
                near: all(&raw.threshold.near, c)?,
                words: raw.threshold.words,
                exclude: Vec::new(),
                exclude_before: Vec::new(),
                fixed: Vec::new(),
                any_time: Vec::new(),
            },
            threshold_foreign: all(&raw.threshold.foreign, c)?,
            threshold_any: all(&raw.threshold.any, c)?,
            judicial_review: patterns(&raw.judicial_review, c)?,
            dissolution: patterns(&raw.dissolution, c)?,
            labels: named(&raw.label, c)?,
            enforcing_bodies: named(&raw.enforcing_body, c)?,
        })
    }
}
