//! Deadlines: how long a person has to register, report, correct or appeal.
//!
//! A deadline is a duration introduced by a word that makes it a time limit, so that periods
//! that are not limits ("for a period of five years", "during the preceding sixty days", a
//! prison term) are not taken:
//!
//! * English: `within`, `within a period of`, `not later than`, `no later than`, `before the
//!   expiry of`, `has`/`have` ("shall have thirty days") → [`Comparison::Le`]; `not less
//!   than`, `at least` → [`Comparison::Ge`], with hours, days and weeks only, so that "at least
//!   three consecutive years" of inactivity is not a deadline.
//! * Russian: `в течение`, `не позднее`, `в срок`, `в пределах`, and the compound `в
//!   десятидневный срок`.
//! * Georgian: the postpositions after the duration, `10 დღის ვადაში` ("within the period of
//!   10 days"), `10 სამუშაო დღეში` ("within 10 working days"), and `არაუგვიანეს 10 დღისა`
//!   ("not later than 10 days").
//! * French: `dans les quatorze jours`, `dans un délai de 30 jours`.
//!
//! The duration is kept as written ([`TimeUnit`] and count) and converted to days: an hour is
//! 1/24 day, a week 7 days, a month 30 days and a year 365 days ("no later than forty-eight
//! hours" is 2 days). "working", "business" and `рабочих`, `სამუშაო` mark working days.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{NUMBER, NUMBER_ES, NUMBER_FR, parse, parse_russian};
use super::{Comparison, Options, Quantity, QuantityKind, TimeUnit, Value};
use super::{compile, each_match, quantity};

static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?P<cue>within(?:\s+(?:a|the)\s+(?:period|time\s+limit|term)\s+of)?|not\s+later\s+than|no\s+later\s+than|before\s+the\s+(?:expiry|expiration|end)\s+of(?:\s+(?:a|the)\s+period\s+of)?|(?P<have>ha(?:s|ve))|(?P<min>not\s+less\s+than|no\s+less\s+than|at\s+least))\s+(?P<n>{NUMBER})[\s-]+(?P<wd>(?:working|business|clear|calendar)\s+)?(?P<u>days?|hours?|weeks?|months?|years?)\b",
        NUMBER = *NUMBER
    ))
});

static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:(?P<cue>в\s+течение|не\s+позднее|не\s+позже|в\s+срок(?:\s+не\s+позднее|\s+до)?|в\s+пределах)\s+(?P<n>{NUMBER})\s+(?P<wd>рабоч[а-яё]*\s+)?(?P<u>дн[а-яё]*|день|час[а-яё]*|недел[а-яё]*|месяц[а-яё]*|год[а-яё]*|лет|сут(?:ки|ок))|в\s+(?P<cn>[а-яё]*?)-?(?P<cu>дневн|недельн|месячн)[а-яё]*\s+срок)",
        NUMBER = *NUMBER
    ))
});

static GEORGIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cue>არაუგვიანეს)\s+)?(?P<n>{NUMBER})\s+(?P<wd>სამუშაო\s+)?(?:(?P<u>დღის|საათის|კვირის|თვის|წლის)\s+(?P<post>ვადაში|ვადას|ვადით)|(?P<u2>დღეში|საათში|კვირაში|თვეში)|(?P<u3>დღისა|საათისა|თვისა))",
        NUMBER = *NUMBER
    ))
});

static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?P<cue>dans\s+les|dans\s+un\s+délai\s+de|au\s+plus\s+tard|d[’']au\s+moins)\s+(?P<n>{NUMBER_FR})\s+(?P<wd>(?:jours\s+)?ouvrables?\s+)?(?P<u>jours?|heures?|semaines?|mois|ans|années?)\b(?P<wd2>\s+ouvrables?)?",
        NUMBER_FR = *NUMBER_FR
    ))
});

/// Spanish: `dentro de los quince días hábiles`, `en un plazo no mayor de cinco días`,
/// `dentro del plazo de treinta días corridos`, `a más tardar a los diez días`, `dispondrá de
/// tres días hábiles`, `con una antelación mínima de cuarenta y ocho horas`.
static SPANISH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?P<cue>(?:dentro\s+de(?:l|\s+(?:un|el))?|en\s+(?:un|el))\s+(?:plazo|t[ée]rmino|lapso)\s+(?:(?:no\s+mayor|no\s+superior|m[áa]ximo|improrrogable|perentorio)\s+)?(?:de|a)(?:\s+(?:los|las))?|dentro\s+de(?:\s+(?:los|las))?(?:\s+(?:primeros|primeras))?|a\s+m[áa]s\s+tardar(?:\s+(?:a\s+los|dentro\s+de\s+los|en))?|no\s+m[áa]s\s+tarde\s+de|(?P<have>dispondr[áa]n?\s+de|tendr[áa]n?(?:\s+un\s+plazo\s+de)?)|(?P<min>con\s+(?:una\s+)?antelaci[óo]n\s+(?:m[íi]nima\s+)?de|(?:al|por\s+lo)\s+menos|no\s+menos\s+de))\s+(?P<n>{NUMBER_ES})\s+(?P<u>d[íi]as?|horas?|semanas?|mes(?:es)?|años?)\b(?P<wd>\s+(?:h[áa]biles|laborables|calendario|naturales|corridos|continuos)\b)?",
        NUMBER_ES = *NUMBER_ES
    ))
});

fn read_spanish(text: &str, caps: &Captures) -> Option<Quantity> {
    let m = caps.get(0)?;
    let unit = unit_of(caps.name("u")?.as_str())?;
    if caps.name("have").is_some() && unit == TimeUnit::Year {
        return None;
    }
    let cmp = if caps.name("min").is_some() {
        if !matches!(unit, TimeUnit::Hour | TimeUnit::Day | TimeUnit::Week) {
            return None;
        }
        Comparison::Ge
    } else {
        Comparison::Le
    };
    let n = parse(caps.name("n")?.as_str(), "es")?;
    let working = caps.name("wd").is_some_and(|w| {
        let w = w.as_str().trim().to_lowercase();
        w.starts_with("háb") || w.starts_with("hab") || w.starts_with("labor")
    });
    deadline(text, m.start(), m.end(), n, unit, working, Some(cmp))
}

fn unit_of(word: &str) -> Option<TimeUnit> {
    let w = word.to_lowercase();
    let u = if w.starts_with("hora") {
        TimeUnit::Hour
    } else if w.starts_with("día") || w.starts_with("dia") {
        TimeUnit::Day
    } else if w.starts_with("semana") {
        TimeUnit::Week
    } else if w == "mes" || w == "meses" {
        TimeUnit::Month
    } else if w.starts_with("año") {
        TimeUnit::Year
    } else if w.starts_with("hour")
        || w.starts_with("час")
        || w.starts_with("საათ")
        || w.starts_with("heure")
    {
        TimeUnit::Hour
    } else if w.starts_with("day")
        || w.starts_with("дн")
        || w == "день"
        || w.starts_with("сут")
        || w.starts_with("დღ")
        || w.starts_with("jour")
        || w.starts_with("дневн")
    {
        TimeUnit::Day
    } else if w.starts_with("week")
        || w.starts_with("недел")
        || w.starts_with("კვირ")
        || w.starts_with("semaine")
    {
        TimeUnit::Week
    } else if w.starts_with("month")
        || w.starts_with("месяц")
        || w.starts_with("месячн")
        || w.starts_with("თვ")
        || w == "mois"
    {
        TimeUnit::Month
    } else if w.starts_with("year")
        || w.starts_with("год")
        || w == "лет"
        || w.starts_with("წლ")
        || w.starts_with("an")
    {
        TimeUnit::Year
    } else {
        return None;
    };
    Some(u)
}

fn deadline(
    text: &str,
    start: usize,
    end: usize,
    count: f64,
    unit: TimeUnit,
    working_days: bool,
    comparison: Option<Comparison>,
) -> Option<Quantity> {
    if !count.is_finite() || count <= 0.0 {
        return None;
    }
    quantity(
        text,
        QuantityKind::Deadline,
        start,
        end,
        Value::Deadline {
            days: count * unit.days(),
            working_days,
            comparison,
            count,
            unit,
        },
    )
}

fn read_english(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let unit = unit_of(caps.name("u")?.as_str())?;
    if caps.name("have").is_some() && unit == TimeUnit::Year {
        // "who have two years of experience".
        return None;
    }
    let cmp = if caps.name("min").is_some() {
        // A minimum period of notice or consultation, in hours, days or weeks.
        if !matches!(unit, TimeUnit::Hour | TimeUnit::Day | TimeUnit::Week) {
            return None;
        }
        Comparison::Ge
    } else {
        Comparison::Le
    };
    let n = parse(caps.name("n")?.as_str(), options.language)?;
    let working = caps.name("wd").is_some_and(|w| {
        let w = w.as_str().to_lowercase();
        w.starts_with("working") || w.starts_with("business")
    });
    deadline(text, m.start(), m.end(), n, unit, working, Some(cmp))
}

fn read_russian(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    if let Some(cu) = caps.name("cu") {
        // "в десятидневный срок": the number is the genitive stem before -дневный.
        let stem = caps.name("cn").map_or("", |c| c.as_str());
        let n = if stem.is_empty() {
            1.0
        } else {
            parse_russian(stem)?
        };
        let unit = unit_of(cu.as_str())?;
        return deadline(
            text,
            m.start(),
            m.end(),
            n,
            unit,
            false,
            Some(Comparison::Le),
        );
    }
    let unit = unit_of(caps.name("u")?.as_str())?;
    let n = parse(caps.name("n")?.as_str(), options.language)?;
    let working = caps.name("wd").is_some();
    deadline(
        text,
        m.start(),
        m.end(),
        n,
        unit,
        working,
        Some(Comparison::Le),
    )
}

fn read_georgian(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let u = caps.name("u").or(caps.name("u2")).or(caps.name("u3"))?;
    let unit = unit_of(u.as_str())?;
    let n = parse(caps.name("n")?.as_str(), options.language)?;
    // "ვადით" states the length of a period ("for a term of"), not a limit.
    let cmp = match caps.name("post").map(|p| p.as_str()) {
        Some("ვადით") => None,
        _ => Some(Comparison::Le),
    };
    deadline(
        text,
        m.start(),
        m.end(),
        n,
        unit,
        caps.name("wd").is_some(),
        cmp,
    )
}

fn read_french(text: &str, caps: &Captures) -> Option<Quantity> {
    let m = caps.get(0)?;
    let unit = unit_of(caps.name("u")?.as_str())?;
    let n = parse(caps.name("n")?.as_str(), "fr")?;
    let cmp = if caps.name("cue")?.as_str().to_lowercase().contains("moins") {
        Comparison::Ge
    } else {
        Comparison::Le
    };
    let working = caps.name("wd").is_some() || caps.name("wd2").is_some();
    deadline(text, m.start(), m.end(), n, unit, working, Some(cmp))
}

/// Proposes the deadlines in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let mut out = each_match(&ENGLISH, text, |c| read_english(text, c, options));
    out.extend(each_match(&RUSSIAN, text, |c| {
        read_russian(text, c, options)
    }));
    out.extend(each_match(&GEORGIAN, text, |c| {
        read_georgian(text, c, options)
    }));
    out.extend(each_match(&FRENCH, text, |c| read_french(text, c)));
    out.extend(each_match(&SPANISH, text, |c| read_spanish(text, c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn deadlines(text: &str) -> Vec<(String, f64, bool, Option<Comparison>)> {
        extract(text, &Options::default())
            .into_iter()
            .filter_map(|q| match q.value {
                Value::Deadline {
                    days,
                    working_days,
                    comparison,
                    ..
                } => Some((q.text, days, working_days, comparison)),
                _ => None,
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, bool, Option<Comparison>) {
        let d = deadlines(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        d.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn english() {
        assert_eq!(
            one("within ten working days"),
            (
                "within ten working days".into(),
                10.0,
                true,
                Some(Comparison::Le)
            )
        );
        assert_eq!(one("within 10 days").1, 10.0);
        assert_eq!(one("not later than 15 days").1, 15.0);
        assert_eq!(one("no later than forty-eight hours").1, 2.0);
        assert_eq!(
            one("within 14 days after the day on which they enter into the arrangement").0,
            "within 14 days"
        );
        assert!(one("within five business days").2);
        assert_eq!(one("within six months after the end of").1, 180.0);
        assert_eq!(
            one("the registrant shall have thirty days from receipt").1,
            30.0
        );
        assert_eq!(
            one("allow at least twenty-one days to submit observations").3,
            Some(Comparison::Ge)
        );
        assert_eq!(one("within one hundred and eighty days").1, 180.0);
    }

    #[test]
    fn not_deadlines() {
        for s in [
            "for a period of five years",
            "within the preceding sixty days",
            "for at least three consecutive years",
            "for at least three years",
            "imprisonment for not more than five years",
        ] {
            assert!(deadlines(s).is_empty(), "{s}: {:?}", deadlines(s));
        }
    }

    #[test]
    fn russian() {
        assert_eq!(
            one("обязано в течение десяти дней со дня"),
            (
                "в течение десяти дней".into(),
                10.0,
                false,
                Some(Comparison::Le)
            )
        );
        assert!(one("в течение трех рабочих дней").2);
        assert_eq!(one("не позднее 15 дней").1, 15.0);
        assert_eq!(one("в десятидневный срок").1, 10.0);
        assert_eq!(one("в течение одного месяца").1, 30.0);
    }

    #[test]
    fn georgian() {
        assert_eq!(
            one("10 დღის ვადაში"),
            ("10 დღის ვადაში".into(), 10.0, false, Some(Comparison::Le))
        );
        assert!(one("2 სამუშაო დღეში").2);
        assert_eq!(one("10 სამუშაო დღის ვადას").1, 10.0);
        assert_eq!(one("ათი დღის ვადაში").1, 10.0);
        assert_eq!(one("არაუგვიანეს 10 დღისა").1, 10.0);
    }

    #[test]
    fn french() {
        let d: Vec<_> = extract(
            "dans les quatorze jours suivant la date et dans un délai de 30 jours",
            &Options {
                language: "fr",
                default_currency: None,
                units: &[],
            },
        )
        .into_iter()
        .map(|q| q.value)
        .collect();
        assert!(
            matches!(
                d.as_slice(),
                [
                    Value::Deadline { days: a, .. },
                    Value::Deadline { days: b, .. }
                ] if *a == 14.0 && *b == 30.0
            ),
            "{d:?}"
        );
    }
}
