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
//! `за каждый день просрочки`, Georgian `ყოველი მომდევნო თვის`, Spanish `por cada día de
//! retraso`, `diarios`.
//!
//! Spanish amounts are read in words and figures (`cien mil dólares de los Estados Unidos de
//! América`, `quinientas (500)`, `1.000.000,50 guaraníes`, `de diez a treinta …`, `entre 10 y
//! 50 UTM`), with the symbols and abbreviations of the region (`US$`, `C$`, `Bs.`, `₲`, `Gs.`,
//! `S/`, `Q`, `₡`) and of other traditions (`KM`, `Ft`, `₾`, `сом`, `руб.`, `лв.`, `Kč`, `zł`,
//! `Birr`, `Ksh`).
//!
//! # Indexed units
//!
//! An amount in a unit whose value moves (`50 UTM`, `diez unidades impositivas tributarias`,
//! `veinte salarios mínimos`, `cien jornales mínimos`, `quinientas veces el tipo de cambio
//! oficial de la moneda de mayor valor`, `level 4 on the standard scale`) is converted with
//! the unit's dated, sourced value from `rules/jurisdictions.toml` ([`Options::units`]) and
//! keeps the unit beside it (`Value::Money::index`); without a value it is recorded as
//! [`Value::Indexed`], never converted by guess, so it weighs nothing in the profile.
//!
//! # Caps and recurring fines
//!
//! A cap right after a recurring amount (`EUR 20 per day of delay, capped at EUR 1,000`, `up to
//! a maximum of`, `hasta un máximo de`, `sin que pueda exceder de`, `но не более`) is kept as
//! `Value::Money::cap`. What a fine can come to in a year ([`Value::money_ceiling`]) is the
//! cap where the text gives one; otherwise an amount per day, week or month counts 365, 52 or
//! 12 times; an amount per violation is not multiplied, since the number of violations is not
//! in the text. Proportionality tests (EUR, months of wages) weigh that ceiling; the profile's
//! highest fine is the amount as stated, with its period.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::number::{AMOUNT, AMOUNT_ES, AMOUNT_FR, parse};
use super::{COMPARATOR, Comparison, Indexed, Options, Period, Quantity, QuantityKind, Value};
use super::{comparison, compile, each_match, quantity};

/// ISO 4217 codes recognised next to an amount (upper case only).
const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ARS", "AUD", "AZN", "BAM", "BDT", "BGN", "BHD", "BRL", "BYN",
    "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "DZD", "EGP", "ETB", "EUR", "GBP", "GEL",
    "HKD", "HRK", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JOD", "JPY", "KES", "KGS",
    "KRW", "KWD", "KZT", "LBP", "LKR", "MAD", "MDL", "MKD", "MNT", "MXN", "MYR", "NGN", "NIO",
    "NOK", "NPR", "NZD", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK",
    "SGD", "THB", "TJS", "TMT", "TND", "TRY", "TZS", "UAH", "UGX", "USD", "UZS", "VND", "XAF",
    "XOF", "ZAR", "VES", "PYG", "GTQ", "UYU", "CRC", "HNL", "BOB", "DOP", "PAB", "SVC",
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
const COLONES: &[&str] = &["CRC", "SVC"];
const BOLIVARES: &[&str] = &["VES", "BOB"];

/// Symbols and abbreviations written before an amount.
const PREFIX: &str = r"(?:\b(?:US|U\.S\.|C|CA|A|AU|NZ|HK|S|R|RD)\$|\$|€|£|¥|₹|₽|₾|₴|₸|₺|₪|₦|₨|₲|₡|\bRs\b\.?|\bKM\b|\b(?:Birr|Br|Ksh|KShs?|Tk|Lei|Rp)\b\.?|\bS/\.?|\bBs\.?(?:S\.|F\.)?|\bGs\.?|\bQ\.?)";

/// Currency words (any case) written after an amount.
const WORDS: &str = r"(?i:(?:(?:united\s+states|u\.\s?s\.|us|american|canadian|australian|new\s+zealand|hong\s+kong|singapore)\s+)?dollars?|euros?|pounds?(?:\s+sterling)?|lari|forints?|roubles?|rubles?|rupees?|(?:swiss\s+)?francs?|soms?|tenge|c[oó]rdobas?|dinars?|dinara|denars?|hryvni?as?|z[lł]ot(?:ych|ys|y|e)|lei|manats?|drams?|(?:new\s+)?shekels?|yen|yuan|rand|shillings?|naira|birr|taka|pesos?|kunas?|korun[ay]?|kron(?:or|er|a|e)|leva?|eur(?:om|á|a|o)?|konvertibiln\w+\s+mar\w+)\b|(?i:рубл[а-яё]*|руб\.|долл(?:ар[а-яё]*|\.)(?:\s+США)?|евро|сом(?:ов|а)?|тенге|гривн[а-яё]*|гривен|манат[а-яё]*|лари)|ლარ\w*|(?:აშშ\s+)?დოლარ\w*|ევრო\w*|\bFt\b|\bKM\b|\bKč|\bzł|лв\.?|лева?\b|\bGs\b\.?|\bBs\b\.?";

/// Symbols written after an amount.
const SUFFIX_SYMBOLS: &str = r"(?:\$|€|£|₽|₾|₴|₸|₺|₪|₦|₹|₲|₡)";

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
        r"^(?:\s*,)?\s+(?:(?i:for\s+(?:each|every)|per|a|each|pour\s+chaque|par|por\s+cada|por|за\s+кажд[а-яё]*)\s+(?:(?P<q>(?i:subsequent|additional|further|following|repeated|calendar|working|full|commenced|nuev[oa]|adicional|posterior|последующ[а-яё]*|следующ[а-яё]*|повторн[а-яё]*|полн[а-яё]*))\s+)?(?P<per>(?i:days?|weeks?|months?|years?|violations?|offences?|offenses?|contraventions?|breach(?:es)?|infringements?|jours?|mois|ans?|infractions?|d[íi]as?|semanas?|mes(?:es)?|años?|infracci[óo]n(?:es)?|incumplimientos?|violaci[óo]n(?:es)?)\b|(?i:день|дня|недел[а-яё]+|месяц[а-яё]*|год[а-яё]*|нарушени[а-яё]+|правонарушени[а-яё]+))(?:\s+(?i:of|on|during|in)\s+(?i:delay|default|non-compliance))?(?:\s+(?i:de|en\s+el)\s+(?i:retraso|retardo|mora|demora|atraso|incumplimiento))?(?:\s+просрочки)?|(?P<daily>(?i:daily|per\s+diem|diari[oa]s?))\b|,?\s*(?:რომელიც[^.;]{0,60}?)?ყოველი?\s+(?:(?:მომდევნო|შემდგომი)\s+)?(?P<ka>დღის|დღეზე|კვირის|თვის|თვეზე|წლის))",
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
        "br" | "br." => code("ETB"),
        "ksh" | "ksh." | "kshs" | "kshs." => code("KES"),
        "tk" | "tk." => code("BDT"),
        "rp" | "rp." => code("IDR"),
        "ft" => code("HUF"),
        "km" => code("BAM"),
        "kč" => code("CZK"),
        "zł" => code("PLN"),
        "лв" | "лв." | "лев" | "лева" => code("BGN"),
        "₲" | "gs" | "gs." => code("PYG"),
        "₡" => family(COLONES),
        "rd$" => code("DOP"),
        "s/" | "s/." => code("PEN"),
        "q" | "q." => code("GTQ"),
        _ if starts("bs") => family(BOLIVARES),
        _ if starts("dólar") || starts("dolar") => {
            if l.contains("estados unidos")
                || l.contains("estadounidense")
                || l.contains("americano")
            {
                code("USD")
            } else {
                family(DOLLARS)
            }
        }
        _ if starts("bolívar") || starts("bolivar") => code("VES"),
        _ if starts("guaran") => code("PYG"),
        _ if l == "sol" || l == "soles" || starts("nuevos soles") => code("PEN"),
        _ if starts("quetzal") => code("GTQ"),
        _ if starts("colón") || starts("colon") => family(COLONES),
        _ if starts("lempira") => code("HNL"),
        _ if starts("boliviano") => code("BOB"),
        _ if starts("balboa") => code("PAB"),
        _ if starts("peso") && l.contains(' ') => match l.split_whitespace().nth(1) {
            Some(w) if w.starts_with("chilen") => code("CLP"),
            Some(w) if w.starts_with("uruguay") => code("UYU"),
            Some(w) if w.starts_with("mexican") => code("MXN"),
            Some(w) if w.starts_with("colombian") => code("COP"),
            Some(w) if w.starts_with("argentin") => code("ARS"),
            Some(w) if w.starts_with("dominican") => code("DOP"),
            Some(w) if w.starts_with("cuban") => code("CUP"),
            _ => family(PESOS),
        },
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
            "nuevo",
            "nueva",
            "adicional",
            "posterior",
        ]
        .contains(&q.as_str())
            || q.starts_with("последующ")
            || q.starts_with("следующ")
            || q.starts_with("повторн")
    });
    let p = per.as_str();
    Some(
        if p.starts_with("day")
            || p == "день"
            || p == "дня"
            || p.starts_with("jour")
            || p.starts_with("día")
            || p.starts_with("dia")
        {
            Period::Day
        } else if p.starts_with("week") || p.starts_with("недел") || p.starts_with("semana") {
            Period::Week
        } else if p.starts_with("month")
            || p.starts_with("месяц")
            || p == "mois"
            || p == "mes"
            || p == "meses"
        {
            Period::Month
        } else if p.starts_with("year") || p == "год" || p.starts_with("an") || p.starts_with("año")
        {
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

/// Builds a money quantity: converts an indexed unit with its known value (or keeps it as
/// [`Value::Indexed`]), and extends the span over a recurring clause and its cap.
#[allow(clippy::too_many_arguments)]
fn money(
    text: &str,
    start: usize,
    end: usize,
    amount: f64,
    max: Option<f64>,
    currency: Option<String>,
    comparison: Option<Comparison>,
    unit: Option<String>,
    options: &Options,
) -> Option<Quantity> {
    if !amount.is_finite() || max.is_some_and(|m| !m.is_finite()) {
        return None;
    }
    let (end, per) = with_period(text, end);
    let (end, cap) = match per {
        Some(Period::Day | Period::Week | Period::Month | Period::Year) => {
            match cap_after(text, end, options) {
                Some((e, c, cap_cur))
                    if cap_cur.is_none() || currency.is_none() || cap_cur == currency =>
                {
                    (e, Some(c))
                }
                _ => (end, None),
            }
        }
        _ => (end, None),
    };
    let value = match unit {
        Some(code) => match options.units.iter().find(|u| u.code == code) {
            Some(u) => Value::Money {
                amount: amount * u.amount,
                max: max.map(|m| m * u.amount),
                currency: Some(u.currency.clone()),
                per,
                comparison,
                cap: cap.map(|c| c * u.amount),
                index: Some(Indexed {
                    unit: code,
                    count: amount,
                    max_count: max,
                }),
            },
            None => Value::Indexed {
                units: Indexed {
                    unit: code,
                    count: amount,
                    max_count: max,
                },
                per,
                comparison,
            },
        },
        None => Value::Money {
            amount,
            max,
            currency,
            per,
            comparison,
            cap,
            index: None,
        },
    };
    quantity(text, QuantityKind::Money, start, end, value)
}

/// Words that state the ceiling of a recurring amount right after it.
static CAP: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*,?\s*(?:(?i:(?:but\s+)?(?:capped\s+at|up\s+to\s+a\s+(?:maximum|total)\s+of|subject\s+to\s+a\s+(?:maximum|cap|ceiling)\s+of|with\s+a\s+(?:maximum|cap|ceiling)\s+of|not\s+exceeding\s+(?:in\s+(?:total|aggregate)\s+|a\s+total\s+of\s+)?|not\s+(?:more\s+than|to\s+exceed)\s+(?:a\s+total\s+of\s+)?|to\s+a\s+maximum\s+of))|(?i:(?:y\s+)?hasta\s+(?:un\s+(?:m[áa]ximo|tope|l[íi]mite)\s+(?:total\s+)?de\s+|alcanzar\s+)?|con\s+un\s+(?:m[áa]ximo|tope|l[íi]mite)\s+(?:total\s+)?de|sin\s+que\s+(?:el\s+total\s+)?pueda\s+(?:exceder|superar)\s+(?:de\s+)?|dans\s+la\s+limite\s+de|jusqu[’']à\s+concurrence\s+de)|(?i:но\s+не\s+более|но\s+не\s+свыше|но\s+не\s+более\s+чем))\s*",
    )
});

/// The cap stated right after a recurring amount: its end, value and currency.
fn cap_after(text: &str, end: usize, options: &Options) -> Option<(usize, f64, Option<String>)> {
    let rest = text.get(end..)?;
    let cue = CAP.find(rest)?;
    let at = end + cue.end();
    for re in [&*SINGLE, &*ES_SINGLE] {
        let Some(caps) = re.captures_at(text, at) else {
            continue;
        };
        let Some(m) = caps.get(0) else { continue };
        if m.start() != at {
            continue;
        }
        let (amount, token) = match (caps.name("a1"), caps.name("a2")) {
            (Some(a), _) => (a, caps.name("pre")?.as_str()),
            (None, Some(a)) => (a, caps.name("post2").or(caps.name("post"))?.as_str()),
            _ => continue,
        };
        let value = parse(amount.as_str(), options.language)?;
        let cur = currency(token, options.default_currency);
        return Some((m.end(), value, cur));
    }
    None
}

/// The code of an indexed unit named after an amount (`UTM`, `unidades impositivas
/// tributarias`, `salarios mínimos`…), if the words name one.
pub fn unit_code(token: &str) -> Option<String> {
    let t = token.split_whitespace().collect::<Vec<_>>().join(" ");
    let l = t.to_lowercase();
    let has = |w: &str| l.contains(w);
    let code = match t.as_str() {
        "UTM" | "UTA" | "UIT" | "UF" | "UR" | "UI" | "BPC" | "UMA" => t.as_str(),
        "U.T." | "U. T." => "UT",
        _ if l.starts_with("unidad") && has("tributaria") && has("mensual") => "UTM",
        _ if l.starts_with("unidad") && has("tributaria") && has("anual") => "UTA",
        _ if l.starts_with("unidad") && has("impositiva") => "UIT",
        _ if l.starts_with("unidad") && has("tributaria") => "UT",
        _ if l.starts_with("unidad") && has("fomento") => "UF",
        _ if l.starts_with("unidad") && has("reajustable") => "UR",
        _ if l.starts_with("unidad") && has("indexada") => "UI",
        _ if l.starts_with("unidad") && has("medida") => "UMA",
        _ if l.starts_with("base") && has("prestaciones") => "BPC",
        _ if l.starts_with("jornal")
            || has("diario")
            || l.starts_with("día")
            || l.starts_with("dia") =>
        {
            "SMD"
        }
        _ if l.starts_with("salario") && has("mínimo")
            || l.starts_with("salario") && has("minimo") =>
        {
            "SMMLV"
        }
        _ if l.starts_with("salario") && has("base") => "CR-SALARIO-BASE",
        _ if l.starts_with("veces") && has("mayor valor") => "BCV-TCMMV",
        _ => return None,
    };
    Some(code.to_string())
}

/// Spanish currency words after an amount.
const ES_CURRENCY: &str = r"(?i:d[óo]lar(?:es)?(?:\s+(?:de\s+los\s+Estados\s+Unidos(?:\s+de\s+(?:Norte\s*)?Am[ée]rica)?|estadounidenses?|americanos?|norteamericanos?))?|euros?|c[óo]rdobas?(?:\s+oro)?|bol[íi]vares(?:\s+(?:soberanos|digitales|fuertes))?|bol[íi]var(?:\s+(?:soberano|digital|fuerte))?|guaran[íi](?:es|s)?|(?:nuevos\s+)?soles|quetzal(?:es)?|colones|col[óo]n|lempiras?|bolivianos?|balboas?|pesos?(?:\s+(?:chilen|uruguay|mexican|colombian|argentin|dominican|cuban)[oa]s?)?)\b";

/// Indexed units after an amount (Spanish names and their abbreviations).
const ES_UNITS: &str = r"(?:(?-i:\bUTM\b|\bUTA\b|\bUIT\b|\bUF\b|\bUR\b|\bUI\b|\bBPC\b|\bUMA\b|\bU\.\s?T\.)|(?i:unidades?\s+(?:tributarias?(?:\s+(?:mensual(?:es)?|anual(?:es)?))?|impositivas?\s+tributarias?|de\s+fomento|reajustables?|indexadas?|de\s+medida\s+y\s+actualizaci[óo]n)\b|bases?\s+de\s+prestaciones\s+y\s+contribuciones\b|salarios?\s+m[íi]nimos?\s+diarios?\b|d[íi]as\s+de\s+salario\s+m[íi]nimo\b|jornales?\s+m[íi]nimos?(?:\s+diarios?)?\b|salarios?\s+m[íi]nimos?(?:\s+(?:mensuales|mensual|legales|legal|vigentes|vigente|unificados|unificado|vitales|vital|y|m[óo]vil(?:es)?)\b){0,4}|salarios?\s+bases?\b|veces\s+el\s+(?:valor\s+del\s+)?tipo\s+de\s+cambio\s+oficial\s+de\s+la\s+moneda\s+de\s+mayor\s+valor(?:\s+publicad[oa]\s+por\s+el\s+Banco\s+Central\s+de\s+Venezuela)?))";

fn es_post() -> String {
    format!(
        "(?:{ES_CURRENCY}|{ES_UNITS}|{WORDS}|{}|{SUFFIX_SYMBOLS})",
        codes()
    )
}

/// A Spanish amount with its currency or unit: `cien mil dólares`, `50 UTM`,
/// `hasta diez salarios mínimos`, `US$ 75.000`.
static ES_SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<cmp>{COMPARATOR})\s+)?(?:(?P<pre>{pre})\s*(?P<a1>{AMOUNT_ES})|(?P<a2>{AMOUNT_ES})\s*(?:(?i:de)\s+)?(?P<post>{post}))",
        pre = prefix(),
        post = es_post(),
        AMOUNT_ES = *AMOUNT_ES,
    ))
});

/// A Spanish range: `de cien mil a doscientos cincuenta mil dólares`, `entre 10 y 50 UTM`,
/// `desde US$ 1.000 hasta US$ 5.000`, `de cien (100) a quinientas (500) veces el tipo…`.
static ES_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<from>\b(?i:de|entre|desde))\s+)?(?:(?P<pre1>{pre})\s*)?(?P<a>{AMOUNT_ES})(?:\s*(?:(?i:de)\s+)?(?P<post1>{post}))?\s+(?P<conn>(?i:a|y|hasta))\s+(?:(?P<pre2>{pre})\s*)?(?P<b>{AMOUNT_ES})(?:\s*(?:(?i:de)\s+)?(?P<post2>{post}))?",
        pre = prefix(),
        post = es_post(),
        AMOUNT_ES = *AMOUNT_ES,
    ))
});

/// A level of the UK standard scale of fines: `a fine not exceeding level 4 on the standard
/// scale`.
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:(?P<cmp>{COMPARATOR})\s+)?\blevel\s+(?P<n>[1-9]|one|two|three|four|five)\s+on\s+the\s+standard\s+scale\b"
    ))
});

/// The currency (or unit) a token names: `(currency, unit)`.
fn currency_or_unit(token: &str, default: Option<&str>) -> (Option<String>, Option<String>) {
    match unit_code(token) {
        Some(u) => (None, Some(u)),
        None => (currency(token, default), None),
    }
}

fn read_es_single(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let (amount, token) = match (caps.name("a1"), caps.name("a2")) {
        (Some(a), _) => {
            if followed_by_percent(text, a.end()) {
                return None;
            }
            (a, caps.name("pre")?.as_str())
        }
        (None, Some(a)) => (a, caps.name("post")?.as_str()),
        _ => return None,
    };
    let value = parse(amount.as_str(), "es")?;
    if !plausible_prefix(token, value) {
        return None;
    }
    let (cur, unit) = currency_or_unit(token, options.default_currency);
    cur.as_ref().or(unit.as_ref())?;
    let cmp = caps
        .name("cmp")
        .and_then(|c| comparison(c.as_str()).or(Some(Comparison::Le)));
    money(
        text,
        m.start(),
        m.end(),
        value,
        None,
        cur,
        cmp,
        unit,
        options,
    )
}

fn read_es_range(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let from = caps
        .name("from")
        .map_or(String::new(), |f| f.as_str().to_lowercase());
    let conn = caps.name("conn")?.as_str().to_lowercase();
    // "de diez a treinta", "con diez a treinta", "entre diez y treinta", "desde … hasta …".
    match (from.as_str(), conn.as_str()) {
        ("de" | "", "a") | ("entre", "y") | ("desde", "hasta") => {}
        _ => return None,
    }
    let first = caps.name("pre1").or(caps.name("post1"));
    let second = caps.name("pre2").or(caps.name("post2"));
    if second.is_none() && caps.name("pre1").is_none() {
        return None;
    }
    if followed_by_percent(text, caps.name("a")?.end())
        || followed_by_percent(text, caps.name("b")?.end())
    {
        return None;
    }
    let a = parse(caps.name("a")?.as_str(), "es")?;
    let b = parse(caps.name("b")?.as_str(), "es")?;
    if a >= b {
        return None;
    }
    let read: Vec<(Option<String>, Option<String>)> = [first, second]
        .into_iter()
        .flatten()
        .map(|t| currency_or_unit(t.as_str(), options.default_currency))
        .collect();
    if read.windows(2).any(|w| w[0] != w[1]) || read.iter().all(|(c, u)| c.is_none() && u.is_none())
    {
        return None;
    }
    let (cur, unit) = read.into_iter().next()?;
    // "de" only joins the range to its noun ("multa de …"), it is not part of the amount.
    let start = if from == "de" {
        caps.name("pre1")
            .or(caps.name("a"))
            .map_or(m.start(), |x| x.start())
    } else {
        m.start()
    };
    money(text, start, m.end(), a, Some(b), cur, None, unit, options)
}

fn read_scale(text: &str, caps: &Captures, options: &Options) -> Option<Quantity> {
    let m = caps.get(0)?;
    let n = match caps.name("n")?.as_str().to_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        d => d.parse().ok()?,
    };
    let cmp = caps
        .name("cmp")
        .and_then(|c| comparison(c.as_str()).or(Some(Comparison::Le)));
    money(
        text,
        m.start(),
        m.end(),
        1.0,
        None,
        None,
        cmp,
        Some(format!("GB-SCALE-{n}")),
        options,
    )
}

/// A one-letter symbol (`Q`) before a small bare number is more likely a label ("Q1") than
/// an amount.
fn plausible_prefix(token: &str, value: f64) -> bool {
    !(token.trim_end_matches('.') == "Q" && value < 100.0)
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
    if !plausible_prefix(token, value) {
        return None;
    }
    money(
        text,
        m.start(),
        m.end(),
        value,
        None,
        currency,
        cmp,
        None,
        options,
    )
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
        None,
        options,
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
    money(
        text,
        m.start(),
        m.end(),
        value,
        None,
        cur,
        cmp,
        None,
        options,
    )
}

/// Proposes the money quantities in `text` (see the module documentation).
pub fn find(text: &str, options: &Options) -> Vec<Quantity> {
    let mut out = each_match(&SINGLE, text, |c| read_single(text, c, options));
    out.extend(each_match(&RANGE, text, |c| read_range(text, c, options)));
    out.extend(each_match(&FRENCH, text, |c| read_french(text, c, options)));
    out.extend(each_match(&ES_SINGLE, text, |c| {
        read_es_single(text, c, options)
    }));
    out.extend(each_match(&ES_RANGE, text, |c| {
        read_es_range(text, c, options)
    }));
    out.extend(each_match(&SCALE, text, |c| read_scale(text, c, options)));
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
            units: &[],
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
            units: &[],
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
