//! Fonts: the compiled-in Atkinson Hyperlegible faces, kit-supplied faces, and their metrics.
//!
//! Metrics are read once with `ttf-parser` into plain tables so that measuring text never
//! re-parses the font and a [`Face`] can be shared between threads.

use std::collections::HashMap;
use std::sync::Arc;

/// Atkinson Hyperlegible Regular (SIL OFL 1.1, see `fonts/OFL.txt`).
pub const DEFAULT_REGULAR: &[u8] = include_bytes!("../fonts/AtkinsonHyperlegible-Regular.ttf");
/// Atkinson Hyperlegible Bold (SIL OFL 1.1, see `fonts/OFL.txt`).
pub const DEFAULT_BOLD: &[u8] = include_bytes!("../fonts/AtkinsonHyperlegible-Bold.ttf");

/// Largest font file a kit may name, in bytes (a full CJK face is about 20 MB).
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// U+00A0 NO-BREAK SPACE: keeps a phone number's groups on one line (`070-174 06 05`).
pub const NBSP: char = '\u{a0}';

/// The character actually drawn for `ch`: a no-break space is drawn (and measured) as an
/// ordinary space, so that it prints in every face and text extraction yields a plain space.
pub fn drawn_as(ch: char) -> char {
    if ch == NBSP {
        ' '
    } else {
        ch
    }
}

/// Why a font file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError(pub String);

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FontError {}

/// One parsed font face: its bytes and the metrics layout needs.
#[derive(Debug, Clone)]
pub struct Face {
    /// The font file as given (TTF or OTF).
    pub data: Arc<Vec<u8>>,
    /// PostScript or family name, for diagnostics and PDF metadata.
    pub name: String,
    /// Font design units per em.
    pub units_per_em: u16,
    /// Ascender in font units (positive, above the baseline).
    pub ascender: i16,
    /// Descender in font units (negative, below the baseline).
    pub descender: i16,
    /// Height of capital letters in font units.
    pub cap_height: i16,
    /// Horizontal advance in font units for every character the font maps.
    advances: HashMap<char, u16>,
}

impl Face {
    /// Parses a TTF/OTF file. `label` names the file in error messages.
    pub fn parse(data: Vec<u8>, label: &str) -> Result<Face, FontError> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| {
            FontError(format!(
                "{label}: not a usable TrueType/OpenType font ({e})"
            ))
        })?;
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    if let Some(ch) = char::from_u32(cp) {
                        if let Some(gid) = sub.glyph_index(cp) {
                            if gid.0 != 0 {
                                let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                                advances.entry(ch).or_insert(adv);
                            }
                        }
                    }
                });
            }
        }
        if advances.is_empty() {
            return Err(FontError(format!(
                "{label}: the font maps no Unicode characters"
            )));
        }
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| label.to_string());
        let ascender = face.ascender();
        Ok(Face {
            name,
            units_per_em: face.units_per_em(),
            ascender,
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(ascender),
            advances,
            data: Arc::new(data),
        })
    }

    /// True for one of the compiled-in faces (known to embed).
    pub fn is_builtin(&self) -> bool {
        let d = self.data.as_slice();
        d == DEFAULT_REGULAR || d == DEFAULT_BOLD
    }

    /// True when the font has a real glyph for `ch` (not the .notdef box). A no-break space
    /// counts as the space it is drawn as.
    pub fn has_char(&self, ch: char) -> bool {
        self.advances.contains_key(&drawn_as(ch))
    }

    /// Advance width of `ch` in font units, `None` when the font lacks it. A no-break space
    /// measures as the space it is drawn as.
    pub fn advance(&self, ch: char) -> Option<u16> {
        self.advances.get(&drawn_as(ch)).copied()
    }

    /// Width of `text` in points at `size_pt`; characters the font lacks count as zero
    /// (validation rejects them before layout).
    pub fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advance(c).unwrap_or(0)))
            .sum();
        units as f32 * size_pt / f32::from(self.units_per_em)
    }
}

/// The regular and bold faces a kit is printed with.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// Body text.
    pub regular: Face,
    /// Headings, labels and emphasis.
    pub bold: Face,
}

impl FontSet {
    /// The compiled-in Atkinson Hyperlegible pair.
    pub fn builtin() -> FontSet {
        FontSet {
            regular: Face::parse(DEFAULT_REGULAR.to_vec(), "AtkinsonHyperlegible-Regular.ttf")
                .expect("built-in regular font parses"),
            bold: Face::parse(DEFAULT_BOLD.to_vec(), "AtkinsonHyperlegible-Bold.ttf")
                .expect("built-in bold font parses"),
        }
    }

    /// The first character of `text` that either face cannot draw, with its byte offset.
    pub fn first_missing(&self, text: &str) -> Option<(usize, char)> {
        text.char_indices().find(|(_, c)| {
            !(c.is_control() || (self.regular.has_char(*c) && self.bold.has_char(*c)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_covers_swedish_and_lacks_ballot_box() {
        let f = FontSet::builtin();
        assert_eq!(f.first_missing("hjälpmedel åäö ÅÄÖ é – "), None);
        assert_eq!(f.first_missing("ok ☐"), Some((3, '☐')));
        assert!(f.regular.width_pt("Datum", 12.0) > 20.0);
    }

    #[test]
    fn no_break_space_measures_as_a_space() {
        let f = FontSet::builtin();
        for face in [&f.regular, &f.bold] {
            assert!(face.has_char(NBSP));
            assert_eq!(face.advance(NBSP), face.advance(' '));
            assert!(face.width_pt("\u{a0}", 12.0) > 0.0);
        }
        assert_eq!(f.first_missing("070-174\u{a0}06\u{a0}05"), None);
    }
}
