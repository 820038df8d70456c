//! Finding the law files among the paths given on the command line.
//!
//! Folders are walked recursively in sorted order; symbolic links to folders are followed
//! once (a loop is reported, not walked forever). Files named explicitly are always taken;
//! files found in folders are taken when their extension is one agentlaw reads
//! ([`EXTENSIONS`]). `.xml` files found in folders are taken only when their root element is
//! `akomaNtoso`, since folders of laws often hold other XML (feeds, metadata) too.
//! Problems (a path that does not exist, a folder that cannot be read) are returned as
//! [`InputError`]s so that they appear in every output instead of stopping the run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A law file to analyse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as it will be shown in reports (as given, joined with the names found below it).
    pub path: PathBuf,
}

/// A path that could not be turned into inputs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    /// The path concerned.
    pub path: PathBuf,
    /// Why it could not be read.
    pub message: String,
}

/// Extensions read when walking folders.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "xhtml", "docx", "pdf", "akn", "xml",
];

/// True for an `.xml` file whose first bytes show an Akoma Ntoso root element, and for one
/// that cannot be sniffed (not a regular file, or unreadable): taking it makes the loader
/// report the problem instead of dropping the file silently.
fn is_akoma_ntoso(path: &Path) -> bool {
    use std::io::Read as _;
    // Opening a FIFO for reading would block: only regular files are sniffed.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let mut head = Vec::with_capacity(8192);
    match std::fs::File::open(path).and_then(|f| f.take(8192).read_to_end(&mut head)) {
        Ok(_) => super::formats::akn::sniff(&head),
        Err(_) => true,
    }
}

/// Files in a folder that are never laws.
const SKIP_NAMES: &[&str] = &["laws.toml", "README.md", "readme.md", "LICENSE.md"];

fn wanted(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || SKIP_NAMES.contains(&name) {
        return false;
    }
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    if ext.eq_ignore_ascii_case("xml") {
        return is_akoma_ntoso(path);
    }
    EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(ext))
}

fn walk(
    dir: &Path,
    seen: &mut BTreeSet<PathBuf>,
    files: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
) {
    match dir.canonicalize() {
        Ok(real) => {
            if !seen.insert(real) {
                errors.push(InputError {
                    path: dir.to_path_buf(),
                    message:
                        "folder already visited (symbolic link loop or duplicate); not walked again"
                            .into(),
                });
                return;
            }
        }
        Err(e) => {
            errors.push(InputError {
                path: dir.to_path_buf(),
                message: format!("cannot resolve folder: {}", super::io_message(&e)),
            });
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                path: dir.to_path_buf(),
                message: format!("cannot read folder: {}", super::io_message(&e)),
            });
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => children.push(e.path()),
            Err(e) => errors.push(InputError {
                path: dir.to_path_buf(),
                message: format!("cannot read folder entry: {}", super::io_message(&e)),
            }),
        }
    }
    children.sort();
    for child in children {
        let name = child.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => walk(&child, seen, files, errors),
            Ok(_) => {
                if wanted(&child) {
                    files.push(Input { path: child });
                }
            }
            Err(e) => {
                // A dangling symbolic link or a file we may not inspect: report it if it looks
                // like a law, skip it silently otherwise.
                if wanted(&child) {
                    errors.push(InputError {
                        path: child,
                        message: format!("cannot read file: {}", super::io_message(&e)),
                    });
                }
            }
        }
    }
}

/// Expands the given paths into law files (sorted, without duplicates) and input errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut seen, &mut files, &mut errors),
            Ok(_) => files.push(Input { path: path.clone() }),
            Err(e) => errors.push(InputError {
                path: path.clone(),
                message: format!("cannot read: {}", super::io_message(&e)),
            }),
        }
    }
    files.sort();
    files.dedup();
    errors.sort();
    errors.dedup();
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_reports_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        for f in [
            "b.txt",
            "a.md",
            "laws.toml",
            "x.pdfx",
            ".hidden.txt",
            "feed.xml",
        ] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        std::fs::write(dir.path().join("d.xml"), "<akomaNtoso><act/></akomaNtoso>").expect("write");
        std::fs::write(dir.path().join("e.html"), "<p>x</p>").expect("write");
        std::fs::write(sub.join("c.txt"), "x").expect("write");
        let missing = dir.path().join("nope.txt");
        let (files, errors) = discover(&[dir.path().to_path_buf(), missing.clone()]);
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(dir.path())
                    .unwrap_or(&f.path)
                    .to_path_buf()
            })
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a.md"),
                PathBuf::from("b.txt"),
                PathBuf::from("d.xml"),
                PathBuf::from("e.html"),
                PathBuf::from("sub/c.txt")
            ]
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, missing);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("write");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
        let (files, errors) = discover(&[dir.path().to_path_buf()]);
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("loop"));
    }
}
