//! The kit's source files, kept for diagnostics: names, texts and line starts.

use codespan_reporting::files::{self, Files};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One loaded file.
#[derive(Debug, Clone)]
struct SourceFile {
    path: PathBuf,
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

/// All files read for one kit, indexed by the `file` of a [`crate::model::Loc`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Self {
        Sources::default()
    }

    /// Adds a file; `name` is how diagnostics show it. Returns its index.
    pub fn add(&mut self, path: &Path, name: String, text: String) -> usize {
        let line_starts = files::line_starts(&text).collect();
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            name,
            text,
            line_starts,
        });
        self.files.len() - 1
    }

    /// Bytes of text of all files.
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|f| f.text.len()).sum()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file's display name.
    pub fn name(&self, id: usize) -> &str {
        &self.files[id].name
    }

    /// The file's path on disk.
    pub fn path(&self, id: usize) -> &Path {
        &self.files[id].path
    }

    /// The file's text.
    pub fn text(&self, id: usize) -> &str {
        &self.files[id].text
    }

    /// Index of an already loaded path.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|f| f.path == path)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: usize, offset: usize) -> (usize, usize) {
        let f = &self.files[id];
        let line = match f.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = f.line_starts[line];
        let end = offset.min(f.text.len());
        let col = f.text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line + 1, col)
    }

    /// The byte offset of a 1-based `file:line:column` position named as diagnostics show it.
    pub fn find_position(&self, position: &str) -> Option<(usize, usize)> {
        let mut parts = position.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let id = self.files.iter().position(|f| f.name == name)?;
        let f = &self.files[id];
        let start = *f.line_starts.get(line.checked_sub(1)?)?;
        let offset = f.text[start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(f.text.len(), |(i, _)| start + i);
        Some((id, offset))
    }
}

impl<'a> Files<'a> for Sources {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let f = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(match f.line_starts.binary_search(&byte_index) {
            Ok(l) => l,
            Err(l) => l - 1,
        })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let f = self.files.get(id).ok_or(files::Error::FileMissing)?;
        let start = *f
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: f.line_starts.len() - 1,
            })?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.text.len());
        Ok(start..end)
    }
}
