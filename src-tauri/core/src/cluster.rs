//! The mini-cluster itself (미니클러스터) and its small groups (소그룹).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::db::record::Table;
use crate::error::{Checks, CoreResult, FieldError};
use crate::{fields, text_enum, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE cluster (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    complex_name   TEXT NOT NULL,       -- 산업단지
    region         TEXT NOT NULL,       -- a Region code
    industry_theme TEXT NOT NULL,
    manager_name   TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE small_group (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL REFERENCES cluster(id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX small_group_cluster ON small_group(cluster_id);
-- id is '<group id>/<member id>', so two laptops adding the same member converge.
CREATE TABLE small_group_member (
    id        TEXT PRIMARY KEY,
    group_id  TEXT NOT NULL REFERENCES small_group(id),
    member_id TEXT NOT NULL REFERENCES member(id),
    deleted   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX small_group_member_member ON small_group_member(member_id);
";

pub(crate) const CLUSTER: Table = Table::record("cluster", "cluster", sync_wire::tables::CLUSTER_FIELDS);
pub(crate) const SMALL_GROUP: Table =
    Table::record("small_group", "small group", sync_wire::tables::SMALL_GROUP_FIELDS);
pub(crate) const SMALL_GROUP_MEMBER: Table = Table::link(
    "small_group_member",
    "small group member",
    sync_wire::tables::SMALL_GROUP_MEMBER_FIELDS,
    "group_id",
    "",
);

text_enum! {
    /// KICOX's regional headquarters areas.
    Region {
        Capital = "capital",                 // 수도권
        Chungcheong = "chungcheong",         // 충청권
        DaeguGyeongbuk = "daegu_gyeongbuk",  // 대구·경북권
        Dongnam = "dongnam",                 // 동남권
        Honam = "honam",                     // 호남권
        Gangwon = "gangwon",                 // 강원권
    }
}

/// What the manager types to create or edit the cluster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClusterInput {
    pub name: String,
    pub complex_name: String,
    pub region: Region,
    pub industry_theme: String,
    pub manager_name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub complex_name: String,
    pub region: Region,
    pub industry_theme: String,
    pub manager_name: String,
}

/// The first screen's header: which cluster this is and how big.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClusterSummary {
    pub cluster: Cluster,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub member_count: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub company_count: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub people_count: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub small_group_count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmallGroup {
    pub id: String,
    pub cluster_id: String,
    pub name: String,
    pub description: String,
    pub member_ids: Vec<String>,
}

fn check(input: &ClusterInput) -> CoreResult<()> {
    let mut checks = Checks::default();
    checks.require("name", &input.name, "클러스터 이름", "Cluster name");
    checks.require("complex_name", &input.complex_name, "산업단지", "Industrial complex");
    checks.require("industry_theme", &input.industry_theme, "업종 테마", "Industry theme");
    checks.finish()
}

fn to_fields(input: &ClusterInput) -> crate::db::record::Fields {
    fields![
        ("name", input.name.trim().to_string()),
        ("complex_name", input.complex_name.trim().to_string()),
        ("region", input.region),
        ("industry_theme", input.industry_theme.trim().to_string()),
        ("manager_name", input.manager_name.trim().to_string()),
    ]
}

pub fn create(w: &mut Write<'_>, input: &ClusterInput) -> CoreResult<String> {
    check(input)?;
    let id = w.new_id();
    w.insert(&CLUSTER, &id, &to_fields(input))?;
    Ok(id)
}

pub fn update(w: &mut Write<'_>, id: &str, input: &ClusterInput) -> CoreResult<()> {
    check(input)?;
    w.update(&CLUSTER, id, &to_fields(input))?;
    Ok(())
}

/// The cluster this laptop manages: the first one created in this database.
pub fn current(conn: &Connection) -> CoreResult<Option<Cluster>> {
    Ok(conn
        .query_row(
            "SELECT id, name, complex_name, region, industry_theme, manager_name
             FROM cluster WHERE deleted = 0 ORDER BY id LIMIT 1",
            [],
            |row| {
                Ok(Cluster {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    complex_name: row.get(2)?,
                    region: row.get(3)?,
                    industry_theme: row.get(4)?,
                    manager_name: row.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn summary(conn: &Connection) -> CoreResult<Option<ClusterSummary>> {
    let Some(cluster) = current(conn)? else { return Ok(None) };
    let count = |sql: &str| -> CoreResult<i64> { Ok(conn.query_row(sql, [&cluster.id], |r| r.get(0))?) };
    Ok(Some(ClusterSummary {
        member_count: count("SELECT count(*) FROM member WHERE cluster_id = ?1 AND deleted = 0")?,
        company_count: count("SELECT count(*) FROM member WHERE cluster_id = ?1 AND deleted = 0 AND kind = 'company'")?,
        people_count: count("SELECT count(*) FROM person WHERE cluster_id = ?1 AND deleted = 0")?,
        small_group_count: count("SELECT count(*) FROM small_group WHERE cluster_id = ?1 AND deleted = 0")?,
        cluster,
    }))
}

pub fn create_small_group(w: &mut Write<'_>, cluster_id: &str, name: &str, description: &str) -> CoreResult<String> {
    if name.trim().is_empty() {
        return Err(FieldError::required("name", "소그룹 이름", "Small group name").into_error());
    }
    let id = w.new_id();
    w.insert(
        &SMALL_GROUP,
        &id,
        &fields![
            ("cluster_id", cluster_id.to_string()),
            ("name", name.trim().to_string()),
            ("description", description.to_string())
        ],
    )?;
    Ok(id)
}

pub fn add_to_small_group(w: &mut Write<'_>, group_id: &str, member_id: &str) -> CoreResult<()> {
    let id = SMALL_GROUP_MEMBER.link_id(group_id, member_id);
    match w.exists(&SMALL_GROUP_MEMBER, &id)? {
        Some(false) => Ok(()),
        Some(true) => w.restore(&SMALL_GROUP_MEMBER, &id),
        None => w.insert(
            &SMALL_GROUP_MEMBER,
            &id,
            &fields![("group_id", group_id.to_string()), ("member_id", member_id.to_string())],
        ),
    }
}

pub fn small_groups(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<SmallGroup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.cluster_id, g.name, g.description,
                coalesce((SELECT group_concat(m.member_id) FROM small_group_member m
                          WHERE m.group_id = g.id AND m.deleted = 0), '')
         FROM small_group g WHERE g.cluster_id = ?1 AND g.deleted = 0 ORDER BY g.name",
    )?;
    let rows = stmt.query_map([cluster_id], |row| {
        let ids: String = row.get(4)?;
        Ok(SmallGroup {
            id: row.get(0)?,
            cluster_id: row.get(1)?,
            name: row.get(2)?,
            description: row.get(3)?,
            member_ids: ids.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
