//! Numbers as laws write them: digits with thousands separators and decimals, and numbers in
//! words in English, Russian, Georgian and French.
//!
//! The extractors find numbers with the regular-expression fragments built here
//! ([`NUMBER`], [`AMOUNT`], [`NUMBER_FR`], [`AMOUNT_FR`]) and read them with [`parse`]. A fragment
//! only delimits a candidate: it accepts any run of number words, and the parser decides. A
//! parser rejects an ill-formed run ("five five", "one thousand million"), and the extractor
//! then drops the candidate rather than guess.
//!
//! # Digits
//!
//! Thousands are grouped with `,`, `.`, a space, a no-break space (U+00A0), a narrow no-break
//! space (U+202F), a thin space (U+2009) or an apostrophe (`'` or `’`), all groups with the same
//! separator and of exactly three digits. The decimal separator is `.` or `,`:
//!
//! * with two kinds of separators, the last one is the decimal separator (`1,000.50`,
//!   `1.000,50`, `1 000,50`);
//! * a single `.` or `,` followed by exactly three digits groups thousands (`10,000`,
//!   `10.000`), otherwise it is a decimal point (`1.5`, `2,75`). Amounts of money are not
//!   written with three decimals, and continental translations keep `10.000`, so this holds
//!   whatever the language of the text.
//!
//! A multiplier may follow the digits: `million`, `bn`, `m` (attached: `$5m`), `thousand`,
//! `lakh`, `crore`, `тыс.`, `млн`, `миллионов`, `ათასი`, `მილიონი`, `millions`.
//!
//! # Words
//!
//! * **English**: `zero` to `trillion`, hyphenated or not, with `and` (`one hundred and
//!   eighty`), `a hundred`, `a thousand`, `one and a half`, and the Indian `lakh` and `crore`.
//! * **Russian**: every case form of the cardinals (`пять`, `пяти`, `пятью`; `тысяча`,
//!   `тысячи`, `тысяч`; `миллион`, `миллиона`, `миллионов`) and `полтора` (1.5).
//! * **Georgian**: vigesimal compounds (`ოცი` 20, `ოცდახუთი` 25, `ორმოცი` 40,
//!   `სამოცდაათი` 70), hundreds (`ასი`, `ორასი`), `ათასი`, `მილიონი`, with the case endings and
//!   the bare stem a number takes before a noun (`ხუთი ათასის`, `ხუთ წლამდე`, `ორიდან`).
//! * **French**: `un` to `milliard`, with `et` and hyphens, `soixante-dix` and `quatre-vingts`.
//! * **Spanish**: `cero` to `billón`, `veinticinco`, `treinta y cinco`, `doscientas`, `mil
//!   millones`, and the figure in brackets that Latin American drafting repeats after the words
//!   (`quinientas (500)`), which must agree with them ([`NUMBER_ES`], [`AMOUNT_ES`]).
//!
//! Words are combined the same way in every language: units, teens and tens add up, a hundred
//! multiplies what precedes it, and a scale word (thousand, million…) closes a group, scales
//! decreasing from left to right.

use std::sync::LazyLock;

use regex::Regex;

/// Digits with optional thousands grouping and decimals (no leading `\b`).
const DIGITS: &str = r"[0-9]{1,3}(?:(?:,|\.|[ \u{A0}\u{202F}\u{2009}\u{2007}]|['’])[0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?";

/// A multiplier word or abbreviation after digits.
const MULTIPLIER: &str = r"(?:\s*(?i:millions?|billions?|thousand|lakhs?|crores?|milliards?|mille)\b|\s*(?i:тысяч[а-яё]*|миллион[а-яё]*|миллиард[а-яё]*|млн|млрд)|\s*(?i:тыс)\.?|(?:m|mn|bn|k)\b|\s+(?:ათას|მილიონ|მილიარდ)\w*)";

const EN_UNITS: [&str; 20] = [
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

const EN_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

const EN_SCALES: [(&str, f64); 9] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
    ("hundred", 1e2),
];

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// 0–9.
    Unit(f64),
    /// 10–19.
    Teen(f64),
    /// 20, 30 … 90 (Georgian: any 20–99).
    Tens(f64),
    /// `hundred` (multiplies) in English and French.
    Hundred,
    /// A whole hundred, 100–900, written as one word (Russian, Georgian).
    Hundreds(f64),
    /// Thousand, million…
    Scale(f64),
    /// `полтора`, 1.5.
    OneAndAHalf,
}

/// Accumulates number words left to right; `None` when a word cannot follow the previous one.
#[derive(Debug, Default)]
struct Acc {
    total: f64,
    current: f64,
    last: Option<Word>,
    last_scale: Option<f64>,
    any: bool,
}

impl Acc {
    fn push(&mut self, w: Word) -> Option<()> {
        use Word::*;
        let ok = match (self.last, w) {
            (None, Hundred) => false,
            (None, _) => true,
            (Some(Tens(t)), Unit(u)) => u >= 1.0 && t % 10.0 == 0.0,
            (Some(Hundred | Hundreds(_) | Scale(_)), Unit(u)) => u >= 1.0,
            (Some(Hundred | Hundreds(_) | Scale(_)), Teen(_) | Tens(_)) => true,
            (Some(Scale(_)), Hundreds(_)) => true,
            (Some(Unit(u)), Hundred) => u >= 1.0,
            (Some(Teen(_)), Hundred) => true,
            (Some(Unit(_) | Teen(_) | Tens(_) | Hundred | Hundreds(_) | OneAndAHalf), Scale(_)) => {
                true
            }
            // Spanish "cuatro millones mil" (4,001,000): "mil" alone after a larger scale
            // word is one thousand; the order check below refuses "mil millones" spelt apart.
            (Some(Scale(_)), Scale(t)) => t == 1e3,
            _ => false,
        };
        if !ok {
            return None;
        }
        if matches!(w, Unit(v) if v == 0.0) && self.any {
            return None;
        }
        match w {
            Unit(v) | Teen(v) | Tens(v) | Hundreds(v) => self.current += v,
            OneAndAHalf => self.current += 1.5,
            Hundred => self.current *= 100.0,
            Scale(s) => {
                if self.last_scale.is_some_and(|p| p <= s) {
                    return None;
                }
                let group = if self.last.is_none() || matches!(self.last, Some(Scale(_))) {
                    1.0
                } else {
                    self.current
                };
                self.total += group * s;
                self.current = 0.0;
                self.last_scale = Some(s);
            }
        }
        self.last = Some(w);
        self.any = true;
        Some(())
    }

    /// Adds one half to the last unit, teen or tens word (`two and a half`).
    fn half(&mut self) -> Option<()> {
        match self.last {
            Some(Word::Unit(u)) if u >= 1.0 => {}
            Some(Word::Teen(_) | Word::Tens(_)) => {}
            _ => return None,
        }
        self.current += 0.5;
        self.last = Some(Word::OneAndAHalf);
        Some(())
    }

    fn value(&self) -> Option<f64> {
        self.any.then_some(self.total + self.current)
    }
}

fn en_word(w: &str) -> Option<Word> {
    if let Some(i) = EN_UNITS.iter().position(|u| *u == w) {
        let v = i as f64;
        return Some(if i < 10 { Word::Unit(v) } else { Word::Teen(v) });
    }
    if let Some(i) = EN_TENS.iter().position(|t| *t == w) {
        return Some(Word::Tens(20.0 + 10.0 * i as f64));
    }
    match w {
        "hundred" => Some(Word::Hundred),
        _ => EN_SCALES
            .iter()
            .find(|(s, _)| *s == w)
            .map(|&(_, v)| Word::Scale(v)),
    }
}

/// Reads English number words: `twenty-five thousand`, `one hundred and eighty`,
/// `a hundred`, `one and a half million`.
pub fn parse_english(s: &str) -> Option<f64> {
    let lower = s.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    let mut acc = Acc::default();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        match t {
            "and" => {
                // "and a half", or "and" after a hundred or a scale word.
                if tokens.get(i + 1) == Some(&"a") && tokens.get(i + 2) == Some(&"half") {
                    acc.half()?;
                    i += 3;
                    continue;
                }
                if !matches!(acc.last, Some(Word::Hundred | Word::Scale(_)))
                    || i + 1 >= tokens.len()
                {
                    return None;
                }
            }
            "a" if !acc.any => {
                // "a hundred", "a thousand".
                match tokens.get(i + 1).and_then(|n| en_word(n)) {
                    Some(Word::Hundred | Word::Scale(_)) => acc.push(Word::Unit(1.0))?,
                    _ => return None,
                }
            }
            _ => acc.push(en_word(t)?)?,
        }
        i += 1;
    }
    acc.value()
}

/// The regular expression for a run of English number words.
fn en_pattern() -> String {
    let mut words: Vec<&str> = EN_UNITS
        .iter()
        .chain(EN_TENS.iter())
        .copied()
        .chain(EN_SCALES.iter().map(|(w, _)| *w))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let w = words.join("|");
    format!(
        r"(?i:\b(?:a\s+(?:hundred|thousand|million|billion)\b|(?:{w})\b)(?:(?:[\s-]+and)?[\s-]+(?:(?:{w})\b|a\s+half\b))*)"
    )
}

/// Russian cardinal forms: (form, word).
fn ru_words() -> Vec<(&'static str, Word)> {
    use Word::*;
    let mut v: Vec<(&'static str, Word)> = Vec::new();
    let mut add = |forms: &[&'static str], w: Word| v.extend(forms.iter().map(|f| (*f, w)));
    add(&["ноль", "нуль", "ноля", "нуля"], Unit(0.0));
    add(
        &[
            "один",
            "одна",
            "одно",
            "одного",
            "одной",
            "одному",
            "одним",
            "одном",
            "одну",
            "одною",
        ],
        Unit(1.0),
    );
    add(&["два", "две", "двух", "двум", "двумя"], Unit(2.0));
    add(&["три", "трех", "трёх", "трем", "трём", "тремя"], Unit(3.0));
    add(
        &[
            "четыре",
            "четырех",
            "четырёх",
            "четырем",
            "четырём",
            "четырьмя",
        ],
        Unit(4.0),
    );
    add(&["пять", "пяти", "пятью"], Unit(5.0));
    add(&["шесть", "шести", "шестью"], Unit(6.0));
    add(&["семь", "семи", "семью"], Unit(7.0));
    add(&["восемь", "восьми", "восемью", "восьмью"], Unit(8.0));
    add(&["девять", "девяти", "девятью"], Unit(9.0));
    add(&["десять", "десяти", "десятью"], Teen(10.0));
    const TEENS: [(&str, &str, &str, f64); 9] = [
        ("одиннадцать", "одиннадцати", "одиннадцатью", 11.0),
        ("двенадцать", "двенадцати", "двенадцатью", 12.0),
        ("тринадцать", "тринадцати", "тринадцатью", 13.0),
        ("четырнадцать", "четырнадцати", "четырнадцатью", 14.0),
        ("пятнадцать", "пятнадцати", "пятнадцатью", 15.0),
        ("шестнадцать", "шестнадцати", "шестнадцатью", 16.0),
        ("семнадцать", "семнадцати", "семнадцатью", 17.0),
        ("восемнадцать", "восемнадцати", "восемнадцатью", 18.0),
        ("девятнадцать", "девятнадцати", "девятнадцатью", 19.0),
    ];
    for (a, b, c, n) in TEENS {
        add(&[a, b, c], Teen(n));
    }
    add(&["двадцать", "двадцати", "двадцатью"], Tens(20.0));
    add(&["тридцать", "тридцати", "тридцатью"], Tens(30.0));
    add(&["сорок", "сорока"], Tens(40.0));
    add(&["пятьдесят", "пятидесяти", "пятьюдесятью"], Tens(50.0));
    add(&["шестьдесят", "шестидесяти", "шестьюдесятью"], Tens(60.0));
    add(&["семьдесят", "семидесяти", "семьюдесятью"], Tens(70.0));
    add(
        &[
            "восемьдесят",
            "восьмидесяти",
            "восемьюдесятью",
            "восьмьюдесятью",
        ],
        Tens(80.0),
    );
    add(&["девяносто", "девяноста"], Tens(90.0));
    add(&["сто", "ста"], Hundreds(100.0));
    add(
        &["двести", "двухсот", "двумстам", "двумястами", "двухстах"],
        Hundreds(200.0),
    );
    add(
        &[
            "триста",
            "трехсот",
            "трёхсот",
            "тремстам",
            "трёмстам",
            "тремястами",
            "трехстах",
            "трёхстах",
        ],
        Hundreds(300.0),
    );
    add(
        &[
            "четыреста",
            "четырехсот",
            "четырёхсот",
            "четыремстам",
            "четырёмстам",
            "четырьмястами",
            "четырехстах",
            "четырёхстах",
        ],
        Hundreds(400.0),
    );
    add(
        &["пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"],
        Hundreds(500.0),
    );
    add(
        &[
            "шестьсот",
            "шестисот",
            "шестистам",
            "шестьюстами",
            "шестистах",
        ],
        Hundreds(600.0),
    );
    add(
        &["семьсот", "семисот", "семистам", "семьюстами", "семистах"],
        Hundreds(700.0),
    );
    add(
        &[
            "восемьсот",
            "восьмисот",
            "восьмистам",
            "восемьюстами",
            "восьмьюстами",
            "восьмистах",
        ],
        Hundreds(800.0),
    );
    add(
        &[
            "девятьсот",
            "девятисот",
            "девятистам",
            "девятьюстами",
            "девятистах",
        ],
        Hundreds(900.0),
    );
    add(
        &[
            "тысяча",
            "тысячи",
            "тысяч",
            "тысячу",
            "тысячей",
            "тысячею",
            "тысячам",
            "тысячами",
            "тысячах",
        ],
        Scale(1e3),
    );
    add(
        &[
            "миллион",
            "миллиона",
            "миллионов",
            "миллиону",
            "миллионом",
            "миллионам",
            "миллионами",
            "миллионе",
            "миллионах",
        ],
        Scale(1e6),
    );
    add(
        &[
            "миллиард",
            "миллиарда",
            "миллиардов",
            "миллиарду",
            "миллиардом",
            "миллиардам",
            "миллиардами",
            "миллиарде",
            "миллиардах",
        ],
        Scale(1e9),
    );
    add(&["полтора", "полторы", "полутора"], OneAndAHalf);
    v
}

static RU_WORDS: LazyLock<Vec<(&'static str, Word)>> = LazyLock::new(ru_words);

/// Reads Russian number words in any case: `пяти миллионов`, `трехсот тысяч`, `двух`.
pub fn parse_russian(s: &str) -> Option<f64> {
    let mut acc = Acc::default();
    for t in s.split_whitespace() {
        let t = t.to_lowercase().replace('ё', "е");
        let w = RU_WORDS
            .iter()
            .find(|(f, _)| f.replace('ё', "е") == t)
            .map(|&(_, w)| w)?;
        acc.push(w)?;
    }
    acc.value()
}

fn ru_pattern() -> String {
    let mut forms: Vec<&str> = RU_WORDS.iter().map(|(f, _)| *f).collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    forms.dedup();
    let w = forms.join("|");
    format!(r"(?i:(?:{w})(?:\s+(?:{w}))*)")
}

/// Georgian stems of 1–19 (the word without its final `-ი`, or `-ა` for 8 and 9).
const KA_UNITS: [(&str, f64); 19] = [
    ("ერთ", 1.0),
    ("ორ", 2.0),
    ("სამ", 3.0),
    ("ოთხ", 4.0),
    ("ხუთ", 5.0),
    ("ექვს", 6.0),
    ("შვიდ", 7.0),
    ("რვ", 8.0),
    ("ცხრ", 9.0),
    ("ათ", 10.0),
    ("თერთმეტ", 11.0),
    ("თორმეტ", 12.0),
    ("ცამეტ", 13.0),
    ("თოთხმეტ", 14.0),
    ("თხუთმეტ", 15.0),
    ("თექვსმეტ", 16.0),
    ("ჩვიდმეტ", 17.0),
    ("თვრამეტ", 18.0),
    ("ცხრამეტ", 19.0),
];

/// Georgian multiples of twenty, the base of its vigesimal tens.
const KA_SCORES: [(&str, f64); 4] = [
    ("ოთხმოც", 80.0),
    ("სამოც", 60.0),
    ("ორმოც", 40.0),
    ("ოც", 20.0),
];

const KA_HUNDREDS: [(&str, f64); 9] = [
    ("ცხრაას", 900.0),
    ("რვაას", 800.0),
    ("შვიდას", 700.0),
    ("ექვსას", 600.0),
    ("ხუთას", 500.0),
    ("ოთხას", 400.0),
    ("სამას", 300.0),
    ("ორას", 200.0),
    ("ას", 100.0),
];

const KA_SCALES: [(&str, f64); 3] = [("მილიარდ", 1e9), ("მილიონ", 1e6), ("ათას", 1e3)];

/// Case endings (and none: the bare stem before a noun, `ხუთ წლამდე`).
const KA_ENDINGS: [&str; 13] = [
    "",
    "ი",
    "ის",
    "ისა",
    "ს",
    "ით",
    "ად",
    "ამდე",
    "იდან",
    "ზე",
    "მა",
    "ში",
    "იანი",
];

/// Endings of `რვა` and `ცხრა`, whose stem ends in `-ა`.
const KA_A_ENDINGS: [&str; 8] = ["ა", "ის", "ისა", "ას", "ით", "ად", "ამდე", "იდან"];

fn ka_ending(rest: &str, stem: &str) -> bool {
    if stem == "რვ" || stem == "ცხრ" {
        KA_A_ENDINGS.contains(&rest)
    } else {
        KA_ENDINGS.contains(&rest)
    }
}

fn ka_unit_with_ending(s: &str) -> Option<f64> {
    // Longest stem first: თხუთმეტ before თ…, ცხრამეტ before ცხრ.
    let mut units: Vec<&(&str, f64)> = KA_UNITS.iter().collect();
    units.sort_by_key(|(u, _)| std::cmp::Reverse(u.len()));
    units
        .into_iter()
        .find(|(u, _)| s.strip_prefix(u).is_some_and(|rest| ka_ending(rest, u)))
        .map(|&(_, v)| v)
}

fn ka_word(w: &str) -> Option<Word> {
    for &(stem, v) in &KA_SCALES {
        if w.strip_prefix(stem).is_some_and(|r| ka_ending(r, stem)) {
            return Some(Word::Scale(v));
        }
    }
    for &(stem, v) in &KA_HUNDREDS {
        if w.strip_prefix(stem).is_some_and(|r| ka_ending(r, stem)) {
            return Some(Word::Hundreds(v));
        }
    }
    for &(stem, v) in &KA_SCORES {
        if let Some(rest) = w.strip_prefix(stem) {
            if let Some(units) = rest.strip_prefix("და") {
                if let Some(u) = ka_unit_with_ending(units) {
                    return Some(Word::Tens(v + u));
                }
            }
            if ka_ending(rest, stem) {
                return Some(Word::Tens(v));
            }
        }
    }
    ka_unit_with_ending(w).map(|u| {
        if u < 10.0 {
            Word::Unit(u)
        } else {
            Word::Teen(u)
        }
    })
}

/// Reads Georgian number words: `ოცდახუთი ათასი`, `ხუთი ათასის`, `ორას ორმოცდაათი`, `ხუთ`.
pub fn parse_georgian(s: &str) -> Option<f64> {
    let mut acc = Acc::default();
    for t in s.split_whitespace() {
        let w = ka_word(t)?;
        // Georgian tens are whole words (ოცდახუთი), never followed by a unit.
        if matches!(acc.last, Some(Word::Tens(_))) && matches!(w, Word::Unit(_)) {
            return None;
        }
        acc.push(w)?;
    }
    acc.value()
}

fn ka_pattern() -> String {
    let alt = |xs: &[(&str, f64)]| {
        let mut v: Vec<&str> = xs.iter().map(|(s, _)| *s).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v.join("|")
    };
    let units = alt(&KA_UNITS);
    let scores = alt(&KA_SCORES);
    let hundreds = alt(&KA_HUNDREDS);
    let scales = alt(&KA_SCALES);
    let word = format!(
        r"(?:(?:{scores})(?:და(?:{units}))?|{hundreds}|{scales}|{units})(?:ისა|ის|ით|ად|ამდე|იდან|იანი|ი|ს|ზე|მა|ში|ას|ა)?"
    );
    format!(r"{word}(?:\s+{word})*")
}

const FR_WORDS: [(&str, f64); 37] = [
    ("zéro", 0.0),
    ("un", 1.0),
    ("une", 1.0),
    ("deux", 2.0),
    ("trois", 3.0),
    ("quatre", 4.0),
    ("cinq", 5.0),
    ("six", 6.0),
    ("sept", 7.0),
    ("huit", 8.0),
    ("neuf", 9.0),
    ("dix", 10.0),
    ("onze", 11.0),
    ("douze", 12.0),
    ("treize", 13.0),
    ("quatorze", 14.0),
    ("quinze", 15.0),
    ("seize", 16.0),
    ("vingt", 20.0),
    ("vingts", 20.0),
    ("trente", 30.0),
    ("quarante", 40.0),
    ("cinquante", 50.0),
    ("soixante", 60.0),
    ("cent", 100.0),
    ("cents", 100.0),
    ("mille", 1e3),
    ("mil", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("huitante", 80.0),
    ("septante", 70.0),
    ("nonante", 90.0),
    ("octante", 80.0),
    ("et", -1.0),
];

/// Reads French number words: `cinq millions`, `deux cent mille`, `soixante-dix`,
/// `quatre-vingt-dix`, `vingt et un`.
pub fn parse_french(s: &str) -> Option<f64> {
    let lower = s.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    let (mut total, mut current, mut any) = (0.0_f64, 0.0_f64, false);
    let mut last_scale = f64::INFINITY;
    let mut prev: Option<f64> = None;
    for (i, t) in tokens.iter().enumerate() {
        let &(_, v) = FR_WORDS.iter().find(|(w, _)| w == t)?;
        if v < 0.0 {
            // "et" joins "vingt et un", "soixante et onze".
            if i == 0 || i + 1 == tokens.len() {
                return None;
            }
            continue;
        }
        let group = if current == 0.0 { 1.0 } else { current };
        if v == 100.0 {
            current = group * 100.0;
        } else if v >= 1e3 {
            if v >= last_scale {
                return None;
            }
            total += group * v;
            current = 0.0;
            last_scale = v;
        } else if v == 20.0 && prev == Some(4.0) {
            // quatre-vingt(s) = 4 × 20.
            current += 80.0 - 4.0;
        } else {
            current += v;
        }
        prev = Some(v);
        any = true;
    }
    any.then_some(total + current)
}

fn fr_pattern() -> String {
    let mut words: Vec<&str> = FR_WORDS
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| *w != "et")
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let w = words.join("|");
    format!(r"(?i:\b(?:{w})\b(?:(?:[\s-]+et)?[\s-]+(?:{w})\b)*)")
}

/// Spanish number words: (form, word). Compounds of 21–29 are one word (`veinticinco`); the
/// others are written with `y` (`treinta y cinco`).
const ES_WORDS: [(&str, Word); 60] = [
    ("cero", Word::Unit(0.0)),
    ("un", Word::Unit(1.0)),
    ("uno", Word::Unit(1.0)),
    ("una", Word::Unit(1.0)),
    ("dos", Word::Unit(2.0)),
    ("tres", Word::Unit(3.0)),
    ("cuatro", Word::Unit(4.0)),
    ("cinco", Word::Unit(5.0)),
    ("seis", Word::Unit(6.0)),
    ("siete", Word::Unit(7.0)),
    ("ocho", Word::Unit(8.0)),
    ("nueve", Word::Unit(9.0)),
    ("diez", Word::Teen(10.0)),
    ("once", Word::Teen(11.0)),
    ("doce", Word::Teen(12.0)),
    ("trece", Word::Teen(13.0)),
    ("catorce", Word::Teen(14.0)),
    ("quince", Word::Teen(15.0)),
    ("dieciséis", Word::Teen(16.0)),
    ("diecisiete", Word::Teen(17.0)),
    ("dieciocho", Word::Teen(18.0)),
    ("diecinueve", Word::Teen(19.0)),
    ("veinte", Word::Tens(20.0)),
    ("veintiún", Word::Tens(21.0)),
    ("veintiuno", Word::Tens(21.0)),
    ("veintiuna", Word::Tens(21.0)),
    ("veintidós", Word::Tens(22.0)),
    ("veintitrés", Word::Tens(23.0)),
    ("veinticuatro", Word::Tens(24.0)),
    ("veinticinco", Word::Tens(25.0)),
    ("veintiséis", Word::Tens(26.0)),
    ("veintisiete", Word::Tens(27.0)),
    ("veintiocho", Word::Tens(28.0)),
    ("veintinueve", Word::Tens(29.0)),
    ("treinta", Word::Tens(30.0)),
    ("cuarenta", Word::Tens(40.0)),
    ("cincuenta", Word::Tens(50.0)),
    ("sesenta", Word::Tens(60.0)),
    ("setenta", Word::Tens(70.0)),
    ("ochenta", Word::Tens(80.0)),
    ("noventa", Word::Tens(90.0)),
    ("cien", Word::Hundreds(100.0)),
    ("ciento", Word::Hundreds(100.0)),
    ("doscient[oa]s", Word::Hundreds(200.0)),
    ("trescient[oa]s", Word::Hundreds(300.0)),
    ("cuatrocient[oa]s", Word::Hundreds(400.0)),
    ("quinient[oa]s", Word::Hundreds(500.0)),
    ("seiscient[oa]s", Word::Hundreds(600.0)),
    ("setecient[oa]s", Word::Hundreds(700.0)),
    ("ochocient[oa]s", Word::Hundreds(800.0)),
    ("novecient[oa]s", Word::Hundreds(900.0)),
    ("mil", Word::Scale(1e3)),
    ("millón", Word::Scale(1e6)),
    ("millon", Word::Scale(1e6)),
    ("millones", Word::Scale(1e6)),
    ("millardo", Word::Scale(1e9)),
    ("millardos", Word::Scale(1e9)),
    ("billón", Word::Scale(1e12)),
    ("billones", Word::Scale(1e12)),
    ("mil millones", Word::Scale(1e9)),
];

/// The Spanish number word `w` (lower case), if it is one.
fn es_word(w: &str) -> Option<Word> {
    ES_WORDS.iter().find_map(|&(form, word)| {
        let hit = match form.strip_suffix("[oa]s") {
            Some(stem) => w
                .strip_prefix(stem)
                .is_some_and(|rest| rest == "os" || rest == "as"),
            None => form == w,
        };
        hit.then_some(word)
    })
}

/// Reads Spanish number words: `doscientos cincuenta mil`, `treinta y cinco`, `un millón`,
/// `dos mil millones`, `veinticinco`. A figure in brackets after the words, as Latin American
/// drafting repeats it (`quinientas (500)`), must agree with them.
pub fn parse_spanish(s: &str) -> Option<f64> {
    let (words, figure) = match s.split_once('(') {
        Some((w, rest)) => {
            let digits = rest.trim_end().strip_suffix(')')?.trim();
            (w, Some(parse_digits(digits)?))
        }
        None => (s, None),
    };
    let lower = words.to_lowercase();
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let mut acc = Acc::default();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t == "y" {
            // "treinta y cinco": only between whole tens and a unit.
            let next = tokens.get(i + 1).and_then(|n| es_word(n));
            if !matches!(acc.last, Some(Word::Tens(x)) if x % 10.0 == 0.0 && x > 20.0)
                || !matches!(next, Some(Word::Unit(u)) if u >= 1.0)
            {
                return None;
            }
            i += 1;
            continue;
        }
        if t == "mil" && tokens.get(i + 1).is_some_and(|n| n.starts_with("millon")) {
            acc.push(Word::Scale(1e9))?;
            i += 2;
            continue;
        }
        acc.push(es_word(t)?)?;
        i += 1;
    }
    let value = acc.value()?;
    match figure {
        Some(f) if (f - value).abs() > 1e-9 => None,
        _ => Some(value),
    }
}

fn es_pattern() -> String {
    let mut words: Vec<String> = ES_WORDS
        .iter()
        .filter(|(w, _)| !w.contains(' '))
        .map(|(w, _)| w.to_string())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let w = words.join("|");
    format!(r"(?i:\b(?:{w})\b(?:(?:\s+y)?\s+(?:{w})\b)*(?:\s*\(\s*(?:{DIGITS})\s*\))?)")
}

/// A number in digits or Spanish words (`quinientas (500)` reads as one number).
pub static NUMBER_ES: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:\b(?:{DIGITS})|{})", es_pattern()));

/// An amount in digits (with a multiplier: `2,5 millones`) or Spanish words.
pub static AMOUNT_ES: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:\b(?:{DIGITS})(?:\s*(?i:millones|millón|mil\s+millones|mil)\b)?|{})",
        es_pattern()
    )
});

/// A number in digits or in English, Russian or Georgian words (no multiplier).
pub static NUMBER: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:\b(?:{DIGITS})|{}|{}|{})",
        en_pattern(),
        ru_pattern(),
        ka_pattern()
    )
});

/// An amount: [`NUMBER`], and digits may carry a multiplier (`1.5 million`, `$5m`).
pub static AMOUNT: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:\b(?:{DIGITS}){MULTIPLIER}?|{}|{}|{})",
        en_pattern(),
        ru_pattern(),
        ka_pattern()
    )
});

/// A number in digits or French words.
pub static NUMBER_FR: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:\b(?:{DIGITS})|{})", fr_pattern()));

/// An amount in digits (with a multiplier) or French words.
pub static AMOUNT_FR: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:\b(?:{DIGITS}){MULTIPLIER}?|{})", fr_pattern()));

static DIGITS_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{DIGITS})")).expect("digits regex"));

fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}')
}

/// Reads digits with thousands separators and decimals (see the module documentation):
/// `25,000`, `25 000`, `7.200.000`, `1'000'000`, `1.5`, `1 000,50`.
pub fn parse_digits(s: &str) -> Option<f64> {
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        let sep = if is_space_separator(c) {
            ' '
        } else if c == '’' {
            '\''
        } else if matches!(c, ',' | '.' | '\'') {
            c
        } else {
            return None;
        };
        groups.push(&s[start..i]);
        seps.push(sep);
        start = i + c.len_utf8();
    }
    groups.push(&s[start..]);
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let n = seps.len();
    let decimal = match seps.last() {
        Some(&last @ ('.' | ',')) => {
            let others = &seps[..n - 1];
            if others.contains(&last) {
                None
            } else if !others.is_empty() || groups[n].len() != 3 || groups[0] == "0" {
                Some(n - 1)
            } else {
                None
            }
        }
        _ => None,
    };
    let int_seps = &seps[..decimal.unwrap_or(n)];
    if let Some(&first) = int_seps.first() {
        let int_groups = &groups[..=int_seps.len()];
        if int_seps.iter().any(|&c| c != first)
            || int_groups[0].len() > 3
            || int_groups[1..].iter().any(|g| g.len() != 3)
        {
            return None;
        }
    }
    let int: String = groups[..=int_seps.len()].concat();
    let text = match decimal {
        Some(_) => format!("{int}.{}", groups[n]),
        None => int,
    };
    text.parse().ok()
}

/// The value of a multiplier written after digits (`million`, `m`, `тыс.`, `ათასი`).
fn multiplier(s: &str) -> Option<f64> {
    let w = s.trim().trim_end_matches('.').to_lowercase();
    let v = match w.as_str() {
        "m" | "mn" | "million" | "millions" | "млн" => 1e6,
        "bn" | "billion" | "billions" | "milliard" | "milliards" | "млрд" => 1e9,
        "k" | "thousand" | "mille" | "тыс" => 1e3,
        "lakh" | "lakhs" => 1e5,
        "millones" | "millón" | "millon" => 1e6,
        "mil millones" => 1e9,
        "mil" => 1e3,
        "crore" | "crores" => 1e7,
        _ if w.starts_with("тысяч") => 1e3,
        _ if w.starts_with("миллиард") => 1e9,
        _ if w.starts_with("миллион") => 1e6,
        _ => match ka_word(&w)? {
            Word::Scale(v) => v,
            _ => return None,
        },
    };
    Some(v)
}

/// Reads a number matched by [`NUMBER`], [`AMOUNT`], [`NUMBER_FR`] or [`AMOUNT_FR`]: digits
/// with an optional multiplier, or words. Latin-script words are read as English, or French
/// when `language` is French (and as the other language when the first does not read them).
pub fn parse(s: &str, language: &str) -> Option<f64> {
    let s = s.trim();
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        let m = DIGITS_PREFIX.find(s)?;
        let value = parse_digits(m.as_str())?;
        let rest = s[m.end()..].trim();
        return if rest.is_empty() {
            Some(value)
        } else {
            Some(value * multiplier(rest)?)
        };
    }
    if s.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c)) {
        return parse_russian(s);
    }
    if s.chars().any(|c| ('\u{10A0}'..='\u{10FF}').contains(&c)) {
        return parse_georgian(s);
    }
    if language.starts_with("es") {
        parse_spanish(s)
            .or_else(|| parse_english(s))
            .or_else(|| parse_french(s))
    } else if language.starts_with("fr") {
        parse_french(s)
            .or_else(|| parse_english(s))
            .or_else(|| parse_spanish(s))
    } else {
        parse_english(s)
            .or_else(|| parse_french(s))
            .or_else(|| parse_spanish(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_with_every_separator() {
        for (s, v) in [
            ("25,000", 25_000.0),
            ("25 000", 25_000.0),
            ("25\u{A0}000", 25_000.0),
            ("7\u{202F}200\u{202F}000", 7_200_000.0),
            ("7.200.000", 7_200_000.0),
            ("1'000'000", 1_000_000.0),
            ("1’000", 1_000.0),
            ("1.5", 1.5),
            ("2,75", 2.75),
            ("1,000.50", 1_000.5),
            ("1.000,50", 1_000.5),
            ("1 000,5", 1_000.5),
            ("0.500", 0.5),
            ("410", 410.0),
        ] {
            assert_eq!(parse_digits(s), Some(v), "{s}");
        }
        for s in [
            "1,00,000",
            "1,000.000.000",
            "10 00",
            "1,000 000",
            "1..5",
            "",
        ] {
            assert_eq!(parse_digits(s), None, "{s}");
        }
    }

    #[test]
    fn digits_with_multipliers() {
        assert_eq!(parse("5 million", "en"), Some(5e6));
        assert_eq!(parse("1.5 million", "en"), Some(1.5e6));
        assert_eq!(parse("5m", "en"), Some(5e6));
        assert_eq!(parse("2bn", "en"), Some(2e9));
        assert_eq!(parse("10 lakh", "en"), Some(1e6));
        assert_eq!(parse("300 тыс.", "ru"), Some(3e5));
        assert_eq!(parse("5 млн", "ru"), Some(5e6));
        assert_eq!(parse("25 ათასი", "ka"), Some(25e3));
    }

    #[test]
    fn english_words() {
        for (s, v) in [
            ("zero", 0.0),
            ("ten", 10.0),
            ("forty-eight", 48.0),
            ("twenty five", 25.0),
            ("one hundred and eighty", 180.0),
            ("a hundred", 100.0),
            ("a thousand", 1e3),
            ("twenty-five thousand", 25e3),
            ("five million", 5e6),
            ("one and a half", 1.5),
            ("one and a half million", 1.5e6),
            ("two hundred thousand", 2e5),
            ("fifteen hundred", 1500.0),
            ("one thousand and five", 1005.0),
            (
                "nine hundred ninety-nine million nine hundred and ninety-nine thousand nine hundred ninety-nine",
                999_999_999.0,
            ),
            ("Three", 3.0),
            ("ten lakh", 1e6),
            ("two billion three hundred million", 2.3e9),
            ("two crore", 2e7),
        ] {
            assert_eq!(parse_english(s), Some(v), "{s}");
        }
        for s in [
            "five five",
            "one thousand million",
            "and five",
            "a",
            "hundred hundred",
            "twenty ten",
            "five and",
        ] {
            assert_eq!(parse_english(s), None, "{s}");
        }
    }

    #[test]
    fn russian_words() {
        for (s, v) in [
            ("пять", 5.0),
            ("пяти", 5.0),
            ("пятью", 5.0),
            ("пяти миллионов", 5e6),
            ("двух", 2.0),
            ("десяти", 10.0),
            ("трехсот тысяч", 3e5),
            ("трёхсот тысяч", 3e5),
            ("тысяча", 1e3),
            ("пятидесяти тысяч", 5e4),
            ("ста тысяч", 1e5),
            ("один миллион двести тысяч", 1.2e6),
            ("двадцать пять", 25.0),
            ("полтора миллиона", 1.5e6),
            ("Пятисот", 500.0),
        ] {
            assert_eq!(parse_russian(s), Some(v), "{s}");
        }
        assert_eq!(parse_russian("пять пять"), None);
        assert_eq!(parse_russian("тысяча миллионов"), None);
    }

    #[test]
    fn georgian_words() {
        for (s, v) in [
            ("ოცი", 20.0),
            ("ოცდახუთი", 25.0),
            ("ოცდაათი", 30.0),
            ("ორმოცი", 40.0),
            ("ორმოცდახუთი", 45.0),
            ("სამოცდაათი", 70.0),
            ("ოთხმოცდაცხრამეტი", 99.0),
            ("ასი", 100.0),
            ("ათასი", 1e3),
            ("მილიონი", 1e6),
            ("ოცდახუთი ათასი", 25e3),
            ("ხუთი ათასის", 5e3),
            ("ხუთ", 5.0),
            ("ორიდან", 2.0),
            ("ათი", 10.0),
            ("ათის", 10.0),
            ("რვა", 8.0),
            ("ცხრამეტი", 19.0),
            ("ორას ორმოცდაათი", 250.0),
            ("ათას ხუთასი", 1500.0),
            ("ორი ათას ხუთასი", 2500.0),
            ("ხუთი მილიონი", 5e6),
            ("თხუთმეტი", 15.0),
        ] {
            assert_eq!(parse_georgian(s), Some(v), "{s}");
        }
        assert_eq!(parse_georgian("ასე"), None);
        assert_eq!(parse_georgian("ოცი ხუთი"), None);
    }

    #[test]
    fn french_words() {
        for (s, v) in [
            ("cinq millions", 5e6),
            ("deux cent mille", 2e5),
            ("soixante-dix", 70.0),
            ("quatre-vingt-dix", 90.0),
            ("quatre-vingts", 80.0),
            ("vingt et un", 21.0),
            ("dix-sept", 17.0),
            ("mille", 1e3),
        ] {
            assert_eq!(parse_french(s), Some(v), "{s}");
        }
    }

    #[test]
    fn fragments_compile_and_delimit_numbers() {
        let re = Regex::new(&format!("^(?:{})$", *AMOUNT)).expect("amount regex");
        for s in [
            "25,000",
            "twenty-five thousand",
            "пяти миллионов",
            "ოცდახუთი ათასი",
            "1.5 million",
            "$5m".trim_start_matches('$'),
        ] {
            assert!(re.is_match(s), "{s}");
        }
        let fr = Regex::new(&format!("^(?:{})$", *AMOUNT_FR)).expect("fr regex");
        assert!(fr.is_match("cinq millions"));
        assert!(Regex::new(&NUMBER_FR).is_ok());
    }
}
