//! `agentlaw diff` and the diff module on the bundled pair of the same law: the XF draft of
//! 2024 and the law adopted in 2025. In the adopted text a new Art. 2 (Principles) was
//! inserted and draft Art. 5 (Designation) deleted, so draft Arts 2–4 are new Arts 3–5;
//! Arts 10, 12 and 14 are word for word the same.

mod common;

use std::path::PathBuf;
use std::sync::LazyLock;

use agentlaw::diff::{LawDiff, Status, UnitChange, diff_laws, markdown};
use agentlaw::load::{Law, Loader};
use agentlaw::rules::RuleBook;
use assert_cmd::Command;
use predicates::prelude::*;

const DRAFT: &str = "laws/xf-ngo-funding-disclosure-2024-draft.md";
const ADOPTED: &str = "laws/xf-ngo-funding-disclosure-2025.md";

fn load(rel: &str) -> Law {
    let mut law = Loader::default()
        .load(&common::root().join(rel))
        .expect("the bundled law loads");
    // Paths as given on a command line run from the crate root, so outputs do not depend on
    // where the checkout is.
    law.file = PathBuf::from(rel);
    law
}

/// The embedded rules, compiled once for all the tests of this file.
static BOOK: LazyLock<RuleBook> =
    LazyLock::new(|| RuleBook::embedded().expect("embedded rules compile"));

fn xf() -> &'static LawDiff {
    static XF: LazyLock<LawDiff> = LazyLock::new(|| diff_laws(&BOOK, &load(DRAFT), &load(ADOPTED)));
    &XF
}

fn row<'a>(d: &'a LawDiff, old: Option<&str>, new: Option<&str>) -> &'a UnitChange {
    d.units
        .iter()
        .find(|u| {
            u.old.as_ref().map(|x| x.citation.as_str()) == old
                && u.new.as_ref().map(|x| x.citation.as_str()) == new
        })
        .unwrap_or_else(|| panic!("no row {old:?} → {new:?} in {:#?}", rows(d)))
}

fn rows(d: &LawDiff) -> Vec<(String, String, Status)> {
    d.units
        .iter()
        .map(|u| {
            (
                u.old.as_ref().map_or("-".into(), |x| x.citation.clone()),
                u.new.as_ref().map_or("-".into(), |x| x.citation.clone()),
                u.status,
            )
        })
        .collect()
}

#[test]
fn renumbering_is_recognised_in_the_xf_pair() {
    let d = xf();
    for (old, new) in [
        ("Art. 2", "Art. 3"),
        ("Art. 3", "Art. 4"),
        ("Art. 4", "Art. 5"),
    ] {
        let r = row(d, Some(old), Some(new));
        assert!(
            matches!(r.status, Status::Renumbered | Status::RenumberedChanged),
            "{old} → {new}: {:?}",
            r.status
        );
    }
    assert_eq!(row(d, None, Some("Art. 2")).status, Status::Added);
    assert_eq!(row(d, Some("Art. 5"), None).status, Status::Removed);
    for art in ["Art. 10", "Art. 12", "Art. 14"] {
        let r = row(d, Some(art), Some(art));
        assert_eq!(r.status, Status::Unchanged, "{art}");
        assert_eq!(r.similarity, Some(1.0));
        assert!(r.diff.is_empty() && r.summary.is_empty());
    }
    // Art. 8 (Inspections, now Verification) was rewritten where it stands.
    assert_eq!(
        row(d, Some("Art. 8"), Some("Art. 8")).status,
        Status::Changed
    );
    // Every other article keeps its number: one added, one removed, nothing else unpaired.
    assert_eq!(d.counts.added, 1, "{:#?}", rows(d));
    assert_eq!(d.counts.removed, 1, "{:#?}", rows(d));
    assert_eq!(d.counts.renumbered + d.counts.renumbered_changed, 3);
    assert_eq!(d.counts.unchanged, 3);
}

#[test]
fn the_draft_label_and_criminal_liability_are_resolved() {
    let d = xf();
    let resolved: Vec<&str> = d.resolved.iter().map(|f| f.category.as_str()).collect();
    assert!(resolved.contains(&"stigmatising-label"), "{resolved:?}");
    assert!(resolved.contains(&"criminal-liability"), "{resolved:?}");
    // The designation was in draft Art. 5, which the adopted law deleted.
    let label = d
        .resolved
        .iter()
        .find(|f| f.category == "stigmatising-label" && f.provision.starts_with("Art. 5"))
        .expect("a label finding in draft Art. 5");
    assert_eq!(label.old_unit.as_deref(), Some("Art. 5"));
    assert_eq!(label.new_unit, None);
    // Imprisonment was in draft Art. 9(4); adopted Art. 9 has none.
    let prison = d
        .resolved
        .iter()
        .find(|f| f.category == "criminal-liability")
        .expect("a criminal-liability finding");
    assert_eq!(prison.provision, "Art. 9(4)");
    assert_eq!(prison.new_unit.as_deref(), Some("Art. 9"));
    // Resolved and introduced rules are counted per unit row as well.
    let per_unit: usize = d.units.iter().map(|u| u.resolved).sum();
    assert_eq!(per_unit, d.resolved.len());
    assert!(
        d.new.overall < d.old.overall,
        "{:?}",
        (d.old.overall, d.new.overall)
    );
}

#[test]
fn markdown_diff_of_the_xf_pair() {
    insta::assert_snapshot!("diff-xf.md", markdown::render(xf()));
}

#[test]
fn a_law_compared_with_itself_is_unchanged() {
    let law = load(ADOPTED);
    let d = diff_laws(&BOOK, &law, &law);
    assert!(d.units.iter().all(|u| u.status == Status::Unchanged));
    assert!(d.introduced.is_empty() && d.resolved.is_empty());
    assert!(markdown::render(&d).contains("No words changed."));
}

fn agentlaw() -> Command {
    let mut c = Command::cargo_bin("agentlaw").expect("binary builds");
    c.current_dir(common::root());
    c
}

#[test]
fn cli_diff_prints_tables_and_writes_markdown() {
    agentlaw()
        .args(["diff", DRAFT, ADOPTED])
        .assert()
        .success()
        .stdout(predicate::str::contains("renumbered and changed"))
        .stdout(predicate::str::contains("Findings resolved"))
        .stdout(predicate::str::contains("Art. 2 – Definitions"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("diff.md");
    agentlaw()
        .args(["diff", DRAFT, ADOPTED, "--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let md = std::fs::read_to_string(&out).expect("written");
    assert_eq!(md, markdown::render(xf()));
}

#[test]
fn cli_diff_exit_codes() {
    agentlaw()
        .args(["diff", DRAFT, "laws/no-such-law.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-law.md"))
        .stderr(predicate::str::contains("cannot read file"));
    agentlaw()
        .args(["diff", DRAFT, ADOPTED, "--format", "html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: text, md"));
    agentlaw().args(["diff", DRAFT]).assert().code(2);
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[ruleset]\nid = \n").expect("write");
    agentlaw()
        .args(["diff", DRAFT, ADOPTED, "--rules"])
        .arg(&bad)
        .assert()
        .code(2);
}
