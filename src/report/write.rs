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
//! Briefing file names come from law ids, which come from the laws' metadata and are not
//! trusted: [`briefing::file_stem`] keeps them inside `briefings/`.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::report::{Report, briefing, csv, html, markdown, xlsx};

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
            Format::Md => &["comparison.md"][..],
            Format::Csv => &["comparison.csv", "findings.csv"],
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

/// Writes the selected formats into `dir`; returns the files written, in order.
pub fn write_outputs_with(
    report: &Report,
    dir: &Path,
    formats: &BTreeSet<Format>,
    options: &WriteOptions,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut put = |name: &str, contents: &[u8]| -> std::io::Result<()> {
        let path = dir.join(name);
        atomic_write(&path, contents)?;
        written.push(path);
        Ok(())
    };
    let csv_file = |s: String| if options.excel { csv::with_bom(&s) } else { s };
    if formats.contains(&Format::Md) {
        put("comparison.md", markdown::comparison(report).as_bytes())?;
    }
    if formats.contains(&Format::Csv) {
        put(
            "comparison.csv",
            csv_file(csv::comparison(report)).as_bytes(),
        )?;
        put("findings.csv", csv_file(csv::findings(report)).as_bytes())?;
    }
    if formats.contains(&Format::Json) {
        put("report.json", report.to_json().as_bytes())?;
    }
    if formats.contains(&Format::Html) {
        put("report.html", html::render(report).as_bytes())?;
    }
    if formats.contains(&Format::Xlsx) {
        let bytes = xlsx::render(report).map_err(std::io::Error::other)?;
        put("report.xlsx", &bytes)?;
    }
    if formats.contains(&Format::Md) {
        let bdir = dir.join("briefings");
        std::fs::create_dir_all(&bdir)?;
        let names = briefing::file_names(report);
        for (law, name) in report.laws.iter().zip(&names) {
            let path = bdir.join(name);
            atomic_write(&path, briefing::briefing(law, report).as_bytes())?;
            written.push(path);
        }
        // Briefings left by an earlier run for laws not in this one would mislead.
        let names: BTreeSet<&String> = names.iter().collect();
        for entry in std::fs::read_dir(&bdir)?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && name.ends_with(".md") && !names.contains(&name) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(written)
}
