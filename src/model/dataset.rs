//! Datasets: what a kit prints from an export of a care system at run time (`downkit
//! snapshot`). The kit declares the export's columns and what to print from them; the data
//! itself never lives in the kit (a kit may ship a small fictional sample).

use super::{At, FieldWidth, Loc};
use crate::layout::Orientation;
use chrono::NaiveDateTime;

/// What a column of an export holds: how its values are checked, printed and sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataKind {
    /// Any text, printed as given.
    #[default]
    Text,
    /// A date, `YYYY-MM-DD` (a time after it is ignored).
    Date,
    /// A time of day, `HH:MM` (`8:30`, `08.30` and `0830` are read too), printed `08:30`.
    Time,
    /// A personnummer or samordningsnummer (check digit checked) or a reservnummer (letters,
    /// never checked).
    Personnummer,
    /// A phone number, printed in the national written form.
    Phone,
    /// A number (`12`, `2,5`, `1 200`), printed as given.
    Number,
}

impl DataKind {
    /// The kinds and their names in the kit.
    pub const NAMES: [(&'static str, DataKind); 6] = [
        ("text", DataKind::Text),
        ("date", DataKind::Date),
        ("time", DataKind::Time),
        ("personnummer", DataKind::Personnummer),
        ("phone", DataKind::Phone),
        ("number", DataKind::Number),
    ];

    /// The kind's name in the kit.
    pub fn name(self) -> &'static str {
        DataKind::NAMES
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("text", |(n, _)| n)
    }
}

/// A column of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct DataColumn {
    /// Its name in the export: the CSV header or the JSON key.
    pub name: At<String>,
    /// The heading printed for it (the name when not given).
    pub label: At<String>,
    /// What it holds.
    pub kind: DataKind,
    /// It holds personal data: a snapshot printing it is encrypted.
    pub personal: bool,
    /// Share of a printed line, on the 12-column grid; else from the values.
    pub width: Option<At<FieldWidth>>,
    /// Location.
    pub loc: Loc,
}

/// How an export is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// A byte order mark decides, else UTF-8 when the bytes are valid UTF-8, else
    /// Windows-1252.
    #[default]
    Auto,
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Windows-1252 (what Latin-1 exports are in practice).
    Windows1252,
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma- or semicolon-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Only the rows whose `column` is one of `values` (compared without regard to case).
#[derive(Debug, Clone, PartialEq)]
pub struct RowFilter {
    /// The column, by its export name.
    pub column: At<String>,
    /// The values that keep a row.
    pub values: Vec<String>,
}

/// A list of rows as a table (`[[dataset.list]]`), one part per group.
#[derive(Debug, Clone, PartialEq)]
pub struct DataList {
    /// Its title ("Brukare – adress, nyckel och kontakt").
    pub title: At<String>,
    /// The columns printed, by export name, in order.
    pub columns: Vec<At<String>>,
    /// Empty columns to write in after them ("Klart kl.", "Sign.").
    pub write_in: Vec<At<String>>,
    /// Which way up its pages are printed.
    pub orientation: Orientation,
    /// Only some rows.
    pub only: Option<RowFilter>,
    /// Location.
    pub loc: Loc,
}

/// The rows of the next `days` days from the snapshot's date, a page per day
/// (`[[dataset.schedule]]`), one part per group.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Its title ("Besök").
    pub title: At<String>,
    /// The `date` column that places a row on its day.
    pub date: At<String>,
    /// Days printed, from the snapshot's date.
    pub days: At<u32>,
    /// The columns printed, by export name, in order.
    pub columns: Vec<At<String>>,
    /// Empty columns to write in after them.
    pub write_in: Vec<At<String>>,
    /// Which way up its pages are printed.
    pub orientation: Orientation,
    /// Only some rows.
    pub only: Option<RowFilter>,
    /// Location.
    pub loc: Loc,
}

/// A copy of a form per row with fields pre-filled from the row (`[[dataset.form]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrefilledForm {
    /// The form's id.
    pub form: At<String>,
    /// Field label → column (export name), in the order written.
    pub fill: Vec<(At<String>, At<String>)>,
    /// Only some rows.
    pub only: Option<RowFilter>,
    /// Location.
    pub loc: Loc,
}

/// `[[dataset]]`: an export the kit prints from.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Id, named by `--data <id>=<file>`.
    pub id: At<String>,
    /// Title ("Brukare").
    pub title: At<String>,
    /// A small fictional sample export, relative to the kit folder, for `check`, previews
    /// and tests.
    pub sample: Option<At<String>>,
    /// The time the sample's data is "as of", for previews.
    pub sample_as_of: Option<At<NaiveDateTime>>,
    /// The columns read from the export; any others are ignored.
    pub columns: Vec<DataColumn>,
    /// The column that identifies a row; a value twice is an error.
    pub key: At<String>,
    /// Columns to sort by, in order.
    pub sort: Vec<At<String>>,
    /// The column whose value makes the groups (a part each).
    pub group_by: Option<At<String>>,
    /// Encoding of the export.
    pub encoding: Encoding,
    /// The CSV delimiter; `None` reads it from the header line.
    pub delimiter: Option<u8>,
    /// The format; `None` goes by the file's extension (`.json`, else CSV).
    pub format: Option<ExportFormat>,
    /// Lists printed.
    pub lists: Vec<DataList>,
    /// Schedules printed.
    pub schedules: Vec<Schedule>,
    /// Pre-filled forms printed.
    pub forms: Vec<PrefilledForm>,
    /// Location.
    pub loc: Loc,
}

impl Dataset {
    /// The column declared under `name`.
    pub fn column(&self, name: &str) -> Option<&DataColumn> {
        self.columns.iter().find(|c| c.name.v == name)
    }

    /// True when any column holds personal data.
    pub fn personal(&self) -> bool {
        self.columns.iter().any(|c| c.personal)
    }

    /// True when the dataset prints anything.
    pub fn prints(&self) -> bool {
        !(self.lists.is_empty() && self.schedules.is_empty() && self.forms.is_empty())
    }
}

/// Snapshot settings in `[kit]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SnapshotSettings {
    /// `snapshot-destroy-after-days`: printed as "Förstör efter <as-of + days>".
    pub destroy_after_days: Option<At<u32>>,
    /// `snapshot-max-age`: how old, in hours, the newest snapshot may get before `status`
    /// says it is stale.
    pub max_age_hours: Option<At<u32>>,
    /// `snapshot-max-age` is written in the kit (even when its value is wrong).
    pub max_age_written: bool,
}

/// Days after its data date that a snapshot must be destroyed, when the kit does not say.
pub const DEFAULT_DESTROY_AFTER_DAYS: u32 = 14;

impl SnapshotSettings {
    /// Days after the data date a snapshot is destroyed.
    pub fn destroy_after_days(&self) -> u32 {
        self.destroy_after_days
            .as_ref()
            .map_or(DEFAULT_DESTROY_AFTER_DAYS, |d| d.v)
    }
}
