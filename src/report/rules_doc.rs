//! The rule catalogue for reviewers: every rule with what it finds, why it matters, examples,
//! a compliant alternative and the standards it engages, generated from the rule files so that
//! lawyers review exactly what the tool applies. Two renderings: Markdown ([`markdown`]) and
//! one self-contained HTML page ([`html`]: inline CSS, no script, no external resource,
//! every rule text escaped).

use std::fmt::Write as _;

use crate::report::markdown::escape;
use crate::rules::{Negation, Rule, RuleBook, RuleKind};

/// The languages that have concept classes or scopes, in order.
fn vocabulary_languages(book: &RuleBook) -> Vec<String> {
    let mut langs: Vec<String> = book
        .concepts
        .iter()
        .map(|c| c.language.clone())
        .chain(book.scopes.iter().map(|s| s.language.clone()))
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

fn members_text(c: &crate::rules::concepts::Concept) -> Vec<String> {
    let mut out: Vec<String> = c.terms.iter().map(|t| format!("\"{t}\"")).collect();
    out.extend(
        c.stems
            .iter()
            .map(|(w, e)| format!("{w} (any inflection: {e})")),
    );
    out.extend(c.patterns.iter().cloned());
    out
}

fn markdown_vocabulary(book: &RuleBook, out: &mut String) {
    let langs = vocabulary_languages(book);
    if langs.is_empty() {
        return;
    }
    out.push_str("## Concept classes and negation scopes\n\n");
    out.push_str("Patterns refer to a concept class as `{id}`; it stands for any of the class's members. A rule trigger inside the scope of a negation or limitation formula does not fire, unless the rule says `negation = \"ignore\"`.\n\n");
    for lang in &langs {
        let _ = writeln!(out, "### Language `{lang}`\n");
        let concepts = book.concepts_of(lang);
        if !concepts.is_empty() {
            out.push_str("| class | title | members |\n|---|---|---|\n");
            for c in concepts {
                let _ = writeln!(
                    out,
                    "| `{{{}}}` | {} | {} |",
                    c.id,
                    escape(&c.title).replace('|', "\\|"),
                    members_text(c)
                        .iter()
                        .map(|m| format!("`{}`", m.replace('`', "'").replace('|', "\\|")))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            out.push('\n');
        }
        if let Some(set) = book.scopes_for(lang) {
            out.push_str("| scope | kind | direction, extent | formulae |\n|---|---|---|---|\n");
            for t in &set.triggers {
                let _ = writeln!(
                    out,
                    "| {} | {:?} | {}, {} words | {} |",
                    t.id,
                    t.kind,
                    t.direction.as_str(),
                    t.words,
                    t.patterns
                        .iter()
                        .map(|m| format!("`{}`", m.replace('`', "'").replace('|', "\\|")))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            let list = |xs: &[String]| {
                xs.iter()
                    .map(|m| format!("`{}`", m.replace('`', "'")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                out,
                "\nScopes end at the sentence's end and at: {}. A scope naming a safeguard does not apply: {}.\n",
                list(&set.terminators),
                list(&set.safeguards)
            );
        }
    }
}

fn html_vocabulary(book: &RuleBook, out: &mut String) {
    use crate::report::html::escape as h;
    let langs = vocabulary_languages(book);
    if langs.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"vocabulary\">Concept classes and negation scopes</h2>\n<p>Patterns refer to a concept class as <code>{id}</code>; it stands for any of the class's members. A rule trigger inside the scope of a negation or limitation formula does not fire, unless the rule says <code>negation = \"ignore\"</code>.</p>\n");
    for lang in &langs {
        let _ = writeln!(out, "<h3>Language <code>{}</code></h3>", h(lang));
        let concepts = book.concepts_of(lang);
        if !concepts.is_empty() {
            out.push_str("<dl>\n");
            for c in concepts {
                let _ = write!(
                    out,
                    "<dt id=\"concept-{l}-{id}\"><code>{{{id}}}</code> — {t}</dt><dd>",
                    l = h(lang),
                    id = h(&c.id),
                    t = h(&c.title)
                );
                if let Some(d) = &c.description {
                    let _ = write!(out, "{} ", h(d));
                }
                let members: Vec<String> = members_text(c)
                    .iter()
                    .map(|m| format!("<code>{}</code>", h(m)))
                    .collect();
                let _ = writeln!(out, "Members: {}</dd>", members.join(", "));
            }
            out.push_str("</dl>\n");
        }
        if let Some(set) = book.scopes_for(lang) {
            out.push_str("<dl>\n");
            for t in &set.triggers {
                let pats: Vec<String> = t
                    .patterns
                    .iter()
                    .map(|m| format!("<code>{}</code>", h(m)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<dt>scope {} <span class=\"meta\">{:?} · {} · {} words</span></dt><dd>{}{}</dd>",
                    h(&t.id),
                    t.kind,
                    t.direction.as_str(),
                    t.words,
                    t.description
                        .as_deref()
                        .map(|d| format!("{} ", h(d)))
                        .unwrap_or_default(),
                    pats.join(", ")
                );
            }
            let list = |xs: &[String]| {
                xs.iter()
                    .map(|m| format!("<code>{}</code>", h(m)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                out,
                "</dl>\n<p>Scopes end at the sentence's end and at: {}. A scope naming a safeguard does not apply: {}.</p>",
                list(&set.terminators),
                list(&set.safeguards)
            );
        }
    }
}

fn kind_text(r: &Rule) -> &'static str {
    match r.kind {
        RuleKind::Match => "match",
        RuleKind::Absent => "absent safeguard",
    }
}

fn standards_text(book: &RuleBook, rule: &Rule) -> String {
    rule.standards
        .iter()
        .map(|s| {
            let label = book
                .standard(&s.standard)
                .map_or(s.standard.clone(), |st| st.label());
            match &s.limb {
                Some(l) => format!("{label} ({l})"),
                None => label,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders the catalogue as Markdown, grouped by rule set.
pub fn markdown(book: &RuleBook) -> String {
    let mut out = String::from("# agentlaw rule catalogue\n\n");
    let _ = writeln!(
        out,
        "{} rules in {} rule sets ({}). Each rule lists what it finds, why it matters, examples it flags and does not flag, a compliant alternative and the standards it engages.\n",
        book.rules.len(),
        book.rulesets.len(),
        book.languages().join(", ")
    );
    for set in &book.rulesets {
        let _ = writeln!(
            out,
            "## {} — {} ({}, version {})\n",
            escape(&set.id),
            escape(&set.title),
            set.language,
            escape(&set.version)
        );
        if let Some(d) = &set.description {
            let _ = writeln!(out, "{}\n", escape(d.trim()));
        }
        for &ri in &set.rules {
            let r = &book.rules[ri];
            let _ = writeln!(out, "### {} — {}\n", r.id, escape(&r.title));
            let _ = writeln!(
                out,
                "*Category:* {} · *Severity:* {} · *Kind:* {} · *Scope:* {} · *Defined at:* `{}`\n",
                r.category,
                r.severity.as_str(),
                kind_text(r),
                r.scope.as_str(),
                r.location.replace('`', "'")
            );
            if r.negation == Negation::Ignore {
                out.push_str("*Negation scopes are not applied to this rule.*\n\n");
            }
            let _ = writeln!(out, "**What it finds.** {}\n", escape(&r.message));
            let _ = writeln!(out, "**Why it matters.** {}\n", escape(&r.rationale));
            out.push_str("**Examples it flags.**\n\n");
            for e in &r.examples.flag {
                let _ = writeln!(out, "> {}\n", escape(e.trim()));
            }
            out.push_str("**Examples it does not flag.**\n\n");
            for e in &r.examples.ok {
                let _ = writeln!(out, "> {}\n", escape(e.trim()));
            }
            if let Some(a) = &r.alternative {
                let _ = writeln!(out, "**Compliant alternative.** {}\n", escape(a));
            }
            let _ = writeln!(out, "**Standards.** {}\n", escape(&standards_text(book, r)));
            if !r.sources.is_empty() {
                let _ = writeln!(out, "**Sources.** {}\n", escape(&r.sources.join("; ")));
            }
        }
    }
    markdown_vocabulary(book, &mut out);
    out
}

const HTML_CSS: &str = "
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1b1b1b; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #444; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.8rem 0 .3rem; }
.meta { color: #555; font-size: .9rem; margin: 0 0 .6rem; }
.sev { display: inline-block; padding: 0 .45rem; border-radius: .25rem; font-weight: 600; }
.sev-low { background: #e8eef7; } .sev-medium { background: #fde9c9; }
.sev-high { background: #f6c9b6; } .sev-critical { background: #3b0f3d; color: #fff; }
dl { margin: 0; } dt { font-weight: 600; margin-top: .5rem; } dd { margin: .1rem 0 0 0; }
blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 4px solid #bbb; background: #f6f6f6; white-space: pre-wrap; }
blockquote.flag { border-color: #b35806; } blockquote.ok { border-color: #1b7837; }
nav ul { columns: 2; padding-left: 1.2rem; }
code { font-size: .9em; }
@media print { body { max-width: none; } section.rule { break-inside: avoid; } }
";

/// Renders the catalogue as one self-contained HTML page, grouped by rule set, with a table
/// of contents and an anchor per rule (`#rule-VW001`).
pub fn html(book: &RuleBook) -> String {
    use crate::report::html::escape as h;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>agentlaw rule catalogue</title>\n<style>",
    );
    out.push_str(HTML_CSS);
    out.push_str("</style>\n</head>\n<body>\n<h1>agentlaw rule catalogue</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} rules in {} rule sets ({}). Each rule lists what it finds, why it matters, examples it flags and does not flag, a compliant alternative and the standards it engages. Generated from the rule files by agentlaw {}.</p>",
        book.rules.len(),
        book.rulesets.len(),
        h(&book.languages().join(", ")),
        env!("CARGO_PKG_VERSION"),
    );
    out.push_str("<nav>\n<h2>Rule sets</h2>\n<ul>\n");
    for set in &book.rulesets {
        let _ = writeln!(
            out,
            "<li><a href=\"#set-{}\">{}</a> ({}, {} rules)</li>",
            h(&set.id),
            h(&set.title),
            h(&set.language),
            set.rules.len()
        );
    }
    if !vocabulary_languages(book).is_empty() {
        out.push_str("<li><a href=\"#vocabulary\">Concept classes and negation scopes</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
    for set in &book.rulesets {
        let _ = writeln!(
            out,
            "<h2 id=\"set-{}\">{} <span class=\"meta\">{} · {} · version {}</span></h2>",
            h(&set.id),
            h(&set.title),
            h(&set.id),
            h(&set.language),
            h(&set.version)
        );
        if let Some(d) = &set.description {
            let _ = writeln!(out, "<p>{}</p>", h(d.trim()));
        }
        for &ri in &set.rules {
            let r = &book.rules[ri];
            let sev = r.severity.as_str();
            let _ = writeln!(
                out,
                "<section class=\"rule\" id=\"rule-{id}\">\n<h3>{id} — {title}</h3>\n<p class=\"meta\"><span class=\"sev sev-{sev}\">{sev}</span> · {cat} · {kind} · scope: {scope} · <code>{loc}</code></p>\n<dl>",
                id = h(&r.id),
                title = h(&r.title),
                cat = h(&r.category),
                kind = kind_text(r),
                scope = r.scope.as_str(),
                loc = h(&r.location),
            );
            if r.negation == Negation::Ignore {
                out.push_str(
                    "<dt>Negation</dt><dd>Negation scopes are not applied to this rule.</dd>\n",
                );
            }
            let _ = writeln!(out, "<dt>What it finds</dt><dd>{}</dd>", h(&r.message));
            let _ = writeln!(out, "<dt>Why it matters</dt><dd>{}</dd>", h(&r.rationale));
            out.push_str("<dt>Examples it flags</dt><dd>");
            for e in &r.examples.flag {
                let _ = write!(
                    out,
                    "<blockquote class=\"flag\">{}</blockquote>",
                    h(e.trim())
                );
            }
            out.push_str("</dd>\n<dt>Examples it does not flag</dt><dd>");
            for e in &r.examples.ok {
                let _ = write!(out, "<blockquote class=\"ok\">{}</blockquote>", h(e.trim()));
            }
            out.push_str("</dd>\n");
            if let Some(a) = &r.alternative {
                let _ = writeln!(out, "<dt>Compliant alternative</dt><dd>{}</dd>", h(a));
            }
            let _ = writeln!(
                out,
                "<dt>Standards</dt><dd>{}</dd>",
                h(&standards_text(book, r))
            );
            if !r.sources.is_empty() {
                out.push_str("<dt>Sources</dt><dd><ul>");
                for src in &r.sources {
                    let _ = write!(out, "<li>{}</li>", h(src));
                }
                out.push_str("</ul></dd>\n");
            }
            out.push_str("</dl>\n</section>\n");
        }
    }
    html_vocabulary(book, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}
