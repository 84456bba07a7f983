//! Masking and mask choice of a QR symbol (ISO/IEC 18004 §7.8): `qrcode` places the data,
//! downkit masks it eight ways and scores each, on 64-bit rows for the symbols serialized
//! copies and contacts use and on bytes for larger ones. Both score exactly as the standard
//! says and choose what the straightforward encoder (kept in the tests) chooses.

use std::cell::RefCell;
use std::collections::HashMap;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel};

/// A module matrix, `[row][col]`, true = dark.
type Matrix = Vec<Vec<bool>>;

/// The eight mask patterns of (non-micro) QR codes, in the order of their numbers.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// What every code of one version and level shares, per mask: the modules outside the data
/// area after masking (functional patterns and the format information of that mask), and
/// the mask pattern itself. Computed once per version and level with `qrcode`'s own
/// `apply_mask`, so the result is exactly what masking each symbol's canvas gives.
struct Frame {
    /// Per mask, row-major, 1 = dark: the masked symbol of an empty data area.
    functional: Vec<Vec<u8>>,
    /// Per mask, row-major, 1 = the mask inverts this module (where it is data).
    invert: Vec<Vec<u8>>,
    /// [`Frame::functional`] as rows of bits (bit x = column x), for symbols of at most
    /// [`BIT_ROWS_MAX`] modules.
    functional_rows: Vec<Vec<u64>>,
    /// [`Frame::invert`] as rows of bits.
    invert_rows: Vec<Vec<u64>>,
}

/// The widest symbol scored on 64-bit rows (version 10, 57 modules, fits with the four light
/// modules the finder rule looks at beyond the edge); wider ones are scored on bytes.
const BIT_ROWS_MAX: usize = 60;

/// Row-major bytes (1 = dark) of a `w`-wide symbol → one `u64` per row, bit x = column x.
fn pack(grid: &[u8], w: usize) -> Vec<u64> {
    grid.chunks(w)
        .map(|row| {
            row.iter()
                .enumerate()
                .fold(0, |bits, (x, &d)| bits | (u64::from(d) << x))
        })
        .collect()
}

impl Frame {
    fn new(version: qrcode::Version, level: EcLevel) -> Frame {
        let dark = |c: Canvas| -> Vec<u8> {
            c.into_colors()
                .into_iter()
                .map(|m| u8::from(m == Color::Dark))
                .collect()
        };
        let mut functional = Canvas::new(version, level);
        functional.draw_all_functional_patterns();
        let empty = Canvas::new(version, level);
        let mut frame = Frame {
            functional: Vec::with_capacity(MASKS.len()),
            invert: Vec::with_capacity(MASKS.len()),
            functional_rows: Vec::new(),
            invert_rows: Vec::new(),
        };
        for mask in MASKS {
            let mut f = functional.clone();
            f.apply_mask(mask);
            frame.functional.push(dark(f));
            // An empty module becomes dark exactly where the mask inverts.
            let mut e = empty.clone();
            e.apply_mask(mask);
            frame.invert.push(dark(e));
        }
        let w = version.width() as usize;
        if w <= BIT_ROWS_MAX {
            frame.functional_rows = frame.functional.iter().map(|g| pack(g, w)).collect();
            frame.invert_rows = frame.invert.iter().map(|g| pack(g, w)).collect();
        }
        frame
    }
}

thread_local! {
    /// Frames by (symbol width, level), for [`encode`].
    static FRAMES: RefCell<HashMap<(i16, u8), std::rc::Rc<Frame>>> = RefCell::new(HashMap::new());
}

/// `qrcode`'s encoding steps (segments, error correction, placement) with our own masking and
/// mask choice: the same ISO 18004 penalty rules, scored on a plain grid of bytes. The
/// crate's scorer boxes a closure per module, and masking a cloned canvas eight times per
/// symbol cost more than the rest of a build; here the eight candidates are one pass each
/// over the data canvas and the [`Frame`] of its version.
pub(super) fn encode(data: &[u8], level: EcLevel) -> Result<Matrix, qrcode::types::QrError> {
    let bits = qrcode::bits::encode_auto(data, level)?;
    let version = bits.version();
    let (codewords, ec_words) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec_words);
    let n = version.width();
    let w = n as usize;
    let frame = FRAMES.with(|f| {
        f.borrow_mut()
            .entry((n, level as u8))
            .or_insert_with(|| std::rc::Rc::new(Frame::new(version, level)))
            .clone()
    });
    // Row-major: 1 where the module is data (the mask applies), and its colour.
    let mut is_data = Vec::with_capacity(w * w);
    let mut colour = Vec::with_capacity(w * w);
    for y in 0..n {
        for x in 0..n {
            let (d, c) = match canvas.get(x, y) {
                Module::Unmasked(c) => (1, c),
                Module::Masked(c) => (0, c),
                Module::Empty => (0, Color::Light),
            };
            is_data.push(d);
            colour.push(u8::from(c == Color::Dark));
        }
    }
    if w <= BIT_ROWS_MAX {
        return Ok(choose_on_rows(
            &frame,
            &pack(&is_data, w),
            &pack(&colour, w),
            w,
        ));
    }
    let mut grid = vec![0u8; w * w];
    let mut columns = vec![0u8; w * w];
    let mut best: Option<(u32, Vec<u8>)> = None;
    for (functional, invert) in frame.functional.iter().zip(&frame.invert) {
        for i in 0..w * w {
            let d = is_data[i];
            grid[i] = (d & (colour[i] ^ invert[i])) | ((d ^ 1) & functional[i]);
        }
        let score = penalty(&grid, w, &mut columns);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, grid.clone()));
        }
    }
    let grid = best.expect("eight masks tried").1;
    Ok(grid
        .chunks(w)
        .map(|row| row.iter().map(|&d| d == 1).collect())
        .collect())
}

/// The mask choice of [`encode`] on rows of bits: `data` marks the modules the mask applies
/// to, `colour` their colour before masking.
fn choose_on_rows(frame: &Frame, data: &[u64], colour: &[u64], w: usize) -> Matrix {
    let mut rows = vec![0u64; w];
    let mut best: Option<(u32, Vec<u64>)> = None;
    for (functional, invert) in frame.functional_rows.iter().zip(&frame.invert_rows) {
        for y in 0..w {
            let d = data[y];
            rows[y] = (d & (colour[y] ^ invert[y])) | (!d & functional[y]);
        }
        let score = penalty_rows(&rows, w);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, rows.clone()));
        }
    }
    let rows = best.expect("eight masks tried").1;
    rows.iter()
        .map(|&r| (0..w).map(|x| r >> x & 1 == 1).collect())
        .collect()
}

/// [`penalty`] of a symbol given as rows of bits (bit x = column x, `w` ≤ [`BIT_ROWS_MAX`]):
/// each rule on a whole row, or on a row and its neighbours for the vertical rules, at once.
///
/// - N1: a run of r ≥ 5 scores r − 2 = (r − 4) five-module windows of one colour + 2 for the
///   first of them.
/// - N3: 1:1:3:1:1 with four light modules (or the edge) before or after.
fn penalty_rows(rows: &[u64], w: usize) -> u32 {
    let m = (1u64 << w) - 1;
    let light = |r: u64| !r & m;
    let runs = |same: u64| {
        let five = same & (same << 1) & (same << 2) & (same << 3);
        five.count_ones() + 2 * (five & !(five << 1)).count_ones()
    };
    let mut score = 0;
    for &r in rows {
        let l = light(r);
        score += runs(!(r ^ (r << 1)) & m & !1);
        let finder = r & (l >> 1) & (r >> 2) & (r >> 3) & (r >> 4) & (l >> 5) & (r >> 6);
        if finder != 0 {
            let before = ((l << 1) | 1) & ((l << 2) | 3) & ((l << 3) | 7) & ((l << 4) | 15);
            let beyond = l | (!0 << w);
            let after = (beyond >> 7) & (beyond >> 8) & (beyond >> 9) & (beyond >> 10);
            score += 40 * (finder & (before | after)).count_ones();
        }
    }
    // Vertical runs: `same[y]` has bit x when (x, y) has the colour of (x, y − 1).
    let mut five_before = 0u64;
    let mut same = [0u64; 4];
    for y in 1..w {
        same = [same[1], same[2], same[3], !(rows[y] ^ rows[y - 1]) & m];
        let five = if y >= 4 {
            same[0] & same[1] & same[2] & same[3]
        } else {
            0
        };
        score += five.count_ones() + 2 * (five & !five_before).count_ones();
        five_before = five;
    }
    // Vertical finders; outside the symbol counts as light.
    let lit = |y: isize| {
        usize::try_from(y)
            .ok()
            .and_then(|y| rows.get(y))
            .map_or(!0, |&r| light(r))
    };
    for y in 0..w.saturating_sub(6) {
        let r = |k: usize| rows[y + k];
        let finder = r(0) & light(r(1)) & r(2) & r(3) & r(4) & light(r(5)) & r(6);
        if finder != 0 {
            let y = y as isize;
            let before = lit(y - 1) & lit(y - 2) & lit(y - 3) & lit(y - 4);
            let after = lit(y + 7) & lit(y + 8) & lit(y + 9) & lit(y + 10);
            score += 40 * (finder & (before | after)).count_ones();
        }
    }
    // N2: 2×2 blocks of one colour.
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (la, lb) = (light(a), light(b));
        let dark = a & b & (a >> 1) & (b >> 1);
        let lit = la & lb & (la >> 1) & (lb >> 1);
        score += 3 * (dark.count_ones() + lit.count_ones());
    }
    // N4: balance, 10 points per 5 % away from half dark.
    let dark: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    score + (dark * 100 / (w * w)).abs_diff(50) as u32 / 5 * 10
}

/// The penalty score of a masked symbol, `grid` row-major `w` × `w`, 1 = dark (ISO/IEC
/// 18004 §7.8.3): runs of five or more modules of one colour, 2×2 blocks of one colour,
/// finder-like 1:1:3:1:1 patterns with four light modules on a side, and the deviation from
/// half dark. `columns` is scratch space of the grid's size.
fn penalty(grid: &[u8], w: usize, columns: &mut [u8]) -> u32 {
    for y in 0..w {
        for x in 0..w {
            columns[x * w + y] = grid[y * w + x];
        }
    }
    let mut score = 0;
    for lines in [grid, &*columns] {
        for line in lines.chunks(w) {
            score += line_penalty(line);
        }
    }
    // N2: 2×2 blocks.
    for y in 0..w.saturating_sub(1) {
        let (top, bottom) = (&grid[y * w..(y + 1) * w], &grid[(y + 1) * w..(y + 2) * w]);
        let blocks: u32 = top
            .windows(2)
            .zip(bottom.windows(2))
            .map(|(t, b)| {
                let s = t[0] + t[1] + b[0] + b[1];
                u32::from(s == 0) | u32::from(s == 4)
            })
            .sum();
        score += 3 * blocks;
    }
    // N4: balance, 10 points per 5 % away from half dark.
    let dark: usize = grid.iter().map(|&d| usize::from(d)).sum();
    score + (dark * 100 / (w * w)).abs_diff(50) as u32 / 5 * 10
}

/// N1 and N3 of one row or column (1 = dark).
fn line_penalty(line: &[u8]) -> u32 {
    /// 1:1:3:1:1, dark light dark dark dark light dark, as the last seven bits of a window.
    const FINDER: u32 = 0b101_1101;
    let n = line.len();
    // N1, without a branch per module (module colours are as good as random, so a branch
    // on "same as the last one" is mispredicted every other module).
    let mut score = 0u32;
    let mut run = 1u32;
    let mut window = u32::from(line[0]);
    let mut finders = 0u32;
    for k in 1..n {
        let d = line[k];
        let change = u32::from(d != line[k - 1]);
        score += change * u32::from(run >= 5) * run.wrapping_sub(2);
        run = (run + 1) * (1 - change) + change;
        window = ((window << 1) | u32::from(d)) & 0x7F;
        finders += u32::from(k >= 6 && window == FINDER);
    }
    score += u32::from(run >= 5) * run.wrapping_sub(2);
    if finders == 0 {
        return score;
    }
    // N3, for the few windows that look like a finder. Outside the symbol counts as light.
    let light = |from: usize, to: usize| line[from.min(n)..to.min(n)].iter().all(|&d| d == 0);
    let mut window = 0u32;
    for (k, &d) in line.iter().enumerate() {
        window = ((window << 1) | u32::from(d)) & 0x7F;
        if k >= 6 && window == FINDER {
            let j = k - 6;
            if light(j.saturating_sub(4), j) || light(j + 7, j + 11) {
                score += 40;
            }
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalty_rules_score_runs_finders_blocks_and_balance() {
        let row = |s: &str| s.bytes().map(|c| u8::from(c == b'#')).collect::<Vec<u8>>();
        // A run of 7: 7 - 2; a run of 4 scores nothing.
        assert_eq!(line_penalty(&row("#######....#")), 5);
        // A finder-like pattern with four light modules after it (outside counts as light).
        assert_eq!(line_penalty(&row("#.###.#")), 40);
        // 2×2 all light: one block, four runs-free lines, 0 % dark: 100 points of balance.
        assert_eq!(penalty(&[0; 4], 2, &mut [0; 4]), 3 + 100);
    }

    #[test]
    fn scoring_on_rows_of_bits_equals_scoring_on_bytes() {
        // Grids of every width the bit rows take, random and with long runs and finders.
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for w in 2..=BIT_ROWS_MAX {
            for kind in 0..6 {
                let grid: Vec<u8> = (0..w * w)
                    .map(|i| match kind {
                        0 => (next() & 1) as u8,
                        1 => u8::from(next() % 5 == 0),
                        2 => u8::from(next() % 5 != 0),
                        3 => [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0][(i % w + i / w) % 11],
                        4 => [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0][i % 11],
                        _ => u8::from((i / w) % 7 < 3),
                    })
                    .collect();
                let mut columns = vec![0; w * w];
                assert_eq!(
                    penalty_rows(&pack(&grid, w), w),
                    penalty(&grid, w, &mut columns),
                    "width {w}, kind {kind}"
                );
            }
        }
    }

    /// The encoder before masking and scoring were rewritten for speed: every symbol's canvas
    /// masked by `qrcode` eight times and scored on bools. The rewrite must choose the same
    /// mask, module for module.
    mod reference {
        use super::super::MASKS;
        use qrcode::canvas::Canvas;
        use qrcode::types::Color;
        use qrcode::EcLevel;
        type Matrix = Vec<Vec<bool>>;

        pub fn reference_encode(
            data: &[u8],
            level: EcLevel,
        ) -> Result<Matrix, qrcode::types::QrError> {
            let bits = qrcode::bits::encode_auto(data, level)?;
            let version = bits.version();
            let (codewords, ec_words) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, level)?;
            let mut canvas = Canvas::new(version, level);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &ec_words);
            let n = version.width();
            let w = n as usize;
            let mut best: Option<(u32, Vec<bool>)> = None;
            for mask in MASKS {
                let mut c = canvas.clone();
                c.apply_mask(mask);
                // Row-major, as the canvas stores its modules.
                let grid: Vec<bool> = c
                    .into_colors()
                    .into_iter()
                    .map(|m| m == Color::Dark)
                    .collect();
                let score = reference_penalty(&grid, w);
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, grid));
                }
            }
            let grid = best.expect("eight masks tried").1;
            Ok(grid.chunks(w).map(<[bool]>::to_vec).collect())
        }

        /// The penalty score of a masked symbol, `grid` row-major `w` × `w` (ISO/IEC 18004 §7.8.3):
        /// runs of five or more modules of one colour, 2×2 blocks of one colour, finder-like
        /// 1:1:3:1:1 patterns with four light modules on a side, and the deviation from half dark.
        fn reference_penalty(grid: &[bool], w: usize) -> u32 {
            let mut columns = Vec::with_capacity(w * w);
            for x in 0..w {
                columns.extend((0..w).map(|y| grid[y * w + x]));
            }
            let mut score = 0;
            for lines in [grid, &columns] {
                for line in lines.chunks(w) {
                    score += reference_line_penalty(line);
                }
            }
            // N2: 2×2 blocks.
            for y in 0..w - 1 {
                let (top, bottom) = (&grid[y * w..(y + 1) * w], &grid[(y + 1) * w..(y + 2) * w]);
                for x in 0..w - 1 {
                    let c = top[x];
                    if top[x + 1] == c && bottom[x] == c && bottom[x + 1] == c {
                        score += 3;
                    }
                }
            }
            // N4: balance, 10 points per 5 % away from half dark.
            let dark = grid.iter().filter(|d| **d).count();
            score + (dark * 100 / (w * w)).abs_diff(50) as u32 / 5 * 10
        }

        /// N1 and N3 of one row or column.
        fn reference_line_penalty(line: &[bool]) -> u32 {
            const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
            let mut score = 0;
            let mut run = 1;
            for k in 1..=line.len() {
                if k < line.len() && line[k] == line[k - 1] {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += run - 2;
                    }
                    run = 1;
                }
            }
            // Outside the symbol counts as light.
            let light = |from: usize, to: usize| {
                line[from.min(line.len())..to.min(line.len())]
                    .iter()
                    .all(|d| !d)
            };
            for j in 0..line.len().saturating_sub(6) {
                if line[j..j + 7] == FINDER
                    && (light(j.saturating_sub(4), j) || light(j + 7, j + 11))
                {
                    score += 40;
                }
            }
            score
        }
    }

    #[test]
    fn fast_masking_chooses_the_mask_the_reference_chooses() {
        let mut payloads: Vec<String> = (0..300)
            .map(|i| format!("DK1/hjalpmedel/bestallning/1.{i}/9f3a{i:04x}/HM-{i:05}/500"))
            .collect();
        payloads.extend((0..60).map(|i| "tel:+4670174060".to_string() + &"5".repeat(i)));
        payloads.extend((0..40).map(|i| "Å".repeat(i * 7 + 1)));
        payloads.push("x".repeat(1200));
        for level in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
            for p in &payloads {
                let Ok(want) = reference::reference_encode(p.as_bytes(), level) else {
                    continue;
                };
                assert_eq!(
                    encode(p.as_bytes(), level).unwrap(),
                    want,
                    "{p} at {level:?}"
                );
            }
        }
    }
}
