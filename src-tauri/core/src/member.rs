//! Members of the cluster (회원기관): companies, universities, institutes, support
//! agencies and consultants, with what each makes and knows.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::db::record::{Fields, Table};
use crate::error::{Checks, CoreError, CoreResult, FieldError};
use crate::search::{self, Document, RecordKind};
use crate::validate::registration_number;
use crate::validate::support::FirmSize;
use crate::{fields, text_enum, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE member (
    id                  TEXT PRIMARY KEY,
    cluster_id          TEXT REFERENCES cluster(id),  -- NULL: head office's national directory
    kind                TEXT NOT NULL,                -- a MemberKind code
    name                TEXT NOT NULL,
    registration_number TEXT,                         -- ten digits, no dashes; companies only
    ceo_name            TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    industry            TEXT NOT NULL DEFAULT '',
    employees           INTEGER,
    revenue_won         INTEGER,
    firm_size           TEXT,                         -- a FirmSize code
    products            TEXT NOT NULL DEFAULT '',     -- comma-separated
    technologies        TEXT NOT NULL DEFAULT '',     -- comma-separated
    joined_on           TEXT,                         -- YYYY-MM-DD
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    deleted             INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX member_cluster ON member(cluster_id, kind, name);
CREATE INDEX member_registration ON member(registration_number) WHERE registration_number IS NOT NULL;
";

pub(crate) const MEMBER: Table =
    Table::record("member", "member", sync_wire::tables::MEMBER_FIELDS).searched(search_document);

text_enum! {
    /// What kind of organisation a member is.
    MemberKind {
        Company = "company",         // 기업
        University = "university",   // 대학
        Institute = "institute",     // 연구기관
        Agency = "agency",           // 지원기관
        Consultant = "consultant",   // 컨설팅
    }
}

/// A member as the form edits it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberInput {
    pub kind: Option<MemberKind>,
    pub name: String,
    /// As typed: with or without dashes. Required for companies.
    pub registration_number: String,
    pub ceo_name: String,
    pub address: String,
    pub industry: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub employees: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub revenue_won: Option<i64>,
    pub firm_size: Option<FirmSize>,
    pub products: Vec<String>,
    pub technologies: Vec<String>,
    /// `YYYY-MM-DD`, or empty.
    pub joined_on: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
}

/// A member as stored and shown.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Member {
    pub id: String,
    pub cluster_id: Option<String>,
    pub kind: MemberKind,
    pub name: String,
    /// Shown with dashes: `123-45-67890`; empty when none.
    pub registration_number: String,
    pub ceo_name: String,
    pub address: String,
    pub industry: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub employees: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub revenue_won: Option<i64>,
    pub firm_size: Option<FirmSize>,
    pub products: Vec<String>,
    pub technologies: Vec<String>,
    pub joined_on: Option<String>,
    pub phone: String,
    pub email: String,
    pub notes: String,
}

impl Member {
    /// The member as its edit form holds it.
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            kind: Some(self.kind),
            name: self.name.clone(),
            registration_number: self.registration_number.clone(),
            ceo_name: self.ceo_name.clone(),
            address: self.address.clone(),
            industry: self.industry.clone(),
            employees: self.employees,
            revenue_won: self.revenue_won,
            firm_size: self.firm_size,
            products: self.products.clone(),
            technologies: self.technologies.clone(),
            joined_on: self.joined_on.clone().unwrap_or_default(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            notes: self.notes.clone(),
        }
    }
}

const SELECT: &str = "SELECT id, cluster_id, kind, name, registration_number, ceo_name, address, industry, employees,
    revenue_won, firm_size, products, technologies, joined_on, phone, email, notes FROM member";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    let registration: Option<String> = row.get(4)?;
    let products: String = row.get(11)?;
    let technologies: String = row.get(12)?;
    Ok(Member {
        id: row.get(0)?,
        cluster_id: row.get(1)?,
        kind: row.get(2)?,
        name: row.get(3)?,
        registration_number: registration.as_deref().map(registration_number::format).unwrap_or_default(),
        ceo_name: row.get(5)?,
        address: row.get(6)?,
        industry: row.get(7)?,
        employees: row.get(8)?,
        revenue_won: row.get(9)?,
        firm_size: row.get(10)?,
        products: split_list(&products),
        technologies: split_list(&technologies),
        joined_on: row.get(13)?,
        phone: row.get(14)?,
        email: row.get(15)?,
        notes: row.get(16)?,
    })
}

/// A keyword list as stored: trimmed, de-duplicated, comma-separated.
pub(crate) fn join_list(items: &[String]) -> String {
    let mut seen = Vec::new();
    for item in items.iter().map(|s| s.trim().replace(',', " ")).filter(|s| !s.is_empty()) {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.join(", ")
}

pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Checks `input` as [`create`] (`id` None) or [`update`] would, writing nothing: for a
/// preview that must say which rows would be refused and why.
pub fn check_input(conn: &Connection, cluster_id: &str, id: Option<&str>, input: &MemberInput) -> CoreResult<()> {
    check(conn, cluster_id, id, input).map(|_| ())
}

/// Checks the form and returns the registration number's digits (if any).
fn check(conn: &Connection, cluster_id: &str, id: Option<&str>, input: &MemberInput) -> CoreResult<Option<String>> {
    let mut checks = Checks::default();
    if input.kind.is_none() {
        checks.push(FieldError::new("kind", "required", "기관 유형을 고르세요.", "Choose the kind of organisation."));
    }
    checks.require("name", &input.name, "기관명", "Name");
    let mut digits = None;
    let typed = input.registration_number.trim();
    if typed.is_empty() {
        if input.kind == Some(MemberKind::Company) {
            checks.push(FieldError::required("registration_number", "사업자등록번호", "Business registration number"));
        }
    } else {
        match registration_number::parse("registration_number", typed) {
            Ok(d) => {
                if let Some(other) = find_by_registration(conn, cluster_id, &d)?.filter(|m| Some(m.id.as_str()) != id) {
                    checks.push(FieldError::new(
                        "registration_number",
                        "duplicate",
                        format!("같은 사업자등록번호의 회원사 '{}'가 이미 있습니다. 중복이면 두 기록을 병합하세요.", other.name),
                        format!("A member with this registration number already exists: '{}'. Merge the two if they are the same company.", other.name),
                    ));
                }
                digits = Some(d);
            }
            Err(e) => checks.push(e),
        }
    }
    if let Some(e) = input.employees.and_then(|n| crate::validate::count("employees", "종업원 수", "Employees", n))
    {
        checks.push(e);
    }
    if let Some(e) = input.revenue_won.and_then(|n| crate::validate::won("revenue_won", "매출액", "Revenue", n)) {
        checks.push(e);
    }
    if !input.joined_on.trim().is_empty() && crate::time::parse_date(&input.joined_on).is_none() {
        checks.push(FieldError::new(
            "joined_on",
            "date",
            "가입일은 YYYY-MM-DD 형식의 날짜여야 합니다.",
            "Join date must be a date in YYYY-MM-DD form.",
        ));
    }
    let email = input.email.trim();
    let looks_like_email = email.contains('@') && email.rsplit('@').next().is_some_and(|d| d.contains('.'));
    if !email.is_empty() && !looks_like_email {
        checks.push(FieldError::new(
            "email",
            "email",
            "이메일 주소 형식이 아닙니다.",
            "This is not an e-mail address.",
        ));
    }
    checks.finish()?;
    Ok(digits)
}

fn to_fields(cluster_id: Option<&str>, input: &MemberInput, digits: Option<String>) -> CoreResult<Fields> {
    let kind = input.kind.ok_or_else(|| FieldError::required("kind", "기관 유형", "Kind").into_error())?;
    let joined = input.joined_on.trim();
    Ok(fields![
        ("cluster_id", cluster_id.map(str::to_string)),
        ("kind", kind),
        ("name", input.name.trim().to_string()),
        ("registration_number", digits),
        ("ceo_name", input.ceo_name.trim().to_string()),
        ("address", input.address.trim().to_string()),
        ("industry", input.industry.trim().to_string()),
        ("employees", input.employees),
        ("revenue_won", input.revenue_won),
        ("firm_size", input.firm_size.map(|s| s.as_str().to_string())),
        ("products", join_list(&input.products)),
        ("technologies", join_list(&input.technologies)),
        ("joined_on", (!joined.is_empty()).then(|| joined.to_string())),
        ("phone", input.phone.trim().to_string()),
        ("email", input.email.trim().to_string()),
        ("notes", input.notes.clone()),
    ])
}

pub fn create(w: &mut Write<'_>, cluster_id: &str, input: &MemberInput) -> CoreResult<String> {
    let digits = check(w.tx(), cluster_id, None, input)?;
    let id = w.new_id();
    w.insert(&MEMBER, &id, &to_fields(Some(cluster_id), input, digits)?)?;
    reindex(w, &id)?;
    Ok(id)
}

pub fn update(w: &mut Write<'_>, id: &str, input: &MemberInput) -> CoreResult<()> {
    let current = get(w.tx(), id)?;
    crate::validate::not_national(current.cluster_id.as_deref())?;
    let cluster_id = current.cluster_id.clone().unwrap_or_default();
    let digits = check(w.tx(), &cluster_id, Some(id), input)?;
    w.update(&MEMBER, id, &to_fields(current.cluster_id.as_deref(), input, digits)?)?;
    reindex(w, id)
}

pub fn delete(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    crate::validate::not_national(get(w.tx(), id)?.cluster_id.as_deref())?;
    w.soft_delete(&MEMBER, id)?;
    search::remove(w.tx(), id)
}

pub fn get(conn: &Connection, id: &str) -> CoreResult<Member> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted = 0"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { kind: "member", id: id.to_string() })
}

/// The member of this cluster with these registration digits, if any.
pub fn find_by_registration(conn: &Connection, cluster_id: &str, digits: &str) -> CoreResult<Option<Member>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE registration_number = ?1 AND deleted = 0 AND cluster_id IS ?2"))?
        .query_row(rusqlite::params![digits, cluster_id], from_row)
        .optional()?)
}

/// The cluster's members, by kind then name.
pub fn list(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<Member>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE cluster_id = ?1 AND deleted = 0 ORDER BY kind = 'company' DESC, name"
    ))?;
    let rows = stmt.query_map([cluster_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The search document of one member, or `None` when it is missing, deleted or incomplete.
pub(crate) fn search_document(conn: &Connection, id: &str) -> CoreResult<Option<crate::search::Document>> {
    Ok(crate::search::found(get(conn, id))?.map(|record| document(&record)))
}

pub(crate) fn document(member: &Member) -> Document {
    let digits: String = member.registration_number.chars().filter(char::is_ascii_digit).collect();
    Document {
        kind: RecordKind::Member,
        id: member.id.clone(),
        title: member.name.clone(),
        body: [
            member.ceo_name.as_str(),
            &member.industry,
            &member.products.join(", "),
            &member.technologies.join(", "),
            &member.address,
            &member.notes,
        ]
        .join("\n"),
        exact: vec![digits],
    }
}

fn reindex(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let member = get(w.tx(), id)?;
    search::put(w.tx(), &document(&member))
}

pub(crate) fn all_documents(conn: &Connection) -> CoreResult<Vec<Document>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE deleted = 0"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|m| Ok(document(&m?))).collect()
}

/// Rows of `table` whose `column` is `from`, not deleted.
fn ids_where(w: &Write<'_>, table: &str, column: &str, from: &str) -> CoreResult<Vec<String>> {
    let mut stmt = w.tx().prepare(&format!("SELECT id FROM {table} WHERE {column} = ?1 AND deleted = 0"))?;
    let rows = stmt.query_map([from], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Points every reference in `column` of `table` from one member to another.
fn repoint(w: &mut Write<'_>, table: &Table, column: &'static str, from: &str, to: &str) -> CoreResult<()> {
    for id in ids_where(w, table.name, column, from)? {
        w.update(table, &id, &vec![(column, rusqlite::types::Value::Text(to.to_string()))])?;
    }
    Ok(())
}

/// Moves link rows `<parent>/<from>` to `<parent>/<to>` (ids are deterministic, so the
/// old row is deleted and the new one created or restored), keeping their other fields.
fn relink(w: &mut Write<'_>, table: &Table, from: &str, to: &str) -> CoreResult<()> {
    let Some(link) = table.link else {
        return Ok(());
    };
    let parent = link.parent;
    let others: Vec<&'static str> =
        table.columns.iter().copied().filter(|c| *c != parent && *c != "member_id").collect();
    for old_id in ids_where(w, table.name, "member_id", from)? {
        let sql = format!(
            "SELECT {parent}{} FROM {} WHERE id = ?1",
            others.iter().map(|c| format!(", {c}")).collect::<String>(),
            table.name
        );
        let values: Vec<rusqlite::types::Value> = w.tx().query_row(&sql, [&old_id], |row| {
            (0..=others.len()).map(|i| row.get::<_, rusqlite::types::Value>(i)).collect()
        })?;
        w.soft_delete(table, &old_id)?;
        let rusqlite::types::Value::Text(parent_id) = values[0].clone() else { continue };
        let new_id = table.link_id(&parent_id, to);
        let mut fields: Fields = others.iter().copied().zip(values[1..].iter().cloned()).collect();
        match w.exists(table, &new_id)? {
            Some(false) => {}
            Some(true) => {
                w.restore(table, &new_id)?;
                w.update(table, &new_id, &fields)?;
            }
            None => {
                fields.push((parent, rusqlite::types::Value::Text(parent_id)));
                fields.push(("member_id", rusqlite::types::Value::Text(to.to_string())));
                w.insert(table, &new_id, &fields)?;
            }
        }
    }
    Ok(())
}

/// Merges `duplicate` into `keep` (two records of the same company): every reference
/// moves to `keep`, `keep`'s empty fields are filled from `duplicate`, keyword lists are
/// joined, and `duplicate` is deleted. One action: all of it or nothing.
pub fn merge(w: &mut Write<'_>, keep: &str, duplicate: &str) -> CoreResult<Member> {
    if keep == duplicate {
        return Err(FieldError::new(
            "duplicate_id",
            "different",
            "같은 기록끼리는 병합할 수 없습니다.",
            "A record cannot be merged with itself.",
        )
        .into_error());
    }
    let kept = get(w.tx(), keep)?;
    let gone = get(w.tx(), duplicate)?;
    repoint(w, &crate::person::PERSON, "member_id", duplicate, keep)?;
    repoint(w, &crate::event::EVENT, "visited_member_id", duplicate, keep)?;
    repoint(w, &crate::event::ACTION_ITEM, "assignee_member_id", duplicate, keep)?;
    repoint(w, &crate::project::PROJECT, "lead_member_id", duplicate, keep)?;
    repoint(w, &crate::attachment::ATTACHMENT, "record_id", duplicate, keep)?;
    relink(w, &crate::cluster::SMALL_GROUP_MEMBER, duplicate, keep)?;
    relink(w, &crate::event::INVITEE, duplicate, keep)?;
    relink(w, &crate::issue::ISSUE_MEMBER, duplicate, keep)?;
    relink(w, &crate::project::PROJECT_PARTY, duplicate, keep)?;
    relink(w, &crate::project::PROJECT_SHARE, duplicate, keep)?;
    w.soft_delete(&MEMBER, duplicate)?;
    search::remove(w.tx(), duplicate)?;

    let merged = fill_blanks(&kept, &gone.to_input());
    update(w, keep, &merged)?;
    get(w.tx(), keep)
}

/// What merging `other` into `kept` makes of `kept`: its empty fields filled from
/// `other`, keyword lists joined, notes appended; a value `kept` already has stays. The
/// rule of [`merge`], and of an import row taken as a possible duplicate of `kept`.
pub fn fill_blanks(kept: &Member, other: &MemberInput) -> MemberInput {
    let pick = |a: &str, b: &str| if a.trim().is_empty() { b.trim().to_string() } else { a.to_string() };
    let joined = |a: &[String], b: &[String]| {
        let mut all = a.to_vec();
        for item in b {
            if !all.iter().any(|x| x.trim() == item.trim()) {
                all.push(item.clone());
            }
        }
        all
    };
    let registration =
        if kept.registration_number.is_empty() { &other.registration_number } else { &kept.registration_number };
    let joined_on = kept.joined_on.clone().unwrap_or_default();
    MemberInput {
        kind: Some(kept.kind),
        name: kept.name.clone(),
        registration_number: registration.clone(),
        ceo_name: pick(&kept.ceo_name, &other.ceo_name),
        address: pick(&kept.address, &other.address),
        industry: pick(&kept.industry, &other.industry),
        employees: kept.employees.or(other.employees),
        revenue_won: kept.revenue_won.or(other.revenue_won),
        firm_size: kept.firm_size.or(other.firm_size),
        products: joined(&kept.products, &other.products),
        technologies: joined(&kept.technologies, &other.technologies),
        joined_on: pick(&joined_on, &other.joined_on),
        phone: pick(&kept.phone, &other.phone),
        email: pick(&kept.email, &other.email),
        notes: if other.notes.trim().is_empty() || kept.notes.contains(other.notes.trim()) {
            kept.notes.clone()
        } else if kept.notes.trim().is_empty() {
            other.notes.clone()
        } else {
            format!("{}\n{}", kept.notes, other.notes)
        },
    }
}

/// Members that look like the same company as `id`: the same name ignoring spaces and
/// legal-form words, for the merge screen's suggestions.
pub fn likely_duplicates(conn: &Connection, id: &str) -> CoreResult<Vec<Member>> {
    let member = get(conn, id)?;
    let key = name_key(&member.name);
    Ok(list(conn, member.cluster_id.as_deref().unwrap_or_default())?
        .into_iter()
        .filter(|m| m.id != member.id && name_key(&m.name) == key)
        .collect())
}

/// A company name without spaces, case and legal-form words (주식회사, (주), ㈜…): two
/// spellings of one name give the same key.
pub fn name_key(name: &str) -> String {
    let mut key: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    for form in ["주식회사", "(주)", "㈜", "유한회사", "(유)"] {
        key = key.replace(form, "");
    }
    key
}

/// A member with everything its page shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberDetail {
    pub member: Member,
    pub people: Vec<crate::person::Person>,
    pub events: Vec<crate::event::Event>,
    pub issues: Vec<crate::issue::Issue>,
    pub projects: Vec<crate::project::Project>,
    pub attachments: Vec<crate::attachment::Attachment>,
    pub history: Vec<crate::history::HistoryEntry>,
    pub likely_duplicates: Vec<Member>,
}

pub fn detail(conn: &Connection, id: &str) -> CoreResult<MemberDetail> {
    Ok(MemberDetail {
        member: get(conn, id)?,
        people: crate::person::of_member(conn, id)?,
        events: crate::event::of_member(conn, id)?,
        issues: crate::issue::of_member(conn, id)?,
        projects: crate::project::of_member(conn, id)?,
        attachments: crate::attachment::of_record(conn, id)?,
        history: crate::history::of_record(conn, id)?,
        likely_duplicates: likely_duplicates(conn, id)?,
    })
}
