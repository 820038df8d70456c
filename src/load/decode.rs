//! Turning a file's bytes into UTF-8 text.
//!
//! Laws arrive in whatever encoding the publishing parliament or gazette used: UTF-8 with or
//! without a byte-order mark, UTF-16 from Word's "Unicode text", Windows-1251 or KOI8-R for
//! Cyrillic, Windows-1250/ISO-8859-2 for Central European and Windows-1252 for Western
//! languages. The decision is made in this order, and the first rule that applies wins:
//!
//! 1. **Byte-order mark.** A UTF-8, UTF-16LE or UTF-16BE BOM settles the question (as in
//!    the WHATWG Encoding Standard, a BOM overrides a declaration). The BOM is removed, so
//!    byte offsets count from the first character of the text.
//! 2. **Declared encoding.** A `laws.toml` entry may say `encoding = "windows-1251"`; the
//!    caller resolves the label with [`encoding_from_label`] and passes it in. Front matter
//!    cannot do this: it is inside the bytes that have to be decoded first. A declared
//!    encoding the bytes do not fit is an error, not a guess.
//! 3. **UTF-8.** Valid UTF-8 is taken as UTF-8 without running the detector (the fast path:
//!    legacy-encoded text with any non-ASCII byte is practically never valid UTF-8).
//! 4. **Detection.** Otherwise [chardetng] (Firefox's detector) guesses a legacy encoding
//!    and [encoding_rs] decodes it. chardetng gives no score, so confidence is judged from
//!    the evidence: a text with fewer than [`MIN_EVIDENCE`] non-ASCII bytes is *unsure*, and
//!    so is one whose halves, detected separately, point to different encodings (close
//!    candidates). An unsure decoding still loads, with a warning naming the encoding chosen.
//!
//! Whatever the route, garbled text is never analysed silently: malformed byte sequences,
//! NUL bytes outside UTF-16, a file that is mostly UTF-8 with a few invalid bytes (corrupted
//! or mixed encodings), and text that is implausible once decoded (control characters, or
//! too few letters and digits) are errors that say what is wrong. Encoding names are
//! encoding_rs's canonical ones (`UTF-8`, `UTF-16LE`, `windows-1251`, `KOI8-R`); note that,
//! following the WHATWG standard, the labels `iso-8859-1` and `latin1` mean `windows-1252`.
//!
//! [chardetng]: https://docs.rs/chardetng
//! [encoding_rs]: https://docs.rs/encoding_rs

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Below this many non-ASCII bytes a detected encoding is reported as unsure.
pub const MIN_EVIDENCE: usize = 32;

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// Declared by the caller (a `laws.toml` entry, an HTML `<meta charset>`, an XML declaration).
    Declared,
    /// The bytes are valid UTF-8 (or plain ASCII).
    Utf8,
    /// Guessed by the detector.
    Detected,
}

/// Decoded text and a description of how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding it was decoded from (encoding_rs's name: `UTF-8`, `windows-1251`, …).
    pub encoding: &'static str,
    /// How the encoding was decided.
    pub source: EncodingSource,
    /// True when the encoding was detected on thin or conflicting evidence.
    pub unsure: bool,
    /// Things the reader should know: why detection is unsure (naming the encoding chosen),
    /// a declaration the bytes contradict, replacement characters already in the text.
    pub warnings: Vec<String>,
}

/// Resolves an encoding label (`windows-1251`, `cp1251`, `koi8-r`, `latin2`, `utf-16le`…).
/// Labels that encoding_rs maps to its "replacement" encoding (ISO-2022-KR, HZ…) are refused,
/// since decoding with it turns any text into a single replacement character.
pub fn encoding_from_label(label: &str) -> Result<&'static Encoding, String> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(e) if e == encoding_rs::REPLACEMENT => Err(format!(
            "encoding `{label}` is not supported (it cannot be decoded safely)"
        )),
        Some(e) => Ok(e),
        None => Err(format!(
            "unknown encoding `{label}` (use a WHATWG label such as `utf-8`, `windows-1251`, `koi8-r`, `iso-8859-2`, `utf-16le`)"
        )),
    }
}

/// Decodes a law file's bytes, or says why they cannot be read as text. `declared` is an
/// encoding stated outside the bytes (see the module documentation for the order of rules).
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let mut warnings = Vec::new();
    if let Some((bom_encoding, bom_len)) = Encoding::for_bom(bytes) {
        if let Some(d) = declared.filter(|d| *d != bom_encoding) {
            warnings.push(format!(
                "the encoding declared for this file is {}, but it starts with a {} byte-order mark; decoded as {}",
                d.name(),
                bom_encoding.name(),
                bom_encoding.name()
            ));
        }
        let text = decode_strict(bom_encoding, &bytes[bom_len..], bom_len).map_err(|e| {
            format!(
                "not valid {} after its byte-order mark: {e}",
                bom_encoding.name()
            )
        })?;
        return finish(text, bom_encoding, EncodingSource::Bom, false, warnings);
    }
    if let Some(enc) = declared {
        if enc != UTF_16LE && enc != UTF_16BE && bytes.contains(&0) {
            return Err(nul_message(bytes));
        }
        let text = decode_strict(enc, bytes, 0)
            .map_err(|e| format!("not valid {} as declared: {e}", enc.name()))?;
        if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            warnings.push(format!(
                "the file is declared as {} but is valid UTF-8; decoded as {} as declared",
                enc.name(),
                enc.name()
            ));
        }
        return finish(text, enc, EncodingSource::Declared, false, warnings);
    }
    if bytes.contains(&0) {
        return Err(nul_message(bytes));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), UTF_8, EncodingSource::Utf8, false, warnings);
    }
    let (lossy, _) = UTF_8.decode_without_bom_handling(bytes);
    let bad = lossy.matches('\u{FFFD}').count();
    let good = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    if good >= 4 * bad {
        let offset = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Err(format!(
            "mostly UTF-8 but with {bad} invalid byte sequence(s), the first at byte offset {offset}: the file is corrupted or mixes encodings; re-save it as UTF-8"
        ));
    }

    let guess = detect(bytes);
    let text = decode_strict(guess, bytes, 0)
        .map_err(|e| format!("detected {} but the bytes do not fit it: {e}", guess.name()))?;
    let evidence = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut unsure = false;
    if evidence < MIN_EVIDENCE {
        unsure = true;
        warnings.push(format!(
            "encoding not certain: guessed {} from only {evidence} non-ASCII byte(s); if the text looks wrong, declare `encoding` for this file in laws.toml",
            guess.name()
        ));
    } else {
        let rivals = half_guesses(bytes)
            .into_iter()
            .filter(|g| *g != guess)
            .map(Encoding::name)
            .collect::<Vec<_>>();
        if !rivals.is_empty() {
            unsure = true;
            warnings.push(format!(
                "encoding not certain: detected {}, but parts of the text fit {} as well; if the text looks wrong, declare `encoding` for this file in laws.toml",
                guess.name(),
                rivals.join(" and ")
            ));
        }
    }
    finish(text, guess, EncodingSource::Detected, unsure, warnings)
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    source: EncodingSource,
    unsure: bool,
    mut warnings: Vec<String>,
) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("empty file: it contains only white space".into());
    }
    if text.contains('\0') {
        return Err("binary file (contains NUL characters); not a text law".into());
    }
    check_plausible(&text, &format!("decoded as {}", encoding.name()))?;
    let replacements = text.matches('\u{FFFD}').count();
    if replacements > 0 {
        warnings.push(format!(
            "the text contains {replacements} U+FFFD replacement character(s): it was garbled before it reached agentlaw, and words around them may not match"
        ));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        source,
        unsure,
        warnings,
    })
}

/// Refuses text that cannot be a law once decoded: control characters beyond a handful, or
/// fewer letters and digits than half of the visible characters. `context` says how the
/// text was obtained (`decoded as windows-1252`, `extracted from the PDF`).
pub fn check_plausible(text: &str, context: &str) -> Result<(), String> {
    let (mut visible, mut control, mut alnum) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        if c.is_control() {
            control += 1;
        } else if c.is_alphanumeric() {
            alnum += 1;
        }
    }
    if control > 2 && control * 200 > visible {
        return Err(format!(
            "{context}, the text has {control} control characters: it is binary data or in another encoding"
        ));
    }
    if visible >= 20 && alnum * 2 < visible {
        return Err(format!(
            "{context}, only {}% of the text is letters or digits: it is garbled (binary data, or the wrong encoding)",
            alnum * 100 / visible
        ));
    }
    Ok(())
}

/// Decodes without replacement; an error gives the number of malformed sequences and the
/// byte offset (in the file, hence `base`) of the first.
fn decode_strict(enc: &'static Encoding, bytes: &[u8], base: usize) -> Result<String, String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    let count = text.matches('\u{FFFD}').count();
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let offset = match result {
        DecoderResult::Malformed(bad, extra) => read.saturating_sub(bad as usize + extra as usize),
        _ => 0,
    };
    Err(format!(
        "{count} malformed byte sequence(s), the first at byte offset {}",
        base + offset
    ))
}

fn nul_message(bytes: &[u8]) -> String {
    let sample = &bytes[..bytes.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
    }
    let half = sample.len() / 2;
    if even + odd >= 4 && (even * 10 >= half * 4 || odd * 10 >= half * 4) && (even == 0 || odd == 0)
    {
        let guess = if odd > 0 { "UTF-16LE" } else { "UTF-16BE" };
        format!(
            "looks like {guess} without a byte-order mark; re-save it with a BOM or as UTF-8, or declare `encoding = \"{guess}\"` for it in laws.toml"
        )
    } else {
        "binary file (contains NUL bytes); not a text law".into()
    }
}

/// Bytes where KOI8-U differs from KOI8-R (Ukrainian letters in place of box drawing).
const KOI8_U_ONLY: &[u8] = &[0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng reports the KOI8 family as KOI8-U; without a Ukrainian letter the text is
    // the same in KOI8-R, the name Russian texts are known by.
    if guess == encoding_rs::KOI8_U && !bytes.iter().any(|b| KOI8_U_ONLY.contains(b)) {
        encoding_rs::KOI8_R
    } else {
        guess
    }
}

/// Guesses for the two halves of the text, for those halves with enough evidence.
fn half_guesses(bytes: &[u8]) -> Vec<&'static Encoding> {
    let mid = bytes.len() / 2;
    // Split at a line end (or any ASCII byte) so that no multi-byte character is cut.
    let split = bytes[mid..]
        .iter()
        .position(|b| *b == b'\n')
        .or_else(|| bytes[mid..].iter().position(u8::is_ascii))
        .map_or(mid, |p| mid + p);
    [&bytes[..split], &bytes[split..]]
        .into_iter()
        .filter(|half| half.iter().filter(|b| !b.is_ascii()).count() >= MIN_EVIDENCE / 2)
        .map(detect)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Статья 1. Общие положения\n1. Настоящий Федеральный закон устанавливает меры контроля за деятельностью лиц, находящихся под иностранным влиянием.\n2. Иностранным агентом признаётся лицо, получившее поддержку и (или) находящееся под иностранным влиянием в иных формах.\n";
    const CS: &str = "Článek 1. Předmět úpravy\n1. Tento zákon upravuje povinnosti spolků, které přijímají finanční prostředky ze zahraničí.\n2. Příjemce je povinen zveřejnit výroční zprávu o hospodaření a seznam dárců, jejichž příspěvek přesáhl stanovenou částku.\n";
    const FR: &str = "Article 1er – Définitions\n1. Est considérée comme agent d'influence étrangère toute personne morale qui reçoit, directement ou indirectement, des fonds d'un État étranger.\n2. Les associations déclarent chaque année l'origine des financements reçus à l'étranger, conformément à l'article 4.\n";
    const KA: &str = "მუხლი 1. კანონის მიზანი\n1. ამ კანონის მიზანია უცხოური გავლენის გამტარებელი ორგანიზაციების საქმიანობის გამჭვირვალობის უზრუნველყოფა.\n";

    fn round_trip(text: &str, enc: &'static Encoding) -> Decoded {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{} can encode the sample", enc.name());
        let d = decode(&bytes, None).expect("decodes");
        assert_eq!(d.text, text, "round trip through {}", enc.name());
        d
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(b"\xEF\xBB\xBFabc", None).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding), ("abc", "UTF-8"));
        assert_eq!(d.source, EncodingSource::Bom);
        let d = decode(KA.as_bytes(), None).expect("decodes");
        assert_eq!((d.encoding, d.source), ("UTF-8", EncodingSource::Utf8));
        assert!(!d.unsure && d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        for (bom, be) in [(&b"\xFF\xFE"[..], false), (&b"\xFE\xFF"[..], true)] {
            let mut bytes = bom.to_vec();
            for unit in KA.encode_utf16() {
                bytes.extend(if be {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let d = decode(&bytes, None).expect("decodes");
            assert_eq!(d.text, KA);
            assert_eq!(d.encoding, if be { "UTF-16BE" } else { "UTF-16LE" });
        }
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let long_ru = RU.repeat(2);
        for (text, enc) in [
            (long_ru.as_str(), encoding_rs::WINDOWS_1251),
            (long_ru.as_str(), encoding_rs::KOI8_R),
            (CS, encoding_rs::WINDOWS_1250),
            (CS, encoding_rs::ISO_8859_2),
            (FR, encoding_rs::WINDOWS_1252),
        ] {
            let d = round_trip(text, enc);
            assert_eq!(d.encoding, enc.name());
            assert_eq!(d.source, EncodingSource::Detected);
            assert_eq!(d.unsure, text == FR, "{:?}", d.warnings);
        }
    }

    #[test]
    fn halves_that_disagree_make_detection_unsure() {
        let (cs, _, _) = encoding_rs::WINDOWS_1250.encode(CS);
        let (ru, _, _) = encoding_rs::WINDOWS_1251.encode(RU);
        let d = decode(&[&cs[..], &ru[..]].concat(), None).expect("decodes");
        assert!(d.unsure, "{d:?}");
        assert!(d.warnings[0].contains(d.encoding), "{:?}", d.warnings);
    }

    #[test]
    fn short_legacy_text_is_unsure_and_says_which_encoding() {
        let d = decode(b"Article 1\nCaf\xe9 law\n", None).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.unsure);
        assert!(d.warnings[0].contains("windows-1252"), "{:?}", d.warnings);
    }

    #[test]
    fn declared_encoding_is_used_and_checked() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Статья 1");
        let d = decode(&bytes, Some(encoding_rs::KOI8_R)).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding), ("Статья 1", "KOI8-R"));
        assert!(!d.unsure);
        let e = decode(b"abc \xff\xfe more", Some(UTF_8)).expect_err("bad UTF-8");
        assert!(e.contains("byte offset 4"), "{e}");
        let d = decode("Статья".as_bytes(), Some(encoding_rs::WINDOWS_1251)).expect("decodes");
        assert!(d.warnings[0].contains("valid UTF-8"), "{:?}", d.warnings);
        assert!(encoding_from_label("cp1251").is_ok());
        assert!(encoding_from_label("klingon").is_err());
        assert!(encoding_from_label("iso-2022-kr").is_err());
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"", None), Err("empty file".into()));
        assert!(
            decode(b"  \n", None)
                .expect_err("blank")
                .contains("white space")
        );
        assert!(
            decode(b"ab\0cd", None)
                .expect_err("binary")
                .contains("binary")
        );
        let utf16_no_bom: Vec<u8> = "Article 1 text"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            decode(&utf16_no_bom, None)
                .expect_err("no BOM")
                .contains("UTF-16LE without a byte-order mark")
        );
        let mixed = [RU.as_bytes(), b"\xe9t\xe9\n"].concat();
        assert!(
            decode(&mixed, None)
                .expect_err("mixed")
                .contains("mostly UTF-8")
        );
        let noise: Vec<u8> = (0u32..3000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 1)
            .collect();
        assert!(decode(&noise, None).is_err(), "random bytes are refused");
    }
}
