//! QR payloads: a documented, versioned, compact text format that means something offline.
//!
//! ```text
//! DK1/<kit-id>/<artifact-id>/<version>/<hash>[/<serial>[/<run>]][/X]
//! ```
//!
//! - `DK1`: format and its version.
//! - `kit-id`, `artifact-id`: slugs; the artifact is `-` for the kit itself (the cover).
//! - `version`: the kit's version as written in `[kit]`.
//! - `hash`: the first 8 hex digits of the kit's content fingerprint (SHA-256 over what the
//!   kit prints), so a stale printout is recognisable even when someone forgot to raise the
//!   version; a comment or reformatting does not change it.
//! - `serial`: the form copy's serial number, when the form is serialized.
//! - `run`: the print run of a serialized copy, `YYYYMMDD` (the print date) or
//!   `YYYYMMDD-N` for the N-th run printed that day, so that two printings of one kit version
//!   never carry the same code. Payloads printed before print runs were recorded have none and
//!   still decode.
//! - `X`: an exercise (drill) printout, never a real order.
//!
//! Contact codes use the standard `tel:+46…` URI instead.
//!
//! Reading is strict, since a code may be forged: ids are slugs, a version is at most 20
//! letters, digits, `.`, `-` or `_`, a serial at most 24 letters, digits and dashes ending in
//! a digit, a run's number 2–99. Anything else is no downkit payload, and its text is only
//! ever shown with control characters made visible ([`shown`]).

use chrono::NaiveDate;
use std::fmt;

/// The format tag.
pub const TAG: &str = "DK1";

/// The highest print run of a day (`build --run`).
pub const MAX_RUN: u32 = 99;

/// Longest serial read (a prefix of at most 10 characters and the digits).
pub const MAX_SERIAL: usize = 24;

/// Whether `s` can be a serial downkit prints: letters, digits and dashes, ending in a
/// digit, at most [`MAX_SERIAL`] characters.
pub fn is_serial(s: &str) -> bool {
    (1..=MAX_SERIAL).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && s.ends_with(|c: char| c.is_ascii_digit())
}

/// Whether `s` can be a kit version (`[kit] version`: validated the same way).
pub fn is_version(s: &str) -> bool {
    (1..=20).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// A text read from a code or typed by someone, fit to show on one line of a terminal or a
/// report: control characters (line breaks too) as visible pictures, at most `max`
/// characters, then `…`.
pub fn shown(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| match c {
            '\n' => '\u{2424}',
            '\t' => '\u{2409}',
            c => c,
        })
        .collect();
    out = crate::diag::visible(&out);
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A decoded downkit payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Kit id.
    pub kit: String,
    /// Artifact id, or `None` for the kit itself.
    pub artifact: Option<String>,
    /// Kit version.
    pub version: String,
    /// Short content hash (8 hex digits).
    pub hash: String,
    /// Serial number of a form copy.
    pub serial: Option<String>,
    /// Print run of a serialized copy (only with a serial).
    pub run: Option<PrintRun>,
    /// Printed for a drill.
    pub exercise: bool,
}

/// One printing of a kit: the print date and the number of the run that day (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PrintRun {
    /// The print date (`--date`).
    pub date: NaiveDate,
    /// The run of that day (`--run`, 1 unless given).
    pub number: u32,
}

impl fmt::Display for PrintRun {
    /// `20261201`, or `20261201-2` for a second run that day (the payload form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y%m%d"))?;
        if self.number != 1 {
            write!(f, "-{}", self.number)?;
        }
        Ok(())
    }
}

impl PrintRun {
    /// Parses the payload form, `YYYYMMDD` or `YYYYMMDD-N`.
    pub fn parse(text: &str) -> Option<PrintRun> {
        let (date, number) = match text.split_once('-') {
            // Only the canonical form: run 1 has no number, no leading zeros.
            Some((d, n)) => {
                let v: u32 = n.parse().ok()?;
                if !(2..=MAX_RUN).contains(&v) || v.to_string() != n {
                    return None;
                }
                (d, v)
            }
            None => (text, 1),
        };
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
        Some(PrintRun { date, number })
    }

    /// In words: `2026-12-01`, or `2026-12-01, run 2`.
    pub fn describe(&self) -> String {
        match self.number {
            1 => self.date.to_string(),
            n => format!("{}, run {n}", self.date),
        }
    }
}

/// The short hash printed in payloads: the first 8 hex digits of a kit's fingerprint
/// ([`crate::model::Kit::fingerprint`]).
pub fn short_hash(fingerprint: &str) -> String {
    fingerprint.chars().take(8).collect()
}

impl fmt::Display for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let artifact = self.artifact.as_deref().unwrap_or("-");
        write!(
            f,
            "{TAG}/{}/{artifact}/{}/{}",
            self.kit, self.version, self.hash
        )?;
        if let Some(s) = &self.serial {
            write!(f, "/{s}")?;
            if let Some(r) = &self.run {
                write!(f, "/{r}")?;
            }
        }
        if self.exercise {
            f.write_str("/X")?;
        }
        Ok(())
    }
}

/// Why a text is not a downkit payload: the text as read, fit to show ([`shown`]), and
/// why; shown as "`text` why".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    /// The text, control characters visible, cut short.
    pub code: String,
    /// Why it is no payload, in words.
    pub why: String,
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.code, self.why)
    }
}

impl Payload {
    /// Parses `DK1/…`, strictly (see the module's notes).
    pub fn parse(text: &str) -> Result<Payload, PayloadError> {
        let raw = text.trim();
        let fail = |why: String| PayloadError {
            code: shown(raw, 120),
            why,
        };
        let mut parts: Vec<&str> = raw.split('/').collect();
        if parts.first() != Some(&TAG) {
            return Err(fail(format!(
                "is not a downkit payload: it does not start with `{TAG}/`"
            )));
        }
        let exercise = parts.last() == Some(&"X") && parts.len() > 5;
        if exercise {
            parts.pop();
        }
        if !(5..=7).contains(&parts.len()) || parts[1..].iter().any(|p| p.is_empty()) {
            return Err(fail(format!(
                "has {} fields; a {TAG} payload has kit/artifact/version/hash, an optional serial and print run",
                parts.len().saturating_sub(1)
            )));
        }
        let run = match parts.get(6) {
            None => None,
            Some(r) => Some(PrintRun::parse(r).ok_or_else(|| {
                fail(format!(
                    "has `{}` for its print run, which is written YYYYMMDD or YYYYMMDD-N (N up to {MAX_RUN})",
                    shown(r, 40)
                ))
            })?),
        };
        let hash = parts[4];
        if hash.len() != 8 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(fail(format!(
                "has `{}` for its content hash, which is 8 hex digits",
                shown(hash, 40)
            )));
        }
        let bad = |what: &str, v: &str, rule: &str| {
            Err(fail(format!(
                "is no code downkit prints: its {what} `{}` {rule}",
                shown(v, 40)
            )))
        };
        if !crate::model::is_slug(parts[1]) {
            return bad(
                "kit id",
                parts[1],
                "is not an id (lower-case letters, digits, dashes)",
            );
        }
        if parts[2] != "-" && !crate::model::is_slug(parts[2]) {
            return bad(
                "artifact id",
                parts[2],
                "is not an id (lower-case letters, digits, dashes)",
            );
        }
        if !is_version(parts[3]) {
            return bad(
                "version",
                parts[3],
                "is not a version (at most 20 letters, digits, `.`, `-`, `_`)",
            );
        }
        if let Some(s) = parts.get(5) {
            if !is_serial(s) {
                return bad(
                    "serial",
                    s,
                    "is not a serial (at most 24 letters, digits and dashes, ending in a digit)",
                );
            }
        }
        Ok(Payload {
            kit: parts[1].to_string(),
            artifact: (parts[2] != "-").then(|| parts[2].to_string()),
            version: parts[3].to_string(),
            hash: hash.to_string(),
            serial: parts.get(5).map(|s| s.to_string()),
            run,
            exercise,
        })
    }
}

/// What a QR code holds, in words, for a reader who cannot see it (the code's alternative
/// text in a tagged PDF): "Ring 070-174 06 36", "Blankett HM-1, löpnummer HM-0007",
/// "Pärmens kod: <title>, version 1.0". `names` gives the names of artifacts (`-` for the
/// kit) and of `tel:` URIs (the number as printed); `lang` is a BCP 47 tag.
pub fn describe_code(
    payload: &str,
    lang: &str,
    names: &std::collections::BTreeMap<String, String>,
) -> String {
    use crate::labels::Label;
    let lang = if lang == "en" {
        crate::model::Lang::En
    } else {
        crate::model::Lang::Sv
    };
    let t = |l: Label| l.text(lang);
    if payload.starts_with("tel:") {
        let number = names.get(payload).cloned().unwrap_or_else(|| {
            let dial = payload.trim_start_matches("tel:");
            let (number, ext) = dial.split_once(',').unwrap_or((dial, ""));
            let shown = crate::model::PhoneNumber::parse(number)
                .map(|n| n.national())
                .unwrap_or_else(|_| number.to_string());
            if ext.is_empty() {
                shown
            } else {
                format!("{shown}, {ext}")
            }
        });
        return format!("{} {number}", t(Label::Call));
    }
    if let Some(size) = payload.strip_prefix("DK1-TEST/") {
        return t(Label::CodeTest).replace("{size}", size);
    }
    let Ok(p) = Payload::parse(payload) else {
        return t(Label::CodeOf).replace("{what}", payload);
    };
    let mut out = match p.artifact.as_deref() {
        None => format!(
            "{}: {}",
            t(Label::KitCode),
            names.get("-").map_or(p.kit.as_str(), String::as_str)
        ),
        Some(a) => names.get(a).cloned().unwrap_or_else(|| a.to_string()),
    };
    match &p.serial {
        Some(s) => out.push_str(&format!(", {} {s}", t(Label::Serial).to_lowercase())),
        None => out.push_str(&format!(
            ", {} {}",
            t(Label::Version).to_lowercase(),
            p.version
        )),
    }
    if p.exercise {
        out.push_str(&format!(", {}", t(Label::Exercise).to_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let p = Payload {
            kit: "hjalpmedel-hemtjanst".into(),
            artifact: Some("bestallning".into()),
            version: "1.2".into(),
            hash: "9f3a61c0".into(),
            serial: Some("HM-0007".into()),
            run: None,
            exercise: false,
        };
        let s = p.to_string();
        assert_eq!(
            s,
            "DK1/hjalpmedel-hemtjanst/bestallning/1.2/9f3a61c0/HM-0007"
        );
        assert_eq!(Payload::parse(&s).unwrap(), p);
        let run = Payload {
            run: Some(PrintRun {
                date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                number: 2,
            }),
            exercise: true,
            ..p.clone()
        };
        assert_eq!(
            run.to_string(),
            "DK1/hjalpmedel-hemtjanst/bestallning/1.2/9f3a61c0/HM-0007/20261201-2/X"
        );
        assert_eq!(Payload::parse(&run.to_string()).unwrap(), run);
        let first = "DK1/hjalpmedel-hemtjanst/bestallning/1.2/9f3a61c0/HM-0007/20261201";
        assert_eq!(Payload::parse(first).unwrap().run.unwrap().number, 1);
        assert!(Payload::parse("DK1/a/b/1/9f3a61c0/HM-1/2026-12-01").is_err());
        assert!(Payload::parse("DK1/a/b/1/9f3a61c0/HM-1/20261301").is_err());
        assert!(Payload::parse("DK1/a/b/1/9f3a61c0/HM-1/20261201-0").is_err());
        let kit = Payload {
            artifact: None,
            serial: None,
            exercise: true,
            ..p
        };
        assert_eq!(kit.to_string(), "DK1/hjalpmedel-hemtjanst/-/1.2/9f3a61c0/X");
        assert_eq!(Payload::parse(&kit.to_string()).unwrap(), kit);
        assert!(Payload::parse("tel:+46701740605").is_err());
        assert!(Payload::parse("DK1/a/b/1/zz").is_err());
    }

    #[test]
    fn forged_and_absurd_codes_are_no_payloads_and_are_shown_escaped() {
        let ok = "DK1/skanning/bestallning/3.0/0123abcd";
        assert!(Payload::parse(&format!("{ok}/HM-0001/20261201")).is_ok());
        // A 20-digit serial is well formed (and refused as never printed by reconcile).
        assert!(Payload::parse(&format!("{ok}/HM-{}/20261201", "9".repeat(20))).is_ok());
        let forged = [
            format!("{ok}/HM-{}/20261201", "9".repeat(1000)),
            format!("{ok}/HM-\"0001/20261201"),
            format!("{ok}/HM-0001\n/20261201"),
            format!("{ok}/HM-\u{1b}[2J0001/20261201"),
            format!("{ok}/HM-0001/20261201-100"),
            "DK1/Skanning/bestallning/3.0/0123abcd/HM-0001".into(),
            "DK1/skanning/bestallning/3.0\u{7}/0123abcd/HM-0001".into(),
            "DK1/skanning/best\u{1b}]0;x\u{7}allning/3.0/0123abcd".into(),
        ];
        for f in &forged {
            let e = Payload::parse(f).unwrap_err().to_string();
            assert!(!e.chars().any(|c| c.is_control()), "{e:?}");
            assert!(e.chars().count() < 400, "{e}");
        }
        assert_eq!(shown("a\u{1b}[2Jb\nc", 100), "a\u{241b}[2Jb\u{2424}c");
        assert_eq!(shown("abcdef", 3), "abc…");
        assert!(is_serial("HM-0007") && !is_serial("HM-") && !is_serial("HM 7"));
    }
}
