//! Reads `[[dataset]]` (an export the kit prints from) and the snapshot keys of `[kit]`,
//! recording every problem. Whether the names it refers to exist is checked in `validate`.

use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::dataset::*;
use crate::model::At;
use chrono::NaiveDateTime;
use toml::de::DeValue;

/// Most datasets a kit may declare.
pub const MAX_DATASETS: usize = 20;
/// Most columns a dataset may declare.
pub const MAX_DATA_COLUMNS: usize = 60;
/// Most lists, schedules or forms one dataset may print.
const MAX_PRINTS: usize = 20;
/// Most days a schedule may print.
pub const MAX_DAYS: u32 = 62;

/// Reads `snapshot-destroy-after-days` and `snapshot-max-age` of `[kit]`.
pub fn snapshot_settings(cx: &mut Cx, t: &mut Table) -> SnapshotSettings {
    let destroy_after_days = t.opt_u32(cx, "snapshot-destroy-after-days", 366);
    if let Some(d) = destroy_after_days.as_ref().filter(|d| d.v == 0) {
        cx.diags.push(
            Diagnostic::error("out-of-range", d.loc, "`snapshot-destroy-after-days` cannot be 0")
                .hint("give the days a printed snapshot may be kept, e.g. `snapshot-destroy-after-days = 14`"),
        );
    }
    let max_age = t.opt_str(cx, "snapshot-max-age");
    let max_age_written = max_age.is_some();
    let max_age_hours = max_age.and_then(|s| match hours(&s.v) {
        Some(h) if h > 0 => Some(At::new(h, s.loc)),
        _ => {
            cx.diags.push(
                Diagnostic::error(
                    "bad-value",
                    s.loc,
                    format!("`{}` is not an age in hours or days", s.v),
                )
                .hint("write it as `snapshot-max-age = \"26h\"` or `\"2d\"`"),
            );
            None
        }
    });
    SnapshotSettings {
        destroy_after_days,
        max_age_hours,
        max_age_written,
    }
}

/// `"26h"` → 26, `"2d"` → 48.
pub(super) fn hours(text: &str) -> Option<u32> {
    let t = text.trim();
    let (n, per) = match t.strip_suffix('h') {
        Some(n) => (n, 1),
        None => (t.strip_suffix('d')?, 24),
    };
    n.trim()
        .parse::<u32>()
        .ok()?
        .checked_mul(per)
        .filter(|h| *h <= 24 * 366)
}

/// A local date and time: a TOML datetime (`2026-12-01T06:00:00`) or a string
/// `"2026-12-01 06:00"`.
fn opt_datetime(cx: &mut Cx, t: &mut Table, key: &'static str) -> Option<At<NaiveDateTime>> {
    t.note(key, super::keys::Shape::Str, false);
    let v = t.get(key)?;
    let text = match v.get_ref() {
        DeValue::Datetime(d) => d.to_string(),
        DeValue::String(s) => s.to_string(),
        _ => String::new(),
    };
    match parse_datetime(&text) {
        Some(d) => Some(At::new(d, cx.loc(v.span()))),
        None => {
            cx.error(
                "bad-date",
                v.span(),
                format!("`{key}` is not a date and time"),
                format!("write it as `{key} = \"2026-12-01 06:00\"`"),
            );
            None
        }
    }
}

/// Parses `2026-12-01 06:00`, `2026-12-01T06:00` (seconds allowed).
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().replace('T', " ");
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
}

/// Reads one `[[dataset]]`.
pub fn dataset(cx: &mut Cx, mut t: Table) -> Dataset {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let sample = t.opt_str(cx, "sample");
    let sample_as_of = opt_datetime(cx, &mut t, "sample-as-of");
    let columns = t
        .tables(cx, "column", MAX_DATA_COLUMNS)
        .into_iter()
        .map(|c| column(cx, c))
        .collect();
    let key = t.str_or_empty(cx, "key");
    let sort = t.opt_str_list(cx, "sort").unwrap_or_default();
    let group_by = t.opt_str(cx, "group-by");
    let encodings = [
        ("auto", Encoding::Auto),
        ("utf-8", Encoding::Utf8),
        ("windows-1252", Encoding::Windows1252),
        ("latin-1", Encoding::Windows1252),
    ];
    let encoding = super::fields::choice(cx, &mut t, "encoding", &encodings).unwrap_or_default();
    let delimiters = [(";", b';'), (",", b','), ("tab", b'\t'), ("\t", b'\t')];
    let delimiter = super::fields::choice(cx, &mut t, "delimiter", &delimiters);
    let formats = [("csv", ExportFormat::Csv), ("json", ExportFormat::Json)];
    let format = super::fields::choice(cx, &mut t, "format", &formats);
    let lists = t
        .tables(cx, "list", MAX_PRINTS)
        .into_iter()
        .map(|l| list(cx, l))
        .collect();
    let schedules = t
        .tables(cx, "schedule", MAX_PRINTS)
        .into_iter()
        .map(|s| schedule(cx, s))
        .collect();
    let forms = t
        .tables(cx, "form", MAX_PRINTS)
        .into_iter()
        .map(|f| prefilled(cx, f))
        .collect();
    t.finish(cx);
    Dataset {
        id,
        title,
        sample,
        sample_as_of,
        columns,
        key,
        sort,
        group_by,
        encoding,
        delimiter,
        format,
        lists,
        schedules,
        forms,
        loc: cx.loc(span),
    }
}

/// Reads one `[[dataset.column]]`.
fn column(cx: &mut Cx, mut c: Table) -> DataColumn {
    let span = c.span();
    let name = c.str_or_empty(cx, "name");
    let label = c.opt_str(cx, "label").unwrap_or_else(|| name.clone());
    let kind = super::fields::choice(cx, &mut c, "kind", &DataKind::NAMES).unwrap_or_default();
    let personal = c.opt_bool(cx, "personal-data").unwrap_or(false);
    let width = super::fields::width(cx, &mut c, "width");
    c.finish(cx);
    DataColumn {
        name,
        label,
        kind,
        personal,
        width,
        loc: cx.loc(span),
    }
}

/// The columns of a list or schedule, with a missing or empty list reported.
fn columns(cx: &mut Cx, t: &mut Table) -> Vec<At<String>> {
    let span = t.span();
    let cols = t.opt_str_list(cx, "columns").unwrap_or_default();
    if cols.is_empty() {
        cx.error(
            "missing-key",
            span,
            format!("{} prints no columns", t.name),
            "add `columns = [\"Namn\", \"Adress\"]` (names of the dataset's columns)".into(),
        );
    }
    cols
}

/// `only = { column = "…", equals = "…" | ["…", …] }`.
fn only(cx: &mut Cx, t: &mut Table) -> Option<RowFilter> {
    let mut f = t.table(cx, "only")?;
    let column = f.req_str(cx, "column");
    // One value or a list; the schema knows the one-value form.
    f.note("equals", super::keys::Shape::Str, true);
    let values = match f.get("equals") {
        None => {
            cx.error(
                "missing-key",
                f.span(),
                "`only` has no `equals`".into(),
                "add `equals = \"Ja\"` (or a list of values)".into(),
            );
            Vec::new()
        }
        Some(v) => match v.get_ref() {
            DeValue::String(s) => vec![s.to_string()],
            DeValue::Array(a) => a
                .iter()
                .filter_map(|i| match i.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect(),
            _ => {
                cx.error(
                    "wrong-type",
                    v.span(),
                    "`equals` must be a string or an array of strings".into(),
                    "write `equals = \"Ja\"` or `equals = [\"Ja\", \"Delvis\"]`".into(),
                );
                Vec::new()
            }
        },
    };
    f.finish(cx);
    Some(RowFilter {
        column: column?,
        values,
    })
}

/// Reads one `[[dataset.list]]`.
fn list(cx: &mut Cx, mut t: Table) -> DataList {
    let span = t.span();
    let title = t.str_or_empty(cx, "title");
    let columns = columns(cx, &mut t);
    let write_in = t.opt_str_list(cx, "write-in").unwrap_or_default();
    let orientation = super::fields::orientation(cx, &mut t);
    let only = only(cx, &mut t);
    t.finish(cx);
    DataList {
        title,
        columns,
        write_in,
        orientation,
        only,
        loc: cx.loc(span),
    }
}

/// Reads one `[[dataset.schedule]]`.
fn schedule(cx: &mut Cx, mut t: Table) -> Schedule {
    let span = t.span();
    let title = t.str_or_empty(cx, "title");
    let date = t.str_or_empty(cx, "date");
    let days = t
        .opt_u32(cx, "days", MAX_DAYS)
        .unwrap_or_else(|| At::new(14, cx.loc(span.start..span.start)));
    if days.v == 0 {
        cx.diags.push(
            Diagnostic::error("out-of-range", days.loc, "`days = 0` prints no day")
                .hint("give the days to print from the snapshot's date, e.g. `days = 14`"),
        );
    }
    let columns = columns(cx, &mut t);
    let write_in = t.opt_str_list(cx, "write-in").unwrap_or_default();
    let orientation = super::fields::orientation(cx, &mut t);
    let only = only(cx, &mut t);
    t.finish(cx);
    Schedule {
        title,
        date,
        days,
        columns,
        write_in,
        orientation,
        only,
        loc: cx.loc(span),
    }
}

/// Reads one `[[dataset.form]]`.
fn prefilled(cx: &mut Cx, mut t: Table) -> PrefilledForm {
    let span = t.span();
    let form = t.str_or_empty(cx, "form");
    let mut fill = Vec::new();
    match t.table(cx, "fill") {
        None => cx.error(
            "missing-key",
            span.clone(),
            format!("{} fills in no field", t.name),
            "add `fill = { \"Namn\" = \"Namn\" }` (the form's field label = the dataset's column)"
                .into(),
        ),
        Some(f) => {
            // Free-form: the form's field labels are the keys.
            f.note("*", super::keys::Shape::Str, false);
            for (k, v) in f.entries() {
                let label = At::new(k.get_ref().to_string(), cx.loc(k.span()));
                match v.get_ref() {
                    DeValue::String(s) => {
                        fill.push((label, At::new(s.to_string(), cx.loc(v.span()))))
                    }
                    _ => cx.error(
                        "wrong-type",
                        v.span(),
                        format!("the column for field \"{}\" must be a string", label.v),
                        "write `\"<field label>\" = \"<column name>\"`".into(),
                    ),
                }
            }
        }
    }
    let only = only(cx, &mut t);
    t.finish(cx);
    PrefilledForm {
        form,
        fill,
        only,
        loc: cx.loc(span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_datetimes() {
        assert_eq!(hours("26h"), Some(26));
        assert_eq!(hours("2d"), Some(48));
        assert_eq!(hours("2 d"), Some(48));
        assert_eq!(hours("2w"), None);
        assert_eq!(hours("h"), None);
        let d = parse_datetime("2026-12-01 06:00").unwrap();
        assert_eq!(d.to_string(), "2026-12-01 06:00:00");
        assert_eq!(
            parse_datetime("2026-12-01T06:00:30"),
            d.checked_add_signed(chrono::TimeDelta::seconds(30))
        );
        assert_eq!(parse_datetime("2026-12-01"), None);
    }
}
