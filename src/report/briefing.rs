//! Country briefings: one Markdown file per law with its verdicts and the evidence for each
//! standard, citation by citation, with the quoted text.

use std::fmt::Write as _;

use crate::assess::Verdict;
use crate::assess::applicability::Applies;
use crate::matching::Finding;
use crate::report::grouped::{self, FindingGroup};
use crate::report::markdown::{escape, provenance};
use crate::report::{LawReport, Report};

/// Quotes an excerpt with the matched text in bold.
fn quote(f: &Finding) -> String {
    let text = crate::text::collapse_ws(&f.text);
    let ex = &f.excerpt;
    match ex.find(&text) {
        Some(i) => format!(
            "{}**{}**{}",
            escape(&ex[..i]),
            escape(&text),
            escape(&ex[i + text.len()..])
        ),
        None => escape(ex),
    }
}

/// "1 provision", "2 provisions".
fn provisions(n: usize) -> String {
    format!("{n} {}", if n == 1 { "provision" } else { "provisions" })
}

/// A one-line summary of a law's result.
pub fn summary_line(law: &LawReport, report: &Report) -> String {
    if !law.assessed {
        return format!(
            "Not assessed: no rule set covers the law's language (`{}`).",
            law.language
        );
    }
    let worst: Vec<String> = law
        .assessment
        .iter()
        .filter(|a| a.verdict == law.overall && a.verdict > Verdict::NoConcern)
        .filter_map(|a| report.standard(&a.standard).map(|s| s.label.clone()))
        .collect();
    if law.finding_count() == 0 && law.is_partial() {
        format!(
            "None found in the text given: no rule fired in {} ({}).",
            provisions(law.provisions),
            crate::report::PARTIAL_CAVEAT
        )
    } else if law.finding_count() == 0 {
        format!(
            "Overall: {}. {}",
            law.overall.label(),
            grouped::headline(law)
        )
    } else if let Some(caveat) = law.caveat() {
        format!(
            "Overall: {} ({}). {} ({caveat}).",
            law.overall.label(),
            worst.join(", "),
            grouped::headline(law)
        )
    } else {
        format!(
            "Overall: {} ({}). {}",
            law.overall.label(),
            worst.join(", "),
            grouped::headline(law)
        )
    }
}

/// What a standard's verdict rests on, in words: up to six provisions, most severe first,
/// each with the titles of the rules that found something there, then the others by name.
fn evidence_text(groups: &[FindingGroup<'_>], standard: &str, report: &Report) -> String {
    const SHOWN: usize = 6;
    let rows = grouped::evidence_for(groups, standard);
    if rows.is_empty() {
        return "—".into();
    }
    let mut parts: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|(p, rules)| {
            let what: Vec<String> = rules
                .iter()
                .map(|(r, i)| {
                    format!(
                        "{} (#{})",
                        escape(report.rule(r).map_or(*r, |x| x.title.as_str())),
                        i + 1
                    )
                })
                .collect();
            format!("{}: {}", escape(p), what.join("; "))
        })
        .collect();
    if rows.len() > SHOWN {
        let rest: Vec<String> = rows[SHOWN..].iter().map(|(p, _)| escape(p)).collect();
        parts.push(format!(
            "and {} more: {}",
            grouped::plural(rest.len(), "provision", "provisions"),
            rest.join(", ")
        ));
    }
    parts.join("<br>")
}

/// Renders the briefing of one law.
pub fn briefing(law: &LawReport, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&law.title));
    if let Some(g) = grouped::title_gloss(law) {
        let _ = writeln!(out, "*{}*\n", escape(g));
    }
    let meta: Vec<String> = [
        Some(format!("`{}`", law.id.replace('`', "'"))),
        law.jurisdiction.clone(),
        law.year.map(|y| y.to_string()),
        law.status.clone(),
        Some(format!("language `{}`", law.language)),
        Some(format!("file `{}`", law.file.replace('`', "'"))),
    ]
    .into_iter()
    .flatten()
    .map(|s| {
        if s.starts_with('`') || s.starts_with("language") || s.starts_with("file") {
            s
        } else {
            escape(&s)
        }
    })
    .collect();
    let _ = writeln!(out, "{}\n", meta.join(" · "));
    let _ = writeln!(out, "**{}**\n", escape(&summary_line(law, report)));
    if let Some(src) = &law.source {
        let _ = writeln!(out, "Source: {}\n", escape(src));
    }
    if let Some(h) = &law.sha256 {
        let _ = writeln!(out, "Input SHA-256: `{}`\n", h.replace('`', "'"));
    }
    for w in &law.warnings {
        let _ = writeln!(out, "> Warning: {}\n", escape(w));
    }
    let regional: Vec<String> = law
        .applicability
        .iter()
        .filter(|i| i.regional)
        .map(|i| {
            let word = match i.applies {
                Applies::Yes => "applies",
                Applies::No => "not applicable",
                Applies::Assumed => "assumed to apply",
            };
            format!("- {}: {word} — {}", escape(&i.short), escape(&i.basis))
        })
        .collect();
    if !regional.is_empty() {
        let _ = writeln!(out, "Regional instruments:\n\n{}\n", regional.join("\n"));
    }

    out.push_str(
        "## Profile\n\n| Parameter | Value | Provision | Read from |\n|---|---|---|---|\n",
    );
    for v in crate::report::profiles::views(&law.profile) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            v.field.title(),
            escape(&v.value),
            v.provision.as_deref().map_or("—".to_string(), escape),
            v.evidence.as_deref().map_or("—".to_string(), |e| escape(
                &e.chars().take(160).collect::<String>()
            ))
        );
    }
    out.push('\n');

    let groups = grouped::groups(law);
    out.push_str("## Verdicts\n\n");
    if let (Some(caveat), Some(c)) = (law.caveat(), &law.completeness) {
        let _ = writeln!(
            out,
            "> **{}.** Completeness: {}\n",
            crate::report::capitalised(caveat),
            escape(c)
        );
    }
    out.push_str("| Standard | Verdict | Findings | Limbs engaged | What it rests on |\n|---|---|---|---|---|\n");
    for a in &law.assessment {
        let Some(s) = report.standard(&a.standard) else {
            continue;
        };
        let evidence = evidence_text(&groups, &s.id, report);
        let _ = writeln!(
            out,
            "| {} — {} | {} | {} | {} | {} |",
            escape(&s.label),
            escape(&s.title),
            if a.verdict >= Verdict::Serious {
                format!("**{}**", law.verdict_label(a.verdict))
            } else {
                law.verdict_label(a.verdict).to_string()
            },
            a.findings,
            if a.limbs.is_empty() {
                "—".to_string()
            } else {
                a.limbs.join(", ")
            },
            evidence
        );
    }
    out.push('\n');

    out.push_str("## Categories\n\n| Category | Findings | Highest severity |\n|---|---|---|\n");
    for c in &law.categories {
        let title = report
            .category(&c.category)
            .map_or(c.category.clone(), |x| x.title.clone());
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            escape(&title),
            c.findings,
            c.max_severity.map_or("—", |s| s.as_str())
        );
    }
    out.push('\n');

    out.push_str("## Findings by provision\n\n");
    if !law.assessed {
        out.push_str("Not assessed: no rule set covers the law's language.\n\n");
    } else if groups.is_empty() {
        out.push_str("No rule fired.\n\n");
    } else {
        out.push_str("Each finding is given once, under the provision it is in, with the standards it engages.\n\n");
    }
    let mut explained: Vec<&str> = Vec::new();
    for (provision, idx) in grouped::by_provision(&groups) {
        let _ = writeln!(out, "### {}\n", escape(provision));
        for i in idx {
            let g = &groups[i];
            let f = g.first();
            let rules: Vec<String> = g
                .findings
                .iter()
                .map(|f| {
                    let title = report.rule(&f.rule).map_or("", |r| r.title.as_str());
                    format!("`{}` {}", f.rule, escape(title))
                })
                .collect();
            let category = report
                .category(&f.category)
                .map_or(f.category.as_str(), |c| c.title.as_str());
            let standards: Vec<&str> = g
                .standards
                .iter()
                .map(|id| report.standard(id).map_or(*id, |s| s.label.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "{}. **{}**, {} — {} ({}, {})  ",
                i + 1,
                escape(&f.provision),
                grouped::position(f),
                rules.join("; "),
                escape(category),
                g.severity.as_str()
            );
            for f in &g.findings {
                if !explained.contains(&f.rule.as_str()) {
                    explained.push(&f.rule);
                    let _ = writeln!(out, "   {}  ", escape(&f.message));
                }
            }
            let _ = writeln!(out, "   > {}  ", quote(f));
            if !standards.is_empty() {
                let _ = writeln!(out, "   Engages: {}", escape(&standards.join(", ")));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "---\n{}\n", escape(&provenance(report)));
    out.push_str(&crate::report::markdown::provenance_section(report));
    out
}

/// The briefing file name of each law of the report, in order: `<file_stem(id)>.md`, with
/// `-2`, `-3`… added when two ids give the same name (`a/b` and `a_b`), compared without
/// regard to case since Windows and macOS file systems do not distinguish `A.md` and `a.md`.
pub fn file_names(report: &Report) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    report
        .laws
        .iter()
        .map(|law| {
            let stem = file_stem(&law.id);
            let mut name = format!("{stem}.md");
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{stem}-{n}.md");
                n += 1;
            }
            name
        })
        .collect()
}

/// A file name for a law id: letters, digits, `.`, `-` and `_` only, never a path, never a
/// name reserved by Windows, never empty.
pub fn file_stem(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        s = "law".into();
    }
    if s.len() > 120 {
        s.truncate(120);
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let base = s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if RESERVED.contains(&base.as_str()) {
        s = format!("_{s}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_stem("CON"), "_CON");
        assert_eq!(file_stem(""), "law");
        assert_eq!(file_stem("ge-fara-2025.ka"), "ge-fara-2025.ka");
        assert_eq!(file_stem("a/b\\c"), "a_b_c");
    }
}
