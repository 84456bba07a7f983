//! QR codes: payload → module matrix, with the capacity numbers when a payload does not fit.
//!
//! Codes are drawn by the layout as vector squares; this module only encodes.

mod mask;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use qrcode::EcLevel;

/// Matrices kept per thread by [`qr_matrix_cached`]: every code of a kit of the largest print
/// run the budgets allow (`validate::budget::MAX_COPIES` copies, each a copy code and, for
/// copies that grow a version, the size of their code without the run) fits.
const CACHE_ENTRIES: usize = 32_768;

/// A module matrix, `[row][col]`, true = dark.
type Matrix = Vec<Vec<bool>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
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
    mask::encode(payload.as_bytes(), ec.level()).map_err(|e| encode_error(payload, ec, e))
}

fn encode_error(payload: &str, ec: Ec, e: qrcode::types::QrError) -> QrError {
    match e {
        qrcode::types::QrError::DataTooLong => QrError::TooLong {
            bytes: payload.len(),
            capacity: ec.capacity_bytes(),
            ec,
        },
        other => QrError::Encode(other.to_string()),
    }
}

/// [`qr_matrix`] remembered per thread and shared, not copied: a binder is laid out more than
/// once until its page references are stable, and encoding (mask choice) is the expensive
/// part of a QR code. The cache holds every code of the largest kit the budgets allow
/// ([`CACHE_ENTRIES`]), so one build encodes each of its codes once.
pub fn qr_matrix_cached(payload: &str, ec: Ec) -> Result<Arc<Matrix>, QrError> {
    if let Some(m) = CACHE.with(|c| c.borrow().get(&(ec, payload)).cloned()) {
        return Ok(m);
    }
    let m = Arc::new(qr_matrix(payload, ec)?);
    CACHE.with(|c| c.borrow_mut().insert(payload.to_string(), ec, m.clone()));
    Ok(m)
}

/// The width in modules of the code of `payload`, without encoding it: the version follows
/// from the data alone, the mask choice is the expensive part.
pub fn qr_width(payload: &str, ec: Ec) -> Result<usize, QrError> {
    if let Some(m) = CACHE.with(|c| c.borrow().get(&(ec, payload)).cloned()) {
        return Ok(m.len());
    }
    qrcode::bits::encode_auto(payload.as_bytes(), ec.level())
        .map(|bits| bits.version().width() as usize)
        .map_err(|e| encode_error(payload, ec, e))
}

/// Encodes the `payloads` not yet cached on all cores and caches them on this thread, so that
/// laying out hundreds of serialized copies does not encode one QR code after another. The
/// result is the same as encoding them one by one (encoding is a pure function).
pub fn warm(payloads: &[&str], ec: Ec) {
    let missing: Vec<&str> = CACHE.with(|c| {
        let c = c.borrow();
        payloads
            .iter()
            .filter(|p| c.get(&(ec, **p)).is_none())
            .copied()
            .collect()
    });
    // Too few to be worth a thread: encode them as they come.
    let workers = crate::cores::workers(missing.len(), 16);
    if workers < 2 {
        return;
    }
    let part = missing.len().div_ceil(workers);
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
        for (p, m) in encoded {
            c.insert(p, ec, Arc::new(m));
        }
    });
}

/// The codes of [`qr_matrix_cached`], by level and payload, with a bound: when it is full the
/// oldest half goes (first in, first out), so a run of many kits never falls off a cliff
/// where nothing is shared any more.
#[derive(Default)]
struct Cache {
    /// One map per level ([`Ec`] as index), so a lookup borrows the payload.
    codes: [HashMap<String, Arc<Matrix>>; 4],
    order: std::collections::VecDeque<(Ec, String)>,
}

impl Cache {
    fn get(&self, key: &(Ec, &str)) -> Option<&Arc<Matrix>> {
        self.codes[key.0 as usize].get(key.1)
    }

    fn len(&self) -> usize {
        self.codes.iter().map(HashMap::len).sum()
    }

    fn insert(&mut self, payload: String, ec: Ec, m: Arc<Matrix>) {
        if self.len() >= CACHE_ENTRIES {
            for (old_ec, old) in self.order.drain(..CACHE_ENTRIES / 2) {
                self.codes[old_ec as usize].remove(&old);
            }
        }
        if self.codes[ec as usize].insert(payload.clone(), m).is_none() {
            self.order.push_back((ec, payload));
        }
    }
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
            assert_eq!(
                *qr_matrix_cached(p, Ec::Q).unwrap(),
                qr_matrix(p, Ec::Q).unwrap()
            );
        }
    }

    #[test]
    fn width_without_encoding_equals_the_encoded_width() {
        for p in [
            "KIT-1",
            "DK1/k/f/1.0/0a1b2c3d/W-0001/10000",
            &"y".repeat(500),
        ] {
            assert_eq!(
                qr_width(p, Ec::Q).unwrap(),
                qr_matrix(p, Ec::Q).unwrap().len()
            );
        }
        assert!(matches!(
            qr_width(&"x".repeat(2000), Ec::Q),
            Err(QrError::TooLong { .. })
        ));
    }

    #[test]
    fn runs_merge_adjacent_modules() {
        assert_eq!(dark_runs(&[true, true, false, true]), vec![(0, 2), (3, 1)]);
        assert_eq!(dark_runs(&[false, false]), vec![]);
    }
}
