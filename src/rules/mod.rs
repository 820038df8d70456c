//! Stage 2: rule compilation.
//!
//! Rule sets, the standards catalogue and the category list are TOML data in `rules/`,
//! embedded in the binary at build time ([`embedded_sources`]) and replaceable with
//! `--rules`. [`RuleBook::compile`] parses them strictly, checks every reference, compiles
//! every pattern once and builds one prefilter per language, all before any law is read.
//! Every problem is reported with `file:line:col`, the rule id and what is wrong; a rule book
//! with any error is refused as a whole.
//!
//! A file's kind is told by its top-level table: `[ruleset]` (a rule set), `[[standard]]`
//! (standards catalogue), `[[category]]` (categories) or `[[retired]]` (ids of deleted rules,
//! which no rule may take again: rule ids are stable and never reused).

pub mod compile;
pub mod concepts;
pub mod instruments;
pub mod profile;
pub mod schema;
pub mod scopes;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use compile::{CompiledPattern, PatternError};
pub use schema::{Negation, RuleKind, Scope, Severity};

use crate::rules::schema::{RawCategoriesFile, RawRule, RawRuleSetFile, RawStandardsFile};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A rule file's name and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSource {
    /// Path shown in messages.
    pub name: String,
    /// TOML text.
    pub text: String,
}

/// The rule files compiled into agentlaw.
pub fn embedded_sources() -> Vec<RuleSource> {
    embedded::EMBEDDED
        .iter()
        .map(|(n, t)| RuleSource {
            name: (*n).to_string(),
            text: (*t).to_string(),
        })
        .collect()
}

/// A problem in a rule file, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub col: usize,
    /// The rule concerned, if any.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        write!(f, ": ")?;
        if let Some(r) = &self.rule {
            write!(f, "rule {r}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for RuleError {}

/// All the problems found in a rule book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// A reference from a rule to a standard, optionally to one limb of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StandardRef {
    /// Standard id, e.g. `echr-11`.
    pub standard: String,
    /// Limb id, e.g. `lawfulness`.
    pub limb: Option<String>,
}

impl fmt::Display for StandardRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.limb {
            Some(l) => write!(f, "{}:{l}", self.standard),
            None => write!(f, "{}", self.standard),
        }
    }
}

/// A rule's examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Examples {
    /// Texts it must flag.
    pub flag: Vec<String>,
    /// Texts it must not flag.
    pub ok: Vec<String>,
}

/// Indices of a rule's compiled patterns in [`RuleBook::patterns`].
#[derive(Debug, Clone, Default)]
pub(crate) struct RulePatterns {
    pub triggers: Vec<usize>,
    pub exceptions: Vec<usize>,
    pub near: Vec<usize>,
    pub safeguards: Vec<usize>,
}

impl RulePatterns {
    /// Every pattern the rule runs: triggers, exceptions, near patterns, safeguards.
    pub(crate) fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.triggers
            .iter()
            .chain(&self.exceptions)
            .chain(&self.near)
            .chain(&self.safeguards)
            .copied()
    }
}

/// A compiled rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Category id.
    pub category: String,
    /// Severity.
    pub severity: Severity,
    /// Standards engaged.
    pub standards: Vec<StandardRef>,
    /// Why it matters.
    pub rationale: String,
    /// The finding message.
    pub message: String,
    /// Match or absent.
    pub kind: RuleKind,
    /// Scope.
    pub scope: Scope,
    /// Whether negation and limitation scopes apply.
    pub negation: Negation,
    /// Patterns as written.
    pub patterns: Vec<String>,
    /// Terms as written.
    pub terms: Vec<String>,
    /// Exception patterns.
    pub exceptions: Vec<String>,
    /// Near patterns and the word window.
    pub near: Option<(Vec<String>, usize)>,
    /// Safeguard patterns (absent rules).
    pub safeguards: Vec<String>,
    /// A compliant alternative.
    pub alternative: Option<String>,
    /// Authorities.
    pub sources: Vec<String>,
    /// Examples.
    pub examples: Examples,
    /// Id of the rule set it belongs to.
    pub ruleset: String,
    /// Language of its rule set.
    pub language: String,
    /// Where it is defined: `file:line`.
    pub location: String,
    /// A test on typed quantities, if any.
    pub quantity: Option<schema::RawQuantity>,
    #[serde(skip)]
    pub(crate) compiled: RulePatterns,
}

/// A rule set's header and its rules.
#[derive(Debug, Clone, Serialize)]
pub struct RuleSet {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
    /// Language (BCP 47).
    pub language: String,
    /// Description.
    pub description: Option<String>,
    /// The file it came from.
    pub file: String,
    /// SHA-256 of the file's contents (hex).
    pub sha256: String,
    /// Indices of its rules in [`RuleBook::rules`].
    pub rules: Vec<usize>,
}

/// A limb of a limitation clause.
#[derive(Debug, Clone, Serialize)]
pub struct Limb {
    /// Id within the standard.
    pub id: String,
    /// Title.
    pub title: String,
    /// Principle.
    pub principle: String,
}

/// A human-rights standard from the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Standard {
    /// Stable id.
    pub id: String,
    /// Instrument.
    pub instrument: String,
    /// Short instrument name.
    pub short: String,
    /// Shown in the terminal's compact table.
    pub headline: bool,
    /// Column label given in the catalogue, if any.
    pub label: Option<String>,
    /// Article.
    pub article: String,
    /// Title.
    pub title: String,
    /// Principle in the project's words.
    pub principle: String,
    /// Categories it bears on.
    pub categories: Vec<String>,
    /// Authorities.
    pub sources: Vec<String>,
    /// Limbs.
    pub limbs: Vec<Limb>,
    /// Ids of the standards of other instruments with the same substance (symmetric): a
    /// finding engaging this standard also engages those where they bind the state.
    pub equivalent: Vec<String>,
}

impl Standard {
    /// A short label for table headers: `ECHR 11`, `UNDHRD 13`.
    pub fn label(&self) -> String {
        if let Some(l) = &self.label {
            return l.clone();
        }
        let art = self
            .article
            .trim_start_matches("Art.")
            .trim_start_matches("Article")
            .trim();
        format!("{} {}", self.short, art)
    }
}

/// A problem category.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// Stable id.
    pub id: String,
    /// Short name for narrow table headers.
    pub short: String,
    /// Letters that start the ids of its rules (`VW` for `VW001`, `RU-VW001`), if set.
    pub prefix: Option<String>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
}

impl Category {
    /// The id scheme of this category's rules in a rule set of `language`: the prefix for
    /// English (`VW`), the upper-cased primary subtag and the prefix otherwise (`RU-VW`).
    pub fn id_prefix(&self, language: &str) -> Option<String> {
        let prefix = self.prefix.as_deref()?;
        let lang = primary_language(language).to_ascii_uppercase();
        Some(if lang == "EN" {
            prefix.to_string()
        } else {
            format!("{lang}-{prefix}")
        })
    }
}

/// A rule id that was used once and deleted: no rule may take it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retired {
    /// The id.
    pub id: String,
    /// Why it was retired and what replaced it.
    pub reason: String,
}

/// Facts about a jurisdiction used to weigh fines.
#[derive(Debug, Clone, Serialize)]
pub struct Jurisdiction {
    /// ISO 3166 code (sub-national allowed).
    pub code: String,
    /// Name.
    pub name: String,
    /// Currency (ISO 4217).
    pub currency: String,
    /// Which wage fines are weighed against.
    pub wage_basis: schema::WageBasis,
    /// Monthly minimum wage.
    pub minimum_wage: Option<schema::Fact>,
    /// Monthly average wage.
    pub average_wage: Option<schema::Fact>,
    /// Exchange rate to the euro.
    pub eur_rate: schema::Rate,
    /// A fictional state of the illustrative laws.
    pub illustrative: bool,
    /// Remarks.
    pub note: Option<String>,
    /// Values of indexed units.
    pub units: Vec<schema::UnitFact>,
}

impl Jurisdiction {
    /// The monthly wage fines are weighed against, if known.
    pub fn wage(&self) -> Option<&schema::Fact> {
        match self.wage_basis {
            schema::WageBasis::Minimum => self.minimum_wage.as_ref(),
            schema::WageBasis::Average => self.average_wage.as_ref(),
        }
    }
}

/// The prefilter of one language: literals of every pattern of its rules in one automaton.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    pub ac: Option<aho_corasick::AhoCorasick>,
    /// For each literal, the patterns it anchors.
    pub literal_patterns: Vec<Vec<usize>>,
    /// Patterns with no literal, located with their relaxed regex.
    pub unanchored: Vec<usize>,
}

/// The rules of one language with their prefilter.
#[derive(Debug, Clone)]
pub(crate) struct LanguageGroup {
    /// Primary language subtag.
    pub language: String,
    /// Indices of its rules.
    pub rules: Vec<usize>,
    /// The prefilter.
    pub prefilter: Prefilter,
}

/// Everything the later stages need: rules, standards, categories and compiled patterns.
#[derive(Debug, Clone)]
pub struct RuleBook {
    /// Rule sets in load order.
    pub rulesets: Vec<RuleSet>,
    /// All rules, in rule-set order then file order.
    pub rules: Vec<Rule>,
    /// The standards catalogue, in catalogue order.
    pub standards: Vec<Standard>,
    /// The instruments of the catalogue with the states they bind (empty: every standard is
    /// universal).
    pub instruments: Vec<instruments::Instrument>,
    /// The categories, in file order.
    pub categories: Vec<Category>,
    /// Facts per jurisdiction.
    pub jurisdictions: Vec<Jurisdiction>,
    /// Profile specifications, one per language.
    pub profiles: Vec<profile::ProfileSpec>,
    /// Retired rule ids, in file order.
    pub retired: Vec<Retired>,
    /// Concept classes of every language, in file order.
    pub concepts: Vec<concepts::Concept>,
    /// Negation and limitation scopes, one set per language.
    pub scopes: Vec<scopes::ScopeSet>,
    pub(crate) patterns: Vec<CompiledPattern>,
    pub(crate) groups: Vec<LanguageGroup>,
}

/// The primary subtag of a BCP 47 tag, lower-cased (`sr` for `sr-Latn`).
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

use crate::text::line_col;

fn is_rule_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_language(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or("");
    (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())
}

/// Largest rule file read: 16 MiB, far above the whole embedded library.
pub const MAX_RULE_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Reads rule files from paths (files, or folders walked recursively for `*.toml`).
pub fn read_sources(paths: &[PathBuf]) -> Result<Vec<RuleSource>, RuleErrors> {
    fn walk(
        path: &Path,
        seen: &mut std::collections::BTreeSet<PathBuf>,
        out: &mut Vec<PathBuf>,
        errors: &mut Vec<RuleError>,
    ) {
        // A folder reached twice (a symbolic link loop) is not walked again.
        if let Ok(real) = path.canonicalize() {
            if !seen.insert(real) {
                return;
            }
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
                children.sort();
                for c in children {
                    if c.is_dir() {
                        walk(&c, seen, out, errors);
                    } else if c.extension().is_some_and(|e| e == "toml") {
                        out.push(c);
                    }
                }
            }
            Err(e) => errors.push(RuleError {
                file: path.display().to_string(),
                line: 0,
                col: 0,
                rule: None,
                message: format!("cannot read rule folder: {e}"),
            }),
        }
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut seen, &mut files, &mut errors);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for f in files {
        // Rule files are untrusted: never block on a pipe or read a device without end.
        let unreadable = match std::fs::metadata(&f) {
            Ok(m) if !m.is_file() => Some("not a regular file".to_string()),
            Ok(m) if m.len() > MAX_RULE_FILE_SIZE => Some(format!(
                "the file is {} bytes, over the limit of {MAX_RULE_FILE_SIZE} bytes for a rule file",
                m.len()
            )),
            _ => None,
        };
        if let Some(message) = unreadable {
            errors.push(RuleError {
                file: f.display().to_string(),
                line: 0,
                col: 0,
                rule: None,
                message: format!("cannot read rule file: {message}"),
            });
            continue;
        }
        match std::fs::read_to_string(&f) {
            Ok(text) => out.push(RuleSource {
                name: f.display().to_string(),
                text,
            }),
            Err(e) => errors.push(RuleError {
                file: f.display().to_string(),
                line: 0,
                col: 0,
                rule: None,
                message: format!("cannot read rule file: {e}"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(RuleErrors(errors))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    RuleSet,
    Standards,
    Categories,
    Retired,
    Jurisdictions,
    Profile,
    Concepts,
    Scopes,
}

fn file_kind(src: &RuleSource) -> Result<FileKind, RuleError> {
    let err = |line, col, message: String| RuleError {
        file: src.name.clone(),
        line,
        col,
        rule: None,
        message,
    };
    let table: toml::Table = toml::from_str(&src.text).map_err(|e| {
        let (l, c) = e.span().map_or((0, 0), |s| line_col(&src.text, s.start));
        err(l, c, format!("invalid TOML: {}", e.message().trim()))
    })?;
    if table.contains_key("ruleset") {
        Ok(FileKind::RuleSet)
    } else if table.contains_key("standard") {
        Ok(FileKind::Standards)
    } else if table.contains_key("category") {
        Ok(FileKind::Categories)
    } else if table.contains_key("retired") {
        Ok(FileKind::Retired)
    } else if table.contains_key("jurisdiction") {
        Ok(FileKind::Jurisdictions)
    } else if table.contains_key("profile") {
        Ok(FileKind::Profile)
    } else if table.contains_key("concepts") {
        Ok(FileKind::Concepts)
    } else if table.contains_key("scopes") {
        Ok(FileKind::Scopes)
    } else {
        Err(err(
            1,
            1,
            "not a rule set or catalogue: expected a [ruleset] table, or [[standard]], [[category]], [[retired]] or [[jurisdiction]] entries, or a [profile], [concepts] or [scopes] table"
                .into(),
        ))
    }
}

/// Collects errors while compiling.
struct Diag<'a> {
    src: &'a RuleSource,
    errors: &'a mut Vec<RuleError>,
}

impl Diag<'_> {
    fn at(&mut self, offset: usize, rule: Option<&str>, message: impl Into<String>) {
        let (line, col) = line_col(&self.src.text, offset);
        self.errors.push(RuleError {
            file: self.src.name.clone(),
            line,
            col,
            rule: rule.map(str::to_string),
            message: message.into(),
        });
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    src: &RuleSource,
    errors: &mut Vec<RuleError>,
) -> Option<T> {
    match toml::from_str::<T>(&src.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(&src.text, s.start));
            // Name the rule whose table holds the error, if any.
            let rule = e.span().and_then(|s| rule_id_before(&src.text, s.start));
            errors.push(RuleError {
                file: src.name.clone(),
                line,
                col,
                rule,
                message: e.message().trim().to_string(),
            });
            None
        }
    }
}

/// The id of the `[[rule]]` table that contains `offset`, found textually (for parse errors).
fn rule_id_before(text: &str, offset: usize) -> Option<String> {
    let before = &text[..offset.min(text.len())];
    let start = before.rfind("[[rule]]")?;
    let table = &text[start..];
    let end = table[8..].find("[[rule]]").map_or(table.len(), |e| e + 8);
    table[..end].lines().find_map(|l| {
        let l = l.trim();
        let rest = l.strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
        Some(rest.trim_matches(['"', '\'']).to_string())
    })
}

/// Offset inside the file of byte `offset_in_pattern` of a string value spanning `span`.
/// Exact for literal strings ('…'); for basic strings with escapes it is approximate.
fn offset_in_string(text: &str, span: &std::ops::Range<usize>, offset_in_pattern: usize) -> usize {
    let raw = &text[span.clone()];
    let quote = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    (span.start + quote + offset_in_pattern).min(span.end)
}

struct Catalogue {
    standards: Vec<Standard>,
    instruments: Vec<instruments::Instrument>,
    categories: Vec<Category>,
}

fn load_catalogue(
    sources: &[&RuleSource],
    kinds: &[FileKind],
    errors: &mut Vec<RuleError>,
) -> Catalogue {
    let mut standards = Vec::new();
    let mut instruments = Vec::new();
    let mut equivalents: Vec<Vec<(String, usize)>> = Vec::new();
    let mut categories: Vec<Category> = Vec::new();
    let mut standard_spans: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new(); // (source idx, standard idx, span)
    let mut seen = BTreeSet::new();
    for (si, (src, kind)) in sources.iter().zip(kinds).enumerate() {
        match kind {
            FileKind::Categories => {
                if let Some(file) = parse_toml::<RawCategoriesFile>(src, errors) {
                    for c in file.category {
                        let span = c.span();
                        let c = c.into_inner();
                        if categories.iter().any(|x| x.id == c.id) {
                            Diag { src, errors }.at(
                                span.start,
                                None,
                                format!("category `{}` is defined twice", c.id),
                            );
                        }
                        let prefix = c.prefix.map(|p| {
                            let ok = !p.get_ref().is_empty()
                                && p.get_ref().chars().all(|x| x.is_ascii_uppercase());
                            if !ok {
                                Diag { src, errors }.at(
                                    p.span().start,
                                    None,
                                    format!(
                                        "category `{}`: prefix must be upper-case letters A-Z",
                                        c.id
                                    ),
                                );
                            } else if let Some(other) = categories
                                .iter()
                                .find(|x| x.prefix.as_deref() == Some(p.get_ref().as_str()))
                            {
                                Diag { src, errors }.at(
                                    p.span().start,
                                    None,
                                    format!(
                                        "category `{}`: prefix `{}` is already the prefix of `{}`",
                                        c.id,
                                        p.get_ref(),
                                        other.id
                                    ),
                                );
                            }
                            p.into_inner()
                        });
                        categories.push(Category {
                            prefix,
                            short: c.short.unwrap_or_else(|| c.id.clone()),
                            id: c.id,
                            title: c.title,
                            description: c.description.trim().into(),
                        });
                    }
                }
            }
            FileKind::Standards => {
                if let Some(file) = parse_toml::<RawStandardsFile>(src, errors) {
                    instruments::convert(src, file.instrument, &mut instruments, errors);
                    for s in file.standard {
                        let span = s.span();
                        let s = s.into_inner();
                        let id = s.id.get_ref().clone();
                        if !seen.insert(id.clone()) {
                            Diag { src, errors }.at(
                                s.id.span().start,
                                None,
                                format!("standard `{id}` is defined twice"),
                            );
                        }
                        let cats: Vec<_> = s
                            .categories
                            .iter()
                            .map(|c| (c.get_ref().clone(), c.span()))
                            .collect();
                        standard_spans.push((si, standards.len(), span));
                        equivalents.push(
                            s.equivalent
                                .iter()
                                .map(|e| (e.get_ref().clone(), e.span().start))
                                .collect(),
                        );
                        let mut limb_ids = BTreeSet::new();
                        for l in &s.limb {
                            if !limb_ids.insert(l.id.clone()) {
                                Diag { src, errors }.at(
                                    s.id.span().start,
                                    None,
                                    format!("standard `{id}` has limb `{}` twice", l.id),
                                );
                            }
                        }
                        standards.push((
                            Standard {
                                id,
                                instrument: s.instrument,
                                short: s.short,
                                headline: s.headline,
                                label: s.label,
                                article: s.article,
                                title: s.title,
                                principle: s.principle.trim().into(),
                                categories: cats.iter().map(|(c, _)| c.clone()).collect(),
                                sources: s.sources,
                                limbs: s
                                    .limb
                                    .into_iter()
                                    .map(|l| Limb {
                                        id: l.id,
                                        title: l.title,
                                        principle: l.principle.trim().into(),
                                    })
                                    .collect(),
                                equivalent: Vec::new(),
                            },
                            cats,
                        ));
                    }
                }
            }
            FileKind::RuleSet
            | FileKind::Retired
            | FileKind::Jurisdictions
            | FileKind::Profile
            | FileKind::Concepts
            | FileKind::Scopes => {}
        }
    }
    // Category references in the catalogue.
    for (si, idx, _) in &standard_spans {
        let (_, cats) = &standards[*idx];
        for (c, span) in cats {
            if !categories.iter().any(|x| &x.id == c) {
                Diag {
                    src: sources[*si],
                    errors,
                }
                .at(
                    span.start,
                    None,
                    format!("unknown category `{c}` in standard"),
                );
            }
        }
    }
    let mut standards: Vec<Standard> = standards.into_iter().map(|(s, _)| s).collect();
    let spans: Vec<(&RuleSource, usize)> = standard_spans
        .iter()
        .map(|(si, _, span)| (sources[*si], span.start))
        .collect();
    instruments::link(&mut standards, &instruments, &spans, &equivalents, errors);
    Catalogue {
        standards,
        instruments,
        categories,
    }
}

struct Compiler<'a> {
    patterns: Vec<CompiledPattern>,
    /// Index of each distinct (source, case sensitivity) already compiled: rules that share
    /// a pattern share its compiled form, which keeps the rule book's memory down.
    seen: HashMap<(String, bool), usize>,
    catalogue: &'a Catalogue,
    /// Concept-class expansions per language.
    expansions: &'a concepts::Expansions,
    /// Primary language of the rule set being compiled.
    language: String,
}

impl Compiler<'_> {
    fn pattern(
        &mut self,
        diag: &mut Diag<'_>,
        rule: &str,
        what: &str,
        source: &toml::Spanned<String>,
        case_sensitive: bool,
    ) -> Option<usize> {
        let written = source.get_ref();
        let refs = concepts::references(written);
        let expanded = if refs.is_empty() {
            written.clone()
        } else {
            let empty = BTreeMap::new();
            let classes = self.expansions.get(&self.language).unwrap_or(&empty);
            match concepts::expand(written, classes) {
                Ok(e) => e,
                Err(e) => {
                    let at = offset_in_string(&diag.src.text, &source.span(), e.offset);
                    diag.at(at, Some(rule), format!("{what}: {}", e.message));
                    return None;
                }
            }
        };
        let key = (expanded, case_sensitive);
        if let Some(&i) = self.seen.get(&key) {
            return Some(i);
        }
        match compile::compile_pattern(&key.0, case_sensitive) {
            Ok(p) => {
                self.patterns.push(p);
                self.seen.insert(key, self.patterns.len() - 1);
                Some(self.patterns.len() - 1)
            }
            Err(e) => {
                // Offsets in the expanded text hold in the written one before the first class.
                let at = match e.offset {
                    Some(o) if refs.first().is_none_or(|(r, _)| o < *r) => {
                        offset_in_string(&diag.src.text, &source.span(), o)
                    }
                    _ => source.span().start,
                };
                diag.at(at, Some(rule), format!("{what}: {}", e.message));
                None
            }
        }
    }

    fn rule(
        &mut self,
        diag: &mut Diag<'_>,
        raw: toml::Spanned<RawRule>,
        ruleset: &str,
        language: &str,
    ) -> Option<Rule> {
        let span = raw.span();
        let r = raw.into_inner();
        let id = r.id.get_ref().clone();
        let before = diag.errors.len();
        if !is_rule_id(&id) {
            diag.at(
                r.id.span().start,
                Some(&id),
                "rule id must be letters, digits, `-`, `_` or `.`",
            );
        }
        if !self
            .catalogue
            .categories
            .iter()
            .any(|c| &c.id == r.category.get_ref())
        {
            let known: Vec<_> = self
                .catalogue
                .categories
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            diag.at(
                r.category.span().start,
                Some(&id),
                format!(
                    "unknown category `{}` (known: {})",
                    r.category.get_ref(),
                    known.join(", ")
                ),
            );
        }
        let mut standards = Vec::new();
        if r.standards.get_ref().is_empty() {
            diag.at(
                r.standards.span().start,
                Some(&id),
                "a rule must engage at least one standard",
            );
        }
        for s in r.standards.get_ref() {
            let (std_id, limb) = match s.get_ref().split_once(':') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (s.get_ref().clone(), None),
            };
            match self.catalogue.standards.iter().find(|x| x.id == std_id) {
                None => diag.at(
                    s.span().start,
                    Some(&id),
                    format!("unknown standard `{std_id}`"),
                ),
                Some(st) => {
                    if let Some(l) = &limb {
                        if !st.limbs.iter().any(|x| &x.id == l) {
                            let known: Vec<_> = st.limbs.iter().map(|x| x.id.as_str()).collect();
                            diag.at(
                                s.span().start,
                                Some(&id),
                                format!(
                                    "standard `{std_id}` has no limb `{l}` (limbs: {})",
                                    known.join(", ")
                                ),
                            );
                        }
                    }
                }
            }
            standards.push(StandardRef {
                standard: std_id,
                limb,
            });
        }
        if r.rationale.get_ref().trim().is_empty() {
            diag.at(
                r.rationale.span().start,
                Some(&id),
                "`rationale` must not be empty",
            );
        }
        if r.message.get_ref().trim().is_empty() {
            diag.at(
                r.message.span().start,
                Some(&id),
                "`message` must not be empty",
            );
        }
        if r.patterns.is_empty() && r.terms.is_empty() && r.quantity.is_none() {
            diag.at(
                span.start,
                Some(&id),
                "a rule needs `patterns`, `terms` or a `quantity` test to match",
            );
        }
        if let Some(q) = &r.quantity {
            use schema::{QuantityKind as K, QuantityUnit as U};
            let v = q.get_ref();
            let ok_unit = matches!(
                (v.kind, v.unit()),
                (K::Fine | K::Money, U::Eur | U::WageMonths | U::Amount)
                    | (K::Threshold | K::Percent, U::Percent)
                    | (K::Reporting | K::Inspection | K::Frequency, U::PerYear)
                    | (K::Registration | K::Deadline, U::Days)
                    | (K::Prison, U::Years)
            );
            if !ok_unit {
                diag.at(
                    q.span().start,
                    Some(&id),
                    format!(
                        "`quantity`: unit {:?} does not apply to kind {:?}",
                        v.unit(),
                        v.kind
                    ),
                );
            }
            if v.above.is_none() && v.at_least.is_none() && v.below.is_none() && v.at_most.is_none()
            {
                diag.at(
                    q.span().start,
                    Some(&id),
                    "`quantity` needs a bound: above, at_least, below or at_most",
                );
            }
        }
        match r.kind {
            RuleKind::Absent if r.safeguards.is_empty() => diag.at(
                span.start,
                Some(&id),
                "an `absent` rule needs `safeguards`: the patterns whose absence it reports",
            ),
            RuleKind::Match if !r.safeguards.is_empty() => diag.at(
                r.safeguards[0].span().start,
                Some(&id),
                "`safeguards` only apply to rules with kind = \"absent\"",
            ),
            _ => {}
        }
        let ex = r.examples.get_ref();
        if ex.flag.iter().all(|s| s.trim().is_empty()) || ex.ok.iter().all(|s| s.trim().is_empty())
        {
            diag.at(
                r.examples.span().start,
                Some(&id),
                "every rule needs at least one `examples.flag` and one `examples.ok` text",
            );
        }
        let mut compiled = RulePatterns::default();
        for p in &r.patterns {
            if let Some(i) = self.pattern(diag, &id, "pattern", p, r.case_sensitive) {
                compiled.triggers.push(i);
            }
        }
        if !r.terms.is_empty() {
            if let Some(t) = r.terms.iter().find(|t| t.get_ref().trim().is_empty()) {
                diag.at(t.span().start, Some(&id), "empty term");
            } else {
                let terms: Vec<String> = r.terms.iter().map(|t| t.get_ref().clone()).collect();
                let expr = toml::Spanned::new(r.terms[0].span(), compile::terms_expression(&terms));
                if let Some(i) = self.pattern(diag, &id, "terms", &expr, false) {
                    compiled.triggers.push(i);
                }
            }
        }
        for p in &r.exceptions {
            if let Some(i) = self.pattern(diag, &id, "exception", p, r.case_sensitive) {
                compiled.exceptions.push(i);
            }
        }
        for p in &r.safeguards {
            if let Some(i) = self.pattern(diag, &id, "safeguard", p, r.case_sensitive) {
                compiled.safeguards.push(i);
            }
        }
        let near = match &r.near {
            Some(n) => {
                if n.patterns.is_empty() {
                    diag.at(span.start, Some(&id), "`near.patterns` must not be empty");
                }
                if *n.words.get_ref() == 0 {
                    diag.at(
                        n.words.span().start,
                        Some(&id),
                        "`near.words` must be at least 1",
                    );
                }
                for p in &n.patterns {
                    if let Some(i) = self.pattern(diag, &id, "near pattern", p, r.case_sensitive) {
                        compiled.near.push(i);
                    }
                }
                Some((
                    n.patterns.iter().map(|p| p.get_ref().clone()).collect(),
                    *n.words.get_ref(),
                ))
            }
            None => None,
        };
        if diag.errors.len() > before {
            return None;
        }
        let (line, _) = line_col(&diag.src.text, span.start);
        Some(Rule {
            id,
            title: r.title,
            category: r.category.into_inner(),
            severity: r.severity,
            standards,
            rationale: r.rationale.into_inner().trim().to_string(),
            message: r.message.into_inner().trim().to_string(),
            kind: r.kind,
            scope: r.scope,
            negation: r.negation,
            patterns: r
                .patterns
                .into_iter()
                .map(toml::Spanned::into_inner)
                .collect(),
            terms: r.terms.into_iter().map(toml::Spanned::into_inner).collect(),
            exceptions: r
                .exceptions
                .into_iter()
                .map(toml::Spanned::into_inner)
                .collect(),
            near,
            safeguards: r
                .safeguards
                .into_iter()
                .map(toml::Spanned::into_inner)
                .collect(),
            alternative: r.alternative.map(|a| a.trim().to_string()),
            sources: r.sources,
            examples: {
                let e = r.examples.into_inner();
                Examples {
                    flag: e.flag,
                    ok: e.ok,
                }
            },
            ruleset: ruleset.to_string(),
            language: language.to_string(),
            location: format!("{}:{line}", diag.src.name),
            quantity: r.quantity.map(toml::Spanned::into_inner),
            compiled,
        })
    }
}

fn build_prefilter(rules: &[usize], all: &[Rule], patterns: &[CompiledPattern]) -> Prefilter {
    let mut literal_index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut unanchored = Vec::new();
    for &ri in rules {
        let c = &all[ri].compiled;
        for p in c.all() {
            match &patterns[p].literals {
                Some(lits) => {
                    for l in lits {
                        literal_index.entry(l.clone()).or_default().push(p);
                    }
                }
                None => unanchored.push(p),
            }
        }
    }
    let literals: Vec<String> = literal_index.keys().cloned().collect();
    let literal_patterns: Vec<Vec<usize>> = literal_index.into_values().collect();
    let ac = (!literals.is_empty()).then(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&literals)
            .expect("literal automaton builds: literals are non-empty strings")
    });
    unanchored.sort_unstable();
    unanchored.dedup();
    Prefilter {
        ac,
        literal_patterns,
        unanchored,
    }
}

impl RuleBook {
    /// The embedded rule sets and catalogue.
    pub fn embedded() -> Result<RuleBook, RuleErrors> {
        RuleBook::compile(embedded_sources())
    }

    /// Loads the rule sets at `paths` (files or folders). The standards catalogue and the
    /// categories come from those paths when they contain any, and are the embedded ones
    /// otherwise. With no paths, everything embedded is used.
    pub fn load(paths: &[PathBuf]) -> Result<RuleBook, RuleErrors> {
        if paths.is_empty() {
            return RuleBook::embedded();
        }
        let mut sources = read_sources(paths)?;
        let mut kinds = Vec::new();
        for s in &sources {
            kinds.push(file_kind(s).ok());
        }
        let has = |k: FileKind| kinds.contains(&Some(k));
        let (need_standards, need_categories) =
            (!has(FileKind::Standards), !has(FileKind::Categories));
        // Retired ids stay retired whatever rules are loaded.
        let need_retired = !has(FileKind::Retired);
        let need_jurisdictions = !has(FileKind::Jurisdictions);
        let need_profiles = !has(FileKind::Profile);
        let need_concepts = !has(FileKind::Concepts);
        let need_scopes = !has(FileKind::Scopes);
        for e in embedded_sources() {
            let kind = file_kind(&e).ok();
            if (kind == Some(FileKind::Standards) && need_standards)
                || (kind == Some(FileKind::Categories) && need_categories)
                || (kind == Some(FileKind::Retired) && need_retired)
                || (kind == Some(FileKind::Jurisdictions) && need_jurisdictions)
                || (kind == Some(FileKind::Profile) && need_profiles)
                || (kind == Some(FileKind::Concepts) && need_concepts)
                || (kind == Some(FileKind::Scopes) && need_scopes)
            {
                sources.push(e);
            }
        }
        RuleBook::compile(sources)
    }

    /// Parses, checks and compiles rule sources. Returns every problem found.
    pub fn compile(sources: Vec<RuleSource>) -> Result<RuleBook, RuleErrors> {
        let mut errors = Vec::new();
        let mut kept: Vec<&RuleSource> = Vec::new();
        let mut kinds = Vec::new();
        for s in &sources {
            match file_kind(s) {
                Ok(k) => {
                    kept.push(s);
                    kinds.push(k);
                }
                Err(e) => errors.push(e),
            }
        }
        let catalogue = load_catalogue(&kept, &kinds, &mut errors);
        if catalogue.standards.is_empty() {
            errors.push(RuleError {
                file: "(rules)".into(),
                line: 0,
                col: 0,
                rule: None,
                message: "no standards catalogue ([[standard]] entries) was loaded".into(),
            });
        }
        let mut retired: BTreeMap<String, String> = BTreeMap::new();
        let mut retired_list = Vec::new();
        for (src, kind) in kept.iter().zip(&kinds) {
            if *kind == FileKind::Retired {
                if let Some(file) = parse_toml::<schema::RawRetiredFile>(src, &mut errors) {
                    for r in file.retired {
                        if retired.insert(r.id.clone(), r.reason.clone()).is_none() {
                            retired_list.push(Retired {
                                id: r.id,
                                reason: r.reason,
                            });
                        }
                    }
                }
            }
        }
        let mut jurisdictions: Vec<Jurisdiction> = Vec::new();
        for (src, kind) in kept.iter().zip(&kinds) {
            if *kind != FileKind::Jurisdictions {
                continue;
            }
            let Some(file) = parse_toml::<schema::RawJurisdictionsFile>(src, &mut errors) else {
                continue;
            };
            let mut diag = Diag {
                src,
                errors: &mut errors,
            };
            for j in file.jurisdiction {
                let at = j.span().start;
                let j = j.into_inner();
                let is_currency =
                    |c: &str| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase());
                if jurisdictions.iter().any(|x| x.code == j.code) {
                    diag.at(
                        at,
                        None,
                        format!("jurisdiction `{}` is listed twice", j.code),
                    );
                }
                if !is_currency(&j.currency) {
                    diag.at(
                        at,
                        None,
                        format!(
                            "jurisdiction `{}`: currency must be an ISO 4217 code",
                            j.code
                        ),
                    );
                }
                if j.eur_rate.rate.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                    diag.at(
                        at,
                        None,
                        format!("jurisdiction `{}`: eur_rate.rate must be positive", j.code),
                    );
                }
                for w in [&j.minimum_wage, &j.average_wage].into_iter().flatten() {
                    if w.amount.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
                        || w.currency != j.currency
                    {
                        diag.at(
                            at,
                            None,
                            format!(
                                "jurisdiction `{}`: wages must be positive and in {}",
                                j.code, j.currency
                            ),
                        );
                    }
                }
                for u in &j.units {
                    if u.amount.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
                        || !is_currency(&u.currency)
                    {
                        diag.at(
                            at,
                            None,
                            format!(
                                "jurisdiction `{}`: unit `{}` needs a positive amount in an ISO 4217 currency",
                                j.code, u.code
                            ),
                        );
                    }
                }
                jurisdictions.push(Jurisdiction {
                    code: j.code,
                    name: j.name,
                    currency: j.currency,
                    wage_basis: j.wage_basis,
                    minimum_wage: j.minimum_wage,
                    average_wage: j.average_wage,
                    eur_rate: j.eur_rate,
                    illustrative: j.illustrative,
                    note: j.note,
                    units: j.units,
                });
            }
        }
        let mut concept_files = Vec::new();
        let mut scope_files = Vec::new();
        for (src, kind) in kept.iter().zip(&kinds) {
            match kind {
                FileKind::Concepts => {
                    if let Some(raw) = parse_toml::<concepts::RawConceptsFile>(src, &mut errors) {
                        concept_files.push((*src, raw));
                    }
                }
                FileKind::Scopes => {
                    if let Some(raw) = parse_toml::<scopes::RawScopesFile>(src, &mut errors) {
                        scope_files.push((*src, raw));
                    }
                }
                _ => {}
            }
        }
        let (concept_list, expansions) = concepts::compile_all(concept_files, &mut errors);
        let scope_sets = scopes::compile_all(scope_files, &expansions, &mut errors);
        let no_classes = BTreeMap::new();
        let mut profiles: Vec<profile::ProfileSpec> = Vec::new();
        for (src, kind) in kept.iter().zip(&kinds) {
            if *kind != FileKind::Profile {
                continue;
            }
            let Some(raw) = parse_toml::<profile::RawProfileFile>(src, &mut errors) else {
                continue;
            };
            let classes = expansions
                .get(&primary_language(&raw.profile.language))
                .unwrap_or(&no_classes);
            match profile::ProfileSpec::compile(raw, &src.name, classes) {
                Ok(spec) => {
                    if profiles.iter().any(|p| p.language == spec.language) {
                        Diag {
                            src,
                            errors: &mut errors,
                        }
                        .at(
                            0,
                            None,
                            format!("a second profile for language `{}`", spec.language),
                        );
                    }
                    profiles.push(spec);
                }
                Err(message) => {
                    // Point at the offending pattern when it can be found in the file.
                    let at = message
                        .split('`')
                        .nth(1)
                        .and_then(|p| src.text.find(p))
                        .unwrap_or(0);
                    Diag {
                        src,
                        errors: &mut errors,
                    }
                    .at(at, None, message);
                }
            }
        }
        let mut compiler = Compiler {
            patterns: Vec::new(),
            seen: HashMap::new(),
            catalogue: &catalogue,
            expansions: &expansions,
            language: String::new(),
        };
        let mut rulesets = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_ids: BTreeMap<String, String> = BTreeMap::new();
        for (src, kind) in kept.iter().zip(&kinds) {
            if *kind != FileKind::RuleSet {
                continue;
            }
            let Some(file) = parse_toml::<RawRuleSetFile>(src, &mut errors) else {
                continue;
            };
            let mut diag = Diag {
                src,
                errors: &mut errors,
            };
            let header = file.ruleset;
            let set_id = header.id.get_ref().clone();
            if rulesets.iter().any(|r: &RuleSet| r.id == set_id) {
                diag.at(
                    header.id.span().start,
                    None,
                    format!("rule set `{set_id}` is defined twice"),
                );
            }
            if !is_language(header.language.get_ref()) {
                diag.at(
                    header.language.span().start,
                    None,
                    "`language` must be a BCP 47 tag such as `en` or `ka`",
                );
            }
            let language = header.language.get_ref().clone();
            compiler.language = primary_language(&language);
            let mut members = Vec::new();
            for raw in file.rule {
                let id = raw.get_ref().id.get_ref().clone();
                let id_offset = raw.get_ref().id.span().start;
                if let Some(prev) = rule_ids.get(&id) {
                    diag.at(
                        id_offset,
                        Some(&id),
                        format!("duplicate rule id (already defined at {prev})"),
                    );
                    continue;
                }
                if let Some(reason) = retired.get(&id) {
                    diag.at(
                        id_offset,
                        Some(&id),
                        format!(
                            "id was retired ({reason}); rule ids are never reused, take a new one"
                        ),
                    );
                    continue;
                }
                let (line, _) = line_col(&src.text, id_offset);
                rule_ids.insert(id.clone(), format!("{}:{line}", src.name));
                if let Some(rule) = compiler.rule(&mut diag, raw, &set_id, &language) {
                    members.push(rules.len());
                    rules.push(rule);
                }
            }
            rulesets.push(RuleSet {
                id: set_id,
                title: header.title,
                version: header.version,
                language,
                description: header.description,
                file: src.name.clone(),
                sha256: crate::text::sha256_hex(src.text.as_bytes()),
                rules: members,
            });
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        let patterns = compiler.patterns;
        let mut by_language: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in rules.iter().enumerate() {
            by_language
                .entry(primary_language(&r.language))
                .or_default()
                .push(i);
        }
        let groups = by_language
            .into_iter()
            .map(|(language, members)| {
                let prefilter = build_prefilter(&members, &rules, &patterns);
                LanguageGroup {
                    language,
                    rules: members,
                    prefilter,
                }
            })
            .collect();
        Ok(RuleBook {
            rulesets,
            rules,
            standards: catalogue.standards,
            instruments: catalogue.instruments,
            categories: catalogue.categories,
            jurisdictions,
            profiles,
            retired: retired_list,
            concepts: concept_list,
            scopes: scope_sets,
            patterns,
            groups,
        })
    }

    /// The rules that apply to a law in `language` (matched on the primary subtag).
    pub(crate) fn group_for(&self, language: &str) -> Option<&LanguageGroup> {
        let p = primary_language(language);
        self.groups.iter().find(|g| g.language == p)
    }

    /// True when some rule set covers `language`.
    pub fn covers(&self, language: &str) -> bool {
        self.group_for(language).is_some()
    }

    /// The languages covered by the loaded rule sets.
    pub fn languages(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.language.clone()).collect()
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The profile specification for a language (primary subtag).
    pub fn profile_for(&self, language: &str) -> Option<&profile::ProfileSpec> {
        let p = primary_language(language);
        self.profiles.iter().find(|s| s.language == p)
    }

    /// The facts of a jurisdiction by code.
    pub fn jurisdiction(&self, code: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.code == code)
    }

    /// The concept classes of a language (primary subtag), in file order.
    pub fn concepts_of(&self, language: &str) -> Vec<&concepts::Concept> {
        let p = primary_language(language);
        self.concepts.iter().filter(|c| c.language == p).collect()
    }

    /// The negation and limitation scopes of a language (primary subtag).
    pub fn scopes_for(&self, language: &str) -> Option<&scopes::ScopeSet> {
        let p = primary_language(language);
        self.scopes.iter().find(|s| s.language == p)
    }

    /// Why `id` was retired, if it was.
    pub fn retirement(&self, id: &str) -> Option<&Retired> {
        self.retired.iter().find(|r| r.id == id)
    }

    /// A standard by id.
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }

    /// The instrument a standard belongs to, if the catalogue declares it.
    pub fn instrument_of(&self, standard: &Standard) -> Option<&instruments::Instrument> {
        self.instruments
            .iter()
            .find(|i| i.name == standard.instrument)
    }

    /// Every distinct regular expression the loaded rules run, one per entry, in a syntax
    /// ripgrep accepts (Rust regex syntax with the case-insensitivity made explicit), for
    /// measuring matching side by side with `rg -c -f`. With `ascii_boundaries`, `\b` is
    /// written as the ASCII-only `(?-u:\b)`, which ripgrep runs on its fast engines (it changes
    /// what matches next to non-ASCII letters, so use it only for timing).
    pub fn export_patterns(&self, ascii_boundaries: bool) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for r in &self.rules {
            let c = &r.compiled;
            for p in c.all() {
                let pat = &self.patterns[p];
                let mut s = if pat.case_insensitive {
                    format!("(?i){}", pat.source)
                } else {
                    pat.source.clone()
                };
                if ascii_boundaries {
                    s = s.replace(r"\b", r"(?-u:\b)");
                }
                let s = s.replace('\n', r"\n");
                if seen.insert(s.clone()) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// A compiled pattern by index.
    pub fn pattern(&self, index: usize) -> &CompiledPattern {
        &self.patterns[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOGUE: &str = "[[standard]]\nid = \"echr-11\"\ninstrument = \"ECHR\"\nshort = \"ECHR\"\narticle = \"Art. 11\"\ntitle = \"Association\"\nprinciple = \"p\"\ncategories = [\"vague-wording\"]\n[[standard.limb]]\nid = \"lawfulness\"\ntitle = \"t\"\nprinciple = \"p\"\n";
    const CATEGORIES: &str =
        "[[category]]\nid = \"vague-wording\"\ntitle = \"Vague\"\ndescription = \"d\"\n";

    fn src(name: &str, text: &str) -> RuleSource {
        RuleSource {
            name: name.into(),
            text: text.into(),
        }
    }

    fn book(rules: &str) -> Result<RuleBook, RuleErrors> {
        RuleBook::compile(vec![
            src("std.toml", CATALOGUE),
            src("cat.toml", CATEGORIES),
            src("r.toml", rules),
        ])
    }

    const HEADER: &str =
        "[ruleset]\nid = \"t\"\ntitle = \"T\"\nversion = \"1\"\nlanguage = \"en\"\n";

    fn rule(id: &str, extra: &str) -> String {
        format!(
            "[[rule]]\nid = \"{id}\"\ntitle = \"x\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11:lawfulness\"]\nrationale = \"r\"\nmessage = \"m\"\n{extra}\nexamples.flag = [\"a foreign agent\"]\nexamples.ok = [\"nothing\"]\n"
        )
    }

    #[test]
    fn compiles_a_valid_book() {
        let b = book(&format!(
            "{HEADER}{}",
            rule("T1", "terms = [\"foreign agent\"]")
        ))
        .expect("valid");
        assert_eq!(b.rules.len(), 1);
        assert!(b.covers("en-GB"));
        assert!(!b.covers("ka"));
    }

    #[test]
    fn errors_are_located_and_name_the_rule() {
        let text = format!("{HEADER}{}", rule("T1", "patterns = ['abc(']"));
        let e = book(&text).expect_err("bad regex").0;
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].rule.as_deref(), Some("T1"));
        assert_eq!((e[0].line, e[0].col), (14, 17), "{}", e[0]);
        assert!(
            e[0].to_string()
                .starts_with("r.toml:14:17: rule T1: pattern: invalid regular expression"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn unknown_keys_categories_standards_and_duplicates() {
        let e = book(&format!(
            "{HEADER}{}",
            rule("T1", "terms = [\"x\"]\ncolour = \"red\"")
        ))
        .expect_err("unknown key")
        .0;
        assert!(e[0].message.contains("colour"), "{}", e[0]);
        assert_eq!(e[0].rule.as_deref(), Some("T1"));
        let bad_cat = rule("T1", "terms = [\"x\"]").replace("vague-wording", "nonsense");
        let e = book(&format!("{HEADER}{bad_cat}")).expect_err("category").0;
        assert!(e[0].message.contains("unknown category"));
        let bad_std = rule("T1", "terms = [\"x\"]").replace("echr-11:lawfulness", "echr-99");
        assert!(
            book(&format!("{HEADER}{bad_std}")).expect_err("std").0[0]
                .message
                .contains("unknown standard")
        );
        let bad_limb = rule("T1", "terms = [\"x\"]").replace("lawfulness", "fairness");
        assert!(
            book(&format!("{HEADER}{bad_limb}")).expect_err("limb").0[0]
                .message
                .contains("no limb")
        );
        let dup = format!(
            "{HEADER}{}{}",
            rule("T1", "terms = [\"x\"]"),
            rule("T1", "terms = [\"y\"]")
        );
        let e = book(&dup).expect_err("dup").0;
        assert!(e[0].message.contains("duplicate rule id"), "{}", e[0]);
        let invalid = book("[ruleset\n").expect_err("toml").0;
        assert!(
            invalid[0].message.starts_with("invalid TOML"),
            "{}",
            invalid[0]
        );
    }

    #[test]
    fn absent_rules_need_safeguards_and_examples_are_required() {
        let e = book(&format!(
            "{HEADER}{}",
            rule("T1", "kind = \"absent\"\nterms = [\"x\"]")
        ))
        .expect_err("absent")
        .0;
        assert!(e[0].message.contains("safeguards"));
        let no_ok = rule("T1", "terms = [\"x\"]").replace("examples.ok = [\"nothing\"]", "");
        assert!(
            book(&format!("{HEADER}{no_ok}")).expect_err("examples").0[0]
                .message
                .contains("examples")
        );
    }

    #[test]
    fn category_prefixes_and_retired_ids_are_data() {
        let cats = "[[category]]\nid = \"vague-wording\"\nprefix = \"VW\"\ntitle = \"Vague\"\ndescription = \"d\"\n";
        let retired = "[[retired]]\nid = \"T9\"\nreason = \"replaced by T1\"\n";
        let b = RuleBook::compile(vec![
            src("std.toml", CATALOGUE),
            src("cat.toml", cats),
            src("ret.toml", retired),
            src(
                "r.toml",
                &format!("{HEADER}{}", rule("T1", "terms = [\"x\"]")),
            ),
        ])
        .expect("valid");
        let c = &b.categories[0];
        assert_eq!(c.id_prefix("en-GB").as_deref(), Some("VW"));
        assert_eq!(c.id_prefix("ru").as_deref(), Some("RU-VW"));
        assert_eq!(
            b.retirement("T9").map(|r| r.reason.as_str()),
            Some("replaced by T1")
        );
        assert!(b.retirement("T1").is_none());
        let bad = cats.replace("\"VW\"", "\"vw\"");
        let e = RuleBook::compile(vec![src("std.toml", CATALOGUE), src("cat.toml", &bad)])
            .expect_err("lower-case prefix")
            .0;
        assert!(e[0].message.contains("prefix"), "{}", e[0]);
        assert_eq!((e[0].line, e[0].col), (3, 10), "{}", e[0]);
    }

    #[test]
    fn concept_classes_expand_in_rules_and_errors_name_file_line_and_rule() {
        let concepts = "[concepts]\nlanguage = \"en\"\n[[concept]]\nid = \"authority\"\ntitle = \"t\"\nterms = [\"the Ministry\", \"the Agency\"]\n[[concept]]\nid = \"agent\"\ntitle = \"t\"\npatterns = ['{authority}\\s+names']\n";
        let with = |rules: &str| {
            RuleBook::compile(vec![
                src("std.toml", CATALOGUE),
                src("cat.toml", CATEGORIES),
                src("concepts.toml", concepts),
                src("r.toml", rules),
            ])
        };
        let b = with(&format!(
            "{HEADER}{}",
            rule("T1", "patterns = ['{agent}\\s+an?\\s+agent']")
        ))
        .expect("valid");
        assert_eq!(b.concepts_of("en").len(), 2);
        assert!(
            b.patterns[b.rules[0].compiled.triggers[0]]
                .source
                .contains("the\\s+Agency")
        );
        let e = with(&format!(
            "{HEADER}{}",
            rule("T1", "patterns = ['x {court}']")
        ))
        .expect_err("unknown class")
        .0;
        assert_eq!(e[0].rule.as_deref(), Some("T1"));
        assert_eq!(
            (e[0].file.as_str(), e[0].line, e[0].col),
            ("r.toml", 14, 16),
            "{}",
            e[0]
        );
        // A concepts file alone is no rule set: it does not make a language covered.
        let es = "[concepts]\nlanguage = \"es\"\n[[concept]]\nid = \"court\"\ntitle = \"t\"\nterms = [\"tribunal\"]\n";
        let b = RuleBook::compile(vec![
            src("std.toml", CATALOGUE),
            src("cat.toml", CATEGORIES),
            src("es.toml", es),
        ])
        .expect("valid");
        assert!(!b.covers("es"));
        assert_eq!(b.concepts_of("es").len(), 1);
    }

    #[test]
    fn embedded_catalogue_loads() {
        let b = RuleBook::embedded().expect("embedded rules compile");
        assert!(b.standard("echr-11").is_some());
        assert!(b.categories.len() >= 11);
    }
}
