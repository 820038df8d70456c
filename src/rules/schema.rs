//! The TOML schema of rule sets and catalogues, as parsed (before validation).
//!
//! Every table denies unknown keys, so a misspelt field is an error, not a silently
//! ignored setting. Values that later checks may reject carry their byte span
//! ([`toml::Spanned`]) so that the error can point at them.

use serde::Deserialize;
use toml::Spanned;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth noting; not a problem on its own.
    Low,
    /// A concern under the standards.
    Medium,
    /// A serious concern.
    High,
    /// Hard to reconcile with the standards at all.
    Critical,
}

impl Severity {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

/// What a rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Fires where its patterns or terms match.
    #[default]
    Match,
    /// Fires once per law when a trigger matches and no safeguard occurs anywhere in the law.
    Absent,
}

/// The context a match is judged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The sentence containing the match.
    #[default]
    Sentence,
    /// The provision (the smallest numbered unit) containing the match.
    Provision,
    /// The whole law.
    Document,
}

impl Scope {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sentence => "sentence",
            Self::Provision => "provision",
            Self::Document => "document",
        }
    }
}

/// A rule-set file: a header and rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRuleSetFile {
    /// The header.
    pub ruleset: RawHeader,
    /// The rules.
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

/// A rule set's header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// Stable id.
    pub id: Spanned<String>,
    /// Title.
    pub title: String,
    /// Version (free text; semantic versions recommended).
    pub version: String,
    /// BCP 47 language of the laws the rules are written for.
    pub language: Spanned<String>,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
}

/// `near = { patterns = [...], words = N }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNear {
    /// Patterns, one of which must occur near the match.
    pub patterns: Vec<Spanned<String>>,
    /// Greatest number of words between the match and the near pattern.
    pub words: Spanned<usize>,
}

/// A rule's examples.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    /// Texts the rule must flag.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts the rule must not flag.
    #[serde(default)]
    pub ok: Vec<String>,
}

/// A rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable id, never reused.
    pub id: Spanned<String>,
    /// Short title.
    pub title: String,
    /// Category id.
    pub category: Spanned<String>,
    /// Severity.
    pub severity: Severity,
    /// Standards engaged: `echr-11` or `echr-11:lawfulness`.
    pub standards: Spanned<Vec<Spanned<String>>>,
    /// Why it matters.
    pub rationale: Spanned<String>,
    /// The message shown with each finding.
    pub message: Spanned<String>,
    /// Match or absent.
    #[serde(default)]
    pub kind: RuleKind,
    /// Regular expressions (case-insensitive unless `case_sensitive`).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Literal phrases, matched case-insensitively on word boundaries.
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// Patterns that cancel a match found in the same scope.
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// The context for exceptions, `near` and de-duplication.
    #[serde(default)]
    pub scope: Scope,
    /// Another pattern that must occur within N words.
    #[serde(default)]
    pub near: Option<RawNear>,
    /// For `kind = "absent"`: patterns whose presence anywhere in the law satisfies the rule.
    #[serde(default)]
    pub safeguards: Vec<Spanned<String>>,
    /// Match patterns case-sensitively.
    #[serde(default)]
    pub case_sensitive: bool,
    /// A compliant alternative wording or design, for the rule catalogue.
    #[serde(default)]
    pub alternative: Option<String>,
    /// Authorities behind the rule (opinions, judgments), cited by name.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Texts the rule must and must not flag.
    pub examples: Spanned<RawExamples>,
    /// A test on the typed quantities of the law (fines, thresholds, frequencies, deadlines,
    /// prison terms), a trigger like a pattern.
    #[serde(default)]
    pub quantity: Option<Spanned<RawQuantity>>,
}

/// A standards catalogue file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStandardsFile {
    /// The standards.
    pub standard: Vec<Spanned<RawStandard>>,
}

/// A standard as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStandard {
    /// Stable id, e.g. `echr-11`.
    pub id: Spanned<String>,
    /// Instrument name.
    pub instrument: String,
    /// Short instrument name for table headers.
    pub short: String,
    /// Shown in the terminal's compact comparison table.
    #[serde(default)]
    pub headline: bool,
    /// Column label (default: short name and article number, e.g. `ECHR 11`).
    #[serde(default)]
    pub label: Option<String>,
    /// Article, e.g. `Art. 11`.
    pub article: String,
    /// Title of the article.
    pub title: String,
    /// The principle, in the project's words.
    pub principle: String,
    /// Categories it bears on.
    pub categories: Vec<Spanned<String>>,
    /// Authorities.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Limbs of a limitation clause.
    #[serde(default)]
    pub limb: Vec<RawLimb>,
}

/// A limb of a limitation clause.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimb {
    /// Id within the standard, e.g. `lawfulness`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The principle.
    pub principle: String,
}

/// A categories file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategoriesFile {
    /// The categories.
    pub category: Vec<Spanned<RawCategory>>,
}

/// A category as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    /// Stable id.
    pub id: String,
    /// Short name for narrow table headers (defaults to the id).
    #[serde(default)]
    pub short: Option<String>,
    /// Letters that start the ids of this category's rules (`VW` for `VW001`, `RU-VW001`).
    #[serde(default)]
    pub prefix: Option<Spanned<String>>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
}

/// A file of retired rule ids.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetiredFile {
    /// The retired ids.
    pub retired: Vec<RawRetired>,
}

/// A retired rule id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetired {
    /// The id.
    pub id: String,
    /// Why it was retired and what replaced it.
    pub reason: String,
}

/// A file of facts per jurisdiction.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJurisdictionsFile {
    /// The jurisdictions.
    pub jurisdiction: Vec<Spanned<RawJurisdiction>>,
}

/// A dated, sourced amount.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The amount.
    pub amount: f64,
    /// Its currency (ISO 4217).
    pub currency: String,
    /// When it applies.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// An exchange rate to the euro.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// Euros per unit of the currency.
    pub rate: f64,
    /// When it applies.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// Which wage fines are weighed against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WageBasis {
    /// The statutory minimum wage.
    Minimum,
    /// The average wage.
    Average,
}

/// A jurisdiction as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJurisdiction {
    /// ISO 3166 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Currency (ISO 4217).
    pub currency: String,
    /// Which wage fines are weighed against.
    pub wage_basis: WageBasis,
    /// Monthly minimum wage.
    #[serde(default)]
    pub minimum_wage: Option<Fact>,
    /// Monthly average wage.
    #[serde(default)]
    pub average_wage: Option<Fact>,
    /// Exchange rate to the euro.
    pub eur_rate: Rate,
    /// A fictional state of the illustrative laws.
    #[serde(default)]
    pub illustrative: bool,
    /// Remarks.
    #[serde(default)]
    pub note: Option<String>,
}

/// What a `quantity` test measures (see [`crate::profile::Role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// An amount near a fine or penalty word.
    Fine,
    /// Any amount of money.
    Money,
    /// A share of foreign income that triggers the regime.
    Threshold,
    /// Any percentage.
    Percent,
    /// How often reports are due.
    Reporting,
    /// How often inspections may take place.
    Inspection,
    /// Any frequency.
    Frequency,
    /// The deadline for registering, in calendar days.
    Registration,
    /// Any deadline.
    Deadline,
    /// A prison term.
    Prison,
}

/// The unit a `quantity` test compares in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityUnit {
    /// Euros (amounts converted with `rules/catalogue/jurisdictions.toml`).
    Eur,
    /// Months of the local wage (`rules/catalogue/jurisdictions.toml`).
    WageMonths,
    /// The amount as stated, in its own currency.
    Amount,
    /// Per cent.
    Percent,
    /// Occurrences a year.
    PerYear,
    /// Days.
    Days,
    /// Years.
    Years,
}

/// `quantity = { kind = "fine", unit = "wage-months", above = 12 }`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuantity {
    /// What is measured.
    pub kind: QuantityKind,
    /// The unit (default: euros for money, per cent, per year, days, years).
    #[serde(default)]
    pub unit: Option<QuantityUnit>,
    /// Fires when the value is greater than this.
    #[serde(default)]
    pub above: Option<f64>,
    /// Fires when the value is at least this.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// Fires when the value is less than this.
    #[serde(default)]
    pub below: Option<f64>,
    /// Fires when the value is at most this.
    #[serde(default)]
    pub at_most: Option<f64>,
}

impl RawQuantity {
    /// The default unit of a kind.
    pub fn default_unit(kind: QuantityKind) -> QuantityUnit {
        match kind {
            QuantityKind::Fine | QuantityKind::Money => QuantityUnit::Eur,
            QuantityKind::Threshold | QuantityKind::Percent => QuantityUnit::Percent,
            QuantityKind::Reporting | QuantityKind::Inspection | QuantityKind::Frequency => {
                QuantityUnit::PerYear
            }
            QuantityKind::Registration | QuantityKind::Deadline => QuantityUnit::Days,
            QuantityKind::Prison => QuantityUnit::Years,
        }
    }

    /// The unit used.
    pub fn unit(&self) -> QuantityUnit {
        self.unit.unwrap_or(Self::default_unit(self.kind))
    }

    /// Whether a value passes every bound.
    pub fn accepts(&self, v: f64) -> bool {
        self.above.is_none_or(|b| v > b)
            && self.at_least.is_none_or(|b| v >= b)
            && self.below.is_none_or(|b| v < b)
            && self.at_most.is_none_or(|b| v <= b)
    }
}
