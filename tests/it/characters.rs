//! Characters: control characters written as escapes are refused when the kit is read (the
//! positions are pinned in `tests/fixtures/diag/characters`), no control byte from a kit
//! ever reaches the terminal raw, and a UTF-16 file is named as such.

use crate::support;
use support::downkit;

const DATE: &str = "2026-11-27";
const FIXTURE: &str = "tests/fixtures/diag/characters";

/// True when `bytes` holds a control byte other than a line break or a tab.
fn has_control(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn control_characters_are_errors_with_position_and_never_printed_raw() {
    let o = downkit(&["check", FIXTURE, "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("kit.toml:3:27"), "{err}");
    assert!(err.contains("U+001B"), "{err}");
    assert!(!has_control(&o.stderr), "{err:?}");
    let o = downkit(&["check", FIXTURE, "--date", DATE, "--format", "json"]);
    assert!(!has_control(&o.stdout) && !has_control(&o.stderr));
    let parent = std::path::Path::new(FIXTURE).parent().unwrap();
    for cmd in ["status", "list"] {
        let o = downkit(&[cmd, parent.to_str().unwrap(), "--date", DATE]);
        assert!(!has_control(&o.stdout), "{cmd}: {:?}", o.stdout);
        assert!(!has_control(&o.stderr), "{cmd}: {:?}", o.stderr);
    }
}

#[test]
fn a_raw_control_byte_in_the_file_is_shown_as_a_visible_symbol() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[kit]\nid = \"k\" # \u{1b}[2J\u{7} rensar skärmen\ntitle = 1\n";
    std::fs::write(dir.path().join("kit.toml"), text).unwrap();
    let o = downkit(&["check", dir.path().to_str().unwrap(), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error[syntax]"), "{err}");
    assert!(!has_control(&o.stderr), "{err:?}");
    assert!(err.contains('\u{241b}'), "{err}");
}

#[test]
fn a_utf16_file_is_named_as_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[kit]\nid = \"k\"\ntitle = \"Åtgärd\"\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le-bom", [vec![0xff, 0xfe], le.clone()].concat()),
        ("be-bom", [vec![0xfe, 0xff], be.clone()].concat()),
        ("le", le),
        ("be", be),
    ] {
        std::fs::write(dir.path().join("kit.toml"), &bytes).unwrap();
        let o = downkit(&["check", dir.path().to_str().unwrap(), "--date", DATE]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("is UTF-16 text"), "{name}: {err}");
        assert!(err.contains("save it as UTF-8"), "{name}: {err}");
        assert!(!err.contains("binary"), "{name}: {err}");
    }
}
