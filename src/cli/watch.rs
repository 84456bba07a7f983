//! `downkit watch`: rebuild a kit each time one of its files is saved, print one line per
//! build (or the diagnostics), and never put a broken PDF in place of the last good one.

use super::{Exit, Format};
use crate::app::compile::{compile_all, Compiled};
use crate::compose::BuildOptions;
use crate::lifecycle::LastBuild;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait after a change for the rest of an editor's save (write, rename, chmod).
const SETTLE: Duration = Duration::from_millis(150);

/// Builds `kit` into `out`, then again after every change to its files, until interrupted.
pub fn run(kit: &Path, out: &Path, opts: &BuildOptions, format: Format) -> Exit {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return Exit::Failed;
        }
    };
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    // The kit's own folder is watched before the first build, so that no save is missed.
    let home = folder_of(kit);
    if let Err(e) = watcher.watch(&home, RecursiveMode::NonRecursive) {
        eprintln!("error: cannot watch `{}`: {e}", home.display());
        return Exit::Failed;
    }
    watched.insert(home);
    if format == Format::Human {
        eprintln!(
            "watching {} — every save rebuilds into {}; Ctrl-C stops",
            kit.display(),
            out.display()
        );
    }
    loop {
        let files = rebuild(kit, out, opts, format);
        // Folders, not files: editors save by writing a new file and renaming it over the old.
        let folders: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for f in folders.difference(&watched.clone()) {
            match watcher.watch(f, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    watched.insert(f.clone());
                }
                Err(e) => eprintln!("warning: cannot watch `{}`: {e}", f.display()),
            }
        }
        if !wait_for_change(&rx, &files) {
            return Exit::Ok;
        }
    }
}

/// The folder a kit argument names: itself, or a kit file's folder.
fn folder_of(kit: &Path) -> PathBuf {
    let folder = if kit.is_dir() {
        kit.to_path_buf()
    } else {
        kit.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    std::fs::canonicalize(&folder).unwrap_or(folder)
}

/// Blocks until a file of the kit (or a new `.toml` beside them) changes; false when the
/// watcher has gone away.
fn wait_for_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>, files: &[PathBuf]) -> bool {
    let relevant = |e: &notify::Event| {
        e.paths.iter().any(|p| {
            files.iter().any(|f| f == p)
                || p.extension().is_some_and(|x| x == "toml")
                || p.file_name().is_some_and(|n| n == "kit.toml")
        })
    };
    loop {
        match rx.recv() {
            Ok(Ok(e)) if relevant(&e) && !matches!(e.kind, notify::EventKind::Access(_)) => break,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
    // Let the save finish, then swallow the events it made.
    while rx.recv_timeout(SETTLE).is_ok() {}
    true
}

/// One build: writes the PDFs and the build record when the kit is good, prints one line
/// (or the diagnostics); returns the kit's files, canonical, to watch.
fn rebuild(kit: &Path, out: &Path, opts: &BuildOptions, format: Format) -> Vec<PathBuf> {
    let Some(built) = compile_all(&[kit.to_path_buf()], opts).pop() else {
        return Vec::new();
    };
    let files = built.files();
    let time = chrono::Local::now().format("%H:%M:%S").to_string();
    let (event, detail) = match built.compiled {
        Compiled::Invalid(diags) => {
            let errors = Compiled::error_count(&diags);
            if format == Format::Human {
                eprint!(
                    "{}",
                    super::render_diagnostics(&built.loaded.sources, &diags)
                );
            }
            let s = if errors == 1 { "" } else { "s" };
            (
                "invalid",
                format!("not built: {errors} error{s}; the last good PDF is kept"),
            )
        }
        Compiled::Failed(text) => (
            "failed",
            format!("not built: {text}; the last good PDF is kept"),
        ),
        Compiled::Built(outputs, _warnings, record) => match write(out, &outputs, &record) {
            Ok(line) => ("built", line),
            Err(e) => ("failed", format!("not written: {e}")),
        },
    };
    match format {
        Format::Human => eprintln!("{time} {}: {detail}", kit.display()),
        Format::Json => println!(
            "{}",
            serde_json::json!({"event": event, "kit": kit.display().to_string(), "message": detail})
        ),
    }
    files
}

/// Writes the outputs and the build record; the line to print.
fn write(
    out: &Path,
    outputs: &[crate::compose::Output],
    record: &LastBuild,
) -> Result<String, String> {
    let mut written = Vec::new();
    for o in outputs {
        let target = super::write_output(out, &o.file_name, &o.bytes)?;
        let s = if o.pages == 1 { "" } else { "s" };
        written.push(format!("{} ({} page{s})", target.display(), o.pages));
    }
    crate::app::compile::write_record(out, record.clone())?;
    Ok(format!("built {}", written.join(", ")))
}
