//! Language identification for laws whose metadata does not state a language.
//!
//! The text is cut into blocks of about [`BLOCK`] characters (at most [`MAX_BLOCKS`] of them,
//! spread evenly over the text, so the cost is linear in its size and bounded); each block is
//! identified with `whatlang` (trigram profiles, pure Rust, no model files to load), restricted to
//! the languages legislatures in Europe, Central Asia and the Americas write in
//! ([`CANDIDATES`]). Each block votes with its length times its confidence; the language with the
//! largest share wins, and its share of the votes is the confidence reported. A heading in another
//! language (an English editorial note above a French text) is outvoted by the body.
//!
//! Serbian in Latin script cannot be told from Croatian or Bosnian by trigrams, and the rules
//! treat them alike: Croatian is reported as `sr` (the tag of the rule sets for the
//! Serbo-Croatian standard languages).
//!
//! A text with no letters at all gives `und`.

use whatlang::{Detector, Lang};

/// How the language of a law was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguageSource {
    /// Stated in front matter, the manifest or the document's own metadata.
    Metadata,
    /// Identified from the text with confidence.
    Detected,
    /// Identified from the text, but without confidence: a warning says so.
    Guessed,
}

impl LanguageSource {
    /// The word used in reports: `metadata`, `detected`, `guessed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Metadata => "metadata",
            Self::Detected => "detected",
            Self::Guessed => "guessed",
        }
    }
}

/// The outcome of identifying a text's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Identification {
    /// ISO 639-1 tag (`en`, `ru`, `ka`, `hu`…), or `und`.
    pub language: &'static str,
    /// Share of the votes the winning language received, 0 to 1.
    pub confidence: f64,
    /// Whether the identification is confident enough to go without a warning.
    pub reliable: bool,
}

/// Characters per block that votes.
pub const BLOCK: usize = 2_000;
/// At most this many blocks are identified, evenly spaced over the text.
pub const MAX_BLOCKS: usize = 48;
/// Below this share of the votes the language is only guessed.
pub const RELIABLE_SHARE: f64 = 0.75;

/// The languages a law is identified among, with their ISO 639-1 tags.
pub const CANDIDATES: &[(Lang, &str)] = &[
    (Lang::Eng, "en"),
    (Lang::Rus, "ru"),
    (Lang::Kat, "ka"),
    (Lang::Fra, "fr"),
    (Lang::Hun, "hu"),
    (Lang::Srp, "sr"),
    (Lang::Hrv, "sr"),
    (Lang::Slk, "sk"),
    (Lang::Spa, "es"),
    (Lang::Ces, "cs"),
    (Lang::Pol, "pl"),
    (Lang::Ukr, "uk"),
    (Lang::Bel, "be"),
    (Lang::Bul, "bg"),
    (Lang::Mkd, "mk"),
    (Lang::Slv, "sl"),
    (Lang::Deu, "de"),
    (Lang::Ita, "it"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Nld, "nl"),
    (Lang::Lit, "lt"),
    (Lang::Lav, "lv"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Swe, "sv"),
    (Lang::Dan, "da"),
    (Lang::Nob, "nb"),
    (Lang::Ell, "el"),
    (Lang::Tur, "tr"),
    (Lang::Aze, "az"),
    (Lang::Hye, "hy"),
    (Lang::Uzb, "uz"),
    (Lang::Ara, "ar"),
    (Lang::Heb, "he"),
    (Lang::Cat, "ca"),
    (Lang::Cmn, "zh"),
];

fn tag(lang: Lang) -> Option<&'static str> {
    CANDIDATES.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t)
}

/// Cuts `text` into blocks of about `BLOCK` characters, ending at a line break where one is
/// near, and keeps at most `MAX_BLOCKS` of them spread over the text.
fn blocks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = text[start..]
            .char_indices()
            .nth(BLOCK)
            .map_or(text.len(), |(i, _)| start + i);
        if end < text.len() {
            if let Some(nl) = text[start..end].rfind('\n').filter(|&p| p > BLOCK / 2) {
                end = start + nl + 1;
            }
        }
        out.push(&text[start..end]);
        start = end;
    }
    if out.len() > MAX_BLOCKS {
        let step = out.len() as f64 / MAX_BLOCKS as f64;
        out = (0..MAX_BLOCKS)
            .filter_map(|i| out.get((i as f64 * step) as usize).copied())
            .collect();
    }
    out
}

/// Identifies the language of `text` (a law's body).
pub fn identify(text: &str) -> Identification {
    let detector = Detector::with_allowlist(CANDIDATES.iter().map(|(l, _)| *l).collect());
    let mut votes: Vec<(&'static str, f64)> = Vec::new();
    for block in blocks(text) {
        let letters = block.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 20 {
            continue;
        }
        let Some(info) = detector.detect(block) else {
            continue;
        };
        let Some(t) = tag(info.lang()) else { continue };
        let weight = letters as f64 * info.confidence().max(0.05);
        match votes.iter_mut().find(|(l, _)| *l == t) {
            Some(v) => v.1 += weight,
            None => votes.push((t, weight)),
        }
    }
    let total: f64 = votes.iter().map(|(_, w)| w).sum();
    // Highest vote first; ties go to the earlier candidate, for determinism.
    votes.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then_with(|| {
            let pos = |t: &str| CANDIDATES.iter().position(|(_, c)| *c == t);
            pos(a.0).cmp(&pos(b.0))
        })
    });
    match votes.first() {
        Some(&(language, w)) if total > 0.0 => {
            let confidence = w / total;
            Identification {
                language,
                confidence,
                reliable: confidence >= RELIABLE_SHARE && w >= 40.0,
            }
        }
        _ => Identification {
            language: script_fallback(text),
            confidence: 0.0,
            reliable: false,
        },
    }
}

/// The language implied by the script alone, for texts too short to identify.
fn script_fallback(text: &str) -> &'static str {
    let (mut latin, mut cyrillic, mut georgian) = (0usize, 0usize, 0usize);
    for c in text.chars().take(20_000) {
        match c {
            'a'..='z' | 'A'..='Z' => latin += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{10A0}'..='\u{10FF}' | '\u{1C90}'..='\u{1CBF}' => georgian += 1,
            _ => {}
        }
    }
    if georgian > latin && georgian > cyrillic {
        "ka"
    } else if cyrillic > latin {
        "ru"
    } else if latin > 0 {
        "en"
    } else {
        "und"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Short statutory paragraphs written for these tests.
    const EN: &str = "Article 3. Every association that receives money from abroad shall notify the ministry within thirty days and shall publish an annual report on its website. The ministry may refuse the registration where the application is incomplete.";
    const FR: &str = "Article 3. Toute association qui reçoit des fonds de l'étranger en informe le ministère dans un délai de trente jours et publie chaque année un rapport sur son site. Le ministère peut refuser l'enregistrement lorsque la demande est incomplète.";
    const ES: &str = "Artículo 3.- Toda asociación que reciba fondos del extranjero deberá informar al ministerio dentro de los treinta días y publicar cada año un informe en su sitio. El ministerio podrá denegar la inscripción cuando la solicitud esté incompleta.";
    const HU: &str = "3. § Minden egyesület, amely külföldről pénzt kap, harminc napon belül értesíti a minisztériumot, és évente jelentést tesz közzé a honlapján. A minisztérium megtagadhatja a nyilvántartásba vételt, ha a kérelem hiányos.";
    const SK: &str = "§ 3 Každé združenie, ktoré prijíma peniaze zo zahraničia, to do tridsiatich dní oznámi ministerstvu a každý rok zverejní na svojom webovom sídle výročnú správu. Ministerstvo môže odmietnuť registráciu, ak je žiadosť neúplná.";
    const RU: &str = "Статья 3. Каждое объединение, получающее денежные средства из-за рубежа, в течение тридцати дней уведомляет министерство и ежегодно публикует отчет на своем сайте. Министерство вправе отказать в регистрации, если заявление неполное.";
    const KA: &str = "მუხლი 3. ყველა გაერთიანება, რომელიც საზღვარგარეთიდან იღებს ფულს, ოცდაათი დღის განმავლობაში აცნობებს სამინისტროს და ყოველწლიურად აქვეყნებს ანგარიშს თავის ვებგვერდზე.";
    const SR: &str = "Član 3. Svako udruženje koje prima novac iz inostranstva dužno je da u roku od trideset dana obavesti ministarstvo i da svake godine objavi izveštaj na svojoj internet stranici. Ministarstvo može odbiti upis ako je zahtev nepotpun.";

    #[test]
    fn identifies_statutory_paragraphs_in_eight_languages() {
        for (text, want) in [
            (EN, "en"),
            (FR, "fr"),
            (ES, "es"),
            (HU, "hu"),
            (SK, "sk"),
            (RU, "ru"),
            (KA, "ka"),
            (SR, "sr"),
        ] {
            let id = identify(text);
            assert_eq!(id.language, want, "{text}");
        }
    }

    #[test]
    fn a_note_in_another_language_is_outvoted_by_the_body() {
        let mut text = String::from("Editorial note: unofficial text prepared for testing.\n\n");
        for _ in 0..6 {
            text.push_str(FR);
            text.push('\n');
        }
        let id = identify(&text);
        assert_eq!(id.language, "fr");
        assert!(id.reliable, "{id:?}");
    }

    #[test]
    fn mixed_halves_are_not_reliable() {
        let (en, es) = (format!("{EN}\n").repeat(12), format!("{ES}\n").repeat(12));
        let text = format!("{en}{es}");
        let id = identify(&text);
        assert!(id.confidence < 0.75, "{id:?}");
        assert!(!id.reliable);
    }

    #[test]
    fn texts_without_letters_and_tiny_texts() {
        assert_eq!(identify("1. 2. 3.").language, "und");
        let id = identify("Art. 1 Text");
        assert_eq!(id.language, "en");
        assert!(!id.reliable);
    }

    #[test]
    fn blocks_are_bounded_and_cover_small_texts() {
        let text = "word ".repeat(100_000);
        assert!(blocks(&text).len() <= MAX_BLOCKS);
        assert_eq!(blocks("short").len(), 1);
    }
}
