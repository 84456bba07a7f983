//! Reads `[[role]]`, `[[term]]` and `[[insert]]`: the roles people act in, the kit's words
//! and abbreviations, and the material printed elsewhere and kept in the binder.

use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::{At, Insert, Role, Term};

/// Most roles, terms or inserts in one kit.
pub const MAX_GUIDE_ITEMS: usize = 200;

/// Reads one `[[role]]`.
pub fn role(cx: &mut Cx, mut t: Table) -> Role {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let name = t.str_or_empty(cx, "name");
    let contacts = t.opt_str_list(cx, "contacts").unwrap_or_default();
    t.finish(cx);
    Role {
        id,
        name,
        contacts,
        loc: cx.loc(span),
    }
}

/// Reads one `[[term]]`.
pub fn term(cx: &mut Cx, mut t: Table) -> Term {
    let span = t.span();
    let term = t.str_or_empty(cx, "term");
    let means = t.str_or_empty(cx, "means");
    t.finish(cx);
    Term {
        term,
        means,
        loc: cx.loc(span),
    }
}

/// Reads one `[[insert]]`.
pub fn insert(cx: &mut Cx, mut t: Table) -> Insert {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let text =
        |cx: &mut Cx, t: &mut Table, key| t.opt_str(cx, key).map(|s| s.v).unwrap_or_default();
    let what = text(cx, &mut t, "what");
    let printed_by = text(cx, &mut t, "printed-by");
    let every = text(cx, &mut t, "every");
    let if_missing = text(cx, &mut t, "if-missing");
    let max_age = t.opt_str(cx, "max-age");
    let max_age_hours = max_age.and_then(|s| match super::dataset::hours(&s.v) {
        Some(h) if h > 0 => Some(At::new(h, s.loc)),
        _ => {
            cx.diags.push(
                Diagnostic::error(
                    "bad-value",
                    s.loc,
                    format!("`{}` is not an age in hours or days", s.v),
                )
                .hint("write it as `max-age = \"26h\"` or `\"31d\"`"),
            );
            None
        }
    });
    let dataset = t.opt_str(cx, "dataset");
    t.finish(cx);
    Insert {
        id,
        title,
        what,
        printed_by,
        every,
        max_age_hours,
        if_missing,
        dataset,
        loc: cx.loc(span),
    }
}
