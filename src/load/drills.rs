//! Reads the drill log, `drills.toml` beside a kit's `kit.toml`: one `[[drill]]` per drill
//! held, with its `[[drill.follow-up]]`s. Same strict reader as the kit.

use super::reader::{Cx, Table};
use crate::model::{At, Call, CallResult, Drill, DrillLog, FollowUp};
use chrono::NaiveDate;

/// The drill log's file name in a kit folder.
pub const FILE_NAME: &str = "drills.toml";

/// Most drills in one log.
pub const MAX_DRILLS: usize = 1000;

/// Reads a parsed `drills.toml`.
pub fn log(cx: &mut Cx, mut root: Table, file: usize) -> DrillLog {
    let drills = root
        .tables(cx, "drill", MAX_DRILLS)
        .into_iter()
        .filter_map(|t| drill(cx, t))
        .collect();
    root.finish(cx);
    DrillLog {
        file: Some(file),
        drills,
    }
}

fn drill(cx: &mut Cx, mut t: Table) -> Option<Drill> {
    let span = t.span();
    // A missing or bad date is reported; the drill is kept (with an empty location, which
    // later stages skip) so that its other problems are reported too.
    let date = t
        .req_date(cx, "date")
        .unwrap_or_else(|| At::new(NaiveDate::default(), cx.loc(span.start..span.start)));
    let scenario = t.opt_str(cx, "scenario");
    let list = |t: &mut Table, cx: &mut Cx, key| -> Vec<String> {
        t.opt_str_list(cx, key)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.v)
            .collect()
    };
    let participants = list(&mut t, cx, "participants");
    let findings = list(&mut t, cx, "findings");
    let follow_ups = t
        .tables(cx, "follow-up", 100)
        .into_iter()
        .filter_map(|mut f| {
            let what = f.str_or_empty(cx, "what").v;
            let who = f.str_or_empty(cx, "who").v;
            let by = f.req_date(cx, "by");
            let done = f.opt_bool(cx, "done").unwrap_or(false);
            let done_on = f.opt_date(cx, "done-on").map(|d| d.v);
            let done_by = f.opt_str(cx, "done-by").map(|s| s.v);
            f.finish(cx);
            Some(FollowUp {
                what,
                who,
                by: by?,
                done,
                done_on,
                done_by,
            })
        })
        .collect();
    let calls = t
        .tables(cx, "call", crate::load::MAX_ITEMS)
        .into_iter()
        .filter_map(|c| call(cx, c))
        .collect();
    t.finish(cx);
    Some(Drill {
        date,
        scenario,
        participants,
        findings,
        follow_ups,
        calls,
        loc: cx.loc(span),
    })
}

/// One `[[drill.call]]`: a contact called in a call-tree test and how it went.
fn call(cx: &mut Cx, mut t: Table) -> Option<Call> {
    let contact = t.req_str(cx, "contact");
    let choices = CallResult::ALL.map(|r| (r.key(), r));
    let result = super::fields::req_choice(cx, &mut t, "result", &choices);
    let note = t.opt_str(cx, "note").map(|s| s.v);
    t.finish(cx);
    Some(Call {
        contact: contact?,
        result: result?,
        note,
    })
}
