//! Phone numbers: parsed from what people write, stored as E.164 (`+46…`), printed in the
//! Swedish national written form (`070-123 45 67`, `08-668 01 50`) or, for foreign numbers,
//! in international form with spaces.

use std::fmt;

/// A phone number that has been checked: Swedish national or international.
#[derive(Debug, serde::Serialize, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    /// Digits after the `+`, country code first (`46701234567`).
    e164: String,
    /// For foreign numbers: the digits grouped as written (`+44 20 7946 0958`).
    written: Option<String>,
}

/// Why a phone number was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError(pub String);

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Swedish area codes (without the leading 0) that are shorter than three digits.
/// Mobile prefixes 70, 72, 73, 76, 79 and the non-geographic 10, 20 are two digits too;
/// 77x (shared-cost) and the remaining geographic codes are three digits.
const SHORT_CODES: &[&str] = &[
    "8", "10", "11", "13", "16", "18", "19", "20", "21", "23", "26", "31", "33", "35", "36", "40",
    "42", "44", "46", "54", "60", "63", "70", "72", "73", "76", "79", "90",
];

impl PhoneNumber {
    /// Parses `+46 70-123 45 67`, `0046 70 1234567`, `070-123 45 67`, `08-668 01 50` or an
    /// international `+44 20 7946 0958`. Spaces, dashes, dots and parentheses are ignored.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError("the phone number is empty".into()));
        }
        let mut digits = String::new();
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
                _ => {
                    return Err(PhoneError(format!(
                    "`{c}` is not allowed in a phone number; write digits, spaces and dashes only"
                )))
                }
            }
        }
        let international = trimmed.starts_with('+') || digits.starts_with("00");
        let mut written = None;
        let e164 = if international {
            let d = digits.strip_prefix("00").unwrap_or(&digits).to_string();
            if let Some(rest) = d.strip_prefix("46") {
                let rest = rest.strip_prefix('0').unwrap_or(rest);
                check_swedish(rest)?;
                format!("46{rest}")
            } else {
                if !(7..=15).contains(&d.len()) || d.starts_with('0') {
                    return Err(PhoneError(format!(
                        "`{trimmed}` is not a valid international number: it needs a country code and 7 to 15 digits"
                    )));
                }
                let spaced: Vec<&str> = trimmed
                    .trim_start_matches('+')
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .collect();
                written = Some(format!("+{}", spaced.join(" ")));
                d
            }
        } else {
            let Some(rest) = digits.strip_prefix('0') else {
                return Err(PhoneError(format!(
                    "`{trimmed}` has no area code: write it as 08-123 45 67, 070-123 45 67 or +46 8 123 45 67"
                )));
            };
            check_swedish(rest)?;
            format!("46{rest}")
        };
        Ok(PhoneNumber { e164, written })
    }

    /// `+46701234567`: for `tel:` URIs.
    pub fn e164(&self) -> String {
        format!("+{}", self.e164)
    }

    /// True for Swedish numbers.
    pub fn is_swedish(&self) -> bool {
        self.e164.starts_with("46")
    }

    /// Digits of the national significant number (after `+46`), Swedish numbers only.
    fn nsn(&self) -> Option<&str> {
        self.e164.strip_prefix("46")
    }

    /// The national written form for Swedish numbers (`070-123 45 67`), else `+44 20 7946 0958`
    /// style grouping.
    pub fn national(&self) -> String {
        match self.nsn() {
            Some(nsn) => {
                let code_len = area_code_len(nsn);
                let (code, sub) = nsn.split_at(code_len);
                format!("0{code}-{}", group(sub))
            }
            None => self
                .written
                .clone()
                .unwrap_or_else(|| format!("+{}", self.e164)),
        }
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.national())
    }
}

fn area_code_len(nsn: &str) -> usize {
    SHORT_CODES
        .iter()
        .filter(|c| nsn.starts_with(**c))
        .map(|c| c.len())
        .max()
        .unwrap_or(3)
}

fn check_swedish(nsn: &str) -> Result<(), PhoneError> {
    let written = format!("0{nsn}");
    if nsn.starts_with('0') || !(7..=9).contains(&nsn.len()) {
        return Err(PhoneError(format!(
            "`{written}` is not a valid Swedish number: after the leading 0 it needs 7 to 9 digits"
        )));
    }
    let code_len = area_code_len(nsn);
    if nsn.starts_with('7') && code_len == 2 && nsn.len() != 9 {
        return Err(PhoneError(format!(
            "`{written}` is not a valid Swedish mobile number: mobile numbers have 10 digits (070-123 45 67)"
        )));
    }
    if nsn.len() - code_len < 5 {
        return Err(PhoneError(format!(
            "`{written}` is too short for its area code 0{}",
            &nsn[..code_len]
        )));
    }
    Ok(())
}

/// Groups a subscriber number Swedish style: pairs from the right, a leading triple when the
/// count is odd, 3-3-2 for eight (`1234567` → `123 45 67`, `123456` → `12 34 56`,
/// `46500400` → `465 004 00`).
fn group(digits: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = digits;
    if rest.len() == 8 {
        parts.push(&rest[..3]);
        rest = &rest[3..];
    }
    if rest.len() % 2 == 1 && rest.len() >= 3 {
        parts.push(&rest[..3]);
        rest = &rest[3..];
    }
    while !rest.is_empty() {
        let n = rest.len().min(2);
        parts.push(&rest[..n]);
        rest = &rest[n..];
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(s: &str) -> String {
        PhoneNumber::parse(s).unwrap().national()
    }

    #[test]
    fn national_forms() {
        assert_eq!(nat("070-174 06 05"), "070-174 06 05");
        assert_eq!(nat("+46701740605"), "070-174 06 05");
        assert_eq!(nat("0046 70 174 06 05"), "070-174 06 05");
        assert_eq!(nat("08-46500400"), "08-465 004 00");
        assert_eq!(nat("031-390 06 00"), "031-390 06 00");
        assert_eq!(nat("0980-31 92 00"), "0980-31 92 00");
        assert_eq!(nat("+44 20 7946 0958"), "+44 20 7946 0958");
        assert_eq!(
            PhoneNumber::parse("070-174 06 05").unwrap().e164(),
            "+46701740605"
        );
    }

    #[test]
    fn rejects_bad_numbers() {
        assert!(PhoneNumber::parse("").is_err());
        assert!(PhoneNumber::parse("123").is_err());
        assert!(PhoneNumber::parse("070-123").is_err());
        assert!(PhoneNumber::parse("0701-23456789").is_err());
        assert!(PhoneNumber::parse("ring växeln").is_err());
        assert!(PhoneNumber::parse("+1 2").is_err());
    }
}
