//! The scanned page of a sheet, as a PNG made in memory from the scan file the ledger names
//! (only when the file still has the digest recorded when it was read); never kept on disk.

use super::routes::Reply;
use super::State;
use std::path::{Path, PathBuf};

/// Widest image sent: enough to read handwriting on a screen.
const MAX_WIDTH: u32 = 1400;

/// Where the file the ledger names is: as recorded (relative to where `reconcile` ran, which
/// is usually where the server runs), else beside the kit or the folder of kits.
pub fn locate(file: &str, kit: &Path, dir: &Path) -> Option<PathBuf> {
    let p = Path::new(file);
    if p.is_absolute() {
        return p.is_file().then(|| p.to_path_buf());
    }
    [
        Some(Path::new(".")),
        Some(kit),
        kit.parent(),
        Some(dir),
        dir.parent(),
    ]
    .into_iter()
    .flatten()
    .map(|base| base.join(p))
    .find(|c| c.is_file())
}

fn png(g: &crate::scan::gray::Gray) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, g.width, g.height);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().map_err(|e| e.to_string())?;
    w.write_image_data(&g.pixels).map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// `GET /kit/<key>/scan?incident=…&sheet=<index>&page=<n>`.
pub fn get(state: &State, key: &str, q: &[(String, String)]) -> Reply {
    let arg = |name: &str| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(kit) = super::kits::find(state, key) else {
        return Reply::not_found();
    };
    let Some(inc) = arg("incident").filter(|i| crate::app::ledger::valid_incident(i)) else {
        return Reply::not_found();
    };
    let num = |name: &str| arg(name).and_then(|v| v.parse::<usize>().ok());
    let (Some(sheet), Some(page)) = (num("sheet"), num("page")) else {
        return Reply::not_found();
    };
    let ledger = match crate::app::ledger::read_ledger(&kit.join(crate::ledger::file_name(inc))) {
        Ok(Some(l)) => l,
        _ => return Reply::not_found(),
    };
    let Some(p) = ledger.sheets.get(sheet).and_then(|s| s.pages.get(page)) else {
        return Reply::not_found();
    };
    let Some(path) = locate(&p.file, &kit, &state.opts.dir) else {
        return Reply::text(404, format!("the scan `{}` is not here any more", p.file));
    };
    let img = crate::scan::page_image(&path, p.page, &p.digest).and_then(|mut g| {
        while g.width > MAX_WIDTH {
            g = g.half();
        }
        png(&g)
    });
    match img {
        Ok(b) => Reply::bytes("image/png", b),
        Err(e) => Reply::text(404, format!("the scan `{}` cannot be shown: {e}", p.file)),
    }
}
