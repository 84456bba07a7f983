//! downkit compiles TOML definitions of manual fallback routines into printable PDF kits.
//!
//! The pipeline, one module per stage: [`load`] (files → typed [`model`], spans kept) →
//! [`validate`] (every problem at once, as [`diag`]nostics) → [`compose`] (model → the
//! blocks of each document) → [`layout`] (blocks → pages of positioned boxes, no PDF
//! types) → [`render`] (pure: boxes → PDF bytes) → [`write`] (atomic).
//!
//! Above the pipeline, [`app`] holds the operations both front ends call — the command line
//! ([`cli`]) and the web app ([`serve`]), which never call each other.
//!
//! After an outage a second input stage reads the paper back: [`scan`] (scanned PDFs and
//! images → the QR codes of every page) → [`reconcile`] (codes → sheets of the kit, against
//! what it prints) → [`ledger`] (the back-entry ledger of an incident, until every sheet is
//! entered).

pub mod app;
pub mod cli;
pub mod compose;
pub mod cores;
pub mod data;
pub mod diag;
pub mod fonts;
pub mod labels;
pub mod layout;
pub mod ledger;
pub mod lifecycle;
pub mod load;
pub mod model;
pub mod payload;
pub mod picture;
pub mod qr;
pub mod reconcile;
pub mod render;
pub mod scan;
pub mod serve;
pub mod validate;
pub mod write;
