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

/// Longest word given to the hyphenation patterns; a longer run of letters (an identifier, a
/// value pasted without spaces) is cut at characters.
const MAX_HYPHENATE_CHARS: usize = 64;

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

    /// Width in mm of glyph units per weight (`[regular, bold]`).
    fn units_width(&self, units: [u32; 2], size_pt: f32) -> f32 {
        let r = &self.fonts.regular;
        let b = &self.fonts.bold;
        (units[0] as f32 / f32::from(r.units_per_em) + units[1] as f32 / f32::from(b.units_per_em))
            * size_pt
            * MM_PER_PT
    }

    /// A glyph's advance in font units, in its weight's slot.
    fn units(&self, (c, bold): Glyph) -> [u32; 2] {
        let face = self.face(if bold { Weight::Bold } else { Weight::Regular });
        let u = u32::from(face.advance(c).unwrap_or(0));
        if bold {
            [0, u]
        } else {
            [u, 0]
        }
    }

    /// Wraps `spans` to `width` mm. `hyphenate` false breaks long words at characters only
    /// and without a hyphen (for payloads and identifiers). On failure returns the text that
    /// cannot fit even one character per line.
    ///
    /// Linear in the text's length but for a binary search per line: widths are prefix sums
    /// of glyph advances, taken once per word, so a word of 20,000 letters is cut into lines
    /// as fast as 20,000 letters of words.
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
        let add = |a: [u32; 2], b: [u32; 2]| [a[0] + b[0], a[1] + b[1]];
        let mut lines = Vec::new();
        let mut cur: Vec<Glyph> = Vec::new();
        let mut cur_units = [0u32; 2];
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
            let (word, tail) = (&seg[..content_len], &seg[content_len..]);
            let spaces: Vec<Glyph> = tail.iter().copied().filter(|(c, _)| *c == ' ').collect();
            // prefix[i]: the units of the word's first i glyphs.
            let mut prefix = Vec::with_capacity(word.len() + 1);
            prefix.push([0u32; 2]);
            for &g in word {
                prefix.push(add(prefix[prefix.len() - 1], self.units(g)));
            }
            let between =
                |a: usize, b: usize| [prefix[b][0] - prefix[a][0], prefix[b][1] - prefix[a][1]];
            let mut from = 0;
            loop {
                let used = self.units_width(cur_units, size_pt);
                let rest = between(from, word.len());
                if from == word.len() || used + self.units_width(rest, size_pt) <= width {
                    cur.extend_from_slice(&word[from..]);
                    cur_units = add(cur_units, rest);
                    for &g in &spaces {
                        cur.push(g);
                        cur_units = add(cur_units, self.units(g));
                    }
                    break;
                }
                let fill = cur.is_empty() || word.len() - from >= FILL_HYPHENATE_CHARS;
                let split = if fill {
                    let units_of = |n: usize| between(from, from + n);
                    self.split(
                        &word[from..],
                        &units_of,
                        size_pt,
                        width - used,
                        // A run of letters longer than any word is cut, never hyphenated.
                        hyphenate && word.len() <= MAX_HYPHENATE_CHARS,
                        cur.is_empty(),
                    )
                } else {
                    None
                };
                match split {
                    Some((at, hyphen, skip)) => {
                        cur.extend_from_slice(&word[from..from + at]);
                        if hyphen {
                            cur.push(('-', word[from + at - 1].1));
                        }
                        lines.push(self.finish(&cur, size_pt));
                        cur.clear();
                        cur_units = [0; 2];
                        from += at + skip;
                    }
                    None if !cur.is_empty() => {
                        lines.push(self.finish(&cur, size_pt));
                        cur.clear();
                        cur_units = [0; 2];
                    }
                    None => return Err(word[from..].iter().map(|g| g.0).collect()),
                }
            }
            if kind == BreakOpportunity::Mandatory && end < text.len() {
                lines.push(self.finish(&cur, size_pt));
                cur.clear();
                cur_units = [0; 2];
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(self.finish(&cur, size_pt));
        }
        Ok(lines)
    }

    /// Where to split `word` so that the head fits `avail` mm: the number of its glyphs in
    /// the head, whether a hyphen follows them, and how many glyphs after the head are
    /// dropped (the no-break space a phrase is broken at). When `may_cut` (the line is empty
    /// and the word alone is too long for it), first at the last no-break space that lets
    /// the head fit (a phrase joined by no-break spaces breaks between its words, never
    /// inside one); then at a hyphenation point of any of its words (when `hyphenate`); and
    /// when `may_cut`, after the last character that fits (a binary search), with a hyphen
    /// between two letters.
    /// `units_of(n)` are the units of the first `n` glyphs (as [`Self::units`]).
    fn split(
        &self,
        word: &[Glyph],
        units_of: &dyn Fn(usize) -> [u32; 2],
        size_pt: f32,
        avail: f32,
        hyphenate: bool,
        may_cut: bool,
    ) -> Option<(usize, bool, usize)> {
        let fits = |at: usize, hyphen: bool| {
            let [mut r, mut b] = units_of(at);
            if hyphen {
                let [hr, hb] = self.units(('-', word[at - 1].1));
                r += hr;
                b += hb;
            }
            self.units_width([r, b], size_pt) <= avail
        };
        if may_cut {
            let nbsp = (1..word.len())
                .rev()
                .filter(|&i| word[i].0 == crate::fonts::NBSP)
                .find(|&i| fits(i, false));
            if let Some(i) = nbsp {
                return Some((i, false, 1));
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
            if let Some(&at) = points.iter().rev().find(|&&at| fits(at, true)) {
                return Some((at, true, 0));
            }
        }
        if !may_cut {
            return None;
        }
        // Between two letters the cut is marked with a hyphen, so that it reads as one word.
        let lettered =
            |at: usize| hyphenate && word[at - 1].0.is_alphabetic() && word[at].0.is_alphabetic();
        // The most glyphs whose width fits: widths grow with the count.
        let (mut lo, mut hi) = (0, word.len() - 1);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(mid, false) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // A hyphen needs its own room: give back a glyph or two for it.
        while lo > 0 && !fits(lo, lettered(lo)) {
            lo -= 1;
        }
        (lo > 0).then(|| (lo, lettered(lo), 0))
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
    fn a_word_of_twenty_thousand_letters_wraps_in_linear_time() {
        let fonts = FontSet::builtin();
        let ts = Typesetter::new(&fonts, "sv");
        let word = "x".repeat(20_000);
        let start = std::time::Instant::now();
        let lines = ts.wrap(&spans(&word), 9.0, 40.0, true).unwrap();
        let took = start.elapsed();
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
        // Every line full (cut at characters, no hyphen), none wider than the column.
        let per_line = lines[0].text().len();
        assert_eq!(lines.len(), 20_000usize.div_ceil(per_line));
        assert!(lines.iter().all(|l| l.width <= 40.0 + 1e-3));
        // Seconds were minutes when the cost was cubic (17.6 s at 4,000 letters).
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
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
