//! A deterministic synthetic corpus of legislation, for benchmarks.
//!
//! Real laws cannot be redistributed with the project, and benchmarks need hundreds of
//! megabytes. The generator recombines sentences taken from a pool of texts (the illustrative
//! laws in `laws/`, and the real-law corpus in `../shared/corpus` when it is present) into
//! new laws, each in one of the drafting styles agentlaw segments — `Article 2 – Title` with
//! `1.` and `a)`, US Code `§ 101.` with `(a)(1)(A)`, Commonwealth `5 (1)`, Hungarian
//! `1. § (1)`, Russian `Статья 1.`, Georgian `მუხლი 1.` — so that the text mixes scripts,
//! `§`, `–`, `’` and Cyrillic and Georgian letters as real corpora do, and rules hit at a
//! realistic rate.
//!
//! The output depends only on the pool and the seed. The pseudo-random generator is
//! SplitMix64, written out here because the sequence must never change between versions of
//! a dependency (the `rand` crates do not promise value stability).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: a small, fast generator with a fixed, documented sequence.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentences by language, gathered from source texts.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    sentences: BTreeMap<String, Vec<String>>,
}

fn primary(tag: &str) -> String {
    crate::rules::primary_language(tag)
}

impl Pool {
    /// Adds the sentences of a text in `language`.
    pub fn add_text(&mut self, language: &str, text: &str) {
        let entry = self.sentences.entry(primary(language)).or_default();
        for line in text.lines() {
            for (a, b) in crate::text::sentences(line, 0, line.len()) {
                let s = line[a..b].trim();
                // Strip leading markers so the generator can number sentences itself.
                let s = s.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '(' | ')' | '.' | '§' | ' ')
                });
                if s.chars().count() >= 25 {
                    entry.push(s.to_string());
                }
            }
        }
    }

    /// Builds a pool from every law agentlaw can read under the given folders.
    pub fn from_folders(folders: &[&Path]) -> Pool {
        let mut pool = Pool::default();
        let paths: Vec<_> = folders
            .iter()
            .filter(|f| f.is_dir())
            .map(|f| f.to_path_buf())
            .collect();
        let (inputs, _) = crate::load::discover(&paths);
        let loader = crate::load::Loader::default();
        for input in inputs {
            if let Ok(law) = loader.load(&input.path) {
                pool.add_text(&law.meta.language, &law.text[law.body_start..]);
            }
        }
        pool
    }

    /// Languages with at least one sentence.
    pub fn languages(&self) -> Vec<String> {
        self.sentences
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Total bytes of the pooled sentences.
    pub fn bytes(&self) -> usize {
        self.sentences.values().flatten().map(String::len).sum()
    }
}

#[derive(Clone, Copy)]
enum Style {
    Article,
    UsCode,
    Sections,
    Hungarian,
    Russian,
    Georgian,
}

fn style_for(language: &str, rng: &mut SplitMix64) -> Style {
    match language {
        "ru" => Style::Russian,
        "ka" => Style::Georgian,
        "hu" => Style::Hungarian,
        "en" => *rng.pick(&[
            Style::Article,
            Style::UsCode,
            Style::Sections,
            Style::Article,
        ]),
        _ => Style::Article,
    }
}

const GEORGIAN_POINTS: [&str; 6] = ["ა", "ბ", "გ", "დ", "ე", "ვ"];
const CYRILLIC_POINTS: [&str; 6] = ["а", "б", "в", "г", "д", "е"];

/// Generates one law of about `target_bytes` bytes, with front matter.
pub fn generate_law(pool: &Pool, id: &str, target_bytes: usize, rng: &mut SplitMix64) -> String {
    let languages = pool.languages();
    if languages.is_empty() {
        return String::new();
    }
    let language = rng.pick(&languages).clone();
    let sentences = &pool.sentences[&language];
    let style = style_for(&language, rng);
    let mut out = format!(
        "+++\nid = \"{id}\"\ntitle = \"Synthetic law {id}\"\njurisdiction = \"XZ\"\nyear = {}\nstatus = \"draft\"\nlanguage = \"{language}\"\nsynthetic = true\n+++\nSYNTHETIC LAW {id}\n\n",
        1990 + rng.below(35)
    );
    let mut article = 1;
    while out.len() < target_bytes {
        let heading = rng.pick(sentences).chars().take(40).collect::<String>();
        let _ = match style {
            Style::Article => writeln!(out, "Article {article} – {heading}"),
            Style::UsCode => writeln!(out, "§ {}. {heading}", 100 + article),
            Style::Sections => writeln!(out, "{heading}\n{article} {}", rng.pick(sentences)),
            Style::Hungarian => writeln!(out, "{article}. § (1) {}", rng.pick(sentences)),
            Style::Russian => writeln!(out, "Статья {article}. {heading}"),
            Style::Georgian => writeln!(out, "მუხლი {article}. {heading}"),
        };
        let paragraphs = 1 + rng.below(5);
        for p in 1..=paragraphs {
            let marker = match style {
                Style::UsCode => format!("({})", (b'a' + (p as u8 - 1)) as char),
                Style::Sections | Style::Hungarian => format!("({p})"),
                _ => format!("{p}."),
            };
            let _ = write!(out, "{marker} {}", rng.pick(sentences));
            if rng.below(3) == 0 {
                let _ = write!(out, " {}", rng.pick(sentences));
            }
            out.push('\n');
            if rng.below(3) == 0 {
                for k in 0..(1 + rng.below(4)) {
                    let point = match style {
                        Style::UsCode => format!("({})", k + 1),
                        Style::Georgian => format!("{})", GEORGIAN_POINTS[k % 6]),
                        Style::Russian => format!("{})", CYRILLIC_POINTS[k % 6]),
                        Style::Sections => format!("({})", (b'a' + k as u8) as char),
                        _ => format!("{})", (b'a' + k as u8) as char),
                    };
                    let _ = writeln!(out, "{point} {}", rng.pick(sentences));
                }
            }
        }
        out.push('\n');
        article += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_sequence_is_fixed() {
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn generation_is_deterministic_and_segmentable() {
        let mut pool = Pool::default();
        pool.add_text("en", "Every organisation that receives foreign funding shall register. The Ministry may inspect the books at any time.");
        pool.add_text(
            "ka",
            "ორგანიზაცია ვალდებულია წარადგინოს დეკლარაცია ყოველწლიურად და გადაიხადოს ჯარიმა.",
        );
        let a = generate_law(&pool, "s1", 3000, &mut SplitMix64::new(7));
        let b = generate_law(&pool, "s1", 3000, &mut SplitMix64::new(7));
        assert_eq!(a, b);
        assert!(a.len() >= 3000);
        let law = crate::load::Loader::default()
            .load_text(Path::new("s1.md"), a, None)
            .expect("synthetic law loads");
        assert!(law.provision_count() > 3, "{}", law.provision_count());
    }
}
