//! `docs/diagnostics.md` lists every diagnostic code downkit can give, each with an example
//! as `downkit check` prints it. The examples come from the golden files of
//! `tests/diagnostics.rs` (so they are real output), and a code that appears in the source
//! but not in the list fails the test. Regenerate with
//! `DOWNKIT_BLESS=1 cargo test --test diagnostic_codes` and review the diff.

use std::collections::BTreeMap;
use std::path::Path;

/// Codes given in the source: the first string argument of the diagnostic constructors.
fn codes_in_source() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for marker in [
                "::error(",
                "::warning(",
                "::file_error(",
                "cx.error(",
                ".error(\n",
            ] {
                for (i, _) in text.match_indices(marker) {
                    let rest = text[i + marker.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let Some(end) = rest.find('"') else { continue };
                    let code = &rest[..end];
                    if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    {
                        out.push(code.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The first example of each code in the golden files: (severity, line, help).
fn examples() -> BTreeMap<String, (String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diag");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut out = BTreeMap::new();
    for case in cases {
        let Ok(text) = std::fs::read_to_string(case.join("expected.txt")) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(open) = l.find("error[").or_else(|| l.find("warning[")) else {
                continue;
            };
            let after = &l[open..];
            let code = &after[after.find('[').unwrap() + 1..after.find(']').unwrap()];
            let help = lines
                .get(i + 1)
                .filter(|h| h.starts_with("    help: "))
                .map(|h| h.trim().to_string())
                .unwrap_or_default();
            out.entry(code.to_string())
                .or_insert_with(|| (l.to_string(), help));
        }
    }
    out
}

/// Codes no golden file shows (files and folders, drill logs, build records, kit-wide
/// budgets): an example written after the message in the source, marked as such.
const BY_HAND: &[(&str, &str)] = &[
    ("absolute-path", "error[absolute-path]: the shared folder `/srv/shared` is an absolute path\n    help: give it relative to the kit folder, such as `../shared`"),
    ("binary-file", "error[binary-file]: `kits/a/kit.toml` is not a text file (it holds NUL bytes)\n    help: a kit file is plain UTF-8 text; was a PDF or an image saved under this name?"),
    ("contact-unreachable", "warning[contact-unreachable]: contact `tib` has no phone number and no fallback\n    help: add `phones = [{ kind = \"mobile\", number = \"070-…\" }]` or a `fallback` chain"),
    ("does-not-fit", "error[does-not-fit]: a sheet of log \"handelselogg\" (kits/a/kit.toml:104:1) is 540.0 mm tall but a page has 252.6 mm; at most 26 of its 60 rows fit a page\n    help: lower `rows` to the number that fits, or print the log in portrait"),
    ("drill-in-future", "warning[drill-in-future]: the drill is recorded for 2026-12-03, which has not come yet\n    help: record a drill after it was held, with the day it was held"),
    ("duplicate-kit-id", "error[duplicate-kit-id]: the kit id `hjalpmedel` is also used by kits/hjalpmedel-kopia\n    help: give each kit its own id: it names the PDF and is in every QR code, so two kits with one id overwrite and mix up each other's printouts"),
    ("empty-file", "error[empty-file]: `kits/a/kontakter.toml` is empty\n    help: write the contacts into it, or remove it from `include`"),
    ("file-too-large", "error[file-too-large]: `kits/a/kit.toml` is larger than 1048576 bytes\n    help: split the kit into several kits"),
    ("follow-up-overdue", "warning[follow-up-overdue]: follow-up \"Köp faxpapper\" (Enhetschef) was due 2026-12-20 (7 days ago)\n    help: do it and set `done = true` in drills.toml, or set a new `by` date"),
    ("include-depth", "error[include-depth]: includes nest deeper than 16 files"),
    ("inject-outside", "warning[inject-outside]: the inject at 11:30 is outside the drill (08:00–09:00)\n    help: move the inject inside the drill, or lengthen `duration-minutes`"),
    ("no-kit-toml", "error[no-kit-toml]: the folder `kits/ny` has no kit.toml\n    help: a kit folder needs a kit.toml; create one with `downkit init <dir>`"),
    ("no-pause-point", "warning[no-pause-point]: checklist `start` has no `pause-point`\n    help: say when to run it: `pause-point = \"När systemet går ner\"`"),
    ("not-a-file", "error[not-a-file]: `kits/a/kontakter.toml` is a folder, not a file\n    help: include a .toml file"),
    ("outside-kit", "error[outside-kit]: the include `../../etc/x.toml` lies outside the kit folder and its shared folders\n    help: move the file into the kit folder, or declare its folder in `shared-folders`"),
    ("over-budget", "error[over-budget]: the kit has 1200 contacts (in 3 files); at most 1000 are allowed in a kit\n    help: split the kit into several kits"),
    ("too-deep", "error[too-deep]: `kits/a/kit.toml` nests arrays or tables deeper than 32 levels\n    help: a kit never needs such deep nesting; check for a runaway bracket"),
    ("too-many", "error[too-many]: the table has 40 columns; at most 31 are allowed\n    help: split the table, or print it in landscape"),
    ("too-small", "error[too-small]: rows 6 mm high are too low to write in\n    help: handwriting needs at least 8 mm; leave `row-height-mm` out for 8.5 mm"),
    ("version-not-raised", "warning[version-not-raised]: the printed content changed since the build of 2026-11-01 (fingerprint 3f9a61c0 → 8d2e77a1), but `version` is still \"1.0\"\n    help: raise `version` before printing, so that old and new printouts can be told apart"),
];

fn document() -> String {
    let found = examples();
    let mut doc = String::from(
        "# Diagnostic codes\n\n\
         Every problem `downkit check` (and `build`, which checks first) reports has a code in\n\
         brackets: `error[unknown-key]`. Errors stop the build; warnings do not, unless\n\
         `--deny-warnings`. `--format json` gives the same code in each diagnostic's `code`.\n\
         Each example below is real output for a kit under `tests/fixtures/diag/`.\n\n\
         This file is generated: `DOWNKIT_BLESS=1 cargo test --test diagnostic_codes`.\n\n",
    );
    for code in codes_in_source() {
        doc.push_str(&format!("## `{code}`\n\n"));
        match found.get(&code) {
            Some((line, help)) => {
                doc.push_str("```text\n");
                doc.push_str(line);
                doc.push('\n');
                if !help.is_empty() {
                    doc.push_str(&format!("    {help}\n"));
                }
                doc.push_str("```\n\n");
            }
            None => match BY_HAND.iter().find(|(c, _)| *c == code) {
                Some((_, text)) => {
                    doc.push_str("```text\n");
                    doc.push_str(text);
                    doc.push_str("\n```\n\n(Written after the message in the source: no golden file shows this one.)\n\n");
                }
                None => doc.push_str(
                    "No golden file shows this one yet; like every diagnostic, its message names \
                     the file and position and says what to do.\n\n",
                ),
            },
        }
    }
    doc
}

#[test]
fn every_code_is_documented_with_an_example() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let want = document();
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        have, want,
        "docs/diagnostics.md is out of date: DOWNKIT_BLESS=1 cargo test --test diagnostic_codes"
    );
    let documented = want.matches("\n```text\n").count();
    assert!(documented >= 89, "only {documented} codes have an example");
}
