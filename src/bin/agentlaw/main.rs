//! The `agentlaw` command line: a thin layer over the library.

use std::collections::BTreeSet;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use agentlaw::analyze::{AnalyzeOptions, analyze, analyze_each, install_panic_hook};
use agentlaw::assess::Verdict;
use agentlaw::load::LoadOptions;
use agentlaw::load::discover::DiscoverOptions;
use agentlaw::matching::check_examples;
use agentlaw::report::{terminal, write};
use agentlaw::rules::{RuleBook, RuleErrors};

/// Writes to standard output. When the reader has gone (`agentlaw rules export-patterns |
/// head`), the program ends quietly with success, as Unix filters do; any other write error
/// is reported and ends it with exit code 2.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($t)*) {
            stdout_failed(e)
        }
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            stdout_failed(e)
        }
    }};
}

/// Writes a command's text to `--out` (atomically) or to standard output.
fn emit(out: Option<&std::path::Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => write::atomic_write(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display())),
        None => {
            out!("{text}");
            Ok(())
        }
    }
}

fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(Exit::Ok as i32);
    }
    eprintln!("error: writing to standard output: {e}");
    std::process::exit(Exit::Usage as i32);
}

/// The exit codes, as documented in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// Every input was analysed (or the command succeeded).
    Ok = 0,
    /// Some inputs could not be analysed, a folder held no law, or a check failed.
    Failed = 1,
    /// Usage error, invalid rule files, or an output that cannot be written.
    Usage = 2,
    /// `--fail-on`: a law reached the verdict given.
    Verdict = 3,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// `n` followed by the singular or the plural of a noun.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Stops with a usage error (exit 2) for each path given that does not exist, when none of
/// them does: a mistyped path is one line on stderr, not a run with empty tables. When some
/// paths exist, the missing ones become error records like any unreadable input.
fn check_paths_exist(paths: &[PathBuf]) -> Result<(), ExitCode> {
    let missing: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .collect();
    if !paths.is_empty() && missing.len() == paths.len() {
        for p in missing {
            eprintln!("error: {}: no such file or folder", p.display());
        }
        return Err(Exit::Usage.into());
    }
    Ok(())
}

const EXIT_HELP: &str = "Exit codes:
  0  every input was analysed
  1  some inputs could not be analysed (results are written for the others and the failures listed),
     a folder given holds no law file, or `rules test` found an example that does not behave as
     its rule says
  2  usage error (also: no path given exists, or no rule set was found), a rule file is invalid,
     or the output folder cannot be written (checked before any law is read; nothing is analysed)
  3  `analyze --fail-on V`: a law reached verdict V or a more severe one";

const ANALYZE_HELP: &str =
    "Bad input loses nothing: every file given or found appears in every output, either
analysed or as an error record saying why it could not be (empty, binary, unreadable,
over --max-file-size, invalid front matter, a format agentlaw does not read…). A law in a
language no rule set covers is analysed with a warning and its verdicts are `not-assessed`
(shown as n/a). A law whose `completeness` (front matter or laws.toml) starts with `partial`
is marked in every output: absence of findings in a partial text is not a clearance.

Folders are walked for law files; the output folder and the reports agentlaw wrote (found by
their provenance line) are skipped, so the reports are never analysed as laws. In
<out>/briefings/ a run replaces the briefings agentlaw wrote and deletes those of laws no
longer analysed; any other file there is left alone.

Exit codes:
  0  every input was analysed
  1  some inputs could not be analysed (results are written for the others and the failures
     listed), or a folder given holds no law file
  2  usage error (also: no path given exists, or no rule set was found), a rule file is invalid,
     or the output folder cannot be written (checked before any law is read; nothing is analysed)
  3  with --fail-on V: a law reached verdict V or a more severe one (checked after the outputs
     are written)";

/// `diff` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextOrMd {
    /// Terminal tables.
    Text,
    /// Markdown.
    #[value(alias = "markdown")]
    Md,
}

/// `rules doc` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocFormat {
    /// Markdown.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page.
    Html,
}

/// `eval` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EvalFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// The verdicts `--fail-on` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Only low-severity findings, or worse.
    Minor,
    /// A concern, or worse.
    Concern,
    /// A serious concern, or worse.
    Serious,
    /// Incompatible.
    Incompatible,
}

impl From<FailOn> for Verdict {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Minor => Verdict::Minor,
            FailOn::Concern => Verdict::Concern,
            FailOn::Serious => Verdict::Serious,
            FailOn::Incompatible => Verdict::Incompatible,
        }
    }
}

/// Parses `--date`: a calendar date written YYYY-MM-DD.
fn parse_date(s: &str) -> Result<String, String> {
    let bad = || format!("`{s}` is not a date written YYYY-MM-DD (e.g. 2026-11-29)");
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let num = |t: &str| {
        t.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok(s.to_string())
}

/// Parses `--jobs`: a number of threads, at least 1.
fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave --jobs out for one thread per core)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a number of threads")),
    }
}

/// Parses `analyze --out`: a folder, never `-` (the reports are several files; use
/// `--json` for report.json on standard output).
fn parse_out_dir(s: &str) -> Result<PathBuf, String> {
    if s == "-" {
        return Err(
            "the reports are several files and need a folder; use --json to print report.json on standard output".into(),
        );
    }
    Ok(PathBuf::from(s))
}

/// Parses a size in bytes: `1000`, or with a binary suffix `500K`, `64M`, `1G` (also `KiB`,
/// `MiB`, `GiB`, `KB`, `MB`, `GB`, all meaning powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a size (examples: 1000000, 500K, 64M, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => return Err(format!("unknown size unit `{other}` (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Apply rule sets to foreign-agent and foreign-funding laws and compare them against
/// human-rights standards.
#[derive(Parser)]
#[command(name = "agentlaw", version, about, after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse laws and write comparison tables, briefings, report.json, report.html and
    /// report.xlsx.
    #[command(after_help = ANALYZE_HELP)]
    Analyze(AnalyzeArgs),
    /// Check, test or list rule sets.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Put laws side by side: profiles, categories and core verdicts, marking differences
    /// from a baseline law.
    Compare(CompareArgs),
    /// Compare findings with an answer key: category precision and recall, provision recall.
    Eval(EvalArgs),
    /// Show what changed between two versions of a law (a draft and the adopted text):
    /// articles added, removed, renumbered and reworded, findings introduced and resolved,
    /// verdicts before and after.
    #[command(after_help = DIFF_EXIT_HELP)]
    Diff(DiffArgs),
}

const DIFF_EXIT_HELP: &str = "Exit codes:
  0  the diff was written
  1  OLD or NEW could not be read
  2  usage error, or a rule file is invalid";

#[derive(Args)]
struct DiffArgs {
    /// The earlier version (e.g. the draft).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later version (e.g. the adopted law).
    #[arg(value_name = "NEW")]
    new: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format: text (tables) or md (Markdown with the inline diff).
    #[arg(long, value_name = "FORMAT", value_enum, default_value = "text")]
    format: TextOrMd,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Never colour the terminal tables.
    #[arg(long)]
    no_color: bool,
}

#[derive(Args)]
struct CompareArgs {
    /// Law files (or folders) to compare.
    #[arg(value_name = "LAW", required = true)]
    laws: Vec<PathBuf>,
    /// The law the others are compared with: a path (analysed too) or the id of one of the laws.
    #[arg(long, value_name = "LAW")]
    baseline: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format: text or md.
    #[arg(long, value_name = "FORMAT", value_enum, default_value = "text")]
    format: TextOrMd,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct EvalArgs {
    /// The answer key (TOML, in the format of corpus-key.toml).
    #[arg(long, value_name = "KEY")]
    gold: PathBuf,
    /// Law files or folders.
    #[arg(value_name = "PATHS", default_value = "laws")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format: text or json.
    #[arg(long, value_name = "FORMAT", value_enum, default_value = "text")]
    format: EvalFormat,
    /// Worker threads, at least 1 (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    jobs: Option<usize>,
    /// Exit with 1 when category precision is below this.
    #[arg(long, value_name = "RATIO")]
    min_precision: Option<f64>,
    /// Exit with 1 when category recall is below this.
    #[arg(long, value_name = "RATIO")]
    min_recall: Option<f64>,
    /// Exit with 1 when provision-level recall is below this.
    #[arg(long, value_name = "RATIO")]
    min_provision_recall: Option<f64>,
}

#[derive(Args)]
struct RuleArgs {
    /// Rule set file or folder (repeatable); replaces the embedded rule sets.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Law files or folders (folders are walked recursively for .txt, .md, .html, .htm,
    /// .docx, .pdf, .akn and Akoma Ntoso .xml).
    #[arg(value_name = "PATHS", default_value = "laws")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Folder for the reports (not `-`: see --json).
    #[arg(long, value_name = "DIR", default_value = "reports", value_parser = parse_out_dir)]
    out: PathBuf,
    /// Comma-separated output formats: md, csv, json, html, xlsx (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_enum)]
    format: Vec<write::Format>,
    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel reads them as UTF-8.
    #[arg(long)]
    excel: bool,
    /// Worker threads, at least 1 (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    jobs: Option<usize>,
    /// Refuse law files larger than this (bytes, or with a suffix: 500K, 64M, 1G); a larger
    /// file becomes an error record naming the limit. The default, 64M, is far above any
    /// statute and bounds the memory each worker thread needs.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_file_size: u64,
    /// A date to record in the provenance (e.g. 2026-11-29). Without it no date is written,
    /// so that identical inputs give byte-identical outputs.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<String>,
    /// Exit with 3 when any law reaches this verdict or a more severe one (for pipelines that
    /// watch new drafts).
    #[arg(long, value_name = "VERDICT", value_enum)]
    fail_on: Option<FailOn>,
    /// Print report.json on standard output as the laws are analysed, instead of the tables
    /// (the files are written as usual).
    #[arg(long)]
    json: bool,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print each law's warnings, not only a summary line per kind.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Never colour the terminal tables.
    #[arg(long)]
    no_color: bool,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate rule sets (default: the embedded ones).
    Check {
        /// Rule files or folders.
        paths: Vec<PathBuf>,
    },
    /// Run every rule's examples; fail on any example that is not flagged (or is, wrongly).
    Test {
        /// Rule files or folders.
        paths: Vec<PathBuf>,
    },
    /// List the rules as a table.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write the rule catalogue (what, why, examples, compliant alternative, standards).
    Doc {
        #[command(flatten)]
        rules: RuleArgs,
        /// Output format: md (Markdown) or html (one self-contained page).
        #[arg(long, value_name = "FORMAT", value_enum, default_value = "md")]
        format: DocFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print every regular expression of the loaded rules, one per line, for `rg -f`.
    ExportPatterns {
        #[command(flatten)]
        rules: RuleArgs,
        /// Write `\b` as the ASCII-only `(?-u:\b)` (for timing ripgrep's fast path only).
        #[arg(long)]
        ascii_boundaries: bool,
    },
}

/// Loads the rule book every command works with: the embedded rule sets, or those under
/// `paths`. Invalid rule files, and paths that hold no rule set at all (a folder of laws, a
/// categories file), are usage errors: each is reported on stderr and the command ends with
/// exit code 2 before any law is read.
fn load_rules(paths: &[PathBuf]) -> Result<RuleBook, ExitCode> {
    check_paths_exist(paths)?;
    let book = RuleBook::load(paths).map_err(|e| report_rule_errors(&e))?;
    if book.rulesets.is_empty() {
        let given: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "error: no rule set in {} (found {}, {}, {}); give rule set files or a folder of them, such as rules/",
            given.join(", "),
            count(book.rules.len(), "rule", "rules"),
            count(book.standards.len(), "standard", "standards"),
            count(book.categories.len(), "category", "categories"),
        );
        return Err(Exit::Usage.into());
    }
    Ok(book)
}

fn report_rule_errors(e: &RuleErrors) -> ExitCode {
    eprintln!("{e}");
    eprintln!(
        "error: {} in the rule files; nothing was analysed",
        count(e.0.len(), "problem", "problems")
    );
    Exit::Usage.into()
}

/// The kinds of law warning summarised on the terminal, with how to recognise them.
const WARNING_KINDS: &[(&str, &str)] = &[
    ("guessed language", "guessed language `"),
    ("language detected from the text", "; detected `"),
    ("no numbered provisions", "no numbered provisions"),
    ("not assessed", "not assessed"),
];

/// Prints the laws' warnings on stderr: one summary line per kind ("guessed language",
/// "no numbered provisions", "not assessed", "partial text", other), or with `verbose`
/// each law's warnings.
fn print_warnings(laws: &[agentlaw::report::LawReport], verbose: bool) {
    let mut kinds: Vec<(&str, Vec<&str>)> = WARNING_KINDS
        .iter()
        .map(|(k, _)| (*k, Vec::new()))
        .chain([("partial text", Vec::new()), ("other warnings", Vec::new())])
        .collect();
    for law in laws {
        if verbose {
            for w in &law.warnings {
                eprintln!("warning: {}: {w}", law.file);
            }
            if let Some(c) = law.caveat() {
                eprintln!("warning: {}: {c}", law.file);
            }
        }
        for w in &law.warnings {
            let i = WARNING_KINDS
                .iter()
                .position(|(_, needle)| w.contains(needle))
                .unwrap_or(WARNING_KINDS.len() + 1);
            if kinds[i].1.last() != Some(&law.id.as_str()) {
                kinds[i].1.push(&law.id);
            }
        }
        if law.is_partial() {
            kinds[WARNING_KINDS.len()].1.push(&law.id);
        }
    }
    if verbose {
        return;
    }
    for (kind, ids) in kinds.iter().filter(|(_, ids)| !ids.is_empty()) {
        const SHOWN: usize = 5;
        let mut list = ids
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > SHOWN {
            list.push_str(&format!(" and {} more", ids.len() - SHOWN));
        }
        eprintln!(
            "warning: {kind}: {} ({list}); --verbose shows each",
            count(ids.len(), "law", "laws")
        );
    }
}

fn run_analyze(a: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let mut formats: BTreeSet<write::Format> = a.format.iter().copied().collect();
    if formats.is_empty() {
        formats.extend(write::Format::ALL);
    }
    if let Err(code) = check_paths_exist(&a.paths) {
        return Ok(code);
    }
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    if let Err(e) = write::check_output_folder(&a.out, &formats) {
        eprintln!(
            "error: cannot write to the output folder {}: {e}",
            a.out.display()
        );
        return Ok(Exit::Usage.into());
    }
    let options = AnalyzeOptions {
        jobs: a.jobs,
        load: LoadOptions {
            max_file_size: a.max_file_size,
        },
        discover: DiscoverOptions {
            skip: vec![a.out.clone()],
        },
    };
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} laws {elapsed_precise}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let progress = |done: usize, total: usize| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    };
    // Stream: each law's outputs are written as soon as it is analysed, and only its summary
    // stays in memory.
    let mut header = agentlaw::report::Report::new(&book);
    header.provenance.date = a.date.clone();
    let write_options = write::WriteOptions { excel: a.excel };
    let mut writer = write::ReportWriter::new(&header, &a.out, &formats, &write_options)
        .with_context(|| format!("writing reports to {}", a.out.display()))?;
    let mut findings = 0usize;
    let mut first = true;
    if a.json {
        out!("{}", header.json_frame().0);
    }
    let end = analyze_each(&book, &a.paths, &options, &progress, &mut |law| {
        findings += law.findings.len();
        if a.json {
            out!("{}", law.json_item(first));
            first = false;
        }
        writer.law(law)
    })
    .with_context(|| format!("writing reports to {}", a.out.display()))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let (report, written) = writer
        .finish(end.errors, end.inputs)
        .with_context(|| format!("writing reports to {}", a.out.display()))?;
    if a.json {
        let close = if report.laws.is_empty() { "" } else { "\n  " };
        out!("{close}{}", report.json_frame().1);
    }
    if !a.quiet {
        if !a.json {
            let stdout = std::io::stdout();
            let tty = stdout.is_terminal();
            let color = tty && !a.no_color && std::env::var_os("NO_COLOR").is_none();
            let width = if tty {
                comfy_table::Table::new().width()
            } else {
                None
            };
            out!("{}", terminal::render(&report, width, color));
        }
        if !end.skipped.is_empty() {
            let files = end.skipped.iter().filter(|p| p.is_file()).count();
            let folders = end.skipped.len() - files;
            let mut what = Vec::new();
            if folders > 0 {
                what.push(format!(
                    "the output folder {}",
                    end.skipped
                        .iter()
                        .filter(|p| !p.is_file())
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if files > 0 {
                what.push(count(files, "report", "reports"));
            }
            eprintln!(
                "note: skipped {} that agentlaw wrote (recognised by their provenance line); they are not laws",
                what.join(" and ")
            );
        }
        print_warnings(&report.laws, a.verbose);
        eprintln!(
            "analysed {} ({}); {}; wrote {} to {}",
            count(report.laws.len(), "law", "laws"),
            count(findings, "finding", "findings"),
            count(report.errors.len(), "input failed", "inputs failed"),
            count(written.len(), "file", "files"),
            a.out.display()
        );
    }
    for folder in &end.empty_folders {
        eprintln!(
            "warning: {}: no law file found (agentlaw reads {})",
            folder.display(),
            agentlaw::load::discover::extensions_list()
        );
    }
    for e in &report.errors {
        eprintln!("error: {}: {}", e.file, e.message);
    }
    if let Some(v) = a.fail_on {
        let v = Verdict::from(v);
        let reached: Vec<&str> = report
            .laws
            .iter()
            .filter(|l| l.overall >= v)
            .map(|l| l.id.as_str())
            .collect();
        if !reached.is_empty() {
            eprintln!(
                "{} reached `{}` or worse (--fail-on): {}",
                count(reached.len(), "law", "laws"),
                v.id(),
                reached.join(", ")
            );
            return Ok(Exit::Verdict.into());
        }
    }
    Ok(
        if report.errors.is_empty() && end.empty_folders.is_empty() {
            Exit::Ok.into()
        } else {
            Exit::Failed.into()
        },
    )
}

fn run_rules(cmd: RulesCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        RulesCommand::Check { paths } => {
            let book = match load_rules(&paths) {
                Ok(b) => b,
                Err(code) => return Ok(code),
            };
            outln!(
                "ok: {}, {} ({}), {}, {}",
                count(book.rulesets.len(), "rule set", "rule sets"),
                count(book.rules.len(), "rule", "rules"),
                book.languages().join(", "),
                count(book.standards.len(), "standard", "standards"),
                count(book.categories.len(), "category", "categories")
            );
            Ok(Exit::Ok.into())
        }
        RulesCommand::Test { paths } => {
            let book = match load_rules(&paths) {
                Ok(b) => b,
                Err(code) => return Ok(code),
            };
            let failures = check_examples(&book, None);
            let examples: usize = book
                .rules
                .iter()
                .map(|r| r.examples.flag.len() + r.examples.ok.len())
                .sum();
            for f in &failures {
                outln!(
                    "FAIL {} ({}) {} example: {}\n     {:?}",
                    f.rule,
                    f.location,
                    f.expected,
                    f.problem,
                    f.text
                );
            }
            outln!(
                "{} rules, {} examples: {} passed, {} failed",
                book.rules.len(),
                examples,
                examples - failures.len(),
                failures.len()
            );
            Ok(if failures.is_empty() {
                Exit::Ok.into()
            } else {
                Exit::Failed.into()
            })
        }
        RulesCommand::List { rules } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(code) => return Ok(code),
            };
            let stdout = std::io::stdout();
            let width = if stdout.is_terminal() {
                comfy_table::Table::new().width()
            } else {
                None
            };
            let mut t = terminal::new_table(width, false);
            t.set_header(vec![
                "Id",
                "Lang",
                "Category",
                "Severity",
                "Kind",
                "Title",
                "Standards",
            ]);
            for r in &book.rules {
                t.add_row(vec![
                    r.id.clone(),
                    r.language.clone(),
                    r.category.clone(),
                    r.severity.as_str().to_string(),
                    format!("{:?}", r.kind).to_lowercase(),
                    r.title.clone(),
                    r.standards
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ]);
            }
            outln!("{t}");
            Ok(Exit::Ok.into())
        }
        RulesCommand::Doc { rules, format, out } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(code) => return Ok(code),
            };
            let text = match format {
                DocFormat::Md => agentlaw::report::rules_doc::markdown(&book),
                DocFormat::Html => agentlaw::report::rules_doc::html(&book),
            };
            emit(out.as_deref(), &text)?;
            Ok(Exit::Ok.into())
        }
        RulesCommand::ExportPatterns {
            rules,
            ascii_boundaries,
        } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(code) => return Ok(code),
            };
            for p in book.export_patterns(ascii_boundaries) {
                outln!("{p}");
            }
            Ok(Exit::Ok.into())
        }
    }
}

fn run_compare(a: CompareArgs) -> anyhow::Result<ExitCode> {
    if let Err(code) = check_paths_exist(&a.laws) {
        return Ok(code);
    }
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let mut paths = a.laws.clone();
    // A baseline given as a path is analysed with the others and named by its id.
    let baseline_path = a
        .baseline
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.exists());
    if let Some(b) = &baseline_path {
        if !paths.contains(b) {
            paths.insert(0, b.clone());
        }
    }
    let report = analyze(&book, &paths, &AnalyzeOptions::default(), &|_, _| {});
    for e in &report.errors {
        eprintln!("error: {}: {}", e.file, e.message);
    }
    let baseline_id = match (&baseline_path, &a.baseline) {
        (Some(p), _) => report
            .laws
            .iter()
            .find(|l| std::path::Path::new(&l.file) == p)
            .map(|l| l.id.clone()),
        (None, Some(id)) => Some(id.clone()),
        (None, None) => None,
    };
    let table = match agentlaw::compare::side_by_side::side_by_side(&report, baseline_id.as_deref())
    {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(Exit::Usage.into());
        }
    };
    let text = if a.format == TextOrMd::Md {
        agentlaw::compare::side_by_side::render_markdown(&table, &report)
    } else {
        let width = if a.out.is_none() && std::io::stdout().is_terminal() {
            comfy_table::Table::new().width()
        } else {
            None
        };
        agentlaw::compare::side_by_side::render_text(&table, width)
    };
    emit(a.out.as_deref(), &text)?;
    Ok(if report.errors.is_empty() {
        Exit::Ok.into()
    } else {
        Exit::Failed.into()
    })
}

fn run_eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Err(code) = check_paths_exist(&a.paths) {
        return Ok(code);
    }
    let key = match agentlaw::eval::Key::read(&a.gold) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(Exit::Usage.into());
        }
    };
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let options = AnalyzeOptions {
        jobs: a.jobs,
        ..AnalyzeOptions::default()
    };
    let report = analyze(&book, &a.paths, &options, &|_, _| {});
    let e = agentlaw::eval::evaluate(&key, &report);
    if a.format == EvalFormat::Json {
        outln!("{}", serde_json::to_string_pretty(&e)?);
    } else {
        out!("{}", agentlaw::eval::render_text(&e));
    }
    // A ratio with nothing to count (n/a) cannot meet a threshold.
    let short = |r: Option<f64>, m: f64| r.is_none_or(|x| x < m);
    let below = a.min_precision.is_some_and(|m| short(e.precision, m))
        || a.min_recall.is_some_and(|m| short(e.recall, m))
        || a.min_provision_recall
            .is_some_and(|m| short(e.provision_recall, m));
    if e.analysed == 0 {
        eprintln!(
            "error: none of the {} files the key names ({}) was among the inputs",
            e.laws.len(),
            e.not_among_inputs().join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    Ok(if below {
        Exit::Failed.into()
    } else {
        Exit::Ok.into()
    })
}

fn run_diff(a: DiffArgs) -> anyhow::Result<ExitCode> {
    let markdown = a.format == TextOrMd::Md;
    for p in [&a.old, &a.new] {
        if std::fs::symlink_metadata(p).is_err() {
            eprintln!(
                "error: {}: cannot read file: no such file (it does not exist)",
                p.display()
            );
            return Ok(Exit::Failed.into());
        }
    }
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let loader = agentlaw::load::Loader::default();
    let load = |path: &PathBuf| {
        loader
            .load(path)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let (old, new) = match (load(&a.old), load(&a.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for e in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return Ok(Exit::Failed.into());
        }
    };
    for law in [&old, &new] {
        if !book.covers(&law.meta.language) {
            eprintln!(
                "warning: {}: no rule set for language `{}`; only the text is compared",
                law.file.display(),
                law.meta.language
            );
        }
    }
    let d = agentlaw::diff::diff_laws(&book, &old, &new);
    let text = if markdown {
        agentlaw::diff::markdown::render(&d)
    } else {
        let stdout = std::io::stdout();
        let tty = a.out.is_none() && stdout.is_terminal();
        let color = tty && !a.no_color && std::env::var_os("NO_COLOR").is_none();
        let width = if tty {
            comfy_table::Table::new().width()
        } else {
            None
        };
        agentlaw::diff::terminal::render(&d, width, color)
    };
    emit(a.out.as_deref(), &text)?;
    Ok(Exit::Ok.into())
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => run_analyze(a),
        Command::Rules(r) => run_rules(r),
        Command::Eval(e) => run_eval(e),
        Command::Compare(c) => run_compare(c),
        Command::Diff(d) => run_diff(d),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            Exit::Usage.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agentlaw::load::DEFAULT_MAX_FILE_SIZE;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("500K"), Ok(500 * 1024));
        assert_eq!(parse_size("64M"), Ok(DEFAULT_MAX_FILE_SIZE));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert!(parse_size("18446744073709551615G").is_err());
    }
}
