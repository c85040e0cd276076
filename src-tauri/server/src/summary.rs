//! The national summary head office reads: clusters, member companies and people by
//! region, and projects with their amounts by stage. Read from the newest value of each
//! field the laptops have pushed.

use rusqlite::Connection;

use crate::storage::{ClusterSummary, NationalSummary, RegionSummary, StageSummary, StorageResult};

/// Records of `table` in each cluster that are not deleted, optionally with `field = value`.
const LIVE: &str = "
    SELECT f.cluster_id AS cluster_id, f.record_id AS record_id FROM field_state f
    WHERE f.table_name = ?1 AND f.field = ?2 AND (?3 IS NULL OR f.value = ?3)
      AND NOT EXISTS (SELECT 1 FROM field_state d WHERE d.cluster_id = f.cluster_id AND d.record_id = f.record_id AND d.field = 'deleted' AND d.value = '1')";

fn count_by_cluster(
    conn: &Connection,
    table: &str,
    field: &str,
    value: Option<&str>,
) -> StorageResult<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(&format!("SELECT cluster_id, count(*) FROM ({LIVE}) GROUP BY cluster_id"))?;
    let rows = stmt.query_map(rusqlite::params![table, field, value], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn national(conn: &Connection) -> StorageResult<NationalSummary> {
    let companies = count_by_cluster(conn, "member", "kind", Some("\"company\""))?;
    let people = count_by_cluster(conn, "person", "name", None)?;
    let projects = count_by_cluster(conn, "project", "title", None)?;
    let find = |list: &[(String, i64)], id: &str| list.iter().find(|(c, _)| c == id).map_or(0, |(_, n)| *n);

    let mut stmt = conn.prepare("SELECT id, name, region FROM cluster ORDER BY region, name")?;
    let clusters: Vec<ClusterSummary> = stmt
        .query_map([], |r| {
            let id: String = r.get(0)?;
            Ok(ClusterSummary {
                companies: find(&companies, &id),
                people: find(&people, &id),
                projects: find(&projects, &id),
                id,
                name: r.get(1)?,
                region: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    let mut regions: Vec<RegionSummary> = Vec::new();
    for c in &clusters {
        match regions.iter_mut().find(|r| r.region == c.region) {
            Some(r) => {
                r.clusters += 1;
                r.companies += c.companies;
                r.people += c.people;
            }
            None => regions.push(RegionSummary {
                region: c.region.clone(),
                clusters: 1,
                companies: c.companies,
                people: c.people,
            }),
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT s.value, count(*),
            CAST(total(CAST(g.value AS INTEGER)) AS INTEGER), CAST(total(CAST(a.value AS INTEGER)) AS INTEGER)
         FROM ({LIVE}) p
         JOIN field_state s ON s.cluster_id = p.cluster_id AND s.record_id = p.record_id AND s.field = 'stage'
         LEFT JOIN field_state g ON g.cluster_id = p.cluster_id AND g.record_id = p.record_id AND g.field = 'government_won'
         LEFT JOIN field_state a ON a.cluster_id = p.cluster_id AND a.record_id = p.record_id AND a.field = 'approved_government_won'
         WHERE p.cluster_id <> ''
         GROUP BY s.value ORDER BY s.value"
    ))?;
    let projects_by_stage = stmt
        .query_map(rusqlite::params!["project", "title", Option::<String>::None], |r| {
            let stage: String = r.get(0)?;
            Ok(StageSummary {
                stage: serde_json::from_str(&stage).unwrap_or(stage),
                projects: r.get(1)?,
                government_won: r.get(2)?,
                approved_government_won: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let national_experts =
        count_by_cluster(conn, "person", "name", None)?.into_iter().find(|(c, _)| c.is_empty()).map_or(0, |(_, n)| n);
    Ok(NationalSummary { clusters, regions, projects_by_stage, national_experts })
}
