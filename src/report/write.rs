//! Writing the outputs to the report folder.
//!
//! Every file is written to a temporary file in the same folder and then renamed over the
//! target, so an interrupted run never leaves a half-written report that looks complete.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

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

/// Writes `contents` to `path` atomically (temporary file, then rename).
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Checks that `dir` exists or can be created, and that files can be written in it.
pub fn ensure_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".agentlaw-write-test-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
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
        put("profiles.md", profiles::markdown(report).as_bytes())?;
    }
    if formats.contains(&Format::Csv) {
        put(
            "comparison.csv",
            csv_file(csv::comparison(report)).as_bytes(),
        )?;
        put("findings.csv", csv_file(csv::findings(report)).as_bytes())?;
        put("profiles.csv", csv_file(profiles::csv(report)).as_bytes())?;
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
        let mut names = BTreeSet::new();
        for law in &report.laws {
            let name = format!("{}.md", briefing::file_stem(&law.id));
            let path = bdir.join(&name);
            atomic_write(&path, briefing::briefing(law, report).as_bytes())?;
            names.insert(name);
            written.push(path);
        }
        // Briefings left by an earlier run for laws not in this one would mislead.
        for entry in std::fs::read_dir(&bdir)?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".md") && !names.contains(&name) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(written)
}
