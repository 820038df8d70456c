//! The rule catalogue for reviewers: every rule with what it finds, why it matters, examples,
//! a compliant alternative and the standards it engages, generated from the rule files so that
//! lawyers review exactly what the tool applies.

use std::fmt::Write as _;

use crate::report::markdown::escape;
use crate::rules::{Rule, RuleBook};

fn standards_text(book: &RuleBook, rule: &Rule) -> String {
    rule.standards
        .iter()
        .map(|s| {
            let label = book
                .standard(&s.standard)
                .map_or(s.standard.clone(), |st| st.label());
            match &s.limb {
                Some(l) => format!("{label} ({l})"),
                None => label,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders the catalogue as Markdown, grouped by rule set.
pub fn markdown(book: &RuleBook) -> String {
    let mut out = String::from("# agentlaw rule catalogue\n\n");
    let _ = writeln!(
        out,
        "{} rules in {} rule sets ({}). Each rule lists what it finds, why it matters, examples it flags and does not flag, a compliant alternative and the standards it engages.\n",
        book.rules.len(),
        book.rulesets.len(),
        book.languages().join(", ")
    );
    for set in &book.rulesets {
        let _ = writeln!(
            out,
            "## {} — {} ({}, version {})\n",
            escape(&set.id),
            escape(&set.title),
            set.language,
            escape(&set.version)
        );
        if let Some(d) = &set.description {
            let _ = writeln!(out, "{}\n", escape(d.trim()));
        }
        for &ri in &set.rules {
            let r = &book.rules[ri];
            let _ = writeln!(out, "### {} — {}\n", r.id, escape(&r.title));
            let _ = writeln!(
                out,
                "*Category:* {} · *Severity:* {} · *Kind:* {} · *Scope:* {} · *Defined at:* `{}`\n",
                r.category,
                r.severity.as_str(),
                match r.kind {
                    crate::rules::RuleKind::Match => "match",
                    crate::rules::RuleKind::Absent => "absent safeguard",
                },
                r.scope.as_str(),
                r.location.replace('`', "'")
            );
            let _ = writeln!(out, "**What it finds.** {}\n", escape(&r.message));
            let _ = writeln!(out, "**Why it matters.** {}\n", escape(&r.rationale));
            out.push_str("**Examples it flags.**\n\n");
            for e in &r.examples.flag {
                let _ = writeln!(out, "> {}\n", escape(e.trim()));
            }
            out.push_str("**Examples it does not flag.**\n\n");
            for e in &r.examples.ok {
                let _ = writeln!(out, "> {}\n", escape(e.trim()));
            }
            if let Some(a) = &r.alternative {
                let _ = writeln!(out, "**Compliant alternative.** {}\n", escape(a));
            }
            let _ = writeln!(out, "**Standards.** {}\n", escape(&standards_text(book, r)));
            if !r.sources.is_empty() {
                let _ = writeln!(out, "**Sources.** {}\n", escape(&r.sources.join("; ")));
            }
        }
    }
    out
}
