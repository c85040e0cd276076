//! The sync client against a head office that is not what it should be: an address in
//! plain HTTP, a server that redirects the sign-in elsewhere, and an answer that unpacks
//! into far more than any answer can be.

use std::io::Write;

use desk_sync::HeadOffice;
use sync_wire::SignInRequest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn sign_in() -> SignInRequest {
    SignInRequest {
        login: "jang".into(),
        password: "correct horse battery".into(),
        cluster_id: String::new(),
        device_id: "laptop-0001".into(),
        device_label: String::new(),
    }
}

/// A one-shot HTTP server that answers the first request with `answer`; returns its
/// address and a task that yields the request it received.
async fn answering(answer: Vec<u8>) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let Ok((mut stream, _)) = listener.accept().await else { return String::new() };
        let mut request = vec![0u8; 64 * 1024];
        let n = stream.read(&mut request).await.unwrap_or(0);
        let _ = stream.write_all(&answer).await;
        let _ = stream.shutdown().await;
        String::from_utf8_lossy(&request[..n]).into_owned()
    });
    (address, task)
}

#[test]
fn plain_http_is_refused_except_to_this_computer() {
    for address in ["http://sync.kicox.or.kr", "http://10.0.0.5:8443"] {
        let Err(failure) = HeadOffice::new(address, None) else { panic!("{address} accepted") };
        assert_eq!((failure.code.as_str(), failure.field.as_deref()), ("bad_address", Some("server_url")));
        assert!(failure.message_ko.contains("https://"), "{}", failure.message_ko);
    }
    for address in ["https://sync.kicox.or.kr", "http://127.0.0.1:8443", "http://localhost:8443", "http://[::1]:8443"] {
        assert!(HeadOffice::new(address, None).is_ok(), "{address}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_not_followed_with_the_password() {
    let elsewhere = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let target = format!("http://{}/v1/session", elsewhere.local_addr().unwrap());
    let redirect = format!(
        "HTTP/1.1 307 Temporary Redirect\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    );
    // The redirect's target takes any connection and hangs up at once.
    let followed = tokio::spawn(async move {
        tokio::time::timeout(std::time::Duration::from_secs(3), elsewhere.accept()).await.is_ok_and(|a| a.is_ok())
    });
    let (address, served) = answering(redirect.into_bytes()).await;
    let office = HeadOffice::new(&address, None).unwrap();
    let failure = office.sign_in(&sign_in()).await.expect_err("not signed in");
    assert!(served.await.unwrap().contains("correct horse battery"), "the first server got the request");
    assert!(!followed.await.unwrap(), "the password was sent on to the redirect's target");
    assert_eq!(failure.code, "http_status", "{failure:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_that_unpacks_into_more_than_any_answer_can_be_is_refused() {
    // 60 MiB of spaces, gzipped to a few tens of kilobytes.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..60 {
        encoder.write_all(&block).unwrap();
    }
    let body = encoder.finish().unwrap();
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let (address, _served) = answering(answer).await;
    let office = HeadOffice::new(&address, None).unwrap();
    let failure = office.sign_in(&sign_in()).await.expect_err("refused");
    assert_eq!(failure.code, "answer_too_large", "{failure:?}");
}
