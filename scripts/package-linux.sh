#!/usr/bin/env bash
# Builds the Linux package (.deb) of the desktop app: the release binary, a desktop entry
# with its Korean name, the icon, and the libraries and Korean font it needs (computed
# by dpkg-shlibdeps from the binary). Prints the package's path.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-desk/target}"

cargo build --release --locked --bin cluster-desk >&2
version="$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')"
out="$CARGO_TARGET_DIR/packages"
stage="$out/deb-stage"
rm -rf "$stage" && mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/cluster-desk"
strip -o "$stage/usr/bin/cluster-desk" "$CARGO_TARGET_DIR/release/cluster-desk"
install -m 0644 src-tauri/installer/linux/cluster-desk.desktop "$stage/usr/share/applications/"
install -m 0644 assets/icons/icon.png "$stage/usr/share/icons/hicolor/256x256/apps/cluster-desk.png"
printf 'Cluster Desk\nLicense: MIT\n' > "$stage/usr/share/doc/cluster-desk/copyright"

# dpkg-shlibdeps reads the libraries the binary links and names their packages.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: cluster-desk\n\nPackage: cluster-desk\nArchitecture: amd64\n' > "$work/debian/control"
libraries="$(cd "$work" && dpkg-shlibdeps -O "$stage/usr/bin/cluster-desk" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$libraries" ] || { echo "dpkg-shlibdeps found no libraries" >&2; exit 1; }

size="$(du -sk "$stage/usr" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: cluster-desk
Version: $version
Architecture: amd64
Maintainer: Cluster Desk maintainers <maintainers@clusterdesk.invalid>
Installed-Size: $size
Depends: $libraries, fonts-nanum
Section: misc
Priority: optional
Description: Cluster Desk (클러스터 데스크): a KICOX mini-cluster manager's workspace
 Keeps a mini-cluster's members, people, meetings and seminars with their minutes,
 plant visits, the issues firms raise, and funded projects on the manager's laptop,
 works without a network, and syncs with head office when it can.
CONTROL
deb="$out/cluster-desk_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "$deb"
