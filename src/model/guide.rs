//! What lets a stranger find the way through a binder: the roles people act in (declared
//! once, named in plain language), the kit's own words and abbreviations (`[[term]]`), the
//! material printed elsewhere and kept in the binder (`[[insert]]`), and the references kit
//! text makes to the binder's parts (`{procedure:bradskande}`, `{contacts}`), which the
//! binder prints with their page.

use super::{At, Loc};
use serde::Serialize;

/// `[[role]]`: a role someone acts in — who may carry out a procedure, fill in a form or
/// decide — declared once with the name a stranger understands.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Role {
    /// Id, used in `who = [...]`, `filled-by` and `{role:id}`.
    pub id: At<String>,
    /// The plain-language name printed for it ("Sjuksköterska i tjänst").
    pub name: At<String>,
    /// The contacts that reach whoever holds the role, in order (the day line first).
    pub contacts: Vec<At<String>>,
    /// Location of the table.
    pub loc: Loc,
}

/// `[[term]]`: a word or abbreviation the kit uses, explained once in the binder.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Term {
    /// The word as printed ("TiB", "HM-nummer").
    pub term: At<String>,
    /// What it means, in a sentence.
    pub means: At<String>,
    /// Location of the table.
    pub loc: Loc,
}

/// `[[insert]]`: material printed elsewhere and kept in the binder behind its own divider
/// page (today's client list from `downkit snapshot`, a risk-group list, a local map).
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Insert {
    /// Id, used in `{insert:id}`.
    pub id: At<String>,
    /// Its title, on the divider and wherever it is referred to.
    pub title: At<String>,
    /// What belongs behind the divider.
    pub what: String,
    /// Who prints it and puts it in.
    pub printed_by: String,
    /// How often it is printed anew.
    pub every: String,
    /// How old it may get (`max-age = "26h"`, `"31d"`), in hours.
    pub max_age_hours: Option<At<u32>>,
    /// What to do when it is missing or older than `max-age`.
    pub if_missing: String,
    /// The dataset whose snapshot it is, when `downkit snapshot` prints it.
    pub dataset: Option<At<String>>,
    /// Location of the table.
    pub loc: Loc,
}

/// The page anchor of an insert's divider.
pub fn insert_anchor(id: &str) -> String {
    format!("insert-{id}")
}

/// What a reference in kit text points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `{procedure:id}`.
    Procedure,
    /// `{checklist:id}`.
    Checklist,
    /// `{form:id}`.
    Form,
    /// `{log:id}`.
    Log,
    /// `{insert:id}`.
    Insert,
    /// `{step:id}` in the same procedure, `{step:procedure.id}` elsewhere.
    Step,
    /// `{contact:id}`: printed with its number.
    Contact,
    /// `{role:id}`: printed with its plain-language name.
    Role,
    /// `{contacts}`: the contact list.
    Contacts,
    /// `{recovery}`: the recovery section.
    Recovery,
    /// `{register}`: the back-entry register.
    Register,
    /// `{reservnummer}`: the list of reservnummer.
    Reservnummer,
    /// `{terms}`: the list of words and abbreviations.
    Terms,
    /// `{poster}`: the poster.
    Poster,
    /// `{start}`: the start page.
    Start,
}

impl RefKind {
    /// Every kind with its name in kit text and whether it takes an id.
    pub const ALL: [(&'static str, RefKind, bool); 15] = [
        ("procedure", RefKind::Procedure, true),
        ("checklist", RefKind::Checklist, true),
        ("form", RefKind::Form, true),
        ("log", RefKind::Log, true),
        ("insert", RefKind::Insert, true),
        ("step", RefKind::Step, true),
        ("contact", RefKind::Contact, true),
        ("role", RefKind::Role, true),
        ("contacts", RefKind::Contacts, false),
        ("recovery", RefKind::Recovery, false),
        ("register", RefKind::Register, false),
        ("reservnummer", RefKind::Reservnummer, false),
        ("terms", RefKind::Terms, false),
        ("poster", RefKind::Poster, false),
        ("start", RefKind::Start, false),
    ];

    /// The kind's name in kit text.
    pub fn name(self) -> &'static str {
        RefKind::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or("", |(n, ..)| n)
    }

    /// Whether the kind names one item (`{form:id}`) rather than a part of the binder.
    pub fn takes_id(self) -> bool {
        RefKind::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .is_some_and(|(_, _, id)| *id)
    }
}

/// A piece of kit text: plain text, or a reference as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPiece<'t> {
    /// Text printed as it is.
    Text(&'t str),
    /// `{kind:id}` or `{kind}`; `kind` is `None` when the name is no known kind (an error
    /// `check` reports); `range` is its byte range in the text.
    Ref {
        /// The kind, when known.
        kind: Option<RefKind>,
        /// The kind as written.
        name: &'t str,
        /// The id after the colon (empty when none).
        id: &'t str,
        /// The whole reference as written, braces included.
        written: &'t str,
        /// Its byte range in the text.
        range: std::ops::Range<usize>,
    },
}

/// True for the characters of a reference's id: slugs, and the dot of `procedure.step`.
fn id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
}

/// Splits kit text into plain text and references. A reference is `{` + a lower-case name
/// (`a`–`z`, `-`) + optionally `:` and an id + `}`; any other brace is text.
pub fn pieces(text: &str) -> Vec<TextPiece<'_>> {
    let mut out = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let rest = &text[i + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(rest.len());
        let after = &rest[name_len..];
        let (id, tail) = match after.strip_prefix(':') {
            Some(a) => {
                let n = a.find(|c: char| !id_char(c)).unwrap_or(a.len());
                (&a[..n], &a[n..])
            }
            None => ("", after),
        };
        let has_colon = after.starts_with(':');
        if name_len == 0 || !tail.starts_with('}') || (has_colon && id.is_empty()) {
            i += 1;
            continue;
        }
        let end = text.len() - tail.len() + 1;
        if plain < i {
            out.push(TextPiece::Text(&text[plain..i]));
        }
        let name = &rest[..name_len];
        let kind = RefKind::ALL
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|(_, k, _)| *k);
        out.push(TextPiece::Ref {
            kind,
            name,
            id,
            written: &text[i..end],
            range: i..end,
        });
        i = end;
        plain = end;
    }
    if plain < text.len() {
        out.push(TextPiece::Text(&text[plain..]));
    }
    out
}

/// True when `text` holds at least one reference.
pub fn has_refs(text: &str) -> bool {
    text.contains('{')
        && pieces(text)
            .iter()
            .any(|p| matches!(p, TextPiece::Ref { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_split_from_text() {
        let p = pieces("Följ {procedure:bradskande}. Adress i {contacts}; {step:rutin.faxa}!");
        let refs: Vec<(Option<RefKind>, &str)> = p
            .iter()
            .filter_map(|p| match p {
                TextPiece::Ref { kind, id, .. } => Some((*kind, *id)),
                TextPiece::Text(_) => None,
            })
            .collect();
        assert_eq!(
            refs,
            [
                (Some(RefKind::Procedure), "bradskande"),
                (Some(RefKind::Contacts), ""),
                (Some(RefKind::Step), "rutin.faxa"),
            ]
        );
        assert_eq!(p[0], TextPiece::Text("Följ "));
        assert_eq!(p.last(), Some(&TextPiece::Text("!")));
    }

    #[test]
    fn other_braces_are_text() {
        for t in ["a { b }", "{Kund}", "{}", "{form:}", "{x:Y}", "tom {"] {
            assert_eq!(pieces(t), [TextPiece::Text(t)], "{t}");
        }
        let p = pieces("{blankett:x}");
        assert!(matches!(
            p[0],
            TextPiece::Ref {
                kind: None,
                name: "blankett",
                ..
            }
        ));
    }
}
