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
            None => doc.push_str(
                "Reported about files and folders rather than a line of a kit (a file that \
                 cannot be opened, read or parsed as expected); the message names the file \
                 and what to do.\n\n",
            ),
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
    assert!(documented >= 40, "only {documented} codes have an example");
}
