//! Swedish personal identity numbers: the Luhn check digit, and telling a personnummer from a
//! reservnummer (which has no national format and is never rejected for failing Luhn).

/// What a pre-filled identity number looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdCheck {
    /// A personnummer or samordningsnummer with a correct check digit.
    Valid,
    /// Looks like a personnummer but the check digit is wrong; carries the expected digit.
    BadCheckDigit(u32),
    /// Not of the personnummer shape (e.g. a reservnummer with letters): not checked.
    NotPersonnummer,
}

/// Checks `YYMMDD-NNNC`, `YYYYMMDD-NNNC` (or `+` for 100+, or without separator).
pub fn check(id: &str) -> IdCheck {
    let digits: String = id.chars().filter(|c| c.is_ascii_digit()).collect();
    let shape_ok = id
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && (digits.len() == 10 || digits.len() == 12);
    if !shape_ok {
        return IdCheck::NotPersonnummer;
    }
    let ten = &digits[digits.len() - 10..];
    let expected = luhn_digit(&ten[..9]);
    let given = ten.as_bytes()[9] - b'0';
    if u32::from(given) == expected {
        IdCheck::Valid
    } else {
        IdCheck::BadCheckDigit(expected)
    }
}

/// The Luhn check digit for nine digits.
fn luhn_digit(nine: &str) -> u32 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert_eq!(check("19121212-1212"), IdCheck::Valid);
        assert_eq!(check("121212-1212"), IdCheck::Valid);
        assert_eq!(check("19121212-1213"), IdCheck::BadCheckDigit(2));
        assert_eq!(check("RES-2024-K17"), IdCheck::NotPersonnummer);
        assert_eq!(check("990101-A123"), IdCheck::NotPersonnummer);
    }
}
