// Generated from sync_wire::SYNCED_TABLES by src-tauri/ipc/src/bindings.rs; never edit by hand.

export const SYNCED_FIELDS: Record<string, readonly string[]> = {
  cluster: ["name", "complex_name", "region", "industry_theme", "manager_name"],
  small_group: ["cluster_id", "name", "description"],
  small_group_member: ["group_id", "member_id"],
  member: ["cluster_id", "kind", "name", "registration_number", "ceo_name", "address", "industry", "employees", "revenue_won", "firm_size", "products", "technologies", "joined_on", "phone", "email", "notes"],
  person: ["cluster_id", "role", "name", "member_id", "affiliation", "title", "expertise", "phone", "email", "home_region", "external"],
  event: ["cluster_id", "kind", "title", "starts_at", "ends_at", "place", "group_id", "visited_member_id", "agenda", "minutes", "decisions", "status", "cancel_reason"],
  invitee: ["event_id", "member_id", "person_id", "attendance"],
  action_item: ["event_id", "title", "assignee_person_id", "assignee_member_id", "due_on", "status", "issue_id", "project_id"],
  issue: ["cluster_id", "title", "description", "category", "stage", "status", "drop_reason", "event_id", "found_on", "next_steps"],
  issue_member: ["issue_id", "member_id"],
  project: ["cluster_id", "title", "summary", "scope", "support_type", "lead_member_id", "stage", "stage_reason", "government_won", "firm_cash_won", "firm_in_kind_won", "approved_government_won", "override_reason"],
  project_party: ["project_id", "member_id", "person_id", "role"],
  project_issue: ["project_id", "issue_id"],
  project_stage_change: ["project_id", "from_stage", "to_stage", "changed_on", "reason"],
  project_outcome: ["project_id", "year", "sales_won", "exports_won", "jobs", "patents", "commercialised"],
  project_share: ["project_id", "member_id", "shared_on"],
  attachment: ["record_table", "record_id", "file_name", "content_hash", "size_bytes", "media_type", "added_at"],
  sync_conflict: ["table_name", "record_id", "field", "kind", "kept_value", "kept_hlc", "lost_value", "lost_hlc", "lost_device", "resolution"],
};
