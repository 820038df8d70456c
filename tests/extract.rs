//! Quantity extraction end to end: realistic sentences, the laws in `laws/`, the real-law
//! corpus in ../shared/corpus (skipped, with the reason printed, when absent), and property
//! tests of the invariants (spans, order, no panics) and of number reading.

mod common;

use agentlaw::extract::{
    Comparison, Frequency, Options, Period, Quantity, QuantityKind, Value, extract, extract_law,
    number::parse_english,
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

// 256 cases each by default; set PROPTEST_CASES for more.
proptest! {
    #[test]
    fn never_panics_and_keeps_invariants_on_arbitrary_text(s in any::<String>()) {
        let found = extract(&s, &Options::default());
        prop_assert_eq!(check_invariants(&s, &found), Ok(()));
    }

    #[test]
    fn keeps_invariants_and_is_deterministic_on_texts_full_of_near_misses(s in texty()) {
        for language in ["en", "ru", "ka", "fr"] {
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
