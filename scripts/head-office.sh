#!/usr/bin/env bash
# Runs a head-office server on this machine, to try sync with the desktop app.
#
# The first run creates a demo head office: one cluster, a manager account and a staff
# account (printed below). The server listens on http://127.0.0.1:8443 (plain HTTP is
# allowed on loopback only; give --tls-cert/--tls-key for anything else, see README).
# In the app: 본부 동기화 → address http://127.0.0.1:8443, login demo, the password below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cluster-desk/target}"
command -v cargo >/dev/null || { echo "Rust (cargo) is needed: https://rustup.rs" >&2; exit 1; }

cargo build --release --locked -p desk-server --bin cluster-desk-server
server="$CARGO_TARGET_DIR/release/cluster-desk-server"
export CLUSTER_DESK_SERVER_DB="${CLUSTER_DESK_SERVER_DB:-$HOME/.local/share/cluster-desk-server/server.sqlite}"

if [ ! -f "$CLUSTER_DESK_SERVER_DB" ]; then
  password="${DEMO_PASSWORD:-cluster-desk-demo}"
  created=$("$server" admin create-cluster --name "남동 화장품 미니클러스터" --region capital)
  cluster_id="${created##* }"
  CLUSTER_DESK_PASSWORD="$password" "$server" admin create-account --login demo --name "장매니저" --role manager
  CLUSTER_DESK_PASSWORD="$password" "$server" admin create-account --login hq --name "본부 담당자" --role staff
  "$server" admin bind --login demo --cluster "$cluster_id"
  "$server" admin add-expert --name "오세훈" --affiliation "한국화학연구원" --expertise "계면활성제, 유화 안정성" --region chungcheong
  echo
  echo "Demo head office created in $CLUSTER_DESK_SERVER_DB"
  echo "  manager login: demo   password: $password   (cluster $cluster_id)"
  echo "  staff login:   hq     password: $password"
  echo
fi
exec "$server" serve --listen "${LISTEN:-127.0.0.1:8443}"
