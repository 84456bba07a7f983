//! Terminal safety: diagnostics quote the kit's files and values, which may hold control
//! characters (an ESC that starts a terminal command, a bell, a NUL). Everything written
//! through [`Safe`], or made [`visible`], shows a control character as its visible picture
//! (U+2400–U+2421, `␛` for ESC) or as U+FFFD, never as the raw byte. Line breaks and tabs
//! pass. Colour set through [`WriteColor`] still reaches the terminal.

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};
use std::io::{self, Write};

/// The visible stand-in for a control character other than a line break or a tab.
fn picture(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        c if c.is_control() => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every control character (but line breaks and tabs) made visible.
pub fn visible(text: &str) -> String {
    text.chars().map(|c| picture(c).unwrap_or(c)).collect()
}

/// A writer that makes control characters visible before they reach `inner`.
pub struct Safe<'w> {
    inner: &'w mut dyn WriteColor,
    /// A byte of a split UTF-8 sequence, kept until the next write.
    pending: Vec<u8>,
}

impl<'w> Safe<'w> {
    /// Wraps `inner`.
    pub fn new(inner: &'w mut dyn WriteColor) -> Self {
        Safe {
            inner,
            pending: Vec::new(),
        }
    }
}

impl Write for Safe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let (text, rest) = match std::str::from_utf8(&bytes) {
            Ok(t) => (t.to_string(), Vec::new()),
            Err(e) if e.error_len().is_none() => {
                // An incomplete sequence at the end: keep it for the next write.
                let (ok, rest) = bytes.split_at(e.valid_up_to());
                (String::from_utf8_lossy(ok).into_owned(), rest.to_vec())
            }
            Err(_) => (String::from_utf8_lossy(&bytes).into_owned(), Vec::new()),
        };
        self.pending = rest;
        self.inner.write_all(visible(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.inner
                .write_all(String::from_utf8_lossy(&rest).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl WriteColor for Safe<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::term::termcolor::NoColor;

    #[test]
    fn control_bytes_never_pass() {
        let mut out = NoColor::new(Vec::new());
        {
            let mut s = Safe::new(&mut out);
            s.write_all(b"a\x1b[2Jb\x07\x00\n\tc\x7f").unwrap();
            s.write_all(&[0xc2]).unwrap();
            s.write_all(&[0x85, b'd']).unwrap();
            s.flush().unwrap();
        }
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert_eq!(text, "a\u{241b}[2Jb\u{2407}\u{2400}\n\tc\u{2421}\u{fffd}d");
    }
}
