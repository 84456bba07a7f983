//! `downkit decode`: explain a QR payload in words and, given the kit, say whether the
//! printout is current, from an older version, or from another kit.

use super::{print_json, Exit, Format};
use crate::model::PhoneNumber;
use crate::payload::{short_hash, Payload};
use serde_json::json;
use std::path::Path;

/// What a payload says about a printout compared with a kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Same kit, version and content.
    Current,
    /// Same kit, another version.
    OtherVersion {
        /// Version printed.
        printed: String,
        /// Version of the kit now.
        now: String,
    },
    /// Same kit and version, but the kit's content changed after printing.
    ContentChanged,
    /// Another kit.
    OtherKit {
        /// The kit id printed.
        printed: String,
        /// The kit compared with.
        kit: String,
    },
}

/// Explains the payload; with `kit`, compares it. Exit 1 when the payload is not valid or the
/// printout is not current. `--format json` prints the same as one JSON object (errors stay
/// on standard error).
pub fn run(text: &str, kit: Option<&Path>, format: Format) -> Exit {
    if let Some(uri) = text.strip_prefix("tel:") {
        return tel(text, uri, format);
    }
    if let Some(size) = text.strip_prefix("DK1-TEST/") {
        match format {
            Format::Json => print_json(&json!({"kind": "testpage", "module_size": size})),
            Format::Human => println!(
                "A printer test page code (module size {}): it only tests printing and copying.",
                crate::payload::shown(size, 20)
            ),
        }
        return Exit::Ok;
    }
    let p = match Payload::parse(text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failed;
        }
    };
    if format == Format::Human {
        explain(&p).iter().for_each(|l| println!("{l}"));
    }
    let Some(kit_path) = kit else {
        if format == Format::Json {
            print_json(&payload_json(&p));
        }
        return Exit::Ok;
    };
    let loaded = crate::load::load(kit_path);
    if !loaded.parsed || crate::diag::has_errors(&loaded.diags) {
        eprintln!(
            "error: cannot read the kit `{}`; run `downkit check {}`",
            kit_path.display(),
            kit_path.display()
        );
        return Exit::Failed;
    }
    let verdict = compare(&p, &loaded);
    let gone = p
        .artifact
        .as_ref()
        .filter(|a| !has_artifact(&loaded.kit, a) && !matches!(verdict, Verdict::OtherKit { .. }));
    match format {
        Format::Json => {
            let mut v = payload_json(&p);
            v["compared"] = compared_json(&verdict, kit_path, &loaded, gone.is_some());
            print_json(&v);
        }
        Format::Human => {
            println!("{}", verdict_line(&verdict, &p, &loaded));
            if let Some(a) = gone {
                println!("Note: the kit has no artifact `{a}` any more.");
            }
        }
    }
    if verdict == Verdict::Current {
        Exit::Ok
    } else {
        Exit::Failed
    }
}

/// A `tel:` code: the number it dials, or exit 1 when it holds no valid number.
fn tel(text: &str, uri: &str, format: Format) -> Exit {
    // `tel:+4687891000,4512`: the extension is dialled after the pause.
    let (number, ext) = match uri.split_once(',') {
        Some((n, e)) => (n, Some(e.trim_start_matches(','))),
        None => (uri, None),
    };
    match PhoneNumber::parse(number) {
        Ok(n) => {
            match format {
                Format::Json => print_json(&json!({
                    "kind": "tel",
                    "national": n.national(),
                    "e164": n.e164(),
                    "extension": ext,
                })),
                Format::Human => {
                    let then = ext
                        .map(|e| format!(", then extension {e}"))
                        .unwrap_or_default();
                    println!(
                        "A phone number to dial: {} ({}){then}",
                        n.national(),
                        n.e164()
                    );
                }
            }
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: `{text}` is a tel: code with an invalid number: {e}");
            Exit::Failed
        }
    }
}

/// Whether the kit still has a form, checklist, log or procedure with this id.
fn has_artifact(k: &crate::model::Kit, a: &str) -> bool {
    k.forms
        .iter()
        .map(|f| &f.id.v)
        .chain(k.checklists.iter().map(|c| &c.id.v))
        .chain(k.logs.iter().map(|l| &l.id.v))
        .chain(k.procedures.iter().map(|p| &p.id.v))
        .any(|id| id == a)
}

/// The verdict as the sentence `decode --kit` prints.
fn verdict_line(verdict: &Verdict, p: &Payload, loaded: &crate::load::Loaded) -> String {
    let m = &loaded.kit.meta;
    match verdict {
        Verdict::Current => format!("Current: the printout matches {} version {}.", m.id.v, m.version.v),
        Verdict::OtherVersion { printed, now } => format!(
            "STALE: printed from version {printed}; the kit is now version {now}. Replace the printout."
        ),
        Verdict::ContentChanged => format!(
            "STALE: version {} was changed after this was printed (content {} ≠ {}). Reprint it.",
            m.version.v,
            p.hash,
            short_hash(&loaded.kit.fingerprint())
        ),
        Verdict::OtherKit { printed, kit } => {
            format!("ANOTHER KIT: the printout belongs to kit `{printed}`, not `{kit}`.")
        }
    }
}

/// What the payload holds, as JSON (`kind` is `downkit`).
fn payload_json(p: &Payload) -> serde_json::Value {
    json!({
        "kind": "downkit",
        "kit": p.kit,
        "artifact": p.artifact,
        "version": p.version,
        "hash": p.hash,
        "serial": p.serial,
        "run": p.run.map(|r| json!({"date": r.date.to_string(), "number": r.number})),
        "exercise": p.exercise,
    })
}

/// The comparison with the kit: `verdict` is `current`, `stale-version`,
/// `stale-content` or `other-kit`; `current` is the one a script tests.
fn compared_json(
    verdict: &Verdict,
    path: &Path,
    loaded: &crate::load::Loaded,
    artifact_gone: bool,
) -> serde_json::Value {
    let m = &loaded.kit.meta;
    let name = match verdict {
        Verdict::Current => "current",
        Verdict::OtherVersion { .. } => "stale-version",
        Verdict::ContentChanged => "stale-content",
        Verdict::OtherKit { .. } => "other-kit",
    };
    json!({
        "kit_path": path.display().to_string(),
        "kit": m.id.v,
        "version": m.version.v,
        "hash": short_hash(&loaded.kit.fingerprint()),
        "verdict": name,
        "current": *verdict == Verdict::Current,
        "artifact_missing": artifact_gone,
    })
}

/// The payload in words.
pub fn explain(p: &Payload) -> Vec<String> {
    let mut lines = vec![format!(
        "downkit code (format DK1) of kit `{}`, version {}",
        p.kit, p.version
    )];
    match &p.artifact {
        Some(a) => lines.push(format!("artifact: `{a}`")),
        None => lines.push("artifact: the kit itself (cover)".into()),
    }
    if let Some(s) = &p.serial {
        lines.push(format!("serial number: {s}"));
        match &p.run {
            Some(r) => lines.push(format!("print run: {} (`{r}`)", r.describe())),
            None => lines
                .push("print run: not recorded (printed before downkit marked print runs)".into()),
        }
    }
    lines.push(format!("content fingerprint: {}", p.hash));
    if p.exercise {
        lines.push("EXERCISE printout: not a real order or record".into());
    }
    lines
}

/// Compares a payload with a loaded kit.
pub fn compare(p: &Payload, loaded: &crate::load::Loaded) -> Verdict {
    let m = &loaded.kit.meta;
    if p.kit != m.id.v {
        Verdict::OtherKit {
            printed: p.kit.clone(),
            kit: m.id.v.clone(),
        }
    } else if p.version != m.version.v {
        Verdict::OtherVersion {
            printed: p.version.clone(),
            now: m.version.v.clone(),
        }
    } else if p.hash != short_hash(&loaded.kit.fingerprint()) {
        Verdict::ContentChanged
    } else {
        Verdict::Current
    }
}
