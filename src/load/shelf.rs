//! Reads the shelf-check log, `shelf-checks.toml` beside a kit's `kit.toml`: one `[[check]]`
//! per look at a binder on its shelf. Written by `downkit binder --checked`, same strict
//! reader as the kit.

use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::shelf::{Found, ShelfCheck, ShelfLog};
use crate::model::At;
use chrono::NaiveDate;

/// The shelf-check log's file name in a kit folder.
pub const FILE_NAME: &str = "shelf-checks.toml";

/// Most checks in one log (a check a month at 100 places for 8 years).
pub const MAX_CHECKS: usize = 10_000;

/// Reads a parsed `shelf-checks.toml`.
pub fn log(cx: &mut Cx, mut root: Table, file: usize) -> ShelfLog {
    let checks = root
        .tables(cx, "check", MAX_CHECKS)
        .into_iter()
        .map(|t| check(cx, t))
        .collect();
    root.finish(cx);
    ShelfLog {
        file: Some(file),
        checks,
        unreadable: false,
    }
}

fn check(cx: &mut Cx, mut t: Table) -> ShelfCheck {
    let span = t.span();
    let location = t.str_or_empty(cx, "location");
    let date = t
        .req_date(cx, "date")
        .unwrap_or_else(|| At::new(NaiveDate::default(), cx.loc(span.start..span.start)));
    let by = t.str_or_empty(cx, "by").v;
    let version = t.opt_str(cx, "found");
    let hash = t.opt_str(cx, "hash").map(|h| h.v);
    let missing = t.opt_bool(cx, "missing").unwrap_or(false);
    t.finish(cx);
    let found = match (version, missing) {
        (Some(v), false) => Found::Binder { version: v.v, hash },
        (None, true) => Found::Missing,
        (Some(v), true) => {
            cx.diags.push(
                Diagnostic::error(
                    "conflicting-keys",
                    v.loc,
                    "a shelf check has both `found` and `missing = true`",
                )
                .hint("a check found a binder (`found = \"1.0\"`) or none (`missing = true`)"),
            );
            Found::Missing
        }
        (None, false) => {
            cx.error(
                "missing-key",
                span.start..span.start + 1,
                "a shelf check says neither what was `found` nor that it was `missing`".into(),
                "add `found = \"1.0\"` (the version on the binder's cover) or `missing = true`"
                    .into(),
            );
            Found::Missing
        }
    };
    ShelfCheck {
        location,
        date,
        by,
        found,
        loc: cx.loc(span),
    }
}
