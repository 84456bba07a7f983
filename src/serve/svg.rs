//! A laid-out page drawn as SVG: the same positioned boxes the PDF renderer gets, in the
//! same millimetres (the SVG's user unit), text in the kit's own fonts.

use super::html::text as escaped;
use crate::layout::{Document, Item, Weight};
use std::fmt::Write;

/// Millimetres per point.
const MM_PER_PT: f32 = 25.4 / 72.0;

fn n(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn class(w: Weight) -> &'static str {
    match w {
        Weight::Regular => "r",
        Weight::Bold => "b",
    }
}

/// Page `index` (0-based) of `doc` as an SVG element labelled `label`.
pub fn page(doc: &Document, index: usize, label: &str) -> String {
    let p = &doc.pages[index];
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"page\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-label=\"{}\"><rect class=\"paper\" width=\"{w}\" height=\"{h}\"/>",
        escaped(label).0,
        w = n(p.width),
        h = n(p.height),
    );
    for (i, item) in doc.page_items(index).enumerate() {
        item_svg(&mut s, item, &format!("k{index}-{i}"));
    }
    s.push_str("</svg>");
    s
}

fn item_svg(s: &mut String, item: &Item, id: &str) {
    match item {
        Item::Text {
            x,
            y,
            size_pt,
            weight,
            text,
        } => {
            let _ = write!(
                s,
                "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
                class(*weight),
                n(*x),
                n(*y),
                n(size_pt * MM_PER_PT),
                escaped(text).0
            );
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            stroke_pt,
            fill,
        } => {
            let paint = match (fill, stroke_pt) {
                (true, _) => "fill=\"#000\"".to_string(),
                (false, Some(sw)) => {
                    format!(
                        "fill=\"none\" stroke=\"#000\" stroke-width=\"{}\"",
                        n(sw * MM_PER_PT)
                    )
                }
                (false, None) => "fill=\"none\"".to_string(),
            };
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {paint}/>",
                n(*x),
                n(*y),
                n(*w),
                n(*h)
            );
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width_pt,
        } => {
            let _ = write!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"{}\"/>",
                n(*x1),
                n(*y1),
                n(*x2),
                n(*y2),
                n(width_pt * MM_PER_PT)
            );
        }
        Item::Path {
            points,
            closed,
            fill,
            width_pt,
        } => {
            let pts: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                .collect();
            let tag = if *closed { "polygon" } else { "polyline" };
            let f = if *fill { "#000" } else { "none" };
            let _ = write!(
                s,
                "<{tag} points=\"{}\" fill=\"{f}\" stroke=\"#000\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
                pts.join(" "),
                n(width_pt * MM_PER_PT)
            );
        }
        Item::UpText {
            x,
            y,
            size_pt,
            weight,
            text,
        } => {
            let _ = write!(
                s,
                "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\" transform=\"rotate(-90 {} {})\">{}</text>",
                class(*weight),
                n(*x),
                n(*y),
                n(size_pt * MM_PER_PT),
                n(*x),
                n(*y),
                escaped(text).0
            );
        }
        Item::OutlineText {
            x,
            y,
            size_pt,
            weight,
            text,
            angle_deg,
            stroke_pt,
            clear,
        } => {
            // The watermark is knocked out of `clear` as the PDF clips it: a mask, black there.
            let _ = write!(
                s,
                "<mask id=\"{id}\" maskUnits=\"userSpaceOnUse\"><rect x=\"-1000\" y=\"-1000\" \
                 width=\"3000\" height=\"3000\" fill=\"#fff\"/>"
            );
            for [cx, cy, cw, ch] in clear {
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\"/>",
                    n(*cx),
                    n(*cy),
                    n(*cw),
                    n(*ch)
                );
            }
            let _ = write!(
                s,
                "</mask><g mask=\"url(#{id})\"><text class=\"{}\" x=\"{x}\" y=\"{y}\" font-size=\"{}\" \
                 fill=\"none\" stroke=\"#000\" stroke-width=\"{}\" transform=\"rotate({} {x} {y})\">{}</text></g>",
                class(*weight),
                n(size_pt * MM_PER_PT),
                n(stroke_pt * MM_PER_PT),
                n(-angle_deg),
                escaped(text).0,
                x = n(*x),
                y = n(*y),
            );
        }
        Item::Mark { .. } => {}
        // The preview marks where a picture goes; the PDF holds the picture itself.
        Item::Image {
            x,
            y,
            w,
            h,
            picture,
        } => {
            let _ = write!(
                s,
                "<rect class=\"picture\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"1 1\" stroke-width=\"0.2\"><title>{}</title></rect>",
                n(*x),
                n(*y),
                n(*w),
                n(*h),
                escaped(&picture.name).0,
            );
        }
        Item::Qr {
            x,
            y,
            module,
            quiet,
            modules,
            payload,
        } => {
            let side = modules.len() as f32 + 2.0 * *quiet as f32;
            let _ = write!(
                s,
                "<g class=\"qr\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{w}\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                escaped(payload).0,
                n(*x),
                n(*y),
                w = n(side * module),
            );
            let q = *quiet as f32;
            for (r, row) in modules.iter().enumerate() {
                for (c, dark) in row.iter().enumerate() {
                    if *dark {
                        let _ = write!(
                            s,
                            "M{} {}h{m}v{m}h-{m}z",
                            n(x + (q + c as f32) * module),
                            n(y + (q + r as f32) * module),
                            m = n(*module)
                        );
                    }
                }
            }
            s.push_str("\"/></g>");
        }
        // Structure markers draw nothing.
        Item::Tag(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Meta, Page};

    #[test]
    fn draws_the_boxes_in_millimetres() {
        let doc = Document {
            meta: Meta::default(),
            pages: vec![Page {
                width: 210.0,
                height: 297.0,
                items: vec![
                    Item::Text {
                        x: 20.0,
                        y: 30.5,
                        size_pt: 12.0,
                        weight: Weight::Bold,
                        text: "Beställning <å>".into(),
                    },
                    Item::Qr {
                        x: 100.0,
                        y: 100.0,
                        module: 1.0,
                        quiet: 4,
                        modules: std::sync::Arc::new(vec![vec![true, false], vec![false, true]]),
                        payload: "DK1/x".into(),
                    },
                ],
                template: None,
                ends_part: true,
                fingerprint: String::new(),
                section: String::new(),
            }],
            templates: Vec::new(),
            anchors: Default::default(),
            qr_count: 1,
            warnings: Vec::new(),
        };
        let s = page(&doc, 0, "Sida 1");
        assert!(s.contains("viewBox=\"0 0 210 297\""), "{s}");
        assert!(s.contains(
            "<text class=\"b\" x=\"20\" y=\"30.5\" font-size=\"4.23\">Beställning &lt;å&gt;</text>"
        ));
        assert!(s.contains("M104 104h1v1h-1zM105 105h1v1h-1z"), "{s}");
    }
}
