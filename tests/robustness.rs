//! Bad input loses nothing: every input file given or found appears in every output (as a
//! law in `report.json`, `comparison.md`, `comparison.csv`, `report.html` and `report.xlsx`,
//! or as an error record in each of them), and the exit code says whether all were analysed
//! (0), some failed (1), or the run could not start (2: usage, rule files, output folder).
//!
//! Each case of the issue has a test here: empty, binary and oversized files, permission
//! errors (also when the tests run as root), symbolic link loops, files that vanish during a
//! run, invalid front matter, unknown languages, laws without provisions, output folders that
//! cannot be written, atomic writes, panics, untrusted rule files and untrusted law ids.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use agentlaw::analyze::{AnalyzeOptions, analyze_inputs};
use agentlaw::load::{Loader, discover};
use agentlaw::report::write::{TEMP_MARKER, atomic_write};
use agentlaw::rules::{RuleBook, RuleSource, embedded_sources};
use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use predicates::prelude::*;

/// A one-rule English rule set (the embedded library takes seconds to compile in a debug
/// build; these tests are about inputs and outputs, not rules).
const TINY_RULES: &str = "[ruleset]\nid = \"tiny\"\ntitle = \"Tiny\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"T1\"\ntitle = \"Label\"\ncategory = \"stigmatising-label\"\nseverity = \"high\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"foreign agent\"]\nexamples.flag = [\"a foreign agent\"]\nexamples.ok = [\"a charity\"]\n";

/// A law the tiny rule set (and the embedded English rules) find something in.
const GOOD: &str = "+++\nlanguage = \"en\"\n+++\nArticle 1\nEvery organisation that receives any foreign funding shall register as a foreign agent.\n";

fn agentlaw() -> Command {
    let mut c = Command::cargo_bin("agentlaw").expect("binary builds");
    c.current_dir(common::root());
    c
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// A folder `laws/` with one good law, the rule set `tiny.toml` and the output folder `out/`,
/// inside a temporary folder.
struct Case {
    tmp: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(tmp.path().join("laws")).expect("mkdir");
        write(&tmp.path().join("laws"), "good.txt", GOOD.as_bytes());
        write(tmp.path(), "tiny.toml", TINY_RULES.as_bytes());
        Self { tmp }
    }
    fn rules(&self) -> PathBuf {
        self.tmp.path().join("tiny.toml")
    }
    fn laws(&self) -> PathBuf {
        self.tmp.path().join("laws")
    }
    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }
    fn add(&self, name: &str, bytes: &[u8]) -> PathBuf {
        write(&self.laws(), name, bytes)
    }
    /// `agentlaw analyze laws/ --rules tiny.toml --out out/ --quiet` plus `extra`.
    fn run(&self, extra: &[&str]) -> assert_cmd::assert::Assert {
        agentlaw()
            .arg("analyze")
            .arg(self.laws())
            .arg("--rules")
            .arg(self.rules())
            .arg("--out")
            .arg(self.out())
            .arg("--quiet")
            .args(extra)
            .assert()
    }
    fn outputs(&self) -> Outputs {
        Outputs::read(&self.out())
    }
}

/// Every output of a run, read back.
struct Outputs {
    json: serde_json::Value,
    md: String,
    csv: String,
    html: String,
    xlsx_errors: Vec<(String, String)>,
    xlsx_comparison: String,
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

impl Outputs {
    fn read(out: &Path) -> Self {
        let read = |f: &str| {
            std::fs::read_to_string(out.join(f)).unwrap_or_else(|e| panic!("{f} written: {e}"))
        };
        let json = serde_json::from_str(&read("report.json")).expect("valid JSON");
        let bytes = std::fs::read(out.join("report.xlsx")).expect("report.xlsx written");
        let mut wb = Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook");
        let rows = |wb: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
            wb.worksheet_range(name)
                .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
                .rows()
                .map(|r| r.iter().map(cell).collect())
                .collect()
        };
        let xlsx_errors = rows(&mut wb, "Errors")
            .into_iter()
            .skip(1)
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let xlsx_comparison = rows(&mut wb, "Comparison")
            .into_iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n");
        Self {
            json,
            md: read("comparison.md"),
            csv: read("comparison.csv"),
            html: read("report.html"),
            xlsx_errors,
            xlsx_comparison,
        }
    }

    fn errors(&self) -> Vec<(String, String)> {
        self.json["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (
                    e["file"].as_str().unwrap_or_default().to_string(),
                    e["message"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    fn laws(&self) -> Vec<&serde_json::Value> {
        self.json["laws"].as_array().expect("laws").iter().collect()
    }

    fn law(&self, id: &str) -> &serde_json::Value {
        self.laws()
            .into_iter()
            .find(|l| l["id"] == id)
            .unwrap_or_else(|| panic!("law {id} in report.json"))
    }

    /// The error record of the input named `name` appears in every output, with a message
    /// containing `reason` (case-insensitive); returns the message.
    fn error_everywhere(&self, name: &str, reason: &str) -> String {
        let errors = self.errors();
        let matching: Vec<_> = errors.iter().filter(|(f, _)| f.ends_with(name)).collect();
        assert_eq!(matching.len(), 1, "one error record for {name}: {errors:?}");
        let (file, message) = matching[0];
        assert!(
            message.to_lowercase().contains(&reason.to_lowercase()),
            "{name}: {message:?} should say {reason:?}"
        );
        assert!(
            self.md.contains(&format!("`{file}`")),
            "comparison.md lists {file}"
        );
        assert!(
            self.csv
                .lines()
                .any(|l| l.contains(file.as_str()) && l.contains(",error,")),
            "comparison.csv has an error row for {file}"
        );
        assert!(
            self.html.contains(file.as_str()),
            "report.html lists {file}"
        );
        assert!(
            self.xlsx_errors
                .iter()
                .any(|(f, m)| f == file && m == message),
            "report.xlsx Errors sheet lists {file}: {:?}",
            self.xlsx_errors
        );
        message.clone()
    }

    /// The law `id` (read from a file named `name`) appears in every output.
    fn law_everywhere(&self, id: &str, name: &str) {
        let law = self.law(id);
        assert!(law["file"].as_str().is_some_and(|f| f.ends_with(name)));
        assert!(
            self.md.contains(&format!("`{id}`")),
            "comparison.md lists {id}"
        );
        assert!(
            self.csv.lines().any(|l| l.starts_with(&format!("{id},"))),
            "comparison.csv lists {id}"
        );
        assert!(self.html.contains(id), "report.html lists {id}");
        assert!(
            self.xlsx_comparison.contains(id),
            "report.xlsx Comparison lists {id}"
        );
    }

    /// The number of inputs accounted for: laws plus error records.
    fn accounted(&self) -> usize {
        self.laws().len() + self.errors().len()
    }
}

// ---------------------------------------------------------------------------------------------
// 1-3. Empty, binary and oversized files

#[test]
fn empty_files_are_error_records() {
    let case = Case::new();
    case.add("empty.txt", b"");
    case.add("blank.txt", b"  \n\n\t\n");
    case.add("front-only.md", b"+++\nlanguage = \"en\"\n+++\n\n");
    case.add("empty.html", b"");
    case.run(&[]).code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    for name in ["empty.txt", "blank.txt", "front-only.md", "empty.html"] {
        o.error_everywhere(name, "empty file");
    }
    assert_eq!(o.accounted(), 5);
}

#[test]
fn binary_files_are_error_records() {
    let case = Case::new();
    case.add(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66",
    );
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    case.add("noise.txt", &noise);
    case.add("noise.pdf", &noise);
    case.add("noise.docx", &noise);
    case.run(&[]).code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    o.error_everywhere("image.txt", "binary");
    o.error_everywhere("noise.txt", "");
    o.error_everywhere("noise.pdf", "PDF");
    o.error_everywhere("noise.docx", "DOCX");
    assert_eq!(o.accounted(), 5);
}

#[test]
fn files_over_the_size_limit_are_error_records_naming_the_limit() {
    let case = Case::new();
    let big = format!("{GOOD}{}", "Further text of the law.\n".repeat(100));
    case.add("big.txt", big.as_bytes());
    case.run(&["--max-file-size", "1K"]).code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    let m = o.error_everywhere("big.txt", "over the limit of 1024 bytes");
    assert!(m.contains(&format!("{} bytes", big.len())), "{m}");
    assert!(m.contains("--max-file-size"), "{m}");
    // The same law within the limit is analysed.
    case.run(&["--max-file-size", "1M"]).success();
    agentlaw()
        .args(["analyze", "--max-file-size", "12Q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown size unit"));
}

#[test]
fn help_documents_the_size_limit_and_unassessed_languages() {
    agentlaw()
        .args(["analyze", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--max-file-size <SIZE>"))
        .stdout(predicate::str::contains("[default: 64M]"))
        .stdout(predicate::str::contains("not-assessed"))
        .stdout(predicate::str::contains("error record"));
}

// ---------------------------------------------------------------------------------------------
// 4. Permission denied

/// How to run the binary so that file permissions apply. `chmod 000` does not stop root (it
/// has CAP_DAC_OVERRIDE), so when the tests run as root the binary is run as `nobody`
/// (uid 65534), which needs the test's folders to be reachable by that user.
#[derive(Debug, Clone, Copy)]
enum RunAs {
    /// Permissions apply to us: run normally.
    Me,
    /// We bypass permissions: run as this unprivileged uid/gid.
    #[cfg(unix)]
    Unprivileged(u32, u32),
}

#[cfg(unix)]
fn permissions_apply(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    let probe = write(dir, "probe", b"x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let blocked = std::fs::read(&probe).is_err();
    let _ = std::fs::remove_file(&probe);
    blocked
}

/// Decides how to get real permission errors, or says why it cannot (the caller skips).
#[cfg(unix)]
fn run_as(dir: &Path) -> Result<RunAs, String> {
    use std::os::unix::process::CommandExt as _;
    if permissions_apply(dir) {
        return Ok(RunAs::Me);
    }
    let (uid, gid) = (65534, 65534);
    let bin = assert_cmd::cargo::cargo_bin("agentlaw");
    let ok = std::process::Command::new(&bin)
        .arg("--version")
        .uid(uid)
        .gid(gid)
        .output()
        .map_err(|e| format!("cannot run the binary as uid {uid}: {e}"))?;
    if !ok.status.success() {
        return Err(format!(
            "the binary {} does not run as uid {uid}: {}",
            bin.display(),
            String::from_utf8_lossy(&ok.stderr)
        ));
    }
    Ok(RunAs::Unprivileged(uid, gid))
}

#[cfg(unix)]
fn command(run_as: RunAs) -> Command {
    use std::os::unix::process::CommandExt as _;
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("agentlaw"));
    c.current_dir("/");
    if let RunAs::Unprivileged(uid, gid) = run_as {
        c.uid(uid).gid(gid);
    }
    Command::from_std(c)
}

/// Makes `path` usable by the unprivileged user (owner, and mode `mode`).
#[cfg(unix)]
fn hand_over(path: &Path, run_as: RunAs, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    if let RunAs::Unprivileged(uid, gid) = run_as {
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).expect("chown");
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Prepares `case` to be run by an unprivileged user: its folders and good law handed over.
/// `None` (with a note saying why the test is skipped) when no such user can be had.
#[cfg(unix)]
fn unprivileged_case(case: &Case, test: &str) -> Option<RunAs> {
    let run_as = match run_as(case.tmp.path()) {
        Ok(r) => r,
        Err(reason) => {
            eprintln!("skipping the {test}: {reason}");
            return None;
        }
    };
    hand_over(case.tmp.path(), run_as, 0o755);
    hand_over(&case.laws(), run_as, 0o755);
    hand_over(&case.laws().join("good.txt"), run_as, 0o644);
    Some(run_as)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_error_records_saying_permission_denied() {
    let case = Case::new();
    let Some(run_as) = unprivileged_case(&case, "permission test") else {
        return;
    };
    let secret = case.add("secret.txt", GOOD.as_bytes());
    hand_over(&secret, run_as, 0o000);
    let secret_xml = case.add("secret.xml", b"<akomaNtoso/>");
    hand_over(&secret_xml, run_as, 0o000);
    let locked = case.laws().join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    write(&locked, "inside.txt", GOOD.as_bytes());
    hand_over(&locked, run_as, 0o000);
    command(run_as)
        .arg("analyze")
        .arg(case.laws())
        .arg("--rules")
        .arg(case.rules())
        .arg("--out")
        .arg(case.out())
        .arg("--quiet")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "secret.txt: cannot read file: permission denied",
        ));
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    o.error_everywhere("secret.txt", "permission denied");
    // Unreadable XML cannot be sniffed for Akoma Ntoso: it is reported, not silently skipped.
    o.error_everywhere("secret.xml", "permission denied");
    o.error_everywhere("locked", "cannot read folder: permission denied");
    assert_eq!(o.accounted(), 4);
    // The library says the same.
    if matches!(run_as, RunAs::Me) {
        let e = Loader::default().load(&secret).expect_err("unreadable");
        assert!(e.to_string().contains("permission denied"), "{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Symbolic link loops

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_once_without_hanging() {
    let case = Case::new();
    let sub = case.laws().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink(case.laws(), sub.join("back")).expect("symlink");
    std::os::unix::fs::symlink("self.txt", case.laws().join("self.txt")).expect("symlink");
    agentlaw()
        .arg("analyze")
        .arg(case.laws())
        .arg("--rules")
        .arg(case.rules())
        .arg("--out")
        .arg(case.out())
        .arg("--quiet")
        // A safety net against a hang, not a measure of speed.
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    o.error_everywhere("back", "symbolic link loop");
    o.error_everywhere("self.txt", "symbolic links");
    assert_eq!(o.accounted(), 3, "{:?}", o.errors());
}

// ---------------------------------------------------------------------------------------------
// 6. Files that vanish during the run

fn tiny_book() -> RuleBook {
    let mut sources: Vec<RuleSource> = embedded_sources()
        .into_iter()
        .filter(|s| {
            s.name.ends_with("catalogue/standards.toml")
                || s.name.ends_with("catalogue/categories.toml")
        })
        .collect();
    sources.push(RuleSource {
        name: "tiny.toml".into(),
        text: "[ruleset]\nid = \"tiny\"\ntitle = \"Tiny\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"T1\"\ntitle = \"Label\"\ncategory = \"stigmatising-label\"\nseverity = \"high\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"foreign agent\"]\nexamples.flag = [\"a foreign agent\"]\nexamples.ok = [\"a charity\"]\n".into(),
    });
    RuleBook::compile(sources).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_file_deleted_between_discovery_and_loading_is_an_error_record() {
    let case = Case::new();
    let doomed = case.add("doomed.txt", GOOD.as_bytes());
    let (inputs, input_errors) = discover(&[case.laws()]);
    assert_eq!(inputs.len(), 2, "both files discovered");
    std::fs::remove_file(&doomed).expect("delete");
    let report = analyze_inputs(
        &tiny_book(),
        &inputs,
        input_errors,
        &AnalyzeOptions::default(),
        &|_, _| {},
    );
    assert_eq!(report.laws.len(), 1);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].file, doomed.display().to_string());
    assert!(
        report.errors[0].message.contains("no such file")
            && report.errors[0]
                .message
                .contains("moved or deleted during the run"),
        "{}",
        report.errors[0].message
    );
    // It is still listed among the inputs of the provenance, without a hash.
    let input = report
        .provenance
        .inputs
        .iter()
        .find(|i| i.file == report.errors[0].file)
        .expect("listed in the provenance");
    assert_eq!(input.sha256, None);
}

#[test]
fn a_missing_path_given_explicitly_is_an_error_record() {
    let case = Case::new();
    agentlaw()
        .arg("analyze")
        .arg(case.laws().join("good.txt"))
        .arg(case.laws().join("gone.txt"))
        .arg(case.tmp.path().join("no-such-folder"))
        .arg("--rules")
        .arg(case.rules())
        .arg("--out")
        .arg(case.out())
        .arg("--quiet")
        .assert()
        .code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    o.error_everywhere("gone.txt", "no such file");
    o.error_everywhere("no-such-folder", "no such file");
}

// ---------------------------------------------------------------------------------------------
// 7. Invalid front matter

#[test]
fn invalid_front_matter_names_the_file_and_line() {
    let case = Case::new();
    case.add(
        "bad-status.md",
        b"+++\nlanguage = \"en\"\nstatus = \"final\"\n+++\nArticle 1\nText.\n",
    );
    case.add(
        "bad-toml.md",
        b"+++\ntitle = \"T\"\nlanguage = \"en\"\nyear = = 2024\n+++\nArticle 1\nText.\n",
    );
    case.add("unclosed.md", b"+++\nlanguage = \"en\"\nArticle 1\nText.\n");
    case.run(&[]).code(1);
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    let m = o.error_everywhere("bad-status.md", "bad-status.md:3: invalid front matter");
    assert!(m.contains("status"), "{m}");
    o.error_everywhere("bad-toml.md", "bad-toml.md:4: invalid front matter");
    o.error_everywhere(
        "unclosed.md",
        "unclosed.md:1: front matter opened with `+++` is never closed",
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Unknown language

#[test]
fn a_law_in_a_language_without_rules_is_listed_as_not_assessed() {
    let case = Case::new();
    case.add(
        "klingon.txt",
        b"+++\nlanguage = \"tlh\"\n+++\nArticle 1\nforeign agent Qapla'.\n",
    );
    // Analysed, so the run succeeds.
    case.run(&[]).success();
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    o.law_everywhere("klingon", "klingon.txt");
    let law = o.law("klingon");
    assert_eq!(law["assessed"], false);
    assert_eq!(law["overall"], "not-assessed");
    assert!(
        law["assessment"]
            .as_array()
            .expect("assessment")
            .iter()
            .all(|a| a["verdict"] == "not-assessed")
    );
    assert_eq!(law["findings"].as_array().map(Vec::len), Some(0));
    let warnings: Vec<&str> = law["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert!(
        warnings.contains(
            &"no rule set for language `tlh` (rule sets cover: en); the law is listed but not assessed"
        ),
        "{warnings:?}"
    );
    let row =
        o.md.lines()
            .find(|l| l.starts_with("| `klingon`"))
            .expect("a row for the law in comparison.md");
    assert!(row.contains("not assessed"), "{row}");
    assert!(!row.contains("no concern"), "{row}");
    assert!(
        o.csv
            .lines()
            .any(|l| l.starts_with("klingon,") && l.contains(",not-assessed,")),
        "{}",
        o.csv
    );
}

// ---------------------------------------------------------------------------------------------
// 9. No recognisable provisions

#[test]
fn a_law_without_provisions_is_analysed_as_one_provision_with_a_warning() {
    let case = Case::new();
    case.add(
        "prose.txt",
        b"+++\nlanguage = \"en\"\n+++\nEvery organisation that receives any foreign funding shall register as a foreign agent, and this text has no numbered parts at all.\n",
    );
    case.run(&[]).success();
    let o = case.outputs();
    o.law_everywhere("prose", "prose.txt");
    let law = o.law("prose");
    assert_eq!(law["provisions"], 1);
    assert!(
        law["warnings"].as_array().expect("warnings").iter().any(|w| w
            == "no numbered provisions recognised; the text is analysed as a single provision, cited as `Whole text`"),
        "{}",
        law["warnings"]
    );
    let findings = law["findings"].as_array().expect("findings");
    assert!(!findings.is_empty(), "the text is still matched");
    assert!(findings.iter().all(|f| f["provision"] == "Whole text"));
}

// ---------------------------------------------------------------------------------------------
// 10. Output folders that cannot be written

#[test]
fn output_paths_in_the_way_are_refused_before_analysis() {
    let case = Case::new();
    std::fs::create_dir_all(case.out()).expect("mkdir");
    write(
        &case.out(),
        "briefings",
        b"a file where the folder should be",
    );
    case.run(&[])
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write to the output folder",
        ))
        .stderr(predicate::str::contains("analysed").not());
    assert!(!case.out().join("report.json").exists());
    // Without Markdown, briefings/ is not needed.
    case.run(&["--format", "json"]).success();
    std::fs::create_dir_all(case.out().join("report.html")).expect("mkdir");
    case.run(&["--format", "html"])
        .code(2)
        .stderr(predicate::str::contains("report.html is a folder"));
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_refused_before_analysis() {
    let case = Case::new();
    let Some(run_as) = unprivileged_case(&case, "read-only folder test") else {
        return;
    };
    let out = case.out();
    std::fs::create_dir(&out).expect("mkdir");
    hand_over(&out, run_as, 0o555);
    command(run_as)
        .arg("analyze")
        .arg(case.laws())
        .arg("--rules")
        .arg(case.rules())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "cannot write to the output folder {}",
            out.display()
        )))
        .stderr(predicate::str::contains("ermission denied"))
        .stdout(predicate::str::is_empty());
    assert_eq!(
        std::fs::read_dir(&out).expect("read").count(),
        0,
        "nothing written"
    );
    // A folder that cannot be created either.
    command(run_as)
        .arg("analyze")
        .arg(case.laws())
        .arg("--rules")
        .arg(case.rules())
        .arg("--out")
        .arg(out.join("deeper"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write to the output folder",
        ));
}

// ---------------------------------------------------------------------------------------------
// 11. Atomic writes

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.extend(temp_files(&entry.path()));
        } else if name.contains(TEMP_MARKER) {
            found.push(name);
        }
    }
    found
}

#[test]
fn a_failed_write_leaves_no_half_written_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The parent folder has vanished.
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).expect("mkdir");
    std::fs::remove_dir(&gone).expect("rmdir");
    let target = gone.join("report.json");
    assert!(atomic_write(&target, b"{}").is_err());
    assert!(!target.exists() && !gone.exists());
    // The target's name is taken by a folder: the rename fails after the temporary file was
    // written; the folder is untouched and the temporary file removed.
    let taken = dir.path().join("report.html");
    std::fs::create_dir(&taken).expect("mkdir");
    write(&taken, "keep.txt", b"keep");
    assert!(atomic_write(&taken, b"<html>").is_err());
    assert!(taken.join("keep.txt").is_file());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    // A successful write replaces the old contents whole.
    let file = dir.path().join("comparison.md");
    write(
        dir.path(),
        "comparison.md",
        b"old contents, longer than the new ones",
    );
    atomic_write(&file, b"new").expect("writes");
    assert_eq!(std::fs::read(&file).expect("read"), b"new");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn the_temporary_file_never_follows_a_planted_symlink() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = write(dir.path(), "victim.txt", b"precious");
    // Plant links under the temporary names this process picks next (the counter behind
    // them is shared with the other tests of this process, hence a generous range).
    for n in 0..60 {
        let link = dir
            .path()
            .join(format!(".out.md{TEMP_MARKER}{}-{n}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    }
    atomic_write(&dir.path().join("out.md"), b"report").expect("writes");
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    assert_eq!(
        std::fs::read(dir.path().join("out.md")).expect("read"),
        b"report"
    );
}

#[test]
fn a_normal_run_leaves_no_temporary_files() {
    let case = Case::new();
    case.add("empty.txt", b"");
    case.run(&[]).code(1);
    assert_eq!(temp_files(&case.out()), Vec::<String>::new());
    // A second run over the same folder replaces the outputs, still without leftovers.
    case.run(&["--excel"]).code(1);
    assert_eq!(temp_files(&case.out()), Vec::<String>::new());
    case.outputs().error_everywhere("empty.txt", "empty file");
}

// ---------------------------------------------------------------------------------------------
// 12. Panics

#[test]
fn a_panic_while_analysing_one_law_becomes_its_error_record() {
    if !cfg!(debug_assertions) {
        eprintln!("skipping the panic test: AGENTLAW_TEST_PANIC_ON exists in debug builds only");
        return;
    }
    let case = Case::new();
    case.add(
        "boom.txt",
        GOOD.replace("Article 1", "Article 2").as_bytes(),
    );
    let assert = agentlaw()
        .env("AGENTLAW_TEST_PANIC_ON", "boom.txt")
        .env_remove("RUST_BACKTRACE")
        .arg("analyze")
        .arg(case.laws())
        .arg("--out")
        .arg(case.out())
        .arg("--quiet")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("boom.txt")).collect();
    assert_eq!(lines.len(), 1, "one clean line: {stderr}");
    assert!(
        lines[0].contains("internal error while analysing this law: deliberate panic"),
        "{stderr}"
    );
    let o = case.outputs();
    o.law_everywhere("good", "good.txt");
    let m = o.error_everywhere("boom.txt", "internal error while analysing this law");
    assert!(
        m.contains("src/analyze.rs:"),
        "the location is recorded: {m}"
    );
    assert_eq!(o.accounted(), 2);
}

// ---------------------------------------------------------------------------------------------
// 13. Untrusted rule files

fn rule_file(dir: &Path, id: &str, pattern: &str) -> PathBuf {
    write(
        dir,
        &format!("{id}.toml"),
        format!(
            "[ruleset]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"{id}\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\npatterns = ['{pattern}']\nexamples.flag = [\"a\"]\nexamples.ok = [\"b\"]\n"
        )
        .as_bytes(),
    )
}

#[test]
fn a_regex_over_the_size_limit_is_refused_naming_the_rule() {
    let case = Case::new();
    let rules = rule_file(case.tmp.path(), "BIG1", r"\w{1000}\w{1000}");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rule BIG1: pattern: regular expression is too large once compiled",
        ));
    case.run(&["--rules", &rules.display().to_string()])
        .code(2)
        .stderr(predicate::str::contains("rule BIG1"))
        .stderr(predicate::str::contains("nothing was analysed"));
    assert!(!case.out().join("report.json").exists());
}

#[test]
fn a_rule_matching_the_empty_string_is_refused_naming_the_rule() {
    let case = Case::new();
    let rules = rule_file(case.tmp.path(), "EMPTY1", r"(?:foreign agent)?");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rule EMPTY1: pattern: pattern can match the empty string",
        ));
    case.run(&["--rules", &rules.display().to_string()]).code(2);
    assert!(!case.out().join("report.json").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_among_rule_folders_does_not_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir");
    std::os::unix::fs::symlink(&rules, rules.join("again")).expect("symlink");
    rule_file(&rules, "LOOP1", r"\bforeign agent\b");
    agentlaw()
        .args(["rules", "check"])
        .arg(&rules)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 rule set, 1 rule (en)"));
}

/// A rule book of one rule set whose rules have the given patterns (ids P1, P2…).
fn book_with(patterns: &[&str]) -> RuleBook {
    let mut sources: Vec<RuleSource> = embedded_sources()
        .into_iter()
        .filter(|s| {
            s.name.ends_with("catalogue/standards.toml")
                || s.name.ends_with("catalogue/categories.toml")
        })
        .collect();
    let mut text =
        "[ruleset]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nlanguage = \"en\"\n".to_string();
    for (i, p) in patterns.iter().enumerate() {
        text.push_str(&format!(
            "\n[[rule]]\nid = \"P{}\"\ntitle = \"t\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\npatterns = ['{p}']\nexamples.flag = [\"a\"]\nexamples.ok = [\"b\"]\n",
            i + 1
        ));
    }
    sources.push(RuleSource {
        name: "p.toml".into(),
        text,
    });
    RuleBook::compile(sources).unwrap_or_else(|e| panic!("{e}"))
}

/// Patterns that take exponential time in a backtracking engine give correct results on a
/// one-megabyte law (the `regex` crate guarantees linear time; see the `matching` module).
#[test]
fn pathological_patterns_are_correct_on_a_megabyte() {
    let book = book_with(&[r"(a|aa)+$", r"(\w+\s?)+x"]);
    let law = |body: &str| {
        Loader::default()
            .load_text(
                Path::new("big.txt"),
                format!("+++\nlanguage = \"en\"\n+++\n{body}"),
                None,
            )
            .expect("loads")
    };
    let header_len = "+++\nlanguage = \"en\"\n+++\n".len();
    let mb = 1 << 20;

    // No match: a run of `a` that ends with `b`, words without `x`.
    let a_run = format!("{}b", "a".repeat(mb));
    let l = law(&a_run);
    assert!(agentlaw::matching::match_law(&book, &l).is_empty());
    let words = "word ".repeat(mb / 5);
    let l = law(&words);
    assert!(agentlaw::matching::match_law(&book, &l).is_empty());

    // A match that spans the whole megabyte.
    let l = law(&"a".repeat(mb));
    let f = agentlaw::matching::match_law(&book, &l);
    assert_eq!(f.len(), 1, "one finding");
    assert_eq!(f[0].rule, "P1");
    assert_eq!((f[0].start, f[0].end), (header_len, header_len + mb));
    let text = format!("{words}x");
    let l = law(&text);
    let f = agentlaw::matching::match_law(&book, &l);
    assert_eq!(f.len(), 1, "one finding");
    assert_eq!(f[0].rule, "P2");
    assert_eq!(
        (f[0].start, f[0].end),
        (header_len, header_len + text.len())
    );
    assert_eq!(f[0].text, text);
}

/// A pattern that starts with a literal is tried anchored at each occurrence of it; when each
/// try can run to the end of the provision (`the[^x]*x` in a text with no `x`), trying at
/// every one of a megabyte's "the" would be quadratic. The work per provision is bounded, so
/// this finishes, with the right answer both without and with a match.
#[test]
fn prefix_patterns_stay_linear_with_many_literal_hits() {
    let book = book_with(&[r"\bthe[^x]*x"]);
    let mb = 1 << 20;
    let body = "the word ".repeat(mb / 9);
    let law = |body: &str| {
        Loader::default()
            .load_text(
                Path::new("big.txt"),
                format!("+++\nlanguage = \"en\"\n+++\n{body}"),
                None,
            )
            .expect("loads")
    };
    assert!(agentlaw::matching::match_law(&book, &law(&body)).is_empty());
    let f = agentlaw::matching::match_law(&book, &law(&format!("{body}x")));
    assert_eq!(f.len(), 1, "one finding");
    assert_eq!(f[0].end - f[0].start, body.len() + 1);
}

// ---------------------------------------------------------------------------------------------
// 14. Law ids become file names

#[test]
fn hostile_ids_stay_inside_briefings() {
    let case = Case::new();
    let ids = [
        ("dots.txt", "../../x", "_.._x.md"),
        ("con.txt", "CON", "_CON.md"),
        ("slash.txt", "a/b", "a_b.md"),
        ("underscore.txt", "a_b", "a_b-2.md"),
        ("upper.txt", "A_B", "A_B-3.md"),
        ("backslash.txt", "..\\..\\y", "_.._y.md"),
        ("only-dots.txt", "...", "law.md"),
    ];
    for (file, id, _) in ids {
        case.add(
            file,
            format!("+++\nid = '{id}'\nlanguage = \"en\"\n+++\nArticle 1\nA foreign agent.\n")
                .as_bytes(),
        );
    }
    case.add(
        "empty-id.txt",
        b"+++\nlanguage = \"en\"\nid = \"\"\n+++\nArticle 1\nText.\n",
    );
    case.run(&[]).code(1);
    let o = case.outputs();
    o.error_everywhere(
        "empty-id.txt",
        "empty-id.txt:3: invalid front matter: `id` must not be empty",
    );
    let briefings = case.out().join("briefings");
    let mut names: Vec<String> = std::fs::read_dir(&briefings)
        .expect("briefings")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let mut expected: Vec<String> = ids.iter().map(|(_, _, n)| (*n).to_string()).collect();
    expected.push("good.md".into());
    expected.sort();
    assert_eq!(names, expected);
    for (file, id, _) in ids {
        o.law_everywhere(id, file);
    }
    // Nothing was written outside the output folder.
    let mut around: Vec<String> = std::fs::read_dir(case.tmp.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    around.sort();
    assert_eq!(around, ["laws", "out", "tiny.toml"]);
    let mut top: Vec<String> = std::fs::read_dir(case.out())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    top.sort();
    assert_eq!(
        top,
        [
            "briefings",
            "comparison.csv",
            "comparison.md",
            "findings.csv",
            "profiles.csv",
            "profiles.md",
            "report.html",
            "report.json",
            "report.xlsx"
        ]
    );
}
