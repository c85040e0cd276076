#!/usr/bin/env bash
# Command 2: installs what is missing, then runs every check and test: formatting, lints,
# all Rust tests (the end-to-end test drives the real app under Xvfb), and the UI's
# type-check and unit tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> UI type-check"
npm run --silent typecheck
echo "==> UI unit tests"
npm run --silent test
echo "==> Rust tests (core, shell, end-to-end in a real window)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over every test binary.
passed=$(grep -E '^test result:' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -E '^test result:' "$log" | awk '{s += $6} END {print s + 0}')
echo "rust: $passed passed, $failed failed"
exit "$status"
