//! The Linux package (.deb) as a user gets it: installed with dpkg, started from its
//! installed path in a real window under Xvfb, and removed again.
//!
//! It installs a package on the machine, so a plain `cargo test` skips it;
//! `scripts/test.sh` builds the package and runs it with `CLUSTER_DESK_DEB` set (CI runs
//! as root; elsewhere it uses sudo).
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::{Display, Driver};

/// Runs a package command as root (directly when we are root, else through sudo).
fn as_root(args: &[&str]) -> std::process::Output {
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let mut command = if root { Command::new(args[0]) } else { Command::new("sudo") };
    if !root {
        command.arg("-n").arg(args[0]);
    }
    command.args(&args[1..]).output().expect("run a package command")
}

/// Removes the package again even when the test fails halfway.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = as_root(&["dpkg", "-r", "cluster-desk"]);
    }
}

#[test]
#[ignore = "installs a package: scripts/test.sh builds it and runs this"]
fn the_deb_installs_starts_in_korean_and_removes_cleanly() {
    let deb = PathBuf::from(std::env::var_os("CLUSTER_DESK_DEB").expect("CLUSTER_DESK_DEB names the .deb to install"));
    let fields = Command::new("dpkg-deb").args(["--field"]).arg(&deb).output().expect("dpkg-deb");
    let fields = String::from_utf8_lossy(&fields.stdout);
    let depends = fields.lines().find(|l| l.starts_with("Depends:")).unwrap_or_default();
    assert!(depends.contains("libwebkit2gtk-4.1-0") && depends.contains("fonts-nanum"), "{depends}");

    let out = as_root(&["dpkg", "-i", deb.to_str().expect("path")]);
    assert!(out.status.success(), "dpkg -i: {}", String::from_utf8_lossy(&out.stderr));
    let _installed = Installed;
    let desktop = std::fs::read_to_string("/usr/share/applications/cluster-desk.desktop").expect("desktop entry");
    assert!(desktop.contains("Name[ko]=클러스터 데스크") && desktop.contains("Exec=cluster-desk"), "{desktop}");
    assert!(PathBuf::from("/usr/share/icons/hicolor/256x256/apps/cluster-desk.png").is_file());

    // The installed program, in a real window, on a database of its own.
    let display = Display::start();
    let driver = Driver::start(&display);
    let data = tempfile::tempdir().expect("temp dir");
    let database = data.path().join("cluster.sqlite");
    let app = driver.launch(&PathBuf::from("/usr/bin/cluster-desk"), &["--database", database.to_str().expect("path")]);
    let open_demo = app.wait_for("#open-demo", 30);
    assert_eq!(app.text(&open_demo), "데모 클러스터 열기");
    app.click(&open_demo);
    let name = app.wait_for_text("#cluster-name", 60, |t| !t.is_empty());
    assert_eq!(name, "남동 친환경나노 미니클러스터");
    app.screenshot("installed-deb");
    app.close();
    drop(driver);

    let out = as_root(&["dpkg", "-r", "cluster-desk"]);
    assert!(out.status.success(), "dpkg -r: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!PathBuf::from("/usr/bin/cluster-desk").exists(), "removed");
    assert!(database.is_file(), "removing the program leaves the user's data");
}
