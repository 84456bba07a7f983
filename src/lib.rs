//! downkit compiles TOML definitions of manual fallback routines into printable PDF kits.
//!
//! The pipeline, one module per stage: [`load`] (files → typed [`model`], spans kept) →
//! [`validate`] (every problem at once, as [`diag`]nostics) → [`layout`] (model → pages of
//! positioned boxes, no PDF types) → [`render`] (pure: boxes → PDF bytes) → [`write`]
//! (atomic, called by the [`cli`]).

pub mod build;
pub mod cli;
pub mod data;
pub mod diag;
pub mod fonts;
pub mod labels;
pub mod layout;
pub mod lifecycle;
pub mod load;
pub mod model;
pub mod payload;
pub mod qr;
pub mod render;
pub mod validate;
pub mod write;
