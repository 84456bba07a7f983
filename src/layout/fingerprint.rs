//! Page fingerprints: a short hash of what a page says and draws, without its furniture
//! (running header, footer, page number, version) and with the print date left out, so that
//! a page whose content is unchanged keeps its fingerprint from one printing to the next.
//! `downkit diff` compares them to tell which pages to reprint.

use super::Item;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Hashes the content items of a page (or a template's shared content) into `h`.
pub(crate) fn hash_items(h: &mut Sha256, items: &[Item], print_date: &str) {
    let compact = print_date.replace('-', "");
    let norm = |s: &str| {
        let s = if print_date.is_empty() {
            s.to_string()
        } else {
            s.replace(print_date, "{date}")
        };
        if compact.is_empty() {
            s
        } else {
            s.replace(&compact, "{date}")
        }
    };
    let mut line = String::new();
    for item in items {
        line.clear();
        // Writing into a String cannot fail.
        let _ = match item {
            // A code's caption prints its payload: the same rule as for the code.
            Item::Text {
                x,
                y,
                size_pt,
                weight,
                text,
            } => {
                let text = if text.starts_with("DK1/") {
                    payload_content(text)
                } else {
                    text.clone()
                };
                write!(
                    line,
                    "T{x:.1},{y:.1},{size_pt:.1},{weight:?},{}",
                    norm(&text)
                )
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                stroke_pt,
                fill,
            } => {
                write!(line, "R{x:.1},{y:.1},{w:.1},{h:.1},{stroke_pt:?},{fill}")
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width_pt,
            } => {
                write!(line, "L{x1:.1},{y1:.1},{x2:.1},{y2:.1},{width_pt:.2}")
            }
            Item::Path {
                points,
                closed,
                fill,
                width_pt,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{x:.1}/{y:.1}"))
                    .collect();
                write!(line, "P{},{closed},{fill},{width_pt:.2}", pts.join(" "))
            }
            Item::UpText {
                x,
                y,
                size_pt,
                weight,
                text,
            } => write!(line, "U{x:.1},{y:.1},{size_pt:.1},{weight:?},{text}"),
            Item::Image {
                x,
                y,
                w,
                h,
                picture,
            } => write!(line, "I{x:.1},{y:.1},{w:.1},{h:.1},{}", picture.digest),
            // The drill watermark is furniture; structure markers and marks draw nothing.
            Item::OutlineText { .. } | Item::Tag(_) | Item::Mark { .. } => continue,
            Item::Qr {
                x,
                y,
                module,
                payload,
                ..
            } => {
                write!(
                    line,
                    "Q{x:.1},{y:.1},{module:.2},{}",
                    norm(&payload_content(payload))
                )
            }
        };
        h.update(line.as_bytes());
        h.update(b"\n");
    }
}

/// What of a QR payload is the page's content: a downkit code without the kit's version and
/// content hash (every code has them; a page whose own content is the same stays the same),
/// except on serialized copies, whose codes must match the version the back office
/// reconciles against. Other payloads (`tel:`) as they are.
fn payload_content(payload: &str) -> String {
    let parts: Vec<&str> = payload.split('/').collect();
    if parts.first() != Some(&crate::payload::TAG) || parts.len() < 5 {
        return payload.to_string();
    }
    if parts.len() > 5 && parts[5] != "X" {
        // Serial copy: all but the print run.
        let keep = if parts.len() > 6 && parts[6] != "X" {
            6
        } else {
            parts.len()
        };
        let mut p: Vec<&str> = parts[..keep].to_vec();
        if parts.last() == Some(&"X") && keep < parts.len() {
            p.push("X");
        }
        return p.join("/");
    }
    let mut p = vec![parts[0], parts[1], parts[2]];
    p.extend(parts[5..].iter().copied());
    p.join("/")
}

/// The fingerprint of a page: 16 hex digits.
pub(crate) fn finish(h: Sha256) -> String {
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::payload_content;

    #[test]
    fn codes_lose_version_and_hash_but_serials_keep_them() {
        assert_eq!(payload_content("DK1/k/-/1.0/3f9a61c0"), "DK1/k/-");
        assert_eq!(payload_content("DK1/k/c/1.0/3f9a61c0/X"), "DK1/k/c/X");
        assert_eq!(
            payload_content("DK1/k/f/1.0/3f9a61c0/HM-0007/20261201"),
            "DK1/k/f/1.0/3f9a61c0/HM-0007"
        );
        assert_eq!(payload_content("tel:+46701740605"), "tel:+46701740605");
    }
}
