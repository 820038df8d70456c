//! Stage 5: comparison — laws side by side.
//!
//! [`Comparison`] lays the report out as two matrices, laws × standards (verdicts) and
//! laws × categories (findings and their highest severity), which every writer renders in
//! its own format. It reads the report only.

pub mod side_by_side;

use serde::Serialize;

use crate::assess::Verdict;
use crate::report::Report;
use crate::rules::Severity;

/// A column of a comparison matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Standard or category id.
    pub id: String,
    /// Short header label (`ECHR 11`, `fines`).
    pub label: String,
    /// Full title.
    pub title: String,
    /// Shown in the compact terminal table.
    pub headline: bool,
}

/// A verdict cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VerdictCell {
    /// The verdict.
    pub verdict: Verdict,
    /// Findings engaging the standard.
    pub findings: usize,
}

/// A category cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CategoryCell {
    /// Findings in the category.
    pub findings: usize,
    /// Their highest severity.
    pub max_severity: Option<Severity>,
}

impl CategoryCell {
    /// `high (3)`, or `—` when empty.
    pub fn text(&self) -> String {
        match self.max_severity {
            Some(s) => format!("{} ({})", s.as_str(), self.findings),
            None => "—".into(),
        }
    }
}

/// A law's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Law id.
    pub law: String,
    /// Title.
    pub title: String,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Year.
    pub year: String,
    /// Status.
    pub status: String,
    /// Language.
    pub language: String,
    /// Most severe verdict.
    pub overall: Verdict,
    /// True when the law's text is partial ([`crate::report::LawReport::is_partial`]).
    pub partial: bool,
    /// Total findings.
    pub findings: usize,
    /// One cell per standard column.
    pub standards: Vec<VerdictCell>,
    /// One cell per category column.
    pub categories: Vec<CategoryCell>,
}

/// Laws × standards and laws × categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Standard columns, in catalogue order: the standards that bind the state of at least
    /// one law of the report (the union across regions; every standard when no law binds
    /// any or there is no law). A standard that does not bind a row's state reads
    /// `not-applicable` in that row.
    pub standards: Vec<Column>,
    /// Category columns.
    pub categories: Vec<Column>,
    /// One row per analysed law, in report order.
    pub rows: Vec<Row>,
}

impl Comparison {
    /// Lays out a report.
    pub fn from_report(report: &Report) -> Self {
        let binds_some = |id: &str| {
            report.laws.iter().any(|l| {
                l.verdict(id)
                    .is_none_or(|a| a.verdict != Verdict::NotApplicable)
            })
        };
        let union: Vec<bool> = report.standards.iter().map(|s| binds_some(&s.id)).collect();
        let keep_all = !union.contains(&true);
        let standards: Vec<Column> = report
            .standards
            .iter()
            .zip(&union)
            .filter(|(_, u)| keep_all || **u)
            .map(|(s, _)| Column {
                id: s.id.clone(),
                label: s.label.clone(),
                title: format!("{} {} — {}", s.short, s.article, s.title),
                headline: s.headline,
            })
            .collect();
        let categories: Vec<Column> = report
            .categories
            .iter()
            .map(|c| Column {
                id: c.id.clone(),
                label: c.short.clone(),
                title: c.title.clone(),
                headline: true,
            })
            .collect();
        let rows = report
            .laws
            .iter()
            .map(|law| Row {
                law: law.id.clone(),
                title: law.title.clone(),
                jurisdiction: law.jurisdiction.clone().unwrap_or_default(),
                year: law.year.map(|y| y.to_string()).unwrap_or_default(),
                status: law.status.clone().unwrap_or_default(),
                language: law.language.clone(),
                overall: law.overall,
                partial: law.is_partial(),
                findings: law.finding_count(),
                standards: standards
                    .iter()
                    .map(|c| {
                        law.verdict(&c.id).map_or(
                            VerdictCell {
                                verdict: Verdict::NotAssessed,
                                findings: 0,
                            },
                            |a| VerdictCell {
                                verdict: a.verdict,
                                findings: a.findings,
                            },
                        )
                    })
                    .collect(),
                categories: categories
                    .iter()
                    .map(|c| {
                        law.categories.iter().find(|x| x.category == c.id).map_or(
                            CategoryCell {
                                findings: 0,
                                max_severity: None,
                            },
                            |x| CategoryCell {
                                findings: x.findings,
                                max_severity: x.max_severity,
                            },
                        )
                    })
                    .collect(),
            })
            .collect();
        Self {
            standards,
            categories,
            rows,
        }
    }
}
