//! Stage 6: reports — the [`Report`] model and the writers that render it.
//!
//! The report is built once from the results of the earlier stages; every output format is a
//! rendering of it, so no writer ever re-runs matching or assessment. Outputs are
//! deterministic: no wall-clock time, laws in path order, findings in text order.
//!
//! | module | output |
//! |---|---|
//! | [`markdown`] | `comparison.md` |
//! | [`briefing`] | `briefings/<law>.md` |
//! | [`csv`] | `comparison.csv`, `findings.csv` |
//! | [`html`] | `report.html`, one self-contained page for publication |
//! | [`xlsx`] | `report.xlsx`, a workbook for spreadsheet users |
//! | [`terminal`] | the tables printed after a run |
//! | [`write`](mod@write) | writes the selected formats into the report folder, atomically |
//!
//! [`palette`] holds the colour scale that the HTML and XLSX heat maps share. Every writer
//! states provenance (tool version, rule sets with their SHA-256, input hashes, `--date`).
//!
//! # `report.json`, a stable contract
//!
//! `report.json` is [`Report`] serialised with `serde_json`. Fields may be added in later
//! versions; existing fields are never renamed or removed. At the top level:
//!
//! * `tool`: `{name, version}`.
//! * `rulesets`: `[{id, title, version, language, file, rules}]` (`rules` is the rule count).
//! * `standards`: `[{id, instrument, short, article, title, label, headline}]` (`headline`:
//!   one of the core standards shown in the terminal and the first tables).
//! * `categories`: `[{id, short, title}]`.
//! * `rules`: `[{id, title, category, severity, standards, ruleset, rationale, alternative}]`,
//!   every rule loaded (`alternative` is `null` when the rule gives none).
//! * `laws`: one [`LawReport`] per analysed file: `{id, file, title, jurisdiction, year,
//!   status, language, encoding, sha256, currency, source, metadata, completeness,
//!   provisions, assessed, warnings, findings, assessment, categories, overall, profile}`
//!   where `encoding` is the encoding the file was read in, `sha256` its hash,
//!   `completeness` (only when stated) is `full: …` or `partial: …` as the front matter or
//!   `laws.toml` says, `profile` holds the law's parameters (`{funding_threshold_percent,
//!   label, …}`, each `{value, provision, line, text}` or `null`), `provisions` is the number of numbered
//!   provisions, `findings` is `[{rule, category, severity, provision, line, column, start,
//!   end, text, excerpt, standards, message}]` ([`Finding`]), `assessment` is
//!   `[{standard, verdict, findings, limbs, evidence}]` with `findings` a count (0 when the
//!   verdict is `not-applicable`), `categories` is `[{category, findings, max_severity}]`,
//!   and `applicability` is `[{instrument, short, regional, applies, basis}]`: whether each
//!   instrument binds the law's state (`yes`, `no`, or `assumed` when the state is not in
//!   the catalogue's data) and why.
//! * `errors`: `[{file, message}]`, one per input that could not be analysed.
//! * `title`, `organisation`: present only when given (`--title`, `--organisation`).
//! * `rulesets` in `provenance` and at the top level also carry each file's `sha256`.
//! * `provenance`: `{tool, date, rulesets: [{id, …, sha256}], inputs: [{file, sha256,
//!   encoding}]}` — what produced the report, with SHA-256 content hashes. `date` is only set
//!   by `--date`; outputs never contain the wall-clock time.
//!
//! Positions: `start`/`end` are byte offsets into the text decoded to UTF-8 (without a
//! byte-order mark; front matter included), `line` and `column` are 1-based, and `column`
//! counts Unicode scalar values. Verdict ids are those of [`Verdict`].

pub mod briefing;
pub mod csv;
pub mod grouped;
pub mod html;
pub mod markdown;
pub mod palette;
pub mod profiles;
pub mod rules_doc;
pub mod terminal;
pub mod write;
pub mod xlsx;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assess::{CategorySummary, StandardAssessment, Verdict};
use crate::matching::Finding;
use crate::rules::RuleBook;

/// The title of a report when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Foreign-agent and NGO-funding laws against human-rights standards";

/// `tool` in report.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tool {
    /// `agentlaw`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// Where a report comes from: tool, rule sets and inputs, each with a content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// `agentlaw <version>`.
    pub tool: String,
    /// The date given with `--date`; never the wall clock, so that outputs are reproducible.
    pub date: Option<String>,
    /// Rule sets with the SHA-256 of their files.
    pub rulesets: Vec<RulesetEntry>,
    /// Every input file with the SHA-256 of its bytes (absent when it could not be read).
    pub inputs: Vec<InputEntry>,
}

impl Provenance {
    /// One line naming the tool, the date (when given) and every rule set with its version
    /// and SHA-256, e.g. `agentlaw 0.1.0; rule sets: en-core 1.0 sha256:ab12…`. Used as the
    /// `generated_by` column of the CSV and XLSX outputs.
    pub fn generated_by(&self) -> String {
        let mut s = self.tool.clone();
        if let Some(d) = &self.date {
            s.push_str("; date ");
            s.push_str(d);
        }
        s.push_str(&format!(
            "; {} rule sets, rule book sha256:{}",
            self.rulesets.len(),
            &self.rulebook_hash()[..16]
        ));
        s
    }

    /// A fingerprint of all the rule sets: SHA-256 over their ids, versions and hashes, one
    /// per line. The rule sets themselves are listed in `rulesets`.
    pub fn rulebook_hash(&self) -> String {
        let joined: String = self
            .rulesets
            .iter()
            .map(|r| format!("{} {} {}\n", r.id, r.version, r.sha256))
            .collect();
        crate::text::sha256_hex(joined.as_bytes())
    }

    /// The SHA-256 recorded for an input file, if it could be read.
    pub fn input_sha256(&self, file: &str) -> Option<&str> {
        self.inputs
            .iter()
            .find(|i| i.file == file)
            .and_then(|i| i.sha256.as_deref())
    }
}

/// An input file in the provenance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputEntry {
    /// The file.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: Option<String>,
    /// The encoding it was decoded from, when it was analysed.
    pub encoding: Option<String>,
}

/// A rule set used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesetEntry {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
    /// Language.
    pub language: String,
    /// File it was loaded from.
    pub file: String,
    /// SHA-256 of the file (hex).
    pub sha256: String,
    /// Number of rules.
    pub rules: usize,
}

/// A standard of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardEntry {
    /// Id.
    pub id: String,
    /// Instrument.
    pub instrument: String,
    /// Short instrument name.
    pub short: String,
    /// Article.
    pub article: String,
    /// Title.
    pub title: String,
    /// Column label, e.g. `ECHR 11`.
    pub label: String,
    /// Shown in the compact terminal table.
    pub headline: bool,
}

/// A category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryEntry {
    /// Id.
    pub id: String,
    /// Short name.
    pub short: String,
    /// Title.
    pub title: String,
}

/// A rule that was loaded, as listed in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleEntry {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Severity.
    pub severity: crate::rules::Severity,
    /// Standards engaged.
    pub standards: Vec<String>,
    /// Rule set id.
    pub ruleset: String,
    /// Why the rule matters.
    pub rationale: String,
    /// A compliant alternative, if the rule gives one.
    pub alternative: Option<String>,
}

/// One analysed law.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawReport {
    /// Id.
    pub id: String,
    /// File, as given.
    pub file: String,
    /// Title.
    pub title: String,
    /// Jurisdiction.
    pub jurisdiction: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Status.
    pub status: Option<String>,
    /// Language.
    pub language: String,
    /// The encoding the file was decoded from.
    pub encoding: String,
    /// SHA-256 of the file's bytes.
    pub sha256: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Free metadata.
    pub metadata: BTreeMap<String, String>,
    /// How complete the text is, as its front matter or `laws.toml` says (`full: …` or
    /// `partial: …`); see [`LawReport::is_partial`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completeness: Option<String>,
    /// Number of numbered provisions.
    pub provisions: usize,
    /// False when no rule set covers the law's language.
    pub assessed: bool,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Findings in text order.
    pub findings: Vec<Finding>,
    /// Verdict per standard, in catalogue order.
    pub assessment: Vec<StandardAssessment>,
    /// Summary per category, in category order.
    pub categories: Vec<CategorySummary>,
    /// The most severe verdict.
    pub overall: Verdict,
    /// The law's parameters, each with its evidence (see [`crate::profile::Profile`]).
    pub profile: crate::profile::Profile,
    /// Whether each instrument of the catalogue binds the law's state, and why.
    pub applicability: Vec<crate::assess::applicability::InstrumentStatus>,
}

impl LawReport {
    /// The number of findings, also for a summary whose findings were dropped (every finding
    /// is counted in exactly one category).
    pub fn finding_count(&self) -> usize {
        self.categories.iter().map(|c| c.findings).sum()
    }

    /// This law as an item of the `laws` array of `report.json`: a comma unless it is the
    /// first, then the law's pretty JSON indented to its place; after the last item the
    /// writer adds a line break and two spaces before the closing bracket.
    pub fn json_item(&self, first: bool) -> String {
        let body = serde_json::to_string_pretty(self).expect("a law report always serialises");
        let mut out = String::with_capacity(body.len() + body.len() / 8);
        if !first {
            out.push(',');
        }
        for line in body.lines() {
            out.push_str("\n    ");
            out.push_str(line);
        }
        out
    }

    /// A copy without the findings and the evidence lists, for the summary tables that a
    /// streaming run keeps in memory (verdicts, categories and the profile stay).
    pub fn into_summary(mut self) -> LawReport {
        self.findings = Vec::new();
        for a in &mut self.assessment {
            a.evidence = Vec::new();
        }
        self
    }

    /// True when the law's `completeness` starts with `partial`: absence of findings is then
    /// no clearance, and every output says so ([`PARTIAL_CAVEAT`]).
    pub fn is_partial(&self) -> bool {
        self.completeness.as_deref().is_some_and(|c| {
            c.trim_start()
                .get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("partial"))
        })
    }

    /// The caveat to show beside this law's verdicts: [`PARTIAL_CAVEAT`] for a partial text.
    pub fn caveat(&self) -> Option<&'static str> {
        self.is_partial().then_some(PARTIAL_CAVEAT)
    }

    /// The label of a verdict of this law for readers: as [`Verdict::label`], except that
    /// "no concern found" on a partial text reads "none found in the text given".
    pub fn verdict_label(&self, v: Verdict) -> &'static str {
        if v == Verdict::NoConcern && self.is_partial() {
            NONE_IN_PARTIAL_TEXT
        } else {
            v.label()
        }
    }

    /// The assessment of a standard.
    pub fn verdict(&self, standard: &str) -> Option<&StandardAssessment> {
        self.assessment.iter().find(|a| a.standard == standard)
    }
}

/// What every output says wherever it shows a verdict of a law whose text is partial.
pub const PARTIAL_CAVEAT: &str = "partial text — absence of findings is not a clearance";

/// `s` with its first letter in upper case (for a caveat that starts a sentence).
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The "no concern found" verdict of a partial text.
pub const NONE_IN_PARTIAL_TEXT: &str = "none found in the text given";

/// An input that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ErrorEntry {
    /// The file.
    pub file: String,
    /// Why.
    pub message: String,
}

/// Everything a run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The tool.
    pub tool: Tool,
    /// Rule sets used.
    pub rulesets: Vec<RulesetEntry>,
    /// Standards.
    pub standards: Vec<StandardEntry>,
    /// Categories.
    pub categories: Vec<CategoryEntry>,
    /// Rules loaded.
    pub rules: Vec<RuleEntry>,
    /// Analysed laws, in path order.
    pub laws: Vec<LawReport>,
    /// Inputs that failed, in path order.
    pub errors: Vec<ErrorEntry>,
    /// Tool, rule sets and inputs with their hashes.
    pub provenance: Provenance,
    /// The title of the published report (`--title`); absent, a generic one is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organisation publishing the report (`--organisation`), shown under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

impl Report {
    /// An empty report describing the rule book.
    pub fn new(book: &RuleBook) -> Self {
        let rulesets: Vec<RulesetEntry> = book
            .rulesets
            .iter()
            .map(|r| RulesetEntry {
                id: r.id.clone(),
                title: r.title.clone(),
                version: r.version.clone(),
                language: r.language.clone(),
                file: r.file.clone(),
                sha256: r.sha256.clone(),
                rules: r.rules.len(),
            })
            .collect();
        Self {
            tool: Tool {
                name: env!("CARGO_PKG_NAME").into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            rulesets: rulesets.clone(),
            standards: book
                .standards
                .iter()
                .map(|s| StandardEntry {
                    id: s.id.clone(),
                    instrument: s.instrument.clone(),
                    short: s.short.clone(),
                    article: s.article.clone(),
                    title: s.title.clone(),
                    label: s.label(),
                    headline: s.headline,
                })
                .collect(),
            categories: book
                .categories
                .iter()
                .map(|c| CategoryEntry {
                    id: c.id.clone(),
                    short: c.short.clone(),
                    title: c.title.clone(),
                })
                .collect(),
            rules: book
                .rules
                .iter()
                .map(|r| RuleEntry {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    category: r.category.clone(),
                    severity: r.severity,
                    standards: r.standards.iter().map(ToString::to_string).collect(),
                    ruleset: r.ruleset.clone(),
                    rationale: r.rationale.clone(),
                    alternative: r.alternative.clone(),
                })
                .collect(),
            laws: Vec::new(),
            errors: Vec::new(),
            provenance: Provenance {
                tool: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
                date: None,
                rulesets,
                inputs: Vec::new(),
            },
            title: None,
            organisation: None,
        }
    }

    /// The report's title: `--title`, or a description of what it compares.
    pub fn title(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(DEFAULT_TITLE)
    }

    /// The standard entry with this id.
    pub fn standard(&self, id: &str) -> Option<&StandardEntry> {
        self.standards.iter().find(|s| s.id == id)
    }

    /// The rule entry with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleEntry> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The category entry with this id.
    pub fn category(&self, id: &str) -> Option<&CategoryEntry> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The `report.json` text around the laws: a prefix ending with `"laws": [` and a suffix
    /// starting after the laws' closing bracket, so that laws can be written one by one in
    /// between (see [`LawReport::json_item`]) with the same bytes as [`Report::to_json`].
    pub fn json_frame(&self) -> (String, String) {
        let mut empty = self.clone();
        empty.laws.clear();
        let text = empty.to_json();
        const MARK: &str = "\"laws\": []";
        match text.find(MARK) {
            Some(i) => (
                text[..i + MARK.len() - 1].to_string(),
                text[i + MARK.len() - 1..].to_string(),
            ),
            None => (text, String::new()),
        }
    }

    /// Serialises the report as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serialises");
        s.push('\n');
        s
    }
}
