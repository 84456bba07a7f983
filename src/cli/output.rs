//! What the command line writes: JSON for scripts, diagnostics coloured as `--color` says,
//! built files into the output folder.

use super::args::ColorWhen;
use std::path::{Path, PathBuf};

/// The `--color` of this run (set once by [`super::run`]).
pub(super) static COLOR: std::sync::OnceLock<ColorWhen> = std::sync::OnceLock::new();

/// True when diagnostics written to standard error are coloured in this run.
pub fn color_on() -> bool {
    use std::io::IsTerminal;
    match COLOR.get().copied().unwrap_or_default() {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Prints a result for scripts (`--format json`): pretty JSON and a newline on standard
/// output.
pub fn print_json(v: &impl serde::Serialize) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

/// Writes one built PDF into the output folder (created when missing), atomically; the
/// error says what to tell the user.
pub fn write_output(out: &Path, file_name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    write_output_as(out, file_name, bytes, crate::write::Access::Shared)
}

/// [`write_output`] with the given access (snapshots are [`crate::write::Access::Private`]).
pub fn write_output_as(
    out: &Path,
    file_name: &str,
    bytes: &[u8],
    access: crate::write::Access,
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    let target = out.join(file_name);
    crate::write::write_as(&target, bytes, access).map_err(|e| e.to_string())?;
    Ok(target)
}

/// A stderr stream coloured as `--color` says (see [`color_on`]).
pub fn stderr_color() -> codespan_reporting::term::termcolor::StandardStream {
    use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
    let choice = if color_on() {
        ColorChoice::AlwaysAnsi
    } else {
        ColorChoice::Never
    };
    StandardStream::stderr(choice)
}

/// Diagnostics rendered into text, coloured as `--color` says, for printing later.
pub fn render_diagnostics(
    sources: &crate::load::Sources,
    diags: &[crate::diag::Diagnostic],
) -> String {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    let mut text = Vec::new();
    if color_on() {
        let _ = crate::diag::emit(&mut Ansi::new(&mut text), sources, diags);
    } else {
        let _ = crate::diag::emit(&mut NoColor::new(&mut text), sources, diags);
    }
    String::from_utf8_lossy(&text).into_owned()
}
