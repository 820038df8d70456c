//! The pipeline that runs the stages over a batch of laws.
//!
//! Inputs are discovered, then each law is loaded, matched and assessed on its own rayon
//! worker. A law that cannot be read, or whose analysis panics, becomes an error record; the
//! batch always completes. Results are collected in input order, so the report is identical
//! whatever the number of threads.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assess;
use crate::load::{Law, LoadOptions, Loader, discover};
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
}

/// Matches and assesses one loaded law.
pub fn analyze_law(book: &RuleBook, law: &Law) -> LawReport {
    let assessed = book.covers(&law.meta.language);
    let mut warnings = law.warnings.clone();
    if !assessed {
        warnings.push(format!(
            "no rule set for language `{}` (rule sets cover: {}); the law is listed but not assessed",
            law.meta.language,
            book.languages().join(", ")
        ));
    }
    let quantities = crate::profile::classify(book, law, crate::profile::quantities(book, law));
    let findings = matching::match_law_with(book, law, &quantities);
    let profile = crate::profile::profile(book, law, &quantities, &findings);
    let assessment = assess::assess(book, &findings, assessed);
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
        metadata: law.meta.extra.clone(),
        provisions: law.provision_count(),
        assessed,
        warnings,
        findings,
        assessment,
        categories,
        overall,
        profile,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn analyze_file(book: &RuleBook, loader: &Loader, path: &Path) -> Result<LawReport, ErrorEntry> {
    let file = path.display().to_string();
    match catch_unwind(AssertUnwindSafe(|| {
        loader.load(path).map(|law| analyze_law(book, &law))
    })) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(ErrorEntry {
            file,
            message: e.to_string(),
        }),
        Err(p) => Err(ErrorEntry {
            file,
            message: format!(
                "internal error while analysing this law: {}",
                panic_message(&*p)
            ),
        }),
    }
}

/// What a batch leaves besides its laws: the inputs that failed and the provenance of every
/// input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchEnd {
    /// Inputs that could not be analysed, sorted.
    pub errors: Vec<ErrorEntry>,
    /// Every input with its hash and encoding, sorted.
    pub inputs: Vec<InputEntry>,
}

/// Laws analysed at a time per worker thread: results are handed on in input order after each
/// chunk, so memory holds at most a few chunks' laws, whatever the size of the batch.
const CHUNK_PER_THREAD: usize = 32;

/// Runs the batch, handing each analysed law to `sink` in input order as soon as its chunk is
/// done. The laws are analysed in parallel on `options.jobs` threads; the order, and therefore
/// every output, does not depend on the number of threads. `progress` is called after each
/// file with (done, total). An error from `sink` stops the batch.
pub fn analyze_each(
    book: &RuleBook,
    paths: &[PathBuf],
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: &mut dyn FnMut(LawReport) -> std::io::Result<()>,
) -> std::io::Result<BatchEnd> {
    let (inputs, input_errors) = discover(paths);
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
            sha256: std::fs::read(&e.file)
                .ok()
                .map(|b| crate::text::sha256_hex(&b)),
            encoding: None,
        });
    }
    end.inputs.sort();
    Ok(end)
}

/// Runs the whole batch and keeps every law in memory (for evaluation, comparison and tests;
/// `agentlaw analyze` streams with [`analyze_each`] instead). `progress` is called after each
/// file with (done, total).
pub fn analyze(
    book: &RuleBook,
    paths: &[PathBuf],
    options: &AnalyzeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Report {
    let mut report = Report::new(book);
    let end = analyze_each(book, paths, options, progress, &mut |law| {
        report.laws.push(law);
        Ok(())
    })
    .expect("collecting in memory cannot fail");
    report.provenance.inputs = end.inputs;
    report.errors = end.errors;
    report
}
