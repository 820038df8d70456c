//! Stage 4b: profiling — the parameters analysts put first in a country briefing table.
//!
//! A [`Profile`] holds, for one law: who is caught (`funding_threshold_percent`), what they
//! are called (`label`), how fast they must register, how often they report and can be
//! inspected, the heaviest fine (also in EUR and in months of the local wage), the longest
//! prison term, whether the body can be dissolved or suspended, whether a court can review
//! the decisions, and who enforces the law. Every field carries the provision it comes from
//! and the words it was read from, or is `null` when the law does not say.
//!
//! The values come from the typed quantities of [`crate::extract`], tied to a field by the
//! words near them (a deadline near "register", a frequency near "report", an amount near
//! "fine"), which the per-language profile specifications in `rules/profile/` list as data;
//! from the findings of the dissolution rules; and from the label, court and authority
//! patterns of those specifications. A boolean is `false` only when the text is complete
//! (the metadata does not say it is partial) and nothing was found.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::extract::{self, Comparison, Quantity, Value};
use crate::load::Law;
use crate::matching::Finding;
use crate::rules::RuleBook;
use crate::rules::profile::{Named, Near, ProfileSpec};
use crate::text::{collapse_ws, count_words};

/// A profile value with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// The provision it was read from (none for a `false` that rests on absence).
    pub provision: Option<String>,
    /// 1-based line of the evidence.
    pub line: Option<usize>,
    /// The words it was read from, or why it is what it is.
    pub text: String,
}

/// A funding threshold: a percentage, or any amount at all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Threshold {
    /// A share of income, in per cent.
    Percent(f64),
    /// `"any"`: any foreign funding or support triggers the regime.
    Any(&'static str),
}

/// The heaviest fine, normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaxFine {
    /// The amount as stated (the upper end of a range).
    pub amount: f64,
    /// ISO 4217 currency, when known.
    pub currency: Option<String>,
    /// The amount in euros (rate in `rules/catalogue/jurisdictions.toml`).
    pub eur: Option<f64>,
    /// The amount in months of the local wage (`rules/catalogue/jurisdictions.toml`).
    pub wage_months: Option<f64>,
    /// What the amount is counted per, if it recurs ("day", "month", "violation").
    pub per: Option<String>,
}

/// The profile of a law. Field names are part of the `report.json` contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Profile {
    /// Share of foreign income that triggers the regime, or `"any"`.
    pub funding_threshold_percent: Option<Field<Threshold>>,
    /// The designation the law uses.
    pub label: Option<Field<String>>,
    /// Calendar days allowed for the first registration (a limit in working days is not
    /// converted and not reported here).
    pub registration_deadline_days: Option<Field<f64>>,
    /// `annual`, `semiannual`, `quarterly`, `monthly` or `per-event`.
    pub reporting_frequency: Option<Field<String>>,
    /// How often inspections may take place (`at-any-time` or a frequency).
    pub inspection_frequency: Option<Field<String>>,
    /// The heaviest fine.
    pub max_fine: Option<Field<MaxFine>>,
    /// The longest prison term, in years.
    pub max_prison_years: Option<Field<f64>>,
    /// Whether the body can be dissolved, suspended or deregistered.
    pub dissolution: Option<Field<bool>>,
    /// Whether the law gives a court remedy against designation or sanctions.
    pub judicial_review: Option<Field<bool>>,
    /// The authority that enforces the law.
    pub enforcing_body: Option<Field<String>>,
}

/// The names of the profile fields, in order, for tables.
pub const FIELDS: [&str; 10] = [
    "funding_threshold_percent",
    "label",
    "registration_deadline_days",
    "reporting_frequency",
    "inspection_frequency",
    "max_fine",
    "max_prison_years",
    "dissolution",
    "judicial_review",
    "enforcing_body",
];

fn fmt_number(x: f64) -> String {
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

/// A profile field rendered for tables: its value as text, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    /// The field name (see [`FIELDS`]).
    pub name: &'static str,
    /// The value as text (`—` when the law does not say).
    pub value: String,
    /// The provision it was read from.
    pub provision: Option<String>,
    /// The words it was read from, or why it is what it is.
    pub evidence: Option<String>,
}

fn view<T>(name: &'static str, f: Option<&Field<T>>, show: impl Fn(&T) -> String) -> FieldView {
    match f {
        Some(f) => FieldView {
            name,
            value: show(&f.value),
            provision: f.provision.clone(),
            evidence: Some(f.text.clone()),
        },
        None => FieldView {
            name,
            value: "—".into(),
            provision: None,
            evidence: None,
        },
    }
}

fn fine_text(m: &MaxFine) -> String {
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

impl Profile {
    /// Every field, in [`FIELDS`] order, rendered for tables.
    pub fn views(&self) -> Vec<FieldView> {
        vec![
            view(
                FIELDS[0],
                self.funding_threshold_percent.as_ref(),
                |t| match t {
                    Threshold::Percent(p) => format!("{} %", fmt_number(*p)),
                    Threshold::Any(a) => (*a).to_string(),
                },
            ),
            view(FIELDS[1], self.label.as_ref(), Clone::clone),
            view(FIELDS[2], self.registration_deadline_days.as_ref(), |d| {
                format!("{} days", fmt_number(*d))
            }),
            view(FIELDS[3], self.reporting_frequency.as_ref(), Clone::clone),
            view(FIELDS[4], self.inspection_frequency.as_ref(), Clone::clone),
            view(FIELDS[5], self.max_fine.as_ref(), fine_text),
            view(FIELDS[6], self.max_prison_years.as_ref(), |y| {
                format!("{} years", fmt_number(*y))
            }),
            view(FIELDS[7], self.dissolution.as_ref(), yes_no),
            view(FIELDS[8], self.judicial_review.as_ref(), yes_no),
            view(FIELDS[9], self.enforcing_body.as_ref(), Clone::clone),
        ]
    }
}

/// A human-readable title for a profile field.
pub fn field_title(field: &str) -> &'static str {
    match field {
        "funding_threshold_percent" => "Funding threshold",
        "label" => "Label",
        "registration_deadline_days" => "Registration deadline",
        "reporting_frequency" => "Reporting",
        "inspection_frequency" => "Inspections",
        "max_fine" => "Highest fine",
        "max_prison_years" => "Longest prison term",
        "dissolution" => "Dissolution or suspension",
        "judicial_review" => "Court review",
        "enforcing_body" => "Enforced by",
        _ => "",
    }
}

/// Whether the text is the whole law, from its metadata (`completeness = "full: …"` or
/// `complete = true`); texts that say nothing are taken as complete.
pub fn is_complete(law: &Law) -> bool {
    if let Some(c) = law.meta.extra.get("complete") {
        return c == "true";
    }
    if let Some(c) = law.meta.extra.get("completeness") {
        return !c.trim_start().to_lowercase().starts_with("partial");
    }
    true
}

struct Ctx<'a> {
    law: &'a Law,
}

impl Ctx<'_> {
    fn leaf(&self, pos: usize) -> Option<&crate::load::Provision> {
        self.law.provision_at(pos).map(|i| &self.law.provisions[i])
    }

    fn field<T>(&self, value: T, start: usize, end: usize) -> Field<T> {
        let (line, _) = self.law.lines.line_col(&self.law.text, start);
        Field {
            value,
            provision: self.leaf(start).map(|p| p.citation.clone()),
            line: Some(line),
            text: collapse_ws(self.law.text.get(start..end).unwrap_or("")),
        }
    }

    /// The evidence around a quantity: from the near word to the quantity, whichever is first.
    fn span_with(&self, q: &Quantity, near: (usize, usize)) -> (usize, usize) {
        (q.start.min(near.0), q.end.max(near.1))
    }

    /// A match of one of `near` within `words` words of `[start, end)` in the same provision,
    /// unless one of its `exclude` patterns occurs in the sentence.
    fn near(&self, near: &Near, start: usize, end: usize) -> Option<(usize, usize)> {
        if let Some((a, _)) = self.sentence_at(start) {
            if self.sentence_has(&near.exclude, start)
                || near
                    .exclude_before
                    .iter()
                    .any(|p| p.is_match(&self.law.text[a..start]))
            {
                return None;
            }
        }
        let prov = self.leaf(start)?;
        let slice = self.law.text.get(prov.start..prov.end)?;
        let mut best: Option<(usize, (usize, usize))> = None;
        for re in &near.near {
            for m in re.find_iter(slice) {
                let (s, e) = (prov.start + m.start(), prov.start + m.end());
                let gap = if e <= start {
                    count_words(&self.law.text[e..start])
                } else if s >= end {
                    count_words(&self.law.text[end..s])
                } else {
                    0
                };
                if gap <= near.words && best.is_none_or(|(g, _)| gap < g) {
                    best = Some((gap, (s, e)));
                }
            }
        }
        if best.is_none() {
            // Graded scales: "shall be punished by a fine:" followed by one amount per point.
            // The lead-in is the nearest preceding provision that contains this one.
            let leaf = self.law.provision_at(start)?;
            let path = &self.law.provisions[leaf].path;
            let parent = self.law.provisions[..leaf].iter().rev().find(|p| {
                p.kind != crate::load::ProvisionKind::Front
                    && p.path.len() < path.len()
                    && path.starts_with(&p.path)
            })?;
            let lead = self.law.text.get(parent.start..parent.end)?;
            for re in &near.near {
                if let Some(m) = re.find_iter(lead).last() {
                    if count_words(&lead[m.end()..]) <= near.words {
                        return Some((parent.start + m.start(), parent.start + m.end()));
                    }
                }
            }
        }
        best.map(|(_, m)| m)
    }

    fn sentence_at(&self, pos: usize) -> Option<(usize, usize)> {
        let prov = self.leaf(pos)?;
        crate::text::sentences(&self.law.text, prov.start, prov.end)
            .into_iter()
            .find(|(a, b)| *a <= pos && pos < *b)
    }

    fn sentence_has(&self, patterns: &[crate::rules::profile::Regex], pos: usize) -> bool {
        if patterns.is_empty() {
            return false;
        }
        self.sentence_at(pos)
            .is_some_and(|(a, b)| patterns.iter().any(|p| p.is_match(&self.law.text[a..b])))
    }

    /// The most frequent (then earliest) match of the named patterns, longer matches first.
    fn most_frequent(&self, named: &[Named]) -> Option<Field<String>> {
        let body = self.law.text.get(self.law.body_start..)?;
        let mut hits: Vec<(usize, usize, String)> = Vec::new();
        for n in named {
            for (m, group) in n.regex.group_iter(body) {
                let value = n
                    .value
                    .clone()
                    .unwrap_or_else(|| collapse_ws(group.as_str()));
                hits.push((
                    self.law.body_start + m.start(),
                    self.law.body_start + m.end(),
                    value,
                ));
            }
        }
        // A match inside a longer one (the "foreign agent" of "organisation which serves as
        // foreign agent") does not count on its own.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize, String)> = Vec::new();
        for h in hits {
            if kept.last().is_some_and(|k| h.0 < k.1) {
                continue;
            }
            kept.push(h);
        }
        // Count case-insensitively, but report the form the text uses most (a designation
        // that once appears in capitals in the title is still written in lower case).
        let mut counts: BTreeMap<String, (usize, usize, usize, String)> = BTreeMap::new();
        let mut forms: BTreeMap<(String, String), (usize, usize, usize)> = BTreeMap::new();
        for (s, e, v) in &kept {
            let key = v.to_lowercase();
            let entry = counts.entry(key.clone()).or_insert((0, *s, *e, v.clone()));
            entry.0 += 1;
            let form = forms.entry((key, v.clone())).or_insert((0, *s, *e));
            form.0 += 1;
        }
        for (key, entry) in &mut counts {
            if let Some(((_, v), (_, s, e))) = forms
                .iter()
                .filter(|((k, _), _)| k == key)
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            {
                entry.1 = *s;
                entry.2 = *e;
                entry.3 = v.clone();
            }
        }
        // Most frequent; on a tie the longer (more specific) designation, then the earliest.
        let (_, (_, s, e, v)) = counts.into_iter().max_by(|a, b| {
            a.1.0
                .cmp(&b.1.0)
                .then(a.1.3.len().cmp(&b.1.3.len()))
                .then(b.1.1.cmp(&a.1.1))
        })?;
        Some(self.field(v, s, e))
    }
}

fn frequency_name(label: extract::Frequency) -> Option<&'static str> {
    use extract::Frequency::*;
    match label {
        Annual => Some("annual"),
        Semiannual => Some("semiannual"),
        Quarterly => Some("quarterly"),
        Monthly => Some("monthly"),
        Weekly => Some("weekly"),
        PerEvent => Some("per-event"),
        Other => None,
    }
}

fn frequency_rank(name: &str) -> u32 {
    match name {
        "weekly" => 6,
        "monthly" => 5,
        "quarterly" => 4,
        "semiannual" => 3,
        "annual" => 2,
        "per-event" => 1,
        _ => 0,
    }
}

/// What a quantity is about in the law, read from the words near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// An amount near a fine or penalty word.
    Fine,
    /// A share of income from a foreign source that triggers the regime.
    Threshold,
    /// A deadline, in calendar days, near a duty to register.
    Registration,
    /// A frequency near a report, return or declaration.
    Reporting,
    /// A frequency near an inspection or monitoring word.
    Inspection,
}

/// A quantity with its role, and the words that gave it that role.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// The quantity.
    pub quantity: Quantity,
    /// What it is about, if the words near it say.
    pub role: Option<Role>,
    /// The byte span of those words.
    pub near: Option<(usize, usize)>,
}

/// Gives each quantity its role with the profile specification of the law's language.
pub fn classify(book: &RuleBook, law: &Law, quantities: Vec<Quantity>) -> Vec<Classified> {
    let ctx = Ctx { law };
    let spec = book.profile_for(&law.meta.language);
    quantities
        .into_iter()
        .map(|q| {
            let found: Option<(Role, (usize, usize))> = spec.and_then(|spec| match q.value {
                Value::Money { .. } => ctx
                    .near(&spec.fine, q.start, q.end)
                    .map(|n| (Role::Fine, n)),
                Value::Percent {
                    comparison: Some(Comparison::Gt | Comparison::Ge),
                    ..
                } => ctx
                    .near(&spec.threshold, q.start, q.end)
                    .filter(|_| ctx.sentence_has(&spec.threshold_foreign, q.start))
                    .map(|n| (Role::Threshold, n)),
                Value::Deadline {
                    working_days: false,
                    ..
                } => ctx
                    .near(&spec.registration, q.start, q.end)
                    .map(|n| (Role::Registration, n)),
                Value::Frequency { .. } => {
                    let report = ctx.near(&spec.reporting, q.start, q.end);
                    let inspect = ctx.near(&spec.inspection, q.start, q.end);
                    // A frequency closer to an inspection word ("monitoring once every six
                    // months unless a declaration is missing") is about inspections.
                    let gap = |m: (usize, usize)| {
                        if m.1 <= q.start {
                            q.start - m.1
                        } else {
                            m.0.saturating_sub(q.end)
                        }
                    };
                    match (report, inspect) {
                        (Some(r), Some(i)) if gap(i) < gap(r) => Some((Role::Inspection, i)),
                        (Some(r), _) => Some((Role::Reporting, r)),
                        (None, Some(i)) => Some((Role::Inspection, i)),
                        (None, None) => None,
                    }
                }
                _ => None,
            });
            Classified {
                role: found.map(|f| f.0),
                near: found.map(|f| f.1),
                quantity: q,
            }
        })
        .collect()
}

/// A money quantity in euros (rates in `rules/catalogue/jurisdictions.toml`); bare amounts are in the
/// law's currency, or its jurisdiction's.
pub fn money_eur(book: &RuleBook, law: &Law, q: &Quantity) -> Option<f64> {
    let Value::Money {
        amount,
        max,
        currency,
        ..
    } = &q.value
    else {
        return None;
    };
    let top = max.unwrap_or(*amount).max(*amount);
    let currency = currency.clone().or_else(|| law_currency(book, law));
    to_eur(book, currency.as_deref(), top)
}

/// An amount in euros as months of the law's jurisdiction's wage.
pub fn wage_months(book: &RuleBook, law: &Law, eur: f64) -> Option<f64> {
    let j = book.jurisdiction(law.meta.jurisdiction.as_deref()?)?;
    let wage = j.wage()?;
    Some(eur / (wage.amount * j.eur_rate.rate))
}

/// The value a rule's `quantity` test compares: the quantity, if it is of the kind tested,
/// in the unit tested (`None` when it is of another kind, or cannot be converted).
pub fn measure(
    book: &RuleBook,
    law: &Law,
    c: &Classified,
    test: &crate::rules::schema::RawQuantity,
) -> Option<f64> {
    use crate::rules::schema::{QuantityKind as K, QuantityUnit as U};
    let role = |r: Role| c.role == Some(r);
    match (&c.quantity.value, test.kind) {
        (Value::Money { amount, max, .. }, K::Money)
        | (Value::Money { amount, max, .. }, K::Fine) => {
            if test.kind == K::Fine && !role(Role::Fine) {
                return None;
            }
            match test.unit() {
                U::Amount => Some(max.unwrap_or(*amount).max(*amount)),
                U::Eur => money_eur(book, law, &c.quantity),
                U::WageMonths => {
                    money_eur(book, law, &c.quantity).and_then(|e| wage_months(book, law, e))
                }
                _ => None,
            }
        }
        (Value::Percent { value, .. }, K::Percent) => Some(*value),
        (Value::Percent { value, .. }, K::Threshold) => role(Role::Threshold).then_some(*value),
        (Value::Frequency { per_year, .. }, K::Frequency) => {
            per_year.is_finite().then_some(*per_year)
        }
        (Value::Frequency { per_year, .. }, K::Reporting) => {
            (role(Role::Reporting) && per_year.is_finite()).then_some(*per_year)
        }
        (Value::Frequency { per_year, .. }, K::Inspection) => {
            (role(Role::Inspection) && per_year.is_finite()).then_some(*per_year)
        }
        (Value::Deadline { days, .. }, K::Deadline) => Some(*days),
        (Value::Deadline { days, .. }, K::Registration) => {
            role(Role::Registration).then_some(*days)
        }
        (Value::Prison { max_years, .. }, K::Prison) => Some(*max_years),
        _ => None,
    }
}

fn law_currency(book: &RuleBook, law: &Law) -> Option<String> {
    law.meta.currency.clone().or_else(|| {
        law.meta
            .jurisdiction
            .as_deref()
            .and_then(|j| book.jurisdiction(j))
            .map(|j| j.currency.clone())
    })
}

/// Builds the profile of a law from its text, its quantities and its findings.
pub fn profile(
    book: &RuleBook,
    law: &Law,
    classified: &[Classified],
    findings: &[Finding],
) -> Profile {
    let quantities: Vec<&Quantity> = classified.iter().map(|c| &c.quantity).collect();
    let with_role = |role: Role| classified.iter().filter(move |c| c.role == Some(role));
    let ctx = Ctx { law };
    let complete = is_complete(law);
    let mut p = Profile::default();
    let spec: Option<&ProfileSpec> = book.profile_for(&law.meta.language);

    // Dissolution: a finding of the dissolution rules, or a dissolution power stated as a fact
    // (a court's last-resort power is still a power to dissolve).
    let stated = spec.and_then(|spec| {
        let body = law.text.get(law.body_start..)?;
        spec.dissolution.patterns.iter().find_map(|re| {
            re.find_iter(body).find_map(|m| {
                let (s, e) = (law.body_start + m.start(), law.body_start + m.end());
                (!ctx.sentence_has(&spec.dissolution.exclude, s)).then(|| ctx.field(true, s, e))
            })
        })
    });
    p.dissolution = match findings.iter().find(|f| f.category == "dissolution") {
        Some(f) => Some(Field {
            value: true,
            provision: Some(f.provision.clone()),
            line: Some(f.line),
            text: f.text.clone(),
        }),
        None if stated.is_some() => stated,
        None if complete && spec.is_some() => Some(Field {
            value: false,
            provision: None,
            line: None,
            text: "no provision for dissolution, suspension or deregistration found in the complete text".into(),
        }),
        None => None,
    };
    // Prison: the longest term stated.
    p.max_prison_years = quantities
        .iter()
        .copied()
        .filter_map(|q| match q.value {
            Value::Prison { max_years, .. } => Some((max_years, q)),
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.start.cmp(&a.1.start)))
        .map(|(y, q)| ctx.field((y * 100.0).round() / 100.0, q.start, q.end));

    let Some(spec) = spec else { return p };

    // Funding threshold: a share of income from a foreign source, or any amount.
    let threshold = with_role(Role::Threshold).find_map(|c| match c.quantity.value {
        Value::Percent { value, .. } => {
            let (s, e) = ctx.span_with(&c.quantity, c.near?);
            Some(ctx.field(Threshold::Percent(value), s, e))
        }
        _ => None,
    });
    p.funding_threshold_percent = threshold.or_else(|| {
        let body = law.text.get(law.body_start..)?;
        spec.threshold_any.iter().find_map(|re| {
            re.find(body).map(|m| {
                ctx.field(
                    Threshold::Any("any"),
                    law.body_start + m.start(),
                    law.body_start + m.end(),
                )
            })
        })
    });

    p.label = ctx.most_frequent(&spec.labels);
    p.enforcing_body = ctx.most_frequent(&spec.enforcing_bodies);

    // Registration: the first deadline, in calendar days, stated near a duty to register.
    p.registration_deadline_days =
        with_role(Role::Registration).find_map(|c| match c.quantity.value {
            Value::Deadline { days, .. } => {
                let (s, e) = ctx.span_with(&c.quantity, c.near?);
                Some(ctx.field(days, s, e))
            }
            _ => None,
        });

    // Reporting: the most frequent periodic report (per-event only when nothing periodic).
    let mut reports: Vec<Field<String>> = with_role(Role::Reporting)
        .filter_map(|c| match c.quantity.value {
            Value::Frequency { label, .. } => {
                let name = frequency_name(label)?;
                let (s, e) = ctx.span_with(&c.quantity, c.near?);
                Some(ctx.field(name.to_string(), s, e))
            }
            _ => None,
        })
        .collect();
    if let Some(body) = law.text.get(law.body_start..) {
        for n in &spec.reporting.fixed {
            if let (Some(m), Some(v)) = (n.regex.find(body), &n.value) {
                reports.push(ctx.field(
                    v.clone(),
                    law.body_start + m.start(),
                    law.body_start + m.end(),
                ));
            }
        }
    }
    p.reporting_frequency = reports.into_iter().max_by(|a, b| {
        frequency_rank(&a.value)
            .cmp(&frequency_rank(&b.value))
            .then(b.line.cmp(&a.line))
    });

    // Inspections: "at any time" near an inspection word wins over any frequency.
    let any_time = law.text.get(law.body_start..).and_then(|body| {
        spec.inspection.any_time.iter().find_map(|re| {
            re.find_iter(body).find_map(|m| {
                let (s, e) = (law.body_start + m.start(), law.body_start + m.end());
                let near = ctx.near(&spec.inspection, s, e)?;
                Some(ctx.field("at-any-time".to_string(), s.min(near.0), e.max(near.1)))
            })
        })
    });
    p.inspection_frequency = any_time.or_else(|| {
        with_role(Role::Inspection).find_map(|c| match c.quantity.value {
            Value::Frequency { label, .. } => {
                let name = frequency_name(label)?;
                let (s, e) = ctx.span_with(&c.quantity, c.near?);
                Some(ctx.field(name.to_string(), s, e))
            }
            _ => None,
        })
    });

    // Fines: the largest amount (in euros where the rate is known) stated near a fine word.
    p.max_fine = with_role(Role::Fine)
        .filter_map(|c| match &c.quantity.value {
            Value::Money {
                amount,
                max,
                currency,
                per,
                ..
            } => {
                let top = max.unwrap_or(*amount).max(*amount);
                Some((c, top, currency.clone(), *per))
            }
            _ => None,
        })
        .max_by(|a, b| {
            let eur = |x: &(&Classified, f64, Option<String>, Option<extract::Period>)| {
                money_eur(book, law, &x.0.quantity).unwrap_or(x.1)
            };
            eur(a)
                .total_cmp(&eur(b))
                .then(b.0.quantity.start.cmp(&a.0.quantity.start))
        })
        .and_then(|(c, amount, currency, per)| {
            let currency = currency.or_else(|| law_currency(book, law));
            let eur = money_eur(book, law, &c.quantity);
            let months = eur
                .and_then(|e| wage_months(book, law, e))
                .map(|m| (m * 10.0).round() / 10.0);
            let (s, e) = ctx.span_with(&c.quantity, c.near?);
            Some(ctx.field(
                MaxFine {
                    amount,
                    currency,
                    eur: eur.map(f64::round),
                    wage_months: months,
                    per: per.map(|p| format!("{p:?}").to_lowercase()),
                },
                s,
                e,
            ))
        });

    // Court review: any court remedy in the text.
    let body = law.text.get(law.body_start..).unwrap_or("");
    let court = spec.judicial_review.patterns.iter().find_map(|re| {
        re.find_iter(body)
            .find(|m| !ctx.sentence_has(&spec.judicial_review.exclude, law.body_start + m.start()))
    });
    p.judicial_review = match court {
        Some(m) => Some(ctx.field(true, law.body_start + m.start(), law.body_start + m.end())),
        None if complete => Some(Field {
            value: false,
            provision: None,
            line: None,
            text: "no appeal to a court or judicial review found in the complete text".into(),
        }),
        None => None,
    };
    p
}

/// Converts an amount to euros with the rate of the first jurisdiction using `currency`.
fn to_eur(book: &RuleBook, currency: Option<&str>, amount: f64) -> Option<f64> {
    let c = currency?;
    if c == "EUR" {
        return Some(amount);
    }
    book.jurisdictions
        .iter()
        .find(|j| j.currency == c && !j.illustrative)
        .or_else(|| book.jurisdictions.iter().find(|j| j.currency == c))
        .map(|j| amount * j.eur_rate.rate)
}

/// Extracts the quantities of a law, reading bare currency words in the law's currency or,
/// failing that, its jurisdiction's.
pub fn quantities(book: &RuleBook, law: &Law) -> Vec<Quantity> {
    let currency = law.meta.currency.clone().or_else(|| {
        law.meta
            .jurisdiction
            .as_deref()
            .and_then(|j| book.jurisdiction(j))
            .map(|j| j.currency.clone())
    });
    let options = extract::Options {
        language: &law.meta.language,
        default_currency: currency.as_deref(),
    };
    extract::extract_law_with(law, &options)
}
