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
//! * **Printable.** Print CSS starts each law and the methods on a new page, hides the
//!   navigation (and nothing else), keeps table rows and findings whole, and sets the rules
//!   of the appendix in two columns.
//! * **Deterministic.** The page is a function of the [`Report`] only, like every writer.
//!
//! # Layout
//!
//! The answer first: the title (`--title`) and organisation, one paragraph on what the report
//! covers, the inputs that could not be analysed (in a framed box), contents, the summary
//! with the caveat that verdicts are a reading aid, and the heat maps (laws × standards,
//! laws × categories) in tables of at most [`HEATMAP_COLUMNS`] columns, each repeating the
//! law column, so that every column fits a printed page and a phone needs little sideways
//! scrolling (the law column also stays in view while scrolling). Then one section per law:
//! metadata, warnings, [`profile`], verdicts — each with what it rests on, provision by
//! provision, in words, linking to the findings — categories, and the findings, each shown
//! once under its provision with the standards it engages as tags (see
//! [`crate::report::grouped`]). Methods (the verdict scale), the appendix (rules that
//! fired with rationale and compliant alternative, the others listed briefly, standards,
//! categories) and the provenance (tool, date, rule sets and inputs with their SHA-256)
//! come last.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::assess::Verdict;
use crate::compare::Comparison;
use crate::matching::Finding;
use crate::report::grouped::{self, FindingGroup};
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
p.org { font-size: 1.05rem; margin: 0 0 .5rem; }
.gloss { font-style: italic; color: #333; }
p.caveat { border-left: 4px solid #555; padding: .2rem .8rem; background: #f4f4f4; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eeeeee; }
.scroll { overflow-x: auto; max-width: 100%; }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
.hash { word-break: break-all; }
table.rulesets td:first-child code { white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table.heatmap td.cell { text-align: center; min-width: 4.5rem; }
table.verdicts td.cell, table.summary td.cell { white-space: nowrap; }
table.heatmap th[scope=row], table.summary th[scope=row] { position: sticky; left: 0; z-index: 1; background: #fff; min-width: 8rem; max-width: 15rem; overflow-wrap: anywhere; }
table.heatmap thead th:first-child { position: sticky; left: 0; z-index: 2; }
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
ul.tags { list-style: none; padding: 0; margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .25rem; }
ul.tags li { border: 1px solid #8c8c8c; border-radius: .8rem; padding: 0 .5rem; font-size: .8rem; }
ul.evidence { margin: 0; padding-left: 1rem; }
blockquote.excerpt { margin: .3rem 0 .2rem; padding: .3rem .8rem; border-left: 4px solid #8c8c8c; background: #f6f6f6; }
mark { background: #ffe066; color: #000; font-weight: 600; }
nav.toc ol { columns: 2; }
div.rule { border-top: 1px solid #bbb; padding: .3rem 0; break-inside: avoid; page-break-inside: avoid; }
div.rule p { margin: .15rem 0; }
footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid #8c8c8c; padding-top: .5rem; }
@media (max-width: 40rem) {
  body { padding: .5rem .7rem 2rem; }
  nav.toc ol { columns: 1; }
  dl.meta { grid-template-columns: minmax(0, 38%) 1fr; gap: .15rem .6rem; }
  table.verdicts thead, table.profile thead { display: none; }
  table.verdicts, table.verdicts tbody, table.verdicts tr, table.verdicts th, table.verdicts td,
  table.profile, table.profile tbody, table.profile tr, table.profile th, table.profile td { display: block; width: auto; border: 0; }
  table.verdicts tr, table.profile tr { border: 1px solid #8c8c8c; margin: 0 0 .5rem; }
  table.verdicts td.cell { white-space: normal; display: inline-block; margin: 0 .45rem; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc { display: none; }
  section.law, section#methods { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, li.finding, .legend li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { width: 100%; }
  table.heatmap { table-layout: fixed; font-size: 7.5pt; }
  table.heatmap td.cell { min-width: 0; padding: .15rem; }
  table.heatmap th { padding: .15rem; overflow-wrap: anywhere; }
  table.heatmap th[scope=row], table.summary th[scope=row] { position: static; min-width: 0; max-width: none; }
  table.heatmap col.law { width: 22%; }
  body { font-size: 9pt; }
  li.finding { margin-bottom: .5rem; }
  blockquote.excerpt { padding: .15rem .5rem; }
  div.rules { columns: 2; column-gap: 8mm; }
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
        Verdict::NotApplicable | Verdict::NotAssessed | Verdict::NoConcern => String::new(),
        _ => format!(" <span class=\"n\">({findings})</span>"),
    };
    format!(
        "<td class=\"cell v-{}\" title=\"{}\">{}{count}</td>",
        v.id(),
        escape(title),
        v.label()
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

/// Everything after the law sections: methods (the verdict scale), the appendix (rules —
/// with how often each rule fired, `fired` — standards and categories), the provenance and
/// the footer.
pub fn tail(summary: &Report, fired: &BTreeMap<String, usize>) -> String {
    let mut out = String::new();
    methods(&mut out);
    appendix(&mut out, summary, fired);
    provenance(&mut out, summary);
    out.push_str("</main>\n<footer>\n");
    let _ = writeln!(
        out,
        "<p>{}</p>",
        escape(&super::markdown::provenance(summary))
    );
    let _ = writeln!(out, "<p>{}</p>", CAVEAT);
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// What the verdicts are, stated near the summary and again in the footer.
const CAVEAT: &str = "Verdicts are an aid to reading the evidence, never a substitute for it: each rests on the provisions and quoted words listed with it, and a lawyer should read those before relying on it.";

/// Everything before the law sections: title and scope, failed inputs, contents, the
/// summary table and heat maps. Needs only the laws' summaries (see
/// [`LawReport::into_summary`]); the provenance comes at the end, in [`tail`].
pub fn head(report: &Report) -> String {
    let cmp = Comparison::from_report(report);
    let mut out = String::with_capacity(64 * 1024);
    let title = escape(report.title());
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{}\">",
        escape(&report.provenance.tool)
    );
    let _ = writeln!(out, "<title>{title}</title>");
    style(&mut out);
    out.push_str("</head>\n<body>\n<header>\n");
    let _ = writeln!(out, "<h1>{title}</h1>");
    if let Some(org) = report
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        let _ = writeln!(out, "<p class=\"org\">{}</p>", escape(org));
    }
    let _ = writeln!(out, "<p class=\"scope\">{}</p>", escape(&scope(report)));
    errors(&mut out, report);
    out.push_str("</header>\n<main>\n");
    contents(&mut out, report);
    summary(&mut out, report, &cmp);
    heatmap_standards(&mut out, &cmp);
    heatmap_categories(&mut out, &cmp);
    out
}

/// One paragraph saying what the report covers: how many laws from where, against which
/// instruments, with how many rules, and what failed.
fn scope(report: &Report) -> String {
    let mut places: Vec<&str> = report
        .laws
        .iter()
        .filter_map(|l| l.jurisdiction.as_deref())
        .collect();
    places.sort_unstable();
    places.dedup();
    let mut instruments: Vec<&str> = Vec::new();
    for s in &report.standards {
        if !instruments.contains(&s.instrument.as_str()) {
            instruments.push(&s.instrument);
        }
    }
    let mut s = format!(
        "This report reads {}",
        grouped::plural(report.laws.len(), "law", "laws")
    );
    if !places.is_empty() {
        s.push_str(&format!(
            " from {} ({})",
            grouped::plural(places.len(), "jurisdiction", "jurisdictions"),
            places.join(", ")
        ));
    }
    s.push_str(&format!(
        " against {} of {}: {}. It applies {} and quotes, for every finding, the provision, line and words it rests on.",
        grouped::plural(report.standards.len(), "article", "articles"),
        grouped::plural(instruments.len(), "instrument", "instruments"),
        instruments.join("; "),
        grouped::plural(report.rules.len(), "rule", "rules"),
    ));
    if !report.errors.is_empty() {
        s.push_str(&format!(
            " {} could not be analysed and are listed below.",
            grouped::plural(report.errors.len(), "input", "inputs")
        ));
    }
    s
}

fn provenance(out: &mut String, report: &Report) {
    let p = &report.provenance;
    out.push_str("<section id=\"provenance\" aria-labelledby=\"provenance-h\">\n<h2 id=\"provenance-h\">Provenance</h2>\n<dl class=\"meta\">\n");
    let _ = writeln!(out, "<dt>Generated by</dt><dd>{}</dd>", escape(&p.tool));
    if let Some(d) = &p.date {
        let _ = writeln!(out, "<dt>Date</dt><dd>{}</dd>", escape(d));
    }
    let _ = writeln!(
        out,
        "<dt>Rule book</dt><dd>{}</dd>",
        hash(Some(&p.rulebook_hash()))
    );
    out.push_str("</dl>\n<p>The same inputs and rule sets always give this same page, byte for byte; the hashes identify them.</p>\n");
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
    out.push_str("<li><a href=\"#methods\">Methods: how verdicts are reached</a></li>\n<li><a href=\"#appendix\">Appendix: rules, standards, categories</a></li>\n<li><a href=\"#provenance\">Provenance</a></li>\n</ol>\n</nav>\n");
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
    let _ = writeln!(out, "<p class=\"caveat\">{CAVEAT}</p>");
    if cmp.rows.is_empty() {
        out.push_str("<p>No law was analysed.</p>\n</section>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th scope=\"col\">Law</th><th scope=\"col\">Title</th><th scope=\"col\">Jurisdiction</th><th scope=\"col\">Year</th><th scope=\"col\">Status</th><th scope=\"col\">Overall verdict</th><th scope=\"col\">In short</th></tr></thead>\n<tbody>\n");
    for (row, law) in cmp.rows.iter().zip(&report.laws) {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td><span{}>{}</span>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
            law_link(&row.law),
            lang_attr(&law.language),
            escape(&row.title),
            grouped::title_gloss(law).map_or(String::new(), |g| format!(
                "<br><span class=\"gloss\" lang=\"en\">{}</span>",
                escape(g)
            )),
            escape(&row.jurisdiction),
            escape(&row.year),
            escape(&row.status),
            verdict_cell(
                row.overall,
                row.findings,
                &format!("{}: overall {}", law.id, row.overall.label())
            ),
            escape(&grouped::short_headline(law))
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// At most this many data columns per heat-map table, so that every column fits on an A4
/// page and a phone screen needs little sideways scrolling.
pub const HEATMAP_COLUMNS: usize = 7;

/// The column indices of the standards heat maps: the core standards first, then the
/// others in catalogue order, in tables of at most [`HEATMAP_COLUMNS`] columns (the first
/// table also has the overall verdict).
fn standard_chunks(cmp: &Comparison) -> Vec<(String, Vec<usize>)> {
    let core: Vec<usize> = (0..cmp.standards.len())
        .filter(|&i| cmp.standards[i].headline)
        .collect();
    let other: Vec<usize> = (0..cmp.standards.len())
        .filter(|&i| !cmp.standards[i].headline)
        .collect();
    let mut out = Vec::new();
    for (name, cols, room) in [
        ("Core standards", core, HEATMAP_COLUMNS - 1),
        ("Other standards", other, HEATMAP_COLUMNS),
    ] {
        let n = cols.len().div_ceil(room.max(1));
        for (k, c) in cols.chunks(room.max(1)).enumerate() {
            let caption = if n > 1 {
                format!("{name} ({} of {n})", k + 1)
            } else {
                name.to_string()
            };
            out.push((caption, c.to_vec()));
        }
    }
    out
}

fn verdict_legend(out: &mut String) {
    out.push_str("<figure class=\"legend\" aria-labelledby=\"legend-verdicts\">\n<figcaption id=\"legend-verdicts\">Verdict scale (from most to least severe). In brackets: the number of findings that engage the standard.</figcaption>\n<ul>\n");
    for v in Verdict::ALL.iter().rev() {
        let _ = writeln!(
            out,
            "<li>{}<b>{}</b> — {}.</li>",
            swatch_svg(palette::verdict(*v)),
            v.label(),
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
    for (t, (caption, cols)) in standard_chunks(cmp).into_iter().enumerate() {
        let overall = t == 0;
        let _ = write!(
            out,
            "<div class=\"scroll\"><table class=\"heatmap standards\">\n<caption>Verdict per standard: {}</caption>\n<colgroup><col class=\"law\"></colgroup>\n<thead><tr><th scope=\"col\">Law</th>",
            escape(&caption)
        );
        if overall {
            out.push_str("<th scope=\"col\">Overall</th>");
        }
        for &i in &cols {
            let c = &cmp.standards[i];
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
            if overall {
                out.push_str(&verdict_cell(
                    r.overall,
                    r.findings,
                    &format!("{}: overall {}", r.law, r.overall.label()),
                ));
            }
            for &i in &cols {
                let (c, cell) = (&cmp.standards[i], &r.standards[i]);
                out.push_str(&verdict_cell(
                    cell.verdict,
                    cell.findings,
                    &format!(
                        "{} — {}: {}, {}",
                        r.law,
                        c.label,
                        cell.verdict.label(),
                        grouped::plural(cell.findings, "finding", "findings")
                    ),
                ));
            }
            out.push_str("</tr>\n");
        }
        if cmp.rows.is_empty() {
            let _ = writeln!(
                out,
                "<tr><td colspan=\"{}\">No law was analysed.</td></tr>",
                cols.len() + 1 + usize::from(overall)
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    verdict_legend(out);
    out.push_str("</section>\n");
}

fn category_cell(findings: usize, max: Option<Severity>, title: &str) -> String {
    let text = match max {
        Some(s) => format!("{} <span class=\"n\">({findings})</span>", s.as_str()),
        None => "no finding".to_string(),
    };
    format!(
        "<td class=\"cell s-{}\" title=\"{}\">{text}</td>",
        severity_id(max),
        escape(title)
    )
}

fn heatmap_categories(out: &mut String, cmp: &Comparison) {
    out.push_str("<section id=\"heatmap-categories\" aria-labelledby=\"heatmap-categories-h\">\n<h2 id=\"heatmap-categories-h\">Laws × categories</h2>\n");
    let all: Vec<usize> = (0..cmp.categories.len()).collect();
    let chunks: Vec<&[usize]> = if all.is_empty() {
        vec![&all[..]]
    } else {
        // Even tables: 11 categories give 6 + 5 rather than 7 + 4.
        let n = all.len().div_ceil(HEATMAP_COLUMNS);
        all.chunks(all.len().div_ceil(n)).collect()
    };
    let n = chunks.len();
    for (k, cols) in chunks.into_iter().enumerate() {
        let part = if n > 1 {
            format!(" ({} of {n})", k + 1)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<div class=\"scroll\"><table class=\"heatmap categories\">\n<caption>Highest severity per category{part}</caption>\n<colgroup><col class=\"law\"></colgroup>\n<thead><tr><th scope=\"col\">Law</th>"
        );
        for &i in cols {
            let c = &cmp.categories[i];
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
            for &i in cols {
                let (c, cell) = (&cmp.categories[i], &r.categories[i]);
                out.push_str(&category_cell(
                    cell.findings,
                    cell.max_severity,
                    &format!(
                        "{} — {}: {}, highest severity {}",
                        r.law,
                        c.label,
                        grouped::plural(cell.findings, "finding", "findings"),
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
                cols.len() + 1
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    severity_legend(out);
    out.push_str("</section>\n");
}

/// A law's profile — its key parameters, such as the funding threshold, the label imposed
/// and the highest fine — as a table placed after the law's metadata, every value escaped.
pub fn profile(law: &LawReport) -> String {
    let mut out = String::from(
        "<h3>Profile</h3>\n<div class=\"scroll\"><table class=\"profile\"><thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Value</th><th scope=\"col\">Provision</th><th scope=\"col\">Read from</th></tr></thead><tbody>\n",
    );
    for v in crate::report::profiles::views(&law.profile) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td data-label=\"Value\">{}</td><td data-label=\"Provision\">{}</td><td data-label=\"Read from\">{}</td></tr>\n",
            escape(v.field.title()),
            escape(&v.value),
            escape(v.provision.as_deref().unwrap_or("—")),
            escape(v.evidence.as_deref().unwrap_or("—"))
        ));
    }
    out.push_str("</tbody></table></div>\n");
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

fn finding_anchor(law: &str, group: usize) -> String {
    anchor("f", &format!("{law}-{}", group + 1))
}

fn verdict_anchor(law: &str, standard: &str) -> String {
    anchor("v", &format!("{law}-{standard}"))
}

/// A free metadata key for readers: `minimum_monthly_wage` → `Minimum monthly wage`.
pub fn meta_label(key: &str) -> String {
    let spaced: String = key
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One passage flagged by one or more rules of one category: where it is, what is wrong,
/// the quote, and the standards it engages as tags linking to their verdicts.
fn finding_item(
    out: &mut String,
    i: usize,
    g: &FindingGroup<'_>,
    law: &LawReport,
    report: &Report,
    explained: &mut Vec<String>,
) {
    let f = g.first();
    let rules: Vec<String> = g
        .findings
        .iter()
        .map(|f| {
            let title = report.rule(&f.rule).map_or("", |r| r.title.as_str());
            format!(
                "<a href=\"#{}\"><code>{}</code></a> {}",
                rule_anchor(&f.rule),
                escape(&f.rule),
                escape(title)
            )
        })
        .collect();
    let category = report
        .category(&f.category)
        .map_or(f.category.as_str(), |c| c.title.as_str());
    let _ = writeln!(
        out,
        "<li class=\"finding\" id=\"{}\">\n<p class=\"cite\"><strong>{}</strong>, {} · {} · <span class=\"category\">{}</span></p>\n<p class=\"rules\">{}</p>",
        finding_anchor(&law.id, i),
        escape(&f.provision),
        grouped::position(f),
        severity_badge(g.severity),
        escape(category),
        rules.join("; ")
    );
    // A rule's message is the same at every match: it is given at the rule's first
    // finding in the law, and the rule's title stands for it after that.
    let mut messages: Vec<&str> = Vec::new();
    for f in &g.findings {
        if !explained.contains(&f.rule) && !messages.contains(&f.message.as_str()) {
            messages.push(&f.message);
        }
    }
    for f in &g.findings {
        if !explained.contains(&f.rule) {
            explained.push(f.rule.clone());
        }
    }
    for m in messages {
        let _ = writeln!(out, "<p class=\"message\">{}</p>", escape(m));
    }
    let _ = writeln!(
        out,
        "<blockquote class=\"excerpt\"{}>{}</blockquote>",
        lang_attr(&law.language),
        highlighted(f)
    );
    if !g.standards.is_empty() {
        out.push_str("<ul class=\"tags\" aria-label=\"Standards engaged\">");
        for id in &g.standards {
            let label = report.standard(id).map_or(*id, |s| s.label.as_str());
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                verdict_anchor(&law.id, id),
                escape(label)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</li>\n");
}

/// At most this many provisions are spelt out in a verdict's evidence; the rest are named.
const EVIDENCE_ITEMS: usize = 6;

/// What a verdict rests on, in words: the most severe provisions first, each with what the
/// rules found there, linking to the findings.
fn evidence_cell(
    groups: &[FindingGroup<'_>],
    standard: &str,
    law: &LawReport,
    report: &Report,
) -> String {
    let rows = grouped::evidence_for(groups, standard);
    if rows.is_empty() {
        return "—".to_string();
    }
    let mut out = String::from("<ul class=\"evidence\">");
    for (provision, rules) in rows.iter().take(EVIDENCE_ITEMS) {
        let what: Vec<String> = rules
            .iter()
            .map(|(r, _)| escape(report.rule(r).map_or(*r, |x| x.title.as_str())))
            .collect();
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>: {}</li>",
            finding_anchor(&law.id, rules[0].1),
            escape(provision),
            what.join("; ")
        );
    }
    if rows.len() > EVIDENCE_ITEMS {
        let rest: Vec<String> = rows[EVIDENCE_ITEMS..]
            .iter()
            .map(|(p, rules)| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    finding_anchor(&law.id, rules[0].1),
                    escape(p)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<li>and {} more: {}</li>",
            grouped::plural(rest.len(), "provision", "provisions"),
            rest.join(", ")
        );
    }
    out.push_str("</ul>");
    out
}

fn law_section(out: &mut String, law: &LawReport, report: &Report) {
    let id = law_anchor(&law.id);
    let groups = grouped::groups(law);
    let _ = writeln!(
        out,
        "<section class=\"law\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\"{}>{}</h2>",
        lang_attr(&law.language),
        escape(&law.title)
    );
    if let Some(g) = grouped::title_gloss(law) {
        let _ = writeln!(out, "<p class=\"gloss\" lang=\"en\">{}</p>", escape(g));
    }
    let _ = writeln!(
        out,
        "<p class=\"overall\">Overall: {} · {}</p>",
        law_verdict_badge(law, law.overall),
        escape(&grouped::headline(law))
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
    meta("Jurisdiction", opt(law.jurisdiction.as_deref()));
    for i in law.applicability.iter().filter(|i| i.regional) {
        let word = match i.applies {
            crate::assess::applicability::Applies::Yes => "applies",
            crate::assess::applicability::Applies::No => "not applicable",
            crate::assess::applicability::Applies::Assumed => "assumed to apply",
        };
        meta(&i.short, format!("{word} — {}", escape(&i.basis)));
    }
    meta("Year", law.year.map_or("—".into(), |y| y.to_string()));
    meta("Status", opt(law.status.as_deref()));
    meta("Language", escape(&law.language));
    if let Some(c) = &law.completeness {
        meta("Completeness", escape(c));
    }
    if let Some(c) = &law.currency {
        meta("Currency", escape(c));
    }
    if let Some(src) = &law.source {
        meta("Source", escape(src));
    }
    for (k, v) in &law.metadata {
        if !grouped::TITLE_GLOSS_KEYS.contains(&k.as_str()) {
            meta(&meta_label(k), escape(v));
        }
    }
    meta("Numbered provisions", law.provisions.to_string());
    meta("File", escape(&law.file));
    meta(
        "File read as",
        format!(
            "{}, SHA-256 {}",
            escape(&law.encoding),
            hash(law.sha256.as_deref())
        ),
    );
    out.push_str("</dl>\n");
    if !law.warnings.is_empty() {
        out.push_str("<div class=\"warnings\">\n<h3>Warnings</h3>\n<ul>\n");
        for w in &law.warnings {
            let _ = writeln!(out, "<li>{}</li>", escape(w));
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str(&profile(law));

    out.push_str("<h3>Verdicts</h3>\n<div class=\"scroll\"><table class=\"verdicts\">\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Verdict</th><th scope=\"col\">Findings</th><th scope=\"col\">Limbs engaged</th><th scope=\"col\">What it rests on</th></tr></thead>\n<tbody>\n");
    for a in &law.assessment {
        let Some(s) = report.standard(&a.standard) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><th scope=\"row\">{} — {}</th>{}<td data-label=\"Findings\">{}</td><td data-label=\"Limbs engaged\">{}</td><td data-label=\"What it rests on\">{}</td></tr>",
            verdict_anchor(&law.id, &s.id),
            escape(&s.label),
            escape(&s.title),
            verdict_cell(
                a.verdict,
                a.findings,
                &format!("{}: {}", s.label, a.verdict.label())
            ),
            a.findings,
            if a.limbs.is_empty() {
                "—".to_string()
            } else {
                escape(&a.limbs.join(", "))
            },
            evidence_cell(&groups, &s.id, law, report)
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

    out.push_str("<h3>Findings by provision</h3>\n");
    if !law.assessed {
        out.push_str(
            "<p class=\"note\">Not assessed: no rule set covers this law's language.</p>\n",
        );
    } else if law.findings.is_empty() {
        out.push_str("<p class=\"note\">No rule fired.</p>\n");
    } else {
        out.push_str("<p>Each finding is shown once, under the provision it is in; the tags name the standards it engages and link to their verdicts.</p>\n");
    }
    let mut explained = Vec::new();
    for (provision, idx) in grouped::by_provision(&groups) {
        let _ = writeln!(
            out,
            "<h4>{}</h4>\n<ol class=\"findings\">",
            escape(provision)
        );
        for i in idx {
            finding_item(out, i, &groups[i], law, report, &mut explained);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn methods(out: &mut String) {
    out.push_str("<section id=\"methods\" aria-labelledby=\"methods-h\">\n<h2 id=\"methods-h\">Methods: how verdicts are reached</h2>\n");
    out.push_str("<p>Each rule looks for a drafting pattern (a label, a threshold, a power of inspection, a penalty…) in the law's numbered provisions. A match is a finding: it records the provision, the line and column, and the words matched, and engages the standards the rule names. For each standard the findings that engage it are weighed; the verdict is the first line below that applies.</p>\n<ul>\n");
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
    let _ = writeln!(out, "<p>{CAVEAT}</p>\n</section>");
}

fn appendix(out: &mut String, report: &Report, fired: &BTreeMap<String, usize>) {
    out.push_str("<section class=\"appendix\" id=\"appendix\" aria-labelledby=\"appendix-h\">\n<h2 id=\"appendix-h\">Appendix</h2>\n");
    out.push_str("<h3 id=\"rules\">Rules that produced findings</h3>\n");
    let (used, unused): (Vec<_>, Vec<_>) = report
        .rules
        .iter()
        .partition(|r| fired.get(r.id.as_str()).copied().unwrap_or(0) > 0);
    if used.is_empty() {
        out.push_str("<p>No rule produced a finding.</p>\n");
    }
    out.push_str("<div class=\"rules\">\n");
    for r in &used {
        let standards: Vec<String> = r
            .standards
            .iter()
            .map(|x| {
                let id = grouped::standard_id(x);
                report.standard(id).map_or(x.clone(), |s| {
                    if x.len() > id.len() {
                        format!("{}{}", s.label, &x[id.len()..].replace(':', " — "))
                    } else {
                        s.label.clone()
                    }
                })
            })
            .collect();
        let category = report
            .category(&r.category)
            .map_or(r.category.as_str(), |c| c.title.as_str());
        let _ = writeln!(
            out,
            "<div class=\"rule\" id=\"{}\">\n<p><strong><code>{}</code> {}</strong> · {} · {} · {} · rule set <code>{}</code></p>\n<p>Engages: {}</p>\n<p>Why it matters: {}</p>",
            rule_anchor(&r.id),
            escape(&r.id),
            escape(&r.title),
            severity_badge(r.severity),
            escape(category),
            grouped::plural(
                fired.get(r.id.as_str()).copied().unwrap_or(0),
                "finding",
                "findings"
            ),
            escape(&r.ruleset),
            escape(&standards.join(", ")),
            escape(&r.rationale)
        );
        if let Some(alt) = &r.alternative {
            let _ = writeln!(out, "<p>Compliant alternative: {}</p>", escape(alt));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    if !unused.is_empty() {
        let _ = writeln!(
            out,
            "<h3 id=\"rules-unused\">Rules that were applied and found nothing ({})</h3>\n<div class=\"scroll\"><table class=\"rules\">\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Title</th><th scope=\"col\">Category</th><th scope=\"col\">Severity</th></tr></thead>\n<tbody>",
            unused.len()
        );
        for r in &unused {
            let _ = writeln!(
                out,
                "<tr id=\"{}\"><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>",
                rule_anchor(&r.id),
                escape(&r.id),
                escape(&r.title),
                escape(&r.category),
                r.severity.as_str()
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }

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
