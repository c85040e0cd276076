//! The activity report of a period (활동 실적 보고서): what the cluster held, who took
//! part, what was found and solved, where its projects stand, and what came of them.
//! Every figure is one query of the database; the document and the workbook only lay
//! them out.

use chrono::NaiveDate;
use desk_core::validate::support::{self, Amounts, FirmSize, SupportType};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::labels::korean;
use crate::{ReportError, ReportHeader};

/// A period of whole days, both ends included (Korean dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Checks the ends: `from` must not be after `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, ReportError> {
        if from > to {
            return Err(ReportError::invalid(
                "to",
                "기간의 끝이 시작보다 앞섭니다.",
                "The period ends before it starts.",
            ));
        }
        Ok(Period { from, to })
    }

    fn bounds(&self) -> (String, String) {
        (self.from.format("%Y-%m-%d").to_string(), self.to.format("%Y-%m-%d").to_string())
    }
}

/// The figures of the cover's summary, each also the total of its section.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivitySummary {
    /// Meetings, seminars and workshops held (plant visits counted apart).
    pub events_held: i64,
    /// Attendances marked present at those events.
    pub attendances: i64,
    pub plant_visits: i64,
    pub issues_found: i64,
    pub issues_resolved: i64,
    /// Projects of the cluster, at their stage today.
    pub projects: i64,
    pub government_won: i64,
    pub own_funds_won: i64,
    pub approved_government_won: i64,
    pub results_shared: i64,
    pub open_action_items: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindRow {
    pub kind: String,
    pub events: i64,
    pub attendances: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventRow {
    pub date: String,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub invited: i64,
    pub present: i64,
}

/// Who took part, by the programme's categories.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CategoryRow {
    pub category: String,
    /// Organisations of this category on the cluster's roster today.
    pub organisations: i64,
    /// People of this category on the roster today.
    pub people: i64,
    /// Attendances marked present at the period's meetings, seminars and workshops.
    pub attendances: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitRow {
    pub date: String,
    pub company: String,
    pub title: String,
    pub issues_found: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueCategoryRow {
    pub category: String,
    pub found: i64,
    pub resolved: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResolvedIssue {
    pub resolved_on: String,
    pub title: String,
    pub category: String,
    pub companies: String,
    /// The projects it went into, or the next steps written down.
    pub how: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoneyRow {
    /// A stage or a support type.
    pub name: String,
    pub projects: i64,
    pub government_won: i64,
    pub own_funds_won: i64,
    pub approved_government_won: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectRow {
    pub title: String,
    pub support_type: String,
    pub stage: String,
    pub government_won: i64,
    pub firm_cash_won: i64,
    pub firm_in_kind_won: i64,
    pub approved_government_won: Option<i64>,
    /// The type's yearly cap on government support, if it has one.
    pub cap_won: Option<i64>,
    /// "적합" or what the amount rules say (over the cap, over the share).
    pub check: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeRow {
    pub year: i64,
    pub sales_won: i64,
    pub exports_won: i64,
    pub jobs: i64,
    pub patents: i64,
    pub commercialised: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShareRow {
    pub date: String,
    pub project: String,
    pub member: String,
}

impl OutcomeRow {
    /// A row of `year, sales_won, exports_won, jobs, patents, commercialised`.
    pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutcomeRow> {
        Ok(OutcomeRow {
            year: r.get(0)?,
            sales_won: r.get(1)?,
            exports_won: r.get(2)?,
            jobs: r.get(3)?,
            patents: r.get(4)?,
            commercialised: r.get(5)?,
        })
    }
}

impl ShareRow {
    /// A row of `shared_on, project title, member name`.
    pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ShareRow> {
        Ok(ShareRow { date: r.get(0)?, project: r.get(1)?, member: r.get(2)? })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionRow {
    pub due_on: String,
    pub title: String,
    pub owner: String,
    pub event: String,
}

/// Everything the activity report prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityReport {
    pub header: ReportHeader,
    pub summary: ActivitySummary,
    pub events_by_kind: Vec<KindRow>,
    pub events: Vec<EventRow>,
    pub participation: Vec<CategoryRow>,
    pub visits: Vec<VisitRow>,
    pub issues_by_category: Vec<IssueCategoryRow>,
    pub resolved_issues: Vec<ResolvedIssue>,
    pub projects_by_stage: Vec<MoneyRow>,
    pub projects_by_support: Vec<MoneyRow>,
    pub projects: Vec<ProjectRow>,
    pub outcomes: Vec<OutcomeRow>,
    pub shares: Vec<ShareRow>,
    pub open_actions: Vec<ActionRow>,
}

/// Held events of the period: not deleted, held, starting on a day of the period
/// (`starts_at` is written in Korean time, so its first ten characters are the day).
const HELD: &str = "e.deleted = 0 AND e.status = 'held' AND substr(e.starts_at, 1, 10) BETWEEN ?1 AND ?2";

/// A present attendance's category: an organisation's kind, or the kind a person's
/// role belongs to (professors with universities, researchers with institutes…).
const CATEGORY_OF_INVITEE: &str = "
    CASE WHEN i.member_id IS NOT NULL THEN (SELECT m.kind FROM member m WHERE m.id = i.member_id)
         ELSE (SELECT CASE p.role WHEN 'staff' THEN 'company' WHEN 'professor' THEN 'university'
                                   WHEN 'researcher' THEN 'institute' WHEN 'agency_staff' THEN 'agency'
                                   ELSE 'consultant' END
               FROM person p WHERE p.id = i.person_id) END";

/// The report's categories, in the programme's order, with the person role of each.
const CATEGORIES: &[(&str, &str)] = &[
    ("company", "staff"),
    ("university", "professor"),
    ("institute", "researcher"),
    ("agency", "agency_staff"),
    ("consultant", "consultant"),
];

/// The day an issue was last marked resolved, from the change log's clock (its first
/// twelve hex digits are milliseconds since 1970).
fn resolved_on(conn: &Connection, issue_id: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let hlc: Option<String> = conn.query_row(
        "SELECT max(hlc) FROM change_log WHERE table_name = 'issue' AND record_id = ?1 AND field = 'status'
         AND new_value = '\"resolved\"'",
        [issue_id],
        |r| r.get(0),
    )?;
    Ok(hlc.and_then(|h| {
        let millis = i64::from_str_radix(h.get(..12)?, 16).ok()?;
        let utc = chrono::DateTime::from_timestamp_millis(millis)?;
        Some(utc.with_timezone(&desk_core::time::seoul()).date_naive())
    }))
}

/// What the programme's amount rules say about a project: "적합", or their messages
/// (over the type's cap, over the government share for the lead firm's size…).
pub(crate) fn amount_check(kind: SupportType, firm_size: &str, amounts: &Amounts, firms: i64) -> String {
    let size = FirmSize::parse(firm_size).unwrap_or(FirmSize::Sme);
    let found = support::check_amounts(kind, size, amounts, firms.max(0) as usize);
    let notes: Vec<String> = found.errors.iter().chain(&found.warnings).map(|e| e.message_ko.clone()).collect();
    if notes.is_empty() {
        "적합".to_string()
    } else {
        notes.join(" ")
    }
}

impl ActivityReport {
    /// Gathers the report of `period` for the laptop's cluster.
    pub fn gather(conn: &Connection, period: Period, generated_on: NaiveDate) -> Result<ActivityReport, ReportError> {
        let header = ReportHeader::of_cluster(
            conn,
            "클러스터 활동 실적 보고서",
            format!("{} ~ {}", period.from.format("%Y-%m-%d"), period.to.format("%Y-%m-%d")),
            generated_on,
        )?;
        let (from, to) = period.bounds();

        // 1. Events held, by kind and one by one.
        let mut events_by_kind = Vec::new();
        for kind in desk_core::event::EventKind::ALL {
            let (events, attendances): (i64, i64) = conn.query_row(
                &format!(
                    "SELECT count(*), coalesce(sum((SELECT count(*) FROM invitee i WHERE i.event_id = e.id
                        AND i.deleted = 0 AND i.attendance = 'present')), 0)
                     FROM event e WHERE {HELD} AND e.kind = ?3"
                ),
                params![from, to, kind.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            events_by_kind.push(KindRow { kind: korean("eventKind", kind.as_str()), events, attendances });
        }
        let events: Vec<EventRow> = crate::rows(
            conn,
            &format!(
            "SELECT substr(e.starts_at, 1, 10), e.kind, e.title, e.place,
                    (SELECT count(*) FROM invitee i WHERE i.event_id = e.id AND i.deleted = 0),
                    (SELECT count(*) FROM invitee i WHERE i.event_id = e.id AND i.deleted = 0 AND i.attendance = 'present')
             FROM event e WHERE {HELD} AND e.kind <> 'plant_visit' ORDER BY e.starts_at, e.id"
        ),
            params![from, to],
            |r| {
                Ok(EventRow {
                    date: r.get(0)?,
                    kind: korean("eventKind", &r.get::<_, String>(1)?),
                    title: r.get(2)?,
                    place: r.get(3)?,
                    invited: r.get(4)?,
                    present: r.get(5)?,
                })
            },
        )?;

        // 2. Participation by category.
        let mut participation = Vec::new();
        for (kind, role) in CATEGORIES {
            let organisations: i64 = conn.query_row(
                "SELECT count(*) FROM member WHERE deleted = 0 AND cluster_id IS NOT NULL AND kind = ?1",
                [kind],
                |r| r.get(0),
            )?;
            let people: i64 = conn.query_row(
                "SELECT count(*) FROM person WHERE deleted = 0 AND cluster_id IS NOT NULL AND role = ?1",
                [role],
                |r| r.get(0),
            )?;
            let attendances: i64 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM invitee i JOIN event e ON e.id = i.event_id
                     WHERE {HELD} AND e.kind <> 'plant_visit' AND i.deleted = 0 AND i.attendance = 'present'
                       AND ({CATEGORY_OF_INVITEE}) = ?3"
                ),
                params![from, to, kind],
                |r| r.get(0),
            )?;
            participation.push(CategoryRow {
                category: korean("memberKind", kind),
                organisations,
                people,
                attendances,
            });
        }

        // 3. Plant visits and the issues found, by category.
        let visits: Vec<VisitRow> = crate::rows(
            conn,
            &format!(
            "SELECT substr(e.starts_at, 1, 10), coalesce((SELECT m.name FROM member m WHERE m.id = e.visited_member_id), ''),
                    e.title, (SELECT count(*) FROM issue s WHERE s.event_id = e.id AND s.deleted = 0)
             FROM event e WHERE {HELD} AND e.kind = 'plant_visit' ORDER BY e.starts_at, e.id"
        ),
            params![from, to],
            |r| {
                Ok(VisitRow { date: r.get(0)?, company: r.get(1)?, title: r.get(2)?, issues_found: r.get(3)? })
            },
        )?;

        // 4. Issues resolved in the period (the day the status became 해결), and how.
        let candidates: Vec<(String, String, String, String, String, String)> = crate::rows(
            conn,
            "SELECT s.id, s.title, s.category, s.next_steps,
                    coalesce((SELECT group_concat(m.name, ', ') FROM issue_member im JOIN member m ON m.id = im.member_id
                              WHERE im.issue_id = s.id AND im.deleted = 0), ''),
                    coalesce((SELECT group_concat(p.title, ', ') FROM project_issue pi JOIN project p ON p.id = pi.project_id
                              WHERE pi.issue_id = s.id AND pi.deleted = 0 AND p.deleted = 0), '')
             FROM issue s WHERE s.deleted = 0 AND s.status = 'resolved' ORDER BY s.found_on, s.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let mut resolved_issues = Vec::new();
        for (id, title, category, next_steps, companies, projects) in candidates {
            let Some(day) = resolved_on(conn, &id)? else { continue };
            if day < period.from || day > period.to {
                continue;
            }
            let how = match (projects.is_empty(), next_steps.trim().is_empty()) {
                (false, _) => format!("과제 연계: {projects}"),
                (true, false) => next_steps.trim().to_string(),
                (true, true) => String::new(),
            };
            resolved_issues.push(ResolvedIssue {
                resolved_on: day.format("%Y-%m-%d").to_string(),
                title,
                category: korean("issueCategory", &category),
                companies,
                how,
            });
        }
        resolved_issues.sort_by(|a, b| a.resolved_on.cmp(&b.resolved_on).then(a.title.cmp(&b.title)));
        let mut issues_by_category = Vec::new();
        for category in desk_core::issue::IssueCategory::ALL {
            let label = korean("issueCategory", category.as_str());
            let found: i64 = conn.query_row(
                "SELECT count(*) FROM issue WHERE deleted = 0 AND category = ?3 AND found_on BETWEEN ?1 AND ?2",
                params![from, to, category.as_str()],
                |r| r.get(0),
            )?;
            let resolved = resolved_issues.iter().filter(|i| i.category == label).count() as i64;
            issues_by_category.push(IssueCategoryRow { category: label, found, resolved });
        }

        // 5. Projects at their stage today, with the amounts checked against the caps.
        let projects: Vec<ProjectRow> = crate::rows(
            conn,
            "SELECT p.title, p.support_type, p.stage, p.government_won, p.firm_cash_won, p.firm_in_kind_won,
                    p.approved_government_won, coalesce((SELECT m.firm_size FROM member m WHERE m.id = p.lead_member_id), 'sme'),
                    (SELECT count(*) FROM project_party pp WHERE pp.project_id = p.id AND pp.deleted = 0
                        AND pp.role = 'participant' AND pp.member_id IS NOT NULL)
             FROM project p WHERE p.deleted = 0 ORDER BY p.title, p.id",
            [],
            |r| {
                let support_code: String = r.get(1)?;
                let size: String = r.get(7)?;
                let firms: i64 = r.get(8)?;
                let amounts =
                    Amounts { government_won: r.get(3)?, firm_cash_won: r.get(4)?, firm_in_kind_won: r.get(5)? };
                let kind = SupportType::parse(&support_code);
                let check = kind.map_or_else(String::new, |kind| amount_check(kind, &size, &amounts, firms));
                Ok(ProjectRow {
                    title: r.get(0)?,
                    support_type: korean("supportType", &support_code),
                    stage: korean("projectStage", &r.get::<_, String>(2)?),
                    government_won: amounts.government_won,
                    firm_cash_won: amounts.firm_cash_won,
                    firm_in_kind_won: amounts.firm_in_kind_won,
                    approved_government_won: r.get(6)?,
                    cap_won: kind.and_then(support::cap_won),
                    check,
                })
            },
        )?;
        let money = |column: &str, codes: Vec<&str>, prefix: &str| -> rusqlite::Result<Vec<MoneyRow>> {
            let mut rows = Vec::new();
            for code in codes {
                let row = conn.query_row(
                    &format!(
                        "SELECT count(*), coalesce(sum(government_won), 0), coalesce(sum(firm_cash_won + firm_in_kind_won), 0),
                                coalesce(sum(approved_government_won), 0)
                         FROM project WHERE deleted = 0 AND {column} = ?1"
                    ),
                    [code],
                    |r| {
                        Ok(MoneyRow {
                            name: korean(prefix, code),
                            projects: r.get(0)?,
                            government_won: r.get(1)?,
                            own_funds_won: r.get(2)?,
                            approved_government_won: r.get(3)?,
                        })
                    },
                )?;
                if row.projects > 0 {
                    rows.push(row);
                }
            }
            Ok(rows)
        };
        let projects_by_stage =
            money("stage", desk_core::project::ProjectStage::ALL.iter().map(|s| s.as_str()).collect(), "projectStage")?;
        let projects_by_support =
            money("support_type", SupportType::ALL.iter().map(|s| s.as_str()).collect(), "supportType")?;

        // 6. Outcomes by year, for the years the period touches.
        use chrono::Datelike;
        let outcomes = crate::rows(
            conn,
            "SELECT o.year, coalesce(sum(o.sales_won), 0), coalesce(sum(o.exports_won), 0), coalesce(sum(o.jobs), 0),
                    coalesce(sum(o.patents), 0), coalesce(sum(o.commercialised), 0)
             FROM project_outcome o JOIN project p ON p.id = o.project_id
             WHERE o.deleted = 0 AND p.deleted = 0 AND o.year BETWEEN ?1 AND ?2 GROUP BY o.year ORDER BY o.year",
            params![period.from.year(), period.to.year()],
            OutcomeRow::read,
        )?;

        // 7. Results shared with member firms in the period.
        let shares = crate::rows(
            conn,
            "SELECT s.shared_on, p.title, m.name FROM project_share s JOIN project p ON p.id = s.project_id
             JOIN member m ON m.id = s.member_id
             WHERE s.deleted = 0 AND p.deleted = 0 AND s.shared_on BETWEEN ?1 AND ?2 ORDER BY s.shared_on, p.title, m.name",
            params![from, to],
            ShareRow::read,
        )?;

        // 8. Action items still open today.
        let open_actions: Vec<ActionRow> = crate::rows(
            conn,
            "SELECT coalesce(a.due_on, ''), a.title,
                    coalesce((SELECT p.name FROM person p WHERE p.id = a.assignee_person_id),
                             (SELECT m.name FROM member m WHERE m.id = a.assignee_member_id), ''),
                    coalesce((SELECT e.title FROM event e WHERE e.id = a.event_id), '')
             FROM action_item a WHERE a.deleted = 0 AND a.status = 'open'
             ORDER BY a.due_on IS NULL, a.due_on, a.title",
            [],
            |r| Ok(ActionRow { due_on: r.get(0)?, title: r.get(1)?, owner: r.get(2)?, event: r.get(3)? }),
        )?;

        let summary = ActivitySummary {
            events_held: events.len() as i64,
            attendances: events.iter().map(|e| e.present).sum(),
            plant_visits: visits.len() as i64,
            issues_found: issues_by_category.iter().map(|c| c.found).sum(),
            issues_resolved: resolved_issues.len() as i64,
            projects: projects.len() as i64,
            government_won: projects.iter().map(|p| p.government_won).sum(),
            own_funds_won: projects.iter().map(|p| p.firm_cash_won + p.firm_in_kind_won).sum(),
            approved_government_won: projects.iter().filter_map(|p| p.approved_government_won).sum(),
            results_shared: shares.len() as i64,
            open_action_items: open_actions.len() as i64,
        };
        Ok(ActivityReport {
            header,
            summary,
            events_by_kind,
            events,
            participation,
            visits,
            issues_by_category,
            resolved_issues,
            projects_by_stage,
            projects_by_support,
            projects,
            outcomes,
            shares,
            open_actions,
        })
    }
}
