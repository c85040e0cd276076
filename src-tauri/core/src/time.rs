//! Dates and times as the manager means them: Korea Standard Time.
//!
//! Korea has kept UTC+09:00 without daylight saving since 1988, so a fixed offset is exact
//! for every date this product deals with and spares a time-zone database.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Asia/Seoul.
pub fn seoul() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// Parses an RFC 3339 time (any offset) into Seoul time.
pub fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.with_timezone(&seoul()))
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Today in Seoul.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&seoul()).date_naive()
}

/// The stored form of a time: RFC 3339 in Seoul time, e.g. `2026-11-25T14:00:00+09:00`.
pub fn format_datetime(time: DateTime<FixedOffset>) -> String {
    time.with_timezone(&seoul()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Now, in UTC RFC 3339 with milliseconds: when something reached the disk.
pub fn now_utc_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
