//! The content fingerprint: SHA-256 over what a kit prints, not over its files' text.
//!
//! The model is serialised (every type derives `serde::Serialize`, so a field added to the
//! model is covered without a list to keep), with source locations left out ([`Loc`]
//! serialises to nothing, [`At`] to its value) and with what is not printed skipped
//! (`#[serde(skip)]`: the drill log, the font-check copy of the texts, the shared folders).
//! Object entries holding nothing (null, false, 0, "", [], {}) are dropped, so a new optional
//! field left at its default keeps old printouts current. The result is written as JSON with
//! sorted keys and hashed. A comment, blank lines, key order or the split into include files
//! change nothing; any printed value changes the fingerprint.

use super::{At, Kit, Loc};
use serde::{Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};

impl Serialize for Loc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.v.serialize(s)
    }
}

/// True for a value that says nothing (left out of the canonical form).
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// Writes `v` as compact JSON with object keys sorted, empty entries left out.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, _)| k)
                .collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                canonical(&map[k.as_str()], out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The canonical text the fingerprint is taken over (for tests and for reading it).
pub fn canonical_text(kit: &Kit) -> String {
    // Serialising plain data to a Value cannot fail: no map has non-string keys.
    let value = serde_json::to_value(kit).unwrap_or(Value::Null);
    let mut out = String::new();
    canonical(&value, &mut out);
    out
}

impl Kit {
    /// The fingerprint of what the kit prints: 64 hex digits of SHA-256.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(canonical_text(self).as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_and_empty_values_are_left_out() {
        let mut kit = Kit::default();
        kit.meta.title = At::new(
            "Rutin".into(),
            Loc {
                file: 0,
                start: 10,
                end: 17,
            },
        );
        let a = kit.fingerprint();
        kit.meta.title.loc = Loc {
            file: 3,
            start: 99,
            end: 104,
        };
        assert_eq!(kit.fingerprint(), a);
        kit.meta.title.v = "Rutin!".into();
        assert_ne!(kit.fingerprint(), a);
        let text = canonical_text(&kit);
        assert!(!text.contains("loc") && !text.contains("null"), "{text}");
        assert!(text.contains("\"title\":\"Rutin!\""), "{text}");
    }
}
