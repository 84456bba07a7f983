//! The password a snapshot is encrypted with: from a file (`--password-file`, the first
//! line) or the environment variable [`ENV`], never from the command line, where every user
//! of the machine can read it in the process list and the shell keeps it in its history.

use std::path::Path;

/// The environment variable a password may be given in.
pub const ENV: &str = "DOWNKIT_PASSWORD";
/// Fewest characters a password may have: the file may be copied off the PC, and a short
/// password is guessed offline in hours.
pub const MIN_CHARS: usize = 12;
/// Largest password file read, bytes.
const MAX_FILE: u64 = 4096;

/// The password, from `file` when given, else from [`ENV`].
pub fn read(file: Option<&Path>) -> Result<String, String> {
    let pw = match file {
        Some(f) => from_file(f)?,
        None => match std::env::var(ENV) {
            Ok(v) if !v.is_empty() => v,
            Ok(_) | Err(std::env::VarError::NotPresent) => {
                return Err(format!(
                    "the snapshot holds personal data and is written encrypted, but no password was given: \
                     use --password-file FILE (a file only the job's user can read) or the environment \
                     variable {ENV}; --no-encrypt writes it unprotected"
                ))
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(format!("{ENV} is not valid UTF-8 text"))
            }
        },
    };
    check(&pw)?;
    Ok(pw)
}

/// A password file: its first line, without the line break. Read like every other input:
/// a regular file only (never a FIFO or a device), opened without blocking, size-capped.
fn from_file(f: &Path) -> Result<String, String> {
    use crate::load::open::{read_regular, OpenError};
    let shown = f.display();
    let bytes = read_regular(f, MAX_FILE).map_err(|e| match e {
        OpenError::NotRegular(_) | OpenError::TooLarge { .. } => format!(
            "the password file {shown} must be a small text file with the password on its first line ({e})"
        ),
        e => format!("cannot read the password file {shown}: {e}"),
    })?;
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(f) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: the password file {shown} can be read by other users; make it private: chmod 600 {shown}"
            );
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("the password file {shown} is not UTF-8 text"))?;
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    if line.is_empty() {
        return Err(format!(
            "the password file {shown} is empty: put the password on its first line"
        ));
    }
    Ok(line)
}

/// Long enough to resist guessing, short enough for the PDF security handler.
fn check(pw: &str) -> Result<(), String> {
    if pw.chars().count() < MIN_CHARS {
        return Err(format!(
            "the password has fewer than {MIN_CHARS} characters; use a passphrase of a few words"
        ));
    }
    if pw.len() > crate::render::MAX_PASSWORD_BYTES {
        return Err(format!(
            "the password is longer than {} bytes, the most a PDF password may have",
            crate::render::MAX_PASSWORD_BYTES
        ));
    }
    if pw.chars().any(char::is_control) {
        return Err("the password has a control character in it".into());
    }
    Ok(())
}
