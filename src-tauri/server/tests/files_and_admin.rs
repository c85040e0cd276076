//! Attachments travel apart from records (resumable, size-limited, per cluster), and the
//! server binary: its admin command line, its refusal of plain HTTP off loopback, HTTPS.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{cluster_input, office_with_two_laptops, two_laptops_on, HeadOfficeServer, Laptop};
use desk_core::attachment;
use desk_core::cluster;
use desk_sync::FailureKind;

fn bytes_of(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i * 31 % 251) as u8).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attachment_uploads_in_pieces_resumes_and_reaches_the_other_laptop() {
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let member = first.add_company("(주)사진", 77);
    let photo = bytes_of(9 * 1024 * 1024 + 123); // three pieces
    let folder = first.attachments();
    let added = first
        .store
        .write(|w| attachment::attach_bytes(w, &folder, "member", &member, "공장 전경.jpg", &photo))
        .unwrap();
    let hash = added.content_hash.clone();

    // Records first; then one piece by hand, as if the connection dropped after it.
    let office = first.office.clone().unwrap();
    desk_sync::engine::push_all(&mut first.store, &office, &mut Default::default()).await.unwrap();
    let offset = office.upload_piece(&hash, 0, photo.len() as u64, photo[..4 * 1024 * 1024].to_vec()).await.unwrap();
    assert_eq!(offset, 4 * 1024 * 1024);
    assert_eq!(office.file_offset(&hash).await.unwrap(), (offset, photo.len() as u64, false));

    let report = first.sync().await;
    assert_eq!(report.files_uploaded, 1, "{report:?}");
    assert_eq!(office.file_offset(&hash).await.unwrap(), (photo.len() as u64, photo.len() as u64, true));

    let report = second.sync().await;
    assert_eq!(report.files_downloaded, 1, "{report:?}");
    let there = std::fs::read(attachment::blob_path(&second.attachments(), &hash)).expect("the file arrived");
    assert_eq!(there, photo);

    // Another cluster cannot reach it, even knowing its hash.
    let other = server.cluster("반월");
    server.manager("park", &[&other]);
    let mut park = Laptop::new();
    park.store.write(|w| cluster::create(w, &cluster_input("반월"))).unwrap();
    park.sign_in(&server, "park", "").await;
    let failure = park.office.clone().unwrap().download_from(&hash, 0).await.expect_err("not park's file");
    assert_eq!(failure.code, "not_found");

    // Over the limit: a clear answer, in Korean, naming it.
    let failure =
        office.upload_piece(&hash.replace('a', "b"), 0, 60 * 1024 * 1024, vec![0; 10]).await.expect_err("too large");
    assert!(failure.code == "not_found" || failure.code == "too_large", "{failure:?}");
    let failure = office.upload_piece(&hash, 0, 60 * 1024 * 1024, vec![0; 10]).await.expect_err("too large");
    assert_eq!(failure.code, "too_large");
    assert!(failure.message_ko.contains("50 MB"), "{}", failure.message_ko);
    assert_ne!(failure.kind, FailureKind::Offline);
}

/// A second cluster's laptop, signed in and synced.
async fn neighbour(server: &HeadOfficeServer) -> Laptop {
    let other = server.cluster("반월");
    server.manager("park", &[&other]);
    let mut park = Laptop::new();
    park.store.write(|w| cluster::create(w, &cluster_input("반월"))).unwrap();
    park.sign_in(server, "park", "").await;
    park.sync().await;
    park
}

/// Attaches `bytes` to a new member of the laptop's cluster and pushes the records (not
/// the file); returns the file's hash.
async fn attach(laptop: &mut Laptop, name: &str, bytes: &[u8]) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(100);
    let member = laptop.add_company(name, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let folder = laptop.attachments();
    let added =
        laptop.store.write(|w| attachment::attach_bytes(w, &folder, "member", &member, "견적서.pdf", bytes)).unwrap();
    let office = laptop.office.clone().unwrap();
    desk_sync::engine::push_all(&mut laptop.store, &office, &mut Default::default()).await.unwrap();
    added.content_hash
}

/// Finding 8: two clusters uploading the same file each have their own upload, so one
/// cannot spoil the other's; a wrong declared length or a wrong hash starts the upload
/// over instead of wedging it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_per_cluster_and_a_wrong_start_is_undone() {
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let mut park = neighbour(&server).await;
    let file = bytes_of(5 * 1024 * 1024 + 7);
    let total = file.len() as u64;
    let hash = attach(&mut first, "(주)도면", &file).await;
    assert_eq!(attach(&mut park, "(주)반월도면", &file).await, hash);

    // Park sends a piece of garbage for the same file: it lands in park's upload only.
    let park_office = park.office.clone().unwrap();
    let garbage = vec![0u8; 4 * 1024 * 1024];
    assert_eq!(park_office.upload_piece(&hash, 0, total, garbage).await.unwrap(), 4 * 1024 * 1024);
    let office = first.office.clone().unwrap();
    assert_eq!(office.file_offset(&hash).await.unwrap(), (0, 0, false), "park's piece is not the first cluster's");

    // The first laptop starts with a wrong length; its next sync starts over and finishes.
    office.upload_piece(&hash, 0, total + 10, file[..1024].to_vec()).await.unwrap();
    assert_eq!(office.file_offset(&hash).await.unwrap(), (1024, total + 10, false));
    let report = first.sync().await;
    assert_eq!(report.files_uploaded, 1, "{report:?}");
    assert_eq!(office.file_offset(&hash).await.unwrap(), (total, total, true));
    let report = second.sync().await;
    assert_eq!(report.files_downloaded, 1, "{report:?}");
    assert_eq!(std::fs::read(attachment::blob_path(&second.attachments(), &hash)).unwrap(), file);

    // Park's garbage never became the file; park now finds it whole, and its own upload
    // is dropped (its room in the quota freed) at its next piece.
    assert_eq!(park_office.file_offset(&hash).await.unwrap(), (total, total, true));
    let park_id = server.storage().clusters().unwrap().into_iter().find(|c| c.name == "반월").unwrap().id;
    assert!(server.storage().upload(&park_id, &hash).unwrap().is_some());
    park_office.upload_piece(&hash, 4 * 1024 * 1024, total, file[4 * 1024 * 1024..].to_vec()).await.unwrap();
    assert!(server.storage().upload(&park_id, &hash).unwrap().is_none());
    let report = park.sync().await;
    assert_eq!(report.files_uploaded, 1, "{report:?}");

    // Pieces that add up to other bytes: refused, and the upload forgotten (any length may
    // come next), so the laptop's own sync then uploads the real file.
    let other = bytes_of(300_001).into_iter().rev().collect::<Vec<u8>>();
    let other_hash = attach(&mut first, "(주)사진", &other).await;
    let failure = office
        .upload_piece(&other_hash, 0, other.len() as u64, vec![7u8; other.len()])
        .await
        .expect_err("not the file's bytes");
    assert_eq!(failure.code, "upload_mismatch");
    assert_eq!(office.file_offset(&other_hash).await.unwrap(), (0, 0, false));
    assert!(!server.dir.path().join("files/partial").read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(&other_hash)));
    let report = first.sync().await;
    assert_eq!(report.files_uploaded, 1, "{report:?}");
}

/// Findings 3 and 8: files count against the cluster's quota, changes against the
/// cluster's and the device's, with a clear answer; an abandoned upload is swept away
/// and frees its room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_hold_and_abandoned_uploads_are_swept() {
    let server = HeadOfficeServer::start_configured(|state| {
        state.quotas = desk_server::storage::Quotas { cluster_bytes: 3 * 1024 * 1024, device_bytes: 1024 * 1024 };
    })
    .await;
    let (server, cluster, mut first, mut second) = two_laptops_on(server).await;
    let office = first.office.clone().unwrap();

    // A 4 MiB file does not fit in 3 MiB: refused before any byte is kept; sync goes on.
    let big = bytes_of(4 * 1024 * 1024);
    let big_hash = attach(&mut first, "(주)큰파일", &big).await;
    let failure = office.upload_piece(&big_hash, 0, big.len() as u64, big[..1024].to_vec()).await.expect_err("quota");
    assert_eq!(failure.code, "quota_exceeded");
    assert!(failure.message_ko.contains("3 MB") && failure.message_ko.contains("클러스터"), "{}", failure.message_ko);
    assert_eq!(failure.kind, FailureKind::Invalid);
    let report = first.sync().await;
    assert_eq!(report.files_uploaded, 0, "{report:?}");

    // A 1 MiB upload, abandoned after its first piece, holds room until it is swept.
    let small = bytes_of(1024 * 1024);
    let small_hash = attach(&mut first, "(주)작은파일", &small).await;
    let storage = server.storage();
    let before = storage.cluster_usage(&cluster.id).unwrap();
    office.upload_piece(&small_hash, 0, small.len() as u64, small[..1000].to_vec()).await.unwrap();
    assert_eq!(storage.cluster_usage(&cluster.id).unwrap(), before + small.len() as i64);
    let pieces = server.dir.path().join("files/partial");
    assert_eq!(pieces.read_dir().unwrap().count(), 1);
    assert_eq!(desk_server::files::sweep_abandoned(&server.state, desk_server::files::ABANDONED_AFTER).unwrap(), 0);
    assert_eq!(desk_server::files::sweep_abandoned(&server.state, std::time::Duration::ZERO).unwrap(), 1);
    assert_eq!(pieces.read_dir().unwrap().count(), 0);
    assert_eq!(office.file_offset(&small_hash).await.unwrap(), (0, 0, false));
    assert_eq!(storage.cluster_usage(&cluster.id).unwrap(), before);
    // A whole file counts for good.
    let report = first.sync().await;
    assert_eq!(report.files_uploaded, 1, "{report:?}");
    assert_eq!(storage.cluster_usage(&cluster.id).unwrap(), before + small.len() as i64);

    // One laptop's changes stop at its own quota (1 MiB): nothing is half-stored and
    // nothing typed is lost; the other laptop of the cluster still syncs.
    let changes_before = server.count("change");
    // Two notes of 900 KB each (a value may be up to 1 MiB).
    let note = "가".repeat(300_000);
    for n in 0..2 {
        let member = first.add_company(&format!("(주)메모{n}"), 40 + n);
        first
            .store
            .write(|w| {
                let mut input = desk_core::member::get(w.tx(), &member)?.to_input();
                input.notes = note.clone();
                desk_core::member::update(w, &member, &input)
            })
            .unwrap();
    }
    let failure = first.try_sync().await.expect_err("over the laptop's quota");
    assert_eq!(failure.code, "quota_exceeded");
    assert!(failure.message_ko.contains("노트북") && failure.message_ko.contains("1 MB"), "{}", failure.message_ko);
    assert_eq!(server.count("change"), changes_before, "a refused page leaves no trace");
    assert!(desk_core::sync::pending_changes(first.store.conn()).unwrap() > 0, "kept to push later");
    second.add_company("(주)둘째", 41);
    second.sync().await;
}

fn server_command(database: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cluster-desk-server"));
    command.env("CLUSTER_DESK_SERVER_DB", database);
    command
}

fn admin(database: &std::path::Path, args: &[&str]) -> String {
    let output = server_command(database)
        .arg("admin")
        .args(args)
        .env("CLUSTER_DESK_PASSWORD", "a long enough password")
        .output()
        .expect("run admin");
    assert!(output.status.success(), "admin {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_command_line_manages_clusters_accounts_and_devices() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("server.sqlite");
    let created = admin(&database, &["create-cluster", "--name", "남동 화장품", "--region", "capital"]);
    let cluster_id = created.trim().rsplit(' ').next().unwrap().to_string();
    assert!(admin(&database, &["clusters"]).contains("남동 화장품"));
    admin(&database, &["create-account", "--login", "jang", "--name", "장매니저", "--role", "manager"]);
    admin(&database, &["bind", "--login", "jang", "--cluster", &cluster_id]);
    let refused = server_command(&database)
        .args(["admin", "create-cluster", "--name", "x", "--region", "mars"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown region"));

    // A laptop signs in against the served database; the admin sees and revokes it.
    let mut child = server_command(&database)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("listening on ").unwrap().to_string();
    let mut laptop = Laptop::new();
    laptop.store.write(|w| cluster::create(w, &cluster_input("남동 화장품"))).unwrap();
    let database_path = laptop.database();
    desk_sync::account::sign_in(
        &mut laptop.store,
        &database_path,
        &desk_sync::account::SignIn {
            server_url: &url,
            login: "jang",
            password: "a long enough password",
            cluster_id: "",
            device_label: "장매니저 노트북",
        },
    )
    .await
    .expect("sign-in");
    laptop.office = Some(
        desk_sync::HeadOffice::new(&url, desk_sync::token::load(&desk_sync::token::token_path(&database_path)))
            .unwrap(),
    );
    laptop.add_company("(주)한빛", 1);
    laptop.sync().await;

    let devices = admin(&database, &["devices"]);
    assert!(devices.contains("장매니저 노트북") && devices.contains(laptop.store.device_id()), "{devices}");
    let summary = admin(&database, &["summary"]);
    assert!(summary.contains("capital\t1\t1\t0"), "one cluster with one company in the capital region:\n{summary}");
    admin(&database, &["revoke", "--device", laptop.store.device_id()]);
    let failure = laptop.try_sync().await.expect_err("revoked");
    assert_eq!(failure.kind, FailureKind::SignedOut);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let folder = tempfile::tempdir().unwrap();
    let output =
        server_command(&folder.path().join("server.sqlite")).args(["serve", "--listen", "0.0.0.0:0"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing plain HTTP"));
}

#[test]
fn a_quota_flag_must_be_a_number_of_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, value) in [("--cluster-quota-mb", "lots"), ("--device-quota-mb", "0")] {
        let output = server_command(&dir.path().join("server.sqlite"))
            .args(["serve", "--listen", "127.0.0.1:0", flag, value])
            .output()
            .expect("run the server");
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(flag) && stderr.contains("megabytes"), "{stderr}");
    }
}

// The certificates are made with Debian's openssl command, which a Windows test binary
// under Wine cannot start; the TLS code itself is the same on both systems (rustls).
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_a_given_certificate() {
    let folder = tempfile::tempdir().unwrap();
    let path = |name: &str| folder.path().join(name).to_string_lossy().into_owned();
    let (ca, ca_key, csr, cert, key, ext) =
        (path("ca.pem"), path("ca.key"), path("server.csr"), path("cert.pem"), path("key.pem"), path("ext.cnf"));
    std::fs::write(&ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
    // Head office's own certificate authority, and a server certificate it signed.
    let steps: [Vec<&str>; 3] = [
        vec![
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=KICOX test CA",
            "-keyout",
            &ca_key,
            "-out",
            &ca,
        ],
        vec!["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", &key, "-out", &csr],
        vec![
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca,
            "-CAkey",
            &ca_key,
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            &ext,
            "-out",
            &cert,
        ],
    ];
    for step in steps {
        let made = Command::new("openssl").args(&step).output().expect("openssl (installed by scripts/setup.sh)");
        assert!(made.status.success(), "openssl {step:?}: {}", String::from_utf8_lossy(&made.stderr));
    }
    let mut child = server_command(&folder.path().join("server.sqlite"))
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-cert"])
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("listening on ").unwrap().replace("127.0.0.1", "localhost");
    assert!(url.starts_with("https://"), "{url}");
    let pem = std::fs::read(&ca).unwrap();
    let office = desk_sync::HeadOffice::with_certificate(&url, None, Some(&pem)).unwrap();
    let health = office.health().await.expect("health over TLS");
    assert_eq!(health.status, "ok");
    let untrusting = desk_sync::HeadOffice::new(&url, None).unwrap();
    assert!(untrusting.health().await.is_err(), "an unknown certificate is not trusted");
    let _ = child.kill();
    let _ = child.wait();
}
