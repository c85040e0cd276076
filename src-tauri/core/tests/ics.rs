//! Calendar export read back by an independent parser: Python's `icalendar` package, the
//! way another program would read the file, rather than our own string checks.
//!
//! Needs `python3` with `icalendar` (scripts/setup.sh installs it). Missing, the test
//! fails and says so: a skipped check would let a broken export through unnoticed.
//! The parser is a Linux-side tool: the Windows build's run of these tests under Wine
//! (scripts/test.sh) has no Python, and the files are the same bytes on both systems.
#![cfg(unix)]

mod common;

use std::process::Command;

use common::*;
use desk_core::event::{self, Attendance, EventInput, EventKind, InviteeRef};
use desk_core::member;
use desk_core::person::{self, PersonInput, PersonRole};
use serde_json::Value;

/// Parses the file with icalendar and prints what a calendar would take from it.
const READ_WITH_ICALENDAR: &str = r#"
import json, sys
try:
    import icalendar
except ImportError:
    sys.stderr.write("the Python package icalendar is missing\n")
    sys.exit(3)
with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
errors = [str(e) for e in getattr(cal, "errors", [])]
events = []
for ev in cal.walk("VEVENT"):
    errors += [str(e) for e in getattr(ev, "errors", [])]
    people = ev.get("attendee", [])
    if not isinstance(people, list):
        people = [people]
    org = ev.get("organizer")
    events.append({
        "uid": str(ev.get("uid")),
        "sequence": int(ev.get("sequence", 0)),
        "status": str(ev.get("status")),
        "summary": str(ev.get("summary")),
        "start": ev.decoded("dtstart").isoformat(),
        "organizer": None if org is None else {"address": str(org), "cn": org.params.get("CN")},
        "attendees": [
            {"address": str(a), "cn": a.params.get("CN"), "role": a.params.get("ROLE"),
             "partstat": a.params.get("PARTSTAT")}
            for a in people
        ],
    })
print(json.dumps({"method": str(cal.get("method")), "errors": errors, "events": events}, ensure_ascii=False))
"#;

const SETUP: &str = "run scripts/setup.sh to install python3 and its icalendar package";

fn read_with_icalendar(ics: &str) -> Value {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("export.ics");
    std::fs::write(&path, ics).expect("write the file");
    let output = match Command::new("python3").arg("-c").arg(READ_WITH_ICALENDAR).arg(&path).output() {
        Ok(output) => output,
        Err(e) => panic!("python3 could not be started ({e}): {SETUP}"),
    };
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    assert!(output.status.code() != Some(3), "{stderr}: {SETUP}");
    assert!(output.status.success(), "icalendar could not read the export: {stderr}\n{ics}");
    let parsed: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");
    assert_eq!(parsed["errors"], Value::Array(Vec::new()), "icalendar reported errors in\n{ics}");
    parsed
}

fn seminar(title: &str, day: u32) -> EventInput {
    EventInput {
        kind: Some(EventKind::Seminar),
        title: title.into(),
        starts_at: format!("2026-11-{day:02}T14:00:00+09:00"),
        ends_at: format!("2026-11-{day:02}T16:30:00+09:00"),
        place: "남동비즈니스센터 3층".into(),
        ..Default::default()
    }
}

fn add_person(store: &mut desk_core::Store, cluster_id: &str, name: &str, email: &str) -> String {
    let input = PersonInput {
        role: Some(PersonRole::Professor),
        name: name.into(),
        affiliation: "인하대학교".into(),
        email: email.into(),
        ..Default::default()
    };
    store.write(|w| person::create(w, cluster_id, &input)).expect("person")
}

fn attendee<'a>(event: &'a Value, address: &str) -> &'a Value {
    let found = event["attendees"].as_array().and_then(|all| all.iter().find(|a| a["address"] == address));
    found.unwrap_or_else(|| panic!("no attendee {address} in {event:#}"))
}

#[test]
fn a_scheduled_event_lists_its_organiser_and_the_invitees_with_an_email() {
    let (mut store, cluster_id) = store_with_cluster();
    let mut firm = company("(주)한빛, 코스메틱", 1, &[], &[]);
    firm.email = "info@hanbit.example".into();
    let firm = store.write(|w| member::create(w, &cluster_id, &firm)).expect("firm");
    let no_email = add_company(&mut store, &cluster_id, "메일없는화학", 2, &[], &[]);
    let professor = add_person(&mut store, &cluster_id, "김교수", "prof.kim@inha.example");
    let foreign = add_person(&mut store, &cluster_id, "Smith: John; Jr.", "john.smith@partner.example");
    // The same address as the firm's: one attendee, not two.
    let same_address = add_person(&mut store, &cluster_id, "한빛 담당자", "INFO@hanbit.example");

    let event_id = store
        .write(|w| {
            let id = event::create(w, &cluster_id, &seminar("스마트공장 세미나: MES, 1부", 30))?;
            for who in [
                InviteeRef::Member(firm.clone()),
                InviteeRef::Member(no_email.clone()),
                InviteeRef::Person(professor.clone()),
                InviteeRef::Person(foreign.clone()),
                InviteeRef::Person(same_address.clone()),
            ] {
                event::invite(w, &id, &who)?;
            }
            event::set_attendance(w, &format!("{id}/{professor}"), Attendance::Present)?;
            event::set_attendance(w, &format!("{id}/{foreign}"), Attendance::Excused)?;
            Ok(id)
        })
        .expect("event with invitations");

    let ics = desk_core::ics::export_event(store.conn(), &event_id).expect("export");
    let parsed = read_with_icalendar(&ics);
    assert_eq!(parsed["method"], "PUBLISH");
    let event = &parsed["events"][0];
    assert_eq!(event["uid"], format!("{event_id}@clusterdesk.kicox.or.kr"));
    assert_eq!(event["status"], "CONFIRMED");
    assert_eq!(event["sequence"], 0);
    assert_eq!(event["summary"], "스마트공장 세미나: MES, 1부");
    assert_eq!(event["start"], "2026-11-30T05:00:00+00:00");
    assert_eq!(event["organizer"]["cn"], "장매니저");
    assert_eq!(event["organizer"]["address"], format!("mailto:cluster-{cluster_id}@clusterdesk.kicox.or.kr"));

    assert_eq!(event["attendees"].as_array().map(Vec::len), Some(3), "{event:#}");
    let firm = attendee(event, "mailto:info@hanbit.example");
    assert_eq!(firm["cn"], "(주)한빛, 코스메틱", "a name with a comma survives quoting");
    assert_eq!(firm["role"], "REQ-PARTICIPANT");
    assert_eq!(firm["partstat"], "NEEDS-ACTION");
    let professor = attendee(event, "mailto:prof.kim@inha.example");
    assert_eq!(professor["cn"], "김교수");
    assert_eq!(professor["partstat"], "ACCEPTED");
    let foreign = attendee(event, "mailto:john.smith@partner.example");
    assert_eq!(foreign["cn"], "Smith: John; Jr.", "a name with ':' and ';' survives quoting");
    assert_eq!(foreign["partstat"], "DECLINED");
}

#[test]
fn a_cancellation_carries_the_same_uid_and_organiser_with_a_higher_sequence() {
    let (mut store, cluster_id) = store_with_cluster();
    let professor = add_person(&mut store, &cluster_id, "김교수", "prof.kim@inha.example");
    let event_id = store
        .write(|w| {
            let id = event::create(w, &cluster_id, &seminar("원료 세미나", 10))?;
            event::invite(w, &id, &InviteeRef::Person(professor.clone()))?;
            Ok(id)
        })
        .expect("event");
    let first = read_with_icalendar(&desk_core::ics::export_event(store.conn(), &event_id).expect("export"));
    store.write(|w| event::update(w, &event_id, &seminar("원료 세미나", 11))).expect("moved");
    store.write(|w| event::cancel(w, &event_id, "연사 사정")).expect("cancelled");

    let parsed = read_with_icalendar(&desk_core::ics::export_event(store.conn(), &event_id).expect("export"));
    assert_eq!(parsed["method"], "CANCEL");
    let (before, after) = (&first["events"][0], &parsed["events"][0]);
    assert_eq!(after["status"], "CANCELLED");
    assert_eq!(after["uid"], before["uid"], "the calendar finds the copy it already has");
    assert_eq!(after["organizer"], before["organizer"], "Outlook ignores a cancellation from someone else");
    assert_eq!(after["organizer"]["cn"], "장매니저");
    let (was, is) = (before["sequence"].as_i64().unwrap_or(-1), after["sequence"].as_i64().unwrap_or(-1));
    assert!(is >= was + 2, "rescheduled and cancelled: sequence {was} → {is}");
    assert_eq!(after["start"], "2026-11-11T05:00:00+00:00");
    assert_eq!(attendee(after, "mailto:prof.kim@inha.example")["cn"], "김교수");
}
