//! `comparison.csv` (one row per input) and `findings.csv` (one row per finding).
//!
//! Cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) are prefixed with an apostrophe, so that a law's text can never run
//! as a formula when the file is opened.
//!
//! Both files end with two provenance columns: `sha256`, the SHA-256 of the row's input file,
//! and `generated_by`, the tool version, the `--date` if any and every rule set with its
//! version and SHA-256 ([`Provenance::generated_by`](crate::report::Provenance::generated_by)).
//! For Excel, which reads a CSV file without a byte-order mark in the local legacy code
//! page, [`with_bom`] prefixes the file with a UTF-8 byte-order mark (`--excel`).

use crate::compare::Comparison;
use crate::report::Report;

/// The UTF-8 byte-order mark that `--excel` puts at the start of the CSV files.
pub const BOM: &str = "\u{feff}";

/// Whether a spreadsheet program would read a cell starting like `s` as a formula.
pub fn formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Neutralises a cell that a spreadsheet program would treat as a formula.
pub fn safe_cell(s: &str) -> String {
    if formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// `csv` with a UTF-8 byte-order mark in front, for Excel.
pub fn with_bom(csv: &str) -> String {
    format!("{BOM}{csv}")
}

pub(crate) fn write_rows(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        let safe: Vec<String> = r.iter().map(|c| safe_cell(c)).collect();
        w.write_record(&safe)
            .expect("writing CSV to memory cannot fail");
    }
    String::from_utf8(w.into_inner().expect("flush to memory"))
        .expect("CSV of UTF-8 strings is UTF-8")
}

/// Renders `comparison.csv`: a row per analysed law, then a row per failed input.
pub fn comparison(report: &Report) -> String {
    let cmp = Comparison::from_report(report);
    let mut header: Vec<String> = [
        "law",
        "file",
        "title",
        "jurisdiction",
        "year",
        "status",
        "language",
        "result",
        "error",
        "provisions",
        "findings",
        "overall",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    header.extend(cmp.standards.iter().map(|c| c.id.clone()));
    for c in &cmp.categories {
        header.push(c.id.clone());
        header.push(format!("{}:max", c.id));
    }
    header.push("sha256".into());
    header.push("generated_by".into());
    let generated_by = report.provenance.generated_by();
    let mut rows = vec![header];
    for (row, law) in cmp.rows.iter().zip(&report.laws) {
        let mut r = vec![
            row.law.clone(),
            law.file.clone(),
            row.title.clone(),
            row.jurisdiction.clone(),
            row.year.clone(),
            row.status.clone(),
            row.language.clone(),
            if law.assessed {
                "analysed".into()
            } else {
                "not-assessed".into()
            },
            String::new(),
            law.provisions.to_string(),
            row.findings.to_string(),
            row.overall.id().to_string(),
        ];
        r.extend(row.standards.iter().map(|c| c.verdict.id().to_string()));
        for c in &row.categories {
            r.push(c.findings.to_string());
            r.push(
                c.max_severity
                    .map_or(String::new(), |s| s.as_str().to_string()),
            );
        }
        r.push(law.sha256.clone().unwrap_or_default());
        r.push(generated_by.clone());
        rows.push(r);
    }
    let width = rows[0].len();
    for e in &report.errors {
        let mut r = vec![
            String::new(),
            e.file.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "error".into(),
            e.message.clone(),
        ];
        r.resize(width - 2, String::new());
        r.push(
            report
                .provenance
                .input_sha256(&e.file)
                .unwrap_or_default()
                .to_string(),
        );
        r.push(generated_by.clone());
        rows.push(r);
    }
    write_rows(rows)
}

/// The header row of `findings.csv`.
pub const FINDINGS_HEADER: [&str; 16] = [
    "law",
    "file",
    "rule",
    "category",
    "severity",
    "provision",
    "line",
    "column",
    "start",
    "end",
    "text",
    "excerpt",
    "standards",
    "message",
    "sha256",
    "generated_by",
];

/// The `findings.csv` rows of one law.
pub fn findings_rows(law: &crate::report::LawReport, generated_by: &str) -> Vec<Vec<String>> {
    law.findings
        .iter()
        .map(|f| {
            vec![
                law.id.clone(),
                law.file.clone(),
                f.rule.clone(),
                f.category.clone(),
                f.severity.as_str().into(),
                f.provision.clone(),
                f.line.to_string(),
                f.column.to_string(),
                f.start.to_string(),
                f.end.to_string(),
                f.text.clone(),
                f.excerpt.clone(),
                f.standards.join("; "),
                f.message.clone(),
                law.sha256.clone().unwrap_or_default(),
                generated_by.to_string(),
            ]
        })
        .collect()
}

/// Renders `findings.csv`.
pub fn findings(report: &Report) -> String {
    let generated_by = report.provenance.generated_by();
    let mut rows = vec![
        FINDINGS_HEADER
            .iter()
            .map(|s| (*s).to_string())
            .collect::<Vec<_>>(),
    ];
    for law in &report.laws {
        rows.extend(findings_rows(law, &generated_by));
    }
    write_rows(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(safe_cell("Art. 4"), "Art. 4");
        assert!(!formula_like("") && !formula_like("a=b"));
        assert!(
            with_bom("a,b\r\n")
                .as_bytes()
                .starts_with(&[0xef, 0xbb, 0xbf])
        );
    }
}
