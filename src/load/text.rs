//! Reading a kit file's text: through the kit's roots ([`super::Roots::read`]: inside the kit
//! folder or a shared folder, a regular file only), at most a given size, UTF-8 without NUL
//! bytes, not empty; every refusal is a diagnostic naming the file.

use super::open::OpenError;
use super::Roots;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// How much of a kind of file is read, and what to say when it is larger.
pub struct Limit {
    /// Largest size read, bytes.
    pub max: u64,
    /// The kind of file, for the message ("a kit file").
    pub what: &'static str,
    /// How to fix a file that is too large.
    pub hint: &'static str,
}

/// A kit file (`kit.toml` or an include).
pub const KIT_FILE: Limit = Limit {
    max: super::MAX_FILE_BYTES,
    what: "a kit file",
    hint: "split the kit into several files with `include`",
};

/// The drill log.
pub const DRILL_LOG: Limit = Limit {
    max: super::MAX_DRILL_LOG_BYTES,
    what: "the drill log",
    hint: "move the oldest drills into another file (kept for the record, not read)",
};

/// The shelf-check log.
pub const SHELF_LOG: Limit = Limit {
    max: super::MAX_DRILL_LOG_BYTES,
    what: "the shelf-check log",
    hint: "move the oldest checks into another file (kept for the record, not read)",
};

/// Reads the text of the kit's file at `path` (shown as `shown`) within `limit`; returns its
/// real path and its text.
pub fn read_text(
    roots: &Roots,
    path: &Path,
    shown: &str,
    limit: &Limit,
) -> Result<(PathBuf, String), Diagnostic> {
    let Limit { max, what, hint } = *limit;
    let (canon, bytes) = roots.read(path, max).map_err(|e| match e {
        OpenError::Outside(to) => Diagnostic::file_error(
            "outside-kit",
            shown,
            format!(
                "`{shown}` is a link to {}, outside the kit folder and its shared folders; it is not read",
                to.display()
            ),
        )
        .hint("put the file itself into the kit folder, or declare its folder in [kit] as `shared-folders = [\"../shared\"]`"),
        OpenError::NotRegular(kind) => Diagnostic::file_error(
            "not-a-file",
            shown,
            format!("`{shown}` is {kind}, not a TOML file"),
        )
        .hint("name an ordinary text file; downkit never reads pipes, devices or folders"),
        OpenError::TooLarge { len, .. } => Diagnostic::file_error(
            "file-too-large",
            shown,
            format!("`{shown}` is {len} bytes; {what} may be at most {max}"),
        )
        .hint(hint),
        other => Diagnostic::file_error(
            "not-found",
            shown,
            format!("cannot read `{shown}`: {other}"),
        ),
    })?;
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(Diagnostic::file_error(
            "not-utf8",
            shown,
            format!("`{shown}` is {encoding} text; save it as UTF-8"),
        )
        .hint(
            "in most editors: Save as… → Encoding: UTF-8 (in Notepad: \"UTF-8\", not \"Unicode\")",
        ));
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::file_error(
            "binary-file",
            shown,
            format!("`{shown}` is a binary file, not TOML text"),
        )
        .hint("a kit is a UTF-8 text file in TOML format"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::file_error(
            "not-utf8",
            shown,
            format!(
                "`{shown}` is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .hint("save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(
            Diagnostic::file_error("empty-file", shown, format!("`{shown}` is empty"))
                .hint("start from a template with `downkit init <dir>`"),
        );
    }
    Ok((canon, text))
}

/// `Some("UTF-16")` (or UTF-32) for text in a wide encoding: by its byte-order mark, or, without
/// one, by NUL bytes in every other position of mostly-ASCII text.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xfe, 0, 0]) || bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        return Some("UTF-32");
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Some("UTF-16");
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |k: usize| head.iter().skip(k).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    // ASCII in UTF-16: one byte of every pair is zero (the high byte), the other is not.
    (even.max(odd) * 10 >= pairs * 9 && even.min(odd) * 10 <= pairs).then_some("UTF-16")
}

#[cfg(test)]
mod tests {
    use super::wide_encoding;

    #[test]
    fn wide_encodings() {
        let le: Vec<u8> = "[kit]\nid = 1"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "[kit]\nid = 1"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(wide_encoding(&le), Some("UTF-16"));
        assert_eq!(wide_encoding(&be), Some("UTF-16"));
        assert_eq!(wide_encoding(&[0xff, 0xfe, b'a', 0]), Some("UTF-16"));
        assert_eq!(wide_encoding(b"[kit]\nid = 1"), None);
        assert_eq!(wide_encoding(b"a\0b\0\0\0\0c"), None);
    }
}
