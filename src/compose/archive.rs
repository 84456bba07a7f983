//! The archive copy of a kit version (`downkit archive`, `build --archive`): the binder as
//! PDF/A, with the kit's source files and their SHA-256 checksums embedded (PDF/A-3) or in a
//! tar file beside it (PDF/A-2, for archives that take PDF/A-2 only), and the dates the
//! version is in force in its metadata.
//!
//! Only the binder is archived this way: a snapshot holds personal data from today's exports,
//! is encrypted and is destroyed after use (see `cli/snapshot.rs`).

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{binder, lay_out, BuildError, BuildOptions, Output, Part};
use crate::fonts::FontSet;
use crate::labels::Label;
use crate::load::Loaded;
use crate::render::{self, Archive, Attachment};

/// What the archive copy records besides the binder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveSpec {
    /// The first day the version is in force (default: the kit's `issued`).
    pub valid_from: Option<NaiveDate>,
    /// The last day it is in force, when it has been replaced.
    pub valid_to: Option<NaiveDate>,
    /// PDF/A-2 with the sources in a tar file beside it, instead of PDF/A-3 with them
    /// embedded.
    pub sidecar: bool,
}

/// The archive copy: the PDF, and with a sidecar the tar file of the sources.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveOutput {
    /// The PDF/A binder.
    pub pdf: Output,
    /// `<kit-id>-<version>-arkiv-kallor.tar` and its bytes, with `--sidecar`.
    pub sidecar: Option<(String, Vec<u8>)>,
    /// The PDF/A part (2 or 3).
    pub part: u8,
    /// The source files archived, by name.
    pub sources: Vec<String>,
    /// The first day in force.
    pub valid_from: NaiveDate,
    /// The last day in force, when known.
    pub valid_to: Option<NaiveDate>,
}

/// The kit's source files as archived: every file the kit was read from but its drill and
/// shelf-check logs (records of their own, not part of the version), named by their path
/// from the folder that holds them all, with `/`.
pub fn sources(loaded: &Loaded) -> Vec<(String, Vec<u8>)> {
    let logs = [
        crate::load::drills::FILE_NAME,
        crate::load::shelf::FILE_NAME,
    ];
    let files: Vec<usize> = (0..loaded.sources.len())
        .filter(|i| {
            let p = loaded.sources.path(*i);
            let beside = p.parent() == std::fs::canonicalize(&loaded.dir).ok().as_deref();
            !(beside && p.file_name().is_some_and(|n| logs.iter().any(|l| n == *l)))
        })
        .collect();
    // The folder holding them all: the kit folder, or above it for shared files.
    let mut base = files
        .first()
        .and_then(|i| loaded.sources.path(*i).parent())
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    for i in &files {
        while !loaded.sources.path(*i).starts_with(&base) {
            if !base.pop() {
                break;
            }
        }
    }
    let mut out: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|i| {
            let p = loaded.sources.path(*i);
            let rel = p.strip_prefix(&base).unwrap_or(p);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (name, loaded.sources.text(*i).as_bytes().to_vec())
        })
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// `SHA256SUMS` of `files`, as `sha256sum -c` reads it.
pub fn checksums(files: &[(String, Vec<u8>)]) -> String {
    files
        .iter()
        .map(|(name, bytes)| {
            let d = Sha256::digest(bytes);
            let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
            format!("{hex}  {name}\n")
        })
        .collect()
}

/// A tar file (ustar, deterministic: owner 0, mode 0644, every entry dated `date`) of `files`
/// under the folder `dir`.
fn tar(dir: &str, files: &[(String, Vec<u8>)], date: NaiveDate) -> std::io::Result<Vec<u8>> {
    let mtime = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp().max(0) as u64);
    let mut b = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(mtime);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, format!("{dir}/{name}"), bytes.as_slice())?;
    }
    b.into_inner()
}

/// The media type of a source file.
fn mime(name: &str) -> &'static str {
    if name.ends_with(".toml") {
        "application/toml"
    } else if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".csv") {
        "text/csv"
    } else {
        "text/plain"
    }
}

/// Builds the archive copy of a validated kit's binder, dated `opts.date`.
pub fn archive(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    spec: &ArchiveSpec,
) -> Result<ArchiveOutput, BuildError> {
    let kit = &loaded.kit;
    let lang = kit.meta.language;
    let opts = BuildOptions {
        exercise: false,
        only: None,
        split: false,
        ..opts.clone()
    };
    let part = Part {
        suffix: None,
        blocks: Box::new(binder),
    };
    let mut doc = lay_out(loaded, fonts, &opts, &part)?;
    let record = crate::lifecycle::PrintRecord::of(kit, &doc);
    doc.meta.reprint = Some(record.to_ascii_json());
    let valid_from = spec.valid_from.unwrap_or(kit.meta.issued.v);
    let files = sources(loaded);
    let sums = checksums(&files);
    let base = format!("{}-{}", kit.meta.id.v, kit.meta.version.v);
    let mut archive = Archive {
        kit: kit.meta.id.v.clone(),
        version: kit.meta.version.v.clone(),
        valid_from: valid_from.to_string(),
        valid_to: spec.valid_to.map(|d| d.to_string()),
        fingerprint: kit.fingerprint(),
        attachments: Vec::new(),
    };
    if !spec.sidecar {
        let what = Label::ArchiveSourceFile.text(lang);
        archive.attachments = files
            .iter()
            .map(|(name, bytes)| Attachment {
                name: name.clone(),
                bytes: bytes.clone(),
                mime: mime(name).to_string(),
                description: what.replace("{version}", &kit.meta.version.v),
                relationship: "Source",
            })
            .collect();
        archive.attachments.push(Attachment {
            name: "SHA256SUMS".into(),
            bytes: sums.clone().into_bytes(),
            mime: "text/plain".into(),
            description: Label::ArchiveChecksums.text(lang).into(),
            relationship: "Data",
        });
    }
    let bytes = render::render_archive(&doc, fonts, &archive).map_err(BuildError::Render)?;
    let suffix = Label::ArchiveFileSuffix.text(lang);
    let file_name = format!("{base}-{suffix}.pdf");
    let sidecar = if spec.sidecar {
        // The sources, their checksums and the checksum of the PDF they go with.
        let pdf_sum = checksums(&[(file_name.clone(), bytes.clone())]);
        let mut entries = files.clone();
        entries.push((
            "SHA256SUMS".into(),
            format!("{sums}{}", pdf_sum.replace("  ", "  ../")).into_bytes(),
        ));
        let tar_name = format!("{base}-{}.tar", Label::ArchiveSourcesSuffix.text(lang));
        let tar_bytes = tar(&base, &entries, opts.date)
            .map_err(|e| BuildError::Render(render::RenderError::Pdf(format!("tar: {e}"))))?;
        Some((tar_name, tar_bytes))
    } else {
        None
    };
    let payloads = super::payloads(&doc);
    Ok(ArchiveOutput {
        part: archive.part(),
        pdf: Output {
            file_name,
            pages: doc.pages.len(),
            qr_count: doc.qr_count,
            payloads,
            bytes,
            warnings: doc.warnings.clone(),
            codes: super::code_places(&doc),
        },
        sidecar,
        sources: files.into_iter().map(|(n, _)| n).collect(),
        valid_from,
        valid_to: spec.valid_to,
    })
}
