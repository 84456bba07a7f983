//! Validate: semantic checks over a loaded kit, every problem at once.
//!
//! Stage 2 of the pipeline (load → **validate** → layout → render → write). The checks are
//! grouped by what they look at: ids and references, dates, content rules (field rules for
//! checklists, personnummer, serials) and fonts.

// A Diagnostic is large, but it is only built on the cold path of a broken kit.
#![allow(clippy::result_large_err)]

mod budget;
mod content;
mod datasets;
mod drills;
mod fill;
mod flow;
mod guide;
mod outage;
mod prefill;
mod prose;
mod reach;
mod recovery;
mod refs;

pub use datasets::sample_path;

use crate::diag::{self, Diagnostic};
use crate::fonts::{Face, FontSet};
use crate::load::Loaded;
use crate::model::{At, Kit};
use chrono::NaiveDate;

/// Checks a loaded kit as of `today`; returns load problems and semantic problems together,
/// sorted by position.
pub fn check(loaded: &Loaded, today: NaiveDate) -> Vec<Diagnostic> {
    let mut diags = loaded.diags.clone();
    if loaded.parsed {
        let kit = &loaded.kit;
        refs::check(kit, &mut diags);
        content::dates(kit, today, &mut diags);
        content::rules(kit, &mut diags);
        prefill::check(kit, &mut diags);
        diags.extend(budget::check(kit, None));
        drills::check(kit, today, &mut diags);
        outage::check(kit, today, &mut diags);
        datasets::check(loaded, &mut diags);
        guide::check(loaded, &mut diags);
        reach::check(loaded, &mut diags);
        flow::check(kit, &mut diags);
        fill::check(kit, &mut diags);
        match fonts_for(loaded) {
            Ok(fonts) => font_coverage(kit, &fonts, &loaded.sources, &mut diags),
            Err(d) => diags.extend(d),
        }
    }
    diag::localize(&mut diags, loaded.kit.meta.language);
    diag::sort(&mut diags);
    diags
}

/// The budget errors of the kit when it is printed with `--copies copies` (in place of
/// those `check` found with the kit's own copies).
pub fn with_copies(mut diags: Vec<Diagnostic>, kit: &Kit, copies: Option<u32>) -> Vec<Diagnostic> {
    if copies.is_some() {
        diags.retain(|d| d.code != "over-budget");
        diags.extend(budget::check(kit, copies));
        diag::sort(&mut diags);
    }
    diags
}

pub use budget::{MAX_COPIES, MAX_ENTRIES, MAX_LOG_SHEETS};
pub use refs::MAX_BESIDE;

/// The fonts the kit is printed with: its own `[kit.fonts]` or the built-in pair.
pub fn fonts_for(loaded: &Loaded) -> Result<FontSet, Vec<Diagnostic>> {
    let Some((regular, bold)) = &loaded.kit.meta.fonts else {
        return Ok(FontSet::builtin());
    };
    let read = |p: &At<std::path::PathBuf>| -> Result<Face, Diagnostic> {
        let rel = p.v.to_string_lossy();
        let (full, shown) = loaded
            .roots
            .resolve(loaded.roots.kit(), &rel, p.loc, "font")
            .map_err(|d| match d.code {
                // The code a missing font has always had.
                "not-found" => Diagnostic {
                    code: "font-unreadable",
                    ..d
                },
                _ => d,
            })?;
        let (_, bytes) = loaded
            .roots
            .read(&full, crate::fonts::MAX_FONT_BYTES)
            .map_err(|e| {
                Diagnostic::error(
                    "font-unreadable",
                    p.loc,
                    format!("cannot read the font `{shown}`: {e}"),
                )
                .hint("give a TTF or OTF file path relative to the kit folder")
            })?;
        Face::parse(bytes, &shown).map_err(|e| {
            Diagnostic::error("font-unreadable", p.loc, e.0)
                .hint("give a TrueType (.ttf) or OpenType (.otf) font file")
        })
    };
    match (read(regular), read(bold)) {
        (Ok(regular), Ok(bold)) => Ok(FontSet { regular, bold }),
        (r, b) => Err([r.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// Every printed text must be drawable: a missing glyph would print as an empty box.
fn font_coverage(
    kit: &Kit,
    fonts: &FontSet,
    sources: &crate::load::Sources,
    diags: &mut Vec<Diagnostic>,
) {
    for t in &kit.texts {
        let raw = sources
            .text(t.loc.file)
            .get(t.loc.start..t.loc.end)
            .unwrap_or("");
        let mut reported = Vec::new();
        let mut rest = t.v.as_str();
        while let Some((i, ch)) = fonts.first_missing(rest) {
            rest = &rest[i + ch.len_utf8()..];
            if reported.contains(&ch) {
                continue;
            }
            reported.push(ch);
            // Point at the character itself when it appears literally in the source.
            let start = raw.find(ch).map_or(t.loc.start, |i| t.loc.start + i);
            let loc = crate::model::Loc {
                file: t.loc.file,
                start,
                end: start + ch.len_utf8(),
            };
            diags.push(
                Diagnostic::error(
                    "missing-glyph",
                    loc,
                    format!(
                        "the font `{}` cannot draw `{ch}` (U+{:04X})",
                        fonts.regular.name,
                        u32::from(ch)
                    ),
                )
                .label("not in the font")
                .hint("replace the character (for example ☐ ✓ → with words), or name a font that has it under [kit.fonts]"),
            );
        }
    }
}
