//! The application layer: the operations both front ends call — the command line
//! ([`crate::cli`]) and the web app ([`crate::serve`]). Each front end only turns arguments
//! or requests into these calls and their results into text, JSON or HTML; neither imports
//! the other, so the terminal and the browser cannot disagree.

pub mod check;
pub mod clock;
pub mod compile;
pub mod ids;
pub mod kits;
pub mod ledger;
pub mod status;
