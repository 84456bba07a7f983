//! The cover: what the kit is, when it is in force, how to use it, its contents and its code.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Block, Column, Table, Width};
use crate::model::Priority;

/// One entry of the contents: the anchor of a binder section, the group it is listed under
/// (procedures, checklists, forms) and its title.
pub struct Entry {
    /// Anchor id of the section.
    pub anchor: String,
    /// The heading it is listed under, when it is one of several of a kind.
    pub group: Option<&'static str>,
    /// Its title.
    pub title: String,
}

/// Every binder section in binder order (only what the kit has).
pub fn sections(cx: &Ctx) -> Vec<Entry> {
    let k = cx.kit;
    let entry = |anchor: String, group: Option<Label>, title: &str| Entry {
        anchor,
        group: group.map(|g| cx.t(g)),
        title: title.to_string(),
    };
    let mut s = Vec::new();
    // The start page first: the page the cover sends every reader to. On the cover itself
    // it needs no line.
    if cx.start_apart && !k.procedures.is_empty() {
        s.push(entry(
            super::start::ANCHOR.into(),
            None,
            cx.t(Label::StartTitle),
        ));
    }
    if k.poster.is_some() {
        s.push(entry("poster".into(), None, cx.t(Label::Poster)));
    }
    for p in &k.procedures {
        s.push(entry(
            format!("proc-{}", p.id.v),
            Some(Label::Procedures),
            &p.title.v,
        ));
    }
    if !k.contacts.is_empty() {
        s.push(entry("contacts".into(), None, cx.t(Label::Contacts)));
    }
    for c in &k.checklists {
        s.push(entry(
            format!("cl-{}", c.id.v),
            Some(Label::Checklists),
            &c.title.v,
        ));
    }
    for f in &k.forms {
        s.push(entry(
            format!("form-{}", f.id.v),
            Some(Label::Forms),
            &f.title.v,
        ));
    }
    for l in &k.logs {
        s.push(entry(format!("log-{}", l.id.v), None, &l.title.v));
    }
    if !k.reservnummer.is_empty() {
        let title = cx.t(Label::Reservnummer);
        s.push(entry(super::reservnummer::ANCHOR.into(), None, title));
    }
    if let Some(r) = &k.recovery {
        s.push(entry(super::recovery::ANCHOR.into(), None, &r.title_in(k)));
    }
    if k.forms.iter().any(|f| f.serial.is_some()) {
        s.push(entry("register".into(), None, cx.t(Label::Register)));
    }
    if cx.glossary_back && !super::glossary::entries(cx).is_empty() {
        let title = cx.t(Label::Glossary);
        s.push(entry(super::glossary::ANCHOR.into(), None, title));
    }
    for i in &k.inserts {
        s.push(entry(
            crate::model::guide::insert_anchor(&i.id.v),
            None,
            &i.title.v,
        ));
    }
    s
}

/// The cover page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let m = &cx.kit.meta;
    let mut title = vec![heading(1, m.title.v.clone(), Some("cover".into()))];
    if let Some(sub) = &m.subtitle {
        title.push(para(sub.clone(), 14.0));
    }
    title.push(para(m.organisation.clone(), BODY_PT));
    let code = vec![Block::Qr {
        payload: cx.payload(None, None),
        module_mm: TAG_MODULE,
        caption: Some(cx.t(Label::KitCode).into()),
    }];
    let mut b = vec![
        Block::Row {
            cells: vec![(Width::TwoThirds, title), (Width::Third, code)],
            gap_mm: 5.0,
        },
        Block::Spacer(3.0),
    ];
    let prio = cx.t(match m.priority {
        Priority::LifeAndHealth => Label::PrioLifeAndHealth,
        Priority::Essential => Label::PrioEssential,
        Priority::Important => Label::PrioImportant,
        Priority::Deferrable => Label::PrioDeferrable,
    });
    let fact = |l: Label, v: String| vec![bold(cx.t(l), SMALL_PT), bold(v, 16.0)];
    b.push(Block::Row {
        cells: vec![
            (Width::Third, fact(Label::Version, m.version.v.clone())),
            (Width::Third, fact(Label::Printed, cx.opts.date.to_string())),
            (
                Width::Third,
                fact(Label::ReviewBy, m.review_by.v.to_string()),
            ),
        ],
        gap_mm: 5.0,
    });
    b.push(Block::Row {
        cells: vec![
            (
                Width::Third,
                vec![lead(cx.t(Label::Owner), &m.owner, SMALL_PT)],
            ),
            (
                Width::Third,
                vec![lead(cx.t(Label::Issued), &m.issued.v.to_string(), SMALL_PT)],
            ),
            (
                Width::Third,
                vec![lead(cx.t(Label::Priority), prio, SMALL_PT)],
            ),
        ],
        gap_mm: 5.0,
    });
    b.push(Block::Rule);
    // The start page on the cover when it fits there (the binder moves it after the
    // contents when it does not).
    if !cx.start_apart {
        b.extend(super::start::blocks(cx));
    }
    b.push(heading(2, cx.t(Label::Activation), None));
    b.push(para(m.activation.clone(), BODY_PT));
    if !m.how_to_use.trim().is_empty() {
        b.push(heading(2, cx.t(Label::HowToUse), None));
        b.push(para(m.how_to_use.clone(), BODY_PT));
    }
    if let Some(r) = &cx.kit.recovery {
        let text = cx
            .t(Label::RecoveryOnCover)
            .replace("{title}", &r.title_in(cx.kit))
            .replace("{page}", &cx.page_of(super::recovery::ANCHOR));
        b.push(bold(text, BODY_PT));
    }
    b.extend(locations(cx));
    // With the start page after the cover, the contents and the words fill the back of
    // the cover: the start page is then the first right-hand page.
    if cx.start_apart {
        b.push(Block::PageBreak);
    }
    let sections = sections(cx);
    if !sections.is_empty() {
        b.push(heading(2, cx.t(Label::Contents), Some("contents".into())));
        b.push(contents(cx, &sections));
    }
    if !cx.glossary_back {
        b.extend(super::glossary::blocks(cx));
    }
    // The end of the cover's part, in a chunk of its own: it lands where the part ends.
    b.push(Block::KeepTogether {
        origin: Default::default(),
        blocks: vec![Block::Anchor(END.into()), Block::Spacer(0.1)],
    });
    if cx.start_apart {
        b.push(Block::PageBreak);
        b.extend(super::start::blocks(cx));
    }
    b.push(Block::PageBreak);
    b
}

/// Whether the start page ran past the cover page.
pub fn start_spills(anchors: &std::collections::BTreeMap<String, usize>) -> bool {
    match (anchors.get("cover"), anchors.get(super::start::END)) {
        (Some(cover), Some(end)) => end > cover,
        _ => false,
    }
}

/// Where the kit's printed binders are kept: unit, place, who checks it and how often.
fn locations(cx: &Ctx) -> Vec<Block> {
    let locs = &cx.kit.locations;
    if locs.is_empty() {
        return Vec::new();
    }
    let rows = locs
        .iter()
        .map(|l| {
            let every = cx
                .t(Label::ShelfCheckEvery)
                .replace("{days}", &l.interval_days().to_string())
                .replace("{role}", &l.responsible);
            vec![
                vec![bold(l.unit.clone(), SMALL_PT)],
                vec![para(format!("{} – {every}", l.place), SMALL_PT)],
            ]
        })
        .collect();
    let columns = vec![
        Column::new(cx.t(Label::Unit), 2.0),
        Column::new(cx.t(Label::Location), 6.0),
    ];
    vec![
        heading(2, cx.t(Label::Locations), None),
        Block::Table(Table::new(columns, rows, SMALL_PT).plain()),
    ]
}

/// Most columns the contents are set in.
pub const MAX_COLUMNS: u8 = 3;

/// The anchor at the end of the cover's part (contents and words).
pub const END: &str = "cover-end";

/// Whether the cover's part ran past where it should end: the cover page, or with the start
/// page after it, the back of the cover.
pub fn spills(cx: &Ctx, anchors: &std::collections::BTreeMap<String, usize>) -> bool {
    let room = if cx.start_apart { 1 } else { 0 };
    match (anchors.get("cover"), anchors.get(END)) {
        (Some(cover), Some(end)) => *end > cover + room,
        _ => false,
    }
}

/// The contents: a table of entries, grouped under their kind (the kind's name once, as a
/// bold row); in 2 or 3 columns side by side, set smaller, when the cover needs the room.
fn contents(cx: &Ctx, sections: &[Entry]) -> Block {
    let n = usize::from(cx.cover_columns.max(1)).min(sections.len().max(1));
    let size = match n {
        1 => SMALL_PT,
        2 => 9.0,
        _ => 8.0,
    };
    let table = |part: &[Entry]| {
        let mut rows = Vec::new();
        let mut group = None;
        for e in part {
            if e.group.is_some() && e.group != group {
                rows.push(vec![
                    vec![bold(e.group.unwrap_or_default(), size)],
                    Vec::new(),
                ]);
            }
            group = e.group;
            rows.push(vec![
                vec![para(e.title.clone(), size)],
                vec![para(cx.page_of(&e.anchor), size)],
            ]);
        }
        Block::Table(
            Table::new(
                vec![
                    Column::new(cx.t(Label::Section), 6.0),
                    Column::fit(cx.t(Label::Page)),
                ],
                rows,
                size,
            )
            .plain(),
        )
    };
    if n <= 1 {
        return table(sections);
    }
    let per = sections.len().div_ceil(n);
    Block::Row {
        cells: sections
            .chunks(per)
            .map(|part| (Width::Grid((12 / n) as u8), vec![table(part)]))
            .collect(),
        gap_mm: 5.0,
    }
}
