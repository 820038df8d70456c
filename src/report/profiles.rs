//! `profiles.md` and `profiles.csv`: the law × parameter table analysts put first in a
//! country briefing (threshold, label, deadlines, reporting, inspections, highest fine, prison,
//! dissolution, court review, enforcing body), each value with the provision it comes from.

use std::fmt::Write as _;

use crate::profile::{FIELDS, field_title};
use crate::report::Report;
use crate::report::markdown::{escape, provenance};

/// Renders `profiles.md`.
pub fn markdown(report: &Report) -> String {
    let mut out = String::from("# Law profiles\n\n");
    let _ = writeln!(out, "{}\n", escape(&provenance(report)));
    out.push_str(
        "Each cell gives the value the law states and, in brackets, the provision it was read from; `—` means the text does not say. Fines are also given in euros and in months of the local wage (rates and wages in `rules/catalogue/jurisdictions.toml`).\n\n",
    );
    let mut header = vec!["Law".to_string()];
    header.extend(FIELDS.iter().map(|f| field_title(f).to_string()));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for law in &report.laws {
        let mut cells = vec![format!("`{}`", law.id.replace('`', "'"))];
        for v in law.profile.views() {
            let mut c = escape(&v.value);
            if let Some(p) = &v.provision {
                let _ = write!(c, " ({})", escape(p));
            }
            cells.push(c);
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    out.push_str(&super::markdown::provenance_section(report));
    out
}

/// Renders `profiles.csv`: a row per law, with a value and a provision column per parameter.
pub fn csv(report: &Report) -> String {
    let mut header = vec!["law".to_string(), "file".to_string()];
    for f in FIELDS {
        header.push(f.to_string());
        header.push(format!("{f}:provision"));
    }
    header.extend(
        [
            "max_fine_amount",
            "max_fine_currency",
            "max_fine_eur",
            "max_fine_wage_months",
            "generated_by",
        ]
        .map(String::from),
    );
    let generated_by = report.provenance.generated_by();
    let mut rows = vec![header];
    for law in &report.laws {
        let mut r = vec![law.id.clone(), law.file.clone()];
        for v in law.profile.views() {
            r.push(if v.value == "—" {
                String::new()
            } else {
                v.value
            });
            r.push(v.provision.unwrap_or_default());
        }
        let fine = law.profile.max_fine.as_ref().map(|f| &f.value);
        let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        r.push(num(fine.map(|m| m.amount)));
        r.push(fine.and_then(|m| m.currency.clone()).unwrap_or_default());
        r.push(num(fine.and_then(|m| m.eur)));
        r.push(num(fine.and_then(|m| m.wage_months)));
        r.push(generated_by.clone());
        rows.push(r);
    }
    super::csv::write_rows(rows)
}
