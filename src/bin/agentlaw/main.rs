//! The `agentlaw` command line: a thin layer over the library.

use std::collections::BTreeSet;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use agentlaw::analyze::{AnalyzeOptions, analyze, analyze_each, install_panic_hook};
use agentlaw::load::LoadOptions;
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
        std::process::exit(0);
    }
    eprintln!("error: writing to standard output: {e}");
    std::process::exit(2);
}

const EXIT_HELP: &str = "Exit codes:
  0  every input was analysed
  1  some inputs could not be analysed (results are written for the others and the failures listed),
     or `rules test` found an example that does not behave as its rule says
  2  usage error, a rule file is invalid, or the output folder cannot be written
     (checked before any law is read; nothing is analysed)";

const ANALYZE_HELP: &str =
    "Bad input loses nothing: every file given or found appears in every output, either
analysed or as an error record saying why it could not be (empty, binary, unreadable,
over --max-file-size, invalid front matter…). A law in a language no rule set covers is
analysed with a warning and its verdicts are `not-assessed` (shown as n/a).

Exit codes:
  0  every input was analysed
  1  some inputs could not be analysed (results are written for the others and the failures listed)
  2  usage error, a rule file is invalid, or the output folder cannot be written
     (checked before any law is read; nothing is analysed)";

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
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: String,
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
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: String,
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
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: String,
    /// Worker threads.
    #[arg(long, short = 'j', value_name = "N")]
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
    /// Folder for the reports.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// Comma-separated output formats: md, csv, json, html, xlsx (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    format: Vec<String>,
    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel reads them as UTF-8.
    #[arg(long)]
    excel: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Refuse law files larger than this (bytes, or with a suffix: 500K, 64M, 1G); a larger
    /// file becomes an error record naming the limit. The default, 64M, is far above any
    /// statute and bounds the memory each worker thread needs.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_file_size: u64,
    /// A date to record in the provenance (e.g. 2026-11-29). Without it no date is written,
    /// so that identical inputs give byte-identical outputs.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
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
        #[arg(long, value_name = "FORMAT", default_value = "md")]
        format: String,
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

fn load_rules(paths: &[PathBuf]) -> Result<RuleBook, RuleErrors> {
    RuleBook::load(paths)
}

fn report_rule_errors(e: &RuleErrors) -> ExitCode {
    eprintln!("{e}");
    eprintln!(
        "error: {} problem(s) in the rule files; nothing was analysed",
        e.0.len()
    );
    ExitCode::from(2)
}

fn run_analyze(a: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let mut formats = BTreeSet::new();
    for f in &a.format {
        match write::Format::parse(f) {
            Some(x) => {
                formats.insert(x);
            }
            None => {
                eprintln!(
                    "error: unknown format `{f}` (expected {})",
                    write::Format::NAMES
                );
                return Ok(ExitCode::from(2));
            }
        }
    }
    if formats.is_empty() {
        formats.extend(write::Format::ALL);
    }
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(e) => return Ok(report_rule_errors(&e)),
    };
    if let Err(e) = write::check_output_folder(&a.out, &formats) {
        eprintln!(
            "error: cannot write to the output folder {}: {e}",
            a.out.display()
        );
        return Ok(ExitCode::from(2));
    }
    let options = AnalyzeOptions {
        jobs: a.jobs,
        load: LoadOptions {
            max_file_size: a.max_file_size,
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
    let end = analyze_each(&book, &a.paths, &options, &progress, &mut |law| {
        findings += law.findings.len();
        writer.law(law)
    })
    .with_context(|| format!("writing reports to {}", a.out.display()))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let (report, written) = writer
        .finish(end.errors, end.inputs)
        .with_context(|| format!("writing reports to {}", a.out.display()))?;
    if !a.quiet {
        let stdout = std::io::stdout();
        let tty = stdout.is_terminal();
        let color = tty && !a.no_color && std::env::var_os("NO_COLOR").is_none();
        let width = if tty {
            comfy_table::Table::new().width()
        } else {
            None
        };
        out!("{}", terminal::render(&report, width, color));
        eprintln!(
            "analysed {} laws ({} findings); {} inputs failed; wrote {} files to {}",
            report.laws.len(),
            findings,
            report.errors.len(),
            written.len(),
            a.out.display()
        );
    }
    for e in &report.errors {
        eprintln!("error: {}: {}", e.file, e.message);
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_rules(cmd: RulesCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        RulesCommand::Check { paths } => {
            let book = match load_rules(&paths) {
                Ok(b) => b,
                Err(e) => return Ok(report_rule_errors(&e)),
            };
            outln!(
                "ok: {} rule sets, {} rules ({}), {} standards, {} categories",
                book.rulesets.len(),
                book.rules.len(),
                book.languages().join(", "),
                book.standards.len(),
                book.categories.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Test { paths } => {
            let book = match load_rules(&paths) {
                Ok(b) => b,
                Err(e) => return Ok(report_rule_errors(&e)),
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
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        RulesCommand::List { rules } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(e) => return Ok(report_rule_errors(&e)),
            };
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                .set_header(vec![
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
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Doc { rules, format, out } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(e) => return Ok(report_rule_errors(&e)),
            };
            let text = match format.as_str() {
                "md" | "markdown" => agentlaw::report::rules_doc::markdown(&book),
                "html" => agentlaw::report::rules_doc::html(&book),
                other => {
                    eprintln!("error: unknown format `{other}` (expected md or html)");
                    return Ok(ExitCode::from(2));
                }
            };
            emit(out.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::ExportPatterns {
            rules,
            ascii_boundaries,
        } => {
            let book = match load_rules(&rules.rules) {
                Ok(b) => b,
                Err(e) => return Ok(report_rule_errors(&e)),
            };
            for p in book.export_patterns(ascii_boundaries) {
                outln!("{p}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_compare(a: CompareArgs) -> anyhow::Result<ExitCode> {
    if !matches!(a.format.as_str(), "text" | "md") {
        eprintln!("error: unknown format `{}` (expected text or md)", a.format);
        return Ok(ExitCode::from(2));
    }
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(e) => return Ok(report_rule_errors(&e)),
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
            return Ok(ExitCode::from(2));
        }
    };
    let text = if a.format == "md" {
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
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    if !matches!(a.format.as_str(), "text" | "json") {
        eprintln!(
            "error: unknown format `{}` (expected text or json)",
            a.format
        );
        return Ok(ExitCode::from(2));
    }
    let key = match agentlaw::eval::Key::read(&a.gold) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(e) => return Ok(report_rule_errors(&e)),
    };
    let options = AnalyzeOptions {
        jobs: a.jobs,
        load: LoadOptions::default(),
    };
    let report = analyze(&book, &a.paths, &options, &|_, _| {});
    let e = agentlaw::eval::evaluate(&key, &report);
    if a.format == "json" {
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
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_diff(a: DiffArgs) -> anyhow::Result<ExitCode> {
    let markdown = match a.format.as_str() {
        "md" | "markdown" => true,
        "text" => false,
        other => {
            eprintln!("error: unknown format `{other}` (expected text or md)");
            return Ok(ExitCode::from(2));
        }
    };
    let book = match load_rules(&a.rules.rules) {
        Ok(b) => b,
        Err(e) => return Ok(report_rule_errors(&e)),
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
            return Ok(ExitCode::from(1));
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
    Ok(ExitCode::SUCCESS)
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
            ExitCode::from(2)
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
