//! What a kit prints that comes back to be reconciled: its serialized forms, the serials
//! each prints, how the pages of one copy lie (so that a copy's pages without a code count
//! with it as one sheet), and — from the build's print record — which print runs were
//! printed and the serials of each, so that a code that was never printed is refused.

use super::marks::{Described, Kind, SheetSpec};
use crate::compose::{self, BuildError, BuildOptions};
use crate::fonts::FontSet;
use crate::layout::Item;
use crate::lifecycle::{LastBuild, PrintedRun};
use crate::load::Loaded;
use crate::model::Serial;
use crate::model::{Checklist, FieldKind, Form};
use crate::payload::{short_hash, Payload, PrintRun};
use crate::scan::{Layouts, SheetLayout};
use chrono::NaiveDate;

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
    /// Where the boxes of its code page are, to read them (`None`: nothing there to read).
    pub read: Option<SheetSpec>,
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
    /// The print runs the build record lists (empty without one).
    pub runs: Vec<PrintedRun>,
    /// Where that record is, for messages (`None` without one).
    pub record: Option<String>,
    /// `--copies` was given.
    pub copies_given: bool,
    /// The checklists with boxes to read, by id.
    pub checklists: Vec<(String, SheetSpec)>,
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
            let read = code_pages.first().and_then(|&page| {
                SheetSpec::of_page(&doc, page, |p| p.serial.is_some(), &described_form(f))
            });
            forms.push(PrintedForm {
                id: f.id.v.clone(),
                title: f.title.v.clone(),
                serial: Serial {
                    copies: copies.unwrap_or(s.copies).max(1),
                    ..s.clone()
                },
                pages_per_copy: pages_per_copy.max(1),
                code_page,
                read,
            });
        }
        let mut checklists = Vec::new();
        for c in &loaded.kit.checklists {
            let doc = compose::artifact_document(loaded, fonts, &BuildOptions::default(), &c.id.v)?;
            let described = described_checklist(c);
            let id = c.id.v.as_str();
            let mine = |p: &Payload| p.artifact.as_deref() == Some(id) && p.serial.is_none();
            if let Some(spec) =
                (0..doc.pages.len()).find_map(|i| SheetSpec::of_page(&doc, i, mine, &described))
            {
                checklists.push((c.id.v.clone(), spec));
            }
        }
        Ok(Printed {
            kit: m.id.v.clone(),
            version: m.version.v.clone(),
            hash: short_hash(&loaded.kit.fingerprint()),
            forms,
            runs: Vec::new(),
            record: None,
            copies_given: copies.is_some(),
            checklists,
        })
    }

    /// Where the boxes are on the page that carries `p`: a sheet of a serialized form or a
    /// checklist of the kit as it prints now (`None` for anything else: another version,
    /// a drill copy, another kit).
    pub fn sheet_spec(&self, p: &Payload) -> Option<&SheetSpec> {
        if p.kit != self.kit || p.version != self.version || p.hash != self.hash || p.exercise {
            return None;
        }
        let id = p.artifact.as_deref()?;
        match p.serial {
            Some(_) => self.form(id)?.read.as_ref(),
            None => self
                .checklists
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, s)| s),
        }
    }

    /// A serialized form by id.
    pub fn form(&self, id: &str) -> Option<&PrintedForm> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// Takes the print runs of the build record `record` (found at `shown`): each form of
    /// the kit as it is now then holds every serial a run of this version printed. An error
    /// when `--copies` was given fewer than a run of this version printed: the sheets above
    /// it would be silently missing from the report.
    pub fn with_record(mut self, record: LastBuild, shown: &str) -> Result<Printed, String> {
        if record.kit != self.kit {
            return Ok(self);
        }
        for f in &mut self.forms {
            let most = record
                .runs
                .iter()
                .filter(|r| r.version == self.version && r.hash == self.hash)
                .filter_map(|r| r.forms.get(&f.id).map(|s| (r, s)))
                .max_by_key(|(_, s)| s.copies);
            let Some((run, printed)) = most else { continue };
            if self.copies_given && printed.copies > f.serial.copies {
                return Err(format!(
                    "--copies {} is fewer than the {} copies of `{}` printed in print run {} \
                     ({}, recorded in {shown}); leave --copies out: the record says what each \
                     run printed",
                    f.serial.copies,
                    printed.copies,
                    f.id,
                    PrintRun::parse(&run.run).map_or(run.run.clone(), |r| r.describe()),
                    printed.describe()
                ));
            }
            f.serial.copies = f.serial.copies.max(printed.copies);
        }
        self.runs = record.runs;
        self.record = Some(shown.to_string());
        Ok(self)
    }

    /// [`Printed::with_record`] with the record of the build into `out`
    /// (`<out>/<kit-id>.last-build.json`), when there is one; an error when it cannot be read
    /// or contradicts `--copies`.
    pub fn with_record_in(self, out: &std::path::Path) -> Result<Printed, String> {
        match LastBuild::read(out, &self.kit)? {
            None => Ok(self),
            Some(record) => {
                let shown = out.join(LastBuild::file_name(&self.kit));
                self.with_record(record, &shown.display().to_string())
            }
        }
    }

    /// The recorded run of `version`/`hash` that codes with `run` come from.
    fn recorded(&self, version: &str, hash: &str, run: PrintRun) -> Option<&PrintedRun> {
        let text = run.to_string();
        self.runs
            .iter()
            .find(|r| r.version == version && r.hash == hash && r.run == text)
    }

    /// The last number printed of `form` in `run` (the record's, else the form's copies).
    pub fn last_of(&self, form: &PrintedForm, run: Option<PrintRun>) -> u32 {
        let recorded = run
            .and_then(|r| self.recorded(&self.version, &self.hash, r))
            .and_then(|r| r.forms.get(&form.id))
            .and_then(|s| crate::lifecycle::serial_parts(&s.last))
            .map(|(_, n)| n);
        recorded.unwrap_or(form.serial.first + form.serial.copies - 1)
    }

    /// Whether the sheet a code names was printed: `Err` with why not, in words. Judged by
    /// the build record's runs where it lists the code's version, else by the kit's
    /// numbering (with `--copies`) for the version printed now; a run dated after `today`
    /// was never printed.
    pub fn judge(&self, p: &Payload, today: NaiveDate) -> Result<(), String> {
        let (Some(serial), Some(form)) = (&p.serial, &p.artifact) else {
            return Ok(());
        };
        if let Some(run) = p.run {
            if run.date > today {
                return Err(format!(
                    "its print run {} is dated after today ({today}): no such printing exists",
                    run.describe()
                ));
            }
        }
        let of_version: Vec<&PrintedRun> = self
            .runs
            .iter()
            .filter(|r| r.version == p.version && r.hash == p.hash)
            .collect();
        let record = self.record.as_deref().unwrap_or_default();
        if let (Some(run), false) = (p.run, of_version.is_empty()) {
            let Some(r) = self.recorded(&p.version, &p.hash, run) else {
                let listed: Vec<String> = of_version
                    .iter()
                    .filter_map(|r| PrintRun::parse(&r.run).map(|r| r.describe()))
                    .collect();
                return Err(format!(
                    "print run {} of version {} was never printed: {record} lists {}; if it was \
                     printed into another folder, give that folder with --out",
                    run.describe(),
                    p.version,
                    listed.join("; ")
                ));
            };
            return match r.forms.get(form) {
                Some(range) if range.holds(serial) => Ok(()),
                Some(range) => Err(format!(
                    "{serial} is not among the {} copies of `{form}` printed in print run {} \
                     ({}, {record})",
                    range.copies,
                    run.describe(),
                    range.describe()
                )),
                None => Err(format!(
                    "print run {} printed no `{form}` ({record})",
                    run.describe()
                )),
            };
        }
        if p.version != self.version || p.hash != self.hash {
            // Another printing of the kit, not in the record: its numbering is not known.
            return Ok(());
        }
        let Some(f) = self.form(form) else {
            return Err(format!("the kit prints no numbered form `{form}`"));
        };
        if f.number_of(serial).is_some() {
            return Ok(());
        }
        let range = format!(
            "{}–{}",
            f.serial_of(f.serial.first),
            f.serial_of(f.serial.first + f.serial.copies - 1)
        );
        Err(if self.copies_given {
            format!(
                "{serial} is not among the {} copies given with --copies ({range}); if more \
                 were printed, give --copies as the kit was built with",
                f.serial.copies
            )
        } else {
            format!(
                "{serial} is not a serial `{form}` prints ({range}, {} copies); if more were \
                 printed, give --copies as the kit was built with",
                f.serial.copies
            )
        })
    }
}

impl Layouts for Printed {
    fn layout(&self, code: &str) -> Option<&SheetLayout> {
        let p = Payload::parse(code).ok()?;
        self.sheet_spec(&p).map(|s| &s.layout)
    }
}

/// A form's fields as they are read: key, label, how filled in, option labels.
fn described_form(f: &Form) -> Described {
    let fields = f
        .keyed_fields()
        .into_iter()
        .filter_map(|(key, field)| {
            let label = field.label.v.clone();
            let (kind, options) = match &field.kind {
                FieldKind::Instruction => return None,
                FieldKind::Checkbox => (Kind::Any, vec![label.clone()]),
                FieldKind::Choice(o) | FieldKind::MultiChoice(o) => {
                    let kind = if matches!(field.kind, FieldKind::Choice(_)) {
                        Kind::One
                    } else {
                        Kind::Any
                    };
                    let all = o.iter().flat_map(|o| o.all()).map(|o| o.label.clone());
                    (kind, all.collect())
                }
                _ => (Kind::Write, Vec::new()),
            };
            Some((key, label, kind, options))
        })
        .collect();
    Described { fields }
}

/// A checklist's boxes as they are read: `<id>/<n>` the tick before item `n` (or its
/// response), `<id>/<n>.critical` a critical item's second box, `<id>/<n>.response` the
/// responses of an item that also has a box before its text.
fn described_checklist(c: &Checklist) -> Described {
    let mut fields = Vec::new();
    for (i, item) in c.items.iter().filter(|i| i.is_check()).enumerate() {
        let n = i + 1;
        let key = |k: &str| format!("{}/{k}", c.id.v);
        let text = item.text.v.clone();
        let tick_text = item.tick && item.response.is_empty();
        if tick_text {
            fields.push((
                key(&n.to_string()),
                text.clone(),
                Kind::Any,
                vec![text.clone()],
            ));
            if item.critical {
                fields.push((
                    key(&format!("{n}.critical")),
                    text.clone(),
                    Kind::Any,
                    vec![String::new()],
                ));
            }
        }
        let response = if tick_text {
            format!("{n}.response")
        } else {
            n.to_string()
        };
        if item.tick && !item.response.is_empty() {
            fields.push((
                key(&response),
                text.clone(),
                Kind::Any,
                vec![item.response.clone()],
            ));
        } else if !item.responses.is_empty() {
            fields.push((key(&response), text, Kind::One, item.responses.clone()));
        }
    }
    Described { fields }
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
            read: None,
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
