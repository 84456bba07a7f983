//! The live preview of a kit: its binder laid out by the layout stage and drawn as SVG, page
//! by page, or the kit's problems instead when it has errors; the script asks for a new
//! stamp a few times a second and fetches the pages again when a file of the kit changed.
//! The PDF to download is built by the same `build` as `downkit build`.

use super::html::{esc, page as shell, seg, t, Nav};
use super::routes::Reply;
use super::State;
use crate::app::compile::{self, Compiled};
use crate::compose::{self, BuildOptions};
use crate::diag::has_errors;
use crate::load::{self, Loaded};
use crate::model::Lang;
use crate::validate;

fn options(state: &State) -> BuildOptions {
    BuildOptions {
        date: state.today(),
        ..BuildOptions::default()
    }
}

/// The pages (or the problems) of a kit, and the stamp of its files when it was read.
fn content(state: &State, loaded: &Loaded) -> String {
    let lang = loaded.kit.meta.language;
    let today = state.today();
    // Laid out once, without a PDF: what `check` says is only needed when that fails (its
    // trial layout names each block that does not fit at its line).
    let mut doc = None;
    let diags = match crate::app::compile::ready(loaded, today, None) {
        Err(d) => d,
        Ok((f, d)) => match compose::binder_document(loaded, &f, &options(state)) {
            Ok(laid) => {
                doc = Some(laid);
                d
            }
            Err(_) => crate::app::check::diagnostics(loaded, Vec::new(), today, &state.opts.out),
        },
    };
    let Some(doc) = doc.filter(|_| !has_errors(&diags)) else {
        return format!(
            "<div class=\"has-errors\" role=\"alert\"><h2>{}</h2><p>{}</p>{}</div>",
            t(lang, "Pärmen har fel", "The kit has errors"),
            t(
                lang,
                "Rätta dem och spara filen: sidorna visas här igen inom en sekund.",
                "Fix them and save the file: the pages show here again within a second."
            ),
            super::kits::diagnostics_html(lang, loaded, &diags)
        );
    };
    let total = doc.pages.len();
    let mut out = String::new();
    if !diags.is_empty() {
        out.push_str(&format!(
            "<details class=\"warnings\"><summary>{} ({})</summary>{}</details>",
            t(lang, "Varningar", "Warnings"),
            diags.len(),
            super::kits::diagnostics_html(lang, loaded, &diags)
        ));
    }
    out.push_str(&format!(
        "<p class=\"pagecount\">{total} {}</p><ol class=\"pages\">",
        t(lang, "sidor", "pages")
    ));
    for i in 0..total {
        let label = format!(
            "{} {} {} {total}",
            t(lang, "Sida", "Page"),
            i + 1,
            t(lang, "av", "of")
        );
        out.push_str(&format!(
            "<li><figure>{}<figcaption>{}</figcaption></figure></li>",
            super::svg::page(&doc, i, &label),
            esc(&label)
        ));
    }
    out.push_str("</ol>");
    out
}

fn loaded(state: &State, key: &str) -> Option<(String, Loaded)> {
    let path = super::kits::find(state, key)?;
    let stamp = super::stamp::of(&path);
    Some((stamp, load::load(&path)))
}

/// `GET /kit/<key>`: the preview page.
pub fn page(state: &State, key: &str) -> Reply {
    let Some((stamp, l)) = loaded(state, key) else {
        return Reply::not_found();
    };
    let lang = l.kit.meta.language;
    let k = seg(key);
    let title = if l.kit.meta.title.v.is_empty() {
        key.to_string()
    } else {
        l.kit.meta.title.v.clone()
    };
    let body = format!(
        "<h1>{}</h1><p class=\"meta\"><code>{}</code> version {}</p>\
         <p class=\"actions\"><a class=\"button\" href=\"/kit/{k}/pdf\" download>{}</a> \
         <a href=\"/kit/{k}/worklist\">{}</a></p>\
         <p class=\"live\">{}</p>\
         <div id=\"preview\" data-kit=\"{k}\" data-stamp=\"{stamp}\" aria-live=\"polite\" aria-busy=\"false\">{}</div>",
        esc(&title),
        esc(&l.kit.meta.id.v),
        esc(&l.kit.meta.version.v),
        t(lang, "Ladda ner PDF", "Download PDF"),
        t(lang, "Efterregistrering", "Back-entry worklist"),
        t(
            lang,
            "Förhandsvisningen följer filerna: spara en fil i pärmen så visas ändringen inom en sekund.",
            "The preview follows the files: save a file of the kit and the change shows within a second."
        ),
        content(state, &l)
    );
    let head = format!("<link rel=\"stylesheet\" href=\"/kit/{k}/fonts.css\">");
    Reply::html(shell(
        lang,
        &title,
        Nav::Kits,
        &body,
        state.auth.csrf(),
        &head,
    ))
}

/// `GET /kit/<key>/pages`: what the preview shows now, with its stamp in `X-Stamp`.
pub fn fragment(state: &State, key: &str) -> Reply {
    match loaded(state, key) {
        Some((stamp, l)) => Reply::html(content(state, &l)).header("X-Stamp", stamp),
        None => Reply::not_found(),
    }
}

/// `GET /kit/<key>/pdf`: the binder as `downkit build` writes it, to download: compiled by
/// the same function, with the same checks (the ids of the other kits served among them).
pub fn pdf(state: &State, key: &str) -> Reply {
    let kits = super::kits::list(state);
    let Some(i) = kits.iter().position(|(k, _)| k == key) else {
        return Reply::not_found();
    };
    let paths: Vec<_> = kits.into_iter().map(|(_, p)| p).collect();
    let Some((l, dup)) = compile::load_all(&paths).into_iter().nth(i) else {
        return Reply::not_found();
    };
    let lang: Lang = l.kit.meta.language;
    match compile::compile(&l, dup, &options(state)) {
        Compiled::Built(mut outputs, ..) if !outputs.is_empty() => {
            let o = outputs.swap_remove(0);
            Reply::bytes("application/pdf", o.bytes).header(
                "Content-Disposition",
                format!("attachment; filename=\"{}\"", o.file_name.replace('"', "")),
            )
        }
        Compiled::Invalid(_) => Reply::text(
            409,
            t(
                lang,
                "Pärmen har fel; se förhandsvisningen.",
                "The kit has errors; see the preview.",
            ),
        ),
        Compiled::Built(..) => Reply::text(500, "nothing was built"),
        Compiled::Failed(e) => Reply::text(500, e),
    }
}

/// `GET /kit/<key>/fonts.css`: the kit's two faces for the SVG text.
pub fn fonts_css(key: &str) -> Reply {
    let k = seg(key);
    let css = format!(
        "@font-face{{font-family:dk-regular;src:url(/kit/{k}/font/regular)}}\n\
         @font-face{{font-family:dk-bold;src:url(/kit/{k}/font/bold)}}\n\
         svg.page text.r{{font-family:dk-regular}}\nsvg.page text.b{{font-family:dk-bold}}\n"
    );
    Reply::bytes("text/css; charset=utf-8", css.into_bytes())
}

/// `GET /kit/<key>/font/<regular|bold>`: the face the kit prints with.
pub fn font(state: &State, key: &str, weight: &str) -> Reply {
    let Some((_, l)) = loaded(state, key) else {
        return Reply::not_found();
    };
    let fonts = validate::fonts_for(&l).unwrap_or_else(|_| crate::fonts::FontSet::builtin());
    let face = match weight {
        "regular" => fonts.regular,
        "bold" => fonts.bold,
        _ => return Reply::not_found(),
    };
    Reply::bytes("font/ttf", face.data.as_ref().clone())
}
