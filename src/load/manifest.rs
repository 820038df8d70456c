//! `laws.toml` manifests: metadata for the law files in one folder, as `[[law]]` tables keyed
//! by `file`.
//!
//! Besides the metadata fields shared with front matter, an entry may declare the file's
//! `encoding` (any label encoding_rs knows: `windows-1251`, `koi8-r`, `latin2`, `utf-16le`…).
//! The manifest is read before the file is decoded, so unlike front matter it can choose how
//! the bytes are read; an unknown label is an error located at the key.
//!
//! One bad entry (an invalid `status`, a `year` that is not a number, an unknown encoding, a
//! file listed twice) is an error for that entry's file alone: that file gets an error record
//! with the entry's `line:col`, and the other files of the folder are analysed with their
//! entries as usual. The file is not analysed without its metadata, because a wrong language,
//! status or completeness would change the findings silently. Only a manifest that cannot be
//! read at all (invalid TOML, a `[[law]]` without a `file` string, an unknown top-level key)
//! fails every file of its folder, since no entry can then be trusted.

use std::collections::BTreeMap;
use std::ops::Range;

use encoding_rs::Encoding;
use serde::Deserialize;

use super::frontmatter::{MetaFields, fields_from_table, key_span};

/// The parsed manifest of one folder.
#[derive(Debug, Default)]
pub struct Manifest {
    entries: BTreeMap<String, Result<Entry, String>>,
}

type Entry = (MetaFields, Option<&'static Encoding>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    law: Vec<toml::Spanned<toml::Table>>,
}

use crate::text::line_col;

fn located(source: &str, span: Option<Range<usize>>, message: &str) -> String {
    match span {
        Some(s) => {
            let (l, c) = line_col(source, s.start);
            format!("{l}:{c}: {message}")
        }
        None => message.to_string(),
    }
}

impl Manifest {
    /// Parses a manifest. Errors are `line:col: message`.
    pub fn parse(source: &str) -> Result<Manifest, String> {
        let raw: Raw =
            toml::from_str(source).map_err(|e| located(source, e.span(), e.message()))?;
        let mut entries = BTreeMap::new();
        for entry in raw.law {
            let span = entry.span();
            let table = entry.get_ref();
            let file = table
                .get("file")
                .and_then(toml::Value::as_str)
                .ok_or_else(|| {
                    located(
                        source,
                        Some(span.clone()),
                        "`[[law]]` entry without a `file` string",
                    )
                })?
                .to_string();
            // The entry's keys run from its header to the next table header.
            let region_end = source[span.end.min(source.len())..]
                .find("\n[")
                .map_or(source.len(), |p| span.end + p);
            let region = span.start..region_end.max(span.start);
            let in_entry = |key: &str| {
                key_span(&source[region.clone()], key)
                    .map(|r| r.start + region.start..r.end + region.start)
            };
            let entry = (|| -> Result<Entry, String> {
                let fields = fields_from_table(table, &in_entry, &["file", "encoding"])
                    .map_err(|e| located(source, e.span.or(Some(span.clone())), &e.message))?;
                let encoding = match table.get("encoding") {
                    None => None,
                    Some(v) => {
                        let at = in_entry("encoding").or(Some(span.clone()));
                        let label = v.as_str().ok_or_else(|| {
                            located(source, at.clone(), "`encoding` must be a string")
                        })?;
                        Some(
                            super::decode::encoding_from_label(label)
                                .map_err(|m| located(source, at, &m))?,
                        )
                    }
                };
                Ok((fields, encoding))
            })();
            match entries.entry(file) {
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let twice = located(
                        source,
                        Some(span),
                        &format!("`{}` is listed twice", o.key()),
                    );
                    *o.get_mut() = Err(twice);
                }
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(entry);
                }
            }
        }
        Ok(Manifest { entries })
    }

    /// The entry for a file name: `Ok(None)` when the manifest does not list it, `Err` with
    /// `line:col: message` when its entry is invalid.
    pub fn entry(&self, file_name: &str) -> Result<Option<&Entry>, &str> {
        match self.entries.get(file_name) {
            None => Ok(None),
            Some(Ok(e)) => Ok(Some(e)),
            Some(Err(m)) => Err(m.as_str()),
        }
    }

    /// The metadata listed for a file name, if any (and valid).
    pub fn get(&self, file_name: &str) -> Option<&MetaFields> {
        self.entry(file_name).ok().flatten().map(|(f, _)| f)
    }

    /// The encoding declared for a file name, if any (and valid).
    pub fn encoding(&self, file_name: &str) -> Option<&'static Encoding> {
        self.entry(file_name).ok().flatten().and_then(|(_, e)| *e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_with_free_keys() {
        let m = Manifest::parse("[[law]]\nfile = \"a.txt\"\njurisdiction = \"US\"\nyear = 1938\ncompleteness = \"full\"\n")
            .expect("valid");
        let a = m.get("a.txt").expect("entry");
        assert_eq!(a.jurisdiction.as_deref(), Some("US"));
        assert_eq!(
            a.extra.get("completeness").map(String::as_str),
            Some("full")
        );
    }

    #[test]
    fn errors_are_located_and_belong_to_their_entry() {
        let m = Manifest::parse(
            "[[law]]\nfile = \"a.txt\"\nyear = 2001\n\n[[law]]\nfile = \"b.txt\"\nyear = \"old\"\n",
        )
        .expect("one bad entry does not spoil the manifest");
        let e = m.entry("b.txt").expect_err("bad year");
        assert!(e.starts_with("7:1:"), "{e}");
        assert_eq!(m.get("a.txt").and_then(|f| f.year), Some(2001));
        assert!(m.get("b.txt").is_none());
        assert!(matches!(m.entry("c.txt"), Ok(None)));
        assert!(Manifest::parse("[[laws]]\nfile = \"a\"\n").is_err());
        assert!(Manifest::parse("[[law]]\ntitle = \"no file\"\n").is_err());
    }

    #[test]
    fn a_file_listed_twice_is_an_error_for_that_file() {
        let m = Manifest::parse(
            "[[law]]\nfile = \"a.txt\"\n[[law]]\nfile = \"b.txt\"\n[[law]]\nfile = \"a.txt\"\n",
        )
        .expect("parses");
        assert!(m.entry("a.txt").is_err_and(|e| e.contains("listed twice")));
        assert!(matches!(m.entry("b.txt"), Ok(Some(_))));
    }

    #[test]
    fn declared_encodings_are_resolved_or_refused() {
        let m =
            Manifest::parse("[[law]]\nfile = \"a.txt\"\nencoding = \"cp1251\"\n").expect("valid");
        assert_eq!(m.encoding("a.txt"), Some(encoding_rs::WINDOWS_1251));
        assert!(m.get("a.txt").is_some_and(|f| f.extra.is_empty()));
        let m = Manifest::parse("[[law]]\nfile = \"a.txt\"\nyear = 2000\nencoding = \"klingon\"\n")
            .expect("parses");
        let e = m.entry("a.txt").expect_err("unknown label");
        assert!(e.starts_with("4:1:") && e.contains("klingon"), "{e}");
    }
}
