//! Diagnostics: every problem found in a spec, with the file, line and YAML path it is at.

use std::fmt;

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The spec file, as the user names it (`spec/dbss/list_instances.yaml`).
    pub file: String,
    /// 1-based line and column, where known (column 0: not known).
    pub line: Option<(u64, u64)>,
    /// Dotted YAML path to the offending value (`responses.200.body.clusters`); may be empty.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `path` in `file`.
    pub fn new(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: None,
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    /// Adds the line and column (only when the YAML reader knew them).
    pub fn at(mut self, location: Option<(u64, u64)>) -> Self {
        if let Some((line, _)) = location
            && line > 0
        {
            self.line = location;
        }
        self
    }

    /// A problem at `line` of `file` (column unknown), for sources read line by line.
    pub fn at_line(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic::new(file, "", message).at(line.map(|l| (l as u64, 0)))
    }

    /// Adds a hint on what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match self.line {
            Some((line, 0)) => write!(f, ":{line}")?,
            Some((line, column)) => write!(f, ":{line}:{column}")?,
            None => {}
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// All the problems of a spec, in file and line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts by file, then line, then path, and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (
                &a.file,
                a.line.unwrap_or((u64::MAX, 0)),
                &a.path,
                &a.message,
            )
                .cmp(&(
                    &b.file,
                    b.line.unwrap_or((u64::MAX, 0)),
                    &b.path,
                    &b.message,
                ))
        });
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_report(f, &self.0, " in the spec")
    }
}

/// Writes every diagnostic as an `error:` line, then the count: `2 problems found{found_in};
/// nothing was written` (`found_in`: ` in the spec`, or empty).
pub fn write_report(
    f: &mut fmt::Formatter<'_>,
    diagnostics: &[Diagnostic],
    found_in: &str,
) -> fmt::Result {
    for d in diagnostics {
        writeln!(f, "error: {d}")?;
    }
    let n = diagnostics.len();
    let s = if n == 1 { "" } else { "s" };
    write!(f, "{n} problem{s} found{found_in}; nothing was written")
}

impl std::error::Error for Diagnostics {}
