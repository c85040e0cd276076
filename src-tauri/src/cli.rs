//! The command line: work that runs without a window, for scripts, office staff and
//! tests. `cluster-desk demo --database DB` fills an empty database with the demo
//! cluster; `import` brings a member or people list in from a spreadsheet (with
//! `--dry-run`, only says what it would do); `export` writes the directory out; `report`
//! writes the activity report, a meeting's minutes or a project's report as PDF (the
//! activity report as Excel too). Anything else starts the window.
//!
//! Messages are Korean first with English after, as the window's are; the exit code is 0
//! on success, 1 when the work failed or an import refused any row, and 2 when the
//! command line itself was wrong.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use desk_core::{Language, Store};
use desk_spreadsheet::export::{self, ExportFilter, Sheets};
use desk_spreadsheet::{ImportChoices, ImportCounts, ImportError, ListKind, RowAction, RowPreview};

/// What the command line asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Fill an empty database with the demo cluster, anchored on `today`.
    Demo { database: PathBuf, today: Option<NaiveDate> },
    /// Import a member or people list from a spreadsheet.
    Import { kind: ListKind, file: PathBuf, database: PathBuf, sheet: Option<String>, dry_run: bool, json: bool },
    /// Write a list out: the directory as xlsx, or members or people as xlsx or CSV.
    Export { list: ExportList, database: PathBuf, output: PathBuf },
    /// Write a report to a file.
    Report { kind: desk_reports::ReportKind, format: desk_reports::Format, database: PathBuf, output: PathBuf },
    /// Print how to use the command line.
    Help,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportList {
    /// Members and people, two sheets of one workbook.
    Directory,
    Members,
    People,
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
                                                 / fills an empty database with the demo cluster
  cluster-desk import members 파일 --database 파일 [--sheet 시트] [--dry-run] [--json]
  cluster-desk import people 파일 --database 파일 [--sheet 시트] [--dry-run] [--json]
                                                 엑셀(xlsx·xls·ods)이나 CSV 명단을 가져옵니다.
                                                 --dry-run: 쓰지 않고 미리보기만 / preview only
                                                 --json: 결과를 JSON으로 / the summary as JSON
                                                 거부된 행이 있으면 종료 코드 1 / exit code 1
                                                 when any row was refused
  cluster-desk export directory --database 파일 -o 파일.xlsx
  cluster-desk export members|people --database 파일 -o 파일.xlsx|파일.csv
                                                 명부를 엑셀이나 CSV(UTF-8)로 내보냅니다
                                                 / exports the directory as xlsx or CSV
  cluster-desk report activity --database 파일 --from YYYY-MM-DD --to YYYY-MM-DD --format pdf|xlsx -o 파일
  cluster-desk report minutes --event ID --database 파일 -o 파일.pdf
  cluster-desk report project --id ID --database 파일 -o 파일.pdf
                                                 활동 실적 보고서, 회의록(서명부 포함), 과제 결과
                                                 보고서를 만듭니다 / writes the activity report,
                                                 a meeting's minutes with its sign-in sheet, or
                                                 a project's report";

/// Reads the arguments after the program name. `None`: no command, open the window.
pub fn parse(args: &[String]) -> Option<Result<Command, UsageError>> {
    let (first, rest) = args.split_first()?;
    match first.as_str() {
        "demo" => Some(parse_demo(rest)),
        "import" => Some(parse_import(rest)),
        "export" => Some(parse_export(rest)),
        "report" => Some(parse_report(rest)),
        "help" | "--help" | "-h" => Some(Ok(Command::Help)),
        _ => None,
    }
}

/// Options and positional arguments, checked against the options a command knows.
struct Parsed {
    values: Vec<(String, String)>,
    flags: Vec<String>,
    positional: Vec<String>,
    help: bool,
}

impl Parsed {
    fn value(&self, name: &str) -> Option<String> {
        self.values.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// `-o FILE` (or `--output FILE`) and the file's extension in lower case.
    fn output(&self) -> Result<(PathBuf, String), UsageError> {
        let output = self
            .value("-o")
            .or(self.value("--output"))
            .map(PathBuf::from)
            .ok_or_else(|| UsageError(format!("-o 파일을 지정하세요. / -o FILE is required.\n\n{USAGE}")))?;
        let extension = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        Ok((output, extension))
    }

    fn required(&self, name: &str, what_ko: &str, what_en: &str) -> Result<String, UsageError> {
        self.value(name).ok_or_else(|| {
            UsageError(format!("{name} {what_ko} 지정하세요. / {name} {what_en} is required.\n\n{USAGE}"))
        })
    }
}

fn parse_options(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Parsed, UsageError> {
    let mut parsed = Parsed { values: Vec::new(), flags: Vec::new(), positional: Vec::new(), help: false };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with('-') => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        if name == "--help" || name == "-h" {
            parsed.help = true;
        } else if with_value.contains(&name) {
            let value = inline.or_else(|| args.next().cloned()).ok_or_else(|| {
                UsageError(format!("{name} 뒤에 값이 필요합니다. / {name} needs a value.\n\n{USAGE}"))
            })?;
            parsed.values.push((name.to_string(), value));
        } else if flags.contains(&name) {
            parsed.flags.push(name.to_string());
        } else if name.starts_with('-') {
            return Err(UsageError(format!("알 수 없는 옵션 {name} / unknown option {name}\n\n{USAGE}")));
        } else {
            parsed.positional.push(arg.clone());
        }
    }
    Ok(parsed)
}

fn parse_demo(args: &[String]) -> Result<Command, UsageError> {
    let parsed = parse_options(args, &["--database", "--today"], &[])?;
    if parsed.help {
        return Ok(Command::Help);
    }
    if let Some(extra) = parsed.positional.first() {
        return Err(UsageError(format!("알 수 없는 인자 {extra} / unexpected argument {extra}\n\n{USAGE}")));
    }
    let today = match parsed.value("--today") {
        None => None,
        Some(text) => Some(NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            UsageError(format!(
                "--today는 2026-11-29 같은 날짜여야 합니다: {text} / --today must be a date like 2026-11-29: {text}"
            ))
        })?),
    };
    let database = PathBuf::from(parsed.required("--database", "파일을", "FILE")?);
    Ok(Command::Demo { database, today })
}

fn list_kind(word: Option<&String>) -> Result<ListKind, UsageError> {
    match word.map(String::as_str) {
        Some("members") => Ok(ListKind::Members),
        Some("people") => Ok(ListKind::People),
        other => Err(UsageError(format!(
            "members 또는 people을 지정하세요{} / name members or people{}\n\n{USAGE}",
            other.map(|o| format!(" ({o})")).unwrap_or_default(),
            other.map(|o| format!(" (not {o})")).unwrap_or_default()
        ))),
    }
}

fn parse_import(args: &[String]) -> Result<Command, UsageError> {
    let parsed = parse_options(args, &["--database", "--sheet"], &["--dry-run", "--json"])?;
    if parsed.help {
        return Ok(Command::Help);
    }
    let kind = list_kind(parsed.positional.first())?;
    let file = parsed
        .positional
        .get(1)
        .map(PathBuf::from)
        .ok_or_else(|| UsageError(format!("가져올 파일을 지정하세요. / name the file to import.\n\n{USAGE}")))?;
    if let Some(extra) = parsed.positional.get(2) {
        return Err(UsageError(format!("알 수 없는 인자 {extra} / unexpected argument {extra}\n\n{USAGE}")));
    }
    Ok(Command::Import {
        kind,
        file,
        database: PathBuf::from(parsed.required("--database", "파일을", "FILE")?),
        sheet: parsed.value("--sheet"),
        dry_run: parsed.flag("--dry-run"),
        json: parsed.flag("--json"),
    })
}

fn parse_export(args: &[String]) -> Result<Command, UsageError> {
    let parsed = parse_options(args, &["--database", "-o", "--output"], &[])?;
    if parsed.help {
        return Ok(Command::Help);
    }
    let list = match parsed.positional.first().map(String::as_str) {
        Some("directory") => ExportList::Directory,
        Some("members") => ExportList::Members,
        Some("people") => ExportList::People,
        _ => {
            return Err(UsageError(format!(
                "directory, members, people 중 하나를 지정하세요. / name directory, members or people.\n\n{USAGE}"
            )))
        }
    };
    let (output, extension) = parsed.output()?;
    let known = match list {
        ExportList::Directory => extension == "xlsx",
        _ => extension == "xlsx" || extension == "csv",
    };
    if !known {
        return Err(UsageError(format!(
            "-o 파일은 .xlsx{}여야 합니다: {} / -o must be an .xlsx{} file: {}",
            if list == ExportList::Directory { "" } else { "나 .csv" },
            output.display(),
            if list == ExportList::Directory { "" } else { " or .csv" },
            output.display()
        )));
    }
    Ok(Command::Export { list, database: PathBuf::from(parsed.required("--database", "파일을", "FILE")?), output })
}

fn date_option(parsed: &Parsed, name: &str) -> Result<NaiveDate, UsageError> {
    let text = parsed.required(name, "날짜를", "a date")?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        UsageError(format!(
            "{name} {text:?}: 날짜는 YYYY-MM-DD 형식입니다. / {name} {text:?}: a date is YYYY-MM-DD.\n\n{USAGE}"
        ))
    })
}

fn parse_report(args: &[String]) -> Result<Command, UsageError> {
    use desk_reports::{Format, Period, ReportKind};
    let parsed =
        parse_options(args, &["--database", "-o", "--output", "--from", "--to", "--format", "--event", "--id"], &[])?;
    if parsed.help {
        return Ok(Command::Help);
    }
    let (output, extension) = parsed.output()?;
    let kind = match parsed.positional.first().map(String::as_str) {
        Some("activity") => {
            let period = Period::new(date_option(&parsed, "--from")?, date_option(&parsed, "--to")?)
                .map_err(|e| UsageError(format!("--to: {} / {}", e.message(Language::Ko), e.message(Language::En))))?;
            ReportKind::Activity(period)
        }
        Some("minutes") => ReportKind::Minutes { event_id: parsed.required("--event", "행사 ID를", "an event id")? },
        Some("project") => ReportKind::Project { project_id: parsed.required("--id", "과제 ID를", "a project id")? },
        _ => {
            return Err(UsageError(format!(
                "activity, minutes, project 중 하나를 지정하세요. / name activity, minutes or project.\n\n{USAGE}"
            )))
        }
    };
    let format = match parsed.value("--format").unwrap_or_else(|| extension.clone()).as_str() {
        "pdf" => Format::Pdf,
        "xlsx" if matches!(kind, ReportKind::Activity(_)) => Format::Xlsx,
        other => {
            return Err(UsageError(format!(
                "--format {other:?}: pdf{} 중 하나입니다. / --format is pdf{}.",
                if matches!(kind, ReportKind::Activity(_)) { ", xlsx" } else { "" },
                if matches!(kind, ReportKind::Activity(_)) { " or xlsx" } else { "" },
            )))
        }
    };
    let wanted = if format == Format::Pdf { "pdf" } else { "xlsx" };
    if extension != wanted {
        return Err(UsageError(format!(
            "-o 파일은 .{wanted}여야 합니다: {} / -o must be a .{wanted} file: {}",
            output.display(),
            output.display()
        )));
    }
    Ok(Command::Report {
        kind,
        format,
        database: PathBuf::from(parsed.required("--database", "파일을", "FILE")?),
        output,
    })
}

/// Runs a command; returns the process's exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Help => {
            println!("{USAGE}");
            0
        }
        Command::Demo { database, today } => demo(&database, today.unwrap_or_else(desk_core::time::today)),
        Command::Import { kind, file, database, sheet, dry_run, json } => {
            let result = import(kind, &file, &database, sheet, dry_run, json);
            match result {
                Err(error) if json => {
                    // A script reading --json gets the failure as JSON too.
                    let body = serde_json::json!({ "error": {
                        "code": error.code(),
                        "message_ko": error.message(Language::Ko),
                        "message_en": error.message(Language::En),
                    }});
                    println!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
                    1
                }
                other => report_failure(other),
            }
        }
        Command::Export { list, database, output } => report_failure(export(list, &database, &output)),
        Command::Report { kind, format, database, output } => write_report(&kind, format, &database, &output),
    }
}

/// Writes beside the target and renames, so a crash never leaves half a file under the
/// name asked for.
fn write_whole(output: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = output.as_os_str().to_owned();
    partial.push(".part");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, output).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

/// Makes a report and writes it; the file appears whole or not at all.
fn write_report(kind: &desk_reports::ReportKind, format: desk_reports::Format, database: &Path, output: &Path) -> i32 {
    let bytes = open_cluster(database).map_err(|e| (e.message(Language::Ko), e.message(Language::En))).and_then(
        |(store, _)| {
            desk_reports::render(store.conn(), kind, format, desk_core::time::today())
                .map_err(|e| (e.message(Language::Ko), e.message(Language::En)))
        },
    );
    let written = bytes.and_then(|bytes| {
        write_whole(output, &bytes).map_err(|e| {
            (
                format!("파일을 쓰지 못했습니다: {} ({e})", output.display()),
                format!("Could not write {} ({e})", output.display()),
            )
        })
    });
    match written {
        Ok(()) => {
            println!("보고서를 만들었습니다: {} / wrote the report: {}", output.display(), output.display());
            0
        }
        Err((ko, en)) => {
            eprintln!("cluster-desk: {ko} / {en}");
            1
        }
    }
}

/// A failure of the work itself, in both languages, as exit code 1.
fn report_failure(result: Result<i32, ImportError>) -> i32 {
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("cluster-desk: {} / {}", error.message(Language::Ko), error.message(Language::En));
            1
        }
    }
}

fn demo(database: &Path, today: NaiveDate) -> i32 {
    let result = Store::open(database).and_then(|mut store| crate::commands::fill_with_demo(&mut store, today));
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
            let ko = desk_ipc::ApiError::from_core(&error, Language::Ko).message;
            let en = desk_ipc::ApiError::from_core(&error, Language::En).message;
            eprintln!("cluster-desk: {ko} / {en}");
            1
        }
    }
}

/// An existing database (a command never makes an empty one by mistake) and its cluster.
fn open_cluster(database: &Path) -> Result<(Store, String), ImportError> {
    if !database.exists() {
        return Err(desk_core::FieldError::new(
            "database",
            "exists",
            format!("데이터베이스 파일이 없습니다: {}", database.display()),
            format!("There is no database file: {}", database.display()),
        )
        .into_error()
        .into());
    }
    let store = Store::open(database)?;
    let cluster = desk_core::cluster::current(store.conn())?.ok_or_else(|| {
        desk_core::FieldError::new(
            "database",
            "cluster",
            "데이터베이스에 클러스터가 없습니다. 앱에서 클러스터를 먼저 만드세요.",
            "The database holds no cluster; set one up in the app first.",
        )
        .into_error()
    })?;
    Ok((store, cluster.id))
}

fn import(
    kind: ListKind,
    file: &Path,
    database: &Path,
    sheet: Option<String>,
    dry_run: bool,
    json: bool,
) -> Result<i32, ImportError> {
    // A file far over the limit (or a device) is refused before it is read into memory.
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let limit = desk_spreadsheet::read::MAX_FILE_BYTES;
    if size > limit as u64 || std::fs::metadata(file).is_ok_and(|m| !m.is_file()) {
        return Err(ImportError::TooLarge { bytes: size as usize, limit });
    }
    let bytes = std::fs::read(file).map_err(|e| {
        ImportError::Core(
            desk_core::FieldError::new(
                "file",
                "readable",
                format!("파일을 읽을 수 없습니다: {} ({e})", file.display()),
                format!("Cannot read the file: {} ({e})", file.display()),
            )
            .into_error(),
        )
    })?;
    let (mut store, cluster_id) = open_cluster(database)?;
    let choices = ImportChoices { sheet, ..ImportChoices::default() };
    let preview = desk_spreadsheet::preview(store.conn(), &cluster_id, kind, &bytes, &choices)?;
    if preview.needs_name {
        return Err(ImportError::NoNameColumn { kind });
    }
    let action_id = if dry_run {
        None
    } else {
        desk_spreadsheet::import(&mut store, &cluster_id, kind, &bytes, &choices)?.action_id
    };
    if json {
        let summary = serde_json::json!({
            "dry_run": dry_run,
            "sheet": preview.sheet,
            "header_row": preview.header_row,
            "counts": preview.counts,
            "rows": preview.rows,
            "action_id": action_id,
        });
        println!("{}", serde_json::to_string_pretty(&summary).unwrap_or_default());
    } else {
        print_summary(&preview.counts, &preview.rows, dry_run);
    }
    Ok(if preview.counts.refused > 0 { 1 } else { 0 })
}

fn print_summary(counts: &ImportCounts, rows: &[RowPreview], dry_run: bool) {
    let head = if dry_run {
        "미리보기 (쓰지 않음) / preview (nothing written)"
    } else {
        "가져오기 완료 / imported"
    };
    println!("{head}");
    let c = counts;
    let figures = [c.new, c.updated, c.unchanged, c.flagged, c.refused, c.duplicates, c.superseded];
    for labels in [
        ["새로 추가", "변경", "변경 없음", "확인 필요", "거부", "중복 의심", "뒤의 행으로 대체"],
        ["new", "updated", "unchanged", "flagged", "refused", "possible duplicates", "superseded"],
    ] {
        let line: Vec<String> = labels.iter().zip(figures).map(|(label, n)| format!("{label} {n}")).collect();
        println!("{}", line.join(" · "));
    }
    for row in rows {
        for problem in &row.problems {
            let mark = if row.action == RowAction::Refused { "거부/refused" } else { "확인/flagged" };
            println!("  {}행 {} [{mark}] {} / {}", row.row, row.name, problem.message_ko, problem.message_en);
        }
    }
}

fn export(list: ExportList, database: &Path, output: &Path) -> Result<i32, ImportError> {
    let (store, cluster_id) = open_cluster(database)?;
    let filter = ExportFilter::default();
    let csv = output.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = match (list, csv) {
        (ExportList::Members, true) => export::members_csv(store.conn(), &cluster_id, &filter)?,
        (ExportList::People, true) => export::people_csv(store.conn(), &cluster_id, &filter)?,
        (ExportList::Members, false) => export::lists_xlsx(store.conn(), &cluster_id, &filter, Sheets::Members)?,
        (ExportList::People, false) => export::lists_xlsx(store.conn(), &cluster_id, &filter, Sheets::People)?,
        (ExportList::Directory, _) => export::directory_xlsx(store.conn(), &cluster_id, &filter)?,
    };
    std::fs::write(output, bytes).map_err(|e| ImportError::Write(format!("{} ({e})", output.display())))?;
    println!("내보냈습니다: {} / exported: {}", output.display(), output.display());
    Ok(0)
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

    #[test]
    fn import_and_export_read_their_arguments() {
        assert_eq!(
            parse(&args(&["import", "members", "명단.xlsx", "--database", "a.sqlite", "--sheet=회원사", "--dry-run"])),
            Some(Ok(Command::Import {
                kind: ListKind::Members,
                file: PathBuf::from("명단.xlsx"),
                database: PathBuf::from("a.sqlite"),
                sheet: Some("회원사".into()),
                dry_run: true,
                json: false,
            }))
        );
        let Some(Err(UsageError(kind))) = parse(&args(&["import", "firms", "x.csv", "--database", "a"])) else {
            panic!("a usage error")
        };
        assert!(kind.contains("members 또는 people"), "{kind}");
        assert_eq!(
            parse(&args(&["export", "directory", "--database", "a.sqlite", "-o", "명부.xlsx"])),
            Some(Ok(Command::Export {
                list: ExportList::Directory,
                database: PathBuf::from("a.sqlite"),
                output: PathBuf::from("명부.xlsx")
            }))
        );
        let Some(Err(UsageError(csv))) = parse(&args(&["export", "directory", "--database", "a", "-o", "x.csv"]))
        else {
            panic!("a usage error")
        };
        assert!(csv.contains(".xlsx"), "{csv}");
    }
}
