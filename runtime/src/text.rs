//! Showing text that came from elsewhere (a server, a file) on a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character (C0, DEL and C1: ESC, BEL, CR, LF, ...) escaped as
/// `\u{1b}`, and backslashes doubled, so text a server sent cannot forge lines, move the
/// cursor or set the window title when printed. Text without them is returned as it is.
///
/// ```
/// use huaweicloud_sdk_core::text::escape_control;
/// assert_eq!(escape_control("ok"), "ok");
/// assert_eq!(escape_control("a\nerror: forged\x1b]0;t\x07"), "a\\u{a}error: forged\\u{1b}]0;t\\u{7}");
/// ```
#[must_use]
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || c == '\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_control_character_and_nothing_else() {
        assert!(matches!(escape_control("plain é 名"), Cow::Borrowed(_)));
        assert_eq!(escape_control("a\\b"), "a\\\\b");
        assert_eq!(
            escape_control("\r\n\t\u{7f}\u{9b}"),
            "\\u{d}\\u{a}\\u{9}\\u{7f}\\u{9b}"
        );
        for c in (0..=0x9f_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_control())
        {
            let shown = escape_control(&c.to_string()).into_owned();
            assert!(!shown.chars().any(char::is_control), "{c:?} -> {shown:?}");
        }
    }
}
