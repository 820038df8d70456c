//! The comparison tables printed in the terminal, fitted to its width with comfy-table.
//!
//! Only here is text shortened: long law ids are cut with `…`, and only the core standards
//! are shown (all of them are in the files).

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use crate::assess::Verdict;
use crate::compare::Comparison;
use crate::report::Report;
use crate::rules::Severity;

pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub(crate) fn verdict_color(v: Verdict) -> Option<Color> {
    match v {
        Verdict::Incompatible => Some(Color::Red),
        Verdict::Serious => Some(Color::Magenta),
        Verdict::Concern => Some(Color::Yellow),
        Verdict::Minor => Some(Color::Cyan),
        Verdict::NoConcern => Some(Color::Green),
        Verdict::NotAssessed => None,
    }
}

pub(crate) fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Critical => Color::Red,
        Severity::High => Color::Magenta,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Cyan,
    }
}

/// A table in the one style of every terminal table (UTF-8, condensed, fitted to `width`
/// columns when given; `color` false never emits ANSI codes).
pub fn new_table(width: Option<u16>, color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    if !color {
        t.force_no_tty();
    }
    t
}

fn verdict_cell(v: Verdict, n: usize, color: bool) -> Cell {
    let text = match v {
        Verdict::NoConcern | Verdict::NotAssessed => v.short().to_string(),
        _ => format!("{} {n}", v.short()),
    };
    let mut c = Cell::new(text);
    if color {
        if let Some(col) = verdict_color(v) {
            c = c.fg(col);
        }
        if v == Verdict::Incompatible {
            c = c.add_attribute(Attribute::Bold);
        }
    }
    c
}

/// What the cells of the terminal tables mean.
pub const LEGEND: &str = "n/a = not assessed (no rule set covers the law's language); none = no finding engages the standard; · = no finding in the category\n";

/// The law cell: the id, shortened, with † for a partial text.
fn law_cell(r: &crate::compare::Row, max: usize) -> String {
    if r.partial {
        format!("{} †", shorten(&r.law, max.saturating_sub(2)))
    } else {
        shorten(&r.law, max)
    }
}

/// Renders the two comparison tables for a terminal of `width` columns (`None`: as wide as
/// needed). `color` adds ANSI colours.
pub fn render(report: &Report, width: Option<u16>, color: bool) -> String {
    let cmp = Comparison::from_report(report);
    let mut out = String::new();
    let id_width = 30;

    let cols: Vec<usize> = (0..cmp.standards.len())
        .filter(|&i| cmp.standards[i].headline)
        .collect();
    let mut t = new_table(width, color);
    let mut header = vec![Cell::new("Law"), Cell::new("Overall")];
    header.extend(cols.iter().map(|&i| Cell::new(&cmp.standards[i].label)));
    t.set_header(header);
    for r in &cmp.rows {
        let mut cells = vec![
            Cell::new(law_cell(r, id_width)),
            verdict_cell(r.overall, r.findings, color),
        ];
        cells.extend(
            cols.iter()
                .map(|&i| verdict_cell(r.standards[i].verdict, r.standards[i].findings, color)),
        );
        t.add_row(cells);
    }
    out.push_str("Laws × core standards (verdict, findings)\n");
    out.push_str(&t.to_string());
    out.push('\n');

    let mut t = new_table(width, color);
    let mut header = vec![Cell::new("Law")];
    header.extend(cmp.categories.iter().map(|c| Cell::new(&c.label)));
    t.set_header(header);
    for r in &cmp.rows {
        let mut cells = vec![Cell::new(law_cell(r, id_width))];
        for c in &r.categories {
            let cell = match c.max_severity {
                Some(s) => {
                    let cell = Cell::new(format!("{} {}", s.as_str(), c.findings));
                    if color {
                        cell.fg(severity_color(s))
                    } else {
                        cell
                    }
                }
                None => Cell::new("·"),
            };
            cells.push(cell);
        }
        t.add_row(cells);
    }
    out.push_str("\nLaws × categories (highest severity, findings)\n");
    out.push_str(&t.to_string());
    out.push('\n');

    out.push_str(LEGEND);
    let partial: Vec<&str> = cmp
        .rows
        .iter()
        .filter(|r| r.partial)
        .map(|r| r.law.as_str())
        .collect();
    if !partial.is_empty() {
        out.push_str(&format!(
            "† {}: {}\n",
            crate::report::PARTIAL_CAVEAT,
            partial.join(", ")
        ));
    }

    if !report.errors.is_empty() {
        let mut t = new_table(width, color);
        t.set_header(vec!["Input not analysed", "Reason"]);
        for e in &report.errors {
            t.add_row(vec![e.file.clone(), e.message.clone()]);
        }
        out.push('\n');
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}
