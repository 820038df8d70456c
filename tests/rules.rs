//! Meta-tests of the rule library, in the spirit of clippy's and ruff's: every rule is
//! complete, its examples behave, ids are stable, and the library agrees with the answer keys.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use agentlaw::analyze::{AnalyzeOptions, analyze};
use agentlaw::assess::Verdict;
use agentlaw::eval::{Key, evaluate};
use agentlaw::matching::check_examples;
use agentlaw::rules::{RuleBook, RuleKind};

fn book() -> RuleBook {
    RuleBook::embedded().unwrap_or_else(|e| panic!("embedded rules do not compile:\n{e}"))
}

#[test]
fn every_rule_is_complete() {
    let b = book();
    let mut problems = Vec::new();
    for r in &b.rules {
        let mut p = |what: &str| problems.push(format!("{} ({}): {what}", r.id, r.location));
        if r.examples.flag.len() < 2 {
            p("fewer than two examples.flag");
        }
        if r.examples.ok.len() < 2 {
            p("fewer than two examples.ok");
        }
        if r.rationale.split_whitespace().count() < 12 {
            p("rationale shorter than a sentence or two");
        }
        if r.message.trim().is_empty() {
            p("no message");
        }
        if r.alternative.as_deref().is_none_or(|a| a.trim().is_empty()) {
            p("no compliant alternative");
        }
        if r.standards.is_empty() {
            p("engages no standard");
        }
        if !b.categories.iter().any(|c| c.id == r.category) {
            p("unknown category");
        }
        for s in &r.standards {
            if b.standard(&s.standard).is_none() {
                p("unknown standard");
            }
        }
        // The id scheme is data: each category's `prefix` in rules/catalogue/categories.toml.
        let expected = b
            .categories
            .iter()
            .find(|c| c.id == r.category)
            .and_then(|c| c.id_prefix(&r.language))
            .unwrap_or_else(|| "??".to_string());
        let digits = r.id.strip_prefix(&expected).unwrap_or("");
        if digits.len() != 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
            p(&format!("id does not follow the scheme {expected}NNN"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_example_behaves() {
    let b = book();
    let failures = check_examples(&b, None);
    let lines: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{} ({}) {} example {}: {:?}",
                f.rule, f.location, f.expected, f.problem, f.text
            )
        })
        .collect();
    assert!(
        lines.is_empty(),
        "{} failing examples:\n{}",
        lines.len(),
        lines.join("\n")
    );
}

#[test]
fn the_library_covers_every_category_and_language() {
    let b = book();
    let english: Vec<_> = b.rules.iter().filter(|r| r.language == "en").collect();
    assert!(
        english.len() >= 80,
        "{} English rules, at least 80 wanted",
        english.len()
    );
    let mut by_lang: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &b.rules {
        by_lang
            .entry(r.language.as_str())
            .or_default()
            .insert(r.category.as_str());
    }
    for c in &b.categories {
        assert!(
            by_lang["en"].contains(c.id.as_str()),
            "no English rule for {}",
            c.id
        );
    }
    let required = [
        "vague-wording",
        "broad-scope",
        "stigmatising-label",
        "reporting-burden",
        "inspection-powers",
        "disproportionate-fines",
        "criminal-liability",
    ];
    for lang in ["ru", "ka"] {
        let cats = by_lang
            .get(lang)
            .unwrap_or_else(|| panic!("no {lang} rule set"));
        for c in required {
            assert!(cats.contains(c), "no {lang} rule for {c}");
        }
    }
    assert!(
        b.rules
            .iter()
            .filter(|r| r.category == "missing-safeguards" && r.kind == RuleKind::Absent)
            .count()
            >= 2,
        "missing safeguards are found with absent rules"
    );
}

#[test]
fn rule_ids_are_unique_and_never_reuse_retired_ones() {
    // The compiler refuses duplicates and retired ids; this checks the shipped files say so.
    let b = book();
    let ids: BTreeSet<_> = b.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), b.rules.len());
    assert!(
        !b.retired.is_empty(),
        "rules/catalogue/retired.toml is loaded"
    );
    for id in &ids {
        assert!(b.retirement(id).is_none(), "{id} is retired");
    }
}

#[test]
fn illustrative_laws_agree_with_their_key() {
    let b = book();
    let key = Key::read(&common::root().join("tests/gold/illustrative-key.toml")).expect("key");
    let report = analyze(
        &b,
        &[common::root().join("laws")],
        &AnalyzeOptions::default(),
        &|_, _| {},
    );
    let e = evaluate(&key, &report);
    let text = agentlaw::eval::render_text(&e);
    assert!(
        e.recall >= 0.9,
        "category recall {:.3} < 0.9\n{text}",
        e.recall
    );
    assert!(
        e.precision >= 0.9,
        "category precision {:.3} < 0.9\n{text}",
        e.precision
    );
}

#[test]
fn corpus_agrees_with_the_expert_key() {
    let (Some(dir), Some(key)) = (
        common::corpus("corpus_agrees_with_the_expert_key"),
        common::corpus_key("corpus_agrees_with_the_expert_key"),
    ) else {
        return;
    };
    let b = book();
    let key = Key::read(&key).expect("key");
    let report = analyze(&b, &[dir], &AnalyzeOptions::default(), &|_, _| {});
    let e = evaluate(&key, &report);
    let text = agentlaw::eval::render_text(&e);
    assert!(
        e.recall >= 0.9,
        "category recall {:.3} < 0.9\n{text}",
        e.recall
    );
    assert!(
        e.precision >= 0.85,
        "category precision {:.3} < 0.85\n{text}",
        e.precision
    );
    assert!(
        e.provision_recall >= 0.8,
        "provision-level recall {:.3} < 0.8\n{text}",
        e.provision_recall
    );
}

#[test]
fn restrictive_and_rights_compliant_laws_are_plainly_apart() {
    let b = book();
    let report = analyze(
        &b,
        &[common::root().join("laws")],
        &AnalyzeOptions::default(),
        &|_, _| {},
    );
    let overall = |id: &str| {
        report
            .laws
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.overall)
            .unwrap_or_else(|| panic!("{id}"))
    };
    for restrictive in [
        "xa-foreign-agents-2023",
        "xg-inostrannye-agenty-2022",
        "xb-foreign-influence-transparency-2024",
        "xh-ucxouri-gavlena-2024",
    ] {
        assert!(
            overall(restrictive) >= Verdict::Serious,
            "{restrictive}: {:?}",
            overall(restrictive)
        );
    }
    assert_eq!(overall("xa-foreign-agents-2023"), Verdict::Incompatible);
    for compliant in ["xe-associations-act-2021", "xd-lobbying-register-2022"] {
        assert!(
            overall(compliant) <= Verdict::Minor,
            "{compliant}: {:?}",
            overall(compliant)
        );
    }
    let draft = overall("xf-ngo-funding-disclosure-2024-draft");
    let adopted = overall("xf-ngo-funding-disclosure-2025");
    assert!(
        draft > adopted,
        "the amended law improves on the draft ({draft:?} → {adopted:?})"
    );
}
