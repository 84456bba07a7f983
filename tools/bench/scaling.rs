//! The scaling run: content the project did not write for speed — every shipped kit scaled
//! up (contacts ×10, long Swedish procedure steps, the serialized copies raised to 500 and
//! 5,000 in all) and the generated kit with realistic Swedish text — built at 500 and 5,000
//! copies, with CPU time and callgrind instruction counts per page and per copy, and their
//! ratio between the two sizes (1.00 is linear). Then the generated kit with more contacts
//! and longer steps, at a fixed number of copies: the cost of each added contact and
//! sentence between consecutive sizes (flat is linear).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{measure, median, Run};
use crate::{build_cmd, instructions, kitgen, pages, scale, Opts};

/// Total serialized copies of the two sizes compared.
const SIZES: [u32; 2] = [500, 5000];

/// One build measured.
struct Point {
    copies: u32,
    pages: usize,
    cpu_ms: f64,
    rss_kb: i64,
    bytes: u64,
    instr: Option<u64>,
}

/// Serialized forms in the kit folder `dir` (its own files; shared files hold contacts).
fn serialized_forms(dir: &Path) -> u32 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                .map(|e| {
                    std::fs::read_to_string(e.path())
                        .unwrap_or_default()
                        .lines()
                        .filter(|l| l.trim_start().starts_with("serial = {"))
                        .count() as u32
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Builds `kit` with `copies` serialized copies in all (`--copies` per form when `forms` is
/// given), `reps` times for the CPU median and once under callgrind.
fn point(o: &Opts, kit: &Path, out: &Path, copies: u32, forms: Option<u32>) -> Option<Point> {
    let cmd = || {
        let mut c = build_cmd(&o.bin, &[kit.to_path_buf()], out);
        if let Some(f) = forms {
            c.arg("--copies").arg((copies / f.max(1)).to_string());
        }
        c
    };
    // A kit the budgets refuse at this size is reported, not measured.
    let first = cmd().output().ok()?;
    if !first.status.success() {
        eprintln!(
            "{}: {copies} copies not built: {}",
            kit.display(),
            String::from_utf8_lossy(&first.stderr)
                .lines()
                .next()
                .unwrap_or("")
        );
        return None;
    }
    let runs: Vec<Run> = (0..o.reps.clamp(1, 5))
        .map(|_| measure(&mut cmd()))
        .collect();
    let pdf = std::fs::read_dir(out)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))?;
    Some(Point {
        copies: forms.map_or(copies, |f| copies / f.max(1) * f.max(1)),
        pages: pages(&pdf).unwrap_or(0),
        cpu_ms: median(runs.iter().map(|r| r.cpu_ms).collect()),
        rss_kb: runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0),
        bytes: std::fs::metadata(&pdf).map_or(0, |m| m.len()),
        instr: o.instructions.then(|| instructions(&cmd())).flatten(),
    })
}

fn per(v: f64, n: usize) -> f64 {
    v / n.max(1) as f64
}

/// The table row of one kit at the two sizes.
fn row(name: &str, a: &Point, b: &Point) {
    let ratio = |x: f64, y: f64| if x > 0.0 { y / x } else { f64::NAN };
    let instr_copy = |p: &Point| p.instr.map(|i| per(i as f64 / 1e6, p.copies as usize));
    let cell = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
    let (ia, ib) = (instr_copy(a), instr_copy(b));
    // Instructions per copy added between the sizes: flat per-copy cost means linear.
    let marginal = a.instr.zip(b.instr).map(|(x, y)| {
        (y as f64 - x as f64) / 1e6 / (f64::from(b.copies) - f64::from(a.copies)).max(1.0)
    });
    println!(
        "| {name} | {} / {} | {} / {} | {:.3} / {:.3} | {:.3} / {:.3} | {} / {} | {} | **{:.2}** | **{}** | {:.0} / {:.0} | {:.0} / {:.0} |",
        a.copies,
        b.copies,
        a.pages,
        b.pages,
        per(a.cpu_ms, a.pages),
        per(b.cpu_ms, b.pages),
        per(a.cpu_ms, a.copies as usize),
        per(b.cpu_ms, b.copies as usize),
        cell(ia),
        cell(ib),
        cell(marginal),
        ratio(per(a.cpu_ms, a.copies as usize), per(b.cpu_ms, b.copies as usize)),
        cell(ia.zip(ib).map(|(x, y)| ratio(x, y))),
        a.rss_kb as f64 / 1024.0,
        b.rss_kb as f64 / 1024.0,
        a.bytes as f64 / 1024.0,
        b.bytes as f64 / 1024.0,
    );
}

/// Runs the scaling benchmark; `kits_root` is the checkout's `kits/`.
pub fn run(o: &Opts, kits_root: &Path) {
    let work = o.work.join("scaling");
    println!("\n## Scaling: 500 and 5,000 copies of content not written for speed\n");
    println!(
        "Shipped kits: contacts ×10, every procedure step 2 Swedish sentences longer, the \
         serialized copies set with `--copies` (shared out over the kit's serialized forms). \
         Generated: 96 contacts of 3 numbers, 3 procedures of 9 steps of 3 sentences. CPU: \
         median of {} builds; instructions: callgrind, one build. Ratio: the cost per copy at \
         5,000 ÷ at 500 (above 1.00 is superlinear); marginal: per copy added between the two.\n",
        o.reps.clamp(1, 5)
    );
    println!(
        "| kit | copies | pages | CPU ms / page | CPU ms / copy | M instr. / copy | marginal M instr. / copy | CPU ratio | instr. ratio | peak RSS (MB) | file (KB) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let scaled = scale::write(
        kits_root,
        &work.join("kits"),
        scale::Scale {
            contacts: 10,
            sentences: 2,
        },
    )
    .expect("writes the scaled kits");
    let mut kits: Vec<(String, PathBuf, Option<u32>)> = scale::shipped(&scaled)
        .into_iter()
        .map(|k| {
            let dir = scaled.join(&k);
            let forms = serialized_forms(&dir);
            (format!("{k} (scaled)"), dir, Some(forms))
        })
        .filter(|(_, _, f)| *f != Some(0))
        .collect();
    kits.push(("generated Swedish kit".into(), PathBuf::new(), None));
    for (name, dir, forms) in &kits {
        let points: Vec<Option<Point>> = SIZES
            .iter()
            .map(|&n| {
                let (kit, forms) = if forms.is_some() {
                    (dir.clone(), *forms)
                } else {
                    let kit = work.join(format!("sv-{n}"));
                    write(&kit, &kitgen::swedish_toml(&format!("sv-{n}"), n, 96, 3));
                    (kit, None)
                };
                let out = work.join("out").join(format!(
                    "{}-{n}",
                    kit.display().to_string().replace('/', "_")
                ));
                point(o, &kit, &out, n, forms)
            })
            .collect();
        if let [Some(a), Some(b)] = &points[..] {
            row(name, a, b);
        } else {
            println!("| {name} | not built at both sizes (see the messages above) |||||||||");
        }
    }
    dimensions(o, &work);
}

fn write(dir: &Path, toml: &str) {
    std::fs::create_dir_all(dir).expect("creates the kit folder");
    std::fs::write(dir.join("kit.toml"), toml).expect("writes the kit");
}

/// The generated kit (50 copies) with 32 → 320 → 960 contacts and 1 → 4 → 12 sentences a
/// step: instructions per added contact and per added sentence between consecutive sizes.
fn dimensions(o: &Opts, work: &Path) {
    if !o.instructions {
        return;
    }
    println!("\nThe generated kit at 50 copies, one dimension grown at a time (callgrind):\n");
    println!("| grown | from → to | instructions (M) | M instr. per added unit |");
    println!("|---|---|---:|---:|");
    let count = |name: &str, toml: String| -> Option<u64> {
        let kit = work.join("dims").join(name);
        write(&kit, &toml);
        let out = work.join("dims-out").join(name);
        let c = build_cmd(&o.bin, std::slice::from_ref(&kit), &out);
        let ok = Command::new(c.get_program())
            .args(c.get_args())
            .output()
            .is_ok_and(|r| r.status.success());
        if !ok {
            eprintln!("{name}: not built");
            return None;
        }
        instructions(&c)
    };
    /// A dimension grown: its name, its three sizes and the kit of each size.
    type Series = (&'static str, [usize; 3], fn(usize) -> String);
    let series: [Series; 2] = [
        ("contacts", [32, 320, 960], |n| {
            kitgen::swedish_toml("dims", 50, n, 3)
        }),
        ("sentences per step", [1, 4, 12], |n| {
            kitgen::swedish_toml("dims", 50, 32, n)
        }),
    ];
    for (what, sizes, kit) in &series {
        let counts: Vec<Option<u64>> = sizes
            .iter()
            .map(|&n| {
                count(
                    &format!("{}-{n}", what.split(' ').next().unwrap_or(what)),
                    kit(n),
                )
            })
            .collect();
        for w in 0..2 {
            if let (Some(a), Some(b)) = (counts[w], counts[w + 1]) {
                println!(
                    "| {what} | {} → {} | {:.0} → {:.0} | {:.2} |",
                    sizes[w],
                    sizes[w + 1],
                    a as f64 / 1e6,
                    b as f64 / 1e6,
                    (b as f64 - a as f64) / 1e6 / (sizes[w + 1] - sizes[w]) as f64
                );
            }
        }
    }
}
