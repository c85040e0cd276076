#!/usr/bin/env python3
"""Writes assets/icons/icon.ico from assets/icons/icon.png.

Windows (and tauri-build's resource step) needs an .ico; since Windows Vista an .ico may
hold a PNG image as it is, so the 256x256 PNG is wrapped in an ICO header without any
image library. Run it again when the PNG changes; the .ico is committed.
"""
import struct
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
png = (root / "assets/icons/icon.png").read_bytes()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "icon.png is not a PNG"
width, height = struct.unpack(">II", png[16:24])
assert width <= 256 and height <= 256, "an icon image is at most 256x256"
# ICONDIR: reserved, type 1 (icon), one image; ICONDIRENTRY: 0 means 256.
header = struct.pack("<HHH", 0, 1, 1)
entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 6 + 16)
(root / "assets/icons/icon.ico").write_bytes(header + entry + png)
print(f"assets/icons/icon.ico: {width}x{height}, {6 + 16 + len(png)} bytes")
