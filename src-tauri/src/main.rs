//! The desktop executable: starts the Tauri shell.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    cluster_desk::run();
}
