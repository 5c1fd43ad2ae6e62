//! Problems: what stops an import, with the file, the line and what to do about it.

use std::fmt;

/// One problem of a page, an overrides file or a spec the import would write: the model's
/// diagnostic (file, line, and for the generator's checks the column and YAML path).
pub use spec_model::Diagnostic as Problem;

/// Every problem found, in the order found (the page's order, mostly).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

/// Problems kept at most: a hostile page (a million broken rows) gives a readable report, and
/// finding a repeated problem stays cheap.
pub const MAX_PROBLEMS: usize = 1_000;

impl Problems {
    /// Records a problem (once; past [`MAX_PROBLEMS`], one last problem says that more were
    /// found).
    pub fn push(&mut self, p: Problem) {
        if self.0.len() > MAX_PROBLEMS || self.0.contains(&p) {
            return;
        }
        if self.0.len() == MAX_PROBLEMS {
            self.0.push(
                Problem::at_line(
                    &p.file,
                    None,
                    format!("more than {MAX_PROBLEMS} problems: the rest are not listed"),
                )
                .help("correct these first, then import again to see the rest"),
            );
            return;
        }
        self.0.push(p);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Problems) {
        for p in other.0 {
            self.push(p);
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        spec_model::diag::write_report(f, &self.0, "")
    }
}

impl std::error::Error for Problems {}
