#!/usr/bin/env python3
"""The browser suite: every page of `troupe web` in a real Chromium, on a seeded catalogue.

Usage: check_pages.py PATH/TO/troupe        (`make web-test`; `make test` runs it last)

Seeds a catalogue with `troupe demo --keep` (the simulator's real H.264 clips), adds a few
characters and tags, starts `troupe sim serve` and `troupe web --port 0` on it, opens every page in
Debian's chromium through Playwright and checks that videos play, the composer flags an unknown
@handle with a suggestion, the lineage SVG has one node per video of its tree, no request leaves
the app's own origin on 127.0.0.1 and no console error (a CSP violation shows there) happens.
Saves a screenshot of every page under .build/web-screens/.

With TROUPE_TEST_DATABASE_URL set (`make test` sets it to a throwaway PostgreSQL), the same checks run
a second time, named "postgres: …", on a copy of the catalogue in a fresh schema of that server
(`troupe db copy`, then `troupe web --database URL?schema=web_…` on the same home and vault), plus one
check that no page's HTML holds the database password; their screenshots are saved as pg-*.png.
Unset, that pass is skipped with a note. One closing line counts the checks of both passes.

Outside CI (CI unset) a missing piece (playwright in .venv, chromium, the `web` command) skips the
suite with the reason; under CI=true it fails instead. Environment: TROUPE_CHROMIUM (the browser,
default /usr/bin/chromium), TROUPE_WEB_SCREENS (default .build/web-screens).
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNDER_CI = os.environ.get("CI") == "true"
CHROMIUM = os.environ.get("TROUPE_CHROMIUM", "/usr/bin/chromium")
SCREENS = os.environ.get("TROUPE_WEB_SCREENS", os.path.join(ROOT, ".build", "web-screens"))
POSTGRES = os.environ.get("TROUPE_TEST_DATABASE_URL", "")
TIMEOUT_MS = 15_000


def skip_or_fail(reason):
    """A missing prerequisite: skipped with its reason outside CI, a failure under CI=true."""
    if UNDER_CI:
        print(f"browser suite: FAILED: {reason}", file=sys.stderr)
        sys.exit(1)
    print(f"browser suite: skipped: {reason}")
    sys.exit(0)


class Checks:
    """Named checks, each passed or failed with a reason; the suite fails if any failed. A check's name
    starts with the current `label` (the engine of the pass: "" for SQLite, "postgres: ")."""

    def __init__(self):
        self.passed, self.failed = [], []
        self.label = ""

    def check(self, name, ok, detail=""):
        name = self.label + name
        (self.passed if ok else self.failed).append(name)
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f": {detail}"), flush=True)
        return ok


class Troupe:
    """The CLI on the seeded home."""

    def __init__(self, binary, home):
        self.binary, self.home = binary, home

    def run(self, *args, check=True):
        done = subprocess.run([self.binary, "--home", self.home, *args], capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"troupe {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
        return done

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)


def start(command, pattern, what, log):
    """Starts a server process and waits (30 s at most) for the line giving its URL."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
    found = {}

    def read():
        for line in process.stdout:
            match = re.search(pattern, line)
            if match and "url" not in found:
                found["url"] = match.group(1)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 30
    while "url" not in found:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{what} printed no URL line (exit {process.poll()}); see {log.name}")
        time.sleep(0.05)
    return process, found["url"].rstrip("/")


def stop(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def seed(troupe, scratch):
    """The demo's story (real clips), plus tags, notes and a couple of catalogue-only characters."""
    demo = subprocess.run([troupe.binary, "demo", "--keep", troupe.home, "--latency", "0.05"],
                          capture_output=True, text=True, timeout=300)
    if demo.returncode != 0:
        raise RuntimeError(f"troupe demo exited {demo.returncode}: {demo.stderr.strip()}")
    videos = troupe.json("video", "list")
    # The story's first video (the root of the remix chain the lineage page draws), then the rest.
    first = next(v["pid"] for v in videos if v.get("pid") and "night market" in (v.get("prompt") or ""))
    pids = [first] + [v["pid"] for v in videos if v.get("pid") and v["pid"] != first]
    troupe.run("video", "tag", first, "+keeper", "+night")
    troupe.run("video", "note", first, "the first ride <b>not bold</b>")
    troupe.run("character", "tag", "hero", "+lead")
    troupe.run("character", "add", "dancer", "--url", "https://cdn.example.com/d.mp4", "--clip", "0,3", "--tags", "extra")
    troupe.run("character", "add", "captain", "--id", "captain_001", "--from", pids[1], "--clip", "1,3")
    return pids


def plays(page, selector, checks, name):
    """Plays the first element matching `selector` (muted) and waits for its currentTime to advance."""
    try:
        page.wait_for_selector(selector, state="attached", timeout=TIMEOUT_MS)
        page.eval_on_selector(selector, "v => { v.muted = true; v.play().catch(() => {}); }")
        page.wait_for_function(
            "s => { const v = document.querySelector(s); return v && v.currentTime > 0.3; }", arg=selector, timeout=TIMEOUT_MS)
        return checks.check(name, True)
    except Exception as error:  # noqa: BLE001 — any failure to play is the check failing
        state = page.eval_on_selector(selector, "v => ({src: v.currentSrc, time: v.currentTime, ready: v.readyState, "
                                                "error: v.error && v.error.code})") if page.query_selector(selector) else None
        return checks.check(name, False, f"{error.__class__.__name__}; video state {state}")


def expectations(troupe, pids):
    """What the pages must show, read once from the seeded catalogue (the PostgreSQL copy holds the same)."""
    videos = troupe.json("video", "list")
    lineage = json.loads(troupe.run("lineage", pids[0], "--format", "json").stdout)
    return {
        "pids": pids,
        "with_files": [v for v in videos if isinstance(v.get("asset"), dict)],
        "tasks": troupe.json("task", "list"),
        "lineage": lineage,
        "tree_videos": sorted(n["id"] for n in lineage["nodes"] if n["kind"] == "video"),
    }


def with_schema(url, schema):
    """The URL with ?schema=SCHEMA (replacing any schema it names)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "schema"] + [("schema", schema)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def redacted(url):
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}"))


def serve_postgres(troupe, log, checks):
    """Copies the seeded catalogue into a new schema of $TROUPE_TEST_DATABASE_URL and starts `troupe web`
    on it (same home, so the same vault); (schema, process, URL), the last two None when that failed."""
    schema = "web_" + secrets.token_hex(6)
    url = with_schema(POSTGRES, schema)
    print(f"browser suite: PostgreSQL pass: `troupe db copy` to {redacted(url)}", flush=True)
    copy = troupe.run("db", "copy", "--from", os.path.join(troupe.home, "catalog.sqlite"), "--to", url, check=False)
    if not checks.check("troupe db copy", copy.returncode == 0, f"exit {copy.returncode}: {copy.stderr.strip()}"):
        return schema, None, None
    try:
        web, web_url = start([troupe.binary, "--home", troupe.home, "web", "--database", url, "--port", "0"],
                             r"troupe web: (http://127\.0\.0\.1:\d+)/?", "troupe web --database postgres://…", log)
    except RuntimeError as error:
        checks.check("troupe web starts", False, str(error))
        return schema, None, None
    return schema, web, web_url


def drop_schema(schema):
    """Best effort: the server may be one that outlives the suite. psql knows neither pool= nor schema=."""
    if not shutil.which("psql"):
        return
    parts = urlsplit(POSTGRES)
    base = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in ("schema", "pool")])))
    subprocess.run(["psql", "-X", "-q", "-d", base, "-c", f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'],
                   capture_output=True, timeout=60)


def main():
    if len(sys.argv) != 2:
        print("usage: check_pages.py PATH/TO/troupe", file=sys.stderr)
        sys.exit(64)
    binary = os.path.abspath(sys.argv[1])
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: run `make venv` (pip installs it into .venv)")
    if not os.access(CHROMIUM, os.X_OK):
        skip_or_fail(f"no chromium at {CHROMIUM}: run `make web-deps` (apt-get install chromium)")
    if not os.access(binary, os.X_OK):
        skip_or_fail(f"no troupe binary at {binary}: run `swift build`")
    # An unknown subcommand's --help prints the top-level help, so look for the web command's own.
    if "USAGE: troupe web" not in subprocess.run([binary, "web", "--help"], capture_output=True, text=True).stdout:
        skip_or_fail("this troupe has no `web` command yet")

    os.makedirs(SCREENS, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="troupe-web-suite-")
    home = os.path.join(scratch, "home")
    troupe = Troupe(binary, home)
    log = open(os.path.join(scratch, "servers.log"), "w")
    checks = Checks()
    sim = web = schema = None
    ok = False
    args = ["--autoplay-policy=no-user-gesture-required", "--mute-audio"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox on
    try:
        print("browser suite: seeding a catalogue with `troupe demo`", flush=True)
        pids = seed(troupe, scratch)
        sim, sim_url = start([binary, "sim", "serve", "--port", "0", "--latency", "0.05",
                              "--state", os.path.join(home, "simulator-state.json")],
                             r"listening on (http://127\.0\.0\.1:\d+)", "troupe sim serve", log)
        troupe.run("provider", "set", "sim", "--base-url", sim_url)
        expected = expectations(troupe, pids)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
            print("browser suite: SQLite pass", flush=True)
            web, web_url = start([binary, "--home", home, "web", "--port", "0"],
                                 r"troupe web: (http://127\.0\.0\.1:\d+)/?", "troupe web", log)
            run_pages(browser, web_url, expected, checks)
            stop(web)
            if not POSTGRES:
                print("browser suite: PostgreSQL pass skipped: TROUPE_TEST_DATABASE_URL is unset (`make test` sets it)")
            else:
                checks.label = "postgres: "
                schema, web, web_url = serve_postgres(troupe, log, checks)
                if web:
                    run_pages(browser, web_url, expected, checks, shots="pg-",
                              secret=unquote(urlsplit(POSTGRES).password or ""))
            browser.close()
        ok = not checks.failed
    finally:
        stop(web)
        stop(sim)
        log.close()
        if ok:
            shutil.rmtree(scratch, ignore_errors=True)
            if schema:
                drop_schema(schema)
        else:
            print(f"browser suite: kept {scratch} (servers.log, the seeded home)"
                  + (f" and the PostgreSQL schema {schema}" if schema else ""), file=sys.stderr)
    print(f"browser suite: screenshots in {os.path.relpath(SCREENS, ROOT)}/")
    print(f"browser suite: {len(checks.passed)} checks passed, {len(checks.failed)} failed")
    sys.exit(0 if ok else 1)


def run_pages(browser, web_url, expected, checks, shots="", secret=""):
    """Every page's checks, on one `troupe web`, in a fresh browser context: `shots` prefixes the
    screenshots' names. With `secret`, one more check: no page's HTML (served or rendered) holds it."""
    origin = urlsplit(web_url)
    pids, with_files, tasks = expected["pids"], expected["with_files"], expected["tasks"]
    lineage, tree_videos = expected["lineage"], expected["tree_videos"]

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    outside, errors, html = [], [], []

    def route(route):
        url = urlsplit(route.request.url)
        if (url.scheme, url.hostname, url.port) == (origin.scheme, origin.hostname, origin.port):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: uncaught {e}"))

    def visit(path, name, kind):
        before = len(errors)
        response = page.goto(web_url + path, wait_until="load")
        status = response.status if response else None
        checks.check(f"{name}: GET {path} is 200", status == 200, f"status {status}")
        if secret and response:
            html.append((path, response.text()))
        body = page.get_attribute("body", "data-page")
        checks.check(f"{name}: body data-page={kind}", body == kind, f"data-page={body!r}")
        return before

    def finish(name, before):
        page.wait_for_timeout(300)
        page.screenshot(path=os.path.join(SCREENS, f"{shots}{name}.png"), full_page=True)
        if secret:
            html.append((urlsplit(page.url).path, page.content()))
        new = errors[before:]
        checks.check(f"{name}: no console errors", not new, "; ".join(new[:3]))

    # Cast: a card per character, each showing its clip or its reference image.
    before = visit("/", "cast", "cast")
    handles = page.eval_on_selector_all("article.card[data-handle]", "cards => cards.map(c => c.dataset.handle)")
    checks.check("cast: a card per character", sorted(handles) == sorted(["captain", "dancer", "hero", "owl"]), f"cards {handles}")
    if page.query_selector("article.card[data-handle=hero] video"):
        plays(page, "article.card[data-handle=hero] video", checks, "cast: @hero's clip plays")
    else:
        checks.check("cast: @hero shows its clip or image", page.query_selector("article.card[data-handle=hero] img") is not None)
    finish("cast", before)

    before = visit("/characters/hero", "character", "character")
    checks.check("character: names @hero", "hero" in page.inner_text("body"))
    finish("character", before)

    # Videos: a real player per video with a file, and they play.
    before = visit("/videos", "videos", "videos")
    shown = page.eval_on_selector_all("video[data-pid]", "vs => vs.map(v => v.dataset.pid)")
    # A video without a pid (Veo gives none) is named video#ID, as everywhere else.
    named = sorted(v.get("pid") or f"video#{v['id']}" for v in with_files)
    checks.check("videos: a player per video", sorted(shown) == named, f"players {sorted(shown)}, videos {named}")
    plays(page, f"video[data-pid='{pids[0]}']", checks, "videos: the first video plays")
    finish("videos", before)

    before = visit(f"/videos/{pids[0]}", "video", "video")
    plays(page, "video#player", checks, "video: the player plays")
    checks.check("video: shows the pid and the prompt",
                 pids[0] in page.inner_text("body") and "night market" in page.inner_text("body"))
    checks.check("video: the notes are escaped", page.query_selector("b:text('not bold')") is None)
    finish("video", before)

    # Lineage: one node per video of the tree (a small tree: nothing collapsed).
    before = visit(f"/lineage/{pids[0]}", "lineage", "lineage")
    ids = page.eval_on_selector_all("svg#lineage g.node:not(.collapsed)", "ns => ns.map(n => n.dataset.id)")
    drawn = sorted(i for i in ids if i in tree_videos)
    checks.check("lineage: one node per video of the tree", drawn == tree_videos, f"nodes {sorted(ids)}, videos {tree_videos}")
    checks.check("lineage: nodes link somewhere", page.query_selector("svg#lineage g.node a") is not None)
    checks.check("lineage: edges drawn", len(page.query_selector_all("svg#lineage path.edge")) >= len(lineage["edges"]))
    finish("lineage", before)

    # Compose: a good prompt compiles with a price; an unknown @handle is flagged with a suggestion.
    before = visit("/compose", "compose", "compose")
    page.fill("#prompt", "@hero skateboards past the harbour")
    try:
        page.wait_for_function("() => document.querySelector('#request').textContent.trim().length > 0 "
                               "&& document.querySelectorAll('#problems li.problem').length === 0")
        checks.check("compose: a good prompt shows the request", True)
    except Exception as error:  # noqa: BLE001
        checks.check("compose: a good prompt shows the request", False, str(error).splitlines()[0])
    checks.check("compose: a price shown", page.inner_text("#price").strip() != "")
    page.fill("#prompt", "@heor skateboards past the harbour")
    problem = "#problems li.problem[data-kind=unknownCharacter]"
    try:
        page.wait_for_selector(problem)
        checks.check("compose: an unknown @handle is flagged", "heor" in page.inner_text(problem))
        checks.check("compose: it suggests @hero", page.query_selector(f"{problem} button.suggestion[data-handle=hero]") is not None)
    except Exception as error:  # noqa: BLE001
        checks.check("compose: an unknown @handle is flagged", False, str(error).splitlines()[0])
    finish("compose", before)

    before = visit("/tasks", "tasks", "tasks")
    rows = page.eval_on_selector_all("table#tasks tr[data-task]", "rs => rs.map(r => r.dataset.task)")
    known = sorted(str(t["id"]) for t in tasks)
    checks.check("tasks: a row per task", sorted(rows) == known, f"rows {sorted(rows)}, tasks {known}")
    finish("tasks", before)

    before = visit("/costs", "costs", "costs")
    checks.check("costs: the chart is drawn", page.query_selector("svg#cost-chart") is not None)
    finish("costs", before)

    checks.check("no request left the app's origin on 127.0.0.1", not outside, ", ".join(outside[:5]))
    if secret:
        holding = sorted({path for path, text in html if secret in text})
        checks.check("no page's HTML holds the database password", not holding, f"found on {', '.join(holding)}")
    context.close()


if __name__ == "__main__":
    main()
