//! `report.html`: one self-contained page for publication.
//!
//! # Design
//!
//! * **Self-contained.** Inline CSS and inline SVG only: no script, no web font, no image or
//!   style sheet loaded from anywhere, no link leaving the page. A `Content-Security-Policy`
//!   meta element forbids loading anything at all, as a second line of defence. The page is
//!   complete without JavaScript.
//! * **Untrusted text is only ever text.** Law texts, titles, metadata, file names, messages
//!   from the loader and rule texts all go through [`escape`], which escapes `& < > " '`, in
//!   element content and in attributes alike (attributes are always double-quoted). Values
//!   in `id` and `href="#…"` come from [`anchor`], which keeps `[A-Za-z0-9_-]` only. Nothing
//!   from the input is placed in a URL, style or script context: a law's `source` is shown
//!   as text, not as a link.
//! * **Colour is never the only carrier.** The heat maps use the colour-blind-safe
//!   [`palette`] with a legend, and every cell also states its verdict or
//!   severity in words, so the page reads the same in greyscale or when a printer drops
//!   backgrounds. Matched words in excerpts are `<mark>`ed, which print CSS also underlines.
//! * **Printable.** Print CSS starts each law and the appendix on a new page, hides the
//!   navigation and keeps table rows and findings whole.
//! * **Deterministic.** The page is a function of the [`Report`] only, like every writer.
//!
//! # Layout
//!
//! Title; the inputs that could not be analysed, if any, in a framed box; provenance (tool,
//! date, rule sets and inputs with their SHA-256); contents; a summary table; two heat
//! maps (laws × standards, laws × categories) with legends; a section per law with its
//! metadata, warnings, [`profile`], verdicts, categories and findings grouped by
//! standard; an appendix with the rules, the verdict scale, the standards and the
//! categories.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::assess::Verdict;
use crate::compare::Comparison;
use crate::matching::Finding;
use crate::report::palette::{self, Swatch};
use crate::report::{LawReport, Report};
use crate::rules::Severity;

/// Escapes text for HTML element content and double- or single-quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become character references, and control characters other
/// than tab, line feed and carriage return become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// An `id` for an element derived from an untrusted id: `prefix-` followed by the id with
/// every character outside `[A-Za-z0-9_-]` replaced by `-`. When anything was replaced, a
/// short hash of the original id is appended so that distinct ids stay distinct.
pub fn anchor(prefix: &str, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(100)
        .collect();
    if clean == id {
        format!("{prefix}-{clean}")
    } else {
        let hash = crate::text::sha256_hex(id.as_bytes());
        format!("{prefix}-{clean}-{}", &hash[..8])
    }
}

/// ` lang="…"` for a BCP 47 tag of the usual shape (`ru`, `sr-Latn`), or nothing: the tag
/// comes from the input, so anything else is dropped rather than escaped.
fn lang_attr(tag: &str) -> String {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        format!(" lang=\"{tag}\"")
    } else {
        String::new()
    }
}

/// The anchor of a law's section.
pub fn law_anchor(id: &str) -> String {
    anchor("law", id)
}

fn rule_anchor(id: &str) -> String {
    anchor("rule", id)
}

/// The word shown in a verdict cell.
fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::NotAssessed => "not assessed",
        Verdict::NoConcern => "none",
        Verdict::Minor => "minor",
        Verdict::Concern => "concern",
        Verdict::Serious => "serious",
        Verdict::Incompatible => "incompatible",
    }
}

fn severity_id(s: Option<Severity>) -> &'static str {
    s.map_or("none", Severity::as_str)
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; line-height: 1.45; color: #111; background: #fff; margin: 0 auto; max-width: 75rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 2px solid #222; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eeeeee; }
.scroll { overflow-x: auto; }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
.hash { word-break: break-all; }
table.rules th code, table.rulesets td:first-child code { white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table.heatmap td.cell { text-align: center; white-space: nowrap; min-width: 4.5rem; }
table.heatmap th[scope=row] { white-space: nowrap; }
.cell, .badge, .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge, .sev { display: inline-block; padding: 0 .4rem; border: 1px solid #555; border-radius: .2rem; }
.n { font-size: .85em; }
.legend { margin: 0 0 1.5rem; }
.legend ul { list-style: none; padding: 0; margin: .3rem 0; }
.legend li { margin: .15rem 0; }
.legend svg { vertical-align: middle; margin-right: .3rem; }
.errors { border: 3px solid #b00020; padding: .3rem 1rem .6rem; margin: 1rem 0; }
.errors h2 { color: #b00020; border: 0; margin-top: .6rem; }
.warnings { border-left: 4px solid #8a5300; padding: .2rem .8rem; margin: .6rem 0; }
.note { font-style: italic; }
ol.findings { padding-left: 1.4rem; }
li.finding { margin: 0 0 .9rem; }
li.finding p { margin: .1rem 0; }
blockquote.excerpt { margin: .3rem 0 .2rem; padding: .3rem .8rem; border-left: 4px solid #8c8c8c; background: #f6f6f6; }
mark { background: #ffe066; color: #000; font-weight: 600; }
nav.toc ol { columns: 2; }
footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid #8c8c8c; padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  section.law, section.appendix { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, li.finding, .legend li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  mark { text-decoration: underline; font-weight: 700; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn style(out: &mut String) {
    out.push_str("<style>");
    out.push_str(CSS);
    for v in Verdict::ALL {
        let Swatch { fill, text } = palette::verdict(v);
        let _ = writeln!(
            out,
            ".v-{} {{ background: {fill}; color: {text}; }}",
            v.id()
        );
    }
    for s in [
        None,
        Some(Severity::Low),
        Some(Severity::Medium),
        Some(Severity::High),
        Some(Severity::Critical),
    ] {
        let Swatch { fill, text } = palette::severity(s);
        let _ = writeln!(
            out,
            ".s-{} {{ background: {fill}; color: {text}; }}",
            severity_id(s)
        );
    }
    out.push_str("</style>\n");
}

/// A square swatch as inline SVG: it prints even when backgrounds do not.
fn swatch_svg(s: Swatch) -> String {
    format!(
        "<svg width=\"18\" height=\"18\" viewBox=\"0 0 18 18\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"{}\" stroke=\"#333333\"/></svg>",
        s.fill
    )
}

fn verdict_cell(v: Verdict, findings: usize, title: &str) -> String {
    let count = match v {
        Verdict::NotAssessed | Verdict::NoConcern => String::new(),
        _ => format!(" <span class=\"n\">({findings})</span>"),
    };
    format!(
        "<td class=\"cell v-{}\" title=\"{}\">{}{count}</td>",
        v.id(),
        escape(title),
        verdict_word(v)
    )
}

fn verdict_badge(v: Verdict) -> String {
    format!("<span class=\"badge v-{}\">{}</span>", v.id(), v.label())
}

/// A verdict badge of one law ("none found in the text given" on a partial text).
fn law_verdict_badge(law: &LawReport, v: Verdict) -> String {
    format!(
        "<span class=\"badge v-{}\">{}</span>",
        v.id(),
        law.verdict_label(v)
    )
}

fn severity_badge(s: Severity) -> String {
    format!("<span class=\"sev s-{}\">{}</span>", s.as_str(), s.as_str())
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "—".to_string(), escape)
}

fn hash(s: Option<&str>) -> String {
    s.map_or_else(
        || "—".to_string(),
        |h| format!("<code class=\"hash\">{}</code>", escape(h)),
    )
}

/// Renders `report.html` from a report held in memory.
pub fn render(report: &Report) -> String {
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    for f in report.laws.iter().flat_map(|l| &l.findings) {
        *fired.entry(f.rule.clone()).or_default() += 1;
    }
    let mut out = head(report);
    for law in &report.laws {
        out.push_str(&section(law, report));
    }
    out.push_str(&tail(report, &fired));
    out
}

/// One law's section of `report.html`, with its findings; `header` supplies the rules and
/// standards.
pub fn section(law: &LawReport, header: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    law_section(&mut out, law, header);
    out
}

/// Everything after the law sections: the appendix (with how often each rule fired,
/// `fired`) and the footer.
pub fn tail(summary: &Report, fired: &BTreeMap<String, usize>) -> String {
    let mut out = String::new();
    appendix(&mut out, summary, fired);
    out.push_str("</main>\n<footer>\n");
    let _ = writeln!(
        out,
        "<p>{}</p>",
        escape(&super::markdown::provenance(summary))
    );
    out.push_str("<p>Verdicts are an aid to reading the evidence, never a substitute for it: every verdict lists the rules and citations it rests on.</p>\n");
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// Everything before the law sections: head, failed inputs, provenance, contents, summary
/// table and heat maps. Needs only the laws' summaries (see [`LawReport::into_summary`]).
pub fn head(report: &Report) -> String {
    let cmp = Comparison::from_report(report);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{}\">",
        escape(&report.provenance.tool)
    );
    out.push_str(
        "<title>Foreign-agent and NGO-funding laws against human-rights standards</title>\n",
    );
    style(&mut out);
    out.push_str("</head>\n<body>\n<header>\n");
    out.push_str("<h1>Foreign-agent and NGO-funding laws against human-rights standards</h1>\n");
    let _ = writeln!(
        out,
        "<p>{} laws analysed; {} inputs could not be analysed.{}</p>",
        report.laws.len(),
        report.errors.len(),
        if report.errors.is_empty() {
            ""
        } else {
            " <a href=\"#errors\">See the list of failed inputs.</a>"
        }
    );
    errors(&mut out, report);
    provenance(&mut out, report);
    out.push_str("</header>\n<main>\n");
    contents(&mut out, report);
    summary(&mut out, report, &cmp);
    heatmap_standards(&mut out, &cmp);
    heatmap_categories(&mut out, &cmp);
    out
}

fn provenance(out: &mut String, report: &Report) {
    let p = &report.provenance;
    out.push_str("<section id=\"provenance\" aria-labelledby=\"provenance-h\">\n<h2 id=\"provenance-h\">Provenance</h2>\n<dl class=\"meta\">\n");
    let _ = writeln!(out, "<dt>Generated by</dt><dd>{}</dd>", escape(&p.tool));
    let _ = writeln!(
        out,
        "<dt>Date</dt><dd>{}</dd>",
        p.date.as_deref().map_or_else(
            || "not recorded (identical inputs give an identical report)".to_string(),
            escape
        )
    );
    out.push_str("</dl>\n");
    out.push_str("<div class=\"scroll\"><table class=\"rulesets\">\n<caption>Rule sets</caption>\n<thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Title</th><th scope=\"col\">Version</th><th scope=\"col\">Language</th><th scope=\"col\">Rules</th><th scope=\"col\">File</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    if p.rulesets.is_empty() {
        out.push_str("<tr><td colspan=\"7\">No rule set was loaded.</td></tr>\n");
    }
    for r in &p.rulesets {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.id),
            escape(&r.title),
            escape(&r.version),
            escape(&r.language),
            r.rules,
            escape(&r.file),
            hash(Some(&r.sha256))
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    out.push_str("<div class=\"scroll\"><table class=\"inputs\">\n<caption>Inputs</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Encoding</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    if p.inputs.is_empty() {
        out.push_str("<tr><td colspan=\"3\">No input.</td></tr>\n");
    }
    for i in &p.inputs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&i.file),
            opt(i.encoding.as_deref()),
            hash(i.sha256.as_deref())
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn errors(out: &mut String, report: &Report) {
    if report.errors.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"errors\" class=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Inputs that could not be analysed ({})</h2>\n<p>These files are missing from every table below.</p>",
        report.errors.len()
    );
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Reason</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    for e in &report.errors {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&e.file),
            escape(&e.message),
            hash(report.provenance.input_sha256(&e.file))
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn contents(out: &mut String, report: &Report) {
    out.push_str("<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">Contents</h2>\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#heatmap-standards\">Laws × standards</a></li>\n<li><a href=\"#heatmap-categories\">Laws × categories</a></li>\n");
    for law in &report.laws {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            law_anchor(&law.id),
            escape(&law.title)
        );
    }
    out.push_str("<li><a href=\"#appendix\">Appendix: rules, verdict scale, standards, categories</a></li>\n</ol>\n</nav>\n");
}

fn law_link(id: &str) -> String {
    format!(
        "<a href=\"#{}\"><code>{}</code></a>",
        law_anchor(id),
        escape(id)
    )
}

fn summary(out: &mut String, report: &Report, cmp: &Comparison) {
    out.push_str("<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
    if cmp.rows.is_empty() {
        out.push_str("<p>No law was analysed.</p>\n</section>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th scope=\"col\">Law</th><th scope=\"col\">Title</th><th scope=\"col\">Jurisdiction</th><th scope=\"col\">Year</th><th scope=\"col\">Status</th><th scope=\"col\">Language</th><th scope=\"col\">Overall verdict</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");
    for (row, law) in cmp.rows.iter().zip(&report.laws) {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
            law_link(&row.law),
            escape(&row.title),
            escape(&row.jurisdiction),
            escape(&row.year),
            escape(&row.status),
            escape(&row.language),
            verdict_cell(
                row.overall,
                row.findings,
                &format!("{}: overall {}", law.id, row.overall.label())
            ),
            row.findings
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn verdict_legend(out: &mut String) {
    out.push_str("<figure class=\"legend\" aria-labelledby=\"legend-verdicts\">\n<figcaption id=\"legend-verdicts\">Verdict scale (from most to least severe). In brackets: the number of findings that engage the standard.</figcaption>\n<ul>\n");
    for v in Verdict::ALL.iter().rev() {
        let _ = writeln!(
            out,
            "<li>{}<b>{}</b> — {}.</li>",
            swatch_svg(palette::verdict(*v)),
            verdict_word(*v),
            v.rule()
        );
    }
    out.push_str("</ul>\n</figure>\n");
}

fn severity_legend(out: &mut String) {
    out.push_str("<figure class=\"legend\" aria-labelledby=\"legend-severity\">\n<figcaption id=\"legend-severity\">Highest severity of the findings in the category. In brackets: the number of findings.</figcaption>\n<ul>\n");
    for (s, text) in [
        (
            Some(Severity::Critical),
            "hard to reconcile with the standards at all",
        ),
        (Some(Severity::High), "a serious concern"),
        (Some(Severity::Medium), "a concern under the standards"),
        (
            Some(Severity::Low),
            "worth noting; not a problem on its own",
        ),
        (None, "no finding in the category"),
    ] {
        let _ = writeln!(
            out,
            "<li>{}<b>{}</b> — {text}.</li>",
            swatch_svg(palette::severity(s)),
            severity_id(s)
        );
    }
    out.push_str("</ul>\n</figure>\n");
}

fn heatmap_standards(out: &mut String, cmp: &Comparison) {
    out.push_str("<section id=\"heatmap-standards\" aria-labelledby=\"heatmap-standards-h\">\n<h2 id=\"heatmap-standards-h\">Laws × standards</h2>\n");
    out.push_str("<div class=\"scroll\"><table class=\"heatmap standards\">\n<caption>Verdict per standard</caption>\n<thead><tr><th scope=\"col\">Law</th><th scope=\"col\">Overall</th>");
    for c in &cmp.standards {
        let _ = write!(
            out,
            "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
            escape(&c.title),
            escape(&c.label)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &cmp.rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>{}",
            law_link(&r.law),
            verdict_cell(
                r.overall,
                r.findings,
                &format!("{}: overall {}", r.law, r.overall.label())
            )
        );
        for (c, cell) in cmp.standards.iter().zip(&r.standards) {
            out.push_str(&verdict_cell(
                cell.verdict,
                cell.findings,
                &format!(
                    "{} — {}: {}, {}",
                    r.law,
                    c.label,
                    cell.verdict.label(),
                    plural(cell.findings, "finding", "findings")
                ),
            ));
        }
        out.push_str("</tr>\n");
    }
    if cmp.rows.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"{}\">No law was analysed.</td></tr>",
            cmp.standards.len() + 2
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    verdict_legend(out);
    out.push_str("</section>\n");
}

fn category_cell(findings: usize, max: Option<Severity>, title: &str) -> String {
    let text = match max {
        Some(s) => format!("{} <span class=\"n\">({findings})</span>", s.as_str()),
        None => "none".to_string(),
    };
    format!(
        "<td class=\"cell s-{}\" title=\"{}\">{text}</td>",
        severity_id(max),
        escape(title)
    )
}

fn heatmap_categories(out: &mut String, cmp: &Comparison) {
    out.push_str("<section id=\"heatmap-categories\" aria-labelledby=\"heatmap-categories-h\">\n<h2 id=\"heatmap-categories-h\">Laws × categories</h2>\n");
    out.push_str("<div class=\"scroll\"><table class=\"heatmap categories\">\n<caption>Highest severity per category</caption>\n<thead><tr><th scope=\"col\">Law</th>");
    for c in &cmp.categories {
        let _ = write!(
            out,
            "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
            escape(&c.title),
            escape(&c.label)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &cmp.rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", law_link(&r.law));
        for (c, cell) in cmp.categories.iter().zip(&r.categories) {
            out.push_str(&category_cell(
                cell.findings,
                cell.max_severity,
                &format!(
                    "{} — {}: {}, highest severity {}",
                    r.law,
                    c.label,
                    plural(cell.findings, "finding", "findings"),
                    severity_id(cell.max_severity)
                ),
            ));
        }
        out.push_str("</tr>\n");
    }
    if cmp.rows.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"{}\">No law was analysed.</td></tr>",
            cmp.categories.len() + 1
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    severity_legend(out);
    out.push_str("</section>\n");
}

/// **Profile hook.** Renders a law's profile — its key parameters, such as the funding
/// threshold, the label imposed and the maximum fine — as a table placed after the law's
/// metadata. Profiles are not part of the [`Report`] yet (they arrive with the law-profile
/// work); until then this renders nothing. Whatever it renders must pass every value
/// through [`escape`].
pub fn profile(law: &LawReport) -> String {
    let mut out = String::from(
        "<h3>Profile</h3>\n<table class=\"profile\"><thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Value</th><th scope=\"col\">Provision</th><th scope=\"col\">Read from</th></tr></thead><tbody>\n",
    );
    for v in law.profile.views() {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(crate::profile::field_title(v.name)),
            escape(&v.value),
            escape(v.provision.as_deref().unwrap_or("—")),
            escape(v.evidence.as_deref().unwrap_or("—"))
        ));
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The excerpt with the matched words in `<mark>`, all of it escaped.
fn highlighted(f: &Finding) -> String {
    let text = crate::text::collapse_ws(&f.text);
    let ex = &f.excerpt;
    match ex.find(&text).filter(|_| !text.is_empty()) {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            escape(&ex[..i]),
            escape(&text),
            escape(&ex[i + text.len()..])
        ),
        None => escape(ex),
    }
}

fn finding_item(out: &mut String, f: &Finding, law: &LawReport, report: &Report) {
    let title = report.rule(&f.rule).map_or("", |r| r.title.as_str());
    let _ = writeln!(
        out,
        "<li class=\"finding\">\n<p class=\"cite\"><strong>{}</strong>, line {}:{} · <a href=\"#{}\"><code>{}</code></a> {} · {} · <span class=\"category\">{}</span></p>\n<p class=\"message\">{}</p>\n<blockquote class=\"excerpt\"{}>{}</blockquote>\n</li>",
        escape(&f.provision),
        f.line,
        f.column,
        rule_anchor(&f.rule),
        escape(&f.rule),
        escape(title),
        severity_badge(f.severity),
        escape(&f.category),
        escape(&f.message),
        lang_attr(&law.language),
        highlighted(f)
    );
}

fn engages(f: &Finding, standard: &str) -> bool {
    f.standards
        .iter()
        .any(|x| x.split(':').next() == Some(standard))
}

fn law_section(out: &mut String, law: &LawReport, report: &Report) {
    let id = law_anchor(&law.id);
    let _ = writeln!(
        out,
        "<section class=\"law\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\"{}>{}</h2>",
        lang_attr(&law.language),
        escape(&law.title)
    );
    let _ = writeln!(
        out,
        "<p class=\"overall\">Overall: {} · {}</p>",
        law_verdict_badge(law, law.overall),
        escape(&summary_line(law))
    );
    if let Some(caveat) = law.caveat() {
        let _ = writeln!(
            out,
            "<p class=\"caveat\"><strong>{}.</strong></p>",
            escape(&crate::report::capitalised(caveat))
        );
    }
    out.push_str("<dl class=\"meta\">\n");
    let mut meta = |k: &str, v: String| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{v}</dd>", escape(k));
    };
    meta("Id", format!("<code>{}</code>", escape(&law.id)));
    meta("File", escape(&law.file));
    meta("Jurisdiction", opt(law.jurisdiction.as_deref()));
    meta("Year", law.year.map_or("—".into(), |y| y.to_string()));
    meta("Status", opt(law.status.as_deref()));
    meta("Language", escape(&law.language));
    meta("Currency", opt(law.currency.as_deref()));
    meta("Source", opt(law.source.as_deref()));
    if let Some(c) = &law.completeness {
        meta("Completeness", escape(c));
    }
    meta("Numbered provisions", law.provisions.to_string());
    meta("Encoding", escape(&law.encoding));
    meta("SHA-256", hash(law.sha256.as_deref()));
    for (k, v) in &law.metadata {
        meta(k, escape(v));
    }
    out.push_str("</dl>\n");
    if !law.warnings.is_empty() {
        out.push_str("<div class=\"warnings\">\n<h3>Warnings</h3>\n<ul>\n");
        for w in &law.warnings {
            let _ = writeln!(out, "<li>{}</li>", escape(w));
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str(&profile(law));

    out.push_str("<h3>Verdicts</h3>\n<div class=\"scroll\"><table class=\"verdicts\">\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Verdict</th><th scope=\"col\">Findings</th><th scope=\"col\">Limbs engaged</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
    for a in &law.assessment {
        let Some(s) = report.standard(&a.standard) else {
            continue;
        };
        let evidence: Vec<String> = a
            .evidence
            .iter()
            .map(|e| {
                format!(
                    "<a href=\"#{}\"><code>{}</code></a> {}",
                    rule_anchor(&e.rule),
                    escape(&e.rule),
                    escape(&e.provision)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{} — {}</th>{}<td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.label),
            escape(&s.title),
            verdict_cell(
                a.verdict,
                a.findings,
                &format!("{}: {}", s.label, a.verdict.label())
            ),
            a.findings,
            escape(&a.limbs.join(", ")),
            if evidence.is_empty() {
                "—".to_string()
            } else {
                evidence.join("; ")
            }
        );
    }
    out.push_str("</tbody>\n</table></div>\n");

    out.push_str("<h3>Categories</h3>\n<div class=\"scroll\"><table class=\"categories\">\n<thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Highest severity</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");
    for c in &law.categories {
        let title = report
            .category(&c.category)
            .map_or(c.category.as_str(), |x| x.title.as_str());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th>{}<td>{}</td></tr>",
            escape(title),
            category_cell(
                c.findings,
                c.max_severity,
                &format!("{title}: {}", severity_id(c.max_severity))
            ),
            c.findings
        );
    }
    out.push_str("</tbody>\n</table></div>\n");

    out.push_str("<h3>Findings by standard</h3>\n");
    if !law.assessed {
        out.push_str(
            "<p class=\"note\">Not assessed: no rule set covers this law's language.</p>\n",
        );
    } else if law.findings.is_empty() {
        out.push_str("<p class=\"note\">No rule fired.</p>\n");
    }
    for a in law.assessment.iter().filter(|a| a.findings > 0) {
        let Some(s) = report.standard(&a.standard) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<h4>{} {} — {}: {}</h4>\n<ol class=\"findings\">",
            escape(&s.short),
            escape(&s.article),
            escape(&s.title),
            verdict_badge(a.verdict)
        );
        for f in law.findings.iter().filter(|f| engages(f, &s.id)) {
            finding_item(out, f, law, report);
        }
        out.push_str("</ol>\n");
    }
    let orphans: Vec<&Finding> = law
        .findings
        .iter()
        .filter(|f| !report.standards.iter().any(|s| engages(f, &s.id)))
        .collect();
    if !orphans.is_empty() {
        out.push_str(
            "<h4>Findings that engage no catalogued standard</h4>\n<ol class=\"findings\">\n",
        );
        for f in orphans {
            finding_item(out, f, law, report);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// A one-line summary in plain text (the briefing's has Markdown in it).
fn summary_line(law: &LawReport) -> String {
    if !law.assessed {
        return format!(
            "not assessed: no rule set covers the law's language ({})",
            law.language
        );
    }
    let cats = law.categories.iter().filter(|c| c.findings > 0).count();
    format!(
        "{} in {} across {}",
        plural(law.findings.len(), "finding", "findings"),
        plural(cats, "category", "categories"),
        plural(law.provisions, "numbered provision", "numbered provisions")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn appendix(out: &mut String, report: &Report, fired: &BTreeMap<String, usize>) {
    out.push_str("<section class=\"appendix\" id=\"appendix\" aria-labelledby=\"appendix-h\">\n<h2 id=\"appendix-h\">Appendix</h2>\n");
    out.push_str("<h3 id=\"rules\">Rules</h3>\n");
    if report.rules.is_empty() {
        out.push_str("<p>No rule was loaded.</p>\n");
    } else {
        out.push_str("<div class=\"scroll\"><table class=\"rules\">\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Title</th><th scope=\"col\">Category</th><th scope=\"col\">Severity</th><th scope=\"col\">Standards</th><th scope=\"col\">Rule set</th><th scope=\"col\">Findings</th><th scope=\"col\">Rationale</th><th scope=\"col\">Compliant alternative</th></tr></thead>\n<tbody>\n");
        for r in &report.rules {
            let _ = writeln!(
                out,
                "<tr id=\"{}\"><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                rule_anchor(&r.id),
                escape(&r.id),
                escape(&r.title),
                escape(&r.category),
                severity_badge(r.severity),
                escape(&r.standards.join(", ")),
                escape(&r.ruleset),
                fired.get(r.id.as_str()).copied().unwrap_or(0),
                escape(&r.rationale),
                opt(r.alternative.as_deref())
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }

    out.push_str("<h3 id=\"verdict-scale\">Verdict scale</h3>\n<p>For each standard, the findings whose rule engages it are weighed; the verdict is the first line that applies.</p>\n<ul>\n");
    for v in Verdict::ALL.iter().rev() {
        let _ = writeln!(
            out,
            "<li>{} <code>{}</code>: {}.</li>",
            verdict_badge(*v),
            v.id(),
            v.rule()
        );
    }
    out.push_str("</ul>\n");

    out.push_str("<h3 id=\"standards\">Standards</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Label</th><th scope=\"col\">Instrument</th><th scope=\"col\">Article</th><th scope=\"col\">Title</th></tr></thead>\n<tbody>\n");
    for s in &report.standards {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.label),
            escape(&s.instrument),
            escape(&s.article),
            escape(&s.title)
        );
    }
    out.push_str("</tbody>\n</table></div>\n");

    out.push_str("<h3 id=\"categories\">Categories</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Short</th><th scope=\"col\">Title</th></tr></thead>\n<tbody>\n");
    for c in &report.categories {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td></tr>",
            escape(&c.id),
            escape(&c.short),
            escape(&c.title)
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{7}\tc\n"), "a\u{fffd}b\u{fffd}\tc\n");
    }

    #[test]
    fn anchors_are_sanitised_and_distinct() {
        assert_eq!(law_anchor("xa-fara_2023"), "law-xa-fara_2023");
        let a = law_anchor("\"><script>");
        assert!(a.starts_with("law----script--"), "{a}");
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(law_anchor("a b"), law_anchor("a_b"));
        assert_ne!(law_anchor("a b"), law_anchor("a-b"));
        assert_ne!(law_anchor("a b"), law_anchor("a.b"));
    }

    #[test]
    fn lang_attributes_only_for_well_formed_tags() {
        assert_eq!(lang_attr("sr-Latn"), " lang=\"sr-Latn\"");
        assert_eq!(lang_attr("ka"), " lang=\"ka\"");
        assert_eq!(lang_attr("en\" onclick=\"x"), "");
        assert_eq!(lang_attr(""), "");
    }
}
