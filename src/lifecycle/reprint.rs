//! The reprint record: what a built binder carries in its PDF metadata so that a later
//! `downkit diff` can say what changed since it was printed and which pages to reprint.
//!
//! Each page has a fingerprint of its content (not of the running header, footer, version
//! or print date: a page whose content is the same is the same page), and the record holds
//! the kit's printed content in the canonical form of the content fingerprint
//! ([`crate::model::fingerprint`]), from which the changes are told in words
//! ([`super::changes`]).

use crate::layout::Document;
use crate::model::Kit;
use serde::{Deserialize, Serialize};

/// The key of the PDF info dictionary that holds the record.
pub const INFO_KEY: &str = "DownkitReprint";

/// The key of the catalog's page-piece dictionary (`/PieceInfo`) whose `/Private` stream
/// holds the record in a PDF/A archive copy (PDF/A limits an info string to 32,767 bytes).
pub const PIECE_KEY: &str = "Downkit";

/// One printed page: where it is in the binder and its content fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMark {
    /// The page's content fingerprint (16 hex digits).
    pub fingerprint: String,
    /// The part of the binder it belongs to (its running header, or the first line).
    pub section: String,
}

/// What one build printed, page by page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintRecord {
    /// Format of the record (1).
    pub format: u32,
    /// Kit id.
    pub kit: String,
    /// Kit version printed.
    pub version: String,
    /// The print date.
    pub print_date: String,
    /// Every page in order.
    pub pages: Vec<PageMark>,
    /// The printed content (the canonical form the kit's fingerprint is taken over).
    pub content: serde_json::Value,
}

impl PrintRecord {
    /// The record of printing `doc`, the laid-out binder of `kit`.
    pub fn of(kit: &Kit, doc: &Document) -> PrintRecord {
        let text = crate::model::canonical_text(kit);
        PrintRecord {
            format: 1,
            kit: kit.meta.id.v.clone(),
            version: kit.meta.version.v.clone(),
            print_date: doc.meta.print_date.clone(),
            pages: doc
                .pages
                .iter()
                .map(|p| PageMark {
                    fingerprint: p.fingerprint.clone(),
                    section: p.section.clone(),
                })
                .collect(),
            content: serde_json::from_str(&text).unwrap_or_default(),
        }
    }

    /// The record as JSON in ASCII only (other characters as `\u` escapes), to sit in a PDF
    /// string without an encoding of its own.
    pub fn to_ascii_json(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let mut out = String::with_capacity(json.len());
        for c in json.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
        out
    }

    /// Reads the record from a PDF that downkit built.
    pub fn from_pdf(bytes: &[u8]) -> Result<PrintRecord, String> {
        let doc = crate::load::pdf::parse(bytes)?;
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .map_err(|_| "the PDF has no document information".to_string())?;
        let piece = || -> Option<Vec<u8>> {
            let root = doc.trailer.get(b"Root").ok()?.as_reference().ok()?;
            let private = doc
                .get_dictionary(root)
                .ok()?
                .get(b"PieceInfo")
                .ok()?
                .as_dict()
                .ok()?
                .get(PIECE_KEY.as_bytes())
                .ok()?
                .as_dict()
                .ok()?
                .get(b"Private")
                .ok()?
                .as_reference()
                .ok()?;
            let stream = doc.get_object(private).ok()?.as_stream().ok()?;
            stream
                .decompressed_content()
                .ok()
                .or_else(|| Some(stream.content.clone()))
        };
        let kept;
        let raw: &[u8] = match info
            .get(INFO_KEY.as_bytes())
            .and_then(lopdf::Object::as_str)
        {
            Ok(r) => r,
            Err(_) => {
                kept = piece().ok_or_else(|| {
                    "the PDF carries no reprint record: it was not built by downkit, or by a version before page fingerprints; compare with the kit it was built from instead".to_string()
                })?;
                &kept
            }
        };
        let text =
            std::str::from_utf8(raw).map_err(|_| "the reprint record is not text".to_string())?;
        serde_json::from_str(text).map_err(|e| format!("the reprint record cannot be read: {e}"))
    }
}

/// Which pages of the new binder to print, against what was printed before.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Reprint {
    /// Pages (1-based, of the new binder) whose content is new or changed.
    pub pages: Vec<usize>,
    /// Pages whose content is unchanged but that moved: (old page, new page).
    pub moved: Vec<(usize, usize)>,
    /// Old pages whose content is gone from the binder (take them out).
    pub removed: Vec<usize>,
    /// Page count before and now.
    pub count: (usize, usize),
}

/// Compares the pages of two printings. A page is kept when the page at the same place had
/// the same content; content that is unchanged but at another place is reported as moved
/// (the old sheet can stay, its page number is off), everything else is to be printed.
pub fn pages_to_reprint(old: &[PageMark], new: &[PageMark]) -> Reprint {
    let mut r = Reprint {
        count: (old.len(), new.len()),
        ..Reprint::default()
    };
    let mut used = vec![false; old.len()];
    for (i, p) in new.iter().enumerate() {
        if old.get(i).is_some_and(|o| o.fingerprint == p.fingerprint) && !used[i] {
            used[i] = true;
        }
    }
    for (i, p) in new.iter().enumerate() {
        if old.get(i).is_some_and(|o| o.fingerprint == p.fingerprint) {
            continue;
        }
        let elsewhere = old
            .iter()
            .enumerate()
            .find(|(j, o)| !used[*j] && o.fingerprint == p.fingerprint)
            .map(|(j, _)| j);
        match elsewhere {
            Some(j) => {
                used[j] = true;
                r.moved.push((j + 1, i + 1));
            }
            None => r.pages.push(i + 1),
        }
    }
    r.removed = (0..old.len())
        .filter(|j| !used[*j])
        .map(|j| j + 1)
        .filter(|j| !r.pages.contains(j))
        .collect();
    r
}
