fn main() {
    let loader = agentlaw::load::Loader::default();
    for a in std::env::args().skip(1) {
        let law = loader.load(std::path::Path::new(&a)).expect("load");
        println!(
            "== {a} lang={} ({:?}) warnings={:?}",
            law.meta.language, law.meta.language_source, law.warnings
        );
        for p in &law.provisions {
            let first = law.text[p.start..p.end]
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            let first: String = first.chars().take(60).collect();
            println!("{:<50} | {}", p.citation, first);
        }
    }
}
