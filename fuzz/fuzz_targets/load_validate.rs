//! Fuzz target: load and validate a kit (with includes and a drill log), and render its
//! diagnostics as `check` does (text with source lines and JSON). Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(k) = downkit_fuzz::write_kit(data) else {
        return;
    };
    let loaded = downkit::load::load(&k.kit);
    let diags = downkit::validate::check(&loaded, downkit_fuzz::date());
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    let _ = downkit::diag::emit(&mut out, &loaded.sources, &diags);
    let _ = downkit::diag::to_json(&loaded.sources, &diags);
    for d in &diags {
        let _ = d.short(&loaded.sources);
    }
    let _ = loaded.kit.fingerprint();
});

