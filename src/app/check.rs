//! Checking a kit: validation, the trial layout that finds what does not fit the page, and
//! what changed since the last build; the layout stage's failures as diagnostics at their
//! TOML lines, for `check`, `build` and `serve` alike.

use crate::diag::{self, Severity};
use crate::lifecycle::{LastBuild, MAX_RECORD_BYTES};
use crate::{load, validate};
use chrono::NaiveDate;
use std::path::Path;

/// Every problem `check` reports for one kit: validation, `dup` (its id shared with
/// another kit), and when the kit is valid, what does not fit the page and what changed
/// since the last build into `out`. Also the diagnostics of `downkit serve`.
pub fn diagnostics(
    loaded: &load::Loaded,
    dup: Vec<diag::Diagnostic>,
    today: NaiveDate,
    out: &Path,
) -> Vec<diag::Diagnostic> {
    let mut diags = validate::check(loaded, today);
    diags.extend(dup);
    diag::sort(&mut diags);
    if !diag::has_errors(&diags) {
        diags.extend(trial_layout(loaded, today));
        diags.extend(since_last_build(loaded, out));
    }
    diags
}

/// Lays the kit out in memory, so that content that cannot fit the page (a checklist taller
/// than a page, a log with too many rows, a table too wide for the line) is found by `check`,
/// not first by `build`: every such problem, each at its TOML line; and what will not read
/// well (a label wrapping onto many lines), as warnings.
fn trial_layout(loaded: &load::Loaded, today: NaiveDate) -> Vec<diag::Diagnostic> {
    let Ok(fonts) = validate::fonts_for(loaded) else {
        return Vec::new();
    };
    let opts = crate::compose::BuildOptions {
        date: today,
        ..Default::default()
    };
    // Every part `build` lays out, and its glyphs; no PDF is needed to know what does not fit.
    match crate::compose::lay_out_only(loaded, &fonts, &opts) {
        Ok(laid) => layout_warnings(loaded, &laid.warnings),
        Err(err) => layout_errors(loaded, &err),
    }
}

/// A failed build's layout problems as diagnostics, each at its TOML line with a fix (the
/// error alone when it names no kit item).
pub fn layout_errors(
    loaded: &load::Loaded,
    err: &crate::compose::BuildError,
) -> Vec<diag::Diagnostic> {
    // A kit's fonts the PDF writer cannot embed: each at its path in [kit].
    if let (
        crate::compose::BuildError::Render(crate::render::RenderError::FacesBroken(faces)),
        Some((regular, bold)),
    ) = (err, &loaded.kit.meta.fonts)
    {
        return faces
            .iter()
            .map(|f| {
                let at = match f.weight {
                    crate::layout::Weight::Regular => regular.loc,
                    crate::layout::Weight::Bold => bold.loc,
                };
                diag::Diagnostic::error("font-unreadable", at, f.to_string()).hint(
                    "the file reads as a font but is damaged or incomplete (a table missing or \
                     cut short); give an intact TrueType (.ttf) or OpenType (.otf) file, for \
                     example as downloaded from the foundry",
                )
            })
            .collect();
    }
    let layout = match err {
        crate::compose::BuildError::Layout(e) => e.all(),
        _ => Vec::new(),
    };
    if layout.is_empty() {
        return vec![at(loaded, None, err.to_string(), failed())];
    }
    layout
        .into_iter()
        .map(|e| {
            let position = e.origin().and_then(|o| o.location.clone());
            at(loaded, position.as_deref(), e.to_string(), hint(loaded, e))
        })
        .collect()
}

/// Layout warnings as diagnostics at their TOML lines.
pub fn layout_warnings(
    loaded: &load::Loaded,
    warnings: &[crate::layout::LayoutWarning],
) -> Vec<diag::Diagnostic> {
    warnings
        .iter()
        .map(|w| {
            let position = w.origin.location.as_deref();
            let mut d = at(
                loaded,
                position,
                w.to_string(),
                (w.hint.clone(), String::new()),
            );
            d.severity = Severity::Warning;
            d.code = w.code;
            d
        })
        .collect()
}

/// What to do about a layout problem: in English and in Swedish.
fn hint(loaded: &load::Loaded, e: &crate::layout::LayoutError) -> (String, String) {
    use crate::layout::{LayoutError, Orientation, Settings};
    match e {
        LayoutError::TableTooWide {
            columns, needed_mm, ..
        } => {
            let settings = Settings {
                paper: loaded.kit.meta.paper,
                ..Settings::default()
            };
            let each = needed_mm / *columns as f32;
            let fit = |o| (crate::layout::content_width(&settings, o) / each).floor() as usize;
            let (portrait, landscape) = (fit(Orientation::Portrait), fit(Orientation::Landscape));
            (
                format!(
                    "at {each:.1} mm a column, {portrait} fit a portrait line and {landscape} a \
                     landscape one: remove columns, narrow the fixed ones, or set \
                     `orientation = \"landscape\"`"
                ),
                format!(
                    "med {each:.1} mm per kolumn får {portrait} plats på en stående rad och \
                     {landscape} på en liggande: ta bort kolumner, gör de fasta smalare, eller \
                     skriv `orientation = \"landscape\"`"
                ),
            )
        }
        LayoutError::TooTall {
            origin,
            height_mm,
            available_mm,
        } if origin.rows.is_some() => {
            let (rows, row_mm) = origin.rows.unwrap_or_default();
            let over = ((height_mm - available_mm) / row_mm.max(0.1)).ceil() as u32;
            let fit = rows.saturating_sub(over);
            let landscape = loaded.kit.logs.iter().any(|l| {
                l.orientation == Orientation::Landscape
                    && origin.what == format!("a sheet of log \"{}\"", l.id.v)
            });
            (
                format!(
                    "lower `rows` to {fit} and raise `sheets` if it needs more rows{}",
                    if landscape {
                        ", or print the log in portrait, which has room for more"
                    } else {
                        ""
                    }
                ),
                format!(
                    "sänk `rows` till {fit} och höj `sheets` om det behövs fler rader{}",
                    if landscape {
                        ", eller skriv ut loggen stående, där fler rader får plats"
                    } else {
                        ""
                    }
                ),
            )
        }
        LayoutError::TooManyPagesFor {
            allowed, needed, ..
        } => (
            format!(
                "shorten the sections named (fewer `lines`, fewer table `rows`, shorter texts), \
                 move a field to a narrower width so that it shares a line, or allow \
                 `pages = {needed}`; the form is already set at the field rules' minimums to fit \
                 {allowed}"
            ),
            format!(
                "korta de avsnitt som nämns (färre `lines`, färre `rows` i tabeller, kortare \
                 texter), ge ett fält en smalare bredd så att det delar rad med ett annat, eller \
                 tillåt `pages = {needed}`; blanketten är redan satt med fältreglernas minimimått \
                 för att få plats på {allowed} {}",
                if *allowed == 1 { "sida" } else { "sidor" }
            ),
        ),
        other => match other.origin() {
            Some(o) => {
                let what = o.what.split(", ").next().unwrap_or(&o.what);
                (
                    format!("shorten or split {what}; a printed page cannot grow"),
                    format!("korta eller dela upp {what}; en utskriven sida kan inte växa"),
                )
            }
            None => failed(),
        },
    }
}

/// The help text when the message itself says what failed.
fn failed() -> (String, String) {
    (
        "the kit cannot be printed as it is: the message above says what failed".into(),
        "kitet kan inte skrivas ut som det är: meddelandet ovan säger vad som gick fel".into(),
    )
}

/// A diagnostic at `position` (`file:line:column`) when it names a kit file.
fn at(
    loaded: &load::Loaded,
    position: Option<&str>,
    message: String,
    (en, sv): (String, String),
) -> diag::Diagnostic {
    let d = match position.and_then(|p| loaded.sources.find_position(p)) {
        Some((file, start)) => diag::Diagnostic::error(
            "does-not-fit",
            crate::model::Loc {
                file,
                start,
                end: start + 1,
            },
            message,
        ),
        None => {
            let name = if loaded.sources.is_empty() {
                String::new()
            } else {
                loaded.sources.name(0).to_string()
            };
            diag::Diagnostic::file_error("does-not-fit", &name, message)
        }
    };
    // In the kit's language where there is a Swedish text (warnings of layout have none).
    let mut d = if sv.is_empty() {
        vec![d.hint(en)]
    } else {
        vec![d.hint_in(en, sv)]
    };
    diag::localize(&mut d, loaded.kit.meta.language);
    d.remove(0)
}

/// The warning when the kit prints other content than the last build into `out` did under
/// the same version (see [`LastBuild`]); nothing when there is no record.
fn since_last_build(loaded: &load::Loaded, out: &Path) -> Option<diag::Diagnostic> {
    let name = LastBuild::file_name(&loaded.kit.meta.id.v);
    let bytes = load::open::read_regular(&out.join(name), MAX_RECORD_BYTES).ok()?;
    LastBuild::from_json(&bytes)?.compare(&loaded.kit)
}
