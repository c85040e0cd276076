//! The Tauri shell of Cluster Desk: opens the cluster database and exposes the core to the
//! window through typed commands. It holds no domain logic of its own.

pub mod cli;
pub mod commands;
pub mod state;
pub mod sync_commands;

use std::path::PathBuf;

use tauri::{Emitter, Manager};

/// How long a close request waits for the window to save what it has before the app ends
/// anyway (a hung page must not keep it open). The window normally answers in a few ms.
const CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Where the database is when neither `--database PATH` nor `CLUSTER_DESK_DB` says.
const DATABASE_FILE: &str = "cluster-desk.sqlite";

/// The database path the user asked for on the command line or in the environment.
pub fn requested_database_path(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--database" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--database=") {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os("CLUSTER_DESK_DB").filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Creates the app's own data folder readable by this user only (on Unix; on Windows the
/// per-user AppData folder is private already). A folder the user named is left as it is.
pub fn private_folder(folder: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

pub fn run() {
    let result = tauri::Builder::default()
        .setup(|app| {
            let path = match requested_database_path(std::env::args().skip(1)) {
                Some(path) => path,
                None => {
                    let folder = app.path().app_data_dir()?;
                    private_folder(&folder)?;
                    folder.join(DATABASE_FILE)
                }
            };
            let state = state::AppState::open(&path);
            // Minutes a crash left as drafts become logged changes before anything else.
            state.commit_minutes_drafts();
            if std::env::args().any(|a| a == "--demo") {
                // Only fills an empty database; a cluster already there is left alone.
                if let Err(error) = commands::load_demo_if_empty(&state) {
                    eprintln!("cluster-desk: the demo cluster could not be loaded: {}", error.message);
                }
            }
            // Sync runs by itself from the start; the window hears of each attempt.
            let handle = app.handle().clone();
            let paths = desk_sync::Paths { database: path.clone(), attachments: state.attachments_folder() };
            let background =
                desk_sync::BackgroundSync::start(tauri::async_runtime::handle().inner(), paths, move |_| {
                    let _ = handle.emit("sync-changed", ());
                });
            state.set_background(background);
            app.manage(state);
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                // The window's last keystrokes may still be on their way: hold the close,
                // let the page save, then end the app. One request always closes.
                api.prevent_close();
                close_after_saving(window.app_handle().clone());
                let _ = window.emit("close-requested", ());
            }
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("cluster-desk could not start: {error}");
        std::process::exit(1);
    }
}

/// Ends the app once the window has saved (or [`CLOSE_WAIT`] has passed), saving any
/// minutes draft the window left unsaved. Only the first close request starts this.
fn close_after_saving(app: tauri::AppHandle) {
    let Some(state) = app.try_state::<state::AppState>() else {
        app.exit(0);
        return;
    };
    if !state.closing().begin() {
        return;
    }
    std::thread::spawn(move || {
        if let Some(state) = app.try_state::<state::AppState>() {
            if !state.closing().wait_until_ready(CLOSE_WAIT) {
                eprintln!("cluster-desk: the window did not answer the close in time; closing anyway");
            }
            state.commit_minutes_drafts();
        }
        app.exit(0);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_data_folder_is_private_to_its_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("kr.or.kicox.clusterdesk");
        private_folder(&folder).unwrap();
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    #[test]
    fn database_flag_wins_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            requested_database_path(args(&["--database", "/tmp/a.sqlite"])),
            Some(PathBuf::from("/tmp/a.sqlite"))
        );
        assert_eq!(requested_database_path(args(&["--database=/tmp/b.sqlite"])), Some(PathBuf::from("/tmp/b.sqlite")));
    }
}
