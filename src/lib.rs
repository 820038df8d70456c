//! agentlaw applies TOML rule sets to "foreign agent", foreign-influence and NGO-funding
//! legislation and compares the laws against human-rights standards (the European Convention
//! on Human Rights, the UN Declaration on Human Rights Defenders, the civil-society
//! Declaration +25, the ICCPR).
//!
//! # The pipeline
//!
//! Each stage has one home; later stages only read what earlier ones produced.
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | 1. law loading | [`load`] | text (any common encoding), HTML, DOCX, PDF, Akoma Ntoso files → [`load::Law`]: decoded or extracted text, metadata, provisions with citations |
//! | 2. rule compilation | [`rules`] | TOML rule sets + standards catalogue → [`rules::RuleBook`] (compiled once, before any law is read) |
//! | 3. matching | [`matching`] | law × rule book → [`matching::Finding`]s with citation, line, column, byte span, quote |
//! | 3b. extraction | [`extract`] | law text → typed quantities with spans (money and currency, percentages, frequencies, deadlines, prison terms) |
//! | 3c. profiles | [`profile`] | quantities + profile specs (`rules/profile/`) + jurisdiction facts → a [`profile::Profile`] per law: threshold, label, deadlines, frequencies, highest fine in EUR and wage-months, prison, dissolution, court review, enforcing body, each with its citation; quantities also feed the rules' `quantity` tests |
//! | 4. assessment | [`assess`] | findings + the law's jurisdiction and year → which instruments bind the state ([`assess::applicability`]), equivalent standards engaged, a [`assess::Verdict`] per standard (`not-applicable` where the instrument does not bind) and a summary per category |
//! | 5. comparison | [`compare`] | all laws → laws × standards and laws × categories matrices; laws side by side against a baseline |
//! | 6. reports | [`report`] | the [`report::Report`] → JSON, Markdown, CSV, HTML, XLSX, terminal tables |
//! | 7. versions | [`diff`] | two versions of a law (draft and adopted) with their reports → [`diff::LawDiff`]: articles aligned across renumbering, word-level changes, findings introduced and resolved, verdicts before and after |
//!
//! [`eval`] measures findings against an answer key (category precision and recall,
//! provision-level recall).
//!
//! [`analyze`] runs stages 1, 3 and 4 over a batch of files in parallel (rayon), turning any
//! per-file failure (or panic) into an error record. [`analyze::analyze_each`] streams the
//! batch: laws are analysed in ordered chunks and handed over one by one, in input order
//! whatever the thread count, so that [`report::write::ReportWriter`] writes findings,
//! JSON, HTML sections and briefings as they arrive and keeps only a summary per law for the
//! tables; [`analyze::analyze`] collects a whole [`report::Report`] in memory instead. [`text`] holds
//! the small text utilities the stages share (line/column lookup, sentences, case folding).
//!
//! [`synth`] generates a deterministic synthetic corpus for the benchmarks.
//!
//! The binary (`src/bin/agentlaw`) is a thin command-line layer over these modules.
//!
//! # Example
//!
//! ```
//! use agentlaw::{load::Loader, matching, rules::RuleBook};
//! use std::path::Path;
//!
//! let book = RuleBook::embedded().expect("embedded rules compile");
//! let text = "+++\nlanguage = \"en\"\n+++\nArticle 1 – Scope\n1. Any organisation that receives foreign funding shall register as a foreign agent.\n";
//! let law = Loader::default().load_text(Path::new("example.txt"), text.to_string(), None).expect("loads");
//! let findings = matching::match_law(&book, &law);
//! assert!(findings.iter().all(|f| f.provision.starts_with("Art. 1")));
//! ```

pub mod analyze;
pub mod assess;
pub mod compare;
pub mod diff;
pub mod eval;
pub mod extract;
pub mod load;
pub mod matching;
pub mod profile;
pub mod report;
pub mod rules;
pub mod synth;
pub mod text;
