//! The way in without Rust and the shell around it: completions load in bash, the man page
//! renders with `man -l`, `--version` names the commit, `scripts/dist.sh` packs what a
//! machine without Rust needs, and `cargo install --locked --path .` works from a clean
//! clone (ignored by default: a whole release build; `.ci/run` runs it).

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_downkit")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn downkit(args: &[&str]) -> std::process::Output {
    Command::new(bin()).args(args).output().unwrap()
}

#[test]
fn bash_completion_loads_and_completes_subcommands() {
    let script = format!(
        "source <('{}' completions bash) && complete -p downkit && \
         COMP_WORDS=(downkit bu) COMP_CWORD=1 COMP_LINE='downkit bu' COMP_POINT=10 && \
         _downkit downkit bu downkit && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("-F _downkit downkit"), "{text}");
    assert!(
        text.lines().any(|l| l == "build"),
        "no `build` completion: {text}"
    );
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, marker) in [
        ("zsh", "#compdef downkit"),
        ("fish", "complete -c downkit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = downkit(&["completions", shell]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: {text:.200}");
        assert!(text.contains("reconcile"), "{shell} lacks subcommands");
    }
    assert_eq!(downkit(&["completions", "tcsh"]).status.code(), Some(2));
}

/// `man -l` renders the page as a reader sees it.
fn man_text(page: &Path) -> String {
    let out = Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man (man-db) is installed by .ci/run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn man_page_renders() {
    let dir = support::tmp("man");
    let page = dir.join("downkit.1");
    let out = downkit(&["man"]);
    assert!(out.status.success());
    std::fs::write(&page, &out.stdout).unwrap();
    let text = man_text(&page);
    for want in [
        "NAME",
        "SYNOPSIS",
        "SUBCOMMANDS",
        "EXIT STATUS",
        "SOURCE_DATE_EPOCH",
        "reconcile",
    ] {
        assert!(text.contains(want), "no {want} in:\n{text}");
    }
    let out = downkit(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let build = man_text(&dir.join("downkit-build.1"));
    assert!(
        build.contains("--copies") || build.contains("\u{2010}\u{2010}copies"),
        "{build}"
    );
    assert!(dir.join("downkit-diff.1").exists());
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let out = downkit(&["--version"]);
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        text.starts_with(&format!("downkit {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(root())
        .output();
    match head {
        Ok(h) if h.status.success() => {
            let commit = String::from_utf8_lossy(&h.stdout).trim().to_string();
            assert!(
                text.ends_with(&format!("(git {commit})")),
                "{text} vs {commit}"
            );
        }
        // A source tarball: the package version alone.
        _ => assert_eq!(text, format!("downkit {}", env!("CARGO_PKG_VERSION"))),
    }
}

#[test]
fn dist_tarball_has_binary_docs_man_and_completions() {
    let dir = support::tmp("dist");
    let out = Command::new("bash")
        .arg(root().join("scripts/dist.sh"))
        .args(["--bin", bin(), "--out", dir.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tarball = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let list = support::run("tar", &["-tzf", tarball.to_str().unwrap()]);
    let name = tarball
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".tar.gz", "");
    for want in [
        "bin/downkit",
        "README.md",
        "INSTALL.txt",
        "docs/kit-format.md",
        "docs/tutorial.md",
        "examples/minimal.toml",
        "share/man/man1/downkit.1",
        "share/man/man1/downkit-build.1",
        "share/completions/downkit.bash",
        "share/completions/_downkit",
        "share/completions/downkit.fish",
        "share/completions/downkit.ps1",
    ] {
        assert!(
            list.lines().any(|l| l == format!("{name}/{want}")),
            "no {want} in\n{list}"
        );
    }
    // Unpacked, the binary runs and checks a shipped example on its own.
    support::run(
        "tar",
        &[
            "-xzf",
            tarball.to_str().unwrap(),
            "-C",
            dir.to_str().unwrap(),
        ],
    );
    let unpacked = dir.join(&name);
    let check = Command::new(unpacked.join("bin/downkit"))
        .args(["check", "examples/minimal.toml"])
        .current_dir(&unpacked)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Reproducible: the same input packs to the same bytes.
    let again = Command::new("bash")
        .arg(root().join("scripts/dist.sh"))
        .args(["--bin", bin(), "--out", dir.join("again").to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    let second = PathBuf::from(String::from_utf8_lossy(&again.stdout).trim());
    assert_eq!(
        std::fs::read(&tarball).unwrap(),
        std::fs::read(second).unwrap()
    );
}

/// The README's install command from a clean clone of the committed tree: a full release
/// build (minutes), so ignored by default; `.ci/run` runs it with `--ignored`.
#[test]
#[ignore]
fn cargo_install_from_a_clean_clone() {
    let dir = support::tmp("install");
    let clone = dir.join("clone");
    support::run(
        "git",
        &[
            "clone",
            "--quiet",
            root().to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    let prefix = dir.join("prefix");
    let out = Command::new("cargo")
        .args(["install", "--locked", "--path", ".", "--root"])
        .arg(&prefix)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .current_dir(&clone)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let installed = prefix.join("bin/downkit");
    let version = support::run(installed.to_str().unwrap(), &["--version"]);
    assert!(version.contains("(git "), "{version}");
    let check = Command::new(&installed)
        .args(["check", "kits"])
        .current_dir(&clone)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
