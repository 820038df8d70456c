//! Rule-set loading on arbitrary TOML text: compiled together with the embedded standards
//! catalogue and category list, as a `--rules` file would be. It must compile or be refused
//! with errors; a rule book that compiles must match a small law without panicking.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use agentlaw::load::{Law, Loader};
use agentlaw::rules::{RuleBook, RuleSource, embedded_sources};
use libfuzzer_sys::fuzz_target;

static CATALOGUE: LazyLock<Vec<RuleSource>> = LazyLock::new(|| {
    embedded_sources()
        .into_iter()
        .filter(|s| !s.text.contains("[ruleset]"))
        .collect()
});

static LAWS: LazyLock<Vec<Law>> = LazyLock::new(|| {
    let loader = Loader::default();
    ["en", "ru", "ka", "fr"]
        .iter()
        .map(|lang| {
            loader
                .load_text(
                    Path::new("law.txt"),
                    format!(
                        "+++\nlanguage = \"{lang}\"\n+++\nArticle 1 – Scope\n1. Any organisation that receives foreign funding shall register as a foreign agent.\n2. Статья 2. Иностранный агент обязан отчитываться; მუხლი 3. უცხოური გავლენა.\n(a) A fine of EUR 10,000 applies at any time, without appeal to a court.\n"
                    ),
                    None,
                )
                .expect("the fixed law loads")
        })
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = CATALOGUE.clone();
    sources.push(RuleSource {
        name: "fuzz.toml".into(),
        text: text.to_string(),
    });
    match RuleBook::compile(sources) {
        Ok(book) => {
            for law in LAWS.iter() {
                let findings = agentlaw::matching::match_law(&book, law);
                for f in findings {
                    assert!(f.start < f.end && f.end <= law.text.len());
                    assert_eq!(f.text, law.text[f.start..f.end]);
                }
            }
        }
        Err(errors) => assert!(!errors.0.is_empty()),
    }
});
