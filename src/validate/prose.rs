//! The kit's running text, each piece with where it is and what it belongs to: what the
//! reference, free-text and binder checks read. Titles, labels, ids and responses are not
//! running text.

use crate::load::Sources;
use crate::model::{At, Channel, FieldKind, Kit, Loc};

/// What a piece of running text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The kit as a whole (`activation`, `how-to-use`).
    Kit,
    /// A procedure's `when` or `who` (its index).
    Procedure(usize),
    /// A step's text or a branch condition (procedure, step).
    Step(usize, usize),
    /// A checklist's pause point or an item (its index).
    Checklist(usize),
    /// A form's purpose, instruction or help (its index).
    Form(usize),
    /// A contact's notes or a fallback (its index).
    Contact(usize),
    /// The poster.
    Poster,
    /// The recovery section.
    Recovery,
    /// An insert (its index).
    Insert(usize),
    /// A term's meaning (its index).
    Term(usize),
    /// An intake channel (its index).
    Intake(usize),
}

/// One piece of running text.
#[derive(Debug, Clone)]
pub struct Prose<'k> {
    /// The text as read.
    pub text: &'k str,
    /// Where it is, when known.
    pub loc: Option<Loc>,
    /// What it belongs to.
    pub owner: Owner,
    /// True for a fallback chain's `other:` entry.
    pub fallback: bool,
}

/// Where a text of the kit is: the first text read with exactly this value.
pub fn locate(kit: &Kit, text: &str) -> Option<Loc> {
    kit.texts.iter().find(|t| t.v == text).map(|t| t.loc)
}

/// Where `written` (a reference as written) is inside the text at `at`: its own position
/// when it appears literally in the source (the `nth` time), else the text's.
pub fn within(sources: &Sources, at: Loc, written: &str, nth: usize) -> Loc {
    if at.file >= sources.len() {
        return at;
    }
    let raw = sources.text(at.file).get(at.start..at.end).unwrap_or("");
    match raw.match_indices(written).nth(nth) {
        Some((i, _)) => Loc {
            file: at.file,
            start: at.start + i,
            end: at.start + i + written.len(),
        },
        None => at,
    }
}

/// Every piece of running text in the kit, in kit order.
pub fn prose(kit: &Kit) -> Vec<Prose<'_>> {
    let mut out = Vec::new();
    fn add<'k>(out: &mut Vec<Prose<'k>>, kit: &'k Kit, text: &'k str, owner: Owner) {
        if !text.trim().is_empty() {
            out.push(Prose {
                text,
                loc: locate(kit, text),
                owner,
                fallback: false,
            });
        }
    }
    fn add_at<'k>(out: &mut Vec<Prose<'k>>, t: &'k At<String>, owner: Owner) {
        if !t.v.trim().is_empty() {
            out.push(Prose {
                text: &t.v,
                loc: (t.loc.start != t.loc.end).then_some(t.loc),
                owner,
                fallback: false,
            });
        }
    }
    add(&mut out, kit, &kit.meta.activation, Owner::Kit);
    add(&mut out, kit, &kit.meta.how_to_use, Owner::Kit);
    for (i, c) in kit.contacts.iter().enumerate() {
        if let Some(n) = &c.notes {
            add(&mut out, kit, n, Owner::Contact(i));
        }
        for ch in &c.fallback {
            if let Channel::Other(t) = ch {
                if !t.trim().is_empty() {
                    out.push(Prose {
                        text: t,
                        loc: kit
                            .texts
                            .iter()
                            .find(|x| x.v.starts_with("other") && x.v.ends_with(t.as_str()))
                            .map(|x| x.loc),
                        owner: Owner::Contact(i),
                        fallback: true,
                    });
                }
            }
        }
    }
    for (pi, p) in kit.procedures.iter().enumerate() {
        add(&mut out, kit, &p.when, Owner::Procedure(pi));
        add(&mut out, kit, &p.who, Owner::Procedure(pi));
        if let Some(s) = &p.start {
            add_at(&mut out, s, Owner::Procedure(pi));
        }
        for (si, s) in p.steps.iter().enumerate() {
            add_at(&mut out, &s.text, Owner::Step(pi, si));
            for b in &s.branches {
                add(&mut out, kit, &b.when, Owner::Step(pi, si));
            }
        }
    }
    for (i, c) in kit.checklists.iter().enumerate() {
        add(&mut out, kit, &c.pause_point, Owner::Checklist(i));
        for item in &c.items {
            add_at(&mut out, &item.text, Owner::Checklist(i));
        }
    }
    for (i, f) in kit.forms.iter().enumerate() {
        add(&mut out, kit, &f.purpose, Owner::Form(i));
        for s in &f.sections {
            for field in &s.fields {
                if field.kind == FieldKind::Instruction {
                    add_at(&mut out, &field.label, Owner::Form(i));
                }
                if let Some(h) = &field.help {
                    add(&mut out, kit, h, Owner::Form(i));
                }
            }
        }
    }
    if let Some(p) = &kit.poster {
        add_at(&mut out, &p.decides, Owner::Poster);
        for f in &p.first {
            add_at(&mut out, f, Owner::Poster);
        }
        if let Some(b) = &p.binder {
            add(&mut out, kit, b, Owner::Poster);
        }
    }
    for (i, c) in kit.intake.iter().enumerate() {
        if let Some(to) = &c.to {
            add(&mut out, kit, to, Owner::Intake(i));
        }
    }
    if let Some(r) = &kit.recovery {
        add(&mut out, kit, &r.when, Owner::Recovery);
        add(&mut out, kit, &r.who, Owner::Recovery);
        add_at(&mut out, &r.back_entry, Owner::Recovery);
        add_at(&mut out, &r.downtime_note, Owner::Recovery);
        add_at(&mut out, &r.duplicates, Owner::Recovery);
        for d in &r.destroy {
            add(&mut out, kit, &d.what, Owner::Recovery);
            add(&mut out, kit, &d.how, Owner::Recovery);
        }
        for item in &r.items {
            add_at(&mut out, &item.text, Owner::Recovery);
        }
    }
    for (i, ins) in kit.inserts.iter().enumerate() {
        for t in [&ins.what, &ins.printed_by, &ins.every, &ins.if_missing] {
            add(&mut out, kit, t, Owner::Insert(i));
        }
    }
    for (i, t) in kit.terms.iter().enumerate() {
        add_at(&mut out, &t.means, Owner::Term(i));
    }
    out
}
