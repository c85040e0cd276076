//! `cluster-desk-server`: `serve` runs the head-office server, `admin` manages it.

use std::net::SocketAddr;
use std::path::PathBuf;

use desk_server::admin::{self, option};
use desk_server::tls::TlsFiles;
use desk_server::{serve, AppState, Listen};

const USAGE: &str = "\
cluster-desk-server serve [--database PATH] [--listen 127.0.0.1:8443] [--tls-cert cert.pem --tls-key key.pem] [--allow-plain-http]
                         [--cluster-quota-mb 10240] [--device-quota-mb 2048]
cluster-desk-server admin <command> ...     (run `cluster-desk-server admin help`)

Plain HTTP is served only on a loopback address, unless --allow-plain-http is given
(behind a TLS-terminating proxy). A cluster keeps at most its quota at head office
(records and files), and one laptop pushes at most its own. Logs are JSON lines on stderr.";

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let database = option(&args, "--database")
        .or_else(|| std::env::var("CLUSTER_DESK_SERVER_DB").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("head-office/server.sqlite"));
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match args.first().map(String::as_str) {
            Some("serve") => run_server(&args, &database).await,
            Some("admin") => {
                let state = AppState::open(&database).map_err(|e| e.to_string())?;
                let out = admin::run(&state, &args[1..]).await?;
                println!("{out}");
                Ok(())
            }
            _ => Err(USAGE.to_string()),
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run_server(args: &[String], database: &std::path::Path) -> Result<(), String> {
    tracing_subscriber::fmt().json().with_writer(std::io::stderr).with_current_span(false).init();
    let address: SocketAddr = option(args, "--listen")
        .unwrap_or_else(|| "127.0.0.1:8443".into())
        .parse()
        .map_err(|e| format!("--listen: {e}"))?;
    let tls = match (option(args, "--tls-cert"), option(args, "--tls-key")) {
        (Some(certificate), Some(key)) => Some(TlsFiles { certificate: certificate.into(), key: key.into() }),
        (None, None) => None,
        _ => return Err("--tls-cert and --tls-key go together".into()),
    };
    if tls.is_none() && !address.ip().is_loopback() && !args.iter().any(|a| a == "--allow-plain-http") {
        return Err(format!(
            "refusing plain HTTP on {address}: give --tls-cert and --tls-key, listen on 127.0.0.1, \
             or pass --allow-plain-http behind a TLS proxy"
        ));
    }
    let mut state = AppState::open(database).map_err(|e| e.to_string())?;
    for (flag, quota) in
        [("--cluster-quota-mb", &mut state.quotas.cluster_bytes), ("--device-quota-mb", &mut state.quotas.device_bytes)]
    {
        if let Some(value) = option(args, flag) {
            let mb: u64 = value
                .parse()
                .ok()
                .filter(|mb| *mb > 0)
                .ok_or_else(|| format!("{flag} {value:?}: a number of megabytes"))?;
            *quota = mb.saturating_mul(1024 * 1024);
        }
    }
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| format!("{address}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(address = %local, tls = tls.is_some(), database = %database.display(), "listening");
    // Tests and scripts read the address from this line (the port may have been 0).
    println!("listening on {}://{local}", if tls.is_some() { "https" } else { "http" });
    serve(Listen { listener, tls }, state, shutdown_signal()).await.map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
