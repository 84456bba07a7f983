//! Keeping the drill watermark off what must be read exactly: the hollow ÖVNING / EXERCISE
//! letters are knocked out (clipped away) around every QR code with its quiet zone and
//! around every number written out — phone numbers (`070-174 06 05`, `tel:+46…` beside a
//! code, `112`), serial numbers, dates: a run of three or more digits, with the spaces and
//! hyphens between them. A stroke through a code made 4–6 of 23 contact codes unreadable;
//! through a digit it turns a 3 into an 8.
//!
//! After furniture, [`keep_clear`] sets the `clear` areas of each watermark: for a page of
//! its own, what that page draws; for a page template, what the template and every page
//! drawn from it draw. [`allowed`] turns the areas into the region the renderer clips the
//! watermark to.

use super::page::{Document, Item};
use super::text::{Typesetter, MM_PER_PT};
use super::Weight;

/// Space kept around a QR code's quiet zone, mm.
const QR_MARGIN: f32 = 1.0;
/// Space kept around a number, mm.
const TEXT_MARGIN: f32 = 1.0;
/// Digits that make a run a number to keep clear.
const MIN_DIGITS: usize = 3;

/// An area `[x, y, w, h]` in mm, y down.
pub type Area = [f32; 4];

/// Byte ranges of the numbers in `text` to keep clear: runs of digits joined by single
/// spaces, no-break spaces or hyphens (a leading `+` included), with at least
/// [`MIN_DIGITS`] digits.
pub fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let joiner = |c: char| matches!(c, ' ' | '\u{a0}' | '-' | '\u{2011}');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].1.is_ascii_digit()
            || (chars[i].1 == '+' && chars.get(i + 1).is_some_and(|c| c.1.is_ascii_digit()));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_ascii_digit() {
                digits += 1;
                end = j + 1;
            } else if !(c == '+' && j == start
                || joiner(c) && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()))
            {
                break;
            }
            j += 1;
        }
        if digits >= MIN_DIGITS {
            let to = chars.get(end).map_or(text.len(), |c| c.0);
            out.push(chars[start].0..to);
        }
        i = end.max(i + 1);
    }
    out
}

/// The areas `items` need kept clear.
fn areas<'i>(items: impl Iterator<Item = &'i Item>, ts: &Typesetter) -> Vec<Area> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Qr {
                x,
                y,
                module,
                quiet,
                modules,
                ..
            } => {
                let side = (modules.len() as f32 + 2.0 * *quiet as f32) * module;
                out.push([
                    x - QR_MARGIN,
                    y - QR_MARGIN,
                    side + 2.0 * QR_MARGIN,
                    side + 2.0 * QR_MARGIN,
                ]);
            }
            Item::Text {
                x,
                y,
                size_pt,
                weight,
                text,
            } => out.extend(
                numbers(text)
                    .into_iter()
                    .map(|r| text_area(ts, *x, *y, *size_pt, *weight, &text[..r.start], &text[r])),
            ),
            _ => {}
        }
    }
    out
}

/// The area of `run` set after `before` in a line of text at `x`, baseline `y`.
fn text_area(
    ts: &Typesetter,
    x: f32,
    y: f32,
    size_pt: f32,
    weight: Weight,
    before: &str,
    run: &str,
) -> Area {
    let x0 = x + ts.width(before, weight, size_pt);
    let w = ts.width(run, weight, size_pt);
    let ascent = ts.ascent(size_pt);
    let descent = 0.3 * size_pt * MM_PER_PT;
    [
        x0 - TEXT_MARGIN,
        y - ascent - TEXT_MARGIN,
        w + 2.0 * TEXT_MARGIN,
        ascent + descent + 2.0 * TEXT_MARGIN,
    ]
}

/// Sets the `clear` areas of every watermark in `doc`.
pub(crate) fn keep_clear(doc: &mut Document, ts: &Typesetter) {
    let mut shared: Vec<Vec<Area>> = vec![Vec::new(); doc.templates.len()];
    for page in &mut doc.pages {
        let found = areas(page.items.iter(), ts);
        match page.template {
            Some(t) => shared[t].extend(found),
            None => set(&mut page.items, found),
        }
    }
    for (template, mut found) in doc.templates.iter_mut().zip(shared) {
        found.extend(areas(template.items.iter(), ts));
        set(&mut template.items, found);
    }
}

fn set(items: &mut [Item], found: Vec<Area>) {
    for item in items {
        if let Item::OutlineText { clear, .. } = item {
            clear.clone_from(&found);
        }
    }
}

/// The region outside every area of `clear`, as disjoint rectangles covering
/// `bounds` (`[x, y, w, h]`): the watermark is clipped to their union.
pub fn allowed(bounds: Area, clear: &[Area]) -> Vec<Area> {
    let [bx, by, bw, bh] = bounds;
    let mut xs = vec![bx, bx + bw];
    let mut ys = vec![by, by + bh];
    for &[x, y, w, h] in clear {
        xs.extend([x.clamp(bx, bx + bw), (x + w).clamp(bx, bx + bw)]);
        ys.extend([y.clamp(by, by + bh), (y + h).clamp(by, by + bh)]);
    }
    let sort = |v: &mut Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.dedup();
    };
    sort(&mut xs);
    sort(&mut ys);
    let covered = |cx: f32, cy: f32| {
        clear
            .iter()
            .any(|&[x, y, w, h]| cx > x && cx < x + w && cy > y && cy < y + h)
    };
    let mut out: Vec<Area> = Vec::new();
    for row in ys.windows(2) {
        let (y0, y1) = (row[0], row[1]);
        let mut run: Option<f32> = None;
        for col in xs.windows(2) {
            let free = !covered((col[0] + col[1]) / 2.0, (y0 + y1) / 2.0);
            match (free, run) {
                (true, None) => run = Some(col[0]),
                (false, Some(start)) => {
                    out.push([start, y0, col[0] - start, y1 - y0]);
                    run = None;
                }
                _ => {}
            }
        }
        if let Some(start) = run {
            out.push([start, y0, xs[xs.len() - 1] - start, y1 - y0]);
        }
    }
    merge_down(out)
}

/// Joins rectangles of the same columns in consecutive bands.
fn merge_down(rects: Vec<Area>) -> Vec<Area> {
    let mut out: Vec<Area> = Vec::with_capacity(rects.len());
    for r in rects {
        let joined = out
            .iter_mut()
            .rev()
            .find(|o| o[0] == r[0] && o[2] == r[2] && (o[1] + o[3] - r[1]).abs() < 1e-4);
        match joined {
            Some(o) => o[3] += r[3],
            None => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_to_keep_clear() {
        fn found(t: &str) -> Vec<&str> {
            numbers(t).into_iter().map(|r| &t[r]).collect()
        }
        assert_eq!(found("Växel 040-628 04 10"), ["040-628 04 10"]);
        assert_eq!(
            found("Mobil 070-174\u{a0}06\u{a0}05"),
            ["070-174\u{a0}06\u{a0}05"]
        );
        assert_eq!(found("tel:+46406280410"), ["+46406280410"]);
        assert_eq!(found("Ring 112 nu"), ["112"]);
        assert_eq!(found("Kontrollerad: 2026-10-22"), ["2026-10-22"]);
        assert_eq!(found("HM-0007"), ["0007"]);
        assert!(found("08.00–16.00, steg 2 av 12").is_empty());
        assert_eq!(found("1. Växel 040 "), ["040"]);
    }

    #[test]
    fn allowed_region_leaves_out_every_area() {
        let clear = [[10.0, 10.0, 20.0, 20.0], [25.0, 15.0, 20.0, 5.0]];
        let free = allowed([0.0, 0.0, 100.0, 100.0], &clear);
        let area: f32 = free.iter().map(|r| r[2] * r[3]).sum();
        // 400 + 100 − 25 where they overlap.
        assert!((area - (10_000.0 - 475.0)).abs() < 0.01, "{area}");
        for r in &free {
            for c in &clear {
                let overlap_x = r[0] < c[0] + c[2] && c[0] < r[0] + r[2];
                let overlap_y = r[1] < c[1] + c[3] && c[1] < r[1] + r[3];
                assert!(!(overlap_x && overlap_y), "{r:?} overlaps {c:?}");
            }
        }
        assert_eq!(
            allowed([0.0, 0.0, 10.0, 10.0], &[]),
            [[0.0, 0.0, 10.0, 10.0]]
        );
    }
}
