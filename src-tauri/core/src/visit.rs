//! The plant-visit quick entry (현장방문): the visit, the issues found there, photos and
//! files, and next steps, recorded as one action so a half-typed visit is never saved.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::attachment;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::event::{self, EventInput, EventKind};
use crate::issue::{self, IssueCategory, IssueInput, IssueStage};
use crate::Write;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitIssue {
    pub title: String,
    pub description: String,
    pub category: Option<IssueCategory>,
    pub stage: Option<IssueStage>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitInput {
    pub member_id: String,
    /// RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    /// What was seen and discussed (the visit's minutes).
    pub notes: String,
    pub next_steps: String,
    pub issues: Vec<VisitIssue>,
}

/// A photo or file picked in the form, to attach to the visit.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitRecorded {
    pub event_id: String,
    pub issue_ids: Vec<String>,
    pub attachment_ids: Vec<String>,
}

/// Prefixes the fields of a nested form's errors: `title` of the 2nd issue → `issues.1.title`.
fn nested(error: CoreError, prefix: &str) -> CoreError {
    match error {
        CoreError::Validation(errors) => CoreError::Validation(
            errors.into_iter().map(|e| FieldError { field: format!("{prefix}.{}", e.field), ..e }).collect(),
        ),
        other => other,
    }
}

/// Records a visit in one transaction. `folder` is where attachments are stored.
pub fn record(
    w: &mut Write<'_>,
    cluster_id: &str,
    folder: &Path,
    input: &VisitInput,
    files: &[NewFile],
) -> CoreResult<VisitRecorded> {
    let company = crate::member::get(w.tx(), &input.member_id).map_err(|_| {
        FieldError::new("member_id", "required", "방문한 기업을 고르세요.", "Choose the company visited.").into_error()
    })?;
    let event_input = EventInput {
        kind: Some(EventKind::PlantVisit),
        title: format!("{} 현장방문", company.name),
        starts_at: input.starts_at.clone(),
        ends_at: input.ends_at.clone(),
        place: company.address.clone(),
        agenda: String::new(),
        group_id: None,
        visited_member_id: Some(company.id.clone()),
    };
    let event_id = event::create(w, cluster_id, &event_input)?;
    event::save_minutes(w, &event_id, &input.notes, &input.next_steps)?;
    event::mark_held(w, &event_id)?;
    let found_on =
        crate::time::parse_datetime(&input.starts_at).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let mut issue_ids = Vec::new();
    for (i, found) in input.issues.iter().enumerate() {
        let issue_input = IssueInput {
            title: found.title.clone(),
            description: found.description.clone(),
            category: found.category,
            stage: found.stage,
            member_ids: vec![company.id.clone()],
            event_id: Some(event_id.clone()),
            found_on: found_on.clone(),
            next_steps: input.next_steps.clone(),
        };
        issue_ids.push(issue::create(w, cluster_id, &issue_input).map_err(|e| nested(e, &format!("issues.{i}")))?);
    }
    let mut attachment_ids = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let stored = attachment::attach_bytes(w, folder, "event", &event_id, &file.file_name, &file.bytes)
            .map_err(|e| nested(e, &format!("attachments.{i}")))?;
        attachment_ids.push(stored.id);
    }
    Ok(VisitRecorded { event_id, issue_ids, attachment_ids })
}
