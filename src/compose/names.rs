//! What the kit's QR codes are called by a reader who does not see them: the names their
//! alternative text in a tagged PDF uses (`layout::Meta::code_names`).

use crate::model::Kit;
use std::collections::BTreeMap;

/// Artifact id → the name printed on it (a form's code, else its title; `-` is the kit),
/// and every contact's `tel:` URI → the number as printed.
pub fn code_names(kit: &Kit) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    names.insert("-".to_string(), kit.meta.title.v.clone());
    for f in &kit.forms {
        let name = f.code.clone().unwrap_or_else(|| f.title.v.clone());
        names.insert(f.id.v.clone(), name);
    }
    for c in &kit.checklists {
        names.insert(c.id.v.clone(), c.title.v.clone());
    }
    for l in &kit.logs {
        names.insert(l.id.v.clone(), l.title.v.clone());
    }
    for p in &kit.procedures {
        names.insert(p.id.v.clone(), p.title.v.clone());
    }
    for phone in kit.contacts.iter().flat_map(|c| &c.phones) {
        if let Some(uri) = phone.number.v.tel_uri() {
            names.insert(uri, phone.number.v.national());
        }
    }
    names
}
