//! Drill checks: scenarios (ids, titles, inject times) and the drill log (scenario references,
//! dates, follow-ups past their date).

use super::refs::{dangling, unique};
use crate::diag::Diagnostic;
use crate::model::{At, Kit};
use chrono::NaiveDate;

/// Checks the kit's scenarios and its drill log as of `today`.
pub fn check(kit: &Kit, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&At<String>> = kit.scenarios.iter().map(|s| &s.id).collect();
    unique(&ids, "scenario", diags);
    for s in &kit.scenarios {
        if s.title.v.trim().is_empty() && s.title.loc.start != s.title.loc.end {
            diags.push(
                Diagnostic::error(
                    "empty-title",
                    s.title.loc,
                    "the scenario has an empty title",
                )
                .hint("say what happens, e.g. \"Nätverket nere en måndagsmorgon\""),
            );
        }
        let (start, end) = (s.start.minutes(), s.start.minutes() + s.duration);
        for i in &s.injects {
            // A time without a day after midnight belongs to the next day.
            let t = s.at(i);
            if t < start || t > end {
                diags.push(
                    Diagnostic::warning(
                        "inject-outside",
                        i.time.loc,
                        format!(
                            "the inject at {}{} is outside the drill ({}–{}{})",
                            i.day.as_ref().map_or_else(String::new, |d| format!("day {} ", d.v)),
                            i.time.v,
                            s.start,
                            if s.end_day() > 1 { format!("day {} ", s.end_day()) } else { String::new() },
                            s.end()
                        ),
                    )
                    .hint("move the inject into the drill, or raise `duration-minutes` (a long outage: 3 days is 4320)"),
                );
            }
        }
    }
    let builtin = [crate::compose::STANDARD, crate::compose::CALL_TREE];
    let contacts: Vec<&At<String>> = kit.contacts.iter().map(|c| &c.id).collect();
    for d in &kit.drills.drills {
        if let Some(sc) = &d.scenario {
            if !ids.iter().any(|i| i.v == sc.v) && !builtin.contains(&sc.v.as_str()) {
                dangling(sc, "scenario", &ids, diags);
            }
        }
        for c in &d.calls {
            if !contacts.iter().any(|i| i.v == c.contact.v) {
                dangling(&c.contact, "contact", &contacts, diags);
            }
        }
        if d.date.v > today {
            diags.push(
                Diagnostic::warning(
                    "drill-in-future",
                    d.date.loc,
                    format!(
                        "the drill is recorded for {}, which has not come yet",
                        d.date.v
                    ),
                )
                .hint("record a drill after it was held, with the day it was held"),
            );
        }
        for f in d.follow_ups.iter().filter(|f| !f.done && f.by.v < today) {
            let days = (today - f.by.v).num_days();
            diags.push(
                Diagnostic::warning(
                    "follow-up-overdue",
                    f.by.loc,
                    format!(
                        "follow-up \"{}\" ({}) was due {} ({days} days ago)",
                        f.what, f.who, f.by.v
                    ),
                )
                .label(format!("{days} days overdue"))
                .hint(format!(
                    "do it, then record it: `downkit drill <kit> --record --done \"{}\"` (or `done = true` in drills.toml); else agree a new `by` date",
                    f.what
                )),
            );
        }
    }
}
