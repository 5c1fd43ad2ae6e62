//! A small, deterministic YAML writer in the style of `spec/dbss/*.yaml`: two-space indents,
//! block sequences, `|-` blocks for multi-line text, and quotes only where YAML needs them (a
//! string that would read as a number, a boolean, null or a date, or that holds `: ` or ` #`).

use std::fmt::Write as _;

/// Whether `s` must be quoted to read back as the same string.
fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return true;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return true;
    }
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", ".inf", "-.inf", "+.inf",
        ".nan", "<<", "=",
    ];
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    if is_number(s) {
        return true;
    }
    // Dates and times (`2025-09-10 GMT+08:00`): YAML 1.1 readers take them for timestamps.
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5].is_ascii_digit()
}

/// Whether YAML (1.1 or 1.2) reads `s` as a number.
fn is_number(s: &str) -> bool {
    static NUMBER: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$",
        )
        .ok()
    });
    s.chars().any(|c| c.is_ascii_digit()) && NUMBER.as_ref().is_none_or(|re| re.is_match(s))
}

/// `s` in double quotes, escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A one-line scalar: plain where YAML reads it back unchanged, else double-quoted.
pub fn scalar(s: &str) -> String {
    if s.contains('\n') || needs_quotes(s) {
        quoted(s)
    } else {
        s.to_owned()
    }
}

/// Whether a multi-line string can be written as a `|-` block and read back unchanged.
fn fits_block(s: &str) -> bool {
    s.contains('\n')
        && !s.ends_with('\n')
        && !s.starts_with([' ', '\t', '\n'])
        && !s.contains('\r')
        && !s
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{feff}')
        && !s.lines().any(|l| l.starts_with('\t'))
}

/// Text built line by line at a given indentation.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty document.
    pub fn new() -> Self {
        Writer::default()
    }

    /// A raw line (a comment, a blank line), without indentation.
    pub fn raw(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// `key:` opening a mapping or a sequence.
    pub fn key(&mut self, indent: usize, key: &str) {
        self.line(indent, &format!("{key}:"));
    }

    /// `key: value` for a string; a `|-` block when it has several lines.
    pub fn str(&mut self, indent: usize, key: &str, value: &str) {
        if fits_block(value) {
            self.line(indent, &format!("{key}: |-"));
            for l in value.split('\n') {
                if l.is_empty() {
                    self.out.push('\n');
                } else {
                    self.line(indent + 2, l);
                }
            }
        } else {
            self.line(indent, &format!("{key}: {}", scalar(value)));
        }
    }

    /// `key: value` for a value written as it is (numbers, booleans, `[]`).
    pub fn plain(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {value}"));
    }

    /// `- value` for a string item.
    pub fn item(&mut self, indent: usize, value: &str) {
        self.line(indent, &format!("- {}", scalar(value)));
    }

    /// One line at `indent`.
    pub fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Writes a sequence item that is a mapping: the first `key: value` after `- `, the rest
/// indented under it. `f` writes the remaining keys at `indent + 2`.
pub fn str_item(w: &mut Writer, indent: usize, key: &str, value: &str) {
    // The first key shares the line with the dash: write it at indent + 2, then put the dash in.
    let mut inner = Writer::new();
    inner.str(indent + 2, key, value);
    let text = inner.finish();
    let mut first = true;
    for line in text.split_inclusive('\n') {
        if first {
            let rest = line.get(indent + 2..).unwrap_or(line);
            for _ in 0..indent {
                w.out.push(' ');
            }
            w.out.push_str("- ");
            w.out.push_str(rest);
            first = false;
        } else {
            w.out.push_str(line);
        }
    }
}

/// `- key: value` for a value written as it is.
pub fn plain_item(w: &mut Writer, indent: usize, key: &str, value: &str) {
    w.line(indent, &format!("- {key}: {value}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_where_needed() {
        assert_eq!(scalar("Billing mode."), "Billing mode.");
        assert_eq!(
            scalar("/v2/{project_id}/db-om/instances"),
            "/v2/{project_id}/db-om/instances"
        );
        assert_eq!(scalar("2025-09-10 GMT+08:00"), "\"2025-09-10 GMT+08:00\"");
        assert_eq!(
            scalar("list-instances.txt: Table 4 Cluster"),
            "\"list-instances.txt: Table 4 Cluster\""
        );
        for s in [
            "10", "1.5", "true", "No", "null", "~", "", " x", "-1", "0x1F", "1e3",
        ] {
            assert!(scalar(s).starts_with('"'), "{s}");
        }
        assert_eq!(scalar("N/A"), "N/A");
        assert_eq!(scalar("1-100"), "1-100");
        assert_eq!(scalar("0.1.0"), "0.1.0");
    }

    #[test]
    fn blocks_and_items() {
        let mut w = Writer::new();
        w.str(2, "description", "a\n• b: c");
        str_item(&mut w, 4, "name", "x");
        str_item(&mut w, 4, "body", "{\n  \"a\" : 1\n}");
        assert_eq!(
            w.finish(),
            "  description: |-\n    a\n    • b: c\n    - name: x\n    - body: |-\n        {\n          \"a\" : 1\n        }\n"
        );
    }
}
