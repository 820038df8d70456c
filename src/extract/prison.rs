//! Prison terms: the criminal sanctions some laws add for failing to register or report.
//!
//! A term is a duration in years or months tied to a word for imprisonment, either after it
//! (up to 60 characters of the same clause may lie between them):
//!
//! * `imprisonment for a term of up to five years`, `imprisoned for not more than five years`,
//!   `imprisonment for a term which may extend to three years`, `deprivation of liberty for
//!   up to 2 years`, `imprisonment for a term of not more than two years less a day`;
//! * `лишением свободы на срок до двух лет`, `лишение свободы на срок от двух до пяти лет`;
//! * `თავისუფლების აღკვეთით ვადით ორიდან ხუთ წლამდე`;
//! * `un emprisonnement maximal de cinq ans`;
//!
//! or before it: `up to five years' imprisonment`, `five years in prison`, `a five-year prison
//! term`.
//!
//! Ranges give a minimum: `from two to five years`, `between two and five years`, `2–5 years`,
//! `not less than one year but which may extend to five years`. Terms are in years (months /
//! 12); "less a day" takes a day (1/365 year) off the maximum.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{NUMBER, NUMBER_ES, NUMBER_FR, parse};
use super::{Options, Quantity, QuantityKind, Value};
use super::{compile, each_match, quantity};

static ENGLISH_CUE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:imprison(?:ment|ed)|deprivation\s+of\s+liberty|custodial\s+sentence|(?:prison|jail)\s+(?:term|sentence)|incarcerat(?:ion|ed))[^.;:\n]{{0,60}}?\b(?:(?:not\s+less\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of)\s+(?P<a2>{N})\s+(?P<au2>years?|months?)[^.;:\n]{{0,40}}?(?:extend\s+to|not\s+more\s+than|up\s+to|maximum\s+of|not\s+exceeding)\s+(?P<b2>{N})\s+(?P<u2>years?|months?)|(?:(?P<from>from|between)\s+)?(?P<a1>{N})(?:\s+(?P<au1>years?|months?))?(?P<conn>\s+(?:to|and)\s+|\s*[-–]\s*)(?P<b1>{N})\s+(?P<u1>years?|months?)|(?P<b3>{N})\s+(?P<u3>years?|months?))\b(?P<less>\s+less\s+(?:a|one)\s+day)?",
        N = *NUMBER
    ))
});

static ENGLISH_TERM_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:\b(?:up\s+to|not\s+more\s+than|a\s+maximum\s+of|maximum\s+of|not\s+exceeding)\s+)?(?:\b(?P<from>from|between)\s+(?P<a1>{N})(?:\s+(?P<au1>years?|months?))?(?P<conn>\s+(?:to|and)\s+))?(?P<b3>{N})[\s-]+(?P<u3>years?|months?)['’]?\s+(?:of\s+)?(?:imprisonment|in\s+prison|prison|jail|custody|deprivation\s+of\s+liberty)\b",
        N = *NUMBER
    ))
});

static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)лишени[а-яё]+\s+свободы\s+(?:на\s+срок|сроком)?\s*(?:(?:от\s+(?P<a1>{N})(?:\s+(?:лет|года?|месяц[а-яё]*))?\s+)?до\s+)?(?P<b3>{N})\s+(?P<u3>лет|года?|месяц[а-яё]*)",
        N = *NUMBER
    ))
});

static GEORGIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"თავისუფლების\s+აღკვეთ[\u{{10D0}}-\u{{10FF}}]*\s+(?:ვადით\s+)?(?:(?P<a1>{N})(?P<from>\s+წლიდან)?\s+)?(?P<b3>{N})\s+(?P<u3>წლამდე|წლით|თვემდე|თვით)",
        N = *NUMBER
    ))
});

static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\bemprisonnement\s+(?:maximal\s+de|d[’']au\s+plus|de|d[’']une\s+durée\s+maximale\s+de)\s+(?P<b3>{N})\s+(?P<u3>ans?|mois)\b(?P<less>\s+moins\s+un\s+jour)?",
        N = *NUMBER_FR
    ))
});

/// Spanish, the sanction first: `prisión de tres a seis años`, `pena privativa de libertad no
/// menor de dos ni mayor de cuatro años`, `reclusión de seis meses a dos años`, `presidio
/// menor hasta tres años`.
static SPANISH_CUE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:prisi[óo]n|reclusi[óo]n|presidio(?:\s+(?:menor|mayor))?|privaci[óo]n\s+de\s+(?:la\s+)?libertad|pena\s+privativa\s+de\s+(?:la\s+)?libertad)[^.;:\n]{{0,60}}?\b(?:no\s+menor\s+de\s+(?P<a2>{N})(?:\s+(?P<au2>años?|meses))?\s+ni\s+mayor\s+de\s+(?P<b2>{N})\s+(?P<u2>años?|meses)|(?P<from>de|entre|desde)\s+(?P<a1>{N})(?:\s+(?P<au1>años?|meses))?(?P<conn>\s+(?:a|y|hasta)\s+)(?P<b1>{N})\s+(?P<u1>años?|meses)|(?:hasta|de|por)\s+(?P<b3>{N})\s+(?P<u3>años?|meses))\b",
        N = *NUMBER_ES
    ))
});

/// Spanish, the term first: `pena de dos a cinco años de prisión`, `tres años de reclusión`.
static SPANISH_TERM_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:\b(?P<from>de|entre|desde)\s+(?P<a1>{N})(?:\s+(?P<au1>años?|meses))?(?P<conn>\s+(?:a|y|hasta)\s+))?(?P<b3>{N})\s+(?P<u3>años?|meses)\s+de\s+(?:prisi[óo]n|reclusi[óo]n|presidio|c[áa]rcel|privaci[óo]n\s+de\s+(?:la\s+)?libertad)\b",
        N = *NUMBER_ES
    ))
});

/// Years in one unit of `word` (a month is 1/12 year).
fn years_per(word: &str) -> f64 {
    let w = word.to_lowercase();
    if w.starts_with("month")
        || w.starts_with("месяц")
        || w.starts_with("თვ")
        || w == "mois"
        || w.starts_with("mes")
    {
        1.0 / 12.0
    } else {
        1.0
    }
}

fn read(text: &str, caps: &Captures, language: &str) -> Option<Quantity> {
    let m = caps.get(0)?;
    let num = |name: &str| -> Option<f64> { parse(caps.name(name)?.as_str(), language) };
    let (min, max) = if caps.name("b2").is_some() {
        let u2 = caps.name("u2")?.as_str();
        let a = num("a2")? * years_per(caps.name("au2").map_or(u2, |u| u.as_str()));
        let b = num("b2")? * years_per(u2);
        (Some(a), b)
    } else if caps.name("b1").is_some() {
        let conn = caps.name("conn")?.as_str().trim().to_lowercase();
        let from = caps.name("from").map(|f| f.as_str().to_lowercase());
        if conn == "and" && from.as_deref() != Some("between")
            || conn == "y" && from.as_deref() != Some("entre")
        {
            return None;
        }
        let unit = years_per(caps.name("u1")?.as_str());
        let a_unit = caps.name("au1").map_or(unit, |u| years_per(u.as_str()));
        (Some(num("a1")? * a_unit), num("b1")? * unit)
    } else {
        let unit = years_per(caps.name("u3")?.as_str());
        let b = num("b3")? * unit;
        match caps.name("a1") {
            Some(a) => {
                if let Some(conn) = caps.name("conn") {
                    let from = caps.name("from").map(|f| f.as_str().to_lowercase());
                    if conn.as_str().trim().eq_ignore_ascii_case("and")
                        && from.as_deref() != Some("between")
                    {
                        return None;
                    }
                } else if language_is_georgian(a.as_str())
                    && !(a.as_str().ends_with("იდან") || caps.name("from").is_some())
                {
                    return None;
                }
                let a_unit = caps.name("au1").map_or(unit, |u| years_per(u.as_str()));
                (Some(parse(a.as_str(), language)? * a_unit), b)
            }
            None => (None, b),
        }
    };
    let max = if caps.name("less").is_some() {
        max - 1.0 / 365.0
    } else {
        max
    };
    if !max.is_finite() || max <= 0.0 || min.is_some_and(|a| !a.is_finite() || a >= max) {
        return None;
    }
    quantity(
        text,
        QuantityKind::Prison,
        m.start(),
        m.end(),
        Value::Prison {
            max_years: max,
            min_years: min,
        },
    )
}

fn language_is_georgian(s: &str) -> bool {
    s.chars().any(|c| ('\u{10A0}'..='\u{10FF}').contains(&c))
}

/// Proposes the prison terms in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let mut out = Vec::new();
    for re in [&ENGLISH_CUE_FIRST, &ENGLISH_TERM_FIRST, &RUSSIAN, &GEORGIAN] {
        out.extend(each_match(re, text, |c| read(text, c, options.language)));
    }
    out.extend(each_match(&FRENCH, text, |c| read(text, c, "fr")));
    for re in [&SPANISH_CUE_FIRST, &SPANISH_TERM_FIRST] {
        out.extend(each_match(re, text, |c| read(text, c, "es")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn terms(text: &str) -> Vec<(String, f64, Option<f64>)> {
        extract(text, &Options::default())
            .into_iter()
            .filter_map(|q| match q.value {
                Value::Prison {
                    max_years,
                    min_years,
                } => Some((q.text, max_years, min_years)),
                _ => None,
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, Option<f64>) {
        let t = terms(text);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        t.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn english_cue_first() {
        assert_eq!(
            one("imprisonment for a term of up to five years"),
            (
                "imprisonment for a term of up to five years".into(),
                5.0,
                None
            )
        );
        assert_eq!(one("imprisonment for not more than five years").1, 5.0);
        assert_eq!(one("imprisoned for not more than six months").1, 0.5);
        assert_eq!(
            one("imprisonment for a term which may extend to three years").1,
            3.0
        );
        assert_eq!(one("deprivation of liberty for up to 2 years").1, 2.0);
        let (_, max, _) = one("imprisonment for a term of not more than two years less a day");
        assert!((max - (2.0 - 1.0 / 365.0)).abs() < 1e-12);
        assert_eq!(
            one("imprisonment for a term of not less than one year but which may extend to five years"),
            (
                "imprisonment for a term of not less than one year but which may extend to five years".into(),
                5.0,
                Some(1.0)
            )
        );
    }

    #[test]
    fn english_term_first_and_ranges() {
        assert_eq!(
            one("up to five years' imprisonment"),
            ("up to five years' imprisonment".into(), 5.0, None)
        );
        assert_eq!(one("five years in prison").1, 5.0);
        assert_eq!(one("imprisonment from two to five years").2, Some(2.0));
        assert_eq!(
            one("imprisonment of between two and five years"),
            (
                "imprisonment of between two and five years".into(),
                5.0,
                Some(2.0)
            )
        );
        assert_eq!(one("imprisonment for 2–5 years").2, Some(2.0));
        assert_eq!(one("from two to five years' imprisonment").2, Some(2.0));
    }

    #[test]
    fn russian_georgian_french() {
        assert_eq!(
            one("либо лишением свободы на срок до двух лет."),
            ("лишением свободы на срок до двух лет".into(), 2.0, None)
        );
        assert_eq!(
            one("лишение свободы на срок от двух до пяти лет").2,
            Some(2.0)
        );
        assert_eq!(
            one("ისჯება თავისუფლების აღკვეთით ვადით ორიდან ხუთ წლამდე"),
            (
                "თავისუფლების აღკვეთით ვადით ორიდან ხუთ წლამდე".into(),
                5.0,
                Some(2.0)
            )
        );
        assert_eq!(one("თავისუფლების აღკვეთით ვადით ერთ წლამდე").1, 1.0);
        assert_eq!(one("un emprisonnement maximal de cinq ans").1, 5.0);
    }

    #[test]
    fn a_prison_term_is_not_a_deadline() {
        let qs = extract(
            "shall be liable to imprisonment for a term of not more than five years within the meaning",
            &Options::default(),
        );
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(qs[0].kind, QuantityKind::Prison);
    }

    #[test]
    fn other_sanctions_are_not_prison() {
        assert!(terms("compulsory labour for up to three years").is_empty());
        assert!(terms("принудительными работами на срок до двух лет").is_empty());
    }
}
