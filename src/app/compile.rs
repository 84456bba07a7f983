//! Compiling kits: load → validate (every check `build` runs, the ids of the other kits of
//! the run and `--copies` among them) → fonts → compose, lay out and render. `build`,
//! `watch` and the PDF `serve` hands out all come from [`compile`], so they cannot differ.

use crate::compose::{self, BuildOptions, Output};
use crate::diag::{self, has_errors, Diagnostic};
use crate::fonts::FontSet;
use crate::lifecycle::LastBuild;
use crate::load::{self, Loaded};
use crate::validate;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What compiling one kit came to.
pub enum Compiled {
    /// Not built: the kit has errors (every diagnostic, warnings too, sorted).
    Invalid(Vec<Diagnostic>),
    /// Built: the outputs, the warnings (validation and layout, as `check` shows them) and
    /// the record to keep of the build.
    Built(Vec<Output>, Vec<Diagnostic>, LastBuild),
    /// Checked, but it could not be built (its fonts, or the PDF writer): why.
    Failed(String),
}

impl Compiled {
    /// The errors among the diagnostics of an invalid kit.
    pub fn error_count(diags: &[Diagnostic]) -> usize {
        diags
            .iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .count()
    }
}

/// One kit of a run, compiled.
pub struct Kit {
    /// The path it was given as.
    pub path: PathBuf,
    /// The kit as loaded (its sources show the diagnostics).
    pub loaded: Loaded,
    /// What compiling it came to.
    pub compiled: Compiled,
}

impl Kit {
    /// The files the kit was read from (canonical paths), to watch.
    pub fn files(&self) -> Vec<PathBuf> {
        (0..self.loaded.sources.len())
            .map(|i| self.loaded.sources.path(i).to_path_buf())
            .collect()
    }
}

/// Loads each kit and finds, for each, the errors for an id another of `kits` also has.
pub fn load_all(kits: &[PathBuf]) -> Vec<(Loaded, Vec<Diagnostic>)> {
    let loaded: Vec<Loaded> = kits.iter().map(|p| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().cloned().zip(loaded.iter()).collect();
    let duplicates = super::ids::duplicates(&pairs);
    loaded.into_iter().zip(duplicates).collect()
}

/// The fonts of a kit that passes every check `build` runs on `today` with `copies` — the
/// start of every command that makes a PDF of a kit; else the diagnostics that stop it
/// (the validation's, errors and warnings, or the fonts' errors).
pub fn ready(
    loaded: &Loaded,
    today: NaiveDate,
    copies: Option<u32>,
) -> Result<(FontSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let diags = validate::with_copies(validate::check(loaded, today), &loaded.kit, copies);
    if has_errors(&diags) {
        return Err(diags);
    }
    let fonts = validate::fonts_for(loaded)?;
    Ok((fonts, diags))
}

/// Writes the build record into `out` (which exists), keeping the print runs recorded
/// before, under the record's lock so that builds at the same moment all land.
pub fn write_record(out: &Path, record: LastBuild) -> Result<PathBuf, String> {
    let path = out.join(LastBuild::file_name(&record.kit));
    crate::write::update_locked(
        &path,
        crate::lifecycle::MAX_RECORD_BYTES,
        crate::write::Access::Shared,
        |old| {
            // A record that cannot be read is replaced: it only held earlier runs.
            let earlier = old.and_then(LastBuild::from_json);
            Ok::<_, String>(record.after(earlier).to_json().into_bytes())
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(path)
}

/// Compiles kits on all cores; results come back in the order of `kits`.
pub fn compile_all(kits: &[PathBuf], opts: &BuildOptions) -> Vec<Kit> {
    // Loaded first, so that two kits with one id are refused before anything is built.
    let all = load_all(kits);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(kits.len())
        .max(1);
    let mut results: Vec<Option<Compiled>> = (0..kits.len()).map(|_| None).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                // Several kits at once keep every core busy: no extra threads per kit.
                crate::cores::spread(threads < 2);
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((kit, dup)) = all.get(i) else { break };
                    let outcome = compile(kit, dup.clone(), opts);
                    done.lock().expect("no thread panicked holding the lock")[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_iter()
        .zip(all)
        .zip(kits)
        .map(|((r, (loaded, _)), path)| Kit {
            path: path.clone(),
            loaded,
            compiled: r.expect("every kit was built"),
        })
        .collect()
}

/// Compiles one loaded kit; `extra` are the errors found among the kits of the run (two
/// kits with one id, from [`load_all`]).
pub fn compile(loaded: &Loaded, extra: Vec<Diagnostic>, opts: &BuildOptions) -> Compiled {
    let mut diags =
        validate::with_copies(validate::check(loaded, opts.date), &loaded.kit, opts.copies);
    diags.extend(extra);
    diag::sort(&mut diags);
    if has_errors(&diags) {
        return Compiled::Invalid(diags);
    }
    let fonts = match validate::fonts_for(loaded) {
        Ok(f) => f,
        Err(d) => {
            return Compiled::Failed(
                d.iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }
    };
    match compose::build(loaded, &fonts, opts) {
        Ok(outputs) => {
            // What will not read well on paper, as `check` shows it.
            let mut warned = Vec::new();
            for w in outputs.iter().flat_map(|o| &o.warnings) {
                if !warned.contains(w) {
                    warned.push(w.clone());
                }
            }
            diags.extend(super::check::layout_warnings(loaded, &warned));
            let record = LastBuild::of(
                &loaded.kit,
                opts.date,
                outputs
                    .iter()
                    .flat_map(|o| o.payloads.iter().map(String::as_str)),
            );
            Compiled::Built(outputs, diags, record)
        }
        // Content that does not fit is shown at its TOML line, as `check` shows it.
        Err(e @ compose::BuildError::Layout(_)) => {
            Compiled::Invalid(super::check::layout_errors(loaded, &e))
        }
        Err(e) => Compiled::Failed(e.to_string()),
    }
}
