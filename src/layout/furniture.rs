//! Page furniture: running header, classification, footer with kit id, version, print date
//! and "Sida X av Y", and the watermark. Added after pagination, when Y is known.

use super::paginate::Sheet;
use super::symbols::RULE_PT;
use super::text::{Typesetter, MM_PER_PT};
use super::{Decor, Item, LayoutError, Origin, Settings, Weight};

/// Size of header and footer text, pt (never below the document's floor).
pub(crate) fn furniture_pt(settings: &Settings) -> f32 {
    9.0_f32.max(settings.min_pt)
}

/// Height of the header band (text line, gap and rule), mm.
pub(crate) fn header_h(settings: &Settings) -> f32 {
    furniture_pt(settings) * settings.leading.max(1.25) * MM_PER_PT + 4.0
}

/// Height of the footer band, mm.
pub(crate) fn footer_h(settings: &Settings, decor: &Decor) -> f32 {
    let lines = if decor.classification.is_some() {
        2.0
    } else {
        1.0
    };
    lines * furniture_pt(settings) * settings.leading.max(1.25) * MM_PER_PT + 4.0
}

/// Fills the page label template.
pub fn page_label(template: &str, page: usize, pages: usize) -> String {
    let t = if template.is_empty() {
        "Sida {page} av {pages}"
    } else {
        template
    };
    t.replace("{page}", &page.to_string())
        .replace("{pages}", &pages.to_string())
}

/// Geometry of the furniture on one paper size.
pub(crate) struct Furniture<'a> {
    /// Text measuring.
    pub ts: &'a Typesetter<'a>,
    /// Margins and sizes.
    pub settings: &'a Settings,
    /// What to print.
    pub decor: &'a Decor,
    /// Page width and height, mm.
    pub page: (f32, f32),
}

impl Furniture<'_> {
    /// Returns the page's items: watermark first (behind), then content, header and footer.
    /// Errors when furniture text cannot fit even at the smallest size.
    pub fn dress(&self, sheet: Sheet, page: usize, pages: usize) -> Result<Vec<Item>, LayoutError> {
        let (w, h) = self.page;
        let s = self.settings;
        let size = furniture_pt(s);
        let lh = size * s.leading.max(1.25) * MM_PER_PT;
        let (left, right) = (s.margin_binding, w - s.margin);
        let asc = self.ts.ascent(size);
        let mut items = Vec::with_capacity(sheet.items.len() + 8);
        if let Some(mark) = &self.decor.watermark {
            items.push(self.watermark(mark));
        }
        items.extend(sheet.items);
        let text = |x: f32, y: f32, weight: Weight, text: String| Item::Text {
            x,
            y,
            size_pt: size,
            weight,
            text,
        };
        // Header: running header at the left, classification at the right.
        let top = s.margin;
        let class_w = self
            .decor
            .classification
            .as_ref()
            .map_or(0.0, |c| self.ts.width(c, Weight::Bold, size));
        // The classification is repeated in the footer of every page, so a long running
        // header may take the whole line and the header's copy of the marking gives way.
        let mut class_in_header = self.decor.classification.is_some();
        if let Some(hd) = &sheet.header {
            let beside = right - left - class_w - 5.0;
            let fitted = match self.fit("running header", hd, Weight::Bold, size, beside) {
                Ok(f) => f,
                Err(e) if !class_in_header => return Err(e),
                Err(_) => {
                    class_in_header = false;
                    self.fit("running header", hd, Weight::Bold, size, right - left)?
                }
            };
            items.push(Item::Text {
                x: left,
                y: top + asc,
                size_pt: fitted,
                weight: Weight::Bold,
                text: hd.clone(),
            });
        }
        if let (true, Some(c)) = (class_in_header, &self.decor.classification) {
            items.push(text(right - class_w, top + asc, Weight::Bold, c.clone()));
        }
        let rule_y = top + lh + 1.0;
        items.push(Item::Line {
            x1: left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            width_pt: RULE_PT,
        });
        // Footer: classification line (when set), then ids left and page label right.
        let label = page_label(&self.decor.page_label, page, pages);
        let label_w = self.ts.width(&label, Weight::Bold, size);
        let base = h - s.margin - lh + asc;
        let frule = h - s.margin - footer_h(s, self.decor) + 2.0;
        items.push(Item::Line {
            x1: left,
            y1: frule,
            x2: right,
            y2: frule,
            width_pt: RULE_PT,
        });
        if let Some(c) = &self.decor.classification {
            items.push(text(left, base - lh, Weight::Bold, c.clone()));
        }
        // A watermarked page also says it in plain text, first in the footer: the outline
        // letters do not survive every copier, and text extraction reads them in pieces.
        let mark = self.decor.watermark.clone().unwrap_or_default();
        let ids = [
            &mark,
            &self.decor.kit_id,
            &self.decor.version,
            &self.decor.print_date,
        ]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" – ");
        let avail = right - left - label_w - 5.0;
        let fitted = self.fit("footer", &ids, Weight::Regular, size, avail)?;
        items.push(Item::Text {
            x: left,
            y: base,
            size_pt: fitted,
            weight: Weight::Regular,
            text: ids,
        });
        items.push(text(right - label_w, base, Weight::Bold, label));
        Ok(items)
    }

    /// The largest size from `size` down to the floor (in 0.5 pt steps) at which `t` fits
    /// `avail` mm; furniture never wraps and is never cut.
    fn fit(
        &self,
        what: &str,
        t: &str,
        weight: Weight,
        size: f32,
        avail: f32,
    ) -> Result<f32, LayoutError> {
        let mut s = size;
        while self.ts.width(t, weight, s) > avail {
            s -= 0.5;
            if s < self.settings.min_pt {
                return Err(LayoutError::TooWide {
                    origin: Origin {
                        what: format!("{what} \"{t}\""),
                        location: None,
                    },
                    what: "the text at the smallest size".into(),
                    needed_mm: self.ts.width(t, weight, self.settings.min_pt),
                    available_mm: avail,
                });
            }
        }
        Ok(s)
    }

    /// Hollow text across the page diagonal, sized to 60 % of the diagonal.
    fn watermark(&self, mark: &str) -> Item {
        let (w, h) = self.page;
        let diag = (w * w + h * h).sqrt();
        let angle = h.atan2(w);
        let unit = self.ts.width(mark, Weight::Bold, 1.0).max(f32::EPSILON);
        let size = (diag * 0.6 / unit).min(160.0);
        let tw = unit * size;
        let cap = self.ts.cap_height(size);
        // Start point so that the text's centre lands on the page centre.
        let (c, sn) = (angle.cos(), angle.sin());
        let x = w / 2.0 - c * tw / 2.0 + sn * cap / 2.0;
        let y = h / 2.0 + sn * tw / 2.0 + c * cap / 2.0;
        Item::OutlineText {
            x,
            y,
            size_pt: size,
            weight: Weight::Bold,
            text: mark.to_string(),
            angle_deg: angle.to_degrees(),
            stroke_pt: 0.75,
        }
    }
}
