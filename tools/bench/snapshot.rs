//! Snapshot benchmark: whole-process wall time, peak memory and file size of the release
//! `downkit snapshot` of the shipped home-care kit, from generated exports of 500, 1,000,
//! 2,000 and 2,860 clients (about 100,000 rows) with 14 days of visits (`exportgen.rs`), encrypted as in real use and
//! without encryption, and what one more row costs between the sizes (linear in rows means
//! that cost stays flat). Run it with `scripts/bench-snapshot.sh`.
//!
//! ```text
//! cargo run --release --example bench_snapshot -- [--bin PATH] [--reps N] [--work DIR]
//!     [--clients N,N,...]
//! ```

mod exportgen;
mod measure;

use measure::{measure, median, Run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Clients in the default sizes: 2,860 clients is about 100,000 export rows.
const SIZES: [usize; 4] = [500, 1000, 2000, 2860];
/// The data time of every snapshot.
const AS_OF: &str = "2026-12-01 05:00";
/// The kit measured.
const KIT: &str = "kits/hemtjanst-planering";

struct Opts {
    bin: PathBuf,
    reps: usize,
    work: PathBuf,
    clients: Vec<usize>,
}

/// Snapshot benchmark: 500, 1,000 and 2,000 clients, encrypted and not.
#[derive(clap::Parser)]
struct Cli {
    #[command(flatten)]
    common: measure::Common,
    /// Runs per measurement (the median is reported).
    #[arg(long, default_value_t = 5)]
    reps: usize,
    /// Clients of the exports measured (default 500, 1000, 2000 and 2860).
    #[arg(long, value_delimiter = ',')]
    clients: Vec<usize>,
}

fn opts() -> Opts {
    let cli = <Cli as clap::Parser>::parse();
    let (bin, work) = cli.common.resolve("downkit-bench-snapshot");
    Opts {
        bin,
        reps: cli.reps,
        work,
        clients: if cli.clients.is_empty() {
            SIZES.to_vec()
        } else {
            cli.clients
        },
    }
}

/// `downkit snapshot` of the kit from the exports in `data` into `out`.
fn snapshot_cmd(o: &Opts, data: &Path, out: &Path, password: Option<&Path>) -> Command {
    let mut c = Command::new(&o.bin);
    c.args(["snapshot", KIT, "--as-of", AS_OF, "-q", "-o"])
        .arg(out);
    for d in ["brukare", "besok"] {
        c.arg("--data")
            .arg(format!("{d}={}", data.join(format!("{d}.csv")).display()));
    }
    match password {
        Some(p) => c.arg("--password-file").arg(p),
        None => c.arg("--no-encrypt"),
    };
    c.env_remove("SOURCE_DATE_EPOCH")
        .env_remove("DOWNKIT_PASSWORD");
    c
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

struct Row {
    clients: usize,
    visits: usize,
    pages: usize,
    enc: Vec<Run>,
    plain: Vec<Run>,
    enc_kb: u64,
    export_kb: u64,
}

fn bench(o: &Opts, clients: usize, password: &Path) -> Row {
    let data = o.work.join(format!("export-{clients}"));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let (_, visits) = exportgen::write(&data, clients, day).expect("writes the exports");
    let export_kb = ["brukare.csv", "besok.csv"]
        .iter()
        .map(|f| std::fs::metadata(data.join(f)).map_or(0, |m| m.len()))
        .sum::<u64>()
        / 1024;
    let out = o.work.join(format!("out-{clients}"));
    let plain_out = o.work.join(format!("plain-{clients}"));
    measure(&mut snapshot_cmd(o, &data, &out, Some(password)));
    let enc: Vec<Run> = (0..o.reps)
        .map(|_| measure(&mut snapshot_cmd(o, &data, &out, Some(password))))
        .collect();
    let plain: Vec<Run> = (0..o.reps)
        .map(|_| measure(&mut snapshot_cmd(o, &data, &plain_out, None)))
        .collect();
    let file = "hemtjanst-planering-snapshot-2026-12-01-0500.pdf";
    Row {
        clients,
        visits,
        pages: pages(&plain_out.join(file)),
        enc,
        plain,
        enc_kb: std::fs::metadata(out.join(file)).map_or(0, |m| m.len()) / 1024,
        export_kb,
    }
}

fn main() {
    let o = opts();
    let _ = std::fs::remove_dir_all(&o.work);
    std::fs::create_dir_all(&o.work).expect("a work folder");
    let password = o.work.join("snapshot.pass");
    std::fs::write(&password, "benchmark lösenord för reservutskrift\n").expect("writes it");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(&password, private).expect("chmod 600");
    }
    println!(
        "binary: {}; {} runs per measurement (median wall time, peak RSS the maximum)\n",
        o.bin.display(),
        o.reps
    );
    println!("| clients | visit rows | export (KB) | pages | encrypted: wall median (ms) | min (ms) | peak RSS (MB) | file (KB) | unencrypted: wall median (ms) | CPU median (ms) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let rows: Vec<Row> = o.clients.iter().map(|&n| bench(&o, n, &password)).collect();
    let med = |runs: &[Run]| median(runs.iter().map(|r| r.wall_ms).collect());
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {:.0} | {:.0} | {:.1} | {} | {:.0} | {:.0} |",
            r.clients,
            r.visits,
            r.export_kb,
            r.pages,
            med(&r.enc),
            r.enc.iter().map(|x| x.wall_ms).fold(f64::MAX, f64::min),
            r.enc.iter().map(|x| x.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0,
            r.enc_kb,
            med(&r.plain),
            median(r.plain.iter().map(|x| x.cpu_ms).collect())
        );
    }
    println!("\nCost of one more row (clients and visits together) between the sizes:\n");
    println!("| from → to | µs / row, encrypted | µs / row, unencrypted | KB RSS / 1000 rows | pages / 1000 rows |");
    println!("|---|---:|---:|---:|---:|");
    for w in rows.windows(2) {
        let rows_of = |r: &Row| (r.clients + r.visits) as f64;
        let dr = rows_of(&w[1]) - rows_of(&w[0]);
        let rss = |r: &Row| r.enc.iter().map(|x| x.max_rss_kb).max().unwrap_or(0) as f64;
        println!(
            "| {} → {} clients | {:.1} | {:.1} | {:.0} | {:.1} |",
            w[0].clients,
            w[1].clients,
            (med(&w[1].enc) - med(&w[0].enc)) * 1000.0 / dr,
            (med(&w[1].plain) - med(&w[0].plain)) * 1000.0 / dr,
            (rss(&w[1]) - rss(&w[0])) / dr * 1000.0,
            (w[1].pages as f64 - w[0].pages as f64) / dr * 1000.0
        );
    }
}
