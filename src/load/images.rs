//! Pictures of a kit (`[form.section.image]`, a form's or the kit's `logo`): the tables read
//! into [`Image`]s, then each file read through the kit's roots (inside the kit folder or a
//! shared folder, a regular file, at most [`MAX_PICTURE_BYTES`]) and decoded once
//! ([`crate::picture::decode`]); every refusal is a diagnostic at the `file` key.

use super::open::{size_text, OpenError};
use super::reader::{Cx, Table};
use super::Loaded;
use crate::diag::Diagnostic;
use crate::model::{At, Image};
use crate::picture::{decode, MAX_PICTURE_BYTES};
use std::path::Path;
use std::sync::Arc;

/// Largest printed side of a picture, mm (wider than any page's text area is an error of
/// layout, naming the picture).
pub const MAX_SIDE_MM: u32 = 400;

/// Reads a picture table: `file` and `alt` required, `width` and `height` in mm.
pub fn image(cx: &mut Cx, mut t: Table) -> Option<Image> {
    let span = t.span();
    let file = t.req_str(cx, "file");
    let alt = t.req_str(cx, "alt");
    let width_mm = t.opt_u32_from(cx, "width", 5, MAX_SIDE_MM);
    let height_mm = t.opt_u32_from(cx, "height", 5, MAX_SIDE_MM);
    t.finish(cx);
    let alt = alt?;
    if alt.v.trim().is_empty() {
        cx.diags.push(
            Diagnostic::error("empty", alt.loc, "the picture's `alt` text is empty")
                .hint("say in words what the picture shows (\"Floor plan of ward 3 with the exits\"); a reader who cannot see it hears this"),
        );
    }
    Some(Image {
        file: file?,
        alt,
        width_mm,
        height_mm,
        picture: None,
        loc: cx.loc(span),
    })
}

/// Reads and decodes every picture the kit names, in place.
pub fn load_all(loaded: &mut Loaded) {
    let mut kit = std::mem::take(&mut loaded.kit);
    let mut diags = Vec::new();
    let mut each = |img: &mut Image| match read(loaded, img) {
        Ok(p) => img.picture = Some(p),
        Err(d) => diags.push(d),
    };
    if let Some(logo) = &mut kit.meta.logo {
        each(logo);
    }
    for f in &mut kit.forms {
        if let Some(logo) = &mut f.logo {
            each(logo);
        }
        for s in &mut f.sections {
            if let Some(img) = &mut s.image {
                each(img);
            }
        }
    }
    loaded.kit = kit;
    loaded.diags.extend(diags);
}

fn read(loaded: &Loaded, img: &Image) -> Result<Arc<crate::picture::Picture>, Diagnostic> {
    let file: &At<String> = &img.file;
    let base = loaded
        .sources
        .path(file.loc.file)
        .parent()
        .map_or_else(|| loaded.roots.kit().to_path_buf(), Path::to_path_buf);
    let (full, shown) = loaded.roots.resolve(&base, &file.v, file.loc, "picture")?;
    let (_, bytes) = loaded
        .roots
        .read(&full, MAX_PICTURE_BYTES)
        .map_err(|e| match e {
            OpenError::TooLarge { len, max } => Diagnostic::error(
                "file-too-large",
                file.loc,
                format!(
                    "the picture `{shown}` is {}; a picture may be at most {}",
                    size_text(len),
                    size_text(max)
                ),
            )
            .hint("scale it down (300 pixels per inch of its printed size is sharp on paper), or save a photo as JPEG"),
            OpenError::Outside(_) => Diagnostic::error(
                "outside-kit",
                file.loc,
                format!("the picture `{}` is outside the kit folder and its shared folders", file.v),
            )
            .hint("move the file into the kit folder, or declare its folder in [kit] as `shared-folders = [\"../shared\"]`"),
            other => Diagnostic::error(
                "not-a-file",
                file.loc,
                format!("cannot read the picture `{shown}`: {other}"),
            )
            .hint("name a PNG, JPEG or SVG file, relative to the kit file that names it"),
        })?;
    decode(bytes, &shown).map(Arc::new).map_err(|e| {
        Diagnostic::error("bad-picture", file.loc, e.message)
            .label("this file")
            .hint(e.hint)
    })
}
