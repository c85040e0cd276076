//! Fixtures shared by the core's integration tests.
#![allow(dead_code)]

use desk_core::cluster::{self, ClusterInput, Region};
use desk_core::member::{self, MemberInput, MemberKind};
use desk_core::validate::registration_number;
use desk_core::Store;

pub fn store_with_cluster() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.write(|w| cluster::create(w, &cluster_input())).unwrap();
    (store, id)
}

pub fn cluster_input() -> ClusterInput {
    ClusterInput {
        name: "시험 미니클러스터".into(),
        complex_name: "남동국가산업단지".into(),
        region: Region::Capital,
        industry_theme: "화장품·화학".into(),
        manager_name: "장매니저".into(),
    }
}

/// A valid registration number made from a small seed.
pub fn brn(n: u32) -> String {
    let digits = format!("{:09}", 101_000_000 + n);
    let mut nine = [0u8; 9];
    for (i, b) in digits.bytes().enumerate() {
        nine[i] = b - b'0';
    }
    registration_number::format(&registration_number::complete(nine))
}

pub fn company(name: &str, n: u32, products: &[&str], technologies: &[&str]) -> MemberInput {
    MemberInput {
        kind: Some(MemberKind::Company),
        name: name.into(),
        registration_number: brn(n),
        ceo_name: "홍길동".into(),
        industry: "화장품 제조".into(),
        products: products.iter().map(|s| s.to_string()).collect(),
        technologies: technologies.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

pub fn add_company(
    store: &mut Store,
    cluster_id: &str,
    name: &str,
    n: u32,
    products: &[&str],
    technologies: &[&str],
) -> String {
    let input = company(name, n, products, technologies);
    store.write(|w| member::create(w, cluster_id, &input)).unwrap()
}

pub fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}
