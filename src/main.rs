//! The `downkit` binary: parse arguments, dispatch, exit with the documented code.

use clap::Parser;

fn main() {
    let cli = downkit::cli::Cli::parse();
    std::process::exit(downkit::cli::run(cli) as i32);
}
