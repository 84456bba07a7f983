//! Control characters in kit texts: refused when the file is read, at the position of the
//! character or of the escape that wrote it (`\u0007`, `\e`, `\x1b`), and removed from the
//! value kept, so that no later stage draws one or prints it raw to a terminal. A line break
//! and a tab are text, not control.

use super::reader::Cx;
use std::ops::Range;

/// True for a character a kit text may not hold.
pub fn refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// The common name of a control character, for messages.
fn name(c: char) -> &'static str {
    match c {
        '\0' => "NUL",
        '\u{7}' => "BEL, the bell",
        '\u{8}' => "backspace",
        '\u{c}' => "form feed",
        '\u{1b}' => "ESC, the start of terminal commands",
        '\u{7f}' => "DEL",
        c if (c as u32) < 0x20 => "a C0 control character",
        _ => "a C1 control character",
    }
}

/// Where in `raw` (a string literal as written) each refused character is: its byte range,
/// covering the escape when it was written as one.
fn positions(raw: &str) -> Vec<(Range<usize>, char)> {
    let mut out = Vec::new();
    let mut it = raw.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if refused(c) {
            out.push((i..i + c.len_utf8(), c));
            continue;
        }
        if c != '\\' {
            continue;
        }
        let Some((_, e)) = it.next() else { break };
        let digits = match e {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            'b' => {
                out.push((i..i + 2, '\u{8}'));
                continue;
            }
            'f' => {
                out.push((i..i + 2, '\u{c}'));
                continue;
            }
            'e' => {
                out.push((i..i + 2, '\u{1b}'));
                continue;
            }
            _ => continue,
        };
        let mut hex = String::new();
        for _ in 0..digits {
            match it.peek() {
                Some((_, h)) if h.is_ascii_hexdigit() => {
                    hex.push(*h);
                    it.next();
                }
                _ => break,
            }
        }
        let decoded = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
        if let Some(ch) = decoded.filter(|c| refused(*c)) {
            out.push((i..i + 2 + hex.len(), ch));
        }
    }
    out
}

/// Records an error for every control character in `value` (read from the literal at
/// `span`) and returns the value without them.
pub fn clean(cx: &mut Cx, key: &str, span: Range<usize>, value: &str) -> String {
    if !value.chars().any(refused) {
        return value.to_string();
    }
    let raw = cx.source.get(span.clone()).unwrap_or("");
    let mut found = positions(raw);
    if found.is_empty() {
        // Not found in the literal as written (should not happen): point at the value.
        found = value
            .chars()
            .filter(|c| refused(*c))
            .map(|c| (0..span.len(), c))
            .collect();
    }
    for (range, c) in found {
        let at = span.start + range.start..span.start + range.end;
        cx.error(
            "control-character",
            at,
            format!(
                "`{key}` holds the control character U+{:04X} ({})",
                u32::from(c),
                name(c)
            ),
            "remove it: a printed kit holds only visible text (a line break or a tab is fine)"
                .into(),
        );
    }
    value.chars().filter(|c| !refused(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::positions;

    #[test]
    fn finds_escapes_and_literal_characters() {
        let p = positions(r#""a\u0007b\e\U0000001bc\x7f\n\t\\u0007""#);
        let at: Vec<(usize, usize, u32)> = p
            .iter()
            .map(|(r, c)| (r.start, r.end, u32::from(*c)))
            .collect();
        assert_eq!(
            at,
            [(2, 8, 7), (9, 11, 0x1b), (11, 21, 0x1b), (22, 26, 0x7f)]
        );
        assert_eq!(positions("\"a\u{1}b\"")[0].0, 2..3);
    }
}
