//! Render: a laid-out [`Document`] → PDF bytes. Pure: no clock, no filesystem, no globals
//! that leak into the output.
//!
//! Stage 4 of the pipeline (load → validate → layout → **render** → write). printpdf 0.12.8
//! builds the page content and subsets the fonts; [`finish`] then fixes what printpdf leaves
//! nondeterministic or misleading (trailer `/ID`, info dictionary) before the bytes are written.

mod archive;
mod encrypt;
mod finish;
mod images;
mod metadata;
mod ops;
mod structure;
mod tags;

pub use archive::{Archive, Attachment, CONFORMANCE};
pub use metadata::NAMESPACE as ARCHIVE_NAMESPACE;

pub use encrypt::{encrypt_pdf, password_opens, Opens, MAX_PASSWORD_BYTES};

use std::collections::BTreeSet;

use printpdf::{
    FontId, Op, PdfDocument, PdfPage, PdfSaveOptions, PdfWarnMsg, XObject, XObjectId,
    XObjectTransform,
};
use sha2::{Digest, Sha256};

use crate::fonts::{Face, FontSet};
use crate::layout::{Document, Item, Meta, Weight};

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// printpdf could not parse a face.
    Font {
        /// The face's name.
        face: String,
    },
    /// A face lacks a character the document uses (it would print as an empty box).
    MissingGlyph {
        /// The face's name.
        face: String,
        /// The character.
        ch: char,
    },
    /// printpdf reported problems; none are ignored.
    Warnings(Vec<String>),
    /// A kit's own faces that the PDF writer could not read, embed or subset (found by
    /// [`check_fonts`] before any build), each with what it said.
    FacesBroken(Vec<BrokenFace>),
    /// Serialising the PDF failed.
    Pdf(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Font { face } => write!(f, "font {face} cannot be embedded in a PDF"),
            RenderError::MissingGlyph { face, ch } => {
                write!(
                    f,
                    "font {face} has no glyph for '{ch}' (U+{:04X})",
                    u32::from(*ch)
                )
            }
            RenderError::Warnings(w) => write!(f, "PDF writer reported: {}", w.join("; ")),
            RenderError::FacesBroken(faces) => {
                let all: Vec<String> = faces.iter().map(BrokenFace::to_string).collect();
                f.write_str(&all.join("; "))
            }
            RenderError::Pdf(e) => write!(f, "PDF could not be written: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// A face the PDF writer cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenFace {
    /// Which face.
    pub weight: Weight,
    /// Its name.
    pub face: String,
    /// What the PDF writer said.
    pub why: String,
}

impl std::fmt::Display for BrokenFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} font {} cannot be embedded in a PDF: {}",
            match self.weight {
                Weight::Regular => "regular",
                Weight::Bold => "bold",
            },
            self.face,
            self.why
        )
    }
}

/// A six-capital-letter subset tag derived from the face and the characters used, so that
/// the same document always gets the same tag and different subsets get different ones.
fn subset_tag(face: &Face, used: &BTreeSet<char>) -> String {
    let mut h = Sha256::new();
    h.update(face.name.as_bytes());
    h.update(used.iter().collect::<String>().as_bytes());
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Characters drawn in each weight (as drawn: no-break spaces are plain spaces).
fn used_chars(doc: &Document) -> [BTreeSet<char>; 2] {
    let mut used = [BTreeSet::new(), BTreeSet::new()];
    let lists = doc
        .pages
        .iter()
        .map(|p| &p.items)
        .chain(doc.templates.iter().map(|t| &t.items));
    for items in lists {
        for item in items {
            if let Item::Text { weight, text, .. }
            | Item::UpText { weight, text, .. }
            | Item::OutlineText { weight, text, .. } = item
            {
                used[usize::from(*weight == Weight::Bold)].extend(ops::drawn(text).chars());
            }
        }
    }
    used
}

/// Whether every character `doc` draws is in its face ([`RenderError::MissingGlyph`] for the
/// first that is not): what rendering would find, without rendering.
pub fn check_glyphs(doc: &Document, fonts: &FontSet) -> Result<(), RenderError> {
    drawable(fonts, &used_chars(doc))
}

/// What rendering `doc` would find wrong with `fonts`, without rendering it: a character a
/// face lacks, and for each of a kit's own faces whether the PDF writer can read, embed and
/// subset it with exactly the characters `doc` draws in it — each face probed on its own in
/// a one-page document through [`render_pdf`] ([`RenderError::FacesBroken`], every broken
/// face). The built-in faces are known good and not probed.
pub fn check_fonts(doc: &Document, fonts: &FontSet) -> Result<(), RenderError> {
    let used = used_chars(doc);
    drawable(fonts, &used)?;
    let mut builtin: Option<FontSet> = None;
    let mut broken = Vec::new();
    for (weight, face, chars) in [
        (Weight::Regular, &fonts.regular, &used[0]),
        (Weight::Bold, &fonts.bold, &used[1]),
    ] {
        if face.is_builtin() {
            continue;
        }
        let b = builtin.get_or_insert_with(FontSet::builtin);
        let set = match weight {
            Weight::Regular => FontSet {
                regular: face.clone(),
                bold: b.bold.clone(),
            },
            Weight::Bold => FontSet {
                regular: b.regular.clone(),
                bold: face.clone(),
            },
        };
        let text: String = chars.iter().filter(|c| !c.is_whitespace()).collect();
        let items = if text.is_empty() {
            Vec::new()
        } else {
            vec![Item::Text {
                x: 10.0,
                y: 20.0,
                size_pt: 10.0,
                weight,
                text,
            }]
        };
        let probe = Document {
            meta: doc.meta.clone(),
            pages: vec![crate::layout::Page {
                width: 210.0,
                height: 297.0,
                items,
                template: None,
                ends_part: true,
                fingerprint: String::new(),
                section: String::new(),
            }],
            templates: Vec::new(),
            anchors: Default::default(),
            qr_count: 0,
            warnings: Vec::new(),
        };
        if let Err(e) = render_pdf(&probe, &set) {
            broken.push(BrokenFace {
                weight,
                face: face.name.clone(),
                why: match e {
                    RenderError::Warnings(w) => w.join("; "),
                    other => other.to_string(),
                },
            });
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(RenderError::FacesBroken(broken))
    }
}

fn drawable(fonts: &FontSet, used: &[BTreeSet<char>; 2]) -> Result<(), RenderError> {
    for (face, chars) in [(&fonts.regular, &used[0]), (&fonts.bold, &used[1])] {
        if let Some(ch) = chars
            .iter()
            .find(|c| !c.is_whitespace() && !face.has_char(**c))
        {
            return Err(RenderError::MissingGlyph {
                face: face.name.clone(),
                ch: *ch,
            });
        }
    }
    Ok(())
}

/// Renders `doc` with `fonts` into PDF bytes: fonts embedded and subset, text extractable,
/// tagged (PDF/UA-1: structure in reading order, language, furniture as artifacts,
/// alternative text for every code), byte-identical for the same input on any thread.
pub fn render_pdf(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, RenderError> {
    let typed = typed(doc, fonts)?;
    serialize(typed, doc.pages.len(), &doc.meta, None)
}

/// Renders `doc` as a PDF/A archive copy: [`render_pdf`]'s tagged PDF with the sRGB output
/// intent, the archive record in its XMP metadata and, for PDF/A-3, the archive's
/// attachments embedded.
pub fn render_archive(
    doc: &Document,
    fonts: &FontSet,
    archive: &Archive,
) -> Result<Vec<u8>, RenderError> {
    let typed = typed(doc, fonts)?;
    serialize(typed, doc.pages.len(), &doc.meta, Some(archive))
}

/// [`render_pdf`] of a document that is not needed afterwards: it is freed as soon as its
/// pages are turned into PDF operations, so that the two are not held together with the
/// serialised objects (a 100,000-row snapshot holds hundreds of MB in each).
pub fn render_pdf_owned(doc: Document, fonts: &FontSet) -> Result<Vec<u8>, RenderError> {
    let typed = typed(&doc, fonts)?;
    let (pages, meta) = (doc.pages.len(), doc.meta.clone());
    drop(doc);
    serialize(typed, pages, &meta, None)
}

/// A document as printpdf's typed operations, before serialisation.
struct Typed {
    pdf: PdfDocument,
    /// Each page's QR codes and pictures as raw operators, appended after printpdf's
    /// serialisation.
    qr_content: Vec<Vec<u8>>,
    /// The pictures each of those pages draws, by resource name.
    pictures: Vec<std::collections::BTreeMap<String, std::sync::Arc<crate::picture::Picture>>>,
    /// The form XObjects of the templates.
    names: Vec<XObjectId>,
    /// What each item is to a reader: marked content and the structure tree.
    plan: tags::Plan,
    /// Number of the document's templates (the first of `names`).
    templates: usize,
}

fn typed(doc: &Document, fonts: &FontSet) -> Result<Typed, RenderError> {
    let used = used_chars(doc);
    drawable(fonts, &used)?;
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let mut ids = Vec::new();
    for (face, chars) in [(&fonts.regular, &used[0]), (&fonts.bold, &used[1])] {
        let mut font_warnings = Vec::new();
        let mut parsed = printpdf::ParsedFont::from_bytes(&face.data, 0, &mut font_warnings)
            .ok_or_else(|| RenderError::Font {
                face: face.name.clone(),
            })?;
        parsed.font_name = Some(face.name.clone());
        // Informational notes aside, a font the PDF writer had trouble reading is an error.
        let problems: Vec<String> = font_warnings
            .iter()
            .filter(|w| format!("{:?}", w.severity) != "Info")
            .map(|w| format!("{}: {}", face.name, w.message))
            .collect();
        if !problems.is_empty() {
            return Err(RenderError::Warnings(problems));
        }
        let mut id = FontId(subset_tag(face, chars));
        if ids.contains(&id) {
            id.0.push('B');
        }
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        ids.push(id);
    }
    let font_of = |w: Weight| match w {
        Weight::Regular => ids[0].clone(),
        Weight::Bold => ids[1].clone(),
    };
    // What each item is to a reader: marked content and the structure tree (tagged PDF).
    let plan = tags::plan(doc);
    // Each template becomes a form XObject, drawn by every page that uses it: tagged on the
    // first, and a second one marked as repeated for the pages after it (see `tags`).
    // printpdf encodes the template's content as an extra page at the end; `finish` moves
    // that content into the XObject and removes the page.
    let mut repeated: Vec<Option<usize>> = vec![None; doc.templates.len()];
    let mut names: Vec<XObjectId> = (0..doc.templates.len())
        .map(|t| XObjectId(format!("Tpl{t}")))
        .collect();
    for (p, _) in doc.pages.iter().zip(&plan.repeat).filter(|(_, r)| **r) {
        if let Some(t) = p.template.filter(|t| repeated[*t].is_none()) {
            repeated[t] = Some(names.len());
            names.push(XObjectId(format!("Tpl{t}R")));
        }
    }
    for name in &names {
        pdf.resources.xobjects.map.insert(
            name.clone(),
            XObject::External(finish::placeholder_xobject()),
        );
    }
    let mut qr_content = Vec::new();
    let mut pictures = Vec::new();
    let mut page =
        |items: &[Item], marks: &[tags::Mark], w: f32, h: f32, xobject: Option<usize>| {
            let mut page_ops = Vec::new();
            if let Some(x) = xobject {
                page_ops.push(Op::UseXobject {
                    id: names[x].clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
            }
            let (item_ops, raw) = ops::item_ops(items, marks, h, &font_of);
            page_ops.extend(item_ops);
            qr_content.push(raw);
            pictures.push(images::used(items));
            PdfPage::new(printpdf::Mm(w), printpdf::Mm(h), page_ops)
        };
    let mut pages = Vec::with_capacity(doc.pages.len() + names.len());
    for ((p, marks), repeat) in doc.pages.iter().zip(&plan.pages).zip(&plan.repeat) {
        let xobject = p
            .template
            .map(|t| if *repeat { repeated[t].unwrap_or(t) } else { t });
        pages.push(page(&p.items, marks, p.width, p.height, xobject));
    }
    for (t, marks) in doc.templates.iter().zip(&plan.templates) {
        pages.push(page(&t.items, marks, t.width, t.height, None));
    }
    for (t, _) in repeated.iter().enumerate().filter(|(_, r)| r.is_some()) {
        let tpl = &doc.templates[t];
        let marks = tags::repeated(&plan.templates[t]);
        pages.push(page(&tpl.items, &marks, tpl.width, tpl.height, None));
    }
    pdf.pages = pages;
    Ok(Typed {
        pdf,
        qr_content,
        pictures,
        names,
        plan,
        templates: doc.templates.len(),
    })
}

/// Serialises the typed document of `page_count` pages (templates are after them).
fn serialize(
    typed: Typed,
    page_count: usize,
    meta: &crate::layout::Meta,
    archive: Option<&Archive>,
) -> Result<Vec<u8>, RenderError> {
    let Typed {
        pdf,
        qr_content,
        pictures,
        names,
        plan,
        templates,
    } = typed;
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lodoc = pdf.to_lopdf_document(&opts, &mut warnings);
    // printpdf's typed operations of every page are no longer needed: free them before the
    // streams are compressed and written (a text-dense page holds ~100 KB of them).
    drop(pdf);
    if !warnings.is_empty() {
        return Err(RenderError::Warnings(
            warnings.into_iter().map(|w| w.msg).collect(),
        ));
    }
    finish::append_content(&mut lodoc, &qr_content)?;
    images::embed(&mut lodoc, &pictures)?;
    let xobjects = finish::templates_to_xobjects(&mut lodoc, &names, page_count)?;
    structure::write(
        &mut lodoc,
        &plan,
        &xobjects[..templates.min(xobjects.len())],
        &meta.lang,
    )?;
    drop(plan);
    // PDF 1.7: the structure attributes, /AF and the PDF/A and PDF/UA parts are of it.
    lodoc.version = "1.7".to_string();
    let packet = metadata::xmp(meta, &finish::creator(), finish::PRODUCER, archive);
    metadata::add(&mut lodoc, packet)?;
    match archive {
        None => finish::finish(lodoc, meta),
        Some(a) => {
            let date = finish::pdf_date(&meta.print_date);
            archive::apply(&mut lodoc, a, meta.reprint.as_deref(), &date)?;
            let meta = Meta {
                reprint: None,
                ..meta.clone()
            };
            finish::finish(lodoc, &meta)
        }
    }
}
