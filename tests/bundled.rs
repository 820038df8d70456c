//! Snapshots of the main outputs for the bundled illustrative laws with the embedded rules:
//! any change to a rule, the segmenter, the profile or the verdict scale shows up here as a
//! reviewable diff (`cargo insta review`).

use std::path::PathBuf;

use agentlaw::analyze::{AnalyzeOptions, analyze};
use agentlaw::report::markdown;
use agentlaw::rules::RuleBook;

fn report() -> agentlaw::report::Report {
    let book = RuleBook::embedded().expect("embedded rules compile");
    // A relative path, so that the snapshot does not depend on where the checkout is.
    analyze(
        &book,
        &[PathBuf::from("laws")],
        &AnalyzeOptions::default(),
        &|_, _| {},
    )
}

#[test]
fn bundled_laws_outputs() {
    let r = report();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    insta::assert_snapshot!("bundled-comparison.md", markdown::comparison(&r));
    insta::assert_snapshot!("bundled-report.json", r.to_json());
}
