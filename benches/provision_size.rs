//! Time per byte must not grow with the size of one provision: a PDF or HTML page whose
//! numbering is not recognised becomes a single provision, and every stage (segmentation,
//! matching, near/unless windows, extraction, profiles, the HTML highlighting) must stay
//! linear in it. One unnumbered provision of 16 KiB, 256 KiB and 4 MiB, made by repeating the
//! illustrative laws' sentences without their headings and markers; the MB/s of the three
//! sizes should stay within 2× of each other.
//!
//! ```sh
//! cargo bench --bench provision_size
//! ```

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use agentlaw::analyze::analyze_law;
use agentlaw::load::Loader;
use agentlaw::report::{Report, html};
use agentlaw::rules::RuleBook;

/// The sentences of the bundled illustrative laws, without front matter, headings or
/// lines that start with a provision marker, joined into one paragraph.
fn unnumbered_text() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("laws");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("laws/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut words = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read law");
        let body = text.splitn(3, "+++").nth(2).unwrap_or(&text).to_string();
        for line in body.lines().map(str::trim) {
            let first = line.split_whitespace().next().unwrap_or("");
            let marker = first.starts_with('#')
                || first.starts_with('(')
                || first.ends_with('.') && first.trim_end_matches('.').parse::<u32>().is_ok()
                || first.ends_with(')')
                || first.chars().next().is_some_and(char::is_uppercase)
                    && line.split_whitespace().nth(1).is_some_and(|w| {
                        w.trim_end_matches(['.', ':'])
                            .chars()
                            .all(|c| c.is_ascii_digit())
                    });
            if !line.is_empty() && !marker {
                words.extend(line.split_whitespace().map(str::to_string));
            }
        }
    }
    words.join(" ")
}

/// `size` bytes of `text` repeated, cut at a word boundary, with English front matter.
fn provision(text: &str, size: usize) -> String {
    let mut out = String::from("+++\nlanguage = \"en\"\n+++\n");
    while out.len() < size {
        out.push_str(text);
        out.push(' ');
    }
    let mut cut = size.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(out[..cut].rfind(' ').unwrap_or(cut));
    out.push('\n');
    out
}

fn provision_size(c: &mut Criterion) {
    let book = RuleBook::embedded().expect("embedded rules compile");
    let header = Report::new(&book);
    let text = unnumbered_text();
    let loader = Loader::default();
    let mut g = c.benchmark_group("one unnumbered provision");
    g.sample_size(10);
    for size in [16 << 10, 256 << 10, 4 << 20] {
        let t = provision(&text, size);
        g.throughput(Throughput::Bytes(t.len() as u64));
        let label = format!("{} KiB", size >> 10);
        g.bench_with_input(BenchmarkId::new("load+analyze", &label), &t, |b, t| {
            b.iter(|| {
                let law = loader
                    .load_text(Path::new("one.md"), t.clone(), None)
                    .expect("loads");
                analyze_law(&book, &law).findings.len()
            })
        });
        let law = loader
            .load_text(Path::new("one.md"), t.clone(), None)
            .expect("loads");
        let report = analyze_law(&book, &law);
        g.bench_with_input(BenchmarkId::new("html section", &label), &report, |b, r| {
            b.iter(|| html::section(r, &header).len())
        });
    }
    g.finish();
}

criterion_group!(benches, provision_size);
criterion_main!(benches);
