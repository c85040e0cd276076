//! The whole national programme in one database, for load and performance tests: 81
//! mini-clusters in six regions with their firms, people, ten years of events with
//! minutes, issues and projects, written through the same validated, logged paths as the
//! app (in large transactions, so it loads in minutes).

use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::Connection;

use super::execute::{self, Batching};
use super::plan::{EventPlan, GroupPlan, IssuePlan, Plan, ProjectPlan, Step, Who};
use super::shared::{self, Expert, Firm, MinutesContext, Unique};
use super::vocabulary::{
    Complex, Industry, COMPLEXES, GENERAL_EXPERTISE, GENERAL_ISSUES, INDUSTRIES, INSTITUTIONS, MEETING_PLACES,
};
use super::{at, days, millis, nth_weekday, random_workday, workday_on_or_after, Rng};
use desk_core::cluster::{ClusterInput, Region};
use desk_core::db::Generation;
use desk_core::event::{Attendance, EventKind};
use desk_core::member::MemberKind;
use desk_core::person::PersonRole;
use desk_core::project::{ProjectScope, ProjectStage};
use desk_core::validate::support::SupportType;
use desk_core::{CoreResult, Store};

/// How big a national database to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationalScale {
    pub clusters: usize,
    /// Member companies over all clusters.
    pub companies: usize,
    /// People over all clusters: the experts below, the rest company staff.
    pub people: usize,
    pub professors: usize,
    pub researchers: usize,
    pub agency_staff: usize,
    /// Years of activity, ending with `last_year`.
    pub years: usize,
    pub last_year: i32,
    pub events_per_cluster_year: usize,
    pub issues: usize,
    pub projects: usize,
}

impl NationalScale {
    /// The programme as the 2009 article counts it, with ten years of activity.
    pub const FULL: NationalScale = NationalScale {
        clusters: 81,
        companies: 4_607,
        people: 6_223,
        professors: 790,
        researchers: 246,
        agency_staff: 583,
        years: 10,
        last_year: 2025,
        events_per_cluster_year: 35,
        issues: 50_000,
        projects: 10_000,
    };

    /// A small national database for tests.
    pub const SMALL: NationalScale = NationalScale {
        clusters: 3,
        companies: 60,
        people: 80,
        professors: 10,
        researchers: 3,
        agency_staff: 8,
        years: 1,
        last_year: 2025,
        events_per_cluster_year: 30,
        issues: 200,
        projects: 40,
    };
}

/// What the database holds after generation (counted from its tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NationalCounts {
    pub clusters: usize,
    pub companies: usize,
    /// Universities, institutes and agencies.
    pub other_members: usize,
    pub people: usize,
    pub professors: usize,
    pub researchers: usize,
    pub agency_staff: usize,
    pub company_staff: usize,
    pub events: usize,
    pub invitees: usize,
    pub action_items: usize,
    pub issues: usize,
    pub projects: usize,
    pub stage_changes: usize,
    pub change_log_rows: usize,
}

impl NationalCounts {
    fn of(conn: &Connection) -> CoreResult<NationalCounts> {
        let count = |sql: &str| -> CoreResult<usize> {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let role = |r: &str| count(&format!("SELECT count(*) FROM person WHERE role = '{r}'"));
        Ok(NationalCounts {
            clusters: count("SELECT count(*) FROM cluster")?,
            companies: count("SELECT count(*) FROM member WHERE kind = 'company'")?,
            other_members: count("SELECT count(*) FROM member WHERE kind <> 'company'")?,
            people: count("SELECT count(*) FROM person")?,
            professors: role("professor")?,
            researchers: role("researcher")?,
            agency_staff: role("agency_staff")?,
            company_staff: role("staff")?,
            events: count("SELECT count(*) FROM event")?,
            invitees: count("SELECT count(*) FROM invitee")?,
            action_items: count("SELECT count(*) FROM action_item")?,
            issues: count("SELECT count(*) FROM issue")?,
            projects: count("SELECT count(*) FROM project")?,
            stage_changes: count("SELECT count(*) FROM project_stage_change")?,
            change_log_rows: count("SELECT count(*) FROM change_log")?,
        })
    }
}

/// Fills the database with the national programme at `scale` and returns what it holds.
/// The same seed and scale give the same records and ids. Steps are grouped into
/// transactions of about 1,500 rows each: far faster than one per action, while every
/// write still goes through validation, the search index and the change log.
pub fn generate_national(store: &mut Store, seed: u64, scale: &NationalScale) -> CoreResult<NationalCounts> {
    let national = National::plan(seed, scale);
    store.set_generation(Some(Generation::new(seed, millis(national.begin))));
    let result = execute::run(store, &national.plan, national.horizon, Batching::Rows(1_500));
    store.set_generation(None);
    result?;
    NationalCounts::of(store.conn())
}

/// The article's cluster counts per region, in `Region::ALL` order.
const REGION_WEIGHTS: [usize; 6] = [17, 7, 15, 18, 18, 6];

/// Splits `total` in proportion to `weights` (largest remainder), so the parts add up.
fn apportion(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut parts: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut remainders: Vec<(usize, usize)> = weights.iter().enumerate().map(|(i, w)| (total * w % sum, i)).collect();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = total - parts.iter().sum::<usize>();
    for (_, i) in remainders.into_iter().take(missing) {
        parts[i] += 1;
    }
    parts
}

/// `total` split over `n` parts as evenly as possible.
fn split(total: usize, n: usize) -> Vec<usize> {
    (0..n).map(|i| total / n.max(1) + usize::from(i < total % n.max(1))).collect()
}

fn short_name(complex: &str) -> &str {
    for suffix in ["국가산업단지", "과학산업단지", "생명과학단지", "산업단지"] {
        if let Some(short) = complex.strip_suffix(suffix) {
            return short;
        }
    }
    complex
}

struct National {
    rng: Rng,
    plan: Plan,
    unique: Unique,
    begin: NaiveDateTime,
    entry: NaiveDateTime,
    horizon: NaiveDateTime,
    first_year: i32,
    end: NaiveDate,
}

/// One cluster's planned firms and experts while its activity is planned.
struct ClusterParts {
    cluster: usize,
    industry: &'static Industry,
    firms: Vec<Firm>,
    experts: Vec<Expert>,
    staff: Vec<Vec<usize>>,
    university: usize,
    agency: usize,
    groups: Vec<usize>,
    manager: String,
}

impl National {
    fn plan(seed: u64, scale: &NationalScale) -> National {
        let first_year = scale.last_year - scale.years.max(1) as i32 + 1;
        let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default();
        let begin = at(workday_on_or_after(start - days(20)), 9, 0);
        let mut national = National {
            rng: Rng::new(seed, 2),
            plan: Plan::default(),
            unique: Unique::default(),
            begin,
            entry: begin,
            horizon: at(NaiveDate::from_ymd_opt(scale.last_year, 12, 31).unwrap_or(start), 23, 59),
            first_year,
            end: NaiveDate::from_ymd_opt(scale.last_year, 12, 31).unwrap_or(start),
        };
        let per_region = apportion(scale.clusters, &REGION_WEIGHTS);
        let mut places: Vec<(&'static Complex, &'static str, usize)> = Vec::new();
        for (region, count) in Region::ALL.iter().zip(per_region) {
            let pairs: Vec<(&'static Complex, &'static str)> = COMPLEXES
                .iter()
                .filter(|c| c.region == *region)
                .flat_map(|c| c.themes.iter().map(move |t| (c, *t)))
                .collect();
            for k in 0..count {
                let (complex, theme) = pairs[k % pairs.len()];
                places.push((complex, theme, k / pairs.len()));
            }
        }
        let companies = split(scale.companies, places.len());
        let professors = split(scale.professors, places.len());
        let researchers = split(scale.researchers, places.len());
        let agency = split(scale.agency_staff, places.len());
        let staff_total = scale.people.saturating_sub(scale.professors + scale.researchers + scale.agency_staff);
        let staff = split(staff_total, places.len());
        let issues = split(scale.issues, places.len());
        let projects = split(scale.projects, places.len());
        for (c, (complex, theme, round)) in places.into_iter().enumerate() {
            let mut parts = national.setup_cluster(
                c,
                complex,
                theme,
                round,
                companies[c],
                [professors[c], researchers[c], agency[c], staff[c]],
            );
            national.activity(&mut parts, scale, issues[c], projects[c]);
        }
        national
    }

    fn tick(&mut self) -> NaiveDateTime {
        self.entry += Duration::seconds(self.rng.between(20, 90));
        self.entry
    }

    fn setup_cluster(
        &mut self,
        c: usize,
        complex: &'static Complex,
        theme: &'static str,
        round: usize,
        companies: usize,
        people: [usize; 4],
    ) -> ClusterParts {
        let industry = INDUSTRIES.iter().find(|i| i.theme == theme).unwrap_or(&INDUSTRIES[0]);
        let institutions = INSTITUTIONS.iter().find(|i| i.region == complex.region).unwrap_or(&INSTITUTIONS[0]);
        let manager = super::text::person_name(&mut self.rng).full;
        let name = if round == 0 {
            format!("{} {theme} 미니클러스터", short_name(complex.name))
        } else {
            format!("{} {theme} {}차 미니클러스터", short_name(complex.name), round + 1)
        };
        self.plan.clusters.push(ClusterInput {
            name,
            complex_name: complex.name.to_string(),
            region: complex.region,
            industry_theme: theme.to_string(),
            manager_name: manager.clone(),
        });
        self.unique.names.clear();
        let member_start = self.plan.members.len();
        let all_techs: Vec<&'static str> =
            industry.segments.iter().flat_map(|s| s.technologies.iter().copied()).collect();
        let mut firms = Vec::new();
        let start = NaiveDate::from_ymd_opt(self.first_year, 1, 1).unwrap_or(self.end);
        for _ in 0..companies {
            let segment = self.rng.pick(industry.segments);
            let address = format!(
                "{} {} {}-{}",
                complex.address,
                self.rng.pick(complex.dongs),
                self.rng.between(1, 1200),
                self.rng.between(1, 30)
            );
            let joined = start - days(self.rng.between(30, 16 * 365));
            let firm = shared::company(
                &mut self.rng,
                &mut self.plan,
                c,
                segment,
                &mut self.unique,
                institutions.tax_offices,
                address,
                joined,
                "0",
            );
            let phone = format!(
                "0{}-{:03}-{:04}",
                self.rng.between(31, 64),
                self.rng.between(200, 899),
                self.rng.between(1000, 9999)
            );
            self.plan.members[firm.member].input.phone = phone;
            firms.push(firm);
        }
        let university_name = *self.rng.pick(institutions.universities);
        let techs = self.rng.choose(&all_techs, 3);
        let university = shared::institution(&mut self.plan, c, MemberKind::University, university_name, "", &techs);
        let techs = self.rng.choose(&all_techs, 3);
        let institute_name = *self.rng.pick(institutions.institutes);
        let institute = shared::institution(&mut self.plan, c, MemberKind::Institute, institute_name, "", &techs);
        let agency_name = *self.rng.pick(institutions.agencies);
        let agency =
            shared::institution(&mut self.plan, c, MemberKind::Agency, agency_name, "", &GENERAL_EXPERTISE[..3]);
        let t = self.tick();
        self.plan.at(t, Step::Cluster(c));
        let t = self.tick();
        self.plan.at(t, Step::Members(member_start, self.plan.members.len()));

        let people_start = self.plan.people.len();
        let mut experts = Vec::new();
        let [professors, researchers, agency_staff, staff_count] = people;
        for (role, count, member, titles) in [
            (PersonRole::Professor, professors, university, &["교수", "부교수", "조교수"][..]),
            (PersonRole::Researcher, researchers, institute, &["책임연구원", "선임연구원", "수석연구원"][..]),
            (PersonRole::AgencyStaff, agency_staff, agency, &["팀장", "책임", "선임", "차장"][..]),
        ] {
            let domain = format!("{}.example", super::text::romanize(&self.plan.members[member].input.name));
            for _ in 0..count {
                let mut expertise: Vec<String> = if role == PersonRole::AgencyStaff {
                    self.rng.choose(GENERAL_EXPERTISE, 3).iter().map(|s| s.to_string()).collect()
                } else {
                    self.rng.choose(&all_techs, 3).iter().map(|s| s.to_string()).collect()
                };
                if self.rng.percent(40) {
                    expertise.push(self.rng.pick(GENERAL_EXPERTISE).to_string());
                }
                let title = *self.rng.pick(titles);
                let p = shared::person(
                    &mut self.rng,
                    &mut self.plan,
                    c,
                    role,
                    Some(member),
                    "",
                    title,
                    &expertise,
                    &domain,
                    None,
                );
                experts.push(Expert { person: p, expertise });
            }
        }
        let mut staff = vec![Vec::new(); firms.len()];
        for k in 0..staff_count {
            if firms.is_empty() {
                break;
            }
            let f = k % firms.len();
            let title = *self.rng.pick(super::vocabulary::STAFF_TITLES);
            let domain = firms[f].domain.clone();
            let p = shared::person(
                &mut self.rng,
                &mut self.plan,
                c,
                PersonRole::Staff,
                Some(firms[f].member),
                "",
                title,
                &[],
                &domain,
                None,
            );
            staff[f].push(p);
        }
        if self.plan.people.len() > people_start {
            let t = self.tick();
            self.plan.at(t, Step::People(people_start, self.plan.people.len()));
        }
        let mut groups = Vec::new();
        for (name, description) in
            [("기술개발", "공통 기술과제를 발굴하는 모임"), ("수출마케팅", "해외 인증과 판로를 함께 준비하는 모임")]
        {
            if firms.len() < 2 {
                break;
            }
            let size = 8.min(firms.len());
            let chosen = self.rng.sample(firms.len(), size);
            self.plan.groups.push(GroupPlan {
                cluster: c,
                name: name.to_string(),
                description: description.to_string(),
                members: chosen.iter().map(|f| firms[*f].member).collect(),
            });
            let g = self.plan.groups.len() - 1;
            let t = self.tick();
            self.plan.at(t, Step::Group(g));
            groups.push(g);
        }
        ClusterParts { cluster: c, industry, firms, experts, staff, university, agency, groups, manager }
    }

    /// One event of a cluster (not yet in the plan).
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        parts: &ClusterParts,
        kind: EventKind,
        title: String,
        starts: NaiveDateTime,
        hours: i64,
        place: String,
        invitees: Vec<Who>,
        topic: String,
    ) -> EventPlan {
        let present = match kind {
            EventKind::RegularMeeting => 55,
            EventKind::PlantVisit => 95,
            _ => 70,
        };
        let invitees = invitees
            .into_iter()
            .enumerate()
            .map(|(k, w)| {
                (
                    w,
                    if k == 0 && kind == EventKind::Seminar {
                        Attendance::Present
                    } else {
                        shared::attendance(&mut self.rng, present)
                    },
                )
            })
            .collect();
        let agenda = match kind {
            EventKind::PlantVisit => "1. 회사 현황 청취\n2. 생산 현장 확인\n3. 애로사항 청취",
            EventKind::Seminar => "1. 주제 발표\n2. 질의응답",
            EventKind::GeneralMeeting => "1. 사업 실적 보고\n2. 사업계획 및 예산(안) 심의\n3. 임원 선출",
            _ => "1. 활동 보고\n2. 애로사항 공유\n3. 지원사업 안내",
        };
        EventPlan {
            cluster: parts.cluster,
            kind,
            title,
            starts,
            ends: starts + Duration::hours(hours),
            place,
            agenda: agenda.to_string(),
            group: None,
            visited: None,
            invitees,
            minutes: String::new(),
            decisions: String::new(),
            issues: Vec::new(),
            actions: Vec::new(),
            cancel_reason: if kind != EventKind::GeneralMeeting && self.rng.percent(2) {
                Some("주요 참석 기업의 일정 변경으로 연기".to_string())
            } else {
                None
            },
            topic,
        }
    }

    fn firm_members(&mut self, parts: &ClusterParts, count: usize) -> Vec<Who> {
        self.rng.sample(parts.firms.len(), count).into_iter().map(|f| Who::Member(parts.firms[f].member)).collect()
    }

    fn expert_who(&mut self, parts: &ClusterParts) -> Option<Who> {
        (!parts.experts.is_empty()).then(|| Who::Person(parts.experts[self.rng.below(parts.experts.len())].person))
    }

    /// A year of one cluster's events, in date order.
    fn year_events(&mut self, parts: &ClusterParts, year: i32, count: usize) -> Vec<EventPlan> {
        let month = |m: u32| NaiveDate::from_ymd_opt(year, m, 1).unwrap_or_default();
        let regular = (count * 10 / 35).min(10);
        let seminars = count * 3 / 35;
        let workshops = count / 35;
        let groups = if parts.groups.is_empty() { 0 } else { count * 8 / 35 };
        let general = usize::from(count > 0);
        let visits = count.saturating_sub(regular + seminars + workshops + groups + general);
        let mut out = Vec::new();
        let place = |rng: &mut Rng| rng.pick(MEETING_PLACES).to_string();
        if general == 1 {
            let day = nth_weekday(month(1), Weekday::Thu, 3).unwrap_or(month(1));
            let invitees: Vec<Who> = parts.firms.iter().map(|f| Who::Member(f.member)).collect();
            let p = place(&mut self.rng);
            out.push(self.event(
                parts,
                EventKind::GeneralMeeting,
                format!("{year}년 정기총회"),
                at(day, 14, 0),
                3,
                p,
                invitees,
                String::new(),
            ));
        }
        for m in [2u32, 3, 4, 5, 6, 7, 9, 10, 11, 12].into_iter().take(regular) {
            let day = nth_weekday(month(m), Weekday::Thu, 2).unwrap_or(month(m));
            let n = parts.firms.len().min(12 + self.rng.below(7));
            let mut invitees = self.firm_members(parts, n);
            invitees.extend(self.expert_who(parts));
            let p = place(&mut self.rng);
            out.push(self.event(
                parts,
                EventKind::RegularMeeting,
                format!("{year}년 {m}월 정기회의"),
                at(day, 15, 0),
                2,
                p,
                invitees,
                String::new(),
            ));
        }
        for (k, m) in [3u32, 6, 9, 5, 10, 4].into_iter().take(seminars).enumerate() {
            let day = nth_weekday(month(m), Weekday::Tue, 3).unwrap_or(month(m));
            let topic = parts.industry.seminars[k % parts.industry.seminars.len()].to_string();
            let mut invitees: Vec<Who> = self.expert_who(parts).into_iter().collect();
            let n = parts.firms.len().min(10 + self.rng.below(6));
            invitees.extend(self.firm_members(parts, n));
            let p = place(&mut self.rng);
            out.push(self.event(
                parts,
                EventKind::Seminar,
                format!("기술세미나: {topic}"),
                at(day, 14, 0),
                3,
                p,
                invitees,
                topic,
            ));
        }
        for _ in 0..workshops {
            let day = nth_weekday(month(11), Weekday::Fri, 4).unwrap_or(month(11));
            let n = parts.firms.len().min(12);
            let mut invitees = self.firm_members(parts, n);
            invitees.extend(self.expert_who(parts));
            let p = place(&mut self.rng);
            out.push(self.event(
                parts,
                EventKind::Workshop,
                format!("{year} 성과공유 워크숍"),
                at(day, 10, 0),
                6,
                p,
                invitees,
                String::new(),
            ));
        }
        for k in 0..groups {
            let g = parts.groups[k % parts.groups.len()];
            let m = 2 + (k * 10 / groups.max(1)) as u32;
            let day = nth_weekday(month(m.min(12)), Weekday::Wed, 4).unwrap_or(month(1));
            let group = &self.plan.groups[g];
            let (name, members) = (group.name.clone(), group.members.clone());
            let invitees = members.into_iter().map(Who::Member).collect();
            let p = place(&mut self.rng);
            let mut event = self.event(
                parts,
                EventKind::GroupMeeting,
                format!("{name} 소그룹 {}월 회의", m.min(12)),
                at(day, 16, 0),
                2,
                p,
                invitees,
                name,
            );
            event.group = Some(g);
            out.push(event);
        }
        let first = month(1);
        let last = NaiveDate::from_ymd_opt(year, 12, 20).unwrap_or(first);
        for k in 0..visits {
            if parts.firms.is_empty() {
                break;
            }
            let span = (last - first).num_days();
            let from = first + days(span * k as i64 / visits as i64);
            let to = first + days(span * (k as i64 + 1) / visits as i64);
            let day = random_workday(&mut self.rng, from, to);
            let f = self.rng.below(parts.firms.len());
            let mut invitees = vec![Who::Member(parts.firms[f].member)];
            invitees.extend(parts.staff[f].iter().take(1).map(|p| Who::Person(*p)));
            if self.rng.percent(50) {
                invitees.extend(self.expert_who(parts));
            }
            let name = parts.firms[f].name.clone();
            let hour = if self.rng.percent(50) { 10 } else { 14 };
            let mut event = self.event(
                parts,
                EventKind::PlantVisit,
                format!("{name} 현장방문"),
                at(day, hour, 0),
                2,
                format!("{name} 본사·공장"),
                invitees,
                String::new(),
            );
            event.visited = Some(parts.firms[f].member);
            for (_, attendance) in event.invitees.iter_mut().take(1) {
                *attendance = Attendance::Present;
            }
            out.push(event);
        }
        out.sort_by_key(|e| e.starts);
        out
    }

    fn activity(&mut self, parts: &mut ClusterParts, scale: &NationalScale, issues: usize, projects: usize) {
        // Events, in date order.
        let first_event = self.plan.events.len();
        for y in 0..scale.years.max(1) {
            let events = self.year_events(parts, self.first_year + y as i32, scale.events_per_cluster_year);
            self.plan.events.extend(events);
        }
        let events: Vec<usize> = (first_event..self.plan.events.len()).collect();

        // Issues, raised at held events (mostly plant visits).
        let mut weighted = Vec::new();
        for e in &events {
            let event = &self.plan.events[*e];
            if event.cancel_reason.is_some() {
                continue;
            }
            let weight = match event.kind {
                EventKind::PlantVisit => 4,
                EventKind::GroupMeeting => 2,
                EventKind::RegularMeeting => 1,
                _ => 0,
            };
            weighted.extend(std::iter::repeat_n(*e, weight));
        }
        let first_issue = self.plan.issues.len();
        for _ in 0..issues {
            if parts.firms.is_empty() {
                break;
            }
            let event = (!weighted.is_empty()).then(|| weighted[self.rng.below(weighted.len())]);
            let (members, found_on) = match event {
                Some(e) => {
                    let plan_event = &self.plan.events[e];
                    let members = match plan_event.visited {
                        Some(m) => vec![m],
                        None => {
                            let present: Vec<usize> = plan_event.present_members();
                            let k = 1 + self.rng.below(3);
                            let chosen = self.rng.choose(&present, k);
                            if chosen.is_empty() {
                                vec![parts.firms[0].member]
                            } else {
                                chosen
                            }
                        }
                    };
                    (members, plan_event.starts.date())
                }
                None => {
                    let f = self.rng.below(parts.firms.len());
                    let start = NaiveDate::from_ymd_opt(self.first_year, 1, 1).unwrap_or(self.end);
                    (vec![parts.firms[f].member], random_workday(&mut self.rng, start, self.end - days(1)))
                }
            };
            let Some(f) = parts.firms.iter().position(|f| f.member == members[0]) else { continue };
            let template = self.rng.pick(GENERAL_ISSUES);
            let (title, description, _) = shared::issue_text(&mut self.rng, template, &parts.firms[f]);
            self.plan.issues.push(IssuePlan {
                cluster: parts.cluster,
                title,
                description,
                category: template.category,
                stage: template.stage,
                members,
                event,
                found_on,
                next_steps: String::new(),
                moves: Vec::new(),
            });
            let i = self.plan.issues.len() - 1;
            if let Some(e) = event {
                self.plan.events[e].issues.push(i);
            }
        }

        // Minutes, with what happened since the last regular meeting.
        let mut visits_since = 0;
        let mut issues_since = Vec::new();
        for e in events.iter().copied() {
            let event = &self.plan.events[e];
            if event.cancel_reason.is_some() {
                continue;
            }
            let date = event.starts.date();
            let kind = event.kind;
            let year_ago = date - days(365);
            let count = |kind: EventKind, plan: &Plan| {
                events
                    .iter()
                    .filter(|x| {
                        plan.events[**x].kind == kind
                            && plan.events[**x].starts.date() >= year_ago
                            && plan.events[**x].starts.date() < date
                    })
                    .count()
            };
            let year_totals = if kind == EventKind::GeneralMeeting {
                let found = (first_issue..self.plan.issues.len())
                    .filter(|i| self.plan.issues[*i].found_on >= year_ago && self.plan.issues[*i].found_on < date)
                    .count();
                [
                    count(EventKind::RegularMeeting, &self.plan),
                    count(EventKind::Seminar, &self.plan),
                    count(EventKind::PlantVisit, &self.plan),
                    found,
                ]
            } else {
                [0; 4]
            };
            let cx = MinutesContext {
                firms: &parts.firms,
                manager: &parts.manager,
                visits_since,
                issues_since: issues_since.clone(),
                year_totals,
                showcase: None,
            };
            shared::write_minutes(&mut self.plan, &mut self.rng, e, &cx);
            if kind == EventKind::RegularMeeting {
                visits_since = 0;
                issues_since.clear();
            } else if kind == EventKind::PlantVisit {
                visits_since += 1;
            }
            issues_since.extend(self.plan.events[e].issues.iter().copied());
        }

        // Scheduling: events (and the issues raised there), then projects, then the rest.
        let earliest = self.entry + Duration::minutes(10);
        let mut issue_created: Vec<Option<NaiveDateTime>> = vec![None; self.plan.issues.len() - first_issue];
        for e in events.iter().copied() {
            if let Some(held) = shared::schedule_event(&mut self.plan, &mut self.rng, e, earliest, self.horizon) {
                for i in self.plan.events[e].issues.clone() {
                    issue_created[i - first_issue] = Some(held);
                }
            }
        }
        for i in first_issue..self.plan.issues.len() {
            if self.plan.issues[i].event.is_none() {
                let t = at(self.plan.issues[i].found_on, 11, 0);
                self.plan.at(t, Step::CreateIssue(i));
                issue_created[i - first_issue] = Some(t);
            }
        }
        let eligible: Vec<usize> = (first_issue..self.plan.issues.len())
            .filter(|i| {
                self.plan.issues[*i].found_on <= self.end - days(20) && issue_created[*i - first_issue].is_some()
            })
            .collect();
        let mut chosen = self.rng.choose(&eligible, projects);
        chosen.sort_unstable();
        let mut linked = vec![false; issue_created.len()];
        for k in 0..projects {
            let issue = chosen.get(k).copied();
            if parts.firms.is_empty() {
                break;
            }
            let p = self.project(parts, issue);
            let created_date = match issue {
                Some(i) => (self.plan.issues[i].found_on + days(self.rng.between(15, 60))).min(self.end - days(1)),
                None => random_workday(
                    &mut self.rng,
                    NaiveDate::from_ymd_opt(self.first_year, 1, 1).unwrap_or(self.end),
                    self.end - days(1),
                ),
            };
            let created = at(
                workday_on_or_after(created_date),
                10 + self.rng.between(0, 6) as u32,
                self.rng.between(0, 59) as u32,
            );
            let times: Vec<NaiveDateTime> = issue.and_then(|i| issue_created[i - first_issue]).into_iter().collect();
            if times.iter().any(|t| *t >= created) {
                // Too close to the end of the period to follow its issue: plan it alone.
                self.plan.projects[p].issues.clear();
            } else if let Some(i) = issue {
                linked[i - first_issue] = true;
            }
            let support = self.plan.projects[p].support_type;
            let stages = shared::timeline_forward(&mut self.rng, support, created.date(), self.end);
            self.plan.projects[p].stages = stages;
            self.finish_project(parts, p);
            let times = if self.plan.projects[p].issues.is_empty() { Vec::new() } else { times };
            shared::schedule_project(&mut self.plan, &mut self.rng, p, created, &times);
        }
        for (n, created) in issue_created.iter().enumerate() {
            if let (false, Some(created)) = (linked[n], created) {
                shared::schedule_free_issue(&mut self.plan, &mut self.rng, first_issue + n, *created);
            }
        }
    }

    /// A project answering an issue (or one the manager brought in), without its stages.
    fn project(&mut self, parts: &ClusterParts, issue: Option<usize>) -> usize {
        let support = match self.rng.below(100) {
            0..=19 => SupportType::FieldTechnology,
            20..=24 => SupportType::ProjectRnd,
            25..=39 => SupportType::Prototype,
            40..=51 => SupportType::DomesticPatent,
            52..=56 => SupportType::InternationalPatent,
            57..=66 => SupportType::Certification,
            67..=74 => SupportType::Publicity,
            75..=82 => SupportType::ExhibitionDomestic,
            83..=89 => SupportType::ExhibitionInternational,
            _ => SupportType::NonFinancial,
        };
        let lead_member = match issue {
            Some(i) => self.plan.issues[i].members[0],
            None => parts.firms[self.rng.below(parts.firms.len())].member,
        };
        let lead = parts.firms.iter().position(|f| f.member == lead_member).unwrap_or(0);
        let firm = &parts.firms[lead];
        let product = *self.rng.pick(&firm.products);
        let tech = *self.rng.pick(&firm.techs);
        let needed = match support {
            SupportType::FieldTechnology => 2,
            SupportType::ProjectRnd => 3,
            SupportType::Prototype | SupportType::Certification | SupportType::NonFinancial if self.rng.percent(30) => {
                2
            }
            _ => 1,
        };
        let mut participants: Vec<usize> = issue.map(|i| self.plan.issues[i].members.clone()).unwrap_or_default();
        participants.retain(|m| *m != lead_member);
        participants.truncate(needed - 1);
        while participants.len() + 1 < needed && parts.firms.len() >= needed {
            let m = parts.firms[self.rng.below(parts.firms.len())].member;
            if m != lead_member && !participants.contains(&m) {
                participants.push(m);
            }
        }
        let scope = if participants.is_empty() { ProjectScope::Individual } else { ProjectScope::Common };
        let title = match support {
            SupportType::FieldTechnology => format!("{tech} 적용 {product} 고도화 기술개발"),
            SupportType::ProjectRnd => format!("{tech} 기반 {product} 공동 R&D"),
            SupportType::Prototype => format!("{product} 신제품 시제품 제작"),
            SupportType::DomesticPatent => format!("{tech} 관련 국내 특허 출원"),
            SupportType::InternationalPatent => format!("{product} 해외 특허(PCT) 출원"),
            SupportType::Certification => format!("{product} 해외 인증 취득 지원"),
            SupportType::Publicity => format!("{product} 홍보 동영상·카탈로그 제작"),
            SupportType::ExhibitionDomestic => format!("{product} 국내 전문전시회 참가"),
            SupportType::ExhibitionInternational => format!("{product} 해외 전시회 참가"),
            SupportType::NonFinancial => format!("{tech} 전문가 기술자문 연계"),
        };
        let summary = match issue {
            Some(i) => format!(
                "{} 제기한 '{}' 애로를 해결하기 위한 과제.",
                super::text::with(&firm.name, "이"),
                self.plan.issues[i].title
            ),
            None => format!("{}의 {} 경쟁력 강화를 위한 과제.", firm.name, product),
        };
        let amounts = shared::amounts(&mut self.rng, support);
        let override_reason = shared::override_reason(support, firm.size, &amounts, 1 + participants.len());
        let partner =
            if matches!(support, SupportType::FieldTechnology | SupportType::ProjectRnd | SupportType::Prototype) {
                parts.university
            } else {
                parts.agency
            };
        let fitting = shared::experts_for(&parts.experts, tech);
        let expert =
            if fitting.is_empty() { parts.experts.first() } else { Some(fitting[self.rng.below(fitting.len())]) };
        self.plan.projects.push(ProjectPlan {
            cluster: parts.cluster,
            title,
            summary,
            scope,
            support_type: support,
            lead: lead_member,
            participants,
            partners: vec![partner],
            experts: expert.map(|x| x.person).into_iter().collect(),
            issues: issue.into_iter().collect(),
            amounts,
            override_reason,
            stages: Vec::new(),
            outcomes: Vec::new(),
            outcome_dates: Vec::new(),
            shares: Vec::new(),
        });
        self.plan.projects.len() - 1
    }

    /// Outcomes and shares of a project whose stages are planned.
    fn finish_project(&mut self, parts: &ClusterParts, p: usize) {
        let stages = self.plan.projects[p].stages.clone();
        if let Some((_, reached, _)) = stages.iter().find(|(s, _, _)| *s == ProjectStage::OutcomeReporting) {
            for (due, outcome) in shared::outcomes(&mut self.rng, *reached, self.end) {
                self.plan.projects[p].outcome_dates.push(due);
                self.plan.projects[p].outcomes.push(outcome);
            }
        }
        if let Some((_, settled, _)) = stages.iter().find(|(s, _, _)| *s == ProjectStage::Settlement) {
            let count = 3 + self.rng.below(8);
            let targets = shared::share_targets(&mut self.rng, &parts.firms, &self.plan.projects[p], count);
            let mut shares: Vec<(usize, NaiveDate)> = Vec::new();
            for m in targets {
                let on = workday_on_or_after(*settled + days(self.rng.between(5, 40)));
                if on <= self.end {
                    shares.push((m, on));
                }
            }
            shares.sort_by_key(|(_, d)| *d);
            self.plan.projects[p].shares = shares;
        }
    }
}
