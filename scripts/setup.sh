#!/usr/bin/env bash
# Installs what Cluster Desk needs on Debian 12 / Ubuntu and is missing: system packages,
# the UI's npm packages, and the built UI. Idempotent; sourced by start.sh and test.sh.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages: WebKitGTK to build and run the window, its WebDriver and a virtual
# display for the end-to-end tests, a Korean font so Hangul does not render as boxes (the
# reports embed its Nanum Gothic, copied at build time), and
# openssl, with which the server's HTTPS test makes its certificates, pip for the
# test-only Python tools, and poppler's pdftotext and pdftoppm, with which the report
# tests read the PDFs back (and the README's page pictures are made).
packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev
  webkit2gtk-driver xvfb xauth fonts-nanum openssl python3-pip poppler-utils
)

# Installs the Debian packages named that are not installed yet (with sudo when not root).
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
ensure_debian_packages "${packages[@]}"

# Tests read what the app writes with other programs' readers: the calendar export with
# Python's icalendar, the spreadsheet export with openpyxl (which also writes the import
# samples, scripts/make-import-samples.py). Debian 12 marks its Python as externally
# managed, so pip may need --user there.
for module in icalendar openpyxl; do
  if ! python3 -c "import $module" 2>/dev/null; then
    echo "==> installing the Python package $module (for the tests that read exports back)"
    python3 -m pip install --quiet "$module" 2>/dev/null ||
      python3 -m pip install --quiet --user --break-system-packages "$module"
  fi
done

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), version 1.90 or newer, then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "Node.js is missing: install Node.js 20.19 or newer with npm, then run this again." >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node -v) is too old for the UI's build tools: install Node.js 20.19 or newer." >&2
  exit 1
fi

cd "$repo"
# npm ci only when the lockfile changed since the last install.
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  echo "==> installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi

# Build outputs go to a target folder outside the clone when one is not set, so that a
# fresh clone on the same machine reuses compiled dependencies (and never needs them).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-desk/target}"
mkdir -p "$CARGO_TARGET_DIR"

echo "==> building the UI"
npm run --silent build >/dev/null
