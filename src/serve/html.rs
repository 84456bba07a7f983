//! HTML building blocks: the two UI languages, and the page every view sits in.
//!
//! Every page is written with `maud`'s `html!` templates, which escape each value put into
//! them (text and attribute values alike): markup can only come from a template, never from
//! a kit's text. What is not built by a template (the SVG preview) is escaped with maud's
//! own `Escaper`, through [`text`].

use crate::model::Lang;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The Swedish or the English text.
pub fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// A path segment (a kit's folder name) made safe for a URL.
pub fn seg(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Which top-level view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The kits page (and a kit's preview or worklist, under it).
    Kits,
    /// The status page.
    Status,
}

/// A whole page: `lang`, `title`, the navigation with `nav` current, and `body`. `extra` goes
/// into the head (the preview's font faces). The CSRF value is in a meta tag for the script.
pub fn page(lang: Lang, title: &str, nav: Nav, body: Markup, csrf: &str, extra: Markup) -> String {
    let code = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let cur = |n: Nav| (n == nav).then_some("page");
    let doc = html! {
        (DOCTYPE)
        html lang=(code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf" content=(csrf);
                title { (title) " · downkit" }
                link rel="stylesheet" href="/assets/style.css";
                (extra)
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { (t(lang, "Hoppa till innehållet", "Skip to content")) }
                header.top {
                    nav aria-label=(t(lang, "Huvudmeny", "Main menu")) {
                        span.brand { "downkit" }
                        a href="/" aria-current=[cur(Nav::Kits)] { (t(lang, "Pärmar", "Kits")) }
                        a href="/status" aria-current=[cur(Nav::Status)] { (t(lang, "Att göra", "Status")) }
                    }
                }
                main #main tabindex="-1" { (body) }
            }
        }
    };
    let mut s = doc.into_string();
    s.push('\n');
    s
}

/// `s` escaped for text or a (double-quoted) attribute value in markup that no `html!`
/// template builds (the SVG preview), by maud's own escaper.
pub fn text(s: &str) -> PreEscaped<String> {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len());
    let _ = maud::Escaper::new(&mut out).write_str(s);
    PreEscaped(out)
}

/// The language of most of `langs` (Swedish on a tie or when there are none).
pub fn majority(langs: impl Iterator<Item = Lang>) -> Lang {
    let (mut sv, mut en) = (0, 0);
    for l in langs {
        match l {
            Lang::Sv => sv += 1,
            Lang::En => en += 1,
        }
    }
    if en > sv {
        Lang::En
    } else {
        Lang::Sv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            text("<a href=\"x\">Å & 'ö'</a>").0,
            "&lt;a href=&quot;x&quot;&gt;Å &amp; 'ö'&lt;/a&gt;"
        );
        let p = page(
            Lang::Sv,
            "<b>\"",
            Nav::Kits,
            html! { p { ("<script>") } },
            "c\"",
            html! {},
        );
        assert!(
            p.contains("<title>&lt;b&gt;&quot; · downkit</title>"),
            "{p}"
        );
        assert!(p.contains("<p>&lt;script&gt;</p>") && p.contains("content=\"c&quot;\""));
        assert_eq!(seg("min rutin/å"), "min+rutin%2F%C3%A5");
    }
}
