//! The command line as clap reads it: every subcommand, its options and their parsers.

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// downkit compiles TOML fallback routines into printable PDF kits for when IT is down.
#[derive(Debug, Parser)]
#[command(name = "downkit", version = VERSION, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    /// When to colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always,
    /// never.
    #[arg(long, value_enum, global = true, default_value_t, value_name = "WHEN")]
    pub color: ColorWhen,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The version `--version` prints: the package version and, when built from git, the commit.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("DOWNKIT_GIT_SUFFIX"));

/// When diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    /// On a terminal, unless the NO_COLOR environment variable is set.
    #[default]
    Auto,
    /// Always, also into a pipe or a file (and despite NO_COLOR).
    Always,
    /// Never.
    Never,
}

/// Output format for machine-readable results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Readable text with source lines and carets (colour on a terminal).
    #[default]
    Human,
    /// JSON on standard output.
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate kits and print every problem with file, line and column.
    #[command(
        after_help = "Examples:\n  downkit check kits/hjalpmedel-hemtjanst\n  downkit check kits --deny-warnings\n  downkit check kit.toml --format json\n\nExit codes: 0 clean (or warnings only), 1 a kit has errors, 2 usage error."
    )]
    Check {
        /// Kit folders (with kit.toml), kit files, or a folder of kits (such as kits/).
        #[arg(required = true)]
        kits: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Treat warnings as errors (exit 1).
        #[arg(long)]
        deny_warnings: bool,
        /// The output folder of the last build, whose `<kit-id>.last-build.json` records what
        /// was printed: a kit whose printed content changed since then without a new
        /// `version` gets a warning.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// The date to check review and verification dates against (YYYY-MM-DD); default:
        /// SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Build the binder of each kit (and, with --split, one PDF per form, checklist and log).
    #[command(
        after_help = "Examples:\n  downkit build kits/hjalpmedel-hemtjanst\n  downkit build kits -o print --date 2026-12-01\n  downkit build kits/hjalpmedel-hemtjanst --split --copies 50\n  downkit build kits/hjalpmedel-hemtjanst --only bestallning --paper letter\n\nWrites <kit-id>-<version>.pdf into the output folder. A kit with errors is not built\n(exit 1). Files are written atomically: a failed build never leaves a broken PDF."
    )]
    Build {
        /// Kit folders (with kit.toml), kit files, or a folder of kits (such as kits/).
        #[arg(required = true)]
        kits: Vec<PathBuf>,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Print date on every page (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Paper size, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Also write one PDF per form, checklist and log, for bulk printing.
        #[arg(long)]
        split: bool,
        /// Build only this artifact (a form, checklist, log or procedure id, or cover,
        /// contacts, register).
        #[arg(long, value_name = "ID")]
        only: Option<String>,
        /// Number of serialized copies of each form, overriding the kit's.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
        copies: Option<u32>,
        /// The print run of the day: give 2, 3 … when the kit is printed again on the same
        /// date, so that the two printings' serialized copies never share a code.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=99))]
        run: u32,
        /// Also write the archive copy of each binder (see `downkit archive`): PDF/A-3 with
        /// the kit's sources embedded.
        #[arg(long)]
        archive: bool,
        /// With --archive: PDF/A-2, and the sources with their checksums in a tar file
        /// beside it.
        #[arg(long, requires = "archive")]
        sidecar: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
        /// Output format: lines of text, or a JSON array (one object per kit: the files
        /// written, or the diagnostics) on standard output.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write the archive copy of a kit version: its binder as PDF/A (tagged, fonts embedded,
    /// sRGB output intent) with the kit's source files and their checksums, and the dates
    /// the version is in force.
    #[command(
        after_help = "Examples:\n  downkit archive kits/hjalpmedel-hemtjanst -o arkiv\n  downkit archive kits/hjalpmedel-hemtjanst -o arkiv --sidecar\n  downkit archive kits/hjalpmedel-hemtjanst -o arkiv --valid-to 2027-03-31 --date 2026-10-01\n\nWrites <kit-id>-<version>-arkiv.pdf (-archive.pdf for an English kit): PDF/A-3a with the\nkit's source files and SHA256SUMS embedded; with --sidecar PDF/A-2a and beside it\n<kit-id>-<version>-arkiv-kallor.tar with the sources and SHA256SUMS (which also lists the\nPDF). The version is in force from --valid-from (default: the kit's `issued`) to\n--valid-to (default: until replaced). Snapshots are never archived: they hold personal\ndata and are destroyed after use.\n\nExit codes: 0 written, 1 the kit has errors or a file could not be written, 2 usage error\n(a PDF or snapshot given, --valid-to before the version is in force)."
    )]
    Archive {
        /// The kit folder (with kit.toml) or kit file.
        kit: PathBuf,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// The print date of the copy (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// PDF/A-2, and the sources with their checksums in a tar file beside it (for an
        /// archive that takes PDF/A-2 only), instead of PDF/A-3 with them embedded.
        #[arg(long)]
        sidecar: bool,
        /// The first day the version is in force; default: the kit's `issued`.
        #[arg(long, value_parser = parse_date)]
        valid_from: Option<NaiveDate>,
        /// The last day the version was in force, when it has been replaced.
        #[arg(long, value_parser = parse_date)]
        valid_to: Option<NaiveDate>,
        /// Paper size, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
        /// Output format: a line of text, or one JSON object (the files written, the PDF/A
        /// part, the sources, the dates) on standard output.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a kit's drill packet (exercise binder, scenario, inject cards, timing sheet,
    /// evaluation), or with --record append a drill to the kit's drills.toml.
    #[command(
        after_help = "Examples:\n  downkit drill kits/hjalpmedel-hemtjanst\n  downkit drill kits/hjalpmedel-hemtjanst --scenario bestallning-nere -o print --date 2026-12-01\n  downkit drill kits/hjalpmedel-hemtjanst --scenario standard      # three days with time jumps\n  downkit drill kits/hjalpmedel-hemtjanst --scenario call-tree     # call every contact\n  downkit drill kits/hjalpmedel-hemtjanst --record --date 2026-12-03 --scenario bestallning-nere \\\n      --participant \"Anna Berg\" --participant \"Bo Ek\" --finding \"Faxen saknade papper\" \\\n      --follow-up \"Köp faxpapper | Enhetschef | 2026-12-20\"\n  downkit drill kits/hjalpmedel-hemtjanst --record --date 2026-12-18 --done faxpapper\n  downkit drill kits/hjalpmedel-hemtjanst --record --date 2026-12-05 --scenario call-tree \\\n      --no-answer hmc-jour --wrong-number mas --reached all\n  downkit drill kits/hjalpmedel-hemtjanst --report -o print --date 2027-01-10\n\nWrites <kit-id>-<version>-ovning.pdf (-exercise.pdf for an English kit): the drill leader's\npages first, then the whole binder, \"ÖVNING\"/\"EXERCISE\" across every page and every\ndownkit QR code marked /X. Without --scenario the kit's first scenario is used, or the\nstandard one when the kit defines none. With --record nothing is printed; --date is the\nday the drill was held; every contact --reached gets it as its verified date, in the\nkit file that declares it. --report writes <kit-id>-<version>-efter-ovning.pdf\n(-after-action.pdf), the after-action report with improvement plan, from drills.toml."
    )]
    Drill {
        /// The kit folder (with kit.toml) or kit file.
        kit: PathBuf,
        /// Output folder for the packet (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Print date of the packet, or with --record the day the drill was held (YYYY-MM-DD);
        /// default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// The scenario id (a [[scenario]] of the kit).
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Paper size, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Number of serialized copies of each form in the packet, overriding the kit's.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
        copies: Option<u32>,
        /// The print run of the day (see `build --run`).
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=99))]
        run: u32,
        /// Record a drill in the kit's drills.toml instead of writing a packet.
        #[arg(long, conflicts_with_all = ["out", "paper", "copies", "run", "quiet"])]
        record: bool,
        /// With --record: someone who took part (repeat for each).
        #[arg(long = "participant", value_name = "NAME", requires = "record")]
        participants: Vec<String>,
        /// With --record: something the drill found (repeat for each).
        #[arg(long = "finding", value_name = "TEXT", requires = "record")]
        findings: Vec<String>,
        /// With --record: a follow-up as "what | who | YYYY-MM-DD" (repeat for each).
        #[arg(long = "follow-up", value_name = "WHAT | WHO | DATE", requires = "record", value_parser = parse_follow_up)]
        follow_ups: Vec<crate::model::FollowUp>,
        /// With --record: mark an open follow-up done, by its text or a unique part of it
        /// (repeat for each); alone, records no new drill.
        #[arg(long = "done", value_name = "WHAT", requires = "record")]
        done: Vec<String>,
        /// With --done: who did it (recorded as the follow-up's `done-by`).
        #[arg(long = "done-by", value_name = "WHO", requires = "done")]
        done_by: Option<String>,
        /// With --record (call-tree test): a contact id that answered with the right number,
        /// or `all` for every contact not named otherwise; its `verified` date becomes the
        /// drill's date (repeat for each).
        #[arg(long = "reached", value_name = "ID", requires = "record")]
        reached: Vec<String>,
        /// With --record (call-tree test): a contact id nobody answered for (repeat).
        #[arg(long = "no-answer", value_name = "ID", requires = "record")]
        no_answer: Vec<String>,
        /// With --record (call-tree test): a contact id whose number was wrong (repeat).
        #[arg(long = "wrong-number", value_name = "ID", requires = "record")]
        wrong_number: Vec<String>,
        /// Write the after-action report (PDF) from the kit's drills.toml instead of a
        /// packet: what each drill exercised and found, and the improvement plan with each
        /// follow-up's owner, date and status on --date.
        #[arg(long, conflicts_with_all = ["record", "scenario", "copies", "run"])]
        report: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show what is due for every kit under a folder: review, drill, stale contacts,
    /// follow-ups, and kits that do not build.
    #[command(
        after_help = "Examples:\n  downkit status\n  downkit status /srv/kits --format json\n  downkit status kits --date 2027-01-15\n\nThe next drill is due drill-interval-days (default 91) after the last drill in the\nkit's drills.toml, or after `issued` when it was never drilled.\nExit codes: 0 nothing due, 1 something is overdue (review, drill, contact, follow-up)\nor a kit is invalid or does not build, 2 usage error."
    )]
    Status {
        /// A kit (folder or file), or a folder of kits to search (default: kits/).
        #[arg(default_value = "kits")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The date (and time) to judge against: YYYY-MM-DD or "YYYY-MM-DD HH:MM" (a date
        /// alone is its start, 00:00); default: SOURCE_DATE_EPOCH, else now.
        #[arg(long, value_parser = parse_moment)]
        date: Option<NaiveDateTime>,
        /// The folder `downkit snapshot` writes to: shows the age of each kit's newest
        /// snapshot there, a problem when it is older than the kit's snapshot-max-age.
        #[arg(long, value_name = "DIR")]
        snapshots: Option<PathBuf>,
    },
    /// Print today's lists from a care system's export: lists per group, the schedule of
    /// the next days, pre-filled forms; encrypted when they hold personal data.
    #[command(
        after_help = "Examples:\n  downkit snapshot kits/hemtjanst-planering --data brukare=/srv/export/brukare.csv \\\n      --data besok=/srv/export/besok.csv --password-file /etc/downkit/snapshot.pass \\\n      -o /srv/reserv --keep 3\n  DOWNKIT_PASSWORD=… downkit snapshot kits/hemtjanst-planering --sample -o preview --format json\n  DOWNKIT_PASSWORD=… downkit snapshot kits/hemtjanst-planering --sample -o preview\n  downkit snapshot kits/hemtjanst-planering --sample --no-encrypt -o preview\n\nWrites <kit-id>-snapshot-<YYYY-MM-DD>-<HHMM>.pdf (the time the data is as of: --as-of, else\nthe time the oldest export was written) into the output folder, atomically. A snapshot\nthat prints a column marked personal-data is encrypted (PDF AES-256) with the password\nfrom --password-file or the environment variable DOWNKIT_PASSWORD; never give it on the\ncommand line. An export with errors (a missing column, a wrong field count, a repeated or\nempty key, an empty export) stops the run: exit 1, nothing written, the last snapshot\nkept. Problems name file:line:column, row and field, never the value."
    )]
    Snapshot {
        /// The kit folder (with kit.toml) or kit file.
        kit: PathBuf,
        /// A dataset's export: <dataset-id>=<file> (repeat for each dataset).
        #[arg(long = "data", value_name = "ID=FILE", value_parser = parse_data)]
        data: Vec<(String, PathBuf)>,
        /// Use the kit's fictional sample exports for datasets not given with --data (for
        /// previews and tests).
        #[arg(long)]
        sample: bool,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// The time the data is as of: "YYYY-MM-DD HH:MM"; default: when the oldest export
        /// was last written.
        #[arg(long, value_name = "TIME", value_parser = parse_as_of)]
        as_of: Option<NaiveDateTime>,
        /// A file whose first line is the password (else: DOWNKIT_PASSWORD).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// Write the snapshot unencrypted even when it holds personal data.
        #[arg(long, conflicts_with = "password_file")]
        no_encrypt: bool,
        /// Keep the newest N snapshots of the kit in the output folder and remove older
        /// ones (the new one always stays).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
        keep: Option<u32>,
        /// Paper size, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Refused: a snapshot is never archived (it holds personal data and is destroyed
        /// after use); archive the kit version with `downkit archive`.
        #[arg(long)]
        archive: bool,
        /// Print nothing but warnings, errors and the snapshots --keep removed.
        #[arg(short, long)]
        quiet: bool,
        /// Output format: lines of text, or one JSON object (the file written, its pages
        /// and protection, the rows read, the snapshots removed) on standard output.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Where the kit's printed binders are and whether each was checked in time; with
    /// --checked, record a shelf check (who looked, which version was on the shelf).
    #[command(
        after_help = "Examples:\n  downkit binder kits/hjalpmedel-hemtjanst\n  downkit binder kits/hjalpmedel-hemtjanst --format json\n  downkit binder kits/hjalpmedel-hemtjanst --checked hemtjanst-norra --by \"Anna Berg\" --found 1.1 --date 2026-12-01\n  downkit binder kits/hjalpmedel-hemtjanst --checked hemtjanst-norra --by AB --found DK1/hjalpmedel-hemtjanst/-/1.1/3f9a61c0\n  downkit binder kits/hjalpmedel-hemtjanst --checked hemsjukvard --by AB --missing\n\nThe locations are the kit's [[location]]s; checks go into shelf-checks.toml in the kit\nfolder, under a lock. --found takes the version on the binder's cover, or the text of\nthe cover's QR code (which also tells an earlier printing of the same version).\n\nExit codes: 0 recorded and the binder is current (or, listing, every binder is current\nand checked in time); 1 the binder found is of an older version or printing, or missing,\nor a binder is not checked in time; 2 usage error."
    )]
    Binder {
        /// The kit folder (with kit.toml).
        kit: PathBuf,
        /// Record a shelf check of this location (a [[location]] id).
        #[arg(long, value_name = "LOCATION", requires = "by")]
        checked: Option<String>,
        /// Who looked.
        #[arg(long, value_name = "WHO", requires = "checked")]
        by: Option<String>,
        /// What was on the shelf: the version on the binder's cover, or the text of its QR
        /// code.
        #[arg(
            long,
            value_name = "VERSION|CODE",
            requires = "checked",
            conflicts_with = "missing"
        )]
        found: Option<String>,
        /// No binder was on the shelf.
        #[arg(long, requires = "checked")]
        missing: bool,
        /// The day of the check (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Output format: lines of text, or one JSON object (the kit's locations, or the
        /// location just checked) on standard output.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Read scanned sheets back, report what came back and what is missing, and keep the
    /// kit's back-entry ledger until every sheet is entered.
    #[command(
        after_help = "Examples:\n  downkit reconcile kits/hjalpmedel-hemtjanst scans/mars-*.pdf --incident 2026-03-natverk\n  downkit reconcile kits/hjalpmedel-hemtjanst --entered HM-0007 --case 4711 --by AB\n  downkit reconcile kits/hjalpmedel-hemtjanst --checked HM-0007 --by CD\n  downkit reconcile kits/hjalpmedel-hemtjanst --void HM-0012 --reason \"felskriven\"\n  downkit reconcile kits/hjalpmedel-hemtjanst --duplicate HM-0009 --case 4720 --by AB\n  downkit reconcile kits/hjalpmedel-hemtjanst --ended 2026-03-20 --register -o print\n\nScans are PDFs of scanned pages (JPEG, Flate or CCITT G4 images, as office scanners\nwrite them), or PNG, JPEG or TIFF images; every page is read on all cores. Sheets\nthat came back go into ledger-<incident>.toml in the kit folder, under a lock. Without\n--incident the kit's only ledger is used, or a new one named after the date.\nA second sheet with a serial already received is kept as HM-0007-B (a photocopied\nblank?). Two print runs with one serial need --run; two forms with one serial --form.\n\nExit codes: 0 every page read and nothing missing or out of place (or the action\nrecorded); 1 something needs attention (a gap, two sheets with one serial, a drill\ncopy, another kit or version, a page not read), a file could not be read, or the action\nwas refused (entered twice, never printed); 2 usage error."
    )]
    Reconcile {
        /// The kit folder (with kit.toml).
        kit: PathBuf,
        /// Scan files: PDFs of scanned pages, or PNG, JPEG or TIFF images.
        scans: Vec<PathBuf>,
        /// The incident the ledger is for: lower-case letters, digits and dashes.
        #[arg(long, value_name = "ID")]
        incident: Option<String>,
        /// The day the outage began (recorded in the ledger).
        #[arg(long, value_parser = parse_date)]
        started: Option<NaiveDate>,
        /// The day the outage ended: from the next day, `status` exits 1 while a sheet that
        /// came back is not entered.
        #[arg(long, value_parser = parse_date)]
        ended: Option<NaiveDate>,
        /// Output format of the report.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The day recorded (received, entered) and printed on the register; default:
        /// SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Copies each form was printed with, when the kit was built with --copies.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
        copies: Option<u32>,
        /// Record that the sheet was entered in the system (needs --case and --by).
        #[arg(long, value_name = "SERIAL", group = "action", requires_all = ["case", "by"])]
        entered: Option<String>,
        /// Record that a second person checked the entry (needs --by).
        #[arg(long, value_name = "SERIAL", group = "action", requires = "by")]
        checked: Option<String>,
        /// Record that the sheet is void, never to be entered (needs --reason).
        #[arg(long, value_name = "SERIAL", group = "action", requires = "reason")]
        void: Option<String>,
        /// Record that the order was already in the system as --case and the duplicate was
        /// cancelled there (needs --case and --by).
        #[arg(long, value_name = "SERIAL", group = "action", requires_all = ["case", "by"])]
        duplicate: Option<String>,
        /// Record that a person confirmed (or corrected) the value of --field read from the
        /// sheet's scan as --value (needs --field, --value and --by).
        #[arg(long, value_name = "SERIAL", group = "action", requires_all = ["field", "value", "by"])]
        confirm: Option<String>,
        /// The field confirmed: its id in `--format json` (read[].fields[].id).
        #[arg(long, value_name = "ID")]
        field: Option<String>,
        /// The value confirmed: the options ticked (`; ` between), `written`, or "" for none.
        #[arg(long, value_name = "VALUE")]
        value: Option<String>,
        /// Void every sheet that was blank when read (reported as unused), in one step.
        #[arg(long, group = "action")]
        void_unused: bool,
        /// Instead of the report, write one CSV row per sheet read in this run to standard
        /// output: its fields decoded (options ticked, `written`, `?` when uncertain).
        #[arg(long, value_enum, value_name = "FORMAT")]
        export: Option<ExportArg>,
        /// The case or order number in the system.
        #[arg(long, value_name = "NUMBER")]
        case: Option<String>,
        /// Who did it (initials or name).
        #[arg(long, value_name = "WHO")]
        by: Option<String>,
        /// Why the sheet is void.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// The sheet's print run (YYYYMMDD or YYYYMMDD-N, printed after the serial in the
        /// code's text), when two runs came back with one serial.
        #[arg(long, value_name = "RUN", value_parser = parse_run)]
        run: Option<crate::payload::PrintRun>,
        /// The sheet's form, when two forms print one serial.
        #[arg(long, value_name = "ID")]
        form: Option<String>,
        /// Also write the register filled from the ledger as a PDF into --out.
        #[arg(long)]
        register: bool,
        /// The output folder of the build: its `<kit-id>.last-build.json` says which print
        /// runs were printed and the serials of each (a code never printed is refused); also
        /// where --register writes (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Paper for --register, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
    },
    /// Explain a QR payload; with --kit, say whether the printout is current.
    #[command(
        after_help = "Examples:\n  downkit decode DK1/hjalpmedel-hemtjanst/bestallning/1.0/3f9a61c0/HM-0007\n  downkit decode DK1/hjalpmedel-hemtjanst/-/1.0/3f9a61c0 --kit kits/hjalpmedel-hemtjanst\n  downkit decode tel:+46701740605\n  downkit decode DK1/hjalpmedel-hemtjanst/-/1.0/3f9a61c0 --kit kits/hjalpmedel-hemtjanst --format json\n\nExit 1 when the payload is invalid or the printout is not current."
    )]
    Decode {
        /// The text the QR code holds (e.g. from zbarimg or a phone's scanner).
        payload: String,
        /// The kit to compare the printout with.
        #[arg(long)]
        kit: Option<PathBuf>,
        /// Output format: sentences, or one JSON object (what the code holds and, with
        /// --kit, the `verdict`) on standard output.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a new, valid, commented kit to start from.
    #[command(
        after_help = "Examples:\n  downkit init kits/min-rutin\n  downkit init kits/my-routine --lang en\n\nRefuses to overwrite an existing kit.toml."
    )]
    Init {
        /// Folder to create the kit in (created if missing).
        dir: PathBuf,
        /// Language of the kit's labels and example text.
        #[arg(long, value_parser = ["sv", "en"], default_value = "sv")]
        lang: String,
        /// The issue date written into the kit (YYYY-MM-DD); default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// List the kits under a folder with their version, review date and status.
    #[command(
        after_help = "Examples:\n  downkit list\n  downkit list /srv/kits --format json\n\nStatus is ok, review overdue, or invalid."
    )]
    List {
        /// A kit (folder or file), or a folder of kits to search (default: kits/).
        #[arg(default_value = "kits")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The date to judge review dates against (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Start a local web app: the kits and their problems, a live preview of the pages, the
    /// back-entry worklist, what is due, and a kit's snapshots behind its password.
    #[command(
        after_help = "Examples:\n  downkit serve\n  downkit serve kits --port 8080\n  downkit serve kits --snapshots reserv\n\nListens on 127.0.0.1 only (never another interface unless --listen is given) and\nprints the address with a random access token; open it in a browser on this machine.\nEvery request needs the token (a cookie keeps it after the first visit); nothing is\ncached on disk. With --snapshots, a kit's snapshots are offered for download (as\nwritten, encrypted) only after the kit's snapshot password is given in the browser; the\npassword is kept in memory only, and forgotten after 15 minutes. Stop with Ctrl+C."
    )]
    Serve {
        /// A kit (folder or file), or a folder of kits (default: kits/).
        #[arg(default_value = "kits")]
        dir: PathBuf,
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 8357)]
        port: u16,
        /// Listen on this address instead (such as 0.0.0.0 for every interface): anyone who
        /// reaches it with the token can change the ledgers, over an unencrypted connection.
        #[arg(long, value_name = "ADDRESS")]
        listen: Option<std::net::IpAddr>,
        /// The output folder of the last build (see `check --out`).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// The date (and time) to judge and print with: YYYY-MM-DD or "YYYY-MM-DD HH:MM"
        /// (a date alone is its start, 00:00); default: SOURCE_DATE_EPOCH, else now.
        #[arg(long, value_parser = parse_moment)]
        date: Option<NaiveDateTime>,
        /// The folder `downkit snapshot` writes to: the status page shows the age of each
        /// kit's newest snapshot there, and a kit's snapshots page lists them and offers
        /// them for download once the kit's snapshot password is given.
        #[arg(long, value_name = "DIR")]
        snapshots: Option<PathBuf>,
        /// Open the address in the system's web browser once the server listens.
        #[arg(long)]
        open: bool,
    },
    /// Write a printer/copier test page to print before bulk printing.
    ///
    /// Print it, and copy it on the copier to be used. It holds 100 mm bars and rulers (to
    /// catch "fit to page"), QR codes at 0.5–1.0 mm modules, the smallest and the body text
    /// sizes, line weights, and what to do when a check fails.
    #[command(
        after_help = "Examples:\n  downkit testpage\n  downkit testpage --paper letter -o print\n  downkit testpage --lang en --date 2026-12-01\n\nWrites testpage-<a4|letter>.pdf into the output folder, atomically. Print it at\n\"actual size\" (100 %): each black bar must measure 100 mm ± 1 mm."
    )]
    Testpage {
        /// Paper size.
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Print date in the footer (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Language of the instructions.
        #[arg(long, value_parser = ["sv", "en"], default_value = "sv")]
        lang: String,
    },
    /// Rebuild a kit every time one of its files is saved.
    #[command(
        after_help = "Examples:\n  downkit watch kits/hjalpmedel-hemtjanst\n  downkit watch kits/hjalpmedel-hemtjanst -o print --format json\n\nBuilds once, then again after every save of kit.toml or a file it includes, and\nprints one line per build, or the diagnostics. A kit with errors is not built: the\nlast good PDF stays in place. Ctrl-C stops."
    )]
    Watch {
        /// The kit folder (with kit.toml) or kit file.
        kit: PathBuf,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Print date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Paper size, overriding the kit's.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Output format: one line of text, or one JSON object a line, per build.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Say what changed since a binder was printed, and which of its pages to reprint.
    #[command(
        after_help = "Examples:\n  downkit diff out/hjalpmedel-hemtjanst-1.1.pdf kits/hjalpmedel-hemtjanst\n  downkit diff kits/hjalpmedel-hemtjanst kits/hjalpmedel-hemtjanst --format json\n\nThe old side is a binder PDF that downkit built (it carries a fingerprint of every\npage) or the kit as it was when printed (a folder or file, e.g. from git). Pages are\nthose of the new binder. Exit codes: 0 nothing to reprint, 1 pages to reprint,\n2 a side cannot be read or built."
    )]
    Diff {
        /// The printed binder (PDF) or the kit it was built from.
        old: PathBuf,
        /// The kit now (folder with kit.toml, or file).
        kit: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The date to lay out and check with (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else
        /// today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Print the JSON Schema of the kit format (or of drills.toml, shelf-checks.toml or a
    /// ledger) for editors.
    #[command(
        after_help = "Examples:\n  downkit schema > kits/downkit.schema.json\n  downkit schema drills > kits/drills.schema.json\n  downkit schema ledger > kits/ledger.schema.json\n\nDraft 2020-12, made from the keys the loader reads, with the descriptions of\ndocs/kit-format.md (the ledger's: from the structs it is read into). taplo and Even Better TOML use it through a `#:schema` line or a\n.taplo.toml (`downkit init` writes one)."
    )]
    Schema {
        /// Which file: kit (kit.toml and its includes), drills (drills.toml), shelf-checks
        /// (shelf-checks.toml) or ledger (a back-entry ledger, ledger-<incident>.toml).
        #[arg(value_parser = ["kit", "drills", "shelf-checks", "ledger"], default_value = "kit")]
        file: String,
    },
    /// Print the shell completion script for bash, zsh, fish, PowerShell or elvish.
    #[command(
        after_help = "Examples:\n  downkit completions bash > ~/.local/share/bash-completion/completions/downkit\n  downkit completions zsh > ~/.zfunc/_downkit\n  downkit completions fish > ~/.config/fish/completions/downkit.fish\n\nIn bash, `source <(downkit completions bash)` loads it for the running shell."
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page downkit(1), or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  downkit man > downkit.1 && man -l downkit.1\n  downkit man --dir man/man1"
    )]
    Man {
        /// Write downkit.1 and downkit-<command>.1 into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What `reconcile --export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportArg {
    /// Comma-separated values, one row per sheet, a column per field.
    Csv,
}

/// Paper on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl PaperArg {
    /// The layout's paper.
    pub fn paper(self) -> crate::layout::Paper {
        match self {
            PaperArg::A4 => crate::layout::Paper::A4,
            PaperArg::Letter => crate::layout::Paper::Letter,
        }
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

/// Parses a print run, `YYYYMMDD` or `YYYYMMDD-N`.
pub fn parse_run(s: &str) -> Result<crate::payload::PrintRun, String> {
    crate::payload::PrintRun::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a print run; write YYYYMMDD or YYYYMMDD-N"))
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a date alone is 00:00).
pub fn parse_moment(s: &str) -> Result<NaiveDateTime, String> {
    crate::load::dataset::parse_datetime(s)
        .or_else(|| parse_date(s).ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
        .ok_or_else(|| {
            format!("`{s}` is not a date or time; write YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"")
        })
}

/// Parses `YYYY-MM-DD HH:MM`.
pub fn parse_as_of(s: &str) -> Result<NaiveDateTime, String> {
    crate::load::dataset::parse_datetime(s)
        .ok_or_else(|| format!("`{s}` is not a date and time; write \"YYYY-MM-DD HH:MM\""))
}

/// Parses `--data <dataset-id>=<file>`.
pub fn parse_data(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((id, file)) if !id.trim().is_empty() && !file.is_empty() => {
            Ok((id.trim().to_string(), PathBuf::from(file)))
        }
        _ => Err(format!(
            "`{s}` is not <dataset-id>=<file>, e.g. brukare=/srv/export/brukare.csv"
        )),
    }
}

/// Parses a follow-up given as `what | who | YYYY-MM-DD`.
pub fn parse_follow_up(s: &str) -> Result<crate::model::FollowUp, String> {
    let parts: Vec<&str> = s.split('|').map(str::trim).collect();
    let [what, who, by] = parts.as_slice() else {
        return Err(format!(
            "`{s}` is not a follow-up; write \"what | who | YYYY-MM-DD\""
        ));
    };
    if what.is_empty() || who.is_empty() {
        return Err(format!("`{s}` needs both what and who"));
    }
    Ok(crate::model::FollowUp {
        what: what.to_string(),
        who: who.to_string(),
        by: crate::model::At::new(parse_date(by)?, crate::model::Loc::default()),
        done: false,
        done_on: None,
        done_by: None,
    })
}
