//! downkit compiles TOML definitions of manual fallback routines into printable PDF kits.

pub mod cli;
pub mod diag;
pub mod fonts;
pub mod labels;
pub mod layout;
pub mod load;
pub mod model;
pub mod validate;
