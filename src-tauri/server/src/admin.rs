//! The server's admin command line: clusters, accounts, devices, the national summary and
//! head office's decisions, run directly against the server's database.

use std::fmt::Write as _;

use sync_wire::{NationalExpert, ProjectDecision, Role, REGIONS};

use crate::storage::AccountChange;
use crate::AppState;

pub const USAGE: &str = "\
cluster-desk-server admin <command> [options]   (database: --database PATH or CLUSTER_DESK_SERVER_DB)

  create-cluster --name NAME --region REGION      regions: capital chungcheong daegu_gyeongbuk dongnam honam gangwon
  clusters                                        list clusters with their ids
  create-account --login LOGIN --name NAME --role staff|manager
                                                  the password comes from CLUSTER_DESK_PASSWORD or the first line of stdin
  bind --login LOGIN --cluster CLUSTER_ID         let a manager work for a cluster (repeat for several)
  devices                                         list signed-in devices
  revoke --device DEVICE_ID                       revoke a device's token at once
  forget-device --device DEVICE_ID                forget a revoked device, so the laptop can sign in again
  disable --login LOGIN                           stop an account: no sign-in, its tokens stop working
  enable --login LOGIN                            let a disabled account work again
  reset-password --login LOGIN                    set a new password (as for create-account); every
                                                  device of the account must sign in again
  unbind --login LOGIN --cluster CLUSTER_ID       take a cluster from a manager; its tokens for it stop working
  summary [--json]                                clusters, companies and people by region, projects and amounts by stage
  decide --project ID [--cluster ID] [--stage STAGE] [--approved-won N] [--reason TEXT] [--on YYYY-MM-DD]
  add-expert --name NAME [--role professor|researcher|consultant|agency_staff] [--affiliation A]
             [--expertise 'k1, k2'] [--region REGION] [--phone P] [--email E]
  rebuild-replicas [--cluster ID]                 build head office's replica of each cluster (or one)
                                                  again from the change stream; stop the server first";

/// The value after `--name` in `args`.
pub fn option(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn required(args: &[String], name: &str) -> Result<String, String> {
    option(args, name).filter(|v| !v.trim().is_empty()).ok_or_else(|| format!("{name} is required\n\n{USAGE}"))
}

fn password() -> Result<String, String> {
    if let Ok(p) = std::env::var("CLUSTER_DESK_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Runs one admin command and returns what to print.
pub async fn run(state: &AppState, args: &[String]) -> Result<String, String> {
    let storage = state.storage.clone();
    let command = args.first().map(String::as_str).unwrap_or("");
    let fail = |e: crate::storage::StorageError| e.to_string();
    match command {
        "create-cluster" => {
            let name = required(args, "--name")?;
            let region = required(args, "--region")?;
            if !REGIONS.contains(&region.as_str()) {
                return Err(format!("unknown region {region:?}; one of: {}", REGIONS.join(" ")));
            }
            let cluster = storage.create_cluster(&name, &region).map_err(fail)?;
            Ok(format!("created cluster {} ({}) id {}", cluster.name, cluster.region, cluster.id))
        }
        "rebuild-replicas" => {
            let clusters = match option(args, "--cluster") {
                Some(id) => {
                    if !storage.clusters().map_err(fail)?.iter().any(|c| c.id == id) {
                        return Err(format!("no cluster with the id {id:?}"));
                    }
                    vec![id]
                }
                None => storage.clusters().map_err(fail)?.into_iter().map(|c| c.id).collect(),
            };
            let mut out = String::new();
            for id in clusters {
                let done = state.replicas.rebuild(&id).map_err(fail)?;
                let _ = writeln!(
                    out,
                    "{id}\t{} changes applied, {} conflicts kept, {} set aside",
                    done.applied, done.conflicts, done.set_aside
                );
            }
            Ok(out)
        }
        "clusters" => {
            let mut out = String::new();
            for c in storage.clusters().map_err(fail)? {
                let _ = writeln!(out, "{}\t{}\t{}", c.id, c.region, c.name);
            }
            Ok(out)
        }
        "create-account" => {
            let login = required(args, "--login")?;
            let name = required(args, "--name")?;
            let role = Role::parse(&required(args, "--role")?).ok_or("--role must be staff or manager")?;
            let password = password()?;
            if password.chars().count() < 10 {
                return Err("the password must have at least 10 characters".into());
            }
            let hash = crate::auth::hash_password(&password);
            let id = storage.create_account(&login, &name, role, &hash).map_err(fail)?;
            Ok(format!("created {} account {login} id {id}", role.as_str()))
        }
        "bind" => {
            let login = required(args, "--login")?;
            let cluster = required(args, "--cluster")?;
            storage.bind_account(&login, &cluster).map_err(fail)?;
            Ok(format!("{login} now works for cluster {cluster}"))
        }
        "devices" => {
            let mut out = String::from("device\tlogin\tcluster\tlabel\tsigned in\tlast seen\trevoked\n");
            for d in storage.devices().map_err(fail)? {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    d.id,
                    d.login,
                    d.cluster.unwrap_or_else(|| "(head office)".into()),
                    d.label,
                    d.created_at,
                    d.last_seen_at.unwrap_or_default(),
                    d.revoked_at.unwrap_or_default()
                );
            }
            Ok(out)
        }
        "revoke" => {
            let device = required(args, "--device")?;
            if storage.revoke_device(&device).map_err(fail)? {
                Ok(format!("revoked device {device}"))
            } else {
                Err(format!("no active device {device}"))
            }
        }
        "forget-device" | "disable" | "enable" | "reset-password" | "unbind" => {
            let change = match command {
                "forget-device" => AccountChange::ForgetDevice { device_id: required(args, "--device")? },
                "disable" => AccountChange::Disable { login: required(args, "--login")? },
                "enable" => AccountChange::Enable { login: required(args, "--login")? },
                "reset-password" => {
                    let login = required(args, "--login")?;
                    let password = password()?;
                    if password.chars().count() < 10 {
                        return Err("the password needs at least 10 characters".into());
                    }
                    AccountChange::SetPassword { login, password_hash: crate::auth::hash_password(&password) }
                }
                _ => AccountChange::Unbind {
                    login: required(args, "--login")?,
                    cluster_id: required(args, "--cluster")?,
                },
            };
            if storage.change_account(&change).map_err(fail)? {
                Ok(format!("done: {command}"))
            } else {
                Err(format!("{command}: nothing matched (check the login, cluster or device; a device must be revoked before it is forgotten)"))
            }
        }
        "summary" => {
            let summary = storage.summary().map_err(fail)?;
            if args.iter().any(|a| a == "--json") {
                return serde_json::to_string_pretty(&summary).map_err(|e| e.to_string());
            }
            let mut out = String::from("region\tclusters\tcompanies\tpeople\n");
            for r in &summary.regions {
                let _ = writeln!(out, "{}\t{}\t{}\t{}", r.region, r.clusters, r.companies, r.people);
            }
            out.push_str("\nstage\tprojects\tgovernment won\tapproved won\n");
            for s in &summary.projects_by_stage {
                let _ =
                    writeln!(out, "{}\t{}\t{}\t{}", s.stage, s.projects, s.government_won, s.approved_government_won);
            }
            let _ = writeln!(out, "\nnational directory experts: {}", summary.national_experts);
            Ok(out)
        }
        "decide" => {
            let decision = ProjectDecision {
                project_id: required(args, "--project")?,
                cluster_id: option(args, "--cluster"),
                stage: option(args, "--stage"),
                approved_government_won: option(args, "--approved-won")
                    .map(|v| v.parse::<i64>().map_err(|_| format!("--approved-won {v:?} is not a number of won")))
                    .transpose()?,
                reason: option(args, "--reason").unwrap_or_default(),
                decided_on: option(args, "--on")
                    // Today in Korea (UTC+9, no daylight saving).
                    .unwrap_or_else(|| {
                        (chrono::Utc::now() + chrono::Duration::hours(9)).format("%Y-%m-%d").to_string()
                    }),
            };
            let answer = crate::routes::record_decision(state, decision).await.map_err(|f| f.body.message_en)?;
            Ok(format!("recorded {} changes on project {}", answer.changes, answer.record_id))
        }
        "add-expert" => {
            let expert = NationalExpert {
                name: required(args, "--name")?,
                role: option(args, "--role"),
                affiliation: option(args, "--affiliation").unwrap_or_default(),
                title: option(args, "--title").unwrap_or_default(),
                expertise: option(args, "--expertise").unwrap_or_default(),
                phone: option(args, "--phone").unwrap_or_default(),
                email: option(args, "--email").unwrap_or_default(),
                home_region: option(args, "--region"),
            };
            let answer = crate::routes::record_expert(state, expert).await.map_err(|f| f.body.message_en)?;
            Ok(format!("added expert {} to the national directory", answer.record_id))
        }
        _ => Err(USAGE.to_string()),
    }
}
