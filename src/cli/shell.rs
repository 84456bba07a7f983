//! `downkit completions` and `downkit man`: shell completion scripts and man pages, generated
//! from the same argument definitions the parser uses (so they never drift).

use super::{Cli, Exit};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// Prints the completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> Exit {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "downkit", &mut out);
    emit(&out)
}

/// Prints the man page `downkit(1)` on standard output, or with `dir` writes it and one page
/// per subcommand (`downkit-build.1`, …) into that folder.
pub fn man(dir: Option<&Path>) -> Exit {
    let cmd = Cli::command();
    let Some(dir) = dir else {
        let mut out = Vec::new();
        return match render(&cmd, &mut out) {
            Ok(()) => emit(&out),
            Err(e) => fail(&e),
        };
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create the folder `{}`: {e}", dir.display());
        return Exit::Failed;
    }
    let mut pages = vec![("downkit".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        // clap names are `&'static str`; a handful of short names for this one run.
        let name: &'static str = Box::leak(format!("downkit-{}", sub.get_name()).into_boxed_str());
        pages.push((name.to_string(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut out = Vec::new();
        if let Err(e) = render(&page, &mut out) {
            return fail(&e);
        }
        let target = dir.join(format!("{name}.1"));
        if let Err(e) = crate::write::write_atomic(&target, &out) {
            eprintln!("error: cannot write `{}`: {e}", target.display());
            return Exit::Failed;
        }
        println!("wrote {}", target.display());
    }
    Exit::Ok
}

/// One man page; the top-level page also lists the exit codes and the environment.
fn render(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    if cmd.get_name() == "downkit" {
        out.extend_from_slice(EXTRA.as_bytes());
    }
    Ok(())
}

/// Sections clap does not know: exit codes, environment, files, see also (roff).
const EXTRA: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success; \fBcheck\fR found no errors (warnings allowed unless \fB\-\-deny\-warnings\fR).
.TP
\fB1\fR
A kit has errors, a build or write failed, \fBdecode\fR found a printout that is not current,
\fBstatus\fR found something overdue, or \fBreconcile\fR found something that needs a person.
.TP
\fB2\fR
The command line is wrong (unknown option, bad date).
.SH ENVIRONMENT
.TP
\fBSOURCE_DATE_EPOCH\fR
The print date when \fB\-\-date\fR is not given (seconds since 1970).
.TP
\fBNO_COLOR\fR
When set, diagnostics are never coloured (as \fB\-\-color never\fR).
.SH FILES
.TP
\fIkit.toml\fR
A kit's main file; \fIdrills.toml\fR beside it is its drill log, \fIledger\-*.toml\fR its
back\-entry ledgers.
.TP
\fIout/<kit\-id>.last\-build.json\fR
What the last build printed, for \fBcheck\fR's version warning.
.SH "SEE ALSO"
The tutorial (docs/tutorial.md) and the kit format (docs/kit\-format.md) shipped with downkit.
"#;

/// Prints `text` on standard output (a closed pipe is not an error).
pub fn print(text: &str) -> Exit {
    emit(text.as_bytes())
}

fn emit(bytes: &[u8]) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`| head`) is not an error of downkit's.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => fail(&e),
    }
}

fn fail(e: &std::io::Error) -> Exit {
    eprintln!("error: cannot write: {e}");
    Exit::Failed
}
