//! The `downkit` binary: parse arguments, dispatch to a front end — the web app for `serve`,
//! the command line for everything else — and exit with the documented code. The two front
//! ends never call each other; both stand on the application layer (`downkit::app`).

use clap::Parser;
use downkit::cli::{Cli, Command, Exit};

fn main() {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Serve {
            dir,
            port,
            listen,
            out,
            date,
            snapshots,
        } => match downkit::serve::run(downkit::serve::Options {
            dir,
            port,
            listen,
            date,
            out,
            snapshots,
        }) {
            Ok(()) => Exit::Ok,
            Err(e) => {
                eprintln!("error: {e}");
                Exit::Usage
            }
        },
        command => downkit::cli::run(Cli {
            color: cli.color,
            command,
        }),
    };
    std::process::exit(exit as i32);
}
