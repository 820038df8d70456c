//! Writing the outputs to the report folder.
//!
//! Every file is written to a temporary file in the same folder and then renamed over the
//! target, so an interrupted run never leaves a half-written report that looks complete:
//! a reader sees the old file or the new one, never a mixture. The temporary file is named
//! `.<target>.tmp-<pid>-<n>`, created exclusively (an existing file or symbolic link of that
//! name is never followed or overwritten), and removed if anything fails.
//!
//! [`check_output_folder`] runs before any law is read, so that a folder that cannot be
//! written stops the run at once instead of after a long analysis.
//!
//! **Briefings.** A run writes `briefings/<law>.md` for each law and removes the briefings
//! that an earlier run wrote for laws not in this one, recognised by their provenance line
//! ([`written_by_agentlaw`]); any other file in `briefings/` is left untouched.
//!
//! Briefing file names come from law ids, which come from the laws' metadata and are not
//! trusted: [`briefing::file_stem`] keeps them inside `briefings/`.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::load::discover::written_by_agentlaw;
use crate::report::{Report, briefing, csv, html, markdown, profiles, xlsx};

/// An output format: the registry of the files each writes ([`Format::files`]) and of the
/// [`Emitter`] that writes them ([`Format::emitter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// `comparison.md`, `profiles.md` and `briefings/<law>.md`.
    #[value(alias = "markdown")]
    Md,
    /// `comparison.csv`, `profiles.csv` and `findings.csv`.
    Csv,
    /// `report.json`.
    Json,
    /// `report.html`.
    Html,
    /// `report.xlsx`.
    Xlsx,
}

impl Format {
    /// All formats.
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Csv,
        Format::Json,
        Format::Html,
        Format::Xlsx,
    ];

    /// The names [`Format::parse`] accepts, for messages.
    pub const NAMES: &'static str = "md, csv, json, html, xlsx";

    /// The files this format writes, relative to the output folder, in the order written
    /// (besides the per-law files in [`Format::folders`]).
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Md => &["comparison.md", "profiles.md"],
            Format::Csv => &["comparison.csv", "profiles.csv", "findings.csv"],
            Format::Json => &["report.json"],
            Format::Html => &["report.html"],
            Format::Xlsx => &["report.xlsx"],
        }
    }

    /// The folders this format writes a file per law into.
    pub fn folders(self) -> &'static [&'static str] {
        match self {
            Format::Md => &["briefings"],
            _ => &[],
        }
    }

    /// Starts this format's emitter in `dir` (which exists).
    fn emitter(
        self,
        dir: &Path,
        header: &Report,
        options: &WriteOptions,
    ) -> std::io::Result<Box<dyn Emitter>> {
        Ok(match self {
            Format::Md => {
                std::fs::create_dir_all(dir.join("briefings"))?;
                Box::new(MdEmitter {
                    briefings: BTreeSet::new(),
                })
            }
            Format::Csv => {
                let mut p = Part::create(dir, "findings.csv")?;
                let head = csv::write_rows(vec![
                    csv::FINDINGS_HEADER
                        .iter()
                        .map(|s| (*s).to_string())
                        .collect(),
                ]);
                p.write(&if options.excel {
                    csv::with_bom(&head)
                } else {
                    head
                })?;
                Box::new(CsvEmitter {
                    findings: Some(p),
                    excel: options.excel,
                })
            }
            Format::Json => Box::new(JsonEmitter {
                part: Some(Part::create(dir, "report.json")?),
                first: true,
            }),
            Format::Html => Box::new(HtmlEmitter {
                part: Some(Part::create(dir, "report.html")?),
            }),
            Format::Xlsx => Box::new(XlsxEmitter {
                stream: Some(xlsx::XlsxStream::new(header).map_err(std::io::Error::other)?),
            }),
        })
    }

    /// Parses `md`, `csv`, `json`, `html` or `xlsx`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "html" => Some(Format::Html),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Options of [`write_outputs_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel reads them as UTF-8.
    pub excel: bool,
}

/// Marks the temporary files of [`atomic_write`]: `.<target>` + this + `<pid>-<n>`.
pub const TEMP_MARKER: &str = ".tmp-";

/// Creates a fresh temporary file next to the target; never opens an existing one.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut attempts = 0;
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}{TEMP_MARKER}{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempts < 100 => {
                attempts += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Writes `contents` to `path` atomically (temporary file in the same folder, flushed to
/// disk, then renamed over the target). On error the target is untouched and the temporary
/// file removed.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let (tmp, mut f) = create_temp(dir, name)?;
    let result = (|| {
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    match &result {
        Err(_) => {
            let _ = std::fs::remove_file(&tmp);
        }
        Ok(()) => sync_folder(dir),
    }
    result
}

/// Flushes a folder's entries (the rename) to disk, where the platform allows it.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Checks that `dir` exists or can be created, and that files can be written in it.
pub fn ensure_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (probe, f) = create_temp(dir, "agentlaw-write-test")?;
    drop(f);
    std::fs::remove_file(&probe)
}

/// The files (relative to the output folder) that the given formats write, besides the
/// per-law files ([`Format::files`] of each).
pub fn output_names(formats: &BTreeSet<Format>) -> Vec<&'static str> {
    formats.iter().flat_map(|f| f.files()).copied().collect()
}

/// Checks, before any analysis, that the reports can be written to `dir`: the folder (and
/// the per-law folders such as `briefings/`) can be created and written, and no output
/// file's name is taken by a folder. It reads the same registry ([`Format::files`],
/// [`Format::folders`]) as the writers, so the two cannot disagree.
pub fn check_output_folder(dir: &Path, formats: &BTreeSet<Format>) -> std::io::Result<()> {
    ensure_writable(dir)?;
    for folder in formats.iter().flat_map(|f| f.folders()) {
        ensure_writable(&dir.join(folder))?;
    }
    for name in output_names(formats) {
        let path = dir.join(name);
        if path.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} is a folder, so {name} cannot be written",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Writes the selected formats into `dir` with the default options; returns the files
/// written, in order.
pub fn write_outputs(
    report: &Report,
    dir: &Path,
    formats: &BTreeSet<Format>,
) -> std::io::Result<Vec<PathBuf>> {
    write_outputs_with(report, dir, formats, &WriteOptions::default())
}

/// Writes the selected formats into `dir` for a report held in memory; returns the files
/// written, in order. This streams the report's laws through a [`ReportWriter`], so a
/// streamed run and an in-memory one give the same files.
pub fn write_outputs_with(
    report: &Report,
    dir: &Path,
    formats: &BTreeSet<Format>,
    options: &WriteOptions,
) -> std::io::Result<Vec<PathBuf>> {
    let mut w = ReportWriter::new(report, dir, formats, options)?;
    for law in &report.laws {
        w.law(law.clone())?;
    }
    let (_, written) = w.finish(report.errors.clone(), report.provenance.inputs.clone())?;
    Ok(written)
}

/// A part of an output written while laws arrive, into a temporary file next to its target.
struct Part {
    target: PathBuf,
    tmp: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
}

impl Part {
    fn create(dir: &Path, name: &str) -> std::io::Result<Part> {
        let (tmp, f) = create_temp(dir, &format!("{name}.part"))?;
        let file = std::io::BufWriter::new(f);
        Ok(Part {
            target: dir.join(name),
            tmp,
            file,
        })
    }

    fn write(&mut self, s: &str) -> std::io::Result<()> {
        self.file.write_all(s.as_bytes())
    }

    /// Writes `head`, the part, then `tail` to the target, atomically; removes the part.
    fn finish(self, head: &str, tail: &str) -> std::io::Result<PathBuf> {
        let Part { target, tmp, file } = self;
        let part = file.into_inner().map_err(|e| e.into_error())?;
        drop(part);
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("out")
            .to_string();
        let (out_tmp, out_file) = match create_temp(dir, &name) {
            Ok(x) => x,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        let result = (|| {
            let mut out = std::io::BufWriter::new(out_file);
            out.write_all(head.as_bytes())?;
            std::io::copy(&mut std::fs::File::open(&tmp)?, &mut out)?;
            out.write_all(tail.as_bytes())?;
            let f = out.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&out_tmp, &target)
        })();
        let _ = std::fs::remove_file(&tmp);
        match &result {
            Err(_) => {
                let _ = std::fs::remove_file(&out_tmp);
            }
            Ok(()) => sync_folder(dir),
        }
        result.map(|()| target)
    }

    fn abandon(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// What every emitter may read: the output folder, the header report (tool, rule sets,
/// standards, categories, rules) and how often each rule fired.
pub struct EmitContext {
    /// The output folder.
    pub dir: PathBuf,
    /// The header report (its laws and errors are empty).
    pub header: Report,
    /// How often each rule fired, over the laws seen so far.
    pub fired: std::collections::BTreeMap<String, usize>,
}

/// One output format's writer: the files it writes ([`Emitter::files`], as
/// [`Format::files`]), what it writes for each law as it arrives ([`Emitter::law`]) and what
/// needs every law ([`Emitter::finish`]). Streamed parts go to temporary files that are
/// renamed over the targets in `finish`; an emitter dropped before `finish` removes them.
pub trait Emitter {
    /// The files written, relative to the output folder, besides per-law files.
    fn files(&self) -> &'static [&'static str];
    /// Writes one law's part; returns the per-law files written.
    fn law(&mut self, law: &super::LawReport, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>>;
    /// Writes what needs every law (`summary` holds the laws' summaries, the errors and the
    /// provenance); returns the files written.
    fn finish(&mut self, summary: &Report, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>>;
}

/// `comparison.md`, `profiles.md` and `briefings/<law>.md`.
struct MdEmitter {
    /// Briefing file names written, lower-cased.
    briefings: BTreeSet<String>,
}

impl Emitter for MdEmitter {
    fn files(&self) -> &'static [&'static str] {
        Format::Md.files()
    }

    fn law(&mut self, law: &super::LawReport, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        // Ids that sanitise to the same file name ("a/b", "a_b") get "-2", "-3".
        let stem = briefing::file_stem(&law.id);
        let mut name = format!("{stem}.md");
        let mut n = 2;
        while self.briefings.contains(&name.to_lowercase()) {
            name = format!("{stem}-{n}.md");
            n += 1;
        }
        let path = ctx.dir.join("briefings").join(&name);
        atomic_write(&path, briefing::briefing(law, &ctx.header).as_bytes())?;
        self.briefings.insert(name.to_lowercase());
        Ok(vec![path])
    }

    fn finish(&mut self, summary: &Report, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for (name, text) in [
            ("comparison.md", markdown::comparison(summary)),
            ("profiles.md", profiles::markdown(summary)),
        ] {
            let path = ctx.dir.join(name);
            atomic_write(&path, text.as_bytes())?;
            written.push(path);
        }
        // Briefings left by an earlier run for laws not in this one would mislead; any
        // other file (a user's notes) is not ours to delete.
        for entry in std::fs::read_dir(ctx.dir.join("briefings"))?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file
                && name.ends_with(".md")
                && !self.briefings.contains(&name.to_lowercase())
                && written_by_agentlaw(&entry.path())
            {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(written)
    }
}

/// `comparison.csv`, `profiles.csv` and `findings.csv` (streamed).
struct CsvEmitter {
    findings: Option<Part>,
    excel: bool,
}

impl Emitter for CsvEmitter {
    fn files(&self) -> &'static [&'static str] {
        Format::Csv.files()
    }

    fn law(&mut self, law: &super::LawReport, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        if let Some(p) = &mut self.findings {
            p.write(&csv::write_rows(csv::findings_rows(
                law,
                &ctx.header.provenance.generated_by(),
            )))?;
        }
        Ok(Vec::new())
    }

    fn finish(&mut self, summary: &Report, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        let bom = |s: String| if self.excel { csv::with_bom(&s) } else { s };
        let mut written = Vec::new();
        for (name, text) in [
            ("comparison.csv", bom(csv::comparison(summary))),
            ("profiles.csv", bom(profiles::csv(summary))),
        ] {
            let path = ctx.dir.join(name);
            atomic_write(&path, text.as_bytes())?;
            written.push(path);
        }
        if let Some(p) = self.findings.take() {
            written.push(p.finish("", "")?);
        }
        Ok(written)
    }
}

impl Drop for CsvEmitter {
    fn drop(&mut self) {
        if let Some(p) = self.findings.take() {
            p.abandon();
        }
    }
}

/// `report.json` (streamed).
struct JsonEmitter {
    part: Option<Part>,
    first: bool,
}

impl Emitter for JsonEmitter {
    fn files(&self) -> &'static [&'static str] {
        Format::Json.files()
    }

    fn law(&mut self, law: &super::LawReport, _: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        if let Some(p) = &mut self.part {
            p.write(&law.json_item(self.first))?;
            self.first = false;
        }
        Ok(Vec::new())
    }

    fn finish(&mut self, summary: &Report, _: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        let Some(p) = self.part.take() else {
            return Ok(Vec::new());
        };
        let (head, tail) = summary.json_frame();
        let close = if summary.laws.is_empty() { "" } else { "\n  " };
        Ok(vec![p.finish(&head, &format!("{close}{tail}"))?])
    }
}

impl Drop for JsonEmitter {
    fn drop(&mut self) {
        if let Some(p) = self.part.take() {
            p.abandon();
        }
    }
}

/// `report.html` (streamed).
struct HtmlEmitter {
    part: Option<Part>,
}

impl Emitter for HtmlEmitter {
    fn files(&self) -> &'static [&'static str] {
        Format::Html.files()
    }

    fn law(&mut self, law: &super::LawReport, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        if let Some(p) = &mut self.part {
            p.write(&html::section(law, &ctx.header))?;
        }
        Ok(Vec::new())
    }

    fn finish(&mut self, summary: &Report, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        let Some(p) = self.part.take() else {
            return Ok(Vec::new());
        };
        Ok(vec![p.finish(
            &html::head(summary),
            &html::tail(summary, &ctx.fired),
        )?])
    }
}

impl Drop for HtmlEmitter {
    fn drop(&mut self) {
        if let Some(p) = self.part.take() {
            p.abandon();
        }
    }
}

/// `report.xlsx` (Findings rows streamed by rust_xlsxwriter).
struct XlsxEmitter {
    stream: Option<xlsx::XlsxStream>,
}

impl Emitter for XlsxEmitter {
    fn files(&self) -> &'static [&'static str] {
        Format::Xlsx.files()
    }

    fn law(&mut self, law: &super::LawReport, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        if let Some(x) = &mut self.stream {
            x.law(law, &ctx.header).map_err(std::io::Error::other)?;
        }
        Ok(Vec::new())
    }

    fn finish(&mut self, summary: &Report, ctx: &EmitContext) -> std::io::Result<Vec<PathBuf>> {
        let Some(x) = self.stream.take() else {
            return Ok(Vec::new());
        };
        let path = ctx.dir.join("report.xlsx");
        let (tmp, f) = create_temp(&ctx.dir, "report.xlsx")?;
        drop(f);
        let saved = x
            .finish(summary, &tmp)
            .map_err(std::io::Error::other)
            .and_then(|()| std::fs::rename(&tmp, &path));
        if saved.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        saved?;
        Ok(vec![path])
    }
}

/// Writes every output as laws arrive, keeping in memory only each law's summary (its
/// verdicts, categories and profile), so that memory does not grow with the findings of a
/// large batch. One [`Emitter`] per format does the writing: per-law outputs (briefings,
/// findings rows, the law's part of `report.json` and `report.html`, Findings rows of
/// `report.xlsx`) are written at once; the tables that need every law are written by
/// [`ReportWriter::finish`]. Every file appears complete or not at all: parts go to
/// temporary files that are renamed over the targets at the end.
pub struct ReportWriter {
    ctx: EmitContext,
    emitters: Vec<Box<dyn Emitter>>,
    laws: Vec<super::LawReport>,
    written: Vec<PathBuf>,
}

impl ReportWriter {
    /// Starts writing into `dir` (created if needed). `header` supplies the tool, rule sets,
    /// standards, categories and rules; its laws and errors are ignored.
    pub fn new(
        header: &Report,
        dir: &Path,
        formats: &BTreeSet<Format>,
        options: &WriteOptions,
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut header = header.clone();
        header.laws.clear();
        header.errors.clear();
        let emitters = formats
            .iter()
            .map(|f| f.emitter(dir, &header, options))
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Self {
            ctx: EmitContext {
                dir: dir.to_path_buf(),
                header,
                fired: std::collections::BTreeMap::new(),
            },
            emitters,
            laws: Vec::new(),
            written: Vec::new(),
        })
    }

    /// The files the writer will write besides per-law files, from its emitters.
    pub fn files(&self) -> Vec<&'static str> {
        self.emitters
            .iter()
            .flat_map(|e| e.files())
            .copied()
            .collect()
    }

    /// Writes one law's per-law outputs and keeps its summary.
    pub fn law(&mut self, law: super::LawReport) -> std::io::Result<()> {
        for f in &law.findings {
            *self.ctx.fired.entry(f.rule.clone()).or_default() += 1;
        }
        for e in &mut self.emitters {
            let files = e.law(&law, &self.ctx)?;
            self.written.extend(files);
        }
        self.laws.push(law.into_summary());
        Ok(())
    }

    /// Writes the outputs that need every law, completes the streamed ones, and returns the
    /// summary report (laws without findings) with the files written.
    pub fn finish(
        mut self,
        mut errors: Vec<super::ErrorEntry>,
        mut inputs: Vec<super::InputEntry>,
    ) -> std::io::Result<(Report, Vec<PathBuf>)> {
        errors.sort();
        inputs.sort();
        let mut summary = self.ctx.header.clone();
        summary.laws = std::mem::take(&mut self.laws);
        summary.errors = errors;
        summary.provenance.inputs = inputs;
        let mut written = std::mem::take(&mut self.written);
        for e in &mut self.emitters {
            let files = e.finish(&summary, &self.ctx)?;
            debug_assert!(
                files.iter().all(|p| e
                    .files()
                    .iter()
                    .any(|n| p.file_name().is_some_and(|f| f == *n))),
                "an emitter writes only the files it declares"
            );
            written.extend(files);
        }
        Ok((summary, written))
    }
}
