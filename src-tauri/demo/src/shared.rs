//! Planning pieces both generators use: firms and people, support amounts that pass the
//! programme's rules, project stage timelines, minutes written from what an event was
//! about, and the scheduling of events, issues and projects as dated steps.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use super::plan::{ActionPlan, EventPlan, Plan, ProjectPlan, Step, Who};
use super::text::{self, fill, with};
use super::vocabulary::{IssueTemplate, Segment, ISSUE_DROP_REASONS, MARKET_NEWS, MEMBER_NOTES, NAME_PREFIXES};
use super::{at, days, Rng};
use desk_core::event::{Attendance, EventKind};
use desk_core::issue::IssueStatus;
use desk_core::member::{MemberInput, MemberKind};
use desk_core::person::PersonRole;
use desk_core::project::{Outcome, ProjectStage};
use desk_core::validate::registration_number;
use desk_core::validate::support::{self, Amounts, FirmSize, SupportType};

/// A planned company and what the planner needs to know of it.
pub(crate) struct Firm {
    pub member: usize,
    pub segment: &'static Segment,
    pub name: String,
    pub products: Vec<&'static str>,
    pub techs: Vec<&'static str>,
    pub size: FirmSize,
    pub domain: String,
}

/// A planned expert (not company staff).
pub(crate) struct Expert {
    pub person: usize,
    pub expertise: Vec<String>,
}

/// Keeps generated names and registration numbers unique.
#[derive(Default)]
pub(crate) struct Unique {
    pub names: HashSet<String>,
    pub numbers: HashSet<String>,
}

/// A company name of the segment that is not taken yet, and its e-mail domain.
pub(crate) fn company_name(rng: &mut Rng, segment: &Segment, unique: &mut Unique) -> (String, String) {
    for attempt in 0.. {
        let prefix = *rng.pick(NAME_PREFIXES);
        let suffix = *rng.pick(segment.name_suffixes);
        // After many clashes (a big cluster of one industry) a second word keeps names apart.
        let name = if attempt < 50 {
            format!("{prefix}{suffix}")
        } else {
            format!("{prefix}{}{suffix}", rng.pick(NAME_PREFIXES))
        };
        if unique.names.insert(name.clone()) {
            // `.example` is reserved (RFC 2606): no generated address can reach a real mailbox.
            let domain = format!("{}{}.example", text::romanize(&name[..prefix.len()]), segment.domain);
            return (name, domain);
        }
    }
    (String::new(), String::new())
}

/// A valid registration number (ten digits) not used before: a tax office's code, a
/// corporation or sole-proprietor code, a serial, and the check digit.
pub(crate) fn registration(rng: &mut Rng, tax_offices: &[u16], unique: &mut Unique) -> String {
    loop {
        let office = *rng.pick(tax_offices);
        let kind = if rng.percent(80) { *rng.pick(&[81u16, 86, 87, 88]) } else { rng.between(10, 79) as u16 };
        let serial = rng.between(0, 9999) as u16;
        let digit = |n: u16| (n % 10) as u8;
        let nine = [
            digit(office / 100),
            digit(office / 10),
            digit(office),
            digit(kind / 10),
            digit(kind),
            digit(serial / 1000),
            digit(serial / 100),
            digit(serial / 10),
            digit(serial),
        ];
        let number = registration_number::complete(nine);
        if unique.numbers.insert(number.clone()) {
            return number;
        }
    }
}

/// Headcount, revenue and size class: mostly small firms, a few mid-sized ones.
pub(crate) fn firm_scale(rng: &mut Rng) -> (i64, i64, FirmSize) {
    let roll = rng.below(100);
    let employees = match roll {
        0..=59 => rng.between(5, 30),
        60..=89 => rng.between(31, 99),
        90..=96 => rng.between(100, 290),
        _ => rng.between(320, 700),
    };
    let size = if employees >= 300 { FirmSize::MidSize } else { FirmSize::Sme };
    // Revenue per head of 150–450 million won, rounded to a million.
    let revenue = employees * rng.between(150, 450) * 1_000_000;
    (employees, revenue, size)
}

/// Everything a company member's form holds, and the planner's view of it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn company(
    rng: &mut Rng,
    plan: &mut Plan,
    cluster: usize,
    segment: &'static Segment,
    unique: &mut Unique,
    tax_offices: &[u16],
    address: String,
    joined_on: NaiveDate,
    phone_prefix: &str,
) -> Firm {
    let (name, domain) = company_name(rng, segment, unique);
    let number = registration(rng, tax_offices, unique);
    let (employees, revenue, size) = firm_scale(rng);
    let (n_products, n_techs, n_notes) = (2 + rng.below(3), 2 + rng.below(3), rng.below(3));
    let products = rng.choose(segment.products, n_products);
    let techs = rng.choose(segment.technologies, n_techs);
    let notes = rng.choose(MEMBER_NOTES, n_notes).join(", ");
    let input = MemberInput {
        kind: Some(MemberKind::Company),
        name: name.clone(),
        registration_number: registration_number::format(&number),
        ceo_name: text::person_name(rng).full,
        address,
        industry: segment.industry.to_string(),
        employees: Some(employees),
        revenue_won: Some(revenue),
        firm_size: Some(size),
        products: products.iter().map(|s| s.to_string()).collect(),
        technologies: techs.iter().map(|s| s.to_string()).collect(),
        joined_on: super::ymd(joined_on),
        phone: format!("{phone_prefix}-{:03}-{:04}", rng.between(810, 829), rng.between(1000, 9999)),
        email: format!("info@{domain}"),
        notes,
    };
    let member = plan.members.len();
    plan.members.push(super::plan::MemberPlan { cluster, input });
    Firm { member, segment, name, products, techs, size, domain }
}

/// A non-company member: university, institute, agency or consultancy.
pub(crate) fn institution(
    plan: &mut Plan,
    cluster: usize,
    kind: MemberKind,
    name: &str,
    address: &str,
    technologies: &[&str],
) -> usize {
    let input = MemberInput {
        kind: Some(kind),
        name: name.to_string(),
        address: address.to_string(),
        industry: match kind {
            MemberKind::University => "대학",
            MemberKind::Institute => "연구기관",
            MemberKind::Agency => "지원기관",
            MemberKind::Consultant => "컨설팅",
            MemberKind::Company => "",
        }
        .to_string(),
        technologies: technologies.iter().map(|s| s.to_string()).collect(),
        ..MemberInput::default()
    };
    plan.members.push(super::plan::MemberPlan { cluster, input });
    plan.members.len() - 1
}

/// A person with a generated name, phone and e-mail.
#[allow(clippy::too_many_arguments)]
pub(crate) fn person(
    rng: &mut Rng,
    plan: &mut Plan,
    cluster: usize,
    role: PersonRole,
    member: Option<usize>,
    affiliation: &str,
    title: &str,
    expertise: &[String],
    domain: &str,
    home: Option<(desk_core::cluster::Region, bool)>,
) -> usize {
    let name = text::person_name(rng);
    // The person module shows a member's name as the affiliation; the minutes need it too.
    let affiliation = match member {
        Some(m) if affiliation.is_empty() => plan.members[m].input.name.clone(),
        _ => affiliation.to_string(),
    };
    let input = desk_core::person::PersonInput {
        role: Some(role),
        name: name.full,
        member_id: None,
        affiliation,
        title: title.to_string(),
        expertise: expertise.to_vec(),
        phone: text::mobile(rng),
        email: format!("{}.{}@{domain}", name.given_roman, name.surname_roman),
        home_region: home.map(|(r, _)| r),
        external: home.is_some_and(|(_, external)| external),
    };
    plan.people.push(super::plan::PersonPlan { cluster, member, input });
    plan.people.len() - 1
}

/// Rounds to a hundred thousand won (how budgets are written).
fn round_100k(won: i64) -> i64 {
    (won + 50_000) / 100_000 * 100_000
}

/// Amounts for a support type that stay under its cap and government-share limit.
pub(crate) fn amounts(rng: &mut Rng, kind: SupportType) -> Amounts {
    let (government, cash_percent, in_kind_percent) = match kind {
        SupportType::FieldTechnology => (5_000_000 * rng.between(10, 30), rng.between(35, 60), rng.between(0, 20)),
        SupportType::ProjectRnd => (10_000_000 * rng.between(20, 38), rng.between(40, 60), rng.between(0, 20)),
        SupportType::Prototype => (1_000_000 * rng.between(8, 20), rng.between(70, 100), 0),
        SupportType::DomesticPatent => (100_000 * rng.between(10, 20), rng.between(45, 60), 0),
        SupportType::InternationalPatent => (500_000 * rng.between(8, 14), rng.between(30, 50), 0),
        SupportType::Certification => (500_000 * rng.between(6, 14), rng.between(20, 40), 0),
        SupportType::Publicity => (1_000_000 * rng.between(4, 10), rng.between(10, 30), 0),
        SupportType::ExhibitionDomestic => (100_000 * rng.between(15, 30), rng.between(20, 50), 0),
        SupportType::ExhibitionInternational => (500_000 * rng.between(8, 16), rng.between(30, 60), 0),
        SupportType::NonFinancial => (0, 0, 0),
    };
    Amounts {
        government_won: government,
        firm_cash_won: round_100k(government * cash_percent / 100),
        firm_in_kind_won: round_100k(government * in_kind_percent / 100),
    }
}

/// The reason a manager gives to save a project the amount rules warn about; empty when
/// there is no warning.
pub(crate) fn override_reason(kind: SupportType, size: FirmSize, amounts: &Amounts, firms: usize) -> String {
    let check = support::check_amounts(kind, size, amounts, firms);
    check
        .warnings
        .iter()
        .map(|w| match w.rule.as_str() {
            "government_share" => "지원 공고에서 정부지원 비율을 별도로 정함(기업 규모 확인서 갱신 예정)",
            "min_firms" => "참여기업 추가 모집 중(협약 전 확정 예정)",
            _ => "본부 담당자와 협의 완료",
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How long a project is carried out before its evaluation, by kind of support.
fn execution_days(rng: &mut Rng, kind: SupportType) -> i64 {
    match kind {
        SupportType::FieldTechnology | SupportType::ProjectRnd => rng.between(240, 320),
        SupportType::Prototype => rng.between(90, 150),
        SupportType::DomesticPatent | SupportType::InternationalPatent => rng.between(45, 120),
        SupportType::Certification => rng.between(60, 150),
        _ => rng.between(30, 90),
    }
}

/// The days between the stage before and `stage`.
fn gap(rng: &mut Rng, kind: SupportType, stage: ProjectStage) -> i64 {
    match stage {
        ProjectStage::Planning => rng.between(10, 30),
        ProjectStage::Application => rng.between(20, 45),
        ProjectStage::Evaluation => rng.between(10, 21),
        ProjectStage::Agreement => rng.between(20, 35),
        ProjectStage::Execution => rng.between(5, 14),
        ProjectStage::Review => execution_days(rng, kind),
        ProjectStage::Settlement => rng.between(20, 40),
        ProjectStage::OutcomeReporting => rng.between(30, 60),
        ProjectStage::Rejected => rng.between(15, 30),
        ProjectStage::Dropped => rng.between(60, 150),
        ProjectStage::Discovery => 0,
    }
}

/// The stages a project passes after 발굴 to end at `target`.
pub(crate) fn path_to(target: ProjectStage) -> Vec<ProjectStage> {
    use ProjectStage::*;
    let pipeline = [Planning, Application, Evaluation, Agreement, Execution, Review, Settlement, OutcomeReporting];
    match target {
        Discovery => Vec::new(),
        Rejected => vec![Planning, Application, Evaluation, Rejected],
        Dropped => vec![Planning, Application, Evaluation, Agreement, Execution, Dropped],
        _ => {
            let end = pipeline.iter().position(|s| *s == target).map_or(0, |p| p + 1);
            pipeline[..end].to_vec()
        }
    }
}

pub(crate) const REJECT_REASONS: &[&str] = &[
    "외부 전문가 평가에서 기술 차별성과 사업화 계획이 부족하다는 의견으로 탈락",
    "예산 범위 내 우선순위에서 밀려 미선정",
    "현장 실사 결과 수행 인력 확보 계획이 미흡해 탈락",
];

pub(crate) const DROP_REASONS: &[&str] = &[
    "주관기업의 설비 투자 계획 변경(공장 이전)으로 협약 후 중도 포기",
    "참여기업 경영 악화로 기업 부담금 납부가 어려워 중단",
    "고객사 발주 취소로 개발 필요성이 사라져 협의 후 중단",
];

/// A project's stage dates working back from the day it reached `target`: returns the
/// discovery date and the later changes.
pub(crate) fn timeline_back(
    rng: &mut Rng,
    kind: SupportType,
    target: ProjectStage,
    reached: NaiveDate,
) -> (NaiveDate, Vec<(ProjectStage, NaiveDate, String)>) {
    let path = path_to(target);
    let mut dates = vec![reached; path.len()];
    let mut date = reached;
    for (k, stage) in path.iter().enumerate().rev() {
        dates[k] = date;
        date -= days(gap(rng, kind, *stage));
    }
    let changes = path
        .iter()
        .zip(dates)
        .map(|(stage, d)| {
            let reason = match stage {
                ProjectStage::Rejected => rng.pick(REJECT_REASONS).to_string(),
                ProjectStage::Dropped => rng.pick(DROP_REASONS).to_string(),
                _ => String::new(),
            };
            (*stage, d, reason)
        })
        .collect();
    (date, changes)
}

/// A project's stage dates going forward from discovery, as far as `end`: most go the
/// whole way, some are rejected at evaluation or dropped while carried out.
pub(crate) fn timeline_forward(
    rng: &mut Rng,
    kind: SupportType,
    discovery: NaiveDate,
    end: NaiveDate,
) -> Vec<(ProjectStage, NaiveDate, String)> {
    let target = match rng.below(100) {
        0..=11 => ProjectStage::Rejected,
        12..=16 => ProjectStage::Dropped,
        17..=21 => ProjectStage::Evaluation,
        _ => ProjectStage::OutcomeReporting,
    };
    let mut date = discovery;
    let mut out = Vec::new();
    for stage in path_to(target) {
        date += days(gap(rng, kind, stage));
        if date > end {
            break;
        }
        let reason = match stage {
            ProjectStage::Rejected => rng.pick(REJECT_REASONS).to_string(),
            ProjectStage::Dropped => rng.pick(DROP_REASONS).to_string(),
            _ => String::new(),
        };
        out.push((stage, date, reason));
    }
    out
}

/// Yearly outcomes for a project that reached outcome reporting on `reached`, one for
/// each year whose report (due in February after it) falls on or before `until`.
pub(crate) fn outcomes(rng: &mut Rng, reached: NaiveDate, until: NaiveDate) -> Vec<(NaiveDate, Outcome)> {
    let mut out = Vec::new();
    for year in reached.year().. {
        let due = NaiveDate::from_ymd_opt(year + 1, 2, 15).unwrap_or(reached);
        if due > until || out.len() >= 5 {
            break;
        }
        let growth = out.len() as i64 + 1;
        let sales = 10_000_000 * rng.between(5, 60) * growth;
        out.push((
            due,
            Outcome {
                year,
                sales_won: sales,
                exports_won: if rng.percent(50) { sales * rng.between(10, 40) / 100 } else { 0 },
                jobs: rng.between(0, 3) as i32,
                patents: rng.between(0, 2) as i32,
                commercialised: rng.percent(70),
            },
        ));
    }
    out
}

/// A moment on `date` during office hours, or a few minutes after `after` when the date
/// has passed by then (a step recorded late).
pub(crate) fn moment(rng: &mut Rng, after: NaiveDateTime, date: NaiveDate) -> NaiveDateTime {
    let t = at(date, rng.between(9, 17) as u32, rng.between(0, 59) as u32);
    if t > after {
        t
    } else {
        after + Duration::minutes(rng.between(2, 15))
    }
}

/// Fills an issue template for a firm: the title, the description, and the keyword a
/// partner must know.
pub(crate) fn issue_text(rng: &mut Rng, template: &IssueTemplate, firm: &Firm) -> (String, String, String) {
    let product = *rng.pick(&firm.products);
    // A technology the firm asks about: mostly one it lacks.
    let lacking: Vec<&str> = firm.segment.technologies.iter().copied().filter(|t| !firm.techs.contains(t)).collect();
    let tech = if lacking.is_empty() { *rng.pick(firm.segment.technologies) } else { *rng.pick(&lacking) };
    let values = [("product", product), ("tech", tech), ("company", firm.name.as_str())];
    let keyword = template.topic.unwrap_or(tech).to_string();
    (fill(template.title, &values), fill(template.description, &values), keyword)
}

/// The experts whose expertise holds `keyword`.
pub(crate) fn experts_for<'a>(experts: &'a [Expert], keyword: &str) -> Vec<&'a Expert> {
    experts.iter().filter(|x| x.expertise.iter().any(|k| k == keyword)).collect()
}

/// What the minutes call a person: name and title.
fn person_label(plan: &Plan, p: usize) -> String {
    let input = &plan.people[p].input;
    format!("{} {}", input.name, input.title)
}

fn member_name(plan: &Plan, m: usize) -> &str {
    &plan.members[m].input.name
}

fn first_sentence(text: &str) -> &str {
    text.split_inclusive(". ").next().unwrap_or(text).trim()
}

/// Present most of the time, sometimes absent or excused.
pub(crate) fn attendance(rng: &mut Rng, present_percent: usize) -> Attendance {
    if rng.percent(present_percent) {
        Attendance::Present
    } else if rng.percent(55) {
        Attendance::Excused
    } else {
        Attendance::Absent
    }
}

/// What writing the minutes of one event needs besides the plan.
pub(crate) struct MinutesContext<'a> {
    /// Firms of the cluster (for partner suggestions in visit minutes).
    pub firms: &'a [Firm],
    pub manager: &'a str,
    /// Since the previous regular meeting: plant visits held and issues raised.
    pub visits_since: usize,
    pub issues_since: Vec<usize>,
    /// Past-year totals, for the general meeting's report.
    pub year_totals: [usize; 4],
    /// A finished project to present at a workshop.
    pub showcase: Option<String>,
}

/// Writes the minutes, decisions and action items of a held event.
pub(crate) fn write_minutes(plan: &mut Plan, rng: &mut Rng, e: usize, cx: &MinutesContext<'_>) {
    let event = &plan.events[e];
    let present: Vec<Who> = event.invitees.iter().filter(|(_, a)| *a == Attendance::Present).map(|(w, _)| *w).collect();
    let firms_present = present.iter().filter(|w| matches!(w, Who::Member(_))).count();
    let people_present = present.len() - firms_present;
    let date = event.starts.date();
    let mut minutes = Vec::new();
    let mut decisions = Vec::new();
    let mut actions = Vec::new();
    let issue_titles: Vec<String> = event.issues.iter().map(|i| plan.issues[*i].title.clone()).collect();
    let speaker = event.invitees.iter().find_map(|(w, a)| match w {
        Who::Person(p)
            if *a == Attendance::Present
                && plan.people[*p].member.is_none_or(|m| plan.members[m].input.kind != Some(MemberKind::Company)) =>
        {
            Some(*p)
        }
        _ => None,
    });
    match event.kind {
        EventKind::PlantVisit => {
            let Some(m) = event.visited else { return };
            let firm_input = &plan.members[m].input;
            let staff: Vec<String> = event
                .invitees
                .iter()
                .filter_map(|(w, _)| match w {
                    Who::Person(p)
                        if plan.people[*p].member == Some(m) && plan.people[*p].input.name != firm_input.ceo_name =>
                    {
                        Some(person_label(plan, *p))
                    }
                    _ => None,
                })
                .collect();
            let met = if staff.is_empty() {
                format!("{} 대표", firm_input.ceo_name)
            } else {
                format!("{} 대표, {}", firm_input.ceo_name, staff.join(", "))
            };
            minutes.push(format!(
                "{} 사업장을 방문하여 {}{} 면담함.",
                firm_input.name,
                met,
                text::particle(&met, "과")
            ));
            let products: Vec<&str> = firm_input.products.iter().take(2).map(String::as_str).collect();
            minutes.push(format!("주력 제품인 {} 생산 라인과 품질관리 현황을 둘러봄.", products.join("·")));
            minutes.push(format!("{}.", rng.pick(MARKET_NEWS)));
            if let Some(tech) = firm_input.technologies.first() {
                minutes.push(format!("{} 역량을 바탕으로 신제품 개발을 추진 중임.", tech));
            }
            for i in &event.issues {
                let issue = &plan.issues[*i];
                minutes.push(format!(
                    "애로사항으로 '{}' 문제를 제기함. {}",
                    issue.title,
                    first_sentence(&issue.description)
                ));
            }
            if event.issues.is_empty() {
                minutes.push("현재 특별한 애로사항은 없으며 지원사업 정보를 정기적으로 받기를 희망함.".to_string());
            }
            if let Some(p) = speaker {
                let label = person_label(plan, p);
                let keyword = plan.people[p].input.expertise.first().cloned().unwrap_or_default();
                minutes.push(format!("{} 동행하여 {} 관점의 개선 방향을 조언함.", with(&label, "이"), keyword));
                actions.push(ActionPlan {
                    title: format!("{} 기술자문 일정 조율", label),
                    assignee: Some(Who::Person(p)),
                    due: date + days(rng.between(5, 12)),
                    issue: event.issues.first().copied(),
                });
            }
            // Firms often do not know what the company next door can do: suggest one.
            let wanted: Vec<&str> = firm_input.technologies.iter().map(String::as_str).collect();
            let partner = cx
                .firms
                .iter()
                .filter(|f| f.member != m)
                .find(|f| f.techs.iter().any(|t| !wanted.contains(t)) && rng.percent(30));
            if let Some(f) = partner {
                let tech = f.techs.iter().find(|t| !wanted.contains(t)).copied().unwrap_or_default();
                minutes.push(format!(
                    "클러스터 회원사 {} {} 기술을 보유하고 있어 기술 교류를 제안함.",
                    with(&f.name, "이"),
                    tech
                ));
                decisions.push(format!("{}{} 기술 교류 미팅 주선", f.name, text::particle(&f.name, "과")));
            }
            for title in &issue_titles {
                decisions.insert(0, format!("'{title}' 애로사항 접수, 전문가 매칭 검토"));
            }
            decisions.push("관련 지원사업 공고 시 우선 안내".to_string());
            if let Some(i) = event.issues.first() {
                actions.push(ActionPlan {
                    title: format!("'{}' 검토 결과 회신", plan.issues[*i].title),
                    assignee: Some(Who::Member(m)),
                    due: date + days(rng.between(10, 21)),
                    issue: Some(*i),
                });
            }
        }
        EventKind::RegularMeeting => {
            minutes.push(format!("회원사 {firms_present}개사와 전문가·지원기관 {people_present}명이 참석함."));
            if cx.visits_since + cx.issues_since.len() > 0 {
                minutes.push(format!(
                    "{} 매니저가 지난 회의 이후 활동(현장방문 {}건, 애로사항 접수 {}건)을 보고함.",
                    cx.manager,
                    cx.visits_since,
                    cx.issues_since.len()
                ));
            } else {
                minutes.push(format!("{} 매니저가 올해 현장방문 계획과 지원사업 일정을 안내함.", cx.manager));
            }
            let shared: Vec<String> = cx
                .issues_since
                .iter()
                .take(2)
                .map(|i| {
                    let issue = &plan.issues[*i];
                    let who = issue.members.first().map(|m| member_name(plan, *m)).unwrap_or_default();
                    format!("'{}'({who})", issue.title)
                })
                .collect();
            if !shared.is_empty() {
                let list = shared.join(", ");
                minutes.push(format!("주요 애로사항으로 {} 공유하고 해결 방안을 논의함.", with(&list, "을")));
            }
            minutes.push(format!("{}.", event.topic_or(rng)));
            if let Some(Who::Member(m)) = present
                .iter()
                .find(|w| matches!(w, Who::Member(m) if plan.members[*m].input.kind == Some(MemberKind::Company)))
            {
                let input = &plan.members[*m].input;
                if let (Some(product), Some(tech)) = (input.products.first(), input.technologies.first()) {
                    minutes.push(format!(
                        "{} {} 관련 신제품 개발 현황을 소개하고, 회원사 간 {} 협력 가능성을 논의함.",
                        with(&input.name, "이"),
                        product,
                        tech
                    ));
                    actions.push(ActionPlan {
                        title: format!("{} 제품 소개 자료 회원사 공유", input.name),
                        assignee: Some(Who::Member(*m)),
                        due: date + days(rng.between(7, 14)),
                        issue: None,
                    });
                }
            }
            decisions.push("공유된 애로사항은 소그룹별로 세부 검토".to_string());
            decisions.push(format!(
                "지원사업 신청 희망 기업은 {}까지 신청서 초안 제출",
                (date + days(21)).format("%-m월 %-d일")
            ));
            actions.push(ActionPlan {
                title: "지원사업 신청서 초안 취합·검토".to_string(),
                assignee: None,
                due: date + days(rng.between(20, 28)),
                issue: None,
            });
        }
        EventKind::Seminar => {
            if let Some(p) = speaker {
                let input = &plan.people[p].input;
                let label = format!("{} {}({})", input.name, input.title, input.affiliation);
                minutes.push(format!(
                    "{} '{}'{} 주제로 발표함.",
                    with(&label, "이"),
                    event.topic,
                    text::particle(&event.topic, "을")
                ));
                let words: Vec<&str> = input.expertise.iter().take(2).map(String::as_str).collect();
                if !words.is_empty() {
                    minutes.push(format!("{}의 최신 동향과 국내외 적용 사례를 소개함.", words.join("·")));
                }
                actions.push(ActionPlan {
                    title: "세미나 발표 자료 회원사 공유".to_string(),
                    assignee: Some(Who::Person(p)),
                    due: date + days(rng.between(3, 7)),
                    issue: None,
                });
            }
            if let Some(Who::Member(m)) = present.iter().find(|w| matches!(w, Who::Member(_))) {
                let input = &plan.members[*m].input;
                if let Some(product) = input.products.first() {
                    minutes.push(format!(
                        "질의응답에서 {} {} 적용 가능성과 비용을 문의함.",
                        with(&input.name, "이"),
                        product
                    ));
                }
            }
            minutes.push(format!(
                "참석 {}명, 만족도 조사 평균 4.{}점.",
                firms_present + people_present,
                rng.between(1, 8)
            ));
            decisions.push("발표 자료를 회원사에 공유".to_string());
            decisions.push(format!("후속 1:1 기술상담 희망 기업 접수({}개사)", rng.between(2, 7)));
        }
        EventKind::GeneralMeeting => {
            let [meetings, seminars, visits, issues] = cx.year_totals;
            minutes.push(format!("회원사 {firms_present}개사가 참석(위임 포함)하여 성원됨."));
            minutes.push(format!(
                "지난 1년 사업 실적(정기회의 {meetings}회, 기술세미나 {seminars}회, 현장방문 {visits}회, 애로사항 {issues}건 접수)을 보고함."
            ));
            minutes.push(format!("{}년 사업계획과 회비 예산(안)을 원안대로 의결함.", date.year()));
            let chair = present.iter().find_map(|w| match w {
                Who::Member(m) if plan.members[*m].input.kind == Some(MemberKind::Company) => {
                    Some(member_name(plan, *m).to_string())
                }
                _ => None,
            });
            if let Some(chair) = &chair {
                minutes.push(format!("회장사로 {} 선임함.", with(chair, "을")));
                decisions.push(format!("회장사 {chair} 선임"));
            }
            decisions.insert(0, format!("{}년 사업계획 및 예산(안) 의결", date.year()));
            decisions.push("소그룹 운영 체계 유지, 수출마케팅 활동 강화".to_string());
            actions.push(ActionPlan {
                title: "총회 의결 사항 본부 보고".to_string(),
                assignee: None,
                due: date + days(7),
                issue: None,
            });
        }
        EventKind::GroupMeeting => {
            minutes.push(format!("{} 소그룹 회의에 {firms_present}개사가 참석함.", event.topic));
            let firms: Vec<usize> =
                present.iter().filter_map(|w| if let Who::Member(m) = w { Some(*m) } else { None }).take(2).collect();
            if let [a, b] = firms[..] {
                let tech = plan.members[a].input.technologies.first().cloned().unwrap_or_default();
                let a_name = member_name(plan, a);
                minutes.push(format!(
                    "{}{} {} {} 공동 대응 방안을 논의함.",
                    a_name,
                    text::particle(a_name, "과"),
                    with(member_name(plan, b), "이"),
                    tech
                ));
            }
            minutes.push(format!("{}.", rng.pick(MARKET_NEWS)));
            for i in &event.issues {
                let title = &plan.issues[*i].title;
                minutes.push(format!("공통 애로로 '{title}' 정리하여 공통과제 발굴을 검토하기로 함."));
                decisions.push(format!("'{title}' 공통과제화 검토"));
                actions.push(ActionPlan {
                    title: format!("'{title}' 참여 희망 기업 수요조사"),
                    assignee: firms.first().map(|m| Who::Member(*m)),
                    due: date + days(rng.between(14, 28)),
                    issue: Some(*i),
                });
            }
            decisions.push("다음 소그룹 회의에서 진행 상황 공유".to_string());
        }
        EventKind::Workshop => {
            minutes.push(format!("회원사 {firms_present}개사와 전문가 {people_present}명이 참석함."));
            minutes.push("올해 추진한 과제의 성과를 공유하고 내년 공통과제 후보를 조별로 토론함.".to_string());
            if let Some(title) = &cx.showcase {
                minutes.push(format!("우수 사례로 '{title}' 과제의 성과가 발표됨."));
            }
            decisions.push("내년 공통과제 후보 3건 선정, 본부 사업 공고에 맞춰 기획".to_string());
            actions.push(ActionPlan {
                title: "내년 공통과제 후보 수요조사".to_string(),
                assignee: None,
                due: date + days(rng.between(14, 25)),
                issue: None,
            });
        }
    }
    let decisions = decisions.iter().enumerate().map(|(k, d)| format!("{}. {d}", k + 1)).collect::<Vec<_>>().join("\n");
    let event = &mut plan.events[e];
    event.minutes = minutes.join(" ");
    event.decisions = decisions;
    event.actions = actions;
}

impl EventPlan {
    /// The event's topic, or a meeting topic drawn at random.
    fn topic_or(&self, rng: &mut Rng) -> String {
        if self.topic.is_empty() {
            rng.pick(super::vocabulary::MEETING_TOPICS).to_string()
        } else {
            self.topic.clone()
        }
    }
}

/// Schedules an event: announced (created with its invitees) before it starts, then held
/// that evening with its minutes (past events), or cancelled. Returns when it was held.
pub(crate) fn schedule_event(
    plan: &mut Plan,
    rng: &mut Rng,
    e: usize,
    earliest: NaiveDateTime,
    horizon: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let event = &plan.events[e];
    let starts = event.starts;
    let ends = event.ends;
    let announce_date = starts.date() - days(rng.between(7, 21));
    let mut announce = at(announce_date, rng.between(9, 17) as u32, rng.between(0, 59) as u32);
    announce = announce.max(earliest).min(horizon - Duration::minutes(30));
    plan.at(announce, Step::CreateEvent(e));
    if plan.events[e].cancel_reason.is_some() {
        // Called off a day or two before, or by this morning for an event still ahead.
        let cancel = (starts - Duration::hours(rng.between(20, 60)))
            .min(horizon - Duration::minutes(10))
            .max(announce + Duration::minutes(5));
        plan.at(cancel, Step::CancelEvent(e));
        return None;
    }
    if starts.date() >= horizon.date() {
        return None;
    }
    let held = ends + Duration::minutes(rng.between(40, 180));
    plan.at(held, Step::HoldEvent(e));
    let horizon_date = horizon.date();
    for k in 0..plan.events[e].actions.len() {
        let due = plan.events[e].actions[k].due;
        if due <= horizon_date - days(10) && rng.percent(85) {
            let early = days(rng.between(0, 6));
            let done = moment(rng, held, due - early);
            plan.at(done, Step::FinishAction(e, k));
        }
    }
    Some(held)
}

/// Schedules the workflow of an issue no project takes up: most are reviewed and matched
/// with a partner, many resolved that way, some dropped, some still waiting.
pub(crate) fn schedule_free_issue(plan: &mut Plan, rng: &mut Rng, i: usize, created: NaiveDateTime) {
    use IssueStatus::*;
    let path: Vec<IssueStatus> = match rng.below(100) {
        0..=39 => vec![Reviewing, Matched, Resolved],
        40..=59 => vec![Reviewing, Matched],
        60..=71 => vec![Reviewing, Dropped],
        72..=74 => vec![Dropped],
        75..=86 => vec![Reviewing],
        _ => Vec::new(),
    };
    let mut last = created;
    let found = plan.issues[i].found_on;
    let mut date = found;
    for status in path {
        date += days(match status {
            Reviewing => rng.between(1, 6),
            Matched => rng.between(7, 30),
            Resolved => rng.between(20, 75),
            _ => rng.between(10, 45),
        });
        let reason = if status == Dropped { rng.pick(ISSUE_DROP_REASONS).to_string() } else { String::new() };
        let k = plan.issues[i].moves.len();
        plan.issues[i].moves.push((status, reason));
        last = moment(rng, last, date);
        plan.at(last, Step::MoveIssue(i, k));
    }
}

/// Schedules a project: created at `created` (its issues are moved into "in project" then
/// by the project module), its stage changes on their dates (one dated before the
/// creation is recorded right after it: entered late), outcomes, shares, and what the
/// outcome means for its issues.
pub(crate) fn schedule_project(
    plan: &mut Plan,
    rng: &mut Rng,
    p: usize,
    created: NaiveDateTime,
    issue_times: &[NaiveDateTime],
) {
    plan.at(created, Step::CreateProject(p));
    // Before the project: the linked issues were reviewed and matched (when time allowed).
    for (n, &i) in plan.projects[p].issues.clone().iter().enumerate() {
        let Some(&found) = issue_times.get(n) else { continue };
        let mut last = found;
        let mut date = plan.issues[i].found_on;
        for status in [IssueStatus::Reviewing, IssueStatus::Matched] {
            date += days(rng.between(2, 8));
            let t = moment(rng, last, date);
            if t >= created - Duration::hours(1) {
                break;
            }
            let k = plan.issues[i].moves.len();
            plan.issues[i].moves.push((status, String::new()));
            plan.at(t, Step::MoveIssue(i, k));
            last = t;
        }
    }
    let mut last = created;
    let stages = plan.projects[p].stages.clone();
    for (k, (stage, date, _)) in stages.iter().enumerate() {
        last = moment(rng, last, *date);
        plan.at(last, Step::Stage(p, k));
        let follow = match stage {
            ProjectStage::Settlement => Some((IssueStatus::Resolved, String::new())),
            ProjectStage::Rejected if rng.percent(50) => Some((IssueStatus::Matched, String::new())),
            ProjectStage::Rejected => {
                Some((IssueStatus::Dropped, "과제 탈락 후 기업이 자체 추진하기로 함".to_string()))
            }
            ProjectStage::Dropped => Some((IssueStatus::Dropped, "연계 과제가 중단되어 함께 종료".to_string())),
            _ => None,
        };
        if let Some((status, reason)) = follow {
            for i in plan.projects[p].issues.clone() {
                let k = plan.issues[i].moves.len();
                plan.issues[i].moves.push((status, reason.clone()));
                plan.at(last + Duration::minutes(5), Step::MoveIssue(i, k));
            }
        }
    }
    let mut t = last;
    for k in 0..plan.projects[p].outcomes.len() {
        let due = plan.projects[p].outcome_dates[k];
        t = moment(rng, t, due);
        plan.at(t, Step::Outcome(p, k));
    }
    let mut t = last;
    for k in 0..plan.projects[p].shares.len() {
        let on = plan.projects[p].shares[k].1;
        t = moment(rng, t, on);
        plan.at(t, Step::Share(p, k));
    }
}

/// Members to share a finished project's result with: firms of the cluster other than
/// its own participants.
pub(crate) fn share_targets(rng: &mut Rng, firms: &[Firm], project: &ProjectPlan, count: usize) -> Vec<usize> {
    let own: Vec<usize> = std::iter::once(project.lead).chain(project.participants.iter().copied()).collect();
    let others: Vec<usize> = firms.iter().map(|f| f.member).filter(|m| !own.contains(m)).collect();
    rng.choose(&others, count)
}
