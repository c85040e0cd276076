//! Calendar export (RFC 5545 iCalendar) of one event or a date range, for Outlook and
//! Google Calendar.
//!
//! Each event keeps one UID for life and a SEQUENCE that grows with every change to its
//! time, place, title or status, so re-importing a rescheduled or cancelled event updates
//! the copy already in an attendee's calendar instead of adding a second one. A cancelled
//! event is exported with `STATUS:CANCELLED` (and, when the file holds only cancellations,
//! `METHOD:CANCEL`) so that it disappears from calendars that had it.

use rusqlite::Connection;

use crate::error::CoreResult;
use crate::event::{self, Event, EventStatus};
use crate::time;

/// The domain after `@` in every UID: stable, and unique to this product.
const UID_DOMAIN: &str = "clusterdesk.kicox.or.kr";

/// How many times an event's calendar-visible fields have changed.
fn sequence(conn: &Connection, event_id: &str) -> CoreResult<i64> {
    // The first write of each field is the creation, not a change.
    Ok(conn.query_row(
        "SELECT max(0, count(*) - count(DISTINCT field)) FROM change_log
         WHERE record_id = ?1 AND field IN ('title', 'starts_at', 'ends_at', 'place', 'status')",
        [event_id],
        |r| r.get(0),
    )?)
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character, CRLF-terminated.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// `2026-11-25T14:00:00+09:00` → `20261125T050000Z`.
fn utc_stamp(rfc3339: &str) -> String {
    time::parse_datetime(rfc3339)
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

fn push_event(conn: &Connection, event: &Event, now_utc: &str, out: &mut String) -> CoreResult<()> {
    let mut description = event.agenda.trim().to_string();
    if event.status == EventStatus::Cancelled && !event.cancel_reason.is_empty() {
        description = format!("취소 사유: {}\n{}", event.cancel_reason, description).trim().to_string();
    }
    let lines = [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{UID_DOMAIN}", event.id),
        format!("DTSTAMP:{now_utc}"),
        format!("DTSTART:{}", utc_stamp(&event.starts_at)),
        format!("DTEND:{}", utc_stamp(&event.ends_at)),
        format!("SEQUENCE:{}", sequence(conn, &event.id)?),
        format!("SUMMARY:{}", escape(&event.title)),
        format!("LOCATION:{}", escape(&event.place)),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("STATUS:{}", if event.status == EventStatus::Cancelled { "CANCELLED" } else { "CONFIRMED" }),
        "END:VEVENT".to_string(),
    ];
    for line in &lines {
        fold(line, out);
    }
    Ok(())
}

/// The calendar file of the given events.
pub fn calendar(conn: &Connection, events: &[Event], now_utc: chrono::DateTime<chrono::Utc>) -> CoreResult<String> {
    let stamp = now_utc.format("%Y%m%dT%H%M%SZ").to_string();
    let only_cancellations = !events.is_empty() && events.iter().all(|e| e.status == EventStatus::Cancelled);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//KICOX//Cluster Desk//KO",
        "CALSCALE:GREGORIAN",
        if only_cancellations { "METHOD:CANCEL" } else { "METHOD:PUBLISH" },
    ] {
        fold(line, &mut out);
    }
    for event in events {
        push_event(conn, event, &stamp, &mut out)?;
    }
    fold("END:VCALENDAR", &mut out);
    Ok(out)
}

/// One event as a calendar file.
pub fn export_event(conn: &Connection, event_id: &str) -> CoreResult<String> {
    let detail = event::get(conn, event_id)?;
    calendar(conn, &[detail.event], chrono::Utc::now())
}

/// The cluster's events overlapping [from, to) (RFC 3339) as one calendar file.
pub fn export_range(conn: &Connection, cluster_id: &str, from: &str, to: &str) -> CoreResult<String> {
    let events = event::between(conn, cluster_id, from, to)?;
    calendar(conn, &events, chrono::Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_on_character_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "가".repeat(40)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
            assert!(std::str::from_utf8(line.as_bytes()).is_ok());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "가".repeat(40)));
    }

    #[test]
    fn seoul_times_become_utc() {
        assert_eq!(utc_stamp("2026-11-25T14:00:00+09:00"), "20261125T050000Z");
        assert_eq!(utc_stamp("2026-11-25T08:30:00+09:00"), "20261124T233000Z");
    }
}
