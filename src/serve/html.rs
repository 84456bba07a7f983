//! HTML building blocks: escaping, the two UI languages, and the page every view sits in.

use crate::model::Lang;

/// `s` with `& < > " '` escaped, for text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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
pub fn page(lang: Lang, title: &str, nav: Nav, body: &str, csrf: &str, extra: &str) -> String {
    let code = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let cur = |n: Nav| {
        if n == nav {
            " aria-current=\"page\""
        } else {
            ""
        }
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"csrf\" content=\"{csrf}\">\
         <title>{title} · downkit</title>\
         <link rel=\"stylesheet\" href=\"/assets/style.css\">{extra}\
         <script src=\"/assets/app.js\" defer></script></head><body>\
         <a class=\"skip\" href=\"#main\">{skip}</a>\
         <header class=\"top\"><nav aria-label=\"{navl}\"><span class=\"brand\">downkit</span>\
         <a href=\"/\"{k}>{kits}</a><a href=\"/status\"{s}>{status}</a></nav></header>\
         <main id=\"main\" tabindex=\"-1\">{body}</main></body></html>\n",
        title = esc(title),
        skip = t(lang, "Hoppa till innehållet", "Skip to content"),
        navl = t(lang, "Huvudmeny", "Main menu"),
        k = cur(Nav::Kits),
        s = cur(Nav::Status),
        kits = t(lang, "Pärmar", "Kits"),
        status = t(lang, "Att göra", "Status"),
    )
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
            esc("<a href=\"x\">Å & 'ö'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Å &amp; &#39;ö&#39;&lt;/a&gt;"
        );
        assert_eq!(seg("min rutin/å"), "min+rutin%2F%C3%A5");
    }
}
