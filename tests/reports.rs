//! The writers on a small fixed report: snapshots of the text formats, the structure and
//! safety of `report.html`, `report.xlsx` read back with calamine, CSV injection, the
//! `--excel` byte-order mark and determinism.
//!
//! The report is built from a tiny rule book compiled here and three short laws, so these
//! tests do not depend on the rule library in `rules/`.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::Path;

use agentlaw::analyze::analyze_law;
use agentlaw::load::Loader;
use agentlaw::report::write::{Format, WriteOptions, write_outputs_with};
use agentlaw::report::{
    ErrorEntry, InputEntry, Report, briefing, csv as csv_out, html, markdown, xlsx,
};
use agentlaw::rules::{RuleBook, RuleSource};
use calamine::{Data, Reader, Xlsx};
use scraper::{Html, Selector};

const STANDARDS: &str = r#"
[[standard]]
id = "echr-11"
headline = true
instrument = "European Convention on Human Rights"
short = "ECHR"
article = "Art. 11"
title = "Freedom of assembly and association"
principle = "p"
categories = ["stigmatising-label", "broad-scope"]

[[standard.limb]]
id = "lawfulness"
title = "Prescribed by law"
principle = "p"

[[standard]]
id = "iccpr-22"
instrument = "International Covenant on Civil and Political Rights"
short = "ICCPR"
article = "Art. 22"
title = "Freedom of association"
principle = "p"
categories = ["broad-scope", "disproportionate-fines"]
"#;

const CATEGORIES: &str = r#"
[[category]]
id = "stigmatising-label"
short = "label"
title = "Stigmatising designation or label"
description = "d"

[[category]]
id = "broad-scope"
short = "scope"
title = "Overbroad scope and low thresholds"
description = "d"

[[category]]
id = "disproportionate-fines"
short = "fines"
title = "Disproportionate fines"
description = "d"
"#;

const RULES: &str = r#"
[ruleset]
id = "test-en"
title = "Test rules"
version = "1.0"
language = "en"

[[rule]]
id = "T-LABEL-1"
title = "Foreign agent label"
category = "stigmatising-label"
severity = "high"
standards = ["echr-11:lawfulness", "iccpr-22"]
rationale = "The label suggests disloyalty <b>and</b> deters donors."
message = "Imposes the \"foreign agent\" label."
alternative = "Use a neutral register entry."
terms = ["foreign agent"]
examples.flag = ["register as a foreign agent"]
examples.ok = ["register as a charity"]

[[rule]]
id = "T-SCOPE-1"
title = "Any foreign funding"
category = "broad-scope"
severity = "medium"
standards = ["echr-11"]
rationale = "No threshold."
message = "Captures any foreign funding."
patterns = ['foreign (funding|support)']
examples.flag = ["receives foreign funding"]
examples.ok = ["receives domestic funding"]

[[rule]]
id = "T-FINE-1"
title = "Fines"
category = "disproportionate-fines"
severity = "low"
standards = ["iccpr-22"]
rationale = "Fines must be proportionate."
message = "Sets a fine."
terms = ["fine of up to"]
examples.flag = ["a fine of up to 5 EUR"]
examples.ok = ["no penalty"]
"#;

const SCRIPT_TITLE: &str = "Law <script>alert(1)</script> on Foreign Agents";
const IMG_TITLE: &str = "\"><img src=x onerror=alert(1)>";

fn src(name: &str, text: &str) -> RuleSource {
    RuleSource {
        name: name.into(),
        text: text.into(),
    }
}

fn book() -> RuleBook {
    RuleBook::compile(vec![
        src("test/standards.toml", STANDARDS),
        src("test/categories.toml", CATEGORIES),
        src("test/rules-en.toml", RULES),
    ])
    .expect("the test rule book compiles")
}

fn law(book: &RuleBook, file: &str, text: &str) -> agentlaw::report::LawReport {
    let law = Loader::default()
        .load_text(Path::new(file), text.to_string(), None)
        .expect("the test law loads");
    let mut r = analyze_law(book, &law);
    r.sha256 = Some(agentlaw::text::sha256_hex(text.as_bytes()));
    r
}

/// The fixed report: a restrictive law whose title holds a script, a law whose title and
/// id try to break out of an attribute and whose text holds markup, a law in a language
/// no rule set covers, and two failed inputs.
fn fixture() -> Report {
    let book = book();
    let mut report = Report::new(&book);
    report.tool.version = "0.0.0-test".into();
    report.provenance.tool = "agentlaw 0.0.0-test".into();
    report.provenance.date = Some("2026-01-15".into());

    let a = law(
        &book,
        "laws/xa.txt",
        &format!(
            "+++\nid = \"xa-agents-2023\"\ntitle = \"{}\"\njurisdiction = \"XA\"\nyear = 2023\nstatus = \"in-force\"\nlanguage = \"en\"\ncurrency = \"EUR\"\n+++\nArticle 1 – Scope\n1. Any organisation that receives foreign funding shall register as a foreign agent.\nArticle 2 – Penalties\nA fine of up to 10 000 EUR applies.\n",
            SCRIPT_TITLE.replace('"', "\\\"")
        ),
    );
    let mut b = law(
        &book,
        "laws/xb.txt",
        "+++\nlanguage = \"en\"\nyear = 2024\nstatus = \"draft\"\n+++\nArticle 1\nEvery foreign agent <script>alert(1)</script> shall report.\n",
    );
    b.id = "xb-\"><img src=x onerror=alert(1)>".into();
    b.title = IMG_TITLE.into();
    b.jurisdiction = Some("<b>XB</b>".into());
    b.metadata.insert(
        "note".into(),
        "<a href=\"javascript:alert(1)\">x</a>".into(),
    );
    let c = law(
        &book,
        "laws/xc.txt",
        "+++\nid = \"xc-ru\"\ntitle = \"Закон об иностранных агентах\"\nlanguage = \"ru\"\n+++\nСтатья 1\nИностранный агент.\n",
    );
    report.laws = vec![a, b, c];
    report.errors = vec![
        ErrorEntry {
            file: "laws/broken.txt".into(),
            message: "not valid UTF-8 <at byte 12>".into(),
        },
        ErrorEntry {
            file: "laws/=evil.txt".into(),
            message: "@SUM(1+1) could not be read".into(),
        },
    ];
    let mut inputs: Vec<InputEntry> = report
        .laws
        .iter()
        .map(|l| InputEntry {
            file: l.file.clone(),
            sha256: l.sha256.clone(),
            encoding: Some(l.encoding.clone()),
        })
        .collect();
    inputs.push(InputEntry {
        file: "laws/broken.txt".into(),
        sha256: Some("0".repeat(64)),
        encoding: None,
    });
    inputs.push(InputEntry {
        file: "laws/=evil.txt".into(),
        sha256: None,
        encoding: None,
    });
    inputs.sort();
    report.provenance.inputs = inputs;
    report
}

// ---------------------------------------------------------------------------------------
// Snapshots of the text formats
// ---------------------------------------------------------------------------------------

#[test]
fn snapshot_comparison_md() {
    insta::assert_snapshot!("comparison.md", markdown::comparison(&fixture()));
}

#[test]
fn snapshot_briefing() {
    let r = fixture();
    insta::assert_snapshot!("briefing-xa.md", briefing::briefing(&r.laws[0], &r));
}

#[test]
fn snapshot_comparison_csv() {
    insta::assert_snapshot!("comparison.csv", csv_out::comparison(&fixture()));
}

#[test]
fn snapshot_findings_csv() {
    insta::assert_snapshot!("findings.csv", csv_out::findings(&fixture()));
}

#[test]
fn snapshot_report_json() {
    insta::assert_snapshot!("report.json", fixture().to_json());
}

#[test]
fn snapshot_report_html() {
    insta::assert_snapshot!("report.html", html::render(&fixture()));
}

// ---------------------------------------------------------------------------------------
// report.html
// ---------------------------------------------------------------------------------------

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

fn text_of(e: scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

#[test]
fn html_has_heat_maps_legends_and_a_section_per_law() {
    let r = fixture();
    let doc = Html::parse_document(&html::render(&r));

    // Every standard and every category is a column of exactly one heat-map table, each
    // table small enough to print whole, with one row per law and the law in every table.
    for (kind, labels, extra) in [
        (
            "standards",
            r.standards
                .iter()
                .map(|s| s.label.clone())
                .collect::<Vec<_>>(),
            1,
        ),
        (
            "categories",
            r.categories.iter().map(|c| c.short.clone()).collect(),
            0,
        ),
    ] {
        let tables: Vec<_> = doc.select(&sel(&format!("table.heatmap.{kind}"))).collect();
        assert!(!tables.is_empty(), "a {kind} heat map");
        let mut headers = Vec::new();
        for (t, table) in tables.iter().enumerate() {
            let th: Vec<String> = table.select(&sel("thead th")).map(text_of).collect();
            assert_eq!(th[0], "Law");
            assert!(th.len() - 1 <= html::HEATMAP_COLUMNS, "{th:?}");
            let skip = if t == 0 && extra == 1 {
                assert_eq!(th[1], "Overall");
                2
            } else {
                1
            };
            headers.extend(th[skip..].iter().cloned());
            let rows: Vec<_> = table.select(&sel("tbody tr")).collect();
            assert_eq!(rows.len(), r.laws.len(), "one heat-map row per law");
            for row in rows {
                let cells: Vec<_> = row.select(&sel("td")).collect();
                assert_eq!(cells.len(), th.len() - 1);
                for cell in cells {
                    assert!(
                        !text_of(cell).trim().is_empty(),
                        "every heat-map cell states its value in text: {}",
                        cell.html()
                    );
                    assert!(
                        cell.value()
                            .classes()
                            .any(|c| c.starts_with("v-") || c.starts_with("s-")),
                        "every heat-map cell is coloured: {}",
                        cell.html()
                    );
                }
            }
        }
        let mut want = labels.clone();
        want.sort();
        headers.sort();
        assert_eq!(headers, want, "each {kind} column once");
    }
    // The verdict and severity legends, each with a swatch per step.
    let legends: Vec<_> = doc.select(&sel("figure.legend")).collect();
    assert_eq!(legends.len(), 2);
    for l in legends {
        assert!(l.select(&sel("li svg rect")).count() >= 5);
    }

    let sections: Vec<_> = doc.select(&sel("section.law")).collect();
    assert_eq!(sections.len(), r.laws.len(), "one section per law");
    for (s, law) in sections.iter().zip(&r.laws) {
        assert_eq!(s.value().id(), Some(html::law_anchor(&law.id).as_str()));
        assert!(s.select(&sel("table.verdicts")).next().is_some());
    }
    // The restrictive law: each finding once, grouped by provision, with the standards it
    // engages as tags and the match highlighted.
    let xa = sections[0];
    let groups: Vec<String> = xa.select(&sel("h4")).map(text_of).collect();
    assert_eq!(groups, ["Art. 1(1)", "Art. 2"], "{groups:?}");
    let items: Vec<_> = xa.select(&sel("li.finding")).collect();
    assert_eq!(
        items.len(),
        r.laws[0].findings.len(),
        "one block per finding"
    );
    for (item, f) in items.iter().zip(&r.laws[0].findings) {
        let tags: Vec<String> = item.select(&sel("ul.tags li")).map(text_of).collect();
        let want: BTreeSet<&str> = f
            .standards
            .iter()
            .map(|x| x.split(':').next().unwrap_or(x))
            .filter_map(|id| r.standard(id).map(|s| s.label.as_str()))
            .collect();
        assert_eq!(
            tags.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            want
        );
    }
    let marks: Vec<String> = xa
        .select(&sel("blockquote.excerpt mark"))
        .map(text_of)
        .collect();
    assert!(marks.contains(&"foreign agent".to_string()), "{marks:?}");
    assert!(marks.contains(&"foreign funding".to_string()), "{marks:?}");
    let cite = xa
        .select(&sel("li.finding p.cite"))
        .next()
        .map(text_of)
        .expect("a finding");
    assert!(
        cite.contains("Art. 1(1)") && cite.contains("line ") && cite.contains(", column "),
        "{cite}"
    );
    // The verdicts say in words what they rest on, linking to the findings.
    let echr11 = xa
        .select(&sel("table.verdicts tbody tr"))
        .next()
        .expect("a verdict row");
    let evidence = text_of(echr11);
    assert!(
        evidence.contains("Art. 1(1): ") && evidence.contains("Foreign agent label"),
        "{evidence}"
    );

    // The errors are listed prominently, before the summary.
    let errors = doc
        .select(&sel("section#errors.errors"))
        .next()
        .expect("errors");
    assert_eq!(errors.select(&sel("tbody tr")).count(), 2);
    let html_text = html::render(&r);
    let (e, s) = (
        html_text.find("id=\"errors\"").expect("errors"),
        html_text.find("id=\"summary\"").expect("summary"),
    );
    assert!(e < s);
    // The answer comes first: the summary and the heat maps before the laws, the
    // provenance at the end.
    let first_law = html_text.find("<section class=\"law\"").expect("a law");
    let prov_at = html_text.find("id=\"provenance\"").expect("provenance");
    assert!(s < first_law && html_text.find("heatmap-standards").expect("map") < first_law);
    assert!(prov_at > html_text.rfind("<section class=\"law\"").expect("a law"));
    let caveat = html_text
        .find("class=\"caveat\"")
        .expect("caveat near the summary");
    assert!(s < caveat && caveat < first_law);

    // Provenance: tool, date, rule-set and input hashes.
    let prov = text_of(doc.select(&sel("#provenance")).next().expect("provenance"));
    assert!(prov.contains("agentlaw 0.0.0-test") && prov.contains("2026-01-15"));
    assert!(prov.contains(&r.rulesets[0].sha256));
    assert!(prov.contains(r.laws[0].sha256.as_deref().expect("hash")));

    // Appendix: every rule once; those that fired with their rationale and alternative.
    let fired: Vec<_> = doc.select(&sel("div.rule")).collect();
    let idle: Vec<_> = doc.select(&sel("table.rules tbody tr")).collect();
    assert_eq!(fired.len() + idle.len(), r.rules.len());
    let label = fired
        .iter()
        .find(|d| text_of(**d).contains("T-LABEL-1"))
        .expect("the label rule fired");
    assert!(text_of(*label).contains("Use a neutral register entry."));
    assert!(text_of(*label).contains("The label suggests disloyalty <b>and</b> deters donors."));

    // Every internal link has a target; there are no others.
    let ids: BTreeSet<String> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().id().map(str::to_string))
        .collect();
    for a in doc.select(&sel("a")) {
        let href = a.value().attr("href").expect("links have an href");
        let target = href.strip_prefix('#').expect("only links within the page");
        assert!(ids.contains(target), "dangling link {href}");
    }
}

#[test]
fn html_renders_hostile_input_as_text() {
    let r = fixture();
    let page = html::render(&r);
    let doc = Html::parse_document(&page);
    assert_eq!(doc.select(&sel("script")).count(), 0, "no script element");
    assert_eq!(doc.select(&sel("img")).count(), 0, "no img element");
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "event handler attribute {name} on <{}>",
                e.value().name()
            );
            assert!(!value.contains("javascript:"), "{name}={value}");
        }
        assert!(
            !matches!(
                e.value().name(),
                "link" | "iframe" | "object" | "embed" | "base"
            ),
            "<{}> element",
            e.value().name()
        );
        assert!(e.value().attr("src").is_none(), "src attribute");
    }
    // The hostile titles are there, as text.
    let headings: Vec<String> = doc.select(&sel("section.law h2")).map(text_of).collect();
    assert_eq!(headings[0], SCRIPT_TITLE);
    assert_eq!(headings[1], IMG_TITLE);
    let body = text_of(doc.select(&sel("body")).next().expect("body"));
    assert!(body.contains("<script>alert(1)</script> shall report"));
    assert!(body.contains("<a href=\"javascript:alert(1)\">x</a>"));
    // Nothing is loaded from anywhere.
    let style = text_of(doc.select(&sel("style")).next().expect("style"));
    assert!(!style.contains("url(") && !style.contains("@import"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .expect("a content security policy");
    assert!(csp.starts_with("default-src 'none'"));
}

#[test]
fn html_has_print_css() {
    let page = html::render(&fixture());
    let print = &page[page.find("@media print").expect("print CSS")..];
    assert!(print.contains("section.law") && print.contains("break-before: page"));
    // Print hides only the navigation: no table column or appendix field disappears.
    let end = print.find("</style>").unwrap_or(print.len());
    let hidden: Vec<&str> = print[..end]
        .lines()
        .filter(|l| l.contains("display: none"))
        .collect();
    assert_eq!(hidden, ["  nav.toc { display: none; }"]);
    assert!(print.contains("table.heatmap { table-layout: fixed;"));
}

#[test]
fn html_title_and_organisation_lead_the_page() {
    let mut r = fixture();
    r.title = Some("Foreign agent laws in <Region>".into());
    r.organisation = Some("Civic Monitor & Co".into());
    let page = html::render(&r);
    let doc = Html::parse_document(&page);
    let h1 = doc.select(&sel("h1")).next().map(text_of);
    assert_eq!(h1.as_deref(), Some("Foreign agent laws in <Region>"));
    assert!(page.contains("<title>Foreign agent laws in &lt;Region&gt;</title>"));
    assert!(page.contains("<p class=\"org\">Civic Monitor &amp; Co</p>"));
    // Without a date, the page does not say "Date: not recorded".
    r.provenance.date = None;
    assert!(!html::render(&r).contains("<dt>Date</dt>"));
}

// ---------------------------------------------------------------------------------------
// report.xlsx
// ---------------------------------------------------------------------------------------

fn workbook(report: &Report) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = xlsx::render(report).expect("the workbook renders");
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
        .rows()
        .map(<[Data]>::to_vec)
        .collect()
}

fn s(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected a string cell, got {other:?}"),
    }
}

/// A fine of EUR 10,000 read from Art. 2 (the test rule book has no profile
/// specification, so the fixture's profiles are empty).
fn a_fine() -> agentlaw::profile::Field<agentlaw::profile::MaxFine> {
    agentlaw::profile::Field {
        value: agentlaw::profile::MaxFine {
            amount: 10_000.0,
            currency: Some("EUR".into()),
            eur: Some(10_000.0),
            wage_months: Some(24.4),
            per: None,
        },
        provision: Some("Art. 2".into()),
        line: Some(12),
        text: "A fine of up to 10 000 EUR".into(),
    }
}

#[test]
fn xlsx_reads_back() {
    let mut r = fixture();
    r.laws[0].profile.max_fine = Some(a_fine());
    let mut wb = workbook(&r);
    assert_eq!(wb.sheet_names(), xlsx::SHEETS.map(String::from).to_vec());

    let cmp = sheet(&mut wb, "Comparison");
    let header: Vec<String> = cmp[0].iter().map(s).collect();
    // Standards right after the law, file and hash at the end.
    assert_eq!(
        header,
        [
            "Law",
            "Overall",
            "ECHR 11",
            "ICCPR 22",
            "Findings",
            "Title",
            "Jurisdiction",
            "Year",
            "Status",
            "Language",
            "File",
            "SHA-256"
        ]
    );
    assert_eq!(cmp.len(), 1 + r.laws.len());
    assert_eq!(s(&cmp[1][0]), "xa-agents-2023");
    assert_eq!(s(&cmp[1][5]), SCRIPT_TITLE);
    assert_eq!(cmp[1][7], Data::Float(2023.0));
    assert_eq!(s(&cmp[1][1]), "serious");
    assert_eq!(s(&cmp[3][1]), "not assessed");

    let cats = sheet(&mut wb, "Categories");
    let header: Vec<String> = cats[0].iter().map(s).collect();
    assert_eq!(
        header,
        [
            "Law",
            "label",
            "label findings",
            "scope",
            "scope findings",
            "fines",
            "fines findings"
        ]
    );
    assert_eq!(s(&cats[1][1]), "high");
    assert_eq!(cats[1][2], Data::Float(1.0));

    // Profiles: a row per law, value and provision per parameter, then numbers.
    let profiles = sheet(&mut wb, "Profiles");
    let header: Vec<String> = profiles[0].iter().map(s).collect();
    assert_eq!(
        &header[..3],
        ["Law", "Funding threshold", "Funding threshold — provision"]
    );
    assert_eq!(profiles.len(), 1 + r.laws.len(), "one row per law");
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let fine = &profiles[1][col("Highest fine (amount)")];
    assert_eq!(
        *fine,
        Data::Float(
            r.laws[0]
                .profile
                .max_fine
                .as_ref()
                .expect("a fine")
                .value
                .amount
        )
    );
    assert_eq!(s(&profiles[1][col("Currency")]), "EUR");
    for name in [
        "Threshold (%)",
        "Registration deadline (days)",
        "Reports per year",
        "Highest fine (EUR)",
        "Highest fine (months of wages)",
        "Longest prison term (years)",
    ] {
        let c = col(name);
        assert!(
            profiles[1..]
                .iter()
                .all(|row| matches!(row.get(c), Some(Data::Float(_) | Data::Empty) | None)),
            "{name} holds numbers only"
        );
    }

    let findings = sheet(&mut wb, "Findings");
    let header: Vec<String> = findings[0].iter().map(s).collect();
    assert_eq!(&header[..5], ["Law", "Provision", "Line", "Column", "Rule"]);
    let total: usize = r.laws.iter().map(|l| l.findings.len()).sum();
    assert_eq!(findings.len(), 1 + total);
    let f = &r.laws[0].findings[0];
    let row = &findings[1];
    assert_eq!(s(&row[0]), "xa-agents-2023");
    assert_eq!(s(&row[1]), f.provision);
    assert_eq!(row[2], Data::Float(f.line as f64));
    assert_eq!(row[3], Data::Float(f.column as f64));
    assert_eq!(s(&row[4]), f.rule);
    assert_eq!(s(&row[11]), f.excerpt);

    let errors = sheet(&mut wb, "Errors");
    assert_eq!(
        errors[0].iter().map(s).collect::<Vec<_>>(),
        ["File", "Reason", "SHA-256"]
    );
    assert_eq!(errors.len(), 3);
    assert_eq!(s(&errors[1][0]), "laws/broken.txt");
    assert_eq!(s(&errors[1][1]), "not valid UTF-8 <at byte 12>");
    assert_eq!(s(&errors[1][2]), "0".repeat(64));
    // Formula-looking cells read back as the literal strings, and no formula exists.
    assert_eq!(s(&errors[2][0]), "laws/=evil.txt");
    assert_eq!(s(&errors[2][1]), "@SUM(1+1) could not be read");

    let prov = sheet(&mut wb, "Provenance");
    let flat: Vec<String> = prov.iter().flatten().map(s).collect();
    assert!(flat.contains(&r.rulesets[0].sha256));
    assert!(flat.contains(&"2026-01-15".to_string()));

    for name in xlsx::SHEETS {
        let formulas = wb.worksheet_formula(name).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula in {name}"
        );
    }
}

#[test]
fn xlsx_is_deterministic() {
    let r = fixture();
    let a = xlsx::render(&r).expect("renders");
    let b = xlsx::render(&r).expect("renders");
    assert!(a == b, "two renders of the same report differ");
    let mut undated = r.clone();
    undated.provenance.date = None;
    assert!(xlsx::render(&undated).expect("renders") == xlsx::render(&undated).expect("renders"));
}

#[test]
fn html_is_deterministic() {
    let r = fixture();
    assert_eq!(html::render(&r), html::render(&r));
}

// ---------------------------------------------------------------------------------------
// CSV and XLSX injection: one test per dangerous first character
// ---------------------------------------------------------------------------------------

/// A report whose first law has the title `payload` and whose first finding's excerpt and
/// matched text are `payload`.
fn injected(payload: &str) -> Report {
    let mut r = fixture();
    r.laws[0].title = payload.to_string();
    r.laws[0].findings[0].excerpt = payload.to_string();
    r.laws[0].findings[0].text = payload.to_string();
    r
}

fn check_injection(payload: &str) {
    let r = injected(payload);
    let quoted = format!("'{payload}");

    let cmp = csv_out::comparison(&r);
    let mut rd = csv::Reader::from_reader(cmp.as_bytes());
    let title_col = rd
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "title")
        .expect("title column");
    let first = rd.records().next().expect("a row").expect("valid CSV");
    assert_eq!(&first[title_col], quoted, "comparison.csv title");

    let findings = csv_out::findings(&r);
    let mut rd = csv::Reader::from_reader(findings.as_bytes());
    let headers = rd.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let first = rd.records().next().expect("a row").expect("valid CSV");
    assert_eq!(&first[col("excerpt")], quoted, "findings.csv excerpt");
    assert_eq!(&first[col("text")], quoted, "findings.csv text");

    let mut wb = workbook(&r);
    let cmp = sheet(&mut wb, "Comparison");
    let title = cmp[0]
        .iter()
        .position(|h| s(h) == "Title")
        .expect("a Title column");
    assert_eq!(
        s(&cmp[1][title]),
        payload,
        "the XLSX keeps the literal string"
    );
    let rows = sheet(&mut wb, "Findings");
    assert_eq!(s(&rows[1][10]), payload);
    assert_eq!(s(&rows[1][11]), payload);
    for name in ["Comparison", "Findings"] {
        let formulas = wb.worksheet_formula(name).expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }
}

#[test]
fn injection_equals() {
    check_injection("=HYPERLINK(\"http://example.invalid\",\"click\")");
}

#[test]
fn injection_plus() {
    check_injection("+1+cmd|' /C calc'!A0");
}

#[test]
fn injection_minus() {
    check_injection("-2+3");
}

#[test]
fn injection_at() {
    check_injection("@SUM(1,1)");
}

#[test]
fn injection_tab() {
    check_injection("\t=1+1");
}

#[test]
fn injection_carriage_return() {
    check_injection("\r=1+1");
}

// ---------------------------------------------------------------------------------------
// Writing: formats, --excel, provenance columns, determinism of the files
// ---------------------------------------------------------------------------------------

#[test]
fn formats_parse_and_all_includes_html_and_xlsx() {
    assert_eq!(Format::parse("HTML"), Some(Format::Html));
    assert_eq!(Format::parse(" xlsx "), Some(Format::Xlsx));
    assert_eq!(Format::parse("pdf"), None);
    assert!(Format::ALL.contains(&Format::Html) && Format::ALL.contains(&Format::Xlsx));
}

fn write_all(dir: &Path, excel: bool) -> Vec<std::path::PathBuf> {
    let formats: BTreeSet<Format> = Format::ALL.into_iter().collect();
    write_outputs_with(&fixture(), dir, &formats, &WriteOptions { excel }).expect("written")
}

#[test]
fn excel_option_adds_a_bom_to_the_csv_files_only() {
    const BOM: &[u8] = &[0xef, 0xbb, 0xbf];
    let plain = tempfile::tempdir().expect("tempdir");
    let excel = tempfile::tempdir().expect("tempdir");
    write_all(plain.path(), false);
    write_all(excel.path(), true);
    for f in ["comparison.csv", "findings.csv"] {
        let p = std::fs::read(plain.path().join(f)).expect("read");
        let e = std::fs::read(excel.path().join(f)).expect("read");
        assert!(!p.starts_with(BOM), "{f} without --excel");
        assert!(e.starts_with(BOM), "{f} with --excel");
        assert_eq!(&e[3..], &p[..], "{f}: only the BOM differs");
    }
    for f in ["comparison.md", "report.json", "report.html"] {
        let e = std::fs::read(excel.path().join(f)).expect("read");
        assert!(!e.starts_with(BOM), "{f}");
    }
}

#[test]
fn every_file_is_written_and_identical_across_runs() {
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    let written = write_all(one.path(), false);
    write_all(two.path(), false);
    let names: Vec<String> = written
        .iter()
        .map(|p| {
            p.strip_prefix(one.path())
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    for f in [
        "comparison.md",
        "comparison.csv",
        "findings.csv",
        "report.json",
        "report.html",
        "report.xlsx",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} written: {names:?}");
    }
    for n in &names {
        let a = std::fs::read(one.path().join(n)).expect("read");
        let b = std::fs::read(two.path().join(n)).expect("read");
        assert!(a == b, "{n} differs between two runs");
    }
    let leftovers: Vec<_> = std::fs::read_dir(one.path())
        .expect("dir")
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.contains(".tmp-") || n.contains(".part-")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn csv_files_carry_provenance() {
    let r = fixture();
    let generated_by = r.provenance.generated_by();
    assert!(
        generated_by
            .starts_with("agentlaw 0.0.0-test; date 2026-01-15; 1 rule sets, rule book sha256:")
    );
    assert!(generated_by.contains(&r.provenance.rulebook_hash()[..16]));
    for text in [csv_out::comparison(&r), csv_out::findings(&r)] {
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let headers = rd.headers().expect("header").clone();
        let n = headers.len();
        assert_eq!(&headers[n - 2], "sha256");
        assert_eq!(&headers[n - 1], "generated_by");
        for rec in rd.records() {
            let rec = rec.expect("row");
            assert_eq!(&rec[n - 1], generated_by);
        }
    }
    // The law rows carry their input's hash, the error rows theirs when known.
    let text = csv_out::comparison(&r);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<_> = rd.records().map(|x| x.expect("row")).collect();
    let n = rows[0].len();
    assert_eq!(Some(&rows[0][n - 2]), r.laws[0].sha256.as_deref());
    let broken = rows
        .iter()
        .find(|x| &x[1] == "laws/broken.txt")
        .expect("error row");
    assert_eq!(&broken[n - 2], "0".repeat(64));
    // Markdown and briefings state the provenance too.
    let md = markdown::comparison(&r);
    assert!(md.contains(&r.rulesets[0].sha256) && md.contains("on 2026-01-15"));
    let b = briefing::briefing(&r.laws[0], &r);
    assert!(b.contains(&r.rulesets[0].sha256));
    assert!(b.contains(r.laws[0].sha256.as_deref().expect("hash")));
}

#[test]
fn an_empty_report_renders_in_every_format() {
    let r = Report::new(&book());
    let doc = Html::parse_document(&html::render(&r));
    assert_eq!(doc.select(&sel("section.law")).count(), 0);
    assert_eq!(doc.select(&sel("section#errors")).count(), 0);
    assert!(doc.select(&sel("table.heatmap.standards")).next().is_some());
    let mut wb = workbook(&r);
    for name in xlsx::SHEETS {
        assert!(!sheet(&mut wb, name).is_empty(), "{name} has its header");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let formats: BTreeSet<Format> = Format::ALL.into_iter().collect();
    write_outputs_with(&r, dir.path(), &formats, &WriteOptions::default()).expect("written");
}

#[test]
fn streamed_files_equal_the_in_memory_renderings() {
    // write_outputs_with streams the laws through ReportWriter, which writes report.json,
    // report.html and findings.csv in parts; the result must be the whole-report rendering.
    let mut r = fixture();
    r.errors.sort(); // analyze sorts them; the hand-built fixture does not
    let dir = tempfile::tempdir().expect("tempdir");
    let formats: BTreeSet<Format> = Format::ALL.into_iter().collect();
    write_outputs_with(&r, dir.path(), &formats, &WriteOptions::default()).expect("write");
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).expect(n);
    assert!(
        read("report.json") == r.to_json(),
        "streamed report.json differs"
    );
    assert!(
        read("report.html") == agentlaw::report::html::render(&r),
        "streamed report.html differs"
    );
    assert!(
        read("findings.csv") == csv_out::findings(&r),
        "streamed findings.csv differs"
    );
    let mut empty = r.clone();
    empty.laws.clear();
    let dir2 = tempfile::tempdir().expect("tempdir");
    write_outputs_with(&empty, dir2.path(), &formats, &WriteOptions::default()).expect("write");
    assert!(
        std::fs::read_to_string(dir2.path().join("report.json")).expect("json") == empty.to_json()
    );
}

#[test]
fn rules_doc_html_has_a_section_per_rule_and_escapes_rule_text() {
    // The embedded library: one section per rule, each with the five headings, and a table
    // of contents whose links all land.
    let embedded = RuleBook::embedded().expect("embedded rules compile");
    let page = agentlaw::report::rules_doc::html(&embedded);
    let doc = Html::parse_document(&page);
    let sections: Vec<_> = doc.select(&sel("section.rule")).collect();
    assert_eq!(sections.len(), embedded.rules.len());
    for s in &sections {
        let heads: Vec<String> = s.select(&sel("dt")).map(text_of).collect();
        for h in [
            "What it finds",
            "Why it matters",
            "Examples it flags",
            "Examples it does not flag",
            "Standards",
        ] {
            assert!(heads.iter().any(|x| x == h), "{heads:?}");
        }
        assert!(s.select(&sel("blockquote.flag")).count() >= 1);
        assert!(s.select(&sel("blockquote.ok")).count() >= 1);
    }
    let ids: BTreeSet<String> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().id().map(str::to_string))
        .collect();
    assert!(ids.contains("rule-VW001"));
    for a in doc.select(&sel("a")) {
        let href = a.value().attr("href").expect("href");
        assert!(
            ids.contains(href.trim_start_matches('#')),
            "dangling link {href}"
        );
    }
    assert!(
        doc.select(&sel("script, img, link, iframe"))
            .next()
            .is_none()
    );

    // Rule files are untrusted: markup in a title, a rationale or an example stays text.
    let hostile = RULES.replace(
        "title = \"Any foreign funding\"",
        &format!("title = {SCRIPT_TITLE:?}"),
    );
    assert_ne!(hostile, RULES);
    let book = RuleBook::compile(vec![
        src("test/standards.toml", STANDARDS),
        src("test/categories.toml", CATEGORIES),
        src("test/rules-en.toml", &hostile),
    ])
    .expect("compiles");
    let page = agentlaw::report::rules_doc::html(&book);
    let doc = Html::parse_document(&page);
    // The test rules' rationale holds `<b>and</b>`, and one title a script element.
    assert!(
        doc.select(&sel("script, img, b")).next().is_none(),
        "{page}"
    );
    assert!(
        doc.select(&sel("section.rule h3"))
            .any(|h| text_of(h).contains("<script>alert(1)</script>"))
    );
    assert!(text_of(doc.root_element()).contains("<b>and</b>"));
}

#[test]
fn profiles_csv_has_numeric_columns_and_provenance() {
    let mut r = fixture();
    r.laws[0].profile.max_fine = Some(a_fine());
    let text = agentlaw::report::profiles::csv(&r);
    let mut rd = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    for c in [
        "threshold_percent",
        "deadline_days",
        "reports_per_year",
        "max_fine_amount",
        "max_fine_eur",
        "max_fine_wage_months",
        "prison_years",
        "sha256",
        "generated_by",
    ] {
        assert!(header.iter().any(|h| h == c), "column {c} in {header:?}");
    }
    let rows: Vec<::csv::StringRecord> = rd.records().map(|x| x.expect("a row")).collect();
    assert_eq!(rows.len(), r.laws.len());
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    for (row, law) in rows.iter().zip(&r.laws) {
        for c in [
            "threshold_percent",
            "deadline_days",
            "reports_per_year",
            "max_fine_amount",
            "max_fine_eur",
            "max_fine_wage_months",
            "prison_years",
        ] {
            let v = &row[at(c)];
            assert!(
                v.is_empty() || v.parse::<f64>().is_ok(),
                "{c} = {v:?} is a number or empty"
            );
        }
        assert_eq!(&row[at("sha256")], law.sha256.as_deref().unwrap_or(""));
        assert_eq!(&row[at("generated_by")], r.provenance.generated_by());
    }
    assert_eq!(&rows[0][at("max_fine_amount")], "10000");
}

#[test]
fn terminal_tables_fit_and_piped_output_is_plain() {
    use agentlaw::report::terminal::{Layout, render_layout};
    let r = fixture();
    for w in [80u16, 120] {
        let t = render_layout(&r, Layout::Terminal(w), false);
        for line in t.lines() {
            assert!(line.chars().count() <= usize::from(w), "{w}: {line}");
        }
        for law in &r.laws {
            assert!(t.contains(&law.id), "{w}: the whole id {} is shown", law.id);
        }
    }
    let plain = render_layout(&r, Layout::Plain(None), false);
    assert!(!plain.contains('│') && !plain.contains('┌'), "{plain}");
    let tsv = render_layout(&r, Layout::Tsv, false);
    assert!(
        tsv.lines()
            .next()
            .is_some_and(|l| l.starts_with("Law\tOverall\t"))
    );
    // One spelling per verdict: the terminal uses the labels of the HTML report.
    assert!(plain.contains("not assessed") && !plain.contains("n/a"));
}

#[test]
fn a_title_gloss_is_shown_beside_a_title_in_another_language() {
    let mut r = fixture();
    r.laws[2]
        .metadata
        .insert("title_en".into(), "Law on foreign agents".into());
    // An English law's gloss key is ignored (there is nothing to gloss).
    r.laws[0]
        .metadata
        .insert("title_en".into(), "Should not show".into());
    let page = html::render(&r);
    let doc = Html::parse_document(&page);
    let glosses: Vec<String> = doc.select(&sel(".gloss")).map(text_of).collect();
    assert_eq!(glosses, ["Law on foreign agents", "Law on foreign agents"]);
    let b = briefing::briefing(&r.laws[2], &r);
    assert!(b.contains("*Law on foreign agents*"), "{b}");
    assert!(
        !page.contains("Title en"),
        "the gloss key is not listed as metadata"
    );
}
