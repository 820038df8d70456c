//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus of real laws, if present (CI has it next to the checkout).
/// Prints why a test is skipped when it is absent.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.join("laws.toml").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping {test}: ../shared/corpus (the real-law corpus) is not present next to the checkout"
        );
        None
    }
}

/// The corpus answer key, if present.
pub fn corpus_key(test: &str) -> Option<PathBuf> {
    let key = root().join("../shared/gold/corpus-key.toml");
    if key.is_file() {
        Some(key)
    } else {
        eprintln!("skipping {test}: ../shared/gold/corpus-key.toml is not present");
        None
    }
}
