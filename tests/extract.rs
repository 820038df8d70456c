//! Quantity extraction end to end: realistic sentences, the laws in `laws/`, the real-law
//! corpus in ../shared/corpus (skipped, with the reason printed, when absent), and property
//! tests of the invariants (spans, order, no panics) and of number reading.

mod common;

use agentlaw::extract::{
    Comparison, Frequency, Options, Period, Quantity, QuantityKind, UnitValue, Value, extract,
    extract_law,
    number::{parse_english, parse_spanish},
};
use agentlaw::load::Loader;
use proptest::prelude::*;

fn opts(language: &str) -> Options<'_> {
    Options {
        language,
        default_currency: None,
        units: &[],
    }
}

/// Checks the invariants every result must keep.
fn check_invariants(input: &str, found: &[Quantity]) -> Result<(), String> {
    for q in found {
        if q.start >= q.end || q.end > input.len() {
            return Err(format!("span {}..{} outside the text", q.start, q.end));
        }
        if !input.is_char_boundary(q.start) || !input.is_char_boundary(q.end) {
            return Err(format!(
                "span {}..{} not on char boundaries",
                q.start, q.end
            ));
        }
        if input.get(q.start..q.end) != Some(q.text.as_str()) {
            return Err(format!(
                "text {:?} is not input[{}..{}]",
                q.text, q.start, q.end
            ));
        }
    }
    for w in found.windows(2) {
        if w[0].start > w[1].start {
            return Err("not sorted by start".into());
        }
        if w[0].end > w[1].start {
            return Err(format!("{:?} overlaps {:?}", w[0].text, w[1].text));
        }
    }
    Ok(())
}

fn find<'a>(found: &'a [Quantity], kind: QuantityKind, text: &str) -> Option<&'a Quantity> {
    found
        .iter()
        .find(|q| q.kind == kind && q.text.contains(text))
}

fn money_of(q: &Quantity) -> (f64, Option<f64>, Option<&str>, Option<Period>) {
    match &q.value {
        Value::Money {
            amount,
            max,
            currency,
            per,
            ..
        } => (*amount, *max, currency.as_deref(), *per),
        v => panic!("not money: {v:?}"),
    }
}

#[test]
fn realistic_sentences() {
    let text = "(1) An organisation more than 20 per cent of whose income in a calendar year derives \
        from a foreign power shall apply for registration within ten working days after the end of \
        that year, and shall file a financial declaration every six months. (2) Failure to register \
        is punishable by a fine of EUR 10,000 to EUR 30,000, increased by EUR 2,000 for each day of \
        delay, and a repeated failure by imprisonment for a term of up to five years.";
    let found = extract(text, &opts("en"));
    check_invariants(text, &found).expect("invariants");
    let summary: Vec<(QuantityKind, &str)> =
        found.iter().map(|q| (q.kind, q.text.as_str())).collect();
    assert_eq!(
        summary,
        [
            (QuantityKind::Percent, "more than 20 per cent"),
            (QuantityKind::Deadline, "within ten working days"),
            (QuantityKind::Frequency, "every six months"),
            (QuantityKind::Money, "EUR 10,000 to EUR 30,000"),
            (QuantityKind::Money, "EUR 2,000 for each day of delay"),
            (
                QuantityKind::Prison,
                "imprisonment for a term of up to five years"
            ),
        ]
    );
    assert_eq!(
        money_of(&found[3]),
        (10_000.0, Some(30_000.0), Some("EUR"), None)
    );
    assert_eq!(
        money_of(&found[4]),
        (2_000.0, None, Some("EUR"), Some(Period::Day))
    );
}

#[test]
fn canadian_dollars_and_prison_in_one_clause() {
    let text = "(a) on conviction on indictment, to a fine of not more than $5 million or to \
        imprisonment for a term of not more than five years, or to both;";
    let options = Options {
        language: "en",
        default_currency: Some("CAD"),
        units: &[],
    };
    let found = extract(text, &options);
    check_invariants(text, &found).expect("invariants");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].text, "not more than $5 million");
    assert_eq!(money_of(&found[0]), (5e6, None, Some("CAD"), None));
    assert!(matches!(
        found[1].value,
        Value::Prison { max_years, min_years: None } if max_years == 5.0
    ));
}

#[test]
fn georgian_russian_and_indian_sentences() {
    let ka = "მუხლი 9. 1. ამ კანონით დადგენილ ვადაში წარუდგენლობა გამოიწვევს დაჯარიმებას \
        25 000 ლარის ოდენობით. ორგანიზაცია, რომლის შემოსავლის 20%-ზე მეტის წყარო უცხოური ძალაა, \
        10 დღის ვადაში წარადგენს განცხადებას.";
    let found = extract(ka, &opts("ka"));
    check_invariants(ka, &found).expect("invariants");
    let gel = find(&found, QuantityKind::Money, "25 000 ლარის").expect("fine");
    assert_eq!(money_of(gel), (25_000.0, None, Some("GEL"), None));
    let share = find(&found, QuantityKind::Percent, "20%-ზე მეტის").expect("share");
    assert_eq!(
        share.value,
        Value::Percent {
            value: 20.0,
            comparison: Some(Comparison::Gt)
        }
    );
    assert!(find(&found, QuantityKind::Deadline, "10 დღის ვადაში").is_some());

    let ru = "Нарушение наказывается штрафом в размере от 100 000 до 300 000 рублей либо \
        лишением свободы на срок до двух лет. Отчет представляется ежеквартально, а заявление \
        подается в течение десяти дней.";
    let found = extract(ru, &opts("ru"));
    check_invariants(ru, &found).expect("invariants");
    let kinds: Vec<QuantityKind> = found.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuantityKind::Money,
            QuantityKind::Prison,
            QuantityKind::Frequency,
            QuantityKind::Deadline
        ]
    );
    assert_eq!(
        money_of(&found[0]),
        (100_000.0, Some(300_000.0), Some("RUB"), None)
    );

    let india = "shall not defray as far as possible such sum, not exceeding fifty per cent. of \
        such contribution, and shall be punished with imprisonment for a term which may extend \
        to three years, or with fine of Rs. 10,000, or with both.";
    let found = extract(india, &opts("en"));
    check_invariants(india, &found).expect("invariants");
    let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "not exceeding fifty per cent.",
            "imprisonment for a term which may extend to three years",
            "Rs. 10,000"
        ]
    );
    assert_eq!(money_of(&found[2]).2, Some("INR"));
}

#[test]
fn the_laws_in_the_repository() {
    let loader = Loader::default();
    let load = |file: &str| {
        loader
            .load(&common::root().join("laws").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
    };

    let law = load("xg-inostrannye-agenty-2022.md");
    let found = extract_law(&law);
    check_invariants(&law.text, &found).expect("invariants");
    let range = find(
        &found,
        QuantityKind::Money,
        "от пятисот тысяч до 5 000 000 рублей",
    )
    .expect("mixed words and digits");
    assert_eq!(
        money_of(range),
        (500_000.0, Some(5_000_000.0), Some("RUB"), None)
    );
    assert!(find(&found, QuantityKind::Frequency, "раз в полгода").is_some());
    assert!(find(&found, QuantityKind::Prison, "до двух лет").is_some());

    let law = load("xh-ucxouri-gavlena-2024.md");
    let found = extract_law(&law);
    check_invariants(&law.text, &found).expect("invariants");
    let monthly = find(&found, QuantityKind::Money, "20 000 ლარით").expect("recurring fine");
    assert_eq!(
        money_of(monthly),
        (20_000.0, None, Some("GEL"), Some(Period::Month))
    );
    assert!(
        found.iter().all(|q| q.start >= law.body_start),
        "front matter skipped"
    );

    let law = load("xd-lobbying-register-2022.md");
    let found = extract_law(&law);
    let cap = find(&found, QuantityKind::Money, "HUF 1 000 000").expect("cap");
    assert!(matches!(
        cap.value,
        Value::Money {
            comparison: Some(Comparison::Le),
            ..
        }
    ));
    for file in [
        "xa-foreign-agents-2023.md",
        "xb-foreign-influence-transparency-2024.md",
        "xc-foreign-agents-registration-act.md",
        "xe-associations-act-2021.md",
        "xf-ngo-funding-disclosure-2024-draft.md",
        "xf-ngo-funding-disclosure-2025.md",
    ] {
        let law = load(file);
        let found = extract_law(&law);
        check_invariants(&law.text, &found).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!found.is_empty(), "{file}: nothing found");
    }
}

#[test]
fn real_laws_in_the_shared_corpus() {
    let Some(dir) = common::corpus("real_laws_in_the_shared_corpus") else {
        return;
    };
    let loader = Loader::default();
    let mut total = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in &files {
        let law = loader
            .load(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let found = extract_law(&law);
        check_invariants(&law.text, &found).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        total += found.len();
    }
    assert!(total > 50, "only {total} quantities in the corpus");

    let load = |file: &str| loader.load(&dir.join(file)).expect("loads");

    let fara = load("us-fara-1938.txt");
    let found = extract_law(&fara);
    let fine = find(&found, QuantityKind::Money, "$10,000").expect("FARA fine");
    assert_eq!(money_of(fine), (10_000.0, None, Some("USD"), None));
    let term = find(&found, QuantityKind::Prison, "five years").expect("FARA prison term");
    assert_eq!(
        term.value,
        Value::Prison {
            max_years: 5.0,
            min_years: None
        }
    );
    let supplement = find(&found, QuantityKind::Frequency, "each period of six months")
        .expect("FARA supplemental statements");
    assert!(matches!(
        supplement.value,
        Value::Frequency {
            label: Frequency::Semiannual,
            ..
        }
    ));
    assert!(find(&found, QuantityKind::Deadline, "forty-eight hours").is_some());

    let canada = load("ca-fitaa-2024.en.txt");
    let body = canada.text.get(canada.body_start..).unwrap_or("");
    let found = extract(
        body,
        &Options {
            language: &canada.meta.language,
            default_currency: Some("CAD"),
            units: &[],
        },
    );
    let fine = find(&found, QuantityKind::Money, "$5 million").expect("Canadian fine");
    assert_eq!(money_of(fine), (5e6, None, Some("CAD"), None));
    let deadline = find(&found, QuantityKind::Deadline, "14 days").expect("14 days");
    assert!(matches!(
        deadline.value,
        Value::Deadline { days, comparison: Some(Comparison::Le), .. } if days == 14.0
    ));

    let canada_fr = load("ca-fitaa-2024.fr.txt");
    let found = extract_law(&canada_fr);
    let fine = find(&found, QuantityKind::Money, "cinq millions de dollars").expect("amende");
    assert_eq!(money_of(fine).0, 5e6);

    let georgia = load("ge-foreign-influence-2024-bill.ka.txt");
    let found = extract_law(&georgia);
    let fine = find(&found, QuantityKind::Money, "25 000 ლარის").expect("Georgian fine");
    assert_eq!(money_of(fine), (25_000.0, None, Some("GEL"), None));
    let share = find(&found, QuantityKind::Percent, "20%-ზე მეტის").expect("20 % threshold");
    assert!(matches!(
        share.value,
        Value::Percent { value, comparison: Some(Comparison::Gt) } if value == 20.0
    ));
    assert!(find(&found, QuantityKind::Frequency, "ყოველი შემდგომი წლის").is_some());

    let india = load("in-fcra-2010.en.txt");
    let found = extract_law(&india);
    let term = find(&found, QuantityKind::Prison, "three years").expect("Indian prison term");
    assert!(matches!(term.value, Value::Prison { max_years, .. } if max_years == 3.0));
    let cap = find(&found, QuantityKind::Percent, "fifty per cent.").expect("50 % cap");
    assert!(matches!(cap.value, Value::Percent { value, .. } if value == 50.0));
}

/// English words for `n` < 10^9, with or without hyphens and "and" after hundreds.
fn english(n: u64, hyphen: bool, and: bool) -> String {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let below_100 = |r: u64| -> String {
        if r < 20 {
            UNITS[r as usize].to_string()
        } else if r % 10 == 0 {
            TENS[(r / 10) as usize].to_string()
        } else {
            let sep = if hyphen { "-" } else { " " };
            format!(
                "{}{sep}{}",
                TENS[(r / 10) as usize],
                UNITS[(r % 10) as usize]
            )
        }
    };
    let below_1000 = |n: u64| -> String {
        let (h, r) = (n / 100, n % 100);
        let mut parts = Vec::new();
        if h > 0 {
            parts.push(format!("{} hundred", UNITS[h as usize]));
        }
        if r > 0 {
            if h > 0 && and {
                parts.push("and".to_string());
            }
            parts.push(below_100(r));
        }
        parts.join(" ")
    };
    if n == 0 {
        return "zero".into();
    }
    let mut parts = Vec::new();
    for (scale, name) in [(1_000_000, "million"), (1_000, "thousand")] {
        let group = (n / scale) % 1000;
        if group > 0 {
            parts.push(format!("{} {name}", below_1000(group)));
        }
    }
    if n % 1000 > 0 {
        parts.push(below_1000(n % 1000));
    }
    parts.join(" ")
}

/// Groups `n` in thousands with `sep`.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Words, numbers and marks that the extractors react to, to build texts full of near misses.
const TOKENS: &[&str] = &[
    "within",
    "ten",
    "10",
    "days",
    "working",
    "EUR",
    "$",
    "€",
    "5",
    "million",
    "25 000",
    "ლარის",
    "20%",
    "-ზე",
    "მეტი",
    "more than",
    "per cent",
    "per cent.",
    "half",
    "a third",
    "one and a",
    "imprisonment",
    "for up to",
    "five years",
    "лишением свободы",
    "на срок",
    "до",
    "двух",
    "лет",
    "рублей",
    "от",
    "every six months",
    "each",
    "quarter",
    "ежегодно",
    "ყოველი",
    "წლის",
    "for each",
    "day",
    "of delay",
    "up to",
    "from",
    "to",
    "and",
    "between",
    "1,5",
    "1.000",
    "’",
    "'",
    "½",
    "é",
    "д",
    "ა",
    "👍",
    "\u{301}",
    "\u{A0}",
    "\u{202F}",
    "-",
    "–",
    ".",
    ",",
    ";",
    "(",
    "Rs.",
    "forty",
    "-eight",
    "hours",
    "thousand",
    "dollars",
    "ათასი",
    "ოცდახუთი",
    "тысяч",
    "пяти",
    "%",
    "dentro de los",
    "quince",
    "días",
    "hábiles",
    "multa de",
    "cien mil",
    "a",
    "dólares",
    "y",
    "treinta",
    "por ciento",
    "(500)",
    "UTM",
    "salarios mínimos",
    "prisión de",
    "años",
    "cada",
    "meses",
    "US$",
    "Bs.",
    "S/",
    "Q",
    "₲",
    "capped at",
    "hasta un máximo de",
];

fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(TOKENS),
            prop::sample::select(&["", " ", " ", "  ", "\n", "\u{A0}"][..]),
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

/// Spanish number words built like a drafter writes them (`doscientos cincuenta mil`).
fn spanish(n: u64) -> String {
    const UNITS: [&str; 30] = [
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciséis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veinte",
        "veintiuno",
        "veintidós",
        "veintitrés",
        "veinticuatro",
        "veinticinco",
        "veintiséis",
        "veintisiete",
        "veintiocho",
        "veintinueve",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "",
        "treinta",
        "cuarenta",
        "cincuenta",
        "sesenta",
        "setenta",
        "ochenta",
        "noventa",
    ];
    const HUNDREDS: [&str; 10] = [
        "",
        "ciento",
        "doscientos",
        "trescientos",
        "cuatrocientos",
        "quinientos",
        "seiscientos",
        "setecientos",
        "ochocientos",
        "novecientos",
    ];
    fn below_1000(n: u64) -> String {
        let mut parts: Vec<String> = Vec::new();
        let (h, r) = (n / 100, n % 100);
        if h > 0 {
            parts.push(if n == 100 {
                "cien".into()
            } else {
                HUNDREDS[h as usize].into()
            });
        }
        if r > 0 {
            if r < 30 {
                parts.push(UNITS[r as usize].into());
            } else if r % 10 == 0 {
                parts.push(TENS[(r / 10) as usize].into());
            } else {
                parts.push(format!(
                    "{} y {}",
                    TENS[(r / 10) as usize],
                    UNITS[(r % 10) as usize]
                ));
            }
        }
        parts.join(" ")
    }
    if n == 0 {
        return "cero".into();
    }
    let (millions, thousands, rest) = (n / 1_000_000, (n / 1000) % 1000, n % 1000);
    let mut parts = Vec::new();
    if millions == 1 {
        parts.push("un millón".to_string());
    } else if millions > 1 {
        parts.push(format!("{} millones", below_1000(millions)));
    }
    if thousands == 1 {
        parts.push("mil".into());
    } else if thousands > 1 {
        parts.push(format!("{} mil", below_1000(thousands)));
    }
    if rest > 0 {
        parts.push(below_1000(rest));
    }
    parts.join(" ")
}

fn es(text: &str, currency: Option<&'static str>) -> Vec<Quantity> {
    let options = Options {
        language: "es",
        default_currency: currency,
        units: &[],
    };
    let found = extract(text, &options);
    check_invariants(text, &found).expect("invariants");
    found
}

fn summary(found: &[Quantity]) -> Vec<(QuantityKind, &str)> {
    found.iter().map(|q| (q.kind, q.text.as_str())).collect()
}

#[test]
fn spanish_central_american_drafting() {
    // Written for this test in the style of a Central American decree.
    let text = "Art. 7.- Las entidades obligadas deberán solicitar su inscripción dentro de los \
        sesenta días calendario siguientes y rendirán informes trimestrales. Art. 8.- La \
        infracción será sancionada con multa de cincuenta mil a ciento veinte mil dólares de los \
        Estados Unidos de América. Art. 9.- Se establece un gravamen del veinte por ciento (20 %) \
        sobre cada transferencia. Art. 10.- El infractor reincidente será castigado con prisión de \
        dos a cuatro años.";
    let found = es(text, Some("USD"));
    assert_eq!(
        summary(&found),
        [
            (
                QuantityKind::Deadline,
                "dentro de los sesenta días calendario"
            ),
            (QuantityKind::Frequency, "trimestrales"),
            (
                QuantityKind::Money,
                "cincuenta mil a ciento veinte mil dólares de los Estados Unidos de América"
            ),
            (QuantityKind::Percent, "veinte por ciento (20 %)"),
            (QuantityKind::Prison, "prisión de dos a cuatro años"),
        ]
    );
    assert!(matches!(
        found[0].value,
        Value::Deadline { days, working_days: false, .. } if days == 60.0
    ));
    assert_eq!(
        money_of(&found[2]),
        (50_000.0, Some(120_000.0), Some("USD"), None)
    );
    assert!(matches!(found[3].value, Value::Percent { value, .. } if value == 20.0));
    assert!(matches!(
        found[4].value,
        Value::Prison { max_years, min_years: Some(m) } if max_years == 4.0 && m == 2.0
    ));
}

#[test]
fn spanish_southern_cone_and_peninsular_drafting() {
    // Written for this test: Southern Cone and Spanish conventions (figures with points and
    // commas, "corridos", "a más tardar … de cada año", indexed units, the term before the
    // sanction).
    let text = "Artículo 12.- La memoria se presentará a más tardar el 30 de abril de cada año. \
        Las modificaciones se comunicarán en un plazo no mayor de diez días hábiles. La multa \
        será de 1.500.000,50 guaraníes, o de ₲ 2.000.000 en caso de reincidencia, y la falta \
        grave se sancionará con diez a treinta unidades tributarias mensuales o con pena de tres \
        a cinco años de reclusión. Las entidades cuyos ingresos provengan en más del treinta y \
        cinco por ciento del exterior informarán cada seis meses.";
    let units = [UnitValue {
        code: "UTM".into(),
        amount: 60_000.0,
        currency: "CLP".into(),
    }];
    let options = Options {
        language: "es",
        default_currency: Some("PYG"),
        units: &units,
    };
    let found = extract(text, &options);
    check_invariants(text, &found).expect("invariants");
    assert_eq!(
        summary(&found),
        [
            (QuantityKind::Frequency, "cada año"),
            (
                QuantityKind::Deadline,
                "en un plazo no mayor de diez días hábiles"
            ),
            (QuantityKind::Money, "1.500.000,50 guaraníes"),
            (QuantityKind::Money, "₲ 2.000.000"),
            (
                QuantityKind::Money,
                "diez a treinta unidades tributarias mensuales"
            ),
            (QuantityKind::Prison, "de tres a cinco años de reclusión"),
            (QuantityKind::Percent, "más del treinta y cinco por ciento"),
            (QuantityKind::Frequency, "cada seis meses"),
        ]
    );
    assert_eq!(money_of(&found[2]), (1_500_000.5, None, Some("PYG"), None));
    assert_eq!(money_of(&found[3]), (2_000_000.0, None, Some("PYG"), None));
    // Converted with the unit's value, and the unit kept beside.
    match &found[4].value {
        Value::Money {
            amount,
            max,
            currency,
            index: Some(ix),
            ..
        } => {
            assert_eq!((*amount, *max), (600_000.0, Some(1_800_000.0)));
            assert_eq!(currency.as_deref(), Some("CLP"));
            assert_eq!(
                (ix.unit.as_str(), ix.count, ix.max_count),
                ("UTM", 10.0, Some(30.0))
            );
        }
        v => panic!("{v:?}"),
    }
    assert!(matches!(
        found[1].value,
        Value::Deadline { days, working_days: true, .. } if days == 10.0
    ));
    assert!(matches!(
        found[6].value,
        Value::Percent { value, comparison: Some(Comparison::Gt) } if value == 35.0
    ));
    assert!(matches!(
        found[7].value,
        Value::Frequency {
            label: Frequency::Semiannual,
            ..
        }
    ));
}

#[test]
fn spanish_rates_are_not_frequencies() {
    for text in [
        "el salario mínimo mensual vigente",
        "sus ingresos anuales",
        "una cuota mensual de los asociados",
    ] {
        let f: Vec<_> = es(text, None)
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Frequency)
            .collect();
        assert!(f.is_empty(), "{text}: {f:?}");
    }
    let f = es("presentarán anualmente sus cuentas anuales", None);
    assert_eq!(f.len(), 2, "{f:?}");
}

#[test]
fn indexed_units_without_a_value_stay_unmeasured() {
    for (text, unit) in [
        ("multa de hasta veinte salarios mínimos mensuales", "SMMLV"),
        ("multa de cien (100) jornales mínimos", "SMD"),
        ("multa de 50 UIT", "UIT"),
        (
            "a fine not exceeding level 5 on the standard scale",
            "GB-SCALE-5",
        ),
        (
            "multa de quinientas (500) veces el tipo de cambio oficial de la moneda de mayor valor",
            "BCV-TCMMV",
        ),
    ] {
        let found = extract(text, &opts("es"));
        check_invariants(text, &found).expect("invariants");
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        match &found[0].value {
            Value::Indexed { units, .. } => assert_eq!(units.unit, unit, "{text}"),
            v => panic!("{text}: {v:?}"),
        }
    }
    // With a sourced value the same words convert.
    let units = [UnitValue {
        code: "GB-SCALE-4".into(),
        amount: 2500.0,
        currency: "GBP".into(),
    }];
    let options = Options {
        language: "en",
        default_currency: None,
        units: &units,
    };
    let found = extract(
        "liable to a fine not exceeding level 4 on the standard scale",
        &options,
    );
    assert_eq!(money_of(&found[0]), (2500.0, None, Some("GBP"), None));
}

#[test]
fn bracketed_figures_must_agree_with_the_words() {
    assert_eq!(parse_spanish("quinientas (500)"), Some(500.0));
    assert_eq!(parse_spanish("mil (1.000)"), Some(1000.0));
    assert_eq!(parse_spanish("quinientas (400)"), None);
    assert_eq!(parse_spanish("treinta y cinco"), Some(35.0));
    assert_eq!(parse_spanish("dos mil millones"), Some(2e9));
    assert_eq!(parse_spanish("veinte y cinco"), None);
    assert_eq!(parse_spanish("cinco cinco"), None);
}

#[test]
fn symbols_and_local_abbreviations_in_every_tradition() {
    for (text, amount, currency) in [
        ("globom od 2.500 KM", 2500.0, "BAM"),
        ("штраф 3 000 000 руб.", 3e6, "RUB"),
        ("a penalty of US$75,000", 75_000.0, "USD"),
        ("bírság 500 000 Ft", 5e5, "HUF"),
        ("ჯარიმა 5 000 ₾", 5000.0, "GEL"),
        ("айып 100 000 сом", 1e5, "KGS"),
        ("глоба 10 000 лв.", 1e4, "BGN"),
        ("pokuta 50 000 Kč", 5e4, "CZK"),
        ("grzywna 20 000 zł", 2e4, "PLN"),
        ("multa de C$ 50.000", 5e4, "NIO"),
        ("multa de Bs. 9.000", 9e3, "VES"),
        ("multa de S/ 12.000", 1.2e4, "PEN"),
        ("multa de Q 25,000", 2.5e4, "GTQ"),
        ("multa de ₲ 3.000.000", 3e6, "PYG"),
        ("multa de 40.000 bolívares", 4e4, "VES"),
        ("multa de cien mil córdobas", 1e5, "NIO"),
        ("multa de dos millones de guaraníes", 2e6, "PYG"),
        ("multa de 8 000 quetzales", 8e3, "GTQ"),
        ("multa de 500.000 pesos chilenos", 5e5, "CLP"),
        ("a fine of not more than Birr 50,000", 5e4, "ETB"),
        ("a fine not exceeding Ksh. 200,000", 2e5, "KES"),
    ] {
        let options = Options {
            language: "xx",
            default_currency: Some("NIO"),
            units: &[],
        };
        let found: Vec<_> = extract(text, &options)
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Money)
            .collect();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (a, _, c, _) = money_of(&found[0]);
        assert_eq!((a, c), (amount, Some(currency)), "{text}");
    }
    // A quarter label is not an amount in quetzales.
    assert!(
        extract("results for Q1 and Q3", &Options::default())
            .iter()
            .all(|q| q.kind != QuantityKind::Money)
    );
}

#[test]
fn period_formulas_of_westminster_drafting() {
    for text in [
        "must register before the end of the period of 10 days beginning with the day",
        "shall apply before the expiry of the period of ten days after the appointment",
    ] {
        let found = extract(text, &Options::default());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert!(
            matches!(found[0].value, Value::Deadline { days, .. } if days == 10.0),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn caps_bound_recurring_fines() {
    for (text, amount, cap, per) in [
        (
            "EUR 20 per day of delay, capped at EUR 1,000",
            20.0,
            Some(1000.0),
            Period::Day,
        ),
        (
            "USD 500 for each month of delay, up to a maximum of USD 5,000",
            500.0,
            Some(5000.0),
            Period::Month,
        ),
        (
            "cien dólares por cada día de retraso, hasta un máximo de diez mil dólares",
            100.0,
            Some(10_000.0),
            Period::Day,
        ),
        ("US$ 50 diarios", 50.0, None, Period::Day),
    ] {
        let found = extract(text, &opts("es"));
        check_invariants(text, &found).expect("invariants");
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].text, text);
        match &found[0].value {
            Value::Money {
                amount: a,
                cap: c,
                per: Some(p),
                ..
            } => assert_eq!((*a, *c, *p), (amount, cap, per), "{text}"),
            v => panic!("{text}: {v:?}"),
        }
        // The ceiling is the cap, or a year of the recurring amount.
        let ceiling = found[0].value.money_ceiling();
        let expected = cap.unwrap_or(amount * 365.0);
        assert_eq!(ceiling, Some(expected), "{text}");
    }
    // A fine per violation is not multiplied.
    let found = extract("EUR 5,000 for each violation", &Options::default());
    assert_eq!(found[0].value.money_ceiling(), Some(5000.0));
}

// 256 cases each by default; set PROPTEST_CASES for more.
proptest! {
    #[test]
    fn never_panics_and_keeps_invariants_on_arbitrary_text(s in any::<String>()) {
        let found = extract(&s, &Options::default());
        prop_assert_eq!(check_invariants(&s, &found), Ok(()));
    }

    #[test]
    fn keeps_invariants_and_is_deterministic_on_texts_full_of_near_misses(s in texty()) {
        for language in ["en", "ru", "ka", "fr", "es"] {
            let found = extract(&s, &opts(language));
            prop_assert_eq!(check_invariants(&s, &found), Ok(()));
            let again = extract(&s, &opts(language));
            // Compared as JSON: a per-event frequency's NaN rate is `null` there.
            prop_assert_eq!(
                serde_json::to_string(&found).ok(),
                serde_json::to_string(&again).ok()
            );
        }
    }

    #[test]
    fn formatted_amounts_read_back(
        int in 0u64..1_000_000_000_000,
        cents in prop::option::of(0u64..100),
        sep in prop::sample::select(&[",", ".", " ", "\u{A0}", "\u{202F}", "'", "’"][..]),
        comma_decimal in any::<bool>(),
        placement in 0usize..8,
    ) {
        let decimal = match sep {
            "," => ".",
            "." => ",",
            _ if comma_decimal => ",",
            _ => ".",
        };
        let mut number = grouped(int, sep);
        if let Some(c) = cents {
            number.push_str(&format!("{decimal}{c:02}"));
        }
        let (phrase, currency) = match placement {
            0 => (format!("EUR {number}"), "EUR"),
            1 => (format!("{number} GEL"), "GEL"),
            2 => (format!("${number}"), "USD"),
            3 => (format!("€ {number}"), "EUR"),
            4 => (format!("{number} €"), "EUR"),
            5 => (format!("{number} euros"), "EUR"),
            6 => (format!("{number} рублей"), "RUB"),
            _ => (format!("{number} ლარი"), "GEL"),
        };
        let text = format!("The fine is {phrase} for the offence.");
        let found = extract(&text, &Options::default());
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(&found[0].text, &phrase);
        let expected = int as f64 + cents.map_or(0.0, |c| c as f64 / 100.0);
        match &found[0].value {
            Value::Money { amount, currency: c, .. } => {
                prop_assert!((amount - expected).abs() <= expected * 1e-12, "{} != {}", amount, expected);
                prop_assert_eq!(c.as_deref(), Some(currency));
            }
            v => prop_assert!(false, "not money: {:?}", v),
        }
    }

    #[test]
    fn spanish_number_words_read_back(n in 1u64..1_000_000_000) {
        let words = spanish(n);
        prop_assert_eq!(parse_spanish(&words), Some(n as f64), "{}", words);
        let text = format!("La organización deberá inscribirse dentro de los {words} días siguientes.");
        let found = extract(&text, &opts("es"));
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        let within = format!("dentro de los {words} días");
        prop_assert_eq!(found[0].text.as_str(), within.as_str());
    }

    #[test]
    fn english_number_words_read_back(n in 0u64..1_000_000_000, hyphen in any::<bool>(), and in any::<bool>()) {
        let words = english(n, hyphen, and);
        prop_assert_eq!(parse_english(&words), Some(n as f64), "{}", words);
        if n > 0 {
            let text = format!("The registrant shall file within {words} days of the request.");
            let found = extract(&text, &Options::default());
            prop_assert_eq!(found.len(), 1, "{:?}", found);
            let within = format!("within {words} days");
            prop_assert_eq!(found[0].text.as_str(), within.as_str());
            let count_ok = matches!(found[0].value, Value::Deadline { count, .. } if count == n as f64);
            prop_assert!(count_ok, "{:?}", found[0].value);
        }
    }
}
