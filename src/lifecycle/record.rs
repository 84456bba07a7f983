//! Recording a drill: the TOML text of one `[[drill]]` entry, appended to `drills.toml` so
//! that the coordinator's own comments and layout stay untouched.

use crate::model::{CallResult, FollowUp};
use chrono::NaiveDate;
use std::fmt::Write;

/// A drill to record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewDrill {
    /// When it was held.
    pub date: NaiveDate,
    /// The scenario practised.
    pub scenario: Option<String>,
    /// Who took part.
    pub participants: Vec<String>,
    /// What was found.
    pub findings: Vec<String>,
    /// What must be done about it.
    pub follow_ups: Vec<FollowUp>,
    /// Call-tree results: contact id and how the call went.
    pub calls: Vec<(String, CallResult)>,
}

/// The first lines of a new drill log.
pub fn log_header(kit_id: &str) -> String {
    format!(
        "# Drill log of the kit `{kit_id}`: one [[drill]] per drill held, newest last.\n\
         # Written by `downkit drill --record` and by hand; see docs/kit-format.md.\n"
    )
}

/// A TOML basic string, escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The entry as TOML, starting with a blank line.
pub fn entry_toml(d: &NewDrill) -> String {
    let mut s = format!("\n[[drill]]\ndate = {}\n", d.date);
    if let Some(sc) = &d.scenario {
        let _ = writeln!(s, "scenario = {}", quote(sc));
    }
    let _ = writeln!(s, "participants = {}", list(&d.participants));
    let _ = writeln!(s, "findings = {}", list(&d.findings));
    for f in &d.follow_ups {
        let _ = write!(
            s,
            "\n[[drill.follow-up]]\nwhat = {}\nwho = {}\nby = {}\ndone = {}\n",
            quote(&f.what),
            quote(&f.who),
            f.by.v,
            f.done
        );
    }
    for (contact, result) in &d.calls {
        let _ = write!(
            s,
            "\n[[drill.call]]\ncontact = {}\nresult = {}\n",
            quote(contact),
            quote(result.key())
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::At;

    #[test]
    fn entry_is_valid_toml_with_escapes() {
        let d = NewDrill {
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            scenario: Some("natverk".into()),
            participants: vec!["Anna \"Nisse\" Berg".into(), "Bo\\Ek".into()],
            findings: vec!["Faxen saknade papper\nsom vanligt".into()],
            follow_ups: vec![FollowUp {
                what: "Köp papper".into(),
                who: "Enhetschef".into(),
                by: At::new(
                    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                    Default::default(),
                ),
                done: false,
                done_on: None,
                done_by: None,
            }],
            calls: vec![("hmc-jour".into(), CallResult::NoAnswer)],
        };
        let text = entry_toml(&d);
        let v: toml::Table = toml::from_str(&text).unwrap();
        let drill = &v["drill"].as_array().unwrap()[0];
        assert_eq!(
            drill["participants"][0].as_str(),
            Some("Anna \"Nisse\" Berg")
        );
        assert_eq!(drill["participants"][1].as_str(), Some("Bo\\Ek"));
        assert_eq!(
            drill["findings"][0].as_str(),
            Some("Faxen saknade papper\nsom vanligt")
        );
        assert_eq!(drill["follow-up"][0]["who"].as_str(), Some("Enhetschef"));
        assert_eq!(drill["call"][0]["result"].as_str(), Some("no-answer"));
    }
}
