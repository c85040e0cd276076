//! Report benchmarks (BENCHMARKS.md, "Reports"): `cargo bench -p desk-reports --bench reports`.
//!
//! 1. The demo cluster's activity report for a year, as PDF and as Excel.
//! 2. The same for a cluster the size of the national data set's largest (180 member
//!    firms, 60 events a year, ten years of issues and projects), for a year and for all
//!    ten years.
//! 3. Peak memory while making them (the peak is reset after the data is generated).
//!
//! Each figure is the median of five runs after a first, cold run (which parses the
//! fonts and builds Typst's library once per process); the cold run is printed too.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk_core::Store;
use desk_demo::{generate_national, NationalScale};
use desk_reports::{render, Format, Period, ReportKind};

/// One cluster the size of the largest in the national data set.
const LARGEST_CLUSTER: NationalScale = NationalScale {
    clusters: 1,
    companies: 180,
    people: 250,
    professors: 30,
    researchers: 10,
    agency_staff: 15,
    years: 10,
    last_year: 2025,
    events_per_cluster_year: 60,
    issues: 1_200,
    projects: 250,
};

fn resident_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Times `make` once cold and five times warm; prints the cold run, the median and the size.
fn measure(label: &str, mut make: impl FnMut() -> Vec<u8>) {
    let started = Instant::now();
    let bytes = make();
    let cold = started.elapsed();
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(make());
            started.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "{label}: median {:.0} ms (max {:.0} ms, first run {:.0} ms), {:.0} KiB",
        runs[2].as_secs_f64() * 1000.0,
        runs[4].as_secs_f64() * 1000.0,
        cold.as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1024.0
    );
}

/// The page count, as poppler's `pdfinfo` reads it (installed by scripts/setup.sh).
fn pages(pdf: &[u8], dir: &std::path::Path) -> String {
    let file = dir.join("count.pdf");
    let _ = std::fs::write(&file, pdf);
    std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|info| info.lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_string())))
        .unwrap_or_else(|| "?".into())
}

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();

    let mut demo = Store::open(&work.path().join("demo.sqlite")).unwrap();
    desk_demo::load_demo_cluster(&mut demo, 7, today).unwrap();
    let mut largest = Store::open(&work.path().join("largest.sqlite")).unwrap();
    let started = Instant::now();
    let counts = generate_national(&mut largest, 180, &LARGEST_CLUSTER).unwrap();
    println!("largest cluster generated in {:.1} s: {counts:?}", started.elapsed().as_secs_f64());
    let before = resident_mib("VmRSS:");
    // Linux: writing 5 to clear_refs resets the peak (VmHWM) to the current size.
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    let year = |y: i32| {
        Period::new(NaiveDate::from_ymd_opt(y, 1, 1).unwrap(), NaiveDate::from_ymd_opt(y, 12, 31).unwrap()).unwrap()
    };
    let activity = |store: &Store, period: Period, format: Format| {
        render(store.conn(), &ReportKind::Activity(period), format, today).expect("report")
    };
    let pdf = activity(&demo, year(2026), Format::Pdf);
    println!("demo cluster, 2026: {} pages", pages(&pdf, work.path()));
    measure("demo cluster, activity report 2026, PDF", || activity(&demo, year(2026), Format::Pdf));
    measure("demo cluster, activity report 2026, XLSX", || activity(&demo, year(2026), Format::Xlsx));
    let pdf = activity(&largest, year(2025), Format::Pdf);
    println!("largest cluster, 2025: {} pages", pages(&pdf, work.path()));
    measure("largest cluster, activity report 2025, PDF", || activity(&largest, year(2025), Format::Pdf));
    measure("largest cluster, activity report 2025, XLSX", || activity(&largest, year(2025), Format::Xlsx));
    let decade =
        Period::new(NaiveDate::from_ymd_opt(2016, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
            .unwrap();
    let pdf = activity(&largest, decade, Format::Pdf);
    println!("largest cluster, 2016–2025: {} pages", pages(&pdf, work.path()));
    measure("largest cluster, activity report 2016–2025, PDF", || activity(&largest, decade, Format::Pdf));
    println!(
        "memory: {:.0} MiB resident before the reports, peak {:.0} MiB while making them",
        before,
        resident_mib("VmHWM:")
    );
}
