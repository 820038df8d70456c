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

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `comparison.md` and `briefings/<law>.md`.
    Md,
    /// `comparison.csv` and `findings.csv`.
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
/// briefings.
pub fn output_names(formats: &BTreeSet<Format>) -> Vec<&'static str> {
    let mut names = Vec::new();
    for f in formats {
        names.extend_from_slice(match f {
            Format::Md => &["comparison.md", "profiles.md"][..],
            Format::Csv => &["comparison.csv", "profiles.csv", "findings.csv"],
            Format::Json => &["report.json"],
            Format::Html => &["report.html"],
            Format::Xlsx => &["report.xlsx"],
        });
    }
    names
}

/// Checks, before any analysis, that the reports can be written to `dir`: the folder (and
/// `briefings/` for Markdown) can be created and written, and no output file's name is taken
/// by a folder.
pub fn check_output_folder(dir: &Path, formats: &BTreeSet<Format>) -> std::io::Result<()> {
    ensure_writable(dir)?;
    if formats.contains(&Format::Md) {
        ensure_writable(&dir.join("briefings"))?;
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

/// Writes every output as laws arrive, keeping in memory only each law's summary (its
/// verdicts, categories and profile), so that memory does not grow with the findings of a
/// large batch. Per-law outputs (briefings, findings rows, the law's part of `report.json` and
/// `report.html`, Findings rows of `report.xlsx`) are written at once; the tables that need
/// every law are written by [`ReportWriter::finish`]. Every file appears complete or not at
/// all: parts go to temporary files that are renamed over the targets at the end.
pub struct ReportWriter {
    dir: PathBuf,
    formats: BTreeSet<Format>,
    options: WriteOptions,
    header: Report,
    laws: Vec<super::LawReport>,
    fired: std::collections::BTreeMap<String, usize>,
    json: Option<Part>,
    html: Option<Part>,
    findings_csv: Option<Part>,
    xlsx: Option<xlsx::XlsxStream>,
    briefings: BTreeSet<String>,
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
        let mut findings_csv = None;
        if formats.contains(&Format::Csv) {
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
            findings_csv = Some(p);
        }
        let json = if formats.contains(&Format::Json) {
            Some(Part::create(dir, "report.json")?)
        } else {
            None
        };
        let html = if formats.contains(&Format::Html) {
            Some(Part::create(dir, "report.html")?)
        } else {
            None
        };
        let xlsx = if formats.contains(&Format::Xlsx) {
            Some(xlsx::XlsxStream::new(&header).map_err(std::io::Error::other)?)
        } else {
            None
        };
        if formats.contains(&Format::Md) {
            std::fs::create_dir_all(dir.join("briefings"))?;
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            formats: formats.clone(),
            options: *options,
            header,
            laws: Vec::new(),
            fired: std::collections::BTreeMap::new(),
            json,
            html,
            findings_csv,
            xlsx,
            briefings: BTreeSet::new(),
            written: Vec::new(),
        })
    }

    /// Writes one law's per-law outputs and keeps its summary.
    pub fn law(&mut self, law: super::LawReport) -> std::io::Result<()> {
        for f in &law.findings {
            *self.fired.entry(f.rule.clone()).or_default() += 1;
        }
        if self.formats.contains(&Format::Md) {
            // Ids that sanitise to the same file name ("a/b", "a_b") get "-2", "-3".
            let stem = briefing::file_stem(&law.id);
            let mut name = format!("{stem}.md");
            let mut n = 2;
            while self.briefings.contains(&name.to_lowercase()) {
                name = format!("{stem}-{n}.md");
                n += 1;
            }
            let path = self.dir.join("briefings").join(&name);
            atomic_write(&path, briefing::briefing(&law, &self.header).as_bytes())?;
            self.briefings.insert(name.to_lowercase());
            self.written.push(path);
        }
        if let Some(p) = &mut self.findings_csv {
            p.write(&csv::write_rows(csv::findings_rows(
                &law,
                &self.header.provenance.generated_by(),
            )))?;
        }
        if let Some(p) = &mut self.json {
            p.write(&law.json_item(self.laws.is_empty()))?;
        }
        if let Some(p) = &mut self.html {
            p.write(&html::section(&law, &self.header))?;
        }
        if let Some(x) = &mut self.xlsx {
            x.law(&law, &self.header).map_err(std::io::Error::other)?;
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
        let mut summary = self.header.clone();
        summary.laws = std::mem::take(&mut self.laws);
        summary.errors = errors;
        summary.provenance.inputs = inputs;
        let dir = self.dir.clone();
        let mut written = std::mem::take(&mut self.written);
        let mut put = |name: &str, contents: &[u8]| -> std::io::Result<()> {
            let path = dir.join(name);
            atomic_write(&path, contents)?;
            written.push(path);
            Ok(())
        };
        let csv_file = |s: String| {
            if self.options.excel {
                csv::with_bom(&s)
            } else {
                s
            }
        };
        if self.formats.contains(&Format::Md) {
            put("comparison.md", markdown::comparison(&summary).as_bytes())?;
            put("profiles.md", profiles::markdown(&summary).as_bytes())?;
        }
        if self.formats.contains(&Format::Csv) {
            put(
                "comparison.csv",
                csv_file(csv::comparison(&summary)).as_bytes(),
            )?;
            put("profiles.csv", csv_file(profiles::csv(&summary)).as_bytes())?;
        }
        if let Some(p) = self.findings_csv.take() {
            written.push(p.finish("", "")?);
        }
        if let Some(p) = self.json.take() {
            let (head, tail) = summary.json_frame();
            let close = if summary.laws.is_empty() { "" } else { "\n  " };
            written.push(p.finish(&head, &format!("{close}{tail}"))?);
        }
        if let Some(p) = self.html.take() {
            written.push(p.finish(&html::head(&summary), &html::tail(&summary, &self.fired))?);
        }
        if let Some(x) = self.xlsx.take() {
            let path = self.dir.join("report.xlsx");
            let (tmp, f) = create_temp(&self.dir, "report.xlsx")?;
            drop(f);
            let saved = x
                .finish(&summary, &tmp)
                .map_err(std::io::Error::other)
                .and_then(|()| std::fs::rename(&tmp, &path));
            if saved.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            saved?;
            written.push(path);
        }
        if self.formats.contains(&Format::Md) {
            // Briefings left by an earlier run for laws not in this one would mislead; any
            // other file (a user's notes) is not ours to delete.
            for entry in std::fs::read_dir(self.dir.join("briefings"))?.flatten() {
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
        }
        Ok((summary, written))
    }
}

impl Drop for ReportWriter {
    fn drop(&mut self) {
        // An abandoned run leaves no parts behind (finished parts were taken already).
        for p in [self.json.take(), self.html.take(), self.findings_csv.take()]
            .into_iter()
            .flatten()
        {
            p.abandon();
        }
    }
}
