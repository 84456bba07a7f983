//! Keeping a number with the word before it in a printed value: "Kyrkogatan 8",
//! "lgh 1401", "kl. 08", "kod 9753" never break across a line, so a narrow column never
//! leaves a house number, flat or key-box number alone on the next line.

/// Longest token (without trailing punctuation) that is kept with the word before it.
const MAX_NUMBER: usize = 6;

/// `text` with the space before every short number-like token (starting with a digit, at
/// most [`MAX_NUMBER`] characters besides trailing `,.;:)`) made a no-break space (U+00A0).
/// The renderer prints it as a plain space, so text extraction is unchanged.
pub fn keep_numbers_with_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut tokens = text.split(' ').peekable();
    while let Some(t) = tokens.next() {
        out.push_str(t);
        if let Some(next) = tokens.peek() {
            out.push(if !t.is_empty() && is_number(next) {
                '\u{a0}'
            } else {
                ' '
            });
        }
    }
    out
}

/// A house, flat or code number: "8", "12B", "1401", "08.30" (not a long number).
fn is_number(token: &str) -> bool {
    let core = token.trim_end_matches([',', '.', ';', ':', ')']);
    core.chars().next().is_some_and(|c| c.is_ascii_digit()) && core.chars().count() <= MAX_NUMBER
}

/// The lengths, in characters, of the pieces a value can break into.
pub fn unbreakable_lengths(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.split(' ').map(|w| w.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_with_the_word_before_them() {
        assert_eq!(keep_numbers_with_words("Kyrkogatan 8"), "Kyrkogatan\u{a0}8");
        assert_eq!(
            keep_numbers_with_words("Storgatan 1, lgh 1401"),
            "Storgatan\u{a0}1, lgh\u{a0}1401"
        );
        assert_eq!(
            keep_numbers_with_words("Insulin kl. 08 och 17."),
            "Insulin kl.\u{a0}08 och\u{a0}17."
        );
        assert_eq!(
            keep_numbers_with_words("Nyckelskåp nr 12B"),
            "Nyckelskåp nr\u{a0}12B"
        );
        // A long number (an order number, a personnummer) is not glued: it may need its
        // own line.
        assert_eq!(keep_numbers_with_words("Order 12345678"), "Order 12345678");
        assert_eq!(keep_numbers_with_words("Ring  8"), "Ring  8");
        let lens: Vec<usize> = unbreakable_lengths("Kyrkogatan\u{a0}8 vid").collect();
        assert_eq!(lens, [12, 3]);
    }
}
