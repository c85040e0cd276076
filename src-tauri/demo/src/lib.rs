//! Deterministic demo and benchmark data: one realistic mini-cluster for the app's first
//! run ([`load_demo_cluster`]) and the whole national programme in one database for load
//! tests ([`generate_national`]).
//!
//! Generation has two halves. A planner decides everything (who, what, when) from the
//! seed alone and writes it down as a [`plan::Plan`]: records to create and dated steps
//! (an event announced, held, an issue moved on, a project's stage changed). The
//! executor then replays the steps in time order through the public module functions
//! inside `Store::write`, so the same validation, search index and change log run as for
//! a manager's own clicks, and the simulated clock makes the history read like a year of
//! real work. Keeping the plan pure means the content does not depend on how many ids
//! the store happened to draw, and a rule a module enforces shows up as a failing write
//! instead of silently different data.

mod execute;
mod namdong;
mod national;
mod plan;
mod shared;
mod text;
mod vocabulary;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use desk_core::db::Generation;

pub use namdong::{load_demo_cluster, DEMO_CLUSTER_NAME};
pub use national::{generate_national, NationalCounts, NationalScale};

/// The planner's randomness. It is a [`Generation`] of its own (not the store's), so the
/// content is fixed by the seed whatever ids the store draws while writing it.
pub(crate) struct Rng(Generation);

impl Rng {
    /// A stream of numbers for one purpose; different `stream`s of one seed are unrelated.
    pub(crate) fn new(seed: u64, stream: u64) -> Rng {
        Rng(Generation::new(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F).rotate_left(29), 0))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift so small ranges are even.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True `percent` times in a hundred.
    pub(crate) fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a list the generator's own tables guarantee is not empty.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` different indices of `0..n` in random order (all of them when `k >= n`).
    pub(crate) fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    /// `k` different items of a list.
    pub(crate) fn choose<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        self.sample(items.len(), k).into_iter().map(|i| items[i]).collect()
    }
}

/// A time of day on a date (Seoul local time).
pub(crate) fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
}

/// Milliseconds since the epoch of a Seoul local time, for the simulated clock.
pub(crate) fn millis(time: NaiveDateTime) -> u64 {
    let utc = time - Duration::hours(9);
    u64::try_from(utc.and_utc().timestamp_millis()).unwrap_or(0)
}

/// The stored form of a Seoul local time.
pub(crate) fn rfc3339(time: NaiveDateTime) -> String {
    format!("{}+09:00", time.format("%Y-%m-%dT%H:%M:%S"))
}

pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// The first day of the month `months` months after `date`'s month (negative: before).
pub(crate) fn month_start(date: NaiveDate, months: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap_or(date)
}

pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date itself if it is a weekday, else the Monday after.
pub(crate) fn workday_on_or_after(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    while is_weekend(d) {
        d += days(1);
    }
    d
}

/// The date itself if it is a weekday, else the Friday before.
pub(crate) fn workday_on_or_before(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    while is_weekend(d) {
        d -= days(1);
    }
    d
}

/// The `n`th (1-based) given weekday of a month, if it exists.
pub(crate) fn nth_weekday(month: NaiveDate, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(month.year(), month.month(), weekday, n)
}

/// A random weekday in `[from, to]` (inclusive); `from` when the span is empty.
pub(crate) fn random_workday(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    let date = from + days(rng.between(0, span));
    let date = workday_on_or_after(date);
    if date > to {
        workday_on_or_before(to).max(from)
    } else {
        date
    }
}
