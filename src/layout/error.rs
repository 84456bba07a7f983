//! Layout failures, each naming the block (what and `file:line:column`) it came from.

use super::Origin;
use crate::qr::QrError;

/// Why a document could not be laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// A block that must stay on one page is taller than the usable page height.
    TooTall {
        /// The block.
        origin: Origin,
        /// Its height, mm.
        height_mm: f32,
        /// Usable height of a page, mm.
        available_mm: f32,
    },
    /// Text cannot fit its box even one character per line.
    TooNarrow {
        /// The block.
        origin: Origin,
        /// The text that does not fit.
        text: String,
        /// Box width, mm.
        width_mm: f32,
    },
    /// A fixed-size element (character boxes, a QR code) is wider than its space.
    TooWide {
        /// The block.
        origin: Origin,
        /// What is too wide.
        what: String,
        /// Width needed, mm.
        needed_mm: f32,
        /// Width available, mm.
        available_mm: f32,
    },
    /// A table's columns need more than the line, even at their least width.
    TableTooWide {
        /// The table.
        origin: Origin,
        /// Its number of columns.
        columns: usize,
        /// Width its columns need, mm.
        needed_mm: f32,
        /// Width of the line, mm.
        available_mm: f32,
        /// The widest columns (heading, mm needed), widest first.
        widest: Vec<(String, f32)>,
    },
    /// A QR payload cannot be encoded.
    Qr {
        /// The block.
        origin: Origin,
        /// The encoder's numbers.
        error: QrError,
    },
    /// A QR module size below the 0.5 mm floor.
    QrModuleTooSmall {
        /// The block.
        origin: Origin,
        /// Module size asked for, mm.
        module_mm: f32,
    },
    /// Serialized copies used in a way the page engine does not support (a builder bug):
    /// nested copies, a slot outside copies or without a fill, a running header inside a copy.
    Copies {
        /// The block.
        origin: Origin,
        /// What is wrong.
        problem: String,
    },
    /// Content that declares how many pages it may take (`pages = N`) needs more, even set
    /// as tightly as the field rules allow.
    TooManyPagesFor {
        /// The form (or other content) that declared its pages.
        origin: Origin,
        /// Pages it may take.
        allowed: u32,
        /// Pages it needs at its tightest.
        needed: usize,
        /// Height of the content that falls past the allowed pages, mm.
        missing_mm: f32,
        /// The parts (sections, tables) that fall past the allowed pages.
        parts: Vec<Origin>,
    },
    /// Settings that cannot produce a page (margins wider than the paper, sizes below the floor).
    Settings(String),
    /// Several of the above: a document is laid out to the end, so that every problem is
    /// reported in one run.
    Several(Vec<LayoutError>),
    /// The document runs past [`super::MAX_PAGES`] pages (stopped there, so that memory
    /// stays bounded).
    TooManyPages {
        /// The limit.
        limit: usize,
    },
}

fn at(origin: &Origin) -> String {
    match &origin.location {
        Some(loc) => format!("{} ({loc})", origin.what),
        None => origin.what.clone(),
    }
}

impl LayoutError {
    /// The block the error is about, when it is about one.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            LayoutError::TooTall { origin, .. }
            | LayoutError::TooNarrow { origin, .. }
            | LayoutError::TooWide { origin, .. }
            | LayoutError::TableTooWide { origin, .. }
            | LayoutError::Qr { origin, .. }
            | LayoutError::QrModuleTooSmall { origin, .. }
            | LayoutError::Copies { origin, .. }
            | LayoutError::TooManyPagesFor { origin, .. } => Some(origin),
            LayoutError::Settings(_) | LayoutError::TooManyPages { .. } => None,
            LayoutError::Several(all) => all.first().and_then(LayoutError::origin),
        }
    }

    /// Every single error in this one (itself, or the errors it holds).
    pub fn all(&self) -> Vec<&LayoutError> {
        match self {
            LayoutError::Several(all) => all.iter().flat_map(LayoutError::all).collect(),
            other => vec![other],
        }
    }

    /// One error for `errors` (none when it is empty), each message once.
    pub fn collect(errors: Vec<LayoutError>) -> Option<LayoutError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut unique: Vec<LayoutError> = errors
            .into_iter()
            .filter(|e| seen.insert(e.to_string()))
            .collect();
        match unique.len() {
            0 => None,
            1 => unique.pop(),
            _ => Some(LayoutError::Several(unique)),
        }
    }
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::TooManyPages { limit } => write!(
                f,
                "the document runs past {limit} pages; at most {limit} pages are allowed in one \
                 document: print fewer copies or sheets, shorten the forms, or split the kit"
            ),
            LayoutError::TooTall {
                origin,
                height_mm,
                available_mm,
            } => {
                write!(
                    f,
                    "{} is {height_mm:.1} mm tall but a page has {available_mm:.1} mm",
                    at(origin)
                )?;
                match origin.rows {
                    Some((rows, row_mm)) if row_mm > 0.0 => {
                        let over = ((height_mm - available_mm) / row_mm).ceil() as u32;
                        let fit = rows.saturating_sub(over);
                        write!(f, "; at most {fit} of its {rows} rows fit a page")
                    }
                    _ => write!(f, "; split it into smaller parts"),
                }
            }
            LayoutError::TooNarrow {
                origin,
                text,
                width_mm,
            } => write!(
                f,
                "{}: \"{text}\" cannot fit a {width_mm:.1} mm wide box even one character per line",
                at(origin)
            ),
            LayoutError::TooWide {
                origin,
                what,
                needed_mm,
                available_mm,
            } => write!(
                f,
                "{}: {what} needs {needed_mm:.1} mm but only {available_mm:.1} mm is available",
                at(origin)
            ),
            LayoutError::TableTooWide {
                origin,
                columns,
                needed_mm,
                available_mm,
                widest,
            } => {
                let each = needed_mm / *columns as f32;
                let fit = (available_mm / each).floor() as usize;
                write!(
                    f,
                    "{}: {columns} columns need {needed_mm:.0} mm but the line has \
                     {available_mm:.0} mm ({:.0} mm too many); at {each:.1} mm a column, at \
                     most {fit} fit",
                    at(origin),
                    needed_mm - available_mm
                )?;
                if !widest.is_empty() {
                    let list: Vec<String> = widest
                        .iter()
                        .map(|(h, w)| format!("{h} {w:.0} mm"))
                        .collect();
                    write!(f, "; the widest: {}", list.join(", "))?;
                }
                Ok(())
            }
            LayoutError::Qr { origin, error } => write!(f, "{}: {error}", at(origin)),
            LayoutError::QrModuleTooSmall { origin, module_mm } => write!(
                f,
                "{}: QR module {module_mm} mm is below the 0.5 mm minimum",
                at(origin)
            ),
            LayoutError::Copies { origin, problem } => {
                write!(f, "{}: serialized copies: {problem}", at(origin))
            }
            LayoutError::TooManyPagesFor {
                origin,
                allowed,
                needed,
                missing_mm,
                parts,
            } => {
                let s = |n: usize| if n == 1 { "" } else { "s" };
                write!(
                    f,
                    "{} may take {allowed} page{} (`pages = {allowed}`) but needs {needed} even \
                     set as tightly as the field rules allow: about {missing_mm:.0} mm are missing",
                    at(origin),
                    s(*allowed as usize)
                )?;
                if !parts.is_empty() {
                    let names: Vec<String> = parts.iter().map(at).collect();
                    write!(f, "; past page {allowed}: {}", names.join(", "))?;
                }
                Ok(())
            }
            LayoutError::Settings(msg) => write!(f, "layout settings: {msg}"),
            LayoutError::Several(all) => {
                let lines: Vec<String> = all.iter().map(ToString::to_string).collect();
                write!(f, "{} problems:\n  {}", all.len(), lines.join("\n  "))
            }
        }
    }
}

impl std::error::Error for LayoutError {}

/// Something that was laid out but will not read well on paper: printed, and reported by
/// `check` at the kit item's line.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutWarning {
    /// Stable machine-readable code (`label-wraps`).
    pub code: &'static str,
    /// The block it is about.
    pub origin: Origin,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl std::fmt::Display for LayoutWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", at(&self.origin), self.message)
    }
}
