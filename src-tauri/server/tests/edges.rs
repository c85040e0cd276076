//! The server's edges against a hostile or broken network: a client that sends half a
//! request and waits, a crowd of such clients, a body sent without a token, a body that
//! trickles in, and a shutdown while a half-sent request is still open.

mod common;

use std::time::Duration;

use common::{cluster_input, HeadOfficeServer, Laptop, PASSWORD};
use desk_server::connections::Limits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn short_limits() -> Limits {
    Limits {
        max_connections: 8,
        header_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        shutdown_grace: Duration::from_secs(1),
    }
}

/// Everything the server sends on `stream` until it closes it (or `wait` passes).
async fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut answer = Vec::new();
    match tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await {
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_sends_half_a_request_and_waits_is_dropped() {
    let server = HeadOfficeServer::start_with(short_limits()).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream.write_all(b"GE").await.unwrap();
    let closed = read_until_closed(&mut stream, Duration::from_secs(15)).await;
    assert!(closed.is_some(), "the server kept a half-sent request open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_filling_every_connection_do_not_lock_an_honest_laptop_out() {
    let server = HeadOfficeServer::start_with(short_limits()).await;
    let cluster = server.cluster("남동");
    server.manager("jang", &[&cluster]);
    let mut slow = Vec::new();
    for _ in 0..short_limits().max_connections * 3 {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        stream.write_all(b"POST /v1/push HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        slow.push(stream);
    }
    let mut laptop = Laptop::new();
    laptop.store.write(|w| desk_core::cluster::create(w, &cluster_input("남동"))).unwrap();
    let signed_in = tokio::time::timeout(Duration::from_secs(30), laptop.sign_in(&server, "jang", &cluster.id)).await;
    assert!(signed_in.is_ok(), "the honest laptop never got a connection");
    laptop.add_company("(주)정직", 1);
    let report = tokio::time::timeout(Duration::from_secs(30), laptop.sync()).await.expect("synced in time");
    assert!(report.pushed > 0, "{report:?}");
    drop(slow);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_without_a_token_is_refused_before_its_body_is_read() {
    let server = HeadOfficeServer::start_with(short_limits()).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    // Announces 3 MB, sends 100 bytes, then waits: the answer must not wait for the rest.
    let head = format!(
        "POST /v1/push HTTP/1.1\r\nHost: x\r\n{}: {}\r\ncontent-type: application/json\r\ncontent-length: 3000000\r\n\r\n",
        sync_wire::PROTOCOL_HEADER,
        sync_wire::PROTOCOL
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[b' '; 100]).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(1), stream.read(&mut answer)).await;
    let n = read.expect("answered before the body came").unwrap();
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 401"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_trickles_in_is_cut_off_at_the_deadline() {
    let server = HeadOfficeServer::start_with(short_limits()).await;
    let cluster = server.cluster("남동");
    server.manager("jang", &[&cluster]);
    let office = desk_sync::HeadOffice::new(&server.url(), None).unwrap();
    let token = office
        .sign_in(&sync_wire::SignInRequest {
            login: "jang".into(),
            password: PASSWORD.into(),
            cluster_id: cluster.id.clone(),
            device_id: "laptop-trickle".into(),
            device_label: String::new(),
        })
        .await
        .unwrap()
        .token;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    let head = format!(
        "POST /v1/push HTTP/1.1\r\nHost: x\r\nauthorization: Bearer {token}\r\n{}: {}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{{",
        sync_wire::PROTOCOL_HEADER,
        sync_wire::PROTOCOL
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(15)).await.expect("cut off");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(server.count("change"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_ends_even_while_a_client_holds_a_half_sent_request() {
    let limits = Limits { header_timeout: Duration::from_secs(600), ..short_limits() };
    let server = HeadOfficeServer::start_with(limits).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream.write_all(b"GE").await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let stopped = tokio::time::timeout(Duration::from_secs(20), server.stop()).await;
    assert!(stopped.is_ok(), "SIGTERM would never have stopped the server");
}
