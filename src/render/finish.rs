//! The last step before bytes: a clean info dictionary and a trailer `/ID` derived from the
//! content instead of printpdf's global counter, so output is byte-identical across builds,
//! processes and threads.

use lopdf::{Dictionary, Object, StringFormat};
use sha2::{Digest, Sha256};

use super::RenderError;
use crate::layout::Meta;

/// Placeholder for the trailer `/ID`, replaced by the content hash after serialisation.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// `2025-03-01` → `D:20250301000000Z`; anything else → the epoch.
fn pdf_date(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let ymd = if digits.len() == 8 {
        digits
    } else {
        "19700101".to_string()
    };
    format!("D:{ymd}000000Z")
}

/// A text string in UTF-16BE with BOM, as the PDF spec wants for non-ASCII text.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Replaces the info dictionary and trailer `/ID`, compresses, and serialises.
pub(crate) fn finish(mut doc: lopdf::Document, meta: &Meta) -> Result<Vec<u8>, RenderError> {
    let date = pdf_date(&meta.print_date);
    let info = Dictionary::from_iter(vec![
        ("Title", text(&meta.title)),
        ("Author", text(&meta.author)),
        ("Subject", text(&meta.subject)),
        (
            "Creator",
            text(&format!("downkit {}", env!("CARGO_PKG_VERSION"))),
        ),
        ("Producer", text("printpdf 0.12.8")),
        ("CreationDate", Object::string_literal(date.clone())),
        ("ModDate", Object::string_literal(date)),
    ]);
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError::Pdf(format!("no info dictionary: {e}")))?;
    doc.objects.insert(info_id, Object::Dictionary(info));
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    // Derive the ID from everything written, then put it where the placeholder was.
    let digest = Sha256::digest(&bytes);
    let hex_placeholder = "0".repeat(32);
    let hex_id: String = digest.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let needle = format!("<{hex_placeholder}>");
    let start = bytes
        .windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
        .ok_or_else(|| RenderError::Pdf("trailer /ID not found".into()))?;
    let pos = bytes[..start]
        .windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
        .filter(|p| start - p < 40)
        .ok_or_else(|| RenderError::Pdf("trailer /ID not found".into()))?;
    for at in [pos, start] {
        bytes[at + 1..at + 33].copy_from_slice(hex_id.as_bytes());
    }
    Ok(bytes)
}
