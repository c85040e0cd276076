//! The desktop executable: runs a command-line command when one is given (see `cli.rs`),
//! else starts the Tauri shell.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // An argument that is not valid Unicode (a Linux file name in another encoding) cannot
    // be passed on faithfully: say so, instead of panicking or opening the wrong file.
    let mut args: Vec<String> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                cluster_desk::cli::attach_console();
                let shown = arg.to_string_lossy();
                eprintln!(
                    "인자를 읽을 수 없습니다 (유니코드가 아닌 문자): {shown} — 파일 이름을 바꾸어 다시 실행하세요. \
                     / An argument is not valid Unicode: {shown}; rename the file and run again."
                );
                std::process::exit(2);
            }
        }
    }
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
