//! Pictures in the PDF: each distinct picture one image or form XObject, named after its
//! digest (`/Im<digest>`), drawn by the raw operators [`draw`] writes and listed in the
//! resources of every page (and template) that draws it.
//!
//! - JPEG: the file's bytes as a `DCTDecode` image (the PDF reader decodes it).
//! - PNG: 8-bit samples as an image, its alpha channel a soft mask; deflated with the other
//!   streams (`finish`), so the same picture gives the same bytes every build.
//! - SVG: svg2pdf writes the drawing as a vector form XObject of one point square; it is
//!   copied into the document, its objects numbered after the document's own.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::RenderError;
use crate::layout::Item;
use crate::picture::{Picture, PictureData};

/// The resource name of a picture.
pub(crate) fn name(p: &Picture) -> String {
    format!("Im{}", p.digest)
}

/// The raw operators that draw `p` into the box `x`, `y` (PDF points, lower-left), `w` × `h`.
pub(crate) fn draw(p: &Picture, x: f32, y: f32, w: f32, h: f32, out: &mut Vec<u8>) {
    out.extend_from_slice(
        format!("q {w:.3} 0 0 {h:.3} {x:.3} {y:.3} cm /{} Do Q\n", name(p)).as_bytes(),
    );
}

/// The pictures `items` draw, by name.
pub(crate) fn used(items: &[Item]) -> BTreeMap<String, Arc<Picture>> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Image { picture, .. } => Some((name(picture), picture.clone())),
            _ => None,
        })
        .collect()
}

fn pdf_err(what: &'static str) -> impl Fn(lopdf::Error) -> RenderError {
    move |e| RenderError::Pdf(format!("{what}: {e}"))
}

/// Embeds the pictures each page draws (`per_page[i]`: page `i + 1`, templates' pages
/// included) and lists them in that page's resources.
pub(crate) fn embed(
    doc: &mut lopdf::Document,
    per_page: &[BTreeMap<String, Arc<Picture>>],
) -> Result<(), RenderError> {
    if per_page.iter().all(BTreeMap::is_empty) {
        return Ok(());
    }
    let mut ids: BTreeMap<String, ObjectId> = BTreeMap::new();
    for p in per_page.iter().flat_map(BTreeMap::values) {
        if let std::collections::btree_map::Entry::Vacant(e) = ids.entry(name(p)) {
            e.insert(xobject(doc, p)?);
        }
    }
    let pages = doc.get_pages();
    for (i, used) in per_page.iter().enumerate().filter(|(_, u)| !u.is_empty()) {
        let page_no = u32::try_from(i + 1).expect("page count fits u32");
        let page_id = *pages
            .get(&page_no)
            .ok_or_else(|| RenderError::Pdf(format!("page {page_no} missing")))?;
        let entries: Vec<(String, ObjectId)> = used.keys().map(|n| (n.clone(), ids[n])).collect();
        add_resources(doc, page_id, &entries)?;
    }
    Ok(())
}

/// Lists `entries` in the XObject resources of the page `page_id`, wherever those live (in
/// the page, in a resource dictionary it refers to, in an XObject dictionary that refers to).
fn add_resources(
    doc: &mut lopdf::Document,
    page_id: ObjectId,
    entries: &[(String, ObjectId)],
) -> Result<(), RenderError> {
    let res = doc
        .get_dictionary(page_id)
        .map_err(pdf_err("page"))?
        .get(b"Resources")
        .ok()
        .cloned();
    let res_id = match res {
        Some(Object::Reference(r)) => r,
        other => {
            let dict = match other {
                Some(Object::Dictionary(d)) => d,
                _ => Dictionary::new(),
            };
            let id = doc.add_object(Object::Dictionary(dict));
            doc.get_dictionary_mut(page_id)
                .map_err(pdf_err("page"))?
                .set("Resources", Object::Reference(id));
            id
        }
    };
    let xobjects = doc
        .get_dictionary(res_id)
        .map_err(pdf_err("resources"))?
        .get(b"XObject")
        .ok()
        .cloned();
    let target = match xobjects {
        Some(Object::Reference(r)) => doc.get_dictionary_mut(r).map_err(pdf_err("XObjects"))?,
        _ => {
            let res = doc
                .get_dictionary_mut(res_id)
                .map_err(pdf_err("resources"))?;
            if !matches!(res.get(b"XObject"), Ok(Object::Dictionary(_))) {
                res.set("XObject", Object::Dictionary(Dictionary::new()));
            }
            res.get_mut(b"XObject")
                .and_then(Object::as_dict_mut)
                .map_err(pdf_err("XObjects"))?
        }
    };
    for (n, id) in entries {
        target.set(n.as_bytes().to_vec(), Object::Reference(*id));
    }
    Ok(())
}

fn image_dict(w: u32, h: u32, colour: &str) -> Dictionary {
    Dictionary::from_iter(vec![
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(w))),
        ("Height", Object::Integer(i64::from(h))),
        ("ColorSpace", Object::Name(colour.as_bytes().to_vec())),
        ("BitsPerComponent", Object::Integer(8)),
    ])
}

/// Adds the XObject of `p`; returns its id.
fn xobject(doc: &mut lopdf::Document, p: &Picture) -> Result<ObjectId, RenderError> {
    let (w, h) = p.pixels.unwrap_or((1, 1));
    match &p.data {
        PictureData::Jpeg { bytes, components } => {
            let mut d = image_dict(
                w,
                h,
                if *components == 1 {
                    "DeviceGray"
                } else {
                    "DeviceRGB"
                },
            );
            d.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            let s = Stream::new(d, bytes.clone()).with_compression(false);
            Ok(doc.add_object(Object::Stream(s)))
        }
        PictureData::Raster {
            rgb,
            samples,
            alpha,
        } => {
            let mut d = image_dict(w, h, if *rgb { "DeviceRGB" } else { "DeviceGray" });
            if let Some(a) = alpha {
                let mask = Stream::new(image_dict(w, h, "DeviceGray"), a.clone());
                let mask_id = doc.add_object(Object::Stream(mask));
                d.set("SMask", Object::Reference(mask_id));
            }
            Ok(doc.add_object(Object::Stream(Stream::new(d, samples.clone()))))
        }
        PictureData::Svg { text } => svg(doc, p, text),
    }
}

/// Copies the SVG drawing's form XObject (written by svg2pdf) into `doc`.
fn svg(doc: &mut lopdf::Document, p: &Picture, text: &str) -> Result<ObjectId, RenderError> {
    let bad = |e: String| RenderError::Pdf(format!("picture {}: {e}", p.name));
    let tree = svg2pdf::usvg::Tree::from_str(text, &crate::picture::svg_options())
        .map_err(|e| bad(e.to_string()))?;
    let options = svg2pdf::ConversionOptions {
        // Deflated with the document's other streams.
        compress: false,
        raster_scale: 1.5,
        embed_text: false,
        // Nothing PDF/A forbids: the archive copy holds the same drawing.
        pdfa: true,
    };
    let (chunk, root) = svg2pdf::to_chunk(&tree, options).map_err(|e| bad(e.to_string()))?;
    // A one-object-tree PDF around the chunk, so that lopdf reads its objects.
    let top = chunk.refs().map(|r| r.get()).max().unwrap_or(0);
    let catalog = pdf_writer::Ref::new(top + 1);
    let tree_ref = pdf_writer::Ref::new(top + 2);
    let mut pdf = pdf_writer::Pdf::new();
    pdf.catalog(catalog).pages(tree_ref);
    pdf.pages(tree_ref).count(0);
    pdf.extend(&chunk);
    let src = lopdf::Document::load_mem(&pdf.finish()).map_err(|e| bad(e.to_string()))?;
    let mut map = BTreeMap::new();
    let root = (
        u32::try_from(root.get()).map_err(|e| bad(e.to_string()))?,
        0,
    );
    Ok(copy(doc, &src, root, &mut map))
}

/// Copies the object `id` of `src` and everything it refers to into `doc`; returns its id.
fn copy(
    doc: &mut lopdf::Document,
    src: &lopdf::Document,
    id: ObjectId,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> ObjectId {
    if let Some(done) = map.get(&id) {
        return *done;
    }
    let new = doc.new_object_id();
    map.insert(id, new);
    let obj = src.get_object(id).cloned().unwrap_or(Object::Null);
    let obj = rewrite(doc, src, obj, map);
    doc.objects.insert(new, obj);
    new
}

fn rewrite(
    doc: &mut lopdf::Document,
    src: &lopdf::Document,
    obj: Object,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> Object {
    match obj {
        Object::Reference(r) => Object::Reference(copy(doc, src, r, map)),
        Object::Array(a) => {
            Object::Array(a.into_iter().map(|o| rewrite(doc, src, o, map)).collect())
        }
        Object::Dictionary(d) => Object::Dictionary(rewrite_dict(doc, src, d, map)),
        Object::Stream(mut s) => {
            s.dict = rewrite_dict(doc, src, s.dict, map);
            Object::Stream(s)
        }
        other => other,
    }
}

fn rewrite_dict(
    doc: &mut lopdf::Document,
    src: &lopdf::Document,
    d: Dictionary,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> Dictionary {
    Dictionary::from_iter(
        d.into_iter()
            .map(|(k, v)| (k, rewrite(doc, src, v, map)))
            .collect::<Vec<_>>(),
    )
}
