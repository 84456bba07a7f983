//! Density: how tightly handwriting content is set. Level 0 is the comfortable default; each
//! further level takes room from the elements people write in and from the space around
//! small headings, never below the field rules: character boxes 5 mm high, checkboxes 4 mm
//! with a gap of 2/3 of the box to their label, write-in lines and table rows 8 mm apart,
//! labels 8 pt, 3 mm between fields (that gap never shrinks).
//!
//! A [`super::Block::Fit`] (a form, a log sheet) is laid out at the loosest level at which
//! it takes the fewest pages it can: a form that would spill onto an extra page is set
//! tighter first, and only when even the tightest level does not fit does it grow.

/// Number of density levels; the last one is set at the field rules' minimums.
pub const LEVELS: u8 = 3;

/// One density level (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Density {
    /// 0 (comfortable) to `LEVELS - 1` (the field rules' minimums).
    pub level: u8,
}

/// Least writing room of a box under its label, mm (a character box's height).
const LEAST_WRITE: f32 = 5.5;
/// Least height of a row to write in, mm (field rules: lines 8–9 mm apart).
const LEAST_ROW: f32 = 8.0;

impl Density {
    /// The tightest level.
    pub const TIGHTEST: Density = Density { level: LEVELS - 1 };

    fn pick(self, values: [f32; LEVELS as usize]) -> f32 {
        values[usize::from(self.level.min(LEVELS - 1))]
    }

    /// Height of a character box, mm (field rules: 5–6 mm).
    pub fn char_box_h(self) -> f32 {
        self.pick([5.5, 5.25, 5.0])
    }

    /// Side of a checkbox, mm (field rules: at least 4 mm).
    pub fn checkbox(self) -> f32 {
        self.pick([4.5, 4.25, 4.0])
    }

    /// Gap from a checkbox to its label, mm (field rules: at least 2/3 of the box).
    pub fn checkbox_gap(self) -> f32 {
        self.pick([3.2, 3.0, 2.7])
    }

    /// Distance between write-in lines, mm (field rules: 8–9 mm).
    pub fn write_line(self) -> f32 {
        self.pick([8.5, 8.25, 8.0])
    }

    /// Room to write under a label inside a box that asked for `asked` mm.
    pub fn write_room(self, asked: f32) -> f32 {
        if asked <= LEAST_WRITE {
            return asked;
        }
        (asked - self.pick([0.0, 0.5, 1.0])).max(LEAST_WRITE)
    }

    /// Height of a table row that asked for at least `asked` mm: rows to write in (8 mm or
    /// more) give up to half a millimetre, never going under 8 mm; other rows keep theirs.
    pub fn row(self, asked: f32) -> f32 {
        if asked < LEAST_ROW {
            return asked;
        }
        (asked - self.pick([0.0, 0.25, 0.5])).max(LEAST_ROW)
    }

    /// Inner padding of a table cell, mm.
    pub fn cell_pad(self) -> f32 {
        self.pick([1.5, 1.25, 1.0])
    }

    /// Size of field labels, pt (never under 8).
    pub fn label_pt(self) -> f32 {
        self.pick([8.5, 8.5, 8.0])
    }

    /// Space before and after a small heading (a form's section title), mm.
    pub fn small_heading_space(self) -> (f32, f32) {
        (self.pick([1.0, 0.8, 0.5]), self.pick([0.8, 0.6, 0.5]))
    }

    /// Space after a paragraph, in lines.
    pub fn para_gap_lines(self) -> f32 {
        self.pick([0.5, 0.4, 0.3])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_keeps_the_field_rules() {
        for level in 0..LEVELS {
            let d = Density { level };
            assert!(d.char_box_h() >= 5.0);
            assert!(d.checkbox() >= 4.0);
            assert!(d.checkbox_gap() >= d.checkbox() * 2.0 / 3.0);
            assert!(d.write_line() >= 8.0);
            assert!(d.row(8.5) >= 8.0 && d.row(11.0) >= 10.5);
            assert!(d.label_pt() >= 8.0);
            assert!(d.write_room(6.5) >= 5.5);
        }
        // Tighter levels are never looser.
        for level in 1..LEVELS {
            let (a, b) = (Density { level: level - 1 }, Density { level });
            assert!(b.char_box_h() <= a.char_box_h() && b.write_line() <= a.write_line());
        }
    }
}
