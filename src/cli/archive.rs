//! `downkit archive` (and `build --archive`): check the kit, build the archive copy of its
//! binder (PDF/A-3 with the sources embedded, or PDF/A-2 and a tar file of the sources with
//! `--sidecar`), write atomically. Snapshots are refused with the reason.

use super::{Exit, Format};
use crate::compose::{self, ArchiveSpec, BuildOptions};
use crate::diag::{self, has_errors};
use crate::{load, validate};
use std::path::{Path, PathBuf};

/// Why a snapshot is never archived (`snapshot --archive`, `archive <snapshot.pdf>`).
pub const SNAPSHOT_REFUSED: &str = "a snapshot is never archived: it holds personal data from \
    today's exports, is encrypted, and is destroyed after use. Archive the kit version instead: \
    `downkit archive <kit>` keeps the binder as PDF/A with the kit's sources";

/// What `downkit archive` was asked to do.
#[derive(Debug, Clone)]
pub struct Args {
    /// The kit (folder or file).
    pub kit: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// The print date and how the version is recorded.
    pub opts: BuildOptions,
    /// Validity dates and where the sources go.
    pub spec: ArchiveSpec,
    /// `-q`.
    pub quiet: bool,
    /// `--format`.
    pub format: Format,
}

/// Runs `downkit archive`.
pub fn run(args: &Args) -> Exit {
    match one(args) {
        Ok(report) => {
            if args.format == Format::Json {
                super::print_json(&report);
            }
            Exit::Ok
        }
        Err((code, msg)) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}");
            }
            code
        }
    }
}

/// Refuses what is not a kit to archive: a snapshot (with the reason), any other PDF.
pub fn refuse(kit: &Path) -> Result<(), (Exit, String)> {
    let is_pdf = kit
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Ok(());
    }
    let name = kit
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    // Snapshots are named so; one renamed is still encrypted when it holds personal data.
    let encrypted = || {
        load::open::read_regular(kit, load::MAX_KIT_BYTES as u64)
            .ok()
            .and_then(|b| crate::render::password_opens(&b, "").ok())
            .is_some_and(|o| o != crate::render::Opens::NotEncrypted)
    };
    if name.contains("-snapshot-") || encrypted() {
        return Err((
            Exit::Usage,
            format!("{}: {SNAPSHOT_REFUSED}", kit.display()),
        ));
    }
    Err((
        Exit::Usage,
        format!(
            "{}: archive a kit folder or kit file, not a PDF: the archive copy is built from the kit's sources",
            kit.display()
        ),
    ))
}

/// Builds and writes the archive copy of one kit; the JSON report of what was written.
pub fn one(args: &Args) -> Result<serde_json::Value, (Exit, String)> {
    refuse(&args.kit)?;
    if let (Some(from), Some(to)) = (args.spec.valid_from, args.spec.valid_to) {
        if to < from {
            return Err((
                Exit::Usage,
                format!("--valid-to {to} is before --valid-from {from}"),
            ));
        }
    }
    let loaded = load::load(&args.kit);
    let diags = validate::with_copies(
        validate::check(&loaded, args.opts.date),
        &loaded.kit,
        args.opts.copies,
    );
    if has_errors(&diags) {
        let errors: Vec<_> = diags
            .into_iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .collect();
        eprint!("{}", super::render_diagnostics(&loaded.sources, &errors));
        return Err((
            Exit::Failed,
            format!("{}: not archived: the kit has errors", args.kit.display()),
        ));
    }
    if let (Some(to), Some(from)) = (
        args.spec.valid_to,
        args.spec.valid_from.or(Some(loaded.kit.meta.issued.v)),
    ) {
        if to < from {
            return Err((
                Exit::Usage,
                format!(
                    "--valid-to {to} is before the version is in force ({from}, its `issued` date)"
                ),
            ));
        }
    }
    let fonts = validate::fonts_for(&loaded).map_err(|d| {
        (
            Exit::Failed,
            d.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let built = compose::archive(&loaded, &fonts, &args.opts, &args.spec)
        .map_err(|e| (Exit::Failed, format!("{}: {e}", args.kit.display())))?;
    let fail = |e: String| (Exit::Failed, e);
    let pdf =
        super::write_output(&args.out, &built.pdf.file_name, &built.pdf.bytes).map_err(fail)?;
    let sidecar = match &built.sidecar {
        Some((name, bytes)) => Some(super::write_output(&args.out, name, bytes).map_err(fail)?),
        None => None,
    };
    let valid_to = built.valid_to.map(|d| d.to_string());
    if !args.quiet && args.format == Format::Human {
        let until = valid_to.clone().unwrap_or_else(|| "until replaced".into());
        let sources = match &sidecar {
            Some(t) => format!("{} source files in {}", built.sources.len(), t.display()),
            None => format!("{} source files embedded", built.sources.len()),
        };
        println!(
            "{}: {} — PDF/A-{}{}, {} pages, {sources}, in force {} – {until}",
            args.kit.display(),
            pdf.display(),
            built.part,
            crate::render::CONFORMANCE.to_lowercase(),
            built.pdf.pages,
            built.valid_from,
        );
    }
    Ok(serde_json::json!({
        "kit": args.kit.display().to_string(),
        "status": "archived",
        "path": pdf.display().to_string(),
        "pdfa": format!("{}{}", built.part, crate::render::CONFORMANCE),
        "pages": built.pdf.pages,
        "bytes": built.pdf.bytes.len(),
        "sources": built.sources,
        "sidecar": sidecar.map(|s| s.display().to_string()),
        "valid_from": built.valid_from.to_string(),
        "valid_to": valid_to,
    }))
}
