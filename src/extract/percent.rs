//! Percentages and fractions: the share of foreign income that makes an organisation an
//! "agent", voting majorities, caps on administrative expenses.
//!
//! A percentage is a number followed by `%` or a percent word: `20 %`, `20 percent`,
//! `20 per cent`, `twenty per cent`, `80 per centum`, `20 процентов`, `20 პროცენტი`,
//! `20 pour cent`. Indian statutes write `fifty per cent.` with a full stop that belongs to the
//! abbreviation; it is kept when the sentence goes on after it.
//!
//! Fractions are converted to percentages: `one fifth` (20), `a third`, `two-thirds`, `half`,
//! `половина`, `две трети`, `ნახევარი`. Since "a third" is usually an ordinal ("a third
//! party", "a third country"), an English fraction must be followed by "of", "or", "and",
//! "the", "majority" or punctuation, and "a quarter" (which may be three months) by "of" or
//! "majority"; "half" in "one and a half", "half-yearly" and "half a year" is not a fraction.
//!
//! A bound before the number becomes a [`Comparison`] ("more than 20 %", "at least a third",
//! "не более 20 процентов", "არანაკლებ 20%"), and so does the Georgian postposition after it:
//! `20%-ზე მეტი` ("more than 20 %"), `20%-ზე ნაკლები` ("less than 20 %").

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{NUMBER, NUMBER_ES, parse};
use super::{COMPARATOR, Comparison, Options, Quantity, QuantityKind, Value};
use super::{comparison, compile, each_match, quantity};

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+)?(?P<n>{NUMBER})\s*(?P<u>%|(?i:per\s*cent(?:um)?|percent|pct|pour\s*cent)\b|(?i:процент[а-яё]*|százalék\w*)|პროცენტ\w*)",
        NUMBER = *NUMBER
    ))
});

/// Spanish: `treinta por ciento`, `el 30 %`, `veinte por ciento (20 %)`.
static PERCENT_ES: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+(?:(?i:el|del|un)\s+)?)?(?P<n>{NUMBER_ES})\s*(?P<u>%|(?i:por\s+ciento)\b)(?:\s*\(\s*[0-9]+(?:[.,][0-9]+)?\s*(?:%|(?i:por\s+ciento))\s*\))?",
        NUMBER_ES = *NUMBER_ES
    ))
});

static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+)?(?:(?i:\b(?P<num>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?P<den>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b|\b(?P<half>half)\b)|(?i:(?:(?P<rnum>одн[аоуй]|две|двух|три|трех|трёх)\s+)?(?P<rden>половин[а-яё]*|третью|трети|треть|четвертью|четверти|четверть|(?:пят|десят)(?:ая|ой|ую)\s+част[а-яё]*))|(?:(?P<knum>ერთი|ორი|სამი)\s+)?(?P<kden>ნახევარ|მესამედ|მეოთხედ|მეხუთედ|მეათედ)[\u{{10D0}}-\u{{10FF}}]*)"
    ))
});

/// The Georgian postposition "than" and "more" or "less" after a percentage.
static KA_BOUND: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?:-?ზე)?\s+(?P<b>მეტ|ნაკლებ)[\u{10D0}-\u{10FF}]*"));

/// The Georgian bound after `end`, and the end of the quantity with it.
fn georgian_bound(text: &str, unit: &str, end: usize) -> (usize, Option<Comparison>) {
    let Some(rest) = text.get(end..) else {
        return (end, None);
    };
    if !(unit.ends_with("ზე") || rest.starts_with("-ზე") || rest.starts_with("ზე")) {
        return (end, None);
    }
    match KA_BOUND.captures(rest) {
        Some(c) => {
            let cmp = match c.name("b").map(|b| b.as_str()) {
                Some("მეტ") => Comparison::Gt,
                _ => Comparison::Lt,
            };
            (end + c.get(0).map_or(0, |m| m.end()), Some(cmp))
        }
        None => (end, None),
    }
}

fn read_percent(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let value = parse(caps.name("n")?.as_str(), options.language)?;
    if !value.is_finite() {
        return None;
    }
    let unit = caps.name("u")?.as_str();
    let mut end = m.end();
    let mut cmp = caps.name("cmp").and_then(|c| comparison(c.as_str()));
    // "fifty per cent. of such contribution": the abbreviation's full stop.
    if unit.to_lowercase().ends_with("cent") {
        let rest = text.get(end..).unwrap_or("");
        if let Some(after) = rest.strip_prefix('.') {
            let next = after.trim_start().chars().next();
            if next.is_some_and(|c| c.is_lowercase()) {
                end += 1;
            }
        }
    }
    let (ka_end, ka_cmp) = georgian_bound(text, unit, end);
    if ka_cmp.is_some() {
        end = ka_end;
        cmp = cmp.or(ka_cmp);
    }
    quantity(
        text,
        QuantityKind::Percent,
        m.start(),
        end,
        Value::Percent {
            value,
            comparison: cmp,
        },
    )
}

fn english_numerator(w: &str) -> Option<f64> {
    let v = match w.to_lowercase().as_str() {
        "a" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        _ => return None,
    };
    Some(v)
}

fn english_denominator(w: &str) -> Option<f64> {
    let w = w.to_lowercase();
    let v = match w.trim_end_matches('s') {
        "half" | "halve" => 2.0,
        "third" => 3.0,
        "quarter" | "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    };
    Some(v)
}

/// True when an English fraction at `start..end` reads as a fraction and not as an ordinal
/// ("a third party"), a period ("in a quarter") or part of a number ("one and a half").
fn english_fraction_stands(text: &str, start: usize, end: usize, quarter: bool) -> bool {
    let before = text.get(..start).unwrap_or("").to_lowercase();
    let before = before.trim_end();
    if before.ends_with(" and") || before.ends_with(" and a") || before == "and" {
        return false;
    }
    let rest = text.get(end..).unwrap_or("");
    if rest.starts_with('-') {
        return false;
    }
    let next_word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if quarter {
        return ["of", "majority"].contains(&next_word.as_str());
    }
    next_word.is_empty() || ["of", "or", "and", "the", "majority"].contains(&next_word.as_str())
}

fn read_fraction(text: &str, caps: &Captures) -> Option<Quantity> {
    let m = caps.get(0)?;
    let cmp = caps.name("cmp").and_then(|c| comparison(c.as_str()));
    let frac_start = caps
        .name("num")
        .or(caps.name("half"))
        .map_or(m.start(), |x| x.start());
    let mut end = m.end();
    let mut cmp = cmp;
    let value = if let Some(half) = caps.name("half") {
        if !english_fraction_stands(text, half.start(), half.end(), false) {
            return None;
        }
        50.0
    } else if let Some(den) = caps.name("den") {
        let quarter = den.as_str().to_lowercase().starts_with("quarter");
        if !english_fraction_stands(text, frac_start, den.end(), quarter) {
            return None;
        }
        let n = english_numerator(caps.name("num")?.as_str())?;
        let d = english_denominator(den.as_str())?;
        if n >= d {
            return None;
        }
        100.0 * n / d
    } else if let Some(den) = caps.name("rden") {
        let d = den.as_str().to_lowercase();
        let d = if d.starts_with("половин") {
            2.0
        } else if d.starts_with("трет") {
            3.0
        } else if d.starts_with("четверт") {
            4.0
        } else if d.starts_with("пят") {
            5.0
        } else {
            10.0
        };
        let n = match caps.name("rnum").map(|n| n.as_str().to_lowercase()) {
            Some(n) if n.starts_with("дв") => 2.0,
            Some(n) if n.starts_with("тр") => 3.0,
            _ => 1.0,
        };
        if n >= d {
            return None;
        }
        100.0 * n / d
    } else {
        let den = caps.name("kden")?;
        let d = match den.as_str() {
            "ნახევარ" => 2.0,
            "მესამედ" => 3.0,
            "მეოთხედ" => 4.0,
            "მეხუთედ" => 5.0,
            _ => 10.0,
        };
        let n = match caps.name("knum").map(|n| n.as_str()) {
            Some("ორი") => 2.0,
            Some("სამი") => 3.0,
            _ => 1.0,
        };
        if n >= d {
            return None;
        }
        let (ka_end, ka_cmp) = georgian_bound(text, m.as_str(), end);
        if ka_cmp.is_some() {
            end = ka_end;
            cmp = cmp.or(ka_cmp);
        }
        100.0 * n / d
    };
    quantity(
        text,
        QuantityKind::Percent,
        m.start(),
        end,
        Value::Percent {
            value,
            comparison: cmp,
        },
    )
}

/// Proposes the percentages and fractions in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let mut out = each_match(&PERCENT, text, |c| read_percent(text, c, options));
    out.extend(each_match(&PERCENT_ES, text, |c| {
        read_percent(text, c, options)
    }));
    out.extend(each_match(&FRACTION, text, |c| read_fraction(text, c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn percents(text: &str) -> Vec<(String, f64, Option<Comparison>)> {
        extract(text, &Options::default())
            .into_iter()
            .filter_map(|q| match q.value {
                Value::Percent { value, comparison } => Some((q.text, value, comparison)),
                _ => None,
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, Option<Comparison>) {
        let p = percents(text);
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        p.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn numbers_and_signs() {
        assert_eq!(
            one("more than 20 %"),
            ("more than 20 %".into(), 20.0, Some(Comparison::Gt))
        );
        assert_eq!(one("20 percent").1, 20.0);
        assert_eq!(one("20 per cent").1, 20.0);
        assert_eq!(one("twenty per cent").1, 20.0);
        assert_eq!(one("at least 80 per centum beneficially owned").1, 80.0);
        assert_eq!(one("12,5 %").1, 12.5);
        assert!(percents(&format!("{}%", "9".repeat(400))).is_empty());
        assert_eq!(
            one("более 20 процентов"),
            ("более 20 процентов".into(), 20.0, Some(Comparison::Gt))
        );
        assert_eq!(one("не более двадцати процентов").2, Some(Comparison::Le));
    }

    #[test]
    fn georgian_postposition() {
        assert_eq!(
            one("შემოსავლის 20%-ზე მეტის წყარო"),
            ("20%-ზე მეტის".into(), 20.0, Some(Comparison::Gt))
        );
        assert_eq!(one("20%-ზე მეტი").2, Some(Comparison::Gt));
        assert_eq!(one("20 პროცენტზე ნაკლები").2, Some(Comparison::Lt));
        assert_eq!(one("არანაკლებ 20%").2, Some(Comparison::Ge));
    }

    #[test]
    fn indian_full_stop() {
        assert_eq!(
            one("not exceeding fifty per cent. of such contribution"),
            (
                "not exceeding fifty per cent.".into(),
                50.0,
                Some(Comparison::Le)
            )
        );
        assert_eq!(one("is 50 per cent. The rest").0, "50 per cent");
        assert_eq!(one("50 per cent.").0, "50 per cent");
    }

    #[test]
    fn fractions() {
        assert_eq!(one("one fifth").1, 20.0);
        assert!((one("a third of its income").1 - 100.0 / 3.0).abs() < 1e-9);
        assert!((one("a third").1 - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(one("half").1, 50.0);
        assert_eq!(one("more than half of the members").2, Some(Comparison::Gt));
        assert!((one("a two-thirds majority").1 - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(one("three quarters of the votes").1, 75.0);
        assert_eq!(one("более половины").1, 50.0);
        assert!((one("две трети").1 - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            one("ნახევარზე მეტი"),
            ("ნახევარზე მეტი".into(), 50.0, Some(Comparison::Gt))
        );
    }

    #[test]
    fn ordinals_and_number_parts_are_not_fractions() {
        for s in [
            "a third party",
            "a third country",
            "the third",
            "in a quarter, the lobbyist",
            "one quarter.",
            "on behalf of",
            "half-yearly",
            "half a year",
            "one and a half",
            "третьей стороны",
        ] {
            assert!(percents(s).is_empty(), "{s}: {:?}", percents(s));
        }
    }
}
