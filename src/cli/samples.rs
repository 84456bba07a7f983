//! `downkit check` on a kit's datasets: each fictional sample export is read as a real
//! export would be (every problem at `file:line:column`), and when they all read, the
//! snapshot they make is laid out in memory, so that a list too wide for its page is found
//! by `check` and not first by the nightly job.

use crate::compose::snapshot::{snapshot_fits, SnapshotOptions};
use crate::data::{self, problem::Problem};
use crate::load::Loaded;

/// Problems of the samples and of the snapshot they make.
pub fn check(loaded: &Loaded) -> Vec<Problem> {
    let kit = &loaded.kit;
    let with_sample: Vec<_> = kit.datasets.iter().filter(|d| d.sample.is_some()).collect();
    if with_sample.is_empty() {
        return Vec::new();
    }
    let Ok(fonts) = crate::validate::fonts_for(loaded) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut exports = Vec::new();
    for d in &with_sample {
        // A sample path that cannot be resolved is an error of the kit, reported by
        // `validate::check`; `check` reads samples only of kits without errors.
        let Some(Ok((path, shown))) = crate::validate::sample_path(loaded, d) else {
            return problems;
        };
        let (export, mut p) = data::read_file(&path, &shown, d, &fonts, Some(&loaded.roots));
        problems.append(&mut p);
        exports.extend(export);
    }
    if data::problem::has_errors(&problems) || exports.len() != with_sample.len() {
        return problems;
    }
    let as_of = with_sample
        .iter()
        .filter_map(|d| d.sample_as_of.as_ref().map(|a| a.v))
        .min()
        .unwrap_or_else(|| kit.meta.issued.v.and_hms_opt(6, 0, 0).unwrap_or_default());
    let opts = SnapshotOptions { as_of, paper: None };
    if let Err(e) = snapshot_fits(loaded, &fonts, &exports, &opts) {
        let file = loaded.sources.name(0).to_string();
        problems.push(
            Problem::error("does-not-fit", &file, format!("the snapshot of the samples cannot be laid out: {e}"))
                .hint("print fewer columns in the list, give them `width`, or set `orientation = \"landscape\"`"),
        );
    }
    problems
}

/// The kit's diagnostics as JSON with the samples' problems after them.
pub fn json(diags: serde_json::Value, problems: &[Problem]) -> serde_json::Value {
    let mut all = match diags {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    all.extend(problems.iter().map(Problem::to_json));
    serde_json::Value::Array(all)
}
