//! Tagged PDF, second half: the planned structure ([`super::tags::Plan`]) written into the
//! PDF — structure elements, the parent tree from content back to elements, `/StructParents`
//! on pages and template XObjects — and the catalog entries a reader looks for: `/MarkInfo`,
//! `/Lang`, `/StructTreeRoot` and `/ViewerPreferences` with `/DisplayDocTitle`.

use lopdf::{Dictionary, Object, ObjectId};

use super::tags::{Kid, Kind, Plan, Stream};
use super::RenderError;
use crate::layout::FieldKind;

/// A name object.
fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// An attribute dictionary owned by `owner`.
fn attributes(owner: &str, entries: Vec<(&str, Object)>) -> Object {
    let mut d = Dictionary::new();
    d.set("O", name(owner));
    for (k, v) in entries {
        d.set(k, v);
    }
    Object::Dictionary(d)
}

fn pdf_err(what: &'static str) -> impl Fn(lopdf::Error) -> RenderError {
    move |e| RenderError::Pdf(format!("{what}: {e}"))
}

/// The document catalog's id.
pub(crate) fn catalog_id(doc: &lopdf::Document) -> Result<ObjectId, RenderError> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_err("catalog"))
}

/// Writes the structure tree of `plan` into `doc`; `xobjects[t]` is template `t`'s form
/// XObject, `lang` the document's language.
pub(crate) fn write(
    doc: &mut lopdf::Document,
    plan: &Plan,
    xobjects: &[ObjectId],
    lang: &str,
) -> Result<(), RenderError> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = plan.elems.iter().map(|_| doc.new_object_id()).collect();
    let npages = pages.len();
    let key = |s: Stream| match s {
        Stream::Page(i) => i,
        Stream::Template(t) => npages + t,
    };
    let page_ref = |i: usize| {
        pages
            .get(i)
            .copied()
            .map(Object::Reference)
            .ok_or_else(|| RenderError::Pdf(format!("page {} missing", i + 1)))
    };
    for (e, elem) in plan.elems.iter().enumerate() {
        // `/Type /StructElem` is optional and left out: a binder has thousands of elements.
        let mut d = Dictionary::new();
        d.set("S", name(elem.kind.tag()));
        d.set(
            "P",
            Object::Reference(elem.parent.map_or(root_id, |p| ids[p])),
        );
        // The page of its marked content given as bare MCIDs.
        if elem.kids.iter().any(|k| matches!(k, Kid::Content { .. })) {
            d.set("Pg", page_ref(elem.page)?);
        }
        let mut kids = Vec::with_capacity(elem.kids.len());
        for kid in &elem.kids {
            kids.push(match *kid {
                Kid::Elem(k) => Object::Reference(ids[k]),
                Kid::Content {
                    page,
                    stream: Stream::Page(p),
                    mcid,
                } if p == page && page == elem.page => Object::Integer(i64::from(mcid)),
                Kid::Content { page, stream, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", name("MCR"));
                    mcr.set("Pg", page_ref(page)?);
                    mcr.set("MCID", Object::Integer(i64::from(mcid)));
                    if let Stream::Template(t) = stream {
                        let x = xobjects.get(t).copied().ok_or_else(|| {
                            RenderError::Pdf(format!("template {t} has no XObject"))
                        })?;
                        mcr.set("Stm", Object::Reference(x));
                    }
                    Object::Dictionary(mcr)
                }
            });
        }
        // A blank table cell (room to write by hand) has no children.
        if !kids.is_empty() {
            d.set("K", Object::Array(kids));
        }
        match &elem.kind {
            Kind::List => d.set(
                "A",
                attributes("List", vec![("ListNumbering", name("Decimal"))]),
            ),
            Kind::HeaderCell => d.set("A", attributes("Table", vec![("Scope", name("Column"))])),
            Kind::Figure(alt) => d.set("Alt", super::finish::text(alt)),
            Kind::Field(label, kind) => {
                let mut a = vec![("Desc", super::finish::text(label))];
                match kind {
                    FieldKind::Text => a.push(("Role", name("tv"))),
                    FieldKind::Checkbox { checked } => {
                        a.push(("Role", name("cb")));
                        a.push(("checked", name(if *checked { "on" } else { "off" })));
                    }
                }
                d.set("A", attributes("PrintField", a));
            }
            Kind::Document | Kind::Plain(_) => {}
        }
        doc.objects.insert(ids[e], Object::Dictionary(d));
    }
    // The parent tree: for each stream with marked content, the element of each MCID.
    let mut nums = Vec::with_capacity(2 * plan.parents.len());
    let mut next_key = 0;
    for (stream, elems) in &plan.parents {
        let k = key(*stream);
        nums.push(Object::Integer(k as i64));
        nums.push(Object::Array(
            elems.iter().map(|e| Object::Reference(ids[*e])).collect(),
        ));
        next_key = next_key.max(k + 1);
        let target = match stream {
            Stream::Page(i) => pages[*i],
            Stream::Template(t) => xobjects[*t],
        };
        let dict = match doc.objects.get_mut(&target) {
            Some(Object::Dictionary(d)) => d,
            Some(Object::Stream(s)) => &mut s.dict,
            _ => return Err(RenderError::Pdf("a page or template is missing".into())),
        };
        dict.set("StructParents", Object::Integer(k as i64));
    }
    for p in &pages {
        if let Ok(d) = doc.get_dictionary_mut(*p) {
            // Tab order follows the structure (PDF/UA; the pages have no annotations yet).
            d.set("Tabs", name("S"));
        }
    }
    let tree = Dictionary::from_iter(vec![
        ("Type", name("StructTreeRoot")),
        ("K", Object::Reference(ids[0])),
        (
            "ParentTree",
            Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
        ),
        ("ParentTreeNextKey", Object::Integer(next_key as i64)),
    ]);
    doc.objects.insert(root_id, Object::Dictionary(tree));
    let catalog = catalog_id(doc)?;
    let c = doc
        .get_dictionary_mut(catalog)
        .map_err(pdf_err("catalog"))?;
    c.set("StructTreeRoot", Object::Reference(root_id));
    c.set(
        "MarkInfo",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "Marked",
            Object::Boolean(true),
        )])),
    );
    c.set("Lang", Object::string_literal(lang));
    c.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    Ok(())
}
