#!/usr/bin/env bash
# tests/flatpak/offline-check.sh: build, test, run and bundle the Juggler Flatpak end to end
# without Flathub. The GNOME runtime cannot be fetched here, so a small runtime is made from
# Debian 12 packages (mmdebstrap), installed --user from a local repo, and a copy of
# flatpak/io.github.juggler.Juggler.json that points at it is built with flatpak-builder
# (the app's own test suite runs inside the build sandbox), run under Xvfb and bundled.
#
# Needs root (apt-get, mmdebstrap) on Debian 12. Idempotent: the runtime is reused while it
# is installed and its recipe (the package list below) has not changed.
#
# Environment:
#   JUGGLER_FLATPAK_WORK       heavy state (default /var/tmp/juggler-flatpak: ~0.4 GB kept,
#                              ~2.5 GB at peak while the runtime is made); the runtime itself
#                              (~1.1 GB) goes to the --user installation (~/.local/share/flatpak)
#   JUGGLER_FLATPAK_GUI        enabled (default) | disabled: build with -Dgui=disabled and check
#                              only juggler-bench (while the GUI does not build)
#   JUGGLER_FLATPAK_REBUILD_RUNTIME=1   rebuild the runtime even if it is installed
#   JUGGLER_DEBIAN_MIRROR      a Debian mirror URL (default: the host's own apt sources)
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$SRC/tests/flatpak"
WORK=${JUGGLER_FLATPAK_WORK:-/var/tmp/juggler-flatpak}
GUI=${JUGGLER_FLATPAK_GUI:-enabled}
# The runtime's packages come from where the host's apt gets its own, unless told otherwise.
if [ -n "${JUGGLER_DEBIAN_MIRROR:-}" ]; then
  sources=("deb $JUGGLER_DEBIAN_MIRROR bookworm main" "deb $JUGGLER_DEBIAN_MIRROR bookworm-updates main")
else
  sources=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -s "$f" ] && sources+=("$f")
  done
fi

APP_ID=io.github.juggler.Juggler
MANIFEST="$SRC/flatpak/$APP_ID.json"
RT=org.juggler.DebianSdk          # one runtime serves as both sdk and platform
RT_VERSION=12
ARCH=$(uname -m)
RT_REF="runtime/$RT/$ARCH/$RT_VERSION"
REMOTE=juggler-debian

# What the host needs to make the runtime, build, run and bundle.
host_packages=(flatpak flatpak-builder mmdebstrap elfutils appstream-util xvfb xauth x11-utils
               python3)
# The runtime: Juggler's build dependencies, what Debian's flatpak-builder 1.2 runs inside
# (appstream-compose from appstream-util, glib-compile-schemas), and what the tests and the
# app need at run time (fonts, icons, SVG loader, Xvfb for xvfb-run inside, dbus, and
# python3-gi + AT-SPI for accessibility tests), xmllint for gresource xml-stripblanks, and
# the en_US.UTF-8 locale: flatpak-builder builds and tests with LC_ALL=en_US.utf8.
# libsysprof-4-dev: sysprof-capture-4 for the manifest's -Dsysprof=enabled (the GNOME SDK has
# it too), and libsysprof-4, with which the trace-sysprof test receives the marks.
runtime_packages=(
  meson ninja-build gcc libc6-dev pkg-config gettext python3
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libgtksourceview-5-dev libsysprof-4-dev
  desktop-file-utils appstream appstream-util libxml2-utils
  binutils elfutils debugedit
  fonts-dejavu-core fonts-cantarell adwaita-icon-theme hicolor-icon-theme librsvg2-common
  shared-mime-info gsettings-desktop-schemas
  xvfb xauth dbus python3-gi gir1.2-atspi-2.0 at-spi2-core
  locales
)
# Bump when the way the runtime is made changes (not only its package list).
runtime_recipe_version=2

passed=0
failed=0
t_start=$SECONDS
XVFB_PID=""
APP_PID=""

step () { printf '\n=== %s [%ds]\n' "$*" "$((SECONDS - t_start))"; }
pass () { passed=$((passed + 1)); printf 'PASS: %s\n' "$*"; }
fail () { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
finish () {
  printf '\nflatpak offline check took %ds; logs in %s\n' "$((SECONDS - t_start))" "$WORK/logs"
  echo "flatpak: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
# abort WHAT: a step the rest depends on failed.
abort () { fail "$*"; echo "(the steps after this one need it: stopping)"; finish; }
# show_log FILE: the end of a log, after a failure.
show_log () { echo "--- last 60 lines of $1"; tail -n 60 "$1" | sed 's/^/    /'; echo "---"; }

cleanup () {
  if [ -n "$APP_PID" ]; then
    flatpak kill "$APP_ID" >/dev/null 2>&1 || true
    kill "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
export LC_ALL=C.UTF-8
mkdir -p "$WORK/logs" && cd "$WORK" || { echo "cannot create $WORK"; exit 1; }

# ---------------------------------------------------------------------------------------
step "1. host tools: ${host_packages[*]}"
if "$SRC/build-aux/apt-install" "${host_packages[@]}" >"$WORK/logs/apt.log" 2>&1; then
  grep '^installing: ' "$WORK/logs/apt.log" || true
else
  show_log "$WORK/logs/apt.log"
  abort "apt-get install $(sed -n 's/^installing: //p' "$WORK/logs/apt.log")"
fi
echo "$(flatpak --version), flatpak-builder $(flatpak-builder --version | awk '{print $2}'), mmdebstrap $(mmdebstrap --version | awk '{print $2}')"
pass "host tools installed"

# ---------------------------------------------------------------------------------------
step "2. manifest: flatpak-builder --show-manifest and the Flathub rules"
if python3 "$HERE/check-manifest.py" --require-flatpak-builder "$MANIFEST" \
     >"$WORK/logs/check-manifest.log" 2>&1; then
  grep -c '^ok' "$WORK/logs/check-manifest.log" | xargs printf '%s checks ok\n'
  pass "check-manifest.py $APP_ID.json"
else
  cat "$WORK/logs/check-manifest.log"
  fail "check-manifest.py $APP_ID.json"
fi

# ---------------------------------------------------------------------------------------
step "3. runtime $RT//$RT_VERSION from Debian packages"
recipe=$(printf '%s\n' "recipe $runtime_recipe_version" "bookworm ${sources[*]}" \
           "${runtime_packages[@]}" | sha256sum | cut -c1-16)
stamp_rel=share/juggler-runtime-recipe
installed_at=$(flatpak --user info --show-location "$RT//$RT_VERSION" 2>/dev/null || true)
if [ -n "$installed_at" ] && [ "$(cat "$installed_at/files/$stamp_rel" 2>/dev/null)" = "$recipe" ] &&
   [ "${JUGGLER_FLATPAK_REBUILD_RUNTIME:-0}" != 1 ]; then
  echo "installed at $installed_at (recipe $recipe): reused"
  pass "runtime $RT//$RT_VERSION reused"
else
  [ -n "$installed_at" ] && echo "installed runtime has another recipe: rebuilding"
  rt_dir="$WORK/runtime"
  rm -rf "$rt_dir" "$WORK/runtime-repo"
  mkdir -p "$rt_dir/build"
  echo "mmdebstrap --variant=minbase bookworm (${#runtime_packages[@]} packages and their dependencies)..."
  t0=$SECONDS
  if ! timeout 1200 mmdebstrap --variant=minbase --mode=auto \
       --include="$(IFS=,; echo "${runtime_packages[*]}")" \
       --dpkgopt='path-exclude=/usr/share/man/*' \
       --dpkgopt='path-exclude=/usr/share/doc/*' \
       --dpkgopt='path-include=/usr/share/doc/*/copyright' \
       --dpkgopt='path-exclude=/usr/share/info/*' \
       --aptopt='Acquire::Retries "3"' \
       --customize-hook='echo "en_US.UTF-8 UTF-8" >"$1/etc/locale.gen"' \
       --customize-hook='chroot "$1" locale-gen' \
       bookworm "$rt_dir/root" "${sources[@]}" >"$WORK/logs/mmdebstrap.log" 2>&1; then
    show_log "$WORK/logs/mmdebstrap.log"
    abort "mmdebstrap"
  fi
  echo "  root filesystem in $((SECONDS - t0))s: $(du -sh "$rt_dir/root" | cut -f1)"
  # usr -> files/, etc -> files/etc (flatpak shows /usr/etc as /etc)
  mv "$rt_dir/root/usr" "$rt_dir/build/files"
  mv "$rt_dir/root/etc" "$rt_dir/build/files/etc"
  rm -rf "$rt_dir/root"
  rm -f "$rt_dir/build/files/etc/"{hostname,hosts,resolv.conf,machine-id,mtab,localtime}
  printf '# libraries the app installs\n/app/lib\n/app/lib/%s-linux-gnu\n' "$ARCH" \
    >"$rt_dir/build/files/etc/ld.so.conf.d/app.conf"
  echo "$recipe" >"$rt_dir/build/files/$stamp_rel"
  cat >"$rt_dir/build/metadata" <<EOF
[Runtime]
name=$RT
runtime=$RT/$ARCH/$RT_VERSION
sdk=$RT/$ARCH/$RT_VERSION
EOF
  echo "flatpak build-export --runtime..."
  t0=$SECONDS
  if ! { flatpak build-export --runtime --files=files "$WORK/runtime-repo" "$rt_dir/build" \
           "$RT_VERSION" &&
         flatpak build-update-repo "$WORK/runtime-repo"; } >"$WORK/logs/runtime-export.log" 2>&1; then
    show_log "$WORK/logs/runtime-export.log"
    abort "flatpak build-export --runtime"
  fi
  echo "  exported in $((SECONDS - t0))s"
  rm -rf "$rt_dir"
  if flatpak --user remotes --columns=name | grep -qx "$REMOTE"; then
    flatpak --user remote-modify --no-gpg-verify --url="file://$WORK/runtime-repo" "$REMOTE"
  else
    flatpak --user remote-add --no-gpg-verify "$REMOTE" "file://$WORK/runtime-repo"
  fi
  if ! flatpak --user install -y --noninteractive --reinstall "$REMOTE" "$RT_REF" \
       >"$WORK/logs/runtime-install.log" 2>&1; then
    show_log "$WORK/logs/runtime-install.log"
    abort "flatpak --user install $RT_REF"
  fi
  pass "runtime $RT//$RT_VERSION built and installed --user"
fi

# ---------------------------------------------------------------------------------------
step "4. manifest variant on $RT//$RT_VERSION"
mkdir -p "$WORK/manifest"
VARIANT="$WORK/manifest/$APP_ID.json"
if python3 - "$MANIFEST" "$VARIANT" "$SRC" "$RT" "$RT_VERSION" "$GUI" <<'EOF'
import json, os, sys
src_manifest, out, src, rt, version, gui = sys.argv[1:]
with open(src_manifest, encoding="utf-8") as f:
    m = json.load(f)
# Same id, modules, finish-args, build-options and cleanup; only the runtime changes, and
# the dir source points at this tree.
m["runtime"] = m["sdk"] = rt
m["runtime-version"] = version
for mod in m["modules"]:
    if not isinstance(mod, dict):
        continue
    for s in mod.get("sources", []):
        if isinstance(s, dict) and s.get("type") == "dir":
            s["path"] = os.path.normpath(
                os.path.join(os.path.dirname(os.path.abspath(src_manifest)), s["path"]))
    if mod.get("name") == "juggler" and gui == "disabled":
        mod.setdefault("config-opts", []).append("-Dgui=disabled")
        m["command"] = "juggler-bench"
with open(out, "w", encoding="utf-8") as f:
    json.dump(m, f, indent=2)
    f.write("\n")
EOF
then
  if [ "$GUI" = disabled ]; then
    # command is juggler-bench here, so the desktop file's Exec=juggler would not match
    echo "JUGGLER_FLATPAK_GUI=disabled: command juggler-bench, variant not linted"
    pass "variant $VARIANT written"
  elif python3 "$HERE/check-manifest.py" --require-flatpak-builder "$VARIANT" \
       >"$WORK/logs/check-variant.log" 2>&1; then
    pass "variant $VARIANT passes the same checks"
  else
    cat "$WORK/logs/check-variant.log"
    fail "variant $VARIANT passes the same checks"
  fi
else
  abort "generate the manifest variant"
fi

# ---------------------------------------------------------------------------------------
step "5. Xvfb for the tests in the build sandbox and for the app"
for n in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { DPY=$n; break; }
done
Xvfb ":$DPY" -nolisten tcp -screen 0 1280x800x24 >"$WORK/logs/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$DPY" ] && break; sleep 0.1; done
if [ -S "/tmp/.X11-unix/X$DPY" ] && kill -0 "$XVFB_PID" 2>/dev/null; then
  export DISPLAY=":$DPY"
  unset XAUTHORITY WAYLAND_DISPLAY
  pass "Xvfb on $DISPLAY"
else
  show_log "$WORK/logs/xvfb.log"
  abort "Xvfb"
fi

# ---------------------------------------------------------------------------------------
step "6. flatpak-builder: build, meson test inside the sandbox, install --user, export"
t0=$SECONDS
if timeout 1800 flatpak-builder --user --install --force-clean --disable-rofiles-fuse \
     --state-dir="$WORK/state" --repo="$WORK/repo" \
     "$WORK/build-dir" "$VARIANT" >"$WORK/logs/flatpak-builder.log" 2>&1; then
  # meson test's summary, from inside the sandbox
  sed -n '/^Running tests/,/^Full log written/p' "$WORK/logs/flatpak-builder.log" |
    grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Skipped|Timeout|Expected Fail|Unexpected Pass): ' |
    sed 's/^/  /'
  if grep -q '^Running tests' "$WORK/logs/flatpak-builder.log"; then
    pass "app built, its tests passed in the build sandbox ($((SECONDS - t0))s)"
  else
    fail "flatpak-builder ran no tests (run-tests missing from the module?)"
  fi
else
  show_log "$WORK/logs/flatpak-builder.log"
  abort "flatpak-builder (full log: $WORK/logs/flatpak-builder.log)"
fi

if flatpak --user info "$APP_ID" >/dev/null 2>&1; then
  pass "$APP_ID installed ($(flatpak --user info "$APP_ID" | awk -F': *' '/Commit:/{print substr($2,1,12)}'))"
else
  abort "$APP_ID is not installed after flatpak-builder --install"
fi

# ---------------------------------------------------------------------------------------
step "7. juggler-bench inside the sandbox"
run_env=(--env=GSK_RENDERER=cairo --env=GDK_DEBUG=gl-disable --env=GTK_A11Y=none
         --env=NO_AT_BRIDGE=1 --env=GSETTINGS_BACKEND=memory)
if timeout 120 flatpak run --command=juggler-bench "$APP_ID" cpu --size 200x150 --json \
     >"$WORK/logs/bench.jsonl" 2>"$WORK/logs/bench.err" &&
   python3 - "$WORK/logs/bench.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert rows, "no JSON lines"
for r in rows:
    assert r["completed"] == r["jobs"] > 0, r
assert len({r["digest"] for r in rows}) == 1, "strategies disagree on the digest"
print("  %d runs, %d jobs each, one digest %s" % (len(rows), rows[0]["jobs"], rows[0]["digest"][:16]))
EOF
then
  pass "juggler-bench cpu --size 200x150 --json inside the sandbox"
else
  cat "$WORK/logs/bench.err"; head -c 2000 "$WORK/logs/bench.jsonl"
  fail "juggler-bench cpu --size 200x150 --json inside the sandbox"
fi

# ---------------------------------------------------------------------------------------
if [ "$GUI" = disabled ]; then
  step "8. the window: skipped (JUGGLER_FLATPAK_GUI=disabled)"
else
  step "8. flatpak run $APP_ID under Xvfb: the window appears"
  flatpak run "${run_env[@]}" "$APP_ID" >"$WORK/logs/app-window.log" 2>&1 &
  APP_PID=$!
  found=""
  for _ in $(seq 100); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Juggler'; then found=1; break; fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ -n "$found" ]; then
    sleep 1
    xwininfo -root -tree | grep '"Juggler' | head -3 | sed 's/^ */  /'
    if command -v import >/dev/null 2>&1; then
      import -window root "$WORK/logs/window.png" 2>/dev/null &&
        echo "  screenshot: $WORK/logs/window.png"
    fi
  fi
  if [ -n "$found" ] && kill -0 "$APP_PID" 2>/dev/null; then
    pass "the Juggler window is shown by the sandboxed app"
  else
    show_log "$WORK/logs/app-window.log"
    fail "the Juggler window is shown by the sandboxed app"
  fi
  flatpak kill "$APP_ID" >/dev/null 2>&1 || kill "$APP_PID" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=""

  step "9. a CPU run in the sandboxed app: --run-scenario=cpu --quit-when-done --report"
  rundir="$WORK/run"
  rm -rf "$rundir"; mkdir -p "$rundir"
  if timeout 180 flatpak run "${run_env[@]}" --filesystem="$rundir" "$APP_ID" \
       --run-scenario=cpu --strategy=threads --workers=2 --quit-when-done \
       --report="$rundir/report.json" >"$WORK/logs/app-run.log" 2>&1 &&
     python3 - "$rundir/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["jobs"] > 0 and r["completed"] == r["jobs"], "completed %s of %s jobs" % (r.get("completed"), r.get("jobs"))
assert not r.get("cancelled"), "cancelled"
# "speedup" is null without a one-worker baseline; cores_busy is job CPU time over wall time.
print("  %s/%s jobs, strategy %s, %s workers, wall %.2fs, cores busy %.2f" % (
    r["completed"], r["jobs"], r.get("strategy"), r.get("workers"), r.get("wall_s", 0), r.get("cores_busy", 0)))
EOF
  then
    pass "CPU run completed inside the sandbox, report completed == jobs"
  else
    show_log "$WORK/logs/app-run.log"
    [ -f "$rundir/report.json" ] && head -c 1000 "$rundir/report.json" && echo
    fail "CPU run completed inside the sandbox, report completed == jobs"
  fi
fi

# ---------------------------------------------------------------------------------------
step "10. flatpak build-bundle"
bundle="$WORK/$APP_ID.flatpak"
rm -f "$bundle"
if flatpak build-bundle "$WORK/repo" "$bundle" "$APP_ID" master >"$WORK/logs/bundle.log" 2>&1 &&
   [ -s "$bundle" ]; then
  pass "bundle $bundle ($(du -h "$bundle" | cut -f1))"
else
  show_log "$WORK/logs/bundle.log"
  fail "flatpak build-bundle"
fi

finish
