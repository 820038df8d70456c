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
//!   ([`crate::load::segment::normalize_citation`]).
//!
//! Evaluation reads a [`Report`]; it never matches anything itself.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::load::segment::citation_within;
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
}

/// A parameter stated by the text.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Parameter name.
    pub name: String,
    /// Its value.
    pub value: toml::Value,
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

/// Agreement for one law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// TP / (TP + FP); 1 when nothing was flagged.
    pub precision: f64,
    /// TP / (TP + FN); 1 when nothing was expected.
    pub recall: f64,
    /// Where-entries found.
    pub locations_found: usize,
    /// Where-entries in the key.
    pub locations_total: usize,
    /// Found / total; 1 when there are none.
    pub provision_recall: f64,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

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
                .map_or_else(
                    || "file not among the analysed inputs".to_string(),
                    |e| e.message.clone(),
                );
            laws.push(LawEval {
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
        laws.push(LawEval {
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
    Evaluation {
        laws,
        true_positives: tp,
        false_alarms: fp,
        missed: fneg,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fneg),
        locations_found: lf,
        locations_total: lt,
        provision_recall: ratio(lf, lt),
    }
}

/// Renders an evaluation for the terminal: a table per law, the totals, then every miss and
/// every false alarm with its citation.
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
    ]);
    for l in &e.laws {
        let (tp, fp, fneg) = (l.true_positives.len(), l.false_alarms.len(), l.missed.len());
        t.add_row(vec![
            l.file.clone(),
            tp.to_string(),
            fp.to_string(),
            fneg.to_string(),
            format!("{:.2}", ratio(tp, tp + fp)),
            format!("{:.2}", ratio(tp, tp + fneg)),
            format!("{}/{}", l.locations_found, l.locations_total),
        ]);
    }
    t.add_row(vec![
        "OVERALL".to_string(),
        e.true_positives.to_string(),
        e.false_alarms.to_string(),
        e.missed.to_string(),
        format!("{:.3}", e.precision),
        format!("{:.3}", e.recall),
        format!(
            "{}/{} = {:.3}",
            e.locations_found, e.locations_total, e.provision_recall
        ),
    ]);
    let mut out = format!("{t}\n");
    let _ = writeln!(
        out,
        "category precision {:.3}, category recall {:.3}, provision-level recall {:.3}",
        e.precision, e.recall, e.provision_recall
    );
    for l in &e.laws {
        if l.missed.is_empty()
            && l.false_alarms.is_empty()
            && l.missed_locations.is_empty()
            && l.error.is_none()
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
    }
    out
}
