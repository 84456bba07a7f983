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

use chrono::NaiveDate;
use std::fmt;

/// The format tag.
pub const TAG: &str = "DK1";

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
                if v < 2 || v.to_string() != n {
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

/// Why a text is not a downkit payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError(pub String);

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Payload {
    /// Parses `DK1/…`.
    pub fn parse(text: &str) -> Result<Payload, PayloadError> {
        let text = text.trim();
        let mut parts: Vec<&str> = text.split('/').collect();
        if parts.first() != Some(&TAG) {
            return Err(PayloadError(format!(
                "`{text}` is not a downkit payload: it does not start with `{TAG}/`"
            )));
        }
        let exercise = parts.last() == Some(&"X") && parts.len() > 5;
        if exercise {
            parts.pop();
        }
        if !(5..=7).contains(&parts.len()) || parts[1..].iter().any(|p| p.is_empty()) {
            return Err(PayloadError(format!(
                "`{text}` has {} fields; a {TAG} payload has kit/artifact/version/hash, an optional serial and print run",
                parts.len().saturating_sub(1)
            )));
        }
        let run = match parts.get(6) {
            None => None,
            Some(r) => Some(PrintRun::parse(r).ok_or_else(|| {
                PayloadError(format!(
                    "`{r}` is not a print run; it is written YYYYMMDD or YYYYMMDD-N"
                ))
            })?),
        };
        let hash = parts[4];
        if hash.len() != 8 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(PayloadError(format!(
                "`{hash}` is not an 8-digit content hash"
            )));
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
}
