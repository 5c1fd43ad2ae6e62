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
        // Something other than a file (a FIFO would block the read) differs.
        if std::fs::symlink_metadata(out.join(rel)).is_ok_and(|m| !m.is_file()) {
            problems.push(Stale::Differs(rel.clone()));
            continue;
        }
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

/// Why [`write()`] refused to write, before touching anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `out` holds files but is not a previous output of the generator.
    NotAnOutput(PathBuf),
    /// A file the generator would write exists and was not written by it.
    Foreign(PathBuf),
    /// Something other than a directory is where a directory must go.
    NotADirectory(PathBuf),
    /// Something other than a regular file is where a file must go.
    NotAFile(PathBuf),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAnOutput(p) => write!(
                f,
                "{}: the directory is not empty and is not a previous output of the generator (its Cargo.toml does not start with the `{MARKER}` line)\n  help: pass --out a new or empty directory, or one the generator wrote before; move or delete what is in this one first if it is really meant to hold the crate",
                p.display()
            ),
            Refusal::Foreign(p) => write!(
                f,
                "{}: exists and was not written by the generator (no `{MARKER}` line at its top); it is left alone\n  help: move or delete the file, or pass --out another directory",
                p.display()
            ),
            Refusal::NotADirectory(p) => write!(
                f,
                "{}: a directory must go here, but something else is in the way\n  help: move or delete it and generate again",
                p.display()
            ),
            Refusal::NotAFile(p) => write!(
                f,
                "{}: a generated file must go here, but a directory (or other non-file) is in the way\n  help: move or delete it and generate again",
                p.display()
            ),
        }
    }
}

/// Writes `files` under `out` (only those that changed) and removes generated files that the
/// spec no longer produces.
///
/// Safe on any directory: it refuses (before writing anything) a non-empty directory that is
/// not a previous output (no `Cargo.toml` carrying the generated marker), a file in the way
/// that the generator did not write, and a file or directory where the other must go. Files
/// without the generated marker are never changed or removed. Every changed file is written
/// to a temporary file beside it first; only when all are written are they renamed into place,
/// so an error leaves the old output as it was.
pub fn write(files: &FileSet, out: &Path) -> io::Result<WriteReport> {
    let plan = plan(files, out)?;
    let writes: Vec<(PathBuf, &str)> = plan
        .changed
        .iter()
        .map(|(rel, content)| (out.join(rel), *content))
        .collect();
    replace_all(&writes)?;
    let mut report = WriteReport {
        unchanged: plan.unchanged,
        written: plan.changed.keys().map(|r| (*r).to_owned()).collect(),
        ..WriteReport::default()
    };
    for rel in plan.stale {
        let path = out.join(&rel);
        std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
        report.removed.push(rel);
    }
    Ok(report)
}

/// Writes every file of `writes` (path, content) or none: checks first that each path is free
/// for a file (no directory or other non-file there, no file where a directory on the way must
/// be), then writes each to a temporary file beside it, then renames them all into place. On
/// an error before the renames, the temporary files and the directories it created are removed
/// and the old state is left as it was. The importer writes its spec files with it too.
pub fn replace_all(writes: &[(PathBuf, &str)]) -> io::Result<()> {
    let mut refusals = Vec::new();
    for (path, _) in writes {
        let mut dir = path.parent();
        while let Some(d) = dir {
            match std::fs::metadata(d) {
                Ok(m) if m.is_dir() => break,
                Ok(_) => {
                    let r = Refusal::NotADirectory(d.to_path_buf());
                    if !refusals.contains(&r) {
                        refusals.push(r);
                    }
                    break;
                }
                Err(_) => dir = d.parent(),
            }
        }
        match std::fs::symlink_metadata(path) {
            Ok(m) if !m.is_file() => refusals.push(Refusal::NotAFile(path.clone())),
            _ => {}
        }
    }
    if !refusals.is_empty() {
        return Err(refused(refusals));
    }
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let result = (|| -> io::Result<()> {
        for (path, content) in writes {
            if let Some(parent) = path.parent() {
                create_dirs(parent, &mut created_dirs)?;
            }
            let tmp = temp_path(path);
            std::fs::write(&tmp, content).map_err(|e| with_path(e, path))?;
            staged.push((tmp, path));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        for dir in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(e);
    }
    for (tmp, path) in &staged {
        std::fs::rename(tmp, path).map_err(|e| with_path(e, path))?;
    }
    Ok(())
}

/// What [`write()`] will do, decided before anything is written.
struct Plan<'a> {
    changed: std::collections::BTreeMap<&'a str, &'a str>,
    unchanged: usize,
    stale: Vec<String>,
}

fn refused(refusals: Vec<Refusal>) -> io::Error {
    let text = refusals
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    io::Error::other(format!("{text}\nnothing was written"))
}

fn plan<'a>(files: &'a FileSet, out: &Path) -> io::Result<Plan<'a>> {
    let mut refusals = Vec::new();
    match std::fs::metadata(out) {
        Ok(m) if !m.is_dir() => {
            refusals.push(Refusal::NotADirectory(out.to_path_buf()));
            return Err(refused(refusals));
        }
        Ok(_) => {
            let non_empty = std::fs::read_dir(out)
                .map_err(|e| with_path(e, out))?
                .next()
                .is_some();
            if non_empty && !has_marker(&out.join("Cargo.toml")) {
                refusals.push(Refusal::NotAnOutput(out.to_path_buf()));
                return Err(refused(refusals));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(with_path(e, out)),
    }
    let mut plan = Plan {
        changed: Default::default(),
        unchanged: 0,
        stale: Vec::new(),
    };
    for (rel, content) in files {
        let path = out.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {
                if std::fs::read_to_string(&path).is_ok_and(|e| e == *content) {
                    plan.unchanged += 1;
                } else if has_marker(&path) {
                    plan.changed.insert(rel, content);
                } else {
                    refusals.push(Refusal::Foreign(path));
                }
            }
            Ok(_) => refusals.push(Refusal::NotAFile(path)),
            Err(_) => {
                plan.changed.insert(rel, content);
            }
        }
    }
    if !refusals.is_empty() {
        return Err(refused(refusals));
    }
    plan.stale = generated_on_disk(out)?
        .into_iter()
        .filter(|rel| !files.contains_key(rel))
        .collect();
    Ok(plan)
}

/// Creates `dir` and its missing parents, recording those it created (outermost first).
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut d = dir;
    while !d.exists() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    for m in missing.into_iter().rev() {
        std::fs::create_dir(&m).map_err(|e| with_path(e, &m))?;
        created.push(m);
    }
    Ok(())
}

/// A temporary file beside `path` (same directory, so the rename stays on one file system).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.codegen-{}.tmp", std::process::id()))
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
