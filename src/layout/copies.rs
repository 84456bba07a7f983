//! Serialized copies: the first copy is placed once as a template whose slots hold no items;
//! every further copy only has its slots placed (its serial, its QR code). Pagination then
//! repeats the template's pages (`paginate`), so 500 copies cost one layout plus 500 slots.

use super::chunk::{merge, Chunk, Filled, Piece, Repeat, SlotAt};
use super::place::Ctx;
use super::{Block, CopyFill, LayoutError, Origin};

/// Where and how a slot was placed in the template copy.
#[derive(Debug, Clone)]
pub(crate) struct SlotSpec {
    /// Slot index.
    id: usize,
    /// Width it was placed in, mm.
    width: f32,
    /// What to blame.
    origin: Origin,
    /// Height of its content in the template, mm: other copies must match it.
    height: f32,
    /// Vertical space after it, mm.
    spaces: Vec<f32>,
}

/// Placement state while a template copy is placed.
#[derive(Debug)]
pub(crate) struct TemplateState {
    /// The template copy's slot contents.
    fills: Vec<Block>,
    /// Slots placed so far.
    specs: Vec<SlotSpec>,
    /// The template copy's placed slot contents, by slot id.
    chunks: Vec<Option<Chunk>>,
}

fn misuse(origin: &Origin, problem: String) -> LayoutError {
    LayoutError::Copies {
        origin: origin.clone(),
        problem,
    }
}

impl Ctx<'_> {
    /// Places serialized copies: one [`Piece::Repeat`] per run of copies sharing a template.
    pub(crate) fn copies(
        &mut self,
        continued: &str,
        blocks: &[Block],
        copies: &[CopyFill],
        width: f32,
        origin: &Origin,
    ) -> Result<Vec<Piece>, LayoutError> {
        let payloads: Vec<&str> = copies
            .iter()
            .flat_map(|c| &c.slots)
            .filter_map(|b| match b {
                Block::Qr { payload, .. } | Block::QrBare { payload, .. } => Some(payload.as_str()),
                _ => None,
            })
            .collect();
        crate::qr::warm(&payloads, crate::qr::Ec::Q);
        let mut out = Vec::new();
        let mut k = 0;
        while let Some(first) = copies.get(k) {
            self.template = Some(TemplateState {
                fills: first.slots.clone(),
                specs: Vec::new(),
                chunks: Vec::new(),
            });
            let placed = self.blocks(blocks, width, origin);
            let state = self.template.take().expect("set above");
            let pieces = placed?;
            if pieces.iter().any(|p| matches!(p, Piece::Header { .. })) {
                return Err(misuse(
                    origin,
                    "a copy may not set running headers; each copy's header is in its fill".into(),
                ));
            }
            let mut filled = vec![Filled {
                header: first.header.clone(),
                slots: state.chunks,
            }];
            k += 1;
            while let Some(c) = copies.get(k) {
                match self.fill(c, &state.specs)? {
                    Some(slots) => filled.push(Filled {
                        header: c.header.clone(),
                        slots,
                    }),
                    None => break,
                }
                k += 1;
            }
            out.push(Piece::Repeat(Box::new(Repeat {
                pieces,
                continued: continued.to_string(),
                copies: filled,
            })));
        }
        Ok(out)
    }

    /// A slot in the template copy: an empty chunk of the content's height, marked with the
    /// slot; the content itself is kept for the copy's pages.
    pub(crate) fn slot(
        &mut self,
        id: usize,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let Some(block) = self
            .template
            .as_ref()
            .and_then(|t| t.fills.get(id))
            .cloned()
        else {
            return Err(misuse(
                origin,
                format!("slot {id} is outside copies or has no content"),
            ));
        };
        let (chunk, spaces) = self.place_slot(&block, width, origin)?;
        let mut c = Chunk::new(origin);
        c.height = chunk.height;
        c.slots.push(SlotAt { id, x: 0.0, y: 0.0 });
        // Where a reader meets the copy's own content (drawn by each copy's page).
        c.items.push(super::Item::Tag(super::Tag::Slot(id)));
        let t = self.template.as_mut().expect("checked above");
        t.specs.push(SlotSpec {
            id,
            width,
            origin: origin.clone(),
            height: chunk.height,
            spaces: spaces.clone(),
        });
        if t.chunks.len() <= id {
            t.chunks.resize(id + 1, None);
        }
        t.chunks[id] = Some(chunk);
        out.push(Piece::Chunk(c));
        out.extend(spaces.into_iter().map(Piece::Space));
        Ok(())
    }

    /// Places a slot's content as one chunk, and returns the space that follows it.
    fn place_slot(
        &mut self,
        block: &Block,
        width: f32,
        origin: &Origin,
    ) -> Result<(Chunk, Vec<f32>), LayoutError> {
        // Slot content is ordinary content: no slots of its own.
        let saved = self.template.take();
        let placed = self.blocks(std::slice::from_ref(block), width, origin);
        self.template = saved;
        let mut pieces = placed?;
        let mut spaces = Vec::new();
        while let Some(Piece::Space(s)) = pieces.last() {
            spaces.push(*s);
            pieces.pop();
        }
        spaces.reverse();
        Ok((merge(pieces, origin).0, spaces))
    }

    /// Places a copy's slots as in the template; `None` when one of them is not as tall as in
    /// the template (that copy then needs a template of its own).
    fn fill(
        &mut self,
        copy: &CopyFill,
        specs: &[SlotSpec],
    ) -> Result<Option<Vec<Option<Chunk>>>, LayoutError> {
        let mut chunks: Vec<Option<Chunk>> = Vec::new();
        for s in specs {
            let Some(block) = copy.slots.get(s.id) else {
                return Err(misuse(
                    &s.origin,
                    format!("a copy has no content for slot {}", s.id),
                ));
            };
            let (chunk, spaces) = self.place_slot(block, s.width, &s.origin)?;
            if (chunk.height - s.height).abs() > 1e-4 || spaces != s.spaces {
                return Ok(None);
            }
            if chunks.len() <= s.id {
                chunks.resize(s.id + 1, None);
            }
            chunks[s.id] = Some(chunk);
        }
        Ok(Some(chunks))
    }
}
