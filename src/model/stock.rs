//! The stock a kit plans for the length of an outage: for each form and log, the copies a
//! unit holds, the expected use, what the planning horizon (`outage-hours`) needs and how
//! long the stock lasts. One computation for `check` (a warning when stock runs out early),
//! the register's stock list and `status`.

use super::{At, Kit, Loc, Usage};

/// Hours of outage a kit plans for when it does not say: real outages lasted days.
pub const DEFAULT_OUTAGE_HOURS: u32 = 72;

/// The stock of one form or log.
#[derive(Debug, Clone, PartialEq)]
pub struct StockLine {
    /// Form or log id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Copies (log sheets) the unit holds: its `[stock]` entry, else what the binder prints.
    pub held: u32,
    /// Where `[stock]` says so, when it does.
    pub stock_loc: Option<Loc>,
    /// Expected use, when the kit states it.
    pub usage: Option<At<Usage>>,
    /// Copies the planning horizon needs.
    pub need: Option<u32>,
    /// Whole hours the copies held last.
    pub lasts_hours: Option<u32>,
}

impl StockLine {
    /// True when the copies held run out before the planning horizon.
    pub fn short(&self) -> bool {
        self.need.is_some_and(|n| n > self.held)
    }
}

impl Kit {
    /// The stock plan for the kit's horizon: every form and log that has a `[stock]` entry
    /// or an expected use, forms first, in kit order. `copies` is `--copies` (what the binder
    /// prints of each serialized form).
    pub fn stock_plan(&self, copies: Option<u32>) -> Vec<StockLine> {
        let hours = self.meta.outage_hours();
        let stock = |id: &str| self.stock.iter().find(|(s, _)| s.v == id).map(|(_, n)| n);
        let forms = self.forms.iter().map(|f| {
            let printed = f
                .serial
                .as_ref()
                .map_or(1, |s| copies.unwrap_or(s.copies).max(1));
            (&f.id.v, &f.title.v, printed, f.usage.clone())
        });
        let logs = self
            .logs
            .iter()
            .map(|l| (&l.id.v, &l.title.v, l.sheets, l.usage.clone()));
        forms
            .chain(logs)
            .filter(|(id, _, _, usage)| usage.is_some() || stock(id).is_some())
            .map(|(id, title, printed, usage)| {
                let s = stock(id);
                let held = s.map_or(printed, |n| n.v);
                StockLine {
                    id: id.clone(),
                    title: title.clone(),
                    held,
                    stock_loc: s.map(|n| n.loc),
                    need: usage.as_ref().map(|u| u.v.need(hours)),
                    lasts_hours: usage.as_ref().and_then(|u| u.v.lasts_hours(held)),
                    usage,
                }
            })
            .collect()
    }
}
