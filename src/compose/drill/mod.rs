//! The drill packet: the drill leader's material (scenario card, inject cards, timing sheet,
//! evaluation form) followed by the whole binder, all of it marked as an exercise.
//!
//! One PDF, `<kit-id>-<version>-ovning.pdf` (`-exercise.pdf` for an English kit). Every page
//! carries the watermark and every downkit QR payload ends in `/X`; contact `tel:` codes are
//! kept as they are, so that a drill can test the numbers too.

mod calltree;
mod cards;
pub mod report;
mod scenario;
mod sheets;
mod standard;

pub use standard::{call_tree, default_scenario, find as find_scenario, CALL_TREE, STANDARD};

use super::ctx::Ctx;
use crate::labels::Label;
use crate::layout::Block;
use crate::model::{Scenario, ScenarioKind};

/// The drill packet's blocks: the leader's pages, then what the players work from — the whole
/// binder for an outage, the contact sheet for a call-tree test.
pub fn packet_blocks(cx: &Ctx, s: &Scenario, binder: fn(&Ctx) -> Vec<Block>) -> Vec<Block> {
    let mut b = leader_blocks(cx, s);
    match s.kind {
        ScenarioKind::Outage => b.extend(binder(cx)),
        ScenarioKind::CallTree => b.extend(super::contacts::blocks(cx)),
    }
    b
}

/// The drill leader's pages for `s`, ending with a page break: the scenario card, then the
/// inject cards and the timing sheet (an outage) or the call sheet (a call-tree test), and
/// the evaluation.
fn leader_blocks(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let header = format!(
        "{} – {}",
        cx.t(Label::Exercise),
        cx.t(Label::DrillLeaderMaterial)
    );
    let mut b = vec![Block::RunningHeader {
        text: Some(header),
        continued: format!("– {}", cx.t(Label::Continued)),
    }];
    b.extend(scenario::card(cx, s));
    match s.kind {
        ScenarioKind::Outage => {
            b.extend(cards::blocks(cx, s));
            b.extend(sheets::timing(cx, s));
        }
        ScenarioKind::CallTree => {
            b.extend(cards::blocks(cx, s));
            b.extend(calltree::sheet(cx, s));
        }
    }
    b.extend(sheets::evaluation(cx, s));
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b
}

/// The date boxes and the drill leader's name, at the top of the leader's sheets.
fn date_and_leader(cx: &Ctx) -> Block {
    Block::Row {
        cells: vec![
            (
                crate::layout::Width::Third,
                vec![cx.date_boxes(cx.t(Label::Date))],
            ),
            (
                crate::layout::Width::TwoThirds,
                vec![Block::LabelledBox {
                    label: cx.t(Label::DrillLeader).into(),
                    height_mm: 9.0,
                }],
            ),
        ],
        gap_mm: 5.0,
    }
}
