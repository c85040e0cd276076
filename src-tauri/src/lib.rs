//! The Tauri shell of Cluster Desk: opens the cluster database and exposes the core to the
//! window through typed commands. It holds no domain logic of its own.

pub mod api;
pub mod bindings;
pub mod commands;
pub mod state;
pub mod sync_commands;

use std::path::PathBuf;

use tauri::{Emitter, Manager};

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

pub fn run() {
    let result = tauri::Builder::default()
        .setup(|app| {
            let path = match requested_database_path(std::env::args().skip(1)) {
                Some(path) => path,
                None => app.path().app_data_dir()?.join(DATABASE_FILE),
            };
            let state = state::AppState::open(&path);
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
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("cluster-desk could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
