//! The binder: a validated kit → the documents a unit prints (blocks for the page engine).
//!
//! Arranges the kit into [`Block`]s in binder order — cover, procedures, contact sheet,
//! checklists, forms, activity logs, back-entry register — flows them with
//! [`crate::layout::flow`] and renders them with [`crate::render::render_pdf`]. Page
//! references ("see page 7") are resolved by laying out until the anchors stop moving; a
//! document that refers to no page (a split form, checklist or log) is laid out once.

mod archive;
mod checklists;
mod contact_details;
mod contacts;
mod cover;
mod ctx;
mod drill;
mod fields;
mod forms;
pub mod glossary;
mod inserts;
mod logs;
mod names;
pub mod poster;
mod procedures;
mod recovery;
mod register;
mod reservnummer;
pub mod resolve;
pub mod snapshot;
pub mod start;
mod stock;
mod tables;
pub mod testpage;

pub use archive::{archive, checksums, sources, ArchiveOutput, ArchiveSpec};
pub use ctx::Ctx;
pub use drill::{call_tree, default_scenario, find_scenario, CALL_TREE, STANDARD};
pub use register::{RegisterFill, RegisterPart, RegisterRow, RegisterTotals};

use crate::fonts::FontSet;
use crate::labels::Label;
use crate::layout::{self, Block, Decor, Document, LayoutError, Meta, Paper, Settings};
use crate::load::Loaded;
use crate::render::{self, RenderError};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

/// What to build and how.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BuildOptions {
    /// The print date on every page and in the PDF metadata.
    pub date: NaiveDate,
    /// Paper override (`--paper`); else the kit's.
    pub paper: Option<Paper>,
    /// Serialized copies override (`--copies`).
    pub copies: Option<u32>,
    /// Build only this artifact (`--only`).
    pub only: Option<String>,
    /// Also one PDF per form, checklist and log (`--split`).
    pub split: bool,
    /// A drill printout: "ÖVNING" on every page and exercise payloads.
    pub exercise: bool,
    /// The print run of the day (`--run`): the codes of serialized copies carry the print
    /// date and this number, so that two printings never share a code. 0 counts as 1.
    pub run: u32,
}

impl BuildOptions {
    /// The print run the codes of serialized copies carry.
    pub fn print_run(&self) -> crate::payload::PrintRun {
        crate::payload::PrintRun {
            date: self.date,
            number: self.run.max(1),
        }
    }
}

/// One built PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// File name, `<kit-id>-<version>[-<artifact>].pdf`.
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Page count.
    pub pages: usize,
    /// QR codes drawn.
    pub qr_count: usize,
    /// Every QR payload in the document, in page order.
    pub payloads: Vec<String>,
    /// What was laid out but will not read well on paper.
    pub warnings: Vec<layout::LayoutWarning>,
    /// Where every QR code is printed, in page order.
    pub codes: Vec<CodePlace>,
}

/// Where a QR code is printed: for checking each code as a phone reads it, alone.
#[derive(Debug, Clone, PartialEq)]
pub struct CodePlace {
    /// The page, from 0.
    pub page: usize,
    /// The top-left corner of its quiet zone, mm from the page's top-left.
    pub x: f32,
    /// The top-left corner of its quiet zone, mm from the page's top-left.
    pub y: f32,
    /// Its side, quiet zone included, mm.
    pub size: f32,
    /// What it says.
    pub payload: String,
}

/// The text of every QR code `doc` prints, in page order.
pub(crate) fn payloads(doc: &Document) -> Vec<String> {
    doc.all_items()
        .filter_map(|i| match i {
            layout::Item::Qr { payload, .. } => Some(payload.clone()),
            _ => None,
        })
        .collect()
}

/// Where every QR code of `doc` is printed.
pub fn code_places(doc: &Document) -> Vec<CodePlace> {
    let mut out = Vec::new();
    for page in 0..doc.pages.len() {
        for it in doc.page_items(page) {
            if let layout::Item::Qr {
                x,
                y,
                module,
                quiet,
                modules,
                payload,
            } = it
            {
                out.push(CodePlace {
                    page,
                    x: *x,
                    y: *y,
                    size: (modules.len() as f32 + 2.0 * *quiet as f32) * module,
                    payload: payload.clone(),
                });
            }
        }
    }
    out
}

/// What [`lay_out_only`] found: the pages a build prints, and what will not read well.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Laid {
    /// Pages of every part together.
    pub pages: usize,
    /// Layout warnings of every part, each once.
    pub warnings: Vec<layout::LayoutWarning>,
}

/// Why a kit could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// The content does not fit the pages (names the kit item and its line).
    Layout(LayoutError),
    /// The PDF could not be written.
    Render(RenderError),
    /// `--only` names no artifact of the kit.
    UnknownArtifact {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
    /// `--scenario` names no scenario of the kit.
    UnknownScenario {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Layout(e) => write!(f, "layout failed: {e}"),
            BuildError::Render(e) => write!(f, "rendering failed: {e}"),
            BuildError::UnknownArtifact { id, known } => write!(
                f,
                "the kit has no artifact `{id}`; choose one of: {}",
                known.join(", ")
            ),
            BuildError::UnknownScenario { id, known } => write!(
                f,
                "the kit has no scenario `{id}`; choose one of: {}",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// Writes the blocks of one document for a layout pass.
type BlocksFn<'k> = Box<dyn for<'c> Fn(&Ctx<'c>) -> Vec<Block> + 'k>;

/// A document to produce: its file-name suffix and a function that writes its blocks.
struct Part<'k> {
    suffix: Option<String>,
    blocks: BlocksFn<'k>,
}

/// Builds the binder (and split or single artifacts) of a validated kit.
pub fn build(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
) -> Result<Vec<Output>, BuildError> {
    parts(loaded, opts)?
        .iter()
        .map(|p| produce(loaded, fonts, opts, p))
        .collect()
}

/// What [`build`] would lay out, laid out and not rendered: `check` and `status` find every
/// problem a build would meet without paying for the PDF.
pub fn lay_out_only(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
) -> Result<Laid, BuildError> {
    let mut laid = Laid::default();
    for p in parts(loaded, opts)? {
        let doc = lay_out(loaded, fonts, opts, &p)?;
        render::check_fonts(&doc, fonts).map_err(BuildError::Render)?;
        laid.pages += doc.pages.len();
        for w in doc.warnings {
            if !laid.warnings.contains(&w) {
                laid.warnings.push(w);
            }
        }
    }
    Ok(laid)
}

/// The parts [`build`] makes: the binder (or the one artifact of `--only`), and with
/// `--split` every form, checklist and log on its own.
fn parts<'k>(loaded: &'k Loaded, opts: &BuildOptions) -> Result<Vec<Part<'k>>, BuildError> {
    let kit = &loaded.kit;
    let mut parts: Vec<Part> = Vec::new();
    match &opts.only {
        Some(id) => parts.push(single(kit, id)?),
        None => {
            parts.push(Part {
                suffix: None,
                blocks: Box::new(binder),
            });
            if opts.split {
                for f in &kit.forms {
                    let id = f.id.v.clone();
                    parts.push(single(kit, &id)?);
                }
                for c in &kit.checklists {
                    parts.push(single(kit, &c.id.v.clone())?);
                }
                for l in &kit.logs {
                    parts.push(single(kit, &l.id.v.clone())?);
                }
            }
        }
    }
    Ok(parts)
}

/// The drill packet of a validated kit: the drill leader's material for `scenario` (the
/// kit's first scenario when `None`, the standard outage when it has none; `standard` and
/// `call-tree` name the standard outage and the call-tree test) and the whole binder (the
/// contact sheet for a call-tree test), all marked as an exercise. Always one PDF, named `<kit-id>-<version>-ovning.pdf`
/// (`-exercise.pdf` in English); `opts.exercise`, `only` and `split` are ignored.
pub fn drill_packet(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    scenario: Option<&str>,
) -> Result<Output, BuildError> {
    let kit = &loaded.kit;
    let chosen = drill::find_scenario(kit, scenario).ok_or_else(|| {
        let mut known: Vec<String> = kit.scenarios.iter().map(|s| s.id.v.clone()).collect();
        known.extend([STANDARD, CALL_TREE].map(String::from));
        BuildError::UnknownScenario {
            id: scenario.unwrap_or_default().to_string(),
            known,
        }
    })?;
    let opts = BuildOptions {
        exercise: true,
        only: None,
        split: false,
        ..opts.clone()
    };
    let part = Part {
        suffix: Some(Label::DrillFileSuffix.text(kit.meta.language).to_string()),
        blocks: Box::new(move |cx| drill::packet_blocks(cx, &chosen, binder)),
    };
    produce(loaded, fonts, &opts, &part)
}

/// The after-action report of a validated kit's drill log (`drill --report`): what each
/// drill exercised and found, and the improvement plan with each follow-up's status on
/// `opts.date`. One PDF, `<kit-id>-<version>-efter-ovning.pdf` (`-after-action.pdf` in
/// English); not marked as an exercise.
pub fn drill_report(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
) -> Result<Output, BuildError> {
    let opts = BuildOptions {
        exercise: false,
        only: None,
        split: false,
        ..opts.clone()
    };
    let part = Part {
        suffix: Some(
            Label::ReportFileSuffix
                .text(loaded.kit.meta.language)
                .to_string(),
        ),
        blocks: Box::new(drill::report::blocks),
    };
    produce(loaded, fonts, &opts, &part)
}

/// The whole binder in order.
fn binder(cx: &Ctx) -> Vec<Block> {
    let mut b = cover::blocks(cx);
    b.extend(poster::blocks(cx));
    b.extend(procedures::blocks(cx));
    b.extend(contacts::blocks(cx));
    b.extend(checklists::blocks(
        cx,
        &cx.kit.checklists.iter().collect::<Vec<_>>(),
    ));
    for f in &cx.kit.forms {
        b.extend(forms::blocks(cx, f));
    }
    for l in &cx.kit.logs {
        b.extend(logs::blocks(cx, l));
    }
    b.extend(reservnummer::blocks(cx));
    b.extend(recovery::blocks(cx));
    b.extend(register::blocks(cx));
    b.extend(glossary::back(cx));
    b.extend(inserts::blocks(cx));
    b
}

/// One artifact on its own.
fn single<'k>(kit: &'k crate::model::Kit, id: &str) -> Result<Part<'k>, BuildError> {
    let suffix = Some(id.to_string());
    let id_s = id.to_string();
    if let Some(f) = kit.forms.iter().find(|f| f.id.v == id) {
        return Ok(Part {
            suffix,
            blocks: Box::new(move |cx| forms::blocks(cx, f)),
        });
    }
    if let Some(c) = kit.checklists.iter().find(|c| c.id.v == id) {
        return Ok(Part {
            suffix,
            blocks: Box::new(move |cx| checklists::blocks(cx, &[c])),
        });
    }
    if let Some(l) = kit.logs.iter().find(|l| l.id.v == id) {
        return Ok(Part {
            suffix,
            blocks: Box::new(move |cx| logs::blocks(cx, l)),
        });
    }
    if let Some(p) = kit.procedures.iter().find(|p| p.id.v == id) {
        return Ok(Part {
            suffix,
            blocks: Box::new(move |cx| procedures::one(cx, p)),
        });
    }
    match id {
        "cover" => Ok(Part {
            suffix,
            blocks: Box::new(cover::blocks),
        }),
        "contacts" => Ok(Part {
            suffix,
            blocks: Box::new(contacts::blocks),
        }),
        "register" => Ok(Part {
            suffix,
            blocks: Box::new(register::blocks),
        }),
        "poster" if kit.poster.is_some() => Ok(Part {
            suffix,
            blocks: Box::new(poster::blocks),
        }),
        "recovery" if kit.recovery.is_some() => Ok(Part {
            suffix,
            blocks: Box::new(recovery::blocks),
        }),
        "reservnummer" if !kit.reservnummer.is_empty() => Ok(Part {
            suffix,
            blocks: Box::new(reservnummer::blocks),
        }),
        _ => {
            let mut known: Vec<String> =
                ["cover", "contacts", "register"].map(String::from).to_vec();
            let own = [
                ("poster", kit.poster.is_some()),
                ("recovery", kit.recovery.is_some()),
                ("reservnummer", !kit.reservnummer.is_empty()),
            ];
            known.extend(
                own.iter()
                    .filter(|(_, has)| *has)
                    .map(|(n, _)| n.to_string()),
            );
            known.extend(kit.procedures.iter().map(|p| p.id.v.clone()));
            known.extend(kit.forms.iter().map(|p| p.id.v.clone()));
            known.extend(kit.checklists.iter().map(|p| p.id.v.clone()));
            known.extend(kit.logs.iter().map(|p| p.id.v.clone()));
            Err(BuildError::UnknownArtifact { id: id_s, known })
        }
    }
}

/// Lays a part out, again until its page references are stable.
fn lay_out(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    part: &Part,
) -> Result<Document, BuildError> {
    let kit = &loaded.kit;
    let lang = kit.meta.language;
    let settings = Settings {
        paper: opts.paper.unwrap_or(kit.meta.paper),
        ..Settings::default()
    };
    let decor = Decor {
        kit_id: kit.meta.id.v.clone(),
        version: kit.meta.version.v.clone(),
        print_date: opts.date.to_string(),
        classification: kit.meta.classification.clone(),
        page_label: Label::PageOf.text(lang).to_string(),
        watermark: opts
            .exercise
            .then(|| Label::Exercise.text(lang).to_string()),
    };
    let meta = Meta {
        title: kit.meta.title.v.clone(),
        author: kit.meta.organisation.clone(),
        subject: kit
            .meta
            .subtitle
            .clone()
            .unwrap_or_else(|| kit.meta.title.v.clone()),
        print_date: opts.date.to_string(),
        lang: lang.tag().to_string(),
        reprint: None,
        code_names: names::code_names(kit),
    };
    let mut refs: BTreeMap<String, usize> = BTreeMap::new();
    let mut doc: Option<Document> = None;
    let mut fit = Fit::default();
    {
        let (printed, _) = resolve::printed(kit, None);
        let mut cx = Ctx::with_kit(loaded, &printed, opts, refs.clone());
        let flow = |blocks: &[Block]| {
            layout::flow(blocks, &settings, &decor, meta.clone(), fonts)
                .ok()
                .map(|d| d.anchors)
        };
        fit.poster_scale = Some(poster::fitting_scale(&mut cx, &flow));
    }
    for pass in 0..12 {
        // The kit as printed: its references written out with the last pass's pages.
        let (printed, asked) = resolve::printed(kit, Some(&refs));
        let mut cx = Ctx::with_kit(loaded, &printed, opts, refs.clone());
        fit.apply(&mut cx);
        cx.asked.set(asked);
        let blocks = (part.blocks)(&cx);
        let d = layout::flow(&blocks, &settings, &decor, meta.clone(), fonts)
            .map_err(BuildError::Layout)?;
        // Make what did not fit fit: the cover from the first pass, the procedures once
        // pages are known (from the second pass on).
        let changed = fit.adjust(&cx, &d.anchors, pass > 0);
        // Without page references the first pass is final.
        let stable = d.anchors == refs || !cx.asked.get();
        refs = d.anchors.clone();
        doc = Some(d);
        if stable && !changed {
            break;
        }
    }
    Ok(doc.expect("laid out at least once"))
}

/// What the binder changes between layout passes until its parts fit: the start page off
/// the cover when it does not fit there, the contents in more columns, procedures in
/// tighter type when their last steps run onto a page of their own; and the scale of the
/// poster's type, found before the passes.
#[derive(Default)]
struct Fit {
    cover_columns: u8,
    poster_scale: Option<f32>,
    start_apart: bool,
    glossary_back: bool,
    /// Procedures set tight, and how many pages each spanned before.
    tight: BTreeMap<String, usize>,
    /// Procedures whose tightness is decided (kept, or tried and given up).
    decided: std::collections::BTreeSet<String>,
}

impl Fit {
    fn apply(&self, cx: &mut Ctx) {
        cx.cover_columns = self.cover_columns.max(1);
        cx.poster_scale = self.poster_scale.unwrap_or(1.0);
        cx.start_apart = self.start_apart;
        cx.glossary_back = self.glossary_back;
        cx.tight = self.tight.keys().cloned().collect();
    }

    /// Changes what did not fit in the pass laid out with `cx`; true when anything changed.
    /// `paged`: the pass printed real page numbers (procedures are judged only then).
    fn adjust(&mut self, cx: &Ctx, anchors: &BTreeMap<String, usize>, paged: bool) -> bool {
        let mut changed = false;
        if !self.start_apart && cover::start_spills(anchors) {
            self.start_apart = true;
            return true;
        }
        // The cover's part too long: the contents in more columns; at three, the words to
        // the back of the binder.
        if cover::spills(cx, anchors) {
            if self.cover_columns.max(1) < cover::MAX_COLUMNS {
                self.cover_columns = self.cover_columns.max(1) + 1;
                changed = true;
            } else if !self.glossary_back {
                self.glossary_back = true;
                changed = true;
            }
        }
        for p in cx.kit.procedures.iter().filter(|_| paged) {
            let id = &p.id.v;
            if self.decided.contains(id) {
                continue;
            }
            let pages: Vec<usize> = (0..p.steps.len())
                .filter_map(|i| anchors.get(&resolve::step_anchor(id, i)).copied())
                .collect();
            let (Some(first), Some(last)) = (anchors.get(&format!("proc-{id}")), pages.last())
            else {
                continue;
            };
            let span = last.saturating_sub(*first);
            match self.tight.get(id) {
                // Tightened last pass: kept when it saved a page, else given up.
                Some(before) => {
                    if span >= *before {
                        self.tight.remove(id);
                        changed = true;
                    }
                    self.decided.insert(id.clone());
                }
                None => {
                    let on_last = pages.iter().filter(|pg| *pg == last).count();
                    if span > 0 && on_last <= 2 {
                        self.tight.insert(id.clone(), span);
                        changed = true;
                    }
                }
            }
        }
        changed
    }
}

/// The laid-out binder (no PDF): for reviewable golden tests of the page layout.
pub fn binder_document(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
) -> Result<Document, BuildError> {
    let part = Part {
        suffix: None,
        blocks: Box::new(binder),
    };
    lay_out(loaded, fonts, opts, &part)
}

/// The back-entry register filled from the ledger of an incident (`reconcile --register`):
/// `<kit-id>-<version>-register-<incident>.pdf`, dated `opts.date`.
pub fn register_report(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    fill: &RegisterFill,
) -> Result<Output, BuildError> {
    let part = Part {
        suffix: Some(format!("register-{}", fill.incident)),
        blocks: Box::new(move |cx| register::filled(cx, fill)),
    };
    produce(loaded, fonts, opts, &part)
}

/// One artifact laid out on its own (no PDF), as `--only id` would print it: for knowing
/// where its pages and codes fall (reconcile uses it for the pages of a form copy).
pub fn artifact_document(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    id: &str,
) -> Result<Document, BuildError> {
    let part = single(&loaded.kit, id)?;
    lay_out(loaded, fonts, opts, &part)
}

/// Lays a part out and renders it.
fn produce(
    loaded: &Loaded,
    fonts: &FontSet,
    opts: &BuildOptions,
    part: &Part,
) -> Result<Output, BuildError> {
    let kit = &loaded.kit;
    let mut doc = lay_out(loaded, fonts, opts, part)?;
    // The binder carries what `downkit diff` needs to name the pages to reprint.
    if part.suffix.is_none() && !opts.exercise && opts.only.is_none() {
        let record = crate::lifecycle::PrintRecord::of(kit, &doc);
        doc.meta.reprint = Some(record.to_ascii_json());
    }
    let bytes = render::render_pdf(&doc, fonts).map_err(BuildError::Render)?;
    let payloads = payloads(&doc);
    let base = format!("{}-{}", kit.meta.id.v, kit.meta.version.v);
    let file_name = match &part.suffix {
        Some(s) => format!("{base}-{s}.pdf"),
        None => format!("{base}.pdf"),
    };
    Ok(Output {
        file_name,
        pages: doc.pages.len(),
        qr_count: doc.qr_count,
        payloads,
        bytes,
        codes: code_places(&doc),
        warnings: doc.warnings,
    })
}
