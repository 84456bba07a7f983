//! The ledger as TOML text: written one line a field with inline tables (so that a sheet is
//! one readable, diffable block; the toml crate's serializer would split every page and
//! every entry into sub-tables), read back strictly with serde.

use super::{Done, Ledger, Sheet};
use crate::lifecycle::toml_string as q;
use crate::payload::PrintRun;
use crate::reconcile::PageRef;
use chrono::NaiveDate;
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
         # beside the kit. It holds serial and case numbers and initials, no client data.\n\n\
         [incident]\nkit = {}\nid = {}\n",
        l.kit,
        l.incident,
        q(&l.kit),
        q(&l.incident)
    );
    if let Some(d) = l.started {
        let _ = writeln!(s, "started = {d}");
    }
    if let Some(d) = l.ended {
        let _ = writeln!(s, "ended = {d}");
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
    }
    s
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLedger {
    incident: RawIncident,
    #[serde(default)]
    sheet: Vec<RawSheet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    kit: String,
    id: String,
    started: Option<toml::value::Datetime>,
    ended: Option<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    form: String,
    serial: String,
    copy: Option<u32>,
    run: Option<String>,
    version: String,
    hash: String,
    received: Option<toml::value::Datetime>,
    #[serde(default)]
    pages: Vec<RawPage>,
    entered: Option<RawDone>,
    checked: Option<RawDone>,
    void: Option<RawDone>,
    duplicate: Option<RawDone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    file: String,
    page: u32,
    digest: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDone {
    date: toml::value::Datetime,
    by: Option<String>,
    case: Option<String>,
    reason: Option<String>,
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
