//! A strict reader over a parsed TOML table: typed getters that record every problem
//! (missing key, wrong type, unknown key with "did you mean") and keep going, so that one
//! run reports everything.

use crate::diag::Diagnostic;
use crate::model::{At, ClockTime, Loc};
use chrono::NaiveDate;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Limit on one text value, in characters.
pub const MAX_TEXT: usize = 4000;

/// Shared state of one file's reading: its index and the problems found.
pub struct Cx<'d> {
    /// Index of the file in `Sources`.
    pub file: usize,
    /// The file's text (to point at an escape inside a string).
    pub source: &'d str,
    /// Problems found so far.
    pub diags: &'d mut Vec<Diagnostic>,
    /// Every text read, for the font check.
    pub texts: &'d mut Vec<At<String>>,
}

impl Cx<'_> {
    /// The location of a byte range in this file.
    pub fn loc(&self, span: Range<usize>) -> Loc {
        Loc {
            file: self.file,
            start: span.start,
            end: span.end,
        }
    }

    /// Records an error.
    pub fn error(&mut self, code: &'static str, span: Range<usize>, msg: String, hint: String) {
        let loc = self.loc(span);
        self.diags
            .push(Diagnostic::error(code, loc, msg).hint(hint));
    }

    /// Records an error with its help text in English and Swedish.
    pub fn error_in(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        msg: String,
        en: String,
        sv: String,
    ) {
        let loc = self.loc(span);
        self.diags
            .push(Diagnostic::error(code, loc, msg).hint_in(en, sv));
    }
}

/// A table being read: remembers which keys were asked for.
pub struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    /// Human name of the table for messages: `[kit]`, `[[contact]]`.
    pub name: String,
    /// Where the table is in the file's tree, for the schema: `contact.phones` (`""` at the
    /// top).
    pub path: String,
    known: Vec<&'static str>,
}

/// The value of a TOML integer written in decimal (`None` when it does not fit an `i64`);
/// hexadecimal, octal and binary are refused with what the value would have been.
pub fn decimal(i: &toml::de::DeInteger<'_>) -> Result<Option<i64>, String> {
    let value = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
    let base = match i.radix() {
        10 => return Ok(value),
        16 => "hexadecimal",
        8 => "octal",
        2 => "binary",
        _ => "not decimal",
    };
    Err(match value {
        Some(n) => format!("is written in {base} (that is {n}); counts are written in decimal"),
        None => format!("is written in {base}; counts are written in decimal"),
    })
}

/// True when `key` is close enough to `known` to be a misspelling of it.
fn near(key: &str, known: &str) -> bool {
    strsim::damerau_levenshtein(key, known) <= 2.max(known.len() / 3)
}

/// The value type names used in messages.
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Casts a value to a table or reports what was expected.
pub fn as_table<'t, 'i>(
    cx: &mut Cx,
    v: &'t Spanned<DeValue<'i>>,
    name: String,
    path: String,
) -> Option<Table<'t, 'i>> {
    match v.get_ref() {
        DeValue::Table(t) => {
            let mut table = Table::new(t, v.span(), name);
            table.path = path;
            Some(table)
        }
        other => {
            cx.error(
                "wrong-type",
                v.span(),
                format!("{name} must be a table, found {}", type_name(other)),
                "write it as a [table] or an { inline = \"table\" }".to_string(),
            );
            None
        }
    }
}

impl<'t, 'i> Table<'t, 'i> {
    /// Wraps a table with its span and display name.
    pub fn new(table: &'t DeTable<'i>, span: Range<usize>, name: String) -> Self {
        Table {
            table,
            span,
            name,
            path: String::new(),
            known: Vec::new(),
        }
    }

    /// The path of a key of this table: `contact.phones`.
    pub fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Records what `key` holds for the schema (only while [`super::keys::record`] runs).
    pub fn note(&self, key: &'static str, shape: super::keys::Shape, required: bool) {
        super::keys::note(&self.path, key, shape, required);
    }

    /// The span of the whole table (its header for `[table]`s).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Looks a key up and marks it as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.known.push(key);
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn missing(&self, cx: &mut Cx, key: &str, example: &str) {
        // A key spelt nearly like this one is this one misspelt: `finish` reports it as
        // unknown with "did you mean", and one mistake gets one message.
        if self.misspelt(key) {
            return;
        }
        cx.error_in(
            "missing-key",
            self.header_span(),
            format!("{} has no `{key}`", self.name),
            format!("add `{key} = {example}`"),
            format!("lägg till `{key} = {example}`"),
        );
    }

    /// True when the table has a key that no getter knows and that is a near miss of `key`.
    fn misspelt(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| {
            let k = k.get_ref().as_ref();
            k != key && near(k, key) && !self.known.contains(&k)
        })
    }

    /// The span to point at for the whole table: its first line.
    fn header_span(&self) -> Range<usize> {
        let first_key = self.table.iter().map(|(k, _)| k.span().start).min();
        match first_key {
            Some(s) if s < self.span.start || self.span.is_empty() => s..s + 1,
            _ => self.span.start..self.span.start + 1,
        }
    }

    fn wrong(&self, cx: &mut Cx, key: &str, v: &Spanned<DeValue<'_>>, want: &str, example: &str) {
        cx.error(
            "wrong-type",
            v.span(),
            format!(
                "`{key}` in {} must be {want}, found {}",
                self.name,
                type_name(v.get_ref())
            ),
            format!("write it as `{key} = {example}`"),
        );
    }

    /// An optional string; records it for the font check.
    pub fn opt_str(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<String>> {
        self.note(key, super::keys::Shape::Str, false);
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => {
                let loc = cx.loc(v.span());
                if s.chars().count() > MAX_TEXT {
                    cx.error(
                        "text-too-long",
                        v.span(),
                        format!("`{key}` is longer than {MAX_TEXT} characters"),
                        "shorten it: a printed kit is read under stress".into(),
                    );
                }
                let clean = super::chars::clean(cx, key, v.span(), s);
                let at = At::new(clean, loc);
                cx.texts.push(at.clone());
                Some(at)
            }
            _ => {
                self.wrong(cx, key, v, "a string", "\"…\"");
                None
            }
        }
    }

    /// A required string.
    pub fn req_str(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<String>> {
        self.note(key, super::keys::Shape::Str, true);
        let had = self.table.iter().any(|(k, _)| k.get_ref().as_ref() == key);
        let r = self.opt_str(cx, key);
        if !had {
            self.missing(cx, key, "\"…\"");
        }
        r
    }

    /// A required string, with a placeholder location when missing (the error is recorded).
    pub fn str_or_empty(&mut self, cx: &mut Cx, key: &'static str) -> At<String> {
        let span = self.header_span();
        // A missing value gets a zero-length location: the problem is already reported,
        // later checks skip it.
        self.req_str(cx, key)
            .unwrap_or_else(|| At::new(String::new(), cx.loc(span.start..span.start)))
    }

    /// An optional boolean.
    pub fn opt_bool(&mut self, cx: &mut Cx, key: &'static str) -> Option<bool> {
        self.note(key, super::keys::Shape::Bool, false);
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong(cx, key, v, "true or false", "true");
                None
            }
        }
    }

    /// An optional non-negative integer no larger than `max`.
    pub fn opt_u32(&mut self, cx: &mut Cx, key: &'static str, max: u32) -> Option<At<u32>> {
        self.opt_u32_from(cx, key, 0, max)
    }

    /// An optional integer from `min` to `max`, written in decimal (a count written as
    /// `0x10` is an error, not read as 10 or 16).
    pub fn opt_u32_from(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        min: u32,
        max: u32,
    ) -> Option<At<u32>> {
        self.note(key, super::keys::Shape::Int(min, max), false);
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => match decimal(i) {
                Ok(n) => n,
                Err(msg) => {
                    cx.error(
                        "not-decimal",
                        v.span(),
                        format!("`{key}` in {} {msg}", self.name),
                        format!("write `{key}` as a plain decimal number"),
                    );
                    return None;
                }
            },
            _ => {
                self.wrong(cx, key, v, "a whole number", "1");
                return None;
            }
        };
        match parsed {
            Some(n) if (i64::from(min)..=i64::from(max)).contains(&n) => {
                Some(At::new(n as u32, cx.loc(v.span())))
            }
            _ => {
                cx.error(
                    "out-of-range",
                    v.span(),
                    format!("`{key}` in {} must be between {min} and {max}", self.name),
                    format!("use a number from {min} to {max}"),
                );
                None
            }
        }
    }

    /// An optional date: a TOML local date (`2026-03-01`) or a string of that form.
    pub fn opt_date(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<NaiveDate>> {
        self.note(key, super::keys::Shape::Date, false);
        let v = self.get(key)?;
        let text = match v.get_ref() {
            DeValue::Datetime(d) => d.to_string(),
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong(cx, key, v, "a date", "2026-03-01");
                return None;
            }
        };
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(At::new(d, cx.loc(v.span()))),
            Err(_) => {
                cx.error(
                    "bad-date",
                    v.span(),
                    format!("`{key}` in {} is not a date: `{text}`", self.name),
                    super::dates::hint(key, &text),
                );
                None
            }
        }
    }

    /// An optional time of day: `"10:25"` or a TOML local time (`10:25:00`).
    pub fn opt_time(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<ClockTime>> {
        self.note(key, super::keys::Shape::Time, false);
        let v = self.get(key)?;
        let text = match v.get_ref() {
            DeValue::Datetime(d) => d.to_string(),
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong(cx, key, v, "a time", "\"10:25\"");
                return None;
            }
        };
        match ClockTime::parse(&text) {
            Some(t) => Some(At::new(t, cx.loc(v.span()))),
            None => {
                cx.error(
                    "bad-time",
                    v.span(),
                    format!("`{key}` in {} is not a time of day: `{text}`", self.name),
                    format!("write the time as `{key} = \"10:25\"` (24-hour HH:MM)"),
                );
                None
            }
        }
    }

    /// A required time of day.
    pub fn req_time(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<ClockTime>> {
        self.note(key, super::keys::Shape::Time, true);
        let had = self.table.iter().any(|(k, _)| k.get_ref().as_ref() == key);
        if !had {
            self.get(key);
            self.missing(cx, key, "\"10:25\"");
            return None;
        }
        self.opt_time(cx, key)
    }

    /// A required date.
    pub fn req_date(&mut self, cx: &mut Cx, key: &'static str) -> Option<At<NaiveDate>> {
        self.note(key, super::keys::Shape::Date, true);
        let had = self.table.iter().any(|(k, _)| k.get_ref().as_ref() == key);
        if !had {
            self.get(key);
            self.missing(cx, key, "2026-03-01");
            return None;
        }
        self.opt_date(cx, key)
    }

    /// An optional array of strings.
    pub fn opt_str_list(&mut self, cx: &mut Cx, key: &'static str) -> Option<Vec<At<String>>> {
        self.note(key, super::keys::Shape::StrList, false);
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong(cx, key, v, "an array of strings", "[\"…\", \"…\"]");
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => {
                    let clean = super::chars::clean(cx, key, item.span(), s);
                    let at = At::new(clean, cx.loc(item.span()));
                    cx.texts.push(at.clone());
                    out.push(at);
                }
                _ => self.wrong(cx, key, item, "an array of strings", "[\"…\", \"…\"]"),
            }
        }
        Some(out)
    }

    /// An optional string or array of strings (`call = "tib"` or `call = ["a", "b"]`): the
    /// strings, and whether it was written as one string.
    pub fn opt_str_or_list(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<(Vec<At<String>>, bool)> {
        self.note(key, super::keys::Shape::StrOrList, false);
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(_) => {
                // Read as the string it is (noted, cleaned, kept for the font check).
                let s = self.opt_str(cx, key)?;
                self.note(key, super::keys::Shape::StrOrList, false);
                Some((vec![s], true))
            }
            DeValue::Array(_) => {
                let list = self.opt_str_list(cx, key)?;
                Some((list, false))
            }
            _ => {
                self.wrong(cx, key, v, "a string or an array of strings", "[\"…\"]");
                None
            }
        }
    }

    /// An optional array of tables (`[[key]]`), each wrapped for reading.
    pub fn tables(&mut self, cx: &mut Cx, key: &'static str, max: usize) -> Vec<Table<'t, 'i>> {
        self.note(key, super::keys::Shape::Tables, false);
        let path = self.child(key);
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let items: Vec<&'t Spanned<DeValue<'i>>> = match v.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            DeValue::Table(_) => vec![v],
            _ => {
                self.wrong(cx, key, v, "an array of tables", &format!("[[{key}]]"));
                return Vec::new();
            }
        };
        if items.len() > max {
            cx.error(
                "too-many",
                v.span(),
                format!(
                    "{} has {} `{key}` entries; at most {max} are allowed",
                    self.name,
                    items.len()
                ),
                "split the kit into several kits".into(),
            );
        }
        items
            .into_iter()
            .take(max)
            .enumerate()
            .filter_map(|(i, item)| as_table(cx, item, format!("{key} #{}", i + 1), path.clone()))
            .collect()
    }

    /// An optional sub-table.
    pub fn table(&mut self, cx: &mut Cx, key: &'static str) -> Option<Table<'t, 'i>> {
        self.note(key, super::keys::Shape::Table, false);
        let path = self.child(key);
        let v = self.get(key)?;
        as_table(cx, v, format!("[{key}]"), path)
    }

    /// Entries of a free-form table (keys chosen by the kit, e.g. `[stock]`).
    pub fn entries(
        &self,
    ) -> impl Iterator<
        Item = (
            &'t Spanned<std::borrow::Cow<'i, str>>,
            &'t Spanned<DeValue<'i>>,
        ),
    > {
        self.table.iter()
    }

    /// Reports every key that no getter asked for, with "did you mean" for near misses.
    pub fn finish(self, cx: &mut Cx) {
        for (k, _) in self.table.iter() {
            let key = k.get_ref().as_ref();
            if self.known.contains(&key) {
                continue;
            }
            let best = self
                .known
                .iter()
                .filter(|cand| near(key, cand))
                .map(|cand| (strsim::damerau_levenshtein(key, cand), *cand))
                .min();
            let (en, sv) = match best {
                Some((_, cand)) => (
                    format!("did you mean `{cand}`?"),
                    format!("menade du `{cand}`?"),
                ),
                None => {
                    let mut keys: Vec<&str> = self.known.clone();
                    keys.sort_unstable();
                    keys.dedup();
                    (
                        format!("the keys allowed in {} are: {}", self.name, keys.join(", ")),
                        format!(
                            "nycklarna som får stå i {} är: {}",
                            self.name,
                            keys.join(", ")
                        ),
                    )
                }
            };
            cx.error_in(
                "unknown-key",
                k.span(),
                format!("unknown key `{key}` in {}", self.name),
                en,
                sv,
            );
        }
    }
}
