//! TOML front matter between `+++` lines at the top of a law file, and the metadata fields
//! shared with `laws.toml` manifests.

use std::collections::BTreeMap;

use serde::Serialize;

/// Where a law is in the legislative process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A bill or draft.
    Draft,
    /// Passed but not (yet) in force.
    Adopted,
    /// In force.
    InForce,
    /// No longer in force.
    Repealed,
}

impl Status {
    /// Parses `draft`, `adopted`, `in-force` or `repealed`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "adopted" => Some(Self::Adopted),
            "in-force" => Some(Self::InForce),
            "repealed" => Some(Self::Repealed),
            _ => None,
        }
    }

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Adopted => "adopted",
            Self::InForce => "in-force",
            Self::Repealed => "repealed",
        }
    }
}

/// Metadata fields as read from one source (front matter or a manifest entry), each optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaFields {
    /// Stable identifier of the law.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// ISO 3166 code, sub-national codes allowed (`BA-SRP`).
    pub jurisdiction: Option<String>,
    /// Year of adoption or publication.
    pub year: Option<i64>,
    /// Legislative status.
    pub status: Option<Status>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// ISO 4217 currency code of the amounts in the text.
    pub currency: Option<String>,
    /// Where the text comes from.
    pub source: Option<String>,
    /// Keys the tool does not know, kept as free metadata.
    pub extra: BTreeMap<String, String>,
}

impl MetaFields {
    /// Fills every field that `self` lacks from `other` (front matter wins over a manifest).
    pub fn or(mut self, other: MetaFields) -> MetaFields {
        self.id = self.id.or(other.id);
        self.title = self.title.or(other.title);
        self.jurisdiction = self.jurisdiction.or(other.jurisdiction);
        self.year = self.year.or(other.year);
        self.status = self.status.or(other.status);
        self.language = self.language.or(other.language);
        self.currency = self.currency.or(other.currency);
        self.source = self.source.or(other.source);
        for (k, v) in other.extra {
            self.extra.entry(k).or_insert(v);
        }
        self
    }
}

/// A metadata problem, with the byte span of the offending value in the TOML source when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    /// What is wrong.
    pub message: String,
    /// Byte span in the TOML source.
    pub span: Option<std::ops::Range<usize>>,
}

fn value_to_string(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn is_jurisdiction(s: &str) -> bool {
    let mut parts = s.split('-');
    let country = parts.next().unwrap_or("");
    let ok_country = country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase());
    let ok_sub = parts.all(|p| {
        (1..=3).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    ok_country && ok_sub && s.split('-').count() <= 2
}

pub(crate) fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Reads the metadata keys of one TOML table (front matter or a manifest `[[law]]` entry).
/// `skip` lists keys with a meaning of their own in that context (`file` in a manifest).
pub fn fields_from_table(
    table: &toml::Table,
    spans: &dyn Fn(&str) -> Option<std::ops::Range<usize>>,
    skip: &[&str],
) -> Result<MetaFields, MetaError> {
    let mut f = MetaFields::default();
    for (key, value) in table {
        if skip.contains(&key.as_str()) {
            continue;
        }
        let err = |message: String| MetaError {
            message,
            span: spans(key),
        };
        let string = || -> Result<String, MetaError> {
            value
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| err(format!("`{key}` must be a string")))
        };
        match key.as_str() {
            "id" => {
                let id = string()?;
                if id.trim().is_empty() {
                    return Err(err("`id` must not be empty".into()));
                }
                f.id = Some(id);
            }
            "title" => f.title = Some(string()?),
            "jurisdiction" => {
                let j = string()?;
                if !is_jurisdiction(&j) {
                    return Err(err(format!(
                        "`jurisdiction` must be an ISO 3166 code such as `GE` or `BA-SRP`, not `{j}`"
                    )));
                }
                f.jurisdiction = Some(j);
            }
            "year" => {
                let y = value
                    .as_integer()
                    .ok_or_else(|| err("`year` must be an integer".into()))?;
                if !(1000..=9999).contains(&y) {
                    return Err(err(format!("`year` must be a four-digit year, not {y}")));
                }
                f.year = Some(y);
            }
            "status" => {
                let s = string()?;
                f.status = Some(Status::parse(&s).ok_or_else(|| {
                    err(format!(
                        "`status` must be draft, adopted, in-force or repealed, not `{s}`"
                    ))
                })?);
            }
            "language" => {
                let l = string()?;
                if !is_language(&l) {
                    return Err(err(format!(
                        "`language` must be a BCP 47 tag such as `en` or `sr-Latn`, not `{l}`"
                    )));
                }
                f.language = Some(l);
            }
            "currency" => {
                let c = string()?;
                if !(c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase())) {
                    return Err(err(format!(
                        "`currency` must be an ISO 4217 code such as `EUR`, not `{c}`"
                    )));
                }
                f.currency = Some(c);
            }
            "source" => f.source = Some(string()?),
            _ => {
                f.extra.insert(key.clone(), value_to_string(value));
            }
        }
    }
    Ok(f)
}

/// Front matter found at the top of a file.
#[derive(Debug)]
pub struct FrontMatter {
    /// The metadata it declares.
    pub fields: MetaFields,
    /// Byte offset where the law's own text begins (after the closing `+++`).
    pub body_start: usize,
}

/// A front-matter error, located by 1-based line in the law file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the law file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Finds and parses a `+++` front-matter block at the very top of `text`.
/// Returns `Ok(None)` when the file has none.
pub fn parse(text: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Ok(None);
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut pos = toml_start;
    let mut close = None;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((toml_end, body_start)) = close else {
        return Err(FrontMatterError {
            line: 1,
            message: "front matter opened with `+++` is never closed".into(),
        });
    };
    let source = &text[toml_start..toml_end];
    // Counted on bytes, so that an offset inside a character cannot panic.
    let line_of = |offset: usize| {
        let end = (toml_start + offset).min(toml_end);
        text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    let table: toml::Table = toml::from_str(source).map_err(|e| FrontMatterError {
        line: e.span().map_or(2, |s| line_of(s.start)),
        message: format!("invalid front matter: {}", e.message()),
    })?;
    let spans = |key: &str| key_span(source, key);
    let fields = fields_from_table(&table, &spans, &[]).map_err(|e| FrontMatterError {
        line: e.span.map_or(2, |s| line_of(s.start)),
        message: format!("invalid front matter: {}", e.message),
    })?;
    Ok(Some(FrontMatter { fields, body_start }))
}

/// The span of `key = …` at the start of a line of a flat TOML document, for error messages.
pub fn key_span(source: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut pos = 0;
    for line in source.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let start = pos + (line.len() - t.len());
                return Some(start..start + key.len());
            }
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_known_and_free_keys() {
        let t = "+++\nid = \"x\"\ntitle = \"T\"\njurisdiction = \"BA-SRP\"\nyear = 2024\nstatus = \"in-force\"\nlanguage = \"sr-Latn\"\nillustrative = true\n+++\nBody\n";
        let fm = parse(t).expect("parses").expect("present");
        assert_eq!(fm.fields.id.as_deref(), Some("x"));
        assert_eq!(fm.fields.status, Some(Status::InForce));
        assert_eq!(
            fm.fields.extra.get("illustrative").map(String::as_str),
            Some("true")
        );
        assert_eq!(&t[fm.body_start..], "Body\n");
    }

    #[test]
    fn errors_name_the_line() {
        let t = "+++\nid = \"x\"\nstatus = \"final\"\n+++\nBody\n";
        let e = parse(t).expect_err("bad status");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("status"), "{}", e.message);
        let t = "+++\nid = \"x\"\nyear = = 2\n+++\n";
        assert_eq!(parse(t).expect_err("bad toml").line, 3);
        assert!(parse("+++\nid = 1\n").is_err());
    }

    #[test]
    fn no_front_matter() {
        assert!(parse("Title\n+++\n").expect("ok").is_none());
    }

    #[test]
    fn validates_codes() {
        assert!(is_jurisdiction("GE") && is_jurisdiction("BA-SRP") && !is_jurisdiction("Georgia"));
        assert!(is_language("en") && is_language("sr-Latn") && !is_language("English"));
    }
}
