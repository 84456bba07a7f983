//! `downkit decode`: explain a QR payload in words and, given the kit, say whether the
//! printout is current, from an older version, or from another kit.

use super::Exit;
use crate::model::PhoneNumber;
use crate::payload::{short_hash, Payload};
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
/// printout is not current.
pub fn run(text: &str, kit: Option<&Path>) -> Exit {
    if let Some(uri) = text.strip_prefix("tel:") {
        // `tel:+4687891000,4512`: the extension is dialled after the pause.
        let (number, ext) = match uri.split_once(',') {
            Some((n, e)) => (n, Some(e.trim_start_matches(','))),
            None => (uri, None),
        };
        return match PhoneNumber::parse(number) {
            Ok(n) => {
                let then = ext
                    .map(|e| format!(", then extension {e}"))
                    .unwrap_or_default();
                println!(
                    "A phone number to dial: {} ({}){then}",
                    n.national(),
                    n.e164()
                );
                Exit::Ok
            }
            Err(e) => {
                eprintln!("error: `{text}` is a tel: code with an invalid number: {e}");
                Exit::Failed
            }
        };
    }
    if let Some(size) = text.strip_prefix("DK1-TEST/") {
        println!(
            "A printer test page code (module size {size}): it only tests printing and copying."
        );
        return Exit::Ok;
    }
    let p = match Payload::parse(text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failed;
        }
    };
    for line in explain(&p) {
        println!("{line}");
    }
    let Some(kit_path) = kit else { return Exit::Ok };
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
    let m = &loaded.kit.meta;
    match &verdict {
        Verdict::Current => println!("Current: the printout matches {} version {}.", m.id.v, m.version.v),
        Verdict::OtherVersion { printed, now } => println!(
            "STALE: printed from version {printed}; the kit is now version {now}. Replace the printout."
        ),
        Verdict::ContentChanged => println!(
            "STALE: version {} was changed after this was printed (content {} ≠ {}). Reprint it.",
            m.version.v,
            p.hash,
            short_hash(&loaded.kit.fingerprint())
        ),
        Verdict::OtherKit { printed, kit } => {
            println!("ANOTHER KIT: the printout belongs to kit `{printed}`, not `{kit}`.")
        }
    }
    if let Some(a) = &p.artifact {
        let k = &loaded.kit;
        let found = k
            .forms
            .iter()
            .map(|f| &f.id.v)
            .chain(k.checklists.iter().map(|c| &c.id.v))
            .chain(k.logs.iter().map(|l| &l.id.v))
            .chain(k.procedures.iter().map(|p| &p.id.v))
            .any(|id| id == a);
        if !found
            && matches!(
                verdict,
                Verdict::Current | Verdict::OtherVersion { .. } | Verdict::ContentChanged
            )
        {
            println!("Note: the kit has no artifact `{a}` any more.");
        }
    }
    if verdict == Verdict::Current {
        Exit::Ok
    } else {
        Exit::Failed
    }
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
