//! The diff as terminal tables (comfy-table, fitted to the terminal's width): provisions
//! with their status and a one-line summary of the words changed, findings introduced and
//! resolved, and verdicts and categories before and after. The full inline diff is in the
//! Markdown output.

use comfy_table::{Attribute, Cell, Color};

use crate::diff::markdown::{direction, unit_label};
use crate::diff::{LawDiff, Status};
use crate::report::terminal::{new_table, severity_color, shorten, verdict_color};

fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Unchanged | Status::Renumbered => None,
        Status::Changed | Status::RenumberedChanged => Some(Color::Yellow),
        Status::Added => Some(Color::Green),
        Status::Removed => Some(Color::Red),
    }
}

fn colored(text: impl Into<String>, color: Option<Color>, on: bool) -> Cell {
    let c = Cell::new(text.into());
    match color {
        Some(col) if on => c.fg(col),
        _ => c,
    }
}

/// Renders the diff for a terminal of `width` columns (`None`: as wide as needed); `color`
/// adds ANSI colours.
pub fn render(d: &LawDiff, width: Option<u16>, color: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} → {}\n{} units: {}\nfindings: {} rules introduced, {} resolved, {} unchanged; overall {} → {}\n\n",
        d.old.id,
        d.new.id,
        d.units.len(),
        Status::ALL
            .iter()
            .map(|&s| format!("{} {}", d.counts.get(s), s.label()))
            .collect::<Vec<_>>()
            .join(", "),
        d.introduced.len(),
        d.resolved.len(),
        d.persisting,
        d.old.overall.label(),
        d.new.overall.label()
    ));

    let mut t = new_table(width, color);
    t.set_header(vec!["Old", "New", "Status", "Sim.", "Find.", "Changes"]);
    for u in &d.units {
        let label = |x: &Option<crate::diff::UnitRef>| {
            x.as_ref()
                .map_or("—".to_string(), |r| shorten(&unit_label(r), 40))
        };
        let findings = u.findings_delta();
        let changes = match u.status {
            Status::Added => format!("{} words", u.inserted_words),
            Status::Removed => format!("{} words", u.deleted_words),
            _ => shorten(&u.summary, 160),
        };
        t.add_row(vec![
            Cell::new(label(&u.old)),
            Cell::new(label(&u.new)),
            colored(u.status.label(), status_color(u.status), color),
            Cell::new(u.similarity.map_or(String::new(), |s| format!("{s:.2}"))),
            Cell::new(findings),
            Cell::new(changes),
        ]);
    }
    out.push_str("Provisions\n");
    out.push_str(&t.to_string());
    out.push('\n');

    for (title, list, resolved) in [
        ("Findings resolved", &d.resolved, true),
        ("Findings introduced", &d.introduced, false),
    ] {
        if list.is_empty() {
            out.push_str(&format!("\n{title}: none\n"));
            continue;
        }
        let mut t = new_table(width, color);
        t.set_header(vec!["Rule", "Severity", "Old", "New", "Matched text"]);
        for f in list {
            let (o, n) = if resolved {
                (Some(f.provision.clone()), f.new_unit.clone())
            } else {
                (f.old_unit.clone(), Some(f.provision.clone()))
            };
            t.add_row(vec![
                Cell::new(format!("{} {}", f.rule, shorten(&f.title, 50))),
                colored(f.severity.as_str(), Some(severity_color(f.severity)), color),
                Cell::new(o.unwrap_or_else(|| "—".into())),
                Cell::new(n.unwrap_or_else(|| "—".into())),
                Cell::new(shorten(&f.text, 60)),
            ]);
        }
        out.push_str(&format!("\n{title}\n"));
        out.push_str(&t.to_string());
        out.push('\n');
    }

    let mut t = new_table(width, color);
    t.set_header(vec!["Standard", "Old", "New", "Change"]);
    for s in &d.standards {
        let cell = |v: crate::assess::Verdict, n: usize| {
            let text = match v {
                crate::assess::Verdict::NoConcern
                | crate::assess::Verdict::NotAssessed
                | crate::assess::Verdict::NotApplicable => v.label().to_string(),
                _ => format!("{} {n}", v.label()),
            };
            let c = colored(text, verdict_color(v), color);
            if color && v == crate::assess::Verdict::Incompatible {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        };
        t.add_row(vec![
            Cell::new(&s.label),
            cell(s.old, s.old_findings),
            cell(s.new, s.new_findings),
            Cell::new(direction(s.old, s.new)),
        ]);
    }
    out.push_str("\nVerdicts by standard (verdict, findings)\n");
    out.push_str(&t.to_string());
    out.push('\n');

    if !d.categories.is_empty() {
        let mut t = new_table(width, color);
        t.set_header(vec!["Category", "Old", "New"]);
        for c in &d.categories {
            let cell = |n: usize, s: Option<crate::rules::Severity>| match s {
                Some(s) => colored(
                    format!("{} {n}", s.as_str()),
                    Some(severity_color(s)),
                    color,
                ),
                None => Cell::new("·"),
            };
            t.add_row(vec![
                Cell::new(&c.label),
                cell(c.old_findings, c.old_max),
                cell(c.new_findings, c.new_max),
            ]);
        }
        out.push_str("\nCategories (highest severity, findings)\n");
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}
