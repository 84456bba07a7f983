//! PDF/A: what an archive copy carries beyond a tagged binder — the sRGB output intent, the
//! kit's source files as embedded files (PDF/A-3) and the reprint record as private data
//! (an info-dictionary string is limited to 32,767 bytes in PDF/A).
//!
//! The ICC profile is `color/sRGB.icc` from Debian's icc-profiles-free (lcms-generated sRGB,
//! ICC v2, zlib licence: `color/LICENSE`).

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::structure::catalog_id;
use super::RenderError;

/// The conformance level claimed: A (accessible: tagged, Unicode text, language).
pub const CONFORMANCE: &str = "A";

/// The sRGB profile of the output intent.
const SRGB: &[u8] = include_bytes!("../../color/sRGB.icc");

/// An archive copy of a kit version: what it records besides the pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    /// The kit's id.
    pub kit: String,
    /// The kit's version.
    pub version: String,
    /// The first day the version is in force, `YYYY-MM-DD`.
    pub valid_from: String,
    /// The last day it is in force, when known.
    pub valid_to: Option<String>,
    /// The kit's content fingerprint (SHA-256, hex).
    pub fingerprint: String,
    /// Files embedded in the PDF (the kit's sources): PDF/A-3. None: PDF/A-2.
    pub attachments: Vec<Attachment>,
}

impl Archive {
    /// The PDF/A part: 3 with embedded files, else 2.
    pub fn part(&self) -> u8 {
        if self.attachments.is_empty() {
            2
        } else {
            3
        }
    }
}

/// A file embedded in an archive copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// Its name (a relative path with `/`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its media type (`application/toml`, `text/plain`).
    pub mime: String,
    /// What it is, in words.
    pub description: String,
    /// How it relates to the document: `Source` (what it was made from) or `Data`.
    pub relationship: &'static str,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn err(what: &'static str) -> impl Fn(lopdf::Error) -> RenderError {
    move |e| RenderError::Pdf(format!("{what}: {e}"))
}

/// Adds the output intent, the embedded files and the reprint record `reprint` to `doc`.
/// `date` is the PDF date of the copy (the embedded files' modification date).
pub(crate) fn apply(
    doc: &mut lopdf::Document,
    archive: &Archive,
    reprint: Option<&str>,
    date: &str,
) -> Result<(), RenderError> {
    let profile = doc.add_object(Object::Stream(Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB.to_vec(),
    )));
    let intent = Dictionary::from_iter(vec![
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        (
            "OutputConditionIdentifier",
            Object::string_literal("sRGB IEC61966-2.1"),
        ),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        (
            "RegistryName",
            Object::string_literal("http://www.color.org"),
        ),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let mut files = Vec::new();
    for a in &archive.attachments {
        let params = Dictionary::from_iter(vec![
            ("Size", Object::Integer(a.bytes.len() as i64)),
            ("ModDate", Object::string_literal(date)),
        ]);
        let ef = doc.add_object(Object::Stream(Stream::new(
            Dictionary::from_iter(vec![
                ("Type", name("EmbeddedFile")),
                ("Subtype", name(&a.mime)),
                ("Params", Object::Dictionary(params)),
            ]),
            a.bytes.clone(),
        )));
        let spec = doc.add_object(Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", name("Filespec")),
            (
                "F",
                Object::String(a.name.as_bytes().to_vec(), StringFormat::Literal),
            ),
            ("UF", super::finish::text(&a.name)),
            ("Desc", super::finish::text(&a.description)),
            ("AFRelationship", name(a.relationship)),
            (
                "EF",
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("F", Object::Reference(ef)),
                    ("UF", Object::Reference(ef)),
                ])),
            ),
        ])));
        files.push((a.name.clone(), spec));
    }
    let private = reprint.map(|r| {
        doc.add_object(Object::Stream(Stream::new(
            Dictionary::new(),
            r.as_bytes().to_vec(),
        )))
    });
    let catalog = catalog_id(doc)?;
    let c = doc.get_dictionary_mut(catalog).map_err(err("catalog"))?;
    c.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    if !files.is_empty() {
        // A name tree's keys are sorted.
        files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut names = Vec::with_capacity(2 * files.len());
        for (n, spec) in &files {
            names.push(Object::String(n.as_bytes().to_vec(), StringFormat::Literal));
            names.push(Object::Reference(*spec));
        }
        c.set(
            "Names",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "EmbeddedFiles",
                Object::Dictionary(Dictionary::from_iter(vec![("Names", Object::Array(names))])),
            )])),
        );
        c.set(
            "AF",
            Object::Array(files.iter().map(|(_, s)| Object::Reference(*s)).collect()),
        );
    }
    if let Some(p) = private {
        c.set(
            "PieceInfo",
            Object::Dictionary(Dictionary::from_iter(vec![(
                crate::lifecycle::REPRINT_PIECE_KEY,
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("LastModified", Object::string_literal(date)),
                    ("Private", Object::Reference(p)),
                ])),
            )])),
        );
    }
    Ok(())
}
