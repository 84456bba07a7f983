//! The reconciliation report as text for the person at the scanner: what came back, then
//! everything that needs them, each with what to do.

use super::report::Report;
use super::Unreadable;
use crate::ledger::Sheet;
use crate::payload::PrintRun;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `HM-0001–HM-0005, HM-0007`: serials of one numbering, runs of consecutive numbers joined.
pub fn ranges(serials: &[String]) -> String {
    let num = |s: &str| {
        let digits: String = s.chars().rev().take_while(char::is_ascii_digit).collect();
        let n: Option<u64> = digits.chars().rev().collect::<String>().parse().ok();
        n.map(|n| (s[..s.len() - digits.len()].to_string(), n))
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < serials.len() {
        let mut j = i;
        while j + 1 < serials.len() {
            match (num(&serials[j]), num(&serials[j + 1])) {
                (Some((p, a)), Some((q, b))) if p == q && b == a + 1 => j += 1,
                _ => break,
            }
        }
        out.push(match j - i {
            0 => serials[i].clone(),
            1 => format!("{}, {}", serials[i], serials[j]),
            _ => format!("{}–{}", serials[i], serials[j]),
        });
        i = j + 1;
    }
    out.join(", ")
}

fn run_text(r: Option<PrintRun>) -> String {
    r.map_or_else(
        || "print run not recorded".into(),
        |r| format!("print run {}", r.describe()),
    )
}

fn pages(s: &Sheet) -> String {
    match s.pages.as_slice() {
        [] => "not scanned".into(),
        [p] => p.to_string(),
        [p, rest @ ..] => format!(
            "{p} (and page{} {})",
            if rest.len() > 1 { "s" } else { "" },
            rest.iter()
                .map(|r| r.page.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Report {
    fn title(&self, form: &str) -> String {
        self.printed
            .form(form)
            .map_or_else(|| form.to_string(), |f| f.title.clone())
    }

    /// The report as text.
    pub fn text(&self) -> String {
        let mut o = String::new();
        let p = &self.printed;
        let _ = writeln!(
            o,
            "{} {} — incident {} ({})",
            p.kit, p.version, self.ledger.incident, self.ledger_path
        );
        if !self.batch.files.is_empty() {
            let _ = writeln!(
                o,
                "Read {} file(s), {} page(s).",
                self.batch.files.len(),
                self.batch.pages
            );
        }
        for (a, b) in &self.batch.repeated {
            let _ = writeln!(o, "Skipped {a}: it is the same file as {b}.");
        }
        let mut by_run: BTreeMap<(String, Option<PrintRun>), Vec<String>> = BTreeMap::new();
        for (_, s) in self.received() {
            by_run
                .entry((s.form.clone(), s.run))
                .or_default()
                .push(s.id());
        }
        let new = self
            .received()
            .filter(|(i, _)| self.new.contains(i))
            .count();
        let _ = writeln!(
            o,
            "\nReceived: {} sheet(s) of version {}, {new} new in this scan",
            self.received().count(),
            p.version
        );
        for ((form, run), mut ids) in by_run {
            ids.sort();
            let _ = writeln!(
                o,
                "  {}, {}: {}",
                self.title(&form),
                run_text(run),
                ranges(&ids)
            );
        }
        let missing: usize = self.gaps.iter().map(|g| g.missing.len()).sum();
        if missing > 0 {
            let _ = writeln!(o, "\nMISSING: {missing} sheet(s) printed but not come back (gaps in the serials); find them, or void them:");
            for g in self.gaps.iter().filter(|g| !g.missing.is_empty()) {
                let _ = writeln!(
                    o,
                    "  {}, {}: {}",
                    self.title(&g.form),
                    run_text(g.run),
                    ranges(&g.missing)
                );
            }
        }
        for g in self.gaps.iter().filter(|g| !g.not_used.is_empty()) {
            let _ = writeln!(
                o,
                "Not used after the last that came back ({}, {}): {} ({}); they should be blank in the binder.",
                self.title(&g.form),
                run_text(g.run),
                ranges(&g.not_used),
                g.not_used.len()
            );
        }
        let dups = self.duplicates();
        if dups.iter().any(|(_, done)| !done) {
            let _ = writeln!(o, "\nTWO OR MORE SHEETS WITH ONE SERIAL (a photocopied blank, or one sheet scanned twice):");
        }
        for (g, _) in dups.iter().filter(|(_, done)| !done) {
            let list: Vec<String> = g
                .iter()
                .map(|s| format!("{} ({})", s.id(), pages(s)))
                .collect();
            let _ = writeln!(o, "  {}: {}", g[0].serial, list.join(", "));
        }
        if dups.iter().any(|(_, done)| !done) {
            let _ = writeln!(o, "  Write the letter (-B, -C) on each further sheet and enter each, or void the one scanned twice.");
        }
        if !self.batch.exercise.is_empty() {
            let _ = writeln!(
                o,
                "\nDRILL COPIES (ÖVNING/EXERCISE): never real orders; take them out of the pile:"
            );
            for c in &self.batch.exercise {
                let what = c
                    .payload
                    .serial
                    .clone()
                    .or_else(|| c.payload.artifact.clone())
                    .unwrap_or_else(|| "cover".into());
                let _ = writeln!(o, "  {what}: {}", c.page);
            }
        }
        if !self.batch.other_kit.is_empty() {
            let _ = writeln!(o, "\nANOTHER KIT: reconcile these with their own kit (`downkit reconcile <that kit> …`):");
            for c in &self.batch.other_kit {
                let _ = writeln!(
                    o,
                    "  kit {} ({}): {}",
                    c.payload.kit,
                    c.payload.serial.as_deref().unwrap_or("-"),
                    c.page
                );
            }
        }
        if !self.batch.refused.is_empty() {
            let _ = writeln!(o, "\nNOT OURS OR NEVER PRINTED: codes that are no sheet this kit printed (forged, from a printing that did not happen, or beyond the copies printed); nothing was recorded for them:");
            for r in &self.batch.refused {
                let _ = writeln!(o, "  {}: {}\n    {}", r.page, r.code, r.why);
            }
            let _ = writeln!(o, "  Look at these sheets: a real one means --copies or --out is wrong; anything else is not to be entered.");
        }
        let old: Vec<(usize, &Sheet)> = self.other_version().collect();
        if !old.is_empty() {
            let _ = writeln!(o, "\nOTHER VERSION: real sheets on a printout of another version or content; enter them like the others, and replace that binder:");
            for (_, s) in old {
                let _ = writeln!(
                    o,
                    "  {} (version {}, {}): {} — {}",
                    s.id(),
                    s.version,
                    run_text(s.run),
                    pages(s),
                    s.state()
                );
            }
        }
        if !self.batch.unreadable.is_empty() {
            let _ = writeln!(o, "\nUNREADABLE PAGES:");
            for (page, why) in &self.batch.unreadable {
                let _ = writeln!(o, "  {page}: {}", why.message());
            }
            if self
                .batch
                .unreadable
                .iter()
                .any(|(_, u)| matches!(u, Unreadable::NoCode))
            {
                let _ = writeln!(o, "  A page without a code is no sheet of this kit: check that nothing was written on it.");
            }
        }
        if !self.batch.not_serialized.is_empty() {
            let list: Vec<String> = self
                .batch
                .not_serialized
                .iter()
                .map(|c| {
                    format!(
                        "{} ({})",
                        c.payload.artifact.as_deref().unwrap_or("cover"),
                        c.page
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "\nOther pages of the kit, without a serial (nothing to enter): {}",
                list.join(", ")
            );
        }
        self.read_text(&mut o);
        let t = self.totals();
        let _ = writeln!(
            o,
            "\nBack-entry: {} sheet(s), {} entered ({} checked), {} void, {} cancelled as duplicates, {} unused (blank), {} open.",
            t.sheets, t.entered, t.checked, t.void, t.duplicate, t.unused, t.open
        );
        if t.unused > 0 {
            let _ = writeln!(
                o,
                "Blank sheets: look at them, then void them all with `downkit reconcile {} --void-unused --by <initials>`.",
                self.kit_arg()
            );
        }
        if t.open > 0 {
            let _ = writeln!(
                o,
                "Next: enter each sheet in the system, then `downkit reconcile {} --entered <serial> --case <case no.> --by <initials>`.",
                self.kit_arg()
            );
        }
        o
    }

    /// The marks read on the sheets of this scan: blank sheets, fields to confirm, pages
    /// too poor to read.
    fn read_text(&self, o: &mut String) {
        use super::SheetRead;
        let blank: Vec<String> = self
            .batch
            .sheets
            .iter()
            .filter(|s| s.unused())
            .map(|s| s.serial.clone())
            .collect();
        if !blank.is_empty() {
            let _ = writeln!(
                o,
                "\nUNUSED: nothing ticked or written on {}: not work to enter.",
                ranges(&blank)
            );
        }
        let mut doubt = String::new();
        for s in &self.batch.sheets {
            match &s.read {
                SheetRead::NotRead(why) => {
                    let _ = writeln!(
                        doubt,
                        "  {} ({}): marks not read: {why}",
                        s.serial, s.pages[0]
                    );
                }
                SheetRead::Read { fields, .. } => {
                    for f in fields.iter().filter(|f| f.uncertain()) {
                        let why: Vec<String> = f
                            .doubts
                            .iter()
                            .map(|d| match d.option.as_str() {
                                "" => d.why.to_string(),
                                o => format!("\"{o}\": {}", d.why),
                            })
                            .chain(f.several.then(|| "more than one option ticked".to_string()))
                            .collect();
                        let _ = writeln!(
                            doubt,
                            "  {} ({}): {} (`{}`): {}",
                            s.serial,
                            s.pages[0],
                            f.label,
                            f.key,
                            why.join("; ")
                        );
                    }
                }
                SheetRead::NotKnown => {}
            }
        }
        if !doubt.is_empty() {
            let _ = write!(
                o,
                "\nTO CONFIRM: marks a person must look at (confirm with `--confirm <serial> --field <id> --value <options> --by <initials>`):\n{doubt}"
            );
        }
    }

    fn kit_arg(&self) -> String {
        std::path::Path::new(&self.ledger_path)
            .parent()
            .map_or_else(|| "<kit>".into(), |p| p.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn consecutive_serials_are_joined() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            ranges(&s(&["HM-0001", "HM-0002", "HM-0003", "HM-0005"])),
            "HM-0001–HM-0003, HM-0005"
        );
        assert_eq!(ranges(&s(&["HM-0001", "HM-0002"])), "HM-0001, HM-0002");
        assert_eq!(
            ranges(&s(&["HM-0009", "HM-0010", "HM-0010-B"])),
            "HM-0009, HM-0010, HM-0010-B"
        );
        assert_eq!(ranges(&[]), "");
    }
}
