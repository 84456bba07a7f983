//! The recovery checklist: what `[recovery]` declares, as the checklist printed at the end of
//! its section — the kit's own items, then back-entry in time order, the downtime note,
//! duplicates cancelled, the register reconciled and what to destroy.

use super::outage::Recovery;
use super::{At, Checklist, ChecklistItem, ChecklistKind, Kit};
use crate::labels::Label;

/// The id of the recovery checklist (its QR code and page anchor).
pub const RECOVERY_ID: &str = "recovery";

impl Recovery {
    /// The section's title in the kit's language.
    pub fn title_in(&self, kit: &Kit) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| Label::RecoveryTitle.text(kit.meta.language).to_string())
    }

    /// The recovery checklist, critical items first.
    pub fn checklist(&self, kit: &Kit) -> Checklist {
        let lang = kit.meta.language;
        let t = |l: Label| l.text(lang).to_string();
        let item = |text: String, response: Label, critical: bool| ChecklistItem {
            text: At::new(text, self.loc),
            response: t(response),
            responses: Vec::new(),
            critical,
            ..ChecklistItem::default()
        };
        let mut items: Vec<ChecklistItem> =
            self.items.iter().filter(|i| i.critical).cloned().collect();
        items.push(item(
            t(Label::RecoveryItemBackEntry),
            Label::RecoveryDoneEntered,
            true,
        ));
        items.push(item(
            t(Label::RecoveryItemNote),
            Label::RecoveryDoneNoted,
            true,
        ));
        items.push(item(
            t(Label::RecoveryItemDuplicates),
            Label::RecoveryDoneCancelled,
            true,
        ));
        items.extend(self.items.iter().filter(|i| !i.critical).cloned());
        if kit.forms.iter().any(|f| f.serial.is_some()) {
            items.push(item(
                t(Label::RecoveryItemRegister),
                Label::RecoveryDoneReconciled,
                false,
            ));
        }
        for d in &self.destroy {
            let text = t(Label::RecoveryItemDestroy)
                .replace("{what}", &d.what)
                .replace("{how}", &d.how);
            items.push(item(text, Label::RecoveryDoneDestroyed, false));
        }
        Checklist {
            id: At::new(RECOVERY_ID.into(), self.loc),
            title: At::new(
                t(Label::RecoveryChecklist).replace("{title}", &self.title_in(kit)),
                self.loc,
            ),
            pause_point: if self.when.is_empty() {
                t(Label::RecoveryPausePoint)
            } else {
                self.when.clone()
            },
            kind: Some(ChecklistKind::ReadDo),
            items,
            time_column: false,
            initials_column: true,
            completion: true,
            columns: 1,
            orientation: crate::layout::Orientation::Portrait,
            code: None,
            edition: None,
            footnote: None,
            beside: None,
            loc: self.loc,
        }
    }
}
