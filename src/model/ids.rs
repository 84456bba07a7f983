//! Ids: the slugs that name kits, contacts, forms, checklists, logs and steps.

/// True for a slug: starts with a lower-case ASCII letter, then lower-case letters, digits
/// and single dashes, at most 64 characters.
pub fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_lowercase()
        && !s.ends_with('-')
        && !s.contains("--")
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert!(super::is_slug("hjalpmedel-2"));
        assert!(!super::is_slug("Hjälp"));
        assert!(!super::is_slug("a--b"));
        assert!(!super::is_slug(""));
    }
}
