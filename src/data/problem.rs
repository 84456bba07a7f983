//! Problems of an export: where (file, line, column, row, field) and what is wrong, never
//! the value itself. An export holds personal data and a terminal log may be kept: a
//! problem names the position and the column, so the value can be looked up in the export,
//! but no personnummer, name or address is ever written into the message.

use crate::diag::Severity;
use std::fmt::Write as _;

/// A 1-based line and column (in characters) of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// One problem of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error (nothing is printed) or warning (printed, the value marked).
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `missing-column`.
    pub code: &'static str,
    /// The export as named on the command line (or the kit's sample path).
    pub file: String,
    /// Where in the file, when the problem has a place.
    pub pos: Option<Pos>,
    /// The data row (1 = the first row after the header), when it is about one row.
    pub row: Option<usize>,
    /// The column's name in the export, when it is about one field.
    pub field: Option<String>,
    /// What is wrong, without the value.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error in `file`.
    pub fn error(code: &'static str, file: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            file: file.to_string(),
            pos: None,
            row: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(code: &'static str, file: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, file, message)
        }
    }

    /// At a position.
    pub fn at(mut self, pos: Pos) -> Problem {
        self.pos = Some(pos);
        self
    }

    /// About a row and, when given, a field.
    pub fn in_row(mut self, row: usize, field: Option<&str>) -> Problem {
        self.row = Some(row);
        self.field = field.map(str::to_string);
        self
    }

    /// With how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column` or the bare file.
    pub fn position(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.col),
            None => self.file.clone(),
        }
    }

    /// `file:line:col: error[code]: row 14, field `Personnummer`: message`, and the hint on
    /// a second line.
    pub fn render(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}: {sev}[{}]: ", self.position(), self.code);
        match (self.row, &self.field) {
            (Some(r), Some(f)) => {
                let _ = write!(out, "row {r}, field `{f}`: ");
            }
            (Some(r), None) => {
                let _ = write!(out, "row {r}: ");
            }
            (None, Some(f)) => {
                let _ = write!(out, "column `{f}`: ");
            }
            (None, None) => {}
        }
        out.push_str(&self.message);
        out.push('\n');
        if let Some(h) = &self.hint {
            let _ = writeln!(out, "    help: {h}");
        }
        // Column names come from the export: no control character reaches the terminal.
        crate::diag::visible(&out)
    }

    /// As JSON, in the shape of the kit's diagnostics plus `row` and `field`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "line": self.pos.map(|p| p.line),
            "column": self.pos.map(|p| p.col),
            "row": self.row,
            "field": self.field,
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        })
    }
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// Sorts problems by file and position, keeping the order of equal positions.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
}
