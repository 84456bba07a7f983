//! Recording a drill in a kit's `drills.toml`, marking follow-ups done and the call-tree
//! results (`downkit drill --record`, and the status page of `downkit serve`).

use crate::cli::Exit;
use crate::compose;
use crate::diag;
use crate::lifecycle::{entry_toml, log_header, NewDrill};
use crate::load::{self, drills::FILE_NAME};
use crate::write;
use std::path::Path;

/// What `drill --record` is asked to record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The drill (with its call results resolved by [`super::calls`]).
    pub drill: NewDrill,
    /// Follow-ups to mark done (`--done`): the text of their `what`, or a unique part of it.
    pub done: Vec<String>,
    /// Call-tree results as given: contacts reached (`all` for every contact not named
    /// otherwise), not answering, with a wrong number.
    pub calls: crate::app::calls::Given,
}

/// Appends the drill to the kit's `drills.toml` (created when missing) and marks follow-ups
/// done, after checking that the scenario and contacts exist and that the log as it stands
/// can be read; then sets the `verified` date of each contact reached. With only `--done`,
/// no drill is appended.
pub fn record(kit: &Path, r: &Record) -> Exit {
    if !kit.is_dir() {
        eprintln!(
            "error: `{}` is not a kit folder; a drill log (`{FILE_NAME}`) lives beside kit.toml in a kit folder",
            kit.display()
        );
        return Exit::Failed;
    }
    let loaded = load::load(kit);
    let log_errors = load::log_errors(&loaded, FILE_NAME, loaded.kit.drills.file);
    if !loaded.parsed {
        let _ = diag::emit(
            &mut crate::cli::stderr_color(),
            &loaded.sources,
            &loaded.diags,
        );
        eprintln!(
            "error: cannot read the kit `{}`; run `downkit check`",
            kit.display()
        );
        return Exit::Failed;
    }
    if !log_errors.is_empty() {
        let _ = diag::emit(
            &mut crate::cli::stderr_color(),
            &loaded.sources,
            &log_errors,
        );
        eprintln!("error: fix {FILE_NAME} before recording another drill");
        return Exit::Failed;
    }
    let mut drill = r.drill.clone();
    drill.calls = match crate::app::calls::resolve(&loaded.kit, &r.calls) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    if drill.scenario.is_none() && !drill.calls.is_empty() {
        drill.scenario = Some(compose::CALL_TREE.into());
    }
    if let Some(s) = &drill.scenario {
        if compose::find_scenario(&loaded.kit, Some(s)).is_none() {
            let mut ids: Vec<&str> = loaded
                .kit
                .scenarios
                .iter()
                .map(|s| s.id.v.as_str())
                .collect();
            ids.extend([compose::STANDARD, compose::CALL_TREE]);
            eprintln!(
                "error: the kit has no scenario `{s}`; choose one of: {}",
                ids.join(", ")
            );
            return Exit::Usage;
        }
    }
    drill
        .findings
        .extend(crate::app::calls::findings(&loaded.kit, &drill.calls));
    let only_done = !r.done.is_empty()
        && drill.scenario.is_none()
        && drill.participants.is_empty()
        && drill.findings.is_empty()
        && drill.follow_ups.is_empty();
    let path = match loaded.roots.side_file(FILE_NAME) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "error: cannot write `{}`: {e}",
                kit.join(FILE_NAME).display()
            );
            return Exit::Failed;
        }
    };
    // Read, change and replace under the log's lock: concurrent records all land.
    let header = log_header(&loaded.kit.meta.id.v);
    let mut marked = Vec::new();
    let written = write::update_locked(
        &path,
        load::MAX_DRILL_LOG_BYTES,
        write::Access::Shared,
        |old| {
            let mut text = match old {
                None => header,
                Some(bytes) => String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?,
            };
            if !r.done.is_empty() {
                let (t, m) = crate::lifecycle::mark_done(&text, &r.done, drill.date)?;
                text = t;
                marked = m;
            }
            if !only_done {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&entry_toml(&drill));
            }
            Ok::<_, String>(text.into_bytes())
        },
    );
    match written {
        Ok(()) => {}
        Err(write::UpdateError::Rejected(e)) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failed;
        }
    }
    for m in &marked {
        println!(
            "{}: follow-up \"{m}\" marked done on {}",
            kit.display(),
            drill.date
        );
    }
    if !only_done {
        println!(
            "{}: recorded the drill of {} in {}",
            kit.display(),
            drill.date,
            path.display()
        );
        let next = drill.date.checked_add_days(chrono::Days::new(u64::from(
            loaded.kit.meta.drill_interval_days(),
        )));
        if let Some(n) = next {
            println!("next drill due by {n}");
        }
    }
    crate::app::calls::write_verified(&loaded, &drill)
}
