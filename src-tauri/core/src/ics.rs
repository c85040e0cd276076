//! Calendar export (RFC 5545 iCalendar) of one event or a date range, for Outlook and
//! Google Calendar.
//!
//! Each event keeps one UID for life and a SEQUENCE that grows with every change to its
//! time, place, title or status, so re-importing a rescheduled or cancelled event updates
//! the copy already in an attendee's calendar instead of adding a second one. A cancelled
//! event is exported with `STATUS:CANCELLED` (and, when the file holds only cancellations,
//! `METHOD:CANCEL`) so that it disappears from calendars that had it.
//!
//! Every event names its organiser, the cluster's manager: Outlook ignores a cancellation
//! without one. Invitees with an e-mail address are listed as attendees, so the calendar
//! shows who was asked. [`file_name`] and [`range_file_name`] give the file a name a
//! manager recognises among their downloads, valid on Windows and Linux.

use chrono::Duration;
use rusqlite::{Connection, OptionalExtension};

use crate::error::CoreResult;
use crate::event::{self, Attendance, Event, EventStatus};
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

/// A parameter value (`CN=`): DQUOTEd when it holds `:`, `;` or `,` (RFC 5545 §3.2).
/// A quoted value cannot hold a DQUOTE or control characters at all, so a `"` becomes `'`
/// and line breaks become spaces.
fn param_value(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.contains([':', ';', ',']) {
        format!("\"{cleaned}\"")
    } else {
        cleaned
    }
}

/// The address as a `mailto:` URI, or None when it is not a plain address. Only the
/// characters a `mailto:` URI carries unescaped (RFC 6068) are accepted: an address that
/// would need percent-encoding, or could break the line, is left out rather than mangled.
fn mailto(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let local_ok = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "-._~!$'*+".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    (local_ok && domain_ok).then(|| format!("mailto:{email}"))
}

/// `ORGANIZER` for the events of a cluster: its manager (the cluster's name when none is
/// on file). No e-mail of the manager is stored, so the address is a fixed one built from
/// the cluster's id: calendars match a cancellation to its event by UID and organiser, so
/// the organiser must never change, and nobody should receive mail at it.
fn organizer(conn: &Connection, cluster_id: &str) -> CoreResult<String> {
    let names: Option<(String, String)> = conn
        .query_row("SELECT name, manager_name FROM cluster WHERE id = ?1", [cluster_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (cluster, manager) = names.unwrap_or_default();
    let name = if manager.trim().is_empty() { cluster } else { manager };
    let id: String = cluster_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let address = format!("mailto:cluster-{id}@{UID_DOMAIN}");
    let name = param_value(&name);
    Ok(if name.is_empty() { format!("ORGANIZER:{address}") } else { format!("ORGANIZER;CN={name}:{address}") })
}

/// How an invitation stands, as a calendar shows it. Someone absent never answered as far
/// as we know, so they stay `NEEDS-ACTION` rather than being said to have declined.
fn participation(attendance: Attendance) -> &'static str {
    match attendance {
        Attendance::Invited | Attendance::Absent => "NEEDS-ACTION",
        Attendance::Present => "ACCEPTED",
        Attendance::Excused => "DECLINED",
    }
}

/// `ATTENDEE` lines for the invitees that have an e-mail address (a member firm's contact
/// address, a person's own), each address once.
fn attendees(conn: &Connection, event_id: &str) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(m.name, p.name, ''), coalesce(m.email, p.email, ''), i.attendance
         FROM invitee i LEFT JOIN member m ON m.id = i.member_id AND m.deleted = 0
         LEFT JOIN person p ON p.id = i.person_id AND p.deleted = 0
         WHERE i.event_id = ?1 AND i.deleted = 0 ORDER BY 1, i.id",
    )?;
    let rows = stmt
        .query_map([event_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Attendance>(2)?)))?;
    let mut seen: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for row in rows {
        let (name, email, attendance) = row?;
        let Some(address) = mailto(&email) else { continue };
        let key = address.to_lowercase();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let name = param_value(&name);
        let cn = if name.is_empty() { String::new() } else { format!(";CN={name}") };
        lines.push(format!("ATTENDEE{cn};ROLE=REQ-PARTICIPANT;PARTSTAT={}:{address}", participation(attendance)));
    }
    Ok(lines)
}

fn push_event(conn: &Connection, event: &Event, now_utc: &str, out: &mut String) -> CoreResult<()> {
    let mut description = event.agenda.trim().to_string();
    if event.status == EventStatus::Cancelled && !event.cancel_reason.is_empty() {
        description = format!("취소 사유: {}\n{}", event.cancel_reason, description).trim().to_string();
    }
    let mut lines = vec![
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
        organizer(conn, &event.cluster_id)?,
    ];
    lines.extend(attendees(conn, &event.id)?);
    lines.push("END:VEVENT".to_string());
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

/// The longest file name made, in characters: short enough to read in a download list,
/// and 80 Hangul syllables (3 bytes each) stay under Linux's 255-byte limit.
const MAX_FILE_NAME: usize = 80;

/// Names Windows reserves for devices, with or without an extension (`CON.ics` too).
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
    "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Invisible characters that would hide or reorder what a file name shows (zero-width
/// spaces, bidirectional overrides, the byte-order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A character that continues the one before it (a combining accent, a Hangul vowel or
/// final consonant written as a separate jamo, a variation selector): cutting before it
/// would split what the reader sees as one letter.
fn continues_previous(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}' | '\u{FE00}'..='\u{FE0F}')
}

/// Text fit for a file name on Windows and Linux: no `<>:"/\\|?*`, control or invisible
/// characters, single spaces, no leading or trailing dot or space.
fn clean_file_name(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Separators people put between parts of a title keep a visible separator.
            '/' | '\\' | '|' => cleaned.push('-'),
            ':' => cleaned.push(' '),
            '<' | '>' | '"' | '?' | '*' => {}
            c if c.is_control() || c.is_whitespace() => cleaned.push(' '),
            c if is_invisible(c) => {}
            c => cleaned.push(c),
        }
    }
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // Windows drops trailing dots and spaces; a leading dot hides the file on Linux.
    words.join(" ").trim_matches(|c: char| c == '.' || c == ' ').to_string()
}

/// `stem` + `.ics` as a file name valid on Windows and Linux: cleaned, no device name, at
/// most [`MAX_FILE_NAME`] characters; `fallback` when nothing is left.
fn safe_file_name(stem: &str, fallback: &str) -> String {
    const EXTENSION: &str = ".ics";
    let mut chars: Vec<char> = clean_file_name(stem).chars().collect();
    let room = MAX_FILE_NAME - EXTENSION.len();
    if chars.len() > room {
        // Cut where a letter starts: drop the rest of a letter the cut would split.
        let mut end = room;
        while end > 0 && continues_previous(chars[end]) {
            end -= 1;
        }
        chars.truncate(end);
    }
    let mut name = clean_file_name(&chars.into_iter().collect::<String>());
    if name.is_empty() {
        name = clean_file_name(fallback);
    }
    let device = name.split('.').next().unwrap_or_default().trim_end();
    if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        name.insert(0, '_');
    }
    name.push_str(EXTENSION);
    name
}

/// The file name for one event: its day in Seoul and its title, e.g.
/// `2026-11-30 스마트공장 세미나.ics`; a cancellation says so (`… (취소).ics`), so that
/// a manager can tell it from the invitation sent earlier.
pub fn file_name(event: &Event) -> String {
    let title = clean_file_name(&event.title);
    let title = if title.is_empty() { "행사" } else { title.as_str() };
    let mut stem = match time::parse_datetime(&event.starts_at) {
        Some(start) => format!("{} {title}", start.format("%Y-%m-%d")),
        None => title.to_string(),
    };
    if event.status == EventStatus::Cancelled {
        // Kept inside the length limit: the title gives way, never the marker.
        let marker = " (취소)";
        let room = (MAX_FILE_NAME - ".ics".len()).saturating_sub(marker.chars().count());
        stem = stem.chars().take(room).collect::<String>().trim_end().to_string();
        stem.push_str(marker);
    }
    safe_file_name(&stem, "행사")
}

/// The file name for the events of [from, to) (RFC 3339), e.g.
/// `일정 2026-12-01~2026-12-31.ics`: the last day named is the last day included.
pub fn range_file_name(from: &str, to: &str) -> String {
    let (Some(from), Some(to)) = (time::parse_datetime(from), time::parse_datetime(to)) else {
        return safe_file_name("일정", "일정");
    };
    let first = from.date_naive();
    let last = (to - Duration::seconds(1)).date_naive().max(first);
    let stem = if last == first {
        format!("일정 {}", first.format("%Y-%m-%d"))
    } else {
        format!("일정 {}~{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d"))
    };
    safe_file_name(&stem, "일정")
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

    fn event(title: &str, starts_at: &str) -> Event {
        Event {
            id: "e1".into(),
            cluster_id: "c1".into(),
            kind: crate::event::EventKind::Seminar,
            title: title.into(),
            starts_at: starts_at.into(),
            ends_at: starts_at.into(),
            place: String::new(),
            group_id: None,
            visited_member_id: None,
            agenda: String::new(),
            minutes: String::new(),
            decisions: String::new(),
            status: EventStatus::Scheduled,
            cancel_reason: String::new(),
        }
    }

    #[test]
    fn parameter_values_are_quoted_when_they_hold_separators() {
        assert_eq!(param_value("장매니저"), "장매니저");
        assert_eq!(param_value("Kim, Jiwoo"), "\"Kim, Jiwoo\"");
        assert_eq!(param_value("한빛:연구소"), "\"한빛:연구소\"");
        assert_eq!(param_value("(주)한빛;코스메틱"), "\"(주)한빛;코스메틱\"");
        assert_eq!(param_value("O\"Brien, Pat"), "\"O'Brien, Pat\"", "a quoted value cannot hold a DQUOTE");
        assert_eq!(param_value(" 줄\n바꿈\t"), "줄 바꿈");
    }

    #[test]
    fn only_plain_addresses_become_mailto() {
        assert_eq!(mailto(" info@hanbit.example ").as_deref(), Some("mailto:info@hanbit.example"));
        assert_eq!(mailto("j.kim+cluster@inha.ac.kr").as_deref(), Some("mailto:j.kim+cluster@inha.ac.kr"));
        for bad in
            ["", "no-at-sign", "a@localhost", "a b@c.kr", "x;y@c.kr", "a@b.kr:evil", "a@b.kr\r\nX:1", "@c.kr", "a@.kr"]
        {
            assert_eq!(mailto(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn attendance_maps_to_participation() {
        assert_eq!(participation(Attendance::Invited), "NEEDS-ACTION");
        assert_eq!(participation(Attendance::Present), "ACCEPTED");
        assert_eq!(participation(Attendance::Excused), "DECLINED");
        assert_eq!(participation(Attendance::Absent), "NEEDS-ACTION");
    }

    #[test]
    fn an_event_file_is_named_by_its_seoul_day_and_title() {
        assert_eq!(
            file_name(&event("스마트공장 세미나", "2026-11-30T14:00:00+09:00")),
            "2026-11-30 스마트공장 세미나.ics"
        );
        // 08:00 in Seoul is still the day before in UTC: the name follows Seoul.
        assert_eq!(file_name(&event("조찬 회의", "2026-12-01T08:00:00+09:00")), "2026-12-01 조찬 회의.ics");
        assert_eq!(file_name(&event("조찬 회의", "2026-11-30T23:00:00Z")), "2026-12-01 조찬 회의.ics");
        assert_eq!(file_name(&event("???", "2026-11-30T14:00:00+09:00")), "2026-11-30 행사.ics");
        assert_eq!(file_name(&event("  ", "not a time")), "행사.ics");
    }

    #[test]
    fn nasty_titles_make_valid_file_names() {
        let at = "2026-11-30T14:00:00+09:00";
        let named = |title: &str| file_name(&event(title, at));
        assert_eq!(
            named("수출 세미나: 1/2부 <안내> \"필독\"? *중요*|끝...  "),
            "2026-11-30 수출 세미나 1-2부 안내 필독 중요-끝.ics"
        );
        assert_eq!(named("a\u{0}b\tc\r\nd\\e"), "2026-11-30 a b c d-e.ics");
        assert_eq!(named("세미나\u{202E}scj.exe\u{200B}"), "2026-11-30 세미나scj.exe.ics", "no hidden reordering");
        assert_eq!(file_name(&event("AUX", "")), "_AUX.ics");
        for (stem, expected) in [
            ("CON", "_CON.ics"),
            ("com1.txt", "_com1.txt.ics"),
            ("lpt9 ", "_lpt9.ics"),
            ("nul.tar", "_nul.tar.ics"),
            ("CONSOLE", "CONSOLE.ics"),
            ("COM10", "COM10.ics"),
            (". . .", "일정.ics"),
            ("..숨김", "숨김.ics"),
        ] {
            assert_eq!(safe_file_name(stem, "일정"), expected, "{stem:?}");
        }
        for name in [named("수출 세미나: 1/2부 <안내>"), named("a\u{7}b"), safe_file_name("con", "x")] {
            assert!(!name.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*']), "{name}");
            assert!(!name.chars().any(char::is_control), "{name:?}");
            let stem = name.trim_end_matches(".ics");
            assert!(!stem.ends_with(['.', ' ']), "{name:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_on_letter_boundaries() {
        let name = file_name(&event(&"가".repeat(200), "2026-11-30T14:00:00+09:00"));
        assert_eq!(name.chars().count(), MAX_FILE_NAME);
        assert!(name.starts_with("2026-11-30 가가") && name.ends_with("가.ics"), "{name}");
        assert!(name.len() <= 255, "{} bytes", name.len());
        // A syllable written as three jamo (as macOS stores 한) is kept whole or dropped whole.
        let decomposed = format!("{}\u{1112}\u{1161}\u{11AB}", "가".repeat(75));
        assert_eq!(safe_file_name(&decomposed, "x"), format!("{}.ics", "가".repeat(75)));
        let fits = format!("{}\u{1112}\u{1161}\u{11AB}", "가".repeat(73));
        assert_eq!(safe_file_name(&fits, "x"), format!("{fits}.ics"));
        // A cut that leaves a trailing space or dot trims it.
        let spaced = format!("{} 끝", "가".repeat(75));
        assert_eq!(safe_file_name(&spaced, "x"), format!("{}.ics", "가".repeat(75)));
    }

    #[test]
    fn a_cancellation_says_so_in_its_name_even_with_a_long_title() {
        let mut cancelled = event("조찬 회의", "2026-12-01T08:00:00+09:00");
        cancelled.status = EventStatus::Cancelled;
        assert_eq!(file_name(&cancelled), "2026-12-01 조찬 회의 (취소).ics");
        cancelled.title = "가".repeat(200);
        let name = file_name(&cancelled);
        assert_eq!(name.chars().count(), MAX_FILE_NAME);
        assert!(name.ends_with("가 (취소).ics"), "{name}");
    }

    #[test]
    fn a_range_file_names_its_first_and_last_day() {
        assert_eq!(
            range_file_name("2026-12-01T00:00:00+09:00", "2027-01-01T00:00:00+09:00"),
            "일정 2026-12-01~2026-12-31.ics"
        );
        assert_eq!(range_file_name("2026-12-03T00:00:00+09:00", "2026-12-04T00:00:00+09:00"), "일정 2026-12-03.ics");
        assert_eq!(
            range_file_name("2026-12-03T09:00:00+09:00", "2026-12-05T18:00:00+09:00"),
            "일정 2026-12-03~2026-12-05.ics"
        );
        assert_eq!(range_file_name("soon", "later"), "일정.ics");
    }
}
