//! Writes spec files: one serializer (serde-saphyr) for every file a tool writes, in the
//! layout of the hand-written spec: the comment lines first (the schema line, what made the
//! file), two-space indents, list items indented under their key, `|-` blocks for multi-line
//! text, keys in the order of the format's types, and a blank line between top-level sections
//! and between the entries of `types:` and `enums:`.

use serde::Serialize;
use serde_saphyr::SerializerOptions;

/// The YAML text of `value` under the comment lines `comments` (each written as `# line`).
pub fn to_yaml<T: Serialize>(comments: &[String], value: &T) -> Result<String, String> {
    let mut options = SerializerOptions::default();
    options.compact_list_indent = false;
    // No folding of long lines: a description stays one line, as the page writes it.
    options.folded_wrap_chars = usize::MAX;
    let body = serde_saphyr::to_string_with_options(value, options)
        .map_err(|e| format!("cannot write the spec as YAML: {e}"))?;
    let mut out: String = comments.iter().map(|c| format!("# {c}\n")).collect();
    let mut section = "";
    let mut first_entry = true;
    for (i, line) in body.lines().enumerate() {
        let top = !line.starts_with([' ', '#', '-']) && !line.is_empty();
        if top {
            if i > 0 {
                out.push('\n');
            }
            section = line.split(':').next().unwrap_or("");
            first_entry = true;
        } else if matches!(section, "types" | "enums")
            && line.starts_with("  ")
            && !line.starts_with("   ")
            && !line.starts_with("  -")
        {
            if !first_entry {
                out.push('\n');
            }
            first_entry = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Serialize)]
    struct Doc {
        a: Inner,
        types: BTreeMap<String, Inner>,
    }

    #[derive(Serialize)]
    struct Inner {
        text: String,
        items: Vec<String>,
    }

    #[test]
    fn the_spec_layout() {
        let inner = |t: &str| Inner {
            text: t.into(),
            items: vec!["x: y".into()],
        };
        let doc = Doc {
            a: inner("one line"),
            types: [("A".into(), inner("two\nlines")), ("B".into(), inner(""))].into(),
        };
        let text = to_yaml(&["schema".into()], &doc).unwrap();
        assert_eq!(
            text,
            "# schema\na:\n  text: one line\n  items:\n    - \"x: y\"\n\ntypes:\n  A:\n    text: |-\n      two\n      lines\n    items:\n      - \"x: y\"\n\n  B:\n    text: \"\"\n    items:\n      - \"x: y\"\n"
        );
    }
}
