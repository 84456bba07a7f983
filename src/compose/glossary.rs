//! Words and abbreviations: the kit's own (`[[term]]`) and the binder's built-in words
//! (LÄS–GÖR, GÖR–BEKRÄFTA, KRITISK, serial numbers, reservnummer) explained once, in the
//! reader's language, on the back of the cover; the start page names its page.

use super::ctx::{bold, heading, para, Ctx, BODY_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::{Channel, ChecklistKind};

/// The page anchor of the list.
pub const ANCHOR: &str = "terms";

/// Every word the binder explains, sorted: (word, meaning).
pub fn entries(cx: &Ctx) -> Vec<(String, String)> {
    let kit = cx.kit;
    let mut out: Vec<(String, String)> = kit
        .terms
        .iter()
        .map(|t| (t.term.v.clone(), t.means.v.clone()))
        .collect();
    let recovery = kit.recovery.as_ref().map(|r| r.checklist(kit));
    let lists: Vec<&crate::model::Checklist> =
        kit.checklists.iter().chain(recovery.as_ref()).collect();
    let has = |k: ChecklistKind| lists.iter().any(|c| c.kind == Some(k));
    if has(ChecklistKind::ReadDo) {
        out.push((cx.t(Label::ReadDo).into(), cx.t(Label::ReadDoMeans).into()));
    }
    if has(ChecklistKind::DoConfirm) {
        out.push((
            cx.t(Label::DoConfirm).into(),
            cx.t(Label::DoConfirmMeans).into(),
        ));
    }
    if lists.iter().flat_map(|c| &c.items).any(|i| i.critical) {
        out.push((
            cx.t(Label::Critical).into(),
            cx.t(Label::CriticalMeans).into(),
        ));
    }
    if let Some(s) = kit.forms.iter().find_map(|f| f.serial.as_ref()) {
        let means = cx.t(Label::SerialMeans).replace("{example}", &s.nth(0));
        out.push((cx.t(Label::SerialTerm).into(), means));
    }
    if !kit.reservnummer.is_empty() {
        let means = cx
            .t(Label::ReservMeans)
            .replace("{page}", &cx.on_page(super::reservnummer::ANCHOR));
        out.push((cx.t(Label::Reservnummer).into(), means));
    }
    // The words of the fallback chains: the last resort at night must not be a riddle.
    let channels = || kit.contacts.iter().flat_map(|c| &c.fallback);
    let own = |w: &str| kit.terms.iter().any(|t| t.term.v.eq_ignore_ascii_case(w));
    if channels().any(|c| matches!(c, Channel::Messenger)) && !own(cx.t(Label::Messenger)) {
        out.push((
            cx.t(Label::Messenger).into(),
            cx.t(Label::MessengerMeans).into(),
        ));
    }
    if channels().any(|c| matches!(c, Channel::Rakel(_))) && !own("Rakel") {
        out.push(("Rakel".into(), cx.t(Label::RakelMeans).into()));
    }
    out.sort_by_key(|(w, _)| w.to_lowercase());
    out
}

/// The list at the back of the binder, on a page of its own, when the binder puts it there.
pub fn back(cx: &Ctx) -> Vec<Block> {
    if !cx.glossary_back {
        return Vec::new();
    }
    let mut b = vec![Block::PageBreak];
    b.extend(blocks(cx));
    b.push(Block::PageBreak);
    b
}

/// The list, under its heading.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let rows: Vec<Vec<Vec<Block>>> = entries(cx)
        .into_iter()
        .map(|(w, m)| vec![vec![bold(w, BODY_PT - 1.0)], vec![para(m, BODY_PT - 1.0)]])
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![
        heading(2, cx.t(Label::Glossary), Some(ANCHOR.into())),
        Block::Table(
            Table::new(
                vec![
                    Column::fit(cx.t(Label::GlossaryWord)),
                    Column::new(cx.t(Label::GlossaryMeans), 6.0),
                ],
                rows,
                BODY_PT - 1.0,
            )
            .plain(),
        ),
    ]
}
