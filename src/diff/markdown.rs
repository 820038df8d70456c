//! The diff in Markdown: summary, provisions table, findings introduced and resolved,
//! verdicts and categories before and after, and the changed text with an inline diff.
//!
//! Everything that comes from the law texts goes through [`escape`], so no law can inject
//! markup. Deleted words are struck through (`~~deleted~~`) and inserted words set in bold
//! (`**inserted**`), which GitHub, GitLab and most renderers display without HTML. Lines of
//! the law stay lines (hard breaks inside a block quote); a paragraph marker at the start of
//! a line (`1.`, `-`, `+`) is escaped so that it does not start a Markdown list.

use std::fmt::Write as _;

use crate::assess::Verdict;
use crate::diff::{Chunk, ChunkOp, LawDiff, Status, UnitRef, Version};
use crate::report::markdown::escape;

/// Escapes law text for Markdown, including `~`, which would otherwise strike through.
fn esc(s: &str) -> String {
    escape(s).replace('~', "\\~")
}

/// Escapes what would start a list, a quote or a heading at the start of a line.
fn escape_line_start(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 9 && s[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    if s.starts_with(['-', '+', '=']) {
        return format!("\\{s}");
    }
    s.to_string()
}

/// `Art. 3 – Definitions`.
pub(crate) fn unit_label(u: &UnitRef) -> String {
    match &u.heading {
        Some(h) => format!("{} – {h}", u.citation),
        None => u.citation.clone(),
    }
}

/// Renders an inline diff as block-quote lines: `~~deleted~~`, `**inserted**`.
fn inline(chunks: &[Chunk], out: &mut String) {
    let mut lines: Vec<String> = vec![String::new()];
    for c in chunks {
        for (n, seg) in c.text.split('\n').enumerate() {
            if n > 0 {
                lines.push(String::new());
            }
            let Some(line) = lines.last_mut() else {
                continue;
            };
            let body = seg.trim_start();
            if body.is_empty() {
                continue;
            }
            if !line.is_empty() && seg.len() > body.len() {
                line.push(' ');
            }
            let text = esc(body);
            match c.op {
                ChunkOp::Equal if line.is_empty() => line.push_str(&escape_line_start(&text)),
                ChunkOp::Equal => line.push_str(&text),
                ChunkOp::Delete => {
                    let _ = write!(line, "~~{text}~~");
                }
                ChunkOp::Insert => {
                    let _ = write!(line, "**{text}**");
                }
            }
        }
    }
    let lines: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    for (i, l) in lines.iter().enumerate() {
        let brk = if i + 1 < lines.len() { "\\" } else { "" };
        let _ = writeln!(out, "> {l}{brk}");
    }
    out.push('\n');
}

/// Renders a unit's whole text (an added or removed unit) as plain block-quote lines.
fn plain(chunks: &[Chunk], out: &mut String) {
    let text: String = chunks.iter().map(|c| c.text.as_str()).collect();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (i, l) in lines.iter().enumerate() {
        let brk = if i + 1 < lines.len() { "\\" } else { "" };
        let _ = writeln!(out, "> {}{brk}", escape_line_start(&esc(l.trim())));
    }
    out.push('\n');
}

fn version_line(v: &Version) -> String {
    let mut parts = vec![format!("`{}`", v.file.replace('`', "'"))];
    if let Some(s) = &v.status {
        parts.push(esc(s));
    }
    if let Some(y) = v.year {
        parts.push(y.to_string());
    }
    format!("{} ({})", esc(&v.title), parts.join(", "))
}

/// As in `comparison.md`: `serious (3)`, `**incompatible** (5)`, `no concern`, `not assessed`.
fn verdict_text(v: Verdict, n: usize) -> String {
    match v {
        Verdict::NoConcern | Verdict::NotAssessed => v.label().to_string(),
        Verdict::Incompatible => format!("**{}** ({n})", v.label()),
        _ => format!("{} ({n})", v.label()),
    }
}

/// `better`, `worse` or empty, comparing two verdicts.
pub(crate) fn direction(old: Verdict, new: Verdict) -> &'static str {
    if old == Verdict::NotAssessed || new == Verdict::NotAssessed || old == new {
        ""
    } else if new < old {
        "better"
    } else {
        "worse"
    }
}

fn cell_or_dash(s: Option<String>) -> String {
    s.unwrap_or_else(|| "—".into())
}

/// Renders the diff as Markdown.
pub fn render(d: &LawDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What changed: `{}` → `{}`\n",
        d.old.id.replace('`', "'"),
        d.new.id.replace('`', "'")
    );
    let _ = writeln!(out, "- Old: {}", version_line(&d.old));
    let _ = writeln!(out, "- New: {}\n", version_line(&d.new));
    let _ = writeln!(
        out,
        "{}\n",
        esc(&format!(
            "Generated by {} with rule sets: {}.",
            d.tool,
            if d.rulesets.is_empty() {
                "none".to_string()
            } else {
                d.rulesets.join(", ")
            }
        ))
    );

    out.push_str("## Summary\n\n");
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|&s| format!("{} {}", d.counts.get(s), s.label()))
        .collect();
    let _ = writeln!(
        out,
        "- Provisions: {} compared: {}.",
        d.units.len(),
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "- Findings: {} rules introduced, {} resolved, {} unchanged (counted once per rule and provision).",
        d.introduced.len(),
        d.resolved.len(),
        d.persisting
    );
    let _ = writeln!(
        out,
        "- Overall verdict: {} → {}; findings {} → {}.\n",
        d.old.overall.label(),
        d.new.overall.label(),
        d.old.findings,
        d.new.findings
    );

    out.push_str("## Provisions\n\nUnits are aligned by their words, so an article renumbered by an insertion is recognised. Similarity is the share of words the two versions have in common, in order (1 = identical). The findings column gives the rules introduced (+) and resolved (−) in the unit.\n\n");
    out.push_str(
        "| Old | New | Status | Similarity | Findings | Changes |\n|---|---|---|---|---|---|\n",
    );
    for u in &d.units {
        let findings = u.findings_delta();
        let changes = match u.status {
            Status::Added => format!("{} words", u.inserted_words),
            Status::Removed => format!("{} words", u.deleted_words),
            _ => esc(&u.summary),
        };
        let status = if u.status.text_changed() {
            format!("**{}**", u.status.label())
        } else {
            u.status.label().to_string()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell_or_dash(u.old.as_ref().map(|x| esc(&unit_label(x)))),
            cell_or_dash(u.new.as_ref().map(|x| esc(&unit_label(x)))),
            status,
            u.similarity.map_or(String::new(), |s| format!("{s:.2}")),
            findings,
            changes
        );
    }
    out.push('\n');

    for (title, list, resolved) in [
        ("Findings resolved", &d.resolved, true),
        ("Findings introduced", &d.introduced, false),
    ] {
        let _ = writeln!(out, "## {title}\n");
        if list.is_empty() {
            out.push_str("None.\n\n");
            continue;
        }
        let _ = writeln!(
            out,
            "{}\n",
            if resolved {
                "Rules that fired in the old version and no longer fire in the aligned provision of the new one."
            } else {
                "Rules that fire in the new version and did not fire in the aligned provision of the old one."
            }
        );
        out.push_str("| Rule | Severity | Category | Old | New | Matched text |\n|---|---|---|---|---|---|\n");
        for f in list {
            let count = if f.findings > 1 {
                format!(" ({} findings)", f.findings)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} | {} | {} | “{}”{} |",
                f.rule.replace('`', "'"),
                esc(&f.title),
                f.severity.as_str(),
                esc(&f.category),
                cell_or_dash(
                    f.old_unit
                        .as_deref()
                        .map(|c| { if resolved { esc(&f.provision) } else { esc(c) } })
                ),
                cell_or_dash(
                    f.new_unit
                        .as_deref()
                        .map(|c| { if resolved { esc(c) } else { esc(&f.provision) } })
                ),
                esc(&f.text),
                count
            );
        }
        out.push('\n');
    }

    out.push_str(
        "## Verdicts by standard\n\n| Standard | Old | New | Change |\n|---|---|---|---|\n",
    );
    for s in &d.standards {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&s.label),
            verdict_text(s.old, s.old_findings),
            verdict_text(s.new, s.new_findings),
            direction(s.old, s.new)
        );
    }
    out.push('\n');

    out.push_str("## Categories\n\nHighest severity and number of findings, for the categories with findings in either version.\n\n| Category | Old | New |\n|---|---|---|\n");
    for c in &d.categories {
        let cell = |n: usize, s: Option<crate::rules::Severity>| match s {
            Some(s) => format!("{} ({n})", s.as_str()),
            None => "—".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            esc(&c.label),
            cell(c.old_findings, c.old_max),
            cell(c.new_findings, c.new_max)
        );
    }
    out.push('\n');

    out.push_str("## Changed text\n\n");
    if d.units.iter().all(|u| !u.status.text_changed()) {
        out.push_str("No words changed.\n");
        return out;
    }
    out.push_str("Deleted words are ~~struck through~~, inserted words are **in bold**.\n\n");
    for u in d.units.iter().filter(|u| u.status.text_changed()) {
        let heading = match (&u.old, &u.new) {
            (Some(o), Some(n)) if o.citation != n.citation => {
                format!("{} → {}", esc(&unit_label(o)), esc(&unit_label(n)))
            }
            (_, Some(n)) => esc(&unit_label(n)),
            (Some(o), None) => esc(&unit_label(o)),
            (None, None) => continue,
        };
        let _ = writeln!(out, "### {heading} ({})\n", u.status.label());
        match u.status {
            Status::Added | Status::Removed => plain(&u.diff, &mut out),
            _ => inline(&u.diff, &mut out),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_marks_deletions_and_insertions_and_escapes() {
        let chunks = [
            Chunk {
                op: ChunkOp::Equal,
                text: "Title\n1. The fine is".into(),
            },
            Chunk {
                op: ChunkOp::Delete,
                text: " *EUR 2,000*".into(),
            },
            Chunk {
                op: ChunkOp::Insert,
                text: " EUR 200 <b>".into(),
            },
            Chunk {
                op: ChunkOp::Equal,
                text: ".\n- a ~~b~~".into(),
            },
        ];
        let mut out = String::new();
        inline(&chunks, &mut out);
        assert_eq!(
            out,
            "> Title\\\n> 1\\. The fine is ~~\\*EUR 2,000\\*~~ **EUR 200 &lt;b&gt;**.\\\n> \\- a \\~\\~b\\~\\~\n\n"
        );
    }
}
