//! How long the real app takes, from launch to its first screen painted with data, on
//! the national-scale database (81 clusters, 3.5 million change-log rows).
//!
//! Run: `cargo bench -p desk-core --bench national` once (it generates the data set),
//! then `cargo bench --bench first_paint`. Needs Xvfb and WebKitWebDriver (the README's
//! set-up installs them). Figures go in BENCHMARKS.md.

#[path = "../../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use support::{app_binary, Display, Driver};

fn main() {
    let source = std::env::var_os("CLUSTER_DESK_NATIONAL_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/national-4607-v2.sqlite"));
    if !source.exists() {
        eprintln!(
            "no national data set at {}; run `cargo bench -p desk-core --bench national` first",
            source.display()
        );
        std::process::exit(1);
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let database = scratch.path().join("national.sqlite");
    std::fs::copy(&source, &database).expect("copy the data set");
    let database = database.to_string_lossy().into_owned();

    let display = Display::start();
    let driver = Driver::start(&display);
    let mut samples: Vec<Duration> = Vec::new();
    for run in 0..6 {
        let started = Instant::now();
        let app = driver.launch(&app_binary(), &["--database", &database]);
        app.wait_for(".home .grid-2", 60);
        let took = started.elapsed();
        app.close();
        // The first run warms the OS file cache; it is reported but not counted.
        if run == 0 {
            println!("first launch (cold file cache): {:.0} ms", took.as_secs_f64() * 1000.0);
        } else {
            samples.push(took);
        }
    }
    // For comparison: the same launch on an empty database, to the welcome screen.
    let mut empty = Vec::new();
    for run in 0..4 {
        let path = scratch.path().join(format!("empty-{run}.sqlite"));
        let started = Instant::now();
        let app = driver.launch(&app_binary(), &["--database", &path.to_string_lossy()]);
        app.wait_for("#open-demo", 60);
        empty.push(started.elapsed());
        app.close();
    }
    empty.sort();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "launch to the welcome screen on an empty database: p50 {:.0} ms (n={})",
        ms(empty[empty.len() / 2]),
        empty.len()
    );
    println!(
        "launch to first screen with data: p50 {:.0} ms, max {:.0} ms (n={}, goal < 1000 ms)",
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}
