//! Frequencies: how often an organisation must report, file or be inspected.
//!
//! A frequency is read as occurrences a year ([`Value::Frequency::per_year`]) and named
//! ([`Frequency`]):
//!
//! * adverbs and adjectives: `annually`, `annual`, `yearly`, `semi-annually`, `half-yearly`,
//!   `quarterly`, `monthly`, `weekly`, `daily`, `biennially`; Russian `ежегодно`,
//!   `ежеквартально`, `ежемесячно`, `ежеполугодно`; Georgian `ყოველწლიურად`, `ყოველთვიურად`;
//! * "each"/"every" with a period and an optional count: `each year`, `every quarter`,
//!   `every six months`, `every three months`, `each period of six months`, `each six-month
//!   period`, `once in every six months`; Russian `каждые шесть месяцев`, `каждый год`;
//!   Georgian `ყოველი შემდგომი წლის იანვრის თვეში` ("in January of each following year"),
//!   `ყოველ ექვს თვეში`;
//! * counts per period: `twice a year`, `three times a year`, `один раз в полгода`,
//!   `раз в квартал`, `два раза в год`, `წელიწადში ორჯერ`, `6 თვეში მხოლოდ ერთხელ`;
//! * events: `each time`, `on each occasion`, `каждый раз` ([`Frequency::PerEvent`], whose
//!   rate is not a number).
//!
//! An adjective of a rate is not a frequency: "minimum monthly wage", "annual turnover".
//!
//! In FARA's "within thirty days after the expiration of each period of six months" the
//! frequency is "each period of six months" (semiannual) and "within thirty days" is a
//! separate deadline.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{NUMBER, NUMBER_ES, parse};
use super::{Frequency, Options, Quantity, QuantityKind, Value};
use super::{compile, each_match, quantity};

/// Named alternatives whose rate is fixed; the group name gives the rate.
static FIXED: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?i)(?:\b(?:(?P<y2>semi-?annual(?:ly)?|half-?yearly|bi-?annual(?:ly)?|six-monthly|twice\s+(?:a|per|each|every|in\s+a)\s+year|twice\s+yearly|(?:each|every)\s+half-?year)",
        r"|(?P<y1>annual(?:ly)?|yearly|(?:once\s+(?:a|per|every|each|in\s+(?:a|every|each))\s+|each\s+|every\s+)(?:calendar\s+|financial\s+|fiscal\s+|reporting\s+)?year)",
        r"|(?P<y4>quarterly|(?:once\s+(?:a|per|every|each|in\s+(?:a|every|each))\s+|each\s+|every\s+)(?:calendar\s+)?quarter)",
        r"|(?P<y12>monthly|(?:once\s+(?:a|per|every|each)\s+|each\s+|every\s+)(?:calendar\s+)?month)",
        r"|(?P<y52>weekly|(?:once\s+(?:a|per|every|each)\s+|each\s+|every\s+)week)",
        r"|(?P<y26>fortnightly|bi-?weekly)|(?P<y365>daily|(?:each|every)\s+day)|(?P<y05>biennial(?:ly)?)",
        r"|(?P<ev>each\s+time|every\s+time|on\s+each\s+occasion))\b",
        r"|(?P<y1r>ежегодн[а-яё]*|(?:(?:один|1)\s+)?раз\s+в\s+год[ау]?)",
        r"|(?P<y2r>ежеполугодн[а-яё]*|полугодов[а-яё]*|(?:(?:один|1)\s+)?раз\s+в\s+(?:полгода|полугодие)|дважды\s+в\s+год[ау]?)",
        r"|(?P<y4r>ежеквартальн[а-яё]*|(?:(?:один|1)\s+)?раз\s+в\s+квартал[а-яё]*)",
        r"|(?P<y12r>ежемесячн[а-яё]*|(?:(?:один|1)\s+)?раз\s+в\s+месяц[а-яё]*)",
        r"|(?P<y52r>еженедельн[а-яё]*|(?:(?:один|1)\s+)?раз\s+в\s+неделю)",
        r"|(?P<y365r>ежедневн[а-яё]*)|(?P<evr>каждый\s+раз)",
        r"|(?P<y1k>ყოველწლიურ[\u{10D0}-\u{10FF}]*|წელიწადში\s+ერთხელ)",
        r"|(?P<y2k>ნახევარწლიურ[\u{10D0}-\u{10FF}]*|წელიწადში\s+ორჯერ)",
        r"|(?P<y4k>ყოველკვარტალურ[\u{10D0}-\u{10FF}]*|კვარტალურ[\u{10D0}-\u{10FF}]*)",
        r"|(?P<y12k>ყოველთვიურ[\u{10D0}-\u{10FF}]*)|(?P<y52k>ყოველკვირეულ[\u{10D0}-\u{10FF}]*)",
        r"|(?P<y365k>ყოველდღიურ[\u{10D0}-\u{10FF}]*)|(?P<evk>ყოველ\s+ჯერზე))",
    ))
});

/// "every six months", "once in every six months", "each six-month period".
static EVERY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:(?P<times>once|twice|thrice|(?P<tn>{N})\s+times)\s+)?(?:in\s+)?(?:each|every)\s+(?:period\s+of\s+)?(?P<n>{N})[\s-]+(?P<u>years?|months?|weeks?|days?)(?:\s+period)?\b",
        N = *NUMBER
    ))
});

/// "three times a year".
static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?P<times>twice|thrice|(?P<tn>{N})\s+times)\s+(?:a|per|each|every|in\s+a|in\s+each|in\s+every)\s+(?:calendar\s+)?(?P<u>year|quarter|month|week)\b",
        N = *NUMBER
    ))
});

/// Russian counts and "каждый".
static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:(?P<tn>{N})\s+раза?\s+в\s+(?P<tu>год[ау]?|квартал[а-яё]*|месяц[а-яё]*|неделю)|раз\s+в\s+(?P<n>{N})\s+(?P<u>месяц[а-яё]*|год[а-яё]*|лет|недел[а-яё]*)|кажд[а-яё]+\s+(?:(?P<n2>{N})\s+)?(?P<u2>год[а-яё]*|лет|квартал[а-яё]*|месяц[а-яё]*|полугоди[а-яё]*|недел[а-яё]+|день|дня))",
        N = *NUMBER
    ))
});

/// Georgian "ყოველი (შემდგომი) წლის …", "ყოველ ექვს თვეში", "ექვს თვეში ერთხელ".
static GEORGIAN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:ყოველი?\s+(?:(?:შემდგომი|მომდევნო|კალენდარული|საანგარიშო|საბიუჯეტო)\s+)*(?:(?P<n>{N})\s+)?(?P<u>წლის|წელს|წელიწადს|წელიწადში|თვის|თვეში|კვარტლის|კვარტალში|კვარტალის|კვირის|კვირაში|ნახევარწლის|ნახევარ\s+წელიწადში)(?:\s+(?:იანვრის|თებერვლის|მარტის|აპრილის|მაისის|ივნისის|ივლისის|აგვისტოს|სექტემბრის|ოქტომბრის|ნოემბრის|დეკემბრის)(?:\s+თვეში|\s+თვის\s+განმავლობაში)?)?|(?P<n2>{N})\s+(?P<u2>თვეში|წელიწადში|კვირაში)\s+(?:მხოლოდ\s+)?ერთხელ)",
        N = *NUMBER
    ))
});

/// Spanish adverbs, adjectives and "cada" with a period: `anualmente`, `informes
/// mensuales`, `cada año`, `a más tardar el 31 de marzo de cada año`, `al cierre de cada
/// ejercicio`, `cada semestre`, `una vez al año`, `cada vez que`.
static SPANISH_FIXED: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?i)\b(?:(?P<y1>anualmente|anual(?:es)?|cada\s+año|una\s+vez\s+(?:al|por|cada)\s+año|cada\s+ejercicio(?:\s+(?:fiscal|econ[óo]mico|contable|social))?)",
        r"|(?P<y2>semestralmente|semestral(?:es)?|cada\s+semestre|dos\s+veces\s+(?:al|por|cada)\s+año)",
        r"|(?P<y4>trimestralmente|trimestral(?:es)?|cada\s+trimestre)",
        r"|(?P<y12>mensualmente|mensual(?:es)?|cada\s+mes|una\s+vez\s+(?:al|por|cada)\s+mes)",
        r"|(?P<y52>semanalmente|semanal(?:es)?|cada\s+semana)",
        r"|(?P<y6>bimestralmente|bimestral(?:es)?|cada\s+bimestre)",
        r"|(?P<y3>cuatrimestralmente|cuatrimestral(?:es)?|cada\s+cuatrimestre)",
        r"|(?P<ev>cada\s+vez\s+que|en\s+cada\s+ocasi[óo]n))\b",
    ))
});

/// Spanish counts: `cada seis meses`, `cada dos años`, `dos veces al año`.
static SPANISH_COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:cada\s+(?P<n>{N})\s+(?P<u>años|meses|semanas)|(?P<tn>{N})\s+veces\s+(?:al|por|cada|en\s+el)\s+(?P<tu>año|semestre|trimestre|mes))\b",
        N = *NUMBER_ES
    ))
});

/// Nouns after which a Spanish adjective of frequency states a rate, not a recurring act:
/// "salario mínimo mensual", "ingresos anuales", "unidades tributarias mensuales".
const ES_RATE_NOUNS: &[&str] = &[
    "salario",
    "salarios",
    "sueldo",
    "sueldos",
    "remuneración",
    "remuneraciones",
    "ingreso",
    "ingresos",
    "renta",
    "rentas",
    "tributaria",
    "tributarias",
    "presupuesto",
    "presupuestos",
    "tasa",
    "tasas",
    "interés",
    "intereses",
    "cuota",
    "cuotas",
    "mínimo",
    "mínimos",
    "mínima",
    "promedio",
    "ventas",
    "facturación",
    "volumen",
    "monto",
    "montos",
    "importe",
    "límite",
    "tope",
    "valor",
    "pensión",
    "vital",
];

fn read_spanish_fixed(text: &str, caps: &Captures) -> Option<Quantity> {
    let m = caps.get(0)?;
    if !m.as_str().contains(char::is_whitespace) {
        let before: String = text
            .get(..m.start())
            .unwrap_or("")
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<String>()
            .to_lowercase();
        if ES_RATE_NOUNS.contains(&before.as_str()) {
            return None;
        }
    }
    const RATES: [(&str, f64); 8] = [
        ("y1", 1.0),
        ("y2", 2.0),
        ("y4", 4.0),
        ("y12", 12.0),
        ("y52", 52.0),
        ("y6", 6.0),
        ("y3", 3.0),
        ("ev", f64::NAN),
    ];
    let rate = RATES
        .iter()
        .find(|(name, _)| caps.name(name).is_some())
        .map(|&(_, r)| r)?;
    frequency(text, m.start(), m.end(), rate)
}

/// Occurrences a year of a period named by `word` (a year, a half-year, a quarter…).
fn base_rate(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    let r = if w.starts_with("ნახევარ")
        || w.starts_with("полгод")
        || w.starts_with("полугод")
        || w == "semestre"
    {
        2.0
    } else if w.starts_with("año") {
        1.0
    } else if w == "trimestre" {
        4.0
    } else if w == "mes" || w == "meses" {
        12.0
    } else if w.starts_with("semana") {
        52.0
    } else if w.starts_with("year")
        || w.starts_with("год")
        || w == "лет"
        || w.starts_with("წლ")
        || w.starts_with("წელ")
    {
        1.0
    } else if w.starts_with("quarter") || w.starts_with("квартал") || w.starts_with("კვარტ")
    {
        4.0
    } else if w.starts_with("month") || w.starts_with("месяц") || w.starts_with("თვ") {
        12.0
    } else if w.starts_with("week") || w.starts_with("недел") || w.starts_with("კვირ")
    {
        52.0
    } else if w.starts_with("day") || w == "день" || w == "дня" {
        365.0
    } else {
        return None;
    };
    Some(r)
}

fn frequency(text: &str, start: usize, end: usize, per_year: f64) -> Option<Quantity> {
    let label = if per_year.is_nan() {
        Frequency::PerEvent
    } else if per_year.is_finite() && per_year > 0.0 {
        Frequency::from_per_year(per_year)
    } else {
        return None;
    };
    quantity(
        text,
        QuantityKind::Frequency,
        start,
        end,
        Value::Frequency { per_year, label },
    )
}

/// Nouns that an adjective such as "annual" or "monthly" turns into a rate, not a recurring
/// act: "monthly wage", "annual turnover".
const RATE_NOUNS: &[&str] = &[
    "wage",
    "wages",
    "salary",
    "salaries",
    "income",
    "incomes",
    "turnover",
    "budget",
    "budgets",
    "revenue",
    "revenues",
    "rate",
    "rates",
    "interest",
    "leave",
    "earnings",
    "remuneration",
    "pay",
    "allowance",
    "allowances",
    "rent",
    "average",
    "minimum",
    "maximum",
    "limit",
    "cap",
    "threshold",
    "amount",
    "sum",
    "value",
    "volume",
    "total",
];

/// True when a one-word frequency is an adjective of a rate ("monthly wage").
fn qualifies_rate(text: &str, m: &regex::Match) -> bool {
    if m.as_str().contains(char::is_whitespace) {
        return false;
    }
    let next: String = text
        .get(m.end()..)
        .unwrap_or("")
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    RATE_NOUNS.contains(&next.as_str())
}

fn read_fixed(text: &str, caps: &Captures) -> Option<Quantity> {
    let m = caps.get(0)?;
    if qualifies_rate(text, &m) {
        return None;
    }
    const RATES: [(&str, f64); 21] = [
        ("y1", 1.0),
        ("y2", 2.0),
        ("y4", 4.0),
        ("y12", 12.0),
        ("y52", 52.0),
        ("y26", 26.0),
        ("y365", 365.0),
        ("y05", 0.5),
        ("ev", f64::NAN),
        ("y1r", 1.0),
        ("y2r", 2.0),
        ("y4r", 4.0),
        ("y12r", 12.0),
        ("y52r", 52.0),
        ("y365r", 365.0),
        ("evr", f64::NAN),
        ("y1k", 1.0),
        ("y2k", 2.0),
        ("y4k", 4.0),
        ("y12k", 12.0),
        ("y52k", 52.0),
    ];
    let rate = RATES
        .iter()
        .find(|(name, _)| caps.name(name).is_some())
        .map(|&(_, r)| r)
        .or_else(|| caps.name("y365k").map(|_| 365.0))
        .or_else(|| caps.name("evk").map(|_| f64::NAN))?;
    frequency(text, m.start(), m.end(), rate)
}

/// The count before "times" (`once`, `twice`, `three times`), 1 when there is none.
fn times(caps: &Captures, language: &str) -> Option<f64> {
    if let Some(n) = caps.name("tn") {
        return parse(n.as_str(), language);
    }
    Some(
        match caps.name("times").map(|t| t.as_str().to_lowercase()) {
            Some(t) if t == "twice" => 2.0,
            Some(t) if t == "thrice" => 3.0,
            _ => 1.0,
        },
    )
}

fn read_every(text: &str, caps: &Captures, language: &str) -> Option<Quantity> {
    let m = caps.get(0)?;
    let n = parse(caps.name("n")?.as_str(), language)?;
    if n <= 0.0 {
        return None;
    }
    let rate = times(caps, language)? * base_rate(caps.name("u")?.as_str())? / n;
    frequency(text, m.start(), m.end(), rate)
}

fn read_times(text: &str, caps: &Captures, language: &str) -> Option<Quantity> {
    let m = caps.get(0)?;
    let rate = times(caps, language)? * base_rate(caps.name("u")?.as_str())?;
    frequency(text, m.start(), m.end(), rate)
}

fn read_counted(text: &str, caps: &Captures, language: &str) -> Option<Quantity> {
    let m = caps.get(0)?;
    let rate = if let Some(tu) = caps.name("tu") {
        parse(caps.name("tn")?.as_str(), language)? * base_rate(tu.as_str())?
    } else {
        let (n, u) = match (caps.name("u"), caps.name("u2")) {
            (Some(u), _) => (caps.name("n"), u),
            (None, Some(u)) => (caps.name("n2"), u),
            _ => return None,
        };
        let n = match n {
            Some(n) => parse(n.as_str(), language)?,
            None => 1.0,
        };
        if n <= 0.0 {
            return None;
        }
        base_rate(u.as_str())? / n
    };
    frequency(text, m.start(), m.end(), rate)
}

/// Proposes the frequencies in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let lang = options.language;
    let mut out = each_match(&FIXED, text, |c| read_fixed(text, c));
    out.extend(each_match(&EVERY, text, |c| read_every(text, c, lang)));
    out.extend(each_match(&TIMES, text, |c| read_times(text, c, lang)));
    out.extend(each_match(&RUSSIAN, text, |c| read_counted(text, c, lang)));
    out.extend(each_match(&GEORGIAN, text, |c| read_counted(text, c, lang)));
    out.extend(each_match(&SPANISH_FIXED, text, |c| {
        read_spanish_fixed(text, c)
    }));
    out.extend(each_match(&SPANISH_COUNTED, text, |c| {
        read_counted(text, c, "es")
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn freqs(text: &str) -> Vec<(String, f64, Frequency)> {
        extract(text, &Options::default())
            .into_iter()
            .filter_map(|q| match q.value {
                Value::Frequency { per_year, label } => Some((q.text, per_year, label)),
                _ => None,
            })
            .collect()
    }

    fn label(text: &str) -> Frequency {
        let f = freqs(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f[0].2
    }

    #[test]
    fn english() {
        use Frequency::*;
        for (s, l) in [
            ("every six months", Semiannual),
            ("semi-annually", Semiannual),
            ("twice a year", Semiannual),
            ("annually", Annual),
            ("each year", Annual),
            ("by 31 March of each year", Annual),
            ("yearly", Annual),
            ("an annual report", Annual),
            ("quarterly", Quarterly),
            ("for each quarter", Quarterly),
            ("every three months", Quarterly),
            ("monthly", Monthly),
            ("every week", Weekly),
            ("each six-month period", Semiannual),
            ("not more than once in every six months", Semiannual),
            ("three times a year", Other),
            ("every two years", Other),
            ("each time it receives funds", PerEvent),
            ("shall update at least monthly:", Monthly),
        ] {
            assert_eq!(label(s), l, "{s}");
        }
        assert_eq!(freqs("three times a year")[0].1, 3.0);
        assert_eq!(freqs("every two years")[0].1, 0.5);
        assert!(freqs("the minimum monthly wage and the annual turnover").is_empty());
    }

    #[test]
    fn fara_period_of_six_months() {
        let qs = extract(
            "shall, within thirty days after the expiration of each period of six months succeeding such filing, file",
            &Options::default(),
        );
        let kinds: Vec<_> = qs.iter().map(|q| (q.kind, q.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (QuantityKind::Deadline, "within thirty days"),
                (QuantityKind::Frequency, "each period of six months"),
            ]
        );
        assert!(matches!(
            qs[1].value,
            Value::Frequency {
                label: Frequency::Semiannual,
                ..
            }
        ));
    }

    #[test]
    fn russian() {
        use Frequency::*;
        for (s, l) in [
            ("ежеквартально", Quarterly),
            ("один раз в полгода", Semiannual),
            ("раз в полгода", Semiannual),
            ("ежегодно", Annual),
            ("ежемесячно", Monthly),
            ("каждые шесть месяцев", Semiannual),
            ("два раза в год", Semiannual),
            ("раз в три месяца", Quarterly),
            ("каждый квартал", Quarterly),
        ] {
            assert_eq!(label(s), l, "{s}");
        }
    }

    #[test]
    fn georgian() {
        use Frequency::*;
        assert_eq!(label("ყოველწლიურად"), Annual);
        let f = freqs("რეგისტრაციის წლის ყოველი შემდგომი წლის იანვრის თვეში ელექტრონულად");
        assert_eq!(
            f,
            [(
                "ყოველი შემდგომი წლის იანვრის თვეში".to_string(),
                1.0,
                Annual
            )]
        );
        assert_eq!(label("ყოველ ექვს თვეში"), Semiannual);
        assert_eq!(label("წელიწადში ორჯერ"), Semiannual);
        assert_eq!(label("ყოველთვიურად"), Monthly);
        assert_eq!(label("დასაშვებია 6 თვეში მხოლოდ ერთხელ"), Semiannual);
    }
}
