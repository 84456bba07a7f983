//! `downkit snapshot`: check the kit, read each dataset's export (`--data <id>=<file>`, or
//! the kit's fictional samples with `--sample`), build the snapshot, encrypt it when it
//! holds personal data, write it atomically and, with `--keep N`, remove older snapshots of
//! the kit from the output folder. Any error in the kit or an export: exit 1, nothing
//! written, the last good snapshot untouched.

use super::{password, Exit, Format};
use crate::compose::snapshot::{self as snap, SnapshotOptions};
use crate::data::{self, problem, Export};
use crate::diag::{self, has_errors, Severity};
use crate::lifecycle::snapshots;
use crate::model::Dataset;
use crate::{load, validate};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

/// What `downkit snapshot` was asked to do.
#[derive(Debug, Clone)]
pub struct Args {
    /// The kit.
    pub kit: PathBuf,
    /// `--data <id>=<file>`.
    pub data: Vec<(String, PathBuf)>,
    /// Use the kit's samples for datasets without `--data`.
    pub sample: bool,
    /// Output folder.
    pub out: PathBuf,
    /// `--as-of`.
    pub as_of: Option<NaiveDateTime>,
    /// `--password-file`.
    pub password_file: Option<PathBuf>,
    /// `--no-encrypt`.
    pub no_encrypt: bool,
    /// `--keep N`.
    pub keep: Option<usize>,
    /// `--paper`.
    pub paper: Option<crate::layout::Paper>,
    /// `-q`.
    pub quiet: bool,
    /// `--format`.
    pub format: Format,
    /// The day the kit is checked against (today).
    pub today: NaiveDate,
}

/// Runs `downkit snapshot`.
pub fn run(args: &Args) -> Exit {
    match snapshot(args) {
        Ok(()) => Exit::Ok,
        Err((code, msg)) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}");
            }
            code
        }
    }
}

type Failure = (Exit, String);

fn fail(msg: impl Into<String>) -> Failure {
    (Exit::Failed, msg.into())
}

fn snapshot(args: &Args) -> Result<(), Failure> {
    let loaded = load::load(&args.kit);
    let diags: Vec<_> = validate::check(&loaded, args.today)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if has_errors(&diags) {
        let mut err = super::stderr_color();
        let _ = diag::emit(&mut err, &loaded.sources, &diags);
        return Err(fail(format!(
            "{}: no snapshot written: the kit has errors (see `downkit check`)",
            args.kit.display()
        )));
    }
    let kit = &loaded.kit;
    let datasets: Vec<&Dataset> = kit.datasets.iter().filter(|d| d.prints()).collect();
    if datasets.is_empty() {
        return Err(fail(format!(
            "{}: the kit declares no [[dataset]] that prints anything",
            args.kit.display()
        )));
    }
    let files = inputs(args, &loaded, &datasets)?;
    let personal = datasets.iter().any(|d| d.personal());
    let encrypt = personal && !args.no_encrypt;
    // Before any export is read: a missing password stops the run with nothing read.
    let password = if encrypt {
        Some(password::read(args.password_file.as_deref()).map_err(fail)?)
    } else {
        None
    };
    let as_of = match args.as_of {
        Some(t) => t,
        None => as_of(args, &datasets, &files)?,
    };
    let fonts = validate::fonts_for(&loaded).map_err(|d| {
        fail(
            d.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let mut exports: Vec<Export> = Vec::new();
    let mut problems = Vec::new();
    for (ds, (path, shown)) in datasets.iter().zip(&files) {
        let given = args.data.iter().any(|(id, _)| *id == ds.id.v);
        let kit = (!given).then_some(&loaded.roots);
        let (export, mut p) = data::read_file(path, shown, ds, &fonts, kit);
        problems.append(&mut p);
        exports.extend(export);
    }
    for p in &problems {
        eprint!("{}", p.render());
    }
    if problem::has_errors(&problems) {
        let n = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        return Err(fail(format!(
            "no snapshot written: the export{} ha{} {n} error{}; the snapshots in {} are untouched",
            if files.len() == 1 { "" } else { "s" },
            if files.len() == 1 { "s" } else { "ve" },
            if n == 1 { "" } else { "s" },
            args.out.display()
        )));
    }
    let opts = SnapshotOptions {
        as_of,
        paper: args.paper,
    };
    let built = snap::snapshot(&loaded, &fonts, &exports, &opts).map_err(|e| fail(redacted(&e)))?;
    let bytes = match &password {
        Some(pw) => crate::render::encrypt_pdf(&built.output.bytes, pw)
            .map_err(|e| fail(format!("cannot encrypt the snapshot: {e}")))?,
        None => built.output.bytes.clone(),
    };
    if personal && args.no_encrypt {
        eprintln!(
            "warning: --no-encrypt: the snapshot holds personal data and is written UNENCRYPTED; \
             anyone who can read {} can read it",
            args.out.display()
        );
    }
    let target = super::write_output_as(
        &args.out,
        &built.output.file_name,
        &bytes,
        crate::write::Access::Private,
    )
    .map_err(fail)?;
    let protection = if encrypt {
        "encrypted (AES-256)"
    } else if personal {
        "NOT encrypted"
    } else {
        "no personal data, not encrypted"
    };
    if !args.quiet && args.format == Format::Human {
        println!(
            "{}: {} — {} pages, {protection}; data as of {}, destroy after {}",
            args.kit.display(),
            target.display(),
            built.output.pages,
            as_of.format("%Y-%m-%d %H:%M"),
            built.destroy_after
        );
        for e in &exports {
            let marked = match e.flagged() {
                0 => String::new(),
                1 => ", 1 value marked".into(),
                n => format!(", {n} values marked"),
            };
            println!(
                "  {}: {} rows from {} ({}){marked}",
                e.dataset,
                e.rows.len(),
                e.source,
                e.encoding
            );
        }
    }
    let removed = match args.keep {
        Some(keep) => rotate(
            &args.out,
            &kit.meta.id.v,
            &built.output.file_name,
            keep,
            args.format,
        )?,
        None => Vec::new(),
    };
    if args.format == Format::Json {
        let v = serde_json::json!({
            "kit": kit.meta.id.v,
            "file": target.display().to_string(),
            "pages": built.output.pages,
            "personal_data": personal,
            "encrypted": encrypt,
            "as_of": as_of.format("%Y-%m-%d %H:%M").to_string(),
            "destroy_after": built.destroy_after.to_string(),
            "datasets": exports.iter().map(|e| serde_json::json!({
                "id": e.dataset,
                "rows": e.rows.len(),
                "source": e.source,
                "encoding": e.encoding,
                "marked": e.flagged(),
            })).collect::<Vec<_>>(),
            "removed": removed.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        });
        super::print_json(&v);
    }
    Ok(())
}

/// The export file of every dataset (path, and how problems name it), in the order of
/// `datasets`.
fn inputs(
    args: &Args,
    loaded: &load::Loaded,
    datasets: &[&Dataset],
) -> Result<Vec<(PathBuf, String)>, Failure> {
    let usage = |m: String| (Exit::Usage, m);
    let ids: Vec<&str> = datasets.iter().map(|d| d.id.v.as_str()).collect();
    for (i, (id, _)) in args.data.iter().enumerate() {
        if !ids.contains(&id.as_str()) {
            let near = ids.iter().find(|k| strsim::damerau_levenshtein(id, k) <= 2);
            let hint = match near {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the kit's datasets are: {}", ids.join(", ")),
            };
            return Err(usage(format!("--data names no dataset `{id}`: {hint}")));
        }
        if args.data[..i].iter().any(|(other, _)| other == id) {
            return Err(usage(format!("--data gives dataset `{id}` twice")));
        }
    }
    datasets
        .iter()
        .map(|d| {
            if let Some((_, p)) = args.data.iter().find(|(id, _)| *id == d.id.v) {
                return Ok((p.clone(), p.display().to_string()));
            }
            match (validate::sample_path(loaded, d), args.sample) {
                (Some(Ok(found)), true) => Ok(found),
                (Some(Err(e)), true) => Err(fail(e.message)),
                (None, true) => Err(usage(format!(
                    "dataset `{}` has no `sample`: give its export with --data {}=<file>",
                    d.id.v, d.id.v
                ))),
                _ => Err(usage(format!(
                    "no export for dataset `{}`: give it with --data {}=<file> (or --sample for the kit's fictional sample)",
                    d.id.v, d.id.v
                ))),
            }
        })
        .collect()
}

/// The data time when `--as-of` is not given: the samples' `sample-as-of` with `--sample`,
/// else the time the oldest export was last written (its data can be no newer).
fn as_of(
    args: &Args,
    datasets: &[&Dataset],
    files: &[(PathBuf, String)],
) -> Result<NaiveDateTime, Failure> {
    if args.sample && args.data.is_empty() {
        if let Some(t) = datasets
            .iter()
            .filter_map(|d| d.sample_as_of.as_ref().map(|a| a.v))
            .min()
        {
            return Ok(t);
        }
    }
    let mut oldest: Option<NaiveDateTime> = None;
    for (path, shown) in files {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).map_err(|e| {
            fail(format!("cannot read the time of the export {shown}: {}; give --as-of \"YYYY-MM-DD HH:MM\"", e.kind()))
        })?;
        let local = chrono::DateTime::<chrono::Local>::from(modified).naive_local();
        let minute = local.format("%Y-%m-%d %H:%M").to_string();
        let t = NaiveDateTime::parse_from_str(&minute, "%Y-%m-%d %H:%M").unwrap_or(local);
        oldest = Some(oldest.map_or(t, |o: NaiveDateTime| o.min(t)));
    }
    oldest.ok_or_else(|| fail("no export to take the data time from; give --as-of"))
}

/// A build error as told to the user: a layout problem names the block and its kit line,
/// never the text of a value that did not fit.
fn redacted(e: &crate::compose::BuildError) -> String {
    use crate::layout::LayoutError;
    match e {
        crate::compose::BuildError::Layout(l) => l
            .all()
            .into_iter()
            .map(|one| match one {
                LayoutError::TooNarrow {
                    origin, width_mm, ..
                } => {
                    let at = origin
                        .location
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    format!(
                        "{}{at}: a value does not fit its column, {width_mm:.1} mm wide",
                        origin.what
                    )
                }
                // A header line's text may hold a group's value from the export.
                LayoutError::TooWide {
                    origin,
                    what,
                    needed_mm,
                    available_mm,
                } => format!(
                    "{}: {what} needs {needed_mm:.1} mm but only {available_mm:.1} mm is available",
                    unquoted(&origin.what)
                ),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// `s` with every "quoted" text replaced by "…".
fn unquoted(s: &str) -> String {
    s.split('"')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("\"")
}

/// Removes the older snapshots of `kit_id` in `out` beyond the newest `keep` (the one just
/// written always stays) and says which, also under `-q` (with `--format json`, in the
/// JSON object: the paths removed are returned). Only regular files named exactly as downkit names
/// snapshots of this kit are touched; nothing in subfolders, no symlinks.
fn rotate(
    out: &Path,
    kit_id: &str,
    written: &str,
    keep: usize,
    format: Format,
) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(out).map_err(|e| {
        fail(format!(
            "cannot list {} to remove old snapshots: {e}",
            out.display()
        ))
    })?;
    let mut files = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(t) = snapshots::as_of(kit_id, &name) else {
            continue;
        };
        if e.file_type().is_ok_and(|t| t.is_file()) {
            files.push((name, t));
        }
    }
    let mut failed = Vec::new();
    let mut removed = Vec::new();
    for name in snapshots::to_remove(&files, written, keep) {
        let path = out.join(name);
        match std::fs::remove_file(&path) {
            // Said even with -q: removing a file of personal data is never silent.
            Ok(()) => {
                if format == Format::Human {
                    println!("removed {} (keeping the newest {keep})", path.display());
                }
                removed.push(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => failed.push(format!("cannot remove {}: {e}", path.display())),
        }
    }
    if failed.is_empty() {
        Ok(removed)
    } else {
        Err(fail(failed.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_text_is_left_out_of_messages() {
        assert_eq!(
            super::unquoted(r#"page header "Besök – Norr – Tisdag" at the top"#),
            r#"page header "…" at the top"#
        );
        assert_eq!(super::unquoted("no quotes"), "no quotes");
    }
}
