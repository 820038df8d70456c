//! Negation and limitation scopes, per language (`rules/<lang>/scopes.toml`), in the manner
//! of NegEx and ConText (Chapman et al. 2001; Harkema et al. 2009).
//!
//! A scope trigger is a drafting formula that negates or limits what follows or precedes it
//! in the same sentence: "no permission is required to", "nothing in this Act requires",
//! "shall not be construed as", "excluding", "limited to", "does not apply to". Its scope
//! runs in one `direction` (`forward`: the words after it; `backward`: the words before it;
//! `both`) for at most `words` words, and stops early at a terminator of the language ("but",
//! "except", "unless", ";", a colon…) and always at the sentence's end.
//!
//! A rule trigger (a pattern, term or quantity match) that lies inside such a scope does not
//! fire: "no permission is required to receive donations from abroad" is not a permission
//! regime. A trigger that lies wholly inside the rule's own match does not count, so rules
//! written for negated wording ("without prior approval", "no appeal lies") keep matching it;
//! a scope whose window names one of the language's `safeguards` (consent, a court order,
//! notice) does not apply, since denying a safeguard is itself the problem; and a rule may opt
//! out altogether with `negation = "ignore"`.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A scopes file: a `[scopes]` header with its terminators, and `[[scope]]` triggers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScopesFile {
    /// The header.
    pub scopes: RawScopesHeader,
    /// The triggers.
    #[serde(default)]
    pub scope: Vec<Spanned<RawScope>>,
}

/// `[scopes]` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScopesHeader {
    /// BCP 47 language.
    pub language: Spanned<String>,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
    /// Patterns that end every scope early (besides the sentence's end).
    #[serde(default)]
    pub terminators: Vec<Spanned<String>>,
    /// Safeguards (consent, a court order, prior notice): a scope whose window names one
    /// does not apply, because denying a safeguard ("the consent of the persons concerned
    /// is not required") is itself the problem, not a negated restriction.
    #[serde(default)]
    pub safeguards: Vec<Spanned<String>>,
}

/// Whether a trigger negates or limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    /// Denies what is in scope ("no permission is required to").
    Negation,
    /// Narrows what is in scope to a part ("limited to", "excluding").
    Limitation,
}

/// Which words a trigger's scope covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The words after the trigger.
    Forward,
    /// The words before the trigger.
    Backward,
    /// Both.
    Both,
}

impl Direction {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Forward => "forward",
            Self::Backward => "backward",
            Self::Both => "both",
        }
    }
}

/// A scope trigger as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScope {
    /// Id, unique in its language.
    pub id: Spanned<String>,
    /// Negation or limitation.
    pub kind: ScopeKind,
    /// What the formula does, for the catalogue.
    #[serde(default)]
    pub description: Option<String>,
    /// Patterns of the formula (may use concept classes).
    pub patterns: Vec<Spanned<String>>,
    /// Direction of the scope.
    pub direction: Direction,
    /// Greatest number of words between the trigger and a rule match in its scope.
    pub words: Spanned<usize>,
}

/// A compiled scope trigger.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeTrigger {
    /// Id.
    pub id: String,
    /// Negation or limitation.
    pub kind: ScopeKind,
    /// Description.
    pub description: Option<String>,
    /// Patterns as written.
    pub patterns: Vec<String>,
    /// Direction.
    pub direction: Direction,
    /// Extent in words.
    pub words: usize,
    /// Where it is defined: `file:line`.
    pub location: String,
}

/// The scopes of one language, compiled.
#[derive(Debug, Clone)]
pub struct ScopeSet {
    /// Primary language subtag.
    pub language: String,
    /// The triggers.
    pub triggers: Vec<ScopeTrigger>,
    /// Terminators as written.
    pub terminators: Vec<String>,
    /// Safeguards as written.
    pub safeguards: Vec<String>,
    /// All trigger patterns in one automaton; pattern i belongs to trigger `owner[i]`.
    regex: Option<regex_automata::meta::Regex>,
    owner: Vec<usize>,
    /// All terminators in one automaton.
    terminator_regex: Option<regex_automata::meta::Regex>,
    /// All safeguards in one automaton.
    safeguard_regex: Option<regex_automata::meta::Regex>,
}

/// A scope trigger found in a law: its span and the trigger's index in [`ScopeSet::triggers`].
pub type ScopeHit = (usize, usize, usize);

/// What [`ScopeSet::find`] locates in a provision: scope triggers, terminators, safeguards.
#[derive(Debug, Clone, Default)]
pub struct ScopeMarks {
    /// Scope triggers, in text order.
    pub hits: Vec<ScopeHit>,
    /// Terminators, in text order.
    pub terminators: Vec<(usize, usize)>,
    /// Safeguards, in text order.
    pub safeguards: Vec<(usize, usize)>,
}

fn build_many(patterns: &[String]) -> Result<Option<regex_automata::meta::Regex>, String> {
    use regex_automata::{meta, util::syntax};
    if patterns.is_empty() {
        return Ok(None);
    }
    meta::Regex::builder()
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .unicode(true)
                .utf8(true),
        )
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(super::compile::REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(super::compile::DFA_SIZE_LIMIT)
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit),
        )
        .build_many(patterns)
        .map(Some)
        .map_err(|e| e.to_string())
}

impl ScopeSet {
    /// Adds the scope triggers, terminators and safeguards found in `text[start..end]` (one
    /// provision) to `marks`, as absolute spans. Called on provisions in text order, it keeps
    /// every list sorted.
    pub fn find(&self, text: &str, start: usize, end: usize, marks: &mut ScopeMarks) {
        let slice = &text[start..end];
        let before = marks.hits.len();
        if let Some(re) = &self.regex {
            for m in re.find_iter(slice).filter(|m| !m.is_empty()) {
                marks.hits.push((
                    start + m.start(),
                    start + m.end(),
                    self.owner[m.pattern().as_usize()],
                ));
            }
        }
        if marks.hits.len() == before {
            return;
        }
        for (re, out) in [
            (&self.terminator_regex, &mut marks.terminators),
            (&self.safeguard_regex, &mut marks.safeguards),
        ] {
            if let Some(re) = re {
                out.extend(
                    re.find_iter(slice)
                        .filter(|m| !m.is_empty())
                        .map(|m| (start + m.start(), start + m.end())),
                );
            }
        }
    }

    /// Whether a rule match `m` in sentence `sentence` lies in the scope of one of `hits`
    /// (the law's scope triggers, sorted), with `terminators` (sorted) ending scopes early.
    /// A trigger that lies wholly inside the match does not count: the rule matched the
    /// formula itself.
    pub fn covers(
        &self,
        text: &str,
        marks: &ScopeMarks,
        sentence: (usize, usize),
        m: (usize, usize),
    ) -> bool {
        let hits = &marks.hits;
        let from = hits.partition_point(|h| h.0 < sentence.0);
        let within = |list: &[(usize, usize)], a: usize, b: usize| {
            let i = list.partition_point(|t| t.0 < a);
            list[i..].iter().take_while(|t| t.0 < b).any(|t| t.1 <= b)
        };
        let blocked = |a: usize, b: usize| within(&marks.terminators, a, b);
        // The window of a forward scope runs from its trigger to the match; that of a
        // backward scope from the sentence's start to its trigger (the negated subject).
        let guarded = |a: usize, b: usize| within(&marks.safeguards, a, b);
        for &(s, e, t) in hits[from..].iter().take_while(|h| h.0 < sentence.1) {
            // A trigger inside the match is the rule's own wording ("no appeal lies").
            if e > sentence.1 || (s >= m.0 && e <= m.1) {
                continue;
            }
            let trig = &self.triggers[t];
            let forward = matches!(trig.direction, Direction::Forward | Direction::Both);
            let backward = matches!(trig.direction, Direction::Backward | Direction::Both);
            // A trigger that starts before the match (even if the match takes in its last
            // words) scopes forward over it; one that ends after the match, backward.
            if forward && s < m.0 {
                let gap = e.min(m.0);
                if crate::text::count_words(&text[gap..m.0]) <= trig.words
                    && !blocked(gap, m.0)
                    && !guarded(s, m.1)
                {
                    return true;
                }
            }
            if backward && e > m.1 {
                let gap = s.max(m.1);
                if crate::text::count_words(&text[m.1..gap]) <= trig.words
                    && !blocked(m.1, gap)
                    && !guarded(sentence.0, e)
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Compiles the parsed scopes files, expanding concept classes in their patterns. One set
/// per language; a second file of the same language adds to it.
pub(crate) fn compile_all(
    files: Vec<(&super::RuleSource, RawScopesFile)>,
    expansions: &super::concepts::Expansions,
    errors: &mut Vec<super::RuleError>,
) -> Vec<ScopeSet> {
    struct Acc {
        language: String,
        triggers: Vec<ScopeTrigger>,
        terminators: Vec<String>,
        safeguards: Vec<String>,
        trigger_patterns: Vec<String>,
        terminator_patterns: Vec<String>,
        safeguard_patterns: Vec<String>,
        owner: Vec<usize>,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let empty = std::collections::BTreeMap::new();
    for (src, file) in files {
        let mut diag = super::Diag { src, errors };
        let tag = file.scopes.language.get_ref();
        if !super::is_language(tag) {
            diag.at(
                file.scopes.language.span().start,
                None,
                "`language` must be a BCP 47 tag such as `en` or `ru`",
            );
            continue;
        }
        let language = super::primary_language(tag);
        let classes = expansions.get(&language).unwrap_or(&empty);
        let ai = match accs.iter().position(|a| a.language == language) {
            Some(i) => i,
            None => {
                accs.push(Acc {
                    language: language.clone(),
                    triggers: Vec::new(),
                    terminators: Vec::new(),
                    safeguards: Vec::new(),
                    trigger_patterns: Vec::new(),
                    terminator_patterns: Vec::new(),
                    safeguard_patterns: Vec::new(),
                    owner: Vec::new(),
                });
                accs.len() - 1
            }
        };
        let check = |diag: &mut super::Diag<'_>, p: &Spanned<String>, what: &str| {
            match super::concepts::expand(p.get_ref(), classes) {
                Err(e) => {
                    let at = super::offset_in_string(&diag.src.text, &p.span(), e.offset);
                    diag.at(at, None, format!("{what}: {}", e.message));
                    None
                }
                Ok(x) => match super::compile::compile_pattern(&x, false) {
                    Ok(_) => Some(x),
                    Err(e) => {
                        diag.at(p.span().start, None, format!("{what}: {}", e.message));
                        None
                    }
                },
            }
        };
        for t in &file.scopes.terminators {
            if let Some(x) = check(&mut diag, t, "terminator") {
                accs[ai].terminators.push(t.get_ref().clone());
                accs[ai].terminator_patterns.push(x);
            }
        }
        for t in &file.scopes.safeguards {
            if let Some(x) = check(&mut diag, t, "safeguard") {
                accs[ai].safeguards.push(t.get_ref().clone());
                accs[ai].safeguard_patterns.push(x);
            }
        }
        for sc in file.scope {
            let at = sc.span().start;
            let sc = sc.into_inner();
            let id = sc.id.get_ref().clone();
            if accs[ai].triggers.iter().any(|t| t.id == id) {
                diag.at(
                    sc.id.span().start,
                    None,
                    format!("scope `{id}` is defined twice for language `{language}`"),
                );
                continue;
            }
            if sc.patterns.is_empty() {
                diag.at(at, None, format!("scope `{id}` needs `patterns`"));
                continue;
            }
            if *sc.words.get_ref() == 0 {
                diag.at(
                    sc.words.span().start,
                    None,
                    format!("scope `{id}`: `words` must be at least 1"),
                );
                continue;
            }
            let index = accs[ai].triggers.len();
            let mut ok = true;
            let mut compiled = Vec::new();
            for p in &sc.patterns {
                match check(&mut diag, p, &format!("scope `{id}`")) {
                    Some(x) => compiled.push(x),
                    None => ok = false,
                }
            }
            if !ok {
                continue;
            }
            for x in compiled {
                accs[ai].trigger_patterns.push(x);
                accs[ai].owner.push(index);
            }
            let (line, _) = super::line_col(&src.text, at);
            accs[ai].triggers.push(ScopeTrigger {
                id,
                kind: sc.kind,
                description: sc.description.map(|d| d.trim().to_string()),
                patterns: sc.patterns.into_iter().map(Spanned::into_inner).collect(),
                direction: sc.direction,
                words: *sc.words.get_ref(),
                location: format!("{}:{line}", src.name),
            });
        }
    }
    let mut out = Vec::new();
    for a in accs {
        let built = build_many(&a.trigger_patterns).and_then(|r| {
            Ok((
                r,
                build_many(&a.terminator_patterns)?,
                build_many(&a.safeguard_patterns)?,
            ))
        });
        match built {
            Ok((regex, terminator_regex, safeguard_regex)) => out.push(ScopeSet {
                language: a.language,
                triggers: a.triggers,
                terminators: a.terminators,
                safeguards: a.safeguards,
                regex,
                owner: a.owner,
                terminator_regex,
                safeguard_regex,
            }),
            Err(e) => errors.push(super::RuleError {
                file: "(scopes)".into(),
                line: 0,
                col: 0,
                rule: None,
                message: format!(
                    "the scopes of `{}` do not compile together: {e}",
                    a.language
                ),
            }),
        }
    }
    out
}
