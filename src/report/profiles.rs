//! `profiles.md` and `profiles.csv`: the law × parameter table analysts put first in a
//! country briefing (threshold, label, deadlines, reporting, inspections, highest fine, prison,
//! dissolution, court review, enforcing body), each value with the provision it comes from.
//!
//! [`ProfileField`] (defined with the profile, in [`crate::profile`], with its id, title and
//! typed comparison) is written for readers here: [`ProfileField::view`] gives a field's
//! text, and [`numbers`] its numeric columns. Every renderer goes through them.

use std::fmt::Write as _;

pub use crate::profile::ProfileField;
use crate::profile::{Field, MaxFine, Profile, Threshold, per_year};
use crate::report::Report;
use crate::report::markdown::{escape, provenance};

/// A profile field rendered for tables: its value as text, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    /// The field.
    pub field: ProfileField,
    /// The value as text (`—` when the law does not say).
    pub value: String,
    /// The provision it was read from.
    pub provision: Option<String>,
    /// The words it was read from, or why it is what it is.
    pub evidence: Option<String>,
}

impl FieldView {
    /// The value, or `None` for `—`.
    pub fn known(&self) -> Option<&str> {
        (self.value != "—").then_some(self.value.as_str())
    }
}

impl ProfileField {
    /// The field of a profile as text, with its provision and evidence.
    pub fn view(self, p: &Profile) -> FieldView {
        match self {
            Self::FundingThreshold => {
                view(self, p.funding_threshold_percent.as_ref(), |t| match t {
                    Threshold::Percent(x) => format!("{} %", fmt_number(*x)),
                    Threshold::Any(a) => (*a).to_string(),
                })
            }
            Self::Label => view(self, p.label.as_ref(), Clone::clone),
            Self::RegistrationDeadline => view(self, p.registration_deadline_days.as_ref(), |d| {
                format!("{} days", fmt_number(*d))
            }),
            Self::Reporting => view(self, p.reporting_frequency.as_ref(), Clone::clone),
            Self::Inspections => view(self, p.inspection_frequency.as_ref(), Clone::clone),
            Self::MaxFine => view(self, p.max_fine.as_ref(), fine_text),
            Self::MaxPrison => view(self, p.max_prison_years.as_ref(), |y| {
                format!("{} years", fmt_number(*y))
            }),
            Self::Dissolution => view(self, p.dissolution.as_ref(), yes_no),
            Self::JudicialReview => view(self, p.judicial_review.as_ref(), yes_no),
            Self::EnforcingBody => view(self, p.enforcing_body.as_ref(), Clone::clone),
        }
    }
}

/// The numeric columns of a profile, for sorting and filtering in a spreadsheet: `(id,
/// title, value)`.
pub fn numbers(p: &Profile) -> Vec<(&'static str, &'static str, Option<f64>)> {
    let fine = p.max_fine.as_ref().map(|f| &f.value);
    vec![
        (
            "threshold_percent",
            "Threshold (%)",
            p.funding_threshold_percent
                .as_ref()
                .map(|f| crate::profile::threshold_percent(&f.value)),
        ),
        (
            "deadline_days",
            "Registration deadline (days)",
            p.registration_deadline_days.as_ref().map(|f| f.value),
        ),
        (
            "reports_per_year",
            "Reports per year",
            p.reporting_frequency
                .as_ref()
                .and_then(|f| per_year(&f.value))
                .filter(|x| x.is_finite()),
        ),
        (
            "max_fine_amount",
            "Highest fine (amount)",
            fine.map(|m| m.amount),
        ),
        (
            "max_fine_eur",
            "Highest fine (EUR)",
            fine.and_then(|m| m.eur),
        ),
        (
            "max_fine_wage_months",
            "Highest fine (months of wages)",
            fine.and_then(|m| m.wage_months),
        ),
        (
            "prison_years",
            "Longest prison term (years)",
            p.max_prison_years.as_ref().map(|f| f.value),
        ),
    ]
}

/// `1,234`, `2.5`: whole numbers with thousands separators, others with at most two
/// decimals.
pub fn fmt_number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        let n = x.round() as i64;
        let s = n.abs().to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    } else {
        format!("{x:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// A number for a machine-readable cell: no separators, at most four decimals.
pub fn plain_number(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn view<T>(field: ProfileField, f: Option<&Field<T>>, show: impl Fn(&T) -> String) -> FieldView {
    match f {
        Some(f) => FieldView {
            field,
            value: show(&f.value),
            provision: f.provision.clone(),
            evidence: Some(f.text.clone()),
        },
        None => FieldView {
            field,
            value: "—".into(),
            provision: None,
            evidence: None,
        },
    }
}

/// A fine for readers: `USD 10,000 (≈ EUR 9,240, 8 months' wages)`.
pub fn fine_text(m: &MaxFine) -> String {
    let mut s = format!(
        "{} {}",
        m.currency.as_deref().unwrap_or(""),
        fmt_number(m.amount)
    )
    .trim()
    .to_string();
    if let Some(p) = &m.per {
        s.push_str(&format!(" per {p}"));
    }
    let mut extra = Vec::new();
    if let Some(e) = m.eur.filter(|_| m.currency.as_deref() != Some("EUR")) {
        extra.push(format!("≈ EUR {}", fmt_number(e.round())));
    }
    if let Some(w) = m.wage_months {
        extra.push(format!(
            "{} months' wages",
            fmt_number((w * 10.0).round() / 10.0)
        ));
    }
    if !extra.is_empty() {
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    s
}

fn yes_no(b: &bool) -> String {
    if *b { "yes" } else { "no" }.into()
}

/// Every field of a profile, in [`ProfileField::ALL`] order.
pub fn views(p: &Profile) -> Vec<FieldView> {
    ProfileField::ALL.iter().map(|f| f.view(p)).collect()
}

/// Renders `profiles.md`.
pub fn markdown(report: &Report) -> String {
    let mut out = String::from("# Law profiles\n\n");
    let _ = writeln!(out, "{}\n", escape(&provenance(report)));
    out.push_str(
        "Each cell gives the value the law states and, in brackets, the provision it was read from; `—` means the text does not say. Fines are also given in euros and in months of the local wage (rates and wages in `rules/catalogue/jurisdictions.toml`).\n\n",
    );
    let mut header = vec!["Law".to_string()];
    header.extend(ProfileField::ALL.iter().map(|f| f.title().to_string()));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for law in &report.laws {
        let mut cells = vec![format!("`{}`", law.id.replace('`', "'"))];
        for v in views(&law.profile) {
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

/// Renders `profiles.csv`: a row per law, with a value and a provision column per parameter,
/// then the numeric columns of [`numbers`] (empty when the law does not say), the file's
/// SHA-256 and `generated_by`.
pub fn csv(report: &Report) -> String {
    let mut header = vec!["law".to_string(), "file".to_string()];
    for f in ProfileField::ALL {
        header.push(f.id().to_string());
        header.push(format!("{}:provision", f.id()));
    }
    let empty = crate::profile::Profile::default();
    header.extend(numbers(&empty).into_iter().map(|(id, _, _)| id.to_string()));
    header.extend(["max_fine_currency", "sha256", "generated_by"].map(String::from));
    let generated_by = report.provenance.generated_by();
    let mut rows = vec![header];
    for law in &report.laws {
        let mut r = vec![law.id.clone(), law.file.clone()];
        for v in views(&law.profile) {
            r.push(v.known().unwrap_or_default().to_string());
            r.push(v.provision.unwrap_or_default());
        }
        for (_, _, n) in numbers(&law.profile) {
            r.push(n.map(plain_number).unwrap_or_default());
        }
        r.push(
            law.profile
                .max_fine
                .as_ref()
                .and_then(|f| f.value.currency.clone())
                .unwrap_or_default(),
        );
        r.push(law.sha256.clone().unwrap_or_default());
        r.push(generated_by.clone());
        rows.push(r);
    }
    super::csv::write_rows(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn field<T>(value: T) -> Option<Field<T>> {
        Some(Field {
            value,
            provision: Some("Art. 1".into()),
            line: Some(1),
            text: "t".into(),
        })
    }

    #[test]
    fn comparable_fields_are_ordered_by_restrictiveness() {
        let mut a = Profile::default();
        let mut b = Profile::default();
        a.funding_threshold_percent = field(Threshold::Any("any"));
        b.funding_threshold_percent = field(Threshold::Percent(20.0));
        a.reporting_frequency = field("quarterly".to_string());
        b.reporting_frequency = field("annual".to_string());
        a.inspection_frequency = field("at-any-time".to_string());
        b.inspection_frequency = field("annual".to_string());
        let fine = |amount, currency: &str, eur| MaxFine {
            amount,
            currency: Some(currency.into()),
            eur,
            wage_months: None,
            per: None,
        };
        a.max_fine = field(fine(25_000.0, "GEL", Some(8_575.0)));
        b.max_fine = field(fine(10_000.0, "USD", Some(9_240.0)));
        a.label = field("foreign agent".to_string());
        b.label = field("agent of a foreign principal".to_string());
        use ProfileField as F;
        assert_eq!(
            F::FundingThreshold.severity_cmp(&a, &b),
            Some(Ordering::Greater)
        );
        assert_eq!(F::Reporting.severity_cmp(&a, &b), Some(Ordering::Greater));
        assert_eq!(F::Inspections.severity_cmp(&a, &b), Some(Ordering::Greater));
        assert_eq!(F::MaxFine.severity_cmp(&a, &b), Some(Ordering::Less));
        assert_eq!(F::Label.severity_cmp(&a, &b), None);
        assert_eq!(F::MaxPrison.severity_cmp(&a, &b), None);
        b.max_fine = field(fine(30_000.0, "GEL", None));
        a.max_fine = field(fine(25_000.0, "GEL", None));
        assert_eq!(F::MaxFine.severity_cmp(&a, &b), Some(Ordering::Less));
        a.max_fine = field(fine(25_000.0, "USD", None));
        assert_eq!(F::MaxFine.severity_cmp(&a, &b), None);
    }

    #[test]
    fn numbers_are_numbers() {
        let p = Profile {
            funding_threshold_percent: field(Threshold::Percent(20.0)),
            reporting_frequency: field("semiannual".to_string()),
            max_prison_years: field(5.0),
            ..Profile::default()
        };
        let n = numbers(&p);
        assert_eq!(n[0].2, Some(20.0));
        assert_eq!(n[2].2, Some(2.0));
        assert_eq!(n[6].2, Some(5.0));
        assert_eq!(n[4].2, None);
        assert_eq!(plain_number(1219.5121951), "1219.5122");
        assert_eq!(plain_number(20.0), "20");
        assert_eq!(fmt_number(500_000.0), "500,000");
    }
}
