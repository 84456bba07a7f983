//! The scenario card: what has happened, when, which systems are down; times on the
//! scenario's clock, with the day when it runs over several days.

use crate::compose::ctx::{bold, heading, lead, para, Ctx, BODY_PT, STEP_PT};
use crate::labels::Label;
use crate::layout::{Block, Marker, Span, Width};
use crate::model::{ClockTime, Scenario, DAY_MINUTES};

/// A moment on the scenario's clock, `minutes` from midnight before day 1: "10:25", or
/// "Dag 2 07:00" when the scenario runs over several days.
pub fn when(cx: &Ctx, s: &Scenario, minutes: u32) -> String {
    let time = ClockTime::new(0, 0)
        .expect("midnight")
        .plus(minutes % DAY_MINUTES)
        .to_string();
    if s.spans_days() {
        cx.t(Label::DayTime)
            .replace("{day}", &(minutes / DAY_MINUTES + 1).to_string())
            .replace("{time}", &time)
    } else {
        time
    }
}

/// The planned length in words: "90 minuter", "7 timmar", "2 dygn 7 timmar".
fn length(cx: &Ctx, minutes: u32) -> String {
    let (days, hours) = (minutes / DAY_MINUTES, minutes % DAY_MINUTES / 60);
    if days > 0 {
        cx.t(Label::DaysHours)
            .replace("{days}", &days.to_string())
            .replace("{hours}", &hours.to_string())
    } else if minutes >= 180 && minutes.is_multiple_of(60) {
        cx.t(Label::HoursN)
            .replace("{n}", &(minutes / 60).to_string())
    } else {
        cx.t(Label::Minutes).replace("{n}", &minutes.to_string())
    }
}

/// The scenario card: read out (or handed out) when the drill starts.
pub fn card(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let minutes = length(cx, s.duration);
    let start = s.start.minutes();
    let time = |label: Label, value: String| {
        (
            Width::Third,
            vec![bold(cx.t(label), BODY_PT), para(value, STEP_PT)],
        )
    };
    let mut b = vec![
        heading(
            1,
            format!("{}: {}", cx.t(Label::Scenario), s.title.v),
            Some("drill-scenario".into()),
        ),
        lead(cx.t(Label::ScenarioWhat), &s.what_happened, STEP_PT),
    ];
    if !s.systems_down.is_empty() {
        b.push(lead(
            cx.t(Label::SystemsDown),
            &s.systems_down.join(", "),
            STEP_PT,
        ));
    }
    b.push(Block::Row {
        cells: vec![
            time(Label::DrillStart, when(cx, s, start)),
            time(Label::DrillEnd, when(cx, s, start + s.duration)),
            time(Label::PlannedLength, minutes),
        ],
        gap_mm: 5.0,
    });
    b.push(Block::Marked {
        marker: Marker::Critical,
        spans: vec![Span {
            text: cx.t(Label::ExerciseCalls).into(),
            bold: true,
        }],
        size_pt: STEP_PT,
    });
    b.push(super::date_and_leader(cx));
    b.push(Block::PageBreak);
    b
}
