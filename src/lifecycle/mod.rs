//! Kit lifecycle: what is due for a kit (review, drill, contacts, follow-ups), recording a
//! drill in its log, and the record of the last build. Pure functions of a loaded kit and a date; the CLI reads and writes.

mod changes;
mod edit;
mod last_build;
mod record;
mod reprint;
pub mod shelf;
pub mod snapshots;
mod status;

pub use changes::changes;
pub use edit::{mark_done, set_verified};
pub use last_build::{serial_parts, LastBuild, PrintedRun, SerialRange, MAX_RECORD_BYTES};
pub use record::{entry_toml, log_header, quote as toml_string, NewDrill};
pub use reprint::{
    pages_to_reprint, PageMark, PrintRecord, Reprint, INFO_KEY as REPRINT_INFO_KEY,
    PIECE_KEY as REPRINT_PIECE_KEY,
};
pub use status::{BackEntry, KitStatus, DUE_SOON_DAYS};
