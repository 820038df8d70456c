//! The pipeline that runs the stages over a batch of laws.
//!
//! Inputs are discovered, then each law is loaded, matched and assessed on its own rayon
//! worker. A law that cannot be read, or whose analysis panics, becomes an error record; the
//! batch always completes. Results are collected in input order, so the report is identical
//! whatever the number of threads.
//!
//! **Nothing is lost.** Every path given or found ends up either in [`Report::laws`] or in
//! [`Report::errors`] (and so in every output): discovery problems, unreadable, empty, binary
//! or oversized files, invalid metadata, files deleted between discovery and loading
//! ([`analyze_inputs`] takes an already discovered list, so that case can be reproduced),
//! duplicate law ids, and panics.
//!
//! **Panics.** A panic while loading or analysing one law is caught and becomes that law's
//! error record, with the panic message and, when [`install_panic_hook`] has been called,
//! the source location. Rust's default panic hook would still print a multi-line message for
//! a panic that is caught; [`install_panic_hook`] silences it for panics inside a law's
//! analysis (the error record says it all, and the command line prints it as one line) and
//! leaves every other panic to the previous hook. The library never installs it by itself:
//! the panic hook belongs to the program.
//!
//! **Test hook.** In debug builds only (`cfg(debug_assertions)`), the environment variable
//! `AGENTLAW_TEST_PANIC_ON=<file name>` makes the analysis of every input with that file name
//! panic, so that tests can check that a panic is contained. Release builds do not contain
//! the check.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assess;
use crate::load::discover::{DiscoverOptions, discover_with};
use crate::load::{Input, InputError, Law, LoadOptions, Loader};
use crate::matching;
use crate::report::{ErrorEntry, InputEntry, LawReport, Report};
use crate::rules::RuleBook;

/// Options of a batch run.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Loading options.
    pub load: LoadOptions,
    /// What walking the input folders skips (the output folder).
    pub discover: DiscoverOptions,
}

/// Matches and assesses one loaded law.
pub fn analyze_law(book: &RuleBook, law: &Law) -> LawReport {
    let assessed = book.covers(&law.meta.language);
    let mut warnings = law.warnings.clone();
    let mut metadata = law.meta.extra.clone();
    let completeness = metadata.remove("completeness");
    if !assessed {
        warnings.push(format!(
            "no rule set for language `{}` (rule sets cover: {}); the law is listed but not assessed",
            law.meta.language,
            book.languages().join(", ")
        ));
    }
    let applicability = assess::applicability::applicability(
        book,
        law.meta.jurisdiction.as_deref(),
        law.meta.year,
        law.meta.status != Some(crate::load::Status::Repealed),
    );
    if let Some(w) = &applicability.warning {
        warnings.push(w.clone());
    }
    let quantities = crate::profile::classify(book, law, crate::profile::quantities(book, law));
    let mut findings = matching::match_law_with(book, law, &quantities);
    assess::engage_equivalents(book, &applicability.standards, &mut findings);
    let profile = crate::profile::profile(book, law, &quantities, &findings);
    let assessment = assess::assess_with(book, &findings, assessed, &applicability.standards);
    let categories = assess::summarise_categories(book, &findings);
    let overall = if assessed {
        assess::overall(&assessment)
    } else {
        assess::Verdict::NotAssessed
    };
    LawReport {
        id: law.meta.id.clone(),
        file: law.file.display().to_string(),
        title: law.meta.title.clone(),
        jurisdiction: law.meta.jurisdiction.clone(),
        year: law.meta.year,
        status: law.meta.status.map(|s| s.as_str().to_string()),
        language: law.meta.language.clone(),
        encoding: law.encoding.clone(),
        sha256: law.sha256.clone(),
        currency: law.meta.currency.clone(),
        source: law.meta.source.clone(),
        metadata,
        completeness,
        provisions: law.provision_count(),
        assessed,
        warnings,
        findings,
        assessment,
        categories,
        overall,
        profile,
        applicability: applicability.instruments,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

thread_local! {
    /// True while this thread is analysing one law inside `catch_unwind`.
    static IN_LAW: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic caught on this thread happened (set by the hook).
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that stays silent for panics inside a law's analysis (they become
/// error records that name the message and the location) and passes every other panic to
/// the hook that was installed before. Call it once, at the start of a program; later calls
/// do nothing.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_LAW.try_with(Cell::get).unwrap_or(false) {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                let _ = PANIC_LOCATION.try_with(|p| *p.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// The debug-build test hook described in the module documentation.
#[cfg(debug_assertions)]
fn test_panic_hook(path: &Path) {
    if let Some(name) = std::env::var_os("AGENTLAW_TEST_PANIC_ON") {
        if path.file_name() == Some(name.as_os_str()) {
            panic!(
                "deliberate panic for {} (AGENTLAW_TEST_PANIC_ON)",
                path.display()
            );
        }
    }
}

#[cfg(not(debug_assertions))]
fn test_panic_hook(_: &Path) {}

fn analyze_file(book: &RuleBook, loader: &Loader, path: &Path) -> Result<LawReport, ErrorEntry> {
    let file = path.display().to_string();
    IN_LAW.with(|f| f.set(true));
    let _ = PANIC_LOCATION.try_with(|p| p.borrow_mut().take());
    let result = catch_unwind(AssertUnwindSafe(|| {
        loader.load(path).map(|law| {
            test_panic_hook(path);
            analyze_law(book, &law)
        })
    }));
    IN_LAW.with(|f| f.set(false));
    match result {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(ErrorEntry {
            file,
            message: e.to_string(),
        }),
        Err(p) => {
            let location = PANIC_LOCATION
                .try_with(|l| l.borrow_mut().take())
                .ok()
                .flatten()
                .map(|l| format!(" (at {l})"))
                .unwrap_or_default();
            Err(ErrorEntry {
                file,
                message: format!(
                    "internal error while analysing this law: {}{location}; this is a bug in agentlaw, please report it",
                    panic_message(&*p)
                ),
            })
        }
    }
}

/// SHA-256 of a file that could not be analysed, for the provenance: only for a regular file
/// within the size limit, read as a stream.
fn hash_failed_input(path: &Path, limit: u64) -> Option<String> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    crate::text::sha256_hex_reader(file.take(limit)).ok()
}

/// What a batch leaves besides its laws: the inputs that failed and the provenance of every
/// input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchEnd {
    /// Inputs that could not be analysed, sorted.
    pub errors: Vec<ErrorEntry>,
    /// Every input with its hash and encoding, sorted.
    pub inputs: Vec<InputEntry>,
    /// What walking the folders left out because agentlaw wrote it (see
    /// [`crate::load::discover::Discovery::skipped`]).
    pub skipped: Vec<PathBuf>,
    /// Folders given that hold no file agentlaw reads.
    pub empty_folders: Vec<PathBuf>,
}

/// Laws analysed at a time per worker thread: results are handed on in input order after each
/// chunk, so memory holds at most a chunk's laws, whatever the size of the batch.
const CHUNK_PER_THREAD: usize = 32;

/// Discovers the files under `paths`, then runs [`analyze_inputs_each`].
pub fn analyze_each(
    book: &RuleBook,
    paths: &[PathBuf],
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: &mut dyn FnMut(LawReport) -> std::io::Result<()>,
) -> std::io::Result<BatchEnd> {
    let d = discover_with(paths, &options.discover);
    let mut end = analyze_inputs_each(book, &d.inputs, d.errors, options, progress, sink)?;
    end.skipped = d.skipped;
    end.empty_folders = d.empty_folders;
    Ok(end)
}

/// Runs the batch over inputs already discovered, handing each analysed law to `sink` in
/// input order as soon as its chunk is done; `input_errors` (from discovery) become error
/// records. The laws are analysed in parallel on `options.jobs` threads; the order, and so
/// every output, does not depend on the number of threads. Files may have changed since
/// discovery: one that is gone is an error record like any other. `progress` is called after
/// each file with (done, total). An error from `sink` stops the batch.
pub fn analyze_inputs_each(
    book: &RuleBook,
    inputs: &[Input],
    input_errors: Vec<InputError>,
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: &mut dyn FnMut(LawReport) -> std::io::Result<()>,
) -> std::io::Result<BatchEnd> {
    let loader = Loader::new(options.load.clone());
    let total = inputs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .ok();
    let threads = pool.as_ref().map_or_else(
        rayon::current_num_threads,
        rayon::ThreadPool::current_num_threads,
    );
    let mut end = BatchEnd {
        errors: input_errors
            .into_iter()
            .map(|e| ErrorEntry {
                file: e.path.display().to_string(),
                message: e.message,
            })
            .collect(),
        inputs: Vec::new(),
        skipped: Vec::new(),
        empty_folders: Vec::new(),
    };
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for chunk in inputs.chunks(CHUNK_PER_THREAD * threads.max(1)) {
        let run = || {
            chunk
                .par_iter()
                .map(|input| {
                    let r = analyze_file(book, &loader, &input.path);
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, total);
                    r
                })
                .collect::<Vec<_>>()
        };
        let results = match &pool {
            Some(pool) => pool.install(run),
            None => run(),
        };
        for r in results {
            match r {
                Ok(law) => {
                    if let Some(first) = ids.get(&law.id) {
                        end.errors.push(ErrorEntry {
                            file: law.file.clone(),
                            message: format!("law id `{}` is already used by {first}; give this law its own `id`", law.id),
                        });
                    } else {
                        ids.insert(law.id.clone(), law.file.clone());
                        end.inputs.push(InputEntry {
                            file: law.file.clone(),
                            sha256: law.sha256.clone(),
                            encoding: Some(law.encoding.clone()),
                        });
                        sink(law)?;
                    }
                }
                Err(e) => end.errors.push(e),
            }
        }
    }
    end.errors.sort();
    for e in &end.errors {
        end.inputs.push(InputEntry {
            file: e.file.clone(),
            sha256: hash_failed_input(Path::new(&e.file), options.load.max_file_size),
            encoding: None,
        });
    }
    end.inputs.sort();
    Ok(end)
}

/// Runs the whole batch and keeps every law in memory (for evaluation, comparison and tests;
/// `agentlaw analyze` streams with [`analyze_each`]). `progress` is called after each file
/// with (done, total).
pub fn analyze(
    book: &RuleBook,
    paths: &[PathBuf],
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Report {
    let d = discover_with(paths, &options.discover);
    analyze_inputs(book, &d.inputs, d.errors, options, progress)
}

/// Like [`analyze`], for inputs already discovered (see [`analyze_inputs_each`]).
pub fn analyze_inputs(
    book: &RuleBook,
    inputs: &[Input],
    input_errors: Vec<InputError>,
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Report {
    let mut report = Report::new(book);
    let end = analyze_inputs_each(book, inputs, input_errors, options, progress, &mut |law| {
        report.laws.push(law);
        Ok(())
    })
    .expect("collecting in memory cannot fail");
    report.provenance.inputs = end.inputs;
    report.errors = end.errors;
    report
}
