//! Phone numbers as people write them: parsed and checked with libphonenumber's data (the
//! `phonenumber` crate) in the kit's country, printed in that country's national form
//! (`070-123 45 67`, `(202) 555-0101`) and foreign numbers in international form; short
//! numbers (112, 1177, 114 14) from [`super::short_numbers`]; extensions (`ankn. 12`,
//! `vx 08-123 45 00 ankn. 4512`) kept and dialled after a pause.

use super::numbering;
use super::short_numbers::{self, Country};
use std::fmt;

/// A phone number that has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    /// What a phone dials: `+46701234567`, or a short number's digits (`112`); empty for an
    /// internal extension alone.
    dial: String,
    /// How it is printed: `070-123 45 67`, `+44 20 7946 0958`, `114 14`, `ankn. 12`.
    shown: String,
    /// An extension, dialled after the number (`4512`).
    ext: Option<String>,
}

/// Why a phone number was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError(pub String);

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Words that mark an extension (`ankn. 12`, `ext. 12`, `x12`); matched lower-case.
const EXTENSION_MARKS: &[&str] = &["anknytning", "ankn.", "ankn", "ext.", "ext", "x"];
/// Words before a switchboard number (`vx 08-…`, `växel 08-…`, `tel. 08-…`).
const SWITCHBOARD_MARKS: &[&str] = &["växel", "vxl", "vx.", "vx", "tel.", "tel", "tfn"];

impl PhoneNumber {
    /// Parses a number written in a Swedish kit (see [`PhoneNumber::parse_in`]).
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        Self::parse_in(input, Country::default())
    }

    /// Parses a number as written in a kit for `country`: national (`070-123 45 67`,
    /// `(202) 555-0101`), international (`+44 20 7946 0958`, `0046 70 …`), a short number
    /// (`112`, `114 14`), any of them with an extension (`ankn. 12`), or an internal
    /// extension alone (`ankn. 12`).
    pub fn parse_in(input: &str, country: Country) -> Result<PhoneNumber, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError("the phone number is empty".into()));
        }
        let (main, ext) = split_extension(trimmed)?;
        let main = strip_switchboard(main);
        if main.is_empty() {
            return match ext {
                Some(e) => Ok(PhoneNumber {
                    dial: String::new(),
                    shown: format!("{} {e}", country.extension_word()),
                    ext: Some(e),
                }),
                None => Err(PhoneError(format!("`{trimmed}` has no number"))),
            };
        }
        if let Some(c) = main
            .chars()
            .find(|c| !(c.is_ascii_digit() || " -.()+/\u{a0}".contains(*c)))
        {
            return Err(PhoneError(format!(
                "`{c}` is not allowed in a phone number; write digits, spaces and dashes (an extension as `ankn. 12`)"
            )));
        }
        let digits: String = main.chars().filter(char::is_ascii_digit).collect();
        let international = main.starts_with('+') || digits.starts_with("00");
        if !international {
            if let Some(short) = short_numbers::find(country, &digits) {
                let mut n = PhoneNumber {
                    dial: digits,
                    shown: short.to_string(),
                    ext: None,
                };
                n.attach(ext, country);
                return Ok(n);
            }
        }
        let bad = || invalid(trimmed, &digits, international, country);
        let (text, code) = if international {
            let number = digits.strip_prefix("00").unwrap_or(&digits);
            let code = numbering::calling_code(number).ok_or_else(bad)?;
            (format!("+{number}"), code)
        } else {
            (main.to_string(), country.calling_code())
        };
        // Only the plans of the number's calling code are loaded (see `numbering`).
        let plans = numbering::plans(code).ok_or_else(bad)?;
        let parsed = phonenumber::parse_with(&plans, Some(country.id()), &text)
            .ok()
            .filter(|n| phonenumber::is_valid_with(&plans, n))
            .ok_or_else(bad)?;
        let home = parsed.code().value() == country.calling_code();
        let mode = if home {
            numbering::Mode::National
        } else {
            numbering::Mode::International
        };
        let format = |mode| numbering::format(&plans, &parsed, mode);
        let dial = format(numbering::Mode::E164);
        let shown = match (home, shared_cost_form(&dial)) {
            (true, Some(s)) => s,
            _ => format(mode),
        };
        let mut n = PhoneNumber {
            dial,
            shown,
            ext: None,
        };
        n.attach(ext, country);
        Ok(n)
    }

    fn attach(&mut self, ext: Option<String>, country: Country) {
        if let Some(e) = ext {
            self.shown = format!("{} {} {e}", self.shown, country.extension_word());
            self.ext = Some(e);
        }
    }

    /// What a phone dials (`+46701234567`, `112`), without the extension; empty for an
    /// internal extension alone.
    pub fn e164(&self) -> String {
        self.dial.clone()
    }

    /// The `tel:` URI a phone's camera dials: the number, then the extension after a pause
    /// (`tel:+4687891000,4512`: phones dial what follows the comma when the call is
    /// answered). `None` for an internal extension alone, which only a desk phone on the
    /// same exchange can reach.
    pub fn tel_uri(&self) -> Option<String> {
        if self.dial.is_empty() {
            return None;
        }
        Some(match &self.ext {
            Some(e) => format!("tel:{},{e}", self.dial),
            None => format!("tel:{}", self.dial),
        })
    }

    /// True for numbers of Sweden (and Swedish short numbers).
    pub fn is_swedish(&self) -> bool {
        self.dial.starts_with("+46") || (!self.dial.is_empty() && !self.dial.starts_with('+'))
    }

    /// The printed form: national for the kit's country (`070-123 45 67`), international
    /// for others (`+44 20 7946 0958`), with the extension (`08-789 10 00 ankn. 4512`).
    pub fn national(&self) -> String {
        self.shown.clone()
    }
}

/// Serialised for the content fingerprint as `e164` (the digits dialled) and, where the
/// printed form is not the Swedish national one, `written` and `ext` — the shape of earlier
/// versions, so that Swedish numbers keep their fingerprint.
impl serde::Serialize for PhoneNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let swedish_national = self.dial.starts_with("+46") && self.ext.is_none();
        let mut st = s.serialize_struct("PhoneNumber", 3)?;
        st.serialize_field("e164", self.dial.trim_start_matches('+'))?;
        st.serialize_field("written", &(!swedish_national).then_some(&self.shown))?;
        st.serialize_field("ext", &self.ext)?;
        st.end()
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Swedish shared-cost and premium numbers as they are written in Sweden: `0771-440 200`,
/// `0900-123 456` (the four-digit prefix, then the subscriber digits in threes).
/// libphonenumber groups them as `077-144 02 00`, which nobody writes.
fn shared_cost_form(e164: &str) -> Option<String> {
    let nsn = e164.strip_prefix("+46")?;
    if !(nsn.starts_with("77") || nsn.starts_with("90")) || nsn.len() != 9 {
        return None;
    }
    let (code, rest) = nsn.split_at(3);
    Some(format!("0{code}-{} {}", &rest[..3], &rest[3..]))
}

/// Splits `08-123 45 00 ankn. 4512` into the number and the extension's digits.
fn split_extension(s: &str) -> Result<(&str, Option<String>), PhoneError> {
    let lower = s.to_lowercase();
    for mark in EXTENSION_MARKS {
        // A mark starts a word: at the start or after a space, comma or digit (`x12`).
        let found = lower.match_indices(mark).find(|(i, _)| {
            *i == 0
                || lower[..*i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c == ' ' || c == ',' || c.is_ascii_digit())
        });
        let Some((i, _)) = found else { continue };
        if !s.is_char_boundary(i) || !s.is_char_boundary(i + mark.len()) {
            continue;
        }
        let rest = lower[i + mark.len()..].trim_start_matches([' ', '.', ':']);
        let digits: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 8 {
            return Err(PhoneError(format!(
                "`{}` is not an extension: write the extension's digits after `{mark}`, such as `ankn. 4512`",
                s[i..].trim()
            )));
        }
        // `lower` has the same byte offsets as `s` for the ASCII marks matched here.
        let main = s[..i].trim().trim_end_matches(',').trim();
        return Ok((main, Some(digits)));
    }
    Ok((s, None))
}

/// `vx 08-123 45 00` → `08-123 45 00`.
fn strip_switchboard(s: &str) -> &str {
    let lower = s.to_lowercase();
    for mark in SWITCHBOARD_MARKS {
        if lower.starts_with(mark) && s.is_char_boundary(mark.len()) {
            let rest = &s[mark.len()..];
            if rest.starts_with([' ', ':', '.']) || rest.starts_with(|c: char| c.is_ascii_digit()) {
                return rest.trim_start_matches([' ', ':', '.']).trim();
            }
        }
    }
    s.trim()
}

/// The message for a number libphonenumber does not accept.
fn invalid(written: &str, digits: &str, international: bool, country: Country) -> PhoneError {
    let code = country.code();
    if international {
        return PhoneError(format!(
            "`{written}` is not a valid international number: check the country code and the count of digits"
        ));
    }
    if code == "SE" && !digits.starts_with('0') {
        return PhoneError(format!(
            "`{written}` has no area code and is no Swedish short number: write it as 08-123 45 67, 070-123 45 67, +46 8 123 45 67 or 112, 1177, 114 14"
        ));
    }
    if code == "SE" {
        return PhoneError(format!(
            "`{written}` is not a valid Swedish number: check the area code and the count of digits (070-123 45 67, 08-123 45 67)"
        ));
    }
    PhoneError(format!(
        "`{written}` is not a valid {} phone number (the kit's `country` is {code}); write a number of another country with + and its country code",
        country.adjective()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(s: &str) -> String {
        PhoneNumber::parse(s).unwrap().national()
    }

    fn tel(s: &str, c: Country) -> Option<String> {
        PhoneNumber::parse_in(s, c).unwrap().tel_uri()
    }

    #[test]
    fn swedish_national_forms() {
        assert_eq!(nat("070-174 06 05"), "070-174 06 05");
        assert_eq!(nat("+46701740605"), "070-174 06 05");
        assert_eq!(nat("0046 70 174 06 05"), "070-174 06 05");
        assert_eq!(nat("031-390 06 00"), "031-390 06 00");
        assert_eq!(nat("0980-31 92 00"), "0980-31 92 00");
        assert_eq!(
            PhoneNumber::parse("070-174 06 05").unwrap().e164(),
            "+46701740605"
        );
    }

    #[test]
    fn short_and_service_numbers() {
        assert_eq!(nat("112"), "112");
        assert_eq!(nat("1177"), "1177");
        assert_eq!(nat("11414"), "114 14");
        assert_eq!(nat("113 13"), "113 13");
        assert_eq!(tel("114 14", Country::Se).unwrap(), "tel:11414");
        assert_eq!(tel("112", Country::Se).unwrap(), "tel:112");
        // Shared-cost and freephone numbers are national numbers libphonenumber knows.
        assert_eq!(nat("0771-440 200"), "0771-440 200");
        assert_eq!(nat("0771440200"), "0771-440 200");
        assert_eq!(nat("020-22 22 22"), "020-22 22 22");
        assert!(tel("0771-440 200", Country::Se)
            .unwrap()
            .starts_with("tel:+46771"));
    }

    #[test]
    fn extensions_are_kept_and_dialled_after_a_pause() {
        let n = PhoneNumber::parse("vx 08-789 10 00 ankn. 4512").unwrap();
        assert_eq!(n.national(), "08-789 10 00 ankn. 4512");
        assert_eq!(n.tel_uri().unwrap(), "tel:+4687891000,4512");
        let internal = PhoneNumber::parse("ankn. 12").unwrap();
        assert_eq!(internal.national(), "ankn. 12");
        assert_eq!(
            internal.tel_uri(),
            None,
            "a mobile cannot dial an internal extension"
        );
        assert_eq!(nat("08-789 10 00 anknytning 12"), "08-789 10 00 ankn. 12");
        assert!(PhoneNumber::parse("08-789 10 00 ankn. tolv").is_err());
    }

    #[test]
    fn foreign_numbers_in_their_own_national_form() {
        let us = Country::Us;
        let a = PhoneNumber::parse_in("(202) 555-0101", us).unwrap();
        let b = PhoneNumber::parse_in("+1 202 555 0101", us).unwrap();
        assert_eq!(a.national(), "(202) 555-0101");
        assert_eq!(b.national(), "(202) 555-0101");
        assert_eq!(a.tel_uri().unwrap(), "tel:+12025550101");
        assert_eq!(tel("911", us).unwrap(), "tel:911");
        // From a Swedish kit the same number is foreign: international form.
        assert_eq!(nat("+1 202 555 0101"), "+1 202-555-0101");
        assert_eq!(nat("+44 20 7946 0958"), "+44 20 7946 0958");
        assert!(PhoneNumber::parse("(202) 555-0101").is_err());
    }

    #[test]
    fn rejects_bad_numbers() {
        for bad in [
            "",
            "123",
            "070-123",
            "0701-23456789",
            "ring växeln",
            "+1 2",
            "114",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
        let e = PhoneNumber::parse("1234").unwrap_err().0;
        assert!(e.contains("short number"), "{e}");
    }
}
