//! Kit ids are unique among the kits of one run: two kits with one id would write the same
//! PDF (one silently replacing the other) and print QR payloads that cannot be told apart.
//! Every such kit gets an error at its `id`, before anything is built or written.

use crate::diag::Diagnostic;
use crate::load::Loaded;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// For each kit (in order), the errors for an id that another kit of `kits` also has.
pub fn duplicates(kits: &[(PathBuf, &Loaded)]) -> Vec<Vec<Diagnostic>> {
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, l)) in kits.iter().enumerate() {
        let id = &l.kit.meta.id;
        if l.parsed && !id.v.is_empty() && id.loc.start != id.loc.end {
            by_id.entry(id.v.as_str()).or_default().push(i);
        }
    }
    let mut out = vec![Vec::new(); kits.len()];
    for (id, same) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
        for &i in &same {
            let others: Vec<String> = same
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| format!("`{}`", kits[j].0.display()))
                .collect();
            out[i].push(
                Diagnostic::error(
                    "duplicate-kit-id",
                    kits[i].1.kit.meta.id.loc,
                    format!("the kit id `{id}` is also used by {}", others.join(", ")),
                )
                .hint("give each kit its own id: it names the PDF and is in every QR code, so two kits with one id overwrite and mix up each other's printouts"),
            );
        }
    }
    out
}
