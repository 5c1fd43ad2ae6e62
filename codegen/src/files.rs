//! Stage 5, write: puts a [`FileSet`] on disk, removes stale generated files, or compares
//! (for `--check` and the freshness test) without writing.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::emit::{FileSet, MARKER};

/// How a file on disk differs from what the spec generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Generated, but not on disk.
    Missing(String),
    /// On disk with other content.
    Differs(String),
    /// A generated file on disk that the spec no longer produces.
    Extra(String),
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "{p}: missing"),
            Stale::Differs(p) => write!(f, "{p}: differs from what the spec generates"),
            Stale::Extra(p) => write!(f, "{p}: generated from a spec that no longer has it"),
        }
    }
}

/// What [`write()`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Stale generated files removed.
    pub removed: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Compares `files` with `out`; empty when `out` is fresh.
pub fn stale(files: &FileSet, out: &Path) -> io::Result<Vec<Stale>> {
    let mut problems = Vec::new();
    for (rel, content) in files {
        match std::fs::read_to_string(out.join(rel)) {
            Ok(existing) if existing == *content => {}
            Ok(_) => problems.push(Stale::Differs(rel.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(Stale::Missing(rel.clone()))
            }
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("{}: {e}", out.join(rel).display()),
                ));
            }
        }
    }
    for rel in generated_on_disk(out)? {
        if !files.contains_key(&rel) {
            problems.push(Stale::Extra(rel));
        }
    }
    Ok(problems)
}

/// Writes `files` under `out` (only those that changed) and removes generated files that the
/// spec no longer produces. Files without the generated marker are never touched.
pub fn write(files: &FileSet, out: &Path) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (rel, content) in files {
        let path = out.join(rel);
        if std::fs::read_to_string(&path).is_ok_and(|e| e == *content) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        std::fs::write(&path, content).map_err(|e| with_path(e, &path))?;
        report.written.push(rel.clone());
    }
    for rel in generated_on_disk(out)? {
        if !files.contains_key(&rel) {
            let path = out.join(&rel);
            std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
            report.removed.push(rel);
        }
    }
    Ok(report)
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Relative paths (with `/`) of the files under `out` that carry the generated marker,
/// skipping `target/` and hidden directories.
fn generated_on_disk(out: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    if !out.exists() {
        return Ok(found);
    }
    let mut stack: Vec<PathBuf> = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| with_path(e, &dir))? {
            let entry = entry.map_err(|e| with_path(e, &dir))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type().map_err(|e| with_path(e, &path))?;
            if kind.is_dir() {
                let skip = name.starts_with('.') || (dir == out && name == "target");
                if !skip {
                    stack.push(path);
                }
            } else if kind.is_file() && has_marker(&path) {
                let rel = path.strip_prefix(out).unwrap_or(&path);
                found.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_marker(path: &Path) -> bool {
    use io::Read;
    let mut head = [0u8; 200];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    String::from_utf8_lossy(&head[..n])
        .lines()
        .next()
        .is_some_and(|l| l.contains(MARKER))
}

/// Removes `.` and `..` without touching the file system (the path may not exist yet).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `p` made absolute against `cwd`, and normalized.
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        normalize(p)
    } else {
        normalize(&cwd.join(p))
    }
}

/// The path from directory `from` to `to` (both absolute and normalized), with `/`.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            relative_path(Path::new("/w/generated"), Path::new("/w/runtime")),
            "../runtime"
        );
        assert_eq!(
            relative_path(Path::new("/tmp/x/y"), Path::new("/w/runtime")),
            "../../../w/runtime"
        );
        assert_eq!(relative_path(Path::new("/w"), Path::new("/w")), ".");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(
            absolute(Path::new("/w"), Path::new("spec/../x")),
            PathBuf::from("/w/x")
        );
    }
}
