//! The Windows build, checked on Linux under Wine (Debian's wine64): the per-user
//! installer, installing over an older version, uninstalling with and without the user's
//! data, the app's command line, and the head-office server syncing with a Linux laptop.
//!
//! The window itself cannot run under Wine (there is no WebView2 there); everything else
//! can. These tests need the cross-built files, so they are ignored by a plain `cargo
//! test`; `scripts/test.sh` builds the installer and the server for Windows and runs them
//! with `CLUSTER_DESK_WINDOWS_DIR` pointing at the folder that holds both.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The folder with `cluster-desk-<version>-setup.exe` and `cluster-desk-server.exe`.
fn windows_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CLUSTER_DESK_WINDOWS_DIR").expect(
        "CLUSTER_DESK_WINDOWS_DIR names the folder of the Windows build; scripts/test.sh builds it and sets it",
    ))
}

fn installer() -> PathBuf {
    std::fs::read_dir(windows_dir())
        .expect("the Windows build folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-setup.exe")))
        .expect("a cluster-desk-<version>-setup.exe in CLUSTER_DESK_WINDOWS_DIR")
}

/// A Wine prefix of its own (a fresh "Windows user profile"), with a home folder of its
/// own so that Wine's desktop and documents folders never touch the real ones.
struct Wine {
    dir: tempfile::TempDir,
}

impl Wine {
    fn new() -> Wine {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        let wine = Wine { dir };
        let booted = wine.command("wineboot").arg("--init").output().expect("run wineboot (Debian's wine64)");
        assert!(booted.status.success(), "wineboot: {}", String::from_utf8_lossy(&booted.stderr));
        // Wine 8 has no bcryptprimitives.dll, which Rust programs need on Windows 10 and 11
        // (where it is part of the system): scripts/test.sh builds a stand-in for the prefix.
        let shim = windows_dir().join("bcryptprimitives.dll");
        std::fs::copy(&shim, wine.drive_c().join("windows/system32/bcryptprimitives.dll"))
            .unwrap_or_else(|e| panic!("copy {}: {e}", shim.display()));
        wine
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("WINEPREFIX", self.dir.path().join("prefix"))
            .env("HOME", self.dir.path().join("home"))
            .env("WINEDEBUG", "-all")
            // No Mono or Gecko installers: nothing here needs .NET or a browser engine.
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY")
            .stdin(Stdio::null());
        command
    }

    /// Runs a Windows program under Wine and waits for it.
    fn run(&self, program: &Path, args: &[&str]) -> Output {
        self.command("wine").arg(program).args(args).output().expect("run wine")
    }

    fn drive_c(&self) -> PathBuf {
        self.dir.path().join("prefix/drive_c")
    }

    /// `C:\users\<user>` on the Linux side.
    fn profile(&self) -> PathBuf {
        let users = self.drive_c().join("users");
        std::fs::read_dir(&users)
            .expect("users")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n != "Public"))
            .expect("the Wine user's profile")
    }

    fn install_dir(&self) -> PathBuf {
        self.profile().join("AppData/Local/Programs/ClusterDesk")
    }

    /// Where the app keeps its data: `%APPDATA%\kr.or.kicox.clusterdesk`.
    fn data_dir(&self) -> PathBuf {
        self.profile().join("AppData/Roaming/kr.or.kicox.clusterdesk")
    }

    /// A Linux path inside the prefix as Windows sees it.
    fn windows_path(&self, path: &Path) -> String {
        let relative = path.strip_prefix(self.drive_c()).expect("a path on drive C");
        format!("C:\\{}", relative.display().to_string().replace('/', "\\"))
    }

    fn install(&self, args: &[&str]) {
        let out = self.run(&installer(), &[&["/S", "/WEBVIEW2=skip"], args].concat());
        assert!(out.status.success(), "installer: {}", String::from_utf8_lossy(&out.stderr));
        assert!(self.install_dir().join("cluster-desk.exe").is_file(), "the app is installed");
    }

    /// Runs the uninstaller and waits until it has finished (NSIS's uninstaller copies
    /// itself away and returns at once).
    fn uninstall(&self, args: &[&str]) {
        let out = self.run(&self.install_dir().join("uninstall.exe"), &[&["/S"], args].concat());
        assert!(out.status.success(), "uninstaller: {}", String::from_utf8_lossy(&out.stderr));
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.install_dir().join("cluster-desk.exe").exists() {
            assert!(Instant::now() < deadline, "the uninstaller did not remove the app");
            std::thread::sleep(Duration::from_millis(200));
        }
        let _ = self.command("wineserver").arg("-w").status();
    }

    fn app(&self, args: &[&str]) -> Output {
        self.run(&self.install_dir().join("cluster-desk.exe"), args)
    }

    /// A registry value under HKCU, as `reg query` prints it.
    fn registry(&self, key: &str, value: &str) -> Option<String> {
        let out = self.command("wine").args(["reg", "query", key, "/v", value]).output().expect("reg");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .find(|l| l.trim_start().starts_with(value))
            .map(|l| l.split_whitespace().last().unwrap_or("").to_string())
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = self.command("wineserver").arg("-k").status();
    }
}

const UNINSTALL_KEY: &str = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ClusterDesk";

#[test]
#[ignore = "needs the Windows build and Wine: scripts/test.sh runs it"]
fn the_installer_installs_per_user_and_keeps_the_data_through_upgrades_and_uninstalls() {
    let wine = Wine::new();
    wine.install(&[]);
    let install = wine.install_dir();
    for file in ["cluster-desk.exe", "WebView2Loader.dll", "uninstall.exe"] {
        assert!(install.join(file).is_file(), "{file} installed in %LOCALAPPDATA%\\Programs\\ClusterDesk");
    }
    let start_menu = wine.profile().join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/클러스터 데스크.lnk");
    assert!(start_menu.is_file(), "a start-menu shortcut named 클러스터 데스크");
    let desktop = std::fs::read_dir(wine.profile().join("Desktop"))
        .expect("desktop")
        .flatten()
        .any(|e| e.file_name() == "클러스터 데스크.lnk");
    assert!(desktop, "a desktop shortcut named 클러스터 데스크");
    assert_eq!(wine.registry(UNINSTALL_KEY, "DisplayVersion").as_deref(), Some(env!("CARGO_PKG_VERSION")));

    // An older version's database (schema 3) in %APPDATA%: installing over it keeps it.
    let database = wine.data_dir().join("cluster-desk.sqlite");
    std::fs::create_dir_all(wine.data_dir()).expect("data dir");
    desk_core::Store::create_at_version(&database, 3).expect("a schema-3 database");
    let before = std::fs::read(&database).expect("read");
    wine.install(&[]);
    assert_eq!(std::fs::read(&database).expect("read"), before, "installing over an older version keeps the database");

    // The new version upgrades it on first use, after a backup copy.
    let out = wine.app(&["demo", "--database", &wine.windows_path(&database), "--today", "2026-11-29"]);
    assert!(out.status.success(), "demo under Wine: {}", String::from_utf8_lossy(&out.stderr));
    assert!(wine.data_dir().join("cluster-desk.v3.bak").is_file(), "the migration's backup copy");
    let store = desk_core::Store::open(&database).expect("open the upgraded database");
    let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, desk_core::Store::schema_version());
    drop(store);

    // Uninstalling keeps the data unless asked.
    wine.uninstall(&[]);
    assert!(!install.join("cluster-desk.exe").exists());
    assert!(!start_menu.exists(), "the shortcut goes with the app");
    assert!(database.is_file(), "the manager's data outlives the program");
    assert_eq!(wine.registry(UNINSTALL_KEY, "DisplayVersion"), None);

    wine.install(&[]);
    wine.uninstall(&["/DELETEDATA"]);
    assert!(!wine.data_dir().exists(), "asked to, the uninstaller deletes the data too");
}

/// Every synced row of the demo cluster, with the values that differ by device (the
/// device id inside the clock, the creation times) left out.
fn demo_rows(database: &Path) -> Vec<String> {
    let store = desk_core::Store::open(database).expect("open");
    let mut rows = Vec::new();
    for (table, _) in desk_core::sync::synced_fields() {
        let mut stmt = store.conn().prepare(&format!("SELECT * FROM {table} ORDER BY id")).expect("select");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("query");
        while let Some(row) = q.next().expect("row") {
            let values: Vec<String> = (0..n).map(|i| format!("{:?}", row.get_ref(i).expect("value"))).collect();
            rows.push(format!("{table}|{}", values.join("|")));
        }
    }
    rows
}

#[test]
#[ignore = "needs the Windows build and Wine: scripts/test.sh runs it"]
fn the_command_line_makes_the_same_demo_cluster_under_windows_as_on_linux() {
    let wine = Wine::new();
    wine.install(&[]);
    let windows_db = wine.drive_c().join("demo.sqlite");
    let out = wine.app(&["demo", "--database", "C:\\demo.sqlite", "--today", "2026-11-29"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("데모 클러스터를 만들었습니다"));

    let linux = tempfile::tempdir().expect("temp dir");
    let linux_db = linux.path().join("demo.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_cluster-desk"))
        .args(["demo", "--database"])
        .arg(&linux_db)
        .args(["--today", "2026-11-29"])
        .env_remove("DISPLAY")
        .output()
        .expect("run the Linux app");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let (windows_rows, linux_rows) = (demo_rows(&windows_db), demo_rows(&linux_db));
    assert!(linux_rows.len() > 1000, "{} rows", linux_rows.len());
    let differing: Vec<_> = windows_rows.iter().zip(&linux_rows).filter(|(w, l)| w != l).take(5).collect();
    assert!(
        windows_rows.len() == linux_rows.len() && differing.is_empty(),
        "the same seed and day give the same cluster on both systems: {} vs {} rows, first differences {differing:#?}",
        windows_rows.len(),
        linux_rows.len()
    );
}

#[test]
#[ignore = "needs the Windows build and Wine: scripts/test.sh runs it"]
fn a_linux_laptop_syncs_with_the_head_office_server_running_under_windows() {
    let wine = Wine::new();
    let server = windows_dir().join("cluster-desk-server.exe");
    let admin = |args: &[&str]| {
        let out = wine
            .command("wine")
            .arg(&server)
            .arg("admin")
            .args(args)
            .env("CLUSTER_DESK_SERVER_DB", "C:\\server.sqlite")
            .env("CLUSTER_DESK_PASSWORD", "correct horse battery")
            .output()
            .expect("run the server's admin command");
        assert!(out.status.success(), "admin {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let created = admin(&["create-cluster", "--name", "와인 시험 미니클러스터", "--region", "capital"]);
    let cluster_id = created
        .split_whitespace()
        .find(|w| uuid_like(w))
        .unwrap_or_else(|| panic!("a cluster id in {created:?}"))
        .to_string();
    admin(&["create-account", "--login", "wine", "--name", "와인매니저", "--role", "manager"]);
    admin(&["bind", "--login", "wine", "--cluster", &cluster_id]);

    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let mut serving = wine
        .command("wine")
        .arg(&server)
        .args(["serve", "--database", "C:\\server.sqlite", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server under Wine");
    let url = format!("http://127.0.0.1:{port}");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async {
            let deadline = Instant::now() + Duration::from_secs(60);
            let client = reqwest::Client::new();
            loop {
                if client.get(format!("{url}/v1/health")).send().await.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                assert!(Instant::now() < deadline, "the server under Wine did not answer");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            // The first laptop creates the cluster's records and pushes them; a second
            // pulls them back through the Windows server.
            let dir = tempfile::tempdir().expect("temp dir");
            let first_db = dir.path().join("first.sqlite");
            let mut first = desk_core::Store::open(&first_db).expect("store");
            first
                .write(|w| {
                    desk_core::cluster::create(
                        w,
                        &desk_core::cluster::ClusterInput {
                            name: "와인 시험 미니클러스터".into(),
                            complex_name: "남동국가산업단지".into(),
                            region: desk_core::cluster::Region::Capital,
                            industry_theme: "화장품".into(),
                            manager_name: "와인매니저".into(),
                        },
                    )
                })
                .expect("cluster");
            let office = sign_in(&mut first, &first_db, &url).await;
            desk_sync::sync_once(&mut first, &office, &dir.path().join("a")).await.expect("push");
            let second_db = dir.path().join("second.sqlite");
            let mut second = desk_core::Store::open(&second_db).expect("store");
            let office = sign_in(&mut second, &second_db, &url).await;
            desk_sync::sync_once(&mut second, &office, &dir.path().join("b")).await.expect("pull");
            let name: String =
                second.conn().query_row("SELECT name FROM cluster", [], |r| r.get(0)).expect("the pulled cluster");
            assert_eq!(name, "와인 시험 미니클러스터");
            let summary: Value =
                client.get(format!("{url}/v1/health")).send().await.expect("health").json().await.expect("json");
            assert_eq!(summary["status"], "ok");
        })
    }));
    let _ = serving.kill();
    let _ = serving.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// Signs a Linux laptop in through the real client.
async fn sign_in(store: &mut desk_core::Store, database: &Path, url: &str) -> desk_sync::HeadOffice {
    let answer = desk_sync::account::sign_in(
        store,
        database,
        &desk_sync::account::SignIn {
            server_url: url,
            login: "wine",
            password: "correct horse battery",
            cluster_id: "",
            device_label: "Linux laptop",
        },
    )
    .await
    .expect("sign in to the server under Wine");
    desk_sync::HeadOffice::new(url, Some(answer.token)).expect("client")
}

fn uuid_like(word: &str) -> bool {
    word.len() == 36 && word.chars().filter(|c| *c == '-').count() == 4
}
