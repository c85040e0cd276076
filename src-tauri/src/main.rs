//! The desktop executable: runs a command-line command when one is given (see `cli.rs`),
//! else starts the Tauri shell.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cluster_desk::cli::parse(&args) {
        None => cluster_desk::run(),
        Some(parsed) => {
            cluster_desk::cli::attach_console();
            let code = match parsed {
                Ok(command) => cluster_desk::cli::run(command),
                Err(cluster_desk::cli::UsageError(message)) => {
                    eprintln!("{message}");
                    2
                }
            };
            std::process::exit(code);
        }
    }
}
