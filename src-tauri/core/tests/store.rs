//! Opening, upgrading and refusing database files; one transaction per action.

mod common;

use common::*;
use desk_core::member::{self, MemberInput};
use desk_core::{CoreError, Store};
use sha2::{Digest, Sha256};

fn file_hash(path: &std::path::Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_new_file_is_created_in_wal_mode_with_foreign_keys_at_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/cluster.sqlite");
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert_eq!(version, Store::schema_version());
    let device = store.device_id().to_string();
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.device_id(), device, "the device id is kept across restarts");
}

#[test]
fn a_first_version_database_with_data_is_upgraded_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    Store::create_at_version(&path, 1).unwrap();
    {
        // Rows as the first version of the app wrote them.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO cluster (id, name, complex_name, region, industry_theme) VALUES ('c1', '옛 클러스터', '시화', 'capital', '금형');
             INSERT INTO member (id, cluster_id, kind, name, registration_number, technologies)
               VALUES ('m1', 'c1', 'company', '미니정밀금형', '1234567891', '사출 금형, 열처리');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, Store::schema_version());
    assert!(dir.path().join("old.v1.bak").exists(), "a backup of the old file is written beside it");
    // The data survived, and the new search index was filled from it.
    assert_eq!(member::get(store.conn(), "m1").unwrap().name, "미니정밀금형");
    let hits = desk_core::search::search(store.conn(), "정밀", 10).unwrap();
    assert_eq!(hits.first().map(|h| h.record_id.as_str()), Some("m1"));
    // The backup is still the old version.
    let backup = rusqlite::Connection::open(dir.path().join("old.v1.bak")).unwrap();
    let old: i64 = backup.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(old, 1);
}

#[test]
fn a_database_from_a_newer_app_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_hash(&path);
    let error = Store::open(&path).err().expect("a newer schema must be refused");
    assert!(matches!(error, CoreError::SchemaTooNew { found: 99, .. }), "{error:?}");
    assert_eq!(error.code(), "schema_too_new");
    assert!(error.message(desk_core::Language::Ko).contains("업데이트"));
    assert_eq!(file_hash(&path), before, "the file must not change");
}

#[test]
fn a_failed_action_writes_nothing_at_all() {
    let (mut store, cluster_id) = store_with_cluster();
    let members_before = count(&store, "member");
    let log_before = count(&store, "change_log");
    let result = store.write(|w| {
        member::create(w, &cluster_id, &company("첫째 회사", 1, &[], &[]))?;
        // The second company repeats the first one's registration number.
        member::create(w, &cluster_id, &company("둘째 회사", 1, &[], &[]))
    });
    let error = result.unwrap_err();
    assert_eq!(error.field_errors()[0].field, "registration_number");
    assert_eq!(error.field_errors()[0].rule, "duplicate");
    assert_eq!(count(&store, "member"), members_before, "the first insert was rolled back too");
    assert_eq!(count(&store, "change_log"), log_before);
    assert_eq!(count(&store, "search_doc"), 0);
}

#[test]
fn validation_names_every_broken_field_in_both_languages() {
    let (mut store, cluster_id) = store_with_cluster();
    let input = MemberInput {
        kind: Some(desk_core::member::MemberKind::Company),
        name: " ".into(),
        registration_number: "123-45-67890".into(),
        employees: Some(-3),
        joined_on: "2026-13-40".into(),
        email: "not-an-email".into(),
        ..Default::default()
    };
    let error = store.write(|w| member::create(w, &cluster_id, &input)).unwrap_err();
    let mut broken: Vec<(String, String)> =
        error.field_errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect();
    broken.sort();
    assert_eq!(
        broken,
        [
            ("email".to_string(), "email".to_string()),
            ("employees".to_string(), "non_negative".to_string()),
            ("joined_on".to_string(), "date".to_string()),
            ("name".to_string(), "required".to_string()),
            ("registration_number".to_string(), "check_digit".to_string()),
        ]
    );
    let korean = |field: &str| error.field_errors().iter().find(|e| e.field == field).unwrap().message_ko.clone();
    assert_eq!(korean("name"), "기관명을 입력하세요.", "the particle follows the label's last syllable");
    assert_eq!(korean("employees"), "종업원 수는 0 이상이어야 합니다.");
    for e in error.field_errors() {
        assert!(e.message_ko.chars().any(|c| ('가'..='힣').contains(&c)), "Korean message for {}", e.field);
        assert!(e.message_en.is_ascii(), "English message for {}", e.field);
    }
    assert_eq!(count(&store, "member"), 0);
}

#[test]
fn a_university_needs_no_registration_number_but_a_company_does() {
    let (mut store, cluster_id) = store_with_cluster();
    let university = MemberInput {
        kind: Some(desk_core::member::MemberKind::University),
        name: "충북대학교".into(),
        ..Default::default()
    };
    assert!(store.write(|w| member::create(w, &cluster_id, &university)).is_ok());
    let mut company = company("무번호 회사", 5, &[], &[]);
    company.registration_number.clear();
    let error = store.write(|w| member::create(w, &cluster_id, &company)).unwrap_err();
    assert_eq!(
        (error.field_errors()[0].field.as_str(), error.field_errors()[0].rule.as_str()),
        ("registration_number", "required")
    );
}

/// A pulled page may end in the middle of a record's fields (the server finishes actions,
/// but a laptop must not depend on it): the half-made record waits, unindexed, for the rest.
#[test]
fn a_record_split_across_pulled_pages_is_completed_by_the_next() {
    use desk_core::sync::{apply_page, RemoteChange};
    let (mut source, cluster_id) = common::store_with_cluster();
    let raised_by = add_company(&mut source, &cluster_id, "(주)다온", 3, &[], &[]);
    let issue_input = desk_core::issue::IssueInput {
        member_ids: vec![raised_by],
        title: "포장재 단가 인상".into(),
        category: Some(desk_core::issue::IssueCategory::Production),
        stage: Some(desk_core::issue::IssueStage::Commercialisation),
        found_on: "2026-11-20".into(),
        ..Default::default()
    };
    source.write(|w| desk_core::issue::create(w, &cluster_id, &issue_input)).unwrap();
    let mut stmt = source
        .conn()
        .prepare("SELECT seq, device_id, hlc, action_id, table_name, record_id, field, old_value, new_value FROM change_log ORDER BY seq")
        .unwrap();
    let changes: Vec<RemoteChange> = stmt
        .query_map([], |r| {
            Ok(RemoteChange {
                server_seq: r.get(0)?,
                device_id: "another-laptop".into(),
                hlc: r.get(2)?,
                action_id: r.get(3)?,
                table: r.get(4)?,
                record_id: r.get(5)?,
                field: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let split = changes.iter().position(|c| c.table == "issue").unwrap() + 2;
    let mut target = Store::open_in_memory().unwrap();
    apply_page(&mut target, &changes[..split], 1).unwrap();
    assert!(desk_core::search::search(target.conn(), "포장재", 5).unwrap().is_empty(), "not indexed half-made");
    apply_page(&mut target, &changes[split..], 2).unwrap();
    assert_eq!(desk_core::search::search(target.conn(), "포장재", 5).unwrap().len(), 1);
    assert_eq!(desk_core::sync::server_cursor(target.conn()).unwrap(), 2);
}

/// One change this database cannot store (here an invitee that names neither a member
/// nor a person) is set aside; the changes around it are applied and the cursor moves on.
#[test]
fn a_pulled_change_that_cannot_be_stored_is_set_aside_and_does_not_block() {
    use desk_core::sync::{apply_page_or_set_aside, RemoteChange};
    let change = |seq: i64, action: &str, table: &str, record: &str, field: &str, value: &str| RemoteChange {
        server_seq: seq,
        device_id: "another-laptop".into(),
        hlc: format!("{:012x}-000000-0000000000000002", 1_800_000_000_000u64 + seq as u64),
        action_id: action.into(),
        table: table.into(),
        record_id: record.into(),
        field: field.into(),
        old_value: None,
        new_value: Some(value.into()),
    };
    let (mut store, cluster_id) = common::store_with_cluster();
    let page = vec![
        change(1, "a", "member", "m1", "cluster_id", &format!("\"{cluster_id}\"")),
        change(2, "a", "member", "m1", "kind", "\"company\""),
        change(3, "a", "member", "m1", "name", "\"(주)먼저\""),
        change(4, "b", "invitee", "e1/x", "event_id", "\"e1\""),
        change(5, "b", "invitee", "e1/x", "attendance", "\"present\""),
        change(6, "c", "member", "m2", "cluster_id", &format!("\"{cluster_id}\"")),
        change(7, "c", "member", "m2", "kind", "\"company\""),
        change(8, "c", "member", "m2", "name", "\"(주)나중\""),
    ];
    let report = apply_page_or_set_aside(&mut store, &page, 9).unwrap();
    assert_eq!(report.unapplied, 2, "{report:?}");
    assert_eq!(count(&store, "member WHERE id IN ('m1', 'm2')"), 2);
    assert_eq!(count(&store, "invitee"), 0);
    assert_eq!(count(&store, "sync_unapplied"), 2);
    assert_eq!(desk_core::sync::server_cursor(store.conn()).unwrap(), 9);
    assert_eq!(desk_core::sync::state(store.conn()).unwrap().unapplied_changes, 2);
}
