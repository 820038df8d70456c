//! Regional instruments: which standards bind which state, the `not-applicable` verdict in
//! every output format, equivalent standards across instruments, and the comparison's
//! columns as the union across regions.
//!
//! The rule book is compiled here from a small catalogue with two regional instruments
//! (a European and an American one) and fictional states, so these tests do not depend on
//! the data in `rules/`.

use std::io::Cursor;
use std::path::Path;

use agentlaw::analyze::analyze_law;
use agentlaw::assess::Verdict;
use agentlaw::assess::applicability::Applies;
use agentlaw::load::Loader;
use agentlaw::report::{LawReport, Report, briefing, csv as csv_out, html, markdown, xlsx};
use agentlaw::rules::{RuleBook, RuleSource};
use calamine::{Data, Reader, Xlsx};
use scraper::{Html, Selector};

const CATALOGUE: &str = r#"
[[standard]]
id = "echr-8"
instrument = "European Convention on Human Rights"
short = "ECHR"
article = "Art. 8"
title = "Private life"
principle = "p"
categories = ["privacy-intrusion"]

[[standard]]
id = "echr-11"
headline = true
instrument = "European Convention on Human Rights"
short = "ECHR"
article = "Art. 11"
title = "Association"
principle = "p"
categories = ["stigmatising-label", "privacy-intrusion"]

[[standard.limb]]
id = "lawfulness"
title = "Prescribed by law"
principle = "p"

[[standard.limb]]
id = "necessity"
title = "Necessary"
principle = "p"

[[standard]]
id = "achr-16"
headline = true
instrument = "American Convention on Human Rights"
short = "ACHR"
article = "Art. 16"
title = "Association"
principle = "p"
categories = ["stigmatising-label"]
equivalent = ["echr-11"]

[[standard.limb]]
id = "necessity"
title = "Necessary"
principle = "p"

[[standard]]
id = "iccpr-22"
headline = true
instrument = "International Covenant on Civil and Political Rights"
short = "ICCPR"
article = "Art. 22"
title = "Association"
principle = "p"
categories = ["stigmatising-label", "privacy-intrusion"]

[[instrument]]
id = "iccpr"
name = "International Covenant on Civil and Political Rights"
short = "ICCPR"
scope = "universal"

[[instrument]]
id = "echr"
name = "European Convention on Human Rights"
short = "ECHR"
scope = "regional"
in_force = "1953-09-03"
parties = [
  { state = "XA", from = "1990-01-01" },
  { state = "XR", from = "1998-05-05", until = "2022-09-16", note = "expelled" },
]
non_parties = [{ state = "XU", note = "not a member" }]

[[instrument]]
id = "achr"
name = "American Convention on Human Rights"
short = "ACHR"
scope = "regional"
in_force = "1978-07-18"
parties = [
  { state = "XI", from = "1970-01-01" },
  { state = "XV", from = "1977-08-09", until = "2013-09-10", note = "denounced" },
]
"#;

const CATEGORIES: &str = r#"
[[category]]
id = "stigmatising-label"
short = "label"
title = "Stigmatising label"
description = "d"

[[category]]
id = "privacy-intrusion"
short = "privacy"
title = "Privacy"
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
standards = ["echr-11:necessity", "iccpr-22"]
rationale = "r"
message = "Imposes the label."
terms = ["foreign agent"]
examples.flag = ["register as a foreign agent"]
examples.ok = ["register as a charity"]

[[rule]]
id = "T-PRIV-1"
title = "Donor lists published"
category = "privacy-intrusion"
severity = "medium"
standards = ["echr-8"]
rationale = "r"
message = "Publishes donors' names."
terms = ["names of its donors"]
examples.flag = ["shall publish the names of its donors"]
examples.ok = ["shall publish its accounts"]
"#;

fn src(name: &str, text: &str) -> RuleSource {
    RuleSource {
        name: name.into(),
        text: text.into(),
    }
}

fn book_with(catalogue: &str) -> Result<RuleBook, agentlaw::rules::RuleErrors> {
    RuleBook::compile(vec![
        src("test/standards.toml", catalogue),
        src("test/categories.toml", CATEGORIES),
        src("test/rules-en.toml", RULES),
    ])
}

fn book() -> RuleBook {
    book_with(CATALOGUE).expect("the test rule book compiles")
}

const BODY: &str = "Article 1\n1. An organisation funded from abroad shall register as a foreign agent.\n2. It shall publish the names of its donors.\n";

fn law(book: &RuleBook, id: &str, front: &str) -> LawReport {
    let text = format!("+++\nid = \"{id}\"\nlanguage = \"en\"\n{front}+++\n{BODY}");
    let law = Loader::default()
        .load_text(Path::new(&format!("laws/{id}.txt")), text, None)
        .expect("the test law loads");
    analyze_law(book, &law)
}

fn verdict(l: &LawReport, standard: &str) -> Verdict {
    l.verdict(standard).expect("assessed").verdict
}

fn status<'a>(
    l: &'a LawReport,
    instrument: &str,
) -> &'a agentlaw::assess::applicability::InstrumentStatus {
    l.applicability
        .iter()
        .find(|i| i.instrument == instrument)
        .expect("instrument listed")
}

/// A European law (XA) and an American one (XI), side by side.
fn report() -> Report {
    let book = book();
    let mut r = Report::new(&book);
    r.laws = vec![
        law(
            &book,
            "xa-2023",
            "jurisdiction = \"XA\"\nyear = 2023\nstatus = \"in-force\"\n",
        ),
        law(
            &book,
            "xi-2023",
            "jurisdiction = \"XI\"\nyear = 2023\nstatus = \"in-force\"\n",
        ),
    ];
    r
}

#[test]
fn the_state_decides_which_regional_standards_bind() {
    let r = report();
    let (xa, xi) = (&r.laws[0], &r.laws[1]);
    assert_eq!(verdict(xa, "echr-11"), Verdict::Serious);
    assert_eq!(verdict(xa, "achr-16"), Verdict::NotApplicable);
    assert_eq!(verdict(xi, "echr-11"), Verdict::NotApplicable);
    assert_eq!(verdict(xi, "echr-8"), Verdict::NotApplicable);
    assert_eq!(verdict(xi, "achr-16"), Verdict::Serious);
    for l in [xa, xi] {
        assert_eq!(
            verdict(l, "iccpr-22"),
            Verdict::Serious,
            "universal: {}",
            l.id
        );
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    }
    // Not applicable counts nothing and never reads as "no concern".
    let na = xi.verdict("echr-11").expect("assessed");
    assert_eq!((na.findings, na.evidence.len()), (0, 0));
    assert_eq!(status(xa, "achr").applies, Applies::No);
    assert_eq!(status(xi, "achr").applies, Applies::Yes);
    assert_eq!(status(xi, "iccpr").applies, Applies::Yes);
}

#[test]
fn an_equivalent_standard_is_engaged_limb_for_limb_where_it_binds() {
    let r = report();
    let (xa, xi) = (&r.laws[0], &r.laws[1]);
    let label = |l: &LawReport| {
        l.findings
            .iter()
            .find(|f| f.rule == "T-LABEL-1")
            .expect("the label rule fires")
            .standards
            .clone()
    };
    assert_eq!(label(xa), ["echr-11:necessity", "iccpr-22"]);
    assert_eq!(
        label(xi),
        ["echr-11:necessity", "iccpr-22", "achr-16:necessity"]
    );
    assert_eq!(
        xi.verdict("achr-16").expect("assessed").limbs,
        ["necessity"]
    );
    // achr-16 does not cover privacy, so the privacy finding does not reach it through
    // echr-8 (not equivalent) nor through echr-11 (not cited).
    let privacy = xi
        .findings
        .iter()
        .find(|f| f.rule == "T-PRIV-1")
        .expect("the privacy rule fires");
    assert_eq!(privacy.standards, ["echr-8"]);
}

#[test]
fn equivalence_works_in_both_directions() {
    // A rule citing only the American standard engages the European one for a European law.
    let rules = RULES.replace(
        "\"echr-11:necessity\", \"iccpr-22\"",
        "\"achr-16:necessity\"",
    );
    let book = RuleBook::compile(vec![
        src("test/standards.toml", CATALOGUE),
        src("test/categories.toml", CATEGORIES),
        src("test/rules-en.toml", &rules),
    ])
    .expect("compiles");
    let xa = law(&book, "xa", "jurisdiction = \"XA\"\nyear = 2023\n");
    assert_eq!(verdict(&xa, "achr-16"), Verdict::NotApplicable);
    assert_eq!(verdict(&xa, "echr-11"), Verdict::Serious);
    assert_eq!(
        xa.verdict("echr-11").expect("assessed").limbs,
        ["necessity"]
    );
}

#[test]
fn dates_decide_for_denunciations_and_expulsions() {
    let book = book();
    // Bound in the law's year.
    let xr2012 = law(
        &book,
        "xr-2012",
        "jurisdiction = \"XR\"\nyear = 2012\nstatus = \"in-force\"\n",
    );
    assert_eq!(verdict(&xr2012, "echr-11"), Verdict::Serious);
    let xr2022 = law(
        &book,
        "xr-2022",
        "jurisdiction = \"XR\"\nyear = 2022\nstatus = \"in-force\"\n",
    );
    assert_eq!(
        verdict(&xr2022, "echr-11"),
        Verdict::Serious,
        "bound until September 2022"
    );
    // No longer bound.
    let xr2024 = law(
        &book,
        "xr-2024",
        "jurisdiction = \"XR\"\nyear = 2024\nstatus = \"draft\"\n",
    );
    assert_eq!(verdict(&xr2024, "echr-11"), Verdict::NotApplicable);
    assert!(
        status(&xr2024, "echr")
            .basis
            .contains("ceased to be bound on 2022-09-16"),
        "{}",
        status(&xr2024, "echr").basis
    );
    let xv = law(
        &book,
        "xv-2024",
        "jurisdiction = \"XV\"\nyear = 2024\nstatus = \"in-force\"\n",
    );
    assert_eq!(verdict(&xv, "achr-16"), Verdict::NotApplicable);
    assert_eq!(verdict(&xv, "echr-11"), Verdict::NotApplicable);
    assert_eq!(verdict(&xv, "iccpr-22"), Verdict::Serious);
    // Without a year: today's bindings.
    let xr = law(&book, "xr", "jurisdiction = \"XR\"\n");
    assert_eq!(verdict(&xr, "echr-11"), Verdict::NotApplicable);
    // A law adopted before the state joined but still in force is measured against the
    // instrument; a repealed one is not.
    let xi1960 = law(
        &book,
        "xi-1960",
        "jurisdiction = \"XI\"\nyear = 1960\nstatus = \"in-force\"\n",
    );
    assert_eq!(verdict(&xi1960, "achr-16"), Verdict::Serious);
    let xi1960r = law(
        &book,
        "xi-1960r",
        "jurisdiction = \"XI\"\nyear = 1960\nstatus = \"repealed\"\n",
    );
    assert_eq!(verdict(&xi1960r, "achr-16"), Verdict::NotApplicable);
    // A known non-party of one instrument is known: the other does not apply either.
    let xu = law(&book, "xu", "jurisdiction = \"XU\"\nyear = 2020\n");
    assert_eq!(verdict(&xu, "echr-11"), Verdict::NotApplicable);
    assert_eq!(verdict(&xu, "achr-16"), Verdict::NotApplicable);
    assert!(xu.warnings.is_empty());
    // A subdivision counts as its country.
    let sub = law(&book, "xa-sub", "jurisdiction = \"XA-N\"\nyear = 2020\n");
    assert_eq!(verdict(&sub, "echr-11"), Verdict::Serious);
    assert_eq!(verdict(&sub, "achr-16"), Verdict::NotApplicable);
}

#[test]
fn an_unknown_or_missing_jurisdiction_is_assessed_everywhere_with_a_warning() {
    let book = book();
    for (id, front, says) in [
        (
            "zz",
            "jurisdiction = \"ZZ\"\nyear = 2020\n",
            "`ZZ` is not in",
        ),
        ("none", "year = 2020\n", "no jurisdiction given"),
    ] {
        let l = law(&book, id, front);
        assert_eq!(verdict(&l, "echr-11"), Verdict::Serious, "{id}");
        assert_eq!(verdict(&l, "achr-16"), Verdict::Serious, "{id}");
        assert!(
            l.warnings
                .iter()
                .any(|w| w.contains(says) && w.contains("ECHR, ACHR")),
            "{id}: {:?}",
            l.warnings
        );
        assert_eq!(status(&l, "echr").applies, Applies::Assumed);
    }
}

/// The cells of the Markdown table whose header starts with `| Law |`, by column label.
fn md_cell(md: &str, law: &str, column: &str) -> String {
    let mut lines = md
        .lines()
        .skip_while(|l| !l.starts_with("| Law | Jurisdiction"));
    let header: Vec<&str> = lines.next().expect("a table").split(" | ").collect();
    let col = header
        .iter()
        .position(|h| h.trim_matches(['|', ' ']) == column)
        .unwrap_or_else(|| panic!("column {column} in {header:?}"));
    let row = lines
        .find(|l| l.starts_with(&format!("| `{law}`")))
        .expect("the law's row");
    row.split(" | ")
        .nth(col)
        .expect("cell")
        .trim_matches(['|', ' '])
        .to_string()
}

#[test]
fn comparison_md_reads_not_applicable_across_regions() {
    let md = markdown::comparison(&report());
    assert_eq!(md_cell(&md, "xa-2023", "ACHR 16"), "not applicable");
    assert_eq!(md_cell(&md, "xi-2023", "ECHR 11"), "not applicable");
    assert_eq!(md_cell(&md, "xa-2023", "ECHR 11"), "serious (1)");
    assert_eq!(md_cell(&md, "xi-2023", "ACHR 16"), "serious (1)");
    assert_eq!(md_cell(&md, "xi-2023", "ICCPR 22"), "serious (1)");
    assert!(
        md.contains("**not applicable** (`not-applicable`)"),
        "legend"
    );
}

#[test]
fn the_columns_are_the_union_of_the_standards_that_bind_some_law() {
    let mut r = report();
    r.laws.truncate(1);
    let csv = csv_out::comparison(&r);
    let header = csv.lines().next().expect("header");
    assert!(
        header.contains("echr-11") && !header.contains("achr-16"),
        "{header}"
    );
    let md = markdown::comparison(&r);
    assert!(!md.contains("ACHR 16 |"), "{md}");
    // Both regions: both columns.
    let csv = csv_out::comparison(&report());
    let header = csv.lines().next().expect("header");
    assert!(
        header.contains("echr-11") && header.contains("achr-16"),
        "{header}"
    );
}

#[test]
fn report_json_has_the_verdict_and_the_applicability() {
    let json: serde_json::Value =
        serde_json::from_str(&report().to_json()).expect("report.json parses");
    let laws = json["laws"].as_array().expect("laws");
    let find = |l: &serde_json::Value, s: &str| {
        l["assessment"]
            .as_array()
            .expect("assessment")
            .iter()
            .find(|a| a["standard"] == s)
            .expect("standard")
            .clone()
    };
    assert_eq!(find(&laws[0], "achr-16")["verdict"], "not-applicable");
    assert_eq!(find(&laws[0], "achr-16")["findings"], 0);
    assert_eq!(find(&laws[1], "echr-11")["verdict"], "not-applicable");
    assert_eq!(find(&laws[1], "achr-16")["verdict"], "serious");
    let achr = laws[0]["applicability"]
        .as_array()
        .expect("applicability")
        .iter()
        .find(|i| i["instrument"] == "achr")
        .expect("achr")
        .clone();
    assert_eq!(achr["applies"], "no");
    assert_eq!(achr["regional"], true);
}

#[test]
fn comparison_csv_has_not_applicable_cells() {
    let csv = csv_out::comparison(&report());
    let mut rows = csv.lines().map(|l| l.split(',').collect::<Vec<_>>());
    let header = rows.next().expect("header");
    let col = |id: &str| header.iter().position(|h| *h == id).expect("column");
    let rows: Vec<Vec<&str>> = rows.collect();
    let row = |law: &str| rows.iter().find(|r| r.contains(&law)).expect("row").clone();
    assert_eq!(row("xa-2023")[col("achr-16")], "not-applicable");
    assert_eq!(row("xi-2023")[col("echr-11")], "not-applicable");
    assert_eq!(row("xi-2023")[col("achr-16")], "serious");
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

#[test]
fn report_html_heat_map_reads_not_applicable() {
    let doc = Html::parse_document(&html::render(&report()));
    let table = doc
        .select(&sel("table.heatmap.standards"))
        .next()
        .expect("laws × standards heat map");
    let header: Vec<String> = table
        .select(&sel("thead th"))
        .map(|h| h.text().collect::<String>())
        .collect();
    let col = |label: &str| header.iter().position(|h| h == label).expect("column") - 1;
    for (law, label, want, class) in [
        ("xa-2023", "ACHR 16", "not applicable", "v-not-applicable"),
        ("xi-2023", "ECHR 11", "not applicable", "v-not-applicable"),
        ("xi-2023", "ACHR 16", "serious (1)", "v-serious"),
    ] {
        let row = table
            .select(&sel("tbody tr"))
            .find(|r| r.text().collect::<String>().contains(law))
            .expect("row");
        let cells: Vec<_> = row.select(&sel("td")).collect();
        let cell = cells[col(label)];
        assert_eq!(cell.text().collect::<String>(), want, "{law} {label}");
        assert!(
            cell.value().classes().any(|c| c == class),
            "{}",
            cell.html()
        );
    }
    // The finding whose only standard does not bind XI is still shown in XI's section.
    let section = doc
        .select(&sel("section.law"))
        .find(|s| s.text().collect::<String>().contains("xi-2023"))
        .expect("XI's section");
    let text = section.text().collect::<String>();
    // Each finding is shown once, grouped by provision, whatever standards it engages.
    assert!(text.contains("T-PRIV-1"), "{text}");
    assert!(text.contains("not applicable — XI bound") || text.contains("not applicable"));
}

#[test]
fn briefing_lists_instruments_and_findings_bound_nowhere() {
    let r = report();
    let xi = briefing::briefing(&r.laws[1], &r);
    assert!(
        xi.contains("- ECHR: not applicable — XI is not a party"),
        "{xi}"
    );
    assert!(
        xi.contains("- ACHR: applies — XI bound since 1978-07-18"),
        "{xi}"
    );
    assert!(
        xi.contains("| ECHR 11 — Association | not applicable | 0 |"),
        "{xi}"
    );
    // The finding whose only standard does not bind XI is still listed (each finding once).
    assert!(xi.contains("T-PRIV-1") && xi.contains("T-LABEL-1"), "{xi}");
    let xa = briefing::briefing(&r.laws[0], &r);
    assert!(xa.contains("- ACHR: not applicable"), "{xa}");
}

#[test]
fn report_xlsx_reads_not_applicable() {
    let bytes = xlsx::render(&report()).expect("the workbook renders");
    let mut wb = Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook");
    let rows: Vec<Vec<Data>> = wb
        .worksheet_range("Comparison")
        .expect("Comparison sheet")
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    };
    let header: Vec<String> = rows[0].iter().map(text).collect();
    let col = |label: &str| header.iter().position(|h| h == label).expect("column");
    let row = |law: &str| {
        rows.iter()
            .find(|r| text(&r[0]) == law)
            .expect("row")
            .clone()
    };
    assert_eq!(text(&row("xa-2023")[col("ACHR 16")]), "not applicable");
    assert_eq!(text(&row("xi-2023")[col("ECHR 11")]), "not applicable");
    assert_eq!(text(&row("xi-2023")[col("ACHR 16")]), "serious");
}

#[test]
fn bad_instrument_data_stop_the_rule_book_with_a_location() {
    let cases = [
        (
            CATALOGUE.replace(
                "instrument = \"American Convention on Human Rights\"\nshort = \"ACHR\"\narticle",
                "instrument = \"American Convention\"\nshort = \"ACHR\"\narticle",
            ),
            "instrument `American Convention` is not declared",
        ),
        (
            CATALOGUE.replace("equivalent = [\"echr-11\"]", "equivalent = [\"echr-99\"]"),
            "unknown equivalent `echr-99`",
        ),
        (
            CATALOGUE.replace("until = \"2013-09-10\"", "until = \"2013-9-10\""),
            "until must be a date",
        ),
        (
            CATALOGUE.replace(
                "scope = \"universal\"",
                "scope = \"universal\"\nparties = [{ state = \"XA\", from = \"1990-01-01\" }]",
            ),
            "is universal",
        ),
        (
            CATALOGUE.replace("{ state = \"XI\", from", "{ state = \"xi\", from"),
            "not a state code",
        ),
    ];
    for (text, want) in cases {
        let err = book_with(&text).expect_err(want).to_string();
        assert!(
            err.contains(want) && err.contains("test/standards.toml:"),
            "{want}: {err}"
        );
    }
}

#[test]
fn a_catalogue_without_instruments_applies_every_standard() {
    let plain: String = CATALOGUE
        .split("[[instrument]]")
        .next()
        .expect("standards")
        .to_string();
    let book = book_with(&plain).expect("compiles");
    let l = law(&book, "xi", "jurisdiction = \"XI\"\nyear = 2023\n");
    assert_eq!(verdict(&l, "echr-11"), Verdict::Serious);
    assert_eq!(verdict(&l, "achr-16"), Verdict::Serious);
    assert!(l.applicability.is_empty() && l.warnings.is_empty());
}

#[test]
fn the_embedded_catalogue_binds_the_states_of_the_test_sets_as_documented() {
    let book = RuleBook::embedded().expect("embedded rules compile");
    let applies = |j: &str, year: i64, inst: &str| {
        let a = agentlaw::assess::applicability::applicability(&book, Some(j), Some(year), true);
        assert!(a.warning.is_none(), "{j}: {:?}", a.warning);
        a.instruments
            .iter()
            .find(|i| i.instrument == inst)
            .expect("instrument")
            .applies
            == Applies::Yes
    };
    for j in ["XA", "XH", "GE", "HU", "ES", "BA-SRP", "RS", "GB"] {
        assert!(applies(j, 2024, "echr") && !applies(j, 2024, "achr"), "{j}");
    }
    for j in ["XI", "NI", "PY", "SV", "CL", "PE"] {
        assert!(applies(j, 2024, "achr") && !applies(j, 2024, "echr"), "{j}");
    }
    assert!(!applies("VE", 2024, "achr") && applies("VE", 2012, "achr"));
    assert!(
        applies("VE", 2024, "iachr"),
        "the IACHR keeps monitoring Venezuela"
    );
    assert!(!applies("TT", 2000, "achr"));
    assert!(applies("RU", 2012, "echr") && !applies("RU", 2023, "echr"));
    assert!(!applies("US", 2024, "achr") && !applies("US", 2024, "echr"));
    assert!(!applies("CA", 2024, "achr") && applies("CA", 2024, "iachr"));
    assert!(applies("HU", 2024, "eu-charter") && !applies("GE", 2024, "eu-charter"));
    assert!(applies("GB", 2019, "eu-charter") && !applies("GB", 2023, "eu-charter"));
    for j in ["IN", "KZ", "KG", "AU", "IL", "BY", "CN", "EG", "ET"] {
        assert!(
            !applies(j, 2024, "echr") && !applies(j, 2024, "achr"),
            "{j}"
        );
        assert!(applies(j, 2024, "iccpr"), "{j}");
    }
    // Every ECHR standard with an American equivalent names it back.
    for (e, a) in [
        ("echr-8", "achr-11"),
        ("echr-10", "achr-13"),
        ("echr-11", "achr-16"),
        ("iccpr-22", "achr-16"),
        ("iccpr-19", "achr-13"),
        ("iccpr-17", "achr-11"),
        ("iccpr-26", "achr-24"),
        ("undhrd-9", "achr-25"),
        ("echr-14", "achr-24"),
        ("echr-6", "achr-8"),
        ("echr-13", "achr-25"),
        ("echr-7", "achr-9"),
        ("echr-p1-1", "achr-21"),
        ("undhrd-13", "iachr-funding"),
    ] {
        let s = book.standard(e).expect("standard");
        assert!(s.equivalent.contains(&a.to_string()), "{e} ↔ {a}");
    }
}
