//! Stage 1: law loading.
//!
//! A law file becomes a [`Law`]: its decoded text, its metadata and its provisions.
//!
//! * [`discover`](discover::discover) expands the paths given on the command line into files.
//! * The folder's `laws.toml` ([`manifest`]) is read first, since it may declare the file's
//!   encoding.
//! * The bytes become text according to the file's format ([`formats`]): text files are
//!   decoded to UTF-8 ([`decode`]: BOM, declared encoding, UTF-8, or detection); HTML,
//!   DOCX, PDF and Akoma Ntoso XML have their text extracted. For those formats the law's
//!   text is the extracted text, and findings' lines and columns refer to it.
//! * Metadata comes from TOML front matter between `+++` lines at the top of a text file
//!   ([`frontmatter`]), from the manifest, and from the document itself (an HTML `lang`,
//!   Akoma Ntoso FRBR data), in that order of precedence; the id defaults to the file stem.
//!   An `encoding` key in front matter cannot choose the decoding (it is inside the bytes);
//!   when it disagrees with the encoding used, a warning says so.
//! * The body is segmented into provisions so that every finding can carry a citation
//!   ([`segment`]). A text in which no numbered provision is recognised is analysed as one
//!   provision cited as [`WHOLE_TEXT`], with a warning.
//!
//! Anything that goes wrong with one file is a [`LoadError`] for that file alone: the caller
//! turns it into an error record and the batch goes on. In particular:
//!
//! * only regular files are read (a folder, pipe or device given as a law is an error, so a
//!   FIFO cannot block the run and `/dev/zero` cannot exhaust memory);
//! * a file over [`LoadOptions::max_file_size`] (default [`DEFAULT_MAX_FILE_SIZE`]) is refused
//!   before it is read, and the read itself stops at the limit in case the file grows;
//! * an empty file, or one with nothing but front matter, is an error (`empty file`);
//! * I/O errors say what happened in words (`permission denied`, `no such file`), so that a
//!   file deleted between discovery and loading is an ordinary error record.

pub mod citation;
pub mod decode;
pub mod discover;
pub mod formats;
pub mod frontmatter;
pub mod language;
pub mod manifest;
pub mod segment;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;

pub use discover::{Input, InputError, discover};
pub use formats::Format;
pub use frontmatter::Status;
pub use segment::{Provision, ProvisionKind};

use crate::text::LineIndex;

/// A law's metadata after merging front matter, manifest and defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawMeta {
    /// Stable identifier (front matter, manifest, or the file stem).
    pub id: String,
    /// Title (metadata, or the first line of the text).
    pub title: String,
    /// ISO 3166 code, sub-national codes allowed.
    pub jurisdiction: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Legislative status.
    pub status: Option<Status>,
    /// BCP 47 language tag (stated, or identified from the text: see [`language`]).
    pub language: String,
    /// How `language` was decided.
    pub language_source: language::LanguageSource,
    /// ISO 4217 currency of amounts in the text.
    pub currency: Option<String>,
    /// Where the text comes from.
    pub source: Option<String>,
    /// Free metadata: keys agentlaw does not interpret.
    pub extra: BTreeMap<String, String>,
}

/// A loaded, segmented law.
#[derive(Debug, Clone)]
pub struct Law {
    /// The file it was read from, as given.
    pub file: PathBuf,
    /// Metadata.
    pub meta: LawMeta,
    /// The whole text, decoded to UTF-8 (front matter included, so lines match the file).
    pub text: String,
    /// Byte offset where the law's own text starts (after any front matter).
    pub body_start: usize,
    /// The provisions, in text order, covering `text[body_start..]` without gaps.
    pub provisions: Vec<Provision>,
    /// Line index of `text`.
    pub lines: LineIndex,
    /// Things the reader should know (guessed language, no provisions found…).
    pub warnings: Vec<String>,
    /// SHA-256 of the file's bytes (hex), when read from a file.
    pub sha256: Option<String>,
    /// The encoding the bytes were decoded from (`UTF-8`, `windows-1251`…; `PDF text layer`
    /// for PDFs).
    pub encoding: String,
    /// The format the text was extracted from.
    pub format: Format,
}

impl Law {
    /// The index of the provision containing byte `pos`.
    pub fn provision_at(&self, pos: usize) -> Option<usize> {
        let i = self.provisions.partition_point(|p| p.start <= pos);
        (i > 0 && pos < self.provisions[i - 1].end).then(|| i - 1)
    }

    /// The number of numbered provisions (front matter, title and preamble excluded).
    pub fn provision_count(&self) -> usize {
        self.provisions
            .iter()
            .filter(|p| p.kind != ProvisionKind::Front)
            .count()
    }
}

/// The citation of the one provision of a law in which no numbered provision is recognised:
/// its whole text (after any front matter) is then analysed as a single provision.
pub const WHOLE_TEXT: &str = "Whole text";

/// The default [`LoadOptions::max_file_size`]: 64 MiB. Statutes, even consolidated codes with
/// their annexes, are a few megabytes of text; a PDF with a text layer rarely exceeds 20 MB.
/// The whole text is held in memory by each worker thread, so the limit bounds memory use.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Why a law file could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Reading failed (the message says why in words: `permission denied`, `no such file`…).
    #[error("cannot read file: {0}")]
    Io(String),
    /// The file is larger than the limit.
    #[error(
        "file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
    )]
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes could not be decoded as text.
    #[error("{0}")]
    Decode(String),
    /// Invalid front matter.
    #[error("{file}:{line}: {message}")]
    FrontMatter {
        /// The law file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The folder's `laws.toml` is invalid.
    #[error("{manifest}:{message}")]
    Manifest {
        /// The manifest file.
        manifest: String,
        /// `line:col: message`.
        message: String,
    },
}

/// Options for loading laws.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this many bytes are refused.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

type ManifestSlot = Arc<Result<Option<manifest::Manifest>, LoadError>>;

/// Loads laws, caching each folder's manifest. Safe to share between threads.
#[derive(Debug, Default)]
pub struct Loader {
    options: LoadOptions,
    manifests: Mutex<BTreeMap<PathBuf, ManifestSlot>>,
}

/// The `laws.toml` that describes `file`.
fn manifest_path(file: &Path) -> PathBuf {
    file.parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("laws.toml")
}

/// Describes an I/O error in words a reader of the report understands, keeping the system's
/// own message: `permission denied (os error 13)`.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let os = e
        .raw_os_error()
        .map(|c| format!(" (os error {c})"))
        .unwrap_or_default();
    match e.kind() {
        ErrorKind::PermissionDenied => format!("permission denied{os}"),
        ErrorKind::NotFound => format!("no such file or folder{os}"),
        _ => e.to_string(),
    }
}

impl Loader {
    /// A loader with the given options.
    pub fn new(options: LoadOptions) -> Self {
        Self {
            options,
            manifests: Mutex::default(),
        }
    }

    fn manifest_for(&self, file: &Path) -> ManifestSlot {
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut cache = self
            .manifests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(dir.clone())
            .or_insert_with(|| {
                let path = dir.join("laws.toml");
                Arc::new(match std::fs::read_to_string(&path) {
                    Ok(src) => manifest::Manifest::parse(&src)
                        .map(Some)
                        .map_err(|message| LoadError::Manifest {
                            manifest: path.display().to_string(),
                            message,
                        }),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(LoadError::Manifest {
                        manifest: path.display().to_string(),
                        message: format!(" cannot read it: {}", io_message(&e)),
                    }),
                })
            })
            .clone()
    }

    /// Reads, decodes, describes and segments one law file.
    pub fn load(&self, path: &Path) -> Result<Law, LoadError> {
        let bytes = self.read(path)?;
        if bytes.is_empty() {
            return Err(LoadError::Decode("empty file".into()));
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let manifest = self.manifest_for(path);
        let (entry, declared) = match manifest.as_ref() {
            Ok(Some(m)) => match m.entry(name) {
                Ok(Some((fields, encoding))) => (Some(fields.clone()), *encoding),
                Ok(None) => (None, None),
                // This file's own entry is bad: its error record; the folder's other laws go on.
                Err(message) => {
                    return Err(LoadError::Manifest {
                        manifest: manifest_path(path).display().to_string(),
                        message: message.to_string(),
                    });
                }
            },
            Ok(None) => (None, None),
            Err(e) => return Err(e.clone()),
        };
        let format = Format::of(path);
        let extracted = formats::extract(format, &bytes, declared).map_err(LoadError::Decode)?;
        let fields = entry.unwrap_or_default().or(extracted.meta);
        let text = extracted.text;
        let mut law = self.load_text(path, text, Some(fields))?;
        law.sha256 = Some(crate::text::sha256_hex(&bytes));
        law.format = format;
        // Encoding warnings first: they explain anything odd in what follows.
        let mut warnings = extracted.warnings;
        if let Some(stated) = law.meta.extra.remove("encoding") {
            let matches =
                decode::encoding_from_label(&stated).is_ok_and(|e| e.name() == extracted.encoding);
            if !matches {
                warnings.push(format!(
                    "front matter says `encoding = \"{stated}\"`, but the file was read as {}; front matter cannot choose the encoding (it is inside the bytes): declare it in laws.toml",
                    extracted.encoding
                ));
            }
        }
        warnings.append(&mut law.warnings);
        law.warnings = warnings;
        law.encoding = extracted.encoding;
        Ok(law)
    }

    /// Reads a regular file of at most `max_file_size` bytes.
    fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        use std::io::Read as _;
        // Discovery saw the file, so a file not found now was moved or deleted since.
        let io = |e: std::io::Error| {
            LoadError::Io(if e.kind() == std::io::ErrorKind::NotFound {
                format!("{}; it was moved or deleted during the run", io_message(&e))
            } else {
                io_message(&e)
            })
        };
        // Look before opening: opening a FIFO for reading blocks until a writer appears.
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(LoadError::Io(if meta.is_dir() {
                "a folder, not a file".into()
            } else {
                "not a regular file (a device, pipe or socket)".into()
            }));
        }
        let limit = self.options.max_file_size;
        let too_large = |size| LoadError::TooLarge { size, limit };
        if meta.len() > limit {
            return Err(too_large(meta.len()));
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // The file may grow between the check and the read: never read past the limit.
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }

    /// Builds a law from text already decoded, with the manifest entry for the file if any.
    pub fn load_text(
        &self,
        path: &Path,
        text: String,
        manifest_entry: Option<frontmatter::MetaFields>,
    ) -> Result<Law, LoadError> {
        let front = frontmatter::parse(&text).map_err(|e| LoadError::FrontMatter {
            file: path.display().to_string(),
            line: e.line,
            message: e.message,
        })?;
        let (fields, body_start) = match front {
            Some(f) => (f.fields, f.body_start),
            None => (frontmatter::MetaFields::default(), 0),
        };
        if text[body_start..].trim().is_empty() {
            return Err(LoadError::Decode(if body_start > 0 {
                "empty file: there is no text after the front matter".into()
            } else {
                "empty file: it contains only white space".into()
            }));
        }
        let fields = match manifest_entry {
            Some(m) => fields.or(m),
            None => fields,
        };
        let mut warnings = Vec::new();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("law")
            .to_string();
        let (language, language_source) = match fields.language {
            Some(l) => (l, language::LanguageSource::Metadata),
            None => {
                let id = language::identify(&text[body_start..]);
                let source = if id.reliable {
                    warnings.push(format!(
                        "no language stated in the metadata; detected `{}` from the text (confidence {:.2})",
                        id.language, id.confidence
                    ));
                    language::LanguageSource::Detected
                } else {
                    warnings.push(format!(
                        "guessed language `{}` (confidence {:.2}): no language stated in the metadata and the text does not tell it with confidence; declare `language` in front matter or laws.toml",
                        id.language, id.confidence
                    ));
                    language::LanguageSource::Guessed
                };
                (id.language.to_string(), source)
            }
        };
        let mut provisions = segment::segment(&text, body_start, &language);
        // Without a stated title, the first line is the title only if it comes before the
        // first provision the segmenter recognised (a heading such as "Article 1" or
        // "Chapter I" is not a title): otherwise the file name stands in.
        let title = fields.title.unwrap_or_else(|| {
            let limit = provisions
                .iter()
                .find(|p| p.kind != ProvisionKind::Front)
                .map_or(text.len(), |p| p.start.max(body_start));
            text[body_start..limit]
                .lines()
                .map(|l| l.trim().trim_start_matches('#').trim())
                .find(|l| !l.is_empty())
                .map(|l| l.chars().take(200).collect())
                .unwrap_or_else(|| stem.clone())
        });
        if !provisions.iter().any(|p| p.kind != ProvisionKind::Front) {
            warnings.push(format!(
                "no numbered provisions recognised; the text is analysed as a single provision, cited as `{WHOLE_TEXT}`"
            ));
            provisions = vec![Provision {
                kind: ProvisionKind::Unit,
                citation: WHOLE_TEXT.into(),
                path: vec![WHOLE_TEXT.into()],
                heading: None,
                start: body_start,
                end: text.len(),
                marker: None,
                amended_by: None,
            }];
        }
        let lines = LineIndex::new(&text);
        Ok(Law {
            file: path.to_path_buf(),
            meta: LawMeta {
                id: fields.id.unwrap_or(stem),
                title,
                jurisdiction: fields.jurisdiction,
                year: fields.year,
                status: fields.status,
                language,
                language_source,
                currency: fields.currency,
                source: fields.source,
                extra: fields.extra,
            },
            text,
            body_start,
            provisions,
            lines,
            warnings,
            sha256: None,
            encoding: "UTF-8".into(),
            format: Format::Text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_wins_over_manifest_and_id_defaults_to_stem() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("laws.toml"),
            "[[law]]\nfile = \"a.txt\"\ntitle = \"From manifest\"\nyear = 2001\nlanguage = \"en\"\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("a.txt"),
            "+++\ntitle = \"From front matter\"\n+++\nArticle 1\nText.\n",
        )
        .expect("write");
        let law = Loader::default()
            .load(&dir.path().join("a.txt"))
            .expect("loads");
        assert_eq!(law.meta.id, "a");
        assert_eq!(law.meta.title, "From front matter");
        assert_eq!(law.meta.year, Some(2001));
        assert_eq!(law.provision_count(), 1);
        assert!(law.warnings.is_empty(), "{:?}", law.warnings);
    }

    #[test]
    fn one_bad_manifest_entry_fails_only_its_own_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("laws.toml"),
            "[[law]]\nfile = \"good.txt\"\nlanguage = \"en\"\nyear = 2020\n\n[[law]]\nfile = \"bad.txt\"\nstatus = \"sort of\"\n",
        )
        .expect("write");
        for f in ["good.txt", "bad.txt", "unlisted.txt"] {
            std::fs::write(dir.path().join(f), "Article 1\nText of the law.\n").expect("write");
        }
        let loader = Loader::default();
        let good = loader
            .load(&dir.path().join("good.txt"))
            .expect("good loads");
        assert_eq!(good.meta.year, Some(2020));
        let e = loader
            .load(&dir.path().join("bad.txt"))
            .expect_err("bad entry");
        let msg = e.to_string();
        assert!(
            msg.contains("laws.toml:8:1:") && msg.contains("status"),
            "{msg}"
        );
        assert!(loader.load(&dir.path().join("unlisted.txt")).is_ok());
    }

    #[test]
    fn errors_for_bad_inputs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, "+++\nstatus = \"x\"\n+++\n").expect("write");
        let e = Loader::default().load(&bad).expect_err("bad status");
        assert!(e.to_string().contains("bad.txt:2:"), "{e}");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(100)).expect("write");
        let small = Loader::new(LoadOptions { max_file_size: 10 });
        assert!(matches!(small.load(&big), Err(LoadError::TooLarge { .. })));
        assert!(matches!(
            Loader::default().load(&dir.path().join("none.txt")),
            Err(LoadError::Io(_))
        ));
    }

    #[test]
    fn a_removed_file_is_an_error_not_a_crash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("gone.txt");
        std::fs::write(&path, "Article 1\nText.\n").expect("write");
        let loader = Loader::default();
        assert!(loader.load(&path).is_ok());
        std::fs::remove_file(&path).expect("remove");
        let e = loader.load(&path).expect_err("gone");
        assert!(matches!(e, LoadError::Io(_)), "{e:?}");
        assert!(e.to_string().contains("no such file"), "{e}");
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Loader::default().load(dir.path()).expect_err("a folder");
        assert!(e.to_string().contains("a folder, not a file"), "{e}");
        #[cfg(unix)]
        {
            let e = Loader::default()
                .load(Path::new("/dev/zero"))
                .expect_err("a device");
            assert!(e.to_string().contains("not a regular file"), "{e}");
        }
    }

    #[test]
    fn empty_texts_are_errors() {
        let loader = Loader::default();
        let empty = |text: &str| {
            loader
                .load_text(Path::new("e.txt"), text.into(), None)
                .expect_err("empty")
                .to_string()
        };
        assert!(empty("").starts_with("empty file"));
        assert!(empty(" \n\t\n").starts_with("empty file"));
        assert!(empty("+++\nid = \"x\"\n+++\n\n").contains("no text after the front matter"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("empty.html");
        std::fs::write(&path, "").expect("write");
        assert_eq!(
            loader.load(&path).expect_err("empty").to_string(),
            "empty file"
        );
    }

    #[test]
    fn text_without_markers_is_one_provision() {
        let text = "+++\nlanguage = \"en\"\n+++\nA title\n\nSome prose.\n\nMore prose.\n";
        let law = Loader::default()
            .load_text(Path::new("p.txt"), text.into(), None)
            .expect("loads");
        assert_eq!(law.provisions.len(), 1);
        assert_eq!(law.provision_count(), 1);
        let p = &law.provisions[0];
        assert_eq!((p.start, p.end), (law.body_start, text.len()));
        assert_eq!(p.citation, WHOLE_TEXT);
        assert_eq!(law.warnings.len(), 1, "{:?}", law.warnings);
    }

    #[test]
    fn language_is_guessed_with_a_warning() {
        let law = Loader::default()
            .load_text(Path::new("x.txt"), "მუხლი 1. ტექსტი\n".into(), None)
            .expect("loads");
        assert_eq!(law.meta.language, "ka");
        assert_eq!(law.meta.language_source, language::LanguageSource::Guessed);
        assert_eq!(law.warnings.len(), 1);
        assert!(
            law.warnings[0].starts_with("guessed language `ka`"),
            "{:?}",
            law.warnings
        );
    }

    #[test]
    fn language_is_detected_from_a_latin_script_text() {
        let text = "Loi relative aux associations\n\nArticle 1\nToute association qui reçoit des dons de l'étranger les déclare chaque année à l'autorité administrative, qui publie la liste des associations concernées.\nArticle 2\nLa déclaration mentionne le montant et l'origine des dons reçus au cours de l'année précédente.\n";
        let law = Loader::default()
            .load_text(Path::new("x.txt"), text.into(), None)
            .expect("loads");
        assert_eq!(law.meta.language, "fr");
        let stated = Loader::default()
            .load_text(
                Path::new("x.txt"),
                format!("+++\nlanguage = \"fr\"\n+++\n{text}"),
                None,
            )
            .expect("loads");
        assert_eq!(
            stated.meta.language_source,
            language::LanguageSource::Metadata
        );
        assert!(stated.warnings.is_empty());
    }
}
