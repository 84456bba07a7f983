//! The scenarios every kit has without writing one: the standard outage, played over as many
//! days as the kit plans for (`outage-hours`) with time jumps, and the call-tree test.

use crate::labels::Label;
use crate::model::{At, ClockTime, Inject, Kit, Scenario, ScenarioKind, DAY_MINUTES};

/// The id of the standard outage scenario.
pub const STANDARD: &str = "standard";
/// The id of the standard call-tree test.
pub const CALL_TREE: &str = "call-tree";

/// Most days the standard scenario plays (an outage of weeks is drilled as its first week).
const MAX_DAYS: u32 = 7;

/// The standard scenario for a kit that defines none: the business system goes down on day
/// 1 at 09:00 and stays down for the kit's planning horizon (3 days by default). The injects
/// walk through detection, activation (closing the intake channels), a case on paper, a
/// contact who does not answer, the first night, the next morning with the stock counted, a
/// printer that fails too, and the return on the last day.
pub fn default_scenario(kit: &Kit) -> Scenario {
    let lang = kit.meta.language;
    let t = |l: Label| l.text(lang).to_string();
    let days = kit.meta.outage_hours().div_ceil(24).clamp(1, MAX_DAYS);
    let start = ClockTime::new(9, 0).expect("09:00 is a time");
    let contact = kit
        .contacts
        .first()
        .map_or_else(|| t(Label::DefaultContact), |c| c.role.v.clone());
    let at = |day: u32, h: u32, m: u32| {
        let time = ClockTime::new(h, m).expect("a time of day");
        (
            Some(At::new(day, kit.meta.loc)),
            At::new(time, kit.meta.loc),
        )
    };
    let inject = |(day, time), text: String, to: Label, expect: String| Inject {
        day,
        time,
        text,
        to: t(to),
        expect: Some(expect),
    };
    let mut activation = t(Label::DefaultExpect2);
    if !kit.intake.is_empty() {
        let channels: Vec<&str> = kit.intake.iter().map(|i| i.name.v.as_str()).collect();
        activation.push(' ');
        activation
            .push_str(&t(Label::DefaultExpectIntake).replace("{channels}", &channels.join(", ")));
    }
    let mut injects = vec![
        inject(
            at(1, 9, 0),
            t(Label::DefaultInject1),
            Label::DefaultTo1,
            t(Label::DefaultExpect1),
        ),
        inject(
            at(1, 9, 10),
            t(Label::DefaultInject2),
            Label::DefaultTo2,
            activation,
        ),
        inject(
            at(1, 10, 0),
            t(Label::DefaultInject3),
            Label::DefaultTo3,
            t(Label::DefaultExpect3),
        ),
        inject(
            at(1, 13, 0),
            t(Label::DefaultInject4).replace("{contact}", &contact),
            Label::DefaultTo4,
            t(Label::DefaultExpect4),
        ),
    ];
    if days > 1 {
        injects.push(inject(
            at(1, 22, 0),
            t(Label::DefaultInjectNight),
            Label::DefaultToNight,
            t(Label::DefaultExpectNight),
        ));
        injects.push(inject(
            at(2, 7, 0),
            t(Label::DefaultInjectDay2).replace("{day}", "2"),
            Label::DefaultTo2,
            t(Label::DefaultExpectDay2),
        ));
        injects.push(inject(
            at(2, 13, 0),
            t(Label::DefaultInjectPrinter),
            Label::DefaultTo3,
            t(Label::DefaultExpectPrinter),
        ));
    }
    let back = if days > 1 {
        t(Label::DefaultInject5).replace("{day}", &days.to_string())
    } else {
        t(Label::DefaultInject5OneDay)
    };
    injects.push(inject(
        at(days, 15, 0),
        back,
        Label::DefaultTo2,
        t(Label::DefaultExpect5),
    ));
    let (title, mut what) = if days > 1 {
        (
            t(Label::DefaultScenarioTitle).replace("{days}", &days.to_string()),
            t(Label::DefaultWhatHappened),
        )
    } else {
        (
            t(Label::DefaultScenarioTitleOneDay),
            t(Label::DefaultWhatHappened),
        )
    };
    what = what.replace("{start}", &start.to_string());
    if days > 1 {
        what.push(' ');
        what.push_str(&t(Label::DefaultTimeJumps).replace("{days}", &days.to_string()));
    }
    Scenario {
        id: At::new(STANDARD.into(), kit.meta.loc),
        kind: ScenarioKind::Outage,
        title: At::new(title, kit.meta.loc),
        what_happened: what,
        systems_down: vec![t(Label::DefaultSystem)],
        start,
        // To 16:00 on the last day.
        duration: (days - 1) * DAY_MINUTES + 7 * 60,
        injects,
        loc: kit.meta.loc,
    }
}

/// The standard call-tree test: every contact called on the first number, the result, date
/// and time written on the call sheet, and `drill --record --reached …` afterwards.
pub fn call_tree(kit: &Kit) -> Scenario {
    let t = |l: Label| l.text(kit.meta.language).to_string();
    Scenario {
        id: At::new(CALL_TREE.into(), kit.meta.loc),
        kind: ScenarioKind::CallTree,
        title: At::new(t(Label::CallTreeTitle), kit.meta.loc),
        what_happened: t(Label::CallTreeWhat),
        systems_down: vec![t(Label::CallTreeSystem)],
        start: ClockTime::new(9, 0).expect("09:00 is a time"),
        duration: 120,
        injects: Vec::new(),
        loc: kit.meta.loc,
    }
}

/// The scenario `id` names: the kit's own, else a standard one; `None` when there is none.
/// Without an id: the kit's first scenario, else the standard outage.
pub fn find(kit: &Kit, id: Option<&str>) -> Option<Scenario> {
    match id {
        None => Some(
            kit.scenarios
                .first()
                .cloned()
                .unwrap_or_else(|| default_scenario(kit)),
        ),
        Some(id) => kit
            .scenarios
            .iter()
            .find(|s| s.id.v == id)
            .cloned()
            .or_else(|| match id {
                STANDARD => Some(default_scenario(kit)),
                CALL_TREE => Some(call_tree(kit)),
                _ => None,
            }),
    }
}
