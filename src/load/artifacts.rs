//! Reads forms, checklists, activity logs and stock.

use super::fields::{self, field};
use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::*;

/// Most columns a section or checklist may be set in.
pub const MAX_SIDE_BY_SIDE: u32 = 3;

/// `columns = 1|2|3`: side-by-side columns of a section or checklist.
fn side_by_side(cx: &mut Cx, t: &mut Table) -> u8 {
    match t.opt_u32(cx, "columns", u32::MAX - 1) {
        None => 1,
        Some(c) if (1..=MAX_SIDE_BY_SIDE).contains(&c.v) => c.v as u8,
        Some(c) => {
            cx.diags.push(
                Diagnostic::error(
                    "out-of-range",
                    c.loc,
                    format!("`columns = {}`: content can be set in 1, 2 or 3 columns", c.v),
                )
                .hint("use `columns = 2` or `columns = 3`; more would make fields too narrow to write in"),
            );
            1
        }
    }
}

/// Reads one `[[form]]`.
pub fn form(cx: &mut Cx, mut t: Table) -> Form {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let purpose = t.opt_str(cx, "purpose").map(|s| s.v).unwrap_or_default();
    let back_entry = t.opt_bool(cx, "back-entry").unwrap_or(true);
    let personal_data = t.opt_bool(cx, "personal-data").unwrap_or(false);
    let no_identity = t.opt_str(cx, "no-identity");
    let pages = t.opt_u32_from(cx, "pages", 1, 50);
    let orientation = fields::orientation(cx, &mut t);
    let code = t.opt_str(cx, "code").map(|s| s.v);
    let edition = t.opt_str(cx, "edition").map(|s| s.v);
    let footer_boxes = footer_boxes(cx, &mut t);
    let logo = t
        .table(cx, "logo")
        .and_then(|i| super::images::image(cx, i));
    let usage = super::outage::usage(cx, &mut t);
    let (text, roles) = super::kit::who_roles(cx, &mut t);
    if let Some(text) = text {
        cx.diags.push(
            Diagnostic::error(
                "wrong-type",
                text.loc,
                "`who` of a form lists the roles that fill it in",
            )
            .hint("declare the roles once with [[role]] and write `who = [\"role-id\"]`"),
        );
    }
    let serial = t.table(cx, "serial").map(|mut s| {
        let copies = s.opt_u32_from(cx, "copies", 1, 10_000).map_or(1, |c| c.v);
        let prefix = s.opt_str(cx, "prefix").map(|p| p.v).unwrap_or_default();
        let first = s.opt_u32(cx, "first", 99_999_999).map_or(1, |c| c.v);
        let digits = s.opt_u32_from(cx, "digits", 1, 9).map_or(4, |c| c.v);
        s.finish(cx);
        Serial {
            copies,
            prefix,
            first,
            digits,
        }
    });
    let sections = t
        .tables(cx, "section", 100)
        .into_iter()
        .map(|mut s| {
            let sspan = s.span();
            let title = s.opt_str(cx, "title").unwrap_or_else(|| {
                let at = cx.loc(sspan.start..sspan.start);
                At::new(String::new(), at)
            });
            let fields: Vec<Field> = s
                .tables(cx, "field", 200)
                .into_iter()
                .map(|f| field(cx, f))
                .collect();
            let table = s.table(cx, "table").map(|t| fields::table(cx, t));
            let columns = side_by_side(cx, &mut s);
            let keep_together = s.opt_bool(cx, "keep-together").unwrap_or(false);
            let side_label = s.opt_str(cx, "side-label").map(|l| l.v);
            let image_table = s.table(cx, "image");
            // A picture table with a mistake in it is reported as that, not as "empty".
            let has_image = image_table.is_some();
            let image = image_table.and_then(|i| super::images::image(cx, i));
            s.finish(cx);
            let loc = cx.loc(sspan);
            if fields.is_empty() && table.is_none() && !has_image {
                cx.diags.push(
                    Diagnostic::error(
                        "empty",
                        Loc {
                            end: loc.start + 1,
                            ..loc
                        },
                        "the section has no fields, no table and no picture",
                    )
                    .hint("add [[form.section.field]] tables, a [form.section.table] or a [form.section.image]"),
                );
            }
            Section {
                title,
                fields,
                table,
                columns,
                keep_together,
                side_label,
                image,
                loc,
            }
        })
        .collect();
    t.finish(cx);
    Form {
        id,
        title,
        purpose,
        sections,
        serial,
        back_entry,
        personal_data,
        no_identity,
        pages,
        orientation,
        code,
        edition,
        footer_boxes,
        logo,
        usage,
        roles,
        loc: cx.loc(span),
    }
}

/// Most footer boxes of a form: more would be too narrow to write in.
const MAX_FOOTER_BOXES: usize = 4;

/// `footer-boxes = ["IAP Page", "Date/Time"]`.
fn footer_boxes(cx: &mut Cx, t: &mut Table) -> Vec<String> {
    let Some(list) = t.opt_str_list(cx, "footer-boxes") else {
        return Vec::new();
    };
    if let Some(extra) = list.get(MAX_FOOTER_BOXES) {
        cx.diags.push(
            Diagnostic::error(
                "too-many",
                extra.loc,
                format!("a form's footer has room for {MAX_FOOTER_BOXES} boxes; this is the {}th", MAX_FOOTER_BOXES + 1),
            )
            .hint("keep the boxes a page needs (\"IAP Page\", \"Date/Time\"); put the rest in a section"),
        );
    }
    list.into_iter()
        .take(MAX_FOOTER_BOXES)
        .map(|l| l.v)
        .collect()
}

/// Reads one `[[checklist]]`.
pub fn checklist(cx: &mut Cx, mut t: Table) -> Checklist {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let pause_point = t
        .opt_str(cx, "pause-point")
        .map(|s| s.v)
        .unwrap_or_default();
    t.note(
        "kind",
        super::keys::Shape::Choice(vec!["read-do", "do-confirm"]),
        false,
    );
    let kind = match t.opt_str(cx, "kind") {
        None => None,
        Some(k) => match k.v.as_str() {
            "read-do" => Some(ChecklistKind::ReadDo),
            "do-confirm" => Some(ChecklistKind::DoConfirm),
            other => {
                super::kit::bad_choice(cx, &k, "kind", other, &["read-do", "do-confirm"]);
                Some(ChecklistKind::ReadDo)
            }
        },
    };
    let time_column = t.opt_bool(cx, "time-column").unwrap_or(false);
    let initials_column = t.opt_bool(cx, "initials-column").unwrap_or(false);
    let completion = t.opt_bool(cx, "completion").unwrap_or(true);
    let columns = side_by_side(cx, &mut t);
    let orientation = fields::orientation(cx, &mut t);
    let code = t.opt_str(cx, "code").map(|s| s.v);
    let edition = t.opt_str(cx, "edition").map(|s| s.v);
    let footnote = t.opt_str(cx, "footnote").map(|s| s.v);
    let beside = t.opt_str(cx, "beside");
    let items = t
        .tables(cx, "item", 100)
        .into_iter()
        .map(|i| item(cx, i))
        .collect();
    t.finish(cx);
    Checklist {
        id,
        title,
        pause_point,
        kind,
        items,
        time_column,
        initials_column,
        completion,
        columns,
        orientation,
        code,
        edition,
        footnote,
        beside,
        loc: cx.loc(span),
    }
}

/// One `[[checklist.item]]`: an item to check (`text`), a sub-heading (`heading`, `level`
/// 1 or 2), a shared stem (`stem`), or the end of a group (`end-group = true`).
pub(super) fn item(cx: &mut Cx, mut i: Table) -> ChecklistItem {
    let span = i.span();
    let text = i.opt_str(cx, "text");
    let heading = i.opt_str(cx, "heading");
    let level = i.opt_u32_from(cx, "level", 1, 2);
    let stem = i.opt_str(cx, "stem");
    let end_group = i.opt_bool(cx, "end-group").unwrap_or(false);
    let response = i.opt_str(cx, "response");
    let responses = i.opt_str_list(cx, "responses");
    let critical = i.opt_bool(cx, "critical");
    let fields = i.opt_str_list(cx, "fields").unwrap_or_default();
    let tick = i.opt_bool(cx, "tick").unwrap_or(false);
    i.finish(cx);
    let loc = cx.loc(span.clone());
    let empty = At::new(
        String::new(),
        Loc {
            end: loc.start,
            ..loc
        },
    );
    let mut given: Vec<(&str, At<String>, ItemKind)> = Vec::new();
    if let Some(t) = text {
        given.push(("text", t, ItemKind::Check));
    }
    if let Some(h) = heading {
        let level = level.as_ref().map_or(1, |l| l.v as u8);
        given.push(("heading", h, ItemKind::Heading(level)));
    }
    if let Some(s) = stem {
        given.push(("stem", s, ItemKind::Stem));
    }
    let (text, kind) = match (given.len(), end_group) {
        (0, true) => (empty, ItemKind::EndGroup),
        (0, false) => {
            cx.diags.push(
                Diagnostic::error(
                    "missing-key",
                    Loc {
                        end: loc.start + 1,
                        ..loc
                    },
                    "the checklist item has no `text`",
                )
                .hint_in("add `text = \"…\"` (what to check), `heading = \"…\"` for a sub-heading, `stem = \"…\"` for a shared start of the items after it, or `end-group = true`", "lägg till `text = \"…\"` (det som ska kontrolleras), `heading = \"…\"` för en underrubrik, `stem = \"…\"` för en gemensam början på punkterna efter den, eller `end-group = true`"),
            );
            (empty, ItemKind::Check)
        }
        _ => {
            let names: Vec<String> = given.iter().map(|(k, _, _)| format!("`{k}`")).collect();
            if given.len() > 1 || end_group {
                let mut keys = names.clone();
                if end_group {
                    keys.push("`end-group`".into());
                }
                cx.diags.push(
                    Diagnostic::error(
                        "conflicting-keys",
                        given[given.len() - 1].1.loc,
                        format!("a checklist item has both {}", keys.join(" and ")),
                    )
                    .hint("an item is one of a `text` to check, a `heading` between items, a `stem` the items after it complete, or `end-group = true`: make this several items"),
                );
            }
            let (_, t, k) = given.remove(0);
            (t, k)
        }
    };
    if level.is_some() && !matches!(kind, ItemKind::Heading(_)) {
        cx.diags.push(
            Diagnostic::warning(
                "unused-key",
                loc,
                "`level` has no effect on an item that is not a `heading`",
            )
            .hint("`level = 2` makes a heading a second-level one; remove it here"),
        );
    }
    let plain = kind != ItemKind::Check;
    if plain && (response.is_some() || responses.is_some() || critical.is_some() || tick) {
        cx.diags.push(
            Diagnostic::warning("unused-key", loc, "a sub-heading, stem or group end has no response, no tick box and is never critical")
                .hint("remove `response`, `responses`, `tick` and `critical` from it, or make it an item with `text`"),
        );
    }
    let responses: Vec<String> = responses.into_iter().flatten().map(|r| r.v).collect();
    if responses.len() == 1 {
        cx.diags.push(
            Diagnostic::error("missing-key", loc, "`responses` needs at least two choices")
                .hint(format!(
                    "for a single box write `tick = true` with `response = \"{}\"` beside it; for a choice, `responses = [\"Ja\", \"Nej\"]`",
                    responses[0]
                )),
        );
    }
    if response.is_some() && !responses.is_empty() {
        cx.diags.push(
            Diagnostic::error("conflicting-keys", loc, "a checklist item has both `response` and `responses`")
                .hint("use `response` for the one required state (\"KLAR\"), or `responses` for a choice (Ja / Nej)"),
        );
    }
    if tick && !responses.is_empty() {
        cx.diags.push(
            Diagnostic::error("conflicting-keys", loc, "a checklist item has both `tick` and `responses`")
                .hint("`responses` gives a box per answer; `tick = true` one box (before `response`, or before the text)"),
        );
    }
    ChecklistItem {
        text,
        response: response.map(|r| r.v).unwrap_or_default(),
        responses,
        critical: critical.unwrap_or(false),
        fields,
        tick,
        kind,
    }
}

/// Reads one `[[log]]`.
pub fn log(cx: &mut Cx, mut t: Table) -> Log {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let columns = fields::column_list(cx, &mut t, "columns");
    let fields: Vec<Field> = t
        .tables(cx, "field", 40)
        .into_iter()
        .map(|f| field(cx, f))
        .collect();
    let rows = t.opt_u32_from(cx, "rows", 1, 60).map_or(20, |r| r.v);
    let sheets = t.opt_u32_from(cx, "sheets", 1, 100).map_or(2, |r| r.v);
    let orientation = fields::orientation(cx, &mut t);
    let code = t.opt_str(cx, "code").map(|s| s.v);
    let edition = t.opt_str(cx, "edition").map(|s| s.v);
    let usage = super::outage::usage(cx, &mut t);
    t.finish(cx);
    Log {
        id,
        title,
        columns,
        fields,
        rows,
        sheets,
        orientation,
        code,
        edition,
        usage,
        loc: cx.loc(span),
    }
}

/// Copies and where they are kept, of the `[stock]` entries read.
type StockEntries = (Vec<(At<String>, At<u32>)>, Vec<(At<String>, At<String>)>);

/// Reads `[stock]`: artifact id = copies, or `{ copies = 60, kept = "…" }` for copies the
/// binder does not hold itself.
pub fn stock(cx: &mut Cx, t: Table) -> StockEntries {
    t.note("*", super::keys::Shape::Stock, false);
    // The keys of an entry written as a table, for the schema's probe (no entry is there).
    super::keys::note(
        "stock.*",
        "copies",
        super::keys::Shape::Int(0, 100_000),
        true,
    );
    super::keys::note("stock.*", "kept", super::keys::Shape::Str, true);
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for (k, v) in t.entries() {
        let key = At::new(k.get_ref().to_string(), cx.loc(k.span()));
        if let toml::de::DeValue::Table(_) = v.get_ref() {
            let Some(mut e) =
                super::reader::as_table(cx, v, format!("[stock] `{}`", key.v), "stock.*".into())
            else {
                continue;
            };
            let copies = e.opt_u32(cx, "copies", 100_000);
            let place = e.req_str(cx, "kept");
            e.finish(cx);
            match copies {
                Some(n) => out.push((key.clone(), n)),
                None => cx.error(
                    "missing-key",
                    v.span(),
                    format!("stock of `{}` has no `copies`", key.v),
                    format!("write it as `{} = {{ copies = 60, kept = \"…\" }}`", key.v),
                ),
            }
            if let Some(place) = place {
                kept.push((key, place));
            }
            continue;
        }
        match v.get_ref() {
            toml::de::DeValue::Integer(i) => match super::reader::decimal(i) {
                Err(msg) => cx.error(
                    "not-decimal",
                    v.span(),
                    format!("stock of `{}` {msg}", key.v),
                    format!("write it as `{} = 50`", key.v),
                ),
                Ok(Some(n)) if (0..=100_000).contains(&n) => {
                    out.push((key, At::new(n as u32, cx.loc(v.span()))))
                }
                _ => cx.error(
                    "out-of-range",
                    v.span(),
                    format!("stock of `{}` must be between 0 and 100000", key.v),
                    "write the number of copies a unit should hold".into(),
                ),
            },
            _ => cx.error(
                "wrong-type",
                v.span(),
                format!("stock of `{}` must be a whole number", key.v),
                format!("write it as `{} = 50`", key.v),
            ),
        }
    }
    (out, kept)
}
