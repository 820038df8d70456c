//! The comparison tables printed after a run, fitted to the terminal.
//!
//! Nothing is cut: law ids are shown whole and words are never broken. A table that fits the
//! terminal is drawn with box-drawing lines; one that does not is *transposed* into one block
//! per law, its values laid out in as many columns as the width allows. When the output is
//! not a terminal ([`Layout::Plain`]) the tables are plain aligned text without box drawing
//! (blocks again if `COLUMNS` is too narrow), and [`Layout::Tsv`] gives tab-separated values
//! for scripts.
//!
//! Colours follow the colour-blind-safe scale of the HTML report ([`palette`]): the value's
//! cell gets the palette's fill and text colour (24-bit ANSI), and always states the verdict
//! or severity in words as well.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::assess::Verdict;
use crate::compare::Comparison;
use crate::report::Report;
use crate::report::palette::{self, Swatch};
use crate::rules::Severity;

/// Shortens `s` to at most `max` characters, ending in `…` (for free text such as error
/// messages, never for ids).
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn rgb(hex: &str) -> Color {
    let [r, g, b] = palette::rgb(hex).unwrap_or([0, 0, 0]);
    Color::Rgb { r, g, b }
}

/// The foreground colour of a verdict in tables drawn by comfy-table (the diff): the
/// palette's fill where it reads on a dark or light background, none for the lightest.
pub(crate) fn verdict_color(v: Verdict) -> Option<Color> {
    match v {
        Verdict::NotAssessed | Verdict::NotApplicable | Verdict::NoConcern => None,
        _ => Some(rgb(palette::verdict(v).fill)),
    }
}

/// The foreground colour of a severity, on the same scale as [`verdict_color`].
pub(crate) fn severity_color(s: Severity) -> Color {
    rgb(palette::severity(Some(s)).fill)
}

/// A comfy-table for `width` columns: box-drawing lines on a terminal, plain aligned
/// columns without lines when `width` is `None` (the output is piped).
pub fn new_table(width: Option<u16>, color: bool) -> Table {
    let mut t = Table::new();
    match width {
        Some(w) => {
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            t.load_style(presets::NOTHING)
                .set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if !color {
        t.force_no_tty();
    }
    t
}

/// How to lay the tables out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A terminal of this many columns: box-drawn tables where they fit, blocks otherwise.
    Terminal(u16),
    /// Plain aligned text, within this many columns if given (`COLUMNS`).
    Plain(Option<u16>),
    /// Tab-separated values, one table after the other, separated by a blank line.
    Tsv,
}

/// A table cell: its text and the swatch it is drawn on (with colour).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Value {
    text: String,
    swatch: Option<Swatch>,
}

/// One table: a title, a header and rows; the first column names the law.
struct Grid {
    title: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<Value>>,
    /// Columns after the law that head each block (the overall verdict).
    lead: usize,
}

fn verdict_value(v: Verdict, n: usize) -> Value {
    let text = match v {
        Verdict::NoConcern | Verdict::NotAssessed => v.label().to_string(),
        _ => format!("{} ({n})", v.label()),
    };
    Value {
        text,
        swatch: Some(palette::verdict(v)),
    }
}

fn plain(s: &str) -> Value {
    Value {
        text: s.to_string(),
        swatch: None,
    }
}

/// What the words in the terminal tables mean, printed below them.
pub const LEGEND: &str = "no concern: no finding engages the standard\nnot assessed: no rule set covers the law's language\nnot applicable: the standard's instrument does not bind the law's state\n·: no finding in the category\n";

/// The law cell: its id, with † for a partial text (explained below the tables).
fn law_value(r: &crate::compare::Row) -> Value {
    if r.partial {
        plain(&format!("{} †", r.law))
    } else {
        plain(&r.law)
    }
}

fn grids(report: &Report) -> Vec<Grid> {
    let cmp = Comparison::from_report(report);
    let cols: Vec<usize> = (0..cmp.standards.len())
        .filter(|&i| cmp.standards[i].headline)
        .collect();
    let mut header = vec!["Law".to_string(), "Overall".to_string()];
    header.extend(cols.iter().map(|&i| cmp.standards[i].label.clone()));
    let rows = cmp
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![law_value(r), verdict_value(r.overall, r.findings)];
            cells.extend(
                cols.iter()
                    .map(|&i| verdict_value(r.standards[i].verdict, r.standards[i].findings)),
            );
            cells
        })
        .collect();
    let standards = Grid {
        title: "Laws × core standards (verdict and, in brackets, findings)",
        header,
        rows,
        lead: 1,
    };
    let mut header = vec!["Law".to_string()];
    header.extend(cmp.categories.iter().map(|c| c.label.clone()));
    let rows = cmp
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![law_value(r)];
            cells.extend(r.categories.iter().map(|c| match c.max_severity {
                Some(s) => Value {
                    text: format!("{} ({})", s.as_str(), c.findings),
                    swatch: Some(palette::severity(Some(s))),
                },
                None => plain("·"),
            }));
            cells
        })
        .collect();
    let categories = Grid {
        title: "Laws × categories (highest severity and, in brackets, findings; · none)",
        header,
        rows,
        lead: 0,
    };
    let mut out = vec![standards, categories];
    if !report.errors.is_empty() {
        out.push(Grid {
            title: "Inputs not analysed",
            header: vec!["Input".into(), "Reason".into()],
            rows: report
                .errors
                .iter()
                .map(|e| vec![plain(&e.file), plain(&shorten(&e.message, 200))])
                .collect(),
            lead: 0,
        });
    }
    out
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

fn col_widths(g: &Grid) -> Vec<usize> {
    let mut w: Vec<usize> = g.header.iter().map(|h| width_of(h)).collect();
    for r in &g.rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width_of(&c.text));
        }
    }
    w
}

fn paint(v: &Value, padded: &str, color: bool) -> String {
    match (color, v.swatch) {
        (true, Some(s)) => {
            let [fr, fg, fb] = palette::rgb(s.fill).unwrap_or([0, 0, 0]);
            let [tr, tg, tb] = palette::rgb(s.text).unwrap_or([0, 0, 0]);
            format!("\x1b[48;2;{fr};{fg};{fb}m\x1b[38;2;{tr};{tg};{tb}m{padded}\x1b[0m")
        }
        _ => padded.to_string(),
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = width_of(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// The table as box-drawn lines (comfy-table, nothing wrapped).
fn boxed(g: &Grid, color: bool) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.force_no_tty();
    t.set_header(g.header.clone());
    for r in &g.rows {
        t.add_row(r.iter().map(|v| Cell::new(&v.text)));
    }
    let text = t.to_string();
    if !color {
        return text;
    }
    // Colour each value cell in place: the drawn line holds the padded texts in order.
    let mut out = String::with_capacity(text.len() * 2);
    let mut rows = g.rows.iter();
    let mut body = false;
    for line in text.lines() {
        let row = if body && line.starts_with('│') {
            rows.next()
        } else {
            None
        };
        body |= line.starts_with('╞');
        let parts: Vec<&str> = line.split(['│', '┆']).collect();
        match row {
            // parts: "", cell, …, cell, "" — unless a value itself holds a separator.
            Some(r) if parts.len() == r.len() + 2 => {
                out.push('│');
                for (i, (p, v)) in parts[1..=r.len()].iter().zip(r).enumerate() {
                    out.push_str(&paint(v, p, true));
                    out.push(if i + 1 == r.len() { '│' } else { '┆' });
                }
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// The table as aligned columns separated by two spaces.
fn aligned(g: &Grid, color: bool) -> String {
    let w = col_widths(g);
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.join("  ").trim_end().to_string();
    out.push_str(&line(
        g.header
            .iter()
            .enumerate()
            .map(|(i, h)| pad(h, w[i]))
            .collect(),
    ));
    out.push('\n');
    out.push_str(&line(w.iter().map(|&n| "-".repeat(n)).collect()));
    out.push('\n');
    for r in &g.rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, v)| paint(v, &pad(&v.text, w[i]), color))
            .collect();
        out.push_str(&line(cells));
        out.push('\n');
    }
    out.pop();
    out
}

/// One block per row: the law (and its lead columns) on a line, then `label: value` pairs
/// in as many columns as fit in `width`.
fn blocks(g: &Grid, width: usize, color: bool) -> String {
    let pair_w = (g.lead + 1..g.header.len())
        .map(|i| {
            let label = width_of(&g.header[i]);
            let value = g
                .rows
                .iter()
                .map(|r| width_of(&r[i].text))
                .max()
                .unwrap_or(0);
            (label, value)
        })
        .fold((0, 0), |a, b| (a.0.max(b.0), a.1.max(b.1)));
    let cell = pair_w.0 + 2 + pair_w.1;
    let per_line = ((width.saturating_sub(2) + 3) / (cell + 3)).max(1);
    let mut out = String::new();
    for r in &g.rows {
        // Empty cells (`·`) are left out; a law whose every value is its overall verdict
        // gets one line.
        let all: Vec<usize> = (g.lead + 1..g.header.len()).collect();
        let uniform = g.lead > 0 && all.iter().all(|&i| r[i].text == r[g.lead].text);
        let items: Vec<usize> = all.into_iter().filter(|&i| r[i].text != "·").collect();
        let head_len: usize = width_of(&r[0].text)
            + (1..=g.lead)
                .map(|i| 3 + width_of(&g.header[i]) + 2 + width_of(&r[i].text))
                .sum::<usize>()
            + if uniform { 11 } else { 0 }
            + if items.is_empty() && g.lead == 0 {
                13
            } else {
                0
            };
        let sep = if head_len <= width { " — " } else { "\n  " };
        out.push_str(&r[0].text);
        for (h, v) in g.header.iter().zip(r).take(g.lead + 1).skip(1) {
            out.push_str(sep);
            out.push_str(h);
            out.push_str(": ");
            out.push_str(&paint(v, &v.text, color));
        }
        if items.is_empty() && g.lead == 0 {
            out.push_str(if head_len <= width {
                " — no finding"
            } else {
                "\n  no finding"
            });
        } else if uniform {
            out.push_str(" throughout");
        }
        out.push('\n');
        if uniform {
            continue;
        }
        for chunk in items.chunks(per_line) {
            let cells: Vec<String> = chunk
                .iter()
                .map(|&i| {
                    format!(
                        "{}  {}",
                        pad(&g.header[i], pair_w.0),
                        paint(&r[i], &pad(&r[i].text, pair_w.1), color)
                    )
                })
                .collect();
            out.push_str("  ");
            out.push_str(cells.join("   ").trim_end());
            out.push('\n');
        }
    }
    out.pop();
    out
}

fn tsv_field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn tsv(g: &Grid) -> String {
    let mut out = g
        .header
        .iter()
        .map(|h| tsv_field(h))
        .collect::<Vec<_>>()
        .join("\t");
    for r in &g.rows {
        out.push('\n');
        out.push_str(
            &r.iter()
                .map(|v| tsv_field(&v.text))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    out
}

/// Renders the comparison tables in a layout; `color` adds ANSI colours (terminal and
/// plain layouts only).
pub fn render_layout(report: &Report, layout: Layout, color: bool) -> String {
    let mut out = String::new();
    for (k, g) in grids(report).iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let w = col_widths(g);
        let boxed_width = w.iter().sum::<usize>() + 3 * w.len() + 1;
        let plain_width = w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
        let body = match layout {
            Layout::Tsv => tsv(g),
            Layout::Terminal(tw) if boxed_width <= usize::from(tw) => boxed(g, color),
            Layout::Terminal(tw) => blocks(g, usize::from(tw), color),
            Layout::Plain(Some(tw)) if plain_width > usize::from(tw) => {
                blocks(g, usize::from(tw), color)
            }
            Layout::Plain(_) => aligned(g, color),
        };
        if layout != Layout::Tsv {
            out.push_str(g.title);
            out.push('\n');
        }
        out.push_str(&body);
        out.push('\n');
    }
    if layout != Layout::Tsv {
        out.push_str(LEGEND);
    }
    let partial: Vec<&str> = report
        .laws
        .iter()
        .filter(|l| l.is_partial())
        .map(|l| l.id.as_str())
        .collect();
    if !partial.is_empty() && layout != Layout::Tsv {
        out.push_str(&format!(
            "† {}: {}\n",
            crate::report::PARTIAL_CAVEAT,
            partial.join(", ")
        ));
    }
    out
}

/// `COLUMNS` from the environment, when it is a usable width.
pub fn columns_env() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c >= 20)
}

/// Renders the comparison tables for a terminal of `width` columns, or, with `None` (the
/// output is not a terminal), as plain aligned text within `COLUMNS` when it is set.
/// `color` adds ANSI colours.
pub fn render(report: &Report, width: Option<u16>, color: bool) -> String {
    let layout = match width {
        Some(w) => Layout::Terminal(w),
        None => Layout::Plain(columns_env()),
    };
    render_layout(report, layout, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let v = |t: &str| plain(t);
        Grid {
            title: "t",
            header: vec![
                "Law".into(),
                "Overall".into(),
                "ECHR 8".into(),
                "ECHR 10".into(),
            ],
            rows: vec![
                vec![
                    v("xb-foreign-influence-transparency-2024"),
                    v("incompatible (52)"),
                    v("incompatible (13)"),
                    v("serious (2)"),
                ],
                vec![
                    v("xf-ngo-2025"),
                    v("no concern"),
                    v("no concern"),
                    v("no concern"),
                ],
                vec![v("xz"), v("serious (1)"), v("·"), v("serious (1)")],
            ],
            lead: 1,
        }
    }

    #[test]
    fn blocks_fit_the_width_and_keep_ids_whole() {
        let g = grid();
        for w in [40, 80] {
            let b = blocks(&g, w, false);
            assert!(b.lines().all(|l| width_of(l) <= w), "{b}");
            assert!(b.contains("xb-foreign-influence-transparency-2024"));
        }
        assert!(
            blocks(&g, 80, false)
                .contains("xb-foreign-influence-transparency-2024 — Overall: incompatible (52)")
        );
        let b = blocks(&g, 80, false);
        assert!(
            b.contains("ECHR 8   incompatible (13)   ECHR 10  serious (2)"),
            "{b}"
        );
        assert!(
            b.contains("xf-ngo-2025 — Overall: no concern throughout\nxz"),
            "{b}"
        );
        assert!(
            b.ends_with("xz — Overall: serious (1)\n  ECHR 10  serious (1)"),
            "{b}"
        );
    }

    #[test]
    fn plain_and_tsv_have_no_box_drawing() {
        let g = grid();
        let a = aligned(&g, false);
        assert!(!a.contains('│') && !a.contains('─'), "{a}");
        assert_eq!(a.lines().count(), 5);
        let t = tsv(&g);
        assert_eq!(t.lines().next(), Some("Law\tOverall\tECHR 8\tECHR 10"));
        assert!(t.lines().all(|l| l.split('\t').count() == 4));
    }

    #[test]
    fn colours_come_from_the_palette() {
        let v = verdict_value(Verdict::Incompatible, 3);
        let p = paint(&v, "x", true);
        assert!(
            p.starts_with("\x1b[48;2;66;10;104m\x1b[38;2;255;255;255m"),
            "{p:?}"
        );
        assert_eq!(paint(&v, "x", false), "x");
    }
}
