#!/usr/bin/env python3
# test-a11y.py: drive the running app through AT-SPI, the way a screen reader or a
# keyboard-only user would: every control has a name, a run starts, switches strategy
# mid-run, makes progress, stops, Preferences opens and closes, the Claims page runs a
# claim, and the app quits.
#
#   xvfb-run -a dbus-run-session -- python3 tests/a11y/test-a11y.py BUILD/src/gui/juggler
#
# Exits 77 (skipped) when AT-SPI is not available. Every wait is bounded.
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import signal
import subprocess
import sys
import time

SKIP = 77
# Every find() walks the whole accessible tree over D-Bus: on a busy 2-core machine one walk
# of the three-page window takes seconds, so the budgets are generous; a hang still fails.
TOTAL_TIMEOUT_S = 240
WAIT_S = 30
SYSTEM_PYTHON = '/usr/bin/python3'

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    # A python3 of its own (pyenv, venv) may lack Debian's python3-gi: try the system one.
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != SYSTEM_PYTHON \
            and 'JUGGLER_A11Y_REEXEC' not in os.environ:
        os.environ['JUGGLER_A11Y_REEXEC'] = '1'
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    print(f'1..0 # SKIP AT-SPI is not available from Python: {e}')
    sys.exit(SKIP)

# Roles of things a user operates or reads, each of which needs a name.
NAMED_ROLES = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON, Atspi.Role.SPIN_BUTTON, Atspi.Role.COMBO_BOX,
    Atspi.Role.SLIDER, Atspi.Role.PROGRESS_BAR, Atspi.Role.IMAGE, Atspi.Role.MENU_ITEM,
    Atspi.Role.TEXT, Atspi.Role.ENTRY,
} | ({Atspi.Role.SWITCH} if hasattr(Atspi.Role, 'SWITCH') else set())

app_process = None
failures = 0
test_number = 0


def log(message):
    print('# ' + message, flush=True)


def ok(condition, description):
    global failures, test_number
    test_number += 1
    print(f'{"ok" if condition else "not ok"} {test_number} {description}', flush=True)
    if not condition:
        failures += 1
    return condition


def bail(message):
    print(f'Bail out! {message}', flush=True)
    stop_app()
    sys.exit(1)


def stop_app():
    if app_process is not None and app_process.poll() is None:
        app_process.kill()
        app_process.wait(5)


def on_alarm(signum, frame):
    bail(f'took longer than {TOTAL_TIMEOUT_S} s')


def wait_until(predicate, timeout_s, interval_s=0.05):
    """Polls predicate until it returns something true; returns it, or None on timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            result = predicate()
        except gi.repository.GLib.Error as e:
            # The tree changes under our feet while the app relayouts: try again.
            log(f'AT-SPI: {e.message}')
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval_s)


def walk(node, max_depth=60):
    if node is None or max_depth == 0:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk(node.get_child_at_index(i), max_depth - 1)


def showing(node):
    # GTK 4.8 sets VISIBLE, not SHOWING, on what is on screen.
    states = node.get_state_set()
    return states.contains(Atspi.StateType.VISIBLE) or states.contains(Atspi.StateType.SHOWING)


def find(root, role, name):
    for node in walk(root):
        if node.get_role() == role and node.get_name() == name and showing(node):
            return node
    return None


def not_in_pages(node):
    """The header bar's and the bottom bar's controls (Start, Stop, the view switcher) are
    never inside a page's or the sidebar's scrolled content: no need to walk those."""
    return node.get_role() == Atspi.Role.SCROLL_PANE


def find_in_bars(root, role, name):
    return find_pruned(root, role, name, not_in_pages)


def find_pruned(root, role, name, prune=None, last_first=False, max_depth=60):
    """Like find(), but never below a node for which prune(node) is true, and with
    last_first, the last children first: one walk of the whole tree takes seconds, a walk
    that goes straight for the part it needs a fraction of that."""
    if root is None or max_depth == 0:
        return None
    if root.get_role() == role and root.get_name() == name and showing(root):
        return root
    if prune is not None and prune(root):
        return None
    count = root.get_child_count()
    for i in (range(count - 1, -1, -1) if last_first else range(count)):
        found = find_pruned(root.get_child_at_index(i), role, name, prune, last_first,
                            max_depth - 1)
        if found is not None:
            return found
    return None


def find_all(root, role, name):
    return [node for node in walk(root)
            if node.get_role() == role and node.get_name() == name and showing(node)]


def find_all_pruned(root, role, name, prune, max_depth=60):
    if root is None or max_depth == 0:
        return []
    found = []
    if root.get_role() == role and root.get_name() == name and showing(root):
        found.append(root)
    if prune(root):
        return found
    for i in range(root.get_child_count()):
        found += find_all_pruned(root.get_child_at_index(i), role, name, prune, max_depth - 1)
    return found


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        child = desktop.get_child_at_index(i)
        if child is not None and child.get_process_id() == pid:
            return child
    return None


def find_window(app, name):
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_name() == name:
            return window
    return None


def on_screen(node):
    """VISIBLE in GTK 4.8 only means the widget's visible property: hidden pages and
    unmapped parts of libadwaita widgets have it too, but they have no size."""
    if not showing(node):
        return False
    if 'Component' not in node.get_interfaces():
        return True
    extents = Atspi.Component.get_extents(node, Atspi.CoordType.WINDOW)
    return extents.width > 0 and extents.height > 0


def unnamed_controls(node, in_named_control=False):
    """Controls without an accessible name. GTK 4.8 falls back to the type name
    ("GtkImage"), which counts as no name. An image inside a named control (a button's
    icon, a drop-down's arrow) is decoration and needs none."""
    missing = []
    if node is None:
        return missing
    role = node.get_role()
    name = (node.get_name() or '').strip()
    has_name = bool(name) and not (name.startswith(('Gtk', 'Adw')) and ' ' not in name)
    if role in NAMED_ROLES and on_screen(node):
        if not has_name and not (role == Atspi.Role.IMAGE and in_named_control):
            parent = node.get_parent()
            missing.append(f'{node.get_role_name()} "{name}" in {parent.get_role_name()} '
                           f'"{parent.get_name()}"')
    if has_name and role in NAMED_ROLES | {Atspi.Role.PAGE_TAB, Atspi.Role.LIST_ITEM}:
        in_named_control = True
    for i in range(node.get_child_count()):
        missing += unnamed_controls(node.get_child_at_index(i), in_named_control)
    return missing


def progress(bar):
    """The progress bar's fraction, from the Value interface."""
    if 'Value' not in bar.get_interfaces():
        return None
    return Atspi.Value.get_current_value(bar)


def click(node):
    if node is None or 'Action' not in node.get_interfaces():
        return False
    return Atspi.Action.get_n_actions(node) > 0 and Atspi.Action.do_action(node, 0)


def pressed(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)


def main():
    global app_process

    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} PATH/TO/juggler', file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TOTAL_TIMEOUT_S)

    # flatpak-builder runs the suite in a sandbox whose X socket is remapped and whose
    # session bus is not the accessibility bus: the host's CI runs this test instead.
    if os.path.exists('/.flatpak-info'):
        print('1..0 # SKIP inside a Flatpak build sandbox')
        return SKIP
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP no D-Bus session bus (run under dbus-run-session)')
        return SKIP
    # D-Bus calls into the app fail after 5 s instead of the default 25 s.
    Atspi.set_timeout(5000, 15000)

    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.update({
        'GTK_A11Y': 'atspi',
        'GSETTINGS_BACKEND': 'memory',
        'GSK_RENDERER': 'cairo',
        'GDK_DEBUG': 'gl-disable',
    })
    env.setdefault('GSETTINGS_SCHEMA_DIR', os.path.join(build_dir, 'data'))

    # A workload that takes many seconds, so the run is still going when we switch and
    # stop it; two workers, so the switch is a real change of threads.
    app_process = subprocess.Popen([binary, '--iterations=40000', '--workers=2'], env=env)

    app = wait_until(lambda: find_app(app_process.pid), 20, 0.2)
    if app is None:
        if app_process.poll() is not None:
            bail(f'the app exited with status {app_process.returncode}')
        bail('the app did not appear on the AT-SPI bus within 20 s')
    # The main window is the app's first frame; its title may carry the page shown.
    window = wait_until(lambda: app.get_child_count() > 0 and app.get_child_at_index(0), WAIT_S)
    if window is None:
        bail('the app shows no window')
    log(f'main window: {window.get_role_name()} “{window.get_name()}”')

    start = wait_until(lambda: find_in_bars(window, Atspi.Role.PUSH_BUTTON, 'Start'), WAIT_S)
    ok(start is not None, 'the Start button is found by its name')
    buttons = {}
    for name in ('Worker Threads', 'Main-Loop Slices', 'Block the UI Thread', 'Global Lock'):
        buttons[name] = find(window, Atspi.Role.TOGGLE_BUTTON, name) or \
                        find(window, Atspi.Role.PUSH_BUTTON, name)
        ok(buttons[name] is not None, f'the strategy button “{name}” is found by its name')
    bar = find(window, Atspi.Role.PROGRESS_BAR, 'Run Progress')
    ok(bar is not None, 'the progress bar is found by its name')
    if start is None or bar is None or None in buttons.values():
        bail('cannot drive the window without these')

    missing = unnamed_controls(window)
    for m in missing:
        log(f'no accessible name: {m}')
    ok(not missing, 'every control in the main window has an accessible name')

    ok(pressed(buttons['Worker Threads']), 'Worker Threads is the selected strategy')
    before = progress(bar)
    ok(before is not None and before == 0, f'the progress bar starts at 0 ({before})')

    ok(click(start), 'Start can be activated')
    stop = wait_until(lambda: find_in_bars(window, Atspi.Role.PUSH_BUTTON, 'Stop'), WAIT_S)
    ok(stop is not None, 'the run started: the button is now called Stop')

    first = wait_until(lambda: (p := progress(bar)) and p > 0 and p, 20)
    ok(first is not None, f'the progress bar advances under Worker Threads ({first})')

    ok(click(buttons['Main-Loop Slices']), 'Main-Loop Slices can be activated mid-run')
    ok(wait_until(lambda: pressed(buttons['Main-Loop Slices']), 5) is not None,
       'Main-Loop Slices is now the selected strategy')
    ok(not pressed(buttons['Worker Threads']), 'Worker Threads is no longer selected')
    ok(find_in_bars(window, Atspi.Role.PUSH_BUTTON, 'Stop') is not None,
       'the run goes on after the switch')

    after = first or 0
    second = wait_until(lambda: (p := progress(bar)) and p > after and p, 20)
    ok(second is not None, f'the progress bar advances after the switch ({after} → {second})')

    if stop is not None:
        ok(click(stop), 'Stop can be activated')
        ok(wait_until(lambda: find_in_bars(window, Atspi.Role.PUSH_BUTTON, 'Start'), 15) is not None,
           'the run stopped: the button is called Start again')

    # Preferences, through the primary menu as a keyboard or screen reader user would.
    # GtkMenuButton shows as a named container with the named button inside: press that.
    menu_buttons = find_all_pruned(window, Atspi.Role.PUSH_BUTTON, 'Main Menu', not_in_pages) or \
                   find_all_pruned(window, Atspi.Role.TOGGLE_BUTTON, 'Main Menu', not_in_pages)
    menu_button = menu_buttons[-1] if menu_buttons else None
    ok(menu_button is not None and click(menu_button), 'the main menu opens')
    item = wait_until(lambda: find(app, Atspi.Role.MENU_ITEM, 'Preferences'), 5)
    ok(item is not None and click(item), 'the menu has a Preferences item')
    preferences = wait_until(lambda: find_window(app, 'Preferences'), WAIT_S)
    ok(preferences is not None, 'the Preferences window opens')
    if preferences is not None:
        for name in ('Low-Priority Workers', 'Tint Tiles by Worker'):
            node = wait_until(lambda: find(preferences, Atspi.Role.CHECK_BOX, name), 5)
            ok(node is not None, f'Preferences has a switch named “{name}”')
        # One check button per progress mode, named by its row (GTK 4.8 reports a grouped
        # check button as a check box; later versions may call it a radio button).
        for name in ('Coalesced', 'Per Event'):
            node = find(preferences, Atspi.Role.RADIO_BUTTON, name) or \
                   find(preferences, Atspi.Role.CHECK_BOX, name)
            ok(node is not None, f'Preferences has a progress mode named “{name}”')
        missing = unnamed_controls(preferences)
        for m in missing:
            log(f'no accessible name: {m}')
        ok(not missing, 'every control in Preferences has an accessible name')
        close = find(preferences, Atspi.Role.PUSH_BUTTON, 'Close')
        ok(close is not None and click(close), 'Preferences can be closed')
        ok(wait_until(lambda: find_window(app, 'Preferences') is None, 5) is not None,
           'the Preferences window is gone')

    # The Claims page, by the view switcher as a user would.
    def claims_tab():
        for switcher_tab in find_all_pruned(window, Atspi.Role.PAGE_TAB, 'Claims', not_in_pages):
            if on_screen(switcher_tab):
                return switcher_tab
        return None

    tab = wait_until(claims_tab, WAIT_S)
    ok(tab is not None and click(tab), 'the Claims tab of the view switcher can be activated')
    # The Claims page is the view stack's last page: a walk that takes last children first
    # meets it before the other pages' content. Its rows are built once it is shown.
    page = wait_until(lambda: find_pruned(window, Atspi.Role.PANEL, 'Claims', last_first=True),
                      WAIT_S)
    ok(page is not None, 'the Claims page is found by its name')
    run_button = None
    if page is not None:
        claims_list = wait_until(lambda: find(page, Atspi.Role.LIST, 'Claims'), WAIT_S)
        ok(claims_list is not None, 'the Claims page lists the claims')
        ok(find(page, Atspi.Role.PUSH_BUTTON, 'Run All') is not None,
           'the Claims page has a Run All button')
        ok(find(page, Atspi.Role.CHECK_BOX, 'Quick sizes') is not None,
           'the Claims page has a Quick sizes check box')
        # The rows after the first few come one a frame: wait for the whole list, whose
        # claims all have a link but one.
        def watch_links():
            return [node for node in walk(claims_list) if claims_list is not None and
                    node.get_role() == Atspi.Role.PUSH_BUTTON and
                    (node.get_name() or '').startswith('Watch it live')]
        wait_until(lambda: len(watch_links()) >= 13 or None, WAIT_S)
        # The race experiment: a fraction of a second at its full sizes.
        run_name = 'Run: Threads need locks; an event loop needs none.'
        run_button = find(claims_list, Atspi.Role.PUSH_BUTTON, run_name) if claims_list else None
        ok(run_button is not None, f'a claim has a Run button named “{run_name}”')
        # Each claim's "Watch it live" link says what it opens, the page and the strategy,
        # and which claim it belongs to in its description: 13 links, not two names.
        watch = watch_links()
        names = [node.get_name() for node in watch]
        pairs = {(node.get_name(), node.get_description()) for node in watch}
        log(f'watch links: {names}')
        ok(len(watch) == 13, f'every measurable claim but one has a Watch it live link ({len(watch)})')
        ok(all(re.fullmatch(r'Watch it live on the (CPU|Network) page: \S.*', name)
               for name in names),
           'each Watch it live link names the page and the strategy it opens')
        ok('Watch it live on the CPU page: A Thread per Job' in names and
           'Watch it live on the Network page: Async on the Main Loop' in names,
           'the links name the strategies the claims show')
        ok(len(set(names)) >= 6 and len(pairs) == len(watch) and
           all(node.get_description() for node in watch),
           'the links are told apart by strategy and, in their descriptions, by claim')
        missing = unnamed_controls(page)
        for m in missing:
            log(f'no accessible name: {m}')
        ok(not missing, 'every control on the Claims page has an accessible name')
    if run_button is not None:
        ok(click(run_button), 'the claim\'s Run button can be activated')
        # Run buttons are insensitive while an experiment runs, and sensitive once it is done.
        sensitive = lambda: run_button.get_state_set().contains(Atspi.StateType.SENSITIVE)
        ran = wait_until(lambda: not sensitive() or 'busy', 10)
        done = wait_until(sensitive, WAIT_S)
        ok(ran is not None and done is not None, 'the claim\'s experiment runs and finishes')

    # Quit through the menu; the process must end by itself.
    ok(click(menu_button), 'the main menu opens again')
    item = wait_until(lambda: find(app, Atspi.Role.MENU_ITEM, 'Quit'), 5)
    try:
        quit_clicked = item is not None and click(item)
    except gi.repository.GLib.Error as error:
        # The app may be gone before it answers the call that made it go.
        quit_clicked = 'disconnected' in error.message
    ok(quit_clicked, 'Quit can be activated')
    try:
        status = app_process.wait(10)
    except subprocess.TimeoutExpired:
        status = None
    ok(status == 0, f'the app quits with status 0 ({status})')

    print(f'1..{test_number}', flush=True)
    stop_app()
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
