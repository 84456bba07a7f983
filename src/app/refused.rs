//! Why a record (a shelf check, a drill, a follow-up done) was not made: the same reasons
//! for the command line and the web app, each front end saying them its own way.

use crate::diag::Diagnostic;
use std::fmt;

/// Why nothing was recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// The path is not a kit folder (a log lives beside kit.toml).
    NotKit(String),
    /// The kit cannot be read: its errors (their sources are in the loaded kit).
    Kit(Vec<Diagnostic>),
    /// The log to add to cannot be read (its file name, and the errors in it): nothing is
    /// added to a file that is broken.
    Log(&'static str, Vec<Diagnostic>),
    /// What was asked names something the kit does not have, or says too little: the
    /// sentence to show (exit 2 on the command line).
    Invalid(String),
    /// The file could not be written.
    Failed(String),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotKit(m) | Refused::Invalid(m) | Refused::Failed(m) => f.write_str(m),
            Refused::Kit(d) => write!(
                f,
                "the kit cannot be read ({} errors); run `downkit check`",
                d.len()
            ),
            Refused::Log(name, d) => write!(
                f,
                "{name} cannot be read ({}); fix it before recording",
                d.first().map_or("", |d| d.message.as_str())
            ),
        }
    }
}
