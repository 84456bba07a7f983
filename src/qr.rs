//! QR codes: payload → module matrix, with the capacity numbers when a payload does not fit.
//!
//! Codes are drawn by the layout as vector squares; this module only encodes.

use std::cell::RefCell;
use std::collections::HashMap;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// Matrices kept per thread by [`qr_matrix_cached`]; the cache is emptied when it is full.
const CACHE_ENTRIES: usize = 4096;

/// A module matrix, `[row][col]`, true = dark.
type Matrix = Vec<Vec<bool>>;

thread_local! {
    /// Whether [`warm`] may start threads (off on threads that are already one of several
    /// workers, e.g. `downkit build` building kits on all cores).
    static WARM_THREADS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    static CACHE: RefCell<HashMap<(String, Ec), Matrix>> = RefCell::new(HashMap::new());
}

/// Error correction level (field rules: Q by default, M only when space forces it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ec {
    /// ~7 % recovery.
    L,
    /// ~15 % recovery.
    M,
    /// ~25 % recovery (the default: kits get photocopied).
    #[default]
    Q,
    /// ~30 % recovery.
    H,
}

impl Ec {
    fn level(self) -> EcLevel {
        match self {
            Ec::L => EcLevel::L,
            Ec::M => EcLevel::M,
            Ec::Q => EcLevel::Q,
            Ec::H => EcLevel::H,
        }
    }

    /// Largest payload in bytes (byte mode, version 40) at this level.
    pub fn capacity_bytes(self) -> usize {
        match self {
            Ec::L => 2953,
            Ec::M => 2331,
            Ec::Q => 1663,
            Ec::H => 1273,
        }
    }
}

impl std::fmt::Display for Ec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            Ec::L => "L",
            Ec::M => "M",
            Ec::Q => "Q",
            Ec::H => "H",
        };
        f.write_str(s)
    }
}

/// Why a payload could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The payload exceeds the largest QR code at this error correction level.
    TooLong {
        /// Payload length in bytes (UTF-8).
        bytes: usize,
        /// Largest payload at this level, bytes.
        capacity: usize,
        /// The level asked for.
        ec: Ec,
    },
    /// The encoder refused the payload for another reason.
    Encode(String),
}

impl std::fmt::Display for QrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QrError::TooLong {
                bytes,
                capacity,
                ec,
            } => write!(
                f,
                "QR payload is {bytes} bytes; the largest QR code (version 40, 177×177 modules) \
                 holds {capacity} bytes at error correction {ec}"
            ),
            QrError::Encode(e) => write!(f, "QR payload cannot be encoded: {e}"),
        }
    }
}

impl std::error::Error for QrError {}

/// Encodes `payload` (as UTF-8 bytes) into a square module matrix, `[row][col]`, true = dark.
/// The matrix has no quiet zone; the caller leaves 4 modules of white around it.
pub fn qr_matrix(payload: &str, ec: Ec) -> Result<Vec<Vec<bool>>, QrError> {
    encode(payload.as_bytes(), ec.level()).map_err(|e| match e {
        qrcode::types::QrError::DataTooLong => QrError::TooLong {
            bytes: payload.len(),
            capacity: ec.capacity_bytes(),
            ec,
        },
        other => QrError::Encode(other.to_string()),
    })
}

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

/// `qrcode`'s encoding steps (segments, error correction, placement) with our own mask
/// choice: the same ISO 18004 penalty rules, scored on a plain grid of colours. The crate's
/// scorer boxes a closure per module and took most of a build's time.
fn encode(data: &[u8], level: EcLevel) -> Result<Matrix, qrcode::types::QrError> {
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
        let score = penalty(&grid, w);
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
fn penalty(grid: &[bool], w: usize) -> u32 {
    let mut columns = Vec::with_capacity(w * w);
    for x in 0..w {
        columns.extend((0..w).map(|y| grid[y * w + x]));
    }
    let mut score = 0;
    for lines in [grid, &columns] {
        for line in lines.chunks(w) {
            score += line_penalty(line);
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
fn line_penalty(line: &[bool]) -> u32 {
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
        if line[j..j + 7] == FINDER && (light(j.saturating_sub(4), j) || light(j + 7, j + 11)) {
            score += 40;
        }
    }
    score
}

/// [`qr_matrix`] remembered per thread: a binder is laid out more than once until its page
/// references are stable, and encoding (mask selection) is the expensive part of a QR code.
pub fn qr_matrix_cached(payload: &str, ec: Ec) -> Result<Vec<Vec<bool>>, QrError> {
    let key = (payload.to_string(), ec);
    if let Some(m) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(m);
    }
    let m = qr_matrix(payload, ec)?;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_ENTRIES {
            c.clear();
        }
        c.insert(key, m.clone());
    });
    Ok(m)
}

/// Encodes the `payloads` not yet cached on all cores and caches them on this thread, so that
/// laying out hundreds of serialized copies does not encode one QR code after another. The
/// result is the same as encoding them one by one (encoding is a pure function).
pub fn warm(payloads: &[&str], ec: Ec) {
    if !WARM_THREADS.get() {
        return;
    }
    let missing: Vec<&str> = CACHE.with(|c| {
        let c = c.borrow();
        payloads
            .iter()
            .filter(|p| !c.contains_key(&(p.to_string(), ec)))
            .copied()
            .collect()
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Too few to be worth a thread, or more than the cache keeps: encode them as they come.
    if cores < 2 || missing.len() < 32 || missing.len() > CACHE_ENTRIES {
        return;
    }
    let part = missing.len().div_ceil(cores);
    let encoded: Vec<(String, Matrix)> = std::thread::scope(|s| {
        let workers: Vec<_> = missing
            .chunks(part)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|p| qr_matrix(p, ec).ok().map(|m| (p.to_string(), m)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() + encoded.len() > CACHE_ENTRIES {
            c.clear();
        }
        c.extend(encoded.into_iter().map(|(p, m)| ((p, ec), m)));
    });
}

/// Lets [`warm`] on this thread use all cores (the default) or not: a thread that is already
/// one of as many workers as cores gains nothing from more threads.
pub fn warm_on_all_cores(on: bool) {
    WARM_THREADS.set(on);
}

/// Dark runs of one matrix row: `(start_col, len)`, so that a renderer can draw one rectangle
/// per run instead of one per module.
pub fn dark_runs(row: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, &dark) in row.iter().chain(std::iter::once(&false)).enumerate() {
        match (dark, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_payload_is_version_1_and_square() {
        let m = qr_matrix("KIT-1", Ec::Q).unwrap();
        assert_eq!(m.len(), 21);
        assert!(m.iter().all(|r| r.len() == 21));
        // Finder pattern: top-left corner is dark.
        assert!(m[0][0] && m[0][6] && !m[1][1]);
    }

    #[test]
    fn too_long_payload_reports_numbers() {
        let long = "x".repeat(2000);
        let err = qr_matrix(&long, Ec::Q).unwrap_err();
        assert_eq!(
            err,
            QrError::TooLong {
                bytes: 2000,
                capacity: 1663,
                ec: Ec::Q
            }
        );
        assert!(err.to_string().contains("2000 bytes"));
        assert!(qr_matrix(&long, Ec::L).is_ok());
    }

    #[test]
    fn penalty_rules_score_runs_finders_blocks_and_balance() {
        let row = |s: &str| s.chars().map(|c| c == '#').collect::<Vec<bool>>();
        // A run of 7: 7 - 2; a run of 4 scores nothing.
        assert_eq!(line_penalty(&row("#######....#")), 5);
        // A finder-like pattern with four light modules after it (outside counts as light).
        assert_eq!(line_penalty(&row("#.###.#")), 40);
        // 2×2 all light: one block, four runs-free lines, 0 % dark: 100 points of balance.
        assert_eq!(penalty(&[false; 4], 2), 3 + 100);
    }

    #[test]
    fn every_mask_choice_gives_a_square_symbol_of_the_right_size() {
        for payload in ["DK1/kit/form/1.0/abcdef12/HM-0001", "tel:+46701740605"] {
            let m = qr_matrix(payload, Ec::Q).unwrap();
            assert!(m.len() >= 21 && (m.len() - 17).is_multiple_of(4));
            assert!(m.iter().all(|r| r.len() == m.len()));
        }
    }

    #[test]
    fn warmed_codes_equal_codes_encoded_one_by_one() {
        let payloads: Vec<String> = (0..64)
            .map(|i| format!("DK1/k/f/1.0/0a1b2c3d/W-{i:04}"))
            .collect();
        let refs: Vec<&str> = payloads.iter().map(String::as_str).collect();
        warm(&refs, Ec::Q);
        for p in &payloads {
            assert_eq!(qr_matrix_cached(p, Ec::Q), qr_matrix(p, Ec::Q));
        }
    }

    #[test]
    fn runs_merge_adjacent_modules() {
        assert_eq!(dark_runs(&[true, true, false, true]), vec![(0, 2), (3, 1)]);
        assert_eq!(dark_runs(&[false, false]), vec![]);
    }
}
