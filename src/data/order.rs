//! The order rows are printed in: sorted by the dataset's `sort` columns (dates by date,
//! times by time, numbers by value, text in Swedish alphabetical order: å, ä, ö after z),
//! grouped by its `group-by` column, and filtered by a print's `only`.
//!
//! Swedish order needs only a few rules — å ä ö (æ ø) after z, other accents folded, case
//! ignored — so it is done here rather than with a full Unicode collation library, whose
//! tables would be most of the binary's size.

use super::values::Value;
use super::{Export, Row};
use crate::model::dataset::RowFilter;
use std::cmp::Ordering;

/// A sort key for Swedish text: lower case, accents folded, å ä ö after z.
pub fn collation_key(text: &str) -> Vec<u32> {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => u32::from('z') + 1,
            'ä' | 'æ' => u32::from('z') + 2,
            'ö' | 'ø' => u32::from('z') + 3,
            'á' | 'à' | 'â' | 'ã' => u32::from('a'),
            'é' | 'è' | 'ê' | 'ë' => u32::from('e'),
            'í' | 'ì' | 'î' | 'ï' => u32::from('i'),
            'ó' | 'ò' | 'ô' | 'õ' => u32::from('o'),
            'ú' | 'ù' | 'û' => u32::from('u'),
            'ü' | 'ý' | 'ÿ' => u32::from('y'),
            'ç' => u32::from('c'),
            'ñ' => u32::from('n'),
            c => u32::from(c),
        })
        .collect()
}

/// What one field sorts by.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    /// Dates, times and numbers before text of the same column; empty fields last.
    Num(f64),
    Text(Vec<u32>),
    Empty,
}

fn key(row: &Row, column: usize) -> Key {
    let c = &row.cells[column];
    match &c.value {
        Value::Empty => Key::Empty,
        Value::Date(d) => Key::Num(f64::from(chrono::Datelike::num_days_from_ce(d))),
        Value::Time(m) => Key::Num(f64::from(*m)),
        Value::Number(n) => Key::Num(*n),
        Value::Text => Key::Text(collation_key(&c.text)),
    }
}

/// Sorts the rows of `export` by `columns` (indexes of its cells), stably: rows that
/// compare equal keep the export's order.
pub fn sort(export: &mut Export, columns: &[usize]) {
    if columns.is_empty() {
        return;
    }
    export.rows.sort_by_cached_key(|r| {
        columns
            .iter()
            .map(|c| OrdKey(key(r, *c)))
            .collect::<Vec<_>>()
    });
}

/// A total order over keys (no NaN reaches here: numbers are finite).
#[derive(Debug, Clone, PartialEq)]
struct OrdKey(Key);

impl Eq for OrdKey {}

impl PartialOrd for OrdKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal)
    }
}

/// The rows kept by `only` (all rows without one): `column` is the filter column's index.
pub fn keep<'e>(
    export: &'e Export,
    only: Option<(&RowFilter, usize)>,
) -> impl Iterator<Item = &'e Row> + 'e {
    let only = only.map(|(f, c)| {
        let values: Vec<String> = f.values.iter().map(|v| v.trim().to_lowercase()).collect();
        (values, c)
    });
    export.rows.iter().filter(move |r| match &only {
        None => true,
        Some((values, c)) => values.contains(&r.cells[*c].text.to_lowercase()),
    })
}

/// Rows in groups by the value of column `by` (in Swedish order, a group of empty values
/// last), each group's rows in the order given. Without `by`, one group named "".
pub fn groups<'e>(
    rows: impl Iterator<Item = &'e Row>,
    by: Option<usize>,
) -> Vec<(String, Vec<&'e Row>)> {
    let mut out: Vec<(String, Vec<&Row>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in rows {
        let name = by.map_or("", |c| r.cells[c].text.as_str());
        match index.get(name) {
            Some(i) => out[*i].1.push(r),
            None => {
                index.insert(name.to_string(), out.len());
                out.push((name.to_string(), vec![r]));
            }
        }
    }
    if by.is_some() {
        out.sort_by_cached_key(|(n, _)| (n.is_empty(), collation_key(n)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order() {
        let mut names = vec![
            "Öberg",
            "Andersson",
            "Åberg",
            "Ärlig",
            "Zetterlund",
            "éclair",
            "Eklund",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            vec![
                "Andersson",
                "éclair",
                "Eklund",
                "Zetterlund",
                "Åberg",
                "Ärlig",
                "Öberg"
            ]
        );
    }
}
