//! The last step before bytes: page templates moved into form XObjects, a clean info
//! dictionary and a trailer `/ID` derived from the content instead of printpdf's global
//! counter, so output is byte-identical across builds, processes and threads.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::RenderError;
use crate::layout::Meta;

/// Placeholder for the trailer `/ID`, replaced by the content hash after serialisation.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// What the info dictionary (and the XMP metadata) names as the document's creator.
pub(crate) fn creator() -> String {
    format!("downkit {}", env!("CARGO_PKG_VERSION"))
}

/// What the info dictionary (and the XMP metadata) names as the PDF's producer.
pub(crate) const PRODUCER: &str = "printpdf 0.12.8";

/// `2025-03-01` → `D:20250301000000Z`; anything else → the epoch.
pub(crate) fn pdf_date(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let ymd = if digits.len() == 8 {
        digits
    } else {
        "19700101".to_string()
    };
    format!("D:{ymd}000000Z")
}

/// A text string in UTF-16BE with BOM, as the PDF spec wants for non-ASCII text.
pub(crate) fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Deflate level for content and font streams. lopdf's own `compress` uses the best (9); at
/// 1000 vector-heavy pages that cost ~0.35 s. With page templates and QR image masks the
/// streams are small: on the 531-page benchmark 9 and 6 give the same size (±0.1 %) and
/// time, 1 is 11 % larger and no faster. 6 (zlib's default) keeps the cost bounded should
/// content grow again.
const DEFLATE_LEVEL: u32 = 6;

/// Compresses every stream that is not already filtered, as lopdf's `compress` does but at
/// [`DEFLATE_LEVEL`], on all cores (each stream on its own, so the bytes do not depend on the
/// number of threads).
fn compress(doc: &mut lopdf::Document) -> Result<(), RenderError> {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let workers = crate::cores::workers(streams.len(), 64);
    let part = streams.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let jobs: Vec<_> = streams
            .chunks_mut(part)
            .map(|chunk| s.spawn(move || compress_all(chunk)))
            .collect();
        jobs.into_iter().try_for_each(|j| {
            j.join()
                .unwrap_or_else(|_| Err(RenderError::Pdf("deflate failed".into())))
        })
    })
}

/// Deflates `streams` with one compressor, reset between them: a fresh one allocates and
/// zeroes some 300 KB of state, which for a binder of a thousand small page streams cost
/// more than compressing them.
fn compress_all(streams: &mut [&mut Stream]) -> Result<(), RenderError> {
    let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
    let mut packed = Vec::new();
    for stream in streams {
        z.reset();
        packed.clear();
        packed.reserve(stream.content.len() / 3 + 64);
        loop {
            let done = z.total_in() as usize;
            let status = z
                .compress_vec(
                    &stream.content[done..],
                    &mut packed,
                    flate2::FlushCompress::Finish,
                )
                .map_err(|e| RenderError::Pdf(format!("deflate: {e}")))?;
            match status {
                flate2::Status::StreamEnd => break,
                _ => packed.reserve(packed.capacity().max(64)),
            }
        }
        // Data ending in a carriage return reads, with the line feed the writer puts before
        // `endstream`, as a CR LF end of line: PDF/A validators then count the stream one byte
        // short of its /Length. Deflated data ends in its checksum, the same at every level,
        // so such a stream (one in 256) stays as it is unless its plain form ends so too.
        let ends_in_cr = packed.last() == Some(&b'\r') && stream.content.last() != Some(&b'\r');
        if !ends_in_cr && packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed.clone());
        } else {
            // Content appended after printpdf wrote the stream (`append_content`) is counted.
            let len = stream.content.len() as i64;
            stream.dict.set("Length", len);
        }
    }
    Ok(())
}

/// Replaces the info dictionary and trailer `/ID`, compresses, and serialises.
pub(crate) fn finish(mut doc: lopdf::Document, meta: &Meta) -> Result<Vec<u8>, RenderError> {
    let date = pdf_date(&meta.print_date);
    let mut entries = vec![
        ("Title", text(&meta.title)),
        ("Author", text(&meta.author)),
        ("Subject", text(&meta.subject)),
        ("Creator", text(&creator())),
        ("Producer", text(PRODUCER)),
        ("CreationDate", Object::string_literal(date.clone())),
        ("ModDate", Object::string_literal(date)),
    ];
    if let Some(record) = &meta.reprint {
        // A hexadecimal string, not a literal: lopdf 0.44 writes a literal string by checking
        // every byte against the list of escape positions (time = length × escapes, 73 % of
        // a 500-copy build), while a hex string is written in one linear pass.
        entries.push((
            crate::lifecycle::REPRINT_INFO_KEY,
            Object::String(record.as_bytes().to_vec(), StringFormat::Hexadecimal),
        ));
    }
    let info = Dictionary::from_iter(entries);
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError::Pdf(format!("no info dictionary: {e}")))?;
    doc.objects.insert(info_id, Object::Dictionary(info));
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    compress(&mut doc)?;
    let mut bytes = Vec::new();
    // Object and cross-reference streams (PDF 1.5): the dictionaries of hundreds of pages
    // compress to a fraction of their plain size.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(DEFLATE_LEVEL)
        .build();
    doc.save_with_options(&mut bytes, options)
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

/// An empty XObject that reserves a name in the document's XObject resources; its content is
/// filled in by [`templates_to_xobjects`].
pub(crate) fn placeholder_xobject() -> printpdf::ExternalXObject {
    printpdf::ExternalXObject {
        stream: printpdf::ExternalStream {
            dict: Default::default(),
            content: Vec::new(),
            compress: true,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

fn pdf_err(what: &str) -> impl Fn(lopdf::Error) -> RenderError + '_ {
    move |e| RenderError::Pdf(format!("{what}: {e}"))
}

/// Appends `extra[i]` (raw operators, e.g. QR codes) to the content of page `i + 1`.
pub(crate) fn append_content(
    doc: &mut lopdf::Document,
    extra: &[Vec<u8>],
) -> Result<(), RenderError> {
    let pages = doc.get_pages();
    for (i, raw) in extra.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        let page_no = u32::try_from(i + 1).expect("page count fits u32");
        let page_id = *pages
            .get(&page_no)
            .ok_or_else(|| RenderError::Pdf(format!("page {page_no} missing")))?;
        let contents_id = doc
            .get_dictionary(page_id)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(pdf_err("page content"))?;
        match doc.objects.get_mut(&contents_id) {
            Some(Object::Stream(s)) => {
                if !s.content.ends_with(b"\n") {
                    s.content.push(b'\n');
                }
                s.content.extend_from_slice(raw);
            }
            _ => return Err(RenderError::Pdf("page content is not a stream".into())),
        }
    }
    Ok(())
}

/// Moves template `t`, which printpdf wrote as page `real_pages + t + 1`, into the form
/// XObject named `names[t]`, and removes those extra pages from the page tree. Returns the
/// XObjects' ids, by template.
pub(crate) fn templates_to_xobjects(
    doc: &mut lopdf::Document,
    names: &[printpdf::XObjectId],
    real_pages: usize,
) -> Result<Vec<ObjectId>, RenderError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let pages = doc.get_pages();
    let mut removed: Vec<ObjectId> = Vec::new();
    let mut xobjects = Vec::with_capacity(names.len());
    for (t, name) in names.iter().enumerate() {
        let page_no = u32::try_from(real_pages + t + 1).expect("page count fits u32");
        let page_id = *pages
            .get(&page_no)
            .ok_or_else(|| RenderError::Pdf(format!("template page {page_no} missing")))?;
        let page = doc
            .get_dictionary(page_id)
            .map_err(pdf_err("template page"))?
            .clone();
        let bbox = page.get(b"MediaBox").map_err(pdf_err("MediaBox"))?.clone();
        let contents_id = page
            .get(b"Contents")
            .and_then(Object::as_reference)
            .map_err(pdf_err("template content"))?;
        let resources_id = page
            .get(b"Resources")
            .and_then(Object::as_reference)
            .map_err(pdf_err("template resources"))?;
        let resources = doc
            .get_dictionary(resources_id)
            .map_err(pdf_err("template resources"))?;
        let fonts = resources.get(b"Font").map_err(pdf_err("fonts"))?.clone();
        let xobjects_id = resources
            .get(b"XObject")
            .and_then(Object::as_reference)
            .map_err(pdf_err("XObject resources"))?;
        let page_xobjects = doc
            .get_dictionary(xobjects_id)
            .map_err(pdf_err("XObject resources"))?;
        let xobject_id = page_xobjects
            .get(name.0.as_bytes())
            .and_then(Object::as_reference)
            .map_err(pdf_err("template XObject"))?;
        // The pictures the template draws (see `images`).
        let pictures: Dictionary = page_xobjects
            .iter()
            .filter(|(k, _)| k.starts_with(b"Im"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let content = match doc.objects.remove(&contents_id) {
            Some(Object::Stream(s)) => s.content,
            _ => return Err(RenderError::Pdf("template content is not a stream".into())),
        };
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            ("BBox", bbox),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter(if pictures.is_empty() {
                    vec![("Font", fonts)]
                } else {
                    vec![("Font", fonts), ("XObject", Object::Dictionary(pictures))]
                })),
            ),
        ]);
        doc.objects
            .insert(xobject_id, Object::Stream(Stream::new(dict, content)));
        xobjects.push(xobject_id);
        doc.objects.remove(&resources_id);
        doc.objects.remove(&page_id);
        removed.push(page_id);
    }
    // Take the extra pages out of the page tree.
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_err("catalog"))?;
    let pages_id = doc
        .get_dictionary(root)
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(pdf_err("page tree"))?;
    let tree = doc
        .get_dictionary_mut(pages_id)
        .map_err(pdf_err("page tree"))?;
    let kids: Vec<Object> = tree
        .get(b"Kids")
        .and_then(Object::as_array)
        .map_err(pdf_err("page list"))?
        .iter()
        .filter(|k| k.as_reference().map_or(true, |r| !removed.contains(&r)))
        .cloned()
        .collect();
    if kids.len() != real_pages {
        return Err(RenderError::Pdf(format!(
            "page tree has {} pages after removing templates, expected {real_pages}",
            kids.len()
        )));
    }
    tree.set("Count", Object::Integer(kids.len() as i64));
    tree.set("Kids", Object::Array(kids));
    Ok(xobjects)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream whose deflated data ends in a carriage return is deflated again, so that
    /// `endstream` never follows what reads as a CR LF.
    #[test]
    fn deflated_streams_never_end_in_a_carriage_return() {
        // Deflated data ends in the Adler-32 checksum of the plain data, the same at every
        // level: one content in about 256 ends in CR.
        let ends_in_cr = |c: &str| {
            use std::io::Write;
            let mut z = flate2::write::ZlibEncoder::new(
                Vec::new(),
                flate2::Compression::new(DEFLATE_LEVEL),
            );
            z.write_all(c.as_bytes()).unwrap();
            z.finish().unwrap().last() == Some(&b'\r')
        };
        let contents: Vec<String> = (0..2000)
            .map(|i| "BT /F1 11 Tf 20 700 Td (rad) Tj ET\n".repeat(20) + &"!".repeat(i))
            .collect();
        let odd = contents.iter().find(|c| ends_in_cr(c)).expect("a content");
        let plain = contents.iter().find(|c| !ends_in_cr(c)).expect("a content");
        for (c, compressed) in [(odd, false), (plain, true)] {
            let mut stream = Stream::new(Dictionary::new(), c.clone().into_bytes());
            compress_all(&mut [&mut stream]).unwrap();
            assert_ne!(stream.content.last(), Some(&b'\r'));
            assert_eq!(stream.dict.get(b"Filter").is_ok(), compressed);
        }
    }
}
