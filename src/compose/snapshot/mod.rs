//! Snapshots: a kit's datasets, read from today's exports, as the pages staff work from when
//! the systems are down — lists per group, the schedule of the next days (a page per day and
//! group), and forms pre-filled per row — behind a cover that says when the data is from,
//! when to destroy the printout, and what is in it.
//!
//! Every page's running header carries "Uppgifter per <as-of> · Förstör efter <date>"; the
//! footer the classification (the personal-data marking when the kit has none), the kit id,
//! version and data time, and "Sida X av Y". The data time is an input: nothing here reads
//! the clock. The same kit, exports and data time give byte-identical PDFs (before
//! encryption, which the CLI applies).

mod cover;
mod lists;
mod prefill;
mod words;

use super::{BuildError, BuildOptions, Ctx, Output};
use crate::data::Export;
use crate::fonts::FontSet;
use crate::labels::Label;
use crate::layout::{self, Block, Column, Decor, Document, Meta, Paper, Settings};
use crate::load::Loaded;
use crate::model::Dataset;
use chrono::{Days, NaiveDate, NaiveDateTime};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// What a snapshot is of and how it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotOptions {
    /// The time the data is as of (`--as-of`, or the exports' file time).
    pub as_of: NaiveDateTime,
    /// Paper override; else the kit's.
    pub paper: Option<Paper>,
}

/// A built snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The PDF, not yet encrypted, named `<kit-id>-snapshot-<YYYY-MM-DD>-<HHMM>.pdf`.
    pub output: Output,
    /// True when it prints a column marked as personal data.
    pub personal: bool,
    /// The date printed as "destroy after".
    pub destroy_after: NaiveDate,
}

/// What every part of a snapshot shares.
pub(super) struct Sx<'a> {
    /// The binder context (labels, kit, payloads, page references).
    pub cx: Ctx<'a>,
    /// The exports, one per dataset that prints.
    pub exports: &'a [(&'a Dataset, &'a Export)],
    /// The data time.
    pub as_of: NaiveDateTime,
    /// "Uppgifter per 2026-12-01 06:00 · Förstör efter 2026-12-15".
    pub stamp: String,
    /// The destroy-after date.
    pub destroy_after: NaiveDate,
    /// The layout column of each printed (dataset id, column name), measured once over the
    /// whole export: a schedule prints a table per group and day, and measuring the export
    /// again for each would make a snapshot quadratic in its rows.
    pub columns: RefCell<HashMap<(String, String), Column>>,
}

impl Sx<'_> {
    /// A label in the kit's language.
    pub fn t(&self, l: Label) -> &'static str {
        self.cx.t(l)
    }

    /// The data time as printed: `2026-12-01 06:00`.
    pub fn as_of_text(&self) -> String {
        self.as_of.format("%Y-%m-%d %H:%M").to_string()
    }

    /// A running header: the stamp first, then what the page is.
    pub fn header(&self, what: &str) -> Block {
        Block::RunningHeader {
            text: Some(format!("{} · {what}", self.stamp)),
            continued: format!("– {}", self.t(Label::Continued)),
        }
    }
}

/// The datasets of the kit paired with their exports, in kit order; an export for a dataset
/// the kit does not declare is ignored.
fn pair<'a>(loaded: &'a Loaded, exports: &'a [Export]) -> Vec<(&'a Dataset, &'a Export)> {
    loaded
        .kit
        .datasets
        .iter()
        .filter_map(|d| exports.iter().find(|e| e.dataset == d.id.v).map(|e| (d, e)))
        .collect()
}

/// The stamp and the destroy-after date of a data time.
fn stamp(loaded: &Loaded, as_of: NaiveDateTime) -> (String, NaiveDate) {
    let lang = loaded.kit.meta.language;
    let days = loaded.kit.meta.snapshot.destroy_after_days();
    let destroy = as_of
        .date()
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(as_of.date());
    let text = format!(
        "{} · {}",
        Label::DataAsOf
            .text(lang)
            .replace("{as-of}", &as_of.format("%Y-%m-%d %H:%M").to_string()),
        Label::DestroyAfter
            .text(lang)
            .replace("{date}", &destroy.to_string())
    );
    (text, destroy)
}

/// Lays the snapshot out (no PDF): for tests of its pages.
pub fn snapshot_document(
    loaded: &Loaded,
    fonts: &FontSet,
    exports: &[Export],
    opts: &SnapshotOptions,
) -> Result<Document, BuildError> {
    lay_out(loaded, fonts, exports, opts, 4)
}

/// Whether the snapshot of `exports` can be laid out (`check` of the samples): one pass,
/// since the page numbers the later passes settle change no list's width.
pub fn snapshot_fits(
    loaded: &Loaded,
    fonts: &FontSet,
    exports: &[Export],
    opts: &SnapshotOptions,
) -> Result<(), BuildError> {
    lay_out(loaded, fonts, exports, opts, 1).map(drop)
}

/// The snapshot laid out in up to `passes` passes, until the cover's page numbers settle.
fn lay_out(
    loaded: &Loaded,
    fonts: &FontSet,
    exports: &[Export],
    opts: &SnapshotOptions,
    passes: usize,
) -> Result<Document, BuildError> {
    let pairs = pair(loaded, exports);
    let kit = &loaded.kit;
    let lang = kit.meta.language;
    let personal = pairs.iter().any(|(d, _)| d.personal());
    let (stamp, destroy_after) = stamp(loaded, opts.as_of);
    let classification = kit
        .meta
        .classification
        .clone()
        .or_else(|| personal.then(|| Label::PersonalData.text(lang).to_string()));
    let settings = Settings {
        paper: opts.paper.unwrap_or(kit.meta.paper),
        ..Settings::default()
    };
    let decor = Decor {
        kit_id: kit.meta.id.v.clone(),
        version: kit.meta.version.v.clone(),
        print_date: opts.as_of.format("%Y-%m-%d %H:%M").to_string(),
        classification,
        page_label: Label::PageOf.text(lang).to_string(),
        watermark: None,
    };
    let title = format!("{}: {}", Label::SnapshotTitle.text(lang), kit.meta.title.v);
    let meta = Meta {
        title: title.clone(),
        author: kit.meta.organisation.clone(),
        subject: stamp.clone(),
        print_date: opts.as_of.date().to_string(),
        lang: lang.tag().to_string(),
        // A snapshot is not a binder: nothing of it is reprinted page by page.
        reprint: None,
        code_names: Default::default(),
    };
    let build_opts = BuildOptions {
        date: opts.as_of.date(),
        paper: opts.paper,
        ..BuildOptions::default()
    };
    let mut refs: BTreeMap<String, usize> = BTreeMap::new();
    let mut doc = None;
    // The kit as printed: references in its text by title (the binder's pages are not this
    // document's).
    let (printed, _) = super::resolve::printed(&loaded.kit, None);
    // The cover's contents name pages: lay out until they stop moving.
    for _ in 0..passes {
        // The previous pass is not kept while the next is laid out: at 100,000 export rows
        // each is hundreds of MB.
        drop(doc.take());
        let sx = Sx {
            cx: Ctx::with_kit(loaded, &printed, &build_opts, refs.clone()),
            exports: &pairs,
            as_of: opts.as_of,
            stamp: stamp.clone(),
            destroy_after,
            columns: RefCell::default(),
        };
        let parts = lists::parts(&sx);
        let mut blocks = cover::blocks(&sx, &title, &parts);
        for p in &parts {
            blocks.extend(lists::blocks(&sx, p));
        }
        let d = layout::flow(&blocks, &settings, &decor, meta.clone(), fonts)
            .map_err(BuildError::Layout)?;
        let stable = d.anchors == refs;
        refs = d.anchors.clone();
        doc = Some(d);
        if stable {
            break;
        }
    }
    Ok(doc.expect("laid out at least once"))
}

/// Builds the snapshot of `loaded` from `exports` (one per dataset, as read by
/// [`crate::data::read_file`]): the plaintext PDF and what the CLI needs to protect it.
pub fn snapshot(
    loaded: &Loaded,
    fonts: &FontSet,
    exports: &[Export],
    opts: &SnapshotOptions,
) -> Result<Snapshot, BuildError> {
    let doc = snapshot_document(loaded, fonts, exports, opts)?;
    let kit = &loaded.kit;
    let personal = pair(loaded, exports).iter().any(|(d, _)| d.personal());
    let (_, destroy_after) = stamp(loaded, opts.as_of);
    let (pages, qr_count) = (doc.pages.len(), doc.qr_count);
    let payloads = super::payloads(&doc);
    let warnings = doc.warnings.clone();
    let codes = super::code_places(&doc);
    // The laid-out pages are freed while they are rendered (see `render_pdf_owned`).
    let bytes = crate::render::render_pdf_owned(doc, fonts).map_err(BuildError::Render)?;
    Ok(Snapshot {
        output: Output {
            file_name: crate::lifecycle::snapshots::file_name(&kit.meta.id.v, opts.as_of),
            pages,
            qr_count,
            payloads,
            bytes,
            warnings,
            codes,
        },
        personal,
        destroy_after,
    })
}
