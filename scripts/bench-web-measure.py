"""Times the pages of a running `troupe web` for `scripts/bench-web`, and Chromium's first paint.

Usage: python scripts/bench-web-measure.py URL TREE_ROOT SEARCH [RUNS] [LOADS]

Server side: a Python http.client on loopback, one kept-alive connection (as a browser keeps
one); each sample is the time from sending the request to having read the whole body, after
20 warm-up requests; RUNS samples (200) per URL, p50/p90 in ms. Every answer is checked (status
200, 60 cards, 60 JSON videos, the 1,000-node tree; `?expand=all` draws every node) so a fast error page can never pass.
Browser side: Debian's chromium through Playwright, LOADS (10) cold loads of /videos, each in a
fresh context (empty cache), `first-contentful-paint` from the Performance API; the median.
"""

import http.client
import json
import os
import statistics
import sys
import time
from urllib.parse import quote, urlparse

CHROMIUM = os.environ.get("TROUPE_CHROMIUM", "/usr/bin/chromium")
WARMUP = 20


def percentile(samples: list, fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple:
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    return time.perf_counter() - start, response.status, body


def check(path: str, status: int, body: bytes) -> None:
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}: {body[:300]!r}")
    text = body.decode()
    if path.startswith("/videos"):
        cards = text.count('<article class="vcard">')
        if cards != 60:
            raise SystemExit(f"{path}: {cards} video cards, expected 60")
    elif path.startswith("/api/videos"):
        count = len(json.loads(text)["videos"])
        if count != 60:
            raise SystemExit(f"{path}: {count} videos, expected 60")
    elif path.startswith("/api/lineage/"):
        count = len(json.loads(text)["nodes"])
        if count != 1000:
            raise SystemExit(f"{path}: {count} nodes, expected 1,000")
    elif path.startswith("/lineage/"):
        if '<svg id="lineage"' not in text or "1000 videos" not in text:
            raise SystemExit(f"{path}: no lineage SVG of 1,000 videos")
        drawn = text.count('<g class="node video')
        if path.endswith("expand=all") and drawn != 1000:
            raise SystemExit(f"{path}: {drawn} video nodes drawn, expected 1,000")


def server_side(url: str, paths: list, runs: int) -> list:
    parsed = urlparse(url)
    rows = []
    for path in paths:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        for _ in range(WARMUP):
            _, status, body = fetch(connection, path)
            check(path, status, body)
        samples = []
        for _ in range(runs):
            seconds, status, body = fetch(connection, path)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            samples.append(seconds * 1000)
        connection.close()
        rows.append((path, percentile(samples, 0.5), percentile(samples, 0.9), len(body)))
        print(f"  {path}: p50 {rows[-1][1]:.1f} ms", file=sys.stderr)
    return rows


def first_paint(url: str, loads: int) -> list:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    paints = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(url + "/videos", wait_until="load")
            page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
            paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            context.close()
        browser.close()
    return paints


def main() -> None:
    url, root, search = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    loads = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    word = quote(search)
    paths = ["/videos", f"/videos?search={word}", "/api/videos?limit=60", f"/api/videos?limit=60&search={word}",
             f"/lineage/{root}", f"/lineage/{root}?expand=all", f"/api/lineage/{root}"]
    load_before = open("/proc/loadavg").read().split()[:3]
    rows = server_side(url, paths, runs)
    paints = first_paint(url, loads)
    load_after = open("/proc/loadavg").read().split()[:3]

    targets = {"/videos": 50, "/api/videos": 50, "/lineage/": 200, "/api/lineage/": 200}
    print(f"{'request':52s} {'p50':>8s} {'p90':>8s} {'bytes':>9s}  target (p50)")
    for path, p50, p90, size in rows:
        target = next(limit for prefix, limit in sorted(targets.items(), key=lambda item: -len(item[0])) if path.startswith(prefix))
        verdict = "met" if p50 <= target else "MISSED"
        print(f"{path:52s} {p50:6.1f}ms {p90:6.1f}ms {size:9d}  ≤ {target} ms: {verdict}")
    median = statistics.median(paints)
    print(f"first contentful paint of /videos, median of {len(paints)} cold loads: {median:.0f} ms "
          f"(min {min(paints):.0f}, max {max(paints):.0f})  ≤ 1000 ms: {'met' if median <= 1000 else 'MISSED'}")
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
