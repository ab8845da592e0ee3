#!/usr/bin/python3
# check-app-icons.py: the app icon's PNG sizes exist, are the size they say, are installed and are in the resources
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-app-icons.py SOURCE_ROOT BUILD_ROOT APP_ID

GTK sets the X11 window icon from every size the theme has of the app icon; with PNGs at
those sizes librsvg never loads (build-aux/render-app-icons). Checks, in TAP: each
data/icons/hicolor/NxN/apps PNG is an N x N PNG; the expected sizes are all there; meson
installs each one (and the SVG) as hicolor/NxN/apps/APP_ID.png, which is also what the
Flatpak exports; and ui/juggler.gresource.xml compiles each one in for uninstalled runs.
"""

import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

SIZES = (16, 24, 32, 48, 64)
NAME = "io.github.juggler.Juggler"


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.n += 1
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, what))
        if not ok and detail:
            for line in detail.splitlines():
                print("# " + line)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    source, build, app_id = sys.argv[1:4]
    tap = Tap()
    icons = os.path.join(source, "data", "icons", "hicolor")

    found = {}
    for entry in sorted(os.listdir(icons)):
        m = re.fullmatch(r"(\d+)x(\d+)", entry)
        path = os.path.join(icons, entry, "apps", NAME + ".png")
        if m and os.path.exists(path):
            found[int(m.group(1))] = (path, int(m.group(1)), int(m.group(2)))
    tap.check(tuple(sorted(found)) == SIZES, "PNG sizes are %s" % (SIZES,),
              "found %s" % (tuple(sorted(found)),))
    for size, (path, w, h) in sorted(found.items()):
        tap.check(png_size(path) == (w, h) and w == h, "%dx%d PNG is %dx%d" % (w, h, w, h),
                  "%s: %s" % (path, png_size(path)))

    with open(os.path.join(build, "meson-info", "intro-installed.json")) as f:
        installed = {os.path.realpath(k): v.replace(os.sep, "/") for k, v in json.load(f).items()}
    for size, (path, w, h) in sorted(found.items()):
        dest = installed.get(os.path.realpath(path), "")
        want = "/icons/hicolor/%dx%d/apps/%s.png" % (w, h, app_id)
        tap.check(dest.endswith(want), "%dx%d PNG installed as ...%s" % (w, h, want),
                  "installed as %r" % dest)
    svg = os.path.realpath(os.path.join(icons, "scalable", "apps", NAME + ".svg"))
    tap.check(installed.get(svg, "").endswith("/icons/hicolor/scalable/apps/%s.svg" % app_id),
              "SVG still installed beside them", "installed as %r" % installed.get(svg))

    resources = ET.parse(os.path.join(source, "ui", "juggler.gresource.xml"))
    aliases = {}
    for f in resources.iter("file"):
        aliases[f.get("alias") or f.text] = os.path.normpath(os.path.join(source, "ui", f.text))
    for size, (path, w, h) in sorted(found.items()):
        alias = "icons/%dx%d/apps/%s.png" % (w, h, NAME)
        tap.check(aliases.get(alias) == os.path.normpath(path),
                  "%dx%d PNG in the resources as %s" % (w, h, alias))

    print("1..%d" % tap.n)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
