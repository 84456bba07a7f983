//! Page furniture: running header, classification, footer with kit id, version, print date
//! and "Sida X av Y", and the watermark. Added after pagination, when Y is known.

use super::paginate::{FormLine, Sheet};
use super::symbols::RULE_PT;
use super::text::{Typesetter, MM_PER_PT};
use super::{as_artifact, Artifact, Decor, Item, LayoutError, Origin, Settings, Weight};

/// Size of header and footer text, pt (never below the document's floor).
pub(crate) fn furniture_pt(settings: &Settings) -> f32 {
    9.0_f32.max(settings.min_pt)
}

/// Height of the header band (text line, gap and rule), mm.
pub(crate) fn header_h(settings: &Settings) -> f32 {
    furniture_pt(settings) * settings.leading.max(1.25) * MM_PER_PT + 4.0
}

/// Height of the footer band, mm: two lines when there is a classification or a form's own
/// footer line to print.
pub(crate) fn footer_h(settings: &Settings, decor: &Decor, form_lines: bool) -> f32 {
    let lines = if decor.classification.is_some() || form_lines {
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
    /// Whether the footer has a line for form codes (see [`footer_h`]).
    pub form_lines: bool,
}

/// Space between the form's own page label and the binder's, mm.
const LABEL_GAP: f32 = 4.0;

/// Height a form's footer boxes take at the foot of the content area, mm: the boxes and the
/// space above the footer rule.
pub(crate) const FOOT_BOXES_H: f32 = 9.5;
/// Height of a footer box, mm: its label and room to write one line beside it.
const FOOT_BOX: f32 = 7.5;
/// Space between footer boxes, mm.
const FOOT_BOX_GAP: f32 = 3.0;

impl Furniture<'_> {
    /// Returns the page's items: watermark first (behind), then content, header and footer.
    /// Errors when furniture text cannot fit even at the smallest size.
    pub fn dress(&self, sheet: Sheet, page: usize, pages: usize) -> Result<Vec<Item>, LayoutError> {
        let mut items = Vec::with_capacity(sheet.items.len() + 16);
        items.extend(self.watermark_item());
        items.extend(sheet.items);
        items.extend(self.running_item(sheet.header.as_deref())?);
        let (label, label_w) = self.page_label(page, pages);
        let marking = match &sheet.marking {
            Some(m) => (!m.is_empty()).then_some(m.as_str()),
            None => self.decor.classification.as_deref(),
        };
        let mut footer = self.fixed(label_w, sheet.form.as_ref(), marking)?;
        footer.push(label);
        items.extend(as_artifact(Artifact::Footer, footer));
        Ok(items)
    }

    /// The items of a page template: watermark, the shared content and the furniture that
    /// is the same on every page (classification, rules, kit id line). `label_w` is the
    /// widest page label of the pages that use it, mm.
    pub fn dress_template(
        &self,
        content: Vec<Item>,
        form: Option<FormLine>,
        label_w: f32,
    ) -> Result<Vec<Item>, LayoutError> {
        let mut items = Vec::with_capacity(content.len() + 16);
        items.extend(self.watermark_item());
        items.extend(content);
        let marking = self.decor.classification.as_deref();
        items.extend(as_artifact(
            Artifact::Footer,
            self.fixed(label_w, form.as_ref(), marking)?,
        ));
        Ok(items)
    }

    /// The items of one page made from a template: its own content (slots), its running
    /// header and its page label.
    pub fn dress_copy(
        &self,
        sheet: Sheet,
        page: usize,
        pages: usize,
    ) -> Result<Vec<Item>, LayoutError> {
        let mut items = sheet.items;
        items.extend(self.running_item(sheet.header.as_deref())?);
        items.extend(as_artifact(
            Artifact::Footer,
            [self.page_label(page, pages).0],
        ));
        Ok(items)
    }

    /// The watermark, as page furniture (the footer says it in words too).
    fn watermark_item(&self) -> Vec<Item> {
        match self.decor.watermark.as_deref() {
            Some(m) => as_artifact(Artifact::Watermark, [self.watermark(m)]),
            None => Vec::new(),
        }
    }

    /// The running header, as page furniture.
    fn running_item(&self, header: Option<&str>) -> Result<Vec<Item>, LayoutError> {
        Ok(match self.running(header)? {
            Some(item) => as_artifact(Artifact::Header, [item]),
            None => Vec::new(),
        })
    }

    fn size(&self) -> f32 {
        furniture_pt(self.settings)
    }

    fn line_h(&self) -> f32 {
        self.size() * self.settings.leading.max(1.25) * MM_PER_PT
    }

    /// The running header at the top left, across the whole line.
    fn running(&self, header: Option<&str>) -> Result<Option<Item>, LayoutError> {
        let Some(hd) = header else { return Ok(None) };
        let s = self.settings;
        let (left, top) = super::margins(s, self.page);
        let right = self.page.0 - s.margin;
        let size = self.size();
        let fitted = self.fit("running header", hd, Weight::Bold, size, right - left)?;
        Ok(Some(Item::Text {
            x: left,
            y: top + self.ts.ascent(size),
            size_pt: fitted,
            weight: Weight::Bold,
            text: hd.to_string(),
        }))
    }

    /// Baseline of the last footer line, mm.
    fn footer_base(&self) -> f32 {
        let s = self.settings;
        self.page.1 - s.margin - self.line_h() + self.ts.ascent(self.size())
    }

    /// "Sida X av Y" at the bottom right, and its width in mm.
    pub fn page_label(&self, page: usize, pages: usize) -> (Item, f32) {
        let size = self.size();
        let label = page_label(&self.decor.page_label, page, pages);
        let label_w = self.ts.width(&label, Weight::Bold, size);
        let item = Item::Text {
            x: self.page.0 - self.settings.margin - label_w,
            y: self.footer_base(),
            size_pt: size,
            weight: Weight::Bold,
            text: label,
        };
        (item, label_w)
    }

    /// Furniture that is the same on every page (or every copy's page): header and footer
    /// rules, classification line and kit id, version and date in the footer, and the form's
    /// code and own page label. The id line leaves room for a page label `label_w` mm wide.
    fn fixed(
        &self,
        label_w: f32,
        form: Option<&FormLine>,
        marking: Option<&str>,
    ) -> Result<Vec<Item>, LayoutError> {
        let (w, h) = self.page;
        let s = self.settings;
        let size = self.size();
        let lh = self.line_h();
        let (left, top) = super::margins(s, self.page);
        let right = w - s.margin;
        let mut items = Vec::with_capacity(6);
        let text = |x: f32, y: f32, weight: Weight, text: String| Item::Text {
            x,
            y,
            size_pt: size,
            weight,
            text,
        };
        // The classification is printed in the footer of every page; the header line belongs
        // to the running header, which can then be long (a form title with its serial number).
        let rule_y = top + lh + 1.0;
        items.push(Item::Line {
            x1: left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            width_pt: RULE_PT,
        });
        let base = self.footer_base();
        let frule = h - s.margin - footer_h(s, self.decor, self.form_lines) + 2.0;
        items.push(Item::Line {
            x1: left,
            y1: frule,
            x2: right,
            y2: frule,
            width_pt: RULE_PT,
        });
        let mut class_w = 0.0;
        if let Some(c) = marking {
            class_w = self.ts.width(c, Weight::Bold, size);
            items.push(text(left, base - lh, Weight::Bold, c.to_string()));
        }
        // The form's own line: its code and edition at the right of the line above, its
        // page label left of the binder's; its footer boxes above the footer rule.
        let mut form_w = 0.0;
        if let Some(f) = form {
            items.extend(self.boxes(&f.boxes, left, right, frule)?);
            if let Some(code) = &f.code {
                let avail = right - left - class_w - 5.0;
                let fitted = self.fit("form code", code, Weight::Regular, size, avail)?;
                let cw = self.ts.width(code, Weight::Regular, fitted);
                items.push(Item::Text {
                    x: right - cw,
                    y: base - lh,
                    size_pt: fitted,
                    weight: Weight::Regular,
                    text: code.clone(),
                });
            }
            if let Some(p) = &f.page {
                form_w = self.ts.width(p, Weight::Bold, size) + LABEL_GAP;
                items.push(text(
                    right - label_w - form_w,
                    base,
                    Weight::Bold,
                    p.clone(),
                ));
            }
        }
        // A watermarked page also says it in plain text, first in the footer: the outline
        // letters of the watermark can fade on a copier, and pdftotext reads them in pieces.
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
        let avail = right - left - label_w - form_w - 5.0;
        let fitted = self.fit("footer", &ids, Weight::Regular, size, avail)?;
        items.push(Item::Text {
            x: left,
            y: base,
            size_pt: fitted,
            weight: Weight::Regular,
            text: ids,
        });
        Ok(items)
    }

    /// A form's footer boxes side by side from `left` to `right`, ending above the footer
    /// rule at `rule`: each a box with its label at the upper left, room to write beside it.
    fn boxes(
        &self,
        labels: &[String],
        left: f32,
        right: f32,
        rule: f32,
    ) -> Result<Vec<Item>, LayoutError> {
        if labels.is_empty() {
            return Ok(Vec::new());
        }
        let n = labels.len() as f32;
        let w = (right - left - FOOT_BOX_GAP * (n - 1.0)) / n;
        // 1 mm above the rule; the content above ends 3 mm higher (the field gap).
        let y = rule - 1.0 - FOOT_BOX;
        let size = self.settings.min_pt.max(8.0);
        let mut items = Vec::new();
        for (i, l) in labels.iter().enumerate() {
            let x = left + i as f32 * (w + FOOT_BOX_GAP);
            items.push(Item::Rect {
                x,
                y,
                w,
                h: FOOT_BOX,
                stroke_pt: Some(RULE_PT),
                fill: false,
            });
            let fitted = self.fit("footer box", l, Weight::Bold, size, w - 2.4)?;
            items.push(Item::Text {
                x: x + 1.2,
                y: y + 0.6 + self.ts.ascent(fitted),
                size_pt: fitted,
                weight: Weight::Bold,
                text: l.clone(),
            });
        }
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
                        ..Origin::default()
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
            clear: Vec::new(),
        }
    }
}
