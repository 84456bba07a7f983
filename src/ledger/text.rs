//! The ledger as TOML text: written one line a field with inline tables (so that a sheet is
//! one readable, diffable block; the toml crate's serializer would split every page and
//! every entry into sub-tables), read back strictly with serde.

use super::{Confirmed, Done, Ledger, Sheet};
use crate::lifecycle::toml_string as q;
use crate::payload::PrintRun;
use crate::reconcile::PageRef;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use std::fmt::Write;

/// Ledger files are named `ledger-<incident>.toml`.
pub const FILE_PREFIX: &str = "ledger-";

/// The file name of an incident's ledger.
pub fn file_name(incident: &str) -> String {
    format!("{FILE_PREFIX}{incident}.toml")
}

fn done(d: &Done) -> String {
    let mut s = format!("{{ date = {}", d.date);
    for (k, v) in [("case", &d.case), ("reason", &d.reason), ("by", &d.by)] {
        if let Some(v) = v {
            let _ = write!(s, ", {k} = {}", q(v));
        }
    }
    s.push_str(" }");
    s
}

/// The ledger as TOML.
pub fn to_toml(l: &Ledger) -> String {
    let mut s = format!(
        "# Back-entry ledger of the kit `{}`, incident `{}`: every sheet that came back and\n\
         # what was done with it. Written by `downkit reconcile` (see its --help); keep it\n\
         # beside the kit. It holds serial and case numbers, initials and the options of\n\
         # fields a person confirmed (the kit's words), no client data.\n\n\
         [incident]\nkit = {}\nid = {}\n",
        l.kit,
        l.incident,
        q(&l.kit),
        q(&l.incident)
    );
    if let Some(d) = l.started {
        let _ = writeln!(s, "started = {d}");
    }
    if let Some(b) = &l.started_by {
        let _ = writeln!(s, "started-by = {}", q(b));
    }
    if let Some(d) = l.ended {
        let _ = writeln!(s, "ended = {d}");
    }
    if let Some(b) = &l.ended_by {
        let _ = writeln!(s, "ended-by = {}", q(b));
    }
    for sh in &l.sheets {
        let _ = write!(
            s,
            "\n[[sheet]]\nform = {}\nserial = {}\n",
            q(&sh.form),
            q(&sh.serial)
        );
        if sh.copy > 1 {
            let _ = writeln!(s, "copy = {}", sh.copy);
        }
        if let Some(r) = &sh.run {
            let _ = writeln!(s, "run = {}", q(&r.to_string()));
        }
        let _ = writeln!(s, "version = {}\nhash = {}", q(&sh.version), q(&sh.hash));
        if let Some(d) = sh.received {
            let _ = writeln!(s, "received = {d}");
        }
        if !sh.pages.is_empty() {
            let pages: Vec<String> = sh
                .pages
                .iter()
                .map(|p| {
                    format!(
                        "{{ file = {}, page = {}, digest = {} }}",
                        q(&p.file),
                        p.page,
                        q(&p.digest)
                    )
                })
                .collect();
            let _ = writeln!(s, "pages = [{}]", pages.join(", "));
        }
        for (k, v) in [
            ("entered", &sh.entered),
            ("checked", &sh.checked),
            ("void", &sh.void),
            ("duplicate", &sh.duplicate),
        ] {
            if let Some(d) = v {
                let _ = writeln!(s, "{k} = {}", done(d));
            }
        }
        if sh.unused {
            let _ = writeln!(s, "unused = true");
        }
        if !sh.confirmed.is_empty() {
            let c: Vec<String> = sh
                .confirmed
                .iter()
                .map(|c| {
                    format!(
                        "{{ field = {}, value = {}, by = {}, date = {} }}",
                        q(&c.field),
                        q(&c.value),
                        q(&c.by),
                        c.date
                    )
                })
                .collect();
            let _ = writeln!(s, "confirmed = [{}]", c.join(", "));
        }
    }
    s
}

// The structs the ledger is read into are also what `downkit schema ledger` is derived from
// (schemars): their doc comments are the schema's descriptions.

/// A back-entry ledger, `ledger-<incident>.toml`: every sheet of one incident that came back
/// and what was done with it. Written by `downkit reconcile`; may be corrected by hand.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Ledger")]
struct RawLedger {
    /// The incident this ledger is of.
    incident: RawIncident,
    /// One per sheet that came back, or that was recorded by hand.
    #[serde(default)]
    sheet: Vec<RawSheet>,
}

/// The incident.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Incident")]
struct RawIncident {
    /// The kit id.
    kit: String,
    /// The incident id: lower-case letters, digits, dashes (`2026-03-natverk`).
    id: String,
    /// The day the outage began (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(schema_with = "date")]
    started: Option<toml::value::Datetime>,
    /// The day it ended; after it, a sheet not entered, voided or cancelled makes `status`
    /// exit 1.
    #[serde(default)]
    #[schemars(schema_with = "date")]
    ended: Option<toml::value::Datetime>,
    /// Who recorded the start (initials or name).
    #[serde(default, rename = "started-by")]
    started_by: Option<String>,
    /// Who recorded the end (initials or name).
    #[serde(default, rename = "ended-by")]
    ended_by: Option<String>,
}

/// A sheet that came back.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Sheet")]
struct RawSheet {
    /// The form id as printed.
    form: String,
    /// The serial number as printed (`HM-0007`).
    serial: String,
    /// 2, 3 … for further sheets with the same serial (a photocopied blank, shown as
    /// `HM-0007-B`); left out for the first.
    #[serde(default)]
    #[schemars(range(min = 1))]
    copy: Option<u32>,
    /// The print run its code carried: `YYYYMMDD` or `YYYYMMDD-N`; left out for codes
    /// printed before print runs were recorded.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9]{8}(-[0-9]{1,2})?$"))]
    run: Option<String>,
    /// The kit version printed on it.
    version: String,
    /// The content fingerprint printed in its code (8 hex digits).
    hash: String,
    /// When it was scanned (left out when recorded by hand only).
    #[serde(default)]
    #[schemars(schema_with = "date")]
    received: Option<toml::value::Datetime>,
    /// The scanned pages it came from.
    #[serde(default)]
    pages: Vec<RawPage>,
    /// Entered in the system: `{ date, case, by }`.
    #[serde(default)]
    entered: Option<RawDone>,
    /// The entry checked by a second person: `{ date, by }`.
    #[serde(default)]
    checked: Option<RawDone>,
    /// Voided (makulerad), never to be entered: `{ date, reason, by }`.
    #[serde(default)]
    void: Option<RawDone>,
    /// Already in the system as `case`; the duplicate was cancelled there: `{ date, case, by }`.
    #[serde(default)]
    duplicate: Option<RawDone>,
    /// Nothing was ticked or written on it when it was read.
    #[serde(default)]
    unused: bool,
    /// Fields a person confirmed from the scan.
    #[serde(default)]
    confirmed: Vec<RawConfirmed>,
}

/// A field's value read from the scan and confirmed (or corrected) by a person.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Confirmed")]
struct RawConfirmed {
    /// The field's id (`reconcile --format json`: read[].fields[].id).
    field: String,
    /// The value confirmed: the options ticked (`; ` between), `written`, or empty.
    value: String,
    /// Who confirmed it (initials or name).
    by: String,
    /// When.
    #[schemars(schema_with = "date")]
    date: toml::value::Datetime,
}

/// A scanned page a sheet came from.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Page")]
struct RawPage {
    /// The scan file's name.
    file: String,
    /// The page in that file, from 1.
    #[schemars(range(min = 1))]
    page: u32,
    /// The file's digest: recognises the same file read again.
    digest: String,
}

/// What was done with a sheet, when and by whom.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Done")]
struct RawDone {
    /// The day (YYYY-MM-DD).
    #[schemars(schema_with = "date")]
    date: toml::value::Datetime,
    /// Initials of who did it.
    #[serde(default)]
    by: Option<String>,
    /// The case or order number in the system.
    #[serde(default)]
    case: Option<String>,
    /// Why it was voided.
    #[serde(default)]
    reason: Option<String>,
}

/// A TOML date, as the other schemas write one.
fn date(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "format": "date"})
}

/// The JSON Schema (draft 2020-12) of a ledger file.
pub fn schema() -> serde_json::Value {
    let mut s = schemars::schema_for!(RawLedger).to_value();
    no_null(&mut s);
    s["$id"] = serde_json::json!("https://downkit.invalid/ledger.schema.json");
    s["title"] = serde_json::json!("downkit back-entry ledger");
    s
}

/// TOML has no null: an optional key is left out. Drops the `"default": null` and the
/// `"null"` type (or `anyOf` branch) schemars gives an `Option`, so that an editor never
/// suggests writing one.
fn no_null(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(o) => {
            if o.get("default").is_some_and(Value::is_null) {
                o.remove("default");
            }
            if let Some(Value::Array(types)) = o.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    o.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = o.get_mut("anyOf") {
                any.retain(|t| t.get("type").is_none_or(|t| t != "null"));
                if any.len() == 1 {
                    if let Value::Object(only) = any.remove(0) {
                        o.remove("anyOf");
                        o.extend(only);
                    }
                }
            }
            o.values_mut().for_each(no_null);
        }
        Value::Array(a) => a.iter_mut().for_each(no_null),
        _ => {}
    }
}

fn day(d: &toml::value::Datetime, what: &str) -> Result<NaiveDate, String> {
    match (d.date, d.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| format!("{what}: `{d}` is not a date")),
        _ => Err(format!("{what}: `{d}` is not a date; write YYYY-MM-DD")),
    }
}

fn done_of(r: Option<RawDone>, what: &str) -> Result<Option<Done>, String> {
    r.map(|r| {
        Ok(Done {
            date: day(&r.date, what)?,
            by: r.by,
            case: r.case,
            reason: r.reason,
        })
    })
    .transpose()
}

/// Reads a ledger; the error names the problem (and, for TOML errors, the line).
pub fn parse(text: &str) -> Result<Ledger, String> {
    let raw: RawLedger = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut sheets = Vec::with_capacity(raw.sheet.len());
    for (i, r) in raw.sheet.into_iter().enumerate() {
        let what = format!("sheet {} ({})", i + 1, r.serial);
        let run = match r.run {
            None => None,
            Some(t) => Some(PrintRun::parse(&t).ok_or_else(|| {
                format!("{what}: `{t}` is not a print run; write YYYYMMDD or YYYYMMDD-N")
            })?),
        };
        sheets.push(Sheet {
            copy: r.copy.unwrap_or(1).max(1),
            run,
            received: r.received.map(|d| day(&d, &what)).transpose()?,
            pages: r
                .pages
                .into_iter()
                .map(|p| PageRef {
                    file: p.file,
                    page: p.page,
                    digest: p.digest,
                })
                .collect(),
            entered: done_of(r.entered, &what)?,
            checked: done_of(r.checked, &what)?,
            void: done_of(r.void, &what)?,
            duplicate: done_of(r.duplicate, &what)?,
            unused: r.unused,
            confirmed: r
                .confirmed
                .into_iter()
                .map(|c| {
                    Ok(Confirmed {
                        date: day(&c.date, &what)?,
                        field: c.field,
                        value: c.value,
                        by: c.by,
                    })
                })
                .collect::<Result<_, String>>()?,
            form: r.form,
            serial: r.serial,
            version: r.version,
            hash: r.hash,
        });
    }
    Ok(Ledger {
        kit: raw.incident.kit,
        incident: raw.incident.id,
        started: raw
            .incident
            .started
            .map(|d| day(&d, "started"))
            .transpose()?,
        ended: raw.incident.ended.map(|d| day(&d, "ended")).transpose()?,
        started_by: raw.incident.started_by,
        ended_by: raw.incident.ended_by,
        sheets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_field() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let mut l = Ledger::new("hjalpmedel-hemtjanst", "2026-03");
        l.ended = Some(d(20));
        l.sheets.push(Sheet {
            form: "bestallning".into(),
            serial: "HM-0007".into(),
            copy: 2,
            run: PrintRun::parse("20260110-2"),
            version: "1.0".into(),
            hash: "ad0fdecd".into(),
            received: Some(d(21)),
            pages: vec![PageRef {
                file: "skanning \"mars\".pdf".into(),
                page: 3,
                digest: "0123456789abcdef".into(),
            }],
            entered: Some(Done {
                date: d(22),
                by: Some("AB".into()),
                case: Some("4711".into()),
                reason: None,
            }),
            checked: None,
            void: None,
            duplicate: None,
            unused: true,
            confirmed: vec![Confirmed {
                field: "hjalpmedel".into(),
                value: "Rollator; Rullstol".into(),
                by: "CD".into(),
                date: d(22),
            }],
        });
        let text = to_toml(&l);
        assert!(
            text.contains("entered = { date = 2026-03-22, case = \"4711\", by = \"AB\" }"),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), l);
        assert!(parse("[incident]\nkit = \"k\"\nid = \"i\"\nnope = 1\n").is_err());
        assert!(parse(&text.replace("2026-03-22", "2026-03-22T10:00:00")).is_err());
    }
}
