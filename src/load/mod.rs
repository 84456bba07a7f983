//! Load: files → typed model, with every location kept.
//!
//! Stage 1 of the pipeline (**load** → validate → layout → render → write). A kit is a single
//! `.toml` file or a folder with `kit.toml`; `include = [...]` pulls in further files relative
//! to the including file. Every problem is recorded as a [`Diagnostic`]; loading goes on as
//! far as it can so that one run reports everything.

// A Diagnostic is large, but it is only built on the cold path of a broken kit.
#![allow(clippy::result_large_err)]

mod artifacts;
mod chars;
mod confine;
pub mod dataset;
mod dates;
pub mod drills;
mod fields;
mod guide;
mod images;
pub mod keys;
mod kit;
pub mod open;
mod outage;
pub mod pdf;
mod reader;
mod scenario;
pub mod schema;
pub mod shelf;
mod sources;
mod text;

pub use confine::Roots;
pub use kit::MAX_ITEMS;
pub use reader::MAX_TEXT;
pub use sources::Sources;

use crate::diag::Diagnostic;
use crate::model::{At, Kit};
use reader::{Cx, Table};
use std::path::{Path, PathBuf};
use text::read_text;

/// Largest kit file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most bytes all files of one kit may hold together (includes could otherwise multiply
/// the per-file limit).
pub const MAX_KIT_BYTES: usize = 16 * 1024 * 1024;
/// Largest drill log (`drills.toml`) read, in bytes: a thousand drills with long findings.
pub const MAX_DRILL_LOG_BYTES: u64 = 4 * 1024 * 1024;
/// Deepest include chain.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// Deepest nesting of arrays and tables in one file.
pub const MAX_NESTING: usize = 32;

/// The result of loading one kit: its sources, the model as far as it could be read, and
/// every problem found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Files read.
    pub sources: Sources,
    /// The kit (partial when there are errors).
    pub kit: Kit,
    /// Problems found while loading.
    pub diags: Vec<Diagnostic>,
    /// The folder the kit lives in, as given (relative paths such as fonts resolve against it).
    pub dir: PathBuf,
    /// The folders the kit may read from: its own and its declared `shared-folders`.
    pub roots: Roots,
    /// True when the main file was read and parsed, so validation is meaningful.
    pub parsed: bool,
}

/// Finds the main file of a kit given as a file or a folder.
pub fn main_file(path: &Path) -> Result<PathBuf, Diagnostic> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::file_error(
            "not-found",
            &shown,
            format!("cannot open `{shown}`: {}", io_reason(&e)),
        )
        .hint("give the path of a kit folder (with kit.toml) or of a .toml file")
    })?;
    if meta.is_dir() {
        let main = path.join("kit.toml");
        // Anything there is read (and refused when it is not a regular file).
        if std::fs::symlink_metadata(&main).is_err() {
            return Err(Diagnostic::file_error(
                "no-kit-toml",
                &shown,
                format!("the folder `{shown}` has no kit.toml"),
            )
            .hint("a kit folder needs a kit.toml; create one with `downkit init <dir>`"));
        }
        Ok(main)
    } else {
        Ok(path.to_path_buf())
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Loads a kit (file or folder) with all its includes.
pub fn load(path: &Path) -> Loaded {
    let mut loaded = Loaded {
        sources: Sources::new(),
        kit: Kit::default(),
        diags: Vec::new(),
        dir: PathBuf::new(),
        roots: Roots::default(),
        parsed: false,
    };
    let main = match main_file(path) {
        Ok(m) => m,
        Err(d) => {
            loaded.diags.push(d);
            return loaded;
        }
    };
    loaded.dir = main.parent().map(Path::to_path_buf).unwrap_or_default();
    loaded.roots = match Roots::new(&loaded.dir) {
        Ok(r) => r,
        Err(e) => {
            let shown = loaded.dir.display().to_string();
            loaded.diags.push(Diagnostic::file_error(
                "not-found",
                &shown,
                format!("cannot open the kit folder `{shown}`: {}", io_reason(&e)),
            ));
            return loaded;
        }
    };
    let mut stack = Vec::new();
    let shown = main.display().to_string();
    loaded.parsed = load_file(&mut loaded, &main, shown, None, &mut stack);
    if loaded.parsed {
        images::load_all(&mut loaded);
    }
    // A kit folder's drill log and shelf-check log lie beside its kit.toml, whether the
    // folder or the kit.toml was named; a loose kit file (`minimal.toml`) has none.
    if loaded.parsed && main.file_name() == Some(std::ffi::OsStr::new("kit.toml")) {
        side_file(
            &mut loaded,
            drills::FILE_NAME,
            &text::DRILL_LOG,
            |cx, root, file, kit| {
                kit.drills = drills::log(cx, root, file);
            },
        );
        side_file(
            &mut loaded,
            shelf::FILE_NAME,
            &text::SHELF_LOG,
            |cx, root, file, kit| {
                kit.shelf = shelf::log(cx, root, file);
            },
        );
        let broken = !log_errors(&loaded, shelf::FILE_NAME, loaded.kit.shelf.file).is_empty();
        loaded.kit.shelf.unreadable = broken;
    }
    loaded
}

/// The errors of a log kept beside kit.toml (`drills.toml`, `shelf-checks.toml`): those in
/// its text (`file`, its index in the sources when it was read; a log with syntax errors has
/// none, and is known by its path) or about the file itself.
pub fn log_errors(loaded: &Loaded, name: &str, file: Option<usize>) -> Vec<Diagnostic> {
    let real = std::fs::canonicalize(loaded.dir.join(name)).ok();
    let ours = |f: usize| Some(f) == file || real.as_deref() == Some(loaded.sources.path(f));
    loaded
        .diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .filter(|d| match d.loc {
            Some(l) => ours(l.file),
            None => d.path.as_deref().is_some_and(|p| p.ends_with(name)),
        })
        .cloned()
        .collect()
}

/// Reads a log kept beside kit.toml (the drill log, the shelf-check log) with `read`, when
/// there is one, through the kit's roots. Its texts are never printed, so they are not
/// checked against the font.
fn side_file(
    loaded: &mut Loaded,
    name: &str,
    limit: &text::Limit,
    read: impl FnOnce(&mut Cx, Table, usize, &mut Kit),
) {
    let path = loaded.dir.join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return;
    }
    let shown = path.display().to_string();
    let (canon, text) = match read_text(&loaded.roots, &path, &shown, limit) {
        Ok(t) => t,
        Err(d) => {
            loaded.diags.push(d);
            return;
        }
    };
    let file = loaded.sources.add(&canon, shown, text);
    let text = loaded.sources.text(file).to_string();
    if nesting_depth(&text) > MAX_NESTING {
        loaded.diags.push(Diagnostic::file_error(
            "too-deep",
            loaded.sources.name(file),
            format!("{} nests deeper than {MAX_NESTING} levels", limit.what),
        ));
        return;
    }
    let (doc, errors) = toml::de::DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        syntax_errors(&mut loaded.diags, file, &text, errors);
        return;
    }
    let mut unprinted = Vec::new();
    let Loaded { diags, kit, .. } = loaded;
    let mut cx = Cx {
        file,
        source: &text,
        diags,
        texts: &mut unprinted,
    };
    let root = Table::new(doc.get_ref(), 0..0, name.to_string());
    read(&mut cx, root, file, kit);
}

/// Records TOML syntax errors of one file; a bare date such as `issued = 1/12/2026` gets
/// the date hint (both readings) instead of the general one.
fn syntax_errors(
    diags: &mut Vec<Diagnostic>,
    file: usize,
    text: &str,
    errors: Vec<toml::de::Error>,
) {
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let line_start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = text[line_start..].lines().next().unwrap_or("");
        let date_hint = line.split_once('=').and_then(|(k, v)| {
            let v = v.split('#').next().unwrap_or("").trim();
            let looks_like_date = v.len() >= 6
                && v.chars().all(|c| c.is_ascii_digit() || "/.".contains(c))
                && v.contains(['/', '.']);
            looks_like_date.then(|| dates::hint(k.trim(), v))
        });
        let loc = crate::model::Loc {
            file,
            start: span.start,
            end: span.end,
        };
        let msg = e.message().trim().to_string();
        let hint = date_hint.unwrap_or_else(|| {
            "strings need \"quotes\", tables [brackets], one key = value per line".into()
        });
        diags
            .push(Diagnostic::error("syntax", loc, format!("TOML syntax error: {msg}")).hint(hint));
    }
}

/// Deepest nesting of brackets outside strings and comments (a cheap guard before parsing).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut in_str: Option<char> = None;
    let mut in_comment = false;
    let mut prev = '\0';
    for c in text.chars() {
        if in_comment {
            in_comment = c != '\n';
        } else if let Some(q) = in_str {
            if c == q && prev != '\\' {
                in_str = None;
            }
        } else {
            match c {
                '#' => in_comment = true,
                '"' | '\'' => in_str = Some(c),
                '[' | '{' => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = c;
    }
    max
}

/// Loads one file into `loaded`; returns true when it was parsed.
fn load_file(
    loaded: &mut Loaded,
    path: &Path,
    shown: String,
    from: Option<At<String>>,
    stack: &mut Vec<PathBuf>,
) -> bool {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let fail = |loaded: &mut Loaded, d: Diagnostic| match &from {
        Some(inc) => loaded.diags.push(Diagnostic {
            loc: Some(inc.loc),
            path: None,
            ..d
        }),
        None => loaded.diags.push(d),
    };
    if stack.contains(&canon) {
        let mut chain: Vec<String> = stack.iter().map(|p| file_name(p)).collect();
        chain.push(file_name(&canon));
        fail(
            loaded,
            Diagnostic::file_error(
                "include-cycle",
                &shown,
                format!("include cycle: {}", chain.join(" → ")),
            )
            .hint("remove one of the includes so that no file includes itself"),
        );
        return false;
    }
    if stack.len() >= MAX_INCLUDE_DEPTH {
        fail(
            loaded,
            Diagnostic::file_error(
                "include-depth",
                &shown,
                format!("includes nest deeper than {MAX_INCLUDE_DEPTH} files"),
            )
            .hint("list the files in kit.toml's `include` instead of having each include the next"),
        );
        return false;
    }
    if loaded.sources.find(&canon).is_some() {
        return true;
    }
    if loaded.sources.total_bytes() >= MAX_KIT_BYTES {
        fail(
            loaded,
            Diagnostic::file_error(
                "file-too-large",
                &shown,
                format!(
                    "the kit's files already hold {} bytes; a kit may hold at most {MAX_KIT_BYTES}",
                    loaded.sources.total_bytes()
                ),
            )
            .hint("split the kit into several kits"),
        );
        return false;
    }
    let text = match read_text(&loaded.roots, path, &shown, &text::KIT_FILE) {
        Ok((_, t)) => t,
        Err(d) => {
            let d = if from.is_some() {
                let msg = format!("{} (included here)", d.message);
                let hint = match d.code {
                    "empty-file" => {
                        "write the contacts, procedures or forms into it, or remove it from `include`"
                            .into()
                    }
                    _ => d.hint.clone().unwrap_or_else(|| {
                        "check the path: it is relative to the file that includes it".into()
                    }),
                };
                Diagnostic { message: msg, ..d }.hint(hint)
            } else {
                d
            };
            fail(loaded, d);
            return false;
        }
    };
    let file = loaded.sources.add(&canon, shown.clone(), text);
    let text = loaded.sources.text(file).to_string();
    if nesting_depth(&text) > MAX_NESTING {
        loaded.diags.push(
            Diagnostic::file_error(
                "too-deep",
                &shown,
                format!("`{shown}` nests arrays or tables deeper than {MAX_NESTING} levels"),
            )
            .hint("a kit never needs such deep nesting; check for a runaway bracket"),
        );
        return false;
    }
    let (doc, errors) = toml::de::DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        syntax_errors(&mut loaded.diags, file, &text, errors);
        return false;
    }
    stack.push(canon);
    let includes;
    {
        let Loaded {
            diags, kit, roots, ..
        } = loaded;
        let mut texts = Vec::new();
        let mut cx = Cx {
            file,
            source: &text,
            diags,
            texts: &mut texts,
        };
        let root = Table::new(
            doc.get_ref(),
            0..0,
            if from.is_none() {
                "kit.toml".into()
            } else {
                shown.clone()
            },
        );
        includes = read_tables(&mut cx, root, kit, roots, from.is_none());
        kit.texts.extend(texts);
    }
    // Relative to the including file's real folder (the kit folder for the main file).
    let base = match &from {
        None => loaded.roots.kit().to_path_buf(),
        Some(_) => canon_parent(path),
    };
    for inc in includes {
        match loaded.roots.resolve(&base, &inc.v, inc.loc, "include") {
            Ok((target, shown)) => {
                load_file(loaded, &target, shown, Some(inc), stack);
            }
            Err(d) => loaded.diags.push(d),
        }
    }
    stack.pop();
    true
}

/// Reads the tables of one kit file (the main file when `main`) into `kit`; returns its
/// includes. Also run by the schema's probe ([`keys::record`]) on generated text.
pub(super) fn read_tables(
    cx: &mut Cx,
    mut root: Table,
    kit: &mut Kit,
    roots: &mut Roots,
    main: bool,
) -> Vec<At<String>> {
    let meta = root.table(cx, "kit");
    match (meta, main) {
        (Some(t), true) => {
            kit.meta = kit::kit_meta(cx, t);
            for folder in &kit.meta.shared_folders {
                if let Err(d) = roots.declare(folder) {
                    cx.diags.push(d);
                }
            }
        }
        (Some(t), false) => cx.error(
            "kit-in-include",
            t.span(),
            "an included file cannot have a [kit] table".into(),
            "keep [kit] in the main kit.toml only".into(),
        ),
        (None, true) => cx.error(
            "missing-key",
            0..0,
            "the kit has no [kit] table".into(),
            "add a [kit] table with id, title, version, issued, review-by …".into(),
        ),
        (None, false) => {}
    }
    let includes = root.opt_str_list(cx, "include").unwrap_or_default();
    for t in root.tables(cx, "contact", kit::MAX_ITEMS) {
        let country = kit.meta.country;
        kit.contacts.push(kit::contact(cx, t, country));
    }
    for t in root.tables(cx, "procedure", kit::MAX_ITEMS) {
        kit.procedures.push(kit::procedure(cx, t));
    }
    for t in root.tables(cx, "form", kit::MAX_ITEMS) {
        kit.forms.push(artifacts::form(cx, t));
    }
    for t in root.tables(cx, "checklist", kit::MAX_ITEMS) {
        kit.checklists.push(artifacts::checklist(cx, t));
    }
    for t in root.tables(cx, "log", kit::MAX_ITEMS) {
        kit.logs.push(artifacts::log(cx, t));
    }
    for t in root.tables(cx, "dataset", dataset::MAX_DATASETS) {
        kit.datasets.push(dataset::dataset(cx, t));
    }
    for t in root.tables(cx, "scenario", scenario::MAX_SCENARIOS) {
        kit.scenarios.push(scenario::scenario(cx, t));
    }
    for t in root.tables(cx, "role", guide::MAX_GUIDE_ITEMS) {
        kit.roles.push(guide::role(cx, t));
    }
    for t in root.tables(cx, "term", guide::MAX_GUIDE_ITEMS) {
        kit.terms.push(guide::term(cx, t));
    }
    for t in root.tables(cx, "insert", guide::MAX_GUIDE_ITEMS) {
        kit.inserts.push(guide::insert(cx, t));
    }
    let parts = outage::Parts {
        poster: &mut kit.poster,
        intake: &mut kit.intake,
        recovery: &mut kit.recovery,
        locations: &mut kit.locations,
        reservnummer: &mut kit.reservnummer,
    };
    outage::read(cx, &mut root, parts);
    if let Some(t) = root.table(cx, "stock") {
        let (s, kept) = artifacts::stock(cx, t);
        kit.stock.extend(s);
        kit.stock_kept.extend(kept);
    }
    root.finish(cx);
    includes
}

/// The canonical folder of a canonical file path.
fn canon_parent(p: &Path) -> PathBuf {
    p.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
