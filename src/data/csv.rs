//! CSV exports, read with the `csv` crate: a header row, `;`, `,` or tab between fields
//! (taken from the kit, from an Excel `sep=` line, or from the header that matches the
//! declared columns best), quoted fields with `""` inside them, `\n` or `\r\n` lines. Where
//! each field starts — for `file:line:column` in problems — comes from `csv-core`, the
//! `csv` crate's own parser, run over the record again.

use super::problem::Problem;
use super::{column_hint, RawCell, RawRow};

/// Delimiters tried when the kit names none.
const CANDIDATES: [u8; 3] = [b';', b',', b'\t'];

/// The fields of the record at the start of `input`: each field's byte offset in `input`
/// and its unquoted text.
fn split(input: &[u8], delimiter: u8) -> Vec<(usize, String)> {
    let mut r = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; input.len() + 1];
    let (mut at, mut fields) = (0usize, Vec::new());
    loop {
        let (res, nin, nout) = r.read_field(&input[at..], &mut out);
        let start = at;
        at += nin;
        match res {
            csv_core::ReadFieldResult::Field { record_end } => {
                fields.push((start, String::from_utf8_lossy(&out[..nout]).into_owned()));
                if record_end {
                    return fields;
                }
            }
            csv_core::ReadFieldResult::InputEmpty if at < input.len() => continue,
            csv_core::ReadFieldResult::InputEmpty => {
                let (res, _, nout2) = r.read_field(&[], &mut out[nout..]);
                if matches!(res, csv_core::ReadFieldResult::Field { .. }) {
                    let end = nout + nout2;
                    fields.push((start, String::from_utf8_lossy(&out[..end]).into_owned()));
                }
                return fields;
            }
            csv_core::ReadFieldResult::OutputFull | csv_core::ReadFieldResult::End => {
                return fields
            }
        }
    }
}

/// Where the quote is that opens a field and is never closed, if the text ends inside one:
/// the `csv` crate then reads the rest of the file into that field without an error, and
/// every row after it would be lost. The same states as `csv-core` with its defaults
/// (`""` inside quotes, `\r`, `\n` or `\r\n` ending a record).
fn unclosed_quote(input: &[u8], delimiter: u8) -> Option<usize> {
    enum State {
        Start,
        Unquoted,
        /// Inside a quoted field opened at this offset.
        Quoted(usize),
        /// After a quote inside it: the field's end, or the first of `""`.
        QuoteInQuoted(usize),
    }
    let mut state = State::Start;
    for (i, &b) in input.iter().enumerate() {
        let ends = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::Start if b == b'"' => State::Quoted(i),
            State::Start | State::Unquoted | State::QuoteInQuoted(_) if ends => State::Start,
            State::Start | State::Unquoted => State::Unquoted,
            State::Quoted(open) if b == b'"' => State::QuoteInQuoted(open),
            State::Quoted(open) => State::Quoted(open),
            State::QuoteInQuoted(open) if b == b'"' => State::Quoted(open),
            State::QuoteInQuoted(_) => State::Unquoted,
        };
    }
    match state {
        State::Quoted(open) => Some(open),
        _ => None,
    }
}

/// An Excel `sep=;` first line: the delimiter and where the header starts.
fn sep_line(text: &str) -> Option<(u8, usize)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = text[..line_end].trim_end_matches('\r');
    let d = line
        .strip_prefix("sep=")
        .or_else(|| line.strip_prefix("SEP="))?;
    match d.as_bytes() {
        [c] => Some((*c, (line_end + 1).min(text.len()))),
        _ => None,
    }
}

/// The delimiter whose header fields match most declared `names` (then: gives most fields).
fn detect(header: &[u8], names: &[&str]) -> u8 {
    CANDIDATES
        .iter()
        .copied()
        .max_by_key(|d| {
            let fields = split(header, *d);
            let hits = names
                .iter()
                .filter(|n| fields.iter().any(|(_, f)| f.trim() == **n))
                .count();
            (hits, fields.len(), std::cmp::Reverse(*d == b'\t'))
        })
        .unwrap_or(b';')
}

/// Reads the rows of a CSV export, projected to the declared column `names`, and which of
/// them the header has. Problems of the header and of field counts go to `problems`.
pub(super) fn read(
    text: &str,
    names: &[&str],
    delimiter: Option<u8>,
    at: &dyn Fn(usize) -> super::problem::Pos,
    file: &str,
    problems: &mut Vec<Problem>,
) -> (Vec<RawRow>, Vec<bool>) {
    let (sep, body_start) = match sep_line(text) {
        Some((d, start)) => (Some(d), start),
        None => (None, 0),
    };
    let body = &text[body_start..];
    let delimiter = delimiter
        .or(sep)
        .unwrap_or_else(|| detect(body.as_bytes(), names));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut records = reader.records();
    let header_pos = at(body_start);
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|f| f.trim().to_string()).collect(),
        _ => {
            problems.push(
                Problem::error("empty-export", file, "the export has no header row")
                    .at(header_pos)
                    .hint("export the file again with its column names on the first line"),
            );
            return (Vec::new(), vec![false; names.len()]);
        }
    };
    let header_fields = split(body.as_bytes(), delimiter);
    let is_header = header.iter().any(|h| names.contains(&h.as_str()));
    if !is_header {
        problems.push(
            Problem::error(
                "missing-column",
                file,
                format!(
                    "the first line names none of the declared columns ({})",
                    names.join(", ")
                ),
            )
            .at(header_pos)
            .hint(column_hint("", &header, false)),
        );
        return (Vec::new(), vec![false; names.len()]);
    }
    let mut index = Vec::with_capacity(names.len());
    for n in names {
        let mut hits = header.iter().enumerate().filter(|(_, h)| h == n);
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => index.push(Some(i)),
            (Some(_), Some((j, _))) => {
                let pos = header_fields
                    .get(j)
                    .map_or(header_pos, |(o, _)| at(body_start + o));
                problems.push(
                    Problem::error("duplicate-column", file, format!("the header names the column `{n}` twice"))
                        .at(pos)
                        .hint("export the file again with each column once; downkit cannot tell which one is meant"),
                );
                index.push(None);
            }
            (None, _) => {
                let mut hint = column_hint(n, &header, true);
                if header.len() == 1 {
                    hint = format!(
                        "{hint}; the header has a single column: is the file separated by another character? set `delimiter = \";\"` or `\",\"` in the dataset"
                    );
                }
                problems.push(
                    Problem::error(
                        "missing-column",
                        file,
                        format!("the export has no column `{n}`"),
                    )
                    .at(header_pos)
                    .hint(hint),
                );
                index.push(None);
            }
        }
    }
    let mut rows = Vec::new();
    let mut last_row = None;
    for (n, record) in records.enumerate() {
        let row = n + 1;
        last_row = Some(row);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let pos = e
                    .position()
                    .map_or(header_pos, |p| at(body_start + p.byte() as usize));
                problems.push(
                    Problem::error(
                        "unreadable-csv",
                        file,
                        "the CSV cannot be read from here on",
                    )
                    .at(pos)
                    .in_row(row, None)
                    .hint("check for an unclosed \"quote\" in this row"),
                );
                break;
            }
        };
        // The reader's position is where it stopped, before the previous line's end.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        let bytes = body.as_bytes();
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let pos = at(body_start + start);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            problems.push(
                Problem::error(
                    "field-count",
                    file,
                    format!("the row has {} fields; the header has {}", record.len(), header.len()),
                )
                .at(pos)
                .in_row(row, None)
                .hint(format!(
                    "a field that holds the delimiter `{}` or a line break must be in \"double quotes\"",
                    char::from(delimiter).escape_default()
                )),
            );
            continue;
        }
        let offsets = split(&body.as_bytes()[start..], delimiter);
        let cells = index
            .iter()
            .map(|i| match i {
                Some(i) => RawCell {
                    text: record.get(*i).unwrap_or("").to_string(),
                    offset: body_start + start + offsets.get(*i).map_or(0, |(o, _)| *o),
                },
                None => RawCell {
                    text: String::new(),
                    offset: body_start + start,
                },
            })
            .collect();
        rows.push(RawRow { row, cells });
    }
    if let Some(open) = unclosed_quote(body.as_bytes(), delimiter) {
        let mut p = Problem::error(
            "unreadable-csv",
            file,
            "the quote that opens this field is never closed: every line after it would be read into the field",
        )
        .at(at(body_start + open))
        .hint("close the quote at the end of the field, or remove it; a quote inside a quoted field is written \"\"");
        if let Some(row) = last_row {
            p = p.in_row(row, None);
        }
        problems.push(p);
    }
    let present = index.iter().map(Option::is_some).collect();
    (rows, present)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields_with_offsets() {
        let f = split(b"a;\"b;\"\"c\"\"\";d\r\nx;y", b';');
        assert_eq!(
            f,
            vec![(0, "a".into()), (2, "b;\"c\"".into()), (12, "d".into())]
        );
        assert_eq!(split(b"x;y", b';'), vec![(0, "x".into()), (2, "y".into())]);
    }

    #[test]
    fn finds_a_quote_never_closed() {
        assert_eq!(unclosed_quote(b"a;b\r\nx;\"y\r\nz;w\r\n", b';'), Some(7));
        assert_eq!(unclosed_quote(b"a;\"b;\"\"c\"\"\";d\r\nx;y", b';'), None);
        assert_eq!(unclosed_quote(b"a;\"b\"\"", b';'), Some(2));
        // A quote inside an unquoted field is text, as `csv` reads it.
        assert_eq!(unclosed_quote(b"Skarm 24\";ja\n", b';'), None);
        assert_eq!(unclosed_quote(b"\"a\"x\"y;b\n", b';'), None);
    }

    #[test]
    fn finds_the_delimiter() {
        assert_eq!(
            detect(b"Namn;Adress, ort;Telefon\n", &["Namn", "Telefon"]),
            b';'
        );
        assert_eq!(
            detect(b"Namn,Adress;ort,Telefon\n", &["Namn", "Telefon"]),
            b','
        );
        assert_eq!(sep_line("sep=,\r\nNamn,Ort"), Some((b',', 7)));
    }
}
