//! Stage 7: what changed between two versions of a law (a draft and the adopted text, or
//! a law and its amended version).
//!
//! [`diff`] takes the two loaded [`Law`]s and their [`LawReport`]s and returns a
//! [`LawDiff`]:
//!
//! * **Provisions.** Both laws are cut into units (title, preamble, containers, and each
//!   article with its paragraphs and points) and the units are aligned by text similarity
//!   and position, so that an article renumbered by an insertion is recognised as the same
//!   article ([`align`] documents the passes and thresholds). Each row of the alignment has
//!   a [`Status`]; changed rows carry a short summary and a word-level inline diff.
//! * **Findings.** Each finding is mapped to the unit whose byte range holds it. A rule that
//!   fires in a new unit but not in the aligned old unit (or in a new unit that has none) is
//!   *introduced*; a rule that fired in an old unit but no longer fires in the aligned new
//!   unit is *resolved*. Several findings of one rule in one unit count as one change.
//! * **Assessment.** For each standard, the old and the new verdict; for each category with
//!   findings in either version, the old and the new count and highest severity.
//!
//! The diff only reads what earlier stages produced; it never re-runs matching. The
//! renderers are [`markdown`] and [`terminal`].

pub mod align;
pub mod markdown;
pub mod terminal;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analyze::analyze_law;
use crate::assess::Verdict;
use crate::load::Law;
use crate::matching::Finding;
use crate::report::LawReport;
use crate::rules::{RuleBook, Severity};

pub use align::{Chunk, ChunkOp, MATCH_THRESHOLD, PLACE_THRESHOLD, UnitKind};

/// How a unit changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Same number, same words.
    Unchanged,
    /// Same number, different words.
    Changed,
    /// New number, same words.
    Renumbered,
    /// New number, different words.
    RenumberedChanged,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

impl Status {
    /// Every status, in the order summaries list them.
    pub const ALL: [Status; 6] = [
        Status::Unchanged,
        Status::Changed,
        Status::Renumbered,
        Status::RenumberedChanged,
        Status::Added,
        Status::Removed,
    ];

    /// The label for readers.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unchanged => "unchanged",
            Self::Changed => "changed",
            Self::Renumbered => "renumbered",
            Self::RenumberedChanged => "renumbered and changed",
            Self::Added => "added",
            Self::Removed => "removed",
        }
    }

    /// True when the words differ (or the unit is only on one side).
    pub fn text_changed(self) -> bool {
        !matches!(self, Self::Unchanged | Self::Renumbered)
    }
}

/// One side of a diff: which law it is and its overall result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Law id.
    pub id: String,
    /// File, as given.
    pub file: String,
    /// Title.
    pub title: String,
    /// Year.
    pub year: Option<i64>,
    /// Legislative status.
    pub status: Option<String>,
    /// Language.
    pub language: String,
    /// SHA-256 of the file's bytes.
    pub sha256: Option<String>,
    /// False when no rule set covers the law's language.
    pub assessed: bool,
    /// Number of findings.
    pub findings: usize,
    /// The most severe verdict.
    pub overall: Verdict,
}

/// A unit as cited in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    /// Front segment, container or article.
    pub kind: UnitKind,
    /// Citation (`Art. 3`, `Title`).
    pub citation: String,
    /// Heading, if any.
    pub heading: Option<String>,
    /// 1-based line where it starts.
    pub line: usize,
}

/// One row of the alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitChange {
    /// How the unit changed.
    pub status: Status,
    /// The unit in the old version.
    pub old: Option<UnitRef>,
    /// The unit in the new version.
    pub new: Option<UnitRef>,
    /// Word similarity (0 to 1, three decimals) when the unit is in both versions.
    pub similarity: Option<f64>,
    /// Words deleted.
    pub deleted_words: usize,
    /// Words inserted.
    pub inserted_words: usize,
    /// A short word-level summary of the change (`− by the Ministry + by a court order`);
    /// empty when the words are the same.
    pub summary: String,
    /// The inline diff: for changed units the word-level diff, for added or removed units
    /// their whole text; empty when the words are the same.
    pub diff: Vec<Chunk>,
    /// Rules introduced in this unit.
    pub introduced: usize,
    /// Rules resolved in this unit.
    pub resolved: usize,
}

impl UnitChange {
    /// The rules introduced and resolved in this unit, as `+2 −1` (empty when none).
    pub fn findings_delta(&self) -> String {
        match (self.introduced, self.resolved) {
            (0, 0) => String::new(),
            (i, 0) => format!("+{i}"),
            (0, r) => format!("−{r}"),
            (i, r) => format!("+{i} −{r}"),
        }
    }
}

/// A rule that fires in one version's unit and not in the aligned unit of the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Category id.
    pub category: String,
    /// Severity.
    pub severity: Severity,
    /// The aligned unit in the old version (where a resolved rule fired), if any.
    pub old_unit: Option<String>,
    /// The aligned unit in the new version (where an introduced rule fires), if any.
    pub new_unit: Option<String>,
    /// The citation of the first finding, in the version where the rule fires.
    pub provision: String,
    /// 1-based line of the first finding, in that version.
    pub line: usize,
    /// Number of findings of the rule in that unit.
    pub findings: usize,
    /// The matched text of the first finding.
    pub text: String,
}

/// The verdict on one standard, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictChange {
    /// Standard id.
    pub standard: String,
    /// Short label (`ECHR 11`).
    pub label: String,
    /// Old verdict.
    pub old: Verdict,
    /// Findings engaging the standard in the old version.
    pub old_findings: usize,
    /// New verdict.
    pub new: Verdict,
    /// Findings engaging the standard in the new version.
    pub new_findings: usize,
}

/// A category's findings, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryChange {
    /// Category id.
    pub category: String,
    /// Short label.
    pub label: String,
    /// Findings in the old version.
    pub old_findings: usize,
    /// Their highest severity.
    pub old_max: Option<Severity>,
    /// Findings in the new version.
    pub new_findings: usize,
    /// Their highest severity.
    pub new_max: Option<Severity>,
}

/// Everything that changed between two versions of a law.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawDiff {
    /// `agentlaw <version>`.
    pub tool: String,
    /// The rule sets that cover the two laws' languages (`en-core 1.2`).
    pub rulesets: Vec<String>,
    /// The old version.
    pub old: Version,
    /// The new version.
    pub new: Version,
    /// The alignment, in the new version's order, removed units where they stood.
    pub units: Vec<UnitChange>,
    /// Number of rows per status.
    pub counts: StatusCounts,
    /// Rules that fire in a new unit and not in its old counterpart, in new text order.
    pub introduced: Vec<FindingChange>,
    /// Rules that fired in an old unit and not in its new counterpart, in old text order.
    pub resolved: Vec<FindingChange>,
    /// Rules that fire in both versions of an aligned unit.
    pub persisting: usize,
    /// Verdicts per standard, in catalogue order.
    pub standards: Vec<VerdictChange>,
    /// Categories with findings in either version, in category order.
    pub categories: Vec<CategoryChange>,
}

/// Number of alignment rows per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Same number, same words.
    pub unchanged: usize,
    /// Same number, different words.
    pub changed: usize,
    /// New number, same words.
    pub renumbered: usize,
    /// New number, different words.
    pub renumbered_changed: usize,
    /// Only in the new version.
    pub added: usize,
    /// Only in the old version.
    pub removed: usize,
}

impl StatusCounts {
    /// The count for one status.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Unchanged => self.unchanged,
            Status::Changed => self.changed,
            Status::Renumbered => self.renumbered,
            Status::RenumberedChanged => self.renumbered_changed,
            Status::Added => self.added,
            Status::Removed => self.removed,
        }
    }

    fn add(&mut self, status: Status) {
        let slot = match status {
            Status::Unchanged => &mut self.unchanged,
            Status::Changed => &mut self.changed,
            Status::Renumbered => &mut self.renumbered,
            Status::RenumberedChanged => &mut self.renumbered_changed,
            Status::Added => &mut self.added,
            Status::Removed => &mut self.removed,
        };
        *slot += 1;
    }
}

impl LawDiff {
    /// Serialises the diff as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a diff always serialises");
        s.push('\n');
        s
    }
}

fn version(law: &Law, report: &LawReport) -> Version {
    Version {
        id: report.id.clone(),
        file: report.file.clone(),
        title: report.title.clone(),
        year: report.year,
        status: report.status.clone(),
        language: law.meta.language.clone(),
        sha256: report.sha256.clone(),
        assessed: report.assessed,
        findings: report.findings.len(),
        overall: report.overall,
    }
}

fn unit_ref(law: &Law, u: &align::Unit) -> UnitRef {
    UnitRef {
        kind: u.kind,
        citation: u.citation.clone(),
        heading: u.heading.clone(),
        line: law.lines.line_col(&law.text, u.start).0,
    }
}

/// The unit holding each finding: by byte span, else by citation.
fn unit_of(units: &[align::Unit], f: &Finding) -> Option<usize> {
    units
        .iter()
        .position(|u| u.start <= f.start && f.start < u.end)
        .or_else(|| {
            units
                .iter()
                .position(|u| crate::load::segment::citation_within(&f.provision, &u.citation))
        })
}

/// Findings grouped by unit, then rule (first finding and count), in text order.
fn by_unit<'a>(
    units: &[align::Unit],
    findings: &'a [Finding],
) -> BTreeMap<usize, BTreeMap<&'a str, (&'a Finding, usize)>> {
    let mut out: BTreeMap<usize, BTreeMap<&str, (&Finding, usize)>> = BTreeMap::new();
    for f in findings {
        let Some(u) = unit_of(units, f) else { continue };
        out.entry(u)
            .or_default()
            .entry(f.rule.as_str())
            .and_modify(|e| e.1 += 1)
            .or_insert((f, 1));
    }
    out
}

fn first_words(words: &str, max: usize) -> String {
    let w: Vec<&str> = words.split_whitespace().collect();
    if w.len() <= max {
        w.join(" ")
    } else {
        format!("{} …", w[..max].join(" "))
    }
}

/// The summary of an inline diff: each place that changed as `− old + new`, the first
/// three places only when there are more.
fn summarise(chunks: &[Chunk]) -> (String, usize, usize) {
    let count = |t: &str| align::words(t).0.len();
    let mut hunks: Vec<(String, String)> = Vec::new();
    let mut open = false;
    let (mut deleted, mut inserted) = (0, 0);
    for c in chunks {
        match c.op {
            ChunkOp::Equal => open = false,
            ChunkOp::Delete | ChunkOp::Insert => {
                if !open {
                    hunks.push((String::new(), String::new()));
                    open = true;
                }
                if let Some(h) = hunks.last_mut() {
                    let side = if c.op == ChunkOp::Delete {
                        deleted += count(&c.text);
                        &mut h.0
                    } else {
                        inserted += count(&c.text);
                        &mut h.1
                    };
                    side.push_str(&c.text);
                }
            }
        }
    }
    let shown: Vec<String> = hunks
        .iter()
        .take(3)
        .map(|(d, i)| {
            let mut parts = Vec::new();
            if !d.trim().is_empty() {
                parts.push(format!("− {}", first_words(d, 8)));
            }
            if !i.trim().is_empty() {
                parts.push(format!("+ {}", first_words(i, 8)));
            }
            parts.join(" ")
        })
        .collect();
    let mut s = shown.join("; ");
    if hunks.len() > 3 {
        s = format!(
            "{} places, −{deleted} +{inserted} words: {s}; …",
            hunks.len()
        );
    }
    (s, deleted, inserted)
}

/// Compares two versions of a law, given their analyses.
pub fn diff(
    book: &RuleBook,
    old: &Law,
    old_report: &LawReport,
    new: &Law,
    new_report: &LawReport,
) -> LawDiff {
    let old_units = align::units(old);
    let new_units = align::units(new);
    let pairs = align::align(&old_units, &new_units);
    let old_found = by_unit(&old_units, &old_report.findings);
    let new_found = by_unit(&new_units, &new_report.findings);
    let rule_title = |id: &str, f: &Finding| {
        book.rule(id)
            .map_or_else(|| f.message.clone(), |r| r.title.clone())
    };

    let mut units = Vec::new();
    let mut introduced = Vec::new();
    let mut resolved = Vec::new();
    let mut persisting = 0;
    let empty = BTreeMap::new();
    for p in &pairs {
        let (ou, nu) = (p.old.map(|i| &old_units[i]), p.new.map(|j| &new_units[j]));
        let status = match (ou, nu) {
            (Some(o), Some(n)) => match (o.number == n.number, o.words == n.words) {
                (true, true) => Status::Unchanged,
                (true, false) => Status::Changed,
                (false, true) => Status::Renumbered,
                (false, false) => Status::RenumberedChanged,
            },
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
        };
        let diff = match (ou, nu) {
            (Some(o), Some(n)) if status.text_changed() => align::inline_diff(o, n),
            (Some(o), None) => vec![Chunk {
                op: ChunkOp::Delete,
                text: o.text(),
            }],
            (None, Some(n)) => vec![Chunk {
                op: ChunkOp::Insert,
                text: n.text(),
            }],
            _ => Vec::new(),
        };
        let (summary, deleted_words, inserted_words) = match status {
            Status::Changed | Status::RenumberedChanged => summarise(&diff),
            Status::Added => (
                String::new(),
                0,
                nu.map_or(0, |u| u.content_words().count()),
            ),
            Status::Removed => (
                String::new(),
                ou.map_or(0, |u| u.content_words().count()),
                0,
            ),
            _ => (String::new(), 0, 0),
        };

        let before = p.old.and_then(|i| old_found.get(&i)).unwrap_or(&empty);
        let after = p.new.and_then(|j| new_found.get(&j)).unwrap_or(&empty);
        let (old_cite, new_cite) = (
            ou.map(|u| u.citation.clone()),
            nu.map(|u| u.citation.clone()),
        );
        let change = |f: &Finding, n: usize, law: &Law| FindingChange {
            rule: f.rule.clone(),
            title: rule_title(&f.rule, f),
            category: f.category.clone(),
            severity: f.severity,
            old_unit: old_cite.clone(),
            new_unit: new_cite.clone(),
            provision: f.provision.clone(),
            line: law.lines.line_col(&law.text, f.start).0,
            findings: n,
            text: f.text.trim().to_string(),
        };
        let mut n_in = 0;
        for (rule, (f, n)) in after {
            if before.contains_key(rule) {
                persisting += 1;
            } else {
                introduced.push((p.new, f.start, change(f, *n, new)));
                n_in += 1;
            }
        }
        let mut n_out = 0;
        for (rule, (f, n)) in before {
            if !after.contains_key(rule) {
                resolved.push((p.old, f.start, change(f, *n, old)));
                n_out += 1;
            }
        }
        units.push(UnitChange {
            status,
            old: ou.map(|u| unit_ref(old, u)),
            new: nu.map(|u| unit_ref(new, u)),
            similarity: p.similarity.map(|s| (s * 1000.0).round() / 1000.0),
            deleted_words,
            inserted_words,
            summary,
            diff,
            introduced: n_in,
            resolved: n_out,
        });
    }
    introduced.sort_by_key(|(u, start, c)| (*u, *start, c.rule.clone()));
    resolved.sort_by_key(|(u, start, c)| (*u, *start, c.rule.clone()));

    let mut counts = StatusCounts::default();
    for u in &units {
        counts.add(u.status);
    }
    let standards = book
        .standards
        .iter()
        .map(|s| {
            let (o, n) = (old_report.verdict(&s.id), new_report.verdict(&s.id));
            VerdictChange {
                standard: s.id.clone(),
                label: s.label(),
                old: o.map_or(Verdict::NotAssessed, |a| a.verdict),
                old_findings: o.map_or(0, |a| a.findings),
                new: n.map_or(Verdict::NotAssessed, |a| a.verdict),
                new_findings: n.map_or(0, |a| a.findings),
            }
        })
        // A standard that binds the state in neither version says nothing about the change.
        .filter(|c: &VerdictChange| {
            !(c.old == Verdict::NotApplicable && c.new == Verdict::NotApplicable)
        })
        .collect();
    let categories = book
        .categories
        .iter()
        .filter_map(|c| {
            let get = |r: &LawReport| {
                r.categories
                    .iter()
                    .find(|x| x.category == c.id)
                    .map_or((0, None), |x| (x.findings, x.max_severity))
            };
            let ((of, om), (nf, nm)) = (get(old_report), get(new_report));
            (of + nf > 0).then(|| CategoryChange {
                category: c.id.clone(),
                label: c.short.clone(),
                old_findings: of,
                old_max: om,
                new_findings: nf,
                new_max: nm,
            })
        })
        .collect();
    let languages: BTreeSet<String> = [&old.meta.language, &new.meta.language]
        .into_iter()
        .map(|l| crate::rules::primary_language(l))
        .collect();
    let rulesets = book
        .rulesets
        .iter()
        .filter(|r| languages.contains(&crate::rules::primary_language(&r.language)))
        .map(|r| format!("{} {}", r.id, r.version))
        .collect();

    LawDiff {
        tool: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
        rulesets,
        old: version(old, old_report),
        new: version(new, new_report),
        units,
        counts,
        introduced: introduced.into_iter().map(|x| x.2).collect(),
        resolved: resolved.into_iter().map(|x| x.2).collect(),
        persisting,
        standards,
        categories,
    }
}

/// Analyses both laws with `book` and compares them.
pub fn diff_laws(book: &RuleBook, old: &Law, new: &Law) -> LawDiff {
    let (a, b) = (analyze_law(book, old), analyze_law(book, new));
    diff(book, old, &a, new, &b)
}
