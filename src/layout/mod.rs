//! Layout: flows [`Block`]s onto pages of positioned [`Item`]s. No PDF types here.
//!
//! Stage 3 of the pipeline (load → validate → **layout** → render → write). Sub-steps:
//!
//! 1. `text` — measure with the font's advance widths, break lines (UAX #14), hyphenate.
//! 2. `place`, `table`, `forms`, `marks` — each [`Block`] becomes unbreakable chunks of items
//!    positioned in the content width (`chunk`), with keep-with-next and table-header marks.
//!    `fit` handles the top level (copies, orientation, form footers) and fitted content
//!    ([`Block::Fit`]): a form or log laid out at the loosest `density` that takes the
//!    fewest pages, measured by paginating it on its own.
//! 3. `paginate` — chunks onto pages; keep chains together; repeat table headers; anchors.
//!    Serialized copies (`copies`) are placed once as a template with slots; pagination
//!    repeats the template's pages, filling only the slots of each copy.
//! 4. `furniture` — header, footer ("Sida X av Y"), classification, watermark on every page;
//!    on template pages the unchanging furniture goes into the template.
//!
//! `dump` prints a document as text for golden tests; `sample` is a document using every block.

pub mod blocks;
mod chunk;
mod columns;
mod copies;
pub mod density;
pub mod dump;
mod error;
mod fingerprint;
mod fit;
mod forms;
pub mod furniture;
pub mod knockout;
mod marks;
pub mod page;
mod paginate;
mod place;
pub mod sample;
mod side;
pub mod symbols;
mod table;
pub mod text;

pub use blocks::{
    Bleed, Block, Choice, Column, CopyFill, FormFooter, Marker, Origin, Span, Table, Width, GRID,
};
pub use error::{LayoutError, LayoutWarning};

/// Most pages of one laid-out document. Pagination stops with
/// [`LayoutError::TooManyPages`] there, so that the memory a layout takes stays bounded
/// whatever the kit (a kit's budgets are checked before layout, see `validate`).
pub const MAX_PAGES: usize = 10_000;
pub use page::{
    as_artifact, wrap, Artifact, Document, FieldKind, Item, MarkKind, Meta, Orientation, Page,
    Paper, Role, Tag, Template, Weight,
};

use crate::fonts::FontSet;

/// The left and top margins of a page `size` mm: the binding margin is on the left of a
/// portrait page and at the top of a landscape one (turned a quarter to the left, a
/// landscape sheet is bound along its top edge).
pub(crate) fn margins(settings: &Settings, size: (f32, f32)) -> (f32, f32) {
    if size.0 > size.1 {
        (settings.margin, settings.margin_binding)
    } else {
        (settings.margin_binding, settings.margin)
    }
}

/// The frame (content area) of a page in `orientation`, and the content width.
pub(crate) fn frame_for(
    settings: &Settings,
    decor: &Decor,
    orientation: Orientation,
    form_lines: bool,
) -> Result<(paginate::Frame, f32), LayoutError> {
    let (w, h) = settings.paper.oriented_mm(orientation);
    let (left, top) = margins(settings, (w, h));
    let frame = paginate::Frame {
        x: left,
        top: top + furniture::header_h(settings),
        bottom: h - settings.margin - furniture::footer_h(settings, decor, form_lines),
        page: (w, h),
    };
    let width = w - left - settings.margin;
    if width < 20.0 || frame.height() < 20.0 {
        return Err(LayoutError::Settings(format!(
            "margins leave a {width:.1} × {:.1} mm content area",
            frame.height()
        )));
    }
    Ok((frame, width))
}

/// Width of the content line in `orientation`, mm.
pub fn content_width(settings: &Settings, orientation: Orientation) -> f32 {
    let size = settings.paper.oriented_mm(orientation);
    size.0 - margins(settings, size).0 - settings.margin
}

/// Flows `blocks` onto pages: measures, wraps, hyphenates, paginates and adds the page
/// furniture from `decor` to every page.
pub fn flow(
    blocks: &[Block],
    settings: &Settings,
    decor: &Decor,
    meta: Meta,
    fonts: &FontSet,
) -> Result<Document, LayoutError> {
    if settings.min_pt < 8.0 || settings.leading < 1.25 {
        return Err(LayoutError::Settings(format!(
            "minimum size {} pt and leading {} must be at least 8 pt and 1.25",
            settings.min_pt, settings.leading
        )));
    }
    // A document with form footers (or a page marking of its own) keeps a footer line free
    // for them on every page.
    let form_lines = blocks.iter().any(|b| match b {
        Block::FormFooter(Some(_)) => true,
        Block::Marking(Some(m)) => !m.is_empty(),
        _ => false,
    });
    let (first_frame, width) = frame_for(settings, decor, Orientation::Portrait, form_lines)?;
    let ts = text::Typesetter::new(fonts, &meta.lang);
    let mut ctx = place::Ctx::new(
        text::Typesetter::new(fonts, &meta.lang),
        settings,
        first_frame.height(),
    );
    ctx.lang.clone_from(&meta.lang);
    ctx.code_names.clone_from(&meta.code_names);
    let root = Origin {
        what: "document".into(),
        location: None,
        ..Origin::default()
    };
    let env = fit::Env {
        settings,
        decor,
        form_lines,
        root: &root,
    };
    let mut at = fit::Top {
        orientation: Orientation::Portrait,
        width,
        frame: first_frame,
        reserve: 0.0,
    };
    let mut pieces = Vec::new();
    fit::top_level(&mut ctx, blocks, &mut at, &env, &mut pieces)?;
    // Pagination runs even after placing failed, so that its problems are reported too.
    let paged = paginate::paginate(&pieces, first_frame, &ts, settings.min_pt);
    let mut errors = std::mem::take(&mut ctx.errors);
    let paged = match paged {
        Ok(p) if errors.is_empty() => p,
        Ok(_) => return Err(LayoutError::collect(errors).expect("not empty")),
        Err(e) => {
            errors.push(e);
            return Err(LayoutError::collect(errors).expect("not empty"));
        }
    };
    let dresser = |size: (f32, f32)| furniture::Furniture {
        ts: &ts,
        settings,
        decor,
        page: size,
        form_lines,
    };
    let total = paged.sheets.len();
    // The widest page label of each template's pages, so that its footer fits them all.
    let mut label_w = vec![0.0_f32; paged.templates.len()];
    for (i, sheet) in paged.sheets.iter().enumerate() {
        if let Some(t) = sheet.template {
            label_w[t] = label_w[t].max(dresser(sheet.size).page_label(i + 1, total).1);
        }
    }
    let template_hash: Vec<sha2::Sha256> = paged
        .templates
        .iter()
        .map(|t| {
            let mut h = <sha2::Sha256 as sha2::Digest>::new();
            fingerprint::hash_items(&mut h, &t.items, &decor.print_date);
            h
        })
        .collect();
    let templates = paged
        .templates
        .into_iter()
        .zip(label_w)
        .map(|(shared, lw)| {
            let (width, height) = shared.size;
            Ok(Template {
                width,
                height,
                items: dresser(shared.size).dress_template(shared.items, shared.form, lw)?,
            })
        })
        .collect::<Result<Vec<_>, LayoutError>>()?;
    let pages = paged
        .sheets
        .into_iter()
        .enumerate()
        .map(|(i, sheet)| -> Result<Page, LayoutError> {
            let template = sheet.template;
            let ends_part = sheet.ends_part;
            let (w, h) = sheet.size;
            let mut hasher = template
                .and_then(|t| template_hash.get(t).cloned())
                .unwrap_or_default();
            fingerprint::hash_items(&mut hasher, &sheet.items, &decor.print_date);
            let section = sheet
                .header
                .clone()
                .unwrap_or_else(|| first_line(&sheet.items));
            let f = dresser(sheet.size);
            let items = match template {
                Some(_) => f.dress_copy(sheet, i + 1, total)?,
                None => f.dress(sheet, i + 1, total)?,
            };
            Ok(Page {
                width: w,
                height: h,
                items,
                template,
                ends_part,
                fingerprint: fingerprint::finish(hasher),
                section,
            })
        })
        .collect::<Result<_, LayoutError>>()?;
    let mut doc = Document {
        meta,
        pages,
        templates,
        anchors: paged.anchors,
        qr_count: 0,
        warnings: std::mem::take(&mut ctx.warnings),
    };
    if decor.watermark.is_some() {
        knockout::keep_clear(&mut doc, &ts);
    }
    doc.qr_count = doc
        .all_items()
        .filter(|i| matches!(i, Item::Qr { .. }))
        .count();
    Ok(doc)
}

/// The first line of text among a page's items (for naming the page when it has no header).
fn first_line(items: &[Item]) -> String {
    items
        .iter()
        .find_map(|i| match i {
            Item::Text { text, .. } if !text.trim().is_empty() => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// What is printed on every page, whatever the content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decor {
    /// Kit id.
    pub kit_id: String,
    /// Kit version.
    pub version: String,
    /// Print date, `YYYY-MM-DD`.
    pub print_date: String,
    /// Classification marking, printed on every page when set.
    pub classification: Option<String>,
    /// Page label with `{page}` and `{pages}` placeholders: "Sida {page} av {pages}".
    pub page_label: String,
    /// An optional mark across every page (e.g. "ÖVNING" for drills).
    pub watermark: Option<String>,
}

/// Layout settings: paper, margins and type sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Paper size.
    pub paper: Paper,
    /// Margin on the binding (left) side, mm (≥ 20 by default).
    pub margin_binding: f32,
    /// The other margins, mm (≥ 12).
    pub margin: f32,
    /// Body text size, pt.
    pub body_pt: f32,
    /// Smallest size anything is printed in (footers included), pt.
    pub min_pt: f32,
    /// Line height as a multiple of the font size (≥ 1.25).
    pub leading: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            paper: Paper::A4,
            margin_binding: 20.0,
            margin: 12.0,
            body_pt: 12.0,
            min_pt: 8.0,
            leading: 1.3,
        }
    }
}
