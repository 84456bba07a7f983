//! What a kit prints that comes back to be reconciled: its serialized forms, the serials
//! each prints, and how the pages of one copy lie (so that a copy's pages without a code
//! count with it as one sheet).

use crate::compose::{self, BuildError, BuildOptions};
use crate::fonts::FontSet;
use crate::layout::Item;
use crate::load::Loaded;
use crate::model::Serial;
use crate::payload::{short_hash, Payload};

/// One serialized form of the kit.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedForm {
    /// Form id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its numbering, with the copies printed (`--copies` applied).
    pub serial: Serial,
    /// Pages of one copy.
    pub pages_per_copy: usize,
    /// Which of them (from 0) carries the copy's QR code.
    pub code_page: usize,
}

impl PrintedForm {
    /// The serial's number when `serial` is one this form prints (prefix, digits, range).
    pub fn number_of(&self, serial: &str) -> Option<u32> {
        let digits = serial.strip_prefix(&self.serial.prefix)?;
        if digits.len() != self.serial.digits as usize
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        let last = u64::from(self.serial.first) + u64::from(self.serial.copies) - 1;
        (n >= self.serial.first && u64::from(n) <= last).then_some(n)
    }

    /// The serials printed, in order.
    pub fn serials(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.serial.copies).map(|i| self.serial.nth(i))
    }

    /// The serial of number `n`.
    pub fn serial_of(&self, n: u32) -> String {
        self.serial.nth(n - self.serial.first)
    }
}

/// The kit as it prints now.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// Kit id.
    pub kit: String,
    /// Kit version.
    pub version: String,
    /// Short content hash, as payloads carry it.
    pub hash: String,
    /// Serialized forms, in kit order.
    pub forms: Vec<PrintedForm>,
}

impl Printed {
    /// The kit's serialized forms; `copies` overrides the kit's copies as in `build`. Each
    /// form is laid out with two copies to see how many pages one copy takes.
    pub fn of(
        loaded: &Loaded,
        fonts: &FontSet,
        copies: Option<u32>,
    ) -> Result<Printed, BuildError> {
        let m = &loaded.kit.meta;
        let mut forms = Vec::new();
        for f in &loaded.kit.forms {
            let Some(s) = &f.serial else { continue };
            let opts = BuildOptions {
                copies: Some(2.min(copies.unwrap_or(s.copies)).max(1)),
                ..BuildOptions::default()
            };
            let doc = compose::artifact_document(loaded, fonts, &opts, &f.id.v)?;
            let code_pages: Vec<usize> = (0..doc.pages.len())
                .filter(|&i| {
                    doc.page_items(i).any(|it| match it {
                        Item::Qr { payload, .. } => {
                            Payload::parse(payload).is_ok_and(|p| p.serial.is_some())
                        }
                        _ => false,
                    })
                })
                .collect();
            let start = doc
                .anchors
                .get(&format!("form-{}", f.id.v))
                .map_or(0, |p| p.saturating_sub(1));
            let code_page = code_pages.first().map_or(0, |q| q.saturating_sub(start));
            let pages_per_copy = match code_pages.as_slice() {
                [a, b, ..] => b - a,
                _ => doc.pages.len().saturating_sub(start).max(code_page + 1),
            };
            forms.push(PrintedForm {
                id: f.id.v.clone(),
                title: f.title.v.clone(),
                serial: Serial {
                    copies: copies.unwrap_or(s.copies).max(1),
                    ..s.clone()
                },
                pages_per_copy: pages_per_copy.max(1),
                code_page,
            });
        }
        Ok(Printed {
            kit: m.id.v.clone(),
            version: m.version.v.clone(),
            hash: short_hash(&loaded.kit.fingerprint()),
            forms,
        })
    }

    /// A serialized form by id.
    pub fn form(&self, id: &str) -> Option<&PrintedForm> {
        self.forms.iter().find(|f| f.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_in_range_only() {
        let f = PrintedForm {
            id: "bestallning".into(),
            title: "Beställning".into(),
            serial: Serial {
                copies: 25,
                prefix: "HM-".into(),
                first: 1,
                digits: 4,
            },
            pages_per_copy: 1,
            code_page: 0,
        };
        assert_eq!(f.number_of("HM-0007"), Some(7));
        assert_eq!(f.number_of("HM-0025"), Some(25));
        assert_eq!(f.number_of("HM-0026"), None);
        assert_eq!(f.number_of("HM-007"), None);
        assert_eq!(f.number_of("AV-0007"), None);
        assert_eq!(f.serial_of(7), "HM-0007");
        assert_eq!(f.serials().count(), 25);
    }
}
