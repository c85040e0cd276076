//! People (인력): company staff, professors, researchers, agency staff and consultants,
//! inside the cluster or experts from outside it, with what each knows.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::cluster::Region;
use crate::db::record::{Fields, Table};
use crate::error::{Checks, CoreError, CoreResult, FieldError};
use crate::member::{join_list, split_list};
use crate::search::{self, Document, RecordKind};
use crate::{fields, text_enum, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE person (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT REFERENCES cluster(id),  -- NULL: head office's national directory
    role        TEXT NOT NULL,                -- a PersonRole code
    name        TEXT NOT NULL,
    member_id   TEXT REFERENCES member(id),   -- affiliation when it is a member
    affiliation TEXT NOT NULL DEFAULT '',     -- affiliation as text (always set for display)
    title       TEXT NOT NULL DEFAULT '',     -- 직위
    expertise   TEXT NOT NULL DEFAULT '',     -- comma-separated keywords
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    home_region TEXT,                         -- a Region code, for experts
    external    INTEGER NOT NULL DEFAULT 0,   -- an expert from outside the cluster
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX person_cluster ON person(cluster_id, name);
CREATE INDEX person_member ON person(member_id);
";

pub(crate) const PERSON: Table =
    Table::record("person", "person", sync_wire::tables::PERSON_FIELDS).searched(search_document);

text_enum! {
    /// What a person does.
    PersonRole {
        Staff = "staff",              // 기업 임직원
        Professor = "professor",      // 교수
        Researcher = "researcher",    // 연구원
        AgencyStaff = "agency_staff", // 지원기관 담당자
        Consultant = "consultant",    // 컨설턴트
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonInput {
    pub role: Option<PersonRole>,
    pub name: String,
    pub member_id: Option<String>,
    pub affiliation: String,
    pub title: String,
    pub expertise: Vec<String>,
    pub phone: String,
    pub email: String,
    pub home_region: Option<Region>,
    pub external: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: String,
    pub cluster_id: Option<String>,
    pub role: PersonRole,
    pub name: String,
    pub member_id: Option<String>,
    pub affiliation: String,
    pub title: String,
    pub expertise: Vec<String>,
    pub phone: String,
    pub email: String,
    pub home_region: Option<Region>,
    pub external: bool,
}

impl Person {
    /// The person as the edit form holds them.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            role: Some(self.role),
            name: self.name.clone(),
            member_id: self.member_id.clone(),
            affiliation: self.affiliation.clone(),
            title: self.title.clone(),
            expertise: self.expertise.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            home_region: self.home_region,
            external: self.external,
        }
    }
}

const SELECT: &str = "SELECT id, cluster_id, role, name, member_id, affiliation, title, expertise, phone, email,
    home_region, external FROM person";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let expertise: String = row.get(7)?;
    Ok(Person {
        id: row.get(0)?,
        cluster_id: row.get(1)?,
        role: row.get(2)?,
        name: row.get(3)?,
        member_id: row.get(4)?,
        affiliation: row.get(5)?,
        title: row.get(6)?,
        expertise: split_list(&expertise),
        phone: row.get(8)?,
        email: row.get(9)?,
        home_region: row.get(10)?,
        external: row.get::<_, i64>(11)? != 0,
    })
}

/// Checks `input` as [`create`] and [`update`] would, writing nothing (for a preview).
pub fn check_input(conn: &Connection, input: &PersonInput) -> CoreResult<()> {
    check(conn, input)
}

fn check(conn: &Connection, input: &PersonInput) -> CoreResult<()> {
    let mut checks = Checks::default();
    if input.role.is_none() {
        checks.push(FieldError::new("role", "required", "역할을 고르세요.", "Choose the person's role."));
    }
    checks.require("name", &input.name, "이름", "Name");
    if let Some(member_id) = &input.member_id {
        let exists: Option<i64> = conn
            .query_row("SELECT 1 FROM member WHERE id = ?1 AND deleted = 0", [member_id], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            checks.push(FieldError::new(
                "member_id",
                "exists",
                "소속 기관을 찾을 수 없습니다.",
                "The affiliated member does not exist.",
            ));
        }
    }
    let email = input.email.trim();
    if !email.is_empty() && !email.contains('@') {
        checks.push(FieldError::new(
            "email",
            "email",
            "이메일 주소 형식이 아닙니다.",
            "This is not an e-mail address.",
        ));
    }
    checks.finish()
}

fn to_fields(conn: &Connection, cluster_id: Option<&str>, input: &PersonInput) -> CoreResult<Fields> {
    let role = input.role.ok_or_else(|| FieldError::required("role", "역할", "Role").into_error())?;
    // The affiliation text follows the member's name when a member is chosen.
    let affiliation = match &input.member_id {
        Some(id) if input.affiliation.trim().is_empty() => crate::member::get(conn, id)?.name,
        _ => input.affiliation.trim().to_string(),
    };
    Ok(fields![
        ("cluster_id", cluster_id.map(str::to_string)),
        ("role", role),
        ("name", input.name.trim().to_string()),
        ("member_id", input.member_id.clone()),
        ("affiliation", affiliation),
        ("title", input.title.trim().to_string()),
        ("expertise", join_list(&input.expertise)),
        ("phone", input.phone.trim().to_string()),
        ("email", input.email.trim().to_string()),
        ("home_region", input.home_region.map(|r| r.as_str().to_string())),
        ("external", i64::from(input.external)),
    ])
}

pub fn create(w: &mut Write<'_>, cluster_id: &str, input: &PersonInput) -> CoreResult<String> {
    check(w.tx(), input)?;
    let id = w.new_id();
    let fields = to_fields(w.tx(), Some(cluster_id), input)?;
    w.insert(&PERSON, &id, &fields)?;
    reindex(w, &id)?;
    Ok(id)
}

pub fn update(w: &mut Write<'_>, id: &str, input: &PersonInput) -> CoreResult<()> {
    let current = get(w.tx(), id)?;
    crate::validate::not_national(current.cluster_id.as_deref())?;
    check(w.tx(), input)?;
    let fields = to_fields(w.tx(), current.cluster_id.as_deref(), input)?;
    w.update(&PERSON, id, &fields)?;
    reindex(w, id)
}

pub fn get(conn: &Connection, id: &str) -> CoreResult<Person> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted = 0"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { kind: "person", id: id.to_string() })
}

/// The people of the cluster and of the national directory, by name.
pub fn list(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (cluster_id = ?1 OR cluster_id IS NULL) AND deleted = 0 ORDER BY name"
    ))?;
    let rows = stmt.query_map([cluster_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The people who work at a member.
pub fn of_member(conn: &Connection, member_id: &str) -> CoreResult<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE member_id = ?1 AND deleted = 0 ORDER BY name"))?;
    let rows = stmt.query_map([member_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The search document of one person, or `None` when it is missing, deleted or incomplete.
pub(crate) fn search_document(conn: &Connection, id: &str) -> CoreResult<Option<crate::search::Document>> {
    Ok(crate::search::found(get(conn, id))?.map(|record| document(&record)))
}

pub(crate) fn document(person: &Person) -> Document {
    Document {
        kind: RecordKind::Person,
        id: person.id.clone(),
        title: person.name.clone(),
        body: format!("{} {}\n{}", person.affiliation, person.title, person.expertise.join(", ")),
        exact: Vec::new(),
    }
}

fn reindex(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let person = get(w.tx(), id)?;
    search::put(w.tx(), &document(&person))
}

pub(crate) fn all_documents(conn: &Connection) -> CoreResult<Vec<Document>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE deleted = 0"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|p| Ok(document(&p?))).collect()
}
