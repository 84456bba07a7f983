//! Fuzz target: the whole pipeline to PDF bytes. A kit that validates is built — the binder,
//! or for odd-length inputs the drill packet (watermark, exercise payloads) — and must
//! give a PDF (or a build error), never a panic. Kits that print more than a few hundred
//! copies or log sheets are left to `load_validate`: they are valid, only slow to fuzz.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Most copies and log sheets built per input.
const MAX_BUILT: u64 = 300;

fuzz_target!(|data: &[u8]| {
    let Some(k) = downkit_fuzz::write_kit(data) else {
        return;
    };
    let loaded = downkit::load::load(&k.kit);
    let diags = downkit::validate::check(&loaded, downkit_fuzz::date());
    if downkit::diag::has_errors(&diags) {
        return;
    }
    let kit = &loaded.kit;
    let copies: u64 = kit
        .forms
        .iter()
        .filter_map(|f| f.serial.as_ref())
        .map(|s| u64::from(s.copies))
        .sum();
    let sheets: u64 = kit.logs.iter().map(|l| u64::from(l.sheets)).sum();
    if copies + sheets > MAX_BUILT {
        return;
    }
    let Ok(fonts) = downkit::validate::fonts_for(&loaded) else {
        return;
    };
    let opts = downkit::compose::BuildOptions {
        date: downkit_fuzz::date(),
        ..Default::default()
    };
    let pdfs: Vec<Vec<u8>> = if data.len() % 2 == 0 {
        match downkit::compose::build(&loaded, &fonts, &opts) {
            Ok(outputs) => outputs.into_iter().map(|o| o.bytes).collect(),
            Err(_) => return,
        }
    } else {
        match downkit::compose::drill_packet(&loaded, &fonts, &opts, None) {
            Ok(o) => vec![o.bytes],
            Err(_) => return,
        }
    };
    for pdf in pdfs {
        assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
        assert!(
            pdf.windows(5).rev().take(64).any(|w| w == b"%%EOF"),
            "a PDF without its end"
        );
    }
});
