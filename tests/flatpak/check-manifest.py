#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a Flatpak manifest the way Flathub would, offline.

    check-manifest.py [--require-flatpak-builder] MANIFEST.json
    check-manifest.py --self-test        (the rules against known good and bad cases)

1. `G_DEBUG=fatal-warnings flatpak-builder --show-manifest MANIFEST` must succeed
   (flatpak-builder warns about unknown keys; fatal-warnings turns that into a failure).
2. Our own copy of the main Flathub linter rules (Flathub's linter cannot be installed here):
   app id form, manifest file name, command, finish-args combinations, cleanup,
   build-args, and the names of the desktop file, metainfo and icons found in data/.

Output is TAP on stdout. Exit status: 0 all passed, 1 a check failed, 77 (meson's "skip")
when every rule passed but flatpak-builder is not installed, so --show-manifest could not
run -- unless --require-flatpak-builder is given (or JUGGLER_REQUIRE_FLATPAK_BUILDER=1 is
in the environment, as build-aux/dev test sets it), which turns the missing tool into a
failure. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Permissions that need a written reason. Add "ARG": "why" here, never silently.
EXCEPTIONS = {}

# Code hosting domains whose app ids must be DOMAIN.USER.REPO (Flathub rule
# appid-code-hosting-too-few-components); com.github & co. are io.github & co. on Flathub.
CODE_HOSTS = ("io.github.", "io.gitlab.", "io.sourceforge.", "io.frama.",
              "page.codeberg.", "com.github.", "com.gitlab.", "org.gitlab.",
              "net.sourceforge.", "org.codeberg.")
OLD_CODE_HOSTS = {"com.github.": "io.github.", "com.gitlab.": "io.gitlab.",
                  "net.sourceforge.": "io.sourceforge.", "org.codeberg.": "page.codeberg."}

BROAD_FILESYSTEMS = {"host", "host-os", "host-etc", "home", "/", "~"}
BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}
USUAL_CLEANUP = ("/include", "/lib/pkgconfig", "*.la", "*.a")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.n += 1
        if not ok:
            self.failed += 1
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.n, what)
        print(line)
        if detail and not ok:
            for d in str(detail).rstrip().splitlines():
                print("#   " + d)
        sys.stdout.flush()
        return ok

    def note(self, text):
        for d in text.rstrip().splitlines():
            print("# " + d)


def strip_json_comments(text):
    """flatpak-builder (json-glib) accepts /* */ and // comments; json.loads does not."""
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load_manifest(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(strip_json_comments(text))


def app_id_problems(app_id):
    problems = []
    if not isinstance(app_id, str) or not app_id:
        return ["no app id (key 'id' or 'app-id')"]
    if len(app_id) > 255:
        problems.append("longer than 255 characters")
    parts = app_id.split(".")
    if len(parts) < 3:
        problems.append("needs at least 3 components (reverse DNS), has %d" % len(parts))
    for i, p in enumerate(parts):
        if not p:
            problems.append("empty component")
        elif not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*" if i < len(parts) - 1
                              else r"[A-Za-z_][A-Za-z0-9_-]*", p):
            problems.append("component %r: letters, digits and _ only, not starting with a "
                            "digit ('-' only in the last component)" % p)
    if parts and parts[0] != parts[0].lower():
        problems.append("the top-level domain %r must be lower case" % parts[0])
    if parts[-1].lower() == "desktop":
        problems.append("must not end in .desktop (Flathub: appid-ends-with-lowercase-desktop)")
    for old, new in OLD_CODE_HOSTS.items():
        if app_id.startswith(old):
            problems.append("%s* ids are %s* on Flathub" % (old, new))
    for host in CODE_HOSTS:
        if app_id.startswith(host):
            rest = app_id[len(host):].split(".")
            if len(rest) < 2 or not all(rest):
                problems.append("%s* ids must be %sUSER.REPO (at least 4 components)"
                                % (host, host))
    return problems


def split_arg(arg):
    if "=" in arg:
        k, v = arg.split("=", 1)
        return k, v
    return arg, None


def finish_args_problems(args):
    problems = []
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return ["finish-args must be a list of strings"]
    seen = set()
    sockets, shares, devices = set(), set(), set()
    for a in args:
        if a in seen:
            problems.append("duplicate %s" % a)
        seen.add(a)
        if not a.startswith("--"):
            problems.append("%r is not an option" % a)
            continue
        if a in EXCEPTIONS:
            continue
        k, v = split_arg(a)
        if k == "--socket" and v:
            sockets.add(v)
        elif k == "--share" and v:
            shares.add(v)
        elif k == "--device" and v:
            devices.add(v)
        elif k == "--filesystem" and v is not None:
            base = v.split(":", 1)[0].rstrip("/") or "/"
            if base in BROAD_FILESYSTEMS:
                problems.append("%s: no access to the whole host or home "
                                "(use a portal, or xdg-* directories)" % a)
        elif k in ("--talk-name", "--own-name", "--system-talk-name", "--system-own-name"):
            if v and v.startswith("org.freedesktop.Flatpak"):
                problems.append("%s: escaping the sandbox (flatpak-spawn --host) is not "
                                "allowed" % a)
            if v in ("*", "org.*", "org.freedesktop.*"):
                problems.append("%s: wildcard bus names are not allowed" % a)
    if "x11" in sockets and "wayland" in sockets:
        problems.append("--socket=x11 together with --socket=wayland: use "
                        "--socket=fallback-x11 with --socket=wayland")
    if "x11" in sockets and "fallback-x11" in sockets:
        problems.append("--socket=x11 together with --socket=fallback-x11")
    if "fallback-x11" in sockets and "wayland" not in sockets:
        problems.append("--socket=fallback-x11 without --socket=wayland")
    if ("x11" in sockets or "fallback-x11" in sockets) and "ipc" not in shares:
        problems.append("X11 without --share=ipc (MIT-SHM needs it)")
    if "session-bus" in sockets:
        problems.append("--socket=session-bus: full session bus access; use --talk-name")
    if "system-bus" in sockets:
        problems.append("--socket=system-bus: full system bus access; use --system-talk-name")
    if "all" in devices:
        problems.append("--device=all without a written reason (add it to EXCEPTIONS in "
                        "tests/flatpak/check-manifest.py); --device=dri is enough for GPU")
    return problems


def cleanup_lists(manifest):
    """Yield (where, list) for the top level and every module, recursively."""
    yield "top level", manifest.get("cleanup", [])
    yield "top level cleanup-platform", manifest.get("cleanup-platform", [])

    def walk(modules, trail):
        for m in modules or []:
            if not isinstance(m, dict):
                continue  # a string names a separate file; not followed here
            name = trail + [str(m.get("name", "?"))]
            yield "module " + "/".join(name), m.get("cleanup", [])
            yield from walk(m.get("modules"), name)
    yield from walk(manifest.get("modules"), [])


def modules_flat(modules):
    for m in modules or []:
        if isinstance(m, dict):
            yield m
            yield from modules_flat(m.get("modules"))


def build_options_everywhere(manifest):
    bo = manifest.get("build-options")
    if isinstance(bo, dict):
        yield "top level", bo
    for m in modules_flat(manifest.get("modules")):
        bo = m.get("build-options")
        if isinstance(bo, dict):
            yield "module " + str(m.get("name", "?")), bo


def source_root_of(manifest, manifest_path):
    """The tree the app module builds: its first 'dir' source, else the manifest's parent."""
    mdir = os.path.dirname(os.path.abspath(manifest_path))
    for m in modules_flat(manifest.get("modules")):
        for s in m.get("sources", []) or []:
            if isinstance(s, dict) and s.get("type") == "dir" and s.get("path"):
                return os.path.normpath(os.path.join(mdir, s["path"]))
    return os.path.dirname(mdir)


def data_file_problems(app_id, command, root):
    """Desktop file, metainfo and icons in data/ must be named after the app id."""
    problems, found = [], []
    data = os.path.join(root, "data")
    if not os.path.isdir(data):
        return problems, found
    # meson installs these files under app_id (.Devel too), so a placeholder stem is fine
    allowed_stems = (app_id, app_id + ".Devel", "APP_ID", "@APP_ID@")
    for dirpath, dirnames, filenames in os.walk(data):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fn in filenames:
            rel = os.path.relpath(os.path.join(dirpath, fn), root)
            base = re.sub(r"(\.in)+$", "", fn)
            if base.endswith(".desktop"):
                found.append(rel)
                if base[:-len(".desktop")] not in allowed_stems:
                    problems.append("%s: the desktop file must be named %s.desktop"
                                    % (rel, app_id))
                problems.extend(desktop_content_problems(os.path.join(dirpath, fn), rel,
                                                         app_id, command))
            elif re.search(r"\.(metainfo|appdata)\.xml$", base):
                found.append(rel)
                stem = re.sub(r"\.(metainfo|appdata)\.xml$", "", base)
                if stem not in allowed_stems:
                    problems.append("%s: the metainfo file must be named %s.metainfo.xml"
                                    % (rel, app_id))
                if base.endswith(".appdata.xml"):
                    problems.append("%s: use .metainfo.xml, not the old .appdata.xml" % rel)
            elif "/icons/" in "/" + rel.replace(os.sep, "/") and \
                    "/apps" in dirpath.replace(os.sep, "/"):
                if not base.endswith((".png", ".svg")):
                    continue
                found.append(rel)
                stem = re.sub(r"\.(png|svg)$", "", base)
                ok = re.sub(r"-symbolic$", "", stem) in allowed_stems
                if not ok:
                    problems.append("%s: app icons must be named %s.svg/.png (or "
                                    "%s-symbolic.svg)" % (rel, app_id, app_id))
    return problems, found


def desktop_content_problems(path, rel, app_id, command):
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        return ["%s: unreadable: %s" % (rel, e)]
    in_entry = False
    keys = {}
    for line in lines:
        s = line.strip()
        if s.startswith("["):
            in_entry = s == "[Desktop Entry]"
            continue
        if in_entry and "=" in s and not s.startswith("#"):
            k, v = s.split("=", 1)
            keys.setdefault(k.strip(), v.strip())
    icon = keys.get("Icon")
    if icon is not None and not (icon in (app_id, app_id + ".Devel") or "@" in icon):
        problems.append("%s: Icon=%s, must be the app id %s" % (rel, icon, app_id))
    exe = keys.get("Exec")
    if exe is not None and command and "@" not in exe:
        prog = os.path.basename(exe.split()[0]) if exe.split() else ""
        if prog != command:
            problems.append("%s: Exec runs %r, the manifest's command is %r"
                            % (rel, prog, command))
    return problems


def self_test():
    """The rules above catch what they should, and pass what they should (no tools needed)."""
    t = Tap()
    good_ids = ["io.github.juggler.Juggler", "org.gnome.Calculator", "org.example.My_App",
                "org.example.App",
                "io.github.some_user.some-repo"]
    bad_ids = ["io.github.Juggler", "com.github.juggler.Juggler", "juggler", "org.juggler",
               "org.example.App.desktop", "org.1example.App", "org.ex-ample.App",
               "Org.example.App", "org..App", "", "io.github.some-user.repo"]
    for i in good_ids:
        t.check(not app_id_problems(i), "app id %r accepted" % i, app_id_problems(i))
    for i in bad_ids:
        t.check(bool(app_id_problems(i)), "app id %r rejected" % i)
    good_args = [["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
                  "--share=network"],
                 ["--share=ipc", "--socket=x11"],
                 ["--socket=wayland", "--filesystem=xdg-download", "--talk-name=org.a.B"]]
    bad_args = [["--share=ipc", "--socket=x11", "--socket=wayland"],
                ["--share=ipc", "--socket=fallback-x11"],
                ["--share=ipc", "--socket=x11", "--socket=fallback-x11", "--socket=wayland"],
                ["--socket=wayland", "--filesystem=host"],
                ["--socket=wayland", "--filesystem=host:ro"],
                ["--socket=wayland", "--filesystem=home"],
                ["--socket=wayland", "--filesystem=~/"],
                ["--socket=wayland", "--filesystem=/"],
                ["--socket=wayland", "--device=all"],
                ["--socket=x11"],
                ["--socket=wayland", "--socket=session-bus"],
                ["--socket=wayland", "--talk-name=org.freedesktop.Flatpak"],
                ["--socket=wayland", "--socket=wayland"],
                ["socket=wayland"]]
    for a in good_args:
        t.check(not finish_args_problems(a), "finish-args %s accepted" % " ".join(a),
                finish_args_problems(a))
    for a in bad_args:
        t.check(bool(finish_args_problems(a)), "finish-args %s rejected" % " ".join(a))

    app = "io.github.juggler.Juggler"
    cases = [({"APP_ID.desktop.in": "[Desktop Entry]\nExec=juggler\nIcon=@APP_ID@\n",
               app + ".metainfo.xml.in": "",
               "icons/hicolor/scalable/apps/" + app + ".svg": "",
               "icons/hicolor/symbolic/apps/" + app + "-symbolic.svg": ""}, True),
             ({"juggler.desktop": "[Desktop Entry]\nExec=juggler\nIcon=" + app + "\n"}, False),
             ({app + ".desktop": "[Desktop Entry]\nExec=juggler\nIcon=juggler\n"}, False),
             ({app + ".desktop": "[Desktop Entry]\nExec=other %U\nIcon=" + app + "\n"}, False),
             ({app + ".appdata.xml": ""}, False),
             ({"juggler.metainfo.xml": ""}, False),
             ({"icons/hicolor/scalable/apps/juggler.svg": ""}, False)]
    for files, good in cases:
        with tempfile.TemporaryDirectory() as root:
            for name, text in files.items():
                fp = os.path.join(root, "data", name)
                os.makedirs(os.path.dirname(fp), exist_ok=True)
                with open(fp, "w", encoding="utf-8") as f:
                    f.write(text)
            probs, _ = data_file_problems(app, "juggler", root)
        t.check(not probs if good else bool(probs),
                "data files %s %s" % (", ".join(files), "accepted" if good else "rejected"),
                probs)
    print("1..%d" % t.n)
    return 1 if t.failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("manifest", help="the manifest, or --self-test to test the rules")
    ap.add_argument("--require-flatpak-builder", action="store_true",
                    help="fail instead of skipping when flatpak-builder is missing")
    opts = ap.parse_args()
    t = Tap()
    path = opts.manifest

    try:
        manifest = load_manifest(path)
    except (OSError, ValueError) as e:
        t.check(False, "manifest %s parses as JSON" % path, e)
        print("1..%d" % t.n)
        return 1
    t.check(isinstance(manifest, dict), "manifest %s parses as a JSON object" % path)
    if not isinstance(manifest, dict):
        print("1..%d" % t.n)
        return 1

    # 1. flatpak-builder's own parser, with warnings (unknown keys) made fatal.
    fb = shutil.which("flatpak-builder")
    fb_missing = fb is None
    if fb_missing:
        t.note("flatpak-builder is not installed: --show-manifest not run")
    else:
        env = dict(os.environ, G_DEBUG="fatal-warnings")
        # flatpak-builder leaves .flatpak-builder/ccache in its working directory: not in
        # the source tree, please.
        with tempfile.TemporaryDirectory(prefix="check-manifest-") as scratch:
            p = subprocess.run([fb, "--show-manifest", os.path.abspath(path)], env=env,
                               cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        ok = p.returncode == 0 and not p.stderr.strip()
        detail = "exit %d\n%s" % (p.returncode, p.stderr)
        shown = None
        if ok:
            try:
                shown = json.loads(p.stdout)
            except ValueError as e:
                ok = False
                detail = "its output is not JSON: %s" % e
        t.check(ok, "G_DEBUG=fatal-warnings flatpak-builder --show-manifest", detail)
        if shown is not None:
            t.check(shown.get("id", shown.get("app-id")) ==
                    manifest.get("id", manifest.get("app-id")),
                    "flatpak-builder reads the same app id")

    # 2. Flathub's main rules, our copy.
    app_id = manifest.get("id", manifest.get("app-id"))
    probs = app_id_problems(app_id)
    t.check(not probs, "app id %s is reverse DNS, well formed" % app_id, "\n".join(probs))

    base = os.path.basename(path)
    want = ("%s.json" % app_id, "%s.yml" % app_id, "%s.yaml" % app_id)
    t.check(base in want, "manifest file is named after the app id",
            "%s should be %s" % (base, want[0]))

    for key in ("runtime", "sdk"):
        t.check(isinstance(manifest.get(key), str) and manifest.get(key),
                "%s is set" % key)
    rv = manifest.get("runtime-version")
    t.check(isinstance(rv, str) and rv != "", "runtime-version is a non-empty string",
            "runtime-version is %r" % (rv,))

    command = manifest.get("command")
    t.check(isinstance(command, str) and command.strip() != "" and " " not in command,
            "command is present and is one program",
            "command is %r" % (command,))

    probs = finish_args_problems(manifest.get("finish-args", []))
    t.check(not probs, "finish-args follow the Flathub rules", "\n".join(probs))

    probs = []
    for where, lst in cleanup_lists(manifest):
        if not isinstance(lst, list):
            probs.append("%s: cleanup must be a list" % where)
            continue
        for c in lst:
            if isinstance(c, str) and c.rstrip("/").startswith("/lib/debug"):
                probs.append("%s: cleanup removes %s, which Flathub needs for the "
                             ".Debug extension" % (where, c))
    t.check(not probs, "no /lib/debug in any cleanup", "\n".join(probs))

    top_cleanup = manifest.get("cleanup", []) or []
    missing = [c for c in USUAL_CLEANUP if c not in top_cleanup]
    t.check(not missing, "top-level cleanup has the usual entries",
            "missing: %s" % ", ".join(missing))

    probs = []
    for where, bo in build_options_everywhere(manifest):
        for a in bo.get("build-args", []) or []:
            if a == "--share=network":
                probs.append("%s: build-args --share=network (Flathub builds offline)"
                             % where)
        for a in bo.get("test-args", []) or []:
            k, v = split_arg(a)
            if k == "--filesystem" and v and v.split(":", 1)[0] in BROAD_FILESYSTEMS:
                probs.append("%s: test-args %s" % (where, a))
    t.check(not probs, "build-options: no network during the build", "\n".join(probs))

    mods = list(modules_flat(manifest.get("modules")))
    probs = []
    if not mods:
        probs.append("no modules")
    for m in mods:
        if not m.get("name"):
            probs.append("a module has no name")
        bs = m.get("buildsystem", "autotools")
        if bs not in BUILDSYSTEMS:
            probs.append("module %s: unknown buildsystem %r" % (m.get("name"), bs))
        for s in m.get("sources", []) or []:
            if isinstance(s, dict) and s.get("type") in ("archive", "file") and s.get("url") \
                    and not s.get("sha256") and not s.get("sha512"):
                probs.append("module %s: %s has no sha256" % (m.get("name"), s.get("url")))
            if isinstance(s, dict) and s.get("type") == "git" and s.get("url") \
                    and not s.get("commit") and not s.get("tag"):
                probs.append("module %s: git source %s has neither commit nor tag"
                             % (m.get("name"), s.get("url")))
    t.check(not probs, "modules are named, use a known buildsystem, pin their sources",
            "\n".join(probs))

    root = source_root_of(manifest, path)
    # flatpak-builder keeps its state in .flatpak-builder/ of the directory it runs in, the
    # source tree when built as the README says: git must not offer it for a commit.
    ignore = os.path.join(root, ".gitignore") if root else None
    if ignore and os.path.exists(ignore):
        with open(ignore, encoding="utf-8") as f:
            patterns = [line.strip().strip("/") for line in f]
        t.check(".flatpak-builder" in patterns, ".flatpak-builder/ is git-ignored",
                "%s has no /.flatpak-builder/ line" % ignore)
    if isinstance(app_id, str):
        probs, found = data_file_problems(app_id, command, root)
        t.note("data files checked in %s: %s" % (root, ", ".join(found) or "none yet"))
        t.check(not probs, "desktop file, metainfo and icons are named after the app id",
                "\n".join(probs))

    print("1..%d" % t.n)
    if t.failed:
        print("# %d of %d checks failed" % (t.failed, t.n))
        return 1
    if fb_missing:
        if opts.require_flatpak_builder or \
                os.environ.get("JUGGLER_REQUIRE_FLATPAK_BUILDER") == "1":
            print("# flatpak-builder is required (--require-flatpak-builder) but not installed")
            return 1
        print("# SKIP: all %d rules passed, but flatpak-builder is not installed "
              "(apt-get install flatpak-builder)" % t.n)
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
