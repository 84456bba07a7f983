//! The shipped kits scaled up, as content the project did not write for speed: every kit in
//! `kits/` copied with its shared files, each contact repeated `contacts` times (new ids and
//! numbers), and every procedure step lengthened with `sentences` more sentences of
//! realistic Swedish text; the serialized copies are set with `--copies` when it is built.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use crate::swedish::Words;

/// How a shipped kit is scaled.
#[derive(Clone, Copy)]
pub struct Scale {
    /// Each contact is there this many times.
    pub contacts: usize,
    /// Sentences added to every procedure step.
    pub sentences: usize,
}

/// The kits in `kits/` (folders with a `kit.toml`), sorted.
pub fn shipped(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("kit.toml").is_file())
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Copies `kits/` to `dest` and scales every kit there; returns `dest`.
pub fn write(root: &Path, dest: &Path, scale: Scale) -> std::io::Result<PathBuf> {
    copy_dir(root, dest)?;
    let mut words = Words::new(29);
    for file in toml_files(dest)? {
        let text = std::fs::read_to_string(&file)?;
        let mut doc: DocumentMut = text
            .parse()
            .map_err(|e| std::io::Error::other(format!("{}: {e}", file.display())))?;
        contacts(&mut doc, scale.contacts);
        steps(&mut doc, scale.sentences, &mut words);
        std::fs::write(&file, doc.to_string())?;
    }
    Ok(dest.to_path_buf())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            out.extend(toml_files(&p)?);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Every `[[contact]]` `times` times: the copies get new ids, names and numbers (the last
/// two digits of each number changed).
fn contacts(doc: &mut DocumentMut, times: usize) {
    let Some(list) = doc
        .get_mut("contact")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    let originals: Vec<_> = list.iter().cloned().collect();
    for k in 1..times {
        for c in &originals {
            let mut c = c.clone();
            if let Some(id) = c.get("id").and_then(Item::as_str).map(str::to_owned) {
                c["id"] = toml_edit::value(format!("{id}-{k}"));
            }
            if let Some(name) = c.get("name").and_then(Item::as_str).map(str::to_owned) {
                c["name"] = toml_edit::value(format!("{name} {k}"));
            }
            if let Some(phones) = c.get_mut("phones").and_then(Item::as_array_mut) {
                for p in phones.iter_mut() {
                    if let Some(t) = p.as_inline_table_mut() {
                        if let Some(n) = t.get("number").and_then(Value::as_str) {
                            let n = renumber(n, k);
                            t.insert("number", n.into());
                        }
                    }
                }
            }
            list.push(c);
        }
    }
}

/// `070-174 06 05` with its last two digits changed by `k` (mod 100).
fn renumber(n: &str, k: usize) -> String {
    let digits: Vec<usize> = n
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    if digits.len() < 7 {
        return n.to_string();
    }
    let (a, b) = (digits[digits.len() - 2], digits[digits.len() - 1]);
    let old = (n.as_bytes()[a] - b'0') as usize * 10 + (n.as_bytes()[b] - b'0') as usize;
    let new = (old + k * 7) % 100;
    let mut s = n.as_bytes().to_vec();
    s[a] = b'0' + (new / 10) as u8;
    s[b] = b'0' + (new % 10) as u8;
    String::from_utf8(s).expect("ASCII digits replaced")
}

/// Every procedure step's text followed by `sentences` more sentences.
fn steps(doc: &mut DocumentMut, sentences: usize, words: &mut Words) {
    if sentences == 0 {
        return;
    }
    let Some(procs) = doc
        .get_mut("procedure")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    for p in procs.iter_mut() {
        let Some(steps) = p.get_mut("step").and_then(Item::as_array_of_tables_mut) else {
            continue;
        };
        for st in steps.iter_mut() {
            if let Some(text) = st.get("text").and_then(Item::as_str).map(str::to_owned) {
                st["text"] = toml_edit::value(format!("{text} {}", words.paragraph(sentences)));
            }
        }
    }
}
