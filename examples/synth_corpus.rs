//! Writes a deterministic synthetic corpus (and optionally a synthetic rule set) for the
//! throughput measurements in the README.
//!
//! ```sh
//! cargo run --release --example synth_corpus -- --out /tmp/corpus400 --mb 400 --files 20000
//! cargo run --release --example synth_corpus -- --rules-out /tmp/rules1000.toml --rules 1000
//! ```

use std::path::{Path, PathBuf};

use agentlaw::synth::{Pool, SplitMix64, generate_law};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn pool() -> Pool {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus");
    if !shared.is_dir() {
        eprintln!("note: ../shared/corpus not found; the pool holds only the illustrative laws");
    }
    Pool::from_folders(&[&root.join("laws"), &shared])
}

/// Synthetic rules: word pairs and triples taken from the pool, as terms and as patterns with
/// word boundaries, so that the number of rules grows without changing their nature.
fn write_rules(
    pool_text: &[String],
    count: usize,
    path: &Path,
    rng: &mut SplitMix64,
) -> std::io::Result<()> {
    let words: Vec<&str> = pool_text
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let mut out = String::from(
        "[ruleset]\nid = \"synthetic\"\ntitle = \"Synthetic rules for scaling measurements\"\nversion = \"0\"\nlanguage = \"en\"\n\n",
    );
    for i in 0..count {
        let a = words[rng.below(words.len())];
        let b = words[rng.below(words.len())];
        let matcher = if i % 2 == 0 {
            format!("terms = [\"{a} {b}\", \"{b} {a}\"]")
        } else {
            format!(
                "patterns = ['\\b{}\\w*\\s+(?:\\w+\\s+)?{}\\b']",
                regex::escape(a),
                regex::escape(b)
            )
        };
        out.push_str(&format!(
            "[[rule]]\nid = \"SY{i:05}\"\ntitle = \"synthetic {i}\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-10\"]\nrationale = \"synthetic\"\nmessage = \"synthetic\"\n{matcher}\nexamples.flag = [\"{a} {b}\"]\nexamples.ok = [\"nothing\"]\n\n"
        ));
    }
    std::fs::write(path, out)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = arg(&args, "--seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(2026);
    let mut rng = SplitMix64::new(seed);
    let pool = pool();
    eprintln!(
        "pool: {} bytes of sentences in {:?}",
        pool.bytes(),
        pool.languages()
    );
    if let Some(path) = arg(&args, "--rules-out") {
        let count: usize = arg(&args, "--rules")
            .and_then(|s| s.parse().ok())
            .unwrap_or(1000);
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let texts: Vec<String> = std::fs::read_dir(root.join("laws"))?
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        write_rules(&texts, count, Path::new(&path), &mut rng)?;
        eprintln!("wrote {count} rules to {path}");
    }
    if let Some(out) = arg(&args, "--out") {
        let mb: usize = arg(&args, "--mb")
            .and_then(|s| s.parse().ok())
            .unwrap_or(10);
        let files: usize = arg(&args, "--files")
            .and_then(|s| s.parse().ok())
            .unwrap_or(500)
            .max(1);
        let per_file = mb * 1024 * 1024 / files;
        let out = PathBuf::from(out);
        let mut total = 0usize;
        for i in 0..files {
            let dir = out.join(format!("{:03}", i / 1000));
            std::fs::create_dir_all(&dir)?;
            let id = format!("synth-{i:06}");
            let text = generate_law(&pool, &id, per_file, &mut rng);
            total += text.len();
            std::fs::write(dir.join(format!("{id}.md")), text)?;
        }
        eprintln!(
            "wrote {files} laws, {:.1} MB, to {}",
            total as f64 / 1_048_576.0,
            out.display()
        );
    }
    Ok(())
}
