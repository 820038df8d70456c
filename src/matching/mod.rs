//! Stage 3: matching.
//!
//! A law is matched against the rules of its language in two passes:
//!
//! 1. **Prefilter.** The law's text is case-folded once and scanned once with the language's
//!    Aho-Corasick automaton (see [`crate::rules::compile`]). Each literal hit names the
//!    patterns it anchors and the provision it falls in. Patterns without literals are located
//!    with their relaxed regex. The result is, per pattern, the provisions where it can match;
//!    rules none of whose triggers can match are skipped entirely.
//! 2. **Exact matching.** Each candidate pattern's own regex runs on its candidate provisions
//!    only. Matching is per provision: a match never spans two provisions, and `^`/`$` anchor
//!    at the provision's ends. When a pattern's literals are prefixes (most are), the regex is
//!    not scanned over the provision at all but tried, anchored, at each literal hit: every
//!    match starts at one, so the matches are the same, and each try costs the length of a
//!    match rather than of a provision. This is what keeps exact Unicode word boundaries
//!    affordable on non-ASCII text, where the regex engine cannot use its DFAs for them.
//!
//! A trigger match becomes a finding unless an `exceptions` pattern matches in the same scope
//! (sentence, provision or document), or a `near` pattern is required and none occurs within
//! the given number of words in that scope. Findings are de-duplicated to one per rule and
//! scope unit. An `absent` rule fires once, at its first surviving trigger, when none of its
//! `safeguards` occurs anywhere in the law.
//!
//! The result does not depend on thread count or on the order rules are listed in: findings
//! are sorted by position, then rule id.
//!
//! # Untrusted rules, untrusted laws: time and memory are bounded
//!
//! Rule files may come from anyone (`--rules`), and laws can be large. Matching stays
//! linear in the size of the text whatever the pattern:
//!
//! * The [`regex`] crate has no backtracking engine. Every search runs in time
//!   O(m × n) in the worst case, m proportional to the pattern's compiled size and n to the
//!   text's length, so patterns that are catastrophic for backtracking engines, such as
//!   `(a|aa)+$` or `(\w+\s?)+x` on a long text without a match, take time linear in the
//!   text (this is a documented guarantee of the crate, and `tests/robustness.rs` runs such
//!   patterns on a one-megabyte law).
//! * m is bounded: every pattern is compiled with a size limit
//!   ([`crate::rules::compile::REGEX_SIZE_LIMIT`]), and a pattern over it is an error naming
//!   the rule, as is a pattern that can match the empty string (it would flag every
//!   position). The lazy DFA's cache is bounded too; when it thrashes the crate falls back to
//!   its PikeVM, slower by a constant factor but still linear.
//! * Each pattern runs at most once per candidate provision, or is tried anchored at no more
//!   than [`MAX_ANCHORED_TRIES`] literal hits in it (each try reads at most the rest of the
//!   provision; with more hits the provision is scanned once instead), and the prefilter is
//!   one Aho-Corasick pass (linear) over the folded text, so a law is scanned a bounded number
//!   of times per rule.

mod examples;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use examples::{ExampleFailure, check_examples};

use crate::load::Law;
use crate::profile::Classified;
use crate::rules::{RuleBook, RuleKind, Scope, Severity};
use crate::text::{Folded, count_words, excerpt, sentences};

/// Most anchored tries of one pattern in one provision; with more literal hits than this the
/// provision is scanned once instead. An anchored try can run to the provision's end, so this
/// bounds the work per provision to this many scans of it: linear in the text.
const MAX_ANCHORED_TRIES: usize = 32;

/// Maximum length of an excerpt, in bytes (before adding ellipses).
pub const EXCERPT_BYTES: usize = 240;

/// One place where a rule fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// Category id.
    pub category: String,
    /// Severity.
    pub severity: Severity,
    /// Structural citation of the provision, e.g. `Art. 4(2)(b)`.
    pub provision: String,
    /// 1-based line of the match's start.
    pub line: usize,
    /// 1-based column of the match's start, in Unicode scalar values.
    pub column: usize,
    /// Byte offset of the match's start in the decoded text.
    pub start: usize,
    /// Byte offset of the match's end (exclusive).
    pub end: usize,
    /// The matched text.
    pub text: String,
    /// The sentence around the match, shortened.
    pub excerpt: String,
    /// Standards engaged (`echr-11` or `echr-11:lawfulness`).
    pub standards: Vec<String>,
    /// The rule's message.
    pub message: String,
}

type Span = (usize, usize);

/// Per-law matching state: candidate provisions per pattern and cached exact matches.
struct Matcher<'a> {
    book: &'a RuleBook,
    law: &'a Law,
    quantities: &'a [Classified],
    /// For each pattern, the provisions where it can match (sorted, unique).
    candidates: Vec<Vec<u32>>,
    /// For each pattern whose prefilter literals are prefixes, the positions where a match
    /// can start (sorted, unique): its exact regex is tried, anchored, there only.
    starts: Vec<Vec<usize>>,
    exact: HashMap<usize, Vec<Span>>,
    sentences: HashMap<usize, Vec<Span>>,
}

impl<'a> Matcher<'a> {
    fn new(
        book: &'a RuleBook,
        law: &'a Law,
        quantities: &'a [Classified],
        group: &crate::rules::LanguageGroup,
        wanted: &BTreeSet<usize>,
    ) -> Self {
        let mut candidates: Vec<Vec<u32>> = vec![Vec::new(); book.patterns.len()];
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); book.patterns.len()];
        let body = &law.text[law.body_start..];
        let pf = &group.prefilter;
        if let Some(ac) = &pf.ac {
            let folded = Folded::new(body);
            for m in ac.find_overlapping_iter(folded.text.as_str()) {
                let pos = law.body_start + folded.original(m.start());
                let Some(leaf) = law.provision_at(pos) else {
                    continue;
                };
                for &p in &pf.literal_patterns[m.pattern().as_usize()] {
                    if wanted.contains(&p) {
                        candidates[p].push(leaf as u32);
                        if book.patterns[p].literals_are_prefixes {
                            starts[p].push(pos);
                        }
                    }
                }
            }
        }
        for &p in pf.unanchored.iter().filter(|p| wanted.contains(p)) {
            let pat = &book.patterns[p];
            let relaxed = match pat.relaxed() {
                Some(r) if !pat.relaxed_matches_empty => r,
                _ => {
                    candidates[p] = (0..law.provisions.len() as u32).collect();
                    continue;
                }
            };
            for m in relaxed.find_iter(body) {
                let a = law.provision_at(law.body_start + m.start());
                let b = law.provision_at(law.body_start + m.end().saturating_sub(1).max(m.start()));
                if let (Some(a), Some(b)) = (a, b) {
                    candidates[p].extend(a as u32..=b as u32);
                }
            }
        }
        for c in &mut candidates {
            c.sort_unstable();
            c.dedup();
        }
        for s in &mut starts {
            s.sort_unstable();
            s.dedup();
        }
        Self {
            book,
            law,
            quantities,
            candidates,
            starts,
            exact: HashMap::new(),
            sentences: HashMap::new(),
        }
    }

    /// Exact matches of pattern `p` in the law, per provision, in text order.
    ///
    /// They are the matches `find_iter` gives on each provision's text. When the pattern's
    /// literals are prefixes, every match starts at one of the literal hits, so the regex is
    /// run anchored at each hit (in order, skipping hits inside the previous match) instead
    /// of over the whole provision: the leftmost-first match starting at the first hit that
    /// has one is exactly the one `find_iter` reports next, and an anchored search stops as
    /// soon as no match can continue, so its cost is that of the match, not of the provision.
    fn matches(&mut self, p: usize) -> &[Span] {
        let (book, law, candidates, starts) = (self.book, self.law, &self.candidates, &self.starts);
        self.exact.entry(p).or_insert_with(|| {
            let pat = &book.patterns[p];
            let re = &pat.exact;
            let mut out = Vec::new();
            if pat.literals_are_prefixes && pat.literals.is_some() {
                let hits = &starts[p];
                let mut i = 0;
                while i < hits.len() {
                    let Some(leaf) = law.provision_at(hits[i]) else {
                        i += 1;
                        continue;
                    };
                    let prov = &law.provisions[leaf];
                    let n = hits[i..].partition_point(|&h| h < prov.end);
                    let here = &hits[i..i + n];
                    i += n;
                    let slice = &law.text[prov.start..prov.end];
                    if here.len() > MAX_ANCHORED_TRIES {
                        // Each try may run to the provision's end (`the[^x]*x`): past this
                        // many, one scan is cheaper and keeps the work linear.
                        out.extend(
                            re.find_iter(slice)
                                .filter(|m| !m.is_empty())
                                .map(|m| (prov.start + m.start(), prov.start + m.end())),
                        );
                        continue;
                    }
                    let mut resume = 0;
                    for &pos in here {
                        if pos < resume {
                            continue;
                        }
                        let input = regex_automata::Input::new(slice)
                            .range(pos - prov.start..)
                            .anchored(regex_automata::Anchored::Yes);
                        if let Some(m) = re.search(&input).filter(|m| !m.is_empty()) {
                            out.push((prov.start + m.start(), prov.start + m.end()));
                            resume = prov.start + m.end();
                        }
                    }
                }
                return out;
            }
            for &leaf in &candidates[p] {
                let prov = &law.provisions[leaf as usize];
                let slice = &law.text[prov.start..prov.end];
                out.extend(
                    re.find_iter(slice)
                        .filter(|m| !m.is_empty())
                        .map(|m| (prov.start + m.start(), prov.start + m.end())),
                );
            }
            out
        })
    }

    fn leaf_sentences(&mut self, leaf: usize) -> &[Span] {
        let law = self.law;
        self.sentences.entry(leaf).or_insert_with(|| {
            let p = &law.provisions[leaf];
            sentences(&law.text, p.start, p.end)
        })
    }

    fn sentence_of(&mut self, leaf: usize, pos: usize) -> Span {
        let s = self.leaf_sentences(leaf);
        let i = s.partition_point(|&(a, _)| a <= pos).saturating_sub(1);
        s.get(i).copied().unwrap_or((pos, pos))
    }

    fn scope_of(&mut self, scope: Scope, leaf: usize, pos: usize) -> Span {
        match scope {
            Scope::Sentence => self.sentence_of(leaf, pos),
            Scope::Provision => {
                let p = &self.law.provisions[leaf];
                (p.start, p.end)
            }
            Scope::Document => (self.law.body_start, self.law.text.len()),
        }
    }

    fn any_in(&mut self, patterns: &[usize], range: Span) -> bool {
        patterns.iter().any(|&p| {
            self.matches(p)
                .iter()
                .any(|&(s, e)| s >= range.0 && e <= range.1)
        })
    }

    fn near_ok(&mut self, patterns: &[usize], words: usize, m: Span, range: Span) -> bool {
        let text = &self.law.text;
        for &p in patterns {
            let hits: Vec<Span> = self
                .matches(p)
                .iter()
                .copied()
                .filter(|&(s, e)| s >= range.0 && e <= range.1)
                .collect();
            for (s, e) in hits {
                let between = if e <= m.0 {
                    count_words(&text[e..m.0])
                } else if s >= m.1 {
                    count_words(&text[m.1..s])
                } else {
                    0
                };
                if between <= words {
                    return true;
                }
            }
        }
        false
    }

    fn finding(&mut self, rule_index: usize, m: Span, leaf: usize) -> Finding {
        let rule = &self.book.rules[rule_index];
        let law = self.law;
        let (line, column) = law.lines.line_col(&law.text, m.0);
        let sentence = self.sentence_of(leaf, m.0);
        let ctx = (sentence.0.min(m.0), sentence.1.max(m.1));
        Finding {
            rule: rule.id.clone(),
            category: rule.category.clone(),
            severity: rule.severity,
            provision: law.provisions[leaf].citation.clone(),
            line,
            column,
            start: m.0,
            end: m.1,
            text: law.text[m.0..m.1].to_string(),
            excerpt: excerpt(&law.text, ctx.0, ctx.1, m.0, m.1, EXCERPT_BYTES),
            standards: rule.standards.iter().map(ToString::to_string).collect(),
            message: rule.message.clone(),
        }
    }

    fn run_rule(&mut self, ri: usize, out: &mut Vec<Finding>) {
        let book = self.book;
        let rule = &book.rules[ri];
        let c = &rule.compiled;
        let mut hits: Vec<Span> = Vec::new();
        if let Some(test) = &rule.quantity {
            for q in self.quantities {
                if crate::profile::measure(book, self.law, q, test).is_some_and(|v| test.accepts(v))
                {
                    hits.push((q.quantity.start, q.quantity.end));
                }
            }
        }
        if hits.is_empty() && c.triggers.iter().all(|&p| self.candidates[p].is_empty()) {
            return;
        }
        for &p in &c.triggers {
            hits.extend_from_slice(self.matches(p));
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        hits.dedup_by_key(|h| h.0);
        let mut seen_units = BTreeSet::new();
        let mut first_surviving: Option<(Span, usize)> = None;
        for m in hits {
            let Some(leaf) = self.law.provision_at(m.0) else {
                continue;
            };
            let unit = self.scope_of(rule.scope, leaf, m.0);
            if !c.exceptions.is_empty() && self.any_in(&c.exceptions, unit) {
                continue;
            }
            if let Some((_, words)) = &rule.near {
                if !self.near_ok(&c.near, *words, m, unit) {
                    continue;
                }
            }
            if !seen_units.insert(unit) {
                continue;
            }
            match rule.kind {
                RuleKind::Match => {
                    let f = self.finding(ri, m, leaf);
                    out.push(f);
                }
                RuleKind::Absent => {
                    first_surviving = Some((m, leaf));
                    break;
                }
            }
        }
        if let Some((m, leaf)) = first_surviving {
            let whole = (self.law.body_start, self.law.text.len());
            if !self.any_in(&c.safeguards, whole) {
                let f = self.finding(ri, m, leaf);
                out.push(f);
            }
        }
    }
}

/// Matches a law against the rules of its language. Returns no findings when no rule set
/// covers the law's language (the caller reports that). The quantities that `quantity` tests
/// need are extracted here; [`match_law_with`] takes them already classified.
pub fn match_law(book: &RuleBook, law: &Law) -> Vec<Finding> {
    match_rules(book, law, None)
}

/// Like [`match_law`], with the law's classified quantities (see [`crate::profile::classify`]).
pub fn match_law_with(book: &RuleBook, law: &Law, quantities: &[Classified]) -> Vec<Finding> {
    run(book, law, quantities, None)
}

/// Like [`match_law`], restricted to the rules with the given indices when `only` is given.
pub fn match_rules(book: &RuleBook, law: &Law, only: Option<&[usize]>) -> Vec<Finding> {
    let needs_quantities = match only {
        Some(list) => list
            .iter()
            .any(|&r| book.rules.get(r).is_some_and(|r| r.quantity.is_some())),
        None => book.rules.iter().any(|r| r.quantity.is_some()),
    };
    let quantities = if needs_quantities && book.covers(&law.meta.language) {
        crate::profile::classify(book, law, crate::profile::quantities(book, law))
    } else {
        Vec::new()
    };
    run(book, law, &quantities, only)
}

fn run(
    book: &RuleBook,
    law: &Law,
    quantities: &[Classified],
    only: Option<&[usize]>,
) -> Vec<Finding> {
    let Some(group) = book.group_for(&law.meta.language) else {
        return Vec::new();
    };
    let rules: Vec<usize> = match only {
        Some(list) => group
            .rules
            .iter()
            .copied()
            .filter(|r| list.contains(r))
            .collect(),
        None => group.rules.clone(),
    };
    let mut wanted = BTreeSet::new();
    for &r in &rules {
        let c = &book.rules[r].compiled;
        wanted.extend(
            c.triggers
                .iter()
                .chain(&c.exceptions)
                .chain(&c.near)
                .chain(&c.safeguards)
                .copied(),
        );
    }
    let mut matcher = Matcher::new(book, law, quantities, group, &wanted);
    let mut out = Vec::new();
    for r in rules {
        matcher.run_rule(r, &mut out);
    }
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| a.rule.cmp(&b.rule))
            .then(a.end.cmp(&b.end))
    });
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::Loader;
    use crate::rules::RuleSource;

    const HEADER: &str =
        "[ruleset]\nid = \"t\"\ntitle = \"T\"\nversion = \"1\"\nlanguage = \"en\"\n";

    fn book(rules: &str) -> RuleBook {
        let mut sources: Vec<RuleSource> = crate::rules::embedded_sources()
            .into_iter()
            .filter(|s| {
                s.name.ends_with("catalogue/standards.toml")
                    || s.name.ends_with("catalogue/categories.toml")
            })
            .collect();
        sources.push(RuleSource {
            name: "t.toml".into(),
            text: format!("{HEADER}{rules}"),
        });
        RuleBook::compile(sources).unwrap_or_else(|e| panic!("{e}"))
    }

    fn rule(id: &str, body: &str) -> String {
        format!(
            "[[rule]]\nid = \"{id}\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\n{body}\nexamples.flag = [\"x\"]\nexamples.ok = [\"y\"]\n"
        )
    }

    fn findings(book: &RuleBook, text: &str) -> Vec<Finding> {
        let law = Loader::default()
            .load_text(
                Path::new("t.txt"),
                format!("+++\nlanguage = \"en\"\n+++\n{text}"),
                None,
            )
            .expect("loads");
        match_law(book, &law)
    }

    #[test]
    fn anchored_patterns_match_in_every_provision() {
        let b = book(&rule("A1", r#"patterns = ['^\d\.\s+publicity agent\s*:']"#));
        let f = findings(
            &b,
            "Article 3\nIntro.\n1. Publicity Agent: a person.\n2. Publicity Agent : another.\n",
        );
        let cites: Vec<_> = f.iter().map(|f| f.provision.as_str()).collect();
        assert_eq!(cites, ["Art. 3(1)", "Art. 3(2)"]);
    }

    #[test]
    fn matches_do_not_cross_provisions_and_carry_positions() {
        let b = book(&rule("A2", r#"terms = ["foreign agent"]"#));
        let text = "Article 1\nA foreign\nArticle 2\nagent. Every foreign agent shall register.\n";
        let f = findings(&b, text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].provision, "Art. 2");
        assert_eq!((f[0].line, f[0].column), (7, 14));
        assert_eq!(f[0].text, "foreign agent");
    }

    #[test]
    fn exceptions_near_scope_and_absent() {
        let b = book(&format!(
            "{}{}{}",
            rule(
                "E1",
                "terms = [\"political activity\"]\nexceptions = ['\\bmeans\\b']"
            ),
            rule(
                "N1",
                "patterns = ['\\bat any time\\b']\nnear = { patterns = ['\\binspect'], words = 4 }"
            ),
            rule(
                "S1",
                "kind = \"absent\"\npatterns = ['\\bfine\\b']\nsafeguards = ['\\bappeal\\w*\\s+to\\s+(?:a|the)\\s+court']"
            )
        ));
        let f = findings(
            &b,
            "Article 1\n1. Political activity means lobbying. Political activity is banned.\n2. The Ministry may inspect the books at any time. Meetings may be held at any time.\n3. A fine of 100 applies. A second fine of 200 applies.\n",
        );
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.rule.as_str(), f.provision.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("E1", "Art. 1(1)"),
                ("N1", "Art. 1(2)"),
                ("S1", "Art. 1(3)")
            ]
        );
        let ok = findings(
            &b,
            "Article 1\nA fine of 100 applies.\nArticle 2\nThe decision may be appealed to a court.\n",
        );
        assert!(ok.iter().all(|f| f.rule != "S1"), "{ok:?}");
    }

    #[test]
    fn laws_in_other_languages_get_no_findings_from_english_rules() {
        let b = book(&rule("L1", r#"terms = ["foreign agent"]"#));
        let law = Loader::default()
            .load_text(
                Path::new("t.txt"),
                "+++\nlanguage = \"ka\"\n+++\nforeign agent\n".into(),
                None,
            )
            .expect("loads");
        assert!(match_law(&b, &law).is_empty());
    }

    /// Anchored matching at literal hits must give exactly what scanning every provision with
    /// `find_iter` gives, for every pattern of the embedded library on every bundled law
    /// (which mix English, Russian and Georgian with §, – and ’).
    #[test]
    fn anchored_matching_equals_scanning_every_provision() {
        let book = RuleBook::embedded().expect("embedded rules compile");
        let loader = Loader::default();
        let mut laws = 0;
        let mut compared = 0;
        for entry in std::fs::read_dir("laws").expect("laws/ is bundled") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            let law = loader.load(&path).expect("bundled law loads");
            let Some(group) = book.group_for(&law.meta.language) else {
                continue;
            };
            laws += 1;
            let wanted: BTreeSet<usize> = group
                .rules
                .iter()
                .flat_map(|&r| {
                    let c = &book.rules[r].compiled;
                    c.triggers
                        .iter()
                        .chain(&c.exceptions)
                        .chain(&c.near)
                        .chain(&c.safeguards)
                        .copied()
                        .collect::<Vec<_>>()
                })
                .collect();
            let mut m = Matcher::new(&book, &law, &[], group, &wanted);
            for &p in &wanted {
                let pat = &book.patterns[p];
                if !(pat.literals_are_prefixes && pat.literals.is_some()) {
                    continue;
                }
                let scanned: Vec<Span> = law
                    .provisions
                    .iter()
                    .flat_map(|prov| {
                        let slice = &law.text[prov.start..prov.end];
                        pat.exact
                            .find_iter(slice)
                            .map(|x| (prov.start + x.start(), prov.start + x.end()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(
                    m.matches(p),
                    scanned.as_slice(),
                    "{} in {}",
                    pat.source,
                    path.display()
                );
                compared += scanned.len();
            }
        }
        assert!(
            laws >= 8 && compared > 100,
            "{laws} laws, {compared} matches compared"
        );
    }
}
