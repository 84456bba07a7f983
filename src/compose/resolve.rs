//! References in kit text, printed: `{procedure:bradskande}` becomes "Brådskande behov,
//! sidan 8", `{contacts}` "kontaktlistan, sidan 11", `{step:faxa}` "steg 8, sidan 9" (the
//! page only when the step is on another page than the text), `{contact:hmc-jour}` the
//! contact with its number, `{role:ssk}` the role's plain-language name.
//!
//! The binder is composed from a copy of the kit with every reference written out
//! ([`printed`]), so that every part prints it the same way without knowing about
//! references; the pages come from the previous layout pass.

use super::ctx::unbroken;
use crate::labels::Label;
use crate::model::guide::{insert_anchor, pieces};
use crate::model::{FieldKind, Kit, Lang, RefKind, TextPiece};
use std::collections::BTreeMap;

/// The anchor of step `i` (0-based) of a procedure.
pub fn step_anchor(procedure: &str, i: usize) -> String {
    format!("step-{procedure}-{i}")
}

/// Where a text is printed: in which procedure, on which page.
#[derive(Clone, Copy, Default)]
struct Here {
    procedure: Option<usize>,
    page: Option<usize>,
}

/// Writes references out.
struct Resolver<'k> {
    kit: &'k Kit,
    /// Anchor → page; `None` prints titles without pages (a snapshot).
    pages: Option<&'k BTreeMap<String, usize>>,
    /// Set when a reference asked for a page.
    asked: bool,
}

/// Upper-cases the first letter.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A name in running text: its first letter lower-cased unless it starts an abbreviation
/// or a sentence ("Sjuksköterska i tjänst" → "sjuksköterska i tjänst", "TiB" stays).
fn in_text(name: &str, sentence_start: bool) -> String {
    if sentence_start {
        return capital(name);
    }
    // An abbreviation keeps its capitals: "TiB", "IT-beredskap".
    let first_word = name.split([' ', '-']).next().unwrap_or("");
    let mut c = first_word.chars();
    let plain = c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase);
    if plain && first_word.chars().count() > 1 {
        let mut c = name.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        name.to_string()
    }
}

impl Resolver<'_> {
    fn t(&self, l: Label) -> &'static str {
        l.text(self.kit.meta.language)
    }

    /// The page of an anchor, when pages are known.
    fn page(&mut self, anchor: &str) -> Option<String> {
        let pages = self.pages?;
        self.asked = true;
        Some(
            pages
                .get(anchor)
                .map_or_else(|| "?".into(), |p| p.to_string()),
        )
    }

    /// "Title, sidan 7" (the title alone without pages).
    fn titled(&mut self, title: &str, anchor: &str) -> String {
        match self.page(anchor) {
            Some(p) => format!("{title}, {} {p}", self.t(Label::OnPage)),
            None => title.to_string(),
        }
    }

    /// One reference, as printed.
    fn reference(&mut self, kind: RefKind, id: &str, here: Here, start: bool) -> Option<String> {
        let kit = self.kit;
        Some(match kind {
            RefKind::Procedure => {
                let p = kit.procedures.iter().find(|p| p.id.v == id)?;
                self.titled(&p.title.v, &format!("proc-{id}"))
            }
            RefKind::Checklist => {
                let title = match kit.checklists.iter().find(|c| c.id.v == id) {
                    Some(c) => c.title.v.clone(),
                    None => kit.recovery.as_ref()?.checklist(kit).title.v,
                };
                self.titled(&title, &format!("cl-{id}"))
            }
            RefKind::Form => {
                let f = kit.forms.iter().find(|f| f.id.v == id)?;
                self.titled(&f.title.v, &format!("form-{id}"))
            }
            RefKind::Log => {
                let l = kit.logs.iter().find(|l| l.id.v == id)?;
                self.titled(&l.title.v, &format!("log-{id}"))
            }
            RefKind::Insert => {
                let i = kit.inserts.iter().find(|i| i.id.v == id)?;
                self.titled(&i.title.v, &insert_anchor(id))
            }
            RefKind::Contacts => {
                let name = in_text(self.t(Label::ContactsRef), start);
                self.titled(&name, "contacts")
            }
            RefKind::Recovery => {
                let title = kit.recovery.as_ref()?.title_in(kit);
                self.titled(&title, super::recovery::ANCHOR)
            }
            RefKind::Register => self.titled(self.t(Label::Register), "register"),
            RefKind::Reservnummer => {
                self.titled(self.t(Label::Reservnummer), super::reservnummer::ANCHOR)
            }
            RefKind::Terms => {
                let name = in_text(self.t(Label::Glossary), start);
                self.titled(&name, super::glossary::ANCHOR)
            }
            RefKind::Poster => {
                let name = in_text(self.t(Label::PosterRef), start);
                self.titled(&name, "poster")
            }
            RefKind::Start => {
                let name = in_text(self.t(Label::StartRef), start);
                self.titled(&name, super::start::ANCHOR)
            }
            RefKind::Role => {
                let r = kit.roles.iter().find(|r| r.id.v == id)?;
                in_text(&r.name.v, start)
            }
            RefKind::Contact => {
                let c = kit.contacts.iter().find(|c| c.id.v == id)?;
                let role = in_text(&c.role.v, start);
                match c.phones.first() {
                    Some(p) => format!("{role} {}", unbroken(&p.number.v.national())),
                    None => {
                        let list = self.t(Label::ContactsRef);
                        format!("{role} ({})", self.titled(list, "contacts"))
                    }
                }
            }
            RefKind::Step => {
                let (pi, step_id) = match id.split_once('.') {
                    Some((p, s)) => (kit.procedures.iter().position(|x| x.id.v == p)?, s),
                    None => (here.procedure?, id),
                };
                let p = &kit.procedures[pi];
                let si = p
                    .steps
                    .iter()
                    .position(|s| s.id.as_ref().is_some_and(|i| i.v == step_id))?;
                let word = if start {
                    capital(self.t(Label::StepRef))
                } else {
                    self.t(Label::StepRef).to_string()
                };
                let step = format!("{word} {}", si + 1);
                let anchor = step_anchor(&p.id.v, si);
                let same_procedure = here.procedure == Some(pi);
                match self.page(&anchor) {
                    None if same_procedure => step,
                    None => format!("{step} {} {}", self.t(Label::InProcedure), p.title.v),
                    Some(pg) if same_procedure => {
                        if here.page.map(|h| h.to_string()) == Some(pg.clone()) {
                            step
                        } else {
                            format!("{step}, {} {pg}", self.t(Label::OnPage))
                        }
                    }
                    Some(pg) => format!(
                        "{step} {} {}, {} {pg}",
                        self.t(Label::InProcedure),
                        p.title.v,
                        self.t(Label::OnPage)
                    ),
                }
            }
        })
    }

    /// A text with its references written out.
    fn text(&mut self, text: &str, here: Here) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 32);
        for p in pieces(text) {
            match p {
                TextPiece::Text(t) => out.push_str(t),
                TextPiece::Ref {
                    kind, id, written, ..
                } => {
                    let before = out.trim_end();
                    let start = before.is_empty() || before.ends_with(['.', '!', '?']);
                    match kind.and_then(|k| self.reference(k, id, here, start)) {
                        Some(r) => out.push_str(&r),
                        None => out.push_str(written),
                    }
                }
            }
        }
        out
    }

    fn edit(&mut self, s: &mut String, here: Here) {
        if s.contains('{') {
            *s = self.text(s, here);
        }
    }
}

/// The kit as the binder prints it: every reference written out with the pages of `pages`
/// (titles alone when `None`). Returns it, and whether any reference asked for a page.
pub fn printed(kit: &Kit, pages: Option<&BTreeMap<String, usize>>) -> (Kit, bool) {
    let mut r = Resolver {
        kit,
        pages,
        asked: false,
    };
    let mut out = kit.clone();
    let none = Here::default();
    r.edit(&mut out.meta.activation, none);
    r.edit(&mut out.meta.how_to_use, none);
    for c in &mut out.contacts {
        for s in [&mut c.notes, &mut c.hours, &mut c.location]
            .into_iter()
            .flatten()
        {
            r.edit(s, none);
        }
        for ch in &mut c.fallback {
            if let crate::model::Channel::Other(t) = ch {
                r.edit(t, none);
            }
        }
    }
    for (pi, p) in out.procedures.iter_mut().enumerate() {
        let here = Here {
            procedure: Some(pi),
            page: None,
        };
        r.edit(&mut p.when, here);
        r.edit(&mut p.who, here);
        if let Some(s) = &mut p.start {
            r.edit(&mut s.v, here);
        }
        let id = p.id.v.clone();
        for (si, s) in p.steps.iter_mut().enumerate() {
            let page = pages.and_then(|m| m.get(&step_anchor(&id, si)).copied());
            let here = Here {
                procedure: Some(pi),
                page,
            };
            r.edit(&mut s.text.v, here);
            for b in &mut s.branches {
                r.edit(&mut b.when, here);
            }
        }
    }
    for c in &mut out.checklists {
        r.edit(&mut c.pause_point, none);
        for i in &mut c.items {
            r.edit(&mut i.text.v, none);
        }
    }
    for f in &mut out.forms {
        r.edit(&mut f.purpose, none);
        for s in &mut f.sections {
            r.edit(&mut s.title.v, none);
            for field in &mut s.fields {
                if field.kind == FieldKind::Instruction {
                    r.edit(&mut field.label.v, none);
                }
                if let Some(h) = &mut field.help {
                    r.edit(h, none);
                }
                if let Some(role) = &mut field.role {
                    r.edit(role, none);
                }
            }
        }
    }
    if let Some(p) = &mut out.poster {
        r.edit(&mut p.decides.v, none);
        for f in &mut p.first {
            r.edit(&mut f.v, none);
        }
        if let Some(b) = &mut p.binder {
            r.edit(b, none);
        }
    }
    for i in &mut out.intake {
        if let Some(to) = &mut i.to {
            r.edit(to, none);
        }
    }
    if let Some(rec) = &mut out.recovery {
        r.edit(&mut rec.when, none);
        r.edit(&mut rec.who, none);
        r.edit(&mut rec.back_entry.v, none);
        r.edit(&mut rec.downtime_note.v, none);
        r.edit(&mut rec.duplicates.v, none);
        for d in &mut rec.destroy {
            r.edit(&mut d.what, none);
            r.edit(&mut d.how, none);
            if let Some(w) = &mut d.who {
                r.edit(w, none);
            }
        }
        for i in &mut rec.items {
            r.edit(&mut i.text.v, none);
        }
    }
    for ins in &mut out.inserts {
        for t in [
            &mut ins.what,
            &mut ins.printed_by,
            &mut ins.every,
            &mut ins.if_missing,
        ] {
            r.edit(t, none);
        }
    }
    for t in &mut out.terms {
        r.edit(&mut t.means.v, none);
    }
    for l in &mut out.locations {
        r.edit(&mut l.place, none);
        r.edit(&mut l.responsible, none);
    }
    let asked = r.asked;
    (out, asked)
}

/// The roles of `ids` by their names, joined for a "Vem:" line.
pub fn role_names(kit: &Kit, ids: &[crate::model::At<String>]) -> String {
    let sep = match kit.meta.language {
        Lang::Sv => " · ",
        Lang::En => " · ",
    };
    ids.iter()
        .filter_map(|id| kit.roles.iter().find(|r| r.id.v == id.v))
        .map(|r| r.name.v.clone())
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_running_text() {
        assert_eq!(
            in_text("Sjuksköterska i tjänst", false),
            "sjuksköterska i tjänst"
        );
        assert_eq!(in_text("TiB", false), "TiB");
        assert_eq!(in_text("IT-beredskap", false), "IT-beredskap");
        assert_eq!(in_text("kontaktlistan", true), "Kontaktlistan");
    }
}
