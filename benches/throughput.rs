//! Throughput of each pipeline stage in MB/s, on a deterministic synthetic corpus that mixes
//! the drafting styles and scripts of the real corpus (see `agentlaw::synth`).
//!
//! ```sh
//! cargo bench --bench throughput
//! ```
//!
//! The whole-batch comparison with ripgrep on a 400 MB corpus is `scripts/bench-vs-ripgrep.sh`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use agentlaw::analyze::analyze_law;
use agentlaw::load::{Law, Loader};
use agentlaw::matching::match_law;
use agentlaw::rules::RuleBook;
use agentlaw::synth::{Pool, SplitMix64, generate_law};

fn corpus(total: usize) -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus");
    if !shared.is_dir() {
        eprintln!("note: ../shared/corpus absent; benchmark pool holds only the illustrative laws");
    }
    let pool = Pool::from_folders(&[&root.join("laws"), &shared]);
    let mut rng = SplitMix64::new(42);
    let mut out = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < total {
        let id = format!("bench-{i:05}");
        let text = generate_law(&pool, &id, 20_000, &mut rng);
        size += text.len();
        out.push((id, text));
        i += 1;
    }
    out
}

fn load_all(texts: &[(String, String)]) -> Vec<Law> {
    let loader = Loader::default();
    texts
        .iter()
        .map(|(id, t)| {
            loader
                .load_text(Path::new(&format!("{id}.md")), t.clone(), None)
                .expect("synthetic law loads")
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let texts = corpus(8 * 1024 * 1024);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let book = RuleBook::embedded().expect("embedded rules compile");
    let laws = load_all(&texts);

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("load+segment", |b| b.iter(|| load_all(&texts)));
    g.bench_function("match", |b| {
        b.iter(|| {
            laws.iter()
                .map(|l| match_law(&book, l).len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze (match+assess)", |b| {
        b.iter(|| {
            laws.iter()
                .map(|l| analyze_law(&book, l).findings.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
