//! The drill packet: the drill leader's material (scenario card, inject cards, timing sheet,
//! evaluation form) followed by the whole binder, all of it marked as an exercise.
//!
//! One PDF, `<kit-id>-<version>-ovning.pdf` (`-exercise.pdf` for an English kit). Every page
//! carries the watermark and every downkit QR payload ends in `/X`; contact `tel:` codes are
//! kept as they are, so that a drill can test the numbers too.

mod cards;
mod scenario;
mod sheets;

pub use scenario::default_scenario;

use super::ctx::Ctx;
use crate::labels::Label;
use crate::layout::Block;
use crate::model::Scenario;

/// The drill leader's pages for `s`, ending with a page break.
pub fn leader_blocks(cx: &Ctx, s: &Scenario) -> Vec<Block> {
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
    b.extend(cards::blocks(cx, s));
    b.extend(sheets::timing(cx, s));
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
