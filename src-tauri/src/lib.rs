//! The Tauri shell of Cluster Desk: opens the cluster database and exposes the core to the
//! window through typed commands. It holds no domain logic of its own.

pub mod api;
pub mod bindings;
pub mod commands;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

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
