//! `docs/diagnostics.md` lists every diagnostic code downkit can give, each with an example
//! as `downkit check` prints it. The examples come from the golden files of
//! `tests/diagnostics.rs` (so they are real output; a command's output with source lines and
//! carets is shown as its one-line form), and a code that appears in the source but not in
//! the list fails the test. Regenerate with
//! `DOWNKIT_BLESS=1 cargo test --test it diagnostic_codes::` and review the diff.

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
                "cx.error_in(",
                ".error(\n",
                "code: ",
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
            let example = if open == 0 {
                // A command's output: the diagnostic with its source line and carets, its
                // position on the `┌─` line and its help on the `= help:` line.
                let block: Vec<&str> = lines[i + 1..]
                    .iter()
                    .take_while(|b| !b.is_empty())
                    .map(|b| b.trim())
                    .collect();
                let at = block.iter().find_map(|b| b.strip_prefix("┌─ "));
                let help = block.iter().find_map(|b| b.strip_prefix("= "));
                (
                    at.map_or_else(|| l.to_string(), |at| format!("{at}: {l}")),
                    help.unwrap_or_default().to_string(),
                )
            } else {
                let help = lines
                    .get(i + 1)
                    .filter(|h| h.starts_with("    help: "))
                    .map(|h| h.trim().to_string())
                    .unwrap_or_default();
                (l.to_string(), help)
            };
            out.entry(code.to_string()).or_insert(example);
        }
    }
    out
}

/// Codes no golden file shows, with an example written exactly after the message in the
/// source and marked as such. Only one is left: a kit file over `MAX_FILE_BYTES` (1 MiB)
/// would take a fixture of more than a megabyte into every clone of the repository.
const BY_HAND: &[(&str, &str)] = &[
    ("file-too-large", "error[file-too-large]: `kits/hjalpmedel/sortiment.toml` is 1310720 bytes; a kit file may be at most 1048576\n    help: split the kit into several files with `include`"),
];

fn document() -> String {
    let found = examples();
    let mut doc = String::from(
        "# Diagnostic codes\n\n\
         Every problem `downkit check` (and `build`, which checks first) reports has a code in\n\
         brackets: `error[unknown-key]`. Errors stop the build; warnings do not, unless\n\
         `--deny-warnings`. `--format json` gives the same code in each diagnostic's `code`.\n\
         Each example below is real output for a kit under `tests/fixtures/diag/`.\n\n\
         Messages are in English; help lines are in the kit's language where they have a\n\
         Swedish text: a Swedish kit gets Swedish help for `missing-key`, `unknown-key`,\n\
         `unknown-reference`, `undefined-term`, `unreferenced-title`, `does-not-fit` and\n\
         `too-wide` (so several examples below are in Swedish); the others are in English.\n\n\
         This file is generated: `DOWNKIT_BLESS=1 cargo test --test it diagnostic_codes::`.\n\n",
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
        "docs/diagnostics.md is out of date: DOWNKIT_BLESS=1 cargo test --test it diagnostic_codes::"
    );
    let documented = want.matches("\n```text\n").count();
    assert!(documented >= 89, "only {documented} codes have an example");
    let by_hand = want.matches("(Written after the message").count();
    assert!(
        documented - by_hand >= 88,
        "only {} codes have an example from a golden file",
        documented - by_hand
    );
}
