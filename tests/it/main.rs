//! The integration tests, one binary: each module is what was once a test file of its own, so a
//! test build links downkit once instead of once per file. Fixtures and golden files stay in
//! `tests/fixtures/` and `tests/golden/`; run one module with `cargo test --test it <module>::`.

mod archive;
mod budgets;
mod build_binder;
mod build_copies;
mod build_parallel;
mod characters;
mod cli_check;
mod diagnostic_codes;
mod diagnostics;
mod diff;
mod drill;
mod drill_log;
mod drill_watermark;
mod engine_copies;
mod engine_drawing;
mod engine_grid;
mod engine_layout;
mod engine_nbsp;
mod engine_pdf;
mod engine_stress;
mod engine_write;
mod examples_run;
mod fingerprint;
mod forms_v2;
mod install;
mod kit_ids;
mod kits_e2e;
mod ledger;
mod not_files;
mod outage;
mod output;
mod paths;
mod reconcile;
mod schema;
mod serve;
mod snapshot_cli;
mod snapshot_exports;
mod snapshot_inputs;
mod snapshot_kit;
mod support;
mod tagged;
mod testpage;
mod values;
mod watch;
