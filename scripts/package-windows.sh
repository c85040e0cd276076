#!/usr/bin/env bash
# Builds the Windows installer on Linux: cross-compiles cluster-desk.exe for
# x86_64-pc-windows-gnu (Debian's MinGW-w64 links it) and wraps it with Debian's makensis
# (src-tauri/installer/windows/cluster-desk.nsi). Prints the installer's path.
#
# WEBVIEW2_OFFLINE_INSTALLER=/path/MicrosoftEdgeWebView2RuntimeInstallerX64.exe makes the
# offline variant, which installs WebView2 on a laptop without a network.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
target=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-desk/target}"

# The server too, in the same build, so that both share one set of compiled dependencies.
cargo build --release --locked --target "$target" -p cluster-desk -p desk-server --bins >&2
built="$CARGO_TARGET_DIR/$target/release"
version="$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')"
out="$CARGO_TARGET_DIR/packages"
stage="$out/windows-stage"
rm -rf "$stage" && mkdir -p "$stage"
# The release profile keeps line tables for Linux backtraces; the installer ships without.
x86_64-w64-mingw32-strip -o "$stage/cluster-desk.exe" "$built/cluster-desk.exe"

defines=(
  -DVERSION="$version"
  -DAPP_EXE="$stage/cluster-desk.exe"
  -DICON="$repo/assets/icons/icon.ico"
)
# wry loads WebView2Loader.dll at run time on the GNU target; webview2-com-sys's build
# copies it into the build folder.
loader="$(find "$built" -name WebView2Loader.dll -path '*x64*' -print -quit 2>/dev/null || true)"
[ -n "$loader" ] || loader="$(find "$built" -name WebView2Loader.dll -print -quit 2>/dev/null || true)"
if [ -n "$loader" ]; then
  defines+=(-DLOADER_DLL="$loader")
fi
name="cluster-desk-$version-setup.exe"
if [ -n "${WEBVIEW2_OFFLINE_INSTALLER:-}" ]; then
  defines+=(-DWEBVIEW2_OFFLINE="$WEBVIEW2_OFFLINE_INSTALLER")
  name="cluster-desk-$version-setup-offline.exe"
fi
makensis -INPUTCHARSET UTF8 -V2 "${defines[@]}" -DOUT_FILE="$out/$name" \
  src-tauri/installer/windows/cluster-desk.nsi >&2
echo "$out/$name"
