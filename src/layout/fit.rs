//! The top level of a document: copies, orientation changes, form footers and fitted
//! content ([`Block::Fit`]), which is laid out at the loosest density that takes the fewest
//! pages it can (see `density`).

use super::chunk::Piece;
use super::density::{Density, LEVELS};
use super::paginate::{self, Frame};
use super::place::Ctx;
use super::{frame_for, Block, Decor, LayoutError, LayoutWarning, Orientation, Origin, Settings};

/// What the top level needs besides the blocks.
pub(crate) struct Env<'a> {
    /// Paper and sizes.
    pub settings: &'a Settings,
    /// Page furniture (its height shapes the frame).
    pub decor: &'a Decor,
    /// Whether pages keep a footer line for form codes.
    pub form_lines: bool,
    /// What to blame for blocks without an origin of their own.
    pub root: &'a Origin,
}

/// Where the top level is: the orientation in force, its content width and frame.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Top {
    /// Orientation of the pages from here on.
    pub orientation: Orientation,
    /// Content width, mm.
    pub width: f32,
    /// The content area of its pages.
    pub frame: Frame,
    /// Height kept free at the foot of the content area for a form's footer boxes, mm.
    pub reserve: f32,
}

impl Top {
    /// The frame of `orientation` with `reserve` mm kept at its foot; returns it as the
    /// piece that starts it.
    fn reframe(
        &mut self,
        ctx: &mut Ctx,
        env: &Env,
        orientation: Orientation,
        reserve: f32,
    ) -> Result<Piece, LayoutError> {
        let (mut frame, w) = frame_for(env.settings, env.decor, orientation, env.form_lines)?;
        frame.bottom -= reserve;
        self.orientation = orientation;
        self.reserve = reserve;
        self.width = w;
        self.frame = frame;
        ctx.page_h = frame.height();
        Ok(Piece::Frame(frame))
    }
}

/// Places top-level `blocks` into `out`.
pub(crate) fn top_level(
    ctx: &mut Ctx,
    blocks: &[Block],
    at: &mut Top,
    env: &Env,
    out: &mut Vec<Piece>,
) -> Result<(), LayoutError> {
    for b in blocks {
        match b {
            Block::Copies {
                continued,
                blocks,
                copies,
            } => out.extend(ctx.copies(continued, blocks, copies, at.width, env.root)?),
            Block::Orientation(o) => {
                if *o != at.orientation {
                    out.push(at.reframe(ctx, env, *o, at.reserve)?);
                }
            }
            Block::FormFooter(f) => {
                let reserve = match f {
                    Some(f) if !f.boxes.is_empty() => super::furniture::FOOT_BOXES_H,
                    _ => 0.0,
                };
                if reserve != at.reserve {
                    out.push(at.reframe(ctx, env, at.orientation, reserve)?);
                }
                out.push(Piece::Footer(f.clone()));
            }
            Block::Fit {
                origin,
                pages,
                blocks,
            } => fit(ctx, origin, *pages, blocks, at, env, out)?,
            other => out.extend(ctx.blocks(std::slice::from_ref(other), at.width, env.root)?),
        }
    }
    Ok(())
}

/// One try at a density: the pieces, where the top level is after them, the problems found,
/// and what landed on each page.
struct Attempt {
    pieces: Vec<Piece>,
    at: Top,
    errors: Vec<LayoutError>,
    warnings: Vec<LayoutWarning>,
    pages: Option<Vec<paginate::PageTrace>>,
}

impl Attempt {
    /// Pages it takes; none when it could not be laid out.
    fn count(&self) -> Option<usize> {
        if self.errors.is_empty() {
            self.pages.as_ref().map(Vec::len)
        } else {
            None
        }
    }
}

fn attempt(
    ctx: &mut Ctx,
    level: u8,
    blocks: &[Block],
    start: Top,
    env: &Env,
) -> Result<Attempt, LayoutError> {
    let errors = std::mem::take(&mut ctx.errors);
    let warnings = std::mem::take(&mut ctx.warnings);
    let page_h = ctx.page_h;
    ctx.density = Density { level };
    let mut at = start;
    let mut pieces = Vec::new();
    let placed = top_level(ctx, blocks, &mut at, env, &mut pieces);
    ctx.density = Density::default();
    ctx.page_h = page_h;
    let mine = std::mem::replace(&mut ctx.errors, errors);
    let said = std::mem::replace(&mut ctx.warnings, warnings);
    placed?;
    let pages = if mine.is_empty() {
        paginate::measure(&pieces, start.frame, &ctx.ts, ctx.settings.min_pt).ok()
    } else {
        None
    };
    Ok(Attempt {
        pieces,
        at,
        errors: mine,
        warnings: said,
        pages,
    })
}

/// Lays `blocks` out at the loosest density that takes the fewest pages any density takes,
/// and reports when that is more than `pages`.
fn fit(
    ctx: &mut Ctx,
    origin: &Origin,
    pages: Option<u32>,
    blocks: &[Block],
    at: &mut Top,
    env: &Env,
    out: &mut Vec<Piece>,
) -> Result<(), LayoutError> {
    let start = *at;
    let loose = attempt(ctx, 0, blocks, start, env)?;
    let chosen = match loose.count() {
        Some(n) if n <= 1 => loose,
        _ => {
            let tight = attempt(ctx, LEVELS - 1, blocks, start, env)?;
            match (loose.count(), tight.count()) {
                // Neither fits: what does not, told as it would be at its tightest.
                (None, None) => tight,
                (_, None) => loose,
                (Some(l), Some(t)) if t >= l => loose,
                (_, Some(t)) => {
                    let mut best = tight;
                    for level in 1..LEVELS - 1 {
                        let a = attempt(ctx, level, blocks, start, env)?;
                        if a.count().is_some_and(|n| n <= t) {
                            best = a;
                            break;
                        }
                    }
                    best
                }
            }
        }
    };
    if let (Some(allowed), Some(traced)) = (pages, &chosen.pages) {
        if traced.len() > allowed as usize {
            let room = start.frame.height() - start.reserve;
            ctx.errors.push(too_long(origin, allowed, traced, room));
        }
    }
    ctx.errors.extend(chosen.errors);
    ctx.warnings.extend(chosen.warnings);
    *at = chosen.at;
    ctx.page_h = at.frame.height();
    out.extend(chosen.pieces);
    Ok(())
}

/// The error for content that needs more than its `allowed` pages (each `room` mm of
/// content high): what falls past them, named by the parts it belongs to, and how much
/// height is missing: what falls past them less the room left at the foot of the allowed
/// pages (at least 1 mm: a part kept together may not fit the room left).
fn too_long(
    origin: &Origin,
    allowed: u32,
    pages: &[paginate::PageTrace],
    room: f32,
) -> LayoutError {
    let (kept, past) = pages.split_at(allowed as usize);
    let over: f32 = past.iter().map(|p| p.used).sum();
    let left: f32 = kept.iter().map(|p| (room - p.used).max(0.0)).sum();
    let missing_mm = (over - left).max(1.0);
    let mut parts: Vec<Origin> = Vec::new();
    for o in past.iter().flat_map(|p| &p.origins) {
        // A part of a part ("section 3 of form x, table row 4") is named by the part.
        let what = o.what.split(", ").next().unwrap_or_default().to_string();
        if what.is_empty() || what == "document" || parts.iter().any(|p| p.what == what) {
            continue;
        }
        parts.push(Origin {
            what,
            location: o.location.clone(),
            rows: None,
        });
    }
    LayoutError::TooManyPagesFor {
        origin: origin.clone(),
        allowed,
        needed: pages.len(),
        missing_mm,
        parts,
    }
}
