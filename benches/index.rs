//! The on-disk index against ripgrep, on the same generated files in the same run.
//!
//! For each corpus size: `rg -c -F -f aliases` over the articles (the baseline: one pass over
//! every byte for every surface form of the catalogue), then the reader's first frame with no
//! index yet, dossier's cold build (rows available after the first commit, and the whole
//! build), the reader's first frame with the index warm, `dossier list` with the index warm,
//! `dossier list` after one file changed, a two-term search, and the peak memory of
//! `dossier list`. Each timing is the best of `DOSSIER_BENCH_RUNS` runs (default 3); each is
//! printed with its ratio to rg.
//!
//! The reader's first frame is the release binary started on a pseudo-terminal (160×45) with
//! `DOSSIER_EXIT_AFTER_FIRST_FRAME=1`, which ends it as soon as the first frame is written to
//! the terminal (before the background sync starts): the time from spawning the process to its
//! exit, so the real start-up path (settings, catalogue, index, user data, terminal) is timed.
//!
//! ```sh
//! cargo bench --bench index                         # 10,000 and 100,000 articles
//! DOSSIER_BENCH_SIZES=10000 cargo bench --bench index
//! ```
//!
//! Corpora are made by `../shared/tools/make-corpus.py` (the Rust generator of
//! benches/support when the script is missing) under `DOSSIER_BENCH_DIR` (default
//! `/tmp/dossier-bench`) and kept for later runs; the index goes to a fresh cache directory
//! there.

#[path = "support/corpus.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier::corpus::Links;
use dossier::corpus::catalogue::parse_catalogue;
use dossier::store::sqlite::{Progress, SqliteStore};
use support::{env_number, mb, ms, prepare_corpus};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let runs = env_number("DOSSIER_BENCH_RUNS", 3).max(1);
    let base = std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/dossier-bench"));
    if Command::new("rg").arg("--version").output().is_err() {
        eprintln!("ripgrep (rg) is needed as the baseline: apt-get install -y ripgrep");
        std::process::exit(1);
    }
    for count in sizes {
        if let Err(e) = bench(&base, count, runs) {
            eprintln!("bench of {count} articles failed: {e}");
            std::process::exit(1);
        }
    }
}

fn bench(base: &Path, count: usize, runs: usize) -> Result<(), String> {
    let dir = base.join(format!("c{}", short(count)));
    let recipe = prepare_corpus(&dir, count, "python")?;
    let bytes = corpus_bytes(&dir)?;
    let catalogue_path = Path::new(ROOT).join("config/entities.toml");
    let catalogue_bytes = std::fs::read(&catalogue_path).map_err(|e| e.to_string())?;
    let catalogue =
        parse_catalogue("entities.toml", &catalogue_bytes).map_err(|e| e.to_string())?;
    let aliases = base.join("aliases.txt");
    let forms: Vec<&str> = catalogue
        .entities()
        .iter()
        .flat_map(|e| e.surface_forms())
        .collect();
    std::fs::write(&aliases, forms.join("\n") + "\n").map_err(|e| e.to_string())?;
    let cache = base.join(format!("cache-{}", short(count)));
    let _ = std::fs::remove_dir_all(&cache);

    println!(
        "\n{count} articles, {:.1} MB ({recipe}), {} aliases, {runs} run(s) each, best shown",
        mb(bytes),
        forms.len()
    );
    // Warm the page cache for everyone.
    run_quiet(
        Command::new("rg")
            .args(["-c", "-F", "-f"])
            .arg(&aliases)
            .arg(&dir),
    )?;
    let rg = best(runs, || {
        time(
            Command::new("rg")
                .args(["-c", "-F", "-f"])
                .arg(&aliases)
                .arg(&dir),
        )
    })?;
    println!(
        "{:<46} {:>10.1} ms  (load {})",
        "rg -c -F -f aliases (baseline)",
        ms(rg),
        load()
    );
    let rg_cpu = least_cpu(runs, || {
        let mut command = Command::new("rg");
        command.args(["-c", "-F", "-f"]).arg(&aliases).arg(&dir);
        command
    })?;
    println!(
        "{:<46} {:>10.2} s",
        "rg, CPU time (user + system, least of runs)", rg_cpu
    );

    // The reader's first frame with no index: the index file is made, empty, and drawn from.
    let reader_home = base.join("reader-home");
    let frame_cold = best(runs, || {
        let _ = std::fs::remove_dir_all(&cache);
        first_frame(&dir, &catalogue_path, &cache, &reader_home)
    })?;
    row(
        "reader's first frame, no index (floor 2x, goal 1x)",
        frame_cold,
        rg,
    );
    let _ = std::fs::remove_dir_all(&cache);

    // Cold build, in process: when the first rows are committed, and the whole build.
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let first = std::sync::Mutex::new(None::<Duration>);
    let (_, report, _) = SqliteStore::open(
        &dir,
        &cache.join("dossier"),
        catalogue,
        Links::StayInside,
        &|p| {
            if let Progress::Indexed { .. } = p
                && let Ok(mut first) = first.lock()
                && first.is_none()
            {
                *first = Some(started.elapsed());
            }
        },
    )
    .map_err(|e| e.to_string())?;
    let build = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    let first = first.lock().ok().and_then(|f| *f).unwrap_or(build);
    row("first rows, no index yet (floor 2x, goal 1x)", first, rg);
    println!(
        "{:<46} {:>10.1} s  {:>7.1} MB/s  (floor 25, goal 40; {} articles; load {})",
        "cold build",
        build.as_secs_f64(),
        mb(bytes) / build.as_secs_f64(),
        report.articles,
        load()
    );
    println!(
        "{:<46} {:>10.1} s  {:>7.1} MB per CPU-second (the machine's load is shared)",
        "cold build, CPU time (user + system)",
        cpu,
        mb(bytes) / cpu
    );

    let dossier = |args: &[&str]| {
        let mut command = Command::new(BIN);
        command
            .arg("--articles")
            .arg(&dir)
            .arg("--catalogue")
            .arg(&catalogue_path)
            .args(args)
            .env("XDG_CACHE_HOME", &cache);
        command
    };
    run_quiet(&mut dossier(&["list"]))?;
    let frame_warm = best(runs, || {
        first_frame(&dir, &catalogue_path, &cache, &reader_home)
    })?;
    row(
        "reader's first frame, index warm (floor 1x, goal 0.5x)",
        frame_warm,
        rg,
    );
    let list = best(runs, || time(&mut dossier(&["list"])))?;
    row("dossier list, index warm (floor 1x, goal 0.5x)", list, rg);

    let mut changed = Duration::MAX;
    for run in 0..runs {
        let file = dir.join(format!("a{:06}.md", run * 7 % count));
        let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        std::fs::write(&file, format!("{text}\nNachtrag {run}.\n")).map_err(|e| e.to_string())?;
        changed = changed.min(time(&mut dossier(&["list"]))?);
        std::fs::write(&file, text).map_err(|e| e.to_string())?;
        run_quiet(&mut dossier(&["index"]))?;
    }
    row(
        "dossier list, one file changed (floor 1x, goal 0.5x)",
        changed,
        rg,
    );

    let search = best(runs, || {
        time(&mut dossier(&["search", "schoigu wladiwostok"]))
    })?;
    row(
        "dossier search 'schoigu wladiwostok' (floor 0.5x, goal 0.1x)",
        search,
        rg,
    );
    let search_cpu = least_cpu(runs, || dossier(&["search", "schoigu wladiwostok"]))?;
    println!(
        "{:<46} {:>10.2} s  {:>6.2}x rg's CPU time",
        "dossier search, CPU time (least of runs)",
        search_cpu,
        search_cpu / rg_cpu
    );

    let peak = peak_rss(&mut dossier(&["list"]))?;
    println!(
        "{:<46} {:>10.1} MB  (floor 400, goal 150)",
        "peak memory of dossier list",
        peak as f64 / 1024.0
    );
    Ok(())
}

/// The reader on a pseudo-terminal, from spawning it to its exit right after its first frame
/// (`DOSSIER_EXIT_AFTER_FIRST_FRAME`); its own state, data and config directories under
/// `home`.
fn first_frame(
    dir: &Path,
    catalogue: &Path,
    cache: &Path,
    home: &Path,
) -> Result<Duration, String> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let text = |e: &dyn std::fmt::Display| e.to_string();
    std::fs::create_dir_all(home).map_err(|e| text(&e))?;
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 45,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| text(&e))?;
    let mut command = CommandBuilder::new(BIN);
    command.arg("--articles");
    command.arg(dir);
    command.arg("--catalogue");
    command.arg(catalogue);
    command.cwd(home);
    command.env("HOME", home);
    command.env("XDG_CACHE_HOME", cache);
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("TERM", "xterm-256color");
    command.env("DOSSIER_EXIT_AFTER_FIRST_FRAME", "1");
    let mut reader = pty.master.try_clone_reader().map_err(|e| text(&e))?;
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(command).map_err(|e| text(&e))?;
    drop(pty.slave);
    // The terminal's output is read as it comes, as a terminal would.
    let drained = std::thread::spawn(move || {
        let mut buffer = [0u8; 16384];
        let mut total = 0;
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    });
    let status = child.wait().map_err(|e| text(&e))?;
    let took = started.elapsed();
    drop(pty.master);
    let written = drained.join().unwrap_or(0);
    if !status.success() || written < 1000 {
        return Err(format!(
            "the reader did not draw a frame ({status:?}, {written} bytes written)"
        ));
    }
    Ok(took)
}

fn short(count: usize) -> String {
    if count.is_multiple_of(1000) {
        format!("{}k", count / 1000)
    } else {
        count.to_string()
    }
}

fn row(label: &str, took: Duration, rg: Duration) {
    println!(
        "{label:<46} {:>10.1} ms  {:>6.2}x rg  (load {})",
        ms(took),
        took.as_secs_f64() / rg.as_secs_f64(),
        load()
    );
}

/// The machine's load average over the last minute, as `/proc/loadavg` says (`?` elsewhere):
/// on a shared machine it says how far a wall-clock figure is the scheduler's.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

fn corpus_bytes(dir: &Path) -> Result<usize, String> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        total += entry.metadata().map_err(|e| e.to_string())?.len() as usize;
    }
    Ok(total)
}

fn best(runs: usize, mut f: impl FnMut() -> Result<Duration, String>) -> Result<Duration, String> {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        best = best.min(f()?);
    }
    Ok(best)
}

fn run_quiet(command: &mut Command) -> Result<(), String> {
    time(command).map(|_| ())
}

/// Wall time of a command with its output discarded; it must succeed (rg: exit 0 or 1).
fn time(command: &mut Command) -> Result<Duration, String> {
    let started = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    let took = started.elapsed();
    match status.code() {
        Some(0) | Some(1) => Ok(took),
        _ => Err(format!("{command:?} failed: {status}")),
    }
}

/// The least CPU time (user + system) a command took over `runs` runs, in seconds: what a
/// loaded machine's scheduler does not stretch.
fn least_cpu(runs: usize, mut command: impl FnMut() -> Command) -> Result<f64, String> {
    let mut least = f64::MAX;
    for _ in 0..runs {
        let before = children_cpu_seconds();
        time(&mut command())?;
        least = least.min(children_cpu_seconds() - before);
    }
    Ok(least)
}

/// CPU time of this process's finished children so far, in seconds.
fn children_cpu_seconds() -> f64 {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: fills a live local.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// CPU time this process has used so far (all threads), in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: fills a live local.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident memory of a command, in KiB. Measured by GNU time when it is there: a child
/// forked from this (large) benchmark process would otherwise be charged the parent's size.
fn peak_rss(command: &mut Command) -> Result<i64, String> {
    let gnu_time = Path::new("/usr/bin/time");
    if gnu_time.is_file() {
        let report = std::env::temp_dir().join(format!("dossier-bench-rss-{}", std::process::id()));
        let mut wrapped = Command::new(gnu_time);
        wrapped
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(command.get_program())
            .args(command.get_args());
        for (key, value) in command.get_envs() {
            if let Some(value) = value {
                wrapped.env(key, value);
            }
        }
        time(&mut wrapped)?;
        let text = std::fs::read_to_string(&report).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&report);
        return text
            .trim()
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| format!("GNU time printed {text:?}"));
    }
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    Ok(usage.ru_maxrss)
}
