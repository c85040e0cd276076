//! The home screen's figures: today's and this week's events, action items due, open
//! issues by status, projects by stage with their money, and changes not yet synced.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::CoreResult;
use crate::event::{self, ActionItem, Event};
use crate::issue::{self, IssueStatus};
use crate::project::{self, StageTotal};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueCount {
    pub status: IssueStatus,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Home {
    pub today: String,
    pub today_events: Vec<Event>,
    /// Monday to Sunday of the current week, today's included.
    pub week_events: Vec<Event>,
    pub action_items_due: Vec<ActionItem>,
    pub issues_by_status: Vec<IssueCount>,
    pub projects_by_stage: Vec<StageTotal>,
    /// Changes recorded on this laptop that head office has not acknowledged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending_changes: i64,
    /// Conflicts from sync waiting for the manager's decision.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub open_conflicts: i64,
}

fn day_start(date: NaiveDate) -> String {
    format!("{}T00:00:00+09:00", date.format("%Y-%m-%d"))
}

pub fn home(conn: &Connection, cluster_id: &str, today: NaiveDate) -> CoreResult<Home> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week_events = event::between(conn, cluster_id, &day_start(monday), &day_start(monday + Duration::days(7)))?;
    let today_events = event::between(conn, cluster_id, &day_start(today), &day_start(today + Duration::days(1)))?;
    // Due within a week, overdue included.
    let until = (today + Duration::days(7)).format("%Y-%m-%d").to_string();
    let action_items_due = event::action_items_due(conn, cluster_id, &until)?;
    let mut issues_by_status: Vec<IssueCount> = issue::count_by_status(conn, cluster_id)?
        .into_iter()
        .map(|(status, count)| IssueCount { status, count })
        .collect();
    issues_by_status.sort_by_key(|c| IssueStatus::ALL.iter().position(|s| *s == c.status));
    Ok(Home {
        today: today.format("%Y-%m-%d").to_string(),
        today_events,
        week_events,
        action_items_due,
        issues_by_status,
        projects_by_stage: project::totals_by_stage(conn, cluster_id)?,
        pending_changes: crate::sync::pending_changes(conn)?,
        open_conflicts: crate::sync::conflict::count_open(conn)?,
    })
}
