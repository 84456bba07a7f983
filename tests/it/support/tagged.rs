//! Reads a tagged PDF back with lopdf, as a screen reader would: the structure tree in order,
//! each element with the text of its marked content (decoded through the fonts' ToUnicode
//! maps), and apart from it the text marked as artifacts. Independent of downkit's renderer:
//! it parses the written bytes.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// One structure element as read back.
#[derive(Debug, Clone, Default)]
pub struct Elem {
    /// Its type (`H1`, `P`, `Figure` …).
    pub tag: String,
    /// Its alternative text.
    pub alt: Option<String>,
    /// Its attributes, as `owner/key=value` lines.
    pub attrs: Vec<String>,
    /// Its children in order.
    pub kids: Vec<Kid>,
    /// 1-based page of its `/Pg`.
    pub page: usize,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Kid {
    /// An element.
    Elem(Elem),
    /// Marked content: its page (1-based), text, and each piece of it drawn (x and baseline
    /// y in points from the bottom left, font size, text).
    Content {
        page: usize,
        text: String,
        at: Vec<(f32, f32, f32, String)>,
    },
}

/// A tagged PDF read back.
#[derive(Debug, Default)]
pub struct Tagged {
    /// The root elements under the StructTreeRoot.
    pub roots: Vec<Elem>,
    /// Text marked as artifact, per page (1-based index - 1), in content order.
    pub artifacts: Vec<Vec<String>>,
    /// Text in no marked content at all, per page.
    pub unmarked: Vec<Vec<String>>,
    /// Every MCID used in content: (page, stream object, mcid) — stream `None` for the page.
    pub mcids: Vec<(usize, Option<ObjectId>, i64)>,
    /// Every MCID the structure refers to.
    pub referenced: Vec<(usize, Option<ObjectId>, i64)>,
    /// The catalog.
    pub catalog: Dictionary,
}

fn text_of(o: &Object) -> String {
    match o {
        Object::String(b, _) => {
            if b.starts_with(&[0xFE, 0xFF]) {
                let u: Vec<u16> = b[2..]
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect();
                String::from_utf16_lossy(&u)
            } else {
                String::from_utf8_lossy(b).into_owned()
            }
        }
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        other => format!("{other:?}"),
    }
}

/// Parses a ToUnicode CMap's bfchar and bfrange sections (2-byte codes).
fn to_unicode(cmap: &[u8]) -> BTreeMap<u16, String> {
    let text = String::from_utf8_lossy(cmap);
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[4 * i..4 * i + 4], 16).ok())
            .collect()
    };
    let mut map = BTreeMap::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [code, uni, ..]) => {
                if let Some(c) = hex(code).first() {
                    map.insert(*c, String::from_utf16_lossy(&hex(uni)));
                }
            }
            ("range", [lo, hi, uni, ..]) if uni.starts_with('<') => {
                let (lo, hi) = (hex(lo)[0], hex(hi)[0]);
                let start = hex(uni);
                for (k, c) in (lo..=hi).enumerate() {
                    let mut u = start.clone();
                    if let Some(last) = u.last_mut() {
                        *last += k as u16;
                    }
                    map.insert(c, String::from_utf16_lossy(&u));
                }
            }
            _ => {}
        }
    }
    map
}

struct Reader<'d> {
    doc: &'d Document,
    /// Font resource object → its code map.
    fonts: BTreeMap<ObjectId, BTreeMap<u16, String>>,
    /// (page, stream, mcid) → text, the baseline of its last piece, and where each piece
    /// starts.
    content: BTreeMap<(usize, Option<ObjectId>, i64), Piece>,
    out: Tagged,
}

impl Reader<'_> {
    fn font_map(&mut self, font: &Object) -> BTreeMap<u16, String> {
        let Ok(id) = font.as_reference() else {
            return BTreeMap::new();
        };
        if let Some(m) = self.fonts.get(&id) {
            return m.clone();
        }
        let map = self
            .doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"ToUnicode").ok())
            .and_then(|r| r.as_reference().ok())
            .and_then(|r| self.doc.get_object(r).ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content().ok().or(Some(s.content.clone())))
            .map(|b| to_unicode(&b))
            .unwrap_or_default();
        self.fonts.insert(id, map.clone());
        map
    }

    /// Reads one content stream of page `page`; `stream` is the XObject's id, `None` for the
    /// page; `outer` is the marked content the stream is drawn inside.
    fn read(
        &mut self,
        page: usize,
        stream: Option<ObjectId>,
        bytes: &[u8],
        resources: &Dictionary,
        outer: Option<Mc>,
    ) {
        let ops = Content::decode(bytes).expect("content decodes").operations;
        let fonts = resources
            .get(b"Font")
            .ok()
            .and_then(|f| match f {
                Object::Reference(r) => self.doc.get_dictionary(*r).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .cloned()
            .unwrap_or_default();
        let xobjects = resources
            .get(b"XObject")
            .ok()
            .and_then(|f| match f {
                Object::Reference(r) => self.doc.get_dictionary(*r).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .cloned()
            .unwrap_or_default();
        let mut stack: Vec<Mc> = Vec::new();
        let mut map = BTreeMap::new();
        let mut baseline = 0.0_f32;
        let mut x = 0.0_f32;
        let mut size = 0.0_f32;
        for op in ops {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = op.operands.first().map(text_of).unwrap_or_default();
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    let mc = if tag == "Artifact" {
                        Mc::Artifact
                    } else if let Some(m) = mcid {
                        self.out.mcids.push((page, stream, m));
                        Mc::Real(m)
                    } else {
                        Mc::Other
                    };
                    stack.push(mc);
                }
                "EMC" => {
                    stack.pop();
                }
                "Tm" => {
                    let f = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
                    x = f(4).unwrap_or(x);
                    baseline = f(5).unwrap_or(baseline);
                }
                "Tf" => {
                    size = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(size);
                    let name = op.operands.first().map(text_of).unwrap_or_default();
                    map = match fonts.get(name.as_bytes()) {
                        Ok(f) => self.font_map(f),
                        Err(_) => BTreeMap::new(),
                    };
                }
                "Tj" | "TJ" => {
                    let mut bytes = Vec::new();
                    let mut collect = |o: &Object| {
                        if let Object::String(b, _) = o {
                            bytes.extend_from_slice(b);
                        }
                    };
                    for o in &op.operands {
                        match o {
                            Object::Array(a) => a.iter().for_each(&mut collect),
                            o => collect(o),
                        }
                    }
                    let s: String = bytes
                        .chunks(2)
                        .map(|c| {
                            let code = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
                            map.get(&code).cloned().unwrap_or_else(|| "\u{fffd}".into())
                        })
                        .collect();
                    let mc = stack
                        .iter()
                        .rev()
                        .find(|m| **m != Mc::Other)
                        .copied()
                        .or(outer);
                    self.text(page, stream, mc, s, (x, baseline, size));
                }
                "Do" => {
                    let name = op.operands.first().map(text_of).unwrap_or_default();
                    let Some(id) = xobjects
                        .get(name.as_bytes())
                        .ok()
                        .and_then(|o| o.as_reference().ok())
                    else {
                        continue;
                    };
                    let Ok(x) = self.doc.get_object(id).and_then(Object::as_stream) else {
                        continue;
                    };
                    // A picture draws no marked content of its own.
                    if x.dict.get(b"Subtype").ok() == Some(&Object::Name(b"Image".to_vec())) {
                        continue;
                    }
                    let content = x
                        .decompressed_content()
                        .unwrap_or_else(|_| x.content.clone());
                    let res = x
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| match r {
                            Object::Reference(r) => self.doc.get_dictionary(*r).ok(),
                            Object::Dictionary(d) => Some(d),
                            _ => None,
                        })
                        .cloned()
                        .unwrap_or_default();
                    let mc = stack.iter().rev().find(|m| **m != Mc::Other).copied();
                    self.read(page, Some(id), &content, &res, mc.or(outer));
                }
                _ => {}
            }
        }
    }

    /// Adds text drawn at `baseline`: pieces of one line join as they are, lines with a space.
    fn text(
        &mut self,
        page: usize,
        stream: Option<ObjectId>,
        mc: Option<Mc>,
        s: String,
        at: (f32, f32, f32),
    ) {
        let i = page - 1;
        match mc {
            Some(Mc::Real(m)) => {
                let p = self.content.entry((page, stream, m)).or_default();
                if !p.text.is_empty() && (p.last - at.1).abs() > 0.01 {
                    p.text.push(' ');
                }
                p.text.push_str(&s);
                p.last = at.1;
                p.at.push((at.0, at.1, at.2, s));
            }
            Some(Mc::Artifact) => self.out.artifacts[i].push(s),
            _ => self.out.unmarked[i].push(s),
        }
    }

    fn elem(&mut self, id: ObjectId, pages: &BTreeMap<ObjectId, usize>) -> Elem {
        let d = self.doc.get_dictionary(id).expect("element").clone();
        let page_of = |d: &Dictionary| {
            d.get(b"Pg")
                .ok()
                .and_then(|p| p.as_reference().ok())
                .and_then(|p| pages.get(&p).copied())
                .unwrap_or(0)
        };
        let mut e = Elem {
            tag: d.get(b"S").map(text_of).unwrap_or_default(),
            alt: d.get(b"Alt").ok().map(text_of),
            page: page_of(&d),
            ..Elem::default()
        };
        if let Ok(a) = d.get(b"A").and_then(Object::as_dict) {
            let owner = a.get(b"O").map(text_of).unwrap_or_default();
            for (k, v) in a.iter().filter(|(k, _)| k.as_slice() != b"O") {
                e.attrs.push(format!(
                    "{owner}/{}={}",
                    String::from_utf8_lossy(k),
                    text_of(v)
                ));
            }
        }
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for k in kids {
            match k {
                Object::Integer(m) => e.kids.push(self.mcid(e.page, None, m)),
                Object::Reference(r) => {
                    let child = self.elem(r, pages);
                    e.kids.push(Kid::Elem(child));
                }
                Object::Dictionary(mcr) => {
                    let page = match page_of(&mcr) {
                        0 => e.page,
                        p => p,
                    };
                    let stm = mcr.get(b"Stm").ok().and_then(|s| s.as_reference().ok());
                    let m = mcr
                        .get(b"MCID")
                        .and_then(Object::as_i64)
                        .expect("MCR has an MCID");
                    e.kids.push(self.mcid(page, stm, m));
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
        e
    }

    fn mcid(&mut self, page: usize, stream: Option<ObjectId>, m: i64) -> Kid {
        self.out.referenced.push((page, stream, m));
        let p = self
            .content
            .get(&(page, stream, m))
            .cloned()
            .unwrap_or_default();
        Kid::Content {
            page,
            text: p.text,
            at: p.at,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Piece {
    text: String,
    last: f32,
    at: Vec<(f32, f32, f32, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mc {
    Real(i64),
    Artifact,
    Other,
}

/// Reads the tagged PDF at `path`.
pub fn read(path: &std::path::Path) -> Tagged {
    let doc = Document::load(path).expect("a readable PDF");
    let pages = doc.get_pages();
    let mut r = Reader {
        doc: &doc,
        fonts: BTreeMap::new(),
        content: BTreeMap::new(),
        out: Tagged {
            artifacts: vec![Vec::new(); pages.len()],
            unmarked: vec![Vec::new(); pages.len()],
            ..Tagged::default()
        },
    };
    for (n, id) in &pages {
        let page = doc.get_dictionary(*id).unwrap();
        let content = doc.get_page_content(*id);
        let res = match page.get(b"Resources") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).unwrap().clone(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        r.read(*n as usize, None, &content, &res, None);
    }
    let page_no: BTreeMap<ObjectId, usize> =
        pages.iter().map(|(n, id)| (*id, *n as usize)).collect();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc.get_dictionary(root).unwrap().clone();
    let tree = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("a StructTreeRoot");
    let kids = match doc.get_dictionary(tree).unwrap().get(b"K").unwrap() {
        Object::Array(a) => a.clone(),
        o => vec![o.clone()],
    };
    for k in kids {
        let e = r.elem(k.as_reference().unwrap(), &page_no);
        r.out.roots.push(e);
    }
    r.out.catalog = catalog;
    r.out
}

impl Elem {
    /// Every element below and including this one, in reading order.
    pub fn walk<'e>(&'e self, out: &mut Vec<&'e Elem>) {
        out.push(self);
        for k in &self.kids {
            if let Kid::Elem(e) = k {
                e.walk(out);
            }
        }
    }

    /// The text of the element and its descendants, in reading order, with the page of each
    /// piece.
    pub fn texts(&self, out: &mut Vec<(usize, String)>) {
        for k in &self.kids {
            match k {
                Kid::Elem(e) => e.texts(out),
                Kid::Content { page, text, .. } if !text.is_empty() => {
                    out.push((*page, text.clone()))
                }
                Kid::Content { .. } => {}
            }
        }
    }
}

impl Tagged {
    /// Every element in reading order.
    pub fn elems(&self) -> Vec<&Elem> {
        let mut out = Vec::new();
        for r in &self.roots {
            r.walk(&mut out);
        }
        out
    }

    /// The text a screen reader reads, in reading order, with pages.
    pub fn texts(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for r in &self.roots {
            r.texts(&mut out);
        }
        out
    }

    /// The structure as an indented outline: one line per element, with its alternative
    /// text, attributes and the text it holds directly (for golden files).
    pub fn outline(&self) -> String {
        fn line(e: &Elem, depth: usize, out: &mut String) {
            let own: Vec<&str> = e
                .kids
                .iter()
                .filter_map(|k| match k {
                    Kid::Content { text, .. } if !text.is_empty() => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            out.push_str(&"  ".repeat(depth));
            out.push_str(&e.tag);
            for a in &e.attrs {
                out.push_str(&format!(" [{a}]"));
            }
            if let Some(alt) = &e.alt {
                out.push_str(&format!(" alt={alt:?}"));
            }
            if !own.is_empty() {
                out.push_str(&format!(" {:?}", own.join(" ")));
            }
            out.push('\n');
            for k in &e.kids {
                if let Kid::Elem(c) = k {
                    line(c, depth + 1, out);
                }
            }
        }
        let mut out = String::new();
        for r in &self.roots {
            line(r, 0, &mut out);
        }
        out
    }
}

/// An element's own content on one page: what a reader reads in one go.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// The element's type.
    pub tag: String,
    /// The types of the elements it is in, outermost first.
    pub within: Vec<String>,
    /// 1-based page.
    pub page: usize,
    /// Its text there.
    pub text: String,
    /// Its pieces as drawn: x, baseline, size (points, from the bottom left), text.
    pub at: Vec<(f32, f32, f32, String)>,
}

impl Tagged {
    /// Every element's own content, page by page, in reading order.
    pub fn leaves(&self) -> Vec<Leaf> {
        fn walk(e: &Elem, within: &mut Vec<String>, out: &mut Vec<Leaf>) {
            for k in &e.kids {
                match k {
                    Kid::Content { page, text, at } => out.push(Leaf {
                        tag: e.tag.clone(),
                        within: within.clone(),
                        page: *page,
                        text: text.clone(),
                        at: at.clone(),
                    }),
                    Kid::Elem(c) => {
                        within.push(e.tag.clone());
                        walk(c, within, out);
                        within.pop();
                    }
                }
            }
        }
        let mut out = Vec::new();
        for r in &self.roots {
            walk(r, &mut Vec::new(), &mut out);
        }
        out
    }
}
