//! Reconciliation: scanned pages (from [`crate::scan`]) sorted against what a kit prints →
//! the sheets that came back, drill copies, pages of another kit, and pages that could not
//! be read. Pure: the ledger (what came back before, what was entered) and the report are
//! built from the [`Batch`] this makes.
//!
//! A sheet is one copy of a serialized form (an order, a phone note, any numbered sheet): the
//! page with its code, and the pages of the same copy that carry none (a copy longer than a
//! page has its code on one page only), found by where they lie beside it in the scan.

pub mod marks;
mod printed;
mod register;
pub mod report;
mod text;
pub mod worklist;

#[cfg(test)]
mod tests;

pub use marks::{FieldRead, SheetRead};
pub use printed::{Printed, PrintedForm};

use crate::payload::{shown, Payload, PrintRun, TAG};
use crate::scan::{PageProblem, ScannedFile};
use chrono::NaiveDate;

/// Where a page is: file, page number, and the file's digest (the same file read twice).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageRef {
    /// The file as given.
    pub file: String,
    /// Page in the file, from 1.
    pub page: u32,
    /// The file's digest ([`ScannedFile::digest`]).
    pub digest: String,
}

impl std::fmt::Display for PageRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} page {}", self.file, self.page)
    }
}

/// One copy of a serialized form of this kit, as scanned.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSheet {
    /// Form id.
    pub form: String,
    /// Serial.
    pub serial: String,
    /// Print run, when the code carries one.
    pub run: Option<PrintRun>,
    /// Version printed.
    pub version: String,
    /// Content hash printed.
    pub hash: String,
    /// Its pages: the page with the code first, then the copy's other pages in scan order.
    pub pages: Vec<PageRef>,
    /// Printed from the kit as it is now (same version and content).
    pub current: bool,
    /// Its fields, read from the marks on its code page.
    pub read: SheetRead,
}

impl FoundSheet {
    /// Read, and nothing on it ticked, written or in doubt: a blank copy, not work to enter.
    pub fn unused(&self) -> bool {
        self.read.unused()
    }
}

/// A downkit code that is not a sheet to enter: a drill copy, another kit, or an artifact
/// without a serial (a checklist, the cover).
#[derive(Debug, Clone, PartialEq)]
pub struct SeenCode {
    /// The payload as read.
    pub payload: Payload,
    /// Where.
    pub page: PageRef,
    /// A checklist's boxes, read from its marks ([`SheetRead::NotKnown`] for the rest).
    pub read: SheetRead,
}

/// A code that is no sheet this kit printed: forged, damaged into something else, from a
/// printing that never happened, or above the copies printed. Never recorded as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Where.
    pub page: PageRef,
    /// The code's text as read, fit to show (control characters visible, cut short).
    pub code: String,
    /// Why it is not ours, in words.
    pub why: String,
}

/// Why a page counts as unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No code on the page (and it is not the other page of a copy beside it).
    NoCode,
    /// QR codes were seen but could not be read.
    NotDecoded(usize),
    /// The page image could not be looked at.
    Image(PageProblem),
}

impl Unreadable {
    /// A short key for JSON: `no-code`, `code-not-decoded`, `image`.
    pub fn key(&self) -> &'static str {
        match self {
            Unreadable::NoCode => "no-code",
            Unreadable::NotDecoded(_) => "code-not-decoded",
            Unreadable::Image(_) => "image",
        }
    }

    /// What it means and what to do.
    pub fn message(&self) -> String {
        match self {
            Unreadable::NoCode => "no downkit code on the page: a page of another binder, a blank \
                 page, or a code covered or cut off; check the paper"
                .into(),
            Unreadable::NotDecoded(n) => format!(
                "{n} QR code(s) seen but not read: rescan the sheet at 300 dpi in grey, or type \
                 the code's text (printed beside it) into `downkit decode`"
            ),
            Unreadable::Image(p) => p.message(),
        }
    }
}

/// Everything read from one batch of scans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batch {
    /// Files read, as given.
    pub files: Vec<String>,
    /// Pages read.
    pub pages: usize,
    /// Files given twice (the same bytes): the later name and the first.
    pub repeated: Vec<(String, String)>,
    /// Sheets of this kit, current or from another version, in scan order.
    pub sheets: Vec<FoundSheet>,
    /// Drill copies (`/X`).
    pub exercise: Vec<SeenCode>,
    /// Codes of another kit.
    pub other_kit: Vec<SeenCode>,
    /// Codes of this kit's artifacts without a serial (checklists, the cover).
    pub not_serialized: Vec<SeenCode>,
    /// Codes that are no sheet this kit printed: not recorded.
    pub refused: Vec<Refused>,
    /// Pages that could not be read.
    pub unreadable: Vec<(PageRef, Unreadable)>,
}

/// What one page holds.
enum PageIs {
    /// Downkit codes, and codes that claim to be downkit's but are not (text, why).
    Codes(Vec<Payload>, Vec<(String, String)>),
    Blank,
    Unreadable(Unreadable),
}

/// Sorts the pages of scanned files against the kit, as of `today` (a print run dated
/// after it was never printed).
pub fn sort(printed: &Printed, files: &[ScannedFile], today: NaiveDate) -> Batch {
    let mut b = Batch::default();
    let mut digests: Vec<(&str, &str)> = Vec::new();
    for f in files {
        if let Some((_, first)) = digests.iter().find(|(d, _)| *d == f.digest) {
            b.repeated.push((f.name.clone(), first.to_string()));
            continue;
        }
        digests.push((&f.digest, &f.name));
        b.files.push(f.name.clone());
        b.pages += f.pages.len();
        sort_file(printed, f, today, &mut b);
    }
    b
}

fn sort_file(printed: &Printed, f: &ScannedFile, today: NaiveDate, b: &mut Batch) {
    let at = |page: u32| PageRef {
        file: f.name.clone(),
        page,
        digest: f.digest.clone(),
    };
    let kinds: Vec<PageIs> = f
        .pages
        .iter()
        .map(|p| {
            let mut dk = Vec::new();
            let mut forged = Vec::new();
            for c in &p.codes {
                match Payload::parse(c) {
                    Ok(payload) => dk.push(payload),
                    // Another kind of code (a phone number) is no concern of ours.
                    Err(e) if c.trim_start().starts_with(&format!("{TAG}/")) => {
                        forged.push((e.code, e.why));
                    }
                    Err(_) => {}
                }
            }
            if !dk.is_empty() || !forged.is_empty() {
                PageIs::Codes(dk, forged)
            } else if let Some(problem) = &p.problem {
                PageIs::Unreadable(Unreadable::Image(problem.clone()))
            } else if p.undecoded > 0 {
                PageIs::Unreadable(Unreadable::NotDecoded(p.undecoded))
            } else {
                PageIs::Blank
            }
        })
        .collect();
    let mut taken = vec![false; kinds.len()];
    for (i, kind) in kinds.iter().enumerate() {
        let PageIs::Codes(codes, forged) = kind else {
            continue;
        };
        for (code, why) in forged {
            b.refused.push(Refused {
                page: at(f.pages[i].page),
                code: code.clone(),
                why: why.clone(),
            });
        }
        let mut first_sheet = true;
        for p in codes {
            let here = at(f.pages[i].page);
            // The marks read on this page for this code's layout.
            let read = printed.sheet_spec(p).map_or(SheetRead::NotKnown, |spec| {
                f.pages[i]
                    .marks
                    .iter()
                    .find(|m| Payload::parse(&m.code).is_ok_and(|q| q == *p))
                    .map_or(SheetRead::NotKnown, |m| spec.judge(m))
            });
            let not_printed = (p.kit == printed.kit && !p.exercise)
                .then(|| printed.judge(p, today).err())
                .flatten();
            if let Some(why) = not_printed {
                b.refused.push(Refused {
                    page: here,
                    code: shown(&p.to_string(), 120),
                    why: format!("not printed: {why}"),
                });
            } else if p.kit != printed.kit {
                b.other_kit.push(SeenCode {
                    payload: p.clone(),
                    page: here,
                    read,
                });
            } else if p.exercise {
                b.exercise.push(SeenCode {
                    payload: p.clone(),
                    page: here,
                    read,
                });
            } else if let (Some(serial), Some(form)) = (&p.serial, &p.artifact) {
                let mut pages = vec![here];
                if first_sheet {
                    first_sheet = false;
                    let (n, c) = printed
                        .form(form)
                        .map_or((1, 0), |pf| (pf.pages_per_copy, pf.code_page));
                    // The copy's other pages lie right before and after it, without a code.
                    let free =
                        |j: usize, taken: &[bool]| !taken[j] && matches!(kinds[j], PageIs::Blank);
                    let before: Vec<usize> = (i.saturating_sub(c)..i)
                        .rev()
                        .take_while(|&j| free(j, &taken))
                        .collect();
                    let after: Vec<usize> = (i + 1..(i + n - c).min(kinds.len()))
                        .take_while(|&j| free(j, &taken))
                        .collect();
                    for j in before.into_iter().rev().chain(after) {
                        taken[j] = true;
                        pages.push(at(f.pages[j].page));
                    }
                }
                let current = p.version == printed.version
                    && p.hash == printed.hash
                    && printed.form(form).is_some();
                b.sheets.push(FoundSheet {
                    form: form.clone(),
                    serial: serial.clone(),
                    run: p.run,
                    version: p.version.clone(),
                    hash: p.hash.clone(),
                    pages,
                    current,
                    read,
                });
            } else {
                b.not_serialized.push(SeenCode {
                    payload: p.clone(),
                    page: here,
                    read,
                });
            }
        }
    }
    for (i, kind) in kinds.into_iter().enumerate() {
        let why = match kind {
            PageIs::Blank if !taken[i] => Unreadable::NoCode,
            PageIs::Unreadable(u) => u,
            _ => continue,
        };
        b.unreadable.push((at(f.pages[i].page), why));
    }
}
