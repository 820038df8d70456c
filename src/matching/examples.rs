//! Running every rule's examples: each `flag` text must produce a finding of that rule, each
//! `ok` text none. This is how `agentlaw rules test` and the test suite keep rules honest.

use std::path::Path;

use rayon::prelude::*;

use crate::load::Loader;
use crate::load::frontmatter::MetaFields;
use crate::rules::RuleBook;

/// An example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Rule id.
    pub rule: String,
    /// Where the rule is defined.
    pub location: String,
    /// `flag` or `ok`.
    pub expected: &'static str,
    /// The example text.
    pub text: String,
    /// What happened instead.
    pub problem: String,
}

/// Runs the examples of every rule (or of the rules whose index is in `only`).
pub fn check_examples(book: &RuleBook, only: Option<&[usize]>) -> Vec<ExampleFailure> {
    let loader = Loader::default();
    let indices: Vec<usize> = match only {
        Some(o) => o.to_vec(),
        None => (0..book.rules.len()).collect(),
    };
    let mut failures: Vec<ExampleFailure> = indices
        .par_iter()
        .flat_map_iter(|&ri| {
            let rule = &book.rules[ri];
            let cases = rule
                .examples
                .flag
                .iter()
                .map(|t| ("flag", t))
                .chain(rule.examples.ok.iter().map(|t| ("ok", t)));
            let mut out = Vec::new();
            for (expected, text) in cases {
                let meta = MetaFields {
                    language: Some(rule.language.clone()),
                    ..MetaFields::default()
                };
                let law = match loader.load_text(Path::new("example.txt"), text.clone(), Some(meta))
                {
                    Ok(l) => l,
                    Err(e) => {
                        out.push(ExampleFailure {
                            rule: rule.id.clone(),
                            location: rule.location.clone(),
                            expected,
                            text: text.clone(),
                            problem: format!("example cannot be read: {e}"),
                        });
                        continue;
                    }
                };
                let found = super::match_rules(book, &law, Some(&[ri]));
                let problem = match (expected, found.first()) {
                    ("flag", None) => Some("not flagged".to_string()),
                    ("ok", Some(f)) => Some(format!("flagged `{}`", f.text)),
                    _ => None,
                };
                if let Some(problem) = problem {
                    out.push(ExampleFailure {
                        rule: rule.id.clone(),
                        location: rule.location.clone(),
                        expected,
                        text: text.clone(),
                        problem,
                    });
                }
            }
            out
        })
        .collect();
    failures.sort_by(|a, b| {
        a.rule
            .cmp(&b.rule)
            .then(a.expected.cmp(b.expected))
            .then(a.text.cmp(&b.text))
    });
    failures
}
