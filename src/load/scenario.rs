//! Reads `[[scenario]]` and its `[[scenario.inject]]` cards.

use super::reader::{Cx, Table};
use crate::model::{ClockTime, Inject, Scenario};

/// Most scenarios in one kit.
pub const MAX_SCENARIOS: usize = 50;
/// Most injects in one scenario.
pub const MAX_INJECTS: usize = 100;

/// Reads one `[[scenario]]`.
pub fn scenario(cx: &mut Cx, mut t: Table) -> Scenario {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let what_happened = t.str_or_empty(cx, "what-happened").v;
    let systems_down = t
        .opt_str_list(cx, "systems-down")
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.v)
        .collect();
    let start = t
        .req_time(cx, "start")
        .map_or(ClockTime::default(), |s| s.v);
    let duration = t
        .opt_u32_from(cx, "duration-minutes", 1, 24 * 60)
        .map_or(60, |d| d.v);
    let injects = t
        .tables(cx, "inject", MAX_INJECTS)
        .into_iter()
        .filter_map(|i| inject(cx, i))
        .collect();
    t.finish(cx);
    Scenario {
        id,
        title,
        what_happened,
        systems_down,
        start,
        duration,
        injects,
        loc: cx.loc(span),
    }
}

fn inject(cx: &mut Cx, mut t: Table) -> Option<Inject> {
    let time = t.req_time(cx, "time");
    let text = t.str_or_empty(cx, "text").v;
    let to = t.str_or_empty(cx, "to").v;
    let expect = t.opt_str(cx, "expect").map(|s| s.v);
    t.finish(cx);
    Some(Inject {
        time: time?,
        text,
        to,
        expect,
    })
}
