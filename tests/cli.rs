//! Command-line behaviour: outputs, exit codes, error records, determinism.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn agentlaw() -> Command {
    let mut c = Command::cargo_bin("agentlaw").expect("binary builds");
    c.current_dir(common::root());
    c
}

#[test]
fn analyze_writes_every_output_for_the_bundled_laws() {
    let out = tempfile::tempdir().expect("tempdir");
    agentlaw()
        .args(["analyze", "laws", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Laws × core standards"))
        .stdout(predicate::str::contains("xa-foreign-agents-2023"));
    for f in [
        "comparison.md",
        "comparison.csv",
        "findings.csv",
        "report.json",
        "report.html",
        "report.xlsx",
    ] {
        assert!(out.path().join(f).is_file(), "{f} written");
    }
    let briefings: Vec<_> = std::fs::read_dir(out.path().join("briefings"))
        .expect("briefings")
        .collect();
    let laws = std::fs::read_dir(common::root().join("laws"))
        .expect("laws")
        .count();
    assert_eq!(briefings.len(), laws, "one briefing per law");
}

#[test]
fn jobs_do_not_change_the_output() {
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    for (dir, jobs) in [(&one, "1"), (&two, "2")] {
        agentlaw()
            .args(["analyze", "laws", "--quiet", "--jobs", jobs, "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    for f in [
        "comparison.md",
        "comparison.csv",
        "findings.csv",
        "report.json",
        "report.html",
        "report.xlsx",
        "briefings/xa-foreign-agents-2023.md",
    ] {
        let a = std::fs::read(one.path().join(f)).expect("read");
        let b = std::fs::read(two.path().join(f)).expect("read");
        assert!(a == b, "{f} differs between --jobs 1 and --jobs 2");
    }
}

#[test]
fn a_bad_law_becomes_an_error_record_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.txt"), "+++\nlanguage = \"en\"\n+++\nArticle 1\nEvery organisation that receives any foreign funding shall register as a foreign agent.\n").expect("write");
    std::fs::write(dir.path().join("binary.txt"), b"Article 1\nCaf\0\0 law\n").expect("write");
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    agentlaw()
        .arg("analyze")
        .arg(dir.path().join("good.txt"))
        .arg(dir.path().join("binary.txt"))
        .arg(&missing)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("binary.txt"))
        .stderr(predicate::str::contains("missing.txt"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["laws"].as_array().map(Vec::len), Some(1));
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2);
    assert!(
        errors
            .iter()
            .any(|e| e["message"].as_str().is_some_and(|m| m.contains("binary")))
    );
    let md = std::fs::read_to_string(out.join("comparison.md")).expect("md");
    assert!(
        md.contains("could not be analysed")
            && md.contains("binary.txt")
            && md.contains("missing.txt")
    );
    let csv = std::fs::read_to_string(out.join("comparison.csv")).expect("csv");
    assert!(csv.contains("binary.txt") && csv.contains(",error,"));
}

#[test]
fn html_xlsx_and_excel_csv_with_a_rule_set_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("tiny.toml");
    std::fs::write(
        &rules,
        "[ruleset]\nid = \"tiny\"\ntitle = \"Tiny\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"TINY1\"\ntitle = \"Label\"\ncategory = \"stigmatising-label\"\nseverity = \"high\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"foreign agent\"]\nexamples.flag = [\"a foreign agent\"]\nexamples.ok = [\"a charity\"]\n",
    )
    .expect("write");
    let law = dir.path().join("law.txt");
    std::fs::write(
        &law,
        "+++\nlanguage = \"en\"\ntitle = \"<script>alert(1)</script>\"\n+++\nArticle 1\nAn organisation shall register as a foreign agent.\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    agentlaw()
        .arg("analyze")
        .arg(&law)
        .arg("--rules")
        .arg(&rules)
        .args(["--format", "html,xlsx,csv", "--excel", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"));
    assert!(html.contains("TINY1"));
    let xlsx = std::fs::read(out.join("report.xlsx")).expect("xlsx");
    assert!(xlsx.starts_with(b"PK"), "a zip file");
    let csv = std::fs::read(out.join("comparison.csv")).expect("csv");
    assert!(csv.starts_with(&[0xef, 0xbb, 0xbf]), "--excel adds a BOM");
    assert!(
        !out.join("report.json").exists(),
        "only the formats asked for"
    );
}

#[test]
fn a_broken_rule_file_stops_the_run_before_any_law_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("bad.toml");
    std::fs::write(
        &rules,
        "[ruleset]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"X1\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\npatterns = ['foreign (agent']\nexamples.flag = [\"a\"]\nexamples.ok = [\"b\"]\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    agentlaw()
        .args(["analyze", "laws", "--rules"])
        .arg(&rules)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.toml:15:22: rule X1: pattern: invalid regular expression",
        ));
    assert!(!out.join("report.json").exists(), "nothing analysed");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule X1"));
}

#[test]
fn unknown_keys_and_duplicate_ids_are_reported_with_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("dup.toml");
    let rule = |id: &str, extra: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"x\"]\n{extra}examples.flag = [\"x\"]\nexamples.ok = [\"y\"]\n"
        )
    };
    std::fs::write(
        &rules,
        format!(
            "[ruleset]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\nlanguage = \"en\"\n{}{}",
            rule("D1", ""),
            rule("D1", "")
        ),
    )
    .expect("write");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule D1: duplicate rule id"));
    std::fs::write(
        &rules,
        format!(
            "[ruleset]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\nlanguage = \"en\"\n{}",
            rule("D2", "colour = \"red\"\n")
        ),
    )
    .expect("write");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("colour"));
}

#[test]
fn rules_check_and_test_pass_on_the_embedded_rules() {
    agentlaw()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok:"));
    agentlaw()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
    agentlaw()
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("vague-wording"));
}

#[test]
fn rules_doc_writes_markdown_and_html_and_refuses_other_formats() {
    let out = tempfile::tempdir().expect("tempdir");
    let html = out.path().join("rules.html");
    agentlaw()
        .args(["rules", "doc", "--format", "html", "--out"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("id=\"rule-VW001\""));
    agentlaw()
        .args(["rules", "doc"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# agentlaw rule catalogue"));
    agentlaw()
        .args(["rules", "doc", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: md, html"));
}

#[test]
fn rules_test_fails_on_a_wrong_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("wrong.toml");
    std::fs::write(
        &rules,
        "[ruleset]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"W1\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"foreign agent\"]\nexamples.flag = [\"a domestic body\"]\nexamples.ok = [\"a foreign agent\"]\n",
    )
    .expect("write");
    agentlaw()
        .args(["rules", "test"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL W1"))
        .stdout(predicate::str::contains("2 failed"));
}

#[test]
fn usage_errors_exit_2() {
    agentlaw()
        .args(["analyze", "--format", "pdf"])
        .assert()
        .code(2);
    agentlaw().args(["frobnicate"]).assert().code(2);
}

#[test]
fn an_unwritable_output_folder_is_refused_before_analysis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    agentlaw()
        .args(["analyze", "laws", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write to the output folder",
        ));
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead as _, BufReader};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("agentlaw"))
        .args(["rules", "export-patterns"])
        .current_dir(common::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("piped");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("reads a line");
        // The reader goes away here, like `| head -1`.
    }
    let out = child.wait_with_output().expect("ends");
    assert!(
        first.starts_with("(?i)") || first.starts_with('('),
        "{first}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?} {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// One case of `tests/cmd/*.toml` (the format is described in tests/cmd/README.md).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CmdCase {
    about: String,
    args: Vec<String>,
    status: i32,
    #[serde(default)]
    dirs: Vec<String>,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_not: Vec<String>,
    #[serde(default)]
    stderr_not: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    files: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    copy: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    after: std::collections::BTreeMap<String, Vec<String>>,
}

/// Runs one case; returns what went wrong.
fn run_case(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("read case");
    let case: CmdCase = match toml::from_str(&text) {
        Ok(c) => c,
        Err(e) => return vec![format!("invalid case file: {e}")],
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = common::root();
    let put = |rel: &str, bytes: &[u8]| {
        let p = tmp.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, bytes).expect("write");
    };
    for (rel, contents) in &case.files {
        put(rel, contents.as_bytes());
    }
    for (rel, source) in &case.copy {
        put(rel, &std::fs::read(root.join(source)).expect("copy source"));
    }
    for d in &case.dirs {
        std::fs::create_dir_all(tmp.path().join(d)).expect("mkdir");
    }
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{repo}", &root.display().to_string()))
        .collect();
    let output = Command::cargo_bin("agentlaw")
        .expect("binary builds")
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .args(&args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut problems = Vec::new();
    if output.status.code() != Some(case.status) {
        problems.push(format!(
            "exit code {:?}, expected {}",
            output.status.code(),
            case.status
        ));
    }
    for (name, text, want, not) in [
        ("stdout", &stdout, &case.stdout, &case.stdout_not),
        ("stderr", &stderr, &case.stderr, &case.stderr_not),
    ] {
        for w in want {
            if !text.contains(w.as_str()) {
                problems.push(format!("{name} lacks {w:?}"));
            }
        }
        for w in not {
            if text.contains(w.as_str()) {
                problems.push(format!("{name} contains {w:?}"));
            }
        }
    }
    for rel in &case.absent {
        if tmp.path().join(rel).exists() {
            problems.push(format!("{rel} exists"));
        }
    }
    for (rel, texts) in &case.after {
        match std::fs::read_to_string(tmp.path().join(rel)) {
            Ok(contents) => {
                for t in texts {
                    if !contents.contains(t.as_str()) {
                        problems.push(format!("{rel} lacks {t:?}"));
                    }
                }
            }
            Err(e) => problems.push(format!("{rel}: {e}")),
        }
    }
    if !problems.is_empty() {
        problems.insert(0, format!("({})", case.about));
        problems.push(format!("stdout:\n{stdout}\nstderr:\n{stderr}"));
    }
    problems
}

#[test]
fn cases_as_files() {
    let dir = common::root().join("tests/cmd");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cmd")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "the cases in tests/cmd are found");
    // `AGENTLAW_CASE=name` runs only the cases whose file name contains `name`.
    let only = std::env::var("AGENTLAW_CASE").unwrap_or_default();
    let mut failures = Vec::new();
    for case in cases
        .iter()
        .filter(|c| c.to_string_lossy().contains(only.as_str()))
    {
        let problems = run_case(case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", case.display(), problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The key paths of a JSON value (`laws[].findings[].rule`), without the free keys of maps
/// whose keys are data (`metadata`).
fn key_paths(v: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    const MAPS: &[&str] = &["laws[].metadata"];
    match v {
        serde_json::Value::Object(m) => {
            if MAPS.contains(&path) {
                return;
            }
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                out.insert(p.clone());
                key_paths(x, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for x in items {
                key_paths(x, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

/// `report.json`'s keys are listed in schemas/report.keys (generated from a serialised
/// report: `AGENTLAW_UPDATE_SCHEMAS=1 cargo test --test cli report_json_keys` rewrites it),
/// and every key of the top level and of a law is named in the documented contract (the
/// rustdoc of `agentlaw::report` and the README): the test fails when they drift.
#[test]
fn report_json_keys_match_the_committed_list_and_the_documentation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = common::root();
    std::fs::copy(
        root.join("laws/xa-foreign-agents-2023.md"),
        tmp.path().join("xa.md"),
    )
    .expect("copy");
    std::fs::write(
        tmp.path().join("part.md"),
        "+++\nlanguage = \"en\"\ncompleteness = \"partial: Article 1 only\"\n+++\nArticle 1\nEvery association shall publish its annual accounts.\n",
    )
    .expect("write");
    std::fs::write(tmp.path().join("empty.txt"), "").expect("write");
    let out = tmp.path().join("out");
    agentlaw()
        .arg("analyze")
        .arg(tmp.path().join("xa.md"))
        .arg(tmp.path().join("part.md"))
        .arg(tmp.path().join("empty.txt"))
        .args([
            "--format",
            "json",
            "--date",
            "2026-01-01",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("json"))
            .expect("valid JSON");
    let mut keys = std::collections::BTreeSet::new();
    key_paths(&json, "", &mut keys);
    let generated: String = keys.iter().map(|k| format!("{k}\n")).collect();
    let committed_path = root.join("schemas/report.keys");
    if std::env::var_os("AGENTLAW_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&committed_path, &generated).expect("write schemas/report.keys");
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "report.json's keys differ from schemas/report.keys; if the change is intended, run AGENTLAW_UPDATE_SCHEMAS=1 cargo test --test cli report_json_keys and document the new keys"
    );
    // Every key of the top level and of a law is named in both documents.
    let rustdoc = std::fs::read_to_string(root.join("src/report/mod.rs")).expect("rustdoc");
    let section = |text: &str, start: &str, end: &str| -> String {
        let from = text.find(start).unwrap_or(text.len());
        let rest = &text[from..];
        rest[..rest.find(end).unwrap_or(rest.len())].to_string()
    };
    let contract = section(
        &rustdoc,
        "# `report.json`, a stable contract",
        "//! Positions:",
    );
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let readme = section(&readme, "`report.json` (documented in the rustdoc", "\n\n");
    assert!(
        !contract.is_empty() && !readme.is_empty(),
        "both documents have a report.json contract"
    );
    let words = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map(str::to_string)
            .collect()
    };
    let (contract, readme) = (contract.as_str(), readme.as_str());
    let (doc_words, readme_words) = (words(contract), words(readme));
    let mut undocumented = Vec::new();
    for k in &keys {
        let depth_ok =
            !k.contains('.') || k.strip_prefix("laws[].").is_some_and(|r| !r.contains('.'));
        if !depth_ok {
            continue;
        }
        let name = k.rsplit(['.', ']']).next().unwrap_or(k);
        for (doc, w) in [
            ("src/report/mod.rs", &doc_words),
            ("README.md", &readme_words),
        ] {
            if !w.contains(name) {
                undocumented.push(format!("{k} in {doc}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "report.json keys missing from the documented contract: {undocumented:?}"
    );
}

/// The registry of output files is the truth: a run writes exactly the files that
/// `Format::files` declares (and one briefing per law), so the pre-flight check, which reads
/// the same registry, guards every one of them.
#[test]
fn every_file_written_is_declared_in_the_output_registry() {
    use agentlaw::report::write::{Format, output_names, write_outputs};
    let book = agentlaw::rules::RuleBook::embedded().expect("embedded rules");
    let report = agentlaw::analyze::analyze(
        &book,
        &[common::root().join("laws/xd-lobbying-register-2022.md")],
        &agentlaw::analyze::AnalyzeOptions::default(),
        &|_, _| {},
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let formats: std::collections::BTreeSet<Format> = Format::ALL.into_iter().collect();
    let written = write_outputs(&report, dir.path(), &formats).expect("writes");
    let mut on_disk: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir.path()).expect("read").flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path().is_dir() {
            for f in std::fs::read_dir(entry.path()).expect("read").flatten() {
                on_disk.push(format!("{name}/{}", f.file_name().to_string_lossy()));
            }
        } else {
            on_disk.push(name);
        }
    }
    on_disk.sort();
    let mut declared: Vec<String> = output_names(&formats)
        .into_iter()
        .map(str::to_string)
        .collect();
    declared.push("briefings/xd-lobbying-register-2022.md".into());
    declared.sort();
    assert_eq!(on_disk, declared);
    assert_eq!(written.len(), declared.len());
}
