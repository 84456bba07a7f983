//! libphonenumber's numbering plans, loaded per country calling code when the first number
//! of that code is read.
//!
//! The `phonenumber` crate's built-in database compiles the patterns of all 254 territories
//! (some 15,000 regular expressions) the first time any number is parsed: ~650 M
//! instructions, most of a small kit's build. A kit's numbers are nearly all of its own
//! country, so downkit hands the crate a database of only the territories that share the
//! calling code of the number being read (one for Sweden, 25 for +1), built from the same
//! libphonenumber metadata (`numbering/`, compiled in) and kept for the rest of the process.
//!
//! Numbers are formatted here too ([`format`]), with the crate's own rules and metadata:
//! the crate's formatter falls back to its built-in database with `unwrap_or(&DATABASE)`,
//! which builds that whole database even when a database is given.

use std::sync::{Arc, Mutex, OnceLock};

use phonenumber::metadata::Database;

/// libphonenumber's `PhoneNumberMetadata.xml` (see `numbering/README.md`).
const PLANS: &str = include_str!("../../numbering/PhoneNumberMetadata.xml");

/// Each territory's calling code and where its `<territory>` element is in [`PLANS`].
fn territories() -> &'static [(u16, std::ops::Range<usize>)] {
    static INDEX: OnceLock<Vec<(u16, std::ops::Range<usize>)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        const END: &str = "</territory>";
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(start) = PLANS[at..].find("<territory ").map(|i| at + i) {
            let Some(end) = PLANS[start..].find(END).map(|i| start + i + END.len()) else {
                break;
            };
            let open = &PLANS[start..PLANS[start..].find('>').map_or(end, |i| start + i)];
            let code = open
                .split_once("countryCode=\"")
                .and_then(|(_, rest)| rest.split('"').next())
                .and_then(|c| c.parse().ok());
            if let Some(code) = code {
                found.push((code, start..end));
            }
            at = end;
        }
        found
    })
}

/// Whether some territory has the calling code `code`.
fn known(code: u16) -> bool {
    territories().iter().any(|(c, _)| *c == code)
}

/// The calling code at the start of `digits` (an international number without `+` or
/// `00`): calling codes are one to three digits and none is the prefix of another.
pub fn calling_code(digits: &str) -> Option<u16> {
    (1..=3.min(digits.len()))
        .filter_map(|n| digits[..n].parse().ok())
        .find(|&code| known(code))
}

/// The numbering plans of every territory with calling code `code`, built at the first
/// call for that code. `None` for a code no territory has.
pub fn plans(code: u16) -> Option<Arc<Database>> {
    static LOADED: Mutex<Vec<(u16, Arc<Database>)>> = Mutex::new(Vec::new());
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, db)) = loaded.iter().find(|(c, _)| *c == code) {
        return Some(db.clone());
    }
    let mut xml = String::from("<phoneNumberMetadata><territories>");
    let mut any = false;
    for (_, range) in territories().iter().filter(|(c, _)| *c == code) {
        xml.push_str(&PLANS[range.clone()]);
        any = true;
    }
    if !any {
        return None;
    }
    xml.push_str("</territories></phoneNumberMetadata>");
    // The compiled-in metadata is libphonenumber's own: it loads, or no number can be read
    // and every phone test fails.
    let db = Arc::new(Database::parse(&xml).expect("libphonenumber's metadata loads"));
    loaded.push((code, db.clone()));
    Some(db)
}

/// How a number is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// `+46701740605`.
    E164,
    /// `070-174 06 05`.
    National,
    /// `+46 70 174 06 05`.
    International,
}

/// `number` written in `mode` with the formats of its calling code in `plans`: the
/// algorithm of the crate's formatter (the first format whose leading digits and pattern
/// match; the national prefix rule in national form), given only `plans`.
pub fn format(plans: &Database, number: &phonenumber::PhoneNumber, mode: Mode) -> String {
    let code = number.code().value();
    let national = number.national().to_string();
    if mode == Mode::E164 {
        return format!("+{code}{national}");
    }
    let meta = plans.by_code(&code).and_then(|m| m.into_iter().next());
    let formats = meta.map_or(&[][..], |m| {
        if mode == Mode::National || m.international_formats().is_empty() {
            m.formats()
        } else {
            m.international_formats()
        }
    });
    let chosen = formats.iter().find(|f| {
        let leading = f.leading_digits();
        leading.is_empty()
            || leading
                .last()
                .and_then(|l| l.find(&national))
                .is_some_and(|m| m.start() == 0)
                && f.pattern()
                    .find(&national)
                    .is_some_and(|m| m.start() == 0 && m.end() == national.len())
    });
    let grouped = match (chosen, meta) {
        (Some(f), Some(meta)) => {
            let rule = f.national_prefix().filter(|_| mode == Mode::National);
            let template = match rule {
                Some(rule) => with_prefix(f.format(), rule, meta.national_prefix().unwrap_or("")),
                None => f.format().to_string(),
            };
            f.pattern()
                .replace(&national, template.as_str())
                .into_owned()
        }
        _ => national,
    };
    match mode {
        Mode::International => format!("+{code} {grouped}"),
        _ => grouped,
    }
}

/// `$1-$2 $3` with its first group written by the national prefix rule `$NP$FG` (prefix
/// `0`): `0$1-$2 $3`.
fn with_prefix(format: &str, rule: &str, prefix: &str) -> String {
    let first = format
        .char_indices()
        .find(|&(i, c)| c == '$' && format[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| i);
    let Some(i) = first else {
        return format.to_string();
    };
    let group = &format[i..i + 2];
    let written = rule
        .replace("$NP", prefix)
        .replace("$FG", group)
        .replace("$CC", "");
    format!("{}{written}{}", &format[..i], &format[i + 2..])
}

/// Territories per calling code, for the tests.
#[cfg(test)]
fn count(code: u16) -> usize {
    territories().iter().filter(|(c, _)| *c == code).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_territory_is_indexed() {
        assert_eq!(territories().len(), PLANS.matches("<territory ").count());
        assert_eq!(count(46), 1);
        assert_eq!(count(1), 25, "the North American plan");
        assert_eq!(count(44), 4, "GB, GG, IM, JE");
    }

    #[test]
    fn calling_codes_are_found_by_prefix() {
        assert_eq!(calling_code("46701740605"), Some(46));
        assert_eq!(calling_code("12025550101"), Some(1));
        assert_eq!(calling_code("358401234567"), Some(358));
        assert_eq!(calling_code("999123"), None);
        assert_eq!(calling_code(""), None);
    }

    #[test]
    fn plans_hold_only_their_code() {
        let se = plans(46).expect("Sweden");
        let n = phonenumber::parse_with(&se, Some(phonenumber::country::Id::SE), "070-174 06 05")
            .expect("a Swedish mobile number");
        assert!(phonenumber::is_valid_with(&se, &n));
        assert!(
            phonenumber::parse_with(&se, None, "+44 20 7946 0958").is_err(),
            "Sweden's plan knows no +44"
        );
        assert!(Arc::ptr_eq(&se, &plans(46).expect("again")), "built once");
        assert!(plans(999).is_none());
    }

    #[test]
    fn formats_as_the_crate_does() {
        use phonenumber::country::Id;
        let numbers = [
            (Id::SE, "070-174 06 05"),
            (Id::SE, "08-123 45 67"),
            (Id::SE, "0980-31 92 00"),
            (Id::SE, "020-22 22 22"),
            (Id::US, "(202) 555-0101"),
            (Id::GB, "020 7946 0958"),
            (Id::NO, "22 12 34 56"),
            (Id::DK, "33 12 34 56"),
            (Id::FI, "09 1234 5678"),
            (Id::DE, "030 1234567"),
            (Id::FR, "01 23 45 67 89"),
            (Id::AR, "011 1234-5678"),
        ];
        for (id, text) in numbers {
            let crate_db = &*phonenumber::metadata::DATABASE;
            let theirs = phonenumber::parse_with(crate_db, Some(id), text).expect(text);
            let ours = plans(theirs.code().value()).expect("plans");
            let parsed = phonenumber::parse_with(&ours, Some(id), text).expect(text);
            for (mode, crate_mode) in [
                (Mode::E164, phonenumber::Mode::E164),
                (Mode::National, phonenumber::Mode::National),
                (Mode::International, phonenumber::Mode::International),
            ] {
                assert_eq!(
                    format(&ours, &parsed, mode),
                    theirs.format().mode(crate_mode).to_string(),
                    "{text} ({id:?}) in {mode:?}"
                );
            }
        }
    }
}
