//! The command line: arguments, turned into checked settings, and one module per subcommand.
//! `main.rs` only parses and dispatches; exit codes are documented on [`Exit`].

mod archive;
mod args;
mod binder;
mod build;
mod check;
mod decode;
mod diff;
mod drill;
mod init;
mod list;
mod output;
mod password;
mod reconcile;
mod samples;
mod shell;
mod snapshot;
mod status;
mod testpage;
mod watch;

pub use args::*;
pub use output::*;

use crate::app::clock::{resolve_date, resolve_now};
use crate::app::kits::expand_kits;

/// Process exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success (warnings allowed unless `--deny-warnings`).
    Ok = 0,
    /// 1: a kit has errors (or warnings with `--deny-warnings`), or something is overdue.
    Failed = 1,
    /// 2: the command line is wrong (clap's own usage errors also exit 2).
    Usage = 2,
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Exit {
    let _ = COLOR.set(cli.color);
    let result = match cli.command {
        Command::Check {
            kits,
            format,
            deny_warnings,
            out,
            date,
        } => resolve_date(date).map(|d| {
            let opts = check::CheckOptions {
                format,
                deny_warnings,
                out,
                today: d,
            };
            check::run(&expand_kits(&kits), &opts)
        }),
        Command::Build {
            kits,
            out,
            date,
            paper,
            split,
            only,
            copies,
            run,
            archive,
            sidecar,
            quiet,
            format,
        } => resolve_date(date).map(|date| {
            let opts = crate::compose::BuildOptions {
                date,
                paper: paper.map(PaperArg::paper),
                copies,
                only,
                split,
                exercise: false,
                run,
            };
            let archive = archive.then_some(crate::compose::ArchiveSpec {
                valid_from: None,
                valid_to: None,
                sidecar,
            });
            build::run(&expand_kits(&kits), &out, &opts, quiet, format, archive.as_ref())
        }),
        Command::Archive {
            kit,
            out,
            date,
            sidecar,
            valid_from,
            valid_to,
            paper,
            quiet,
            format,
        } => resolve_date(date).map(|date| {
            archive::run(&archive::Args {
                kit,
                out,
                opts: crate::compose::BuildOptions {
                    date,
                    paper: paper.map(PaperArg::paper),
                    ..Default::default()
                },
                spec: crate::compose::ArchiveSpec {
                    valid_from,
                    valid_to,
                    sidecar,
                },
                quiet,
                format,
            })
        }),
        Command::Drill {
            kit,
            out,
            date,
            scenario,
            paper: paper_arg,
            copies,
            run,
            record,
            participants,
            findings,
            follow_ups,
            done,
            done_by,
            reached,
            no_answer,
            wrong_number,
            report,
            quiet,
        } => resolve_date(date).map(|date| {
            if record {
                let r = crate::app::drill::Record {
                    drill: crate::lifecycle::NewDrill {
                        date,
                        scenario,
                        participants,
                        findings,
                        follow_ups,
                        calls: Vec::new(),
                    },
                    done,
                    done_by,
                    calls: crate::app::calls::Given {
                        reached,
                        no_answer,
                        wrong_number,
                    },
                };
                drill::record(&kit, &r)
            } else if report {
                let opts = crate::compose::BuildOptions {
                    date,
                    paper: paper_arg.map(PaperArg::paper),
                    ..Default::default()
                };
                drill::report(&kit, &out, &opts, quiet)
            } else {
                let opts = crate::compose::BuildOptions {
                    date,
                    paper: paper_arg.map(PaperArg::paper),
                    copies,
                    exercise: true,
                    run,
                    ..Default::default()
                };
                drill::packet(&kit, &out, &opts, scenario.as_deref(), quiet)
            }
        }),
        Command::Status {
            dir,
            format,
            date,
            snapshots,
        } => resolve_now(date).map(|now| status::run(&dir, format, now, snapshots.as_deref())),
        Command::Snapshot {
            kit,
            data,
            sample,
            out,
            as_of,
            password_file,
            no_encrypt,
            keep,
            paper,
            archive: refuse_archive,
            quiet,
            format,
        } => resolve_date(None).map(|today| {
            if refuse_archive {
                eprintln!("error: {}", archive::SNAPSHOT_REFUSED);
                return Exit::Usage;
            }
            snapshot::run(&snapshot::Args {
                kit,
                data,
                sample,
                out,
                as_of,
                password_file,
                no_encrypt,
                keep: keep.map(|k| k as usize),
                paper: paper.map(PaperArg::paper),
                quiet,
                format,
                today,
            })
        }),
        Command::Reconcile {
            kit,
            scans,
            incident,
            started,
            ended,
            format,
            date,
            copies,
            entered,
            checked,
            void,
            duplicate,
            confirm,
            field,
            value,
            void_unused,
            export,
            case,
            by,
            reason,
            run: print_run,
            form,
            register,
            out,
            paper,
        } => resolve_date(date).and_then(|today| {
            let serial = entered
                .clone()
                .or(checked.clone())
                .or(void.clone())
                .or(duplicate.clone())
                .or(confirm.clone());
            if serial.is_some() && !scans.is_empty() {
                return Err("record one sheet at a time, without scan files".into());
            }
            if let Some(i) = &incident {
                if !crate::app::ledger::valid_incident(i) {
                    return Err(format!(
                        "`{i}` cannot name an incident; use lower-case letters, digits and dashes, such as 2026-03-natverk"
                    ));
                }
            }
            let action = match (&entered, &checked, &void, &duplicate) {
                _ if confirm.is_some() => Some(crate::ledger::Action::Confirm {
                    field: field.clone().unwrap_or_default(),
                    value: value.clone().unwrap_or_default(),
                    by: by.clone().unwrap_or_default(),
                }),
                (Some(_), ..) => Some(crate::ledger::Action::Enter {
                    case: case.clone().unwrap_or_default(),
                    by: by.clone().unwrap_or_default(),
                }),
                (_, Some(_), ..) => Some(crate::ledger::Action::Check {
                    by: by.clone().unwrap_or_default(),
                }),
                (_, _, Some(_), _) => Some(crate::ledger::Action::Void {
                    reason: reason.clone().unwrap_or_default(),
                    by: by.clone(),
                }),
                (.., Some(_)) => Some(crate::ledger::Action::Duplicate {
                    case: case.clone().unwrap_or_default(),
                    by: by.clone().unwrap_or_default(),
                }),
                _ => None,
            };
            let action = serial.zip(action).map(|(serial, a)| {
                let target = crate::ledger::Target {
                    serial,
                    run: print_run,
                    form: form.clone(),
                };
                (target, a)
            });
            let void_unused = void_unused.then(|| by.clone());
            let settings = reconcile::Settings {
                kit,
                scans,
                incident,
                started,
                ended,
                by,
                format,
                today,
                copies,
                action,
                void_unused,
                export,
                register: register.then(|| (out.clone(), paper.map(PaperArg::paper))),
                out: Some(out),
            };
            Ok(reconcile::run(&settings))
        }),
        Command::Binder {
            kit,
            checked,
            by,
            found,
            missing,
            date,
            format,
        } => resolve_date(date).map(|today| {
            let settings = binder::Settings {
                checked,
                by,
                found,
                missing,
                today,
                format,
            };
            binder::run(&kit, &settings)
        }),
        Command::Watch {
            kit,
            out,
            date,
            paper,
            format,
        } => resolve_date(date).map(|date| {
            let opts = crate::compose::BuildOptions {
                date,
                paper: paper.map(PaperArg::paper),
                ..Default::default()
            };
            watch::run(&kit, &out, &opts, format)
        }),
        Command::Diff {
            old,
            kit,
            format,
            date,
        } => resolve_date(date).map(|d| diff::run(&old, &kit, d, format)),
        Command::Schema { file } => {
            let which =
                crate::load::schema::File::named(&file).unwrap_or(crate::load::schema::File::Kit);
            let text = serde_json::to_string_pretty(&crate::load::schema::schema(which))
                .unwrap_or_default();
            Ok(shell::print(&format!("{text}\n")))
        }
        Command::Completions { shell } => Ok(shell::completions(shell)),
        Command::Man { dir } => Ok(shell::man(dir.as_deref())),
        Command::Decode {
            payload,
            kit,
            format,
        } => Ok(decode::run(&payload, kit.as_deref(), format)),
        Command::Init { dir, lang, date } => resolve_date(date).map(|d| init::run(&dir, &lang, d)),
        Command::List { dir, format, date } => {
            resolve_date(date).map(|d| list::run(&dir, format, d))
        }
        // The web app is the other front end: the binary's `main` starts it, never the CLI.
        Command::Serve { .. } => Err("`downkit serve` is started by the downkit binary".into()),
        Command::Testpage {
            paper,
            out,
            date,
            lang,
        } => resolve_date(date).map(|date| {
            let opts = crate::compose::testpage::TestPageOptions {
                paper: paper.paper(),
                lang: if lang == "en" {
                    crate::model::Lang::En
                } else {
                    crate::model::Lang::Sv
                },
                date,
            };
            testpage::run(&opts, &out)
        }),
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        Exit::Usage
    })
}
