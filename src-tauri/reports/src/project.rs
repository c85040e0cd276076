//! A project's result report (과제 결과 보고서): its parties, the issues it took up, its
//! path through head office's stages with dates and amounts, and its outcomes.

use chrono::NaiveDate;
use desk_core::validate::support::{self, Amounts, SupportType};
use desk_core::CoreError;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::activity::{OutcomeRow, ShareRow};
use crate::labels::korean;
use crate::{ReportError, ReportHeader};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportParty {
    pub name: String,
    pub role: String,
    pub affiliation: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LinkedIssue {
    pub title: String,
    pub category: String,
    pub status: String,
    pub found_on: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageStep {
    pub date: String,
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// Everything the project report prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectReport {
    pub header: ReportHeader,
    pub title: String,
    pub summary: String,
    pub scope: String,
    pub support_type: String,
    pub stage: String,
    pub lead: String,
    pub government_won: i64,
    pub firm_cash_won: i64,
    pub firm_in_kind_won: i64,
    pub approved_government_won: Option<i64>,
    pub cap_won: Option<i64>,
    pub check: String,
    pub parties: Vec<ReportParty>,
    pub issues: Vec<LinkedIssue>,
    pub stages: Vec<StageStep>,
    pub outcomes: Vec<OutcomeRow>,
    pub shares: Vec<ShareRow>,
}

impl ProjectReport {
    pub fn gather(conn: &Connection, project_id: &str, generated_on: NaiveDate) -> Result<ProjectReport, ReportError> {
        type Row = (String, String, String, String, String, String, i64, i64, i64, Option<i64>, String);
        let row: Option<Row> = conn
            .query_row(
                "SELECT p.title, p.summary, p.scope, p.support_type, p.stage,
                        coalesce((SELECT m.name FROM member m WHERE m.id = p.lead_member_id), ''),
                        p.government_won, p.firm_cash_won, p.firm_in_kind_won, p.approved_government_won,
                        coalesce((SELECT m.firm_size FROM member m WHERE m.id = p.lead_member_id), 'sme')
                 FROM project p WHERE p.id = ?1 AND p.deleted = 0",
                [project_id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                    ))
                },
            )
            .optional()?;
        let Some((title, summary, scope, support_code, stage, lead, government, cash, in_kind, approved, size)) = row
        else {
            return Err(CoreError::NotFound { kind: "project", id: project_id.to_string() }.into());
        };
        let header = ReportHeader::of_cluster(
            conn,
            "과제 결과 보고서",
            generated_on.format("%Y-%m-%d 기준").to_string(),
            generated_on,
        )?;
        let parties: Vec<ReportParty> = crate::rows(
            conn,
            "SELECT coalesce(m.name, p.name, ''), pp.role,
                    CASE WHEN pp.member_id IS NOT NULL THEN '' ELSE coalesce(p.affiliation, '') END
             FROM project_party pp LEFT JOIN member m ON m.id = pp.member_id LEFT JOIN person p ON p.id = pp.person_id
             WHERE pp.project_id = ?1 AND pp.deleted = 0 ORDER BY pp.role, coalesce(m.name, p.name)",
            [project_id],
            |r| {
                Ok(ReportParty {
                    name: r.get(0)?,
                    role: korean("partyRole", &r.get::<_, String>(1)?),
                    affiliation: r.get(2)?,
                })
            },
        )?;
        let firms = conn.query_row(
            "SELECT count(*) FROM project_party WHERE project_id = ?1 AND deleted = 0 AND role = 'participant'
             AND member_id IS NOT NULL",
            [project_id],
            |r| r.get::<_, i64>(0),
        )?;
        let issues = crate::rows(
            conn,
            "SELECT s.title, s.category, s.status, s.found_on FROM project_issue pi JOIN issue s ON s.id = pi.issue_id
             WHERE pi.project_id = ?1 AND pi.deleted = 0 AND s.deleted = 0 ORDER BY s.found_on, s.title",
            [project_id],
            |r| {
                Ok(LinkedIssue {
                    title: r.get(0)?,
                    category: korean("issueCategory", &r.get::<_, String>(1)?),
                    status: korean("issueStatus", &r.get::<_, String>(2)?),
                    found_on: r.get(3)?,
                })
            },
        )?;
        let stages = crate::rows(
            conn,
            "SELECT changed_on, from_stage, to_stage, reason FROM project_stage_change
             WHERE project_id = ?1 AND deleted = 0 ORDER BY changed_on, id",
            [project_id],
            |r| {
                Ok(StageStep {
                    date: r.get(0)?,
                    from: korean("projectStage", &r.get::<_, String>(1)?),
                    to: korean("projectStage", &r.get::<_, String>(2)?),
                    reason: r.get(3)?,
                })
            },
        )?;
        let outcomes = crate::rows(
            conn,
            "SELECT year, sales_won, exports_won, jobs, patents, commercialised FROM project_outcome
             WHERE project_id = ?1 AND deleted = 0 ORDER BY year",
            [project_id],
            OutcomeRow::read,
        )?;
        let shares = crate::rows(
            conn,
            "SELECT s.shared_on, ?2, m.name FROM project_share s JOIN member m ON m.id = s.member_id
             WHERE s.project_id = ?1 AND s.deleted = 0 ORDER BY s.shared_on, m.name",
            [project_id, title.as_str()],
            ShareRow::read,
        )?;
        let kind = SupportType::parse(&support_code);
        let amounts = Amounts { government_won: government, firm_cash_won: cash, firm_in_kind_won: in_kind };
        let check = kind.map_or_else(String::new, |kind| crate::activity::amount_check(kind, &size, &amounts, firms));
        Ok(ProjectReport {
            header,
            summary,
            scope: korean("scope", &scope),
            support_type: korean("supportType", &support_code),
            stage: korean("projectStage", &stage),
            lead,
            government_won: government,
            firm_cash_won: cash,
            firm_in_kind_won: in_kind,
            approved_government_won: approved,
            cap_won: kind.and_then(support::cap_won),
            check,
            parties,
            issues,
            stages,
            outcomes,
            shares,
            title,
        })
    }
}
