//! Showing text that came from elsewhere (a server, a file) on a terminal.

use std::borrow::Cow;
use std::fmt;

/// Displays text a server may have sent with its control characters escaped
/// (as Rust escapes them: `\n`, `\u{1b}`, ...), so that it cannot forge
/// lines, move the cursor, clear the screen or set a terminal's title: C0
/// and C1 controls, `DEL`, and the Unicode bidirectional overrides and
/// isolates, which can reorder what a terminal shows. Everything else is
/// written as it is.
///
/// ```
/// use huaweicloud_sdk_core::text::Escaped;
///
/// assert_eq!(Escaped("ok\x1b]0;pwned\x07\nerror: x").to_string(), "ok\\u{1b}]0;pwned\\u{7}\\nerror: x");
/// assert_eq!(Escaped("数据 é").to_string(), "数据 é");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_unsafe_char) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            for escaped in c.escape_debug() {
                fmt::Write::write_char(f, escaped)?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// `text` escaped as [`Escaped`] shows it, borrowed when nothing needed escaping.
///
/// ```
/// use huaweicloud_sdk_core::text::escape_control;
/// assert_eq!(escape_control("ok"), "ok");
/// assert_eq!(escape_control("a\nerror: forged\x1b]0;t\x07"), "a\\nerror: forged\\u{1b}]0;t\\u{7}");
/// ```
#[must_use]
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if text.contains(is_unsafe_char) {
        Cow::Owned(Escaped(text).to_string())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_control_character_and_nothing_else() {
        assert!(matches!(
            escape_control("plain é 名 a\\b"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_control("\r\n\t\u{7f}\u{9b}"),
            "\\r\\n\\t\\u{7f}\\u{9b}"
        );
        assert_eq!(escape_control("\u{202e}x"), "\\u{202e}x");
        for c in (0..=0x9f_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_control())
        {
            let shown = escape_control(&c.to_string()).into_owned();
            assert!(!shown.chars().any(char::is_control), "{c:?} -> {shown:?}");
        }
    }
}
