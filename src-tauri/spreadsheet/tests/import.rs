//! Importing the lists offices really keep (the files in tests/data, written by
//! scripts/make-import-samples.py with openpyxl, xlwt and odfpy, not by our exporter),
//! and exporting the directory back out.

use desk_core::cluster::{self, ClusterInput, Region};
use desk_core::member::{self, MemberInput, MemberKind};
use desk_core::{person, Store};
use desk_spreadsheet::export::{self, ExportFilter};
use desk_spreadsheet::{import, preview, ImportChoices, ImportField, ListKind, RowAction};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn store_with_cluster() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let input = ClusterInput {
        name: "남동 스마트그린 미니클러스터".into(),
        complex_name: "남동국가산업단지".into(),
        region: Region::Capital,
        industry_theme: "기계·부품".into(),
        manager_name: "장매니저".into(),
    };
    let id = store.write(|w| cluster::create(w, &input)).unwrap();
    (store, id)
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn member_named(store: &Store, cluster_id: &str, name: &str) -> member::Member {
    let found: Vec<_> =
        member::list(store.conn(), cluster_id).unwrap().into_iter().filter(|m| m.name == name).collect();
    assert_eq!(found.len(), 1, "exactly one member named {name}");
    found.into_iter().next().unwrap()
}

fn none() -> ImportChoices {
    ImportChoices::default()
}

#[test]
fn a_cp949_csv_as_korean_excel_saves_it_is_read_exactly() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-cp949.csv");
    let preview = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let text = preview.text.clone().unwrap();
    assert_eq!((text.encoding.as_str(), text.separator.as_str()), ("EUC-KR", ","));
    assert_eq!(preview.counts.new, 12);
    assert_eq!(preview.rows[0].row, 2, "the first data row is row 2, as Excel shows the file");

    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    // 똠 is outside EUC-KR's common syllables: only a CP949 decoder gets the name right.
    let m = member_named(&store, &cluster_id, "(주)똠양정밀");
    assert_eq!(m.registration_number, "137-81-05626");
    assert_eq!(m.employees, Some(27));
    assert_eq!(m.revenue_won, Some(3_980_000_000), "3,980 in a 매출액(백만원) column");
    assert_eq!(m.joined_on.as_deref(), Some("2022-09-01"));
    assert_eq!(m.products, ["정밀 샤프트", "유압 피팅"]);
    assert_eq!(m.address, "인천광역시 남동구 앵고개로 462 (논현동)");
    let groups = cluster::small_groups(store.conn(), &cluster_id).unwrap();
    let smart = groups.iter().find(|g| g.name == "스마트공정").expect("the small group was made");
    assert!(smart.member_ids.contains(&m.id));
    let contact = person::of_member(store.conn(), &m.id).unwrap();
    assert_eq!(contact.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["윤미경"]);
}

#[test]
fn other_separators_and_encodings() {
    let (store, cluster_id) = store_with_cluster();
    let semicolon =
        preview(store.conn(), &cluster_id, ListKind::Members, &data("members-semicolon-utf8bom.csv"), &none()).unwrap();
    let text = semicolon.text.unwrap();
    assert_eq!((text.encoding.as_str(), text.separator.as_str()), ("UTF-8", ";"));
    assert_eq!(semicolon.counts.new, 5);
    let tab = preview(store.conn(), &cluster_id, ListKind::Members, &data("members-tab.txt"), &none()).unwrap();
    assert_eq!(tab.text.unwrap().separator, "\\t");
    assert_eq!(tab.counts.new, 5);
    for (file, format) in [("members.xls", "xls"), ("members.ods", "ods")] {
        let p = preview(store.conn(), &cluster_id, ListKind::Members, &data(file), &none()).unwrap();
        assert_eq!(serde_json::to_value(p.format).unwrap(), format);
        assert_eq!((p.counts.new, p.counts.refused), (6, 0), "{file}");
    }
}

#[test]
fn a_title_merged_cells_and_several_sheets_above_the_header() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-title-merged.xlsx");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!(p.sheets, ["회원사", "인력", "메모"]);
    assert_eq!((p.sheet.as_str(), p.header_row), ("회원사", 4));
    assert_eq!(p.columns[0].header, "연번");
    assert_eq!(p.columns[0].field, None, "a column the importer does not know is left out");
    assert_eq!(p.columns[6].field, Some(ImportField::Revenue));
    assert_eq!(p.counts.new, 20, "the blank row 15 is skipped");
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();

    let hanil = member_named(&store, &cluster_id, "(주)한일정밀");
    assert_eq!(hanil.revenue_won, Some(8_420_000_000), "8,420,000 천원");
    assert_eq!(hanil.joined_on.as_deref(), Some("2021-03-05"), "text 2021/3/5");
    let dongyang = member_named(&store, &cluster_id, "(주)동양플라텍");
    assert_eq!(dongyang.joined_on.as_deref(), Some("2021-03-05"), "text 21.3.5");
    let taekwang = member_named(&store, &cluster_id, "(주)태광전자");
    assert_eq!(taekwang.registration_number, "122-81-33095", "a number cell shown through 000-00-00000");
    assert_eq!(taekwang.joined_on.as_deref(), Some("2021-07-19"), "a real date cell");
    let myungsung = member_named(&store, &cluster_id, "명성산업");
    assert_eq!(myungsung.joined_on.as_deref(), Some("2022-07-01"), "text 2022. 7. 1.");
    let inha = member_named(&store, &cluster_id, "인하대학교 산학협력단");
    assert_eq!(inha.kind, MemberKind::University);

    // A people list finds its sheet by its header (the members sheet has no 성명).
    let p = preview(store.conn(), &cluster_id, ListKind::People, &bytes, &none()).unwrap();
    assert_eq!(p.sheet, "인력");
    // The people on the second sheet, chosen by name.
    let people = ImportChoices { sheet: Some("인력".into()), ..ImportChoices::default() };
    let p = preview(store.conn(), &cluster_id, ListKind::People, &bytes, &people).unwrap();
    assert_eq!(p.counts.new + p.counts.updated, 15);
    assert_eq!(p.counts.refused, 0);
    import(&mut store, &cluster_id, ListKind::People, &bytes, &people).unwrap();
    let staff = person::of_member(store.conn(), &hanil.id).unwrap();
    assert!(staff.iter().any(|p| !p.title.is_empty() && p.title != "담당자"), "{staff:?}");
    let missing = ImportChoices { sheet: Some("없는 시트".into()), ..ImportChoices::default() };
    let err = preview(store.conn(), &cluster_id, ListKind::People, &bytes, &missing).unwrap_err();
    assert_eq!(err.code(), "no_such_sheet");
    assert!(err.message(desk_core::Language::Ko).contains("회원사, 인력, 메모"));
}

#[test]
fn the_later_row_wins_a_duplicate_registration_number_within_the_file() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-duplicates.xlsx");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!((p.counts.new, p.counts.superseded), (5, 3));
    let row2 = p.rows.iter().find(|r| r.row == 2).unwrap();
    assert_eq!((row2.action, row2.superseded_by), (RowAction::Superseded, Some(6)), "131-81-44771 and 1318144771");
    assert_eq!(p.rows.iter().find(|r| r.row == 5).unwrap().superseded_by, Some(7));
    assert_eq!(p.rows.iter().find(|r| r.row == 4).unwrap().superseded_by, Some(8), "no number: the name is the key");
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let dongyang = member_named(&store, &cluster_id, "(주)동양플라텍");
    assert_eq!((dongyang.phone.as_str(), dongyang.employees), ("032-818-6640", Some(71)));
    assert_eq!(count(&store, "SELECT count(*) FROM member WHERE registration_number = '1318144771'"), 1);
}

#[test]
fn bad_values_are_refused_or_flagged_with_the_row_excel_shows_and_never_stored_wrong() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-bad-values.xlsx");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let rows_with = |action: RowAction| p.rows.iter().filter(|r| r.action == action).map(|r| r.row).collect::<Vec<_>>();
    assert_eq!(rows_with(RowAction::Refused), [2, 3, 4, 5, 12]);
    let flagged: Vec<u32> =
        p.rows.iter().filter(|r| r.action != RowAction::Refused && !r.problems.is_empty()).map(|r| r.row).collect();
    assert_eq!(flagged, [6, 7]);
    assert_eq!((p.counts.new, p.counts.flagged, p.counts.refused), (7, 2, 5));
    let reason = |row: u32| p.rows.iter().find(|r| r.row == row).unwrap().problems[0].message_ko.clone();
    assert!(reason(2).contains("검증번호"), "{}", reason(2));
    assert!(reason(4).contains("2023.02.30") && reason(4).contains("없는 날짜"), "{}", reason(4));
    assert!(reason(6).contains("약 5억"), "{}", reason(6));
    assert!(reason(12).contains("이메일"), "{}", reason(12));

    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!(member::list(store.conn(), &cluster_id).unwrap().len(), 7);
    for refused in ["세진테크", "(주)신한엠텍", "(주)한일정밀"] {
        assert!(member::list(store.conn(), &cluster_id).unwrap().iter().all(|m| m.name != refused), "{refused}");
    }
    let namdong = member_named(&store, &cluster_id, "남동도금(주)");
    assert_eq!(namdong.revenue_won, None, "약 5억 is not 500,000,000");
    assert_eq!(namdong.registration_number, "131-86-61208", "the rest of a flagged row is kept");
    assert_eq!(member_named(&store, &cluster_id, "우진금형").revenue_won, Some(350_000_000));
    assert_eq!(member_named(&store, &cluster_id, "대한열처리(주)").revenue_won, Some(1_200_000_000));
    assert_eq!(member_named(&store, &cluster_id, "(주)그린코팅").joined_on.as_deref(), Some("2023-07-15"));
    assert_eq!(member_named(&store, &cluster_id, "삼원정공").joined_on.as_deref(), Some("2023-05-12"));

    // Importing it again changes nothing, and still names the rows to check.
    let again = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!((again.counts.new, again.counts.updated, again.counts.flagged), (0, 0, 2));
    let flagged: Vec<u32> = again.rows.iter().filter(|r| r.action == RowAction::Unchanged).map(|r| r.row).collect();
    assert_eq!(flagged, [6, 7]);
}

#[test]
fn files_that_are_not_lists_get_a_clear_error_and_write_nothing() {
    let (store, cluster_id) = store_with_cluster();
    let before = count(&store, "SELECT count(*) FROM change_log");
    for (file, code, words) in [
        ("members-password.xlsx", "password_protected", "암호"),
        ("not-a-spreadsheet.xlsx", "not_a_spreadsheet", "엑셀"),
        ("empty.csv", "empty_file", "가져올 행이 없습니다"),
        ("header-only.xlsx", "empty_file", "가져올 행이 없습니다"),
    ] {
        let err = preview(store.conn(), &cluster_id, ListKind::Members, &data(file), &none()).unwrap_err();
        assert_eq!(err.code(), code, "{file}");
        assert!(
            err.message(desk_core::Language::Ko).contains(words),
            "{file}: {}",
            err.message(desk_core::Language::Ko)
        );
    }
    let huge = vec![b'a'; desk_spreadsheet::read::MAX_FILE_BYTES + 1];
    let err = preview(store.conn(), &cluster_id, ListKind::Members, &huge, &none()).unwrap_err();
    assert_eq!(err.code(), "file_too_large");
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), before);
}

#[test]
fn a_header_it_does_not_know_is_mapped_by_the_user_before_anything_is_imported() {
    let (mut store, cluster_id) = store_with_cluster();
    let list = "회원사 명단\r\n\r\n상호명,업태,사업자\r\n세진테크,도금,137-05-33185\r\n".as_bytes();
    let p = preview(store.conn(), &cluster_id, ListKind::Members, list, &none()).unwrap();
    assert!(p.header_guessed && p.needs_name, "{p:?}");
    assert_eq!(p.header_row, 3, "the first row with text in two cells");
    assert_eq!(p.counts, Default::default());
    let err = import(&mut store, &cluster_id, ListKind::Members, list, &none()).unwrap_err();
    assert_eq!(err.code(), "no_name_column");
    assert!(err.message(desk_core::Language::Ko).contains("업체명"));

    let mapping =
        Some(vec![Some(ImportField::Name), Some(ImportField::Industry), Some(ImportField::RegistrationNumber)]);
    let choices = ImportChoices { mapping, ..ImportChoices::default() };
    let p = preview(store.conn(), &cluster_id, ListKind::Members, list, &choices).unwrap();
    assert_eq!((p.needs_name, p.counts.new, p.counts.refused), (false, 1, 0), "{:?}", p.rows);
    import(&mut store, &cluster_id, ListKind::Members, list, &choices).unwrap();
    assert_eq!(member_named(&store, &cluster_id, "세진테크").industry, "도금");

    // The user can also point at the header row.
    let choices = ImportChoices { header_row: Some(1), ..ImportChoices::default() };
    let p = preview(store.conn(), &cluster_id, ListKind::Members, list, &choices).unwrap();
    assert_eq!((p.header_row, p.columns[0].header.as_str()), (1, "회원사 명단"));
}

#[test]
fn a_unit_note_above_the_table_is_the_revenue_unit() {
    let (mut store, cluster_id) = store_with_cluster();
    let list = "2026 회원사 현황\r\n(단위: 백만원)\r\n업체명,구분,사업자등록번호,매출액\r\n세진테크,기업,137-05-33185,\"1,250\"\r\n".as_bytes();
    let p = preview(store.conn(), &cluster_id, ListKind::Members, list, &none()).unwrap();
    assert_eq!(p.revenue_unit_won, Some(1_000_000));
    import(&mut store, &cluster_id, ListKind::Members, list, &none()).unwrap();
    assert_eq!(member_named(&store, &cluster_id, "세진테크").revenue_won, Some(1_250_000_000));
}

#[test]
fn a_failure_in_the_middle_of_an_import_writes_nothing() {
    let (mut store, cluster_id) = store_with_cluster();
    // The disk fails on the twelfth firm, after eleven were written in the transaction.
    store
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON member WHEN NEW.name = '(주)스마트이노텍'
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;",
        )
        .unwrap();
    let before = count(&store, "SELECT count(*) FROM change_log");
    let err = import(&mut store, &cluster_id, ListKind::Members, &data("members-cp949.csv"), &none()).unwrap_err();
    assert_eq!(err.code(), "database");
    assert_eq!(member::list(store.conn(), &cluster_id).unwrap().len(), 0);
    assert!(cluster::small_groups(store.conn(), &cluster_id).unwrap().is_empty());
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), before);
}

#[test]
fn a_four_mebibyte_cell_is_flagged_not_stored() {
    let (mut store, cluster_id) = store_with_cluster();
    let mut csv = String::from("업체명,구분,비고\r\n인천테크노파크,지원기관,");
    csv.push_str(&"가".repeat(4 * 1024 * 1024 / 3));
    csv.push_str("\r\n");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, csv.as_bytes(), &none()).unwrap();
    assert_eq!((p.counts.new, p.counts.flagged), (1, 1));
    assert!(p.rows[0].problems[0].message_ko.contains("너무 길어"), "{:?}", p.rows[0].problems);
    import(&mut store, &cluster_id, ListKind::Members, csv.as_bytes(), &none()).unwrap();
    assert_eq!(member_named(&store, &cluster_id, "인천테크노파크").notes, "");
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-title-merged.xlsx");
    let first = import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert!(first.action_id.is_some());
    let log = count(&store, "SELECT count(*) FROM change_log");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!((p.counts.unchanged, p.counts.new, p.counts.updated), (20, 0, 0));
    let again = import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert_eq!(again.action_id, None);
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), log);
}

#[test]
fn an_existing_member_is_updated_field_by_field_never_duplicated() {
    let (mut store, cluster_id) = store_with_cluster();
    let existing = MemberInput {
        kind: Some(MemberKind::Company),
        name: "(주)동양플라텍".into(),
        registration_number: "131-81-44771".into(),
        ceo_name: "강동현".into(),
        phone: "032-000-0000".into(),
        notes: "2019년 방문".into(),
        ..MemberInput::default()
    };
    let id = store.write(|w| member::create(w, &cluster_id, &existing)).unwrap();
    let bytes = data("members-duplicates.xlsx");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let row = p.rows.iter().find(|r| r.row == 6).unwrap();
    assert_eq!(row.action, RowAction::Update);
    assert_eq!(row.existing_id.as_deref(), Some(id.as_str()));
    let phone = row.changes.iter().find(|c| c.field == ImportField::Phone).unwrap();
    assert_eq!((phone.before.as_str(), phone.after.as_str()), ("032-000-0000", "032-818-6640"));
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let m = member::get(store.conn(), &id).unwrap();
    assert_eq!((m.phone.as_str(), m.employees), ("032-818-6640", Some(71)));
    assert_eq!(m.notes, "2019년 방문", "a column the file does not have is left alone");
    assert_eq!(count(&store, "SELECT count(*) FROM member WHERE registration_number = '1318144771'"), 1);
}

#[test]
fn the_same_name_without_a_number_is_a_possible_duplicate_to_merge_or_keep() {
    let university = MemberInput {
        kind: Some(MemberKind::University),
        name: "인하대학교 산학협력단".into(),
        ceo_name: "기존 대표".into(),
        ..MemberInput::default()
    };
    let bytes = data("members-duplicates.xlsx");

    let (mut store, cluster_id) = store_with_cluster();
    let id = store.write(|w| member::create(w, &cluster_id, &university)).unwrap();
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let row = p.rows.iter().find(|r| r.row == 8).unwrap();
    assert_eq!((row.action, row.existing_id.as_deref()), (RowAction::Merge, Some(id.as_str())));
    assert_eq!(p.counts.duplicates, 1);
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let merged = member_named(&store, &cluster_id, "인하대학교 산학협력단");
    assert_eq!(merged.id, id);
    assert_eq!(merged.ceo_name, "기존 대표", "merging keeps what the record has");
    assert!(!merged.phone.is_empty(), "and fills what it lacks");
    // Again: nothing left to fill, but the file still differs, so the choice is still offered.
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    let row = p.rows.iter().find(|r| r.row == 8).unwrap();
    assert_eq!(row.action, RowAction::Merge);
    assert!(row.changes.is_empty());
    assert!(
        row.differing.iter().any(|d| d.field == ImportField::CeoName && d.before == "기존 대표"),
        "{:?}",
        row.differing
    );
    assert_eq!((p.counts.new, p.counts.updated), (0, 0), "and nothing would be written");

    let (mut store, cluster_id) = store_with_cluster();
    store.write(|w| member::create(w, &cluster_id, &university)).unwrap();
    let keep = ImportChoices { keep_both_rows: vec![8], ..ImportChoices::default() };
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &keep).unwrap();
    assert_eq!(p.rows.iter().find(|r| r.row == 8).unwrap().action, RowAction::KeepBoth);
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &keep).unwrap();
    let both = member::list(store.conn(), &cluster_id).unwrap();
    assert_eq!(both.iter().filter(|m| m.name == "인하대학교 산학협력단").count(), 2);
}

#[test]
fn undo_reverts_the_import_as_one_action_while_nothing_newer_touched_it() {
    let (mut store, cluster_id) = store_with_cluster();
    let existing = MemberInput {
        kind: Some(MemberKind::Company),
        name: "(주)동양플라텍".into(),
        registration_number: "131-81-44771".into(),
        phone: "032-000-0000".into(),
        ..MemberInput::default()
    };
    let id = store.write(|w| member::create(w, &cluster_id, &existing)).unwrap();
    let done = import(&mut store, &cluster_id, ListKind::Members, &data("members-cp949.csv"), &none()).unwrap();
    assert_eq!(member::list(store.conn(), &cluster_id).unwrap().len(), 12);
    let action = done.action_id.unwrap();

    let undone = store.write(|w| desk_core::undo::revert_action(w, &action)).unwrap();
    assert_eq!((undone.deleted_members, undone.restored), (11, 1), "11 new members, the existing one restored");
    assert_eq!(undone.deleted_people, 12, "the contact persons the import added, one per row");
    let left = member::list(store.conn(), &cluster_id).unwrap();
    assert_eq!(left.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    assert_eq!(left[0].phone, "032-000-0000");
    assert!(cluster::small_groups(store.conn(), &cluster_id).unwrap().is_empty(), "groups it made are gone too");
    assert!(person::list(store.conn(), &cluster_id).unwrap().is_empty(), "and the contacts it added");

    // A second import, then an edit of one of its records: undo must refuse.
    let done = import(&mut store, &cluster_id, ListKind::Members, &data("members-cp949.csv"), &none()).unwrap();
    let edited = member_named(&store, &cluster_id, "(주)똠양정밀");
    let mut input = edited.to_input();
    input.phone = "032-999-9999".into();
    store.write(|w| member::update(w, &edited.id, &input)).unwrap();
    let before = count(&store, "SELECT count(*) FROM change_log");
    let err = store.write(|w| desk_core::undo::revert_action(w, done.action_id.as_deref().unwrap())).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "changed_since");
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), before, "nothing written");
    assert_eq!(member::list(store.conn(), &cluster_id).unwrap().len(), 12);
}

#[test]
fn undo_is_refused_while_newer_records_point_at_what_the_import_added() {
    let (mut store, cluster_id) = store_with_cluster();
    let members =
        import(&mut store, &cluster_id, ListKind::Members, &data("members-title-merged.xlsx"), &none()).unwrap();
    // A person added afterwards at one of the imported firms.
    let hanil = member_named(&store, &cluster_id, "(주)한일정밀");
    let input = person::PersonInput {
        role: Some(person::PersonRole::Staff),
        name: "새직원".into(),
        member_id: Some(hanil.id.clone()),
        ..person::PersonInput::default()
    };
    store.write(|w| person::create(w, &cluster_id, &input)).unwrap();
    let err = store.write(|w| desk_core::undo::revert_action(w, members.action_id.as_deref().unwrap())).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "referenced_since");
    assert_eq!(member::list(store.conn(), &cluster_id).unwrap().len(), 20);
}

#[test]
fn a_changed_mapping_is_remembered_for_a_file_with_the_same_headers() {
    let (mut store, cluster_id) = store_with_cluster();
    let bytes = data("members-semicolon-utf8bom.csv");
    let first = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert!(!first.mapping_remembered);
    // The user leaves the e-mail column out.
    let mut mapping: Vec<Option<ImportField>> = first.columns.iter().map(|c| c.field).collect();
    let email = mapping.iter().position(|f| *f == Some(ImportField::Email)).unwrap();
    mapping[email] = None;
    let choices = ImportChoices { mapping: Some(mapping), ..ImportChoices::default() };
    import(&mut store, &cluster_id, ListKind::Members, &bytes, &choices).unwrap();
    assert!(member::list(store.conn(), &cluster_id).unwrap().iter().all(|m| m.email.is_empty()));

    let next = preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &none()).unwrap();
    assert!(next.mapping_remembered);
    assert_eq!(next.columns[email].field, None);
    assert_eq!(next.columns[email].recognised, Some(ImportField::Email));
    assert_eq!(next.counts.unchanged, 5);
}

#[test]
fn people_are_matched_by_email_or_by_name_and_member() {
    let (mut store, cluster_id) = store_with_cluster();
    import(&mut store, &cluster_id, ListKind::Members, &data("members-title-merged.xlsx"), &none()).unwrap();
    let bytes = data("people.xlsx");
    import(&mut store, &cluster_id, ListKind::People, &bytes, &none()).unwrap();
    let people = person::list(store.conn(), &cluster_id).unwrap();
    let minjun: Vec<_> = people.iter().filter(|p| p.name == "김민준").collect();
    assert_eq!(minjun.len(), 2, "the same name at two firms is two people");
    assert_ne!(minjun[0].member_id, minjun[1].member_id);
    let outsider = people.iter().find(|p| p.name == "박성호").unwrap();
    assert_eq!((outsider.member_id.as_deref(), outsider.role), (None, person::PersonRole::Professor));
    let again = preview(store.conn(), &cluster_id, ListKind::People, &bytes, &none()).unwrap();
    assert_eq!((again.counts.new, again.counts.updated, again.counts.unchanged), (0, 0, 10));
}

#[test]
fn the_exported_directory_imports_back_as_nothing_changed() {
    let mut store = Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    desk_demo::load_demo_cluster(&mut store, 2009, today).unwrap();
    let cluster_id = cluster::current(store.conn()).unwrap().unwrap().id;
    let members = member::list(store.conn(), &cluster_id).unwrap().len() as u32;
    let people = person::list(store.conn(), &cluster_id).unwrap().len() as u32;
    assert!(members > 50 && people > 50);

    let xlsx = export::directory_xlsx(store.conn(), &cluster_id, &ExportFilter::default()).unwrap();
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &xlsx, &none()).unwrap();
    assert_eq!(
        (p.counts.unchanged, p.counts.new, p.counts.updated, p.counts.refused),
        (members, 0, 0, 0),
        "{:?}",
        p.rows.first()
    );
    let on_people = ImportChoices { sheet: Some("인력".into()), ..ImportChoices::default() };
    let p = preview(store.conn(), &cluster_id, ListKind::People, &xlsx, &on_people).unwrap();
    assert_eq!((p.counts.unchanged, p.counts.new, p.counts.updated), (people, 0, 0), "{:?}", p.rows.first());

    let csv = export::members_csv(store.conn(), &cluster_id, &ExportFilter::default()).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &csv, &none()).unwrap();
    assert_eq!((p.counts.unchanged, p.counts.new, p.counts.updated), (members, 0, 0), "{:?}", p.rows.first());
    let csv = export::people_csv(store.conn(), &cluster_id, &ExportFilter::default()).unwrap();
    let p = preview(store.conn(), &cluster_id, ListKind::People, &csv, &none()).unwrap();
    assert_eq!(p.counts.unchanged, people);

    let only_people =
        export::lists_xlsx(store.conn(), &cluster_id, &ExportFilter::default(), export::Sheets::People).unwrap();
    let p = preview(store.conn(), &cluster_id, ListKind::People, &only_people, &none()).unwrap();
    assert_eq!((p.sheets.len(), p.counts.unchanged), (1, people));

    let universities = ExportFilter { kind: Some(MemberKind::University), small_group_id: None };
    let csv = export::members_csv(store.conn(), &cluster_id, &universities).unwrap();
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &csv, &none()).unwrap();
    let expected =
        member::list(store.conn(), &cluster_id).unwrap().iter().filter(|m| m.kind == MemberKind::University).count();
    assert_eq!(p.counts.unchanged as usize, expected);
}

/// What Excel sees in the exported file, read with Python's openpyxl (another program's
/// reading, not ours): typed cells, formats, the frozen header and the autofilter.
#[cfg(unix)]
#[test]
fn the_exported_xlsx_has_typed_cells_a_frozen_header_and_an_autofilter() {
    let mut store = Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    desk_demo::load_demo_cluster(&mut store, 2009, today).unwrap();
    let cluster_id = cluster::current(store.conn()).unwrap().unwrap().id;
    let xlsx = export::directory_xlsx(store.conn(), &cluster_id, &ExportFilter::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("directory.xlsx");
    std::fs::write(&path, xlsx).unwrap();
    let script = r#"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["회원사"]
header = [c.value for c in ws[1]]
print("sheets", wb.sheetnames)
print("header", header[:7])
print("freeze", ws.freeze_panes)
print("filter", ws.auto_filter.ref)
rev = header.index("매출액(원)") + 1
emp = header.index("종업원수") + 1
day = header.index("가입일") + 1
rows = list(ws.iter_rows(min_row=2))
print("revenue", all(isinstance(r[rev-1].value, (int, float)) for r in rows if r[rev-1].value is not None), rows[0][rev-1].number_format)
print("employees", all(isinstance(r[emp-1].value, (int, float)) for r in rows if r[emp-1].value is not None))
print("dates", all(isinstance(r[day-1].value, datetime.datetime) for r in rows if r[day-1].value is not None))
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("sheets ['회원사', '인력']"), "{text}");
    assert!(
        text.contains("header ['업체명', '구분', '사업자등록번호', '대표자', '종업원수', '매출액(원)', '가입일']"),
        "{text}"
    );
    assert!(text.contains("freeze A2"), "{text}");
    assert!(text.contains("filter A1:O"), "{text}");
    assert!(text.contains("revenue True #,##0"), "{text}");
    assert!(text.contains("employees True"), "{text}");
    assert!(text.contains("dates True"), "{text}");
}

#[test]
fn csv_export_keeps_formula_like_text_from_running_and_reads_it_back() {
    let (mut store, cluster_id) = store_with_cluster();
    let input = MemberInput {
        kind: Some(MemberKind::Agency),
        name: "인천테크노파크".into(),
        phone: "+82 32 260 0700".into(),
        notes: "- 2019년 방문\n=SUM(A1)".into(),
        ..MemberInput::default()
    };
    store.write(|w| member::create(w, &cluster_id, &input)).unwrap();
    let csv = export::members_csv(store.conn(), &cluster_id, &ExportFilter::default()).unwrap();
    let text = String::from_utf8_lossy(&csv);
    assert!(text.contains("'+82 32 260 0700") && text.contains("\"'- 2019년 방문"), "{text}");
    let p = preview(store.conn(), &cluster_id, ListKind::Members, &csv, &none()).unwrap();
    assert_eq!((p.counts.unchanged, p.counts.updated), (1, 0), "{:?}", p.rows);
}
