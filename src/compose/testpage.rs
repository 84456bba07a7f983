//! The printer test page: printed before bulk printing and copied on the copier to be used,
//! it shows whether the printer scales pages, which QR module sizes survive, and whether the
//! smallest text and thinnest lines still show.
//!
//! Rulers and bars are vector [`Block::Drawing`]s measured against the page, the QR codes are
//! [`Block::QrExact`] at their true module sizes, the instructions come from [`Label`]s.

use super::{BuildError, Output};
use crate::fonts::FontSet;
use crate::labels::Label;
use crate::layout::symbols::RULE_PT;
use crate::layout::text::Typesetter;
use crate::layout::{
    self, Block, Decor, Document, Item, LayoutError, Meta, Paper, Settings, Span, Weight, Width,
};
use crate::model::Lang;
use crate::render;
use chrono::NaiveDate;

/// Length of the calibration bars, mm.
pub const BAR_MM: f32 = 100.0;
/// Thickness of the calibration bars, mm.
pub const BAR_THICK: f32 = 3.0;
/// QR module sizes shown, mm: from the 0.5 mm floor to above the 0.8 mm kit default.
pub const QR_MODULES: [f32; 4] = [0.5, 0.6, 0.8, 1.0];
/// Line weights shown, pt.
pub const LINE_WEIGHTS: [f32; 4] = [0.25, 0.5, 1.0, 2.0];
/// Body sizes shown after the smallest size, pt.
const BODY_SIZES: [f32; 3] = [10.0, 12.0, 14.0];
/// Length of the horizontal ruler, mm.
const RULER_MM: u32 = 150;
/// Size of ruler numbers, pt.
const NUMBER_PT: f32 = 9.0;
/// Width of the vertical ruler column and of the QR column, mm.
const VRULER_W: f32 = 20.0;
const QR_COL_W: f32 = 80.0;
/// Gap between the columns, mm.
const COL_GAP: f32 = 4.0;

/// What the test page is printed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestPageOptions {
    /// Paper size.
    pub paper: Paper,
    /// Language of the instructions.
    pub lang: Lang,
    /// Print date in the footer and the PDF metadata.
    pub date: NaiveDate,
}

/// `testpage-a4.pdf` / `testpage-letter.pdf`.
pub fn file_name(paper: Paper) -> String {
    let p = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "letter",
    };
    format!("testpage-{p}.pdf")
}

/// The QR payload for a module size: says the size, e.g. `DK1-TEST/0.8mm`.
pub fn qr_payload(module_mm: f32) -> String {
    format!("DK1-TEST/{module_mm:.1}mm")
}

/// The layout settings of the test page: the kit defaults on `paper`.
pub fn settings(paper: Paper) -> Settings {
    Settings {
        paper,
        ..Settings::default()
    }
}

/// Lays out the test page (one page).
pub fn layout(opts: &TestPageOptions, fonts: &FontSet) -> Result<Document, LayoutError> {
    let settings = settings(opts.paper);
    let lang = opts.lang;
    let decor = Decor {
        kit_id: "testpage".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        print_date: opts.date.to_string(),
        classification: None,
        page_label: Label::PageOf.text(lang).into(),
        watermark: None,
    };
    let title = Label::TestPageTitle.text(lang);
    let meta = Meta {
        title: title.into(),
        author: "downkit".into(),
        subject: title.into(),
        print_date: opts.date.to_string(),
        lang: lang.tag().into(),
        reprint: None,
        code_names: Default::default(),
    };
    let blocks = blocks(&settings, lang, &Typesetter::new(fonts, lang.tag()));
    layout::flow(&blocks, &settings, &decor, meta, fonts)
}

/// Lays out and renders the test page.
pub fn build(opts: &TestPageOptions, fonts: &FontSet) -> Result<Output, BuildError> {
    let doc = layout(opts, fonts).map_err(BuildError::Layout)?;
    let bytes = render::render_pdf(&doc, fonts).map_err(BuildError::Render)?;
    Ok(Output {
        file_name: file_name(opts.paper),
        pages: doc.pages.len(),
        qr_count: doc.qr_count,
        payloads: QR_MODULES.iter().map(|m| qr_payload(*m)).collect(),
        bytes,
        codes: super::code_places(&doc),
        warnings: doc.warnings,
    })
}

/// The test page's blocks.
fn blocks(settings: &Settings, lang: Lang, ts: &Typesetter) -> Vec<Block> {
    let (w, _) = settings.paper.size_mm();
    let width = w - settings.margin_binding - settings.margin;
    let t = |l: Label| l.text(lang);
    let samples_w = width - VRULER_W - QR_COL_W - 2.0 * COL_GAP;
    let mut qr_col = vec![bold(t(Label::TestQrCodes))];
    qr_col.extend(QR_MODULES.iter().map(|&m| Block::QrExact {
        payload: qr_payload(m),
        module_mm: m,
        caption: Some(t(Label::TestModule).replace("{mm}", &decimal(m, lang))),
    }));
    let mut samples = vec![bold(t(Label::TestTextSizes))];
    for size in std::iter::once(settings.min_pt).chain(BODY_SIZES) {
        let text = format!(
            "{}\u{a0}pt – {}",
            decimal(size, lang),
            t(Label::TestSampleText)
        );
        samples.push(plain(text, size));
    }
    samples.push(Block::Spacer(2.0));
    samples.push(bold(t(Label::TestLineWeights)));
    samples.push(line_weights(lang));
    let steps = [
        Label::TestMeasure,
        Label::TestFitToPage,
        Label::TestLight,
        Label::TestQrScan,
    ];
    vec![
        Block::Heading {
            level: 1,
            text: t(Label::TestPageTitle).into(),
            anchor: None,
        },
        plain(t(Label::TestPageIntro).into(), 0.0),
        horizontal_ruler(ts),
        Block::Row {
            cells: vec![
                (Width::Mm(VRULER_W), vec![vertical_ruler(ts)]),
                (Width::Mm(QR_COL_W), qr_col),
                (Width::Mm(samples_w), samples),
            ],
            gap_mm: COL_GAP,
        },
        Block::Heading {
            level: 2,
            text: t(Label::TestHowTo).into(),
            anchor: None,
        },
        Block::NumberedList {
            start: 1,
            items: steps
                .iter()
                .map(|l| vec![plain(t(*l).into(), 0.0)])
                .collect(),
            size_pt: 0.0,
        },
        Block::LabelledBox {
            label: t(Label::TestCheckedBy).into(),
            height_mm: 9.0,
        },
    ]
}

/// `0,5` in Swedish, `0.5` in English; at least one decimal unless whole and ≥ 8.
fn decimal(v: f32, lang: Lang) -> String {
    let mut s = format!("{v:.2}");
    while s.ends_with('0') && !s.ends_with(".0") {
        s.pop();
    }
    if v >= 8.0 && v.fract() == 0.0 {
        s = format!("{v:.0}");
    }
    match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s,
    }
}

fn plain(text: String, size_pt: f32) -> Block {
    Block::Paragraph {
        spans: vec![Span { text, bold: false }],
        size_pt,
    }
}

fn bold(text: &str) -> Block {
    Block::Paragraph {
        spans: vec![Span {
            text: text.into(),
            bold: true,
        }],
        size_pt: 10.0,
    }
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) -> Item {
    Item::Line {
        x1,
        y1,
        x2,
        y2,
        width_pt,
    }
}

fn text(x: f32, y: f32, size_pt: f32, weight: Weight, text: String) -> Item {
    Item::Text {
        x,
        y,
        size_pt,
        weight,
        text,
    }
}

/// Tick length at `mm`: long every 10 mm, medium every 5, short every 1.
fn tick(mm: u32) -> f32 {
    match (mm % 10, mm % 5) {
        (0, _) => 5.0,
        (_, 0) => 3.5,
        _ => 2.0,
    }
}

/// A mm ruler 0–150 with numbers above, and the 100 mm bar beneath it.
fn horizontal_ruler(ts: &Typesetter) -> Block {
    let axis = 10.0;
    let mut items = vec![line(0.0, axis, RULER_MM as f32, axis, RULE_PT)];
    for mm in 0..=RULER_MM {
        let x = mm as f32;
        items.push(line(x, axis - tick(mm), x, axis, RULE_PT));
        if mm % 10 == 0 {
            let n = mm.to_string();
            let nw = ts.width(&n, Weight::Regular, NUMBER_PT);
            items.push(text(x - nw / 2.0, 3.5, NUMBER_PT, Weight::Regular, n));
        }
    }
    let top = axis + 2.0;
    items.push(bar(0.0, top, BAR_MM, BAR_THICK));
    items.push(text(
        BAR_MM + 3.0,
        top + BAR_THICK,
        10.0,
        Weight::Bold,
        "100 mm".into(),
    ));
    Block::Drawing {
        width_mm: RULER_MM as f32 + 2.0,
        height_mm: top + BAR_THICK + 1.0,
        items,
    }
}

/// A mm ruler 0–100 downwards with numbers at the right of the ticks, the 100 mm bar at the
/// right and its length beneath it.
fn vertical_ruler(ts: &Typesetter) -> Block {
    let top = 2.0;
    let half_cap = ts.cap_height(NUMBER_PT) / 2.0;
    let mut items = vec![line(0.0, top, 0.0, top + BAR_MM, RULE_PT)];
    for mm in 0..=BAR_MM as u32 {
        let y = top + mm as f32;
        items.push(line(0.0, y, tick(mm), y, RULE_PT));
        if mm % 10 == 0 {
            let n = mm.to_string();
            items.push(text(6.0, y + half_cap, NUMBER_PT, Weight::Regular, n));
        }
    }
    let bar_x = VRULER_W - BAR_THICK - 1.0;
    items.push(bar(bar_x, top, BAR_THICK, BAR_MM));
    // The length under the bar's end, clear of the ruler's last number.
    let label = "100 mm";
    let label_x = VRULER_W - 1.0 - ts.width(label, Weight::Bold, 10.0);
    let label_y = top + BAR_MM + 4.0 + ts.cap_height(10.0);
    items.push(text(label_x, label_y, 10.0, Weight::Bold, label.into()));
    Block::Drawing {
        width_mm: VRULER_W,
        height_mm: label_y + 1.0,
        items,
    }
}

/// A filled black rectangle with no outline, so that its size is exactly `w` × `h`.
fn bar(x: f32, y: f32, w: f32, h: f32) -> Item {
    Item::Rect {
        x,
        y,
        w,
        h,
        stroke_pt: None,
        fill: true,
    }
}

/// Lines 35 mm long at each weight, labelled.
fn line_weights(lang: Lang) -> Block {
    let step = 6.0;
    let mut items = Vec::new();
    for (i, wt) in LINE_WEIGHTS.iter().enumerate() {
        let y = 3.0 + step * i as f32;
        items.push(line(0.0, y, 35.0, y, *wt));
        let label = format!("{} pt", decimal(*wt, lang));
        items.push(text(38.0, y + 1.3, 10.0, Weight::Regular, label));
    }
    Block::Drawing {
        width_mm: 55.0,
        height_mm: step * LINE_WEIGHTS.len() as f32,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(0.25, Lang::Sv), "0,25");
        assert_eq!(decimal(0.5, Lang::Sv), "0,5");
        assert_eq!(decimal(1.0, Lang::En), "1.0");
        assert_eq!(decimal(8.0, Lang::Sv), "8");
        assert_eq!(qr_payload(0.5), "DK1-TEST/0.5mm");
    }

    #[test]
    fn one_page_with_every_code_at_its_exact_module() {
        let fonts = FontSet::builtin();
        for paper in [Paper::A4, Paper::Letter] {
            for lang in [Lang::Sv, Lang::En] {
                let opts = TestPageOptions {
                    paper,
                    lang,
                    date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                };
                let doc = layout(&opts, &fonts).unwrap();
                assert_eq!(doc.pages.len(), 1, "{paper:?} {lang:?}");
                let modules: Vec<f32> = doc.pages[0]
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Qr { module, .. } => Some(*module),
                        _ => None,
                    })
                    .collect();
                assert_eq!(modules, QR_MODULES);
            }
        }
    }
}
