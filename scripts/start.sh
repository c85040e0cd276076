#!/usr/bin/env bash
# Command 1: installs what is missing, builds, and opens Cluster Desk on the demo cluster.
# Extra arguments go to the app (e.g. --database /path/to/file.sqlite).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "==> building the app"
cargo build --release --bin cluster-desk
echo "==> starting Cluster Desk"
exec "$CARGO_TARGET_DIR/release/cluster-desk" --demo "$@"
