//! A head office and laptops for the sync tests: the real server on 127.0.0.1:0 with its
//! own database, and desk-core stores in files signed in through the real client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use desk_core::cluster::{self, ClusterInput, Region};
use desk_core::member::{self, MemberInput, MemberKind};
use desk_core::validate::registration_number;
use desk_core::Store;
use desk_server::storage::Storage;
use desk_server::{AppState, Listen};
use desk_sync::account::{self, SignIn};
use desk_sync::{HeadOffice, SyncReport};
use sync_wire::{ClusterInfo, Role};
use tokio::sync::oneshot;

pub const PASSWORD: &str = "correct horse battery";

/// A running head-office server.
pub struct HeadOfficeServer {
    pub dir: tempfile::TempDir,
    pub state: AppState,
    pub address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl HeadOfficeServer {
    pub async fn start() -> HeadOfficeServer {
        let dir = tempfile::tempdir().expect("temp dir");
        HeadOfficeServer::start_in(dir).await
    }

    /// Starts with other connection limits (short timeouts, few connections).
    pub async fn start_with(limits: desk_server::connections::Limits) -> HeadOfficeServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = AppState::open(&dir.path().join("server.sqlite")).expect("server database");
        state.limits = limits;
        HeadOfficeServer::serve(dir, state).await
    }

    /// Starts with other settings (small quotas, say).
    pub async fn start_configured(configure: impl FnOnce(&mut AppState)) -> HeadOfficeServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = AppState::open(&dir.path().join("server.sqlite")).expect("server database");
        configure(&mut state);
        HeadOfficeServer::serve(dir, state).await
    }

    /// Starts on an existing folder (a restart keeps the database).
    pub async fn start_in(dir: tempfile::TempDir) -> HeadOfficeServer {
        let state = AppState::open(&dir.path().join("server.sqlite")).expect("server database");
        HeadOfficeServer::serve(dir, state).await
    }

    async fn serve(dir: tempfile::TempDir, state: AppState) -> HeadOfficeServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(desk_server::serve(Listen { listener, tls: None }, state.clone(), async move {
            let _ = stopped.await;
        }));
        HeadOfficeServer { dir, state, address, stop: Some(stop), task: Some(task) }
    }

    /// The server's database file (for tests that age a token).
    pub fn database(&self) -> PathBuf {
        self.dir.path().join("server.sqlite")
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn storage(&self) -> Arc<dyn Storage> {
        self.state.storage.clone()
    }

    /// Stops gracefully and hands back the folder, for a restart.
    pub async fn stop(mut self) -> tempfile::TempDir {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        self.dir
    }

    pub fn cluster(&self, name: &str) -> ClusterInfo {
        self.storage().create_cluster(name, "capital").expect("cluster")
    }

    /// A manager account bound to `clusters`.
    pub fn manager(&self, login: &str, clusters: &[&ClusterInfo]) {
        let hash = desk_server::auth::hash_password(PASSWORD);
        self.storage().create_account(login, &format!("{login} 매니저"), Role::Manager, &hash).expect("account");
        for c in clusters {
            self.storage().bind_account(login, &c.id).expect("bind");
        }
    }

    pub fn staff(&self, login: &str) {
        let hash = desk_server::auth::hash_password(PASSWORD);
        self.storage().create_account(login, "본부 담당자", Role::Staff, &hash).expect("account");
    }

    /// A signed-in head-office staff client.
    pub async fn staff_client(&self, login: &str) -> HeadOffice {
        let office = HeadOffice::new(&self.url(), None).expect("client");
        let answer = office
            .sign_in(&sync_wire::SignInRequest {
                login: login.into(),
                password: PASSWORD.into(),
                cluster_id: String::new(),
                device_id: format!("staff-desk-{login}"),
                device_label: "본부".into(),
            })
            .await
            .expect("staff sign-in");
        office.with_token(Some(answer.token))
    }

    /// Rows of a table of the server database, for "nothing was written" checks.
    pub fn count(&self, table: &str) -> i64 {
        let conn = rusqlite_open(&self.dir.path().join("server.sqlite"));
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
    }
}

fn rusqlite_open(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("open")
}

/// One manager's laptop: a database file, its attachments folder, a signed-in client.
pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub office: Option<HeadOffice>,
}

impl Laptop {
    pub fn new() -> Laptop {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("cluster.sqlite")).expect("store");
        Laptop { dir, store, office: None }
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join("cluster.sqlite")
    }

    pub fn attachments(&self) -> PathBuf {
        self.dir.path().join("attachments")
    }

    pub async fn sign_in(&mut self, server: &HeadOfficeServer, login: &str, cluster_id: &str) {
        self.sign_in_to(&server.url(), login, cluster_id).await;
    }

    pub async fn sign_in_url(&mut self, url: &str, login: &str) {
        self.sign_in_to(url, login, "").await;
    }

    async fn sign_in_to(&mut self, url: &str, login: &str, cluster_id: &str) {
        let database = self.database();
        let answer = account::sign_in(
            &mut self.store,
            &database,
            &SignIn { server_url: url, login, password: PASSWORD, cluster_id, device_label: "test laptop" },
        )
        .await
        .expect("sign-in");
        self.office = Some(HeadOffice::new(url, Some(answer.token)).expect("client"));
    }

    pub async fn sync(&mut self) -> SyncReport {
        self.try_sync().await.expect("sync")
    }

    pub async fn try_sync(&mut self) -> Result<SyncReport, desk_sync::SyncFailure> {
        let office = self.office.clone().expect("signed in");
        let folder = self.attachments();
        desk_sync::sync_once(&mut self.store, &office, &folder).await
    }

    pub fn cluster_id(&self) -> String {
        cluster::current(self.store.conn()).expect("read").expect("a cluster").id
    }

    pub fn add_company(&mut self, name: &str, n: u32) -> String {
        let cluster = self.cluster_id();
        let input = company(name, n);
        self.store.write(|w| member::create(w, &cluster, &input)).expect("company")
    }

    /// A regular meeting of this laptop's cluster on 2026-12-03.
    pub fn add_meeting(&mut self, title: &str) -> String {
        let cluster = self.cluster_id();
        let input = desk_core::event::EventInput {
            kind: Some(desk_core::event::EventKind::RegularMeeting),
            title: title.into(),
            starts_at: "2026-12-03T14:00:00+09:00".into(),
            ends_at: "2026-12-03T16:00:00+09:00".into(),
            place: "남동 비즈니스센터".into(),
            agenda: String::new(),
            group_id: None,
            visited_member_id: None,
        };
        self.store.write(|w| desk_core::event::create(w, &cluster, &input)).expect("meeting")
    }

    pub fn value(&self, sql: &str) -> String {
        self.store.conn().query_row(sql, [], |r| r.get::<_, String>(0)).expect(sql)
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// Every synced row of every synced table, for comparing replicas.
    pub fn snapshot(&self) -> Vec<String> {
        snapshot(&self.store)
    }
}

pub fn snapshot(store: &Store) -> Vec<String> {
    let mut rows = Vec::new();
    for (table, _) in desk_core::sync::synced_fields() {
        let mut stmt = store.conn().prepare(&format!("SELECT * FROM {table} ORDER BY id")).expect("select");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("query");
        while let Some(row) = q.next().expect("row") {
            let values: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).expect("value") {
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            rows.push(format!("{table}|{}", values.join("|")));
        }
    }
    rows
}

/// Fails with only the rows that differ, not two walls of rows.
pub fn assert_same_rows(left: &[String], right: &[String], what: &str) {
    let only_left: Vec<&String> = left.iter().filter(|r| !right.contains(r)).collect();
    let only_right: Vec<&String> = right.iter().filter(|r| !left.contains(r)).collect();
    assert!(
        only_left.is_empty() && only_right.is_empty(),
        "{what}: rows only on the left {only_left:#?}, only on the right {only_right:#?}"
    );
}

pub fn cluster_input(name: &str) -> ClusterInput {
    ClusterInput {
        name: name.into(),
        complex_name: "남동국가산업단지".into(),
        region: Region::Capital,
        industry_theme: "화장품·화학".into(),
        manager_name: "장매니저".into(),
    }
}

pub fn brn(n: u32) -> String {
    let digits = format!("{:09}", 101_000_000 + n);
    let mut nine = [0u8; 9];
    for (i, b) in digits.bytes().enumerate() {
        nine[i] = b - b'0';
    }
    registration_number::format(&registration_number::complete(nine))
}

pub fn company(name: &str, n: u32) -> MemberInput {
    MemberInput {
        kind: Some(MemberKind::Company),
        name: name.into(),
        registration_number: brn(n),
        ceo_name: "홍길동".into(),
        industry: "화장품 제조".into(),
        ..Default::default()
    }
}

/// A head office with one cluster and one manager, and two laptops of that manager:
/// the first created the cluster and synced it, the second pulled it.
pub async fn office_with_two_laptops() -> (HeadOfficeServer, ClusterInfo, Laptop, Laptop) {
    two_laptops_on(HeadOfficeServer::start().await).await
}

/// The same, on a server already started (with other settings).
pub async fn two_laptops_on(server: HeadOfficeServer) -> (HeadOfficeServer, ClusterInfo, Laptop, Laptop) {
    let cluster = server.cluster("남동 화장품 미니클러스터");
    server.manager("jang", &[&cluster]);
    let mut first = Laptop::new();
    first.store.write(|w| cluster::create(w, &cluster_input("남동 화장품 미니클러스터"))).expect("cluster");
    first.sign_in(&server, "jang", "").await;
    first.sync().await;
    let mut second = Laptop::new();
    second.sign_in(&server, "jang", "").await;
    second.sync().await;
    (server, cluster, first, second)
}
