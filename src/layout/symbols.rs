//! Vector symbols: checkbox squares, ticks, arrows and the "critical" marker.
//!
//! Atkinson Hyperlegible has no ☐ ✓ →, and a missing glyph prints as an empty box, so every
//! symbol is drawn with lines. All strokes are black; nothing is grey.

use super::Item;

/// Outline width of rules and boxes, pt (field rules: about 0.5 pt).
pub const RULE_PT: f32 = 0.5;

/// An empty checkbox, `size` mm square, top-left at `x`, `y`.
pub fn checkbox(x: f32, y: f32, size: f32) -> Item {
    Item::Rect {
        x,
        y,
        w: size,
        h: size,
        stroke_pt: Some(RULE_PT),
        fill: false,
    }
}

/// A tick inside a box of `size` mm at `x`, `y`.
pub fn tick(x: f32, y: f32, size: f32) -> Item {
    Item::Path {
        points: vec![
            (x + 0.18 * size, y + 0.55 * size),
            (x + 0.42 * size, y + 0.8 * size),
            (x + 0.85 * size, y + 0.2 * size),
        ],
        closed: false,
        fill: false,
        width_pt: 1.5,
    }
}

/// A right-pointing arrow `len` mm long whose shaft is at height `y`.
pub fn arrow(x: f32, y: f32, len: f32) -> Vec<Item> {
    let head = (len * 0.4).min(2.5);
    vec![
        Item::Line {
            x1: x,
            y1: y,
            x2: x + len - head * 0.5,
            y2: y,
            width_pt: 1.2,
        },
        Item::Path {
            points: vec![
                (x + len - head, y - head * 0.5),
                (x + len, y),
                (x + len - head, y + head * 0.5),
            ],
            closed: true,
            fill: true,
            width_pt: RULE_PT,
        },
    ]
}

/// The "critical" marker: a warning triangle, `size` mm wide, with an exclamation mark,
/// top-left at `x`, `y`.
pub fn critical(x: f32, y: f32, size: f32) -> Vec<Item> {
    let h = size * 0.9;
    let bar_w = size * 0.12;
    let cx = x + size / 2.0;
    vec![
        Item::Path {
            points: vec![(cx, y), (x + size, y + h), (x, y + h)],
            closed: true,
            fill: false,
            width_pt: 1.2,
        },
        Item::Rect {
            x: cx - bar_w / 2.0,
            y: y + h * 0.35,
            w: bar_w,
            h: h * 0.33,
            stroke_pt: None,
            fill: true,
        },
        Item::Rect {
            x: cx - bar_w / 2.0,
            y: y + h * 0.76,
            w: bar_w,
            h: bar_w,
            stroke_pt: None,
            fill: true,
        },
    ]
}
