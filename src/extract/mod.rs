//! Extraction of typed quantities from a law's text: fines, percentage thresholds, reporting
//! frequencies, deadlines and prison terms, each with its byte span.
//!
//! Rules find *that* a law imposes a fine or a deadline; the extractors say *how much*, so that
//! laws can be compared on the size of their fines, the share of foreign income that triggers
//! registration, how often reports are due and how long an organisation has to comply.
//!
//! # Design
//!
//! Each kind of quantity has its own module ([`money`], [`percent`], [`frequency`],
//! [`deadline`], [`prison`]) whose regular expressions (compiled once) propose *candidates*:
//! a span of the text and the value read from it. Numbers, in digits or in words, are found
//! and read by [`number`], which all of them share. Patterns for every supported language
//! (English, Russian, Georgian, French, Spanish; currency codes and symbols in any text) run on every
//! text, because translations quote originals and originals quote amounts in foreign
//! currencies; [`Options::language`] only decides readings that depend on it.
//!
//! A candidate whose number does not read is dropped, never guessed. The candidates of all
//! kinds are then *resolved*: the longest span wins, then the kind listed first in
//! [`QuantityKind`], then the earliest; a candidate that overlaps one already chosen is
//! dropped. So a prison term's "five years" is not also a deadline, the per-day clause of a
//! fine ("EUR 2,000 for each day of delay") is not also a daily frequency, and "half" inside
//! "one and a half million dollars" is not a fraction. The result is sorted by position, with
//! no two quantities overlapping, and the same text always gives the same result.
//!
//! Extraction never panics: every byte offset comes from a regular-expression match on the
//! text itself, and spans are sliced with [`str::get`].

pub mod deadline;
pub mod frequency;
pub mod money;
pub mod number;
pub mod percent;
pub mod prison;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::Serialize;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// A prison term.
    Prison,
    /// An amount of money, usually a fine or a threshold.
    Money,
    /// A percentage or a fraction ("one fifth").
    Percent,
    /// A time limit ("within ten working days").
    Deadline,
    /// How often something recurs ("every six months").
    Frequency,
}

/// How a quantity compares with the value stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    /// "less than", "under", "менее".
    Lt,
    /// "up to", "not more than", "not exceeding", "within", "до", "არაუმეტეს".
    Le,
    /// "more than", "exceeding", "over", "более", "-ზე მეტი".
    Gt,
    /// "at least", "not less than", "не менее", "არანაკლებ".
    Ge,
}

/// What a recurring amount is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// "for each day of delay", "per day".
    Day,
    /// "for each week".
    Week,
    /// "for every month of delay".
    Month,
    /// "for each year".
    Year,
    /// "for each violation".
    Violation,
    /// "for each subsequent violation", "for each repeated offence".
    Repeat,
}

/// The usual name of a frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Once a year.
    Annual,
    /// Twice a year.
    Semiannual,
    /// Four times a year.
    Quarterly,
    /// Twelve times a year.
    Monthly,
    /// Fifty-two times a year.
    Weekly,
    /// On each occurrence of an event ("each time it receives funds").
    PerEvent,
    /// Any other rate (daily, every two years, three times a year).
    Other,
}

impl Frequency {
    /// The name of a rate of `per_year` occurrences a year.
    pub fn from_per_year(per_year: f64) -> Self {
        let near = |x: f64| (per_year - x).abs() < 1e-9;
        if near(1.0) {
            Self::Annual
        } else if near(2.0) {
            Self::Semiannual
        } else if near(4.0) {
            Self::Quarterly
        } else if near(12.0) {
            Self::Monthly
        } else if near(52.0) {
            Self::Weekly
        } else {
            Self::Other
        }
    }
}

/// The unit a duration was stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    /// Hours (a day is 24 hours).
    Hour,
    /// Days, calendar or working.
    Day,
    /// Weeks (7 days).
    Week,
    /// Months (counted as 30 days).
    Month,
    /// Years (counted as 365 days).
    Year,
}

impl TimeUnit {
    /// The length of one unit in days (a month is 30 days, a year 365).
    pub fn days(self) -> f64 {
        match self {
            Self::Hour => 1.0 / 24.0,
            Self::Day => 1.0,
            Self::Week => 7.0,
            Self::Month => 30.0,
            Self::Year => 365.0,
        }
    }
}

/// The value of a quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Value {
    /// An amount of money, or a range of amounts.
    Money {
        /// The amount, or the lower end of a range.
        amount: f64,
        /// The upper end of a range ("from 10,000 to 20,000 euros").
        max: Option<f64>,
        /// ISO 4217 code; a dollar, rupee, rouble or franc resolves to
        /// [`Options::default_currency`] when that is one of its kind.
        currency: Option<String>,
        /// What the amount is counted per ("for each day of delay").
        per: Option<Period>,
        /// A bound stated with the amount ("not more than $5 million" → `Le`).
        comparison: Option<Comparison>,
        /// The ceiling stated for a recurring amount ("EUR 20 per day of delay, capped at
        /// EUR 1,000" → 1000), in the same currency.
        #[serde(skip_serializing_if = "Option::is_none")]
        cap: Option<f64>,
        /// The indexed unit the amount was stated in and converted from ("50 UTM").
        #[serde(skip_serializing_if = "Option::is_none")]
        index: Option<Indexed>,
    },
    /// An amount in an indexed unit whose value is not known ("a fine not exceeding level 5
    /// on the standard scale", "diez unidades tributarias" without a dated value): recorded,
    /// never converted by guess.
    Indexed {
        /// The amount in units, and the range's upper end.
        #[serde(flatten)]
        units: Indexed,
        /// What the amount is counted per.
        per: Option<Period>,
        /// A bound stated with the amount.
        comparison: Option<Comparison>,
    },
    /// A percentage; fractions are converted ("one fifth" → 20).
    Percent {
        /// The percentage, 0–100.
        value: f64,
        /// "more than" → `Gt`, "at least" → `Ge`, "up to" and "not exceeding" → `Le`,
        /// "less than" → `Lt`.
        comparison: Option<Comparison>,
    },
    /// How often something recurs.
    Frequency {
        /// Occurrences a year; NaN (`null` in JSON) for [`Frequency::PerEvent`].
        per_year: f64,
        /// The usual name of the rate.
        label: Frequency,
    },
    /// A time limit.
    Deadline {
        /// The limit in days (hours / 24, weeks × 7, months × 30, years × 365).
        days: f64,
        /// Whether the days are working (business) days.
        working_days: bool,
        /// `Le` for "within" and "not later than", `Ge` for "not less than" and "at least".
        comparison: Option<Comparison>,
        /// The number as written, in `unit`s.
        count: f64,
        /// The unit as written.
        unit: TimeUnit,
    },
    /// A prison term.
    Prison {
        /// The longest term, in years (months / 12; "less a day" subtracts 1/365).
        max_years: f64,
        /// The shortest term of a range ("from two to five years"), in years.
        min_years: Option<f64>,
    },
}

/// An amount stated in an indexed unit: tax units (Chile's UTM and UF, Peru's UIT, Uruguay's
/// UR, UI and BPC, Mexico's UMA), minimum wages ("diez salarios mínimos", "jornales mínimos"),
/// Venezuela's multiples of the official rate of the highest-value currency, levels of the UK
/// standard scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indexed {
    /// The unit: `UTM`, `UF`, `UIT`, `UR`, `UI`, `BPC`, `UMA`, `UT`, `SMMLV` (a monthly
    /// minimum wage), `SMD` (a daily minimum wage or jornal), `BCV-TCMMV`, `GB-SCALE-1` … .
    pub unit: String,
    /// The number of units (the lower end of a range).
    pub count: f64,
    /// The upper end of a range.
    pub max_count: Option<f64>,
}

/// The value of one indexed unit in a currency, from `rules/jurisdictions.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValue {
    /// The unit's code, as in [`Indexed::unit`].
    pub code: String,
    /// Its value.
    pub amount: f64,
    /// ISO 4217 code of the value.
    pub currency: String,
}

impl Value {
    /// The most a money quantity can come to in a year, for weighing it: the upper end of a
    /// range; for a recurring amount the cap the text states, or else the amount per day,
    /// week or month counted over one year (365, 52, 12 times). An amount per violation or
    /// per repeated violation is not multiplied, since the text does not say how many there
    /// will be. `None` for other values and for unconverted indexed amounts.
    pub fn money_ceiling(&self) -> Option<f64> {
        let Value::Money {
            amount,
            max,
            per,
            cap,
            ..
        } = self
        else {
            return None;
        };
        let top = max.unwrap_or(*amount).max(*amount);
        if let Some(c) = cap {
            return Some(c.max(top));
        }
        let times = match per {
            Some(Period::Day) => 365.0,
            Some(Period::Week) => 52.0,
            Some(Period::Month) => 12.0,
            _ => 1.0,
        };
        Some(top * times)
    }
}

/// A quantity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// What it measures.
    pub kind: QuantityKind,
    /// Byte offset where its text starts.
    pub start: usize,
    /// Byte offset where its text ends (exclusive).
    pub end: usize,
    /// The text, `text[start..end]`.
    pub text: String,
    /// The value read from it.
    pub value: Value,
}

/// How to read a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options<'a> {
    /// The text's language (BCP 47, e.g. `en`, `ka`, `ru`, `fr`): Latin-script number words are
    /// read as French first when it is French.
    pub language: &'a str,
    /// The law's currency (ISO 4217). A bare `$` or "dollars" means this currency when it is a
    /// dollar currency (CAD, AUD…), and likewise rupees, roubles, francs, pounds, dinars,
    /// crowns, pesos and shillings; otherwise USD, INR, RUB, CHF, GBP… are assumed.
    pub default_currency: Option<&'a str>,
    /// Values of indexed units (UTM, UIT, minimum wages…): an amount in one of them is
    /// converted into its currency; an amount in another unit is kept as [`Value::Indexed`].
    pub units: &'a [UnitValue],
}

impl Default for Options<'_> {
    fn default() -> Self {
        Self {
            language: "en",
            default_currency: None,
            units: &[],
        }
    }
}

impl<'a> Options<'a> {
    /// The options for a loaded law: its language and currency.
    pub fn for_law(law: &'a crate::load::Law) -> Self {
        Self {
            language: &law.meta.language,
            default_currency: law.meta.currency.as_deref(),
            units: &[],
        }
    }
}

/// Finds the quantities in `text`, sorted by start and not overlapping.
pub fn extract(text: &str, options: &Options) -> Vec<Quantity> {
    let mut candidates = Vec::new();
    candidates.extend(prison::find(text, options));
    candidates.extend(money::find(text, options));
    candidates.extend(percent::find(text, options));
    candidates.extend(deadline::find(text, options));
    candidates.extend(frequency::find(text, options));
    resolve(candidates)
}

/// Finds the quantities in a loaded law's body (its front matter is skipped), read in the
/// law's language and currency; spans are byte offsets into `law.text`.
pub fn extract_law(law: &crate::load::Law) -> Vec<Quantity> {
    extract_law_with(law, &Options::for_law(law))
}

/// Like [`extract_law`], with explicit options.
pub fn extract_law_with(law: &crate::load::Law, options: &Options) -> Vec<Quantity> {
    let Some(body) = law.text.get(law.body_start..) else {
        return Vec::new();
    };
    let mut found = extract(body, options);
    for q in &mut found {
        q.start += law.body_start;
        q.end += law.body_start;
    }
    found
}

/// Keeps the longest candidates (then by kind, then earliest) that do not overlap.
fn resolve(mut candidates: Vec<Quantity>) -> Vec<Quantity> {
    candidates.retain(|q| q.start < q.end);
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.kind.cmp(&b.kind))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: BTreeMap<usize, Quantity> = BTreeMap::new();
    for q in candidates {
        let overlaps = chosen
            .range(..q.end)
            .next_back()
            .is_some_and(|(_, prev)| prev.end > q.start);
        if !overlaps {
            chosen.insert(q.start, q);
        }
    }
    chosen.into_values().collect()
}

/// Words that state a bound before a number, in every supported language.
pub(crate) const COMPARATOR: &str = r"(?:\b(?i:not\s+more\s+than|no\s+more\s+than|not\s+exceeding|not\s+to\s+exceed|not\s+exceed|in\s+no\s+case\s+exceed|(?:which\s+)?may\s+extend\s+to|up\s+to|at\s+most|a\s+maximum\s+of|maximum\s+of|more\s+than|in\s+excess\s+of|exceeding|exceeds?|over|above|at\s+least|not\s+less\s+than|no\s+less\s+than|a\s+minimum\s+of|minimum\s+of|less\s+than|under|below|d[’']au\s+plus|au\s+plus|au\s+moins|plus\s+de|moins\s+de|jusqu[’']à|maximale?\s+de|minimale?\s+de|no\s+(?:mayor|menor)(?:es)?\s+(?:de|a)|no\s+(?:superior|inferior)(?:es)?\s+a|que\s+no\s+(?:exceda|supere)n?(?:\s+de)?|no\s+podr[áa]n?\s+(?:exceder|superar)(?:\s+de)?|(?:un|como)\s+m[áa]ximo(?:\s+de)?|(?:un|como)\s+m[íi]nimo(?:\s+de)?|al\s+menos|por\s+lo\s+menos|hasta|m[áa]s\s+del?|menos\s+del?|superior(?:es)?\s+al?|inferior(?:es)?\s+al?|mayor(?:es)?\s+(?:del?|al?)|menor(?:es)?\s+(?:del?|al?))|(?i:не\s+более|не\s+свыше|не\s+менее|не\s+превышающ[а-яё]*|более|свыше|менее|превышающ[а-яё]*|до)|არაუმეტეს|არანაკლებ)";

/// The bound a comparator phrase states.
pub(crate) fn comparison(phrase: &str) -> Option<Comparison> {
    let p = phrase.to_lowercase();
    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
    let c = match p.as_str() {
        "not more than"
        | "no more than"
        | "not exceeding"
        | "not to exceed"
        | "up to"
        | "at most"
        | "a maximum of"
        | "maximum of"
        | "не более"
        | "не свыше"
        | "до"
        | "არაუმეტეს"
        | "d'au plus"
        | "d’au plus"
        | "au plus"
        | "jusqu'à"
        | "jusqu’à"
        | "maximale de"
        | "maximal de" => Comparison::Le,
        "more than" | "in excess of" | "exceeding" | "exceed" | "exceeds" | "over" | "above"
        | "более" | "свыше" | "plus de" => Comparison::Gt,
        "at least"
        | "not less than"
        | "no less than"
        | "a minimum of"
        | "minimum of"
        | "не менее"
        | "არანაკლებ"
        | "au moins"
        | "minimale de"
        | "minimal de" => Comparison::Ge,
        "less than" | "under" | "below" | "менее" | "moins de" => Comparison::Lt,
        _ if p.ends_with("may extend to") || p.ends_with("not exceed") => Comparison::Le,
        _ if p == "hasta"
            || p.starts_with("no mayor")
            || p.starts_with("no superior")
            || p.starts_with("que no")
            || p.starts_with("no podr")
            || p.ends_with("máximo")
            || p.ends_with("maximo")
            || p.contains("máximo de")
            || p.contains("maximo de") =>
        {
            Comparison::Le
        }
        _ if p.starts_with("no menor")
            || p.starts_with("no inferior")
            || p == "al menos"
            || p == "por lo menos"
            || p.contains("mínimo")
            || p.contains("minimo") =>
        {
            Comparison::Ge
        }
        _ if p.starts_with("más de")
            || p.starts_with("mas de")
            || p.starts_with("superior")
            || p.starts_with("mayor") =>
        {
            Comparison::Gt
        }
        _ if p.starts_with("menos de") || p.starts_with("inferior") || p.starts_with("menor") => {
            Comparison::Lt
        }
        _ if p.starts_with("in no case exceed") => Comparison::Le,
        _ if p.starts_with("не превышающ") => Comparison::Le,
        _ if p.starts_with("превышающ") => Comparison::Gt,
        _ => return None,
    };
    Some(c)
}

/// Builds a regular expression from a pattern that is known to be valid.
///
/// Every `\b` is made an ASCII word boundary: with a Unicode one, the regex crate's lazy DFA
/// gives up on any non-ASCII text and matching is some twenty times slower. So patterns put
/// `\b` only next to Latin-script words and digits, and [`each_match`] checks, for any script,
/// that a match neither starts nor ends inside a word.
pub(crate) fn compile(pattern: &str) -> Regex {
    regex::RegexBuilder::new(&pattern.replace(r"\b", r"(?-u:\b)"))
        .size_limit(64 << 20)
        // The lazy DFA's cache grows only as far as a text needs. Measured on the synthetic
        // corpus: 4 MiB per regex is never filled, while 1 MiB thrashes the cache, the engine
        // falls back to its PikeVM and extraction becomes twenty times slower. 8 MiB keeps a
        // margin above that cliff.
        .dfa_size_limit(8 << 20)
        .build()
        .unwrap_or_else(|e| panic!("extraction pattern does not compile: {e}"))
}

/// The longest match an extractor reads, in bytes. The longest real ones ("imprisonment for a
/// term of not less than one year but which may extend to five years", a Georgian range of
/// prison terms) are under 200 bytes; a longer match is a run of number-like words, and
/// skipping it without its capture groups keeps adversarial texts from taking quadratic time.
const MAX_MATCH: usize = 512;

/// Calls `read` on each match of `re` in `text` that starts and ends at word boundaries.
/// Where a match is cut inside a word, too long, or rejected by `read`, the search resumes one
/// character after the match's start, so that a later reading of the same words can still be
/// found.
pub(crate) fn each_match<T>(
    re: &LazyLock<Regex>,
    text: &str,
    mut read: impl FnMut(&Captures) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(m) = re.find_at(text, pos) else {
            break;
        };
        let caps = if m.len() <= MAX_MATCH && at_word_boundaries(text, m.start(), m.end()) {
            re.captures_at(text, pos)
        } else {
            None
        };
        let accepted = caps.as_ref().and_then(&mut read);
        match accepted {
            Some(t) => {
                out.push(t);
                pos = if m.end() > m.start() {
                    m.end()
                } else {
                    next_char(text, m.end())
                };
            }
            None => pos = next_char(text, m.start()),
        }
    }
    out
}

/// True when `text[start..end]` neither starts nor ends inside a word.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let (Some(before), Some(span), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return false;
    };
    let cut = |outer: Option<char>, inner: Option<char>| {
        outer.is_some_and(word) && inner.is_some_and(word)
    };
    !cut(before.chars().next_back(), span.chars().next())
        && !cut(after.chars().next(), span.chars().next_back())
}

/// The offset of the character after the one at `pos` (or past the end).
fn next_char(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(text.len() + 1, |c| pos + c.len_utf8())
}

/// A quantity covering `text[start..end]`.
pub(crate) fn quantity(
    text: &str,
    kind: QuantityKind,
    start: usize,
    end: usize,
    value: Value,
) -> Option<Quantity> {
    let span = text.get(start..end)?;
    Some(Quantity {
        kind,
        start,
        end,
        text: span.to_string(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: QuantityKind, start: usize, end: usize) -> Quantity {
        Quantity {
            kind,
            start,
            end,
            text: String::new(),
            value: Value::Prison {
                max_years: 1.0,
                min_years: None,
            },
        }
    }

    #[test]
    fn resolution_prefers_long_spans_then_kind() {
        let out = resolve(vec![
            q(QuantityKind::Deadline, 10, 20),
            q(QuantityKind::Prison, 0, 20),
            q(QuantityKind::Frequency, 25, 30),
            q(QuantityKind::Percent, 25, 30),
            q(QuantityKind::Money, 40, 41),
            q(QuantityKind::Money, 20, 25),
        ]);
        let got: Vec<_> = out.iter().map(|q| (q.kind, q.start, q.end)).collect();
        assert_eq!(
            got,
            [
                (QuantityKind::Prison, 0, 20),
                (QuantityKind::Money, 20, 25),
                (QuantityKind::Percent, 25, 30),
                (QuantityKind::Money, 40, 41),
            ]
        );
    }

    #[test]
    fn long_runs_of_number_words_do_not_hide_what_follows() {
        let text = format!("{}рублей, within 10 days", "сто ".repeat(300));
        let found = extract(&text, &Options::default());
        let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["сто рублей", "within 10 days"]);
    }

    #[test]
    fn comparators() {
        assert_eq!(comparison("not  more than"), Some(Comparison::Le));
        assert_eq!(comparison("More than"), Some(Comparison::Gt));
        assert_eq!(comparison("не превышающую"), Some(Comparison::Le));
        assert_eq!(comparison("at least"), Some(Comparison::Ge));
        assert_eq!(comparison("less than"), Some(Comparison::Lt));
        assert_eq!(comparison("whatever"), None);
    }

    #[test]
    fn frequency_names() {
        assert_eq!(Frequency::from_per_year(2.0), Frequency::Semiannual);
        assert_eq!(Frequency::from_per_year(0.5), Frequency::Other);
    }

    #[test]
    fn serialises_with_kebab_case_names() {
        let q = Quantity {
            kind: QuantityKind::Frequency,
            start: 0,
            end: 9,
            text: "each time".into(),
            value: Value::Frequency {
                per_year: f64::NAN,
                label: Frequency::PerEvent,
            },
        };
        let json = serde_json::to_string(&q).expect("serialises");
        assert_eq!(
            json,
            r#"{"kind":"frequency","start":0,"end":9,"text":"each time","value":{"frequency":{"per_year":null,"label":"per-event"}}}"#
        );
    }
}
