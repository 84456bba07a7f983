//! The worklist a front end shows the person entering the sheets: each field read on each
//! sheet of a batch with where it is on the scan, those a person must confirm first; the
//! image of a field cut from its page ([`crop`]); confirming one is
//! `app::ledger::record` with [`crate::ledger::Action::Confirm`].

use super::marks::FieldRead;
use super::{Batch, PageRef, SheetRead};
use crate::scan::gray::Gray;

/// One field of one sheet to show beside its scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Work<'b> {
    /// Form id.
    pub form: &'b str,
    /// Serial.
    pub serial: &'b str,
    /// The page the field is on (file, page, digest for `scan::page_image`).
    pub page: &'b PageRef,
    /// The field as read: its value, doubts and where it is on the page image (`at`).
    pub field: &'b FieldRead,
}

/// Every field read on the sheets of `batch`: uncertain ones first, then by sheet in scan
/// order and field in form order. Sheets whose marks were not read have none (their reason
/// is in the report).
pub fn worklist(batch: &Batch) -> Vec<Work<'_>> {
    let mut out: Vec<Work> = batch
        .sheets
        .iter()
        .filter_map(|s| match &s.read {
            SheetRead::Read { fields, .. } => Some((s, fields)),
            _ => None,
        })
        .flat_map(|(s, fields)| {
            fields.iter().map(move |f| Work {
                form: &s.form,
                serial: &s.serial,
                page: &s.pages[0],
                field: f,
            })
        })
        .collect();
    // Stable: within each group the scan's order stays.
    out.sort_by_key(|w| !w.field.uncertain());
    out
}

/// The part of a page image around `at` (left, top, width, height in pixels, as
/// [`FieldRead::at`] gives it), with `margin` pixels more on every side (the field's label
/// and a stroke beyond its boxes), cut to the image.
pub fn crop(img: &Gray, at: [u32; 4], margin: u32) -> Gray {
    let x0 = at[0].saturating_sub(margin).min(img.width);
    let y0 = at[1].saturating_sub(margin).min(img.height);
    let x1 = (at[0] + at[2] + margin).min(img.width);
    let y1 = (at[1] + at[3] + margin).min(img.height);
    let (w, h) = (x1 - x0, y1 - y0);
    let mut pixels = Vec::with_capacity((w * h) as usize);
    for y in y0..y1 {
        let row = (y * img.width) as usize;
        pixels.extend_from_slice(&img.pixels[row + x0 as usize..row + x1 as usize]);
    }
    Gray {
        width: w,
        height: h,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crop_is_cut_to_the_image() {
        let img = Gray {
            width: 4,
            height: 3,
            pixels: (0..12).collect(),
        };
        let c = crop(&img, [1, 1, 2, 1], 1);
        assert_eq!((c.width, c.height), (4, 3));
        let c = crop(&img, [2, 1, 1, 1], 0);
        assert_eq!((c.width, c.height, c.pixels.clone()), (1, 1, vec![6]));
        let c = crop(&img, [3, 2, 5, 5], 0);
        assert_eq!((c.width, c.height), (1, 1));
    }
}
