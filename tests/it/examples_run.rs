//! Every example in `downkit help <command>`, the README's shell blocks and the tutorial runs
//! as written:
//! in a copy of the repository's kits and examples, each command succeeds (exit 0, or 1 from
//! check, status, reconcile, diff and decode, whose 1 reports something that needs a person).

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::scans::copy_dir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Joins lines ending in `\` with the next.
fn joined(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cont = false;
    for l in lines {
        let l = l.trim();
        if cont {
            let last = out.last_mut().expect("continued line");
            last.push(' ');
            last.push_str(l.trim_end_matches('\\').trim());
        } else {
            out.push(l.trim_end_matches('\\').trim().to_string());
        }
        cont = l.ends_with('\\');
    }
    out
}

/// The examples under "Examples:" in each subcommand's help.
fn help_examples() -> Vec<String> {
    let top = support::run(env!("CARGO_BIN_EXE_downkit"), &["--help"]);
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 10, "{top}");
    let mut out = Vec::new();
    for c in commands {
        let help = support::run(env!("CARGO_BIN_EXE_downkit"), &["help", &c]);
        let lines: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.starts_with("Examples:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect();
        out.extend(joined(&lines));
    }
    out
}

/// The `downkit …` lines of a document's ```sh blocks, comments cut.
fn doc_examples(doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(doc)).unwrap();
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut inside = false;
    for l in text.lines() {
        if l.starts_with("```") {
            if inside {
                out.extend(
                    joined(&block)
                        .into_iter()
                        .filter(|c| c.starts_with("downkit ")),
                );
                block.clear();
            }
            inside = !inside && l.trim() == "```sh";
            continue;
        }
        if inside {
            let l = match l.find("  #") {
                Some(i) => &l[..i],
                None => l,
            };
            block.push(l);
        }
    }
    out
}

#[test]
fn every_example_runs_as_written() {
    let dir = support::tmp("examples-run");
    copy_dir(&root().join("kits"), &dir.join("kits"));
    copy_dir(&root().join("examples"), &dir.join("examples"));
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_downkit")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut examples = help_examples();
    let from_help = examples.len();
    examples.extend(doc_examples("README.md"));
    assert!(from_help >= 20, "{examples:?}");
    assert!(examples.len() > from_help + 3, "README examples not found");
    // The tutorial's commands, in order: each builds on the one before.
    let tutorial = doc_examples("docs/tutorial.md");
    assert!(tutorial.len() >= 10, "{tutorial:?}");
    examples.extend(tutorial);
    let mut failures = Vec::new();
    for ex in &examples {
        // `watch` and `serve` run until interrupted: give them a moment, then stop them.
        let line = if ex.starts_with("downkit watch") || ex.starts_with("downkit serve") {
            format!("timeout -s INT 10 {ex}; test $? -eq 124 -o $? -eq 130 -o $? -eq 0")
        } else {
            ex.clone()
        };
        let out = Command::new("bash")
            .arg("-c")
            .arg(&line)
            .current_dir(&dir)
            .env("PATH", &path)
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let err = String::from_utf8_lossy(&out.stderr);
        if !(code == 0 || code == 1)
            || err.contains("Usage:")
            || err.contains("unexpected argument")
        {
            failures.push(format!("{ex}\n  exit {code}: {err}"));
        }
    }
    assert!(
        failures.is_empty(),
        "examples that do not run:\n{}",
        failures.join("\n")
    );
}
