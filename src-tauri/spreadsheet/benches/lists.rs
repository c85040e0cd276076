//! Import and export at the sizes a national programme reaches: a 10,000-row member list
//! as an office's xlsx (title rows, Korean headers, money in 백만원, dates as dates and as
//! text), previewed and imported into a fresh cluster database; then the directory of
//! 10,000 members and 6,000 people exported as xlsx and CSV. Peak memory of the import
//! is measured in a child process that does nothing else.
//!
//! Run: `cargo bench -p desk-spreadsheet --bench lists`.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk_core::cluster::{self, ClusterInput, Region};
use desk_core::Store;
use desk_spreadsheet::export::{self, ExportFilter};
use desk_spreadsheet::{ImportChoices, ListKind};
use rust_xlsxwriter::{Format, Workbook};

const MEMBERS: u32 = 10_000;
const PEOPLE: u32 = 6_000;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// A member list of `rows` rows as an office keeps it, written with rust_xlsxwriter
/// directly (not through the exporter under test).
fn member_list(rows: u32) -> Vec<u8> {
    let industries = ["금속가공", "기계부품", "전자부품", "플라스틱 사출", "도금", "화장품", "정밀화학", "식품"];
    let products = ["자동차 부품, 금형", "PCB 어셈블리, 센서 모듈", "정밀 샤프트", "화장품 용기", "코팅 도료"];
    let surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0");
    let _ = sheet.write_string(0, 0, "2026년 전국 미니클러스터 회원사 현황");
    let _ = sheet.write_string(1, 0, "기준일: 2026.11.01");
    let headers = [
        "연번",
        "회사명",
        "구분",
        "사업자번호",
        "대표자명",
        "상시근로자수",
        "매출액(백만원)",
        "업종",
        "가입일자",
        "전화",
        "이메일",
        "주요제품",
        "보유기술",
        "주소",
    ];
    for (c, h) in headers.iter().enumerate() {
        let _ = sheet.write_string(3, c as u16, *h);
    }
    for i in 0..rows {
        let r = i + 4;
        let n = i as u64 * 7919 + 1_000_003;
        let digits: [u8; 9] = std::array::from_fn(|k| {
            let d = (n / 10u64.pow(8 - k as u32) % 10) as u8;
            if k == 0 {
                1 + d % 9
            } else {
                d
            }
        });
        let number = desk_core::validate::registration_number::complete(digits);
        let _ = sheet.write_number(r, 0, (i + 1) as f64);
        let _ = sheet.write_string(
            r,
            1,
            format!("(주){}{}테크 {i}", surnames[i as usize % 10], industries[i as usize % 8]),
        );
        let _ = sheet.write_string(r, 2, "기업");
        let _ = sheet.write_string(r, 3, format!("{}-{}-{}", &number[..3], &number[3..5], &number[5..]));
        let _ = sheet.write_string(r, 4, format!("{}영수", surnames[(i as usize / 10) % 10]));
        let _ = sheet.write_number(r, 5, (5 + i % 300) as f64);
        let _ = sheet.write_number_with_format(r, 6, (500 + (i * 37) % 90_000) as f64, &money);
        let _ = sheet.write_string(r, 7, industries[i as usize % 8]);
        let joined = NaiveDate::from_ymd_opt(2010 + (i % 16) as i32, 1 + i % 12, 1 + i % 28).unwrap_or_default();
        if i % 5 == 0 {
            let _ = sheet.write_string(r, 8, joined.format("%Y.%m.%d").to_string());
        } else {
            let _ = sheet.write_datetime_with_format(r, 8, joined, &date);
        }
        let _ = sheet.write_string(r, 9, format!("032-8{:02}-{:04}", i % 100, i % 10_000));
        let _ = sheet.write_string(r, 10, format!("info{i}@firm{i}.co.kr"));
        let _ = sheet.write_string(r, 11, products[i as usize % 5]);
        let _ = sheet.write_string(r, 12, "CNC 가공, 표면처리");
        let _ = sheet.write_string(r, 13, format!("인천광역시 남동구 남동대로 {}", 100 + i % 900));
    }
    book.save_to_buffer().expect("write the member list")
}

fn people_list(rows: u32, members: u32) -> Vec<u8> {
    let mut out = String::from("성명,소속,직위,연락처,이메일,전문분야\r\n");
    let industries = ["금속가공", "기계부품", "전자부품", "플라스틱 사출", "도금", "화장품", "정밀화학", "식품"];
    let surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
    for i in 0..rows {
        let m = (i * 13) % members;
        out.push_str(&format!(
            "{}민{},(주){}{}테크 {m},과장,010-{:04}-{:04},p{i}@firm{m}.co.kr,\"품질관리, 생산기술\"\r\n",
            surnames[i as usize % 10],
            i % 97,
            surnames[m as usize % 10],
            industries[m as usize % 8],
            i % 10_000,
            (i * 7) % 10_000
        ));
    }
    out.into_bytes()
}

fn fresh_cluster(path: &Path) -> (Store, String) {
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path).expect("open");
    let input = ClusterInput {
        name: "전국 규모 시험 클러스터".into(),
        complex_name: "남동국가산업단지".into(),
        region: Region::Capital,
        industry_theme: "기계".into(),
        manager_name: "시험".into(),
    };
    let id = store.write(|w| cluster::create(w, &input)).expect("cluster");
    (store, id)
}

/// The child: preview and import one file into a fresh database, then report its peak memory.
fn import_child(file: &Path, database: &Path) {
    let bytes = std::fs::read(file).expect("read the list");
    let (mut store, cluster_id) = fresh_cluster(database);
    let started = Instant::now();
    let preview =
        desk_spreadsheet::preview(store.conn(), &cluster_id, ListKind::Members, &bytes, &ImportChoices::default())
            .expect("preview");
    let preview_time = started.elapsed();
    let started = Instant::now();
    let done = desk_spreadsheet::import(&mut store, &cluster_id, ListKind::Members, &bytes, &ImportChoices::default())
        .expect("import");
    let import_time = started.elapsed();
    assert_eq!(done.counts.new, MEMBERS, "every row imported: {:?}", done.counts);
    println!(
        "CHILD preview={} import={} new={} peak_mib={:.0}",
        preview_time.as_secs_f64(),
        import_time.as_secs_f64(),
        preview.counts.new,
        peak_rss_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--import-child") {
        import_child(Path::new(&args[at + 1]), Path::new(&args[at + 2]));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("members-10000.xlsx");
    let started = Instant::now();
    std::fs::write(&list, member_list(MEMBERS)).expect("write list");
    println!(
        "made a {MEMBERS}-row member list ({:.1} MB) in {}",
        std::fs::metadata(&list).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        secs(started.elapsed())
    );

    // Preview and import, three rounds, each in a fresh child process.
    let mut previews = Vec::new();
    let mut imports = Vec::new();
    let mut peaks = Vec::new();
    for round in 0..3 {
        let database = dir.path().join(format!("round-{round}.sqlite"));
        let out = std::process::Command::new(std::env::current_exe().expect("self"))
            .arg("--import-child")
            .arg(&list)
            .arg(&database)
            .output()
            .expect("run the child");
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text
            .lines()
            .find(|l| l.starts_with("CHILD"))
            .unwrap_or_else(|| panic!("{text}{}", String::from_utf8_lossy(&out.stderr)));
        let value = |name: &str| -> f64 {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        previews.push(value("preview"));
        imports.push(value("import"));
        peaks.push(value("peak_mib"));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    println!(
        "preview of {MEMBERS} rows (xlsx): median {:.2} s, max {:.2} s   (goal < 2 s)",
        median(&mut previews.clone()),
        previews.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "import of {MEMBERS} rows, one action:  median {:.2} s, max {:.2} s   (goal < 5 s)",
        median(&mut imports.clone()),
        imports.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "peak resident memory of the importing process: max {:.0} MiB   (goal < 200 MB)",
        peaks.iter().cloned().fold(0.0, f64::max)
    );

    // Export: the directory after importing the members and a people list.
    let database = dir.path().join("directory.sqlite");
    let (mut store, cluster_id) = fresh_cluster(&database);
    let bytes = std::fs::read(&list).expect("read");
    desk_spreadsheet::import(&mut store, &cluster_id, ListKind::Members, &bytes, &ImportChoices::default())
        .expect("import members");
    let people = people_list(PEOPLE, MEMBERS);
    let done = desk_spreadsheet::import(&mut store, &cluster_id, ListKind::People, &people, &ImportChoices::default())
        .expect("import people");
    println!("directory: {MEMBERS} members, {} people", done.counts.new);
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let xlsx = export::directory_xlsx(store.conn(), &cluster_id, &ExportFilter::default()).expect("export");
        times.push(started.elapsed().as_secs_f64());
        size = xlsx.len();
    }
    println!(
        "export of the directory as xlsx: median {:.2} s, max {:.2} s, {:.1} MB   (goal < 2 s)",
        median(&mut times.clone()),
        times.iter().cloned().fold(0.0, f64::max),
        size as f64 / 1e6
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let csv = export::members_csv(store.conn(), &cluster_id, &ExportFilter::default()).expect("export csv");
        times.push(started.elapsed().as_secs_f64());
        size = csv.len();
    }
    println!("export of the members as CSV: median {:.2} s, {:.1} MB", median(&mut times), size as f64 / 1e6);
}
