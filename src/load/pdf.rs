//! The one PDF reader: every PDF downkit reads — scanned pages (`reconcile`, uploads to
//! `serve`), the reprint record of a printed binder (`diff`) and a snapshot whose password is
//! checked (`serve`) — is parsed by lopdf through [`parse`], and every stream of it is
//! inflated through [`inflate`], both under one limit, [`MAX_STREAM_BYTES`]: a few hundred
//! bytes of Flate cannot become gigabytes. [`pages`] walks the page tree and refuses one that
//! loops or holds no page, instead of reading it as an empty document.
//!
//! The bytes come from the bounded reader ([`super::open`]) or from memory (an upload).

use lopdf::{Document, Object, ObjectId, Stream};
use std::collections::HashSet;

/// The most bytes any one stream of a PDF is inflated to, when the document is parsed
/// (object and cross-reference streams) and when a stream is read: a 40-megapixel page image
/// in CMYK at 8 bits, with its row filters, is 160 MB.
pub const MAX_STREAM_BYTES: usize = 192 << 20;

/// Deepest page tree walked (real ones are two or three levels).
const MAX_TREE_DEPTH: usize = 64;

/// Parses a PDF held in memory; the error says in words why it cannot be read.
pub fn parse(bytes: &[u8]) -> Result<Document, String> {
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    Document::load_mem_with_options(bytes, opts)
        .map_err(|e| format!("it is not a PDF that can be read ({e})"))
}

/// The stream's content with its filters undone, at most `limit` bytes (and never more than
/// [`MAX_STREAM_BYTES`]).
pub fn inflate(stream: &Stream, limit: usize) -> Result<Vec<u8>, String> {
    stream
        .decompressed_content_with_limit(limit.min(MAX_STREAM_BYTES))
        .map_err(|e| e.to_string())
}

/// The pages of `doc` in order, at most `max` of them: an error when the page tree loops
/// (a node that is its own ancestor, or a page listed twice), nests deeper than any real one,
/// holds more than `max` pages, or none.
pub fn pages(doc: &Document, max: usize) -> Result<Vec<ObjectId>, String> {
    let damaged = |why: String| format!("its page tree is damaged ({why}); save or scan it again");
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| damaged("the document names no page tree".into()))?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Depth-first, kids in order: (node, depth).
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(damaged(format!(
                "object {} {} is reached twice: it loops",
                id.0, id.1
            )));
        }
        if depth > MAX_TREE_DEPTH {
            return Err(damaged(format!(
                "it nests deeper than {MAX_TREE_DEPTH} levels"
            )));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        let kids = node
            .get(b"Kids")
            .ok()
            .and_then(|k| doc.dereference(k).ok())
            .and_then(|(_, k)| k.as_array().ok());
        let is_page = node.get_type().is_ok_and(|t| t == b"Page");
        match kids {
            Some(kids) if !is_page => {
                for kid in kids.iter().rev() {
                    if let Ok(k) = kid.as_reference() {
                        stack.push((k, depth + 1));
                    }
                }
            }
            _ if is_page || node.has(b"Contents") || node.has(b"MediaBox") => {
                if out.len() == max {
                    return Err(format!(
                        "it has more than {max} pages; downkit reads at most {max} pages a file: \
                         split the scan into smaller files"
                    ));
                }
                out.push(id);
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(damaged("it holds no page".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A PDF whose page tree is built by `tree` (given the document and the root's id).
    fn pdf(tree: impl FnOnce(&mut Document, ObjectId)) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let root = doc.new_object_id();
        tree(&mut doc, root);
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn pages_in_order_and_a_looping_tree_refused() {
        let ok = pdf(|doc, root| {
            let a = doc.add_object(dictionary! { "Type" => "Page", "Parent" => root });
            let b = doc.add_object(dictionary! { "Type" => "Page", "Parent" => root });
            doc.objects.insert(
                root,
                Object::Dictionary(dictionary! {
                    "Type" => "Pages", "Kids" => vec![a.into(), b.into()], "Count" => 2,
                }),
            );
        });
        let doc = parse(&ok).unwrap();
        assert_eq!(pages(&doc, 10).unwrap().len(), 2);
        assert!(pages(&doc, 1).unwrap_err().contains("more than 1 pages"));
        // The root lists itself as its kid: a loop, not an empty document.
        let cyclic = pdf(|doc, root| {
            doc.objects.insert(
                root,
                Object::Dictionary(dictionary! {
                    "Type" => "Pages", "Kids" => vec![root.into()], "Count" => 1,
                }),
            );
        });
        let e = pages(&parse(&cyclic).unwrap(), 10).unwrap_err();
        assert!(e.contains("loops"), "{e}");
        let empty = pdf(|doc, root| {
            doc.objects.insert(
                root,
                Object::Dictionary(dictionary! {
                    "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0,
                }),
            );
        });
        let e = pages(&parse(&empty).unwrap(), 10).unwrap_err();
        assert!(e.contains("holds no page"), "{e}");
    }

    #[test]
    fn a_stream_is_never_inflated_past_the_limit() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 1 << 20]).unwrap();
        let s = Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            z.finish().unwrap(),
        );
        assert_eq!(inflate(&s, 1 << 20).unwrap().len(), 1 << 20);
        assert!(inflate(&s, 1000).is_err());
    }
}
