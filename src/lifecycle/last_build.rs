//! The last build's record: what `downkit build` printed for a kit (version and content
//! fingerprint), kept beside the PDFs as `<kit-id>.last-build.json` in the output folder —
//! never in the kit's folder, so it stays out of version control. `downkit check` compares
//! the kit with it: printed content that changed while `version` stayed the same is a
//! warning, since old and new printouts could then only be told apart by their QR codes.

use crate::diag::Diagnostic;
use crate::model::Kit;
use serde::{Deserialize, Serialize};

/// What one build printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastBuild {
    /// Kit id.
    pub kit: String,
    /// Kit version printed.
    pub version: String,
    /// The full content fingerprint ([`Kit::fingerprint`]).
    pub fingerprint: String,
    /// The print date of the build.
    pub print_date: String,
}

/// Largest record read, in bytes.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024;

impl LastBuild {
    /// The record of building `kit` for `print_date`.
    pub fn of(kit: &Kit, print_date: chrono::NaiveDate) -> LastBuild {
        LastBuild {
            kit: kit.meta.id.v.clone(),
            version: kit.meta.version.v.clone(),
            fingerprint: kit.fingerprint(),
            print_date: print_date.to_string(),
        }
    }

    /// The record's file name in the output folder.
    pub fn file_name(kit_id: &str) -> String {
        format!("{kit_id}.last-build.json")
    }

    /// The record as the file holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a record; `None` when the text is not one.
    pub fn from_json(text: &[u8]) -> Option<LastBuild> {
        serde_json::from_slice(text).ok()
    }

    /// A warning when `kit` prints other content than this build did under the same
    /// version; `None` otherwise (or when the record is of another kit).
    pub fn compare(&self, kit: &Kit) -> Option<Diagnostic> {
        let m = &kit.meta;
        if self.kit != m.id.v || self.version != m.version.v {
            return None;
        }
        let now = kit.fingerprint();
        if now == self.fingerprint {
            return None;
        }
        let short = |f: &str| f.chars().take(8).collect::<String>();
        Some(
            Diagnostic::warning(
                "version-not-raised",
                m.version.loc,
                format!(
                    "the printed content changed since the build of {} (fingerprint {} → {}), but `version` is still \"{}\"",
                    self.print_date,
                    short(&self.fingerprint),
                    short(&now),
                    m.version.v
                ),
            )
            .label("raise this")
            .hint("raise `version` before printing, so that new and old printouts can be told apart at a glance"),
        )
    }
}
