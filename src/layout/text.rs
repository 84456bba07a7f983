//! Text: measuring with the font's own advance widths, Unicode line breaking, hyphenation.
//!
//! printpdf draws without kerning, so the sum of advance widths is exactly the printed width.
//! Lines break at Unicode line-break opportunities (UAX #14); a word longer than the line is
//! hyphenated with TeX patterns for the document language and, failing that, broken at a
//! character boundary. Nothing is ever wider than the width it was wrapped to.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::{Span, Weight};
use crate::fonts::{Face, FontSet};

/// Millimetres per PostScript point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Words at least this many characters long are hyphenated to fill a line instead of being
/// moved whole to the next one. Shorter words always move whole: a stressed reader reads
/// unbroken words faster, and `pdftotext` finds them. Only long compounds
/// ("hjälpmedelsförskrivningsunderlaget") are split to fill a line.
const FILL_HYPHENATE_CHARS: usize = 18;

/// One piece of a line in one weight; `dx` is its offset from the line start, mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Bold or regular.
    pub weight: Weight,
    /// The text.
    pub text: String,
    /// Offset from the start of the line, mm.
    pub dx: f32,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Pieces in reading order.
    pub runs: Vec<Run>,
    /// Printed width (trailing spaces excluded), mm.
    pub width: f32,
}

impl Line {
    /// The line's text, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The Swedish and US English hyphenation dictionaries (TeX hyph-utf8 patterns, compiled
/// by the `hyphenation` crate; see `hyphenation/README.md`). Only these two are compiled in,
/// not the crate's 82 (`embed_all`, 2.9 MB).
const SV_DICT: &[u8] = include_bytes!("../../hyphenation/sv.standard.bincode");
const EN_DICT: &[u8] = include_bytes!("../../hyphenation/en-us.standard.bincode");

/// Hyphenation dictionary for a BCP 47 tag: Swedish unless the tag is English.
fn dictionary(lang: &str) -> Option<&'static Standard> {
    static SV: OnceLock<Option<Standard>> = OnceLock::new();
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    if lang.starts_with("en") {
        EN.get_or_init(|| Standard::from_reader(Language::EnglishUS, &mut &EN_DICT[..]).ok())
            .as_ref()
    } else {
        SV.get_or_init(|| Standard::from_reader(Language::Swedish, &mut &SV_DICT[..]).ok())
            .as_ref()
    }
}

/// Measures and wraps text in a [`FontSet`] for one document language.
pub struct Typesetter<'a> {
    fonts: &'a FontSet,
    hyphenator: Option<&'static Standard>,
}

type Glyph = (char, bool);

impl<'a> Typesetter<'a> {
    /// A typesetter for `lang` (`sv`, `en`, …).
    pub fn new(fonts: &'a FontSet, lang: &str) -> Self {
        Typesetter {
            fonts,
            hyphenator: dictionary(lang),
        }
    }

    /// The face for a weight.
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.fonts.regular,
            Weight::Bold => &self.fonts.bold,
        }
    }

    /// Width of `text` in mm.
    pub fn width(&self, text: &str, weight: Weight, size_pt: f32) -> f32 {
        self.face(weight).width_pt(text, size_pt) * MM_PER_PT
    }

    fn glyphs_width(&self, glyphs: &[Glyph], size_pt: f32) -> f32 {
        let mut units = [0u32; 2];
        for &(c, bold) in glyphs {
            let face = self.face(if bold { Weight::Bold } else { Weight::Regular });
            units[usize::from(bold)] += u32::from(face.advance(c).unwrap_or(0));
        }
        let r = &self.fonts.regular;
        let b = &self.fonts.bold;
        (units[0] as f32 / f32::from(r.units_per_em) + units[1] as f32 / f32::from(b.units_per_em))
            * size_pt
            * MM_PER_PT
    }

    /// Ascender above the baseline, mm, of the taller face.
    pub fn ascent(&self, size_pt: f32) -> f32 {
        let a = |f: &Face| f32::from(f.ascender) / f32::from(f.units_per_em);
        a(&self.fonts.regular).max(a(&self.fonts.bold)) * size_pt * MM_PER_PT
    }

    /// Cap height, mm.
    pub fn cap_height(&self, size_pt: f32) -> f32 {
        let f = &self.fonts.regular;
        f32::from(f.cap_height) / f32::from(f.units_per_em) * size_pt * MM_PER_PT
    }

    /// Wraps `spans` to `width` mm. `hyphenate` false breaks long words at characters only
    /// and without a hyphen (for payloads and identifiers). On failure returns the text that
    /// cannot fit even one character per line.
    pub fn wrap(
        &self,
        spans: &[Span],
        size_pt: f32,
        width: f32,
        hyphenate: bool,
    ) -> Result<Vec<Line>, String> {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let mut bold_at = Vec::with_capacity(text.len());
        for s in spans {
            bold_at.extend(std::iter::repeat_n(s.bold, s.text.len()));
        }
        let mut lines = Vec::new();
        let mut cur: Vec<Glyph> = Vec::new();
        let mut start = 0;
        for (end, kind) in linebreaks(&text).filter(|&(end, _)| !inside_format(&text, end)) {
            let seg: Vec<Glyph> = text[start..end]
                .char_indices()
                .map(|(i, c)| (c, bold_at[start + i]))
                .collect();
            start = end;
            let content_len = seg
                .iter()
                .rposition(|(c, _)| !c.is_whitespace())
                .map_or(0, |i| i + 1);
            let (mut word, tail) = (seg[..content_len].to_vec(), &seg[content_len..]);
            let spaces: Vec<Glyph> = tail.iter().copied().filter(|(c, _)| *c == ' ').collect();
            loop {
                let used = self.glyphs_width(&cur, size_pt);
                if word.is_empty() || used + self.glyphs_width(&word, size_pt) <= width {
                    cur.extend(word);
                    cur.extend(spaces.iter().copied());
                    break;
                }
                let fill = cur.is_empty() || word.len() >= FILL_HYPHENATE_CHARS;
                let split = if fill {
                    self.split(&word, size_pt, width - used, hyphenate, cur.is_empty())
                } else {
                    None
                };
                match split {
                    Some((head, rest)) => {
                        cur.extend(head);
                        lines.push(self.finish(&cur, size_pt));
                        cur.clear();
                        word = rest;
                    }
                    None if !cur.is_empty() => {
                        lines.push(self.finish(&cur, size_pt));
                        cur.clear();
                    }
                    None => return Err(word.iter().map(|g| g.0).collect()),
                }
            }
            if kind == BreakOpportunity::Mandatory && end < text.len() {
                lines.push(self.finish(&cur, size_pt));
                cur.clear();
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(self.finish(&cur, size_pt));
        }
        Ok(lines)
    }

    /// Splits `word` so that the head fits `avail` mm. When `may_cut` (the line is empty and
    /// the word alone is too long for it), first at the last no-break space that lets the
    /// head fit (a phrase joined by no-break spaces breaks between its words, never inside
    /// one); then at a hyphenation point of any of its words (the head gets a hyphen); and
    /// when `may_cut`, at the last character that fits, with a hyphen between two letters.
    fn split(
        &self,
        word: &[Glyph],
        size_pt: f32,
        avail: f32,
        hyphenate: bool,
        may_cut: bool,
    ) -> Option<(Vec<Glyph>, Vec<Glyph>)> {
        if may_cut {
            let nbsp = (1..word.len())
                .rev()
                .filter(|&i| word[i].0 == crate::fonts::NBSP)
                .find(|&i| self.glyphs_width(&word[..i], size_pt) <= avail);
            if let Some(i) = nbsp {
                return Some((word[..i].to_vec(), word[i + 1..].to_vec()));
            }
        }
        if let (true, Some(h)) = (hyphenate, self.hyphenator) {
            // Hyphenate the alphabetic runs only; punctuation and digits stay put.
            let chars: Vec<char> = word.iter().map(|g| g.0).collect();
            let mut points = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                if !chars[i].is_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < chars.len() && chars[i].is_alphabetic() {
                    i += 1;
                }
                let core: String = chars[start..i].iter().collect();
                for &b in &h.hyphenate(&core).breaks {
                    points.push(start + core[..b].chars().count());
                }
            }
            for &at in points.iter().rev() {
                let mut head = word[..at].to_vec();
                head.push(('-', head.last().is_some_and(|g| g.1)));
                if self.glyphs_width(&head, size_pt) <= avail {
                    return Some((head, word[at..].to_vec()));
                }
            }
        }
        if !may_cut {
            return None;
        }
        let fits = |at: usize, hyphen: bool| {
            let mut head = word[..at].to_vec();
            if hyphen {
                head.push(('-', word[at - 1].1));
            }
            self.glyphs_width(&head, size_pt) <= avail
        };
        // Between two letters the cut is marked with a hyphen, so that it reads as one word.
        let lettered =
            |at: usize| hyphenate && word[at - 1].0.is_alphabetic() && word[at].0.is_alphabetic();
        let mut at = 0;
        while at + 1 < word.len() && fits(at + 1, lettered(at + 1)) {
            at += 1;
        }
        if at == 0 {
            return None;
        }
        let mut head = word[..at].to_vec();
        if lettered(at) {
            head.push(('-', word[at - 1].1));
        }
        Some((head, word[at..].to_vec()))
    }

    fn finish(&self, glyphs: &[Glyph], size_pt: f32) -> Line {
        let end = glyphs
            .iter()
            .rposition(|g| !g.0.is_whitespace())
            .map_or(0, |i| i + 1);
        let glyphs = &glyphs[..end];
        let mut runs: Vec<Run> = Vec::new();
        let mut dx = 0.0;
        for chunk in glyphs.chunk_by(|a, b| a.1 == b.1) {
            let weight = if chunk[0].1 {
                Weight::Bold
            } else {
                Weight::Regular
            };
            let text: String = chunk.iter().map(|g| g.0).collect();
            let w = self.width(&text, weight, size_pt);
            runs.push(Run { weight, text, dx });
            dx += w;
        }
        Line { runs, width: dx }
    }
}

/// True when a break at byte `end` would split a format pattern such as `ÅÅÅÅ-MM-DD` or
/// `YYYY-MM-DD` after one of its hyphens (capitals on both sides): "ÅÅÅÅ-MM-" / "DD" reads as
/// two fields. Hyphens in words ("IT-" / "servicedesk") still break.
fn inside_format(text: &str, end: usize) -> bool {
    let before = &text[..end];
    let mut back = before.chars().rev();
    let (Some('-'), Some(prev)) = (back.next(), back.next()) else {
        return false;
    };
    let next = text[end..].chars().next();
    prev.is_uppercase() && next.is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_do_not_break_at_their_hyphens() {
        assert!(inside_format("Datum (ÅÅÅÅ-MM-DD)", "Datum (ÅÅÅÅ-".len()));
        assert!(inside_format("Date (YYYY-MM-DD)", "Date (YYYY-MM-".len()));
        assert!(!inside_format("IT-servicedesk", "IT-".len()));
        assert!(!inside_format("Kund-", "Kund-".len()));
    }

    fn spans(t: &str) -> Vec<Span> {
        vec![Span {
            text: t.into(),
            bold: false,
        }]
    }

    #[test]
    fn lines_never_exceed_width_and_keep_all_text() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        let text = "Beställning faxad till apoteket – KLAR. hjälpmedelsförskrivningsunderlaget 0701234567890123456789";
        for width in [12.0, 25.0, 40.0, 80.0, 170.0] {
            let lines = ts.wrap(&spans(text), 12.0, width, true).unwrap();
            for l in &lines {
                assert!(l.width <= width + 1e-3, "{} > {width}", l.width);
            }
            // The text has no ASCII hyphen of its own: every '-' is an added one.
            let joined: String = lines.iter().map(Line::text).collect();
            assert_eq!(joined.replace(['-', ' '], ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn mandatory_breaks_and_weights() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        let s = vec![
            Span {
                text: "Fet ".into(),
                bold: true,
            },
            Span {
                text: "vanlig\nny rad".into(),
                bold: false,
            },
        ];
        let lines = ts.wrap(&s, 12.0, 170.0, true).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].runs[0].weight, Weight::Bold);
        assert_eq!(lines[0].runs[1].text, "vanlig");
        assert!((lines[0].runs[1].dx - ts.width("Fet ", Weight::Bold, 12.0)).abs() < 1e-4);
        assert_eq!(lines[1].text(), "ny rad");
    }

    #[test]
    fn unhyphenated_wrap_cuts_without_hyphen() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        let lines = ts
            .wrap(
                &spans("MECARD:N:Åström,Göran;TEL:+46701234567;;"),
                10.0,
                20.0,
                false,
            )
            .unwrap();
        assert!(lines.len() > 1);
        assert_eq!(
            lines.iter().map(Line::text).collect::<String>(),
            "MECARD:N:Åström,Göran;TEL:+46701234567;;"
        );
    }

    #[test]
    fn a_phrase_joined_by_no_break_spaces_breaks_between_its_words_when_it_must() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        let heading = "Kontakter\u{a0}i\u{a0}detalj\u{a0}för\u{a0}jouren";
        let width = ts.width("Kontakter i detalj", Weight::Bold, 15.0) + 0.5;
        let lines = ts.wrap(&spans(heading), 15.0, width, true).unwrap();
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["Kontakter\u{a0}i\u{a0}detalj", "för\u{a0}jouren"]);
    }

    #[test]
    fn a_word_cut_to_fit_a_line_is_marked_with_a_hyphen_between_letters() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        // No hyphenation point fits: the word is cut, and the cut is marked.
        let lines = ts
            .wrap(&spans("Xqzxqzxqzxqzxqz"), 12.0, 12.0, true)
            .unwrap();
        assert!(lines.len() > 1);
        for l in &lines[..lines.len() - 1] {
            assert!(l.text().ends_with('-'), "{:?}", l.text());
            assert!(l.width <= 12.0 + 1e-3);
        }
        // Digits are cut without a hyphen: a number must not read as a range.
        let digits = ts
            .wrap(&spans("0701234567890123"), 12.0, 12.0, true)
            .unwrap();
        assert!(digits.iter().all(|l| !l.text().contains('-')));
    }

    #[test]
    fn no_break_spaces_keep_a_phone_number_on_one_line() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        // Wide enough for "Ring 070-174 06" but not for the whole number.
        let width = ts.width("Ring 070-174 06", Weight::Regular, 12.0) + 0.5;
        assert!(width < ts.width("Ring 070-174 06 05", Weight::Regular, 12.0));
        let plain = ts
            .wrap(&spans("Ring 070-174 06 05"), 12.0, width, true)
            .unwrap();
        assert_eq!(
            plain.iter().map(Line::text).collect::<Vec<_>>(),
            ["Ring 070-174 06", "05"],
            "with plain spaces the break falls inside the number"
        );
        let nbsp = "Ring 070-174\u{a0}06\u{a0}05";
        let lines = ts.wrap(&spans(nbsp), 12.0, width, true).unwrap();
        assert_eq!(
            lines.iter().map(Line::text).collect::<Vec<_>>(),
            ["Ring", "070-174\u{a0}06\u{a0}05"]
        );
        // The no-break space is measured: the number is as wide as with plain spaces.
        assert!((lines[1].width - ts.width("070-174 06 05", Weight::Regular, 12.0)).abs() < 1e-4);
    }
}
