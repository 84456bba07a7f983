//! The scenario card (what has happened, when, which systems are down) and the generic
//! scenario used when a kit defines none.

use crate::build::ctx::{bold, heading, lead, para, Ctx, BODY_PT, STEP_PT};
use crate::labels::Label;
use crate::layout::{Block, Marker, Span, Width};
use crate::model::{At, ClockTime, Inject, Kit, Lang, Scenario};

/// The scenario card: read out (or handed out) when the drill starts.
pub fn card(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let minutes = cx.t(Label::Minutes).replace("{n}", &s.duration.to_string());
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
            time(Label::DrillStart, s.start.to_string()),
            time(Label::DrillEnd, s.end().to_string()),
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

/// A generic scenario for a kit that defines none: the business system goes down at 09:00
/// for an hour; five injects walk through detection, activation, a case on paper, a contact
/// who does not answer, and the return.
pub fn default_scenario(kit: &Kit) -> Scenario {
    let lang: Lang = kit.meta.language;
    let t = |l: Label| l.text(lang).to_string();
    let start = ClockTime::new(9, 0).expect("09:00 is a time");
    let contact = kit
        .contacts
        .first()
        .map_or_else(|| t(Label::DefaultContact), |c| c.role.v.clone());
    let at = |m: u32| At::new(start.plus(m), kit.meta.loc);
    let inject = |m, text: String, to: Label, expect: Label| Inject {
        time: at(m),
        text,
        to: t(to),
        expect: Some(t(expect)),
    };
    Scenario {
        id: At::new("standard".into(), kit.meta.loc),
        title: At::new(t(Label::DefaultScenarioTitle), kit.meta.loc),
        what_happened: t(Label::DefaultWhatHappened).replace("{start}", &start.to_string()),
        systems_down: vec![t(Label::DefaultSystem)],
        start,
        duration: 60,
        injects: vec![
            inject(
                0,
                t(Label::DefaultInject1),
                Label::DefaultTo1,
                Label::DefaultExpect1,
            ),
            inject(
                5,
                t(Label::DefaultInject2),
                Label::DefaultTo2,
                Label::DefaultExpect2,
            ),
            inject(
                15,
                t(Label::DefaultInject3),
                Label::DefaultTo3,
                Label::DefaultExpect3,
            ),
            inject(
                30,
                t(Label::DefaultInject4).replace("{contact}", &contact),
                Label::DefaultTo4,
                Label::DefaultExpect4,
            ),
            inject(
                50,
                t(Label::DefaultInject5),
                Label::DefaultTo2,
                Label::DefaultExpect5,
            ),
        ],
        loc: kit.meta.loc,
    }
}
