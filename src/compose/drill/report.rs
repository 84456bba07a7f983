//! The after-action report (`drill --report`): from the kit's drill log, what each drill
//! exercised, what it found and the call-tree results, and the improvement plan — every
//! follow-up with its owner, date and status (done on, open, overdue) — for the meeting that
//! follows the drills up.

use crate::compose::ctx::{bold, heading, para, unbroken, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::{CallResult, Drill, FollowUp};
use chrono::NaiveDate;

/// The status of one follow-up on `today`.
pub fn status(cx: &Ctx, f: &FollowUp, today: NaiveDate) -> String {
    match (f.done, f.done_on) {
        (true, Some(d)) => cx.t(Label::ReportDoneOn).replace("{date}", &d.to_string()),
        (true, None) => cx.t(Label::Done).to_string(),
        (false, _) if f.by.v < today => cx.t(Label::ReportOverdue).to_string(),
        (false, _) => cx.t(Label::ReportOpen).to_string(),
    }
}

/// Drills newest first (the order written for drills of one day).
fn newest_first(drills: &[Drill]) -> Vec<&Drill> {
    let mut d: Vec<&Drill> = drills.iter().collect();
    d.sort_by_key(|d| std::cmp::Reverse(d.date.v));
    d
}

/// What a drill exercised: its scenario's title (and id), or that none was given.
fn exercised(cx: &Ctx, d: &Drill) -> String {
    match &d.scenario {
        Some(id) => match crate::compose::find_scenario(cx.kit, Some(&id.v)) {
            Some(s) => format!("{} ({})", s.title.v, id.v),
            None => id.v.clone(),
        },
        None => cx.t(Label::ReportNoScenario).to_string(),
    }
}

/// The report's blocks, dated `opts.date`.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let today = cx.opts.date;
    let log = &cx.kit.drills;
    let mut b = vec![
        heading(1, cx.t(Label::ReportTitle), Some("after-action".into())),
        para(cx.kit.meta.title.v.clone(), BODY_PT),
        para(
            cx.t(Label::ReportIntro)
                .replace("{date}", &today.to_string()),
            BODY_PT,
        ),
    ];
    let follow: Vec<(&Drill, &FollowUp)> = newest_first(&log.drills)
        .into_iter()
        .flat_map(|d| d.follow_ups.iter().map(move |f| (d, f)))
        .collect();
    let Some(last) = log.last() else {
        b.push(bold(cx.t(Label::ReportNoDrills), BODY_PT));
        return b;
    };
    let open = follow.iter().filter(|(_, f)| !f.done).count();
    let overdue = follow
        .iter()
        .filter(|(_, f)| !f.done && f.by.v < today)
        .count();
    b.push(bold(
        cx.t(Label::ReportSummary)
            .replace("{drills}", &log.drills.len().to_string())
            .replace("{last}", &last.to_string())
            .replace("{open}", &open.to_string())
            .replace("{overdue}", &overdue.to_string())
            .replace("{done}", &(follow.len() - open).to_string()),
        BODY_PT,
    ));
    b.push(heading(2, cx.t(Label::ReportPlan), None));
    if follow.is_empty() {
        b.push(para(cx.t(Label::ReportNoPlan), BODY_PT));
    } else {
        // Open ones first, the earliest due date first; then the done ones.
        let mut rows = follow.clone();
        rows.sort_by_key(|(_, f)| (f.done, f.by.v));
        let columns = vec![
            Column::new(cx.t(Label::Action), 4.0),
            Column::new(cx.t(Label::Owner), 2.0),
            Column::fit(cx.t(Label::ByWhen)),
            Column::fit(cx.t(Label::ReportFromDrill)),
            Column::new(cx.t(Label::ReportStatus), 2.2),
        ];
        let rows = rows
            .iter()
            .map(|(d, f)| {
                vec![
                    vec![para(f.what.clone(), BODY_PT)],
                    vec![para(f.who.clone(), BODY_PT)],
                    vec![para(unbroken(&f.by.v.to_string()), BODY_PT)],
                    vec![para(unbroken(&d.date.v.to_string()), BODY_PT)],
                    vec![bold(status(cx, f, today), BODY_PT)],
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(columns, rows, BODY_PT)));
        b.push(para(cx.t(Label::ReportRecord), SMALL_PT));
    }
    b.push(heading(2, cx.t(Label::ReportDrills), None));
    for d in newest_first(&log.drills) {
        b.extend(drill(cx, d));
    }
    b
}

/// One drill: date and what was exercised, who took part, the call results and findings.
fn drill(cx: &Ctx, d: &Drill) -> Vec<Block> {
    let mut b = vec![heading(
        3,
        format!("{} – {}", d.date.v, exercised(cx, d)),
        None,
    )];
    if !d.participants.is_empty() {
        b.push(para(
            format!(
                "{}: {}",
                cx.t(Label::Participants),
                d.participants.join(", ")
            ),
            BODY_PT,
        ));
    }
    if !d.calls.is_empty() {
        let n = |r: CallResult| d.calls.iter().filter(|c| c.result == r).count().to_string();
        b.push(para(
            cx.t(Label::ReportCalls)
                .replace("{reached}", &n(CallResult::Reached))
                .replace("{no_answer}", &n(CallResult::NoAnswer))
                .replace("{wrong}", &n(CallResult::WrongNumber)),
            BODY_PT,
        ));
        for (r, label) in [
            (CallResult::NoAnswer, Label::NoAnswer),
            (CallResult::WrongNumber, Label::WrongNumber),
        ] {
            let who: Vec<String> = d
                .calls
                .iter()
                .filter(|c| c.result == r)
                .map(|c| {
                    let role = cx.contact(&c.contact.v).map_or("", |k| k.role.v.as_str());
                    match &c.note {
                        Some(n) => format!("{role} ({}): {n}", c.contact.v),
                        None => format!("{role} ({})", c.contact.v),
                    }
                })
                .collect();
            if !who.is_empty() {
                b.push(para(
                    format!("{}: {}", cx.t(label), who.join("; ")),
                    BODY_PT,
                ));
            }
        }
    }
    if d.findings.is_empty() {
        b.push(para(cx.t(Label::ReportNoFindings), BODY_PT));
    } else {
        b.push(bold(cx.t(Label::ReportFindings), BODY_PT));
        b.push(Block::NumberedList {
            start: 1,
            items: d
                .findings
                .iter()
                .map(|f| vec![para(f.clone(), BODY_PT)])
                .collect(),
            size_pt: BODY_PT,
        });
    }
    b
}
