//! Stage 4: assessment — from findings to a verdict per standard and a summary per category.
//!
//! # The verdict scale
//!
//! For each standard, the findings whose rule engages that standard are weighed. The verdict
//! is the first line that applies:
//!
//! | verdict | when |
//! |---|---|
//! | `incompatible` | a **critical** finding, or high/critical findings in **three or more categories** |
//! | `serious` | a **high** finding, or medium-or-higher findings in **three or more categories** |
//! | `concern` | a **medium** finding, or low findings from **three or more rules** |
//! | `minor` | only **low** findings |
//! | `no-concern` | no finding engages the standard |
//! | `not-assessed` | no rule set covers the law's language |
//!
//! Counting categories reflects what courts and the Venice Commission stress: burdens that are
//! each tolerable can together amount to a disproportionate interference (the cumulative
//! effect the European Court of Human Rights weighed in *Ecodefence and Others v. Russia*).
//! The verdict is an aid to reading the evidence, never a substitute for it: every verdict
//! lists the rules and citations it rests on.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::matching::Finding;
use crate::rules::{RuleBook, Severity};

/// A verdict on the ordinal scale documented in the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No rule set covers the law's language.
    NotAssessed,
    /// No finding engages the standard.
    NoConcern,
    /// Only low-severity findings.
    Minor,
    /// A medium finding, or several low ones.
    Concern,
    /// A high finding, or medium findings in several categories.
    Serious,
    /// A critical finding, or high findings in several categories.
    Incompatible,
}

impl Verdict {
    /// Every verdict, from least to most severe.
    pub const ALL: [Verdict; 6] = [
        Verdict::NotAssessed,
        Verdict::NoConcern,
        Verdict::Minor,
        Verdict::Concern,
        Verdict::Serious,
        Verdict::Incompatible,
    ];

    /// The kebab-case id used in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Self::NotAssessed => "not-assessed",
            Self::NoConcern => "no-concern",
            Self::Minor => "minor",
            Self::Concern => "concern",
            Self::Serious => "serious",
            Self::Incompatible => "incompatible",
        }
    }

    /// The one label for readers, used by every human-facing format (Markdown, HTML, XLSX,
    /// briefings, compare, diff and the terminal); machine formats use [`Verdict::id`].
    pub fn label(self) -> &'static str {
        match self {
            Self::NotAssessed => "not assessed",
            Self::NoConcern => "no concern",
            Self::Minor => "minor",
            Self::Concern => "concern",
            Self::Serious => "serious",
            Self::Incompatible => "incompatible",
        }
    }

    /// The rule that produces each verdict, for legends.
    pub fn rule(self) -> &'static str {
        match self {
            Self::NotAssessed => "no rule set covers the law's language",
            Self::NoConcern => "no finding engages the standard",
            Self::Minor => "only low-severity findings",
            Self::Concern => "a medium finding, or low findings from three or more rules",
            Self::Serious => {
                "a high finding, or medium-or-higher findings in three or more categories"
            }
            Self::Incompatible => {
                "a critical finding, or high/critical findings in three or more categories"
            }
        }
    }
}

/// The evidence behind a verdict: one rule at one provision.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Rule id.
    pub rule: String,
    /// Provision citation.
    pub provision: String,
    /// Severity of the rule.
    pub severity: Severity,
}

/// The verdict for one standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardAssessment {
    /// Standard id.
    pub standard: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Number of findings engaging the standard.
    pub findings: usize,
    /// The limbs of the standard engaged (e.g. `lawfulness`), sorted.
    pub limbs: Vec<String>,
    /// Rule and citation of each finding, in text order, without repeats.
    pub evidence: Vec<Evidence>,
}

/// The findings of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategorySummary {
    /// Category id.
    pub category: String,
    /// Number of findings.
    pub findings: usize,
    /// Highest severity among them, if any.
    pub max_severity: Option<Severity>,
}

/// Applies the verdict rule to a set of findings engaging one standard.
pub fn verdict_for(findings: &[&Finding]) -> Verdict {
    let cats_at_least = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.severity >= s)
            .map(|f| f.category.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let has = |s: Severity| findings.iter().any(|f| f.severity == s);
    let low_rules = findings
        .iter()
        .map(|f| f.rule.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    if has(Severity::Critical) || cats_at_least(Severity::High) >= 3 {
        Verdict::Incompatible
    } else if has(Severity::High) || cats_at_least(Severity::Medium) >= 3 {
        Verdict::Serious
    } else if has(Severity::Medium) || low_rules >= 3 {
        Verdict::Concern
    } else if findings.is_empty() {
        Verdict::NoConcern
    } else {
        Verdict::Minor
    }
}

/// Verdicts for every standard in the catalogue, in catalogue order. When `assessed` is
/// false (no rule set for the law's language) every verdict is `not-assessed`.
pub fn assess(book: &RuleBook, findings: &[Finding], assessed: bool) -> Vec<StandardAssessment> {
    let mut by_standard: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    let mut limbs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in findings {
        let mut seen = BTreeSet::new();
        for s in &f.standards {
            let (id, limb) = s
                .split_once(':')
                .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
            if let Some(l) = limb {
                limbs.entry(id).or_default().insert(l);
            }
            if seen.insert(id) {
                by_standard.entry(id).or_default().push(f);
            }
        }
    }
    book.standards
        .iter()
        .map(|s| {
            let fs = by_standard.get(s.id.as_str()).cloned().unwrap_or_default();
            let mut evidence: Vec<Evidence> = Vec::new();
            for f in &fs {
                let e = Evidence {
                    rule: f.rule.clone(),
                    provision: f.provision.clone(),
                    severity: f.severity,
                };
                if !evidence.contains(&e) {
                    evidence.push(e);
                }
            }
            StandardAssessment {
                standard: s.id.clone(),
                verdict: if assessed {
                    verdict_for(&fs)
                } else {
                    Verdict::NotAssessed
                },
                findings: fs.len(),
                limbs: limbs
                    .get(s.id.as_str())
                    .map(|l| l.iter().map(|x| (*x).to_string()).collect())
                    .unwrap_or_default(),
                evidence,
            }
        })
        .collect()
}

/// Counts and highest severity per category, in category order.
pub fn summarise_categories(book: &RuleBook, findings: &[Finding]) -> Vec<CategorySummary> {
    book.categories
        .iter()
        .map(|c| {
            let fs: Vec<&Finding> = findings.iter().filter(|f| f.category == c.id).collect();
            CategorySummary {
                category: c.id.clone(),
                findings: fs.len(),
                max_severity: fs.iter().map(|f| f.severity).max(),
            }
        })
        .collect()
}

/// The most severe verdict of a law.
pub fn overall(assessment: &[StandardAssessment]) -> Verdict {
    assessment
        .iter()
        .map(|a| a.verdict)
        .max()
        .unwrap_or(Verdict::NoConcern)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(rule: &str, category: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            category: category.into(),
            severity,
            provision: "Art. 1".into(),
            line: 1,
            column: 1,
            start: 0,
            end: 1,
            text: "x".into(),
            excerpt: "x".into(),
            standards: vec!["echr-11".into()],
            message: "m".into(),
        }
    }

    #[test]
    fn the_scale() {
        use Severity::*;
        assert_eq!(verdict_for(&[]), Verdict::NoConcern);
        let low = f("A", "a", Low);
        assert_eq!(verdict_for(&[&low]), Verdict::Minor);
        let (l2, l3) = (f("B", "a", Low), f("C", "b", Low));
        assert_eq!(verdict_for(&[&low, &l2, &l3]), Verdict::Concern);
        let med = f("D", "a", Medium);
        assert_eq!(verdict_for(&[&med]), Verdict::Concern);
        let (m2, m3) = (f("E", "b", Medium), f("F", "c", Medium));
        assert_eq!(verdict_for(&[&med, &m2, &m3]), Verdict::Serious);
        let high = f("G", "a", High);
        assert_eq!(verdict_for(&[&high]), Verdict::Serious);
        let (h2, h3) = (f("H", "b", High), f("I", "c", High));
        assert_eq!(verdict_for(&[&high, &h2, &h3]), Verdict::Incompatible);
        assert_eq!(
            verdict_for(&[&f("J", "a", Critical)]),
            Verdict::Incompatible
        );
    }

    #[test]
    fn verdicts_are_ordered() {
        assert!(
            Verdict::Incompatible > Verdict::Serious && Verdict::NoConcern > Verdict::NotAssessed
        );
    }
}
