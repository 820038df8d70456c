//! Laws side by side: profiles, category verdicts and core-standard verdicts in one table,
//! one column per law, with the differences from a baseline law marked — the "is this law
//! really like FARA?" table.
//!
//! A cell that differs from the baseline's is marked `▲` when it is more severe (a higher
//! verdict or severity; for the profile: a lower threshold, a shorter deadline, more
//! frequent reports or inspections, a heavier fine in EUR or months of wages, a longer
//! prison term, dissolution, no court review — see [`ProfileField::severity_cmp`]), `▼`
//! when less severe, and `≠` when the values are not ordered (a different label, a
//! different enforcing body) or not comparable (a value missing, fines in two currencies
//! without a rate).

use serde::Serialize;

use crate::profile::ProfileField;
use crate::report::Report;
use crate::rules::Severity;

/// How a cell compares with the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// The baseline itself, or the same value.
    Same,
    /// More severe than the baseline.
    Worse,
    /// Less severe than the baseline.
    Better,
    /// Different, without an order.
    Different,
}

impl Mark {
    /// The symbol shown after the value.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Same => "",
            Self::Worse => " ▲",
            Self::Better => " ▼",
            Self::Different => " ≠",
        }
    }
}

/// A cell: the value and how it compares with the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The value as text.
    pub value: String,
    /// The provision it was read from, for profile values.
    pub provision: Option<String>,
    /// Comparison with the baseline.
    pub mark: Mark,
}

/// A row: one parameter, category or standard across the laws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `Profile`, `Categories` or `Standards`.
    pub section: &'static str,
    /// What the row shows.
    pub label: String,
    /// One cell per law.
    pub cells: Vec<Cell>,
}

/// The side-by-side table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideBySide {
    /// Law ids, one per column.
    pub laws: Vec<String>,
    /// The baseline column, if any.
    pub baseline: Option<usize>,
    /// The rows.
    pub rows: Vec<Row>,
}

fn severity_rank(s: &str) -> Option<u8> {
    match s {
        "—" => Some(0),
        "low" => Some(1),
        "medium" => Some(2),
        "high" => Some(3),
        "critical" => Some(4),
        _ => None,
    }
}

/// A row whose cells cite no provision (categories, verdicts).
fn uncited_row(
    section: &'static str,
    label: String,
    values: Vec<(String, Option<u8>)>,
    marks: Vec<Mark>,
) -> Row {
    Row {
        section,
        label,
        cells: values
            .into_iter()
            .zip(marks)
            .map(|((value, _), mark)| Cell {
                value,
                provision: None,
                mark,
            })
            .collect(),
    }
}

fn marks(values: &[(String, Option<u8>)], baseline: Option<usize>) -> Vec<Mark> {
    let Some(b) = baseline else {
        return vec![Mark::Same; values.len()];
    };
    values
        .iter()
        .map(|(v, rank)| {
            let (bv, brank) = &values[b];
            if v == bv {
                Mark::Same
            } else {
                match (rank, brank) {
                    (Some(r), Some(br)) if r > br => Mark::Worse,
                    (Some(r), Some(br)) if r < br => Mark::Better,
                    _ => Mark::Different,
                }
            }
        })
        .collect()
}

/// Builds the table from a report. `baseline` is a law id among the report's laws; its
/// column comes first.
pub fn side_by_side(report: &Report, baseline: Option<&str>) -> Result<SideBySide, String> {
    if let Some(b) = baseline {
        if let Some(i) = report
            .laws
            .iter()
            .position(|l| l.id == b)
            .filter(|&i| i > 0)
        {
            let mut reordered = report.clone();
            let law = reordered.laws.remove(i);
            reordered.laws.insert(0, law);
            return side_by_side(&reordered, Some(b));
        }
    }
    let laws: Vec<String> = report.laws.iter().map(|l| l.id.clone()).collect();
    let baseline = match baseline {
        Some(b) => Some(laws.iter().position(|l| l == b).ok_or_else(|| {
            format!(
                "baseline `{b}` is not among the laws compared ({})",
                laws.join(", ")
            )
        })?),
        None => None,
    };
    let mut rows = Vec::new();
    for field in ProfileField::ALL {
        let views: Vec<_> = report.laws.iter().map(|l| field.view(&l.profile)).collect();
        let m: Vec<Mark> = match baseline {
            None => vec![Mark::Same; views.len()],
            Some(b) => views
                .iter()
                .zip(&report.laws)
                .map(|(v, l)| {
                    if v.value == views[b].value {
                        return Mark::Same;
                    }
                    match field.severity_cmp(&l.profile, &report.laws[b].profile) {
                        Some(std::cmp::Ordering::Greater) => Mark::Worse,
                        Some(std::cmp::Ordering::Less) => Mark::Better,
                        // Equal in the units compared (the same fine in two currencies).
                        Some(std::cmp::Ordering::Equal) => Mark::Same,
                        None => Mark::Different,
                    }
                })
                .collect(),
        };
        rows.push(Row {
            section: "Profile",
            label: field.title().to_string(),
            cells: views
                .into_iter()
                .zip(m)
                .map(|(v, mark)| Cell {
                    value: v.value,
                    provision: v.provision,
                    mark,
                })
                .collect(),
        });
    }
    for c in &report.categories {
        let values: Vec<(String, Option<u8>)> = report
            .laws
            .iter()
            .map(|l| {
                let s = l.categories.iter().find(|x| x.category == c.id);
                let sev = s.and_then(|x| x.max_severity).map_or("—", Severity::as_str);
                let text = match s {
                    Some(x) if x.findings > 0 => format!("{sev} ({})", x.findings),
                    _ => "—".into(),
                };
                (text, severity_rank(sev))
            })
            .collect();
        // Compare categories on severity only, not on the number of findings.
        let ranks: Vec<(String, Option<u8>)> = values
            .iter()
            .map(|(_, r)| (r.map_or(String::new(), |r| r.to_string()), *r))
            .collect();
        let m = marks(&ranks, baseline);
        rows.push(uncited_row("Categories", c.title.clone(), values, m));
    }
    for s in report.standards.iter().filter(|s| s.headline) {
        let values: Vec<(String, Option<u8>)> = report
            .laws
            .iter()
            .map(|l| {
                let v = l
                    .verdict(&s.id)
                    .map(|a| a.verdict)
                    .unwrap_or(crate::assess::Verdict::NotAssessed);
                (v.label().to_string(), Some(v as u8))
            })
            .collect();
        let m = marks(&values, baseline);
        rows.push(uncited_row(
            "Standards",
            format!("{} — {}", s.label, s.title),
            values,
            m,
        ));
    }
    Ok(SideBySide {
        laws,
        baseline,
        rows,
    })
}

/// Renders the table for a terminal of `width` columns (`None`: piped, plain columns).
pub fn render_text(t: &SideBySide, width: Option<u16>) -> String {
    // Box-drawn within the terminal's width; plain aligned columns when piped.
    let mut table = crate::report::terminal::new_table(width, false);
    let mut header = vec!["".to_string()];
    header.extend(t.laws.iter().enumerate().map(|(i, l)| {
        if Some(i) == t.baseline {
            format!("{l} (baseline)")
        } else {
            l.clone()
        }
    }));
    table.set_header(header);
    let mut section = "";
    for r in &t.rows {
        if r.section != section {
            section = r.section;
            let mut sep = vec![section.to_uppercase()];
            sep.extend(t.laws.iter().map(|_| String::new()));
            table.add_row(sep);
        }
        let mut cells = vec![r.label.clone()];
        cells.extend(
            r.cells
                .iter()
                .map(|c| format!("{}{}", c.value, c.mark.symbol())),
        );
        table.add_row(cells);
    }
    let mut out = format!("{table}\n");
    if t.baseline.is_some() {
        out.push_str("▲ more severe than the baseline, ▼ less severe, ≠ different\n");
    }
    out
}

/// Renders the table as Markdown.
pub fn render_markdown(t: &SideBySide, report: &Report) -> String {
    use crate::report::markdown::escape;
    use std::fmt::Write as _;
    let mut out = String::from("# Laws side by side\n\n");
    if let Some(b) = t.baseline {
        let _ = writeln!(
            out,
            "Baseline: `{}`. ▲ more severe than the baseline, ▼ less severe, ≠ different.\n",
            t.laws[b].replace('`', "'")
        );
    }
    let mut section = "";
    for r in &t.rows {
        if r.section != section {
            section = r.section;
            let _ = writeln!(out, "\n## {section}\n");
            let mut header = vec![String::new()];
            header.extend(t.laws.iter().map(|l| format!("`{}`", l.replace('`', "'"))));
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        }
        let mut cells = vec![escape(&r.label)];
        cells.extend(r.cells.iter().map(|c| {
            let mut s = escape(&c.value);
            if let Some(p) = &c.provision {
                let _ = write!(s, " ({})", escape(p));
            }
            if c.mark != Mark::Same {
                s = format!("**{s}**{}", c.mark.symbol());
            }
            s
        }));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(
        out,
        "\n---\n\n{}",
        escape(&format!(
            "Generated by {}{}; rule book sha256 {} ({} rule sets).",
            report.provenance.tool,
            report
                .provenance
                .date
                .as_deref()
                .map_or(String::new(), |d| format!(" on {d}")),
            &report.provenance.rulebook_hash()[..16],
            report.provenance.rulesets.len()
        ))
    );
    out
}
