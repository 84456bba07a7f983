//! Tagged PDF, first half: the layout's structure markers ([`Item::Tag`]) → how each item is
//! marked in its content stream (an MCID of a structure element, or an artifact) and the
//! structure tree in reading order. `structure` writes the tree into the PDF.
//!
//! Reading order is the order of the items, page by page. A page drawn from a template reads
//! the template's items and, where the template has a [`Tag::Slot`], the page's own content
//! for that slot ([`Tag::Fill`]); then the page's furniture. A template is tagged content
//! only on the first page drawn from it (the first of a form's serialized copies is read in
//! full); the later copies draw a second form XObject of it marked as repeated (an
//! artifact) and are read as their own content: serial number and code. A form XObject
//! whose marked content is painted on several pages has no single parent in the structure,
//! which PDF/UA does not allow.
//!
//! Defaults keep content that the layout did not mark readable: text outside any role is a
//! paragraph, a QR code a figure described from its payload, a drawing (rule, outline,
//! symbol) decoration. Boxes and lines are content only inside a field or a figure; elsewhere
//! (table borders, rules, the critical-step triangle whose words say the same) they are
//! decoration.

use std::collections::BTreeMap;

use crate::layout::{Artifact, Document, FieldKind, Item, Role, Tag};

/// Which content stream an item is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stream {
    /// The content stream of page `i` (0-based).
    Page(usize),
    /// The form XObject of template `t`.
    Template(usize),
}

/// How one item is marked in its content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A structure marker: draws nothing.
    None,
    /// Page furniture or decoration.
    Artifact(Artifact),
    /// Content of a structure element, in the marked-content sequence `mcid` of its stream,
    /// tagged with the element's type.
    Real {
        /// The marked-content id, unique within the stream.
        mcid: u32,
        /// The element's structure type (`P`, `H1`, `Figure` …).
        tag: &'static str,
    },
}

/// A structure element's type and attributes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// The root: the whole document.
    Document,
    /// A standard structure type without attributes (`P`, `H2`, `L`, `LI`, `TR`, `TD` …).
    Plain(&'static str),
    /// A numbered list (`L` with decimal numbering).
    List,
    /// A table's header cell (`TH` naming its column).
    HeaderCell,
    /// A figure with its alternative text.
    Figure(String),
    /// A printed form field (`Form` with PrintField attributes).
    Field(String, FieldKind),
}

impl Kind {
    /// The standard structure type.
    pub(crate) fn tag(&self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Plain(t) => t,
            Kind::List => "L",
            Kind::HeaderCell => "TH",
            Kind::Figure(_) => "Figure",
            Kind::Field(..) => "Form",
        }
    }

    /// Whether boxes and lines in it are content (else decoration).
    fn draws(&self) -> bool {
        matches!(self, Kind::Figure(_) | Kind::Field(..))
    }

    /// Whether it groups other elements and holds no text of its own.
    fn groups(&self) -> bool {
        matches!(
            self,
            Kind::Document | Kind::List | Kind::Plain("L" | "LI" | "Table" | "TR")
        )
    }
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kid {
    /// Another element (index into [`Plan::elems`]).
    Elem(usize),
    /// A marked-content sequence on page `page`, in `stream`.
    Content {
        /// The page it is seen on (0-based).
        page: usize,
        /// Where it is drawn.
        stream: Stream,
        /// Its MCID.
        mcid: u32,
    },
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Elem {
    /// Type and attributes.
    pub kind: Kind,
    /// The parent (`None` for the root).
    pub parent: Option<usize>,
    /// Children in reading order.
    pub kids: Vec<Kid>,
    /// The page it starts on (0-based).
    pub page: usize,
}

/// Marks for every item of the document, and the structure tree.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Per page, a mark per item of `Page::items`.
    pub pages: Vec<Vec<Mark>>,
    /// Per template, a mark per item of `Template::items` (as drawn on its first page).
    pub templates: Vec<Vec<Mark>>,
    /// Per page: it is drawn from a template that an earlier page drew too, so it draws the
    /// template's repeated (artifact) form.
    pub repeat: Vec<bool>,
    /// Elements; the root (the document) is element 0.
    pub elems: Vec<Elem>,
    /// Per stream, the element of each MCID (a template's from the first page using it).
    pub parents: BTreeMap<Stream, Vec<usize>>,
}

/// One entry of the open-role stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// An element.
    Elem(usize),
    /// Furniture: everything inside is an artifact of this kind.
    Artifact(Artifact),
}

/// The last content marked in a stream, to continue its sequence.
#[derive(Debug, Clone, Copy)]
struct Last {
    index: usize,
    elem: usize,
    mcid: u32,
}

struct Builder<'d> {
    doc: &'d Document,
    plan: Plan,
    stack: Vec<Frame>,
    /// An implicit paragraph around text outside any role: its element and the stack depth
    /// it was opened at.
    implicit: Option<(usize, usize)>,
    last_heading: u8,
    /// Next MCID and the last content per stream.
    next_mcid: BTreeMap<Stream, u32>,
    last: BTreeMap<Stream, Last>,
    /// Templates drawn by an earlier page.
    templates_done: Vec<bool>,
    page: usize,
}

/// Plans the marked content and structure of `doc`.
pub(crate) fn plan(doc: &Document) -> Plan {
    let mut b = Builder {
        doc,
        plan: Plan {
            pages: doc
                .pages
                .iter()
                .map(|p| vec![Mark::None; p.items.len()])
                .collect(),
            templates: doc
                .templates
                .iter()
                .map(|t| vec![Mark::None; t.items.len()])
                .collect(),
            elems: vec![Elem {
                kind: Kind::Document,
                parent: None,
                kids: Vec::new(),
                page: 0,
            }],
            parents: BTreeMap::new(),
            repeat: vec![false; doc.pages.len()],
        },
        stack: Vec::new(),
        implicit: None,
        last_heading: 0,
        next_mcid: BTreeMap::new(),
        last: BTreeMap::new(),
        templates_done: vec![false; doc.templates.len()],
        page: 0,
    };
    for (i, page) in doc.pages.iter().enumerate() {
        b.page = i;
        match page.template {
            Some(t) if t < doc.templates.len() => b.template_page(i, t),
            _ => {
                for (j, item) in page.items.iter().enumerate() {
                    b.item(Stream::Page(i), j, item);
                }
            }
        }
        if let Some(t) = page.template {
            if t < b.templates_done.len() {
                b.templates_done[t] = true;
            }
        }
    }
    b.plan
}

impl Builder<'_> {
    /// A page drawn from template `t`: the template's items with the page's slot content
    /// where its slots are, then the rest of the page's own items.
    fn template_page(&mut self, i: usize, t: usize) {
        let doc = self.doc;
        let own = &doc.pages[i].items;
        // Slot id → the range of its content in the page's items.
        let mut fills: BTreeMap<usize, std::ops::Range<usize>> = BTreeMap::new();
        let mut open: Option<(usize, usize)> = None;
        for (j, item) in own.iter().enumerate() {
            match item {
                Item::Tag(Tag::Fill(id)) => open = Some((*id, j + 1)),
                Item::Tag(Tag::EndFill) => {
                    if let Some((id, start)) = open.take() {
                        fills.insert(id, start..j);
                    }
                }
                _ => {}
            }
        }
        let repeat = self.templates_done[t];
        self.plan.repeat[i] = repeat;
        let mut read = vec![false; own.len()];
        for (k, item) in doc.templates[t].items.iter().enumerate() {
            match item {
                Item::Tag(Tag::Slot(id)) => {
                    if let Some(range) = fills.get(id).cloned() {
                        for j in range {
                            read[j] = true;
                            self.item(Stream::Page(i), j, &own[j]);
                        }
                    }
                }
                // A repeated template is not read again.
                _ if repeat => {}
                _ => self.item(Stream::Template(t), k, item),
            }
        }
        for (j, item) in own.iter().enumerate() {
            if !read[j] {
                self.item(Stream::Page(i), j, item);
            }
        }
    }

    fn top(&self) -> Option<Frame> {
        self.stack.last().copied()
    }

    /// The element content goes into: the innermost open one, else the root.
    fn current(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find_map(|f| match f {
                Frame::Elem(e) => Some(*e),
                Frame::Artifact(_) => None,
            })
            .unwrap_or(0)
    }

    fn new_elem(&mut self, kind: Kind) -> usize {
        let parent = self.current();
        let id = self.plan.elems.len();
        self.plan.elems.push(Elem {
            kind,
            parent: Some(parent),
            kids: Vec::new(),
            page: self.page,
        });
        self.plan.elems[parent].kids.push(Kid::Elem(id));
        id
    }

    fn end_implicit(&mut self) {
        if let Some((_, depth)) = self.implicit.take() {
            self.stack.truncate(depth);
        }
    }

    fn kind(&mut self, role: &Role) -> Kind {
        match role {
            Role::Heading(level) => {
                // Headings go down one level at a time from H1, as readers navigate them.
                let l = (*level).clamp(1, 6).min(self.last_heading + 1);
                self.last_heading = l;
                Kind::Plain(["H1", "H2", "H3", "H4", "H5", "H6"][usize::from(l - 1)])
            }
            Role::Paragraph => Kind::Plain("P"),
            Role::List => Kind::List,
            Role::ListItem => Kind::Plain("LI"),
            Role::ListLabel => Kind::Plain("Lbl"),
            Role::ListBody => Kind::Plain("LBody"),
            Role::Table => Kind::Plain("Table"),
            Role::TableRow => Kind::Plain("TR"),
            Role::HeaderCell => Kind::HeaderCell,
            Role::Cell => Kind::Plain("TD"),
            Role::Figure { alt } => Kind::Figure(alt.clone()),
            Role::Field { label, kind } => Kind::Field(label.clone(), *kind),
            Role::Artifact(_) => Kind::Plain("Artifact"),
        }
    }

    fn item(&mut self, stream: Stream, index: usize, item: &Item) {
        match item {
            Item::Tag(Tag::Open(role)) => {
                self.end_implicit();
                let frame = match (role, self.top()) {
                    (Role::Artifact(a), _) => Frame::Artifact(*a),
                    // Inside furniture everything is furniture.
                    (_, Some(Frame::Artifact(a))) => Frame::Artifact(a),
                    // A table cell holds its text itself: a paragraph in it adds nothing a
                    // reader hears, and a binder has thousands of cells.
                    (Role::Paragraph, Some(Frame::Elem(e)))
                        if matches!(
                            self.plan.elems[e].kind,
                            Kind::HeaderCell | Kind::Plain("TD")
                        ) =>
                    {
                        Frame::Elem(e)
                    }
                    _ => {
                        let kind = self.kind(role);
                        Frame::Elem(self.new_elem(kind))
                    }
                };
                self.stack.push(frame);
            }
            Item::Tag(Tag::Close) => {
                self.end_implicit();
                self.stack.pop();
            }
            // Where a mark is read back from a scan: not drawn, no content.
            Item::Tag(_) | Item::Mark { .. } => {}
            _ => {
                let mark = self.mark(stream, index, item);
                self.set(stream, index, mark);
            }
        }
    }

    fn set(&mut self, stream: Stream, index: usize, mark: Mark) {
        match stream {
            Stream::Page(i) => self.plan.pages[i][index] = mark,
            Stream::Template(t) => self.plan.templates[t][index] = mark,
        }
    }

    /// The mark of a drawing item, and its place in the structure.
    fn mark(&mut self, stream: Stream, index: usize, item: &Item) -> Mark {
        if let Some(Frame::Artifact(a)) = self.top() {
            return Mark::Artifact(a);
        }
        let text = matches!(item, Item::Text { .. });
        let mut elem = self.current();
        let kind = &self.plan.elems[elem].kind;
        match item {
            Item::OutlineText { .. } => return Mark::Artifact(Artifact::Watermark),
            Item::Qr { payload, .. } if !matches!(kind, Kind::Figure(_)) => {
                self.end_implicit();
                let alt = crate::payload::describe_code(
                    payload,
                    &self.doc.meta.lang,
                    &self.doc.meta.code_names,
                );
                let f = self.new_elem(Kind::Figure(alt));
                return self.content(stream, index, f);
            }
            Item::Rect { .. } | Item::Line { .. } | Item::Path { .. } if !kind.draws() => {
                return Mark::Artifact(Artifact::Layout);
            }
            _ => {}
        }
        if text && kind.groups() {
            elem = match self.implicit {
                Some((e, _)) => e,
                None => {
                    let e = self.new_elem(Kind::Plain("P"));
                    self.implicit = Some((e, self.stack.len()));
                    self.stack.push(Frame::Elem(e));
                    e
                }
            };
        }
        self.content(stream, index, elem)
    }

    /// Marks content of `elem`: continues the stream's last sequence when it belongs to the
    /// same element and nothing but markers came between, else starts one.
    fn content(&mut self, stream: Stream, index: usize, elem: usize) -> Mark {
        let tag = self.plan.elems[elem].kind.tag();
        let items = self.items(stream);
        let go_on = self.last.get(&stream).copied().filter(|l| {
            l.elem == elem
                && l.index < index
                && items[l.index + 1..index].iter().all(Item::draws_nothing)
        });
        let mcid = match go_on {
            Some(l) => l.mcid,
            None => {
                let next = self.next_mcid.entry(stream).or_insert(0);
                let mcid = *next;
                *next += 1;
                self.plan.parents.entry(stream).or_default().push(elem);
                mcid
            }
        };
        let page = self.page;
        let kids = &mut self.plan.elems[elem].kids;
        let kid = Kid::Content { page, stream, mcid };
        if kids.last() != Some(&kid) {
            kids.push(kid);
        }
        self.last.insert(stream, Last { index, elem, mcid });
        Mark::Real { mcid, tag }
    }

    fn items(&self, stream: Stream) -> &[Item] {
        match stream {
            Stream::Page(i) => &self.doc.pages[i].items,
            Stream::Template(t) => &self.doc.templates[t].items,
        }
    }
}

/// The marks of a template drawn again on a later page: everything an artifact.
pub(crate) fn repeated(marks: &[Mark]) -> Vec<Mark> {
    marks
        .iter()
        .map(|m| match m {
            Mark::Real { .. } => Mark::Artifact(Artifact::Layout),
            other => *other,
        })
        .collect()
}
