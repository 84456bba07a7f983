//! What every part of the binder needs: the kit, its labels, payloads, page references and
//! small block constructors.

use super::BuildOptions;
use crate::labels::Label;
use crate::layout::{Block, Origin, Span};
use crate::load::Loaded;
use crate::model::{Contact, Kit, Lang, Loc, Phone, PhoneKind};
use crate::payload::{short_hash, Payload};
use std::collections::BTreeMap;

/// Body size of procedure steps, pt (field rules: 12 preferred; steps in large type).
pub const STEP_PT: f32 = 14.0;
/// Body size, pt.
pub const BODY_PT: f32 = 12.0;
/// Size of small print (table cells, captions), pt; never below 8.
pub const SMALL_PT: f32 = 10.0;
/// QR module for artifact tags, mm.
pub const TAG_MODULE: f32 = 0.8;
/// QR module for contact `tel:` codes, mm.
pub const TEL_MODULE: f32 = 0.8;

/// The state shared while a kit's blocks are written.
pub struct Ctx<'k> {
    /// The kit.
    pub kit: &'k Kit,
    /// Loaded sources (for item locations).
    pub loaded: &'k Loaded,
    /// Build options.
    pub opts: &'k BuildOptions,
    /// Anchor id → page, from the previous layout pass (empty on the first).
    pub refs: BTreeMap<String, usize>,
    /// Short content hash for payloads.
    pub hash: String,
    /// Set when a block asked for a page number: only then can another pass change anything.
    pub asked: std::cell::Cell<bool>,
    /// Columns the cover's contents are set in (raised by the binder until they fit the
    /// cover page).
    pub cover_columns: u8,
    /// The poster's type as a share of its full size (lowered by the binder until the
    /// poster fits its page, never below [`super::poster::MIN_SCALE`]).
    pub poster_scale: f32,
    /// Procedures set in tighter type (still within the field rules) so that their last
    /// steps do not run onto a page of their own.
    pub tight: std::collections::BTreeSet<String>,
    /// The start page is printed on a page of its own after the cover's contents, not on
    /// the cover (it did not fit there).
    pub start_apart: bool,
    /// The words and abbreviations are printed at the back of the binder, not on the back
    /// of the cover (they would have had a page of their own there).
    pub glossary_back: bool,
}

impl<'k> Ctx<'k> {
    /// A context for one layout pass over the kit as loaded.
    pub fn new(loaded: &'k Loaded, opts: &'k BuildOptions, refs: BTreeMap<String, usize>) -> Self {
        Ctx::with_kit(loaded, &loaded.kit, opts, refs)
    }

    /// A context for one layout pass over `kit`: the loaded kit as printed, its references
    /// written out ([`super::resolve::printed`]). Codes carry the loaded kit's fingerprint.
    pub fn with_kit(
        loaded: &'k Loaded,
        kit: &'k Kit,
        opts: &'k BuildOptions,
        refs: BTreeMap<String, usize>,
    ) -> Self {
        Ctx {
            kit,
            loaded,
            opts,
            refs,
            hash: short_hash(&loaded.kit.fingerprint()),
            asked: std::cell::Cell::new(false),
            cover_columns: 1,
            poster_scale: 1.0,
            tight: Default::default(),
            start_apart: false,
            glossary_back: false,
        }
    }

    /// The page an anchor landed on in the previous pass, when it did.
    pub fn page_no(&self, anchor: &str) -> Option<usize> {
        self.asked.set(true);
        self.refs.get(anchor).copied()
    }

    /// The kit's language.
    pub fn lang(&self) -> Lang {
        self.kit.meta.language
    }

    /// A label in the kit's language.
    pub fn t(&self, l: Label) -> &'static str {
        l.text(self.lang())
    }

    /// The page an anchor landed on, as text ("?" before the first pass).
    pub fn page_of(&self, anchor: &str) -> String {
        self.asked.set(true);
        self.refs
            .get(anchor)
            .map_or_else(|| "?".into(), |p| p.to_string())
    }

    /// Width of a portrait page's content line on the paper this build prints on, mm.
    pub fn content_width(&self) -> f32 {
        let settings = crate::layout::Settings {
            paper: self.opts.paper.unwrap_or(self.kit.meta.paper),
            ..crate::layout::Settings::default()
        };
        crate::layout::content_width(&settings, crate::layout::Orientation::Portrait)
    }

    /// True when every page's footer already says that the page holds personal data: the
    /// kit's `classification` is the marking, or says it in other words ("Sekretess –
    /// innehåller personuppgifter", "Confidential: personal data"). A form then does not
    /// print the marking a second time.
    pub fn classification_marks_personal_data(&self) -> bool {
        let Some(c) = self.kit.meta.classification.as_deref() else {
            return false;
        };
        let c = c.to_lowercase();
        c == self.t(Label::PersonalData).to_lowercase()
            || [
                "personuppgift",
                "personal data",
                "personal information",
                "personally identifiable",
            ]
            .iter()
            .any(|w| c.contains(w))
    }

    /// Date boxes ÅÅÅÅ-MM-DD under `label`.
    pub fn date_boxes(&self, label: &str) -> Block {
        Block::CharBoxes {
            label: format!("{label} ({})", self.t(Label::DateFormat)),
            groups: vec![4, 2, 2],
            separators: "-".into(),
            prefill: None,
        }
    }

    /// "sidan 7" / "page 7".
    pub fn on_page(&self, anchor: &str) -> String {
        format!("{} {}", self.t(Label::OnPage), self.page_of(anchor))
    }

    /// "(sidan 7)" / "(page 7)".
    pub fn see_page(&self, anchor: &str) -> String {
        format!("({} {})", self.t(Label::OnPage), self.page_of(anchor))
    }

    /// The QR payload of an artifact (None = the kit itself); a serialized copy's carries
    /// the print run.
    pub fn payload(&self, artifact: Option<&str>, serial: Option<&str>) -> String {
        Payload {
            kit: self.kit.meta.id.v.clone(),
            artifact: artifact.map(str::to_string),
            version: self.kit.meta.version.v.clone(),
            hash: self.hash.clone(),
            serial: serial.map(str::to_string),
            run: serial.map(|_| self.opts.print_run()),
            exercise: self.opts.exercise,
        }
        .to_string()
    }

    /// The module size of a serialized copy's code: [`TAG_MODULE`], made smaller when the
    /// print run grows the code by a version, so that the code keeps the size it has without
    /// the run (a form laid out to fit one page keeps fitting; error correction stays Q).
    /// Never below 0.6 mm (field rules: at least 0.5).
    pub fn copy_module(&self, payload: &str) -> f32 {
        let size = |p: &str| crate::qr::qr_width(p, crate::qr::Ec::Q).map_or(0, |w| w + 8);
        let without = payload
            .strip_suffix("/X")
            .unwrap_or(payload)
            .rsplit_once('/')
            .map(|(head, _)| head.to_string() + if payload.ends_with("/X") { "/X" } else { "" });
        match without.map(|w| (size(&w), size(payload))) {
            Some((old, new)) if old > 0 && new > old => {
                (TAG_MODULE * old as f32 / new as f32).max(0.6)
            }
            _ => TAG_MODULE,
        }
    }

    /// Where a kit item is, as `file:line:column`.
    pub fn origin(&self, what: String, loc: Loc) -> Origin {
        let location = (loc.file < self.loaded.sources.len()).then(|| {
            let (l, c) = self.loaded.sources.line_col(loc.file, loc.start);
            format!("{}:{l}:{c}", self.loaded.sources.name(loc.file))
        });
        Origin {
            what,
            location,
            rows: None,
        }
    }

    /// A contact by id.
    pub fn contact(&self, id: &str) -> Option<&'k Contact> {
        self.kit.contacts.iter().find(|c| c.id.v == id)
    }

    /// "Mobil" etc.
    pub fn phone_kind(&self, k: PhoneKind) -> &'static str {
        self.t(match k {
            PhoneKind::Mobile => Label::Mobile,
            PhoneKind::Landline => Label::Landline,
            PhoneKind::Switchboard => Label::Switchboard,
            PhoneKind::Fax => Label::Fax,
        })
    }

    /// "Mobil 070-174 06 05", the number held together by no-break spaces so that it never
    /// breaks across lines.
    pub fn phone_text(&self, p: &Phone) -> String {
        let number = unbroken(&p.number.v.national());
        format!("{} {number}", self.phone_kind(p.kind))
    }
}

/// `text` with its spaces made no-break spaces (phone numbers, serials).
pub fn unbroken(text: &str) -> String {
    text.replace(' ', &crate::fonts::NBSP.to_string())
}

/// A paragraph of plain text.
pub fn para(text: impl Into<String>, size_pt: f32) -> Block {
    Block::Paragraph {
        spans: vec![Span {
            text: text.into(),
            bold: false,
        }],
        size_pt,
    }
}

/// A paragraph of bold text.
pub fn bold(text: impl Into<String>, size_pt: f32) -> Block {
    Block::Paragraph {
        spans: vec![Span {
            text: text.into(),
            bold: true,
        }],
        size_pt,
    }
}

/// A paragraph with a bold lead-in: "När: …".
pub fn lead(head: &str, text: &str, size_pt: f32) -> Block {
    Block::Paragraph {
        spans: vec![
            Span {
                text: format!("{head}: "),
                bold: true,
            },
            Span {
                text: text.to_string(),
                bold: false,
            },
        ],
        size_pt,
    }
}

/// A heading.
pub fn heading(level: u8, text: impl Into<String>, anchor: Option<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        anchor,
    }
}
