//! Load: files → typed model, with every location kept.
//!
//! Stage 1 of the pipeline (**load** → validate → layout → render → write). A kit is a single
//! `.toml` file or a folder with `kit.toml`; `include = [...]` pulls in further files relative
//! to the including file. Every problem is recorded as a [`Diagnostic`]; loading goes on as
//! far as it can so that one run reports everything.

// A Diagnostic is large, but it is only built on the cold path of a broken kit.
#![allow(clippy::result_large_err)]

mod artifacts;
pub mod dataset;
pub mod drills;
mod fields;
mod kit;
mod reader;
mod scenario;
mod sources;

pub use reader::MAX_TEXT;
pub use sources::Sources;

use crate::diag::Diagnostic;
use crate::model::{At, Kit};
use reader::{Cx, Table};
use std::path::{Component, Path, PathBuf};

/// Largest kit file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
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
    /// The folder the kit lives in (relative paths such as fonts resolve against it).
    pub dir: PathBuf,
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
        if !main.is_file() {
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

/// Removes `.` and resolvable `..` components without touching the filesystem.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() || out.as_os_str().is_empty() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Loads a kit (file or folder) with all its includes.
pub fn load(path: &Path) -> Loaded {
    let mut loaded = Loaded {
        sources: Sources::new(),
        kit: Kit::default(),
        diags: Vec::new(),
        dir: PathBuf::new(),
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
    let mut stack = Vec::new();
    loaded.parsed = load_file(&mut loaded, &normalise(&main), None, &mut stack);
    if loaded.parsed && path.is_dir() {
        load_drill_log(&mut loaded, &path.join(drills::FILE_NAME));
    }
    loaded
}

/// Reads the kit's drill log when there is one. Its texts are never printed, so they are not
/// checked against the font.
fn load_drill_log(loaded: &mut Loaded, path: &Path) {
    if !path.exists() {
        return;
    }
    let shown = path.display().to_string();
    let text = match read_text(path, &shown) {
        Ok(t) => t,
        Err(d) => {
            loaded.diags.push(d);
            return;
        }
    };
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let file = loaded.sources.add_unhashed(&canon, shown, text);
    let text = loaded.sources.text(file).to_string();
    if nesting_depth(&text) > MAX_NESTING {
        loaded.diags.push(Diagnostic::file_error(
            "too-deep",
            loaded.sources.name(file),
            format!("the drill log nests deeper than {MAX_NESTING} levels"),
        ));
        return;
    }
    let (doc, errors) = toml::de::DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        syntax_errors(&mut loaded.diags, file, errors);
        return;
    }
    let mut unprinted = Vec::new();
    let mut cx = Cx {
        file,
        diags: &mut loaded.diags,
        texts: &mut unprinted,
    };
    let root = Table::new(doc.get_ref(), 0..0, drills::FILE_NAME.into());
    loaded.kit.drills = drills::log(&mut cx, root, file);
}

/// Records TOML syntax errors of one file.
fn syntax_errors(diags: &mut Vec<Diagnostic>, file: usize, errors: Vec<toml::de::Error>) {
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let loc = crate::model::Loc {
            file,
            start: span.start,
            end: span.end,
        };
        let msg = e.message().trim().to_string();
        diags.push(
            Diagnostic::error("syntax", loc, format!("TOML syntax error: {msg}"))
                .hint("strings need \"quotes\", tables [brackets], one key = value per line"),
        );
    }
}

/// Reads the text of a file with the size, UTF-8 and binary checks.
fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::file_error(
            "not-found",
            shown,
            format!("cannot read `{shown}`: {}", io_reason(&e)),
        )
    })?;
    if meta.is_dir() {
        return Err(Diagnostic::file_error(
            "not-a-file",
            shown,
            format!("`{shown}` is a folder, not a TOML file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file_error(
            "file-too-large",
            shown,
            format!(
                "`{shown}` is {} bytes; a kit file may be at most {MAX_FILE_BYTES}",
                meta.len()
            ),
        )
        .hint("split the kit into several files with `include`"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file_error(
            "not-found",
            shown,
            format!("cannot read `{shown}`: {}", io_reason(&e)),
        )
    })?;
    if bytes.contains(&0) {
        return Err(Diagnostic::file_error(
            "binary-file",
            shown,
            format!("`{shown}` is a binary file, not TOML text"),
        )
        .hint("a kit is a UTF-8 text file in TOML format"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::file_error(
            "not-utf8",
            shown,
            format!(
                "`{shown}` is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .hint("save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(
            Diagnostic::file_error("empty-file", shown, format!("`{shown}` is empty"))
                .hint("start from a template with `downkit init <dir>`"),
        );
    }
    Ok(text)
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
    from: Option<At<String>>,
    stack: &mut Vec<PathBuf>,
) -> bool {
    let shown = path.display().to_string();
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
            ),
        );
        return false;
    }
    if loaded.sources.find(&canon).is_some() {
        return true;
    }
    let text = match read_text(path, &shown) {
        Ok(t) => t,
        Err(d) => {
            let d = if from.is_some() {
                let msg = format!("{} (included here)", d.message);
                let hint = d.hint.clone().unwrap_or_else(|| {
                    "check the path: it is relative to the file that includes it".into()
                });
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
        syntax_errors(&mut loaded.diags, file, errors);
        return false;
    }
    stack.push(canon);
    let includes;
    {
        let Loaded { diags, kit, .. } = loaded;
        let mut cx = Cx {
            file,
            diags,
            texts: &mut kit.texts,
        };
        let mut root = Table::new(
            doc.get_ref(),
            0..0,
            if from.is_none() {
                "kit.toml".into()
            } else {
                shown.clone()
            },
        );
        let meta = root.table(&mut cx, "kit");
        match (meta, &from) {
            (Some(t), None) => kit.meta = kit::kit_meta(&mut cx, t),
            (Some(t), Some(_)) => cx.error(
                "kit-in-include",
                t.span(),
                "an included file cannot have a [kit] table".into(),
                "keep [kit] in the main kit.toml only".into(),
            ),
            (None, None) => cx.error(
                "missing-key",
                0..0,
                "the kit has no [kit] table".into(),
                "add a [kit] table with id, title, version, issued, review-by …".into(),
            ),
            (None, Some(_)) => {}
        }
        includes = root.opt_str_list(&mut cx, "include").unwrap_or_default();
        for t in root.tables(&mut cx, "contact", kit::MAX_ITEMS) {
            kit.contacts.push(kit::contact(&mut cx, t));
        }
        for t in root.tables(&mut cx, "procedure", kit::MAX_ITEMS) {
            kit.procedures.push(kit::procedure(&mut cx, t));
        }
        for t in root.tables(&mut cx, "form", kit::MAX_ITEMS) {
            kit.forms.push(artifacts::form(&mut cx, t));
        }
        for t in root.tables(&mut cx, "checklist", kit::MAX_ITEMS) {
            kit.checklists.push(artifacts::checklist(&mut cx, t));
        }
        for t in root.tables(&mut cx, "log", kit::MAX_ITEMS) {
            kit.logs.push(artifacts::log(&mut cx, t));
        }
        for t in root.tables(&mut cx, "dataset", dataset::MAX_DATASETS) {
            kit.datasets.push(dataset::dataset(&mut cx, t));
        }
        for t in root.tables(&mut cx, "scenario", scenario::MAX_SCENARIOS) {
            kit.scenarios.push(scenario::scenario(&mut cx, t));
        }
        if let Some(t) = root.table(&mut cx, "stock") {
            let s = artifacts::stock(&mut cx, t);
            kit.stock.extend(s);
        }
        root.finish(&mut cx);
    }
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for inc in includes {
        let target = normalise(&base.join(&inc.v));
        load_file(loaded, &target, Some(inc), stack);
    }
    stack.pop();
    true
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
