//! Layout: flows [`Block`]s onto pages of positioned [`Item`]s. No PDF types here.
//!
//! Stage 3 of the pipeline (load → validate → **layout** → render → write).

pub mod blocks;
pub mod page;

pub use blocks::{Block, Column, Origin, Span, Width};
pub use page::{Document, Item, Meta, Page, Paper, Weight};

/// What is printed on every page, whatever the content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decor {
    /// Kit id.
    pub kit_id: String,
    /// Kit version.
    pub version: String,
    /// Print date, `YYYY-MM-DD`.
    pub print_date: String,
    /// Classification marking, printed on every page when set.
    pub classification: Option<String>,
    /// Page label with `{page}` and `{pages}` placeholders: "Sida {page} av {pages}".
    pub page_label: String,
    /// An optional mark across every page (e.g. "ÖVNING" for drills).
    pub watermark: Option<String>,
}

/// Layout settings: paper, margins and type sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Paper size.
    pub paper: Paper,
    /// Margin on the binding (left) side, mm (≥ 20 by default).
    pub margin_binding: f32,
    /// The other margins, mm (≥ 12).
    pub margin: f32,
    /// Body text size, pt.
    pub body_pt: f32,
    /// Smallest size anything is printed in (footers included), pt.
    pub min_pt: f32,
    /// Line height as a multiple of the font size (≥ 1.25).
    pub leading: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            paper: Paper::A4,
            margin_binding: 20.0,
            margin: 12.0,
            body_pt: 12.0,
            min_pt: 8.0,
            leading: 1.3,
        }
    }
}
