//! The path through a procedure's steps: every step can be reached from step 1, and a jump
//! past the step that ends the procedure leads back or ends too (else the reader runs off
//! the end of the procedure and never does what the end step says).

use crate::diag::Diagnostic;
use crate::model::{Kit, Procedure};

/// Runs the checks.
pub fn check(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    for p in &kit.procedures {
        procedure(p, diags);
    }
}

/// The step index of a step id.
fn index(p: &Procedure, id: &str) -> Option<usize> {
    p.steps
        .iter()
        .position(|s| s.id.as_ref().is_some_and(|i| i.v == id))
}

fn procedure(p: &Procedure, diags: &mut Vec<Diagnostic>) {
    let n = p.steps.len();
    if n == 0 {
        return;
    }
    let next = |i: usize| -> Vec<usize> {
        let s = &p.steps[i];
        let mut out: Vec<usize> = s
            .branches
            .iter()
            .filter_map(|b| index(p, &b.goto.v))
            .collect();
        if !s.end && i + 1 < n {
            out.push(i + 1);
        }
        out
    };
    let mut reached = vec![false; n];
    let mut stack = vec![0];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        stack.extend(next(i));
    }
    for (i, s) in p.steps.iter().enumerate() {
        if !reached[i] {
            let before = i
                .checked_sub(1)
                .map(|b| format!(": step {} ends the procedure", b + 1))
                .unwrap_or_default();
            diags.push(
                Diagnostic::warning(
                    "unreachable-step",
                    s.text.loc,
                    format!(
                        "step {} of `{}` can never be reached{before} and no step goes to it",
                        i + 1,
                        p.id.v
                    ),
                )
                .hint("give it an `id` and go to it from the step that leads there (`branch = [{ if = \"…\", goto = \"…\" }]`), or remove `end = true` from the step before"),
            );
        }
    }
    // A jump forward past an end step: from the target, following the steps in order, the
    // reader must come to an end step or go back to before it.
    for (i, s) in p.steps.iter().enumerate() {
        for b in &s.branches {
            let Some(j) = index(p, &b.goto.v) else {
                continue;
            };
            let Some(k) = (i + 1..j).find(|k| p.steps[*k].end) else {
                continue;
            };
            let mut at = j;
            let ok = loop {
                let st = &p.steps[at];
                if st.end {
                    break true;
                }
                let back = st
                    .branches
                    .iter()
                    .filter_map(|b| index(p, &b.goto.v))
                    .any(|t| t <= k);
                if back {
                    break true;
                }
                if at + 1 >= n {
                    break false;
                }
                at += 1;
            };
            if !ok {
                diags.push(
                    Diagnostic::warning(
                        "jump-past-end",
                        b.goto.loc,
                        format!(
                            "step {} of `{}` goes to step {} past step {}, which ends the procedure; from step {} the reader runs off the end without what step {} says",
                            i + 1,
                            p.id.v,
                            j + 1,
                            k + 1,
                            j + 1,
                            k + 1
                        ),
                    )
                    .hint("end that path too (`end = true` on its last step), or send the reader back with a branch (`goto` a step before the end)"),
                );
            }
        }
    }
}
