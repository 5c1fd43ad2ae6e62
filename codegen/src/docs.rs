//! Page text to rustdoc markdown: escaped so rustdoc reads no links, HTML or code blocks in it.

/// Turns a page description into doc lines: trimmed, `•` bullets as markdown list items with
/// blank lines around lists, markdown punctuation escaped, bare URLs wrapped in `<...>`.
pub fn from_page(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_bullet = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            prev_bullet = false;
            continue;
        }
        let (bullet, body) = match line.strip_prefix('•') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        if bullet != prev_bullet && out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
        let escaped = escape_line(body);
        out.push(if bullet {
            format!("- {escaped}")
        } else {
            escaped
        });
        prev_bullet = bullet;
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Escapes one line of page text for markdown.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(i) = find_url(rest) {
            escape_into(&rest[..i], &mut out);
            let url_end = rest[i..]
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
                .map_or(rest.len(), |j| i + j);
            let url = rest[i..url_end].trim_end_matches(['.', ',', ';', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[i + url.len()..];
        } else {
            escape_into(rest, &mut out);
            break;
        }
    }
    // A line starting with a digit run and '.' or ')' would start an ordered list: fine; one
    // starting with '#', '>', '+', '=' or '-' followed by space would not be text any more.
    if out.starts_with(['#', '+', '=']) {
        out.insert(0, '\\');
    }
    out
}

fn find_url(s: &str) -> Option<usize> {
    ["https://", "http://"]
        .iter()
        .filter_map(|p| s.find(p))
        .min()
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '_' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_become_a_list_with_blank_lines() {
        let got = from_page(
            "Billing mode. The options are as follows:\n• Period: yearly/monthly\n• Demand: on-demand\nMore.",
        );
        assert_eq!(
            got,
            vec![
                "Billing mode. The options are as follows:",
                "",
                "- Period: yearly/monthly",
                "- Demand: on-demand",
                "",
                "More."
            ]
        );
    }

    #[test]
    fn markdown_and_html_are_escaped_urls_wrapped() {
        assert_eq!(
            escape_line("Array<String> [x] *y* `z` a_b"),
            "Array\\<String\\> \\[x\\] \\*y\\* \\`z\\` a\\_b"
        );
        assert_eq!(
            escape_line("see https://support.example.com/x."),
            "see <https://support.example.com/x>."
        );
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
    }
}
