#!/usr/bin/env bash
# Command 2: installs what is missing, then runs every check and test: formatting, lints,
# all Rust tests (the end-to-end tests drive the real app under Xvfb), the UI's type-check
# and unit tests, the Windows build (cross-compiled, its installer, and the core's and
# server's tests under Wine), and the Linux package (installed, started, removed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# The Windows laptops' build, made on Linux: Rust's Windows target, MinGW-w64 to link,
# NSIS for the installer, Wine to run what can run without a window; dpkg-dev for the
# Linux package's library dependencies.
ensure_debian_packages gcc-mingw-w64-x86-64 nsis wine64 wine dpkg-dev
windows_target=x86_64-pc-windows-gnu
if ! rustup target list --installed | grep -qx "$windows_target"; then
  echo "==> adding Rust's $windows_target target"
  rustup target add "$windows_target"
fi

log="$(mktemp)"
wine_home="$(mktemp -d)"
cleanup() {
  WINEPREFIX="$wine_home/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$log" "$wine_home"
}
trap cleanup EXIT

# Each stage says how far into the run it starts (BENCHMARKS.md quotes these).
stage() {
  printf '==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"
}

# Every cargo test run's output goes to the log as well, for one closing line.
run_tests() {
  set +e
  "$@" 2>&1 | tee -a "$log"
  local status=${PIPESTATUS[0]}
  set -e
  return "$status"
}
summary() {
  local passed failed
  passed=$(grep -E '^test result:' "$log" | awk '{s += $4} END {print s + 0}')
  failed=$(grep -E '^test result:' "$log" | awk '{s += $6} END {print s + 0}')
  echo "rust: $passed passed, $failed failed"
}

stage "cargo fmt --check"
cargo fmt --all -- --check
stage "unused dependencies (cargo machete)"
if ! command -v cargo-machete >/dev/null; then
  cargo install --locked cargo-machete
fi
cargo machete
stage "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
stage "UI type-check"
npm run --silent typecheck
stage "UI unit tests"
npm run --silent test

status=0
stage "Rust tests (core, shell, end-to-end in a real window)"
run_tests cargo test --workspace --locked --no-fail-fast || status=$?

stage "Windows build: app, server and installer for $windows_target"
installer="$(./scripts/package-windows.sh)"
windows_dir="$(dirname "$installer")"
cp "$CARGO_TARGET_DIR/$windows_target/release/cluster-desk-server.exe" "$windows_dir/"
# Wine 8 lacks bcryptprimitives.dll, which every Windows 10 and 11 has and Rust programs
# use; the Wine checks get a stand-in (tests/wine/bcryptprimitives.c), never shipped.
x86_64-w64-mingw32-gcc -O2 -shared -o "$windows_dir/bcryptprimitives.dll" \
  tests/wine/bcryptprimitives.c tests/wine/bcryptprimitives.def -lbcrypt

stage "Windows: the core's, demo's, sync's, server's and spreadsheet tests under Wine"
export WINEPREFIX="$wine_home/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
HOME="$wine_home" wineboot --init >/dev/null 2>&1
# A wineserver that stays up 30 s after its last client: left to exit after 3 idle seconds,
# it can exit just as the next test binary starts, which then fails with "recvmsg:
# Connection reset by peer". Not forever: Wine's services, started inside the test pipe,
# hold its output open until the server ends. (Started anew: wineboot's server would not
# take the setting.)
wineserver -w
wineserver -p30
cp "$windows_dir/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
# .cargo/config.toml makes Wine the runner of this target's test binaries.
run_tests cargo test --locked --no-fail-fast --target "$windows_target" -p desk-core -p desk-demo -p desk-sync -p desk-server -p desk-spreadsheet || status=$?

stage "Windows: the installer, the command line and the server under Wine"
run_tests env CLUSTER_DESK_WINDOWS_DIR="$windows_dir" \
  cargo test --locked --test windows_under_wine -- --ignored --test-threads 1 || status=$?

stage "Linux package: built, installed with dpkg, started, removed"
deb="$(./scripts/package-linux.sh)"
run_tests env CLUSTER_DESK_DEB="$deb" cargo test --locked --test linux_package -- --ignored || status=$?

stage "done"
summary
exit "$status"
