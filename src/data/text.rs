//! An export's bytes → text: a byte order mark (UTF-8, UTF-16) decides; else UTF-8 when
//! the bytes are valid UTF-8, else Windows-1252, the encoding Swedish care systems and Excel
//! write "ANSI"/Latin-1 files in (WHATWG, which `encoding_rs` follows, reads ISO-8859-1 as
//! Windows-1252). And byte offsets of the text → line and column.

use super::problem::{Pos, Problem};
use crate::model::dataset::Encoding;
use encoding_rs::{UTF_8, WINDOWS_1252};

/// The export's text and the name of the encoding it was read in.
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// "UTF-8", "windows-1252", "UTF-16LE" …
    pub encoding: &'static str,
}

/// Decodes `bytes` as `declared`; `file` names the export in problems.
pub fn decode(bytes: &[u8], declared: Encoding, file: &str) -> Result<Decoded, Problem> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Problem::error(
                "bad-encoding",
                file,
                format!(
                    "the export starts with a {} byte order mark but is not {} text",
                    enc.name(),
                    enc.name()
                ),
            )
            .hint("export the file again as UTF-8 or Windows-1252 (\"ANSI\")"));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    let utf8 = |bytes: &[u8]| {
        std::str::from_utf8(bytes).map(|t| Decoded {
            text: t.to_string(),
            encoding: UTF_8.name(),
        })
    };
    match declared {
        Encoding::Auto => Ok(utf8(bytes).unwrap_or_else(|_| windows_1252(bytes))),
        Encoding::Windows1252 => Ok(windows_1252(bytes)),
        Encoding::Utf8 => utf8(bytes).map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let lines = Lines::new(&text);
            Problem::error(
                "bad-encoding",
                file,
                format!("the export is not UTF-8 text (byte 0x{:02X})", bytes[e.valid_up_to()]),
            )
            .at(lines.pos(&text, text.len()))
            .hint("the file is probably Windows-1252 (\"ANSI\"): set `encoding = \"windows-1252\"`, or leave `encoding` out to detect it")
        }),
    }
}

fn windows_1252(bytes: &[u8]) -> Decoded {
    // Every byte is a character in Windows-1252: decoding cannot fail.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1252.name(),
    }
}

/// Where the lines of a text start, to turn byte offsets into line and column.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the lines of `text` (`\n`, `\r\n` and a lone `\r` end a line).
    pub fn new(text: &str) -> Lines {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for (i, c) in b.iter().enumerate() {
            let ends = *c == b'\n' || (*c == b'\r' && b.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(i + 1);
            }
        }
        Lines { starts }
    }

    /// The line and column (in characters, from 1) of byte `offset` of `text`.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line];
        let col = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Pos {
            line: line + 1,
            col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let latin = b"Namn;Ort\n\xc5sa;G\xe4vle\n";
        let d = decode(latin, Encoding::Auto, "f").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Åsa;Gävle"));
        let utf = "Namn;Ort\nÅsa;Gävle\n".as_bytes();
        assert_eq!(decode(utf, Encoding::Auto, "f").unwrap().encoding, "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf);
        let d = decode(&bom, Encoding::Windows1252, "f").unwrap();
        assert!(d.text.starts_with("Namn"), "the BOM is dropped and wins");
        let e = decode(latin, Encoding::Utf8, "f").err().unwrap();
        assert_eq!(e.position(), "f:2:1");
        assert!(e.message.contains("0xC5"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Namn;Ort\nÅsa".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert!(decode(&utf16, Encoding::Auto, "f")
            .unwrap()
            .text
            .ends_with("Åsa"));
    }

    #[test]
    fn positions() {
        let t = "ab\r\nåäö;x\ry";
        let l = Lines::new(t);
        assert_eq!(l.pos(t, 0), Pos { line: 1, col: 1 });
        let x = t.find('x').unwrap();
        assert_eq!(l.pos(t, x), Pos { line: 2, col: 5 });
        assert_eq!(l.pos(t, t.len() - 1), Pos { line: 3, col: 1 });
    }
}
