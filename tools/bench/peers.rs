//! The peers, side by side with downkit in one run: the reference content (`kitgen`) set
//! with Typst, fpdf2 and ReportLab (`peers.py`), when Python and those packages are
//! installed (the comparison tools are no dependencies of downkit; a missing one is
//! skipped). Each size is measured in rounds, the tools alternating within a round, so that
//! the machine's load falls on all of them alike.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{measure, median, Run};
use crate::{build_cmd, kitgen, pages, Opts, DATE};

/// Copies of the order form in the compared sizes.
const SIZES: [u32; 4] = [5, 50, 500, 5000];

/// A TOML value as JSON (dates as their text).
fn json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(json).collect()),
        toml::Value::Table(t) => J::Object(t.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
    }
}

/// A QR code's modules, rows of `0` and `1`.
fn modules(payload: &str) -> Vec<String> {
    let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M)
        .expect("the payload fits a QR code");
    let w = code.width();
    code.to_colors()
        .chunks(w)
        .map(|row| {
            row.iter()
                .map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' })
                .collect()
        })
        .collect()
}

/// `070-174 06 10` → `tel:+46701740610`.
fn tel(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:+46{}", digits.trim_start_matches('0'))
}

/// The content file of the peers: the kit as JSON, with its QR codes pre-generated.
fn content(id: &str, copies: u32) -> String {
    let kit: toml::Value = toml::from_str(&kitgen::kit_toml(id, copies)).expect("the kit parses");
    let mut v = json(&kit);
    let contacts: Vec<Vec<String>> = v["contact"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| {
                    modules(&tel(c["phones"][0]["number"]
                        .as_str()
                        .unwrap_or("08-123 45 67")))
                })
                .collect()
        })
        .unwrap_or_default();
    let digits = copies.to_string().len().max(4);
    let serial_codes: Vec<Vec<String>> = (1..=copies)
        .map(|n| {
            modules(&format!(
                "DK1/{id}/bestallning/1.0/5f3a9c21/HM-{n:0digits$}/20261201"
            ))
        })
        .collect();
    v["qr_contacts"] = serde_json::json!(contacts);
    v["qr_copies"] = serde_json::json!(serial_codes);
    v.to_string()
}

/// A peer and how it is started.
struct Peer {
    name: &'static str,
    /// The command that makes the PDF.
    cmd: Command,
    pdf: PathBuf,
}

fn python(script: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Command {
    let mut c = Command::new("python3");
    c.arg(script);
    for a in args {
        c.arg(a);
    }
    c
}

/// Which peers can run here (python3 with the package importable).
fn available(script: &Path, tool: &str) -> bool {
    python(script, &[&"baseline", &tool])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One tool at one size: medians of the rounds.
struct Cell {
    cpu_ms: f64,
    wall_ms: f64,
    rss_kb: i64,
    bytes: u64,
    pages: usize,
}

fn cell(runs: &[Run], pdf: &Path) -> Cell {
    Cell {
        cpu_ms: median(runs.iter().map(|r| r.cpu_ms).collect()),
        wall_ms: median(runs.iter().map(|r| r.wall_ms).collect()),
        rss_kb: runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0),
        bytes: std::fs::metadata(pdf).map_or(0, |m| m.len()),
        pages: pages(pdf).unwrap_or(0),
    }
}

/// Runs the side-by-side comparison; `fonts` is downkit's `fonts/` (the same faces for all).
pub fn run(o: &Opts, fonts: &Path, script: &Path) {
    let tools: Vec<&str> = ["typst", "fpdf2", "reportlab"]
        .into_iter()
        .filter(|t| available(script, t))
        .collect();
    println!("\n## Side by side: downkit and {}\n", tools.join(", "));
    if tools.is_empty() {
        println!("No peer installed (`pip install typst fpdf2 reportlab`); skipped.");
        return;
    }
    println!(
        "Same content (the reference kit: cover, 32 contacts with a `tel:` code, 3 procedures, 3 \
         checklists, the order form with its QR code once per copy, the register), same fonts, \
         QR codes pre-generated for the peers (PNG files for Typst, one pixel a module; filled \
         rectangles for fpdf2 and ReportLab; downkit draws vector paths). CPU = user + system of the whole process (the \
         peers' Python interpreter and import included; its cost alone is the baseline row). \
         Rounds alternate the tools; medians.\n"
    );
    let work = o.work.join("peers");
    let mut baselines = Vec::new();
    for t in &tools {
        let runs: Vec<Run> = (0..o.reps.clamp(3, 11))
            .map(|_| measure(&mut python(script, &[&"baseline", t])))
            .collect();
        baselines.push((
            *t,
            median(runs.iter().map(|r| r.cpu_ms).collect()),
            runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0),
        ));
    }
    println!("| copies | tool | pages | CPU (ms) | wall (ms) | peak RSS (MB) | file (KB) | downkit's speed-up (CPU) |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    for copies in SIZES {
        let id = format!("peer-{copies}");
        let dir = work.join(&id);
        kitgen::write_kit(&dir.join("kit"), &id, copies).expect("writes the kit");
        let json_path = dir.join("content.json");
        std::fs::write(&json_path, content(&id, copies)).expect("writes the content");
        if tools.contains(&"typst") {
            let ok = python(script, &[&"typst-source", &json_path, &dir])
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "peers.py typst-source failed");
        }
        let out = dir.join("downkit");
        let mut peers: Vec<Peer> = tools
            .iter()
            .map(|&t| {
                let pdf = dir.join(format!("{t}.pdf"));
                let cmd = if t == "typst" {
                    python(script, &[&"typst", &dir.join("kit.typ"), &pdf, &fonts])
                } else {
                    python(script, &[&t, &json_path, &pdf, &fonts])
                };
                Peer { name: t, cmd, pdf }
            })
            .collect();
        let rounds = if copies >= 5000 {
            3
        } else {
            o.reps.clamp(3, 11)
        };
        let mut mine = Vec::new();
        let mut earlier = Vec::new();
        let before_out = dir.join("downkit-before");
        let mut theirs: Vec<Vec<Run>> = vec![Vec::new(); peers.len()];
        for _ in 0..rounds {
            mine.push(measure(&mut build_cmd(&o.bin, &[dir.join("kit")], &out)));
            if let Some(b) = &o.before {
                earlier.push(measure(&mut build_cmd(b, &[dir.join("kit")], &before_out)));
            }
            for (i, p) in peers.iter_mut().enumerate() {
                theirs[i].push(measure(&mut p.cmd));
            }
        }
        let pdf = out.join(format!("{id}-1.0.pdf"));
        let me = cell(&mine, &pdf);
        let line = |name: &str, c: &Cell, speed: String| {
            println!(
                "| {copies} | {name} | {} | {:.0} | {:.0} | {:.1} | {:.0} | {speed} |",
                c.pages,
                c.cpu_ms,
                c.wall_ms,
                c.rss_kb as f64 / 1024.0,
                c.bytes as f64 / 1024.0
            );
        };
        if !earlier.is_empty() {
            let c = cell(&earlier, &before_out.join(format!("{id}-1.0.pdf")));
            line(
                "downkit before",
                &c,
                format!("{:.1}×", c.cpu_ms / me.cpu_ms.max(0.001)),
            );
        }
        line("downkit", &me, String::new());
        for (p, runs) in peers.iter().zip(&theirs) {
            let c = cell(runs, &p.pdf);
            line(
                p.name,
                &c,
                format!("{:.1}×", c.cpu_ms / me.cpu_ms.max(0.001)),
            );
        }
    }
    println!();
    for (t, cpu, rss) in baselines {
        println!(
            "Baseline {t}: `python3` starting and importing it, nothing made: {cpu:.0} ms CPU, {:.1} MB.",
            rss as f64 / 1024.0
        );
    }
    println!("(Print date of every downkit build: {DATE}.)");
}
