//! Amounts of money: fines, thresholds and their ranges.
//!
//! An amount needs a currency next to it, before or after the number: an ISO 4217 code
//! (`USD 10,000`, `25,000 GEL`), a symbol (`$10,000`, `€40,000`, `1 000 000 $`, `Rs. 500`), or a
//! currency word in English, Russian, Georgian, French, Hungarian, Slovak or Serbian
//! (`five million dollars`, `500 000 roubles`, `пяти миллионов рублей`, `25 000 ლარის`,
//! `7 200 000 forint`). A bare number is never money, so a percentage ("a fine of 20 per
//! cent of the turnover") stays a percentage.
//!
//! Words and symbols shared by several currencies (dollar, rupee, rouble, franc, pound, dinar,
//! crown, peso, shilling…) resolve to the law's currency ([`Options::default_currency`]) when
//! it is one of them, and to the most common one (USD, INR, RUB, CHF, GBP…) otherwise;
//! qualified forms (`US$`, `C$`, `Canadian dollars`, `долларов США`) resolve to their own.
//!
//! A bound before the amount is kept as its [`Comparison`] (`not more than $5 million`,
//! `до пяти миллионов рублей`, Georgian `ლარამდე`, "up to … lari"). Ranges read as one
//! quantity: `from 10,000 to 20,000 euros`, `between EUR 2,000 and EUR 5,000`,
//! `EUR 10,000 to EUR 30,000`, `от 100 000 до 300 000 рублей`, `10 000–20 000 EUR`. A clause
//! right after the amount that makes it recur is kept as its [`Period`]: `for each day of
//! delay`, `per day`, `for every month of delay`, `for each subsequent violation`,
//! `за каждый день просрочки`, Georgian `ყოველი მომდევნო თვის`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{AMOUNT, AMOUNT_FR, parse};
use super::{COMPARATOR, Comparison, Options, Period, Quantity, QuantityKind, Value};
use super::{comparison, compile, each_match, quantity};

/// ISO 4217 codes recognised next to an amount (upper case only).
const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ARS", "AUD", "AZN", "BAM", "BDT", "BGN", "BHD", "BRL", "BYN",
    "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "DZD", "EGP", "ETB", "EUR", "GBP", "GEL",
    "HKD", "HRK", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JOD", "JPY", "KES", "KGS",
    "KRW", "KWD", "KZT", "LBP", "LKR", "MAD", "MDL", "MKD", "MNT", "MXN", "MYR", "NGN", "NIO",
    "NOK", "NPR", "NZD", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK",
    "SGD", "THB", "TJS", "TMT", "TND", "TRY", "TZS", "UAH", "UGX", "USD", "UZS", "VND", "XAF",
    "XOF", "ZAR",
];

/// Currencies that share a name or symbol, the most common first.
const DOLLARS: &[&str] = &[
    "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "JMD", "TTD", "BBD", "BSD", "BZD", "FJD",
    "LRD", "NAD", "SBD", "XCD", "GYD", "SRD", "KYD", "BMD", "BND", "ZWL",
];
const PESOS: &[&str] = &["MXN", "ARS", "CLP", "COP", "CUP", "UYU", "DOP", "PHP"];
const POUNDS: &[&str] = &[
    "GBP", "EGP", "LBP", "SYP", "SDG", "SSP", "FKP", "GIP", "SHP",
];
const RUPEES: &[&str] = &["INR", "PKR", "LKR", "NPR", "MUR", "SCR"];
const ROUBLES: &[&str] = &["RUB", "BYN"];
const FRANCS: &[&str] = &[
    "CHF", "XOF", "XAF", "XPF", "GNF", "RWF", "BIF", "KMF", "DJF", "CDF",
];
const DINARS: &[&str] = &["RSD", "JOD", "KWD", "BHD", "IQD", "LYD", "TND", "DZD"];
const CROWNS: &[&str] = &["SEK", "NOK", "DKK", "ISK", "CZK"];
const SHILLINGS: &[&str] = &["KES", "UGX", "TZS", "SOS"];
const LEI: &[&str] = &["RON", "MDL"];
const MANATS: &[&str] = &["AZN", "TMT"];
const SOMS: &[&str] = &["KGS", "UZS"];
const YEN_SIGN: &[&str] = &["JPY", "CNY"];
const C_DOLLAR: &[&str] = &["CAD", "NIO"];

/// Symbols and abbreviations written before an amount.
const PREFIX: &str =
    r"(?:\b(?:US|U\.S\.|C|CA|A|AU|NZ|HK|S|R)\$|\$|€|£|¥|₹|₽|₾|₴|₸|₺|₪|₦|₨|\bRs\b\.?|\bKM\b)";

/// Currency words (any case) written after an amount.
const WORDS: &str = r"(?i:(?:(?:united\s+states|u\.\s?s\.|us|american|canadian|australian|new\s+zealand|hong\s+kong|singapore)\s+)?dollars?|euros?|pounds?(?:\s+sterling)?|lari|forints?|roubles?|rubles?|rupees?|(?:swiss\s+)?francs?|soms?|tenge|c[oó]rdobas?|dinars?|dinara|denars?|hryvni?as?|z[lł]ot(?:ych|ys|y|e)|lei|manats?|drams?|(?:new\s+)?shekels?|yen|yuan|rand|shillings?|naira|birr|taka|pesos?|kunas?|korun[ay]?|kron(?:or|er|a|e)|leva?|eur(?:om|á|a|o)?|konvertibiln\w+\s+mar\w+)\b|(?i:рубл[а-яё]*|руб\.|долл(?:ар[а-яё]*|\.)(?:\s+США)?|евро|сом(?:ов|а)?|тенге|гривн[а-яё]*|гривен|манат[а-яё]*|лари)|ლარ\w*|(?:აშშ\s+)?დოლარ\w*|ევრო\w*|\bFt\b|\bKM\b";

/// Symbols written after an amount.
const SUFFIX_SYMBOLS: &str = r"(?:\$|€|£|₽|₾|₴|₸|₺|₪|₦|₹)";

fn codes() -> String {
    format!(r"\b(?:{})\b", CODES.join("|"))
}

fn prefix() -> String {
    format!("(?:{PREFIX}|{})", codes())
}

fn suffix() -> String {
    format!("(?:{WORDS}|{}|{SUFFIX_SYMBOLS})", codes())
}

/// A single amount with its currency, and an optional bound before it.
static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+)?(?:(?P<pre>{pre})\s*(?P<a1>{AMOUNT})(?:\s*(?P<post1>{post}))?|(?P<a2>{AMOUNT})\s*(?P<post2>{post}))",
        pre = prefix(),
        post = suffix(),
        AMOUNT = *AMOUNT,
    ))
});

/// Two amounts joined into a range.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<from>\b(?i:from|between|of|entre|de)|(?i:от))\s+)?(?:(?P<pre1>{pre})\s*)?(?P<a>{AMOUNT})(?:\s*(?P<post1>{post}))?(?P<conn>\s+(?i:to|and|до|à|et)\s+|\s*[-–—]\s*)(?:(?P<pre2>{pre})\s*)?(?P<b>{AMOUNT})(?:\s*(?P<post2>{post}))?",
        pre = prefix(),
        post = suffix(),
        AMOUNT = *AMOUNT,
    ))
});

/// French amounts in words: `cinq millions de dollars`, `deux cent mille dollars`.
static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+)?(?P<a>{AMOUNT_FR})\s+(?:d[e’']\s*)?(?P<post>(?i:dollars?|euros?|francs?|livres?|roubles?)\b)",
        AMOUNT_FR = *AMOUNT_FR
    ))
});

/// A clause after an amount that makes it recur.
static PER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:\s*,)?\s+(?:(?i:for\s+(?:each|every)|per|a|each|pour\s+chaque|par|за\s+кажд[а-яё]*)\s+(?:(?P<q>(?i:subsequent|additional|further|following|repeated|calendar|working|full|commenced|последующ[а-яё]*|следующ[а-яё]*|повторн[а-яё]*|полн[а-яё]*))\s+)?(?P<per>(?i:days?|weeks?|months?|years?|violations?|offences?|offenses?|contraventions?|breach(?:es)?|infringements?|jours?|mois|ans?|infractions?)\b|(?i:день|дня|недел[а-яё]+|месяц[а-яё]*|год[а-яё]*|нарушени[а-яё]+|правонарушени[а-яё]+))(?:\s+(?i:of|on|during|in)\s+(?i:delay|default|non-compliance))?(?:\s+просрочки)?|(?P<daily>(?i:daily|per\s+diem))\b|,?\s*(?:რომელიც[^.;]{0,60}?)?ყოველი?\s+(?:(?:მომდევნო|შემდგომი)\s+)?(?P<ka>დღის|დღეზე|კვირის|თვის|თვეზე|წლის))",
    )
});

/// A percent sign or word right after a number.
static PERCENT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^\s*(?:%|(?i:per\s*cent|percent|процент|პროცენტ|pour\s*cent))"));

/// The ISO 4217 code for a currency code, symbol or word.
pub fn currency(token: &str, default: Option<&str>) -> Option<String> {
    let t = token.trim();
    if CODES.contains(&t) {
        return Some(t.to_string());
    }
    let lower = t.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let family = |fam: &[&str]| -> Option<String> {
        let chosen = default
            .filter(|d| fam.contains(d))
            .or_else(|| fam.first().copied())?;
        Some(chosen.to_string())
    };
    let code = |c: &str| Some(c.to_string());
    let l = lower.as_str();
    let starts = |p: &str| l.starts_with(p);
    if l.ends_with("сша")
        || starts("აშშ")
        || starts("us")
        || starts("u.")
        || starts("united")
        || starts("american")
    {
        return code("USD");
    }
    match l {
        "$" => {
            let mut all = DOLLARS.to_vec();
            all.extend_from_slice(PESOS);
            family(&all)
        }
        "c$" => family(C_DOLLAR),
        "ca$" => code("CAD"),
        "a$" | "au$" => code("AUD"),
        "nz$" => code("NZD"),
        "hk$" => code("HKD"),
        "s$" => code("SGD"),
        "r$" => code("BRL"),
        "€" => code("EUR"),
        "£" => family(POUNDS),
        "¥" => family(YEN_SIGN),
        "₹" => code("INR"),
        "₽" => code("RUB"),
        "₾" => code("GEL"),
        "₴" => code("UAH"),
        "₸" => code("KZT"),
        "₺" => code("TRY"),
        "₪" => code("ILS"),
        "₦" => code("NGN"),
        "₨" | "rs" | "rs." => family(RUPEES),
        "ft" => code("HUF"),
        "km" => code("BAM"),
        _ if starts("canadian") => code("CAD"),
        _ if starts("australian") => code("AUD"),
        _ if starts("new zealand") => code("NZD"),
        _ if starts("hong kong") => code("HKD"),
        _ if starts("singapore") => code("SGD"),
        _ if starts("swiss") => code("CHF"),
        _ if starts("dollar") || starts("долл") || starts("დოლარ") => family(DOLLARS),
        _ if starts("euro") || starts("eur") || starts("евро") || starts("ევრო") => {
            code("EUR")
        }
        _ if starts("pound") => {
            if l.contains("sterling") {
                code("GBP")
            } else {
                family(POUNDS)
            }
        }
        _ if starts("lari") || starts("ლარ") || starts("лари") => code("GEL"),
        _ if starts("forint") => code("HUF"),
        _ if starts("rouble") || starts("ruble") || starts("рубл") || starts("руб.") => {
            family(ROUBLES)
        }
        _ if starts("rupee") => family(RUPEES),
        _ if starts("franc") => family(FRANCS),
        _ if starts("som") || starts("сом") => family(SOMS),
        _ if starts("tenge") || starts("тенге") => code("KZT"),
        _ if starts("córdoba") || starts("cordoba") => code("NIO"),
        _ if starts("dinar") => family(DINARS),
        _ if starts("denar") => code("MKD"),
        _ if starts("hryvn") || starts("гривн") || starts("гривен") => code("UAH"),
        _ if starts("zlot") || starts("złot") => code("PLN"),
        _ if l == "lei" => family(LEI),
        _ if starts("manat") || starts("манат") => family(MANATS),
        _ if starts("dram") => code("AMD"),
        _ if starts("shekel") || starts("new shekel") => code("ILS"),
        _ if l == "yen" => code("JPY"),
        _ if l == "yuan" => code("CNY"),
        _ if l == "rand" => code("ZAR"),
        _ if starts("shilling") => family(SHILLINGS),
        _ if l == "naira" => code("NGN"),
        _ if l == "birr" => code("ETB"),
        _ if l == "taka" => code("BDT"),
        _ if starts("peso") => family(PESOS),
        _ if starts("kuna") => code("HRK"),
        _ if starts("korun") => code("CZK"),
        _ if starts("kron") => family(CROWNS),
        _ if l == "lev" || l == "leva" => code("BGN"),
        _ if starts("konvertibiln") => code("BAM"),
        _ => None,
    }
}

/// The period a recurring clause names.
fn period(caps: &Captures) -> Option<Period> {
    if caps.name("daily").is_some() {
        return Some(Period::Day);
    }
    if let Some(ka) = caps.name("ka") {
        let w = ka.as_str();
        return Some(if w.starts_with("დღ") {
            Period::Day
        } else if w.starts_with("კვირ") {
            Period::Week
        } else if w.starts_with("თვ") {
            Period::Month
        } else {
            Period::Year
        });
    }
    let per = caps.name("per")?.as_str().to_lowercase();
    let repeat = caps.name("q").is_some_and(|q| {
        let q = q.as_str().to_lowercase();
        [
            "subsequent",
            "additional",
            "further",
            "following",
            "repeated",
        ]
        .contains(&q.as_str())
            || q.starts_with("последующ")
            || q.starts_with("следующ")
            || q.starts_with("повторн")
    });
    let p = per.as_str();
    Some(
        if p.starts_with("day") || p == "день" || p == "дня" || p.starts_with("jour") {
            Period::Day
        } else if p.starts_with("week") || p.starts_with("недел") {
            Period::Week
        } else if p.starts_with("month") || p.starts_with("месяц") || p == "mois" {
            Period::Month
        } else if p.starts_with("year") || p == "год" || p.starts_with("an") {
            Period::Year
        } else if repeat {
            Period::Repeat
        } else {
            Period::Violation
        },
    )
}

/// Extends a money quantity over a recurring clause that follows it.
fn with_period(text: &str, end: usize) -> (usize, Option<Period>) {
    let Some(rest) = text.get(end..) else {
        return (end, None);
    };
    match PER.captures(rest) {
        Some(caps) => match (caps.get(0), period(&caps)) {
            (Some(m), Some(p)) => (end + m.end(), Some(p)),
            _ => (end, None),
        },
        None => (end, None),
    }
}

fn followed_by_percent(text: &str, end: usize) -> bool {
    text.get(end..)
        .is_some_and(|rest| PERCENT_AFTER.is_match(rest))
}

/// The bound of a Georgian currency word that ends in `-ამდე` ("up to").
fn suffix_bound(post: Option<&str>) -> Option<Comparison> {
    post.filter(|p| p.ends_with("ამდე")).map(|_| Comparison::Le)
}

fn money(
    text: &str,
    start: usize,
    end: usize,
    amount: f64,
    max: Option<f64>,
    currency: Option<String>,
    comparison: Option<Comparison>,
) -> Option<Quantity> {
    if !amount.is_finite() || max.is_some_and(|m| !m.is_finite()) {
        return None;
    }
    let (end, per) = with_period(text, end);
    quantity(
        text,
        QuantityKind::Money,
        start,
        end,
        Value::Money {
            amount,
            max,
            currency,
            per,
            comparison,
        },
    )
}

fn read_single(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let (amount, token, post) = match (caps.name("a1"), caps.name("a2")) {
        (Some(a), _) => {
            let pre = caps.name("pre")?.as_str();
            if followed_by_percent(text, a.end()) {
                return None;
            }
            (a, pre, caps.name("post1").map(|p| p.as_str()))
        }
        (None, Some(a)) => {
            let post = caps.name("post2")?.as_str();
            (a, post, Some(post))
        }
        _ => return None,
    };
    let value = parse(amount.as_str(), options.language)?;
    let currency = currency(token, options.default_currency)
        .or_else(|| post.and_then(|p| currency(p, options.default_currency)));
    let cmp = caps
        .name("cmp")
        .and_then(|c| comparison(c.as_str()).or(Some(Comparison::Le)))
        .or_else(|| suffix_bound(post));
    money(text, m.start(), m.end(), value, None, currency, cmp)
}

fn read_range(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let from = caps.name("from").map(|f| f.as_str().to_lowercase());
    let raw_conn = caps.name("conn")?.as_str();
    let conn = raw_conn.trim().to_lowercase();
    let first_cur = caps.name("pre1").or(caps.name("post1"));
    let second_cur = caps.name("pre2").or(caps.name("post2"));
    let from = from.as_deref();
    match conn.as_str() {
        "and" | "et" if !matches!(from, Some("between" | "entre")) => return None,
        "до" if from != Some("от") => return None,
        _ if from == Some("от") && conn != "до" => return None,
        _ => {}
    }
    match (first_cur, second_cur) {
        (None, None) => return None,
        (Some(_), None) if caps.name("pre1").is_none() => return None,
        // "10 000–20 000 EUR", but not "Article 5 – EUR 100".
        (None, Some(_)) if from.is_none() && conn != "to" && raw_conn.len() != conn.len() => {
            return None;
        }
        _ => {}
    }
    if followed_by_percent(text, caps.name("a")?.end())
        || followed_by_percent(text, caps.name("b")?.end())
    {
        return None;
    }
    let a = parse(caps.name("a")?.as_str(), options.language)?;
    let b = parse(caps.name("b")?.as_str(), options.language)?;
    if a >= b {
        return None;
    }
    let currencies: Vec<String> = [first_cur, second_cur]
        .into_iter()
        .flatten()
        .filter_map(|c| currency(c.as_str(), options.default_currency))
        .collect();
    if currencies.windows(2).any(|w| w[0] != w[1]) {
        return None;
    }
    // "of" only joins a range, it is not part of it.
    let start = match (from, caps.name("from")) {
        (Some("of" | "de"), _) => caps
            .name("pre1")
            .or(caps.name("a"))
            .map_or(m.start(), |x| x.start()),
        _ => m.start(),
    };
    let cmp = suffix_bound(caps.name("post2").map(|p| p.as_str()));
    money(
        text,
        start,
        m.end(),
        a,
        Some(b),
        currencies.into_iter().next(),
        cmp,
    )
}

fn read_french(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let value = parse(caps.name("a")?.as_str(), "fr")?;
    let mut cur = currency(caps.name("post")?.as_str(), options.default_currency);
    if caps
        .name("post")
        .is_some_and(|p| p.as_str().to_lowercase().starts_with("livre"))
    {
        cur = Some(
            options
                .default_currency
                .filter(|d| POUNDS.contains(d))
                .unwrap_or("GBP")
                .to_string(),
        );
    }
    let cmp = caps
        .name("cmp")
        .and_then(|c| comparison(c.as_str()).or(Some(Comparison::Le)));
    money(text, m.start(), m.end(), value, None, cur, cmp)
}

/// Proposes the money quantities in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let mut out = each_match(&SINGLE, text, |c| read_single(text, c, options));
    out.extend(each_match(&RANGE, text, |c| read_range(text, c, options)));
    out.extend(each_match(&FRENCH, text, |c| read_french(text, c, options)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn one(text: &str, currency: Option<&str>) -> Value {
        let options = Options {
            language: "en",
            default_currency: currency,
        };
        let found: Vec<_> = extract(text, &options)
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Money)
            .collect();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].value.clone()
    }

    fn amount(text: &str) -> (f64, Option<f64>, String) {
        match one(text, None) {
            Value::Money {
                amount,
                max,
                currency,
                ..
            } => (amount, max, currency.unwrap_or_default()),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn codes_before_and_after() {
        assert_eq!(amount("25,000 GEL"), (25_000.0, None, "GEL".into()));
        assert_eq!(amount("GEL 25 000"), (25_000.0, None, "GEL".into()));
        assert_eq!(amount("USD 10,000"), (10_000.0, None, "USD".into()));
        assert_eq!(amount("HUF 7,200,000"), (7_200_000.0, None, "HUF".into()));
        assert_eq!(amount("EUR 50 000"), (50_000.0, None, "EUR".into()));
    }

    #[test]
    fn symbols() {
        assert_eq!(amount("$10,000"), (10_000.0, None, "USD".into()));
        assert_eq!(amount("$5 million"), (5e6, None, "USD".into()));
        assert_eq!(amount("€40,000"), (40_000.0, None, "EUR".into()));
        assert_eq!(amount("Rs. 10,000"), (10_000.0, None, "INR".into()));
        assert_eq!(amount("1 000 000 $"), (1e6, None, "USD".into()));
        assert_eq!(amount("US$ 2,500"), (2_500.0, None, "USD".into()));
    }

    #[test]
    fn words() {
        assert_eq!(amount("25 000 ლარის ოდენობით"), (25e3, None, "GEL".into()));
        assert_eq!(
            amount("twenty-five thousand lari"),
            (25e3, None, "GEL".into())
        );
        assert_eq!(amount("five million dollars"), (5e6, None, "USD".into()));
        assert_eq!(amount("7 200 000 forint"), (7.2e6, None, "HUF".into()));
        assert_eq!(amount("500 000 roubles"), (5e5, None, "RUB".into()));
        assert_eq!(amount("5 000 000 рублей"), (5e6, None, "RUB".into()));
        assert_eq!(amount("fifty thousand euros"), (5e4, None, "EUR".into()));
        assert_eq!(amount("one lakh rupees"), (1e5, None, "INR".into()));
        assert_eq!(amount("1.5 million euros"), (1.5e6, None, "EUR".into()));
        assert_eq!(amount("ოცდახუთი ათასი ლარი"), (25e3, None, "GEL".into()));
        assert_eq!(amount("100 000 Ft"), (1e5, None, "HUF".into()));
    }

    #[test]
    fn separators() {
        for s in [
            "EUR 1,000,000",
            "EUR 1.000.000",
            "EUR 1 000 000",
            "EUR 1\u{A0}000\u{A0}000",
            "EUR 1\u{202F}000\u{202F}000",
            "EUR 1'000'000",
            "EUR 1’000’000",
        ] {
            assert_eq!(amount(s).0, 1e6, "{s}");
        }
        assert_eq!(amount("EUR 1,000.50").0, 1000.5);
    }

    #[test]
    fn bounds() {
        let v = one("a fine of not more than $5 million", None);
        assert!(
            matches!(v, Value::Money { amount, comparison: Some(Comparison::Le), .. } if amount == 5e6),
            "{v:?}"
        );
        let v = one("до пяти миллионов рублей", None);
        assert!(
            matches!(v, Value::Money { amount, comparison: Some(Comparison::Le), ref currency, .. } if amount == 5e6 && currency.as_deref() == Some("RUB")),
            "{v:?}"
        );
        let v = one("exceeding EUR 1,000", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Gt),
                ..
            }
        ));
        let v = one("fine which may extend to one lakh rupees", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Le),
                ..
            }
        ));
        let v = one("shall in no case exceed CHF 100", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Le),
                ..
            }
        ));
        let v = one("may not exceed HUF 1 000 000", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Le),
                ..
            }
        ));
        let v = one("whose income did not exceed CHF 50,000;", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Le),
                ..
            }
        ));
        let v = one("10 000 ლარამდე", None);
        assert!(matches!(
            v,
            Value::Money {
                comparison: Some(Comparison::Le),
                ..
            }
        ));
    }

    #[test]
    fn ranges() {
        for (s, a, b, c) in [
            ("from 10,000 to 20,000 euros", 1e4, 2e4, "EUR"),
            ("between EUR 2,000 and EUR 5,000", 2e3, 5e3, "EUR"),
            ("от 100 000 до 300 000 рублей", 1e5, 3e5, "RUB"),
            (
                "от пятидесяти тысяч до трехсот тысяч рублей",
                5e4,
                3e5,
                "RUB",
            ),
            ("от пятисот тысяч до 5 000 000 рублей", 5e5, 5e6, "RUB"),
            ("of EUR 10,000 to EUR 30,000", 1e4, 3e4, "EUR"),
            ("EUR 2,000 to 5,000", 2e3, 5e3, "EUR"),
            ("10 000–20 000 EUR", 1e4, 2e4, "EUR"),
            ("between 2,000 and 5,000 euros", 2e3, 5e3, "EUR"),
        ] {
            assert_eq!(amount(s), (a, Some(b), c.to_string()), "{s}");
        }
        let qs = extract("a fine of EUR 10,000 to EUR 30,000;", &Options::default());
        assert_eq!(qs[0].text, "EUR 10,000 to EUR 30,000");
    }

    #[test]
    fn recurring_fines() {
        for (s, p) in [
            ("EUR 2,000 for each day", Period::Day),
            ("EUR 2,000 for each day of delay", Period::Day),
            ("USD 500 per day", Period::Day),
            ("EUR 5,000 for each subsequent violation", Period::Repeat),
            ("EUR 5,000 for each violation", Period::Violation),
            ("EUR 1,000 for every month of delay", Period::Month),
            ("1 000 рублей за каждый день просрочки", Period::Day),
            (
                "20 000 ლარით, რომელიც ხელახლა დაეკისრება ყოველი მომდევნო თვის გასვლისას",
                Period::Month,
            ),
        ] {
            let v = one(s, None);
            assert!(
                matches!(v, Value::Money { per: Some(q), .. } if q == p),
                "{s}: {v:?}"
            );
        }
        let qs = extract("EUR 2,000 for each day of delay", &Options::default());
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(qs[0].text, "EUR 2,000 for each day of delay");
    }

    #[test]
    fn default_currency_for_shared_names() {
        let cad = |s: &str| match one(s, Some("CAD")) {
            Value::Money { currency, .. } => currency,
            v => panic!("{v:?}"),
        };
        assert_eq!(cad("$5 million").as_deref(), Some("CAD"));
        assert_eq!(cad("five million dollars").as_deref(), Some("CAD"));
        assert_eq!(cad("US$5 million").as_deref(), Some("USD"));
        assert_eq!(cad("EUR 5").as_deref(), Some("EUR"));
        assert_eq!(
            currency("рублей", Some("BYN")).as_deref(),
            Some("BYN"),
            "roubles of Belarus"
        );
        assert_eq!(currency("Rs.", Some("PKR")).as_deref(), Some("PKR"));
        assert_eq!(currency("Rs.", Some("EUR")).as_deref(), Some("INR"));
        assert_eq!(
            currency("долларов США", Some("RUB")).as_deref(),
            Some("USD")
        );
    }

    #[test]
    fn french() {
        let options = Options {
            language: "fr",
            default_currency: Some("CAD"),
        };
        let qs = extract(
            "une amende maximale de cinq millions de dollars et une amende maximale de 1 000 000 $",
            &options,
        );
        let amounts: Vec<_> = qs
            .iter()
            .filter_map(|q| match &q.value {
                Value::Money {
                    amount,
                    currency,
                    comparison,
                    ..
                } => Some((*amount, currency.clone(), *comparison)),
                _ => None,
            })
            .collect();
        assert_eq!(
            amounts,
            [
                (5e6, Some("CAD".into()), Some(Comparison::Le)),
                (1e6, Some("CAD".into()), Some(Comparison::Le))
            ]
        );
        assert_eq!(amount("deux cent mille dollars").0, 2e5);
    }

    #[test]
    fn percentages_are_not_money() {
        let qs = extract(
            "a fine of 20 per cent of the amount, but not less than EUR 5,000",
            &Options::default(),
        );
        let kinds: Vec<_> = qs.iter().map(|q| q.kind).collect();
        assert_eq!(
            kinds,
            [QuantityKind::Percent, QuantityKind::Money],
            "{qs:?}"
        );
    }
}
