//! Korean search inside words, with particles, registration numbers and ranking.

mod common;

use common::*;
use desk_core::event::{self, EventInput, EventKind};
use desk_core::search::{search, RecordKind};

fn event_input(title: &str, agenda: &str) -> EventInput {
    EventInput {
        kind: Some(EventKind::Seminar),
        title: title.into(),
        starts_at: "2026-11-25T14:00:00+09:00".into(),
        ends_at: "2026-11-25T16:00:00+09:00".into(),
        place: "남동비즈니스센터".into(),
        agenda: agenda.into(),
        ..Default::default()
    }
}

#[test]
fn korean_matches_inside_words_and_ignores_particles() {
    let (mut store, cluster_id) = store_with_cluster();
    let sensor = add_company(&mut store, &cluster_id, "대성계측", 1, &["온도센서"], &["습도 센서 보정"]);
    let other = add_company(&mut store, &cluster_id, "한빛코스메틱", 2, &["보습 크림"], &["나노 에멀전"]);
    let seminar = store
        .write(|w| event::create(w, &cluster_id, &event_input("미니클러스터 기술세미나", "나노 소재 동향")))
        .unwrap();

    let ids = |q: &str| search(store.conn(), q, 20).unwrap().into_iter().map(|h| h.record_id).collect::<Vec<String>>();
    assert_eq!(ids("클러스터"), vec![seminar.clone()], "클러스터 finds 미니클러스터");
    assert_eq!(ids("센서"), vec![sensor.clone()]);
    assert_eq!(ids("센서를"), vec![sensor.clone()], "a particle does not stop the match");
    assert_eq!(ids("센서의"), vec![sensor.clone()]);
    assert_eq!(ids("에멀전"), vec![other.clone()]);
    let mut nano = ids("나노");
    nano.sort();
    let mut expected = vec![other.clone(), seminar.clone()];
    expected.sort();
    assert_eq!(nano, expected, "a word in a member's technologies and in an event's agenda");
    assert!(ids("없는단어").is_empty());
}

#[test]
fn minutes_are_searchable_once_saved() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = store.write(|w| event::create(w, &cluster_id, &event_input("정기회의", ""))).unwrap();
    assert!(search(store.conn(), "캘러스", 5).unwrap().is_empty());
    store.write(|w| event::save_minutes(w, &id, "충북대 교수팀과 캘러스 배양 원료를 논의함", "")).unwrap();
    let hits = search(store.conn(), "캘러스를", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, RecordKind::Event);
    let marked: Vec<&str> = hits[0].snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["캘러스"]);
}

#[test]
fn registration_numbers_are_found_with_or_without_dashes() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = add_company(&mut store, &cluster_id, "번호회사", 7, &[], &[]);
    let number = brn(7);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    for query in [number.as_str(), digits.as_str(), &number[..6]] {
        let hits = search(store.conn(), query, 5).unwrap();
        assert_eq!(hits.first().map(|h| h.record_id.clone()), Some(id.clone()), "query {query}");
    }
}

#[test]
fn a_title_match_ranks_above_a_body_match() {
    let (mut store, cluster_id) = store_with_cluster();
    let body_only = add_company(&mut store, &cluster_id, "한결화학", 1, &["계면활성제"], &[]);
    let in_title = add_company(&mut store, &cluster_id, "계면활성제연구소", 2, &[], &[]);
    let hits = search(store.conn(), "계면활성", 5).unwrap();
    let order: Vec<_> = hits.iter().map(|h| h.record_id.clone()).collect();
    assert_eq!(order, [in_title, body_only]);
}
