//! What the server benchmarks print about request times, in one form.

use std::time::Duration;

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// One line: how many requests in what wall time, p50, p95, p99 and max of `sorted`.
pub fn print_requests(label: &str, sorted: &[Duration], errors: u32, wall: Duration) {
    println!(
        "{label}: {} requests in {} (wall), p50 {}, p95 {}, p99 {}, max {}, errors {errors}",
        sorted.len(),
        ms(wall),
        ms(percentile(sorted, 0.5)),
        ms(percentile(sorted, 0.95)),
        ms(percentile(sorted, 0.99)),
        ms(*sorted.last().unwrap_or(&Duration::ZERO))
    );
}
