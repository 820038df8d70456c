//! `report.xlsx`: the comparison as a workbook for spreadsheet users.
//!
//! # Sheets
//!
//! | sheet | one row per | columns |
//! |---|---|---|
//! | Comparison | law | law, overall verdict, one verdict per standard, findings, metadata, file and SHA-256 |
//! | Categories | law | law, then per category its highest severity and its number of findings |
//! | Profiles | law | per parameter its value and provision, then numeric columns (threshold %, deadline days, reports per year, fine amount, EUR, wage months, prison years) |
//! | Findings | finding | law, citation, line, column, rule, severity, standards, message, quote |
//! | Errors | input not analysed | file, reason, SHA-256 |
//! | Provenance | tool, rule set, input | what produced the workbook, with SHA-256 hashes |
//!
//! Every sheet has a frozen, bold header row and an autofilter over its data; column widths
//! are fitted to the contents (capped, with long text wrapped). Verdict and severity cells
//! are filled with the colours of [`palette`], the scale that `report.html`
//! uses, and always hold the verdict or severity as text as well.
//!
//! # Safety
//!
//! Every value from the input is written with `write_string*`, which stores a string cell
//! and never a formula. A string that a spreadsheet would read as a formula when typed
//! (first character `=`, `+`, `-`, `@`, tab or carriage return, see
//! [`csv::formula_like`]) also gets the *quote prefix* cell
//! style, Excel's equivalent of a leading apostrophe, so that editing the cell keeps it
//! text. The value itself is not changed. Strings longer than Excel's limit of 32,767
//! characters are cut, ending in `…`.
//!
//! # Determinism
//!
//! The same report gives a byte-identical file: rust_xlsxwriter stamps zip entries with a
//! fixed time, and the document's creation date is set to the `--date` when it is an ISO
//! date (`YYYY-MM-DD…`) and to 1980-01-01 otherwise, never to the wall clock.

use std::borrow::Cow;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

pub use rust_xlsxwriter::XlsxError;

use crate::assess::Verdict;
use crate::compare::Comparison;
use crate::report::palette::{self, Swatch};
use crate::report::{LawReport, Report, csv};
use crate::rules::Severity;

/// Excel's limit on the characters in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Widest a fitted column gets, in pixels (about 60 characters).
const MAX_WIDTH_PX: u32 = 420;

/// The sheet names, in order.
pub const SHEETS: [&str; 6] = [
    "Comparison",
    "Categories",
    "Profiles",
    "Findings",
    "Errors",
    "Provenance",
];

struct Formats {
    header: Format,
    text: Format,
    wrap: Format,
    number: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(0x80_80_80)
            .set_align(FormatAlign::Top);
        Self {
            header: base
                .clone()
                .set_bold()
                .set_background_color(0xEE_EE_EE)
                .set_text_wrap(),
            text: base.clone(),
            wrap: base.clone().set_text_wrap(),
            number: base,
        }
    }

    fn swatch(&self, s: Swatch, bold: bool) -> Format {
        let f = self
            .text
            .clone()
            .set_background_color(palette::rgb_u32(s.fill))
            .set_font_color(palette::rgb_u32(s.text))
            .set_align(FormatAlign::Center);
        if bold { f.set_bold() } else { f }
    }

    fn verdict(&self, v: Verdict) -> Format {
        self.swatch(palette::verdict(v), v == Verdict::Incompatible)
    }

    fn severity(&self, s: Option<Severity>) -> Format {
        self.swatch(palette::severity(s), s == Some(Severity::Critical))
    }
}

/// Cuts a string to Excel's cell limit.
fn clip(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
        Cow::Borrowed(s)
    } else {
        let mut t: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
        t.push('…');
        Cow::Owned(t)
    }
}

/// Writes a string cell; formula-like strings get the quote-prefix style.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    let s = clip(s);
    if csv::formula_like(&s) {
        ws.write_string_with_format(row, col, s.as_ref(), &f.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, s.as_ref(), f)?;
    }
    Ok(())
}

fn number(ws: &mut Worksheet, row: u32, col: u16, n: f64, f: &Format) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, n, f)?;
    Ok(())
}

fn count(n: usize) -> f64 {
    n as f64
}

/// Writes the header row, freezes it (and `frozen_cols` columns), and puts an autofilter
/// over `rows` data rows.
fn finish(
    ws: &mut Worksheet,
    fmt: &Formats,
    header: &[String],
    rows: u32,
    frozen_cols: u16,
) -> Result<(), XlsxError> {
    for (c, h) in (0u16..).zip(header) {
        text(ws, 0, c, h, &fmt.header)?;
    }
    let last_col = u16::try_from(header.len().saturating_sub(1)).unwrap_or(u16::MAX);
    ws.set_freeze_panes(1, frozen_cols)?;
    ws.autofilter(0, 0, rows, last_col)?;
    ws.set_autofit_max_width(MAX_WIDTH_PX);
    ws.autofit();
    ws.set_landscape();
    Ok(())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

fn row_index(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The fixed creation date as (year, month, day): `--date` when it starts with a valid ISO
/// date, else 1980-01-01.
fn creation_ymd(date: Option<&str>) -> (u16, u8, u8) {
    date.and_then(|d| {
        let mut parts = d.get(..10)?.split('-');
        let ymd = (
            parts.next()?.parse().ok()?,
            parts.next()?.parse().ok()?,
            parts.next()?.parse().ok()?,
        );
        ExcelDateTime::from_ymd(ymd.0, ymd.1, ymd.2).ok()?;
        Some(ymd)
    })
    .unwrap_or((1980, 1, 1))
}

/// Renders `report.xlsx` from a report held in memory.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut stream = XlsxStream::new(report)?;
    for law in &report.laws {
        stream.law(law, report)?;
    }
    stream.finish_to_buffer(report)
}

/// A workbook written as laws arrive: the Findings sheet is kept in constant memory (rows go
/// to a temporary file as they are written), the summary sheets are filled at the end.
pub struct XlsxStream {
    wb: Workbook,
    fmt: Formats,
    findings: u32,
}

/// Fixed widths of the Findings sheet (fitting is impossible for a sheet streamed to disk).
const FINDINGS_WIDTHS: [f64; 15] = [
    28.0, 16.0, 7.0, 7.0, 8.0, 36.0, 18.0, 9.0, 28.0, 48.0, 30.0, 60.0, 9.0, 9.0, 36.0,
];

const FINDINGS_HEADER: [&str; 15] = [
    "Law",
    "Provision",
    "Line",
    "Column",
    "Rule",
    "Rule title",
    "Category",
    "Severity",
    "Standards",
    "Message",
    "Matched text",
    "Excerpt",
    "Start",
    "End",
    "File",
];

impl XlsxStream {
    /// Starts a workbook; `header` gives the document properties.
    pub fn new(header: &Report) -> Result<Self, XlsxError> {
        let fmt = Formats::new();
        let mut wb = Workbook::new();
        let (y, m, d) = creation_ymd(header.provenance.date.as_deref());
        let created = ExcelDateTime::from_ymd(y, m, d)?;
        let props = DocProperties::new()
            .set_title(header.title())
            .set_author(header.tool.name.clone())
            .set_comment(header.provenance.generated_by())
            .set_creation_datetime(&created);
        wb.set_properties(&props);
        for name in &SHEETS[..3] {
            wb.add_worksheet().set_name(*name)?;
        }
        let ws = wb
            .add_worksheet_with_constant_memory()
            .set_name(SHEETS[3])?;
        for (c, w) in (0u16..).zip(FINDINGS_WIDTHS) {
            ws.set_column_width(c, w)?;
        }
        for (c, h) in (0u16..).zip(FINDINGS_HEADER) {
            text(ws, 0, c, h, &fmt.header)?;
        }
        for name in &SHEETS[4..] {
            wb.add_worksheet().set_name(*name)?;
        }
        Ok(Self {
            wb,
            fmt,
            findings: 0,
        })
    }

    /// Appends a law's findings to the Findings sheet.
    pub fn law(&mut self, law: &LawReport, header: &Report) -> Result<(), XlsxError> {
        let fmt = &self.fmt;
        let ws = self.wb.worksheet_from_index(3)?;
        for f in &law.findings {
            self.findings += 1;
            let row = self.findings;
            let title = header.rule(&f.rule).map_or("", |r| r.title.as_str());
            text(ws, row, 0, &law.id, &fmt.text)?;
            text(ws, row, 1, &f.provision, &fmt.text)?;
            number(ws, row, 2, count(f.line), &fmt.number)?;
            number(ws, row, 3, count(f.column), &fmt.number)?;
            text(ws, row, 4, &f.rule, &fmt.text)?;
            text(ws, row, 5, title, &fmt.wrap)?;
            text(ws, row, 6, &f.category, &fmt.text)?;
            text(
                ws,
                row,
                7,
                f.severity.as_str(),
                &fmt.severity(Some(f.severity)),
            )?;
            text(ws, row, 8, &f.standards.join("; "), &fmt.wrap)?;
            text(ws, row, 9, &f.message, &fmt.wrap)?;
            text(ws, row, 10, &f.text, &fmt.wrap)?;
            text(ws, row, 11, &f.excerpt, &fmt.wrap)?;
            number(ws, row, 12, count(f.start), &fmt.number)?;
            number(ws, row, 13, count(f.end), &fmt.number)?;
            text(ws, row, 14, &law.file, &fmt.text)?;
        }
        Ok(())
    }

    fn fill(&mut self, summary: &Report) -> Result<(), XlsxError> {
        let cmp = Comparison::from_report(summary);
        let fmt = &self.fmt;
        comparison_sheet(self.wb.worksheet_from_index(0)?, fmt, summary, &cmp)?;
        categories_sheet(self.wb.worksheet_from_index(1)?, fmt, &cmp)?;
        profiles_sheet(self.wb.worksheet_from_index(2)?, fmt, summary)?;
        let ws = self.wb.worksheet_from_index(3)?;
        ws.set_freeze_panes(1, 2)?;
        ws.autofilter(
            0,
            0,
            self.findings,
            u16::try_from(FINDINGS_HEADER.len() - 1).unwrap_or(0),
        )?;
        ws.set_landscape();
        errors_sheet(self.wb.worksheet_from_index(4)?, fmt, summary)?;
        provenance_sheet(self.wb.worksheet_from_index(5)?, fmt, summary)?;
        Ok(())
    }

    /// Fills the summary sheets from `summary` and saves the workbook to `path`.
    pub fn finish(mut self, summary: &Report, path: &std::path::Path) -> Result<(), XlsxError> {
        self.fill(summary)?;
        self.wb.save(path)
    }

    /// Like [`XlsxStream::finish`], returning the bytes.
    pub fn finish_to_buffer(mut self, summary: &Report) -> Result<Vec<u8>, XlsxError> {
        self.fill(summary)?;
        self.wb.save_to_buffer()
    }
}

/// Law, overall verdict and the verdict per standard first, so that the answer is on
/// screen without scrolling; the law's metadata next; file and hash at the end.
fn comparison_sheet(
    ws: &mut Worksheet,
    fmt: &Formats,
    report: &Report,
    cmp: &Comparison,
) -> Result<(), XlsxError> {
    let mut header = strings(&["Law", "Overall"]);
    header.extend(cmp.standards.iter().map(|c| c.label.clone()));
    header.extend(strings(&[
        "Findings",
        "Title",
        "Jurisdiction",
        "Year",
        "Status",
        "Language",
        "File",
        "SHA-256",
    ]));
    let n = u16::try_from(cmp.standards.len()).unwrap_or(u16::MAX);
    for (i, (r, law)) in cmp.rows.iter().zip(&report.laws).enumerate() {
        let row = row_index(i)?;
        text(ws, row, 0, &r.law, &fmt.text)?;
        text(ws, row, 1, r.overall.label(), &fmt.verdict(r.overall))?;
        for (c, cell) in (2u16..).zip(&r.standards) {
            text(ws, row, c, cell.verdict.label(), &fmt.verdict(cell.verdict))?;
        }
        let m = 2 + n;
        number(ws, row, m, count(r.findings), &fmt.number)?;
        text(ws, row, m + 1, &r.title, &fmt.wrap)?;
        text(ws, row, m + 2, &r.jurisdiction, &fmt.text)?;
        match law.year {
            Some(y) => number(ws, row, m + 3, y as f64, &fmt.number)?,
            None => text(ws, row, m + 3, "", &fmt.text)?,
        }
        text(ws, row, m + 4, &r.status, &fmt.text)?;
        text(ws, row, m + 5, &r.language, &fmt.text)?;
        text(ws, row, m + 6, &law.file, &fmt.text)?;
        text(
            ws,
            row,
            m + 7,
            law.sha256.as_deref().unwrap_or(""),
            &fmt.text,
        )?;
    }
    finish(ws, fmt, &header, count_rows(cmp.rows.len()), 1)
}

fn count_rows(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn categories_sheet(ws: &mut Worksheet, fmt: &Formats, cmp: &Comparison) -> Result<(), XlsxError> {
    let mut header = vec!["Law".to_string()];
    for c in &cmp.categories {
        header.push(c.label.clone());
        header.push(format!("{} findings", c.label));
    }
    for (i, r) in cmp.rows.iter().enumerate() {
        let row = row_index(i)?;
        text(ws, row, 0, &r.law, &fmt.text)?;
        for (c, cell) in (0u16..).zip(&r.categories) {
            let sev = cell.max_severity.map_or("none", Severity::as_str);
            text(ws, row, 1 + 2 * c, sev, &fmt.severity(cell.max_severity))?;
            number(ws, row, 2 + 2 * c, count(cell.findings), &fmt.number)?;
        }
    }
    finish(ws, fmt, &header, count_rows(cmp.rows.len()), 1)
}

/// Law profiles: one row per law; per parameter its value as text and the provision it
/// was read from, then the numeric columns (threshold %, deadline days, reports per year,
/// fine amount, EUR and months of wages, prison years) as numbers, so that analysts can
/// sort and filter.
fn profiles_sheet(ws: &mut Worksheet, fmt: &Formats, report: &Report) -> Result<(), XlsxError> {
    use crate::report::profiles::{ProfileField, numbers, views};
    let mut header = vec!["Law".to_string()];
    for f in ProfileField::ALL {
        header.push(f.title().to_string());
        header.push(format!("{} — provision", f.title()));
    }
    let empty = crate::profile::Profile::default();
    header.extend(numbers(&empty).into_iter().map(|(_, t, _)| t.to_string()));
    header.push("Currency".into());
    for (i, law) in report.laws.iter().enumerate() {
        let row = row_index(i)?;
        text(ws, row, 0, &law.id, &fmt.text)?;
        let mut c = 1u16;
        for v in views(&law.profile) {
            text(ws, row, c, v.known().unwrap_or(""), &fmt.wrap)?;
            text(
                ws,
                row,
                c + 1,
                v.provision.as_deref().unwrap_or(""),
                &fmt.text,
            )?;
            c += 2;
        }
        for (_, _, n) in numbers(&law.profile) {
            if let Some(n) = n {
                number(ws, row, c, n, &fmt.number)?;
            }
            c += 1;
        }
        let currency = law
            .profile
            .max_fine
            .as_ref()
            .and_then(|f| f.value.currency.as_deref());
        text(ws, row, c, currency.unwrap_or(""), &fmt.text)?;
    }
    finish(ws, fmt, &header, count_rows(report.laws.len()), 1)
}

fn errors_sheet(ws: &mut Worksheet, fmt: &Formats, report: &Report) -> Result<(), XlsxError> {
    let header = strings(&["File", "Reason", "SHA-256"]);
    for (i, e) in report.errors.iter().enumerate() {
        let row = row_index(i)?;
        text(ws, row, 0, &e.file, &fmt.text)?;
        text(ws, row, 1, &e.message, &fmt.wrap)?;
        text(
            ws,
            row,
            2,
            report.provenance.input_sha256(&e.file).unwrap_or(""),
            &fmt.text,
        )?;
    }
    finish(ws, fmt, &header, count_rows(report.errors.len()), 1)
}

fn provenance_sheet(ws: &mut Worksheet, fmt: &Formats, report: &Report) -> Result<(), XlsxError> {
    let header = strings(&["Kind", "Name", "Version", "Language", "SHA-256", "Detail"]);
    let p = &report.provenance;
    let mut rows: Vec<[String; 6]> = vec![
        [
            "tool".into(),
            p.tool.clone(),
            report.tool.version.clone(),
            String::new(),
            String::new(),
            String::new(),
        ],
        [
            "date".into(),
            p.date.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            if p.date.is_some() {
                String::new()
            } else {
                "not recorded".into()
            },
        ],
    ];
    for r in &p.rulesets {
        rows.push([
            "rule set".into(),
            r.id.clone(),
            r.version.clone(),
            r.language.clone(),
            r.sha256.clone(),
            r.file.clone(),
        ]);
    }
    for i in &p.inputs {
        rows.push([
            "input".into(),
            i.file.clone(),
            String::new(),
            String::new(),
            i.sha256.clone().unwrap_or_default(),
            i.encoding.clone().unwrap_or_default(),
        ]);
    }
    for (i, r) in rows.iter().enumerate() {
        let row = row_index(i)?;
        for (c, v) in (0u16..).zip(r) {
            text(ws, row, c, v, &fmt.text)?;
        }
    }
    finish(ws, fmt, &header, count_rows(rows.len()), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_clipped_to_the_cell_limit() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        let c = clip(&long);
        assert_eq!(c.chars().count(), MAX_CELL_CHARS);
        assert!(c.ends_with('…'));
        assert!(matches!(clip("short"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_creation_date_is_fixed() {
        assert_eq!(creation_ymd(Some("2026-11-29")), (2026, 11, 29));
        assert_eq!(creation_ymd(Some("2026-11-29T10:00:00Z")), (2026, 11, 29));
        assert_eq!(creation_ymd(Some("2026-02-31")), (1980, 1, 1));
        assert_eq!(creation_ymd(Some("late 2026")), (1980, 1, 1));
        assert_eq!(creation_ymd(None), (1980, 1, 1));
    }
}
