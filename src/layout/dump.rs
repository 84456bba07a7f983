//! A readable text dump of a laid-out document, one line per item, for golden tests and
//! for people reviewing layout changes.

use std::fmt::Write;

use super::{Document, Item, Weight};

fn w(weight: Weight) -> &'static str {
    match weight {
        Weight::Regular => "regular",
        Weight::Bold => "bold",
    }
}

/// Dumps `doc`: a header line per page, then one line per item, numbers rounded to 0.01 mm.
pub fn dump(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document \"{}\" lang={} pages={} qr={}",
        doc.meta.title,
        doc.meta.lang,
        doc.pages.len(),
        doc.qr_count
    );
    for (id, page) in &doc.anchors {
        let _ = writeln!(out, "anchor {id} -> page {page}");
    }
    for (t, tpl) in doc.templates.iter().enumerate() {
        let _ = writeln!(out, "template {t} {:.2}x{:.2}", tpl.width, tpl.height);
        for item in tpl.items.iter().filter(|i| !i.draws_nothing()) {
            let _ = writeln!(out, "  {}", item_line(item));
        }
    }
    for (i, page) in doc.pages.iter().enumerate() {
        let _ = write!(out, "page {} {:.2}x{:.2}", i + 1, page.width, page.height);
        let _ = match page.template {
            Some(t) => writeln!(out, " on template {t}"),
            None => writeln!(out),
        };
        for item in page.items.iter().filter(|i| !i.draws_nothing()) {
            let _ = writeln!(out, "  {}", item_line(item));
        }
    }
    out
}

fn item_line(item: &Item) -> String {
    match item {
        Item::Text { x, y, size_pt, weight, text } => {
            format!("text {x:.2},{y:.2} {size_pt:.1}pt {} {text:?}", w(*weight))
        }
        Item::UpText { x, y, size_pt, weight, text } => {
            format!("up-text {x:.2},{y:.2} {size_pt:.1}pt {} {text:?}", w(*weight))
        }
        Item::OutlineText { x, y, size_pt, weight, text, angle_deg, stroke_pt, clear } => format!(
            "outline-text {x:.2},{y:.2} {size_pt:.1}pt {} {angle_deg:.2}deg stroke {stroke_pt:.2}pt {text:?}{}",
            w(*weight),
            if clear.is_empty() { String::new() } else { format!(" clear of {} areas", clear.len()) }
        ),
        Item::Rect { x, y, w, h, stroke_pt, fill } => format!(
            "rect {x:.2},{y:.2} {w:.2}x{h:.2}{}{}",
            stroke_pt.map_or(String::new(), |s| format!(" stroke {s:.2}pt")),
            if *fill { " fill" } else { "" }
        ),
        Item::Line { x1, y1, x2, y2, width_pt } => format!("line {x1:.2},{y1:.2} -> {x2:.2},{y2:.2} {width_pt:.2}pt"),
        Item::Path { points, closed, fill, width_pt } => {
            let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.2},{y:.2}")).collect();
            format!(
                "path {}{}{} {width_pt:.2}pt",
                pts.join(" "),
                if *closed { " closed" } else { "" },
                if *fill { " fill" } else { "" }
            )
        }
        Item::Qr { x, y, module, quiet, modules, payload } => format!(
            "qr {x:.2},{y:.2} module {module:.2} quiet {quiet} size {n}x{n} {payload:?}",
            n = modules.len()
        ),
        Item::Image { x, y, w, h, picture } => format!(
            "image {x:.2},{y:.2} {w:.2}x{h:.2} {:?} {}",
            std::path::Path::new(&picture.name).file_name().map_or(picture.name.clone(), |f| f.to_string_lossy().into_owned()),
            picture.digest
        ),
        // Structure is dumped from the PDF (tests/it/tagged.rs), not here.
        Item::Tag(_) => String::new(),
        Item::Mark { x, y, w, h, kind, key, index } => {
            format!("mark {x:.2},{y:.2} {w:.2}x{h:.2} {kind:?} {key:?} {index}")
        }
    }
}
