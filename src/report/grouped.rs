//! Findings as a reader sees them: each once, grouped by provision, with the standards it
//! engages as tags.
//!
//! Matching yields one [`Finding`] per rule and span; assessment counts each under every
//! standard it engages. A report that listed the findings per standard would repeat each of
//! them under up to a dozen headings, so the HTML report and the briefings show every
//! finding once, in text order, grouped by the provision it is in. Two rules of one category
//! that matched the same words are one [`FindingGroup`] naming both rules.

use std::collections::BTreeMap;

use crate::matching::Finding;
use crate::report::LawReport;
use crate::rules::Severity;

/// One passage of the law that one or more rules of one category flagged.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup<'a> {
    /// The findings, in text order (same span and category, different rules).
    pub findings: Vec<&'a Finding>,
    /// The standards engaged by any of them (ids without the limb), in first-seen order.
    pub standards: Vec<&'a str>,
    /// The highest severity among them.
    pub severity: Severity,
}

impl<'a> FindingGroup<'a> {
    /// The first finding: its provision, position, quote and category are the group's.
    pub fn first(&self) -> &'a Finding {
        self.findings[0]
    }

    /// The rule ids, in order.
    pub fn rules(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.findings.iter().map(|f| f.rule.as_str())
    }

    /// Whether the group engages the standard `id`.
    pub fn engages(&self, id: &str) -> bool {
        self.standards.contains(&id)
    }
}

/// The standard id of an engagement such as `echr-11:necessity`.
pub fn standard_id(engagement: &str) -> &str {
    engagement.split(':').next().unwrap_or(engagement)
}

/// The law's findings merged per span and category, in text order.
pub fn groups(law: &LawReport) -> Vec<FindingGroup<'_>> {
    let mut out: Vec<FindingGroup<'_>> = Vec::new();
    let mut at: BTreeMap<(usize, usize, &str), usize> = BTreeMap::new();
    for f in &law.findings {
        let key = (f.start, f.end, f.category.as_str());
        let i = *at.entry(key).or_insert_with(|| {
            out.push(FindingGroup {
                findings: Vec::new(),
                standards: Vec::new(),
                severity: f.severity,
            });
            out.len() - 1
        });
        let g = &mut out[i];
        g.findings.push(f);
        g.severity = g.severity.max(f.severity);
        for s in &f.standards {
            let id = standard_id(s);
            if !g.standards.contains(&id) {
                g.standards.push(id);
            }
        }
    }
    out
}

/// The groups in runs of one provision each: `(provision, indices into groups)`, in text
/// order of each provision's first group.
pub fn by_provision<'g>(groups: &'g [FindingGroup<'_>]) -> Vec<(&'g str, Vec<usize>)> {
    let mut order: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        let p = g.first().provision.as_str();
        let k = *index.entry(p).or_insert_with(|| {
            order.push((p, Vec::new()));
            order.len() - 1
        });
        order[k].1.push(i);
    }
    order
}

/// What a standard's verdict rests on, per provision: `(provision, [(rule id, group
/// index)])`, most severe provisions first and then in text order, each rule once per
/// provision.
pub fn evidence_for<'g>(
    groups: &'g [FindingGroup<'_>],
    standard: &str,
) -> Vec<(&'g str, Vec<(&'g str, usize)>)> {
    // (provision, its most severe finding, the rules found there with their group)
    type Row<'r> = (&'r str, Severity, Vec<(&'r str, usize)>);
    let mut rows: Vec<Row<'g>> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if !g.engages(standard) {
            continue;
        }
        let p = g.first().provision.as_str();
        let k = match rows.iter().position(|r| r.0 == p) {
            Some(k) => k,
            None => {
                rows.push((p, g.severity, Vec::new()));
                rows.len() - 1
            }
        };
        rows[k].1 = rows[k].1.max(g.severity);
        for f in &g.findings {
            if f.standards.iter().any(|s| standard_id(s) == standard)
                && !rows[k].2.iter().any(|(r, _)| *r == f.rule)
            {
                rows[k].2.push((f.rule.as_str(), i));
            }
        }
    }
    // A stable sort keeps text order within a severity.
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    rows.into_iter().map(|(p, _, r)| (p, r)).collect()
}

/// The number of distinct provisions with at least one finding.
pub fn provisions_with_findings(law: &LawReport) -> usize {
    let mut seen: Vec<&str> = law.findings.iter().map(|f| f.provision.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// The headline sentence of a law, e.g. `13 findings in 4 categories, in 9 of the law's 69
/// numbered provisions.`
pub fn headline(law: &LawReport) -> String {
    sentence(law, true)
}

/// The headline without the provisions count (`13 findings in 4 categories.`), which a
/// summary without its findings (see [`LawReport::into_summary`]) can still state.
pub fn short_headline(law: &LawReport) -> String {
    sentence(law, false)
}

fn sentence(law: &LawReport, provisions: bool) -> String {
    if !law.assessed {
        return format!(
            "Not assessed: no rule set covers the law's language ({}).",
            law.language
        );
    }
    let n = law.finding_count();
    if n == 0 {
        return format!(
            "No finding in the law's {}.",
            plural(law.provisions, "numbered provision", "numbered provisions")
        );
    }
    let cats = law.categories.iter().filter(|c| c.findings > 0).count();
    let mut s = format!(
        "{} in {}",
        plural(n, "finding", "findings"),
        plural(cats, "category", "categories")
    );
    if provisions {
        let p = provisions_with_findings(law);
        s.push_str(&format!(
            ", in {p} of the law's {}",
            plural(law.provisions, "numbered provision", "numbered provisions")
        ));
    }
    s.push('.');
    s
}

/// The free metadata keys that give an English gloss of a law's title, in order of
/// preference.
pub const TITLE_GLOSS_KEYS: [&str; 2] = ["title_en", "title_english"];

/// An English gloss of the law's title, from its metadata (`title_en = "…"` in the front
/// matter or manifest), for a title that is not in English.
pub fn title_gloss(law: &LawReport) -> Option<&str> {
    if law.language == "en" || law.language.starts_with("en-") {
        return None;
    }
    TITLE_GLOSS_KEYS
        .iter()
        .find_map(|k| law.metadata.get(*k))
        .map(String::as_str)
        .filter(|g| !g.trim().is_empty())
}

/// `1 finding`, `2 findings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A position for readers: `line 21, column 34`.
pub fn position(f: &Finding) -> String {
    format!("line {}, column {}", f.line, f.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, cat: &str, start: usize, prov: &str, stds: &[&str]) -> Finding {
        Finding {
            rule: rule.into(),
            category: cat.into(),
            severity: Severity::Medium,
            provision: prov.into(),
            line: 1,
            column: start + 1,
            start,
            end: start + 5,
            text: "words".into(),
            excerpt: "some words here".into(),
            standards: stds.iter().map(|s| (*s).to_string()).collect(),
            message: "m".into(),
        }
    }

    fn law(findings: Vec<Finding>) -> LawReport {
        let book = crate::rules::RuleBook::embedded().expect("embedded rules compile");
        let loader = crate::load::Loader::default();
        let l = loader
            .load_text(
                std::path::Path::new("x.txt"),
                "+++\nlanguage = \"en\"\n+++\nArticle 1\n1. Text.\n".into(),
                None,
            )
            .expect("loads");
        let mut r = crate::analyze::analyze_law(&book, &l);
        r.findings = findings;
        r
    }

    #[test]
    fn the_same_span_of_one_category_is_one_group_and_standards_are_tags() {
        let l = law(vec![
            finding(
                "A1",
                "label",
                0,
                "Art. 1",
                &["echr-11:necessity", "echr-10"],
            ),
            finding(
                "A2",
                "label",
                0,
                "Art. 1",
                &["echr-11:lawfulness", "echr-8"],
            ),
            finding("B1", "fines", 0, "Art. 1", &["echr-11"]),
            finding("A1", "label", 20, "Art. 2", &["echr-11"]),
        ]);
        let g = groups(&l);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].rules().collect::<Vec<_>>(), ["A1", "A2"]);
        assert_eq!(g[0].standards, ["echr-11", "echr-10", "echr-8"]);
        let p = by_provision(&g);
        assert_eq!(p, [("Art. 1", vec![0, 1]), ("Art. 2", vec![2])]);
        let e = evidence_for(&g, "echr-8");
        assert_eq!(e, [("Art. 1", vec![("A2", 0)])]);
        assert_eq!(evidence_for(&g, "echr-11").len(), 2);
    }

    #[test]
    fn headline_says_what_it_counts() {
        let l = law(vec![
            finding("A1", "label", 0, "Art. 1", &["echr-11"]),
            finding("A2", "label", 9, "Art. 1", &["echr-11"]),
        ]);
        let mut l = l;
        l.categories = vec![crate::assess::CategorySummary {
            category: "label".into(),
            findings: 2,
            max_severity: Some(Severity::Medium),
        }];
        l.provisions = 69;
        assert_eq!(
            headline(&l),
            "2 findings in 1 category, in 1 of the law's 69 numbered provisions."
        );
    }
}
