//! Diagnostics: every problem found in a kit, with file, line, column, what is wrong and how
//! to fix it. Rendered with `codespan-reporting` (source line and caret) or as JSON.

mod safe;

pub use safe::visible;

use crate::load::Sources;
use crate::model::Loc;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::Files;
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::io::Write;

/// Gives every diagnostic its help text in the kit's language `lang`: a Swedish kit gets
/// the Swedish text of those that have one (see [`Diagnostic::hint_in`]); the others, and
/// every diagnostic of an English kit, keep the English text.
pub fn localize(diags: &mut [Diagnostic], lang: crate::model::Lang) {
    for d in diags {
        if let Some(sv) = d.hint_sv.take() {
            if lang == crate::model::Lang::Sv {
                d.hint = Some(sv);
            }
        }
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The kit still builds, but something should be fixed.
    Warning,
    /// The kit cannot be built.
    Error,
}

/// One problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `unknown-key`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where, when the problem is inside a source file.
    pub loc: Option<Loc>,
    /// A path the problem is about when there is no source position (missing file).
    pub path: Option<String>,
    /// Short text under the caret.
    pub label: String,
    /// How to fix it (English).
    pub hint: Option<String>,
    /// How to fix it in Swedish, where the diagnostic has it: [`localize`] puts it in
    /// `hint` for a Swedish kit.
    pub hint_sv: Option<String>,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn error(code: &'static str, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            loc: Some(loc),
            path: None,
            label: String::new(),
            hint: None,
            hint_sv: None,
        }
    }

    /// A warning at `loc`.
    pub fn warning(code: &'static str, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, loc, message)
        }
    }

    /// An error about a path that has no source position.
    pub fn file_error(code: &'static str, path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            loc: None,
            path: Some(path.to_string()),
            ..Diagnostic::error(code, Loc::default(), message)
        }
    }

    /// Adds how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds how to fix it in English and in Swedish: a Swedish kit gets the Swedish text
    /// ([`localize`]).
    pub fn hint_in(mut self, en: impl Into<String>, sv: impl Into<String>) -> Self {
        self.hint = Some(en.into());
        self.hint_sv = Some(sv.into());
        self
    }

    /// Adds the short text shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// `file:line:column` (1-based), or the bare path.
    pub fn position(&self, sources: &Sources) -> String {
        match self.loc {
            Some(loc) => {
                let (line, col) = sources.line_col(loc.file, loc.start);
                format!("{}:{line}:{col}", sources.name(loc.file))
            }
            None => self.path.clone().unwrap_or_default(),
        }
    }

    /// One line: `file:line:col: error[code]: message`.
    pub fn short(&self, sources: &Sources) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        visible(&format!(
            "{}: {sev}[{}]: {}",
            self.position(sources),
            self.code,
            self.message
        ))
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Codes of problems that keep a file from being read at all (syntax, an include that
/// cannot be opened): what they cause (unknown references, missing keys) follows from them.
const FILE_PROBLEMS: [&str; 14] = [
    "syntax",
    "too-deep",
    "not-found",
    "not-a-file",
    "file-too-large",
    "binary-file",
    "not-utf8",
    "empty-file",
    "include-cycle",
    "include-depth",
    "outside-kit",
    "absolute-path",
    "kit-in-include",
    "no-kit-toml",
];

/// Most diagnostics shown per kit (in text and JSON); the rest are counted.
pub const MAX_SHOWN: usize = 100;

/// Sorts diagnostics: problems that keep a file from being read first (a syntax error in an
/// include before the unknown references it causes), then by file and position, keeping
/// the order of equal positions.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| {
        (
            !FILE_PROBLEMS.contains(&d.code),
            d.loc.map(|l| (l.file, l.start)),
            d.path.clone(),
        )
    });
}

/// How many of `diags` are not shown: beyond [`MAX_SHOWN`].
pub fn omitted(diags: &[Diagnostic]) -> usize {
    diags.len().saturating_sub(MAX_SHOWN)
}

/// Writes diagnostics with source lines and carets.
pub fn emit(
    out: &mut dyn WriteColor,
    sources: &Sources,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let config = term::Config::default();
    // The source lines and messages quote the kit: control characters are made visible.
    let mut out = safe::Safe::new(out);
    for d in diags.iter().take(MAX_SHOWN) {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code)
        .with_message(&d.message);
        let mut shown = Clipped {
            sources,
            window: None,
        };
        match d.loc {
            Some(loc) => {
                let end = loc
                    .end
                    .max(loc.start + 1)
                    .min(sources.text(loc.file).len().max(loc.start));
                let (range, cut) = shown.focus(loc.file, loc.start..end);
                cs = cs.with_labels(vec![Label::primary(loc.file, range).with_message(&d.label)]);
                if let Some(note) = cut {
                    cs = cs.with_notes(vec![note]);
                }
            }
            None => {
                if let Some(p) = &d.path {
                    cs = cs.with_notes(vec![format!("in {p}")]);
                }
            }
        }
        if let Some(h) = &d.hint {
            cs = cs.with_notes(vec![format!("help: {h}")]);
        }
        term::emit_to_write_style(&mut out, &config, &shown, &cs)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    let rest = &diags[diags.len().min(MAX_SHOWN)..];
    if !rest.is_empty() {
        let errors = rest
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = rest.len() - errors;
        let counted: Vec<String> = [(errors, "error"), (warnings, "warning")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} more {w}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        writeln!(
            out,
            "… and {} not shown: fix the ones above first, they often cause the rest\n",
            counted.join(" and ")
        )?;
    }
    std::io::Write::flush(&mut out)
}

/// Longest part of a source line shown under a diagnostic, in bytes: a longer line (a
/// 900 kB value on one line) is shown around its caret, and the rest left out.
pub const MAX_LINE_SHOWN: usize = 160;

/// The kit's sources as one diagnostic shows them: every line cut to [`MAX_LINE_SHOWN`]
/// bytes, the labelled line around its label; positions stay those of the whole file.
struct Clipped<'a> {
    sources: &'a Sources,
    /// The file and the part of its labelled line shown.
    window: Option<(usize, std::ops::Range<usize>)>,
}

/// The largest char boundary of `text` at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Clipped<'_> {
    /// Sets the label's `range` in `file`; returns it as shown (within its line's window)
    /// and, when the line is cut, a note that says so.
    fn focus(
        &mut self,
        file: usize,
        range: std::ops::Range<usize>,
    ) -> (std::ops::Range<usize>, Option<String>) {
        let text = self.sources.text(file);
        let Ok(line) = self
            .sources
            .line_index(file, range.start)
            .and_then(|l| self.sources.line_range(file, l))
        else {
            return (range, None);
        };
        if line.len() <= MAX_LINE_SHOWN {
            return (range, None);
        }
        let from = boundary(text, range.start.saturating_sub(40).max(line.start));
        let to = boundary(text, (from + MAX_LINE_SHOWN).min(line.end));
        let shown = range.start.min(to)..range.end.clamp(range.start + 1, to.max(range.start + 1));
        let chars = |a: usize, b: usize| text[a..b].chars().count();
        let first = chars(line.start, from) + 1;
        let note = format!(
            "the line is {} characters long; characters {first}–{} of it are shown",
            chars(line.start, line.end),
            first + chars(from, to) - 1
        );
        self.window = Some((file, from..to));
        (shown, Some(note))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Clipped<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::name(self.sources, id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::source(self.sources, id)
    }

    fn line_index(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.sources.line_index(id, byte_index)
    }

    fn location(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        // The position in the whole line, not in the part shown.
        let (line_number, column_number) = self.sources.line_col(id, byte_index);
        Ok(codespan_reporting::files::Location {
            line_number,
            column_number,
        })
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let r = self.sources.line_range(id, line_index)?;
        if r.len() <= MAX_LINE_SHOWN {
            return Ok(r);
        }
        match &self.window {
            Some((file, w)) if *file == id && r.contains(&w.start) => Ok(w.clone()),
            _ => Ok(r.start..boundary(self.sources.text(id), r.start + MAX_LINE_SHOWN)),
        }
    }
}

/// The first [`MAX_SHOWN`] diagnostics as a JSON array of objects with `file`, `line`, `column`, `severity`, `code`,
/// `message`, `hint`.
pub fn to_json(sources: &Sources, diags: &[Diagnostic]) -> serde_json::Value {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .take(MAX_SHOWN)
        .map(|d| {
            let (file, line, column) = match d.loc {
                Some(loc) => {
                    let (l, c) = sources.line_col(loc.file, loc.start);
                    (sources.name(loc.file).to_string(), Some(l), Some(c))
                }
                None => (d.path.clone().unwrap_or_default(), None, None),
            };
            serde_json::json!({
                "file": file,
                "line": line,
                "column": column,
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    serde_json::Value::Array(items)
}
