//! QR codes: payload → module matrix, with the capacity numbers when a payload does not fit.
//!
//! Codes are drawn by the layout as vector squares; this module only encodes.

use std::cell::RefCell;
use std::collections::HashMap;

use qrcode::{Color, EcLevel, QrCode};

/// Matrices kept per thread by [`qr_matrix_cached`]; the cache is emptied when it is full.
const CACHE_ENTRIES: usize = 4096;

/// A module matrix, `[row][col]`, true = dark.
type Matrix = Vec<Vec<bool>>;

thread_local! {
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
    let code = QrCode::with_error_correction_level(payload.as_bytes(), ec.level()).map_err(
        |e| match e {
            qrcode::types::QrError::DataTooLong => QrError::TooLong {
                bytes: payload.len(),
                capacity: ec.capacity_bytes(),
                ec,
            },
            other => QrError::Encode(other.to_string()),
        },
    )?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
        .collect())
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
    fn runs_merge_adjacent_modules() {
        assert_eq!(dark_runs(&[true, true, false, true]), vec![(0, 2), (3, 1)]);
        assert_eq!(dark_runs(&[false, false]), vec![]);
    }
}
