//! The results of a call-tree test as `drill --record` and `serve` are given them (`--reached`,
//! `--no-answer`, `--wrong-number`): checked against the kit's contacts, turned into
//! findings for the drill log, and written back as each reached contact's `verified` date
//! in the kit file that declares it, under that file's lock.

use crate::lifecycle::{set_verified, NewDrill};
use crate::load::{Loaded, MAX_FILE_BYTES};
use crate::model::{CallResult, Kit, Lang};
use crate::write;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Call-tree results as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// Contacts that answered with the right number; `all` stands for every contact not
    /// named in the other lists.
    pub reached: Vec<String>,
    /// Contacts nobody answered for.
    pub no_answer: Vec<String>,
    /// Contacts whose number (or entry) was wrong.
    pub wrong_number: Vec<String>,
}

/// The word that stands for every contact not named otherwise.
pub const ALL: &str = "all";

/// Checks every id against the kit's contacts and returns one result per contact named, in
/// contact-sheet order. An unknown id, or one contact given two results, is refused.
pub fn resolve(kit: &Kit, given: &Given) -> Result<Vec<(String, CallResult)>, String> {
    let mut results: BTreeMap<&str, CallResult> = BTreeMap::new();
    let known: Vec<&str> = kit.contacts.iter().map(|c| c.id.v.as_str()).collect();
    let lists = [
        (CallResult::NoAnswer, &given.no_answer),
        (CallResult::WrongNumber, &given.wrong_number),
        (CallResult::Reached, &given.reached),
    ];
    let mut all = false;
    for (result, ids) in lists {
        for id in ids {
            let id = id.trim();
            if result == CallResult::Reached && id == ALL {
                all = true;
                continue;
            }
            let Some(&k) = known.iter().find(|k| **k == id) else {
                return Err(format!(
                    "the kit has no contact `{id}`; its contacts are: {}",
                    known.join(", ")
                ));
            };
            if let Some(old) = results.insert(k, result) {
                if old != result {
                    return Err(format!(
                        "contact `{id}` is given two results ({} and {}); give one",
                        old.key(),
                        result.key()
                    ));
                }
            }
        }
    }
    if all {
        for k in &known {
            results.entry(k).or_insert(CallResult::Reached);
        }
    }
    Ok(known
        .iter()
        .filter_map(|k| results.get(k).map(|r| (k.to_string(), *r)))
        .collect())
}

/// A finding for each contact that was not reached, in the kit's language, so the
/// after-action report lists it.
pub fn findings(kit: &Kit, calls: &[(String, CallResult)]) -> Vec<String> {
    let sv = kit.meta.language == Lang::Sv;
    calls
        .iter()
        .filter_map(|(id, r)| {
            let role = kit
                .contacts
                .iter()
                .find(|c| c.id.v == *id)
                .map_or(id.as_str(), |c| c.role.v.as_str());
            match (r, sv) {
                (CallResult::Reached, _) => None,
                (CallResult::NoAnswer, true) => {
                    Some(format!("Kontakttest: {role} ({id}) svarade inte"))
                }
                (CallResult::NoAnswer, false) => {
                    Some(format!("Call-tree test: {role} ({id}) did not answer"))
                }
                (CallResult::WrongNumber, true) => {
                    Some(format!("Kontakttest: fel nummer till {role} ({id})"))
                }
                (CallResult::WrongNumber, false) => {
                    Some(format!("Call-tree test: wrong number for {role} ({id})"))
                }
            }
        })
        .collect()
}

/// Sets the drill's date as `verified` on every contact reached, in the file that declares
/// it (comments and layout kept, a later date never moved back), one locked update per file:
/// for each file, the contacts changed in it, or why it could not be written.
pub fn write_verified(
    loaded: &Loaded,
    drill: &NewDrill,
) -> Vec<(PathBuf, Result<Vec<String>, String>)> {
    let mut by_file: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (id, r) in &drill.calls {
        if *r != CallResult::Reached {
            continue;
        }
        if let Some(c) = loaded.kit.contacts.iter().find(|c| c.id.v == *id) {
            by_file.entry(c.loc.file).or_default().push(c.id.v.as_str());
        }
    }
    by_file
        .into_iter()
        .map(|(file, ids)| {
            let path = loaded.sources.path(file).to_path_buf();
            let mut changed = Vec::new();
            let done = write::update_locked(&path, MAX_FILE_BYTES, write::Access::Shared, |old| {
                let text = old
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .ok_or_else(|| format!("`{}` is gone", path.display()))?;
                let (new, c) = set_verified(&text, &ids, drill.date)?;
                changed = c;
                Ok::<_, String>(new.into_bytes())
            });
            let result = done.map(|()| changed).map_err(|e| e.to_string());
            (path, result)
        })
        .collect()
}
