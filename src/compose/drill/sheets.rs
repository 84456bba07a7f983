//! The drill leader's timing sheet (planned and actual times) and the evaluation form.

use super::cards::ordered;
use crate::compose::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::Scenario;

/// Height of a handwritten table row, mm.
const ROW_H: f32 = 8.5;

/// Start, each inject, each checklist completed, the first order or form, end.
pub fn timing(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let columns = [
        (Label::Event, 5.0),
        (Label::Planned, 1.4),
        (Label::Actual, 1.4),
        (Label::Notes, 3.0),
    ]
    .map(|(l, weight)| Column::new(cx.t(l), weight))
    .to_vec();
    let row = |event: Vec<Block>, planned: String| {
        vec![
            event,
            vec![para(planned, BODY_PT)],
            vec![Block::Spacer(ROW_H - 3.0)],
            vec![],
        ]
    };
    let when = |m| super::scenario::when(cx, s, m);
    let mut rows = vec![row(
        vec![bold(cx.t(Label::DrillStarts), BODY_PT)],
        when(s.start.minutes()),
    )];
    let mut day = 1;
    for (n, i) in ordered(s) {
        // A new day of the scenario: the leader announces the jump before its first inject.
        let at = s.at(i);
        if at / crate::model::DAY_MINUTES + 1 > day {
            day = at / crate::model::DAY_MINUTES + 1;
            let jump = format!("{}: {}", cx.t(Label::TimeJump), when(at));
            rows.push(row(vec![bold(jump, BODY_PT)], when(at)));
        }
        let mut event = vec![para(
            format!(
                "{} – {}: {}",
                cx.t(Label::InjectHandedOut).replace("{n}", &n.to_string()),
                i.to,
                i.text
            ),
            BODY_PT,
        )];
        if let Some(e) = &i.expect {
            event.push(para(format!("{}: {e}", cx.t(Label::Expected)), SMALL_PT));
        }
        rows.push(row(event, when(at)));
    }
    for c in &cx.kit.checklists {
        let text = format!("{}: {}", cx.t(Label::ChecklistDone), c.title.v);
        rows.push(row(vec![para(text, BODY_PT)], String::new()));
    }
    let mut first = cx.t(Label::FirstFormFilled).to_string();
    if let Some(f) = cx.kit.forms.first() {
        first = format!("{first}: {}", f.title.v);
    }
    rows.push(row(vec![para(first, BODY_PT)], String::new()));
    rows.push(row(
        vec![bold(cx.t(Label::DrillEnds), BODY_PT)],
        when(s.start.minutes() + s.duration),
    ));
    vec![
        heading(
            1,
            format!("{}: {}", cx.t(Label::TimingSheet), s.title.v),
            Some("drill-timing".into()),
        ),
        bold(cx.t(Label::TimingIntro), BODY_PT),
        Block::Table(Table::new(columns, rows, BODY_PT)),
        Block::PageBreak,
    ]
}

/// What worked, what did not, what to change in the kit, who follows up and by when.
pub fn evaluation(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let follow_columns = [
        (Label::Action, 5.0),
        (Label::Who, 2.0),
        (Label::ByWhen, 1.8),
        (Label::Done, 1.0),
    ]
    .map(|(l, weight)| Column::new(cx.t(l), weight))
    .to_vec();
    let follow_rows = (0..5)
        .map(|_| (0..4).map(|_| vec![Block::Spacer(ROW_H - 3.0)]).collect())
        .collect();
    vec![
        heading(
            1,
            format!("{}: {}", cx.t(Label::Evaluation), s.title.v),
            Some("drill-evaluation".into()),
        ),
        super::date_and_leader(cx),
        Block::WriteLines {
            label: cx.t(Label::Participants).into(),
            lines: 2,
        },
        Block::WriteLines {
            label: cx.t(Label::WhatWorked).into(),
            lines: 3,
        },
        Block::WriteLines {
            label: cx.t(Label::WhatDidNot).into(),
            lines: 3,
        },
        Block::WriteLines {
            label: cx.t(Label::ChangeInKit).into(),
            lines: 3,
        },
        bold(cx.t(Label::FollowUps), BODY_PT),
        Block::Table(Table::new(follow_columns, follow_rows, BODY_PT)),
        para(cx.t(Label::EvaluationHandIn), SMALL_PT),
        Block::PageBreak,
    ]
}
