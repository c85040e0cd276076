//! Generated requests against the real server on 127.0.0.1:0, 10,000 of them: every
//! endpoint, with and without a valid token, valid and invalid JSON, wrong types, huge
//! and deeply nested values, truncated gzip, random headers and paths. None may get a
//! 5xx answer or stop the server, and none that is refused may store anything.

mod common;

use common::{cluster_input, HeadOfficeServer, Laptop};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// One generated request.
#[derive(Debug, Clone)]
struct Attempt {
    method: &'static str,
    path: String,
    token: Option<bool>,
    protocol: Option<String>,
    gzip: bool,
    truncate_gzip: bool,
    body: Vec<u8>,
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
        ".{0,40}".prop_map(serde_json::Value::from),
        (0usize..200_000).prop_map(|n| serde_json::Value::from("가".repeat(n))),
    ];
    leaf.prop_recursive(8, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::hash_map(".{0,12}", inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A push body that is nearly right: real field names, generated values.
fn push_body() -> impl Strategy<Value = serde_json::Value> {
    let change = (
        any::<i64>(),
        ".{0,40}",
        ".{0,80}",
        prop::sample::select(vec!["member", "person", "event", "project_stage_change", "cluster", "payroll", ""]),
        prop_oneof![".{0,60}", Just("../../etc/passwd".to_string()), Just("x".repeat(500))],
        prop::sample::select(vec!["name", "cluster_id", "notes", "deleted", "approved_government_won", "salary"]),
        json_value(),
    )
        .prop_map(|(seq, hlc, action, table, record, field, value)| {
            serde_json::json!({
                "client_seq": seq, "hlc": hlc, "action_id": action, "table": table,
                "record_id": record, "field": field, "old_value": null, "new_value": value.to_string(),
            })
        });
    (any::<i64>(), prop::collection::vec(change, 0..20))
        .prop_map(|(schema, changes)| serde_json::json!({"schema_version": schema, "changes": changes}))
}

fn attempt() -> impl Strategy<Value = Attempt> {
    let method = prop::sample::select(vec!["GET", "POST", "PATCH", "HEAD", "DELETE", "PUT"]);
    let path = prop_oneof![
        prop::sample::select(vec![
            "/v1/health",
            "/v1/session",
            "/v1/push",
            "/v1/pull",
            "/v1/pull?cursor=-5&limit=999999",
            "/v1/pull?cursor=abc",
            "/v1/head-office/decisions",
            "/v1/head-office/experts",
            "/v1/head-office/summary",
            "/v1/files/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "/v1/files/..%2f..%2fetc%2fpasswd",
        ])
        .prop_map(str::to_string),
        "/v1/[a-z0-9/._-]{0,40}",
    ];
    let body = prop_oneof![
        push_body().prop_map(|v| v.to_string().into_bytes()),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        prop::collection::vec(any::<u8>(), 0..2000),
        Just(b"{\"login\":\"jang\",\"password\":\"x\",\"cluster_id\":\"\",\"device_id\":\"fuzz-0001\",\"device_label\":\"\"}".to_vec()),
    ];
    (
        method,
        path,
        prop::option::of(any::<bool>()),
        prop::option::of(prop_oneof![Just(sync_wire::PROTOCOL.to_string()), "[0-9a-z]{0,6}"]),
        any::<bool>(),
        any::<bool>(),
        body,
    )
        .prop_map(|(method, path, token, protocol, gzip, truncate_gzip, body)| Attempt {
            method,
            path,
            token,
            protocol,
            gzip,
            truncate_gzip,
            body,
        })
}

fn gzip(bytes: &[u8], truncate: bool) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    let mut out = encoder.finish().unwrap_or_default();
    if truncate {
        out.truncate(out.len() / 2);
    }
    out
}

#[test]
fn ten_thousand_generated_requests_get_no_5xx_and_store_nothing_when_refused() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (server, token) = runtime.block_on(async {
        let server = HeadOfficeServer::start().await;
        let cluster = server.cluster("남동");
        server.manager("jang", &[&cluster]);
        let mut laptop = Laptop::new();
        laptop.store.write(|w| desk_core::cluster::create(w, &cluster_input("남동"))).unwrap();
        laptop.sign_in(&server, "jang", "").await;
        laptop.add_company("(주)기준", 1);
        laptop.sync().await;
        let token = desk_sync::token::load(&desk_sync::token::token_path(&laptop.database())).unwrap();
        (server, token)
    });
    // One connection for the counts: opening one per case exhausts Wine's file handles.
    let counter = rusqlite::Connection::open(server.database()).unwrap();
    let changes = || -> i64 { counter.query_row("SELECT count(*) FROM change", [], |r| r.get(0)).unwrap() };
    let client = reqwest::Client::new();
    let url = server.url();
    let mut runner = TestRunner::new(Config { cases: 10_000, failure_persistence: None, ..Config::default() });
    let result = runner.run(&attempt(), |a| {
        let before = changes();
        let (status, body) = runtime.block_on(async {
            let method = reqwest::Method::from_bytes(a.method.as_bytes()).unwrap();
            let mut request = client.request(method, format!("{url}{}", a.path));
            match a.token {
                Some(true) => request = request.header("authorization", format!("Bearer {token}")),
                Some(false) => request = request.header("authorization", "Bearer cdt_forged"),
                None => {}
            }
            if let Some(protocol) = &a.protocol {
                request = request.header(sync_wire::PROTOCOL_HEADER, protocol.as_str());
            }
            let body = if a.gzip {
                request = request.header("content-encoding", "gzip");
                gzip(&a.body, a.truncate_gzip)
            } else {
                a.body.clone()
            };
            let response = request.header("content-type", "application/json").body(body).send().await;
            match response {
                Ok(r) => {
                    let status = r.status();
                    (status.as_u16(), r.text().await.unwrap_or_default())
                }
                Err(e) => (0, e.to_string()),
            }
        });
        if status == 0 {
            // The server may answer (401, 413) without reading a body and close the
            // connection while the client is still sending it: only a request with a body
            // may end so, and the server must still serve.
            prop_assert!(!a.body.is_empty(), "the server dropped {} {}: {body}", a.method, a.path);
            let alive = runtime.block_on(async { client.get(format!("{url}/v1/health")).send().await.is_ok() });
            prop_assert!(alive, "the server stopped after {} {}: {body}", a.method, a.path);
            return Ok(());
        }
        prop_assert!(status < 500, "{status} for {} {}: {body}", a.method, a.path);
        if status >= 400 {
            prop_assert_eq!(changes(), before, "a refused request stored changes");
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // And it still serves an honest laptop.
    runtime.block_on(async {
        let health = client.get(format!("{url}/v1/health")).send().await.unwrap();
        assert!(health.status().is_success());
    });
}
