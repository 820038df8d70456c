//! Text utilities shared by the stages: line/column lookup, sentences, words and excerpts.
//!
//! Positions are byte offsets into the law's text as decoded to UTF-8. Lines and columns are
//! 1-based; columns count Unicode scalar values (Rust `char`s), not bytes or graphemes.

/// SHA-256 of `bytes` as lower-case hex, for provenance.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// SHA-256 of everything `reader` yields, as lower-case hex (streamed, for large files).
pub fn sha256_hex_reader(mut reader: impl std::io::Read) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    let mut hasher = Sha256::new();
    std::io::copy(&mut reader, &mut hasher)?;
    Ok(hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        }))
}

/// 1-based line and column (in Unicode scalar values) of byte `offset` in `text`, for
/// one-off lookups such as error messages (use [`LineIndex`] for many).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offsets where each line starts, for line/column lookup.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based line and column (in Unicode scalar values) of byte offset `pos`.
    pub fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let idx = self.starts.partition_point(|&s| s <= pos).saturating_sub(1);
        let start = self.starts.get(idx).copied().unwrap_or(0);
        let col = text.get(start..pos).map_or(0, |s| s.chars().count()) + 1;
        (idx + 1, col)
    }
}

const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "no", "nos", "s", "ss", "sec", "secs", "para", "paras", "e.g", "i.e", "etc",
    "mr", "mrs", "ms", "dr", "st", "v", "vs", "cf", "ibid", "pub", "l", "stat", "ch", "subch",
    "pp", "p", "u.s", "u.s.c", "čl", "ods", "písm", "zb", "z.z", "ст", "п", "ч", "пп", "г", "гг",
    "т.е", "т.д", "par", "al", "inc", "ltd", "co", "sub",
];

/// Splits `text[range]` into sentence ranges (byte offsets into `text`).
///
/// A sentence ends at `.`, `!`, `?` or `;` followed by white space and then an upper-case
/// letter, a digit, an opening bracket or quotation mark, or a non-cased letter (Georgian),
/// unless the word before the full stop is a known abbreviation (`Art.`, `No.`, `U.S.C.`)
/// or a single character; a line break followed by a blank line also ends a sentence.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let slice = &text[start..end];
    let mut out = Vec::new();
    let mut sent_start = 0;
    let bytes = slice.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_end = matches!(b, b'.' | b'!' | b'?' | b';');
        let is_para = b == b'\n'
            && slice[i + 1..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n');
        if is_end || is_para {
            let after = &slice[i + 1..];
            let ws = after.len() - after.trim_start().len();
            let next = after[ws..].chars().next();
            let boundary = if is_para {
                true
            } else if ws == 0 {
                false
            } else {
                match next {
                    None => true,
                    Some(c) => {
                        // Georgian Mkhedruli has case mappings since Unicode 11 but is written
                        // without capitals, so any letter may start a sentence.
                        let starts_sentence = c.is_uppercase()
                            || ('\u{10D0}'..='\u{10FF}').contains(&c)
                            || c.is_ascii_digit()
                            || matches!(c, '(' | '“' | '"' | '«' | '„' | '[')
                            || (c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase());
                        starts_sentence
                            && !(b == b'.' && ends_with_abbreviation(&slice[sent_start..i]))
                    }
                }
            };
            if boundary {
                let end_here = i + 1;
                if slice[sent_start..end_here].trim().is_empty() {
                    sent_start = end_here;
                } else {
                    out.push((start + sent_start, start + end_here));
                    sent_start = end_here;
                }
            }
        }
        i += 1;
    }
    if !slice[sent_start..].trim().is_empty() || out.is_empty() {
        out.push((start + sent_start, end));
    } else if let Some(last) = out.last_mut() {
        last.1 = end;
    }
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    if word.chars().count() <= 1 {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Counts the words (maximal runs of letters, digits and joining marks) in `s`.
pub fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// Collapses runs of white space to single spaces.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A short excerpt of `text[ctx_start..ctx_end]` around the match `[m_start, m_end)`: at most
/// about `max` bytes of context, whitespace collapsed, `…` where it was cut.
pub fn excerpt(
    text: &str,
    ctx_start: usize,
    ctx_end: usize,
    m_start: usize,
    m_end: usize,
    max: usize,
) -> String {
    let m_len = m_end - m_start;
    let room = max.saturating_sub(m_len) / 2;
    let mut a = ctx_start.max(m_start.saturating_sub(room));
    let mut b = ctx_end.min(m_end + room);
    a = floor_boundary(text, a);
    b = ceil_boundary(text, b);
    // Cut at word boundaries where possible.
    if a > ctx_start {
        if let Some(p) = text[a..m_start].find(char::is_whitespace) {
            a += p;
        }
    }
    if b < ctx_end {
        if let Some(p) = text[m_end..b].rfind(char::is_whitespace) {
            b = m_end + p;
        }
    }
    let mut s = String::new();
    if a > ctx_start {
        s.push('…');
    }
    s.push_str(&collapse_ws(&text[a..b]));
    if b < ctx_end {
        s.push('…');
    }
    s
}

/// Unicode simple case folding of one character, as used by the regex engine for
/// case-insensitive matching: two characters that `(?i)` treats as equal fold to the same
/// character. Folding keeps one character for one character, so positions in a folded text
/// map back to the original text character by character ([`Folded::original`]).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(f) = FOLD_FIXUPS
        .iter()
        .find(|(from, _)| *from == c)
        .map(|(_, to)| *to)
    {
        return f;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Characters whose simple case folding differs from their lower-case form.
const FOLD_FIXUPS: &[(char, char)] = &[
    ('\u{17F}', 's'),         // ſ LATIN SMALL LETTER LONG S
    ('\u{B5}', '\u{3BC}'),    // µ MICRO SIGN → μ
    ('\u{345}', '\u{3B9}'),   // COMBINING GREEK YPOGEGRAMMENI → ι
    ('\u{3C2}', '\u{3C3}'),   // ς → σ
    ('\u{3D0}', '\u{3B2}'),   // ϐ → β
    ('\u{3D1}', '\u{3B8}'),   // ϑ → θ
    ('\u{3D5}', '\u{3C6}'),   // ϕ → φ
    ('\u{3D6}', '\u{3C0}'),   // ϖ → π
    ('\u{3F0}', '\u{3BA}'),   // ϰ → κ
    ('\u{3F1}', '\u{3C1}'),   // ϱ → ρ
    ('\u{3F5}', '\u{3B5}'),   // ϵ → ε
    ('\u{1E9B}', '\u{1E61}'), // ẛ → ṡ
    ('\u{1FBE}', '\u{3B9}'),  // ι PROSGEGRAMMENI → ι
    ('\u{1FD3}', '\u{390}'),  // ΐ → ΐ
    ('\u{1FE3}', '\u{3B0}'),  // ΰ → ΰ
    ('\u{1C80}', '\u{432}'),  // Cyrillic rounded ve → в
    ('\u{1C81}', '\u{434}'),  // long-legged de → д
    ('\u{1C82}', '\u{43E}'),  // narrow o → о
    ('\u{1C83}', '\u{441}'),  // wide es → с
    ('\u{1C84}', '\u{442}'),  // tall te → т
    ('\u{1C85}', '\u{442}'),  // three-legged te → т
    ('\u{1C86}', '\u{44A}'),  // tall hard sign → ъ
    ('\u{1C87}', '\u{463}'),  // tall yat → ѣ
    ('\u{1C88}', '\u{A64B}'), // unblended uk → ꙋ
    ('\u{FB05}', '\u{FB06}'), // ﬅ → ﬆ
];

/// Case-folds a string character by character.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A case-folded copy of a text that can map its byte offsets back to the original.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// (folded offset, original offset) after each character whose UTF-8 length changed.
    checkpoints: Vec<(usize, usize)>,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = Vec::new();
        for (pos, c) in original.char_indices() {
            let f = fold_char(c);
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                checkpoints.push((text.len(), pos + c.len_utf8()));
            }
        }
        Self { text, checkpoints }
    }

    /// The offset in the original text of the character at `folded` in the folded text.
    pub fn original(&self, folded: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(f, _)| f <= folded);
        match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&(f, o)) => o + (folded - f),
            None => folded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_chars() {
        let t = "ab\nმუხლი x\n";
        let idx = LineIndex::new(t);
        let pos = t.find('x').expect("x");
        assert_eq!(idx.line_col(t, pos), (2, 7));
        assert_eq!(idx.line_col(t, 0), (1, 1));
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let t = "See Art. 4 of the Act. The fine is due; Next. 22 U.S.C. 611 applies.";
        let s: Vec<&str> = sentences(t, 0, t.len())
            .into_iter()
            .map(|(a, b)| t[a..b].trim())
            .collect();
        assert_eq!(
            s,
            [
                "See Art. 4 of the Act.",
                "The fine is due;",
                "Next.",
                "22 U.S.C. 611 applies."
            ]
        );
    }

    #[test]
    fn georgian_sentences() {
        let t = "პირველი წინადადება. მეორე წინადადება.";
        assert_eq!(sentences(t, 0, t.len()).len(), 2);
    }

    #[test]
    fn folding_agrees_with_the_regex_engines_case_folding() {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let mut bad = Vec::new();
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            for r in class.iter() {
                for d in r.start()..=r.end() {
                    if fold_char(d) != fold_char(c) {
                        bad.push(format!("{:X}->{:X}", c as u32, d as u32));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join(" "));
    }

    #[test]
    fn folded_offsets_map_back() {
        let t = "A\u{212A}elvin ſtatute";
        let f = Folded::new(t);
        assert_eq!(f.text, "akelvin statute");
        let pos = f.text.find("statute").expect("folded");
        assert_eq!(&t[f.original(pos)..], "ſtatute");
        assert_eq!(f.original(1), 1);
    }

    #[test]
    fn words_and_excerpts() {
        assert_eq!(count_words("in any  other, capacity"), 4);
        let t = "alpha beta gamma delta epsilon zeta eta theta";
        let m = t.find("delta").expect("delta");
        let e = excerpt(t, 0, t.len(), m, m + 5, 20);
        assert!(
            e.contains("delta") && e.starts_with('…') && e.ends_with('…'),
            "{e}"
        );
    }
}
