//! Measuring a whole process from outside: wall clock around spawn and reap, peak memory
//! and CPU time from the child's own rusage (`wait4`), and the median of several runs; and
//! the command-line options every benchmark shares.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One finished process.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// Wall time, ms.
    pub wall_ms: f64,
    /// Peak resident set size, KB.
    pub max_rss_kb: i64,
    /// CPU time, user and system, ms.
    pub cpu_ms: f64,
}

/// Runs `cmd` to completion and measures it with `wait4`: wall clock around spawn and reap,
/// peak memory from the child's own rusage.
pub fn measure(cmd: &mut Command) -> Run {
    let start = Instant::now();
    // The child is reaped by wait4 below, not by std.
    let pid = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"))
        .id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which std never reaps.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wall_ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed (status {status})"
    );
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    Run {
        wall_ms,
        max_rss_kb: ru.ru_maxrss,
        cpu_ms: ms(ru.ru_utime) + ms(ru.ru_stime),
    }
}

/// The median of `v`.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The options every benchmark takes (clap, flattened into each benchmark's own).
#[derive(clap::Args, Debug)]
pub struct Common {
    /// The downkit binary measured; default: the release build in the target folder.
    #[arg(long, value_name = "PATH")]
    bin: Option<PathBuf>,
    /// Folder for the generated inputs and outputs (emptied first); default: a folder in
    /// the system's temp folder.
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
}

impl Common {
    /// The binary (which must exist) and the work folder (`default_work` under the temp
    /// folder unless given).
    pub fn resolve(self, default_work: &str) -> (PathBuf, PathBuf) {
        let target =
            std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| "target".into(), PathBuf::from);
        let bin = self.bin.unwrap_or_else(|| target.join("release/downkit"));
        assert!(
            bin.is_file(),
            "no binary at {}; run `cargo build --release`",
            bin.display()
        );
        let work = self
            .work
            .unwrap_or_else(|| std::env::temp_dir().join(default_work));
        (bin, work)
    }
}
