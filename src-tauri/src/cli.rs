//! The command line: work that runs without a window, for scripts, office staff and
//! tests. `cluster-desk demo --database DB` fills an empty database with the demo
//! cluster. Anything else starts the window.
//!
//! Messages are Korean first with English after, as the window's are; the exit code is 0
//! on success, 1 when the work failed and 2 when the command line itself was wrong.

use std::path::PathBuf;

use chrono::NaiveDate;

/// What the command line asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Fill an empty database with the demo cluster, anchored on `today`.
    Demo { database: PathBuf, today: Option<NaiveDate> },
    /// Print how to use the command line.
    Help,
}

/// A command line that names a command but is wrong, in Korean and English.
#[derive(Debug, PartialEq)]
pub struct UsageError(pub String);

pub const USAGE: &str = "\
클러스터 데스크: 미니클러스터 매니저의 업무 도구. 명령 없이 실행하면 창을 엽니다.
Cluster Desk, a mini-cluster manager's workspace. Without a command it opens the window.

사용법 / usage:
  cluster-desk                                   창을 엽니다 / opens the window
  cluster-desk demo --database 파일 [--today YYYY-MM-DD]
                                                 빈 데이터베이스에 데모 클러스터를 만듭니다
                                                 / fills an empty database with the demo cluster";

/// Reads the arguments after the program name. `None`: no command, open the window.
pub fn parse(args: &[String]) -> Option<Result<Command, UsageError>> {
    let (first, rest) = args.split_first()?;
    match first.as_str() {
        "demo" => Some(parse_demo(rest)),
        "help" | "--help" | "-h" => Some(Ok(Command::Help)),
        _ => None,
    }
}

fn parse_demo(args: &[String]) -> Result<Command, UsageError> {
    let mut database = None;
    let mut today = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| UsageError(format!("{name} 뒤에 값이 필요합니다. / {name} needs a value.\n\n{USAGE}")))
        };
        match name {
            "--help" | "-h" => return Ok(Command::Help),
            "--database" => database = Some(PathBuf::from(value()?)),
            "--today" => {
                let text = value()?;
                today = Some(NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
                    UsageError(format!(
                        "--today는 2026-11-29 같은 날짜여야 합니다: {text} / --today must be a date like 2026-11-29: {text}"
                    ))
                })?);
            }
            other => {
                return Err(UsageError(format!("알 수 없는 옵션 {other} / unknown option {other}\n\n{USAGE}")));
            }
        }
    }
    let database = database.ok_or_else(|| {
        UsageError(format!("--database 파일을 지정하세요. / --database FILE is required.\n\n{USAGE}"))
    })?;
    Ok(Command::Demo { database, today })
}

/// Runs a command; returns the process's exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Help => {
            println!("{USAGE}");
            0
        }
        Command::Demo { database, today } => demo(&database, today.unwrap_or_else(desk_core::time::today)),
    }
}

fn demo(database: &std::path::Path, today: NaiveDate) -> i32 {
    let result =
        desk_core::Store::open(database).and_then(|mut store| crate::commands::fill_with_demo(&mut store, today));
    match result {
        Ok((name, true)) => {
            println!("데모 클러스터를 만들었습니다: {name} / created the demo cluster: {name}");
            0
        }
        Ok((name, false)) => {
            println!(
                "이미 클러스터가 있어 그대로 두었습니다: {name} / the database already holds a cluster, left as it is: {name}"
            );
            0
        }
        Err(error) => {
            let ko = desk_ipc::ApiError::from_core(&error, desk_core::Language::Ko).message;
            let en = desk_ipc::ApiError::from_core(&error, desk_core::Language::En).message;
            eprintln!("cluster-desk: {ko} / {en}");
            1
        }
    }
}

/// On Windows the app is a window program, which has no console of its own: a command
/// typed in a console writes to that console.
pub fn attach_console() {
    #[cfg(windows)]
    // SAFETY: AttachConsole only connects this process to its parent's console, if any.
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_command_opens_the_window_even_with_the_windows_flags() {
        assert_eq!(parse(&args(&[])), None);
        assert_eq!(parse(&args(&["--demo", "--database", "x.sqlite"])), None);
    }

    #[test]
    fn demo_needs_a_database_and_reads_a_day() {
        assert_eq!(
            parse(&args(&["demo", "--database", "a.sqlite", "--today=2026-11-29"])),
            Some(Ok(Command::Demo {
                database: PathBuf::from("a.sqlite"),
                today: NaiveDate::from_ymd_opt(2026, 11, 29)
            }))
        );
        let Some(Err(UsageError(missing))) = parse(&args(&["demo"])) else { panic!("a usage error") };
        assert!(missing.contains("--database 파일을 지정하세요"), "{missing}");
        let Some(Err(UsageError(bad_day))) = parse(&args(&["demo", "--database", "a", "--today", "2026-13-01"])) else {
            panic!("a usage error")
        };
        assert!(bad_day.contains("2026-13-01"), "{bad_day}");
        let Some(Err(UsageError(unknown))) = parse(&args(&["demo", "--databse", "a"])) else { panic!("a usage error") };
        assert_eq!(parse(&args(&["demo", "--help"])), Some(Ok(Command::Help)));
        assert_eq!(parse(&args(&["--help"])), Some(Ok(Command::Help)));
        assert!(unknown.contains("--databse"), "{unknown}");
    }
}
