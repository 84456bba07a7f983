//! downkit compiles TOML definitions of manual fallback routines into printable PDF kits.

pub mod fonts;
pub mod layout;
pub mod qr;
pub mod render;
pub mod write;
