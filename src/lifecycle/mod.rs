//! Kit lifecycle: what is due for a kit (review, drill, contacts, follow-ups) and recording a
//! drill in its log. Pure functions of a loaded kit and a date; the CLI reads and writes.

mod record;
pub mod snapshots;
mod status;

pub use record::{entry_toml, log_header, NewDrill};
pub use status::{KitStatus, DUE_SOON_DAYS};
