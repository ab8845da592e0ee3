#!/bin/sh
# test-core-has-no-gtk.sh: src/core must build on GLib alone (juggler-bench and the core
# tests link it without GTK), so no GTK, GDK or libadwaita header may appear in it and its
# meson.build may not ask for them.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: test-core-has-no-gtk.sh SRC_CORE_DIR   (prints TAP)

core_dir=${1:?usage: $0 SRC_CORE_DIR}
status=0

echo "1..3"

if [ -d "$core_dir" ] && [ -f "$core_dir/meson.build" ]; then
  echo "ok 1 - $core_dir exists"
else
  echo "not ok 1 - $core_dir is not the core source directory"
  exit 1
fi

includes=$(grep -EnH '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|adw|libadwaita)[/.-]' \
             "$core_dir"/*.c "$core_dir"/*.h 2>/dev/null)
if [ -z "$includes" ]; then
  echo "ok 2 - no GTK, GDK or libadwaita header is included in src/core"
else
  echo "not ok 2 - src/core includes GTK, GDK or libadwaita headers"
  echo "$includes" | sed 's/^/# /'
  status=1
fi

deps=$(grep -EniH 'gtk|gdk|adw' "$core_dir/meson.build")
if [ -z "$deps" ]; then
  echo "ok 3 - src/core/meson.build asks for no GTK or libadwaita dependency"
else
  echo "not ok 3 - src/core/meson.build mentions GTK or libadwaita"
  echo "$deps" | sed 's/^/# /'
  status=1
fi

exit $status
