//! Measuring agreement with an answer key.
//!
//! The key format is that of `corpus-key.toml`: one `[[law]]` per file with `expect`
//! (categories that must be flagged), `absent` (categories that must not be), `[[law.where]]`
//! entries `{category, provision, evidence}` and `[[law.param]]` entries. A category in
//! neither list is not scored.
//!
//! * **Category precision and recall** (micro-averaged over laws): a flagged category is one
//!   with at least one finding. True positive: expected and flagged; false negative: expected,
//!   not flagged; false alarm: listed as absent, flagged.
//! * **Provision-level recall**: a where-entry is found when a finding of its category cites
//!   that provision or a provision inside it, after citations are normalised
//!   ([`crate::load::citation::citation_within`]). The key's notation is read: alternatives
//!   separated by `; `, ranges (`Art. 9(1)-(5)`, `Sections 58-61`, `items 1) to 3)`), and a
//!   bracketed remark after the provision such as the act's name.
//! * A ratio with nothing to count (no category flagged, none expected) is `n/a` (`null` in
//!   JSON), never 1. Parameter values are compared and printed rounded (`33.3`).
//! * A key none of whose files was among the inputs is not an evaluation: [`Evaluation::analysed`]
//!   is 0, the text says which files the key names, and the command exits non-zero.
//!
//! Evaluation reads a [`Report`]; it never matches anything itself.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::load::citation::citation_within;
use crate::report::Report;

/// An answer key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// One entry per law file.
    pub law: Vec<KeyLaw>,
}

/// The key for one law file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyLaw {
    /// File name as it is spelt in the folder.
    pub file: String,
    /// Language of the text.
    #[serde(default)]
    pub language: Option<String>,
    /// Whether the text is complete.
    #[serde(default)]
    pub complete: Option<bool>,
    /// Categories that must be flagged.
    #[serde(default)]
    pub expect: Vec<String>,
    /// Categories that must not be flagged.
    #[serde(default)]
    pub absent: Vec<String>,
    /// Where the expected categories are.
    #[serde(default, rename = "where")]
    pub locations: Vec<Location>,
    /// Parameters the text states.
    #[serde(default)]
    pub param: Vec<Param>,
    /// The key author's remark (not scored).
    #[serde(default)]
    pub note: Option<String>,
}

/// A where-entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Category.
    pub category: String,
    /// Provision citation in the text's own style.
    pub provision: String,
    /// Verbatim words from the text.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Why the passage gives ground for the category (not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A parameter stated by the text.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Parameter name.
    pub name: String,
    /// Its value.
    pub value: toml::Value,
    /// The key author's remark (not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Key {
    /// Reads a key file.
    pub fn read(path: &Path) -> Result<Key, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| {
            let at = e.span().map(|s| {
                let before = &text[..s.start.min(text.len())];
                format!(
                    ":{}:{}",
                    before.matches('\n').count() + 1,
                    before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1
                )
            });
            format!(
                "{}{}: {}",
                path.display(),
                at.unwrap_or_default(),
                e.message().trim()
            )
        })
    }
}

/// A false alarm: a category flagged that the key lists as absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FalseAlarm {
    /// Category.
    pub category: String,
    /// The findings behind it: `rule provision`.
    pub findings: Vec<String>,
}

/// A where-entry that no finding cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedLocation {
    /// The entry.
    #[serde(flatten)]
    pub location: Location,
    /// Where findings of that category were made instead.
    pub found_at: Vec<String>,
}

/// A parameter compared with the key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamCheck {
    /// Parameter name as in the key.
    pub name: String,
    /// The key's value (`null` when the key does not state it).
    pub expected: Option<String>,
    /// The profile's value (`null` when not extracted).
    pub found: Option<String>,
    /// Where the profile read it.
    pub provision: Option<String>,
}

/// The parameter names the keys use, in profile order.
pub const PARAMS: [&str; 8] = [
    "funding_threshold_percent",
    "label",
    "registration_deadline_days",
    "reporting_frequency",
    "max_fine_amount",
    "max_fine_currency",
    "max_prison_years",
    "dissolution",
];

fn profile_value(p: &crate::profile::Profile, name: &str) -> (Option<String>, Option<String>) {
    use crate::profile::Threshold;
    let num = round_number;
    match name {
        "funding_threshold_percent" => {
            p.funding_threshold_percent
                .as_ref()
                .map_or((None, None), |f| {
                    (
                        Some(match &f.value {
                            Threshold::Percent(x) => num(*x),
                            Threshold::Any(a) | Threshold::NoTrigger(a) => (*a).into(),
                        }),
                        f.provision.clone(),
                    )
                })
        }
        "label" => p.label.as_ref().map_or((None, None), |f| {
            (Some(f.value.clone()), f.provision.clone())
        }),
        "registration_deadline_days" => p
            .registration_deadline_days
            .as_ref()
            .map_or((None, None), |f| (Some(num(f.value)), f.provision.clone())),
        "reporting_frequency" => p.reporting_frequency.as_ref().map_or((None, None), |f| {
            (Some(f.value.clone()), f.provision.clone())
        }),
        "max_fine_amount" => p.max_fine.as_ref().map_or((None, None), |f| {
            (Some(num(f.value.amount)), f.provision.clone())
        }),
        "max_fine_currency" => p.max_fine.as_ref().map_or((None, None), |f| {
            (f.value.currency.clone(), f.provision.clone())
        }),
        "max_prison_years" => p
            .max_prison_years
            .as_ref()
            .map_or((None, None), |f| (Some(num(f.value)), f.provision.clone())),
        "dissolution" => p.dissolution.as_ref().map_or((None, None), |f| {
            (Some(f.value.to_string()), f.provision.clone())
        }),
        _ => (None, None),
    }
}

/// A number as printed in evaluations: whole numbers as such, others with at most one decimal
/// from 1 upwards (`33.3`) and three below 1 (`0.125`).
pub fn round_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let s = if x.abs() >= 1.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    };
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn key_value(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => round_number(*f),
        toml::Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn normalise_label(s: &str) -> String {
    crate::text::collapse_ws(&s.to_lowercase())
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Whether an extracted parameter value agrees with the key's.
pub fn param_agrees(name: &str, expected: &str, found: &str) -> bool {
    match name {
        "label" => {
            let (e, f) = (normalise_label(expected), normalise_label(found));
            // An inflected form of the designation ("szervezetnek" for "szervezet") agrees.
            e == f || (f.starts_with(&e) && f.len() <= e.len() + 6)
        }
        "reporting_frequency" | "max_fine_currency" | "dissolution" => {
            expected.eq_ignore_ascii_case(found)
        }
        _ => match (expected.parse::<f64>(), found.parse::<f64>()) {
            (Ok(a), Ok(b)) => (a - b).abs() <= (a.abs() * 0.005).max(0.01),
            _ => expected.eq_ignore_ascii_case(found),
        },
    }
}

/// Agreement for one law.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawEval {
    /// File name in the key.
    pub file: String,
    /// The law id, when the file was analysed.
    pub law: Option<String>,
    /// Why it was not analysed, if it was not.
    pub error: Option<String>,
    /// Expected and flagged.
    pub true_positives: Vec<String>,
    /// Expected, not flagged.
    pub missed: Vec<String>,
    /// Absent in the key, flagged.
    pub false_alarms: Vec<FalseAlarm>,
    /// Where-entries found.
    pub locations_found: usize,
    /// Where-entries in the key.
    pub locations_total: usize,
    /// Where-entries not found.
    pub missed_locations: Vec<MissedLocation>,
    /// Parameters the key states, with the profile's values.
    pub params: Vec<ParamCheck>,
    /// Parameters the profile gives where the key states none.
    pub invented: Vec<ParamCheck>,
}

impl LawEval {
    /// Parameters extracted with the key's value.
    pub fn params_correct(&self) -> usize {
        self.params
            .iter()
            .filter(|p| matches!((&p.expected, &p.found), (Some(e), Some(f)) if param_agrees(&p.name, e, f)))
            .count()
    }
}

/// Agreement over all laws of a key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Per law, in key order.
    pub laws: Vec<LawEval>,
    /// Category true positives.
    pub true_positives: usize,
    /// Category false alarms.
    pub false_alarms: usize,
    /// Categories missed.
    pub missed: usize,
    /// Key files that were among the analysed inputs (analysed, or failed with an error record).
    pub analysed: usize,
    /// TP / (TP + FP); `None` (n/a) when nothing was flagged.
    pub precision: Option<f64>,
    /// TP / (TP + FN); `None` (n/a) when nothing was expected.
    pub recall: Option<f64>,
    /// Where-entries found.
    pub locations_found: usize,
    /// Where-entries in the key.
    pub locations_total: usize,
    /// Found / total; `None` (n/a) when there are none.
    pub provision_recall: Option<f64>,
    /// Parameters extracted with the key's value.
    pub params_correct: usize,
    /// Parameters the key states.
    pub params_total: usize,
    /// Correct / total; `None` (n/a) when there are none.
    pub param_accuracy: Option<f64>,
    /// Parameters given where the key states none.
    pub params_invented: usize,
}

/// `num / den`, or `None` when there is nothing to count.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// A ratio for the terminal: `0.667`, or `n/a`.
fn show(r: Option<f64>, decimals: usize) -> String {
    r.map_or_else(|| "n/a".to_string(), |x| format!("{x:.decimals$}"))
}

impl Evaluation {
    /// The key's files that were not among the inputs at all (not analysed, no error record).
    pub fn not_among_inputs(&self) -> Vec<&str> {
        self.laws
            .iter()
            .filter(|l| l.law.is_none() && l.error.as_deref() == Some(NOT_AMONG_INPUTS))
            .map(|l| l.file.as_str())
            .collect()
    }
}

/// The error recorded for a key file that was not among the inputs.
pub const NOT_AMONG_INPUTS: &str = "file not among the analysed inputs";

/// Compares a report with a key.
pub fn evaluate(key: &Key, report: &Report) -> Evaluation {
    let file_name = |f: &str| {
        Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(f)
            .to_string()
    };
    let mut laws = Vec::new();
    for k in &key.law {
        let law = report.laws.iter().find(|l| file_name(&l.file) == k.file);
        let Some(law) = law else {
            let error = report
                .errors
                .iter()
                .find(|e| file_name(&e.file) == k.file)
                .map_or_else(|| NOT_AMONG_INPUTS.to_string(), |e| e.message.clone());
            laws.push(LawEval {
                params: k
                    .param
                    .iter()
                    .map(|p| ParamCheck {
                        name: p.name.clone(),
                        expected: Some(key_value(&p.value)),
                        found: None,
                        provision: None,
                    })
                    .collect(),
                invented: Vec::new(),
                file: k.file.clone(),
                law: None,
                error: Some(error),
                true_positives: Vec::new(),
                missed: k.expect.clone(),
                false_alarms: Vec::new(),
                locations_found: 0,
                locations_total: k.locations.len(),
                missed_locations: k
                    .locations
                    .iter()
                    .map(|l| MissedLocation {
                        location: l.clone(),
                        found_at: Vec::new(),
                    })
                    .collect(),
            });
            continue;
        };
        let flagged = |c: &str| law.findings.iter().any(|f| f.category == c);
        let true_positives: Vec<String> = k.expect.iter().filter(|c| flagged(c)).cloned().collect();
        let missed: Vec<String> = k.expect.iter().filter(|c| !flagged(c)).cloned().collect();
        let false_alarms: Vec<FalseAlarm> = k
            .absent
            .iter()
            .filter(|c| flagged(c))
            .map(|c| FalseAlarm {
                category: c.clone(),
                findings: law
                    .findings
                    .iter()
                    .filter(|f| &f.category == c)
                    .map(|f| format!("{} {}", f.rule, f.provision))
                    .collect(),
            })
            .collect();
        let mut found = 0;
        let mut missed_locations = Vec::new();
        for loc in &k.locations {
            let hit = law.findings.iter().any(|f| {
                f.category == loc.category && citation_within(&f.provision, &loc.provision)
            });
            if hit {
                found += 1;
            } else {
                let mut at: Vec<String> = law
                    .findings
                    .iter()
                    .filter(|f| f.category == loc.category)
                    .map(|f| f.provision.clone())
                    .collect();
                at.dedup();
                missed_locations.push(MissedLocation {
                    location: loc.clone(),
                    found_at: at,
                });
            }
        }
        let mut params = Vec::new();
        let mut invented = Vec::new();
        for name in PARAMS {
            let (found, provision) = profile_value(&law.profile, name);
            let expected = k
                .param
                .iter()
                .find(|p| p.name == name)
                .map(|p| key_value(&p.value));
            let check = ParamCheck {
                name: name.to_string(),
                expected: expected.clone(),
                found: found.clone(),
                provision,
            };
            match (expected, found) {
                (Some(_), _) => params.push(check),
                (None, Some(_)) => invented.push(check),
                (None, None) => {}
            }
        }
        laws.push(LawEval {
            params,
            invented,
            file: k.file.clone(),
            law: Some(law.id.clone()),
            error: None,
            true_positives,
            missed,
            false_alarms,
            locations_found: found,
            locations_total: k.locations.len(),
            missed_locations,
        });
    }
    let tp: usize = laws.iter().map(|l| l.true_positives.len()).sum();
    let fp: usize = laws.iter().map(|l| l.false_alarms.len()).sum();
    let fneg: usize = laws.iter().map(|l| l.missed.len()).sum();
    let lf: usize = laws.iter().map(|l| l.locations_found).sum();
    let lt: usize = laws.iter().map(|l| l.locations_total).sum();
    let pc: usize = laws.iter().map(LawEval::params_correct).sum();
    let pt: usize = laws.iter().map(|l| l.params.len()).sum();
    let pi: usize = laws.iter().map(|l| l.invented.len()).sum();
    let analysed = laws
        .iter()
        .filter(|l| l.error.as_deref() != Some(NOT_AMONG_INPUTS))
        .count();
    Evaluation {
        analysed,
        laws,
        true_positives: tp,
        false_alarms: fp,
        missed: fneg,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fneg),
        locations_found: lf,
        locations_total: lt,
        provision_recall: ratio(lf, lt),
        params_correct: pc,
        params_total: pt,
        param_accuracy: ratio(pc, pt),
        params_invented: pi,
    }
}

/// Renders an evaluation for the terminal: a table per law, the totals, then every miss,
/// every false alarm and every parameter that disagrees, with its citation.
pub fn render_text(e: &Evaluation) -> String {
    use comfy_table::{ContentArrangement, Table, presets};
    use std::fmt::Write as _;
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec![
        "Law file",
        "TP",
        "FP",
        "FN",
        "Precision",
        "Recall",
        "Provisions found",
        "Parameters",
    ]);
    for l in &e.laws {
        let (tp, fp, fneg) = (l.true_positives.len(), l.false_alarms.len(), l.missed.len());
        t.add_row(vec![
            l.file.clone(),
            tp.to_string(),
            fp.to_string(),
            fneg.to_string(),
            show(ratio(tp, tp + fp), 2),
            show(ratio(tp, tp + fneg), 2),
            format!("{}/{}", l.locations_found, l.locations_total),
            format!(
                "{}/{}{}",
                l.params_correct(),
                l.params.len(),
                if l.invented.is_empty() {
                    String::new()
                } else {
                    format!(" +{} unstated", l.invented.len())
                }
            ),
        ]);
    }
    t.add_row(vec![
        "OVERALL".to_string(),
        e.true_positives.to_string(),
        e.false_alarms.to_string(),
        e.missed.to_string(),
        show(e.precision, 3),
        show(e.recall, 3),
        format!(
            "{}/{} = {}",
            e.locations_found,
            e.locations_total,
            show(e.provision_recall, 3)
        ),
        format!(
            "{}/{} = {}",
            e.params_correct,
            e.params_total,
            show(e.param_accuracy, 3)
        ),
    ]);
    let mut out = format!("{t}\n");
    let _ = writeln!(
        out,
        "category precision {}, category recall {}, provision-level recall {}; parameters {}/{} right ({}), {} given that the key does not state",
        show(e.precision, 3),
        show(e.recall, 3),
        show(e.provision_recall, 3),
        e.params_correct,
        e.params_total,
        show(e.param_accuracy, 3),
        e.params_invented
    );
    let missing = e.not_among_inputs();
    if e.analysed == 0 {
        let _ = writeln!(
            out,
            "none of the key's {} files was among the inputs: {}",
            e.laws.len(),
            missing.join(", ")
        );
    } else if !missing.is_empty() {
        let _ = writeln!(
            out,
            "{} of the key's {} files analysed; not among the inputs: {}",
            e.analysed,
            e.laws.len(),
            missing.join(", ")
        );
    }
    for l in &e.laws {
        let wrong: Vec<&ParamCheck> = l
            .params
            .iter()
            .filter(|p| !matches!((&p.expected, &p.found), (Some(e), Some(f)) if param_agrees(&p.name, e, f)))
            .collect();
        if l.missed.is_empty()
            && l.false_alarms.is_empty()
            && l.missed_locations.is_empty()
            && l.error.is_none()
            && wrong.is_empty()
            && l.invented.is_empty()
        {
            continue;
        }
        let _ = writeln!(out, "\n{}", l.file);
        if let Some(err) = &l.error {
            let _ = writeln!(out, "  not analysed: {err}");
        }
        for c in &l.missed {
            let _ = writeln!(out, "  missed category {c}");
        }
        for fa in &l.false_alarms {
            let _ = writeln!(
                out,
                "  false alarm {}: {}",
                fa.category,
                fa.findings.join(", ")
            );
        }
        for m in &l.missed_locations {
            let _ = writeln!(
                out,
                "  missed {} at {}{}{}",
                m.location.category,
                m.location.provision,
                m.location
                    .evidence
                    .as_ref()
                    .map_or(String::new(), |e| format!(" “{e}”")),
                if m.found_at.is_empty() {
                    String::new()
                } else {
                    format!(" (found at {})", m.found_at.join(", "))
                }
            );
        }
        for p in wrong {
            let _ = writeln!(
                out,
                "  parameter {}: key {}, profile {}{}",
                p.name,
                p.expected.as_deref().unwrap_or("—"),
                p.found.as_deref().unwrap_or("none"),
                p.provision
                    .as_ref()
                    .map_or(String::new(), |c| format!(" at {c}"))
            );
        }
        for p in &l.invented {
            let _ = writeln!(
                out,
                "  parameter {} not stated in the key, profile gives {}{}",
                p.name,
                p.found.as_deref().unwrap_or("—"),
                p.provision
                    .as_ref()
                    .map_or(String::new(), |c| format!(" at {c}"))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{AnalyzeOptions, analyze};
    use crate::rules::RuleBook;

    #[test]
    fn numbers_are_rounded() {
        assert_eq!(round_number(100.0 / 3.0), "33.3");
        assert_eq!(round_number(20.0), "20");
        assert_eq!(round_number(0.125), "0.125");
        assert_eq!(round_number(2.5), "2.5");
        assert_eq!(round_number(1_000_000.0), "1000000");
        assert!(param_agrees(
            "funding_threshold_percent",
            "33.3",
            &round_number(100.0 / 3.0)
        ));
    }

    #[test]
    fn a_key_that_matches_no_input_is_not_a_perfect_score() {
        let book = RuleBook::embedded().expect("embedded rules");
        let key: Key = toml::from_str(
            "[[law]]\nfile = \"absent.txt\"\nexpect = [\"reporting-burden\"]\n\n[[law]]\nfile = \"gone.txt\"\nabsent = [\"dissolution\"]\n",
        )
        .expect("key");
        let e = evaluate(&key, &crate::report::Report::new(&book));
        assert_eq!(e.analysed, 0);
        assert_eq!(e.precision, None);
        assert_eq!(e.recall, Some(0.0));
        let text = render_text(&e);
        assert!(text.contains("category precision n/a"), "{text}");
        assert!(
            text.contains("none of the key's 2 files was among the inputs: absent.txt, gone.txt"),
            "{text}"
        );
        assert!(!text.contains("1.000"), "{text}");
    }

    #[test]
    fn key_notation_alternatives_ranges_and_act_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let law = "+++\nlanguage = \"en\"\n+++\nExample Act\n\nArticle 1 – Scope\nThis Act applies to associations.\n\nArticle 4 – Registration\n1. Any organisation that receives foreign funding shall register as a foreign agent.\n2. The register is public.\n";
        std::fs::write(dir.path().join("x.txt"), law).expect("write");
        let book = RuleBook::embedded().expect("embedded rules");
        let report = analyze(
            &book,
            &[dir.path().to_path_buf()],
            &AnalyzeOptions::default(),
            &|_, _| {},
        );
        let finding = report.laws[0]
            .findings
            .iter()
            .find(|f| f.provision == "Art. 4(1)")
            .expect("the rules flag Art. 4(1)");
        let category = finding.category.clone();
        let key_for = |provision: &str| -> Key {
            toml::from_str(&format!(
                "[[law]]\nfile = \"x.txt\"\nexpect = [\"{category}\"]\n[[law.where]]\ncategory = \"{category}\"\nprovision = \"{provision}\"\n"
            ))
            .expect("key")
        };
        for (provision, found) in [
            ("Art. 4(1)", true),
            ("Art. 9; Art. 4", true),
            ("Art. 9; Art. 10", false),
            ("Art. 4(1)-(3)", true),
            ("Art. 4(2)-(3)", false),
            ("Articles 3-5", true),
            ("Art. 4, items 1) to 2)", true),
            ("Art. 4(1) (Example Act)", true),
        ] {
            let e = evaluate(&key_for(provision), &report);
            assert_eq!(e.locations_found == 1, found, "{provision}");
            assert_eq!(e.analysed, 1);
        }
    }
}
