//! Benchmark: whole-process wall time, CPU time, peak memory, file size and instructions of
//! the release `downkit build` on the reference content (`kitgen`: cover, 32 contacts, 3
//! procedures, 3 checklists and the 19-field order form in 5, 50, 500 and 5,000 serialized
//! copies), `check` of the same kits, the time to build many kits at once, and the peak
//! memory of `check` and `build` of the largest kit the budgets allow. Instructions are
//! counted with `valgrind --tool=callgrind` (comparable on a busy machine) when valgrind is
//! installed. Run it with `scripts/bench.sh`.
//!
//! Two more parts: `scaling` builds content the project did not write for speed (the shipped
//! kits scaled up, a generated kit of realistic Swedish text) at 500 and 5,000 copies and
//! reports the cost per page and per copy with its ratio between the sizes; `peers` builds
//! the reference content side by side with Typst, fpdf2 and ReportLab when they are
//! installed.
//!
//! ```text
//! cargo run --release --example bench -- [--bin PATH] [--reps N] [--work DIR]
//!     [--only sizes|scaling|peers|largest] [--no-instructions]
//! ```

mod kitgen;
mod measure;
mod peers;
mod scale;
mod scaling;
mod swedish;

use measure::{measure, median, Run};

use std::path::{Path, PathBuf};
use std::process::Command;

/// The print date of every build (fixed, so that runs are comparable).
const DATE: &str = "2026-12-01";
/// Serialized copies of the order form in the four sizes.
const SIZES: [u32; 4] = [5, 50, 500, 5000];
/// Kits in the "county" run: many kits built by one command.
const COUNTY_KITS: u32 = 24;
/// Copies per kit in the county run.
const COUNTY_COPIES: u32 = 50;

/// Instructions `cmd` executes, from callgrind (None when valgrind is not installed).
fn instructions(cmd: &Command) -> Option<u64> {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
}

/// What the benchmark measures and how.
struct Opts {
    bin: PathBuf,
    reps: usize,
    work: PathBuf,
    only: Option<Part>,
    instructions: bool,
    /// An earlier downkit binary measured beside this one in the peers' rounds.
    before: Option<PathBuf>,
}

/// A part of the benchmark, to run alone.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Part {
    /// The reference content at 5–5,000 copies, start-up, many kits at once.
    Sizes,
    /// Shipped kits scaled up and the generated Swedish kit at 500 and 5,000 copies.
    Scaling,
    /// downkit beside Typst, fpdf2 and ReportLab on the same content.
    Peers,
    /// The largest kit the budgets allow.
    Largest,
}

/// Build benchmark: sizes 5–5,000 copies, a county of kits, start-up, the largest kit.
#[derive(clap::Parser)]
struct Cli {
    #[command(flatten)]
    common: measure::Common,
    /// Runs per measurement (the median is reported).
    #[arg(long, default_value_t = 15)]
    reps: usize,
    /// Run only this part.
    #[arg(long, value_enum)]
    only: Option<Part>,
    /// An earlier downkit binary to measure beside `--bin` in the peers' rounds (before →
    /// after in one run).
    #[arg(long, value_name = "PATH")]
    before: Option<PathBuf>,
    /// Skip the instruction counts (valgrind).
    #[arg(long)]
    no_instructions: bool,
}

fn opts() -> Opts {
    let cli = <Cli as clap::Parser>::parse();
    let (bin, work) = cli.common.resolve("downkit-bench");
    Opts {
        bin,
        reps: cli.reps,
        work,
        only: cli.only,
        before: cli.before,
        instructions: !cli.no_instructions,
    }
}

/// `downkit build` of `kits` into `out`, quiet.
fn build_cmd(bin: &Path, kits: &[PathBuf], out: &Path) -> Command {
    let mut c = Command::new(bin);
    c.arg("build")
        .args(kits)
        .arg("-o")
        .arg(out)
        .args(["--date", DATE, "-q"]);
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

/// Pages of a built PDF, from `pdfinfo` (None when it is not installed).
fn pages(pdf: &Path) -> Option<usize> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

/// One size's result.
struct Row {
    copies: u32,
    pages: usize,
    wall_med: f64,
    wall_min: f64,
    cpu_med: f64,
    rss_kb: i64,
    bytes: u64,
    /// Instructions of one build, when counted.
    instr: Option<u64>,
    /// Median wall time of `check` of the same kit, ms.
    check_med: f64,
}

fn bench_size(o: &Opts, copies: u32) -> Row {
    let id = format!("bench-{copies}");
    let kit = o.work.join("kits").join(&id);
    kitgen::write_kit(&kit, &id, copies).expect("writes the kit");
    let out = o.work.join("out").join(&id);
    let kits = [kit];
    measure(&mut build_cmd(&o.bin, &kits, &out)); // warm the page cache
    let runs: Vec<Run> = (0..o.reps)
        .map(|_| measure(&mut build_cmd(&o.bin, &kits, &out)))
        .collect();
    let pdf = out.join(format!("{id}-1.0.pdf"));
    let mut check = Command::new(&o.bin);
    check.arg("check").arg(&kits[0]).args(["--date", DATE]);
    let checks: Vec<f64> = (0..o.reps).map(|_| measure(&mut check).wall_ms).collect();
    let instr = o
        .instructions
        .then(|| instructions(&build_cmd(&o.bin, &kits, &out)))
        .flatten();
    Row {
        copies,
        pages: pages(&pdf).unwrap_or(0),
        wall_med: median(runs.iter().map(|r| r.wall_ms).collect()),
        wall_min: runs.iter().map(|r| r.wall_ms).fold(f64::MAX, f64::min),
        cpu_med: median(runs.iter().map(|r| r.cpu_ms).collect()),
        rss_kb: runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0),
        bytes: std::fs::metadata(&pdf).expect("the PDF was written").len(),
        instr,
        check_med: median(checks),
    }
}

/// Median wall time of building `kits` in one command, optionally pinned to CPU 0.
fn bench_many(o: &Opts, kits: &[PathBuf], out: &Path, one_core: bool) -> f64 {
    let cmd = || {
        if one_core {
            let mut c = Command::new("taskset");
            let b = build_cmd(&o.bin, kits, out);
            c.args(["-c", "0"]).arg(b.get_program()).args(b.get_args());
            c
        } else {
            build_cmd(&o.bin, kits, out)
        }
    };
    measure(&mut cmd());
    let reps = (o.reps / 3).max(3);
    median((0..reps).map(|_| measure(&mut cmd()).wall_ms).collect())
}

/// Peak memory and time of `check` and `build` of the largest kit the budgets allow.
fn bench_largest(o: &Opts) {
    let id = "storsta";
    let kit = o.work.join("kits").join(id);
    kitgen::write_largest(&kit, id).expect("writes the kit");
    let out = o.work.join("out").join(id);
    let kits = [kit.clone()];
    let reps = (o.reps / 5).max(3);
    let builds: Vec<Run> = (0..reps)
        .map(|_| measure(&mut build_cmd(&o.bin, &kits, &out)))
        .collect();
    let mut check = Command::new(&o.bin);
    check.arg("check").arg(&kit).args(["--date", DATE]);
    let checks: Vec<Run> = (0..reps).map(|_| measure(&mut check)).collect();
    let pdf = out.join(format!("{id}-1.0.pdf"));
    let row = |what: &str, runs: &[Run]| {
        println!(
            "| {what} | {:.0} | {:.1} |",
            median(runs.iter().map(|r| r.wall_ms).collect()),
            runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0
        );
    };
    println!(
        "\nLargest kit the budgets allow ({} contacts, {} copies, {} log sheets): {} pages, {:.0} KB; {reps} runs\n",
        kitgen::LARGEST_CONTACTS,
        kitgen::LARGEST_COPIES,
        kitgen::LARGEST_LOGS * 100,
        pages(&pdf).unwrap_or(0),
        std::fs::metadata(&pdf).map_or(0, |m| m.len()) as f64 / 1024.0
    );
    println!("| command | wall median (ms) | peak RSS (MB) |");
    println!("|---|---:|---:|");
    row("build", &builds);
    row("check", &checks);
}

fn main() {
    let o = opts();
    let _ = std::fs::remove_dir_all(&o.work);
    let run = |p: Part| o.only.is_none_or(|only| only == p);
    if run(Part::Sizes) {
        sizes(&o);
    }
    if run(Part::Scaling) {
        scaling::run(&o, Path::new("kits"));
    }
    if run(Part::Peers) {
        peers::run(&o, Path::new("fonts"), Path::new("tools/bench/peers.py"));
    }
    if run(Part::Largest) {
        bench_largest(&o);
    }
}

/// The reference content at every size, start-up, and many kits in one command.
fn sizes(o: &Opts) {
    println!("binary: {}", o.bin.display());
    println!(
        "runs per measurement: {} (median wall time; peak RSS is the maximum)\n",
        o.reps
    );
    println!(
        "| copies | pages | wall median (ms) | wall min (ms) | CPU (ms) | peak RSS (MB) | file (KB) | ms / page | ms / copy | instructions (M) | check (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let rows: Vec<Row> = SIZES.iter().map(|&n| bench_size(o, n)).collect();
    for r in &rows {
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {:.3} | {:.3} | {} | {:.1} |",
            r.copies,
            r.pages,
            r.wall_med,
            r.wall_min,
            r.cpu_med,
            r.rss_kb as f64 / 1024.0,
            r.bytes as f64 / 1024.0,
            r.wall_med / r.pages.max(1) as f64,
            r.wall_med / f64::from(r.copies),
            r.instr
                .map_or_else(|| "–".to_string(), |i| format!("{:.1}", i as f64 / 1e6)),
            r.check_med,
        );
    }
    let start = o.work.join("kits/start");
    kitgen::write_minimal(&start, "start").expect("writes the kit");
    let out = o.work.join("out/start");
    let mut version = Command::new(&o.bin);
    version.arg("--version");
    let process = median((0..o.reps).map(|_| measure(&mut version).wall_ms).collect());
    let first: Vec<Run> = (0..o.reps)
        .map(|_| measure(&mut build_cmd(&o.bin, std::slice::from_ref(&start), &out)))
        .collect();
    println!(
        "\nStart-up: `downkit --version` {process:.1} ms; the smallest kit ({} pages: fonts, \
         hyphenation, first page, write) {:.1} ms wall, {:.1} ms CPU, {:.1} MB peak RSS",
        pages(&out.join("start-1.0.pdf")).unwrap_or(0),
        median(first.iter().map(|r| r.wall_ms).collect()),
        median(first.iter().map(|r| r.cpu_ms).collect()),
        first.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0,
    );
    println!("\nCost per extra page (between consecutive sizes):\n");
    println!("| from → to | ms / page | KB RSS / page | KB file / page |");
    println!("|---|---:|---:|---:|");
    for w in rows.windows(2) {
        let dp = (w[1].pages as f64 - w[0].pages as f64).max(1.0);
        println!(
            "| {} → {} pages | {:.3} | {:.1} | {:.2} |",
            w[0].pages,
            w[1].pages,
            (w[1].wall_med - w[0].wall_med) / dp,
            (w[1].rss_kb - w[0].rss_kb) as f64 / dp,
            (w[1].bytes as f64 - w[0].bytes as f64) / 1024.0 / dp
        );
    }

    // Many kits in one command: a county's binders, on all cores and pinned to one.
    let county: Vec<PathBuf> = (0..COUNTY_KITS)
        .map(|i| {
            let id = format!("enhet-{i:02}");
            let dir = o.work.join("county").join(&id);
            kitgen::write_kit(&dir, &id, COUNTY_COPIES).expect("writes the kit");
            dir
        })
        .collect();
    let out = o.work.join("out/county");
    let all = bench_many(o, &county, &out, false);
    println!(
        "\n{COUNTY_KITS} kits × {COUNTY_COPIES} copies in one `downkit build`: {all:.0} ms on {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if Command::new("taskset").arg("-V").output().is_ok() {
        let one = bench_many(o, &county, &out, true);
        println!(
            "  same, pinned to one core (taskset -c 0): {one:.0} ms (speed-up {:.2}×)",
            one / all
        );
    }
    let repo_kits: Vec<PathBuf> = std::fs::read_dir("kits")
        .map(|d| {
            let mut v: Vec<PathBuf> = d
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("kit.toml").is_file())
                .collect();
            v.sort();
            v
        })
        .unwrap_or_default();
    if repo_kits.is_empty() {
        println!("every kit in kits/: no kits/ folder with kits in this checkout");
    } else {
        let t = bench_many(o, &repo_kits, &o.work.join("out/kits"), false);
        println!(
            "every kit in kits/ ({} kits) in one `downkit build`: {t:.0} ms",
            repo_kits.len()
        );
    }
}
